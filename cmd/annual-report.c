/* annual-report - record social organisations' annual reports and list
 * who has reported, the reviews waiting and the abnormal-activity list */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

/* Exit status when something is past its deadline. */
#define EXIT_OVERDUE 1

static const char usage_text[] =
"usage: annual-report --submit -o org -y year -D date [-d db]\n"
"       annual-report --return -o org -y year -D date -r reason [-d db]\n"
"       annual-report --accept -o org -y year -D date\n"
"                     --conclusion conclusion [-d db]\n"
"       annual-report --import [-I format] [-d db]\n"
"       annual-report -S | -O | --abnormal -y year [-A date] [-d db]\n"
"                     [-P policy] [-f format] [-L lang]\n"
"       annual-report --reviews [-A date] [-d db] [-P policy] [-f format]\n"
"                     [-L lang]\n"
"       annual-report --workdays -y year [-d db]\n";

/* "opt: what", the usage, exit 64 */
#define bad_use(opt, what) ws_bad_use(usage_text, (opt), (what))

/* Keys of the options without a letter. */
enum { K_SUBMIT = WS_OPT_KEY, K_RETURN, K_ACCEPT, K_IMPORT, K_ABNORMAL,
	K_REVIEWS, K_WORKDAYS, K_CONCLUSION };

/* The modes, one per run. */
enum { M_NONE, M_SUBMIT, M_RETURN, M_ACCEPT, M_IMPORT, M_STATUS, M_DUE,
	M_ABNORMAL, M_REVIEWS, M_WORKDAYS };
static const char *const mode_opts[] = { "", "--submit", "--return",
	"--accept", "--import", "--status", "--due", "--abnormal",
	"--reviews", "--workdays" };

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
	if (ws_batch_commit(b, &e) != 0) {
		ws_batch_free(b);
		ws_err_die(&e);
	}
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
	struct ws_annual_event ev = { 0, NULL, 0, NULL, NULL, NULL };
	struct ws_annual_rules rules;
	struct ws_annual_result res;
	struct ws_annual_batch ab;
	struct ws_policy *pol;
	ws_err e = {0};
	ws_doc *doc;
	sqlite3 *db;
	const char *dbopt = NULL, *polopt = NULL, *lang = NULL, *asof = NULL;
	char today[11];
	int ch, mode = M_NONE, fmt = -1, rc = 0;
	enum ws_fmt infmt = WS_FMT_AUTO;
	struct ws_opt opts[] = {
		{ "abnormal", NULL, "the abnormal-activity and spot-check "
		    "lists of a year", K_ABNORMAL, 0, NULL, NULL, 0 },
		{ "accept", NULL, "record a report reviewed, with its "
		    "conclusion", K_ACCEPT, 0, NULL, NULL, 0 },
		{ "as-of", "date", "judge deadlines on this day (today)", 'A',
		    0, NULL, NULL, 0 },
		{ "conclusion", "conclusion", "qualified, basically_qualified "
		    "or unqualified", K_CONCLUSION, 0, NULL, NULL, 0 },
		{ "date", "date", "the day of the event", 0, 0, &ev.date, NULL,
		    0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "due", NULL, "who owes a report (exit 1 past a deadline)",
		    'O', 0, NULL, NULL, 0 },
		{ "format", "format", "text, markdown, csv, tsv, json or html",
		    'f', 0, NULL, NULL, 0 },
		{ "import", NULL, "record the events read from standard input",
		    K_IMPORT, 0, NULL, NULL, 0 },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "lang", "lang", "zh or en", 'L', 0, &lang, NULL, 0 },
		{ "org", "org", "the organisation's code", 0, 0, &ev.org, NULL,
		    0 },
		{ "policy", "policy", NULL, 0, 0, &polopt, NULL, 0 },
		{ "reason", "reason", "what a returned report must correct", 0,
		    0, &ev.reason, NULL, 0 },
		{ "return", NULL, "record a report sent back", K_RETURN, 0, NULL,
		    NULL, 0 },
		{ "reviews", NULL, "reports waiting for review (exit 1 when "
		    "overdue)", K_REVIEWS, 0, NULL, NULL, 0 },
		{ "status", NULL, "every organisation's standing for a year",
		    'S', 0, NULL, NULL, 0 },
		{ "submit", NULL, "record a report received", K_SUBMIT, 0, NULL,
		    NULL, 0 },
		{ "workdays", NULL, "the year's holidays and make-up workdays",
		    K_WORKDAYS, 0, NULL, NULL, 0 },
		{ "year", "year", "the year reported on", 'y', 0, NULL, NULL,
		    0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts,
	    .infmt = &infmt };

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
		case 'O':
			setmode(&mode, M_DUE);
			break;
		case 'S':
			setmode(&mode, M_STATUS);
			break;
		case 'y':
			ev.year = getyear("--year", p.arg);
			break;
		case K_ABNORMAL:
			setmode(&mode, M_ABNORMAL);
			break;
		case K_ACCEPT:
			setmode(&mode, M_ACCEPT);
			break;
		case K_CONCLUSION:
			if (ws_word_index(p.arg, ws_annual_conclusions) < 0)
				bad_use("--conclusion", "unknown conclusion "
				    "(expected qualified, basically_qualified "
				    "or unqualified)");
			ev.conclusion = p.arg;
			break;
		case K_IMPORT:
			setmode(&mode, M_IMPORT);
			break;
		case K_RETURN:
			setmode(&mode, M_RETURN);
			break;
		case K_REVIEWS:
			setmode(&mode, M_REVIEWS);
			break;
		case K_SUBMIT:
			setmode(&mode, M_SUBMIT);
			break;
		case K_WORKDAYS:
			setmode(&mode, M_WORKDAYS);
			break;
		}
	}
	argc -= p.ind;
	argv += p.ind;
	if (argc > 0)
		bad_use(argv[0], "unexpected argument (expected options only)");
	if (mode == M_NONE)
		bad_use(NULL, "no mode (expected --submit, --return, "
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
