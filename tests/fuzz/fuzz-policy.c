/* fuzz-policy.c - libFuzzer target: ws_policy_parse, the policy file
 * reader (lib/policy.c; ws_policy_load is it plus finding the file). */
#include "fuzz.h"

FUZZ_INIT("fuzz-policy")

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fuzz_fopen(data, size);
	struct ws_policy *p;
	const struct ws_subsidy *s;
	char *err = NULL;
	size_t i;

	p = ws_policy_parse(fp, "<fuzz>", &err);
	fclose(fp);
	if (p == NULL) {
		FUZZ_ASSERT(err != NULL && strncmp(err, "<fuzz>:", 7) == 0);
		free(err);
		return 0;
	}
	FUZZ_ASSERT(p->categories != NULL);
	for (i = 0; p->categories[i] != NULL; i++)
		FUZZ_ASSERT(ws_policy_has_category(p, p->categories[i]));
	FUZZ_ASSERT(!ws_policy_has_category(p, "\x01no such category"));
	for (i = 0; i < p->nrules; i++) {
		FUZZ_ASSERT(p->rules[i].risk >= -1 && p->rules[i].risk <= 2);
		FUZZ_ASSERT(p->rules[i].every_days > 0);
		FUZZ_ASSERT(p->rules[i].category == NULL ||
		    ws_policy_has_category(p, p->rules[i].category));
	}
	s = &p->subsidy;
	FUZZ_ASSERT(s->majors != NULL && s->hukou_cities != NULL &&
	    s->host_kinds != NULL);
	FUZZ_ASSERT(s->from[0] == '\0' || ws_check_date(s->from) == NULL);
	FUZZ_ASSERT(s->claims_close[0] == '\0' ||
	    ws_check_date(s->claims_close) == NULL);
	FUZZ_ASSERT(p->intern_daily_max_minutes >= 0 &&
	    p->practicum_target_minutes >= 0);
	ws_policy_free(p);
	return 0;
}
