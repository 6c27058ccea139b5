/*
 * volunteer-doc.c - what volunteer-hours(1) prints: records, volunteers,
 * the report of hours and stars, the listing in the national system's
 * columns, and the service-record certificate (志愿服务记录证明, a form
 * of doc.c), whose issue is recorded here with its serial number.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#define _(s) ws_tr(s)

static void
out_col(ws_out *o, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		ws_out_null(o);
	else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
		ws_out_int(o, sqlite3_column_int64(st, i));
	else
		ws_out_str(o, (const char *)sqlite3_column_text(st, i));
}

static void
out_hours(ws_out *o, int64_t m)
{
	char h[32];

	ws_hours_str(m, h);
	ws_out_str(o, h);
}

void
ws_service_print(sqlite3 *db, ws_out *o, int64_t first, int64_t last)
{
	static const char *const cols[] = { "record_id", "volunteer", "name",
	    "date", "from", "to", "minutes", "hours", "place", "content",
	    "org", "activity", "kind", "reason", "amends", "voided" };
	sqlite3_stmt *st;
	int c;

	ws_out_cols(o, 16, cols);
	st = ws_prepare(db, "SELECT s.id, s.volunteer, v.name, s.date, "
	    "s.start, s.end_time, s.minutes, s.place, s.content, s.org, "
	    "s.activity, s.kind, s.reason, s.amends, s.voided FROM "
	    "volunteer_service s JOIN volunteer v ON v.code = s.volunteer "
	    "WHERE s.id BETWEEN ?1 AND ?2 ORDER BY s.id");
	ws_bind_int(st, 1, first);
	ws_bind_int(st, 2, last);
	while (ws_step(st) == SQLITE_ROW) {
		for (c = 0; c < 7; c++)
			out_col(o, st, c);
		out_hours(o, sqlite3_column_int64(st, 6));
		for (c = 7; c < 15; c++)
			out_col(o, st, c);
		ws_out_end(o);
	}
	sqlite3_finalize(st);
}

void
ws_volunteer_print(sqlite3 *db, ws_out *o, int64_t first, int64_t last,
    int reveal)
{
	sqlite3_stmt *st;
	int c;

	ws_out_cols(o, 9, ws_volunteer_keys);
	st = ws_prepare(db, "SELECT code, name, CASE WHEN ?2 THEN id_number "
	    "ELSE ws_mask(id_number) END, CASE WHEN ?2 THEN phone ELSE "
	    "ws_mask(phone) END, community, team, skills, registered, "
	    "left_on FROM volunteer WHERE rowid BETWEEN ?1 AND ?3 "
	    "ORDER BY rowid");
	ws_bind_int(st, 1, first);
	ws_bind_int(st, 3, last);
	ws_bind_int(st, 2, reveal != 0);
	while (ws_step(st) == SQLITE_ROW) {
		for (c = 0; c < 9; c++)
			out_col(o, st, c);
		ws_out_end(o);
	}
	sqlite3_finalize(st);
}

/* ------------------------------------------------------------ report */

/*
 * Hours of one volunteer, the one sum every figure uses: the records
 * not voided (entries and their adjustments), recorded by org (NULL:
 * any), in [since, until] and in total up to until.
 */
static const char sql_hours[] =
    "SELECT v.code, v.name,"
    " coalesce(sum(CASE WHEN s.date >= ?1 THEN s.minutes END), 0),"
    " coalesce(sum(s.minutes), 0)"
    " FROM volunteer v LEFT JOIN volunteer_service s"
    " ON s.volunteer = v.code AND s.date <= ?2 AND s.voided IS NULL"
    " AND (?3 IS NULL OR s.org = ?3)"
    " WHERE ?4 IS NULL OR v.code = ?4"
    " GROUP BY v.code ORDER BY v.code";

long
ws_volunteer_report(sqlite3 *db, const struct ws_policy *pol, ws_out *o,
    const char *since, const char *until, const char *org,
    const char *volunteer)
{
	static const char *const cols[] = { "volunteer", "name", "hours",
	    "total_hours", "stars" };
	sqlite3_stmt *st = ws_prepare(db, sql_hours);
	long n = 0;

	ws_out_cols(o, 5, cols);
	ws_bind_text(st, 1, since);
	ws_bind_text(st, 2, until);
	ws_bind_text(st, 3, org);
	ws_bind_text(st, 4, volunteer);
	while (ws_step(st) == SQLITE_ROW) {
		out_col(o, st, 0);
		out_col(o, st, 1);
		out_hours(o, sqlite3_column_int64(st, 2));
		out_hours(o, sqlite3_column_int64(st, 3));
		ws_out_int(o, ws_volunteer_stars(pol,
		    sqlite3_column_int64(st, 3)));
		ws_out_end(o);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

long
ws_volunteer_national(sqlite3 *db, ws_out *o, const char *since,
    const char *until, const char *org, const char *volunteer, int reveal)
{
	static const char *const cols[] = { "name", "id_number", "date",
	    "hours", "content", "organiser" };
	sqlite3_stmt *st;
	long n = 0;
	int c;

	st = ws_prepare(db, "SELECT v.name, CASE WHEN ?5 THEN v.id_number "
	    "ELSE ws_mask(v.id_number) END, s.date, s.minutes + (SELECT "
	    "coalesce(sum(a.minutes), 0) FROM volunteer_service a WHERE "
	    "a.amends = s.id AND a.kind = 'adjustment' AND a.voided IS "
	    "NULL), s.content, coalesce(g.name, s.org) FROM "
	    "volunteer_service s JOIN volunteer v ON v.code = s.volunteer "
	    "LEFT JOIN org g ON g.code = s.org WHERE s.voided IS NULL AND "
	    "s.kind = 'entry' AND s.date BETWEEN ?1 AND ?2 AND (?3 IS NULL "
	    "OR s.org = ?3) AND (?4 IS NULL OR s.volunteer = ?4) "
	    "ORDER BY s.date, s.id");
	ws_bind_text(st, 1, since);
	ws_bind_text(st, 2, until);
	ws_bind_text(st, 3, org);
	ws_bind_text(st, 4, volunteer);
	ws_bind_int(st, 5, reveal != 0);
	ws_out_cols(o, 6, cols);
	while (ws_step(st) == SQLITE_ROW) {
		for (c = 0; c < 3; c++)
			out_col(o, st, c);
		out_hours(o, sqlite3_column_int64(st, 3));
		out_col(o, st, 4);
		out_col(o, st, 5);
		ws_out_end(o);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* ------------------------------------------------------- certificate */

/* The organisation a certificate is issued by: org, which must have
 * recorded some of the volunteer's service, or (NULL) the only one that
 * did.  Allocated, or NULL with *e set. */
static char *
issuer(sqlite3 *db, const char *vol, const char *org, ws_err *e)
{
	sqlite3_stmt *st = ws_prepare(db, "SELECT org FROM volunteer_service "
	    "WHERE volunteer = ?1 AND voided IS NULL GROUP BY org ORDER BY "
	    "org");
	ws_buf all = {0};
	char *one = NULL;
	int n = 0, found = 0;

	ws_bind_text(st, 1, vol);
	while (ws_step(st) == SQLITE_ROW) {
		const char *o = (const char *)sqlite3_column_text(st, 0);

		if (n++ == 0)
			one = ws_strdup(o);
		ws_buf_printf(&all, "%s%s", n > 1 ? ", " : "", o);
		if (org != NULL && strcmp(org, o) == 0)
			found = 1;
	}
	sqlite3_finalize(st);
	if (n == 0)
		ws_err_set(e, EX_DATAERR, "volunteer", "%s has no service "
		    "records (expected records from volunteer-hours)", vol);
	else if (org != NULL && !found)
		ws_err_set(e, EX_DATAERR, "org", "%s recorded no service of %s "
		    "(it was recorded by %s; a certificate is issued by the "
		    "organisation that recorded the hours)", org, vol,
		    ws_buf_str(&all));
	else if (org == NULL && n > 1)
		ws_err_set(e, EX_USAGE, "org", "missing: %s has service "
		    "recorded by %s (expected --org: a certificate is issued "
		    "by the organisation that recorded the hours)", vol,
		    ws_buf_str(&all));
	ws_buf_free(&all);
	if (e->code != 0) {
		free(one);
		return NULL;
	}
	if (org != NULL) {
		free(one);
		one = ws_strdup(org);
	}
	return one;
}

/* Record the issue: a serial number ORG-YYYY-NNNNNN, the records listed
 * frozen.  Returns the certificate id; *serial is allocated. */
static int64_t
issue(sqlite3 *db, const char *vol, const char *org, const char *today,
    int64_t records, int64_t minutes, char **serial)
{
	sqlite3_stmt *st;
	int64_t n, id;
	char *like = ws_asprintf("%s-%.4s-%%", org, today);

	st = ws_prepare(db, "SELECT count(*) FROM volunteer_certificate "
	    "WHERE org = ?1 AND serial LIKE ?2");
	ws_bind_text(st, 1, org);
	ws_bind_text(st, 2, like);
	n = ws_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	free(like);
	*serial = ws_asprintf("%s-%.4s-%06" PRId64, org, today, n + 1);
	st = ws_prepare(db, "INSERT INTO volunteer_certificate (serial, "
	    "volunteer, org, issued, records, minutes, os_user) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ws_user())");
	ws_bind_text(st, 1, *serial);
	ws_bind_text(st, 2, vol);
	ws_bind_text(st, 3, org);
	ws_bind_text(st, 4, today);
	ws_bind_int(st, 5, records);
	ws_bind_int(st, 6, minutes);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("volunteer_certificate: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	id = sqlite3_last_insert_rowid(db);
	st = ws_prepare(db, "UPDATE volunteer_service SET certificate = ?1 "
	    "WHERE volunteer = ?2 AND org = ?3 AND voided IS NULL AND "
	    "certificate IS NULL");
	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, vol);
	ws_bind_text(st, 3, org);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("volunteer_service: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return id;
}

static const char cert_css[] =
    "body{font-family:serif;max-width:40em;margin:2em auto}"
    "table{border-collapse:collapse}"
    "th,td{border:1px solid #000;padding:.2em .6em;text-align:left}"
    "td.n{text-align:right}";

static void
field(ws_doc *d, const char *label, const char *v)
{
	ws_doc_row(d, 0);
	ws_doc_text(d, _(label));
	ws_doc_text(d, v && *v ? v : "—");
}

/* Each record (its adjustments added), in date order; sets the number
 * and total minutes. */
static void
records(sqlite3 *db, ws_doc *d, const char *vol, const char *org,
    int64_t *n, int64_t *total)
{
	sqlite3_stmt *st = ws_prepare(db, "SELECT s.date, s.place, "
	    "s.content, s.minutes + (SELECT coalesce(sum(a.minutes), 0) FROM "
	    "volunteer_service a WHERE a.amends = s.id AND a.kind = "
	    "'adjustment' AND a.voided IS NULL) FROM volunteer_service s "
	    "WHERE s.volunteer = ?1 AND s.org = ?2 AND s.voided IS NULL AND "
	    "s.kind = 'entry' ORDER BY s.date, s.start, s.id");
	int64_t m;

	*n = *total = 0;
	ws_doc_section(d, _("Service records"));
	ws_doc_table(d, "lllr");
	ws_doc_row(d, 0);
	ws_doc_text(d, _("Date"));
	ws_doc_text(d, _("Place"));
	ws_doc_text(d, _("Content"));
	ws_doc_text(d, _("Hours"));
	ws_bind_text(st, 1, vol);
	ws_bind_text(st, 2, org);
	while (ws_step(st) == SQLITE_ROW) {
		m = sqlite3_column_int64(st, 3);
		ws_doc_row(d, 0);
		ws_doc_date(d, (const char *)sqlite3_column_text(st, 0));
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 1));
		ws_doc_text(d, (const char *)sqlite3_column_text(st, 2));
		ws_doc_hours(d, m);
		(*n)++;
		*total += m;
	}
	sqlite3_finalize(st);
	ws_doc_kv(d);
	ws_doc_row(d, WS_ROW_TOTAL);
	ws_doc_text(d, _("Services"));
	ws_doc_count(d, *n);
	ws_doc_row(d, WS_ROW_TOTAL);
	ws_doc_text(d, _("Total hours"));
	ws_doc_hours(d, *total);
}

ws_doc *
ws_volunteer_certificate(sqlite3 *db, const char *vol, const char *org,
    int reveal, char **serial, ws_err *e)
{
	sqlite3_stmt *st;
	ws_doc *d;
	ws_buf b = {0};
	char today[11], h[32], cnt[24], *iss, *name, *idn, *oname, *x;
	int64_t n, total;

	*serial = NULL;
	st = ws_prepare(db, "SELECT name, id_number FROM volunteer WHERE "
	    "code = ?1");
	ws_bind_text(st, 1, vol);
	if (ws_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		ws_err_set(e, EX_DATAERR, "volunteer", "unknown volunteer '%s' "
		    "(expected a code from the directory or volunteer-hours "
		    "--add)", vol);
		return NULL;
	}
	name = ws_strdup((const char *)sqlite3_column_text(st, 0));
	x = (char *)sqlite3_column_text(st, 1);
	idn = x == NULL ? NULL : reveal ? ws_strdup(x) : ws_mask(x);
	sqlite3_finalize(st);
	if ((iss = issuer(db, vol, org, e)) == NULL) {
		free(name);
		free(idn);
		return NULL;
	}
	oname = ws_query_text(db, "SELECT name FROM org WHERE code = ?", iss);
	ws_today(today);
	d = ws_doc_new(_("Volunteer service record certificate"));
	ws_doc_form(d, cert_css);
	ws_doc_kv(d);
	x = ws_asprintf("%s (%s)", name, vol);
	field(d, "Volunteer", x);
	free(x);
	field(d, "ID number", idn);
	records(db, d, vol, iss, &n, &total);
	ws_hours_str(total, h);
	snprintf(cnt, sizeof cnt, "%" PRId64, n);
	ws_buf_printf(&b, _("%1$s took part in %2$s volunteer services "
	    "organised and recorded by %3$s, %4$s hours in all.  The records "
	    "above are true, accurate and complete."), name, cnt,
	    oname ? oname : iss, h);
	ws_doc_note(d, ws_buf_str(&b));
	ws_buf_free(&b);
	*serial = NULL;
	issue(db, vol, iss, today, n, total, serial);
	ws_doc_kv(d);
	x = ws_asprintf("%s (%s)", oname ? oname : iss, iss);
	field(d, "Issued by", x);
	free(x);
	field(d, "Serial number", *serial);
	ws_doc_sign(d, _("Issuing organisation (seal)"), "");
	ws_doc_sign(d, _("Date of issue"), today);
	free(name);
	free(idn);
	free(iss);
	free(oname);
	return d;
}
