/* wushe-db - create, load, check and back up the wushe database */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

enum { AUDIT = 1, LOCK = 2, SINCE = 4, EXPORT = 8, DRY = 16 };
				/* whose options (DRY: load's) */

static const char usage_text[] =
"usage: wushe-db [-H] [-d db] [-f format] init\n"
"       wushe-db [-H] [-d db] [-f format] path\n"
"       wushe-db [-H] [-d db] [-f format] load file ...\n"
"       wushe-db -t [-H] [-d db] [-f format] load file ...\n"
"       wushe-db [-H] [-d db] [-f format] [--seal] check [seal]\n"
"       wushe-db [--force] [-d db] backup file\n"
"       wushe-db [--force] [--notes] [-d db] -X snapshot file\n"
"       wushe-db [-H] [-d db] [-f format] [--table table] [-a since] "
"[-u until]\n"
"                [-U user] [--op op] [--row row] audit\n"
"       wushe-db [-H] [-d db] [-f format] --seal audit\n"
"       wushe-db [-H] [-d db] [-f format] --through date -r reason "
"lock | unlock\n"
"       wushe-db [-H] [-d db] [-f format] locks\n"
"       wushe-db [-d db] --to postgres --site code [-a cursor] [-R] export\n"
"       wushe-db -h | -V\n";

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

static int
cmd_load(const char *dbopt, int fmt, int flags, int dry, int argc,
    char **argv)
{
	struct ws_dir_count cnt[WS_DIR_NKINDS];
	sqlite3 *db;
	ws_err e = {0};
	long nerr;

	if (argc == 0) {
		ws_warn("load: no file named (expected one or more "
		    "directory YAML files)");
		usage(EX_USAGE);
	}
	/* a dry run creates no database: it must be there to compare */
	db = ws_db_open(dbopt, dry ? WS_DB_READ : WS_DB_CREATE);
	if ((nerr = (dry ? ws_dir_load_dry : ws_dir_load)(db, argc, argv, cnt,
	    &e)) < 0)
		ws_err_die(&e);
	ws_db_close(db);
	if (nerr > 0)
		ws_die(EX_DATAERR, "%ld problem%s found; nothing was loaded",
		    nerr, nerr == 1 ? "" : "s");
	if (dry)
		ws_warn("dry run: the counts are what load would do; nothing "
		    "was written");
	ws_dbcmd_counts(cnt, fmt, flags);
	return 0;
}

static int
cmd_check(const char *dbopt, int fmt, int flags, const char *seal)
{
	long n = ws_dbcmd_check(dbopt, fmt, flags, seal);

	if (n > 0) {
		fflush(stdout);
		ws_die(EX_DATAERR, "check: %ld problem%s found", n,
		    n == 1 ? "" : "s");
	}
	return 0;
}

/* Check an audit filter's value; a bad one is a usage error. */
static void
check_filter(const char *opt, const char *s, const char *const *words)
{
	const char *m;
	char *w;

	if (s == NULL)
		return;
	if (words == NULL) {
		if ((m = ws_check_date(s)) != NULL) {
			ws_warn("%s: '%s': %s", opt, s, m);
			usage(EX_USAGE);
		}
	} else if (ws_word_index(s, words) < 0) {
		w = ws_words_join(words);
		ws_warn("%s: unknown value '%s' (expected one of: %s)", opt,
		    s, w);
		free(w);
		usage(EX_USAGE);
	}
}

/* lock, unlock: in one transaction; then every lock is listed. */
static int
cmd_lock(const char *dbopt, int fmt, int flags, int lift,
    const char *through, const char *reason)
{
	const char *m;
	ws_err e = {0};
	sqlite3 *db;

	if (through != NULL && (m = ws_check_date(through)) != NULL) {
		ws_warn("--through: '%s': %s", through, m);
		usage(EX_USAGE);
	}
	db = ws_db_open(dbopt, WS_DB_READ);
	if (through != NULL) {
		ws_begin(db);
		if ((lift ? ws_lock_lift : ws_lock_set)(db, through, reason,
		    &e) != 0) {
			ws_rollback(db);
			ws_db_close(db);
			ws_err_die(&e);
		}
		ws_commit(db);
	}
	ws_out_query(ws_lock_list(db), fmt, flags);
	ws_db_close(db);
	return 0;
}

/* backup and snapshot: one file to write a copy of the database to;
 * snapshot is the redacted one (notes kept with --notes). */
static int
cmd_copy(const char *cmd, const char *dbopt, int force, int notes,
    int argc, char **argv)
{
	ws_err e = {0};
	sqlite3 *db;
	int rc;

	if (argc != 1) {
		ws_warn("%s: %s (expected one file name)", cmd, argc == 0 ?
		    "no file named" : "too many arguments");
		usage(EX_USAGE);
	}
	db = ws_db_open(dbopt, WS_DB_READ);
	if (strcmp(cmd, "snapshot") == 0)
		rc = ws_db_snapshot(db, argv[0], force, notes, &e);
	else
		rc = ws_db_backup(db, argv[0], force, &e);
	if (rc != 0)
		ws_err_die(&e);
	ws_db_close(db);
	return 0;
}

/* export --to postgres (issue 18): the script on stdout, the cursor on
 * stderr. */
static int
cmd_export(const char *dbopt, const struct ws_pg_export *x, const char *to)
{
	ws_err e = {0};
	sqlite3 *db;
	char *cursor;
	int64_t a, h;

	if (to == NULL || strcmp(to, "postgres") != 0 || x->site == NULL) {
		ws_warn("export: --to postgres and --site CODE are required");
		usage(EX_USAGE);
	}
	if (ws_pg_export_args(x, &a, &h, &e) != 0)
		ws_err_die(&e);
	db = ws_db_open(dbopt, WS_DB_READ);
	if (ws_pg_export(db, x, stdout, &cursor, &e) != 0)
		ws_err_die(&e);
	ws_db_close(db);
	fprintf(stderr, "%s: export: cursor %s\n", ws_prog, cursor);
	free(cursor);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *dbopt = NULL, *cmd, *through = NULL, *reason = NULL;
	struct ws_audit_filter af;
	struct ws_pg_export xp = { .argc = argc - 1, .argv = argv + 1 };
	const char *to = NULL;
	ws_err e = {0};
	enum ws_fmt fmt = WS_FMT_AUTO;
	int ch, flags = 0, force = 0, rc, nfilt = 0;
	int dry = 0, seal = 0, redact = 0, notes = 0;
	struct ws_opt opts[] = {
		{ "since", "date", "audit: on or after this day; export: the "
		    "cursor of the last export", 0, SINCE, &af.since, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "force", NULL, "backup, snapshot: replace an existing file; "
		    "any: write into a database not yours or others can read",
		    0, 0, NULL, &force, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		/* issue 13 */
		{ "dry-run", NULL, "load: check and count, then roll back: "
		    "nothing written", 0, DRY, NULL, &dry, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &flags,
		    WS_OUT_NOHEADER },
		{ "op", "op", "audit: insert, update, delete or reveal", 0,
		    AUDIT, &af.op, NULL, 0 },
		{ "row", "key", "audit: this row key", 0, AUDIT, &af.row,
		    NULL, 0 },
		{ "table", "table", "audit: this table", 0, AUDIT, &af.table,
		    NULL, 0 },
		{ "until", "date", "audit: on or before this day", 0, AUDIT,
		    &af.until, NULL, 0 },
		{ "user", "user", "audit: this OS user", 0, AUDIT, &af.user,
		    NULL, 0 },
		/* lock, unlock (issue 12) */
		{ "through", "date", "lock, unlock: the periods through this "
		    "day", 0, LOCK, &through, NULL, 0 },
		{ "reason", "text", "lock, unlock: why (required)", 0, LOCK,
		    &reason, NULL, 0 },
		/* issue 11 */
		{ "seal", NULL, "audit: print the chain's head; check: verify "
		    "it", 0, 0, NULL, &seal, 0 },
		{ "redact", NULL, "snapshot: the redacted copy for analysts",
		    0, 0, NULL, &redact, 0 },
		{ "notes", NULL, "snapshot: keep the notes", 0, 0, NULL,
		    &notes, 0 },
		/* export (issue 18) */
		{ "to", "postgres", "export: the script's dialect", 0, EXPORT,
		    &to, NULL, 0 },
		{ "site", "code", "export: the site's code in the city store",
		    0, EXPORT, &xp.site, NULL, 0 },
		{ "reveal", NULL, "export: personal data in full (audited)", 0,
		    EXPORT, NULL, &xp.reveal, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt };

	ws_init(argv[0]);
	memset(&af, 0, sizeof af);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1)
		;	/* the table does it all */
	nfilt = p.given & AUDIT;
	ws_db_force(force);
	xp.since = af.since;
	argc -= p.ind;
	argv += p.ind;

	if (argc == 0) {
		ws_warn("no command given (expected init, path, load, check, "
		    "backup, snapshot, audit, lock, unlock, locks or export)");
		usage(EX_USAGE);
	}
	cmd = argv[0];
	argc--;
	argv++;
	if (seal && strcmp(cmd, "audit") != 0 && strcmp(cmd, "check") != 0) {
		ws_warn("%s: --seal is an option of audit and check only", cmd);
		usage(EX_USAGE);
	}
	if (seal && strcmp(cmd, "check") == 0 && argc != 1) {
		ws_warn("check --seal: %s (expected the seal of 'wushe-db "
		    "audit --seal', ROWS:HASH)", argc == 0 ? "no seal given" :
		    "too many arguments");
		usage(EX_USAGE);
	}
	if (seal && nfilt > 0) {
		ws_warn("audit --seal: the filters do not apply to the seal");
		usage(EX_USAGE);
	}
	if ((redact || notes) && strcmp(cmd, "snapshot") != 0) {
		ws_warn("%s: --redact and --notes are options of snapshot "
		    "only", cmd);
		usage(EX_USAGE);
	}
	if (strcmp(cmd, "snapshot") == 0 && !redact) {
		ws_warn("snapshot: --redact is required (the only snapshot is "
		    "the redacted copy for analysts; see backup for a full "
		    "one)");
		usage(EX_USAGE);
	}
	if (strcmp(cmd, "load") != 0 && strcmp(cmd, "backup") != 0 &&
	    strcmp(cmd, "snapshot") != 0 &&
	    !(seal && strcmp(cmd, "check") == 0) && argc > 0) {
		ws_warn("%s: unexpected argument '%s'", cmd, argv[0]);
		usage(EX_USAGE);
	}
	if ((p.given & SINCE) && strcmp(cmd, "export") == 0)
		af.since = NULL;
	else if (p.given & SINCE)
		nfilt |= SINCE;
	if ((p.given & EXPORT) && strcmp(cmd, "export") != 0) {
		ws_warn("%s: --to, --site and --reveal are options of export "
		    "only", cmd);
		usage(EX_USAGE);
	}
	if (nfilt > 0 && strcmp(cmd, "audit") != 0) {
		ws_warn("%s: --table, --since, --until, --user, --op and "
		    "--row are options of audit only", cmd);
		usage(EX_USAGE);
	}
	if ((p.given & LOCK) && strcmp(cmd, "lock") != 0 &&
	    strcmp(cmd, "unlock") != 0) {
		ws_warn("%s: --through and --reason are options of lock and "
		    "unlock only", cmd);
		usage(EX_USAGE);
	}
	if ((p.given & DRY) && strcmp(cmd, "load") != 0) {
		ws_warn("%s: --dry-run is an option of load only", cmd);
		usage(EX_USAGE);
	}
	if (strcmp(cmd, "audit") == 0) {
		check_filter("--table", af.table, ws_audit_tables);
		check_filter("--since", af.since, NULL);
		check_filter("--until", af.until, NULL);
		check_filter("--op", af.op, ws_audit_ops);
	}
	rc = 0;
	if (strcmp(cmd, "init") == 0)
		ws_dbcmd_init(dbopt, fmt, flags);
	else if (strcmp(cmd, "path") == 0)
		ws_dbcmd_path(dbopt, fmt, flags);
	else if (strcmp(cmd, "load") == 0)
		rc = cmd_load(dbopt, fmt, flags, dry, argc, argv);
	else if (strcmp(cmd, "check") == 0)
		rc = cmd_check(dbopt, fmt, flags, seal ? argv[0] : NULL);
	else if (strcmp(cmd, "backup") == 0)
		rc = cmd_copy(cmd, dbopt, force, 0, argc, argv);
	else if (strcmp(cmd, "snapshot") == 0)
		rc = cmd_copy(cmd, dbopt, force, notes, argc, argv);
	else if (strcmp(cmd, "audit") == 0 && seal) {
		if (ws_dbcmd_seal(dbopt, fmt, flags, &e) != 0)
			ws_err_die(&e);
	} else if (strcmp(cmd, "audit") == 0)
		ws_dbcmd_audit(dbopt, fmt, flags, &af);
	else if (strcmp(cmd, "lock") == 0 || strcmp(cmd, "unlock") == 0) {
		if (through == NULL || reason == NULL || *reason == '\0') {
			ws_warn("%s: --through DATE and --reason TEXT are "
			    "required", cmd);
			usage(EX_USAGE);
		}
		rc = cmd_lock(dbopt, fmt, flags, cmd[0] == 'u', through,
		    reason);
	} else if (strcmp(cmd, "locks") == 0)
		rc = cmd_lock(dbopt, fmt, flags, 0, NULL, NULL);
	else if (strcmp(cmd, "export") == 0)
		rc = cmd_export(dbopt, &xp, to);
	else {
		ws_warn("unknown command '%s' (expected init, path, load, "
		    "check, backup, snapshot, audit, lock, unlock, locks or "
		    "export)", cmd);
		usage(EX_USAGE);
	}
	ws_close_stdout();
	return rc;
}
