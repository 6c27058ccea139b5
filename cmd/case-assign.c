/* case-assign - give cases named on the command line or on stdin to a worker */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static const char usage_text[] =
"usage: case-assign --to worker [-Hqt] [-d db] [-D date] [-f format]\n"
"                   [-I format] [case_id ...]\n";

static _Noreturn void
usage(int code)
{
	ws_usage(usage_text, code);
}

/* The handover: to whom, from when. */
struct handover {
	const char *to, *date;
	sqlite3 *db;
	ws_buf msg;
};

static const char *
assign(ws_cases *cs, int64_t id, void *arg)
{
	struct handover *h = arg;

	return ws_case_assign_on(cs, h->db, id, h->to, h->date, &h->msg);
}

int
main(int argc, char **argv)
{
	const char *dbopt = NULL, *to = NULL, *m, *date = NULL;
	struct handover h;
	enum ws_fmt fmt = WS_FMT_AUTO, infmt = WS_FMT_AUTO;
	char today[11];
	int64_t *ids;
	size_t nids;
	int ch, oflags = 0, quiet = 0, dry = 0, rc;
	ws_err e = {0};
	sqlite3 *db;
	ws_cases *cs;
	struct ws_opt opts[] = {
		{ "db", "db", NULL, 0, 0, &dbopt, NULL, 0 },
		{ "format", "format", NULL, 'f', 0, NULL, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &oflags,
		    WS_OUT_NOHEADER },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &quiet, 0 },
		{ "dry-run", NULL, NULL, 0, 0, NULL, &dry, 0 },
		{ "to", "worker", "the worker who takes the cases (required)",
		    0, 0, &to, NULL, 0 },
		/* issue 12 */
		{ "date", "date", "the handover's effective date (today)", 0,
		    0, &date, NULL, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage_text, .opt = opts, .fmt = &fmt,
	    .infmt = &infmt };

	ws_init(argv[0]);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1)
		;	/* the table does it all */
	argc -= p.ind;
	argv += p.ind;
	if (to == NULL) {
		ws_warn("--to WORKER is required");
		usage(EX_USAGE);
	}

	ws_today(today);
	if (date == NULL)
		date = today;
	else if ((m = ws_check_date(date)) != NULL ||
	    (strcmp(date, today) > 0 && (m = "in the future") != NULL)) {
		ws_warn("--date: '%s': %s", date, m);
		usage(EX_USAGE);
	}
	db = ws_db_open(dbopt, WS_DB_READ);
	if ((m = ws_case_check_worker(db, to, date)) != NULL)
		ws_die(EX_DATAERR, "--to: %s", m);
	cs = ws_cases_new(db, NULL, dry ? WS_CASES_DRY_RUN : 0);
	h.to = to;
	h.date = date;
	h.db = db;
	memset(&h.msg, 0, sizeof h.msg);
	rc = ws_case_each(cs, argc, argv, infmt, quiet, assign, &h,
	    "assigned", &ids, &nids, &e);
	ws_buf_free(&h.msg);
	if (rc != 0)
		ws_err_die(&e);
	ws_case_show_done(db, ids, nids, fmt, oflags, dry);
	ws_cases_free(cs);
	ws_db_close(db);
	free(ids);
	ws_close_stdout();
	return 0;
}
