/* intern-hours - interns' hours, supervisor sign-off, the subsidy claim */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: intern-hours [-HkRZ] [-d db] [-P policy] [-f format] [-I format]\n"
"                    [-j file] [-i intern] [-D date] [-F from -T to\n"
"                    [-b break] | -u hours | -m minutes] [-t task]\n"
"       intern-hours -a [-R] [-i code -n name -O org -q start] [-N id-number]\n"
"                    [-s school] [-M major] [-l yes | no] [-x hukou-city]\n"
"                    [-S supervisor] [-E academic-supervisor] [-Q end]\n"
"       intern-hours -c -i intern -w through -B worker\n"
"       intern-hours -A -i intern -D date -m minutes -e reason [-t task]\n"
"       intern-hours -y -i intern\n"
"       intern-hours -r [-i intern] [-o as-of]\n"
"       intern-hours -C -i intern [-f text | markdown | html] [-L lang]\n"
"       intern-hours -g -i intern\n";

static const struct option longopts[] = {
	{ "add",		no_argument,       NULL, 'a' },
	{ "adjust",		no_argument,       NULL, 'A' },
	{ "break",		required_argument, NULL, 'b' },
	{ "by",			required_argument, NULL, 'B' },
	{ "certify",		no_argument,       NULL, 'c' },
	{ "certificate",	no_argument,       NULL, 'C' },
	{ "db",			required_argument, NULL, 'd' },
	{ "date",		required_argument, NULL, 'D' },
	{ "reason",		required_argument, NULL, 'e' },
	{ "academic-supervisor", required_argument, NULL, 'E' },
	{ "format",		required_argument, NULL, 'f' },
	{ "from",		required_argument, NULL, 'F' },
	{ "grid",		no_argument,       NULL, 'g' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "no-header",		no_argument,       NULL, 'H' },
	{ "intern",		required_argument, NULL, 'i' },
	{ "input",		required_argument, NULL, 'I' },
	{ "reject",		required_argument, NULL, 'j' },
	{ "keep-going",		no_argument,       NULL, 'k' },
	{ "full-time",		required_argument, NULL, 'l' },
	{ "minutes",		required_argument, NULL, 'm' },
	{ "lang",		required_argument, NULL, 'L' },
	{ "major",		required_argument, NULL, 'M' },
	{ "name",		required_argument, NULL, 'n' },
	{ "id-number",		required_argument, NULL, 'N' },
	{ "as-of",		required_argument, NULL, 'o' },
	{ "org",		required_argument, NULL, 'O' },
	{ "policy",		required_argument, NULL, 'P' },
	{ "start",		required_argument, NULL, 'q' },
	{ "end",		required_argument, NULL, 'Q' },
	{ "report",		no_argument,       NULL, 'r' },
	{ "reveal",		no_argument,       NULL, 'R' },
	{ "school",		required_argument, NULL, 's' },
	{ "supervisor",		required_argument, NULL, 'S' },
	{ "task",		required_argument, NULL, 't' },
	{ "to",			required_argument, NULL, 'T' },
	{ "hours",		required_argument, NULL, 'u' },
	{ "version",		no_argument,       NULL, 'V' },
	{ "through",		required_argument, NULL, 'w' },
	{ "hukou-city",		required_argument, NULL, 'x' },
	{ "history",		no_argument,       NULL, 'y' },
	{ "quiet",		no_argument,       NULL, 'Z' },
	{ NULL,			0,                 NULL, 0 }
};

enum mode { M_LOG, M_ADD, M_ADJUST, M_CERTIFY, M_HISTORY, M_REPORT,
    M_CERTIFICATE, M_GRID };

static int oargc;		/* the command line, for the audit */
static char **oargv;

/* Everything given on the command line. */
struct opts {
	enum mode mode;
	int nmodes;
	const char *db, *policy, *rejpath, *fmtword;
	enum ws_fmt infmt;
	int oflags, keep, reveal, quiet;
	struct ws_hours_rec rec;	/* --intern --date --from ... --task */
	const char *add[12];		/* parallel to ws_intern_keys */
	int addopts;			/* an --add field was given */
	const char *reason, *through, *by, *as_of;
	const char *lang;		/* --lang of the certificate */
};

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

static void
setmode(struct opts *o, enum mode m)
{
	if (o->nmodes > 0 && o->mode != m) {
		ws_warn("give one of --add, --adjust, --certify, --history, "
		    "--report, --certificate and --grid");
		usage(EX_USAGE);
	}
	o->mode = m;
	o->nmodes++;
}

/* Print a lib message "field: problem" as "--option: problem". */
static void
warn_opt(const char *msg)
{
	static const char *const map[][2] = {
		{ "code", "intern" }, { "id_number", "id-number" },
		{ "full_time", "full-time" }, { "hukou_city", "hukou-city" },
		{ "academic_supervisor", "academic-supervisor" },
		{ "brk", "break" }, { NULL, NULL }
	};
	const char *colon = strstr(msg, ": ");
	char field[40];
	int i;

	if (colon == NULL || (size_t)(colon - msg) >= sizeof field) {
		ws_warn("%s", msg);
		return;
	}
	snprintf(field, sizeof field, "%.*s", (int)(colon - msg), msg);
	for (i = 0; map[i][0] != NULL; i++)
		if (strcmp(field, map[i][0]) == 0)
			snprintf(field, sizeof field, "%s", map[i][1]);
	ws_warn("--%s%s", field, colon);
}

static enum ws_fmt
outfmt(const struct opts *o)
{
	int f;

	if (o->fmtword == NULL)
		return WS_FMT_AUTO;
	if ((f = ws_fmt_option(o->fmtword, 0)) < 0)
		usage(EX_USAGE);
	return f;
}

/*
 * Log or add records from standard input (add is non-zero for interns),
 * in one transaction.  Returns the number of bad records.
 */
static long
batch(sqlite3 *db, const struct ws_policy *pol, const struct opts *o,
    int add)
{
	struct ws_batch_spec s;
	struct ws_intern_batch ib;
	ws_err e = {0};
	ws_batch *b;
	ws_out *out;
	long nbad;

	memset(&ib, 0, sizeof ib);
	if (ws_batch_spec_stdin(&s, db, o->infmt, o->rejpath, o->keep, 0,
	    o->quiet, &e) != 0)
		ws_err_die(&e);
	ib.pol = pol;
	ib.add = add;
	ib.intern = o->rec.intern;
	ws_intern_batch_spec(&s, &ib);
	b = ws_batch_new(&s);
	if (ws_batch_run(b, &e) != 0) {
		ws_err_warn(&e);
		ws_err_clear(&e);
		nbad = ws_batch_nbad(b) > 0 ? ws_batch_nbad(b) : 1;
		goto done;
	}
	if (add && o->reveal && ws_audit_reveal(db, "intern", oargc - 1,
	    oargv + 1, (long)ib.ncodes, &rerr))
		ws_err_die(&rerr);
	if (ws_batch_commit(b, &e) != 0)
		ws_err_die(&e);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	if (add)
		ws_intern_print(db, out, ib.codes, ib.ncodes, o->reveal);
	else
		ws_intern_print_entries(db, out, ib.ids, ib.nids);
	ws_out_free(out);
	ws_batch_rejected(b, s.rj ? o->rejpath : NULL);
	nbad = ws_batch_nbad(b);
done:
	ws_batch_free(b);
	if (ws_batch_reject_close(s.rj, o->rejpath, &e) != 0)
		ws_err_die(&e);
	ws_intern_batch_clear(&ib);
	return nbad;
}

/* One record from the options; returns 65 when it is refused. */
static int
single(sqlite3 *db, const struct ws_policy *pol, const struct opts *o)
{
	int64_t ids[2], id, cert, nent, min;
	char *m, *code;
	char h[32];
	int n = 0;
	ws_out *out;

	ws_begin(db);
	switch (o->mode) {
	case M_ADD:
		m = ws_intern_add(db, o->add);
		break;
	case M_ADJUST:
		m = ws_intern_adjust(db, pol, o->rec.intern, o->rec.date,
		    o->rec.minutes, o->reason, o->rec.task, &id);
		ids[0] = id;
		n = 1;
		break;
	case M_CERTIFY:
		m = ws_intern_certify(db, pol, o->rec.intern, o->through,
		    o->by, &cert, &nent, &min);
		break;
	default:
		m = ws_intern_log(db, pol, &o->rec, ids, &n);
		break;
	}
	if (m != NULL) {
		ws_rollback(db);
		warn_opt(m);
		free(m);
		return EX_DATAERR;
	}
	if (o->mode == M_ADD && o->reveal &&
	    ws_audit_reveal(db, "intern", oargc - 1, oargv + 1, 1, &rerr))
		ws_err_die(&rerr);
	ws_commit(db);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	if (o->mode == M_ADD) {
		code = (char *)o->add[0];
		ws_intern_print(db, out, &code, 1, o->reveal);
	} else if (o->mode == M_CERTIFY) {
		static const char *const cols[] = { "certification", "intern",
		    "through", "by", "entries", "minutes", "hours" };
		ws_out_cols(out, 7, cols);
		ws_out_int(out, cert);
		ws_out_str(out, o->rec.intern);
		ws_out_str(out, o->through);
		ws_out_str(out, o->by);
		ws_out_int(out, nent);
		ws_out_int(out, min);
		ws_hours_str(min, h);
		ws_out_str(out, h);
		ws_out_end(out);
	} else
		ws_intern_print_entries(db, out, ids, (size_t)n);
	ws_out_free(out);
	return 0;
}

static struct ws_intern *
need_intern(sqlite3 *db, const char *code)
{
	struct ws_intern *in = ws_intern_get(db, code);

	if (in == NULL)
		ws_die(EX_DATAERR, "--intern: unknown intern '%s' (expected a "
		    "code from the directory or intern-hours --add)", code);
	return in;
}

static void
report(sqlite3 *db, const struct ws_policy *pol, const struct opts *o)
{
	char today[11], **codes, *one[2] = { NULL, NULL };
	const char *as_of = o->as_of, *e;
	ws_out *out;
	size_t i;

	ws_today(today);
	if (as_of == NULL)
		as_of = today;
	else if ((e = ws_check_date(as_of)) != NULL)
		ws_die(EX_USAGE, "--as-of: %s", e);
	if (o->rec.intern != NULL) {
		ws_intern_free(need_intern(db, o->rec.intern));
		one[0] = (char *)o->rec.intern;
		codes = NULL;
	} else
		codes = ws_intern_codes(db);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	ws_intern_report(db, pol, out, codes ? codes : one, as_of);
	ws_out_free(out);
	for (i = 0; codes != NULL && codes[i] != NULL; i++)
		free(codes[i]);
	free(codes);
}

static void
grid(sqlite3 *db, const struct ws_policy *pol, const struct opts *o)
{
	struct ws_intern *in = need_intern(db, o->rec.intern);
	ws_out *out = ws_out_new(stdout, outfmt(o), o->oflags);

	ws_intern_grid(db, pol, out, in);
	ws_out_free(out);
	ws_intern_free(in);
}

/* The certificate: a Chinese document, so Chinese unless --lang. */
static int
certificate(sqlite3 *db, const struct opts *o)
{
	struct ws_intern *in = need_intern(db, o->rec.intern);
	ws_err e = {0};
	ws_doc *d;
	int f = WS_FMT_TEXT;

	if (o->fmtword != NULL && (f = ws_fmt_word(o->fmtword,
	    WS_FMT_BIT(WS_FMT_TEXT) | WS_FMT_BIT(WS_FMT_MARKDOWN) |
	    WS_FMT_BIT(WS_FMT_HTML))) < 0) {
		ws_warn("--format: unknown certificate format '%s' (expected "
		    "text, markdown or html)", o->fmtword);
		usage(EX_USAGE);
	}
	ws_lang(o->lang ? o->lang : "zh");
	if ((d = ws_intern_certificate(db, in, o->reveal, &e)) == NULL) {
		ws_warn("--%s: %s", e.field, e.msg);
		ws_err_clear(&e);
		ws_intern_free(in);
		return EX_DATAERR;
	}
	if (o->reveal &&
	    ws_audit_reveal(db, "intern", oargc - 1, oargv + 1, 1, &rerr))
		ws_err_die(&rerr);
	ws_doc_print(d, f, 0, stdout);
	ws_doc_free(d);
	ws_intern_free(in);
	return 0;
}

/* File scope, so a leak checker sees them when a function exits early. */
static struct ws_policy *pol;
static sqlite3 *db;

/* The options, for getopt_long and the recorded command line. */
static const char optstring[] =
    "aAb:B:cCd:D:e:E:f:F:ghHi:I:j:kl:L:m:M:n:N:o:O:P:q:Q:r"
    "Rs:S:t:T:u:Vw:x:yZ";

int
main(int argc, char **argv)
{
	/* the options of the --add fields, at their ws_intern_keys index
	 * (code, the first, is --intern) */
	static const char add_opts[] = " nNsMlxOSEqQ";
	struct opts o;
	ws_out *out;
	const char *p;
	long nbad = 0;
	int ch, f, rc = 0;
	ws_err pe = {0};

	memset(&o, 0, sizeof o);
	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	ws_set_cmdline(argc, argv, optstring, longopts, "N");
	while ((ch = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			setmode(&o, M_ADD);
			break;
		case 'A':
			setmode(&o, M_ADJUST);
			break;
		case 'b':
			o.rec.brk = optarg;
			break;
		case 'B':
			o.by = optarg;
			break;
		case 'c':
			setmode(&o, M_CERTIFY);
			break;
		case 'C':
			setmode(&o, M_CERTIFICATE);
			break;
		case 'd':
			o.db = optarg;
			break;
		case 'D':
			o.rec.date = optarg;
			break;
		case 'e':
			o.reason = optarg;
			break;
		case 'f':
			o.fmtword = optarg;
			break;
		case 'F':
			o.rec.from = optarg;
			break;
		case 'g':
			setmode(&o, M_GRID);
			break;
		case 'h':
			usage(0);
		case 'H':
			o.oflags |= WS_OUT_NOHEADER;
			break;
		case 'i':
			o.rec.intern = optarg;
			break;
		case 'I':
			if ((f = ws_fmt_option(optarg, 1)) < 0)
				usage(EX_USAGE);
			o.infmt = f;
			break;
		case 'j':
			o.rejpath = optarg;
			break;
		case 'k':
			o.keep = 1;
			break;
		case 'L':
			if (strcmp(optarg, "zh") != 0 &&
			    strcmp(optarg, "en") != 0) {
				ws_warn("--lang: unknown language (expected zh "
				    "or en)");
				usage(EX_USAGE);
			}
			o.lang = optarg;
			break;
		case 'm':
			o.rec.minutes = optarg;
			break;
		case 'o':
			o.as_of = optarg;
			break;
		case 'P':
			o.policy = optarg;
			break;
		case 'r':
			setmode(&o, M_REPORT);
			break;
		case 'R':
			o.reveal = 1;
			break;
		case 't':
			o.rec.task = optarg;
			break;
		case 'T':
			o.rec.to = optarg;
			break;
		case 'u':
			o.rec.hours = optarg;
			break;
		case 'V':
			ws_version();
		case 'w':
			o.through = optarg;
			break;
		case 'y':
			setmode(&o, M_HISTORY);
			break;
		case 'Z':
			o.quiet = 1;
			break;
		default:
			/* an --add field: its index in ws_intern_keys */
			if (ch > 0 && (p = strchr(add_opts + 1, ch)) != NULL) {
				o.add[p - add_opts] = optarg;
				o.addopts = 1;
				break;
			}
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		ws_warn("%s: unexpected argument (everything is given with "
		    "options or on standard input)", argv[0]);
		usage(EX_USAGE);
	}
	if (o.keep != (o.rejpath != NULL)) {
		ws_warn("--keep-going and --reject FILE go together");
		usage(EX_USAGE);
	}
	if (o.addopts && o.mode != M_ADD) {
		ws_warn("--name, --org, --start and the other intern fields "
		    "go with --add");
		usage(EX_USAGE);
	}
	o.add[0] = o.rec.intern;

	/* which options each mode needs */
	switch (o.mode) {
	case M_LOG:
		if (o.rec.date == NULL && (o.rec.from || o.rec.to ||
		    o.rec.brk || o.rec.hours || o.rec.minutes || o.rec.task)) {
			ws_warn("--date: missing (an entry needs --intern and "
			    "--date)");
			usage(EX_USAGE);
		}
		if (o.rec.date != NULL && o.rec.intern == NULL) {
			ws_warn("--intern: missing (an entry needs --intern "
			    "and --date)");
			usage(EX_USAGE);
		}
		break;
	case M_ADJUST:
		if (o.rec.intern == NULL || o.rec.date == NULL ||
		    o.rec.minutes == NULL || o.reason == NULL) {
			ws_warn("--adjust needs --intern, --date, --minutes "
			    "and --reason");
			usage(EX_USAGE);
		}
		break;
	case M_CERTIFY:
		if (o.rec.intern == NULL || o.through == NULL ||
		    o.by == NULL) {
			ws_warn("--certify needs --intern, --through and --by");
			usage(EX_USAGE);
		}
		break;
	case M_HISTORY:
	case M_CERTIFICATE:
	case M_GRID:
		if (o.rec.intern == NULL) {
			ws_warn("--intern: missing (expected the intern to "
			    "show)");
			usage(EX_USAGE);
		}
		break;
	default:
		break;
	}
	if (o.keep && !((o.mode == M_LOG && o.rec.date == NULL) ||
	    (o.mode == M_ADD && o.rec.intern == NULL))) {
		ws_warn("--keep-going: only for records read from standard "
		    "input");
		usage(EX_USAGE);
	}
	if (((o.mode == M_LOG && o.rec.date == NULL) ||
	    (o.mode == M_ADD && o.rec.intern == NULL)) && isatty(0)) {
		ws_warn("nothing given (use options such as --intern and "
		    "--date, or give records on standard input)");
		usage(EX_USAGE);
	}
	if (o.mode != M_CERTIFICATE)
		(void)outfmt(&o);

	if ((pol = ws_policy_load(o.policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(o.db, WS_DB_READ);
	switch (o.mode) {
	case M_ADD:
		if (o.rec.intern == NULL)
			nbad = batch(db, pol, &o, 1);
		else
			rc = single(db, pol, &o);
		break;
	case M_LOG:
		if (o.rec.date == NULL)
			nbad = batch(db, pol, &o, 0);
		else
			rc = single(db, pol, &o);
		break;
	case M_ADJUST:
	case M_CERTIFY:
		rc = single(db, pol, &o);
		break;
	case M_HISTORY:
		ws_intern_free(need_intern(db, o.rec.intern));
		out = ws_out_new(stdout, outfmt(&o), o.oflags);
		ws_intern_history(db, out, o.rec.intern);
		ws_out_free(out);
		break;
	case M_REPORT:
		report(db, pol, &o);
		break;
	case M_CERTIFICATE:
		rc = certificate(db, &o);
		break;
	case M_GRID:
		grid(db, pol, &o);
		break;
	}
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : rc;
}
