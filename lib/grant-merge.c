/*
 * grant-merge.c - grant-report --merge: the json reports of several sites
 * read back into one report model (grant-model.h), whose totals are then
 * computed as those of a single report.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "grant-model.h"

/* A merge in progress.  A problem frees what was read, leaves its
 * message in *err and jumps back to ws_grant_merge, which returns NULL. */
struct rd {
	ws_in *in;
	ws_grant *g;
	const char *name;	/* of the input, for messages */
	char **err;
	jmp_buf jb;
};

_Noreturn static void
fail(struct rd *r, char *msg)
{
	ws_in_free(r->in);
	ws_grant_free(r->g);
	*r->err = msg;
	longjmp(r->jb, 1);
}

_Noreturn static void
bad(struct rd *r, const char *key, const char *what)
{
	fail(r, ws_asprintf("%s:%ld: %s: %s", r->name, ws_in_line(r->in),
	    key, ws_msg(what)));
}

static char *
getstr(struct rd *r, const char *key, int may_be_empty)
{
	const char *v = ws_in_get(r->in, key);

	if (v == NULL && !may_be_empty)
		bad(r, key, "missing (expected a grant-report json record)");
	return ws_strdup(v ? v : "");
}

static int64_t
getint(struct rd *r, const char *key)
{
	const char *v = ws_in_get(r->in, key), *e;
	int64_t n;

	if (v == NULL)
		bad(r, key, "missing (expected a whole number)");
	if ((e = ws_parse_int(v, 0, INT64_MAX / 100000, &n)) != NULL)
		bad(r, key, e);
	return n;
}

static void
getdate(struct rd *r, const char *key, char out[11])
{
	const char *v = ws_in_get(r->in, key);

	if (v == NULL || ws_check_date(v) != NULL)
		bad(r, key, "not a date (expected YYYY-MM-DD)");
	memcpy(out, v, 11);
}

static struct gcon *
findcon(struct rd *r)
{
	const char *site = ws_in_get(r->in, "site");
	const char *code = ws_in_get(r->in, "contract");
	size_t i;

	if (site == NULL)
		bad(r, "site", "missing (expected a grant-report json record)");
	if (code == NULL)
		bad(r, "contract", "missing (expected a contract code)");
	for (i = r->g->n; i > 0; i--)
		if (strcmp(r->g->c[i - 1].site, site) == 0 &&
		    strcmp(r->g->c[i - 1].code, code) == 0)
			return &r->g->c[i - 1];
	return NULL;
}

/* Read the records of r->in into r->g; a problem jumps to r->jb. */
static ws_grant *
merge(struct rd *r)
{
	struct gcon *c;
	struct gmeas *gm;
	struct gfund *f;
	const char *type, *v;
	char since[11], until[11], *s;
	int rc, m, reports = 0;

	while ((rc = ws_in_next(r->in)) != 0) {
		if (rc < 0)
			fail(r, ws_strdup(ws_in_error(r->in)));
		if ((type = ws_in_get(r->in, "type")) == NULL)
			bad(r, "type", "missing (expected report, contract, "
			    "measure or funding)");
		if (strcmp(type, "report") == 0) {
			getdate(r, "period_start", since);
			getdate(r, "period_end", until);
			if (reports++ == 0) {
				memcpy(r->g->since, since, 11);
				memcpy(r->g->until, until, 11);
			} else if (strcmp(since, r->g->since) != 0 ||
			    strcmp(until, r->g->until) != 0)
				bad(r, "period_start", "another period than "
				    "the first report's (expected reports of "
				    "one period)");
			s = getstr(r, "site", 0);
			ws_grant_addsite(r->g, s);
			free(s);
		} else if (strcmp(type, "contract") == 0) {
			if (reports == 0)
				bad(r, "type", "contract before any report "
				    "record (expected grant-report json)");
			if (findcon(r) != NULL)
				bad(r, "contract", "given twice for this site");
			c = ws_grant_newcon(r->g);
			c->site = getstr(r, "site", 0);
			c->code = getstr(r, "contract", 0);
			c->title = getstr(r, "title", 1);
			c->kind = getstr(r, "kind", 0);
			c->provider = getstr(r, "provider", 0);
			c->pname = getstr(r, "provider_name", 1);
			c->pkind = getstr(r, "provider_kind", 0);
			getdate(r, "start", c->start);
			getdate(r, "end", c->end);
			c->days = getint(r, "days");
			c->elapsed = getint(r, "elapsed");
			if (c->days == 0)
				bad(r, "days", "zero (expected 1 or more)");
			c->amount = getint(r, "amount_fen");
			c->new_spending = getint(r, "new_spending") != 0;
			c->paid = getint(r, "paid_fen");
			c->paid_to_date = getint(r, "paid_to_date_fen");
			ws_grant_addsite(r->g, c->site);
		} else if (strcmp(type, "measure") == 0) {
			if ((c = findcon(r)) == NULL)
				bad(r, "contract", "no contract record before "
				    "it (expected the contract first)");
			v = ws_in_get(r->in, "measure");
			for (m = 0; m < NMEAS && v; m++)
				if (strcmp(v, ws_grant_meas[m].name) == 0)
					break;
			if (v == NULL || m == NMEAS)
				bad(r, "measure", "unknown measure");
			if (c->nms == NMEAS)
				bad(r, "measure", "given twice");
			gm = &c->ms[c->nms++];
			gm->m = m;
			gm->actual = getint(r, "actual");
			gm->to_date = getint(r, "actual_to_date");
			gm->target = getint(r, "target");
			gm->prorated = getint(r, "prorated_target");
		} else if (strcmp(type, "funding") == 0) {
			if ((c = findcon(r)) == NULL)
				bad(r, "contract", "no contract record before "
				    "it (expected the contract first)");
			c->f = ws_realloc(c->f, (c->nf + 1) * sizeof *c->f);
			f = &c->f[c->nf++];
			memset(f, 0, sizeof *f);
			f->funder = getstr(r, "funder", 0);
			f->name = getstr(r, "funder_name", 1);
			f->kind = getstr(r, "funder_kind", 0);
			f->amount = getint(r, "amount_fen");
			f->paid = getint(r, "paid_fen");
		} else if (strcmp(type, "spending") == 0 ||
		    strcmp(type, "share") == 0) {
			/* the totals: recomputed from the parts */
		} else
			bad(r, "type", "unknown record type (expected report, "
			    "contract, measure or funding)");
	}
	if (reports == 0)
		fail(r, ws_msgf("%s: no report records (expected the "
		    "json output of grant-report)", r->name));
	ws_in_free(r->in);
	ws_grant_compute(r->g);
	return r->g;
}

ws_grant *
ws_grant_merge(FILE *fp, const char *name, const struct ws_grant_opts *o,
    char **err)
{
	struct rd r;

	*err = NULL;
	r.g = ws_calloc(1, sizeof *r.g);
	r.g->behind_pct = o->behind_pct;
	r.g->so_new_min = o->so_new_min;
	r.g->so_all_min = o->so_all_min;
	r.in = ws_in_open(fp, name, WS_FMT_JSON);
	r.name = name;
	r.err = err;
	/* nothing here changes after setjmp, so nothing is clobbered */
	if (setjmp(r.jb) != 0)
		return NULL;
	return merge(&r);
}

