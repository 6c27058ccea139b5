/*
 * dbcmd.c - what wushe-db's subcommands print: init, path, the counts of
 * a load, check, the audit's seal and its listing, each as records in
 * the chosen format on stdout.  The command (cmd/wushe-db.c) reads the
 * options, and decides the exit from what these return.
 */
#include <stdlib.h>

#include "wushe.h"

static ws_out *
out_new(int fmt, int flags, int n, const char *const *cols)
{
	ws_out *o = ws_out_new(stdout, fmt, flags);

	ws_out_cols(o, n, cols);
	return o;
}

void
ws_dbcmd_init(const char *dbopt, int fmt, int flags)
{
	static const char *const cols[] = { "path", "version" };
	sqlite3 *db;
	ws_out *o;
	char *path;

	db = ws_db_open(dbopt, WS_DB_CREATE);
	path = ws_db_path(dbopt, NULL);
	o = out_new(fmt, flags, 2, cols);
	ws_out_str(o, path);
	ws_out_int(o, ws_db_version(db));
	ws_out_end(o);
	ws_out_free(o);
	free(path);
	ws_db_close(db);
}

void
ws_dbcmd_path(const char *dbopt, int fmt, int flags)
{
	static const char *const cols[] = { "path", "source" };
	const char *why;
	ws_out *o;
	char *path;

	path = ws_db_path(dbopt, &why);
	o = out_new(fmt, flags, 2, cols);
	ws_out_str(o, path);
	ws_out_str(o, why);
	ws_out_end(o);
	ws_out_free(o);
	free(path);
}

void
ws_dbcmd_counts(const struct ws_dir_count *cnt, int fmt, int flags)
{
	static const char *const cols[] = { "kind", "added", "changed",
	    "unchanged", "missing" };
	ws_out *o = out_new(fmt, flags, 5, cols);
	int k;

	for (k = 0; k < WS_DIR_NKINDS; k++) {
		ws_out_str(o, cnt[k].kind);
		ws_out_int(o, cnt[k].added);
		ws_out_int(o, cnt[k].changed);
		ws_out_int(o, cnt[k].unchanged);
		ws_out_int(o, cnt[k].missing);
		ws_out_end(o);
	}
	ws_out_free(o);
}

static void
report(void *arg, const char *check, const char *problem)
{
	ws_out *o = arg;

	ws_out_str(o, check);
	ws_out_str(o, problem ? "problem" : "ok");
	ws_out_str(o, problem);
	ws_out_end(o);
}

long
ws_dbcmd_check(const char *dbopt, int fmt, int flags, const char *seal)
{
	static const char *const cols[] = { "check", "result", "detail" };
	sqlite3 *db;
	ws_out *o;
	long n;

	db = ws_db_open(dbopt, WS_DB_READ);
	o = out_new(fmt, flags, 3, cols);
	n = ws_db_check(db, report, o);
	n += ws_chain_check(db, seal, report, o);
	ws_out_free(o);
	ws_db_close(db);
	return n;
}

int
ws_dbcmd_seal(const char *dbopt, int fmt, int flags, ws_err *e)
{
	static const char *const cols[] = { "at", "rows", "hash", "seal" };
	sqlite3 *db;
	ws_out *o;
	char *at, *hash, *seal;
	int64_t rows;

	db = ws_db_open(dbopt, WS_DB_READ);
	hash = ws_audit_seal(db, &at, &rows);
	ws_db_close(db);
	if (hash == NULL) {
		free(at);
		return ws_err_set(e, EX_DATAERR, NULL, "audit --seal: the "
		    "audit is empty or unchained; nothing to seal");
	}
	seal = ws_asprintf("%lld:%s", (long long)rows, hash);
	o = out_new(fmt, flags, 4, cols);
	ws_out_str(o, at);
	ws_out_int(o, rows);
	ws_out_str(o, hash);
	ws_out_str(o, seal);
	ws_out_end(o);
	ws_out_free(o);
	free(at);
	free(hash);
	free(seal);
	return 0;
}

void
ws_dbcmd_audit(const char *dbopt, int fmt, int flags,
    const struct ws_audit_filter *f)
{
	sqlite3 *db = ws_db_open(dbopt, WS_DB_READ);

	ws_out_query(ws_audit_list(db, f), fmt, flags);
	ws_db_close(db);
}
