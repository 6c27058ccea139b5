/* case-close - close cases named on the command line or on stdin */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-close -r reason [-Hqt] [-d db] [-D date] [-f format]\n"
"                  [-I format] [--outcome outcome] [case_id ...]\n";

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

int
main(int argc, char **argv)
{
	const char *dbopt = NULL, *date = NULL, *reason = NULL;
	const char *outcome = NULL, *m;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	struct closing c;
	char today[11], *words;
	int64_t *ids;
	size_t nids;
	int ch, oflags = 0, quiet = 0, dry = 0;
	ws_err e = {0};
	sqlite3 *db;
	ws_cases *cs;
	struct ws_opt opts[] = {
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "date", "date", "the day the cases were closed (today)", 0,
		    0, &date, NULL, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "outcome", "outcome", "what came of the work, in words", 0,
		    0, &outcome, NULL, 0 },
		{ "reason", "reason", "why the cases close (required)", 0, 0,
		    &reason, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &quiet, 0 },
		{ "dry-run", NULL, NULL, 0, 0, NULL, &dry, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt,
	    .infmt = &infmt };

	ws_init(argv[0]);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1)
		;	/* the table does it all */
	argc -= p.ind;
	argv += p.ind;
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
	else if ((m = ws_check_date(date)) != NULL)	/* a record field: 65 */
		ws_die(EX_DATAERR, "--date: '%s': %s", date, m);
	else if (strcmp(date, today) > 0)
		ws_die(EX_DATAERR, "--date: %s is in the future (today is %s)",
		    date, today);

	db = ws_db_open(dbopt, WS_DB_READ);
	cs = ws_cases_new(db, NULL, dry ? WS_CASES_DRY_RUN : 0);
	c.date = date;
	c.reason = reason;
	c.outcome = outcome;
	if (ws_case_each(cs, argc, argv, infmt, quiet, close_one, &c,
	    "closed", &ids, &nids, &e) != 0)
		ws_err_die(&e);
	ws_case_show_done(db, ids, nids, fmt, oflags, dry);
	ws_cases_free(cs);
	ws_db_close(db);
	free(ids);
	ws_close_stdout();
	return 0;
}
