/*
 * fuzz-roundtrip.c - libFuzzer target: the record writers (ws_out: table,
 * tsv, csv, json) and, on what they wrote, the readers (ws_in).  A record
 * written in tsv, csv or json must read back with the same names and
 * values: what one wushe tool prints, the next one in a pipeline reads.
 *
 * Input: byte 0 picks the number of columns (1-4) and flags, the rest is
 * records separated by 0x1e, fields by 0x1f; a field "\x1a" is null.  The
 * first record gives the column names when they are usable (non-empty,
 * unique, UTF-8), else they are c1..c4.
 */
#include "fuzz.h"

FUZZ_INIT("fuzz-roundtrip")

#define MAXCOLS 4
#define MAXRECS 64

struct recs {
	int ncols;
	const char *names[MAXCOLS];
	char *v[MAXRECS][MAXCOLS];	/* NULL = null */
	int nrecs;
};

static int
usable(const char *s)
{
	/* (a BOM at the start of a file is dropped; a header that names a
	 * column by its label, "姓名" or "risk (high/medium/low)", reads back
	 * as the column's name, by design: issue 14) */
	return s != NULL && s[strspn(s, " \t")] != '\0' &&
	    strncmp(s, "\xEF\xBB\xBF", 3) != 0 &&
	    ws_utf8_valid(s, strlen(s)) && strcmp(ws_column_name(s), s) == 0;
}

/* Write t in fmt; unless nocheck, read it back and compare. */
static void
check(const struct recs *t, enum ws_fmt fmt, int flags, int nocheck)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ws_out *o;
	ws_in *in;
	const char *got, *want;
	int r, j, n;

	FUZZ_ASSERT(fp != NULL);
	o = ws_out_new(fp, fmt, flags);
	ws_out_cols(o, t->ncols, t->names);
	for (r = 0; r < t->nrecs; r++) {
		for (j = 0; j < t->ncols; j++)
			ws_out_str(o, t->v[r][j]);
		ws_out_end(o);
	}
	ws_out_free(o);
	FUZZ_ASSERT(fclose(fp) == 0);
	if (nocheck || fmt == WS_FMT_TABLE || (flags & WS_OUT_NOHEADER)) {
		free(buf);
		return;
	}
	fp = fuzz_fopen((const uint8_t *)buf, len);
	in = ws_in_open(fp, "<roundtrip>", fmt);
	r = 0;
	for (;;) {
		if ((n = ws_in_next(in)) <= 0)
			break;
		if (r >= t->nrecs) {
			fprintf(stderr, "extra record at line %ld\n",
			    ws_in_line(in));
			FUZZ_ASSERT(!"a record read back that was not written");
		}
		FUZZ_ASSERT((int)ws_in_nkeys(in) == t->ncols);
		for (j = 0; j < t->ncols; j++) {
			if (strcmp(ws_in_key(in, j), t->names[j]) != 0)
				fprintf(stderr, "fmt %d column %d: wrote '%s', "
				    "read '%s'\n", (int)fmt, j, t->names[j],
				    ws_in_key(in, j));
			FUZZ_ASSERT(strcmp(ws_in_key(in, j), t->names[j]) ==
			    0);
			got = ws_in_get(in, t->names[j]);
			want = t->v[r][j] != NULL && *t->v[r][j] != '\0' ?
			    t->v[r][j] : NULL;
			if ((got == NULL) != (want == NULL) ||
			    (got != NULL && strcmp(got, want) != 0)) {
				fprintf(stderr, "fmt %d record %d column %s: "
				    "wrote '%s', read '%s'\n", (int)fmt, r + 1,
				    t->names[j], want ? want : "(null)",
				    got ? got : "(null)");
				FUZZ_ASSERT(!"value changed by a round trip");
			}
		}
		r++;
	}
	if (n < 0)
		fprintf(stderr, "error: %s\n", ws_in_error(in));
	FUZZ_ASSERT(n == 0);
	if (r < t->nrecs)
		fprintf(stderr, "lost records from %d of %d\n", r + 1,
		    t->nrecs);
	FUZZ_ASSERT(r == t->nrecs);
	ws_in_free(in);
	fclose(fp);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dflt[MAXCOLS] = { "c1", "c2", "c3", "c4" };
	struct recs t, raw;
	char *s, *rec, *f, *rp, *fp2;
	int j, k, first = 1, named;

	if (size < 1)
		return 0;
	memset(&t, 0, sizeof t);
	memset(&raw, 0, sizeof raw);
	t.ncols = 1 + data[0] % MAXCOLS;
	memcpy(t.names, dflt, sizeof t.names);
	s = fuzz_str(data + 1, size - 1);
	for (rec = strtok_r(s, "\x1e", &rp); rec != NULL && t.nrecs < MAXRECS;
	    rec = strtok_r(NULL, "\x1e", &rp)) {
		j = 0;
		for (f = rec; f != NULL && j < t.ncols; j++) {
			fp2 = strchr(f, '\x1f');
			if (fp2 != NULL)
				*fp2++ = '\0';
			/* writers must cope with anything; the round trip
			 * is checked on text only */
			raw.v[t.nrecs][j] = strcmp(f, "\x1a") == 0 ? NULL : f;
			t.v[t.nrecs][j] = raw.v[t.nrecs][j] == NULL ||
			    !ws_utf8_valid(f, strlen(f)) ? NULL : f;
			f = fp2;
		}
		if (first) {
			first = 0;
			for (named = 1, j = 0; j < t.ncols; j++)
				if (!usable(t.v[0][j]))
					named = 0;
			for (j = 0; named && j < t.ncols; j++)
				for (k = 0; k < j; k++)
					if (strcmp(t.v[0][j], t.v[0][k]) == 0)
						named = 0;
			if (named) {
				for (j = 0; j < t.ncols; j++)
					t.names[j] = t.v[0][j];
				memset(t.v[0], 0, sizeof t.v[0]);
				memset(raw.v[0], 0, sizeof raw.v[0]);
				continue;
			}
		}
		t.nrecs++;
	}
	check(&t, WS_FMT_TSV, 0, 0);
	check(&t, WS_FMT_CSV, data[0] & 0x10 ? WS_OUT_BOM : 0, 0);
	check(&t, WS_FMT_JSON, 0, 0);
	check(&t, WS_FMT_TSV, WS_OUT_NOHEADER, 0);
	/* bytes that are not UTF-8 too: written, not read back */
	raw.ncols = t.ncols;
	raw.nrecs = t.nrecs;
	memcpy(raw.names, t.names, sizeof raw.names);
	check(&raw, WS_FMT_TABLE, data[0] & 0x20 ? WS_OUT_NOHEADER : 0, 1);
	check(&raw, WS_FMT_JSON, 0, 1);
	check(&raw, WS_FMT_CSV, 0, 1);
	check(&raw, WS_FMT_TSV, 0, 1);
	free(s);
	return 0;
}
