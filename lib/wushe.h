/*
 * wushe.h - the one public header of libwushe.
 *
 * Every exported symbol starts with ws_.  Each section names the file it
 * comes from.  Conventions used throughout:
 *
 *  - Functions named ws_check_* return NULL when the value is good and
 *    otherwise a static string saying what is wrong and what was expected,
 *    ready to print after "field: ".  They never print and never exit.
 *  - Functions that return allocated memory say so; the caller frees it
 *    with free() unless a matching ws_*_free is named.
 *  - Allocation failure is not returned: ws_malloc and friends print a
 *    message and exit 70, as git's xmalloc does.
 *  - Money is integer fen (int64_t), durations integer minutes, dates
 *    "YYYY-MM-DD" strings (char[11]) or day numbers (days since 1970-01-01).
 */
#ifndef WUSHE_H
#define WUSHE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>
#include <sqlite3.h>
#include <yaml.h>

#define WS_VERSION "0.1.0"

/* ---------------------------------------------------------------- err.c */

extern const char *ws_prog;	/* program name, set once by ws_init */

/* Set ws_prog from argv[0] (its last path component), configure SQLite
 * for a single-threaded process and ignore SIGPIPE (a closed pipe is then
 * a write error, reported by ws_close_stdout).  Must be the first call in
 * main. */
void ws_init(const char *argv0);

/* Print "prog: msg\n" to stderr and exit with code (an EX_* value).  A
 * format ending in ':' appends ' ' and strerror(errno), as sbase eprintf. */
_Noreturn void ws_die(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Same as ws_die without exiting. */
void ws_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the standard "--version" line ("prog (wushe) 0.1.0") and exit 0. */
_Noreturn void ws_version(void);

/* Print a command's usage text and exit with code: on stdout for 0
 * (--help), on stderr otherwise (a usage error, 64). */
_Noreturn void ws_usage(const char *text, int code);

/* A usage error: "opt: what" (what translated; "what" alone when opt is
 * NULL) on stderr, then the usage text, exit 64. */
_Noreturn void ws_bad_use(const char *text, const char *opt,
    const char *what);

/* Flush and close stdout; a write error (full disk, closed pipe) is
 * reported and the process exits 74.  Call last in every main. */
void ws_close_stdout(void);

/* Non-zero when stderr is a terminal (progress is shown only then). */
int ws_stderr_tty(void);

/*
 * Errors: the one convention of the library.
 *
 * A library function that can fail because of its input or its
 * surroundings takes a struct ws_err *e, fills it and returns the EX_*
 * exit code that fits (or, where its comment says so, NULL or -1); on
 * success it returns 0 and leaves *e untouched.  The message is allocated
 * and says "what is wrong (what was expected)", without the program name;
 * e->field names the field, key or option it is about (static text, or
 * NULL).  Only cmd/ decides to exit: ws_err_die prints
 * "prog: field: message" and exits with e->code.
 *
 * Three kinds of failure still exit from the library, each in one place:
 *  - allocation failure: ws_malloc and friends (buf.c), exit 70;
 *  - database trouble below the data (busy 75, full disk or I/O 74,
 *    read-only 73, our own SQL refused 70): ws_db_die (db.c), called by
 *    ws_step, ws_exec, ws_begin and ws_commit, and ws_db_open refusing a
 *    file that is missing, empty or not a wushe database (66, 65);
 *  - a broken invariant of our own: ws_bug, exit 70.
 * Validators (ws_check_*, ws_parse_*) return a static message or NULL:
 * they know no position, the caller adds it.  Problems of one record in a
 * batch go to the batch's report callback (ws_case_report), which the
 * batch loop (batch.c) turns into "input:line: field: problem".
 */
typedef struct ws_err {
	int code;		/* EX_* exit code; 0 = no error */
	const char *field;	/* what the problem is about (static), or NULL */
	char *msg;		/* allocated message, or NULL */
} ws_err;

/* Set *e (freeing an earlier message) and return code.  A format ending
 * in ':' appends ' ' and strerror(errno), as ws_die. */
int ws_err_set(ws_err *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Free the message and zero *e. */
void ws_err_clear(ws_err *e);
/* Print "prog: field: msg" (or "prog: msg") on stderr. */
void ws_err_warn(const ws_err *e);
/* ws_err_warn, free, and exit with e->code (70 when it is 0). */
_Noreturn void ws_err_die(ws_err *e);
/* A broken invariant: print "prog: bug: msg" and exit 70. */
_Noreturn void ws_bug(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* ---------------------------------------------------------------- buf.c */

void *ws_malloc(size_t n);
void *ws_calloc(size_t n, size_t size);
void *ws_realloc(void *p, size_t n);
char *ws_strdup(const char *s);			/* NULL stays NULL */
char *ws_strndup(const char *s, size_t n);
/* Copy s (NULL: "") into dst of size bytes (size > 0), cut to fit and
 * always terminated; returns dst.  For fixed buffers on hot paths, where
 * snprintf(dst, size, "%s", s) costs a format parse per call. */
char *ws_strlcpy(char *dst, const char *s, size_t size);
/* The FNV-1a hash of s, for the fixed-size caches (ref.c, excel.c). */
unsigned ws_strhash(const char *s);
/* Die of an allocation failure outside these (a library's init), the
 * same way: "out of memory", exit 70. */
_Noreturn void ws_oom(void);
char *ws_asprintf(const char *fmt, ...)	/* caller frees */
    __attribute__((format(printf, 1, 2)));

/*
 * A growable byte buffer.  Invariant: when s is not NULL it holds len
 * bytes followed by a NUL; cap is the allocated size.  A zeroed ws_buf
 * ({0}) is empty and valid.  ws_buf_free releases s and zeroes the buffer.
 */
typedef struct ws_buf {
	char *s;	/* contents, NUL-terminated, or NULL when never used */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;	/* bytes allocated */
} ws_buf;

void ws_buf_add(ws_buf *b, const char *p, size_t n);
void ws_buf_adds(ws_buf *b, const char *s);
void ws_buf_addc(ws_buf *b, int c);
void ws_buf_printf(ws_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ws_buf_reset(ws_buf *b);	/* len = 0, keeps the memory */
void ws_buf_free(ws_buf *b);
/* Return the contents (never NULL; "" when empty). */
const char *ws_buf_str(ws_buf *b);

/* ----------------------------------------------------------------- db.c */

/* The embedded migrations (generated from the schema/ files), NULL-terminated;
 * ws_migrations[i] brings the database to version i + 1. */
extern const char *const ws_migrations[];
extern const int ws_schema_version;

/* How ws_db_open treats the file. */
enum {
	WS_DB_READ   = 0,	/* must exist; migrated if older */
	WS_DB_CREATE = 1,	/* create (mode 0600, folders too) if missing */
};

/*
 * Return the database path, allocated: opt (from --db) if not NULL, else
 * $WUSHE_DB, else $XDG_DATA_HOME/wushe/wushe.db, else
 * $HOME/.local/share/wushe/wushe.db.  *why, if not NULL, is set to a static
 * string: "--db", "WUSHE_DB", "XDG_DATA_HOME" or "default".
 */
char *ws_db_path(const char *opt, const char **why);

/*
 * Open the database named by ws_db_path(opt), in WAL mode with a busy
 * timeout and foreign keys on, and bring its schema up to date (in one
 * transaction).  Registers the SQL functions ws_user(), ws_cmd() (used by
 * the history and audit triggers), ws_mask(text) and ws_today().
 * On any failure it prints why and exits: 66 when the file is missing and
 * WS_DB_CREATE is not given, 73 when it cannot be created, 65 when it is
 * not a wushe database or is newer than this binary, 75 when busy.
 * Close with ws_db_close.
 */
sqlite3 *ws_db_open(const char *opt, int flags);
void ws_db_close(sqlite3 *db);

/* A database file that is not the user's own, or that others may read or
 * write, is opened (readers get a warning) but the first ws_begin on it
 * exits 77 with a message naming the file, its owner and mode and
 * --force, unless ws_db_force(1) was called (--force, every command). */
void ws_db_force(int on);

/* Current PRAGMA user_version of an open database. */
int ws_db_version(sqlite3 *db);

/*
 * Statement helpers.  ws_prepare dies (70) on an SQL error: SQL text is
 * ours, so a failure is a bug.  ws_step returns SQLITE_ROW or SQLITE_DONE
 * and dies on anything but a constraint error, which it returns as
 * SQLITE_CONSTRAINT for the caller to report; busy and locked exit 75,
 * a full disk or I/O error 74, a read-only database 73.
 */
sqlite3_stmt *ws_prepare(sqlite3 *db, const char *sql);
int ws_step(sqlite3_stmt *st);

/* Execute SQL text with no results (several statements allowed); dies as
 * ws_step does. */
void ws_exec(sqlite3 *db, const char *sql);

/* BEGIN IMMEDIATE (exit 75 with a clear message when the lock cannot be
 * had within the busy timeout), COMMIT, ROLLBACK. */
void ws_begin(sqlite3 *db);
void ws_commit(sqlite3 *db);
void ws_rollback(sqlite3 *db);

/* Die with the exit code that fits the database error rc (see ws_step),
 * printing "prog: what: sqlite message". */
_Noreturn void ws_db_die(sqlite3 *db, int rc, const char *what);

/* Bind helpers: a NULL or empty string binds SQL NULL. */
void ws_bind_text(sqlite3_stmt *st, int i, const char *s);
void ws_bind_int(sqlite3_stmt *st, int i, int64_t v);

/*
 * Filters of a query being built: ws_binds_text and ws_binds_int append
 * " AND clause ?N" to sql and remember the value (at most 16);
 * ws_binds_prepare prepares sql and binds them all, in order.
 */
struct ws_binds {
	const char *text[16];
	int64_t num[16];
	int is_num[16];
	int n;
};
void ws_binds_text(struct ws_binds *b, ws_buf *sql, const char *clause,
    const char *v);
void ws_binds_int(struct ws_binds *b, ws_buf *sql, const char *clause,
    int64_t v);
sqlite3_stmt *ws_binds_prepare(sqlite3 *db, const char *sql,
    const struct ws_binds *b);

/* Convenience: run a query with one text parameter (may be NULL) and return
 * the first column of the first row as an allocated string, or NULL. */
char *ws_query_text(sqlite3 *db, const char *sql, const char *param);
/* Same, returning an integer (def when there is no row). */
int64_t ws_query_int(sqlite3 *db, const char *sql, const char *param,
    int64_t def);

/*
 * The OS user name and the command line of this process, as recorded in
 * history and audit rows.  ws_set_cmdline (opt.c) records it from
 * getopt_long's own parse of argv with the command's option table p
 * (ws_opt_next calls it when a parse starts, so every command records
 * its command line the same way; the command's parse starts afresh): the
 * words as given, but the value of an option that carries a person's
 * data (ws_opt_secret: --id-number, --phone, --name) and any option
 * value or operand shaped like an ID or phone number masked (ws_mask),
 * however it was bundled ("-Di N") or attached ("-NN", "--phone=N").
 * Without it the command line is the program name.
 */
struct ws_opts;
const char *ws_user(void);
void ws_set_cmdline(int argc, char **argv, struct ws_opts *p);
/* (db.c) Record argv as the command line: val[i] points into argv[i]
 * where an option's value or an operand starts (NULL: the word has
 * none), sec[i] non-zero when that value is a secret option's. */
void ws_cmdline_record(int argc, char **argv, char *const *val,
    const int *sec);
/* An argv word of ws_set_cmdline as recorded (allocated); another string
 * masked if it has the shape of an ID or phone number. */
char *ws_cmdline_word(const char *arg);
const char *ws_cmdline(void);

/* -------------------------------------------------------------- stream.c */

/* Record formats. */
enum ws_fmt {
	WS_FMT_AUTO = 0,	/* out: table on a terminal, else tsv; in: detect */
	WS_FMT_TABLE,		/* aligned columns, CJK two columns wide */
	WS_FMT_TSV,		/* header line, \t \n \r \\ escaped */
	WS_FMT_CSV,		/* RFC 4180 */
	WS_FMT_JSON,		/* JSON Lines: one object per line */
	WS_FMT_YAML,		/* input only: a sequence of mappings */
	WS_FMT_TEXT,		/* documents (doc.c): readable text */
	WS_FMT_MARKDOWN,	/* documents: markdown */
	WS_FMT_HTML,		/* documents: one self-contained page */
	WS_FMT_XLSX,		/* out: an Excel workbook (xlsx.c) */
};

/* Sets of formats, for ws_fmt_word: what a command accepts. */
#define WS_FMT_BIT(f)	(1u << (f))
#define WS_FMTS_OUT	(WS_FMT_BIT(WS_FMT_TABLE) | WS_FMT_BIT(WS_FMT_TSV) | \
			 WS_FMT_BIT(WS_FMT_CSV) | WS_FMT_BIT(WS_FMT_JSON) | \
			 WS_FMT_BIT(WS_FMT_XLSX))
#define WS_FMTS_IN	(WS_FMT_BIT(WS_FMT_TSV) | WS_FMT_BIT(WS_FMT_CSV) | \
			 WS_FMT_BIT(WS_FMT_JSON) | WS_FMT_BIT(WS_FMT_YAML))
#define WS_FMTS_DOC	(WS_FMT_BIT(WS_FMT_TEXT) | \
			 WS_FMT_BIT(WS_FMT_MARKDOWN) | WS_FMT_BIT(WS_FMT_HTML) | \
			 WS_FMT_BIT(WS_FMT_CSV) | WS_FMT_BIT(WS_FMT_TSV) | \
			 WS_FMT_BIT(WS_FMT_JSON) | WS_FMT_BIT(WS_FMT_XLSX))

/* The one parser of --format and --input words: "table", "tsv", "csv",
 * "json", "yaml", "text", "markdown", "html" (exact).  Returns the format
 * when it is in the set accept (WS_FMT_BIT values or'ed), else -1. */
int ws_fmt_word(const char *s, unsigned accept);
/* ws_fmt_word for the record formats: table, tsv, csv, json or yaml. */
int ws_fmt_parse(const char *s);
/* The word of a --format option (for_input 0: table, tsv, csv, json or
 * xlsx) or an --input option (for_input 1: tsv, csv, json or yaml).
 * Returns the format, or -1 after warning "--format: unknown format 'x'
 * (expected ...)"; the caller then prints its usage and exits 64.  xlsx
 * when standard output is a terminal is refused the same way. */
int ws_fmt_option(const char *arg, int for_input);

/* ----------------------------------------------------------------- out.c */

/* ws_out flags */
enum {
	WS_OUT_NOHEADER = 1,	/* no header line (tsv, csv, table) */
	WS_OUT_BOM      = 2,	/* csv: start with a UTF-8 BOM (Excel) */
	WS_OUT_STORED   = 4,	/* headers and words as stored, in any
				 * language (issue 14: else --lang zh gives
				 * Chinese ones but in json) */
};

typedef struct ws_out ws_out;

/* A record writer on fp (not closed by ws_out_free).  WS_FMT_AUTO picks
 * table when fp is a terminal, tsv otherwise.  WS_FMT_YAML is a bug
 * (ws_fmt_option refuses it for output), as is writing a record with too
 * many or too few values (ws_bug, exit 70). */
ws_out *ws_out_new(FILE *fp, enum ws_fmt fmt, int flags);
/* Set the column names (copied).  Must be called once before the first
 * value, unless ws_out_run sets them from a statement. */
void ws_out_cols(ws_out *o, int n, const char *const *names);
/* Append one value to the current record; ws_out_end finishes it.
 * ws_out_str(o, NULL) is a null (empty in tsv/csv/table, null in json). */
void ws_out_str(ws_out *o, const char *s);
void ws_out_int(ws_out *o, int64_t v);
void ws_out_null(ws_out *o);
void ws_out_end(ws_out *o);
/* Write the current row of st (column types kept: integers are numbers in
 * json) as one record. */
void ws_out_row(ws_out *o, sqlite3_stmt *st);
/* Step st to the end writing every row; sets the columns from st's column
 * names if none were set.  Returns the number of rows.  Database errors
 * die as ws_step. */
long ws_out_run(ws_out *o, sqlite3_stmt *st);
/* The rows of st on stdout, in fmt with flags (a writer of its own, as
 * ws_out_new), st finalized; returns the number of rows. */
long ws_out_query(sqlite3_stmt *st, int fmt, int flags);
/* Finish (a table is printed here) and free. */
void ws_out_free(ws_out *o);

/* ------------------------------------------------------------------ in.c */

/* (in.c: lines, tsv, csv and this interface; in-json.c, in-yaml.c: the
 * other formats; lib/in.h: what they share, private to them.) */
typedef struct ws_in ws_in;

/*
 * A record reader on fp; name is used in messages ("<stdin>" or a file
 * name).  WS_FMT_AUTO detects the format from the first line that is not
 * blank: '{' is json; "---", "- ", "-", '[', '%' or a '#' comment (with no
 * tab) is yaml; a line with a tab is tsv, one with a comma (and no tab)
 * csv, otherwise tsv.  A UTF-8 BOM and CRLF line ends are
 * accepted; a NUL byte or a line over 1 MiB is an error naming the line;
 * input that is not UTF-8 is an error naming the line with a hint
 * ("iconv -f GBK -t UTF-8").  Never returns NULL.  Free with ws_in_free.
 * Strings returned by ws_in_get, ws_in_key and ws_in_raw stay valid until
 * the next ws_in_next.  json numbers read as SQLite prints them (1e2 is
 * "100.0"); tsv/csv lines that are blank are skipped unless there is only
 * one column (then they are a null value).
 */
ws_in *ws_in_open(FILE *fp, const char *name, enum ws_fmt fmt);
/* Headerless ids: if the first line is only digits, read the stream as
 * one column named col with no header.  Call before the first ws_in_next. */
void ws_in_bare(ws_in *in, const char *col);
/*
 * Read the next record.  Returns 1 for a record, 0 at end of input, -1 on
 * an error, with the message (already "name:line: problem") in
 * ws_in_error.  After an error in a tsv/csv/json stream reading may go on
 * with the next record; in yaml it may not.
 */
int ws_in_next(ws_in *in);
const char *ws_in_error(ws_in *in);
/* The detected or given format. */
enum ws_fmt ws_in_fmt(ws_in *in);
/* The value of column/key name in the current record, or NULL when the
 * record has no such key or it is null/empty. */
const char *ws_in_get(ws_in *in, const char *name);
/* The keys of the current record (the header for tsv/csv). */
size_t ws_in_nkeys(ws_in *in);
const char *ws_in_key(ws_in *in, size_t i);
/* First line number of the current record (1-based, header is line 1). */
long ws_in_line(ws_in *in);
/* The current record's raw text, as read (for reject files), and the
 * header text to put before such records (NULL for json and yaml, whose
 * records stand alone).  Both end with a newline. */
const char *ws_in_raw(ws_in *in);
const char *ws_in_raw_header(ws_in *in);
void ws_in_free(ws_in *in);

/*
 * Check the record's keys against a NULL-terminated list of allowed names;
 * returns NULL when every key is allowed and none repeats, else an
 * allocated message ("unknown column 'x' (expected one of: a, b, c)").
 */
char *ws_in_check_keys(ws_in *in, const char *const *allowed);
/*
 * Check the header of a tsv or csv stream: every column allowed (as
 * ws_in_check_keys), every one of required (NULL-terminated) there.
 * Returns 0, or -1 after warning "name:1: unknown column ..." or
 * "name:1: missing column 'x' (why)"; the caller then refuses the batch.
 */
int ws_in_check_header(ws_in *in, const char *const *allowed,
    const char *const *required, const char *why);
/* Write the current record, as read, to the reject file rj (nothing when
 * rj is NULL), the raw header first when *header_done is 0 (then set). */
void ws_in_reject(ws_in *in, FILE *rj, int *header_done);

/* ------------------------------------------------- stream.c (continued) */

/* Length of the valid UTF-8 sequence at s (n bytes left, n > 0), or 0
 * when it is not valid: overlong, surrogate, above U+10FFFF, truncated. */
size_t ws_utf8_seq(const unsigned char *s, size_t n);

/* Display width of UTF-8 text in terminal columns (CJK are 2). */
size_t ws_width(const char *s);

/* Non-zero when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int ws_utf8_valid(const char *s, size_t n);

/* ---------------------------------------------------------------- cal.c */

/* Day number (days since 1970-01-01) of a valid date; -1 if invalid. */
long ws_date_days(const char *s);
/* Format a day number as "YYYY-MM-DD" into out (pure integer arithmetic,
 * no time zone; days outside years 0000-9999 are clamped to that range). */
void ws_days_date(long days, char out[11]);
/* Today's date in local time, or $WUSHE_TODAY when set and not empty
 * (tests); a $WUSHE_TODAY that is not a valid date dies with exit 64. */
void ws_today(char out[11]);

/*
 * Fill a period from one option word: opt is "month" (val YYYY-MM, or
 * "last": the month before ws_today()), "quarter" (2019Q3), "year" (2019),
 * "since" or "until" (a date; sets only that end).  since and until are
 * inclusive dates.  Returns NULL when good, else a static message saying
 * what was expected (the caller names the option).
 */
const char *ws_period(const char *opt, const char *val, char since[11],
    char until[11]);
/*
 * The period options of a report or listing (issue 13): --month,
 * --quarter, --year, or --since/--until (one period), and --as-of.  Zero
 * the struct, pass each of those options to ws_period_opt (opt is the
 * long name without "--"), then call ws_period_opt_end once.  Both return
 * NULL when good, else a static message; the caller prints
 * "--opt: message" and exits 64 (a period steers the command).
 */
struct ws_period_opt {
	char since[11], until[11];	/* "" when that end is open */
	char as_of[11];			/* "" when --as-of is not given */
	int n;				/* periods given (0 or 1 when good) */
	int range;			/* --since or --until given */
};
const char *ws_period_opt(struct ws_period_opt *p, const char *opt,
    const char *val);
/* Check the period as a whole; *opt is set to the option a message
 * names.  open 0 (grant-report): --until needs --since, --since alone
 * runs to today.  open 1 (listings): either end may be open, and with
 * --as-of a period is cut at that day (an until after it, or none,
 * becomes the as-of day; an as-of before since is refused). */
const char *ws_period_opt_end(struct ws_period_opt *p, int open,
    const char **opt);
/* Days from since to until, both counted (valid dates, since <= until). */
long ws_period_days(const char *since, const char *until);
/* target x elapsed / days, rounded half up (days > 0, values >= 0): a
 * target for days prorated to the days elapsed. */
int64_t ws_prorate(int64_t target, int64_t elapsed, int64_t days);

/* ISO weekday of a day number: 1 Monday ... 7 Sunday. */
int ws_weekday(long day);
/* The Monday of day's ISO week. */
long ws_week_monday(long day);
/* The ISO 8601 week of day, "2019-W01" (the year of its Thursday). */
void ws_isoweek(long day, char out[9]);

/*
 * The working-day calendar: Monday to Friday are working days, except the
 * days set in a process-wide table: ws_cal_set(day, 0) makes day a
 * holiday, ws_cal_set(day, 1) a make-up workday (setting a day again
 * replaces it).  The table starts empty; ws_cal_clear empties it and
 * frees its memory.
 */
void ws_cal_set(long day, int workday);
void ws_cal_clear(void);
/* Non-zero when day is a working day. */
int ws_cal_workday(long day);
/* The deadline "within n working days" of receipt on day: counting starts
 * on the first working day after day, and the n-th working day is the
 * deadline.  n <= 0 returns day. */
long ws_cal_add_workdays(long day, int n);
/* Load the State Council's holidays and make-up workdays of 2018 to 2026
 * into the table (cal.c cites the notices); a site's own days are set
 * after it, so they win.  Commands that count working days call it. */
void ws_cal_official(void);
/* The year of the last day in the table (0 when empty): a date in a later
 * year is counted by weekends only, and callers warn about it. */
int ws_cal_last_year(void);

/* --------------------------------------------------------------- i18n.c */

/*
 * Choose the language of labels: opt "zh" or "en" (a --lang word; "zh_*"
 * and "en_*" also), or NULL to follow LC_ALL, LC_MESSAGES, LANG (zh* is
 * Chinese).  Chinese labels come from the gettext catalog "wushe" under
 * $WUSHE_LOCALEDIR, else ../locale beside the program when it holds the
 * catalog (a build tree), else the installed locale folder; without a
 * catalog labels stay English.  Returns 0, or -1 for an unknown opt (the
 * language is then unchanged).
 */
int ws_lang(const char *opt);
/* Non-zero when labels are Chinese. */
int ws_lang_zh(void);
/* The translation of msgid in the chosen language (static: never free);
 * msgid itself in English or when the catalog lacks it. */
const char *ws_tr(const char *msgid);

/* ---------------------------------------------------------------- doc.c */

/*
 * Documents: one model of a report, rendered in any of the formats of
 * WS_FMTS_DOC.  Build one with ws_doc_new, then add elements in order:
 * sections, notes, key-value blocks, tables (the first row is the header),
 * bar charts.  Cells and bars are added to the element added last: a cell
 * outside a table, or more cells than columns, is a bug (ws_bug).  Every
 * string is copied.  Free with ws_doc_free.
 */
typedef struct ws_doc ws_doc;

/* The types of table cells. */
enum ws_cell {
	WS_CELL_TEXT = 0,
	WS_CELL_COUNT,		/* a whole number */
	WS_CELL_MONEY,		/* fen, shown as yuan "1234.50" */
	WS_CELL_HOURS,		/* minutes, shown as hours "12.50" */
	WS_CELL_PERCENT,	/* num/den, shown "12.3%" ("-" for den 0) */
	WS_CELL_DATE,		/* YYYY-MM-DD */
};

/* A document titled title. */
ws_doc *ws_doc_new(const char *title);
/*
 * Make d a form, such as a certificate: in text its elements are set apart
 * by blank lines, a heading ends in a colon, a key-value block is "key:
 * value" lines and a table has no header line; in markdown a key-value
 * block is a table headed "Item" and "Details"; in html there are no
 * <section>s and css (static text, kept) is the style sheet.  ": ",
 * "Item" and "Details" are translated (ws_tr).
 */
void ws_doc_form(ws_doc *d, const char *css);
void ws_doc_section(ws_doc *d, const char *heading);
void ws_doc_note(ws_doc *d, const char *text);
/* A key-value block: rows of two cells, the key and its value. */
void ws_doc_kv(ws_doc *d);
/* A table of strlen(align) columns, 'l' or 'r' each; its first row is
 * the header. */
void ws_doc_table(ws_doc *d, const char *align);
/* Start a row of the current table or block; flags are WS_ROW_* or'ed. */
enum {
	WS_ROW_FLAGGED = 1,	/* behind, below a minimum: red in html */
	WS_ROW_TOTAL = 2,	/* a total: bold in markdown, th in html */
};
void ws_doc_row(ws_doc *d, int flags);
/* Append a cell to the current row. */
void ws_doc_text(ws_doc *d, const char *s);		/* NULL is "" */
void ws_doc_count(ws_doc *d, int64_t n);
void ws_doc_money(ws_doc *d, int64_t fen);
void ws_doc_hours(ws_doc *d, int64_t minutes);
/* issue 14: the same with its unit, "142.50 hours" / "142.50 小时" (a
 * certificate's figures, read without a column header). */
void ws_doc_hours_unit(ws_doc *d, int64_t minutes);
void ws_doc_pct(ws_doc *d, int64_t num, int64_t den);
void ws_doc_date(ws_doc *d, const char *date);
/*
 * A bar chart (html only): per bar, a base bar for 100% and a bar of
 * num/den on the same scale up to 150%, red when flagged; a dashed line
 * at mark (a percentage x100); the legends name the two bars.
 */
void ws_doc_chart(ws_doc *d, int64_t mark, const char *legend_base,
    const char *legend_bar);
void ws_doc_bar(ws_doc *d, const char *label, int64_t num, int64_t den,
    int flagged);
/* A signature line "label: value" (value NULL: a line to sign on), in
 * one paragraph with the signature lines added just before it. */
void ws_doc_sign(ws_doc *d, const char *label, const char *value);
/*
 * Print d on fp in fmt: WS_FMT_TEXT (aligned columns), WS_FMT_MARKDOWN,
 * WS_FMT_HTML (self-contained, printable A4, inline SVG charts), or
 * WS_FMT_CSV, WS_FMT_TSV, WS_FMT_JSON: one tidy record per figure with
 * the columns section row column value unit (flags as ws_out_new).  Any
 * other fmt prints text.
 */
void ws_doc_print(const ws_doc *d, enum ws_fmt fmt, int flags, FILE *fp);
void ws_doc_free(ws_doc *d);

/* A percentage of num/den with one decimal, rounded half up ("12.3"), or
 * "" when den <= 0. */
void ws_doc_pct_str(int64_t num, int64_t den, char out[32]);

/*
 * The escapers, one per format (tsv, csv and json are ws_out's): each
 * writes s to fp with every control character (C0, DEL) shown as a
 * space.  ws_esc_md puts a backslash before \ ` * _ [ ] < > | #;
 * ws_esc_html writes & < > " as entities (' is left: attributes are
 * always double-quoted).
 */
void ws_esc_text(const char *s, FILE *fp);
void ws_esc_md(const char *s, FILE *fp);
void ws_esc_html(const char *s, FILE *fp);

/* ------------------------------------------------------------ validate.c */

/* Dates.  A date is "YYYY-MM-DD", a real calendar day, year 1900-2999. */
const char *ws_check_date(const char *s);
/* "YYYY-MM" months: NULL if good.  Day arithmetic is in cal.c. */
const char *ws_check_month(const char *s);

/* Times of day "HH:MM" (00:00-23:59; "24:00" only when allow24). Sets
 * *min to minutes after midnight. */
const char *ws_check_time(const char *s, int allow24, int *min);

/* Durations: whole minutes "90", or hours with at most two decimals
 * ("7.5") converted exactly; a value that is not a whole number of minutes
 * ("7.33") is refused.  Digits only: no sign, exponent or spaces; ".5" and
 * "7." are refused.  Overflow of int64 is refused (hours: at most
 * 92233720368547758).  Range checks are the caller's.  The out pointer may
 * be NULL (check only) and is untouched on error. */
const char *ws_parse_minutes(const char *s, int64_t *min);
const char *ws_parse_hours(const char *s, int64_t *min);

/* Money in yuan with at most two decimals ("1234.56", "3600") to fen,
 * exactly; no floating point.  Negative values ("-5") only when allow_neg.
 * Refused: "", ".5", "5.", "+5", "1,000", "1.234", spaces, and a magnitude
 * over INT64_MAX fen (92233720368547758.07 yuan). */
const char *ws_parse_money(const char *s, int allow_neg, int64_t *fen);
/* Format fen as yuan with two decimals ("1234.56", "3600.00", "-0.05")
 * into out; INT64_MIN works. */
void ws_fen_str(int64_t fen, char out[32]);

/* Decimal with at most two places to hundredths ("30", "5.5" -> 3000, 550);
 * used for percentages in the policy. */
const char *ws_parse_dec2(const char *s, int64_t *hundredths);

/* Non-negative integer (digits only) in [lo, hi].  The out-of-range
 * message names the range and lives in a static buffer: valid until the
 * next call, not thread-safe. */
const char *ws_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *v);

/* Booleans, the one parser.  In YAML files (yaml non-zero) only "true"
 * and "false", as in YAML 1.2's core schema; in records and options also
 * "yes", "no", "1" and "0".  Sets *v to 1 or 0 (v may be NULL); returns
 * NULL, or a static message naming the accepted words. */
const char *ws_parse_bool(const char *s, int yaml, int *v);

/* 18-character resident ID number (GB 11643): region, birth date, sequence,
 * check character (digit or upper-case X).  On success writes the birth
 * date into birth (may be NULL) and 'M' or 'F' into *sex (may be NULL). */
const char *ws_check_id_number(const char *s, char birth[11], char *sex);

/* Mainland mobile (11 digits, 1[3-9]...) or landline (0 + 2-3 digit area
 * code, optional '-', 7-8 digits, optional "-extension"). */
const char *ws_check_phone(const char *s);

/* 18-character unified social credit code (GB 32100) with its check
 * character. */
const char *ws_check_credit_code(const char *s);

/* Codes of reference entities: 1-32 of [A-Za-z0-9_.-]. */
const char *ws_check_code(const char *s);

/* A word from a NULL-terminated vocabulary; returns its index or -1. */
int ws_word_index(const char *s, const char *const *words);
/* Allocated "a, b, c" listing of a vocabulary, for messages. */
char *ws_words_join(const char *const *words);

/* The fixed vocabularies are in vocab.c (below). */

/* Mask personal data for output: an ID number keeps its first 6 and last 4
 * characters ("340104********1234"), a phone number its first 3 and last 4
 * ("139****5678"); anything else is masked by UTF-8 character, never
 * cutting one: 1 character gives "*", 2 keep the first ("张*"), more keep
 * the first and last ("欧**华").  Allocated; NULL gives NULL. */
char *ws_mask(const char *s);

/* ------------------------------------------------------------ vocab.c */

/*
 * The vocabulary: every closed word list, each word once.  A list is named
 * after the column that stores its words ("org.kind", "visit.status",
 * "contract_target.measure"); the schema's CHECK constraints hold the same
 * words (tests/unit/test-vocab.c compares them).  The table and every
 * string in it are static.
 */
struct ws_word {
	const char *list;	/* "table.column"; NULL ends ws_vocab */
	const char *name;	/* the word as stored */
	const char *label;	/* English label, the gettext msgid; NULL none */
	const char *zh;		/* Chinese label; NULL not given yet */
	int so;			/* org.kind: a social organisation (社会组织),
				 * or'ed with WS_SO_REG when registered */
	int hours;		/* measure kept in minutes, shown in hours
				 * (its unit is "minutes", else "count") */
	const char *alt;	/* another Chinese word read as this one
				 * (issue 14); NULL none */
};

/* ws_word.so of an org.kind registered with a civil-affairs office (登
 * 记: social groups, private non-enterprise units and the social-work
 * agencies among them, foundations), whose organisations file annual
 * reports; a community group is only on file (备案). */
enum { WS_SO_REG = 2 };
/* Every word of every list, list by list, ended by a row of NULLs. */
extern const struct ws_word ws_vocab[];
/* The measures in report order, ended by a row of NULLs. */
enum { WS_NMEASURES = 8 };
extern const struct ws_word ws_measure_words[WS_NMEASURES + 1];

/* The word of list (any list when NULL) named word, or NULL. */
const struct ws_word *ws_vocab_find(const char *list, const char *word);
/* Non-zero when organisations of this org.kind are social organisations
 * (社会组织), whose share of purchase spending the policy watches. */
int ws_vocab_is_so(const char *org_kind);
/* Non-zero when organisations of this org.kind are registered social
 * organisations (so & WS_SO_REG), on the register of org-report(1). */
int ws_vocab_is_registered(const char *org_kind);

/* The lists as NULL-terminated word arrays, for ws_word_index and
 * ws_words_join; the words are those of ws_vocab, in its order. */
extern const char *const ws_risks[];		/* low medium high */
extern const char *const ws_sexes[];		/* M F */
extern const char *const ws_org_kinds[];	/* street_office sw_agency ... */
extern const char *const ws_close_reasons[];	/* goal_met moved_away ... */
extern const char *const ws_base_categories[];	/* elderly empty_nest ... */
extern const char *const ws_visit_kinds[];	/* home phone office ... */
extern const char *const ws_visit_statuses[];	/* done no_show cancelled */
extern const char *const ws_contract_kinds[];	/* post project venture_... */
extern const char *const ws_measures[];		/* service_hours contacts ... */
extern const char *const ws_activity_kinds[];	/* group_session community */
extern const char *const ws_annual_events[];	/* submit return accept */
extern const char *const ws_annual_conclusions[]; /* qualified ... */
extern const char *const ws_annual_states[];	/* received returned ... */
extern const char *const ws_qualifications[];	/* none assistant
						 * intermediate senior */

/* -------------------------------------------------------------- ref.c */

/*
 * The reference module: cached lookups of what records refer to, and the
 * rules about it that every command shares.  A ws_ref belongs to one
 * database connection; its caches are bounded (a slot is reused when two
 * keys collide), so a returned entry is valid until the next lookup of the
 * same kind: copy what is kept.  Lookups never fail on data: an unknown
 * key gives an entry with exists = 0.
 */
#define WS_CODE_MAX	33	/* codes are at most 32 bytes (ws_check_code) */

typedef struct ws_ref ws_ref;

struct ws_ref_case {
	int64_t id;
	int exists;
	char opened[11];
	char closed[11];		/* "" while open */
	char worker[WS_CODE_MAX];	/* worker in charge, "" none */
	char community[WS_CODE_MAX];
};

struct ws_ref_worker {
	int used, exists;
	char code[WS_CODE_MAX];
	char org[WS_CODE_MAX];		/* the employer */
	char from[11], to[11];		/* active period, "" open-ended */
	char contract[WS_CODE_MAX];	/* the post's contract, "" none */
	char cstart[11], cend[11];	/* its period */
};

struct ws_ref_contract {
	int used, exists;
	char code[WS_CODE_MAX];
	char start[11], end[11];
};

/* A reference cache on db (not owned); free with ws_ref_free. */
ws_ref *ws_ref_new(sqlite3 *db);
void ws_ref_free(ws_ref *r);
const struct ws_ref_case *ws_ref_case(ws_ref *r, int64_t id);
const struct ws_ref_worker *ws_ref_worker(ws_ref *r, const char *code);
const struct ws_ref_contract *ws_ref_contract(ws_ref *r, const char *code);
/* 1 when the community exists, else 0. */
int ws_ref_community(ws_ref *r, const char *code);

/*
 * The one rule of "active on a date", for a worker's active_from and
 * active_to (NULL or "" for open-ended; both days included): 0 when date
 * is in the period, -1 when it is before from, 1 when it is after to.
 */
int ws_active_on(const char *from, const char *to, const char *date);

/*
 * Whether worker code exists and, when date is not NULL, is active on
 * date: NULL when so, else a message ("unknown worker 'W9' (expected ...)"
 * or "worker 'W1' is not active on D (active from F | left on T)") held
 * in r until its next message.
 */
const char *ws_ref_worker_on(ws_ref *r, const char *code, const char *date);

/*
 * The contract a contact (a visit, an activity) on date counts toward:
 * the given contract (NULL or "" for none), which must exist and, when
 * date is not NULL, cover date; else the post contract of worker (NULL
 * for none) when it covers date; else none.  Sets *contract (NULL for
 * none; given itself, or a string in r's worker cache: copy it) and
 * returns NULL, or returns a message held in r ("unknown contract ..."
 * or "C1 runs S to E, not on D") with *contract NULL.
 */
const char *ws_ref_contract_for(ws_ref *r, const char *given,
    const char *worker, const char *date, const char **contract);

/* ------------------------------------------------------------- yaml.c */

/* YAML read into trees with positions: whole config files, or the items of
 * a record stream; one builder underneath. */
enum ws_ytype { WS_Y_SCALAR, WS_Y_SEQ, WS_Y_MAP };

typedef struct ws_ynode ws_ynode;
struct ws_ynode {
	enum ws_ytype type;	/* scalar, sequence or mapping */
	char *val;		/* scalar text (NUL-terminated); NULL otherwise */
	int plain;		/* scalar was unquoted (so "~"/"null" is null) */
	size_t n;		/* sequence items, or mapping pairs */
	ws_ynode **items;	/* sequence items */
	char **keys;		/* mapping keys (scalars only) */
	ws_ynode **vals;	/* mapping values, parallel to keys */
	long line, col;		/* 1-based position of the node's start */
	long *klines, *kcols;	/* mapping: 1-based position of each key */
};

/*
 * Read one YAML document from fp through libyaml's event API.  Refused
 * with a message "name:line:col: problem" in *err (allocated): aliases and
 * anchors, non-scalar keys, duplicate keys, nesting deeper than 64, a
 * mapping of more than 1000 keys, a scalar over 1 MiB, tags, more than
 * one document, and input that is not UTF-8.  An empty file gives an
 * empty mapping.  Free with ws_yaml_free.
 */
ws_ynode *ws_yaml_load(FILE *fp, const char *name, char **err);
void ws_yaml_free(ws_ynode *n);

/*
 * A document that is one top-level sequence, read an item at a time
 * (record streams): memory holds one item's tree, not the document.
 * Bytes come from rd, libyaml's read handler (fill buf with at most size
 * bytes, set *got, 0 at the end; return 0 on failure, 1 otherwise).
 * An empty document (nothing, or a null) has no items.  The first problem
 * ends the reading and is kept as a fault (kind, position, names), which
 * the caller words: the record stream has its own messages.
 */
enum ws_yfkind {
	WS_YF_NONE,
	WS_YF_SYNTAX,	/* arg: libyaml's problem, arg2: its context */
	WS_YF_INPUT,	/* bad bytes, or rd failed (the caller knows
			 * why); arg: libyaml's problem */
	WS_YF_ALIAS,	/* arg: the alias */
	WS_YF_ANCHOR,	/* arg: the anchor */
	WS_YF_TAG,	/* arg: the tag */
	WS_YF_NUL,	/* a scalar holds a NUL */
	WS_YF_LONG,	/* a scalar over maxscalar */
	WS_YF_DEEP,	/* nesting over maxdepth; arg: the key it is under */
	WS_YF_KEY,	/* a mapping or sequence as a key */
	WS_YF_MANYKEYS,	/* a mapping of more than maxkeys keys */
	WS_YF_DUPKEY,	/* arg: the key given twice */
	WS_YF_DOCS,	/* a second document */
	WS_YF_NOTSEQ,	/* the document is not a sequence */
	WS_YF_ITEM,	/* an item not of item_type */
};

struct ws_yfault {
	enum ws_yfkind kind;
	long line, col;		/* 1-based, where libyaml puts it */
	char *arg, *arg2;	/* see the kinds, or NULL */
};

/* What an item may hold. */
struct ws_ylimits {
	int maxdepth;		/* collections open at once in an item,
				 * the item's own included (1-64; 0: 64) */
	size_t maxkeys;		/* keys of one mapping; 0: any number */
	size_t maxscalar;	/* bytes of one scalar; 0: any length */
	int dupkeys;		/* refuse a key given twice in a mapping */
	int item_type;		/* enum ws_ytype each item must be; -1 any */
};

typedef int ws_yread(void *arg, unsigned char *buf, size_t size,
    size_t *got);
typedef struct ws_yitems ws_yitems;

ws_yitems *ws_yitems_open(ws_yread *rd, void *arg,
    const struct ws_ylimits *lim);
/* Returns 1 with the next item in *item (the caller frees it with
 * ws_yaml_free), 0 after the last, -1 on a problem (ws_yitems_fault);
 * after 0 or -1 every call returns the same. */
int ws_yitems_next(ws_yitems *r, ws_ynode **item);
/* The problem that ended the reading (kind WS_YF_NONE when none). */
const struct ws_yfault *ws_yitems_fault(const ws_yitems *r);
void ws_yitems_free(ws_yitems *r);

/* The value under key in a mapping, or NULL. */
ws_ynode *ws_ymap_get(const ws_ynode *map, const char *key);
/* Non-zero when the node is a null scalar (plain "", "~", "null"). */
int ws_ynull(const ws_ynode *n);

/*
 * Typed getters over a tree, for config files (the policy, the
 * directory).  Every problem goes through one path, ws_yproblem, as
 * "file:line:col: key: problem": with warn set it is printed at once
 * (ws_warn) so a loader can report every problem of a file; otherwise the
 * first one is kept in msg (allocated, the caller frees it; later ones are
 * dropped).  Either way nerr counts them.  Each getter takes the node (not
 * NULL) and the key to name, returns 0, or -1 after reporting; its output
 * is untouched on error.
 */
typedef struct ws_ycheck {
	const char *file;	/* name in messages */
	int warn;		/* print each problem (else keep the first) */
	long nerr;		/* problems reported */
	char *msg;		/* !warn: the first problem, allocated */
} ws_ycheck;

/* Report a problem at line:col about key; returns -1. */
int ws_yproblem(ws_ycheck *c, long line, long col, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "a mapping", "a list" or "a single value", for messages. */
const char *ws_ytypename(const ws_ynode *n);
/* n must be of type t: "wrong type: a list (expected a mapping)". */
int ws_ywant(ws_ycheck *c, const ws_ynode *n, enum ws_ytype t,
    const char *key);
/* Every key of map must be in allowed (NULL-terminated); the key named
 * is path.key (just key for path "").  With warn every unknown key is
 * reported, else the first. */
int ws_ykeys(ws_ycheck *c, const ws_ynode *map, const char *path,
    const char *const *allowed);
/* Report "'value': bad" when bad (a validator's message) is not NULL. */
int ws_yverdict(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char *bad);
/* A scalar's text (pointing into the tree), or NULL after reporting. */
const char *ws_yget_str(ws_ycheck *c, const ws_ynode *n, const char *key);
/* A code (ws_check_code); *out points into the tree. */
int ws_yget_code(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char **out);
/* A date YYYY-MM-DD (ws_check_date). */
int ws_yget_date(ws_ycheck *c, const ws_ynode *n, const char *key,
    char out[11]);
/* Yuan with at most two decimals, not negative, to fen. */
int ws_yget_money(ws_ycheck *c, const ws_ynode *n, const char *key,
    int64_t *fen);
/* A whole number in [lo, hi]. */
int ws_yget_int(ws_ycheck *c, const ws_ynode *n, const char *key,
    int64_t lo, int64_t hi, int64_t *v);
/* Hours with up to two decimals to minutes, within [lo, hi] minutes. */
int ws_yget_hours(ws_ycheck *c, const ws_ynode *n, const char *key,
    int64_t lo, int64_t hi, int64_t *min);
/* A percentage 0-100 with up to two decimals, stored x100. */
int ws_yget_pct(ws_ycheck *c, const ws_ynode *n, const char *key,
    int64_t *v);
/* A word of the vocabulary words (what it is names it in messages);
 * *idx is its index. */
int ws_yget_word(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char *const *words, const char *what, int *idx);
/* true or false (ws_parse_bool, YAML words). */
int ws_yget_bool(ws_ycheck *c, const ws_ynode *n, const char *key, int *v);
/* A list of non-empty text values (null: the empty list), each from words
 * unless words is NULL, into an allocated NULL-terminated array that
 * replaces *out (the old one is freed with ws_ywords_free). */
int ws_yget_words(ws_ycheck *c, const ws_ynode *n, const char *key,
    const char *const *words, const char *what, char ***out);
/* Free a NULL-terminated array of allocated strings (NULL is fine). */
void ws_ywords_free(char **w);

/* ------------------------------------------------------------ policy.c */

/* A visit-frequency rule: first match on category and risk wins. */
struct ws_visit_rule {
	char *category;		/* category to match, NULL = any */
	int risk;		/* index into ws_risks, -1 = any */
	int every_days;		/* contact due this many days after the last */
};

/* The intern subsidy rule (see examples/policy-foshan-nanhai-2018.yaml). */
struct ws_subsidy {
	char *name;		/* e.g. "Foshan Nanhai 2018"; NULL = none */
	char *source;		/* citation of the policy document */
	int full_time;		/* full-time students only */
	/* The three lists are NULL-terminated and never NULL; empty = any. */
	char **majors;		/* accepted majors (NULL-terminated) */
	char **hukou_cities;	/* accepted household registration cities */
	char **host_kinds;	/* accepted host org kinds */
	int64_t min_months;	/* threshold: at least this many months ... */
	int64_t min_minutes;	/* ... or this many certified minutes */
	int64_t month_min_minutes; /* a calendar month counts with this many */
	int64_t per_month_fen;	/* subsidy per counted month */
	int64_t cap_fen;	/* at most this per person */
	char from[11];		/* hours count from this date */
	char claims_close[11];	/* claims close after this date */
};

/* issue 17: a target over time, and the workforce section
 * (workforce-report(1)). */
struct ws_milestone {
	char date[11];		/* YYYY-MM-DD */
	int64_t target;		/* to reach by that date */
};
struct ws_milestones {
	struct ws_milestone *m;	/* dates strictly increasing */
	size_t n;		/* 0: no target */
};
struct ws_wf_policy {
	char *name;		/* e.g. the plan's name; NULL = none */
	char *source;		/* citation of the policy document */
	char **counted;		/* qualifications that count (NULL-
				 * terminated; default the qualified ones) */
	struct ws_milestones youth_workers;	/* youth-affairs workers */
	struct ws_milestones training_bases;
	struct ws_milestones demonstration_units;
};
/* Social organisations' annual reports and growth (issue 15): the
 * annual_reports and org_growth sections; see
 * examples/policy-guangzhou-2019.yaml and policy-chengdu-2019.yaml. */
struct ws_annual_policy {
	char *name, *source;	/* the rules' name and citation, or NULL */
	int64_t due_month;	/* the report for Y is due by this month ... */
	int64_t due_day;	/* ... and day of Y+1 (default 3, 31) */
	int64_t review_days;	/* the office reviews within (10 working days) */
	int64_t resubmit_days;	/* a returned report comes back within (10) */
	char **kinds;		/* kinds that report; empty or NULL: the
				 * registered kinds of the vocabulary */
	char *growth_name, *growth_source;	/* org_growth's, or NULL */
	int64_t growth_pct;	/* growth target a year, x100 (600) */
	int64_t brands;		/* brand organisations named a year (10) */
};

struct ws_policy {
	char *file;		/* where it came from, or "built-in" */
	char **categories;	/* case categories: built-ins + extensions
				 * (NULL-terminated) */
	struct ws_visit_rule *rules;	/* visit frequency rules */
	size_t nrules;
	int64_t behind_pct;	/* grant-report: behind under this (x100) */
	int64_t so_share_new_min;	/* social orgs' share of new spending, x100 */
	int64_t so_share_all_min;	/* ... of all purchase spending, x100 */
	int64_t intern_daily_max_minutes;	/* default 720 */
	int64_t practicum_target_minutes;	/* default 48000 (800 h) */
	int certify_host;	/* any worker of the host may certify */
	struct ws_subsidy subsidy;
	struct ws_annual_policy annual;	/* annual_reports, org_growth */
	/* volunteers (issue 16) */
	int64_t vol_daily_max_minutes;	/* default 720 (12 h) */
	int64_t vol_star_minutes[5];	/* one to five stars at these
					   cumulative minutes (0: none) */
	char *vol_stars_source;		/* citation of the star rating */
	struct ws_wf_policy workforce;	/* issue 17 */
};

/*
 * Load the policy from opt (--policy), else $WUSHE_POLICY, else
 * $XDG_CONFIG_HOME/wushe/policy.yaml (or ~/.config/...) when it exists,
 * else the built-in defaults.  Free with ws_policy_free.  On error
 * returns NULL with *e set (no field): unknown keys and wrong types 65
 * with "file:line:col: key: problem", a named file that is missing or a
 * folder 66.
 */
struct ws_policy *ws_policy_load(const char *opt, ws_err *e);
void ws_policy_free(struct ws_policy *p);
/* The built-in defaults (those of examples/policy.yaml). */
struct ws_policy *ws_policy_default(void);
/* Parse a policy from fp (name is used in messages); returns NULL and an
 * allocated "name:line:col: key: problem" in *err instead of dying. */
struct ws_policy *ws_policy_parse(FILE *fp, const char *name, char **err);
/* Non-zero when cat is in the policy's category vocabulary. */
int ws_policy_has_category(const struct ws_policy *p, const char *cat);

/* ------------------------------------------------------------- cases.c */

/* The fields of a case as case-add reads them, in stream column order. */
enum ws_case_field {
	WS_CF_NAME, WS_CF_ID_NUMBER, WS_CF_SEX, WS_CF_BIRTH_DATE, WS_CF_PHONE,
	WS_CF_COMMUNITY, WS_CF_ADDRESS, WS_CF_CATEGORIES, WS_CF_RISK,
	WS_CF_WORKER, WS_CF_OPENED, WS_CF_NEED, WS_CF_SOURCE,
	WS_CF_N
};

/* Their column names ("name", "id_number", ... "source"), indexed by
 * enum ws_case_field, NULL-terminated. */
extern const char *const ws_case_fields[];

/* A case-writing session on a database: prepared statements, reused for
 * every record.  Free with ws_cases_free before closing the database. */
typedef struct ws_cases ws_cases;

/* ws_cases_new flags */
enum {
	WS_CASES_STRICT    = 1,	/* a possible duplicate person is an error */
	WS_CASES_ALLOW_DUP = 2,	/* allow a second open case, same category */
	WS_CASES_DRY_RUN   = 4,	/* ws_case_each leaves its transaction open */
};

/* pol gives the category vocabulary (case-add); it may be NULL for
 * closing and assigning.  pol is borrowed and must outlive the session. */
ws_cases *ws_cases_new(sqlite3 *db, const struct ws_policy *pol, int flags);
void ws_cases_free(ws_cases *cs);

/* How ws_case_add reports: field is a column name of ws_case_fields, msg
 * says what is wrong (what was expected); both valid during the call. */
typedef void ws_case_report(void *arg, const char *field, const char *msg);

/*
 * Check one case (v[WS_CF_...] as given, NULL or "" = not given;
 * categories comma-separated) and, when it is good, write it: the person,
 * matched by ID number, is reused or created, then the case and its
 * categories.  Every problem is passed to err; nothing is written for a
 * record with problems and 0 is returned.  A possible duplicate person
 * (same name, birth date and community, one side without ID number) is
 * passed to warn (field NULL) and the case is still written, unless
 * WS_CASES_STRICT makes it an error.  Returns the new case id.  The caller
 * holds the transaction (ws_begin): records written earlier in it count
 * as known people and open cases.  Database errors die as ws_step.
 */
int64_t ws_case_add(ws_cases *cs, const char *const *v, ws_case_report *err,
    ws_case_report *warn, void *arg);

/*
 * Close case id on date (a valid date, not checked here against today)
 * with reason (one of ws_close_reasons) and outcome (may be NULL).
 * Returns NULL when done, else a message (unknown case, already closed,
 * date before the case opened), valid until the next call on cs.
 */
const char *ws_case_close(ws_cases *cs, int64_t id, const char *date,
    const char *reason, const char *outcome);

/* Give case id to worker (checked with ws_case_check_worker first).
 * Returns NULL when done, else a message as ws_case_close. */
const char *ws_case_assign(ws_cases *cs, int64_t id, const char *worker);

/* NULL when community code exists, else a message naming it, valid until
 * the next call of either function. */
const char *ws_case_check_community(sqlite3 *db, const char *code);
/* NULL when worker code exists and is active on date (active_from <= date
 * <= active_to where set; date NULL: any), else a message as above. */
const char *ws_case_check_worker(sqlite3 *db, const char *code,
    const char *date);

/* Filters of ws_case_list; NULL (or 0) means no filter. */
struct ws_case_filter {
	const char *community;	/* community code */
	const char *category;	/* has this category */
	const char *risk;	/* low, medium, high */
	const char *worker;	/* worker code */
	const char *status;	/* "open" or "closed"; NULL: both */
	const char *since;	/* opened on or after this date */
	const char *until;	/* opened on or before this date */
	const char *need;	/* text contained in the need */
	const int64_t *ids;	/* only these case ids ... */
	size_t nids;		/* ... when nids > 0 */
	int reveal;		/* ID and phone numbers unmasked */
	int redact;		/* for outside parties: name "case ID", no
				   ID number, phone or need, birth year
				   only (see case-list(1)) */
};

/*
 * Prepared query of cases, ordered by case_id, with the stable columns
 * case_id name id_number sex birth_date phone community categories risk
 * worker opened status closed need (categories comma-separated, sorted).
 * Step it, or give it to ws_out_run; finalize it when done.
 */
sqlite3_stmt *ws_case_list(sqlite3 *db, const struct ws_case_filter *f);

/* Cases first..last (ids) as case-add prints them: case_id name id_number
 * community categories risk worker opened. */
sqlite3_stmt *ws_case_added(sqlite3 *db, int64_t first, int64_t last,
    int reveal);

/* Possible duplicate people: person_a person_b name birth_date community. */
sqlite3_stmt *ws_case_duplicates(sqlite3 *db);

/* The history of case id: at os_user command field old new, oldest first. */
sqlite3_stmt *ws_case_history(sqlite3 *db, int64_t id);

/* Non-zero when case id exists. */
int ws_case_exists(sqlite3 *db, int64_t id);

/* The columns a record names a case by: case_id, id (NULL-terminated). */
extern const char *const ws_case_id_cols[];
/* The case id of a record read with the columns ws_case_id_cols (v[0]
 * case_id, else v[1] id; see ws_in_bare for bare ids).  NULL when *id is
 * set, else a static message. */
const char *ws_case_id_of(const char *const *v, int64_t *id);

/* One change to case id (ws_case_close, ws_case_assign): NULL when done,
 * else a message. */
typedef const char *ws_case_fn(ws_cases *cs, int64_t id, void *arg);

/*
 * Apply fn to the cases named in argv (argc > 0), else to those read from
 * standard input (infmt; a case_id or id column, or bare ids as
 * ws_in_bare) through the batch loop (batch.c; no progress line when
 * quiet), in one transaction begun with the first case.  Every bad id and
 * refusal is warned ("ID: not a case id ...", "case N: why",
 * "<stdin>:LINE: ..."); then the batch is rolled back and 65 returned
 * with *e "N of M cases refused; nothing <done>".  No input (no cases
 * piped in) is not an error: a note "<stdin>: no cases in the input;
 * nothing <done>" on stderr, *nids 0 and 0 returned.  Else commits (with
 * WS_CASES_DRY_RUN: leaves the transaction open, for the caller to show
 * the cases and roll back), sets *ids (allocated; the caller frees it)
 * and *nids to the ids changed, and returns 0.
 */
int ws_case_each(ws_cases *cs, int argc, char **argv, enum ws_fmt infmt,
    int quiet, ws_case_fn *fn, void *arg, const char *done, int64_t **ids,
    size_t *nids, ws_err *e);
/* After ws_case_each: print the cases changed (ids[0..nids), nothing
 * when there are none) with case-list's columns on stdout, and with dry
 * roll back the transaction ws_case_each left open. */
void ws_case_show_done(sqlite3 *db, int64_t *ids, size_t nids,
    enum ws_fmt fmt, int oflags, int dry);

/* ------------------------------------------------------------ intern.c */

/* Minutes as decimal hours with two decimals ("7.50", "-0.25"), from
 * integers only: minutes / 60, and the rest (minutes % 60) * 100 / 60
 * rounded to the nearest hundredth, halves up (20 min is "0.33", 40 min
 * "0.67", 1 min "0.02"). */
void ws_hours_str(int64_t minutes, char out[32]);

/* The keys of an intern record (the directory's `interns`), NULL-
 * terminated: code name id_number school major full_time hukou_city org
 * supervisor academic_supervisor start end. */
extern const char *const ws_intern_keys[];

/* An intern with the names of its host and supervisor.  Every string is
 * allocated (NULL when not set); free with ws_intern_free. */
struct ws_intern {
	char *code, *name, *id_number, *school, *major, *hukou_city;
	int full_time;		/* 1 full-time student, 0 not */
	char *org;		/* host organisation code */
	char *org_name, *org_kind;
	char *supervisor;	/* worker code */
	char *supervisor_name;
	char *academic_supervisor;
	char *start, *end;	/* internship dates; end NULL when open */
};

/* The intern with this code, or NULL when there is none. */
struct ws_intern *ws_intern_get(sqlite3 *db, const char *code);
void ws_intern_free(struct ws_intern *in);
/* Codes of all interns, sorted, NULL-terminated; free each and the array. */
char **ws_intern_codes(sqlite3 *db);

/*
 * The functions below that write run inside the caller's transaction.
 * Each checks everything first and returns NULL after writing, or an
 * allocated message "field: problem (expected ...)" having written
 * nothing.
 */

/* Add an intern; vals[] parallels ws_intern_keys (NULL or "" = not
 * given).  Required: code, name, org, start.  full_time is yes/no/true/
 * false/1/0 (default yes). */
char *ws_intern_add(sqlite3 *db, const char *const vals[]);

/*
 * The rule that ties an intern to the directory, in one place for
 * wushe-db load and intern-hours --add: the supervisor (NULL or "" for
 * none) works at the host organisation org.  sup_org is the organisation
 * the supervisor works at (the caller looks it up, in its files or the
 * database; NULL when the supervisor is unknown, which the caller reports
 * as an unknown reference).  Returns NULL when the rule holds, else an
 * allocated message about the field "supervisor" (without the field name):
 * "W3 works at A2, not at the host A1 (expected a worker of the host)".
 */
char *ws_intern_check(const char *org, const char *supervisor,
    const char *sup_org);

/* One day's entry of hours as text, from options or a stream columns;
 * NULL = not given.  Give a range (from, to, optional brk minutes) or hours
 * or minutes; a range may come with hours/minutes only when they agree. */
struct ws_hours_rec {
	const char *intern, *date, *from, *to, *brk, *hours, *minutes, *task;
	struct ws_batch *batch;	/* the batch it is read in (clashes name its
				 * lines, issue 13), or NULL */
};

/* Log hours.  A range whose end is earlier than its start crosses
 * midnight and is stored as two entries (the second on the next day;
 * the break is taken from the first part, any rest from the second).
 * Refused: unknown intern, bad date or time, a date outside the
 * internship, in the future, or already certified; a range overlapping
 * another of the same intern; a day over p->intern_daily_max_minutes.
 * The new entry ids go to ids[0..*nids). */
char *ws_intern_log(sqlite3 *db, const struct ws_policy *p,
    const struct ws_hours_rec *r, int64_t ids[2], int *nids);

/* Amend entry id (issue 12; not certified, not split by midnight) to
 * r (every field: the old values where not changed), checked as
 * ws_intern_log checks a new entry (the entry itself is not counted in
 * the day's total or overlaps); the new minutes go to *minutes.  NULL,
 * or the message "field: problem" (the caller frees it). */
char *ws_intern_amend(sqlite3 *db, const struct ws_policy *p, int64_t id,
    const struct ws_hours_rec *r, int64_t *minutes);

/* Add an adjustment entry: signed minutes ("-90", "+30", "45"), not 0,
 * with a reason; the day's net total stays within 0 and the daily max. */
char *ws_intern_adjust(sqlite3 *db, const struct ws_policy *p,
    const char *intern, const char *date, const char *minutes,
    const char *reason, const char *task, int64_t *id);

/* Certify every uncertified entry of intern dated up to through, by the
 * worker by (the intern's supervisor, or with p->certify_host any active
 * worker of the host).  Sets the new certification's id, the number of
 * entries and their net minutes. */
char *ws_intern_certify(sqlite3 *db, const struct ws_policy *p,
    const char *intern, const char *through, const char *by,
    int64_t *cert_id, int64_t *entries, int64_t *minutes);

/* Write entries as records: entry_id intern date from to break minutes
 * hours kind task reason certification. */
void ws_intern_print_entries(sqlite3 *db, ws_out *o, const int64_t *ids,
    size_t n);
/* Write interns as records, keys as ws_intern_keys, id_number masked
 * unless reveal. */
void ws_intern_print(sqlite3 *db, ws_out *o, char *const *codes, size_t n,
    int reveal);
/* Write an intern's history: entries and certifications in the order
 * they were made.  Columns: at event id date from to break minutes hours
 * text certification by os_user.  Returns the number of records. */
long ws_intern_history(sqlite3 *db, ws_out *o, const char *intern);

/* The latest certification of intern: sets through, *by and *by_name
 * (allocated) and returns 1; returns 0 when there is none. */
int ws_intern_last_cert(sqlite3 *db, const char *intern, char through[11],
    char **by, char **by_name);

/* One day of an intern's logged hours (net, adjustments included). */
struct ws_intern_day {
	char date[11];
	int64_t certified;	/* minutes certified */
	int64_t uncertified;	/* minutes not yet certified */
	int64_t adjustments;	/* number of adjustment entries */
};
/* An intern's days with hours, dated up to through (NULL: all), in date
 * order; *n is their number.  Free the array. */
struct ws_intern_day *ws_intern_days(sqlite3 *db, const char *intern,
    const char *through, size_t *n);

/* ------------------------------------------------------------- claim.c */

/* An intern's subsidy claim under p->subsidy as of a date. */
struct ws_claim {
	int64_t certified;	/* certified minutes up to as_of */
	int64_t uncertified;	/* uncertified minutes up to as_of */
	int64_t counted;	/* certified minutes inside the claim window */
	int64_t months;		/* calendar months counted */
	char *month_list;	/* "2018-03,2018-04" (allocated, maybe "") */
	char *cond[5];		/* full_time major hukou_city host_kind
				   threshold: "pass: why" / "fail: why" */
	int eligible;		/* every condition passed */
	int64_t subsidy_fen;	/* months x per month, capped; 0 if not */
	char *warnings;		/* "; "-joined, allocated, maybe "" */
};
#define WS_CLAIM_NCOND 5
extern const char *const ws_claim_conds[];	/* the cond[] names */

/* Work out the claim of intern in as of as_of (counting certified hours
 * dated from p->subsidy.from, and from since when it is not NULL (a
 * period, issue 13), through the earlier of as_of and claims_close).
 * Free with ws_claim_clear. */
void ws_intern_claim(sqlite3 *db, const struct ws_policy *p,
    const struct ws_intern *in, const char *since, const char *as_of,
    struct ws_claim *c);
void ws_claim_clear(struct ws_claim *c);

/* --------------------------------------------------------- intern-doc.c */

/* Write the subsidy report of the interns codes (NULL-terminated, each an
 * existing intern: an unknown one is a bug) as of as_of (a valid date):
 * intern name org as_of policy certified_hours uncertified_hours
 * counted_hours months_counted months full_time major hukou_city
 * host_kind threshold eligible subsidy_yuan warnings. */
void ws_intern_report(sqlite3 *db, const struct ws_policy *pol, ws_out *out,
    char *const *codes, const char *since, const char *as_of);
/* Write an intern's weekly grid, from the week of the internship's start
 * (or first entry) to today's (or the end, or the last entry): week
 * monday mon..sun total uncertified running target_pct (the running total
 * against p->practicum_target_minutes). */
void ws_intern_grid(sqlite3 *db, const struct ws_policy *pol, ws_out *out,
    const struct ws_intern *in);
/*
 * The certificate of an intern's certified hours (实习时数证明), a form
 * in the language of ws_lang (its labels are msgids of the catalog); the
 * ID number masked unless reveal (the caller records the reveal).  Free
 * with ws_doc_free.  No certified hours: NULL with *e set (65, field
 * "intern").
 */
ws_doc *ws_intern_certificate(sqlite3 *db, const struct ws_intern *in,
    int reveal, ws_err *e);

/* ------------------------------------------------------------- visit.c */

/* The stable columns of a visit record, as --list prints them and
 * --import reads them (visit_id and community are ignored on input),
 * NULL-terminated: visit_id case_id community worker date start minutes
 * kind status purpose note follow_up contract. */
extern const char *const ws_visit_cols[];

/* One visit as text, from options or a stream (NULL or "" = not given). */
struct ws_visit {
	const char *case_id;	/* required */
	const char *worker;	/* default: the case's worker in charge */
	const char *date;	/* default: today */
	const char *start;	/* "HH:MM" or not given */
	const char *minutes;	/* required, 1..1440 */
	const char *kind;	/* required, one of ws_visit_kinds */
	const char *status;	/* default "done" */
	const char *purpose;
	const char *note;
	const char *follow_up;	/* a date on or after date */
	const char *contract;	/* default: the worker's post contract */
};

/* A visit-writing session: prepared statements and caches of cases,
 * workers and contracts (bounded in size, so memory stays flat however
 * many visits are written).  Good visits are written in batches of 64
 * rows, with ids given in order from max(id) + 1; ws_visits_free writes
 * the last batch.  Create it after ws_begin and free it before ws_commit
 * or ws_rollback. */
typedef struct ws_visits ws_visits;

/* ws_visits_new flags */
enum {
	WS_VISITS_JOINT = 1,	/* the visits of this session are one joint
				   contact: not checked for overlap with
				   each other, only with earlier visits */
};
ws_visits *ws_visits_new(sqlite3 *db, int flags);
void ws_visits_free(ws_visits *vs);
/* issue 13: the batch vs is used in (or NULL): an overlap with a visit
 * this batch wrote names its input line (ws_batch_clash). */
void ws_visits_batch(ws_visits *vs, const struct ws_batch *b);
/* Write the amendment of visit id if it is waiting (ws_visit_amend
 * writes amendments many at a time): call it before reading the visit
 * from the table.  (ws_visits_free writes every one waiting.) */
void ws_visits_sync(ws_visits *vs, int64_t id);

/*
 * Check one visit and, when it is good, insert it and return its id.
 * Every problem is passed to err (field is a column name of
 * ws_visit_cols) and 0 is returned, nothing written.  Refused: an unknown
 * case or worker or contract; a date that is not a date, in the future,
 * before the case opened or after it closed; minutes outside 1..1440; a
 * worker not active on the date; a contract whose period does not hold
 * the date; a follow-up date before the visit; a visit with a start time
 * overlapping another visit of the same worker on the same date (visits
 * without a start time, and cancelled ones, never overlap).  Database
 * errors die as ws_step.
 */
int64_t ws_visit_add(ws_visits *vs, const struct ws_visit *v,
    ws_case_report *err, void *arg);
/* Check v as ws_visit_add does, as the new values of visit id (which
 * overlaps nothing of its own; v->case_id must be its case), and when it
 * is good write the fields in changed (WS_VA_* bits, not 0): 0, else 1
 * after every problem went to err.  The write waits, many amendments of
 * the same fields to one UPDATE, until ws_visits_sync of the visit, an
 * amendment of other fields, ws_visit_add or ws_visits_free; the overlap
 * checks see the waiting ones. */
enum {
	WS_VA_WORKER = 1, WS_VA_DATE = 2, WS_VA_START = 4, WS_VA_MINUTES = 8,
	WS_VA_KIND = 16, WS_VA_STATUS = 32, WS_VA_PURPOSE = 64,
	WS_VA_NOTE = 128, WS_VA_FOLLOW_UP = 256, WS_VA_CONTRACT = 512,
	WS_VA_N = 10		/* the number of bits */
};
int ws_visit_amend(ws_visits *vs, int64_t id, const struct ws_visit *v,
    unsigned changed, ws_case_report *err, void *arg);

/* Filters of ws_visit_list and ws_visit_summary; NULL (0) = no filter.
 * The cmd checks the values (dates, month, words) first. */
struct ws_visit_filter {
	const char *since;	/* date on or after */
	const char *until;	/* date on or before */
	const char *month;	/* "YYYY-MM" */
	const char *worker, *community, *kind, *status, *contract;
	const int64_t *cases;	/* only these case ids ... */
	size_t ncases;		/* ... when ncases > 0 */
	int64_t first, last;	/* visit ids in first..last, when last > 0 */
};

/* Prepared query of visits with the columns ws_visit_cols, ordered by
 * date, start and visit_id (or by visit_id when f->last > 0).  Finalize
 * it when done. */
sqlite3_stmt *ws_visit_list(sqlite3 *db, const struct ws_visit_filter *f);

/* The --summary groupings: worker community kind month (NULL-terminated). */
extern const char *const ws_visit_summaries[];

/*
 * Prepared query of visit totals grouped by ws_visit_summaries[by]:
 * columns <by> visits done cases minutes hours, where visits counts all
 * matching visits and done, cases (distinct), minutes and hours (two
 * decimals, from integer minutes) count the done ones only.
 */
sqlite3_stmt *ws_visit_summary(sqlite3 *db, const struct ws_visit_filter *f,
    int by);

/*
 * Prepared query of the open cases whose next contact is due on or
 * before as_of: columns case_id name community worker last_contact due
 * days_overdue risk categories (comma-separated, sorted, so a station
 * can sort and filter the list), most overdue first, then by case_id.  Only done visits
 * dated on or before as_of are contacts.  The due date is the earlier of
 * (a) the last contact plus every_days of the first rule of p that
 * matches the case (a rule's category matches when the case has it; its
 * risk when equal), or the date the case opened when it was never
 * contacted; and (b) the earliest follow-up date, later than the last
 * contact, set by a visit dated on or after it.  Cases opened after
 * as_of or closed on or before it are left out.  worker and community
 * (may be NULL) filter on the case; the name is masked unless reveal.
 */
sqlite3_stmt *ws_visit_due(sqlite3 *db, const struct ws_policy *p,
    const char *as_of, const char *worker, const char *community,
    int reveal);

/* ---------------------------------------------------------- activity.c */

/* The stable columns of an activity record, NULL-terminated:
 * activity_id kind group title date minutes community org workers
 * participants volunteers volunteer_minutes contract cases note
 * (workers and cases comma-separated; activity_id ignored on input). */
extern const char *const ws_activity_cols[];

/* One activity as text (NULL or "" = not given). */
struct ws_activity {
	const char *kind;	/* default: group_session with a group, else
				   community */
	const char *group;	/* grp code; required for group_session */
	const char *title;
	const char *date;	/* default: today */
	const char *minutes;	/* required, 1..1440 */
	const char *community;	/* default: the group's community */
	const char *org;	/* default: the group's organisation */
	const char *workers;	/* worker codes, comma-separated */
	const char *participants;	/* default: the attending cases */
	const char *volunteers;
	const char *volunteer_minutes;
	const char *contract;	/* default: first worker's post contract */
	const char *cases;	/* attending case ids, comma-separated */
	const char *note;
};

/*
 * Check one activity and, when good, insert it with its workers and
 * attending cases, returning its id; else pass every problem to err and
 * return 0, writing nothing.  Refused: unknown group, community, org,
 * worker, contract or case; a bad or future date; minutes outside
 * 1..1440; a worker not active or a case not open on the date; a
 * contract whose period does not hold the date; fewer participants than
 * attending cases.  Runs inside the caller's transaction.
 */
int64_t ws_activity_add(sqlite3 *db, const struct ws_activity *a,
    ws_case_report *err, void *arg);
/* The new values a (every field) of activity id, checked as
 * ws_activity_add checks a new one, written with its workers and cases
 * (issue 12): 0, else 1 after every problem went to err. */
int ws_activity_amend(sqlite3 *db, int64_t id, const struct ws_activity *a,
    ws_case_report *err, void *arg);

/* Filters of ws_activity_list and ws_activity_summary; NULL = none. */
struct ws_activity_filter {
	const char *since, *until, *month;
	const char *kind, *group, *community, *org, *worker, *contract;
	int64_t case_id;	/* attended by this case, when > 0 */
	int64_t first, last;	/* activity ids, when last > 0 */
};

/* Prepared query with the columns ws_activity_cols, ordered by date and
 * activity_id (by activity_id when f->last > 0). */
sqlite3_stmt *ws_activity_list(sqlite3 *db,
    const struct ws_activity_filter *f);

/* The --summary groupings: kind group community org worker month. */
extern const char *const ws_activity_summaries[];

/* Prepared query of totals grouped by ws_activity_summaries[by]: columns
 * <by> activities sessions participants volunteers hours volunteer_hours
 * (an activity counts once for each of its workers under "worker"). */
sqlite3_stmt *ws_activity_summary(sqlite3 *db,
    const struct ws_activity_filter *f, int by);

/* Add a group (code, name required; org and community may be NULL).
 * Returns NULL when added, else an allocated message "field: problem".
 * Runs inside the caller's transaction. */
char *ws_group_add(sqlite3 *db, const char *code, const char *name,
    const char *org, const char *community);

/* Prepared query of the groups: group name org community sessions
 * last_session, by code. */
sqlite3_stmt *ws_group_list(sqlite3 *db);

/* ------------------------------------------------------------- batch.c */

/*
 * The one loop of every command that reads records (case-add, visit-log,
 * activity-log, intern-hours, and the cases piped into case-close,
 * case-assign, visit-log and activity-log).  The caller fills a spec; the
 * loop reads the stream record by record, hands each to spec->record as
 * an array of values indexed like spec->cols (an enum of the caller's,
 * as enum ws_case_field), and:
 *  - begins the transaction (ws_begin on spec->db) once the first record
 *    has been read, never before, so a pipe from another wushe command
 *    (case-list | visit-log, case-add | case-close) never deadlocks;
 *  - reports a record's problems as "input:line: field: problem" (the
 *    callback reports through ws_batch_err, a ws_case_report);
 *  - counts refused records and copies them, as read, to spec->rj;
 *  - shows a progress line on stderr when stderr is a terminal, the
 *    batch runs longer than 1.5 s ($WUSHE_PROGRESS_DELAY seconds when
 *    set) and not spec->quiet; it is cleared before every message and at
 *    the end;
 *  - without spec->keep, refuses the whole batch when any record is bad:
 *    rolls back and returns 65.
 */
typedef struct ws_batch ws_batch;

/* One record: v[i] is the value of spec->cols[i] (NULL when not given).
 * Returns 0 when the record is good (and written), else non-zero after
 * reporting why through ws_batch_err. */
typedef int ws_batch_fn(ws_batch *b, const char *const *v, void *arg);
/* Called right after the transaction begins, and before it ends. */
typedef void ws_batch_hook(ws_batch *b, void *arg);

/* ws_batch_spec flags: how the record's keys are checked. */
enum {
	WS_BATCH_HEADER = 1,	/* a tsv/csv header must name only cols and
				   every one of required (else the batch
				   is refused); a json/yaml record with
				   other keys is a bad record */
	WS_BATCH_KEYS   = 2,	/* every record, in any format, with other
				   keys than cols is a bad record */
};

struct ws_batch_spec {
	FILE *fp;			/* the input (not closed) */
	const char *name;		/* its name in messages: "<stdin>" */
	enum ws_fmt fmt;		/* --input, or WS_FMT_AUTO */
	const char *const *cols;	/* the record's columns, NULL-ended */
	int flags;			/* WS_BATCH_HEADER, WS_BATCH_KEYS */
	const char *const *required;	/* WS_BATCH_HEADER: NULL-ended */
	const char *why;		/* why they are required */
	const char *bare;		/* bare ids are this column (ws_in_bare),
					   or NULL */
	const char *empty;		/* "no cases in the input (...)": empty
					   input is refused; NULL: allowed */
	sqlite3 *db;			/* transaction after the first record;
					   NULL: none */
	int keep;			/* keep going past bad records */
	FILE *rj;			/* reject file (ws_batch_reject_open),
					   or NULL */
	const char *rejpath;		/* its name, for messages */
	int dry;			/* ws_batch_commit does not commit */
	int quiet;			/* no progress line */
	int bulk;			/* a bulk intake: a stream's new rows of
					   the bulk tables are audited by one
					   row per table (ws_bulk_begin) */
	ws_batch_fn *record;		/* check and write one record */
	ws_batch_hook *begin, *end;	/* may be NULL */
	void *arg;			/* passed to the callbacks */
};

/* Start a spec for standard input ("<stdin>", format fmt) with the
 * options every record-reading command has; the reject file, when
 * rejpath is not NULL, is opened (ws_batch_reject_open): 0, or 73 with
 * *e set. */
int ws_batch_spec_stdin(struct ws_batch_spec *s, sqlite3 *db,
    enum ws_fmt fmt, const char *rejpath, int keep, int dry, int quiet,
    ws_err *e);
/* A loop over spec (borrowed: it must outlive the loop).  Free with
 * ws_batch_free. */
ws_batch *ws_batch_new(const struct ws_batch_spec *spec);
/*
 * Run the loop to the end of the input.  Returns 0 when the batch may be
 * committed (with spec->keep, some records may have been refused: see
 * ws_batch_nbad); the transaction, if one was begun, is still open.
 * Else returns 65 with *e set, having rolled back: "<stdin>: <empty>"
 * for no records, "N of M records bad; nothing written"; or with e->msg
 * NULL when a tsv/csv header was refused (the message is printed).
 */
int ws_batch_run(ws_batch *b, ws_err *e);
/*
 * Records given with options instead of a stream: ws_batch_one runs the
 * callback on v (begins the transaction with the first; ws_batch_line is
 * 0, so the callback reports by option) and returns its verdict (0 good);
 * ws_batch_end then ends the batch as ws_batch_run does (the end hook,
 * the empty and refused checks, the same return value).
 */
int ws_batch_one(ws_batch *b, const char *const *v);
int ws_batch_end(ws_batch *b, ws_err *e);
/* Hand the open transaction (if any) to the caller: ws_batch_free will
 * not roll it back. */
void ws_batch_detach(ws_batch *b);
/* Flush and sync the reject file, then commit the transaction unless
 * spec->dry or none was begun.  Returns 0, or 74 with *e set when the
 * reject file cannot be written, having rolled back: the rejects are on
 * the disk before the records are committed. */
int ws_batch_commit(ws_batch *b, ws_err *e);
/* Non-zero while the loop's transaction is open. */
int ws_batch_begun(const ws_batch *b);
/* Roll back a transaction still open (a dry run) and free. */
void ws_batch_free(ws_batch *b);
/* ws_batch_free, then close spec->rj (ws_batch_reject_close): sets
 * *nbad to the records refused; returns 0 or 74 with *e set. */
int ws_batch_close(ws_batch *b, long *nbad, ws_err *e);
/* For a callback that writes records with ids: id 0 (refused) returns
 * 1; else *first is set once, *last every time, and 0 returned. */
int ws_batch_id(int64_t id, int64_t *first, int64_t *last);
/* Records read and refused so far. */
long ws_batch_nrec(const ws_batch *b);
long ws_batch_nbad(const ws_batch *b);
/* Line of the current record (0 outside the loop). */
long ws_batch_line(const ws_batch *b);
/* issue 13: the current record wrote row id (of the batch's one table):
 * remembered with its input line, so a later record that clashes with it
 * names the line, not an id never committed.  b NULL, id 0 or a record
 * given by options (line 0): nothing. */
void ws_batch_row(ws_batch *b, int64_t id);
/* The name of row id in a clash message, into out (n bytes), returned:
 * "line 3 of <stdin>" when this batch wrote it, else "<what> <id>" (a
 * stored record: "visit 12").  b may be NULL. */
const char *ws_batch_clash(const ws_batch *b, int64_t id, const char *what,
    char *out, size_t n);
/* Report on the current record: "prog: input:line: " and the message. */
void ws_batch_warnf(ws_batch *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* ws_case_report callbacks, arg the ws_batch: "input:line: field: msg"
 * (field NULL: "input:line: msg"), and "input:line: warning: msg". */
void ws_batch_err(void *b, const char *field, const char *msg);
void ws_batch_warn(void *b, const char *field, const char *msg);
/* When records were refused: "N of M records rejected" and, when path is
 * not NULL, ", written to PATH". */
void ws_batch_rejected(const ws_batch *b, const char *path);
/* Open the reject file path for writing, created mode 0600 (an existing
 * file of ours is made 0600), never through a symbolic link; NULL with *e
 * set: 73 when it cannot be created or is a symbolic link, 64 when it is
 * the database db (or its -wal, -shm or journal) or the input in (same
 * device and inode), nothing truncated.  db and in may be NULL.  Close
 * with ws_batch_reject_close, which returns 0 or 74 with *e set on a
 * write error.  rj NULL is fine. */
FILE *ws_batch_reject_open(const char *path, sqlite3 *db, FILE *in,
    ws_err *e);
int ws_batch_reject_close(FILE *rj, const char *path, ws_err *e);

/* ------------------------------------------------------------ import.c */

/* The columns of ws_visit_cols, as indexes of a batch record. */
enum ws_visit_col {
	WS_VC_VISIT_ID, WS_VC_CASE_ID, WS_VC_COMMUNITY, WS_VC_WORKER,
	WS_VC_DATE, WS_VC_START, WS_VC_MINUTES, WS_VC_KIND, WS_VC_STATUS,
	WS_VC_PURPOSE, WS_VC_NOTE, WS_VC_FOLLOW_UP, WS_VC_CONTRACT, WS_VC_N
};
/* The columns of ws_activity_cols, as indexes of a batch record. */
enum ws_activity_col {
	WS_AC_ACTIVITY_ID, WS_AC_KIND, WS_AC_GROUP, WS_AC_TITLE, WS_AC_DATE,
	WS_AC_MINUTES, WS_AC_COMMUNITY, WS_AC_ORG, WS_AC_WORKERS,
	WS_AC_PARTICIPANTS, WS_AC_VOLUNTEERS, WS_AC_VOLUNTEER_MINUTES,
	WS_AC_CONTRACT, WS_AC_CASES, WS_AC_NOTE, WS_AC_N
};

/* visit-log's writing job: the visit tmpl (fields from options) for each
 * case of cases[] or, when ncases is 0, for each case id read (a joint
 * contact: see WS_VISITS_JOINT); or, when tmpl is NULL, the visits read
 * (import). */
struct ws_visit_batch {
	const struct ws_visit *tmpl;	/* log; NULL: import */
	char *const *cases;		/* log: --case ids ... */
	size_t ncases;			/* ... or 0: read from the stream */
	ws_case_report *opt_err;	/* reports on the cases[] (arg: this
					   struct, case_id the current one) */
	const char *case_id;		/* the current case of cases[] */
	int64_t first, last;		/* out: the visit ids written */
	sqlite3 *db;			/* private */
	ws_visits *vs;			/* private */
};
/* Fill spec's columns, checks and callbacks for the job (the caller has
 * set spec->db and the input, keep, rj, dry and quiet), then run it
 * (ws_batch_run, or the cases[] through ws_batch_one and ws_batch_end;
 * same return values). */
void ws_visit_batch_spec(struct ws_batch_spec *spec, struct ws_visit_batch *vb);
int ws_visit_batch_run(ws_batch *b, struct ws_visit_batch *vb, ws_err *e);
/* Write the visits the job wrote (vb->first..vb->last) as ws_visit_list
 * does. */
void ws_visit_batch_print(const struct ws_visit_batch *vb, ws_out *o);

/* activity-log's writing job: the activity tmpl (from options), or when
 * tmpl is NULL the activities read (--import). */
struct ws_activity_batch {
	const struct ws_activity *tmpl;	/* log; NULL: import */
	ws_case_report *opt_err;	/* reports on tmpl (arg: this struct) */
	int64_t first, last;		/* out: the activity ids written */
	sqlite3 *db;			/* private */
};
/* Fill spec for the job and run it, as ws_visit_batch_spec and
 * ws_visit_batch_run. */
void ws_activity_batch_spec(struct ws_batch_spec *spec,
    struct ws_activity_batch *ab);
int ws_activity_batch_run(ws_batch *b, struct ws_activity_batch *ab,
    ws_err *e);
/* Write the group code as ws_group_list does (its columns, its one row);
 * returns the number of rows. */
long ws_group_print(sqlite3 *db, const char *code, ws_out *o);
/* Write the activities first..last as ws_activity_list does. */
void ws_activity_print_range(sqlite3 *db, int64_t first, int64_t last,
    ws_out *o);

/*
 * Read case ids from fp (a case_id or id column, or bare ids) through the
 * batch loop (no lock taken) into out, comma-separated.  Returns 0, or 65
 * with *e "NAME: N bad case ids; nothing written" after every bad one
 * was reported.
 */
int ws_case_ids_read(FILE *fp, const char *name, enum ws_fmt fmt, int quiet,
    ws_buf *out, ws_err *e);

/* intern-hours reading interns (--add) or hours entries from a stream:
 * interns with the keys ws_intern_keys, entries with the columns of an
 * entry (intern date from to break hours minutes task) and those of
 * intern-hours' own output (entry_id kind reason certification: ignored,
 * but a kind other than "entry" is refused).  Every record is checked for
 * unknown keys (WS_BATCH_KEYS).  Free the results with
 * ws_intern_batch_clear. */
struct ws_intern_batch {
	const struct ws_policy *pol;	/* the daily maximum */
	int add;			/* interns; 0: hours entries */
	const char *intern;		/* entries without an intern column */
	char **codes;			/* out: the interns added ... */
	size_t ncodes;
	int64_t *ids;			/* out: the entries written ... */
	size_t nids, cap;
	sqlite3 *db;			/* private */
};
/* Fill spec for the job, as ws_visit_batch_spec; run with ws_batch_run. */
void ws_intern_batch_spec(struct ws_batch_spec *spec,
    struct ws_intern_batch *ib);
void ws_intern_batch_clear(struct ws_intern_batch *ib);

/* ------------------------------------------------------------ filter.c */

/*
 * Check the list filters as visit-log gives them (since, until and as_of
 * dates, month, kind, status) and parse cases[0..n) into *ids
 * (allocated; the caller frees it), set as f->cases.  Returns 0, or 64
 * with *e: e->field the filter ("since", "as-of", "case", ...), the
 * message "'value': problem (expected ...)".
 */
int ws_visit_filter_check(struct ws_visit_filter *f, const char *as_of,
    char *const *cases, size_t n, int64_t **ids, ws_err *e);
/* The codes of f->community and (when worker) f->worker must exist: 0,
 * or 65 with *e (field "community" or "worker"; the message of
 * ws_case_check_community or ws_case_check_worker). */
int ws_visit_filter_known(sqlite3 *db, const struct ws_visit_filter *f,
    int worker, ws_err *e);
/* The same for activity-log's list (case_id, when not NULL, is parsed
 * into f->case_id). */
int ws_activity_filter_check(struct ws_activity_filter *f,
    const char *case_id, ws_err *e);

/* The period of a listing (issue 13): per holds --month, --quarter or
 * --year (ws_period_opt); *since and *until (checked dates or NULL) and
 * as_of (a checked date or NULL) are added to it and the whole is
 * checked (ws_period_opt_end, open ends).  On success *since and *until
 * point into per (NULL for an open end); else 64 with *e naming the
 * option. */
int ws_filter_period(struct ws_period_opt *per, const char **since,
    const char **until, const char *as_of, ws_err *e);

/* --------------------------------------------------------- directory.c */

/* The kinds of entries in a directory file (wushe-directory(5)), in the
 * order they are written; payments are the contracts' payments. */
enum {
	WS_DIR_COMMUNITIES, WS_DIR_ORGS, WS_DIR_CONTRACTS, WS_DIR_WORKERS,
	WS_DIR_GROUPS, WS_DIR_INTERNS, WS_DIR_PAYMENTS, WS_DIR_VOLUNTEERS,
	WS_DIR_YOUTH_HOMES,	/* issue 17; after payments, so the load
				 * summary's rows keep their places */
	WS_DIR_NKINDS
};

/* What a load did to the entries of one kind. */
struct ws_dir_count {
	const char *kind;	/* "communities", "orgs", ..., "payments",
				   "volunteers" */
	long added;		/* new in the database */
	long changed;		/* updated to match the files */
	long unchanged;		/* already as in the files */
	long missing;		/* in the database, in no file (kept) */
};

/*
 * Load the directory files (YAML; "-" is stdin) into db in one
 * transaction: every entry is inserted or updated by its code, a
 * contract's funding and targets replaced by the file's, its payments
 * matched by (date, amount) and added.  Nothing is ever deleted.  Every
 * problem is printed (ws_warn) as "file:line:col: key: problem" and
 * counted; when there is any, nothing is written.  On success, changed
 * entries and entries of the kinds the files name that are in the
 * database but in no file are printed on stderr.  counts must hold
 * WS_DIR_NKINDS entries.  Returns the number of problems, or -1 with *e
 * set (66) when a file cannot be opened (nothing is read then).
 */
long ws_dir_load(sqlite3 *db, int nfiles, char *const *files,
    struct ws_dir_count *counts, ws_err *e);
/* The same checks and counts as ws_dir_load, but everything it wrote is
 * rolled back (issue 13, wushe-db load --dry-run): the counts and the
 * notes on stderr say what a load would change; nothing is written. */
long ws_dir_load_dry(sqlite3 *db, int nfiles, char *const *files,
    struct ws_dir_count *counts, ws_err *e);

/* -------------------------------------------------------------- maint.c */

/*
 * Check the database: SQLite's integrity and foreign-key checks, then
 * wushe's rules (payments and funding at most a contract's amount, worker
 * dates in order).  report(arg, check, problem) is called for each
 * problem, and once with problem NULL for each check that found none.
 * Returns the number of problems.
 */
long ws_db_check(sqlite3 *db,
    void (*report)(void *arg, const char *check, const char *problem),
    void *arg);

/*
 * Copy db to a new file path with SQLite's online backup (in steps,
 * waiting when the database is busy, so others may keep writing).  The
 * copy is mode 0600, written to a temporary file and moved into place.
 * Returns 0, or an EX_* code with *e set (no field): an existing path
 * unless force, a folder, or a copy that cannot be created 73, one that
 * cannot be closed 74.  Database errors of the copy die (ws_db_die).
 */
int ws_db_backup(sqlite3 *db, const char *path, int force, ws_err *e);

/* ------------------------------------------------------------- grant.c */

/* The site's name, allocated: meta's "site", else the street of the first
 * community, else the database file's name without ".db". */
char *ws_site_name(sqlite3 *db);

/* grant-report's output formats. */
enum ws_grant_fmt {
	WS_GRANT_TEXT = 0,	/* readable tables (a terminal's default) */
	WS_GRANT_MARKDOWN,
	WS_GRANT_CSV,		/* tidy: one row per contract and measure */
	WS_GRANT_TSV,		/* the same, tab-separated */
	WS_GRANT_JSON,		/* JSON Lines, the input of --merge */
	WS_GRANT_HTML,		/* one self-contained printable page */
	WS_GRANT_XLSX,		/* a workbook, one sheet per table */
};

/* Parse a --format word; returns a ws_grant_fmt or -1. */
int ws_grant_fmt_parse(const char *s);

/* What to report on. */
struct ws_grant_opts {
	char since[11], until[11];	/* the period, inclusive */
	const char *contract;	/* filters: a code, or NULL for all */
	const char *provider;	/* provider org code */
	const char *kind;	/* contract kind */
	const char *community;	/* visits, activities and cases only */
	char as_of[11];		/* a period not ended by then is counted and
				 * prorated to this day; "" for its end */
	int64_t behind_pct;	/* behind under this percentage, x100 */
	int64_t so_new_min;	/* social orgs' share minimums, x100 */
	int64_t so_all_min;
};

typedef struct ws_grant ws_grant;

/*
 * Build the report from the database (read only).  Free with
 * ws_grant_free.  An unknown filter code returns NULL with *e set: code
 * 65, field "contract", "provider" or "community" (the filter), message
 * "no contract 'X' in the database".
 */
ws_grant *ws_grant_build(sqlite3 *db, const struct ws_grant_opts *o,
    ws_err *e);

/*
 * Read the json reports of one or more sites from fp (called name in
 * messages) and combine them; the period comes from the input (all
 * reports must share it), the thresholds from o.  Bad input returns NULL
 * with *err set to "NAME:LINE: key: problem" (allocated; free it), and
 * nothing else left allocated.
 */
ws_grant *ws_grant_merge(FILE *fp, const char *name,
    const struct ws_grant_opts *o, char **err);

/* Print the report in fmt on fp. */
void ws_grant_print(const ws_grant *g, enum ws_grant_fmt fmt, FILE *fp);

/* Non-zero when no contract is behind and every ratio meets its minimum. */
int ws_grant_ok(const ws_grant *g);

void ws_grant_free(ws_grant *g);

/* ------------------------------------------------------------- audit.c */

/* The audit table (schema/005-audit.sql, wushe-db(1)): triggers write a
 * row for every insert, update and delete on the audited tables; a
 * --reveal writes one with op "reveal".  Columns: id at os_user command
 * tbl op row_key old new. */

/* Names the audit's tbl column may hold (the audited tables and the
 * subjects of a reveal), sorted, NULL-terminated. */
extern const char *const ws_audit_tables[];
/* insert update delete reveal baseline snapshot (NULL-terminated). */
extern const char *const ws_audit_ops[];

/* Filters of ws_audit_list; NULL = none.  The cmd checks the values. */
struct ws_audit_filter {
	const char *table;	/* tbl */
	const char *since;	/* at on or after this date (UTC) */
	const char *until;	/* at on or before this date (UTC) */
	const char *user;	/* os_user */
	const char *op;		/* one of ws_audit_ops */
	const char *row;	/* row_key */
};

/* Prepared query of audit rows, oldest first, with the columns above;
 * id_number and phone inside a person row's old and new are masked. */
sqlite3_stmt *ws_audit_list(sqlite3 *db, const struct ws_audit_filter *f);

/* Step st to the end and reset it; returns the number of rows (to count
 * what a --reveal will show before showing it). */
long ws_audit_count(sqlite3_stmt *st);

/*
 * Record a --reveal: an audit row with op "reveal", tbl (the command's
 * subject), new = {"args":[argv...],"rows":nrows} and command the
 * program name and argv, each word as ws_cmdline_word records it (ID
 * and phone numbers masked from getopt's parse); with argc 0, command is
 * ws_cmd().  In its own
 * transaction when none is open, else inside the caller's.  Returns 0,
 * or on a read-only database EX_CANTCREAT (73) with *e set (field
 * "--reveal"; the caller must not show the data: a reveal is never shown
 * unaudited), having rolled back its own transaction; other database
 * errors die as ws_step.
 */
int ws_audit_reveal(sqlite3 *db, const char *tbl, int argc,
    char *const *argv, long nrows, ws_err *e);

/* ---- issue 13 */
/* ---------------------------------------------------------------- opt.c */

/* Keys a command gives its options without a letter start here (a key
 * below it is the option's letter, checked against the letter table). */
#define WS_OPT_KEY 256

/* One option of a command.  The short letter is not here: it comes from
 * the one table of letters (ws_opt_letter), the same in every command. */
struct ws_opt {
	const char *name;	/* long name without "--" */
	const char *arg;	/* the argument's name in --help; NULL: a flag */
	const char *help;	/* one line for --help */
	int key;		/* ws_opt_next returns it; 0: the table does it all */
	unsigned group;		/* ORed into ws_opts.given when seen (a mode,
				 * "a record field", "a filter") */
	const char **val;	/* receives the argument, or NULL */
	int *flag;		/* ORed with bit (1 when bit is 0), or NULL */
	int bit;
};

/* A command's parse: fill usage and opt (ending with a NULL name), zero
 * the rest.  An option whose help is NULL gets the toolkit's one
 * description of it (--db, --format, --no-header, --input, --quiet,
 * --bom, --reject, --keep-going, --dry-run, --reveal, --policy). */
struct ws_opts {
	const char *usage;		/* usage lines, "usage: prog ...\n" */
	const struct ws_opt *opt;	/* the command's table */
	/* Option types (issue 13): when set, --format and --input are
	 * parsed here (ws_fmt_option: the stream formats; a bad one prints
	 * the message and the usage and exits 64) into *fmt and *infmt,
	 * and not returned.  NULL: the command parses its own. */
	enum ws_fmt *fmt, *infmt;
	/* And when set, --month, --quarter and --year, and --since,
	 * --until and --as-of when their table entries store no value
	 * (val NULL), go to ws_period_opt; a bad value or a second period
	 * prints "--name: problem" and the usage and exits 64. */
	struct ws_period_opt *period;
	unsigned given;			/* groups of the options seen */
	const char *name;		/* long name of the option returned */
	char *arg;			/* its argument (NULL for a flag) */
	int ind;			/* optind after the last option */
	int n;				/* private */
};

/*
 * The next option of argv (getopt_long underneath, optind as usual):
 * stores the argument in *val, sets *flag, adds the group, and returns
 * the option's key; options with key 0 are taken in silence.  Returns -1
 * after the last option, with p->ind set to optind.  --help prints the usage and every option's
 * description on stdout and exits 0; --version exits 0; an unknown
 * option or a missing argument prints getopt's message and the usage on
 * stderr and exits 64.  A key below WS_OPT_KEY that is not the option's
 * letter is a bug (ws_bug).
 */
int ws_opt_next(struct ws_opts *p, int argc, char **argv);

/* Print the usage, a blank line, and "  -x, --name arg  description" for
 * every option (--help's text) on fp. */
void ws_opt_help(const struct ws_opts *p, FILE *fp);

/* The short letter of a long option name, or 0 when it has none; and the
 * long name of a letter, or NULL.  The table is the one of wushe(7). */
int ws_opt_letter(const char *name);
const char *ws_opt_letter_name(int c);

/* Non-zero when the long option name carries a person's data (an ID or
 * phone number, a name): its value is masked in the recorded command
 * line, in every command alike. */
int ws_opt_secret(const char *name);

/* ---------------------------------------------------------- intern-cmd.c */

/* The modes of intern-hours. */
enum ws_intern_mode {
	WS_IM_LOG, WS_IM_ADD, WS_IM_ADJUST, WS_IM_CERTIFY, WS_IM_HISTORY,
	WS_IM_REPORT, WS_IM_CERTIFICATE, WS_IM_GRID,
	WS_IM_VOID, WS_IM_AMEND		/* issue 12: o->fixid */
};

/* Everything given on intern-hours's command line; the strings point
 * into argv. */
struct ws_intern_cmd {
	enum ws_intern_mode mode;
	const char *db, *policy, *rejpath, *fmtword;
	enum ws_fmt infmt;
	int oflags, keep, reveal, quiet;
	int dry;			/* --dry-run: show, then roll back */
	struct ws_hours_rec rec;	/* --intern --date --from ... --task */
	const char *add[12];		/* parallel to ws_intern_keys */
	const char *reason, *through, *by, *as_of;
	struct ws_period_opt period;	/* --report: --month ... --until */
	const char *fixid;		/* --void, --amend: the entry, or - */
	const char *lang;		/* --lang of the certificate */
	int batch;			/* the records come on standard input */
	int ind;			/* optind after the options */
};

/* Read intern-hours's options (through ws_opt_next: --help, --version
 * and unknown options exit there) and check which options each mode
 * needs.  Returns 0, or EX_USAGE with *e set (e->msg NULL when the
 * problem was already printed, as a bad --input format). */
int ws_intern_cmd_parse(struct ws_intern_cmd *o, const char *usage,
    int argc, char **argv, ws_err *e);

/* ---- issue 15 */
/* ---------------------------------------------------------------- orgs.c */

/* The org.kind words of registered social organisations (vocabulary
 * WS_SO_REG), NULL-terminated, static. */
const char *const *ws_org_reg_kinds(void);
/* Non-zero when an organisation registered on registered (NULL: never)
 * and deregistered on deregistered (NULL: not) is on the register at the
 * end of day. */
int ws_org_on_register(const char *registered, const char *deregistered,
    const char *day);

/* The rules of annual reports and of growth as the commands use them
 * (from struct ws_annual_policy). */
struct ws_annual_rules {
	int due_month, due_day;	/* the report for Y is due by this day of
				 * Y+1 (3, 31) */
	int review_days;	/* the office reviews within (10 working days) */
	int resubmit_days;	/* a returned report comes back within (10) */
	const char *const *kinds;	/* kinds that report (NULL-terminated;
				 * default ws_org_reg_kinds()); the
				 * policy's strings when given */
	int64_t growth_pct;	/* growth target a year, percent x100 (600) */
	int64_t brand_target;	/* brand organisations named a year (10) */
};
/* Fill r from the policy p (r points into p: keep p while r is used). */
void ws_annual_rules(struct ws_annual_rules *r, const struct ws_policy *p);
/* The deadline of the report for year into out. */
void ws_annual_due(const struct ws_annual_rules *r, int year, char out[11]);
/* The one rule of who reports for a year: an SQL expression on the row
 * o of org, NULL when it must report, else 'kind', 'unregistered',
 * 'later' or 'deregistered'; its parameters :kinds, :yend and :due are
 * bound by ws_annual_bind. */
extern const char ws_annual_why_sql[];
void ws_annual_bind(sqlite3_stmt *st, const struct ws_annual_rules *r,
    int year);
/* Prepare fmt, an SQL text whose one %s becomes ws_annual_why_sql, and
 * bind its rule parameters for year (and :year when it has one). */
sqlite3_stmt *ws_annual_query(sqlite3 *db, const struct ws_annual_rules *r,
    int year, const char *fmt);
/* 0 when org must report for year; 1 when not, -1 when there is no such
 * org, with why in why. */
int ws_annual_required(sqlite3 *db, const struct ws_annual_rules *r,
    const char *org, int year, char why[160]);

/* Empty the working-day table and fill it with the shipped calendar
 * (ws_cal_official) and then the site's days from calendar_day. */
void ws_cal_load(sqlite3 *db);
/* ws_cal_add_workdays(day, n); when the deadline falls in a year after
 * ws_cal_last_year(), the earliest such deadline is kept in beyond (""
 * before any), for the caller to warn about. */
long ws_cal_deadline(long day, int n, char beyond[11]);

/* Start a table in d with the header row cols (NULL-terminated msgids,
 * translated), one align letter each. */
void ws_orgs_header(ws_doc *d, const char *align, const char *const *cols);

/* org-report --list: the registered social organisations on the register
 * at the end of asof, with their standing for the year before asof's.
 * Free with ws_doc_free. */
ws_doc *ws_org_list(sqlite3 *db, const struct ws_annual_rules *r,
    const char *asof);

/* --------------------------------------------------------------- annual.c */

/* A filing event of an annual report. */
enum { WS_AR_SUBMIT, WS_AR_RETURN, WS_AR_ACCEPT };
struct ws_annual_event {
	int kind;		/* WS_AR_* (the index in ws_annual_events) */
	const char *org;	/* org code */
	int year;		/* the year reported on */
	const char *date;	/* received, returned, reviewed */
	const char *reason;	/* return: what to correct */
	const char *conclusion;	/* accept: a ws_annual_conclusions word */
};
/*
 * Record ev inside the caller's transaction.  Refused with EX_DATAERR and
 * *e set (field "org", "year", "date", "reason" or "conclusion"), nothing
 * written: an unknown org, one that need not report for the year, a date
 * not after the year's end or after today, a date before the report's
 * last event, and an event out of order (see annual.c).  Returns 0 when
 * recorded.
 */
int ws_annual_record(sqlite3 *db, const struct ws_annual_rules *r,
    const struct ws_annual_event *ev, ws_err *e);

/*
 * annual-report's filing events on the batch loop (batch.c): the one
 * given with options (tmpl not NULL; a refusal is printed as
 * "prog: field: problem") or a stream of records with the columns event
 * (a ws_annual_events word), org, year, date, reason, conclusion (a
 * refusal is "input:line: field: problem").  ws_annual_batch_spec fills
 * the spec's callbacks (spec->db set first); ws_annual_batch_run runs it
 * as ws_batch_run does.
 */
struct ws_annual_batch {
	sqlite3 *db;				/* set by the spec */
	const struct ws_annual_rules *r;
	const struct ws_annual_event *tmpl;	/* from options, or NULL */
};
void ws_annual_batch_spec(struct ws_batch_spec *s,
    struct ws_annual_batch *ab);
int ws_annual_batch_run(ws_batch *b, struct ws_annual_batch *ab, ws_err *e);

/* The listings of annual-report. */
enum { WS_AR_STATUS, WS_AR_DUE, WS_AR_ABNORMAL, WS_AR_REVIEWS };
struct ws_annual_result {
	long rows;		/* rows listed */
	long flagged;		/* overdue rows (past a deadline) */
	char beyond[11];	/* a deadline past the calendar's last year,
				 * or "" */
};
/*
 * The listing what (WS_AR_*) for year (ignored by WS_AR_REVIEWS) as of
 * asof, as a document; *res says how many rows and how many are overdue.
 * The working-day table must be loaded (ws_cal_load).  Free with
 * ws_doc_free.
 */
ws_doc *ws_annual_list(sqlite3 *db, const struct ws_annual_rules *r,
    int what, int year, const char *asof, struct ws_annual_result *res);
/* The standing word of one report (pending, overdue, received, returned,
 * resubmit_overdue, reviewed; static) from the annual_report columns
 * state, first, submitted, returned, reviewed, conclusion at st's columns
 * c to c+5 (all NULL: no report), for year as of asof.  The working-day
 * table must be loaded. */
const char *ws_annual_status(sqlite3_stmt *st, int c,
    const struct ws_annual_rules *r, int year, const char *asof);
/* WS_AR_REVIEWS: reports received and not reviewed as of asof, every
 * year, overdue first. */
ws_doc *ws_annual_reviews(sqlite3 *db, const struct ws_annual_rules *r,
    const char *asof, struct ws_annual_result *res);

/* ---------------------------------------------------------- orgs-growth.c */

/* One row of the growth report: a kind, or the total ("total"). */
struct ws_growth_row {
	const char *kind;	/* static: a registered kind or "total" */
	int64_t start;		/* on the register at the end of year - 1 */
	int64_t registered;	/* registered during the year */
	int64_t deregistered;	/* deregistered during the year */
	int64_t end;		/* on the register at the end of the year */
	int64_t brands;		/* named brand organisations in the year */
};
typedef struct ws_growth ws_growth;
/* org-report --growth: the site's registered social organisations in
 * year against r's growth and brand targets.  Free with ws_growth_free. */
ws_growth *ws_growth_build(sqlite3 *db, const struct ws_annual_rules *r,
    int year);
/* --merge: the json reports of several sites read from fp (called name
 * in messages) added up, against r's targets.  NULL with an allocated
 * "name:line: key: problem" in *err for input that is no such report, a
 * second year or a site given twice. */
ws_growth *ws_growth_merge(FILE *fp, const char *name,
    const struct ws_annual_rules *r, char **err);
/* The rows: every kind, then the total; *n is their number. */
const struct ws_growth_row *ws_growth_rows(const ws_growth *g, size_t *n);
/* Non-zero when the total growth and the brands meet the targets. */
int ws_growth_ok(const ws_growth *g);
/* Print in fmt: json is the records --merge reads back; the other
 * formats are those of ws_doc_print. */
void ws_growth_print(const ws_growth *g, enum ws_fmt fmt, FILE *fp);
void ws_growth_free(ws_growth *g);
/* ---- issue 16 */
/* ---------------------------------------------------------- volunteer.c */

/* The keys of a volunteer (the directory's `volunteers`, volunteer-hours
 * --add), NULL-terminated: code name id_number phone community team
 * skills registered left. */
extern const char *const ws_volunteer_keys[];

/* The rule of a volunteer's team: NULL (none) or the code of an org or a
 * group.  Returns NULL when it holds, else an allocated message without
 * the field name. */
char *ws_volunteer_team_check(sqlite3 *db, const char *team);
/* Add a volunteer; v[] parallels ws_volunteer_keys (NULL or "" = not
 * given).  Required: code, name, registered (a date; left, when given,
 * not before it); id_number and phone checked; community known; team
 * as ws_volunteer_team_check; code new.  Returns NULL after writing,
 * or an allocated "field: problem (expected ...)" having written nothing.
 * Runs inside the caller's transaction. */
char *ws_volunteer_add(sqlite3 *db, const char *const v[]);

/* One service record as text; NULL = not given.  The amount is a range
 * (from, to) or hours or minutes; with an activity, the date, place,
 * content, organiser and (when no amount is given) minutes are the
 * activity's. */
struct ws_service_rec {
	const char *volunteer, *date, *from, *to, *hours, *minutes;
	const char *place, *content, *org, *activity;
};

/* A recorder of service records on db under policy pol (both borrowed),
 * with its statements prepared once.  Free with ws_vol_free. */
typedef struct ws_vol ws_vol;
ws_vol *ws_vol_new(sqlite3 *db, const struct ws_policy *pol);
/* Free v, writing its pending records first (ws_vol_flush). */
void ws_vol_free(ws_vol *v);
/* For a batch that holds the write lock: new records are written 64 at a
 * time, with ids taken from the next free one (ws_vol_record returns
 * it); ws_vol_flush writes the pending ones (before the transaction
 * ends, and before anything reads the records). */
void ws_vol_bulk(ws_vol *v);
void ws_vol_flush(ws_vol *v);

/*
 * The functions below write inside the caller's transaction.  Each
 * checks everything first and returns NULL after writing (the new
 * record's id in *id), or an allocated "field: problem (expected ...)"
 * having written nothing (ws_vol_amend may have voided the old record:
 * the caller rolls back).
 *
 * ws_vol_record refuses: an unknown volunteer, org or activity; a date
 * that is bad, in the future, before the volunteer registered or after
 * they left; an amount missing, doubled or outside 1 minute to 24 hours;
 * a time range overlapping another of the volunteer's that day; a day
 * over p->vol_daily_max_minutes; for an activity, an org that is not its
 * organiser, another date than its date, a volunteer recorded twice.
 */
char *ws_vol_record(ws_vol *v, const struct ws_service_rec *r,
    int64_t *id);
/* Void record id with a reason; refused when it is unknown, voided
 * already, an adjustment, or certified (frozen). */
char *ws_vol_void(ws_vol *v, int64_t id, const char *reason);
/* Amend record id: void it and record r in its place, the fields r does
 * not give taken from it, amends set to id.  Refused as ws_vol_void, and
 * as ws_vol_record for the new record. */
char *ws_vol_amend(ws_vol *v, int64_t id, const struct ws_service_rec *r,
    const char *reason, int64_t *newid);
/* Adjust a certified record id by signed minutes ("-30", "+15"): an
 * adjustment record with the reason.  Refused when id is not certified,
 * the record would count less than 0, or the day breaks the maximum. */
char *ws_vol_adjust(ws_vol *v, int64_t id, const char *minutes,
    const char *reason, int64_t *newid);

/* The one rule of star levels: the number of p->vol_star_minutes
 * thresholds that minutes (cumulative) reaches, 0 to 5. */
int ws_volunteer_stars(const struct ws_policy *p, int64_t minutes);

/* The database of v. */
sqlite3 *ws_vol_db(ws_vol *v);

/* volunteer-hours reading through the batch loop: service records, with
 * the columns volunteer date from to hours minutes place content org
 * activity and those of its own output (ignored; every record checked
 * for other keys), volunteer, org and activity filling a record's
 * missing ones; or, with add, volunteers with the keys
 * ws_volunteer_keys (a header must name code, name and registered). */
struct ws_service_batch {
	ws_vol *vol;			/* the recorder (borrowed) */
	const char *volunteer, *org, *activity;	/* defaults, or NULL */
	int add;			/* volunteers, not records */
	int64_t first, last;		/* out: the record ids (volunteers:
					   rowids) written */
};
/* Fill spec's columns and callbacks; run it with ws_batch_run. */
void ws_service_batch_spec(struct ws_batch_spec *spec,
    struct ws_service_batch *sb);
/* Run the job on spec (from ws_batch_spec_stdin: its db, input, keep,
 * reject file) and commit when it may be, printing "N of M records
 * rejected".  Returns the number of records refused (a batch refused as
 * a whole counts at least 1, its message printed; sb->last is then 0),
 * or -1 with *e set (74) when the reject file cannot be written. */
long ws_service_import(struct ws_batch_spec *spec,
    struct ws_service_batch *sb, ws_err *e);

/* ------------------------------------------------------ volunteer-doc.c */

/* Write the records first..last: record_id volunteer name date from to
 * minutes hours place content org activity kind reason amends voided. */
void ws_service_print(sqlite3 *db, ws_out *o, int64_t first, int64_t last);
/* Write the volunteers of rowids first..last with the keys
 * ws_volunteer_keys, id_number and phone masked unless reveal. */
void ws_volunteer_print(sqlite3 *db, ws_out *o, int64_t first,
    int64_t last, int reveal);
/* Write, per volunteer (volunteer NULL: all, by code), volunteer name
 * hours total_hours stars: the hours of the records not voided dated
 * since..until, the total up to until, the stars of the total
 * (ws_volunteer_stars); only records by org when org is not NULL.
 * Returns the number of volunteers. */
long ws_volunteer_report(sqlite3 *db, const struct ws_policy *pol,
    ws_out *o, const char *since, const char *until, const char *org,
    const char *volunteer);
/* Write the records (not voided) dated since..until in the columns of the
 * national volunteer service information system: name id_number date
 * hours content organiser; id_number masked unless reveal (the caller
 * audits a reveal).  Returns the number of records. */
long ws_volunteer_national(sqlite3 *db, ws_out *o, const char *since,
    const char *until, const char *org, const char *volunteer, int reveal);
/*
 * Issue the service-record certificate (志愿服务记录证明) of volunteer
 * vol by org (NULL: the one organisation that recorded their service):
 * a form in the language of ws_lang listing each record (date, place,
 * content, hours), the total, the issuer, the date of issue and the
 * serial number (*serial, allocated), with the ID number masked unless
 * reveal.  The issue is recorded (volunteer_certificate) and the records
 * it lists frozen, inside the caller's transaction.  Refused (NULL, *e
 * set): an unknown volunteer, one without records, an org that recorded
 * none of them (65), several orgs and no org given (64).
 */
ws_doc *ws_volunteer_certificate(sqlite3 *db, const char *vol,
    const char *org, int reveal, char **serial, ws_err *e);

/* ------------------------------------------------------ volunteer-cmd.c */

/* The modes of volunteer-hours. */
enum ws_volunteer_mode {
	WS_VM_RECORD, WS_VM_ADD, WS_VM_VOID, WS_VM_AMEND, WS_VM_ADJUST,
	WS_VM_REPORT, WS_VM_LIST, WS_VM_CERTIFICATE
};

/* Everything given on volunteer-hours's command line; the strings point
 * into argv. */
struct ws_volunteer_cmd {
	enum ws_volunteer_mode mode;
	const char *db, *policy, *rejpath, *fmtword, *lang, *reason;
	const char *target;		/* --void, --amend, --adjust record */
	enum ws_fmt infmt;
	int oflags, keep, reveal, quiet;
	struct ws_service_rec rec;	/* --volunteer --date ... --activity */
	char since[11], until[11];	/* the period (default: the year to
					   date) */
	int batch;			/* the records come on standard input */
	int ind;			/* optind after the options */
};

/* Read volunteer-hours's options (through ws_opt_next: --help, --version
 * and unknown options exit there) and check which options each mode
 * needs.  Returns 0, or EX_USAGE with *e set (e->msg NULL when the
 * message was printed already). */
int ws_volunteer_cmd_parse(struct ws_volunteer_cmd *o, const char *usage,
    int argc, char **argv, ws_err *e);
/* ---- issue 17 */
/* --------------------------------------------------------- workforce.c */

/*
 * The target of ms on date: a milestone's own target on its date;
 * between two milestones, linear from the earlier to the later (by days,
 * rounded half up); before the first milestone the first's target (the
 * one to reach), after the last the last's.  *prev and *next (may be
 * NULL) are set to the milestones around date (NULL where there is
 * none).  Returns -1 when ms has no milestones.
 */
int64_t ws_wf_target(const struct ws_milestones *ms, const char *date,
    const struct ws_milestone **prev, const struct ws_milestone **next);

/* What a workforce report is about. */
struct ws_wf_opts {
	char as_of[11];			/* the date counted */
	const struct ws_wf_policy *pol;	/* counted qualifications, targets
					 * (borrowed) */
};

typedef struct ws_wf ws_wf;

/*
 * The report from the database (read only): youth-affairs social workers
 * active on the date by county and qualification, youth homes open on
 * it with their youth-affairs workers, league agencies per county,
 * training bases and demonstration units, against the policy's targets.
 * Free with ws_wf_free.
 */
ws_wf *ws_wf_build(sqlite3 *db, const struct ws_wf_opts *o);

/*
 * Read the json reports of several sites from fp (called name in
 * messages) and add them up into one report; the date comes from the
 * input, the targets from o->pol (o->as_of is ignored).  Refused, with
 * NULL returned and *e set (65, no field; "NAME:LINE: key: problem"):
 * reports of different dates, a site given twice, reports counting
 * different qualifications, a youth home twice in a site, a youth home of
 * a site whose report record has not come yet, a record before any report
 * record, records that are not workforce-report json.
 */
ws_wf *ws_wf_merge(FILE *fp, const char *name, const struct ws_wf_opts *o,
    ws_err *e);

/* Print the report in fmt (a WS_FMTS_DOC format; json is the input of
 * ws_wf_merge). */
void ws_wf_print(const ws_wf *w, enum ws_fmt fmt, FILE *fp);

/* The number of youth homes open on the date without a youth-affairs
 * social worker (workforce-report exits 2 when there is any). */
long ws_wf_unstaffed(const ws_wf *w);

void ws_wf_free(ws_wf *w);
/* ---- issue 12 */
/* ------------------------------------------------------------- lock.c */

/* The lock in force (schema/012 period_lock): the latest through date of
 * the locks not lifted, who made it, when and why ("" when none). */
struct ws_lock {
	char through[11];
	char at[20];
	char by[64];
	char reason[256];
};
/* Fill *l with the lock in force: 1 when there is one, else 0 (*l
 * zeroed). */
int ws_lock_current(sqlite3 *db, struct ws_lock *l);
/* NULL when date is after the lock (or there is none), else the refusal,
 * naming the lock and how to lift it, formatted into msg (the caller's;
 * the returned pointer is msg->s). */
const char *ws_lock_refuses(const struct ws_lock *l, const char *date,
    ws_buf *msg);
/* 1 (msg set as ws_lock_refuses) when date is locked, else 0. */
int ws_lock_check(sqlite3 *db, const char *date, ws_buf *msg);
/* Lock every period through the date (in the caller's transaction):
 * 0, or 65 with *e set when a lock in force already covers it. */
int ws_lock_set(sqlite3 *db, const char *through, const char *reason,
    ws_err *e);
/* Lift the lock through the date: 0, or 65 with *e set when no lock in
 * force is through that date. */
int ws_lock_lift(sqlite3 *db, const char *through, const char *reason,
    ws_err *e);
/* Every lock, lifted or not (lock_id through reason at os_user lifted_at
 * lifted_by lift_reason).  The caller finalizes. */
sqlite3_stmt *ws_lock_list(sqlite3 *db);

/* ---------------------------------------------------------- correct.c */

/* A correcting session: writes the correction log (schema/012), one row
 * per field changed, with the reason; remembers the ids it wrote. */
typedef struct ws_fix ws_fix;
ws_fix *ws_fix_new(sqlite3 *db);
void ws_fix_free(ws_fix *f);
/* Log field of record key of tbl changed from old to new (NULL: none),
 * for reason.  Database errors are bugs (ws_bug). */
void ws_fix_log(ws_fix *f, const char *tbl, int64_t key, const char *field,
    const char *old, const char *new, const char *reason);
/* Buffered (issue 12, for speed): the rows logged wait and are written
 * many to one INSERT, at ws_fix_flush or ws_fix_free, so a caller that
 * logs a record's changes only once the record is written (nothing of
 * it is rolled back after) loses nothing.  ws_fix_flush writes them. */
void ws_fix_buffered(ws_fix *f);
void ws_fix_flush(ws_fix *f);
/* The first and last correction ids written (0 when none). */
int64_t ws_fix_first(const ws_fix *f);
int64_t ws_fix_last(const ws_fix *f);
/* The corrections of tbl: those of record key when key is not 0, else
 * those with ids first..last (id field old new reason at os_user).  The
 * caller finalizes. */
sqlite3_stmt *ws_fix_list(sqlite3 *db, const char *tbl, int64_t first,
    int64_t last, int64_t key);

/* A correction given with options went wrong: "prog: --field: msg"
 * (field key is named keyopt, workers --worker, cases and case_id
 * --case; field NULL: "prog: msg"). */
void ws_fix_warn_opt(const char *field, const char *key, const char *keyopt,
    const char *msg);
/* Fill spec for a stream of corrections: the columns cols (a tsv/csv
 * header names only them), bare values as column bare, the empty input's
 * message, the record callback. */
void ws_fix_stream_spec(struct ws_batch_spec *s, const char *const *cols,
    const char *why, const char *bare, const char *empty,
    ws_batch_fn *record);

/* Run a correcting job on the batch loop to its end (run is the job's
 * ws_*_fix_run, job its struct): commit (unless spec->dry), print the
 * corrections of tbl written, ids *first..*last (read after the job ran;
 * a dry run prints what would change, then rolls back), report rejected
 * records.  Returns the exit code: 0, 65 when records were refused, or
 * the loop's error after printing it. */
typedef int ws_fix_job(ws_batch *b, void *job, ws_err *e);
typedef sqlite3_stmt *ws_fix_lister(sqlite3 *db, int64_t first,
    int64_t last);
int ws_fix_run(struct ws_batch_spec *spec, ws_fix_job *run, void *job,
    ws_fix_lister *list, int64_t *first, int64_t *last, enum ws_fmt fmt,
    int oflags);

/*
 * Voiding and amending records, one mechanism for every kind (a visit,
 * an activity, an intern entry): the correction given with options (set,
 * indexed as the kind's columns) or those read (set NULL: a stream of
 * records with id, reason and the fields to change; a field not given
 * or empty stays), through the batch loop (all or nothing, or
 * --keep-going).  A voided record stays as it was, marked void (visit_void,
 * record_void), and counts nowhere.  Refused, for every kind: no id or
 * an unknown one, no reason, a record already void, a record dated in a
 * locked period, an amendment that changes nothing; and what the kind
 * refuses: every check of a new record that the new values fail (a date
 * moved into a locked period is one), and the kind's own rules (a
 * visit's case does not change, a certified intern entry is changed by
 * adjustments only).  Each changed field is a row of the correction log
 * with its old and new values and the reason.
 */
struct ws_fixer;
#define WS_FIX_MAXCOLS	24	/* the most columns of a kind */
struct ws_fix_kind {
	const char *tbl;		/* correction.tbl */
	const char *noun, *plural;	/* "visit", "visits" in messages */
	const char *const *cols;	/* 0 id, 1 its other name, 2 reason,
					   then fields; NULL-ended */
	const signed char *change;	/* the columns amended, -1-ended (at
					   most 32: their bits in mask) */
	int date_col;			/* the record's date (the lock) */
	int minutes_col;		/* compared as minutes, or -1 */
	void (*begin)(struct ws_fixer *fx);	/* fx->ks: the kind's */
	void (*end)(struct ws_fixer *fx);
	/* record id into old[] (allocated, NULL when NULL) and *voided:
	 * 0, or 1 when there is none */
	int (*read)(struct ws_fixer *fx, int64_t id, char **old,
	    int *voided);
	/* "voided at AT by USER: REASON" of record id into fx->lm */
	void (*voided)(struct ws_fixer *fx, int64_t id);
	/* the kind's own refusal (NULL when none): the field, with the
	 * whole message in fx->lm */
	const char *(*refuse)(struct ws_fixer *fx, int64_t id,
	    char *const *old, const char *const *v);
	/* void it (a database error is a bug), logging the correction */
	void (*void_one)(struct ws_fixer *fx, int64_t id, char *const *old,
	    const char *const *v, const char *reason);
	/* check nv (the new values over the old; mask: the bits of the
	 * change[] entries changed) as at logging and write them: 0, or 1
	 * after every problem went to err */
	int (*amend)(struct ws_fixer *fx, int64_t id, char *const *old,
	    const char *const *nv, unsigned mask, const char *reason,
	    ws_case_report *err, void *arg);
	ws_fix_lister *list;		/* the corrections first..last */
};
extern const struct ws_fix_kind ws_fix_visit, ws_fix_activity,
    ws_fix_intern;

struct ws_fixer {
	const struct ws_fix_kind *kind;
	int amend;			/* 1 amend, 0 void */
	const char *reason;		/* default reason of every record */
	const char *const *set;		/* the record from options, or NULL */
	ws_case_report *opt_err;	/* reports on set (arg: this struct);
					   NULL: "--option: problem" */
	const struct ws_policy *pol;	/* intern entries: the day's limit */
	int64_t first, last;		/* out: the correction ids written */
	sqlite3 *db;			/* private */
	ws_fix *fix;			/* private */
	struct ws_lock lock;		/* private: the lock in force */
	void *ks;			/* private: the kind's state */
	char *why, *empty;		/* private */
	ws_buf msg, lm;			/* private */
};
/* Fill spec for the job and run it (ws_fixer_job, a ws_fix_job);
 * ws_fixer_clear frees the messages. */
void ws_fixer_spec(struct ws_batch_spec *spec, struct ws_fixer *fx);
int ws_fixer_job(ws_batch *b, void *job, ws_err *e);
void ws_fixer_clear(struct ws_fixer *fx);
/* All three, then ws_fix_run with the kind's list: a command's whole
 * correcting run; returns its exit code. */
int ws_fixer_cmd(struct ws_batch_spec *spec, struct ws_fixer *fx,
    enum ws_fmt fmt, int oflags);
/* For kinds: "voided at AT by USER: REASON" (sql: at, os_user, reason
 * of ?1, prepared once into *q) into fx->lm, "voided" when none. */
void ws_fix_voided_msg(struct ws_fixer *fx, sqlite3_stmt **q,
    const char *sql, int64_t id);

/* The columns of a visit correction: id (or visit_id), reason, and the
 * fields that change (case_id and community are read, as visit-log
 * writes them, but a visit's case does not change). */
extern const char *const ws_visit_fix_cols[];
#define WS_VFIX_N	15	/* their number */
/* Fill set[WS_VFIX_N] for the correction of visit id given with options:
 * the fields of v that are given (the others NULL). */
void ws_visit_fix_set(const char **set, const char *id,
    const struct ws_visit *v);
/* The visit corrections first..last (id field old new reason at
 * os_user), a ws_fix_lister. */
sqlite3_stmt *ws_visit_fix_list(sqlite3 *db, int64_t first, int64_t last);

/* ------------------------------------------------------- fixkinds.c */

/* The columns of an activity correction (ws_fix_activity): id (or
 * activity_id), reason, case_id (a void of that case's attendance only:
 * the case leaves the list of attending cases), and the fields that
 * change, as activity-log logs them (workers and cases: the whole
 * lists, comma-separated). */
extern const char *const ws_activity_fix_cols[];
#define WS_AFIX_N	18	/* their number */
/* Fill set[WS_AFIX_N] for the correction of activity id given with
 * options: case_id (a void of one attendance, or NULL) and the fields
 * of a that are given (the others NULL). */
void ws_activity_fix_set(const char **set, const char *id,
    const char *case_id, const struct ws_activity *a);

/* The columns of an intern entry's correction (ws_fix_intern): id (or
 * entry_id), reason, intern (read, but an entry's intern does not
 * change), date, from, to, break, minutes, task.  A certified entry is
 * refused (intern-hours --adjust corrects it); an adjustment is voided,
 * not amended; the kind needs fx->pol. */
extern const char *const ws_intern_fix_cols[];
#define WS_IFIX_N	10	/* their number */
void ws_intern_fix_set(const char **set, const char *id,
    const struct ws_hours_rec *r);


/* ---------------------------------------------------------- caseupd.c */

/* The columns of a case correction: case_id (or id), reason, the fields
 * that change, add_category and remove_category (one word each). */
extern const char *const ws_case_fix_cols[];
#define WS_CFIX_N	13	/* their number */

/*
 * case-update's job: the correction given with options (set, indexed as
 * ws_case_fix_cols, with a case_id), or one for each record read (its
 * columns over the options' values: bare case ids take every field from
 * set).  Each field is checked as at intake (a risk word, an active
 * worker, a known community, a phone, an ID number no other person holds
 * and that agrees with the recorded sex and birth date, a category of the
 * policy); a closed case's worker does not change; reopen reopens a
 * closed case on date (default today; from its close to today).
 * Refused: an unknown case, no reason, nothing to change, any check.
 * Every change is a correction row and a case_history row (the person's
 * values masked there), then a "reason" row.
 */
struct ws_case_fix {
	const char *const *set;		/* the options' values, or NULL */
	const struct ws_policy *pol;	/* the category vocabulary */
	int reopen;			/* reopen the case */
	const char *date;		/* reopening date (NULL: today) */
	int64_t first, last;		/* out: the correction ids written */
	sqlite3 *db;			/* private */
	ws_fix *fix;			/* private */
	char today[11];			/* private */
	ws_buf msg;			/* private: free it after the run */
};
void ws_case_fix_spec(struct ws_batch_spec *spec, struct ws_case_fix *cf);
/* Run it (a ws_fix_job, job the struct ws_case_fix). */
int ws_case_fix_run(ws_batch *b, void *job, ws_err *e);
/* The case corrections first..last (case_id field old new reason; the
 * person's values masked), a ws_fix_lister. */
sqlite3_stmt *ws_case_fix_list(sqlite3 *db, int64_t first, int64_t last);
/* Record a handover of case id from worker from (NULL: none) to worker
 * to, effective date, in the assignment history (the first one also
 * records from as in charge since opened).  Returns NULL. */
const char *ws_case_handover(sqlite3 *db, int64_t id, const char *from,
    const char *to, const char *date, const char *opened);
/* ws_case_assign (cs on db) effective date: refused (the message, in
 * msg) before the case opened or before its last handover; else the
 * handover is recorded (ws_case_handover).  NULL when done. */
const char *ws_case_assign_on(ws_cases *cs, sqlite3 *db, int64_t id,
    const char *worker, const char *date, ws_buf *msg);

/* ------------------------------------------------------- claim.c (13) */

/*
 * The subsidy's rule for the months paid, in one place: the months
 * counted (each with at least month_min_hours certified), or, for an
 * intern who passes the threshold by hours (by_hours), at least
 * floor(counted x min_months / min_hours) months when the policy has
 * both thresholds.  The two invariants it keeps, with the load checks of
 * policy.c (wushe-policy(5)): an eligible intern is paid at least
 * min_months x per_month (before the cap, which may not be lower), and
 * only an eligible intern is paid.
 */
int64_t ws_claim_months(const struct ws_subsidy *sub, int64_t months,
    int64_t counted, int by_hours);

/* ---- issue 14 */
/* ------------------------------------------------------------ excel.c */

/* The column labels: name the English column, zh its Chinese header, alt
 * another header read as it (身份证 beside 身份证号); static. */
extern const struct ws_word ws_columns[];
/* The Chinese header of col (col itself when it has none). */
const char *ws_column_label(const char *col);
/* The English column of a Chinese header (label itself when none). */
const char *ws_column_name(const char *label);
/* The vocabulary lists col's values come from (NULL-ended), or NULL. */
const char *const *ws_excel_lists(const char *col);
/* The word of list that s names: its stored word or English label in
 * any case, or its Chinese label or alt; NULL when none. */
const struct ws_word *ws_vocab_match(const char *list, const char *s);
/* The Chinese label of word in col's lists, else word itself. */
const char *ws_vocab_label(const char *col, const char *word);
/* An Excel date (2026/11/2, 2026-11-2, 2026.11.02, 2026年11月2日, or
 * ISO) into out as YYYY-MM-DD: 1, or 0 when s is none or impossible. */
int ws_excel_date(const char *s, char out[11]);
/* A field as read, made ready for the checks: spaces trimmed (NULL when
 * nothing is left), a date column's Excel date made ISO, a vocabulary
 * column's words matched (ws_vocab_match; categories split on , ， 、 ;).
 * Returns v, or the value in b (valid until b is used again); a value
 * that matches nothing is returned as given, for the checks to refuse. */
const char *ws_excel_value(ws_buf *b, const char *col, const char *v);
/* Codes of communities, workers and organisations given as Excel users
 * give them: the code in any case, or the name when one row has it.
 * ws_excel_code returns the code v names in col ("community", "worker",
 * "org"), or v itself (another column, no match, a name two share: the
 * checks refuse it).  The answer is valid until the next call for col
 * (the last 32 values of each column are remembered). */
typedef struct ws_excel_codes ws_excel_codes;
ws_excel_codes *ws_excel_codes_new(sqlite3 *db);	/* db may be NULL */
const char *ws_excel_code(ws_excel_codes *c, const char *col, const char *v);
/* issue 14: after ws_excel_code(c, col, v), when v was a name two rows
 * share: the message naming them (allocated, caller frees), else NULL. */
char *ws_excel_code_shared(ws_excel_codes *c, const char *col,
    const char *v);
void ws_excel_codes_free(ws_excel_codes *c);
/* Non-zero when the current tsv/csv record of two or more columns has
 * nothing but spaces in every field (a row Excel left behind: ,,,). */
int ws_excel_blank(ws_in *in);
/* Non-zero when the n bytes at s are a cell a spreadsheet would run as a
 * formula: they begin with = + - @, a tab or a carriage return and are
 * not a plain number.  csv writes such a cell quoted after a "'" (Excel
 * shows it as text) and reads "'" and such a cell back without it. */
int ws_formula_like_n(const char *s, size_t n);
/* Non-zero when csv guards the n bytes at s: they are formula-like after
 * any leading "'" (so "'=x", written "''=x", reads back as "'=x"). */
int ws_formula_guard_n(const char *s, size_t n);
/* --encoding, process-wide: "gbk", "gb18030", "utf-16" or "utf-8" (any
 * case): 0, or -1 for another word.  Every reader opened after it
 * (ws_in_open) converts its input to UTF-8 through iconv(3); reject files
 * are written back in the same encoding (ws_in_reject). */
int ws_encoding(const char *word);
/* The iconv name chosen ("GBK" ...), or NULL for UTF-8. */
const char *ws_encoding_name(void);
/* fp read through the chosen encoding (a stream the caller fcloses; fp
 * itself is not closed), or NULL when the input is UTF-8.  A byte that is
 * not of the encoding is a read error (EILSEQ). */
FILE *ws_decode_open(FILE *fp);
/* Write UTF-8 s to fp in the chosen encoding (UTF-16 little-endian);
 * a character it lacks is written "?". */
void ws_encode_put(const char *s, FILE *fp);
/* The options --encoding and --lang, which lib/opt.c gives every command
 * whose table does not declare them: name is "encoding" or "lang".
 * Returns 0, or -1 after warning "--lang: unknown language 'x' (...)";
 * ws_opt_next then prints the usage and exits 64. */
int ws_excel_option(const char *name, const char *arg);
/* case-add --template: the header row of an intake sheet on fp in fmt
 * (csv for WS_FMT_AUTO; flags as ws_out_new), the columns in the chosen
 * language, each vocabulary column with its allowed words in brackets
 * ("risk (low/medium/high)", the policy's categories) and the date
 * columns with an example; ws_column_name reads such a header back. */
void ws_case_template(FILE *fp, enum ws_fmt fmt, int flags,
    const struct ws_policy *pol);
/* " (did you mean W01?)" into out when exactly one code of table
 * ("community", "worker", "org": a literal of the caller) is one edit
 * from v, any case; else "".  Returns out. */
const char *ws_excel_suggest(sqlite3 *db, const char *table, const char *v,
    char out[64]);
/* The policy's own words offices write in Chinese (majors: social_work
 * is 社会工作), in vocab.c; static. */
extern const struct ws_word ws_policy_words[];
/* Non-zero when s, as recorded, is the policy's word: the same in any
 * case, the same word of ws_policy_words by name or label, or the same
 * city with or without its 市 (佛山 is 佛山市). */
int ws_policy_word_eq(const char *policy, const char *s);
/* The label of a policy word (社会工作 for social_work in Chinese, "social
 * work" in English), else s itself (NULL stays NULL); static. */
const char *ws_policy_label(const char *s);

/* ------------------------------------------------------------- xlsx.c */

/*
 * An Excel workbook written to fp (not closed) when ws_xlsx_close is
 * called, built in libxlsxwriter's constant-memory mode: rows must be
 * written in order, and memory stays flat.  Add a sheet, then cells row
 * by row; a sheet's header row is bold and frozen, its columns as wide
 * as their widest cell.  Text that is an ISO date is a date cell, text
 * such as 12.50 (yuan, hours) a number shown with two decimals; any other
 * text is a text cell (never a formula, never a number).  Problems
 * (no temporary file, a libxlsxwriter error) are warned once; the
 * workbook is then not written and ws_xlsx_close returns -1.
 */
typedef struct ws_xlsx ws_xlsx;
/* number styles: general (as the number is), two decimals, a fraction
 * shown as a percentage with one */
enum { WS_XLSX_INT, WS_XLSX_2DP, WS_XLSX_PCT };
ws_xlsx *ws_xlsx_new(FILE *fp);
/* A new sheet (name cut to a valid sheet name; later sheets numbered)
 * with ncols columns, its header row cols (NULL: none). */
void ws_xlsx_sheet(ws_xlsx *x, const char *name, int ncols,
    const char *const *cols);
void ws_xlsx_text(ws_xlsx *x, const char *s);	/* NULL or "": empty */
void ws_xlsx_num(ws_xlsx *x, double v, int style);
void ws_xlsx_end(ws_xlsx *x);			/* end of a row */
/* Write the workbook to fp and free x; 0, or -1 (warned). */
int ws_xlsx_close(ws_xlsx *x);

/* ---- issue 14 */
/* ------------------------------------------------ i18n.c (messages) */
/*
 * Messages are English msgids translated (ws_msg) at the functions that
 * print or keep them (ws_warn, ws_die, ws_err_set, ws_batch_warnf,
 * ws_yproblem, and the checks' literals where they are printed):
 * tools/po-extract.sh lists them for po/zh_CN.po.  ws_msgf is ws_asprintf
 * with fmt translated first (caller frees; allocation failure exits 70).
 */
char *ws_msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *ws_vmsgf(const char *fmt, va_list ap)	/* the same, va_list */
    __attribute__((format(printf, 1, 0)));
/* The translation of a message's msgid: as ws_tr, in the language of the
 * messages, which ws_lang sets with the labels' and ws_lang_doc leaves
 * (a document in Chinese by default, its messages as --lang and the
 * locale say). */
const char *ws_msg(const char *msgid);
int ws_lang_doc(const char *opt);

/* ---------------------------------- excel.c, opt.c (codes by name) */
/*
 * A community, worker or organisation given by its code, its code in
 * another case, or its name.  kind is the option's argument name
 * ("community", "worker", "org", "provider"); ws_code_table is its table,
 * or NULL for another kind.  ws_code_names returns how many rows v names
 * (1: *code is the code, allocated, caller frees; 0: none; more: a name
 * shared, and cands, when not NULL, gets "CODE (name), ..." of the first
 * ten).  The code itself always names its own row alone.
 */
const char *ws_code_table(const char *kind);
int ws_code_names(sqlite3 *db, const char *kind, const char *v, char **code,
    ws_buf *cands);
/*
 * The option values of the last ws_opt_next parse whose argument is a
 * community, worker or organisation ("-N 青华社区", "-w 王明"), put in
 * the code they name, in place (the option's value and ws_opts.arg point
 * into a buffer of opt.c).  A name two rows share is refused: EX_USAGE
 * with the candidates, filled in e.  ws_db_open calls it.
 */
int ws_opt_codes(sqlite3 *db, ws_err *e);

/* ------------------------------------ vocab.c (the policy's own words) */
/*
 * A word a policy adds to a list (its own categories: list
 * "case_category.category") with its Chinese label (zh may be NULL):
 * from then on ws_vocab_find and ws_vocab_match know it like a built-in
 * word, so the label is read on input and printed on output.  The words
 * are kept until exit.  ws_vocab_extra is their table, ended by a NULL
 * list.
 */
void ws_vocab_add(const char *list, const char *word, const char *zh);
const struct ws_word *ws_vocab_extra(void);
/* ---- issue 11 */
/* ---------------------------------------------------------- snapshot.c */

/*
 * wushe-db snapshot --redact: write to path a consistent copy of db for
 * analysts, in rollback-journal mode (readable read-only by anyone who
 * can read the file, mode 0644): ID and phone numbers replaced by stable
 * pseudonyms keyed by meta.pseudonym_key (which stays in db), names
 * masked, birth dates cut to the year, addresses and the audit left out,
 * the notes too unless notes; no triggers.  Built in path.work (0600),
 * vacuumed into path.tmp and moved into place; then recorded in db's
 * audit (op 'snapshot').  Returns 0, or 73 with *e set: path exists
 * (unless force), cannot be written, or db is read-only.
 */
int ws_db_snapshot(sqlite3 *db, const char *path, int force, int notes,
    ws_err *e);

/* ------------------------------------------------------------- chain.c */

/* Register ws_sha256(v, ...) (the hex SHA-256 of its values, each "-" if
 * NULL, else its byte length, ':' and its bytes) and ws_pseudonym(key, v)
 * (NULL, or "p" and 16 hex digits of HMAC-SHA-256 under key) on db. */
void ws_chain_register(sqlite3 *db);

/*
 * Append to b the one INSERT INTO audit that every audit row is written
 * with: each argument an SQL expression (for the command, tbl, op,
 * row_key, old, new and digest columns); it fills at, os_user, prev (the
 * hash of the newest row) and hash.  Used by the catalog's triggers and
 * ws_audit_reveal.
 */
void ws_audit_insert_sql(ws_buf *b, const char *cmd, const char *tbl,
    const char *op, const char *key, const char *old, const char *new,
    const char *digest);

/* (Re)make the audit triggers of every table in audit_catalog from its
 * columns, and record a 'baseline' audit row for each row no audit row
 * describes.  Run by the migration, inside its transaction; a catalog
 * row naming no table is a bug (ws_bug). */
void ws_audit_sync(sqlite3 *db);

/*
 * The tamper checks of wushe-db check: the schema against the one the
 * migrations make (ws_db_reference), the audit's hash chain, each
 * audited row against its last audit row, and, if seal is not NULL, the
 * chain against a seal "ROWS:HASH".  report as ws_db_check; returns the
 * number of problems (the chain and the rows report the first only).
 */
long ws_chain_check(sqlite3 *db, const char *seal,
    void (*report)(void *arg, const char *check, const char *problem),
    void *arg);

/* The chain's head: returns its hash (allocated, NULL for an empty
 * audit), *at the newest row's time (allocated or NULL), *rows the count. */
char *ws_audit_seal(sqlite3 *db, char **at, int64_t *rows);

/* A running SHA-256 (nettle), for a batch's digest and its input:
 * ws_digest_hex finishes it (64 hex digits and a NUL).  Allocation
 * failure exits (ws_oom). */
typedef struct ws_digest ws_digest;
ws_digest *ws_digest_new(void);
void ws_digest_add(ws_digest *d, const void *p, size_t n);
void ws_digest_hex(ws_digest *d, char out[65]);
void ws_digest_free(ws_digest *d);

/* Append to json (unless NULL) and key the expressions the audit
 * triggers use for a row of tbl under alias: its JSON object (columns in
 * table order) and its key as text (key columns joined with '/'). */
void ws_audit_texpr(sqlite3 *db, const char *tbl, const char *alias,
    ws_buf *json, ws_buf *key);

/* -------------------------------------------------------------- bulk.c */

/*
 * One audit row per bulk batch (schema/017-batch-audit.sql).  A bulk
 * intake calls ws_bulk_begin in its transaction, before its first write:
 * from then on the insert triggers of the catalog's bulk tables skip the
 * rows whose key (the table's first key column, an integer) is above
 * every key the table had, and every batch before it had; ws_bulk_end,
 * before COMMIT, writes one audit row of op 'batch' per table that got
 * such rows (their range, number, digest, and the input's name and
 * SHA-256); ws_bulk_cancel forgets the batch (on rollback).  One batch
 * per process at a time; database errors die as ws_step.
 */
void ws_bulk_begin(sqlite3 *db);
void ws_bulk_end(sqlite3 *db, const char *input, const char *sha);
void ws_bulk_cancel(sqlite3 *db);
int ws_bulk_active(sqlite3 *db);

/* Register ws_bulk(tbl, key) and ws_batch_of(key) on db (ws_chain_register
 * does). */
void ws_bulk_register(sqlite3 *db);

/* The key column a batch of tbl is ranged by: 1 with its name in col (n
 * bytes), or 0 when tbl's first key column is not an integer. */
int ws_bulk_col(sqlite3 *db, const char *tbl, char *col, size_t n);

/* Load the batch ranges of tbl for ws_batch_of(key) (the batch audit
 * row's id, or NULL). */
void ws_bulk_ranges(sqlite3 *db, const char *tbl);

/* wushe-db check on the batches of tbl: 0, or 1 with the first batch
 * whose rows differ from its digest (or number) described in msg. */
int ws_bulk_check(sqlite3 *db, const char *tbl, char *msg, size_t n);

/* A stream reading fp (left open) that feeds every byte it reads to d:
 * close it with fclose before ws_digest_hex; NULL if it cannot be made. */
FILE *ws_digest_reader(FILE *fp, ws_digest *d);

/* (db.c) Register on db the SQL functions every wushe connection has:
 * ws_user, ws_cmd, ws_today, ws_mask and those of ws_chain_register. */
void ws_db_functions(sqlite3 *db);

/* (db.c) A new in-memory database made by the migrations, the schema
 * ws_chain_check compares with.  Close with ws_db_close. */
sqlite3 *ws_db_reference(void);

/* ---- issue 18 */
/* ---------------------------------------------------------- pg-export.c */

/* The city store's DDL, schema/pg/city.sql (embedded by the Makefile). */
extern const char ws_pg_schema[];

/* The city schema's version: the number on that file's first line. */
int ws_pg_version(void);

/* What wushe-db export --to postgres was asked for; strings owned by the
 * caller.  argc and argv are the command line, recorded with a reveal. */
struct ws_pg_export {
	const char *site;	/* the site's code in the city store */
	const char *since;	/* a cursor, or NULL or "": everything */
	int reveal;		/* personal data in full (audited) */
	int argc;
	char *const *argv;
};

/*
 * Write to out the psql script that loads the site's rows into the city
 * store (wushe-db(1), EXPORT): the city schema created when missing and
 * refused when of another version, the rows by COPY into staging tables
 * merged by INSERT ... ON CONFLICT (site, key) (a rerun changes nothing),
 * deletions, and the site's new cursor, all in one transaction.  With a
 * cursor only what the audit and the case history record after it goes.
 * Personal data is redacted unless reveal (then ws_audit_reveal records
 * it first).  Returns 0 with *cursor set (allocated: "SITE:AUDIT:HISTORY"),
 * or with *e set: EX_USAGE for a bad site code or cursor, EX_DATAERR for
 * a cursor of another site or ahead of this database, EX_CANTCREAT when a
 * reveal cannot be recorded, EX_IOERR when out fails.  Database errors die
 * as ws_step.
 */
int ws_pg_export(sqlite3 *db, const struct ws_pg_export *o, FILE *out,
    char **cursor, ws_err *e);

/* Check o's site code and cursor before the database is opened: 0 with
 * the cursor's numbers in *audit and *hist (0 without one), else as
 * ws_pg_export. */
int ws_pg_export_args(const struct ws_pg_export *o, int64_t *audit,
    int64_t *hist, ws_err *e);

/* Parse a cursor "SITE:AUDIT:HISTORY" of site: 0 with *audit and *hist
 * set, EX_USAGE (*e set) when it is not one, EX_DATAERR when it names
 * another site. */
int ws_pg_cursor_parse(const char *s, const char *site, int64_t *audit,
    int64_t *hist, ws_err *e);

/* Append s (n bytes; NULL: SQL NULL) to b as one field of PostgreSQL's
 * COPY text format: backslash, tab, newline and carriage return escaped
 * (\\ \t \n \r), NULL as \N; every other byte as it is. */
void ws_pg_copy_esc(ws_buf *b, const char *s, size_t n);

/* ------------------------------------------------------------ dbcmd.c */

/*
 * What wushe-db's subcommands print on stdout, in fmt with ws_out's
 * flags; each opens and closes the database itself (dbopt as ws_db_open
 * takes it) and dies as ws_db_open does.  init creates the database and
 * prints its path and version; path prints the path and where it came
 * from; counts prints a load's counts per kind; check prints one record
 * per check and returns the number of problems (seal: the seal to verify
 * the chain against, or NULL); seal prints the audit chain's head, or
 * returns EX_DATAERR with *e set when the audit has no chain; audit
 * prints the audit rows that f selects.
 */
void ws_dbcmd_init(const char *dbopt, int fmt, int flags);
void ws_dbcmd_path(const char *dbopt, int fmt, int flags);
void ws_dbcmd_counts(const struct ws_dir_count *cnt, int fmt, int flags);
long ws_dbcmd_check(const char *dbopt, int fmt, int flags, const char *seal);
int ws_dbcmd_seal(const char *dbopt, int fmt, int flags, ws_err *e);
void ws_dbcmd_audit(const char *dbopt, int fmt, int flags,
    const struct ws_audit_filter *f);

#endif
