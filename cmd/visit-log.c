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

/* Where the current record came from, for messages. */
struct where {
	ws_in *in;		/* reading a stream, else NULL */
	const char *name;	/* "<stdin>" */
	long line;		/* line of a case read earlier, else 0 */
	const char *case_id;	/* from options: the case */
};

/* A case id read from stdin before the transaction begins: the program
 * upstream (case-add) may be writing, so the lock is taken only after. */
struct caseid {
	char id[24];
	long line;
	char *raw;		/* the record as read, for the reject file */
};

static ws_in *cur_in;		/* freed by bail */
static ws_visits *cur_vs;	/* freed by bail */

/* Roll back, free what is open and exit 65: a refused batch. */
static _Noreturn void
bail(sqlite3 *db)
{
	if (cur_vs != NULL)
		ws_visits_free(cur_vs);	/* its last rows go in the rollback */
	ws_rollback(db);
	if (cur_in != NULL)
		ws_in_free(cur_in);
	ws_db_close(db);
	exit(EX_DATAERR);
}

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

static void
report_err(void *arg, const char *field, const char *msg)
{
	struct where *w = arg;
	char opt[32], *p;

	if (w->in != NULL || w->line > 0) {
		ws_warn("%s:%ld: %s: %s", w->name, w->in ? ws_in_line(w->in) :
		    w->line, field, msg);
		return;
	}
	if (strcmp(field, "case_id") == 0)
		field = "case";
	snprintf(opt, sizeof opt, "--%s", field);
	for (p = opt; *p; p++)
		if (*p == '_')
			*p = '-';
	if (w->case_id != NULL && strcmp(field, "case") != 0)
		ws_warn("case %s: %s: %s", w->case_id, opt, msg);
	else
		ws_warn("%s: %s", opt, msg);
}

/* Import: the columns of a tsv or csv header must all be known, and the
 * required ones there.  Dies 65 when not. */
static void
check_header(ws_in *in, sqlite3 *db)
{
	static const char *const required[] = { "case_id", "minutes", "kind",
	    NULL };

	if (ws_in_check_header(in, ws_visit_cols, required, "a visit needs "
	    "case_id, minutes and kind") != 0)
		bail(db);
}

static void
check_date(const char *opt, const char *s)
{
	const char *m;

	if (s != NULL && (m = ws_check_date(s)) != NULL) {
		ws_warn("%s: '%s': %s", opt, s, m);
		usage(EX_USAGE);
	}
}

static void
check_word(const char *opt, const char *s, const char *const *words)
{
	char *w;

	if (s != NULL && ws_word_index(s, words) < 0) {
		w = ws_words_join(words);
		ws_warn("%s: '%s': unknown (expected one of: %s)", opt, s, w);
		free(w);
		usage(EX_USAGE);
	}
}

/*
 * Read the case ids of a stream on stdin (a case_id or id column, or bare
 * ids), before any lock is taken.  Bad records are reported and counted
 * in *nbad and, when rj is not NULL, written to it.  Returns the ids.
 */
static char *rawhead;	/* header of the stream read by read_cases */

static struct caseid *
read_cases(enum ws_fmt infmt, FILE *rj, size_t *n, long *nbad, int *hdone)
{
	const char *inname = "<stdin>", *e;
	struct caseid *ids = NULL;
	ws_in *in;
	int64_t cid;
	int r, hd = 0;

	*n = 0;
	in = ws_in_open(stdin, inname, infmt);
	ws_in_bare(in, "case_id");
	while ((r = ws_in_next(in)) != 0) {
		if (r < 0) {
			ws_warn("%s", ws_in_error(in));
			(*nbad)++;
			ws_in_reject(in, rj, &hd);
			if (ws_in_fmt(in) == WS_FMT_YAML)
				break;
			continue;
		}
		if ((e = ws_case_id_of(in, &cid)) != NULL) {
			ws_warn("%s:%ld: case_id: %s", inname, ws_in_line(in),
			    e);
			(*nbad)++;
			ws_in_reject(in, rj, &hd);
			continue;
		}
		if ((*n & (*n - 1)) == 0)
			ids = ws_realloc(ids, (*n ? *n * 2 : 1) * sizeof *ids);
		snprintf(ids[*n].id, sizeof ids[*n].id, "%lld",
		    (long long)cid);
		ids[*n].line = ws_in_line(in);
		ids[*n].raw = NULL;
		if (rj != NULL) {
			ids[*n].raw = ws_strdup(ws_in_raw(in));
			if (rawhead == NULL)
				rawhead = ws_strdup(ws_in_raw_header(in));
		}
		(*n)++;
	}
	ws_in_free(in);
	*hdone = hd;
	return ids;
}

/* Write a case read earlier to the reject file, after the header once. */
static void
reject_case(FILE *rj, struct caseid *c, int *hdone)
{
	if (rj == NULL || c->raw == NULL)
		return;
	if (!*hdone && rawhead != NULL)
		fputs(rawhead, rj);
	*hdone = 1;
	fputs(c->raw, rj);
}

/*
 * Log (cases from opts or from ids read earlier) or import (records from
 * stdin): every record in the caller's transaction.  Returns the number
 * of bad records; sets *first and *last to the ids written.
 */
static long
write_visits(sqlite3 *db, enum mode mode, struct ws_visit *tmpl,
    char **cases, size_t ncases, struct caseid *ids, size_t nids,
    long nbad, int hdone, enum ws_fmt infmt, FILE *rj, int keep,
    int64_t *first, int64_t *last)
{
	const char *inname = "<stdin>";
	struct where where = { NULL, inname, 0, NULL };
	struct ws_visit v;
	ws_visits *vs;
	ws_in *in = NULL;
	long nrec = nbad;
	int64_t id;
	size_t i;
	int r;
	char *m;

	vs = cur_vs = ws_visits_new(db, mode == LOG ? WS_VISITS_JOINT : 0);
	if (mode == LOG) {
		for (i = 0; i < ncases + nids; i++) {
			v = *tmpl;
			if (i < ncases)
				v.case_id = where.case_id = cases[i];
			else {
				v.case_id = ids[i - ncases].id;
				where.line = ids[i - ncases].line;
			}
			nrec++;
			if ((id = ws_visit_add(vs, &v, report_err, &where))
			    == 0) {
				nbad++;
				if (i >= ncases)
					reject_case(rj, &ids[i - ncases],
					    &hdone);
				continue;
			}
			if (*first == 0)
				*first = id;
			*last = id;
		}
		goto done;
	}
	in = cur_in = ws_in_open(stdin, inname, infmt);
	where.in = in;
	while ((r = ws_in_next(in)) != 0) {
		nrec++;
		if (r < 0) {
			ws_warn("%s", ws_in_error(in));
			nbad++;
			ws_in_reject(in, rj, &hdone);
			if (ws_in_fmt(in) == WS_FMT_YAML)
				break;
			continue;
		}
		if (ws_in_fmt(in) == WS_FMT_TSV || ws_in_fmt(in) == WS_FMT_CSV) {
			if (nrec == 1)
				check_header(in, db);
		} else if ((m = ws_in_check_keys(in, ws_visit_cols)) != NULL) {
			ws_warn("%s:%ld: %s", inname, ws_in_line(in), m);
			free(m);
			nbad++;
			ws_in_reject(in, rj, &hdone);
			continue;
		}
		v.case_id = ws_in_get(in, "case_id");
		v.worker = ws_in_get(in, "worker");
		v.date = ws_in_get(in, "date");
		v.start = ws_in_get(in, "start");
		v.minutes = ws_in_get(in, "minutes");
		v.kind = ws_in_get(in, "kind");
		v.status = ws_in_get(in, "status");
		v.purpose = ws_in_get(in, "purpose");
		v.note = ws_in_get(in, "note");
		v.follow_up = ws_in_get(in, "follow_up");
		v.contract = ws_in_get(in, "contract");
		if ((id = ws_visit_add(vs, &v, report_err, &where)) == 0) {
			nbad++;
			ws_in_reject(in, rj, &hdone);
			continue;
		}
		if (*first == 0)
			*first = id;
		*last = id;
	}
	ws_in_free(in);
	cur_in = NULL;
done:
	ws_visits_free(vs);
	cur_vs = NULL;
	if (nrec == 0 && mode == IMPORT) {
		ws_warn("%s: no visits in the input (expected a "
		    "header line naming the columns, then one visit a line)",
		    inname);
		bail(db);
	}
	if (nbad > 0 && !keep) {
		ws_warn("%ld of %ld record%s bad; nothing written",
		    nbad, nrec, nrec == 1 ? "" : "s");
		bail(db);
	}
	if (nbad > 0)
		ws_warn("%ld of %ld record%s rejected", nbad, nrec,
		    nrec == 1 ? "" : "s");
	return nbad;
}

int
main(int argc, char **argv)
{
	struct ws_visit tmpl;
	struct ws_visit_filter flt;
	struct ws_policy *pol = NULL;
	ws_err pe = {0};
	const char *dbopt = NULL, *policy = NULL, *rejpath = NULL;
	const char *asof = NULL, *by = NULL, *m;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	enum mode mode = LOG;
	int ch, nmodes = 0, given = 0, oflags = 0, reveal = 0, keep = 0;
	int dry = 0, quiet = 0, byix = -1, oargc, f;
	char **cases = NULL, today[11], **oargv;
	struct caseid *sids = NULL;
	size_t nsids = 0;
	int hdone = 0;
	int64_t *ids = NULL, first = 0, last = 0;
	size_t ncases = 0, i;
	long nbad = 0, rows;
	sqlite3 *db;
	sqlite3_stmt *st;
	ws_out *out;
	FILE *rj = NULL;

	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	memset(&tmpl, 0, sizeof tmpl);
	memset(&flt, 0, sizeof flt);
	while ((ch = getopt_long(argc, argv,
	    "a:A:Bc:C:d:D:f:F:g:hHiI:j:kK:lm:M:n:N:Op:P:qRs:S:tu:Vw:", longopts,
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
	if (mode == LIST || mode == DUE) {
		check_date("--since", flt.since);
		check_date("--until", flt.until);
		check_date("--as-of", asof);
		if (flt.month && (m = ws_check_month(flt.month)) != NULL) {
			ws_warn("--month: '%s': %s", flt.month, m);
			usage(EX_USAGE);
		}
		check_word("--kind", flt.kind, ws_visit_kinds);
		check_word("--status", flt.status, ws_visit_statuses);
		if (ncases > 0)
			ids = ws_calloc(ncases, sizeof *ids);
		for (i = 0; i < ncases; i++)
			if ((m = ws_parse_int(cases[i], 1, INT64_MAX,
			    &ids[i])) != NULL) {
				ws_warn("--case: '%s': %s", cases[i], m);
				usage(EX_USAGE);
			}
		flt.cases = ids;
		flt.ncases = ncases;
	}

	if (mode == DUE && (pol = ws_policy_load(policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(dbopt, WS_DB_READ);
	if (flt.community != NULL &&
	    (m = ws_case_check_community(db, flt.community)) != NULL)
		ws_die(EX_DATAERR, "--community: %s", m);
	if ((mode == LIST || mode == DUE) && flt.worker != NULL &&
	    (m = ws_case_check_worker(db, flt.worker, NULL)) != NULL)
		ws_die(EX_DATAERR, "--worker: %s", m);

	out = NULL;
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

	if (rejpath != NULL && (rj = fopen(rejpath, "w")) == NULL)
		ws_die(EX_CANTCREAT, "%s:", rejpath);
	if (mode == LOG && ncases == 0)
		sids = read_cases(infmt, rj, &nsids, &nbad, &hdone);
	ws_begin(db);
	nbad = write_visits(db, mode, &tmpl, cases, ncases, sids, nsids, nbad,
	    hdone, infmt, rj, keep, &first, &last);
	if (!dry)
		ws_commit(db);
	if (!quiet && last > 0) {
		memset(&flt, 0, sizeof flt);
		flt.first = first;
		flt.last = last;
		st = ws_visit_list(db, &flt);
		out = ws_out_new(stdout, fmt, oflags);
		ws_out_run(out, st);
		sqlite3_finalize(st);
		ws_out_free(out);
	}
	if (dry)
		ws_rollback(db);
	if (rj != NULL) {
		if (ferror(rj) || fclose(rj) == EOF)
			ws_die(EX_IOERR, "%s:", rejpath);
		if (nbad > 0)
			ws_warn("rejected records written to %s", rejpath);
	}
	ws_db_close(db);
	free(cases);
	for (i = 0; i < nsids; i++)
		free(sids[i].raw);
	free(sids);
	free(rawhead);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : 0;
}
