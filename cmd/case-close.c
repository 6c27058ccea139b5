/* case-close - close cases named on the command line or on stdin */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-close -r reason [-Hq] [-d db] [-D date] [-f format]\n"
"                  [-I format] [-o outcome] [case_id ...]\n";

static const struct option longopts[] = {
	{ "db",		required_argument, NULL, 'd' },
	{ "date",	required_argument, NULL, 'D' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "no-header",	no_argument,       NULL, 'H' },
	{ "input",	required_argument, NULL, 'I' },
	{ "outcome",	required_argument, NULL, 'o' },
	{ "reason",	required_argument, NULL, 'r' },
	{ "quiet",	no_argument,       NULL, 'q' },
	{ "version",	no_argument,       NULL, 'V' },
	{ NULL,		0,                 NULL, 0 }
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* What ws_case_close is given besides the case. */
struct closing {
	const char *date, *reason, *outcome;
};

static const char *
close_one(ws_cases *cs, int64_t id, void *arg)
{
	const struct closing *c = arg;

	return ws_case_close(cs, id, c->date, c->reason, c->outcome);
}

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] = "d:D:f:hHI:o:qr:V";

int
main(int argc, char **argv)
{
	struct ws_case_filter flt;
	const char *dbopt = NULL, *date = NULL, *reason = NULL;
	const char *outcome = NULL, *m;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	struct closing c;
	char today[11], *words;
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
		case 'D':
			date = optarg;
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
		case 'o':
			outcome = optarg;
			break;
		case 'r':
			reason = optarg;
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
	if (reason == NULL) {
		ws_warn("--reason is required");
		usage(EX_USAGE);
	}
	if (ws_word_index(reason, ws_close_reasons) < 0) {
		words = ws_words_join(ws_close_reasons);
		ws_warn("--reason: unknown reason '%s' (expected one of: %s)",
		    reason, words);
		free(words);
		usage(EX_USAGE);
	}
	ws_today(today);
	if (date == NULL)
		date = today;
	else if ((m = ws_check_date(date)) != NULL) {
		ws_warn("--date: '%s': %s", date, m);
		usage(EX_USAGE);
	} else if (strcmp(date, today) > 0)
		ws_die(EX_DATAERR, "--date: %s is in the future (today is %s)",
		    date, today);

	db = ws_db_open(dbopt, WS_DB_READ);
	cs = ws_cases_new(db, NULL, 0);
	c.date = date;
	c.reason = reason;
	c.outcome = outcome;
	if (ws_case_each(cs, argc, argv, infmt, quiet, close_one, &c,
	    "closed", &ids, &nids, &e) != 0)
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
