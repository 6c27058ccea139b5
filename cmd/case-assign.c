/* case-assign - give cases named on the command line or on stdin to a worker */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-assign -t worker [-Hq] [-d db] [-f format] [-I format]\n"
"                   [case_id ...]\n";

static const struct option longopts[] = {
	{ "db",		required_argument, NULL, 'd' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "no-header",	no_argument,       NULL, 'H' },
	{ "input",	required_argument, NULL, 'I' },
	{ "to",		required_argument, NULL, 't' },
	{ "quiet",	no_argument,       NULL, 'q' },
	{ "version",	no_argument,       NULL, 'V' },
	{ NULL,		0,                 NULL, 0 }
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

static const char *
assign(ws_cases *cs, int64_t id, void *worker)
{
	return ws_case_assign(cs, id, worker);
}

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] = "d:f:hHI:qt:V";

int
main(int argc, char **argv)
{
	struct ws_case_filter flt;
	const char *dbopt = NULL, *to = NULL, *m;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	char today[11];
	int64_t *ids;
	size_t nids;
	int ch, f, oflags = 0, quiet = 0;
	ws_err e = {0};
	sqlite3 *db;
	sqlite3_stmt *st;
	ws_cases *cs;
	ws_out *out;

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv, optstring, longopts, "");
	while ((ch = getopt_long(argc, argv, optstring, longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
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
		case 't':
			to = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'V':
			ws_version();
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (to == NULL) {
		ws_warn("--to WORKER is required");
		usage(EX_USAGE);
	}

	db = ws_db_open(dbopt, WS_DB_READ);
	ws_today(today);
	if ((m = ws_case_check_worker(db, to, today)) != NULL)
		ws_die(EX_DATAERR, "--to: %s", m);
	cs = ws_cases_new(db, NULL, 0);
	if (ws_case_each(cs, argc, argv, infmt, quiet, assign, (void *)to,
	    "assigned", &ids, &nids, &e) != 0)
		ws_err_die(&e);
	memset(&flt, 0, sizeof flt);
	flt.ids = ids;
	flt.nids = nids;
	out = ws_out_new(stdout, fmt, oflags);
	st = ws_case_list(db, &flt);
	ws_out_run(out, st);
	sqlite3_finalize(st);
	ws_out_free(out);
	ws_cases_free(cs);
	ws_db_close(db);
	free(ids);
	ws_close_stdout();
	return 0;
}
