/*
 * wf-model.h - the in-memory model of a workforce report, shared by the
 * files of the report and nothing else: workforce.c (the model, the
 * targets and the build from the database), wf-merge.c (the build from
 * json reports) and wf-doc.c (the report printed).  Not installed.
 */
#ifndef WF_MODEL_H
#define WF_MODEL_H

#include "wushe.h"

#define N_(s) (s)
#define _(s) ws_tr(s)

enum { NQUAL = 4 };		/* ws_qualifications */

/* The report's totals, in report (and json) order. */
enum { T_YOUTH, T_OTHER, T_BASES, T_UNITS, NTOTAL };
extern const char *const ws_wf_measures[NTOTAL];

struct wf_county {
	char *county;		/* "" when not given */
	int64_t q[NQUAL];	/* youth-affairs workers active on the date,
				 * by their qualification on it */
	int64_t counted;	/* those the policy counts */
	int64_t league;		/* youth-league-affiliated agencies */
};

struct wf_home {
	char *site, *code, *name, *county, *community;	/* "" when not given */
	int64_t workers;	/* counted youth-affairs workers serving in it
				 * on the date */
	long line;		/* merge: its line in the input */
};

struct ws_wf {
	char as_of[11];
	const struct ws_wf_policy *pol;	/* targets (borrowed) */
	char *policy;		/* the policy's name, or NULL */
	char **sites;		/* distinct, sorted by ws_wf_compute */
	size_t nsites;
	int counted[NQUAL];	/* qualification i counts */
	struct wf_county *c;	/* sorted by county, "" last */
	size_t nc;
	struct wf_home *h;	/* sorted by site and code */
	size_t nh;
	int64_t total[NTOTAL];
	int64_t target[NTOTAL];	/* -1: none */
};

/* The county row of w for county (added, zeroed, when new). */
struct wf_county *ws_wf_county(ws_wf *w, const char *county);
/* A new zeroed youth home at the end of w's; its strings are copied
 * (NULL is ""). */
struct wf_home *ws_wf_home(ws_wf *w, const char *site, const char *code,
    const char *name, const char *county, const char *community);
/* Add site to w's sites; returns -1 when it is there already. */
int ws_wf_addsite(ws_wf *w, const char *site);
/* The counted qualifications as text: "assistant,intermediate,senior". */
char *ws_wf_counted_str(const ws_wf *w);
/* Sort the rows and work out the targets of w->as_of from w->pol. */
void ws_wf_compute(ws_wf *w);

#endif
