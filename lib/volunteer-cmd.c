/*
 * volunteer-cmd.c - volunteer-hours's options and which of them each
 * mode needs: the option table of the command, its period and its mode
 * rules, apart from the command's dispatch (cmd/volunteer-hours.c); and
 * the run of its import of service records.
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

enum {
	MODE = 1,	/* a mode option */
	PERIOD = 2,	/* --year ... --until */
};

/* Keys of the mode options (no letter), of --list, --lang and the
 * period (their letters). */
enum {
	K_ADD = WS_OPT_KEY, K_VOID, K_AMEND, K_ADJUST, K_REPORT,
	K_CERTIFICATE, K_LIST = 'l', K_LANG = 'L', K_YEAR = 'y',
	K_MONTH = 'M', K_QUARTER = 'Q', K_SINCE = 'a', K_UNTIL = 'u'
};

static const struct {
	int key;
	enum ws_volunteer_mode mode;
} modes[] = {
	{ K_ADD, WS_VM_ADD }, { K_VOID, WS_VM_VOID }, { K_AMEND, WS_VM_AMEND },
	{ K_ADJUST, WS_VM_ADJUST }, { K_REPORT, WS_VM_REPORT },
	{ K_LIST, WS_VM_LIST }, { K_CERTIFICATE, WS_VM_CERTIFICATE },
};

/* One of --year, --month, --quarter, or --since and --until. */
static int
period(struct ws_volunteer_cmd *o, int *n, const char *opt, const char *val,
    ws_err *e)
{
	const char *m;
	int range = strcmp(opt, "since") == 0 || strcmp(opt, "until") == 0;

	if (*n != 0 && (!range || *n != 1))
		return ws_err_set(e, EX_USAGE, NULL, "give one of --year, "
		    "--month, --quarter and --since/--until");
	*n = range ? 1 : 2;
	if ((m = ws_period(opt, val, o->since, o->until)) != NULL)
		return ws_err_set(e, EX_USAGE, NULL, "--%s: '%s': %s", opt,
		    val, m);
	return 0;
}

/* What each mode needs beyond the options, once they are all read. */
static int
needs(struct ws_volunteer_cmd *o, unsigned given, ws_err *e)
{
	const struct ws_service_rec *r = &o->rec;

	if ((given & PERIOD) && o->mode != WS_VM_REPORT &&
	    o->mode != WS_VM_LIST)
		return ws_err_set(e, EX_USAGE, NULL, "--year, --month, "
		    "--quarter, --since and --until go with --report and "
		    "--list");
	if ((o->mode == WS_VM_VOID || o->mode == WS_VM_AMEND ||
	    o->mode == WS_VM_ADJUST) && o->reason == NULL)
		return ws_err_set(e, EX_USAGE, "--reason", "missing (a "
		    "correction needs a reason)");
	if (o->mode == WS_VM_ADJUST && r->minutes == NULL)
		return ws_err_set(e, EX_USAGE, "--minutes", "missing "
		    "(--adjust needs signed minutes)");
	if (o->mode == WS_VM_CERTIFICATE && r->volunteer == NULL)
		return ws_err_set(e, EX_USAGE, "--volunteer", "missing "
		    "(expected the volunteer's code)");
	o->batch = o->mode == WS_VM_ADD || (o->mode == WS_VM_RECORD &&
	    r->date == NULL && r->activity == NULL);
	if (o->keep && !o->batch)
		return ws_err_set(e, EX_USAGE, "--keep-going", "only for "
		    "records read from standard input");
	if (o->until[0] == '\0')
		ws_today(o->until);
	if (o->since[0] == '\0')
		snprintf(o->since, sizeof o->since, "%.4s-01-01", o->until);
	return 0;
}

int
ws_volunteer_cmd_parse(struct ws_volunteer_cmd *o, const char *usage,
    int argc, char **argv, ws_err *e)
{
	struct ws_service_rec *r = &o->rec;
	struct ws_opt opts[] = {
		{ "add", NULL, "register the volunteers on standard input",
		    K_ADD, MODE, NULL, NULL, 0 },
		{ "void", "record", "void a record, with --reason", K_VOID,
		    MODE, &o->target, NULL, 0 },
		{ "amend", "record", "void a record and record it anew, with "
		    "--reason", K_AMEND, MODE, &o->target, NULL, 0 },
		{ "adjust", "record", "adjust a certified record by signed "
		    "--minutes, with --reason", K_ADJUST, MODE, &o->target,
		    NULL, 0 },
		{ "report", NULL, "hours in the period, in total, and stars",
		    K_REPORT, MODE, NULL, NULL, 0 },
		{ "list", NULL, "the records in the national system's columns",
		    K_LIST, MODE, NULL, NULL, 0 },
		{ "certificate", NULL, "issue the volunteer's service-record "
		    "certificate", K_CERTIFICATE, MODE, NULL, NULL, 0 },
		{ "volunteer", "code", "the volunteer", 0, 0, &r->volunteer,
		    NULL, 0 },
		{ "activity", "id", "the activity-log activity served", 0, 0,
		    &r->activity, NULL, 0 },
		{ "org", "org", "the organisation recording the service", 0,
		    0, &r->org, NULL, 0 },
		{ "date", "date", "the day of service", 0, 0, &r->date, NULL,
		    0 },
		{ "from", "HH:MM", "the time service began", 0, 0, &r->from,
		    NULL, 0 },
		{ "to", "HH:MM", "the time service ended", 0, 0, &r->to, NULL,
		    0 },
		{ "hours", "hours", "hours served, such as 2.5", 0, 0,
		    &r->hours, NULL, 0 },
		{ "minutes", "minutes", "minutes served (or adjusted)", 0, 0,
		    &r->minutes, NULL, 0 },
		{ "place", "text", "where the service took place", 0, 0,
		    &r->place, NULL, 0 },
		{ "content", "text", "what the service was", 0, 0,
		    &r->content, NULL, 0 },
		{ "reason", "reason", "why a record is corrected", 0, 0,
		    &o->reason, NULL, 0 },
		{ "year", "year", "the period: a year", K_YEAR, PERIOD, NULL,
		    NULL, 0 },
		{ "month", "month", "the period: a month", K_MONTH, PERIOD,
		    NULL, NULL, 0 },
		{ "quarter", "quarter", "the period: a quarter, 2019Q3",
		    K_QUARTER, PERIOD, NULL, NULL, 0 },
		{ "since", "date", "the period's first day", K_SINCE, PERIOD,
		    NULL, NULL, 0 },
		{ "until", "date", "the period's last day (today)", K_UNTIL,
		    PERIOD, NULL, NULL, 0 },
		{ "lang", "lang", "--certificate: zh or en", K_LANG, 0,
		    &o->lang, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &o->db, NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &o->policy, NULL, 0 },
		{ "format", "format", NULL, 0, 0, &o->fmtword, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &o->oflags,
		    WS_OUT_NOHEADER },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "reject", "file", NULL, 0, 0, &o->rejpath, NULL, 0 },
		{ "keep-going", NULL, NULL, 0, 0, NULL, &o->keep, 0 },
		{ "reveal", NULL, NULL, 0, 0, NULL, &o->reveal, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &o->quiet, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage, .opt = opts,
	    .infmt = &o->infmt };
	int ch, nmodes = 0, nperiod = 0;
	size_t i;

	memset(o, 0, sizeof *o);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		if (ch == K_LANG && strcmp(p.arg, "zh") != 0 &&
		    strcmp(p.arg, "en") != 0)
			return ws_err_set(e, EX_USAGE, "--lang", "unknown "
			    "language (expected zh or en)");
		else if ((ch == K_YEAR || ch == K_MONTH || ch == K_QUARTER ||
		    ch == K_SINCE || ch == K_UNTIL) &&
		    period(o, &nperiod, p.name, p.arg, e) != 0)
			return EX_USAGE;
		for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
			if (modes[i].key != ch)
				continue;
			if (nmodes++ > 0 && o->mode != modes[i].mode)
				return ws_err_set(e, EX_USAGE, NULL, "give one "
				    "of --add, --void, --amend, --adjust, "
				    "--report, --list and --certificate");
			o->mode = modes[i].mode;
		}
	}
	o->ind = p.ind;
	if (p.ind < argc)
		return ws_err_set(e, EX_USAGE, NULL, "%s: unexpected argument "
		    "(everything is given with options or on standard input)",
		    argv[p.ind]);
	if (o->keep != (o->rejpath != NULL))
		return ws_err_set(e, EX_USAGE, NULL, "--keep-going and "
		    "--reject FILE go together");
	return needs(o, p.given, e);
}

long
ws_service_import(struct ws_batch_spec *s, struct ws_service_batch *sb,
    ws_err *e)
{
	ws_batch *b;
	long nbad;

	ws_service_batch_spec(s, sb);
	b = ws_batch_new(s);
	if (ws_batch_run(b, e) != 0) {
		if (e->msg != NULL)
			ws_err_warn(e);
		ws_err_clear(e);
		nbad = ws_batch_nbad(b) > 0 ? ws_batch_nbad(b) : 1;
		ws_batch_free(b);
		sb->first = sb->last = 0;
		return ws_batch_reject_close(s->rj, s->rejpath, e) != 0 ? -1 :
		    nbad;
	}
	if (ws_batch_commit(b, e) != 0) {
		ws_batch_free(b);
		sb->first = sb->last = 0;
		return -1;
	}
	ws_batch_rejected(b, s->rj ? s->rejpath : NULL);
	return ws_batch_close(b, &nbad, e) != 0 ? -1 : nbad;
}
