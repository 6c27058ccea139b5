/*
 * opt.c - the option table: one parser on top of getopt_long for every
 * command, and the one table of short letters every command follows.
 *
 * A command declares its options in a table of struct ws_opt (long name,
 * argument name, one-line description, where the value goes and the group
 * it belongs to).  The short letter is never written by the command: it
 * comes from letters[] below, so the same letter means the same long
 * option in every command, and an option whose long name has no letter
 * here has no short form.  wushe(7) prints the same table; tests/common.bats
 * checks every command's --help against it, and the bash completion
 * (tools/wushe.bash) reads --help, so it follows too.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

/* The letters, sorted as wushe(7) lists them.  Keep the two in step. */
static const struct {
	char c;
	const char *name;
} letters[] = {
	{ 'a', "since" },	{ 'A', "as-of" },
	{ 'B', "bom" },		{ 'c', "case" },
	{ 'C', "contract" },	{ 'd', "db" },
	{ 'D', "date" },	{ 'f', "format" },
	{ 'F', "from" },	{ 'g', "group" },
	{ 'G', "summary" },	{ 'h', "help" },
	{ 'H', "no-header" },	{ 'i', "intern" },
	{ 'I', "input" },	{ 'j', "reject" },
	{ 'k', "keep-going" },	{ 'K', "kind" },
	{ 'l', "list" },	{ 'L', "lang" },
	{ 'm', "minutes" },	{ 'M', "month" },
	{ 'n', "note" },	{ 'N', "community" },
	{ 'o', "org" },		{ 'O', "due" },
	{ 'P', "policy" },	{ 'q', "quiet" },
	{ 'Q', "quarter" },	{ 'r', "reason" },
	{ 'R', "reveal" },	{ 's', "start" },
	{ 'S', "status" },	{ 't', "dry-run" },
	{ 'T', "title" },	{ 'u', "until" },
	{ 'U', "user" },	{ 'v', "volunteers" },
	{ 'V', "version" },	{ 'w', "worker" },
	{ 'W', "volunteer-minutes" }, { 'x', "strict" },
	{ 'X', "redact" },	{ 'y', "year" },
};

#define NLETTERS (sizeof letters / sizeof letters[0])

/* --help and --version, which every command has; and (issue 14) --lang
 * and --encoding, unless the command's table has its own. */
static const struct ws_opt builtin[] = {
	{ "help", NULL, "print this help and exit", 'h', 0, NULL, NULL, 0 },
	{ "version", NULL, "print the version and exit", 'V', 0, NULL, NULL,
	    0 },
	{ "lang", "lang", "zh or en: column headers, words and messages", 0,
	    0, NULL, NULL, 0 },
	{ "encoding", "encoding", "read gbk, gb18030 or utf-16 input "
	    "(Excel's)", 0, 0, NULL, NULL, 0 },
	/* issue 11 */
	{ "force", NULL, "write into a database file that is not yours or "
	    "that others can read or write", 0, 0, NULL, NULL, 0 },
};
#define NBUILTIN ((int)(sizeof builtin / sizeof builtin[0]))

/* The one description of the options every command words the same. */
static const char *const common[][2] = {
	{ "db", "the database file (default $WUSHE_DB)" },
	{ "format", "output: table, tsv, csv or json" },
	{ "no-header", "no header line" },
	{ "input", "read standard input as tsv, csv, json or yaml" },
	{ "quiet", "no progress line" },
	{ "bom", "a byte-order mark before csv (for spreadsheets)" },
	{ "reject", "write refused records to this file (with -k)" },
	{ "keep-going", "write the good records, reject the bad ones" },
	{ "dry-run", "check and report, then roll back: nothing written" },
	{ "reveal", "show ID and phone numbers in full (audited)" },
	{ "policy", "the policy file (default: the built-in one)" },
	{ NULL, NULL }
};

/* What getopt_long is given; file scope, so a leak checker sees it when
 * a command exits in the middle of its options. */
static struct option *longopts;
static char *shortopts;

int
ws_opt_letter(const char *name)
{
	size_t i;

	for (i = 0; i < NLETTERS; i++)
		if (strcmp(letters[i].name, name) == 0)
			return letters[i].c;
	return 0;
}

const char *
ws_opt_letter_name(int c)
{
	size_t i;

	for (i = 0; i < NLETTERS; i++)
		if (letters[i].c == c)
			return letters[i].name;
	return NULL;
}

/* Non-zero when the command's table has an option named name. */
static int
declared(const struct ws_opts *p, const char *name)
{
	int i;

	for (i = 0; p->opt[i].name != NULL; i++)
		if (strcmp(p->opt[i].name, name) == 0)
			return 1;
	return 0;
}

/* The i-th option of the command's table followed by the built-in ones
 * it does not declare itself (NULL past the end). */
static const struct ws_opt *
nth(const struct ws_opts *p, int i)
{
	int k, n;

	for (n = 0; p->opt[n].name != NULL; n++)
		;
	if (i < n)
		return &p->opt[i];
	for (i -= n, k = 0; k < NBUILTIN; k++)
		if (!declared(p, builtin[k].name) && i-- == 0)
			return &builtin[k];
	return NULL;
}

static void
build(struct ws_opts *p)
{
	const struct ws_opt *o;
	int i, c, total;
	size_t k = 0;

	for (p->n = 0; p->opt[p->n].name != NULL; p->n++)
		;
	for (total = p->n; nth(p, total) != NULL; total++)
		;
	longopts = ws_calloc((size_t)total + 1, sizeof *longopts);
	shortopts = ws_malloc((size_t)total * 2 + 2);
	for (i = 0; i < total; i++) {
		o = nth(p, i);
		c = ws_opt_letter(o->name);
		if (o->key > 0 && o->key < WS_OPT_KEY && o->key != c)
			ws_bug("option --%s: key '%c' is not its letter",
			    o->name, o->key);
		longopts[i].name = o->name;
		longopts[i].has_arg = o->arg ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = c ? c : WS_OPT_KEY + 1000 + i;
		if (c) {
			shortopts[k++] = (char)c;
			if (o->arg)
				shortopts[k++] = ':';
		}
	}
	shortopts[k] = '\0';
}

static void
release(void)
{
	free(longopts);
	free(shortopts);
	longopts = NULL;
	shortopts = NULL;
}

static const char *
describe(const struct ws_opt *o)
{
	int i;

	if (o->help != NULL)
		return o->help;
	for (i = 0; common[i][0] != NULL; i++)
		if (strcmp(common[i][0], o->name) == 0)
			return common[i][1];
	ws_bug("option --%s: no description", o->name);
}

void
ws_opt_help(const struct ws_opts *p, FILE *fp)
{
	const struct ws_opt *o;
	char head[64];
	int i, c;

	fputs(p->usage, fp);
	fputs("\n", fp);
	for (i = 0; (o = nth(p, i)) != NULL; i++) {
		c = ws_opt_letter(o->name);
		snprintf(head, sizeof head, "%c%c%c --%s%s%s", c ? '-' : ' ',
		    c ? c : ' ', c ? ',' : ' ', o->name, o->arg ? " " : "",
		    o->arg ? o->arg : "");
		fprintf(fp, "  %-28s %s\n", head, ws_msg(describe(o)));
	}
}

/* The option types: --format and --input parsed for the command (one
 * parser for each, ws_fmt_option), and the period options (ws_period_opt).
 * Returns 1 when o was one of them. */
static int
typed(struct ws_opts *p, const struct ws_opt *o, const char *arg)
{
	static const char *const periods[] = { "month", "quarter", "year",
	    "since", "until", "as-of", NULL };
	enum ws_fmt *to = NULL;
	const char *m;
	int f, in = 0, k;

	for (k = 0; p->period != NULL && periods[k] != NULL; k++)
		if (strcmp(o->name, periods[k]) == 0 && (k < 3 ||
		    o->val == NULL)) {
			p->given |= o->group;
			if ((m = ws_period_opt(p->period, o->name, arg)) !=
			    NULL) {
				ws_warn("--%s: %s", o->name, m);
				release();
				ws_usage(p->usage, EX_USAGE);
			}
			return 1;
		}

	if (p->fmt != NULL && strcmp(o->name, "format") == 0)
		to = p->fmt;
	else if (p->infmt != NULL && strcmp(o->name, "input") == 0) {
		to = p->infmt;
		in = 1;
	}
	if (to == NULL)
		return 0;
	p->given |= o->group;
	if ((f = ws_fmt_option(arg, in)) < 0) {
		release();
		ws_usage(p->usage, EX_USAGE);
	}
	*to = f;
	return 1;
}

/* The option getopt_long returned as ch, or NULL. */
static const struct ws_opt *
lookup(const struct ws_opts *p, int ch)
{
	int i;

	if (ch >= WS_OPT_KEY + 1000)
		return nth(p, ch - WS_OPT_KEY - 1000);
	for (i = 0; nth(p, i) != NULL; i++)
		if (ws_opt_letter(nth(p, i)->name) == ch)
			return nth(p, i);
	return NULL;
}

int
ws_opt_secret(const char *name)
{
	static const char *const secret[] = { "id-number", "phone", "name",
	    NULL };
	int i;

	for (i = 0; secret[i] != NULL; i++)
		if (strcmp(secret[i], name) == 0)
			return 1;
	return 0;
}

void
ws_set_cmdline(int argc, char **argv, struct ws_opts *p)
{
	const struct ws_opt *o;
	char **v, **val;
	int ch, i, j, oe = opterr, *sec, built = longopts != NULL;
	size_t len;

	/*
	 * getopt_long's own parse, on a copy (it permutes), so a bundled
	 * "-Di 1101..." or an attached "-N4406..." is seen as getopt will
	 * see it.  optarg points into the argv word that holds the value:
	 * each word is recorded as given, with the value masked where it
	 * starts.  optind = 0 then makes the command's parse start afresh.
	 */
	if (!built)
		build(p);
	v = ws_calloc((size_t)argc + 1, sizeof *v);
	val = ws_calloc((size_t)argc + 1, sizeof *val);
	sec = ws_calloc((size_t)argc + 1, sizeof *sec);
	for (i = 0; i < argc; i++)
		v[i] = argv[i];
	opterr = 0;
	optind = 0;
	while ((ch = getopt_long(argc, v, shortopts, longopts, NULL)) != -1) {
		if (optarg == NULL || ch == '?' || ch == ':')
			continue;
		o = lookup(p, ch);
		for (i = 1; i < argc; i++) {
			len = strlen(argv[i]);
			if (optarg >= argv[i] && optarg <= argv[i] + len) {
				val[i] = optarg;
				sec[i] = o != NULL && ws_opt_secret(o->name);
			}
		}
	}
	/* the operands, whole words */
	for (j = optind; j < argc; j++)
		for (i = 1; i < argc; i++)
			if (v[j] == argv[i])
				val[i] = argv[i];
	optind = 0;
	opterr = oe;
	free(v);
	if (!built)
		release();
	ws_cmdline_record(argc, argv, val, sec);
	free(val);
	free(sec);
}

/* issue 14: --lang takes effect before the other options are read, so
 * "--status foo --lang zh" and "--help --lang zh" are Chinese; a bad
 * word is refused when getopt reaches it. */
static void
scan_lang(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strncmp(argv[i], "--lang=", 7) == 0)
			ws_lang(argv[i] + 7);
		else if ((strcmp(argv[i], "--lang") == 0 ||
		    strcmp(argv[i], "-L") == 0) && i + 1 < argc)
			ws_lang(argv[++i]);
}

/*
 * issue 14: values of options that name a community, worker or
 * organisation, kept in buffers of at least WS_CODE_MAX bytes, so
 * ws_opt_codes can put the code in once the database is open.
 */
static struct codeslot {
	const char *opt;	/* long name, for messages */
	const char *kind;	/* its argument's name */
	char *buf;
} *slots;
static size_t nslots;

static void
free_slots(void)
{
	size_t i;

	for (i = 0; i < nslots; i++)
		free(slots[i].buf);
	free(slots);
	slots = NULL;
	nslots = 0;
}

static char *
code_slot(const struct ws_opt *o, const char *arg)
{
	size_t n = strlen(arg) + 1;
	char *b;

	if (nslots == 0)
		atexit(free_slots);
	b = ws_malloc(n > WS_CODE_MAX ? n : WS_CODE_MAX);
	memcpy(b, arg, n);
	slots = ws_realloc(slots, (nslots + 1) * sizeof *slots);
	slots[nslots].opt = o->name;
	slots[nslots].kind = o->arg;
	slots[nslots++].buf = b;
	return b;
}

int
ws_opt_codes(sqlite3 *db, ws_err *e)
{
	ws_buf cands = {0};
	char *code;
	size_t i;
	int n;

	for (i = 0; i < nslots; i++) {
		ws_buf_reset(&cands);
		n = ws_code_names(db, slots[i].kind, slots[i].buf, &code,
		    &cands);
		if (n > 1) {
			ws_err_set(e, EX_USAGE, NULL, "--%s: '%s' is the name "
			    "of %d %ss: %s (expected a code or a unique name)",
			    slots[i].opt, slots[i].buf, n, slots[i].kind,
			    ws_buf_str(&cands));
			ws_buf_free(&cands);
			return EX_USAGE;
		}
		if (n == 1 && strlen(code) < WS_CODE_MAX)
			strcpy(slots[i].buf, code);
		free(code);
	}
	ws_buf_free(&cands);
	return 0;
}

int
ws_opt_next(struct ws_opts *p, int argc, char **argv)
{
	const struct ws_opt *o = NULL;
	int ch;

	if (longopts == NULL) {
		ws_set_cmdline(argc, argv, p);
		build(p);
		scan_lang(argc, argv);	/* issue 14: before any message */
	}
	for (;;) {
		ch = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (ch == -1) {
			p->ind = optind;
			release();
			return -1;
		}
		if (ch == '?' || ch == ':')
			ws_usage(p->usage, EX_USAGE);
		if ((o = lookup(p, ch)) == NULL)
			ws_bug("option '%c' not in the table", ch);
		if (o == &builtin[0]) {
			release();
			ws_opt_help(p, stdout);
			ws_close_stdout();
			exit(0);
		}
		if (o == &builtin[1]) {
			release();
			ws_version();
		}
		if (o == &builtin[4])
			ws_db_force(1);
		if ((o == &builtin[2] || o == &builtin[3]) &&
		    ws_excel_option(o->name, optarg) < 0) {
			release();
			ws_usage(p->usage, EX_USAGE);
		}
		if (typed(p, o, optarg))
			continue;
		p->given |= o->group;
		p->name = o->name;
		p->arg = optarg;
		if (optarg != NULL && o->arg != NULL &&
		    ws_code_table(o->arg) != NULL)
			p->arg = optarg = code_slot(o, optarg);
		if (o->val != NULL)
			*o->val = optarg;
		if (o->flag != NULL)
			*o->flag |= o->bit ? o->bit : 1;
		if (o->key != 0)
			return o->key;
	}
}
