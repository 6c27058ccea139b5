/* test-doc.c - unit tests for lib/doc.c (TAP) */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "unit.h"

static char *out;		/* the last rendering (allocated) */

/* A stream writing into out (emptied first); done() closes it. */
static FILE *
capture(void)
{
	static size_t n;
	FILE *fp;

	free(out);
	out = NULL;
	if ((fp = open_memstream(&out, &n)) == NULL)
		abort();
	return fp;
}

static const char *
done(FILE *fp)
{
	fclose(fp);
	return out;
}

/* Render d in fmt into out. */
static const char *
render(const ws_doc *d, enum ws_fmt fmt)
{
	FILE *fp = capture();

	ws_doc_print(d, fmt, 0, fp);
	return done(fp);
}

/* An escaper's output for s. */
static const char *
esc(void (*fn)(const char *, FILE *), const char *s)
{
	FILE *fp = capture();

	fn(s, fp);
	return done(fp);
}

static int
has(const char *s, const char *sub)
{
	return s != NULL && strstr(s, sub) != NULL;
}

/* A small document with one of everything. */
static ws_doc *
sample(void)
{
	ws_doc *d = ws_doc_new("Report: 梧桐");

	ws_doc_note(d, "Period: 2020-02-01 to 2020-02-29");
	ws_doc_section(d, "C-1 Posts");
	ws_doc_kv(d);
	ws_doc_row(d, 0);
	ws_doc_text(d, "Kind");
	ws_doc_text(d, "post");
	ws_doc_row(d, 0);
	ws_doc_text(d, "Amount");
	ws_doc_money(d, 123450);
	ws_doc_table(d, "lrrrl");
	ws_doc_row(d, 0);
	ws_doc_text(d, "Measure");
	ws_doc_text(d, "Done");
	ws_doc_text(d, "Hours");
	ws_doc_text(d, "Percent");
	ws_doc_text(d, "Since");
	ws_doc_row(d, 1);
	ws_doc_text(d, "visits");
	ws_doc_count(d, 7);
	ws_doc_hours(d, 90);
	ws_doc_pct(d, 1, 3);
	ws_doc_date(d, "2020-02-03");
	ws_doc_row(d, 0);
	ws_doc_text(d, "groups");
	ws_doc_count(d, 12);
	ws_doc_hours(d, 0);
	ws_doc_pct(d, 5, 0);
	ws_doc_date(d, "2020-02-10");
	ws_doc_chart(d, 8000, "target", "actual");
	ws_doc_bar(d, "visits", 1, 3, 1);
	ws_doc_bar(d, "groups", 3, 2, 0);
	return d;
}

static void
test_text(ws_doc *d)
{
	CHECK_STR(render(d, WS_FMT_TEXT),
	    "Report: 梧桐\n"
	    "Period: 2020-02-01 to 2020-02-29\n"
	    "\n"
	    "C-1 Posts\n"
	    "  Kind    post\n"
	    "  Amount  1234.50\n"
	    "  Measure  Done  Hours  Percent  Since\n"
	    "  visits      7   1.50    33.3%  2020-02-03\n"
	    "  groups     12   0.00        -  2020-02-10\n",
	    "text: aligned columns, typed cells shown");
}

static void
test_md(ws_doc *d)
{
	CHECK_STR(render(d, WS_FMT_MARKDOWN),
	    "# Report: 梧桐\n"
	    "\n"
	    "Period: 2020-02-01 to 2020-02-29\n"
	    "\n"
	    "## C-1 Posts\n"
	    "\n"
	    "- **Kind**: post\n"
	    "- **Amount**: 1234.50\n"
	    "\n"
	    "| Measure | Done | Hours | Percent | Since |\n"
	    "| --- | ---: | ---: | ---: | --- |\n"
	    "| visits | 7 | 1.50 | 33.3% | 2020-02-03 |\n"
	    "| groups | 12 | 0.00 | - | 2020-02-10 |\n",
	    "markdown: a list for the block, a table, no chart");
}

static void
test_html(ws_doc *d)
{
	const char *h = render(d, WS_FMT_HTML);

	CHECK(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0,
	    "html: a page in English by default");
	CHECK(has(h, "<title>Report: 梧桐</title>"), "html: the title");
	CHECK(has(h, "@page { size: A4;"), "html: printable A4");
	CHECK(has(h, "<section>\n<h2>C-1 Posts</h2>\n"), "html: a section");
	CHECK(has(h, "<table class=\"kv\">\n<tr><th>Kind</th><td>post</td>"
	    "</tr>\n"), "html: the key-value block");
	CHECK(has(h, "<tr class=\"bad\"><td>visits</td><td class=\"n\">7"
	    "</td>"), "html: a flagged row, numbers right");
	CHECK(has(h, "<svg xmlns=\"http://www.w3.org/2000/svg\""),
	    "html: an inline svg chart");
	/* 1/3 of 100% on a 390-wide 150% scale: 390 x 100 / 450 = 86.7 */
	CHECK(has(h, "width=\"87\" height=\"10\" fill=\"#c0392b\""),
	    "html: a flagged bar, red, to scale");
	/* 3/2 is 150%: the whole width */
	CHECK(has(h, "width=\"390\" height=\"10\" fill=\"#2e7d32\""),
	    "html: a bar capped at 150%");
	/* the threshold 80%: 190 + 390 x 8000 / 15000 = 398 */
	CHECK(has(h, "<line x1=\"398\""), "html: the threshold line");
	CHECK(has(h, "</section>\n</body>\n</html>\n"), "html: closed");
}

static void
test_tidy(ws_doc *d)
{
	CHECK_STR(render(d, WS_FMT_CSV),
	    "section,row,column,value,unit\n"
	    "C-1 Posts,Kind,,post,text\n"
	    "C-1 Posts,Amount,,123450,fen\n"
	    "C-1 Posts,visits,Done,7,count\n"
	    "C-1 Posts,visits,Hours,90,minutes\n"
	    "C-1 Posts,visits,Percent,33.3,percent\n"
	    "C-1 Posts,visits,Since,2020-02-03,date\n"
	    "C-1 Posts,groups,Done,12,count\n"
	    "C-1 Posts,groups,Hours,0,minutes\n"
	    "C-1 Posts,groups,Percent,,percent\n"
	    "C-1 Posts,groups,Since,2020-02-10,date\n",
	    "csv: one record per figure, raw values");
	CHECK(has(render(d, WS_FMT_TSV), "C-1 Posts\tvisits\tHours\t90\t"
	    "minutes\n"), "tsv: the same records");
	CHECK(has(render(d, WS_FMT_JSON), "{\"section\":\"C-1 Posts\","
	    "\"row\":\"groups\",\"column\":\"Percent\",\"value\":null,"
	    "\"unit\":\"percent\"}\n"), "json: a percentage of nothing is "
	    "null");
	CHECK(has(out, "\"column\":\"Done\",\"value\":12,"),
	    "json: a count is a number");
}

/* A form: a certificate's layout. */
static void
test_form(void)
{
	ws_doc *d = ws_doc_new("Certificate");

	ws_doc_form(d, "p{}");
	ws_doc_kv(d);
	ws_doc_row(d, 0);
	ws_doc_text(d, "Intern");
	ws_doc_text(d, "A_B");
	ws_doc_section(d, "Monthly hours");
	ws_doc_table(d, "lr");
	ws_doc_row(d, 0);
	ws_doc_text(d, "Month");
	ws_doc_text(d, "Hours");
	ws_doc_row(d, 0);
	ws_doc_text(d, "2018-03");
	ws_doc_hours(d, 600);
	ws_doc_row(d, WS_ROW_TOTAL);
	ws_doc_text(d, "Total");
	ws_doc_hours(d, 600);
	ws_doc_note(d, "True.");
	ws_doc_sign(d, "Signed", NULL);
	ws_doc_sign(d, "Seal", "");
	ws_doc_sign(d, "Date", "2019-06-15");
	CHECK_STR(render(d, WS_FMT_TEXT),
	    "Certificate\n"
	    "\n"
	    "Intern: A_B\n"
	    "\n"
	    "Monthly hours:\n"
	    "  2018-03       10.00\n"
	    "  Total         10.00\n"
	    "\n"
	    "True.\n"
	    "\n"
	    "Signed: ____________\n"
	    "Seal: \n"
	    "Date: 2019-06-15\n",
	    "form text: fields, a heading with a colon, figures in 10 columns");
	CHECK_STR(render(d, WS_FMT_MARKDOWN),
	    "# Certificate\n"
	    "\n"
	    "| Item | Details |\n"
	    "| --- | --- |\n"
	    "| Intern | A\\_B |\n"
	    "\n"
	    "## Monthly hours\n"
	    "\n"
	    "| Month | Hours |\n"
	    "| --- | ---: |\n"
	    "| 2018-03 | 10.00 |\n"
	    "| **Total** | **10.00** |\n"
	    "\n"
	    "True.\n"
	    "\n"
	    "Signed: ____________  \n"
	    "Seal:   \n"
	    "Date: 2019-06-15\n",
	    "form markdown: the fields in a table, a bold total, hard breaks");
	CHECK(has(render(d, WS_FMT_HTML), "<style>p{}</style>\n</head>\n"
	    "<body>\n<h1>Certificate</h1>\n<table>\n<tr><th>Intern</th>"
	    "<td>A_B</td></tr>\n</table>\n<h2>Monthly hours</h2>\n"),
	    "form html: its own style, no sections");
	CHECK(has(out, "<tr><th>Total</th><th class=\"n\">10.00</th></tr>\n"),
	    "form html: a total row of th");
	CHECK(has(out, "<p>Signed: ____________<br>\nSeal: <br>\nDate: "
	    "2019-06-15\n</p>\n</body>\n</html>\n"),
	    "form html: signature lines in one paragraph");
	ws_doc_free(d);
}

static void
test_escapers(void)
{
	ws_doc *d;

	CHECK_STR(esc(ws_esc_html, "<b>&\"'x"),
	    "&lt;b&gt;&amp;&quot;'x", "html escapes < > & \", leaves '");
	CHECK_STR(esc(ws_esc_html, "a\nb\tc"), "a b c",
	    "html: control characters become spaces");
	CHECK_STR(esc(ws_esc_md, "a|b\nc"), "a\\|b c",
	    "markdown: | escaped, a newline becomes a space");
	CHECK_STR(esc(ws_esc_md, "*_`[]<>#\\"), "\\*\\_\\`\\[\\]\\<\\>\\#\\\\",
	    "markdown: every special character escaped");
	CHECK_STR(esc(ws_esc_text, "\x1b[31mred\r\n\x7f"), " [31mred   ",
	    "text: control characters become spaces");
	CHECK_STR(esc(ws_esc_text, "梧桐 ok"), "梧桐 ok",
	    "text: UTF-8 passes");

	d = ws_doc_new("t");
	ws_doc_kv(d);
	ws_doc_row(d, 0);
	ws_doc_text(d, "k\tey");
	ws_doc_text(d, "say \"hi\",\nthen\x01");
	CHECK(has(render(d, WS_FMT_TSV), "t\tk\\tey\t\tsay \"hi\",\\nthen"),
	    "tsv: tab and newline escaped");
	CHECK(has(render(d, WS_FMT_CSV), "t,k\tey,,\"say \"\"hi\"\",\nthen"),
	    "csv: quotes doubled inside quotes");
	CHECK(has(render(d, WS_FMT_JSON), "\"value\":\"say \\\"hi\\\",\\n"
	    "then\\u0001\""), "json: quotes and control characters escaped");
	CHECK(has(render(d, WS_FMT_TEXT), "  k ey  say \"hi\", then \n"),
	    "text: a value never breaks the line");
	CHECK(has(render(d, WS_FMT_MARKDOWN), "- **k ey**: say \"hi\", then \n"),
	    "markdown: nor here");
	ws_doc_free(d);
}

/* Counts are written without printf (doc.c): the edges of int64_t; many
 * rows and long cells (the cell texts are pooled in 64 KiB chunks, a
 * longer text gets a chunk of its own). */
static void
test_counts_and_pool(void)
{
	ws_doc *d = ws_doc_new("t");
	char *big = ws_malloc(100001), *want;
	int i;

	memset(big, 'x', 100000);
	big[100000] = '\0';
	ws_doc_table(d, "lr");
	ws_doc_row(d, 0);
	ws_doc_text(d, "k");
	ws_doc_text(d, "n");
	ws_doc_row(d, 0);
	ws_doc_text(d, "zero");
	ws_doc_count(d, 0);
	ws_doc_row(d, 0);
	ws_doc_text(d, "neg");
	ws_doc_count(d, -42);
	ws_doc_row(d, 0);
	ws_doc_text(d, "min");
	ws_doc_count(d, INT64_MIN);
	ws_doc_row(d, 0);
	ws_doc_text(d, "max");
	ws_doc_count(d, INT64_MAX);
	CHECK_STR(render(d, WS_FMT_TSV),
	    "section\trow\tcolumn\tvalue\tunit\n"
	    "t\tzero\tn\t0\tcount\n"
	    "t\tneg\tn\t-42\tcount\n"
	    "t\tmin\tn\t-9223372036854775808\tcount\n"
	    "t\tmax\tn\t9223372036854775807\tcount\n",
	    "tidy: counts at the edges of int64_t");
	CHECK(has(render(d, WS_FMT_TEXT), "  min   -9223372036854775808\n"),
	    "text: the smallest count, right-aligned");
	/* 5,000 rows of a 20-byte text cross many chunks; then one text
	 * longer than a chunk */
	for (i = 0; i < 5000; i++) {
		ws_doc_row(d, 0);
		ws_doc_text(d, "row 0123456789abcdef");
		ws_doc_count(d, i);
	}
	ws_doc_row(d, 0);
	ws_doc_text(d, big);
	ws_doc_count(d, 1);
	want = ws_asprintf("t\t%s\tn\t1\tcount\n", big);
	CHECK(has(render(d, WS_FMT_TSV), "t\trow 0123456789abcdef\tn\t4999\t"
	    "count\n"), "tidy: the 5,000th row intact");
	CHECK(has(render(d, WS_FMT_TSV), want),
	    "tidy: a cell longer than a chunk intact");
	free(want);
	free(big);
	ws_doc_free(d);
}

int
main(void)
{
	ws_doc *d = sample();

	test_text(d);
	test_md(d);
	test_html(d);
	test_tidy(d);
	ws_doc_free(d);
	test_form();
	test_escapers();
	test_counts_and_pool();
	free(out);
	return DONE();
}
