/* case-list - print cases, possible duplicate people, or a case's history */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: case-list [-BHRX] [-d db] [-f format] [-c community] [-C category]\n"
"                 [-r risk] [-w worker] [-s status] [-a since] [-u until]\n"
"                 [-N text] [-i id ...]\n"
"       case-list -D [-BH] [-d db] [-f format]\n"
"       case-list -y id [-BH] [-d db] [-f format]\n"
"       case-list [--lang lang] [--encoding encoding]\n";

static const struct option longopts[] = {
	{ "since",	required_argument, NULL, 'a' },
	{ "bom",	no_argument,       NULL, 'B' },
	{ "community",	required_argument, NULL, 'c' },
	{ "category",	required_argument, NULL, 'C' },
	{ "db",		required_argument, NULL, 'd' },
	{ "duplicates",	no_argument,       NULL, 'D' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "no-header",	no_argument,       NULL, 'H' },
	{ "id",		required_argument, NULL, 'i' },
	{ "need",	required_argument, NULL, 'N' },
	{ "risk",	required_argument, NULL, 'r' },
	{ "reveal",	no_argument,       NULL, 'R' },
	{ "status",	required_argument, NULL, 's' },
	{ "until",	required_argument, NULL, 'u' },
	{ "version",	no_argument,       NULL, 'V' },
	{ "worker",	required_argument, NULL, 'w' },
	{ "redact",	no_argument,       NULL, 'X' },
	{ "history",	required_argument, NULL, 'y' },
	/* issue 14: until lib/opt.c */
	{ "encoding",	required_argument, NULL, WS_OPT_ENCODING },
	{ "lang",	required_argument, NULL, WS_OPT_LANG },
	{ NULL,		0,                 NULL, 0 }
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* A case id from an option; usage error when it is not one. */
static int64_t
case_id(const char *opt, const char *s)
{
	const char *m;
	int64_t id;

	if ((m = ws_parse_int(s, 1, INT64_MAX, &id)) != NULL) {
		ws_warn("%s: '%s': %s", opt, s, m);
		usage(EX_USAGE);
	}
	return id;
}

static void
check_date(const char *opt, const char *s)
{
	const char *m;

	if (s != NULL && (m = ws_check_date(s)) != NULL) {
		ws_warn("%s: '%s': %s", opt, s, m);
		usage(EX_USAGE);
	}
}

int
main(int argc, char **argv)
{
	struct ws_case_filter flt;
	const char *dbopt = NULL, *status = "open", *m;
	enum ws_fmt fmt = WS_FMT_AUTO;
	int64_t *ids = NULL, hist = 0;
	size_t nids = 0;
	int ch, f, oflags = 0, dups = 0, oargc = argc;
	char **oargv = argv;
	long n;
	sqlite3 *db;
	sqlite3_stmt *st;
	ws_out *out;

	ws_init(argv[0]);
	memset(&flt, 0, sizeof flt);
	while ((ch = getopt_long(argc, argv, "a:Bc:C:d:Df:hHi:N:r:Rs:u:Vw:Xy:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			flt.since = optarg;
			break;
		case 'B':
			oflags |= WS_OUT_BOM;
			break;
		case 'c':
			flt.community = optarg;
			break;
		case 'C':
			flt.category = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'D':
			dups = 1;
			break;
		case 'f':
			if ((f = ws_fmt_option(optarg, 0)) < 0)
				usage(EX_USAGE);
			fmt = f;
			break;
		case 'h':
			usage(0);
		case 'H':
			oflags |= WS_OUT_NOHEADER;
			break;
		case 'i':
			ids = ws_realloc(ids, (nids + 1) * sizeof *ids);
			ids[nids++] = case_id("--id", optarg);
			break;
		case 'N':
			flt.need = optarg;
			break;
		case 'r':
			if (ws_word_index(optarg, ws_risks) < 0) {
				ws_warn("--risk: unknown risk '%s' (expected "
				    "low, medium or high)", optarg);
				usage(EX_USAGE);
			}
			flt.risk = optarg;
			break;
		case 'R':
			flt.reveal = 1;
			break;
		case 's':
			if (strcmp(optarg, "open") != 0 &&
			    strcmp(optarg, "closed") != 0 &&
			    strcmp(optarg, "all") != 0) {
				ws_warn("--status: unknown status '%s' "
				    "(expected open, closed or all)", optarg);
				usage(EX_USAGE);
			}
			status = optarg;
			break;
		case 'u':
			flt.until = optarg;
			break;
		case WS_OPT_ENCODING:	/* issue 14 */
		case WS_OPT_LANG:
			if (ws_excel_option(ch, optarg) < 0)
				usage(EX_USAGE);
			break;
		case 'V':
			ws_version();
		case 'w':
			flt.worker = optarg;
			break;
		case 'X':
			flt.redact = 1;
			break;
		case 'y':
			hist = case_id("--history", optarg);
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument", argv[0]);
		usage(EX_USAGE);
	}
	if (dups && hist) {
		ws_warn("--duplicates and --history cannot be combined");
		usage(EX_USAGE);
	}
	if (flt.redact && flt.reveal) {
		ws_warn("--redact and --reveal cannot be combined");
		usage(EX_USAGE);
	}
	if (flt.redact && (dups || hist)) {
		ws_warn("--redact: only for the list of cases (not with "
		    "--duplicates or --history)");
		usage(EX_USAGE);
	}
	check_date("--since", flt.since);
	check_date("--until", flt.until);
	flt.status = strcmp(status, "all") == 0 ? NULL : status;
	flt.ids = ids;
	flt.nids = nids;

	db = ws_db_open(dbopt, WS_DB_READ);
	if (hist) {
		if (!ws_case_exists(db, hist))
			ws_die(EX_DATAERR, "--history: no case %lld",
			    (long long)hist);
		st = ws_case_history(db, hist);
	} else if (dups) {
		st = ws_case_duplicates(db);
	} else {
		if (flt.community != NULL &&
		    (m = ws_case_check_community(db, flt.community)) != NULL)
			ws_die(EX_DATAERR, "--community: %s", m);
		if (flt.worker != NULL &&
		    (m = ws_case_check_worker(db, flt.worker, NULL)) != NULL)
			ws_die(EX_DATAERR, "--worker: %s", m);
		st = ws_case_list(db, &flt);
		if (flt.reveal) {
			n = ws_audit_count(st);
			if (ws_audit_reveal(db, "cases", oargc - 1, oargv + 1,
			    n, &rerr))
				ws_err_die(&rerr);
		}
	}
	out = ws_out_new(stdout, fmt, oflags);
	ws_out_run(out, st);
	sqlite3_finalize(st);
	ws_out_free(out);
	ws_db_close(db);
	free(ids);
	ws_close_stdout();
	return 0;
}
