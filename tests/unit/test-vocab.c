/* test-vocab.c - the vocabulary table (vocab.c) against the schema: every
 * CHECK constraint that lists words ("kind = 'home' OR kind = 'phone' ...",
 * as schema/007 wrote them) lists exactly the words of the vocabulary list
 * named after its table and column, in the same order; the social
 * organisation flag; the unit of each measure; the word arrays. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"
#include "unit.h"

/*
 * Parse the CHECK expression that starts at p (just after "CHECK (") as
 * "col = 'w1' OR col = 'w2' ..." and append "w1 w2 ..." to words and the
 * column to col.  Returns 0 when the expression is of another shape (a
 * number list, a comparison, IS NULL...), 1 when it is a word list.
 */
static int
wordlist(const char *p, char *col, size_t ncol, ws_buf *words)
{
	char c[64];
	size_t n;

	col[0] = '\0';
	ws_buf_reset(words);
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		for (n = 0; (isalnum((unsigned char)*p) || *p == '_') &&
		    n < sizeof c - 1; p++)
			c[n++] = *p;
		c[n] = '\0';
		if (n == 0)
			return 0;
		if (col[0] == '\0')
			snprintf(col, ncol, "%s", c);
		else if (strcmp(col, c) != 0)
			return 0;
		while (isspace((unsigned char)*p))
			p++;
		if (*p++ != '=')
			return 0;
		while (isspace((unsigned char)*p))
			p++;
		if (*p++ != '\'')
			return 0;
		if (words->len > 0)
			ws_buf_addc(words, ' ');
		while (*p != '\0' && *p != '\'')
			ws_buf_addc(words, *p++);
		if (*p++ != '\'')
			return 0;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == ')')
			return 1;
		if (strncmp(p, "OR", 2) != 0 || !isspace((unsigned char)p[2]))
			return 0;
		p += 2;
	}
}

/* The words of vocabulary list, space-separated (allocated). */
static char *
vocab_words(const char *list)
{
	const struct ws_word *w;
	ws_buf b = {0};

	for (w = ws_vocab; w->list != NULL; w++)
		if (strcmp(w->list, list) == 0) {
			if (b.len > 0)
				ws_buf_addc(&b, ' ');
			ws_buf_adds(&b, w->name);
		}
	return b.s;
}

/* The words of a NULL-terminated array, space-separated (allocated). */
static char *
array_words(const char *const *a)
{
	ws_buf b = {0};

	for (; *a != NULL; a++) {
		if (b.len > 0)
			ws_buf_addc(&b, ' ');
		ws_buf_adds(&b, *a);
	}
	return b.s;
}

static void
same_array(const char *list, const char *const *a)
{
	char *v = vocab_words(list), *w = array_words(a);
	char what[96];

	snprintf(what, sizeof what, "the %s array holds the table's words",
	    list);
	CHECK_STR(w, v, what);
	free(v);
	free(w);
}

int
main(void)
{
	char dir[] = "/tmp/test-vocab.XXXXXX", path[64], s[256], col[64];
	char list[160], *v;
	const struct ws_word *w, *u;
	sqlite3 *db;
	sqlite3_stmt *st;
	ws_buf words = {0}, seen = {0};
	const char *sql, *p;
	int nlists = 0, nso = 0, k;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	db = ws_db_open(path, WS_DB_CREATE);

	/* Every CHECK word list of the migrated schema is a vocabulary list,
	 * word for word.  The lists found, by hand from schema/001, 005 and
	 * 007: org.kind, contract.kind, contract_target.measure, person.sex,
	 * cases.risk, cases.status, cases.close_reason, visit.kind,
	 * visit.status, activity.kind, intern_hours.kind, audit.op: 12, and
	 * those of 009, 010 and 011 below.
	 * (new_spending = 0 OR new_spending = 1 lists numbers, and
	 * "kind = 'entry' OR reason IS NOT NULL" is a rule: neither counts.) */
	st = ws_prepare(db, "SELECT name, sql FROM sqlite_master WHERE type ="
	    " 'table' AND sql IS NOT NULL ORDER BY name");
	while (ws_step(st) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(st, 0);

		sql = (const char *)sqlite3_column_text(st, 1);
		for (p = sql; (p = strstr(p, "CHECK (")) != NULL; p++) {
			if (!wordlist(p + 7, col, sizeof col, &words))
				continue;
			snprintf(list, sizeof list, "%s.%s", tbl, col);
			v = vocab_words(list);
			snprintf(s, sizeof s, "CHECK of %s lists the "
			    "vocabulary's words", list);
			CHECK_STR(words.s, v[0] ? v : NULL, s);
			free(v);
			ws_buf_adds(&seen, list);
			ws_buf_addc(&seen, ' ');
			nlists++;
		}
	}
	sqlite3_finalize(st);
	/* schema/009 (issue 15) adds annual_event.event,
	 * annual_event.conclusion and annual_report.state, schema/010
	 * (issue 16) volunteer_service.kind, schema/011 (issue 17)
	 * worker.qualification: 17 */
	CHECK(nlists == 17, "the schema has 17 CHECK word lists");

	/* ... and every vocabulary list but the case categories (which a
	 * policy extends, so the column has no CHECK) is one of them. */
	for (w = ws_vocab; w->list != NULL; w++) {
		if (w != ws_vocab && strcmp(w[-1].list, w->list) == 0)
			continue;
		snprintf(list, sizeof list, "%s ", w->list);
		snprintf(s, sizeof s, "vocabulary list %s: a CHECK unless categories",
		    w->list);
		CHECK((strstr(seen.s, list) != NULL) ==
		    (strcmp(w->list, "case_category.category") != 0), s);
	}

	/* Each word once in its list. */
	k = 0;
	for (w = ws_vocab; w->list != NULL; w++)
		for (u = ws_vocab; u < w; u++)
			if (strcmp(u->list, w->list) == 0 &&
			    strcmp(u->name, w->name) == 0)
				k++;
	CHECK(k == 0, "no word is twice in a list");

	/* Social organisations: sw_agency, social_group,
	 * private_non_enterprise, foundation, community_group (5); not the
	 * street office, self-governance groups or enterprises. */
	for (w = ws_vocab; w->list != NULL; w++)
		if (w->so) {
			nso++;
			CHECK_STR(w->list, "org.kind", "only org kinds are "
			    "social organisations");
		}
	CHECK(nso == 5, "five org kinds are social organisations");
	CHECK(ws_vocab_is_so("sw_agency"), "a social-work agency is one");
	CHECK(ws_vocab_is_so("community_group"), "a community group is one");
	CHECK(!ws_vocab_is_so("street_office"), "the street office is not");
	CHECK(!ws_vocab_is_so("enterprise"), "an enterprise is not");
	CHECK(!ws_vocab_is_so("self_governance"), "self-governance is not");
	CHECK(!ws_vocab_is_so("nonsense"), "an unknown kind is not");
	CHECK(!ws_vocab_is_so(NULL), "no kind is not");

	/* Units: service_hours and volunteer_hours are kept in minutes and
	 * shown in hours; the other six are counts. */
	for (k = 0; k < WS_NMEASURES; k++) {
		w = &ws_measure_words[k];
		snprintf(s, sizeof s, "measure %s is in report order", w->name);
		CHECK_STR(w->name, ws_measures[k], s);
		snprintf(s, sizeof s, "measure %s has its unit", w->name);
		CHECK(w->hours == (strcmp(w->name, "service_hours") == 0 ||
		    strcmp(w->name, "volunteer_hours") == 0), s);
		CHECK(w->label != NULL && w->zh != NULL, "a measure has both "
		    "labels");
	}
	CHECK(ws_measure_words[WS_NMEASURES].name == NULL,
	    "ws_measure_words ends with a NULL row");
	w = ws_vocab_find("contract_target.measure", "contacts");
	CHECK(w != NULL && !w->hours && strcmp(w->zh, "个案服务次数") == 0,
	    "contacts: a count, 个案服务次数");
	w = ws_vocab_find(NULL, "volunteer_hours");
	CHECK(w != NULL && w->hours, "volunteer_hours: minutes, any list");
	CHECK(ws_vocab_find("visit.kind", "done") == NULL,
	    "done is a status, not a visit kind");
	w = ws_vocab_find("contract.kind", "post");
	CHECK(w != NULL && strcmp(w->label, "post purchase") == 0,
	    "post: labelled 'post purchase' (the gettext msgid)");

	/* The arrays the validators use hold the table's words. */
	same_array("org.kind", ws_org_kinds);
	same_array("contract.kind", ws_contract_kinds);
	same_array("contract_target.measure", ws_measures);
	same_array("person.sex", ws_sexes);
	same_array("cases.risk", ws_risks);
	same_array("cases.close_reason", ws_close_reasons);
	same_array("case_category.category", ws_base_categories);
	same_array("visit.kind", ws_visit_kinds);
	same_array("visit.status", ws_visit_statuses);
	same_array("activity.kind", ws_activity_kinds);
	same_array("annual_event.event", ws_annual_events);
	same_array("annual_event.conclusion", ws_annual_conclusions);
	same_array("annual_report.state", ws_annual_states);
	CHECK_STR(ws_visit_statuses[0], "done", "done is the first status");

	ws_buf_free(&words);
	ws_buf_free(&seen);
	ws_db_close(db);
	unlink(path);
	snprintf(s, sizeof s, "%s-wal", path);
	unlink(s);
	snprintf(s, sizeof s, "%s-shm", path);
	unlink(s);
	rmdir(dir);
	return DONE();
}
