/*
 * grant.c - the purchased-services report: what each contract delivered
 * against its targets, what was paid, and the policy ratios of the
 * spending (grant-report(1) documents every figure).
 *
 * A report is built either from the database (ws_grant_build, here) or
 * from the json reports of several sites (ws_grant_merge, grant-merge.c);
 * both fill the same in-memory model (grant-model.h), and the totals and
 * ratios are then computed from it (here), so a merged report is computed
 * exactly as a single one; grant-doc.c prints it.  All arithmetic
 * is integer: money in fen, durations in minutes, percentages in tenths
 * (rounded half up) for display, and every threshold is compared exactly
 * by cross-multiplying.
 */
#include <stdlib.h>
#include <string.h>

#include "grant-model.h"

/* ------------------------------------------------------------- model */

/* Provider kinds that count as social organisations (社会组织). */
static int
is_so(const char *kind)
{
	return ws_vocab_is_so(kind);
}

/* Round num/den half up; den > 0, num >= 0. */
static int64_t
divr(int64_t num, int64_t den)
{
	return (2 * num + den) / (2 * den);
}

void
ws_grant_addsite(ws_grant *g, const char *site)
{
	size_t i;

	for (i = 0; i < g->nsites; i++)
		if (strcmp(g->sites[i], site) == 0)
			return;
	g->sites = ws_realloc(g->sites, (g->nsites + 1) * sizeof *g->sites);
	g->sites[g->nsites++] = ws_strdup(site);
}

struct gcon *
ws_grant_newcon(ws_grant *g)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->c = ws_realloc(g->c, g->cap * sizeof *g->c);
	}
	memset(&g->c[g->n], 0, sizeof g->c[0]);
	return &g->c[g->n++];
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmpcon(const void *a, const void *b)
{
	const struct gcon *x = a, *y = b;
	int r;

	if ((r = strcmp(x->site, y->site)) != 0)
		return r;
	return strcmp(x->code, y->code);
}

static int
cmpsum(const void *a, const void *b)
{
	const struct gsum *x = a, *y = b;
	int r;

	if ((r = strcmp(x->key, y->key)) != 0)
		return r;
	return strcmp(x->name, y->name);
}

static void
sumadd(struct gsum **v, size_t *n, const char *key, const char *name,
    const char *kind, int64_t fen)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0 &&
		    strcmp((*v)[i].name, name) == 0) {
			(*v)[i].fen += fen;
			return;
		}
	*v = ws_realloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].key = ws_strdup(key);
	(*v)[*n].name = ws_strdup(name);
	(*v)[*n].kind = ws_strdup(kind);
	(*v)[*n].fen = fen;
	(*n)++;
}

int
ws_grant_behind(const ws_grant *g, const struct gmeas *m)
{
	return m->prorated > 0 &&
	    m->to_date * 10000 < g->behind_pct * m->prorated;
}

int
ws_grant_below(int64_t num, int64_t den, int64_t min)
{
	return den > 0 && num * 10000 < min * den;
}

/* The totals and flags, from the contracts. */
void
ws_grant_compute(ws_grant *g)
{
	struct gcon *c;
	size_t i, j;
	int k;

	if (g->n > 1)
		qsort(g->c, g->n, sizeof *g->c, cmpcon);
	if (g->nsites > 1)
		qsort(g->sites, g->nsites, sizeof *g->sites, cmpstr);
	for (i = 0; i < g->n; i++) {
		c = &g->c[i];
		c->behind = 0;
		for (k = 0; k < c->nms; k++)
			if (ws_grant_behind(g, &c->ms[k]))
				c->behind = 1;
		g->nbehind += c->behind;
		g->spend += c->paid;
		sumadd(&g->bykind, &g->nbykind, c->pkind, "", "", c->paid);
		if (is_so(c->pkind))
			g->so_all += c->paid;
		if (c->new_spending) {
			g->new_all += c->paid;
			if (is_so(c->pkind))
				g->so_new += c->paid;
		}
		for (j = 0; j < c->nf; j++)
			sumadd(&g->byfunder, &g->nbyfunder, c->f[j].funder,
			    c->f[j].name, c->f[j].kind, c->f[j].paid);
	}
	if (g->nbykind > 1)
		qsort(g->bykind, g->nbykind, sizeof *g->bykind, cmpsum);
	if (g->nbyfunder > 1)
		qsort(g->byfunder, g->nbyfunder, sizeof *g->byfunder, cmpsum);
}

int
ws_grant_ok(const ws_grant *g)
{
	return g->nbehind == 0 &&
	    !ws_grant_below(g->so_all, g->spend, g->so_all_min) &&
	    !ws_grant_below(g->so_new, g->new_all, g->so_new_min);
}

void
ws_grant_free(ws_grant *g)
{
	size_t i, j;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		struct gcon *c = &g->c[i];

		free(c->site);
		free(c->code);
		free(c->title);
		free(c->kind);
		free(c->provider);
		free(c->pname);
		free(c->pkind);
		for (j = 0; j < c->nf; j++) {
			free(c->f[j].funder);
			free(c->f[j].name);
			free(c->f[j].kind);
		}
		free(c->f);
	}
	free(g->c);
	for (i = 0; i < g->nsites; i++)
		free(g->sites[i]);
	free(g->sites);
	for (i = 0; i < g->nbykind; i++) {
		free(g->bykind[i].key);
		free(g->bykind[i].name);
		free(g->bykind[i].kind);
	}
	free(g->bykind);
	for (i = 0; i < g->nbyfunder; i++) {
		free(g->byfunder[i].key);
		free(g->byfunder[i].name);
		free(g->byfunder[i].kind);
	}
	free(g->byfunder);
	free(g->community);
	free(g);
}

/* ----------------------------------------------------- from the database */

static const char sql_contracts[] =
    "SELECT c.code, c.title, c.kind, c.provider, o.name, o.kind, c.start,"
    " c.end, c.amount_fen, c.new_spending"
    " FROM contract c JOIN org o ON o.code = c.provider"
    " WHERE ((c.start <= ?2 AND c.end >= ?1)"
    /* spending counts in the period it is paid, whatever the contract's
     * period: an advance before the start, a final payment after the
     * end (issue 13) */
    " OR EXISTS (SELECT 1 FROM payment p WHERE p.contract = c.code"
    " AND p.date BETWEEN ?1 AND ?2))"
    " AND (?3 IS NULL OR c.code = ?3) AND (?4 IS NULL OR c.provider = ?4)"
    " AND (?5 IS NULL OR c.kind = ?5)"
    " ORDER BY c.code";

static const char sql_paid[] =
    "SELECT coalesce(sum(CASE WHEN date >= ?2 THEN amount_fen END), 0),"
    " coalesce(sum(amount_fen), 0)"
    " FROM payment WHERE contract = ?1 AND date <= ?3";

static const char sql_targets[] =
    "SELECT measure, target FROM contract_target WHERE contract = ?";

static const char sql_funding[] =
    "SELECT f.funder, o.name, o.kind, f.amount_fen"
    " FROM contract_funding f JOIN org o ON o.code = f.funder"
    " WHERE f.contract = ? ORDER BY f.funder";

/*
 * The measure queries.  The period window [?2, ?3] and the to-date
 * window [?5, ?3] of a contract end on the same day, so one pass over the
 * to-date window gives both: each query returns the to-date figure and
 * the period figure (rows dated on or after ?2).  ?4 is the community.
 */

/*
 * The contacts (v_contact, schema/008) of a contract, one row per case,
 * in case order: contacts and minutes to date and in the period, the last
 * contact's date, and for a case opened in the to-date window the
 * contract of its first contact ever (by date, then by visit id), for
 * new_cases.  One pass over
 * the contract's visits gives every visit figure.
 */
static const char sql_visits[] =
    "SELECT s.case_id, s.n, s.np, s.m, s.mp, s.last, c.opened,"
    " CASE WHEN c.opened BETWEEN ?5 AND ?3 THEN"
    " (SELECT v.contract FROM v_contact v WHERE v.case_id = s.case_id"
    " ORDER BY v.date, v.visit_id LIMIT 1) END"
    " FROM (SELECT case_id, count(*) AS n, sum(date >= ?2) AS np,"
    " sum(minutes) AS m,"
    " coalesce(sum(CASE WHEN date >= ?2 THEN minutes END), 0) AS mp,"
    " max(date) AS last FROM v_contact"
    " WHERE contract = ?1 AND date BETWEEN ?5 AND ?3"
    " GROUP BY case_id) s"
    " JOIN cases c ON c.id = s.case_id"
    " WHERE ?4 IS NULL OR c.community = ?4"
    " ORDER BY s.case_id";

/* Activities: sessions, community activities, minutes, participants,
 * volunteer minutes (v_activity_volunteers: anonymous and named); to
 * date, then in the period. */
static const char sql_activities[] =
    "SELECT coalesce(sum(kind = 'group_session'), 0),"
    " coalesce(sum(kind = 'community'), 0), coalesce(sum(minutes), 0),"
    " coalesce(sum(participants), 0), coalesce(sum(volunteer_minutes), 0),"
    " coalesce(sum(kind = 'group_session' AND date >= ?2), 0),"
    " coalesce(sum(kind = 'community' AND date >= ?2), 0),"
    " coalesce(sum(CASE WHEN date >= ?2 THEN minutes END), 0),"
    " coalesce(sum(CASE WHEN date >= ?2 THEN participants END), 0),"
    " coalesce(sum(CASE WHEN date >= ?2 THEN volunteer_minutes END), 0)"
    " FROM (SELECT a.kind, a.date, a.minutes, a.participants,"
    " a.contract, a.community, av.volunteer_minutes FROM v_activity a"
    " JOIN v_activity_volunteers av ON av.activity = a.id)"
    " WHERE contract = ?1 AND date BETWEEN ?5 AND ?3"
    " AND (?4 IS NULL OR community = ?4)";

/* The cases attending the contract's activities, in case order, with the
 * date of the last one. */
static const char sql_attending[] =
    "SELECT ac.case_id, max(a.date) FROM v_activity a"
    " JOIN activity_case ac ON ac.activity = a.id"
    " WHERE a.contract = ?1 AND a.date BETWEEN ?5 AND ?3"
    " AND (?4 IS NULL OR (SELECT c.community FROM cases c"
    " WHERE c.id = ac.case_id) = ?4)"
    " AND ?2 IS NOT NULL"
    " GROUP BY ac.case_id ORDER BY ac.case_id";

struct stmts {
	sqlite3_stmt *paid, *targets, *funding, *visits, *acts, *attending;
};

/* Bind a measure query for contract code: the period [a, b], to date
 * [start, b], the community (NULL for all). */
static sqlite3_stmt *
window(sqlite3_stmt *st, const char *code, const char *a, const char *b,
    const char *community, const char *start)
{
	sqlite3_reset(st);
	ws_bind_text(st, 1, code);
	ws_bind_text(st, 2, a);
	ws_bind_text(st, 3, b);
	ws_bind_text(st, 4, community);
	ws_bind_text(st, 5, start);
	return st;
}

static int
col_ge(sqlite3_stmt *st, int i, const char *d)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL && strcmp(s, d) >= 0;
}

/*
 * Fill the actual figures of every measure of c: the period runs from pa
 * to tb, to date from the contract's start to tb.  Cases served are the
 * union of the cases visited (one row each from sql_visits) and those
 * attending (sql_attending), both in case order, so they merge.
 */
static void
figures(struct stmts *s, struct gcon *c, const char *pa, const char *tb,
    const char *community)
{
	sqlite3_stmt *v, *at;
	int64_t vis[4] = { 0, 0, 0, 0 }, act[10], served[2] = { 0, 0 };
	int64_t new[2] = { 0, 0 }, vid, aid;
	const char *first;
	int i, k, vr, ar, want_served = 0;

	for (k = 0; k < c->nms; k++)
		if (c->ms[k].m == 2)
			want_served = 1;
	v = window(s->visits, c->code, pa, tb, community, c->start);
	at = window(s->attending, c->code, pa, tb, community, c->start);
	vr = ws_step(v);
	ar = want_served ? ws_step(at) : SQLITE_DONE;
	while (vr == SQLITE_ROW || ar == SQLITE_ROW) {
		vid = vr == SQLITE_ROW ? sqlite3_column_int64(v, 0) : INT64_MAX;
		aid = ar == SQLITE_ROW ? sqlite3_column_int64(at, 0) :
		    INT64_MAX;
		if (vid <= aid) {
			vis[0] += sqlite3_column_int64(v, 1);
			vis[1] += sqlite3_column_int64(v, 2);
			vis[2] += sqlite3_column_int64(v, 3);
			vis[3] += sqlite3_column_int64(v, 4);
			first = (const char *)sqlite3_column_text(v, 7);
			if (first != NULL && strcmp(first, c->code) == 0) {
				new[0]++;
				if (col_ge(v, 6, pa) && col_ge(v, 5, pa))
					new[1]++;
			}
		}
		served[0]++;
		if ((vid <= aid && col_ge(v, 5, pa)) ||
		    (aid <= vid && col_ge(at, 1, pa)))
			served[1]++;
		if (vid <= aid)
			vr = ws_step(v);
		if (aid <= vid)
			ar = ws_step(at);
	}
	sqlite3_reset(at);
	sqlite3_reset(v);
	if (!want_served)
		served[0] = served[1] = 0;
	v = window(s->acts, c->code, pa, tb, community, c->start);
	if (ws_step(v) != SQLITE_ROW)
		ws_bug("grant: a sum returned no row");
	for (i = 0; i < 10; i++)
		act[i] = sqlite3_column_int64(v, i);
	sqlite3_reset(v);
	for (k = 0; k < c->nms; k++) {
		struct gmeas *gm = &c->ms[k];

		switch (gm->m) {
		case 0:		/* service_hours */
			gm->to_date = vis[2] + act[2];
			gm->actual = vis[3] + act[7];
			break;
		case 1:		/* contacts */
			gm->to_date = vis[0];
			gm->actual = vis[1];
			break;
		case 2:		/* cases_served */
			gm->to_date = served[0];
			gm->actual = served[1];
			break;
		case 3:		/* new_cases */
			gm->to_date = new[0];
			gm->actual = new[1];
			break;
		case 4:		/* group_sessions */
			gm->to_date = act[0];
			gm->actual = act[5];
			break;
		case 5:		/* activities */
			gm->to_date = act[1];
			gm->actual = act[6];
			break;
		case 6:		/* participants */
			gm->to_date = act[3];
			gm->actual = act[8];
			break;
		default:	/* volunteer_hours */
			gm->to_date = act[4];
			gm->actual = act[9];
			break;
		}
	}
}

static char *
coltext(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return ws_strdup(s ? (const char *)s : "");
}

/*
 * The funders' shares of the period's payments: each funder's share is
 * paid x funding / amount, rounded half up; when the funding adds up to
 * the amount, the rounding difference goes to the largest funder (the
 * first by code on a tie), so the shares add up to what was paid;
 * otherwise what no funder covers is left out of the funder totals.
 */
static void
funding(struct stmts *s, struct gcon *c)
{
	sqlite3_stmt *st = s->funding;
	int64_t sum = 0, shares = 0;
	size_t i, big = 0;

	sqlite3_reset(st);
	ws_bind_text(st, 1, c->code);
	while (ws_step(st) == SQLITE_ROW) {
		c->f = ws_realloc(c->f, (c->nf + 1) * sizeof *c->f);
		c->f[c->nf].funder = coltext(st, 0);
		c->f[c->nf].name = coltext(st, 1);
		c->f[c->nf].kind = coltext(st, 2);
		c->f[c->nf].amount = sqlite3_column_int64(st, 3);
		c->f[c->nf].paid = 0;
		c->nf++;
	}
	for (i = 0; i < c->nf; i++) {
		sum += c->f[i].amount;
		if (c->f[i].amount > c->f[big].amount)
			big = i;
		if (c->amount > 0) {
			c->f[i].paid = divr(c->paid * c->f[i].amount,
			    c->amount);
			shares += c->f[i].paid;
		}
	}
	if (c->nf > 0 && sum == c->amount)
		c->f[big].paid += c->paid - shares;
}

char *
ws_site_name(sqlite3 *db)
{
	const char *path, *b;
	char *s;
	size_t n;

	s = ws_query_text(db, "SELECT value FROM meta WHERE key = 'site'"
	    " AND value <> ''", NULL);
	if (s != NULL)
		return s;
	s = ws_query_text(db, "SELECT street FROM community"
	    " ORDER BY code LIMIT 1", NULL);
	if (s != NULL && *s != '\0')
		return s;
	free(s);
	path = sqlite3_db_filename(db, "main");
	if (path == NULL || *path == '\0')
		return ws_strdup("wushe");
	b = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	n = strlen(b);
	if (n > 3 && strcmp(b + n - 3, ".db") == 0)
		n -= 3;
	return ws_strndup(b, n);
}

/* 0 when val is NULL or names a row (sql counts them), else 65 with *e
 * set about field. */
static int
check_code(sqlite3 *db, const char *sql, const char *field, const char *val,
    const char *what, ws_err *e)
{
	if (val == NULL || ws_query_int(db, sql, val, 0) != 0)
		return 0;
	return ws_err_set(e, EX_DATAERR, field, "no %s '%s' in the database",
	    what, val);
}

static const char *
maxd(const char *a, const char *b)
{
	return strcmp(a, b) >= 0 ? a : b;
}

static const char *
mind(const char *a, const char *b)
{
	return strcmp(a, b) <= 0 ? a : b;
}

ws_grant *
ws_grant_build(sqlite3 *db, const struct ws_grant_opts *o, ws_err *e)
{
	ws_grant *g;
	struct stmts s;
	sqlite3_stmt *st;
	struct gcon *c;
	char *site;
	const char *pa, *tb, *name;
	int m, k;

	if (check_code(db, "SELECT count(*) FROM contract WHERE code = ?",
	    "contract", o->contract, "contract", e) ||
	    check_code(db, "SELECT count(*) FROM org WHERE code = ?",
	    "provider", o->provider, "organisation", e) ||
	    check_code(db, "SELECT count(*) FROM community WHERE code = ?",
	    "community", o->community, "community", e))
		return NULL;
	g = ws_calloc(1, sizeof *g);
	memcpy(g->since, o->since, 11);
	g->community = ws_strdup(o->community);
	if (o->as_of[0] != '\0' && strcmp(o->as_of, o->until) < 0)
		memcpy(g->as_of, o->as_of, 11);
	memcpy(g->until, o->until, 11);
	g->behind_pct = o->behind_pct;
	g->so_new_min = o->so_new_min;
	g->so_all_min = o->so_all_min;
	site = ws_site_name(db);
	ws_grant_addsite(g, site);
	/*
	 * No memory map (there was one of 1 GB): the report reads the index
	 * entries of its contracts' periods, and the map made its resident
	 * memory follow the file (121 MB on a decade's 2M visits, 66 MB on
	 * 20M, where the file outgrows the map) for no gain in time (1.2 to
	 * 1.4 s at 20M with or without); SQLite's page cache bounds it to
	 * 40 MB at both (bench-decade.sh).
	 */
	s.paid = ws_prepare(db, sql_paid);
	s.targets = ws_prepare(db, sql_targets);
	s.funding = ws_prepare(db, sql_funding);
	s.visits = ws_prepare(db, sql_visits);
	s.acts = ws_prepare(db, sql_activities);
	s.attending = ws_prepare(db, sql_attending);
	st = ws_prepare(db, sql_contracts);
	ws_bind_text(st, 1, o->since);
	ws_bind_text(st, 2, o->until);
	ws_bind_text(st, 3, o->contract);
	ws_bind_text(st, 4, o->provider);
	ws_bind_text(st, 5, o->kind);
	while (ws_step(st) == SQLITE_ROW) {
		c = ws_grant_newcon(g);
		c->site = ws_strdup(site);
		c->code = coltext(st, 0);
		c->title = coltext(st, 1);
		c->kind = coltext(st, 2);
		c->provider = coltext(st, 3);
		c->pname = coltext(st, 4);
		c->pkind = coltext(st, 5);
		snprintf(c->start, sizeof c->start, "%s",
		    sqlite3_column_text(st, 6));
		snprintf(c->end, sizeof c->end, "%s",
		    sqlite3_column_text(st, 7));
		c->amount = sqlite3_column_int64(st, 8);
		c->new_spending = sqlite3_column_int(st, 9) != 0;
		c->days = ws_period_days(c->start, c->end);
		/* the contract's windows: the period, and start to date */
		pa = maxd(o->since, c->start);
		tb = mind(o->until, c->end);
		if (g->as_of[0] != '\0')	/* a period in progress */
			tb = mind(tb, g->as_of);
		c->elapsed = ws_period_days(c->start, tb);

		sqlite3_reset(s.paid);
		ws_bind_text(s.paid, 1, c->code);
		ws_bind_text(s.paid, 2, o->since);
		ws_bind_text(s.paid, 3, o->until);
		if (ws_step(s.paid) == SQLITE_ROW) {
			c->paid = sqlite3_column_int64(s.paid, 0);
			c->paid_to_date = sqlite3_column_int64(s.paid, 1);
		}
		funding(&s, c);

		sqlite3_reset(s.targets);
		ws_bind_text(s.targets, 1, c->code);
		while (ws_step(s.targets) == SQLITE_ROW) {
			name = (const char *)sqlite3_column_text(s.targets, 0);
			for (m = 0; m < NMEAS; m++)
				if (name && strcmp(name, ws_grant_meas[m].name) == 0)
					break;
			if (m == NMEAS)
				continue;
			c->ms[c->nms].m = m;
			c->ms[c->nms].target =
			    sqlite3_column_int64(s.targets, 1);
			c->nms++;
		}
		/* report order: the order of meas[] */
		for (k = 1; k < c->nms; k++) {
			struct gmeas t = c->ms[k];
			int j = k;

			for (; j > 0 && c->ms[j - 1].m > t.m; j--)
				c->ms[j] = c->ms[j - 1];
			c->ms[j] = t;
		}
		figures(&s, c, pa, tb, o->community);
		for (k = 0; k < c->nms; k++)
			c->ms[k].prorated = ws_prorate(c->ms[k].target,
			    c->elapsed, c->days);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(s.paid);
	sqlite3_finalize(s.targets);
	sqlite3_finalize(s.funding);
	sqlite3_finalize(s.visits);
	sqlite3_finalize(s.acts);
	sqlite3_finalize(s.attending);
	free(site);
	ws_grant_compute(g);
	return g;
}

