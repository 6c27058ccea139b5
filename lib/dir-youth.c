/*
 * dir-youth.c - the directory's youth homes (青年之家): the staff list of
 * each home, read and checked in the first phase of a load (directory.c)
 * and written in the second (dirwrite.c); and the rule tying a worker's
 * qualified_on to a qualification.  Issue 17, workforce-report(1).
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "dir.h"

static const char *const staff_keys[] = { "worker", "from", "to", NULL };

/* An optional date of a staff item: 0 and *out set (NULL when not
 * given), or -1 after reporting. */
static int
staffdate(struct dctx *c, const ws_ynode *it, const char *key,
    const char *name, const char **out)
{
	const ws_ynode *v = ws_ymap_get(it, key);

	*out = NULL;
	if (ws_ynull(v) || (v->type == WS_Y_SCALAR && *v->val == '\0'))
		return 0;
	if (ws_yget_str(&c->y, v, name) == NULL ||
	    ws_yverdict(&c->y, v, name, ws_check_date(v->val)) == -1)
		return -1;
	*out = v->val;
	return 0;
}

void
ws_dir_staff_read(struct dctx *c, const ws_ynode *n, struct entry *e)
{
	const ws_ynode *it, *v;
	struct staff *s;
	size_t i;

	if (n->type != WS_Y_SEQ) {
		ws_yproblem(&c->y, n->line, n->col, "staff", "wrong type: %s "
		    "(expected a list of {worker, from, to})",
		    ws_ytypename(n));
		return;
	}
	e->staff = ws_calloc(n->n, sizeof *e->staff);
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (it->type != WS_Y_MAP) {
			ws_yproblem(&c->y, it->line, it->col, "staff",
			    "wrong type: %s (expected a mapping {worker, "
			    "from, to})", ws_ytypename(it));
			continue;
		}
		if (ws_ykeys(&c->y, it, "staff", staff_keys) == -1)
			continue;
		s = &e->staff[e->nstaff];
		if (ws_ynull(v = ws_ymap_get(it, "worker"))) {
			ws_yproblem(&c->y, it->line, it->col, "staff.worker",
			    "missing (required)");
			continue;
		}
		if (ws_yget_code(&c->y, v, "staff.worker", &s->worker) == -1)
			continue;
		s->line = v->line;
		s->col = v->col;
		if (staffdate(c, it, "from", "staff.from", &s->from) == -1 ||
		    staffdate(c, it, "to", "staff.to", &s->to) == -1)
			continue;
		if (s->from != NULL && s->to != NULL &&
		    strcmp(s->to, s->from) < 0) {
			v = ws_ymap_get(it, "to");
			ws_yproblem(&c->y, v->line, v->col, "staff.to", "'%s': "
			    "before from %s (expected the same day or later)",
			    s->to, s->from);
			continue;
		}
		e->nstaff++;
	}
}

/* Non-zero when the periods of a and b share a day. */
static int
overlap(const struct staff *a, const struct staff *b)
{
	const char *af = a->from ? a->from : "", *bf = b->from ? b->from : "";
	const char *at = a->to ? a->to : "9999", *bt = b->to ? b->to : "9999";

	return strcmp(af, bt) <= 0 && strcmp(bf, at) <= 0;
}

void
ws_dir_staff_check(struct dctx *c, struct entry *e)
{
	const struct staff *s, *t;
	size_t i, j;

	for (i = 0; i < e->nstaff; i++) {
		s = &e->staff[i];
		if (!ws_dir_known(c, WS_DIR_WORKERS, s->worker)) {
			ws_dir_refproblem(c, WS_DIR_WORKERS, "staff.worker",
			    s->worker, s->line, s->col);
			continue;
		}
		for (j = 0; j < i; j++) {
			t = &e->staff[j];
			if (strcmp(s->worker, t->worker) == 0 &&
			    overlap(s, t)) {
				ws_yproblem(&c->y, s->line, s->col,
				    "staff.worker", "'%s': listed twice for "
				    "the same days (the first at %ld:%ld; "
				    "expected periods apart)", s->worker,
				    t->line, t->col);
				break;
			}
		}
	}
}

void
ws_dir_qual_check(struct dctx *c, struct entry *e)
{
	const struct field *fs = ws_dir_kinds[WS_DIR_WORKERS].fields;
	const struct val *q = &e->v[ws_dir_fieldindex(fs, "qualification")];
	const struct val *on = &e->v[ws_dir_fieldindex(fs, "qualified_on")];

	if (on->set && (!q->set || strcmp(q->s, "none") == 0))
		ws_yproblem(&c->y, on->line, on->col, "qualified_on", "'%s': "
		    "a certificate's date with no qualification (expected "
		    "qualification assistant, intermediate or senior)", on->s);
}

static int
cmpnull(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int
cmpstaff(const void *a, const void *b)
{
	const struct staff *x = a, *y = b;
	int r;

	if ((r = strcmp(x->worker, y->worker)) != 0)
		return r;
	if ((r = cmpnull(x->from, y->from)) != 0)
		return r;
	return cmpnull(x->to, y->to);
}

static int
samecol(sqlite3_stmt *st, int col, const char *s)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t == NULL ? s == NULL : s != NULL &&
	    strcmp((const char *)t, s) == 0;
}

void
ws_dir_staff_write(struct dctx *c, struct entry *e, int isnew, ws_buf *what)
{
	const char *code = e->v[0].s;
	sqlite3_stmt *st;
	size_t i;
	int same = 1;

	if (e->nstaff > 0)	/* qsort must not be given NULL, even for 0 */
		qsort(e->staff, e->nstaff, sizeof *e->staff, cmpstaff);
	st = ws_prepare(c->db, "SELECT worker, served_from, served_to FROM "
	    "youth_home_staff WHERE youth_home = ?1 ORDER BY worker, "
	    "coalesce(served_from, ''), coalesce(served_to, '')");
	ws_bind_text(st, 1, code);
	for (i = 0; ws_step(st) == SQLITE_ROW; i++)
		if (i >= e->nstaff || !samecol(st, 0, e->staff[i].worker) ||
		    !samecol(st, 1, e->staff[i].from) ||
		    !samecol(st, 2, e->staff[i].to))
			same = 0;
	sqlite3_finalize(st);
	if (same && i == e->nstaff)
		return;
	if (!isnew)
		ws_buf_adds(what, what->len ? ", staff" : "staff");
	st = ws_prepare(c->db, "DELETE FROM youth_home_staff WHERE "
	    "youth_home = ?1");
	ws_bind_text(st, 1, code);
	ws_step(st);
	sqlite3_finalize(st);
	st = ws_prepare(c->db, "INSERT INTO youth_home_staff (youth_home, "
	    "worker, served_from, served_to) VALUES (?1, ?2, ?3, ?4)");
	for (i = 0; i < e->nstaff; i++) {
		sqlite3_reset(st);
		ws_bind_text(st, 1, code);
		ws_bind_text(st, 2, e->staff[i].worker);
		ws_bind_text(st, 3, e->staff[i].from);
		ws_bind_text(st, 4, e->staff[i].to);
		if (ws_step(st) != SQLITE_DONE)
			ws_db_die(c->db, SQLITE_CONSTRAINT, "staff");
	}
	sqlite3_finalize(st);
}
