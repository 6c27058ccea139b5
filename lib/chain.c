/*
 * chain.c - the audit's hash chain: SHA-256 (from nettle), the audit
 * triggers made from the catalog (schema/016-privacy.sql), the checks of
 * wushe-db check on the chain, the audited rows and the schema, and the
 * seal of wushe-db audit --seal.
 */
#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* ---- hashing */

static void
hex(const uint8_t *d, size_t n, char *out)
{
	static const char x[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Feed one value: "-" for NULL, else its length in bytes, ':' and the
 * bytes, so no two argument lists feed the same bytes. */
static void
feed(void (*up)(void *, size_t, const uint8_t *), void *ctx,
    sqlite3_value *v)
{
	char len[24];
	const unsigned char *s;
	int n;

	if (sqlite3_value_type(v) == SQLITE_NULL) {
		up(ctx, 1, (const uint8_t *)"-");
		return;
	}
	s = sqlite3_value_text(v);
	n = sqlite3_value_bytes(v);
	snprintf(len, sizeof len, "%d:", n);
	up(ctx, strlen(len), (const uint8_t *)len);
	if (n > 0)
		up(ctx, (size_t)n, s);
}

static void
up_sha(void *ctx, size_t n, const uint8_t *s)
{
	sha256_update(ctx, n, s);
}

static void
up_hmac(void *ctx, size_t n, const uint8_t *s)
{
	hmac_sha256_update(ctx, n, s);
}

/* ---- a running SHA-256, for the batches of lib/bulk.c */

struct ws_digest {
	struct sha256_ctx ctx;
};

ws_digest *
ws_digest_new(void)
{
	ws_digest *d = ws_calloc(1, sizeof(*d));

	sha256_init(&d->ctx);
	return d;
}

void
ws_digest_add(ws_digest *d, const void *p, size_t n)
{
	if (n > 0)
		sha256_update(&d->ctx, n, p);
}

void
ws_digest_hex(ws_digest *d, char out[65])
{
	uint8_t x[SHA256_DIGEST_SIZE];

	sha256_digest(&d->ctx, sizeof x, x);
	hex(x, sizeof x, out);
}

void
ws_digest_free(ws_digest *d)
{
	free(d);
}

/* ws_sha256(v, ...): the hex SHA-256 of the values. */
static void
fn_sha256(sqlite3_context *c, int n, sqlite3_value **v)
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char out[2 * SHA256_DIGEST_SIZE + 1];
	int i;

	sha256_init(&ctx);
	for (i = 0; i < n; i++)
		feed(up_sha, &ctx, v[i]);
	sha256_digest(&ctx, sizeof d, d);
	hex(d, sizeof d, out);
	sqlite3_result_text(c, out, -1, SQLITE_TRANSIENT);
}

/* ws_pseudonym(key, value): NULL for NULL, else "p" and the first 16 hex
 * digits of HMAC-SHA-256(key, value). */
static void
fn_pseudonym(sqlite3_context *c, int n, sqlite3_value **v)
{
	struct hmac_sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char out[2 * SHA256_DIGEST_SIZE + 2];
	const unsigned char *k = sqlite3_value_text(v[0]);

	if (sqlite3_value_type(v[1]) == SQLITE_NULL || k == NULL) {
		sqlite3_result_null(c);
		return;
	}
	hmac_sha256_set_key(&ctx, (size_t)sqlite3_value_bytes(v[0]), k);
	feed(up_hmac, &ctx, v[1]);
	hmac_sha256_digest(&ctx, sizeof d, d);
	out[0] = 'p';
	hex(d, 8, out + 1);
	sqlite3_result_text(c, out, -1, SQLITE_TRANSIENT);
}

void
ws_chain_register(sqlite3 *db)
{
	sqlite3_create_function(db, "ws_sha256", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_sha256, NULL, NULL);
	sqlite3_create_function(db, "ws_pseudonym", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_pseudonym, NULL,
	    NULL);
	ws_bulk_register(db);
}

/* ---- the audit row, said once */

void
ws_audit_insert_sql(ws_buf *b, const char *cmd, const char *tbl,
    const char *op, const char *key, const char *old, const char *new,
    const char *digest)
{
	ws_buf_printf(b,
	    "INSERT INTO audit (at, os_user, command, tbl, op, row_key, old,"
	    " new, digest, prev, hash)"
	    " SELECT a, u, c, t, o, k, jo, jn, d, p,"
	    " ws_sha256(p, a, u, c, t, o, k, jo, jn, d) FROM (SELECT"
	    " strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now') AS a,"
	    " ws_user() AS u, %s AS c, %s AS t, %s AS o, %s AS k,"
	    " %s AS jo, %s AS jn, %s AS d,"
	    " (SELECT hash FROM audit ORDER BY id DESC LIMIT 1) AS p)",
	    cmd, tbl, op, key, old, new, digest);
}

/* ---- a table's expressions, from its own columns */

struct texpr {
	ws_buf json;		/* json_object('c', A.c, ...) */
	ws_buf key;		/* CAST(A.k1 || '/' || A.k2 AS TEXT) */
};

/* Quote an identifier ("...") or a string ('...') into b. */
static void
quote(ws_buf *b, const char *s, char q)
{
	ws_buf_addc(b, q);
	for (; *s; s++) {
		if (*s == q)
			ws_buf_addc(b, q);
		ws_buf_addc(b, *s);
	}
	ws_buf_addc(b, q);
}

static void
table_expr(sqlite3 *db, const char *tbl, const char *alias, struct texpr *t)
{
	sqlite3_stmt *st;
	int n = 0, npk = 0;
	const char *col;

	memset(t, 0, sizeof *t);
	ws_buf_adds(&t->json, "json_object(");
	ws_buf_adds(&t->key, "CAST(");
	st = ws_prepare(db, "SELECT name, pk FROM pragma_table_info(?1)"
	    " ORDER BY pk = 0, pk, cid");
	ws_bind_text(st, 1, tbl);
	while (ws_step(st) == SQLITE_ROW) {
		col = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_int(st, 1) > 0) {
			if (npk++ > 0)
				ws_buf_adds(&t->key, " || '/' || ");
			ws_buf_printf(&t->key, "%s.", alias);
			quote(&t->key, col, '"');
		}
		n++;
	}
	sqlite3_finalize(st);
	if (n == 0)
		ws_bug("audit catalog: no table '%s'", tbl);
	if (npk == 0)
		ws_buf_printf(&t->key, "%s.rowid", alias);
	ws_buf_adds(&t->key, " AS TEXT)");
	/* the JSON in column order, as the 005 triggers wrote it */
	st = ws_prepare(db, "SELECT name FROM pragma_table_info(?1)"
	    " ORDER BY cid");
	ws_bind_text(st, 1, tbl);
	n = 0;
	while (ws_step(st) == SQLITE_ROW) {
		col = (const char *)sqlite3_column_text(st, 0);
		if (n++ > 0)
			ws_buf_adds(&t->json, ", ");
		quote(&t->json, col, '\'');
		ws_buf_printf(&t->json, ", %s.", alias);
		quote(&t->json, col, '"');
	}
	sqlite3_finalize(st);
	ws_buf_addc(&t->json, ')');
}

static void
texpr_free(struct texpr *t)
{
	ws_buf_free(&t->json);
	ws_buf_free(&t->key);
}

void
ws_audit_texpr(sqlite3 *db, const char *tbl, const char *alias, ws_buf *json,
    ws_buf *key)
{
	struct texpr t;

	table_expr(db, tbl, alias, &t);
	if (json != NULL)
		ws_buf_adds(json, ws_buf_str(&t.json));
	ws_buf_adds(key, ws_buf_str(&t.key));
	texpr_free(&t);
}

/* ---- the triggers, from the catalog */

static void
make_triggers(sqlite3 *db, const char *tbl, int bulk)
{
	static const char *const ops[] = { "insert", "update", "delete" };
	struct texpr o, n;
	ws_buf sql = {0}, qt = {0}, dig = {0};
	char col[128];
	int i, batched;

	/* a bulk table's inserts in a batch are audited by the batch's one
	 * row (lib/bulk.c) */
	batched = bulk && ws_bulk_col(db, tbl, col, sizeof col);
	table_expr(db, tbl, "old", &o);
	table_expr(db, tbl, "new", &n);
	quote(&qt, tbl, '\'');
	ws_buf_printf(&dig, "ws_sha256(%s)", ws_buf_str(&n.json));
	for (i = 0; i < 3; i++) {
		ws_buf_printf(&sql, "DROP TRIGGER IF EXISTS \"%s_audit_%s\";"
		    " CREATE TRIGGER \"%s_audit_%s\" AFTER %s ON ", tbl,
		    ops[i], tbl, ops[i], i == 0 ? "INSERT" : i == 1 ?
		    "UPDATE" : "DELETE");
		quote(&sql, tbl, '"');
		if (i == 0 && batched) {
			ws_buf_printf(&sql, " WHEN ws_bulk(%s, new.", qt.s);
			quote(&sql, col, '"');
			ws_buf_adds(&sql, ") = 0");
		}
		ws_buf_adds(&sql, " BEGIN ");
		if (i == 0)
			ws_audit_insert_sql(&sql, "ws_cmd()", qt.s,
			    "'insert'", n.key.s, "NULL", bulk ? "NULL" :
			    n.json.s, dig.s);
		else if (i == 1)
			ws_audit_insert_sql(&sql, "ws_cmd()", qt.s,
			    "'update'", o.key.s, o.json.s, n.json.s, dig.s);
		else
			ws_audit_insert_sql(&sql, "ws_cmd()", qt.s,
			    "'delete'", o.key.s, o.json.s, "NULL", "NULL");
		ws_buf_adds(&sql, "; END;\n");
	}
	ws_exec(db, sql.s);
	ws_buf_free(&sql);
	ws_buf_free(&qt);
	ws_buf_free(&dig);
	texpr_free(&o);
	texpr_free(&n);
}

/* Append to b the expression of the batch that holds a row of tbl
 * (alias r): ws_batch_of(r."col") with tbl's batch ranges loaded, or
 * NULL when tbl is not written in batches.  Returns whether it is. */
static int
batch_of(sqlite3 *db, const char *tbl, ws_buf *b)
{
	char col[128];

	if (!ws_bulk_col(db, tbl, col, sizeof col)) {
		ws_buf_adds(b, "NULL");
		return 0;
	}
	ws_bulk_ranges(db, tbl);
	ws_buf_adds(b, "ws_batch_of(r.");
	quote(b, col, '"');
	ws_buf_addc(b, ')');
	return 1;
}

/* Record the digest of each row of tbl that no audit row describes (a
 * row written before its table joined the catalog), one row at a time
 * so that each row chains to the one before. */
static void
baseline(sqlite3 *db, const char *tbl)
{
	sqlite3_stmt *sel, *ins;
	struct texpr r;
	ws_buf sql = {0};

	table_expr(db, tbl, "r", &r);
	/* the keys with a digest, once (a correlated NOT EXISTS scanned the
	 * whole audit for every row: every upgrade of a site with a
	 * million visits ran for hours) */
	ws_buf_printf(&sql, "WITH d AS MATERIALIZED (SELECT DISTINCT row_key"
	    " FROM audit WHERE tbl = ?1 AND digest IS NOT NULL AND row_key"
	    " IS NOT NULL) SELECT %s, ws_sha256(%s) FROM ", r.key.s,
	    r.json.s);
	quote(&sql, tbl, '"');
	ws_buf_printf(&sql, " AS r WHERE %s NOT IN (SELECT row_key FROM d)"
	    " AND ", r.key.s);
	batch_of(db, tbl, &sql);	/* a batch's rows: the batch's */
	ws_buf_adds(&sql, " IS NULL");
	sel = ws_prepare(db, sql.s);
	ws_bind_text(sel, 1, tbl);
	ws_buf_free(&sql);
	ws_audit_insert_sql(&sql, "ws_cmd()", "?1", "'baseline'", "?2",
	    "NULL", "NULL", "?3");
	ins = ws_prepare(db, sql.s);
	ws_buf_free(&sql);
	while (ws_step(sel) == SQLITE_ROW) {
		ws_bind_text(ins, 1, tbl);
		sqlite3_bind_value(ins, 2, sqlite3_column_value(sel, 0));
		sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 1));
		if (ws_step(ins) != SQLITE_DONE)
			ws_bug("audit baseline of '%s' refused", tbl);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	texpr_free(&r);
}

void
ws_audit_sync(sqlite3 *db)
{
	sqlite3_stmt *st;
	const char *t;

	if (ws_query_int(db, "SELECT count(*) FROM sqlite_master WHERE"
	    " name = 'audit_catalog'", NULL, 0) == 0)
		return;
	st = ws_prepare(db, "SELECT tbl, bulk FROM audit_catalog ORDER BY tbl");
	while (ws_step(st) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		make_triggers(db, t, sqlite3_column_int(st, 1));
		baseline(db, t);
	}
	sqlite3_finalize(st);
}

/* ---- checks */

typedef void reportfn(void *, const char *, const char *);

/* One problem, formatted; returns 1. */
static long
problem(reportfn *report, void *arg, const char *check, const char *fmt,
    ...)
{
	va_list ap;
	char s[512];

	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	report(arg, check, s);
	return 1;
}

/* The chain, oldest first: the first row that does not fit. */
static long
check_chain(sqlite3 *db, reportfn *report, void *arg)
{
	sqlite3_stmt *st;
	char *last = NULL;
	long n = 0;
	int64_t id, lastid = 0;
	const char *prev, *hash, *calc;

	st = ws_prepare(db, "SELECT id, prev, hash, ws_sha256(prev, at,"
	    " os_user, command, tbl, op, row_key, old, new, digest)"
	    " FROM audit ORDER BY id");
	while (n == 0 && ws_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		prev = (const char *)sqlite3_column_text(st, 1);
		hash = (const char *)sqlite3_column_text(st, 2);
		calc = (const char *)sqlite3_column_text(st, 3);
		if (hash == NULL)
			n = problem(report, arg, "audit_chain", "audit row "
			    "%lld: no hash (not written by wushe)",
			    (long long)id);
		else if ((prev == NULL) != (last == NULL) ||
		    (prev != NULL && strcmp(prev, last) != 0))
			n = lastid == 0 ? problem(report, arg, "audit_chain",
			    "audit row %lld: the first row does not start "
			    "the chain (rows before it were removed)",
			    (long long)id) : problem(report, arg,
			    "audit_chain", "audit row %lld: does not follow "
			    "row %lld (a row between them was removed or "
			    "inserted)", (long long)id, (long long)lastid);
		else if (strcmp(hash, calc) != 0)
			n = problem(report, arg, "audit_chain", "audit row "
			    "%lld: its content does not match its hash "
			    "(changed after it was written)", (long long)id);
		free(last);
		last = hash ? ws_strdup(hash) : NULL;
		lastid = id;
	}
	sqlite3_finalize(st);
	free(last);
	if (n == 0)
		report(arg, "audit_chain", NULL);
	return n;
}

/* Every row of every audited table against its last audit row. */
static long
check_rows(sqlite3 *db, reportfn *report, void *arg)
{
	sqlite3_stmt *cat, *st;
	struct texpr r;
	ws_buf sql = {0}, bof = {0};
	const char *t, *key, *op;
	char msg[512];
	long n = 0;
	int batched;

	cat = ws_prepare(db, "SELECT tbl FROM audit_catalog ORDER BY tbl");
	while (n == 0 && ws_step(cat) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(cat, 0);
		table_expr(db, t, "r", &r);
		ws_buf_reset(&bof);
		batched = batch_of(db, t, &bof);
		/*
		 * Rows without a matching audit row, audit rows without
		 * their row, and rows that differ; a row of a batch newer
		 * than its last audit row of its own is the batch's to
		 * check (ws_bulk_check).  Two LEFT JOINs of
		 * materialized sides, not one FULL JOIN: SQLite indexes the
		 * right side of a LEFT JOIN automatically, so a million
		 * visits are checked in seconds, not hours (make faults).
		 */
		ws_buf_printf(&sql, "WITH l AS MATERIALIZED (SELECT row_key"
		    " AS k, op, digest, max(id) AS aid FROM audit WHERE"
		    " tbl = ?1 AND op IN ('insert', 'update', 'delete',"
		    " 'baseline') GROUP BY row_key), c AS MATERIALIZED"
		    " (SELECT %s AS k, ws_sha256(%s) AS d, %s AS b FROM ",
		    r.key.s, r.json.s, bof.s);
		quote(&sql, t, '"');
		ws_buf_adds(&sql, " AS r) SELECT k, aid, op, present FROM"
		    " (SELECT c.k AS k, l.aid AS aid, l.op AS op, 1 AS present"
		    " FROM c LEFT JOIN l ON l.k = c.k WHERE (l.k IS NULL"
		    " OR l.op = 'delete' OR l.digest IS NOT c.d) AND (c.b IS"
		    " NULL OR c.b < coalesce(l.aid, 0))"
		    " UNION ALL SELECT l.k, l.aid, l.op, 0 FROM l"
		    " LEFT JOIN c ON c.k = l.k WHERE c.k IS NULL"
		    " AND l.op <> 'delete')"
		    " ORDER BY coalesce(aid, 0), 1 LIMIT 1");
		st = ws_prepare(db, sql.s);
		ws_buf_free(&sql);
		texpr_free(&r);
		ws_bind_text(st, 1, t);
		if (ws_step(st) == SQLITE_ROW) {
			key = (const char *)sqlite3_column_text(st, 0);
			op = (const char *)sqlite3_column_text(st, 2);
			if (op == NULL)
				n = problem(report, arg, "audited_rows",
				    "%s %s: has no audit row (written "
				    "without the audit)", t, key);
			else if (!sqlite3_column_int(st, 3))
				n = problem(report, arg, "audited_rows",
				    "%s %s: is gone, but audit row %lld "
				    "does not delete it (deleted without "
				    "the audit)", t, key, (long long)
				    sqlite3_column_int64(st, 1));
			else
				n = problem(report, arg, "audited_rows",
				    "%s %s: differs from audit row %lld "
				    "(changed without the audit)", t, key,
				    (long long)sqlite3_column_int64(st, 1));
		}
		sqlite3_finalize(st);
		if (n == 0 && batched && ws_bulk_check(db, t, msg,
		    sizeof msg))
			n = problem(report, arg, "audited_rows", "%s", msg);
	}
	sqlite3_finalize(cat);
	ws_buf_free(&bof);
	if (n == 0)
		report(arg, "audited_rows", NULL);
	return n;
}

/* The schema objects of a database: "type name" and sql, in pairs. */
struct objs {
	char **v;
	size_t n;
};

static void
objs_load(sqlite3 *db, struct objs *o)
{
	sqlite3_stmt *st;
	const char *s;

	st = ws_prepare(db, "SELECT type || ' ' || name, sql FROM"
	    " sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1");
	o->v = NULL;
	o->n = 0;
	while (ws_step(st) == SQLITE_ROW) {
		o->v = ws_realloc(o->v, (o->n + 2) * sizeof *o->v);
		o->v[o->n++] = ws_strdup((const char *)
		    sqlite3_column_text(st, 0));
		s = (const char *)sqlite3_column_text(st, 1);
		o->v[o->n++] = ws_strdup(s ? s : "");
	}
	sqlite3_finalize(st);
}

static const char *
objs_find(const struct objs *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->n; i += 2)
		if (strcmp(o->v[i], name) == 0)
			return o->v[i + 1];
	return NULL;
}

static void
objs_free(struct objs *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->v[i]);
	free(o->v);
}

/* The schema against the one the migrations make. */
static long
check_schema(sqlite3 *db, reportfn *report, void *arg)
{
	struct objs live, ref;
	sqlite3 *rdb;
	const char *s;
	long n = 0;
	size_t i;

	rdb = ws_db_reference();
	objs_load(rdb, &ref);
	ws_db_close(rdb);
	objs_load(db, &live);
	for (i = 0; i < ref.n; i += 2) {
		if ((s = objs_find(&live, ref.v[i])) == NULL)
			n += problem(report, arg, "schema", "%s: missing "
			    "(dropped)", ref.v[i]);
		else if (strcmp(s, ref.v[i + 1]) != 0)
			n += problem(report, arg, "schema", "%s: differs "
			    "from the schema wushe made", ref.v[i]);
	}
	for (i = 0; i < live.n; i += 2)
		if (objs_find(&ref, live.v[i]) == NULL)
			n += problem(report, arg, "schema", "%s: not part of "
			    "wushe's schema", live.v[i]);
	objs_free(&live);
	objs_free(&ref);
	if (n == 0)
		report(arg, "schema", NULL);
	return n;
}

/* The chain up to a seal "ROWS:HASH" of wushe-db audit --seal. */
static long
check_seal(sqlite3 *db, const char *seal, reportfn *report, void *arg)
{
	sqlite3_stmt *st;
	const char *colon = strchr(seal, ':');
	char *rows;
	int64_t nrows, have;
	long n = 0;

	rows = ws_strndup(seal, colon ? (size_t)(colon - seal) : 0);
	if (colon == NULL || ws_parse_int(rows, 1, INT64_MAX, &nrows) != NULL) {
		free(rows);
		return problem(report, arg, "seal", "'%s': not a seal "
		    "(expected ROWS:HASH from wushe-db audit --seal)", seal);
	}
	free(rows);
	have = ws_query_int(db, "SELECT count(*) FROM audit", NULL, 0);
	if (have < nrows)
		return problem(report, arg, "seal", "the audit has %lld rows, "
		    "fewer than the %lld sealed (rows were removed)",
		    (long long)have, (long long)nrows);
	st = ws_prepare(db, "SELECT id, hash FROM audit ORDER BY id"
	    " LIMIT 1 OFFSET ?1");
	ws_bind_int(st, 1, nrows - 1);
	if (ws_step(st) == SQLITE_ROW && (sqlite3_column_text(st, 1) == NULL ||
	    strcmp((const char *)sqlite3_column_text(st, 1), colon + 1) != 0))
		n = problem(report, arg, "seal", "audit row %lld: not the "
		    "sealed head (the audit up to it was changed since the "
		    "seal)", (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (n == 0)
		report(arg, "seal", NULL);
	return n;
}

long
ws_chain_check(sqlite3 *db, const char *seal,
    void (*report)(void *, const char *, const char *), void *arg)
{
	long n;

	n = check_schema(db, report, arg);
	n += check_chain(db, report, arg);
	n += check_rows(db, report, arg);
	if (seal != NULL)
		n += check_seal(db, seal, report, arg);
	return n;
}

char *
ws_audit_seal(sqlite3 *db, char **at, int64_t *rows)
{
	sqlite3_stmt *st;
	char *hash = NULL;

	*rows = ws_query_int(db, "SELECT count(*) FROM audit", NULL, 0);
	*at = NULL;
	st = ws_prepare(db, "SELECT at, hash FROM audit ORDER BY id DESC"
	    " LIMIT 1");
	if (ws_step(st) == SQLITE_ROW) {
		*at = ws_strdup((const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_text(st, 1) != NULL)
			hash = ws_strdup((const char *)
			    sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return hash;
}
