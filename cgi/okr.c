/* okr.c: scores, bands, dates, names and rules of the OKR method (see okr.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "okr.h"

const char *const okr_level_names[LEVEL__MAX] = {
	"company", "department", "team", "personal" };
const char *const okr_role_names[ROLE__MAX] = { "member", "lead", "admin" };
const char *const okr_cstate_names[CYCLE__MAX] = {
	"planning", "active", "review", "closed" };
const char *const okr_ostate_names[OBJ__MAX] = {
	"draft", "active", "agreed", "archived" };
const char *const okr_kind_names[KR__MAX] = { "numeric", "percent", "milestone" };
const char *const okr_dir_names[DIR__MAX] = { "increase", "decrease" };
const char *const okr_krstate_names[KRS__MAX] = {
	"active", "proposed", "agreed", "rejected", "dropped" };
const char *const okr_band_names[BAND__MAX] = { "red", "yellow", "green" };

int
okr_kr_live(int krstate)
{
	return krstate != KRS_REJECTED && krstate != KRS_DROPPED;
}

int
okr_listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; n > 0 && p != NULL && (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

int
okr_lookup(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static double
clamp01(double v)
{
	if (isnan(v) || v < 0)
		return 0;
	return v > 1 ? 1 : v;
}

double
okr_kr_score(int kind, int dir, double start, double target, double current)
{
	if (kind == KR_MILESTONE)
		return current >= 1 ? 1 : 0;
	if (!isfinite(start) || !isfinite(target) || !isfinite(current))
		return 0;
	if (target == start) {
		/* Nothing to travel: reached or not, in the KR's direction. */
		if (dir == DIR_DECREASE)
			return current <= target ? 1 : 0;
		return current >= target ? 1 : 0;
	}
	/* The sign of (target - start) carries the direction, so a
	 * "reduce from 4 h to 1 h" KR needs no special case. */
	return clamp01((current - start) / (target - start));
}

double
okr_final_score(double score, double grade)
{
	return grade >= 0 && grade <= 1 ? grade : score;
}

double
okr_grade_proposal(double score)
{
	return floor(clamp01(score) * 10 + 0.5) / 10;
}

double
okr_weighted_score(const double *scores, const double *weights, size_t n)
{
	double sum = 0, wsum = 0, plain = 0;
	size_t i;
	int usable = 1;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		plain += clamp01(scores[i]);
		if (weights == NULL || isnan(weights[i]) || weights[i] < 0 ||
		    isinf(weights[i]))
			usable = 0;
		else {
			sum += clamp01(scores[i]) * weights[i];
			wsum += weights[i];
		}
	}
	if (!usable || wsum <= 0)
		return plain / (double)n;
	return clamp01(sum / wsum);
}

int
okr_pct(double score)
{
	return (int)lround(clamp01(score) * 100);
}

enum band
okr_band(double score)
{
	int pct = okr_pct(score);

	if (pct < 40)
		return BAND_RED;
	return pct < 70 ? BAND_YELLOW : BAND_GREEN;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int32_t
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
okr_date_parse(const char *s, int32_t *day)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}

int
okr_time_parse(const char *s, int64_t *t)
{
	char date[11];
	int32_t day;
	int h, m, sec;

	if (s == NULL || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z' ||
	    strspn(s + 11, "0123456789") != 2 || strspn(s + 14, "0123456789") != 2 ||
	    strspn(s + 17, "0123456789") != 2)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	h = (s[11] - '0') * 10 + s[12] - '0';
	m = (s[14] - '0') * 10 + s[15] - '0';
	sec = (s[17] - '0') * 10 + s[18] - '0';
	/* No leap second: a feed's times are the store's, which has none. */
	if (okr_date_parse(date, &day) == -1 || h > 23 || m > 59 || sec > 59)
		return -1;
	*t = (int64_t)day * 86400 + h * 3600 + m * 60 + sec;
	return 0;
}

/* strftime of t into buf, or "" when the year does not fit in four
 * digits (a damaged or hostile record must not leave buf unterminated). */
static void
format_utc(int64_t t, char *buf, size_t size, const char *fmt)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0 || strftime(buf, size, fmt, &tm) == 0)
		buf[0] = '\0';
}

void
okr_date_format(int32_t day, char buf[11])
{
	format_utc((int64_t)day * 86400, buf, 11, "%Y-%m-%d");
}

void
okr_time_format(int64_t t, char buf[21])
{
	format_utc(t, buf, 21, "%Y-%m-%dT%H:%M:%SZ");
}

int64_t
okr_now(void)
{
#ifdef MUBIAO_TEST
	/* MUBIAO_NOW=YYYY-MM-DDTHH:MM:SSZ stops the test builds' clock there,
	 * so that a test can stand at a day's or a week's edge. */
	const char *fixed = getenv("MUBIAO_NOW");
	char buf[32];
	int64_t t;
	FILE *f;

	/* "@FILE": the instant that file holds, read each time, so that a
	 * test can move the clock of a running stack (the reminders). */
	if (fixed != NULL && fixed[0] == '@' && (f = fopen(fixed + 1, "r")) != NULL) {
		buf[0] = '\0';
		if (fgets(buf, sizeof(buf), f) != NULL)
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
		fixed = buf;
	}
	if (fixed != NULL && okr_time_parse(fixed, &t) == 0)
		return t;
#endif
	return (int64_t)time(NULL);
}

/* t in the program's zone (TZ, set from the timezone setting), or -1
 * when the C library cannot place it. */
static int
local_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	return localtime_r(&tt, tm) == NULL || tm->tm_year + 1900 > 9999 ||
	    tm->tm_year + 1900 < 0 ? -1 : 0;
}

int32_t
okr_day_of(int64_t t)
{
	struct tm tm;

	if (local_tm(t, &tm) == -1)
		return (int32_t)(t / 86400);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int64_t
okr_day_start(int32_t day)
{
	return okr_local_at(day, 0);
}

int64_t
okr_local_at(int32_t day, int minute)
{
	char buf[11];
	struct tm tm;
	time_t t;

	okr_date_format(day, buf);
	memset(&tm, 0, sizeof(tm));
	if (buf[0] == '\0' || sscanf(buf, "%d-%d-%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday) != 3)
		return (int64_t)day * 86400 + minute * 60;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	/* A zone whose clocks skip midnight starts the day at the first
	 * minute that exists, which mktime gives by normalising. */
	if ((t = mktime(&tm)) == (time_t)-1)
		return (int64_t)day * 86400 + minute * 60;
	return (int64_t)t;
}

void
okr_local_format(int64_t t, char buf[17], char zone[10])
{
	struct tm tm;
	long off, h, m;

	buf[0] = zone[0] = '\0';
	if (local_tm(t, &tm) == -1 || strftime(buf, 17, "%Y-%m-%d %H:%M", &tm) == 0) {
		buf[0] = '\0';
		return;
	}
	/* The offset, not the abbreviation: "CST" is China's and America's. */
	off = tm.tm_gmtoff;
	h = labs(off) / 3600;
	m = labs(off) % 3600 / 60;
	if (off == 0)
		strcpy(zone, "UTC");
	else if (m == 0)
		snprintf(zone, 10, "UTC%c%ld", off < 0 ? '-' : '+', h % 100);
	else
		snprintf(zone, 10, "UTC%c%ld:%02ld", off < 0 ? '-' : '+', h % 100, m);
}

int32_t
okr_today(void)
{
	return okr_day_of(okr_now());
}

int32_t
okr_monday(int32_t day)
{
	/* 1970-01-05, day 4, was a Monday. */
	return day - ((day - 4) % 7 + 7) % 7;
}

void
okr_num_format(double v, char buf[32])
{
	double x, r;
	char *p;

	if (!isfinite(v))
		v = 0;
	/* Beyond 1e15, %.4f would not fit: such numbers get an exponent. */
	if (fabs(v) > 1e15) {
		snprintf(buf, 32, "%.10g", v);
		return;
	}
	/* Most numbers are a whole number of ten-thousandths, give or take a
	 * rounding error: written from that integer, as %.4f would write
	 * them, for a tenth of snprintf's cost (a home page formats a
	 * thousand numbers).  Others, near a half, take snprintf. */
	x = v * 10000;
	r = nearbyint(x);
	if (fabs(v) < 1e11 && fabs(x - r) < 1e-6) {
		long long n = (long long)r;
		unsigned long long u = n < 0 ? -(unsigned long long)n : (unsigned long long)n;
		char tmp[32], *q = tmp + sizeof(tmp);
		int i;

		*--q = '\0';
		for (i = 0; i < 4; i++, u /= 10)
			*--q = (char)('0' + u % 10);
		*--q = '.';
		do
			*--q = (char)('0' + u % 10);
		while ((u /= 10) > 0);
		if (n < 0)
			*--q = '-';
		strcpy(buf, q);
	} else
		snprintf(buf, 32, "%.4f", v);
	/* Trim trailing zeros and a bare point: 58.0000 -> 58. */
	p = buf + strlen(buf) - 1;
	while (p > buf && *p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

/* Whether word (lower case) is one of words. */
static int
is_word(const char *word, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(word, *words) == 0)
			return 1;
	return 0;
}

/* Whether the UTF-8 character before p (s is the string's start) is one
 * of the characters in set (each three bytes) or an ASCII digit. */
static int
after_any(const char *s, const char *p, const char *set)
{
	size_t i;

	if (p > s && p[-1] >= '0' && p[-1] <= '9')
		return 1;
	if (p - s < 3)
		return 0;
	for (i = 0; set[i] != '\0'; i += 3)
		if (memcmp(p - 3, set + i, 3) == 0)
			return 1;
	return 0;
}

/* A Chinese date word: 月, 日 or 号 after a numeral (11月, 十二月, 3号),
 * 月 after 本/下/上/每/次/这 or before 底/初/中; not 日活 or 账号. */
static int
zh_time(const char *t)
{
	static const char numerals[] = "一二三四五六七八九十两";
	static const char *const always[] = { "季度", "年", "周", "星期", "之前",
	    "以前", "截止", "每日", "当日", NULL };
	const char *p;
	size_t i;

	for (i = 0; always[i] != NULL; i++)
		if (strstr(t, always[i]) != NULL)
			return 1;
	for (p = t; (p = strstr(p, "月")) != NULL; p += 3)
		if (after_any(t, p, numerals) || after_any(t, p, "本下上每次这") ||
		    strncmp(p + 3, "底", 3) == 0 || strncmp(p + 3, "初", 3) == 0 ||
		    strncmp(p + 3, "中", 3) == 0)
			return 1;
	for (p = t; (p = strstr(p, "日")) != NULL; p += 3)
		if (after_any(t, p, numerals))
			return 1;
	for (p = t; (p = strstr(p, "号")) != NULL; p += 3)
		if (after_any(t, p, numerals))
			return 1;
	return 0;
}

int
okr_kr_hints(const char *t)
{
	/* Whole English words only: "market" names no month, "everyone" no
	 * number. */
	static const char *const numbers[] = { "one", "two", "three", "four",
	    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	    "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
	    "million", "billion", "double", "triple", "twice", "half", "dozen",
	    NULL };
	static const char *const times[] = { "jan", "january", "feb",
	    "february", "mar", "march", "apr", "april", "may", "jun", "june",
	    "jul", "july", "aug", "august", "sep", "sept", "september", "oct",
	    "october", "nov", "november", "dec", "december", "q1", "q2", "q3",
	    "q4", "h1", "h2", "week", "weeks", "weekly", "month", "months",
	    "monthly", "quarter", "quarters", "quarterly", "year", "years",
	    "yearly", "annual", "annually", "day", "days", "daily", "today",
	    "before", "until", "deadline", "summer", "winter", "spring",
	    "autumn", NULL };
	static const char zh_numbers[] = "一二三四五六七八九十百千万亿两半倍";
	char word[32];
	const char *p;
	size_t n, i;
	int number = 0, time = 0;

	if (t == NULL)
		return HINT_NUMBER | HINT_DATE;
	for (p = t; *p != '\0'; p += n ? n : 1) {
		n = 0;
		while (isalnum((unsigned char)p[n]) && !(p[n] & 0x80))
			n++;
		if (n == 0)
			continue;
		for (i = 0; i < n && i < sizeof(word) - 1; i++)
			word[i] = (char)tolower((unsigned char)p[i]);
		word[i] = '\0';
		if (strpbrk(word, "0123456789") != NULL)
			number = 1;
		if (is_word(word, numbers))
			number = 1;
		if (is_word(word, times))
			time = 1;
		/* 12/31, 2026-12-31 */
		if (isdigit((unsigned char)p[n - 1]) && (p[n] == '/' || p[n] == '-') &&
		    isdigit((unsigned char)p[n + 1]))
			time = 1;
	}
	for (i = 0; zh_numbers[i] != '\0'; i += 3)
		if (memmem(t, strlen(t), zh_numbers + i, 3) != NULL)
			number = 1;
	if (zh_time(t))
		time = 1;
	return (number ? 0 : HINT_NUMBER) | (time ? 0 : HINT_DATE);
}

size_t
okr_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int
okr_text_ok(const char *s, size_t max, int multiline)
{
	const unsigned char *p;

	if (s == NULL)
		return 1;
	/* C0 controls, DEL, and C1 controls (U+0080 to U+009F). */
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' ||
		    *p == '\t'))) || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 &&
		    p[1] < 0xa0))
			return 0;
	return okr_utf8_len(s) <= max;
}

/* Whether s is 1 to max characters of the set. */
static int
spelled(const char *s, size_t max, const char *set)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 1 && n <= max && strspn(s, set) == n;
}

int
okr_cycle_name_ok(const char *s)
{
	return spelled(s, OKR_MAX_CYCLE, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-");
}

int
okr_quarter(const char *name, int32_t day, char buf[16], int32_t *start,
    int32_t *end)
{
	char d[11];
	int y, q;

	if (name != NULL) {
		if (strlen(name) != 7 || name[4] != '-' || name[5] != 'Q' ||
		    name[6] < '1' || name[6] > '4' || strspn(name, "0123456789") != 4)
			return -1;
		y = atoi(name);
		q = name[6] - '1';
	} else {
		okr_date_format(day, d);
		y = atoi(d);
		q = (atoi(d + 5) - 1) / 3;
	}
	if (y < 1970 || y > 9998)
		return -1;
	snprintf(buf, 16, "%04u-Q%c", (unsigned)y % 10000u, (char)('1' + q));
	*start = days_from_civil(y, 3 * q + 1, 1);
	*end = days_from_civil(q == 3 ? y + 1 : y, q == 3 ? 1 : 3 * q + 4, 1) - 1;
	return 0;
}

int
okr_cycle_takes_objectives(enum cstate s)
{
	return s == CYCLE_PLANNING || s == CYCLE_ACTIVE;
}

int
okr_cycles_overlap(int32_t as, int32_t ae, int32_t bs, int32_t be)
{
	return as <= be && bs <= ae && !(as == bs && ae == be);
}

int
okr_login_ok(const char *s)
{
	return spelled(s, OKR_MAX_LOGIN, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._@-");
}

int
okr_email_ok(const char *s)
{
	const char *at = s != NULL ? strchr(s, '@') : NULL, *p;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strlen(s) > OKR_MAX_EMAIL || at[1] == '\0' || at[1] == '.')
		return 0;
	for (p = s; p < at; p++)
		if (*p <= ' ' || *p > '~' || strchr("\"(),:;<>[\\]", *p) != NULL)
			return 0;
	p = at + 1;
	return strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-.") == strlen(p) && p[strlen(p) - 1] != '.' &&
	    strstr(p, "..") == NULL;
}

int
okr_bot_url_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0, i, skip;

	if (n > OKR_MAX_URL)
		return 0;
	if (n > 7 && strncmp(s, "http://", 7) == 0)
		skip = 7;
	else if (n > 8 && strncmp(s, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	if (s[skip] == '/' || s[skip] == '?' || s[skip] == '#')
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~' || strchr("\"<>\\^`{|}", s[i]) != NULL)
			return 0;
	return 1;
}

static const char *const week_days[7] = { "mon", "tue", "wed", "thu", "fri",
	"sat", "sun" };

int
okr_week_time_parse(const char *s, int32_t *minute)
{
	int d, h, m;

	if (s == NULL || strlen(s) != 9 || s[3] != ' ' || s[6] != ':' ||
	    !isdigit((unsigned char)s[4]) || !isdigit((unsigned char)s[5]) ||
	    !isdigit((unsigned char)s[7]) || !isdigit((unsigned char)s[8]))
		return -1;
	for (d = 0; d < 7 && strncasecmp(s, week_days[d], 3) != 0; d++)
		;
	h = (s[4] - '0') * 10 + s[5] - '0';
	m = (s[7] - '0') * 10 + s[8] - '0';
	if (d == 7 || h > 23 || m > 59)
		return -1;
	*minute = (d * 24 + h) * 60 + m;
	return 0;
}

void
okr_week_time_format(int32_t minute, char buf[10])
{
	if (minute < 0 || minute >= 7 * 24 * 60)
		minute = 0;
	snprintf(buf, 10, "%s %02d:%02d", week_days[minute / 1440],
	    (int)(minute / 60 % 24), (int)(minute % 60));
}

int
okr_number_ok(double v, double min, double max)
{
	return isfinite(v) && v >= min && v <= max;
}

int
okr_unit_walk(uint32_t unit, int (*step)(void *, uint32_t, uint32_t *),
    void *arg, uint32_t *top)
{
	uint32_t parent;
	int depth, rc;

	for (depth = 0; depth < OKR_MAX_DEPTH; depth++) {
		if ((rc = step(arg, unit, &parent)) != 0)
			return rc;
		if (parent == 0) {
			if (top != NULL)
				*top = unit;
			return 0;
		}
		unit = parent;
	}
	return -1;
}

/* okr_unit_walk()'s step for okr_unit_within(): the caller's parent_of,
 * stopping at top. */
struct within {
	okr_parent_fn	 parent_of;
	void		*arg;
	uint32_t	 top;
};

static int
within_step(void *arg, uint32_t id, uint32_t *parent)
{
	struct within *w = arg;

	if (w->parent_of(w->arg, id, parent) != 0)
		return -1;
	return id == w->top;
}

int
okr_unit_within(uint32_t unit, uint32_t top, okr_parent_fn parent_of, void *arg)
{
	struct within w = { parent_of, arg, top };

	if (unit == 0 || top == 0)
		return 0;
	return okr_unit_walk(unit, within_step, &w, NULL);
}

int
okr_consensus_scope(const struct okr_reach *m, const struct okr_objref *o)
{
	return o->unit == m->unit && o->cycle == m->cycle &&
	    o->level != LEVEL_PERSONAL && o->state == OBJ_DRAFT;
}

int
okr_scored(int ostate, int cstate)
{
	return ostate != OBJ_DRAFT && cstate != CYCLE_PLANNING;
}

int
okr_consensus_level(int level)
{
	return level == LEVEL_COMPANY || level == LEVEL_DEPARTMENT;
}

int
okr_grow_scope(const struct okr_reach *m, const struct okr_objref *o)
{
	return o->unit == m->unit && o->cycle == m->cycle &&
	    o->level != LEVEL_PERSONAL && o->state != OBJ_ARCHIVED;
}

int
okr_grade_scope(const struct okr_reach *m, const struct okr_objref *o,
    okr_parent_fn parent_of, void *arg)
{
	return o->cycle == m->cycle &&
	    okr_unit_within(o->unit, m->unit, parent_of, arg) == 1;
}

int
okr_grade_ok(double grade)
{
	return grade >= 0 && grade <= 1 &&
	    fabs(grade * 10 - floor(grade * 10 + 0.5)) <= 1e-9;
}

int
okr_grade_needs_reason(double grade, double proposed)
{
	return fabs(grade - proposed) > 1e-9;
}

void
okr_tally_init(struct okr_tally *t, int said)
{
	t->said = said;
	t->open = said == SAID_NONE;
	t->agreed = 0;
}

int
okr_tally_kr(struct okr_tally *t, int krstate, int said)
{
	if (krstate != KRS_PROPOSED) {
		t->agreed += okr_kr_live(krstate) != 0;
		return SAID_NONE;
	}
	if (t->said == SAID_REJECT)
		return SAID_REJECT;
	t->open += said == SAID_NONE;
	t->agreed += said == SAID_KEEP;
	return said;
}

int
okr_tally_lacking(const struct okr_tally *t)
{
	return t->said != SAID_REJECT && t->agreed < OKR_MIN_AGREED;
}

int
okr_tally_ready(const struct okr_tally *t)
{
	return t->open == 0 && !okr_tally_lacking(t);
}

int
okr_consensus_ostate(int said)
{
	return said == SAID_REJECT ? OBJ_ARCHIVED : OBJ_AGREED;
}

int
okr_consensus_krstate(int said_objective, int said_kr)
{
	return said_objective == SAID_REJECT || said_kr == SAID_REJECT ?
	    KRS_REJECTED : KRS_AGREED;
}
