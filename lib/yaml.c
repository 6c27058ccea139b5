/* yaml.c - YAML read into trees with positions, via libyaml: whole
 * config files, or a record stream's top-level sequence an item at a time;
 * and the typed getters of config values */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#define MAXDEPTH	64
#define MAXSCALAR	(1024 * 1024)
#define MAXKEYS		1000	/* keys of one mapping: bounds the
				 * quadratic duplicate check */

/*
 * The tree builder: libyaml's node events in, a ws_ynode tree out.  Both
 * readers feed it, ws_yaml_load a whole document, the item reader one
 * item of the top-level sequence at a time.  Its first problem is kept as
 * a fault (kind, position, names), which each reader words its own way.
 */
struct ybuild {
	const struct ws_ylimits *lim;
	ws_ynode *root;		/* the top node, being built or done */
	ws_ynode *stack[MAXDEPTH + 1];	/* open collections */
	int depth;
	char *key;		/* mapping key waiting for its value */
	long kline, kcol;
	struct ws_yfault f;	/* the first problem */
};

/* A scalar's text that means null: plain "", "~" or null. */
static int
nullword(const char *v, int plain)
{
	return plain && (v[0] == '\0' || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0);
}

static const struct ws_ylimits config_limits = { MAXDEPTH, MAXKEYS,
    MAXSCALAR, 1, -1 };

static ws_ynode *
newnode(enum ws_ytype t, const yaml_mark_t *m)
{
	ws_ynode *n = ws_calloc(1, sizeof *n);

	n->type = t;
	n->line = (long)m->line + 1;
	n->col = (long)m->column + 1;
	return n;
}

void
ws_yaml_free(ws_ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	free(n->val);
	for (i = 0; i < n->n; i++) {
		if (n->type == WS_Y_SEQ)
			ws_yaml_free(n->items[i]);
		else if (n->type == WS_Y_MAP) {
			free(n->keys[i]);
			ws_yaml_free(n->vals[i]);
		}
	}
	free(n->items);
	free(n->keys);
	free(n->vals);
	free(n->klines);
	free(n->kcols);
	free(n);
}

/* Keep the first problem; returns -1. */
static int
fault(struct ws_yfault *f, enum ws_yfkind kind, long line, long col,
    const char *arg, const char *arg2)
{
	if (f->kind != WS_YF_NONE)
		return -1;
	f->kind = kind;
	f->line = line;
	f->col = col;
	f->arg = ws_strdup(arg);
	f->arg2 = ws_strdup(arg2);
	return -1;
}

static int
mfault(struct ws_yfault *f, enum ws_yfkind kind, const yaml_mark_t *m,
    const char *arg)
{
	return fault(f, kind, (long)m->line + 1, (long)m->column + 1, arg,
	    NULL);
}

static void
fault_clear(struct ws_yfault *f)
{
	free(f->arg);
	free(f->arg2);
	memset(f, 0, sizeof *f);
}

/* A libyaml parser error as a fault: SYNTAX, or INPUT for a reader error
 * (bad bytes, or the read handler failed), at the problem's mark. */
static void
parser_fault(struct ws_yfault *f, const yaml_parser_t *p)
{
	fault(f, p->error == YAML_SCANNER_ERROR ||
	    p->error == YAML_PARSER_ERROR ? WS_YF_SYNTAX : WS_YF_INPUT,
	    (long)p->problem_mark.line + 1, (long)p->problem_mark.column + 1,
	    p->problem, p->context);
}

/* The node being started would be a mapping key. */
static int
atkey(const struct ybuild *b)
{
	return b->depth > 0 && b->stack[b->depth - 1]->type == WS_Y_MAP &&
	    b->key == NULL;
}

/* Attach a finished node to the open collection (or make it the root). */
static int
attach(struct ybuild *b, ws_ynode *n)
{
	ws_ynode *p;
	size_t i;

	if (b->depth == 0) {
		b->root = n;
		return 0;
	}
	p = b->stack[b->depth - 1];
	if (p->type == WS_Y_SEQ) {
		p->items = ws_realloc(p->items, (p->n + 1) * sizeof *p->items);
		p->items[p->n++] = n;
		return 0;
	}
	if (b->key == NULL) {
		/* n is a key (a scalar: atkey refused collections) */
		if (b->lim->maxkeys > 0 && p->n >= b->lim->maxkeys) {
			fault(&b->f, WS_YF_MANYKEYS, n->line, n->col, NULL,
			    NULL);
			ws_yaml_free(n);
			return -1;
		}
		for (i = 0; b->lim->dupkeys && i < p->n; i++)
			if (strcmp(p->keys[i], n->val) == 0) {
				fault(&b->f, WS_YF_DUPKEY, n->line, n->col,
				    n->val, NULL);
				ws_yaml_free(n);
				return -1;
			}
		b->key = n->val;
		b->kline = n->line;
		b->kcol = n->col;
		n->val = NULL;
		ws_yaml_free(n);
		return 0;
	}
	p->keys = ws_realloc(p->keys, (p->n + 1) * sizeof *p->keys);
	p->vals = ws_realloc(p->vals, (p->n + 1) * sizeof *p->vals);
	p->klines = ws_realloc(p->klines, (p->n + 1) * sizeof *p->klines);
	p->kcols = ws_realloc(p->kcols, (p->n + 1) * sizeof *p->kcols);
	p->keys[p->n] = b->key;
	p->vals[p->n] = n;
	p->klines[p->n] = b->kline;
	p->kcols[p->n] = b->kcol;
	p->n++;
	b->key = NULL;
	return 0;
}

/* Refuse aliases, anchors and tags: 0 when the event is plain. */
static int
plain(struct ws_yfault *f, const yaml_event_t *e)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (e->type) {
	case YAML_ALIAS_EVENT:
		return mfault(f, WS_YF_ALIAS, &e->start_mark,
		    (const char *)e->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		anchor = e->data.scalar.anchor;
		tag = e->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = e->data.sequence_start.anchor;
		tag = e->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = e->data.mapping_start.anchor;
		tag = e->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor != NULL)
		return mfault(f, WS_YF_ANCHOR, &e->start_mark,
		    (const char *)anchor);
	if (tag != NULL)
		return mfault(f, WS_YF_TAG, &e->start_mark, (const char *)tag);
	return 0;
}

/* Feed one event: -1 on a problem, 1 when it finished the top node, else
 * 0.  Events other than nodes are ignored. */
static int
build(struct ybuild *b, const yaml_event_t *e)
{
	const yaml_mark_t *m = &e->start_mark;
	ws_ynode *n;

	switch (e->type) {
	case YAML_ALIAS_EVENT:
		return plain(&b->f, e);
	case YAML_SCALAR_EVENT:
		if (plain(&b->f, e) == -1)
			return -1;
		if (b->lim->maxscalar > 0 &&
		    e->data.scalar.length > b->lim->maxscalar)
			return mfault(&b->f, WS_YF_LONG, m, NULL);
		if (memchr(e->data.scalar.value, '\0',
		    e->data.scalar.length) != NULL)
			return mfault(&b->f, WS_YF_NUL, m, NULL);
		n = newnode(WS_Y_SCALAR, m);
		n->val = ws_strndup((const char *)e->data.scalar.value,
		    e->data.scalar.length);
		n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (attach(b, n) == -1)
			return -1;
		return b->depth == 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (plain(&b->f, e) == -1)
			return -1;
		if (atkey(b))
			return mfault(&b->f, WS_YF_KEY, m, NULL);
		if (b->depth >= b->lim->maxdepth)
			return mfault(&b->f, WS_YF_DEEP, m, b->key);
		n = newnode(e->type == YAML_SEQUENCE_START_EVENT ? WS_Y_SEQ :
		    WS_Y_MAP, m);
		if (attach(b, n) == -1)
			return -1;
		b->stack[b->depth++] = n;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth > 0)
			b->depth--;
		return b->depth == 0;
	default:
		return 0;
	}
}

/* Drop what was built (after a problem, or at the end). */
static void
build_reset(struct ybuild *b)
{
	ws_yaml_free(b->root);
	b->root = NULL;
	b->depth = 0;
	free(b->key);
	b->key = NULL;
}

/* ---- whole documents (config files) */

struct yctx {
	const char *name;
	ws_buf text;		/* the whole input, for positions of errors */
	char *err;
};

static void
seterr(struct yctx *c, long line, long col, const char *fmt, const char *arg)
{
	char *msg;

	if (c->err != NULL)
		return;
	msg = ws_asprintf(fmt, arg);
	c->err = ws_asprintf("%s:%ld:%ld: %s", c->name, line, col, msg);
	free(msg);
}

/* A problem of the builder, in the words of config files. */
static void
fault_err(struct yctx *c, const struct ws_yfault *f)
{
	static const char *const text[] = {
		[WS_YF_ALIAS] = "alias '*%s': aliases are not supported "
		    "(write the value out in full)",
		[WS_YF_ANCHOR] = "anchor '&%s': aliases are not supported "
		    "(write the value out in full)",
		[WS_YF_TAG] = "tag '%s': tags are not supported (remove it; "
		    "values are read as text)",
		[WS_YF_NUL] = "%svalue contains a NUL character",
		[WS_YF_LONG] = "%svalue longer than 1 MiB",
		[WS_YF_DEEP] = "%snested deeper than 64 levels",
		[WS_YF_KEY] = "%smapping keys must be plain text (a mapping "
		    "or sequence as a key is not supported)",
		[WS_YF_MANYKEYS] = "%smore than 1000 keys in one mapping "
		    "(expected a short mapping; use a list for many entries)",
		[WS_YF_DUPKEY] = "duplicate key '%s'",
		[WS_YF_DOCS] = "%smore than one document (expected a single "
		    "YAML document)",
	};
	const char *arg = "";

	if (f->kind == WS_YF_ALIAS || f->kind == WS_YF_ANCHOR ||
	    f->kind == WS_YF_TAG || f->kind == WS_YF_DUPKEY)
		arg = f->arg;
	if ((size_t)f->kind >= sizeof text / sizeof *text ||
	    text[f->kind] == NULL)
		ws_bug("yaml fault %d in a document", (int)f->kind);
	seterr(c, f->line, f->col, text[f->kind], arg);
}

/* Line and column (1-based, columns in characters) of a byte offset. */
static void
offpos(struct yctx *c, size_t off, long *line, long *col)
{
	const char *s = ws_buf_str(&c->text);
	size_t i;

	*line = 1;
	*col = 1;
	if (off > c->text.len)
		off = c->text.len;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

static void
parseerr(struct yctx *c, yaml_parser_t *p)
{
	long l, k;

	switch (p->error) {
	case YAML_READER_ERROR:
		offpos(c, p->problem_offset, &l, &k);
		if (p->problem != NULL && strstr(p->problem, "UTF-8") != NULL)
			seterr(c, l, k, "not UTF-8 text (%s); convert it "
			    "first, e.g. iconv -f GBK -t UTF-8", p->problem);
		else
			seterr(c, l, k, "%s", p->problem ? p->problem :
			    "cannot read");
		break;
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		l = (long)p->problem_mark.line + 1;
		k = (long)p->problem_mark.column + 1;
		if (p->context != NULL) {
			char *m = ws_asprintf("%s %s", p->problem ?
			    p->problem : "syntax error", p->context);
			seterr(c, l, k, "YAML syntax error: %s", m);
			free(m);
		} else
			seterr(c, l, k, "YAML syntax error: %s", p->problem ?
			    p->problem : "unknown");
		break;
	default:
		seterr(c, 1, 1, "%s", p->problem ? p->problem :
		    "cannot parse YAML");
		break;
	}
}

ws_ynode *
ws_yaml_load(FILE *fp, const char *name, char **err)
{
	struct yctx c;
	struct ybuild b;
	yaml_parser_t p;
	yaml_event_t e;
	char chunk[8192];
	size_t got;
	int done = 0, ndocs = 0;
	yaml_mark_t origin = {0, 0, 0};

	memset(&c, 0, sizeof c);
	memset(&b, 0, sizeof b);
	b.lim = &config_limits;
	c.name = name;
	*err = NULL;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		ws_buf_add(&c.text, chunk, got);
	if (ferror(fp)) {
		ws_buf_free(&c.text);
		*err = ws_msgf("%s: read error", name);
		return NULL;
	}
	if (!yaml_parser_initialize(&p))
		ws_oom();
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p,
	    (const unsigned char *)ws_buf_str(&c.text), c.text.len);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			parseerr(&c, &p);
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		if (e.type == YAML_DOCUMENT_START_EVENT && ++ndocs > 1)
			mfault(&b.f, WS_YF_DOCS, &e.start_mark, NULL);
		else
			build(&b, &e);
		if (b.f.kind != WS_YF_NONE) {
			fault_err(&c, &b.f);
			done = 1;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	ws_buf_free(&c.text);
	if (c.err != NULL) {
		build_reset(&b);
		fault_clear(&b.f);
		*err = c.err;
		return NULL;
	}
	if (b.root == NULL || ws_ynull(b.root)) {
		ws_yaml_free(b.root);
		b.root = newnode(WS_Y_MAP, &origin);
	}
	return b.root;
}

/* ---- a top-level sequence, an item at a time (record streams) */

struct ws_yitems {
	yaml_parser_t p;
	struct ws_ylimits lim;
	struct ybuild b;
	int state;		/* 0 before the sequence, 1 in it, 2 done */
};

ws_yitems *
ws_yitems_open(ws_yread *rd, void *arg, const struct ws_ylimits *lim)
{
	ws_yitems *r = ws_calloc(1, sizeof *r);

	if (!yaml_parser_initialize(&r->p))
		ws_oom();
	yaml_parser_set_encoding(&r->p, YAML_UTF8_ENCODING);
	yaml_parser_set_input(&r->p, rd, arg);
	r->lim = *lim;
	if (r->lim.maxdepth <= 0 || r->lim.maxdepth > MAXDEPTH)
		r->lim.maxdepth = MAXDEPTH;
	r->b.lim = &r->lim;
	return r;
}

/* The next event; -1 (a fault) when the parser fails. */
static int
next_event(ws_yitems *r, yaml_event_t *e)
{
	if (yaml_parser_parse(&r->p, e))
		return 0;
	parser_fault(&r->b.f, &r->p);
	return -1;
}

/* The next event that is not stream or document framing: 1 with it in
 * *e, 0 at the end of the stream, -1 on a problem.  Once the sequence is
 * read (state 2) a second document is one. */
static int
next_content(ws_yitems *r, yaml_event_t *e)
{
	for (;;) {
		if (next_event(r, e) == -1)
			return -1;
		switch (e->type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(e);
			return 0;
		case YAML_DOCUMENT_START_EVENT:
			if (r->state == 2) {
				mfault(&r->b.f, WS_YF_DOCS, &e->start_mark,
				    NULL);
				yaml_event_delete(e);
				return -1;
			}
			/* FALLTHROUGH */
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(e);
			continue;
		default:
			return 1;
		}
	}
}

/* Before the first item: the document must be a sequence (or empty).
 * Returns 1 in the sequence, 2 for an empty document, 0 for no document,
 * -1. */
static int
items_start(ws_yitems *r)
{
	yaml_event_t e;
	int t;

	if ((t = next_content(r, &e)) != 1)
		return t;
	if (plain(&r->b.f, &e) == -1)
		t = -1;
	else if (e.type == YAML_SEQUENCE_START_EVENT)
		t = 1;
	else if (e.type == YAML_SCALAR_EVENT && nullword((const char *)
	    e.data.scalar.value, e.data.scalar.style ==
	    YAML_PLAIN_SCALAR_STYLE))
		t = 2;
	else
		t = mfault(&r->b.f, WS_YF_NOTSEQ, &e.start_mark, NULL);
	yaml_event_delete(&e);
	return t;
}

/* After the sequence: the document must end and no other follow. */
static int
items_end(ws_yitems *r)
{
	yaml_event_t e;
	int t;

	while ((t = next_content(r, &e)) == 1)
		yaml_event_delete(&e);	/* (libyaml gives none) */
	return t;
}

int
ws_yitems_next(ws_yitems *r, ws_ynode **item)
{
	yaml_event_t e;
	int got;

	*item = NULL;
	if (r->b.f.kind != WS_YF_NONE)
		return -1;
	if (r->state == 2)
		return 0;
	if (r->state == 0) {
		got = items_start(r);
		r->state = got == 1 ? 1 : 2;
		if (got == 2)
			got = items_end(r);
		if (got != 1)
			return got;
	}
	for (;;) {
		if (next_event(r, &e) == -1)
			break;
		if (r->b.depth == 0 && e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			r->state = 2;
			return items_end(r);
		}
		if (r->b.depth == 0 && plain(&r->b.f, &e) == 0 &&
		    r->lim.item_type >= 0 &&
		    !(r->lim.item_type == WS_Y_MAP ? e.type ==
		    YAML_MAPPING_START_EVENT : r->lim.item_type == WS_Y_SEQ ?
		    e.type == YAML_SEQUENCE_START_EVENT : e.type ==
		    YAML_SCALAR_EVENT))
			mfault(&r->b.f, WS_YF_ITEM, &e.start_mark, NULL);
		got = r->b.f.kind == WS_YF_NONE ? build(&r->b, &e) : -1;
		yaml_event_delete(&e);
		if (got == -1)
			break;
		if (got == 1) {
			*item = r->b.root;
			r->b.root = NULL;
			return 1;
		}
	}
	build_reset(&r->b);
	r->state = 2;
	return -1;
}

const struct ws_yfault *
ws_yitems_fault(const ws_yitems *r)
{
	return &r->b.f;
}

void
ws_yitems_free(ws_yitems *r)
{
	if (r == NULL)
		return;
	build_reset(&r->b);
	fault_clear(&r->b.f);
	yaml_parser_delete(&r->p);
	free(r);
}

ws_ynode *
ws_ymap_get(const ws_ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != WS_Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->vals[i];
	return NULL;
}

int
ws_ynull(const ws_ynode *n)
{
	if (n == NULL)
		return 1;
	return n->type == WS_Y_SCALAR && nullword(n->val, n->plain);
}

/* ---- typed getters */

int
ws_yproblem(ws_ycheck *c, long line, long col, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = ws_vmsgf(fmt, ap);	/* issue 14: translated */
	va_end(ap);
	c->nerr++;
	if (c->warn)
		ws_warn("%s:%ld:%ld: %s: %s", c->file, line, col, key, msg);
	else if (c->msg == NULL)
		c->msg = ws_asprintf("%s:%ld:%ld: %s: %s", c->file, line, col,
		    key, msg);
	free(msg);
	return -1;
}

const char *
ws_ytypename(const ws_ynode *n)
{
	return n->type == WS_Y_MAP ? "a mapping" : n->type == WS_Y_SEQ ?
	    "a list" : "a single value";
}

int
ws_ywant(ws_ycheck *c, const ws_ynode *n, enum ws_ytype t, const char *key)
{
	static const char *const names[] = { "a single value", "a list",
	    "a mapping" };

	if (n->type == t)
		return 0;
	return ws_yproblem(c, n->line, n->col, key, "wrong type: %s "
	    "(expected %s)", ws_ytypename(n), names[t]);
}

int
ws_ykeys(ws_ycheck *c, const ws_ynode *map, const char *path,
    const char *const *allowed)
{
	char *key, *list;
	size_t i;
	int r = 0;

	for (i = 0; i < map->n; i++) {
		if (ws_word_index(map->keys[i], allowed) >= 0)
			continue;
		key = ws_asprintf("%s%s%s", path, *path ? "." : "",
		    map->keys[i]);
		list = ws_words_join(allowed);
		r = ws_yproblem(c, map->klines[i], map->kcols[i], key,
		    "unknown key (expected one of: %s)", list);
		free(list);
		free(key);
		if (!c->warn)
			break;
	}
	return r;
}

int
ws_yverdict(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char *bad)
{
	if (bad == NULL)
		return 0;
	return ws_yproblem(c, n->line, n->col, key, "'%s': %s", n->val, bad);
}

const char *
ws_yget_str(ws_ycheck *c, const ws_ynode *n, const char *key)
{
	if (ws_ywant(c, n, WS_Y_SCALAR, key) == -1)
		return NULL;
	return n->val;
}

int
ws_yget_code(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char **out)
{
	const char *s = ws_yget_str(c, n, key);

	if (s == NULL || ws_yverdict(c, n, key, ws_check_code(s)) == -1)
		return -1;
	*out = s;
	return 0;
}

int
ws_yget_date(ws_ycheck *c, const ws_ynode *n, const char *key, char out[11])
{
	const char *s = ws_yget_str(c, n, key);

	if (s == NULL || ws_yverdict(c, n, key, ws_check_date(s)) == -1)
		return -1;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 0;
}

int
ws_yget_money(ws_ycheck *c, const ws_ynode *n, const char *key,
    int64_t *fen)
{
	const char *s = ws_yget_str(c, n, key);

	if (s == NULL)
		return -1;
	return ws_yverdict(c, n, key, ws_parse_money(s, 0, fen));
}

int
ws_yget_int(ws_ycheck *c, const ws_ynode *n, const char *key, int64_t lo,
    int64_t hi, int64_t *v)
{
	const char *s = ws_yget_str(c, n, key);

	if (s == NULL)
		return -1;
	return ws_yverdict(c, n, key, ws_parse_int(s, lo, hi, v));
}

int
ws_yget_hours(ws_ycheck *c, const ws_ynode *n, const char *key, int64_t lo,
    int64_t hi, int64_t *min)
{
	const char *s = ws_yget_str(c, n, key);
	int64_t v;

	if (s == NULL || ws_yverdict(c, n, key, ws_parse_hours(s, &v)) == -1)
		return -1;
	if (v < lo || v > hi)
		return ws_yproblem(c, n->line, n->col, key, "'%s': out of "
		    "range (expected %lld to %lld hours)", s,
		    (long long)(lo / 60), (long long)(hi / 60));
	*min = v;
	return 0;
}

int
ws_yget_pct(ws_ycheck *c, const ws_ynode *n, const char *key, int64_t *v)
{
	const char *s = ws_yget_str(c, n, key);
	int64_t h;

	if (s == NULL || ws_yverdict(c, n, key, ws_parse_dec2(s, &h)) == -1)
		return -1;
	if (h < 0 || h > 10000)
		return ws_yproblem(c, n->line, n->col, key, "'%s': out of "
		    "range (expected a percentage from 0 to 100)", s);
	*v = h;
	return 0;
}

int
ws_yget_word(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char *const *words, const char *what, int *idx)
{
	const char *s = ws_yget_str(c, n, key);
	char *list;
	int i;

	if (s == NULL)
		return -1;
	if ((i = ws_word_index(s, words)) >= 0) {
		*idx = i;
		return 0;
	}
	list = ws_words_join(words);
	ws_yproblem(c, n->line, n->col, key, "'%s': unknown %s (expected one "
	    "of: %s)", s, what, list);
	free(list);
	return -1;
}

int
ws_yget_bool(ws_ycheck *c, const ws_ynode *n, const char *key, int *v)
{
	const char *s = ws_yget_str(c, n, key);

	if (s == NULL)
		return -1;
	return ws_yverdict(c, n, key, ws_parse_bool(s, 1, v));
}

void
ws_ywords_free(char **w)
{
	size_t i;

	for (i = 0; w != NULL && w[i] != NULL; i++)
		free(w[i]);
	free(w);
}

int
ws_yget_words(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char *const *words, const char *what, char ***out)
{
	const ws_ynode *it;
	char **w;
	size_t i;
	int idx;

	if (ws_ynull(n)) {
		ws_ywords_free(*out);
		*out = ws_calloc(1, sizeof **out);
		return 0;
	}
	if (ws_ywant(c, n, WS_Y_SEQ, key) == -1)
		return -1;
	w = ws_calloc(n->n + 1, sizeof *w);
	for (i = 0; i < n->n; i++) {
		it = n->items[i];
		if (words != NULL ? ws_yget_word(c, it, key, words, what,
		    &idx) == -1 : ws_yget_str(c, it, key) == NULL) {
			ws_ywords_free(w);
			return -1;
		}
		if (*it->val == '\0') {
			ws_ywords_free(w);
			return ws_yproblem(c, it->line, it->col, key,
			    "empty value (expected some text)");
		}
		w[i] = ws_strdup(it->val);
	}
	ws_ywords_free(*out);
	*out = w;
	return 0;
}
