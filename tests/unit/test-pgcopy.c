/* test-pgcopy.c - the COPY text escaping of wushe-db export --to postgres
 * (ws_pg_copy_esc) and its cursors (ws_pg_cursor_parse). */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "unit.h"

/* s (n bytes, or NULL) as one COPY field. */
static char *
esc(const char *s, size_t n)
{
	ws_buf b = {0};
	char *r;

	ws_pg_copy_esc(&b, s, n);
	r = ws_strdup(ws_buf_str(&b));
	ws_buf_free(&b);
	return r;
}

static size_t
len(const char *s)
{
	return s == NULL ? 0 : strlen(s);
}

#define ESC(in, want, what) do { \
	char *r_ = esc((in), len(in)); \
	CHECK_STR(r_, (want), (what)); \
	free(r_); \
} while (0)

int
main(void)
{
	ws_err e = {0};
	ws_buf b = {0};
	int64_t a = -1, h = -1;
	char *r;

	ESC(NULL, "\\N", "NULL is \\N");
	ESC("", "", "the empty string is empty (not NULL)");
	ESC("\\N", "\\\\N", "the text \\N is not NULL");
	ESC("a\tb", "a\\tb", "a tab");
	ESC("a\nb\r\n", "a\\nb\\r\\n", "newline and carriage return");
	ESC("C:\\tmp\\", "C:\\\\tmp\\\\", "backslashes, one at the end");
	ESC("\\\t\\", "\\\\\\t\\\\", "only specials");
	ESC("周秀英 \"x\" 'y' ,;|", "周秀英 \"x\" 'y' ,;|",
	    "UTF-8, quotes and separators as they are");
	ESC("\\.", "\\\\.", "the end marker inside a field is escaped");
	ws_pg_copy_esc(&b, "a\0b", 3);
	CHECK(b.len == 3 && memcmp(b.s, "a\0b", 3) == 0,
	    "n bytes, not up to a NUL");
	ws_buf_free(&b);
	r = esc("abc", 2);
	CHECK_STR(r, "ab", "n bytes only");
	free(r);

	CHECK(ws_pg_cursor_parse("ht:12:3", "ht", &a, &h, &e) == 0 &&
	    a == 12 && h == 3, "a cursor");
	CHECK(ws_pg_cursor_parse("a:b:0:0", "a:b", &a, &h, &e) == 0 &&
	    a == 0 && h == 0, "the site is all before the last two numbers");
	CHECK(ws_pg_cursor_parse("hx:12:3", "ht", &a, &h, &e) == EX_DATAERR,
	    "another site's cursor is bad data");
	CHECK(strstr(e.msg, "from site 'hx', not 'ht'") != NULL,
	    "  and the message says whose it is");
	ws_err_clear(&e);
	CHECK(ws_pg_cursor_parse("ht:12", "ht", &a, &h, &e) == EX_USAGE,
	    "two parts: not a cursor");
	ws_err_clear(&e);
	CHECK(ws_pg_cursor_parse("ht:1x:3", "ht", &a, &h, &e) == EX_USAGE,
	    "a number that is not one");
	ws_err_clear(&e);
	CHECK(ws_pg_cursor_parse("ht:1:", "ht", &a, &h, &e) == EX_USAGE,
	    "an empty number");
	ws_err_clear(&e);
	CHECK(ws_pg_cursor_parse(":1:2", "ht", &a, &h, &e) == EX_USAGE,
	    "no site");
	ws_err_clear(&e);
	CHECK(ws_pg_cursor_parse("ht:-1:2", "ht", &a, &h, &e) == EX_USAGE,
	    "a negative number");
	ws_err_clear(&e);
	CHECK(ws_pg_version() >= 1, "the city schema has a version");
	return DONE();
}
