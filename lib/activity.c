/* activity.c - group work sessions and community activities, and groups */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_activity_cols[] = { "activity_id", "kind", "group",
    "title", "date", "minutes", "community", "org", "workers",
    "participants", "volunteers", "volunteer_minutes", "contract", "cases",
    "note", NULL };

const char *const ws_activity_summaries[] = { "kind", "group", "community",
    "org", "worker", "month", NULL };

#define MAXLIST	1000	/* workers or attending cases of one activity */

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

struct rep {
	ws_case_report *err;
	void *arg;
	int bad;
	char msg[512];
};

static void
report(struct rep *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
report(struct rep *r, const char *field, const char *fmt, ...)
{
	va_list ap;

	fmt = ws_msg(fmt);	/* issue 14 */
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof r->msg, fmt, ap);
	va_end(ap);
	r->err(r->arg, field, r->msg);
	r->bad = 1;
}

/* Split a comma-separated list (spaces around items ignored) into
 * allocated items; returns their number, or -1 (reported) when there
 * are too many or one is empty. */
static int
split(struct rep *r, const char *field, const char *s, char **items)
{
	const char *p, *e;
	int n = 0;

	if (!given(s))
		return 0;
	for (p = s;; p = e + 1) {
		const char *a, *b;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		for (a = p; a < e && *a == ' '; a++)
			;
		for (b = e; b > a && b[-1] == ' '; b--)
			;
		if (a == b) {
			report(r, field, "empty item in '%s' (expected a "
			    "comma-separated list)", s);
			goto fail;
		}
		if (n == MAXLIST) {
			report(r, field, "more than %d items", MAXLIST);
			goto fail;
		}
		items[n++] = ws_strndup(a, (size_t)(b - a));
		if (*e == '\0')
			break;
	}
	return n;
fail:
	while (n > 0)
		free(items[--n]);
	return -1;
}

static int
dup_item(char **items, int n, int i)
{
	int j;

	for (j = 0; j < i; j++)
		if (strcmp(items[j], items[i]) == 0)
			return 1;
	return 0;
}

static int64_t
count_arg(struct rep *r, const char *field, const char *s, int64_t def)
{
	const char *m;
	int64_t v;

	if (!given(s))
		return def;
	if ((m = ws_parse_int(s, 0, 1000000, &v)) != NULL) {
		report(r, field, "'%s': %s", s, m);
		return def;
	}
	return v;
}

/* Check a and write it: a new activity (id 0; returns its id), or the
 * new values of activity id (its workers and cases written again;
 * returns id).  0 when refused, every problem passed to err. */
static int64_t
put(sqlite3 *db, const struct ws_activity *a, int64_t amend,
    ws_case_report *err, void *arg)
{
	struct rep r = { err, arg, 0, "" };
	ws_ref *ref = ws_ref_new(db);
	const struct ws_ref_case *ce;
	const char *post;
	char today[11];
	ws_buf lm = {0};
	char *workers[MAXLIST], *cases[MAXLIST];
	char *g_org = NULL, *g_comm = NULL, *contract = NULL;
	const char *m, *date, *community, *org, *kind;
	int64_t minutes = 0, parts, vols, vmin = 0, id = 0, cid[MAXLIST];
	int nw, nc, i, k, dateok = 0;
	sqlite3_stmt *st;

	ws_today(today);

	/* kind and group */
	if (given(a->kind)) {
		if ((k = ws_word_index(a->kind, ws_activity_kinds)) < 0) {
			report(&r, "kind", "'%s': unknown kind (expected "
			    "group_session or community)", a->kind);
			k = 1;
		}
	} else
		k = given(a->group) ? 0 : 1;
	kind = ws_activity_kinds[k];
	if (given(a->group)) {
		st = ws_prepare(db, "SELECT org, community FROM grp "
		    "WHERE code = ?1");
		ws_bind_text(st, 1, a->group);
		if (ws_step(st) == SQLITE_ROW) {
			g_org = ws_strdup((const char *)
			    sqlite3_column_text(st, 0));
			g_comm = ws_strdup((const char *)
			    sqlite3_column_text(st, 1));
		} else
			report(&r, "group", "unknown group '%s' (expected a "
			    "group code from the directory's groups or "
			    "activity-log --add-group)", a->group);
		sqlite3_finalize(st);
	} else if (k == 0)
		report(&r, "group", "missing (a group_session needs the "
		    "group's code)");

	/* date, minutes */
	date = given(a->date) ? a->date : today;
	if ((m = ws_check_date(date)) != NULL)
		report(&r, "date", "'%s': %s", date, m);
	else if (strcmp(date, today) > 0)
		report(&r, "date", "%s is in the future (today is %s)", date,
		    today);
	else if (ws_lock_check(db, date, &lm))	/* issue 12 */
		report(&r, "date", "%s", lm.s);
	else
		dateok = 1;
	ws_buf_free(&lm);
	if (!given(a->minutes))
		report(&r, "minutes", "missing (expected 1 to 1440)");
	else if ((m = ws_parse_minutes(a->minutes, &minutes)) != NULL)
		report(&r, "minutes", "'%s': %s", a->minutes, m);
	else if (minutes < 1 || minutes > 1440)
		report(&r, "minutes", "%s is out of range (expected 1 to "
		    "1440)", a->minutes);

	/* where and by whom */
	community = given(a->community) ? a->community : g_comm;
	if (community == NULL)
		report(&r, "community", "missing (give the community, or a "
		    "group that has one)");
	else if ((m = ws_case_check_community(db, community)) != NULL)
		report(&r, "community", "%s", m);
	org = given(a->org) ? a->org : g_org;
	if (org != NULL && ws_query_int(db, "SELECT 1 FROM org WHERE "
	    "code = ?", org, 0) != 1)
		report(&r, "org", "unknown organisation '%s' (expected an "
		    "organisation code loaded with wushe-db load)", org);
	nw = split(&r, "workers", a->workers, workers);
	for (i = 0; i < nw; i++) {
		if (dup_item(workers, nw, i))
			report(&r, "workers", "'%s' is listed twice",
			    workers[i]);
		else if ((m = ws_ref_worker_on(ref, workers[i],
		    dateok ? date : NULL)) != NULL)
			report(&r, "workers", "%s", m);
	}

	/* numbers */
	nc = split(&r, "cases", a->cases, cases);
	for (i = 0; i < nc; i++) {
		cid[i] = 0;
		if ((m = ws_parse_int(cases[i], 1, INT64_MAX, &cid[i]))
		    != NULL) {
			report(&r, "cases", "'%s': %s", cases[i], m);
			continue;
		}
		if (dup_item(cases, nc, i)) {
			report(&r, "cases", "case %s is listed twice",
			    cases[i]);
			continue;
		}
		ce = ws_ref_case(ref, cid[i]);
		if (!ce->exists)
			report(&r, "cases", "unknown case %s (expected a case "
			    "number from case-add)", cases[i]);
		else if (dateok && strcmp(date, ce->opened) < 0)
			report(&r, "cases", "%s is before case %s opened (%s)",
			    date, cases[i], ce->opened);
		else if (dateok && ce->closed[0] != '\0' &&
		    strcmp(date, ce->closed) > 0)
			report(&r, "cases", "%s is after case %s closed (%s)",
			    date, cases[i], ce->closed);
	}
	parts = count_arg(&r, "participants", a->participants,
	    nc > 0 ? nc : 0);
	if (nc > 0 && parts < nc)
		report(&r, "participants", "%lld is fewer than the "
		    "attending cases (%d)", (long long)parts, nc);
	vols = count_arg(&r, "volunteers", a->volunteers, 0);
	if (given(a->volunteer_minutes) && (m = ws_parse_minutes(
	    a->volunteer_minutes, &vmin)) != NULL)
		report(&r, "volunteer_minutes", "'%s': %s",
		    a->volunteer_minutes, m);

	/* contract: the given one, else the first worker's post contract */
	if ((m = ws_ref_contract_for(ref, a->contract, nw > 0 ? workers[0] :
	    NULL, dateok ? date : NULL, &post)) != NULL)
		report(&r, "contract", "%s", m);
	else
		contract = ws_strdup(post);

	if (!r.bad) {
		st = ws_prepare(db, amend > 0 ? "UPDATE activity SET kind = ?1, "
		    "grp = ?2, title = ?3, date = ?4, minutes = ?5, community "
		    "= ?6, org = ?7, participants = ?8, volunteers = ?9, "
		    "volunteer_minutes = ?10, contract = ?11, note = ?12 "
		    "WHERE id = ?13" : "INSERT INTO activity (kind, grp, "
		    "title, date, minutes, community, org, participants, "
		    "volunteers, volunteer_minutes, contract, note) VALUES "
		    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
		ws_bind_text(st, 1, kind);
		ws_bind_text(st, 2, a->group);
		ws_bind_text(st, 3, a->title);
		ws_bind_text(st, 4, date);
		ws_bind_int(st, 5, minutes);
		ws_bind_text(st, 6, community);
		ws_bind_text(st, 7, org);
		ws_bind_int(st, 8, parts);
		ws_bind_int(st, 9, vols);
		ws_bind_int(st, 10, vmin);
		ws_bind_text(st, 11, contract);
		ws_bind_text(st, 12, a->note);
		if (amend > 0)
			ws_bind_int(st, 13, amend);
		if (ws_step(st) != SQLITE_DONE)
			report(&r, "kind", "refused by the database: %s",
			    sqlite3_errmsg(db));
		else
			id = amend > 0 ? amend : sqlite3_last_insert_rowid(db);
		sqlite3_finalize(st);
	}
	if (id > 0 && amend > 0) {	/* the lists, written again */
		st = ws_prepare(db, "DELETE FROM activity_worker WHERE "
		    "activity = ?1");
		ws_bind_int(st, 1, id);
		ws_step(st);
		sqlite3_finalize(st);
		st = ws_prepare(db, "DELETE FROM activity_case WHERE "
		    "activity = ?1");
		ws_bind_int(st, 1, id);
		if (ws_step(st) != SQLITE_DONE)
			ws_bug("activity_case: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	if (id > 0) {
		st = ws_prepare(db, "INSERT INTO activity_worker (activity, "
		    "worker) VALUES (?1, ?2)");
		for (i = 0; i < nw; i++) {
			ws_bind_int(st, 1, id);
			ws_bind_text(st, 2, workers[i]);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(db, SQLITE_CONSTRAINT,
				    "activity_worker");
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		st = ws_prepare(db, "INSERT INTO activity_case (activity, "
		    "case_id) VALUES (?1, ?2)");
		for (i = 0; i < nc; i++) {
			ws_bind_int(st, 1, id);
			ws_bind_int(st, 2, cid[i]);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(db, SQLITE_CONSTRAINT,
				    "activity_case");
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
	}
	for (i = 0; i < nw; i++)
		free(workers[i]);
	for (i = 0; i < nc; i++)
		free(cases[i]);
	free(g_org);
	free(g_comm);
	free(contract);
	ws_ref_free(ref);
	return r.bad ? 0 : id;
}

int64_t
ws_activity_add(sqlite3 *db, const struct ws_activity *a,
    ws_case_report *err, void *arg)
{
	return put(db, a, 0, err, arg);
}

int
ws_activity_amend(sqlite3 *db, int64_t id, const struct ws_activity *a,
    ws_case_report *err, void *arg)
{
	return put(db, a, id, err, arg) > 0 ? 0 : 1;
}

/* ------------------------------------------------------------ listing */

static void
where(ws_buf *sql, struct ws_binds *b,
    const struct ws_activity_filter *f)
{
	ws_buf_adds(sql, " WHERE 1");
	if (f->since)
		ws_binds_text(b, sql, "a.date >=", f->since);
	if (f->until)
		ws_binds_text(b, sql, "a.date <=", f->until);
	if (f->month)
		ws_binds_text(b, sql, "substr(a.date, 1, 7) =", f->month);
	if (f->kind)
		ws_binds_text(b, sql, "a.kind =", f->kind);
	if (f->group)
		ws_binds_text(b, sql, "a.grp =", f->group);
	if (f->community)
		ws_binds_text(b, sql, "a.community =", f->community);
	if (f->org)
		ws_binds_text(b, sql, "a.org =", f->org);
	if (f->contract)
		ws_binds_text(b, sql, "a.contract =", f->contract);
	if (f->worker)
		ws_binds_text(b, sql, "a.id IN (SELECT activity FROM "
		    "activity_worker WHERE worker =", f->worker);
	if (f->worker)
		ws_buf_adds(sql, ")");
	if (f->case_id > 0) {
		ws_binds_int(b, sql, "a.id IN (SELECT activity FROM "
		    "activity_case WHERE case_id =", f->case_id);
		ws_buf_adds(sql, ")");
	}
	if (f->last > 0) {
		ws_binds_int(b, sql, "a.id >=", f->first);
		ws_binds_int(b, sql, "a.id <=", f->last);
	}
}

sqlite3_stmt *
ws_activity_list(sqlite3 *db, const struct ws_activity_filter *f)
{
	ws_buf sql = {0};
	struct ws_binds b = {0};
	sqlite3_stmt *st;

	ws_buf_adds(&sql, "SELECT a.id AS activity_id, a.kind, a.grp AS "
	    "\"group\", a.title, a.date, a.minutes, a.community, a.org, "
	    "(SELECT group_concat(worker, ',') FROM (SELECT worker FROM "
	    "activity_worker WHERE activity = a.id ORDER BY worker)) "
	    "AS workers, a.participants, av.volunteers, av.volunteer_minutes, "
	    "a.contract, (SELECT group_concat(case_id, ',') FROM (SELECT "
	    "case_id FROM activity_case WHERE activity = a.id "
	    "ORDER BY case_id)) AS cases, a.note FROM v_activity a "
	    "JOIN v_activity_volunteers av ON av.activity = a.id");
	where(&sql, &b, f);
	ws_buf_adds(&sql, f->last > 0 ? " ORDER BY a.id" :
	    " ORDER BY a.date, a.id");
	st = ws_binds_prepare(db, sql.s, &b);
	ws_buf_free(&sql);
	return st;
}

sqlite3_stmt *
ws_activity_summary(sqlite3 *db, const struct ws_activity_filter *f,
    int by)
{
	static const char *const keys[] = { "a.kind", "a.grp", "a.community",
	    "a.org", "aw.worker", "substr(a.date, 1, 7)" };
	ws_buf sql = {0}, outer = {0};
	struct ws_binds b = {0};
	sqlite3_stmt *st;

	if (by < 0 || by > 5)
		ws_bug("ws_activity_summary: bad grouping %d", by);
	ws_buf_printf(&sql, "SELECT %s AS k, count(*) AS activities, "
	    "sum(a.kind = 'group_session') AS sessions, "
	    "sum(a.participants) AS participants, "
	    "sum(av.volunteers) AS volunteers, sum(a.minutes) AS m, "
	    "sum(av.volunteer_minutes) AS vm FROM v_activity a "
	    "JOIN v_activity_volunteers av ON av.activity = a.id%s",
	    keys[by], by == 4 ? " JOIN activity_worker aw ON "
	    "aw.activity = a.id" : "");
	where(&sql, &b, f);
	ws_buf_adds(&sql, " GROUP BY 1");
	ws_buf_printf(&outer, "SELECT k AS \"%s\", activities, sessions, "
	    "participants, volunteers, "
	    "printf('%%d.%%02d', m / 60, (m %% 60 * 100 + 30) / 60) AS hours, "
	    "printf('%%d.%%02d', vm / 60, (vm %% 60 * 100 + 30) / 60) "
	    "AS volunteer_hours FROM (%s) ORDER BY k",
	    ws_activity_summaries[by], sql.s);
	st = ws_binds_prepare(db, outer.s, &b);
	ws_buf_free(&sql);
	ws_buf_free(&outer);
	return st;
}

/* ------------------------------------------------------------- groups */

char *
ws_group_add(sqlite3 *db, const char *code, const char *name,
    const char *org, const char *community)
{
	const char *m;
	sqlite3_stmt *st;

	if ((m = ws_check_code(code)) != NULL)
		return ws_asprintf("group: '%s': %s", code ? code : "", m);
	if (!given(name))
		return ws_strdup("name: missing (expected the group's name)");
	if (ws_query_int(db, "SELECT 1 FROM grp WHERE code = ?", code, 0) == 1)
		return ws_msgf("group: '%s' already exists", code);
	if (given(org) && ws_query_int(db, "SELECT 1 FROM org WHERE code = ?",
	    org, 0) != 1)
		return ws_msgf("org: unknown organisation '%s' (expected an "
		    "organisation code loaded with wushe-db load)", org);
	if (given(community) &&
	    (m = ws_case_check_community(db, community)) != NULL)
		return ws_asprintf("community: %s", m);
	st = ws_prepare(db, "INSERT INTO grp (code, name, org, community) "
	    "VALUES (?1, ?2, ?3, ?4)");
	ws_bind_text(st, 1, code);
	ws_bind_text(st, 2, name);
	ws_bind_text(st, 3, org);
	ws_bind_text(st, 4, community);
	if (ws_step(st) != SQLITE_DONE) {
		char *e = ws_msgf("group: refused by the database: %s",
		    sqlite3_errmsg(db));

		sqlite3_finalize(st);
		return e;
	}
	sqlite3_finalize(st);
	return NULL;
}

sqlite3_stmt *
ws_group_list(sqlite3 *db)
{
	return ws_prepare(db, "SELECT g.code AS \"group\", g.name, g.org, "
	    "g.community, (SELECT count(*) FROM v_activity a WHERE a.grp = "
	    "g.code) AS sessions, (SELECT max(date) FROM v_activity a WHERE "
	    "a.grp = g.code) AS last_session FROM grp g ORDER BY g.code");
}
