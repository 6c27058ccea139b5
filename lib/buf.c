/* buf.c - allocation that cannot fail, and the growable ws_buf */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static _Noreturn void
oom(void)
{
	ws_die(EX_SOFTWARE, "out of memory");
}

void *
ws_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
ws_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
ws_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
ws_strdup(const char *s)
{
	return s ? ws_strndup(s, strlen(s)) : NULL;
}

char *
ws_strndup(const char *s, size_t n)
{
	char *p = ws_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

unsigned
ws_strhash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

char *
ws_strlcpy(char *dst, const char *s, size_t size)
{
	size_t n = s != NULL ? strnlen(s, size - 1) : 0;

	if (n > 0)
		memcpy(dst, s, n);
	dst[n] = '\0';
	return dst;
}

char *
ws_asprintf(const char *fmt, ...)
{
	ws_buf b = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	b.s = ws_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.s;
}

static void
grow(ws_buf *b, size_t need)
{
	size_t cap;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1) {
		if (cap > SIZE_MAX / 2)
			oom();
		cap *= 2;
	}
	b->s = ws_realloc(b->s, cap);
	b->cap = cap;
}

void
ws_buf_add(ws_buf *b, const char *p, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
ws_buf_adds(ws_buf *b, const char *s)
{
	ws_buf_add(b, s, strlen(s));
}

void
ws_buf_addc(ws_buf *b, int c)
{
	grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
ws_buf_printf(ws_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
ws_buf_reset(ws_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
ws_buf_free(ws_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *
ws_buf_str(ws_buf *b)
{
	return b->s ? b->s : "";
}

void
ws_oom(void)
{
	oom();
}
