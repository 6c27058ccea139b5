/*
 * intern-doc.c - what intern-hours(1) prints about interns: the subsidy
 * report (records), the weekly grid (records) and the certificate of
 * hours (实习时数证明, a document of doc.c whose labels are English msgids
 * translated through gettext).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#define _(s) ws_tr(s)

/* ------------------------------------------------------------ report */

void
ws_intern_report(sqlite3 *db, const struct ws_policy *pol, ws_out *out,
    char *const *codes, const char *as_of)
{
	static const char *const cols[] = { "intern", "name", "org", "as_of",
	    "policy", "certified_hours", "uncertified_hours",
	    "counted_hours", "months_counted", "months", "full_time",
	    "major", "hukou_city", "host_kind", "threshold", "eligible",
	    "subsidy_yuan", "warnings" };
	struct ws_intern *in;
	struct ws_claim c;
	char h[32];
	size_t i;
	int k;

	ws_out_cols(out, 18, cols);
	for (i = 0; codes[i] != NULL; i++) {
		if ((in = ws_intern_get(db, codes[i])) == NULL)
			ws_bug("intern: no intern '%s' to report", codes[i]);
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
}

/* -------------------------------------------------------------- grid */

void
ws_intern_grid(sqlite3 *db, const struct ws_policy *pol, ws_out *out,
    const struct ws_intern *in)
{
	static const char *const cols[] = { "week", "monday", "mon", "tue",
	    "wed", "thu", "fri", "sat", "sun", "total", "uncertified",
	    "running", "target_pct" };
	struct ws_intern_day *d;
	char today[11], h[32], wk[9], mon[11];
	long first, last, day, wstart;
	int64_t wsum, wunc, run = 0, pct, target;
	size_t n, i = 0;
	int k;

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
	ws_out_cols(out, 13, cols);
	for (wstart = ws_week_monday(first); wstart <= last; wstart += 7) {
		ws_isoweek(wstart, wk);
		ws_days_date(wstart, mon);
		ws_out_str(out, wk);
		ws_out_str(out, mon);
		wsum = wunc = 0;
		for (k = 0; k < 7; k++) {
			day = wstart + k;
			while (i < n && ws_date_days(d[i].date) < day)
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
	free(d);
}

/* ------------------------------------------------------- certificate */

static const char cert_css[] =
    "body{font-family:serif;max-width:40em;margin:2em auto}"
    "table{border-collapse:collapse}"
    "th,td{border:1px solid #000;padding:.2em .6em;text-align:left}"
    "td.n{text-align:right}";

/* A field of the certificate: v1 ("—" when empty) and "(v2)" when set. */
static void
field(ws_doc *d, const char *label, const char *v1, const char *v2)
{
	char *v;

	ws_doc_row(d, 0);
	ws_doc_text(d, _(label));
	v1 = v1 && *v1 ? v1 : "—";
	if (v2 != NULL && *v2 != '\0') {
		v = ws_asprintf(_("%s (%s)"), v1, v2);
		ws_doc_text(d, v);
		free(v);
	} else
		ws_doc_text(d, v1);
}

/* The monthly table of certified hours, with their total. */
static void
months(ws_doc *d, const struct ws_intern_day *day, size_t n)
{
	char month[8];
	int64_t m, total = 0;
	size_t i, j;

	ws_doc_section(d, _("Monthly hours (certified by the supervisor)"));
	ws_doc_table(d, "lr");
	ws_doc_row(d, 0);
	ws_doc_text(d, _("Month"));
	ws_doc_text(d, _("Hours"));
	for (i = 0; i < n; i = j) {
		snprintf(month, sizeof month, "%.7s", day[i].date);
		for (m = 0, j = i; j < n &&
		    strncmp(day[j].date, month, 7) == 0; j++)
			m += day[j].certified;
		total += m;
		if (m == 0)
			continue;
		ws_doc_row(d, 0);
		ws_doc_text(d, month);
		ws_doc_hours_unit(d, m);
	}
	ws_doc_row(d, WS_ROW_TOTAL);
	ws_doc_text(d, _("Total"));
	ws_doc_hours_unit(d, total);
}

ws_doc *
ws_intern_certificate(sqlite3 *db, const struct ws_intern *in, int reveal,
    ws_err *e)
{
	struct ws_intern_day *day;
	ws_doc *d;
	ws_buf b = {0};
	char today[11], h[32], thr[11], *by = NULL, *byname = NULL, *mask;
	char *x;
	int64_t total = 0, unc = 0;
	size_t n, i;

	day = ws_intern_days(db, in->code, NULL, &n);
	for (i = 0; i < n; i++) {
		total += day[i].certified;
		unc += day[i].uncertified;
	}
	if (total <= 0 ||
	    !ws_intern_last_cert(db, in->code, thr, &by, &byname)) {
		free(day);
		ws_err_set(e, EX_DATAERR, "intern", "%s has no certified hours "
		    "(expected hours certified with --certify first)",
		    in->code);
		return NULL;
	}
	ws_today(today);
	d = ws_doc_new(_("Internship hours certificate"));
	ws_doc_form(d, cert_css);
	ws_doc_kv(d);
	field(d, "Intern", in->name, in->code);
	if (in->id_number != NULL) {
		mask = ws_mask(in->id_number);
		field(d, "ID number", reveal ? in->id_number : mask, NULL);
		free(mask);
	}
	field(d, "School", in->school, NULL);
	field(d, "Major", ws_policy_label(in->major), NULL);
	field(d, "Host organisation", in->org_name, in->org);
	x = ws_asprintf("%s %s %s", in->start, _("to"),
	    in->end ? in->end : _("now"));
	field(d, "Internship period", x, NULL);
	free(x);
	field(d, "Host supervisor", in->supervisor_name, in->supervisor);
	field(d, "Academic supervisor", in->academic_supervisor, NULL);

	months(d, day, n);
	ws_buf_printf(&b, _("The hours above are true and all certified by "
	    "the host supervisor (last certified through %s, by %s)."), thr,
	    byname ? byname : by);
	if (unc != 0) {
		ws_hours_str(unc, h);
		ws_buf_printf(&b, _(" A further %s hours are not yet "
		    "certified and not counted here."), h);
	}
	ws_doc_note(d, ws_buf_str(&b));
	ws_buf_free(&b);
	ws_doc_sign(d, _("Host supervisor (signature)"), NULL);
	ws_doc_sign(d, _("Host organisation (seal)"), "");
	ws_doc_sign(d, _("Date of issue"), today);
	free(by);
	free(byname);
	free(day);
	return d;
}
