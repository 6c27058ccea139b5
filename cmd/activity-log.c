/* activity-log - log group work sessions and community activities */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static const char usage_text[] =
"usage: activity-log [-BHqt] [-d db] [-f format] [-g group] [-K kind]\n"
"                    [-D date] -m minutes [-T title] [-N community]\n"
"                    [-o org] [-w worker ...] [--participants participants]\n"
"                    [-v volunteers] [-W volunteer-minutes]\n"
"                    [-C contract] [-c case_id ... | -c -] [-n note]\n"
"       activity-log --import [-BHqt] [-d db] [-f format] [-I format]\n"
"                    [-k -j file]\n"
"       activity-log -l [-BH] [-d db] [-f format] [-G by] [-a since]\n"
"                    [-u until] [-M month] [-K kind] [-g group]\n"
"                    [-N community] [-o org] [-w worker] [-C contract]\n"
"                    [-c case_id]\n"
"       activity-log -l [-BH] [-d db] [-f format] [-G by] [-M month |\n"
"                    -Q quarter | -y year | -a since | -u until] [-A as-of]\n"
"       activity-log --add-group group --name name [-o org] [-N community]\n"
"                    [-BH] [-d db] [-f format]\n"
"       activity-log --groups [-BH] [-d db] [-f format]\n"
"       activity-log --void id|- [-r reason] [-c case_id] [-Hqt] [-d db]\n"
"                    [-f format] [-I format] [-k -j file]\n"
"       activity-log --amend id|- [-r reason] [-Hqt] [-d db] [-f format]\n"
"                    [-I format] [-k -j file] [-K kind] [-g group]\n"
"                    [-T title] [-D date] [-m minutes] [-N community]\n"
"                    [-o org] [-w worker ...] [--participants participants]\n"
"                    [-v volunteers] [-W volunteer-minutes] [-C contract]\n"
"                    [-c case_id ...] [-n note]\n";

enum mode { LOG, IMPORT, LIST, ADDGROUP, GROUPS, FIX };
enum { O_ADDGROUP = WS_OPT_KEY, O_IMPORT, O_GROUPS, O_VOID, O_AMEND };
							/* no letter */

enum {
	O_RECORD = 1,	/* --date --minutes --title ... */
	O_FILTER = 2,	/* --since --until --month ... --as-of */
	O_BATCH  = 4,	/* --keep-going --reject */
};

/* Roll back, close and exit 65: a refused activity or group. */
static _Noreturn void
bail(sqlite3 *db)
{
	ws_rollback(db);
	ws_db_close(db);
	exit(EX_DATAERR);
}

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* A problem of the activity given with options: "--option: problem". */
static void
report_err(void *arg, const char *field, const char *msg)
{
	char opt[32], *p;

	if (strcmp(field, "workers") == 0)
		field = "worker";
	else if (strcmp(field, "cases") == 0)
		field = "case";
	snprintf(opt, sizeof opt, "--%s", field);
	for (p = opt; *p; p++)
		if (*p == '_')
			*p = '-';
	ws_warn("%s: %s", opt, ws_msg(msg));
}

int
main(int argc, char **argv)
{
	struct ws_activity a;
	struct ws_activity_filter flt;
	struct ws_batch_spec spec;
	struct ws_activity_batch ab = { NULL, NULL, 0, 0, NULL };
	struct ws_fixer fx;
	const char *fixid = NULL, *set[WS_AFIX_N];
	ws_batch *b;
	ws_err e = {0};
	int onecase;
	const char *dbopt = NULL, *rejpath = NULL, *by = NULL;
	const char *group = NULL, *name = NULL, *asof = NULL;
	struct ws_period_opt per;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	enum mode mode = LOG;
	ws_buf workers = {0}, cases = {0};
	int ch, nmodes = 0, given = 0, oflags = 0, keep = 0, dry = 0;
	int quiet = 0, byix = -1, stdin_cases = 0, ncases = 0, nworkers = 0;
	long nbad = 0;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	ws_out *out;
	char *err;
	struct ws_opt opts[] = {
		{ "since", "date", "on or after this date", 0, O_FILTER,
		    &flt.since, NULL, 0 },
		{ "add-group", "group", "add a group (its code)", O_ADDGROUP,
		    0, &group, NULL, 0 },
		{ "bom", NULL, NULL, 0, 0, NULL, &oflags, WS_OUT_BOM },
		{ "case", "case_id", "a case served (again for more; - reads "
		    "them from standard input)", 'c', 0, NULL, NULL, 0 },
		{ "contract", "contract", "the contract it is booked to", 0, 0,
		    &a.contract, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "name", "name", "--add-group: the group's name", 0, 0, &name,
		    NULL, 0 },
		{ "date", "date", "the day of the activity (today)", 0,
		    O_RECORD, &a.date, NULL, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "group", "group", "the group that met", 0, 0, &a.group, NULL,
		    0 },
		{ "summary", "by", "--list: totals by kind, group, community, "
		    "org, worker or month", 0, 0, &by, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "import", NULL, "log the activities on standard input",
		    O_IMPORT, 0, NULL, NULL, 0 },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "reject", "file", NULL, 0, O_BATCH, &rejpath, NULL, 0 },
		{ "keep-going", NULL, NULL, 0, O_BATCH, NULL, &keep, 0 },
		{ "kind", "kind", "group, event, training, ...", 0, 0, &a.kind,
		    NULL, 0 },
		{ "list", NULL, "list the activities", 'l', 0, NULL, NULL, 0 },
		{ "groups", NULL, "list the groups", O_GROUPS, 0, NULL, NULL,
		    0 },
		{ "minutes", "minutes", "how long it took", 0, O_RECORD,
		    &a.minutes, NULL, 0 },
		{ "month", "month", "one month, YYYY-MM or last", 'M',
		    O_FILTER, NULL, NULL, 0 },
		{ "quarter", "quarter", "one quarter, YYYY-Qn or last", 'Q',
		    O_FILTER, NULL, NULL, 0 },
		{ "year", "year", "one year, YYYY or last", 'y', O_FILTER,
		    NULL, NULL, 0 },
		{ "as-of", "date", "count a period not ended to this day", 0,
		    O_FILTER, &asof, NULL, 0 },
		{ "note", "note", "a note", 0, O_RECORD, &a.note, NULL, 0 },
		{ "community", "community", "the community", 0, 0,
		    &a.community, NULL, 0 },
		{ "org", "org", "the organisation", 0, 0, &a.org, NULL, 0 },
		{ "participants", "participants", "how many took part", 0,
		    O_RECORD, &a.participants, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &quiet, 0 },
		{ "title", "title", "what it was called", 0, O_RECORD,
		    &a.title, NULL, 0 },
		{ "dry-run", NULL, NULL, 0, 0, NULL, &dry, 0 },
		{ "until", "date", "on or before this date", 0, O_FILTER,
		    &flt.until, NULL, 0 },
		{ "volunteers", "volunteers", "how many volunteers helped", 0,
		    O_RECORD, &a.volunteers, NULL, 0 },
		{ "worker", "worker", "a worker who ran it (again for more)",
		    'w', 0, NULL, NULL, 0 },
		{ "volunteer-minutes", "minutes", "the volunteers' minutes, "
		    "all told", 0, O_RECORD, &a.volunteer_minutes, NULL, 0 },
		/* correcting (issue 12) */
		{ "amend", "id", "correct activity id (-: those read)",
		    O_AMEND, 0, &fixid, NULL, 0 },
		{ "reason", "text", "--void, --amend: why", 0, 0, &fx.reason,
		    NULL, 0 },
		{ "void", "id", "void activity id, or with --case one "
		    "attendance (-: those read)", O_VOID, 0, &fixid, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt,
	    .infmt = &infmt, .period = &per };

	ws_init(argv[0]);
	memset(&a, 0, sizeof a);
	memset(&flt, 0, sizeof flt);
	memset(&per, 0, sizeof per);
	memset(&fx, 0, sizeof fx);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case 'c':
			if (strcmp(p.arg, "-") == 0)
				stdin_cases = 1;
			else {
				if (cases.len > 0)
					ws_buf_addc(&cases, ',');
				ws_buf_adds(&cases, p.arg);
			}
			ncases++;
			break;
		case O_ADDGROUP:
		case O_IMPORT:
		case O_GROUPS:
		case 'l':
			mode = ch == O_ADDGROUP ? ADDGROUP : ch == O_IMPORT ?
			    IMPORT : ch == O_GROUPS ? GROUPS : LIST;
			nmodes++;
			break;
		case O_VOID:
		case O_AMEND:
			fx.amend = ch == O_AMEND;
			mode = FIX;
			nmodes++;
			break;
		case 'w':
			if (workers.len > 0)
				ws_buf_addc(&workers, ',');
			ws_buf_adds(&workers, p.arg);
			flt.worker = p.arg;
			nworkers++;
			break;
		}
	}
	given = p.given;
	flt.contract = a.contract;	/* options both a record and a filter */
	flt.group = a.group;
	flt.kind = a.kind;
	flt.community = a.community;
	flt.org = a.org;
	argc -= p.ind;
	argv += p.ind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument", argv[0]);
		usage(EX_USAGE);
	}
	if (by != NULL && nmodes == 0) {
		mode = LIST;
		nmodes++;
	}
	if (nmodes > 1) {
		ws_warn("--import, --list, --add-group, --groups, --void and "
		    "--amend cannot be combined");
		usage(EX_USAGE);
	}
	if (by != NULL && (mode != LIST ||
	    (byix = ws_word_index(by, ws_activity_summaries)) < 0)) {
		ws_warn("--summary: '%s': unknown grouping (expected kind, "
		    "group, community, org, worker or month)", by);
		usage(EX_USAGE);
	}
	if (name != NULL && mode != ADDGROUP) {
		ws_warn("--name: only with --add-group");
		usage(EX_USAGE);
	}
	if (keep != (rejpath != NULL)) {
		ws_warn("--keep-going and --reject FILE go together");
		usage(EX_USAGE);
	}
	if (mode != FIX && fx.reason != NULL) {
		ws_warn("--reason: only with --void or --amend");
		usage(EX_USAGE);
	}
	if (mode == FIX && (stdin_cases || (given & O_FILTER) || (!fx.amend &&
	    (ncases > 1 || nworkers || (given & O_RECORD) || a.kind ||
	    a.group || a.community || a.org || a.contract)))) {
		ws_warn("%s: %s", fx.amend ? "--amend" : "--void", fx.amend ?
		    "give the fields to change (--case again for each "
		    "attending case), not filters" : "a void takes the "
		    "activity, the reason, and at most one --case");
		usage(EX_USAGE);
	}
	if (mode != IMPORT && mode != FIX && keep) {
		ws_warn("--keep-going: only with --import");
		usage(EX_USAGE);
	}
	if (mode != LIST && (given & O_FILTER)) {
		ws_warn("--since, --until and --month are filters for --list"
		    " (and --quarter, --year, --as-of)");
		usage(EX_USAGE);
	}
	if (mode != LOG && mode != FIX && (given & O_RECORD)) {
		ws_warn("record options (--date, --minutes, ...) are for "
		    "logging an activity");
		usage(EX_USAGE);
	}
	if (mode == IMPORT && (ncases || nworkers || a.kind || a.group ||
	    a.community || a.org || a.contract)) {
		ws_warn("--import: the activities' fields come from the input, "
		    "not from options");
		usage(EX_USAGE);
	}
	if ((mode == ADDGROUP || mode == GROUPS) && (ncases || nworkers ||
	    a.kind || a.group || a.contract || (mode == GROUPS &&
	    (a.org || a.community)))) {
		ws_warn("%s: unexpected option", mode == ADDGROUP ?
		    "--add-group" : "--groups");
		usage(EX_USAGE);
	}
	if (mode == ADDGROUP && name == NULL) {
		ws_warn("--add-group: --name is required");
		usage(EX_USAGE);
	}
	if (mode == LOG) {
		if (a.minutes == NULL) {
			ws_warn("--minutes: required (how long the activity "
			    "took)");
			usage(EX_USAGE);
		}
		if (stdin_cases && isatty(0)) {
			ws_warn("--case -: standard input is a terminal "
			    "(pipe case ids in)");
			usage(EX_USAGE);
		}
	}
	if (mode == LIST) {
		/* the one case is parsed only when the --list check passes */
		onecase = nworkers <= 1 && ncases == 1 && !stdin_cases;
		if (ws_activity_filter_check(&flt, onecase ? cases.s : NULL,
		    &e) != 0 || ws_filter_period(&per, &flt.since, &flt.until,
		    asof, &e) != 0) {
			ws_warn("--%s: %s", e.field, e.msg);
			usage(EX_USAGE);
		}
		if (nworkers > 1 || ncases > 1 || stdin_cases) {
			ws_warn("--list: give at most one --worker and one "
			    "--case");
			usage(EX_USAGE);
		}
	}

	db = ws_db_open(dbopt, WS_DB_READ);
	if (mode == LIST || mode == GROUPS) {
		if (mode == GROUPS)
			st = ws_group_list(db);
		else if (byix >= 0)
			st = ws_activity_summary(db, &flt, byix);
		else
			st = ws_activity_list(db, &flt);
		ws_out_query(st, fmt, oflags);
		goto done;
	}
	if (mode == ADDGROUP) {
		ws_begin(db);
		if ((err = ws_group_add(db, group, name, a.org, a.community))
		    != NULL) {
			ws_warn("--%s%s", strncmp(err, "group:", 6) == 0 ?
			    "add-" : "", err);
			free(err);
			bail(db);
		}
		ws_commit(db);
		out = ws_out_new(stdout, fmt, oflags);
		ws_group_print(db, group, out);
		ws_out_free(out);
		goto done;
	}

	if (mode == FIX) {
		if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry,
		    quiet, &e) != 0)
			ws_err_die(&e);
		a.workers = workers.s;
		a.cases = fx.amend ? cases.s : NULL;
		ws_activity_fix_set(set, fixid, fx.amend ? NULL : cases.s, &a);
		fx.set = strcmp(fixid, "-") == 0 ? NULL : set;
		fx.kind = &ws_fix_activity;
		nbad = ws_fixer_cmd(&spec, &fx, fmt, oflags);
		goto done;	/* its exit: what ws_fixer_cmd returned */
	}
	if (stdin_cases && ws_case_ids_read(stdin, "<stdin>", infmt, quiet,
	    &cases, &e) != 0)
		ws_err_die(&e);
	if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry, quiet,
	    &e) != 0)
		ws_err_die(&e);
	a.workers = workers.s;
	a.cases = cases.s;
	ab.tmpl = mode == LOG ? &a : NULL;
	ab.opt_err = report_err;
	ws_activity_batch_spec(&spec, &ab);
	b = ws_batch_new(&spec);
	if (ws_activity_batch_run(b, &ab, &e) != 0) {
		if (e.msg != NULL && mode == IMPORT)	/* else said by field */
			ws_err_warn(&e);
		ws_err_clear(&e);
		ws_batch_free(b);
		bail(db);
	}
	ws_batch_rejected(b, NULL);
	if (ws_batch_commit(b, &e) != 0)
		ws_err_die(&e);
	if (!quiet && ab.last > 0) {
		out = ws_out_new(stdout, fmt, oflags);
		ws_activity_print_range(db, ab.first, ab.last, out);
		ws_out_free(out);
	}
	if (ws_batch_close(b, &nbad, &e) != 0)	/* a dry run rolls back */
		ws_err_die(&e);
	if (spec.rj != NULL && nbad > 0)
		ws_warn("rejected records written to %s", rejpath);
done:
	ws_db_close(db);
	ws_buf_free(&workers);
	ws_buf_free(&cases);
	ws_close_stdout();
	return mode == FIX ? (int)nbad : nbad > 0 ? EX_DATAERR : 0;
}
