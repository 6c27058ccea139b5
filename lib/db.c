/* db.c - opening, migrating and talking to the SQLite database */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wushe.h"

#define WS_APP_ID 0x77757368	/* "wush" in PRAGMA application_id */

static char *cmdline;
static char userbuf[64];

char *
ws_db_path(const char *opt, const char **why)
{
	const char *e, *w;
	char *p;

	if (opt != NULL) {
		w = "--db";
		p = ws_strdup(opt);
	} else if ((e = getenv("WUSHE_DB")) != NULL && *e != '\0') {
		w = "WUSHE_DB";
		p = ws_strdup(e);
	} else if ((e = getenv("XDG_DATA_HOME")) != NULL && *e == '/') {
		w = "XDG_DATA_HOME";
		p = ws_asprintf("%s/wushe/wushe.db", e);
	} else {
		w = "default";
		e = getenv("HOME");
		p = ws_asprintf("%s/.local/share/wushe/wushe.db",
		    e && *e ? e : ".");
	}
	if (why != NULL)
		*why = w;
	return p;
}

/* mkdir -p the folders above path, mode 0700. */
static void
mkparents(const char *path)
{
	char *p = ws_strdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			ws_die(EX_CANTCREAT, "cannot create folder '%s':", p);
		*s = '/';
	}
	free(p);
}

const char *
ws_user(void)
{
	struct passwd *pw;

	if (userbuf[0] == '\0') {
		pw = getpwuid(geteuid());
		if (pw != NULL && pw->pw_name != NULL)
			snprintf(userbuf, sizeof userbuf, "%s", pw->pw_name);
		else
			snprintf(userbuf, sizeof userbuf, "uid%ld",
			    (long)geteuid());
	}
	return userbuf;
}

static void free_words(void);

static void
free_cmdline(void)
{
	free(cmdline);
	cmdline = NULL;
	free_words();
}

/* A value as recorded: masked (ws_mask) when it is a secret option's or
 * has the shape of an ID number (18 characters, 17 digits and a digit or
 * X, valid or not) or is a phone number, else as given; allocated. */
static char *
recorded(const char *v, int secret)
{
	size_t i, n = strlen(v);
	int id = n == 18;

	for (i = 0; id && i < 17; i++)
		id = v[i] >= '0' && v[i] <= '9';
	id = id && ((v[17] >= '0' && v[17] <= '9') || v[17] == 'X' ||
	    v[17] == 'x');
	if (n > 0 && (secret || id || ws_check_phone(v) == NULL))
		return ws_mask(v);
	return ws_strdup(v);
}

/* The recorded argv (the pointers) and each word as recorded. */
static char **cmdargv, **cmdwords;
static int cmdargc;

static void
free_words(void)
{
	int i;

	for (i = 0; i < cmdargc; i++)
		free(cmdwords[i]);
	free(cmdwords);
	free(cmdargv);
	cmdwords = cmdargv = NULL;
	cmdargc = 0;
}

void
ws_cmdline_record(int argc, char **argv, char *const *val, const int *sec)
{
	ws_buf b = {0};
	char *m;
	int i;

	free_words();
	cmdargc = argc;
	cmdargv = ws_calloc((size_t)argc + 1, sizeof *cmdargv);
	cmdwords = ws_calloc((size_t)argc + 1, sizeof *cmdwords);
	for (i = 0; i < argc; i++) {
		cmdargv[i] = argv[i];
		if (i == 0)
			cmdwords[i] = ws_strdup(ws_prog ? ws_prog : argv[0]);
		else if (val[i] != NULL) {
			m = recorded(val[i], sec[i]);
			cmdwords[i] = ws_asprintf("%.*s%s",
			    (int)(val[i] - argv[i]), argv[i], m);
			free(m);
		} else
			cmdwords[i] = ws_strdup(argv[i]);
		if (i > 0)
			ws_buf_addc(&b, ' ');
		ws_buf_adds(&b, cmdwords[i]);
	}
	if (cmdline == NULL)
		atexit(free_cmdline);
	free(cmdline);
	cmdline = b.s ? b.s : ws_strdup("");
}

char *
ws_cmdline_word(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *m, *r;
	int i;

	for (i = 1; i < cmdargc; i++)
		if (cmdargv[i] == arg)
			return ws_strdup(cmdwords[i]);
	if (arg[0] != '-' || eq == NULL)
		return recorded(arg, 0);
	m = recorded(eq + 1, 0);
	r = ws_asprintf("%.*s%s", (int)(eq + 1 - arg), arg, m);
	free(m);
	return r;
}

const char *
ws_cmdline(void)
{
	return cmdline ? cmdline : ws_prog;
}

static void
fn_user(sqlite3_context *c, int n, sqlite3_value **v)
{
	sqlite3_result_text(c, ws_user(), -1, SQLITE_TRANSIENT);
}

static void
fn_cmd(sqlite3_context *c, int n, sqlite3_value **v)
{
	sqlite3_result_text(c, ws_cmdline(), -1, SQLITE_TRANSIENT);
}

static void
fn_today(sqlite3_context *c, int n, sqlite3_value **v)
{
	char d[11];

	ws_today(d);
	sqlite3_result_text(c, d, -1, SQLITE_TRANSIENT);
}

/*
 * ws_localtime(at): a stored UTC timestamp ("YYYY-MM-DDTHH:MM:SS", with
 * or without fractions and "Z") as ISO 8601 in local time with the UTC
 * offset, "2019-06-15T16:04:05+08:00": the one format of every history
 * and audit time shown.  NULL and what does not parse pass unchanged.
 */
static void
fn_localtime(sqlite3_context *c, int n, sqlite3_value **v)
{
	const char *s = (const char *)sqlite3_value_text(v[0]);
	struct tm tm;
	char out[40];
	time_t t;
	long off;

	memset(&tm, 0, sizeof tm);
	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec) != 6) {
		sqlite3_result_value(c, v[0]);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon--;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	n = (int)strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, sizeof out - (size_t)n, "%c%02ld:%02ld",
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
	sqlite3_result_text(c, out, -1, SQLITE_TRANSIENT);
}

static void
fn_mask(sqlite3_context *c, int n, sqlite3_value **v)
{
	const char *s = (const char *)sqlite3_value_text(v[0]);

	if (s == NULL) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_text(c, ws_mask(s), -1, free);
}

void
ws_db_functions(sqlite3 *db)
{
	sqlite3_create_function(db, "ws_user", 0, SQLITE_UTF8, NULL,
	    fn_user, NULL, NULL);
	sqlite3_create_function(db, "ws_cmd", 0, SQLITE_UTF8, NULL,
	    fn_cmd, NULL, NULL);
	sqlite3_create_function(db, "ws_today", 0, SQLITE_UTF8, NULL,
	    fn_today, NULL, NULL);
	sqlite3_create_function(db, "ws_localtime", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_localtime, NULL,
	    NULL);
	sqlite3_create_function(db, "ws_mask", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_mask, NULL, NULL);
	ws_chain_register(db);
}

int
ws_db_version(sqlite3 *db)
{
	return (int)ws_query_int(db, "PRAGMA user_version", NULL, 0);
}

static void
migrate(sqlite3 *db, const char *path)
{
	int v, app, tables;

	v = ws_db_version(db);
	if (v == ws_schema_version)
		return;
	ws_exec(db, "BEGIN IMMEDIATE");	/* not ws_begin: readers migrate too */
	v = ws_db_version(db);
	app = (int)ws_query_int(db, "PRAGMA application_id", NULL, 0);
	tables = (int)ws_query_int(db,
	    "SELECT count(*) FROM sqlite_master", NULL, 0);
	if ((app != 0 && app != WS_APP_ID) || (app == 0 && tables > 0)) {
		ws_rollback(db);
		ws_die(EX_DATAERR, "%s: not a wushe database", path);
	}
	if (v > ws_schema_version) {
		ws_rollback(db);
		ws_die(EX_DATAERR, "%s: database schema version %d is newer "
		    "than this wushe supports (%d); upgrade wushe", path, v,
		    ws_schema_version);
	}
	for (; v < ws_schema_version; v++) {
		int rc = sqlite3_exec(db, ws_migrations[v], NULL, NULL, NULL);
		char msg[256];

		if ((rc & 0xff) == SQLITE_CONSTRAINT ||
		    (rc & 0xff) == SQLITE_ERROR) {
			/* a schema that these migrations did not make: a
			 * check that fails, an object missing or there
			 * already (disk and lock errors die below) */
			snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(db));
			ws_rollback(db);
			ws_die(EX_DATAERR, "%s: cannot upgrade the schema from "
			    "version %d to %d (%s); nothing was changed",
			    path, v, v + 1, msg);
		}
		if (rc != SQLITE_OK)
			ws_db_die(db, rc, path);
	}
	ws_audit_sync(db);
	{
		char *sql = ws_asprintf("PRAGMA application_id = %d; "
		    "PRAGMA user_version = %d", WS_APP_ID, ws_schema_version);
		ws_exec(db, sql);
		free(sql);
	}
	ws_commit(db);
}

/* An empty database file whose -wal holds the data is a database that
 * was never checkpointed, not an empty file. */
static int
wal_has_data(const char *path)
{
	struct stat st;
	char *wal = ws_asprintf("%s-wal", path);
	int r = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	return r;
}

/* $WUSHE_BUSY_TIMEOUT: whole milliseconds, 0 to 3600000 (an hour); unset
 * or empty is 10000.  Anything else ("10s", "abc", "-1") is a usage error:
 * read loosely, "10s" was 10 ms and "abc" 0, so writers gave up at once. */
static int
busy_timeout(void)
{
	const char *s = getenv("WUSHE_BUSY_TIMEOUT"), *bad;
	int64_t v;

	if (s == NULL || *s == '\0')
		return 10000;
	bad = ws_parse_int(s, 0, 3600000, &v);
	if (bad != NULL)
		ws_die(EX_USAGE, "WUSHE_BUSY_TIMEOUT: '%s': %s (milliseconds, "
		    "such as 10000)", s, bad);
	return (int)v;
}

/*
 * Finding 5 of issue 11: a database file someone else owns, or that
 * others may read or write (a shared folder, mode 0666), is not written
 * into unless --force.  ws_db_open notes such a file (one we may write:
 * a file we cannot write fails on its own, 73); ws_begin refuses the
 * first write transaction on it.
 */
static sqlite3 *unsafe_db;
static char *unsafe_msg;
static int db_force;

static void
free_unsafe(void)
{
	free(unsafe_msg);
	unsafe_msg = NULL;
}

void
ws_db_force(int on)
{
	db_force = on;
}

static void
note_unsafe(const char *path, const struct stat *st)
{
	struct passwd *pw;
	char owner[64];

	if ((st->st_uid == geteuid() && !(st->st_mode & 077)) ||
	    access(path, W_OK) != 0)
		return;
	if ((pw = getpwuid(st->st_uid)) != NULL && pw->pw_name != NULL)
		snprintf(owner, sizeof owner, "%s", pw->pw_name);
	else
		snprintf(owner, sizeof owner, "uid %ld", (long)st->st_uid);
	if (unsafe_msg == NULL)
		atexit(free_unsafe);
	free(unsafe_msg);
	unsafe_msg = ws_msgf("%s: the database file is owned by %s with "
	    "mode %04o (%s); personal data is not written into it: make it "
	    "yours with mode 0600 ('chmod 600 %s'), or give --force", path,
	    owner, (unsigned)(st->st_mode & 07777),
	    st->st_uid != geteuid() ? ws_msg("not yours") :
	    ws_msg("others can read or write it"), path);
}

sqlite3 *
ws_db_open(const char *opt, int flags)
{
	const char *why;
	struct stat st;
	sqlite3 *db = NULL;
	char *path, *sql;
	int fd, rc, bt;
	ws_err e = {0};

	bt = busy_timeout();	/* a usage error before anything is held */
	path = ws_db_path(opt, &why);
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			ws_die(EX_NOINPUT, "%s: is a folder, not a database "
			    "file", path);
		if (st.st_size == 0 && !(flags & WS_DB_CREATE) &&
		    !wal_has_data(path))
			ws_die(EX_NOINPUT, "%s: empty file, not a database "
			    "(from %s); create one with 'wushe-db init'",
			    path, why);
		if (st.st_mode & 077)
			ws_warn("%s: warning: database is readable by "
			    "others (mode %03o); run 'chmod 600 %s'", path,
			    (unsigned)(st.st_mode & 0777), path);
		note_unsafe(path, &st);
	} else if (errno != ENOENT) {
		ws_die(EX_NOINPUT, "%s:", path);
	} else if (!(flags & WS_DB_CREATE)) {
		ws_die(EX_NOINPUT, "%s: no database here (from %s); create "
		    "it with 'wushe-db init'", path, why);
	} else {
		mkparents(path);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd == -1 && errno != EEXIST)
			ws_die(EX_CANTCREAT, "cannot create '%s':", path);
		if (fd != -1) {
			fchmod(fd, 0600);
			close(fd);
		}
	}
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);	/* one thread */
	if (rc != SQLITE_OK)
		ws_db_die(db, rc, path);
	sqlite3_extended_result_codes(db, 0);
	sqlite3_busy_timeout(db, bt);
	ws_db_functions(db);
	/* The first read tells a file that is not SQLite at all. */
	rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		ws_die(EX_DATAERR, "%s: not a wushe database (not SQLite)",
		    path);
	/* a reader without write access to the folder cannot make the
	 * -shm file that WAL mode needs: point to the analysts' copy */
	if ((rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY) &&
	    sqlite3_db_readonly(db, "main") == 1)
		ws_die(EX_NOPERM, "%s: cannot be read without write access to "
		    "its folder (WAL mode needs its -shm file); read a copy "
		    "made by 'wushe-db snapshot --redact' instead", path);
	if (rc != SQLITE_OK)
		ws_db_die(db, rc, path);
	if (!sqlite3_db_readonly(db, "main")) {
		sql = "PRAGMA journal_mode = WAL";
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK && rc != SQLITE_READONLY)
			ws_db_die(db, rc, path);
	}
	ws_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
	    " PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY");
	migrate(db, path);
	if (unsafe_msg != NULL && unsafe_db == NULL)
		unsafe_db = db;
	free(path);
	/* issue 14: "-N 青华社区" is -N QH; a shared name is refused (64) */
	if (ws_opt_codes(db, &e) != 0)
		ws_err_die(&e);
	return db;
}

sqlite3 *
ws_db_reference(void)
{
	sqlite3 *db = NULL;
	int rc;

	rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK)
		ws_db_die(db, rc, ":memory:");
	sqlite3_extended_result_codes(db, 0);
	ws_db_functions(db);
	migrate(db, ":memory:");
	return db;
}

void
ws_db_close(sqlite3 *db)
{
	sqlite3_stmt *st;

	if (db == NULL)
		return;
	if (db == unsafe_db)
		unsafe_db = NULL;
	while ((st = sqlite3_next_stmt(db, NULL)) != NULL)
		sqlite3_finalize(st);
	sqlite3_close(db);
}

void
ws_db_die(sqlite3 *db, int rc, const char *what)
{
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	struct rlimit rl;
	int e;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		ws_die(EX_TEMPFAIL, "%s: database is busy (another program "
		    "is writing); try again", what);
	case SQLITE_FULL:
	case SQLITE_IOERR:
		/*
		 * "disk I/O error" alone does not say what to fix.  The
		 * errno SQLite keeps is often gone by the time the error
		 * reaches us (0), so a file size limit is named whenever
		 * one is set.
		 */
		e = db ? sqlite3_system_errno(db) : 0;
		if ((e == 0 || e == EFBIG) &&
		    getrlimit(RLIMIT_FSIZE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY)
			ws_die(EX_IOERR, "%s: %s (files may not grow over "
			    "%llu KiB here: see ulimit -f)", what, msg,
			    (unsigned long long)rl.rlim_cur / 1024);
		if (e != 0)
			ws_die(EX_IOERR, "%s: %s: %s", what, msg, strerror(e));
		ws_die(EX_IOERR, "%s: %s", what, msg);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		ws_die(EX_CANTCREAT, "%s: %s", what, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		ws_die(EX_DATAERR, "%s: %s", what, msg);
	default:
		ws_die(EX_SOFTWARE, "%s: %s", what, msg);
	}
}

sqlite3_stmt *
ws_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		ws_db_die(db, rc, "prepare");
	return st;
}

int
ws_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return SQLITE_CONSTRAINT;
	ws_db_die(sqlite3_db_handle(st), rc, "database");
}

void
ws_exec(sqlite3 *db, const char *sql)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		ws_db_die(db, rc, "database");
}

void
ws_begin(sqlite3 *db)
{
	if (db == unsafe_db && !db_force)
		ws_die(EX_NOPERM, "%s", unsafe_msg);
	ws_exec(db, "BEGIN IMMEDIATE");
}

void
ws_commit(sqlite3 *db)
{
	ws_exec(db, "COMMIT");
}

void
ws_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

void
ws_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void
ws_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

void
ws_binds_text(struct ws_binds *b, ws_buf *sql, const char *clause,
    const char *v)
{
	b->is_num[b->n] = 0;
	b->text[b->n++] = v;
	ws_buf_printf(sql, " AND %s ?%d", clause, b->n);
}

void
ws_binds_int(struct ws_binds *b, ws_buf *sql, const char *clause, int64_t v)
{
	b->is_num[b->n] = 1;
	b->num[b->n++] = v;
	ws_buf_printf(sql, " AND %s ?%d", clause, b->n);
}

sqlite3_stmt *
ws_binds_prepare(sqlite3 *db, const char *sql, const struct ws_binds *b)
{
	sqlite3_stmt *st = ws_prepare(db, sql);
	int k;

	for (k = 0; k < b->n; k++)
		if (b->is_num[k])
			ws_bind_int(st, k + 1, b->num[k]);
		else
			ws_bind_text(st, k + 1, b->text[k]);
	return st;
}

char *
ws_query_text(sqlite3 *db, const char *sql, const char *param)
{
	sqlite3_stmt *st = ws_prepare(db, sql);
	char *r = NULL;

	if (param != NULL)
		ws_bind_text(st, 1, param);
	if (ws_step(st) == SQLITE_ROW)
		r = ws_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r;
}

int64_t
ws_query_int(sqlite3 *db, const char *sql, const char *param, int64_t def)
{
	sqlite3_stmt *st = ws_prepare(db, sql);
	int64_t r = def;

	if (param != NULL)
		ws_bind_text(st, 1, param);
	if (ws_step(st) == SQLITE_ROW)
		r = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return r;
}
