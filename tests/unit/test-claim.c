/*
 * test-claim.c - the intern subsidy's two invariants (issue 13), as a
 * property over many generated policies and interns.
 *
 * For every policy the loader accepts (ws_policy_parse, with its checks)
 * and every intern: an eligible intern is paid at least min_months x
 * per_month; an intern who is paid anything is eligible.  Eligibility is
 * the threshold of claim.c: at least min_months counted months (each
 * with month_min_hours) or min_hours counted hours.  The pay is
 * ws_claim_months x per_month, capped.  Policies the loader refuses are
 * counted too: some must be refused (a missing month_min_hours, a cap
 * under the threshold's months), or the checks do nothing.
 */
#include <stdlib.h>

#include "wushe.h"
#include "unit.h"

static unsigned long seed = 13;

static long
rnd(long n)			/* 0 .. n-1, the same run every time */
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (long)((seed >> 33) % (unsigned long)n);
}

/* A policy from its four numbers; NULL when the loader refuses it. */
static struct ws_policy *
policy(long mm, long mh, long mmh, long per, long cap)
{
	char *err = NULL, buf[1024];
	struct ws_policy *p;
	FILE *fp;
	int n;

	n = snprintf(buf, sizeof buf, "interns:\n  subsidy:\n"
	    "    name: generated\n    min_months: %ld\n    min_hours: %ld\n"
	    "%s    per_month: %ld\n    cap: %ld\n    from: 2018-01-01\n"
	    "    claims_close: 2019-01-31\n", mm, mh, "", per, cap);
	if (mmh >= 0) {
		n = snprintf(buf, sizeof buf, "interns:\n  subsidy:\n"
		    "    name: generated\n    min_months: %ld\n"
		    "    min_hours: %ld\n    month_min_hours: %ld\n"
		    "    per_month: %ld\n    cap: %ld\n    from: 2018-01-01\n"
		    "    claims_close: 2019-01-31\n", mm, mh, mmh, per, cap);
	}
	fp = fmemopen(buf, (size_t)n, "r");
	p = ws_policy_parse(fp, "generated", &err);
	fclose(fp);
	free(err);
	return p;
}

int
main(void)
{
	long np = 0, refused = 0, ni = 0, bad1 = 0, bad2 = 0, paid_some = 0;
	int i, j;

	for (i = 0; i < 400; i++) {
		long mm = rnd(5), mh = rnd(4) == 0 ? 0 : 50 + rnd(600);
		long mmh = rnd(6) == 0 ? -1 : rnd(3) == 0 ? 0 : 1 + rnd(200);
		long per = 100 + rnd(900), cap = rnd(4) == 0 ? 0 :
		    per * (1 + rnd(8));
		struct ws_policy *p = policy(mm, mh, mmh, per, cap);
		const struct ws_subsidy *s;

		if (p == NULL) {
			refused++;
			continue;
		}
		np++;
		s = &p->subsidy;
		for (j = 0; j < 250; j++) {
			/* an intern: months counted (each with at least
			 * month_min_hours) and the counted minutes */
			int64_t m = rnd(10), min = m * s->month_min_minutes +
			    rnd(60 * 700);
			int pass_m = s->min_months > 0 && m >= s->min_months;
			int pass_h = s->min_minutes > 0 &&
			    min >= s->min_minutes;
			int elig = pass_m || pass_h ||
			    (s->min_months <= 0 && s->min_minutes <= 0);
			int64_t pay = elig ? ws_claim_months(s, m, min, pass_h) *
			    s->per_month_fen : 0;

			if (s->cap_fen > 0 && pay > s->cap_fen)
				pay = s->cap_fen;
			ni++;
			paid_some += pay > 0;
			if (elig && pay < s->min_months * s->per_month_fen)
				bad1++;
			if (pay > 0 && !elig)
				bad2++;
		}
		ws_policy_free(p);
	}
	printf("# %ld policies loaded, %ld refused, %ld interns, %ld paid\n",
	    np, refused, ni, paid_some);
	CHECK(np > 100 && ni > 25000 && paid_some > 1000,
	    "many policies and interns were generated");
	CHECK(refused > 20, "the loader refuses the policies that break them");
	CHECK(bad1 == 0, "an eligible intern is paid at least min_months x "
	    "per_month");
	CHECK(bad2 == 0, "an intern who is paid anything is eligible");

	/* the rule, by hand: 395 h in months of 79 h (none counted) are 2
	 * months under 2 months or 350 h; 349 h in 2 counted months stay 2;
	 * 350 h in 1 month are 2 */
	{
		struct ws_policy *p = policy(2, 350, 80, 600, 3600);

		CHECK(p != NULL, "the Foshan numbers load");
		if (p != NULL) {
			CHECK(ws_claim_months(&p->subsidy, 0, 395 * 60, 1) == 2,
			    "395 h at 79 h a month: 2 months");
			CHECK(ws_claim_months(&p->subsidy, 2, 349 * 60, 0) == 2,
			    "349 h in 2 months: 2 months");
			CHECK(ws_claim_months(&p->subsidy, 1, 350 * 60, 1) == 2,
			    "350 h in 1 month: 2 months");
			CHECK(ws_claim_months(&p->subsidy, 8, 8 * 100 * 60, 1)
			    == 8, "8 months: 8 (the cap is applied after)");
			ws_policy_free(p);
		}
		CHECK(policy(2, 350, -1, 600, 3600) == NULL,
		    "no month_min_hours with min_months: refused");
		CHECK(policy(2, 350, 0, 600, 3600) == NULL,
		    "month_min_hours 0 with min_months: refused");
		CHECK(policy(2, 350, 80, 600, 1000) == NULL,
		    "a cap under 2 x 600: refused");
	}
	return DONE();
}
