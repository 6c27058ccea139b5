/*
 * wf-merge.c - workforce-report --merge: the json reports of several
 * sites (each a street, a district, an agency) added up into one report
 * (wf-model.h): the totals and each county's figures summed, the youth
 * homes listed by site.  The date comes from the reports, the targets
 * from the merge's policy.
 */
#include <stdlib.h>
#include <string.h>

#include "wf-model.h"

struct rd {
	ws_in *in;
	ws_wf *w;
	const char *name;
	ws_err *e;
	int reports;		/* report records read */
	char *counted;		/* of the first report record */
};

static int
bad(struct rd *r, const char *key, const char *what)
{
	return ws_err_set(r->e, EX_DATAERR, NULL, "%s:%ld: %s: %s", r->name,
	    ws_in_line(r->in), key, ws_msg(what));
}

/* The text of key (required unless may_be_empty: then "" for null). */
static int
getstr(struct rd *r, const char *key, int may_be_empty, const char **out)
{
	*out = ws_in_get(r->in, key);
	if (*out == NULL && !may_be_empty)
		return bad(r, key, "missing (expected a workforce-report json "
		    "record)");
	if (*out == NULL)
		*out = "";
	return 0;
}

static int
getint(struct rd *r, const char *key, int64_t *v)
{
	const char *s = ws_in_get(r->in, key), *e;

	if (s == NULL)
		return bad(r, key, "missing (expected a whole number)");
	if ((e = ws_parse_int(s, 0, INT64_MAX / 1000, v)) != NULL)
		return bad(r, key, e);
	return 0;
}

/* Add v (0 .. INT64_MAX / 1000) to *sum, refusing a sum that does not
 * fit. */
static int
add(struct rd *r, const char *key, int64_t *sum, int64_t v)
{
	if (*sum > INT64_MAX - v)
		return bad(r, key, "the sum grows too large (expected counts "
		    "of people and places)");
	*sum += v;
	return 0;
}

static int
report(struct rd *r)
{
	const char *site, *as_of, *counted, *policy;

	if (getstr(r, "site", 0, &site) || getstr(r, "as_of", 0, &as_of) ||
	    getstr(r, "counted", 1, &counted) ||
	    getstr(r, "policy", 1, &policy))
		return -1;
	if (ws_check_date(as_of) != NULL)
		return bad(r, "as_of", "not a date (expected YYYY-MM-DD)");
	if (r->reports++ == 0) {
		memcpy(r->w->as_of, as_of, 11);
		r->counted = ws_strdup(counted);
	} else if (strcmp(as_of, r->w->as_of) != 0)
		return bad(r, "as_of", "another date than the first report's "
		    "(expected reports of one date)");
	else if (strcmp(counted, r->counted) != 0)
		return bad(r, "counted", "other qualifications counted than "
		    "in the first report (expected reports under one policy)");
	if (ws_wf_addsite(r->w, site) == -1)
		return bad(r, "site", "a second report of this site (expected "
		    "each site once)");
	return 0;
}

static int
total(struct rd *r)
{
	const char *m;
	int64_t v;
	int t;

	if (getstr(r, "measure", 0, &m) || getint(r, "value", &v))
		return -1;
	for (t = 0; t < NTOTAL; t++)
		if (strcmp(m, ws_wf_measures[t]) == 0)
			break;
	if (t == NTOTAL)
		return bad(r, "measure", "unknown measure (expected "
		    "youth_workers, unqualified_youth_workers, training_bases "
		    "or demonstration_units)");
	return add(r, "value", &r->w->total[t], v);
}

static int
county(struct rd *r)
{
	struct wf_county *c;
	const char *name;
	int64_t league, youth;

	if (getstr(r, "county", 1, &name) ||
	    getint(r, "league_agencies", &league) ||
	    getint(r, "youth_workers", &youth))
		return -1;
	c = ws_wf_county(r->w, name);
	return add(r, "league_agencies", &c->league, league) ||
	    add(r, "youth_workers", &c->counted, youth) ? -1 : 0;
}

static int
qualification(struct rd *r)
{
	const char *name, *qs;
	int64_t n;
	int q;

	if (getstr(r, "county", 1, &name) ||
	    getstr(r, "qualification", 0, &qs) ||
	    getint(r, "youth_workers", &n))
		return -1;
	if ((q = ws_word_index(qs, ws_qualifications)) < 0)
		return bad(r, "qualification", "unknown qualification "
		    "(expected none, assistant, intermediate or senior)");
	return add(r, "youth_workers", &ws_wf_county(r->w, name)->q[q], n);
}

static int
home(struct rd *r)
{
	const char *site, *code, *name, *cty, *comm;
	struct wf_home *h;
	size_t i;

	if (getstr(r, "site", 0, &site) || getstr(r, "code", 0, &code) ||
	    getstr(r, "name", 1, &name) || getstr(r, "county", 1, &cty) ||
	    getstr(r, "community", 1, &comm))
		return -1;
	for (i = 0; i < r->w->nsites; i++)
		if (strcmp(r->w->sites[i], site) == 0)
			break;
	if (i == r->w->nsites)
		return bad(r, "site", "no report record of this site before "
		    "it (expected each site's records after its report "
		    "record)");
	h = ws_wf_home(r->w, site, code, name, cty, comm);
	h->line = ws_in_line(r->in);
	return getint(r, "youth_workers", &h->workers);
}

static int
cmphome(const void *a, const void *b)
{
	const struct wf_home *x = a, *y = b;
	int c;

	if ((c = strcmp(x->site, y->site)) != 0 ||
	    (c = strcmp(x->code, y->code)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* A youth home given twice in a site: the later one is refused. */
static int
twice(struct rd *r)
{
	struct wf_home *h = r->w->h;
	size_t i;

	if (r->w->nh > 1)
		qsort(h, r->w->nh, sizeof *h, cmphome);
	for (i = 1; i < r->w->nh; i++)
		if (strcmp(h[i].site, h[i - 1].site) == 0 &&
		    strcmp(h[i].code, h[i - 1].code) == 0)
			return ws_err_set(r->e, EX_DATAERR, NULL, "%s:%ld: "
			    "code: a second youth home '%s' in site '%s' (the "
			    "first at line %ld)", r->name, h[i].line,
			    h[i].code, h[i].site, h[i - 1].line);
	return 0;
}

static int
merge(struct rd *r)
{
	static const char *const types[] = { "report", "total", "county",
	    "qualification", "youth_home", NULL };
	const char *type;
	int rc, t;

	while ((rc = ws_in_next(r->in)) != 0) {
		if (rc < 0)
			return ws_err_set(r->e, EX_DATAERR, NULL, "%s",
			    ws_in_error(r->in));
		if ((type = ws_in_get(r->in, "type")) == NULL ||
		    (t = ws_word_index(type, types)) < 0)
			return bad(r, "type", "missing or unknown (expected "
			    "report, total, county, qualification or "
			    "youth_home)");
		if (t > 0 && r->reports == 0)
			return bad(r, "type", "a record before any report "
			    "record (expected workforce-report json)");
		if ((t == 0 && report(r)) || (t == 1 && total(r)) ||
		    (t == 2 && county(r)) || (t == 3 && qualification(r)) ||
		    (t == 4 && home(r)))
			return -1;
	}
	if (r->reports == 0)
		return ws_err_set(r->e, EX_DATAERR, NULL, "%s: no report "
		    "records (expected the json output of workforce-report)",
		    r->name);
	return twice(r);
}

ws_wf *
ws_wf_merge(FILE *fp, const char *name, const struct ws_wf_opts *o,
    ws_err *e)
{
	struct rd r;
	char *q, *p;
	int i;

	memset(&r, 0, sizeof r);
	r.w = ws_calloc(1, sizeof *r.w);
	r.w->pol = o->pol;
	r.w->policy = ws_strdup(o->pol->name);
	r.in = ws_in_open(fp, name, WS_FMT_JSON);
	r.name = name;
	r.e = e;
	if (merge(&r) != 0) {
		ws_wf_free(r.w);
		r.w = NULL;
	} else {
		for (p = r.counted; *p; p = q + (*q != '\0')) {
			q = p + strcspn(p, ",");
			for (i = 0; i < NQUAL; i++)
				if (strlen(ws_qualifications[i]) ==
				    (size_t)(q - p) && strncmp(p,
				    ws_qualifications[i], (size_t)(q - p)) == 0)
					r.w->counted[i] = 1;
		}
		ws_wf_compute(r.w);
	}
	ws_in_free(r.in);
	free(r.counted);
	return r.w;
}
