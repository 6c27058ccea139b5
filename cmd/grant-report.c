/* grant-report - what each purchased-service contract delivered, what was
 * paid, and the policy ratios of the spending */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when a contract is behind or a ratio is below policy. */
#define EXIT_BEHIND 2

static const char usage_text[] =
"usage: grant-report [-d db] [-P policy] [-M month | -Q quarter | -y year |\n"
"                    -a since [-u until]] [-C contract] [--provider provider]\n"
"                    [-K kind] [-N community] [--behind percent] [-f format]\n"
"                    [-L lang] [-A as-of]\n"
"       grant-report --merge [-P policy] [--behind percent] [-f format]\n"
"                    [-L lang]\n";

/* "opt: what", the usage, exit 64 */
#define bad_use(opt, what) ws_bad_use(usage_text, (opt), (what))

enum { FILTER = 1 };		/* an option that narrows the report */
enum { O_BEHIND = WS_OPT_KEY, O_KIND = 'K', O_LANG = 'L', O_ASOF = 'A' };

int
main(int argc, char *argv[])
{
	struct ws_grant_opts o;
	struct ws_policy *pol;
	ws_err werr = {0};
	ws_grant *g;
	sqlite3 *db;
	char *err;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *e, *name_of;
	int ch, fmt = -1, merge = 0, nperiod = 0, filters = 0;
	int64_t behind = -1;
	ws_err pe = {0};
	struct ws_period_opt per;
	char name[16];
	struct ws_opt opts[] = {
		{ "as-of", "date", "count and prorate a period not ended to "
		    "this day (today)", O_ASOF, 0, NULL, NULL, 0 },
		{ "behind", "percent", "a share of the period's target "
		    "under which a line is behind", O_BEHIND, 0, NULL, NULL, 0 },
		{ "contract", "contract", "one contract", 0, FILTER,
		    &o.contract, NULL, 0 },
		{ "community", "community", "delivery in one community", 0,
		    FILTER, &o.community, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "format", "format", "text, markdown, csv, tsv, json or html",
		    'f', 0, NULL, NULL, 0 },
		{ "kind", "kind", "contracts of one kind", O_KIND, FILTER,
		    &o.kind, NULL, 0 },
		{ "lang", "lang", "zh or en", O_LANG, 0, &lang, NULL, 0 },
		{ "month", "month", "YYYY-MM or last (the default)", 'M', 0,
		    NULL, NULL, 0 },
		{ "merge", NULL, "merge the json reports on standard input",
		    0, 0, NULL, &merge, 0 },
		{ "provider", "provider", "contracts of one provider", 0,
		    FILTER, &o.provider, NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &polopt, NULL, 0 },
		{ "quarter", "quarter", "YYYY-Qn or last", 'Q', 0, NULL, NULL,
		    0 },
		{ "since", "date", "from this date", 'a', 0, NULL, NULL, 0 },
		{ "until", "date", "up to this date (today)", 'u', 0, NULL,
		    NULL, 0 },
		{ "year", "year", "YYYY or last", 'y', 0, NULL, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts,
	    .period = &per };

	ws_init(argv[0]);
	memset(&o, 0, sizeof o);
	memset(&per, 0, sizeof per);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case O_BEHIND:
			if ((e = ws_parse_dec2(p.arg, &behind)) != NULL)
				bad_use("--behind", e);
			if (behind > 10000)
				bad_use("--behind", "over 100 (expected a "
				    "percentage 0 to 100)");
			break;
		case 'f':
			if ((fmt = ws_grant_fmt_parse(p.arg)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, csv, tsv, json, html or "
				    "xlsx)");
			/* issue 14: a workbook is not for a terminal */
			if (fmt == WS_GRANT_XLSX && isatty(STDOUT_FILENO))
				bad_use("--format", "xlsx: standard output is "
				    "a terminal (redirect it to a file: > "
				    "report.xlsx)");
			break;
		case O_KIND:
			if (ws_word_index(p.arg, ws_contract_kinds) < 0)
				bad_use("--kind", "unknown contract kind "
				    "(expected post, project or "
				    "venture_philanthropy)");
			break;
		case O_LANG:
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		}
	}
	filters = p.given & FILTER;
	nperiod = per.n;
	argc -= p.ind;
	argv += p.ind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (merge && (nperiod > 0 || filters > 0 || dbopt != NULL))
		bad_use("--merge", "takes no database, period or filter "
		    "(the reports on stdin carry them)");
	if ((e = ws_period_opt_end(&per, 0, &name_of)) != NULL) {
		snprintf(name, sizeof name, "--%s", name_of);
		bad_use(name, e);
	}
	memcpy(o.since, per.since, sizeof o.since);
	memcpy(o.until, per.until, sizeof o.until);
	memcpy(o.as_of, per.as_of, sizeof o.as_of);
	if (nperiod == 0 && !merge)
		ws_period("month", "last", o.since, o.until);
	if (o.as_of[0] == '\0' && !merge)
		ws_today(o.as_of);
	if (fmt < 0)
		fmt = isatty(STDOUT_FILENO) ? WS_GRANT_TEXT : WS_GRANT_TSV;
	ws_lang(lang);

	if ((pol = ws_policy_load(polopt, &pe)) == NULL)
		ws_err_die(&pe);
	o.behind_pct = behind >= 0 ? behind : pol->behind_pct;
	o.so_new_min = pol->so_share_new_min;
	o.so_all_min = pol->so_share_all_min;
	ws_policy_free(pol);

	if (merge) {
		if ((g = ws_grant_merge(stdin, "<stdin>", &o, &err)) == NULL)
			ws_die(EX_DATAERR, "%s", err);
	} else {
		db = ws_db_open(dbopt, WS_DB_READ);
		g = ws_grant_build(db, &o, &werr);
		ws_db_close(db);
		if (g == NULL)
			ws_die(werr.code, "--%s: %s", werr.field, werr.msg);
	}
	ws_grant_print(g, fmt, stdout);
	ch = ws_grant_ok(g) ? 0 : EXIT_BEHIND;
	ws_grant_free(g);
	ws_close_stdout();
	return ch;
}
