/* test-stream.c - unit tests for lib/stream.c (TAP) */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "unit.h"

/* A temporary file holding the n bytes of s, rewound. */
static FILE *
sfile(const char *s, size_t n)
{
	FILE *fp = tmpfile();

	if (fp == NULL) {
		perror("tmpfile");
		exit(1);
	}
	fwrite(s, 1, n, fp);
	rewind(fp);
	return fp;
}
#define SFILE(lit) sfile((lit), sizeof(lit) - 1)

/* The whole of fp from its start, allocated. */
static char *
slurp(FILE *fp)
{
	ws_buf b = {0};
	char chunk[4096];
	size_t n;

	rewind(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		ws_buf_add(&b, chunk, n);
	return b.s ? b.s : ws_strdup("");
}

/* Read text (n bytes) as fmt until the first error or the end; check that
 * an error came with the message want. */
static void
expect_error(const char *text, size_t n, enum ws_fmt fmt, const char *want,
    const char *what)
{
	FILE *fp = sfile(text, n);
	ws_in *in = ws_in_open(fp, "t", fmt);
	int r;

	while ((r = ws_in_next(in)) == 1)
		;
	CHECK(r == -1, what);
	CHECK_STR(r == -1 ? ws_in_error(in) : "(no error)", want, what);
	ws_in_free(in);
	fclose(fp);
}
#define ERR(lit, fmt, want, what) \
	expect_error((lit), sizeof(lit) - 1, (fmt), (want), (what))

static const char *const tricky[] = {
	"plain", "a\tb", "line1\nline2", "cr\rx", "crlf\r\nend", "q\"uote\"",
	"back\\slash", "\\t not a tab", "\\x unknown", "comma, here",
	" leading", "trailing ", "  ", "社工", "😀 emoji", "", NULL, "\\",
	"\"", "\"\"", "x\\", "=1+2", ",", "\n", "\r\n", "\t",
	"mixed \t\n\r\\,\" 社工😀", "#hash", "- dash", "{\"a\":1}", "null",
	"ctl\x01\x1f\x7f", "sep\xe2\x80\xa8", "1.50", "007",
};
#define NTRICKY (sizeof(tricky) / sizeof(tricky[0]))

/* What a value reads back as: empty and null are both NULL. */
static const char *
want(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

static const char *const fmtname[] = {
	"auto", "table", "tsv", "csv", "json", "yaml"
};

static void
roundtrip(enum ws_fmt fmt, int detect)
{
	const char *cols[] = { "id", "text", "备注,note" };
	char what[128], id[32];
	FILE *fp = tmpfile();
	ws_out *o = ws_out_new(fp, fmt, 0);
	ws_in *in;
	size_t i, ok = 0, okid = 0, okn = 0, okraw = 0;
	int r;

	ws_out_cols(o, 3, cols);
	for (i = 0; i < NTRICKY; i++) {
		ws_out_int(o, (int64_t)i);
		ws_out_str(o, tricky[i]);
		ws_out_str(o, tricky[NTRICKY - 1 - i]);
		ws_out_end(o);
	}
	ws_out_free(o);
	rewind(fp);
	in = ws_in_open(fp, "rt", detect ? WS_FMT_AUTO : fmt);
	snprintf(what, sizeof(what), "%s round trip: format %s", fmtname[fmt],
	    detect ? "detected" : "given");
	CHECK(ws_in_fmt(in) == fmt, what);
	for (i = 0; (r = ws_in_next(in)) == 1 && i < NTRICKY; i++) {
		const char *t = ws_in_get(in, "text");
		const char *n = ws_in_get(in, "备注,note");
		const char *w = want(tricky[i]);
		const char *wn = want(tricky[NTRICKY - 1 - i]);

		snprintf(id, sizeof(id), "%zu", i);
		okid += ws_in_get(in, "id") && strcmp(ws_in_get(in, "id"),
		    id) == 0;
		ok += (t == NULL && w == NULL) ||
		    (t != NULL && w != NULL && strcmp(t, w) == 0);
		okn += (n == NULL && wn == NULL) ||
		    (n != NULL && wn != NULL && strcmp(n, wn) == 0);
		okraw += strlen(ws_in_raw(in)) > 0 &&
		    ws_in_raw(in)[strlen(ws_in_raw(in)) - 1] == '\n';
		if (t != w && (t == NULL || w == NULL || strcmp(t, w) != 0))
			printf("#   record %zu: got '%s', want '%s'\n", i,
			    t ? t : "(null)", w ? w : "(null)");
	}
	snprintf(what, sizeof(what), "%s round trip: every record read back",
	    fmtname[fmt]);
	CHECK(r == 0 && i == NTRICKY, what);
	if (r < 0)
		printf("#   %s\n", ws_in_error(in));
	snprintf(what, sizeof(what), "%s round trip: text field by field",
	    fmtname[fmt]);
	CHECK(ok == NTRICKY, what);
	snprintf(what, sizeof(what), "%s round trip: second text column",
	    fmtname[fmt]);
	CHECK(okn == NTRICKY, what);
	snprintf(what, sizeof(what), "%s round trip: integer ids",
	    fmtname[fmt]);
	CHECK(okid == NTRICKY, what);
	snprintf(what, sizeof(what), "%s round trip: raw records end in "
	    "a newline", fmtname[fmt]);
	CHECK(okraw == NTRICKY, what);
	snprintf(what, sizeof(what), "%s round trip: keys in order",
	    fmtname[fmt]);
	CHECK(ws_in_nkeys(in) == (fmt == WS_FMT_JSON ? 0 : 3), what);
	ws_in_free(in);
	fclose(fp);
}

/* One column: null and empty values must survive as records. */
static void
roundtrip1(enum ws_fmt fmt)
{
	const char *cols[] = { "v" };
	char what[128];
	FILE *fp = tmpfile();
	ws_out *o = ws_out_new(fp, fmt, 0);
	ws_in *in;
	size_t i, ok = 0;
	int r;

	ws_out_cols(o, 1, cols);
	ws_out_null(o);
	ws_out_end(o);
	for (i = 0; i < NTRICKY; i++) {
		ws_out_str(o, tricky[i]);
		ws_out_end(o);
	}
	ws_out_free(o);
	rewind(fp);
	in = ws_in_open(fp, "rt", fmt);
	r = ws_in_next(in);
	snprintf(what, sizeof(what), "%s one column: leading null record",
	    fmtname[fmt]);
	CHECK(r == 1 && ws_in_get(in, "v") == NULL &&
	    ws_in_line(in) == (fmt == WS_FMT_JSON ? 1 : 2), what);
	for (i = 0; (r = ws_in_next(in)) == 1 && i < NTRICKY; i++) {
		const char *t = ws_in_get(in, "v"), *w = want(tricky[i]);

		ok += (t == NULL && w == NULL) ||
		    (t != NULL && w != NULL && strcmp(t, w) == 0);
	}
	snprintf(what, sizeof(what), "%s one column: every value",
	    fmtname[fmt]);
	CHECK(r == 0 && i == NTRICKY && ok == NTRICKY, what);
	ws_in_free(in);
	fclose(fp);
}

static void
test_writers(void)
{
	const char *cols[] = { "名字", "n", "note" };
	const char *cols2[] = { "a,b", "q", "s" };
	FILE *fp;
	ws_out *o;
	char *s;

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_TABLE, 0);
	ws_out_cols(o, 3, cols);
	ws_out_str(o, "社工");
	ws_out_int(o, 1);
	ws_out_str(o, "x");
	ws_out_end(o);
	ws_out_str(o, "ab\tc");
	ws_out_null(o);
	ws_out_null(o);
	ws_out_end(o);
	ws_out_str(o, "\x1b[31m");
	ws_out_int(o, -22);
	ws_out_str(o, "");
	ws_out_end(o);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s,
	    "名字      n    note\n"
	    "社工      1    x\n"
	    "ab\\tc\n"
	    "\\x1b[31m  -22\n", "table: CJK two wide, escapes, no trailing "
	    "spaces");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_TABLE, WS_OUT_NOHEADER);
	ws_out_cols(o, 2, cols);
	ws_out_str(o, "a");
	ws_out_str(o, "b");
	ws_out_end(o);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s, "a  b\n", "table: no header");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_CSV, WS_OUT_BOM);
	ws_out_cols(o, 3, cols2);
	ws_out_str(o, "x,y");
	ws_out_str(o, "say \"hi\"");
	ws_out_str(o, " lead");
	ws_out_end(o);
	ws_out_str(o, "a\nb");
	ws_out_null(o);
	ws_out_int(o, 42);
	ws_out_end(o);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s, "\xEF\xBB\xBF\"a,b\",q,s\n"
	    "\"x,y\",\"say \"\"hi\"\"\",\" lead\"\n"
	    "\"a\nb\",,42\n", "csv: BOM, quoting, doubled quotes");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_TSV, WS_OUT_NOHEADER);
	ws_out_cols(o, 3, cols2);
	ws_out_str(o, "t\tn\nr\rb\\");
	ws_out_null(o);
	ws_out_str(o, "社工");
	ws_out_end(o);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s, "t\\tn\\nr\\rb\\\\\t\t社工\n", "tsv: escapes, no header");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_JSON, 0);
	ws_out_cols(o, 3, cols2);
	ws_out_str(o, "q\"\\\n\x01 社工😀");
	ws_out_int(o, -5);
	ws_out_null(o);
	ws_out_end(o);
	ws_out_str(o, "bad \xff byte");
	ws_out_str(o, "");
	ws_out_int(o, INT64_MAX);
	ws_out_end(o);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s, "{\"a,b\":\"q\\\"\\\\\\n\\u0001 社工😀\",\"q\":-5,"
	    "\"s\":null}\n"
	    "{\"a,b\":\"bad \\ufffd byte\",\"q\":\"\",\"s\":9223372036854775807}\n",
	    "json: escapes, raw UTF-8, numbers, null");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_AUTO, 0);
	ws_out_cols(o, 1, cols2);
	ws_out_str(o, "x");
	ws_out_end(o);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s, "a,b\nx\n", "auto: tsv when not a terminal");
	free(s);
	fclose(fp);
}

static void
test_run(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	FILE *fp;
	ws_out *o;
	char *s;
	long n;
	const char *sql = "SELECT 1 AS i, 2.5 AS r, 'x' AS t, NULL AS z, "
	    "0.1 AS f UNION ALL SELECT -7, 1e300, '社工', 'y', NULL";

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		exit(1);
	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_JSON, 0);
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	n = ws_out_run(o, st);
	sqlite3_finalize(st);
	ws_out_free(o);
	s = slurp(fp);
	CHECK(n == 2, "ws_out_run: returns the number of rows");
	CHECK_STR(s, "{\"i\":1,\"r\":2.5,\"t\":\"x\",\"z\":null,"
	    "\"f\":0.10000000000000001}\n"
	    "{\"i\":-7,\"r\":1.0000000000000001e+300,\"t\":\"社工\","
	    "\"z\":\"y\",\"f\":null}\n",
	    "ws_out_run json: types kept, floats %.17g");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_TSV, 0);
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	n = ws_out_run(o, st);
	sqlite3_finalize(st);
	ws_out_free(o);
	s = slurp(fp);
	CHECK_STR(s, "i\tr\tt\tz\tf\n1\t2.5\tx\t\t0.1\n-7\t1.0e+300\t社工\ty\t\n",
	    "ws_out_run tsv: header from the statement");
	free(s);
	fclose(fp);

	fp = tmpfile();
	o = ws_out_new(fp, WS_FMT_CSV, 0);
	sqlite3_prepare_v2(db, "SELECT 1 AS a WHERE 0", -1, &st, NULL);
	n = ws_out_run(o, st);
	sqlite3_finalize(st);
	ws_out_free(o);
	s = slurp(fp);
	CHECK(n == 0, "ws_out_run: no rows");
	CHECK_STR(s, "a\n", "ws_out_run: header even with no rows");
	free(s);
	fclose(fp);
	sqlite3_close(db);
}

static void
test_detect(void)
{
	static const struct {
		const char *text;
		enum ws_fmt fmt;
		const char *what;
	} t[] = {
		{ "{\"a\":1}\n", WS_FMT_JSON, "detect: '{' is json" },
		{ "  {\"a\":1}\n", WS_FMT_JSON, "detect: ' {' is json" },
		{ "- a: 1\n", WS_FMT_YAML, "detect: '- ' is yaml" },
		{ "---\n- a: 1\n", WS_FMT_YAML, "detect: '---' is yaml" },
		{ "# cases\n- a: 1\n", WS_FMT_YAML, "detect: comment is yaml" },
		{ "\n\n- a: 1\n", WS_FMT_YAML, "detect: after blank lines" },
		{ "a\tb\n1\t2\n", WS_FMT_TSV, "detect: tab is tsv" },
		{ "a\tb,c\n", WS_FMT_TSV, "detect: tab and comma is tsv" },
		{ "a,b\n1,2\n", WS_FMT_CSV, "detect: comma is csv" },
		{ "case_id\n1\n", WS_FMT_TSV, "detect: one word is tsv" },
		{ "", WS_FMT_TSV, "detect: empty input is tsv" },
		{ "[{\"a\":1}]\n", WS_FMT_YAML, "detect: '[' is yaml" },
		{ "-\n  a: 1\n", WS_FMT_YAML, "detect: '-' alone is yaml" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		FILE *fp = sfile(t[i].text, strlen(t[i].text));
		ws_in *in = ws_in_open(fp, "t", WS_FMT_AUTO);

		CHECK(ws_in_fmt(in) == t[i].fmt, t[i].what);
		ws_in_free(in);
		fclose(fp);
	}
	CHECK(ws_fmt_parse("tsv") == WS_FMT_TSV, "ws_fmt_parse tsv");
	CHECK(ws_fmt_parse("table") == WS_FMT_TABLE, "ws_fmt_parse table");
	CHECK(ws_fmt_parse("csv") == WS_FMT_CSV, "ws_fmt_parse csv");
	CHECK(ws_fmt_parse("json") == WS_FMT_JSON, "ws_fmt_parse json");
	CHECK(ws_fmt_parse("yaml") == WS_FMT_YAML, "ws_fmt_parse yaml");
	CHECK(ws_fmt_parse("xml") == -1, "ws_fmt_parse refuses xml");
	CHECK(ws_fmt_parse("TSV") == -1, "ws_fmt_parse is exact");
	CHECK(ws_fmt_parse("") == -1, "ws_fmt_parse refuses empty");
}

static void
test_utf8(void)
{
	CHECK(ws_utf8_valid("社工 😀 é", strlen("社工 😀 é")),
	    "utf8: CJK, emoji, Latin valid");
	CHECK(ws_utf8_valid("", 0), "utf8: empty valid");
	CHECK(!ws_utf8_valid("\xC0\xAF", 2), "utf8: overlong 2 bytes");
	CHECK(!ws_utf8_valid("\xE0\x80\xAF", 3), "utf8: overlong 3 bytes");
	CHECK(!ws_utf8_valid("\xF0\x80\x80\xAF", 4), "utf8: overlong 4 bytes");
	CHECK(!ws_utf8_valid("\xED\xA0\x80", 3), "utf8: surrogate D800");
	CHECK(!ws_utf8_valid("\xED\xBF\xBF", 3), "utf8: surrogate DFFF");
	CHECK(ws_utf8_valid("\xED\x9F\xBF", 3), "utf8: U+D7FF valid");
	CHECK(!ws_utf8_valid("\xF4\x90\x80\x80", 4), "utf8: above U+10FFFF");
	CHECK(ws_utf8_valid("\xF4\x8F\xBF\xBF", 4), "utf8: U+10FFFF valid");
	CHECK(!ws_utf8_valid("\xE4\xB8", 2), "utf8: truncated sequence");
	CHECK(!ws_utf8_valid("a\x80", 2), "utf8: stray continuation");
	CHECK(!ws_utf8_valid("\xC9\xE7\xB9\xA4", 4), "utf8: GBK 社工");
	CHECK(!ws_utf8_valid("\xF8\x88\x80\x80\x80", 5), "utf8: 5-byte form");
	CHECK(ws_width("社工ab") == 6, "ws_width: 社工ab is 6");
	CHECK(ws_width("") == 0, "ws_width: empty is 0");
	CHECK(ws_width("abc") == 3, "ws_width: ASCII");
	CHECK(ws_width("😀") == 2, "ws_width: emoji is 2");
	CHECK(ws_width("e\xCC\x81") == 1, "ws_width: combining mark is 0");
	CHECK(ws_width("，。") == 4, "ws_width: CJK punctuation is 2");
	CHECK(ws_width("a\xffz") == 3, "ws_width: stray byte counts 1");
}

static void
test_errors(void)
{
	FILE *fp;
	ws_in *in;
	int r;

	ERR("id\tname\n1\tok\n2\t\xff\n", WS_FMT_TSV,
	    "t:3: "
	    "not valid UTF-8: byte 3 of the line (0xFF) is not UTF-8, "
	    "nor GBK (save the file as UTF-8)",
	    "tsv: bad UTF-8 names its line");
	ERR("name\n\xC9\xE7\xB9\xA4\n", WS_FMT_AUTO,
	    "t:2: "
	    "not valid UTF-8: it looks like GBK (Excel's CSV on Chinese "
	    "Windows); read it with --encoding gbk, or convert it first, "
	    "e.g. iconv -f GBK -t UTF-8", "GBK bytes refused");
	ERR("\xC9\xE7\xB9\xA4\tx\n1\t2\n", WS_FMT_AUTO,
	    "t:1: "
	    "not valid UTF-8: it looks like GBK (Excel's CSV on Chinese "
	    "Windows); read it with --encoding gbk, or convert it first, "
	    "e.g. iconv -f GBK -t UTF-8", "GBK header refused");
	ERR("a,b\n1,\"x\n\xff\"\n", WS_FMT_CSV,
	    "t:3: "
	    "not valid UTF-8: byte 1 of the line (0xFF) is not UTF-8, "
	    "nor GBK (save the file as UTF-8)",
	    "csv: bad UTF-8 in a continuation line");
	ERR("{\"a\":\"\xED\xA0\x80\"}\n", WS_FMT_JSON,
	    "t:1: "
	    "not valid UTF-8: byte 7 of the line (0xED) is not UTF-8, "
	    "nor GBK (save the file as UTF-8)",
	    "json: raw surrogate bytes refused");
	ERR("- a: \xff\n", WS_FMT_YAML,
	    "t:1: "
	    "not valid UTF-8: byte 6 of the line (0xFF) is not UTF-8, "
	    "nor GBK (save the file as UTF-8)", "yaml: bad UTF-8 refused");
	ERR("a\tb\n1\t2\n1\n", WS_FMT_TSV, "t:3: expected 2 fields, found 1",
	    "tsv: too few fields");
	ERR("a\tb\n1\t2\t3\n", WS_FMT_TSV, "t:2: expected 2 fields, found 3",
	    "tsv: too many fields");
	ERR("a\n1\t2\n", WS_FMT_TSV, "t:2: expected 1 field, found 2",
	    "tsv: one field, singular");
	ERR("a,b\n1,2,3\n", WS_FMT_CSV, "t:2: expected 2 fields, found 3",
	    "csv: wrong field count");
	ERR("a,b\n1,2\n3,\"x\ny\n", WS_FMT_CSV,
	    "t:3: quoted field not closed at the end of input (expected '\"')",
	    "csv: open quote at EOF names the record's first line");
	ERR("a,b\n\"x\"y,2\n", WS_FMT_CSV, "t:2: text after a closing quote "
	    "(expected ',' or the end of the line)", "csv: text after quote");
	ERR("x\ty\tx\n1\t2\t3\n", WS_FMT_TSV, "t:1: duplicate column 'x'",
	    "tsv: duplicate header column");
	ERR("x,y,x\n1,2,3\n", WS_FMT_CSV, "t:1: duplicate column 'x'",
	    "csv: duplicate header column");
	ERR("a\t\tb\n1\t2\t3\n", WS_FMT_TSV,
	    "t:1: empty column name (column 2)", "tsv: empty column name");
	ERR("a\n1\0x\n", WS_FMT_TSV, "t:2: NUL byte", "tsv: NUL byte");
	ERR("{\"a\":1}\n{\"a\":\0}\n", WS_FMT_JSON, "t:2: NUL byte",
	    "json: NUL byte");
	ERR("{\"a\":\"x\\\\u0000\"}\n{\"a\":\"x\\u0000y\"}\n", WS_FMT_JSON,
	    "t:2: NUL byte (\\u0000)", "json: escaped NUL refused");
	ERR("{\"a\":\"\\ud800\"}\n", WS_FMT_JSON,
	    "t:1: a: not valid UTF-8 (a lone surrogate \\u escape?)",
	    "json: lone surrogate escape refused");
	ERR("{\"a\":1}\n{\"a\":[1,2]}\n", WS_FMT_JSON,
	    "t:2: a: nested arrays and objects are not supported (expected "
	    "a string, number, true, false or null)", "json: nested array");
	ERR("{\"a\":{\"b\":1}}\n", WS_FMT_JSON,
	    "t:1: a: nested arrays and objects are not supported (expected "
	    "a string, number, true, false or null)", "json: nested object");
	ERR("{\"a\":1}\n\n{\"a\":\n", WS_FMT_JSON,
	    "t:3: not valid JSON (expected one object per line)",
	    "json: invalid JSON");
	ERR("[1,2]\n", WS_FMT_JSON, "t:1: expected a JSON object, found an "
	    "array", "json: an array is not a record");
	ERR("\"x\"\n", WS_FMT_JSON, "t:1: expected a JSON object, found a "
	    "string", "json: a string is not a record");
	ERR("- a: 1\n- a: *x\n", WS_FMT_YAML,
	    "t:2:6: aliases are not supported", "yaml: aliases refused");
	ERR("- &x {a: 1}\n- *x\n", WS_FMT_YAML,
	    "t:1:3: anchors are not supported", "yaml: anchors refused");
	ERR("- a: 1\n- a: [1, 2]\n", WS_FMT_YAML,
	    "t:2:6: a: nested lists and mappings are not supported "
	    "(expected a single value)", "yaml: nested list refused");
	ERR("- a:\n    b: 1\n", WS_FMT_YAML,
	    "t:2:5: a: nested lists and mappings are not supported "
	    "(expected a single value)", "yaml: nested mapping refused");
	ERR("- a: 1\n---\n- a: 2\n", WS_FMT_YAML,
	    "t:2: more than one YAML document (expected one sequence of "
	    "mappings)", "yaml: two documents refused");
	ERR("a: 1\n", WS_FMT_YAML, "t:1:1: expected a sequence of mappings "
	    "(one '- key: value' item per record)", "yaml: a mapping refused");
	ERR("- 1\n", WS_FMT_YAML, "t:1:3: expected a mapping (key: value "
	    "pairs) for each record", "yaml: a scalar item refused");
	ERR("- a: !!str 1\n", WS_FMT_YAML, "t:1:6: tags are not supported",
	    "yaml: tags refused");
	ERR("- a: \"x\n", WS_FMT_YAML, "t:2:1: found unexpected end of stream "
	    "(while scanning a quoted scalar)", "yaml: syntax error");

	/* Reading goes on after a bad tsv record; raw is the bad line. */
	fp = SFILE("id\tname\n1\tok\n2\t\xff\n3\tx\n4\n5\ty");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1, "tsv after error: first record");
	r = ws_in_next(in);
	CHECK(r == -1 && ws_in_line(in) == 3, "tsv after error: error line");
	CHECK_STR(ws_in_raw(in), "2\t\xff\n", "tsv after error: raw bad line");
	CHECK(ws_in_get(in, "id") == NULL, "tsv after error: no values");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 4,
	    "tsv after error: next record");
	CHECK_STR(ws_in_get(in, "name"), "x", "tsv after error: its value");
	CHECK(ws_in_next(in) == -1, "tsv after error: short record");
	CHECK_STR(ws_in_raw(in), "4\n", "tsv after error: short record raw");
	CHECK(ws_in_next(in) == 1, "tsv: last line with no newline");
	CHECK_STR(ws_in_get(in, "name"), "y", "tsv: no newline value");
	CHECK_STR(ws_in_raw(in), "5\ty\n", "tsv: raw gets a newline");
	CHECK(ws_in_next(in) == 0, "tsv: end");
	CHECK(ws_in_next(in) == 0, "tsv: end stays end");
	ws_in_free(in);
	fclose(fp);

	/* A read error ends the stream. */
	if ((fp = fopen("/", "r")) != NULL) {
		in = ws_in_open(fp, "t", WS_FMT_AUTO);
		CHECK(ws_in_next(in) == -1, "read error: error");
		CHECK_STR(ws_in_error(in), "t: cannot read: Is a directory",
		    "read error: message");
		CHECK(ws_in_next(in) == 0, "read error: then the end");
		ws_in_free(in);
		fclose(fp);
	}

	/* A bad header ends the stream after one error. */
	fp = SFILE("x\tx\n1\t2\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == -1, "bad header: error");
	CHECK(ws_in_next(in) == 0, "bad header: then the end");
	ws_in_free(in);
	fclose(fp);

	/* json goes on after a bad line. */
	fp = SFILE("{\"a\":[1]}\n{\"a\":2}\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == -1 && ws_in_nkeys(in) == 0,
	    "json after error: error");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 2,
	    "json after error: next line");
	CHECK_STR(ws_in_get(in, "a"), "2", "json after error: value");
	ws_in_free(in);
	fclose(fp);

	/* yaml stops after an error. */
	fp = SFILE("- a: 1\n- b: [1]\n- c: 3\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1, "yaml error: record before it");
	CHECK(ws_in_next(in) == -1, "yaml error: error");
	CHECK(ws_in_next(in) == 0, "yaml error: then the end");
	ws_in_free(in);
	fclose(fp);
}

static void
test_json(void)
{
	FILE *fp;
	ws_in *in;

	fp = SFILE("{\"a\":true,\"b\":false,\"c\":null,\"d\":1.5,\"e\":-3,"
	    "\"f\":\"x\",\"g\":\"\\ud83d\\ude00\",\"h\":\"社\\u5de5\","
	    "\"i\":12345678901234}\r\n"
	    "   \n"
	    "{}\n"
	    "{\"x\":3,\"id\":1,\"id\":2}");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1, "json: record");
	CHECK_STR(ws_in_get(in, "a"), "true", "json: true");
	CHECK_STR(ws_in_get(in, "b"), "false", "json: false");
	CHECK_STR(ws_in_get(in, "c"), NULL, "json: null");
	CHECK_STR(ws_in_get(in, "d"), "1.5", "json: real as text");
	CHECK_STR(ws_in_get(in, "e"), "-3", "json: integer as text");
	CHECK_STR(ws_in_get(in, "f"), "x", "json: string");
	CHECK_STR(ws_in_get(in, "g"), "😀", "json: surrogate pair is 😀");
	CHECK_STR(ws_in_get(in, "h"), "社工", "json: \\u escape");
	CHECK_STR(ws_in_get(in, "i"), "12345678901234", "json: big integer");
	CHECK_STR(ws_in_get(in, "zz"), NULL, "json: missing key");
	CHECK(ws_in_nkeys(in) == 9, "json: key count");
	CHECK_STR(ws_in_key(in, 0), "a", "json: first key");
	CHECK_STR(ws_in_key(in, 8), "i", "json: keys in order");
	CHECK_STR(ws_in_key(in, 9), NULL, "json: key out of range");
	CHECK(ws_in_raw_header(in) == NULL, "json: no raw header");
	CHECK(strncmp(ws_in_raw(in), "{\"a\":true,", 10) == 0 &&
	    strcmp(ws_in_raw(in) + strlen(ws_in_raw(in)) - 3, "}\r\n") == 0,
	    "json: raw is the line as read");
	CHECK(ws_in_next(in) == 1 && ws_in_nkeys(in) == 0 &&
	    ws_in_line(in) == 3, "json: blank line skipped, {} is a record");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 4,
	    "json: last line with no newline");
	CHECK_STR(ws_in_raw(in), "{\"x\":3,\"id\":1,\"id\":2}\n",
	    "json: raw gets a newline");
	{
		const char *ok1[] = { "id", "x", NULL };
		const char *ok2[] = { "id", "name", NULL };
		char *m = ws_in_check_keys(in, ok1);

		CHECK_STR(m, "duplicate column 'id'", "check_keys: duplicate");
		free(m);
		m = ws_in_check_keys(in, ok2);
		CHECK_STR(m, "unknown column 'x' (expected one of: id, name)",
		    "check_keys: unknown");
		free(m);
	}
	CHECK(ws_in_next(in) == 0 && ws_in_nkeys(in) == 0, "json: end");
	ws_in_free(in);
	fclose(fp);
}

static void
test_yaml(void)
{
	static const char doc[] =
	    "# cases to import\n"
	    "- id: 1\n"
	    "  text: \"tab\\there\\nnew \\\"q\\\" \\\\ \\U0001F600\"\n"
	    "  note: 社工 😀\n"
	    "  empty: \"\"\n"
	    "  nul: ~\n"
	    "\n"
	    "- {id: 2, text: 'single ''quoted''', note: null, \"a b\": x}\n"
	    "- id: 3\n"
	    "  text: |\n"
	    "    block\n"
	    "    text\n";
	FILE *fp = SFILE(doc), *fp2;
	ws_in *in, *in2;
	const char *ok[] = { "id", "text", "note", "empty", "nul", NULL };
	char *m;

	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_fmt(in) == WS_FMT_YAML, "yaml: detected");
	CHECK(ws_in_next(in) == 1, "yaml: first record");
	CHECK(ws_in_line(in) == 2, "yaml: first record line");
	CHECK_STR(ws_in_get(in, "id"), "1", "yaml: number as text");
	CHECK_STR(ws_in_get(in, "text"), "tab\there\nnew \"q\" \\ 😀",
	    "yaml: double-quoted escapes");
	CHECK_STR(ws_in_get(in, "note"), "社工 😀", "yaml: CJK and emoji");
	CHECK_STR(ws_in_get(in, "empty"), NULL, "yaml: empty string");
	CHECK_STR(ws_in_get(in, "nul"), NULL, "yaml: ~ is null");
	CHECK(ws_in_nkeys(in) == 5, "yaml: key count");
	CHECK_STR(ws_in_key(in, 4), "nul", "yaml: keys in order");
	m = ws_in_check_keys(in, ok);
	CHECK_STR(m, NULL, "yaml: check_keys all allowed");
	free(m);
	CHECK_STR(ws_in_raw(in), "- {id: \"1\", text: \"tab\\there\\nnew "
	    "\\\"q\\\" \\\\ 😀\", note: \"社工 😀\", empty: \"\", nul: null}\n",
	    "yaml: raw re-emitted on one line");
	CHECK(ws_in_raw_header(in) == NULL, "yaml: no raw header");
	/* The re-emitted record reads back the same. */
	fp2 = sfile(ws_in_raw(in), strlen(ws_in_raw(in)));
	in2 = ws_in_open(fp2, "raw", WS_FMT_AUTO);
	CHECK(ws_in_next(in2) == 1 && ws_in_nkeys(in2) == 5,
	    "yaml raw: reads back");
	CHECK_STR(ws_in_get(in2, "text"), ws_in_get(in, "text"),
	    "yaml raw: same text");
	CHECK_STR(ws_in_get(in2, "nul"), NULL, "yaml raw: same null");
	ws_in_free(in2);
	fclose(fp2);

	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 8,
	    "yaml: flow record and its line");
	CHECK_STR(ws_in_get(in, "text"), "single 'quoted'",
	    "yaml: single quotes");
	CHECK_STR(ws_in_get(in, "note"), NULL, "yaml: null is null");
	CHECK_STR(ws_in_get(in, "a b"), "x", "yaml: quoted key");
	CHECK_STR(ws_in_raw(in), "- {id: \"2\", text: \"single 'quoted'\", "
	    "note: null, \"a b\": \"x\"}\n", "yaml: raw quotes odd keys");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 9,
	    "yaml: block record");
	CHECK_STR(ws_in_get(in, "text"), "block\ntext\n", "yaml: literal block");
	CHECK(ws_in_next(in) == 0, "yaml: end");
	CHECK(ws_in_nkeys(in) == 0, "yaml: no keys at the end");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("# nothing yet\n");
	in = ws_in_open(fp, "t", WS_FMT_YAML);
	CHECK(ws_in_next(in) == 0, "yaml: comments only is empty");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("[{\"a\": \"x\"}, {\"a\": 2}]\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1 && ws_in_next(in) == 1 &&
	    strcmp(ws_in_get(in, "a"), "2") == 0, "yaml: a JSON array");
	CHECK(ws_in_next(in) == 0, "yaml: a JSON array, end");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("---\n[]\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 0, "yaml: empty sequence");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("\xEF\xBB\xBF- a: 1\r\n- a: 2\r\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1 && ws_in_next(in) == 1 &&
	    ws_in_line(in) == 2, "yaml: BOM and CRLF");
	CHECK_STR(ws_in_get(in, "a"), "2", "yaml: CRLF value");
	ws_in_free(in);
	fclose(fp);
}

static void
test_misc(void)
{
	FILE *fp;
	ws_in *in;
	ws_buf b = {0};
	size_t i;

	/* BOM and CRLF */
	fp = SFILE("\xEF\xBB\xBFid\tname\r\n1\t社工\r\n2\t\r\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1, "tsv BOM+CRLF: record");
	CHECK_STR(ws_in_key(in, 0), "id", "tsv BOM+CRLF: BOM not in the key");
	CHECK_STR(ws_in_get(in, "name"), "社工", "tsv BOM+CRLF: no \\r");
	CHECK_STR(ws_in_raw_header(in), "id\tname\r\n",
	    "tsv BOM+CRLF: raw header without BOM");
	CHECK_STR(ws_in_raw(in), "1\t社工\r\n", "tsv BOM+CRLF: raw as read");
	CHECK(ws_in_next(in) == 1 && ws_in_get(in, "name") == NULL,
	    "tsv CRLF: empty last field");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("\xEF\xBB\xBF" "a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_fmt(in) == WS_FMT_CSV, "csv BOM+CRLF: detected");
	CHECK(ws_in_next(in) == 1, "csv BOM+CRLF: record");
	CHECK_STR(ws_in_key(in, 0), "a", "csv BOM+CRLF: BOM not in the key");
	CHECK_STR(ws_in_get(in, "b"), "x\r\ny", "csv: CRLF inside quotes kept");
	CHECK_STR(ws_in_raw(in), "1,\"x\r\ny\"\r\n", "csv: raw spans lines");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 4,
	    "csv: line after a multi-line record");
	CHECK_STR(ws_in_get(in, "b"), "z", "csv: CRLF record end");
	CHECK_STR(ws_in_raw_header(in), "a,b\r\n", "csv: raw header");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("a,b,c\n\"he said \"\"hi\"\"\",, x \n\n\"\",\"\",\"\"\n");
	in = ws_in_open(fp, "t", WS_FMT_CSV);
	CHECK(ws_in_next(in) == 1, "csv: record");
	CHECK_STR(ws_in_get(in, "a"), "he said \"hi\"", "csv: doubled quotes");
	CHECK_STR(ws_in_get(in, "b"), NULL, "csv: empty is null");
	CHECK_STR(ws_in_get(in, "c"), " x ", "csv: spaces kept");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 4,
	    "csv: blank line skipped");
	CHECK(ws_in_next(in) == 0, "csv: end");
	ws_in_free(in);
	fclose(fp);

	/* unknown escapes keep their backslash */
	fp = SFILE("a\n\\x\\\\\\q\\\n");
	in = ws_in_open(fp, "t", WS_FMT_TSV);
	CHECK(ws_in_next(in) == 1, "tsv escapes: record");
	CHECK_STR(ws_in_get(in, "a"), "\\x\\\\q\\", "tsv: unknown escapes kept");
	ws_in_free(in);
	fclose(fp);

	/* empty input, header only */
	fp = SFILE("");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 0 && ws_in_nkeys(in) == 0, "empty input");
	CHECK(ws_in_raw_header(in) == NULL, "empty input: no raw header");
	ws_in_free(in);
	fclose(fp);
	fp = SFILE("a\tb\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 0 && ws_in_nkeys(in) == 2,
	    "header only: no records, keys known");
	CHECK_STR(ws_in_key(in, 1), "b", "header only: key");
	ws_in_free(in);
	fclose(fp);
	fp = SFILE("a\tb\n1\t2\n\n3\t4\n\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1 && ws_in_next(in) == 1 &&
	    ws_in_line(in) == 4 && ws_in_next(in) == 0,
	    "tsv: blank lines skipped with two columns");
	ws_in_free(in);
	fclose(fp);

	/* bare ids */
	fp = SFILE("12\n34\r\n\n56");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	ws_in_bare(in, "case_id");
	CHECK(ws_in_next(in) == 1, "bare: first id");
	CHECK_STR(ws_in_get(in, "case_id"), "12", "bare: value");
	CHECK(ws_in_nkeys(in) == 1, "bare: one key");
	CHECK_STR(ws_in_key(in, 0), "case_id", "bare: key name");
	CHECK(ws_in_line(in) == 1, "bare: line 1 is a record");
	CHECK(ws_in_raw_header(in) == NULL, "bare: no raw header");
	CHECK(ws_in_next(in) == 1 && strcmp(ws_in_get(in, "case_id"), "34")
	    == 0, "bare: CRLF id");
	CHECK(ws_in_next(in) == 1 && strcmp(ws_in_get(in, "case_id"), "56")
	    == 0 && ws_in_line(in) == 4, "bare: blank line skipped");
	CHECK(ws_in_next(in) == 0, "bare: end");
	ws_in_free(in);
	fclose(fp);
	fp = SFILE("case_id\n12\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	ws_in_bare(in, "case_id");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 2 &&
	    strcmp(ws_in_get(in, "case_id"), "12") == 0,
	    "bare: a header wins");
	CHECK_STR(ws_in_raw_header(in), "case_id\n", "bare: raw header");
	ws_in_free(in);
	fclose(fp);
	fp = SFILE("{\"id\":1}\n");
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	ws_in_bare(in, "case_id");
	CHECK(ws_in_next(in) == 1 && ws_in_fmt(in) == WS_FMT_JSON &&
	    strcmp(ws_in_get(in, "id"), "1") == 0, "bare: json unaffected");
	ws_in_free(in);
	fclose(fp);

	/* a 10 MB line is refused (lines are limited to 1 MiB), with its
	 * line number, and reading goes on with the next record */
	ws_buf_adds(&b, "id\tnote\n1\t");
	for (i = 0; i < 10 * 1024 * 1024; i++)
		ws_buf_addc(&b, 'a' + (int)(i % 26));
	ws_buf_adds(&b, "\n2\tshort\n");
	fp = sfile(b.s, b.len);
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == -1, "10 MB line refused");
	CHECK_STR(ws_in_error(in), "t:2: line longer than 1 MiB (expected "
	    "one record a line)", "10 MB line: message names the line");
	CHECK(ws_in_next(in) == 1 && strcmp(ws_in_get(in, "note"), "short")
	    == 0, "line after the 10 MB line");
	ws_in_free(in);
	fclose(fp);
	ws_buf_free(&b);
}

/* Many rows: the tsv reader keeps up (a smoke test, not a benchmark). */
static void
test_many(void)
{
	const char *cols[] = { "case_id", "kind", "minutes", "note" };
	FILE *fp = tmpfile();
	ws_out *o = ws_out_new(fp, WS_FMT_TSV, 0);
	ws_in *in;
	long i, n = 0, sum = 0;

	ws_out_cols(o, 4, cols);
	for (i = 0; i < 100000; i++) {
		ws_out_int(o, i);
		ws_out_str(o, "home");
		ws_out_int(o, i % 90);
		ws_out_str(o, "探访\t老人");
		ws_out_end(o);
	}
	ws_out_free(o);
	rewind(fp);
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	while (ws_in_next(in) == 1) {
		n++;
		sum += atol(ws_in_get(in, "minutes"));
	}
	CHECK(n == 100000 && sum == 4449600, "100000 tsv rows read back");
	ws_in_free(in);
	fclose(fp);
}

/* The yaml reader is fed line by line (in-yaml.c): lines longer than
 * libyaml's buffer, positions after blank lines, a bad line after good
 * records. */
static void
test_yaml_feed(void)
{
	ws_buf b = {0};
	FILE *fp;
	ws_in *in;
	const char *v;
	size_t i;

	ws_buf_adds(&b, "- id: 1\n  note: ");
	for (i = 0; i < 100000; i++)
		ws_buf_addc(&b, "abcdefghij"[i % 10]);
	ws_buf_adds(&b, "\n- id: 2\n");
	fp = sfile(b.s, b.len);
	in = ws_in_open(fp, "t", WS_FMT_AUTO);
	CHECK(ws_in_next(in) == 1, "yaml feed: a record with a long line");
	v = ws_in_get(in, "note");
	CHECK(v != NULL && strlen(v) == 100000 && v[99999] == 'j',
	    "yaml feed: the long value whole");
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 3,
	    "yaml feed: the record after it, its line");
	CHECK(ws_in_next(in) == 0, "yaml feed: end");
	ws_in_free(in);
	fclose(fp);
	ws_buf_free(&b);

	fp = SFILE("\n\n\n- a: 1\n");
	in = ws_in_open(fp, "t", WS_FMT_YAML);
	CHECK(ws_in_next(in) == 1 && ws_in_line(in) == 4,
	    "yaml feed: line after blank lines");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("- a: 1\n- a: 2\n- a: \"x\0y\"\n");
	in = ws_in_open(fp, "t", WS_FMT_YAML);
	while (ws_in_next(in) == 1)
		;
	CHECK_STR(ws_in_error(in), "t:3: NUL byte",
	    "yaml feed: a NUL byte names its line");
	CHECK(ws_in_next(in) == 0, "yaml feed: the error ends the stream");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("- a: 1\n  b: [x]\n");
	in = ws_in_open(fp, "t", WS_FMT_YAML);
	CHECK(ws_in_next(in) == -1, "yaml feed: nested value");
	CHECK_STR(ws_in_error(in), "t:2:6: b: nested lists and mappings are "
	    "not supported (expected a single value)",
	    "yaml feed: nested value names its key");
	ws_in_free(in);
	fclose(fp);

	fp = SFILE("- ? [k]\n  : 1\n");
	in = ws_in_open(fp, "t", WS_FMT_YAML);
	CHECK(ws_in_next(in) == -1, "yaml feed: a list as a key");
	CHECK_STR(ws_in_error(in), "t:1:5: keys must be scalars",
	    "yaml feed: keys must be scalars");
	ws_in_free(in);
	fclose(fp);
}

int
main(void)
{
	ws_init("test-stream");
	roundtrip(WS_FMT_TSV, 0);
	roundtrip(WS_FMT_TSV, 1);
	roundtrip(WS_FMT_CSV, 0);
	roundtrip(WS_FMT_CSV, 1);
	roundtrip(WS_FMT_JSON, 0);
	roundtrip(WS_FMT_JSON, 1);
	roundtrip1(WS_FMT_TSV);
	roundtrip1(WS_FMT_CSV);
	roundtrip1(WS_FMT_JSON);
	test_writers();
	test_run();
	test_detect();
	test_utf8();
	test_errors();
	test_json();
	test_yaml();
	test_yaml_feed();
	test_misc();
	test_many();
	return DONE();
}
