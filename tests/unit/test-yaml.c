/* test-yaml.c - the YAML tree (lib/yaml.c) and the policy loader */
#include <sys/stat.h>
#include <sys/wait.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"
#include "unit.h"

/* Load text as YAML; returns the tree or NULL with *err set. */
static ws_ynode *
yload(const char *text, size_t len, char **err)
{
	FILE *fp = fmemopen((void *)text, len ? len : 1, "r");
	ws_ynode *n;

	if (len == 0) {
		/* fmemopen needs a size; read nothing */
		fclose(fp);
		fp = fopen("/dev/null", "r");
	}
	n = ws_yaml_load(fp, "t.yaml", err);
	fclose(fp);
	return n;
}

/* The error of loading text (allocated), or NULL when it loaded. */
static char *
yerr(const char *text)
{
	char *err = NULL;
	ws_ynode *n = yload(text, strlen(text), &err);

	ws_yaml_free(n);
	return err;
}

static void
check_err(const char *text, const char *want, const char *what)
{
	char *err = yerr(text);

	CHECK(err != NULL && strstr(err, want) != NULL, what);
	if (err == NULL || strstr(err, want) == NULL)
		printf("#   got '%s', want '%s'\n", err ? err : "(null)", want);
	free(err);
}

static void
test_tree(void)
{
	const char *t = "# comment\n"
	    "name: 青华社区\n"
	    "list:\n"
	    "  - a\n"
	    "  - \"null\"\n"
	    "  - ~\n"
	    "map: {x: 1, y: 'two'}\n";
	ws_ynode *n, *v;
	char *err = NULL;

	n = yload(t, strlen(t), &err);
	CHECK(n != NULL && err == NULL, "tree: loads");
	if (n == NULL) {
		free(err);
		return;
	}
	CHECK(n->type == WS_Y_MAP && n->n == 3, "tree: root mapping of 3");
	v = ws_ymap_get(n, "name");
	CHECK_STR(v ? v->val : NULL, "青华社区", "tree: CJK scalar");
	CHECK(v && v->line == 2 && v->col == 7, "tree: scalar position 2:7");
	CHECK(n->klines[1] == 3 && n->kcols[1] == 1, "tree: key position 3:1");
	v = ws_ymap_get(n, "list");
	CHECK(v && v->type == WS_Y_SEQ && v->n == 3, "tree: sequence of 3");
	CHECK(v && v->line == 4 && v->col == 3, "tree: sequence position 4:3");
	CHECK(v && v->n == 3 && !ws_ynull(v->items[1]),
	    "tree: quoted \"null\" is text");
	CHECK(v && v->n == 3 && ws_ynull(v->items[2]), "tree: ~ is null");
	CHECK(v && v->n == 3 && v->items[0]->plain && !v->items[1]->plain,
	    "tree: plain flag");
	v = ws_ymap_get(n, "map");
	CHECK(v && v->type == WS_Y_MAP &&
	    strcmp(ws_ymap_get(v, "y")->val, "two") == 0, "tree: flow map");
	CHECK(ws_ymap_get(n, "nope") == NULL, "tree: missing key is NULL");
	CHECK(ws_ymap_get(v, "nope") == NULL && ws_ynull(NULL),
	    "tree: NULL is null");
	ws_yaml_free(n);

	n = yload("", 0, &err);
	CHECK(n && n->type == WS_Y_MAP && n->n == 0, "empty input: empty map");
	ws_yaml_free(n);
	n = yload("# only a comment\n", 17, &err);
	CHECK(n && n->type == WS_Y_MAP && n->n == 0, "comments: empty map");
	ws_yaml_free(n);
	n = yload("\xef\xbb\xbf" "a: 1\r\n", 9, &err);
	CHECK(n && n->n == 1 && strcmp(ws_ymap_get(n, "a")->val, "1") == 0,
	    "BOM and CRLF accepted");
	ws_yaml_free(n);
}

static void
test_errors(void)
{
	ws_buf b = {0};
	int i;

	check_err("a: &x 1\nb: *x\n", "t.yaml:1:4: anchor '&x': aliases are "
	    "not supported", "anchor refused with position");
	check_err("a: [1]\nb: *x\n", "t.yaml:2:4: alias '*x': aliases are not "
	    "supported", "alias refused");
	check_err("a: !!int 1\n", "t.yaml:1:4: tag", "tag refused");
	check_err("a: !local {b: 1}\n", "tags are not supported",
	    "tag on a mapping refused");
	check_err("a: 1\nb: 2\na: 3\n", "t.yaml:3:1: duplicate key 'a'",
	    "duplicate key");
	check_err("? [a, b]\n: 1\n", "t.yaml:1:3: mapping keys must be plain",
	    "non-scalar key");
	check_err("a: 1\n---\nb: 2\n", "t.yaml:2:1: more than one document",
	    "two documents");
	check_err("a: [1, 2\nb: 3\n", "YAML syntax error", "syntax error");
	check_err("a:\n  b: 1\n c: 2\n", "t.yaml:3:", "syntax error line");
	check_err("ok: 1\nname: \xc7\xe0\n", "t.yaml:2:", "not UTF-8: line");
	check_err("ok: 1\nname: \xc7\xe0\n", "not UTF-8 text",
	    "not UTF-8: says so");
	check_err("ok: 1\nname: \xc7\xe0\n", "iconv -f GBK -t UTF-8",
	    "not UTF-8: hint");
	check_err("\xff\xfe" "a\0:\0 \0" "1\0", "not UTF-8", "UTF-16 refused");
	check_err("a: \"x\\0y\"\n", "NUL", "NUL in a scalar refused");

	for (i = 0; i < 70; i++)
		ws_buf_adds(&b, "[");
	for (i = 0; i < 70; i++)
		ws_buf_adds(&b, "]");
	check_err(ws_buf_str(&b), "t.yaml:1:65: nested deeper than 64",
	    "depth over 64 refused");
	ws_buf_reset(&b);
	for (i = 0; i < 64; i++)
		ws_buf_adds(&b, "[");
	for (i = 0; i < 64; i++)
		ws_buf_adds(&b, "]");
	{
		char *e = yerr(ws_buf_str(&b));

		CHECK(e == NULL, "depth 64 accepted");
		free(e);
	}
	ws_buf_reset(&b);
	ws_buf_adds(&b, "a: ");
	for (i = 0; i < 1024 * 1024 / 64 + 1; i++)
		ws_buf_adds(&b, "0123456789012345678901234567890123456789"
		    "012345678901234567890123");
	ws_buf_adds(&b, "\n");
	check_err(ws_buf_str(&b), "t.yaml:1:4: value longer than 1 MiB",
	    "scalar over 1 MiB refused");
	ws_buf_free(&b);
}

/* Parse policy text; returns the policy or NULL with *err. */
static struct ws_policy *
pload(const char *text, char **err)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct ws_policy *p;

	*err = NULL;
	p = ws_policy_parse(fp, "p.yaml", err);
	fclose(fp);
	return p;
}

static void
check_perr(const char *text, const char *want, const char *what)
{
	char *err = NULL;
	struct ws_policy *p = pload(text, &err);

	CHECK(p == NULL && err != NULL && strstr(err, want) != NULL, what);
	if (err == NULL || strstr(err, want) == NULL)
		printf("#   got '%s', want '%s'\n", err ? err : "(null)", want);
	free(err);
	ws_policy_free(p);
}

/* Non-zero when a and b hold the same rules and numbers. */
static int
same_policy(const struct ws_policy *a, const struct ws_policy *b)
{
	size_t i;

	if (a->nrules != b->nrules)
		return 0;
	for (i = 0; i < a->nrules; i++) {
		if ((a->rules[i].category == NULL) !=
		    (b->rules[i].category == NULL))
			return 0;
		if (a->rules[i].category && strcmp(a->rules[i].category,
		    b->rules[i].category) != 0)
			return 0;
		if (a->rules[i].risk != b->rules[i].risk ||
		    a->rules[i].every_days != b->rules[i].every_days)
			return 0;
	}
	for (i = 0; a->categories[i] && b->categories[i]; i++)
		if (strcmp(a->categories[i], b->categories[i]) != 0)
			return 0;
	return a->categories[i] == NULL && b->categories[i] == NULL &&
	    a->behind_pct == b->behind_pct &&
	    a->so_share_new_min == b->so_share_new_min &&
	    a->so_share_all_min == b->so_share_all_min &&
	    a->intern_daily_max_minutes == b->intern_daily_max_minutes &&
	    a->practicum_target_minutes == b->practicum_target_minutes &&
	    a->certify_host == b->certify_host &&
	    (a->subsidy.name == NULL) == (b->subsidy.name == NULL);
}

static struct ws_policy *
pfile(const char *rel)
{
	char *err = NULL, *path;
	struct ws_policy *p;
	FILE *fp;

	/* __FILE__ is tests/unit/test-yaml.c relative to the top folder */
	path = ws_asprintf("%.*s%s", (int)(strlen(__FILE__) -
	    strlen("tests/unit/test-yaml.c")), __FILE__, rel);
	if ((fp = fopen(path, "r")) == NULL) {
		printf("# cannot open %s\n", path);
		free(path);
		return NULL;
	}
	p = ws_policy_parse(fp, path, &err);
	fclose(fp);
	if (p == NULL)
		printf("# %s\n", err);
	free(err);
	free(path);
	return p;
}

static void
test_policy(void)
{
	struct ws_policy *d, *p;
	char *err = NULL;
	ws_err e = {0};

	d = ws_policy_default();
	CHECK(d->nrules == 3, "defaults: 3 visit rules");
	CHECK(d->nrules == 3 && strcmp(d->rules[0].category,
	    "empty_nest") == 0 && d->rules[0].risk == 2 &&
	    d->rules[0].every_days == 7, "defaults: empty_nest high 7 days");
	CHECK(d->nrules == 3 && strcmp(d->rules[1].category, "elderly") == 0 &&
	    d->rules[1].risk == -1 && d->rules[1].every_days == 30,
	    "defaults: elderly 30 days");
	CHECK(d->nrules == 3 && d->rules[2].category == NULL &&
	    d->rules[2].every_days == 90, "defaults: everyone else 90 days");
	CHECK(d->behind_pct == 8000 && d->so_share_new_min == 3000 &&
	    d->so_share_all_min == 500, "defaults: grants 80, 30, 5");
	CHECK(d->intern_daily_max_minutes == 720 &&
	    d->practicum_target_minutes == 48000 && !d->certify_host,
	    "defaults: interns 12 h, 800 h, supervisor");
	CHECK(d->subsidy.name == NULL && d->subsidy.majors != NULL &&
	    d->subsidy.majors[0] == NULL, "defaults: no subsidy");
	CHECK(ws_policy_has_category(d, "left_behind_child") &&
	    !ws_policy_has_category(d, "veteran"), "defaults: categories");
	CHECK_STR(d->file, "built-in", "defaults: file is built-in");

	p = pfile("examples/policy.yaml");
	CHECK(p != NULL && same_policy(p, d),
	    "examples/policy.yaml equals the built-in defaults");
	ws_policy_free(p);

	p = pfile("examples/policy-foshan-nanhai-2018.yaml");
	CHECK(p != NULL, "Foshan Nanhai policy loads");
	if (p != NULL) {
		struct ws_subsidy *s = &p->subsidy;

		CHECK(s->name != NULL && s->full_time &&
		    s->majors[0] && strcmp(s->majors[0], "social_work") == 0 &&
		    s->majors[1] == NULL, "Nanhai: full-time social_work");
		CHECK(s->hukou_cities[0] &&
		    strcmp(s->hukou_cities[0], "佛山市") == 0,
		    "Nanhai: Foshan hukou");
		CHECK(s->host_kinds[0] && s->host_kinds[1] &&
		    strcmp(s->host_kinds[0], "sw_agency") == 0 &&
		    strcmp(s->host_kinds[1], "social_group") == 0 &&
		    s->host_kinds[2] == NULL, "Nanhai: host kinds");
		CHECK(s->min_months == 2 && s->min_minutes == 350 * 60 &&
		    s->month_min_minutes == 80 * 60,
		    "Nanhai: 2 months or 350 hours");
		CHECK(s->per_month_fen == 60000 && s->cap_fen == 360000,
		    "Nanhai: 600 a month, cap 3600");
		CHECK(strcmp(s->from, "2018-01-01") == 0 &&
		    strcmp(s->claims_close, "2019-01-31") == 0,
		    "Nanhai: dates");
		CHECK(p->nrules == 3 && p->behind_pct == 8000,
		    "Nanhai: other keys keep the defaults");
	}
	ws_policy_free(p);

	p = pload("categories: [veteran]\n"
	    "visits:\n"
	    "  - {category: veteran, risk: medium, every_days: 14}\n"
	    "grants: {behind_percent: 75.5}\n"
	    "interns: {certify: host, daily_max_hours: 10.5}\n", &err);
	CHECK(p != NULL, "custom policy loads");
	if (p != NULL) {
		CHECK(ws_policy_has_category(p, "veteran") &&
		    ws_policy_has_category(p, "elderly"),
		    "custom: categories extend the built-ins");
		CHECK(p->nrules == 1 && p->rules[0].risk == 1 &&
		    p->rules[0].every_days == 14, "custom: visits replaced");
		CHECK(p->behind_pct == 7550 && p->so_share_new_min == 3000,
		    "custom: behind 75.5, others default");
		CHECK(p->certify_host && p->intern_daily_max_minutes == 630,
		    "custom: interns");
	}
	free(err);
	ws_policy_free(p);

	/* issue 15 adds the sections annual_reports and org_growth */
	check_perr("visits:\n  - {every_days: 7}\ncolour: red\n",
	    "p.yaml:3:1: colour: unknown key (expected one of: categories, "
	    "visits, grants, interns, annual_reports, org_growth, volunteers, "
	    "workforce)",
	    "policy: unknown top-level key");
	check_perr("grants:\n  behind: 80\n", "p.yaml:2:3: grants.behind: "
	    "unknown key", "policy: unknown nested key");
	check_perr("grants: 80\n", "p.yaml:1:9: grants: wrong type: a single "
	    "value (expected a mapping)", "policy: wrong type");
	check_perr("visits:\n  - {category: pets, every_days: 7}\n",
	    "p.yaml:2:16: visits[1].category: 'pets': unknown category",
	    "policy: unknown category in a rule");
	check_perr("visits:\n  - {risk: severe, every_days: 7}\n",
	    "p.yaml:2:12: visits[1].risk: 'severe': unknown risk (expected "
	    "one of: low, medium, high)", "policy: unknown risk");
	check_perr("visits:\n  - {risk: high}\n", "visits[1].every_days: "
	    "missing", "policy: rule without every_days");
	check_perr("visits:\n  - {every_days: 0}\n", "p.yaml:2:18: "
	    "visits[1].every_days: '0'", "policy: every_days 0");
	check_perr("grants:\n  behind_percent: 120\n", "p.yaml:2:19: "
	    "grants.behind_percent: '120': out of range",
	    "policy: percentage over 100");
	check_perr("interns:\n  certify: anyone\n", "interns.certify: "
	    "'anyone': unknown certifier (expected one of: supervisor, host)",
	    "policy: certify word");
	check_perr("interns:\n  subsidy: {name: x, per_month: 600, cap: 3600,"
	    " from: 2018-01-01}\n", "interns.subsidy.claims_close: missing",
	    "policy: subsidy without claims_close");
	check_perr("interns:\n  subsidy: {name: x, per_month: 600.001, "
	    "cap: 3600, from: 2018-01-01, claims_close: 2019-01-31}\n",
	    "interns.subsidy.per_month: '600.001'", "policy: bad money");
	check_perr("interns:\n  subsidy: {name: x, per_month: 600, cap: 3600,"
	    " from: 2018-02-30, claims_close: 2019-01-31}\n",
	    "interns.subsidy.from: '2018-02-30'", "policy: bad date");
	check_perr("interns:\n  subsidy: {name: x, per_month: 600, cap: 3600,"
	    " from: 2018-01-01, claims_close: 2019-01-31, host_kinds: [bar]}"
	    "\n", "interns.subsidy.host_kinds: 'bar': unknown organisation "
	    "kind", "policy: bad host kind");
	check_perr("interns:\n  subsidy: {name: x, per_month: 600, cap: 3600,"
	    " from: 2018-01-01, claims_close: 2019-01-31, full_time: yes}\n",
	    "interns.subsidy.full_time: 'yes': not a yes/no value",
	    "policy: bad boolean");
	check_perr("categories: [Bad-Word]\n", "p.yaml:1:14: categories: "
	    "'Bad-Word': not a category name", "policy: bad category word");
	check_perr("a: &x 1\n", "p.yaml:1:4: anchor", "policy: YAML errors "
	    "pass through");
	check_perr("- 1\n", "p.yaml:1:1: policy: wrong type: a list",
	    "policy: top level must be a mapping");

	/* No file anywhere: the defaults. */
	setenv("XDG_CONFIG_HOME", "/nonexistent-wushe-test", 1);
	unsetenv("WUSHE_POLICY");
	p = ws_policy_load(NULL, &e);
	CHECK(p != NULL && same_policy(p, d) &&
	    strcmp(p->file, "built-in") == 0,
	    "ws_policy_load: no file gives the defaults");
	ws_policy_free(p);
	ws_policy_free(d);
}

/*
 * Run ws_policy_load(opt) in a child with stderr to a file; returns its
 * exit status (0 when it loaded) and the first line of stderr in msg.
 * When it loads, the child exits 100 + the policy's first visit rule's
 * every_days modulo 100, so the caller can tell which file was read.
 */
static int
child_load(const char *opt, char *msg, size_t len)
{
	char path[] = "/tmp/test-yaml-XXXXXX";
	struct ws_policy *p;
	ws_err e = {0};
	FILE *fp;
	pid_t pid;
	int fd, st;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, 2);
		if ((p = ws_policy_load(opt, &e)) == NULL)
			ws_err_die(&e);
		st = 100 + (p->nrules ? p->rules[0].every_days % 100 : 0);
		ws_policy_free(p);
		_exit(st);
	}
	waitpid(pid, &st, 0);
	close(fd);
	msg[0] = '\0';
	if ((fp = fopen(path, "r")) != NULL) {
		if (fgets(msg, (int)len, fp) != NULL)
			msg[strcspn(msg, "\n")] = '\0';
		fclose(fp);
	}
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void
test_policy_load(void)
{
	char dir[] = "/tmp/test-yaml-dir-XXXXXX", msg[512], *f, *g, *x;
	int rc;

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		return;
	}
	f = ws_asprintf("%s/bad.yaml", dir);
	g = ws_asprintf("%s/good.yaml", dir);
	x = ws_asprintf("%s/wushe", dir);
	write_file(f, "visits:\n  - {every_days: 7, colour: red}\n");
	write_file(g, "visits: [{every_days: 11}]\n");
	setenv("XDG_CONFIG_HOME", dir, 1);
	unsetenv("WUSHE_POLICY");

	rc = child_load(NULL, msg, sizeof msg);
	CHECK(rc == 100 + 7, "load: no policy file gives the defaults");

	rc = child_load(g, msg, sizeof msg);
	CHECK(rc == 100 + 11, "load: --policy file is read");

	setenv("WUSHE_POLICY", f, 1);
	rc = child_load(NULL, msg, sizeof msg);
	CHECK(rc == 65, "load: a bad WUSHE_POLICY exits 65");
	{
		char *want = ws_asprintf("test-yaml: %s:2:21: visits[1].colour: "
		    "unknown key (expected one of: category, risk, "
		    "every_days)", f);

		CHECK_STR(msg, want, "load: message names file:line:col: key");
		free(want);
	}
	rc = child_load(g, msg, sizeof msg);
	CHECK(rc == 100 + 11, "load: --policy wins over WUSHE_POLICY");

	setenv("WUSHE_POLICY", "/nonexistent/policy.yaml", 1);
	rc = child_load(NULL, msg, sizeof msg);
	CHECK(rc == 66 && strstr(msg, "/nonexistent/policy.yaml") != NULL,
	    "load: a missing WUSHE_POLICY exits 66");
	unsetenv("WUSHE_POLICY");

	rc = child_load(dir, msg, sizeof msg);
	CHECK(rc == 66 && strstr(msg, "is a folder") != NULL,
	    "load: a folder exits 66");

	mkdir(x, 0700);
	free(x);
	x = ws_asprintf("%s/wushe/policy.yaml", dir);
	write_file(x, "visits: [{every_days: 23}]\n");
	rc = child_load(NULL, msg, sizeof msg);
	CHECK(rc == 100 + 23, "load: XDG_CONFIG_HOME/wushe/policy.yaml");
	unlink(x);
	unlink(f);
	unlink(g);
	free(x);
	x = ws_asprintf("%s/wushe", dir);
	rmdir(x);
	rmdir(dir);
	free(f);
	free(g);
	free(x);
}

/* ---- typed getters */

/* Run getter g on the value of key "k" in text; returns its result, and
 * the message of its problem (or NULL) in msg. */
enum gkind { G_STR, G_CODE, G_DATE, G_MONEY, G_INT, G_HOURS, G_PCT,
    G_WORD, G_BOOL, G_WORDS };

static const char *const colours[] = { "red", "green", "blue", NULL };

static int
getter(enum gkind g, const char *text, char **msg, int64_t *iv,
    char **sv)
{
	ws_ycheck c = { "g.yaml", 0, 0, NULL };
	char *err = NULL, date[11], **words = NULL;
	const char *s = NULL;
	ws_ynode *root = yload(text, strlen(text), &err), *v;
	int r = -1, b = 0, idx = 0;

	*msg = NULL;
	*iv = 0;
	*sv = NULL;
	if (root == NULL) {
		*msg = err;
		return -2;
	}
	v = ws_ymap_get(root, "k");
	switch (g) {
	case G_STR:
		r = (s = ws_yget_str(&c, v, "k")) == NULL ? -1 : 0;
		break;
	case G_CODE:
		r = ws_yget_code(&c, v, "k", &s);
		break;
	case G_DATE:
		if ((r = ws_yget_date(&c, v, "k", date)) == 0)
			s = date;
		break;
	case G_MONEY:
		r = ws_yget_money(&c, v, "k", iv);
		break;
	case G_INT:
		r = ws_yget_int(&c, v, "k", 1, 10, iv);
		break;
	case G_HOURS:
		r = ws_yget_hours(&c, v, "k", 60, 24 * 60, iv);
		break;
	case G_PCT:
		r = ws_yget_pct(&c, v, "k", iv);
		break;
	case G_WORD:
		r = ws_yget_word(&c, v, "k", colours, "colour", &idx);
		*iv = idx;
		break;
	case G_BOOL:
		r = ws_yget_bool(&c, v, "k", &b);
		*iv = b;
		break;
	case G_WORDS:
		if ((r = ws_yget_words(&c, v, "k", colours, "colour",
		    &words)) == 0) {
			ws_buf j = {0};
			size_t i;

			for (i = 0; words[i] != NULL; i++)
				ws_buf_printf(&j, "%s%s", i ? "," : "",
				    words[i]);
			*sv = ws_strdup(ws_buf_str(&j));
			ws_buf_free(&j);
		}
		ws_ywords_free(words);
		break;
	}
	if (s != NULL)
		*sv = ws_strdup(s);
	CHECK((r == -1) == (c.msg != NULL) && c.nerr == (r == -1),
	    "getter: a problem is kept once it is reported");
	*msg = c.msg;
	ws_yaml_free(root);
	return r;
}

/* The getter accepts text, giving the integer want_i or the text want_s. */
static void
good(enum gkind g, const char *text, int64_t want_i, const char *want_s,
    const char *what)
{
	char *msg, *sv;
	int64_t iv;
	int r = getter(g, text, &msg, &iv, &sv);

	CHECK(r == 0 && msg == NULL && iv == want_i &&
	    ((sv == NULL && want_s == NULL) || (sv && want_s &&
	    strcmp(sv, want_s) == 0)), what);
	if (r != 0 || msg != NULL)
		printf("#   got '%s'\n", msg ? msg : "(no message)");
	free(msg);
	free(sv);
}

/* The getter refuses text with exactly this message. */
static void
bad(enum gkind g, const char *text, const char *want, const char *what)
{
	char *msg, *sv;
	int64_t iv;
	int r = getter(g, text, &msg, &iv, &sv);

	CHECK(r == -1, what);
	CHECK_STR(msg, want, what);
	free(msg);
	free(sv);
}

static void
test_getters(void)
{
	good(G_STR, "k: 青华\n", 0, "青华", "str: text");
	bad(G_STR, "k: [a]\n", "g.yaml:1:4: k: wrong type: a list (expected "
	    "a single value)", "str: a list refused");
	bad(G_STR, "a: 1\nk: {x: 1}\n", "g.yaml:2:4: k: wrong type: a "
	    "mapping (expected a single value)", "str: a mapping refused");

	good(G_CODE, "k: QH-01\n", 0, "QH-01", "code: good");
	bad(G_CODE, "k: 'a b'\n", "g.yaml:1:4: k: 'a b': not a code "
	    "(expected letters, digits, '_', '.' or '-')",
	    "code: a space refused");

	good(G_DATE, "k: 2019-06-30\n", 0, "2019-06-30", "date: good");
	bad(G_DATE, "k: 2019-02-29\n", "g.yaml:1:4: k: '2019-02-29': no such "
	    "day (February has 28 days in that year)",
	    "date: 29 Feb 2019 refused");

	good(G_MONEY, "k: 1234.5\n", 123450, NULL, "money: yuan to fen");
	bad(G_MONEY, "k: 12.345\n", "g.yaml:1:4: k: '12.345': too many "
	    "decimals (expected yuan with at most two decimals, like 1234.56)",
	    "money: three decimals refused");
	bad(G_MONEY, "k: -5\n", "g.yaml:1:4: k: '-5': negative amount "
	    "(expected 0 or more yuan)", "money: negative refused");

	good(G_INT, "k: 7\n", 7, NULL, "int: in range");
	bad(G_INT, "k: 11\n", "g.yaml:1:4: k: '11': out of range (expected "
	    "1 to 10)", "int: over the range refused");

	good(G_HOURS, "k: 7.5\n", 450, NULL, "hours: to minutes");
	bad(G_HOURS, "k: 25\n", "g.yaml:1:4: k: '25': out of range "
	    "(expected 1 to 24 hours)", "hours: over the range refused");
	bad(G_HOURS, "k: 7.33\n", "g.yaml:1:4: k: '7.33': not a whole "
	    "number of minutes (expected hours like 7.5 or 7.25, or give "
	    "minutes)",
	    "hours: a fraction of a minute refused");

	good(G_PCT, "k: 12.5\n", 1250, NULL, "pct: x100");
	bad(G_PCT, "k: 101\n", "g.yaml:1:4: k: '101': out of range "
	    "(expected a percentage from 0 to 100)", "pct: over 100 refused");

	good(G_WORD, "k: blue\n", 2, NULL, "word: its index");
	bad(G_WORD, "k: pink\n", "g.yaml:1:4: k: 'pink': unknown colour "
	    "(expected one of: red, green, blue)", "word: unknown refused");

	good(G_BOOL, "k: true\n", 1, NULL, "bool: true");
	good(G_BOOL, "k: false\n", 0, NULL, "bool: false");
	bad(G_BOOL, "k: yes\n", "g.yaml:1:4: k: 'yes': not a yes/no value "
	    "(expected true or false)", "bool: yes refused in YAML");

	good(G_WORDS, "k: [red, blue]\n", 0, "red,blue", "words: a list");
	good(G_WORDS, "k: ~\n", 0, "", "words: null is the empty list");
	bad(G_WORDS, "k: red\n", "g.yaml:1:4: k: wrong type: a single value "
	    "(expected a list)", "words: a single value refused");
	bad(G_WORDS, "k:\n  - red\n  - mauve\n", "g.yaml:3:5: k: 'mauve': "
	    "unknown colour (expected one of: red, green, blue)",
	    "words: an unknown word refused at its position");
}

/* Both ways of keeping problems: warn counts every one, else the first. */
static void
test_ycheck(void)
{
	static const char *const allowed[] = { "a", "b", NULL };
	char *err = NULL;
	ws_ynode *root = yload("a: 1\nx: 2\ny: 3\n", 15, &err);
	ws_ycheck keep = { "f.yaml", 0, 0, NULL };
	ws_ycheck warn = { "f.yaml", 1, 0, NULL };
	FILE *save = stderr, *null = fopen("/dev/null", "w");

	CHECK(root != NULL, "ycheck: loads");
	if (root == NULL)
		return;
	CHECK(ws_ykeys(&keep, root, "top", allowed) == -1 && keep.nerr == 1,
	    "ycheck: the first unknown key stops");
	CHECK_STR(keep.msg, "f.yaml:2:1: top.x: unknown key (expected one "
	    "of: a, b)", "ycheck: path.key named at the key");
	stderr = null;
	CHECK(ws_ykeys(&warn, root, "", allowed) == -1 && warn.nerr == 2 &&
	    warn.msg == NULL, "ycheck: warn reports every unknown key");
	stderr = save;
	fclose(null);
	CHECK(ws_yproblem(&keep, 9, 9, "z", "later") == -1 && keep.nerr == 2,
	    "ycheck: later problems counted");
	CHECK(strstr(keep.msg, "top.x") != NULL, "ycheck: the first is kept");
	free(keep.msg);
	ws_yaml_free(root);
}

static void
test_parse_bool(void)
{
	static const char *const yes[] = { "true", "yes", "1", NULL };
	static const char *const no[] = { "false", "no", "0", NULL };
	int i, v;

	for (i = 0; yes[i] != NULL; i++) {
		v = -1;
		CHECK(ws_parse_bool(yes[i], 0, &v) == NULL && v == 1, yes[i]);
		v = -1;
		CHECK(ws_parse_bool(no[i], 0, &v) == NULL && v == 0, no[i]);
	}
	CHECK(ws_parse_bool("true", 1, &v) == NULL && v == 1,
	    "bool yaml: true");
	CHECK(ws_parse_bool("false", 1, &v) == NULL && v == 0,
	    "bool yaml: false");
	v = 7;
	CHECK_STR(ws_parse_bool("yes", 1, &v), "not a yes/no value (expected "
	    "true or false)", "bool yaml: yes refused");
	CHECK(v == 7, "bool: untouched on error");
	CHECK_STR(ws_parse_bool("0", 1, NULL), "not a yes/no value (expected "
	    "true or false)", "bool yaml: 0 refused");
	CHECK_STR(ws_parse_bool("maybe", 0, &v), "not yes or no (expected "
	    "yes, no, true, false, 1 or 0)", "bool: maybe refused");
	CHECK(ws_parse_bool("True", 0, &v) != NULL, "bool: case matters");
	CHECK(ws_parse_bool("", 0, &v) != NULL, "bool: empty refused");
	CHECK(ws_parse_bool("1", 0, NULL) == NULL, "bool: v may be NULL");
}

/* ---- the item reader */

/* A read handler over a string, fed at most chunk bytes a call; fed
 * counts the bytes given so far. */
struct src {
	const char *s;
	size_t len, at, chunk, fed;
};

static int
src_read(void *arg, unsigned char *buf, size_t size, size_t *got)
{
	struct src *r = arg;
	size_t n = r->len - r->at;

	if (n > size)
		n = size;
	if (n > r->chunk)
		n = r->chunk;
	memcpy(buf, r->s + r->at, n);
	r->at += n;
	r->fed += n;
	*got = n;
	return 1;
}

static const struct ws_ylimits rec_lim = { 1, 0, 0, 0, WS_Y_MAP };

/* Read text's items; returns the fault kind (WS_YF_NONE at a clean end)
 * and the number of items in *n, the fault's position in *line, *col. */
static enum ws_yfkind
items(const char *text, const struct ws_ylimits *lim, size_t *n,
    long *line, long *col)
{
	struct src r = { text, strlen(text), 0, 7, 0 };
	ws_yitems *y = ws_yitems_open(src_read, &r, lim);
	ws_ynode *it;
	enum ws_yfkind k;
	int got;

	*n = 0;
	while ((got = ws_yitems_next(y, &it)) == 1) {
		(*n)++;
		ws_yaml_free(it);
	}
	CHECK(ws_yitems_next(y, &it) == got && it == NULL,
	    "items: the end is the end");
	k = ws_yitems_fault(y)->kind;
	*line = ws_yitems_fault(y)->line;
	*col = ws_yitems_fault(y)->col;
	CHECK((got == -1) == (k != WS_YF_NONE), "items: -1 has a fault");
	ws_yitems_free(y);
	return k;
}

static void
test_items(void)
{
	static const char doc[] =
	    "# records\n"
	    "- id: 1\n"
	    "  note: 社工\n"
	    "\n"
	    "- {id: 2, note: ~}\n";
	struct src r = { doc, sizeof doc - 1, 0, 3, 0 };
	ws_yitems *y = ws_yitems_open(src_read, &r, &rec_lim);
	ws_ynode *it = NULL;
	struct ws_ylimits deep = { 3, 0, 0, 1, -1 };
	ws_buf b = {0};
	size_t n, i;
	long l, c;

	CHECK(ws_yitems_next(y, &it) == 1 && it != NULL &&
	    it->type == WS_Y_MAP && it->n == 2, "items: first record");
	CHECK(it && it->line == 2 && it->col == 3, "items: its position 2:3");
	CHECK(it && it->n == 2 && it->klines[1] == 3 && it->kcols[1] == 3 &&
	    it->vals[1]->line == 3 && it->vals[1]->col == 9,
	    "items: key and value positions");
	CHECK_STR(it && it->n == 2 ? it->vals[1]->val : NULL, "社工",
	    "items: CJK value");
	ws_yaml_free(it);
	CHECK(ws_yitems_next(y, &it) == 1 && it->line == 5 && it->col == 3 &&
	    ws_ynull(ws_ymap_get(it, "note")), "items: flow record, null");
	ws_yaml_free(it);
	CHECK(ws_yitems_next(y, &it) == 0 && it == NULL, "items: end");
	ws_yitems_free(y);

	CHECK(items("", &rec_lim, &n, &l, &c) == WS_YF_NONE && n == 0,
	    "items: empty input");
	CHECK(items("# only\n", &rec_lim, &n, &l, &c) == WS_YF_NONE && n == 0,
	    "items: comments only");
	CHECK(items("~\n", &rec_lim, &n, &l, &c) == WS_YF_NONE && n == 0,
	    "items: a null document");
	CHECK(items("[]\n", &rec_lim, &n, &l, &c) == WS_YF_NONE && n == 0,
	    "items: an empty sequence");
	CHECK(items("a: 1\n", &rec_lim, &n, &l, &c) == WS_YF_NOTSEQ &&
	    l == 1 && c == 1, "items: a mapping is not a sequence");
	CHECK(items("- a: 1\n- 2\n", &rec_lim, &n, &l, &c) == WS_YF_ITEM &&
	    n == 1 && l == 2 && c == 3, "items: a scalar item refused");
	CHECK(items("- a: 1\n- b: *x\n", &rec_lim, &n, &l, &c) ==
	    WS_YF_ALIAS && n == 1 && l == 2 && c == 6,
	    "items: an alias refused at its position");
	CHECK(items("- &x {a: 1}\n- *x\n", &rec_lim, &n, &l, &c) ==
	    WS_YF_ANCHOR && n == 0 && l == 1 && c == 3,
	    "items: an anchor refused before the item is built");
	CHECK(items("- a: [1]\n", &rec_lim, &n, &l, &c) == WS_YF_DEEP &&
	    l == 1 && c == 6, "items: nesting over the limit refused");
	CHECK(items("- ? [a]\n  : 1\n", &rec_lim, &n, &l, &c) == WS_YF_KEY,
	    "items: a list as a key refused");
	CHECK(items("- a: 1\n---\n- a: 2\n", &rec_lim, &n, &l, &c) ==
	    WS_YF_DOCS && n == 1 && l == 2, "items: a second document");
	CHECK(items("- a: \"x\n", &rec_lim, &n, &l, &c) == WS_YF_SYNTAX &&
	    l == 2 && c == 1, "items: a syntax error");
	CHECK(items("- a: 1\n  a: 2\n", &rec_lim, &n, &l, &c) == WS_YF_NONE &&
	    n == 1, "items: duplicate keys allowed when not refused");
	CHECK(items("- a: 1\n  a: 2\n", &deep, &n, &l, &c) == WS_YF_DUPKEY &&
	    l == 2 && c == 3, "items: duplicate keys refused when asked");
	CHECK(items("- [[[1]]]\n", &deep, &n, &l, &c) == WS_YF_NONE && n == 1,
	    "items: depth 3 within a limit of 3");
	CHECK(items("- [[[[1]]]]\n", &deep, &n, &l, &c) == WS_YF_DEEP &&
	    l == 1 && c == 6, "items: depth 4 over a limit of 3");

	/* A deep bomb is refused at the limit, not a stack overflow. */
	ws_buf_adds(&b, "- ");
	for (i = 0; i < 100000; i++)
		ws_buf_addc(&b, '[');
	ws_buf_addc(&b, '\n');
	deep.maxdepth = 0;	/* 64 */
	CHECK(items(ws_buf_str(&b), &deep, &n, &l, &c) == WS_YF_DEEP &&
	    n == 0 && l == 1 && c == 67, "items: 100,000 deep refused at 65");

	/* Memory follows the record, not the document: 20,000 records are
	 * read while the bytes fed stay within a buffer of the item
	 * returned. */
	ws_buf_reset(&b);
	for (i = 0; i < 20000; i++)
		ws_buf_printf(&b, "- {id: %zu, note: some text to read}\n", i);
	r.s = ws_buf_str(&b);
	r.len = b.len;
	r.at = r.fed = 0;
	r.chunk = 1 << 20;
	y = ws_yitems_open(src_read, &r, &rec_lim);
	for (i = 0, l = 1; ws_yitems_next(y, &it) == 1; i++) {
		if (r.fed > (i + 1) * 40 + 65536)
			l = 0;
		ws_yaml_free(it);
	}
	CHECK(i == 20000 && l == 1, "items: read as they come, not first "
	    "the whole document");
	ws_yitems_free(y);
	ws_buf_free(&b);
}

/* The workforce section (issue 17): defaults, examples/policy.yaml and the
 * Fujian preset. */
static void
test_workforce_policy(void)
{
	struct ws_policy *d = ws_policy_default(), *p;
	const struct ws_wf_policy *w = &d->workforce;

	CHECK(w->counted != NULL && w->counted[0] && w->counted[1] &&
	    w->counted[2] && !w->counted[3] &&
	    strcmp(w->counted[0], "assistant") == 0 &&
	    strcmp(w->counted[2], "senior") == 0,
	    "defaults: the qualified ones count");
	CHECK(w->youth_workers.n == 0 && w->training_bases.n == 0 &&
	    w->demonstration_units.n == 0 && w->name == NULL,
	    "defaults: no targets");
	p = pfile("examples/policy.yaml");
	CHECK(p != NULL && p->workforce.youth_workers.n == 0 &&
	    p->workforce.counted[2] != NULL && p->workforce.counted[3] == NULL,
	    "examples/policy.yaml: the defaults");
	ws_policy_free(p);
	p = pfile("examples/policy-fujian-youth-2018.yaml");
	w = p ? &p->workforce : NULL;
	CHECK(w != NULL && w->youth_workers.n == 2 &&
	    strcmp(w->youth_workers.m[0].date, "2020-12-31") == 0 &&
	    w->youth_workers.m[0].target == 6500 &&
	    strcmp(w->youth_workers.m[1].date, "2025-12-31") == 0 &&
	    w->youth_workers.m[1].target == 10000,
	    "Fujian: 6500 by 2020, 10000 by 2025");
	CHECK(w != NULL && w->training_bases.n == 1 &&
	    w->training_bases.m[0].target == 2 &&
	    w->demonstration_units.n == 1 &&
	    w->demonstration_units.m[0].target == 5,
	    "Fujian: 2 training bases, 5 demonstration units by 2020");
	CHECK(w != NULL && w->name != NULL && strstr(w->name,
	    "福建省中长期青年发展规划") != NULL, "Fujian: the plan named");
	/* the policy's own targets on the report's date */
	CHECK(w != NULL && ws_wf_target(&w->youth_workers, "2023-06-30",
	    NULL, NULL) == 8246, "Fujian on 2023-06-30: 8246");
	ws_policy_free(p);
	ws_policy_free(d);
}

int
main(int argc, char *argv[])
{
	ws_init(argv[0]);
	test_tree();
	test_errors();
	test_policy();
	test_workforce_policy();
	test_policy_load();
	test_getters();
	test_ycheck();
	test_parse_bool();
	test_items();
	return DONE();
}
