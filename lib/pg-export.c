/* pg-export.c - wushe-db export --to postgres: a site's rows as a script
 * that psql runs into the city store (schema/pg/city.sql). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/*
 * The tables that travel, and how an incremental export (--since) finds
 * what changed: AUDITED tables by the audit rows after the cursor's audit
 * id (inserts and updates send the row, deletes its key), APPEND tables
 * (append-only, keyed by id) by the ids after the cursor's history id,
 * FULL tables (the directory and link tables, not audited, small) in full
 * every time.  Left out: meta, audit (its old and new rows hold personal
 * data in full), calendar_day (the national calendar, not the site's) and
 * youth_home_staff (no key).
 */
enum { FULL, AUDITED, APPEND };

static const struct pgtab {
	const char *name;
	int how;
} tabs[] = {
	{ "community", FULL }, { "org", FULL }, { "worker", FULL },
	{ "grp", FULL }, { "intern", FULL }, { "youth_home", FULL },
	{ "annual_event", FULL }, { "annual_report", FULL },
	{ "activity_worker", FULL }, { "activity_case", FULL },
	{ "contract", AUDITED }, { "contract_funding", AUDITED },
	{ "contract_target", AUDITED }, { "payment", AUDITED },
	{ "person", AUDITED }, { "cases", AUDITED },
	{ "case_category", AUDITED }, { "case_history", APPEND },
	{ "case_assignment", AUDITED }, { "case_reopen", AUDITED },
	{ "visit", AUDITED }, { "visit_void", AUDITED },
	{ "correction", AUDITED }, { "period_lock", AUDITED },
	{ "activity", AUDITED }, { "record_void", AUDITED },
	{ "certification", AUDITED },
	{ "intern_hours", AUDITED }, { "volunteer", AUDITED },
	{ "volunteer_service", AUDITED }, { "volunteer_certificate", AUDITED },
	{ NULL, 0 }
};

/*
 * Personal data, said once: the export expression of every personal
 * column when --reveal is not given (the snapshot's rules, wushe-db(1)
 * SNAPSHOT): names masked, birth dates cut to the year, addresses and
 * notes left out, ID and phone numbers as keyed pseudonyms (PSEUDONYM:
 * ws_pseudonym under meta.pseudonym_key, as wushe-db snapshot --redact
 * makes them), corrections of those fields without their old and new values.  A
 * column not here travels as it is.
 */
#define PSEUDONYM(c) "ws_pseudonym((SELECT value FROM meta WHERE key = " \
    "'pseudonym_key'), " c ")"
#define HIDDEN_FIELDS "('name', 'id_number', 'phone', 'birth_date', " \
    "'address', 'note')"
static const struct personal {
	const char *tbl, *col, *expr;
} personal[] = {
	{ "person", "name", "ws_mask(\"name\")" },
	{ "person", "id_number", PSEUDONYM("\"id_number\"") },
	{ "person", "phone", PSEUDONYM("\"phone\"") },
	{ "person", "birth_date", "substr(\"birth_date\", 1, 4)" },
	{ "person", "address", "NULL" },
	{ "intern", "name", "ws_mask(\"name\")" },
	{ "intern", "id_number", PSEUDONYM("\"id_number\"") },
	{ "volunteer", "name", "ws_mask(\"name\")" },
	{ "volunteer", "id_number", PSEUDONYM("\"id_number\"") },
	{ "volunteer", "phone", PSEUDONYM("\"phone\"") },
	{ "visit", "note", "NULL" },
	{ "activity", "note", "NULL" },
	{ "payment", "note", "NULL" },
	{ "correction", "old", "CASE WHEN \"field\" IN " HIDDEN_FIELDS
	    " THEN NULL ELSE \"old\" END" },
	{ "correction", "new", "CASE WHEN \"field\" IN " HIDDEN_FIELDS
	    " THEN NULL ELSE \"new\" END" },
	{ NULL, NULL, NULL }
};

void
ws_pg_copy_esc(ws_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	char esc;

	if (s == NULL) {
		ws_buf_add(b, "\\N", 2);
		return;
	}
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': esc = '\\'; break;
		case '\t': esc = 't'; break;
		case '\n': esc = 'n'; break;
		case '\r': esc = 'r'; break;
		default: continue;
		}
		ws_buf_add(b, s + run, i - run);
		ws_buf_addc(b, '\\');
		ws_buf_addc(b, esc);
		run = i + 1;
	}
	ws_buf_add(b, s + run, n - run);
}

int
ws_pg_cursor_parse(const char *s, const char *site, int64_t *audit,
    int64_t *hist, ws_err *e)
{
	const char *c1, *c2;
	char *end;
	size_t n;

	c2 = strrchr(s, ':');
	c1 = c2 == NULL ? NULL : c2 - 1;
	while (c1 != NULL && c1 > s && *c1 != ':')
		c1--;
	if (c2 == NULL || c1 == NULL || *c1 != ':' || c1 == s)
		goto bad;
	*audit = strtoll(c1 + 1, &end, 10);
	if (end != c2 || c2 == c1 + 1 || *audit < 0)
		goto bad;
	*hist = strtoll(c2 + 1, &end, 10);
	if (*end != '\0' || c2[1] == '\0' || *hist < 0)
		goto bad;
	n = (size_t)(c1 - s);
	if (strlen(site) != n || strncmp(s, site, n) != 0)
		return ws_err_set(e, EX_DATAERR, "--since", "the cursor '%s' "
		    "is from site '%.*s', not '%s' (give the cursor that the "
		    "last export of '%s' printed)", s, (int)n, s, site, site);
	return 0;
bad:
	return ws_err_set(e, EX_USAGE, "--since", "'%s' is not a cursor "
	    "(expected SITE:AUDIT:HISTORY, as an export prints it)", s);
}

/* The city schema's version: the number on the DDL's first line. */
int
ws_pg_version(void)
{
	const char *p = strstr(ws_pg_schema, "city schema version ");

	return p == NULL ? 0 : atoi(p + strlen("city schema version "));
}

/* An export being written. */
struct xp {
	sqlite3 *db;
	FILE *out;
	const char *site;
	int reveal, inc;
	int64_t a0, h0, a1, h1;	/* from (the --since cursor) and to */
	ws_buf line, sql;
	long rows;
};

/* s as a PostgreSQL string literal (site codes and table names are
 * checked words; the quote is doubled all the same). */
static void
lit(ws_buf *b, const char *s)
{
	ws_buf_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			ws_buf_addc(b, '\'');
		ws_buf_addc(b, *s);
	}
	ws_buf_addc(b, '\'');
}

static void
emit(struct xp *x, ws_buf *b)
{
	fwrite(b->s, 1, b->len, x->out);
	ws_buf_reset(b);
}

static const char *
redacted(const char *tbl, const char *col)
{
	const struct personal *p;

	for (p = personal; p->tbl != NULL; p++)
		if (strcmp(p->tbl, tbl) == 0 && strcmp(p->col, col) == 0)
			return p->expr;
	return NULL;
}

/* A table's columns (PRAGMA table_info order) and key columns. */
struct cols {
	char *name[64];
	int key[64], integer[64];
	int n, nkey;
};

static void
cols_read(sqlite3 *db, const char *tbl, struct cols *c)
{
	sqlite3_stmt *st;

	memset(c, 0, sizeof *c);
	st = ws_prepare(db, "SELECT name, pk, type = 'INTEGER' FROM"
	    " pragma_table_info(?1) ORDER BY cid");
	ws_bind_text(st, 1, tbl);
	while (ws_step(st) == SQLITE_ROW) {
		if (c->n == 64)
			ws_bug("pg-export: %s has more than 64 columns", tbl);
		c->name[c->n] = ws_strdup((const char *)
		    sqlite3_column_text(st, 0));
		c->key[c->n] = sqlite3_column_int(st, 1);
		c->integer[c->n] = sqlite3_column_int(st, 2);
		if (c->key[c->n] > 0)
			c->nkey++;
		c->n++;
	}
	sqlite3_finalize(st);
	if (c->nkey == 0)
		ws_bug("pg-export: %s has no key", tbl);
}

static void
cols_free(struct cols *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		free(c->name[i]);
}

/* The key as the audit's row_key spells it: the key columns joined with
 * '/', in key order; pg selects PostgreSQL's spelling (alias c). */
static void
keytext(ws_buf *b, const struct cols *c, int pg)
{
	int k, i;

	for (k = 1; k <= c->nkey; k++)
		for (i = 0; i < c->n; i++) {
			if (c->key[i] != k)
				continue;
			if (k > 1)
				ws_buf_adds(b, " || '/' || ");
			ws_buf_printf(b, pg ? "c.\"%s\"::text" :
			    "CAST(\"%s\" AS TEXT)", c->name[i]);
		}
}

/* Column names, quoted, comma-separated, with prefix before each. */
static void
names(ws_buf *b, const struct cols *c, const char *prefix, int nonkey)
{
	int i, first = 1;

	for (i = 0; i < c->n; i++) {
		if (nonkey && c->key[i] > 0)
			continue;
		ws_buf_printf(b, "%s%s\"%s\"", first ? "" : ", ", prefix,
		    c->name[i]);
		first = 0;
	}
}

/* Append to b the condition "the row has an audit row of its own after
 * the cursor" (?1 the cursor's audit id, ?2 the table); ki is the index
 * of the first key column. */
static void
changed(ws_buf *b, const struct cols *c, int ki)
{
	if (c->nkey == 1 && c->integer[ki])
		ws_buf_printf(b, "\"%s\" IN (SELECT CAST(row_key AS INTEGER)",
		    c->name[ki]);
	else {
		keytext(b, c, 0);
		ws_buf_adds(b, " IN (SELECT row_key");
	}
	ws_buf_adds(b, " FROM audit WHERE id > ?1 AND tbl = ?2 AND"
	    " op <> 'batch' AND row_key IS NOT NULL)");
}

/* The SQLite query of the rows to send. */
static sqlite3_stmt *
rows_query(struct xp *x, const struct pgtab *t, const struct cols *c)
{
	sqlite3_stmt *st;
	const char *r;
	char *cols, col[128];
	int i, ki = 0;

	ws_buf_reset(&x->sql);
	ws_buf_adds(&x->sql, "SELECT ");
	for (i = 0; i < c->n; i++) {
		if (c->key[i] == 1)
			ki = i;
		if (i > 0)
			ws_buf_adds(&x->sql, ", ");
		if (!x->reveal && (r = redacted(t->name, c->name[i])) != NULL)
			ws_buf_adds(&x->sql, r);
		else
			ws_buf_printf(&x->sql, "\"%s\"", c->name[i]);
	}
	cols = ws_strdup(ws_buf_str(&x->sql) + 7);	/* after "SELECT " */
	ws_buf_printf(&x->sql, " FROM \"%s\"", t->name);
	if (x->inc && t->how == AUDITED) {
		ws_buf_adds(&x->sql, " WHERE ");
		changed(&x->sql, c, ki);
		/* and the rows of the batches after the cursor (schema 017):
		 * each batch's range of its key column, but for the rows
		 * sent above already */
		if (ws_bulk_col(x->db, t->name, col, sizeof col)) {
			ws_buf_printf(&x->sql, " UNION ALL SELECT %s FROM (SELECT"
			    " CAST(json_extract(new, '$.first') AS INTEGER) AS"
			    " wushe_lo, CAST(json_extract(new, '$.last') AS"
			    " INTEGER) AS wushe_hi FROM audit WHERE tbl = ?2 AND"
			    " op = 'batch' AND id > ?1) CROSS JOIN \"%s\" ON"
			    " \"%s\" BETWEEN wushe_lo AND wushe_hi WHERE NOT ",
			    cols, t->name, col);
			changed(&x->sql, c, ki);
		}
	} else if (x->inc && t->how == APPEND)
		ws_buf_adds(&x->sql, " WHERE id > ?3");
	free(cols);
	st = ws_prepare(x->db, x->sql.s);
	if (x->inc && t->how == AUDITED) {
		ws_bind_int(st, 1, x->a0);
		ws_bind_text(st, 2, t->name);
	} else if (x->inc && t->how == APPEND)
		ws_bind_int(st, 3, x->h0);
	return st;
}

/* Stream the rows of st as COPY text lines; returns their number. */
static long
copy_rows(struct xp *x, sqlite3_stmt *st, int n)
{
	long rows = 0;
	int i;

	while (ws_step(st) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				ws_buf_addc(&x->line, '\t');
			ws_pg_copy_esc(&x->line, (const char *)
			    sqlite3_column_text(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
		}
		ws_buf_addc(&x->line, '\n');
		if (x->line.len >= 65536)
			emit(x, &x->line);
		rows++;
	}
	ws_buf_adds(&x->line, "\\.\n");
	emit(x, &x->line);
	return rows;
}

/* INSERT INTO city.T (site, columns) SELECT the site, columns FROM the
 * staging table. */
static void
insert(struct xp *x, const struct cols *c, const char *tbl)
{
	ws_buf *b = &x->line;

	ws_buf_printf(b, "INSERT INTO city.\"%s\" AS c (site, ", tbl);
	names(b, c, "", 0);
	ws_buf_adds(b, ")\n    SELECT ");
	lit(b, x->site);
	ws_buf_adds(b, ", ");
	names(b, c, "", 0);
	ws_buf_printf(b, " FROM \"wushe_s_%s\"", tbl);
}

/* One table: staging, COPY, merge, deletions. */
static void
table(struct xp *x, const struct pgtab *t)
{
	struct cols c;
	sqlite3_stmt *st;
	ws_buf *b = &x->line;
	long n;
	int i, k;

	cols_read(x->db, t->name, &c);
	ws_buf_printf(b, "\n-- %s\nCREATE TEMP TABLE \"wushe_s_%s\" ON COMMIT "
	    "DROP AS SELECT ", t->name, t->name);
	names(b, &c, "", 0);
	ws_buf_printf(b, " FROM city.\"%s\" WITH NO DATA;\n"
	    "COPY \"wushe_s_%s\" (", t->name, t->name);
	names(b, &c, "", 0);
	ws_buf_adds(b, ") FROM STDIN;\n");
	emit(x, b);
	st = rows_query(x, t, &c);
	n = copy_rows(x, st, c.n);
	sqlite3_finalize(st);
	x->rows += n;
	/* the site's first load of the table: a plain INSERT, twice as
	 * fast as the merge (psql's \if) */
	ws_buf_printf(b, "-- %s: %ld row%s\nSELECT NOT EXISTS (SELECT 1 FROM "
	    "city.\"%s\" WHERE site = ", t->name, n, n == 1 ? "" : "s",
	    t->name);
	lit(b, x->site);
	ws_buf_adds(b, ") AS wushe_first \\gset\n\\if :wushe_first\n");
	insert(x, &c, t->name);
	ws_buf_adds(b, ";\n\\else\n");
	insert(x, &c, t->name);
	ws_buf_adds(b, "\n    ON CONFLICT (site");
	for (k = 1; k <= c.nkey; k++)
		for (i = 0; i < c.n; i++)
			if (c.key[i] == k)
				ws_buf_printf(b, ", \"%s\"", c.name[i]);
	if (c.nkey == c.n)
		ws_buf_adds(b, ") DO NOTHING;\n");
	else {
		ws_buf_adds(b, ") DO UPDATE SET (");
		names(b, &c, "", 1);
		ws_buf_adds(b, ") = ROW(");
		names(b, &c, "EXCLUDED.", 1);
		ws_buf_adds(b, ")\n    WHERE ROW(");
		names(b, &c, "c.", 1);
		ws_buf_adds(b, ") IS DISTINCT FROM ROW(");
		names(b, &c, "EXCLUDED.", 1);
		ws_buf_adds(b, ");\n");
	}
	if (!x->inc || t->how == FULL) {
		ws_buf_printf(b, "DELETE FROM city.\"%s\" c WHERE c.site = ",
		    t->name);
		lit(b, x->site);
		ws_buf_printf(b, "\n    AND NOT EXISTS (SELECT 1 FROM "
		    "\"wushe_s_%s\" s WHERE ", t->name);
		for (i = 0, k = 0; i < c.n; i++)
			if (c.key[i] > 0)
				ws_buf_printf(b, "%ss.\"%s\" = c.\"%s\"",
				    k++ ? " AND " : "", c.name[i], c.name[i]);
		ws_buf_adds(b, ");\n");
	} else if (t->how == AUDITED) {
		ws_buf_printf(b, "DELETE FROM city.\"%s\" c USING wushe_gone g"
		    " WHERE g.tbl = ", t->name);
		lit(b, t->name);
		ws_buf_adds(b, " AND c.site = ");
		lit(b, x->site);
		ws_buf_adds(b, "\n    AND g.row_key = ");
		keytext(b, &c, 1);
		ws_buf_adds(b, ";\n");
	}
	ws_buf_adds(b, "\\endif\n");
	emit(x, b);
	cols_free(&c);
}

/* The keys deleted since the cursor (and not there again), for every
 * audited table, as one staging table. */
static void
gone(struct xp *x)
{
	const struct pgtab *t;
	struct cols c;
	sqlite3_stmt *st;
	ws_buf *b = &x->line;

	ws_buf_adds(b, "\nCREATE TEMP TABLE wushe_gone (tbl text, row_key text)"
	    " ON COMMIT DROP;\nCOPY wushe_gone (tbl, row_key) FROM STDIN;\n");
	for (t = tabs; x->inc && t->name != NULL; t++) {
		if (t->how != AUDITED)
			continue;
		cols_read(x->db, t->name, &c);
		ws_buf_reset(&x->sql);
		ws_buf_printf(&x->sql, "SELECT DISTINCT tbl, row_key FROM audit a"
		    " WHERE id > ?1 AND tbl = ?2 AND op = 'delete' AND NOT"
		    " EXISTS (SELECT 1 FROM \"%s\" WHERE ", t->name);
		keytext(&x->sql, &c, 0);
		ws_buf_adds(&x->sql, " = a.row_key)");
		st = ws_prepare(x->db, x->sql.s);
		ws_bind_int(st, 1, x->a0);
		ws_bind_text(st, 2, t->name);
		while (ws_step(st) == SQLITE_ROW) {
			ws_pg_copy_esc(b, (const char *)sqlite3_column_text(st,
			    0), (size_t)sqlite3_column_bytes(st, 0));
			ws_buf_addc(b, '\t');
			ws_pg_copy_esc(b, (const char *)sqlite3_column_text(st,
			    1), (size_t)sqlite3_column_bytes(st, 1));
			ws_buf_addc(b, '\n');
		}
		sqlite3_finalize(st);
		cols_free(&c);
	}
	ws_buf_adds(b, "\\.\n");
	emit(x, b);
}

/* The checks at the top of the script: the city schema (created when
 * missing, refused when of another version) and the site's cursor. */
static void
checks(struct xp *x, const char *cursor)
{
	ws_buf *b = &x->line;
	int v = ws_pg_version();
	char *from;

	ws_buf_printf(b, "DO $wushe$\nDECLARE v text;\nBEGIN\n"
	    "\tIF to_regclass('city.meta') IS NULL THEN\n"
	    "\t\tPERFORM pg_advisory_xact_lock(hashtext('wushe city'));\n"
	    "\t\tIF to_regclass('city.meta') IS NULL THEN\n"
	    "\t\t\tEXECUTE $wushe_ddl$\n%s$wushe_ddl$;\n"
	    "\t\tEND IF;\n\tEND IF;\n"
	    "\tSELECT value INTO v FROM city.meta WHERE key = 'version';\n"
	    "\tIF v IS DISTINCT FROM '%d' THEN\n"
	    "\t\tRAISE EXCEPTION 'wushe: the city store''s schema is version"
	    " %%, this export writes version %d (upgrade the city store or "
	    "use the wushe that matches it)', coalesce(v, 'none');\n"
	    "\tEND IF;\nEND\n$wushe$;\n", ws_pg_schema, v, v);
	/* one load of a site at a time (other sites go on) */
	ws_buf_adds(b, "SELECT pg_advisory_xact_lock(hashtext('wushe site ' || ");
	lit(b, x->site);
	ws_buf_adds(b, "));\n");
	from = ws_asprintf("%s:%" PRId64 ":%" PRId64, x->site, x->a0, x->h0);
	ws_buf_adds(b, "DO $wushe$\nDECLARE a bigint; h bigint; c text;\n"
	    "BEGIN\n\tSELECT audit_id, history_id, cursor INTO a, h, c FROM "
	    "city.site WHERE site = ");
	lit(b, x->site);
	ws_buf_adds(b, ";\n");
	if (x->inc) {
		ws_buf_adds(b, "\tIF NOT FOUND THEN\n\t\tRAISE EXCEPTION "
		    "'wushe: site ");
		ws_buf_printf(b, "%s is not in the city store yet: load an "
		    "export without --since first';\n\tEND IF;\n"
		    "\tIF a < %" PRId64 " OR h < %" PRId64 " THEN\n\t\t"
		    "RAISE EXCEPTION 'wushe: the city store holds site %s "
		    "through cursor %%, older than this export''s --since %s "
		    "(export --since %%)', c, c;\n\tEND IF;\n", x->site, x->a0,
		    x->h0, x->site, from);
	}
	ws_buf_printf(b, "\tIF a > %" PRId64 " OR h > %" PRId64 " THEN\n\t\t"
	    "RAISE EXCEPTION 'wushe: the city store holds site %s through "
	    "cursor %%, newer than this script''s %s: the script is stale "
	    "(export again)', c;\n\tEND IF;\nEND\n$wushe$;\n", x->a1, x->h1,
	    x->site, cursor);
	free(from);
	emit(x, b);
}

int
ws_pg_export_args(const struct ws_pg_export *o, int64_t *audit,
    int64_t *hist, ws_err *e)
{
	const char *m = "required";

	*audit = *hist = 0;
	if (o->site == NULL || (m = ws_check_code(o->site)) != NULL)
		return ws_err_set(e, EX_USAGE, "--site", "'%s': %s",
		    o->site ? o->site : "", m);
	if (o->since == NULL || *o->since == '\0')
		return 0;
	return ws_pg_cursor_parse(o->since, o->site, audit, hist, e);
}

int
ws_pg_export(sqlite3 *db, const struct ws_pg_export *o, FILE *out,
    char **cursor, ws_err *e)
{
	struct xp x;
	const struct pgtab *t;
	char *cur;
	int rc;

	memset(&x, 0, sizeof x);
	x.db = db;
	x.out = out;
	x.site = o->site;
	x.reveal = o->reveal;
	if ((rc = ws_pg_export_args(o, &x.a0, &x.h0, e)) != 0)
		return rc;
	x.inc = o->since != NULL && *o->since != '\0';
	if (o->reveal && (rc = ws_audit_reveal(db, "person", o->argc,
	    o->argv, ws_query_int(db, "SELECT count(*) FROM person", NULL,
	    0), e)) != 0)
		return rc;
	ws_exec(db, "BEGIN");	/* one snapshot for the whole export */
	x.a1 = ws_query_int(db, "SELECT ifnull(max(id), 0) FROM audit", NULL,
	    0);
	x.h1 = ws_query_int(db, "SELECT ifnull(max(id), 0) FROM case_history",
	    NULL, 0);
	if (x.a0 > x.a1 || x.h0 > x.h1) {
		ws_exec(db, "COMMIT");
		return ws_err_set(e, EX_DATAERR, "--since", "the cursor '%s' "
		    "is ahead of this database (through %s:%" PRId64 ":%"
		    PRId64 "): it is from another database", o->since,
		    o->site, x.a1, x.h1);
	}
	cur = ws_asprintf("%s:%" PRId64 ":%" PRId64, o->site, x.a1, x.h1);
	ws_buf_printf(&x.line, "-- wushe-db export --to postgres --site %s%s%s:"
	    " SQLite schema %d, city schema %d%s\n-- cursor %s (the next "
	    "export's --since)\n\\set ON_ERROR_STOP on\n"
	    "SET client_encoding = 'UTF8';\nSET client_min_messages = "
	    "warning;\nBEGIN;\n", o->site, x.inc ? " --since " : "",
	    x.inc ? o->since : "", ws_db_version(db), ws_pg_version(),
	    o->reveal ? ", personal data in full (--reveal)" : "", cur);
	emit(&x, &x.line);
	checks(&x, cur);
	gone(&x);
	for (t = tabs; t->name != NULL; t++)
		table(&x, t);
	ws_buf_adds(&x.line, "\nINSERT INTO city.site AS c (site, cursor, "
	    "audit_id, history_id, schema_version)\n    VALUES (");
	lit(&x.line, o->site);
	ws_buf_adds(&x.line, ", ");
	lit(&x.line, cur);
	ws_buf_printf(&x.line, ", %" PRId64 ", %" PRId64 ", %d)\n    ON "
	    "CONFLICT (site) DO UPDATE SET (cursor, audit_id, history_id, "
	    "schema_version, loaded_at) =\n    ROW(EXCLUDED.cursor, "
	    "EXCLUDED.audit_id, EXCLUDED.history_id, EXCLUDED.schema_version,"
	    " now())\n    WHERE ROW(c.cursor, c.schema_version) IS DISTINCT "
	    "FROM ROW(EXCLUDED.cursor, EXCLUDED.schema_version);\nCOMMIT;\n",
	    x.a1, x.h1, ws_db_version(db));
	emit(&x, &x.line);
	ws_exec(db, "COMMIT");
	ws_buf_free(&x.line);
	ws_buf_free(&x.sql);
	if (fflush(out) != 0 || ferror(out)) {
		free(cur);
		return ws_err_set(e, EX_IOERR, "export", "cannot write the "
		    "script");
	}
	*cursor = cur;
	return 0;
}
