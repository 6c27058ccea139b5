/*
 * volunteer.c - the volunteer register (实名注册) and service records
 * (志愿服务记录): adding volunteers, recording service with every check
 * of the Ministry of Civil Affairs' 《志愿服务记录与证明出具办法（试行）》
 * that a program can make, voiding, amending and adjusting records, and
 * the batch job of volunteer-hours(1).  What is printed about them is in
 * volunteer-doc.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_volunteer_keys[] = { "code", "name", "id_number",
    "phone", "community", "team", "skills", "registered", "left", NULL };

const char *const ws_service_cols[] = { "volunteer", "date", "from", "to",
    "hours", "minutes", "place", "content", "org", "activity", NULL };

enum { K_CODE, K_NAME, K_IDNUM, K_PHONE, K_COMM, K_TEAM, K_SKILLS, K_REG,
    K_LEFT, K_N };

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

static char *
coldup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? ws_strdup(s) : NULL;
}

/* ----------------------------------------------------------- register */

char *
ws_volunteer_team_check(sqlite3 *db, const char *team)
{
	if (!given(team))
		return NULL;
	if (ws_query_int(db, "SELECT 1 FROM org WHERE code = ?1 UNION ALL "
	    "SELECT 1 FROM grp WHERE code = ?1", team, 0) == 1)
		return NULL;
	return ws_msgf("unknown team '%s' (expected the code of an org "
	    "or a group)", team);
}

char *
ws_volunteer_add(sqlite3 *db, const char *const v[])
{
	const char *m;
	char *t;
	sqlite3_stmt *st;
	int i;

	if ((m = ws_check_code(v[K_CODE])) != NULL)
		return ws_asprintf("code: '%s': %s", v[K_CODE] ? v[K_CODE] :
		    "", m);
	if (!given(v[K_NAME]))
		return ws_strdup("name: missing (expected the volunteer's "
		    "real name)");
	if (!given(v[K_REG]))
		return ws_strdup("registered: missing (expected the date of "
		    "registration)");
	if ((m = ws_check_date(v[K_REG])) != NULL)
		return ws_asprintf("registered: '%s': %s", v[K_REG], m);
	if (given(v[K_LEFT]) && (m = ws_check_date(v[K_LEFT])) != NULL)
		return ws_asprintf("left: '%s': %s", v[K_LEFT], m);
	if (given(v[K_LEFT]) && strcmp(v[K_LEFT], v[K_REG]) < 0)
		return ws_msgf("left: '%s': before registered %s (expected "
		    "the same day or later)", v[K_LEFT], v[K_REG]);
	if (given(v[K_IDNUM]) &&
	    (m = ws_check_id_number(v[K_IDNUM], NULL, NULL)) != NULL)
		return ws_asprintf("id_number: %s", m);
	if (given(v[K_PHONE]) && (m = ws_check_phone(v[K_PHONE])) != NULL)
		return ws_asprintf("phone: %s", m);
	if (given(v[K_COMM]) &&
	    (m = ws_case_check_community(db, v[K_COMM])) != NULL)
		return ws_asprintf("community: %s", m);
	if ((t = ws_volunteer_team_check(db, v[K_TEAM])) != NULL) {
		char *r = ws_asprintf("team: %s", t);

		free(t);
		return r;
	}
	if (ws_query_int(db, "SELECT 1 FROM volunteer WHERE code = ?",
	    v[K_CODE], 0) == 1)
		return ws_msgf("code: volunteer '%s' already exists "
		    "(expected a new code; wushe-db load updates volunteers)",
		    v[K_CODE]);
	st = ws_prepare(db, "INSERT INTO volunteer (code, name, id_number, "
	    "phone, community, team, skills, registered, left_on) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	for (i = 0; i < K_N; i++)
		ws_bind_text(st, i + 1, v[i]);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("volunteer: %s (a check was missed)",
		    sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return NULL;
}

/* ----------------------------------------------------- service records */

/*
 * In a batch, good records are written PEND_MAX at a time with one
 * multi-row INSERT (one statement run per row costs more than the row,
 * as in visit.c), with explicit ids: the batch holds the write lock.  The
 * checks of a record look at the pending ones too.
 */
#define PEND_MAX	64
#define NCOLS		13
#define INSERT_ROW	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ws_user())"
#define INSERT_SQL	"INSERT INTO volunteer_service (id, volunteer, date, " \
	"start, end_time, minutes, place, content, org, activity, kind, " \
	"reason, amends, os_user) VALUES " INSERT_ROW

struct pend {
	int64_t id, minutes, activity;
	int start, end;			/* -1: no range */
	uint32_t vh;			/* vhash(vol): compared first */
	char vol[40], date[11], org[40];
	ws_buf place, content;
};

#define VCACHE	32768

struct vent {
	int used;
	char code[33], reg[11], left[11];
};

struct ws_vol {
	sqlite3 *db;
	const struct ws_policy *pol;
	sqlite3_stmt *vol, *org, *day, *act, *dup, *ins, *insn;
	int bulk;			/* records pend (ws_vol_bulk) */
	const ws_batch *batch;		/* names clashes by line (issue 13) */
	int64_t next_id;
	struct pend pend[PEND_MAX];
	int npend;
	char today[11];
	char reg[11], left[11];		/* the volunteer of the record */
	struct vent *vcache;		/* VCACHE entries */
	char ocode[33];				/* the last org found */
};

ws_vol *
ws_vol_new(sqlite3 *db, const struct ws_policy *pol)
{
	ws_vol *v = ws_calloc(1, sizeof *v);

	v->db = db;
	v->pol = pol;
	v->vcache = ws_calloc(VCACHE, sizeof *v->vcache);
	ws_today(v->today);
	v->vol = ws_prepare(db, "SELECT registered, coalesce(left_on, '') "
	    "FROM volunteer WHERE code = ?1");
	v->org = ws_prepare(db, "SELECT 1 FROM org WHERE code = ?1");
	v->day = ws_prepare(db, "SELECT id, start, end_time, minutes FROM "
	    "volunteer_service WHERE volunteer = ?1 AND date = ?2 AND "
	    "voided IS NULL");
	v->act = ws_prepare(db, "SELECT a.date, a.minutes, a.org, "
	    "coalesce(c.name, a.community), coalesce(a.title, g.name, "
	    "a.kind) FROM v_activity a LEFT JOIN community c ON c.code = "
	    "a.community LEFT JOIN grp g ON g.code = a.grp WHERE a.id = ?1");
	v->dup = ws_prepare(db, "SELECT id FROM volunteer_service WHERE "
	    "activity = ?1 AND volunteer = ?2 AND voided IS NULL AND "
	    "kind = 'entry'");
	v->ins = ws_prepare(db, INSERT_SQL);
	return v;
}

void
ws_vol_bulk(ws_vol *v)
{
	v->bulk = 1;
	v->next_id = ws_query_int(v->db, "SELECT coalesce(max(id), 0) FROM "
	    "volunteer_service", NULL, 0) + 1;
}

void
ws_vol_free(ws_vol *v)
{
	int k;

	if (v == NULL)
		return;
	ws_vol_flush(v);
	for (k = 0; k < PEND_MAX; k++) {
		ws_buf_free(&v->pend[k].place);
		ws_buf_free(&v->pend[k].content);
	}
	sqlite3_finalize(v->insn);
	sqlite3_finalize(v->vol);
	sqlite3_finalize(v->org);
	sqlite3_finalize(v->day);
	sqlite3_finalize(v->act);
	sqlite3_finalize(v->dup);
	sqlite3_finalize(v->ins);
	free(v->vcache);
	free(v);
}

/* Look the volunteer up, through a direct-mapped cache of VCACHE
 * entries (a district's volunteers recur all through a stream). */
static int
volunteer(ws_vol *v, const char *code)
{
	struct vent *c;
	unsigned h = 5381;
	const char *p;

	for (p = code; *p != '\0'; p++)
		h = h * 33 + (unsigned char)*p;
	c = &v->vcache[h % VCACHE];
	if (c->used && strcmp(c->code, code) == 0)
		goto found;
	sqlite3_reset(v->vol);
	ws_bind_text(v->vol, 1, code);
	if (ws_step(v->vol) != SQLITE_ROW) {
		sqlite3_reset(v->vol);
		return 0;
	}
	c->used = strlen(code) < sizeof c->code;
	snprintf(c->code, sizeof c->code, "%s", code);
	snprintf(c->reg, sizeof c->reg, "%s",
	    (const char *)sqlite3_column_text(v->vol, 0));
	snprintf(c->left, sizeof c->left, "%s",
	    (const char *)sqlite3_column_text(v->vol, 1));
	sqlite3_reset(v->vol);
found:
	memcpy(v->reg, c->reg, sizeof v->reg);
	memcpy(v->left, c->left, sizeof v->left);
	return 1;
}

static int
org_known(ws_vol *v, const char *code)
{
	int ok;

	if (strcmp(code, v->ocode) == 0)
		return 1;
	sqlite3_reset(v->org);
	ws_bind_text(v->org, 1, code);
	ok = ws_step(v->org) == SQLITE_ROW;
	sqlite3_reset(v->org);
	if (ok)
		snprintf(v->ocode, sizeof v->ocode, "%s", code);
	return ok;
}

/* What an activity gives its volunteers' records. */
struct act {
	char date[11];
	int64_t minutes;
	char *org, *place, *content;
};

static void
act_clear(struct act *a)
{
	free(a->org);
	free(a->place);
	free(a->content);
	memset(a, 0, sizeof *a);
}

/* The record being checked: r's text, then the values worked out. */
struct rec {
	const char *volunteer, *date, *place, *content, *org;
	int64_t activity, minutes, amends;
	int start, end;			/* -1: no range */
	const char *amount;		/* the field of the amount */
};

/* The activity side: the organiser records, on the activity's date. */
static char *
check_activity(ws_vol *v, const struct ws_service_rec *r, struct rec *x,
    struct act *a)
{
	const char *m;
	int rc;

	if ((m = ws_parse_int(r->activity, 1, INT64_MAX, &x->activity))
	    != NULL)
		return ws_asprintf("activity: '%s': %s", r->activity, m);
	sqlite3_reset(v->act);
	ws_bind_int(v->act, 1, x->activity);
	rc = ws_step(v->act);
	if (rc == SQLITE_ROW) {
		snprintf(a->date, sizeof a->date, "%s",
		    (const char *)sqlite3_column_text(v->act, 0));
		a->minutes = sqlite3_column_int64(v->act, 1);
		a->org = coldup(v->act, 2);
		a->place = coldup(v->act, 3);
		a->content = coldup(v->act, 4);
	}
	sqlite3_reset(v->act);
	if (rc != SQLITE_ROW)
		return ws_msgf("activity: unknown activity %" PRId64
		    " (expected an activity id from activity-log)",
		    x->activity);
	if (a->org == NULL)
		return ws_msgf("org: activity %" PRId64 " has no "
		    "organiser (expected an activity logged with --org)",
		    x->activity);
	if (given(r->org) && strcmp(r->org, a->org) != 0)
		return ws_msgf("org: %s did not organise activity %"
		    PRId64 " (its organiser is %s; expected the organiser to "
		    "record its volunteers)", r->org, x->activity, a->org);
	if (given(r->date) && strcmp(r->date, a->date) != 0)
		return ws_msgf("date: %s is not the date of activity %"
		    PRId64 " (expected %s)", r->date, x->activity, a->date);
	x->org = a->org;
	x->date = a->date;
	if (!given(x->place))
		x->place = a->place;
	if (!given(x->content))
		x->content = a->content;
	return NULL;
}

/* The amount: a range, or hours, or minutes (one of them). */
static char *
check_amount(const struct ws_service_rec *r, struct rec *x,
    const struct act *a)
{
	const char *m;
	int n = (given(r->from) || given(r->to)) + given(r->hours) +
	    given(r->minutes);

	x->start = x->end = -1;
	if (n > 1)
		return ws_strdup("hours: give one of from/to, hours and "
		    "minutes");
	if (n == 0 && a != NULL && a->minutes > 0) {
		x->minutes = a->minutes;
		x->amount = "activity";
		return NULL;
	}
	if (n == 0)
		return ws_strdup("hours: missing (expected from and to, hours "
		    "or minutes)");
	if (given(r->from) || given(r->to)) {
		x->amount = "to";
		if (!given(r->from) || !given(r->to))
			return ws_msgf("%s: missing (a time range needs "
			    "from and to)", given(r->from) ? "to" : "from");
		if ((m = ws_check_time(r->from, 0, &x->start)) != NULL)
			return ws_asprintf("from: '%s': %s", r->from, m);
		if ((m = ws_check_time(r->to, 1, &x->end)) != NULL)
			return ws_asprintf("to: '%s': %s", r->to, m);
		if (x->end <= x->start)
			return ws_msgf("to: %s is not after from %s "
			    "(expected a later time; record service past "
			    "midnight as two records)", r->to, r->from);
		x->minutes = x->end - x->start;
		return NULL;
	}
	if (given(r->hours)) {
		x->amount = "hours";
		if ((m = ws_parse_hours(r->hours, &x->minutes)) != NULL)
			return ws_asprintf("hours: '%s': %s", r->hours, m);
	} else {
		x->amount = "minutes";
		if ((m = ws_parse_minutes(r->minutes, &x->minutes)) != NULL)
			return ws_asprintf("minutes: '%s': %s", r->minutes, m);
	}
	if (x->minutes < 1 || x->minutes > 1440)
		return ws_msgf("%s: '%s' is out of range (expected 1 "
		    "minute to 24 hours)", x->amount, given(r->hours) ?
		    r->hours : r->minutes);
	return NULL;
}

static void
hhmm(int m, char out[6])
{
	unsigned u = (unsigned)m % 1441;

	snprintf(out, 6, "%02u:%02u", u / 60 % 25, u % 60);
}

/* FNV-1a of a volunteer's code (as stored in struct pend: its first 39
 * bytes), so the pending records of other volunteers are passed over
 * without a string comparison. */
static uint32_t
vhash(const char *s)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; s[i] != '\0' && i < 39; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The volunteer's day: no overlap with a timed record, at most the
 * policy's daily maximum. */
static char *
check_day(ws_vol *v, const struct rec *x, int64_t extra)
{
	const char *a, *b;
	char *msg = NULL, p[6], q[6], h[32], mx[32], a2[6], b2[6], pp[6];
	char qq[6], who[64];
	const struct pend *pe;
	int64_t total = x->minutes + extra;
	uint32_t xh = vhash(x->volunteer);
	int s, e, k;

	sqlite3_reset(v->day);
	ws_bind_text(v->day, 1, x->volunteer);
	ws_bind_text(v->day, 2, x->date);
	while (ws_step(v->day) == SQLITE_ROW) {
		total += sqlite3_column_int64(v->day, 3);
		a = (const char *)sqlite3_column_text(v->day, 1);
		b = (const char *)sqlite3_column_text(v->day, 2);
		if (msg != NULL || x->start < 0 || a == NULL || b == NULL ||
		    ws_check_time(a, 0, &s) != NULL ||
		    ws_check_time(b, 1, &e) != NULL)
			continue;
		if (x->start < e && s < x->end) {
			hhmm(x->start, p);
			hhmm(x->end, q);
			msg = ws_msgf("from: %s-%s on %s overlaps %s "
			    "(%s-%s) of %s (expected a time not recorded yet)",
			    p, q, x->date, ws_batch_clash(v->batch,
			    sqlite3_column_int64(v->day, 0), "record", who,
			    sizeof who), a, b, x->volunteer);
		}
	}
	sqlite3_reset(v->day);
	for (k = 0; k < v->npend; k++) {
		pe = &v->pend[k];
		/* the volunteer first: a batch in date order has many
		 * pending records of the same day */
		if (pe->vh != xh || strcmp(pe->vol, x->volunteer) != 0 ||
		    strcmp(pe->date, x->date) != 0)
			continue;
		total += pe->minutes;
		if (msg == NULL && x->start >= 0 && pe->start >= 0 &&
		    x->start < pe->end && pe->start < x->end) {
			hhmm(x->start, a2);
			hhmm(x->end, b2);
			hhmm(pe->start, pp);
			hhmm(pe->end, qq);
			msg = ws_msgf("from: %s-%s on %s overlaps %s "
			    "(%s-%s) of %s (expected a time not recorded yet)",
			    a2, b2, x->date, ws_batch_clash(v->batch, pe->id,
			    "record", who, sizeof who), pp, qq, x->volunteer);
		}
	}
	if (msg == NULL && total > v->pol->vol_daily_max_minutes) {
		ws_hours_str(total, h);
		ws_hours_str(v->pol->vol_daily_max_minutes, mx);
		msg = ws_msgf("%s: %s would have %s hours recorded for %s "
		    "(expected at most %s a day, policy "
		    "volunteers.daily_max_hours)", x->amount, x->date, h,
		    x->volunteer, mx);
	}
	if (msg == NULL && total < 0) {
		ws_hours_str(total, h);
		msg = ws_msgf("%s: %s would have %s hours recorded for %s "
		    "(expected a day's total of 0 or more)", x->amount,
		    x->date, h, x->volunteer);
	}
	return msg;
}

static void
hhmm_bind(sqlite3_stmt *st, int i, int m)
{
	char t[6];

	if (m < 0) {
		sqlite3_bind_null(st, i);
		return;
	}
	hhmm(m, t);
	sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
}

static void
run(ws_vol *v, sqlite3_stmt *st)
{
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("volunteer_service: %s (a check was missed)",
		    sqlite3_errmsg(v->db));
	sqlite3_reset(st);
}

/* Bind text that stays put until the statement has run (the pending
 * rows are flushed before they are reused): not copied. */
static void
bind_static(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Bind pending row p as row k of st. */
static void
bind_pend(sqlite3_stmt *st, int k, const struct pend *p)
{
	int b = k * NCOLS;

	ws_bind_int(st, b + 1, p->id);
	bind_static(st, b + 2, p->vol);
	bind_static(st, b + 3, p->date);
	hhmm_bind(st, b + 4, p->start);
	hhmm_bind(st, b + 5, p->end);
	ws_bind_int(st, b + 6, p->minutes);
	bind_static(st, b + 7, p->place.len ? p->place.s : NULL);
	bind_static(st, b + 8, p->content.len ? p->content.s : NULL);
	bind_static(st, b + 9, p->org);
	if (p->activity > 0)
		ws_bind_int(st, b + 10, p->activity);
	else
		sqlite3_bind_null(st, b + 10);
	bind_static(st, b + 11, "entry");
	sqlite3_bind_null(st, b + 12);
	sqlite3_bind_null(st, b + 13);
}

void
ws_vol_flush(ws_vol *v)
{
	ws_buf sql = {0};
	int k;

	if (v->npend == PEND_MAX) {
		if (v->insn == NULL) {
			ws_buf_adds(&sql, INSERT_SQL);
			for (k = 1; k < PEND_MAX; k++)
				ws_buf_adds(&sql, ", " INSERT_ROW);
			v->insn = ws_prepare(v->db, sql.s);
			ws_buf_free(&sql);
		}
		for (k = 0; k < PEND_MAX; k++)
			bind_pend(v->insn, k, &v->pend[k]);
		run(v, v->insn);
	} else
		for (k = 0; k < v->npend; k++) {
			bind_pend(v->ins, 0, &v->pend[k]);
			run(v, v->ins);
		}
	v->npend = 0;
}

/* Pend a good entry (bulk); returns its id. */
static int64_t
pend(ws_vol *v, const struct rec *x)
{
	struct pend *p;

	if (v->npend == PEND_MAX)
		ws_vol_flush(v);
	p = &v->pend[v->npend++];
	p->id = v->next_id++;
	p->minutes = x->minutes;
	p->activity = x->activity;
	p->start = x->start;
	p->end = x->end;
	ws_strlcpy(p->vol, x->volunteer, sizeof p->vol);
	p->vh = vhash(p->vol);
	ws_strlcpy(p->date, x->date, sizeof p->date);
	ws_strlcpy(p->org, x->org, sizeof p->org);
	ws_buf_reset(&p->place);
	ws_buf_reset(&p->content);
	if (x->place != NULL)
		ws_buf_adds(&p->place, x->place);
	if (x->content != NULL)
		ws_buf_adds(&p->content, x->content);
	return p->id;
}

static int64_t
insert(ws_vol *v, const struct rec *x, const char *kind, const char *reason)
{
	sqlite3_reset(v->ins);
	sqlite3_clear_bindings(v->ins);
	ws_bind_int(v->ins, 1, v->bulk ? v->next_id++ : 0);
	if (!v->bulk)
		sqlite3_bind_null(v->ins, 1);
	ws_bind_text(v->ins, 2, x->volunteer);
	ws_bind_text(v->ins, 3, x->date);
	hhmm_bind(v->ins, 4, x->start);
	hhmm_bind(v->ins, 5, x->end);
	ws_bind_int(v->ins, 6, x->minutes);
	ws_bind_text(v->ins, 7, x->place);
	ws_bind_text(v->ins, 8, x->content);
	ws_bind_text(v->ins, 9, x->org);
	if (x->activity > 0)
		ws_bind_int(v->ins, 10, x->activity);
	ws_bind_text(v->ins, 11, kind);
	ws_bind_text(v->ins, 12, reason);
	if (x->amends > 0)
		ws_bind_int(v->ins, 13, x->amends);
	run(v, v->ins);
	return sqlite3_last_insert_rowid(v->db);
}

static char *
record(ws_vol *v, const struct ws_service_rec *r, int64_t amends,
    const char *reason, int64_t *id)
{
	struct act a;
	struct rec x;
	char *m = NULL;
	const char *e;
	int rc, i;

	memset(&a, 0, sizeof a);
	memset(&x, 0, sizeof x);
	x.volunteer = r->volunteer;
	x.date = r->date;
	x.org = r->org;
	x.place = r->place;
	x.content = r->content;
	x.amends = amends;
	*id = 0;
	if (!given(r->volunteer))
		return ws_strdup("volunteer: missing (expected a volunteer "
		    "code)");
	if (!volunteer(v, r->volunteer))
		return ws_msgf("volunteer: unknown volunteer '%s' "
		    "(expected a code from the directory or volunteer-hours "
		    "--add)", r->volunteer);
	if (given(r->activity) && (m = check_activity(v, r, &x, &a)) != NULL)
		goto done;
	if (!given(x.org)) {
		m = ws_strdup("org: missing (expected the code of the "
		    "organisation that recorded the service)");
		goto done;
	}
	if (!org_known(v, x.org)) {
		m = ws_msgf("org: unknown organisation '%s' (expected an "
		    "organisation code loaded with wushe-db load)", x.org);
		goto done;
	}
	if (!given(x.date)) {
		m = ws_strdup("date: missing (expected the day of service)");
		goto done;
	}
	if ((e = ws_check_date(x.date)) != NULL)
		m = ws_asprintf("date: '%s': %s", x.date, e);
	else if (strcmp(x.date, v->today) > 0)
		m = ws_msgf("date: %s is in the future (expected today, "
		    "%s, or earlier)", x.date, v->today);
	else if (strcmp(x.date, v->reg) < 0)
		m = ws_msgf("date: %s is before %s registered (expected "
		    "%s or later)", x.date, x.volunteer, v->reg);
	else if (v->left[0] != '\0' && strcmp(x.date, v->left) > 0)
		m = ws_msgf("date: %s is after %s left (expected %s or "
		    "earlier)", x.date, x.volunteer, v->left);
	if (m != NULL)
		goto done;
	if ((m = check_amount(r, &x, given(r->activity) ? &a : NULL)) != NULL)
		goto done;
	if (x.activity > 0) {
		sqlite3_reset(v->dup);
		ws_bind_int(v->dup, 1, x.activity);
		ws_bind_text(v->dup, 2, x.volunteer);
		rc = ws_step(v->dup);
		sqlite3_reset(v->dup);
		for (i = 0; i < v->npend && rc != SQLITE_ROW; i++)
			if (v->pend[i].activity == x.activity &&
			    strcmp(v->pend[i].vol, x.volunteer) == 0)
				rc = SQLITE_ROW;
		if (rc == SQLITE_ROW) {
			m = ws_msgf("volunteer: %s already has a record "
			    "for activity %" PRId64 " (expected each "
			    "volunteer once)", x.volunteer, x.activity);
			goto done;
		}
	}
	if ((m = check_day(v, &x, 0)) != NULL)
		goto done;
	*id = v->bulk && reason == NULL ? pend(v, &x) :
	    insert(v, &x, "entry", reason);
done:
	act_clear(&a);
	return m;
}

char *
ws_vol_record(ws_vol *v, const struct ws_service_rec *r, int64_t *id)
{
	return record(v, r, 0, NULL, id);
}

/* The record id as a correction finds it: exists, not voided; frozen
 * when certified (unless adjusting, which needs it certified). */
static char *
target(ws_vol *v, const char *what, int64_t id, const char *reason,
    int adjusting)
{
	sqlite3_stmt *st;
	char *m = NULL;
	const char *serial;

	if (!given(reason))
		return ws_msgf("reason: missing (%s needs a reason)",
		    what);
	st = ws_prepare(v->db, "SELECT s.voided, c.serial, s.kind FROM "
	    "volunteer_service s LEFT JOIN volunteer_certificate c ON "
	    "c.id = s.certificate WHERE s.id = ?1");
	ws_bind_int(st, 1, id);
	if (ws_step(st) != SQLITE_ROW)
		m = ws_msgf("%s: no service record %" PRId64 " (expected "
		    "a record id from volunteer-hours)", what, id);
	else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		m = ws_msgf("%s: record %" PRId64 " is voided (since %s)",
		    what, id, (const char *)sqlite3_column_text(st, 0));
	else if ((serial = (const char *)sqlite3_column_text(st, 1)) != NULL &&
	    !adjusting)
		m = ws_msgf("%s: record %" PRId64 " is certified "
		    "(certificate %s) and frozen (expected --adjust with a "
		    "reason)", what, id, serial);
	else if (serial == NULL && adjusting)
		m = ws_msgf("%s: record %" PRId64 " is not certified "
		    "(expected --amend or --void for a record not yet "
		    "certified)", what, id);
	else if (strcmp((const char *)sqlite3_column_text(st, 2), "entry")
	    != 0)
		m = ws_msgf("%s: record %" PRId64 " is an adjustment "
		    "(expected the record it adjusts)", what, id);
	sqlite3_finalize(st);
	return m;
}

static void
void_row(ws_vol *v, int64_t id, const char *reason)
{
	sqlite3_stmt *st = ws_prepare(v->db, "UPDATE volunteer_service SET "
	    "voided = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), void_reason = ?2 "
	    "WHERE id = ?1");

	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, reason);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("volunteer_service: %s (a check was missed)",
		    sqlite3_errmsg(v->db));
	sqlite3_finalize(st);
}

char *
ws_vol_void(ws_vol *v, int64_t id, const char *reason)
{
	char *m;

	if ((m = target(v, "void", id, reason, 0)) != NULL)
		return m;
	void_row(v, id, reason);
	return NULL;
}

char *
ws_vol_amend(ws_vol *v, int64_t id, const struct ws_service_rec *r,
    const char *reason, int64_t *newid)
{
	struct ws_service_rec n = *r;
	sqlite3_stmt *st;
	char *m, *old[10], act[24];
	int i, timed;

	*newid = 0;
	if ((m = target(v, "amend", id, reason, 0)) != NULL)
		return m;
	st = ws_prepare(v->db, "SELECT volunteer, date, start, end_time, "
	    "minutes, place, content, org, activity FROM volunteer_service "
	    "WHERE id = ?1");
	ws_bind_int(st, 1, id);
	if (ws_step(st) != SQLITE_ROW)
		ws_bug("volunteer_service: record %" PRId64 " went away", id);
	for (i = 0; i < 9; i++)
		old[i] = coldup(st, i);
	sqlite3_finalize(st);
	timed = given(r->from) || given(r->to) || given(r->hours) ||
	    given(r->minutes);
	if (!given(n.volunteer))
		n.volunteer = old[0];
	if (!given(n.date))
		n.date = old[1];
	if (!timed && old[2] != NULL) {
		n.from = old[2];
		n.to = old[3];
	} else if (!timed)
		n.minutes = old[4];
	if (!given(n.place))
		n.place = old[5];
	if (!given(n.content))
		n.content = old[6];
	if (!given(n.org))
		n.org = old[7];
	if (!given(n.activity) && old[8] != NULL) {
		snprintf(act, sizeof act, "%s", old[8]);
		n.activity = act;
	}
	void_row(v, id, reason);
	m = record(v, &n, id, reason, newid);
	for (i = 0; i < 9; i++)
		free(old[i]);
	return m;
}

char *
ws_vol_adjust(ws_vol *v, int64_t id, const char *minutes,
    const char *reason, int64_t *newid)
{
	struct rec x;
	sqlite3_stmt *st;
	const char *p = minutes, *e;
	char *m, *vcode, *date, *org, *place, *content;
	int64_t net, d;
	int neg = 0;

	*newid = 0;
	if ((m = target(v, "adjust", id, reason, 1)) != NULL)
		return m;
	if (!given(p))
		return ws_strdup("minutes: missing (expected signed minutes "
		    "such as -30 or +15)");
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if ((e = ws_parse_minutes(p, &d)) != NULL)
		return ws_asprintf("minutes: '%s': %s", minutes, e);
	if (d == 0)
		return ws_strdup("minutes: 0 changes nothing (expected a "
		    "signed number of minutes)");
	if (neg)
		d = -d;
	st = ws_prepare(v->db, "SELECT s.volunteer, s.date, s.org, s.place, "
	    "s.content, s.activity, s.minutes + (SELECT coalesce(sum("
	    "a.minutes), 0) FROM volunteer_service a WHERE a.amends = s.id "
	    "AND a.kind = 'adjustment' AND a.voided IS NULL) FROM "
	    "volunteer_service s WHERE s.id = ?1");
	ws_bind_int(st, 1, id);
	if (ws_step(st) != SQLITE_ROW)
		ws_bug("volunteer_service: record %" PRId64 " went away", id);
	vcode = coldup(st, 0);
	date = coldup(st, 1);
	org = coldup(st, 2);
	place = coldup(st, 3);
	content = coldup(st, 4);
	memset(&x, 0, sizeof x);
	x.activity = sqlite3_column_int64(st, 5);
	net = sqlite3_column_int64(st, 6);
	sqlite3_finalize(st);
	x.volunteer = vcode;
	x.date = date;
	x.org = org;
	x.place = place;
	x.content = content;
	x.minutes = d;
	x.amends = id;
	x.start = x.end = -1;
	x.amount = "minutes";
	if (net + d < 0)
		m = ws_msgf("minutes: record %" PRId64 " would count %"
		    PRId64 " minutes (expected 0 or more)", id, net + d);
	else if ((m = check_day(v, &x, 0)) == NULL)
		*newid = insert(v, &x, "adjustment", reason);
	free(vcode);
	free(date);
	free(org);
	free(place);
	free(content);
	return m;
}

int
ws_volunteer_stars(const struct ws_policy *p, int64_t minutes)
{
	int i, n = 0;

	for (i = 0; i < 5; i++)
		if (p->vol_star_minutes[i] > 0 &&
		    minutes >= p->vol_star_minutes[i])
			n = i + 1;
	return n;
}

/* ------------------------------------------------------------- batch */

static int
service_record(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_service_batch *sb = arg;
	struct ws_service_rec r;
	int64_t id = 0;
	char *m;

	r.volunteer = v[0] ? v[0] : sb->volunteer;
	r.date = v[1];
	r.from = v[2];
	r.to = v[3];
	r.hours = v[4];
	r.minutes = v[5];
	r.place = v[6];
	r.content = v[7];
	r.org = v[8] ? v[8] : sb->org;
	r.activity = v[9] ? v[9] : sb->activity;
	if (sb->add) {
		if ((m = ws_volunteer_add(ws_vol_db(sb->vol), v)) == NULL)
			id = sqlite3_last_insert_rowid(ws_vol_db(sb->vol));
	} else {
		sb->vol->batch = b;	/* issue 13: clashes by line */
		if ((m = ws_vol_record(sb->vol, &r, &id)) == NULL)
			ws_batch_row(b, id);
	}
	if (m != NULL) {
		const char *c = strstr(m, ": ");
		char f[16];

		if (c != NULL && (size_t)(c - m) < sizeof f) {
			snprintf(f, sizeof f, "%.*s", (int)(c - m), m);
			ws_batch_err(b, f, c + 2);
		} else
			ws_batch_err(b, NULL, m);
		free(m);
		return 1;
	}
	return ws_batch_id(id, &sb->first, &sb->last);
}

static void
service_end(ws_batch *b, void *arg)
{
	struct ws_service_batch *sb = arg;

	ws_vol_flush(sb->vol);
}

void
ws_service_batch_spec(struct ws_batch_spec *s, struct ws_service_batch *sb)
{
	static const char *const cols[] = { "volunteer", "date", "from",
	    "to", "hours", "minutes", "place", "content", "org", "activity",
	    "record_id", "name", "kind", "reason", "amends", "voided", NULL };
	static const char *const required[] = { "code", "name",
	    "registered", NULL };

	sb->first = sb->last = 0;
	s->cols = sb->add ? ws_volunteer_keys : cols;
	s->flags = sb->add ? WS_BATCH_HEADER : WS_BATCH_KEYS;
	s->required = sb->add ? required : NULL;
	s->why = "a volunteer needs code, name and registered";
	s->empty = sb->add ? "no volunteers in the input (expected a header "
	    "line naming the keys, then one volunteer a line)" : "no service "
	    "records in the input (expected a header line naming the "
	    "columns, then one record a line)";
	s->record = service_record;
	s->end = service_end;
	s->arg = sb;
	if (!sb->add) {
		ws_vol_bulk(sb->vol);
		s->bulk = 1;	/* one audit row per batch (issue 18) */
	}
}

sqlite3 *
ws_vol_db(ws_vol *v)
{
	return v->db;
}
