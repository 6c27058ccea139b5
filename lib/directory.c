/*
 * directory.c - the reference directory (communities, orgs, contracts,
 * workers, groups, interns, volunteers) loaded from YAML.
 *
 * Loading has two phases.  The first, here, reads every file, checks every
 * field and every reference, and reports every problem; nothing is
 * written.  The second (dirwrite.c), only when there was no problem,
 * compares each entry with the row of the same code and inserts or
 * updates it, all in one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "dir.h"

static const struct field community_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "street", "street", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "district", "district", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "city", "city", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

static const struct field org_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "kind", "kind", F_WORD, 1, ws_org_kinds, "organisation kind", 0, 0 },
	{ "credit_code", "credit_code", F_CREDIT, 0, NULL, NULL, 0, 0 },
	{ "registered", "registered", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "deregistered", "deregistered", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "county", "county", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "supervisor_unit", "supervisor_unit", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "brand_since", "brand_since", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "hub", "hub", F_BOOL, 0, NULL, NULL, 0, 0 },
	/* issue 17: designations, league affiliation (county: issue 15) */
	{ "training_base", "training_base", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "demonstration_unit", "demonstration_unit", F_DATE, 0, NULL, NULL,
	    0, 0 },
	{ "league_affiliated", "league_affiliated", F_BOOL, 0, NULL, NULL, 0,
	    0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

static const struct field contract_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "title", "title", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "kind", "kind", F_WORD, 1, ws_contract_kinds, "contract kind", 0,
	    0 },
	{ "purchaser", "purchaser", F_REF, 1, NULL, NULL, WS_DIR_ORGS, 0 },
	{ "provider", "provider", F_REF, 1, NULL, NULL, WS_DIR_ORGS, 0 },
	{ "start", "start", F_DATE, 1, NULL, NULL, 0, 0 },
	{ "end", "end", F_DATE, 1, NULL, NULL, 0, 0 },
	{ "amount", "amount_fen", F_MONEY, 1, NULL, NULL, 0, 0 },
	{ "new_spending", "new_spending", F_BOOL, 0, NULL, NULL, 0, 0 },
	{ "funding", NULL, F_SPECIAL, 0, NULL, NULL, 0, 0 },
	{ "targets", NULL, F_SPECIAL, 0, NULL, NULL, 0, 0 },
	{ "payments", NULL, F_SPECIAL, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

static const struct field worker_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "org", "org", F_REF, 1, NULL, NULL, WS_DIR_ORGS, 0 },
	{ "level", "level", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "youth_affairs", "youth_affairs", F_BOOL, 0, NULL, NULL, 0, 0 },
	{ "active_from", "active_from", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "active_to", "active_to", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "contract", "contract", F_REF, 0, NULL, NULL, WS_DIR_CONTRACTS, 0 },
	/* issue 17: the qualification, its certificate's date, the county */
	{ "qualification", "qualification", F_WORD, 0, ws_qualifications,
	    "qualification", 0, 0 },
	{ "qualified_on", "qualified_on", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "county", "county", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

static const struct field group_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "org", "org", F_REF, 0, NULL, NULL, WS_DIR_ORGS, 0 },
	{ "community", "community", F_REF, 0, NULL, NULL, WS_DIR_COMMUNITIES,
	    0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

static const struct field intern_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "id_number", "id_number", F_IDNUM, 0, NULL, NULL, 0, 0 },
	{ "school", "school", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "major", "major", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "full_time", "full_time", F_BOOL, 0, NULL, NULL, 0, 1 },
	{ "hukou_city", "hukou_city", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "org", "org", F_REF, 1, NULL, NULL, WS_DIR_ORGS, 0 },
	{ "supervisor", "supervisor", F_REF, 0, NULL, NULL, WS_DIR_WORKERS, 0 },
	{ "academic_supervisor", "academic_supervisor", F_TEXT, 0, NULL, NULL,
	    0, 0 },
	{ "start", "start", F_DATE, 1, NULL, NULL, 0, 0 },
	{ "end", "end", F_DATE, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

static const struct field volunteer_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "id_number", "id_number", F_IDNUM, 0, NULL, NULL, 0, 0 },
	{ "phone", "phone", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "community", "community", F_REF, 0, NULL, NULL, WS_DIR_COMMUNITIES,
	    0 },
	{ "team", "team", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "skills", "skills", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "registered", "registered", F_DATE, 1, NULL, NULL, 0, 0 },
	{ "left", "left_on", F_DATE, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

/* issue 17: youth homes (青年之家) and who serves in them (dir-youth.c) */
static const struct field youth_home_fields[] = {
	{ "code", "code", F_CODE, 1, NULL, NULL, 0, 0 },
	{ "name", "name", F_NAME, 1, NULL, NULL, 0, 0 },
	{ "county", "county", F_TEXT, 0, NULL, NULL, 0, 0 },
	{ "community", "community", F_REF, 0, NULL, NULL, WS_DIR_COMMUNITIES,
	    0 },
	{ "opened", "opened", F_DATE, 0, NULL, NULL, 0, 0 },
	{ "staff", NULL, F_SPECIAL, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, 0, 0 }
};

/* In load order: an entry refers only to kinds before it, except an
 * intern's supervisor (a worker), which comes before interns too.
 * Payments are written with their contracts. */
const struct ws_dirkind ws_dir_kinds[WS_DIR_NKINDS] = {
	{ "communities", "community", "community", community_fields },
	{ "orgs", "org", "org", org_fields },
	{ "contracts", "contract", "contract", contract_fields },
	{ "workers", "worker", "worker", worker_fields },
	{ "groups", "group", "grp", group_fields },
	{ "interns", "intern", "intern", intern_fields },
	{ "payments", "payment", "payment", NULL },
	{ "volunteers", "volunteer", "volunteer", volunteer_fields },
	{ "youth_homes", "youth home", "youth_home", youth_home_fields },
};

/* Parse one field value into v; returns -1 after reporting a problem. */
static int
getfield(struct dctx *c, const struct field *f, const ws_ynode *n,
    struct val *v)
{
	const char *s;
	int i;

	v->line = n->line;
	v->col = n->col;
	if ((s = ws_yget_str(&c->y, n, f->key)) == NULL)
		return -1;
	v->s = s;
	v->set = 1;
	switch (f->type) {
	case F_CODE:
	case F_REF:
		return ws_yget_code(&c->y, n, f->key, &s);
	case F_NAME:
	case F_TEXT:
		return 0;
	case F_WORD:
		return ws_yget_word(&c->y, n, f->key, f->words, f->what, &i);
	case F_CREDIT:
		return ws_yverdict(&c->y, n, f->key,
		    ws_check_credit_code(s));
	case F_DATE:
		return ws_yverdict(&c->y, n, f->key, ws_check_date(s));
	case F_BOOL:
		v->isint = 1;
		if (ws_yget_bool(&c->y, n, f->key, &i) == -1)
			return -1;
		v->i = i;
		return 0;
	case F_MONEY:
		v->isint = 1;
		return ws_yget_money(&c->y, n, f->key, &v->i);
	case F_IDNUM:
		return ws_yverdict(&c->y, n, f->key, ws_check_id_number(s,
		    NULL, NULL));
	case F_SPECIAL:
		break;
	}
	return 0;
}

int
ws_dir_fieldindex(const struct field *fs, const char *key)
{
	int i;

	for (i = 0; fs[i].key != NULL; i++)
		if (strcmp(fs[i].key, key) == 0)
			return i;
	return -1;
}

static const char *const fund_keys[] = { "funder", "amount", NULL };
static const char *const pay_keys[] = { "date", "amount", "note", NULL };

static void
funding(struct dctx *c, const ws_ynode *n, struct entry *e)
{
	const ws_ynode *it, *v;
	size_t i, j;
	int bad;

	if (n->type != WS_Y_SEQ) {
		ws_yproblem(&c->y, n->line, n->col, "funding", "wrong type: %s "
		    "(expected a list of {funder, amount})", ws_ytypename(n));
		return;
	}
	e->fund = ws_calloc(n->n, sizeof *e->fund);
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (it->type != WS_Y_MAP) {
			ws_yproblem(&c->y, it->line, it->col, "funding",
			    "wrong type: %s (expected a mapping {funder, "
			    "amount})", ws_ytypename(it));
			continue;
		}
		ws_ykeys(&c->y, it, "", fund_keys);
		bad = 0;
		if (ws_ynull(v = ws_ymap_get(it, "funder"))) {
			ws_yproblem(&c->y, it->line, it->col, "funding.funder",
			    "missing (required)");
			continue;
		}
		if (ws_yget_str(&c->y, v, "funding.funder") == NULL ||
		    ws_yverdict(&c->y, v, "funding.funder",
		    ws_check_code(v->val)) == -1)
			continue;
		for (j = 0; j < e->nfund; j++)
			if (strcmp(e->fund[j].funder, v->val) == 0) {
				ws_yproblem(&c->y, v->line, v->col,
				    "funding.funder", "'%s': listed twice "
				    "(expected one entry per funder)", v->val);
				bad = 1;
			}
		e->fund[e->nfund].funder = v->val;
		e->fund[e->nfund].line = v->line;
		e->fund[e->nfund].col = v->col;
		if (ws_ynull(v = ws_ymap_get(it, "amount"))) {
			ws_yproblem(&c->y, it->line, it->col, "funding.amount",
			    "missing (required)");
			continue;
		}
		if (ws_yget_money(&c->y, v, "funding.amount",
		    &e->fund[e->nfund].fen) == -1 || bad)
			continue;
		e->nfund++;
	}
}

static void
targets(struct dctx *c, const ws_ynode *n, struct entry *e)
{
	const ws_ynode *v;
	const char *s, *bad;
	char *list;
	size_t i;
	int m;

	if (n->type != WS_Y_MAP) {
		ws_yproblem(&c->y, n->line, n->col, "targets", "wrong type: %s "
		    "(expected a mapping of measure: target)", ws_ytypename(n));
		return;
	}
	e->tgt = ws_calloc(n->n, sizeof *e->tgt);
	for (i = 0; i < n->n; i++) {
		v = n->vals[i];
		if ((m = ws_word_index(n->keys[i], ws_measures)) < 0) {
			list = ws_words_join(ws_measures);
			ws_yproblem(&c->y, n->klines[i], n->kcols[i], "targets",
			    "'%s': unknown measure (expected one of: %s)",
			    n->keys[i], list);
			free(list);
			continue;
		}
		if ((s = ws_yget_str(&c->y, v, n->keys[i])) == NULL)
			continue;
		if (ws_measure_words[m].hours)	/* kept in minutes */
			bad = ws_parse_hours(s, &e->tgt[e->ntgt].v);
		else
			bad = ws_parse_int(s, 0, INT64_MAX / 2,
			    &e->tgt[e->ntgt].v);
		if (ws_yverdict(&c->y, v, n->keys[i], bad) == -1)
			continue;
		e->tgt[e->ntgt++].measure = ws_measures[m];
	}
}

static void
payments(struct dctx *c, const ws_ynode *n, struct entry *e)
{
	const ws_ynode *it, *v;
	struct pay *p;
	size_t i;

	if (n->type != WS_Y_SEQ) {
		ws_yproblem(&c->y, n->line, n->col, "payments", "wrong type: "
		    "%s (expected a list of {date, amount, note})",
		    ws_ytypename(n));
		return;
	}
	e->pay = ws_calloc(n->n, sizeof *e->pay);
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (it->type != WS_Y_MAP) {
			ws_yproblem(&c->y, it->line, it->col, "payments",
			    "wrong type: %s (expected a mapping {date, amount, "
			    "note})", ws_ytypename(it));
			continue;
		}
		ws_ykeys(&c->y, it, "", pay_keys);
		p = &e->pay[e->npay];
		if (ws_ynull(v = ws_ymap_get(it, "date"))) {
			ws_yproblem(&c->y, it->line, it->col, "payments.date",
			    "missing (required)");
			continue;
		}
		if (ws_yget_str(&c->y, v, "payments.date") == NULL ||
		    ws_yverdict(&c->y, v, "payments.date",
		    ws_check_date(v->val)))
			continue;
		p->date = v->val;
		if (ws_ynull(v = ws_ymap_get(it, "amount"))) {
			ws_yproblem(&c->y, it->line, it->col, "payments.amount",
			    "missing (required)");
			continue;
		}
		if (ws_yget_money(&c->y, v, "payments.amount", &p->fen) == -1)
			continue;
		if (p->fen == 0) {
			ws_yproblem(&c->y, v->line, v->col, "payments.amount",
			    "'%s': zero (expected an amount paid)", v->val);
			continue;
		}
		if (!ws_ynull(v = ws_ymap_get(it, "note")) && *v->val != '\0') {
			if (ws_yget_str(&c->y, v, "payments.note") == NULL)
				continue;
			p->note = v->val;
		}
		e->npay++;
	}
}

/* The entry with this code among the files' entries of kind k, or NULL. */
struct entry *
ws_dir_findent(struct dctx *c, int k, const char *code)
{
	size_t i;

	for (i = 0; i < c->nents[k]; i++)
		if (c->ents[k][i].v[0].set &&
		    strcmp(c->ents[k][i].v[0].s, code) == 0)
			return &c->ents[k][i];
	return NULL;
}

static int
indb(struct dctx *c, int k, const char *code)
{
	sqlite3_stmt *st;
	char *sql;
	int r;

	sql = ws_asprintf("SELECT 1 FROM %s WHERE code = ?1",
	    ws_dir_kinds[k].table);
	st = ws_prepare(c->db, sql);
	free(sql);
	ws_bind_text(st, 1, code);
	r = ws_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return r;
}

static int
known(struct dctx *c, int k, const char *code)
{
	return ws_dir_findent(c, k, code) != NULL || indb(c, k, code);
}

static void
refproblem(struct dctx *c, int k, const char *key, const char *code,
    long line, long col)
{
	ws_yproblem(&c->y, line, col, key, "unknown %s '%s' (not in the files "
	    "or the database)", ws_dir_kinds[k].noun, code);
}

/* issue 17: the two above, for dir-youth.c */
int
ws_dir_known(struct dctx *c, int k, const char *code)
{
	return known(c, k, code);
}

void
ws_dir_refproblem(struct dctx *c, int k, const char *key, const char *code,
    long line, long col)
{
	refproblem(c, k, key, code, line, col);
}

/* Read one entry (a mapping) of kind k. */
static void
readentry(struct dctx *c, int k, const ws_ynode *n)
{
	const struct field *fs = ws_dir_kinds[k].fields;
	const char *keys[16];
	struct entry *e, *dup;
	const ws_ynode *v;
	int i, nf;

	if (n->type != WS_Y_MAP) {
		ws_yproblem(&c->y, n->line, n->col, ws_dir_kinds[k].name,
		    "wrong type: %s (expected a mapping for each %s)",
		    ws_ytypename(n), ws_dir_kinds[k].noun);
		return;
	}
	for (nf = 0; fs[nf].key != NULL; nf++)
		keys[nf] = fs[nf].key;
	keys[nf] = NULL;
	ws_ykeys(&c->y, n, "", keys);
	c->ents[k] = ws_realloc(c->ents[k], (c->nents[k] + 1) *
	    sizeof *c->ents[k]);
	e = &c->ents[k][c->nents[k]];
	memset(e, 0, sizeof *e);
	e->file = c->y.file;
	e->line = n->line;
	e->col = n->col;
	e->v = ws_calloc((size_t)nf, sizeof *e->v);
	for (i = 0; i < nf; i++) {
		v = ws_ymap_get(n, fs[i].key);
		if (fs[i].type == F_SPECIAL) {
			if (ws_ynull(v))
				continue;
			if (strcmp(fs[i].key, "funding") == 0)
				funding(c, v, e);
			else if (strcmp(fs[i].key, "staff") == 0)
				ws_dir_staff_read(c, v, e);
			else if (strcmp(fs[i].key, "targets") == 0)
				targets(c, v, e);
			else {
				e->payline = v->line;
				e->paycol = v->col;
				payments(c, v, e);
			}
			continue;
		}
		if (ws_ynull(v) || (v->type == WS_Y_SCALAR &&
		    *v->val == '\0')) {
			if (fs[i].req)
				ws_yproblem(&c->y, n->line, n->col, fs[i].key,
				    "missing (required for each %s)",
				    ws_dir_kinds[k].noun);
			else if (fs[i].type == F_BOOL) {
				e->v[i].set = e->v[i].isint = 1;
				e->v[i].i = fs[i].def;
			}
			continue;
		}
		if (getfield(c, &fs[i], v, &e->v[i]) == -1)
			e->v[i].set = 0;
	}
	if (e->v[0].set && (dup = ws_dir_findent(c, k, e->v[0].s)) != NULL) {
		ws_yproblem(&c->y, e->v[0].line, e->v[0].col, "code", "'%s': a "
		    "second %s with this code (the first is at %s:%ld)",
		    e->v[0].s, ws_dir_kinds[k].noun, dup->file, dup->line);
		e->v[0].set = 0;
	}
	c->nents[k]++;
}

static void
readfile(struct dctx *c, const char *file, const ws_ynode *root)
{
	static const char *names[WS_DIR_NKINDS + 1];
	const ws_ynode *seq;
	size_t i, j;
	int k;

	/* every kind but payments (a contract's key), in order, then the
	 * calendar, which is not a kind of entry */
	for (k = j = 0; k < WS_DIR_NKINDS; k++)
		if (k != WS_DIR_PAYMENTS)
			names[j++] = ws_dir_kinds[k].name;
	names[j++] = "calendar";
	names[j] = NULL;
	c->y.file = file;
	if (root->type != WS_Y_MAP) {
		ws_yproblem(&c->y, root->line, root->col, "directory", "wrong "
		    "type: %s (expected a mapping with keys communities, orgs, "
		    "contracts, workers, groups, interns, volunteers, youth_homes, "
		    "calendar)",
		    ws_ytypename(root));
		return;
	}
	ws_ykeys(&c->y, root, "", names);
	for (i = 0; i < root->n; i++) {
		if ((k = ws_word_index(root->keys[i], names)) < 0)
			continue;
		if (k == WS_DIR_NKINDS - 1) {	/* "calendar" */
			ws_dir_calendar(c, root->vals[i]);
			continue;
		}
		if (k >= WS_DIR_PAYMENTS)
			k++;
		c->present[k] = 1;
		if (k == WS_DIR_CONTRACTS)
			c->present[WS_DIR_PAYMENTS] = 1;
		seq = root->vals[i];
		if (ws_ynull(seq))
			continue;
		if (seq->type != WS_Y_SEQ) {
			ws_yproblem(&c->y, seq->line, seq->col, root->keys[i],
			    "wrong type: %s (expected a list of %s entries)",
			    ws_ytypename(seq), ws_dir_kinds[k].noun);
			continue;
		}
		for (j = 0; j < seq->n; j++)
			readentry(c, k, seq->items[j]);
	}
}

/* Order of two dates given as fields a and b of e (either may be unset). */
static void
checkorder(struct dctx *c, struct entry *e, const struct field *fs,
    const char *a, const char *b)
{
	struct val *va = &e->v[ws_dir_fieldindex(fs, a)];
	struct val *vb = &e->v[ws_dir_fieldindex(fs, b)];

	if (va->set && vb->set && strcmp(vb->s, va->s) < 0)
		ws_yproblem(&c->y, vb->line, vb->col, b, "'%s': before %s %s "
		    "(expected the same day or later)", vb->s, a, va->s);
}

/* The rule that ties an intern to the directory (ws_intern_check, the
 * one intern-hours --add applies): its supervisor works at the host.  The
 * supervisor's employer comes from the files, else from the database. */
static void
checkintern(struct dctx *c, struct entry *e, const struct field *fs)
{
	const struct val *org = &e->v[ws_dir_fieldindex(fs, "org")];
	const struct val *sup = &e->v[ws_dir_fieldindex(fs, "supervisor")];
	const struct val *wo;
	struct entry *w;
	char *sup_org = NULL, *m;

	if (!org->set || !sup->set)
		return;
	if ((w = ws_dir_findent(c, WS_DIR_WORKERS, sup->s)) != NULL) {
		wo = &w->v[ws_dir_fieldindex(ws_dir_kinds[WS_DIR_WORKERS].fields, "org")];
		sup_org = wo->set ? ws_strdup(wo->s) : NULL;
	} else
		sup_org = ws_query_text(c->db, "SELECT org FROM worker "
		    "WHERE code = ?", sup->s);
	if ((m = ws_intern_check(org->s, sup->s, sup_org)) != NULL) {
		ws_yproblem(&c->y, sup->line, sup->col, "supervisor", "%s", m);
		free(m);
	}
	free(sup_org);
}

/* Add fen (never negative) to *sum; 1 when the total no longer fits in
 * int64 fen, and so is more than any amount. */
int
ws_dir_addfen(int64_t *sum, int64_t fen)
{
	if (fen > INT64_MAX - *sum)
		return 1;
	*sum += fen;
	return 0;
}

/* A total for messages: "over 92233720368547758.07" when it overflowed. */
void
ws_dir_overfen(int ovf, int64_t sum, char out[32])
{
	if (ovf)
		memcpy(out, "over 92233720368547758.07", 26);
	else
		ws_fen_str(sum, out);
}

/* A volunteer's phone, and team: an org or a group (in the files or the
 * database; ws_volunteer_team_check is the same rule for --add). */
static void
checkvolunteer(struct dctx *c, struct entry *e, const struct field *fs)
{
	struct val *ph = &e->v[ws_dir_fieldindex(fs, "phone")];
	struct val *t = &e->v[ws_dir_fieldindex(fs, "team")];
	const char *m;

	if (ph->set && (m = ws_check_phone(ph->s)) != NULL)
		ws_yproblem(&c->y, ph->line, ph->col, "phone", "'%s': %s",
		    ph->s, m);
	if (t->set && !known(c, WS_DIR_ORGS, t->s) &&
	    !known(c, WS_DIR_GROUPS, t->s))
		ws_yproblem(&c->y, t->line, t->col, "team", "unknown team '%s' "
		    "(expected the code of an org or a group, in the files or "
		    "the database)", t->s);
}

/* Second half of phase one: references and rules across fields. */
static void
crosscheck(struct dctx *c, const char *const *files)
{
	const struct field *fs;
	struct entry *e;
	char a[32], b[32];
	int64_t sum;
	size_t i, j;
	int k, f, ovf;

	for (k = 0; k < WS_DIR_NKINDS; k++) {
		if (k == WS_DIR_PAYMENTS)
			continue;
		fs = ws_dir_kinds[k].fields;
		for (i = 0; i < c->nents[k]; i++) {
			e = &c->ents[k][i];
			c->y.file = e->file;
			for (f = 0; fs[f].key != NULL; f++)
				if (fs[f].type == F_REF && e->v[f].set &&
				    !known(c, fs[f].ref, e->v[f].s))
					refproblem(c, fs[f].ref, fs[f].key,
					    e->v[f].s, e->v[f].line,
					    e->v[f].col);
			if (k == WS_DIR_CONTRACTS)
				checkorder(c, e, fs, "start", "end");
			else if (k == WS_DIR_ORGS)
				checkorder(c, e, fs, "registered",
				    "deregistered");
			else if (k == WS_DIR_WORKERS) {
				checkorder(c, e, fs, "active_from",
				    "active_to");
				ws_dir_qual_check(c, e);
			} else if (k == WS_DIR_YOUTH_HOMES)
				ws_dir_staff_check(c, e);
			else if (k == WS_DIR_INTERNS) {
				checkorder(c, e, fs, "start", "end");
				checkintern(c, e, fs);
			} else if (k == WS_DIR_VOLUNTEERS) {
				checkorder(c, e, fs, "registered", "left");
				checkvolunteer(c, e, fs);
			}
			if (k != WS_DIR_CONTRACTS)
				continue;
			sum = 0;
			ovf = 0;
			for (j = 0; j < e->nfund; j++) {
				if (!known(c, WS_DIR_ORGS, e->fund[j].funder))
					refproblem(c, WS_DIR_ORGS,
					    "funding.funder",
					    e->fund[j].funder,
					    e->fund[j].line, e->fund[j].col);
				ovf |= ws_dir_addfen(&sum, e->fund[j].fen);
			}
			f = ws_dir_fieldindex(fs, "amount");
			if (!e->v[f].set)
				continue;
			ws_fen_str(e->v[f].i, b);
			if (ovf || sum > e->v[f].i) {
				ws_dir_overfen(ovf, sum, a);
				ws_yproblem(&c->y, e->line, e->col, "funding",
				    "funders give %s in all, more than the "
				    "amount %s (expected at most the amount)",
				    a, b);
			}
			sum = 0;
			ovf = 0;
			for (j = 0; j < e->npay; j++)
				ovf |= ws_dir_addfen(&sum, e->pay[j].fen);
			if (ovf || sum > e->v[f].i) {
				ws_dir_overfen(ovf, sum, a);
				ws_yproblem(&c->y, e->payline, e->paycol,
				    "payments", "payments total %s, more than "
				    "the amount %s (expected at most the "
				    "amount)", a, b);
			}
		}
	}
	(void)files;
}

static void
freectx(struct dctx *c)
{
	struct entry *e;
	size_t i;
	int k;

	for (k = 0; k < WS_DIR_NKINDS; k++) {
		for (i = 0; i < c->nents[k]; i++) {
			e = &c->ents[k][i];
			free(e->v);
			free(e->fund);
			free(e->tgt);
			free(e->pay);
			free(e->staff);
		}
		free(c->ents[k]);
	}
	free(c->cal);
	ws_buf_free(&c->notes);
}

long
ws_dir_load(sqlite3 *db, int nfiles, char *const *files,
    struct ws_dir_count *counts, ws_err *e)
{
	struct dctx c;
	ws_ynode **trees;
	char *err;
	const char *p, *q;
	FILE *fp;
	long nerr;
	int i, k;

	memset(&c, 0, sizeof c);
	c.db = db;
	c.y.warn = 1;
	for (k = 0; k < WS_DIR_NKINDS; k++) {
		memset(&counts[k], 0, sizeof counts[k]);
		counts[k].kind = ws_dir_kinds[k].name;
	}
	trees = ws_calloc((size_t)nfiles, sizeof *trees);
	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0)
			fp = stdin;
		else if ((fp = fopen(files[i], "r")) == NULL) {
			ws_err_set(e, EX_NOINPUT, NULL, "cannot open '%s':",
			    files[i]);
			while (i-- > 0)
				ws_yaml_free(trees[i]);
			free(trees);
			return -1;
		}
		trees[i] = ws_yaml_load(fp, strcmp(files[i], "-") == 0 ?
		    "<stdin>" : files[i], &err);
		if (fp != stdin)
			fclose(fp);
		if (trees[i] == NULL) {
			ws_warn("%s", err);
			free(err);
			c.y.nerr++;
		}
	}
	ws_begin(db);
	for (i = 0; i < nfiles; i++)
		if (trees[i] != NULL)
			readfile(&c, strcmp(files[i], "-") == 0 ? "<stdin>" :
			    files[i], trees[i]);
	crosscheck(&c, (const char *const *)files);
	if (c.y.nerr == 0) {
		ws_dir_write(&c, counts);
		ws_dir_calendar_write(&c);
	}
	if (c.y.nerr == 0) {
		ws_commit(db);
		for (p = ws_buf_str(&c.notes); *p; p = q + 1) {
			q = strchr(p, '\n');
			ws_warn("%.*s", (int)(q - p), p);
		}
	} else
		ws_rollback(db);
	nerr = c.y.nerr;
	freectx(&c);
	for (i = 0; i < nfiles; i++)
		ws_yaml_free(trees[i]);
	free(trees);
	return nerr;
}
