/*
 * dircal.c - the directory's calendar key (wushe-directory(5)): a site's
 * own holidays and make-up workdays, over the State Council's dates built
 * into the library (cal.c).  A mapping of two lists of dates:
 *
 *   calendar:
 *     holidays: [2027-01-01, 2027-02-05]
 *     workdays: [2027-02-14]
 *
 * A date given in both lists (of any of the files loaded together) is a
 * problem.  Loading sets each listed day in calendar_day; days are never
 * deleted (list a day in the other list to change it).
 */
#include <stdlib.h>
#include <string.h>

#include "dir.h"

static const char *const cal_keys[] = { "holidays", "workdays", NULL };

/* The earlier entry for day, or NULL. */
static struct dircal *
findday(struct dctx *c, const char *day)
{
	size_t i;

	for (i = 0; i < c->ncal; i++)
		if (strcmp(c->cal[i].day, day) == 0)
			return &c->cal[i];
	return NULL;
}

void
ws_dir_calendar(struct dctx *c, const ws_ynode *n)
{
	const ws_ynode *seq, *it;
	struct dircal *d;
	char key[32], date[11];
	size_t i;
	int w;

	if (ws_ynull(n))
		return;
	if (ws_ywant(&c->y, n, WS_Y_MAP, "calendar") == -1 ||
	    ws_ykeys(&c->y, n, "calendar", cal_keys) == -1)
		return;
	for (w = 0; w < 2; w++) {
		snprintf(key, sizeof key, "calendar.%s", cal_keys[w]);
		seq = ws_ymap_get(n, cal_keys[w]);
		if (ws_ynull(seq))
			continue;
		if (ws_ywant(&c->y, seq, WS_Y_SEQ, key) == -1)
			continue;
		for (i = 0; i < seq->n; i++) {
			it = seq->items[i];
			if (ws_yget_date(&c->y, it, key, date) == -1)
				continue;
			if ((d = findday(c, it->val)) != NULL &&
			    d->workday != w) {
				ws_yproblem(&c->y, it->line, it->col, key,
				    "'%s': also listed as a %s (expected each "
				    "day in one list)", it->val,
				    w ? "holiday" : "make-up workday");
				continue;
			}
			if (d == NULL) {
				c->cal = ws_realloc(c->cal, (c->ncal + 1) *
				    sizeof *c->cal);
				d = &c->cal[c->ncal++];
			}
			d->day = it->val;
			d->workday = w;
			d->line = it->line;
			d->col = it->col;
		}
	}
}

void
ws_dir_calendar_write(struct dctx *c)
{
	sqlite3_stmt *st;
	size_t i;

	if (c->ncal == 0)
		return;
	st = ws_prepare(c->db, "INSERT INTO calendar_day (day, workday) "
	    "VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET workday = "
	    "excluded.workday");
	for (i = 0; i < c->ncal; i++) {
		ws_bind_text(st, 1, c->cal[i].day);
		sqlite3_bind_int(st, 2, c->cal[i].workday);
		ws_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	ws_buf_printf(&c->notes, "calendar: %zu day%s set\n", c->ncal,
	    c->ncal == 1 ? "" : "s");
}
