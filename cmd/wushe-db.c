/* wushe-db - create, load, check and back up the wushe database */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static void
usage(int code)
{
	FILE *fp = code == 0 ? stdout : stderr;

	fprintf(fp,
	    "usage: wushe-db [-H] [-d db] [-f format] init\n"
	    "       wushe-db [-H] [-d db] [-f format] path\n"
	    "       wushe-db [-H] [-d db] [-f format] load file ...\n"
	    "       wushe-db [-H] [-d db] [-f format] [-s] check [seal]\n"
	    "       wushe-db [-F] [-d db] backup file\n"
	    "       wushe-db [-F] [-n] [-d db] -R snapshot file\n"
	    "       wushe-db [-H] [-d db] [-f format] [-t table] [-a since] "
	    "[-u until]\n"
	    "                [-U user] [-o op] [-r row] audit\n"
	    "       wushe-db [-H] [-d db] [-f format] -s audit\n"
	    "       wushe-db -h | -V\n");
	if (code == 0) {
		fprintf(fp,
		    "  -a, --since date     audit: on or after this day (UTC)\n"
		    "  -d, --db db          database file (default: "
		    "$WUSHE_DB, $XDG_DATA_HOME/wushe/wushe.db)\n"
		    "  -F, --force          backup, snapshot: replace an "
		    "existing file\n"
		    "  -f, --format format  table, tsv, csv or json\n"
		    "  -H, --no-header      no header line\n"
		    "  -h, --help           show this help\n"
		    "  -n, --notes          snapshot: keep the notes\n"
		    "  -o, --op op          audit: insert, update, delete or "
		    "reveal\n"
		    "  -R, --redact         snapshot: the redacted copy for "
		    "analysts\n"
		    "  -r, --row key        audit: this row key\n"
		    "  -s, --seal           audit: print the chain's head; "
		    "check: verify it\n"
		    "  -t, --table table    audit: this table\n"
		    "  -U, --user user      audit: this OS user\n"
		    "  -u, --until date     audit: on or before this day (UTC)\n"
		    "  -V, --version        show the version\n");
		ws_close_stdout();
	}
	exit(code);
}

static ws_out *
out_new(int fmt, int flags, int n, const char *const *cols)
{
	ws_out *o = ws_out_new(stdout, fmt, flags);

	ws_out_cols(o, n, cols);
	return o;
}

static int
cmd_init(const char *dbopt, int fmt, int flags)
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
	return 0;
}

static int
cmd_path(const char *dbopt, int fmt, int flags)
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
	return 0;
}

static int
cmd_load(const char *dbopt, int fmt, int flags, int argc, char **argv)
{
	static const char *const cols[] = { "kind", "added", "changed",
	    "unchanged", "missing" };
	struct ws_dir_count cnt[WS_DIR_NKINDS];
	sqlite3 *db;
	ws_out *o;
	ws_err e = {0};
	long nerr;
	int k;

	if (argc == 0) {
		ws_warn("load: no file named (expected one or more "
		    "directory YAML files)");
		usage(EX_USAGE);
	}
	db = ws_db_open(dbopt, WS_DB_CREATE);
	if ((nerr = ws_dir_load(db, argc, argv, cnt, &e)) < 0)
		ws_err_die(&e);
	ws_db_close(db);
	if (nerr > 0)
		ws_die(EX_DATAERR, "%ld problem%s found; nothing was loaded",
		    nerr, nerr == 1 ? "" : "s");
	o = out_new(fmt, flags, 5, cols);
	for (k = 0; k < WS_DIR_NKINDS; k++) {
		ws_out_str(o, cnt[k].kind);
		ws_out_int(o, cnt[k].added);
		ws_out_int(o, cnt[k].changed);
		ws_out_int(o, cnt[k].unchanged);
		ws_out_int(o, cnt[k].missing);
		ws_out_end(o);
	}
	ws_out_free(o);
	return 0;
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

static int
cmd_check(const char *dbopt, int fmt, int flags, const char *seal)
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
	if (n > 0) {
		fflush(stdout);
		ws_die(EX_DATAERR, "check: %ld problem%s found", n,
		    n == 1 ? "" : "s");
	}
	return 0;
}

/* The chain's head, to be mailed off the machine. */
static int
cmd_seal(const char *dbopt, int fmt, int flags)
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
		ws_die(EX_DATAERR, "audit --seal: the audit is empty or "
		    "unchained; nothing to seal");
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

static int
cmd_audit(const char *dbopt, int fmt, int flags,
    const struct ws_audit_filter *f)
{
	sqlite3_stmt *st;
	sqlite3 *db;
	ws_out *o;

	db = ws_db_open(dbopt, WS_DB_READ);
	st = ws_audit_list(db, f);
	o = ws_out_new(stdout, fmt, flags);
	ws_out_run(o, st);
	sqlite3_finalize(st);
	ws_out_free(o);
	ws_db_close(db);
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

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] = "a:d:Ff:Hhno:Rr:st:U:u:V";

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "since",	required_argument,	NULL,	'a' },
		{ "db",		required_argument,	NULL,	'd' },
		{ "force",	no_argument,		NULL,	'F' },
		{ "format",	required_argument,	NULL,	'f' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "no-header",	no_argument,		NULL,	'H' },
		{ "notes",	no_argument,		NULL,	'n' },
		{ "op",		required_argument,	NULL,	'o' },
		{ "redact",	no_argument,		NULL,	'R' },
		{ "row",	required_argument,	NULL,	'r' },
		{ "seal",	no_argument,		NULL,	's' },
		{ "table",	required_argument,	NULL,	't' },
		{ "until",	required_argument,	NULL,	'u' },
		{ "user",	required_argument,	NULL,	'U' },
		{ "version",	no_argument,		NULL,	'V' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *dbopt = NULL, *cmd;
	struct ws_audit_filter af;
	int ch, fmt = WS_FMT_AUTO, flags = 0, force = 0, rc, nfilt = 0;
	int seal = 0, redact = 0, notes = 0;

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv, optstring, longopts, "");
	memset(&af, 0, sizeof af);
	while ((ch = getopt_long(argc, argv, optstring, longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			af.since = optarg;
			nfilt++;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'f':
			if ((fmt = ws_fmt_option(optarg, 0)) < 0)
				usage(EX_USAGE);
			break;
		case 'H':
			flags |= WS_OUT_NOHEADER;
			break;
		case 'h':
			usage(0);
			break;
		case 'n':
			notes = 1;
			break;
		case 'o':
			af.op = optarg;
			nfilt++;
			break;
		case 'R':
			redact = 1;
			break;
		case 'r':
			af.row = optarg;
			nfilt++;
			break;
		case 's':
			seal = 1;
			break;
		case 't':
			af.table = optarg;
			nfilt++;
			break;
		case 'U':
			af.user = optarg;
			nfilt++;
			break;
		case 'u':
			af.until = optarg;
			nfilt++;
			break;
		case 'V':
			ws_version();
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc == 0) {
		ws_warn("no command given (expected init, path, load, check, "
		    "backup, snapshot or audit)");
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
	    strcmp(cmd, "snapshot") != 0 && !(seal && strcmp(cmd, "check") == 0) && argc > 0) {
		ws_warn("%s: unexpected argument '%s'", cmd, argv[0]);
		usage(EX_USAGE);
	}
	if (nfilt > 0 && strcmp(cmd, "audit") != 0) {
		ws_warn("%s: --table, --since, --until, --user, --op and "
		    "--row are options of audit only", cmd);
		usage(EX_USAGE);
	}
	if (strcmp(cmd, "audit") == 0) {
		check_filter("--table", af.table, ws_audit_tables);
		check_filter("--since", af.since, NULL);
		check_filter("--until", af.until, NULL);
		check_filter("--op", af.op, ws_audit_ops);
	}
	if (strcmp(cmd, "init") == 0)
		rc = cmd_init(dbopt, fmt, flags);
	else if (strcmp(cmd, "path") == 0)
		rc = cmd_path(dbopt, fmt, flags);
	else if (strcmp(cmd, "load") == 0)
		rc = cmd_load(dbopt, fmt, flags, argc, argv);
	else if (strcmp(cmd, "check") == 0)
		rc = cmd_check(dbopt, fmt, flags, seal ? argv[0] : NULL);
	else if (strcmp(cmd, "backup") == 0)
		rc = cmd_copy(cmd, dbopt, force, 0, argc, argv);
	else if (strcmp(cmd, "snapshot") == 0)
		rc = cmd_copy(cmd, dbopt, force, notes, argc, argv);
	else if (strcmp(cmd, "audit") == 0 && seal)
		rc = cmd_seal(dbopt, fmt, flags);
	else if (strcmp(cmd, "audit") == 0)
		rc = cmd_audit(dbopt, fmt, flags, &af);
	else {
		ws_warn("unknown command '%s' (expected init, path, load, "
		    "check, backup or audit)", cmd);
		usage(EX_USAGE);
	}
	ws_close_stdout();
	return rc;
}
