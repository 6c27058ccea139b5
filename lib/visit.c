/* visit.c - service contacts: checking and writing visits, listing them,
 * summaries, and the list of cases whose next contact is due */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_visit_cols[] = { "visit_id", "case_id", "community",
    "worker", "date", "start", "minutes", "kind", "status", "purpose",
    "note", "follow_up", "contract", NULL };

const char *const ws_visit_summaries[] = { "worker", "community", "kind",
    "month", NULL };

/*
 * Good visits are written PEND_MAX at a time with one multi-row INSERT:
 * SQLite builds the lookup tables of the CHECK (kind IN (...)) constraints
 * once per statement run, which costs more than the row itself.  The ids
 * are given explicitly: the session holds the write lock, so nobody else
 * takes the next ones.
 */
#define PEND_MAX	64
#define NCOLS		12
#define INSERT_ROW	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define INSERT_SQL	"INSERT INTO visit (id, case_id, worker, date, start, " \
	"minutes, kind, status, purpose, note, follow_up, contract) VALUES " \
	INSERT_ROW

struct pend {
	int64_t id, case_id, minutes;
	int startmin;		/* -1: no start time */
	int status;		/* index into ws_visit_statuses */
	const char *kind;	/* from ws_visit_kinds */
	char worker[WS_CODE_MAX], date[11], start[6], follow_up[11];
	char contract[WS_CODE_MAX];
	ws_buf purpose, note;
	int has_purpose, has_note;
};

struct ws_visits {
	sqlite3 *db;
	ws_ref *ref;		/* cases, workers, contracts (ref.c) */
	sqlite3_stmt *q_overlap;
	sqlite3_stmt *ins1, *insn;	/* one row, PEND_MAX rows */
	sqlite3_stmt *upd[1 << WS_VA_N];	/* ws_visit_amend, by the
					   fields changed */
	sqlite3_stmt *updn[1 << WS_VA_N];	/* the same, PEND_MAX rows */
	struct pend apend[PEND_MAX];	/* amendments waiting, of amask */
	int napend;
	unsigned amask;
	sqlite3_stmt *q_charge;		/* the worker in charge on a date */
	char charge[WS_CODE_MAX];	/* its answer */
	struct ws_lock lock;		/* the period locked, if any */
	const ws_batch *batch;	/* names clashes in it by line (issue 13) */
	int64_t before;		/* overlap only with ids below this */
	int64_t next_id;	/* id of the next visit */
	struct pend pend[PEND_MAX];
	int npend;
	char today[11];
	char msg[512];		/* message being reported */
};

ws_visits *
ws_visits_new(sqlite3 *db, int flags)
{
	ws_visits *vs = ws_calloc(1, sizeof *vs);

	vs->db = db;
	ws_today(vs->today);
	vs->ref = ws_ref_new(db);
	/* [s, s + m) overlaps [start, start + minutes) */
	vs->q_overlap = ws_prepare(db, "SELECT id, start, minutes FROM visit "
	    "WHERE worker = ?1 AND date = ?2 AND start IS NOT NULL "
	    "AND status <> 'cancelled' AND id < ?5 "
	    "AND id NOT IN (SELECT visit FROM visit_void) "
	    "AND id <> ?6 "
	    "AND substr(start, 1, 2) * 60 + substr(start, 4, 2) < ?4 "
	    "AND ?3 < substr(start, 1, 2) * 60 + substr(start, 4, 2) + minutes "
	    "LIMIT 1");
	vs->ins1 = ws_prepare(db, INSERT_SQL);
	vs->q_charge = ws_prepare(db, "SELECT worker FROM case_assignment "
	    "WHERE case_id = ?1 AND since <= ?2 ORDER BY since DESC, id DESC "
	    "LIMIT 1");
	vs->next_id = ws_query_int(db, "SELECT coalesce(max(id), 0) FROM visit",
	    NULL, 0) + 1;
	vs->before = flags & WS_VISITS_JOINT ? vs->next_id : INT64_MAX;
	ws_lock_current(db, &vs->lock);
	return vs;
}

/* Bind pending row p as row k (0-based) of st. */
static void
bind_pend(sqlite3_stmt *st, int k, const struct pend *p)
{
	int b = k * NCOLS;

	ws_bind_int(st, b + 1, p->id);
	ws_bind_int(st, b + 2, p->case_id);
	ws_bind_text(st, b + 3, p->worker);
	ws_bind_text(st, b + 4, p->date);
	ws_bind_text(st, b + 5, p->startmin >= 0 ? p->start : NULL);
	ws_bind_int(st, b + 6, p->minutes);
	ws_bind_text(st, b + 7, p->kind);
	ws_bind_text(st, b + 8, ws_visit_statuses[p->status]);
	ws_bind_text(st, b + 9, p->has_purpose ? p->purpose.s : NULL);
	ws_bind_text(st, b + 10, p->has_note ? p->note.s : NULL);
	ws_bind_text(st, b + 11, p->follow_up);
	ws_bind_text(st, b + 12, p->contract);
}

static void
run_insert(ws_visits *vs, sqlite3_stmt *st)
{
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("a checked visit was refused by the database: %s",
		    sqlite3_errmsg(vs->db));
	sqlite3_reset(st);
}

/* Write the pending visits. */
static void
flush(ws_visits *vs)
{
	int k;

	if (vs->npend == PEND_MAX) {
		if (vs->insn == NULL) {
			/* prepared on first use: one visit needs only ins1 */
			ws_buf sql = {0};

			ws_buf_adds(&sql, INSERT_SQL);
			for (k = 1; k < PEND_MAX; k++)
				ws_buf_adds(&sql, ", " INSERT_ROW);
			vs->insn = ws_prepare(vs->db, sql.s);
			ws_buf_free(&sql);
		}
		for (k = 0; k < PEND_MAX; k++)
			bind_pend(vs->insn, k, &vs->pend[k]);
		run_insert(vs, vs->insn);
	} else
		for (k = 0; k < vs->npend; k++) {
			bind_pend(vs->ins1, 0, &vs->pend[k]);
			run_insert(vs, vs->ins1);
		}
	vs->npend = 0;
}

/*
 * Amendments wait too, PEND_MAX of the same fields at a time, for one
 * UPDATE ... FROM (VALUES ...): SQLite journals every page a statement
 * changes once per statement, so one UPDATE a row costs several page
 * copies a row.  Nothing else reads a waiting amendment's visit from
 * the table: the overlap check compares the waiting ones in memory
 * (and skips their stale rows), and ws_visits_sync writes them before
 * a caller reads the visit.
 */

/* The columns of the bits of ws_visit_amend's changed; bit k is
 * parameter k + 3 of the UPDATE (amend_stmt). */
static const char *const amend_cols[WS_VA_N] = { "worker", "date", "start",
    "minutes", "kind", "status", "purpose", "note", "follow_up",
    "contract" };

/* The UPDATE of the columns in changed, for one row or for PEND_MAX
 * rows of VALUES; its parameters are those of INSERT_ROW (bind_pend):
 * 1 id, 2 case, then the column of WS_VA_* bit k at k + 3. */
static sqlite3_stmt *
amend_stmt(ws_visits *vs, unsigned changed, int many)
{
	sqlite3_stmt **st = many ? &vs->updn[changed] : &vs->upd[changed];
	ws_buf sql = {0};
	const char *sep = "";
	int k;

	if (*st != NULL)
		return *st;
	ws_buf_adds(&sql, "UPDATE visit SET");
	for (k = 0; k < WS_VA_N; k++)
		if (changed & 1u << k) {
			if (many)
				ws_buf_printf(&sql, "%s %s = v.column%d", sep,
				    amend_cols[k], k + 3);
			else
				ws_buf_printf(&sql, "%s %s = ?%d", sep,
				    amend_cols[k], k + 3);
			sep = ",";
		}
	if (many) {
		ws_buf_adds(&sql, " FROM (VALUES " INSERT_ROW);
		for (k = 1; k < PEND_MAX; k++)
			ws_buf_adds(&sql, ", " INSERT_ROW);
		ws_buf_adds(&sql, ") AS v WHERE visit.id = v.column1 AND "
		    "visit.case_id = v.column2");
	} else
		ws_buf_adds(&sql, " WHERE id = ?1 AND case_id = ?2");
	*st = ws_prepare(vs->db, sql.s);
	ws_buf_free(&sql);
	return *st;
}

/* Write the waiting amendments. */
static void
flush_amends(ws_visits *vs)
{
	sqlite3_stmt *st;
	int k, n = vs->napend;

	if (n == 0)
		return;
	vs->napend = 0;
	st = amend_stmt(vs, vs->amask, n == PEND_MAX);
	for (k = 0; k < n; k++) {
		bind_pend(st, n == PEND_MAX ? k : 0, &vs->apend[k]);
		if (n == PEND_MAX && k < n - 1)
			continue;
		if (ws_step(st) != SQLITE_DONE || sqlite3_changes(vs->db) !=
		    (n == PEND_MAX ? n : 1))
			ws_bug("a checked amendment of visit %lld was refused "
			    "by the database: %s", (long long)vs->apend[k].id,
			    sqlite3_errmsg(vs->db));
		sqlite3_reset(st);
	}
}

void
ws_visits_sync(ws_visits *vs, int64_t id)
{
	int k;

	for (k = 0; k < vs->napend; k++)
		if (vs->apend[k].id == id) {
			flush_amends(vs);
			return;
		}
}

/* Is visit id an amendment waiting? */
static int
waiting(const ws_visits *vs, int64_t id)
{
	int k;

	for (k = 0; k < vs->napend; k++)
		if (vs->apend[k].id == id)
			return 1;
	return 0;
}

void
ws_visits_batch(ws_visits *vs, const ws_batch *b)
{
	vs->batch = b;
}

void
ws_visits_free(ws_visits *vs)
{
	int k;

	if (vs == NULL)
		return;
	flush(vs);
	flush_amends(vs);
	for (k = 0; k < PEND_MAX; k++) {
		ws_buf_free(&vs->pend[k].purpose);
		ws_buf_free(&vs->pend[k].note);
		ws_buf_free(&vs->apend[k].purpose);
		ws_buf_free(&vs->apend[k].note);
	}
	ws_ref_free(vs->ref);
	sqlite3_finalize(vs->q_overlap);
	sqlite3_finalize(vs->ins1);
	sqlite3_finalize(vs->insn);
	for (k = 0; k < 1 << WS_VA_N; k++) {
		sqlite3_finalize(vs->upd[k]);
		sqlite3_finalize(vs->updn[k]);
	}
	sqlite3_finalize(vs->q_charge);
	free(vs);
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Report field: message, formatted into vs->msg. */
static void
report(ws_visits *vs, ws_case_report *err, void *arg, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
report(ws_visits *vs, ws_case_report *err, void *arg, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	fmt = ws_msg(fmt);	/* issue 14 */
	va_start(ap, fmt);
	vsnprintf(vs->msg, sizeof vs->msg, fmt, ap);
	va_end(ap);
	err(arg, field, vs->msg);
}

/* The worker in charge of case cid on date by the assignment history,
 * into vs->charge: 1, or 0 when the history does not say. */
static int
in_charge(ws_visits *vs, int64_t cid, const char *date)
{
	sqlite3_stmt *st = vs->q_charge;
	const char *w;
	int r = 0;

	ws_bind_int(st, 1, cid);
	ws_bind_text(st, 2, date);
	if (ws_step(st) == SQLITE_ROW &&
	    (w = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		snprintf(vs->charge, sizeof vs->charge, "%s", w);
		r = 1;
	}
	sqlite3_reset(st);
	return r;
}

/* A visit checked: its values, normalised. */
struct checked {
	int64_t cid, minutes;
	int startmin, st_ix, kind;
	const char *date, *worker, *contract;
};

/* Check visit v as a new visit (self 0) or as the new values of visit
 * self (which then overlaps nothing of its own): 0 and *out filled when
 * good, else 1 after every problem was reported. */
static int
check(ws_visits *vs, const struct ws_visit *v, int64_t self,
    struct checked *out, ws_case_report *err, void *arg)
{
	const struct ws_ref_case *ce = NULL;
	const char *m, *date, *worker = NULL, *contract = NULL, *status;
	int64_t cid = 0, minutes = 0;
	int bad = 0, dateok = 0, minok = 0, startmin = -1, kind, st_ix, k;
	struct pend *p;
	sqlite3_stmt *st;
	ws_buf lm = {0};
	char who[64];

	/* case */
	if (!given(v->case_id)) {
		report(vs, err, arg, "case_id", "missing (expected a case "
		    "number)");
		bad = 1;
	} else if ((m = ws_parse_int(v->case_id, 1, INT64_MAX, &cid))
	    != NULL) {
		report(vs, err, arg, "case_id", "'%s': %s", v->case_id, m);
		bad = 1;
	} else if (!(ce = ws_ref_case(vs->ref, cid))->exists) {
		report(vs, err, arg, "case_id", "unknown case %lld (expected "
		    "a case number from case-add)", (long long)cid);
		bad = 1;
		ce = NULL;
	}

	/* date */
	date = given(v->date) ? v->date : vs->today;
	if ((m = ws_check_date(date)) != NULL) {
		report(vs, err, arg, "date", "'%s': %s", date, m);
		bad = 1;
	} else if (strcmp(date, vs->today) > 0) {
		report(vs, err, arg, "date", "%s is in the future (today is "
		    "%s)", date, vs->today);
		bad = 1;
	} else if (ws_lock_refuses(&vs->lock, date, &lm) != NULL) {
		report(vs, err, arg, "date", "%s", lm.s);
		ws_buf_free(&lm);
		bad = 1;
	} else
		dateok = 1;
	if (dateok && ce != NULL) {
		if (strcmp(date, ce->opened) < 0) {
			report(vs, err, arg, "date", "%s is before case %lld "
			    "opened (%s)", date, (long long)cid, ce->opened);
			bad = 1;
		} else if (ce->closed[0] != '\0' &&
		    strcmp(date, ce->closed) > 0) {
			report(vs, err, arg, "date", "%s is after case %lld "
			    "closed (%s)", date, (long long)cid, ce->closed);
			bad = 1;
		}
	}

	/* minutes */
	if (!given(v->minutes)) {
		report(vs, err, arg, "minutes", "missing (expected 1 to "
		    "1440)");
		bad = 1;
	} else if ((m = ws_parse_minutes(v->minutes, &minutes)) != NULL) {
		report(vs, err, arg, "minutes", "'%s': %s", v->minutes, m);
		bad = 1;
	} else if (minutes < 1 || minutes > 1440) {
		report(vs, err, arg, "minutes", "%s is out of range "
		    "(expected 1 to 1440)", v->minutes);
		bad = 1;
	} else
		minok = 1;

	/* kind, status */
	kind = given(v->kind) ? ws_word_index(v->kind, ws_visit_kinds) : -2;
	if (kind < 0) {
		char *w = ws_words_join(ws_visit_kinds);

		if (kind == -2)
			report(vs, err, arg, "kind", "missing (expected one "
			    "of: %s)", w);
		else
			report(vs, err, arg, "kind", "'%s': unknown kind "
			    "(expected one of: %s)", v->kind, w);
		free(w);
		bad = 1;
	}
	status = given(v->status) ? v->status : "done";
	if ((st_ix = ws_word_index(status, ws_visit_statuses)) < 0) {
		char *w = ws_words_join(ws_visit_statuses);

		report(vs, err, arg, "status", "'%s': unknown status "
		    "(expected one of: %s)", status, w);
		free(w);
		bad = 1;
	}

	/* start */
	if (given(v->start)) {
		if ((m = ws_check_time(v->start, 0, &startmin)) != NULL) {
			report(vs, err, arg, "start", "'%s': %s", v->start, m);
			bad = 1;
			startmin = -1;
		}
	}

	/* worker: the given one, else the one in charge of the case on the
	 * visit's date (the assignment history), else the case's */
	if (given(v->worker))
		worker = v->worker;
	else if (ce != NULL && dateok && in_charge(vs, cid, date))
		worker = vs->charge;
	else if (ce != NULL && ce->worker[0] != '\0')
		worker = ce->worker;
	else if (ce != NULL) {
		report(vs, err, arg, "worker", "case %lld has no worker in "
		    "charge (give the worker)", (long long)cid);
		bad = 1;
	}
	if (worker != NULL && (m = ws_ref_worker_on(vs->ref, worker,
	    dateok ? date : NULL)) != NULL) {
		report(vs, err, arg, "worker", "%s", m);
		bad = 1;
	}

	/* follow-up */
	if (given(v->follow_up)) {
		if ((m = ws_check_date(v->follow_up)) != NULL) {
			report(vs, err, arg, "follow_up", "'%s': %s",
			    v->follow_up, m);
			bad = 1;
		} else if (dateok && strcmp(v->follow_up, date) < 0) {
			report(vs, err, arg, "follow_up", "%s is before the "
			    "visit (%s)", v->follow_up, date);
			bad = 1;
		}
	}

	/* contract: the given one, else the worker's post contract */
	if ((m = ws_ref_contract_for(vs->ref, v->contract, worker,
	    dateok ? date : NULL, &contract)) != NULL) {
		report(vs, err, arg, "contract", "%s", m);
		bad = 1;
	}

	/* overlap with another visit of the same worker */
	if (!bad && startmin >= 0 && minok && st_ix != 2) {
		st = vs->q_overlap;
		ws_bind_text(st, 1, worker);
		ws_bind_text(st, 2, date);
		ws_bind_int(st, 3, startmin);
		ws_bind_int(st, 4, startmin + minutes);
		ws_bind_int(st, 5, vs->before);
		ws_bind_int(st, 6, self);
		while (!bad && ws_step(st) == SQLITE_ROW) {
			if (waiting(vs, sqlite3_column_int64(st, 0)))
				continue;	/* its new values: below */
			report(vs, err, arg, "start", "%s for %lld minutes "
			    "overlaps %s by %s on %s at %s for %d minutes",
			    v->start, (long long)minutes, ws_batch_clash(
			    vs->batch, sqlite3_column_int64(st, 0), "visit",
			    who, sizeof who), worker, date,
			    (const char *)sqlite3_column_text(st, 1),
			    sqlite3_column_int(st, 2));
			bad = 1;
		}
		sqlite3_reset(st);
		for (k = 0; !bad && k < vs->napend; k++) {
			p = &vs->apend[k];
			if (p->startmin < 0 || p->status == 2 ||
			    p->id == self || strcmp(p->worker, worker) != 0 ||
			    strcmp(p->date, date) != 0 ||
			    p->startmin >= startmin + minutes ||
			    startmin >= p->startmin + p->minutes)
				continue;
			report(vs, err, arg, "start", "%s for %lld minutes "
			    "overlaps visit %lld by %s on %s at %s for %lld "
			    "minutes", v->start, (long long)minutes,
			    (long long)p->id, worker, date, p->start,
			    (long long)p->minutes);
			bad = 1;
		}
		for (k = 0; !bad && k < vs->npend; k++) {
			p = &vs->pend[k];
			if (p->startmin < 0 || p->status == 2 ||
			    p->id >= vs->before ||
			    strcmp(p->worker, worker) != 0 ||
			    strcmp(p->date, date) != 0 ||
			    p->startmin >= startmin + minutes ||
			    startmin >= p->startmin + p->minutes)
				continue;
			report(vs, err, arg, "start", "%s for %lld minutes "
			    "overlaps %s by %s on %s at %s for %lld minutes",
			    v->start, (long long)minutes, ws_batch_clash(
			    vs->batch, p->id, "visit", who, sizeof who),
			    worker, date, p->start, (long long)p->minutes);
			bad = 1;
		}
	}
	if (bad)
		return 1;
	out->cid = cid;
	out->minutes = minutes;
	out->startmin = startmin;
	out->st_ix = st_ix;
	out->kind = kind;
	out->date = date;
	out->worker = worker;
	out->contract = contract;
	return 0;
}

/* A waiting row (an insert or an amendment) from checked c and v. */
static void
fill(struct pend *p, const struct checked *c, const struct ws_visit *v)
{
	p->case_id = c->cid;
	p->minutes = c->minutes;
	p->startmin = c->startmin;
	p->status = c->st_ix;
	p->kind = ws_visit_kinds[c->kind];
	ws_strlcpy(p->worker, c->worker, sizeof p->worker);
	ws_strlcpy(p->date, c->date, sizeof p->date);
	ws_strlcpy(p->start, c->startmin >= 0 ? v->start : "", sizeof p->start);
	ws_strlcpy(p->follow_up, given(v->follow_up) ? v->follow_up : "",
	    sizeof p->follow_up);
	ws_strlcpy(p->contract, c->contract ? c->contract : "",
	    sizeof p->contract);
	if ((p->has_purpose = given(v->purpose))) {
		ws_buf_reset(&p->purpose);
		ws_buf_adds(&p->purpose, v->purpose);
	}
	if ((p->has_note = given(v->note))) {
		ws_buf_reset(&p->note);
		ws_buf_adds(&p->note, v->note);
	}
}

int64_t
ws_visit_add(ws_visits *vs, const struct ws_visit *v, ws_case_report *err,
    void *arg)
{
	struct checked c;
	struct pend *p;
	int64_t id;

	flush_amends(vs);
	if (check(vs, v, 0, &c, err, arg) != 0)
		return 0;
	if (vs->npend == PEND_MAX)
		flush(vs);
	p = &vs->pend[vs->npend++];
	p->id = id = vs->next_id++;
	fill(p, &c, v);
	return id;
}


int
ws_visit_amend(ws_visits *vs, int64_t id, const struct ws_visit *v,
    unsigned changed, ws_case_report *err, void *arg)
{
	struct checked c;
	struct pend *p;

	flush(vs);
	if (changed == 0 || changed >= 1u << WS_VA_N)
		ws_bug("ws_visit_amend: changed is %u", changed);
	if (check(vs, v, id, &c, err, arg) != 0)
		return 1;
	if (vs->napend == PEND_MAX || (vs->napend > 0 &&
	    vs->amask != changed) || waiting(vs, id))
		flush_amends(vs);
	vs->amask = changed;
	p = &vs->apend[vs->napend++];
	p->id = id;
	fill(p, &c, v);
	return 0;
}

/* ------------------------------------------------------------ listing */

/* Append the WHERE clause of f (visit v, case c) and remember the
 * values to bind, in order. */
static void
where(ws_buf *sql, struct ws_binds *b,
    const struct ws_visit_filter *f)
{
	ws_buf_adds(sql, " WHERE 1");
	if (f->since)
		ws_binds_text(b, sql, "v.date >=", f->since);
	if (f->until)
		ws_binds_text(b, sql, "v.date <=", f->until);
	if (f->month)
		ws_binds_text(b, sql, "substr(v.date, 1, 7) =", f->month);
	if (f->worker)
		ws_binds_text(b, sql, "v.worker =", f->worker);
	if (f->community)
		ws_binds_text(b, sql, "c.community =", f->community);
	if (f->kind)
		ws_binds_text(b, sql, "v.kind =", f->kind);
	if (f->status)
		ws_binds_text(b, sql, "v.status =", f->status);
	if (f->contract)
		ws_binds_text(b, sql, "v.contract =", f->contract);
	if (f->last > 0) {
		ws_binds_int(b, sql, "v.id >=", f->first);
		ws_binds_int(b, sql, "v.id <=", f->last);
	}
	if (f->ncases > 0) {
		/* the ids are bound as one JSON array */
		ws_buf_adds(sql, " AND v.case_id IN (SELECT value FROM "
		    "json_each(?");
		ws_buf_printf(sql, "%d))", b->n + 1);
	}
}

static sqlite3_stmt *
prepare_bound(sqlite3 *db, const char *sql, const struct ws_binds *b,
    const struct ws_visit_filter *f)
{
	sqlite3_stmt *st = ws_binds_prepare(db, sql, b);
	ws_buf ids = {0};
	size_t i;
	if (f->ncases > 0) {
		ws_buf_addc(&ids, '[');
		for (i = 0; i < f->ncases; i++)
			ws_buf_printf(&ids, "%s%lld", i ? "," : "",
			    (long long)f->cases[i]);
		ws_buf_addc(&ids, ']');
		ws_bind_text(st, b->n + 1, ids.s);
		ws_buf_free(&ids);
	}
	return st;
}

sqlite3_stmt *
ws_visit_list(sqlite3 *db, const struct ws_visit_filter *f)
{
	ws_buf sql = {0};
	struct ws_binds b = {0};
	sqlite3_stmt *st;

	ws_buf_adds(&sql, "SELECT v.id AS visit_id, v.case_id, c.community, "
	    "v.worker, v.date, v.start, v.minutes, v.kind, v.status, "
	    "v.purpose, v.note, v.follow_up, v.contract "
	    "FROM visit v JOIN cases c ON c.id = v.case_id");
	where(&sql, &b, f);
	ws_buf_adds(&sql, " AND v.id NOT IN (SELECT visit FROM visit_void)");
	ws_buf_adds(&sql, f->last > 0 ? " ORDER BY v.id" :
	    " ORDER BY v.date, v.start, v.id");
	st = prepare_bound(db, sql.s, &b, f);
	ws_buf_free(&sql);
	return st;
}

sqlite3_stmt *
ws_visit_summary(sqlite3 *db, const struct ws_visit_filter *f, int by)
{
	static const char *const keys[] = { "v.worker", "c.community",
	    "v.kind", "substr(v.date, 1, 7)" };
	ws_buf sql = {0};
	struct ws_binds b = {0};
	sqlite3_stmt *st;

	if (by < 0 || by > 3)
		ws_bug("ws_visit_summary: bad grouping %d", by);
	/* the contacts among the visits: those found in v_contact */
	ws_buf_printf(&sql, "SELECT %s AS %s, count(*) AS visits, "
	    "count(ct.visit_id) AS done, count(DISTINCT ct.case_id) AS cases, "
	    "total(ct.minutes) AS m "
	    "FROM visit v JOIN cases c ON c.id = v.case_id "
	    "LEFT JOIN v_contact ct ON ct.visit_id = v.id",
	    keys[by], ws_visit_summaries[by]);
	where(&sql, &b, f);
	/* a voided visit counts nowhere */
	ws_buf_adds(&sql, " AND v.id NOT IN (SELECT visit FROM visit_void)");
	ws_buf_printf(&sql, " GROUP BY 1 ORDER BY 1");
	/* hours from integer minutes: whole hours, then hundredths rounded
	 * half up, as ws_hours_str does */
	{
		ws_buf outer = {0};

		ws_buf_printf(&outer, "SELECT %s, visits, done, cases, "
		    "CAST(m AS INTEGER) AS minutes, "
		    "printf('%%d.%%02d', CAST(m AS INTEGER) / 60, "
		    "(CAST(m AS INTEGER) %% 60 * 100 + 30) / 60) AS hours "
		    "FROM (%s)", ws_visit_summaries[by], sql.s);
		st = prepare_bound(db, outer.s, &b, f);
		ws_buf_free(&outer);
	}
	ws_buf_free(&sql);
	return st;
}

/* -------------------------------------------------------- due contacts */

sqlite3_stmt *
ws_visit_due(sqlite3 *db, const struct ws_policy *p, const char *as_of,
    const char *worker, const char *community, int reveal)
{
	ws_buf sql = {0};
	sqlite3_stmt *st;
	size_t i;
	int n = 3;

	/*
	 * ?1 as_of, ?2 worker, ?3 community, then for each rule its
	 * category, risk and every_days.  "o" is materialized so the
	 * correlated lookups run once per case: the last contact through
	 * the visit_case index (case_id, date, status, contract), newest
	 * first, without reading table rows, and the
	 * follow-ups from the visits on or after it (a void visit's do not
	 * count).  A case reopened (schema/012) is due from its latest
	 * reopening as from an opening, unless contacted since; follow-ups
	 * set before the reopening do not count.  "d" is materialized
	 * too: flattened, its follow-up lookup (which reads table rows)
	 * ran once for every mention of fdue and due, nine times a case.
	 * Both keep only what the next step needs; the columns printed
	 * are read for the cases due only.
	 */
	ws_buf_adds(&sql, "WITH o AS MATERIALIZED (SELECT c.id, c.opened, "
	    "(SELECT v.date FROM v_contact v WHERE v.case_id = c.id "
	    "AND v.date <= ?1 "
	    "ORDER BY v.date DESC LIMIT 1) AS last, "
	    "(SELECT max(r.date) FROM case_reopen r WHERE r.case_id = c.id "
	    "AND r.date <= ?1) AS reopened, CASE");
	for (i = 0; i < p->nrules; i++) {
		ws_buf_adds(&sql, " WHEN 1");
		if (p->rules[i].category != NULL)
			ws_buf_printf(&sql, " AND EXISTS (SELECT 1 FROM "
			    "case_category cc WHERE cc.case_id = c.id AND "
			    "cc.category = ?%d)", n + 1);
		if (p->rules[i].risk >= 0)
			ws_buf_printf(&sql, " AND c.risk = ?%d", n + 2);
		ws_buf_printf(&sql, " THEN ?%d", n + 3);
		n += 3;
	}
	ws_buf_adds(&sql, " ELSE NULL END AS every FROM cases c "
	    "WHERE c.opened <= ?1 AND (c.status = 'open' OR c.closed > ?1) "
	    "AND (?2 IS NULL OR c.worker = ?2) "
	    "AND (?3 IS NULL OR c.community = ?3)), "
	    "d AS MATERIALIZED (SELECT id, last, "
	    "CASE WHEN reopened IS NOT NULL AND "
	    "(last IS NULL OR last < reopened) THEN reopened "
	    "WHEN last IS NULL THEN opened "
	    "WHEN every IS NOT NULL THEN date(last, '+' || every || ' days') "
	    "END AS rdue, "
	    "(SELECT min(f.follow_up) FROM visit f WHERE f.case_id = o.id "
	    "AND f.date >= coalesce(o.last, '') AND f.date <= ?1 "
	    "AND f.follow_up > coalesce(o.last, '') "
	    "AND f.follow_up >= coalesce(o.reopened, '') "
	    "AND f.id NOT IN (SELECT visit FROM visit_void)) AS fdue "
	    "FROM o), "
	    "e AS (SELECT id, last, CASE WHEN fdue IS NULL THEN rdue "
	    "WHEN rdue IS NULL OR fdue < rdue THEN fdue ELSE rdue END AS due "
	    "FROM d) ");
	ws_buf_printf(&sql, "SELECT e.id AS case_id, %s AS name, c.community, "
	    "c.worker, e.last AS last_contact, e.due, "
	    "CAST(julianday(?1) - julianday(e.due) AS INTEGER) "
	    "AS days_overdue, c.risk, (SELECT group_concat(category, ',') "
	    "FROM (SELECT cc.category FROM case_category cc "
	    "WHERE cc.case_id = e.id ORDER BY cc.category)) AS categories "
	    "FROM e JOIN cases c ON c.id = e.id "
	    "JOIN person p ON p.id = c.person "
	    "WHERE e.due <= ?1 ORDER BY days_overdue DESC, e.id",
	    reveal ? "p.name" : "ws_mask(p.name)");
	/*
	 * The list reads each open case's newest index entries and one
	 * table row once, never twice: SQLite's default 2 MB page cache
	 * serves it, where the 32 MB one of ws_db_open only costs fresh
	 * memory (on 20M visits, 200k cases: 1.7 s and 41 MB against
	 * 2.0 s and 72 MB).
	 */
	ws_exec(db, "PRAGMA cache_size = -2000");
	st = ws_prepare(db, sql.s);
	ws_buf_free(&sql);
	ws_bind_text(st, 1, as_of);
	ws_bind_text(st, 2, worker);
	ws_bind_text(st, 3, community);
	for (i = 0, n = 3; i < p->nrules; i++, n += 3) {
		if (p->rules[i].category != NULL)
			ws_bind_text(st, n + 1, p->rules[i].category);
		if (p->rules[i].risk >= 0)
			ws_bind_text(st, n + 2, ws_risks[p->rules[i].risk]);
		ws_bind_int(st, n + 3, p->rules[i].every_days);
	}
	return st;
}
