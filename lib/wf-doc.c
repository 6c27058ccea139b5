/*
 * wf-doc.c - the workforce report printed: as a document (doc.c: text,
 * markdown, html), as tidy records (csv and tsv: one row per figure) and
 * as json (one record per figure with a type: the input of --merge).
 */
#include <stdlib.h>
#include <string.h>

#include "wf-model.h"

static const char *const total_labels[NTOTAL] = {
	N_("Youth-affairs social workers"),
	N_("Youth-affairs workers not counted (unqualified)"),
	N_("Training bases"),
	N_("Standard demonstration units"),
};

/* A qualification's label, from the vocabulary. */
static const char *
qual_label(int q)
{
	const struct ws_word *w = ws_vocab_find("worker.qualification",
	    ws_qualifications[q]);

	return w != NULL && w->label != NULL ? _(w->label) :
	    ws_qualifications[q];
}

static const char *
countyname(const char *c)
{
	return *c ? c : _("(no county)");
}

static void
textrow(ws_doc *d, int flags, const char *a, const char *b)
{
	ws_doc_row(d, flags);
	ws_doc_text(d, a);
	if (b != NULL)
		ws_doc_text(d, b);
}

static void
note(ws_doc *d, char *s)
{
	ws_doc_note(d, s);
	free(s);
}

/* How the target of ms on the date comes about, stated. */
static void
trajectory(const ws_wf *w, const struct ws_milestones *ms, const char *what,
    ws_doc *d)
{
	const struct ws_milestone *a, *b;
	long long t = ws_wf_target(ms, w->as_of, &a, &b);

	if (t < 0)
		return;
	if (a != NULL && b != NULL && strcmp(a->date, w->as_of) != 0)
		note(d, ws_asprintf(_("%s: the target for %s is %lld, on the "
		    "straight line from %lld at %s to %lld at %s."), _(what),
		    w->as_of, t, (long long)a->target, a->date,
		    (long long)b->target, b->date));
	else if (a == NULL)
		note(d, ws_asprintf(_("%s: the target for %s is %lld, the "
		    "first milestone's (%s)."), _(what), w->as_of, t,
		    b->date));
	else
		note(d, ws_asprintf(_("%s: the target for %s is %lld, the "
		    "milestone of %s."), _(what), w->as_of, t, a->date));
}

static void
totals(const ws_wf *w, ws_doc *d)
{
	int t, flag;

	ws_doc_section(d, _("Against the targets"));
	ws_doc_table(d, "lrrrl");
	ws_doc_row(d, 0);
	ws_doc_text(d, _("Measure"));
	ws_doc_text(d, _("Count"));
	ws_doc_text(d, _("Target"));
	ws_doc_text(d, _("Percent"));
	ws_doc_text(d, _("Status"));
	for (t = 0; t < NTOTAL; t++) {
		flag = w->target[t] >= 0 && w->total[t] < w->target[t];
		ws_doc_row(d, flag);
		ws_doc_text(d, _(total_labels[t]));
		ws_doc_count(d, w->total[t]);
		if (w->target[t] < 0) {
			ws_doc_text(d, "-");
			ws_doc_text(d, "-");
			ws_doc_text(d, "-");
			continue;
		}
		ws_doc_count(d, w->target[t]);
		ws_doc_pct(d, w->total[t], w->target[t]);
		ws_doc_text(d, flag ? _("behind") : _("met"));
	}
	{
		ws_buf b = {0};
		int q;

		for (q = 0; q < NQUAL; q++)
			if (w->counted[q])
				ws_buf_printf(&b, "%s%s", b.len ? ", " : "",
				    qual_label(q));
		note(d, ws_asprintf(_("Counted qualifications: %s."),
		    b.len ? ws_buf_str(&b) : "-"));
		ws_buf_free(&b);
	}
	trajectory(w, &w->pol->youth_workers, total_labels[T_YOUTH], d);
	trajectory(w, &w->pol->training_bases, total_labels[T_BASES], d);
	trajectory(w, &w->pol->demonstration_units, total_labels[T_UNITS],
	    d);
}

static void
counties(const ws_wf *w, ws_doc *d)
{
	const struct wf_county *c;
	size_t i;
	int q;

	ws_doc_section(d, _("By county and qualification"));
	if (w->nc == 0) {
		ws_doc_note(d, _("No county in the records."));
		return;
	}
	ws_doc_table(d, "lrrrrrr");
	ws_doc_row(d, 0);
	ws_doc_text(d, _("County"));
	for (q = 0; q < NQUAL; q++)
		ws_doc_text(d, qual_label(q));
	ws_doc_text(d, _("Counted"));
	ws_doc_text(d, _("League agencies"));
	for (i = 0; i < w->nc; i++) {
		c = &w->c[i];
		ws_doc_row(d, *c->county && c->league == 0);
		ws_doc_text(d, countyname(c->county));
		for (q = 0; q < NQUAL; q++)
			ws_doc_count(d, c->q[q]);
		ws_doc_count(d, c->counted);
		ws_doc_count(d, c->league);
	}
}

static void
gaps(const ws_wf *w, ws_doc *d)
{
	const struct wf_home *h;
	size_t i, n = 0;

	ws_doc_section(d, _("Youth homes without a youth-affairs social "
	    "worker"));
	for (i = 0; i < w->nh; i++) {
		h = &w->h[i];
		if (h->workers > 0)
			continue;
		if (n++ == 0) {
			ws_doc_table(d, w->nsites > 1 ? "lllll" : "llll");
			ws_doc_row(d, 0);
			if (w->nsites > 1)
				ws_doc_text(d, _("Site"));
			ws_doc_text(d, _("Code"));
			ws_doc_text(d, _("Name"));
			ws_doc_text(d, _("County"));
			ws_doc_text(d, _("Community"));
		}
		ws_doc_row(d, WS_ROW_FLAGGED);
		if (w->nsites > 1)
			ws_doc_text(d, h->site);
		ws_doc_text(d, h->code);
		ws_doc_text(d, h->name);
		ws_doc_text(d, countyname(h->county));
		ws_doc_text(d, h->community);
	}
	if (n == 0)
		note(d, ws_asprintf(_("None: each of the %zu youth homes open "
		    "has one."), w->nh));

	ws_doc_section(d, _("Counties without a youth-league social-work "
	    "agency"));
	for (i = n = 0; i < w->nc; i++) {
		if (!*w->c[i].county || w->c[i].league > 0)
			continue;
		if (n++ == 0) {
			ws_doc_table(d, "l");
			textrow(d, 0, _("County"), NULL);
		}
		textrow(d, WS_ROW_FLAGGED, w->c[i].county, NULL);
	}
	if (n == 0)
		ws_doc_note(d, _("None: every county has one."));
}

static ws_doc *
builddoc(const ws_wf *w)
{
	ws_buf b = {0};
	ws_doc *d;
	size_t i;

	for (i = 0; i < w->nsites; i++)
		ws_buf_printf(&b, "%s%s", i ? ", " : "", w->sites[i]);
	{
		char *t = ws_asprintf("%s: %s", _("Youth-affairs social-work "
		    "workforce"), ws_buf_str(&b));

		d = ws_doc_new(t);
		free(t);
	}
	ws_buf_free(&b);
	note(d, ws_asprintf("%s: %s", _("As of"), w->as_of));
	if (w->pol->name != NULL)
		note(d, ws_asprintf("%s: %s%s%s%s", _("Policy"), w->pol->name,
		    w->pol->source ? " (" : "", w->pol->source ?
		    w->pol->source : "", w->pol->source ? ")" : ""));
	totals(w, d);
	counties(w, d);
	gaps(w, d);
	return d;
}

/* ------------------------------------------------------------ records */

enum { C_TYPE, C_SITE, C_AS_OF, C_MEASURE, C_COUNTY, C_QUAL, C_CODE,
    C_NAME, C_COMMUNITY, C_VALUE, C_TARGET, NCOL };

static const char *const cols[NCOL] = { "type", "site", "as_of", "measure",
    "county", "qualification", "code", "name", "community", "value",
    "target" };

/* One record: vals[i] (NULL: null), numbers where num[i] and set. */
struct rec {
	const char *s[NCOL];
	int64_t n[NCOL];
	int isnum[NCOL];
};

static void
setnum(struct rec *r, int c, int64_t v)
{
	r->n[c] = v;
	r->isnum[c] = 1;
}

static void
settarget(struct rec *r, int c, int64_t v)
{
	if (v >= 0)
		setnum(r, c, v);
}

/* tidy (csv, tsv): every column; json: the columns of keys, in order. */
static void
emit(ws_out *o, const struct rec *r, const int *keys, int nkeys)
{
	int i, c;

	for (i = 0; i < nkeys; i++) {
		c = keys[i];
		if (r->isnum[c])
			ws_out_int(o, r->n[c]);
		else
			ws_out_str(o, r->s[c]);
	}
	ws_out_end(o);
}

/* A json record of the columns keys (named by tidy column or by the
 * json name jname[i] when not NULL). */
static void
json(FILE *fp, const struct rec *r, const int *keys, const char *const
    *jname, int nkeys)
{
	const char *names[NCOL];
	ws_out *o = ws_out_new(fp, WS_FMT_JSON, 0);
	int i;

	for (i = 0; i < nkeys; i++)
		names[i] = jname[i] ? jname[i] : cols[keys[i]];
	ws_out_cols(o, nkeys, names);
	emit(o, r, keys, nkeys);
	ws_out_free(o);
}

static void
records(const ws_wf *w, enum ws_fmt fmt, FILE *fp)
{
	static const int all[NCOL] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const int k_rep[] = { C_TYPE, C_SITE, C_AS_OF, C_QUAL,
	    C_NAME };
	static const char *const j_rep[] = { NULL, NULL, NULL, "counted",
	    "policy" };
	static const int k_tot[] = { C_TYPE, C_MEASURE, C_VALUE, C_TARGET };
	static const char *const j_tot[] = { NULL, NULL, NULL, NULL };
	static const int k_cty[] = { C_TYPE, C_COUNTY, C_VALUE, C_TARGET };
	static const char *const j_cty[] = { NULL, NULL, "league_agencies",
	    "youth_workers" };
	static const int k_qua[] = { C_TYPE, C_COUNTY, C_QUAL, C_VALUE };
	static const char *const j_qua[] = { NULL, NULL, NULL,
	    "youth_workers" };
	static const int k_home[] = { C_TYPE, C_SITE, C_CODE, C_NAME,
	    C_COUNTY, C_COMMUNITY, C_VALUE };
	static const char *const j_home[] = { NULL, NULL, NULL, NULL, NULL,
	    NULL, "youth_workers" };
	ws_out *o = NULL;
	struct rec r;
	char *counted = ws_wf_counted_str(w);
	size_t i;
	int t, q, js = fmt == WS_FMT_JSON;

	if (!js) {
		o = ws_out_new(fp, fmt, 0);
		ws_out_cols(o, NCOL, cols);
	}
#define NEW(type) (memset(&r, 0, sizeof r), r.s[C_TYPE] = (type), \
	r.s[C_AS_OF] = w->as_of)
	if (js)
		for (i = 0; i < w->nsites; i++) {
			NEW("report");
			r.s[C_SITE] = w->sites[i];
			r.s[C_QUAL] = counted;
			r.s[C_NAME] = w->policy;
			json(fp, &r, k_rep, j_rep, 5);
		}
	for (t = 0; t < NTOTAL; t++) {
		NEW("total");
		r.s[C_MEASURE] = ws_wf_measures[t];
		setnum(&r, C_VALUE, w->total[t]);
		settarget(&r, C_TARGET, w->target[t]);
		js ? json(fp, &r, k_tot, j_tot, 4) : emit(o, &r, all, NCOL);
	}
	for (i = 0; i < w->nc; i++) {
		NEW("county");
		r.s[C_COUNTY] = *w->c[i].county ? w->c[i].county : NULL;
		if (js) {	/* two figures: named by j_cty */
			setnum(&r, C_VALUE, w->c[i].league);
			setnum(&r, C_TARGET, w->c[i].counted);
			json(fp, &r, k_cty, j_cty, 4);
			continue;
		}
		r.s[C_MEASURE] = "league_agencies";
		setnum(&r, C_VALUE, w->c[i].league);
		emit(o, &r, all, NCOL);
		r.s[C_MEASURE] = "youth_workers";
		setnum(&r, C_VALUE, w->c[i].counted);
		emit(o, &r, all, NCOL);
	}
	for (i = 0; i < w->nc; i++)
		for (q = 0; q < NQUAL; q++) {
			if (w->c[i].q[q] == 0)
				continue;
			NEW("qualification");
			r.s[C_COUNTY] = *w->c[i].county ? w->c[i].county :
			    NULL;
			r.s[C_QUAL] = ws_qualifications[q];
			r.s[C_MEASURE] = "youth_workers";
			setnum(&r, C_VALUE, w->c[i].q[q]);
			js ? json(fp, &r, k_qua, j_qua, 4) :
			    emit(o, &r, all, NCOL);
		}
	for (i = 0; i < w->nh; i++) {
		NEW("youth_home");
		r.s[C_SITE] = w->h[i].site;
		r.s[C_CODE] = w->h[i].code;
		r.s[C_NAME] = w->h[i].name;
		r.s[C_COUNTY] = *w->h[i].county ? w->h[i].county : NULL;
		r.s[C_COMMUNITY] = *w->h[i].community ? w->h[i].community :
		    NULL;
		r.s[C_MEASURE] = "youth_workers";
		setnum(&r, C_VALUE, w->h[i].workers);
		js ? json(fp, &r, k_home, j_home, 7) : emit(o, &r, all, NCOL);
	}
#undef NEW
	if (o != NULL)
		ws_out_free(o);
	free(counted);
}

void
ws_wf_print(const ws_wf *w, enum ws_fmt fmt, FILE *fp)
{
	ws_doc *d;

	if (fmt == WS_FMT_CSV || fmt == WS_FMT_TSV || fmt == WS_FMT_JSON) {
		records(w, fmt, fp);
		return;
	}
	d = builddoc(w);
	ws_doc_print(d, fmt == WS_FMT_MARKDOWN || fmt == WS_FMT_HTML ||
	    fmt == WS_FMT_XLSX ? fmt : WS_FMT_TEXT, 0, fp);	/* issue 14 */
	ws_doc_free(d);
}
