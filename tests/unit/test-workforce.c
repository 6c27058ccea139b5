/* test-workforce.c - unit tests for lib/workforce.c (TAP): the target of
 * a date between milestones, worked by hand (the policy's workforce
 * section is tested in test-yaml.c, with the other policy files) */

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

int
main(void)
{
	test_target();
	return DONE();
}
