/* case-add - take people into care: add cases from options or a stream */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: case-add [-HkqRtx] [--allow-duplicate] [-d db] [-f format]\n"
"                [-I format] [-j file] [-P policy] [--name name]\n"
"                [--id-number id-number] [--sex sex]\n"
"                [--birth-date birth-date] [--phone phone] [-N community]\n"
"                [--address address] [--category category] [--risk risk]\n"
"                [-w worker] [--opened opened] [--need need]\n"
"                [--source source]\n"
"       case-add --template [-P policy] [-f format] [-L lang]\n";

enum { FIELD = 1 };			/* an option that gives a field */
enum { O_CATEGORY = WS_OPT_KEY };	/* keys of options with no letter */

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

	ws_warn("%s: %s", optname(field, buf, sizeof buf), ws_msg(msg));
}

static void
report_warn(void *arg, const char *field, const char *msg)
{
	ws_warn("warning: %s", ws_msg(msg));
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
	int quiet = 0, fromopts = 0, rc, template = 0;
	long nbad, nshown;
	ws_err e = {0};
	struct ws_batch_spec spec;
	struct adding add = { NULL, 0, 0 };
	ws_batch *b;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct ws_opt opts[] = {
		{ "address", "address", "the address", 0, FIELD,
		    &v[WS_CF_ADDRESS], NULL, 0 },
		{ "allow-duplicate", NULL, "add even when the ID number or "
		    "name and birth date are known", 0, 0, NULL, &flags,
		    WS_CASES_ALLOW_DUP },
		{ "birth-date", "date", "the birth date, YYYY-MM-DD", 0, FIELD,
		    &v[WS_CF_BIRTH_DATE], NULL, 0 },
		{ "category", "category", "a category (again for more)",
		    O_CATEGORY, FIELD, NULL, NULL, 0 },
		{ "community", "community", "the community code", 0, FIELD,
		    &v[WS_CF_COMMUNITY], NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "dry-run", NULL, NULL, 0, 0, NULL, &dry, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "id-number", "id-number", "the resident ID number", 0, FIELD,
		    &v[WS_CF_ID_NUMBER], NULL, 0 },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "keep-going", NULL, NULL, 0, 0, NULL, &keep, 0 },
		{ "name", "name", "the person's name", 0, FIELD,
		    &v[WS_CF_NAME], NULL, 0 },
		{ "need", "need", "what the person needs, in words", 0, FIELD,
		    &v[WS_CF_NEED], NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "opened", "date", "the day the case was opened (today)", 0,
		    FIELD, &v[WS_CF_OPENED], NULL, 0 },
		{ "phone", "phone", "the phone number", 0, FIELD,
		    &v[WS_CF_PHONE], NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &policy, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &quiet, 0 },
		{ "reject", "file", NULL, 0, 0, &rejpath, NULL, 0 },
		{ "reveal", NULL, NULL, 0, 0, NULL, &reveal, 0 },
		{ "risk", "risk", "low, medium or high", 0, FIELD,
		    &v[WS_CF_RISK], NULL, 0 },
		{ "sex", "sex", "the person's sex", 0, FIELD, &v[WS_CF_SEX],
		    NULL, 0 },
		{ "source", "source", "how the case came in", 0, FIELD,
		    &v[WS_CF_SOURCE], NULL, 0 },
		{ "template", NULL, "print the intake sheet's header, with "
		    "the allowed words", 0, 0, NULL, &template, 0 },
		{ "strict", NULL, "warnings refuse the case", 0, 0, NULL,
		    &flags, WS_CASES_STRICT },
		{ "worker", "worker", "the worker in charge", 0, FIELD,
		    &v[WS_CF_WORKER], NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt,
	    .infmt = &infmt };

	ws_init(argv[0]);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case O_CATEGORY:
			if (cats.len > 0)
				ws_buf_addc(&cats, ',');
			ws_buf_adds(&cats, p.arg);
			break;
		}
	}
	fromopts = p.given & FIELD;
	argc -= p.ind;
	argv += p.ind;
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
	if (template) {		/* issue 14: the sheet a street fills in */
		if ((pol = ws_policy_load(policy, &pe)) == NULL)
			ws_err_die(&pe);
		ws_case_template(stdout, fmt, oflags, pol);
		ws_policy_free(pol);
		ws_close_stdout();
		return 0;
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
	spec.bulk = !fromopts;		/* one audit row (issue 18) */
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
	nshown = ws_out_query(ws_case_added(db, add.first, add.last, reveal),
	    fmt, oflags);
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
