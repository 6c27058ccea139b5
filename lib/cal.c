/*
 * cal.c - the calendar: day numbers and dates, today, periods (a month, a
 * quarter, a year, since/until), ISO 8601 weeks, the days of a period that
 * have elapsed (for prorating targets), and the working-day calendar
 * (Monday to Friday, corrected by a table of holidays and make-up
 * workdays that later issues fill).
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
	return days_from_civil(atoi(s), atoi(s + 5), atoi(s + 8));
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
			return "not a month (expected YYYY-MM or 'last')";
		months(atoi(val), atoi(val + 5), 1, since, until);
		return NULL;
	}
	if (strcmp(opt, "quarter") == 0) {
		if (strlen(val) != 6 || (val[4] != 'Q' && val[4] != 'q') ||
		    val[5] < '1' || val[5] > '4' || !isyear(val))
			return "not a quarter (expected YYYYQ1 to YYYYQ4, "
			    "like 2019Q3)";
		months(atoi(val), (val[5] - '1') * 3 + 1, 3, since, until);
		return NULL;
	}
	if (strcmp(opt, "year") == 0) {
		if (strlen(val) != 4 || !isyear(val))
			return "not a year (expected YYYY, 1900 to 2999)";
		months(atoi(val), 1, 12, since, until);
		return NULL;
	}
	/* "since" or "until": one date */
	if (ws_check_date(val) != NULL)
		return "not a date (expected YYYY-MM-DD)";
	memcpy(strcmp(opt, "since") == 0 ? since : until, val, 11);
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

void
ws_cal_set(long day, int workday)
{
	size_t i = 0;

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
	while (n > 0)
		if (ws_cal_workday(++day))
			n--;
	return day;
}
