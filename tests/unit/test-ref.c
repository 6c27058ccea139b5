/* test-ref.c - the reference module (ref.c): cached lookups, "worker
 * active on D" and "the contract for a contact on D". */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"
#include "unit.h"

/*
 * The directory, by hand:
 *   post contract  P1   2019-01-01 .. 2019-12-31 (pays W1's post)
 *   project        J1   2019-03-01 .. 2019-05-31
 *   worker W1 at A1, active 2019-02-01 .. 2019-06-30, post P1
 *   worker W2 at A1, no period (always active), no post
 *   case 1 in QH, opened 2019-02-10, worker W1, open
 */
static const char setup[] =
    "INSERT INTO community (code, name) VALUES ('QH', '清华社区');"
    "INSERT INTO org (code, name, kind) VALUES ('S', '街道', 'street_office'),"
    " ('A1', '机构', 'sw_agency');"
    "INSERT INTO contract (code, title, kind, purchaser, provider, start,"
    " end, amount_fen) VALUES"
    " ('P1', '岗位', 'post', 'S', 'A1', '2019-01-01', '2019-12-31', 100),"
    " ('J1', '项目', 'project', 'S', 'A1', '2019-03-01', '2019-05-31', 100);"
    "INSERT INTO worker (code, name, org, active_from, active_to, contract)"
    " VALUES ('W1', '社工一', 'A1', '2019-02-01', '2019-06-30', 'P1'),"
    " ('W2', '社工二', 'A1', NULL, NULL, NULL);"
    "INSERT INTO person (id, name, community) VALUES (1, '王明', 'QH');"
    "INSERT INTO cases (id, person, community, risk, worker, opened)"
    " VALUES (1, 1, 'QH', 'high', 'W1', '2019-02-10');";

int
main(void)
{
	char dir[] = "/tmp/test-ref.XXXXXX", path[64], s[96];
	const struct ws_ref_case *c;
	const struct ws_ref_worker *w;
	const char *m, *k;
	sqlite3 *db;
	ws_ref *r;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	db = ws_db_open(path, WS_DB_CREATE);
	ws_begin(db);
	ws_exec(db, setup);
	ws_commit(db);
	r = ws_ref_new(db);

	/* ws_active_on: both ends of the period are in it. */
	CHECK(ws_active_on("2019-02-01", "2019-06-30", "2019-01-31") == -1,
	    "the day before active_from: not yet active (-1)");
	CHECK(ws_active_on("2019-02-01", "2019-06-30", "2019-02-01") == 0,
	    "the first day of the period: active");
	CHECK(ws_active_on("2019-02-01", "2019-06-30", "2019-06-30") == 0,
	    "the last day of the period: active");
	CHECK(ws_active_on("2019-02-01", "2019-06-30", "2019-07-01") == 1,
	    "the day after active_to: left (1)");
	CHECK(ws_active_on(NULL, NULL, "1900-01-01") == 0,
	    "no period: always active");
	CHECK(ws_active_on("", "", "2999-12-31") == 0,
	    "empty ends (as cached) are open too");

	/* The same through the cache, with the messages the commands
	 * print. */
	CHECK(ws_ref_worker_on(r, "W1", "2019-02-01") == NULL,
	    "W1 active on its first day");
	CHECK(ws_ref_worker_on(r, "W1", "2019-06-30") == NULL,
	    "W1 active on its last day");
	CHECK_STR(ws_ref_worker_on(r, "W1", "2019-07-01"),
	    "worker 'W1' is not active on 2019-07-01 (left on 2019-06-30)",
	    "W1 not active the day after");
	CHECK_STR(ws_ref_worker_on(r, "W1", "2019-01-31"),
	    "worker 'W1' is not active on 2019-01-31 (active from 2019-02-01)",
	    "W1 not active the day before");
	CHECK_STR(ws_ref_worker_on(r, "W9", NULL),
	    "unknown worker 'W9' (expected a worker code loaded with "
	    "wushe-db load)", "an unknown worker");
	CHECK(ws_ref_worker_on(r, "W2", "1999-01-01") == NULL,
	    "W2 has no period: active on any day");
	CHECK(ws_ref_worker_on(r, "W1", NULL) == NULL,
	    "no date: only whether the worker exists");

	/* Lookups. */
	w = ws_ref_worker(r, "W1");
	CHECK(w->exists && strcmp(w->org, "A1") == 0 &&
	    strcmp(w->contract, "P1") == 0 &&
	    strcmp(w->cstart, "2019-01-01") == 0 &&
	    strcmp(w->cend, "2019-12-31") == 0,
	    "W1: works at A1, post P1 2019-01-01 to 2019-12-31");
	CHECK(ws_ref_worker(r, "W1") == w, "a second lookup is cached");
	CHECK(!ws_ref_worker(r, "a-code-much-longer-than-32-bytes-x")->exists,
	    "a code too long for any table is unknown");
	c = ws_ref_case(r, 1);
	CHECK(c->exists && strcmp(c->opened, "2019-02-10") == 0 &&
	    c->closed[0] == '\0' && strcmp(c->worker, "W1") == 0 &&
	    strcmp(c->community, "QH") == 0, "case 1: opened, open, W1, QH");
	CHECK(!ws_ref_case(r, 2)->exists, "case 2 does not exist");
	CHECK(ws_ref_contract(r, "J1")->exists &&
	    strcmp(ws_ref_contract(r, "J1")->end, "2019-05-31") == 0,
	    "J1 runs to 2019-05-31");
	CHECK(ws_ref_community(r, "QH") == 1 && ws_ref_community(r, "XX") == 0,
	    "community QH exists, XX does not");

	/* The contract for a contact on D. */
	m = ws_ref_contract_for(r, "J1", "W1", "2019-04-15", &k);
	CHECK(m == NULL && k != NULL && strcmp(k, "J1") == 0,
	    "2019-04-15, J1 given: J1 covers the day, J1 is taken");
	m = ws_ref_contract_for(r, NULL, "W1", "2019-04-15", &k);
	CHECK(m == NULL && k != NULL && strcmp(k, "P1") == 0,
	    "2019-04-15, none given: W1's post contract P1 covers it");
	m = ws_ref_contract_for(r, "", "W1", "2019-07-15", &k);
	CHECK(m == NULL && k != NULL && strcmp(k, "P1") == 0,
	    "2019-07-15 (only the post covers it): P1");
	m = ws_ref_contract_for(r, NULL, "W1", "2020-01-01", &k);
	CHECK(m == NULL && k == NULL,
	    "2020-01-01: P1 ended 2019-12-31, so no contract");
	m = ws_ref_contract_for(r, NULL, "W2", "2019-04-15", &k);
	CHECK(m == NULL && k == NULL, "W2 has no post: no contract");
	m = ws_ref_contract_for(r, "J1", "W1", "2019-07-15", &k);
	CHECK_STR(m, "J1 runs 2019-03-01 to 2019-05-31, not on 2019-07-15",
	    "J1 given for a day it does not cover: refused");
	CHECK(k == NULL, "and no contract is set");
	m = ws_ref_contract_for(r, "J9", "W1", "2019-04-15", &k);
	CHECK_STR(m, "unknown contract 'J9' (expected a contract code loaded "
	    "with wushe-db load)", "an unknown contract: refused");
	m = ws_ref_contract_for(r, "J1", NULL, NULL, &k);
	CHECK(m == NULL && k != NULL && strcmp(k, "J1") == 0,
	    "no date: a known given contract is taken unchecked");

	ws_ref_free(r);
	ws_db_close(db);
	unlink(path);
	snprintf(s, sizeof s, "%s-wal", path);
	unlink(s);
	snprintf(s, sizeof s, "%s-shm", path);
	unlink(s);
	rmdir(dir);
	return DONE();
}
