/*
 * fuzz.h - helpers shared by the libFuzzer targets in tests/fuzz.
 *
 * Each target defines LLVMFuzzerTestOneInput and calls FUZZ_INIT once.
 * A broken promise of the API (not just a crash) is reported with
 * FUZZ_ASSERT, which aborts so libFuzzer saves the input.
 */
#ifndef WUSHE_FUZZ_H
#define WUSHE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* Name the program in messages (ws_warn) once. */
#define FUZZ_INIT(prog)							\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	ws_init(prog);							\
	return 0;							\
}

/* A read-only stream over the fuzz data (fmemopen refuses size 0). */
static inline FILE *
fuzz_fopen(const uint8_t *data, size_t size)
{
	FILE *fp;

	if (size == 0)
		fp = fopen("/dev/null", "r");
	else
		fp = fmemopen((void *)(uintptr_t)data, size, "r");
	if (fp == NULL) {
		perror("fuzz: fmemopen");
		abort();
	}
	return fp;
}

/* The fuzz data as an allocated NUL-terminated string (cut at a NUL). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Read a whole record stream in format fmt and check what the reader
 * promises (wushe.h, in.c): errors name the stream, keys and values are
 * valid UTF-8, raw text ends with a newline, the reader makes progress. */
static inline void
fuzz_stream(const uint8_t *data, size_t size, enum ws_fmt fmt, int bare)
{
	static const char *const allowed[] = {
		"id", "name", "date", "minutes", "note", NULL
	};
	const char *k, *v, *e, *raw;
	FILE *fp = fuzz_fopen(data, size);
	ws_in *in = ws_in_open(fp, "<fuzz>", fmt);
	size_t i, nk, recs = 0;
	long line, last = 0;
	char *m;
	int r;

	if (bare)
		ws_in_bare(in, "id");
	FUZZ_ASSERT(fmt == WS_FMT_AUTO || ws_in_fmt(in) == fmt || bare);
	while ((r = ws_in_next(in)) != 0) {
		/* every record or error uses at least one byte */
		FUZZ_ASSERT(++recs <= size + 1);
		if (r < 0) {
			e = ws_in_error(in);
			FUZZ_ASSERT(e != NULL && strncmp(e, "<fuzz>", 6) == 0);
			FUZZ_ASSERT(ws_utf8_valid(e, strlen(e)) ||
			    ws_in_fmt(in) == WS_FMT_YAML);
			if (ws_in_fmt(in) == WS_FMT_YAML)
				break;
			continue;
		}
		FUZZ_ASSERT(r == 1);
		line = ws_in_line(in);
		FUZZ_ASSERT(line >= 1);
		if (ws_in_fmt(in) != WS_FMT_YAML)
			FUZZ_ASSERT(line > last);
		last = line;
		nk = ws_in_nkeys(in);
		for (i = 0; i < nk; i++) {
			k = ws_in_key(in, i);
			FUZZ_ASSERT(k != NULL);
			FUZZ_ASSERT(ws_utf8_valid(k, strlen(k)));
			/* a lookup is linear: not every key of a huge
			 * record, or the harness is quadratic */
			if (i > 64 && i + 1 < nk)
				continue;
			if ((v = ws_in_get(in, k)) != NULL) {
				FUZZ_ASSERT(ws_utf8_valid(v, strlen(v)));
				(void)ws_width(v);
			}
		}
		(void)ws_in_get(in, "\xe5\xa7\x93\xe5\x90\x8d");
		if ((raw = ws_in_raw(in)) != NULL)
			FUZZ_ASSERT(*raw != '\0' && raw[strlen(raw) - 1] ==
			    '\n');
		if ((raw = ws_in_raw_header(in)) != NULL)
			FUZZ_ASSERT(*raw != '\0' && raw[strlen(raw) - 1] ==
			    '\n');
		m = ws_in_check_keys(in, allowed);
		free(m);
	}
	ws_in_free(in);
	fclose(fp);
}

#endif
