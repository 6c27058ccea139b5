/* visit-log - log service contacts, list them, and say who is due */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: visit-log [-BHqRt] [-d db] [-f format] [-I format] [-c case_id ...]\n"
"                 [-w worker] [-D date] [-s start] -m minutes -K kind\n"
"                 [-S status] [--purpose purpose] [-n note]\n"
"                 [--follow-up follow-up] [-C contract] [-k -j file]\n"
"       visit-log --import [-BHqRt] [-d db] [-f format] [-I format]\n"
"                 [-k -j file]\n"
"       visit-log -l [-BH] [-d db] [-f format] [-G by] [-a since] [-u until]\n"
"                 [-M month] [-w worker] [-N community] [-c case_id ...]\n"
"                 [-K kind] [-S status] [-C contract]\n"
"       visit-log -l [-BH] [-d db] [-f format] [-G by] [-M month | -Q quarter |\n"
"                 -y year | -a since | -u until] [-A as-of]\n"
"       visit-log -O [-BHR] [-d db] [-f format] [-P policy] [-A as-of]\n"
"                 [-w worker] [-N community]\n"
"       visit-log --void id|- [-r reason] [-Hqt] [-d db] [-f format]\n"
"                 [-I format] [-k -j file]\n"
"       visit-log --amend id|- [-r reason] [-Hqt] [-d db] [-f format]\n"
"                 [-I format] [-k -j file] [-w worker] [-D date] [-s start]\n"
"                 [-m minutes] [-K kind] [-S status] [--purpose purpose]\n"
"                 [-n note] [--follow-up follow-up] [-C contract]\n";

enum mode { LOG, IMPORT, LIST, DUE, FIX };
enum { O_IMPORT = WS_OPT_KEY, O_VOID, O_AMEND };	/* keys of options
							   with no letter */

/* Options that make sense only in some modes, for usage errors. */
enum {
	O_RECORD = 1,	/* --date --start --minutes --purpose --note ... */
	O_FILTER = 2,	/* --since --until --month ... --community */
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
		ws_warn("case %s: %s: %s", vb->case_id, opt, ws_msg(msg));
	else
		ws_warn("%s: %s", opt, ws_msg(msg));
}

/* File scope, so a leak checker sees it when main exits early. */
static sqlite3 *db;

int
main(int argc, char **argv)
{
	struct ws_visit tmpl;
	struct ws_visit_filter flt;
	struct ws_fixer vf;
	const char *fixid = NULL, *set[WS_VFIX_N];
	struct ws_policy *pol = NULL;
	ws_err pe = {0};
	const char *dbopt = NULL, *policy = NULL, *rejpath = NULL;
	const char *asof = NULL, *by = NULL;
	struct ws_period_opt per;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	enum mode mode = LOG;
	int ch, nmodes = 0, given = 0, oflags = 0, reveal = 0, keep = 0;
	int dry = 0, quiet = 0, byix = -1, oargc;
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
	struct ws_opt opts[] = {
		{ "as-of", "date", "--due: the day to count from (today); "
		    "--list: count a period to this day", 0, 0, &asof, NULL,
		    0 },
		{ "since", "date", "visits on or after this date", 0, O_FILTER,
		    &flt.since, NULL, 0 },
		{ "bom", NULL, NULL, 0, 0, NULL, &oflags, WS_OUT_BOM },
		{ "case", "case_id", "the case (again for more)", 'c', 0, NULL,
		    NULL, 0 },
		{ "contract", "contract", "the contract the visit is for", 0,
		    0, &tmpl.contract, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "date", "date", "the day of the visit (today)", 0, O_RECORD,
		    &tmpl.date, NULL, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "follow-up", "date", "the day of the next contact", 0,
		    O_RECORD, &tmpl.follow_up, NULL, 0 },
		{ "summary", "by", "--list: totals by worker, community, kind "
		    "or month", 0, 0, &by, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "import", NULL, "log the visits on standard input",
		    O_IMPORT, 0, NULL, NULL, 0 },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "reject", "file", NULL, 0, O_BATCH, &rejpath, NULL, 0 },
		{ "keep-going", NULL, NULL, 0, O_BATCH, NULL, &keep, 0 },
		{ "kind", "kind", "home_visit, phone, office, ...", 0, 0,
		    &tmpl.kind, NULL, 0 },
		{ "list", NULL, "list the visits", 'l', 0, NULL, NULL, 0 },
		{ "minutes", "minutes", "how long the contact took", 0,
		    O_RECORD, &tmpl.minutes, NULL, 0 },
		{ "month", "month", "visits of one month, YYYY-MM or last",
		    'M', O_FILTER, NULL, NULL, 0 },
		{ "quarter", "quarter", "visits of one quarter, YYYY-Qn or "
		    "last", 'Q', O_FILTER, NULL, NULL, 0 },
		{ "year", "year", "visits of one year, YYYY or last", 'y',
		    O_FILTER, NULL, NULL, 0 },
		{ "community", "community", "visits in one community", 0,
		    O_FILTER, &flt.community, NULL, 0 },
		{ "note", "note", "a note", 0, O_RECORD, &tmpl.note, NULL, 0 },
		{ "due", NULL, "the cases due for a visit", 'O', 0, NULL, NULL,
		    0 },
		{ "purpose", "purpose", "what the visit was for", 0, O_RECORD,
		    &tmpl.purpose, NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &policy, NULL, 0 },
		{ "quiet", NULL, NULL, 0, O_BATCH, NULL, &quiet, 0 },
		{ "reveal", NULL, NULL, 0, 0, NULL, &reveal, 0 },
		{ "start", "HH:MM", "the time the visit began", 0, O_RECORD,
		    &tmpl.start, NULL, 0 },
		{ "status", "status", "done, missed or cancelled", 0, 0,
		    &tmpl.status, NULL, 0 },
		{ "dry-run", NULL, NULL, 0, O_BATCH, NULL, &dry, 0 },
		{ "until", "date", "visits on or before this date", 0,
		    O_FILTER, &flt.until, NULL, 0 },
		{ "worker", "worker", "the worker who made the visit", 0, 0,
		    &tmpl.worker, NULL, 0 },
		/* correcting (issue 12) */
		{ "amend", "id", "correct visit id (-: those read)", O_AMEND,
		    0, &fixid, NULL, 0 },
		{ "reason", "text", "--void, --amend: why", 0, 0, &vf.reason,
		    NULL, 0 },
		{ "void", "id", "void visit id (-: those read)", O_VOID, 0,
		    &fixid, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt,
	    .infmt = &infmt, .period = &per };

	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	memset(&tmpl, 0, sizeof tmpl);
	memset(&flt, 0, sizeof flt);
	memset(&vf, 0, sizeof vf);
	memset(&per, 0, sizeof per);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case 'c':
			cases = ws_realloc(cases, (ncases + 1) * sizeof *cases);
			cases[ncases++] = p.arg;
			break;
		case O_IMPORT:
		case 'l':
		case 'O':
			mode = ch == O_IMPORT ? IMPORT : ch == 'l' ? LIST : DUE;
			nmodes++;
			break;
		case O_VOID:
		case O_AMEND:
			vf.amend = ch == O_AMEND;
			mode = FIX;
			nmodes++;
			break;
		}
	}
	given = p.given;
	flt.kind = tmpl.kind;		/* options both a visit and a filter */
	flt.contract = tmpl.contract;
	flt.status = tmpl.status;
	flt.worker = tmpl.worker;
	argc -= p.ind;
	argv += p.ind;
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
		ws_warn("--import, --list, --due, --void and --amend cannot be "
		    "combined");
		usage(EX_USAGE);
	}
	if (mode == FIX && (ncases > 0 || (given & O_FILTER) || by != NULL ||
	    (!vf.amend && (given & O_RECORD || tmpl.kind || tmpl.worker ||
	    tmpl.status || tmpl.contract)))) {
		ws_warn("%s: %s", vf.amend ? "--amend" : "--void", vf.amend ?
		    "give the fields to change, not cases or filters" :
		    "a void takes only the visit and the reason");
		usage(EX_USAGE);
	}
	if (mode != FIX && vf.reason != NULL) {
		ws_warn("--reason: only with --void or --amend");
		usage(EX_USAGE);
	}
	if ((mode != DUE && policy != NULL) || (mode != DUE && mode != LIST &&
	    asof != NULL)) {
		ws_warn("%s: only with --due", policy ? "--policy" : "--as-of");
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
	    flt.contract || flt.since || flt.until || per.n)) {
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
	if ((mode == LIST || mode == DUE) && (ws_visit_filter_check(&flt, asof,
	    cases, ncases, &ids, &e) != 0 || (mode == LIST &&
	    ws_filter_period(&per, &flt.since, &flt.until, asof, &e) != 0))) {
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
		rows = ws_out_query(st, fmt, oflags);
		ws_db_close(db);
		ws_policy_free(pol);
		free(ids);
		free(cases);
		ws_close_stdout();
		return mode == DUE && rows > 0 ? 1 : 0;
	}

	if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry, quiet,
	    &e) != 0)
		ws_err_die(&e);
	if (mode == FIX) {
		ws_visit_fix_set(set, strcmp(fixid, "-") == 0 ? NULL : fixid,
		    &tmpl);
		vf.set = strcmp(fixid, "-") == 0 ? NULL : set;
		vf.kind = &ws_fix_visit;
		rc = ws_fixer_cmd(&spec, &vf, fmt, oflags);
		ws_db_close(db);
		ws_close_stdout();
		return rc;
	}
	memset(&vb, 0, sizeof vb);
	vb.tmpl = mode == LOG ? &tmpl : NULL;
	vb.cases = cases;
	vb.ncases = ncases;
	vb.opt_err = report_opt;
	ws_visit_batch_spec(&spec, &vb);
	spec.bulk = mode == IMPORT;	/* one audit row (issue 18) */
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
	if (mode == LOG && ncases == 0 && ws_batch_nrec(b) == 0)
		ws_warn("<stdin>: no cases in the input; nothing logged");
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
