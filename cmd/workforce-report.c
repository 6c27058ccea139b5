/* workforce-report - youth-affairs social workers, youth homes, league
 * agencies, training bases and demonstration units against the policy's
 * targets (issue 17) */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when a youth home open on the date has no youth-affairs
 * social worker. */
#define EXIT_GAP 2

static const char usage_text[] =
"usage: workforce-report [-d db] [-P policy] [-A as-of] [-f format]\n"
"                        [-L lang]\n"
"       workforce-report --merge [-P policy] [-f format] [-L lang]\n";

/* "opt: what", the usage, exit 64 */
#define bad_use(opt, what) ws_bad_use(usage_text, (opt), (what))

enum { O_AS_OF = 'A', O_LANG = 'L' };

int
main(int argc, char *argv[])
{
	struct ws_wf_opts o;
	struct ws_policy *pol;
	ws_err e = {0};
	ws_wf *w;
	sqlite3 *db;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *asof = NULL;
	const char *bad;
	int ch, fmt = -1, merge = 0;
	struct ws_opt opts[] = {
		{ "as-of", "date", "the day counted (today)", O_AS_OF, 0,
		    &asof, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "format", "format", "text, markdown, html, csv, tsv or json",
		    'f', 0, NULL, NULL, 0 },
		{ "lang", "lang", "zh or en", O_LANG, 0, &lang, NULL, 0 },
		{ "merge", NULL, "merge the json reports on standard input",
		    0, 0, NULL, &merge, 0 },
		{ "policy", "policy", NULL, 0, 0, &polopt, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts };

	ws_init(argv[0]);
	memset(&o, 0, sizeof o);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case O_AS_OF:
			if ((bad = ws_check_date(asof)) != NULL)
				bad_use("--as-of", bad);
			memcpy(o.as_of, asof, 11);
			break;
		case 'f':
			if ((fmt = ws_fmt_word(p.arg, WS_FMTS_DOC)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, csv, tsv, json, html or "
				    "xlsx)");
			/* issue 14: a workbook is not for a terminal */
			if (fmt == WS_FMT_XLSX && isatty(STDOUT_FILENO))
				bad_use("--format", "xlsx: standard output is "
				    "a terminal (redirect it to a file: > "
				    "report.xlsx)");
			break;
		case O_LANG:
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		}
	}
	argc -= p.ind;
	argv += p.ind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (merge && (asof != NULL || dbopt != NULL))
		bad_use("--merge", "takes no database or date (the reports on "
		    "stdin carry them)");
	if (asof == NULL)
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
