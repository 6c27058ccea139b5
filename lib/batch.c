/*
 * batch.c - the one loop of every command that reads records, in the
 * spirit of mblaze's blaze822_loop: the spec names the columns, the
 * callback checks and writes one record, and the loop does the rest
 * (reading, reporting by position, the reject file, keep-going, the write
 * lock after the first record, the progress line).
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wushe.h"

struct ws_batch {
	const struct ws_batch_spec *spec;
	ws_in *in;		/* while running */
	long nrec, nbad;	/* records read, refused */
	int begun;		/* a transaction is open */
	int hdone;		/* the reject file has its header */
	int hchecked;		/* the tsv/csv header was checked */
	/* progress */
	int progress;		/* may show it (stderr a terminal, not quiet) */
	int shown;		/* the line is on the screen */
	double t0, delay, last;	/* start, delay before showing, last draw */
	long nmsg;		/* messages on records, shown or not */
	/* issue 13: the input line of each row this batch wrote, by id, in
	 * runs of ids and lines that go up together (one run for an import
	 * of a million clean lines: memory does not grow with the input) */
	struct { int64_t id; long line, n; } *rows;
	size_t nrows, caprows;
	int unsorted;		/* an id came below the one before it */
	/* issue 18: a bulk intake's input, hashed as read */
	ws_digest *dg;
	char sha[65];
};

/* Messages on records shown before the rest are only counted: a bad
 * 100,000-line file says 20 things and how many more there were (the
 * records still go to the reject file with --keep-going). */
#define WS_BATCH_MAXMSG 20

/*
 * A stream that stalls while the write lock is held (issue 11, finding
 * 12): the wait for each next record is bounded by the busy timeout (as
 * long as another writer waits for the lock before giving up), by a timer
 * whose signal interrupts the read.  Then the batch is rolled back and
 * the command exits 74, nothing written.
 */
static volatile sig_atomic_t stalled;

static void
on_stall(int sig)
{
	(void)sig;
	stalled = 1;
}

/* Arm the stall timer for ms milliseconds, or disarm it (0). */
static void
stall_timer(long ms)
{
	struct itimerval it;
	struct sigaction sa;

	memset(&it, 0, sizeof it);
	if (ms > 0) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_stall;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0;	/* no SA_RESTART: read() returns EINTR */
		sigaction(SIGALRM, &sa, NULL);
		it.it_value.tv_sec = ms / 1000;
		it.it_value.tv_usec = (ms % 1000) * 1000;
	}
	setitimer(ITIMER_REAL, &it, NULL);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds before the progress line shows: $WUSHE_PROGRESS_DELAY when it
 * is a number, else 1.5. */
static double
progress_delay(void)
{
	const char *s = getenv("WUSHE_PROGRESS_DELAY");
	char *end;
	double d;

	if (s == NULL || *s == '\0')
		return 1.5;
	d = strtod(s, &end);
	return *end == '\0' && d >= 0 ? d : 1.5;
}

/* Take the progress line off the screen (before a message, at the end). */
static void
progress_clear(ws_batch *b)
{
	if (b->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		b->shown = 0;
	}
}

/* Redraw the progress line, at most five times a second, once the batch
 * has run longer than the delay. */
static void
progress_tick(ws_batch *b)
{
	double t, el;

	if (!b->progress)
		return;
	t = now();
	el = t - b->t0;
	if (el < b->delay || (b->shown && t - b->last < 0.2))
		return;
	b->last = t;
	b->shown = 1;
	fprintf(stderr, "\r%s: %ld read, %ld rejected, %.0f/s, %.1fs\033[K",
	    ws_prog, b->nrec, b->nbad, el > 0.001 ? b->nrec / el : 0.0, el);
	fflush(stderr);
}

ws_batch *
ws_batch_new(const struct ws_batch_spec *spec)
{
	ws_batch *b = ws_calloc(1, sizeof *b);

	b->spec = spec;
	b->progress = !spec->quiet && ws_stderr_tty();
	b->delay = progress_delay();
	b->t0 = now();
	return b;
}

long
ws_batch_line(const ws_batch *b)
{
	return b->in != NULL ? ws_in_line(b->in) : 0;
}

long ws_batch_nrec(const ws_batch *b) { return b->nrec; }
long ws_batch_nbad(const ws_batch *b) { return b->nbad; }

void
ws_batch_warnf(ws_batch *b, const char *fmt, ...)
{
	va_list ap;

	if (++b->nmsg > WS_BATCH_MAXMSG)
		return;
	progress_clear(b);
	fprintf(stderr, "%s: %s:%ld: ", ws_prog, b->spec->name,
	    ws_batch_line(b));
	va_start(ap, fmt);
	vfprintf(stderr, ws_msg(fmt), ap);	/* issue 14 */
	va_end(ap);
	fputc('\n', stderr);
}

void
ws_batch_err(void *arg, const char *field, const char *msg)
{
	ws_batch *b = arg;

	msg = ws_msg(msg);	/* issue 14: a literal from the checks */
	if (field != NULL)
		ws_batch_warnf(b, "%s: %s", field, msg);
	else
		ws_batch_warnf(b, "%s", msg);
}

void
ws_batch_warn(void *arg, const char *field, const char *msg)
{
	ws_batch_warnf(arg, "warning: %s", ws_msg(msg));
}

/* Count the current record as refused and copy it to the reject file. */
static void
refuse(ws_batch *b)
{
	b->nbad++;
	ws_in_reject(b->in, b->spec->rj, &b->hdone);
}

/* Check the current record's keys: 0 when good, 1 for a bad record
 * (said), -1 when the tsv/csv header is refused (said). */
static int
keys_bad(ws_batch *b)
{
	const struct ws_batch_spec *s = b->spec;
	enum ws_fmt f = ws_in_fmt(b->in);
	char *m;

	if ((s->flags & WS_BATCH_HEADER) &&
	    (f == WS_FMT_TSV || f == WS_FMT_CSV)) {
		if (b->hchecked++)
			return 0;
		progress_clear(b);	/* the check may warn */
		return ws_in_check_header(b->in, s->cols, s->required,
		    s->why) != 0 ? -1 : 0;
	}
	if (!(s->flags & (WS_BATCH_HEADER | WS_BATCH_KEYS)))
		return 0;
	if ((m = ws_in_check_keys(b->in, s->cols)) == NULL)
		return 0;
	ws_batch_warnf(b, "%s", m);
	free(m);
	return 1;
}

/* End the transaction (if one is open) by rolling back. */
static void
rollback(ws_batch *b)
{
	if (b->begun) {
		ws_bulk_cancel(b->spec->db);
		ws_rollback(b->spec->db);
		b->begun = 0;
	}
}

/* Begin the transaction with the first record. */
static void
first_record(ws_batch *b)
{
	const struct ws_batch_spec *s = b->spec;

	/* The lock is taken once input has come: a writer upstream in the
	 * pipeline (case-add | visit-log) has committed by then, and we
	 * never hold it while we wait. */
	if (b->nrec++ == 0 && s->db != NULL) {
		ws_begin(s->db);
		b->begun = 1;
		if (s->bulk && b->dg != NULL)	/* a stream, not options */
			ws_bulk_begin(s->db);
		if (s->begin != NULL)
			s->begin(b, s->arg);
	}
}

int
ws_batch_one(ws_batch *b, const char *const *v)
{
	first_record(b);
	if (b->spec->record(b, v, b->spec->arg) == 0)
		return 0;
	b->nbad++;
	return 1;
}

/* The one line that stands for the messages not shown. */
static void
flood_note(ws_batch *b)
{
	if (b->nmsg <= WS_BATCH_MAXMSG)
		return;
	ws_warn("%ld more error%s not shown (the first %d are above)",
	    b->nmsg - WS_BATCH_MAXMSG, b->nmsg - WS_BATCH_MAXMSG == 1 ? "" :
	    "s", WS_BATCH_MAXMSG);
	b->nmsg = 0;
}

int
ws_batch_end(ws_batch *b, ws_err *e)
{
	const struct ws_batch_spec *s = b->spec;

	if (b->begun && s->end != NULL)
		s->end(b, s->arg);
	progress_clear(b);
	flood_note(b);
	if (b->nrec == 0 && s->empty != NULL)
		return ws_err_set(e, EX_DATAERR, NULL, "%s: %s", s->name,
		    s->empty);
	if (b->nbad > 0 && !s->keep) {
		rollback(b);
		return ws_err_set(e, EX_DATAERR, NULL, "%ld of %ld record%s "
		    "bad; nothing written", b->nbad, b->nrec, b->nrec == 1 ?
		    "" : "s");
	}
	return 0;
}

int
ws_batch_run(ws_batch *b, ws_err *e)
{
	const struct ws_batch_spec *s = b->spec;
	const char **v;
	ws_buf *vb;
	ws_excel_codes *codes;
	size_t n, i;
	int r, rc = 0, armed, shared;
	long bound = 0;
	char *m;
	FILE *fp, *hfp = NULL;

	for (n = 0; s->cols != NULL && s->cols[n] != NULL; n++)
		;
	v = ws_calloc(n + 1, sizeof *v);
	vb = ws_calloc(n + 1, sizeof *vb);
	codes = ws_excel_codes_new(s->db);
	fp = s->fp;
	if (s->bulk && s->db != NULL) {	/* the batch's audit row says what
					   input it read (ws_bulk_end) */
		b->dg = ws_digest_new();
		if ((hfp = ws_digest_reader(s->fp, b->dg)) != NULL)
			fp = hfp;
		else {	/* no hash of the input: audited per record */
			ws_digest_free(b->dg);
			b->dg = NULL;
		}
	}
	b->in = ws_in_open(fp, s->name, s->fmt);
	if (s->bare != NULL)
		ws_in_bare(b->in, s->bare);
	if (s->db != NULL && (bound = (long)ws_query_int(s->db,
	    "PRAGMA busy_timeout", NULL, 0)) <= 0)
		bound = 10000;
	stalled = 0;
	for (;;) {
		if ((armed = b->begun && s->db != NULL))
			stall_timer(bound);
		r = ws_in_next(b->in);
		if (armed)
			stall_timer(0);
		if (stalled) {
			rc = EX_IOERR;
			break;
		}
		if (r == 0)
			break;
		if (r > 0 && ws_excel_blank(b->in))
			continue;	/* a row Excel left behind */
		first_record(b);
		progress_tick(b);
		if (r < 0) {
			progress_clear(b);
			if (++b->nmsg <= WS_BATCH_MAXMSG)
				ws_warn("%s", ws_in_error(b->in));
			refuse(b);
			if (ws_in_fmt(b->in) == WS_FMT_YAML)
				break;
			continue;
		}
		if ((r = keys_bad(b)) < 0) {
			rc = EX_DATAERR;	/* the header said why */
			break;
		} else if (r > 0) {
			refuse(b);
			continue;
		}
		for (i = 0, shared = 0; i < n; i++) { /* as Excel wrote it */
			v[i] = ws_excel_code(codes, s->cols[i],
			    ws_excel_value(&vb[i], s->cols[i],
			    ws_in_get(b->in, s->cols[i])));
			if ((m = ws_excel_code_shared(codes, s->cols[i],
			    v[i])) != NULL) {	/* issue 14: refused, 65 */
				ws_batch_err(b, s->cols[i], m);
				free(m);
				shared = 1;
			}
		}
		if (shared || s->record(b, v, s->arg) != 0)
			refuse(b);
	}
	free(v);
	for (i = 0; i < n; i++)
		ws_buf_free(&vb[i]);
	free(vb);
	ws_excel_codes_free(codes);
	if (rc != 0) {
		if (b->begun && s->end != NULL)
			s->end(b, s->arg);
		progress_clear(b);
		flood_note(b);
		rollback(b);
		ws_err_clear(e);
		e->code = rc;
		if (stalled)
			ws_err_set(e, rc, NULL, "%s: the input stalled for "
			    "%.1f s after record %ld while the database was "
			    "locked for writing; nothing was written (give the "
			    "whole batch at once, or set WUSHE_BUSY_TIMEOUT)",
			    s->name, bound / 1000.0, b->nrec);
	} else
		rc = ws_batch_end(b, e);
	ws_in_free(b->in);
	b->in = NULL;
	if (hfp != NULL)
		fclose(hfp);
	if (b->dg != NULL)
		ws_digest_hex(b->dg, b->sha);
	return rc;
}

/* The batch's one audit row per bulk table, before the COMMIT. */
static void
bulk_end(ws_batch *b)
{
	if (b->begun && ws_bulk_active(b->spec->db))
		ws_bulk_end(b->spec->db, b->spec->name, b->sha[0] != '\0' ?
		    b->sha : NULL);
}

void
ws_batch_detach(ws_batch *b)
{
	bulk_end(b);	/* the caller commits */
	b->begun = 0;
}

int
ws_batch_commit(ws_batch *b, ws_err *e)
{
	FILE *rj = b->spec->rj;

	/*
	 * The reject file reaches the disk before the COMMIT: a full disk
	 * while writing rejects rolls the batch back, so exit 74 still
	 * means nothing was written and a rerun doubles nothing.
	 */
	if (rj != NULL && (fflush(rj) == EOF || ferror(rj) ||
	    (fsync(fileno(rj)) == -1 && errno != EINVAL && errno != EROFS))) {
		rollback(b);
		return ws_err_set(e, EX_IOERR, NULL, "%s: cannot write the "
		    "rejected records: %s; nothing was written",
		    b->spec->rejpath, strerror(errno));
	}
	if (b->begun && !b->spec->dry) {
		bulk_end(b);
		ws_commit(b->spec->db);
		b->begun = 0;
	}
	return 0;
}

int
ws_batch_begun(const ws_batch *b)
{
	return b->begun;
}

void
ws_batch_free(ws_batch *b)
{
	if (b == NULL)
		return;
	rollback(b);
	if (b->in != NULL)
		ws_in_free(b->in);
	if (b->dg != NULL)
		ws_digest_free(b->dg);
	free(b->rows);
	free(b);
}

void
ws_batch_row(ws_batch *b, int64_t id)
{
	long line;

	if (b == NULL || id <= 0 || (line = ws_batch_line(b)) == 0)
		return;
	if (b->nrows > 0 && !b->unsorted &&
	    id == b->rows[b->nrows - 1].id + b->rows[b->nrows - 1].n &&
	    line == b->rows[b->nrows - 1].line + b->rows[b->nrows - 1].n) {
		b->rows[b->nrows - 1].n++;
		return;
	}
	if (b->nrows == b->caprows) {
		b->caprows = b->caprows ? b->caprows * 2 : 256;
		b->rows = ws_realloc(b->rows, b->caprows * sizeof *b->rows);
	}
	if (b->nrows > 0 && id < b->rows[b->nrows - 1].id +
	    b->rows[b->nrows - 1].n)
		b->unsorted = 1;
	b->rows[b->nrows].id = id;
	b->rows[b->nrows].n = 1;
	b->rows[b->nrows++].line = line;
}

const char *
ws_batch_clash(const ws_batch *b, int64_t id, const char *what, char *out,
    size_t n)
{
	size_t lo = 0, hi, k;

	hi = b != NULL ? b->nrows : 0;
	if (b != NULL && b->unsorted) {
		for (k = 0; k < b->nrows && (id < b->rows[k].id ||
		    id >= b->rows[k].id + b->rows[k].n); k++)
			;
		lo = k;
	} else
		while (lo < hi) {	/* the first run ending above id */
			k = lo + (hi - lo) / 2;
			if (b->rows[k].id + b->rows[k].n <= id)
				lo = k + 1;
			else
				hi = k;
		}
	if (b != NULL && lo < b->nrows && id >= b->rows[lo].id &&
	    id < b->rows[lo].id + b->rows[lo].n)
		snprintf(out, n, ws_msg("line %ld of %s"), b->rows[lo].line +
		    (long)(id - b->rows[lo].id), b->spec->name ?
		    b->spec->name : "<stdin>");
	else
		snprintf(out, n, "%s %lld", what, (long long)id);
	return out;
}

void
ws_batch_rejected(const ws_batch *b, const char *path)
{
	if (b->nbad == 0)
		return;
	if (path != NULL)
		ws_warn("%ld of %ld record%s rejected, written to %s", b->nbad,
		    b->nrec, b->nrec == 1 ? "" : "s", path);
	else
		ws_warn("%ld of %ld record%s rejected", b->nbad, b->nrec,
		    b->nrec == 1 ? "" : "s");
}

/* Non-zero when st is the same file as path (which may not exist). */
static int
same_file(const struct stat *st, const char *path)
{
	struct stat o;

	return path != NULL && stat(path, &o) == 0 && o.st_dev == st->st_dev &&
	    o.st_ino == st->st_ino;
}

FILE *
ws_batch_reject_open(const char *path, sqlite3 *db, FILE *in, ws_err *e)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	const char *dbf = db ? sqlite3_db_filename(db, "main") : NULL;
	struct stat st, is;
	FILE *fp;
	char *p;
	size_t i;
	int fd;

	if (path == NULL)
		return NULL;
	/*
	 * Opened without truncating and without following a symbolic link,
	 * created 0600 (it holds ID and phone numbers), then compared by
	 * device and inode with the database, its -wal, -shm and journal,
	 * and the input: "-j $WUSHE_DB" used to empty the database.
	 */
	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (errno == ELOOP)
			ws_err_set(e, EX_CANTCREAT, NULL, "%s: is a symbolic "
			    "link; a reject file holds personal data, so it is "
			    "not written through one", path);
		else
			ws_err_set(e, EX_CANTCREAT, NULL, "%s:", path);
		return NULL;
	}
	if (fstat(fd, &st) == 0) {
		for (i = 0; dbf != NULL && *dbf != '\0' && i < 4; i++) {
			p = ws_asprintf("%s%s", dbf, sfx[i]);
			if (same_file(&st, p)) {
				free(p);
				close(fd);
				ws_err_set(e, EX_USAGE, NULL, "%s: is the "
				    "database%s%s; choose another reject file",
				    path, i ? "'s " : "", i ? sfx[i] + 1 : "");
				return NULL;
			}
			free(p);
		}
		if (in != NULL && fstat(fileno(in), &is) == 0 &&
		    S_ISREG(is.st_mode) && is.st_dev == st.st_dev &&
		    is.st_ino == st.st_ino) {
			close(fd);
			ws_err_set(e, EX_USAGE, NULL, "%s: is the input; "
			    "choose another reject file", path);
			return NULL;
		}
		if (S_ISREG(st.st_mode)) {
			if (ftruncate(fd, 0) == -1 || (st.st_uid == geteuid() &&
			    fchmod(fd, 0600) == -1)) {
				ws_err_set(e, EX_CANTCREAT, NULL, "%s:", path);
				close(fd);
				return NULL;
			}
		}
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		ws_err_set(e, EX_CANTCREAT, NULL, "%s:", path);
		close(fd);
	}
	return fp;
}

int
ws_batch_reject_close(FILE *rj, const char *path, ws_err *e)
{
	if (rj == NULL)
		return 0;
	if (ferror(rj) || fclose(rj) == EOF)
		return ws_err_set(e, EX_IOERR, NULL, "%s:", path);
	return 0;
}

int
ws_batch_spec_stdin(struct ws_batch_spec *s, sqlite3 *db, enum ws_fmt fmt,
    const char *rejpath, int keep, int dry, int quiet, ws_err *e)
{
	memset(s, 0, sizeof *s);
	s->fp = stdin;
	s->name = "<stdin>";
	s->fmt = fmt;
	s->db = db;
	s->keep = keep;
	s->dry = dry;
	s->quiet = quiet;
	s->rejpath = rejpath;
	if (rejpath != NULL &&
	    (s->rj = ws_batch_reject_open(rejpath, db, s->fp, e)) == NULL)
		return e->code;
	return 0;
}

int
ws_batch_close(ws_batch *b, long *nbad, ws_err *e)
{
	const struct ws_batch_spec *s = b->spec;

	*nbad = b->nbad;
	ws_batch_free(b);
	return ws_batch_reject_close(s->rj, s->rejpath, e);
}

int
ws_batch_id(int64_t id, int64_t *first, int64_t *last)
{
	if (id == 0)
		return 1;
	if (*first == 0)
		*first = id;
	*last = id;
	return 0;
}
