/*
 * vocab.c - the vocabulary: every closed word list of the data model, each
 * word once, with its English label (the gettext msgid), its Chinese label
 * and what the reports need to know of it.
 *
 * A list is named after the column that stores its words ("org.kind",
 * "visit.status"); the schema's CHECK constraints list the same words, and
 * tests/unit/test-vocab.c compares them with this table, so the two cannot
 * drift.  Each list is written once, as an X-macro below; it expands into
 * the rows of ws_vocab and into the NULL-terminated arrays (ws_risks ...)
 * that the validators and the loader use.
 */
#include <string.h>

#include "wushe.h"

#define N_(s) (s)

/* X(list, word, English label, Chinese label, social organisation,
 * kept in minutes and shown in hours) */
#define ORG_KINDS(X) \
	X("org.kind", "street_office", N_("street office"), "街道办事处", 0, 0) \
	X("org.kind", "sw_agency", N_("social-work agency"), "社工机构", 1, 0) \
	X("org.kind", "social_group", N_("social group"), "社会团体", 1, 0) \
	X("org.kind", "private_non_enterprise", \
	    N_("private non-enterprise unit"), "民办非企业单位", 1, 0) \
	X("org.kind", "foundation", N_("foundation"), "基金会", 1, 0) \
	X("org.kind", "community_group", N_("community group"), \
	    "社区社会组织", 1, 0) \
	X("org.kind", "self_governance", N_("self-governance group"), \
	    "居民自治组织", 0, 0) \
	X("org.kind", "enterprise", N_("enterprise"), "企业", 0, 0)

#define CONTRACT_KINDS(X) \
	X("contract.kind", "post", N_("post purchase"), "岗位购买", 0, 0) \
	X("contract.kind", "project", N_("project purchase"), "项目购买", 0, 0) \
	X("contract.kind", "venture_philanthropy", N_("venture philanthropy"), \
	    "公益创投", 0, 0)

/* In report order (grant-report lists a contract's measures so). */
#define MEASURES(X) \
	X("contract_target.measure", "service_hours", N_("service hours"), \
	    "服务时长", 0, 1) \
	X("contract_target.measure", "contacts", N_("casework contacts"), \
	    "个案服务次数", 0, 0) \
	X("contract_target.measure", "cases_served", N_("cases served"), \
	    "服务个案数", 0, 0) \
	X("contract_target.measure", "new_cases", N_("new cases"), \
	    "新增个案", 0, 0) \
	X("contract_target.measure", "group_sessions", N_("group sessions"), \
	    "小组活动节数", 0, 0) \
	X("contract_target.measure", "activities", \
	    N_("community activities"), "社区活动", 0, 0) \
	X("contract_target.measure", "participants", N_("participants"), \
	    "参与人次", 0, 0) \
	X("contract_target.measure", "volunteer_hours", N_("volunteer hours"), \
	    "志愿服务时长", 0, 1)

#define SEXES(X) \
	X("person.sex", "M", NULL, NULL, 0, 0) \
	X("person.sex", "F", NULL, NULL, 0, 0)

#define RISKS(X) \
	X("cases.risk", "low", NULL, NULL, 0, 0) \
	X("cases.risk", "medium", NULL, NULL, 0, 0) \
	X("cases.risk", "high", NULL, NULL, 0, 0)

#define CASE_STATUSES(X) \
	X("cases.status", "open", NULL, NULL, 0, 0) \
	X("cases.status", "closed", NULL, NULL, 0, 0)

#define CLOSE_REASONS(X) \
	X("cases.close_reason", "goal_met", NULL, NULL, 0, 0) \
	X("cases.close_reason", "moved_away", NULL, NULL, 0, 0) \
	X("cases.close_reason", "deceased", NULL, NULL, 0, 0) \
	X("cases.close_reason", "refused_service", NULL, NULL, 0, 0) \
	X("cases.close_reason", "transferred", NULL, NULL, 0, 0) \
	X("cases.close_reason", "other", NULL, NULL, 0, 0)

/* The built-in case categories; a policy may add more (so the column has
 * no CHECK). */
#define BASE_CATEGORIES(X) \
	X("case_category.category", "elderly", NULL, NULL, 0, 0) \
	X("case_category.category", "empty_nest", NULL, NULL, 0, 0) \
	X("case_category.category", "disabled", NULL, NULL, 0, 0) \
	X("case_category.category", "child", NULL, NULL, 0, 0) \
	X("case_category.category", "left_behind_child", NULL, NULL, 0, 0) \
	X("case_category.category", "youth", NULL, NULL, 0, 0) \
	X("case_category.category", "family", NULL, NULL, 0, 0) \
	X("case_category.category", "hardship", NULL, NULL, 0, 0) \
	X("case_category.category", "other", NULL, NULL, 0, 0)

#define VISIT_KINDS(X) \
	X("visit.kind", "home", NULL, NULL, 0, 0) \
	X("visit.kind", "phone", NULL, NULL, 0, 0) \
	X("visit.kind", "office", NULL, NULL, 0, 0) \
	X("visit.kind", "outreach", NULL, NULL, 0, 0) \
	X("visit.kind", "escort", NULL, NULL, 0, 0) \
	X("visit.kind", "mediation", NULL, NULL, 0, 0) \
	X("visit.kind", "online", NULL, NULL, 0, 0)

/* "done" first: a contact is a done visit (schema/008, v_contact). */
#define VISIT_STATUSES(X) \
	X("visit.status", "done", NULL, NULL, 0, 0) \
	X("visit.status", "no_show", NULL, NULL, 0, 0) \
	X("visit.status", "cancelled", NULL, NULL, 0, 0)

#define ACTIVITY_KINDS(X) \
	X("activity.kind", "group_session", NULL, NULL, 0, 0) \
	X("activity.kind", "community", NULL, NULL, 0, 0)

#define HOURS_KINDS(X) \
	X("intern_hours.kind", "entry", NULL, NULL, 0, 0) \
	X("intern_hours.kind", "adjustment", NULL, NULL, 0, 0)

#define AUDIT_OPS(X) \
	X("audit.op", "insert", NULL, NULL, 0, 0) \
	X("audit.op", "update", NULL, NULL, 0, 0) \
	X("audit.op", "delete", NULL, NULL, 0, 0) \
	X("audit.op", "reveal", NULL, NULL, 0, 0) \
	X("audit.op", "baseline", NULL, NULL, 0, 0) \
	X("audit.op", "snapshot", NULL, NULL, 0, 0)

#define ALL_LISTS(X) ORG_KINDS(X) CONTRACT_KINDS(X) MEASURES(X) SEXES(X) \
	RISKS(X) CASE_STATUSES(X) CLOSE_REASONS(X) BASE_CATEGORIES(X) \
	VISIT_KINDS(X) VISIT_STATUSES(X) ACTIVITY_KINDS(X) HOURS_KINDS(X) \
	AUDIT_OPS(X)

#define ROW(list, w, en, zh, so, hours) { list, w, en, zh, so, hours },
#define WORD(list, w, en, zh, so, hours) w,

const struct ws_word ws_vocab[] = {
	ALL_LISTS(ROW)
	{ NULL, NULL, NULL, NULL, 0, 0 }
};

const struct ws_word ws_measure_words[WS_NMEASURES + 1] = {
	MEASURES(ROW)
	{ NULL, NULL, NULL, NULL, 0, 0 }
};

const char *const ws_org_kinds[] = { ORG_KINDS(WORD) NULL };
const char *const ws_contract_kinds[] = { CONTRACT_KINDS(WORD) NULL };
const char *const ws_measures[] = { MEASURES(WORD) NULL };
const char *const ws_sexes[] = { SEXES(WORD) NULL };
const char *const ws_risks[] = { RISKS(WORD) NULL };
const char *const ws_close_reasons[] = { CLOSE_REASONS(WORD) NULL };
const char *const ws_base_categories[] = { BASE_CATEGORIES(WORD) NULL };
const char *const ws_visit_kinds[] = { VISIT_KINDS(WORD) NULL };
const char *const ws_visit_statuses[] = { VISIT_STATUSES(WORD) NULL };
const char *const ws_activity_kinds[] = { ACTIVITY_KINDS(WORD) NULL };

_Static_assert(sizeof ws_measures / sizeof ws_measures[0] ==
    WS_NMEASURES + 1, "WS_NMEASURES is the number of measures");

const struct ws_word *
ws_vocab_find(const char *list, const char *word)
{
	const struct ws_word *w;

	if (word == NULL)
		return NULL;
	for (w = ws_vocab; w->list != NULL; w++)
		if ((list == NULL || strcmp(w->list, list) == 0) &&
		    strcmp(w->name, word) == 0)
			return w;
	return NULL;
}

int
ws_vocab_is_so(const char *org_kind)
{
	const struct ws_word *w = ws_vocab_find("org.kind", org_kind);

	return w != NULL && w->so;
}
