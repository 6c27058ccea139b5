/* case-assign - give cases named on the command line or on stdin to a worker */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-assign -t worker [-H] [-d db] [-f format] [-I format]\n"
"                   [case_id ...]\n";

static const struct option longopts[] = {
	{ "db",		required_argument, NULL, 'd' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,       NULL, 'h' },
	{ "no-header",	no_argument,       NULL, 'H' },
	{ "input",	required_argument, NULL, 'I' },
	{ "to",		required_argument, NULL, 't' },
	{ "version",	no_argument,       NULL, 'V' },
	{ NULL,		0,                 NULL, 0 }
};

static _Noreturn void
usage(int code)
{
	fputs(usage_text, code == 0 ? stdout : stderr);
	if (code == 0)
		ws_close_stdout();
	exit(code);
}

/* Append id to ids (grown in powers of two). */
static int64_t *
add_id(int64_t *ids, size_t *n, int64_t id)
{
	if ((*n & (*n - 1)) == 0)
		ids = ws_realloc(ids, (*n ? *n * 2 : 1) * sizeof *ids);
	ids[(*n)++] = id;
	return ids;
}

int
main(int argc, char **argv)
{
	struct ws_case_filter flt;
	const char *dbopt = NULL, *to = NULL, *m;
	const char *inname = "<stdin>";
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	char today[11];
	int64_t *ids = NULL, id;
	size_t nids = 0;
	long nrec = 0, nbad = 0;
	int ch, f, r, i, oflags = 0;
	sqlite3 *db;
	sqlite3_stmt *st;
	ws_cases *cs;
	ws_in *in = NULL;
	ws_out *out;

	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	while ((ch = getopt_long(argc, argv, "d:f:hHI:t:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			if ((f = ws_fmt_parse(optarg)) < 0 || f == WS_FMT_YAML) {
				ws_warn("--format: unknown format '%s' "
				    "(expected table, tsv, csv or json)",
				    optarg);
				usage(EX_USAGE);
			}
			fmt = f;
			break;
		case 'h':
			usage(0);
		case 'H':
			oflags |= WS_OUT_NOHEADER;
			break;
		case 'I':
			if ((f = ws_fmt_parse(optarg)) < 0 ||
			    f == WS_FMT_TABLE) {
				ws_warn("--input: unknown format '%s' "
				    "(expected tsv, csv, json or yaml)",
				    optarg);
				usage(EX_USAGE);
			}
			infmt = f;
			break;
		case 't':
			to = optarg;
			break;
		case 'V':
			ws_version();
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (to == NULL) {
		ws_warn("--to WORKER is required");
		usage(EX_USAGE);
	}

	db = ws_db_open(dbopt, WS_DB_READ);
	ws_today(today);
	if ((m = ws_case_check_worker(db, to, today)) != NULL)
		ws_die(EX_DATAERR, "--to: %s", m);
	cs = ws_cases_new(db, NULL, 0);
	/* Begin with the first case, not before: see case-add.c. */
	if (argc > 0) {
		ws_begin(db);
		for (i = 0; i < argc; i++) {
			nrec++;
			if (ws_parse_int(argv[i], 1, INT64_MAX, &id) != NULL) {
				ws_warn("%s: not a case id (expected a "
				    "positive whole number)", argv[i]);
				nbad++;
			} else if ((m = ws_case_assign(cs, id, to)) != NULL) {
				ws_warn("case %lld: %s", (long long)id, m);
				nbad++;
			} else
				ids = add_id(ids, &nids, id);
		}
	} else {
		in = ws_in_open(stdin, inname, infmt);
		ws_in_bare(in, "case_id");
		while ((r = ws_in_next(in)) != 0) {
			if (nrec++ == 0)
				ws_begin(db);
			if (r < 0) {
				ws_warn("%s", ws_in_error(in));
				nbad++;
				if (ws_in_fmt(in) == WS_FMT_YAML)
					break;
				continue;
			}
			if ((m = ws_case_id_of(in, &id)) != NULL) {
				ws_warn("%s:%ld: case_id: %s", inname,
				    ws_in_line(in), m);
				nbad++;
			} else if ((m = ws_case_assign(cs, id, to)) != NULL) {
				ws_warn("%s:%ld: case %lld: %s", inname,
				    ws_in_line(in), (long long)id, m);
				nbad++;
			} else
				ids = add_id(ids, &nids, id);
		}
		ws_in_free(in);
		if (nrec == 0) {
			ws_rollback(db);
			ws_die(EX_DATAERR, "%s: no cases in the input (expected "
			    "case ids, or records with a case_id column)",
			    inname);
		}
	}
	if (nbad > 0) {
		ws_rollback(db);
		ws_die(EX_DATAERR, "%ld of %ld case%s refused; nothing "
		    "assigned", nbad, nrec, nrec == 1 ? "" : "s");
	}
	ws_commit(db);
	memset(&flt, 0, sizeof flt);
	flt.ids = ids;
	flt.nids = nids;
	out = ws_out_new(stdout, fmt, oflags);
	st = ws_case_list(db, &flt);
	ws_out_run(out, st);
	sqlite3_finalize(st);
	ws_out_free(out);
	ws_cases_free(cs);
	ws_db_close(db);
	free(ids);
	ws_close_stdout();
	return 0;
}
