/* policy.c - the policy file: categories, visit rules, grants, interns */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

struct pctx {
	const char *file;
	char *err;		/* first error, "file:line:col: key: problem" */
};

static const char *const top_keys[] = { "categories", "visits", "grants",
    "interns", NULL };
static const char *const rule_keys[] = { "category", "risk", "every_days",
    NULL };
static const char *const grant_keys[] = { "behind_percent",
    "social_org_share_new_min", "social_org_share_all_min", NULL };
static const char *const intern_keys[] = { "daily_max_hours",
    "practicum_target_hours", "certify", "subsidy", NULL };
static const char *const subsidy_keys[] = { "name", "source", "full_time",
    "majors", "hukou_cities", "host_kinds", "min_months", "min_hours",
    "month_min_hours", "per_month", "cap", "from", "claims_close", NULL };
static const char *const certify_words[] = { "supervisor", "host", NULL };

static int
perr(struct pctx *c, long line, long col, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	ws_buf b = {0};
	char *msg;
	int n;

	if (c->err != NULL)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = ws_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ws_buf_printf(&b, "%s:%ld:%ld: %s: %s", c->file, line, col, key, msg);
	free(msg);
	c->err = b.s;
	return -1;
}

static const char *
typename(const ws_ynode *n)
{
	return n->type == WS_Y_MAP ? "a mapping" : n->type == WS_Y_SEQ ?
	    "a list" : "a single value";
}

/* Every key of map must be in allowed. */
static int
checkkeys(struct pctx *c, const ws_ynode *map, const char *path,
    const char *const *allowed)
{
	char key[256], *list;
	size_t i;

	for (i = 0; i < map->n; i++) {
		if (ws_word_index(map->keys[i], allowed) >= 0)
			continue;
		snprintf(key, sizeof key, "%s%s%s", path, *path ? "." : "",
		    map->keys[i]);
		list = ws_words_join(allowed);
		perr(c, map->klines[i], map->kcols[i], key,
		    "unknown key (expected one of: %s)", list);
		free(list);
		return -1;
	}
	return 0;
}

static int
want(struct pctx *c, const ws_ynode *n, enum ws_ytype t, const char *key)
{
	static const char *const names[] = { "a single value", "a list",
	    "a mapping" };

	if (n->type == t)
		return 0;
	return perr(c, n->line, n->col, key, "wrong type: %s (expected %s)",
	    typename(n), names[t]);
}

/* A scalar's text, or NULL after an error. */
static const char *
scalar(struct pctx *c, const ws_ynode *n, const char *key)
{
	if (want(c, n, WS_Y_SCALAR, key) == -1)
		return NULL;
	return n->val;
}

/* Apply a ws_check_*-style result: NULL is good. */
static int
verdict(struct pctx *c, const ws_ynode *n, const char *key, const char *bad)
{
	if (bad == NULL)
		return 0;
	return perr(c, n->line, n->col, key, "'%s': %s", n->val, bad);
}

static int
getbool(struct pctx *c, const ws_ynode *n, const char *key, int *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL)
		return -1;
	if (strcmp(s, "true") == 0)
		*v = 1;
	else if (strcmp(s, "false") == 0)
		*v = 0;
	else
		return perr(c, n->line, n->col, key, "'%s': not a yes/no "
		    "value (expected true or false)", s);
	return 0;
}

static int
getint(struct pctx *c, const ws_ynode *n, const char *key, int64_t lo,
    int64_t hi, int64_t *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL)
		return -1;
	return verdict(c, n, key, ws_parse_int(s, lo, hi, v));
}

/* Hours with up to two decimals, to minutes, within [lo, hi] minutes. */
static int
gethours(struct pctx *c, const ws_ynode *n, const char *key, int64_t lo,
    int64_t hi, int64_t *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL || verdict(c, n, key, ws_parse_hours(s, v)) == -1)
		return -1;
	if (*v < lo || *v > hi)
		return perr(c, n->line, n->col, key, "'%s': out of range "
		    "(expected %lld to %lld hours)", s, (long long)(lo / 60),
		    (long long)(hi / 60));
	return 0;
}

/* A percentage with up to two decimals, 0-100, stored x100. */
static int
getpct(struct pctx *c, const ws_ynode *n, const char *key, int64_t *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL || verdict(c, n, key, ws_parse_dec2(s, v)) == -1)
		return -1;
	if (*v < 0 || *v > 10000)
		return perr(c, n->line, n->col, key, "'%s': out of range "
		    "(expected a percentage from 0 to 100)", s);
	return 0;
}

static int
getmoney(struct pctx *c, const ws_ynode *n, const char *key, int64_t *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL)
		return -1;
	return verdict(c, n, key, ws_parse_money(s, 0, v));
}

static int
getdate(struct pctx *c, const ws_ynode *n, const char *key, char out[11])
{
	const char *s = scalar(c, n, key);

	if (s == NULL || verdict(c, n, key, ws_check_date(s)) == -1)
		return -1;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 0;
}

static int
getword(struct pctx *c, const ws_ynode *n, const char *key,
    const char *const *words, const char *what, int *idx)
{
	const char *s = scalar(c, n, key);
	char *list;

	if (s == NULL)
		return -1;
	if ((*idx = ws_word_index(s, words)) >= 0)
		return 0;
	list = ws_words_join(words);
	perr(c, n->line, n->col, key, "'%s': unknown %s (expected one of: "
	    "%s)", s, what, list);
	free(list);
	return -1;
}

static size_t
nwords(char **w)
{
	size_t n = 0;

	while (w != NULL && w[n] != NULL)
		n++;
	return n;
}

static void
freewords(char **w)
{
	size_t i;

	for (i = 0; w != NULL && w[i] != NULL; i++)
		free(w[i]);
	free(w);
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

/* A list of text values into a NULL-terminated array (empty for null);
 * words, if not NULL, is the vocabulary each value must come from. */
static int
getlist(struct pctx *c, const ws_ynode *n, const char *key,
    const char *const *words, const char *what, char ***out)
{
	char **w = ws_calloc(1, sizeof *w);
	size_t i;
	int idx;

	freewords(*out);
	*out = w;
	if (ws_ynull(n))
		return 0;
	if (want(c, n, WS_Y_SEQ, key) == -1)
		return -1;
	for (i = 0; i < n->n; i++) {
		if (words != NULL) {
			if (getword(c, n->items[i], key, words, what,
			    &idx) == -1)
				return -1;
		} else if (scalar(c, n->items[i], key) == NULL)
			return -1;
		else if (*n->items[i]->val == '\0')
			return perr(c, n->items[i]->line, n->items[i]->col,
			    key, "empty value (expected some text)");
		*out = w = addword(w, n->items[i]->val);
	}
	return 0;
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

static int
categories(struct pctx *c, const ws_ynode *n, struct ws_policy *p)
{
	size_t i;
	const ws_ynode *it;

	if (ws_ynull(n))
		return 0;
	if (want(c, n, WS_Y_SEQ, "categories") == -1)
		return -1;
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (scalar(c, it, "categories") == NULL)
			return -1;
		if (check_category(it->val) == -1)
			return perr(c, it->line, it->col, "categories",
			    "'%s': not a category name (expected 1-32 of "
			    "a-z, 0-9 and _, starting with a letter)",
			    it->val);
		if (!ws_policy_has_category(p, it->val))
			p->categories = addword(p->categories, it->val);
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
visits(struct pctx *c, const ws_ynode *n, struct ws_policy *p)
{
	const ws_ynode *r, *v;
	char key[64];
	const char *cat;
	int64_t days;
	size_t i;
	int risk;

	if (ws_ynull(n))
		return 0;
	if (want(c, n, WS_Y_SEQ, "visits") == -1)
		return -1;
	freerules(p);
	for (i = 0; i < n->n; i++) {
		r = n->items[i];
		snprintf(key, sizeof key, "visits[%zu]", i + 1);
		if (want(c, r, WS_Y_MAP, key) == -1 ||
		    checkkeys(c, r, key, rule_keys) == -1)
			return -1;
		cat = NULL;
		risk = -1;
		if (!ws_ynull(v = ws_ymap_get(r, "category"))) {
			snprintf(key, sizeof key, "visits[%zu].category",
			    i + 1);
			if ((cat = scalar(c, v, key)) == NULL)
				return -1;
			if (!ws_policy_has_category(p, cat))
				return perr(c, v->line, v->col, key, "'%s': "
				    "unknown category (expected a built-in "
				    "one or one listed under categories)",
				    cat);
		}
		if (!ws_ynull(v = ws_ymap_get(r, "risk"))) {
			snprintf(key, sizeof key, "visits[%zu].risk", i + 1);
			if (getword(c, v, key, ws_risks, "risk", &risk) == -1)
				return -1;
		}
		snprintf(key, sizeof key, "visits[%zu].every_days", i + 1);
		if (ws_ynull(v = ws_ymap_get(r, "every_days")))
			return perr(c, r->line, r->col, key, "missing "
			    "(expected the number of days between contacts)");
		if (getint(c, v, key, 1, 3650, &days) == -1)
			return -1;
		addrule(p, cat, risk, (int)days);
	}
	return 0;
}

static int
grants(struct pctx *c, const ws_ynode *n, struct ws_policy *p)
{
	const ws_ynode *v;

	if (ws_ynull(n))
		return 0;
	if (want(c, n, WS_Y_MAP, "grants") == -1 ||
	    checkkeys(c, n, "grants", grant_keys) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "behind_percent")) &&
	    getpct(c, v, "grants.behind_percent", &p->behind_pct) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "social_org_share_new_min")) &&
	    getpct(c, v, "grants.social_org_share_new_min",
	    &p->so_share_new_min) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "social_org_share_all_min")) &&
	    getpct(c, v, "grants.social_org_share_all_min",
	    &p->so_share_all_min) == -1)
		return -1;
	return 0;
}

static void
freesubsidy(struct ws_subsidy *s)
{
	free(s->name);
	free(s->source);
	freewords(s->majors);
	freewords(s->hukou_cities);
	freewords(s->host_kinds);
	memset(s, 0, sizeof *s);
	s->majors = ws_calloc(1, sizeof *s->majors);
	s->hukou_cities = ws_calloc(1, sizeof *s->hukou_cities);
	s->host_kinds = ws_calloc(1, sizeof *s->host_kinds);
}

static const char *const subsidy_required[] = { "name", "per_month", "cap",
    "from", "claims_close", NULL };

static int
subsidy(struct pctx *c, const ws_ynode *n, struct ws_subsidy *s)
{
	const ws_ynode *v;
	const char *t;
	char key[64];
	size_t i;

	freesubsidy(s);
	if (ws_ynull(n))
		return 0;
	if (want(c, n, WS_Y_MAP, "interns.subsidy") == -1 ||
	    checkkeys(c, n, "interns.subsidy", subsidy_keys) == -1)
		return -1;
	for (i = 0; subsidy_required[i] != NULL; i++)
		if (ws_ynull(ws_ymap_get(n, subsidy_required[i]))) {
			snprintf(key, sizeof key, "interns.subsidy.%s",
			    subsidy_required[i]);
			return perr(c, n->line, n->col, key, "missing "
			    "(required in a subsidy)");
		}
	v = ws_ymap_get(n, "name");
	if ((t = scalar(c, v, "interns.subsidy.name")) == NULL)
		return -1;
	s->name = ws_strdup(t);
	if (!ws_ynull(v = ws_ymap_get(n, "source"))) {
		if ((t = scalar(c, v, "interns.subsidy.source")) == NULL)
			return -1;
		s->source = ws_strdup(t);
	}
	if (!ws_ynull(v = ws_ymap_get(n, "full_time")) &&
	    getbool(c, v, "interns.subsidy.full_time", &s->full_time) == -1)
		return -1;
	if (getlist(c, ws_ymap_get(n, "majors"), "interns.subsidy.majors",
	    NULL, NULL, &s->majors) == -1 ||
	    getlist(c, ws_ymap_get(n, "hukou_cities"),
	    "interns.subsidy.hukou_cities", NULL, NULL,
	    &s->hukou_cities) == -1 ||
	    getlist(c, ws_ymap_get(n, "host_kinds"),
	    "interns.subsidy.host_kinds", ws_org_kinds, "organisation kind",
	    &s->host_kinds) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "min_months")) &&
	    getint(c, v, "interns.subsidy.min_months", 0, 120,
	    &s->min_months) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "min_hours")) &&
	    gethours(c, v, "interns.subsidy.min_hours", 0, 10000 * 60,
	    &s->min_minutes) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "month_min_hours")) &&
	    gethours(c, v, "interns.subsidy.month_min_hours", 0, 744 * 60,
	    &s->month_min_minutes) == -1)
		return -1;
	if (getmoney(c, ws_ymap_get(n, "per_month"),
	    "interns.subsidy.per_month", &s->per_month_fen) == -1 ||
	    getmoney(c, ws_ymap_get(n, "cap"), "interns.subsidy.cap",
	    &s->cap_fen) == -1 ||
	    getdate(c, ws_ymap_get(n, "from"), "interns.subsidy.from",
	    s->from) == -1 ||
	    getdate(c, v = ws_ymap_get(n, "claims_close"),
	    "interns.subsidy.claims_close", s->claims_close) == -1)
		return -1;
	if (strcmp(s->claims_close, s->from) < 0)
		return perr(c, v->line, v->col, "interns.subsidy.claims_close",
		    "'%s': before from %s (expected a later date)",
		    s->claims_close, s->from);
	return 0;
}

static int
interns(struct pctx *c, const ws_ynode *n, struct ws_policy *p)
{
	const ws_ynode *v;
	int i;

	if (ws_ynull(n))
		return 0;
	if (want(c, n, WS_Y_MAP, "interns") == -1 ||
	    checkkeys(c, n, "interns", intern_keys) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "daily_max_hours")) &&
	    gethours(c, v, "interns.daily_max_hours", 1, 24 * 60,
	    &p->intern_daily_max_minutes) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "practicum_target_hours")) &&
	    gethours(c, v, "interns.practicum_target_hours", 0, 10000 * 60,
	    &p->practicum_target_minutes) == -1)
		return -1;
	if (!ws_ynull(v = ws_ymap_get(n, "certify"))) {
		if (getword(c, v, "interns.certify", certify_words,
		    "certifier", &i) == -1)
			return -1;
		p->certify_host = i == 1;
	}
	if (ws_ymap_get(n, "subsidy") != NULL &&
	    subsidy(c, ws_ymap_get(n, "subsidy"), &p->subsidy) == -1)
		return -1;
	return 0;
}

static struct ws_policy *
defaults(void)
{
	struct ws_policy *p = ws_calloc(1, sizeof *p);
	size_t i;

	p->file = ws_strdup("built-in");
	p->categories = ws_calloc(1, sizeof *p->categories);
	for (i = 0; ws_base_categories[i] != NULL; i++)
		p->categories = addword(p->categories, ws_base_categories[i]);
	addrule(p, "empty_nest", ws_word_index("high", ws_risks), 7);
	addrule(p, "elderly", -1, 30);
	addrule(p, NULL, -1, 90);
	p->behind_pct = 8000;
	p->so_share_new_min = 3000;
	p->so_share_all_min = 500;
	p->intern_daily_max_minutes = 12 * 60;
	p->practicum_target_minutes = 800 * 60;
	p->certify_host = 0;
	freesubsidy(&p->subsidy);
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
	struct pctx c = { name, NULL };
	struct ws_policy *p;
	ws_ynode *root;

	if ((root = ws_yaml_load(fp, name, err)) == NULL)
		return NULL;
	p = defaults();
	free(p->file);
	p->file = ws_strdup(name);
	if (root->type != WS_Y_MAP)
		perr(&c, root->line, root->col, "policy", "wrong type: %s "
		    "(expected a mapping with keys categories, visits, "
		    "grants, interns)", typename(root));
	else if (checkkeys(&c, root, "", top_keys) == 0 &&
	    categories(&c, ws_ymap_get(root, "categories"), p) == 0 &&
	    visits(&c, ws_ymap_get(root, "visits"), p) == 0 &&
	    grants(&c, ws_ymap_get(root, "grants"), p) == 0)
		interns(&c, ws_ymap_get(root, "interns"), p);
	ws_yaml_free(root);
	if (c.err != NULL) {
		ws_policy_free(p);
		*err = c.err;
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
ws_policy_load(const char *opt)
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
		ws_warn("%s: is a folder (expected a policy file)", path);
		free(path);
		exit(EX_NOINPUT);
	}
	if ((fp = fopen(path, "r")) == NULL) {
		ws_warn("cannot open policy '%s':", path);
		free(path);
		exit(EX_NOINPUT);
	}
	p = ws_policy_parse(fp, path, &err);
	fclose(fp);
	free(path);
	if (p == NULL) {
		ws_warn("%s", err);
		free(err);
		exit(EX_DATAERR);
	}
	return p;
}

void
ws_policy_free(struct ws_policy *p)
{
	if (p == NULL)
		return;
	free(p->file);
	freewords(p->categories);
	freerules(p);
	freesubsidy(&p->subsidy);
	freewords(p->subsidy.majors);
	freewords(p->subsidy.hukou_cities);
	freewords(p->subsidy.host_kinds);
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
