/*
 * stream.c - record streams: writers (table, tsv, csv, json lines) and
 * readers (tsv, csv, json lines, yaml), UTF-8 checks and display width
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "wushe.h"

static const char *const fmt_names[] = {
	"auto", "table", "tsv", "csv", "json", "yaml", "text", "markdown",
	"html", NULL
};

int
ws_fmt_word(const char *s, unsigned accept)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 1; fmt_names[i] != NULL; i++)
		if (strcmp(s, fmt_names[i]) == 0)
			return accept & WS_FMT_BIT(i) ? i : -1;
	return -1;
}

int
ws_fmt_parse(const char *s)
{
	return ws_fmt_word(s, WS_FMTS_OUT | WS_FMTS_IN);
}

int
ws_fmt_option(const char *arg, int for_input)
{
	int f = ws_fmt_word(arg, for_input ? WS_FMTS_IN : WS_FMTS_OUT);

	if (for_input && f < 0) {
		ws_warn("--input: unknown format '%s' (expected tsv, csv, json "
		    "or yaml)", arg);
		return -1;
	}
	if (!for_input && f < 0) {
		ws_warn("--format: unknown format '%s' (expected table, tsv, "
		    "csv or json)", arg);
		return -1;
	}
	return f;
}

/* ------------------------------------------------------------ UTF-8 */

/* Length of the valid UTF-8 sequence at s (n bytes left, n > 0), or 0 when
 * it is not valid: overlong, surrogate, above U+10FFFF or truncated. */
static size_t
u8seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 ||
		    (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int
ws_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *e = p + n;
	size_t k;

	while (p < e) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((k = u8seq(p, (size_t)(e - p))) == 0)
			return 0;
		p += k;
	}
	return 1;
}

size_t
ws_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t n = strlen(s), w = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	while (n > 0) {
		if (*p < 0x80) {
			w += *p >= 0x20 && *p != 0x7f;
			p++;
			n--;
			continue;
		}
		k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
		if (k <= 0) {		/* a stray byte: one column */
			w++;
			p++;
			n--;
			continue;
		}
		w += (size_t)utf8proc_charwidth(cp);
		p += k;
		n -= (size_t)k;
	}
	return w;
}

/* ----------------------------------------------------------- writers */

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
};

ws_out *
ws_out_new(FILE *fp, enum ws_fmt fmt, int flags)
{
	ws_out *o;

	if (fmt == WS_FMT_YAML)
		ws_die(EX_USAGE, "yaml output is not supported "
		    "(expected table, tsv, csv or json)");
	if (fmt == WS_FMT_AUTO)
		fmt = isatty(fileno(fp)) ? WS_FMT_TABLE : WS_FMT_TSV;
	o = ws_calloc(1, sizeof(*o));
	o->fp = fp;
	o->fmt = fmt;
	o->flags = flags;
	o->ncols = -1;
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

	if (strpbrk(s, ",\"\r\n") == NULL && (n == 0 ||
	    (s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' &&
	    s[n - 1] != '\t'))) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
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
			if ((k = u8seq(p, n)) == 0) {
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
		ws_die(EX_SOFTWARE, "bug: ws_out_cols called twice");
	o->ncols = n;
	o->cols = ws_calloc((size_t)n + 1, sizeof(*o->cols));
	o->width = ws_calloc((size_t)n + 1, sizeof(*o->width));
	for (i = 0; i < n; i++) {
		o->cols[i] = ws_strdup(names[i] ? names[i] : "");
		if (o->fmt == WS_FMT_TABLE && !(o->flags & WS_OUT_NOHEADER)) {
			char *c = cell_text(o->cols[i]);

			o->width[i] = ws_width(c);
			free(c);
		}
	}
	if (o->fmt == WS_FMT_CSV && (o->flags & WS_OUT_BOM))
		fputs("\xEF\xBB\xBF", o->fp);
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

static void
put(ws_out *o, int kind, const char *s)
{
	if (o->ncols < 0)
		ws_die(EX_SOFTWARE, "bug: record value before ws_out_cols");
	if (o->i >= o->ncols)
		ws_die(EX_SOFTWARE, "bug: more than %d values in a record",
		    o->ncols);
	if (s == NULL)
		kind = V_NULL;
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
		ws_die(EX_SOFTWARE, "bug: record has %d values, expected %d",
		    o->i, o->ncols);
	if (o->fmt == WS_FMT_JSON)
		fputs(o->ncols == 0 ? "{}\n" : "}\n", o->fp);
	else if (o->fmt == WS_FMT_TSV || o->fmt == WS_FMT_CSV)
		putc('\n', o->fp);
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
			if (o->fmt != WS_FMT_JSON) {
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
	for (i = 0; i < o->ncols; i++)
		free(o->cols[i]);
	free(o->cols);
	free(o->width);
	free(o);
}

/* ----------------------------------------------------------- readers */

enum { LINE_OK, LINE_NUL, LINE_UTF8, LINE_LONG }; /* problems of a line */
#define MAXLINE (1024 * 1024)		/* longest line read: 1 MiB */
#define NOVAL ((size_t)-1)		/* offset of a null value */

struct ws_in {
	FILE *fp;		/* input (not ours to close) */
	char *name;		/* for messages */
	enum ws_fmt fmt;	/* tsv, csv, json or yaml once opened */
	int state;		/* 0 before the first record, 1 reading,
				 * 2 done */
	int fatal;		/* the last error ends the stream */
	int bare;		/* headerless ids: one column, no header */
	char *line;		/* the current physical line (getline) */
	size_t linecap;		/* its allocated size */
	size_t len;		/* its length, newline included */
	int held;		/* line was read by ws_in_open, not yet used */
	int eof;		/* getline hit the end */
	int ioerr;		/* a read error is pending in err */
	int bad;		/* LINE_* problem of the current line */
	long lineno;		/* number of the line last read */
	long recline;		/* first line of the current record */
	ws_buf err;		/* message of the last error */
	ws_buf raw;		/* raw text of the current record */
	ws_buf rawhdr;		/* raw header (tsv, csv) */
	int hashdr;		/* rawhdr is set */
	char **hkeys;		/* header columns (tsv, csv), allocated */
	size_t nh;		/* number of header columns */
	const char **keys;	/* keys of the current record: hkeys or pk */
	const char **pk;	/* json, yaml: keys, allocated */
	char **vals;		/* values of the current record, NULL = null */
	size_t nk;		/* keys and values in the current record */
	size_t cap;		/* entries allocated in pk and vals */
	ws_buf rec;		/* csv, json, yaml: fields, NUL-separated */
	size_t *off;		/* offsets in rec: csv one per field, json
				 * and yaml two (key, value) */
	size_t offcap;		/* entries allocated in off */
	size_t nf;		/* fields found by csv_record */
	sqlite3 *db;		/* json: private in-memory connection */
	sqlite3_stmt *jtype;	/* json: type of the line, NULL if invalid */
	sqlite3_stmt *jeach;	/* json: its members */
	yaml_parser_t yp;	/* yaml: the parser */
	int ypinit;		/* yp was initialised */
	ws_buf doc;		/* yaml: the whole document */
};

static void
vfail(ws_in *in, long line, long col, const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *m;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	m = ws_malloc(n < 0 ? 1 : (size_t)n + 1);
	vsnprintf(m, n < 0 ? 1 : (size_t)n + 1, fmt, ap);
	ws_buf_reset(&in->err);
	if (col > 0)
		ws_buf_printf(&in->err, "%s:%ld:%ld: %s", in->name, line, col,
		    m);
	else if (line > 0)
		ws_buf_printf(&in->err, "%s:%ld: %s", in->name, line, m);
	else
		ws_buf_printf(&in->err, "%s: %s", in->name, m);
	free(m);
}

/* Set the error message "name:line: ..." and return -1. */
static int
fail(ws_in *in, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int
fail(ws_in *in, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(in, line, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* The same with a column, ending the stream (yaml). */
static int
fail_at(ws_in *in, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int
fail_at(ws_in *in, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(in, line, col, fmt, ap);
	va_end(ap);
	in->fatal = 1;
	return -1;
}

static int
line_problem(ws_in *in, int kind, long line)
{
	if (kind == LINE_NUL)
		return fail(in, line, "NUL byte");
	if (kind == LINE_LONG)
		return fail(in, line, "line longer than 1 MiB (expected one "
		    "record a line)");
	return fail(in, line, "not valid UTF-8 (convert it first, "
	    "e.g. iconv -f GBK -t UTF-8)");
}

/* Make the current line the next one of the input: returns 1, 0 at the
 * end, -1 on a read error (which ends the stream). */
static int
take_line(ws_in *in)
{
	ssize_t n;

	if (in->held) {
		in->held = 0;
		return 1;
	}
	if (in->eof)
		return 0;
	errno = 0;
	n = getline(&in->line, &in->linecap, in->fp);
	if (n < 0) {
		in->eof = 1;
		in->len = 0;
		if (ferror(in->fp)) {
			fail(in, 0, "cannot read: %s", strerror(errno));
			in->fatal = 1;
			return -1;
		}
		return 0;
	}
	in->lineno++;
	in->len = (size_t)n;
	if (in->lineno == 1 && in->len >= 3 &&
	    memcmp(in->line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(in->line, in->line + 3, in->len - 3 + 1);
		in->len -= 3;
	}
	if (in->len > MAXLINE)
		in->bad = LINE_LONG;
	else if (memchr(in->line, '\0', in->len) != NULL)
		in->bad = LINE_NUL;
	else if (!ws_utf8_valid(in->line, in->len))
		in->bad = LINE_UTF8;
	else
		in->bad = LINE_OK;
	return 1;
}

/* Length of the current line without its "\n" or "\r\n" (or a final
 * "\r" with no newline). */
static size_t
content_len(const ws_in *in)
{
	size_t n = in->len;

	if (n > 0 && in->line[n - 1] == '\n')
		n--;
	if (n > 0 && in->line[n - 1] == '\r')
		n--;
	return n;
}

/* Cut the line end off the current line; returns the new length. */
static size_t
chomp(ws_in *in)
{
	size_t n = content_len(in);

	in->line[n] = '\0';
	return n;
}

static int
blank(const char *s, size_t n)
{
	for (; n > 0; s++, n--)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static void
set_raw(ws_in *in)
{
	ws_buf_reset(&in->raw);
	ws_buf_add(&in->raw, in->line, in->len);
	if (in->len == 0 || in->line[in->len - 1] != '\n')
		ws_buf_addc(&in->raw, '\n');
}

static void
grow_fields(ws_in *in, size_t n)
{
	if (n > in->cap) {
		size_t cap = in->cap ? in->cap : 16;

		while (cap < n)
			cap *= 2;
		in->pk = ws_realloc(in->pk, cap * sizeof(*in->pk));
		in->vals = ws_realloc(in->vals, cap * sizeof(*in->vals));
		in->cap = cap;
	}
	if (2 * n > in->offcap) {
		size_t cap = in->offcap ? in->offcap : 32;

		while (cap < 2 * n)
			cap *= 2;
		in->off = ws_realloc(in->off, cap * sizeof(*in->off));
		in->offcap = cap;
	}
}

/* Append n bytes and a NUL to rec; returns where they start. */
static size_t
rec_add(ws_in *in, const char *p, size_t n)
{
	size_t at = in->rec.len;

	ws_buf_add(&in->rec, p, n);
	ws_buf_addc(&in->rec, '\0');
	return at;
}

/* No current record: tsv and csv keep their header as keys. */
static void
clear_rec(ws_in *in)
{
	size_t i;

	if (in->fmt == WS_FMT_TSV || in->fmt == WS_FMT_CSV) {
		in->keys = (const char **)in->hkeys;
		in->nk = in->nh;
		for (i = 0; i < in->nh; i++)
			in->vals[i] = NULL;
	} else
		in->nk = 0;
}

ws_in *
ws_in_open(FILE *fp, const char *name, enum ws_fmt fmt)
{
	ws_in *in = ws_calloc(1, sizeof(*in));
	const char *p;
	int r;

	in->fp = fp;
	in->name = ws_strdup(name ? name : "<stdin>");
	/* The first line that is not blank decides the format. */
	while ((r = take_line(in)) > 0) {
		if (in->bad || !blank(in->line, in->len)) {
			in->held = 1;
			break;
		}
	}
	if (r < 0)
		in->ioerr = 1;
	if (fmt == WS_FMT_AUTO && in->held) {
		p = in->line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '{')
			fmt = WS_FMT_JSON;
		else if (strncmp(in->line, "---", 3) == 0 ||
		    strncmp(in->line, "- ", 2) == 0 ||
		    (in->line[0] == '-' && content_len(in) == 1) ||
		    *p == '[' || in->line[0] == '%' ||
		    (in->line[0] == '#' && !memchr(in->line, '\t', in->len)))
			fmt = WS_FMT_YAML;
		else if (memchr(in->line, '\t', in->len) != NULL)
			fmt = WS_FMT_TSV;
		else if (memchr(in->line, ',', in->len) != NULL)
			fmt = WS_FMT_CSV;
		else
			fmt = WS_FMT_TSV;
	}
	if (fmt != WS_FMT_CSV && fmt != WS_FMT_JSON && fmt != WS_FMT_YAML)
		fmt = WS_FMT_TSV;
	in->fmt = fmt;
	return in;
}

void
ws_in_bare(ws_in *in, const char *col)
{
	size_t i, n;

	if (in->state != 0 || !in->held || in->bad ||
	    (in->fmt != WS_FMT_TSV && in->fmt != WS_FMT_CSV))
		return;
	n = content_len(in);
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (in->line[i] < '0' || in->line[i] > '9')
			return;
	in->bare = 1;
	in->fmt = WS_FMT_TSV;
	in->nh = 1;
	in->hkeys = ws_calloc(2, sizeof(*in->hkeys));
	in->hkeys[0] = ws_strdup(col);
	grow_fields(in, 1);
}

/* In-place unescape of a tsv field: \t \n \r \\; any other backslash is
 * kept as it is. */
static void
tsv_unescape(char *s)
{
	char *w;

	if ((s = strchr(s, '\\')) == NULL)
		return;
	for (w = s; *s != '\0'; ) {
		if (*s == '\\') {
			char c = s[1] == 't' ? '\t' : s[1] == 'n' ? '\n' :
			    s[1] == 'r' ? '\r' : s[1] == '\\' ? '\\' : 0;

			if (c != 0) {
				*w++ = c;
				s += 2;
				continue;
			}
		}
		*w++ = *s++;
	}
	*w = '\0';
}

/* Split the current (chomped, n bytes) line on tabs into vals, storing at
 * most max; returns the number of fields found. */
static size_t
tsv_split(ws_in *in, size_t n, size_t max)
{
	char *p = in->line, *e = in->line + n, *q;
	size_t i = 0;

	for (;;) {
		q = memchr(p, '\t', (size_t)(e - p));
		if (i < max)
			in->vals[i] = p;
		i++;
		if (q == NULL)
			break;
		*q = '\0';
		p = q + 1;
	}
	return i;
}

/*
 * Read one csv record (RFC 4180; quoted fields may span lines) into rec,
 * its field offsets into off and their number into nf.  Blank lines are
 * skipped when skipblank.  Returns 1, 0 at the end, -1 on an error.
 */
static int
csv_record(ws_in *in, int skipblank)
{
	const char *p, *e, *le, *q;
	long badline = 0;
	int badkind = 0, r;
	size_t nf = 0;

	for (;;) {
		if ((r = take_line(in)) <= 0)
			return r;
		in->recline = in->lineno;
		set_raw(in);
		if (in->bad) {
			badline = in->lineno;
			badkind = in->bad;
		} else if (skipblank && content_len(in) == 0)
			continue;
		break;
	}
	ws_buf_reset(&in->rec);
	p = in->line;
	e = p + content_len(in);
	le = p + in->len;
	for (;;) {
		grow_fields(in, nf + 1);
		in->off[nf++] = in->rec.len;
		if (p < e && *p == '"') {
			p++;
			for (;;) {
				q = memchr(p, '"', (size_t)(le - p));
				if (q == NULL) {
					ws_buf_add(&in->rec, p,
					    (size_t)(le - p));
					if ((r = take_line(in)) < 0)
						return r;
					if (r == 0)
						return fail(in, in->recline,
						    "quoted field not closed "
						    "at the end of input "
						    "(expected '\"')");
					ws_buf_add(&in->raw, in->line, in->len);
					if (in->line[in->len - 1] != '\n')
						ws_buf_addc(&in->raw, '\n');
					if (in->bad && badline == 0) {
						badline = in->lineno;
						badkind = in->bad;
					}
					p = in->line;
					e = p + content_len(in);
					le = p + in->len;
					continue;
				}
				ws_buf_add(&in->rec, p, (size_t)(q - p));
				if (q + 1 < le && q[1] == '"') {
					ws_buf_addc(&in->rec, '"');
					p = q + 2;
					continue;
				}
				p = q + 1;
				break;
			}
			if (p < e && *p != ',')
				return fail(in, in->lineno, "text after a "
				    "closing quote (expected ',' or the end "
				    "of the line)");
		} else {
			q = memchr(p, ',', (size_t)(e - p));
			if (q == NULL)
				q = e;
			ws_buf_add(&in->rec, p, (size_t)(q - p));
			p = q;
		}
		ws_buf_addc(&in->rec, '\0');
		if (p < e && *p == ',') {
			p++;
			continue;
		}
		break;
	}
	in->nf = nf;
	if (badline)
		return line_problem(in, badkind, badline);
	return 1;
}

/* Order of header columns by name, then position. */
static int
cmp_col(const void *a, const void *b)
{
	char *const *x = *(char *const *const *)a;
	char *const *y = *(char *const *const *)b;
	int c = strcmp(*x, *y);

	return c != 0 ? c : (x > y) - (x < y);
}

/* Check the header columns: none empty, none repeated; the leftmost
 * problem is reported.  Sorted, not compared pairwise, so that a huge
 * header (a CR-only file is one line) is not quadratic. */
static int
check_header(ws_in *in)
{
	char ***s;
	size_t i, dup = in->nh;

	s = ws_calloc(in->nh, sizeof(*s));
	for (i = 0; i < in->nh; i++)
		s[i] = &in->hkeys[i];
	qsort(s, in->nh, sizeof(*s), cmp_col);
	for (i = 1; i < in->nh; i++)
		if (strcmp(*s[i], *s[i - 1]) == 0 &&
		    (size_t)(s[i] - in->hkeys) < dup)
			dup = (size_t)(s[i] - in->hkeys);
	free(s);
	for (i = 0; i < dup; i++)
		if (in->hkeys[i][0] == '\0')
			return fail(in, in->recline, "empty column name "
			    "(column %zu)", i + 1);
	if (dup < in->nh)
		return fail(in, in->recline, "duplicate column '%s'",
		    in->hkeys[dup]);
	return 1;
}

static int
tsv_header(ws_in *in)
{
	size_t i, n;
	int r;

	if ((r = take_line(in)) <= 0)
		return r;
	in->recline = in->lineno;
	if (in->bad)
		return line_problem(in, in->bad, in->lineno);
	ws_buf_add(&in->rawhdr, in->line, in->len);
	if (in->line[in->len - 1] != '\n')
		ws_buf_addc(&in->rawhdr, '\n');
	in->hashdr = 1;
	n = chomp(in);
	in->nh = 1;
	for (i = 0; i < n; i++)
		in->nh += in->line[i] == '\t';
	grow_fields(in, in->nh);
	tsv_split(in, n, in->nh);
	in->hkeys = ws_calloc(in->nh + 1, sizeof(*in->hkeys));
	for (i = 0; i < in->nh; i++) {
		tsv_unescape(in->vals[i]);
		in->hkeys[i] = ws_strdup(in->vals[i]);
	}
	return check_header(in);
}

static int
csv_header(ws_in *in)
{
	size_t i;
	int r;

	if ((r = csv_record(in, 0)) <= 0)
		return r;
	ws_buf_add(&in->rawhdr, in->raw.s, in->raw.len);
	in->hashdr = 1;
	in->nh = in->nf;
	in->hkeys = ws_calloc(in->nh + 1, sizeof(*in->hkeys));
	for (i = 0; i < in->nh; i++)
		in->hkeys[i] = ws_strdup(in->rec.s + in->off[i]);
	grow_fields(in, in->nh);
	return check_header(in);
}

/*
 * Take the next line of a line-per-record stream that skip does not pass
 * over, chomped, its length in *n.  Returns 1, 0 at the end of the input,
 * or -1 for a line with a problem (NUL, not UTF-8, too long).
 */
static int
record_line(ws_in *in, size_t *n, int (*skip)(const ws_in *, size_t))
{
	int r;

	for (;;) {
		if ((r = take_line(in)) <= 0)
			return r;
		in->recline = in->lineno;
		set_raw(in);
		if (in->bad)
			return line_problem(in, in->bad, in->lineno);
		*n = chomp(in);
		if (!skip(in, *n))
			return 1;
	}
}

/* An empty line is no record, except the one empty field of a one-column
 * stream. */
static int
tsv_skip(const ws_in *in, size_t n)
{
	return n == 0 && (in->nh > 1 || in->bare);
}

static int
tsv_next(ws_in *in)
{
	size_t n = 0, i, nf;
	int r;

	if ((r = record_line(in, &n, tsv_skip)) <= 0)
		return r;
	nf = tsv_split(in, n, in->nh);
	if (nf != in->nh)
		return fail(in, in->recline, "expected %zu field%s, found %zu",
		    in->nh, in->nh == 1 ? "" : "s", nf);
	for (i = 0; i < nf; i++)
		tsv_unescape(in->vals[i]);
	return 1;
}

static int
csv_next(ws_in *in)
{
	size_t i;
	int r;

	if ((r = csv_record(in, in->nh > 1 || in->bare)) <= 0)
		return r;
	if (in->nf != in->nh)
		return fail(in, in->recline, "expected %zu field%s, found %zu",
		    in->nh, in->nh == 1 ? "" : "s", in->nf);
	for (i = 0; i < in->nf; i++)
		in->vals[i] = in->rec.s + in->off[i];
	return 1;
}

/* Point keys and vals at the pairs stored in rec. */
static void
set_pairs(ws_in *in, size_t n)
{
	size_t i;

	grow_fields(in, n);
	in->keys = in->pk;
	for (i = 0; i < n; i++) {
		in->pk[i] = in->rec.s + in->off[2 * i];
		in->vals[i] = in->off[2 * i + 1] == NOVAL ? NULL :
		    in->rec.s + in->off[2 * i + 1];
	}
	in->nk = n;
}

static int
json_start(ws_in *in)
{
	if (sqlite3_open(":memory:", &in->db) != SQLITE_OK)
		ws_die(EX_SOFTWARE, "cannot open an in-memory database: %s",
		    sqlite3_errmsg(in->db));
	if (sqlite3_prepare_v2(in->db, "SELECT CASE WHEN json_valid(?1) "
	    "THEN json_type(?1) END", -1, &in->jtype, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(in->db, "SELECT key, value, type "
	    "FROM json_each(?1)", -1, &in->jeach, NULL) != SQLITE_OK)
		ws_db_die(in->db, sqlite3_errcode(in->db), "json");
	return 1;
}

static const char *
json_what(const char *type)
{
	if (strcmp(type, "array") == 0)
		return "an array";
	if (strcmp(type, "text") == 0)
		return "a string";
	if (strcmp(type, "integer") == 0 || strcmp(type, "real") == 0)
		return "a number";
	return type;
}

/* Read the members of the object on the current line (n bytes). */
static int
json_members(ws_in *in, size_t n)
{
	sqlite3_stmt *st = in->jeach;
	const char *k, *t, *v;
	size_t np = 0, kn, vn;
	int rc, r = 1;

	ws_buf_reset(&in->rec);
	sqlite3_bind_text(st, 1, in->line, (int)n, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 0);
		kn = (size_t)sqlite3_column_bytes(st, 0);
		t = (const char *)sqlite3_column_text(st, 2);
		if (k == NULL)
			k = "";
		if (memchr(k, '\0', kn) != NULL || !ws_utf8_valid(k, kn)) {
			r = fail(in, in->recline, "a key is not valid text "
			    "(a NUL or a lone surrogate escape)");
			break;
		}
		if (strcmp(t, "array") == 0 || strcmp(t, "object") == 0) {
			r = fail(in, in->recline, "%s: nested arrays and "
			    "objects are not supported (expected a string, "
			    "number, true, false or null)", k);
			break;
		}
		grow_fields(in, np + 1);
		in->off[2 * np] = rec_add(in, k, kn);
		if (strcmp(t, "null") == 0)
			in->off[2 * np + 1] = NOVAL;
		else if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0)
			in->off[2 * np + 1] = rec_add(in, t, strlen(t));
		else {
			v = (const char *)sqlite3_column_text(st, 1);
			vn = (size_t)sqlite3_column_bytes(st, 1);
			if (v == NULL)
				v = "";
			if (memchr(v, '\0', vn) != NULL) {
				r = fail(in, in->recline, "%s: NUL byte",
				    in->rec.s + in->off[2 * np]);
				break;
			}
			if (!ws_utf8_valid(v, vn)) {
				r = fail(in, in->recline, "%s: not valid "
				    "UTF-8 (a lone surrogate \\u escape?)",
				    in->rec.s + in->off[2 * np]);
				break;
			}
			in->off[2 * np + 1] = rec_add(in, v, vn);
		}
		np++;
	}
	if (r > 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = fail(in, in->recline, "not valid JSON");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (r > 0)
		set_pairs(in, np);
	return r;
}

/* Non-zero when the JSON text holds a \u0000 escape, which SQLite would
 * silently cut the string at. */
static int
json_has_nul(const char *s, size_t n)
{
	const char *e = s + n;

	while ((s = memchr(s, '\\', (size_t)(e - s))) != NULL) {
		if (e - s >= 6 && memcmp(s + 1, "u0000", 5) == 0)
			return 1;
		s += 2;		/* past the escaped character */
		if (s >= e)
			break;
	}
	return 0;
}

/* Blank lines between JSON records are no records. */
static int
json_skip(const ws_in *in, size_t n)
{
	return blank(in->line, n);
}

static int
json_next(ws_in *in)
{
	sqlite3_stmt *st = in->jtype;
	const char *t;
	char type[16];
	size_t n = 0;
	int r;

	if ((r = record_line(in, &n, json_skip)) <= 0)
		return r;
	sqlite3_bind_text(st, 1, in->line, (int)n, SQLITE_STATIC);
	type[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = (const char *)sqlite3_column_text(st, 0)) != NULL)
		snprintf(type, sizeof(type), "%s", t);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (type[0] == '\0')
		return fail(in, in->recline, "not valid JSON (expected one "
		    "object per line)");
	if (strcmp(type, "object") != 0)
		return fail(in, in->recline, "expected a JSON object, found %s",
		    json_what(type));
	if (json_has_nul(in->line, n))
		return fail(in, in->recline, "NUL byte (\\u0000)");
	return json_members(in, n);
}

/* ---- yaml */

static int
yaml_event(ws_in *in, yaml_event_t *ev)
{
	yaml_parser_t *p = &in->yp;

	if (yaml_parser_parse(p, ev))
		return 0;
	if (p->context != NULL)
		return fail_at(in, (long)p->problem_mark.line + 1,
		    (long)p->problem_mark.column + 1, "%s (%s)",
		    p->problem ? p->problem : "syntax error", p->context);
	return fail_at(in, (long)p->problem_mark.line + 1,
	    (long)p->problem_mark.column + 1, "%s",
	    p->problem ? p->problem : "syntax error");
}

/* Refuse aliases, anchors and tags on a node event; 0 when it is fine. */
static int
yaml_plain_node(ws_in *in, yaml_event_t *ev)
{
	long l = (long)ev->start_mark.line + 1;
	long c = (long)ev->start_mark.column + 1;
	yaml_char_t *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return fail_at(in, l, c, "aliases are not supported");
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor != NULL)
		return fail_at(in, l, c, "anchors are not supported");
	if (tag != NULL)
		return fail_at(in, l, c, "tags are not supported");
	return 0;
}

static int
yaml_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

/* After the top-level sequence (or an empty document): the document must
 * end and no other follow.  Returns 0, or -1. */
static int
yaml_end(ws_in *in)
{
	yaml_event_t ev;
	int t;

	for (;;) {
		if (yaml_event(in, &ev) < 0)
			return -1;
		t = ev.type;
		if (t == YAML_DOCUMENT_START_EVENT) {
			long l = (long)ev.start_mark.line + 1;

			yaml_event_delete(&ev);
			return fail_at(in, l, 0, "more than one YAML "
			    "document (expected one sequence of mappings)");
		}
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			return 0;
	}
}

static int
yaml_start(ws_in *in)
{
	yaml_event_t ev;
	long i;
	int r, t;

	if (!in->held)
		return 0;
	for (i = 1; i < in->lineno; i++)	/* skipped blank lines */
		ws_buf_addc(&in->doc, '\n');
	while ((r = take_line(in)) > 0) {
		if (in->bad) {
			in->fatal = 1;
			return line_problem(in, in->bad, in->lineno);
		}
		ws_buf_add(&in->doc, in->line, in->len);
	}
	if (r < 0)
		return r;
	if (!yaml_parser_initialize(&in->yp))
		ws_die(EX_SOFTWARE, "out of memory");
	in->ypinit = 1;
	yaml_parser_set_input_string(&in->yp,
	    (const unsigned char *)ws_buf_str(&in->doc), in->doc.len);
	for (;;) {
		if (yaml_event(in, &ev) < 0)
			return -1;
		t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (t == YAML_STREAM_START_EVENT ||
		    t == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		break;
	}
	if (yaml_plain_node(in, &ev) < 0) {
		yaml_event_delete(&ev);
		return -1;
	}
	if (t == YAML_SEQUENCE_START_EVENT) {
		yaml_event_delete(&ev);
		return 1;
	}
	if (t == YAML_SCALAR_EVENT && yaml_null(&ev)) {	/* empty document */
		yaml_event_delete(&ev);
		return yaml_end(in) < 0 ? -1 : 0;
	}
	r = fail_at(in, (long)ev.start_mark.line + 1,
	    (long)ev.start_mark.column + 1, "expected a sequence of mappings "
	    "(one '- key: value' item per record)");
	yaml_event_delete(&ev);
	return r;
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

/* Store a scalar of a yaml record; 0, or -1 on a NUL in it. */
static int
yaml_scalar(ws_in *in, yaml_event_t *ev, size_t *off, int maynull)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;

	if (memchr(v, '\0', n) != NULL)
		return fail_at(in, (long)ev->start_mark.line + 1,
		    (long)ev->start_mark.column + 1, "NUL byte");
	*off = maynull && yaml_null(ev) ? NOVAL : rec_add(in, v, n);
	return 0;
}

static int
yaml_next(ws_in *in)
{
	yaml_event_t ev;
	size_t np = 0;
	long l, c;
	int t;

	ws_buf_reset(&in->raw);
	if (yaml_event(in, &ev) < 0)
		return -1;
	t = ev.type;
	l = (long)ev.start_mark.line + 1;
	c = (long)ev.start_mark.column + 1;
	if (t == YAML_SEQUENCE_END_EVENT) {
		yaml_event_delete(&ev);
		return yaml_end(in);
	}
	if (yaml_plain_node(in, &ev) < 0)
		goto bad;
	if (t != YAML_MAPPING_START_EVENT) {
		fail_at(in, l, c, "expected a mapping (key: value pairs) "
		    "for each record");
		goto bad;
	}
	yaml_event_delete(&ev);
	in->recline = l;
	ws_buf_reset(&in->rec);
	for (;;) {
		if (yaml_event(in, &ev) < 0)
			return -1;
		if (ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (yaml_plain_node(in, &ev) < 0)
			goto bad;
		if (ev.type != YAML_SCALAR_EVENT) {
			fail_at(in, (long)ev.start_mark.line + 1,
			    (long)ev.start_mark.column + 1,
			    "keys must be scalars");
			goto bad;
		}
		grow_fields(in, np + 1);
		if (yaml_scalar(in, &ev, &in->off[2 * np], 0) < 0)
			goto bad;
		yaml_event_delete(&ev);
		if (yaml_event(in, &ev) < 0)
			return -1;
		if (yaml_plain_node(in, &ev) < 0)
			goto bad;
		if (ev.type != YAML_SCALAR_EVENT) {
			fail_at(in, (long)ev.start_mark.line + 1,
			    (long)ev.start_mark.column + 1, "%s: nested lists "
			    "and mappings are not supported (expected a "
			    "single value)", in->rec.s + in->off[2 * np]);
			goto bad;
		}
		if (yaml_scalar(in, &ev, &in->off[2 * np + 1], 1) < 0)
			goto bad;
		yaml_event_delete(&ev);
		np++;
	}
	yaml_event_delete(&ev);
	set_pairs(in, np);
	yaml_raw(in);
	return 1;
bad:
	yaml_event_delete(&ev);
	return -1;
}

/* ---- reader interface */

static int
start(ws_in *in)
{
	int r;

	if (in->ioerr) {
		in->fatal = 1;
		return -1;
	}
	switch (in->fmt) {
	case WS_FMT_JSON:
		return in->held ? json_start(in) : 0;
	case WS_FMT_YAML:
		in->fatal = 1;
		return yaml_start(in);
	default:
		break;
	}
	if (!in->held)
		return 0;
	if (in->bare) {
		in->keys = (const char **)in->hkeys;
		in->nk = 1;
		return 1;
	}
	r = in->fmt == WS_FMT_CSV ? csv_header(in) : tsv_header(in);
	if (r <= 0) {
		size_t i;

		in->fatal = 1;
		for (i = 0; i < in->nh; i++)
			free(in->hkeys[i]);
		free(in->hkeys);
		in->hkeys = NULL;
		in->nh = 0;
		in->nk = 0;
		return r;
	}
	clear_rec(in);
	return 1;
}

int
ws_in_next(ws_in *in)
{
	int r;

	if (in->state == 2)
		return 0;
	if (in->state == 0) {
		in->state = 1;
		if ((r = start(in)) <= 0) {
			in->state = 2;
			return r;
		}
	}
	switch (in->fmt) {
	case WS_FMT_CSV:
		r = csv_next(in);
		break;
	case WS_FMT_JSON:
		r = json_next(in);
		break;
	case WS_FMT_YAML:
		r = yaml_next(in);
		break;
	default:
		r = tsv_next(in);
		break;
	}
	if (r <= 0) {
		clear_rec(in);
		if (r == 0 || in->fatal)
			in->state = 2;
	}
	return r;
}

const char *
ws_in_error(ws_in *in)
{
	return ws_buf_str(&in->err);
}

enum ws_fmt
ws_in_fmt(ws_in *in)
{
	return in->fmt;
}

const char *
ws_in_get(ws_in *in, const char *name)
{
	size_t i;

	for (i = 0; i < in->nk; i++)
		if (strcmp(in->keys[i], name) == 0)
			return in->vals[i] && in->vals[i][0] != '\0' ?
			    in->vals[i] : NULL;
	return NULL;
}

size_t
ws_in_nkeys(ws_in *in)
{
	return in->nk;
}

const char *
ws_in_key(ws_in *in, size_t i)
{
	return i < in->nk ? in->keys[i] : NULL;
}

long
ws_in_line(ws_in *in)
{
	return in->recline;
}

const char *
ws_in_raw(ws_in *in)
{
	return ws_buf_str(&in->raw);
}

const char *
ws_in_raw_header(ws_in *in)
{
	return in->hashdr ? ws_buf_str(&in->rawhdr) : NULL;
}

void
ws_in_free(ws_in *in)
{
	size_t i;

	if (in == NULL)
		return;
	free(in->name);
	free(in->line);
	ws_buf_free(&in->err);
	ws_buf_free(&in->raw);
	ws_buf_free(&in->rawhdr);
	for (i = 0; i < in->nh; i++)
		free(in->hkeys[i]);
	free(in->hkeys);
	free(in->pk);
	free(in->vals);
	ws_buf_free(&in->rec);
	free(in->off);
	sqlite3_finalize(in->jtype);
	sqlite3_finalize(in->jeach);
	sqlite3_close(in->db);
	if (in->ypinit)
		yaml_parser_delete(&in->yp);
	ws_buf_free(&in->doc);
	free(in);
}

char *
ws_in_check_keys(ws_in *in, const char *const *allowed)
{
	ws_buf list = {0};
	size_t i, j;
	char *m;

	for (i = 0; i < in->nk; i++) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(in->keys[i], allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			for (j = 0; allowed[j] != NULL; j++) {
				if (j > 0)
					ws_buf_adds(&list, ", ");
				ws_buf_adds(&list, allowed[j]);
			}
			m = ws_asprintf("unknown column '%s' (expected one "
			    "of: %s)", in->keys[i], ws_buf_str(&list));
			ws_buf_free(&list);
			return m;
		}
		for (j = 0; j < i; j++)
			if (strcmp(in->keys[i], in->keys[j]) == 0)
				return ws_asprintf("duplicate column '%s'",
				    in->keys[i]);
	}
	return NULL;
}

int
ws_in_check_header(ws_in *in, const char *const *allowed,
    const char *const *required, const char *why)
{
	char *m;
	size_t i, j;

	if ((m = ws_in_check_keys(in, allowed)) != NULL) {
		ws_warn("%s:1: %s", in->name, m);
		free(m);
		return -1;
	}
	for (j = 0; required[j] != NULL; j++) {
		for (i = 0; i < in->nk; i++)
			if (strcmp(in->keys[i], required[j]) == 0)
				break;
		if (i == in->nk) {
			ws_warn("%s:1: missing column '%s' (%s)", in->name,
			    required[j], why);
			return -1;
		}
	}
	return 0;
}

void
ws_in_reject(ws_in *in, FILE *rj, int *header_done)
{
	const char *s;

	if (rj == NULL)
		return;
	if (!*header_done) {
		if ((s = ws_in_raw_header(in)) != NULL)
			fputs(s, rj);
		*header_done = 1;
	}
	if ((s = ws_in_raw(in)) != NULL)
		fputs(s, rj);
}
