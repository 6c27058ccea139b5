/* test-audit.c - the audit triggers on every audited table, the
 * append-only rule, the masking of ws_audit_list and ws_audit_reveal. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"
#include "unit.h"

static sqlite3 *db;

static int
run(const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* "op:old-null:new-null,..." of the audit rows of tbl after id n. */
static char *
rows(const char *tbl, int64_t n)
{
	sqlite3_stmt *st;
	char *r;

	st = ws_prepare(db, "SELECT group_concat(op || ':' || (old IS NULL)"
	    " || (new IS NULL) || ':' || row_key, ',') FROM (SELECT * FROM"
	    " audit WHERE tbl = ?1 AND id > ?2 ORDER BY id)");
	ws_bind_text(st, 1, tbl);
	ws_bind_int(st, 2, n);
	ws_step(st);
	r = ws_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r;
}

static int64_t
last(void)
{
	return ws_query_int(db, "SELECT ifnull(max(id), 0) FROM audit", NULL,
	    0);
}

static const struct {
	const char *tbl, *ins, *upd, *del, *want;
} cases[] = {
	{ "person", "INSERT INTO person (id, name, id_number, phone,"
	  " community) VALUES (1, '张三', '340103194503120022',"
	  " '13912345678', 'QH')",
	  "UPDATE person SET phone = '13987654321' WHERE id = 1",
	  "DELETE FROM person WHERE id = 1",
	  "insert:11:1,update:00:1,delete:01:1" },
	{ "cases", "INSERT INTO cases (id, person, community, risk, opened)"
	  " VALUES (1, 1, 'QH', 'low', '2019-01-01')",
	  "UPDATE cases SET risk = 'high' WHERE id = 1",
	  "DELETE FROM cases WHERE id = 1",
	  "insert:11:1,update:00:1,delete:01:1" },
	{ "case_category", "INSERT INTO case_category VALUES (1, 'elderly')",
	  "UPDATE case_category SET category = 'youth'",
	  "DELETE FROM case_category",
	  "insert:11:1/elderly,update:00:1/elderly,delete:01:1/youth" },
	{ "visit", "INSERT INTO visit (id, case_id, worker, date, minutes,"
	  " kind) VALUES (1, 1, 'W1', '2019-01-02', 30, 'phone')",
	  "UPDATE visit SET minutes = 40", "DELETE FROM visit",
	  "insert:11:1,update:00:1,delete:01:1" },
	{ "activity", "INSERT INTO activity (id, kind, date, minutes) VALUES"
	  " (1, 'community', '2019-01-02', 60)",
	  "UPDATE activity SET minutes = 90", "DELETE FROM activity",
	  "insert:10:1,update:00:1,delete:01:1" },
	{ "intern_hours", "INSERT INTO intern_hours (id, intern, date,"
	  " minutes) VALUES (1, 'N1', '2019-01-02', 60)",
	  "UPDATE intern_hours SET minutes = 90", "DELETE FROM intern_hours",
	  "insert:10:1,update:00:1,delete:01:1" },
	{ "contract", "INSERT INTO contract (code, title, kind, purchaser,"
	  " provider, start, end, amount_fen) VALUES ('C1', 't', 'post',"
	  " 'O1', 'O2', '2019-01-01', '2019-12-31', 100)",
	  "UPDATE contract SET amount_fen = 200",
	  "DELETE FROM contract",
	  "insert:10:C1,update:00:C1,delete:01:C1" },
	{ "contract_funding", "INSERT INTO contract_funding VALUES ('C1',"
	  " 'O1', 100)", "UPDATE contract_funding SET amount_fen = 50",
	  "DELETE FROM contract_funding",
	  "insert:10:C1/O1,update:00:C1/O1,delete:01:C1/O1" },
	{ "contract_target", "INSERT INTO contract_target VALUES ('C1',"
	  " 'contacts', 10)", "UPDATE contract_target SET target = 20",
	  "DELETE FROM contract_target",
	  "insert:10:C1/contacts,update:00:C1/contacts,"
	  "delete:01:C1/contacts" },
	{ "payment", "INSERT INTO payment (id, contract, date, amount_fen)"
	  " VALUES (1, 'C1', '2019-02-01', 50)",
	  "UPDATE payment SET amount_fen = 60", "DELETE FROM payment",
	  "insert:10:1,update:00:1,delete:01:1" },
};

int
main(void)
{
	char dir[] = "/tmp/wushe-unit-audit.XXXXXX", *path, *r, *s;
	char *argv[] = { "--id-number=340103194503120022", "13912345678",
	    "-i", "5" };
	struct ws_audit_filter f;
	sqlite3_stmt *st;
	sqlite3 *ro;
	ws_err e = {0};
	size_t i;
	int64_t n;

	ws_init("test-audit");
	if (mkdtemp(dir) == NULL)
		return 1;
	path = ws_asprintf("%s/t.db", dir);
	db = ws_db_open(path, WS_DB_CREATE);
	ws_exec(db, "PRAGMA foreign_keys = OFF");

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = last();
		CHECK(run(cases[i].ins) == SQLITE_OK, cases[i].ins);
		CHECK(run(cases[i].upd) == SQLITE_OK, cases[i].upd);
		if (strcmp(cases[i].tbl, "person") == 0) {
			/* ws_audit_list masks a person's ID and phone */
			memset(&f, 0, sizeof f);
			f.table = "person";
			f.op = "update";
			st = ws_audit_list(db, &f);
			CHECK(ws_step(st) == SQLITE_ROW, "person update listed");
			s = (char *)sqlite3_column_text(st, 7);
			CHECK(s && strstr(s, "\"340103********0022\"") &&
			    strstr(s, "\"139****5678\"") &&
			    !strstr(s, "194503"), "old person row masked");
			s = (char *)sqlite3_column_text(st, 8);
			CHECK(s && strstr(s, "\"139****4321\"") &&
			    strstr(s, "\"name\":\"张三\""),
			    "new person row masked, name kept");
			sqlite3_finalize(st);
			r = ws_query_text(db, "SELECT json_extract(old,"
			    " '$.id_number') FROM audit WHERE tbl = 'person'"
			    " AND op = 'update'", NULL);
			CHECK_STR(r, "340103194503120022",
			    "the table itself holds the whole row");
			free(r);
		}
		CHECK(run(cases[i].del) == SQLITE_OK, cases[i].del);
		r = rows(cases[i].tbl, n);
		CHECK_STR(r, cases[i].want, cases[i].tbl);
		free(r);
	}

	/* certifications are never changed: refused, and nothing audited */
	n = last();
	CHECK(run("INSERT INTO certification (id, intern, through, by,"
	    " os_user) VALUES (1, 'N1', '2019-01-31', 'W1', 'u')") ==
	    SQLITE_OK, "certification insert");
	CHECK(run("UPDATE certification SET by = 'W2'") != SQLITE_OK,
	    "certification update refused");
	CHECK(run("DELETE FROM certification") != SQLITE_OK,
	    "certification delete refused");
	r = rows("certification", n);
	CHECK_STR(r, "insert:10:1", "certification: only the insert");
	free(r);

	/* the audit is append-only */
	n = last();
	CHECK(run("UPDATE audit SET os_user = 'x'") == SQLITE_CONSTRAINT,
	    "audit update refused");
	CHECK_STR(sqlite3_errmsg(db), "audit is append-only", "its message");
	CHECK(run("DELETE FROM audit WHERE id = 1") == SQLITE_CONSTRAINT,
	    "audit delete refused");
	CHECK(last() == n && ws_query_int(db, "SELECT count(*) FROM audit"
	    " WHERE os_user = 'x'", NULL, 0) == 0, "audit unchanged");

	/* a reveal: arguments with ID or phone numbers masked */
	CHECK(ws_audit_reveal(db, "cases", 4, argv, 7, &e) == 0, "reveal: 0");
	r = ws_query_text(db, "SELECT tbl || '|' || op || '|' || new || '|' ||"
	    " command FROM audit WHERE op = 'reveal'", NULL);
	CHECK_STR(r, "cases|reveal|{\"args\":[\"--id-number=340103********"
	    "0022\",\"139****5678\",\"-i\",\"5\"],\"rows\":7}|test-audit "
	    "--id-number=340103********0022 139****5678 -i 5",
	    "reveal recorded, masked");
	free(r);
	CHECK(sqlite3_get_autocommit(db), "reveal committed its transaction");

	/* a read-only database: the reveal is refused as an error (73), with
	 * the message ws_err_die prints after "prog: --reveal: " */
	CHECK(sqlite3_open_v2(path, &ro, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK, "opened read-only");
	CHECK(ws_audit_reveal(ro, "cases", 0, NULL, 1, &e) == EX_CANTCREAT,
	    "reveal on a read-only database: 73");
	CHECK(e.code == EX_CANTCREAT && e.field != NULL &&
	    strcmp(e.field, "--reveal") == 0, "the error is about --reveal");
	CHECK_STR(e.msg, "the database is read-only, so the reveal cannot be "
	    "recorded in the audit table (run without --reveal for masked "
	    "output)", "the refusal's message");
	ws_err_clear(&e);
	sqlite3_close(ro);
	CHECK(ws_query_int(db, "SELECT count(*) FROM audit WHERE op = "
	    "'reveal'", NULL, 0) == 1, "nothing more was recorded");

	ws_db_close(db);
	unlink(path);
	s = ws_asprintf("%s-wal", path);
	unlink(s);
	free(s);
	s = ws_asprintf("%s-shm", path);
	unlink(s);
	free(s);
	rmdir(dir);
	free(path);
	return DONE();
}
