/*
 * orgs-growth.c - org-report --growth: the registered social
 * organisations of a site at the end of a year and of the year before,
 * per kind and in total, against the policy's growth and brand targets
 * (Chengdu: 6% a year, 10 new brand organisations); and --merge, the json
 * reports of several sites added up into one.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

struct ws_growth {
	int year;
	char *site;			/* "a, b" for a merge */
	char **sites;			/* the sites merged (or the one) */
	size_t nsites;
	struct ws_growth_row row[8];	/* per registered kind, then total */
	size_t n;			/* kinds */
	int64_t growth_pct, brand_target;
};

static ws_growth *
newgrowth(const struct ws_annual_rules *r, int year)
{
	const char *const *kinds = ws_org_reg_kinds();
	ws_growth *g = ws_calloc(1, sizeof *g);

	g->year = year;
	for (g->n = 0; kinds[g->n] != NULL && g->n < 7; g->n++)
		g->row[g->n].kind = kinds[g->n];
	g->row[g->n].kind = "total";
	g->growth_pct = r->growth_pct;
	g->brand_target = r->brand_target;
	return g;
}

static void
addsite(ws_growth *g, const char *site)
{
	g->sites = ws_realloc(g->sites, (g->nsites + 1) * sizeof *g->sites);
	g->sites[g->nsites++] = ws_strdup(site);
}

/* The total row from the kinds. */
static void
total(ws_growth *g)
{
	struct ws_growth_row *t = &g->row[g->n];
	size_t i;

	t->start = t->registered = t->deregistered = t->end = t->brands = 0;
	for (i = 0; i < g->n; i++) {
		t->start += g->row[i].start;
		t->registered += g->row[i].registered;
		t->deregistered += g->row[i].deregistered;
		t->end += g->row[i].end;
		t->brands += g->row[i].brands;
	}
}

ws_growth *
ws_growth_build(sqlite3 *db, const struct ws_annual_rules *r, int year)
{
	ws_growth *g = newgrowth(r, year);
	struct ws_growth_row *w;
	sqlite3_stmt *st;
	char prev[11], ystart[11], yend[11], *site;
	const char *reg, *dereg, *brand;
	int k;

	snprintf(prev, sizeof prev, "%04u-12-31", (unsigned)(year - 1) % 10000);
	snprintf(ystart, sizeof ystart, "%04u-01-01", (unsigned)year % 10000);
	snprintf(yend, sizeof yend, "%04u-12-31", (unsigned)year % 10000);
	site = ws_site_name(db);
	addsite(g, site);
	g->site = site;
	st = ws_prepare(db, "SELECT kind, registered, deregistered, "
	    "brand_since FROM org WHERE registered IS NOT NULL");
	while (ws_step(st) == SQLITE_ROW) {
		k = ws_word_index((const char *)sqlite3_column_text(st, 0),
		    ws_org_reg_kinds());
		if (k < 0)
			continue;
		w = &g->row[k];
		reg = (const char *)sqlite3_column_text(st, 1);
		dereg = (const char *)sqlite3_column_text(st, 2);
		brand = (const char *)sqlite3_column_text(st, 3);
		w->start += ws_org_on_register(reg, dereg, prev);
		w->end += ws_org_on_register(reg, dereg, yend);
		w->registered += strcmp(reg, ystart) >= 0 &&
		    strcmp(reg, yend) <= 0;
		w->deregistered += dereg != NULL &&
		    strcmp(dereg, ystart) >= 0 && strcmp(dereg, yend) <= 0;
		w->brands += brand != NULL && strcmp(brand, ystart) >= 0 &&
		    strcmp(brand, yend) <= 0;
	}
	sqlite3_finalize(st);
	total(g);
	return g;
}

/* Behind the growth target: (end - start) / start under growth_pct. */
static int
behind(const ws_growth *g, const struct ws_growth_row *w)
{
	return w->start > 0 &&
	    (w->end - w->start) * 10000 < g->growth_pct * w->start;
}

int
ws_growth_ok(const ws_growth *g)
{
	return !behind(g, &g->row[g->n]) &&
	    g->row[g->n].brands >= g->brand_target;
}

const struct ws_growth_row *
ws_growth_rows(const ws_growth *g, size_t *n)
{
	*n = g->n + 1;
	return g->row;
}

void
ws_growth_free(ws_growth *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->nsites; i++)
		free(g->sites[i]);
	free(g->sites);
	free(g->site);
	free(g);
}

/* ------------------------------------------------------------ output */

/* The label of an org kind (vocab.c), translated. */
static const char *
kindlabel(const char *kind)
{
	const struct ws_word *w = ws_vocab_find("org.kind", kind);

	return w != NULL && w->label != NULL ? ws_tr(w->label) : kind;
}

static void
json(const ws_growth *g, FILE *fp)
{
	static const char *const rep[] = { "type", "site", "year",
	    "growth_target_pct", "brand_target", "ok" };
	static const char *const kind[] = { "type", "site", "year", "kind",
	    "start", "registered", "deregistered", "end", "brands" };
	const struct ws_growth_row *w;
	char pct[32];
	ws_out *o = ws_out_new(fp, WS_FMT_JSON, 0);
	size_t i;

	ws_out_cols(o, 6, rep);
	ws_out_str(o, "report");
	ws_out_str(o, g->site);
	ws_out_int(o, g->year);
	ws_doc_pct_str(g->growth_pct, 10000, pct);
	ws_out_str(o, pct);
	ws_out_int(o, g->brand_target);
	ws_out_int(o, ws_growth_ok(g));
	ws_out_end(o);
	ws_out_free(o);
	o = ws_out_new(fp, WS_FMT_JSON, 0);
	ws_out_cols(o, 9, kind);
	for (i = 0; i < g->n; i++) {
		w = &g->row[i];
		ws_out_str(o, "kind");
		ws_out_str(o, g->site);
		ws_out_int(o, g->year);
		ws_out_str(o, w->kind);
		ws_out_int(o, w->start);
		ws_out_int(o, w->registered);
		ws_out_int(o, w->deregistered);
		ws_out_int(o, w->end);
		ws_out_int(o, w->brands);
		ws_out_end(o);
	}
	ws_out_free(o);
}

void
ws_growth_print(const ws_growth *g, enum ws_fmt fmt, FILE *fp)
{
	static const char *const target_cols[] = { "measure", "actual",
	    "target", "standing", NULL };
	const struct ws_growth_row *w;
	ws_doc *d;
	char title[128];
	size_t i;
	int last;

	if (fmt == WS_FMT_JSON) {
		json(g, fp);
		return;
	}
	snprintf(title, sizeof title, "%s %d", ws_tr("Growth of social "
	    "organisations"), g->year);
	d = ws_doc_new(title);
	if (*g->site != '\0') {
		snprintf(title, sizeof title, "%s: %s", ws_tr("site"), g->site);
		ws_doc_note(d, title);
	}
	ws_doc_table(d, "lrrrrrr");
	ws_doc_row(d, 0);
	ws_doc_text(d, ws_tr("kind"));
	snprintf(title, sizeof title, "%s %d", ws_tr("end of"), g->year - 1);
	ws_doc_text(d, title);
	ws_doc_text(d, ws_tr("registered"));
	ws_doc_text(d, ws_tr("deregistered"));
	snprintf(title, sizeof title, "%s %d", ws_tr("end of"), g->year);
	ws_doc_text(d, title);
	ws_doc_text(d, ws_tr("growth"));
	ws_doc_text(d, ws_tr("brands named"));
	for (i = 0; i <= g->n; i++) {
		w = &g->row[i];
		last = i == g->n;
		ws_doc_row(d, (last ? WS_ROW_TOTAL : 0) |
		    (behind(g, w) ? WS_ROW_FLAGGED : 0));
		ws_doc_text(d, last ? ws_tr("Total") : kindlabel(w->kind));
		ws_doc_count(d, w->start);
		ws_doc_count(d, w->registered);
		ws_doc_count(d, w->deregistered);
		ws_doc_count(d, w->end);
		ws_doc_pct(d, w->end - w->start, w->start);
		ws_doc_count(d, w->brands);
	}
	ws_doc_section(d, ws_tr("Targets"));
	ws_orgs_header(d, "lrrl", target_cols);
	w = &g->row[g->n];
	ws_doc_row(d, behind(g, w) ? WS_ROW_FLAGGED : 0);
	ws_doc_text(d, ws_tr("growth"));
	ws_doc_pct(d, w->end - w->start, w->start);
	ws_doc_pct(d, g->growth_pct, 10000);
	ws_doc_text(d, ws_tr(behind(g, w) ? "behind" : "met"));
	ws_doc_row(d, w->brands < g->brand_target ? WS_ROW_FLAGGED : 0);
	ws_doc_text(d, ws_tr("brands named"));
	ws_doc_count(d, w->brands);
	ws_doc_count(d, g->brand_target);
	ws_doc_text(d, ws_tr(w->brands < g->brand_target ? "behind" : "met"));
	ws_doc_print(d, fmt, 0, fp);
	ws_doc_free(d);
}

/* ------------------------------------------------------------- merge */

struct rd {
	ws_in *in;
	ws_growth *g;
	const char *name;
	char **err;
	ws_buf site;		/* the sites' names, joined */
	jmp_buf jb;
};

_Noreturn static void
bad(struct rd *r, const char *key, const char *what)
{
	*r->err = ws_asprintf("%s:%ld: %s: %s", r->name, ws_in_line(r->in),
	    key, ws_msg(what));
	ws_in_free(r->in);
	ws_growth_free(r->g);
	ws_buf_free(&r->site);
	longjmp(r->jb, 1);
}

static int64_t
num(struct rd *r, const char *key, int64_t hi)
{
	const char *v = ws_in_get(r->in, key), *e;
	int64_t n;

	if (v == NULL)
		bad(r, key, "missing (expected an org-report json record)");
	if ((e = ws_parse_int(v, 0, hi, &n)) != NULL)
		bad(r, key, e);
	return n;
}

static const char *
str(struct rd *r, const char *key)
{
	const char *v = ws_in_get(r->in, key);

	if (v == NULL)
		bad(r, key, "missing (expected an org-report json record)");
	return v;
}

static ws_growth *
merge(struct rd *r)
{
	struct ws_growth_row *w;
	const char *type, *s;
	size_t i;
	int rc, k, year;

	while ((rc = ws_in_next(r->in)) != 0) {
		if (rc < 0) {
			*r->err = ws_strdup(ws_in_error(r->in));
			ws_in_free(r->in);
			ws_growth_free(r->g);
			ws_buf_free(&r->site);
			return NULL;
		}
		type = str(r, "type");
		if (strcmp(type, "report") != 0 && r->g->nsites == 0)
			bad(r, "type", "not a kind record of the report before "
			    "it (expected org-report --growth json)");
		year = (int)num(r, "year", 2998);
		if (r->g->nsites == 0 && strcmp(type, "report") == 0)
			r->g->year = year;
		else if (year != r->g->year) {
			bad(r, "year", "another year than the first report's "
			    "(expected reports of one year)");
		}
		s = str(r, "site");
		if (strcmp(type, "report") == 0) {
			for (i = 0; i < r->g->nsites; i++)
				if (strcmp(r->g->sites[i], s) == 0) {
							bad(r, "site", "a second report of this "
					    "site (expected each site once)");
				}
			addsite(r->g, s);
			if (r->site.len > 0)
				ws_buf_adds(&r->site, ", ");
			ws_buf_adds(&r->site, s);
			continue;
		}
		if (strcmp(type, "kind") != 0 || r->g->nsites == 0 ||
		    strcmp(r->g->sites[r->g->nsites - 1], s) != 0) {
			bad(r, "type", "not a kind record of the report before "
			    "it (expected org-report --growth json)");
		}
		if ((k = ws_word_index(str(r, "kind"), ws_org_reg_kinds())) < 0) {
			bad(r, "kind", "not a registered social organisation "
			    "kind");
		}
		w = &r->g->row[k];
		w->start += num(r, "start", INT32_MAX);
		w->registered += num(r, "registered", INT32_MAX);
		w->deregistered += num(r, "deregistered", INT32_MAX);
		w->end += num(r, "end", INT32_MAX);
		w->brands += num(r, "brands", INT32_MAX);
	}
	ws_in_free(r->in);
	if (r->g->nsites == 0) {
		ws_buf_free(&r->site);
		ws_growth_free(r->g);
		ws_buf_free(&r->site);
		*r->err = ws_msgf("%s: no report (expected org-report "
		    "--growth --format json records)", r->name);
		return NULL;
	}
	free(r->g->site);
	r->g->site = ws_strdup(ws_buf_str(&r->site));
	ws_buf_free(&r->site);
	total(r->g);
	return r->g;
}

ws_growth *
ws_growth_merge(FILE *fp, const char *name, const struct ws_annual_rules *a,
    char **err)
{
	struct rd r;

	r.in = ws_in_open(fp, name, WS_FMT_JSON);
	r.g = newgrowth(a, 0);
	r.name = name;
	r.err = err;
	memset(&r.site, 0, sizeof r.site);
	if (setjmp(r.jb) != 0)
		return NULL;
	return merge(&r);
}
