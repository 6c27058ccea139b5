/* volunteer-hours - volunteers' service records, hours, stars, certificates */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static const char usage_text[] =
"usage: volunteer-hours [-Hkq] [-d db] [-P policy] [-f format] [-I format]\n"
"                       [-j file] [--volunteer code] [--activity id]\n"
"                       [-o org] [-D date] [-F from --to to |\n"
"                       --hours hours | -m minutes] [--place text]\n"
"                       [--content text]\n"
"       volunteer-hours --add [-HkqR] [-f format] [-I format] [-j file]\n"
"       volunteer-hours --void record -r reason\n"
"       volunteer-hours --amend record -r reason [--volunteer code]\n"
"                       [--activity id] [-o org] [-D date] [-F from --to to |\n"
"                       --hours hours | -m minutes] [--place text]\n"
"                       [--content text]\n"
"       volunteer-hours --adjust record -m minutes -r reason\n"
"       volunteer-hours --report [--volunteer code] [-o org] [-y year |\n"
"                       -M month | -Q quarter | -a since | -u until]\n"
"       volunteer-hours -l [-R] [--volunteer code] [-o org] [-y year |\n"
"                       -M month | -Q quarter | -a since | -u until]\n"
"       volunteer-hours --certificate [-R] --volunteer code [-o org]\n"
"                       [-f text | markdown | html] [-L lang]\n";

static int oargc;		/* the command line, for the audit */
static char **oargv;
static struct ws_policy *pol;	/* file scope: a leak checker sees them */
static sqlite3 *db;
static ws_vol *vol;

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

static _Noreturn void
bad_use(const char *what)
{
	ws_warn("%s", ws_msg(what));
	usage(EX_USAGE);
}

/* Print a lib message "field: problem" as "--option: problem" (the
 * field's '_' as '-', code as volunteer). */
static void
warn_opt(char *msg)
{
	char *colon = strstr(msg, ": "), *c;

	for (c = msg; colon != NULL && c < colon; c++)
		if (*c == '_')
			*c = '-';
	if (colon == NULL)
		ws_warn("%s", msg);
	else if (strncmp(msg, "code: ", 6) == 0)
		ws_warn("--volunteer%s", colon);
	else
		ws_warn("--%s", msg);
}

static enum ws_fmt
outfmt(const struct ws_volunteer_cmd *o)
{
	int f;

	if (o->fmtword == NULL)
		return WS_FMT_AUTO;
	if ((f = ws_fmt_option(o->fmtword, 0)) < 0)
		usage(EX_USAGE);
	return f;
}

static int64_t
record_id(const char *opt, const char *s)
{
	const char *e;
	int64_t id;

	if ((e = ws_parse_int(s, 1, INT64_MAX, &id)) != NULL) {
		ws_warn("--%s: '%s': %s", opt, s, e);
		usage(EX_USAGE);
	}
	return id;
}

static void
reveal(const struct ws_volunteer_cmd *o, long n)
{
	ws_err e = {0};

	if (o->reveal && ws_audit_reveal(db, "volunteer", oargc - 1,
	    oargv + 1, n, &e))
		ws_err_die(&e);
}

/* Service records from standard input, in one transaction. */
static long
batch(const struct ws_volunteer_cmd *o)
{
	struct ws_batch_spec s;
	struct ws_service_batch sb = { vol, o->rec.volunteer, o->rec.org,
	    o->rec.activity, o->mode == WS_VM_ADD, 0, 0 };
	ws_err e = {0};
	ws_out *out;
	long nbad;

	if (ws_batch_spec_stdin(&s, db, o->infmt, o->rejpath, o->keep, 0,
	    o->quiet, &e) != 0)
		ws_err_die(&e);
	if ((nbad = ws_service_import(&s, &sb, &e)) < 0)
		ws_err_die(&e);
	if (sb.last > 0 && sb.add)
		reveal(o, sb.last - sb.first + 1);
	if (o->quiet || sb.last == 0)	/* as visit-log --import --quiet */
		return nbad;
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	if (sb.add)
		ws_volunteer_print(db, out, sb.first, sb.last, o->reveal);
	else
		ws_service_print(db, out, sb.first, sb.last);
	ws_out_free(out);
	return nbad;
}

/* One write from the options; returns 65 when it is refused. */
static int
single(const struct ws_volunteer_cmd *o)
{
	int64_t id = 0, rid = o->target ? record_id("record", o->target) : 0;
	char *m;
	ws_out *out;

	ws_begin(db);
	switch (o->mode) {
	case WS_VM_VOID:
		m = ws_vol_void(vol, rid, o->reason);
		id = rid;
		break;
	case WS_VM_AMEND:
		m = ws_vol_amend(vol, rid, &o->rec, o->reason, &id);
		break;
	case WS_VM_ADJUST:
		m = ws_vol_adjust(vol, rid, o->rec.minutes, o->reason, &id);
		break;
	default:
		m = ws_vol_record(vol, &o->rec, &id);
		break;
	}
	if (m != NULL) {
		ws_rollback(db);
		warn_opt(m);
		free(m);
		return EX_DATAERR;
	}
	ws_commit(db);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	ws_service_print(db, out, id, id);
	ws_out_free(out);
	return 0;
}

static void
need_volunteer(const char *code)
{
	if (code != NULL && ws_query_int(db, "SELECT 1 FROM volunteer WHERE "
	    "code = ?", code, 0) != 1)
		ws_die(EX_DATAERR, "--volunteer: unknown volunteer '%s' "
		    "(expected a code from the directory or volunteer-hours "
		    "--add)", code);
}

/* The certificate: a Chinese document, so Chinese unless --lang. */
static int
certificate(const struct ws_volunteer_cmd *o)
{
	ws_err e = {0};
	ws_doc *d;
	char *serial;
	int f = WS_FMT_TEXT, rc;

	if (o->fmtword != NULL && (f = ws_fmt_word(o->fmtword,
	    WS_FMT_BIT(WS_FMT_TEXT) | WS_FMT_BIT(WS_FMT_MARKDOWN) |
	    WS_FMT_BIT(WS_FMT_HTML))) < 0)
		bad_use("--format: unknown certificate format (expected text, "
		    "markdown or html)");
	ws_lang_doc(o->lang ? o->lang : "zh");	/* messages keep --lang */
	ws_begin(db);
	d = ws_volunteer_certificate(db, o->rec.volunteer, o->rec.org,
	    o->reveal, &serial, &e);
	if (d == NULL) {
		ws_rollback(db);
		ws_warn("--%s: %s", e.field, e.msg);
		rc = e.code;
		ws_err_clear(&e);
		return rc;
	}
	reveal(o, 1);
	ws_commit(db);
	ws_doc_print(d, f, 0, stdout);
	ws_doc_free(d);
	free(serial);
	return 0;
}

int
main(int argc, char **argv)
{
	struct ws_volunteer_cmd o;
	ws_out *out;
	long nbad = 0;
	int rc = 0;
	ws_err pe = {0};

	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	if (ws_volunteer_cmd_parse(&o, usage_text, argc, argv, &pe) != 0) {
		if (pe.msg != NULL)
			ws_err_warn(&pe);
		ws_err_clear(&pe);
		usage(EX_USAGE);
	}
	if (o.batch && isatty(0))
		bad_use("nothing given (use options such as --volunteer and "
		    "--date, or give records on standard input)");
	if (o.mode != WS_VM_CERTIFICATE)
		(void)outfmt(&o);

	if ((pol = ws_policy_load(o.policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(o.db, WS_DB_READ);
	vol = ws_vol_new(db, pol);
	switch (o.mode) {
	case WS_VM_REPORT:
	case WS_VM_LIST:
		need_volunteer(o.rec.volunteer);
		out = ws_out_new(stdout, outfmt(&o), o.oflags);
		if (o.mode == WS_VM_REPORT)
			ws_volunteer_report(db, pol, out, o.since, o.until,
			    o.rec.org, o.rec.volunteer);
		else {
			reveal(&o, 1);
			ws_volunteer_national(db, out, o.since, o.until,
			    o.rec.org, o.rec.volunteer, o.reveal);
		}
		ws_out_free(out);
		break;
	case WS_VM_CERTIFICATE:
		rc = certificate(&o);
		break;
	default:
		if (o.batch)
			nbad = batch(&o);
		else
			rc = single(&o);
		break;
	}
	ws_vol_free(vol);
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : rc;
}
