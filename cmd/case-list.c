/* case-list - print cases, possible duplicate people, or a case's history */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: case-list [-BHRX] [-d db] [-f format] [-N community]\n"
"                 [--category category] [--risk risk] [-w worker] [-S status]\n"
"                 [-a since] [-u until] [--need text] [--id id ...]\n"
"       case-list --duplicates [-BH] [-d db] [-f format]\n"
"       case-list --history id [-BH] [-d db] [-f format]\n";

enum { O_ID = WS_OPT_KEY, O_HISTORY, O_RISK, O_STATUS = 'S' };

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
	int ch, oflags = 0, dups = 0, oargc = argc;
	char **oargv = argv;
	long n;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct ws_opt opts[] = {
		{ "since", "date", "opened on or after this date", 0, 0,
		    &flt.since, NULL, 0 },
		{ "bom", NULL, NULL, 0, 0, NULL, &oflags, WS_OUT_BOM },
		{ "community", "community", "cases of this community", 0, 0,
		    &flt.community, NULL, 0 },
		{ "category", "category", "cases of this category", 0, 0,
		    &flt.category, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "duplicates", NULL, "the open cases that look like one "
		    "another", 0, 0, NULL, &dups, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "id", "id", "this case (again for more)", O_ID, 0, NULL,
		    NULL, 0 },
		{ "need", "text", "cases whose need holds the text", 0, 0,
		    &flt.need, NULL, 0 },
		{ "risk", "risk", "cases of this risk: low, medium or high",
		    O_RISK, 0, NULL, NULL, 0 },
		{ "reveal", NULL, NULL, 0, 0, NULL, &flt.reveal, 0 },
		{ "status", "status", "open (the default), closed or all",
		    O_STATUS, 0, NULL, NULL, 0 },
		{ "until", "date", "opened on or before this date", 0, 0,
		    &flt.until, NULL, 0 },
		{ "worker", "worker", "cases in this worker's charge", 0, 0,
		    &flt.worker, NULL, 0 },
		{ "redact", NULL, "no names or numbers, for sharing", 0, 0,
		    NULL, &flt.redact, 0 },
		{ "history", "id", "the history of one case", O_HISTORY, 0,
		    NULL, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt };

	ws_init(argv[0]);
	memset(&flt, 0, sizeof flt);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case O_ID:
			ids = ws_realloc(ids, (nids + 1) * sizeof *ids);
			ids[nids++] = case_id("--id", p.arg);
			break;
		case O_RISK:
			if (ws_word_index(p.arg, ws_risks) < 0) {
				ws_warn("--risk: unknown risk '%s' (expected "
				    "low, medium or high)", p.arg);
				usage(EX_USAGE);
			}
			flt.risk = p.arg;
			break;
		case O_STATUS:
			if (strcmp(p.arg, "open") != 0 &&
			    strcmp(p.arg, "closed") != 0 &&
			    strcmp(p.arg, "all") != 0) {
				ws_warn("--status: unknown status '%s' "
				    "(expected open, closed or all)", p.arg);
				usage(EX_USAGE);
			}
			status = p.arg;
			break;
		case O_HISTORY:
			hist = case_id("--history", p.arg);
			break;
		}
	}
	argc -= p.ind;
	argv += p.ind;
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
	ws_out_query(st, fmt, oflags);
	ws_db_close(db);
	free(ids);
	ws_close_stdout();
	return 0;
}
