/* case-update - correct a case or its person, or reopen a closed case */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-update [-Hkqt] [-d db] [-f format] [-I format] [-j file]\n"
"                   [-P policy] [-e case_id] [-y reason] [-r risk] [-N need]\n"
"                   [-w worker] [-c community] [-n name] [-p phone]\n"
"                   [-a address] [-i id-number] [-C category] [-X category]\n"
"       case-update -O [-Hqt] [-d db] [-f format] [-I format] [-D date]\n"
"                   [-e case_id] [-y reason]\n";

static const struct option longopts[] = {
	{ "address",		required_argument, NULL, 'a' },
	{ "community",		required_argument, NULL, 'c' },
	{ "add-category",	required_argument, NULL, 'C' },
	{ "db",			required_argument, NULL, 'd' },
	{ "date",		required_argument, NULL, 'D' },
	{ "case",		required_argument, NULL, 'e' },
	{ "format",		required_argument, NULL, 'f' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "no-header",		no_argument,       NULL, 'H' },
	{ "id-number",		required_argument, NULL, 'i' },
	{ "input",		required_argument, NULL, 'I' },
	{ "reject",		required_argument, NULL, 'j' },
	{ "keep-going",		no_argument,       NULL, 'k' },
	{ "name",		required_argument, NULL, 'n' },
	{ "need",		required_argument, NULL, 'N' },
	{ "reopen",		no_argument,       NULL, 'O' },
	{ "phone",		required_argument, NULL, 'p' },
	{ "policy",		required_argument, NULL, 'P' },
	{ "quiet",		no_argument,       NULL, 'q' },
	{ "risk",		required_argument, NULL, 'r' },
	{ "dry-run",		no_argument,       NULL, 't' },
	{ "version",		no_argument,       NULL, 'V' },
	{ "worker",		required_argument, NULL, 'w' },
	{ "remove-category",	required_argument, NULL, 'X' },
	{ "reason",		required_argument, NULL, 'y' },
	{ NULL,			0,                 NULL, 0 }
};

/* The option letters of the fields, in the order of ws_case_fix_cols. */
static const char fieldopts[] = "e\0y\0r\0N\0w\0c\0n\0p\0a\0i\0C\0X";

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* File scope, so a leak checker sees them when main exits early. */
static sqlite3 *db;
static struct ws_policy *pol;

int
main(int argc, char **argv)
{
	const char *set[WS_CFIX_N], *dbopt = NULL, *policy = NULL;
	const char *rejpath = NULL;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	struct ws_batch_spec spec;
	struct ws_case_fix cf;
	int ch, f, i, oflags = 0, keep = 0, dry = 0, quiet = 0, nfield = 0;
	int rc;
	ws_err e = {0};

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	memset(&cf, 0, sizeof cf);
	memset(set, 0, sizeof set);
	while ((ch = getopt_long(argc, argv,
	    "a:c:C:d:D:e:f:hHi:I:j:kn:N:Op:P:qr:tVw:X:y:", longopts,
	    NULL)) != -1) {
		for (i = 0; i < WS_CFIX_N - 1; i++)
			if (ch == fieldopts[2 * i])
				break;
		if (i < WS_CFIX_N - 1 && ch != '?') {
			/* case_id, id are one option: --case */
			set[i == 0 ? 0 : i + 1] = optarg;
			nfield += i >= 2;
			continue;
		}
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'D':
			cf.date = optarg;
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
		case 'I':
			if ((f = ws_fmt_option(optarg, 1)) < 0)
				usage(EX_USAGE);
			infmt = f;
			break;
		case 'j':
			rejpath = optarg;
			break;
		case 'k':
			keep = 1;
			break;
		case 'O':
			cf.reopen = 1;
			break;
		case 'P':
			policy = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 't':
			dry = 1;
			break;
		case 'V':
			ws_version();
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument (a case is given with --case "
		    "or on standard input)", argv[0]);
		usage(EX_USAGE);
	}
	if (cf.reopen && nfield > 0) {
		ws_warn("--reopen: reopen first, then correct the case");
		usage(EX_USAGE);
	}
	if (cf.date != NULL && !cf.reopen) {
		ws_warn("--date: only with --reopen (the reopening's date)");
		usage(EX_USAGE);
	}
	if (keep != (rejpath != NULL)) {
		ws_warn("--keep-going and --reject FILE go together");
		usage(EX_USAGE);
	}
	if (set[0] != NULL && keep) {
		ws_warn("--keep-going: only for cases read from standard "
		    "input");
		usage(EX_USAGE);
	}
	if (set[0] == NULL && isatty(0)) {
		ws_warn("no case given (use --case ID, or give case ids or a "
		    "stream of corrections on standard input)");
		usage(EX_USAGE);
	}

	if ((pol = ws_policy_load(policy, &e)) == NULL)
		ws_err_die(&e);
	db = ws_db_open(dbopt, WS_DB_READ);
	if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry, quiet,
	    &e) != 0)
		ws_err_die(&e);
	cf.set = set;
	cf.pol = pol;
	ws_case_fix_spec(&spec, &cf);
	rc = ws_fix_run(&spec, ws_case_fix_run, &cf, ws_case_fix_list,
	    &cf.first, &cf.last, fmt, oflags);
	ws_buf_free(&cf.msg);
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return rc;
}
