/* claim.c - an intern's subsidy claim under the policy: the months and
 * hours that count, each condition met or not, the amount, warnings */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

const char *const ws_claim_conds[] = {
	"full_time", "major", "hukou_city", "host_kind", "threshold", NULL
};

static int
in_list(char *const *list, const char *s)
{
	if (list == NULL || s == NULL)
		return 0;
	for (; *list != NULL; list++)
		if (ws_policy_word_eq(*list, s))	/* 社会工作, 佛山 */
			return 1;
	return 0;
}

static char *
join_list(char *const *list)
{
	ws_buf b = {0};

	for (; list != NULL && *list != NULL; list++) {
		if (b.len > 0)
			ws_buf_adds(&b, ", ");
		ws_buf_adds(&b, *list);
	}
	ws_buf_str(&b);
	return b.s ? b.s : ws_strdup("");
}

static char *
cond_list(char *const *list, const char *what, const char *val)
{
	char *l = join_list(list), *s;

	if (in_list(list, val))
		s = ws_msgf("pass: %s %s is accepted", what, val);
	else if (val == NULL)
		s = ws_msgf("fail: %s not recorded (accepted: %s)", what,
		    l);
	else
		s = ws_msgf("fail: %s %s is not accepted (accepted: %s)",
		    what, val, l);
	free(l);
	return s;
}

static void
warn_add(ws_buf *w, const char *s)
{
	if (w->len > 0)
		ws_buf_adds(w, "; ");
	ws_buf_adds(w, s);
}

int64_t
ws_claim_months(const struct ws_subsidy *sub, int64_t months,
    int64_t counted, int by_hours)
{
	int64_t hm;

	/* an intern who qualifies by hours is paid for at least the months
	 * the threshold's hours stand for: 350 h / 2 months = 175 h a
	 * month, so 395 h in months of 79 h each are 2 months */
	if (!by_hours || sub->min_months <= 0 || sub->min_minutes <= 0)
		return months;
	hm = counted * sub->min_months / sub->min_minutes;
	return hm > months ? hm : months;
}

void
ws_intern_claim(sqlite3 *db, const struct ws_policy *p,
    const struct ws_intern *in, const char *as_of, struct ws_claim *c)
{
	const struct ws_subsidy *sub = &p->subsidy;
	struct ws_intern_day *d;
	ws_buf months = {0}, w = {0}, low = {0};
	char last[11], cur[8] = "", h1[32], h2[32], f1[32];
	int64_t before = 0, after = 0, adj = 0, mtot = 0, pass_m, pass_h;
	size_t n, i;
	int k;
	char *s;

	memset(c, 0, sizeof *c);
	d = ws_intern_days(db, in->code, as_of, &n);
	snprintf(last, sizeof last, "%s", as_of);
	if (sub->claims_close[0] != '\0' &&
	    strcmp(sub->claims_close, as_of) < 0)
		snprintf(last, sizeof last, "%s", sub->claims_close);
	for (i = 0; i <= n; i++) {
		/* a month ends: at a new month or after the last day */
		if (cur[0] != '\0' && (i == n ||
		    strncmp(d[i].date, cur, 7) != 0)) {
			if (mtot > 0 && mtot >= sub->month_min_minutes) {
				c->months++;
				if (months.len > 0)
					ws_buf_addc(&months, ',');
				ws_buf_adds(&months, cur);
			} else if (mtot > 0) {
				ws_hours_str(mtot, h1);
				ws_buf_printf(&low, "%s%s %s h", low.len ?
				    ", " : "", cur, h1);
			}
			cur[0] = '\0';
			mtot = 0;
		}
		if (i == n)
			break;
		c->certified += d[i].certified;
		c->uncertified += d[i].uncertified;
		adj += d[i].adjustments;
		if (d[i].certified == 0)
			continue;
		if (sub->from[0] != '\0' && strcmp(d[i].date, sub->from) < 0)
			before += d[i].certified;
		else if (strcmp(d[i].date, last) > 0)
			after += d[i].certified;
		else {
			c->counted += d[i].certified;
			if (cur[0] == '\0')
				snprintf(cur, sizeof cur, "%.7s", d[i].date);
			mtot += d[i].certified;
		}
	}
	free(d);
	c->month_list = months.s ? months.s : ws_strdup("");

	if (sub->name == NULL) {
		for (k = 0; k < WS_CLAIM_NCOND; k++)
			c->cond[k] = ws_strdup("fail: no subsidy in the policy");
		warn_add(&w, "the policy has no intern subsidy");
	} else {
		c->cond[0] = !sub->full_time ? ws_strdup("pass: the policy "
		    "does not require full-time study") : in->full_time ?
		    ws_strdup("pass: full-time student") :
		    ws_strdup("fail: not a full-time student (the policy "
		    "requires full-time students)");
		c->cond[1] = sub->majors == NULL || sub->majors[0] == NULL ?
		    ws_strdup("pass: the policy accepts any major") :
		    cond_list(sub->majors, "major", in->major);
		c->cond[2] = sub->hukou_cities == NULL ||
		    sub->hukou_cities[0] == NULL ? ws_strdup("pass: the policy "
		    "accepts any household registration") :
		    cond_list(sub->hukou_cities, "hukou city", in->hukou_city);
		c->cond[3] = sub->host_kinds == NULL ||
		    sub->host_kinds[0] == NULL ? ws_strdup("pass: the policy "
		    "accepts any host") :
		    cond_list(sub->host_kinds, "host kind", in->org_kind);
		pass_m = sub->min_months > 0 && c->months >= sub->min_months;
		pass_h = sub->min_minutes > 0 && c->counted >= sub->min_minutes;
		ws_hours_str(c->counted, h1);
		ws_hours_str(sub->min_minutes, h2);
		c->cond[4] = ws_msgf("%s: %" PRId64 " months and %s hours "
		    "counted (%s%" PRId64 " months or %s hours)",
		    pass_m || pass_h || (sub->min_months <= 0 &&
		    sub->min_minutes <= 0) ? "pass" : "fail", c->months, h1,
		    pass_m || pass_h ? "at least " : "expected at least ",
		    sub->min_months, h2);
		c->eligible = 1;
		for (k = 0; k < WS_CLAIM_NCOND; k++)
			if (strncmp(c->cond[k], "pass", 4) != 0)
				c->eligible = 0;
		if (c->eligible) {
			c->subsidy_fen = ws_claim_months(sub, c->months,
			    c->counted, pass_h) * sub->per_month_fen;
			if (sub->cap_fen > 0 && c->subsidy_fen > sub->cap_fen) {
				c->subsidy_fen = sub->cap_fen;
				ws_fen_str(sub->cap_fen, f1);
				s = ws_msgf("capped at %s yuan", f1);
				warn_add(&w, s);
				free(s);
			}
		}
	}
	if (c->uncertified != 0) {
		ws_hours_str(c->uncertified, h1);
		s = ws_msgf("%s hours not certified and not counted "
		    "(ask the supervisor to certify)", h1);
		warn_add(&w, s);
		free(s);
	}
	if (adj > 0) {
		s = ws_msgf("%" PRId64 " adjustment entr%s (see --history "
		    "for the reasons)", adj, adj == 1 ? "y" : "ies");
		warn_add(&w, s);
		free(s);
	}
	if (before > 0) {
		ws_hours_str(before, h1);
		s = ws_msgf("%s certified hours before %s not counted "
		    "(the policy starts then)", h1, sub->from);
		warn_add(&w, s);
		free(s);
	}
	if (after > 0) {
		ws_hours_str(after, h1);
		s = ws_msgf("%s certified hours after %s not counted "
		    "(claims closed then)", h1, sub->claims_close);
		warn_add(&w, s);
		free(s);
	}
	if (low.len > 0 && sub->name != NULL) {
		ws_hours_str(sub->month_min_minutes, h2);
		s = ws_msgf("months under %s hours not counted: %s", h2,
		    low.s);
		warn_add(&w, s);
		free(s);
	}
	if (sub->name != NULL && sub->claims_close[0] != '\0' &&
	    strcmp(as_of, sub->claims_close) > 0) {
		s = ws_msgf("claim window closed on %s", sub->claims_close);
		warn_add(&w, s);
		free(s);
	}
	ws_buf_free(&low);
	c->warnings = w.s ? w.s : ws_strdup("");
}

void
ws_claim_clear(struct ws_claim *c)
{
	int k;

	free(c->month_list);
	free(c->warnings);
	for (k = 0; k < WS_CLAIM_NCOND; k++)
		free(c->cond[k]);
	memset(c, 0, sizeof *c);
}
