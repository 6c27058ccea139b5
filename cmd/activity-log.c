/* activity-log - log group work sessions and community activities */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static const char usage_text[] =
"usage: activity-log [-BHqt] [-d db] [-f format] [-g group] [-K kind]\n"
"                    [-D date] -m minutes [-T title] [-N community]\n"
"                    [-o org] [-w worker ...] [-p participants]\n"
"                    [-v volunteers] [-W volunteer-minutes]\n"
"                    [-C contract] [-c case_id ... | -c -] [-n note]\n"
"       activity-log -i [-BHqt] [-d db] [-f format] [-I format] [-k -j file]\n"
"       activity-log -l [-BH] [-d db] [-f format] [-G by] [-a since]\n"
"                    [-u until] [-M month] [-K kind] [-g group]\n"
"                    [-N community] [-o org] [-w worker] [-C contract]\n"
"                    [-c case_id]\n"
"       activity-log -A group -e name [-o org] [-N community]\n"
"                    [-BH] [-d db] [-f format]\n"
"       activity-log -L [-BH] [-d db] [-f format]\n";

static const struct option longopts[] = {
	{ "since",		required_argument, NULL, 'a' },
	{ "add-group",		required_argument, NULL, 'A' },
	{ "bom",		no_argument,       NULL, 'B' },
	{ "case",		required_argument, NULL, 'c' },
	{ "contract",		required_argument, NULL, 'C' },
	{ "db",			required_argument, NULL, 'd' },
	{ "name",		required_argument, NULL, 'e' },
	{ "date",		required_argument, NULL, 'D' },
	{ "format",		required_argument, NULL, 'f' },
	{ "group",		required_argument, NULL, 'g' },
	{ "summary",		required_argument, NULL, 'G' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "no-header",		no_argument,       NULL, 'H' },
	{ "import",		no_argument,       NULL, 'i' },
	{ "input",		required_argument, NULL, 'I' },
	{ "reject",		required_argument, NULL, 'j' },
	{ "keep-going",		no_argument,       NULL, 'k' },
	{ "kind",		required_argument, NULL, 'K' },
	{ "list",		no_argument,       NULL, 'l' },
	{ "groups",		no_argument,       NULL, 'L' },
	{ "minutes",		required_argument, NULL, 'm' },
	{ "month",		required_argument, NULL, 'M' },
	{ "note",		required_argument, NULL, 'n' },
	{ "community",		required_argument, NULL, 'N' },
	{ "org",		required_argument, NULL, 'o' },
	{ "participants",	required_argument, NULL, 'p' },
	{ "quiet",		no_argument,       NULL, 'q' },
	{ "title",		required_argument, NULL, 'T' },
	{ "dry-run",		no_argument,       NULL, 't' },
	{ "until",		required_argument, NULL, 'u' },
	{ "volunteers",		required_argument, NULL, 'v' },
	{ "version",		no_argument,       NULL, 'V' },
	{ "worker",		required_argument, NULL, 'w' },
	{ "volunteer-minutes",	required_argument, NULL, 'W' },
	{ NULL,			0,                 NULL, 0 }
};

enum mode { LOG, IMPORT, LIST, ADDGROUP, GROUPS };

enum {
	O_RECORD = 1,	/* --date --minutes --title ... */
	O_FILTER = 2,	/* --since --until --month */
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
	ws_warn("%s: %s", opt, msg);
}

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] =
    "a:A:Bc:C:d:D:e:f:g:G:hHiI:j:k"
    "K:lLm:M:n:N:o:p:qT:tu:v:Vw:W:";

int
main(int argc, char **argv)
{
	struct ws_activity a;
	struct ws_activity_filter flt;
	struct ws_batch_spec spec;
	struct ws_activity_batch ab = { NULL, NULL, 0, 0, NULL };
	ws_batch *b;
	ws_err e = {0};
	int onecase;
	const char *dbopt = NULL, *rejpath = NULL, *by = NULL;
	const char *group = NULL, *name = NULL;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	enum mode mode = LOG;
	ws_buf workers = {0}, cases = {0};
	int ch, nmodes = 0, given = 0, oflags = 0, keep = 0, dry = 0;
	int quiet = 0, byix = -1, stdin_cases = 0, ncases = 0, nworkers = 0, f;
	long nbad = 0;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	ws_out *out;
	char *err;

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv, optstring, longopts, "");
	memset(&a, 0, sizeof a);
	memset(&flt, 0, sizeof flt);
	while ((ch = getopt_long(argc, argv, optstring, longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			flt.since = optarg;
			given |= O_FILTER;
			break;
		case 'A':
			group = optarg;
			mode = ADDGROUP;
			nmodes++;
			break;
		case 'B':
			oflags |= WS_OUT_BOM;
			break;
		case 'c':
			if (strcmp(optarg, "-") == 0)
				stdin_cases = 1;
			else {
				if (cases.len > 0)
					ws_buf_addc(&cases, ',');
				ws_buf_adds(&cases, optarg);
			}
			ncases++;
			break;
		case 'C':
			a.contract = flt.contract = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'D':
			a.date = optarg;
			given |= O_RECORD;
			break;
		case 'e':
			name = optarg;
			break;
		case 'f':
			if ((f = ws_fmt_option(optarg, 0)) < 0)
				usage(EX_USAGE);
			fmt = f;
			break;
		case 'g':
			a.group = flt.group = optarg;
			break;
		case 'G':
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
			a.kind = flt.kind = optarg;
			break;
		case 'l':
			mode = LIST;
			nmodes++;
			break;
		case 'L':
			mode = GROUPS;
			nmodes++;
			break;
		case 'm':
			a.minutes = optarg;
			given |= O_RECORD;
			break;
		case 'M':
			flt.month = optarg;
			given |= O_FILTER;
			break;
		case 'n':
			a.note = optarg;
			given |= O_RECORD;
			break;
		case 'N':
			a.community = flt.community = optarg;
			break;
		case 'o':
			a.org = flt.org = optarg;
			break;
		case 'p':
			a.participants = optarg;
			given |= O_RECORD;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'T':
			a.title = optarg;
			given |= O_RECORD;
			break;
		case 't':
			dry = 1;
			break;
		case 'u':
			flt.until = optarg;
			given |= O_FILTER;
			break;
		case 'v':
			a.volunteers = optarg;
			given |= O_RECORD;
			break;
		case 'V':
			ws_version();
		case 'w':
			if (workers.len > 0)
				ws_buf_addc(&workers, ',');
			ws_buf_adds(&workers, optarg);
			flt.worker = optarg;
			nworkers++;
			break;
		case 'W':
			a.volunteer_minutes = optarg;
			given |= O_RECORD;
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument", argv[0]);
		usage(EX_USAGE);
	}
	if (by != NULL && nmodes == 0) {
		mode = LIST;
		nmodes++;
	}
	if (nmodes > 1) {
		ws_warn("--import, --list, --add-group and --groups cannot be "
		    "combined");
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
	if (mode != IMPORT && keep) {
		ws_warn("--keep-going: only with --import");
		usage(EX_USAGE);
	}
	if (mode != LIST && (given & O_FILTER)) {
		ws_warn("--since, --until and --month are filters for --list");
		usage(EX_USAGE);
	}
	if (mode != LOG && (given & O_RECORD)) {
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
		    &e) != 0) {
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
		out = ws_out_new(stdout, fmt, oflags);
		ws_out_run(out, st);
		sqlite3_finalize(st);
		ws_out_free(out);
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
	return nbad > 0 ? EX_DATAERR : 0;
}
