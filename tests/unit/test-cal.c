/* test-cal.c - unit tests for lib/cal.c (TAP) */
#include <stdlib.h>
#include <string.h>

#include "wushe.h"
#include "unit.h"

static const char *
week(const char *date)
{
	static char w[9];

	ws_isoweek(ws_date_days(date), w);
	return w;
}

static const char *
date(long day)
{
	static char d[11];

	ws_days_date(day, d);
	return d;
}

static void
test_days(void)
{
	char d[11];

	CHECK(ws_date_days("1970-01-01") == 0, "day 0 is 1970-01-01");
	CHECK(ws_date_days("1900-01-01") == -25567,
	    "1900-01-01 is day -25567");
	CHECK(ws_date_days("2019-02-29") == -1, "no day for 2019-02-29");
	ws_days_date(ws_date_days("2020-02-28") + 1, d);
	CHECK_STR(d, "2020-02-29", "2020 is a leap year");
	ws_days_date(ws_date_days("2100-02-28") + 1, d);
	CHECK_STR(d, "2100-03-01", "2100 is not");
	/* 1970-01-01 was a Thursday */
	CHECK(ws_weekday(0) == 4, "day 0 is a Thursday");
	CHECK(ws_weekday(-3) == 1, "1969-12-29 is a Monday");
	CHECK(ws_weekday(ws_date_days("2021-01-03")) == 7,
	    "2021-01-03 is a Sunday");
	CHECK_STR(date(ws_week_monday(ws_date_days("2021-01-03"))),
	    "2020-12-28", "its week starts on 2020-12-28");
}

static void
test_periods(void)
{
	char s[11] = "", u[11] = "";

	CHECK_STR(ws_period("month", "2020-02", s, u), NULL, "month 2020-02");
	CHECK_STR(s, "2020-02-01", "  starts on the 1st");
	CHECK_STR(u, "2020-02-29", "  ends on the 29th (leap year)");
	CHECK_STR(ws_period("month", "2019-12", s, u), NULL, "month 2019-12");
	CHECK_STR(u, "2019-12-31", "  ends at the year's end");
	CHECK_STR(ws_period("quarter", "2019Q4", s, u), NULL, "2019Q4");
	CHECK_STR(s, "2019-10-01", "  from October");
	CHECK_STR(u, "2019-12-31", "  to December");
	CHECK_STR(ws_period("quarter", "2019q1", s, u), NULL, "2019q1");
	CHECK_STR(u, "2019-03-31", "  ends in March");
	CHECK_STR(ws_period("year", "2999", s, u), NULL, "year 2999");
	CHECK_STR(u, "2999-12-31", "  ends on the last date there is");
	CHECK(ws_period("month", "2019-13", s, u) != NULL, "no month 13");
	CHECK(ws_period("quarter", "2019Q5", s, u) != NULL, "no Q5");
	CHECK(ws_period("year", "19", s, u) != NULL, "a year has 4 digits");
	CHECK(ws_period("year", "3000", s, u) != NULL, "no year 3000");
	CHECK(ws_period("since", "2019-02-30", s, u) != NULL,
	    "since needs a date");
	memcpy(s, "x", 2);
	CHECK_STR(ws_period("until", "2019-05-06", s, u), NULL, "until");
	CHECK_STR(s, "x", "  leaves since alone");
	CHECK_STR(u, "2019-05-06", "  sets until");
	/* last month of 2020-01-15 is December of the year before */
	setenv("WUSHE_TODAY", "2020-01-15", 1);
	CHECK_STR(ws_period("month", "last", s, u), NULL, "month last");
	CHECK_STR(s, "2019-12-01", "  from 2019-12-01");
	CHECK_STR(u, "2019-12-31", "  to 2019-12-31");
	unsetenv("WUSHE_TODAY");

	/* 2020 has 366 days; 100 x 29 / 366 = 7.92, rounds to 8 */
	CHECK(ws_period_days("2020-01-01", "2020-12-31") == 366,
	    "2020 has 366 days");
	CHECK(ws_period_days("2020-02-01", "2020-02-01") == 1,
	    "a one-day period");
	CHECK(ws_prorate(100, 29, 366) == 8, "prorate rounds 7.92 to 8");
	CHECK(ws_prorate(3, 1, 2) == 2, "prorate rounds 1.5 up");
	CHECK(ws_prorate(3, 2, 2) == 3, "the whole period: the target");
}

static void
test_weeks(void)
{
	/* 2018-12-31 is a Monday; its Thursday 2019-01-03 is in 2019 */
	CHECK_STR(week("2018-12-31"), "2019-W01", "2018-12-31 is 2019-W01");
	/* 2021-01-03 is a Sunday; its Thursday is 2020-12-31, the 366th
	 * day of 2020: (365 / 7) + 1 = week 53 */
	CHECK_STR(week("2021-01-03"), "2020-W53", "2021-01-03 is 2020-W53");
	CHECK_STR(week("2021-01-04"), "2021-W01", "2021-01-04 is 2021-W01");
	/* 2016-01-03 is a Sunday; its Thursday is 2015-12-31 */
	CHECK_STR(week("2016-01-03"), "2015-W53", "2016-01-03 is 2015-W53");
	/* 2019-03-04 Monday, Thursday 03-07 is day 66: 65 / 7 + 1 = 10 */
	CHECK_STR(week("2019-03-04"), "2019-W10", "2019-03-04 is 2019-W10");
	CHECK_STR(week("2020-01-01"), "2020-W01", "2020-01-01 is 2020-W01");
}

static void
test_workdays(void)
{
	long fri = ws_date_days("2019-09-27"), d;
	int i;

	CHECK(ws_cal_workday(fri), "a Friday works");
	CHECK(!ws_cal_workday(fri + 1), "a Saturday does not");
	CHECK(!ws_cal_workday(fri + 2), "nor a Sunday");
	/* no table: Mon 09-30 is day 1, ..., Fri 10-04 is day 5 */
	CHECK_STR(date(ws_cal_add_workdays(fri, 5)), "2019-10-04",
	    "5 working days from Friday 2019-09-27, no holidays");
	CHECK_STR(date(ws_cal_add_workdays(fri, 0)), "2019-09-27",
	    "0 working days: the day itself");
	/* Monday receipt: Tue 10-01 is day 1, the next Monday is day 5 */
	CHECK_STR(date(ws_cal_add_workdays(fri + 3, 5)), "2019-10-07",
	    "5 working days from a Monday end on the next Monday");

	/* National Day 2019: 10-01..10-07 off, Sunday 09-29 and Saturday
	 * 10-12 worked instead */
	for (i = 0; i < 7; i++)
		ws_cal_set(ws_date_days("2019-10-01") + i, 0);
	ws_cal_set(ws_date_days("2019-09-29"), 1);
	ws_cal_set(ws_date_days("2019-10-12"), 1);
	CHECK(ws_cal_workday(ws_date_days("2019-09-29")),
	    "a make-up Sunday works");
	CHECK(!ws_cal_workday(ws_date_days("2019-10-02")),
	    "a holiday Wednesday does not");
	CHECK(ws_cal_workday(ws_date_days("2019-10-08")),
	    "the Tuesday after works");
	/* Sun 09-29 is day 1, Mon 09-30 day 2, 10-01..07 off, Tue 10-08
	 * day 3, Wed 10-09 day 4, Thu 10-10 day 5 */
	CHECK_STR(date(ws_cal_add_workdays(fri, 5)), "2019-10-10",
	    "5 working days across National Day");
	/* from Mon 09-30: Tue 10-08 day 1, ... Fri 10-11 day 4, the
	 * make-up Saturday 10-12 day 5 */
	d = ws_cal_add_workdays(ws_date_days("2019-09-30"), 5);
	CHECK_STR(date(d), "2019-10-12", "the make-up Saturday counts");
	ws_cal_set(ws_date_days("2019-10-12"), 0);
	CHECK(!ws_cal_workday(ws_date_days("2019-10-12")),
	    "setting a day again replaces it");
	ws_cal_clear();
	CHECK(ws_cal_workday(ws_date_days("2019-10-02")),
	    "cleared: a Wednesday works again");
	CHECK(!ws_cal_workday(ws_date_days("2019-09-29")),
	    "cleared: a Sunday rests again");
}

/* The shipped calendar against the 2019 notices (国办发明电〔2018〕15号,
 * May Day changed by 国办发明电〔2019〕2号), worked by hand. */
static void
test_official(void)
{
	CHECK(ws_cal_last_year() == 0, "an empty table knows no year");
	ws_cal_official();
	CHECK(ws_cal_last_year() == 2026, "the shipped table ends in 2026");
	/* Qingming 2019: "4月5日放假，与周末连休": Friday 5 April to Sunday
	 * 7 April off; Thursday 4 April and Monday 8 April work */
	CHECK(ws_cal_workday(ws_date_days("2019-04-04")),
	    "Thursday 2019-04-04 works (Qingming falls on the 5th)");
	CHECK(!ws_cal_workday(ws_date_days("2019-04-05")),
	    "Friday 2019-04-05 is Qingming");
	CHECK(ws_cal_workday(ws_date_days("2019-04-08")),
	    "Monday 2019-04-08 works");
	/* May Day 2019: 1 to 4 May off, Sundays 28 April and 5 May worked */
	CHECK(ws_cal_workday(ws_date_days("2019-04-28")),
	    "Sunday 2019-04-28 is a make-up workday");
	CHECK(!ws_cal_workday(ws_date_days("2019-05-01")), "May Day is off");
	CHECK(!ws_cal_workday(ws_date_days("2019-05-02")),
	    "Thursday 2019-05-02 is off");
	CHECK(!ws_cal_workday(ws_date_days("2019-05-03")),
	    "Friday 2019-05-03 is off");
	CHECK(!ws_cal_workday(ws_date_days("2019-05-04")),
	    "Saturday 2019-05-04 is off");
	CHECK(ws_cal_workday(ws_date_days("2019-05-05")),
	    "Sunday 2019-05-05 is a make-up workday");
	/* received Wed 04-03: Thu 04-04 is day 1, Fri-Sun off, Mon 04-08
	 * day 2 ... Fri 04-12 day 6, Mon 04-15 day 7 ... Thu 04-18 day 10 */
	CHECK_STR(date(ws_cal_add_workdays(ws_date_days("2019-04-03"), 10)),
	    "2019-04-18", "10 working days across Qingming 2019");
	/* received Fri 04-26: Sun 04-28 day 1, Mon 29 day 2, Tue 30 day 3,
	 * 1-4 May off, Sun 05-05 day 4, Mon 6 to Fri 10 days 5-9, Mon 13
	 * day 10 */
	CHECK_STR(date(ws_cal_add_workdays(ws_date_days("2019-04-26"), 10)),
	    "2019-05-13", "10 working days across May Day 2019");
	/* received on the holiday Saturday 05-04: Sunday 05-05 is day 1 */
	CHECK_STR(date(ws_cal_add_workdays(ws_date_days("2019-05-04"), 1)),
	    "2019-05-05", "received on a holiday: the make-up Sunday is day 1");
	/* received on the make-up Sunday 04-28: counting starts Monday */
	CHECK_STR(date(ws_cal_add_workdays(ws_date_days("2019-04-28"), 3)),
	    "2019-05-05", "received on a make-up Sunday: it is not day 1");
	/* Guangzhou: the 2019 report received on the deadline, Tue
	 * 2020-03-31: Wed 04-01 to Fri 04-03 days 1-3, Qingming 04-04 to
	 * 04-06 off, Tue 04-07 day 4 ... Fri 04-10 day 7, Mon 13 to Wed 15
	 * days 8-10 */
	CHECK_STR(date(ws_cal_add_workdays(ws_date_days("2020-03-31"), 10)),
	    "2020-04-15", "a review due across Qingming 2020");
	/* Spring Festival 2020, extended to 2 February (国办发明电〔2020〕1
	 * 号): received Thu 01-16: Fri 17 day 1, the make-up Sunday 19 day 2,
	 * Mon 20 to Thu 23 days 3-6, 24 January to 2 February off, Mon 02-03
	 * to Thu 02-06 days 7-10 */
	CHECK(!ws_cal_workday(ws_date_days("2020-02-01")),
	    "Saturday 2020-02-01 is no longer worked (the extension)");
	CHECK_STR(date(ws_cal_add_workdays(ws_date_days("2020-01-16"), 10)),
	    "2020-02-06", "10 working days across the extended Spring Festival");
	/* a site's own day set after the shipped table wins */
	ws_cal_set(ws_date_days("2019-04-04"), 0);
	CHECK(!ws_cal_workday(ws_date_days("2019-04-04")),
	    "a site's holiday overrides the shipped working day");
	ws_cal_set(ws_date_days("2027-02-06"), 1);
	CHECK(ws_cal_last_year() == 2027, "a site's 2027 day extends the table");
	ws_cal_clear();
	CHECK(ws_cal_last_year() == 0, "cleared: no year known");
}

int
main(void)
{
	test_days();
	test_periods();
	test_weeks();
	test_workdays();
	test_official();
	return DONE();
}
