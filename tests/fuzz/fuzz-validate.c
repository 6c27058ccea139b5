/* fuzz-validate.c - libFuzzer target: every value checker and parser of
 * lib/validate.c (dates, months, times, durations, money, decimals,
 * integers, ID numbers, phones, credit codes, codes, vocabularies, masks),
 * the format words, and grant-report's period options, on the input as a
 * NUL-terminated string; parsed values are written back and read again. */
#include "fuzz.h"

FUZZ_INIT("fuzz-validate")

static const char *const *const vocabs[] = {
	ws_risks, ws_sexes, ws_org_kinds, ws_close_reasons,
	ws_base_categories, ws_visit_kinds, ws_visit_statuses,
	ws_contract_kinds, ws_measures,
};

static int
isdate(const char *d)
{
	return strlen(d) == 10 && ws_check_date(d) == NULL;
}

static void
dates(const char *s, const uint8_t *data, size_t size)
{
	char out[11], since[11], until[11];
	static const char *const opts[] = {
		"month", "quarter", "year", "since", "until"
	};
	long days;
	size_t i;

	days = ws_date_days(s);
	if (ws_check_date(s) == NULL) {
		FUZZ_ASSERT(strlen(s) == 10);
		FUZZ_ASSERT(days != -1);
		ws_days_date(days, out);
		FUZZ_ASSERT(strcmp(out, s) == 0);
		memcpy(out, s, 8);
		out[7] = '\0';
		FUZZ_ASSERT(ws_check_month(out) == NULL);
	} else
		FUZZ_ASSERT(days == -1);
	if (ws_check_month(s) == NULL) {
		snprintf(out, sizeof out, "%.7s-01", s);
		FUZZ_ASSERT(ws_check_date(out) == NULL);
	}
	/* any day number gives a well-formed date string */
	if (size >= sizeof(long)) {
		memcpy(&days, data, sizeof days);
		ws_days_date(days, out);
		FUZZ_ASSERT(strlen(out) == 10 && out[4] == '-' &&
		    out[7] == '-');
		if (days >= ws_date_days("1900-01-01") &&
		    days <= ws_date_days("2999-12-31"))
			FUZZ_ASSERT(ws_date_days(out) == days);
	}
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		memset(since, 0, sizeof since);
		memset(until, 0, sizeof until);
		if (ws_period(opts[i], s, since, until) != NULL)
			continue;
		if (i < 3) {
			FUZZ_ASSERT(isdate(since) && isdate(until));
			FUZZ_ASSERT(strcmp(since, until) <= 0);
		} else
			FUZZ_ASSERT(isdate(i == 3 ? since : until));
	}
}

static void
numbers(const char *s, const uint8_t *data, size_t size)
{
	char buf[32];
	int64_t v, w;
	int min, neg;

	if (ws_check_time(s, 0, &min) == NULL)
		FUZZ_ASSERT(min >= 0 && min < 1440);
	if (ws_check_time(s, 1, &min) == NULL)
		FUZZ_ASSERT(min >= 0 && min <= 1440);
	v = -1;
	if (ws_parse_minutes(s, &v) == NULL) {
		FUZZ_ASSERT(v >= 0);
		FUZZ_ASSERT(ws_parse_minutes(s, NULL) == NULL);
		/* whole minutes are hours / 60 */
		if (v % 60 == 0 && ws_parse_hours(s, &w) == NULL)
			FUZZ_ASSERT(w == v * 60);
	} else
		FUZZ_ASSERT(v == -1 && ws_parse_minutes(s, NULL) != NULL);
	v = -1;
	if (ws_parse_hours(s, &v) == NULL)
		FUZZ_ASSERT(v >= 0 && ws_parse_hours(s, NULL) == NULL);
	else
		FUZZ_ASSERT(v == -1);
	for (neg = 0; neg <= 1; neg++) {
		v = -1;
		if (ws_parse_money(s, neg, &v) != NULL) {
			FUZZ_ASSERT(v == -1);
			continue;
		}
		FUZZ_ASSERT(neg || v >= 0);
		ws_fen_str(v, buf);
		FUZZ_ASSERT(ws_parse_money(buf, 1, &w) == NULL && w == v);
		if (ws_parse_money(s, !neg, &w) == NULL)
			FUZZ_ASSERT(w == v);
	}
	/* any fen amount is written so that it reads back */
	if (size >= sizeof v) {
		memcpy(&v, data, sizeof v);
		ws_fen_str(v, buf);
		FUZZ_ASSERT(strlen(buf) < sizeof buf);
		if (v != INT64_MIN)
			FUZZ_ASSERT(ws_parse_money(buf, 1, &w) == NULL &&
			    w == v);
	}
	if (ws_parse_dec2(s, &v) == NULL)
		FUZZ_ASSERT(v >= 0);
	if (ws_parse_int(s, 0, INT64_MAX, &v) == NULL) {
		FUZZ_ASSERT(v >= 0);
		if (ws_parse_int(s, 1, 1440, &w) == NULL)
			FUZZ_ASSERT(w == v && v >= 1 && v <= 1440);
		else
			FUZZ_ASSERT(v < 1 || v > 1440);
	} else
		FUZZ_ASSERT(ws_parse_int(s, 1, 1440, &w) != NULL);
}

static void
people(const char *s)
{
	char birth[11], sex = 0, *m;
	size_t n;

	memset(birth, 0, sizeof birth);
	if (ws_check_id_number(s, birth, &sex) == NULL) {
		FUZZ_ASSERT(strlen(s) == 18);
		FUZZ_ASSERT(ws_check_date(birth) == NULL);
		FUZZ_ASSERT(sex == 'M' || sex == 'F');
		FUZZ_ASSERT(ws_check_id_number(s, NULL, NULL) == NULL);
	}
	if (ws_check_phone(s) == NULL)
		FUZZ_ASSERT(strlen(s) >= 7);
	if (ws_check_credit_code(s) == NULL)
		FUZZ_ASSERT(strlen(s) == 18);
	if (ws_check_code(s) == NULL)
		FUZZ_ASSERT(strlen(s) >= 1 && strlen(s) <= 32);
	n = strlen(s);
	if ((m = ws_mask(s)) != NULL) {
		if (ws_utf8_valid(s, n)) {
			FUZZ_ASSERT(ws_utf8_valid(m, strlen(m)));
			(void)ws_width(m);
		}
		free(m);
	}
	FUZZ_ASSERT(ws_mask(NULL) == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *m;
	size_t i;
	int k;

	(void)ws_utf8_valid((const char *)data, size);
	if (ws_utf8_valid(s, strlen(s)))
		(void)ws_width(s);
	dates(s, data, size);
	numbers(s, data, size);
	people(s);
	for (i = 0; i < sizeof vocabs / sizeof vocabs[0]; i++) {
		if ((k = ws_word_index(s, vocabs[i])) >= 0)
			FUZZ_ASSERT(strcmp(vocabs[i][k], s) == 0);
		m = ws_words_join(vocabs[i]);
		free(m);
	}
	(void)ws_fmt_parse(s);
	(void)ws_grant_fmt_parse(s);
	free(s);
	return 0;
}
