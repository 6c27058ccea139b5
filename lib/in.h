/*
 * in.h - the record readers' own header, shared by in.c (lines, tsv,
 * csv, the reader interface), in-json.c and in-yaml.c; not part of the
 * library's interface (that is lib/wushe.h, section in.c).
 */
#ifndef WS_IN_H
#define WS_IN_H

#include "wushe.h"

enum { LINE_OK, LINE_NUL, LINE_UTF8, LINE_LONG, LINE_UTF16 };
				/* problems of a line */
#define MAXLINE (1024 * 1024)		/* longest line read: 1 MiB */
#define MAXFIELD (256 * 1024)		/* longest field of a record */
#define NOVAL ((size_t)-1)		/* offset of a null value */

struct ws_in {
	FILE *fp;		/* input (not ours to close) */
	char *name;		/* for messages */
	enum ws_fmt fmt;	/* tsv, csv, json or yaml once opened */
	int state;		/* 0 before the first record, 1 reading,
				 * 2 done */
	int fatal;		/* the last error ends the stream */
	int bare;		/* headerless ids: one column, no header */
	char *line;		/* the current physical line (getline) */
	size_t linecap;		/* its allocated size */
	size_t len;		/* its length, newline included */
	int held;		/* line was read by ws_in_open, not yet used */
	int eof;		/* getline hit the end */
	int ioerr;		/* a read error is pending in err */
	int bad;		/* LINE_* problem of the current line */
	long lineno;		/* number of the line last read */
	long recline;		/* first line of the current record */
	ws_buf err;		/* message of the last error */
	ws_buf raw;		/* raw text of the current record */
	ws_buf rawhdr;		/* raw header (tsv, csv) */
	int hashdr;		/* rawhdr is set */
	char **hkeys;		/* header columns (tsv, csv), allocated */
	size_t nh;		/* number of header columns */
	const char **keys;	/* keys of the current record: hkeys or pk */
	const char **pk;	/* json, yaml: keys, allocated */
	char **vals;		/* values of the current record, NULL = null */
	size_t nk;		/* keys and values in the current record */
	size_t cap;		/* entries allocated in pk and vals */
	ws_buf rec;		/* csv, json, yaml: fields, NUL-separated */
	size_t *off;		/* offsets in rec: csv one per field, json
				 * and yaml two (key, value) */
	size_t offcap;		/* entries allocated in off */
	size_t nf;		/* fields found by csv_record */
	sqlite3 *db;		/* json: private in-memory connection */
	sqlite3_stmt *jtype;	/* json: type of the line, NULL if invalid */
	sqlite3_stmt *jeach;	/* json: its members */
	ws_yitems *yi;		/* yaml: the items of the sequence */
	long yblank;		/* yaml: blank lines still to feed */
	size_t ypos;		/* yaml: bytes of line fed so far */
	size_t ylen;		/* yaml: bytes of line to feed */
	int yfail;		/* yaml: feeding failed, err says why */
	int hinted;		/* the GBK hint was given (once a file) */
	size_t badoff;		/* LINE_UTF8: offset of the first bad byte */
	int gbk;		/* LINE_UTF8: the line reads as GBK */
	FILE *dec;		/* --encoding: fp converted (ours), or NULL */
	int bom;		/* the input began with a BOM */
};


/* Set the error message "name:line: ..." and return -1. */
int ws_in_fail(ws_in *in, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same with a column (none when col is 0), ending the stream. */
int ws_in_fail_at(ws_in *in, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The error of a bad line (LINE_*); returns -1. */
int ws_in_line_problem(ws_in *in, int kind, long line);
/* Make the current line the next one of the input: returns 1, 0 at the
 * end, -1 on a read error (which ends the stream).  Sets in->bad. */
int ws_in_take_line(ws_in *in);
/* The next line that skip does not pass over, chomped (*n bytes), as the
 * current record: 1, 0 at the end, -1 for a bad line. */
int ws_in_record_line(ws_in *in, size_t *n,
    int (*skip)(const ws_in *, size_t));
/* Non-zero when the n bytes at s are all spaces, tabs and line ends. */
int ws_in_blank(const char *s, size_t n);
/* Room for n fields in pk, vals and off. */
void ws_in_grow(ws_in *in, size_t n);
/* Append n bytes and a NUL to rec; returns where they start. */
size_t ws_in_rec_add(ws_in *in, const char *p, size_t n);
/* Point keys and vals at the n pairs stored in rec (offsets in off). */
void ws_in_set_pairs(ws_in *in, size_t n);

/* in-json.c: open the private connection; read the next record. */
int ws_in_json_start(ws_in *in);
int ws_in_json_next(ws_in *in);

/* in-yaml.c: start reading (1, or 0 for no input); the next record; free
 * what the yaml reader holds. */
int ws_in_yaml_start(ws_in *in);
int ws_in_yaml_next(ws_in *in);
void ws_in_yaml_free(ws_in *in);

#endif
