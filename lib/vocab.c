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
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#define N_(s) (s)

/* X(list, word, English label, Chinese label, social organisation (1;
 * 3 when also registered with a civil-affairs office, WS_SO_REG), kept in
 * minutes and shown in hours) */
#define ORG_KINDS(X) \
	X("org.kind", "street_office", N_("street office"), "街道办事处", 0, 0) \
	X("org.kind", "sw_agency", N_("social-work agency"), "社工机构", 3, 0) \
	X("org.kind", "social_group", N_("social group"), "社会团体", 3, 0) \
	X("org.kind", "private_non_enterprise", \
	    N_("private non-enterprise unit"), "民办非企业单位", 3, 0) \
	X("org.kind", "foundation", N_("foundation"), "基金会", 3, 0) \
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
	X("person.sex", "M", N_("male"), "男", 0, 0) \
	X("person.sex", "F", N_("female"), "女", 0, 0)

#define RISKS(X) \
	X("cases.risk", "low", N_("low"), "低", 0, 0) \
	X("cases.risk", "medium", N_("medium"), "中", 0, 0) \
	X("cases.risk", "high", N_("high"), "高", 0, 0)

#define CASE_STATUSES(X) \
	X("cases.status", "open", N_("open"), "在案", 0, 0) \
	X("cases.status", "closed", N_("closed"), "结案", 0, 0)

#define CLOSE_REASONS(X) \
	X("cases.close_reason", "goal_met", N_("goal met"), "目标达成", 0, 0) \
	X("cases.close_reason", "moved_away", N_("moved away"), "迁出", 0, 0) \
	X("cases.close_reason", "deceased", N_("deceased"), "去世", 0, 0) \
	X("cases.close_reason", "refused_service", N_("refused service"), \
	    "拒绝服务", 0, 0) \
	X("cases.close_reason", "transferred", N_("transferred"), "转介", 0, 0) \
	X("cases.close_reason", "other", N_("other"), "其他", 0, 0)

/* The built-in case categories; a policy may add more (so the column has
 * no CHECK). */
#define BASE_CATEGORIES(X) \
	X("case_category.category", "elderly", N_("elderly"), "老年人", 0, 0) \
	X("case_category.category", "empty_nest", N_("empty-nest elder"), \
	    "空巢老人", 0, 0) \
	X("case_category.category", "disabled", N_("person with a disability"), \
	    "残疾人", 0, 0) \
	X("case_category.category", "child", N_("child in difficulty"), \
	    "困境儿童", 0, 0) \
	X("case_category.category", "left_behind_child", N_("left-behind child"), \
	    "留守儿童", 0, 0) \
	X("case_category.category", "youth", N_("youth"), "青少年", 0, 0) \
	X("case_category.category", "family", N_("family"), "家庭", 0, 0) \
	X("case_category.category", "hardship", N_("in hardship"), \
	    "困难群众", 0, 0) \
	X("case_category.category", "other", N_("other"), "其他", 0, 0)

#define VISIT_KINDS(X) \
	X("visit.kind", "home", N_("home visit"), "入户探访", 0, 0) \
	X("visit.kind", "phone", N_("phone call"), "电话回访", 0, 0) \
	X("visit.kind", "office", N_("office interview"), "面谈", 0, 0) \
	X("visit.kind", "outreach", N_("outreach"), "外展", 0, 0) \
	X("visit.kind", "escort", N_("escort"), "陪同", 0, 0) \
	X("visit.kind", "mediation", N_("mediation"), "调解", 0, 0) \
	X("visit.kind", "online", N_("online"), "线上", 0, 0)

/* "done" first: a contact is a done visit (schema/008, v_contact). */
#define VISIT_STATUSES(X) \
	X("visit.status", "done", N_("done"), "已完成", 0, 0) \
	X("visit.status", "no_show", N_("no show"), "未见到", 0, 0) \
	X("visit.status", "cancelled", N_("cancelled"), "已取消", 0, 0)

#define ACTIVITY_KINDS(X) \
	X("activity.kind", "group_session", N_("group session"), "小组活动", 0, 0) \
	X("activity.kind", "community", N_("community activity"), "社区活动", 0, 0)

#define HOURS_KINDS(X) \
	X("intern_hours.kind", "entry", N_("entry"), "记录", 0, 0) \
	X("intern_hours.kind", "adjustment", N_("adjustment"), "调整", 0, 0)

#define SERVICE_KINDS(X) \
	X("volunteer_service.kind", "entry", NULL, NULL, 0, 0) \
	X("volunteer_service.kind", "adjustment", NULL, NULL, 0, 0)

#define AUDIT_OPS(X) \
	X("audit.op", "insert", NULL, NULL, 0, 0) \
	X("audit.op", "update", NULL, NULL, 0, 0) \
	X("audit.op", "delete", NULL, NULL, 0, 0) \
	X("audit.op", "reveal", NULL, NULL, 0, 0) \
	X("audit.op", "baseline", NULL, NULL, 0, 0) \
	X("audit.op", "snapshot", NULL, NULL, 0, 0) \
	X("audit.op", "batch", NULL, NULL, 0, 0)

/* Social organisations' annual reports (issue 15, schema/009). */
#define ANNUAL_EVENTS(X) \
	X("annual_event.event", "submit", N_("received"), "收到", 0, 0) \
	X("annual_event.event", "return", N_("returned"), "退回", 0, 0) \
	X("annual_event.event", "accept", N_("reviewed"), "审查", 0, 0)

#define ANNUAL_CONCLUSIONS(X) \
	X("annual_event.conclusion", "qualified", N_("qualified"), "合格", 0, \
	    0) \
	X("annual_event.conclusion", "basically_qualified", \
	    N_("basically qualified"), "基本合格", 0, 0) \
	X("annual_event.conclusion", "unqualified", N_("unqualified"), \
	    "不合格", 0, 0)

#define ANNUAL_STATES(X) \
	X("annual_report.state", "received", N_("received"), "已收到", 0, 0) \
	X("annual_report.state", "returned", N_("returned"), "已退回", 0, 0) \
	X("annual_report.state", "reviewed", N_("reviewed"), "已审查", 0, 0)

/* issue 17: a social worker's qualification (schema/011), in order;
 * workforce-report counts the qualified ones by default. */
#define QUALIFICATIONS(X) \
	X("worker.qualification", "none", N_("unqualified"), "无", 0, 0) \
	X("worker.qualification", "assistant", N_("assistant"), \
	    "助理社会工作师", 0, 0) \
	X("worker.qualification", "intermediate", N_("intermediate"), \
	    "社会工作师", 0, 0) \
	X("worker.qualification", "senior", N_("senior"), "高级社会工作师", \
	    0, 0)

#define ALL_LISTS(X) ORG_KINDS(X) CONTRACT_KINDS(X) MEASURES(X) SEXES(X) \
	RISKS(X) CASE_STATUSES(X) CLOSE_REASONS(X) BASE_CATEGORIES(X) \
	VISIT_KINDS(X) VISIT_STATUSES(X) ACTIVITY_KINDS(X) HOURS_KINDS(X) \
	SERVICE_KINDS(X) AUDIT_OPS(X) ANNUAL_EVENTS(X) ANNUAL_CONCLUSIONS(X) \
	ANNUAL_STATES(X) QUALIFICATIONS(X)

#define ROW(list, w, en, zh, so, hours) { list, w, en, zh, so, hours, NULL },
#define WORD(list, w, en, zh, so, hours) w,

const struct ws_word ws_vocab[] = {
	ALL_LISTS(ROW)
	{ NULL, NULL, NULL, NULL, 0, 0, NULL }
};

const struct ws_word ws_measure_words[WS_NMEASURES + 1] = {
	MEASURES(ROW)
	{ NULL, NULL, NULL, NULL, 0, 0, NULL }
};

/* issue 14: the column labels, one table for headers read and written
 * (excel.c).  X(name, Chinese header, another header read as it). */
#define COLUMNS(X) \
	X("case_id", "个案编号", "个案号") X("id", "编号", NULL) \
	X("name", "姓名", NULL) X("id_number", "身份证号", "身份证号码") \
	X("sex", "性别", NULL) X("birth_date", "出生日期", NULL) \
	X("phone", "联系电话", "电话") X("community", "社区", NULL) \
	X("address", "地址", "住址") X("categories", "类别", "服务对象类别") \
	X("risk", "风险等级", NULL) X("worker", "社工", "责任社工") \
	X("opened", "开案日期", NULL) X("need", "需求", NULL) \
	X("source", "来源", "个案来源") X("status", "状态", NULL) \
	X("closed", "结案日期", NULL) X("reason", "结案原因", NULL) \
	X("visit_id", "探访编号", NULL) X("date", "日期", NULL) \
	X("start", "开始时间", NULL) X("minutes", "时长(分钟)", "时长") \
	X("kind", "类型", "方式") X("purpose", "目的", NULL) \
	X("note", "备注", "记录") X("follow_up", "跟进", NULL) \
	X("contract", "合同", NULL) X("activity_id", "活动编号", NULL) \
	X("group", "小组", NULL) X("title", "名称", "活动名称") \
	X("org", "机构", "组织") X("workers", "参与社工", NULL) \
	X("participants", "参与人数", NULL) X("volunteers", "志愿者人数", NULL) \
	X("volunteer_minutes", "志愿服务时长(分钟)", NULL) \
	X("cases", "服务个案", NULL) X("intern", "实习生", NULL) \
	X("from", "开始", NULL) X("to", "结束", NULL) \
	X("break", "休息(分钟)", NULL) X("hours", "小时", NULL) \
	X("task", "工作内容", NULL) X("entry_id", "记录编号", NULL) \
	X("certification", "认证", NULL) X("measure", "指标", NULL) \
	X("value", "数值", NULL) X("unit", "单位", NULL) \
	X("section", "部分", NULL) X("row", "行", NULL) \
	X("column", "列", NULL) X("month", "月份", NULL) \
	X("count", "数量", NULL) X("at", "时间", NULL) \
	X("os_user", "系统用户", NULL) X("command", "命令", NULL) \
	X("tbl", "表", NULL) X("op", "操作", NULL) X("row_key", "记录键", NULL) \
	X("old", "原值", NULL) X("new", "新值", NULL) \
	X("event", "事件", NULL) X("week", "周", NULL) \
	X("monday", "周一日期", NULL) X("total", "合计", NULL) \
	X("outcome", "结案评估", NULL) X("person_id", "人员编号", NULL)

#define COL(name, zh, alt) { "column", name, NULL, zh, 0, 0, alt },

const struct ws_word ws_columns[] = {
	COLUMNS(COL)
	{ NULL, NULL, NULL, NULL, 0, 0, NULL }
};

/* issue 14: the policy's words that offices write in Chinese (majors). */
const struct ws_word ws_policy_words[] = {
	{ "intern.major", "social_work", N_("social work"), "社会工作", 0, 0,
	    "社会工作专业" },
	{ "intern.major", "sociology", N_("sociology"), "社会学", 0, 0, NULL },
	{ "intern.major", "psychology", N_("psychology"), "心理学", 0, 0,
	    NULL },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL }
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
const char *const ws_annual_events[] = { ANNUAL_EVENTS(WORD) NULL };
const char *const ws_annual_conclusions[] = { ANNUAL_CONCLUSIONS(WORD)
	NULL };
const char *const ws_annual_states[] = { ANNUAL_STATES(WORD) NULL };
const char *const ws_qualifications[] = { QUALIFICATIONS(WORD) NULL };

_Static_assert(sizeof ws_measures / sizeof ws_measures[0] ==
    WS_NMEASURES + 1, "WS_NMEASURES is the number of measures");

/*
 * issue 14: words a policy adds (its own categories) with their Chinese
 * labels, after the built-in ones: NULL-terminated, allocated.
 */
static struct ws_word *extra;
static size_t nextra;

static void
free_extra(void)
{
	size_t i;

	for (i = 0; i < nextra; i++) {
		free((char *)extra[i].list);
		free((char *)extra[i].name);
		free((char *)extra[i].zh);
	}
	free(extra);
	extra = NULL;
	nextra = 0;
}

void
ws_vocab_add(const char *list, const char *word, const char *zh)
{
	struct ws_word *w;

	if (nextra == 0)
		atexit(free_extra);
	extra = ws_realloc(extra, (nextra + 2) * sizeof *extra);
	w = &extra[nextra++];
	memset(w, 0, 2 * sizeof *w);
	w->list = ws_strdup(list);
	w->name = ws_strdup(word);
	w->zh = ws_strdup(zh);
}

const struct ws_word *
ws_vocab_extra(void)
{
	static const struct ws_word none = { NULL, NULL, NULL, NULL, 0, 0,
	    NULL };

	return extra != NULL ? extra : &none;
}

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
	for (w = ws_vocab_extra(); w->list != NULL; w++)
		if ((list == NULL || strcmp(w->list, list) == 0) &&
		    strcmp(w->name, word) == 0)
			return w;
	return NULL;
}

int
ws_vocab_is_registered(const char *org_kind)
{
	const struct ws_word *w = ws_vocab_find("org.kind", org_kind);

	return w != NULL && (w->so & WS_SO_REG) != 0;
}

int
ws_vocab_is_so(const char *org_kind)
{
	const struct ws_word *w = ws_vocab_find("org.kind", org_kind);

	return w != NULL && w->so;
}
