/*
 * cal.c - the calendar: day numbers and dates, today, periods (a month, a
 * quarter, a year, since/until), ISO 8601 weeks, the days of a period that
 * have elapsed (for prorating targets), and the working-day calendar
 * (Monday to Friday, corrected by a table of holidays and make-up
 * workdays: the State Council's dates for 2018 to 2026 built in, and a
 * site's own from the directory).
 *
 * A day number counts days since 1970-01-01 (a Thursday), so the weekday
 * of day d is ((d + 3) mod 7) with Monday 0.  Pure integer arithmetic, no
 * time zone except in ws_today.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wushe.h"

/* ------------------------------------------------------------ dates */

/* Days from civil (Howard Hinnant), proleptic Gregorian. */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long
ws_date_days(const char *s)
{
	if (ws_check_date(s) != NULL)
		return -1;
	/* checked: YYYY-MM-DD, digits where digits belong */
	return days_from_civil((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0'), (s[5] - '0') * 10 + (s[6] - '0'),
	    (s[8] - '0') * 10 + (s[9] - '0'));
}

/*
 * Civil from days (Howard Hinnant).  Years outside 0000-9999 cannot be
 * written in four digits; they are clamped to 0000-01-01 and 9999-12-31.
 */
void
ws_days_date(long days, char out[11])
{
	long z, era, doe, yoe, y, doy, mp, d, m;

	if (days < -719528)		/* 0000-01-01 */
		days = -719528;
	if (days > 2932896)		/* 9999-12-31 */
		days = 2932896;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	out[0] = '0' + y / 1000 % 10;
	out[1] = '0' + y / 100 % 10;
	out[2] = '0' + y / 10 % 10;
	out[3] = '0' + y % 10;
	out[4] = '-';
	out[5] = '0' + m / 10;
	out[6] = '0' + m % 10;
	out[7] = '-';
	out[8] = '0' + d / 10;
	out[9] = '0' + d % 10;
	out[10] = '\0';
}

void
ws_today(char out[11])
{
	const char *e = getenv("WUSHE_TODAY");
	time_t t;
	struct tm tm;

	if (e != NULL && *e != '\0') {
		if (ws_check_date(e) != NULL)
			ws_die(EX_USAGE, "WUSHE_TODAY: not a date "
			    "(expected YYYY-MM-DD, 1900 to 2999)");
		memcpy(out, e, 11);
		return;
	}
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL)
		ws_die(EX_SOFTWARE, "cannot read the local date");
	ws_days_date(days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1,
	    tm.tm_mday), out);
}

/* ---------------------------------------------------------- periods */

/* Day number of the first day of month m (1-12, may run past 12) of y. */
static long
month_start(long y, int m)
{
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	return days_from_civil(y, m, 1);
}

/* The period [first day of y-m, last day of the month n months on). */
static void
months(int y, int m, int n, char since[11], char until[11])
{
	ws_days_date(month_start(y, m), since);
	if (y + (m - 1 + n) / 12 > 2999)	/* 3000-01-01 is no date */
		memcpy(until, "2999-12-31", 11);
	else
		ws_days_date(month_start(y, m + n) - 1, until);
}

/* Non-zero when s starts with exactly four digits, a year 1900-2999. */
static int
isyear(const char *s)
{
	return strspn(s, "0123456789") == 4 && atoi(s) >= 1900 &&
	    atoi(s) <= 2999;
}

const char *
ws_period(const char *opt, const char *val, char since[11], char until[11])
{
	char today[11];
	const char *q;
	size_t n;
	int y, m;

	if (strcmp(opt, "month") == 0) {
		if (strcmp(val, "last") == 0) {
			ws_today(today);
			y = atoi(today);
			m = atoi(today + 5) - 1;
			if (m == 0) {
				m = 12;
				y--;
			}
			months(y, m, 1, since, until);
			return NULL;
		}
		if (ws_check_month(val) != NULL)
			return ws_msg("not a month (expected YYYY-MM or 'last')");
		months(atoi(val), atoi(val + 5), 1, since, until);
		return NULL;
	}
	if (strcmp(opt, "quarter") == 0) {
		if (strcmp(val, "last") == 0) {	/* the quarter before today's */
			ws_today(today);
			y = atoi(today);
			m = (atoi(today + 5) - 1) / 3 * 3 + 1 - 3;
			if (m < 1) {
				m += 12;
				y--;
			}
			months(y, m, 3, since, until);
			return NULL;
		}
		/* 2019Q3, or 2019-Q3 as the issue and the help write it */
		n = strlen(val);
		q = n == 7 && val[4] == '-' ? val + 5 : val + (n < 4 ? n : 4);
		if (strlen(q) != 2 || (q[0] != 'Q' && q[0] != 'q') ||
		    q[1] < '1' || q[1] > '4' || !isyear(val))
			return ws_msg("not a quarter (expected YYYYQ1 to "
			    "YYYYQ4, like 2019Q3)");
		months(atoi(val), (q[1] - '1') * 3 + 1, 3, since, until);
		return NULL;
	}
	if (strcmp(opt, "year") == 0) {
		if (strcmp(val, "last") == 0) {
			ws_today(today);
			months(atoi(today) - 1, 1, 12, since, until);
			return NULL;
		}
		if (strlen(val) != 4 || !isyear(val))
			return ws_msg("not a year (expected YYYY, 1900 to 2999)");
		months(atoi(val), 1, 12, since, until);
		return NULL;
	}
	/* "since" or "until": one date */
	if (ws_check_date(val) != NULL)
		return ws_msg("not a date (expected YYYY-MM-DD)");
	memcpy(strcmp(opt, "since") == 0 ? since : until, val, 11);
	return NULL;
}

const char *
ws_period_opt(struct ws_period_opt *p, const char *opt, const char *val)
{
	int end = strcmp(opt, "since") == 0 || strcmp(opt, "until") == 0;
	const char *m;

	if (strcmp(opt, "as-of") == 0) {
		if ((m = ws_check_date(val)) != NULL)
			return m;
		memcpy(p->as_of, val, 11);
		return NULL;
	}
	if (!end || !p->range)
		p->n++;
	if (end)
		p->range = 1;
	if (p->n > 1)
		return ws_msg("a second period (expected one of --month, "
		    "--quarter, --year, --since/--until)");
	return ws_period(opt, val, p->since, p->until);
}

const char *
ws_period_opt_end(struct ws_period_opt *p, int open, const char **opt)
{
	*opt = "until";
	if (p->range && p->since[0] == '\0' && !open)
		return ws_msg("without --since (expected both, or --since "
		    "alone for up to today)");
	if (p->range && p->until[0] == '\0' && !open)
		ws_today(p->until);
	*opt = "since";
	if (p->since[0] != '\0' && p->until[0] != '\0' &&
	    strcmp(p->since, p->until) > 0)
		return ws_msg("after --until (expected a period that runs "
		    "forward)");
	/* a period not ended is counted to the as-of day */
	*opt = "as-of";
	if (open && p->as_of[0] != '\0') {
		if (p->since[0] != '\0' && strcmp(p->since, p->as_of) > 0)
			return ws_msg("before the period starts (expected a "
			    "day in or after it)");
		if (p->until[0] == '\0' || strcmp(p->until, p->as_of) > 0)
			memcpy(p->until, p->as_of, 11);
	}
	return NULL;
}

long
ws_period_days(const char *since, const char *until)
{
	return ws_date_days(until) - ws_date_days(since) + 1;
}

int64_t
ws_prorate(int64_t target, int64_t elapsed, int64_t days)
{
	return (2 * target * elapsed + days) / (2 * days);
}

/* ------------------------------------------------------------ weeks */

int
ws_weekday(long day)
{
	return (int)(((day + 3) % 7 + 7) % 7) + 1;
}

long
ws_week_monday(long day)
{
	return day - (ws_weekday(day) - 1);
}

/* ISO 8601: a week belongs to the year of its Thursday, and week 1 is
 * the one holding that year's first Thursday. */
void
ws_isoweek(long day, char out[9])
{
	long thu = ws_week_monday(day) + 3, jan1;
	char date[11];

	ws_days_date(thu, date);
	jan1 = days_from_civil(atoi(date), 1, 1);
	snprintf(out, 9, "%.4s-W%02u", date,
	    (unsigned)((thu - jan1) / 7 + 1) % 100);
}

/* ------------------------------------------------------ working days */

/* Days that break the Monday-Friday rule, sorted by day: a holiday on a
 * weekday (workday 0) or a make-up workday on a weekend (workday 1). */
static struct calday {
	long day;
	int workday;
} *cal;
static size_t ncal;

/* The deadlines worked out since the table last changed, by (day, n):
 * a listing asks for the same few receipt days thousands of times. */
static struct memo {
	long day, deadline;
	int n;
} memo[1024];
static unsigned long cal_gen = 1, memo_gen[1024];

void
ws_cal_set(long day, int workday)
{
	size_t i = 0;

	cal_gen++;
	while (i < ncal && cal[i].day < day)
		i++;
	if (i < ncal && cal[i].day == day) {
		cal[i].workday = workday != 0;
		return;
	}
	cal = ws_realloc(cal, (ncal + 1) * sizeof *cal);
	memmove(cal + i + 1, cal + i, (ncal - i) * sizeof *cal);
	cal[i].day = day;
	cal[i].workday = workday != 0;
	ncal++;
}

void
ws_cal_clear(void)
{
	free(cal);
	cal = NULL;
	ncal = 0;
	cal_gen++;
}

int
ws_cal_workday(long day)
{
	size_t lo = 0, hi = ncal, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal[mid].day == day)
			return cal[mid].workday;
		if (cal[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ws_weekday(day) <= 5;
}


long
ws_cal_add_workdays(long day, int n)
{
	unsigned h = (unsigned)(((unsigned long)day * 31u + (unsigned)n) %
	    1024u);
	long d = day;
	int left;

	if (memo_gen[h] == cal_gen && memo[h].day == day && memo[h].n == n)
		return memo[h].deadline;
	for (left = n; left > 0; )
		if (ws_cal_workday(++d))
			left--;
	memo_gen[h] = cal_gen;
	memo[h].day = day;
	memo[h].n = n;
	memo[h].deadline = d;
	return d;
}

int
ws_cal_last_year(void)
{
	static unsigned long gen;
	static int year;
	char d[11];

	if (gen != cal_gen) {
		gen = cal_gen;
		year = 0;
		if (ncal > 0) {
			ws_days_date(cal[ncal - 1].day, d);
			year = atoi(d);
		}
	}
	return year;
}

/*
 * The State Council's notices on public holidays (国务院办公厅关于...部分
 * 节假日安排的通知), one line per holiday: the days off, first to last
 * (weekend days inside count as off too), then the make-up workdays (调休
 * 上班) of that holiday, "" when none.  Sources, by year of the holidays:
 * 2018 国办发明电〔2017〕12号; 2019 国办发明电〔2018〕15号, with May Day
 * changed by 国办发明电〔2019〕2号 (1 to 4 May off, Sundays 28 April and
 * 5 May worked); 2020 国办发明电〔2019〕16号, the Spring Festival
 * extended to 2 February by 国办发明电〔2020〕1号 (so Saturday 1 February
 * is no longer worked); 2021 国办发明电〔2020〕27号; 2022 国办发明电
 * 〔2021〕11号; 2023 国办发明电〔2022〕16号; 2024 国办发明电〔2023〕7号;
 * 2025 国办发明电〔2024〕12号 (and the holiday change of 国务院令第797号:
 * New Year's Eve of the Spring Festival and 2 May are holidays from 2025);
 * 2026 国办发明电〔2025〕7号.  tests/cal-official.bats checks every day
 * of 2018 to 2026 against the npm package chinese-days.
 */
static const struct official {
	const char *first, *last;	/* days off, inclusive */
	const char *work[3];		/* make-up workdays */
} official[] = {
	/* 2018 */
	{ "2018-01-01", "2018-01-01", { "" } },		/* 元旦 */
	{ "2018-02-15", "2018-02-21", { "2018-02-11", "2018-02-24" } },
	{ "2018-04-05", "2018-04-07", { "2018-04-08" } },	/* 清明 */
	{ "2018-04-29", "2018-05-01", { "2018-04-28" } },	/* 劳动节 */
	{ "2018-06-16", "2018-06-18", { "" } },		/* 端午 */
	{ "2018-09-22", "2018-09-24", { "" } },		/* 中秋 */
	{ "2018-10-01", "2018-10-07", { "2018-09-29", "2018-09-30" } },
	{ "2018-12-30", "2019-01-01", { "2018-12-29" } },	/* 元旦 2019 */
	/* 2019 */
	{ "2019-02-04", "2019-02-10", { "2019-02-02", "2019-02-03" } },
	{ "2019-04-05", "2019-04-07", { "" } },
	{ "2019-05-01", "2019-05-04", { "2019-04-28", "2019-05-05" } },
	{ "2019-06-07", "2019-06-09", { "" } },
	{ "2019-09-13", "2019-09-15", { "" } },
	{ "2019-10-01", "2019-10-07", { "2019-09-29", "2019-10-12" } },
	/* 2020 */
	{ "2020-01-01", "2020-01-01", { "" } },
	{ "2020-01-24", "2020-02-02", { "2020-01-19" } },
	{ "2020-04-04", "2020-04-06", { "" } },
	{ "2020-05-01", "2020-05-05", { "2020-04-26", "2020-05-09" } },
	{ "2020-06-25", "2020-06-27", { "2020-06-28" } },
	{ "2020-10-01", "2020-10-08", { "2020-09-27", "2020-10-10" } },
	/* 2021 */
	{ "2021-01-01", "2021-01-03", { "" } },
	{ "2021-02-11", "2021-02-17", { "2021-02-07", "2021-02-20" } },
	{ "2021-04-03", "2021-04-05", { "" } },
	{ "2021-05-01", "2021-05-05", { "2021-04-25", "2021-05-08" } },
	{ "2021-06-12", "2021-06-14", { "" } },
	{ "2021-09-19", "2021-09-21", { "2021-09-18" } },
	{ "2021-10-01", "2021-10-07", { "2021-09-26", "2021-10-09" } },
	/* 2022 */
	{ "2022-01-01", "2022-01-03", { "" } },
	{ "2022-01-31", "2022-02-06", { "2022-01-29", "2022-01-30" } },
	{ "2022-04-03", "2022-04-05", { "2022-04-02" } },
	{ "2022-04-30", "2022-05-04", { "2022-04-24", "2022-05-07" } },
	{ "2022-06-03", "2022-06-05", { "" } },
	{ "2022-09-10", "2022-09-12", { "" } },
	{ "2022-10-01", "2022-10-07", { "2022-10-08", "2022-10-09" } },
	{ "2022-12-31", "2023-01-02", { "" } },		/* 元旦 2023 */
	/* 2023 */
	{ "2023-01-21", "2023-01-27", { "2023-01-28", "2023-01-29" } },
	{ "2023-04-05", "2023-04-05", { "" } },
	{ "2023-04-29", "2023-05-03", { "2023-04-23", "2023-05-06" } },
	{ "2023-06-22", "2023-06-24", { "2023-06-25" } },
	{ "2023-09-29", "2023-10-06", { "2023-10-07", "2023-10-08" } },
	/* 2024 */
	{ "2024-01-01", "2024-01-01", { "" } },
	{ "2024-02-10", "2024-02-17", { "2024-02-04", "2024-02-18" } },
	{ "2024-04-04", "2024-04-06", { "2024-04-07" } },
	{ "2024-05-01", "2024-05-05", { "2024-04-28", "2024-05-11" } },
	{ "2024-06-08", "2024-06-10", { "" } },
	{ "2024-09-15", "2024-09-17", { "2024-09-14" } },
	{ "2024-10-01", "2024-10-07", { "2024-09-29", "2024-10-12" } },
	/* 2025 */
	{ "2025-01-01", "2025-01-01", { "" } },
	{ "2025-01-28", "2025-02-04", { "2025-01-26", "2025-02-08" } },
	{ "2025-04-04", "2025-04-06", { "" } },
	{ "2025-05-01", "2025-05-05", { "2025-04-27" } },
	{ "2025-05-31", "2025-06-02", { "" } },
	{ "2025-10-01", "2025-10-08", { "2025-09-28", "2025-10-11" } },
	/* 2026 */
	{ "2026-01-01", "2026-01-03", { "2026-01-04" } },
	{ "2026-02-15", "2026-02-23", { "2026-02-14", "2026-02-28" } },
	{ "2026-04-04", "2026-04-06", { "" } },
	{ "2026-05-01", "2026-05-05", { "2026-05-09" } },
	{ "2026-06-19", "2026-06-21", { "" } },
	{ "2026-09-25", "2026-09-27", { "" } },
	{ "2026-10-01", "2026-10-07", { "2026-09-20", "2026-10-10" } },
};

void
ws_cal_official(void)
{
	size_t i, j;
	long d, last;

	for (i = 0; i < sizeof official / sizeof official[0]; i++) {
		last = ws_date_days(official[i].last);
		for (d = ws_date_days(official[i].first); d <= last; d++)
			ws_cal_set(d, 0);
		for (j = 0; j < 3 && official[i].work[j] != NULL &&
		    *official[i].work[j] != '\0'; j++)
			ws_cal_set(ws_date_days(official[i].work[j]), 1);
	}
}
