/*
 * filter.c - the values of the list filters of visit-log and
 * activity-log, checked before a query is built: dates, months, words of
 * the vocabularies, case ids.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* A date filter: 0 when s is NULL or a date, else 64 with *e. */
static int
date_ok(const char *field, const char *s, ws_err *e)
{
	const char *m;

	if (s != NULL && (m = ws_check_date(s)) != NULL)
		return ws_err_set(e, EX_USAGE, field, "'%s': %s", s, m);
	return 0;
}

/* The filters every list has: since, until, month. */
static int
period_ok(const char *since, const char *until, const char *month,
    ws_err *e)
{
	const char *m;

	if (date_ok("since", since, e) || date_ok("until", until, e))
		return EX_USAGE;
	if (month != NULL && (m = ws_check_month(month)) != NULL)
		return ws_err_set(e, EX_USAGE, "month", "'%s': %s", month, m);
	return 0;
}

static int
word_ok(const char *field, const char *s, const char *const *words,
    ws_err *e)
{
	char *w;

	if (s == NULL || ws_word_index(s, words) >= 0)
		return 0;
	w = ws_words_join(words);
	ws_err_set(e, EX_USAGE, field, "'%s': unknown (expected one of: %s)",
	    s, w);
	free(w);
	return EX_USAGE;
}

static int
case_ok(const char *s, int64_t *id, ws_err *e)
{
	const char *m;

	if ((m = ws_parse_int(s, 1, INT64_MAX, id)) != NULL)
		return ws_err_set(e, EX_USAGE, "case", "'%s': %s", s, m);
	return 0;
}

int
ws_visit_filter_check(struct ws_visit_filter *f, const char *as_of,
    char *const *cases, size_t n, int64_t **ids, ws_err *e)
{
	size_t i;

	*ids = NULL;
	if (date_ok("since", f->since, e) || date_ok("until", f->until, e) ||
	    date_ok("as-of", as_of, e) || period_ok(NULL, NULL, f->month, e) ||
	    word_ok("kind", f->kind, ws_visit_kinds, e) ||
	    word_ok("status", f->status, ws_visit_statuses, e))
		return EX_USAGE;
	if (n > 0)
		*ids = ws_calloc(n, sizeof **ids);
	for (i = 0; i < n; i++)
		if (case_ok(cases[i], &(*ids)[i], e) != 0) {
			free(*ids);
			*ids = NULL;
			return EX_USAGE;
		}
	f->cases = *ids;
	f->ncases = n;
	return 0;
}

int
ws_activity_filter_check(struct ws_activity_filter *f, const char *case_id,
    ws_err *e)
{
	if (period_ok(f->since, f->until, f->month, e) != 0)
		return EX_USAGE;
	if (f->kind != NULL && ws_word_index(f->kind, ws_activity_kinds) < 0)
		return ws_err_set(e, EX_USAGE, "kind", "'%s': unknown (expected "
		    "group_session or community)", f->kind);
	if (case_id != NULL)
		return case_ok(case_id, &f->case_id, e);
	return 0;
}

int
ws_filter_period(struct ws_period_opt *per, const char **since,
    const char **until, const char *as_of, ws_err *e)
{
	const char *m, *opt = "since";

	if ((*since != NULL && (m = ws_period_opt(per, "since", *since))) ||
	    (opt = "until", *until != NULL &&
	    (m = ws_period_opt(per, "until", *until))) ||
	    (opt = "as-of", as_of != NULL &&
	    (m = ws_period_opt(per, "as-of", as_of))) ||
	    (m = ws_period_opt_end(per, 1, &opt)) != NULL)
		return ws_err_set(e, EX_USAGE, opt, "%s", m);
	*since = per->since[0] != '\0' ? per->since : NULL;
	*until = per->until[0] != '\0' ? per->until : NULL;
	return 0;
}

int
ws_visit_filter_known(sqlite3 *db, const struct ws_visit_filter *f,
    int worker, ws_err *e)
{
	const char *m;

	if (f->community != NULL &&
	    (m = ws_case_check_community(db, f->community)) != NULL)
		return ws_err_set(e, EX_DATAERR, "community", "%s", m);
	if (worker && f->worker != NULL &&
	    (m = ws_case_check_worker(db, f->worker, NULL)) != NULL)
		return ws_err_set(e, EX_DATAERR, "worker", "%s", m);
	return 0;
}
