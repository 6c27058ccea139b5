/*
 * stream.c - record streams: the format words, UTF-8 checks and display
 * width; the writers are in out.c, the readers in in.c
 */
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "wushe.h"

static const char *const fmt_names[] = {
	"auto", "table", "tsv", "csv", "json", "yaml", "text", "markdown",
	"html", "xlsx", NULL
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
		    "csv, json or xlsx)", arg);
		return -1;
	}
	if (f == WS_FMT_XLSX && isatty(STDOUT_FILENO)) {
		ws_warn("--format xlsx: standard output is a terminal "
		    "(redirect it to a file: > list.xlsx)");
		return -1;
	}
	return f;
}

/* ------------------------------------------------------------ UTF-8 */

/* Length of the valid UTF-8 sequence at s (n bytes left, n > 0), or 0 when
 * it is not valid: overlong, surrogate, above U+10FFFF or truncated. */
size_t
ws_utf8_seq(const unsigned char *s, size_t n)
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
		if ((k = ws_utf8_seq(p, (size_t)(e - p))) == 0)
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
