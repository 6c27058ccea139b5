/*
 * xlsx.c - Excel workbooks through libxlsxwriter, for ws_out (one sheet
 * of records) and ws_doc (one sheet per table).
 *
 * The workbook is written in libxlsxwriter's constant-memory mode (each
 * row goes to a temporary file as soon as the next one starts, so memory
 * stays flat however many rows there are) into a temporary file, which
 * ws_xlsx_close copies to the output stream and removes: a workbook is a
 * zip archive, and libxlsxwriter 1.1 writes only to a named file.
 *
 * Cells are typed: numbers are numbers, an ISO date (YYYY-MM-DD) given as
 * text is a date cell, text with two decimals (yuan, hours) a number shown
 * with two, every other text (ID numbers and phone numbers
 * included) is a text cell, so Excel never rounds an ID number nor runs
 * a formula: a text cell is never evaluated.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "wushe.h"

struct ws_xlsx {
	FILE *fp;		/* where the workbook goes (not ours) */
	char *path;		/* the temporary workbook */
	lxw_workbook *wb;
	lxw_worksheet *ws;	/* the current sheet, NULL before one */
	lxw_format *head, *date, *num2, *pct;
	int nsheets;
	lxw_row_t row;		/* next row of the current sheet */
	lxw_col_t col;		/* next column of the current row */
	int ncols;
	double *width;		/* widest cell per column, in characters */
	int failed;		/* a libxlsxwriter call failed */
};

/* The width Excel needs for s: CJK characters count two. */
static void
note_width(ws_xlsx *x, const char *s)
{
	double w;

	if (x->col >= (lxw_col_t)x->ncols)
		return;
	w = (double)ws_width(s) + 2;
	if (w > 60)
		w = 60;
	if (w > x->width[x->col])
		x->width[x->col] = w;
}

static void
check(ws_xlsx *x, lxw_error rc)
{
	if (rc != LXW_NO_ERROR && !x->failed) {
		ws_warn("xlsx: %s", lxw_strerror(rc));
		x->failed = 1;
	}
}

ws_xlsx *
ws_xlsx_new(FILE *fp)
{
	ws_xlsx *x = ws_calloc(1, sizeof(*x));
	const char *tmp = getenv("TMPDIR");
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	int fd;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	x->fp = fp;
	x->path = ws_asprintf("%s/wushe-XXXXXX.xlsx", tmp);
	opt.tmpdir = (char *)tmp;
	if ((fd = mkstemps(x->path, 5)) < 0) {
		ws_warn("xlsx: cannot create a file in '%s':", tmp);
		x->failed = 1;
		return x;
	}
	close(fd);
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL) {
		ws_warn("xlsx: cannot start a workbook in '%s'", tmp);
		x->failed = 1;
		return x;
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->num2 = workbook_add_format(x->wb);
	format_set_num_format(x->num2, "0.00");
	x->pct = workbook_add_format(x->wb);
	format_set_num_format(x->pct, "0.0%");
	return x;
}

/* Set the column widths of the current sheet. */
static void
widths(ws_xlsx *x)
{
	int i;

	if (x->ws == NULL)
		return;
	for (i = 0; i < x->ncols; i++)
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    x->width[i] < 8 ? 8 : x->width[i], NULL);
}

void
ws_xlsx_sheet(ws_xlsx *x, const char *name, int ncols,
    const char *const *cols)
{
	char sheet[64];
	size_t n = 0;
	const char *p;
	int i;

	if (x->wb == NULL)
		return;
	widths(x);
	/* A sheet name: at most 31 characters, none of []:*?/\ */
	for (p = name ? name : ""; *p != '\0' && n < 28; p++) {
		if (strchr("[]:*?/\\'", *p) != NULL)
			continue;
		if ((*p & 0xC0) == 0x80 || (unsigned char)*p < 0x80)
			sheet[n++] = *p;
		else {
			/* a UTF-8 lead byte: keep the whole character */
			size_t k = ws_utf8_seq((const unsigned char *)p,
			    strlen(p));

			if (k == 0 || n + k > 28)
				break;
			memcpy(sheet + n, p, k);
			n += k;
			p += k - 1;
		}
	}
	sheet[n] = '\0';
	if (n == 0 || x->nsheets > 0)
		snprintf(sheet + n, sizeof(sheet) - n, "%s%d", n ? " " : "",
		    x->nsheets + 1);
	if ((x->ws = workbook_add_worksheet(x->wb, sheet)) == NULL) {
		check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	x->nsheets++;
	free(x->width);
	x->ncols = ncols;
	x->width = ws_calloc((size_t)ncols + 1, sizeof(*x->width));
	x->row = 0;
	x->col = 0;
	if (cols == NULL)
		return;
	for (i = 0; i < ncols; i++) {
		note_width(x, cols[i] ? cols[i] : "");
		check(x, worksheet_write_string(x->ws, 0, x->col++,
		    cols[i] ? cols[i] : "", x->head));
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	ws_xlsx_end(x);
}

/* Non-zero for money or hours as text: -?digits.dd (a code or a phone
 * number has no point, so it stays text). */
static int
two_decimals(const char *s)
{
	size_t n = 0;

	if (*s == '-')
		s++;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n > 0 && n <= 12 && s[n] == '.' && s[n + 1] >= '0' &&
	    s[n + 1] <= '9' && s[n + 2] >= '0' && s[n + 2] <= '9' &&
	    s[n + 3] == '\0';
}

void
ws_xlsx_text(ws_xlsx *x, const char *s)
{
	long day;

	if (x->ws == NULL)
		return;
	if (s == NULL || *s == '\0') {
		x->col++;
		return;
	}
	/* a date (Excel's start at 1900: earlier ones stay text) */
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	    atoi(s) >= 1900 && ((day = ws_date_days(s)) != -1 ||
	    strcmp(s, "1969-12-31") == 0)) {
		lxw_datetime dt = { 0 };

		dt.year = atoi(s);
		dt.month = atoi(s + 5);
		dt.day = atoi(s + 8);
		note_width(x, s);
		check(x, worksheet_write_datetime(x->ws, x->row, x->col++, &dt,
		    x->date));
		return;
	}
	if (two_decimals(s)) {	/* yuan and hours, as the formats print them */
		ws_xlsx_num(x, strtod(s, NULL), WS_XLSX_2DP);
		return;
	}
	note_width(x, s);
	check(x, worksheet_write_string(x->ws, x->row, x->col++, s, NULL));
}

void
ws_xlsx_num(ws_xlsx *x, double v, int style)
{
	char s[40];

	if (x->ws == NULL)
		return;
	snprintf(s, sizeof(s), style == WS_XLSX_INT ? "%g" : "%.2f", v);
	note_width(x, s);
	check(x, worksheet_write_number(x->ws, x->row, x->col++, v,
	    style == WS_XLSX_2DP ? x->num2 : style == WS_XLSX_PCT ? x->pct :
	    NULL));
}

void
ws_xlsx_end(ws_xlsx *x)
{
	x->row++;
	x->col = 0;
}

int
ws_xlsx_close(ws_xlsx *x)
{
	char buf[65536];
	size_t n;
	FILE *in;
	int rc = -1;

	if (x == NULL)
		return 0;
	if (x->wb != NULL) {
		if (x->nsheets == 0)
			ws_xlsx_sheet(x, NULL, 0, NULL);
		widths(x);
		check(x, workbook_close(x->wb));
	}
	if (!x->failed && (in = fopen(x->path, "rb")) != NULL) {
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, x->fp);
		rc = ferror(in) ? -1 : 0;
		fclose(in);
	}
	if (x->path != NULL)
		unlink(x->path);
	free(x->path);
	free(x->width);
	free(x);
	return rc;
}
