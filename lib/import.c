/*
 * import.c - the record-reading jobs of visit-log and activity-log on top
 * of the batch loop (batch.c): a visit from options for each case given
 * or piped in, visits and activities read from a stream, and the case
 * ids piped into activity-log.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* have[] (a column list of the library) must be want[] (the enum this
 * file indexes records by), else it is a bug. */
static void
check_cols(const char *const *have, const char *const *want, const char *name)
{
	int i;

	for (i = 0; want[i] != NULL; i++)
		if (have[i] == NULL || strcmp(have[i], want[i]) != 0)
			ws_bug("%s[%d] is not '%s'", name, i, want[i]);
	if (have[i] != NULL)
		ws_bug("%s has more than %d columns", name, i);
}

/* A stream of whole records with the columns cols and a tsv/csv header
 * that must name required. */
static void
stream_spec(struct ws_batch_spec *s, const char *const *cols,
    const char *const *required, const char *why, const char *empty,
    ws_batch_fn *record)
{
	s->cols = cols;
	s->flags = WS_BATCH_HEADER;
	s->required = required;
	s->why = why;
	s->empty = empty;
	s->record = record;
}

static void
visits_begin(ws_batch *b, void *arg)
{
	struct ws_visit_batch *vb = arg;

	vb->vs = ws_visits_new(vb->db, vb->tmpl != NULL ? WS_VISITS_JOINT : 0);
	ws_visits_batch(vb->vs, b);
}

static void
visits_end(ws_batch *b, void *arg)
{
	struct ws_visit_batch *vb = arg;

	ws_visits_free(vb->vs);	/* writes the last rows */
	vb->vs = NULL;
}

static int
visit_add(ws_batch *b, struct ws_visit_batch *vb, const struct ws_visit *v,
    ws_case_report *err, void *arg)
{
	int64_t id = ws_visit_add(vb->vs, v, err, arg);

	ws_batch_row(b, id);
	return ws_batch_id(id, &vb->first, &vb->last);
}

/* Log: the options' visit for the case of a record read. */
static int
visit_case(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_visit_batch *vb = arg;
	struct ws_visit x = *vb->tmpl;
	const char *m;
	char idstr[24];
	int64_t id;

	if ((m = ws_case_id_of(v, &id)) != NULL) {
		ws_batch_err(b, "case_id", m);
		return 1;
	}
	snprintf(idstr, sizeof idstr, "%lld", (long long)id);
	x.case_id = idstr;
	return visit_add(b, vb, &x, ws_batch_err, b);
}

/* Import: one visit read. */
static int
visit_record(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_visit x;

	x.case_id = v[WS_VC_CASE_ID];
	x.worker = v[WS_VC_WORKER];
	x.date = v[WS_VC_DATE];
	x.start = v[WS_VC_START];
	x.minutes = v[WS_VC_MINUTES];
	x.kind = v[WS_VC_KIND];
	x.status = v[WS_VC_STATUS];
	x.purpose = v[WS_VC_PURPOSE];
	x.note = v[WS_VC_NOTE];
	x.follow_up = v[WS_VC_FOLLOW_UP];
	x.contract = v[WS_VC_CONTRACT];
	return visit_add(b, arg, &x, ws_batch_err, b);
}

/* Log: the options' visit for the case vb->case_id given with options. */
static int
visit_opt(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_visit_batch *vb = arg;
	struct ws_visit x = *vb->tmpl;

	x.case_id = vb->case_id;
	return visit_add(b, vb, &x, vb->opt_err, vb);
}

void
ws_visit_batch_spec(struct ws_batch_spec *s, struct ws_visit_batch *vb)
{
	static const char *const required[] = { "case_id", "minutes", "kind",
	    NULL };

	static const char *const want[] = { "visit_id", "case_id",
	    "community", "worker", "date", "start", "minutes", "kind",
	    "status", "purpose", "note", "follow_up", "contract", NULL };

	check_cols(ws_visit_cols, want, "ws_visit_cols");
	vb->db = s->db;
	vb->first = vb->last = 0;
	vb->vs = NULL;
	s->begin = visits_begin;
	s->end = visits_end;
	s->arg = vb;
	if (vb->tmpl != NULL && vb->ncases > 0) {
		s->record = visit_opt;
		return;
	}
	if (vb->tmpl != NULL) {
		s->cols = ws_case_id_cols;
		s->flags = 0;
		s->bare = "case_id";
		s->empty = NULL;
		s->record = visit_case;
		return;
	}
	stream_spec(s, ws_visit_cols, required, "a visit needs case_id, "
	    "minutes and kind", "no visits in the input (expected a header "
	    "line naming the columns, then one visit a line)", visit_record);
}

int
ws_visit_batch_run(ws_batch *b, struct ws_visit_batch *vb, ws_err *e)
{
	size_t i;

	if (vb->tmpl == NULL || vb->ncases == 0)
		return ws_batch_run(b, e);
	for (i = 0; i < vb->ncases; i++) {
		vb->case_id = vb->cases[i];
		ws_batch_one(b, NULL);
	}
	vb->case_id = NULL;
	return ws_batch_end(b, e);
}

static int
activity_add(struct ws_activity_batch *ab, const struct ws_activity *a,
    ws_case_report *err, void *arg)
{
	return ws_batch_id(ws_activity_add(ab->db, a, err, arg), &ab->first,
	    &ab->last);
}

/* Import: one activity read. */
static int
activity_record(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_activity_batch *ab = arg;
	struct ws_activity a;

	a.kind = v[WS_AC_KIND];
	a.group = v[WS_AC_GROUP];
	a.title = v[WS_AC_TITLE];
	a.date = v[WS_AC_DATE];
	a.minutes = v[WS_AC_MINUTES];
	a.community = v[WS_AC_COMMUNITY];
	a.org = v[WS_AC_ORG];
	a.workers = v[WS_AC_WORKERS];
	a.participants = v[WS_AC_PARTICIPANTS];
	a.volunteers = v[WS_AC_VOLUNTEERS];
	a.volunteer_minutes = v[WS_AC_VOLUNTEER_MINUTES];
	a.contract = v[WS_AC_CONTRACT];
	a.cases = v[WS_AC_CASES];
	a.note = v[WS_AC_NOTE];
	return activity_add(ab, &a, ws_batch_err, b);
}

/* Log: the activity given with options. */
static int
activity_opt(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_activity_batch *ab = arg;

	return activity_add(ab, ab->tmpl, ab->opt_err, ab);
}

void
ws_activity_batch_spec(struct ws_batch_spec *s, struct ws_activity_batch *ab)
{
	static const char *const want[] = { "activity_id", "kind", "group",
	    "title", "date", "minutes", "community", "org", "workers",
	    "participants", "volunteers", "volunteer_minutes", "contract",
	    "cases", "note", NULL };
	static const char *const required[] = { "minutes", NULL };

	check_cols(ws_activity_cols, want, "ws_activity_cols");
	ab->db = s->db;
	ab->first = ab->last = 0;
	s->arg = ab;
	if (ab->tmpl != NULL) {
		s->record = activity_opt;
		return;
	}
	stream_spec(s, ws_activity_cols, required, "an activity needs its "
	    "minutes", "no activities in the input (expected a header line "
	    "naming the columns, then one activity a line)", activity_record);
}

int
ws_activity_batch_run(ws_batch *b, struct ws_activity_batch *ab, ws_err *e)
{
	if (ab->tmpl == NULL)
		return ws_batch_run(b, e);
	ws_batch_one(b, NULL);
	return ws_batch_end(b, e);
}

static int
case_id_record(ws_batch *b, const char *const *v, void *arg)
{
	ws_buf *out = arg;
	const char *m;
	int64_t id;

	if ((m = ws_case_id_of(v, &id)) != NULL) {
		ws_batch_err(b, "case_id", m);
		return 1;
	}
	if (out->len > 0)
		ws_buf_addc(out, ',');
	ws_buf_printf(out, "%lld", (long long)id);
	return 0;
}

int
ws_case_ids_read(FILE *fp, const char *name, enum ws_fmt fmt, int quiet,
    ws_buf *out, ws_err *e)
{
	struct ws_batch_spec s;
	ws_batch *b;
	long bad;

	memset(&s, 0, sizeof s);
	s.fp = fp;
	s.name = name;
	s.fmt = fmt;
	s.cols = ws_case_id_cols;
	s.bare = "case_id";
	s.keep = 1;	/* the refusal is said below */
	s.quiet = quiet;
	s.record = case_id_record;
	s.arg = out;
	b = ws_batch_new(&s);
	ws_batch_run(b, e);	/* no header, no lock, empty is fine: 0 */
	bad = ws_batch_nbad(b);
	ws_batch_free(b);
	if (bad > 0)
		return ws_err_set(e, EX_DATAERR, NULL, "%s: %ld bad case id%s; "
		    "nothing written", name, bad, bad == 1 ? "" : "s");
	return 0;
}

/* Columns a stream of hours may have: the entry's fields, plus those of
 * intern-hours' own output, which are ignored (so output reads back). */
enum { IH_INTERN, IH_DATE, IH_FROM, IH_TO, IH_BREAK, IH_HOURS, IH_MINUTES,
    IH_TASK, IH_ENTRY_ID, IH_KIND };
static const char *const log_cols[] = { "intern", "date", "from", "to",
    "break", "hours", "minutes", "task", "entry_id", "kind", "reason",
    "certification", NULL };

/* A lib message "field: problem" (allocated, freed here) on the record. */
static int
intern_refused(ws_batch *b, char *m)
{
	ws_batch_err(b, NULL, m);
	free(m);
	return 1;
}

static int
intern_record(ws_batch *b, const char *const *v, void *arg)
{
	struct ws_intern_batch *ib = arg;
	struct ws_hours_rec r;
	int64_t two[2];
	char *m;
	int n, i;

	if (ib->add) {
		if ((m = ws_intern_add(ib->db, v)) != NULL)
			return intern_refused(b, m);
		ib->codes = ws_realloc(ib->codes, (ib->ncodes + 1) *
		    sizeof *ib->codes);
		ib->codes[ib->ncodes++] = ws_strdup(v[0]);
		return 0;
	}
	r.intern = v[IH_INTERN] != NULL ? v[IH_INTERN] : ib->intern;
	r.date = v[IH_DATE];
	r.from = v[IH_FROM];
	r.to = v[IH_TO];
	r.brk = v[IH_BREAK];
	r.hours = v[IH_HOURS];
	r.minutes = v[IH_MINUTES];
	r.task = v[IH_TASK];
	r.batch = b;
	if (v[IH_KIND] != NULL && strcmp(v[IH_KIND], "entry") != 0) {
		ws_batch_warnf(b, "kind: '%s' cannot be logged (expected "
		    "entry; adjustments are made with --adjust)", v[IH_KIND]);
		return 1;
	}
	if ((m = ws_intern_log(ib->db, ib->pol, &r, two, &n)) != NULL)
		return intern_refused(b, m);
	for (i = 0; i < n; i++) {
		if (ib->nids == ib->cap) {
			ib->cap = ib->cap ? ib->cap * 2 : 64;
			ib->ids = ws_realloc(ib->ids, ib->cap * sizeof *ib->ids);
		}
		ib->ids[ib->nids++] = two[i];
		ws_batch_row(b, two[i]);
	}
	return 0;
}

void
ws_intern_batch_spec(struct ws_batch_spec *s, struct ws_intern_batch *ib)
{
	ib->db = s->db;
	s->cols = ib->add ? ws_intern_keys : log_cols;
	s->flags = WS_BATCH_KEYS;
	s->empty = ib->add ? "no records in the input (expected a header line "
	    "naming the columns, then one intern a line)" : "no records in "
	    "the input (expected a header line naming the columns, then one "
	    "entry a line)";
	s->record = intern_record;
	s->arg = ib;
}

void
ws_intern_batch_clear(struct ws_intern_batch *ib)
{
	size_t i;

	for (i = 0; i < ib->ncodes; i++)
		free(ib->codes[i]);
	free(ib->codes);
	free(ib->ids);
	ib->codes = NULL;
	ib->ids = NULL;
	ib->ncodes = ib->nids = ib->cap = 0;
}

void
ws_visit_batch_print(const struct ws_visit_batch *vb, ws_out *o)
{
	struct ws_visit_filter f;
	sqlite3_stmt *st;

	memset(&f, 0, sizeof f);
	f.first = vb->first;
	f.last = vb->last;
	st = ws_visit_list(vb->db, &f);
	ws_out_run(o, st);
	sqlite3_finalize(st);
}

void
ws_activity_print_range(sqlite3 *db, int64_t first, int64_t last,
    ws_out *o)
{
	struct ws_activity_filter f;
	sqlite3_stmt *st;

	memset(&f, 0, sizeof f);
	f.first = first;
	f.last = last;
	st = ws_activity_list(db, &f);
	ws_out_run(o, st);
	sqlite3_finalize(st);
}

long
ws_group_print(sqlite3 *db, const char *code, ws_out *o)
{
	sqlite3_stmt *st = ws_group_list(db);
	const char *cols[8];
	int i, n = sqlite3_column_count(st);
	long rows = 0;

	for (i = 0; i < n && i < 8; i++)
		cols[i] = sqlite3_column_name(st, i);
	ws_out_cols(o, i, cols);
	while (ws_step(st) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(st, 0), code) != 0)
			continue;
		ws_out_row(o, st);
		rows++;
	}
	sqlite3_finalize(st);
	return rows;
}
