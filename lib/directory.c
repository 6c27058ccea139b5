/*
 * directory.c - the reference directory (communities, orgs, contracts,
 * workers, groups, interns) loaded from YAML, and the database checks and
 * online backup that wushe-db runs.
 *
 * Loading has two phases.  The first reads every file, checks every field
 * and every reference, and reports every problem; nothing is written.  The
 * second, only when there was no problem, compares each entry with the row
 * of the same code and inserts or updates it, all in one transaction.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

enum ftype {
	F_CODE,		/* the entry's code (first field, required) */
	F_NAME,		/* required text */
	F_TEXT,		/* optional text */
	F_WORD,		/* a word from a vocabulary */
	F_CREDIT,	/* unified social credit code */
	F_DATE,		/* YYYY-MM-DD */
	F_BOOL,		/* true or false */
	F_MONEY,	/* yuan, stored as fen */
	F_REF,		/* code of another entry */
	F_IDNUM,	/* resident ID number */
	F_SPECIAL,	/* contract funding, targets, payments */
};

struct field {
	const char *key;	/* YAML key */
	const char *col;	/* column; NULL for F_SPECIAL */
	enum ftype type;
	int req;		/* required */
	const char *const *words;	/* F_WORD vocabulary */
	const char *what;	/* F_WORD: what the word is */
	int ref;		/* F_REF: kind referred to */
	int def;		/* F_BOOL: default */
};

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

struct kind {
	const char *name;	/* top-level key, summary row */
	const char *noun;	/* in messages */
	const char *table;
	const struct field *fields;
};

/* In load order: an entry refers only to kinds before it, except an
 * intern's supervisor (a worker), which comes before interns too. */
static const struct kind kinds[WS_DIR_NKINDS] = {
	{ "communities", "community", "community", community_fields },
	{ "orgs", "org", "org", org_fields },
	{ "contracts", "contract", "contract", contract_fields },
	{ "workers", "worker", "worker", worker_fields },
	{ "groups", "group", "grp", group_fields },
	{ "interns", "intern", "intern", intern_fields },
	{ "payments", "payment", "payment", NULL },
};

struct val {
	int set;		/* 0: null */
	int isint;
	int64_t i;
	const char *s;		/* points into the YAML tree */
	long line, col;
};

struct fund {
	const char *funder;
	int64_t fen;
	long line, col;
};

struct tgt {
	const char *measure;
	int64_t v;
};

struct pay {
	const char *date;
	int64_t fen;
	const char *note;
	int matched;
};

struct entry {
	const char *file;
	long line, col;
	struct val *v;		/* one per field */
	struct fund *fund;
	size_t nfund;
	struct tgt *tgt;
	size_t ntgt;
	struct pay *pay;
	size_t npay;
	long payline, paycol;
};

struct dctx {
	sqlite3 *db;
	long nerr;
	const char *file;
	struct entry *ents[WS_DIR_NKINDS];
	size_t nents[WS_DIR_NKINDS];
	int present[WS_DIR_NKINDS];
	ws_buf notes;		/* changes and missing entries, printed at
				 * the end when the load succeeds */
};

static void
derr(struct dctx *c, long line, long col, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	ws_buf b = {0};
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	b.s = ws_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ws_warn("%s:%ld:%ld: %s: %s", c->file, line, col, key, b.s);
	free(b.s);
	c->nerr++;
}

static const char *
typename(const ws_ynode *n)
{
	return n->type == WS_Y_MAP ? "a mapping" : n->type == WS_Y_SEQ ?
	    "a list" : "a single value";
}

/* Keys of map must be in the NULL-terminated allowed list. */
static void
checkkeys(struct dctx *c, const ws_ynode *map, const char *const *allowed)
{
	char *list;
	size_t i;

	for (i = 0; i < map->n; i++) {
		if (ws_word_index(map->keys[i], allowed) >= 0)
			continue;
		list = ws_words_join(allowed);
		derr(c, map->klines[i], map->kcols[i], map->keys[i],
		    "unknown key (expected one of: %s)", list);
		free(list);
	}
}

/* The text of a scalar value, or NULL (with an error if not a scalar). */
static const char *
scalar(struct dctx *c, const ws_ynode *n, const char *key)
{
	if (n->type == WS_Y_SCALAR)
		return n->val;
	derr(c, n->line, n->col, key, "wrong type: %s (expected a single "
	    "value)", typename(n));
	return NULL;
}

static int
verdict(struct dctx *c, const ws_ynode *n, const char *key, const char *bad)
{
	if (bad == NULL)
		return 0;
	derr(c, n->line, n->col, key, "'%s': %s", n->val, bad);
	return -1;
}

static int
getbool(struct dctx *c, const ws_ynode *n, const char *key, int64_t *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL)
		return -1;
	if (strcmp(s, "true") == 0)
		*v = 1;
	else if (strcmp(s, "false") == 0)
		*v = 0;
	else {
		derr(c, n->line, n->col, key, "'%s': not a yes/no value "
		    "(expected true or false)", s);
		return -1;
	}
	return 0;
}

static int
getmoney(struct dctx *c, const ws_ynode *n, const char *key, int64_t *v)
{
	const char *s = scalar(c, n, key);

	if (s == NULL)
		return -1;
	return verdict(c, n, key, ws_parse_money(s, 0, v));
}

/* Parse one field value into v; returns -1 after reporting a problem. */
static int
getfield(struct dctx *c, const struct field *f, const ws_ynode *n,
    struct val *v)
{
	const char *s;
	char *list;
	int i;

	v->line = n->line;
	v->col = n->col;
	if ((s = scalar(c, n, f->key)) == NULL)
		return -1;
	v->s = s;
	v->set = 1;
	switch (f->type) {
	case F_CODE:
	case F_REF:
		return verdict(c, n, f->key, ws_check_code(s));
	case F_NAME:
	case F_TEXT:
		return 0;
	case F_WORD:
		if ((i = ws_word_index(s, f->words)) >= 0)
			return 0;
		list = ws_words_join(f->words);
		derr(c, n->line, n->col, f->key, "'%s': unknown %s (expected "
		    "one of: %s)", s, f->what, list);
		free(list);
		return -1;
	case F_CREDIT:
		return verdict(c, n, f->key, ws_check_credit_code(s));
	case F_DATE:
		return verdict(c, n, f->key, ws_check_date(s));
	case F_BOOL:
		v->isint = 1;
		return getbool(c, n, f->key, &v->i);
	case F_MONEY:
		v->isint = 1;
		return getmoney(c, n, f->key, &v->i);
	case F_IDNUM:
		return verdict(c, n, f->key, ws_check_id_number(s, NULL,
		    NULL));
	case F_SPECIAL:
		break;
	}
	return 0;
}

static int
fieldindex(const struct field *fs, const char *key)
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
		derr(c, n->line, n->col, "funding", "wrong type: %s (expected "
		    "a list of {funder, amount})", typename(n));
		return;
	}
	e->fund = ws_calloc(n->n, sizeof *e->fund);
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (it->type != WS_Y_MAP) {
			derr(c, it->line, it->col, "funding", "wrong type: %s "
			    "(expected a mapping {funder, amount})",
			    typename(it));
			continue;
		}
		checkkeys(c, it, fund_keys);
		bad = 0;
		if (ws_ynull(v = ws_ymap_get(it, "funder"))) {
			derr(c, it->line, it->col, "funding.funder",
			    "missing (required)");
			continue;
		}
		if (scalar(c, v, "funding.funder") == NULL ||
		    verdict(c, v, "funding.funder",
		    ws_check_code(v->val)) == -1)
			continue;
		for (j = 0; j < e->nfund; j++)
			if (strcmp(e->fund[j].funder, v->val) == 0) {
				derr(c, v->line, v->col, "funding.funder",
				    "'%s': listed twice (expected one entry "
				    "per funder)", v->val);
				bad = 1;
			}
		e->fund[e->nfund].funder = v->val;
		e->fund[e->nfund].line = v->line;
		e->fund[e->nfund].col = v->col;
		if (ws_ynull(v = ws_ymap_get(it, "amount"))) {
			derr(c, it->line, it->col, "funding.amount",
			    "missing (required)");
			continue;
		}
		if (getmoney(c, v, "funding.amount",
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
		derr(c, n->line, n->col, "targets", "wrong type: %s (expected "
		    "a mapping of measure: target)", typename(n));
		return;
	}
	e->tgt = ws_calloc(n->n, sizeof *e->tgt);
	for (i = 0; i < n->n; i++) {
		v = n->vals[i];
		if ((m = ws_word_index(n->keys[i], ws_measures)) < 0) {
			list = ws_words_join(ws_measures);
			derr(c, n->klines[i], n->kcols[i], "targets",
			    "'%s': unknown measure (expected one of: %s)",
			    n->keys[i], list);
			free(list);
			continue;
		}
		if ((s = scalar(c, v, n->keys[i])) == NULL)
			continue;
		if (ws_measure_words[m].hours)	/* kept in minutes */
			bad = ws_parse_hours(s, &e->tgt[e->ntgt].v);
		else
			bad = ws_parse_int(s, 0, INT64_MAX / 2,
			    &e->tgt[e->ntgt].v);
		if (verdict(c, v, n->keys[i], bad) == -1)
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
		derr(c, n->line, n->col, "payments", "wrong type: %s (expected "
		    "a list of {date, amount, note})", typename(n));
		return;
	}
	e->pay = ws_calloc(n->n, sizeof *e->pay);
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (it->type != WS_Y_MAP) {
			derr(c, it->line, it->col, "payments", "wrong type: "
			    "%s (expected a mapping {date, amount, note})",
			    typename(it));
			continue;
		}
		checkkeys(c, it, pay_keys);
		p = &e->pay[e->npay];
		if (ws_ynull(v = ws_ymap_get(it, "date"))) {
			derr(c, it->line, it->col, "payments.date",
			    "missing (required)");
			continue;
		}
		if (scalar(c, v, "payments.date") == NULL ||
		    verdict(c, v, "payments.date", ws_check_date(v->val)))
			continue;
		p->date = v->val;
		if (ws_ynull(v = ws_ymap_get(it, "amount"))) {
			derr(c, it->line, it->col, "payments.amount",
			    "missing (required)");
			continue;
		}
		if (getmoney(c, v, "payments.amount", &p->fen) == -1)
			continue;
		if (p->fen == 0) {
			derr(c, v->line, v->col, "payments.amount", "'%s': "
			    "zero (expected an amount paid)", v->val);
			continue;
		}
		if (!ws_ynull(v = ws_ymap_get(it, "note")) && *v->val != '\0') {
			if (scalar(c, v, "payments.note") == NULL)
				continue;
			p->note = v->val;
		}
		e->npay++;
	}
}

/* The entry with this code among the files' entries of kind k, or NULL. */
static struct entry *
findent(struct dctx *c, int k, const char *code)
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
	    kinds[k].table);
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
	return findent(c, k, code) != NULL || indb(c, k, code);
}

static void
refproblem(struct dctx *c, int k, const char *key, const char *code,
    long line, long col)
{
	derr(c, line, col, key, "unknown %s '%s' (not in the files or the "
	    "database)", kinds[k].noun, code);
}

/* Read one entry (a mapping) of kind k. */
static void
readentry(struct dctx *c, int k, const ws_ynode *n)
{
	const struct field *fs = kinds[k].fields;
	const char *keys[16];
	struct entry *e, *dup;
	const ws_ynode *v;
	int i, nf;

	if (n->type != WS_Y_MAP) {
		derr(c, n->line, n->col, kinds[k].name, "wrong type: %s "
		    "(expected a mapping for each %s)", typename(n),
		    kinds[k].noun);
		return;
	}
	for (nf = 0; fs[nf].key != NULL; nf++)
		keys[nf] = fs[nf].key;
	keys[nf] = NULL;
	checkkeys(c, n, keys);
	c->ents[k] = ws_realloc(c->ents[k], (c->nents[k] + 1) *
	    sizeof *c->ents[k]);
	e = &c->ents[k][c->nents[k]];
	memset(e, 0, sizeof *e);
	e->file = c->file;
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
				derr(c, n->line, n->col, fs[i].key,
				    "missing (required for each %s)",
				    kinds[k].noun);
			else if (fs[i].type == F_BOOL) {
				e->v[i].set = e->v[i].isint = 1;
				e->v[i].i = fs[i].def;
			}
			continue;
		}
		if (getfield(c, &fs[i], v, &e->v[i]) == -1)
			e->v[i].set = 0;
	}
	if (e->v[0].set && (dup = findent(c, k, e->v[0].s)) != NULL) {
		derr(c, e->v[0].line, e->v[0].col, "code", "'%s': a second "
		    "%s with this code (the first is at %s:%ld)", e->v[0].s,
		    kinds[k].noun, dup->file, dup->line);
		e->v[0].set = 0;
	}
	c->nents[k]++;
}

static void
readfile(struct dctx *c, const char *file, const ws_ynode *root)
{
	static const char *names[WS_DIR_NKINDS];
	const ws_ynode *seq;
	size_t i, j;
	int k;

	for (k = 0; k < WS_DIR_PAYMENTS; k++)
		names[k] = kinds[k].name;
	names[WS_DIR_PAYMENTS] = NULL;
	c->file = file;
	if (root->type != WS_Y_MAP) {
		derr(c, root->line, root->col, "directory", "wrong type: %s "
		    "(expected a mapping with keys communities, orgs, "
		    "contracts, workers, groups, interns)", typename(root));
		return;
	}
	checkkeys(c, root, names);
	for (i = 0; i < root->n; i++) {
		if ((k = ws_word_index(root->keys[i], names)) < 0)
			continue;
		c->present[k] = 1;
		if (k == WS_DIR_CONTRACTS)
			c->present[WS_DIR_PAYMENTS] = 1;
		seq = root->vals[i];
		if (ws_ynull(seq))
			continue;
		if (seq->type != WS_Y_SEQ) {
			derr(c, seq->line, seq->col, root->keys[i],
			    "wrong type: %s (expected a list of %s entries)",
			    typename(seq), kinds[k].noun);
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
	struct val *va = &e->v[fieldindex(fs, a)];
	struct val *vb = &e->v[fieldindex(fs, b)];

	if (va->set && vb->set && strcmp(vb->s, va->s) < 0)
		derr(c, vb->line, vb->col, b, "'%s': before %s %s (expected "
		    "the same day or later)", vb->s, a, va->s);
}

/* The rule that ties an intern to the directory (ws_intern_check, the
 * one intern-hours --add applies): its supervisor works at the host.  The
 * supervisor's employer comes from the files, else from the database. */
static void
checkintern(struct dctx *c, struct entry *e, const struct field *fs)
{
	const struct val *org = &e->v[fieldindex(fs, "org")];
	const struct val *sup = &e->v[fieldindex(fs, "supervisor")];
	const struct val *wo;
	struct entry *w;
	char *sup_org = NULL, *m;

	if (!org->set || !sup->set)
		return;
	if ((w = findent(c, WS_DIR_WORKERS, sup->s)) != NULL) {
		wo = &w->v[fieldindex(kinds[WS_DIR_WORKERS].fields, "org")];
		sup_org = wo->set ? ws_strdup(wo->s) : NULL;
	} else
		sup_org = ws_query_text(c->db, "SELECT org FROM worker "
		    "WHERE code = ?", sup->s);
	if ((m = ws_intern_check(org->s, sup->s, sup_org)) != NULL) {
		derr(c, sup->line, sup->col, "supervisor", "%s", m);
		free(m);
	}
	free(sup_org);
}

/* Add fen (never negative) to *sum; 1 when the total no longer fits in
 * int64 fen, and so is more than any amount. */
static int
addfen(int64_t *sum, int64_t fen)
{
	if (fen > INT64_MAX - *sum)
		return 1;
	*sum += fen;
	return 0;
}

/* A total for messages: "over 92233720368547758.07" when it overflowed. */
static void
overfen(int ovf, int64_t sum, char out[32])
{
	if (ovf)
		memcpy(out, "over 92233720368547758.07", 26);
	else
		ws_fen_str(sum, out);
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

	for (k = 0; k < WS_DIR_PAYMENTS; k++) {
		fs = kinds[k].fields;
		for (i = 0; i < c->nents[k]; i++) {
			e = &c->ents[k][i];
			c->file = e->file;
			for (f = 0; fs[f].key != NULL; f++)
				if (fs[f].type == F_REF && e->v[f].set &&
				    !known(c, fs[f].ref, e->v[f].s))
					refproblem(c, fs[f].ref, fs[f].key,
					    e->v[f].s, e->v[f].line,
					    e->v[f].col);
			if (k == WS_DIR_CONTRACTS)
				checkorder(c, e, fs, "start", "end");
			else if (k == WS_DIR_WORKERS)
				checkorder(c, e, fs, "active_from",
				    "active_to");
			else if (k == WS_DIR_INTERNS) {
				checkorder(c, e, fs, "start", "end");
				checkintern(c, e, fs);
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
				ovf |= addfen(&sum, e->fund[j].fen);
			}
			f = fieldindex(fs, "amount");
			if (!e->v[f].set)
				continue;
			ws_fen_str(e->v[f].i, b);
			if (ovf || sum > e->v[f].i) {
				overfen(ovf, sum, a);
				derr(c, e->line, e->col, "funding", "funders "
				    "give %s in all, more than the amount %s "
				    "(expected at most the amount)", a, b);
			}
			sum = 0;
			ovf = 0;
			for (j = 0; j < e->npay; j++)
				ovf |= addfen(&sum, e->pay[j].fen);
			if (ovf || sum > e->v[f].i) {
				overfen(ovf, sum, a);
				derr(c, e->payline, e->paycol, "payments",
				    "payments total %s, more than the amount "
				    "%s (expected at most the amount)", a, b);
			}
		}
	}
	(void)files;
}

/* ---- phase two: writing */

static int
sameval(sqlite3_stmt *st, int col, const struct val *v)
{
	int t = sqlite3_column_type(st, col);
	const char *s;

	if (!v->set)
		return t == SQLITE_NULL;
	if (v->isint)
		return t == SQLITE_INTEGER &&
		    sqlite3_column_int64(st, col) == v->i;
	if (t != SQLITE_TEXT)
		return 0;
	s = (const char *)sqlite3_column_text(st, col);
	return strcmp(s, v->s) == 0;
}

static void
bindval(sqlite3_stmt *st, int i, const struct val *v)
{
	if (!v->set)
		sqlite3_bind_null(st, i);
	else if (v->isint)
		ws_bind_int(st, i, v->i);
	else
		ws_bind_text(st, i, v->s);
}

static int
cmpfund(const void *a, const void *b)
{
	return strcmp(((const struct fund *)a)->funder,
	    ((const struct fund *)b)->funder);
}

static int
cmptgt(const void *a, const void *b)
{
	return strcmp(((const struct tgt *)a)->measure,
	    ((const struct tgt *)b)->measure);
}

/* Replace a contract's funding and targets when they differ from the
 * file; add "funding"/"targets" to what when they did. */
static void
extras(struct dctx *c, struct entry *e, const char *code, int isnew,
    ws_buf *what)
{
	sqlite3_stmt *st;
	size_t i;
	int same;

	if (e->nfund > 0)	/* qsort must not be given NULL, even for 0 */
		qsort(e->fund, e->nfund, sizeof *e->fund, cmpfund);
	if (e->ntgt > 0)
		qsort(e->tgt, e->ntgt, sizeof *e->tgt, cmptgt);

	st = ws_prepare(c->db, "SELECT funder, amount_fen FROM "
	    "contract_funding WHERE contract = ?1 ORDER BY funder");
	ws_bind_text(st, 1, code);
	for (i = 0, same = 1; ws_step(st) == SQLITE_ROW; i++)
		if (i >= e->nfund || strcmp((const char *)
		    sqlite3_column_text(st, 0), e->fund[i].funder) != 0 ||
		    sqlite3_column_int64(st, 1) != e->fund[i].fen)
			same = 0;
	sqlite3_finalize(st);
	if (!same || i != e->nfund) {
		if (!isnew)
			ws_buf_adds(what, what->len ? ", funding" : "funding");
		st = ws_prepare(c->db, "DELETE FROM contract_funding WHERE "
		    "contract = ?1");
		ws_bind_text(st, 1, code);
		ws_step(st);
		sqlite3_finalize(st);
		st = ws_prepare(c->db, "INSERT INTO contract_funding "
		    "(contract, funder, amount_fen) VALUES (?1, ?2, ?3)");
		for (i = 0; i < e->nfund; i++) {
			sqlite3_reset(st);
			ws_bind_text(st, 1, code);
			ws_bind_text(st, 2, e->fund[i].funder);
			ws_bind_int(st, 3, e->fund[i].fen);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(c->db, SQLITE_CONSTRAINT, "funding");
		}
		sqlite3_finalize(st);
	}

	st = ws_prepare(c->db, "SELECT measure, target FROM contract_target "
	    "WHERE contract = ?1 ORDER BY measure");
	ws_bind_text(st, 1, code);
	for (i = 0, same = 1; ws_step(st) == SQLITE_ROW; i++)
		if (i >= e->ntgt || strcmp((const char *)
		    sqlite3_column_text(st, 0), e->tgt[i].measure) != 0 ||
		    sqlite3_column_int64(st, 1) != e->tgt[i].v)
			same = 0;
	sqlite3_finalize(st);
	if (!same || i != e->ntgt) {
		if (!isnew)
			ws_buf_adds(what, what->len ? ", targets" : "targets");
		st = ws_prepare(c->db, "DELETE FROM contract_target WHERE "
		    "contract = ?1");
		ws_bind_text(st, 1, code);
		ws_step(st);
		sqlite3_finalize(st);
		st = ws_prepare(c->db, "INSERT INTO contract_target "
		    "(contract, measure, target) VALUES (?1, ?2, ?3)");
		for (i = 0; i < e->ntgt; i++) {
			sqlite3_reset(st);
			ws_bind_text(st, 1, code);
			ws_bind_text(st, 2, e->tgt[i].measure);
			ws_bind_int(st, 3, e->tgt[i].v);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(c->db, SQLITE_CONSTRAINT, "targets");
		}
		sqlite3_finalize(st);
	}
}

static void
notef(struct dctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	{
		char *s = ws_malloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		ws_buf_adds(&c->notes, s);
		ws_buf_addc(&c->notes, '\n');
		free(s);
	}
}

/* Match a contract's payments by (date, amount): add new ones, update
 * notes, report the database's payments that the file does not list. */
static void
paysync(struct dctx *c, struct entry *e, const char *code, int64_t amount,
    struct ws_dir_count *pc)
{
	sqlite3_stmt *st, *up;
	const char *date, *note;
	char yuan[32], a[32], b[32];
	int64_t fen, id, sum;
	size_t i;
	int ovf;

	st = ws_prepare(c->db, "SELECT id, date, amount_fen, note FROM "
	    "payment WHERE contract = ?1 ORDER BY date, id");
	up = ws_prepare(c->db, "UPDATE payment SET note = ?2 WHERE id = ?1");
	ws_bind_text(st, 1, code);
	while (ws_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		date = (const char *)sqlite3_column_text(st, 1);
		fen = sqlite3_column_int64(st, 2);
		note = (const char *)sqlite3_column_text(st, 3);
		for (i = 0; i < e->npay; i++)
			if (!e->pay[i].matched &&
			    strcmp(e->pay[i].date, date) == 0 &&
			    e->pay[i].fen == fen)
				break;
		ws_fen_str(fen, yuan);
		if (i == e->npay) {
			notef(c, "payment %s %s %s: not in file (kept in the "
			    "database)", code, date, yuan);
			pc->missing++;
			continue;
		}
		e->pay[i].matched = 1;
		if ((note == NULL) != (e->pay[i].note == NULL) ||
		    (note != NULL && strcmp(note, e->pay[i].note) != 0)) {
			sqlite3_reset(up);
			ws_bind_int(up, 1, id);
			ws_bind_text(up, 2, e->pay[i].note);
			ws_step(up);
			notef(c, "%s:%ld:%ld: payment %s %s %s: changed note",
			    e->file, e->payline, e->paycol, code, date, yuan);
			pc->changed++;
		} else
			pc->unchanged++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	st = ws_prepare(c->db, "INSERT INTO payment (contract, date, "
	    "amount_fen, note) VALUES (?1, ?2, ?3, ?4)");
	for (i = 0; i < e->npay; i++) {
		if (e->pay[i].matched)
			continue;
		sqlite3_reset(st);
		ws_bind_text(st, 1, code);
		ws_bind_text(st, 2, e->pay[i].date);
		ws_bind_int(st, 3, e->pay[i].fen);
		ws_bind_text(st, 4, e->pay[i].note);
		if (ws_step(st) != SQLITE_DONE)
			ws_db_die(c->db, SQLITE_CONSTRAINT, "payment");
		pc->added++;
	}
	sqlite3_finalize(st);
	/* Summed here, not by SQL sum(), which fails on int64 overflow. */
	st = ws_prepare(c->db, "SELECT amount_fen FROM payment WHERE "
	    "contract = ?1");
	ws_bind_text(st, 1, code);
	sum = 0;
	ovf = 0;
	while (ws_step(st) == SQLITE_ROW)
		ovf |= addfen(&sum, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (ovf || sum > amount) {
		overfen(ovf, sum, a);
		ws_fen_str(amount, b);
		c->file = e->file;
		derr(c, e->payline ? e->payline : e->line, e->payline ?
		    e->paycol : e->col, "payments", "with the payments kept "
		    "in the database, contract '%s' is paid %s, more than "
		    "its amount %s (expected at most the amount)", code, a, b);
	}
}

static void
writekind(struct dctx *c, int k, struct ws_dir_count *cnt,
    struct ws_dir_count *pc)
{
	const struct kind *kd = &kinds[k];
	const struct field *fs = kd->fields;
	sqlite3_stmt *sel, *ins, *upd;
	ws_buf qs = {0}, qi = {0}, qu = {0}, what = {0};
	struct entry *e;
	int f, ncol = 0, cols[16], col, isnew;
	size_t i;

	ws_buf_adds(&qs, "SELECT ");
	ws_buf_printf(&qi, "INSERT INTO %s (", kd->table);
	ws_buf_printf(&qu, "UPDATE %s SET ", kd->table);
	for (f = 0; fs[f].key != NULL; f++) {
		if (fs[f].col == NULL)
			continue;
		cols[ncol] = f;
		ws_buf_printf(&qs, "%s%s", ncol ? ", " : "", fs[f].col);
		ws_buf_printf(&qi, "%s%s", ncol ? ", " : "", fs[f].col);
		if (ncol > 0)
			ws_buf_printf(&qu, "%s%s = ?%d", ncol > 1 ? ", " : "",
			    fs[f].col, ncol + 1);
		ncol++;
	}
	ws_buf_printf(&qs, " FROM %s WHERE code = ?1", kd->table);
	ws_buf_adds(&qi, ") VALUES (");
	for (col = 0; col < ncol; col++)
		ws_buf_printf(&qi, "%s?%d", col ? ", " : "", col + 1);
	ws_buf_adds(&qi, ")");
	ws_buf_adds(&qu, " WHERE code = ?1");
	sel = ws_prepare(c->db, qs.s);
	ins = ws_prepare(c->db, qi.s);
	upd = ws_prepare(c->db, qu.s);
	ws_buf_free(&qs);
	ws_buf_free(&qi);
	ws_buf_free(&qu);

	for (i = 0; i < c->nents[k]; i++) {
		e = &c->ents[k][i];
		ws_buf_reset(&what);
		sqlite3_reset(sel);
		ws_bind_text(sel, 1, e->v[0].s);
		isnew = ws_step(sel) != SQLITE_ROW;
		if (!isnew)
			for (col = 1; col < ncol; col++)
				if (!sameval(sel, col, &e->v[cols[col]]))
					ws_buf_printf(&what, "%s%s",
					    what.len ? ", " : "",
					    fs[cols[col]].key);
		sqlite3_reset(sel);
		if (isnew || what.len > 0) {
			sqlite3_stmt *st = isnew ? ins : upd;

			sqlite3_reset(st);
			for (col = 0; col < ncol; col++)
				bindval(st, col + 1, &e->v[cols[col]]);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(c->db, SQLITE_CONSTRAINT, kd->noun);
		}
		if (k == WS_DIR_CONTRACTS) {
			extras(c, e, e->v[0].s, isnew, &what);
			paysync(c, e, e->v[0].s,
			    e->v[fieldindex(fs, "amount")].i, pc);
		}
		if (isnew)
			cnt->added++;
		else if (what.len > 0) {
			cnt->changed++;
			notef(c, "%s:%ld:%ld: %s %s: changed %s", e->file,
			    e->line, e->col, kd->noun, e->v[0].s, what.s);
		} else
			cnt->unchanged++;
	}
	ws_buf_free(&what);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
}

/* Entries of kind k in the database that no file lists. */
static void
missing(struct dctx *c, int k, struct ws_dir_count *cnt)
{
	sqlite3_stmt *st;
	const char *code;
	char *sql;

	sql = ws_asprintf("SELECT code FROM %s ORDER BY code",
	    kinds[k].table);
	st = ws_prepare(c->db, sql);
	free(sql);
	while (ws_step(st) == SQLITE_ROW) {
		code = (const char *)sqlite3_column_text(st, 0);
		if (findent(c, k, code) != NULL)
			continue;
		notef(c, "%s %s: not in file (kept in the database)",
		    kinds[k].noun, code);
		cnt->missing++;
	}
	sqlite3_finalize(st);
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
		}
		free(c->ents[k]);
	}
	ws_buf_free(&c->notes);
}

long
ws_dir_load(sqlite3 *db, int nfiles, char *const *files,
    struct ws_dir_count *counts)
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
	for (k = 0; k < WS_DIR_NKINDS; k++) {
		memset(&counts[k], 0, sizeof counts[k]);
		counts[k].kind = kinds[k].name;
	}
	trees = ws_calloc((size_t)nfiles, sizeof *trees);
	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0)
			fp = stdin;
		else if ((fp = fopen(files[i], "r")) == NULL) {
			ws_warn("cannot open '%s':", files[i]);
			exit(EX_NOINPUT);
		}
		trees[i] = ws_yaml_load(fp, strcmp(files[i], "-") == 0 ?
		    "<stdin>" : files[i], &err);
		if (fp != stdin)
			fclose(fp);
		if (trees[i] == NULL) {
			ws_warn("%s", err);
			free(err);
			c.nerr++;
		}
	}
	ws_begin(db);
	for (i = 0; i < nfiles; i++)
		if (trees[i] != NULL)
			readfile(&c, strcmp(files[i], "-") == 0 ? "<stdin>" :
			    files[i], trees[i]);
	crosscheck(&c, (const char *const *)files);
	if (c.nerr == 0) {
		for (k = 0; k < WS_DIR_PAYMENTS; k++)
			writekind(&c, k, &counts[k],
			    &counts[WS_DIR_PAYMENTS]);
		for (k = 0; k < WS_DIR_PAYMENTS; k++)
			if (c.present[k])
				missing(&c, k, &counts[k]);
	}
	if (c.nerr == 0) {
		ws_commit(db);
		for (p = ws_buf_str(&c.notes); *p; p = q + 1) {
			q = strchr(p, '\n');
			ws_warn("%.*s", (int)(q - p), p);
		}
	} else
		ws_rollback(db);
	nerr = c.nerr;
	freectx(&c);
	for (i = 0; i < nfiles; i++)
		ws_yaml_free(trees[i]);
	free(trees);
	return nerr;
}

/* ---- wushe-db check */

long
ws_db_check(sqlite3 *db, void (*report)(void *, const char *, const char *),
    void *arg)
{
	sqlite3_stmt *st;
	char a[32], b[32], *msg;
	long n = 0, before;

	st = ws_prepare(db, "PRAGMA integrity_check");
	while (ws_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (s != NULL && strcmp(s, "ok") == 0)
			continue;
		report(arg, "integrity", s ? s : "(no message)");
		n++;
	}
	sqlite3_finalize(st);
	if (n == 0)
		report(arg, "integrity", NULL);

	before = n;
	st = ws_prepare(db, "PRAGMA foreign_key_check");
	while (ws_step(st) == SQLITE_ROW) {
		msg = ws_asprintf("%s row %lld: refers to a missing %s row",
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		report(arg, "foreign_keys", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "foreign_keys", NULL);

	before = n;
	st = ws_prepare(db, "SELECT c.code, c.amount_fen, sum(p.amount_fen) "
	    "FROM contract c JOIN payment p ON p.contract = c.code "
	    "GROUP BY c.code HAVING sum(p.amount_fen) > c.amount_fen "
	    "ORDER BY c.code");
	while (ws_step(st) == SQLITE_ROW) {
		ws_fen_str(sqlite3_column_int64(st, 2), a);
		ws_fen_str(sqlite3_column_int64(st, 1), b);
		msg = ws_asprintf("contract %s: paid %s, more than its "
		    "amount %s", (const char *)sqlite3_column_text(st, 0),
		    a, b);
		report(arg, "payments", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "payments", NULL);

	before = n;
	st = ws_prepare(db, "SELECT c.code, c.amount_fen, sum(f.amount_fen) "
	    "FROM contract c JOIN contract_funding f ON f.contract = c.code "
	    "GROUP BY c.code HAVING sum(f.amount_fen) > c.amount_fen "
	    "ORDER BY c.code");
	while (ws_step(st) == SQLITE_ROW) {
		ws_fen_str(sqlite3_column_int64(st, 2), a);
		ws_fen_str(sqlite3_column_int64(st, 1), b);
		msg = ws_asprintf("contract %s: funders give %s, more than "
		    "its amount %s", (const char *)sqlite3_column_text(st, 0),
		    a, b);
		report(arg, "funding", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "funding", NULL);

	before = n;
	st = ws_prepare(db, "SELECT code, active_from, active_to FROM worker "
	    "WHERE active_to < active_from ORDER BY code");
	while (ws_step(st) == SQLITE_ROW) {
		msg = ws_asprintf("worker %s: active_to %s is before "
		    "active_from %s", (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 1));
		report(arg, "workers", msg);
		free(msg);
		n++;
	}
	sqlite3_finalize(st);
	if (n == before)
		report(arg, "workers", NULL);
	return n;
}

/* ---- wushe-db backup */

void
ws_db_backup(sqlite3 *db, const char *path, int force)
{
	sqlite3_backup *bk;
	sqlite3 *dst = NULL;
	struct stat st;
	char *tmp;
	int fd, rc, waited = 0;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			ws_die(EX_CANTCREAT, "%s: is a folder (expected a new "
			    "file name)", path);
		if (!force)
			ws_die(EX_CANTCREAT, "%s: already exists (use --force "
			    "to replace it)", path);
	}
	tmp = ws_asprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		ws_warn("cannot create '%s':", path);
		free(tmp);
		exit(EX_CANTCREAT);
	}
	fchmod(fd, 0600);
	close(fd);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		unlink(tmp);
		ws_db_die(dst, rc, path);
	}
	if ((bk = sqlite3_backup_init(dst, "main", db, "main")) == NULL) {
		unlink(tmp);
		ws_db_die(dst, sqlite3_errcode(dst), path);
	}
	for (;;) {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK)
			continue;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    waited < 60000) {
			sqlite3_sleep(100);
			waited += 100;
			continue;
		}
		sqlite3_backup_finish(bk);
		unlink(tmp);
		ws_db_die(dst, rc, path);
	}
	rc = sqlite3_backup_finish(bk);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL,
		    NULL, NULL);
	if (rc != SQLITE_OK) {
		unlink(tmp);
		ws_db_die(dst, rc, path);
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		unlink(tmp);
		ws_die(EX_IOERR, "%s: cannot close the copy", path);
	}
	if (force) {
		if (rename(tmp, path) == -1) {
			ws_warn("cannot create '%s':", path);
			unlink(tmp);
			free(tmp);
			exit(EX_CANTCREAT);
		}
	} else if (link(tmp, path) == -1) {
		int e = errno;

		if (e != EEXIST && rename(tmp, path) == 0) {
			free(tmp);
			return;
		}
		unlink(tmp);
		free(tmp);
		if (e == EEXIST)
			ws_die(EX_CANTCREAT, "%s: already exists (use --force "
			    "to replace it)", path);
		errno = e;
		ws_die(EX_CANTCREAT, "cannot create '%s':", path);
	} else
		unlink(tmp);
	free(tmp);
}
