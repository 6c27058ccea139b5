/*
 * dirwrite.c - the second phase of loading the directory (directory.c):
 * each checked entry compared with the row of the same code and inserted
 * or updated; a contract's funding, targets and payments; what changed
 * and what the files no longer list, as notes.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "dir.h"

static int
sameval(sqlite3_stmt *st, int col, const struct val *v)
{
	int t = sqlite3_column_type(st, col);
	const char *s;

	if (!v->set)
		return t == SQLITE_NULL;
	if (v->isint)
		return t == SQLITE_INTEGER &&
		    sqlite3_column_int64(st, col) == v->i;
	if (t != SQLITE_TEXT)
		return 0;
	s = (const char *)sqlite3_column_text(st, col);
	return strcmp(s, v->s) == 0;
}

static void
bindval(sqlite3_stmt *st, int i, const struct val *v)
{
	if (!v->set)
		sqlite3_bind_null(st, i);
	else if (v->isint)
		ws_bind_int(st, i, v->i);
	else
		ws_bind_text(st, i, v->s);
}

static int
cmpfund(const void *a, const void *b)
{
	return strcmp(((const struct fund *)a)->funder,
	    ((const struct fund *)b)->funder);
}

static int
cmptgt(const void *a, const void *b)
{
	return strcmp(((const struct tgt *)a)->measure,
	    ((const struct tgt *)b)->measure);
}

/* Replace a contract's funding and targets when they differ from the
 * file; add "funding"/"targets" to what when they did. */
static void
extras(struct dctx *c, struct entry *e, const char *code, int isnew,
    ws_buf *what)
{
	sqlite3_stmt *st;
	size_t i;
	int same;

	if (e->nfund > 0)	/* qsort must not be given NULL, even for 0 */
		qsort(e->fund, e->nfund, sizeof *e->fund, cmpfund);
	if (e->ntgt > 0)
		qsort(e->tgt, e->ntgt, sizeof *e->tgt, cmptgt);

	st = ws_prepare(c->db, "SELECT funder, amount_fen FROM "
	    "contract_funding WHERE contract = ?1 ORDER BY funder");
	ws_bind_text(st, 1, code);
	for (i = 0, same = 1; ws_step(st) == SQLITE_ROW; i++)
		if (i >= e->nfund || strcmp((const char *)
		    sqlite3_column_text(st, 0), e->fund[i].funder) != 0 ||
		    sqlite3_column_int64(st, 1) != e->fund[i].fen)
			same = 0;
	sqlite3_finalize(st);
	if (!same || i != e->nfund) {
		if (!isnew)
			ws_buf_adds(what, what->len ? ", funding" : "funding");
		st = ws_prepare(c->db, "DELETE FROM contract_funding WHERE "
		    "contract = ?1");
		ws_bind_text(st, 1, code);
		ws_step(st);
		sqlite3_finalize(st);
		st = ws_prepare(c->db, "INSERT INTO contract_funding "
		    "(contract, funder, amount_fen) VALUES (?1, ?2, ?3)");
		for (i = 0; i < e->nfund; i++) {
			sqlite3_reset(st);
			ws_bind_text(st, 1, code);
			ws_bind_text(st, 2, e->fund[i].funder);
			ws_bind_int(st, 3, e->fund[i].fen);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(c->db, SQLITE_CONSTRAINT, "funding");
		}
		sqlite3_finalize(st);
	}

	st = ws_prepare(c->db, "SELECT measure, target FROM contract_target "
	    "WHERE contract = ?1 ORDER BY measure");
	ws_bind_text(st, 1, code);
	for (i = 0, same = 1; ws_step(st) == SQLITE_ROW; i++)
		if (i >= e->ntgt || strcmp((const char *)
		    sqlite3_column_text(st, 0), e->tgt[i].measure) != 0 ||
		    sqlite3_column_int64(st, 1) != e->tgt[i].v)
			same = 0;
	sqlite3_finalize(st);
	if (!same || i != e->ntgt) {
		if (!isnew)
			ws_buf_adds(what, what->len ? ", targets" : "targets");
		st = ws_prepare(c->db, "DELETE FROM contract_target WHERE "
		    "contract = ?1");
		ws_bind_text(st, 1, code);
		ws_step(st);
		sqlite3_finalize(st);
		st = ws_prepare(c->db, "INSERT INTO contract_target "
		    "(contract, measure, target) VALUES (?1, ?2, ?3)");
		for (i = 0; i < e->ntgt; i++) {
			sqlite3_reset(st);
			ws_bind_text(st, 1, code);
			ws_bind_text(st, 2, e->tgt[i].measure);
			ws_bind_int(st, 3, e->tgt[i].v);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(c->db, SQLITE_CONSTRAINT, "targets");
		}
		sqlite3_finalize(st);
	}
}

static void
notef(struct dctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	{
		char *s = ws_malloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		ws_buf_adds(&c->notes, s);
		ws_buf_addc(&c->notes, '\n');
		free(s);
	}
}

/* Match a contract's payments by (date, amount): add new ones, update
 * notes, report the database's payments that the file does not list. */
static void
paysync(struct dctx *c, struct entry *e, const char *code, int64_t amount,
    struct ws_dir_count *pc)
{
	sqlite3_stmt *st, *up;
	const char *date, *note;
	char yuan[32], a[32], b[32];
	int64_t fen, id, sum;
	size_t i;
	int ovf;

	st = ws_prepare(c->db, "SELECT id, date, amount_fen, note FROM "
	    "payment WHERE contract = ?1 ORDER BY date, id");
	up = ws_prepare(c->db, "UPDATE payment SET note = ?2 WHERE id = ?1");
	ws_bind_text(st, 1, code);
	while (ws_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		date = (const char *)sqlite3_column_text(st, 1);
		fen = sqlite3_column_int64(st, 2);
		note = (const char *)sqlite3_column_text(st, 3);
		for (i = 0; i < e->npay; i++)
			if (!e->pay[i].matched &&
			    strcmp(e->pay[i].date, date) == 0 &&
			    e->pay[i].fen == fen)
				break;
		ws_fen_str(fen, yuan);
		if (i == e->npay) {
			notef(c, "payment %s %s %s: not in file (kept in the "
			    "database)", code, date, yuan);
			pc->missing++;
			continue;
		}
		e->pay[i].matched = 1;
		if ((note == NULL) != (e->pay[i].note == NULL) ||
		    (note != NULL && strcmp(note, e->pay[i].note) != 0)) {
			sqlite3_reset(up);
			ws_bind_int(up, 1, id);
			ws_bind_text(up, 2, e->pay[i].note);
			ws_step(up);
			notef(c, "%s:%ld:%ld: payment %s %s %s: changed note",
			    e->file, e->payline, e->paycol, code, date, yuan);
			pc->changed++;
		} else
			pc->unchanged++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	st = ws_prepare(c->db, "INSERT INTO payment (contract, date, "
	    "amount_fen, note) VALUES (?1, ?2, ?3, ?4)");
	for (i = 0; i < e->npay; i++) {
		if (e->pay[i].matched)
			continue;
		sqlite3_reset(st);
		ws_bind_text(st, 1, code);
		ws_bind_text(st, 2, e->pay[i].date);
		ws_bind_int(st, 3, e->pay[i].fen);
		ws_bind_text(st, 4, e->pay[i].note);
		if (ws_step(st) != SQLITE_DONE)
			ws_db_die(c->db, SQLITE_CONSTRAINT, "payment");
		pc->added++;
	}
	sqlite3_finalize(st);
	/* Summed here, not by SQL sum(), which fails on int64 overflow. */
	st = ws_prepare(c->db, "SELECT amount_fen FROM payment WHERE "
	    "contract = ?1");
	ws_bind_text(st, 1, code);
	sum = 0;
	ovf = 0;
	while (ws_step(st) == SQLITE_ROW)
		ovf |= ws_dir_addfen(&sum, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (ovf || sum > amount) {
		ws_dir_overfen(ovf, sum, a);
		ws_fen_str(amount, b);
		c->y.file = e->file;
		ws_yproblem(&c->y, e->payline ? e->payline : e->line,
		    e->payline ? e->paycol : e->col, "payments", "with the "
		    "payments kept in the database, contract '%s' is paid %s, "
		    "more than its amount %s (expected at most the amount)",
		    code, a, b);
	}
}

static void
writekind(struct dctx *c, int k, struct ws_dir_count *cnt,
    struct ws_dir_count *pc)
{
	const struct ws_dirkind *kd = &ws_dir_kinds[k];
	const struct field *fs = kd->fields;
	sqlite3_stmt *sel, *ins, *upd;
	ws_buf qs = {0}, qi = {0}, qu = {0}, what = {0};
	struct entry *e;
	int f, ncol = 0, cols[16], col, isnew;
	size_t i;

	ws_buf_adds(&qs, "SELECT ");
	ws_buf_printf(&qi, "INSERT INTO %s (", kd->table);
	ws_buf_printf(&qu, "UPDATE %s SET ", kd->table);
	for (f = 0; fs[f].key != NULL; f++) {
		if (fs[f].col == NULL)
			continue;
		cols[ncol] = f;
		ws_buf_printf(&qs, "%s%s", ncol ? ", " : "", fs[f].col);
		ws_buf_printf(&qi, "%s%s", ncol ? ", " : "", fs[f].col);
		if (ncol > 0)
			ws_buf_printf(&qu, "%s%s = ?%d", ncol > 1 ? ", " : "",
			    fs[f].col, ncol + 1);
		ncol++;
	}
	ws_buf_printf(&qs, " FROM %s WHERE code = ?1", kd->table);
	ws_buf_adds(&qi, ") VALUES (");
	for (col = 0; col < ncol; col++)
		ws_buf_printf(&qi, "%s?%d", col ? ", " : "", col + 1);
	ws_buf_adds(&qi, ")");
	ws_buf_adds(&qu, " WHERE code = ?1");
	sel = ws_prepare(c->db, qs.s);
	ins = ws_prepare(c->db, qi.s);
	upd = ws_prepare(c->db, qu.s);
	ws_buf_free(&qs);
	ws_buf_free(&qi);
	ws_buf_free(&qu);

	for (i = 0; i < c->nents[k]; i++) {
		e = &c->ents[k][i];
		ws_buf_reset(&what);
		sqlite3_reset(sel);
		ws_bind_text(sel, 1, e->v[0].s);
		isnew = ws_step(sel) != SQLITE_ROW;
		if (!isnew)
			for (col = 1; col < ncol; col++)
				if (!sameval(sel, col, &e->v[cols[col]]))
					ws_buf_printf(&what, "%s%s",
					    what.len ? ", " : "",
					    fs[cols[col]].key);
		sqlite3_reset(sel);
		if (isnew || what.len > 0) {
			sqlite3_stmt *st = isnew ? ins : upd;

			sqlite3_reset(st);
			for (col = 0; col < ncol; col++)
				bindval(st, col + 1, &e->v[cols[col]]);
			if (ws_step(st) != SQLITE_DONE)
				ws_db_die(c->db, SQLITE_CONSTRAINT, kd->noun);
		}
		if (k == WS_DIR_YOUTH_HOMES)
			ws_dir_staff_write(c, e, isnew, &what);
		if (k == WS_DIR_CONTRACTS) {
			extras(c, e, e->v[0].s, isnew, &what);
			paysync(c, e, e->v[0].s,
			    e->v[ws_dir_fieldindex(fs, "amount")].i, pc);
		}
		if (isnew)
			cnt->added++;
		else if (what.len > 0) {
			cnt->changed++;
			notef(c, "%s:%ld:%ld: %s %s: changed %s", e->file,
			    e->line, e->col, kd->noun, e->v[0].s, what.s);
		} else
			cnt->unchanged++;
	}
	ws_buf_free(&what);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
}

/* Entries of kind k in the database that no file lists. */
static void
missing(struct dctx *c, int k, struct ws_dir_count *cnt)
{
	sqlite3_stmt *st;
	const char *code;
	char *sql;

	sql = ws_asprintf("SELECT code FROM %s ORDER BY code",
	    ws_dir_kinds[k].table);
	st = ws_prepare(c->db, sql);
	free(sql);
	while (ws_step(st) == SQLITE_ROW) {
		code = (const char *)sqlite3_column_text(st, 0);
		if (ws_dir_findent(c, k, code) != NULL)
			continue;
		notef(c, "%s %s: not in file (kept in the database)",
		    ws_dir_kinds[k].noun, code);
		cnt->missing++;
	}
	sqlite3_finalize(st);
}

void
ws_dir_write(struct dctx *c, struct ws_dir_count *counts)
{
	int k;

	for (k = 0; k < WS_DIR_NKINDS; k++)
		if (k != WS_DIR_PAYMENTS)
			writekind(c, k, &counts[k], &counts[WS_DIR_PAYMENTS]);
	for (k = 0; k < WS_DIR_NKINDS; k++)
		if (k != WS_DIR_PAYMENTS && c->present[k])
			missing(c, k, &counts[k]);
}
