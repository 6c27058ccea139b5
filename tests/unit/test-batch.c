/* test-batch.c - unit tests for lib/batch.c (TAP): the loop with a fake
 * callback that refuses records whose "n" is odd. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"
#include "unit.h"

enum { C_N, C_NOTE, C_NCOLS };
static const char *const cols[] = { "n", "note", NULL };
static const char *const required[] = { "n", NULL };

static sqlite3 *db;
static FILE *errfp;	/* stderr goes here while a batch runs */
static int saved_err;

static FILE *
sfile(const char *s)
{
	FILE *fp = tmpfile();

	fputs(s, fp);
	rewind(fp);
	return fp;
}

static char *
slurp(FILE *fp)
{
	ws_buf b = {0};
	char chunk[4096];
	size_t n;

	fflush(fp);
	rewind(fp);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		ws_buf_add(&b, chunk, n);
	return b.s ? b.s : ws_strdup("");
}

/* Capture stderr into errfp until release_stderr. */
static void
capture_stderr(void)
{
	fflush(stderr);
	errfp = tmpfile();
	saved_err = dup(2);
	dup2(fileno(errfp), 2);
}

static char *
release_stderr(void)
{
	fflush(stderr);
	dup2(saved_err, 2);
	close(saved_err);
	char *s = slurp(errfp);
	fclose(errfp);
	return s;
}

/* Refuse odd n (reported by field), write even n into table t. */
static int
record(ws_batch *b, const char *const *v, void *arg)
{
	sqlite3_stmt *st;
	int *calls = arg;

	(*calls)++;
	if (v[C_N] == NULL) {
		ws_batch_err(b, "n", "required");
		return 1;
	}
	if (atoi(v[C_N]) % 2 != 0) {
		ws_batch_err(b, "n", "odd");
		return 1;
	}
	st = ws_prepare(db, "INSERT INTO t VALUES (?, ?)");
	ws_bind_text(st, 1, v[C_N]);
	ws_bind_text(st, 2, v[C_NOTE]);
	ws_step(st);
	sqlite3_finalize(st);
	return 0;
}

static long
rows(void)
{
	return (long)ws_query_int(db, "SELECT count(*) FROM t", NULL, -1);
}

/* Run a batch over text; sets *msgs (stderr, allocated) and *emsg. */
static int
run(const char *text, int keep, FILE *rj, int *calls, char **msgs,
    char **emsg, long *nbad)
{
	struct ws_batch_spec s;
	ws_err e = {0};
	ws_batch *b;
	FILE *fp = sfile(text);
	int rc;

	memset(&s, 0, sizeof s);
	s.fp = fp;
	s.name = "<in>";
	s.cols = cols;
	s.flags = WS_BATCH_HEADER;
	s.required = required;
	s.why = "a record needs n";
	s.empty = "no records in the input";
	s.db = db;
	s.keep = keep;
	s.rj = rj;
	s.quiet = 1;
	s.record = record;
	s.arg = calls;
	*calls = 0;
	capture_stderr();
	b = ws_batch_new(&s);
	rc = ws_batch_run(b, &e);
	if (rc == 0)
		CHECK(ws_batch_commit(b, &e) == 0, "commit");
	*nbad = ws_batch_nbad(b);
	ws_batch_free(b);
	*msgs = release_stderr();
	*emsg = e.msg ? ws_strdup(e.msg) : NULL;
	ws_err_clear(&e);
	fclose(fp);
	return rc;
}

int
main(void)
{
	char *msgs, *emsg, *rej;
	int calls, rc;
	long nbad;
	FILE *rj;
	ws_err e = {0};

	ws_init("test-batch");
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return 1;
	ws_exec(db, "CREATE TABLE t (n TEXT, note TEXT)");

	/* all good */
	rc = run("n\tnote\n2\ta\n4\tb\n", 0, NULL, &calls, &msgs, &emsg, &nbad);
	CHECK(rc == 0, "good batch: 0");
	CHECK(calls == 2, "good batch: callback once a record");
	CHECK(rows() == 2, "good batch: written");
	CHECK_STR(msgs, "", "good batch: nothing on stderr");
	free(msgs);
	free(emsg);
	ws_exec(db, "DELETE FROM t");

	/* a bad first record: nothing written, every bad line named */
	rc = run("n\tnote\n1\ta\n2\tb\n3\tc\n", 0, NULL, &calls, &msgs, &emsg,
	    &nbad);
	CHECK(rc == EX_DATAERR, "bad first record: 65");
	CHECK(calls == 3, "bad first record: every record still checked");
	CHECK(rows() == 0, "bad first record: nothing written");
	CHECK_STR(msgs, "test-batch: <in>:2: n: odd\n"
	    "test-batch: <in>:4: n: odd\n", "bad first record: lines named");
	CHECK_STR(emsg, "2 of 3 records bad; nothing written",
	    "bad first record: the refusal");
	free(msgs);
	free(emsg);

	/* keep-going: the good ones written, the bad ones rejected */
	rj = tmpfile();
	rc = run("n\tnote\n1\ta\n2\tb\n3\tc\n", 1, rj, &calls, &msgs, &emsg,
	    &nbad);
	CHECK(rc == 0, "keep-going: 0");
	CHECK(nbad == 2, "keep-going: two refused");
	CHECK(rows() == 1, "keep-going: the good one written");
	rej = slurp(rj);
	CHECK_STR(rej, "n\tnote\n1\ta\n3\tc\n",
	    "keep-going: reject file holds the header and the bad records");
	free(rej);
	fclose(rj);
	free(msgs);
	free(emsg);
	ws_exec(db, "DELETE FROM t");

	/* json records stand alone in the reject file */
	rj = tmpfile();
	rc = run("{\"n\":\"2\"}\n{\"n\":\"5\",\"note\":\"x\"}\n{\"m\":1}\n", 1,
	    rj, &calls, &msgs, &emsg, &nbad);
	CHECK(rc == 0 && nbad == 2, "json keep-going: two refused");
	CHECK(calls == 2, "json: a record with an unknown key never reaches "
	    "the callback");
	rej = slurp(rj);
	CHECK_STR(rej, "{\"n\":\"5\",\"note\":\"x\"}\n{\"m\":1}\n",
	    "json: reject file holds the records as read");
	free(rej);
	fclose(rj);
	free(msgs);
	free(emsg);
	ws_exec(db, "DELETE FROM t");

	/* required column missing from the header */
	rc = run("note\nx\n", 0, NULL, &calls, &msgs, &emsg, &nbad);
	CHECK(rc == EX_DATAERR, "missing column: 65");
	CHECK(calls == 0, "missing column: no record checked");
	CHECK(emsg == NULL, "missing column: the header message was printed");
	CHECK(strstr(msgs, "<in>:1: missing column 'n' (a record needs n)")
	    != NULL, "missing column: named with its reason");
	free(msgs);
	free(emsg);

	/* unknown column */
	rc = run("n\tcolour\n2\tred\n", 0, NULL, &calls, &msgs, &emsg, &nbad);
	CHECK(rc == EX_DATAERR && rows() == 0, "unknown column: refused");
	CHECK(strstr(msgs, "<in>:1: unknown column 'colour'") != NULL,
	    "unknown column: named");
	free(msgs);
	free(emsg);

	/* empty input */
	rc = run("", 0, NULL, &calls, &msgs, &emsg, &nbad);
	CHECK(rc == EX_DATAERR, "empty input: 65");
	CHECK_STR(emsg, "<in>: no records in the input", "empty input: said");
	free(msgs);
	free(emsg);

	/* the reject file */
	CHECK(ws_batch_reject_open("/nonexistent/dir/rej", NULL, NULL, &e) == NULL &&
	    e.code == EX_CANTCREAT, "reject file that cannot be created: 73");
	CHECK(e.msg != NULL && strncmp(e.msg, "/nonexistent/dir/rej: ", 22)
	    == 0, "reject file: the message names the path");
	ws_err_clear(&e);

	sqlite3_close(db);
	return DONE();
}
