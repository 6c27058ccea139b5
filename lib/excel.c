/*
 * excel.c - reading what Excel writes and labelling what offices read.
 *
 * One table of column labels (ws_columns, vocab.c) and the vocabulary's
 * labels (ws_vocab) serve both ways: a Chinese header or value read is
 * turned into the English column or stored word, and with --lang zh the
 * writers (out.c) put the same labels out.  Values read pass through
 * ws_excel_value (the batch loop calls it for every field): spaces
 * trimmed, Excel's dates made ISO, vocabulary words matched without
 * regard to case or by their English or Chinese label.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wushe.h"

/* Which vocabulary lists a column's values come from. */
static const struct {
	const char *col;
	const char *lists[3];
} col_lists[] = {
	{ "sex", { "person.sex" } },
	{ "risk", { "cases.risk" } },
	{ "categories", { "case_category.category" } },
	{ "category", { "case_category.category" } },
	{ "kind", { "visit.kind", "activity.kind", "org.kind" } },
	{ "status", { "visit.status", "cases.status" } },
	{ "reason", { "cases.close_reason" } },
	{ "measure", { "contract_target.measure" } },
	{ NULL, { NULL } }
};

/* Columns that hold dates. */
static const char *const date_cols[] = { "birth_date", "opened", "closed",
    "date", "start_date", "end_date", "since", "until", "as_of", NULL };

const char *const *
ws_excel_lists(const char *col)
{
	size_t i;

	for (i = 0; col != NULL && col_lists[i].col != NULL; i++)
		if (strcmp(col_lists[i].col, col) == 0)
			return col_lists[i].lists;
	return NULL;
}

const char *
ws_column_label(const char *col)
{
	const struct ws_word *w;

	for (w = ws_columns; w->name != NULL; w++)
		if (strcmp(w->name, col) == 0)
			return w->zh != NULL ? w->zh : col;
	return col;
}

/* The column a header names exactly (English or Chinese), or NULL. */
static const char *
column_of(const char *label)
{
	const struct ws_word *w;

	for (w = ws_columns; w->name != NULL; w++)
		if (strcmp(w->name, label) == 0 ||
		    (w->zh != NULL && strcmp(w->zh, label) == 0) ||
		    (w->alt != NULL && strcmp(w->alt, label) == 0))
			return w->name;
	return NULL;
}

const char *
ws_column_name(const char *label)
{
	const struct ws_word *w;
	const char *p, *c;
	char *head;

	/* a template's "风险等级 (高/中/低)": the words in brackets */
	if ((p = strstr(label, " (")) != NULL || (p = strstr(label, "（")) !=
	    NULL || (p = strchr(label, '(')) != NULL) {
		head = ws_strndup(label, (size_t)(p - label));
		c = column_of(head);
		free(head);
		if (c != NULL)
			return c;
	}

	for (w = ws_columns; w->name != NULL; w++)
		if (w->zh != NULL && strcmp(w->zh, label) == 0)
			return w->name;
	for (w = ws_columns; w->name != NULL; w++)
		if (w->alt != NULL && strcmp(w->alt, label) == 0)
			return w->name;
	return label;
}

const struct ws_word *
ws_vocab_match(const char *list, const char *s)
{
	const struct ws_word *w;

	if (s == NULL)
		return NULL;
	for (w = ws_vocab; w->list != NULL; w++)
		if (strcmp(w->list, list) == 0 &&
		    (strcasecmp(w->name, s) == 0 ||
		    (w->label != NULL && strcasecmp(w->label, s) == 0) ||
		    (w->zh != NULL && strcmp(w->zh, s) == 0) ||
		    (w->alt != NULL && strcmp(w->alt, s) == 0)))
			return w;
	/* issue 14: the policy's own words, by name or Chinese label */
	for (w = ws_vocab_extra(); w->list != NULL; w++)
		if (strcmp(w->list, list) == 0 &&
		    (strcasecmp(w->name, s) == 0 ||
		    (w->zh != NULL && strcmp(w->zh, s) == 0)))
			return w;
	return NULL;
}

/*
 * issue 14: a category no built-in word has may be the policy's own: a
 * command that did not read the policy (case-list) reads the one in force
 * once, quietly, for its labels (a broken policy is said by the commands
 * that use it).
 */
static void
policy_words(void)
{
	static int tried;
	ws_err e = {0};

	if (tried++)
		return;
	ws_policy_free(ws_policy_load(NULL, &e));
	ws_err_clear(&e);
}

const char *
ws_vocab_label(const char *col, const char *word)
{
	const char *const *l;
	const struct ws_word *w;
	int again = strcmp(col, "categories") == 0, found = 0;

	for (;;) {
		for (l = ws_excel_lists(col); l != NULL && *l != NULL; l++)
			if ((w = ws_vocab_find(*l, word)) != NULL) {
				if (w->zh != NULL)
					return w->zh;
				found = 1;
			}
		if (found || !again--)
			return word;
		policy_words();
	}
}

/* Leading and trailing spaces: ASCII, no-break space, ideographic
 * space. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if (memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

static size_t
space_before(const char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		return 1;
	if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
		return 2;
	if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* A number of up to max digits at *p, moved past; -1 when none. */
static int
digits(const char **p, int max)
{
	int v = 0, n = 0;

	while (isdigit((unsigned char)**p) && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n == 0 ? -1 : v;
}

int
ws_excel_date(const char *s, char out[11])
{
	const char *p = s;
	int y, m, d, cn = 0;
	char sep = 0;

	if ((y = digits(&p, 4)) < 0 || p - s != 4)
		return 0;
	if (strncmp(p, "年", 3) == 0) {
		cn = 1;
		p += 3;
	} else if (*p == '/' || *p == '-' || *p == '.')
		sep = *p++;
	else
		return 0;
	if ((m = digits(&p, 2)) < 0)
		return 0;
	if (cn && strncmp(p, "月", 3) == 0)
		p += 3;
	else if (!cn && *p == sep)
		p++;
	else
		return 0;
	if ((d = digits(&p, 2)) < 0)
		return 0;
	if (cn && strncmp(p, "日", 3) == 0)
		p += 3;
	if (*p != '\0' || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return ws_date_days(out) != -1 || strcmp(out, "1969-12-31") == 0;
}

/* One vocabulary word of col's lists, or NULL when s matches none. */
static const char *
word_of(const char *const *lists, const char *s)
{
	const struct ws_word *w;

	for (; *lists != NULL; lists++)
		if ((w = ws_vocab_match(*lists, s)) != NULL)
			return w->name;
	return NULL;
}

/*
 * What a column is, remembered by the address of its name (a batch asks
 * with the same names every record): a date column, or the vocabulary
 * lists of its words.  And the words of the vocabulary columns but
 * categories, remembered by column and value: a 100,000-line import
 * asks the same few dozen values again and again.
 */
enum { NKINDS = 64, NMEMO = 512, MEMO_MAX = 48 };

static struct colkind {
	const char *col;
	int date;
	const char *const *lists;
} kinds[NKINDS];
static int nkinds;

static struct memo {
	const char *col;
	char v[MEMO_MAX];
	const char *w;		/* the word, NULL: none */
} memo[NMEMO];

static struct colkind
kind_of(const char *col)
{
	struct colkind k = { col, 0, NULL };
	int i;

	for (i = 0; i < nkinds; i++)
		if (kinds[i].col == col)
			return kinds[i];
	for (i = 0; date_cols[i] != NULL; i++)
		if (strcmp(col, date_cols[i]) == 0)
			k.date = 1;
	if (!k.date)
		k.lists = ws_excel_lists(col);
	if (nkinds < NKINDS)
		kinds[nkinds++] = k;
	return k;
}

static const char *
word_memo(const char *const *lists, const char *col, const char *v)
{
	struct memo *m;

	if (strlen(v) >= MEMO_MAX)
		return word_of(lists, v);
	m = &memo[(ws_strhash(v) ^ (unsigned)(uintptr_t)col) % NMEMO];
	if (m->col != col || strcmp(m->v, v) != 0) {
		m->col = col;
		ws_strlcpy(m->v, v, sizeof m->v);
		m->w = word_of(lists, v);
	}
	return m->w;
}

const char *
ws_excel_value(ws_buf *b, const char *col, const char *v)
{
	const char *const *lists;
	const char *w, *p, *e;
	char date[11];
	size_t n, k;
	struct colkind ck;

	if (v == NULL)
		return NULL;
	n = strlen(v);
	while ((k = space_at(v)) > 0 && n > 0) {
		v += k;
		n -= k;
	}
	while ((k = space_before(v, n)) > 0)
		n -= k;
	if (n == 0)
		return NULL;
	ws_buf_reset(b);
	ws_buf_add(b, v, n);
	v = ws_buf_str(b);
	ck = kind_of(col);
	if (ck.date) {
		if (ws_excel_date(v, date)) {
			ws_buf_reset(b);
			ws_buf_adds(b, date);
		}
		return ws_buf_str(b);
	}
	/* (the categories' lists may grow with the policy: asked anew) */
	if ((lists = strcmp(col, "categories") == 0 ? ws_excel_lists(col) :
	    ck.lists) == NULL)
		return v;
	if (strcmp(col, "categories") != 0) {
		w = word_memo(lists, col, v);
		return w != NULL ? w : v;
	}
	/* a list of categories: separated by , ， 、 or ; */
	{
		ws_buf out = {0};
		char *copy = ws_strdup(v);

		for (p = copy; *p != '\0'; p = e) {
			for (e = p; *e != '\0' && *e != ',' && *e != ';' &&
			    strncmp(e, "，", 3) != 0 && strncmp(e, "、", 3) != 0;
			    e++)
				;
			if (out.len > 0)
				ws_buf_addc(&out, ',');
			{
				char *one = ws_strndup(p, (size_t)(e - p));

				w = word_of(lists, one);
				ws_buf_adds(&out, w != NULL ? w : one);
				free(one);
			}
			if (*e == ',' || *e == ';')
				e++;
			else if (*e != '\0')
				e += 3;
		}
		ws_buf_reset(b);
		ws_buf_adds(b, ws_buf_str(&out));
		ws_buf_free(&out);
		free(copy);
	}
	return ws_buf_str(b);
}

/* ---- communities, workers and organisations by code or unique name */

static const char *const code_cols[] = { "community", "worker", "org",
    NULL };
static const char *const code_sql[] = {
	"SELECT code FROM community WHERE code = ?1 UNION ALL SELECT code "
	"FROM community WHERE code <> ?1 AND (code = ?1 COLLATE NOCASE OR "
	"name = ?1) LIMIT 2",
	"SELECT code FROM worker WHERE code = ?1 UNION ALL SELECT code "
	"FROM worker WHERE code <> ?1 AND (code = ?1 COLLATE NOCASE OR "
	"name = ?1) LIMIT 2",
	"SELECT code FROM org WHERE code = ?1 UNION ALL SELECT code "
	"FROM org WHERE code <> ?1 AND (code = ?1 COLLATE NOCASE OR "
	"name = ?1) LIMIT 2",
};

/* Values remembered per column, hashed; a slot is overwritten on a
 * collision, so memory is fixed (a district's workers fit). */
enum { NCACHE = 1024 };

struct code_ent {
	char *in;		/* the value asked (allocated), NULL: unused */
	char *out;		/* its code, NULL: none (v as given) */
	char shared;		/* issue 14: a name two rows share */
};

struct ws_excel_codes {
	sqlite3 *db;
	sqlite3_stmt *st[3];
	struct code_ent *ent[3];	/* NCACHE each, on first use */
	int last_shared;	/* the last ws_excel_code's value was one */
};

ws_excel_codes *
ws_excel_codes_new(sqlite3 *db)
{
	ws_excel_codes *c = ws_calloc(1, sizeof(*c));

	c->db = db;
	return c;
}

void
ws_excel_codes_free(ws_excel_codes *c)
{
	int i, k;

	if (c == NULL)
		return;
	for (i = 0; i < 3; i++) {
		sqlite3_finalize(c->st[i]);
		for (k = 0; c->ent[i] != NULL && k < NCACHE; k++) {
			free(c->ent[i][k].in);
			free(c->ent[i][k].out);
		}
		free(c->ent[i]);
	}
	free(c);
}

/* Ask the database which code v names in column i: allocated, or NULL
 * (none, or a name two share). */
static char *
lookup(ws_excel_codes *c, int i, const char *v, char *shared)
{
	const unsigned char *code;
	char *r = NULL;
	int rows = 0;

	if (c->st[i] == NULL &&
	    sqlite3_prepare_v2(c->db, code_sql[i], -1, &c->st[i], NULL) !=
	    SQLITE_OK)
		return NULL;	/* no such table yet: the checks will say */
	sqlite3_bind_text(c->st[i], 1, v, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(c->st[i]) == SQLITE_ROW) {
		code = sqlite3_column_text(c->st[i], 0);
		if (rows++ == 0 && code != NULL)
			r = ws_strdup((const char *)code);
	}
	sqlite3_reset(c->st[i]);
	*shared = rows > 1;
	if (rows != 1) {
		free(r);
		r = NULL;
	}
	return r;
}

const char *
ws_excel_code(ws_excel_codes *c, const char *col, const char *v)
{
	struct code_ent *e;
	int i;

	if (c != NULL)
		c->last_shared = 0;
	if (c == NULL || c->db == NULL || v == NULL)
		return v;
	for (i = 0; code_cols[i] != NULL; i++)
		if (strcmp(code_cols[i], col) == 0)
			break;
	if (code_cols[i] == NULL)
		return v;
	if (c->ent[i] == NULL)
		c->ent[i] = ws_calloc(NCACHE, sizeof *c->ent[i]);
	e = &c->ent[i][ws_strhash(v) % NCACHE];
	if (e->in == NULL || strcmp(e->in, v) != 0) {
		free(e->in);
		free(e->out);
		e->in = ws_strdup(v);
		e->out = lookup(c, i, v, &e->shared);
	}
	c->last_shared = e->shared;
	return e->out != NULL ? e->out : v;
}

int
ws_excel_blank(ws_in *in)
{
	size_t i;
	const char *k, *v;

	if (ws_in_nkeys(in) < 2 || (ws_in_fmt(in) != WS_FMT_TSV &&
	    ws_in_fmt(in) != WS_FMT_CSV))
		return 0;
	for (i = 0; (k = ws_in_key(in, i)) != NULL; i++)
		if ((v = ws_in_get(in, k)) != NULL) {
			for (; *v != '\0'; v++)
				if (*v != ' ' && *v != '\t')
					return 0;
		}
	return 1;
}

/* ---- formula injection (the OWASP rule) */

/* Non-zero when the n bytes at s are a plain decimal number. */
static int
is_number(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		d++;
	if (d > 0 && i + 1 < n && s[i] == '.' &&
	    isdigit((unsigned char)s[i + 1]))
		for (i++; i < n && isdigit((unsigned char)s[i]); i++)
			;
	return d > 0 && i == n;
}

int
ws_formula_like_n(const char *s, size_t n)
{
	return n > 0 && memchr("=+-@\t\r", s[0], 6) != NULL &&
	    !is_number(s, n);
}

/* "=x" is written "'=x" and read back "=x"; so a value that already is
 * "'=x" must be written "''=x", or it would read back as "=x": the guard
 * goes before any cell that is formula-like after its leading quotes. */
int
ws_formula_guard_n(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '\'')
		i++;
	return ws_formula_like_n(s + i, n - i);
}

/* ---- --encoding: input converted to UTF-8 through iconv(3) */

static const char *encoding;	/* iconv name, NULL: UTF-8 */

int
ws_encoding(const char *word)
{
	static const char *const words[][2] = {
		{ "gbk", "GBK" }, { "gb18030", "GB18030" },
		{ "utf-16", "UTF-16" }, { "utf-8", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(word, words[i][0]) == 0) {
			encoding = words[i][1];
			return 0;
		}
	return -1;
}

const char *
ws_encoding_name(void)
{
	return encoding;
}

struct decoder {
	FILE *fp;		/* the input as read */
	iconv_t cd;
	char in[8192];
	size_t n;		/* bytes waiting in in */
	int eof;
};

static ssize_t
dec_read(void *cookie, char *buf, size_t size)
{
	struct decoder *d = cookie;
	char *ip, *op = buf;
	size_t il, ol = size, k;

	for (;;) {
		ip = d->in;
		il = d->n;
		if (il > 0 && iconv(d->cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno == EILSEQ)
			return -1;
		memmove(d->in, ip, il);
		d->n = il;
		if (op > buf)
			return op - buf;
		if (d->eof) {
			if (d->n > 0) {	/* a sequence cut at the end */
				errno = EILSEQ;
				return -1;
			}
			return 0;
		}
		k = fread(d->in + d->n, 1, sizeof(d->in) - d->n, d->fp);
		if (k == 0) {
			if (ferror(d->fp))
				return -1;
			d->eof = 1;
		}
		d->n += k;
	}
}

static int
dec_close(void *cookie)
{
	struct decoder *d = cookie;

	iconv_close(d->cd);
	free(d);
	return 0;
}

FILE *
ws_decode_open(FILE *fp)
{
	cookie_io_functions_t io = { .read = dec_read, .close = dec_close };
	struct decoder *d;
	iconv_t cd;
	FILE *f;

	if (encoding == NULL ||
	    (cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1)
		return NULL;
	d = ws_calloc(1, sizeof(*d));
	d->fp = fp;
	d->cd = cd;
	if ((f = fopencookie(d, "r", io)) == NULL)
		dec_close(d);
	return f;
}

void
ws_encode_put(const char *s, FILE *fp)
{
	iconv_t cd;
	char out[4096], *ip = (char *)s, *op;
	size_t il = strlen(s), ol;

	/* UTF-16 back as little-endian, as Excel writes it (the BOM goes
	 * first of the reject file: ws_in_reject) */
	if (encoding == NULL || (cd = iconv_open(strcmp(encoding, "UTF-16") ==
	    0 ? "UTF-16LE" : encoding, "UTF-8")) == (iconv_t)-1) {
		fputs(s, fp);
		return;
	}
	while (il > 0) {
		op = out;
		ol = sizeof(out);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			fwrite(out, 1, (size_t)(op - out), fp);
			fputc('?', fp);	/* no such character there */
			ip++;
			il--;
			continue;
		}
		fwrite(out, 1, (size_t)(op - out), fp);
	}
	iconv_close(cd);
}

/* ---- the options of issue 14 (lib/opt.c gives them to every command) */

int
ws_excel_option(const char *name, const char *arg)
{
	if (strcmp(name, "encoding") == 0 && ws_encoding(arg) < 0) {
		ws_warn("--encoding: unknown encoding '%s' (expected gbk, "
		    "gb18030, utf-16 or utf-8)", arg);
		return -1;
	}
	if (strcmp(name, "lang") == 0 && ws_lang(arg) < 0) {
		ws_warn("--lang: unknown language '%s' (expected zh or en)",
		    arg);
		return -1;
	}
	return 0;
}

/* ---- the intake template */

/* The allowed words of col after its header: " (low/medium/high)", the
 * policy's own list for the categories. */
static void
template_words(ws_buf *b, const char *col, const char *const *lists,
    const struct ws_policy *pol, int zh)
{
	const char *const *words = NULL;
	const struct ws_word *w;
	size_t j = 0;

	if (strcmp(col, "categories") == 0 && pol != NULL)
		words = (const char *const *)pol->categories;
	ws_buf_adds(b, " (");
	for (; words != NULL && words[j] != NULL; j++)
		ws_buf_printf(b, "%s%s", j ? "/" : "",
		    zh ? ws_vocab_label(col, words[j]) : words[j]);
	for (w = ws_vocab; words == NULL && w->list != NULL; w++)
		if (strcmp(w->list, lists[0]) == 0)
			ws_buf_printf(b, "%s%s", j++ ? "/" : "",
			    zh && w->zh ? w->zh : w->name);
	ws_buf_adds(b, ")");
}

void
ws_case_template(FILE *fp, enum ws_fmt fmt, int flags,
    const struct ws_policy *pol)
{
	const char *const *lists;
	const char **cols;
	ws_buf *h;
	ws_out *o;
	size_t n, i;
	int zh = ws_lang_zh();

	for (n = 0; ws_case_fields[n] != NULL; n++)
		;
	cols = ws_calloc(n + 1, sizeof(*cols));
	h = ws_calloc(n + 1, sizeof(*h));
	for (i = 0; i < n; i++) {
		const char *c = ws_case_fields[i];

		ws_buf_adds(&h[i], zh ? ws_column_label(c) : c);
		if ((lists = ws_excel_lists(c)) != NULL)
			template_words(&h[i], c, lists, pol, zh);
		else if (strcmp(c, "opened") == 0 ||
		    strcmp(c, "birth_date") == 0)
			ws_buf_adds(&h[i], zh ? " (2019/6/1)" :
			    " (2019-06-01)");
		cols[i] = ws_buf_str(&h[i]);
	}
	/* the words are the header's: no translation of it by ws_out */
	o = ws_out_new(fp, fmt == WS_FMT_AUTO ? WS_FMT_CSV : fmt, flags);
	ws_out_cols(o, (int)n, cols);
	ws_out_free(o);
	for (i = 0; i < n; i++)
		ws_buf_free(&h[i]);
	free(h);
	free(cols);
}

/* ---- "did you mean" */

/* Edit distance of a and b, case ignored, stopping past 2. */
static int
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int d[32][32];

	if (la >= 32 || lb >= 32 || (la > lb ? la - lb : lb - la) > 1)
		return 9;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int c = d[i - 1][j - 1] + (toupper((unsigned char)
			    a[i - 1]) != toupper((unsigned char)b[j - 1]));

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

const char *
ws_excel_suggest(sqlite3 *db, const char *table, const char *v,
    char out[64])
{
	char sql[80];
	sqlite3_stmt *st;
	const char *c;
	int n = 0;

	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT code FROM %s ORDER BY code", table);
	if (v == NULL ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return "";
	while (sqlite3_step(st) == SQLITE_ROW)
		if ((c = (const char *)sqlite3_column_text(st, 0)) != NULL &&
		    strlen(c) < 40 && distance(c, v) <= 1 && n++ == 0)
			snprintf(out, 64, ws_msg(" (did you mean %s?)"), c);
	sqlite3_finalize(st);
	if (n != 1)
		out[0] = '\0';
	return out;
}

/* ---- policy words */

/* The word of ws_policy_words that s names (any case), or NULL. */
static const struct ws_word *
policy_word(const char *s)
{
	const struct ws_word *w;

	for (w = ws_policy_words; w->list != NULL; w++)
		if (strcasecmp(w->name, s) == 0 || (w->label != NULL &&
		    strcasecmp(w->label, s) == 0) || (w->zh != NULL &&
		    strcmp(w->zh, s) == 0) || (w->alt != NULL &&
		    strcmp(w->alt, s) == 0))
			return w;
	return NULL;
}

/* The length of s without a trailing 市 (a city with or without it). */
static size_t
city_len(const char *s)
{
	size_t n = strlen(s);

	return n > 3 && strcmp(s + n - 3, "市") == 0 ? n - 3 : n;
}

int
ws_policy_word_eq(const char *policy, const char *s)
{
	const struct ws_word *a, *b;
	size_t n;

	if (policy == NULL || s == NULL)
		return 0;
	if (strcasecmp(policy, s) == 0)
		return 1;
	if ((a = policy_word(policy)) != NULL && (b = policy_word(s)) != NULL)
		return a == b;
	n = city_len(policy);
	return n > 0 && n == city_len(s) && strncmp(policy, s, n) == 0;
}

const char *
ws_policy_label(const char *s)
{
	const struct ws_word *w;

	if (s == NULL || (w = policy_word(s)) == NULL)
		return s;
	return ws_lang_zh() ? w->zh : w->label ? w->label : w->name;
}

/* ---- issue 14: codes by name in option values and fields */

char *
ws_excel_code_shared(ws_excel_codes *c, const char *col, const char *v)
{
	ws_buf cands = {0};
	char *code, *m;
	int n;

	if (c == NULL || !c->last_shared)
		return NULL;
	n = ws_code_names(c->db, col, v, &code, &cands);
	free(code);
	m = ws_msgf("'%s' is the name of %d %ss: %s (expected a code or a "
	    "unique name)", v, n, col, ws_buf_str(&cands));
	ws_buf_free(&cands);
	return m;
}

static const char *const name_tables[][2] = {
	{ "community", "community" }, { "worker", "worker" },
	{ "org", "org" }, { "provider", "org" }, { NULL, NULL }
};

const char *
ws_code_table(const char *kind)
{
	int i;

	for (i = 0; name_tables[i][0] != NULL; i++)
		if (strcmp(name_tables[i][0], kind) == 0)
			return name_tables[i][1];
	return NULL;
}

int
ws_code_names(sqlite3 *db, const char *kind, const char *v, char **code,
    ws_buf *cands)
{
	static const char *const sql[][2] = {
		{ "community", "SELECT code, name FROM community WHERE code = ?1 "
		    "UNION ALL SELECT * FROM (SELECT code, name FROM community "
		    "WHERE code <> ?1 AND (code = ?1 COLLATE NOCASE OR "
		    "name = ?1) ORDER BY code) LIMIT 11" },
		{ "worker", "SELECT code, name FROM worker WHERE code = ?1 "
		    "UNION ALL SELECT * FROM (SELECT code, name FROM worker "
		    "WHERE code <> ?1 AND (code = ?1 COLLATE NOCASE OR "
		    "name = ?1) ORDER BY code) LIMIT 11" },
		{ "org", "SELECT code, name FROM org WHERE code = ?1 "
		    "UNION ALL SELECT * FROM (SELECT code, name FROM org "
		    "WHERE code <> ?1 AND (code = ?1 COLLATE NOCASE OR "
		    "name = ?1) ORDER BY code) LIMIT 11" },
	};
	const char *t = ws_code_table(kind), *c, *nm;
	sqlite3_stmt *st;
	size_t i;
	int n = 0;

	*code = NULL;
	if (t == NULL || v == NULL)
		return 0;
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (strcmp(sql[i][0], t) == 0)
			break;
	if (sqlite3_prepare_v2(db, sql[i][1], -1, &st, NULL) != SQLITE_OK)
		return 0;	/* no such table: the checks will say */
	sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		c = (const char *)sqlite3_column_text(st, 0);
		nm = (const char *)sqlite3_column_text(st, 1);
		if (c == NULL)
			continue;
		if (n == 0)
			*code = ws_strdup(c);
		if (strcmp(c, v) == 0)	/* the code itself: never ambiguous */
			break;
		if (cands != NULL && n < 10)
			ws_buf_printf(cands, "%s%s (%s)", n ? ", " : "", c,
			    nm ? nm : "");
		n++;
	}
	if (n == 0 && *code != NULL)
		n = 1;
	sqlite3_finalize(st);
	if (n != 1) {
		free(*code);
		*code = NULL;
	}
	return n;
}
