/* annual-report - record social organisations' annual reports and list
 * who has reported, the reviews waiting and the abnormal-activity list */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when something is past its deadline. */
#define EXIT_OVERDUE 1

static const char usage_text[] =
"usage: annual-report -S -o org -y year -D date [-d db]\n"
"       annual-report -R -o org -y year -D date -r reason [-d db]\n"
"       annual-report -A -o org -y year -D date -c conclusion [-d db]\n"
"       annual-report -i [-I format] [-d db]\n"
"       annual-report -s | -u | -a -y year [-t date] [-d db] [-P policy]\n"
"                     [-f format] [-l lang]\n"
"       annual-report -v [-t date] [-d db] [-P policy] [-f format]\n"
"                     [-l lang]\n"
"       annual-report -W -y year [-d db]\n";

static const struct option longopts[] = {
	{ "abnormal",	no_argument,       NULL, 'a' },
	{ "accept",	no_argument,       NULL, 'A' },
	{ "conclusion",	required_argument, NULL, 'c' },
	{ "db",		required_argument, NULL, 'd' },
	{ "date",	required_argument, NULL, 'D' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "import",	no_argument,       NULL, 'i' },
	{ "input",	required_argument, NULL, 'I' },
	{ "lang",	required_argument, NULL, 'l' },
	{ "org",	required_argument, NULL, 'o' },
	{ "policy",	required_argument, NULL, 'P' },
	{ "reason",	required_argument, NULL, 'r' },
	{ "return",	no_argument,       NULL, 'R' },
	{ "status",	no_argument,       NULL, 's' },
	{ "submit",	no_argument,       NULL, 'S' },
	{ "as-of",	required_argument, NULL, 't' },
	{ "due",	no_argument,       NULL, 'u' },
	{ "reviews",	no_argument,       NULL, 'v' },
	{ "version",	no_argument,       NULL, 'V' },
	{ "workdays",	no_argument,       NULL, 'W' },
	{ "year",	required_argument, NULL, 'y' },
	{ NULL,		0,                 NULL, 0 }
};

/* The modes, one per run. */
enum { M_NONE, M_SUBMIT, M_RETURN, M_ACCEPT, M_IMPORT, M_STATUS, M_DUE,
	M_ABNORMAL, M_REVIEWS, M_WORKDAYS };
static const char *const mode_opts[] = { "", "--submit", "--return",
	"--accept", "--import", "--status", "--due", "--abnormal",
	"--reviews", "--workdays" };

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
	if (*mode != M_NONE && *mode != m)
		bad_use(mode_opts[m], "with another mode (expected one of "
		    "--submit, --return, --accept, --import, --status, --due, "
		    "--abnormal, --reviews, --workdays)");
	*mode = m;
}

static int
getyear(const char *opt, const char *s)
{
	int64_t y;
	const char *e;

	if ((e = ws_parse_int(s, 1900, 2998, &y)) != NULL)
		bad_use(opt, e);
	return (int)y;
}

/* Record the events of ab through the batch loop: all or nothing.
 * Returns 0 or 65 (the problems said). */
static int
record(sqlite3 *db, struct ws_annual_batch *ab, int infmt)
{
	struct ws_batch_spec spec;
	ws_batch *b;
	ws_err e = {0};
	long nbad;

	if (ws_batch_spec_stdin(&spec, db, infmt, NULL, 0, 0, 1, &e) != 0)
		ws_err_die(&e);
	ws_annual_batch_spec(&spec, ab);
	b = ws_batch_new(&spec);
	if (ws_annual_batch_run(b, ab, &e) != 0) {
		if (e.msg != NULL && ab->tmpl == NULL)
			ws_err_warn(&e);
		ws_err_clear(&e);
		ws_batch_free(b);
		return EX_DATAERR;
	}
	ws_batch_commit(b);
	if (ws_batch_close(b, &nbad, &e) != 0)
		ws_err_die(&e);
	return 0;
}

/* --workdays: the year's days that break the Monday-Friday rule. */
static void
workdays(int year)
{
	ws_out *o = ws_out_new(stdout, WS_FMT_AUTO, 0);
	static const char *const cols[] = { "date", "weekday", "workday",
	    NULL };
	char s[11];
	long d, last;

	snprintf(s, sizeof s, "%04u-12-31", (unsigned)year % 10000);
	last = ws_date_days(s);
	snprintf(s, sizeof s, "%04u-01-01", (unsigned)year % 10000);
	if (year > ws_cal_last_year())
		ws_warn("%d: beyond the last year the working-day calendar "
		    "knows (%d): weekends only", year, ws_cal_last_year());
	ws_out_cols(o, 3, cols);
	for (d = ws_date_days(s); d <= last; d++) {
		if (ws_cal_workday(d) == (ws_weekday(d) <= 5))
			continue;
		ws_days_date(d, s);
		ws_out_str(o, s);
		ws_out_int(o, ws_weekday(d));
		ws_out_int(o, ws_cal_workday(d));
		ws_out_end(o);
	}
	ws_out_free(o);
}

int
main(int argc, char *argv[])
{
	struct ws_annual_event ev;
	struct ws_annual_rules rules;
	struct ws_annual_result res;
	struct ws_annual_batch ab;
	struct ws_policy *pol;
	ws_err e = {0};
	ws_doc *doc;
	sqlite3 *db;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *asof = NULL;
	char today[11];
	int ch, mode = M_NONE, fmt = -1, infmt = WS_FMT_AUTO, rc = 0;

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	memset(&ev, 0, sizeof ev);
	while ((ch = getopt_long(argc, argv, "aAc:d:D:f:hiI:l:o:P:r:RsSt:uvVWy:",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			setmode(&mode, M_ABNORMAL);
			break;
		case 'A':
			setmode(&mode, M_ACCEPT);
			break;
		case 'c':
			if (ws_word_index(optarg, ws_annual_conclusions) < 0)
				bad_use("--conclusion", "unknown conclusion "
				    "(expected qualified, basically_qualified "
				    "or unqualified)");
			ev.conclusion = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'D':
			ev.date = optarg;
			break;
		case 'f':
			if ((fmt = ws_fmt_word(optarg, WS_FMTS_DOC)) < 0)
				bad_use("--format", "unknown format (expected "
				    "text, markdown, csv, tsv, json or html)");
			break;
		case 'h':
			usage(0);
		case 'i':
			setmode(&mode, M_IMPORT);
			break;
		case 'I':
			if ((infmt = ws_fmt_option(optarg, 1)) < 0)
				usage(EX_USAGE);
			break;
		case 'l':
			lang = optarg;
			if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
				bad_use("--lang", "unknown language (expected "
				    "zh or en)");
			break;
		case 'o':
			ev.org = optarg;
			break;
		case 'P':
			polopt = optarg;
			break;
		case 'r':
			ev.reason = optarg;
			break;
		case 'R':
			setmode(&mode, M_RETURN);
			break;
		case 's':
			setmode(&mode, M_STATUS);
			break;
		case 'S':
			setmode(&mode, M_SUBMIT);
			break;
		case 't':
			if (ws_check_date(optarg) != NULL)
				bad_use("--as-of", "not a date (expected "
				    "YYYY-MM-DD)");
			asof = optarg;
			break;
		case 'u':
			setmode(&mode, M_DUE);
			break;
		case 'v':
			setmode(&mode, M_REVIEWS);
			break;
		case 'V':
			ws_version();
		case 'W':
			setmode(&mode, M_WORKDAYS);
			break;
		case 'y':
			ev.year = getyear("--year", optarg);
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (mode == M_NONE)
		bad_use("annual-report", "no mode (expected --submit, --return, "
		    "--accept, --import, --status, --due, --abnormal, "
		    "--reviews or --workdays)");
	if (mode != M_IMPORT && mode != M_REVIEWS && ev.year == 0)
		bad_use(mode_opts[mode], "needs --year");
	if (mode >= M_SUBMIT && mode <= M_ACCEPT) {
		if (ev.org == NULL)
			bad_use(mode_opts[mode], "needs --org");
		if (ev.date == NULL)
			bad_use(mode_opts[mode], "needs --date");
		if (mode == M_RETURN && (ev.reason == NULL || !*ev.reason))
			bad_use("--return", "needs --reason (what to correct)");
		if (mode == M_ACCEPT && ev.conclusion == NULL)
			bad_use("--accept", "needs --conclusion");
	}
	if (fmt < 0)
		fmt = isatty(STDOUT_FILENO) ? WS_FMT_TEXT : WS_FMT_TSV;
	ws_lang(lang);
	if ((pol = ws_policy_load(polopt, &e)) == NULL)
		ws_err_die(&e);
	ws_annual_rules(&rules, pol);
	if (asof == NULL) {
		ws_today(today);
		asof = today;
	}

	db = ws_db_open(dbopt, WS_DB_READ);
	ws_cal_load(db);
	switch (mode) {
	case M_SUBMIT:
	case M_RETURN:
	case M_ACCEPT:
	case M_IMPORT:
		ev.kind = mode - M_SUBMIT;
		ab.r = &rules;
		ab.tmpl = mode == M_IMPORT ? NULL : &ev;
		rc = record(db, &ab, infmt);
		break;
	case M_WORKDAYS:
		workdays(ev.year);
		break;
	default:
		doc = ws_annual_list(db, &rules, mode == M_STATUS ?
		    WS_AR_STATUS : mode == M_DUE ? WS_AR_DUE : mode ==
		    M_ABNORMAL ? WS_AR_ABNORMAL : WS_AR_REVIEWS, ev.year,
		    asof, &res);
		if (res.beyond[0] != '\0')
			ws_warn("%s: beyond the last year the working-day "
			    "calendar knows (%d): weekends only (add the "
			    "year's days with wushe-db load, key calendar)",
			    res.beyond, ws_cal_last_year());
		ws_doc_print(doc, fmt, 0, stdout);
		ws_doc_free(doc);
		if ((mode == M_DUE || mode == M_REVIEWS) && res.flagged > 0)
			rc = EXIT_OVERDUE;
	}
	ws_cal_clear();
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return rc;
}
