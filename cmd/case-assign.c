/* case-assign - give cases named on the command line or on stdin to a worker */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-assign --to worker [-Hq] [-d db] [-f format] [-I format]\n"
"                   [case_id ...]\n";

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
	struct ws_opt opts[] = {
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &quiet, 0 },
		{ "to", "worker", "the worker who takes the cases (required)",
		    0, 0, &to, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts };

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case 'f':
			if ((f = ws_fmt_option(p.arg, 0)) < 0)
				usage(EX_USAGE);
			fmt = f;
			break;
		case 'I':
			if ((f = ws_fmt_option(p.arg, 1)) < 0)
				usage(EX_USAGE);
			infmt = f;
			break;
		}
	}
	argc -= p.ind;
	argv += p.ind;
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
