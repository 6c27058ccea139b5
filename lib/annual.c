/*
 * annual.c - social organisations' annual reports (年度工作报告): the
 * filing events (received, sent back, reviewed), and the office's
 * listings: each organisation's standing for a year, who has not
 * reported, the reviews waiting, and the abnormal-activity and
 * spot-check lists.
 *
 * The standing of a report is one row of annual_report, changed by the
 * same transaction that adds its event to annual_event:
 *
 *   (none) --submit--> received --accept--> reviewed
 *                         |  ^
 *                   return|  |submit
 *                         v  |
 *                       returned
 *
 * Any other event is refused.  On time or late is judged on the first
 * receipt; a returned report that is resubmitted within the policy's
 * resubmit_working_days keeps that first date.  Working days come from
 * the calendar (ws_cal_load) and count as ws_cal_add_workdays does.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* ------------------------------------------------------------ filing */

/* Refuse an event out of order: fmt takes the org code and a hint. */
static int
refuse(ws_err *e, const char *field, const char *fmt, const char *a,
    const char *b)
{
	return ws_err_set(e, EX_DATAERR, field, fmt, a, b);
}

int
ws_annual_record(sqlite3 *db, const struct ws_annual_rules *r,
    const struct ws_annual_event *ev, ws_err *e)
{
	sqlite3_stmt *st;
	char yend[11], today[11], why[160], *state = NULL, *last = NULL;
	const char *bad;
	int rc;

	if (ev->year < 1900 || ev->year > 2998)
		return ws_err_set(e, EX_DATAERR, "year", "%d: not a report "
		    "year (expected 1900 to 2998)", ev->year);
	if ((bad = ws_check_date(ev->date)) != NULL)
		return ws_err_set(e, EX_DATAERR, "date", "'%s': %s",
		    ev->date, bad);
	snprintf(yend, sizeof yend, "%04d-12-31", ev->year);
	if (strcmp(ev->date, yend) <= 0)
		return ws_err_set(e, EX_DATAERR, "date", "'%s': before the "
		    "year %d ends (expected a date after %s)", ev->date,
		    ev->year, yend);
	ws_today(today);
	if (strcmp(ev->date, today) > 0)
		return ws_err_set(e, EX_DATAERR, "date", "'%s': in the future "
		    "(today is %s)", ev->date, today);
	if ((rc = ws_annual_required(db, r, ev->org, ev->year, why)) < 0)
		return ws_err_set(e, EX_DATAERR, "org", "'%s': %s", ev->org,
		    why);
	if (rc > 0)
		return ws_err_set(e, EX_DATAERR, "org", "'%s': need not "
		    "report for %d (%s)", ev->org, ev->year, why);

	st = ws_prepare(db, "SELECT a.state, (SELECT max(date) FROM "
	    "annual_event v WHERE v.org = ?1 AND v.year = ?2) "
	    "FROM annual_report a WHERE a.org = ?1 AND a.year = ?2");
	ws_bind_text(st, 1, ev->org);
	sqlite3_bind_int(st, 2, ev->year);
	if (ws_step(st) == SQLITE_ROW) {
		state = ws_strdup((const char *)sqlite3_column_text(st, 0));
		last = ws_strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);

	if (last != NULL && strcmp(ev->date, last) < 0)
		rc = refuse(e, "date", "'%s': before the report's last "
		    "event on %s (expected events in date order)", ev->date,
		    last);
	else if (state != NULL && strcmp(state, "reviewed") == 0)
		rc = refuse(e, "org", "'%s': the report for this year is "
		    "already reviewed%s", ev->org, "");
	else if (ev->kind == WS_AR_SUBMIT && state != NULL &&
	    strcmp(state, "received") == 0)
		rc = refuse(e, "org", "'%s': a report is already received "
		    "and waits for review%s", ev->org, " (expected --accept "
		    "or --return first)");
	else if (ev->kind != WS_AR_SUBMIT && state == NULL)
		rc = refuse(e, "org", "'%s': no report received for this "
		    "year%s", ev->org, " (expected --submit first)");
	else if (ev->kind != WS_AR_SUBMIT && strcmp(state, "returned") == 0)
		rc = refuse(e, "org", "'%s': the report was returned and not "
		    "resubmitted since%s", ev->org, " (expected --submit "
		    "first)");
	else if (ev->kind == WS_AR_RETURN && (ev->reason == NULL ||
	    *ev->reason == '\0'))
		rc = ws_err_set(e, EX_DATAERR, "reason", "missing (a returned "
		    "report says what to correct)");
	else if (ev->kind == WS_AR_ACCEPT && ev->conclusion == NULL)
		rc = ws_err_set(e, EX_DATAERR, "conclusion", "missing "
		    "(expected qualified, basically_qualified or "
		    "unqualified)");
	else if (ev->kind == WS_AR_ACCEPT &&
	    ws_word_index(ev->conclusion, ws_annual_conclusions) < 0)
		rc = ws_err_set(e, EX_DATAERR, "conclusion", "'%s': unknown "
		    "(expected qualified, basically_qualified or "
		    "unqualified)", ev->conclusion);
	free(last);
	if (rc != 0) {
		free(state);
		return rc;
	}

	st = ws_prepare(db, "INSERT INTO annual_event (org, year, event, "
	    "date, reason, conclusion) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	ws_bind_text(st, 1, ev->org);
	sqlite3_bind_int(st, 2, ev->year);
	ws_bind_text(st, 3, ws_annual_events[ev->kind]);
	ws_bind_text(st, 4, ev->date);
	ws_bind_text(st, 5, ev->kind == WS_AR_RETURN ? ev->reason : NULL);
	ws_bind_text(st, 6, ev->kind == WS_AR_ACCEPT ? ev->conclusion : NULL);
	ws_step(st);
	sqlite3_finalize(st);
	if (state == NULL)
		st = ws_prepare(db, "INSERT INTO annual_report (org, year, "
		    "state, first, submitted) VALUES (?1, ?2, 'received', "
		    "?3, ?3)");
	else if (ev->kind == WS_AR_SUBMIT)
		st = ws_prepare(db, "UPDATE annual_report SET state = "
		    "'received', submitted = ?3, returned = NULL, reason = "
		    "NULL WHERE org = ?1 AND year = ?2");
	else if (ev->kind == WS_AR_RETURN)
		st = ws_prepare(db, "UPDATE annual_report SET state = "
		    "'returned', returned = ?3, reason = ?4 "
		    "WHERE org = ?1 AND year = ?2");
	else
		st = ws_prepare(db, "UPDATE annual_report SET state = "
		    "'reviewed', reviewed = ?3, conclusion = ?5 "
		    "WHERE org = ?1 AND year = ?2");
	free(state);
	ws_bind_text(st, 1, ev->org);
	sqlite3_bind_int(st, 2, ev->year);
	ws_bind_text(st, 3, ev->date);
	if (sqlite3_bind_parameter_count(st) >= 4)
		ws_bind_text(st, 4, ev->reason);
	if (sqlite3_bind_parameter_count(st) >= 5)
		ws_bind_text(st, 5, ev->conclusion);
	ws_step(st);
	sqlite3_finalize(st);
	return 0;
}

/* The columns of a filing event read from a stream. */
static const char *const event_cols[] = { "event", "org", "year", "date",
	"reason", "conclusion", NULL };
enum { EV_EVENT, EV_ORG, EV_YEAR, EV_DATE, EV_REASON, EV_CONCLUSION };
static const char *const event_req[] = { "event", "org", "year", "date",
	NULL };

/* One event: read (v) or given with options (ab->tmpl). */
static int
event_record(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_annual_batch *ab = arg;
	struct ws_annual_event ev;
	ws_err e = {0};
	int64_t y;
	const char *bad = "missing";

	if (ab->tmpl != NULL)
		ev = *ab->tmpl;
	else {
		memset(&ev, 0, sizeof ev);
		ev.org = v[EV_ORG];
		ev.date = v[EV_DATE];
		ev.reason = v[EV_REASON];
		ev.conclusion = v[EV_CONCLUSION];
		ev.kind = v[EV_EVENT] != NULL ?
		    ws_word_index(v[EV_EVENT], ws_annual_events) : -1;
		if (ev.kind < 0)
			ws_err_set(&e, EX_DATAERR, "event", "'%s': unknown "
			    "(expected submit, return or accept)",
			    v[EV_EVENT] ? v[EV_EVENT] : "");
		else if (v[EV_YEAR] == NULL || (bad = ws_parse_int(v[EV_YEAR],
		    1900, 2998, &y)) != NULL)
			ws_err_set(&e, EX_DATAERR, "year", "%s", bad);
		else if (ev.org == NULL || ev.date == NULL)
			ws_err_set(&e, EX_DATAERR, ev.org ? "date" : "org",
			    "missing");
		else
			ev.year = (int)y;
	}
	if (e.code == 0 && ws_annual_record(ab->db, ab->r, &ev, &e) == 0)
		return 0;
	if (ab->tmpl != NULL)
		ws_err_warn(&e);
	else
		ws_batch_err(b, e.field, e.msg);
	ws_err_clear(&e);
	return 1;
}

void
ws_annual_batch_spec(struct ws_batch_spec *s, struct ws_annual_batch *ab)
{
	ab->db = s->db;
	s->arg = ab;
	s->record = event_record;
	if (ab->tmpl != NULL)
		return;
	s->cols = event_cols;
	s->flags = WS_BATCH_HEADER | WS_BATCH_KEYS;
	s->required = event_req;
	s->why = "an event names what, which organisation, which year and "
	    "when";
	s->empty = "no events in the input (expected a header line naming "
	    "the columns, then one event a line)";
}

int
ws_annual_batch_run(ws_batch *b, struct ws_annual_batch *ab, ws_err *e)
{
	if (ab->tmpl == NULL)
		return ws_batch_run(b, e);
	ws_batch_one(b, NULL);
	return ws_batch_end(b, e);
}

/* ---------------------------------------------------------- standing */

/* One organisation's report for a year, as of a day. */
struct standing {
	const char *status;	/* pending overdue received returned
				 * resubmit_overdue reviewed */
	char submitted[11];	/* latest receipt, "" if none */
	char first[11];		/* first receipt, "" if none */
	char review_due[11];	/* received or reviewed: the review's day */
	char resubmit_due[11];	/* returned: the resubmission's day */
	const char *conclusion;	/* reviewed: the conclusion */
	long days_late;		/* calendar days past the deadline */
};

/* Copy a column's text into out[11] ("" for NULL). */
static void
coldate(sqlite3_stmt *st, int i, char out[11])
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t n = s != NULL ? strlen(s) : 0;

	if (n > 10)
		n = 10;
	memcpy(out, s != NULL ? s : "", n);
	out[n] = '\0';
}

/*
 * The standing from the annual_report columns state, first, submitted,
 * returned, reviewed, conclusion at st's columns c..c+5 (all NULL when
 * there is no report), as of asof (day number ad), with the deadline on
 * day dd.  Events dated
 * after asof are left out as far as the standing allows: a report first
 * received after asof is not received, a return or review after asof not
 * yet made.  The one place the rules of standing live.
 */
static void
standing(sqlite3_stmt *st, int c, const struct ws_annual_rules *r,
    long dd, long ad, const char *asof, char beyond[11], struct standing *s)
{
	const char *state = (const char *)sqlite3_column_text(st, c);
	char returned[11], reviewed[11];
	long fd;

	memset(s, 0, sizeof *s);
	coldate(st, c + 1, s->first);
	coldate(st, c + 2, s->submitted);
	coldate(st, c + 3, returned);
	coldate(st, c + 4, reviewed);
	if (state == NULL || strcmp(s->first, asof) > 0) {
		s->first[0] = s->submitted[0] = '\0';
		s->status = ad > dd ? "overdue" : "pending";
		s->days_late = ad > dd ? ad - dd : 0;
		return;
	}
	if (strcmp(s->submitted, asof) > 0)
		memcpy(s->submitted, s->first, 11);
	fd = ws_date_days(s->first);
	s->days_late = fd > dd ? fd - dd : 0;
	if (strcmp(state, "returned") == 0 && strcmp(returned, asof) <= 0) {
		ws_days_date(ws_cal_deadline(ws_date_days(returned),
		    r->resubmit_days, beyond), s->resubmit_due);
		s->status = strcmp(asof, s->resubmit_due) > 0 ?
		    "resubmit_overdue" : "returned";
		return;
	}
	ws_days_date(ws_cal_deadline(ws_date_days(s->submitted),
	    r->review_days, beyond), s->review_due);
	if (strcmp(state, "reviewed") == 0 && strcmp(reviewed, asof) <= 0) {
		s->status = "reviewed";
		s->conclusion = (const char *)sqlite3_column_text(st, c + 5);
	} else
		s->status = "received";
}

const char *
ws_annual_status(sqlite3_stmt *st, int c, const struct ws_annual_rules *r,
    int year, const char *asof)
{
	struct standing s;
	char due[11], beyond[11] = "";

	ws_annual_due(r, year, due);
	standing(st, c, r, ws_date_days(due), ws_date_days(asof), asof,
	    beyond, &s);
	return s.status;
}

static ws_doc *
newdoc(const char *what, int year, const char *asof)
{
	char title[160];

	if (year > 0)
		snprintf(title, sizeof title, "%s %d, %s %s", ws_tr(what), year,
		    ws_tr("as of"), asof);
	else
		snprintf(title, sizeof title, "%s, %s %s", ws_tr(what),
		    ws_tr("as of"), asof);
	return ws_doc_new(title);
}

static const char *const status_cols[] = { "org", "name", "kind", "status",
	"submitted", "review_due", "conclusion", "days_late", NULL };
static const char *const due_cols[] = { "org", "name", "kind", "status",
	"deadline", "days_late", NULL };
static const char *const abnormal_cols[] = { "org", "name", "kind",
	"reason", "deadline", "submitted", "days_late", NULL };
static const char *const review_cols[] = { "org", "name", "year",
	"submitted", "review_due", "days_overdue", NULL };

ws_doc *
ws_annual_list(sqlite3 *db, const struct ws_annual_rules *r, int what,
    int year, const char *asof, struct ws_annual_result *res)
{
	sqlite3_stmt *st;
	struct standing s;
	ws_doc *d;
	char due[11], note[200];
	const char *kind, *reason, *deadline;
	long dd, ad;
	int flag;

	memset(res, 0, sizeof *res);
	ws_annual_due(r, year, due);
	dd = ws_date_days(due);
	ad = ws_date_days(asof);
	if (what == WS_AR_REVIEWS)
		return ws_annual_reviews(db, r, asof, res);
	d = newdoc(what == WS_AR_STATUS ? "Annual reports" :
	    what == WS_AR_DUE ? "Annual reports not received" :
	    "Abnormal-activity and spot-check lists", year, asof);
	snprintf(note, sizeof note, "%s: %s; %s: %d; %s: %d", ws_tr("deadline"),
	    due, ws_tr("review_working_days"), r->review_days,
	    ws_tr("resubmit_working_days"), r->resubmit_days);
	ws_doc_note(d, note);
	ws_orgs_header(d, what == WS_AR_STATUS ? "llllllll" : what == WS_AR_DUE ?
	    "llllll" : "lllllll", what == WS_AR_STATUS ? status_cols :
	    what == WS_AR_DUE ? due_cols : abnormal_cols);
	st = ws_annual_query(db, r, year, "SELECT o.code, o.name, o.kind, "
	    "a.state, a.first, a.submitted, a.returned, a.reviewed, "
	    "a.conclusion FROM org o LEFT JOIN annual_report a "
	    "ON a.year = :year AND a.org = o.code WHERE (%s) IS NULL "
	    "ORDER BY o.code");
	while (ws_step(st) == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 2);
		standing(st, 3, r, dd, ad, asof, res->beyond, &s);
		reason = NULL;
		deadline = due;
		if (what == WS_AR_DUE) {
			if (strcmp(s.status, "pending") != 0 &&
			    strcmp(s.status, "overdue") != 0 &&
			    strcmp(s.status, "returned") != 0 &&
			    strcmp(s.status, "resubmit_overdue") != 0)
				continue;
			if (s.resubmit_due[0] != '\0')
				deadline = s.resubmit_due;
		} else if (what == WS_AR_ABNORMAL) {
			if (strcmp(asof, due) <= 0)
				break;
			if (s.first[0] == '\0')
				reason = "not_received";
			else if (strcmp(s.first, due) > 0)
				reason = "late";
			else if (strcmp(s.status, "resubmit_overdue") == 0) {
				reason = "not_resubmitted";
				deadline = s.resubmit_due;
			} else
				continue;
		}
		flag = strcmp(s.status, "overdue") == 0 ||
		    strcmp(s.status, "resubmit_overdue") == 0 ||
		    reason != NULL;
		res->rows++;
		res->flagged += flag;
		ws_doc_row(d, flag ? WS_ROW_FLAGGED : 0);
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 0));
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 1));
		ws_doc_text(d, kind);
		if (what == WS_AR_ABNORMAL) {
			ws_doc_text(d, reason);
			ws_doc_date(d, deadline);
			ws_doc_date(d, s.first);
		} else {
			ws_doc_text(d, s.status);
			if (what == WS_AR_STATUS) {
				ws_doc_date(d, s.submitted);
				ws_doc_date(d, s.review_due);
				ws_doc_text(d, s.conclusion);
			} else
				ws_doc_date(d, deadline);
		}
		ws_doc_count(d, s.days_late);
	}
	sqlite3_finalize(st);
	return d;
}

/* A report waiting for review. */
struct review {
	char *org, *name;	/* allocated */
	int year;
	char submitted[11], due[11];
};

/* Overdue first: by the review's day, then org and year. */
static int
bydue(const void *a, const void *b)
{
	const struct review *x = a, *y = b;
	int c;

	if ((c = strcmp(x->due, y->due)) != 0 ||
	    (c = strcmp(x->org, y->org)) != 0)
		return c;
	return (x->year > y->year) - (x->year < y->year);
}

ws_doc *
ws_annual_reviews(sqlite3 *db, const struct ws_annual_rules *r,
    const char *asof, struct ws_annual_result *res)
{
	sqlite3_stmt *st;
	struct review *v = NULL;
	size_t n = 0, i;
	long late;
	ws_doc *d;

	/* received as of asof: not returned or reviewed by then */
	st = ws_prepare(db, "SELECT a.org, o.name, a.year, a.submitted, "
	    "a.first FROM annual_report a JOIN org o ON o.code = a.org "
	    "WHERE a.first <= ?1 AND (a.state = 'received' OR "
	    "(a.state = 'returned' AND a.returned > ?1) OR "
	    "(a.state = 'reviewed' AND a.reviewed > ?1))");
	sqlite3_bind_text(st, 1, asof, -1, SQLITE_STATIC);
	while (ws_step(st) == SQLITE_ROW) {
		v = ws_realloc(v, (n + 1) * sizeof *v);
		v[n].org = ws_strdup((const char *)sqlite3_column_text(st, 0));
		v[n].name = ws_strdup((const char *)sqlite3_column_text(st, 1));
		v[n].year = sqlite3_column_int(st, 2);
		coldate(st, 3, v[n].submitted);
		if (strcmp(v[n].submitted, asof) > 0)
			coldate(st, 4, v[n].submitted);
		ws_days_date(ws_cal_deadline(ws_date_days(v[n].submitted),
		    r->review_days, res->beyond), v[n].due);
		n++;
	}
	sqlite3_finalize(st);
	qsort(v, n, sizeof *v, bydue);
	d = newdoc("Annual reports waiting for review", 0, asof);
	ws_orgs_header(d, "llllll", review_cols);
	for (i = 0; i < n; i++) {
		late = ws_date_days(asof) - ws_date_days(v[i].due);
		res->rows++;
		res->flagged += late > 0;
		ws_doc_row(d, late > 0 ? WS_ROW_FLAGGED : 0);
		ws_doc_text(d, v[i].org);
		ws_doc_text(d, v[i].name);
		ws_doc_count(d, v[i].year);
		ws_doc_date(d, v[i].submitted);
		ws_doc_date(d, v[i].due);
		ws_doc_count(d, late > 0 ? late : 0);
		free(v[i].org);
		free(v[i].name);
	}
	free(v);
	return d;
}
