/*
 * doc.c - one model of a report and one renderer per format.
 *
 * A document is a list of elements: the title, section headings, notes
 * (paragraphs), key-value blocks, tables whose first row is the header,
 * and bar charts.  Table cells are typed (text, count, money in fen,
 * minutes shown as hours, a percentage of two integers, a date): each
 * cell keeps its display text and its raw figure, so the human formats
 * (text, markdown, html) print what a reader expects and the record
 * formats (csv, tsv, json) give one tidy record per figure.
 *
 * Every string that reaches the output goes through the escaper of its
 * format: ws_esc_text, ws_esc_md, ws_esc_html here, and the record
 * writer of stream.c (ws_out) for tsv, csv and json.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

enum { E_TITLE, E_SECTION, E_NOTE, E_TABLE, E_CHART, E_SIGN };

struct cell {
	enum ws_cell type;
	const char *s;		/* display text (in the document's pool) */
	int64_t v, den;		/* the figure; den for a percentage */
};

struct bar {
	char *label;		/* allocated */
	int64_t num, den;	/* the bar is num/den of the base */
	int flagged;
};

struct elem {
	int kind;
	char *text;		/* title, heading, note */
	char **line;		/* E_SIGN: "label: value" lines (allocated) */
	size_t nline;
	/* E_TABLE */
	int ncol;
	int head;		/* first row is a header; 0: a key-value block */
	char *align;		/* 'l' or 'r' per column (allocated) */
	size_t nrow, ncell;	/* ncell: cells filled so far */
	size_t cap;		/* rows allocated (cell, flags) */
	struct cell *cell;	/* nrow x ncol */
	int *flags;		/* per row: WS_ROW_* */
	/* E_CHART */
	int64_t mark;		/* threshold line, percent x100 */
	char *legend[2];	/* the base bar, the figure bar */
	struct bar *bar;
	size_t nbar;
};

/* The cells' texts, copied one after another into chunks that never
 * move: one allocation per 64 KiB, not one per cell. */
struct chunk {
	struct chunk *next;
	size_t used, size;
	char text[];
};

struct ws_doc {
	struct elem *e;
	size_t n;
	struct chunk *pool;	/* newest first */
	const char *css;	/* html style sheet (static) */
	int form;		/* a form: see ws_doc_form */
};

/* ---------------------------------------------------------- escapers */

/* The byte a control character (C0, DEL) is shown as: a space, so a
 * value never breaks a line, a table or a terminal. */
static int
ctl(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f;
}

void
ws_esc_text(const char *s, FILE *fp)
{
	for (; *s; s++)
		putc(ctl((unsigned char)*s) ? ' ' : *s, fp);
}

void
ws_esc_md(const char *s, FILE *fp)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s) != NULL)
			putc('\\', fp);
		putc(ctl((unsigned char)*s) ? ' ' : *s, fp);
	}
}

void
ws_esc_html(const char *s, FILE *fp)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			putc(ctl((unsigned char)*s) ? ' ' : *s, fp);
		}
}

/* ------------------------------------------------------------- model */

static const char html_css[] =
    "\n@page { size: A4; margin: 15mm; }\n"
    "body { font-family: sans-serif; font-size: 10pt; color: #000; "
    "max-width: 180mm; margin: 0 auto; }\n"
    "h1 { font-size: 15pt; }\n"
    "h2 { font-size: 12pt; margin: 0 0 4pt 0; }\n"
    "section { break-inside: avoid; page-break-inside: avoid; "
    "margin-bottom: 12pt; }\n"
    "table { border-collapse: collapse; margin: 4pt 0; }\n"
    "th, td { border: 1px solid #999; padding: 1pt 5pt; "
    "text-align: left; }\n"
    "td.n { text-align: right; }\n"
    "table.kv th { font-weight: normal; background: #f0f0f0; }\n"
    "tr.bad td { color: #c0392b; font-weight: bold; }\n"
    "svg text { font-size: 9pt; }\n"
    "svg text.ax { font-size: 8pt; fill: #555; }\n";

static struct elem *
add(ws_doc *d, int kind, const char *text)
{
	struct elem *e;

	d->e = ws_realloc(d->e, (d->n + 1) * sizeof *d->e);
	e = &d->e[d->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->text = ws_strdup(text);
	return e;
}

ws_doc *
ws_doc_new(const char *title)
{
	ws_doc *d = ws_calloc(1, sizeof *d);

	d->css = html_css;
	add(d, E_TITLE, title);
	return d;
}

void
ws_doc_form(ws_doc *d, const char *css)
{
	d->form = 1;
	d->css = css;
}

void
ws_doc_section(ws_doc *d, const char *heading)
{
	add(d, E_SECTION, heading);
}

void
ws_doc_note(ws_doc *d, const char *text)
{
	add(d, E_NOTE, text);
}

static void
table(ws_doc *d, int ncol, int head, const char *align)
{
	struct elem *e = add(d, E_TABLE, NULL);

	e->ncol = ncol;
	e->head = head;
	e->align = ws_strdup(align);
}

void
ws_doc_kv(ws_doc *d)
{
	table(d, 2, 0, "ll");
}

void
ws_doc_table(ws_doc *d, const char *align)
{
	table(d, (int)strlen(align), 1, align);
}

/* The table being filled; a misuse of the API is a bug. */
static struct elem *
curtab(ws_doc *d)
{
	if (d->n == 0 || d->e[d->n - 1].kind != E_TABLE)
		ws_bug("doc: a row or cell outside a table");
	return &d->e[d->n - 1];
}

void
ws_doc_row(ws_doc *d, int flags)
{
	struct elem *t = curtab(d);

	if (t->nrow > 0 && t->ncell != t->nrow * t->ncol)
		ws_bug("doc: a row of %zu cells in a table of %d columns",
		    t->ncell - (t->nrow - 1) * t->ncol, t->ncol);
	if (t->nrow == t->cap) {	/* doubling: a long list is not copied
					 * row by row */
		t->cap = t->cap < 16 ? 16 : 2 * t->cap;
		t->cell = ws_realloc(t->cell, t->cap * t->ncol *
		    sizeof *t->cell);
		t->flags = ws_realloc(t->flags, t->cap * sizeof *t->flags);
	}
	t->flags[t->nrow++] = flags;
}

/* A copy of s in d's pool. */
static const char *
pooled(ws_doc *d, const char *s)
{
	size_t n = strlen(s) + 1, size;
	struct chunk *k = d->pool;
	char *p;

	if (k == NULL || k->size - k->used < n) {
		size = n > 65536 ? n : 65536;
		k = ws_malloc(sizeof *k + size);
		k->next = d->pool;
		k->used = 0;
		k->size = size;
		d->pool = k;
	}
	p = k->text + k->used;
	memcpy(p, s, n);
	k->used += n;
	return p;
}

static void
cell(ws_doc *d, enum ws_cell type, const char *s, int64_t v, int64_t den)
{
	struct elem *t = curtab(d);
	struct cell *c;

	if (t->ncell >= t->nrow * t->ncol)
		ws_bug("doc: more cells than %d columns", t->ncol);
	c = &t->cell[t->ncell++];
	c->type = type;
	c->s = pooled(d, s);
	c->v = v;
	c->den = den;
}

void
ws_doc_text(ws_doc *d, const char *s)
{
	cell(d, WS_CELL_TEXT, s ? s : "", 0, 0);
}

void
ws_doc_count(ws_doc *d, int64_t n)
{
	char s[24], *p = s + sizeof s;
	uint64_t u = n < 0 ? -(uint64_t)n : (uint64_t)n;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	cell(d, WS_CELL_COUNT, p, n, 0);
}

void
ws_doc_money(ws_doc *d, int64_t fen)
{
	char s[32];

	ws_fen_str(fen, s);
	cell(d, WS_CELL_MONEY, s, fen, 0);
}

void
ws_doc_hours(ws_doc *d, int64_t minutes)
{
	char s[32];

	ws_hours_str(minutes, s);
	cell(d, WS_CELL_HOURS, s, minutes, 0);
}

void
ws_doc_hours_unit(ws_doc *d, int64_t minutes)
{
	char s[32], u[96];

	ws_hours_str(minutes, s);
	snprintf(u, sizeof u, ws_tr("%s hours"), s);	/* issue 14 */
	cell(d, WS_CELL_HOURS, u, minutes, 0);
}

void
ws_doc_pct_str(int64_t num, int64_t den, char out[32])
{
	int64_t t;

	if (den <= 0) {
		out[0] = '\0';
		return;
	}
	t = ws_prorate(num, 1000, den);
	snprintf(out, 32, "%lld.%lld", (long long)(t / 10),
	    (long long)(t % 10));
}

void
ws_doc_pct(ws_doc *d, int64_t num, int64_t den)
{
	char s[32], t[40];

	ws_doc_pct_str(num, den, s);
	snprintf(t, sizeof t, "%s%%", s);
	cell(d, WS_CELL_PERCENT, *s ? t : "-", num, den);
}

void
ws_doc_date(ws_doc *d, const char *date)
{
	cell(d, WS_CELL_DATE, date ? date : "", 0, 0);
}

void
ws_doc_chart(ws_doc *d, int64_t mark, const char *legend_base,
    const char *legend_bar)
{
	struct elem *e = add(d, E_CHART, NULL);

	e->mark = mark;
	e->legend[0] = ws_strdup(legend_base);
	e->legend[1] = ws_strdup(legend_bar);
}

void
ws_doc_bar(ws_doc *d, const char *label, int64_t num, int64_t den,
    int flagged)
{
	struct elem *e;

	if (d->n == 0 || d->e[d->n - 1].kind != E_CHART)
		ws_bug("doc: a bar outside a chart");
	e = &d->e[d->n - 1];
	e->bar = ws_realloc(e->bar, (e->nbar + 1) * sizeof *e->bar);
	e->bar[e->nbar].label = ws_strdup(label);
	e->bar[e->nbar].num = num;
	e->bar[e->nbar].den = den;
	e->bar[e->nbar].flagged = flagged;
	e->nbar++;
}

void
ws_doc_sign(ws_doc *d, const char *label, const char *value)
{
	struct elem *e;

	if (d->n == 0 || d->e[d->n - 1].kind != E_SIGN)
		add(d, E_SIGN, NULL);
	e = &d->e[d->n - 1];
	e->line = ws_realloc(e->line, (e->nline + 1) * 2 * sizeof *e->line);
	e->line[2 * e->nline] = ws_strdup(label);
	e->line[2 * e->nline + 1] = ws_strdup(value);
	e->nline++;
}

void
ws_doc_free(ws_doc *d)
{
	struct elem *e;
	struct chunk *k;
	size_t i, j;

	if (d == NULL)
		return;
	while ((k = d->pool) != NULL) {
		d->pool = k->next;
		free(k);
	}
	for (i = 0; i < d->n; i++) {
		e = &d->e[i];
		free(e->text);
		free(e->align);
		free(e->cell);
		free(e->flags);
		for (j = 0; j < 2 * e->nline; j++)
			free(e->line[j]);
		free(e->line);
		free(e->legend[0]);
		free(e->legend[1]);
		for (j = 0; j < e->nbar; j++)
			free(e->bar[j].label);
		free(e->bar);
	}
	free(d->e);
	free(d);
}

/* The display text of cell r, c of t ("" for a row left short). */
static const char *
cs(const struct elem *t, size_t r, int c)
{
	size_t i = r * t->ncol + c;

	return i < t->ncell ? t->cell[i].s : "";
}

/* The separator of a label and its value: ": " (translated). */
static const char *
sep(void)
{
	return ws_tr(": ");
}

/* Signature lines: "label: value", or a line to sign on for a NULL
 * value; between lines brk, after the last end. */
static void
sign_lines(const struct elem *e, void (*esc)(const char *, FILE *),
    const char *brk, const char *end, FILE *fp)
{
	size_t i;

	for (i = 0; i < e->nline; i++) {
		esc(e->line[2 * i], fp);
		esc(sep(), fp);
		if (e->line[2 * i + 1] == NULL)
			fputs("____________", fp);
		else
			esc(e->line[2 * i + 1], fp);
		fputs(i + 1 < e->nline ? brk : end, fp);
	}
}

/* -------------------------------------------------------------- text */

/* s with its control characters shown as spaces (allocated). */
static char *
clean(const char *s)
{
	char *t = ws_strdup(s), *p;

	for (p = t; *p; p++)
		if (ctl((unsigned char)*p))
			*p = ' ';
	return t;
}

/* A text that holds no control character is printed as it is. */
static int
has_ctl(const char *s)
{
	for (; *s; s++)
		if (ctl((unsigned char)*s))
			return 1;
	return 0;
}

/* The display width of s, its control characters shown as spaces. */
static size_t
text_width(const char *s)
{
	char *t;
	size_t n;

	if (!has_ctl(s))
		return ws_width(s);
	t = clean(s);
	n = ws_width(t);
	free(t);
	return n;
}

/* k spaces. */
static void
spaces(FILE *fp, size_t k)
{
	static const char sp[] = "                                ";
	size_t m;

	for (; k > 0; k -= m) {
		m = k < sizeof sp - 1 ? k : sizeof sp - 1;
		fwrite(sp, 1, m, fp);
	}
}

/* s (n columns wide) aligned in w columns, CJK characters two columns
 * wide. */
static void
pad(FILE *fp, const char *s, size_t n, size_t w, int right, int last)
{
	char *t = has_ctl(s) ? clean(s) : NULL;

	if (right && n < w)
		spaces(fp, w - n);
	fputs(t != NULL ? t : s, fp);
	if (!right && !last && n < w)
		spaces(fp, w - n);
	free(t);
}

/*
 * A table in aligned columns.  In a form, a table has no header line and
 * its figures (right-aligned columns) take at least 10 columns; a
 * key-value block is "key: value" lines.
 */
static void
text_table(const ws_doc *d, const struct elem *t, FILE *fp)
{
	size_t *w = ws_calloc(t->ncol, sizeof *w), r, n, *cw;
	int i, last;

	if (d->form && !t->head) {
		for (r = 0; r < t->nrow; r++) {
			ws_esc_text(cs(t, r, 0), fp);
			ws_esc_text(sep(), fp);
			ws_esc_text(cs(t, r, 1), fp);
			putc('\n', fp);
		}
		free(w);
		return;
	}
	for (i = 0; d->form && i < t->ncol; i++)
		if (t->align[i] == 'r')
			w[i] = 10;
	/* every cell measured once */
	cw = ws_calloc(t->nrow * t->ncol + 1, sizeof *cw);
	for (r = d->form ? 1 : 0; r < t->nrow; r++)
		for (i = 0; i < t->ncol; i++) {
			n = cw[r * t->ncol + i] = text_width(cs(t, r, i));
			if (n > w[i])
				w[i] = n;
		}
	for (r = d->form ? 1 : 0; r < t->nrow; r++) {
		fputs("  ", fp);
		for (i = 0; i < t->ncol; i++) {
			last = i == t->ncol - 1;
			pad(fp, cs(t, r, i), cw[r * t->ncol + i], w[i],
			    t->align[i] == 'r' && !(t->head && r == 0 &&
			    i == 0), last);
			if (!last)
				fputs("  ", fp);
		}
		putc('\n', fp);
	}
	free(cw);
	free(w);
}

/* In a form, elements are set apart by blank lines, and a heading ends
 * in the separator's colon, as the title of what follows. */
static void
render_text(const ws_doc *d, FILE *fp)
{
	const char *s;
	size_t i, n;

	for (i = 0; i < d->n; i++) {
		if (d->form && i > 0 && d->e[i].kind != E_SECTION &&
		    d->e[i].kind != E_CHART && d->e[i - 1].kind != E_SECTION)
			putc('\n', fp);
		switch (d->e[i].kind) {
		case E_SECTION:
			putc('\n', fp);
			ws_esc_text(d->e[i].text, fp);
			if (d->form) {
				s = sep();
				for (n = strlen(s); n > 0 && s[n - 1] == ' ';
				    n--)
					;
				fwrite(s, 1, n, fp);
			}
			putc('\n', fp);
			break;
		case E_TITLE:
		case E_NOTE:
			ws_esc_text(d->e[i].text, fp);
			putc('\n', fp);
			break;
		case E_TABLE:
			text_table(d, &d->e[i], fp);
			break;
		case E_SIGN:
			sign_lines(&d->e[i], ws_esc_text, "\n", "\n", fp);
			break;
		}
	}
}

/* ---------------------------------------------------------- markdown */

/* A table; a key-value block is a list, in a form a table headed "Item"
 * and "Details"; a total row is bold. */
static void
md_table(const ws_doc *d, const struct elem *t, FILE *fp)
{
	const char *b;
	size_t r;
	int c;

	if (d->form && !t->head) {
		fputs("| ", fp);
		ws_esc_md(ws_tr("Item"), fp);
		fputs(" | ", fp);
		ws_esc_md(ws_tr("Details"), fp);
		fputs(" |\n| --- | --- |\n", fp);
	}
	for (r = 0; r < t->nrow; r++) {
		b = t->flags[r] & WS_ROW_TOTAL ? "**" : "";
		if (!t->head && !d->form) {
			fputs("- **", fp);
			ws_esc_md(cs(t, r, 0), fp);
			fputs("**: ", fp);
			ws_esc_md(cs(t, r, 1), fp);
			putc('\n', fp);
			continue;
		}
		for (c = 0; c < t->ncol; c++) {
			fprintf(fp, "| %s", b);
			ws_esc_md(cs(t, r, c), fp);
			fprintf(fp, "%s ", b);
		}
		fputs("|\n", fp);
		if (r > 0 || !t->head)
			continue;
		for (c = 0; c < t->ncol; c++)
			fputs(t->align[c] == 'r' ? "| ---: " : "| --- ", fp);
		fputs("|\n", fp);
	}
}

static void
render_md(const ws_doc *d, FILE *fp)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->e[i].kind == E_CHART)
			continue;
		if (i > 0)
			putc('\n', fp);
		switch (d->e[i].kind) {
		case E_TITLE:
			fputs("# ", fp);
			ws_esc_md(d->e[i].text, fp);
			break;
		case E_SECTION:
			fputs("## ", fp);
			ws_esc_md(d->e[i].text, fp);
			break;
		case E_NOTE:
			ws_esc_md(d->e[i].text, fp);
			break;
		case E_TABLE:
			md_table(d, &d->e[i], fp);
			break;
		case E_SIGN:
			sign_lines(&d->e[i], ws_esc_md, "  \n", "", fp);
			break;
		}
		if (d->e[i].kind != E_TABLE)
			putc('\n', fp);
	}
}

/* -------------------------------------------------------------- html */

/*
 * A bar chart: per bar, a grey base bar for 100% and a bar for num/den on
 * the same scale, up to 150%; a dashed line marks the threshold.  Integer
 * coordinates.
 */
enum { CH_X = 190, CH_W = 390, CH_ROW = 22, CH_TOP = 18 };

static void
html_chart(const struct elem *e, FILE *fp)
{
	const struct bar *b;
	char pc[32];
	int64_t w, x100 = CH_X + CH_W * 100 / 150;
	int64_t xb = CH_X + CH_W * e->mark / 15000;
	int h = CH_TOP + (int)e->nbar * CH_ROW + 26, y;
	size_t k;

	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\" "
	    "role=\"img\">\n", h, h);
	fprintf(fp, "<text x=\"%d\" y=\"12\" class=\"ax\">0%%</text>\n",
	    CH_X);
	fprintf(fp, "<text x=\"%lld\" y=\"12\" class=\"ax\" "
	    "text-anchor=\"middle\">100%%</text>\n", (long long)x100);
	fprintf(fp, "<text x=\"%d\" y=\"12\" class=\"ax\" "
	    "text-anchor=\"end\">150%%</text>\n", CH_X + CH_W);
	for (k = 0; k < e->nbar; k++) {
		b = &e->bar[k];
		y = CH_TOP + (int)k * CH_ROW;
		fprintf(fp, "<text x=\"0\" y=\"%d\">", y + 14);
		ws_esc_html(b->label, fp);
		fputs("</text>\n", fp);
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%lld\" "
		    "height=\"18\" fill=\"#d8d8d8\"/>\n", CH_X, y + 1,
		    (long long)(x100 - CH_X));
		ws_doc_pct_str(b->num, b->den, pc);
		if (b->den > 0) {
			w = ws_prorate(b->num, CH_W * 100, b->den * 150);
			if (w > CH_W)
				w = CH_W;
			fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%lld\" "
			    "height=\"10\" fill=\"%s\"/>\n", CH_X, y + 5,
			    (long long)w, b->flagged ? "#c0392b" : "#2e7d32");
		}
		fprintf(fp, "<text x=\"640\" y=\"%d\" text-anchor=\"end\">"
		    "%s%s</text>\n", y + 14, *pc ? pc : "-", *pc ? "%" : "");
	}
	y = CH_TOP + (int)e->nbar * CH_ROW;
	fprintf(fp, "<line x1=\"%lld\" y1=\"%d\" x2=\"%lld\" y2=\"%d\" "
	    "stroke=\"#333\"/>\n", (long long)x100, CH_TOP - 2,
	    (long long)x100, y);
	fprintf(fp, "<line x1=\"%lld\" y1=\"%d\" x2=\"%lld\" y2=\"%d\" "
	    "stroke=\"#c0392b\" stroke-dasharray=\"3,2\"/>\n", (long long)xb,
	    CH_TOP - 2, (long long)xb, y);
	fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" "
	    "fill=\"#d8d8d8\"/><text x=\"%d\" y=\"%d\" class=\"ax\">",
	    CH_X, y + 10, CH_X + 16, y + 19);
	ws_esc_html(e->legend[0], fp);
	fprintf(fp, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"12\" "
	    "height=\"10\" fill=\"#2e7d32\"/><text x=\"%d\" y=\"%d\" "
	    "class=\"ax\">", CH_X + 160, y + 10, CH_X + 176, y + 19);
	ws_esc_html(e->legend[1], fp);
	fputs("</text>\n</svg>\n", fp);
}

/* A table: header cells, a key-value block's keys and a total row's
 * cells are th; figures td or th class "n", flagged rows class "bad". */
static void
html_table(const ws_doc *d, const struct elem *t, FILE *fp)
{
	size_t r;
	int c, th, tot;

	fprintf(fp, "<table%s>\n", t->head || d->form ? "" :
	    " class=\"kv\"");
	for (r = 0; r < t->nrow; r++) {
		fprintf(fp, "<tr%s>", t->flags[r] & WS_ROW_FLAGGED ?
		    " class=\"bad\"" : "");
		tot = (t->flags[r] & WS_ROW_TOTAL) != 0;
		for (c = 0; c < t->ncol; c++) {
			th = (t->head && r == 0) || (!t->head && c == 0) ||
			    tot;
			fprintf(fp, "<%s%s>", th ? "th" : "td", (!th || tot) &&
			    t->align[c] == 'r' ? " class=\"n\"" : "");
			ws_esc_html(cs(t, r, c), fp);
			fprintf(fp, "</%s>", th ? "th" : "td");
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void
render_html(const ws_doc *d, FILE *fp)
{
	size_t i;
	int open = 0;

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", ws_lang_zh() ? "zh-CN" :
	    "en");
	ws_esc_html(d->e[0].text, fp);
	fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n",
	    d->css);
	for (i = 0; i < d->n; i++)
		switch (d->e[i].kind) {
		case E_TITLE:
			fputs("<h1>", fp);
			ws_esc_html(d->e[i].text, fp);
			fputs("</h1>\n", fp);
			break;
		case E_SECTION:
			if (open)
				fputs("</section>\n", fp);
			fputs(d->form ? "<h2>" : "<section>\n<h2>", fp);
			ws_esc_html(d->e[i].text, fp);
			fputs("</h2>\n", fp);
			open = !d->form;
			break;
		case E_NOTE:
			fputs("<p>", fp);
			ws_esc_html(d->e[i].text, fp);
			fputs("</p>\n", fp);
			break;
		case E_TABLE:
			html_table(d, &d->e[i], fp);
			break;
		case E_SIGN:
			fputs("<p>", fp);
			sign_lines(&d->e[i], ws_esc_html, "<br>\n", "\n", fp);
			fputs("</p>\n", fp);
			break;
		case E_CHART:
			html_chart(&d->e[i], fp);
			break;
		}
	if (open)
		fputs("</section>\n", fp);
	fputs("</body>\n</html>\n", fp);
}

/* -------------------------------------------------------------- tidy */

/*
 * One record per figure: every cell of a table but a row's first (its
 * name) and the header's, as section row column value unit.  The section
 * is the heading above the table (the title before any), the column the
 * header cell above (null in a key-value block).  The value is raw: fen,
 * minutes, a count, a percentage with one decimal (null when its base is
 * 0), a date or the text; the unit says which.
 */
static void
render_tidy(const ws_doc *d, enum ws_fmt fmt, int flags, FILE *fp)
{
	static const char *const cols[] = { "section", "row", "column",
	    "value", "unit" };
	static const char *const units[] = { "text", "count", "fen",
	    "minutes", "percent", "date" };
	const struct elem *t;
	const struct cell *c;
	const char *section = d->e[0].text;
	ws_out *o = ws_out_new(fp, fmt, flags);
	char pc[32];
	size_t i, r;
	int k;

	ws_out_cols(o, 5, cols);
	for (i = 0; i < d->n; i++) {
		t = &d->e[i];
		if (t->kind == E_SECTION)
			section = t->text;
		if (t->kind != E_TABLE)
			continue;
		for (r = t->head ? 1 : 0; r < t->nrow; r++)
			for (k = 1; k < t->ncol; k++) {
				if (r * t->ncol + k >= t->ncell)
					break;
				c = &t->cell[r * t->ncol + k];
				ws_out_str(o, section);
				ws_out_str(o, cs(t, r, 0));
				ws_out_str(o, t->head ? cs(t, 0, k) : NULL);
				switch (c->type) {
				case WS_CELL_COUNT:
				case WS_CELL_MONEY:
				case WS_CELL_HOURS:
					ws_out_int(o, c->v);
					break;
				case WS_CELL_PERCENT:
					ws_doc_pct_str(c->v, c->den, pc);
					ws_out_str(o, *pc ? pc : NULL);
					break;
				default:
					ws_out_str(o, c->s);
				}
				ws_out_str(o, units[c->type]);
				ws_out_end(o);
			}
	}
	ws_out_free(o);
}

/* One cell of a table in a workbook: figures as numbers (yuan and hours
 * with two decimals, a percentage as a fraction shown with one). */
static void
xlsx_cell(ws_xlsx *x, const struct cell *c)
{
	switch (c->type) {
	case WS_CELL_COUNT:
		ws_xlsx_num(x, (double)c->v, WS_XLSX_INT);
		break;
	case WS_CELL_MONEY:
		ws_xlsx_num(x, c->v / 100.0, WS_XLSX_2DP);
		break;
	case WS_CELL_HOURS:
		ws_xlsx_num(x, c->v / 60.0, WS_XLSX_2DP);
		break;
	case WS_CELL_PERCENT:
		if (c->den > 0)
			ws_xlsx_num(x, (double)c->v / (double)c->den,
			    WS_XLSX_PCT);
		else
			ws_xlsx_text(x, NULL);
		break;
	default:
		ws_xlsx_text(x, c->s);
	}
}

/* xlsx: one sheet per table, named after its section (the title before
 * the first). */
static void
render_xlsx(const ws_doc *d, FILE *fp)
{
	const char *section = d->e[0].text;
	const struct elem *t;
	const char **head;
	ws_xlsx *x = ws_xlsx_new(fp);
	size_t i, r;
	int k;

	for (i = 0; i < d->n; i++) {
		t = &d->e[i];
		if (t->kind == E_SECTION)
			section = t->text;
		if (t->kind != E_TABLE)
			continue;
		head = ws_calloc((size_t)t->ncol + 1, sizeof(*head));
		for (k = 0; t->head && k < t->ncol; k++)
			head[k] = cs(t, 0, k);
		ws_xlsx_sheet(x, section, t->ncol, t->head ? head : NULL);
		free(head);
		for (r = t->head ? 1 : 0; r < t->nrow; r++) {
			for (k = 0; k < t->ncol; k++)
				if (r * t->ncol + k < t->ncell)
					xlsx_cell(x, &t->cell[r * t->ncol + k]);
				else
					ws_xlsx_text(x, NULL);
			ws_xlsx_end(x);
		}
	}
	ws_xlsx_close(x);
}

void
ws_doc_print(const ws_doc *d, enum ws_fmt fmt, int flags, FILE *fp)
{
	switch (fmt) {
	case WS_FMT_XLSX:
		render_xlsx(d, fp);
		break;
	case WS_FMT_MARKDOWN:
		render_md(d, fp);
		break;
	case WS_FMT_HTML:
		render_html(d, fp);
		break;
	case WS_FMT_TSV:
	case WS_FMT_CSV:
	case WS_FMT_JSON:
		render_tidy(d, fmt, flags, fp);
		break;
	default:
		render_text(d, fp);
	}
}
