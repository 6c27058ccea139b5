/* volunteer-hours - volunteers' service records, hours, stars, certificates */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

static const char usage_text[] =
"usage: volunteer-hours [-HkZ] [-d db] [-P policy] [-f format] [-I format]\n"
"                       [-j file] [-i volunteer] [-t activity] [-O org]\n"
"                       [-D date] [-F from -T to | -u hours | -m minutes]\n"
"                       [-p place] [-c content]\n"
"       volunteer-hours -a [-HkRZ] [-f format] [-I format] [-j file]\n"
"       volunteer-hours -X record -e reason\n"
"       volunteer-hours -M record -e reason [-i volunteer] [-t activity]\n"
"                       [-O org] [-D date] [-F from -T to | -u hours |\n"
"                       -m minutes] [-p place] [-c content]\n"
"       volunteer-hours -A record -m minutes -e reason\n"
"       volunteer-hours -r [-i volunteer] [-O org] [-y year | -b month |\n"
"                       -q quarter | -s since | -U until]\n"
"       volunteer-hours -l [-R] [-i volunteer] [-O org] [-y year | -b month |\n"
"                       -q quarter | -s since | -U until]\n"
"       volunteer-hours -C [-R] -i volunteer [-O org]\n"
"                       [-f text | markdown | html] [-L lang]\n";

static const struct option longopts[] = {
	{ "add",		no_argument,       NULL, 'a' },
	{ "adjust",		required_argument, NULL, 'A' },
	{ "month",		required_argument, NULL, 'b' },
	{ "content",		required_argument, NULL, 'c' },
	{ "certificate",	no_argument,       NULL, 'C' },
	{ "db",			required_argument, NULL, 'd' },
	{ "date",		required_argument, NULL, 'D' },
	{ "reason",		required_argument, NULL, 'e' },
	{ "format",		required_argument, NULL, 'f' },
	{ "from",		required_argument, NULL, 'F' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "no-header",		no_argument,       NULL, 'H' },
	{ "volunteer",		required_argument, NULL, 'i' },
	{ "input",		required_argument, NULL, 'I' },
	{ "reject",		required_argument, NULL, 'j' },
	{ "keep-going",		no_argument,       NULL, 'k' },
	{ "list",		no_argument,       NULL, 'l' },
	{ "lang",		required_argument, NULL, 'L' },
	{ "minutes",		required_argument, NULL, 'm' },
	{ "amend",		required_argument, NULL, 'M' },
	{ "org",		required_argument, NULL, 'O' },
	{ "place",		required_argument, NULL, 'p' },
	{ "policy",		required_argument, NULL, 'P' },
	{ "quarter",		required_argument, NULL, 'q' },
	{ "report",		no_argument,       NULL, 'r' },
	{ "reveal",		no_argument,       NULL, 'R' },
	{ "since",		required_argument, NULL, 's' },
	{ "activity",		required_argument, NULL, 't' },
	{ "to",			required_argument, NULL, 'T' },
	{ "hours",		required_argument, NULL, 'u' },
	{ "until",		required_argument, NULL, 'U' },
	{ "version",		no_argument,       NULL, 'V' },
	{ "void",		required_argument, NULL, 'X' },
	{ "year",		required_argument, NULL, 'y' },
	{ "quiet",		no_argument,       NULL, 'Z' },
	{ NULL,			0,                 NULL, 0 }
};

enum mode { M_RECORD, M_ADD, M_VOID, M_AMEND, M_ADJUST, M_REPORT, M_LIST,
    M_CERTIFICATE };

/* Everything given on the command line. */
struct opts {
	enum mode mode;
	int nmodes, oflags, keep, reveal, quiet, nperiod;
	const char *db, *policy, *rejpath, *fmtword, *lang, *reason, *target;
	enum ws_fmt infmt;
	struct ws_service_rec rec;
	char since[11], until[11];
};

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
	ws_warn("%s", what);
	usage(EX_USAGE);
}

static void
setmode(struct opts *o, enum mode m, const char *target)
{
	if (o->nmodes++ > 0 && o->mode != m)
		bad_use("give one of --add, --void, --amend, --adjust, "
		    "--report, --list and --certificate");
	o->mode = m;
	if (target != NULL)
		o->target = target;
}

/* One of --year, --month, --quarter, or --since and --until. */
static void
period(struct opts *o, const char *opt, const char *val)
{
	const char *e;
	int range = strcmp(opt, "since") == 0 || strcmp(opt, "until") == 0;

	if (o->nperiod != 0 && (!range || o->nperiod != 1))
		bad_use("give one of --year, --month, --quarter and "
		    "--since/--until");
	o->nperiod = range ? 1 : 2;
	if ((e = ws_period(opt, val, o->since, o->until)) != NULL) {
		ws_warn("--%s: '%s': %s", opt, val, e);
		usage(EX_USAGE);
	}
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
outfmt(const struct opts *o)
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
reveal(const struct opts *o, long n)
{
	ws_err e = {0};

	if (o->reveal && ws_audit_reveal(db, "volunteer", oargc - 1,
	    oargv + 1, n, &e))
		ws_err_die(&e);
}

/* Service records from standard input, in one transaction. */
static long
batch(const struct opts *o)
{
	struct ws_batch_spec s;
	struct ws_service_batch sb = { vol, o->rec.volunteer, o->rec.org,
	    o->rec.activity, o->mode == M_ADD, 0, 0 };
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
single(const struct opts *o)
{
	int64_t id = 0, rid = o->target ? record_id("record", o->target) : 0;
	char *m;
	ws_out *out;

	ws_begin(db);
	switch (o->mode) {
	case M_VOID:
		m = ws_vol_void(vol, rid, o->reason);
		id = rid;
		break;
	case M_AMEND:
		m = ws_vol_amend(vol, rid, &o->rec, o->reason, &id);
		break;
	case M_ADJUST:
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
certificate(const struct opts *o)
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
	ws_lang(o->lang ? o->lang : "zh");
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
	/* the options of a service record, of the modes, of the period */
	static const char rec_opts[] = "iDFTumpcOt";
	static const char mode_opts[] = "aXMArlC";
	static const enum mode modes[] = { M_ADD, M_VOID, M_AMEND, M_ADJUST,
	    M_REPORT, M_LIST, M_CERTIFICATE };
	static const char period_opts[] = "ybqsU";
	static const char *const periods[] = { "year", "month", "quarter",
	    "since", "until" };
	struct opts o;
	const char **recf[] = { &o.rec.volunteer, &o.rec.date, &o.rec.from,
	    &o.rec.to, &o.rec.hours, &o.rec.minutes, &o.rec.place,
	    &o.rec.content, &o.rec.org, &o.rec.activity };
	ws_out *out;
	const char *p;
	long nbad = 0;
	int ch, f, rc = 0;
	ws_err pe = {0};

	memset(&o, 0, sizeof o);
	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	while ((ch = getopt_long(argc, argv, "aA:b:c:Cd:D:e:f:F:hHi:I:j:"
	    "klL:m:M:O:p:P:q:rRs:t:T:u:U:VX:y:Z", longopts,
	    NULL)) != -1) {
		if ((p = strchr(rec_opts, ch)) != NULL && ch != ':') {
			*recf[p - rec_opts] = optarg;
			continue;
		}
		if ((p = strchr(mode_opts, ch)) != NULL && ch != ':') {
			setmode(&o, modes[p - mode_opts], optarg);
			continue;
		}
		if ((p = strchr(period_opts, ch)) != NULL && ch != ':') {
			period(&o, periods[p - period_opts], optarg);
			continue;
		}
		switch (ch) {
		case 'd':
			o.db = optarg;
			break;
		case 'e':
			o.reason = optarg;
			break;
		case 'f':
			o.fmtword = optarg;
			break;
		case 'h':
			usage(0);
		case 'H':
			o.oflags |= WS_OUT_NOHEADER;
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
			    strcmp(optarg, "en") != 0)
				bad_use("--lang: unknown language (expected zh "
				    "or en)");
			o.lang = optarg;
			break;
		case 'P':
			o.policy = optarg;
			break;
		case 'R':
			o.reveal = 1;
			break;
		case 'V':
			ws_version();
		case 'Z':
			o.quiet = 1;
			break;
		default:
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
	if (o.keep != (o.rejpath != NULL))
		bad_use("--keep-going and --reject FILE go together");
	if (o.nperiod > 0 && o.mode != M_REPORT && o.mode != M_LIST)
		bad_use("--year, --month, --quarter, --since and --until go "
		    "with --report and --list");
	if (((o.mode == M_RECORD && o.rec.date == NULL &&
	    o.rec.activity == NULL) || o.mode == M_ADD) && isatty(0))
		bad_use("nothing given (use options such as --volunteer and "
		    "--date, or give records on standard input)");
	if ((o.mode == M_VOID || o.mode == M_AMEND || o.mode == M_ADJUST) &&
	    o.reason == NULL)
		bad_use("--reason: missing (a correction needs a reason)");
	if (o.mode == M_ADJUST && o.rec.minutes == NULL)
		bad_use("--minutes: missing (--adjust needs signed minutes)");
	if (o.mode == M_CERTIFICATE && o.rec.volunteer == NULL)
		bad_use("--volunteer: missing (expected the volunteer's code)");
	if (o.keep && !(o.mode == M_ADD || (o.mode == M_RECORD &&
	    o.rec.date == NULL && o.rec.activity == NULL)))
		bad_use("--keep-going: only for records read from standard "
		    "input");
	if (o.mode != M_CERTIFICATE)
		(void)outfmt(&o);
	if (o.until[0] == '\0')
		ws_today(o.until);
	if (o.since[0] == '\0')
		snprintf(o.since, sizeof o.since, "%.4s-01-01", o.until);

	if ((pol = ws_policy_load(o.policy, &pe)) == NULL)
		ws_err_die(&pe);
	db = ws_db_open(o.db, WS_DB_READ);
	vol = ws_vol_new(db, pol);
	switch (o.mode) {
	case M_ADD:
		nbad = batch(&o);
		break;
	case M_RECORD:
		if (o.rec.date == NULL && o.rec.activity == NULL)
			nbad = batch(&o);
		else
			rc = single(&o);
		break;
	case M_REPORT:
	case M_LIST:
		need_volunteer(o.rec.volunteer);
		out = ws_out_new(stdout, outfmt(&o), o.oflags);
		if (o.mode == M_REPORT)
			ws_volunteer_report(db, pol, out, o.since, o.until,
			    o.rec.org, o.rec.volunteer);
		else {
			reveal(&o, 1);
			ws_volunteer_national(db, out, o.since, o.until,
			    o.rec.org, o.rec.volunteer, o.reveal);
		}
		ws_out_free(out);
		break;
	case M_CERTIFICATE:
		rc = certificate(&o);
		break;
	default:
		rc = single(&o);
		break;
	}
	ws_vol_free(vol);
	ws_db_close(db);
	ws_policy_free(pol);
	ws_close_stdout();
	return nbad > 0 ? EX_DATAERR : rc;
}
