/*
 * correct.c - correcting the record (issue 12): the correction log
 * (schema/012: who changed which field of which record, when and why)
 * and visit-log's job of voiding and amending visits, one given with
 * options or a stream of them, on the batch loop.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* -------------------------------------------------------- the log */

struct ws_fix {
	sqlite3 *db;
	sqlite3_stmt *ins;
	int64_t first, last;	/* the correction ids written */
};

ws_fix *
ws_fix_new(sqlite3 *db)
{
	ws_fix *f = ws_calloc(1, sizeof *f);

	f->db = db;
	return f;
}

void
ws_fix_free(ws_fix *f)
{
	if (f == NULL)
		return;
	sqlite3_finalize(f->ins);
	free(f);
}

void
ws_fix_log(ws_fix *f, const char *tbl, int64_t key, const char *field,
    const char *old, const char *new, const char *reason)
{
	sqlite3_stmt *st;

	if (f->ins == NULL)
		f->ins = ws_prepare(f->db, "INSERT INTO correction (os_user, "
		    "command, tbl, row_key, field, old, new, reason) VALUES "
		    "(ws_user(), ws_cmd(), ?1, ?2, ?3, ?4, ?5, ?6)");
	st = f->ins;
	ws_bind_text(st, 1, tbl);
	ws_bind_int(st, 2, key);
	ws_bind_text(st, 3, field);
	ws_bind_text(st, 4, old);
	ws_bind_text(st, 5, new);
	ws_bind_text(st, 6, reason);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("a correction was refused by the database: %s",
		    sqlite3_errmsg(f->db));
	sqlite3_reset(st);
	f->last = sqlite3_last_insert_rowid(f->db);
	if (f->first == 0)
		f->first = f->last;
}

int64_t
ws_fix_first(const ws_fix *f)
{
	return f->first;
}

int64_t
ws_fix_last(const ws_fix *f)
{
	return f->last;
}

sqlite3_stmt *
ws_fix_list(sqlite3 *db, const char *tbl, int64_t first, int64_t last,
    int64_t key)
{
	sqlite3_stmt *st;

	st = ws_prepare(db, "SELECT CAST(row_key AS INTEGER) AS id, field, "
	    "old, new, reason, at, os_user FROM correction WHERE tbl = ?1 "
	    "AND (?4 = 0 OR row_key = CAST(?4 AS TEXT)) "
	    "AND (?4 <> 0 OR id BETWEEN ?2 AND ?3) ORDER BY id");
	ws_bind_text(st, 1, tbl);
	ws_bind_int(st, 2, first);
	ws_bind_int(st, 3, last);
	ws_bind_int(st, 4, key);
	return st;
}

/* ------------------------------------------------------ visit records */

/* The columns of a visit correction. */
const char *const ws_visit_fix_cols[] = { "id", "visit_id", "reason",
    "case_id", "community", "worker", "date", "start", "minutes", "kind",
    "status", "purpose", "note", "follow_up", "contract", NULL };

enum { F_ID, F_VISIT_ID, F_REASON, F_CASE_ID, F_COMMUNITY, F_WORKER,
    F_DATE, F_START, F_MINUTES, F_KIND, F_STATUS, F_PURPOSE, F_NOTE,
    F_FOLLOW_UP, F_CONTRACT, F_N };

void
ws_visit_fix_set(const char **set, const char *id, const struct ws_visit *v)
{
	int i;

	if (F_N != WS_VFIX_N)
		ws_bug("WS_VFIX_N is not the number of ws_visit_fix_cols");
	for (i = 0; i < F_N; i++)
		set[i] = NULL;
	set[F_ID] = id;
	set[F_WORKER] = v->worker;
	set[F_DATE] = v->date;
	set[F_START] = v->start;
	set[F_MINUTES] = v->minutes;
	set[F_KIND] = v->kind;
	set[F_STATUS] = v->status;
	set[F_PURPOSE] = v->purpose;
	set[F_NOTE] = v->note;
	set[F_FOLLOW_UP] = v->follow_up;
	set[F_CONTRACT] = v->contract;
}

void
ws_fix_warn_opt(const char *field, const char *key, const char *keyopt,
    const char *msg)
{
	char opt[32], *p;

	msg = ws_msg(msg);	/* issue 14: a literal from the checks */
	if (field == NULL) {
		ws_warn("%s", msg);
		return;
	}
	if (strcmp(field, key) == 0)
		field = keyopt;
	snprintf(opt, sizeof opt, "--%s", field);
	for (p = opt; *p; p++)
		if (*p == '_')
			*p = '-';
	ws_warn("%s: %s", opt, msg);
}

/* A problem of the correction given with options (the id is --void's or
 * --amend's). */
static void
opt_report(void *arg, const char *field, const char *msg)
{
	const struct ws_visit_fix *vf = arg;

	ws_fix_warn_opt(field, "id", vf->amend ? "amend" : "void", msg);
}

void
ws_fix_stream_spec(struct ws_batch_spec *s, const char *const *cols,
    const char *why, const char *bare, const char *empty,
    ws_batch_fn *record)
{
	static const char *const required[] = { NULL };

	s->cols = cols;
	s->flags = WS_BATCH_HEADER;
	s->required = required;
	s->why = why;
	s->bare = bare;
	s->empty = empty;
	s->record = record;
}

/* The fields that can change, in the order of the record, and their
 * columns in the visit row read by sql_old. */
static const int changeable[] = { F_WORKER, F_DATE, F_START, F_MINUTES,
    F_KIND, F_STATUS, F_PURPOSE, F_NOTE, F_FOLLOW_UP, F_CONTRACT };
#define NCHANGE	(sizeof changeable / sizeof changeable[0])

static const char sql_old[] =
    "SELECT worker, date, start, minutes, kind, status, purpose, note,"
    " follow_up, contract, case_id, (SELECT 1 FROM visit_void"
    " WHERE visit = v.id) FROM visit v WHERE id = ?";

/* The visit as it was: its fields as text (NULL when NULL). */
struct old {
	char *v[NCHANGE];
	int64_t case_id;
	int voided;
};

static void
old_clear(struct old *o)
{
	size_t i;

	for (i = 0; i < NCHANGE; i++) {
		free(o->v[i]);
		o->v[i] = NULL;
	}
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Read visit id into *o: 0, or 1 when there is no such visit. */
static int
old_read(struct ws_visit_fix *vf, int64_t id, struct old *o)
{
	sqlite3_stmt *st;
	size_t i;
	int r = 1;

	if (vf->q_old == NULL)
		vf->q_old = ws_prepare(vf->db, sql_old);
	st = vf->q_old;
	ws_bind_int(st, 1, id);
	if (ws_step(st) == SQLITE_ROW) {
		for (i = 0; i < NCHANGE; i++)
			o->v[i] = ws_strdup((const char *)
			    sqlite3_column_text(st, (int)i));
		o->case_id = sqlite3_column_int64(st, NCHANGE);
		o->voided = sqlite3_column_int(st, NCHANGE + 1);
		r = 0;
	}
	sqlite3_reset(st);
	return r;
}

/* "voided at AT by USER: REASON" of visit id, into vf->msg. */
static const char *
voided(struct ws_visit_fix *vf, int64_t id)
{
	sqlite3_stmt *st;

	st = ws_prepare(vf->db, "SELECT at, os_user, reason FROM visit_void "
	    "WHERE visit = ?1");
	ws_bind_int(st, 1, id);
	ws_buf_reset(&vf->msg);
	if (ws_step(st) == SQLITE_ROW)
		ws_buf_printf(&vf->msg, "voided at %s by %s: %s",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 2));
	else
		ws_buf_adds(&vf->msg, "voided");
	sqlite3_finalize(st);
	return vf->msg.s;
}

/* Is the new value s a change of the old value o?  Minutes compare as
 * numbers of minutes ("1h" is 60). */
static int
differs(int field, const char *s, const char *o)
{
	int64_t a, b;

	if (!given(s))
		return 0;
	if (o == NULL)
		return 1;
	if (field == F_MINUTES && ws_parse_minutes(s, &a) == NULL &&
	    ws_parse_minutes(o, &b) == NULL)
		return a != b;
	return strcmp(s, o) != 0;
}

/*
 * One correction: v[] indexed as ws_visit_fix_cols.  Reports through err
 * (arg) and returns 1 when refused, else 0 after writing it.
 */
static int
fix_one(struct ws_visit_fix *vf, const char *const *v, ws_case_report *err,
    void *arg)
{
	const char *idv = given(v[F_ID]) ? v[F_ID] : v[F_VISIT_ID];
	const char *reason = given(v[F_REASON]) ? v[F_REASON] : vf->reason;
	const char *m, *nv[NCHANGE];
	struct old o = { { NULL }, 0, 0 };
	struct ws_visit x;
	char cid[24], mins[24];
	int64_t id, n;
	size_t i;
	int nchanged = 0, r = 1;
	unsigned mask;

	if (!given(idv)) {
		err(arg, "id", "missing (expected a visit id)");
		return 1;
	}
	if ((m = ws_parse_int(idv, 1, INT64_MAX, &id)) != NULL) {
		ws_buf_reset(&vf->msg);
		ws_buf_printf(&vf->msg, "'%s': %s", idv, m);
		err(arg, "id", vf->msg.s);
		return 1;
	}
	if (!given(reason)) {
		err(arg, "reason", "missing (every correction says why)");
		return 1;
	}
	if (old_read(vf, id, &o) != 0) {
		ws_buf_reset(&vf->msg);
		ws_buf_printf(&vf->msg, "unknown visit %lld", (long long)id);
		err(arg, "id", vf->msg.s);
		return 1;
	}
	if (o.voided) {
		ws_buf_reset(&vf->lm);
		ws_buf_printf(&vf->lm, "visit %lld is already void (%s)",
		    (long long)id, voided(vf, id));
		err(arg, "id", vf->lm.s);
		goto out;
	}
	if (ws_lock_refuses(&vf->lock, o.v[1], &vf->lm) != NULL) {
		ws_buf_reset(&vf->msg);
		ws_buf_printf(&vf->msg, "visit %lld: %s", (long long)id,
		    vf->lm.s);
		err(arg, "id", vf->msg.s);
		goto out;
	}
	if (given(v[F_CASE_ID]) && (ws_parse_int(v[F_CASE_ID], 1, INT64_MAX,
	    &n) != NULL || n != o.case_id)) {
		ws_buf_reset(&vf->msg);
		ws_buf_printf(&vf->msg, "'%s': visit %lld is of case %lld (a "
		    "visit's case does not change: void it and log it again)",
		    v[F_CASE_ID], (long long)id, (long long)o.case_id);
		err(arg, "case_id", vf->msg.s);
		goto out;
	}

	if (!vf->amend) {
		if (vf->q_void == NULL)
			vf->q_void = ws_prepare(vf->db, "INSERT INTO visit_void "
			    "(visit, os_user, command, reason) VALUES (?1, "
			    "ws_user(), ws_cmd(), ?2)");
		ws_bind_int(vf->q_void, 1, id);
		ws_bind_text(vf->q_void, 2, reason);
		if (ws_step(vf->q_void) != SQLITE_DONE)
			ws_bug("voiding visit %lld: %s", (long long)id,
			    sqlite3_errmsg(vf->db));
		sqlite3_reset(vf->q_void);
		ws_fix_log(vf->fix, "visit", id, "status", o.v[5], "void",
		    reason);
		r = 0;
		goto out;
	}

	/* the new values: the given ones over the old */
	for (i = 0; i < NCHANGE; i++) {
		const char *s = v[changeable[i]];

		if (differs(changeable[i], s, o.v[i])) {
			nv[i] = s;
			nchanged++;
		} else
			nv[i] = o.v[i];
	}
	if (nchanged == 0) {
		ws_buf_reset(&vf->msg);
		ws_buf_printf(&vf->msg, "visit %lld: nothing to change (give "
		    "a field with a new value)", (long long)id);
		err(arg, NULL, vf->msg.s);
		goto out;
	}
	snprintf(cid, sizeof cid, "%lld", (long long)o.case_id);
	memset(&x, 0, sizeof x);
	x.case_id = cid;
	x.worker = nv[0];
	x.date = nv[1];
	x.start = nv[2];
	x.minutes = nv[3];
	x.kind = nv[4];
	x.status = nv[5];
	x.purpose = nv[6];
	x.note = nv[7];
	x.follow_up = nv[8];
	x.contract = nv[9];
	for (mask = 0, i = 0; i < NCHANGE; i++)	/* WS_VA_* in this order */
		if (nv[i] != o.v[i])
			mask |= 1u << i;
	if (ws_visit_amend(vf->vs, id, &x, mask, err, arg) != 0)
		goto out;
	for (i = 0; i < NCHANGE; i++) {
		const char *s = nv[i];

		if (s == o.v[i])
			continue;
		if (changeable[i] == F_MINUTES &&
		    ws_parse_minutes(s, &n) == NULL) {
			snprintf(mins, sizeof mins, "%lld", (long long)n);
			s = mins;
		}
		ws_fix_log(vf->fix, "visit", id, ws_visit_fix_cols[
		    changeable[i]], o.v[i], s, reason);
	}
	r = 0;
out:
	old_clear(&o);
	return r;
}

static void
fix_begin(ws_batch *b, void *arg)
{
	struct ws_visit_fix *vf = arg;

	vf->vs = ws_visits_new(vf->db, 0);
	vf->fix = ws_fix_new(vf->db);
	ws_lock_current(vf->db, &vf->lock);
}

static void
fix_end(ws_batch *b, void *arg)
{
	struct ws_visit_fix *vf = arg;

	vf->first = ws_fix_first(vf->fix);
	vf->last = ws_fix_last(vf->fix);
	ws_visits_free(vf->vs);
	ws_fix_free(vf->fix);
	sqlite3_finalize(vf->q_old);
	sqlite3_finalize(vf->q_void);
	vf->vs = NULL;
	vf->fix = NULL;
	vf->q_old = vf->q_void = NULL;
}

static int
fix_record(ws_batch *b, const char *const *v, void *arg)
{
	return fix_one(arg, v, ws_batch_err, b);
}

/* The correction given with options: the id and fields from vf->set. */
static int
fix_opt(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_visit_fix *vf = arg;

	return fix_one(vf, vf->set, vf->opt_err ? vf->opt_err : opt_report,
	    vf);
}

void
ws_visit_fix_spec(struct ws_batch_spec *s, struct ws_visit_fix *vf)
{
	vf->db = s->db;
	vf->first = vf->last = 0;
	s->begin = fix_begin;
	s->end = fix_end;
	s->arg = vf;
	if (vf->set != NULL) {
		s->record = fix_opt;
		return;
	}
	ws_fix_stream_spec(s, ws_visit_fix_cols, "a correction needs the "
	    "visit's id or visit_id", "id", "no visits in the input (expected "
	    "records with an id or visit_id column, or bare visit ids)",
	    fix_record);
}

int
ws_visit_fix_run(ws_batch *b, struct ws_visit_fix *vf, ws_err *e)
{
	if (vf->set == NULL)
		return ws_batch_run(b, e);
	ws_batch_one(b, NULL);
	return ws_batch_end(b, e);
}

void
ws_visit_fix_clear(struct ws_visit_fix *vf)
{
	ws_buf_free(&vf->msg);
	ws_buf_free(&vf->lm);
}

/* ---------------------------------------------------- a whole command */

int
ws_fix_run(struct ws_batch_spec *spec, ws_fix_job *run, void *job,
    ws_fix_lister *list, int64_t *first, int64_t *last, enum ws_fmt fmt,
    int oflags)
{
	ws_err e = {0};
	ws_batch *b;
	long nbad = 0;
	int rc;

	b = ws_batch_new(spec);
	if ((rc = run(b, job, &e)) != 0) {
		if (e.msg != NULL)
			ws_err_warn(&e);
		ws_err_clear(&e);
		ws_batch_free(b);
		return rc;
	}
	ws_batch_rejected(b, NULL);
	if (ws_batch_commit(b, &e) != 0) {
		ws_err_warn(&e);
		rc = e.code;
		ws_err_clear(&e);
		ws_batch_free(b);
		return rc;
	}
	if (!spec->quiet && *last > 0) {
		/* a dry run shows what would change, then rolls back */
		sqlite3_stmt *st = list(spec->db, *first, *last);
		ws_out *out = ws_out_new(stdout, fmt, oflags);

		ws_out_run(out, st);
		sqlite3_finalize(st);
		ws_out_free(out);
	}
	if (ws_batch_close(b, &nbad, &e) != 0) {
		ws_err_warn(&e);
		rc = e.code;
		ws_err_clear(&e);
		return rc;
	}
	if (spec->rj != NULL && nbad > 0)
		ws_warn("rejected records written to %s", spec->rejpath);
	return nbad > 0 ? EX_DATAERR : 0;
}

int
ws_visit_fix_job(ws_batch *b, void *job, ws_err *e)
{
	return ws_visit_fix_run(b, job, e);
}

sqlite3_stmt *
ws_visit_fix_list(sqlite3 *db, int64_t first, int64_t last)
{
	return ws_fix_list(db, "visit", first, last, 0);
}
