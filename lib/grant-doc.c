/*
 * grant-doc.c - the grant report printed: as a document (doc.c: text,
 * markdown, html) and as records (csv and tsv: one row per contract and
 * measure; json: the records grant-report --merge reads back).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "grant-model.h"

/* The label of a contract kind or an organisation kind (vocab.c). */
static const char *
kindlabel(const char *k)
{
	const struct ws_word *w = ws_vocab_find("contract.kind", k);

	if (w == NULL)
		w = ws_vocab_find("org.kind", k);
	return w != NULL && w->label != NULL ? _(w->label) : k;
}

/* A policy minimum (x100) as a percentage: "30", "5.5", "12.25". */
static void
min_str(int64_t v, char out[32])
{
	if (v % 100 == 0)
		snprintf(out, 32, "%lld", (long long)(v / 100));
	else if (v % 10 == 0)
		snprintf(out, 32, "%lld.%lld", (long long)(v / 100),
		    (long long)(v % 100 / 10));
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(v / 100),
		    (long long)(v % 100));
}

/* A measure's figure as text: hours from minutes, or a count. */
static void
val_str(int m, int64_t v, char out[32])
{
	if (ws_grant_meas[m].hours)
		ws_hours_str(v, out);
	else
		snprintf(out, 32, "%lld", (long long)v);
}

/* A measure's figure as a cell. */
static void
val_cell(ws_doc *d, int m, int64_t v)
{
	if (ws_grant_meas[m].hours)
		ws_doc_hours(d, v);
	else
		ws_doc_count(d, v);
}

/* A row of text cells; the list ends with NULL. */
static void
textrow(ws_doc *d, int flagged, ...)
{
	va_list ap;
	const char *s;

	ws_doc_row(d, flagged);
	va_start(ap, flagged);
	while ((s = va_arg(ap, const char *)) != NULL)
		ws_doc_text(d, s);
	va_end(ap);
}

/* A key-value row whose value is allocated text (freed here). */
static void
kvrow(ws_doc *d, const char *key, char *val)
{
	ws_doc_row(d, 0);
	ws_doc_text(d, key);
	ws_doc_text(d, val);
	free(val);
}

static char *
sitelist(const ws_grant *g)
{
	ws_buf b = {0};
	size_t i;

	for (i = 0; i < g->nsites; i++) {
		if (i > 0)
			ws_buf_adds(&b, ", ");
		ws_buf_adds(&b, g->sites[i]);
	}
	return b.s ? b.s : ws_strdup("");
}

/* "CODE title", with the site first when the report has several. */
static char *
conname(const ws_grant *g, const struct gcon *c)
{
	return g->nsites > 1 ? ws_asprintf("%s / %s %s", c->site, c->code,
	    c->title) : ws_asprintf("%s %s", c->code, c->title);
}

/* One contract: its facts, its measures and their chart. */
static void
contract(const ws_grant *g, const struct gcon *c, ws_doc *d)
{
	const struct gmeas *gm;
	char a[32], p[32], *x, *name;
	int k, flag;

	name = conname(g, c);
	x = ws_asprintf("%s%s%s", name, c->behind ? " — " : "",
	    c->behind ? _("BEHIND") : "");
	ws_doc_section(d, x);
	free(x);
	free(name);
	ws_doc_kv(d);
	textrow(d, 0, _("Kind"), kindlabel(c->kind), NULL);
	kvrow(d, _("Provider"), ws_asprintf("%s %s (%s)", c->provider,
	    c->pname, kindlabel(c->pkind)));
	kvrow(d, _("Contract period"), ws_asprintf("%s %s %s, %s %lld / %lld",
	    c->start, _("to"), c->end, _("days elapsed"),
	    (long long)c->elapsed, (long long)c->days));
	ws_doc_row(d, 0);
	ws_doc_text(d, _("Amount (yuan)"));
	ws_doc_money(d, c->amount);
	ws_doc_row(d, 0);
	ws_doc_text(d, _("Paid in period"));
	ws_doc_money(d, c->paid);
	ws_fen_str(c->paid_to_date, a);
	ws_doc_pct_str(c->paid_to_date, c->amount, p);
	kvrow(d, _("Paid to date"), ws_asprintf("%s (%s %s%s)", a,
	    _("share of amount"), *p ? p : "-", *p ? "%" : ""));
	if (c->nms == 0)
		return;
	ws_doc_table(d, "lrrrrrl");
	textrow(d, 0, _("Measure"), _("In period"), _("To date"), _("Target"),
	    _("Prorated target"), _("Percent"), _("Status"), NULL);
	for (k = 0; k < c->nms; k++) {
		gm = &c->ms[k];
		flag = ws_grant_behind(g, gm);
		ws_doc_row(d, flag);
		x = ws_grant_meas[gm->m].hours ? ws_asprintf("%s (%s)",
		    _(ws_grant_meas[gm->m].label), _("h")) :
		    ws_strdup(_(ws_grant_meas[gm->m].label));
		ws_doc_text(d, x);
		free(x);
		val_cell(d, gm->m, gm->actual);
		val_cell(d, gm->m, gm->to_date);
		val_cell(d, gm->m, gm->target);
		val_cell(d, gm->m, gm->prorated);
		ws_doc_pct(d, gm->to_date, gm->prorated);
		ws_doc_text(d, gm->prorated == 0 ? "-" : flag ? _("behind") :
		    _("on track"));
	}
	ws_doc_chart(d, g->behind_pct, _("prorated target"),
	    _("actual to date"));
	for (k = 0; k < c->nms; k++)
		ws_doc_bar(d, _(ws_grant_meas[c->ms[k].m].label),
		    c->ms[k].to_date, c->ms[k].prorated,
		    ws_grant_behind(g, &c->ms[k]));
}

/* A row of the social organisations' share: part of all against min. */
static void
share(ws_doc *d, const char *label, int64_t part, int64_t all, int64_t min)
{
	char s[32];
	int flag = ws_grant_below(part, all, min);

	ws_doc_row(d, flag);
	ws_doc_text(d, label);
	ws_doc_money(d, part);
	ws_doc_money(d, all);
	ws_doc_pct(d, part, all);
	min_str(min, s);
	strcat(s, "%");
	ws_doc_text(d, s);
	ws_doc_text(d, all == 0 ? "-" : flag ? _("below") : _("met"));
}

/* The venture-philanthropy projects and their enterprise co-funding. */
static void
ventures(const ws_grant *g, ws_doc *d)
{
	const struct gcon *c;
	size_t i, j;
	int vp = 0;
	char *x;

	for (i = 0; i < g->n; i++) {
		int64_t ent = 0;
		ws_buf names = {0};

		c = &g->c[i];
		if (strcmp(c->kind, "venture_philanthropy") != 0)
			continue;
		if (vp++ == 0) {
			ws_doc_note(d, _("Venture-philanthropy projects and "
			    "their enterprise co-funding:"));
			ws_doc_table(d, "lrrrl");
			textrow(d, 0, _("Contract"), _("Amount"),
			    _("Enterprise co-funding"), _("Share"),
			    _("Enterprises"), NULL);
		}
		for (j = 0; j < c->nf; j++) {
			if (strcmp(c->f[j].kind, "enterprise") != 0)
				continue;
			ent += c->f[j].amount;
			if (names.len > 0)
				ws_buf_adds(&names, ", ");
			ws_buf_printf(&names, "%s %s", c->f[j].funder,
			    c->f[j].name);
		}
		ws_doc_row(d, 0);
		x = conname(g, c);
		ws_doc_text(d, x);
		free(x);
		ws_doc_money(d, c->amount);
		ws_doc_money(d, ent);
		ws_doc_pct(d, ent, c->amount);
		ws_doc_text(d, names.len ? ws_buf_str(&names) : "-");
		ws_buf_free(&names);
	}
}

/* The report as a document. */
static ws_doc *
builddoc(const ws_grant *g)
{
	ws_doc *d;
	char a[32], *x;
	size_t i, j;

	x = sitelist(g);
	{
		char *t = ws_asprintf("%s: %s", _("Purchased services report"),
		    x);

		d = ws_doc_new(t);
		free(t);
	}
	free(x);
	x = ws_asprintf("%s: %s %s %s", _("Period"), g->since, _("to"),
	    g->until);
	ws_doc_note(d, x);
	free(x);
	if (g->as_of[0] != '\0') {	/* not ended: say to which day */
		x = ws_asprintf(_("The period has not ended: counted and "
		    "prorated to %s."), g->as_of);
		ws_doc_note(d, x);
		free(x);
	}
	if (g->community != NULL) {	/* a part against the whole: say so */
		x = ws_asprintf(_("Community %s only: the delivery is this "
		    "community's, the targets are contract-wide (the whole "
		    "contract's), so a percentage compares a part with the "
		    "whole."), g->community);
		ws_doc_note(d, x);
		free(x);
	}
	if (g->n == 0)
		ws_doc_note(d, _("No contracts in this period."));
	for (i = 0; i < g->n; i++)
		contract(g, &g->c[i], d);

	ws_doc_section(d, _("Totals"));
	ws_fen_str(g->spend, a);
	x = ws_asprintf("%s: %s", _("Purchase spending in period (yuan)"), a);
	ws_doc_note(d, x);
	free(x);
	ws_doc_table(d, "lr");
	textrow(d, 0, _("Provider kind"), _("Spending"), NULL);
	for (j = 0; j < g->nbykind; j++) {
		ws_doc_row(d, 0);
		ws_doc_text(d, kindlabel(g->bykind[j].key));
		ws_doc_money(d, g->bykind[j].fen);
	}
	ws_doc_table(d, "llr");
	textrow(d, 0, _("Funder"), _("Funder kind"), _("Spending"), NULL);
	for (j = 0; j < g->nbyfunder; j++) {
		x = ws_asprintf("%s %s", g->byfunder[j].key,
		    g->byfunder[j].name);
		textrow(d, 0, x, kindlabel(g->byfunder[j].kind), NULL);
		free(x);
		ws_doc_money(d, g->byfunder[j].fen);
	}
	ws_doc_note(d, _("Social organisations' share of purchase "
	    "spending:"));
	ws_doc_table(d, "lrrrrl");
	textrow(d, 0, _("Spending"), _("Social organisations"), _("All"),
	    _("Share"), _("Minimum"), _("Status"), NULL);
	share(d, _("all purchase spending"), g->so_all, g->spend,
	    g->so_all_min);
	share(d, _("new public-service spending"), g->so_new, g->new_all,
	    g->so_new_min);
	ventures(g, d);
	return d;
}

/* The site of the totals: the one site, or none for a merged report of
 * several. */
static const char *
tot_site(const ws_grant *g)
{
	return g->nsites == 1 ? g->sites[0] : NULL;
}

/*
 * The totals as tidy rows (issue 13: every figure the text prints is a
 * record): the period's purchase spending (measure "spending", actual),
 * and for all and for new public-service spending the social
 * organisations' part (actual) of the whole (target) with its share
 * (percent), then the policy's minimum as a row of its own (percent,
 * as a number like the share).
 */
static void
tidy_shares(const ws_grant *g, ws_out *o)
{
	static const char *const name[2][2] = {
		{ "so_share_all", "so_share_all_minimum" },
		{ "so_share_new", "so_share_new_minimum" } };
	int64_t part[2] = { g->so_all, g->so_new };
	int64_t all[2] = { g->spend, g->new_all };
	int64_t min[2] = { g->so_all_min, g->so_new_min };
	char a[32], t[32], pc[32];
	int i;

	if (g->n == 0)		/* no contract, no totals */
		return;
	ws_fen_str(g->spend, a);
	ws_out_str(o, tot_site(g));
	ws_out_null(o);
	ws_out_str(o, "spending");
	ws_out_str(o, g->since);
	ws_out_str(o, g->until);
	ws_out_str(o, a);
	for (i = 0; i < 4; i++)
		ws_out_null(o);
	ws_out_end(o);
	for (i = 0; i < 2; i++) {
		ws_fen_str(part[i], a);
		ws_fen_str(all[i], t);
		ws_doc_pct_str(part[i], all[i], pc);
		ws_out_str(o, tot_site(g));
		ws_out_null(o);
		ws_out_str(o, name[i][0]);
		ws_out_str(o, g->since);
		ws_out_str(o, g->until);
		ws_out_str(o, a);
		ws_out_null(o);
		ws_out_str(o, t);
		ws_out_null(o);
		ws_out_str(o, *pc ? pc : NULL);
		ws_out_end(o);
		min_str(min[i], pc);
		ws_out_str(o, tot_site(g));
		ws_out_null(o);
		ws_out_str(o, name[i][1]);
		ws_out_str(o, g->since);
		ws_out_str(o, g->until);
		ws_out_null(o);
		ws_out_null(o);
		ws_out_null(o);
		ws_out_null(o);
		ws_out_str(o, pc);
		ws_out_end(o);
	}
}

/* Tidy rows: one per contract and measure, paid first. */
static void
render_tidy(const ws_grant *g, enum ws_fmt fmt, FILE *fp)
{
	static const char *const cols[] = { "site", "contract", "measure",
	    "period_start", "period_end", "actual", "actual_to_date",
	    "target", "prorated_target", "percent" };
	const struct gcon *c;
	const struct gmeas *gm;
	ws_out *o = ws_out_new(fp, fmt, WS_OUT_STORED);	/* machine records */
	char a[32], b[32], t[32], p[32], pc[32];
	size_t i;
	int k;

	ws_out_cols(o, 10, cols);
	for (i = 0; i < g->n; i++) {
		c = &g->c[i];
		ws_fen_str(c->paid, a);
		ws_fen_str(c->paid_to_date, b);
		ws_fen_str(c->amount, t);
		ws_doc_pct_str(c->paid_to_date, c->amount, pc);
		ws_out_str(o, c->site);
		ws_out_str(o, c->code);
		ws_out_str(o, "paid");
		ws_out_str(o, g->since);
		ws_out_str(o, g->until);
		ws_out_str(o, a);
		ws_out_str(o, b);
		ws_out_str(o, t);
		ws_out_null(o);
		ws_out_str(o, *pc ? pc : NULL);
		ws_out_end(o);
		for (k = 0; k < c->nms; k++) {
			gm = &c->ms[k];
			val_str(gm->m, gm->actual, a);
			val_str(gm->m, gm->to_date, b);
			val_str(gm->m, gm->target, t);
			val_str(gm->m, gm->prorated, p);
			ws_doc_pct_str(gm->to_date, gm->prorated, pc);
			ws_out_str(o, c->site);
			ws_out_str(o, c->code);
			ws_out_str(o, ws_grant_meas[gm->m].name);
			ws_out_str(o, g->since);
			ws_out_str(o, g->until);
			ws_out_str(o, a);
			ws_out_str(o, b);
			ws_out_str(o, t);
			ws_out_str(o, p);
			ws_out_str(o, *pc ? pc : NULL);
			ws_out_end(o);
		}
	}
	tidy_shares(g, o);
	ws_out_free(o);
}

/* One json record of n columns; types[i] is 'n' for a number (vals[i]
 * holds its digits), 's' for a string (NULL is null). */
static void
json_rec(FILE *fp, int n, const char *const *names, const char *types,
    const char **vals)
{
	ws_out *o = ws_out_new(fp, WS_FMT_JSON, 0);
	int i;

	ws_out_cols(o, n, names);
	for (i = 0; i < n; i++) {
		if (vals[i] == NULL)
			ws_out_null(o);
		else if (types[i] == 'n')
			ws_out_int(o, strtoll(vals[i], NULL, 10));
		else
			ws_out_str(o, vals[i]);
	}
	ws_out_end(o);
	ws_out_free(o);
}

static const char *
num(char buf[32], int64_t v)
{
	snprintf(buf, 32, "%lld", (long long)v);
	return buf;
}

/* The totals as json records: "spending", then a "share" record for all
 * and for new public-service spending (issue 13). */
static void
json_shares(const ws_grant *g, FILE *fp)
{
	static const char *const sp[] = { "type", "site", "period_start",
	    "period_end", "spending_fen", "new_spending_fen" };
	static const char *const sh[] = { "type", "site", "spending",
	    "social_org_fen", "all_fen", "percent", "minimum_percent",
	    "below" };
	int64_t part[2] = { g->so_all, g->so_new };
	int64_t all[2] = { g->spend, g->new_all };
	int64_t min[2] = { g->so_all_min, g->so_new_min };
	const char *v[8];
	char n[4][32], pc[32], mn[32];
	int i;

	if (g->n == 0)		/* no contract, no totals */
		return;
	v[0] = "spending";
	v[1] = tot_site(g);
	v[2] = g->since;
	v[3] = g->until;
	v[4] = num(n[0], g->spend);
	v[5] = num(n[1], g->new_all);
	json_rec(fp, 6, sp, "ssssnn", v);
	for (i = 0; i < 2; i++) {
		ws_doc_pct_str(part[i], all[i], pc);
		min_str(min[i], mn);
		v[0] = "share";
		v[2] = i == 0 ? "all" : "new";
		v[3] = num(n[0], part[i]);
		v[4] = num(n[1], all[i]);
		v[5] = *pc ? pc : NULL;
		v[6] = mn;
		v[7] = num(n[2], ws_grant_below(part[i], all[i], min[i]));
		json_rec(fp, 8, sh, "sssnnssn", v);
	}
}

static void
render_json(const ws_grant *g, FILE *fp)
{
	const char *rn[7] = { "type", "site", "period_start", "period_end" };
	static const char *const con[] = { "type", "site", "contract",
	    "title", "kind", "provider", "provider_name", "provider_kind",
	    "start", "end", "days", "elapsed", "amount_fen", "new_spending",
	    "paid_fen", "paid_to_date_fen", "behind" };
	static const char *const mea[] = { "type", "site", "contract",
	    "measure", "unit", "actual", "actual_to_date", "target",
	    "prorated_target", "percent", "behind" };
	static const char *const fun[] = { "type", "site", "contract",
	    "funder", "funder_name", "funder_kind", "amount_fen",
	    "paid_fen" };
	const struct gcon *c;
	const struct gmeas *gm;
	const char *v[17];
	char n[8][32], pc[32];
	size_t i, j;
	int k;

	for (i = 0; i < g->nsites; i++) {
		v[0] = "report";
		v[1] = g->sites[i];
		v[2] = g->since;
		v[3] = g->until;
		/* in progress: to which day; filtered: which community,
		 * and that the targets are not */
		k = 4;
		if (g->as_of[0] != '\0') {
			rn[k] = "as_of";
			v[k++] = g->as_of;
		}
		if (g->community != NULL) {
			rn[k] = "community";
			v[k++] = g->community;
			rn[k] = "targets";
			v[k++] = "contract-wide";
		}
		json_rec(fp, k, rn, "sssssss", v);
	}
	for (i = 0; i < g->n; i++) {
		c = &g->c[i];
		v[0] = "contract";
		v[1] = c->site;
		v[2] = c->code;
		v[3] = c->title;
		v[4] = c->kind;
		v[5] = c->provider;
		v[6] = c->pname;
		v[7] = c->pkind;
		v[8] = c->start;
		v[9] = c->end;
		v[10] = num(n[0], c->days);
		v[11] = num(n[1], c->elapsed);
		v[12] = num(n[2], c->amount);
		v[13] = num(n[3], c->new_spending);
		v[14] = num(n[4], c->paid);
		v[15] = num(n[5], c->paid_to_date);
		v[16] = num(n[6], c->behind);
		json_rec(fp, 17, con, "ssssssssssnnnnnnn", v);
		for (k = 0; k < c->nms; k++) {
			gm = &c->ms[k];
			ws_doc_pct_str(gm->to_date, gm->prorated, pc);
			v[0] = "measure";
			v[3] = ws_grant_meas[gm->m].name;
			v[4] = ws_grant_meas[gm->m].hours ? "minutes" : "count";
			v[5] = num(n[0], gm->actual);
			v[6] = num(n[1], gm->to_date);
			v[7] = num(n[2], gm->target);
			v[8] = num(n[3], gm->prorated);
			v[9] = *pc ? pc : NULL;
			v[10] = num(n[4], ws_grant_behind(g, gm));
			json_rec(fp, 11, mea, "sssssnnnnsn", v);
		}
		for (j = 0; j < c->nf; j++) {
			v[0] = "funding";
			v[3] = c->f[j].funder;
			v[4] = c->f[j].name;
			v[5] = c->f[j].kind;
			v[6] = num(n[0], c->f[j].amount);
			v[7] = num(n[1], c->f[j].paid);
			json_rec(fp, 8, fun, "ssssssnn", v);
		}
	}
	json_shares(g, fp);
}

int
ws_grant_fmt_parse(const char *s)
{
	switch (ws_fmt_word(s, WS_FMTS_DOC)) {
	case WS_FMT_TEXT:
		return WS_GRANT_TEXT;
	case WS_FMT_MARKDOWN:
		return WS_GRANT_MARKDOWN;
	case WS_FMT_CSV:
		return WS_GRANT_CSV;
	case WS_FMT_TSV:
		return WS_GRANT_TSV;
	case WS_FMT_JSON:
		return WS_GRANT_JSON;
	case WS_FMT_HTML:
		return WS_GRANT_HTML;
	case WS_FMT_XLSX:
		return WS_GRANT_XLSX;
	default:
		return -1;
	}
}

void
ws_grant_print(const ws_grant *g, enum ws_grant_fmt fmt, FILE *fp)
{
	ws_doc *d;

	switch (fmt) {
	case WS_GRANT_CSV:
		render_tidy(g, WS_FMT_CSV, fp);
		return;
	case WS_GRANT_TSV:
		render_tidy(g, WS_FMT_TSV, fp);
		return;
	case WS_GRANT_JSON:
		render_json(g, fp);
		return;
	default:
		break;
	}
	d = builddoc(g);
	ws_doc_print(d, fmt == WS_GRANT_MARKDOWN ? WS_FMT_MARKDOWN :
	    fmt == WS_GRANT_HTML ? WS_FMT_HTML : fmt == WS_GRANT_XLSX ?
	    WS_FMT_XLSX : WS_FMT_TEXT, 0, fp);
	ws_doc_free(d);
}
