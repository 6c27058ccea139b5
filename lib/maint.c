/* maint.c - the database checks and the online backup of wushe-db */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* ---- wushe-db check */

long
ws_db_check(sqlite3 *db, void (*report)(void *, const char *, const char *),
    void *arg)
{
	sqlite3_stmt *st;
	char a[32], b[32], *msg;
	long n = 0, before;

	st = ws_prepare(db, "PRAGMA integrity_check");
	while (ws_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (s != NULL && strcmp(s, "ok") == 0)
			continue;
		report(arg, "integrity", s ? s : "(no message)");
		n++;
	}
	sqlite3_finalize(st);
	if (n == 0)
		report(arg, "integrity", NULL);

	before = n;
	st = ws_prepare(db, "PRAGMA foreign_key_check");
	while (ws_step(st) == SQLITE_ROW) {
		msg = ws_msgf("%s row %lld: refers to a missing %s row",
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		report(arg, "foreign_keys", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "foreign_keys", NULL);

	before = n;
	st = ws_prepare(db, "SELECT c.code, c.amount_fen, sum(p.amount_fen) "
	    "FROM contract c JOIN payment p ON p.contract = c.code "
	    "GROUP BY c.code HAVING sum(p.amount_fen) > c.amount_fen "
	    "ORDER BY c.code");
	while (ws_step(st) == SQLITE_ROW) {
		ws_fen_str(sqlite3_column_int64(st, 2), a);
		ws_fen_str(sqlite3_column_int64(st, 1), b);
		msg = ws_msgf("contract %s: paid %s, more than its "
		    "amount %s", (const char *)sqlite3_column_text(st, 0),
		    a, b);
		report(arg, "payments", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "payments", NULL);

	before = n;
	st = ws_prepare(db, "SELECT c.code, c.amount_fen, sum(f.amount_fen) "
	    "FROM contract c JOIN contract_funding f ON f.contract = c.code "
	    "GROUP BY c.code HAVING sum(f.amount_fen) > c.amount_fen "
	    "ORDER BY c.code");
	while (ws_step(st) == SQLITE_ROW) {
		ws_fen_str(sqlite3_column_int64(st, 2), a);
		ws_fen_str(sqlite3_column_int64(st, 1), b);
		msg = ws_msgf("contract %s: funders give %s, more than "
		    "its amount %s", (const char *)sqlite3_column_text(st, 0),
		    a, b);
		report(arg, "funding", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "funding", NULL);

	before = n;
	st = ws_prepare(db, "SELECT code, active_from, active_to FROM worker "
	    "WHERE active_to < active_from ORDER BY code");
	while (ws_step(st) == SQLITE_ROW) {
		msg = ws_msgf("worker %s: active_to %s is before "
		    "active_from %s", (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 1));
		report(arg, "workers", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "workers", NULL);
	return n;
}

/* ---- wushe-db backup */

/* Give up on the copy: close it, remove the temporary file. */
static int
drop(sqlite3 *dst, char *tmp, int code)
{
	sqlite3_close(dst);
	unlink(tmp);
	free(tmp);
	return code;
}

int
ws_db_backup(sqlite3 *db, const char *path, int force, ws_err *e)
{
	sqlite3_backup *bk;
	sqlite3 *dst = NULL;
	struct stat st;
	char *tmp;
	int fd, rc, waited = 0;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return ws_err_set(e, EX_CANTCREAT, NULL, "%s: is a "
			    "folder (expected a new file name)", path);
		if (!force)
			return ws_err_set(e, EX_CANTCREAT, NULL, "%s: already "
			    "exists (use --force to replace it)", path);
	}
	tmp = ws_asprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		ws_err_set(e, EX_CANTCREAT, NULL, "cannot create '%s':", path);
		free(tmp);
		return EX_CANTCREAT;
	}
	fchmod(fd, 0600);
	close(fd);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		unlink(tmp);
		ws_db_die(dst, rc, path);
	}
	if ((bk = sqlite3_backup_init(dst, "main", db, "main")) == NULL) {
		unlink(tmp);
		ws_db_die(dst, sqlite3_errcode(dst), path);
	}
	for (;;) {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK)
			continue;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    waited < 60000) {
			sqlite3_sleep(100);
			waited += 100;
			continue;
		}
		sqlite3_backup_finish(bk);
		unlink(tmp);
		ws_db_die(dst, rc, path);
	}
	rc = sqlite3_backup_finish(bk);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL,
		    NULL, NULL);
	if (rc != SQLITE_OK) {
		unlink(tmp);
		ws_db_die(dst, rc, path);
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		ws_err_set(e, EX_IOERR, NULL, "%s: cannot close the copy",
		    path);
		return drop(NULL, tmp, EX_IOERR);
	}
	if (force) {
		if (rename(tmp, path) == -1) {
			ws_err_set(e, EX_CANTCREAT, NULL, "cannot create '%s':",
			    path);
			return drop(NULL, tmp, EX_CANTCREAT);
		}
	} else if (link(tmp, path) == -1) {
		int en = errno;

		if (en != EEXIST && rename(tmp, path) == 0) {
			free(tmp);
			return 0;
		}
		errno = en;
		if (en == EEXIST)
			ws_err_set(e, EX_CANTCREAT, NULL, "%s: already exists "
			    "(use --force to replace it)", path);
		else
			ws_err_set(e, EX_CANTCREAT, NULL, "cannot create "
			    "'%s':", path);
		return drop(NULL, tmp, EX_CANTCREAT);
	} else
		unlink(tmp);
	free(tmp);
	return 0;
}
