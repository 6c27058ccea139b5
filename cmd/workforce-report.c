/* workforce-report - youth-affairs social workers, youth homes, league
 * agencies, training bases and demonstration units against the policy's
 * targets (issue 17) */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when a youth home open on the date has no youth-affairs
 * social worker. */
#define EXIT_GAP 2

static const char usage_text[] =
"usage: workforce-report [-d db] [-P policy] [-a date] [-f format]\n"
"                        [-l lang]\n"
"       workforce-report -M [-P policy] [-f format] [-l lang]\n";

static const struct option longopts[] = {
	{ "as-of",	required_argument, NULL, 'a' },
	{ "db",		required_argument, NULL, 'd' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "lang",	required_argument, NULL, 'l' },
	{ "merge",	no_argument,       NULL, 'M' },
	{ "policy",	required_argument, NULL, 'P' },
	{ "version",	no_argument,       NULL, 'V' },
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

int
main(int argc, char *argv[])
{
	struct ws_wf_opts o;
	struct ws_policy *pol;
	ws_err e = {0};
	ws_wf *w;
	sqlite3 *db;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *bad;
	int ch, fmt = -1, merge = 0, asof = 0;

	ws_init(argv[0]);
	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, "a:d:f:hl:MP:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			if ((bad = ws_check_date(optarg)) != NULL)
				bad_use("--as-of", bad);
			memcpy(o.as_of, optarg, 11);
			asof = 1;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			if ((fmt = ws_fmt_word(optarg, WS_FMTS_DOC)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, html, csv, tsv or json)");
			break;
		case 'h':
			usage(0);
		case 'l':
			lang = optarg;
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		case 'M':
			merge = 1;
			break;
		case 'P':
			polopt = optarg;
			break;
		case 'V':
			ws_version();
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (merge && (asof || dbopt != NULL))
		bad_use("--merge", "takes no database or date (the reports on "
		    "stdin carry them)");
	if (!asof)
		ws_today(o.as_of);
	if (fmt < 0)
		fmt = isatty(STDOUT_FILENO) ? WS_FMT_TEXT : WS_FMT_TSV;
	ws_lang(lang);

	if ((pol = ws_policy_load(polopt, &e)) == NULL)
		ws_err_die(&e);
	o.pol = &pol->workforce;
	if (merge) {
		if ((w = ws_wf_merge(stdin, "<stdin>", &o, &e)) == NULL)
			ws_err_die(&e);
	} else {
		db = ws_db_open(dbopt, WS_DB_READ);
		w = ws_wf_build(db, &o);
		ws_db_close(db);
	}
	ws_wf_print(w, fmt, stdout);
	ch = ws_wf_unstaffed(w) > 0 ? EXIT_GAP : 0;
	ws_wf_free(w);
	ws_policy_free(pol);
	ws_close_stdout();
	return ch;
}
