/* intern-hours - interns' hours, supervisor sign-off, the subsidy claim */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

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
"       intern-hours -C -i intern [-f text | markdown | html]\n"
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
	if (add && o->reveal)
		ws_audit_reveal(db, "intern", oargc - 1, oargv + 1,
		    (long)ib.ncodes);
	ws_batch_commit(b);
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
	if (o->mode == M_ADD && o->reveal)
		ws_audit_reveal(db, "intern", oargc - 1, oargv + 1, 1);
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
	static const char *const cols[] = { "intern", "name", "org", "as_of",
	    "policy", "certified_hours", "uncertified_hours",
	    "counted_hours", "months_counted", "months", "full_time",
	    "major", "hukou_city", "host_kind", "threshold", "eligible",
	    "subsidy_yuan", "warnings" };
	char today[11], h[32], **codes, *one[2] = { NULL, NULL };
	char **list;
	struct ws_intern *in;
	struct ws_claim c;
	const char *as_of = o->as_of, *e;
	ws_out *out;
	int k;
	size_t i;

	ws_today(today);
	if (as_of == NULL)
		as_of = today;
	else if ((e = ws_check_date(as_of)) != NULL)
		ws_die(EX_USAGE, "--as-of: %s", e);
	if (o->rec.intern != NULL) {
		ws_intern_free(need_intern(db, o->rec.intern));
		one[0] = (char *)o->rec.intern;
		list = one;
		codes = NULL;
	} else
		list = codes = ws_intern_codes(db);
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	ws_out_cols(out, 18, cols);
	for (i = 0; list[i] != NULL; i++) {
		in = ws_intern_get(db, list[i]);
		ws_intern_claim(db, pol, in, as_of, &c);
		ws_out_str(out, in->code);
		ws_out_str(out, in->name);
		ws_out_str(out, in->org);
		ws_out_str(out, as_of);
		ws_out_str(out, pol->subsidy.name);
		ws_hours_str(c.certified, h);
		ws_out_str(out, h);
		ws_hours_str(c.uncertified, h);
		ws_out_str(out, h);
		ws_hours_str(c.counted, h);
		ws_out_str(out, h);
		ws_out_int(out, c.months);
		ws_out_str(out, c.month_list);
		for (k = 0; k < WS_CLAIM_NCOND; k++)
			ws_out_str(out, c.cond[k]);
		ws_out_str(out, c.eligible ? "yes" : "no");
		ws_fen_str(c.subsidy_fen, h);
		ws_out_str(out, h);
		ws_out_str(out, c.warnings);
		ws_out_end(out);
		ws_claim_clear(&c);
		ws_intern_free(in);
	}
	ws_out_free(out);
	for (i = 0; codes != NULL && codes[i] != NULL; i++)
		free(codes[i]);
	free(codes);
}

/* ---------------------------------------------------------- the grid */

/* ISO 8601 week of day number d ("2019-W10"). */
static void
isoweek(long d, char out[16])
{
	long wd = ((d + 3) % 7 + 7) % 7, thu = d - wd + 3, jan1;
	char date[11], y[11];

	ws_days_date(thu, date);
	snprintf(y, sizeof y, "%.4s-01-01", date);
	jan1 = ws_date_days(y);
	snprintf(out, 16, "%.4s-W%02u", date,
	    (unsigned)((thu - jan1) / 7 + 1) % 100);
}

static void
grid(sqlite3 *db, const struct ws_policy *pol, const struct opts *o)
{
	static const char *const cols[] = { "week", "monday", "mon", "tue",
	    "wed", "thu", "fri", "sat", "sun", "total", "uncertified",
	    "running", "target_pct" };
	struct ws_intern *in = need_intern(db, o->rec.intern);
	struct ws_intern_day *d;
	char today[11], h[32], wk[16], mon[11];
	long first, last, day, wstart, t;
	int64_t wsum, wunc, run = 0, pct, target;
	size_t n, i = 0;
	int k;
	ws_out *out;

	ws_today(today);
	d = ws_intern_days(db, in->code, NULL, &n);
	first = ws_date_days(in->start);
	last = ws_date_days(today);
	if (in->end != NULL && ws_date_days(in->end) < last)
		last = ws_date_days(in->end);
	if (n > 0 && ws_date_days(d[n - 1].date) > last)
		last = ws_date_days(d[n - 1].date);
	if (n > 0 && ws_date_days(d[0].date) < first)
		first = ws_date_days(d[0].date);
	target = pol->practicum_target_minutes;
	out = ws_out_new(stdout, outfmt(o), o->oflags);
	ws_out_cols(out, 13, cols);
	for (wstart = first - ((first + 3) % 7 + 7) % 7; wstart <= last;
	    wstart += 7) {
		isoweek(wstart, wk);
		ws_days_date(wstart, mon);
		ws_out_str(out, wk);
		ws_out_str(out, mon);
		wsum = wunc = 0;
		for (k = 0; k < 7; k++) {
			day = wstart + k;
			while (i < n && (t = ws_date_days(d[i].date)) < day)
				i++;
			if (i < n && ws_date_days(d[i].date) == day) {
				ws_hours_str(d[i].certified +
				    d[i].uncertified, h);
				ws_out_str(out, h);
				wsum += d[i].certified + d[i].uncertified;
				wunc += d[i].uncertified;
			} else
				ws_out_null(out);
		}
		run += wsum;
		ws_hours_str(wsum, h);
		ws_out_str(out, h);
		ws_hours_str(wunc, h);
		ws_out_str(out, h);
		ws_hours_str(run, h);
		ws_out_str(out, h);
		if (target > 0) {
			pct = (run * 10000 + target / 2) / target;
			snprintf(h, sizeof h, "%" PRId64 ".%02" PRId64,
			    pct / 100, pct % 100);
			ws_out_str(out, h);
		} else
			ws_out_null(out);
		ws_out_end(out);
	}
	ws_out_free(out);
	free(d);
	ws_intern_free(in);
}

/* ---------------------------------------------------- the certificate */

enum cfmt { CF_TEXT, CF_MD, CF_HTML };

/* Print s escaped for the format. */
static void
esc(enum cfmt f, const char *s)
{
	if (s == NULL)
		s = "";
	for (; *s; s++) {
		if (f == CF_HTML && *s == '&')
			fputs("&amp;", stdout);
		else if (f == CF_HTML && *s == '<')
			fputs("&lt;", stdout);
		else if (f == CF_HTML && *s == '>')
			fputs("&gt;", stdout);
		else if (f == CF_HTML && *s == '"')
			fputs("&quot;", stdout);
		else if (f == CF_MD && strchr("\\`*_[]<>|#", *s) != NULL) {
			putchar('\\');
			putchar(*s);
		} else if (*s == '\n' || *s == '\r' || *s == '\t')
			putchar(' ');
		else
			putchar(*s);
	}
}

/* One "label: value" line of the certificate. */
static void
field(enum cfmt f, const char *label, const char *v1, const char *v2)
{
	switch (f) {
	case CF_TEXT:
		printf("%s：", label);
		break;
	case CF_MD:
		printf("| %s | ", label);
		break;
	case CF_HTML:
		printf("<tr><th>%s</th><td>", label);
		break;
	}
	esc(f, v1 && *v1 ? v1 : "—");
	if (v2 != NULL && *v2 != '\0') {
		fputs("（", stdout);
		esc(f, v2);
		fputs("）", stdout);
	}
	fputs(f == CF_MD ? " |\n" : f == CF_HTML ? "</td></tr>\n" : "\n",
	    stdout);
}

static int
certificate(sqlite3 *db, const struct opts *o)
{
	struct ws_intern *in = need_intern(db, o->rec.intern);
	struct ws_intern_day *d;
	enum cfmt f = CF_TEXT;
	char today[11], h[32], month[8], period[32], thr[11];
	char *mask, *by = NULL, *byname = NULL, *idn;
	int64_t m, total = 0, unc = 0;
	size_t n, i, j;

	if (o->fmtword == NULL || strcmp(o->fmtword, "text") == 0)
		f = CF_TEXT;
	else if (strcmp(o->fmtword, "markdown") == 0)
		f = CF_MD;
	else if (strcmp(o->fmtword, "html") == 0)
		f = CF_HTML;
	else {
		ws_warn("--format: unknown certificate format '%s' (expected "
		    "text, markdown or html)", o->fmtword);
		usage(EX_USAGE);
	}
	ws_today(today);
	d = ws_intern_days(db, in->code, NULL, &n);
	for (i = 0; i < n; i++) {
		total += d[i].certified;
		unc += d[i].uncertified;
	}
	if (total <= 0 ||
	    !ws_intern_last_cert(db, in->code, thr, &by, &byname)) {
		ws_warn("--intern: %s has no certified hours (expected hours "
		    "certified with --certify first)", in->code);
		free(d);
		ws_intern_free(in);
		return EX_DATAERR;
	}
	mask = in->id_number ? ws_mask(in->id_number) : NULL;
	idn = o->reveal ? in->id_number : mask;
	if (o->reveal)
		ws_audit_reveal(db, "intern", oargc - 1, oargv + 1, 1);
	snprintf(period, sizeof period, "%s 至 %s", in->start,
	    in->end ? in->end : "今");

	if (f == CF_HTML)
		printf("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>实习时数证明</title>\n"
		    "<style>body{font-family:serif;max-width:40em;margin:2em "
		    "auto}table{border-collapse:collapse}th,td{border:1px "
		    "solid #000;padding:.2em .6em;text-align:left}"
		    "td.n{text-align:right}</style>\n</head>\n<body>\n"
		    "<h1>实习时数证明</h1>\n<table>\n");
	else if (f == CF_MD)
		printf("# 实习时数证明\n\n| 项目 | 内容 |\n| --- | --- |\n");
	else
		printf("实习时数证明\n\n");
	field(f, "实习生", in->name, in->code);
	if (idn != NULL)
		field(f, "身份证号", idn, NULL);
	field(f, "学校", in->school, NULL);
	field(f, "专业", in->major, NULL);
	field(f, "实习单位", in->org_name, in->org);
	field(f, "实习期间", period, NULL);
	field(f, "机构督导", in->supervisor_name, in->supervisor);
	field(f, "学校督导", in->academic_supervisor, NULL);

	if (f == CF_HTML)
		printf("</table>\n<h2>逐月实习时数（经督导认证）</h2>\n"
		    "<table>\n<tr><th>月份</th><th>时数（小时）</th></tr>\n");
	else if (f == CF_MD)
		printf("\n## 逐月实习时数（经督导认证）\n\n"
		    "| 月份 | 时数（小时） |\n| --- | ---: |\n");
	else
		printf("\n逐月实习时数（经督导认证）：\n");
	for (i = 0; i < n; i = j) {
		snprintf(month, sizeof month, "%.7s", d[i].date);
		for (m = 0, j = i; j < n && strncmp(d[j].date, month, 7) == 0;
		    j++)
			m += d[j].certified;
		if (m == 0)
			continue;
		ws_hours_str(m, h);
		if (f == CF_HTML)
			printf("<tr><td>%s</td><td class=\"n\">%s</td></tr>\n",
			    month, h);
		else if (f == CF_MD)
			printf("| %s | %s |\n", month, h);
		else
			printf("  %s  %10s\n", month, h);
	}
	ws_hours_str(total, h);
	if (f == CF_HTML)
		printf("<tr><th>合计</th><th class=\"n\">%s</th></tr>\n"
		    "</table>\n<p>", h);
	else if (f == CF_MD)
		printf("| **合计** | **%s** |\n\n", h);
	else
		printf("  合计     %10s\n\n", h);

	printf("兹证明上述实习时数属实，均经机构督导认证（最近一次认证至 %s，"
	    "认证人：", thr);
	esc(f, byname ? byname : by);
	printf("）。");
	if (unc != 0) {
		ws_hours_str(unc, h);
		printf("另有 %s 小时尚未认证，未计入本证明。", h);
	}
	fputs(f == CF_HTML ? "</p>\n<p>" : f == CF_MD ? "\n\n" : "\n\n",
	    stdout);
	printf("机构督导（签字）：____________%s", f == CF_HTML ? "<br>\n" :
	    f == CF_MD ? "  \n" : "\n");
	printf("实习单位（盖章）：%s", f == CF_HTML ? "<br>\n" :
	    f == CF_MD ? "  \n" : "\n");
	printf("出具日期：%s\n", today);
	if (f == CF_HTML)
		printf("</p>\n</body>\n</html>\n");
	free(mask);
	free(by);
	free(byname);
	free(d);
	ws_intern_free(in);	return 0;
}

/* File scope, so a leak checker sees them when a function exits early. */
static struct ws_policy *pol;
static sqlite3 *db;

int
main(int argc, char **argv)
{
	struct opts o;
	ws_out *out;
	long nbad = 0;
	int ch, f, rc = 0;

	memset(&o, 0, sizeof o);
	oargc = argc;
	oargv = argv;
	ws_init(argv[0]);
	ws_set_cmdline(argc, argv);
	while ((ch = getopt_long(argc, argv,
	    "aAb:B:cCd:D:e:E:f:F:ghHi:I:j:kl:m:M:n:N:o:O:P:q:Q:rRs:S:t:T:u:"
	    "Vw:x:yZ", longopts, NULL)) != -1) {
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
		case 'E':
			o.add[9] = optarg;
			o.addopts = 1;
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
		case 'l':
			o.add[5] = optarg;
			o.addopts = 1;
			break;
		case 'm':
			o.rec.minutes = optarg;
			break;
		case 'M':
			o.add[4] = optarg;
			o.addopts = 1;
			break;
		case 'n':
			o.add[1] = optarg;
			o.addopts = 1;
			break;
		case 'N':
			o.add[2] = optarg;
			o.addopts = 1;
			break;
		case 'o':
			o.as_of = optarg;
			break;
		case 'O':
			o.add[7] = optarg;
			o.addopts = 1;
			break;
		case 'P':
			o.policy = optarg;
			break;
		case 'q':
			o.add[10] = optarg;
			o.addopts = 1;
			break;
		case 'Q':
			o.add[11] = optarg;
			o.addopts = 1;
			break;
		case 'r':
			setmode(&o, M_REPORT);
			break;
		case 'R':
			o.reveal = 1;
			break;
		case 's':
			o.add[3] = optarg;
			o.addopts = 1;
			break;
		case 'S':
			o.add[8] = optarg;
			o.addopts = 1;
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
		case 'x':
			o.add[6] = optarg;
			o.addopts = 1;
			break;
		case 'y':
			setmode(&o, M_HISTORY);
			break;
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

	pol = ws_policy_load(o.policy);
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
