/* visit-log - log service contacts, list them, and say who is due */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: visit-log [-BHqRt] [-d db] [-f format] [-I format] [-c case_id ...]\n"
"                 [-w worker] [-D date] [-s start] -m minutes -K kind\n"
"                 [-S status] [-p purpose] [-n note] [-F follow-up]\n"
"                 [-C contract] [-k -j file]\n"
"       visit-log -i [-BHqRt] [-d db] [-f format] [-I format] [-k -j file]\n"
"       visit-log -l [-BH] [-d db] [-f format] [-g by] [-a since] [-u until]\n"
"                 [-M month] [-w worker] [-N community] [-c case_id ...]\n"
"                 [-K kind] [-S status] [-C contract]\n"
"       visit-log -O [-BHR] [-d db] [-f format] [-P policy] [-A as-of]\n"
"                 [-w worker] [-N community]\n";

static const struct option longopts[] = {
	{ "as-of",	required_argument, NULL, 'A' },
	{ "since",	required_argument, NULL, 'a' },
	{ "bom",	no_argument,       NULL, 'B' },
	{ "case",	required_argument, NULL, 'c' },
	{ "contract",	required_argument, NULL, 'C' },
	{ "db",		required_argument, NULL, 'd' },
	{ "date",	required_argument, NULL, 'D' },
	{ "format",	required_argument, NULL, 'f' },
	{ "follow-up",	required_argument, NULL, 'F' },
	{ "summary",	required_argument, NULL, 'g' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "no-header",	no_argument,       NULL, 'H' },
	{ "import",	no_argument,       NULL, 'i' },
	{ "input",	required_argument, NULL, 'I' },
	{ "reject",	required_argument, NULL, 'j' },
	{ "keep-going",	no_argument,       NULL, 'k' },
	{ "kind",	required_argument, NULL, 'K' },
	{ "list",	no_argument,       NULL, 'l' },
	{ "minutes",	required_argument, NULL, 'm' },
	{ "month",	required_argument, NULL, 'M' },
	{ "community",	required_argument, NULL, 'N' },
	{ "note",	required_argument, NULL, 'n' },
	{ "due",	no_argument,       NULL, 'O' },
	{ "purpose",	required_argument, NULL, 'p' },
	{ "policy",	required_argument, NULL, 'P' },
	{ "quiet",	no_argument,       NULL, 'q' },
	{ "reveal",	no_argument,       NULL, 'R' },
	{ "start",	required_argument, NULL, 's' },
	{ "status",	required_argument, NULL, 'S' },
	{ "dry-run",	no_argument,       NULL, 't' },
	{ "until",	required_argument, NULL, 'u' },
	{ "version",	no_argument,       NULL, 'V' },
	{ "worker",	required_argument, NULL, 'w' },
	{ NULL,		0,                 NULL, 0 }
};

enum mode { LOG, IMPORT, LIST, DUE };

/* Options that make sense only in some modes, for usage errors. */
enum {
	O_RECORD = 1,	/* --date --start --minutes --purpose --note ... */
	O_FILTER = 2,	/* --since --until --month --community */
	O_BATCH  = 4,	/* --keep-going --reject --dry-run --quiet */
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* A problem of a visit given with options: "case N: --option: problem"
 * (or "--case: problem"). */
static void
report_opt(void *arg, const char *field, const char *msg)
{
	const struct ws_visit_batch *vb = arg;
	char opt[32], *p;

	if (strcmp(field, "case_id") == 0)
		field = "case";
	snprintf(opt, sizeof opt, "--%s", field);
	for (p = opt; *p; p++)
		if (*p == '_')
			*p = '-';
	if (vb->case_id != NULL && strcmp(field, "case") != 0)
		ws_warn("case %s: %s: %s", vb->case_id, opt, msg);
	else
		ws_warn("%s: %s", opt, msg);
}

/* File scope, so a leak checker sees it when main exits early. */
static sqlite3 *db;

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] =
    "a:A:Bc:C:d:D:f:F:g:hHiI:j:k"
    "K:lm:M:n:N:Op:P:qRs:S:tu:Vw:";

int
main(int argc, char **argv)
{
	struct ws_visit tmpl;
	struct ws_visit_filter flt;
	struct ws_policy *pol = NULL;
	ws_err pe = {0};
	const char *dbopt = NULL, *policy = NULL, *rejpath = NULL;
	const char *asof = NULL, *by = NULL;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	enum mode mode = LOG;
	int ch, nmodes = 0, given = 0, oflags = 0, reveal = 0, keep = 0;
	int dry = 0, quiet = 0, byix = -1, oargc, f;
	char **cases = NULL, today[11], **oargv;
	struct ws_batch_spec spec;
	struct ws_visit_batch vb;
	int64_t *ids = NULL;
	size_t ncases = 0;
	long nbad = 0, rows;
	int rc;
	ws_err e = {0};
	ws_batch *b;
	sqlite3_stmt *st;
	ws_out *out;

	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	ws_set_cmdline(argc, argv, optstring, longopts, "");
	memset(&tmpl, 0, sizeof tmpl);
	memset(&flt, 0, sizeof flt);
	while ((ch = getopt_long(argc, argv, optstring, longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			flt.since = optarg;
			given |= O_FILTER;
			break;
		case 'A':
			asof = optarg;
			break;
		case 'B':
			oflags |= WS_OUT_BOM;
			break;
		case 'c':
			cases = ws_realloc(cases, (ncases + 1) * sizeof *cases);
			cases[ncases++] = optarg;
			break;
		case 'C':
			tmpl.contract = flt.contract = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'D':
			tmpl.date = optarg;
			given |= O_RECORD;
			break;
		case 'f':
			if ((f = ws_fmt_option(optarg, 0)) < 0)
				usage(EX_USAGE);
			fmt = f;
			break;
		case 'F':
			tmpl.follow_up = optarg;
			given |= O_RECORD;
			break;
		case 'g':
			by = optarg;
			break;
		case 'h':
			usage(0);
		case 'H':
			oflags |= WS_OUT_NOHEADER;
			break;
		case 'i':
			mode = IMPORT;
			nmodes++;
			break;
		case 'I':
			if ((f = ws_fmt_option(optarg, 1)) < 0)
				usage(EX_USAGE);
			infmt = f;
			break;
		case 'j':
			rejpath = optarg;
			given |= O_BATCH;
			break;
		case 'k':
			keep = 1;
			given |= O_BATCH;
			break;
		case 'K':
			tmpl.kind = flt.kind = optarg;
			break;
		case 'l':
			mode = LIST;
			nmodes++;
			break;
		case 'm':
			tmpl.minutes = optarg;
			given |= O_RECORD;
			break;
		case 'M':
			flt.month = optarg;
			given |= O_FILTER;
			break;
		case 'n':
			tmpl.note = optarg;
			given |= O_RECORD;
			break;
		case 'N':
			flt.community = optarg;
			given |= O_FILTER;
			break;
		case 'O':
			mode = DUE;
			nmodes++;
			break;
		case 'p':
			tmpl.purpose = optarg;
			given |= O_RECORD;
			break;
		case 'P':
			policy = optarg;
			break;
		case 'q':
			quiet = 1;
			given |= O_BATCH;
			break;
		case 'R':
			reveal = 1;
			break;
		case 's':
			tmpl.start = optarg;
			given |= O_RECORD;
			break;
		case 'S':
			tmpl.status = flt.status = optarg;
			break;
		case 't':
			dry = 1;
			given |= O_BATCH;
			break;
		case 'u':
			flt.until = optarg;
			given |= O_FILTER;
			break;
		case 'V':
			ws_version();
		case 'w':
			tmpl.worker = flt.worker = optarg;
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument (cases are given with --case "
		    "or on standard input)", argv[0]);
		usage(EX_USAGE);
	}
	if (by != NULL && mode == LOG && nmodes == 0) {
		mode = LIST;
		nmodes++;
	}
	if (nmodes > 1) {
		ws_warn("--import, --list and --due cannot be combined");
		usage(EX_USAGE);
	}
	if (mode != DUE && (asof != NULL || policy != NULL)) {
		ws_warn("%s: only with --due", asof ? "--as-of" : "--policy");
		usage(EX_USAGE);
	}
	if (by != NULL && (mode != LIST ||
	    (byix = ws_word_index(by, ws_visit_summaries)) < 0)) {
		ws_warn("--summary: '%s': unknown grouping (expected worker, "
		    "community, kind or month)", by);
		usage(EX_USAGE);
	}
	if ((mode == LIST || mode == DUE) && (given & (O_RECORD | O_BATCH))) {
		ws_warn("%s: record options (--date, --minutes, ...) and "
		    "--keep-going, --reject, --dry-run, --quiet are for "
		    "logging", mode == LIST ? "--list" : "--due");
		usage(EX_USAGE);
	}
	if (mode == DUE && (ncases > 0 || flt.kind || flt.status ||
	    flt.contract || flt.since || flt.until || flt.month)) {
		ws_warn("--due: filters only by --worker and --community");
		usage(EX_USAGE);
	}
	if ((mode == LOG || mode == IMPORT) && (given & O_FILTER)) {
		ws_warn("--since, --until, --month and --community are filters "
		    "for --list");
		usage(EX_USAGE);
	}
	if (mode == IMPORT && (given & O_RECORD || ncases > 0 || tmpl.kind ||
	    tmpl.worker || tmpl.status || tmpl.contract)) {
		ws_warn("--import: the visits' fields come from the input, not "
		    "from options");
		usage(EX_USAGE);
	}
	if (keep != (rejpath != NULL)) {
		ws_warn("--keep-going and --reject FILE go together");
		usage(EX_USAGE);
	}
	if (mode == LOG) {
		if (tmpl.minutes == NULL || tmpl.kind == NULL) {
			ws_warn("%s: required (how long the contact took and "
			    "what kind it was)", tmpl.minutes == NULL ?
			    "--minutes" : "--kind");
			usage(EX_USAGE);
		}
		if (ncases == 0 && isatty(0)) {
			ws_warn("no case given (use --case ID, or give case ids "
			    "on standard input)");
			usage(EX_USAGE);
		}
		if (ncases > 0 && keep) {
			ws_warn("--keep-going: only for cases read from "
			    "standard input");
			usage(EX_USAGE);
		}
	}
	if ((mode == LIST || mode == DUE) && ws_visit_filter_check(&flt, asof,
	    cases, ncases, &ids, &e) != 0) {
		ws_warn("--%s: %s", e.field, e.msg);
		usage(EX_USAGE);
	}

	if (mode == DUE && (pol = ws_policy_load(policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(dbopt, WS_DB_READ);
	if (ws_visit_filter_known(db, &flt, mode == LIST || mode == DUE, &e)) {
		ws_warn("--%s: %s", e.field, e.msg);
		exit(e.code);
	}

	if (mode == LIST || mode == DUE) {
		if (mode == DUE) {
			if (asof == NULL) {
				ws_today(today);
				asof = today;
			}
			st = ws_visit_due(db, pol, asof, flt.worker,
			    flt.community, reveal);
			if (reveal && ws_audit_reveal(db, "visit", oargc - 1,
			    oargv + 1, ws_audit_count(st), &rerr))
				ws_err_die(&rerr);
		} else if (byix >= 0)
			st = ws_visit_summary(db, &flt, byix);
		else
			st = ws_visit_list(db, &flt);
		out = ws_out_new(stdout, fmt, oflags);
		rows = ws_out_run(out, st);
		sqlite3_finalize(st);
		ws_out_free(out);
		ws_db_close(db);
		ws_policy_free(pol);
		free(ids);
		free(cases);
		ws_close_stdout();
		return mode == DUE && rows > 0 ? 1 : 0;
	}

	memset(&vb, 0, sizeof vb);
	if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry, quiet,
	    &e) != 0)
		ws_err_die(&e);
	vb.tmpl = mode == LOG ? &tmpl : NULL;
	vb.cases = cases;
	vb.ncases = ncases;
	vb.opt_err = report_opt;
	ws_visit_batch_spec(&spec, &vb);
	b = ws_batch_new(&spec);
	if ((rc = ws_visit_batch_run(b, &vb, &e)) != 0) {
		if (e.msg != NULL)
			ws_err_warn(&e);
		ws_err_clear(&e);
		ws_batch_free(b);
		ws_db_close(db);
		free(cases);
		return rc;
	}
	ws_batch_rejected(b, NULL);
	if (ws_batch_commit(b, &e) != 0)
		ws_err_die(&e);
	if (!quiet && vb.last > 0) {
		out = ws_out_new(stdout, fmt, oflags);
		ws_visit_batch_print(&vb, out);
		ws_out_free(out);
	}
	if (ws_batch_close(b, &nbad, &e) != 0)	/* a dry run rolls back */
		ws_err_die(&e);
	if (spec.rj != NULL && nbad > 0)
		ws_warn("rejected records written to %s", rejpath);
	ws_db_close(db);
	free(cases);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : 0;
}
