/* lock.c - reported periods closed through a date (wushe-db lock and
 * unlock, schema/012): the lock in force, the one refusal every dated
 * write says, locking and lifting */
#include <string.h>

#include "wushe.h"

/* The lock in force: the latest through date of the locks not lifted. */
static const char sql_current[] =
    "SELECT through, at, os_user, reason FROM period_lock"
    " WHERE lifted_at IS NULL ORDER BY through DESC, id DESC LIMIT 1";

static void
copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", s ? s : "");
}

int
ws_lock_current(sqlite3 *db, struct ws_lock *l)
{
	sqlite3_stmt *st = ws_prepare(db, sql_current);
	int r = 0;

	memset(l, 0, sizeof *l);
	if (ws_step(st) == SQLITE_ROW) {
		copy(l->through, sizeof l->through, st, 0);
		copy(l->at, sizeof l->at, st, 1);
		copy(l->by, sizeof l->by, st, 2);
		copy(l->reason, sizeof l->reason, st, 3);
		r = 1;
	}
	sqlite3_finalize(st);
	return r;
}

const char *
ws_lock_refuses(const struct ws_lock *l, const char *date, ws_buf *msg)
{
	if (l->through[0] == '\0' || date == NULL ||
	    strcmp(date, l->through) > 0)
		return NULL;
	ws_buf_reset(msg);
	ws_buf_printf(msg, "%s is in a locked period (locked through %s by "
	    "%s at %s: %s; lift it with 'wushe-db unlock --through %s "
	    "--reason TEXT')", date, l->through, l->by, l->at, l->reason,
	    l->through);
	return msg->s;
}

int
ws_lock_check(sqlite3 *db, const char *date, ws_buf *msg)
{
	struct ws_lock l;

	ws_lock_current(db, &l);
	return ws_lock_refuses(&l, date, msg) != NULL;
}

int
ws_lock_set(sqlite3 *db, const char *through, const char *reason,
    ws_err *e)
{
	struct ws_lock l;
	sqlite3_stmt *st;

	if (ws_lock_current(db, &l) && strcmp(through, l.through) <= 0)
		return ws_err_set(e, EX_DATAERR, NULL, "%s: already "
		    "locked (through %s by %s at %s: %s)", through, l.through,
		    l.by, l.at, l.reason);
	st = ws_prepare(db, "INSERT INTO period_lock (through, reason, "
	    "os_user, command) VALUES (?1, ?2, ws_user(), ws_cmd())");
	ws_bind_text(st, 1, through);
	ws_bind_text(st, 2, reason);
	if (ws_step(st) != SQLITE_DONE)
		ws_db_die(db, SQLITE_CONSTRAINT, "locking a period");
	sqlite3_finalize(st);
	return 0;
}

int
ws_lock_lift(sqlite3 *db, const char *through, const char *reason,
    ws_err *e)
{
	struct ws_lock l;
	sqlite3_stmt *st;
	int n;

	st = ws_prepare(db, "UPDATE period_lock SET lifted_at ="
	    " strftime('%Y-%m-%dT%H:%M:%S', 'now'), lifted_by = ws_user(),"
	    " lift_reason = ?2 WHERE through = ?1 AND lifted_at IS NULL");
	ws_bind_text(st, 1, through);
	ws_bind_text(st, 2, reason);
	if (ws_step(st) != SQLITE_DONE)
		ws_db_die(db, SQLITE_CONSTRAINT, "lifting a lock");
	n = sqlite3_changes(db);
	sqlite3_finalize(st);
	if (n > 0)
		return 0;
	if (ws_lock_current(db, &l))
		return ws_err_set(e, EX_DATAERR, NULL, "%s: no lock "
		    "through this date (the lock in force is through %s)",
		    through, l.through);
	return ws_err_set(e, EX_DATAERR, NULL, "%s: no lock through "
	    "this date (no period is locked)", through);
}

sqlite3_stmt *
ws_lock_list(sqlite3 *db)
{
	return ws_prepare(db, "SELECT id AS lock_id, through, reason, at, "
	    "os_user, lifted_at, lifted_by, lift_reason FROM period_lock "
	    "ORDER BY id");
}
