/* yaml.c - config files read into a tree with positions, via libyaml */
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
