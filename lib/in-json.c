/* in-json.c - the json lines reader: one object of single values a line,
 * taken apart by SQLite's json_each on a private in-memory connection */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "in.h"

int
ws_in_json_start(ws_in *in)
{
	if (sqlite3_open(":memory:", &in->db) != SQLITE_OK)
		ws_oom();	/* ":memory:" fails only for want of memory */
	if (sqlite3_prepare_v2(in->db, "SELECT CASE WHEN json_valid(?1) "
	    "THEN json_type(?1) END", -1, &in->jtype, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(in->db, "SELECT key, value, type "
	    "FROM json_each(?1)", -1, &in->jeach, NULL) != SQLITE_OK)
		ws_db_die(in->db, sqlite3_errcode(in->db), "json");
	return 1;
}

static const char *
json_what(const char *type)
{
	if (strcmp(type, "array") == 0)
		return ws_msg("an array");
	if (strcmp(type, "text") == 0)
		return "a string";
	if (strcmp(type, "integer") == 0 || strcmp(type, "real") == 0)
		return "a number";
	return type;
}

/* Read the members of the object on the current line (n bytes). */
static int
json_members(ws_in *in, size_t n)
{
	sqlite3_stmt *st = in->jeach;
	const char *k, *t, *v;
	size_t np = 0, kn, vn;
	int rc, r = 1;

	ws_buf_reset(&in->rec);
	sqlite3_bind_text(st, 1, in->line, (int)n, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 0);
		kn = (size_t)sqlite3_column_bytes(st, 0);
		t = (const char *)sqlite3_column_text(st, 2);
		if (k == NULL)
			k = "";
		if (memchr(k, '\0', kn) != NULL || !ws_utf8_valid(k, kn)) {
			r = ws_in_fail(in, in->recline, "a key is not valid "
			    "text (a NUL or a lone surrogate escape)");
			break;
		}
		if (strcmp(t, "array") == 0 || strcmp(t, "object") == 0) {
			r = ws_in_fail(in, in->recline, "%s: nested arrays and "
			    "objects are not supported (expected a string, "
			    "number, true, false or null)", k);
			break;
		}
		ws_in_grow(in, np + 1);
		in->off[2 * np] = ws_in_rec_add(in, k, kn);
		if (strcmp(t, "null") == 0)
			in->off[2 * np + 1] = NOVAL;
		else if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0)
			in->off[2 * np + 1] = ws_in_rec_add(in, t, strlen(t));
		else {
			v = (const char *)sqlite3_column_text(st, 1);
			vn = (size_t)sqlite3_column_bytes(st, 1);
			if (v == NULL)
				v = "";
			if (memchr(v, '\0', vn) != NULL) {
				r = ws_in_fail(in, in->recline, "%s: NUL byte",
				    in->rec.s + in->off[2 * np]);
				break;
			}
			if (!ws_utf8_valid(v, vn)) {
				r = ws_in_fail(in, in->recline, "%s: not valid "
				    "UTF-8 (a lone surrogate \\u escape?)",
				    in->rec.s + in->off[2 * np]);
				break;
			}
			in->off[2 * np + 1] = ws_in_rec_add(in, v, vn);
		}
		np++;
	}
	if (r > 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = ws_in_fail(in, in->recline, "not valid JSON");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (r > 0)
		ws_in_set_pairs(in, np);
	return r;
}

/* Non-zero when the JSON text holds a \u0000 escape, which SQLite would
 * silently cut the string at. */
static int
json_has_nul(const char *s, size_t n)
{
	const char *e = s + n;

	while ((s = memchr(s, '\\', (size_t)(e - s))) != NULL) {
		if (e - s >= 6 && memcmp(s + 1, "u0000", 5) == 0)
			return 1;
		s += 2;		/* past the escaped character */
		if (s >= e)
			break;
	}
	return 0;
}

/* Blank lines between JSON records are no records. */
static int
json_skip(const ws_in *in, size_t n)
{
	return ws_in_blank(in->line, n);
}

int
ws_in_json_next(ws_in *in)
{
	sqlite3_stmt *st = in->jtype;
	const char *t;
	char type[16];
	size_t n = 0;
	int r;

	if ((r = ws_in_record_line(in, &n, json_skip)) <= 0)
		return r;
	sqlite3_bind_text(st, 1, in->line, (int)n, SQLITE_STATIC);
	type[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = (const char *)sqlite3_column_text(st, 0)) != NULL)
		snprintf(type, sizeof(type), "%s", t);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (type[0] == '\0')
		return ws_in_fail(in, in->recline, "not valid JSON (expected "
		    "one object per line)");
	if (strcmp(type, "object") != 0)
		return ws_in_fail(in, in->recline, "expected a JSON object, "
		    "found %s", json_what(type));
	if (json_has_nul(in->line, n))
		return ws_in_fail(in, in->recline, "NUL byte (\\u0000)");
	return json_members(in, n);
}

