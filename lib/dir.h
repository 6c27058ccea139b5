/*
 * dir.h - what the two phases of loading the directory share:
 * directory.c (reading and checking) and dirwrite.c (writing).  Private
 * to them; the interface is lib/wushe.h, section directory.c.
 */
#ifndef WS_DIR_H
#define WS_DIR_H

#include "wushe.h"

enum ftype {
	F_CODE,		/* the entry's code (first field, required) */
	F_NAME,		/* required text */
	F_TEXT,		/* optional text */
	F_WORD,		/* a word from a vocabulary */
	F_CREDIT,	/* unified social credit code */
	F_DATE,		/* YYYY-MM-DD */
	F_BOOL,		/* true or false */
	F_MONEY,	/* yuan, stored as fen */
	F_REF,		/* code of another entry */
	F_IDNUM,	/* resident ID number */
	F_SPECIAL,	/* contract funding, targets, payments */
};

struct field {
	const char *key;	/* YAML key */
	const char *col;	/* column; NULL for F_SPECIAL */
	enum ftype type;
	int req;		/* required */
	const char *const *words;	/* F_WORD vocabulary */
	const char *what;	/* F_WORD: what the word is */
	int ref;		/* F_REF: kind referred to */
	int def;		/* F_BOOL: default */
};

struct ws_dirkind {
	const char *name;	/* top-level key, summary row */
	const char *noun;	/* in messages */
	const char *table;
	const struct field *fields;
};

struct val {
	int set;		/* 0: null */
	int isint;
	int64_t i;
	const char *s;		/* points into the YAML tree */
	long line, col;
};

struct fund {
	const char *funder;
	int64_t fen;
	long line, col;
};

struct tgt {
	const char *measure;
	int64_t v;
};

struct pay {
	const char *date;
	int64_t fen;
	const char *note;
	int matched;
};

struct staff {			/* who serves in a youth home, when */
	const char *worker;
	const char *from, *to;	/* dates, or NULL: open-ended */
	long line, col;
};

struct entry {
	const char *file;
	long line, col;
	struct val *v;		/* one per field */
	struct fund *fund;
	size_t nfund;
	struct tgt *tgt;
	size_t ntgt;
	struct pay *pay;
	size_t npay;
	long payline, paycol;
	struct staff *staff;	/* a youth home's (dir-youth.c) */
	size_t nstaff;
};

struct dctx {
	sqlite3 *db;
	ws_ycheck y;		/* problems: printed and counted */
	struct entry *ents[WS_DIR_NKINDS];
	size_t nents[WS_DIR_NKINDS];
	int present[WS_DIR_NKINDS];
	ws_buf notes;		/* changes and missing entries, printed at
				 * the end when the load succeeds */
	struct dircal {
		const char *day;	/* YYYY-MM-DD, into the YAML tree */
		int workday;		/* 0 holiday, 1 make-up workday */
		long line, col;
	} *cal;			/* the calendar key's days (dircal.c) */
	size_t ncal;
};

/* The kinds of entries, in load order (directory.c). */
extern const struct ws_dirkind ws_dir_kinds[WS_DIR_NKINDS];

/* Index of the field key in fs, or -1. */
int ws_dir_fieldindex(const struct field *fs, const char *key);
/* The entry with this code among the files' entries of kind k, or NULL. */
struct entry *ws_dir_findent(struct dctx *c, int k, const char *code);
/* Add fen (never negative) to *sum; 1 when the total no longer fits in
 * int64 fen, and so is more than any amount. */
int ws_dir_addfen(int64_t *sum, int64_t fen);
/* A total for messages: "over 92233720368547758.07" when it overflowed. */
void ws_dir_overfen(int ovf, int64_t sum, char out[32]);

/* The calendar key (dircal.c): read its holidays and workdays lists
 * into c->cal, reporting problems; write them to calendar_day. */
void ws_dir_calendar(struct dctx *c, const ws_ynode *n);
void ws_dir_calendar_write(struct dctx *c);

/* Phase two (dirwrite.c): write every entry, in one transaction the
 * caller holds; count what changed; notes go to c->notes. */
void ws_dir_write(struct dctx *c, struct ws_dir_count *counts);

/* issue 17 (dir-youth.c): a youth home's staff read from the list n,
 * checked (known workers, dates in order, no worker twice at once), and
 * written (replaced by the file's when they differ: "staff" is added to
 * what); a worker's qualified_on needs a qualification. */
void ws_dir_staff_read(struct dctx *c, const ws_ynode *n, struct entry *e);
void ws_dir_staff_check(struct dctx *c, struct entry *e);
void ws_dir_staff_write(struct dctx *c, struct entry *e, int isnew,
    ws_buf *what);
void ws_dir_qual_check(struct dctx *c, struct entry *e);
/* For them (directory.c): code is an entry of kind k in the files or the
 * database; report "unknown NOUN 'code' (not in the files or the
 * database)" about key at line:col. */
int ws_dir_known(struct dctx *c, int k, const char *code);
void ws_dir_refproblem(struct dctx *c, int k, const char *key,
    const char *code, long line, long col);

#endif
