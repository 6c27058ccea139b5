/* org-report - the register of social organisations and their growth
 * against the policy's targets */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when growth or brand organisations are behind target. */
#define EXIT_BEHIND 2

static const char usage_text[] =
"usage: org-report -L [-t date] [-d db] [-P policy] [-f format] [-l lang]\n"
"       org-report -G -y year [-d db] [-P policy] [-f format] [-l lang]\n"
"       org-report -M [-P policy] [-f format] [-l lang]\n";

static const struct option longopts[] = {
	{ "db",		required_argument, NULL, 'd' },
	{ "format",	required_argument, NULL, 'f' },
	{ "growth",	no_argument,       NULL, 'G' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "lang",	required_argument, NULL, 'l' },
	{ "list",	no_argument,       NULL, 'L' },
	{ "merge",	no_argument,       NULL, 'M' },
	{ "policy",	required_argument, NULL, 'P' },
	{ "as-of",	required_argument, NULL, 't' },
	{ "version",	no_argument,       NULL, 'V' },
	{ "year",	required_argument, NULL, 'y' },
	{ NULL,		0,                 NULL, 0 }
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

static _Noreturn void
bad_use(const char *opt, const char *what)
{
	ws_warn("%s: %s", opt, what);
	usage(EX_USAGE);
}

static void
setmode(int *mode, int m)
{
	if (*mode != 0 && *mode != m)
		bad_use(m == 'L' ? "--list" : m == 'G' ? "--growth" : "--merge",
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

	ws_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:f:Ghl:LMP:t:Vy:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			if ((fmt = ws_fmt_word(optarg, WS_FMTS_DOC)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, csv, tsv, json or html)");
			break;
		case 'G':
		case 'L':
		case 'M':
			setmode(&mode, ch);
			break;
		case 'h':
			usage(0);
		case 'l':
			lang = optarg;
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		case 'P':
			polopt = optarg;
			break;
		case 't':
			if (ws_check_date(optarg) != NULL)
				bad_use("--as-of", "not a date (expected "
				    "YYYY-MM-DD)");
			asof = optarg;
			break;
		case 'V':
			ws_version();
		case 'y':
			if ((bad = ws_parse_int(optarg, 1901, 2998, &y)) !=
			    NULL)
				bad_use("--year", bad);
			year = (int)y;
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (mode == 0)
		bad_use("org-report", "no mode (expected --list, --growth or "
		    "--merge)");
	if (mode == 'G' && year == 0)
		bad_use("--growth", "needs --year");
	if (mode != 'G' && year != 0)
		bad_use("--year", "only with --growth");
	if (mode != 'L' && asof != NULL)
		bad_use("--as-of", "only with --list");
	if (mode == 'M' && dbopt != NULL)
		bad_use("--merge", "takes no database (the reports on stdin "
		    "carry the figures)");
	if (fmt < 0)
		fmt = isatty(STDOUT_FILENO) ? WS_FMT_TEXT : WS_FMT_TSV;
	ws_lang(lang);
	if ((pol = ws_policy_load(polopt, &e)) == NULL)
		ws_err_die(&e);
	ws_annual_rules(&rules, pol);

	if (mode == 'L') {
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
	if (mode == 'M') {
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
