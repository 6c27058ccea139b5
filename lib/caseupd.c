/*
 * caseupd.c - correcting a case (issue 12): case-update's job on the
 * batch loop (the case's risk, need, worker, community and categories,
 * the person's name, phone, address and ID number, each checked as at
 * intake), reopening a closed case, and handovers with an effective date
 * (the assignment history of schema/012).  Every change is one row of
 * the correction log with its reason, and the case's history says it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_case_fix_cols[] = { "case_id", "id", "reason",
    "risk", "need", "worker", "community", "name", "phone", "address",
    "id_number", "add_category", "remove_category", NULL };

enum { K_CASE_ID, K_ID, K_REASON, K_RISK, K_NEED, K_WORKER, K_COMMUNITY,
    K_NAME, K_PHONE, K_ADDRESS, K_ID_NUMBER, K_ADD_CAT, K_REMOVE_CAT, K_N };

/* The fields of the case row and of the person row, as read by sql_old
 * (columns 0..3 the case's, 4..7 the person's). */
static const int field_of[] = { K_RISK, K_NEED, K_WORKER, K_COMMUNITY,
    K_NAME, K_PHONE, K_ADDRESS, K_ID_NUMBER };
#define NFIELD	8

static const char sql_old[] =
    "SELECT c.risk, c.need, c.worker, c.community, p.name, p.phone,"
    " p.address, p.id_number, c.status, c.closed, c.opened, c.person,"
    " p.sex, p.birth_date FROM cases c JOIN person p ON p.id = c.person"
    " WHERE c.id = ?";

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

static char *
col(sqlite3_stmt *st, int i)
{
	return ws_strdup((const char *)sqlite3_column_text(st, i));
}

static const char *
fmt(struct ws_case_fix *cf, const char *f, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
fmt(struct ws_case_fix *cf, const char *f, ...)
{
	va_list ap;

	char tmp[512];

	f = ws_msg(f);	/* issue 14 */
	va_start(ap, f);
	vsnprintf(tmp, sizeof tmp, f, ap);
	va_end(ap);
	ws_buf_reset(&cf->msg);
	ws_buf_adds(&cf->msg, tmp);
	return cf->msg.s;
}

static int
exec_bound(sqlite3 *db, const char *sql, int64_t id, const char *a,
    const char *b)
{
	sqlite3_stmt *st = ws_prepare(db, sql);
	int rc;

	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, a);
	ws_bind_text(st, 3, b);
	rc = ws_step(st);
	sqlite3_finalize(st);
	return rc;
}

/* The history row that carries a change not made by a trigger. */
static void
history(sqlite3 *db, int64_t id, const char *field, const char *old,
    const char *new, int mask)
{
	sqlite3_stmt *st = ws_prepare(db, mask ?
	    "INSERT INTO case_history (case_id, os_user, command, field, old,"
	    " new) VALUES (?1, ws_user(), ws_cmd(), ?2, ws_mask(?3),"
	    " ws_mask(?4))" :
	    "INSERT INTO case_history (case_id, os_user, command, field, old,"
	    " new) VALUES (?1, ws_user(), ws_cmd(), ?2, ?3, ?4)");

	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, field);
	ws_bind_text(st, 3, old);
	ws_bind_text(st, 4, new);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("case history: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

/* Check a new ID number for the person of the case: NULL, or why not. */
static const char *
check_idn(struct ws_case_fix *cf, const char *idv, int64_t person,
    const char *sex, const char *birth, char dbirth[11], char *dsex)
{
	const char *m;
	sqlite3_stmt *st;

	if ((m = ws_check_id_number(idv, dbirth, dsex)) != NULL)
		return fmt(cf, "%s", m);
	st = ws_prepare(cf->db, "SELECT p.id, (SELECT max(c.id) FROM cases c"
	    " WHERE c.person = p.id) FROM person p WHERE p.id_number = ?1"
	    " AND p.id <> ?2");
	ws_bind_text(st, 1, idv);
	ws_bind_int(st, 2, person);
	m = NULL;
	if (ws_step(st) == SQLITE_ROW)
		m = fmt(cf, "this ID number is already held by person %lld "
		    "(case %lld)", (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	if (m != NULL)
		return m;
	if (given(sex) && sex[0] != *dsex)
		return fmt(cf, "%s says sex %c, but the person is recorded as "
		    "%s", idv, *dsex, sex);
	if (given(birth) && strcmp(birth, dbirth) != 0)
		return fmt(cf, "%s says born %s, but the person is recorded "
		    "as born %s", idv, dbirth, birth);
	return NULL;
}

static int
has_category(sqlite3 *db, int64_t id, const char *cat)
{
	sqlite3_stmt *st = ws_prepare(db, "SELECT count(*), sum(category ="
	    " ?2) FROM case_category WHERE case_id = ?1");
	int n, has;

	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, cat);
	ws_step(st);
	n = sqlite3_column_int(st, 0);
	has = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	return has ? n : -n;	/* > 0: has it (of n); <= 0: has not */
}

/* Reopen case id (closed on closed): checks, then the writes. */
static int
reopen(struct ws_case_fix *cf, int64_t id, const char *status,
    const char *closed, const char *reason, ws_case_report *err, void *arg)
{
	const char *date = given(cf->date) ? cf->date : cf->today, *m;
	sqlite3_stmt *st;

	if (strcmp(status, "closed") != 0) {
		err(arg, "reopen", fmt(cf, "case %lld is open (nothing to "
		    "reopen)", (long long)id));
		return 1;
	}
	if ((m = ws_check_date(date)) != NULL) {
		err(arg, "date", fmt(cf, "'%s': %s", date, m));
		return 1;
	}
	if (strcmp(date, cf->today) > 0 || strcmp(date, closed) < 0) {
		err(arg, "date", fmt(cf, "%s: a reopening is dated from the "
		    "close (%s) to today (%s)", date, closed, cf->today));
		return 1;
	}
	st = ws_prepare(cf->db, "INSERT INTO case_reopen (case_id, date,"
	    " closed, reason, os_user, command) VALUES (?1, ?2, ?3, ?4,"
	    " ws_user(), ws_cmd())");
	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, date);
	ws_bind_text(st, 3, closed);
	ws_bind_text(st, 4, reason);
	if (ws_step(st) != SQLITE_DONE ||
	    exec_bound(cf->db, "UPDATE cases SET status = 'open', closed ="
	    " NULL, close_reason = NULL, outcome = NULL WHERE id = ?1",
	    id, NULL, NULL) != SQLITE_DONE)
		ws_bug("reopening case %lld: %s", (long long)id,
		    sqlite3_errmsg(cf->db));
	sqlite3_finalize(st);
	history(cf->db, id, "reopened", closed, date, 0);
	ws_fix_log(cf->fix, "cases", id, "reopened", closed, date, reason);
	return 0;
}

/* One correction of a case: v[] indexed as ws_case_fix_cols, the
 * options' values under it. */
static int
fix_case(struct ws_case_fix *cf, const char *const *rec, ws_case_report *err,
    void *arg)
{
	const char *v[K_N], *m, *reason;
	char *old[NFIELD + 6] = { NULL }, dbirth[11], dsex = 0, idn[19];
	int64_t id, person;
	sqlite3_stmt *st;
	int i, k, n, nchanged = 0, bad = 0, r = 1;

	for (i = 0; i < K_N; i++)
		v[i] = rec != NULL && given(rec[i]) ? rec[i] :
		    cf->set != NULL ? cf->set[i] : NULL;
	if (rec != NULL && cf->set != NULL && given(cf->set[K_CASE_ID]) &&
	    !given(rec[K_CASE_ID]) && !given(rec[K_ID]))
		v[K_CASE_ID] = cf->set[K_CASE_ID];
	reason = v[K_REASON];
	if ((m = ws_case_id_of(v, &id)) != NULL) {
		err(arg, "case_id", m);
		return 1;
	}
	if (!given(reason)) {
		err(arg, "reason", "missing (every correction says why)");
		return 1;
	}
	st = ws_prepare(cf->db, sql_old);
	ws_bind_int(st, 1, id);
	if (ws_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		err(arg, "case_id", fmt(cf, "unknown case %lld",
		    (long long)id));
		return 1;
	}
	for (i = 0; i < NFIELD + 6; i++)
		old[i] = col(st, i);
	person = sqlite3_column_int64(st, 11);
	sqlite3_finalize(st);

	if (cf->reopen) {
		if (reopen(cf, id, old[8], old[9], reason, err, arg) != 0)
			goto out;
		nchanged++;
		free(old[8]);
		old[8] = ws_strdup("open");
	}

	/* check every field given with a new value */
	if (given(v[K_ID_NUMBER]) && strlen(v[K_ID_NUMBER]) == 18) {
		memcpy(idn, v[K_ID_NUMBER], 19);
		if (idn[17] == 'x')
			idn[17] = 'X';
		v[K_ID_NUMBER] = idn;
	}
	for (i = 0; i < NFIELD; i++) {
		k = field_of[i];
		if (!given(v[k]) || (old[i] != NULL &&
		    strcmp(v[k], old[i]) == 0)) {
			v[k] = NULL;
			continue;
		}
		m = NULL;
		if (k == K_RISK && ws_word_index(v[k], ws_risks) < 0)
			m = fmt(cf, "unknown risk '%s' (expected low, medium "
			    "or high)", v[k]);
		else if (k == K_WORKER && strcmp(old[8], "closed") == 0)
			m = fmt(cf, "case %lld is closed (on %s); reopen it "
			    "first", (long long)id, old[9]);
		else if (k == K_WORKER)
			m = ws_case_check_worker(cf->db, v[k], cf->today);
		else if (k == K_COMMUNITY)
			m = ws_case_check_community(cf->db, v[k]);
		else if (k == K_PHONE)
			m = ws_check_phone(v[k]);
		else if (k == K_ID_NUMBER)
			m = check_idn(cf, v[k], person, old[12], old[13],
			    dbirth, &dsex);
		if (m != NULL) {
			err(arg, ws_case_fix_cols[k], m);
			bad = 1;
		}
		nchanged++;
	}
	if (given(v[K_ADD_CAT])) {
		if (!ws_policy_has_category(cf->pol, v[K_ADD_CAT])) {
			err(arg, "add_category", fmt(cf, "unknown category "
			    "'%s'", v[K_ADD_CAT]));
			bad = 1;
		} else if (has_category(cf->db, id, v[K_ADD_CAT]) > 0)
			v[K_ADD_CAT] = NULL;
		else
			nchanged++;
	}
	if (given(v[K_REMOVE_CAT])) {
		n = has_category(cf->db, id, v[K_REMOVE_CAT]);
		if (n <= 0 && !given(v[K_ADD_CAT])) {
			err(arg, "remove_category", fmt(cf, "case %lld has no "
			    "category '%s'", (long long)id, v[K_REMOVE_CAT]));
			bad = 1;
		} else if (n == 1 && !given(v[K_ADD_CAT])) {
			err(arg, "remove_category", fmt(cf, "'%s' is the only "
			    "category of case %lld (a case keeps at least one)",
			    v[K_REMOVE_CAT], (long long)id));
			bad = 1;
		} else if (n > 0)
			nchanged++;
		else
			v[K_REMOVE_CAT] = NULL;
	}
	if (bad)
		goto out;
	if (nchanged == 0) {
		err(arg, NULL, fmt(cf, "case %lld: nothing to change (give a "
		    "field with a new value)", (long long)id));
		goto out;
	}

	/* write */
	st = ws_prepare(cf->db, "UPDATE cases SET risk = coalesce(?2, risk),"
	    " need = coalesce(?3, need), worker = coalesce(?4, worker),"
	    " community = coalesce(?5, community) WHERE id = ?1");
	ws_bind_int(st, 1, id);
	for (i = 0; i < 4; i++)
		ws_bind_text(st, i + 2, v[field_of[i]]);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("updating case %lld: %s", (long long)id,
		    sqlite3_errmsg(cf->db));
	sqlite3_finalize(st);
	st = ws_prepare(cf->db, "UPDATE person SET name = coalesce(?2, name),"
	    " phone = coalesce(?3, phone), address = coalesce(?4, address),"
	    " id_number = coalesce(?5, id_number), sex = coalesce(sex, ?6),"
	    " birth_date = coalesce(birth_date, ?7) WHERE id = ?1");
	ws_bind_int(st, 1, person);
	for (i = 4; i < 8; i++)
		ws_bind_text(st, i - 2, v[field_of[i]]);
	{
		char sx[2] = { dsex, '\0' };

		ws_bind_text(st, 6, v[K_ID_NUMBER] ? sx : NULL);
		ws_bind_text(st, 7, v[K_ID_NUMBER] ? dbirth : NULL);
	}
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("updating person %lld: %s", (long long)person,
		    sqlite3_errmsg(cf->db));
	sqlite3_finalize(st);
	if (given(v[K_WORKER]))
		ws_case_handover(cf->db, id, old[2], v[K_WORKER], cf->today,
		    old[10]);
	if (given(v[K_REMOVE_CAT]))
		exec_bound(cf->db, "DELETE FROM case_category WHERE case_id ="
		    " ?1 AND category = ?2", id, v[K_REMOVE_CAT], NULL);
	if (given(v[K_ADD_CAT]))
		exec_bound(cf->db, "INSERT INTO case_category (case_id,"
		    " category) VALUES (?1, ?2)", id, v[K_ADD_CAT], NULL);
	for (i = 0; i < NFIELD; i++) {
		k = field_of[i];
		if (v[k] == NULL)
			continue;
		if (i >= 4)	/* the person's: masked, as in every output */
			history(cf->db, id, ws_case_fix_cols[k], old[i], v[k],
			    1);
		ws_fix_log(cf->fix, i < 4 ? "cases" : "person", id,
		    ws_case_fix_cols[k], old[i], v[k], reason);
	}
	if (given(v[K_ADD_CAT]))
		ws_fix_log(cf->fix, "cases", id, "category", NULL,
		    v[K_ADD_CAT], reason);
	if (given(v[K_REMOVE_CAT]))
		ws_fix_log(cf->fix, "cases", id, "category", v[K_REMOVE_CAT],
		    NULL, reason);
	history(cf->db, id, "reason", NULL, reason, 0);
	r = 0;
out:
	for (i = 0; i < NFIELD + 6; i++)
		free(old[i]);
	return r;
}

const char *
ws_case_handover(sqlite3 *db, int64_t id, const char *from, const char *to,
    const char *date, const char *opened)
{
	sqlite3_stmt *st;
	int n;

	st = ws_prepare(db, "SELECT count(*) FROM case_assignment WHERE"
	    " case_id = ?");
	ws_bind_int(st, 1, id);
	ws_step(st);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (n == 0 && exec_bound(db, "INSERT INTO case_assignment (case_id,"
	    " worker, since, os_user, command) VALUES (?1, ?2, ?3,"
	    " ws_user(), ws_cmd())", id, from, opened) != SQLITE_DONE)
		ws_bug("assignment history: %s", sqlite3_errmsg(db));
	if (exec_bound(db, "INSERT INTO case_assignment (case_id, worker,"
	    " since, os_user, command) VALUES (?1, ?2, ?3, ws_user(),"
	    " ws_cmd())", id, to, date) != SQLITE_DONE)
		ws_bug("assignment history: %s", sqlite3_errmsg(db));
	return NULL;
}

static void
fix_begin(ws_batch *b, void *arg)
{
	struct ws_case_fix *cf = arg;

	cf->fix = ws_fix_new(cf->db);
}

static void
fix_end(ws_batch *b, void *arg)
{
	struct ws_case_fix *cf = arg;

	cf->first = ws_fix_first(cf->fix);
	cf->last = ws_fix_last(cf->fix);
	ws_fix_free(cf->fix);
	cf->fix = NULL;
}

static int
fix_record(ws_batch *b, const char *const *v, void *arg)
{
	return fix_case(arg, v, ws_batch_err, b);
}

/* A problem of the correction given with options: "--option: problem". */
static void
opt_report(void *arg, const char *field, const char *msg)
{
	ws_fix_warn_opt(field, "case_id", "case", msg);
}

static int
fix_opt(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_case_fix *cf = arg;

	return fix_case(cf, NULL, opt_report, cf);
}

void
ws_case_fix_spec(struct ws_batch_spec *s, struct ws_case_fix *cf)
{
	cf->db = s->db;
	cf->first = cf->last = 0;
	ws_today(cf->today);
	s->begin = fix_begin;
	s->end = fix_end;
	s->arg = cf;
	if (cf->set != NULL && given(cf->set[K_CASE_ID])) {
		s->record = fix_opt;
		return;
	}
	ws_fix_stream_spec(s, ws_case_fix_cols, "a correction needs the "
	    "case's case_id or id", "case_id", "no cases in the input "
	    "(expected case ids, or records with a case_id column)",
	    fix_record);
}

int
ws_case_fix_run(ws_batch *b, void *job, ws_err *e)
{
	struct ws_case_fix *cf = job;

	if (cf->set == NULL || !given(cf->set[K_CASE_ID]))
		return ws_batch_run(b, e);
	ws_batch_one(b, NULL);
	return ws_batch_end(b, e);
}

sqlite3_stmt *
ws_case_fix_list(sqlite3 *db, int64_t first, int64_t last)
{
	sqlite3_stmt *st;

	st = ws_prepare(db, "SELECT CAST(row_key AS INTEGER) AS case_id,"
	    " field, CASE WHEN tbl = 'person' THEN ws_mask(old) ELSE old END"
	    " AS old, CASE WHEN tbl = 'person' THEN ws_mask(new) ELSE new END"
	    " AS new, reason FROM correction WHERE id BETWEEN ?1 AND ?2"
	    " ORDER BY id");
	ws_bind_int(st, 1, first);
	ws_bind_int(st, 2, last);
	return st;
}

const char *
ws_case_assign_on(ws_cases *cs, sqlite3 *db, int64_t id, const char *worker,
    const char *date, ws_buf *msg)
{
	char *from = NULL, *opened = NULL, *since = NULL;
	const char *m = NULL;
	sqlite3_stmt *st;

	st = ws_prepare(db, "SELECT worker, opened, (SELECT max(since) FROM"
	    " case_assignment a WHERE a.case_id = c.id) FROM cases c WHERE"
	    " c.id = ?");
	ws_bind_int(st, 1, id);
	if (ws_step(st) == SQLITE_ROW) {
		from = col(st, 0);
		opened = col(st, 1);
		since = col(st, 2);
	}
	sqlite3_finalize(st);
	ws_buf_reset(msg);
	if (opened != NULL && strcmp(date, opened) < 0)
		ws_buf_printf(msg, "--date %s is before the case opened (%s)",
		    date, opened);
	else if (since != NULL && strcmp(date, since) < 0)
		ws_buf_printf(msg, "--date %s is before the case's last "
		    "handover (%s)", date, since);
	if (msg->len > 0)
		m = msg->s;
	else if ((m = ws_case_assign(cs, id, worker)) == NULL)
		ws_case_handover(db, id, from, worker, date, opened);
	free(from);
	free(opened);
	free(since);
	return m;
}
