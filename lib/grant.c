/*
 * grant.c - the purchased-services report: what each contract delivered
 * against its targets, what was paid, and the policy ratios of the
 * spending (grant-report(1) documents every figure).
 *
 * A report is built either from the database (ws_grant_build) or from the
 * json reports of several sites (ws_grant_merge); both fill the same
 * in-memory model, and the totals and ratios are then computed from it,
 * so a merged report is computed exactly as a single one.  All arithmetic
 * is integer: money in fen, durations in minutes, percentages in tenths
 * (rounded half up) for display, and every threshold is compared exactly
 * by cross-multiplying.
 */
#include <libintl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#ifndef WS_LOCALEDIR
#define WS_LOCALEDIR "/usr/local/share/locale"
#endif

#define N_(s) (s)
#define _(s) tr(s)

enum { NMEAS = WS_NMEASURES };

/* The measures, in report order (vocab.c); hours measures are kept in
 * minutes.  name as in contract_target.measure, label translated. */
#define meas ws_measure_words

static int zh;			/* labels in Chinese */

static const char *
tr(const char *s)
{
	return zh ? dgettext("wushe", s) : s;
}

/* The label of a contract kind or an organisation kind (vocab.c). */
static const char *
kindlabel(const char *k)
{
	const struct ws_word *w = ws_vocab_find("contract.kind", k);

	if (w == NULL)
		w = ws_vocab_find("org.kind", k);
	return w != NULL && w->label != NULL ? _(w->label) : k;
}

int
ws_grant_lang(const char *opt)
{
	const char *e, *l, *dir;

	if (opt != NULL) {
		if (strcmp(opt, "zh") == 0 || strncmp(opt, "zh_", 3) == 0)
			zh = 1;
		else if (strcmp(opt, "en") == 0 || strncmp(opt, "en_", 3) == 0)
			zh = 0;
		else
			return -1;
	} else {
		/* POSIX precedence: the first of these that is set */
		if ((e = getenv("LC_ALL")) == NULL || *e == '\0')
			if ((e = getenv("LC_MESSAGES")) == NULL || *e == '\0')
				e = getenv("LANG");
		zh = e != NULL && strncmp(e, "zh", 2) == 0;
	}
	if (!zh)
		return 0;
	/*
	 * GNU gettext honours LANGUAGE in any locale but "C"; the zh_CN
	 * locale itself need not be installed, so fall back to C.UTF-8.
	 */
	setenv("LANGUAGE", "zh_CN", 1);
	l = setlocale(LC_MESSAGES, "");
	if (l == NULL || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	if ((dir = getenv("WUSHE_LOCALEDIR")) == NULL || *dir == '\0')
		dir = WS_LOCALEDIR;
	bindtextdomain("wushe", dir);
	bind_textdomain_codeset("wushe", "UTF-8");
	return 0;
}

/* ------------------------------------------------------------- model */

struct gmeas {
	int m;			/* index into meas[] */
	int64_t actual;		/* in the period */
	int64_t to_date;	/* contract start to period end */
	int64_t target;		/* for the whole contract period */
	int64_t prorated;	/* target x elapsed / days, rounded */
};

struct gfund {
	char *funder, *name, *kind;
	int64_t amount;		/* funding in fen */
	int64_t paid;		/* its share of the period's payments */
};

struct gcon {
	char *site, *code, *title, *kind;
	char *provider, *pname, *pkind;
	char start[11], end[11];
	int64_t days, elapsed;	/* contract days; those up to period end */
	int64_t amount, paid, paid_to_date;	/* fen */
	int new_spending;
	struct gmeas ms[NMEAS];	/* measures with a target, in order */
	int nms;
	struct gfund *f;
	size_t nf;
	int behind;
};

struct gsum {			/* a keyed sum for the totals */
	char *key, *name, *kind;
	int64_t fen;
};

struct ws_grant {
	char since[11], until[11];
	char **sites;		/* sorted, distinct */
	size_t nsites;
	struct gcon *c;
	size_t n, cap;
	int64_t behind_pct, so_new_min, so_all_min;	/* x100 */
	/* totals, from compute() */
	int64_t spend, so_all, new_all, so_new;
	struct gsum *bykind, *byfunder;
	size_t nbykind, nbyfunder;
	int nbehind;
};

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

static void
addsite(ws_grant *g, const char *site)
{
	size_t i;

	for (i = 0; i < g->nsites; i++)
		if (strcmp(g->sites[i], site) == 0)
			return;
	g->sites = ws_realloc(g->sites, (g->nsites + 1) * sizeof *g->sites);
	g->sites[g->nsites++] = ws_strdup(site);
}

static struct gcon *
newcon(ws_grant *g)
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

static int
meas_behind(const ws_grant *g, const struct gmeas *m)
{
	return m->prorated > 0 &&
	    m->to_date * 10000 < g->behind_pct * m->prorated;
}

static int
ratio_below(int64_t num, int64_t den, int64_t min)
{
	return den > 0 && num * 10000 < min * den;
}

/* The totals and flags, from the contracts. */
static void
compute(ws_grant *g)
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
			if (meas_behind(g, &c->ms[k]))
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
	    !ratio_below(g->so_all, g->spend, g->so_all_min) &&
	    !ratio_below(g->so_new, g->new_all, g->so_new_min);
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
	free(g);
}

/* ------------------------------------------------------------ period */

static long
month_start(int y, int m)
{
	char d[32];

	snprintf(d, sizeof d, "%04d-%02d-01", y, m);
	return ws_date_days(d);
}

/* The period [first day of y-m, last day of the month n months on). */
static void
months(int y, int m, int n, char since[11], char until[11])
{
	int y2 = y, m2 = m + n;

	while (m2 > 12) {
		m2 -= 12;
		y2++;
	}
	ws_days_date(month_start(y, m), since);
	if (y2 > 2999)		/* no day number for 3000-01-01 */
		memcpy(until, "2999-12-31", 11);
	else
		ws_days_date(month_start(y2, m2) - 1, until);
}

const char *
ws_grant_period(const char *opt, const char *val, char since[11],
    char until[11])
{
	char today[11], buf[11];
	int y, m;

	if (strcmp(opt, "month") == 0) {
		if (strcmp(val, "last") == 0) {
			ws_today(today);
			memcpy(buf, today, 7);
			buf[7] = '\0';
			y = atoi(buf);
			m = atoi(buf + 5) - 1;
			if (m == 0) {
				m = 12;
				y--;
			}
			months(y, m, 1, since, until);
			return NULL;
		}
		if (ws_check_month(val) != NULL)
			return "not a month (expected YYYY-MM or 'last')";
		y = atoi(val);
		m = atoi(val + 5);
		months(y, m, 1, since, until);
		return NULL;
	}
	if (strcmp(opt, "quarter") == 0) {
		if (strlen(val) != 6 || (val[4] != 'Q' && val[4] != 'q') ||
		    val[5] < '1' || val[5] > '4' ||
		    strspn(val, "0123456789") != 4 ||
		    atoi(val) < 1900 || atoi(val) > 2999)
			return "not a quarter (expected YYYYQ1 to YYYYQ4, "
			    "like 2019Q3)";
		months(atoi(val), (val[5] - '1') * 3 + 1, 3, since, until);
		return NULL;
	}
	if (strcmp(opt, "year") == 0) {
		if (strlen(val) != 4 || strspn(val, "0123456789") != 4 ||
		    atoi(val) < 1900 || atoi(val) > 2999)
			return "not a year (expected YYYY, 1900 to 2999)";
		months(atoi(val), 1, 12, since, until);
		return NULL;
	}
	/* "since" or "until": one date */
	if (ws_check_date(val) != NULL)
		return "not a date (expected YYYY-MM-DD)";
	memcpy(strcmp(opt, "since") == 0 ? since : until, val, 11);
	return NULL;
}

/* ----------------------------------------------------- from the database */

static const char sql_contracts[] =
    "SELECT c.code, c.title, c.kind, c.provider, o.name, o.kind, c.start,"
    " c.end, c.amount_fen, c.new_spending"
    " FROM contract c JOIN org o ON o.code = c.provider"
    " WHERE c.start <= ?2 AND c.end >= ?1"
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
 * volunteer minutes; to date, then in the period. */
static const char sql_activities[] =
    "SELECT coalesce(sum(kind = 'group_session'), 0),"
    " coalesce(sum(kind = 'community'), 0), coalesce(sum(minutes), 0),"
    " coalesce(sum(participants), 0), coalesce(sum(volunteer_minutes), 0),"
    " coalesce(sum(kind = 'group_session' AND date >= ?2), 0),"
    " coalesce(sum(kind = 'community' AND date >= ?2), 0),"
    " coalesce(sum(CASE WHEN date >= ?2 THEN minutes END), 0),"
    " coalesce(sum(CASE WHEN date >= ?2 THEN participants END), 0),"
    " coalesce(sum(CASE WHEN date >= ?2 THEN volunteer_minutes END), 0)"
    " FROM activity WHERE contract = ?1 AND date BETWEEN ?5 AND ?3"
    " AND (?4 IS NULL OR community = ?4)";

/* The cases attending the contract's activities, in case order, with the
 * date of the last one. */
static const char sql_attending[] =
    "SELECT ac.case_id, max(a.date) FROM activity a"
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

static char *
site_name(sqlite3 *db)
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

static void
check_code(sqlite3 *db, const char *sql, const char *opt, const char *val,
    const char *what)
{
	if (val == NULL)
		return;
	if (ws_query_int(db, sql, val, 0) == 0)
		ws_die(EX_DATAERR, "%s: no %s '%s' in the database", opt, what,
		    val);
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
ws_grant_build(sqlite3 *db, const struct ws_grant_opts *o)
{
	ws_grant *g;
	struct stmts s;
	sqlite3_stmt *st;
	struct gcon *c;
	char *site;
	const char *pa, *tb, *name;
	int m, k;

	check_code(db, "SELECT count(*) FROM contract WHERE code = ?",
	    "--contract", o->contract, "contract");
	check_code(db, "SELECT count(*) FROM org WHERE code = ?",
	    "--provider", o->provider, "organisation");
	check_code(db, "SELECT count(*) FROM community WHERE code = ?",
	    "--community", o->community, "community");
	g = ws_calloc(1, sizeof *g);
	memcpy(g->since, o->since, 11);
	memcpy(g->until, o->until, 11);
	g->behind_pct = o->behind_pct;
	g->so_new_min = o->so_new_min;
	g->so_all_min = o->so_all_min;
	site = site_name(db);
	addsite(g, site);
	/* the report reads much of the visit table in index order: map it */
	ws_exec(db, "PRAGMA mmap_size = 1073741824");

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
		c = newcon(g);
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
		c->days = ws_date_days(c->end) - ws_date_days(c->start) + 1;
		/* the contract's windows: the period, and start to date */
		pa = maxd(o->since, c->start);
		tb = mind(o->until, c->end);
		c->elapsed = ws_date_days(tb) - ws_date_days(c->start) + 1;

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
				if (name && strcmp(name, meas[m].name) == 0)
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
			c->ms[k].prorated = divr(c->ms[k].target * c->elapsed,
			    c->days);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(s.paid);
	sqlite3_finalize(s.targets);
	sqlite3_finalize(s.funding);
	sqlite3_finalize(s.visits);
	sqlite3_finalize(s.acts);
	sqlite3_finalize(s.attending);
	free(site);
	compute(g);
	return g;
}

/* ----------------------------------------------------------- merging */

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
	    key, what));
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
			addsite(r->g, s);
			free(s);
		} else if (strcmp(type, "contract") == 0) {
			if (reports == 0)
				bad(r, "type", "contract before any report "
				    "record (expected grant-report json)");
			if (findcon(r) != NULL)
				bad(r, "contract", "given twice for this site");
			c = newcon(r->g);
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
			addsite(r->g, c->site);
		} else if (strcmp(type, "measure") == 0) {
			if ((c = findcon(r)) == NULL)
				bad(r, "contract", "no contract record before "
				    "it (expected the contract first)");
			v = ws_in_get(r->in, "measure");
			for (m = 0; m < NMEAS && v; m++)
				if (strcmp(v, meas[m].name) == 0)
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
		} else
			bad(r, "type", "unknown record type (expected report, "
			    "contract, measure or funding)");
	}
	if (reports == 0)
		fail(r, ws_asprintf("%s: no report records (expected the "
		    "json output of grant-report)", r->name));
	ws_in_free(r->in);
	compute(r->g);
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

/* -------------------------------------------------------- formatting */

/* Hours with two decimals from minutes, rounded half up. */
static void
hours_str(int64_t min, char out[32])
{
	int64_t h = divr(min * 100, 60);

	snprintf(out, 32, "%lld.%02lld", (long long)(h / 100),
	    (long long)(h % 100));
}

/* A percentage with one decimal of num/den, or "" when den is 0. */
static void
pct_str(int64_t num, int64_t den, char out[32])
{
	int64_t t;

	if (den <= 0) {
		out[0] = '\0';
		return;
	}
	t = divr(num * 1000, den);
	snprintf(out, 32, "%lld.%lld", (long long)(t / 10),
	    (long long)(t % 10));
}

/* A policy minimum (x100) as a percentage: "30", "5.5", "12.25". */
static void
min_str(int64_t v, char out[32])
{
	if (v % 100 == 0)
		snprintf(out, 32, "%lld", (long long)(v / 100));
	else if (v % 10 == 0)
		snprintf(out, 32, "%lld.%lld", (long long)(v / 100),
		    (long long)(v % 100 / 10));
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(v / 100),
		    (long long)(v % 100));
}

static void
val_str(int m, int64_t v, char out[32])
{
	if (meas[m].hours)
		hours_str(v, out);
	else
		snprintf(out, 32, "%lld", (long long)v);
}

/*
 * The human formats (text, markdown, html) render one document: headings,
 * lines and tables, plus the chart of a contract in html.
 */
enum { E_H1, E_H2, E_P, E_TAB, E_CHART };

struct tab {
	int ncol;
	int head;		/* first row is a header */
	const char *align;	/* 'l' or 'r' per column */
	size_t nrow;
	char **cell;		/* nrow x ncol, allocated */
	int *bad;		/* per row: behind or below */
};

struct elem {
	int kind;
	char *text;
	struct tab *t;
	size_t ci;		/* contract for E_CHART */
};

struct doc {
	struct elem *e;
	size_t n;
};

static struct elem *
add(struct doc *d, int kind, char *text)
{
	d->e = ws_realloc(d->e, (d->n + 1) * sizeof *d->e);
	memset(&d->e[d->n], 0, sizeof d->e[0]);
	d->e[d->n].kind = kind;
	d->e[d->n].text = text;
	return &d->e[d->n++];
}

static struct tab *
addtab(struct doc *d, int ncol, int head, const char *align)
{
	struct elem *e = add(d, E_TAB, NULL);

	e->t = ws_calloc(1, sizeof *e->t);
	e->t->ncol = ncol;
	e->t->head = head;
	e->t->align = align;
	return e->t;
}

/* Append a row of ncol cells (copied); bad marks it. */
static void
row(struct tab *t, int isbad, ...)
{
	va_list ap;
	int i;

	t->cell = ws_realloc(t->cell, (t->nrow + 1) * t->ncol *
	    sizeof *t->cell);
	t->bad = ws_realloc(t->bad, (t->nrow + 1) * sizeof *t->bad);
	va_start(ap, isbad);
	for (i = 0; i < t->ncol; i++)
		t->cell[t->nrow * t->ncol + i] =
		    ws_strdup(va_arg(ap, const char *));
	va_end(ap);
	t->bad[t->nrow++] = isbad;
}

static void
docfree(struct doc *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		free(d->e[i].text);
		if (d->e[i].t == NULL)
			continue;
		for (j = 0; j < d->e[i].t->nrow * d->e[i].t->ncol; j++)
			free(d->e[i].t->cell[j]);
		free(d->e[i].t->cell);
		free(d->e[i].t->bad);
		free(d->e[i].t);
	}
	free(d->e);
}

static char *
sitelist(const ws_grant *g)
{
	ws_buf b = {0};
	size_t i;

	for (i = 0; i < g->nsites; i++) {
		if (i > 0)
			ws_buf_adds(&b, ", ");
		ws_buf_adds(&b, g->sites[i]);
	}
	return b.s ? b.s : ws_strdup("");
}

static void
builddoc(const ws_grant *g, struct doc *d)
{
	const struct gcon *c;
	const struct gmeas *gm;
	struct tab *t;
	struct elem *e;
	char a[32], b2[32], tg[32], p[32], pc[32], s1[32];
	char *sites, *x;
	size_t i, j;
	int k, vp = 0, badrow;

	sites = sitelist(g);
	add(d, E_H1, ws_asprintf("%s: %s", _("Purchased services report"),
	    sites));
	free(sites);
	add(d, E_P, ws_asprintf("%s: %s %s %s", _("Period"), g->since,
	    _("to"), g->until));
	if (g->n == 0)
		add(d, E_P, ws_strdup(_("No contracts in this period.")));
	for (i = 0; i < g->n; i++) {
		c = &g->c[i];
		if (g->nsites > 1)
			x = ws_asprintf("%s / %s %s%s%s", c->site, c->code,
			    c->title, c->behind ? " — " : "",
			    c->behind ? _("BEHIND") : "");
		else
			x = ws_asprintf("%s %s%s%s", c->code, c->title,
			    c->behind ? " — " : "",
			    c->behind ? _("BEHIND") : "");
		add(d, E_H2, x);
		t = addtab(d, 2, 0, "ll");
		row(t, 0, _("Kind"), kindlabel(c->kind));
		x = ws_asprintf("%s %s (%s)", c->provider, c->pname,
		    kindlabel(c->pkind));
		row(t, 0, _("Provider"), x);
		free(x);
		x = ws_asprintf("%s %s %s, %s %lld / %lld", c->start, _("to"),
		    c->end, _("days elapsed"), (long long)c->elapsed,
		    (long long)c->days);
		row(t, 0, _("Contract period"), x);
		free(x);
		ws_fen_str(c->amount, a);
		row(t, 0, _("Amount (yuan)"), a);
		ws_fen_str(c->paid, a);
		row(t, 0, _("Paid in period"), a);
		ws_fen_str(c->paid_to_date, a);
		pct_str(c->paid_to_date, c->amount, p);
		x = ws_asprintf("%s (%s %s%s)", a, _("share of amount"),
		    *p ? p : "-", *p ? "%" : "");
		row(t, 0, _("Paid to date"), x);
		free(x);
		if (c->nms == 0)
			continue;
		t = addtab(d, 7, 1, "lrrrrrl");
		row(t, 0, _("Measure"), _("In period"), _("To date"),
		    _("Target"), _("Prorated target"), _("Percent"),
		    _("Status"));
		for (k = 0; k < c->nms; k++) {
			gm = &c->ms[k];
			val_str(gm->m, gm->actual, a);
			val_str(gm->m, gm->to_date, b2);
			val_str(gm->m, gm->target, tg);
			val_str(gm->m, gm->prorated, s1);
			pct_str(gm->to_date, gm->prorated, pc);
			if (*pc)
				strcat(pc, "%");
			badrow = meas_behind(g, gm);
			x = meas[gm->m].hours ?
			    ws_asprintf("%s (%s)", _(meas[gm->m].label),
			    _("h")) : ws_strdup(_(meas[gm->m].label));
			row(t, badrow, x, a, b2, tg, s1, *pc ? pc : "-",
			    gm->prorated == 0 ? "-" : badrow ? _("behind") :
			    _("on track"));
			free(x);
		}
		e = add(d, E_CHART, NULL);
		e->ci = i;
	}

	add(d, E_H2, ws_strdup(_("Totals")));
	ws_fen_str(g->spend, a);
	add(d, E_P, ws_asprintf("%s: %s", _("Purchase spending in period "
	    "(yuan)"), a));
	t = addtab(d, 2, 1, "lr");
	row(t, 0, _("Provider kind"), _("Spending"));
	for (j = 0; j < g->nbykind; j++) {
		ws_fen_str(g->bykind[j].fen, a);
		row(t, 0, kindlabel(g->bykind[j].key), a);
	}
	t = addtab(d, 3, 1, "llr");
	row(t, 0, _("Funder"), _("Funder kind"), _("Spending"));
	for (j = 0; j < g->nbyfunder; j++) {
		ws_fen_str(g->byfunder[j].fen, a);
		x = ws_asprintf("%s %s", g->byfunder[j].key,
		    g->byfunder[j].name);
		row(t, 0, x, kindlabel(g->byfunder[j].kind), a);
		free(x);
	}
	add(d, E_P, ws_strdup(_("Social organisations' share of purchase "
	    "spending:")));
	t = addtab(d, 6, 1, "lrrrrl");
	row(t, 0, _("Spending"), _("Social organisations"), _("All"),
	    _("Share"), _("Minimum"), _("Status"));
	ws_fen_str(g->so_all, a);
	ws_fen_str(g->spend, b2);
	pct_str(g->so_all, g->spend, p);
	min_str(g->so_all_min, s1);
	strcat(s1, "%");
	if (*p)
		strcat(p, "%");
	badrow = ratio_below(g->so_all, g->spend, g->so_all_min);
	row(t, badrow, _("all purchase spending"), a, b2, *p ? p : "-", s1,
	    g->spend == 0 ? "-" : badrow ? _("below") : _("met"));
	ws_fen_str(g->so_new, a);
	ws_fen_str(g->new_all, b2);
	pct_str(g->so_new, g->new_all, p);
	min_str(g->so_new_min, s1);
	strcat(s1, "%");
	if (*p)
		strcat(p, "%");
	badrow = ratio_below(g->so_new, g->new_all, g->so_new_min);
	row(t, badrow, _("new public-service spending"), a, b2, *p ? p : "-",
	    s1, g->new_all == 0 ? "-" : badrow ? _("below") : _("met"));

	for (i = 0; i < g->n; i++) {
		int64_t ent = 0;
		ws_buf names = {0};

		c = &g->c[i];
		if (strcmp(c->kind, "venture_philanthropy") != 0)
			continue;
		if (vp++ == 0) {
			add(d, E_P, ws_strdup(_("Venture-philanthropy projects "
			    "and their enterprise co-funding:")));
			t = addtab(d, 5, 1, "lrrrl");
			row(t, 0, _("Contract"), _("Amount"),
			    _("Enterprise co-funding"), _("Share"),
			    _("Enterprises"));
		}
		for (j = 0; j < c->nf; j++) {
			if (strcmp(c->f[j].kind, "enterprise") != 0)
				continue;
			ent += c->f[j].amount;
			if (names.len > 0)
				ws_buf_adds(&names, ", ");
			ws_buf_printf(&names, "%s %s", c->f[j].funder,
			    c->f[j].name);
		}
		ws_fen_str(c->amount, a);
		ws_fen_str(ent, b2);
		pct_str(ent, c->amount, p);
		if (*p)
			strcat(p, "%");
		x = g->nsites > 1 ? ws_asprintf("%s / %s %s", c->site,
		    c->code, c->title) : ws_asprintf("%s %s", c->code,
		    c->title);
		row(t, 0, x, a, b2, *p ? p : "-", names.len ?
		    ws_buf_str(&names) : "-");
		free(x);
		ws_buf_free(&names);
	}
}

/* Text: aligned columns, CJK characters two columns wide. */
static void
pad(FILE *fp, const char *s, size_t w, int right, int last)
{
	size_t n = ws_width(s), i;

	if (right)
		for (i = n; i < w; i++)
			putc(' ', fp);
	fputs(s, fp);
	if (!right && !last)
		for (i = n; i < w; i++)
			putc(' ', fp);
}

static void
text_tab(const struct tab *t, FILE *fp)
{
	size_t *w = ws_calloc(t->ncol, sizeof *w), r, n;
	int i, last;

	for (r = 0; r < t->nrow; r++)
		for (i = 0; i < t->ncol; i++)
			if ((n = ws_width(t->cell[r * t->ncol + i])) > w[i])
				w[i] = n;
	for (r = 0; r < t->nrow; r++) {
		fputs("  ", fp);
		for (i = 0; i < t->ncol; i++) {
			last = i == t->ncol - 1;
			pad(fp, t->cell[r * t->ncol + i], w[i],
			    t->align[i] == 'r' && !(t->head && r == 0 &&
			    i == 0), last);
			if (!last)
				fputs("  ", fp);
		}
		putc('\n', fp);
	}
	free(w);
}

static void
render_text(const struct doc *d, FILE *fp)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		switch (d->e[i].kind) {
		case E_H1:
			fprintf(fp, "%s\n", d->e[i].text);
			break;
		case E_H2:
			fprintf(fp, "\n%s\n", d->e[i].text);
			break;
		case E_P:
			fprintf(fp, "%s\n", d->e[i].text);
			break;
		case E_TAB:
			text_tab(d->e[i].t, fp);
			break;
		}
}

static void
md_cell(const char *s, FILE *fp)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_')
			putc('\\', fp);
		putc(*s, fp);
	}
}

static void
render_md(const struct doc *d, FILE *fp)
{
	const struct tab *t;
	size_t i, r;
	int c;

	for (i = 0; i < d->n; i++) {
		if (d->e[i].kind == E_CHART)
			continue;
		if (i > 0)
			putc('\n', fp);
		switch (d->e[i].kind) {
		case E_H1:
			fputs("# ", fp);
			md_cell(d->e[i].text, fp);
			break;
		case E_H2:
			fputs("## ", fp);
			md_cell(d->e[i].text, fp);
			break;
		case E_P:
			md_cell(d->e[i].text, fp);
			break;
		case E_TAB:
			t = d->e[i].t;
			for (r = 0; r < t->nrow; r++) {
				if (!t->head) {
					fputs("- **", fp);
					md_cell(t->cell[r * 2], fp);
					fputs("**: ", fp);
					md_cell(t->cell[r * 2 + 1], fp);
					putc('\n', fp);
					continue;
				}
				for (c = 0; c < t->ncol; c++) {
					fputs("| ", fp);
					md_cell(t->cell[r * t->ncol + c], fp);
					putc(' ', fp);
				}
				fputs("|\n", fp);
				if (r > 0)
					continue;
				for (c = 0; c < t->ncol; c++)
					fputs(t->align[c] == 'r' ? "| ---: " :
					    "| --- ", fp);
				fputs("|\n", fp);
			}
			break;
		}
		if (d->e[i].kind != E_TAB)
			putc('\n', fp);
	}
}

static void
html_esc(const char *s, FILE *fp)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			putc(*s, fp);
		}
}

/*
 * The chart of one contract: per measure, a grey bar for the prorated
 * target (100%) and a bar for the actual to date on the same scale, up
 * to 150%; a line marks the behind threshold.  Integer coordinates.
 */
enum { CH_X = 190, CH_W = 390, CH_ROW = 22, CH_TOP = 18 };

static void
html_chart(const ws_grant *g, const struct gcon *c, FILE *fp)
{
	const struct gmeas *gm;
	char pc[32];
	int64_t w, x100 = CH_X + CH_W * 100 / 150;
	int64_t xb = CH_X + CH_W * g->behind_pct / 15000;
	int h = CH_TOP + c->nms * CH_ROW + 26, k, y;

	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\" "
	    "role=\"img\">\n", h, h);
	fprintf(fp, "<text x=\"%d\" y=\"12\" class=\"ax\">0%%</text>\n",
	    CH_X);
	fprintf(fp, "<text x=\"%lld\" y=\"12\" class=\"ax\" "
	    "text-anchor=\"middle\">100%%</text>\n", (long long)x100);
	fprintf(fp, "<text x=\"%d\" y=\"12\" class=\"ax\" "
	    "text-anchor=\"end\">150%%</text>\n", CH_X + CH_W);
	for (k = 0; k < c->nms; k++) {
		gm = &c->ms[k];
		y = CH_TOP + k * CH_ROW;
		fprintf(fp, "<text x=\"0\" y=\"%d\">", y + 14);
		html_esc(_(meas[gm->m].label), fp);
		fputs("</text>\n", fp);
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%lld\" "
		    "height=\"18\" fill=\"#d8d8d8\"/>\n", CH_X, y + 1,
		    (long long)(x100 - CH_X));
		pct_str(gm->to_date, gm->prorated, pc);
		if (gm->prorated > 0) {
			w = divr(gm->to_date * CH_W * 100,
			    gm->prorated * 150);
			if (w > CH_W)
				w = CH_W;
			fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%lld\" "
			    "height=\"10\" fill=\"%s\"/>\n", CH_X, y + 5,
			    (long long)w, meas_behind(g, gm) ? "#c0392b" :
			    "#2e7d32");
		}
		fprintf(fp, "<text x=\"640\" y=\"%d\" text-anchor=\"end\">"
		    "%s%s</text>\n", y + 14, *pc ? pc : "-", *pc ? "%" : "");
	}
	y = CH_TOP + c->nms * CH_ROW;
	fprintf(fp, "<line x1=\"%lld\" y1=\"%d\" x2=\"%lld\" y2=\"%d\" "
	    "stroke=\"#333\"/>\n", (long long)x100, CH_TOP - 2,
	    (long long)x100, y);
	fprintf(fp, "<line x1=\"%lld\" y1=\"%d\" x2=\"%lld\" y2=\"%d\" "
	    "stroke=\"#c0392b\" stroke-dasharray=\"3,2\"/>\n", (long long)xb,
	    CH_TOP - 2, (long long)xb, y);
	fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" "
	    "fill=\"#d8d8d8\"/><text x=\"%d\" y=\"%d\" class=\"ax\">",
	    CH_X, y + 10, CH_X + 16, y + 19);
	html_esc(_("prorated target"), fp);
	fprintf(fp, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"12\" "
	    "height=\"10\" fill=\"#2e7d32\"/><text x=\"%d\" y=\"%d\" "
	    "class=\"ax\">", CH_X + 160, y + 10, CH_X + 176, y + 19);
	html_esc(_("actual to date"), fp);
	fputs("</text>\n</svg>\n", fp);
}

static const char html_css[] =
    "@page { size: A4; margin: 15mm; }\n"
    "body { font-family: sans-serif; font-size: 10pt; color: #000; "
    "max-width: 180mm; margin: 0 auto; }\n"
    "h1 { font-size: 15pt; }\n"
    "h2 { font-size: 12pt; margin: 0 0 4pt 0; }\n"
    "section { break-inside: avoid; page-break-inside: avoid; "
    "margin-bottom: 12pt; }\n"
    "table { border-collapse: collapse; margin: 4pt 0; }\n"
    "th, td { border: 1px solid #999; padding: 1pt 5pt; "
    "text-align: left; }\n"
    "td.n { text-align: right; }\n"
    "table.kv th { font-weight: normal; background: #f0f0f0; }\n"
    "tr.bad td { color: #c0392b; font-weight: bold; }\n"
    "svg text { font-size: 9pt; }\n"
    "svg text.ax { font-size: 8pt; fill: #555; }\n";

static void
render_html(const ws_grant *g, const struct doc *d, FILE *fp)
{
	const struct tab *t;
	size_t i, r;
	int c, open = 0;

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", zh ? "zh-CN" : "en");
	html_esc(d->e[0].text, fp);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    html_css);
	for (i = 0; i < d->n; i++)
		switch (d->e[i].kind) {
		case E_H1:
			fputs("<h1>", fp);
			html_esc(d->e[i].text, fp);
			fputs("</h1>\n", fp);
			break;
		case E_H2:
			if (open)
				fputs("</section>\n", fp);
			fputs("<section>\n<h2>", fp);
			html_esc(d->e[i].text, fp);
			fputs("</h2>\n", fp);
			open = 1;
			break;
		case E_P:
			fputs("<p>", fp);
			html_esc(d->e[i].text, fp);
			fputs("</p>\n", fp);
			break;
		case E_TAB:
			t = d->e[i].t;
			fprintf(fp, "<table%s>\n", t->head ? "" :
			    " class=\"kv\"");
			for (r = 0; r < t->nrow; r++) {
				fprintf(fp, "<tr%s>", t->bad[r] ?
				    " class=\"bad\"" : "");
				for (c = 0; c < t->ncol; c++) {
					int th = (t->head && r == 0) ||
					    (!t->head && c == 0);

					fprintf(fp, "<%s%s>", th ? "th" : "td",
					    !th && t->align[c] == 'r' ?
					    " class=\"n\"" : "");
					html_esc(t->cell[r * t->ncol + c], fp);
					fprintf(fp, "</%s>", th ? "th" : "td");
				}
				fputs("</tr>\n", fp);
			}
			fputs("</table>\n", fp);
			break;
		case E_CHART:
			html_chart(g, &g->c[d->e[i].ci], fp);
			break;
		}
	if (open)
		fputs("</section>\n", fp);
	fputs("</body>\n</html>\n", fp);
}

/* Tidy rows: one per contract and measure, paid first. */
static void
render_tidy(const ws_grant *g, enum ws_fmt fmt, FILE *fp)
{
	static const char *const cols[] = { "site", "contract", "measure",
	    "period_start", "period_end", "actual", "actual_to_date",
	    "target", "prorated_target", "percent" };
	const struct gcon *c;
	const struct gmeas *gm;
	ws_out *o = ws_out_new(fp, fmt, 0);
	char a[32], b[32], t[32], p[32], pc[32];
	size_t i;
	int k;

	ws_out_cols(o, 10, cols);
	for (i = 0; i < g->n; i++) {
		c = &g->c[i];
		ws_fen_str(c->paid, a);
		ws_fen_str(c->paid_to_date, b);
		ws_fen_str(c->amount, t);
		pct_str(c->paid_to_date, c->amount, pc);
		ws_out_str(o, c->site);
		ws_out_str(o, c->code);
		ws_out_str(o, "paid");
		ws_out_str(o, g->since);
		ws_out_str(o, g->until);
		ws_out_str(o, a);
		ws_out_str(o, b);
		ws_out_str(o, t);
		ws_out_null(o);
		ws_out_str(o, *pc ? pc : NULL);
		ws_out_end(o);
		for (k = 0; k < c->nms; k++) {
			gm = &c->ms[k];
			val_str(gm->m, gm->actual, a);
			val_str(gm->m, gm->to_date, b);
			val_str(gm->m, gm->target, t);
			val_str(gm->m, gm->prorated, p);
			pct_str(gm->to_date, gm->prorated, pc);
			ws_out_str(o, c->site);
			ws_out_str(o, c->code);
			ws_out_str(o, meas[gm->m].name);
			ws_out_str(o, g->since);
			ws_out_str(o, g->until);
			ws_out_str(o, a);
			ws_out_str(o, b);
			ws_out_str(o, t);
			ws_out_str(o, p);
			ws_out_str(o, *pc ? pc : NULL);
			ws_out_end(o);
		}
	}
	ws_out_free(o);
}

/* One json record of n columns; types[i] is 'n' for a number (vals[i]
 * holds its digits), 's' for a string (NULL is null). */
static void
json_rec(FILE *fp, int n, const char *const *names, const char *types,
    const char **vals)
{
	ws_out *o = ws_out_new(fp, WS_FMT_JSON, 0);
	int i;

	ws_out_cols(o, n, names);
	for (i = 0; i < n; i++) {
		if (vals[i] == NULL)
			ws_out_null(o);
		else if (types[i] == 'n')
			ws_out_int(o, strtoll(vals[i], NULL, 10));
		else
			ws_out_str(o, vals[i]);
	}
	ws_out_end(o);
	ws_out_free(o);
}

static const char *
num(char buf[32], int64_t v)
{
	snprintf(buf, 32, "%lld", (long long)v);
	return buf;
}

static void
render_json(const ws_grant *g, FILE *fp)
{
	static const char *const rep[] = { "type", "site", "period_start",
	    "period_end" };
	static const char *const con[] = { "type", "site", "contract",
	    "title", "kind", "provider", "provider_name", "provider_kind",
	    "start", "end", "days", "elapsed", "amount_fen", "new_spending",
	    "paid_fen", "paid_to_date_fen", "behind" };
	static const char *const mea[] = { "type", "site", "contract",
	    "measure", "unit", "actual", "actual_to_date", "target",
	    "prorated_target", "percent", "behind" };
	static const char *const fun[] = { "type", "site", "contract",
	    "funder", "funder_name", "funder_kind", "amount_fen",
	    "paid_fen" };
	const struct gcon *c;
	const struct gmeas *gm;
	const char *v[17];
	char n[8][32], pc[32];
	size_t i, j;
	int k;

	for (i = 0; i < g->nsites; i++) {
		v[0] = "report";
		v[1] = g->sites[i];
		v[2] = g->since;
		v[3] = g->until;
		json_rec(fp, 4, rep, "ssss", v);
	}
	for (i = 0; i < g->n; i++) {
		c = &g->c[i];
		v[0] = "contract";
		v[1] = c->site;
		v[2] = c->code;
		v[3] = c->title;
		v[4] = c->kind;
		v[5] = c->provider;
		v[6] = c->pname;
		v[7] = c->pkind;
		v[8] = c->start;
		v[9] = c->end;
		v[10] = num(n[0], c->days);
		v[11] = num(n[1], c->elapsed);
		v[12] = num(n[2], c->amount);
		v[13] = num(n[3], c->new_spending);
		v[14] = num(n[4], c->paid);
		v[15] = num(n[5], c->paid_to_date);
		v[16] = num(n[6], c->behind);
		json_rec(fp, 17, con, "ssssssssssnnnnnnn", v);
		for (k = 0; k < c->nms; k++) {
			gm = &c->ms[k];
			pct_str(gm->to_date, gm->prorated, pc);
			v[0] = "measure";
			v[3] = meas[gm->m].name;
			v[4] = meas[gm->m].hours ? "minutes" : "count";
			v[5] = num(n[0], gm->actual);
			v[6] = num(n[1], gm->to_date);
			v[7] = num(n[2], gm->target);
			v[8] = num(n[3], gm->prorated);
			v[9] = *pc ? pc : NULL;
			v[10] = num(n[4], meas_behind(g, gm));
			json_rec(fp, 11, mea, "sssssnnnnsn", v);
		}
		for (j = 0; j < c->nf; j++) {
			v[0] = "funding";
			v[3] = c->f[j].funder;
			v[4] = c->f[j].name;
			v[5] = c->f[j].kind;
			v[6] = num(n[0], c->f[j].amount);
			v[7] = num(n[1], c->f[j].paid);
			json_rec(fp, 8, fun, "ssssssnn", v);
		}
	}
}

int
ws_grant_fmt_parse(const char *s)
{
	static const char *const names[] = { "text", "markdown", "csv", "tsv",
	    "json", "html", NULL };

	return ws_word_index(s, names);
}

void
ws_grant_print(const ws_grant *g, enum ws_grant_fmt fmt, FILE *fp)
{
	struct doc d = {0};

	switch (fmt) {
	case WS_GRANT_CSV:
		render_tidy(g, WS_FMT_CSV, fp);
		return;
	case WS_GRANT_TSV:
		render_tidy(g, WS_FMT_TSV, fp);
		return;
	case WS_GRANT_JSON:
		render_json(g, fp);
		return;
	default:
		break;
	}
	builddoc(g, &d);
	if (fmt == WS_GRANT_MARKDOWN)
		render_md(&d, fp);
	else if (fmt == WS_GRANT_HTML)
		render_html(g, &d, fp);
	else
		render_text(&d, fp);
	docfree(&d);
}
