/*
 * workforce.c - the youth-affairs social-work workforce (issue 17,
 * workforce-report(1)): the model of the report (wf-model.h), the target
 * of a date between milestones, and the build from the database; the
 * merge of several sites' json reports is in wf-merge.c, the printing in
 * wf-doc.c.
 *
 * The rules, each here once:
 *  - a youth-affairs social worker is active on D when youth_affairs is
 *    true and D is within active_from .. active_to (either unset: open);
 *  - the qualification on D is the worker's qualification when its
 *    certificate's date (qualified_on) is unset or not after D, else none
 *    (an unset qualification is none);
 *  - a worker counts when the policy counts that qualification;
 *  - a youth home is open on D when opened is unset or not after D, and
 *    has a youth-affairs social worker on D when a counted worker active
 *    on D serves in it on D (staff from .. to);
 *  - an organisation is a youth-league agency of its county on D when
 *    league_affiliated is true and it was registered by D (or the date is
 *    unset); a training base or demonstration unit when designated by D.
 */
#include <stdlib.h>
#include <string.h>

#include "wf-model.h"

const char *const ws_wf_measures[NTOTAL] = { "youth_workers",
    "unqualified_youth_workers", "training_bases", "demonstration_units" };

/* Floor of a / b, b > 0. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int64_t
ws_wf_target(const struct ws_milestones *ms, const char *date,
    const struct ws_milestone **prev, const struct ws_milestone **next)
{
	const struct ws_milestone *a, *b;
	int64_t days, el, num;
	size_t i;

	if (prev != NULL)
		*prev = NULL;
	if (next != NULL)
		*next = NULL;
	if (ms->n == 0)
		return -1;
	for (i = 0; i < ms->n && strcmp(ms->m[i].date, date) <= 0; i++)
		;
	a = i > 0 ? &ms->m[i - 1] : NULL;
	b = i < ms->n ? &ms->m[i] : NULL;
	if (prev != NULL)
		*prev = a;
	if (next != NULL)
		*next = b;
	if (a == NULL)
		return b->target;
	if (b == NULL || strcmp(a->date, date) == 0)
		return a->target;
	days = ws_date_days(b->date) - ws_date_days(a->date);
	el = ws_date_days(date) - ws_date_days(a->date);
	num = (b->target - a->target) * el;
	return a->target + floordiv(2 * num + days, 2 * days);
}

struct wf_county *
ws_wf_county(ws_wf *w, const char *county)
{
	struct wf_county *c;
	size_t i;

	for (i = 0; i < w->nc; i++)
		if (strcmp(w->c[i].county, county) == 0)
			return &w->c[i];
	w->c = ws_realloc(w->c, (w->nc + 1) * sizeof *w->c);
	c = &w->c[w->nc++];
	memset(c, 0, sizeof *c);
	c->county = ws_strdup(county);
	return c;
}

struct wf_home *
ws_wf_home(ws_wf *w, const char *site, const char *code, const char *name,
    const char *county, const char *community)
{
	struct wf_home *h;

	if (w->nh % 64 == 0)
		w->h = ws_realloc(w->h, (w->nh + 64) * sizeof *w->h);
	h = &w->h[w->nh++];
	h->site = ws_strdup(site ? site : "");
	h->code = ws_strdup(code ? code : "");
	h->name = ws_strdup(name ? name : "");
	h->county = ws_strdup(county ? county : "");
	h->community = ws_strdup(community ? community : "");
	h->workers = 0;
	h->line = 0;
	return h;
}

int
ws_wf_addsite(ws_wf *w, const char *site)
{
	size_t i;

	for (i = 0; i < w->nsites; i++)
		if (strcmp(w->sites[i], site) == 0)
			return -1;
	w->sites = ws_realloc(w->sites, (w->nsites + 1) * sizeof *w->sites);
	w->sites[w->nsites++] = ws_strdup(site);
	return 0;
}

char *
ws_wf_counted_str(const ws_wf *w)
{
	ws_buf b = {0};
	int q;

	for (q = 0; q < NQUAL; q++)
		if (w->counted[q]) {
			if (b.len > 0)
				ws_buf_addc(&b, ',');
			ws_buf_adds(&b, ws_qualifications[q]);
		}
	return b.s ? b.s : ws_strdup("");
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Counties by name, the one without a name last. */
static int
cmpcounty(const void *a, const void *b)
{
	const struct wf_county *x = a, *y = b;

	if ((*x->county == '\0') != (*y->county == '\0'))
		return *x->county == '\0' ? 1 : -1;
	return strcmp(x->county, y->county);
}

static int
cmphome(const void *a, const void *b)
{
	const struct wf_home *x = a, *y = b;
	int r;

	if ((r = strcmp(x->site, y->site)) != 0)
		return r;
	return strcmp(x->code, y->code);
}

void
ws_wf_compute(ws_wf *w)
{
	const struct ws_milestones *ms[NTOTAL] = {
	    &w->pol->youth_workers, NULL, &w->pol->training_bases,
	    &w->pol->demonstration_units };
	int t;

	if (w->nsites > 1)
		qsort(w->sites, w->nsites, sizeof *w->sites, cmpstr);
	if (w->nc > 1)
		qsort(w->c, w->nc, sizeof *w->c, cmpcounty);
	if (w->nh > 1)
		qsort(w->h, w->nh, sizeof *w->h, cmphome);
	for (t = 0; t < NTOTAL; t++)
		w->target[t] = ms[t] ? ws_wf_target(ms[t], w->as_of, NULL,
		    NULL) : -1;
}

/*
 * The rules of the opening comment.  Dates of a period are tested with
 * ws_active_on (ref.c), the one rule of "active on a date": a worker's
 * active_from .. active_to, a staff entry's from .. to, and a date since
 * which something holds (opened, registered, a designation).
 */

/* The qualification (index of ws_qualifications) on date of a worker
 * with these fields, or -1 when it is not a youth-affairs social worker
 * active on date. */
static int
qual_on(sqlite3_stmt *st, int c, const char *date)
{
	const char *from = (const char *)sqlite3_column_text(st, c + 1);
	const char *to = (const char *)sqlite3_column_text(st, c + 2);
	const char *q = (const char *)sqlite3_column_text(st, c + 3);
	const char *on = (const char *)sqlite3_column_text(st, c + 4);
	int i;

	if (sqlite3_column_int(st, c) != 1 || ws_active_on(from, to, date))
		return -1;
	if (q == NULL || ws_active_on(on, NULL, date) != 0)
		return 0;
	if ((i = ws_word_index(q, ws_qualifications)) < 0)
		ws_bug("worker qualification '%s'", q);
	return i;
}

/* Non-zero when a date since which something holds is set and reached. */
static int
since(sqlite3_stmt *st, int c, const char *date)
{
	const char *d = (const char *)sqlite3_column_text(st, c);

	return d != NULL && *d != '\0' && ws_active_on(d, NULL, date) == 0;
}

/* The worker columns qual_on reads, from worker w. */
#define WCOLS "w.youth_affairs, w.active_from, w.active_to, " \
	"w.qualification, w.qualified_on"

static const char sql_workers[] =
    "SELECT coalesce(w.county, ''), " WCOLS " FROM worker w "
    "WHERE w.youth_affairs = 1";

static const char sql_homes[] =
    "SELECT code, name, county, community, opened FROM youth_home "
    "ORDER BY code";

static const char sql_staff[] =
    "SELECT s.youth_home, s.served_from, s.served_to, w.code, " WCOLS " "
    "FROM youth_home_staff s JOIN worker w ON w.code = s.worker "
    "ORDER BY s.youth_home, w.code";

static const char sql_orgs[] =
    "SELECT county, league_affiliated, registered, training_base, "
    "demonstration_unit FROM org";

/* Counties named anywhere, so one without a league agency shows. */
static const char sql_counties[] =
    "SELECT county FROM org WHERE county <> '' UNION "
    "SELECT county FROM worker WHERE county <> '' UNION "
    "SELECT county FROM youth_home WHERE county <> ''";

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
workers(sqlite3 *db, ws_wf *w)
{
	struct wf_county *c;
	sqlite3_stmt *st;
	int q;

	st = ws_prepare(db, sql_counties);
	while (ws_step(st) == SQLITE_ROW)
		ws_wf_county(w, col(st, 0));
	sqlite3_finalize(st);
	st = ws_prepare(db, sql_workers);
	while (ws_step(st) == SQLITE_ROW) {
		if ((q = qual_on(st, 1, w->as_of)) < 0)
			continue;
		c = ws_wf_county(w, col(st, 0));
		c->q[q]++;
		c->counted += w->counted[q];
		w->total[w->counted[q] ? T_YOUTH : T_OTHER]++;
	}
	sqlite3_finalize(st);
}

static void
orgs(sqlite3 *db, ws_wf *w)
{
	sqlite3_stmt *st = ws_prepare(db, sql_orgs);
	const char *county;

	while (ws_step(st) == SQLITE_ROW) {
		county = col(st, 0);
		if (county != NULL && *county != '\0' &&
		    sqlite3_column_int(st, 1) == 1 &&
		    (sqlite3_column_type(st, 2) == SQLITE_NULL ||
		    since(st, 2, w->as_of)))
			ws_wf_county(w, county)->league++;
		w->total[T_BASES] += since(st, 3, w->as_of);
		w->total[T_UNITS] += since(st, 4, w->as_of);
	}
	sqlite3_finalize(st);
}

/* The youth homes open on the date, each with its counted youth-affairs
 * workers serving on it (both queries in home code order). */
static void
homes(sqlite3 *db, ws_wf *w, const char *site)
{
	sqlite3_stmt *hs = ws_prepare(db, sql_homes);
	sqlite3_stmt *ss = ws_prepare(db, sql_staff);
	struct wf_home *h;
	char last[64];
	int more = ws_step(ss) == SQLITE_ROW, q, cmp;

	while (ws_step(hs) == SQLITE_ROW) {
		h = NULL;
		if (sqlite3_column_type(hs, 4) == SQLITE_NULL ||
		    since(hs, 4, w->as_of))
			h = ws_wf_home(w, site, col(hs, 0), col(hs, 1),
			    col(hs, 2), col(hs, 3));
		last[0] = '\0';
		for (; more; more = ws_step(ss) == SQLITE_ROW) {
			if ((cmp = strcmp(col(ss, 0), col(hs, 0))) > 0)
				break;
			if (cmp < 0)	/* no such home: a foreign key */
				ws_bug("staff of youth home '%s'", col(ss, 0));
			if (h == NULL || ws_active_on(col(ss, 1), col(ss, 2),
			    w->as_of) != 0 || (q = qual_on(ss, 4,
			    w->as_of)) < 0 || !w->counted[q] ||
			    strcmp(col(ss, 3), last) == 0)
				continue;
			snprintf(last, sizeof last, "%s", col(ss, 3));
			h->workers++;
		}
	}
	sqlite3_finalize(hs);
	sqlite3_finalize(ss);
}

ws_wf *
ws_wf_build(sqlite3 *db, const struct ws_wf_opts *o)
{
	ws_wf *w = ws_calloc(1, sizeof *w);
	char *site;
	size_t i;
	int q;

	memcpy(w->as_of, o->as_of, 11);
	w->pol = o->pol;
	w->policy = ws_strdup(o->pol->name);
	for (i = 0; o->pol->counted[i] != NULL; i++)
		if ((q = ws_word_index(o->pol->counted[i],
		    ws_qualifications)) >= 0)
			w->counted[q] = 1;
	site = ws_site_name(db);
	ws_wf_addsite(w, site);
	workers(db, w);
	orgs(db, w);
	homes(db, w, site);
	free(site);
	ws_wf_compute(w);
	return w;
}

long
ws_wf_unstaffed(const ws_wf *w)
{
	long n = 0;
	size_t i;

	for (i = 0; i < w->nh; i++)
		if (w->h[i].workers == 0)
			n++;
	return n;
}

void
ws_wf_free(ws_wf *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nsites; i++)
		free(w->sites[i]);
	free(w->sites);
	for (i = 0; i < w->nc; i++)
		free(w->c[i].county);
	free(w->c);
	for (i = 0; i < w->nh; i++) {
		free(w->h[i].site);
		free(w->h[i].code);
		free(w->h[i].name);
		free(w->h[i].county);
		free(w->h[i].community);
	}
	free(w->h);
	free(w->policy);
	free(w);
}
