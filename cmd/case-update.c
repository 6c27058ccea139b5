/* case-update - correct a case or its person, or reopen a closed case */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-update [-Hkqt] [-d db] [-f format] [-I format] [-j file]\n"
"                   [-P policy] [-c case_id] [-r reason] [--risk risk]\n"
"                   [--need need] [-w worker] [-N community] [--name name]\n"
"                   [--phone phone] [--address address]\n"
"                   [--id-number id-number] [--add-category category]\n"
"                   [--remove-category category]\n"
"       case-update --reopen [-Hqt] [-d db] [-f format] [-I format]\n"
"                   [-D date] [-c case_id] [-r reason]\n";

enum { FIELD = 1 };		/* the group of the fields that change */
enum { O_REOPEN = WS_OPT_KEY };

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* File scope, so a leak checker sees them when main exits early. */
static sqlite3 *db;
static struct ws_policy *pol;

int
main(int argc, char **argv)
{
	const char *set[WS_CFIX_N], *dbopt = NULL, *policy = NULL;
	const char *rejpath = NULL;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	struct ws_batch_spec spec;
	struct ws_case_fix cf;
	int ch, oflags = 0, keep = 0, dry = 0, quiet = 0, rc;
	ws_err e = {0};
	struct ws_opt opts[] = {
		{ "add-category", "category", "add a category", 0, FIELD,
		    &set[11], NULL, 0 },
		{ "address", "address", "the person's address", 0, FIELD,
		    &set[9], NULL, 0 },
		{ "case", "case_id", "the case (else those read)", 0, 0,
		    &set[0], NULL, 0 },
		{ "community", "community", "the case's community", 0, FIELD,
		    &set[6], NULL, 0 },
		{ "date", "date", "--reopen: the reopening's date (today)", 0,
		    0, &cf.date, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "dry-run", NULL, NULL, 0, 0, NULL, &dry, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "id-number", "id-number", "the person's ID number", 0, FIELD,
		    &set[10], NULL, 0 },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "keep-going", NULL, NULL, 0, 0, NULL, &keep, 0 },
		{ "name", "name", "the person's name", 0, FIELD, &set[7], NULL,
		    0 },
		{ "need", "need", "the case's need", 0, FIELD, &set[4], NULL,
		    0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "phone", "phone", "the person's phone number", 0, FIELD,
		    &set[8], NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &policy, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &quiet, 0 },
		{ "reason", "text", "why (required, here or in a reason "
		    "column)", 0, 0, &set[2], NULL, 0 },
		{ "reject", "file", NULL, 0, 0, &rejpath, NULL, 0 },
		{ "remove-category", "category", "remove a category", 0,
		    FIELD, &set[12], NULL, 0 },
		{ "reopen", NULL, "reopen a closed case", O_REOPEN, 0, NULL,
		    NULL, 0 },
		{ "risk", "risk", "low, medium or high", 0, FIELD, &set[3],
		    NULL, 0 },
		{ "worker", "worker", "the worker in charge from today", 0,
		    FIELD, &set[5], NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt,
	    .infmt = &infmt };

	ws_init(argv[0]);
	memset(&cf, 0, sizeof cf);
	memset(set, 0, sizeof set);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		switch (ch) {
		case O_REOPEN:
			cf.reopen = 1;
			break;
		}
	}
	argc -= p.ind;
	argv += p.ind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument (a case is given with --case "
		    "or on standard input)", argv[0]);
		usage(EX_USAGE);
	}
	if (cf.reopen && (p.given & FIELD)) {
		ws_warn("--reopen: reopen first, then correct the case");
		usage(EX_USAGE);
	}
	if (cf.date != NULL && !cf.reopen) {
		ws_warn("--date: only with --reopen (the reopening's date)");
		usage(EX_USAGE);
	}
	if (keep != (rejpath != NULL)) {
		ws_warn("--keep-going and --reject FILE go together");
		usage(EX_USAGE);
	}
	if (set[0] != NULL && keep) {
		ws_warn("--keep-going: only for cases read from standard "
		    "input");
		usage(EX_USAGE);
	}
	if (set[0] == NULL && isatty(0)) {
		ws_warn("no case given (use --case ID, or give case ids or a "
		    "stream of corrections on standard input)");
		usage(EX_USAGE);
	}

	if ((pol = ws_policy_load(policy, &e)) == NULL)
		ws_err_die(&e);
	db = ws_db_open(dbopt, WS_DB_READ);
	if (ws_batch_spec_stdin(&spec, db, infmt, rejpath, keep, dry, quiet,
	    &e) != 0)
		ws_err_die(&e);
	cf.set = set;
	cf.pol = pol;
	ws_case_fix_spec(&spec, &cf);
	rc = ws_fix_run(&spec, ws_case_fix_run, &cf, ws_case_fix_list,
	    &cf.first, &cf.last, fmt, oflags);
	ws_buf_free(&cf.msg);
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return rc;
}
