/* out.c - record writers: table (aligned for a terminal), tsv, csv, json
 * lines and xlsx (through xlsx.c) */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "wushe.h"

enum { V_NULL, V_STR, V_NUM };	/* kinds of values written */

struct ws_out {
	FILE *fp;		/* where records go (not ours to close) */
	enum ws_fmt fmt;	/* never WS_FMT_AUTO */
	int flags;		/* WS_OUT_* */
	int ncols;		/* number of columns, -1 until set */
	char **cols;		/* column names */
	int i;			/* values given in the current record */
	char **cells;		/* table: every cell so far, escaped */
	size_t ncells;		/* table: cells used */
	size_t cellcap;		/* table: cells allocated */
	size_t *width;		/* table: widest cell per column */
	ws_xlsx *x;		/* xlsx: the workbook */
	int zh;			/* Chinese headers and words (not json) */
	char **names;		/* the columns' English names */
	ws_buf zv;		/* a value's Chinese label */
};

ws_out *
ws_out_new(FILE *fp, enum ws_fmt fmt, int flags)
{
	ws_out *o;

	if (fmt == WS_FMT_YAML)	/* ws_fmt_option refuses it */
		ws_bug("yaml output is not supported");
	if (fmt == WS_FMT_AUTO)
		fmt = isatty(fileno(fp)) ? WS_FMT_TABLE : WS_FMT_TSV;
	o = ws_calloc(1, sizeof(*o));
	o->fp = fp;
	o->fmt = fmt;
	o->flags = flags;
	o->ncols = -1;
	if (fmt == WS_FMT_XLSX)
		o->x = ws_xlsx_new(fp);
	return o;
}

static void
tsv_put(FILE *fp, const char *s)
{
	if (strpbrk(s, "\t\n\r\\") == NULL) {
		fputs(s, fp);
		return;
	}
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\t':
			fputs("\\t", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		default:
			putc(*s, fp);
			break;
		}
}

static void
csv_put(FILE *fp, const char *s)
{
	size_t n = strlen(s);
	int guard = ws_formula_guard_n(s, n);	/* issue 14: "'=..." */

	if (!guard && strpbrk(s, ",\"\r\n") == NULL && (n == 0 ||
	    (s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' &&
	    s[n - 1] != '\t'))) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	if (guard)
		putc('\'', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

/* A JSON string (RFC 8259); bytes that are not UTF-8 become U+FFFD. */
static void
json_put(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;

	putc('"', fp);
	while (n > 0) {
		if (*p >= 0x80) {
			if ((k = ws_utf8_seq(p, n)) == 0) {
				fputs("\\ufffd", fp);
				k = 1;
			} else
				fwrite(p, 1, k, fp);
			p += k;
			n -= k;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				putc(*p, fp);
			break;
		}
		p++;
		n--;
	}
	putc('"', fp);
}

/* A table cell: control characters shown as escapes, so that the text
 * cannot move the cursor or break the alignment.  Allocated. */
static char *
cell_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	ws_buf b = {0};

	if (s == NULL)
		return ws_strdup("");
	for (; *p != '\0'; p++) {
		if (*p == '\t')
			ws_buf_adds(&b, "\\t");
		else if (*p == '\n')
			ws_buf_adds(&b, "\\n");
		else if (*p == '\r')
			ws_buf_adds(&b, "\\r");
		else if (*p < 0x20 || *p == 0x7f)
			ws_buf_printf(&b, "\\x%02x", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			ws_buf_printf(&b, "\\u%04x", p[1]);	/* C1 */
			p++;
		} else
			ws_buf_addc(&b, *p);
	}
	return b.s ? b.s : ws_strdup("");
}

static void
table_add(ws_out *o, const char *s)
{
	char *c = cell_text(s);
	size_t w = ws_width(c);

	if (o->ncells == o->cellcap) {
		o->cellcap = o->cellcap ? 2 * o->cellcap : 64;
		o->cells = ws_realloc(o->cells, o->cellcap * sizeof(*o->cells));
	}
	o->cells[o->ncells++] = c;
	if (w > o->width[o->i])
		o->width[o->i] = w;
}

void
ws_out_cols(ws_out *o, int n, const char *const *names)
{
	int i;

	if (o->ncols >= 0)
		ws_bug("ws_out_cols called twice");
	o->ncols = n;
	o->cols = ws_calloc((size_t)n + 1, sizeof(*o->cols));
	o->width = ws_calloc((size_t)n + 1, sizeof(*o->width));
	o->zh = ws_lang_zh() && o->fmt != WS_FMT_JSON &&
	    !(o->flags & WS_OUT_STORED);
	o->names = ws_calloc((size_t)n + 1, sizeof(*o->names));
	for (i = 0; i < n; i++) {
		/* --lang zh: the headers offices use (json keys stay) */
		o->names[i] = ws_strdup(names[i] ? names[i] : "");
		o->cols[i] = ws_strdup(o->zh ? ws_column_label(o->names[i]) :
		    o->names[i]);
		if (o->fmt == WS_FMT_TABLE && !(o->flags & WS_OUT_NOHEADER)) {
			char *c = cell_text(o->cols[i]);

			o->width[i] = ws_width(c);
			free(c);
		}
	}
	if (o->fmt == WS_FMT_CSV && (o->flags & WS_OUT_BOM))
		fputs("\xEF\xBB\xBF", o->fp);
	if (o->fmt == WS_FMT_XLSX)
		ws_xlsx_sheet(o->x, "wushe", n, (o->flags & WS_OUT_NOHEADER) ?
		    NULL : (const char *const *)o->cols);
	if (o->flags & WS_OUT_NOHEADER)
		return;
	if (o->fmt == WS_FMT_TSV || o->fmt == WS_FMT_CSV) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				putc(o->fmt == WS_FMT_TSV ? '\t' : ',', o->fp);
			if (o->fmt == WS_FMT_TSV)
				tsv_put(o->fp, o->cols[i]);
			else
				csv_put(o->fp, o->cols[i]);
		}
		putc('\n', o->fp);
	}
}

/* The Chinese label of a vocabulary word of col (categories one by one,
 * joined with 、), else s. */
static const char *
zh_value(ws_out *o, const char *col, const char *s)
{
	const char *p, *e;
	char *one;

	if (ws_excel_lists(col) == NULL)
		return s;
	if (strcmp(col, "categories") != 0)
		return ws_vocab_label(col, s);
	ws_buf_reset(&o->zv);
	for (p = s; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		one = ws_strndup(p, (size_t)(e - p));
		if (p != s)
			ws_buf_adds(&o->zv, "、");
		ws_buf_adds(&o->zv, ws_vocab_label(col, one));
		free(one);
	}
	return ws_buf_str(&o->zv);
}

static void
put(ws_out *o, int kind, const char *s)
{
	if (o->ncols < 0)
		ws_bug("record value before ws_out_cols");
	if (o->i >= o->ncols)
		ws_bug("more than %d values in a record", o->ncols);
	if (s == NULL)
		kind = V_NULL;
	if (o->zh && kind == V_STR)
		s = zh_value(o, o->names[o->i], s);
	switch (o->fmt) {
	case WS_FMT_CSV:
		if (o->i > 0)
			putc(',', o->fp);
		if (kind != V_NULL)
			csv_put(o->fp, s);
		break;
	case WS_FMT_JSON:
		putc(o->i == 0 ? '{' : ',', o->fp);
		json_put(o->fp, o->cols[o->i]);
		putc(':', o->fp);
		if (kind == V_NULL)
			fputs("null", o->fp);
		else if (kind == V_NUM)
			fputs(s, o->fp);
		else
			json_put(o->fp, s);
		break;
	case WS_FMT_TABLE:
		table_add(o, kind == V_NULL ? NULL : s);
		break;
	case WS_FMT_XLSX:
		if (kind == V_NUM)
			ws_xlsx_num(o->x, strtod(s, NULL), WS_XLSX_INT);
		else
			ws_xlsx_text(o->x, kind == V_NULL ? NULL : s);
		break;
	default:
		if (o->i > 0)
			putc('\t', o->fp);
		if (kind != V_NULL)
			tsv_put(o->fp, s);
		break;
	}
	o->i++;
}

void
ws_out_str(ws_out *o, const char *s)
{
	put(o, V_STR, s);
}

void
ws_out_int(ws_out *o, int64_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%" PRId64, v);
	put(o, V_NUM, num);
}

void
ws_out_null(ws_out *o)
{
	put(o, V_NULL, NULL);
}

void
ws_out_end(ws_out *o)
{
	if (o->ncols < 0 || o->i != o->ncols)
		ws_bug("record has %d values, expected %d", o->i, o->ncols);
	if (o->fmt == WS_FMT_JSON)
		fputs(o->ncols == 0 ? "{}\n" : "}\n", o->fp);
	else if (o->fmt == WS_FMT_TSV || o->fmt == WS_FMT_CSV)
		putc('\n', o->fp);
	else if (o->fmt == WS_FMT_XLSX)
		ws_xlsx_end(o->x);
	o->i = 0;
}

void
ws_out_row(ws_out *o, sqlite3_stmt *st)
{
	int j, n = sqlite3_column_count(st);
	char num[32];
	double d;

	for (j = 0; j < n; j++)
		switch (sqlite3_column_type(st, j)) {
		case SQLITE_NULL:
			ws_out_null(o);
			break;
		case SQLITE_INTEGER:
			ws_out_int(o, sqlite3_column_int64(st, j));
			break;
		case SQLITE_FLOAT:
			if (o->fmt != WS_FMT_JSON && o->fmt != WS_FMT_XLSX) {
				put(o, V_STR,
				    (const char *)sqlite3_column_text(st, j));
				break;
			}
			d = sqlite3_column_double(st, j);
			if (!isfinite(d)) {
				ws_out_null(o);
				break;
			}
			snprintf(num, sizeof(num), "%.17g", d);
			put(o, V_NUM, num);
			break;
		default:
			put(o, V_STR, (const char *)sqlite3_column_text(st, j));
			break;
		}
	ws_out_end(o);
}

long
ws_out_run(ws_out *o, sqlite3_stmt *st)
{
	long rows = 0;
	int i, n, rc;

	if (o->ncols < 0) {
		const char **names;

		n = sqlite3_column_count(st);
		names = ws_calloc((size_t)n + 1, sizeof(*names));
		for (i = 0; i < n; i++)
			names[i] = sqlite3_column_name(st, i);
		ws_out_cols(o, n, names);
		free(names);
	}
	while ((rc = ws_step(st)) == SQLITE_ROW) {
		ws_out_row(o, st);
		rows++;
	}
	if (rc != SQLITE_DONE)
		ws_db_die(sqlite3_db_handle(st), rc, "database");
	return rows;
}

long
ws_out_query(sqlite3_stmt *st, int fmt, int flags)
{
	ws_out *o = ws_out_new(stdout, fmt, flags);
	long rows = ws_out_run(o, st);

	sqlite3_finalize(st);
	ws_out_free(o);
	return rows;
}

/* Print one table line: cells padded to the column widths, two spaces
 * apart, with no trailing spaces. */
static void
table_line(ws_out *o, char *const *cells, ws_buf *b)
{
	size_t keep = 0, w;
	int j;

	ws_buf_reset(b);
	for (j = 0; j < o->ncols; j++) {
		ws_buf_adds(b, cells[j]);
		if (cells[j][0] != '\0')
			keep = b->len;
		if (j == o->ncols - 1)
			break;
		for (w = ws_width(cells[j]); w < o->width[j] + 2; w++)
			ws_buf_addc(b, ' ');
	}
	b->len = keep;
	ws_buf_addc(b, '\n');
	fwrite(b->s, 1, b->len, o->fp);
}

void
ws_out_free(ws_out *o)
{
	ws_buf b = {0};
	size_t k;
	int i;

	if (o == NULL)
		return;
	if (o->fmt == WS_FMT_XLSX) {
		if (o->ncols < 0)
			ws_out_cols(o, 0, NULL);
		ws_xlsx_close(o->x);
	}
	if (o->fmt == WS_FMT_TABLE && o->ncols > 0) {
		if (!(o->flags & WS_OUT_NOHEADER)) {
			char **h = ws_calloc((size_t)o->ncols, sizeof(*h));

			for (i = 0; i < o->ncols; i++)
				h[i] = cell_text(o->cols[i]);
			table_line(o, h, &b);
			for (i = 0; i < o->ncols; i++)
				free(h[i]);
			free(h);
		}
		k = 0;
		for (; k + (size_t)o->ncols <= o->ncells; k += (size_t)o->ncols)
			table_line(o, o->cells + k, &b);
	}
	ws_buf_free(&b);
	for (k = 0; k < o->ncells; k++)
		free(o->cells[k]);
	free(o->cells);
	for (i = 0; i < o->ncols; i++) {
		free(o->cols[i]);
		free(o->names[i]);
	}
	free(o->cols);
	free(o->names);
	ws_buf_free(&o->zv);
	free(o->width);
	free(o);
}

