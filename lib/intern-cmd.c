/*
 * intern-cmd.c - intern-hours's options and which of them each mode
 * needs: the option table of the command and its mode rules, apart from
 * the command's dispatch (cmd/intern-hours.c).
 */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

enum {
	ADD = 1,	/* an --add field */
	MODE = 2,	/* a mode option */
};

/* Keys of the mode options (no letter) and of --lang (checked). */
enum {
	K_ADD = WS_OPT_KEY, K_ADJUST, K_CERTIFY, K_HISTORY, K_REPORT,
	K_CERTIFICATE, K_GRID, K_VOID, K_AMEND, K_LANG = 'L'
};

static const struct {
	int key;
	enum ws_intern_mode mode;
} modes[] = {
	{ K_ADD, WS_IM_ADD }, { K_ADJUST, WS_IM_ADJUST },
	{ K_CERTIFY, WS_IM_CERTIFY }, { K_HISTORY, WS_IM_HISTORY },
	{ K_REPORT, WS_IM_REPORT }, { K_CERTIFICATE, WS_IM_CERTIFICATE },
	{ K_GRID, WS_IM_GRID }, { K_VOID, WS_IM_VOID },
	{ K_AMEND, WS_IM_AMEND },
};

/* What each mode needs beyond the options, once they are all read. */
static int
needs(struct ws_intern_cmd *o, ws_err *e)
{
	const struct ws_hours_rec *r = &o->rec;

	switch (o->mode) {
	case WS_IM_LOG:
		if (r->date == NULL && (r->from || r->to || r->brk ||
		    r->hours || r->minutes || r->task))
			return ws_err_set(e, EX_USAGE, "--date", "missing (an "
			    "entry needs --intern and --date)");
		if (r->date != NULL && r->intern == NULL)
			return ws_err_set(e, EX_USAGE, "--intern", "missing "
			    "(an entry needs --intern and --date)");
		break;
	case WS_IM_ADJUST:
		if (r->intern == NULL || r->date == NULL ||
		    r->minutes == NULL || o->reason == NULL)
			return ws_err_set(e, EX_USAGE, NULL, "--adjust needs "
			    "--intern, --date, --minutes and --reason");
		break;
	case WS_IM_CERTIFY:
		if (r->intern == NULL || o->through == NULL || o->by == NULL)
			return ws_err_set(e, EX_USAGE, NULL, "--certify needs "
			    "--intern, --through and --by");
		break;
	case WS_IM_VOID:
	case WS_IM_AMEND:
		if (o->mode == WS_IM_VOID && (r->date || r->from || r->to ||
		    r->brk || r->hours || r->minutes || r->task))
			return ws_err_set(e, EX_USAGE, "--void", "a void takes "
			    "only the entry and the reason");
		if (r->hours != NULL)
			return ws_err_set(e, EX_USAGE, "--hours", "give "
			    "--minutes to amend an entry's duration");
		break;
	case WS_IM_HISTORY:
	case WS_IM_CERTIFICATE:
	case WS_IM_GRID:
		if (r->intern == NULL)
			return ws_err_set(e, EX_USAGE, "--intern", "missing "
			    "(expected the intern to show)");
		break;
	default:
		break;
	}
	o->batch = (o->mode == WS_IM_LOG && r->date == NULL) ||
	    (o->mode == WS_IM_ADD && r->intern == NULL) ||
	    ((o->mode == WS_IM_VOID || o->mode == WS_IM_AMEND) &&
	    strcmp(o->fixid, "-") == 0);
	if (o->keep && !o->batch)
		return ws_err_set(e, EX_USAGE, "--keep-going", "only for "
		    "records read from standard input");
	return 0;
}

int
ws_intern_cmd_parse(struct ws_intern_cmd *o, const char *usage, int argc,
    char **argv, ws_err *e)
{
	struct ws_hours_rec *r = &o->rec;
	const char **a = o->add;	/* at their ws_intern_keys index */
	struct ws_opt opts[] = {
		{ "add", NULL, "add an intern (or those on standard input)",
		    K_ADD, MODE, NULL, NULL, 0 },
		{ "adjust", NULL, "add or take off minutes, with a reason",
		    K_ADJUST, MODE, NULL, NULL, 0 },
		{ "break", "minutes", "the break inside --from/--to", 0, 0,
		    &r->brk, NULL, 0 },
		{ "by", "worker", "--certify: the supervisor signing", 0, 0,
		    &o->by, NULL, 0 },
		{ "certify", NULL, "sign off the hours up to --through",
		    K_CERTIFY, MODE, NULL, NULL, 0 },
		{ "certificate", NULL, "print the intern's certificate",
		    K_CERTIFICATE, MODE, NULL, NULL, 0 },
		{ "db", "db", NULL, 0, 0, &o->db, NULL, 0 },
		{ "date", "date", "the day worked", 0, 0, &r->date, NULL, 0 },
		{ "dry-run", NULL, NULL, 0, 0, NULL, &o->dry, 0 },
		{ "reason", "reason", "--adjust, --void, --amend: why", 0, 0,
		    &o->reason, NULL, 0 },
		/* correcting an entry not yet certified (issue 12) */
		{ "void", "id", "void entry id (-: those read)", K_VOID, MODE,
		    &o->fixid, NULL, 0 },
		{ "amend", "id", "correct entry id (-: those read)", K_AMEND,
		    MODE, &o->fixid, NULL, 0 },
		{ "academic-supervisor", "name", "--add: the school's "
		    "supervisor", 0, ADD, &a[9], NULL, 0 },
		{ "format", "format", NULL, 0, 0, &o->fmtword, NULL, 0 },
		{ "from", "HH:MM", "the time work began", 0, 0, &r->from, NULL,
		    0 },
		{ "grid", NULL, "the month-by-month grid of one intern",
		    K_GRID, MODE, NULL, NULL, 0 },
		{ "no-header", NULL, NULL, 0, 0, NULL, &o->oflags,
		    WS_OUT_NOHEADER },
		{ "intern", "code", "the intern", 0, 0, &r->intern, NULL, 0 },
		{ "input", "format", NULL, 'I', 0, NULL, NULL, 0 },
		{ "reject", "file", NULL, 0, 0, &o->rejpath, NULL, 0 },
		{ "keep-going", NULL, NULL, 0, 0, NULL, &o->keep, 0 },
		{ "full-time", "yes|no", "--add: a full-time student", 0, ADD,
		    &a[5], NULL, 0 },
		{ "minutes", "minutes", "minutes worked (or adjusted)", 0, 0,
		    &r->minutes, NULL, 0 },
		{ "lang", "lang", "--certificate: zh or en", K_LANG, 0,
		    &o->lang, NULL, 0 },
		{ "major", "major", "--add: the subject studied", 0, ADD, &a[4],
		    NULL, 0 },
		{ "name", "name", "--add: the intern's name", 0, ADD, &a[1],
		    NULL, 0 },
		{ "id-number", "id-number", "--add: the resident ID number", 0,
		    ADD, &a[2], NULL, 0 },
		{ "as-of", "date", "--report: the day to count to (today)", 0,
		    0, &o->as_of, NULL, 0 },
		{ "org", "org", "--add: the host organisation", 0, ADD, &a[7],
		    NULL, 0 },
		{ "policy", "policy", NULL, 0, 0, &o->policy, NULL, 0 },
		{ "start", "date", "--add: the internship's first day", 0, ADD,
		    &a[10], NULL, 0 },
		{ "end", "date", "--add: the internship's last day", 0, ADD,
		    &a[11], NULL, 0 },
		{ "report", NULL, "hours and the subsidy claim of every intern",
		    K_REPORT, MODE, NULL, NULL, 0 },
		{ "reveal", NULL, NULL, 0, 0, NULL, &o->reveal, 0 },
		{ "school", "school", "--add: the school", 0, ADD, &a[3], NULL,
		    0 },
		{ "supervisor", "worker", "--add: the supervising worker", 0,
		    ADD, &a[8], NULL, 0 },
		{ "task", "task", "what the intern did", 0, 0, &r->task, NULL,
		    0 },
		{ "to", "HH:MM", "the time work ended", 0, 0, &r->to, NULL, 0 },
		{ "hours", "hours", "hours worked, such as 3.5", 0, 0,
		    &r->hours, NULL, 0 },
		{ "through", "date", "--certify: the last day signed off", 0,
		    0, &o->through, NULL, 0 },
		{ "hukou-city", "city", "--add: the city of the hukou", 0, ADD,
		    &a[6], NULL, 0 },
		{ "history", NULL, "every entry of one intern", K_HISTORY,
		    MODE, NULL, NULL, 0 },
		{ "quiet", NULL, NULL, 0, 0, NULL, &o->quiet, 0 },
		{ NULL, NULL, NULL, 0, 0, NULL, NULL, 0 }
	};
	struct ws_opts p = { .usage = usage, .opt = opts };
	int ch, f, nmodes = 0;
	size_t i;

	memset(o, 0, sizeof *o);
	while ((ch = ws_opt_next(&p, argc, argv)) != -1) {
		if (ch == 'I') {
			if ((f = ws_fmt_option(p.arg, 1)) < 0)
				return EX_USAGE;	/* said by ws_fmt_option */
			o->infmt = f;
		} else if (ch == K_LANG && strcmp(p.arg, "zh") != 0 &&
		    strcmp(p.arg, "en") != 0)
			return ws_err_set(e, EX_USAGE, "--lang", "unknown "
			    "language (expected zh or en)");
		else if (ch == K_LANG)
			ws_lang(p.arg);		/* issue 14: every mode */
		for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
			if (modes[i].key != ch)
				continue;
			if (nmodes++ > 0 && o->mode != modes[i].mode)
				return ws_err_set(e, EX_USAGE, NULL, "give one "
				    "of --add, --adjust, --certify, --history, "
				    "--report, --certificate, --grid, --void "
				    "and --amend");
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
	if ((p.given & ADD) && o->mode != WS_IM_ADD)
		return ws_err_set(e, EX_USAGE, NULL, "--name, --org, --start "
		    "and the other intern fields go with --add");
	o->add[0] = o->rec.intern;
	return needs(o, e);
}
