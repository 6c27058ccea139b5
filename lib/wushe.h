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

/* Set ws_prog from argv[0] (its last path component). */
void ws_init(const char *argv0);

/* Print "prog: msg\n" to stderr and exit with code (an EX_* value).  A
 * format ending in ':' appends ' ' and strerror(errno), as sbase eprintf. */
_Noreturn void ws_die(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Same as ws_die without exiting. */
void ws_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the standard "--version" line ("prog (wushe) 0.1.0") and exit 0. */
_Noreturn void ws_version(void);

/* Flush and close stdout; a write error (full disk, closed pipe) is
 * reported and the process exits 74.  Call last in every main. */
void ws_close_stdout(void);

/* Non-zero when stderr is a terminal (progress is shown only then). */
int ws_stderr_tty(void);

/* ---------------------------------------------------------------- buf.c */

void *ws_malloc(size_t n);
void *ws_calloc(size_t n, size_t size);
void *ws_realloc(void *p, size_t n);
char *ws_strdup(const char *s);			/* NULL stays NULL */
char *ws_strndup(const char *s, size_t n);
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

/* Convenience: run a query with one text parameter (may be NULL) and return
 * the first column of the first row as an allocated string, or NULL. */
char *ws_query_text(sqlite3 *db, const char *sql, const char *param);
/* Same, returning an integer (def when there is no row). */
int64_t ws_query_int(sqlite3 *db, const char *sql, const char *param,
    int64_t def);

/* The OS user name and the command line (argv joined) of this process, as
 * recorded in history and audit rows.  ws_set_cmdline is called by ws_init
 * users that want the full command line recorded. */
const char *ws_user(void);
void ws_set_cmdline(int argc, char **argv);
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
};

/* Parse a --format/--input word ("table", "tsv", "csv", "json", "yaml");
 * returns -1 for anything else. */
int ws_fmt_parse(const char *s);

/* ws_out flags */
enum {
	WS_OUT_NOHEADER = 1,	/* no header line (tsv, csv, table) */
	WS_OUT_BOM      = 2,	/* csv: start with a UTF-8 BOM (Excel) */
};

typedef struct ws_out ws_out;

/* A record writer on fp (not closed by ws_out_free).  WS_FMT_AUTO picks
 * table when fp is a terminal, tsv otherwise. */
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
/* Finish (a table is printed here) and free. */
void ws_out_free(ws_out *o);

typedef struct ws_in ws_in;

/*
 * A record reader on fp; name is used in messages ("<stdin>" or a file
 * name).  WS_FMT_AUTO detects the format from the first bytes: '{' is json,
 * "---" or "- " is yaml, a first line with a tab is tsv, one with a comma
 * (and no tab) csv, otherwise tsv.  A UTF-8 BOM and CRLF line ends are
 * accepted; input that is not UTF-8 is an error naming the line with a hint
 * ("iconv -f GBK -t UTF-8").  Never returns NULL.  Free with ws_in_free.
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

/* Display width of UTF-8 text in terminal columns (CJK are 2). */
size_t ws_width(const char *s);

/* Non-zero when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int ws_utf8_valid(const char *s, size_t n);

/* ------------------------------------------------------------ validate.c */

/* Dates.  A date is "YYYY-MM-DD", a real calendar day, year 1900-2999. */
const char *ws_check_date(const char *s);
/* Day number (days since 1970-01-01) of a valid date; -1 if invalid. */
long ws_date_days(const char *s);
/* Format a day number as "YYYY-MM-DD" into out. */
void ws_days_date(long days, char out[11]);
/* Today's date in local time, or $WUSHE_TODAY when set (tests). */
void ws_today(char out[11]);
/* "YYYY-MM" months: NULL if good. */
const char *ws_check_month(const char *s);

/* Times of day "HH:MM" (00:00-23:59; "24:00" only when allow24). Sets
 * *min to minutes after midnight. */
const char *ws_check_time(const char *s, int allow24, int *min);

/* Durations: whole minutes "90", or hours with at most two decimals
 * ("7.5") converted exactly; a value that is not a whole number of minutes
 * is refused.  Range checks are the caller's. */
const char *ws_parse_minutes(const char *s, int64_t *min);
const char *ws_parse_hours(const char *s, int64_t *min);

/* Money in yuan with at most two decimals ("1234.56", "3600") to fen,
 * exactly; no floating point.  Negative values only when allow_neg.
 * Overflow of int64 fen is refused. */
const char *ws_parse_money(const char *s, int allow_neg, int64_t *fen);
/* Format fen as yuan "1234.56" (sign kept) into out. */
void ws_fen_str(int64_t fen, char out[32]);

/* Decimal with at most two places to hundredths ("30", "5.5" -> 3000, 550);
 * used for percentages in the policy. */
const char *ws_parse_dec2(const char *s, int64_t *hundredths);

/* Non-negative integer in [lo, hi]. */
const char *ws_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *v);

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

/* The fixed vocabularies (NULL-terminated). */
extern const char *const ws_risks[];		/* low medium high */
extern const char *const ws_sexes[];		/* M F */
extern const char *const ws_org_kinds[];	/* street_office sw_agency ... */
extern const char *const ws_close_reasons[];	/* goal_met moved_away ... */
extern const char *const ws_base_categories[];	/* elderly empty_nest ... */
extern const char *const ws_visit_kinds[];	/* home phone office ... */
extern const char *const ws_visit_statuses[];	/* done no_show cancelled */
extern const char *const ws_contract_kinds[];	/* post project venture_... */
extern const char *const ws_measures[];		/* service_hours contacts ... */

/* Mask personal data for output: an ID number keeps its first 6 and last 4
 * characters ("340104********1234"), a phone number its first 3 and last 4;
 * anything else keeps its first and last character.  Allocated. */
char *ws_mask(const char *s);

/* ------------------------------------------------------------- yaml.c */

/* A YAML document read into a tree with positions, for config files. */
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
};

/*
 * Read one YAML document from fp through libyaml's event API.  Refused
 * with a message "name:line:col: problem" in *err (allocated): aliases and
 * anchors, non-scalar keys, duplicate keys, nesting deeper than 64, a
 * scalar over 1 MiB, tags, more than one document, and input that is not
 * UTF-8.  An empty file gives an empty mapping.  Free with ws_yaml_free.
 */
ws_ynode *ws_yaml_load(FILE *fp, const char *name, char **err);
void ws_yaml_free(ws_ynode *n);
/* The value under key in a mapping, or NULL. */
ws_ynode *ws_ymap_get(const ws_ynode *map, const char *key);
/* Non-zero when the node is a null scalar (plain "", "~", "null"). */
int ws_ynull(const ws_ynode *n);

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

struct ws_policy {
	char *file;		/* where it came from, or "built-in" */
	char **categories;	/* case categories: built-ins + extensions */
	struct ws_visit_rule *rules;	/* visit frequency rules */
	size_t nrules;
	int64_t behind_pct;	/* grant-report: behind under this (x100) */
	int64_t so_share_new_min;	/* social orgs' share of new spending, x100 */
	int64_t so_share_all_min;	/* ... of all purchase spending, x100 */
	int64_t intern_daily_max_minutes;	/* default 720 */
	int64_t practicum_target_minutes;	/* default 48000 (800 h) */
	int certify_host;	/* any worker of the host may certify */
	struct ws_subsidy subsidy;
};

/*
 * Load the policy from opt (--policy), else $WUSHE_POLICY, else
 * $XDG_CONFIG_HOME/wushe/policy.yaml (or ~/.config/...) when it exists,
 * else the built-in defaults.  Unknown keys and wrong types die (65) with
 * "file:line:col: key: problem"; a named file that is missing dies 66.
 * Free with ws_policy_free.
 */
struct ws_policy *ws_policy_load(const char *opt);
void ws_policy_free(struct ws_policy *p);
/* Non-zero when cat is in the policy's category vocabulary. */
int ws_policy_has_category(const struct ws_policy *p, const char *cat);

#endif
