/* test-validate.c - unit tests for lib/validate.c (TAP) */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wushe.h"
#include "unit.h"

#define OK(expr, what) CHECK_STR((expr), NULL, what)
#define BAD(expr, what) CHECK((expr) != NULL, what)
#define BADMSG(expr, want, what) CHECK_STR((expr), (want), what)

/* Non-zero when msg is not NULL and contains sub. */
static int
has(const char *msg, const char *sub)
{
	return msg != NULL && strstr(msg, sub) != NULL;
}

/* Run ws_today in a child process; return its exit status or -1. */
static int
today_status(void)
{
	pid_t pid;
	int st;
	char d[11];

	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(99);
		ws_today(d);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
test_dates(void)
{
	static const char *good[] = { "2019-02-28", "2020-02-29",
	    "2000-02-29", "1900-01-01", "2999-12-31", "2024-12-31",
	    "2021-04-30", "1900-02-28", NULL };
	static const char *bad[] = { "2019-02-29", "1900-02-29",
	    "2100-02-29", "0000-00-00", "1899-12-31", "3000-01-01",
	    "2021-04-31", "2021-13-01", "2021-00-10", "2021-01-00",
	    "2021-01-32", "2021-1-01", "2021-01-1", "20210101", "2021/01/01",
	    "2021-01-01 ", " 2021-01-01", "2021-01-01T00:00", "abcd-ef-gh",
	    "2021-02-30", "+021-01-01", "", NULL };
	char out[11], buf[64];
	long d, n;
	int i, ok;

	for (i = 0; good[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "date %s accepted", good[i]);
		OK(ws_check_date(good[i]), buf);
	}
	for (i = 0; bad[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "date '%s' refused", bad[i]);
		BAD(ws_check_date(bad[i]), buf);
	}
	BAD(ws_check_date(NULL), "date NULL refused");
	BADMSG(ws_check_date("2019-02-29"),
	    "no such day (February has 28 days in that year)",
	    "2019-02-29 message names February");
	BADMSG(ws_check_date("2019/02/01"), "not a date (expected YYYY-MM-DD)",
	    "syntax message");
	CHECK(has(ws_check_date("2021-04-31"), "30 days"),
	    "2021-04-31 message says 30 days");
	CHECK(has(ws_check_date("1899-12-31"), "1900 to 2999"),
	    "year range message");

	CHECK(ws_date_days("1970-01-01") == 0, "1970-01-01 is day 0");
	CHECK(ws_date_days("1970-01-02") == 1, "1970-01-02 is day 1");
	CHECK(ws_date_days("1969-12-31") == -1, "1969-12-31 is day -1");
	CHECK(ws_date_days("2000-03-01") - ws_date_days("2000-02-28") == 2,
	    "2000 is a leap year");
	CHECK(ws_date_days("1900-03-01") - ws_date_days("1900-02-28") == 1,
	    "1900 is not a leap year");
	CHECK(ws_date_days("2020-01-01") == 18262, "2020-01-01 is day 18262");
	CHECK(ws_date_days("1900-01-01") == -25567, "1900-01-01 day number");
	CHECK(ws_date_days("2019-02-29") == -1, "invalid date gives -1");
	CHECK(ws_date_days("x") == -1, "garbage gives -1");
	CHECK(ws_date_days("2021-01-01") - ws_date_days("2020-01-01") == 366,
	    "2020 has 366 days");

	ws_days_date(0, out);
	CHECK_STR(out, "1970-01-01", "day 0 formats");
	ws_days_date(-1, out);
	CHECK_STR(out, "1969-12-31", "day -1 formats");
	ws_days_date(18262 + 59, out);
	CHECK_STR(out, "2020-02-29", "leap day formats");
	ws_days_date(-25567, out);
	CHECK_STR(out, "1900-01-01", "1900-01-01 formats");
	ws_days_date(ws_date_days("2999-12-31"), out);
	CHECK_STR(out, "2999-12-31", "2999-12-31 round trip");

	/* every day of 1900..2999 round-trips and is accepted */
	ok = 1;
	for (d = ws_date_days("1900-01-01"), n = 0;
	    d <= ws_date_days("2999-12-31"); d++, n++) {
		ws_days_date(d, out);
		if (ws_check_date(out) != NULL || ws_date_days(out) != d) {
			ok = 0;
			printf("# round trip fails at day %ld (%s)\n", d, out);
			break;
		}
	}
	CHECK(ok, "every day 1900-2999 round-trips");
	CHECK(n == 401767, "1900-2999 has 401767 days");
}

static void
test_today(void)
{
	char out[11];

	setenv("WUSHE_TODAY", "2019-03-15", 1);
	ws_today(out);
	CHECK_STR(out, "2019-03-15", "WUSHE_TODAY is used");
	setenv("WUSHE_TODAY", "2019-02-29", 1);
	CHECK(today_status() == 64, "bad WUSHE_TODAY exits 64");
	setenv("WUSHE_TODAY", "yesterday", 1);
	CHECK(today_status() == 64, "garbage WUSHE_TODAY exits 64");
	unsetenv("WUSHE_TODAY");
	ws_today(out);
	CHECK(ws_check_date(out) == NULL && strcmp(out, "2024-01-01") >= 0,
	    "local today is a valid recent date");
	setenv("WUSHE_TODAY", "", 1);
	ws_today(out);
	CHECK(ws_check_date(out) == NULL && strcmp(out, "2024-01-01") >= 0,
	    "empty WUSHE_TODAY is ignored");
	setenv("WUSHE_TODAY", "2030-06-01", 1);
}

static void
test_month_time(void)
{
	int m = -1;

	OK(ws_check_month("2019-01"), "month 2019-01");
	OK(ws_check_month("2999-12"), "month 2999-12");
	OK(ws_check_month("1900-01"), "month 1900-01");
	BAD(ws_check_month("2019-13"), "month 13 refused");
	BAD(ws_check_month("2019-00"), "month 00 refused");
	BAD(ws_check_month("2019-1"), "month one digit refused");
	BAD(ws_check_month("1899-12"), "month 1899 refused");
	BAD(ws_check_month("2019-01-01"), "date is not a month");
	BAD(ws_check_month(""), "empty month refused");
	BAD(ws_check_month(NULL), "NULL month refused");

	OK(ws_check_time("00:00", 0, &m), "00:00");
	CHECK(m == 0, "00:00 is minute 0");
	OK(ws_check_time("23:59", 0, &m), "23:59");
	CHECK(m == 1439, "23:59 is minute 1439");
	OK(ws_check_time("09:30", 0, &m), "09:30");
	CHECK(m == 570, "09:30 is minute 570");
	BAD(ws_check_time("24:00", 0, &m), "24:00 refused without allow24");
	OK(ws_check_time("24:00", 1, &m), "24:00 with allow24");
	CHECK(m == 1440, "24:00 is minute 1440");
	BAD(ws_check_time("24:01", 1, NULL), "24:01 refused");
	BAD(ws_check_time("25:00", 1, NULL), "25:00 refused");
	BAD(ws_check_time("12:60", 0, NULL), "12:60 refused");
	BAD(ws_check_time("9:30", 0, NULL), "9:30 refused");
	BAD(ws_check_time("09:30:00", 0, NULL), "seconds refused");
	BAD(ws_check_time("0930", 0, NULL), "no colon refused");
	BAD(ws_check_time("09.30", 0, NULL), "dot refused");
	BAD(ws_check_time("", 0, NULL), "empty time refused");
	BAD(ws_check_time(NULL, 0, NULL), "NULL time refused");
	OK(ws_check_time("12:00", 0, NULL), "NULL out pointer allowed");
}

static void
test_durations(void)
{
	int64_t v;

	OK(ws_parse_minutes("90", &v), "minutes 90");
	CHECK(v == 90, "90 minutes");
	OK(ws_parse_minutes("0", &v), "minutes 0");
	CHECK(v == 0, "0 minutes");
	OK(ws_parse_minutes("9223372036854775807", &v), "minutes INT64_MAX");
	CHECK(v == INT64_MAX, "INT64_MAX minutes");
	BAD(ws_parse_minutes("9223372036854775808", &v), "minutes overflow");
	BAD(ws_parse_minutes("99999999999999999999999", &v),
	    "minutes big overflow");
	BAD(ws_parse_minutes("-5", &v), "minutes sign refused");
	BAD(ws_parse_minutes("+5", &v), "minutes plus refused");
	BAD(ws_parse_minutes("1.5", &v), "minutes decimal refused");
	BAD(ws_parse_minutes("", &v), "minutes empty refused");
	BAD(ws_parse_minutes(NULL, &v), "minutes NULL refused");
	BAD(ws_parse_minutes(" 5", &v), "minutes space refused");
	BAD(ws_parse_minutes("5m", &v), "minutes suffix refused");

	OK(ws_parse_hours("7.5", &v), "hours 7.5");
	CHECK(v == 450, "7.5 h = 450 min");
	OK(ws_parse_hours("7.25", &v), "hours 7.25");
	CHECK(v == 435, "7.25 h = 435 min");
	OK(ws_parse_hours("0.1", &v), "hours 0.1");
	CHECK(v == 6, "0.1 h = 6 min");
	OK(ws_parse_hours("0.05", &v), "hours 0.05");
	CHECK(v == 3, "0.05 h = 3 min");
	OK(ws_parse_hours("8", &v), "hours 8");
	CHECK(v == 480, "8 h = 480 min");
	OK(ws_parse_hours("0", &v), "hours 0");
	CHECK(v == 0, "0 h = 0 min");
	OK(ws_parse_hours("350", &v), "hours 350");
	CHECK(v == 21000, "350 h = 21000 min");
	OK(ws_parse_hours("7.50", &v), "hours 7.50");
	CHECK(v == 450, "7.50 h = 450 min");
	BADMSG(ws_parse_hours("7.33", &v),
	    "not a whole number of minutes (expected hours like 7.5 or 7.25, "
	    "or give minutes)", "7.33 h refused");
	CHECK(has(ws_parse_hours("0.01", &v), "whole number of minutes"),
	    "0.01 h refused");
	CHECK(has(ws_parse_hours("7.125", &v), "decimals"),
	    "three decimals refused");
	BAD(ws_parse_hours("7.", &v), "hours '7.' refused");
	BAD(ws_parse_hours(".5", &v), "hours '.5' refused");
	BAD(ws_parse_hours("1e2", &v), "hours exponent refused");
	BAD(ws_parse_hours("-1", &v), "hours sign refused");
	BAD(ws_parse_hours("+1", &v), "hours plus refused");
	BAD(ws_parse_hours("7,5", &v), "hours comma refused");
	BAD(ws_parse_hours("", &v), "hours empty refused");
	BAD(ws_parse_hours(NULL, &v), "hours NULL refused");
	BAD(ws_parse_hours("1.2.3", &v), "hours two points refused");
	BAD(ws_parse_hours("92233720368547759", &v), "hours overflow");
	BAD(ws_parse_hours("99999999999999999999", &v), "hours big overflow");
	OK(ws_parse_hours("92233720368547758", &v), "hours near max");
	CHECK(v == INT64_C(92233720368547758) * 60, "near max exact");
}

static void
test_money(void)
{
	int64_t v;
	char out[32];

	OK(ws_parse_money("1234.56", 0, &v), "money 1234.56");
	CHECK(v == 123456, "1234.56 = 123456 fen");
	OK(ws_parse_money("3600", 0, &v), "money 3600");
	CHECK(v == 360000, "3600 = 360000 fen");
	OK(ws_parse_money("0.5", 0, &v), "money 0.5");
	CHECK(v == 50, "0.5 = 50 fen");
	OK(ws_parse_money("0.05", 0, &v), "money 0.05");
	CHECK(v == 5, "0.05 = 5 fen");
	OK(ws_parse_money("0", 0, &v), "money 0");
	CHECK(v == 0, "0 = 0 fen");
	OK(ws_parse_money("600.00", 0, &v), "money 600.00");
	CHECK(v == 60000, "600.00 = 60000 fen");
	OK(ws_parse_money("92233720368547758.07", 0, &v), "money max");
	CHECK(v == INT64_MAX, "max = INT64_MAX fen");
	CHECK(has(ws_parse_money("92233720368547758.08", 0, &v), "too large"),
	    "money max + 1 fen refused");
	CHECK(has(ws_parse_money("92233720368547759", 0, &v), "too large"),
	    "money max + 1 yuan refused");
	CHECK(has(ws_parse_money("100000000000000000000", 0, &v),
	    "too large"), "money huge refused");
	BAD(ws_parse_money("1,000", 0, &v), "thousands separator refused");
	CHECK(has(ws_parse_money("1.234", 0, &v), "at most two decimals"),
	    "three decimals refused");
	BAD(ws_parse_money("", 0, &v), "money empty refused");
	BAD(ws_parse_money(NULL, 0, &v), "money NULL refused");
	BAD(ws_parse_money(".5", 0, &v), "money '.5' refused");
	BAD(ws_parse_money("5.", 0, &v), "money '5.' refused");
	BAD(ws_parse_money("+5", 0, &v), "money '+5' refused");
	BAD(ws_parse_money("5e3", 0, &v), "money exponent refused");
	BAD(ws_parse_money("¥5", 0, &v), "money currency sign refused");
	BAD(ws_parse_money(" 5", 0, &v), "money space refused");
	BAD(ws_parse_money("5 ", 0, &v), "money trailing space refused");
	CHECK(has(ws_parse_money("-5", 0, &v), "negative"),
	    "negative refused without allow_neg");
	OK(ws_parse_money("-5", 1, &v), "negative with allow_neg");
	CHECK(v == -500, "-5 = -500 fen");
	OK(ws_parse_money("-0.05", 1, &v), "-0.05 with allow_neg");
	CHECK(v == -5, "-0.05 = -5 fen");
	OK(ws_parse_money("-92233720368547758.07", 1, &v), "money min");
	CHECK(v == -INT64_MAX, "min = -INT64_MAX fen");
	BAD(ws_parse_money("-92233720368547758.08", 1, &v),
	    "money below min refused");
	BAD(ws_parse_money("-", 1, &v), "lone minus refused");
	BAD(ws_parse_money("--5", 1, &v), "double minus refused");
	BAD(ws_parse_money("-.5", 1, &v), "money '-.5' refused");

	ws_fen_str(123456, out);
	CHECK_STR(out, "1234.56", "fen 123456");
	ws_fen_str(-5, out);
	CHECK_STR(out, "-0.05", "fen -5");
	ws_fen_str(0, out);
	CHECK_STR(out, "0.00", "fen 0");
	ws_fen_str(360000, out);
	CHECK_STR(out, "3600.00", "fen 360000");
	ws_fen_str(50, out);
	CHECK_STR(out, "0.50", "fen 50");
	ws_fen_str(-123456, out);
	CHECK_STR(out, "-1234.56", "fen -123456");
	ws_fen_str(INT64_MAX, out);
	CHECK_STR(out, "92233720368547758.07", "fen INT64_MAX");
	ws_fen_str(INT64_MIN, out);
	CHECK_STR(out, "-92233720368547758.08", "fen INT64_MIN");
	ws_fen_str(-100, out);
	CHECK_STR(out, "-1.00", "fen -100");

	OK(ws_parse_dec2("30", &v), "dec2 30");
	CHECK(v == 3000, "30 = 3000");
	OK(ws_parse_dec2("5.5", &v), "dec2 5.5");
	CHECK(v == 550, "5.5 = 550");
	OK(ws_parse_dec2("0.01", &v), "dec2 0.01");
	CHECK(v == 1, "0.01 = 1");
	BAD(ws_parse_dec2("-5", &v), "dec2 sign refused");
	BAD(ws_parse_dec2("5.555", &v), "dec2 three places refused");
	BAD(ws_parse_dec2("5%", &v), "dec2 percent sign refused");
	BAD(ws_parse_dec2("", &v), "dec2 empty refused");
	BAD(ws_parse_dec2("92233720368547758.08", &v), "dec2 overflow");
}

static void
test_int(void)
{
	int64_t v;

	OK(ws_parse_int("5", 1, 10, &v), "int 5 in 1..10");
	CHECK(v == 5, "int 5");
	OK(ws_parse_int("1", 1, 10, &v), "int lower bound");
	OK(ws_parse_int("10", 1, 10, &v), "int upper bound");
	BADMSG(ws_parse_int("0", 1, 10, &v), "out of range (expected 1 to 10)",
	    "int below range");
	BADMSG(ws_parse_int("11", 1, 10, &v),
	    "out of range (expected 1 to 10)", "int above range");
	BAD(ws_parse_int("-1", 0, 10, &v), "int sign refused");
	BAD(ws_parse_int("1.0", 0, 10, &v), "int decimal refused");
	BAD(ws_parse_int("", 0, 10, &v), "int empty refused");
	BAD(ws_parse_int("x", 0, 10, &v), "int garbage refused");
	OK(ws_parse_int("9223372036854775807", 0, INT64_MAX, &v), "int max");
	CHECK(v == INT64_MAX, "int max value");
	BAD(ws_parse_int("9223372036854775808", 0, INT64_MAX, &v),
	    "int overflow refused");
	v = 42;
	BAD(ws_parse_int("99", 0, 10, &v), "int out of range");
	CHECK(v == 42, "out value untouched on error");
}

/* Every one-character change of a valid code is refused. */
static int
all_variants_refused(const char *code, const char *alphabet,
    const char *(*check)(const char *))
{
	char t[19];
	size_t i;
	const char *a;

	for (i = 0; i < 18; i++) {
		for (a = alphabet; *a != '\0'; a++) {
			if (*a == code[i])
				continue;
			memcpy(t, code, 19);
			t[i] = *a;
			if (check(t) == NULL) {
				printf("# variant %s accepted\n", t);
				return 0;
			}
		}
	}
	return 1;
}

static const char *
idcheck(const char *s)
{
	return ws_check_id_number(s, NULL, NULL);
}

static void
test_id_number(void)
{
	static const char *good[] = { "340103194503120022",
	    "340103201009010031", "340103195211200017", "11010519491231002X",
	    "340103200002290013", "34010319000101001X", "440301202002291236",
	    NULL };
	char birth[11], sex, buf[64];
	int i;

	/* today is 2030-06-01 (set in test_today) */
	for (i = 0; good[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "ID %s accepted", good[i]);
		OK(ws_check_id_number(good[i], birth, &sex), buf);
		snprintf(buf, sizeof buf, "ID %s: every 1-char change refused",
		    good[i]);
		CHECK(all_variants_refused(good[i], "0123456789Xx", idcheck),
		    buf);
	}
	OK(ws_check_id_number("340103194503120022", birth, &sex), "ID F");
	CHECK_STR(birth, "1945-03-12", "ID birth date");
	CHECK(sex == 'F', "ID sex F");
	OK(ws_check_id_number("340103201009010031", birth, &sex), "ID M");
	CHECK_STR(birth, "2010-09-01", "ID birth date 2010");
	CHECK(sex == 'M', "ID sex M");
	OK(ws_check_id_number("340103195211200017", NULL, &sex),
	    "ID NULL birth");
	CHECK(sex == 'M', "ID sex M (195211200017)");
	OK(ws_check_id_number("340103195211200017", birth, NULL),
	    "ID NULL sex");
	CHECK_STR(birth, "1952-11-20", "ID birth 1952-11-20");

	BADMSG(ws_check_id_number("11010519491231002x", NULL, NULL),
	    "check character must be upper-case X", "ID lower-case x");
	CHECK(has(ws_check_id_number("340103450312002", NULL, NULL),
	    "15-digit"), "ID 15 digits has hint");
	BAD(ws_check_id_number("34010319450312002", NULL, NULL), "ID 17");
	BAD(ws_check_id_number("3401031945031200222", NULL, NULL), "ID 19");
	BAD(ws_check_id_number("", NULL, NULL), "ID empty");
	BAD(ws_check_id_number(NULL, NULL, NULL), "ID NULL");
	BAD(ws_check_id_number("34010319450312002A", NULL, NULL),
	    "ID letter check char");
	BAD(ws_check_id_number("3401031945031200X2", NULL, NULL),
	    "ID X inside");
	CHECK(has(ws_check_id_number("340103194503120023", NULL, NULL),
	    "check character"), "ID wrong check digit");
	/* region first digit 0 and 9 refused (check digits made valid) */
	CHECK(has(ws_check_id_number("040103194503120021", NULL, NULL),
	    "region"), "ID region 0 refused");
	CHECK(has(ws_check_id_number("940103194503120024", NULL, NULL),
	    "region"), "ID region 9 refused");
	/* 2019-02-29 does not exist */
	CHECK(has(ws_check_id_number("340103201902290013", NULL, NULL),
	    "birth date"), "ID birth 2019-02-29 refused");
	/* born 1899-12-31 */
	CHECK(has(ws_check_id_number("340103189912310015", NULL, NULL),
	    "birth date"), "ID birth 1899 refused");
	/* born 2030-06-02, after today */
	CHECK(has(ws_check_id_number("340103203006020014", NULL, NULL),
	    "future"), "ID birth in the future refused");
	/* born on today exactly */
	OK(ws_check_id_number("340103203006010019", NULL, NULL),
	    "ID born today accepted");
}

static void
test_phone(void)
{
	static const char *good[] = { "13912345678", "13012345678",
	    "19912345678", "0551-62345678", "01012345678", "010-12345678",
	    "0551-6234567-801", "05516234567", "0551-6234567", "020-87654321",
	    "0755-12345678-123456", "010-1234567-1", NULL };
	static const char *bad[] = { "12912345678", "1391234567",
	    "139123456789", "23912345678", "+8613912345678", "139 1234 5678",
	    "139-1234-5678", "0012345678", "0551-623456", "0551-623456789",
	    "0551-62345678-", "0551-62345678-1234567", "0551--62345678",
	    "(0551)62345678", "abc", "", "05-12345678", "05512-62345678",
	    NULL };
	char buf[64];
	int i;

	for (i = 0; good[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "phone %s accepted", good[i]);
		OK(ws_check_phone(good[i]), buf);
	}
	for (i = 0; bad[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "phone '%s' refused", bad[i]);
		BAD(ws_check_phone(bad[i]), buf);
	}
	BAD(ws_check_phone(NULL), "phone NULL refused");
	BADMSG(ws_check_phone("12345"), "not a phone number (expected a "
	    "mainland mobile like 13912345678 or a landline like "
	    "0551-62345678)", "phone message");
}

static void
test_credit_code(void)
{
	static const char *good[] = { "11340103MB1234567X",
	    "52340103MJ00123458", "51340100MJ1234561A", "91340100MA2ABCDE1X",
	    "53340103MJ7654321Y", NULL };
	char buf[80];
	int i;

	for (i = 0; good[i] != NULL; i++) {
		snprintf(buf, sizeof buf, "credit code %s accepted", good[i]);
		OK(ws_check_credit_code(good[i]), buf);
		snprintf(buf, sizeof buf,
		    "credit code %s: every 1-char change refused", good[i]);
		CHECK(all_variants_refused(good[i],
		    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxy-",
		    ws_check_credit_code), buf);
	}
	CHECK(has(ws_check_credit_code("91340100ma2abcde1x"), "upper case"),
	    "lower-case credit code refused");
	BAD(ws_check_credit_code("91340100MA2ABCDE1"), "17 chars refused");
	BAD(ws_check_credit_code("91340100MA2ABCDE1XX"), "19 chars refused");
	BAD(ws_check_credit_code(""), "empty credit code refused");
	BAD(ws_check_credit_code(NULL), "NULL credit code refused");
	CHECK(has(ws_check_credit_code("91340100MA2ABIDE1X"), "other than I"),
	    "letter I refused");
	CHECK(has(ws_check_credit_code("11340103MB1234567Y"),
	    "check character"), "wrong check char message");
}

static void
test_code_words(void)
{
	char *s;

	OK(ws_check_code("haitang"), "code haitang");
	OK(ws_check_code("HT-01_a.b"), "code with - _ .");
	OK(ws_check_code("a"), "code 1 char");
	OK(ws_check_code("abcdefghijabcdefghijabcdefghij12"), "code 32 chars");
	BAD(ws_check_code("abcdefghijabcdefghijabcdefghij123"),
	    "code 33 chars refused");
	BAD(ws_check_code(""), "code empty refused");
	BAD(ws_check_code(NULL), "code NULL refused");
	BAD(ws_check_code("a b"), "code space refused");
	BAD(ws_check_code("海棠"), "code CJK refused");
	BAD(ws_check_code("a/b"), "code slash refused");

	CHECK(ws_word_index("high", ws_risks) == 2, "high is risk 2");
	CHECK(ws_word_index("low", ws_risks) == 0, "low is risk 0");
	CHECK(ws_word_index("HIGH", ws_risks) == -1, "case matters");
	CHECK(ws_word_index("", ws_risks) == -1, "empty word");
	CHECK(ws_word_index(NULL, ws_risks) == -1, "NULL word");
	CHECK(ws_word_index("enterprise", ws_org_kinds) == 7,
	    "enterprise is the last org kind");
	CHECK(ws_word_index("F", ws_sexes) == 1, "F is sex 1");
	CHECK(ws_word_index("other", ws_close_reasons) == 5, "close other");
	CHECK(ws_word_index("hardship", ws_base_categories) == 7,
	    "hardship category");
	CHECK(ws_word_index("online", ws_visit_kinds) == 6, "online visit");
	CHECK(ws_word_index("cancelled", ws_visit_statuses) == 2,
	    "cancelled status");
	CHECK(ws_word_index("venture_philanthropy", ws_contract_kinds) == 2,
	    "venture_philanthropy");
	CHECK(ws_word_index("volunteer_hours", ws_measures) == 7,
	    "volunteer_hours measure");

	s = ws_words_join(ws_risks);
	CHECK_STR(s, "low, medium, high", "join risks");
	free(s);
	s = ws_words_join(ws_visit_statuses);
	CHECK_STR(s, "done, no_show, cancelled", "join statuses");
	free(s);
	s = ws_words_join(ws_org_kinds);
	CHECK_STR(s, "street_office, sw_agency, social_group, "
	    "private_non_enterprise, foundation, community_group, "
	    "self_governance, enterprise", "join org kinds");
	free(s);
	s = ws_words_join(ws_close_reasons);
	CHECK_STR(s, "goal_met, moved_away, deceased, refused_service, "
	    "transferred, other", "join close reasons");
	free(s);
	s = ws_words_join(ws_base_categories);
	CHECK_STR(s, "elderly, empty_nest, disabled, child, left_behind_child, "
	    "youth, family, hardship, other", "join categories");
	free(s);
	s = ws_words_join(ws_visit_kinds);
	CHECK_STR(s, "home, phone, office, outreach, escort, mediation, "
	    "online", "join visit kinds");
	free(s);
	s = ws_words_join(ws_contract_kinds);
	CHECK_STR(s, "post, project, venture_philanthropy",
	    "join contract kinds");
	free(s);
	s = ws_words_join(ws_measures);
	CHECK_STR(s, "service_hours, contacts, cases_served, new_cases, "
	    "group_sessions, activities, participants, volunteer_hours",
	    "join measures");
	free(s);
	s = ws_words_join(ws_sexes);
	CHECK_STR(s, "M, F", "join sexes");
	free(s);
	{
		static const char *const none[] = { NULL };

		s = ws_words_join(none);
		CHECK_STR(s, "", "join empty vocabulary");
		free(s);
	}
}

static void
mask_is(const char *in, const char *want, const char *what)
{
	char *s = ws_mask(in);

	CHECK_STR(s, want, what);
	free(s);
}

static void
test_mask(void)
{
	char *s;

	mask_is("340103194503120022", "340103********0022", "mask ID");
	mask_is("11010519491231002X", "110105********002X", "mask ID X");
	mask_is("13912345678", "139****5678", "mask mobile");
	mask_is("0551-62345678", "055******5678", "mask landline");
	mask_is("01012345678", "010****5678", "mask landline no dash");
	mask_is("0551-6234567-801", "055*********-801",
	    "mask landline extension");
	mask_is("张三", "张*", "mask 2-char name");
	mask_is("王小明", "王*明", "mask 3-char name");
	mask_is("欧阳小华", "欧**华", "mask 4-char name");
	mask_is("李", "*", "mask 1-char name");
	mask_is("a", "*", "mask 1 ASCII char");
	mask_is("Smith", "S***h", "mask ASCII name");
	mask_is("", "", "mask empty");
	mask_is("😀x😀", "😀*😀", "mask 4-byte characters kept whole");
	mask_is("é", "*", "mask one 2-byte character");
	mask_is("\xe5\xbc", "\xe5*", "mask truncated UTF-8 by byte");
	CHECK(ws_mask(NULL) == NULL, "mask NULL is NULL");
	s = ws_mask("张三丰");
	CHECK(s != NULL && ws_check_code(s) != NULL && strlen(s) == 7,
	    "mask keeps whole characters (3+1+3 bytes)");
	free(s);
}

int
main(void)
{
	ws_init("test-validate");
	test_dates();
	test_today();
	test_month_time();
	test_durations();
	test_money();
	test_int();
	test_id_number();
	test_phone();
	test_credit_code();
	test_code_words();
	test_mask();
	return DONE();
}
