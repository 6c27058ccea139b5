/* grant-report - what each purchased-service contract delivered, what was
 * paid, and the policy ratios of the spending */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when a contract is behind or a ratio is below policy. */
#define EXIT_BEHIND 2

static const char usage_text[] =
"usage: grant-report [-d db] [-P policy] [-m month | -q quarter | -y year |\n"
"                    -s since [-u until]] [-c contract] [-p provider]\n"
"                    [-k kind] [-C community] [-b percent] [-f format]\n"
"                    [-l lang]\n"
"       grant-report -M [-P policy] [-b percent] [-f format] [-l lang]\n";

static const struct option longopts[] = {
	{ "behind",	required_argument, NULL, 'b' },
	{ "contract",	required_argument, NULL, 'c' },
	{ "community",	required_argument, NULL, 'C' },
	{ "db",		required_argument, NULL, 'd' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "kind",	required_argument, NULL, 'k' },
	{ "lang",	required_argument, NULL, 'l' },
	{ "month",	required_argument, NULL, 'm' },
	{ "merge",	no_argument,       NULL, 'M' },
	{ "provider",	required_argument, NULL, 'p' },
	{ "policy",	required_argument, NULL, 'P' },
	{ "quarter",	required_argument, NULL, 'q' },
	{ "since",	required_argument, NULL, 's' },
	{ "until",	required_argument, NULL, 'u' },
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

/* One of --month, --quarter, --year, --since/--until. */
static void
period(const char *opt, const char *val, struct ws_grant_opts *o,
    int *nperiod, int *range)
{
	const char *e;
	char name[16];

	snprintf(name, sizeof name, "--%s", opt);
	if (strcmp(opt, "since") == 0 || strcmp(opt, "until") == 0) {
		if (!*range)
			(*nperiod)++;
		*range = 1;
	} else
		(*nperiod)++;
	if (*nperiod > 1)
		bad_use(name, "a second period (expected one of --month, "
		    "--quarter, --year, --since/--until)");
	if ((e = ws_period(opt, val, o->since, o->until)) != NULL)
		bad_use(name, e);
}

int
main(int argc, char *argv[])
{
	struct ws_grant_opts o;
	struct ws_policy *pol;
	ws_err werr = {0};
	ws_grant *g;
	sqlite3 *db;
	char *err;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *e;
	int ch, fmt = -1, merge = 0, nperiod = 0, range = 0, filters = 0;
	int64_t behind = -1;
	ws_err pe = {0};

	ws_init(argv[0]);
	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, "b:c:C:d:f:hk:l:m:Mp:P:q:s:u:Vy:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if ((e = ws_parse_dec2(optarg, &behind)) != NULL)
				bad_use("--behind", e);
			if (behind > 10000)
				bad_use("--behind", "over 100 (expected a "
				    "percentage 0 to 100)");
			break;
		case 'c':
			o.contract = optarg;
			filters++;
			break;
		case 'C':
			o.community = optarg;
			filters++;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			if ((fmt = ws_grant_fmt_parse(optarg)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, csv, tsv, json, html or "
				    "xlsx)");
			/* issue 14: a workbook is not for a terminal */
			if (fmt == WS_GRANT_XLSX && isatty(STDOUT_FILENO))
				bad_use("--format", "xlsx: standard output is "
				    "a terminal (redirect it to a file: > "
				    "report.xlsx)");
			break;
		case 'h':
			usage(0);
		case 'k':
			if (ws_word_index(optarg, ws_contract_kinds) < 0)
				bad_use("--kind", "unknown contract kind "
				    "(expected post, project or "
				    "venture_philanthropy)");
			o.kind = optarg;
			filters++;
			break;
		case 'l':
			lang = optarg;
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		case 'm':
			period("month", optarg, &o, &nperiod, &range);
			break;
		case 'M':
			merge = 1;
			break;
		case 'p':
			o.provider = optarg;
			filters++;
			break;
		case 'P':
			polopt = optarg;
			break;
		case 'q':
			period("quarter", optarg, &o, &nperiod, &range);
			break;
		case 's':
			period("since", optarg, &o, &nperiod, &range);
			break;
		case 'u':
			period("until", optarg, &o, &nperiod, &range);
			break;
		case 'V':
			ws_version();
		case 'y':
			period("year", optarg, &o, &nperiod, &range);
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (merge && (nperiod > 0 || filters > 0 || dbopt != NULL))
		bad_use("--merge", "takes no database, period or filter "
		    "(the reports on stdin carry them)");
	if (range) {
		if (o.since[0] == '\0')
			bad_use("--until", "without --since (expected both, "
			    "or --since alone for up to today)");
		if (o.until[0] == '\0')
			ws_today(o.until);
		if (strcmp(o.since, o.until) > 0)
			bad_use("--since", "after --until (expected a "
			    "period that runs forward)");
	} else if (nperiod == 0 && !merge)
		ws_period("month", "last", o.since, o.until);
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
