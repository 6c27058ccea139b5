/*
 * validate.c - checking and converting field values: dates, times,
 * durations, money, ID numbers, phones, credit codes, word lists, masks.
 *
 * Every ws_check_* and ws_parse_* returns NULL when the value is good, else
 * a static message (lower case, no full stop) saying what is wrong and what
 * was expected.  No floating point anywhere: decimals are parsed as
 * integers of hundredths.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* Non-zero when s[0..n) are all ASCII digits. */
static int
alldig(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdig((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Value of n digits at s (n small enough not to overflow). */
static int
num(const char *s, size_t n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(long y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* ------------------------------------------------------------ dates */

const char *
ws_check_date(const char *s)
{
	int y, m, d;

	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected a date YYYY-MM-DD)");
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !alldig(s, 4) || !alldig(s + 5, 2) || !alldig(s + 8, 2))
		return ws_msg("not a date (expected YYYY-MM-DD)");
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1900 || y > 2999)
		return ws_msg("year out of range (expected 1900 to 2999)");
	if (m < 1 || m > 12)
		return ws_msg("no such month (expected 01 to 12)");
	if (d < 1)
		return ws_msg("no such day (expected 01 to the month's last day)");
	if (d > mdays(y, m)) {
		if (m == 2)
			return d == 29 ?
			    "no such day (February has 28 days in that year)" :
			    "no such day (February has at most 29 days)";
		if (d == 31)
			return ws_msg("no such day (that month has 30 days)");
		return ws_msg("no such day (a month has at most 31 days)");
	}
	return NULL;
}

const char *
ws_check_month(const char *s)
{
	int y, m;

	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected a month YYYY-MM)");
	if (strlen(s) != 7 || s[4] != '-' || !alldig(s, 4) ||
	    !alldig(s + 5, 2))
		return ws_msg("not a month (expected YYYY-MM)");
	y = num(s, 4);
	m = num(s + 5, 2);
	if (y < 1900 || y > 2999)
		return ws_msg("year out of range (expected 1900 to 2999)");
	if (m < 1 || m > 12)
		return ws_msg("no such month (expected 01 to 12)");
	return NULL;
}

const char *
ws_check_time(const char *s, int allow24, int *min)
{
	int h, m;

	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected a time HH:MM)");
	if (strlen(s) != 5 || s[2] != ':' || !alldig(s, 2) ||
	    !alldig(s + 3, 2))
		return ws_msg("not a time (expected HH:MM, like 09:30)");
	h = num(s, 2);
	m = num(s + 3, 2);
	if (allow24 && h == 24 && m == 0)
		;
	else if (h > 23)
		return allow24 ? "no such hour (expected 00:00 to 24:00)" :
		    "no such hour (expected 00:00 to 23:59)";
	else if (m > 59)
		return ws_msg("no such minute (expected 00 to 59)");
	if (min != NULL)
		*min = h * 60 + m;
	return NULL;
}

/* ---------------------------------------------------- numbers, money */

enum {
	DEC_OK, DEC_EMPTY, DEC_SYNTAX, DEC_PLACES, DEC_BIG
};

/*
 * Parse an unsigned whole number: one or more digits, nothing else.
 */
static int
parse_uint(const char *s, int64_t *v)
{
	int64_t n = 0;

	if (s == NULL || *s == '\0')
		return DEC_EMPTY;
	if (!alldig(s, strlen(s)))
		return DEC_SYNTAX;
	for (; *s != '\0'; s++) {
		if (n > (INT64_MAX - (*s - '0')) / 10)
			return DEC_BIG;
		n = n * 10 + (*s - '0');
	}
	*v = n;
	return DEC_OK;
}

/*
 * Parse an unsigned decimal "D+" or "D+.D" or "D+.DD" into hundredths.
 * ".5" and "5." are refused (a digit must stand on both sides of the
 * point), as are signs, exponents, spaces and thousands separators.
 */
static int
parse_hundredths(const char *s, int64_t *v)
{
	const char *p;
	int64_t ip = 0;
	int frac = 0, nf = 0;

	if (s == NULL || *s == '\0')
		return DEC_EMPTY;
	for (p = s; isdig((unsigned char)*p); p++)
		;
	if (p == s)
		return DEC_SYNTAX;
	if (*p == '.') {
		const char *f = p + 1;

		while (isdig((unsigned char)f[nf]))
			nf++;
		if (nf == 0 || f[nf] != '\0')
			return DEC_SYNTAX;
		if (nf > 2) {
			/* trailing zeros beyond two places add nothing
			 * but are still refused: the input is suspicious */
			return DEC_PLACES;
		}
		frac = num(f, nf) * (nf == 1 ? 10 : 1);
	} else if (*p != '\0')
		return DEC_SYNTAX;
	for (; s < p; s++) {
		if (ip > (INT64_MAX - (*s - '0')) / 10)
			return DEC_BIG;
		ip = ip * 10 + (*s - '0');
	}
	if (ip > (INT64_MAX - frac) / 100)
		return DEC_BIG;
	*v = ip * 100 + frac;
	return DEC_OK;
}

const char *
ws_parse_minutes(const char *s, int64_t *min)
{
	int64_t v;

	switch (parse_uint(s, &v)) {
	case DEC_EMPTY:
		return ws_msg("empty (expected whole minutes like 90)");
	case DEC_SYNTAX:
		return ws_msg("not a number of minutes (expected whole minutes "
		    "like 90)");
	case DEC_BIG:
		return ws_msg("too large (expected whole minutes like 90)");
	}
	if (min != NULL)
		*min = v;
	return NULL;
}

const char *
ws_parse_hours(const char *s, int64_t *min)
{
	int64_t h;

	switch (parse_hundredths(s, &h)) {
	case DEC_EMPTY:
		return ws_msg("empty (expected hours like 7.5)");
	case DEC_SYNTAX:
		return ws_msg("not a number of hours (expected hours like 7.5)");
	case DEC_PLACES:
		return ws_msg("too many decimals (expected hours with at most two "
		    "decimals, like 7.25)");
	case DEC_BIG:
		return ws_msg("too large (expected hours like 7.5)");
	}
	/* h hundredths of an hour are h * 60 / 100 = h * 3 / 5 minutes */
	if (h % 5 != 0)
		return ws_msg("not a whole number of minutes (expected hours like "
		    "7.5 or 7.25, or give minutes)");
	if (h / 5 > INT64_MAX / 3)
		return ws_msg("too large (expected hours like 7.5)");
	if (min != NULL)
		*min = h / 5 * 3;
	return NULL;
}

const char *
ws_parse_money(const char *s, int allow_neg, int64_t *fen)
{
	int64_t v;
	int neg = 0;

	if (s != NULL && *s == '-') {
		if (!allow_neg)
			return ws_msg("negative amount (expected 0 or more yuan)");
		neg = 1;
		s++;
	}
	switch (parse_hundredths(s, &v)) {
	case DEC_EMPTY:
		return neg ? "not an amount (expected yuan like 1234.56)" :
		    "empty (expected yuan like 1234.56)";
	case DEC_SYNTAX:
		return ws_msg("not an amount (expected yuan like 1234.56, "
		    "no thousands separators)");
	case DEC_PLACES:
		return ws_msg("too many decimals (expected yuan with at most two "
		    "decimals, like 1234.56)");
	case DEC_BIG:
		return ws_msg("too large (expected at most 92233720368547758.07 "
		    "yuan)");
	}
	if (fen != NULL)
		*fen = neg ? -v : v;
	return NULL;
}

void
ws_fen_str(int64_t fen, char out[32])
{
	uint64_t u;

	/* the magnitude in unsigned arithmetic, so INT64_MIN works */
	u = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	snprintf(out, 32, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "",
	    u / 100, (unsigned)(u % 100));
}

const char *
ws_parse_dec2(const char *s, int64_t *hundredths)
{
	int64_t v;

	switch (parse_hundredths(s, &v)) {
	case DEC_EMPTY:
		return ws_msg("empty (expected a number like 30 or 5.5)");
	case DEC_SYNTAX:
		return ws_msg("not a number (expected a number like 30 or 5.5)");
	case DEC_PLACES:
		return ws_msg("too many decimals (expected at most two, like 5.25)");
	case DEC_BIG:
		return ws_msg("too large (expected a number like 30 or 5.5)");
	}
	if (hundredths != NULL)
		*hundredths = v;
	return NULL;
}

/*
 * The out-of-range message names the range, so it is built in a static
 * buffer: it stays valid until the next call (not thread-safe).
 */
const char *
ws_parse_int(const char *s, int64_t lo, int64_t hi, int64_t *v)
{
	static char msg[160];
	int64_t n;

	switch (parse_uint(s, &n)) {
	case DEC_EMPTY:
		return ws_msg("empty (expected a whole number)");
	case DEC_SYNTAX:
		return ws_msg("not a whole number (expected digits only)");
	case DEC_BIG:
		n = -1;		/* beyond int64: out of any range */
		break;
	}
	if (n < 0 || n < lo || n > hi) {
		snprintf(msg, sizeof msg, ws_msg("out of range (expected %"
		    PRId64 " to %" PRId64 ")"), lo, hi);
		return msg;
	}
	if (v != NULL)
		*v = n;
	return NULL;
}

/* ------------------------------------------------- identity numbers */

/* Excel's scientific notation of a long number: 4.40605E+17. */
static int
excel_sci(const char *s)
{
	if (!isdig((unsigned char)*s++))
		return 0;
	if (*s == '.') {
		if (!isdig((unsigned char)*++s))
			return 0;
		while (isdig((unsigned char)*s))
			s++;
	}
	if (*s != 'E' && *s != 'e')
		return 0;
	if (*++s == '+')
		s++;
	if (!isdig((unsigned char)*s))
		return 0;
	while (isdig((unsigned char)*s))
		s++;
	return *s == '\0';
}

const char *
ws_check_id_number(const char *s, char birth[11], char *sex)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	char b[11], today[11];
	size_t n;
	int i, sum;

	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected an 18-character ID number)");
	n = strlen(s);
	if (n == 15 && alldig(s, 15))
		return ws_msg("old 15-digit ID number (expected the 18-character "
		    "number on the current card)");
	if (excel_sci(s))	/* issue 14 */
		return ws_msg("Excel wrote it in scientific notation and lost its "
		    "digits (format the column as text in Excel, then type "
		    "the number again)");
	if (n != 18 || !alldig(s, 17))
		return ws_msg("not an ID number (expected 17 digits and a check "
		    "digit or X)");
	if (s[17] == 'x')
		return ws_msg("check character must be upper-case X");
	if (!isdig((unsigned char)s[17]) && s[17] != 'X')
		return ws_msg("not an ID number (expected 17 digits and a check "
		    "digit or X)");
	if (s[0] < '1' || s[0] > '8')
		return ws_msg("no such region code (expected a first digit 1 to 8)");
	memcpy(b, s + 6, 4);
	b[4] = '-';
	memcpy(b + 5, s + 10, 2);
	b[7] = '-';
	memcpy(b + 8, s + 12, 2);
	b[10] = '\0';
	if (ws_check_date(b) != NULL)
		return ws_msg("no such birth date (expected digits 7-14 to be a "
		    "real date YYYYMMDD from 1900)");
	ws_today(today);
	if (strcmp(b, today) > 0)
		return ws_msg("birth date is in the future (expected a date up to "
		    "today)");
	for (sum = 0, i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	if ("10X98765432"[sum % 11] != s[17] && strcmp(s + 15, "000") == 0)
		return ws_msg("Excel rounded it to 15 digits (it ends in 000; "
		    "format the column as text in Excel, then type the "
		    "number again)");
	if ("10X98765432"[sum % 11] != s[17])
		return ws_msg("wrong check character (a digit is probably mistyped)");
	if (birth != NULL)
		memcpy(birth, b, 11);
	if (sex != NULL)
		*sex = (s[16] - '0') % 2 ? 'M' : 'F';
	return NULL;
}

/* Landline: 0[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})? */
static int
landline(const char *s)
{
	size_t n = strlen(s), a, k, p, r;

	if (n < 10 || s[0] != '0' || s[1] < '1' || s[1] > '9')
		return 0;
	for (a = 3; a <= 4; a++) {		/* area code length */
		if (!alldig(s, a))
			break;
		p = a + (s[a] == '-');
		for (k = 7; k <= 8; k++) {	/* subscriber number */
			if (p + k > n || !alldig(s + p, k))
				continue;
			r = n - (p + k);
			if (r == 0)
				return 1;
			if (s[p + k] == '-' && r >= 2 && r <= 7 &&
			    alldig(s + p + k + 1, r - 1))
				return 1;
		}
	}
	return 0;
}

static int
mobile(const char *s)
{
	return strlen(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
	    alldig(s, 11);
}

const char *
ws_check_phone(const char *s)
{
	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected a mainland mobile like 13912345678 "
		    "or a landline like 0551-62345678)");
	if (mobile(s) || landline(s))
		return NULL;
	return ws_msg("not a phone number (expected a mainland mobile like "
	    "13912345678 or a landline like 0551-62345678)");
}

const char *
ws_check_credit_code(const char *s)
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
	    13, 8, 24, 10, 30, 28 };
	const char *p;
	int i, sum, c;

	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected an 18-character unified social "
		    "credit code)");
	if (strlen(s) != 18)
		return ws_msg("not a credit code (expected 18 characters of digits "
		    "and upper-case letters)");
	for (i = 0; i < 18; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return ws_msg("credit code must be upper case");
	for (sum = 0, i = 0; i < 18; i++) {
		if (s[i] == '\0' || (p = strchr(cs, s[i])) == NULL)
			return ws_msg("not a credit code (expected digits and "
			    "upper-case letters other than I, O, Z, S, V)");
		if (i < 17)
			sum += (int)(p - cs) * w[i];
	}
	c = 31 - sum % 31;
	if (c == 31)
		c = 0;
	if (cs[c] != s[17])
		return ws_msg("wrong check character (a character is probably "
		    "mistyped)");
	return NULL;
}

const char *
ws_check_code(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return ws_msg("empty (expected a code of 1 to 32 letters, digits, "
		    "'_', '.' or '-')");
	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_.-");
	if (s[n] != '\0')
		return ws_msg("not a code (expected letters, digits, '_', '.' or '-')");
	if (n > 32)
		return ws_msg("too long (expected a code of at most 32 characters)");
	return NULL;
}

/* ------------------------------------------------------ vocabularies */

int
ws_word_index(const char *s, const char *const *words)
{
	int i;

	if (s == NULL || words == NULL)
		return -1;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

char *
ws_words_join(const char *const *words)
{
	ws_buf b = { 0 };
	size_t i;

	for (i = 0; words != NULL && words[i] != NULL; i++) {
		if (i > 0)
			ws_buf_adds(&b, ", ");
		ws_buf_adds(&b, words[i]);
	}
	if (b.s == NULL)
		return ws_strdup("");
	return b.s;
}

/* --------------------------------------------------------- masking */

/* Length of the UTF-8 character at s (1 for a byte that does not start a
 * well-formed sequence, so nothing is ever cut inside one). */
static size_t
u8len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 1;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Keep the first keep1 and last keep2 bytes of an ASCII string, '*' in
 * between. */
static char *
mask_ascii(const char *s, size_t keep1, size_t keep2)
{
	size_t n = strlen(s);
	char *r = ws_strdup(s);

	memset(r + keep1, '*', n - keep1 - keep2);
	return r;
}

/*
 * An ID number (18 characters, 17 digits then a digit or X/x) keeps its
 * first 6 and last 4; a phone (as ws_check_phone accepts) its first 3 and
 * last 4, length kept.  Anything else (names) is masked by UTF-8
 * character: one character becomes "*", two keep the first ("张*"), more
 * keep the first and last with one '*' per character between ("欧**华").
 * The empty string stays empty.
 */
char *
ws_mask(const char *s)
{
	const unsigned char *p;
	size_t n, len, first, last, i;
	ws_buf b = { 0 };

	if (s == NULL)
		return NULL;
	len = strlen(s);
	if (len == 18 && alldig(s, 17) &&
	    (isdig((unsigned char)s[17]) || s[17] == 'X' || s[17] == 'x'))
		return mask_ascii(s, 6, 4);
	if (ws_check_phone(s) == NULL)
		return mask_ascii(s, 3, 4);
	if (len == 0)
		return ws_strdup("");
	p = (const unsigned char *)s;
	n = 0;
	first = last = 0;
	for (i = 0; i < len; i += last) {
		last = u8len(p + i);
		if (n++ == 0)
			first = last;
	}
	if (n == 1)
		return ws_strdup("*");
	ws_buf_add(&b, s, first);
	if (n == 2) {
		ws_buf_addc(&b, '*');
		return b.s;
	}
	for (i = 0; i < n - 2; i++)
		ws_buf_addc(&b, '*');
	ws_buf_add(&b, s + len - last, last);
	return b.s;
}

const char *
ws_parse_bool(const char *s, int yaml, int *v)
{
	static const char *const yes[] = { "true", "yes", "1", NULL };
	static const char *const no[] = { "false", "no", "0", NULL };
	int y = ws_word_index(s, yes), n = ws_word_index(s, no), b;

	if (yaml && (y > 0 || n > 0))
		y = n = -1;
	if (y < 0 && n < 0)
		return yaml ? "not a yes/no value (expected true or false)" :
		    "not yes or no (expected yes, no, true, false, 1 or 0)";
	b = y >= 0;
	if (v != NULL)
		*v = b;
	return NULL;
}
