/* cases.c - people and cases: adding, closing, assigning, listing */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_case_fields[] = {
	"name", "id_number", "sex", "birth_date", "phone", "community",
	"address", "categories", "risk", "worker", "opened", "need", "source",
	NULL
};

#define MAXCATS 32

struct ws_cases {
	sqlite3 *db;
	const struct ws_policy *pol;
	int flags;
	sqlite3_stmt *person_by_idn;	/* id, name of a person by ID number */
	sqlite3_stmt *person_like;	/* possible duplicate of a new person */
	sqlite3_stmt *open_same;	/* open case of a person in a category */
	sqlite3_stmt *ins_person;
	sqlite3_stmt *ins_case;
	sqlite3_stmt *ins_cat;
	sqlite3_stmt *get_case;		/* status, opened, closed, worker */
	sqlite3_stmt *close;
	sqlite3_stmt *assign;
	char today[11];
	sqlite3_stmt *get_comm;
	ws_buf comm_ok;			/* last community found */
	ws_ref *ref;			/* workers seen (ref.c) */
	ws_buf cats;			/* categories of the record, copied */
	char *cat[MAXCATS];		/* pointers into cats */
	int ncat;
	char *catwords;			/* "elderly, empty_nest, ..." */
	ws_buf msg;			/* message being reported */
	int bad;			/* problems in the current record */
	ws_case_report *err;
	void *arg;
};

static ws_buf refmsg;			/* ws_case_check_* messages */

static void
free_refmsg(void)
{
	ws_buf_free(&refmsg);
}

/* Format into b (replacing its contents). */
static void
vformat(ws_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	ws_buf_reset(b);
	if (n < 0)
		n = 0;
	if (b->cap < (size_t)n + 1) {
		b->s = ws_realloc(b->s, (size_t)n + 1);
		b->cap = (size_t)n + 1;
	}
	vsnprintf(b->s, (size_t)n + 1, fmt, ap);
	b->len = (size_t)n;
}

static const char *
refproblem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static const char *
refproblem(const char *fmt, ...)
{
	static int registered;
	va_list ap;

	if (!registered) {
		atexit(free_refmsg);
		registered = 1;
	}
	fmt = ws_msg(fmt);	/* issue 14 */
	va_start(ap, fmt);
	vformat(&refmsg, fmt, ap);
	va_end(ap);
	return refmsg.s;
}

const char *
ws_case_check_community(sqlite3 *db, const char *code)
{
	char dym[64];

	if (ws_query_int(db, "SELECT 1 FROM community WHERE code = ?", code,
	    0) == 1)
		return NULL;
	return refproblem("unknown community '%s' (expected a community "
	    "code loaded with wushe-db load)%s", code,
	    ws_excel_suggest(db, "community", code, dym));
}

const char *
ws_case_check_worker(sqlite3 *db, const char *code, const char *date)
{
	ws_ref *ref = ws_ref_new(db);
	const char *m = ws_ref_worker_on(ref, code, date);
	const char *r = m != NULL ? refproblem("%s", m) : NULL;

	ws_ref_free(ref);
	return r;
}

ws_cases *
ws_cases_new(sqlite3 *db, const struct ws_policy *pol, int flags)
{
	ws_cases *cs = ws_calloc(1, sizeof *cs);

	cs->db = db;
	cs->pol = pol;
	cs->flags = flags;
	ws_today(cs->today);
	cs->ref = ws_ref_new(db);
	if (pol != NULL)
		cs->catwords = ws_words_join(
		    (const char *const *)pol->categories);
	return cs;
}

void
ws_cases_free(ws_cases *cs)
{
	if (cs == NULL)
		return;
	sqlite3_finalize(cs->person_by_idn);
	sqlite3_finalize(cs->person_like);
	sqlite3_finalize(cs->open_same);
	sqlite3_finalize(cs->ins_person);
	sqlite3_finalize(cs->ins_case);
	sqlite3_finalize(cs->ins_cat);
	sqlite3_finalize(cs->get_case);
	sqlite3_finalize(cs->close);
	sqlite3_finalize(cs->assign);
	sqlite3_finalize(cs->get_comm);
	ws_buf_free(&cs->comm_ok);
	ws_ref_free(cs->ref);
	ws_buf_free(&cs->cats);
	ws_buf_free(&cs->msg);
	free(cs->catwords);
	free(cs);
}

/* Prepare once, then reset for reuse.  Every user binds every
 * parameter before each step, so bindings are not cleared. */
static sqlite3_stmt *
stmt(ws_cases *cs, sqlite3_stmt **st, const char *sql)
{
	if (*st == NULL)
		*st = ws_prepare(cs->db, sql);
	else
		sqlite3_reset(*st);
	return *st;
}

/* Bind text without a copy (the hot path of a bulk intake): s must stay
 * valid until the statement has been stepped and reset, which every
 * caller here does before returning.  NULL or "" binds SQL NULL. */
static void
bind(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void
problem(ws_cases *cs, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(ws_cases *cs, const char *field, const char *fmt, ...)
{
	va_list ap;

	fmt = ws_msg(fmt);	/* issue 14 */
	va_start(ap, fmt);
	vformat(&cs->msg, fmt, ap);
	va_end(ap);
	cs->bad++;
	cs->err(cs->arg, field, cs->msg.s);
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Split the comma-separated categories into cs->cat, trimmed, without
 * repeats, checking each against the policy. */
static void
parse_categories(ws_cases *cs, const char *s)
{
	char *p, *e, *w;
	int i, seen;

	cs->ncat = 0;
	ws_buf_reset(&cs->cats);
	ws_buf_adds(&cs->cats, s);
	for (p = cs->cats.s; p != NULL; p = e) {
		if ((e = strchr(p, ',')) != NULL)
			*e++ = '\0';
		while (*p == ' ')
			p++;
		w = p + strlen(p);
		while (w > p && w[-1] == ' ')
			*--w = '\0';
		if (*p == '\0') {
			problem(cs, "categories", "empty category in '%s' "
			    "(expected words separated by commas)", s);
			continue;
		}
		if (!ws_policy_has_category(cs->pol, p)) {
			problem(cs, "categories", "unknown category '%s' "
			    "(expected one of: %s)", p, cs->catwords);
			continue;
		}
		for (seen = 0, i = 0; i < cs->ncat; i++)
			if (strcmp(cs->cat[i], p) == 0)
				seen = 1;
		if (seen)
			continue;
		if (cs->ncat == MAXCATS) {
			problem(cs, "categories", "more than %d categories",
			    MAXCATS);
			break;
		}
		cs->cat[cs->ncat++] = p;
	}
}

static void
check_community(ws_cases *cs, const char *code)
{
	sqlite3_stmt *st;
	int found;

	if (cs->comm_ok.s != NULL && strcmp(cs->comm_ok.s, code) == 0)
		return;
	st = stmt(cs, &cs->get_comm, "SELECT 1 FROM community WHERE code = ?");
	bind(st, 1, code);
	found = ws_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!found) {
		problem(cs, "community", "%s",
		    ws_case_check_community(cs->db, code));
		return;
	}
	ws_buf_reset(&cs->comm_ok);
	ws_buf_adds(&cs->comm_ok, code);
}

/* Workers are cached by the session's ws_ref, so a batch does not query
 * a worker again. */
static void
check_worker(ws_cases *cs, const char *code, const char *date)
{
	const char *m = ws_ref_worker_on(cs->ref, code, date);

	if (m != NULL)
		problem(cs, "worker", "%s", m);
}

int64_t
ws_case_add(ws_cases *cs, const char *const *v, ws_case_report *err,
    ws_case_report *warn, void *arg)
{
	const char *name = v[WS_CF_NAME], *idv = v[WS_CF_ID_NUMBER];
	const char *sex = v[WS_CF_SEX], *birth = v[WS_CF_BIRTH_DATE];
	const char *comm = v[WS_CF_COMMUNITY], *risk = v[WS_CF_RISK];
	const char *worker = v[WS_CF_WORKER], *opened = v[WS_CF_OPENED];
	const char *m, *known;
	char idn[19], dbirth[11], dsex = 0, sexs[2] = "";
	int idok = 0, birthok = 0, openok = 0, i;
	int64_t person = 0, cid, dup = 0, dupcase = 0;
	sqlite3_stmt *st;

	cs->err = err;
	cs->arg = arg;
	cs->bad = 0;
	cs->ncat = 0;

	if (!given(name))
		problem(cs, "name", "missing (expected the person's name)");

	if (given(idv)) {
		size_t n = strlen(idv);

		if (n == 18) {
			memcpy(idn, idv, 19);
			if (idn[17] == 'x')
				idn[17] = 'X';
			idv = idn;
		}
		if ((m = ws_check_id_number(idv, dbirth, &dsex)) != NULL)
			problem(cs, "id_number", "%s", m);
		else
			idok = 1;
	}

	if (given(sex)) {
		if (ws_word_index(sex, ws_sexes) < 0)
			problem(cs, "sex", "'%s' is not a sex (expected M or F)",
			    sex);
		else if (idok && sex[0] != dsex)
			problem(cs, "sex", "%s does not match the ID number, "
			    "which says %c", sex, dsex);
	} else if (idok) {
		sexs[0] = dsex;
		sexs[1] = '\0';
		sex = sexs;
	}

	if (given(birth)) {
		if ((m = ws_check_date(birth)) != NULL)
			problem(cs, "birth_date", "'%s': %s", birth, m);
		else if (strcmp(birth, cs->today) > 0)
			problem(cs, "birth_date", "%s is in the future "
			    "(today is %s)", birth, cs->today);
		else if (idok && strcmp(birth, dbirth) != 0)
			problem(cs, "birth_date", "%s does not match the ID "
			    "number, which says %s", birth, dbirth);
		else
			birthok = 1;
	} else if (idok) {
		birth = dbirth;
		birthok = 1;
	}

	if (given(v[WS_CF_PHONE]) &&
	    (m = ws_check_phone(v[WS_CF_PHONE])) != NULL)
		problem(cs, "phone", "%s", m);

	if (!given(comm))
		problem(cs, "community", "missing (expected a community code)");
	else
		check_community(cs, comm);

	if (!given(v[WS_CF_CATEGORIES]))
		problem(cs, "categories", "missing (expected one or more of: "
		    "%s)", cs->catwords);
	else
		parse_categories(cs, v[WS_CF_CATEGORIES]);

	if (!given(risk))
		problem(cs, "risk", "missing (expected low, medium or high)");
	else if (ws_word_index(risk, ws_risks) < 0)
		problem(cs, "risk", "unknown risk '%s' (expected low, medium "
		    "or high)", risk);

	if (!given(opened))
		opened = cs->today;
	if ((m = ws_check_date(opened)) != NULL)
		problem(cs, "opened", "'%s': %s", opened, m);
	else if (strcmp(opened, cs->today) > 0)
		problem(cs, "opened", "%s is in the future (today is %s)",
		    opened, cs->today);
	else if (birthok && strcmp(opened, birth) < 0)
		problem(cs, "opened", "%s is before the birth date %s",
		    opened, birth);
	else
		openok = 1;

	if (given(worker)) {
		if (openok)
			check_worker(cs, worker, opened);
		else if ((m = ws_case_check_worker(cs->db, worker, NULL))
		    != NULL)
			problem(cs, "worker", "%s", m);
	}

	/* The person: known by ID number, or new. */
	if (idok && given(name)) {
		st = stmt(cs, &cs->person_by_idn,
		    "SELECT id, name FROM person WHERE id_number = ?");
		bind(st, 1, idv);
		if (ws_step(st) == SQLITE_ROW) {
			person = sqlite3_column_int64(st, 0);
			known = (const char *)sqlite3_column_text(st, 1);
			/* the number is taken, not by whom: no name
			 * oracle without an audited --reveal */
			if (strcmp(known, name) != 0)
				problem(cs, "name", "'%s' is not the name "
				    "recorded for this ID number (person %lld; "
				    "'case-list --reveal' shows it, audited)",
				    name, (long long)person);
		}
		sqlite3_reset(st);
	}
	if (person == 0 && given(name) && given(comm)) {
		st = stmt(cs, &cs->person_like,
		    "SELECT p.id, (SELECT max(c.id) FROM cases c"
		    " WHERE c.person = p.id)"
		    " FROM person p WHERE p.name = ?1 AND p.birth_date IS ?2"
		    " AND p.community = ?3"
		    " AND (p.id_number IS NULL OR ?4 IS NULL)"
		    " ORDER BY p.id LIMIT 1");
		bind(st, 1, name);
		bind(st, 2, birthok ? birth : NULL);
		bind(st, 3, comm);
		bind(st, 4, idok ? idv : NULL);
		if (ws_step(st) == SQLITE_ROW) {
			dup = sqlite3_column_int64(st, 0);
			dupcase = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
	}
	if (dup != 0) {
		ws_buf_reset(&cs->msg);
		ws_buf_printf(&cs->msg, "possible duplicate of person %lld",
		    (long long)dup);
		if (dupcase != 0)
			ws_buf_printf(&cs->msg, " (case %lld)",
			    (long long)dupcase);
		if (cs->flags & WS_CASES_STRICT) {
			ws_buf_adds(&cs->msg, "; give the ID number to tell "
			    "them apart, or leave out --strict");
			cs->bad++;
			err(arg, "name", cs->msg.s);
		} else if (warn != NULL)
			warn(arg, NULL, cs->msg.s);
	}
	if (person != 0 && !(cs->flags & WS_CASES_ALLOW_DUP)) {
		st = stmt(cs, &cs->open_same,
		    "SELECT c.id FROM cases c JOIN case_category cc"
		    " ON cc.case_id = c.id WHERE c.person = ?1"
		    " AND c.status = 'open' AND cc.category = ?2"
		    " ORDER BY c.id LIMIT 1");
		for (i = 0; i < cs->ncat; i++) {
			sqlite3_reset(st);
			ws_bind_int(st, 1, person);
			bind(st, 2, cs->cat[i]);
			if (ws_step(st) == SQLITE_ROW)
				problem(cs, "categories", "person %lld already "
				    "has open case %lld in category '%s' (use "
				    "--allow-duplicate to open another)",
				    (long long)person,
				    (long long)sqlite3_column_int64(st, 0),
				    cs->cat[i]);
		}
		sqlite3_reset(st);
	}
	if (cs->bad)
		return 0;

	if (person == 0) {
		st = stmt(cs, &cs->ins_person,
		    "INSERT INTO person(name, id_number, sex, birth_date,"
		    " phone, community, address)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?)");
		bind(st, 1, name);
		bind(st, 2, idok ? idv : NULL);
		bind(st, 3, sex);
		bind(st, 4, birth);
		bind(st, 5, v[WS_CF_PHONE]);
		bind(st, 6, comm);
		bind(st, 7, v[WS_CF_ADDRESS]);
		if (ws_step(st) != SQLITE_DONE)
			ws_db_die(cs->db, SQLITE_CONSTRAINT, "adding a person");
		person = sqlite3_last_insert_rowid(cs->db);
		sqlite3_reset(st);
	}
	st = stmt(cs, &cs->ins_case,
	    "INSERT INTO cases(person, community, risk, worker, opened, need,"
	    " source) VALUES (?, ?, ?, ?, ?, ?, ?)");
	ws_bind_int(st, 1, person);
	bind(st, 2, comm);
	bind(st, 3, risk);
	bind(st, 4, worker);
	bind(st, 5, opened);
	bind(st, 6, v[WS_CF_NEED]);
	bind(st, 7, v[WS_CF_SOURCE]);
	if (ws_step(st) != SQLITE_DONE)
		ws_db_die(cs->db, SQLITE_CONSTRAINT, "adding a case");
	cid = sqlite3_last_insert_rowid(cs->db);
	sqlite3_reset(st);
	st = stmt(cs, &cs->ins_cat,
	    "INSERT INTO case_category(case_id, category) VALUES (?, ?)");
	for (i = 0; i < cs->ncat; i++) {
		sqlite3_reset(st);
		ws_bind_int(st, 1, cid);
		bind(st, 2, cs->cat[i]);
		if (ws_step(st) != SQLITE_DONE)
			ws_db_die(cs->db, SQLITE_CONSTRAINT,
			    "adding a category");
	}
	sqlite3_reset(st);
	return cid;
}

/* Look case id up into get_case; returns SQLITE_ROW when found. */
static int
get_case(ws_cases *cs, int64_t id)
{
	sqlite3_stmt *st;

	st = stmt(cs, &cs->get_case,
	    "SELECT status, opened, closed, worker FROM cases WHERE id = ?");
	ws_bind_int(st, 1, id);
	return ws_step(st);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? s : "";
}

const char *
ws_case_close(ws_cases *cs, int64_t id, const char *date,
    const char *reason, const char *outcome)
{
	sqlite3_stmt *st;

	ws_buf_reset(&cs->msg);
	if (get_case(cs, id) != SQLITE_ROW)
		ws_buf_printf(&cs->msg, "no such case");
	else if (strcmp(col(cs->get_case, 0), "closed") == 0)
		ws_buf_printf(&cs->msg, "already closed (on %s)",
		    col(cs->get_case, 2));
	else if (strcmp(date, col(cs->get_case, 1)) < 0)
		ws_buf_printf(&cs->msg, "close date %s is before the case "
		    "opened (%s)", date, col(cs->get_case, 1));
	sqlite3_reset(cs->get_case);
	if (cs->msg.len > 0)
		return cs->msg.s;
	st = stmt(cs, &cs->close,
	    "UPDATE cases SET status = 'closed', closed = ?2,"
	    " close_reason = ?3, outcome = ?4 WHERE id = ?1");
	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, date);
	ws_bind_text(st, 3, reason);
	ws_bind_text(st, 4, outcome);
	if (ws_step(st) != SQLITE_DONE)
		ws_db_die(cs->db, SQLITE_CONSTRAINT, "closing a case");
	sqlite3_reset(st);
	return NULL;
}

const char *
ws_case_assign(ws_cases *cs, int64_t id, const char *worker)
{
	sqlite3_stmt *st;

	ws_buf_reset(&cs->msg);
	if (get_case(cs, id) != SQLITE_ROW)
		ws_buf_printf(&cs->msg, "no such case");
	else if (strcmp(col(cs->get_case, 0), "closed") == 0)
		ws_buf_printf(&cs->msg, "case is closed (on %s); only open "
		    "cases can be assigned", col(cs->get_case, 2));
	sqlite3_reset(cs->get_case);
	if (cs->msg.len > 0)
		return cs->msg.s;
	st = stmt(cs, &cs->assign, "UPDATE cases SET worker = ?2 WHERE id = ?1");
	ws_bind_int(st, 1, id);
	ws_bind_text(st, 2, worker);
	if (ws_step(st) != SQLITE_DONE)
		ws_db_die(cs->db, SQLITE_CONSTRAINT, "assigning a case");
	sqlite3_reset(st);
	return NULL;
}

#define CATEGORIES \
	"(SELECT group_concat(category, ',') FROM (SELECT category" \
	" FROM case_category cc WHERE cc.case_id = c.id ORDER BY category))"

sqlite3_stmt *
ws_case_list(sqlite3 *db, const struct ws_case_filter *f)
{
	sqlite3_stmt *st;
	ws_buf ids = {0};
	size_t i;

	st = ws_prepare(db,
	    "SELECT c.id AS case_id,"
	    " CASE WHEN ?11 THEN 'case ' || c.id ELSE p.name END AS name,"
	    " CASE WHEN ?11 THEN NULL WHEN ?1 THEN p.id_number"
	    " ELSE ws_mask(p.id_number) END AS id_number,"
	    " p.sex AS sex,"
	    " CASE WHEN ?1 AND NOT ?11 THEN p.birth_date"
	    " ELSE substr(p.birth_date, 1, 4) END AS birth_date,"
	    " CASE WHEN ?11 THEN NULL WHEN ?1 THEN p.phone"
	    " ELSE ws_mask(p.phone) END AS phone,"
	    " c.community AS community, " CATEGORIES " AS categories,"
	    " c.risk AS risk, c.worker AS worker, c.opened AS opened,"
	    " c.status AS status, c.closed AS closed,"
	    " CASE WHEN ?11 THEN NULL ELSE c.need END AS need"
	    " FROM cases c JOIN person p ON p.id = c.person"
	    " WHERE (?2 IS NULL OR c.community = ?2)"
	    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM case_category cc"
	    "  WHERE cc.case_id = c.id AND cc.category = ?3))"
	    " AND (?4 IS NULL OR c.risk = ?4)"
	    " AND (?5 IS NULL OR c.worker = ?5)"
	    " AND (?6 IS NULL OR c.status = ?6)"
	    " AND (?7 IS NULL OR c.opened >= ?7)"
	    " AND (?8 IS NULL OR c.opened <= ?8)"
	    " AND (?9 IS NULL OR instr(c.need, ?9) > 0)"
	    " AND (?10 IS NULL OR c.id IN (SELECT value FROM json_each(?10)))"
	    " ORDER BY c.id");
	ws_bind_int(st, 1, f->reveal != 0);
	ws_bind_text(st, 2, f->community);
	ws_bind_text(st, 3, f->category);
	ws_bind_text(st, 4, f->risk);
	ws_bind_text(st, 5, f->worker);
	ws_bind_text(st, 6, f->status);
	ws_bind_text(st, 7, f->since);
	ws_bind_text(st, 8, f->until);
	ws_bind_text(st, 9, f->need);
	ws_bind_int(st, 11, f->redact != 0);
	if (f->nids > 0) {
		ws_buf_addc(&ids, '[');
		for (i = 0; i < f->nids; i++)
			ws_buf_printf(&ids, "%s%lld", i ? "," : "",
			    (long long)f->ids[i]);
		ws_buf_addc(&ids, ']');
		ws_bind_text(st, 10, ids.s);
		ws_buf_free(&ids);
	}
	return st;
}

sqlite3_stmt *
ws_case_added(sqlite3 *db, int64_t first, int64_t last, int reveal)
{
	sqlite3_stmt *st;

	st = ws_prepare(db,
	    "SELECT c.id AS case_id, p.name AS name,"
	    " CASE WHEN ?3 THEN p.id_number ELSE ws_mask(p.id_number) END"
	    " AS id_number,"
	    " c.community AS community, " CATEGORIES " AS categories,"
	    " c.risk AS risk, c.worker AS worker, c.opened AS opened"
	    " FROM cases c JOIN person p ON p.id = c.person"
	    " WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id");
	ws_bind_int(st, 1, first);
	ws_bind_int(st, 2, last);
	ws_bind_int(st, 3, reveal != 0);
	return st;
}

sqlite3_stmt *
ws_case_duplicates(sqlite3 *db)
{
	return ws_prepare(db,
	    "SELECT a.id AS person_a, b.id AS person_b, a.name AS name,"
	    " a.birth_date AS birth_date, a.community AS community"
	    " FROM person a JOIN person b ON b.name = a.name"
	    " AND b.birth_date IS a.birth_date AND b.community = a.community"
	    " AND b.id > a.id"
	    " WHERE a.id_number IS NULL OR b.id_number IS NULL"
	    " ORDER BY a.id, b.id");
}

sqlite3_stmt *
ws_case_history(sqlite3 *db, int64_t id)
{
	sqlite3_stmt *st;

	st = ws_prepare(db,
	    "SELECT ws_localtime(at) AS at, os_user, command, field, old, new"
	    " FROM case_history"
	    " WHERE case_id = ? ORDER BY id");
	ws_bind_int(st, 1, id);
	return st;
}

int
ws_case_exists(sqlite3 *db, int64_t id)
{
	sqlite3_stmt *st;
	int r;

	st = ws_prepare(db, "SELECT 1 FROM cases WHERE id = ?");
	ws_bind_int(st, 1, id);
	r = ws_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return r;
}

const char *const ws_case_id_cols[] = { "case_id", "id", NULL };

const char *
ws_case_id_of(const char *const *v, int64_t *id)
{
	const char *s;

	if ((s = v[0]) == NULL && (s = v[1]) == NULL)
		return ws_msg("no case id (expected a case_id or id column, or "
		    "bare case ids one a line)");
	if (ws_parse_int(s, 1, INT64_MAX, id) != NULL)
		return ws_msg("not a case id (expected a positive whole number)");
	return NULL;
}

/* Append id to ids (grown in powers of two). */
static int64_t *
add_id(int64_t *ids, size_t *n, int64_t id)
{
	if ((*n & (*n - 1)) == 0)
		ids = ws_realloc(ids, (*n ? *n * 2 : 1) * sizeof *ids);
	ids[(*n)++] = id;
	return ids;
}

/* What ws_case_each's batch callback needs. */
struct each {
	ws_cases *cs;
	ws_case_fn *fn;
	void *arg;
	int64_t *ids;
	size_t nids;
};

static int
each_record(ws_batch *b, const char *const *v, void *arg)
{
	struct each *x = arg;
	const char *m;
	int64_t id;

	if ((m = ws_case_id_of(v, &id)) != NULL) {
		ws_batch_err(b, "case_id", m);
		return 1;
	}
	if ((m = x->fn(x->cs, id, x->arg)) != NULL) {
		ws_batch_warnf(b, "case %lld: %s", (long long)id, m);
		return 1;
	}
	x->ids = add_id(x->ids, &x->nids, id);
	return 0;
}

int
ws_case_each(ws_cases *cs, int argc, char **argv, enum ws_fmt infmt,
    int quiet, ws_case_fn *fn, void *arg, const char *done, int64_t **ids,
    size_t *nids, ws_err *e)
{
	struct each x = { cs, fn, arg, NULL, 0 };
	struct ws_batch_spec s;
	const char *m;
	long nrec = 0, nbad = 0;
	ws_batch *b;
	int64_t id;
	int i, rc;

	*ids = NULL;
	*nids = 0;
	if (argc > 0) {
		ws_begin(cs->db);
		for (i = 0; i < argc; i++) {
			nrec++;
			if (ws_parse_int(argv[i], 1, INT64_MAX, &id) != NULL) {
				ws_warn("%s: not a case id (expected a "
				    "positive whole number)", argv[i]);
				nbad++;
			} else if ((m = fn(cs, id, arg)) != NULL) {
				ws_warn("case %lld: %s", (long long)id, m);
				nbad++;
			} else
				x.ids = add_id(x.ids, &x.nids, id);
		}
		b = NULL;
	} else {
		memset(&s, 0, sizeof s);
		s.fp = stdin;
		s.name = "<stdin>";
		s.fmt = infmt;
		s.cols = ws_case_id_cols;
		s.bare = "case_id";
		s.db = cs->db;
		s.keep = 1;	/* the refusal is said below */
		s.quiet = quiet;
		s.record = each_record;
		s.arg = &x;
		b = ws_batch_new(&s);
		if ((rc = ws_batch_run(b, e)) != 0) {
			ws_batch_free(b);
			free(x.ids);
			return rc;
		}
		nrec = ws_batch_nrec(b);
		nbad = ws_batch_nbad(b);
		if (nrec == 0) {	/* nothing piped in: a note, not an error */
			ws_warn("<stdin>: no cases in the input; nothing %s",
			    done);
			ws_batch_free(b);
			return 0;
		}
	}
	if (nbad > 0) {
		if (b != NULL)
			ws_batch_free(b);	/* rolls back */
		else
			ws_rollback(cs->db);
		free(x.ids);
		return ws_err_set(e, EX_DATAERR, NULL, "%ld of %ld case%s "
		    "refused; nothing %s", nbad, nrec, nrec == 1 ? "" : "s",
		    done);
	}
	if (cs->flags & WS_CASES_DRY_RUN) {
		if (b != NULL)
			ws_batch_detach(b);
	} else if (b != NULL) {
		if (ws_batch_commit(b, e) != 0) {
			ws_batch_free(b);
			free(x.ids);
			return -1;
		}
	} else
		ws_commit(cs->db);
	ws_batch_free(b);
	*ids = x.ids;
	*nids = x.nids;
	return 0;
}

void
ws_case_show_done(sqlite3 *db, int64_t *ids, size_t nids, enum ws_fmt fmt,
    int oflags, int dry)
{
	struct ws_case_filter flt;
	sqlite3_stmt *st;
	ws_out *out;

	if (nids > 0) {		/* no cases piped in: nothing to show */
		memset(&flt, 0, sizeof flt);
		flt.ids = ids;
		flt.nids = nids;
		out = ws_out_new(stdout, fmt, oflags);
		st = ws_case_list(db, &flt);
		ws_out_run(out, st);
		sqlite3_finalize(st);
		ws_out_free(out);
	}
	if (dry)		/* shown as changed, then undone */
		ws_rollback(db);
}
