/* org-report - the register of social organisations and their growth
 * against the policy's targets */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when growth or brand organisations are behind target. */
#define EXIT_BEHIND 2

static const char usage_text[] =
"usage: org-report -l [-A date] [-d db] [-P policy] [-f format] [-L lang]\n"
"       org-report --growth -y year [-d db] [-P policy] [-f format]\n"
"                  [-L lang]\n"
"       org-report --merge [-P policy] [-f format] [-L lang]\n";

/* "opt: what", the usage, exit 64 */
#define bad_use(opt, what) ws_bad_use(usage_text, (opt), (what))

/* The modes, and the keys of the options without a letter. */
enum { M_LIST = 'l', M_GROWTH = WS_OPT_KEY, M_MERGE };

static void
setmode(int *mode, int m)
{
	if (*mode != 0 && *mode != m)
		bad_use(m == M_LIST ? "--list" : m == M_GROWTH ? "--growth" :
		    "--merge",
		    "with another mode (expected one of --list, --growth, "
		    "--merge)");
	*mode = m;
}

int
main(int argc, char *argv[])
{
	struct ws_annual_rules rules;
	struct ws_policy *pol;
	ws_err e = {0};
	ws_growth *g;
	ws_doc *doc;
	sqlite3 *db;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *asof = NULL,
	    *bad;
	char today[11], *err;
	int ch, mode = 0, fmt = -1, year = 0, rc = 0;
	int64_t y;

	struct ws_opt opts[] = {
		{ "as-of", "date", "the register at the end of this day "
		    "(today)", 'A', 0, NULL, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "format", "format", "text, markdown, csv, tsv, json or html",
		    'f', 0, NULL, NULL, 0 },
		{ "growth", NULL, "growth in a year against the targets (exit "
		    "2 when behind)", M_GROWTH, 0, NULL, NULL, 0 },
		{ "lang", "lang", "zh or en", 'L', 0, &lang, NULL, 0 },
		{ "list", NULL, "the register with the report standing",
		    M_LIST, 0, NULL, NULL, 0 },
		{ "merge", NULL, "add up the json growth reports on standard "
		    "input", M_MERGE, 0, NULL, NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &polopt, NULL, 0 },
		{ "year", "year", "the year of --growth", 'y', 0, NULL, NULL,
		    0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts };

	ws_init(argv[0]);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case 'A':
			if (ws_check_date(p.arg) != NULL)
				bad_use("--as-of", "not a date (expected "
				    "YYYY-MM-DD)");
			asof = p.arg;
			break;
		case 'f':
			if ((fmt = ws_fmt_word(p.arg, WS_FMTS_DOC)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, csv, tsv, json, html or "
				    "xlsx)");
			if (fmt == WS_FMT_XLSX && isatty(STDOUT_FILENO))
				bad_use("--format", "xlsx: standard output is "
				    "a terminal (redirect it to a file)");
			break;
		case 'L':
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		case 'y':
			if ((bad = ws_parse_int(p.arg, 1901, 2998, &y)) != NULL)
				bad_use("--year", bad);
			year = (int)y;
			break;
		case M_GROWTH:
		case M_LIST:
		case M_MERGE:
			setmode(&mode, ch);
			break;
		}
	}
	argc -= p.ind;
	argv += p.ind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (mode == 0)
		bad_use(NULL, "no mode (expected --list, --growth or "
		    "--merge)");
	if (mode == M_GROWTH && year == 0)
		bad_use("--growth", "needs --year");
	if (mode != M_GROWTH && year != 0)
		bad_use("--year", "only with --growth");
	if (mode != M_LIST && asof != NULL)
		bad_use("--as-of", "only with --list");
	if (mode == M_MERGE && dbopt != NULL)
		bad_use("--merge", "takes no database (the reports on stdin "
		    "carry the figures)");
	if (fmt < 0)
		fmt = isatty(STDOUT_FILENO) ? WS_FMT_TEXT : WS_FMT_TSV;
	ws_lang(lang);
	if ((pol = ws_policy_load(polopt, &e)) == NULL)
		ws_err_die(&e);
	ws_annual_rules(&rules, pol);

	if (mode == M_LIST) {
		if (asof == NULL) {
			ws_today(today);
			asof = today;
		}
		db = ws_db_open(dbopt, WS_DB_READ);
		ws_cal_load(db);
		doc = ws_org_list(db, &rules, asof);
		ws_cal_clear();
		ws_db_close(db);
		ws_doc_print(doc, fmt, 0, stdout);
		ws_doc_free(doc);
		ws_policy_free(pol);
		ws_close_stdout();
		return 0;
	}
	if (mode == M_MERGE) {
		if ((g = ws_growth_merge(stdin, "<stdin>", &rules, &err)) ==
		    NULL) {
			ws_warn("%s", err);
			free(err);
			ws_policy_free(pol);
			return EX_DATAERR;
		}
	} else {
		db = ws_db_open(dbopt, WS_DB_READ);
		g = ws_growth_build(db, &rules, year);
		ws_db_close(db);
	}
	ws_growth_print(g, fmt, stdout);
	rc = ws_growth_ok(g) ? 0 : EXIT_BEHIND;
	ws_growth_free(g);
	ws_policy_free(pol);
	ws_close_stdout();
	return rc;
}
