/*
 * ref.c - the reference module: cached lookups of the entities records
 * refer to (case, worker, contract, community), and the rules about them
 * that every command shares: when a worker is active, and which contract
 * a contact counts toward.
 *
 * Caches.  Case ids are dense integers, so a case lives in slot id %
 * CASE_SLOTS (a district's cases fit without collisions); codes are
 * hashed.  A slot is overwritten on collision: memory is fixed.  Each
 * cache is allocated on its first lookup, and each statement prepared on
 * its first use, so a ws_ref costs little to a caller that looks up one
 * thing.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#define CASE_SLOTS	65536
#define CODE_SLOTS	1024

struct comm_ent {
	int used, exists;
	char code[WS_CODE_MAX];
};

struct ws_ref {
	sqlite3 *db;
	sqlite3_stmt *q_case, *q_worker, *q_contract, *q_comm;
	struct ws_ref_case *cases;
	struct ws_ref_worker *workers;
	struct ws_ref_contract *contracts;
	struct comm_ent *comms;
	char msg[512];		/* the last message, for the caller to copy */
};

ws_ref *
ws_ref_new(sqlite3 *db)
{
	ws_ref *r = ws_calloc(1, sizeof *r);

	r->db = db;
	return r;
}

void
ws_ref_free(ws_ref *r)
{
	if (r == NULL)
		return;
	sqlite3_finalize(r->q_case);
	sqlite3_finalize(r->q_worker);
	sqlite3_finalize(r->q_contract);
	sqlite3_finalize(r->q_comm);
	free(r->cases);
	free(r->workers);
	free(r->contracts);
	free(r->comms);
	free(r);
}

static void
copy(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

/* A code that cannot be in the caches cannot be in the database either:
 * codes are checked with ws_check_code when they are loaded. */
static int
codeok(const char *s)
{
	return s != NULL && strlen(s) < WS_CODE_MAX;
}

static sqlite3_stmt *
stmt(ws_ref *r, sqlite3_stmt **st, const char *sql)
{
	if (*st == NULL)
		*st = ws_prepare(r->db, sql);
	return *st;
}

const struct ws_ref_case *
ws_ref_case(ws_ref *r, int64_t id)
{
	struct ws_ref_case *e;
	sqlite3_stmt *st;

	if (r->cases == NULL)
		r->cases = ws_calloc(CASE_SLOTS, sizeof *r->cases);
	e = &r->cases[(uint64_t)id % CASE_SLOTS];
	if (e->id == id && id != 0)
		return e;
	memset(e, 0, sizeof *e);
	e->id = id;
	st = stmt(r, &r->q_case, "SELECT opened, closed, worker, community "
	    "FROM cases WHERE id = ?1");
	ws_bind_int(st, 1, id);
	if (ws_step(st) == SQLITE_ROW) {
		e->exists = 1;
		copy(e->opened, sizeof e->opened, sqlite3_column_text(st, 0));
		copy(e->closed, sizeof e->closed, sqlite3_column_text(st, 1));
		copy(e->worker, sizeof e->worker, sqlite3_column_text(st, 2));
		copy(e->community, sizeof e->community,
		    sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return e;
}

const struct ws_ref_worker *
ws_ref_worker(ws_ref *r, const char *code)
{
	static const struct ws_ref_worker none;
	struct ws_ref_worker *e;
	sqlite3_stmt *st;

	if (!codeok(code))
		return &none;
	if (r->workers == NULL)
		r->workers = ws_calloc(CODE_SLOTS, sizeof *r->workers);
	e = &r->workers[ws_strhash(code) % CODE_SLOTS];
	if (e->used && strcmp(e->code, code) == 0)
		return e;
	memset(e, 0, sizeof *e);
	e->used = 1;
	copy(e->code, sizeof e->code, (const unsigned char *)code);
	st = stmt(r, &r->q_worker, "SELECT w.org, w.active_from, "
	    "w.active_to, w.contract, c.start, c.end FROM worker w "
	    "LEFT JOIN contract c ON c.code = w.contract WHERE w.code = ?1");
	ws_bind_text(st, 1, code);
	if (ws_step(st) == SQLITE_ROW) {
		e->exists = 1;
		copy(e->org, sizeof e->org, sqlite3_column_text(st, 0));
		copy(e->from, sizeof e->from, sqlite3_column_text(st, 1));
		copy(e->to, sizeof e->to, sqlite3_column_text(st, 2));
		copy(e->contract, sizeof e->contract,
		    sqlite3_column_text(st, 3));
		copy(e->cstart, sizeof e->cstart, sqlite3_column_text(st, 4));
		copy(e->cend, sizeof e->cend, sqlite3_column_text(st, 5));
	}
	sqlite3_reset(st);
	return e;
}

const struct ws_ref_contract *
ws_ref_contract(ws_ref *r, const char *code)
{
	static const struct ws_ref_contract none;
	struct ws_ref_contract *e;
	sqlite3_stmt *st;

	if (!codeok(code))
		return &none;
	if (r->contracts == NULL)
		r->contracts = ws_calloc(CODE_SLOTS, sizeof *r->contracts);
	e = &r->contracts[ws_strhash(code) % CODE_SLOTS];
	if (e->used && strcmp(e->code, code) == 0)
		return e;
	memset(e, 0, sizeof *e);
	e->used = 1;
	copy(e->code, sizeof e->code, (const unsigned char *)code);
	st = stmt(r, &r->q_contract, "SELECT start, end FROM contract "
	    "WHERE code = ?1");
	ws_bind_text(st, 1, code);
	if (ws_step(st) == SQLITE_ROW) {
		e->exists = 1;
		copy(e->start, sizeof e->start, sqlite3_column_text(st, 0));
		copy(e->end, sizeof e->end, sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return e;
}

int
ws_ref_community(ws_ref *r, const char *code)
{
	struct comm_ent *e;
	sqlite3_stmt *st;

	if (!codeok(code))
		return 0;
	if (r->comms == NULL)
		r->comms = ws_calloc(CODE_SLOTS, sizeof *r->comms);
	e = &r->comms[ws_strhash(code) % CODE_SLOTS];
	if (e->used && strcmp(e->code, code) == 0)
		return e->exists;
	e->used = 1;
	copy(e->code, sizeof e->code, (const unsigned char *)code);
	st = stmt(r, &r->q_comm, "SELECT 1 FROM community WHERE code = ?1");
	ws_bind_text(st, 1, code);
	e->exists = ws_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return e->exists;
}

/* ------------------------------------------------------------- rules */

int
ws_active_on(const char *from, const char *to, const char *date)
{
	if (from != NULL && *from != '\0' && strcmp(date, from) < 0)
		return -1;
	if (to != NULL && *to != '\0' && strcmp(date, to) > 0)
		return 1;
	return 0;
}

static const char *
say(ws_ref *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *
say(ws_ref *r, const char *fmt, ...)
{
	va_list ap;

	fmt = ws_msg(fmt);	/* issue 14 */
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof r->msg, fmt, ap);
	va_end(ap);
	return r->msg;
}

const char *
ws_ref_worker_on(ws_ref *r, const char *code, const char *date)
{
	const struct ws_ref_worker *w = ws_ref_worker(r, code);

	char dym[64];

	if (!w->exists)
		return say(r, "unknown worker '%s' (expected a worker code "
		    "loaded with wushe-db load)%s", code,
		    ws_excel_suggest(r->db, "worker", code, dym));
	if (date == NULL)
		return NULL;
	switch (ws_active_on(w->from, w->to, date)) {
	case -1:
		return say(r, "worker '%s' is not active on %s (active from "
		    "%s)", code, date, w->from);
	case 1:
		return say(r, "worker '%s' is not active on %s (left on %s)",
		    code, date, w->to);
	}
	return NULL;
}

const char *
ws_ref_contract_for(ws_ref *r, const char *given, const char *worker,
    const char *date, const char **contract)
{
	const struct ws_ref_contract *k;
	const struct ws_ref_worker *w;

	*contract = NULL;
	if (given != NULL && *given != '\0') {
		k = ws_ref_contract(r, given);
		if (!k->exists)
			return say(r, "unknown contract '%s' (expected a "
			    "contract code loaded with wushe-db load)", given);
		if (date != NULL && (strcmp(date, k->start) < 0 ||
		    strcmp(date, k->end) > 0))
			return say(r, "%s runs %s to %s, not on %s", given,
			    k->start, k->end, date);
		*contract = given;
		return NULL;
	}
	if (worker == NULL || date == NULL)
		return NULL;
	w = ws_ref_worker(r, worker);
	if (w->exists && w->contract[0] != '\0' &&
	    strcmp(date, w->cstart) >= 0 && strcmp(date, w->cend) <= 0)
		*contract = w->contract;
	return NULL;
}
