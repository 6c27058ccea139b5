/* yaml.c - config files read into a tree with positions, via libyaml */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#define MAXDEPTH	64
#define MAXSCALAR	(1024 * 1024)
#define MAXKEYS		1000	/* keys of one mapping: bounds the
				 * quadratic duplicate check */

struct yctx {
	const char *name;
	ws_buf text;		/* the whole input, for positions of errors */
	ws_ynode *root;
	ws_ynode *stack[MAXDEPTH + 1];	/* open collections */
	int depth;
	char *key;		/* mapping key waiting for its value */
	long kline, kcol;
	char *err;
};

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

/* Attach a finished node to the open collection (or make it the root). */
static int
attach(struct yctx *c, ws_ynode *n)
{
	ws_ynode *p;
	size_t i;

	if (c->depth == 0) {
		c->root = n;
		return 0;
	}
	p = c->stack[c->depth - 1];
	if (p->type == WS_Y_SEQ) {
		p->items = ws_realloc(p->items, (p->n + 1) * sizeof *p->items);
		p->items[p->n++] = n;
		return 0;
	}
	if (c->key == NULL) {
		/* n is a key */
		if (n->type != WS_Y_SCALAR) {
			seterr(c, n->line, n->col, "%s", "mapping keys must "
			    "be plain text (a mapping or sequence as a key is "
			    "not supported)");
			ws_yaml_free(n);
			return -1;
		}
		if (p->n >= MAXKEYS) {
			seterr(c, n->line, n->col, "%s", "more than 1000 keys "
			    "in one mapping (expected a short mapping; use a "
			    "list for many entries)");
			ws_yaml_free(n);
			return -1;
		}
		for (i = 0; i < p->n; i++)
			if (strcmp(p->keys[i], n->val) == 0) {
				seterr(c, n->line, n->col, "duplicate key "
				    "'%s'", n->val);
				ws_yaml_free(n);
				return -1;
			}
		c->key = n->val;
		c->kline = n->line;
		c->kcol = n->col;
		n->val = NULL;
		ws_yaml_free(n);
		return 0;
	}
	p->keys = ws_realloc(p->keys, (p->n + 1) * sizeof *p->keys);
	p->vals = ws_realloc(p->vals, (p->n + 1) * sizeof *p->vals);
	p->klines = ws_realloc(p->klines, (p->n + 1) * sizeof *p->klines);
	p->kcols = ws_realloc(p->kcols, (p->n + 1) * sizeof *p->kcols);
	p->keys[p->n] = c->key;
	p->vals[p->n] = n;
	p->klines[p->n] = c->kline;
	p->kcols[p->n] = c->kcol;
	p->n++;
	c->key = NULL;
	return 0;
}

/* Refuse anchors and tags on a node. */
static int
plainnode(struct yctx *c, const yaml_event_t *e, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	long l = (long)e->start_mark.line + 1, k = (long)e->start_mark.column + 1;

	if (anchor != NULL) {
		seterr(c, l, k, "anchor '&%s': aliases are not supported "
		    "(write the value out in full)", (const char *)anchor);
		return -1;
	}
	if (tag != NULL) {
		seterr(c, l, k, "tag '%s': tags are not supported (remove "
		    "it; values are read as text)", (const char *)tag);
		return -1;
	}
	return 0;
}

static int
event(struct yctx *c, yaml_event_t *e, int *ndocs)
{
	const yaml_mark_t *m = &e->start_mark;
	long l = (long)m->line + 1, k = (long)m->column + 1;
	ws_ynode *n;

	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*ndocs > 1) {
			seterr(c, l, k, "%s", "more than one document "
			    "(expected a single YAML document)");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		seterr(c, l, k, "alias '*%s': aliases are not supported "
		    "(write the value out in full)",
		    (const char *)e->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT:
		if (plainnode(c, e, e->data.scalar.anchor,
		    e->data.scalar.tag) == -1)
			return -1;
		if (e->data.scalar.length > MAXSCALAR) {
			seterr(c, l, k, "%s", "value longer than 1 MiB");
			return -1;
		}
		if (memchr(e->data.scalar.value, '\0',
		    e->data.scalar.length) != NULL) {
			seterr(c, l, k, "%s", "value contains a NUL "
			    "character");
			return -1;
		}
		n = newnode(WS_Y_SCALAR, m);
		n->val = ws_strndup((const char *)e->data.scalar.value,
		    e->data.scalar.length);
		n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return attach(c, n);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (e->type == YAML_SEQUENCE_START_EVENT ?
		    plainnode(c, e, e->data.sequence_start.anchor,
		    e->data.sequence_start.tag) == -1 :
		    plainnode(c, e, e->data.mapping_start.anchor,
		    e->data.mapping_start.tag) == -1)
			return -1;
		if (c->depth >= MAXDEPTH) {
			seterr(c, l, k, "%s", "nested deeper than 64 levels");
			return -1;
		}
		n = newnode(e->type == YAML_SEQUENCE_START_EVENT ? WS_Y_SEQ :
		    WS_Y_MAP, m);
		if (attach(c, n) == -1)
			return -1;
		c->stack[c->depth++] = n;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (c->depth > 0)
			c->depth--;
		return 0;
	default:
		return 0;
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
	yaml_parser_t p;
	yaml_event_t e;
	char chunk[8192];
	size_t got;
	int done = 0, ndocs = 0;
	yaml_mark_t origin = {0, 0, 0};

	memset(&c, 0, sizeof c);
	c.name = name;
	*err = NULL;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		ws_buf_add(&c.text, chunk, got);
	if (ferror(fp)) {
		ws_buf_free(&c.text);
		*err = ws_asprintf("%s: read error", name);
		return NULL;
	}
	if (!yaml_parser_initialize(&p))
		ws_die(EX_SOFTWARE, "out of memory");
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p,
	    (const unsigned char *)ws_buf_str(&c.text), c.text.len);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			parseerr(&c, &p);
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		if (event(&c, &e, &ndocs) == -1)
			done = 1;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	ws_buf_free(&c.text);
	if (c.err != NULL) {
		free(c.key);
		ws_yaml_free(c.root);
		*err = c.err;
		return NULL;
	}
	if (c.root == NULL || ws_ynull(c.root)) {
		ws_yaml_free(c.root);
		c.root = newnode(WS_Y_MAP, &origin);
	}
	return c.root;
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
	if (n->type != WS_Y_SCALAR || !n->plain)
		return 0;
	return strcmp(n->val, "") == 0 || strcmp(n->val, "~") == 0 ||
	    strcmp(n->val, "null") == 0 || strcmp(n->val, "Null") == 0 ||
	    strcmp(n->val, "NULL") == 0;
}

/* ---- typed getters */

int
ws_yproblem(ws_ycheck *c, long line, long col, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		ws_bug("bad message format '%s'", fmt);
	msg = ws_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
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
