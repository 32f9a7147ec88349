/* okr.c: scores, bands, dates and names of the OKR method (see okr.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
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
const char *const okr_band_names[BAND__MAX] = { "red", "yellow", "green" };

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

int32_t
okr_today(void)
{
	return (int32_t)(time(NULL) / 86400);
}

void
okr_num_format(double v, char buf[32])
{
	char *p;

	if (!isfinite(v))
		v = 0;
	/* Beyond 1e15, %.4f would not fit: such numbers get an exponent. */
	if (fabs(v) > 1e15) {
		snprintf(buf, 32, "%.10g", v);
		return;
	}
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

/* Whether s contains any of the words (case-insensitive for ASCII). */
static int
has_any(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcasestr(s, *words) != NULL)
			return 1;
	return 0;
}

int
okr_kr_hints(const char *t)
{
	/* Chinese numerals count as numbers; month names, quarters, weeks,
	 * deadlines and written dates count as times. */
	static const char *const numbers[] = { "0", "1", "2", "3", "4", "5",
	    "6", "7", "8", "9", "一", "二", "三", "四", "五", "六", "七", "八",
	    "九", "十", "百", "千", "万", "亿", "两", "半", "倍", "double",
	    "triple", "half", "one ", "two ", "three ", "ten ", "hundred",
	    "thousand", "million", NULL };
	static const char *const times[] = { "月", "日", "号", "周", "季度",
	    "年", "之前", "以前", "Q1", "Q2", "Q3", "Q4", "year",
	    "jan", "feb", "mar", "apr", "may ", "jun", "jul", "aug", "sep",
	    "oct", "nov", "dec", "week", "month", "quarter", "by ", "before ",
	    "until ", "end of", "deadline", "daily", "weekly", "monthly", NULL };
	int hints = 0;

	if (t == NULL)
		return HINT_NUMBER | HINT_DATE;
	if (!has_any(t, numbers))
		hints |= HINT_NUMBER;
	if (!has_any(t, times) && !(strchr(t, '/') != NULL && strpbrk(t, "0123456789")))
		hints |= HINT_DATE;
	return hints;
}
