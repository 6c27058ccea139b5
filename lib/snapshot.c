/* snapshot.c - wushe-db snapshot --redact: a redacted copy for analysts */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/*
 * What the copy leaves out or replaces.  ID and phone numbers become
 * pseudonyms keyed by the source's meta.pseudonym_key (the same number
 * gives the same pseudonym in every snapshot, and the key never leaves
 * the source), names their masked form, birth dates the year, addresses
 * nothing; the audit, whose old and new rows hold the full data, is left
 * out, and so are the notes unless asked for.  The triggers go (they call
 * wushe's functions; the copy is for reading).
 */
static const char redact_sql[] =
    "UPDATE person SET id_number = ws_pseudonym(?1, id_number),"
    " phone = ws_pseudonym(?1, phone), name = ws_mask(name),"
    " birth_date = substr(birth_date, 1, 4), address = NULL;"
    "UPDATE intern SET id_number = ws_pseudonym(?1, id_number),"
    " name = ws_mask(name);"
    "UPDATE volunteer SET id_number = ws_pseudonym(?1, id_number),"
    " phone = ws_pseudonym(?1, phone), name = ws_mask(name);"
    "DELETE FROM meta WHERE key = 'pseudonym_key';";

static const char notes_sql[] =
    "UPDATE visit SET note = NULL; UPDATE activity SET note = NULL;"
    " UPDATE payment SET note = NULL;"
    " UPDATE correction SET old = NULL, new = NULL WHERE field = 'note';";

/*
 * The snapshot's v_visit carries the note (NULL without --notes): the
 * live view leaves it out, for the analysts' copy it is asked for.  Made
 * from the live view's own text, so it follows a later migration.
 */
static void
visit_note(sqlite3 *db)
{
	char *sql, *body;
	ws_buf b = {0};

	sql = ws_query_text(db, "SELECT sql FROM sqlite_master WHERE type ="
	    " 'view' AND name = 'v_visit'", NULL);
	if (sql == NULL || (body = strstr(sql, " AS")) == NULL)
		ws_bug("snapshot: no view v_visit");
	ws_buf_printf(&b, "DROP VIEW v_visit; CREATE VIEW v_visit AS"
	    " SELECT b.*, v.note AS note FROM (%s) b"
	    " JOIN visit v ON v.id = b.visit_id", body + 3);
	ws_exec(db, b.s);
	ws_buf_free(&b);
	free(sql);
}

/* Run sql (one statement at a time) binding ?1 to key. */
static void
run(sqlite3 *db, const char *sql, const char *key)
{
	sqlite3_stmt *st;
	const char *tail = sql;
	int rc;

	while (*tail != '\0') {
		rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
		if (rc != SQLITE_OK)
			ws_db_die(db, rc, "snapshot");
		if (st == NULL)
			continue;
		if (sqlite3_bind_parameter_count(st) > 0)
			ws_bind_text(st, 1, key);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			ws_db_die(db, rc, "snapshot");
	}
}

/* Drop every trigger and empty the audit of the work copy. */
static void
strip(sqlite3 *db)
{
	sqlite3_stmt *st;
	ws_buf sql = {0};

	st = ws_prepare(db, "SELECT name FROM sqlite_master WHERE type ="
	    " 'trigger' ORDER BY name");
	while (ws_step(st) == SQLITE_ROW)
		ws_buf_printf(&sql, "DROP TRIGGER \"%s\";",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	ws_buf_adds(&sql, "DELETE FROM audit;");
	ws_exec(db, sql.s);
	ws_buf_free(&sql);
}

/* Record the snapshot in the source's audit. */
static void
audited(sqlite3 *db, int notes)
{
	sqlite3_stmt *st;
	ws_buf sql = {0};
	char *j;

	ws_audit_insert_sql(&sql, "ws_cmd()", "'snapshot'", "'snapshot'",
	    "NULL", "NULL", "?1", "NULL");
	st = ws_prepare(db, sql.s);
	ws_buf_free(&sql);
	j = ws_asprintf("{\"notes\":%d}", notes != 0);
	ws_bind_text(st, 1, j);
	free(j);
	if (ws_step(st) != SQLITE_DONE)
		ws_bug("snapshot audit row refused");
	sqlite3_finalize(st);
}

int
ws_db_snapshot(sqlite3 *db, const char *path, int force, int notes,
    ws_err *e)
{
	sqlite3 *w = NULL;
	sqlite3_stmt *st;
	char *work, *tmp, *key;
	int rc;

	if (sqlite3_db_readonly(db, "main") == 1)
		return ws_err_set(e, EX_CANTCREAT, NULL, "snapshot: the "
		    "database is read-only, so the snapshot cannot be "
		    "recorded in the audit table");
	if (!force && access(path, F_OK) == 0)
		return ws_err_set(e, EX_CANTCREAT, NULL, "%s: already exists "
		    "(use --force to replace it)", path);
	key = ws_query_text(db, "SELECT value FROM meta WHERE key ="
	    " 'pseudonym_key'", NULL);
	if (key == NULL)
		ws_bug("snapshot: no pseudonym key in meta");
	/* the full copy, 0600, never seen by anyone */
	work = ws_asprintf("%s.work", path);
	unlink(work);
	if ((rc = ws_db_backup(db, work, 0, e)) != 0) {
		free(work);
		free(key);
		return rc;
	}
	rc = sqlite3_open_v2(work, &w, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		unlink(work);
		ws_db_die(w, rc, work);
	}
	sqlite3_extended_result_codes(w, 0);
	ws_db_functions(w);
	ws_exec(w, "BEGIN");
	strip(w);
	run(w, redact_sql, key);
	if (!notes)
		run(w, notes_sql, NULL);
	visit_note(w);
	ws_exec(w, "COMMIT");
	/* a fresh file: no free page keeps a byte of the full copy */
	tmp = ws_asprintf("%s.tmp", path);
	unlink(tmp);
	st = ws_prepare(w, "VACUUM INTO ?1");
	ws_bind_text(st, 1, tmp);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	sqlite3_close(w);
	unlink(work);
	free(work);
	free(key);
	if (rc != SQLITE_DONE) {
		unlink(tmp);
		free(tmp);
		return ws_err_set(e, EX_CANTCREAT, NULL, "%s: cannot write "
		    "the snapshot", path);
	}
	chmod(tmp, 0644);
	if (!force && access(path, F_OK) == 0) {
		unlink(tmp);
		free(tmp);
		return ws_err_set(e, EX_CANTCREAT, NULL, "%s: already exists "
		    "(use --force to replace it)", path);
	}
	if (rename(tmp, path) == -1) {
		ws_err_set(e, EX_CANTCREAT, NULL, "cannot create '%s':", path);
		unlink(tmp);
		free(tmp);
		return EX_CANTCREAT;
	}
	free(tmp);
	ws_begin(db);
	audited(db, notes);
	ws_commit(db);
	return 0;
}
