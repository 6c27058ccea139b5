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

const char *const ws_qualifications[] = { "none", "assistant",
    "intermediate", "senior", NULL };

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

/* The rules of the opening comment, as SQL over worker w (?1 the date). */
#define YOUTH_ON "w.youth_affairs = 1 AND (w.active_from IS NULL OR " \
	"w.active_from <= ?1) AND (w.active_to IS NULL OR w.active_to >= ?1)"
#define QUAL_ON "CASE WHEN w.qualification IS NULL OR w.qualified_on > ?1 " \
	"THEN 'none' ELSE w.qualification END"

static const char sql_workers[] =
    "SELECT coalesce(w.county, ''), " QUAL_ON ", count(*) FROM worker w "
    "WHERE " YOUTH_ON " GROUP BY 1, 2";

/* ?2: the counted qualifications as ",a,b,". */
static const char sql_homes[] =
    "SELECT h.code, h.name, h.county, h.community, "
    "count(DISTINCT CASE WHEN instr(?2, ',' || " QUAL_ON " || ',') > 0 "
    "THEN w.code END) "
    "FROM youth_home h LEFT JOIN youth_home_staff s ON s.youth_home = "
    "h.code AND (s.served_from IS NULL OR s.served_from <= ?1) AND "
    "(s.served_to IS NULL OR s.served_to >= ?1) "
    "LEFT JOIN worker w ON w.code = s.worker AND " YOUTH_ON " "
    "WHERE h.opened IS NULL OR h.opened <= ?1 GROUP BY h.code";

static const char sql_league[] =
    "SELECT county, count(*) FROM org WHERE county IS NOT NULL AND "
    "county <> '' AND league_affiliated = 1 AND (registered IS NULL OR "
    "registered <= ?1) GROUP BY county";

/* Counties named anywhere, so one without a league agency shows. */
static const char sql_counties[] =
    "SELECT county FROM org WHERE county <> '' UNION "
    "SELECT county FROM worker WHERE county <> '' UNION "
    "SELECT county FROM youth_home WHERE county <> ''";

static const char sql_bases[] =
    "SELECT count(*) FROM org WHERE training_base <= ?1";
static const char sql_units[] =
    "SELECT count(*) FROM org WHERE demonstration_unit <= ?1";

static sqlite3_stmt *
query(sqlite3 *db, const char *sql, const char *as_of)
{
	sqlite3_stmt *st = ws_prepare(db, sql);

	ws_bind_text(st, 1, as_of);
	return st;
}

static int64_t
count1(sqlite3 *db, const char *sql, const char *as_of)
{
	sqlite3_stmt *st = query(db, sql, as_of);
	int64_t n = 0;

	if (ws_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

ws_wf *
ws_wf_build(sqlite3 *db, const struct ws_wf_opts *o)
{
	ws_wf *w = ws_calloc(1, sizeof *w);
	struct wf_county *c;
	sqlite3_stmt *st;
	char *site, *list;
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

	st = query(db, sql_counties, NULL);
	while (ws_step(st) == SQLITE_ROW)
		ws_wf_county(w, col(st, 0));
	sqlite3_finalize(st);
	st = query(db, sql_workers, o->as_of);
	while (ws_step(st) == SQLITE_ROW) {
		c = ws_wf_county(w, col(st, 0));
		q = ws_word_index(col(st, 1), ws_qualifications);
		if (q < 0)
			ws_bug("worker qualification '%s'", col(st, 1));
		c->q[q] += sqlite3_column_int64(st, 2);
		if (w->counted[q])
			c->counted += sqlite3_column_int64(st, 2);
		w->total[w->counted[q] ? T_YOUTH : T_OTHER] +=
		    sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	st = query(db, sql_league, o->as_of);
	while (ws_step(st) == SQLITE_ROW)
		ws_wf_county(w, col(st, 0))->league =
		    sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);

	st = query(db, sql_homes, o->as_of);
	list = ws_wf_counted_str(w);
	{
		char *l2 = ws_asprintf(",%s,", list);

		sqlite3_bind_text(st, 2, l2, -1, free);
	}
	free(list);
	while (ws_step(st) == SQLITE_ROW)
		ws_wf_home(w, site, col(st, 0), col(st, 1), col(st, 2),
		    col(st, 3))->workers = sqlite3_column_int64(st, 4);
	sqlite3_finalize(st);
	free(site);

	w->total[T_BASES] = count1(db, sql_bases, o->as_of);
	w->total[T_UNITS] = count1(db, sql_units, o->as_of);
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
