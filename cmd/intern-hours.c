/* intern-hours - interns' hours, supervisor sign-off, the subsidy claim */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static ws_err rerr;		/* why a --reveal was refused */

static const char usage_text[] =
"usage: intern-hours [-HkqRt] [-d db] [-P policy] [-f format] [-I format]\n"
"                    [-j file] [-i intern] [-D date] [-F from --to to\n"
"                    [--break break] | --hours hours | -m minutes]\n"
"                    [--task task]\n"
"       intern-hours --add [-Rt] [-i code --name name -o org -s start]\n"
"                    [--id-number id-number] [--school school]\n"
"                    [--major major] [--full-time yes | no]\n"
"                    [--hukou-city hukou-city] [--supervisor supervisor]\n"
"                    [--academic-supervisor academic-supervisor]\n"
"                    [--end end]\n"
"       intern-hours --certify [-t] -i intern --through through --by worker\n"
"       intern-hours --adjust [-t] -i intern -D date -m minutes -r reason\n"
"                    [--task task]\n"
"       intern-hours --history -i intern\n"
"       intern-hours --report [-i intern] [-A as-of]\n"
"                    [-M month | -Q quarter | -y year | -a since | -u until]\n"
"       intern-hours --certificate -i intern [-f text | markdown | html]\n"
"                    [-L lang]\n"
"       intern-hours --grid -i intern\n"
"       intern-hours --void id | - [-r reason] [-Hkqt] [-d db] [-f format]\n"
"                    [-I format] [-j file]\n"
"       intern-hours --amend id | - [-r reason] [-Hkqt] [-d db] [-P policy]\n"
"                    [-f format] [-I format] [-j file] [-D date]\n"
"                    [-F from] [--to to] [--break break] [-m minutes]\n"
"                    [--task task]\n";

static int oargc;		/* the command line, for the audit */
static char **oargv;

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
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
outfmt(const struct ws_intern_cmd *o)
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
batch(sqlite3 *db, const struct ws_policy *pol, const struct ws_intern_cmd *o,
    int add)
{
	struct ws_batch_spec s;
	struct ws_intern_batch ib;
	ws_err e = {0};
	ws_batch *b;
	ws_out *out;
	long nbad;

	memset(&ib, 0, sizeof ib);
	if (ws_batch_spec_stdin(&s, db, o->infmt, o->rejpath, o->keep, o->dry,
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
single(sqlite3 *db, const struct ws_policy *pol, const struct ws_intern_cmd *o)
{
	int64_t ids[2], id, cert, nent, min;
	char *m, *code;
	char h[32];
	int n = 0;
	ws_out *out;

	ws_begin(db);
	switch (o->mode) {
	case WS_IM_ADD:
		m = ws_intern_add(db, o->add);
		break;
	case WS_IM_ADJUST:
		m = ws_intern_adjust(db, pol, o->rec.intern, o->rec.date,
		    o->rec.minutes, o->reason, o->rec.task, &id);
		ids[0] = id;
		n = 1;
		break;
	case WS_IM_CERTIFY:
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
	if (o->mode == WS_IM_ADD && o->reveal &&
	    ws_audit_reveal(db, "intern", oargc - 1, oargv + 1, 1, &rerr))
		ws_err_die(&rerr);
	if (!o->dry)
		ws_commit(db);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	if (o->mode == WS_IM_ADD) {
		code = (char *)o->add[0];
		ws_intern_print(db, out, &code, 1, o->reveal);
	} else if (o->mode == WS_IM_CERTIFY) {
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
	if (o->dry)		/* shown as written, then undone */
		ws_rollback(db);
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
report(sqlite3 *db, const struct ws_policy *pol, const struct ws_intern_cmd *o)
{
	char today[11], **codes, *one[2] = { NULL, NULL };
	const char *as_of = o->as_of, *e;
	struct ws_period_opt per = o->period;
	const char *o_name = "as-of";
	ws_out *out;
	size_t i;

	ws_today(today);
	if (as_of == NULL)
		as_of = today;
	else if ((e = ws_check_date(as_of)) != NULL) {	/* steers: 64 */
		ws_warn("--as-of: %s", e);
		usage(EX_USAGE);
	}
	/* issue 13: a period, cut at --as-of; counted to its end */
	if ((o->as_of != NULL && (e = ws_period_opt(&per, "as-of", as_of))) ||
	    (e = ws_period_opt_end(&per, 1, &o_name)) != NULL) {
		ws_warn("--%s: %s", o_name, e);
		usage(EX_USAGE);
	}
	if (per.until[0] != '\0' && strcmp(per.until, as_of) < 0)
		as_of = per.until;
	if (o->rec.intern != NULL) {
		ws_intern_free(need_intern(db, o->rec.intern));
		one[0] = (char *)o->rec.intern;
		codes = NULL;
	} else
		codes = ws_intern_codes(db);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	ws_intern_report(db, pol, out, codes ? codes : one,
	    per.since[0] != '\0' ? per.since : NULL, as_of);
	ws_out_free(out);
	for (i = 0; codes != NULL && codes[i] != NULL; i++)
		free(codes[i]);
	free(codes);
}

static void
grid(sqlite3 *db, const struct ws_policy *pol, const struct ws_intern_cmd *o)
{
	struct ws_intern *in = need_intern(db, o->rec.intern);
	ws_out *out = ws_out_new(stdout, outfmt(o), o->oflags);

	ws_intern_grid(db, pol, out, in);
	ws_out_free(out);
	ws_intern_free(in);
}

/* The certificate: a Chinese document, so Chinese unless --lang. */
static int
certificate(sqlite3 *db, const struct ws_intern_cmd *o)
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
	ws_lang_doc(o->lang ? o->lang : "zh");	/* messages keep --lang */
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

/* Void or amend entries not yet certified (issue 12): the one given with
 * options or a stream of them; returns the exit code. */
static int
fix(sqlite3 *db, const struct ws_policy *pol, const struct ws_intern_cmd *o)
{
	struct ws_batch_spec spec;
	struct ws_fixer fx;
	const char *set[WS_IFIX_N];
	ws_err e = {0};

	if (ws_batch_spec_stdin(&spec, db, o->infmt, o->rejpath, o->keep,
	    o->dry, o->quiet, &e) != 0)
		ws_err_die(&e);
	memset(&fx, 0, sizeof fx);
	fx.kind = &ws_fix_intern;
	fx.amend = o->mode == WS_IM_AMEND;
	fx.reason = o->reason;
	fx.pol = pol;
	ws_intern_fix_set(set, o->fixid, &o->rec);
	fx.set = o->batch ? NULL : set;
	return ws_fixer_cmd(&spec, &fx, outfmt(o), o->oflags);
}

/* File scope, so a leak checker sees them when a function exits early. */
static struct ws_policy *pol;
static sqlite3 *db;

int
main(int argc, char **argv)
{
	struct ws_intern_cmd o;
	ws_out *out;
	long nbad = 0;
	int rc = 0;
	ws_err pe = {0};

	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	if (ws_intern_cmd_parse(&o, usage_text, argc, argv, &pe) != 0) {
		if (pe.msg != NULL)
			ws_err_warn(&pe);
		ws_err_clear(&pe);
		usage(EX_USAGE);
	}
	if (o.batch && isatty(0)) {
		ws_warn("nothing given (use options such as --intern and "
		    "--date, or give records on standard input)");
		usage(EX_USAGE);
	}
	if (o.mode != WS_IM_CERTIFICATE)
		(void)outfmt(&o);

	if ((pol = ws_policy_load(o.policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(o.db, WS_DB_READ);
	switch (o.mode) {
	case WS_IM_ADD:
		if (o.rec.intern == NULL)
			nbad = batch(db, pol, &o, 1);
		else
			rc = single(db, pol, &o);
		break;
	case WS_IM_LOG:
		if (o.rec.date == NULL)
			nbad = batch(db, pol, &o, 0);
		else
			rc = single(db, pol, &o);
		break;
	case WS_IM_ADJUST:
	case WS_IM_CERTIFY:
		rc = single(db, pol, &o);
		break;
	case WS_IM_VOID:
	case WS_IM_AMEND:
		rc = fix(db, pol, &o);
		break;
	case WS_IM_HISTORY:
		ws_intern_free(need_intern(db, o.rec.intern));
		out = ws_out_new(stdout, outfmt(&o), o.oflags);
		ws_intern_history(db, out, o.rec.intern);
		ws_out_free(out);
		break;
	case WS_IM_REPORT:
		report(db, pol, &o);
		break;
	case WS_IM_CERTIFICATE:
		rc = certificate(db, &o);
		break;
	case WS_IM_GRID:
		grid(db, pol, &o);
		break;
	}
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : rc;
}
