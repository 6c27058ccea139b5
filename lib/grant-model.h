/*
 * grant-model.h - the in-memory model of a grant report, shared by the
 * files of the report and by nothing else: grant.c (the model, its totals
 * and the build from the database), grant-merge.c (the build from json
 * reports) and grant-doc.c (the report as a document and as records).
 * Not installed; every symbol still starts with ws_grant.
 */
#ifndef GRANT_MODEL_H
#define GRANT_MODEL_H

#include "wushe.h"

#define N_(s) (s)
#define _(s) ws_tr(s)

enum { NMEAS = WS_NMEASURES };

/* The measures, in report order (vocab.c): name as in
 * contract_target.measure, hours (kept in minutes, shown in hours),
 * label (translated). */
#define ws_grant_meas ws_measure_words

struct gmeas {
	int m;			/* index into meas[] */
	int64_t actual;		/* in the period */
	int64_t to_date;	/* contract start to period end */
	int64_t target;		/* for the whole contract period */
	int64_t prorated;	/* target x elapsed / days, rounded */
};

struct gfund {
	char *funder, *name, *kind;
	int64_t amount;		/* funding in fen */
	int64_t paid;		/* its share of the period's payments */
};

struct gcon {
	char *site, *code, *title, *kind;
	char *provider, *pname, *pkind;
	char start[11], end[11];
	int64_t days, elapsed;	/* contract days; those up to period end */
	int64_t amount, paid, paid_to_date;	/* fen */
	int new_spending;
	struct gmeas ms[NMEAS];	/* measures with a target, in order */
	int nms;
	struct gfund *f;
	size_t nf;
	int behind;
};

struct gsum {			/* a keyed sum for the totals */
	char *key, *name, *kind;
	int64_t fen;
};

struct ws_grant {
	char since[11], until[11];
	char as_of[11];		/* the period runs past it: counted and
				 * prorated to this day; "" when ended */
	char *community;	/* --community: delivery of one community (the
				 * targets stay contract-wide), or NULL */
	char **sites;		/* sorted, distinct */
	size_t nsites;
	struct gcon *c;
	size_t n, cap;
	int64_t behind_pct, so_new_min, so_all_min;	/* x100 */
	/* totals, from compute() */
	int64_t spend, so_all, new_all, so_new;
	struct gsum *bykind, *byfunder;
	size_t nbykind, nbyfunder;
	int nbehind;
};

/* Add site to g's sites unless it is there. */
void ws_grant_addsite(ws_grant *g, const char *site);
/* A new zeroed contract at the end of g's. */
struct gcon *ws_grant_newcon(ws_grant *g);
/* Sort the contracts and sites, then fill the totals and flags. */
void ws_grant_compute(ws_grant *g);
/* Non-zero when measure m is behind its prorated target. */
int ws_grant_behind(const ws_grant *g, const struct gmeas *m);
/* Non-zero when num/den is below the minimum min (x100); 0 for den 0. */
int ws_grant_below(int64_t num, int64_t den, int64_t min);

#endif
