/*
 * in.c - record readers: lines, format detection, tsv and csv, and the
 * reader interface (ws_in_*) over them and over json lines (in-json.c)
 * and yaml (in-yaml.c)
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "in.h"

static void unguard(ws_in *in, size_t at);

static void
vfail(ws_in *in, long line, long col, const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *m;

	fmt = ws_msg(fmt);	/* issue 14 */
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
int
ws_in_fail(ws_in *in, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(in, line, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* The same with a column, ending the stream (yaml). */
int
ws_in_fail_at(ws_in *in, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(in, line, col, fmt, ap);
	va_end(ap);
	in->fatal = 1;
	return -1;
}

/*
 * issue 14: where the current line stops being UTF-8, and whether it
 * reads as GBK instead: every byte from 0x80 up pairs into a GBK
 * character (lead 0x81-0xFE, trail 0x40-0xFE but 0x7F), and at least half
 * of those pairs are GB2312 ones (both bytes 0xA1-0xFE), the characters
 * a Chinese office's lists are written in.  Latin-1 ("caf\xe9") and
 * random bytes fail the one or the other.
 */
static void
bad_bytes(ws_in *in)
{
	const unsigned char *s = (const unsigned char *)in->line;
	size_t i, k, n = in->len, pairs = 0, gb2312 = 0;

	for (i = 0; i < n && (k = ws_utf8_seq(s + i, n - i)) > 0; i += k)
		;
	in->badoff = i;
	in->gbk = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] == 0x80 || s[i] == 0xFF || i + 1 >= n ||
		    s[i + 1] < 0x40 || s[i + 1] == 0x7F || s[i + 1] == 0xFF)
			return;
		pairs++;
		if (s[i] >= 0xA1 && s[i + 1] >= 0xA1)
			gb2312++;
		i++;
	}
	in->gbk = pairs > 0 && gb2312 * 2 >= pairs;
}

int
ws_in_line_problem(ws_in *in, int kind, long line)
{
	if (kind == LINE_NUL)
		return ws_in_fail(in, line, "NUL byte");
	if (kind == LINE_LONG)
		return ws_in_fail(in, line, "line longer than 1 MiB "
		    "(expected one record a line)");
	if (kind == LINE_UTF16) {
		in->fatal = 1;
		return ws_in_fail(in, line, "UTF-16 text (Excel's \"Unicode "
		    "text\"), not UTF-8 (read it with --encoding utf-16, or "
		    "save it as \"CSV UTF-8\")");
	}
	/* issue 14: GBK told apart from other bad bytes; its hint once a
	 * file, as a GBK file is bad on every line */
	if (!in->gbk)
		return ws_in_fail(in, line, "not valid UTF-8: byte %zu of the "
		    "line (0x%02X) is not UTF-8, nor GBK (save the file as "
		    "UTF-8)", in->badoff + 1,
		    (unsigned)(unsigned char)in->line[in->badoff]);
	if (in->hinted++)
		return ws_in_fail(in, line, "not valid UTF-8 (GBK, as above)");
	return ws_in_fail(in, line, "not valid UTF-8: it looks like GBK "
	    "(Excel's CSV on Chinese Windows); read it with --encoding gbk, "
	    "or convert it first, e.g. iconv -f GBK -t UTF-8");
}

/* Make the current line the next one of the input: returns 1, 0 at the
 * end, -1 on a read error (which ends the stream). */
int
ws_in_take_line(ws_in *in)
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
			ws_in_fail(in, 0, "cannot read: %s", strerror(errno));
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
		in->bom = 1;
	}
	if (in->lineno == 1 && in->len >= 2 &&
	    (memcmp(in->line, "\xFF\xFE", 2) == 0 ||
	    memcmp(in->line, "\xFE\xFF", 2) == 0))
		in->bad = LINE_UTF16;	/* its BOM */
	else if (in->len > MAXLINE)
		in->bad = LINE_LONG;
	else if (memchr(in->line, '\0', in->len) != NULL)
		in->bad = LINE_NUL;
	else if (!ws_utf8_valid(in->line, in->len)) {
		in->bad = LINE_UTF8;
		bad_bytes(in);
	}
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

int
ws_in_blank(const char *s, size_t n)
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

void
ws_in_grow(ws_in *in, size_t n)
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
size_t
ws_in_rec_add(ws_in *in, const char *p, size_t n)
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
	if ((in->dec = ws_decode_open(fp)) != NULL)
		in->fp = in->dec;	/* --encoding */
	in->name = ws_strdup(name ? name : "<stdin>");
	/* The first line that is not blank decides the format. */
	while ((r = ws_in_take_line(in)) > 0) {
		if (in->bad || !ws_in_blank(in->line, in->len)) {
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
	ws_in_grow(in, 1);
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
		if ((r = ws_in_take_line(in)) <= 0)
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
		ws_in_grow(in, nf + 1);
		in->off[nf++] = in->rec.len;
		if (p < e && *p == '"') {
			p++;
			for (;;) {
				q = memchr(p, '"', (size_t)(le - p));
				if (q == NULL) {
					ws_buf_add(&in->rec, p,
					    (size_t)(le - p));
					if (in->rec.len > MAXLINE)
						return ws_in_fail_at(in,
						    in->recline, 0, "record "
						    "longer than 1 MiB (a "
						    "quoted field not "
						    "closed?)");
					if ((r = ws_in_take_line(in)) < 0)
						return r;
					if (r == 0)
						return ws_in_fail(in,
						    in->recline, "quoted "
						    "field not closed at the "
						    "end of input (expected "
						    "'\"')");
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
				return ws_in_fail(in, in->lineno, "text after "
				    "a closing quote (expected ',' or the end "
				    "of the line)");
			unguard(in, in->off[nf - 1]);
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
		return ws_in_line_problem(in, badkind, badline);
	return 1;
}

/* A quoted field that out.c guarded against formula injection ("'=x",
 * "''=x") reads back as written before the guard ("=x", "'=x"). */
static void
unguard(ws_in *in, size_t at)
{
	char *f = in->rec.s + at;

	if (in->rec.len > at + 1 && f[0] == '\'' &&
	    ws_formula_guard_n(f + 1, in->rec.len - at - 1)) {
		memmove(f, f + 1, in->rec.len - at - 1);
		in->rec.len--;
	}
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
			return ws_in_fail(in, in->recline, "empty column name "
			    "(column %zu)", i + 1);
	if (dup < in->nh)
		return ws_in_fail(in, in->recline, "duplicate column '%s'",
		    in->hkeys[dup]);
	return 1;
}

static int
tsv_header(ws_in *in)
{
	size_t i, n;
	int r;

	if ((r = ws_in_take_line(in)) <= 0)
		return r;
	in->recline = in->lineno;
	if (in->bad)
		return ws_in_line_problem(in, in->bad, in->lineno);
	ws_buf_add(&in->rawhdr, in->line, in->len);
	if (in->line[in->len - 1] != '\n')
		ws_buf_addc(&in->rawhdr, '\n');
	in->hashdr = 1;
	n = chomp(in);
	in->nh = 1;
	for (i = 0; i < n; i++)
		in->nh += in->line[i] == '\t';
	ws_in_grow(in, in->nh);
	tsv_split(in, n, in->nh);
	in->hkeys = ws_calloc(in->nh + 1, sizeof(*in->hkeys));
	for (i = 0; i < in->nh; i++) {
		tsv_unescape(in->vals[i]);
		in->hkeys[i] = ws_strdup(ws_column_name(in->vals[i]));
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
		in->hkeys[i] = ws_strdup(ws_column_name(in->rec.s +
		    in->off[i]));
	ws_in_grow(in, in->nh);
	return check_header(in);
}

/*
 * Take the next line of a line-per-record stream that skip does not pass
 * over, chomped, its length in *n.  Returns 1, 0 at the end of the input,
 * or -1 for a line with a problem (NUL, not UTF-8, too long).
 */
int
ws_in_record_line(ws_in *in, size_t *n, int (*skip)(const ws_in *, size_t))
{
	int r;

	for (;;) {
		if ((r = ws_in_take_line(in)) <= 0)
			return r;
		in->recline = in->lineno;
		set_raw(in);
		if (in->bad)
			return ws_in_line_problem(in, in->bad, in->lineno);
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

	if ((r = ws_in_record_line(in, &n, tsv_skip)) <= 0)
		return r;
	nf = tsv_split(in, n, in->nh);
	if (nf != in->nh)
		return ws_in_fail(in, in->recline, "expected %zu field%s, "
		    "found %zu", in->nh, in->nh == 1 ? "" : "s", nf);
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
		return ws_in_fail(in, in->recline, "expected %zu field%s, "
		    "found %zu", in->nh, in->nh == 1 ? "" : "s", in->nf);
	for (i = 0; i < in->nf; i++)
		in->vals[i] = in->rec.s + in->off[i];
	return 1;
}


/* Point keys and vals at the pairs stored in rec. */
void
ws_in_set_pairs(ws_in *in, size_t n)
{
	size_t i;

	ws_in_grow(in, n);
	in->keys = in->pk;
	for (i = 0; i < n; i++) {
		in->pk[i] = in->rec.s + in->off[2 * i];
		in->vals[i] = in->off[2 * i + 1] == NOVAL ? NULL :
		    in->rec.s + in->off[2 * i + 1];
	}
	in->nk = n;
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
		return in->held ? ws_in_json_start(in) : 0;
	case WS_FMT_YAML:
		in->fatal = 1;
		return ws_in_yaml_start(in);
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

/*
 * A record's size, whatever the format: a field over MAXFIELD or a record
 * over MAXLINE is refused (a quoted csv field or a yaml block scalar is
 * not held to the line limit, and 100 MiB notes were stored).
 */
static int
sizes_ok(ws_in *in)
{
	size_t i, n, total = 0;

	for (i = 0; i < in->nk; i++) {
		n = in->vals[i] ? strlen(in->vals[i]) : 0;
		if (n > MAXFIELD)
			return ws_in_fail(in, in->recline ? in->recline :
			    in->lineno, "%s: longer than %d KiB (a field "
			    "holds at most that)", in->keys[i],
			    MAXFIELD / 1024);
		total += n;
	}
	if (total > MAXLINE)
		return ws_in_fail(in, in->recline ? in->recline : in->lineno,
		    "record longer than 1 MiB");
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
		r = ws_in_json_next(in);
		break;
	case WS_FMT_YAML:
		r = ws_in_yaml_next(in);
		break;
	default:
		r = tsv_next(in);
		break;
	}
	if (r > 0)
		r = sizes_ok(in);
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
	if (in->dec != NULL)
		fclose(in->dec);
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
	ws_in_yaml_free(in);
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
			m = ws_msgf("unknown column '%s' (expected one "
			    "of: %s)", in->keys[i], ws_buf_str(&list));
			ws_buf_free(&list);
			return m;
		}
		for (j = 0; j < i; j++)
			if (strcmp(in->keys[i], in->keys[j]) == 0)
				return ws_msgf("duplicate column '%s'",
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
	/* as the input was: its BOM, its encoding (Excel reads it so) */
	if (!*header_done) {
		if (in->bom || (ws_encoding_name() != NULL &&
		    strcmp(ws_encoding_name(), "UTF-16") == 0))
			fputs(ws_encoding_name() == NULL ? "\xEF\xBB\xBF" :
			    strcmp(ws_encoding_name(), "UTF-16") == 0 ?
			    "\xFF\xFE" : "", rj);
		if ((s = ws_in_raw_header(in)) != NULL)
			ws_encode_put(s, rj);
		*header_done = 1;
	}
	if ((s = ws_in_raw(in)) != NULL)
		ws_encode_put(s, rj);
}

