/* intern.c - interns, their hours and sign-off (the subsidy claim is in
 * claim.c) */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_intern_keys[] = {
	"code", "name", "id_number", "school", "major", "full_time",
	"hukou_city", "org", "supervisor", "academic_supervisor", "start",
	"end", NULL
};
enum {
	K_CODE, K_NAME, K_ID, K_SCHOOL, K_MAJOR, K_FULL, K_HUKOU, K_ORG,
	K_SUP, K_ACAD, K_START, K_END
};

void
ws_hours_str(int64_t minutes, char out[32])
{
	uint64_t u, h, c;

	u = minutes < 0 ? (uint64_t)0 - (uint64_t)minutes : (uint64_t)minutes;
	h = u / 60;
	c = (u % 60 * 100 + 30) / 60;	/* at most 98: never carries */
	snprintf(out, 32, "%s%" PRIu64 ".%02u", minutes < 0 ? "-" : "", h,
	    (unsigned)c);
}

static char *
coldup(sqlite3_stmt *st, int i)
{
	return ws_strdup((const char *)sqlite3_column_text(st, i));
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

struct ws_intern *
ws_intern_get(sqlite3 *db, const char *code)
{
	sqlite3_stmt *st;
	struct ws_intern *in = NULL;

	if (!given(code))
		return NULL;
	st = ws_prepare(db,
	    "SELECT i.code, i.name, i.id_number, i.school, i.major,"
	    " i.full_time, i.hukou_city, i.org, o.name, o.kind, i.supervisor,"
	    " w.name, i.academic_supervisor, i.start, i.end"
	    " FROM intern i JOIN org o ON o.code = i.org"
	    " LEFT JOIN worker w ON w.code = i.supervisor WHERE i.code = ?");
	ws_bind_text(st, 1, code);
	if (ws_step(st) == SQLITE_ROW) {
		in = ws_calloc(1, sizeof *in);
		in->code = coldup(st, 0);
		in->name = coldup(st, 1);
		in->id_number = coldup(st, 2);
		in->school = coldup(st, 3);
		in->major = coldup(st, 4);
		in->full_time = sqlite3_column_int(st, 5);
		in->hukou_city = coldup(st, 6);
		in->org = coldup(st, 7);
		in->org_name = coldup(st, 8);
		in->org_kind = coldup(st, 9);
		in->supervisor = coldup(st, 10);
		in->supervisor_name = coldup(st, 11);
		in->academic_supervisor = coldup(st, 12);
		in->start = coldup(st, 13);
		in->end = coldup(st, 14);
	}
	sqlite3_finalize(st);
	return in;
}

void
ws_intern_free(struct ws_intern *in)
{
	if (in == NULL)
		return;
	free(in->code);
	free(in->name);
	free(in->id_number);
	free(in->school);
	free(in->major);
	free(in->hukou_city);
	free(in->org);
	free(in->org_name);
	free(in->org_kind);
	free(in->supervisor);
	free(in->supervisor_name);
	free(in->academic_supervisor);
	free(in->start);
	free(in->end);
	free(in);
}

char **
ws_intern_codes(sqlite3 *db)
{
	sqlite3_stmt *st = ws_prepare(db,
	    "SELECT code FROM intern ORDER BY code");
	char **v = NULL;
	size_t n = 0;

	while (ws_step(st) == SQLITE_ROW) {
		v = ws_realloc(v, (n + 2) * sizeof *v);
		v[n++] = coldup(st, 0);
	}
	sqlite3_finalize(st);
	if (v == NULL)
		v = ws_calloc(1, sizeof *v);
	v[n] = NULL;
	return v;
}

/* ------------------------------------------------------------ adding */

static int
parse_bool(const char *s)
{
	int v;

	return ws_parse_bool(s, 0, &v) == NULL ? v : -1;
}

char *
ws_intern_check(const char *org, const char *supervisor, const char *sup_org)
{
	if (!given(supervisor) || sup_org == NULL || strcmp(sup_org, org) == 0)
		return NULL;
	return ws_msgf("%s works at %s, not at the host %s (expected a "
	    "worker of the host)", supervisor, sup_org, org);
}

char *
ws_intern_add(sqlite3 *db, const char *const v[])
{
	const char *e;
	char *org, *s;
	int full = 1;
	sqlite3_stmt *st;
	int rc;

	if (!given(v[K_CODE]))
		return ws_strdup("code: missing (expected an intern code)");
	if ((e = ws_check_code(v[K_CODE])) != NULL)
		return ws_asprintf("code: %s", e);
	if (ws_query_int(db, "SELECT 1 FROM intern WHERE code = ?",
	    v[K_CODE], 0))
		return ws_msgf("code: intern '%s' already exists "
		    "(expected a new code; wushe-db load updates interns)",
		    v[K_CODE]);
	if (!given(v[K_NAME]))
		return ws_strdup("name: missing (expected the intern's name)");
	if (given(v[K_ID]) &&
	    (e = ws_check_id_number(v[K_ID], NULL, NULL)) != NULL)
		return ws_asprintf("id_number: %s", e);
	if (given(v[K_FULL]) && (full = parse_bool(v[K_FULL])) < 0)
		return ws_msgf("full_time: '%s' is not yes or no "
		    "(expected yes, no, true, false, 1 or 0)", v[K_FULL]);
	if (!given(v[K_ORG]))
		return ws_strdup("org: missing (expected the code of the host "
		    "organisation)");
	if (!ws_query_int(db, "SELECT 1 FROM org WHERE code = ?", v[K_ORG], 0))
		return ws_msgf("org: unknown organisation '%s' (expected "
		    "an org code from the directory)", v[K_ORG]);
	if (given(v[K_SUP])) {
		org = ws_query_text(db, "SELECT org FROM worker WHERE code = ?",
		    v[K_SUP]);
		if (org == NULL)
			return ws_msgf("supervisor: unknown worker '%s' "
			    "(expected a worker code from the directory)",
			    v[K_SUP]);
		s = ws_intern_check(v[K_ORG], v[K_SUP], org);
		free(org);
		if (s != NULL) {
			org = ws_asprintf("supervisor: %s", s);
			free(s);
			return org;
		}
	}
	if (!given(v[K_START]))
		return ws_strdup("start: missing (expected the date the "
		    "internship starts, YYYY-MM-DD)");
	if ((e = ws_check_date(v[K_START])) != NULL)
		return ws_asprintf("start: %s", e);
	if (given(v[K_END])) {
		if ((e = ws_check_date(v[K_END])) != NULL)
			return ws_asprintf("end: %s", e);
		if (strcmp(v[K_END], v[K_START]) < 0)
			return ws_msgf("end: %s is before the start %s "
			    "(expected a later date)", v[K_END], v[K_START]);
	}
	st = ws_prepare(db, "INSERT INTO intern(code, name, id_number,"
	    " school, major, full_time, hukou_city, org, supervisor,"
	    " academic_supervisor, start, end)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	ws_bind_text(st, 1, v[K_CODE]);
	ws_bind_text(st, 2, v[K_NAME]);
	ws_bind_text(st, 3, v[K_ID]);
	ws_bind_text(st, 4, v[K_SCHOOL]);
	ws_bind_text(st, 5, v[K_MAJOR]);
	ws_bind_int(st, 6, full);
	ws_bind_text(st, 7, v[K_HUKOU]);
	ws_bind_text(st, 8, v[K_ORG]);
	ws_bind_text(st, 9, v[K_SUP]);
	ws_bind_text(st, 10, v[K_ACAD]);
	ws_bind_text(st, 11, v[K_START]);
	ws_bind_text(st, 12, v[K_END]);
	rc = ws_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return ws_asprintf("code: %s", sqlite3_errmsg(db));
	return NULL;
}

/* ----------------------------------------------------------- logging */

/* One part of an entry, on one day. */
struct part {
	char date[11];
	int start, end;		/* minutes after midnight; -1: duration only */
	int64_t brk, minutes;
};

/* Check that a day of in can take a part: inside the internship, not in
 * the future, not certified yet.  what names the day in messages. */
static char *
check_day(sqlite3 *db, const struct ws_intern *in, const char *date,
    const char *what, int refuse_certified)
{
	char today[11], *thr;
	char *s = NULL;
	ws_buf lm = {0};
	sqlite3_stmt *st;

	ws_today(today);
	if (strcmp(date, in->start) < 0)
		return ws_msgf("date: %s%s is before the internship of %s "
		    "starts (expected %s or later)", date, what, in->code,
		    in->start);
	if (in->end != NULL && strcmp(date, in->end) > 0)
		return ws_msgf("date: %s%s is after the internship of %s "
		    "ends (expected %s or earlier)", date, what, in->code,
		    in->end);
	if (strcmp(date, today) > 0)
		return ws_msgf("date: %s%s is in the future (expected "
		    "today, %s, or earlier)", date, what, today);
	if (ws_lock_check(db, date, &lm)) {	/* issue 12 */
		s = ws_asprintf("date: %s", lm.s);
		ws_buf_free(&lm);
		return s;
	}
	if (!refuse_certified)
		return NULL;
	st = ws_prepare(db, "SELECT max(through) FROM certification"
	    " WHERE intern = ?");
	ws_bind_text(st, 1, in->code);
	if (ws_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		thr = coldup(st, 0);
		if (strcmp(date, thr) <= 0)
			s = ws_msgf("date: %s%s is already certified "
			    "(through %s; log a correction with --adjust)",
			    date, what, thr);
		free(thr);
	}
	sqlite3_finalize(st);
	return s;
}

/* The day's total of intern's entries not voided, but entry self. */
static int64_t
day_total(sqlite3 *db, const char *intern, const char *date, int64_t self)
{
	sqlite3_stmt *st = ws_prepare(db, "SELECT coalesce(sum(minutes), 0)"
	    " FROM v_intern_entry WHERE intern = ? AND date = ? AND id <> ?");
	int64_t t = 0;

	ws_bind_text(st, 1, intern);
	ws_bind_text(st, 2, date);
	ws_bind_int(st, 3, self);
	if (ws_step(st) == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return t;
}

static char *
check_max(sqlite3 *db, const struct ws_policy *p, const char *intern,
    const char *date, int64_t add, const char *field, int64_t self)
{
	int64_t t = day_total(db, intern, date, self) + add;
	char h[32], m[32];

	if (t > p->intern_daily_max_minutes) {
		ws_hours_str(t, h);
		ws_hours_str(p->intern_daily_max_minutes, m);
		return ws_msgf("%s: %s would have %s hours logged for %s "
		    "(expected at most %s a day, policy "
		    "interns.daily_max_hours)", field, date, h, intern, m);
	}
	if (t < 0) {
		ws_hours_str(t, h);
		return ws_msgf("%s: %s would have %s hours logged for %s "
		    "(expected a day's total of 0 or more)", field, date, h,
		    intern);
	}
	return NULL;
}

static void
hhmm(int m, char out[6])
{
	unsigned u = (unsigned)m % 1441;

	snprintf(out, 6, "%02u:%02u", u / 60 % 25, u % 60);
}

static char *
check_overlap(sqlite3 *db, const char *intern, const struct part *pt,
    int64_t self)
{
	sqlite3_stmt *st;
	const char *a, *b;
	int s, e;
	char *msg = NULL, x[6], y[6];

	if (pt->start < 0)
		return NULL;
	st = ws_prepare(db, "SELECT id, start, end_time FROM v_intern_entry"
	    " WHERE intern = ? AND date = ? AND start IS NOT NULL"
	    " AND end_time IS NOT NULL AND id <> ? ORDER BY start");
	ws_bind_text(st, 1, intern);
	ws_bind_text(st, 2, pt->date);
	ws_bind_int(st, 3, self);
	while (msg == NULL && ws_step(st) == SQLITE_ROW) {
		a = (const char *)sqlite3_column_text(st, 1);
		b = (const char *)sqlite3_column_text(st, 2);
		if (ws_check_time(a, 0, &s) != NULL ||
		    ws_check_time(b, 1, &e) != NULL)
			continue;
		if (pt->start < e && s < pt->end) {
			hhmm(pt->start, x);
			hhmm(pt->end, y);
			msg = ws_msgf("from: %s-%s on %s overlaps entry "
			    "%" PRId64 " (%s-%s) of %s (expected a time "
			    "not logged yet)", x, y, pt->date,
			    (int64_t)sqlite3_column_int64(st, 0), a, b,
			    intern);
		}
	}
	sqlite3_finalize(st);
	return msg;
}

static int64_t
insert_entry(sqlite3 *db, const char *intern, const char *date, int start,
    int end, int64_t brk, int64_t minutes, const char *task,
    const char *reason)
{
	sqlite3_stmt *st;
	char a[6], b[6];
	int rc;

	st = ws_prepare(db, "INSERT INTO intern_hours(intern, date, start,"
	    " end_time, break_minutes, minutes, task, kind, reason, os_user,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ws_user(),"
	    " strftime('%Y-%m-%dT%H:%M:%f', 'now'))");
	ws_bind_text(st, 1, intern);
	ws_bind_text(st, 2, date);
	if (start >= 0) {
		hhmm(start, a);
		hhmm(end, b);
		ws_bind_text(st, 3, a);
		ws_bind_text(st, 4, b);
	}
	ws_bind_int(st, 5, brk);
	ws_bind_int(st, 6, minutes);
	ws_bind_text(st, 7, task);
	ws_bind_text(st, 8, reason ? "adjustment" : "entry");
	ws_bind_text(st, 9, reason);
	rc = ws_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		ws_bug("intern_hours: %s (a check was missed)",
		    sqlite3_errmsg(db));
	return sqlite3_last_insert_rowid(db);
}

/* Parse the amount of r into parts; returns NULL or a message. */
static char *
parse_amount(const struct ws_hours_rec *r, struct part pt[2], int *np,
    int *nextday)
{
	const char *e;
	int from, to;
	int64_t brk = 0, m, hm = -1, mm = -1, total;

	*np = 0;
	*nextday = 0;
	if (given(r->hours) && (e = ws_parse_hours(r->hours, &hm)) != NULL)
		return ws_asprintf("hours: %s", e);
	if (given(r->minutes) &&
	    (e = ws_parse_minutes(r->minutes, &mm)) != NULL)
		return ws_asprintf("minutes: %s", e);
	if (hm >= 0 && mm >= 0 && hm != mm)
		return ws_msgf("hours: %s hours is not %s minutes (expected "
		    "one of hours or minutes, or both agreeing)", r->hours,
		    r->minutes);
	if (!given(r->from) && !given(r->to)) {
		if (given(r->brk))
			return ws_strdup("break: only with a time range "
			    "(expected from and to as well)");
		m = hm >= 0 ? hm : mm;
		if (m < 0)
			return ws_strdup("minutes: missing (expected a time "
			    "range from-to, hours, or minutes)");
		if (m == 0)
			return ws_msgf("%s: zero (expected more than 0)",
			    hm >= 0 ? "hours" : "minutes");
		if (m > 1440)
			return ws_msgf("%s: more than a day (expected at "
			    "most 24 hours)", hm >= 0 ? "hours" : "minutes");
		pt[0].start = pt[0].end = -1;
		pt[0].brk = 0;
		pt[0].minutes = m;
		*np = 1;
		return NULL;
	}
	if (!given(r->from))
		return ws_strdup("from: missing (a range needs from and to)");
	if (!given(r->to))
		return ws_strdup("to: missing (a range needs from and to)");
	if ((e = ws_check_time(r->from, 0, &from)) != NULL)
		return ws_asprintf("from: %s", e);
	if ((e = ws_check_time(r->to, 1, &to)) != NULL)
		return ws_asprintf("to: %s", e);
	if (to == from)
		return ws_msgf("to: %s is the same time as from (expected "
		    "a later time, or an earlier one for a range that "
		    "crosses midnight)", r->to);
	if (given(r->brk) &&
	    (e = ws_parse_int(r->brk, 0, 1440, &brk)) != NULL)
		return ws_asprintf("break: %s", e);
	if (to > from) {
		pt[0].start = from;
		pt[0].end = to;
		pt[0].minutes = to - from;
		*np = 1;
	} else {
		pt[0].start = from;
		pt[0].end = 1440;
		pt[0].minutes = 1440 - from;
		pt[1].start = 0;
		pt[1].end = to;
		pt[1].minutes = to;
		*np = to > 0 ? 2 : 1;
	}
	total = pt[0].minutes + (*np == 2 ? pt[1].minutes : 0);
	if (brk >= total)
		return ws_msgf("break: %" PRId64 " minutes is not shorter "
		    "than the range %s-%s (expected less than %" PRId64 ")",
		    brk, r->from, r->to, total);
	pt[0].brk = brk < pt[0].minutes ? brk : pt[0].minutes;
	pt[0].minutes -= pt[0].brk;
	if (*np == 2) {
		pt[1].brk = brk - pt[0].brk;
		pt[1].minutes -= pt[1].brk;
	}
	m = hm >= 0 ? hm : mm;
	if (m >= 0 && m != total - brk)
		return ws_msgf("%s: %s does not match the range %s-%s "
		    "less the break (%" PRId64 " minutes)",
		    hm >= 0 ? "hours" : "minutes", hm >= 0 ? r->hours :
		    r->minutes, r->from, r->to, total - brk);
	/* a part left empty by the break is not stored */
	if (*np == 2 && pt[0].minutes == 0) {
		pt[0] = pt[1];
		*nextday = 1;
		*np = 1;
	} else if (*np == 2 && pt[1].minutes == 0)
		*np = 1;
	return NULL;
}

static char *
unknown_intern(const char *code)
{
	return ws_msgf("intern: unknown intern '%s' (expected a code "
	    "from the directory or intern-hours --add)", code);
}

char *
ws_intern_log(sqlite3 *db, const struct ws_policy *p,
    const struct ws_hours_rec *r, int64_t ids[2], int *nids)
{
	struct ws_intern *in;
	struct part pt[2];
	const char *e;
	char *msg;
	int np, i, nextday;
	long d;

	*nids = 0;
	if (!given(r->intern))
		return ws_strdup("intern: missing (expected an intern code)");
	if (!given(r->date))
		return ws_strdup("date: missing (expected YYYY-MM-DD)");
	if ((e = ws_check_date(r->date)) != NULL)
		return ws_asprintf("date: %s", e);
	memset(pt, 0, sizeof pt);
	if ((msg = parse_amount(r, pt, &np, &nextday)) != NULL)
		return msg;
	if ((in = ws_intern_get(db, r->intern)) == NULL)
		return unknown_intern(r->intern);
	d = ws_date_days(r->date);
	ws_days_date(d + nextday, pt[0].date);
	if (np == 2)
		ws_days_date(d + 1, pt[1].date);
	for (i = 0; i < np && msg == NULL; i++) {
		e = i > 0 || nextday ? " (after midnight)" : "";
		if ((msg = check_day(db, in, pt[i].date, e, 1)) == NULL &&
		    (msg = check_overlap(db, in->code, &pt[i], 0)) == NULL)
			msg = check_max(db, p, in->code, pt[i].date,
			    pt[i].minutes, pt[i].start >= 0 ? "to" :
			    given(r->hours) ? "hours" : "minutes", 0);
	}
	if (msg == NULL)
		for (i = 0; i < np; i++)
			ids[(*nids)++] = insert_entry(db, in->code,
			    pt[i].date, pt[i].start, pt[i].end, pt[i].brk,
			    pt[i].minutes, r->task, NULL);
	ws_intern_free(in);
	return msg;
}

char *
ws_intern_adjust(sqlite3 *db, const struct ws_policy *p,
    const char *intern, const char *date, const char *minutes,
    const char *reason, const char *task, int64_t *id)
{
	struct ws_intern *in;
	const char *e, *s = minutes;
	char *msg;
	int64_t m;
	int neg = 0;

	if (!given(intern))
		return ws_strdup("intern: missing (expected an intern code)");
	if (!given(date))
		return ws_strdup("date: missing (expected YYYY-MM-DD)");
	if ((e = ws_check_date(date)) != NULL)
		return ws_asprintf("date: %s", e);
	if (!given(s))
		return ws_strdup("minutes: missing (expected signed minutes "
		    "like -90 or +30)");
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if ((e = ws_parse_minutes(s, &m)) != NULL)
		return ws_asprintf("minutes: %s", e);
	if (m == 0)
		return ws_strdup("minutes: zero (expected minutes to add, "
		    "like +30, or to take away, like -90)");
	if (m > 1440)
		return ws_strdup("minutes: more than a day (expected at most "
		    "1440 either way)");
	if (neg)
		m = -m;
	if (!given(reason))
		return ws_strdup("reason: missing (an adjustment needs the "
		    "reason for the correction)");
	if ((in = ws_intern_get(db, intern)) == NULL)
		return unknown_intern(intern);
	if ((msg = check_day(db, in, date, "", 0)) == NULL &&
	    (msg = check_max(db, p, in->code, date, m, "minutes", 0)) == NULL)
		*id = insert_entry(db, in->code, date, -1, -1, 0, m, task,
		    reason);
	ws_intern_free(in);
	return msg;
}

char *
ws_intern_amend(sqlite3 *db, const struct ws_policy *p, int64_t id,
    const struct ws_hours_rec *r, int64_t *minutes)
{
	struct ws_intern *in;
	struct part pt[2];
	const char *e;
	char *msg, a[6], b[6];
	int np, nextday, rc;
	sqlite3_stmt *st;

	if ((e = ws_check_date(r->date)) != NULL)
		return ws_asprintf("date: %s", e);
	memset(pt, 0, sizeof pt);
	if ((msg = parse_amount(r, pt, &np, &nextday)) != NULL)
		return msg;
	if (np != 1 || nextday)
		return ws_asprintf("to: %s-%s crosses midnight, which makes "
		    "two entries (void entry %" PRId64 " and log the range "
		    "again)", r->from, r->to, id);
	if ((in = ws_intern_get(db, r->intern)) == NULL)
		return unknown_intern(r->intern);
	snprintf(pt[0].date, sizeof pt[0].date, "%s", r->date);
	if ((msg = check_day(db, in, pt[0].date, "", 1)) == NULL &&
	    (msg = check_overlap(db, in->code, &pt[0], id)) == NULL)
		msg = check_max(db, p, in->code, pt[0].date, pt[0].minutes,
		    pt[0].start >= 0 ? "to" : "minutes", id);
	ws_intern_free(in);
	if (msg != NULL)
		return msg;
	st = ws_prepare(db, "UPDATE intern_hours SET date = ?2, start = ?3,"
	    " end_time = ?4, break_minutes = ?5, minutes = ?6, task = ?7"
	    " WHERE id = ?1 AND certification IS NULL");
	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, pt[0].date);
	if (pt[0].start >= 0) {
		hhmm(pt[0].start, a);
		hhmm(pt[0].end, b);
		ws_bind_text(st, 3, a);
		ws_bind_text(st, 4, b);
	}
	ws_bind_int(st, 5, pt[0].brk);
	ws_bind_int(st, 6, pt[0].minutes);
	ws_bind_text(st, 7, given(r->task) ? r->task : NULL);
	rc = ws_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_changes(db) != 1)
		ws_bug("amending intern entry %" PRId64 ": %s (a check was "
		    "missed)", id, sqlite3_errmsg(db));
	*minutes = pt[0].minutes;
	return NULL;
}

/* ---------------------------------------------------------- certifying */

char *
ws_intern_certify(sqlite3 *db, const struct ws_policy *p,
    const char *intern, const char *through, const char *by,
    int64_t *cert_id, int64_t *entries, int64_t *minutes)
{
	struct ws_intern *in;
	sqlite3_stmt *st;
	const char *e;
	char today[11], *msg = NULL;
	const char *org;
	const struct ws_ref_worker *w;
	ws_ref *ref;
	int rc;

	if (!given(intern))
		return ws_strdup("intern: missing (expected an intern code)");
	if (!given(through))
		return ws_strdup("through: missing (expected the last date "
		    "to certify, YYYY-MM-DD)");
	if ((e = ws_check_date(through)) != NULL)
		return ws_asprintf("through: %s", e);
	ws_today(today);
	if (strcmp(through, today) > 0)
		return ws_msgf("through: %s is in the future (expected "
		    "today, %s, or earlier)", through, today);
	if (!given(by))
		return ws_strdup("by: missing (expected the code of the "
		    "certifying worker)");
	if ((in = ws_intern_get(db, intern)) == NULL)
		return unknown_intern(intern);
	ref = ws_ref_new(db);
	w = ws_ref_worker(ref, by);
	org = w->exists ? w->org : NULL;
	if (org == NULL)
		msg = ws_msgf("by: unknown worker '%s' (expected a worker "
		    "code from the directory)", by);
	else if (in->supervisor != NULL && strcmp(by, in->supervisor) == 0)
		;
	else if (p->certify_host && strcmp(org, in->org) == 0)
		;
	else if (p->certify_host)
		msg = ws_msgf("by: %s is neither the supervisor of %s nor "
		    "a worker of its host %s (expected %s%s%s)", by, in->code,
		    in->org, in->supervisor ? in->supervisor : "",
		    in->supervisor ? " or another " : "",
		    "worker of the host");
	else if (in->supervisor == NULL)
		msg = ws_msgf("by: %s has no supervisor, so nobody may "
		    "certify (expected a supervisor set for the intern, or "
		    "policy certify_host)", in->code);
	else
		msg = ws_msgf("by: %s is not the supervisor of %s "
		    "(expected %s; the policy does not let other workers of "
		    "the host certify)", by, in->code, in->supervisor);
	if (msg == NULL && ws_active_on(w->from, w->to, today) > 0)
		msg = ws_msgf("by: %s left on %s (expected a worker "
		    "active today)", by, w->to);
	else if (msg == NULL && ws_active_on(w->from, w->to, today) < 0)
		msg = ws_msgf("by: %s starts on %s (expected a worker "
		    "active today)", by, w->from);
	ws_ref_free(ref);
	if (msg != NULL) {
		ws_intern_free(in);
		return msg;
	}
	st = ws_prepare(db, "SELECT count(*), coalesce(sum(minutes), 0)"
	    " FROM v_intern_entry WHERE intern = ? AND date <= ?"
	    " AND certification IS NULL");
	ws_bind_text(st, 1, in->code);
	ws_bind_text(st, 2, through);
	ws_step(st);
	*entries = sqlite3_column_int64(st, 0);
	*minutes = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (*entries == 0) {
		msg = ws_msgf("through: %s has no uncertified hours up to "
		    "%s (expected hours logged and not yet certified)",
		    in->code, through);
		ws_intern_free(in);
		return msg;
	}
	st = ws_prepare(db, "INSERT INTO certification(intern, through, by,"
	    " os_user, at) VALUES (?, ?, ?, ws_user(),"
	    " strftime('%Y-%m-%dT%H:%M:%f', 'now'))");
	ws_bind_text(st, 1, in->code);
	ws_bind_text(st, 2, through);
	ws_bind_text(st, 3, by);
	rc = ws_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		ws_bug("certification: %s", sqlite3_errmsg(db));
	*cert_id = sqlite3_last_insert_rowid(db);
	st = ws_prepare(db, "UPDATE intern_hours SET certification = ?"
	    " WHERE intern = ? AND date <= ? AND certification IS NULL"
	    " AND id IN (SELECT id FROM v_intern_entry)");
	ws_bind_int(st, 1, *cert_id);
	ws_bind_text(st, 2, in->code);
	ws_bind_text(st, 3, through);
	rc = ws_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		ws_bug("intern_hours: %s", sqlite3_errmsg(db));
	ws_intern_free(in);
	return NULL;
}

/* ----------------------------------------------------------- printing */

static void
out_hours(ws_out *o, int64_t m)
{
	char h[32];

	ws_hours_str(m, h);
	ws_out_str(o, h);
}

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

void
ws_intern_print_entries(sqlite3 *db, ws_out *o, const int64_t *ids,
    size_t n)
{
	static const char *const cols[] = { "entry_id", "intern", "date",
	    "from", "to", "break", "minutes", "hours", "kind", "task",
	    "reason", "certification" };
	sqlite3_stmt *st;
	size_t i;
	int c;

	ws_out_cols(o, 12, cols);
	st = ws_prepare(db, "SELECT id, intern, date, start, end_time,"
	    " break_minutes, minutes, kind, task, reason, certification"
	    " FROM intern_hours WHERE id = ?");
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		ws_bind_int(st, 1, ids[i]);
		if (ws_step(st) != SQLITE_ROW)
			continue;
		for (c = 0; c < 7; c++)
			out_col(o, st, c);
		out_hours(o, sqlite3_column_int64(st, 6));
		for (c = 7; c < 11; c++)
			out_col(o, st, c);
		ws_out_end(o);
	}
	sqlite3_finalize(st);
}

void
ws_intern_print(sqlite3 *db, ws_out *o, char *const *codes, size_t n,
    int reveal)
{
	sqlite3_stmt *st;
	size_t i;
	int c;

	ws_out_cols(o, 12, ws_intern_keys);
	st = ws_prepare(db, "SELECT code, name,"
	    " CASE WHEN ?2 THEN id_number ELSE ws_mask(id_number) END,"
	    " school, major, CASE full_time WHEN 1 THEN 'yes' ELSE 'no' END,"
	    " hukou_city, org, supervisor, academic_supervisor, start, end"
	    " FROM intern WHERE code = ?1");
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		ws_bind_text(st, 1, codes[i]);
		ws_bind_int(st, 2, reveal != 0);
		if (ws_step(st) != SQLITE_ROW)
			continue;
		for (c = 0; c < 12; c++)
			out_col(o, st, c);
		ws_out_end(o);
	}
	sqlite3_finalize(st);
}

long
ws_intern_history(sqlite3 *db, ws_out *o, const char *intern)
{
	static const char *const cols[] = { "at", "event", "id", "date",
	    "from", "to", "break", "minutes", "hours", "text",
	    "certification", "by", "os_user" };
	sqlite3_stmt *st;
	long n = 0;
	int c;

	ws_out_cols(o, 13, cols);
	st = ws_prepare(db,
	    "SELECT ws_localtime(utc) AS at, event, id, date, start, end_time,"
	    " brk, minutes, text,"
	    " cert, by, os_user FROM ("
	    " SELECT h.created_at AS utc, 0 AS ord, h.kind AS event, h.id,"
	    "  h.date, h.start, h.end_time, h.break_minutes AS brk,"
	    "  h.minutes, CASE h.kind WHEN 'adjustment' THEN h.reason ||"
	    "  CASE WHEN h.task IS NULL THEN '' ELSE ' (' || h.task || ')'"
	    "  END ELSE h.task END AS text, h.certification AS cert,"
	    "  c.by, h.os_user"
	    " FROM intern_hours h"
	    " LEFT JOIN certification c ON c.id = h.certification"
	    " WHERE h.intern = ?1"
	    " UNION ALL"
	    " SELECT c.at, 1, 'certification', c.id, c.through, NULL, NULL,"
	    "  NULL, (SELECT coalesce(sum(minutes), 0) FROM intern_hours x"
	    "  WHERE x.certification = c.id),"
	    "  'certified ' || (SELECT count(*) FROM intern_hours x"
	    "  WHERE x.certification = c.id) || ' entries through ' ||"
	    "  c.through, c.id, c.by, c.os_user"
	    " FROM certification c WHERE c.intern = ?1"
	    " UNION ALL"	/* issue 12: a void, with its reason */
	    " SELECT v.at, 2, 'void', h.id, h.date, NULL, NULL, NULL,"
	    "  -h.minutes, v.reason, NULL, NULL, v.os_user"
	    " FROM record_void v JOIN intern_hours h ON h.id = v.row_key"
	    " WHERE v.tbl = 'intern_hours' AND h.intern = ?1)"
	    " ORDER BY utc, ord, id");
	ws_bind_text(st, 1, intern);
	while (ws_step(st) == SQLITE_ROW) {
		for (c = 0; c < 8; c++)
			out_col(o, st, c);
		out_hours(o, sqlite3_column_int64(st, 7));
		for (c = 8; c < 12; c++)
			out_col(o, st, c);
		ws_out_end(o);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int
ws_intern_last_cert(sqlite3 *db, const char *intern, char through[11],
    char **by, char **by_name)
{
	sqlite3_stmt *st;
	int found = 0;

	st = ws_prepare(db, "SELECT c.through, c.by, w.name"
	    " FROM certification c LEFT JOIN worker w ON w.code = c.by"
	    " WHERE c.intern = ? ORDER BY c.through DESC, c.id DESC LIMIT 1");
	ws_bind_text(st, 1, intern);
	if (ws_step(st) == SQLITE_ROW) {
		snprintf(through, 11, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		*by = coldup(st, 1);
		*by_name = coldup(st, 2);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* ------------------------------------------------------------- claims */

struct ws_intern_day *
ws_intern_days(sqlite3 *db, const char *intern, const char *through,
    size_t *n)
{
	sqlite3_stmt *st;
	struct ws_intern_day *v = NULL;
	size_t cap = 0;
	const char *d;

	*n = 0;
	st = ws_prepare(db, "SELECT date,"
	    " coalesce(sum(minutes) FILTER (WHERE certification IS NOT NULL),"
	    " 0), coalesce(sum(minutes) FILTER (WHERE certification IS NULL),"
	    " 0), count(*) FILTER (WHERE kind = 'adjustment')"
	    " FROM v_intern_entry WHERE intern = ?1"
	    " AND (?2 IS NULL OR date <= ?2) GROUP BY date ORDER BY date");
	ws_bind_text(st, 1, intern);
	ws_bind_text(st, 2, through);
	while (ws_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = ws_realloc(v, cap * sizeof *v);
		}
		d = (const char *)sqlite3_column_text(st, 0);
		snprintf(v[*n].date, sizeof v[*n].date, "%s", d ? d : "");
		v[*n].certified = sqlite3_column_int64(st, 1);
		v[*n].uncertified = sqlite3_column_int64(st, 2);
		v[*n].adjustments = sqlite3_column_int64(st, 3);
		(*n)++;
	}
	sqlite3_finalize(st);
	return v;
}
