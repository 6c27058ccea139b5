/* audit.c - the audit table: listing it, and recording a --reveal */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_audit_tables[] = {
	"activity", "activity_case", "annual_event", "annual_report",
	"calendar_day", "case_assignment", "case_category", "case_reopen",
	"cases", "certification", "contract", "contract_funding",
	"contract_target", "correction", "intern", "intern_hours", "payment",
	"period_lock", "person", "record_void", "visit", "visit_void",
	"volunteer", "volunteer_certificate", "volunteer_service",
	"youth_home", "youth_home_staff", NULL
};

const char *const ws_audit_ops[] = {
	"insert", "update", "delete", "reveal", "baseline", "snapshot",
	"batch", NULL
};

/* Mask the personal fields of a person, intern or volunteer row's JSON
 * (old or new): ID and phone numbers, and a person's birth date cut to
 * the year (beside a masked ID number the full date gives the number
 * back). */
#define MASKED(c) \
	"CASE WHEN tbl IN ('person', 'intern', 'volunteer') AND " c \
	" IS NOT NULL THEN json_replace(" c \
	", '$.id_number', ws_mask(json_extract(" c ", '$.id_number'))," \
	" '$.phone', ws_mask(json_extract(" c ", '$.phone'))," \
	" '$.birth_date', substr(json_extract(" c ", '$.birth_date'), 1, 4))" \
	" ELSE " c " END"

sqlite3_stmt *
ws_audit_list(sqlite3 *db, const struct ws_audit_filter *f)
{
	sqlite3_stmt *st;

	st = ws_prepare(db,
	    "SELECT id, ws_localtime(at) AS at, os_user, command, tbl, op, row_key,"
	    " " MASKED("old") " AS old, " MASKED("new") " AS new"
	    " FROM audit"
	    " WHERE (?1 IS NULL OR tbl = ?1)"
	    " AND (?2 IS NULL OR substr(at, 1, 10) >= ?2)"
	    " AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)"
	    " AND (?4 IS NULL OR os_user = ?4)"
	    " AND (?5 IS NULL OR op = ?5)"
	    " AND (?6 IS NULL OR row_key = ?6 OR (op = 'batch' AND"
	    " CAST(?6 AS INTEGER) BETWEEN json_extract(new, '$.first')"
	    " AND json_extract(new, '$.last')))"
	    " ORDER BY id");
	ws_bind_text(st, 1, f->table);
	ws_bind_text(st, 2, f->since);
	ws_bind_text(st, 3, f->until);
	ws_bind_text(st, 4, f->user);
	ws_bind_text(st, 5, f->op);
	ws_bind_text(st, 6, f->row);
	return st;
}

long
ws_audit_count(sqlite3_stmt *st)
{
	long n = 0;

	while (ws_step(st) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	return n;
}

/* Append s to b as a JSON string. */
static void
json_str(ws_buf *b, const char *s)
{
	const unsigned char *p;

	ws_buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			ws_buf_addc(b, '\\');
			ws_buf_addc(b, *p);
		} else if (*p < 0x20)
			ws_buf_printf(b, "\\u%04x", *p);
		else
			ws_buf_addc(b, *p);
	}
	ws_buf_addc(b, '"');
}

/* Why a reveal on a read-only database is refused. */
static int
readonly(ws_err *e)
{
	return ws_err_set(e, EX_CANTCREAT, "--reveal", "the database is "
	    "read-only, so the reveal cannot be recorded in the audit table "
	    "(run without --reveal for masked output)");
}

int
ws_audit_reveal(sqlite3 *db, const char *tbl, int argc, char *const *argv,
    long nrows, ws_err *e)
{
	sqlite3_stmt *st;
	ws_buf b = {0}, cmd = {0}, sql = {0};
	int i, rc, own;
	char *a;

	if (sqlite3_db_readonly(db, "main") == 1)
		return readonly(e);
	ws_buf_adds(&b, "{\"args\":[");
	for (i = 0; i < argc; i++) {
		if (i > 0)
			ws_buf_addc(&b, ',');
		a = ws_cmdline_word(argv[i]);
		json_str(&b, a);
		ws_buf_addc(&cmd, ' ');
		ws_buf_adds(&cmd, a);
		free(a);
	}
	ws_buf_printf(&b, "],\"rows\":%ld}", nrows);
	own = sqlite3_get_autocommit(db);
	if (own) {
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if ((rc & 0xff) == SQLITE_READONLY) {
			ws_buf_free(&b);
			ws_buf_free(&cmd);
			return readonly(e);
		}
		if (rc != SQLITE_OK)
			ws_db_die(db, rc, "--reveal");
	}
	ws_audit_insert_sql(&sql, "coalesce(?3, ws_cmd())", "?1", "'reveal'",
	    "NULL", "NULL", "?2", "NULL");
	st = ws_prepare(db, sql.s);
	ws_buf_free(&sql);
	ws_bind_text(st, 1, tbl);
	ws_bind_text(st, 2, b.s);
	if (argc > 0) {
		a = ws_asprintf("%s%s", ws_prog, ws_buf_str(&cmd));
		ws_bind_text(st, 3, a);
		free(a);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	ws_buf_free(&b);
	ws_buf_free(&cmd);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_READONLY) {
			if (own)
				ws_rollback(db);
			return readonly(e);
		}
		ws_db_die(db, rc, "--reveal");
	}
	if (own)
		ws_commit(db);
	return 0;
}
