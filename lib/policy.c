/* policy.c - the policy file: categories, visit rules, grants, interns,
 * annual reports and the growth of social organisations */
#include <sys/stat.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char *const top_keys[] = { "categories", "visits", "grants",
    "interns", "annual_reports", "org_growth", "volunteers", "workforce",
    NULL };
static const char *const rule_keys[] = { "category", "risk", "every_days",
    NULL };
/* The preset star rating of volunteers (see examples/policy.yaml). */
#define WS_STARS_SOURCE "《中国社区志愿者注册管理办法》第十八条 (中国社会工作协会社区志愿者工作委员会): " \
    "一星级至五星级社区志愿者, 登记志愿服务时间累计 100, 300, 600, 1000, 1500 小时; " \
    "each office must confirm the rating it applies"

static const char *const certify_words[] = { "supervisor", "host", NULL };

/*
 * The sections that are plain mappings of typed values: a new policy
 * setting is a row here (and a field in struct ws_policy).  Rows of a
 * section are read in table order; its allowed keys are its rows' keys
 * and then its subsections' names, in order.
 */
enum ptype {
	P_PCT,		/* percentage 0-100, int64_t x100 */
	P_HOURS,	/* hours in [lo, hi] minutes, int64_t minutes */
	P_INT,		/* whole number in [lo, hi], int64_t */
	P_MONEY,	/* yuan, int64_t fen */
	P_DATE,		/* YYYY-MM-DD, char[11] */
	P_BOOL,		/* true or false, int */
	P_WORD,		/* a word of words, int index */
	P_TEXT,		/* text, allocated char * */
	P_WORDS,	/* list of text (from words unless NULL), char ** */
	P_MILESTONES,	/* list of {date, target}, struct ws_milestones */
};

struct psection {
	const char *path;	/* "grants", "interns.subsidy" */
	const char *name;	/* its key in the parent */
	const char *parent;	/* path of the parent; NULL: top level */
};

static const struct psection sections[] = {
	{ "grants", "grants", NULL },
	{ "interns", "interns", NULL },
	{ "interns.subsidy", "subsidy", "interns" },
	{ "annual_reports", "annual_reports", NULL },
	{ "org_growth", "org_growth", NULL },
	{ "volunteers", "volunteers", NULL },
	{ "workforce", "workforce", NULL },
	{ NULL, NULL, NULL }
};

struct prow {
	const char *section;	/* path of its section */
	const char *key;
	enum ptype type;
	int req;		/* required when the section is given */
	int64_t lo, hi;		/* P_HOURS, P_INT bounds */
	const char *const *words;	/* P_WORD, P_WORDS vocabulary */
	const char *what;	/* what a word is, in messages */
	size_t off;		/* offset into struct ws_policy */
	int64_t def;		/* built-in default (numbers, words) */
};

#define OFF(m)	offsetof(struct ws_policy, m)
#define SUB(m)	offsetof(struct ws_policy, subsidy.m)
#define ANN(m)	offsetof(struct ws_policy, annual.m)
#define WF(m)	offsetof(struct ws_policy, workforce.m)

static const struct prow rows[] = {
	{ "grants", "behind_percent", P_PCT, 0, 0, 0, NULL, NULL,
	    OFF(behind_pct), 8000 },
	{ "grants", "social_org_share_new_min", P_PCT, 0, 0, 0, NULL, NULL,
	    OFF(so_share_new_min), 3000 },
	{ "grants", "social_org_share_all_min", P_PCT, 0, 0, 0, NULL, NULL,
	    OFF(so_share_all_min), 500 },
	{ "interns", "daily_max_hours", P_HOURS, 0, 1, 24 * 60, NULL, NULL,
	    OFF(intern_daily_max_minutes), 12 * 60 },
	{ "interns", "practicum_target_hours", P_HOURS, 0, 0, 10000 * 60,
	    NULL, NULL, OFF(practicum_target_minutes), 800 * 60 },
	{ "interns", "certify", P_WORD, 0, 0, 0, certify_words, "certifier",
	    OFF(certify_host), 0 },
	{ "interns.subsidy", "name", P_TEXT, 1, 0, 0, NULL, NULL, SUB(name),
	    0 },
	{ "interns.subsidy", "source", P_TEXT, 0, 0, 0, NULL, NULL,
	    SUB(source), 0 },
	{ "interns.subsidy", "full_time", P_BOOL, 0, 0, 0, NULL, NULL,
	    SUB(full_time), 0 },
	{ "interns.subsidy", "majors", P_WORDS, 0, 0, 0, NULL, NULL,
	    SUB(majors), 0 },
	{ "interns.subsidy", "hukou_cities", P_WORDS, 0, 0, 0, NULL, NULL,
	    SUB(hukou_cities), 0 },
	{ "interns.subsidy", "host_kinds", P_WORDS, 0, 0, 0, ws_org_kinds,
	    "organisation kind", SUB(host_kinds), 0 },
	{ "interns.subsidy", "min_months", P_INT, 0, 0, 120, NULL, NULL,
	    SUB(min_months), 0 },
	{ "interns.subsidy", "min_hours", P_HOURS, 0, 0, 10000 * 60, NULL,
	    NULL, SUB(min_minutes), 0 },
	{ "interns.subsidy", "month_min_hours", P_HOURS, 0, 0, 744 * 60, NULL,
	    NULL, SUB(month_min_minutes), 0 },
	{ "interns.subsidy", "per_month", P_MONEY, 1, 0, 0, NULL, NULL,
	    SUB(per_month_fen), 0 },
	{ "interns.subsidy", "cap", P_MONEY, 1, 0, 0, NULL, NULL,
	    SUB(cap_fen), 0 },
	{ "interns.subsidy", "from", P_DATE, 1, 0, 0, NULL, NULL, SUB(from),
	    0 },
	{ "interns.subsidy", "claims_close", P_DATE, 1, 0, 0, NULL, NULL,
	    SUB(claims_close), 0 },
	{ "annual_reports", "name", P_TEXT, 0, 0, 0, NULL, NULL, ANN(name),
	    0 },
	{ "annual_reports", "source", P_TEXT, 0, 0, 0, NULL, NULL,
	    ANN(source), 0 },
	{ "annual_reports", "due_month", P_INT, 0, 1, 12, NULL, NULL,
	    ANN(due_month), 3 },
	{ "annual_reports", "due_day", P_INT, 0, 1, 31, NULL, NULL,
	    ANN(due_day), 31 },
	{ "annual_reports", "review_working_days", P_INT, 0, 1, 250, NULL,
	    NULL, ANN(review_days), 10 },
	{ "annual_reports", "resubmit_working_days", P_INT, 0, 1, 250, NULL,
	    NULL, ANN(resubmit_days), 10 },
	{ "annual_reports", "kinds", P_WORDS, 0, 0, 0, ws_org_kinds,
	    "organisation kind", ANN(kinds), 0 },
	{ "org_growth", "name", P_TEXT, 0, 0, 0, NULL, NULL,
	    ANN(growth_name), 0 },
	{ "org_growth", "source", P_TEXT, 0, 0, 0, NULL, NULL,
	    ANN(growth_source), 0 },
	{ "org_growth", "growth_percent", P_PCT, 0, 0, 0, NULL, NULL,
	    ANN(growth_pct), 600 },
	{ "org_growth", "brands_per_year", P_INT, 0, 0, 100000, NULL, NULL,
	    ANN(brands), 10 },
	{ "volunteers", "daily_max_hours", P_HOURS, 0, 1, 24 * 60, NULL,
	    NULL, OFF(vol_daily_max_minutes), 12 * 60 },
	{ "volunteers", "star_1_hours", P_HOURS, 0, 0, 100000 * 60, NULL,
	    NULL, OFF(vol_star_minutes[0]), 100 * 60 },
	{ "volunteers", "star_2_hours", P_HOURS, 0, 0, 100000 * 60, NULL,
	    NULL, OFF(vol_star_minutes[1]), 300 * 60 },
	{ "volunteers", "star_3_hours", P_HOURS, 0, 0, 100000 * 60, NULL,
	    NULL, OFF(vol_star_minutes[2]), 600 * 60 },
	{ "volunteers", "star_4_hours", P_HOURS, 0, 0, 100000 * 60, NULL,
	    NULL, OFF(vol_star_minutes[3]), 1000 * 60 },
	{ "volunteers", "star_5_hours", P_HOURS, 0, 0, 100000 * 60, NULL,
	    NULL, OFF(vol_star_minutes[4]), 1500 * 60 },
	{ "volunteers", "stars_source", P_TEXT, 0, 0, 0, NULL, NULL,
	    OFF(vol_stars_source), 0 },
	/* issue 17 */
	{ "workforce", "name", P_TEXT, 0, 0, 0, NULL, NULL, WF(name), 0 },
	{ "workforce", "source", P_TEXT, 0, 0, 0, NULL, NULL, WF(source), 0 },
	{ "workforce", "counted_qualifications", P_WORDS, 0, 0, 0,
	    ws_qualifications, "qualification", WF(counted), 0 },
	{ "workforce", "youth_workers", P_MILESTONES, 0, 0, 1000000000, NULL,
	    NULL, WF(youth_workers), 0 },
	{ "workforce", "training_bases", P_MILESTONES, 0, 0, 1000000, NULL,
	    NULL, WF(training_bases), 0 },
	{ "workforce", "demonstration_units", P_MILESTONES, 0, 0, 1000000,
	    NULL, NULL, WF(demonstration_units), 0 },
	{ NULL, NULL, 0, 0, 0, 0, NULL, NULL, 0, 0 }
};

static const char *const milestone_keys[] = { "date", "target", NULL };

/* A list of milestones {date, target}, dates strictly increasing, each
 * target in [lo, hi]; replaces *ms. */
static int
milestones(ws_ycheck *c, const struct prow *r, const ws_ynode *n,
    const char *key, struct ws_milestones *ms)
{
	struct ws_milestone *m;
	const ws_ynode *it, *v;
	char *k;
	size_t i;
	int rc = 0;

	if (ws_ywant(c, n, WS_Y_SEQ, key) == -1)
		return -1;
	m = ws_calloc(n->n + 1, sizeof *m);
	for (i = 0; i < n->n && rc == 0; i++) {
		it = n->items[i];
		k = ws_asprintf("%s[%zu]", key, i + 1);
		if (ws_ywant(c, it, WS_Y_MAP, k) == -1 ||
		    ws_ykeys(c, it, k, milestone_keys) == -1)
			rc = -1;
		else if (ws_ynull(v = ws_ymap_get(it, "date")) ||
		    ws_ynull(ws_ymap_get(it, "target")))
			rc = ws_yproblem(c, it->line, it->col, k, "missing "
			    "%s (expected {date, target})",
			    ws_ynull(v) ? "date" : "target");
		else if (ws_yget_date(c, v, k, m[i].date) == -1 ||
		    ws_yget_int(c, ws_ymap_get(it, "target"), k, r->lo, r->hi,
		    &m[i].target) == -1)
			rc = -1;
		else if (i > 0 && strcmp(m[i].date, m[i - 1].date) <= 0)
			rc = ws_yproblem(c, v->line, v->col, k, "'%s': not "
			    "after the milestone before it, %s (expected "
			    "dates in order)", m[i].date, m[i - 1].date);
		free(k);
	}
	if (rc == -1) {
		free(m);
		return -1;
	}
	free(ms->m);
	ms->m = m;
	ms->n = n->n;
	return 0;
}

/* Read one row's value n into the policy. */
static int
getrow(ws_ycheck *c, const struct prow *r, const ws_ynode *n,
    struct ws_policy *p)
{
	char *at = (char *)p + r->off, *key;
	const char *t;
	int rc = 0;

	key = ws_asprintf("%s.%s", r->section, r->key);
	switch (r->type) {
	case P_PCT:
		rc = ws_yget_pct(c, n, key, (int64_t *)(void *)at);
		break;
	case P_HOURS:
		rc = ws_yget_hours(c, n, key, r->lo, r->hi,
		    (int64_t *)(void *)at);
		break;
	case P_INT:
		rc = ws_yget_int(c, n, key, r->lo, r->hi,
		    (int64_t *)(void *)at);
		break;
	case P_MONEY:
		rc = ws_yget_money(c, n, key, (int64_t *)(void *)at);
		break;
	case P_DATE:
		rc = ws_yget_date(c, n, key, at);
		break;
	case P_BOOL:
		rc = ws_yget_bool(c, n, key, (int *)(void *)at);
		break;
	case P_WORD:
		rc = ws_yget_word(c, n, key, r->words, r->what,
		    (int *)(void *)at);
		break;
	case P_TEXT:
		if ((t = ws_yget_str(c, n, key)) == NULL)
			rc = -1;
		else {
			free(*(char **)(void *)at);
			*(char **)(void *)at = ws_strdup(t);
		}
		break;
	case P_WORDS:
		rc = ws_yget_words(c, n, key, r->words, r->what,
		    (char ***)(void *)at);
		break;
	case P_MILESTONES:
		rc = milestones(c, r, n, key,
		    (struct ws_milestones *)(void *)at);
		break;
	}
	free(key);
	return rc;
}

static int section(ws_ycheck *c, const struct psection *s,
    const ws_ynode *n, struct ws_policy *p);

/* Rules across the keys of a section. */
static int
crosscheck(ws_ycheck *c, const struct psection *s, const ws_ynode *n,
    struct ws_policy *p)
{
	const ws_ynode *v;
	char key[16];
	int i;

	for (i = 1; strcmp(s->path, "volunteers") == 0 && i < 5; i++) {
		if (p->vol_star_minutes[i] == 0 ||
		    p->vol_star_minutes[i] > p->vol_star_minutes[i - 1])
			continue;
		snprintf(key, sizeof key, "star_%d_hours", i + 1);
		v = ws_ymap_get(n, key);
		if (v == NULL)
			v = n;
		return ws_yproblem(c, v->line, v->col, "volunteers", "%s: not "
		    "above star_%d_hours (expected each star to need more "
		    "hours than the one before)", key, i);
	}
	if (strcmp(s->path, "interns.subsidy") == 0 &&
	    strcmp(p->subsidy.claims_close, p->subsidy.from) < 0) {
		v = ws_ymap_get(n, "claims_close");
		return ws_yproblem(c, v->line, v->col,
		    "interns.subsidy.claims_close", "'%s': before from %s "
		    "(expected a later date)", p->subsidy.claims_close,
		    p->subsidy.from);
	}
	/* the subsidy's invariants (ws_claim_months): a month counts only
	 * with month_min_hours, and the cap pays the threshold's months */
	if (strcmp(s->path, "interns.subsidy") == 0 &&
	    p->subsidy.min_months > 0 && p->subsidy.month_min_minutes == 0)
		return ws_yproblem(c, n->line, n->col,
		    "interns.subsidy.month_min_hours", "missing (with "
		    "min_months, a month counts only with at least this many "
		    "certified hours; without it 30 minutes in each of %lld "
		    "months would qualify)", (long long)p->subsidy.min_months);
	if (strcmp(s->path, "interns.subsidy") == 0 &&
	    p->subsidy.cap_fen > 0 && p->subsidy.cap_fen <
	    p->subsidy.min_months * p->subsidy.per_month_fen) {
		v = ws_ymap_get(n, "cap");
		return ws_yproblem(c, v->line, v->col, "interns.subsidy.cap",
		    "below min_months x per_month (an eligible intern "
		    "would be paid less than the months that qualify)");
	}
	return 0;
}

static int
section(ws_ycheck *c, const struct psection *s, const ws_ynode *n,
    struct ws_policy *p)
{
	const char *keys[32];
	const ws_ynode *v;
	char *key;
	size_t nk = 0;
	int i;

	if (ws_ynull(n))
		return 0;
	for (i = 0; rows[i].key != NULL; i++)
		if (strcmp(rows[i].section, s->path) == 0)
			keys[nk++] = rows[i].key;
	for (i = 0; sections[i].path != NULL; i++)
		if (sections[i].parent && strcmp(sections[i].parent,
		    s->path) == 0)
			keys[nk++] = sections[i].name;
	keys[nk] = NULL;
	if (ws_ywant(c, n, WS_Y_MAP, s->path) == -1 ||
	    ws_ykeys(c, n, s->path, keys) == -1)
		return -1;
	for (i = 0; rows[i].key != NULL; i++)
		if (rows[i].req && strcmp(rows[i].section, s->path) == 0 &&
		    ws_ynull(ws_ymap_get(n, rows[i].key))) {
			key = ws_asprintf("%s.%s", s->path, rows[i].key);
			ws_yproblem(c, n->line, n->col, key, "missing "
			    "(required in a %s)", s->name);
			free(key);
			return -1;
		}
	for (i = 0; rows[i].key != NULL; i++)
		if (strcmp(rows[i].section, s->path) == 0 &&
		    !ws_ynull(v = ws_ymap_get(n, rows[i].key)) &&
		    getrow(c, &rows[i], v, p) == -1)
			return -1;
	for (i = 0; sections[i].path != NULL; i++)
		if (sections[i].parent && strcmp(sections[i].parent,
		    s->path) == 0 && section(c, &sections[i],
		    ws_ymap_get(n, sections[i].name), p) == -1)
			return -1;
	return crosscheck(c, s, n, p);
}

static size_t
nwords(char **w)
{
	size_t n = 0;

	while (w != NULL && w[n] != NULL)
		n++;
	return n;
}

static char **
addword(char **w, const char *s)
{
	size_t n = nwords(w);

	w = ws_realloc(w, (n + 2) * sizeof *w);
	w[n] = ws_strdup(s);
	w[n + 1] = NULL;
	return w;
}

static int
check_category(const char *s)
{
	size_t i;

	if (s[0] < 'a' || s[0] > 'z')
		return -1;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_') || i >= 32)
			return -1;
	return 0;
}

static const char *const category_keys[] = { "name", "label", NULL };

static int
categories(ws_ycheck *c, const ws_ynode *n, struct ws_policy *p)
{
	size_t i;
	const ws_ynode *it, *label;

	if (ws_ynull(n))
		return 0;
	if (ws_ywant(c, n, WS_Y_SEQ, "categories") == -1)
		return -1;
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		label = NULL;
		/* issue 14: {name: veteran, label: 退役军人} */
		if (it->type == WS_Y_MAP) {
			if (ws_ykeys(c, it, "categories", category_keys) == -1)
				return -1;
			label = ws_ymap_get(it, "label");
			if (!ws_ynull(label) && ws_yget_str(c, label,
			    "categories.label") == NULL)
				return -1;
			it = ws_ymap_get(it, "name");
			if (ws_ynull(it))
				return ws_yproblem(c, n->items[i]->line,
				    n->items[i]->col, "categories", "missing "
				    "name (expected {name, label})");
		}
		if (ws_yget_str(c, it, "categories") == NULL)
			return -1;
		if (check_category(it->val) == -1)
			return ws_yproblem(c, it->line, it->col, "categories",
			    "'%s': not a category name (expected 1-32 of "
			    "a-z, 0-9 and _, starting with a letter)",
			    it->val);
		if (!ws_policy_has_category(p, it->val)) {
			p->categories = addword(p->categories, it->val);
			if (ws_vocab_find("case_category.category", it->val)
			    == NULL)
				ws_vocab_add("case_category.category", it->val,
				    ws_ynull(label) ? NULL : label->val);
		}
	}
	return 0;
}

static void
freerules(struct ws_policy *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		free(p->rules[i].category);
	free(p->rules);
	p->rules = NULL;
	p->nrules = 0;
}

static void
addrule(struct ws_policy *p, const char *cat, int risk, int days)
{
	p->rules = ws_realloc(p->rules, (p->nrules + 1) * sizeof *p->rules);
	p->rules[p->nrules].category = ws_strdup(cat);
	p->rules[p->nrules].risk = risk;
	p->rules[p->nrules].every_days = days;
	p->nrules++;
}

static int
visits(ws_ycheck *c, const ws_ynode *n, struct ws_policy *p)
{
	const ws_ynode *r, *v;
	char key[64];
	const char *cat;
	int64_t days;
	size_t i;
	int risk;

	if (ws_ynull(n))
		return 0;
	if (ws_ywant(c, n, WS_Y_SEQ, "visits") == -1)
		return -1;
	freerules(p);
	for (i = 0; i < n->n; i++) {
		r = n->items[i];
		snprintf(key, sizeof key, "visits[%zu]", i + 1);
		if (ws_ywant(c, r, WS_Y_MAP, key) == -1 ||
		    ws_ykeys(c, r, key, rule_keys) == -1)
			return -1;
		cat = NULL;
		risk = -1;
		if (!ws_ynull(v = ws_ymap_get(r, "category"))) {
			snprintf(key, sizeof key, "visits[%zu].category",
			    i + 1);
			if ((cat = ws_yget_str(c, v, key)) == NULL)
				return -1;
			if (!ws_policy_has_category(p, cat))
				return ws_yproblem(c, v->line, v->col, key,
				    "'%s': unknown category (expected a "
				    "built-in one or one listed under "
				    "categories)", cat);
		}
		if (!ws_ynull(v = ws_ymap_get(r, "risk"))) {
			snprintf(key, sizeof key, "visits[%zu].risk", i + 1);
			if (ws_yget_word(c, v, key, ws_risks, "risk",
			    &risk) == -1)
				return -1;
		}
		snprintf(key, sizeof key, "visits[%zu].every_days", i + 1);
		if (ws_ynull(v = ws_ymap_get(r, "every_days")))
			return ws_yproblem(c, r->line, r->col, key, "missing "
			    "(expected the number of days between contacts)");
		if (ws_yget_int(c, v, key, 1, 3650, &days) == -1)
			return -1;
		addrule(p, cat, risk, (int)days);
	}
	return 0;
}

/* Free the subsidy's text and make its lists empty. */
static void
freesubsidy(struct ws_subsidy *s)
{
	free(s->name);
	free(s->source);
	ws_ywords_free(s->majors);
	ws_ywords_free(s->hukou_cities);
	ws_ywords_free(s->host_kinds);
	memset(s, 0, sizeof *s);
	s->majors = ws_calloc(1, sizeof *s->majors);
	s->hukou_cities = ws_calloc(1, sizeof *s->hukou_cities);
	s->host_kinds = ws_calloc(1, sizeof *s->host_kinds);
}

static struct ws_policy *
defaults(void)
{
	struct ws_policy *p = ws_calloc(1, sizeof *p);
	char *at;
	size_t i;

	p->file = ws_strdup("built-in");
	p->categories = ws_calloc(1, sizeof *p->categories);
	for (i = 0; ws_base_categories[i] != NULL; i++)
		p->categories = addword(p->categories, ws_base_categories[i]);
	addrule(p, "empty_nest", ws_word_index("high", ws_risks), 7);
	addrule(p, "elderly", -1, 30);
	addrule(p, NULL, -1, 90);
	freesubsidy(&p->subsidy);
	p->vol_stars_source = ws_strdup(WS_STARS_SOURCE);
	for (i = 0; i < 3; i++)		/* the qualified ones */
		p->workforce.counted = addword(p->workforce.counted,
		    ws_qualifications[i + 1]);
	for (i = 0; rows[i].key != NULL; i++) {
		at = (char *)p + rows[i].off;
		if (rows[i].type == P_BOOL || rows[i].type == P_WORD)
			*(int *)(void *)at = (int)rows[i].def;
		else if (rows[i].type <= P_MONEY)
			*(int64_t *)(void *)at = rows[i].def;
	}
	return p;
}

struct ws_policy *
ws_policy_default(void)
{
	return defaults();
}

struct ws_policy *
ws_policy_parse(FILE *fp, const char *name, char **err)
{
	ws_ycheck c = { name, 0, 0, NULL };
	struct ws_policy *p;
	ws_ynode *root;
	int i;

	if ((root = ws_yaml_load(fp, name, err)) == NULL)
		return NULL;
	p = defaults();
	free(p->file);
	p->file = ws_strdup(name);
	if (root->type != WS_Y_MAP)
		ws_yproblem(&c, root->line, root->col, "policy", "wrong type: "
		    "%s (expected a mapping with keys categories, visits, "
		    "grants, interns, annual_reports, org_growth, volunteers, "
		    "workforce)", ws_ytypename(root));
	else if (ws_ykeys(&c, root, "", top_keys) == 0 &&
	    categories(&c, ws_ymap_get(root, "categories"), p) == 0 &&
	    visits(&c, ws_ymap_get(root, "visits"), p) == 0)
		for (i = 0; sections[i].path != NULL; i++)
			if (sections[i].parent == NULL &&
			    section(&c, &sections[i], ws_ymap_get(root,
			    sections[i].name), p) == -1)
				break;
	ws_yaml_free(root);
	if (c.msg != NULL) {
		ws_policy_free(p);
		*err = c.msg;
		return NULL;
	}
	return p;
}

/* Where the policy comes from: *named is set when the user named it. */
static char *
policy_path(const char *opt, int *named)
{
	const char *e;

	*named = 1;
	if (opt != NULL)
		return ws_strdup(opt);
	if ((e = getenv("WUSHE_POLICY")) != NULL && *e != '\0')
		return ws_strdup(e);
	*named = 0;
	if ((e = getenv("XDG_CONFIG_HOME")) != NULL && *e == '/')
		return ws_asprintf("%s/wushe/policy.yaml", e);
	e = getenv("HOME");
	return ws_asprintf("%s/.config/wushe/policy.yaml",
	    e != NULL && *e != '\0' ? e : ".");
}

struct ws_policy *
ws_policy_load(const char *opt, ws_err *e)
{
	struct ws_policy *p;
	struct stat st;
	char *path, *err = NULL;
	FILE *fp;
	int named;

	path = policy_path(opt, &named);
	if (stat(path, &st) == -1 && errno == ENOENT && !named) {
		free(path);
		return defaults();
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ws_err_set(e, EX_NOINPUT, NULL, "%s: is a folder (expected a "
		    "policy file)", path);
		free(path);
		return NULL;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		ws_err_set(e, EX_NOINPUT, NULL, "cannot open policy '%s':",
		    path);
		free(path);
		return NULL;
	}
	p = ws_policy_parse(fp, path, &err);
	fclose(fp);
	free(path);
	if (p == NULL) {
		ws_err_set(e, EX_DATAERR, NULL, "%s", err);
		free(err);
	}
	return p;
}

void
ws_policy_free(struct ws_policy *p)
{
	if (p == NULL)
		return;
	free(p->file);
	ws_ywords_free(p->categories);
	freerules(p);
	freesubsidy(&p->subsidy);
	free(p->vol_stars_source);
	ws_ywords_free(p->subsidy.majors);
	ws_ywords_free(p->subsidy.hukou_cities);
	ws_ywords_free(p->subsidy.host_kinds);
	free(p->annual.name);
	free(p->annual.source);
	ws_ywords_free(p->annual.kinds);
	free(p->annual.growth_name);
	free(p->annual.growth_source);
	free(p->workforce.name);
	free(p->workforce.source);
	ws_ywords_free(p->workforce.counted);
	free(p->workforce.youth_workers.m);
	free(p->workforce.training_bases.m);
	free(p->workforce.demonstration_units.m);
	free(p);
}

int
ws_policy_has_category(const struct ws_policy *p, const char *cat)
{
	size_t i;

	for (i = 0; p->categories[i] != NULL; i++)
		if (strcmp(p->categories[i], cat) == 0)
			return 1;
	return 0;
}
