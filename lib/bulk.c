/*
 * bulk.c - one audit row per bulk batch (schema/017-batch-audit.sql):
 * the SQL function ws_bulk() the bulk tables' insert triggers ask, the
 * batch's audit row and its digest, the check of wushe-db check on the
 * batches, and the reader that hashes an input as it is read.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* ---- the batch of this process */

enum { NBULK = 32 };

static struct {
	sqlite3 *db;		/* the connection writing a batch, or NULL */
	int n;
	struct {
		char *tbl, *col;
		int64_t lo;	/* keys from lo on are the batch's */
	} t[NBULK];
} bulk;

/* ws_bulk(tbl, key): 1 when this connection writes a batch and key (of
 * tbl's key column) is one of the batch's, else 0. */
static void
fn_bulk(sqlite3_context *c, int n, sqlite3_value **v)
{
	const char *t;
	int i;

	(void)n;
	if (bulk.db == NULL || bulk.db != sqlite3_context_db_handle(c) ||
	    sqlite3_value_type(v[1]) != SQLITE_INTEGER ||
	    (t = (const char *)sqlite3_value_text(v[0])) == NULL) {
		sqlite3_result_int(c, 0);
		return;
	}
	for (i = 0; i < bulk.n; i++)
		if (strcmp(bulk.t[i].tbl, t) == 0) {
			sqlite3_result_int(c, sqlite3_value_int64(v[1]) >=
			    bulk.t[i].lo);
			return;
		}
	sqlite3_result_int(c, 0);
}

/* ---- the batches of one table, for wushe-db check and the baseline */

static struct range {
	int64_t lo, hi, id;
} *ranges;
static size_t nranges;

/* ws_batch_of(key): the id of the batch audit row whose range holds key
 * (the table ws_bulk_ranges loaded last), or NULL. */
static void
fn_batch_of(sqlite3_context *c, int n, sqlite3_value **v)
{
	size_t lo = 0, hi = nranges, m;
	int64_t k;

	(void)n;
	if (sqlite3_value_type(v[0]) != SQLITE_INTEGER) {
		sqlite3_result_null(c);
		return;
	}
	k = sqlite3_value_int64(v[0]);
	while (lo < hi) {	/* the ranges are sorted and do not overlap */
		m = lo + (hi - lo) / 2;
		if (k > ranges[m].hi)
			lo = m + 1;
		else
			hi = m;
	}
	if (lo < nranges && k >= ranges[lo].lo)
		sqlite3_result_int64(c, ranges[lo].id);
	else
		sqlite3_result_null(c);
}

void
ws_bulk_register(sqlite3 *db)
{
	sqlite3_create_function(db, "ws_bulk", 2, SQLITE_UTF8, NULL, fn_bulk,
	    NULL, NULL);
	sqlite3_create_function(db, "ws_batch_of", 1, SQLITE_UTF8, NULL,
	    fn_batch_of, NULL, NULL);
}

int
ws_bulk_col(sqlite3 *db, const char *tbl, char *col, size_t n)
{
	sqlite3_stmt *st;
	int ok = 0;

	st = ws_prepare(db, "SELECT name FROM pragma_table_info(?1)"
	    " WHERE pk = 1 AND upper(type) = 'INTEGER'");
	ws_bind_text(st, 1, tbl);
	if (ws_step(st) == SQLITE_ROW) {
		ws_strlcpy(col, (const char *)sqlite3_column_text(st, 0), n);
		ok = 1;
	}
	sqlite3_finalize(st);
	return ok;
}

void
ws_bulk_ranges(sqlite3 *db, const char *tbl)
{
	sqlite3_stmt *st;
	size_t cap = 0;

	free(ranges);
	ranges = NULL;
	nranges = 0;
	st = ws_prepare(db, "SELECT CAST(json_extract(new, '$.first') AS"
	    " INTEGER) AS lo, CAST(json_extract(new, '$.last') AS INTEGER),"
	    " id FROM audit WHERE tbl = ?1 AND op = 'batch' ORDER BY lo");
	ws_bind_text(st, 1, tbl);
	while (ws_step(st) == SQLITE_ROW) {
		if (nranges == cap) {
			cap = cap ? 2 * cap : 16;
			ranges = ws_realloc(ranges, cap * sizeof *ranges);
		}
		ranges[nranges].lo = sqlite3_column_int64(st, 0);
		ranges[nranges].hi = sqlite3_column_int64(st, 1);
		ranges[nranges++].id = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
}

/* ---- a batch's digest */

/* Append value i of st's row to b: its type (n, i, f, t or b), then "-"
 * for NULL, else its length in bytes, ':' and its bytes as text (the
 * spelling of ws_sha256's values; one SHA-256 update per row). */
static void
put_value(ws_buf *b, sqlite3_stmt *st, int i)
{
	char num[24], *p = num + sizeof num;
	int t = sqlite3_column_type(st, i), len, k;
	const unsigned char *v;

	ws_buf_addc(b, "niftb"[t % 5]);
	if (t == SQLITE_NULL) {
		ws_buf_addc(b, '-');
		return;
	}
	v = sqlite3_column_text(st, i);
	len = sqlite3_column_bytes(st, i);
	*--p = ':';
	k = len;
	do
		*--p = (char)('0' + k % 10);
	while ((k /= 10) > 0);
	ws_buf_add(b, p, (size_t)(num + sizeof num - p));
	ws_buf_add(b, (const char *)v, (size_t)len);
}

/*
 * The digest of the rows of tbl (key column col) with keys lo to hi as
 * the batch audit row after wrote them: each row's values, in key order;
 * a row changed or deleted since (an audit row after this one) as its
 * first such audit row's old row; a row written since by a single insert
 * not at all.  *rows is their number.
 */
static void
digest(sqlite3 *db, const char *tbl, const char *col, int64_t after,
    int64_t lo, int64_t hi, int64_t *rows, char out[65])
{
	ws_buf sql = {0}, lc = {0}, ec = {0}, ord = {0}, key = {0}, row = {0};
	sqlite3_stmt *st;
	ws_digest *d = ws_digest_new();
	const char *c;
	int n = 0, i;

	/*
	 * Each row's columns in table order, each value with its type (the
	 * old row of an audit row read back from its JSON, which keeps
	 * integers, reals, text and NULL apart).  In key order: each side
	 * of the UNION ALL comes in that order (the table's by its primary
	 * key, no sort, so a million-row batch needs no memory for it) and
	 * SQLite merges the two.
	 */
	st = ws_prepare(db, "SELECT name, pk FROM pragma_table_info(?1)"
	    " ORDER BY cid");
	ws_bind_text(st, 1, tbl);
	while (ws_step(st) == SQLITE_ROW) {
		c = (const char *)sqlite3_column_text(st, 0);
		ws_buf_printf(&lc, "%sr.\"%s\"", n > 0 ? ", " : "", c);
		ws_buf_printf(&ec, "%sjson_extract(old, '$.\"%s\"')", n > 0 ?
		    ", " : "", c);
		n++;
		if (sqlite3_column_int(st, 1) > 0)
			ws_buf_printf(&ord, "%s%d", ord.len > 0 ? ", " : "", n);
	}
	sqlite3_finalize(st);
	ws_audit_texpr(db, tbl, "r", NULL, &key);
	ws_buf_printf(&sql, "WITH ev AS MATERIALIZED (SELECT row_key AS k,"
	    " op, old, min(id) FROM audit WHERE id > ?1 AND tbl = ?2 AND op"
	    " IN ('insert', 'update', 'delete') AND CAST(row_key AS INTEGER)"
	    " BETWEEN ?3 AND ?4 GROUP BY row_key) SELECT %s FROM \"%s\" AS r"
	    " WHERE r.\"%s\" BETWEEN ?3 AND ?4 AND %s NOT IN (SELECT k FROM"
	    " ev) UNION ALL SELECT %s FROM ev WHERE op IN ('update', 'delete')"
	    " ORDER BY %s", lc.s, tbl, col, key.s, ec.s, ord.s);
	st = ws_prepare(db, sql.s);
	ws_bind_int(st, 1, after);
	ws_bind_text(st, 2, tbl);
	ws_bind_int(st, 3, lo);
	ws_bind_int(st, 4, hi);
	*rows = 0;
	while (ws_step(st) == SQLITE_ROW) {
		ws_buf_reset(&row);
		for (i = 0; i < n; i++)
			put_value(&row, st, i);
		ws_digest_add(d, row.s, row.len);
		++*rows;
	}
	ws_buf_free(&row);
	sqlite3_finalize(st);
	ws_digest_hex(d, out);
	ws_digest_free(d);
	ws_buf_free(&sql);
	ws_buf_free(&lc);
	ws_buf_free(&ec);
	ws_buf_free(&ord);
	ws_buf_free(&key);
}

/* ---- a bulk intake */

/* The largest key of tbl's key column col, 0 for none. */
static int64_t
top_key(sqlite3 *db, const char *tbl, const char *col)
{
	char *sql = ws_asprintf("SELECT ifnull(max(\"%s\"), 0) FROM \"%s\"",
	    col, tbl);
	int64_t top = ws_query_int(db, sql, NULL, 0);

	free(sql);
	return top;
}

static void
bulk_clear(void)
{
	int i;

	for (i = 0; i < bulk.n; i++) {
		free(bulk.t[i].tbl);
		free(bulk.t[i].col);
	}
	bulk.n = 0;
	bulk.db = NULL;
}

void
ws_bulk_begin(sqlite3 *db)
{
	sqlite3_stmt *cat;
	const char *t;
	char col[128];
	int64_t top, last;

	bulk_clear();
	if (ws_query_int(db, "SELECT count(*) FROM sqlite_master WHERE"
	    " name = 'audit_batch'", NULL, 0) == 0)
		return;		/* a schema before 017 (tests' old files) */
	cat = ws_prepare(db, "SELECT tbl FROM audit_catalog WHERE bulk = 1"
	    " ORDER BY tbl");
	while (ws_step(cat) == SQLITE_ROW && bulk.n < NBULK) {
		t = (const char *)sqlite3_column_text(cat, 0);
		if (!ws_bulk_col(db, t, col, sizeof col))
			continue;
		top = top_key(db, t, col);
		last = ws_query_int(db, "SELECT ifnull(max(CAST(json_extract("
		    "new, '$.last') AS INTEGER)), 0) FROM audit WHERE tbl = ?1"
		    " AND op = 'batch'", t, 0);
		bulk.t[bulk.n].tbl = ws_strdup(t);
		bulk.t[bulk.n].col = ws_strdup(col);
		bulk.t[bulk.n++].lo = (top > last ? top : last) + 1;
	}
	sqlite3_finalize(cat);
	bulk.db = db;
}

int
ws_bulk_active(sqlite3 *db)
{
	return db != NULL && bulk.db == db;
}

void
ws_bulk_cancel(sqlite3 *db)
{
	if (ws_bulk_active(db))
		bulk_clear();
}

void
ws_bulk_end(sqlite3 *db, const char *input, const char *sha)
{
	sqlite3_stmt *ins;
	ws_buf sql = {0};
	char d[65];
	int64_t hi, rows, after;
	int i;

	if (!ws_bulk_active(db))
		return;
	bulk.db = NULL;		/* the batch's own rows are not the batch's */
	ws_audit_insert_sql(&sql, "ws_cmd()", "?1", "'batch'",
	    "?4 || '-' || ?5", "NULL", "json_object('rows', ?3, 'first', ?4,"
	    " 'last', ?5, 'column', ?6, 'input', ?7, 'input_sha256', ?8)",
	    "?2");
	ins = ws_prepare(db, sql.s);
	ws_buf_free(&sql);
	/* the rows as they are now: no audit row after this one is of a
	 * row of theirs (the batch rows written below are not) */
	after = ws_query_int(db, "SELECT ifnull(max(id), 0) FROM audit", NULL,
	    0);
	for (i = 0; i < bulk.n; i++) {
		hi = top_key(db, bulk.t[i].tbl, bulk.t[i].col);
		if (hi < bulk.t[i].lo)
			continue;	/* nothing new in this table */
		digest(db, bulk.t[i].tbl, bulk.t[i].col, after, bulk.t[i].lo,
		    hi, &rows, d);
		if (rows == 0)
			continue;
		ws_bind_text(ins, 1, bulk.t[i].tbl);
		ws_bind_text(ins, 2, d);
		ws_bind_int(ins, 3, rows);
		ws_bind_int(ins, 4, bulk.t[i].lo);
		ws_bind_int(ins, 5, hi);
		ws_bind_text(ins, 6, bulk.t[i].col);
		ws_bind_text(ins, 7, input);
		ws_bind_text(ins, 8, sha);
		if (ws_step(ins) != SQLITE_DONE)
			ws_bug("the batch audit row of '%s' was refused",
			    bulk.t[i].tbl);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	bulk_clear();
}

/* ---- wushe-db check */

int
ws_bulk_check(sqlite3 *db, const char *tbl, char *msg, size_t n)
{
	sqlite3_stmt *st;
	char col[128], d[65];
	const char *want, *wcol;
	int64_t rows, id, lo, hi, wrows;
	int bad = 0;

	st = ws_prepare(db, "SELECT id, CAST(json_extract(new, '$.first') AS"
	    " INTEGER), CAST(json_extract(new, '$.last') AS INTEGER),"
	    " CAST(json_extract(new, '$.rows') AS INTEGER), digest,"
	    " json_extract(new, '$.column') FROM audit WHERE tbl = ?1 AND"
	    " op = 'batch' ORDER BY id");
	ws_bind_text(st, 1, tbl);
	while (!bad && ws_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		lo = sqlite3_column_int64(st, 1);
		hi = sqlite3_column_int64(st, 2);
		wrows = sqlite3_column_int64(st, 3);
		want = (const char *)sqlite3_column_text(st, 4);
		wcol = (const char *)sqlite3_column_text(st, 5);
		if (!ws_bulk_col(db, tbl, col, sizeof col) || wcol == NULL ||
		    strcmp(col, wcol) != 0) {
			snprintf(msg, n, "%s: batch audit row %" PRId64 " names"
			    " the key column '%s', which the table does not "
			    "have as its first key", tbl, id, wcol ? wcol : "");
			bad = 1;
			break;
		}
		digest(db, tbl, col, id, lo, hi, &rows, d);
		if (rows != wrows || want == NULL || strcmp(d, want) != 0) {
			snprintf(msg, n, "%s %" PRId64 "-%" PRId64 ": the rows "
			    "of batch audit row %" PRId64 " (%" PRId64 " rows "
			    "then, %" PRId64 " now) differ from what it "
			    "recorded (changed, added or removed without the "
			    "audit)", tbl, lo, hi, id, wrows, rows);
			bad = 1;
		}
	}
	sqlite3_finalize(st);
	return bad;
}

/* ---- an input hashed as it is read */

struct reader {
	FILE *fp;
	ws_digest *d;
	char *line;		/* the line read, not all handed on yet */
	size_t cap, len, off;
};

/* A line at a time (as getline waits for no more than that, where fread
 * would wait for a whole buffer): a record that has come is read, and a
 * stalled pipe is left to the stall timer (lib/batch.c). */
static ssize_t
rd_read(void *cookie, char *buf, size_t size)
{
	struct reader *r = cookie;
	ssize_t n;

	if (r->off == r->len) {
		if ((n = getline(&r->line, &r->cap, r->fp)) < 0)
			return ferror(r->fp) ? -1 : 0;
		ws_digest_add(r->d, r->line, (size_t)n);
		r->len = (size_t)n;
		r->off = 0;
	}
	if (size > r->len - r->off)
		size = r->len - r->off;
	memcpy(buf, r->line + r->off, size);
	r->off += size;
	return (ssize_t)size;
}

/* The reader open now: a command that exits with its input open (a
 * refusal before the batch ends, 77 or 74) leaves it reachable, not
 * leaked (LeakSanitizer cannot see into glibc's cookie streams). */
static struct reader *open_reader;

static int
rd_close(void *cookie)
{
	struct reader *r = cookie;

	if (open_reader == r)
		open_reader = NULL;
	free(r->line);
	free(r);		/* the input itself stays open */
	return 0;
}

FILE *
ws_digest_reader(FILE *fp, ws_digest *d)
{
	cookie_io_functions_t io = { .read = rd_read, .close = rd_close };
	struct reader *r = ws_calloc(1, sizeof(*r));
	FILE *f;

	r->fp = fp;
	r->d = d;
	if ((f = fopencookie(r, "r", io)) == NULL)
		free(r);
	else
		open_reader = r;
	return f;
}
