/* case-add - take people into care: add cases from options or a stream */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: case-add [-DHkqRtx] [-d db] [-f format] [-I format] [-j file]\n"
"                [-P policy] [-n name] [-i id-number] [-s sex]\n"
"                [-b birth-date] [-p phone] [-c community] [-a address]\n"
"                [-C category] [-r risk] [-w worker] [-o opened]\n"
"                [-N need] [-S source]\n";

static const struct option longopts[] = {
	{ "address",		required_argument, NULL, 'a' },
	{ "birth-date",		required_argument, NULL, 'b' },
	{ "community",		required_argument, NULL, 'c' },
	{ "category",		required_argument, NULL, 'C' },
	{ "db",			required_argument, NULL, 'd' },
	{ "allow-duplicate",	no_argument,       NULL, 'D' },
	{ "format",		required_argument, NULL, 'f' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "no-header",		no_argument,       NULL, 'H' },
	{ "id-number",		required_argument, NULL, 'i' },
	{ "input",		required_argument, NULL, 'I' },
	{ "reject",		required_argument, NULL, 'j' },
	{ "keep-going",		no_argument,       NULL, 'k' },
	{ "name",		required_argument, NULL, 'n' },
	{ "need",		required_argument, NULL, 'N' },
	{ "opened",		required_argument, NULL, 'o' },
	{ "phone",		required_argument, NULL, 'p' },
	{ "policy",		required_argument, NULL, 'P' },
	{ "quiet",		no_argument,       NULL, 'q' },
	{ "risk",		required_argument, NULL, 'r' },
	{ "reveal",		no_argument,       NULL, 'R' },
	{ "sex",		required_argument, NULL, 's' },
	{ "source",		required_argument, NULL, 'S' },
	{ "dry-run",		no_argument,       NULL, 't' },
	{ "version",		no_argument,       NULL, 'V' },
	{ "worker",		required_argument, NULL, 'w' },
	{ "strict",		no_argument,       NULL, 'x' },
	{ NULL,			0,                 NULL, 0 }
};

/* What the batch's callback needs. */
struct adding {
	ws_cases *cs;
	int64_t first, last;	/* the ids written */
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* The option that sets a field: "--birth-date", "--category". */
static const char *
optname(const char *field, char *buf, size_t n)
{
	char *p;

	if (strcmp(field, "categories") == 0)
		field = "category";
	snprintf(buf, n, "--%s", field);
	for (p = buf; *p; p++)
		if (*p == '_')
			*p = '-';
	return buf;
}

/* A problem of the case given with options: "--option: problem". */
static void
report_err(void *arg, const char *field, const char *msg)
{
	char buf[32];

	ws_warn("%s: %s", optname(field, buf, sizeof buf), msg);
}

static void
report_warn(void *arg, const char *field, const char *msg)
{
	ws_warn("warning: %s", msg);
}

/* One case, from options (line 0) or the stream. */
static int
add_one(ws_batch *b, const char *const *v, void *arg)
{
	struct adding *a = arg;
	int64_t id;

	if (ws_batch_line(b) == 0)
		id = ws_case_add(a->cs, v, report_err, report_warn, b);
	else
		id = ws_case_add(a->cs, v, ws_batch_err, ws_batch_warn, b);
	return ws_batch_id(id, &a->first, &a->last);
}

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] =
    "a:b:c:C:d:Df:hHi:I:j:k"
    "n:N:o:p:P:qr:Rs:S:tVw:x";

int
main(int argc, char **argv)
{
	static const char *const required[] = {
		"name", "community", "categories", "risk", NULL
	};
	const char *v[WS_CF_N] = { NULL };
	const char *dbopt = NULL, *policy = NULL, *rejpath = NULL;
	ws_buf cats = {0};
	struct ws_policy *pol;
	ws_err pe = {0};
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	int ch, flags = 0, oflags = 0, reveal = 0, keep = 0, dry = 0;
	int quiet = 0, fromopts = 0, rc, f;
	long nbad, nshown;
	ws_err e = {0};
	struct ws_batch_spec spec;
	struct adding add = { NULL, 0, 0 };
	ws_batch *b;
	sqlite3 *db;
	ws_out *out;
	sqlite3_stmt *st;

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv, optstring, longopts, "ip");
	while ((ch = getopt_long(argc, argv, optstring, longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			v[WS_CF_ADDRESS] = optarg;
			fromopts = 1;
			break;
		case 'b':
			v[WS_CF_BIRTH_DATE] = optarg;
			fromopts = 1;
			break;
		case 'c':
			v[WS_CF_COMMUNITY] = optarg;
			fromopts = 1;
			break;
		case 'C':
			if (cats.len > 0)
				ws_buf_addc(&cats, ',');
			ws_buf_adds(&cats, optarg);
			fromopts = 1;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'D':
			flags |= WS_CASES_ALLOW_DUP;
			break;
		case 'f':
			if ((f = ws_fmt_option(optarg, 0)) < 0)
				usage(EX_USAGE);
			fmt = f;
			break;
		case 'h':
			usage(0);
		case 'H':
			oflags |= WS_OUT_NOHEADER;
			break;
		case 'i':
			v[WS_CF_ID_NUMBER] = optarg;
			fromopts = 1;
			break;
		case 'I':
			if ((f = ws_fmt_option(optarg, 1)) < 0)
				usage(EX_USAGE);
			infmt = f;
			break;
		case 'j':
			rejpath = optarg;
			break;
		case 'k':
			keep = 1;
			break;
		case 'n':
			v[WS_CF_NAME] = optarg;
			fromopts = 1;
			break;
		case 'N':
			v[WS_CF_NEED] = optarg;
			fromopts = 1;
			break;
		case 'o':
			v[WS_CF_OPENED] = optarg;
			fromopts = 1;
			break;
		case 'p':
			v[WS_CF_PHONE] = optarg;
			fromopts = 1;
			break;
		case 'P':
			policy = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'r':
			v[WS_CF_RISK] = optarg;
			fromopts = 1;
			break;
		case 'R':
			reveal = 1;
			break;
		case 's':
			v[WS_CF_SEX] = optarg;
			fromopts = 1;
			break;
		case 'S':
			v[WS_CF_SOURCE] = optarg;
			fromopts = 1;
			break;
		case 't':
			dry = 1;
			break;
		case 'V':
			ws_version();
		case 'w':
			v[WS_CF_WORKER] = optarg;
			fromopts = 1;
			break;
		case 'x':
			flags |= WS_CASES_STRICT;
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument (a case is given with "
		    "options or on standard input)", argv[0]);
		usage(EX_USAGE);
	}
	if (keep != (rejpath != NULL)) {
		ws_warn("--keep-going and --reject FILE go together");
		usage(EX_USAGE);
	}
	if (fromopts && keep) {
		ws_warn("--keep-going: only for cases read from standard "
		    "input");
		usage(EX_USAGE);
	}
	if (!fromopts && isatty(0)) {
		ws_warn("no case given (use options such as --name, or give "
		    "records on standard input)");
		usage(EX_USAGE);
	}
	if (cats.len > 0)
		v[WS_CF_CATEGORIES] = cats.s;

	if ((pol = ws_policy_load(policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(dbopt, WS_DB_READ);
	add.cs = ws_cases_new(db, pol, flags);
	if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry, quiet,
	    &e) != 0)
		ws_err_die(&e);
	spec.cols = ws_case_fields;
	spec.flags = WS_BATCH_HEADER;
	spec.required = required;
	spec.why = "a case needs name, community, categories and risk";
	spec.empty = "no cases in the input (expected a header line naming "
	    "the columns, then one case a line)";
	spec.record = add_one;
	spec.arg = &add;
	b = ws_batch_new(&spec);
	if (fromopts) {
		ws_batch_one(b, v);
		rc = ws_batch_end(b, &e);
	} else
		rc = ws_batch_run(b, &e);
	if (rc != 0) {
		if (e.msg != NULL)
			ws_err_die(&e);
		exit(rc);
	}
	if (reveal && !dry) {
		/* Audited in the same transaction as the cases; the
		 * command column holds the masked command line. */
		st = ws_case_added(db, add.first, add.last, 1);
		nshown = ws_audit_count(st);
		sqlite3_finalize(st);
		if (ws_audit_reveal(db, "cases", 0, NULL, nshown, &rerr))
			ws_err_die(&rerr);
	}
	if (ws_batch_commit(b, &e) != 0)
		ws_err_die(&e);
	out = ws_out_new(stdout, fmt, oflags);
	st = ws_case_added(db, add.first, add.last, reveal);
	nshown = ws_out_run(out, st);
	sqlite3_finalize(st);
	ws_out_free(out);
	if (ws_batch_reject_close(spec.rj, rejpath, &e) != 0)
		ws_err_die(&e);
	if (spec.rj != NULL)
		ws_batch_rejected(b, rejpath);
	nbad = ws_batch_nbad(b);
	ws_batch_free(b);	/* a dry run is rolled back here */
	if (dry && reveal &&
	    ws_audit_reveal(db, "cases", 0, NULL, nshown, &rerr))
		ws_err_die(&rerr);
	ws_cases_free(add.cs);
	ws_db_close(db);
	ws_policy_free(pol);
	ws_buf_free(&cats);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : 0;
}
