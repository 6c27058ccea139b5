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

#define FIX_ROWS	64	/* rows of one INSERT when buffered */
#define FIX_SQL		"INSERT INTO correction (os_user, command, tbl, " \
			"row_key, field, old, new, reason) VALUES "
#define FIX_ROW		"(ws_user(), ws_cmd(), ?, ?, ?, ?, ?, ?)"

struct fix_row {
	const char *tbl, *field;	/* literals of the callers */
	int64_t key;
	char *old, *new, *reason;
};

struct ws_fix {
	sqlite3 *db;
	sqlite3_stmt *ins, *insn;	/* one row, FIX_ROWS rows */
	int64_t first, last;	/* the correction ids written */
	int buffered;		/* rows wait in row[] for one INSERT */
	int nrow;
	struct fix_row row[FIX_ROWS];
};

ws_fix *
ws_fix_new(sqlite3 *db)
{
	ws_fix *f = ws_calloc(1, sizeof *f);

	f->db = db;
	return f;
}

void
ws_fix_buffered(ws_fix *f)
{
	f->buffered = 1;
}

static void
bind_row(sqlite3_stmt *st, int k, const char *tbl, int64_t key,
    const char *field, const char *old, const char *new, const char *reason)
{
	ws_bind_text(st, 6 * k + 1, tbl);
	ws_bind_int(st, 6 * k + 2, key);
	ws_bind_text(st, 6 * k + 3, field);
	ws_bind_text(st, 6 * k + 4, old);
	ws_bind_text(st, 6 * k + 5, new);
	ws_bind_text(st, 6 * k + 6, reason);
}

/* Run st, which wrote n rows, and note their ids. */
static void
run(ws_fix *f, sqlite3_stmt *st, int n)
{
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("a correction was refused by the database: %s",
		    sqlite3_errmsg(f->db));
	sqlite3_reset(st);
	/* the rows of one INSERT take consecutive ids */
	f->last = sqlite3_last_insert_rowid(f->db);
	if (f->first == 0)
		f->first = f->last - n + 1;
}

static sqlite3_stmt *
one_row(ws_fix *f)
{
	if (f->ins == NULL)
		f->ins = ws_prepare(f->db, FIX_SQL FIX_ROW);
	return f->ins;
}

void
ws_fix_flush(ws_fix *f)
{
	ws_buf sql = {0};
	struct fix_row *r;
	int k;

	if (f->nrow == FIX_ROWS && f->insn == NULL) {
		ws_buf_adds(&sql, FIX_SQL FIX_ROW);
		for (k = 1; k < FIX_ROWS; k++)
			ws_buf_adds(&sql, ", " FIX_ROW);
		f->insn = ws_prepare(f->db, sql.s);
		ws_buf_free(&sql);
	}
	for (k = 0; k < f->nrow; k++) {
		r = &f->row[k];
		if (f->nrow == FIX_ROWS)
			bind_row(f->insn, k, r->tbl, r->key, r->field, r->old,
			    r->new, r->reason);
		else {
			bind_row(one_row(f), 0, r->tbl, r->key, r->field,
			    r->old, r->new, r->reason);
			run(f, f->ins, 1);
		}
	}
	if (f->nrow == FIX_ROWS)
		run(f, f->insn, FIX_ROWS);
	for (k = 0; k < f->nrow; k++) {
		free(f->row[k].old);
		free(f->row[k].new);
		free(f->row[k].reason);
	}
	f->nrow = 0;
}

void
ws_fix_free(ws_fix *f)
{
	if (f == NULL)
		return;
	ws_fix_flush(f);
	sqlite3_finalize(f->ins);
	sqlite3_finalize(f->insn);
	free(f);
}

void
ws_fix_log(ws_fix *f, const char *tbl, int64_t key, const char *field,
    const char *old, const char *new, const char *reason)
{
	struct fix_row *r;

	if (!f->buffered) {
		bind_row(one_row(f), 0, tbl, key, field, old, new, reason);
		run(f, f->ins, 1);
		return;
	}
	if (f->nrow == FIX_ROWS)
		ws_fix_flush(f);
	r = &f->row[f->nrow++];
	r->tbl = tbl;
	r->key = key;
	r->field = field;
	r->old = old ? ws_strdup(old) : NULL;
	r->new = new ? ws_strdup(new) : NULL;
	r->reason = ws_strdup(reason);
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

/* ------------------------------------------------- correcting records */

/*
 * One mechanism for every kind of record (a visit, an activity, an
 * intern entry): a correction is v[] indexed as the kind's columns (0 the
 * id, 1 the id's other name, 2 the reason, then the fields).  The id, the
 * reason, a void twice and the lock on the record's date are checked
 * here; the kind reads the record, refuses what only it knows, voids
 * it, or checks the new values as at logging and writes them; the
 * changed fields' old and new values go to the correction log here.
 */

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

static int
ncols(const struct ws_fix_kind *k)
{
	int n = 0;

	while (k->cols[n] != NULL)
		n++;
	return n;
}

void
ws_fix_warn_opt(const char *field, const char *key, const char *keyopt,
    const char *msg)
{
	static const char *const map[][2] = { { "workers", "worker" },
	    { "cases", "case" }, { "case_id", "case" }, { NULL, NULL } };
	char opt[32], *p;
	int i;

	msg = ws_msg(msg);	/* issue 14: a literal from the checks */
	if (field == NULL) {
		ws_warn("%s", msg);
		return;
	}
	if (strcmp(field, key) == 0)
		field = keyopt;
	for (i = 0; map[i][0] != NULL; i++)
		if (strcmp(field, map[i][0]) == 0)
			field = map[i][1];
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
	const struct ws_fixer *fx = arg;

	ws_fix_warn_opt(field, "id", fx->amend ? "amend" : "void", msg);
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

/* Is the new value s of column c a change of the old value o?  The
 * kind's minutes compare as numbers of minutes ("1h" is 60). */
static int
differs(const struct ws_fix_kind *k, int c, const char *s, const char *o)
{
	int64_t a, b;

	if (!given(s))
		return 0;
	if (o == NULL)
		return 1;
	if (c == k->minutes_col && ws_parse_minutes(s, &a) == NULL &&
	    ws_parse_minutes(o, &b) == NULL)
		return a != b;
	return strcmp(s, o) != 0;
}

/* Refuse with "noun ID: problem" through err. */
static int
refuse(struct ws_fixer *fx, const char *field, int64_t id, const char *m,
    ws_case_report *err, void *arg)
{
	ws_buf_reset(&fx->msg);
	ws_buf_printf(&fx->msg, "%s %lld: %s", fx->kind->noun,
	    (long long)id, m);
	err(arg, field, fx->msg.s);
	return 1;
}

/* One correction; reports through err (arg) and returns 1 when refused,
 * else 0 after writing it. */
static int
fix_one(struct ws_fixer *fx, const char *const *v, ws_case_report *err,
    void *arg)
{
	const struct ws_fix_kind *k = fx->kind;
	const char *idv = given(v[0]) ? v[0] : v[1];
	const char *reason = given(v[2]) ? v[2] : fx->reason;
	const char *m, *nv[WS_FIX_MAXCOLS];
	char *old[WS_FIX_MAXCOLS] = { NULL };
	char mins[24];
	int64_t id, n;
	int i, nc = ncols(k), nchanged = 0, voided = 0, r = 1;
	unsigned mask = 0;

	if (!given(idv)) {
		ws_buf_reset(&fx->msg);
		ws_buf_printf(&fx->msg, "missing (expected %s %s id)",
		    strchr("aeiou", k->noun[0]) ? "an" : "a", k->noun);
		err(arg, "id", fx->msg.s);
		return 1;
	}
	if ((m = ws_parse_int(idv, 1, INT64_MAX, &id)) != NULL) {
		ws_buf_reset(&fx->msg);
		ws_buf_printf(&fx->msg, "'%s': %s", idv, m);
		err(arg, "id", fx->msg.s);
		return 1;
	}
	if (!given(reason)) {
		err(arg, "reason", "missing (every correction says why)");
		return 1;
	}
	if (k->read(fx, id, old, &voided) != 0) {
		ws_buf_reset(&fx->msg);
		ws_buf_printf(&fx->msg, "unknown %s %lld", k->noun,
		    (long long)id);
		err(arg, "id", fx->msg.s);
		return 1;
	}
	if (voided) {
		k->voided(fx, id);	/* into fx->lm */
		ws_buf_reset(&fx->msg);
		ws_buf_printf(&fx->msg, "%s %lld is already void (%s)",
		    k->noun, (long long)id, fx->lm.s);
		err(arg, "id", fx->msg.s);
		goto out;
	}
	if (ws_lock_refuses(&fx->lock, old[k->date_col], &fx->lm) != NULL) {
		refuse(fx, "id", id, fx->lm.s, err, arg);
		goto out;
	}
	if (k->refuse != NULL && (m = k->refuse(fx, id, old, v)) != NULL) {
		err(arg, m, fx->lm.s);	/* the kind's message, whole */
		goto out;
	}
	if (!fx->amend) {
		k->void_one(fx, id, old, v, reason);
		r = 0;
		goto out;
	}

	/* the new values: the given ones over the old */
	for (i = 0; i < nc; i++)
		nv[i] = old[i];
	for (i = 0; k->change[i] >= 0; i++) {
		int c = k->change[i];

		if (differs(k, c, v[c], old[c])) {
			nv[c] = v[c];
			mask |= 1u << i;
			nchanged++;
		}
	}
	if (nchanged == 0) {
		refuse(fx, NULL, id, "nothing to change (give a field with "
		    "a new value)", err, arg);
		goto out;
	}
	if (k->amend(fx, id, old, nv, mask, reason, err, arg) != 0)
		goto out;
	for (i = 0; k->change[i] >= 0; i++) {
		int c = k->change[i];
		const char *s = nv[c];

		if (!(mask & 1u << i))
			continue;
		if (c == k->minutes_col && ws_parse_minutes(s, &n) == NULL) {
			snprintf(mins, sizeof mins, "%lld", (long long)n);
			s = mins;
		}
		ws_fix_log(fx->fix, k->tbl, id, k->cols[c], old[c], s,
		    reason);
	}
	r = 0;
out:
	for (i = 0; i < WS_FIX_MAXCOLS; i++)	/* a kind may read more */
		free(old[i]);
	return r;
}

static void
fix_begin(ws_batch *b, void *arg)
{
	struct ws_fixer *fx = arg;

	fx->fix = ws_fix_new(fx->db);
	/* a record logs its changes last, once it is written, so its rows
	 * can wait for one INSERT of many */
	ws_fix_buffered(fx->fix);
	ws_lock_current(fx->db, &fx->lock);
	if (fx->kind->begin != NULL)
		fx->kind->begin(fx);
}

static void
fix_end(ws_batch *b, void *arg)
{
	struct ws_fixer *fx = arg;

	ws_fix_flush(fx->fix);
	fx->first = ws_fix_first(fx->fix);
	fx->last = ws_fix_last(fx->fix);
	if (fx->kind->end != NULL)
		fx->kind->end(fx);
	ws_fix_free(fx->fix);
	fx->fix = NULL;
}

static int
fix_record(ws_batch *b, const char *const *v, void *arg)
{
	return fix_one(arg, v, ws_batch_err, b);
}

/* The correction given with options: the id and fields from fx->set. */
static int
fix_opt(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_fixer *fx = arg;

	return fix_one(fx, fx->set, fx->opt_err ? fx->opt_err : opt_report,
	    fx);
}

void
ws_fixer_spec(struct ws_batch_spec *s, struct ws_fixer *fx)
{
	const struct ws_fix_kind *k = fx->kind;

	if (ncols(k) > WS_FIX_MAXCOLS)
		ws_bug("%s: more than WS_FIX_MAXCOLS columns", k->tbl);
	fx->db = s->db;
	fx->first = fx->last = 0;
	s->begin = fix_begin;
	s->end = fix_end;
	s->arg = fx;
	if (fx->set != NULL) {
		s->record = fix_opt;
		return;
	}
	ws_buf_reset(&fx->msg);
	ws_buf_printf(&fx->msg, "a correction needs the %s's id or %s",
	    k->noun, k->cols[1]);
	ws_buf_reset(&fx->lm);
	ws_buf_printf(&fx->lm, "no %s in the input (expected records with "
	    "an id or %s column, or bare %s ids)", k->plural, k->cols[1],
	    k->noun);
	/* the batch keeps the pointers: the messages live in the fixer
	 * until ws_fixer_clear, and are not reused before the loop runs */
	fx->why = ws_strdup(fx->msg.s);
	fx->empty = ws_strdup(fx->lm.s);
	ws_fix_stream_spec(s, k->cols, fx->why, "id", fx->empty, fix_record);
}

int
ws_fixer_job(ws_batch *b, void *job, ws_err *e)
{
	struct ws_fixer *fx = job;

	if (fx->set == NULL)
		return ws_batch_run(b, e);
	ws_batch_one(b, NULL);
	return ws_batch_end(b, e);
}

void
ws_fixer_clear(struct ws_fixer *fx)
{
	ws_buf_free(&fx->msg);
	ws_buf_free(&fx->lm);
	free(fx->why);
	free(fx->empty);
	fx->why = fx->empty = NULL;
}

int
ws_fixer_cmd(struct ws_batch_spec *spec, struct ws_fixer *fx,
    enum ws_fmt fmt, int oflags)
{
	int rc;

	ws_fixer_spec(spec, fx);
	rc = ws_fix_run(spec, ws_fixer_job, fx, fx->kind->list, &fx->first,
	    &fx->last, fmt, oflags);
	ws_fixer_clear(fx);
	return rc;
}

/* ------------------------------------------------------------ visits */

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

/* The fields that can change, in the order of the WS_VA_* bits. */
static const signed char visit_change[] = { F_WORKER, F_DATE, F_START,
    F_MINUTES, F_KIND, F_STATUS, F_PURPOSE, F_NOTE, F_FOLLOW_UP,
    F_CONTRACT, -1 };

struct visit_state {
	ws_visits *vs;
	sqlite3_stmt *q_old, *q_void, *q_why;
};

static void
visit_begin(struct ws_fixer *fx)
{
	struct visit_state *s = ws_calloc(1, sizeof *s);

	s->vs = ws_visits_new(fx->db, 0);
	s->q_old = ws_prepare(fx->db, "SELECT case_id, worker, date, start, "
	    "minutes, kind, status, purpose, note, follow_up, contract, "
	    "(SELECT 1 FROM visit_void WHERE visit = v.id) FROM visit v "
	    "WHERE id = ?");
	fx->ks = s;
}

static void
visit_end(struct ws_fixer *fx)
{
	struct visit_state *s = fx->ks;

	ws_visits_free(s->vs);
	sqlite3_finalize(s->q_old);
	sqlite3_finalize(s->q_void);
	sqlite3_finalize(s->q_why);
	free(s);
	fx->ks = NULL;
}

/* Read visit id into old[] (indexed as ws_visit_fix_cols). */
static int
visit_read(struct ws_fixer *fx, int64_t id, char **old, int *voided)
{
	struct visit_state *s = fx->ks;
	sqlite3_stmt *st = s->q_old;
	int i, r = 1;

	ws_visits_sync(s->vs, id);	/* its amendment may be waiting */
	ws_bind_int(st, 1, id);
	if (ws_step(st) == SQLITE_ROW) {
		old[F_CASE_ID] = ws_strdup((const char *)
		    sqlite3_column_text(st, 0));
		for (i = F_WORKER; i < F_N; i++)
			old[i] = ws_strdup((const char *)
			    sqlite3_column_text(st, i - F_WORKER + 1));
		*voided = sqlite3_column_int(st, F_N - F_WORKER + 1);
		r = 0;
	}
	sqlite3_reset(st);
	return r;
}

void
ws_fix_voided_msg(struct ws_fixer *fx, sqlite3_stmt **q, const char *sql,
    int64_t id)
{
	if (*q == NULL)
		*q = ws_prepare(fx->db, sql);
	ws_bind_int(*q, 1, id);
	ws_buf_reset(&fx->lm);
	if (ws_step(*q) == SQLITE_ROW)
		ws_buf_printf(&fx->lm, "voided at %s by %s: %s",
		    sqlite3_column_text(*q, 0), sqlite3_column_text(*q, 1),
		    sqlite3_column_text(*q, 2));
	else
		ws_buf_adds(&fx->lm, "voided");
	sqlite3_reset(*q);
}

static void
visit_voided(struct ws_fixer *fx, int64_t id)
{
	struct visit_state *s = fx->ks;

	ws_fix_voided_msg(fx, &s->q_why, "SELECT at, os_user, reason FROM "
	    "visit_void WHERE visit = ?1", id);
}

/* A visit's case does not change. */
static const char *
visit_refuse(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *v)
{
	int64_t n;

	if (!given(v[F_CASE_ID]) || (ws_parse_int(v[F_CASE_ID], 1, INT64_MAX,
	    &n) == NULL && strcmp(v[F_CASE_ID], old[F_CASE_ID]) == 0))
		return NULL;
	ws_buf_reset(&fx->lm);
	ws_buf_printf(&fx->lm, "'%s': visit %lld is of case %s (a visit's "
	    "case does not change: void it and log it again)",
	    v[F_CASE_ID], (long long)id, old[F_CASE_ID]);
	return "case_id";
}

static void
visit_void(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *v, const char *reason)
{
	struct visit_state *s = fx->ks;

	if (s->q_void == NULL)
		s->q_void = ws_prepare(fx->db, "INSERT INTO visit_void (visit, "
		    "os_user, command, reason) VALUES (?1, ws_user(), "
		    "ws_cmd(), ?2)");
	ws_bind_int(s->q_void, 1, id);
	ws_bind_text(s->q_void, 2, reason);
	if (ws_step(s->q_void) != SQLITE_DONE)
		ws_bug("voiding visit %lld: %s", (long long)id,
		    sqlite3_errmsg(fx->db));
	sqlite3_reset(s->q_void);
	ws_fix_log(fx->fix, "visit", id, "status", old[F_STATUS], "void",
	    reason);
}

static int
visit_amend(struct ws_fixer *fx, int64_t id, char *const *old,
    const char *const *nv, unsigned mask, const char *reason,
    ws_case_report *err, void *arg)
{
	struct visit_state *s = fx->ks;
	struct ws_visit x;

	memset(&x, 0, sizeof x);
	x.case_id = old[F_CASE_ID];
	x.worker = nv[F_WORKER];
	x.date = nv[F_DATE];
	x.start = nv[F_START];
	x.minutes = nv[F_MINUTES];
	x.kind = nv[F_KIND];
	x.status = nv[F_STATUS];
	x.purpose = nv[F_PURPOSE];
	x.note = nv[F_NOTE];
	x.follow_up = nv[F_FOLLOW_UP];
	x.contract = nv[F_CONTRACT];
	return ws_visit_amend(s->vs, id, &x, mask, err, arg);
}

sqlite3_stmt *
ws_visit_fix_list(sqlite3 *db, int64_t first, int64_t last)
{
	return ws_fix_list(db, "visit", first, last, 0);
}

const struct ws_fix_kind ws_fix_visit = {
	"visit", "visit", "visits", ws_visit_fix_cols, visit_change, F_DATE,
	F_MINUTES, visit_begin, visit_end, visit_read, visit_voided,
	visit_refuse, visit_void, visit_amend, ws_visit_fix_list
};

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
