/*
 * in-yaml.c - the yaml record reader: a top-level sequence of mappings of
 * single values, read an item at a time by lib/yaml.c (ws_yitems) from
 * the input's lines, each checked as the other formats check theirs.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "in.h"

/* What a record may hold: a mapping of single values, any keys. */
static const struct ws_ylimits record_limits = { 1, 0, 0, 0, WS_Y_MAP };

/* libyaml's read handler: first the blank lines skipped before the first
 * line (as newlines, so positions stay right), then the lines.  A bad line
 * (NUL, not UTF-8, over 1 MiB) or a read error fails, its message in err. */
static int
feed(void *arg, unsigned char *buf, size_t size, size_t *got)
{
	ws_in *in = arg;
	size_t n;
	int r;

	*got = 0;
	if (in->yblank > 0) {
		in->yblank--;
		buf[0] = '\n';
		*got = 1;
		return 1;
	}
	if (in->ypos >= in->ylen) {
		if ((r = ws_in_take_line(in)) == 0)
			return 1;
		if (r < 0 || (in->bad && ws_in_line_problem(in, in->bad,
		    in->lineno) < 0)) {
			in->yfail = 1;
			return 0;
		}
		in->ypos = 0;
		in->ylen = in->len;
	}
	n = in->ylen - in->ypos;
	if (n > size)
		n = size;
	memcpy(buf, in->line + in->ypos, n);
	in->ypos += n;
	*got = n;
	return 1;
}

int
ws_in_yaml_start(ws_in *in)
{
	if (!in->held)
		return 0;
	in->yblank = in->lineno - 1;
	in->yi = ws_yitems_open(feed, in, &record_limits);
	return 1;
}

void
ws_in_yaml_free(ws_in *in)
{
	ws_yitems_free(in->yi);
	in->yi = NULL;
}

/* The problem that ended the reading, in the words of record streams. */
static int
fault(ws_in *in)
{
	const struct ws_yfault *f = ws_yitems_fault(in->yi);
	const char *what = NULL;

	switch (f->kind) {
	case WS_YF_INPUT:
		if (in->yfail)
			return -1;	/* the line's problem is in err */
		/* FALLTHROUGH */
	case WS_YF_SYNTAX:
		if (f->arg2 != NULL)
			return ws_in_fail_at(in, f->line, f->col, "%s (%s)",
			    f->arg ? f->arg : "syntax error", f->arg2);
		return ws_in_fail_at(in, f->line, f->col, "%s",
		    f->arg ? f->arg : "syntax error");
	case WS_YF_DEEP:
		return ws_in_fail_at(in, f->line, f->col, "%s: nested lists "
		    "and mappings are not supported (expected a single "
		    "value)", f->arg ? f->arg : "");
	case WS_YF_DOCS:
		return ws_in_fail_at(in, f->line, 0, "more than one YAML "
		    "document (expected one sequence of mappings)");
	case WS_YF_ALIAS:
		what = "aliases are not supported";
		break;
	case WS_YF_ANCHOR:
		what = "anchors are not supported";
		break;
	case WS_YF_TAG:
		what = "tags are not supported";
		break;
	case WS_YF_NUL:
		what = "NUL byte";
		break;
	case WS_YF_KEY:
		what = "keys must be scalars";
		break;
	case WS_YF_NOTSEQ:
		what = "expected a sequence of mappings (one '- key: value' "
		    "item per record)";
		break;
	case WS_YF_ITEM:
		what = "expected a mapping (key: value pairs) for each record";
		break;
	default:
		ws_bug("yaml fault %d in a record stream", (int)f->kind);
	}
	return ws_in_fail_at(in, f->line, f->col, "%s", what);
}

/* Append s as a YAML double-quoted scalar in JSON style, on one line. */
static void
yaml_quote(ws_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	ws_buf_addc(b, '"');
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			ws_buf_addc(b, '\\');
			ws_buf_addc(b, *p);
		} else if (*p == '\n')
			ws_buf_adds(b, "\\n");
		else if (*p == '\r')
			ws_buf_adds(b, "\\r");
		else if (*p == '\t')
			ws_buf_adds(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			ws_buf_printf(b, "\\u%04x", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			ws_buf_printf(b, "\\u%04x", p[1]);	/* C1, NEL */
			p++;
		} else if (*p == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0xA8 || p[2] == 0xA9)) {
			ws_buf_printf(b, "\\u%04x", 0x2000 + (p[2] - 0x80));
			p += 2;
		} else if (*p == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) ||
		    (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))) {
			ws_buf_printf(b, "\\u%04x",
			    ((p[1] & 0x3f) << 6 | (p[2] & 0x3f)) + 0xF000);
			p += 2;
		} else
			ws_buf_addc(b, *p);
	}
	ws_buf_addc(b, '"');
}

static int
yaml_simple_key(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_'))
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* Re-emit the current record as one line "- {key: "value", ...}". */
static void
yaml_raw(ws_in *in)
{
	size_t i;

	ws_buf_reset(&in->raw);
	ws_buf_adds(&in->raw, "- {");
	for (i = 0; i < in->nk; i++) {
		if (i > 0)
			ws_buf_adds(&in->raw, ", ");
		if (yaml_simple_key(in->keys[i]))
			ws_buf_adds(&in->raw, in->keys[i]);
		else
			yaml_quote(&in->raw, in->keys[i]);
		ws_buf_adds(&in->raw, ": ");
		if (in->vals[i] == NULL)
			ws_buf_adds(&in->raw, "null");
		else
			yaml_quote(&in->raw, in->vals[i]);
	}
	ws_buf_adds(&in->raw, "}\n");
}

int
ws_in_yaml_next(ws_in *in)
{
	const ws_ynode *v;
	ws_ynode *it;
	size_t i;
	int r;

	ws_buf_reset(&in->raw);
	if ((r = ws_yitems_next(in->yi, &it)) <= 0)
		return r < 0 ? fault(in) : 0;
	in->recline = it->line;
	ws_buf_reset(&in->rec);
	ws_in_grow(in, it->n);
	for (i = 0; i < it->n; i++) {
		v = it->vals[i];
		in->off[2 * i] = ws_in_rec_add(in, it->keys[i],
		    strlen(it->keys[i]));
		in->off[2 * i + 1] = ws_ynull(v) ? NOVAL :
		    ws_in_rec_add(in, v->val, strlen(v->val));
	}
	ws_in_set_pairs(in, it->n);
	ws_yaml_free(it);
	yaml_raw(in);
	return 1;
}
