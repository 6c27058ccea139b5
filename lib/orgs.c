/*
 * orgs.c - the register of social organisations: which kinds are
 * registered social organisations, who is on the register on a day, who
 * must file an annual report for a year, the rules of the annual reports
 * and of growth (from the policy), the working-day calendar of a site,
 * and the register listing of org-report --list.
 *
 * The growth figures, their document and the merge of several sites'
 * reports are in orgs-growth.c; the annual-report filings and listings in
 * annual.c.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* The org.kind words registered with a civil-affairs office, from the
 * vocabulary (WS_SO_REG), filled on first use. */
static const char *reg_kinds[16];

const char *const *
ws_org_reg_kinds(void)
{
	const struct ws_word *w;
	size_t n = 0;

	if (reg_kinds[0] != NULL)
		return reg_kinds;
	for (w = ws_vocab; w->list != NULL; w++)
		if (strcmp(w->list, "org.kind") == 0 && (w->so & WS_SO_REG) &&
		    n + 1 < sizeof reg_kinds / sizeof reg_kinds[0])
			reg_kinds[n++] = w->name;
	return reg_kinds;
}

int
ws_org_on_register(const char *registered, const char *deregistered,
    const char *day)
{
	return registered != NULL && strcmp(registered, day) <= 0 &&
	    (deregistered == NULL || strcmp(deregistered, day) > 0);
}

void
ws_annual_rules(struct ws_annual_rules *r, const struct ws_policy *p)
{
	const struct ws_annual_policy *a = &p->annual;

	memset(r, 0, sizeof *r);
	r->due_month = (int)a->due_month;
	r->due_day = (int)a->due_day;
	r->review_days = (int)a->review_days;
	r->resubmit_days = (int)a->resubmit_days;
	r->kinds = a->kinds != NULL && a->kinds[0] != NULL ?
	    (const char *const *)a->kinds : ws_org_reg_kinds();
	r->growth_pct = a->growth_pct;
	r->brand_target = a->brands;
}

void
ws_annual_due(const struct ws_annual_rules *r, int year, char out[11])
{
	long d;
	/* a due_day past the month's end runs into the next month */
	char first[32];

	snprintf(first, sizeof first, "%04d-%02d-01", (year + 1) % 10000,
	    r->due_month % 100);
	d = ws_date_days(first) + r->due_day - 1;
	ws_days_date(d, out);
}

/*
 * Why an organisation (the row o of org) need not report for a year, or
 * NULL when it must: its kind is not one that reports, it has no
 * registration date, it registered after the year ended, or it was
 * deregistered by the deadline.  The one rule of who reports, as SQL so
 * that a listing filters in the query; bound by ws_annual_bind.
 */
const char ws_annual_why_sql[] =
    "CASE WHEN instr(:kinds, ',' || o.kind || ',') = 0 THEN 'kind' "
    "WHEN o.registered IS NULL THEN 'unregistered' "
    "WHEN o.registered > :yend THEN 'later' "
    "WHEN o.deregistered <= :due THEN 'deregistered' END";

void
ws_annual_bind(sqlite3_stmt *st, const struct ws_annual_rules *r, int year)
{
	ws_buf kinds = {0};
	char yend[11], due[11];
	size_t i;

	ws_buf_addc(&kinds, ',');
	for (i = 0; r->kinds[i] != NULL; i++)
		ws_buf_printf(&kinds, "%s,", r->kinds[i]);
	snprintf(yend, sizeof yend, "%04u-12-31", (unsigned)year % 10000);
	ws_annual_due(r, year, due);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":kinds"),
	    ws_buf_str(&kinds), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":yend"),
	    yend, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":due"), due,
	    -1, SQLITE_TRANSIENT);
	ws_buf_free(&kinds);
}

sqlite3_stmt *
ws_annual_query(sqlite3 *db, const struct ws_annual_rules *r, int year,
    const char *fmt)
{
	sqlite3_stmt *st;
	char *sql = ws_asprintf(fmt, ws_annual_why_sql);
	int i;

	st = ws_prepare(db, sql);
	free(sql);
	ws_annual_bind(st, r, year);
	if ((i = sqlite3_bind_parameter_index(st, ":year")) > 0)
		sqlite3_bind_int(st, i, year);
	return st;
}

void
ws_orgs_header(ws_doc *d, const char *align, const char *const *cols)
{
	ws_doc_table(d, align);
	ws_doc_row(d, 0);
	for (; *cols != NULL; cols++)
		ws_doc_text(d, ws_tr(*cols));
}

int
ws_annual_required(sqlite3 *db, const struct ws_annual_rules *r,
    const char *org, int year, char why[160])
{
	sqlite3_stmt *st;
	char due[11];
	const char *w;
	int rc = 0;

	st = ws_annual_query(db, r, year, "SELECT %s, o.kind, o.registered, "
	    "o.deregistered FROM org o WHERE o.code = :org");
	ws_bind_text(st, sqlite3_bind_parameter_index(st, ":org"), org);
	ws_annual_due(r, year, due);
	if (ws_step(st) != SQLITE_ROW) {
		snprintf(why, 160, "no such organisation in the directory");
		rc = -1;
	} else if ((w = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		rc = 1;
		if (strcmp(w, "kind") == 0)
			snprintf(why, 160, "a %s does not file annual reports",
			    sqlite3_column_text(st, 1));
		else if (strcmp(w, "unregistered") == 0)
			snprintf(why, 160, "no registration date on the "
			    "register");
		else if (strcmp(w, "later") == 0)
			snprintf(why, 160, "registered %s, after %d ended",
			    sqlite3_column_text(st, 2), year);
		else
			snprintf(why, 160, "deregistered %s, by the deadline "
			    "%s", sqlite3_column_text(st, 3), due);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ----------------------------------------------------------- calendar */

void
ws_cal_load(sqlite3 *db)
{
	sqlite3_stmt *st;
	long d;

	ws_cal_clear();
	ws_cal_official();
	st = ws_prepare(db, "SELECT day, workday FROM calendar_day");
	while (ws_step(st) == SQLITE_ROW)
		if ((d = ws_date_days((const char *)sqlite3_column_text(st,
		    0))) >= 0)
			ws_cal_set(d, sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
}

long
ws_cal_deadline(long day, int n, char beyond[11])
{
	static int year = -1;
	static long after;	/* the first day after the calendar's year */
	long d = ws_cal_add_workdays(day, n);
	char s[16];

	if (year != ws_cal_last_year()) {
		year = ws_cal_last_year();
		snprintf(s, sizeof s, "%04d-01-01", (year + 1) % 10000);
		after = ws_date_days(s);
	}
	if (d >= after) {
		ws_days_date(d, s);
		if (beyond[0] == '\0' || strcmp(s, beyond) < 0)
			memcpy(beyond, s, 11);
	}
	return d;
}

/* ------------------------------------------------------------ listing */

ws_doc *
ws_org_list(sqlite3 *db, const struct ws_annual_rules *r, const char *asof)
{
	sqlite3_stmt *st;
	static const char *const list_cols[] = { "org", "name", "kind",
	    "county", "supervisor_unit", "registered", "hub", "brand_since",
	    "report_year", "report", NULL };
	ws_doc *d;
	char title[64], due[11];
	const char *reg, *dereg, *kind, *state;
	int year = atoi(asof) - 1, flag;

	snprintf(title, sizeof title, "%s %s", ws_tr("Register of social "
	    "organisations as of"), asof);
	d = ws_doc_new(title);
	ws_annual_due(r, year, due);
	snprintf(title, sizeof title, "%s %d: %s %s", ws_tr("Annual report"),
	    year, ws_tr("due"), due);
	ws_doc_note(d, title);
	ws_orgs_header(d, "llllllllll", list_cols);
	st = ws_annual_query(db, r, year, "SELECT o.code, o.name, o.kind, "
	    "o.county, o.supervisor_unit, o.registered, o.deregistered, "
	    "o.hub, o.brand_since, a.state, a.first, a.submitted, "
	    "a.returned, a.reviewed, a.conclusion, %s FROM org o "
	    "LEFT JOIN annual_report a ON a.year = :year AND a.org = o.code "
	    "ORDER BY o.code");
	while (ws_step(st) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 2);
		reg = (const char *)sqlite3_column_text(st, 5);
		dereg = (const char *)sqlite3_column_text(st, 6);
		if (!ws_vocab_is_registered(kind) ||
		    !ws_org_on_register(reg, dereg, asof))
			continue;
		state = sqlite3_column_type(st, 15) != SQLITE_NULL ?
		    "not_required" : ws_annual_status(st, 9, r, year, asof);
		flag = strcmp(state, "overdue") == 0 ||
		    strcmp(state, "resubmit_overdue") == 0;
		ws_doc_row(d, flag ? WS_ROW_FLAGGED : 0);
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 0));
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 1));
		ws_doc_text(d, kind);
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 3));
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 4));
		ws_doc_date(d, reg);
		ws_doc_text(d, sqlite3_column_int(st, 7) ? "yes" : "no");
		ws_doc_date(d, (const char *)sqlite3_column_text(st, 8));
		ws_doc_count(d, year);
		ws_doc_text(d, state);
	}
	sqlite3_finalize(st);
	return d;
}
