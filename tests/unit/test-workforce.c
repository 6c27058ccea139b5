/* test-workforce.c - unit tests for lib/workforce.c (TAP): the target of
 * a date between milestones, worked by hand, and the workforce section
 * of the policy (defaults, the Fujian preset) */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "unit.h"

static void
test_target(void)
{
	struct ws_milestone m[3] = {
		{ "2020-12-31", 6500 }, { "2025-12-31", 10000 },
		{ "2030-12-31", 9000 } };
	struct ws_milestones ms = { m, 2 }, none = { NULL, 0 };
	const struct ws_milestone *a, *b;

	CHECK(ws_wf_target(&none, "2023-06-30", &a, &b) == -1 && a == NULL &&
	    b == NULL, "no milestones: no target");
	/* before the first: the first's, with next the first */
	CHECK(ws_wf_target(&ms, "2019-06-15", &a, &b) == 6500 && a == NULL &&
	    b == &m[0], "before the first milestone: its target");
	CHECK(ws_wf_target(&ms, "2020-12-31", &a, &b) == 6500 && a == &m[0] &&
	    b == &m[1], "on the first milestone: its target");
	/* 2021-01-01: 6500 + 3500 x 1 / 1826 = 6501.9 -> 6502 */
	CHECK(ws_wf_target(&ms, "2021-01-01", NULL, NULL) == 6502,
	    "the day after: 6502");
	/* 2023-06-30: 911 of 1826 days: 6500 + 1746.1 -> 8246 */
	CHECK(ws_wf_target(&ms, "2023-06-30", &a, &b) == 8246 && a == &m[0] &&
	    b == &m[1], "2023-06-30: 8246");
	/* 2023-07-01: 912 days: 6500 + 1748.08 -> 8248 */
	CHECK(ws_wf_target(&ms, "2023-07-01", NULL, NULL) == 8248,
	    "2023-07-01: 8248");
	/* 2025-12-30: 1825 days: 6500 + 3498.08 -> 9998 */
	CHECK(ws_wf_target(&ms, "2025-12-30", NULL, NULL) == 9998,
	    "the day before the second: 9998");
	CHECK(ws_wf_target(&ms, "2025-12-31", &a, &b) == 10000 &&
	    a == &m[1] && b == NULL, "on the last milestone: its target");
	CHECK(ws_wf_target(&ms, "2031-01-01", NULL, NULL) == 10000,
	    "after the last: the last's");
	/* halves round up: 0 to 1 over 2 days, on day 1: 0.5 -> 1 */
	{
		struct ws_milestone h[2] = { { "2020-01-01", 0 },
		    { "2020-01-03", 1 } };
		struct ws_milestones hs = { h, 2 };

		CHECK(ws_wf_target(&hs, "2020-01-02", NULL, NULL) == 1,
		    "a half rounds up");
	}
	/* a falling target: 10000 to 9000 over 1826 days (2028 is a leap
	 * year); 2028-07-01 is day 365 + 365 + 182 + 1 = 913 after
	 * 2025-12-31: 10000 - 1000 x 913 / 1826 = 10000 - 500 = 9500 */
	ms.n = 3;
	CHECK(ws_wf_target(&ms, "2028-07-01", NULL, NULL) == 9500,
	    "a falling line: 9500 halfway");
}

static struct ws_policy *
pfile(const char *rel)
{
	struct ws_policy *p;
	char *path, *err = NULL;
	FILE *fp;

	path = ws_asprintf("%.*s%s", (int)(strlen(__FILE__) -
	    strlen("tests/unit/test-workforce.c")), __FILE__, rel);
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
main(void)
{
	test_target();
	test_policy();
	return DONE();
}
