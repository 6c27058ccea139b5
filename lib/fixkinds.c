/*
 * fixkinds.c - the kinds of record correct.c's one mechanism voids and
 * amends besides visits (issue 12): activities (group sessions and
 * community activities, and their attendance) and intern entries not
 * yet certified.  Each kind reads its record, says what only it
 * refuses, voids it (a row of record_void, schema/015) and checks its
 * new values as at logging before writing them.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Read the row of id from the kind's prepared q into old[] at the
 * columns map[] (-1 skips a result column); the last result column is
 * the voided flag.  0, or 1 when there is no such row. */
static int
read_row(sqlite3_stmt *q, int64_t id, const signed char *map, int n,
    char **old, int *voided)
{
	int i, r = 1;

	ws_bind_int(q, 1, id);
	if (ws_step(q) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			if (map[i] >= 0)
				old[map[i]] = ws_strdup((const char *)
				    sqlite3_column_text(q, i));
		*voided = sqlite3_column_int(q, n);
		r = 0;
	}
	sqlite3_reset(q);
	return r;
}

/* The state of a kind: its statements, prepared once a run. */
struct state {
	sqlite3_stmt *q_old, *q_why, *q_void, *q_cert;
};

static const char sql_why[] = "SELECT at, os_user, reason FROM record_void "
    "WHERE tbl = ?2 AND row_key = ?1";

static void
end(struct ws_fixer *fx)
{
	struct state *s = fx->ks;

	sqlite3_finalize(s->q_old);
	sqlite3_finalize(s->q_why);
	sqlite3_finalize(s->q_void);
	sqlite3_finalize(s->q_cert);
	free(s);
	fx->ks = NULL;
}

static void
voided(struct ws_fixer *fx, int64_t id)
{
	struct state *s = fx->ks;

	if (s->q_why == NULL) {
		s->q_why = ws_prepare(fx->db, sql_why);
		ws_bind_text(s->q_why, 2, fx->kind->tbl);
	}
	ws_fix_voided_msg(fx, &s->q_why, sql_why, id);
}

/* A row of record_void for id, and the 'status' row of the log. */
static void
void_row(struct ws_fixer *fx, int64_t id, const char *reason)
{
	struct state *s = fx->ks;

	if (s->q_void == NULL)
		s->q_void = ws_prepare(fx->db, "INSERT INTO record_void (tbl, "
		    "row_key, os_user, command, reason) VALUES (?1, ?2, "
		    "ws_user(), ws_cmd(), ?3)");
	ws_bind_text(s->q_void, 1, fx->kind->tbl);
	ws_bind_int(s->q_void, 2, id);
	ws_bind_text(s->q_void, 3, reason);
	if (ws_step(s->q_void) != SQLITE_DONE)
		ws_bug("voiding %s %" PRId64 ": %s", fx->kind->noun, id,
		    sqlite3_errmsg(fx->db));
	sqlite3_reset(s->q_void);
	ws_fix_log(fx->fix, fx->kind->tbl, id, "status", NULL, "void",
	    reason);
}

/* ------------------------------------------------------- activities */

const char *const ws_activity_fix_cols[] = { "id", "activity_id", "reason",
    "case_id", "kind", "group", "title", "date", "minutes", "community",
    "org", "workers", "participants", "volunteers", "volunteer_minutes",
    "contract", "cases", "note", NULL };

enum { A_ID, A_AID, A_REASON, A_CASE_ID, A_KIND, A_GROUP, A_TITLE, A_DATE,
    A_MINUTES, A_COMMUNITY, A_ORG, A_WORKERS, A_PARTS, A_VOLS, A_VMIN,
    A_CONTRACT, A_CASES, A_NOTE, A_N };

static const signed char act_change[] = { A_KIND, A_GROUP, A_TITLE,
    A_DATE, A_MINUTES, A_COMMUNITY, A_ORG, A_WORKERS, A_PARTS, A_VOLS,
    A_VMIN, A_CONTRACT, A_CASES, A_NOTE, -1 };

void
ws_activity_fix_set(const char **set, const char *id, const char *case_id,
    const struct ws_activity *a)
{
	int i;

	if (A_N != WS_AFIX_N)
		ws_bug("WS_AFIX_N is not the number of ws_activity_fix_cols");
	for (i = 0; i < A_N; i++)
		set[i] = NULL;
	set[A_ID] = id;
	set[A_CASE_ID] = case_id;
	set[A_KIND] = a->kind;
	set[A_GROUP] = a->group;
	set[A_TITLE] = a->title;
	set[A_DATE] = a->date;
	set[A_MINUTES] = a->minutes;
	set[A_COMMUNITY] = a->community;
	set[A_ORG] = a->org;
	set[A_WORKERS] = a->workers;
	set[A_PARTS] = a->participants;
	set[A_VOLS] = a->volunteers;
	set[A_VMIN] = a->volunteer_minutes;
	set[A_CONTRACT] = a->contract;
	set[A_CASES] = a->cases;
	set[A_NOTE] = a->note;
}

static void
act_begin(struct ws_fixer *fx)
{
	struct state *s = ws_calloc(1, sizeof *s);

	s->q_old = ws_prepare(fx->db, "SELECT kind, grp, title, date, "
	    "minutes, community, org, (SELECT group_concat(worker, ',') FROM "
	    "(SELECT worker FROM activity_worker WHERE activity = a.id ORDER "
	    "BY worker)), participants, volunteers, volunteer_minutes, "
	    "contract, (SELECT group_concat(case_id, ',') FROM (SELECT "
	    "case_id FROM activity_case WHERE activity = a.id ORDER BY "
	    "case_id)), note, EXISTS (SELECT 1 FROM record_void WHERE tbl = "
	    "'activity' AND row_key = a.id) FROM activity a WHERE id = ?1");
	fx->ks = s;
}

static int
act_read(struct ws_fixer *fx, int64_t id, char **old, int *voided)
{
	static const signed char map[] = { A_KIND, A_GROUP, A_TITLE, A_DATE,
	    A_MINUTES, A_COMMUNITY, A_ORG, A_WORKERS, A_PARTS, A_VOLS, A_VMIN,
	    A_CONTRACT, A_CASES, A_NOTE };
	struct state *s = fx->ks;

	return read_row(s->q_old, id, map, (int)sizeof map, old, voided);
}

/* Is case c (text) in the list l ("3,5,12")? */
static int
in_list(const char *l, const char *c)
{
	size_t n = strlen(c);
	const char *p;

	for (p = l; p != NULL && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 :
	    NULL)
		if (strncmp(p, c, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* An attendance voided is a case of the list; case_id only voids one. */
static const char *
act_refuse(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *v)
{
	int64_t n;

	if (!given(v[A_CASE_ID]))
		return NULL;
	ws_buf_reset(&fx->lm);
	if (fx->amend)
		ws_buf_printf(&fx->lm, "activity %" PRId64 ": only with a void "
		    "(to change the attending cases, give them all as cases)",
		    id);
	else if (ws_parse_int(v[A_CASE_ID], 1, INT64_MAX, &n) != NULL ||
	    !in_list(old[A_CASES], v[A_CASE_ID]))
		ws_buf_printf(&fx->lm, "activity %" PRId64 ": case %s did not "
		    "attend (attending: %s)", id, v[A_CASE_ID],
		    old[A_CASES] ? old[A_CASES] : "none");
	else
		return NULL;
	return "case_id";
}

/* A void: of the activity, or of one attendance (case_id), which takes
 * the case out of the list; the old list stays in the log. */
static void
act_void(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *v, const char *reason)
{
	sqlite3_stmt *st;
	ws_buf rest = {0};
	const char *p, *e;

	if (!given(v[A_CASE_ID])) {
		void_row(fx, id, reason);
		return;
	}
	st = ws_prepare(fx->db, "DELETE FROM activity_case WHERE activity = "
	    "?1 AND case_id = CAST(?2 AS INTEGER)");
	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, v[A_CASE_ID]);
	if (ws_step(st) != SQLITE_DONE || sqlite3_changes(fx->db) != 1)
		ws_bug("voiding the attendance of case %s: %s", v[A_CASE_ID],
		    sqlite3_errmsg(fx->db));
	sqlite3_finalize(st);
	for (p = old[A_CASES]; p != NULL; p = *e ? e + 1 : NULL) {
		e = strchr(p, ',') ? strchr(p, ',') : p + strlen(p);
		if ((size_t)(e - p) == strlen(v[A_CASE_ID]) &&
		    strncmp(p, v[A_CASE_ID], (size_t)(e - p)) == 0)
			continue;
		if (rest.len > 0)
			ws_buf_addc(&rest, ',');
		ws_buf_add(&rest, p, (size_t)(e - p));
	}
	ws_fix_log(fx->fix, "activity", id, "cases", old[A_CASES],
	    rest.len > 0 ? rest.s : NULL, reason);
	ws_buf_free(&rest);
}

static int
act_amend(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *nv, unsigned mask, const char *reason,
    ws_case_report *err, void *arg)
{
	struct ws_activity a;

	memset(&a, 0, sizeof a);
	a.kind = nv[A_KIND];
	a.group = nv[A_GROUP];
	a.title = nv[A_TITLE];
	a.date = nv[A_DATE];
	a.minutes = nv[A_MINUTES];
	a.community = nv[A_COMMUNITY];
	a.org = nv[A_ORG];
	a.workers = nv[A_WORKERS];
	a.participants = nv[A_PARTS];
	a.volunteers = nv[A_VOLS];
	a.volunteer_minutes = nv[A_VMIN];
	a.contract = nv[A_CONTRACT];
	a.cases = nv[A_CASES];
	a.note = nv[A_NOTE];
	return ws_activity_amend(fx->db, id, &a, err, arg);
}

static sqlite3_stmt *
act_list(sqlite3 *db, int64_t first, int64_t last)
{
	return ws_fix_list(db, "activity", first, last, 0);
}

const struct ws_fix_kind ws_fix_activity = {
	"activity", "activity", "activities", ws_activity_fix_cols,
	act_change, A_DATE, A_MINUTES, act_begin, end, act_read, voided,
	act_refuse, act_void, act_amend, act_list
};

/* ---------------------------------------------------- intern entries */

const char *const ws_intern_fix_cols[] = { "id", "entry_id", "reason",
    "intern", "date", "from", "to", "break", "minutes", "task", NULL };

enum { I_ID, I_EID, I_REASON, I_INTERN, I_DATE, I_FROM, I_TO, I_BREAK,
    I_MINUTES, I_TASK, I_CERT, I_KIND, I_N };	/* I_CERT, I_KIND: read
						   only, not columns */

static const signed char int_change[] = { I_DATE, I_FROM, I_TO, I_BREAK,
    I_MINUTES, I_TASK, -1 };
enum { B_DATE = 1, B_FROM = 2, B_TO = 4, B_BREAK = 8, B_MINUTES = 16 };

void
ws_intern_fix_set(const char **set, const char *id,
    const struct ws_hours_rec *r)
{
	int i;

	if (I_CERT != WS_IFIX_N || I_N > WS_FIX_MAXCOLS)
		ws_bug("WS_IFIX_N is not the number of ws_intern_fix_cols");
	for (i = 0; i < I_CERT; i++)
		set[i] = NULL;
	set[I_ID] = id;
	set[I_INTERN] = r->intern;
	set[I_DATE] = r->date;
	set[I_FROM] = r->from;
	set[I_TO] = r->to;
	set[I_BREAK] = r->brk;
	set[I_MINUTES] = r->minutes;
	set[I_TASK] = r->task;
}

static void
int_begin(struct ws_fixer *fx)
{
	struct state *s = ws_calloc(1, sizeof *s);

	s->q_old = ws_prepare(fx->db, "SELECT intern, date, start, end_time, "
	    "break_minutes, minutes, task, certification, kind, EXISTS (SELECT "
	    "1 FROM record_void WHERE tbl = 'intern_hours' AND row_key = h.id) "
	    "FROM intern_hours h WHERE id = ?1");
	fx->ks = s;
}

static int
int_read(struct ws_fixer *fx, int64_t id, char **old, int *voided)
{
	static const signed char map[] = { I_INTERN, I_DATE, I_FROM, I_TO,
	    I_BREAK, I_MINUTES, I_TASK, I_CERT, I_KIND };
	struct state *s = fx->ks;

	return read_row(s->q_old, id, map, (int)sizeof map, old, voided);
}

/* Certified entries keep their rule (adjustments only); an adjustment
 * is not amended; an entry's intern does not change. */
static const char *
int_refuse(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *v)
{
	struct state *s = fx->ks;

	ws_buf_reset(&fx->lm);
	if (old[I_CERT] != NULL) {
		if (s->q_cert == NULL)
			s->q_cert = ws_prepare(fx->db, "SELECT through FROM "
			    "certification WHERE id = ?1");
		ws_bind_int(s->q_cert, 1, strtoll(old[I_CERT], NULL, 10));
		ws_step(s->q_cert);
		ws_buf_printf(&fx->lm, "intern entry %" PRId64 " is certified "
		    "(certification %s, through %s; a certified entry is "
		    "corrected with intern-hours --adjust)", id, old[I_CERT],
		    sqlite3_column_text(s->q_cert, 0));
		sqlite3_reset(s->q_cert);
		return "id";
	}
	if (fx->amend && strcmp(old[I_KIND], "adjustment") == 0) {
		ws_buf_printf(&fx->lm, "intern entry %" PRId64 " is an "
		    "adjustment (void it and adjust again)", id);
		return "id";
	}
	if (given(v[I_INTERN]) && strcmp(v[I_INTERN], old[I_INTERN]) != 0) {
		ws_buf_printf(&fx->lm, "'%s': intern entry %" PRId64 " is of "
		    "%s (an entry's intern does not change: void it and log "
		    "it again)", v[I_INTERN], id, old[I_INTERN]);
		return "intern";
	}
	return NULL;
}

static void
int_void(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *v, const char *reason)
{
	void_row(fx, id, reason);
}

/* The new values as a record to check: a range when the entry has one
 * or one is given (its minutes then follow from it unless given), else
 * minutes. */
static int
int_amend(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *nv, unsigned mask, const char *reason,
    ws_case_report *err, void *arg)
{
	struct ws_hours_rec r;
	char *m, *colon, mins[24];
	int64_t n;

	memset(&r, 0, sizeof r);
	r.intern = old[I_INTERN];
	r.date = nv[I_DATE];
	r.task = nv[I_TASK];
	if (given(nv[I_FROM]) || given(nv[I_TO])) {
		r.from = nv[I_FROM];
		r.to = nv[I_TO];
		r.brk = (mask & B_BREAK) || strcmp(nv[I_BREAK], "0") != 0 ?
		    nv[I_BREAK] : NULL;
		r.minutes = mask & B_MINUTES ? nv[I_MINUTES] : NULL;
	} else {
		r.brk = mask & B_BREAK ? nv[I_BREAK] : NULL;
		r.minutes = nv[I_MINUTES];
	}
	if ((m = ws_intern_amend(fx->db, fx->pol, id, &r, &n)) != NULL) {
		colon = strstr(m, ": ");
		if (colon != NULL) {
			*colon = '\0';
			err(arg, strcmp(m, "brk") == 0 ? "break" : m,
			    colon + 2);
		} else
			err(arg, NULL, m);
		free(m);
		return 1;
	}
	/* minutes that follow from a new range are a change too */
	snprintf(mins, sizeof mins, "%" PRId64, n);
	if (!(mask & B_MINUTES) && strcmp(mins, old[I_MINUTES]) != 0)
		ws_fix_log(fx->fix, "intern_hours", id, "minutes",
		    old[I_MINUTES], mins, reason);
	return 0;
}

static sqlite3_stmt *
int_list(sqlite3 *db, int64_t first, int64_t last)
{
	return ws_fix_list(db, "intern_hours", first, last, 0);
}

const struct ws_fix_kind ws_fix_intern = {
	"intern_hours", "intern entry", "intern entries", ws_intern_fix_cols,
	int_change, I_DATE, I_MINUTES, int_begin, end, int_read, voided,
	int_refuse, int_void, int_amend, int_list
};
