/* test-okr.c: scores, bands, dates and number formatting (cgi/okr.c), the
 * rules of records (okr.c, store_rec_check()) and of meetings (okr.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <regex.h>
#include <cmocka.h>

#include "okr.h"
#include "store.h"

#define assert_near(a, b)	assert_true(fabs((a) - (b)) < 1e-9)
#define SCORE(k, d, s, t, c)	okr_kr_score(KR_##k, DIR_##d, s, t, c)

/* Numeric increase: the share of the way from start to target. */
static void
score_increase(void **state)
{
	(void)state;
	assert_near(SCORE(NUMERIC, INCREASE, 0, 100, 58), 0.58);
	assert_near(SCORE(PERCENT, INCREASE, 20, 70, 45), 0.5);
	assert_near(SCORE(NUMERIC, INCREASE, 0, 100, 0), 0);
	assert_near(SCORE(NUMERIC, INCREASE, 0, 100, 100), 1);
}

/* Decrease: "reduce from 4 h to 1 h", at 2 h two thirds of the way. */
static void
score_decrease(void **state)
{
	(void)state;
	assert_near(SCORE(NUMERIC, DECREASE, 4, 1, 2), 2.0 / 3);
	assert_near(SCORE(NUMERIC, DECREASE, 4, 1, 4), 0);
	assert_near(SCORE(NUMERIC, DECREASE, 4, 1, 1), 1);
}

/* start == target: 1 once reached in the KR's direction, else 0. */
static void
score_start_equals_target(void **state)
{
	(void)state;
	assert_near(SCORE(NUMERIC, INCREASE, 5, 5, 5), 1);
	assert_near(SCORE(NUMERIC, INCREASE, 5, 5, 6), 1);
	assert_near(SCORE(NUMERIC, INCREASE, 5, 5, 4.9), 0);
	assert_near(SCORE(NUMERIC, DECREASE, 5, 5, 5), 1);
	assert_near(SCORE(NUMERIC, DECREASE, 5, 5, 4), 1);
	assert_near(SCORE(NUMERIC, DECREASE, 5, 5, 5.1), 0);
}

/* Beyond the target clamps to 1, behind the start clamps to 0. */
static void
score_clamps(void **state)
{
	(void)state;
	assert_near(SCORE(NUMERIC, INCREASE, 0, 100, 250), 1);
	assert_near(SCORE(NUMERIC, INCREASE, 10, 100, -5), 0);
	assert_near(SCORE(NUMERIC, DECREASE, 4, 1, 0), 1);
	assert_near(SCORE(NUMERIC, DECREASE, 4, 1, 9), 0);
}

/* NaN or infinite start, target or current scores 0, never NaN. */
static void
score_nonfinite(void **state)
{
	(void)state;
	assert_near(SCORE(NUMERIC, INCREASE, NAN, 100, 50), 0);
	assert_near(SCORE(NUMERIC, INCREASE, 0, NAN, 50), 0);
	assert_near(SCORE(NUMERIC, INCREASE, 0, 100, NAN), 0);
	assert_near(SCORE(NUMERIC, INCREASE, 0, INFINITY, 50), 0);
	assert_near(SCORE(NUMERIC, INCREASE, -INFINITY, 100, 50), 0);
	assert_near(SCORE(PERCENT, INCREASE, 0, 100, INFINITY), 0);
	assert_near(SCORE(NUMERIC, INCREASE, 5, 5, INFINITY), 0);
	assert_near(SCORE(MILESTONE, INCREASE, 0, 1, NAN), 0);
}

/* A milestone is 1 when done (current >= 1), else 0; 0.5 is not done. */
static void
score_milestone(void **state)
{
	(void)state;
	assert_near(SCORE(MILESTONE, INCREASE, 0, 1, 0), 0);
	assert_near(SCORE(MILESTONE, INCREASE, 0, 1, 1), 1);
	assert_near(SCORE(MILESTONE, INCREASE, 0, 1, 0.5), 0);
}

/* Weighted mean; zero-sum or negative weights fall back to the plain mean. */
static void
weighted_score(void **state)
{
	const double s[] = { 1.0, 0.4 };
	const double w21[] = { 2, 1 }, w00[] = { 0, 0 }, wneg[] = { 3, -1 };
	const double wnan[] = { NAN, 1 };

	(void)state;
	assert_near(okr_weighted_score(s, w21, 2), 0.8);
	assert_near(okr_weighted_score(s, w00, 2), 0.7);
	assert_near(okr_weighted_score(s, wneg, 2), 0.7);
	assert_near(okr_weighted_score(s, wnan, 2), 0.7);
	assert_near(okr_weighted_score(s, NULL, 2), 0.7);
	assert_near(okr_weighted_score(s, w21, 0), 0);
	assert_near(okr_weighted_score(NULL, NULL, 0), 0);
}

/* okr_pct rounds half away from zero and clamps to 0..100. */
static void
pct_rounding(void **state)
{
	(void)state;
	assert_int_equal(okr_pct(0.58), 58);
	assert_int_equal(okr_pct(0.584), 58);
	assert_int_equal(okr_pct(0.586), 59);
	assert_int_equal(okr_pct(0.125), 13);
	assert_int_equal(okr_pct(1), 100);
	assert_int_equal(okr_pct(1.7), 100);
	assert_int_equal(okr_pct(-0.3), 0);
	assert_int_equal(okr_pct(NAN), 0);
}

/* Bands on the shown value: red < 40, yellow < 70, green from 70. */
static void
band_thresholds(void **state)
{
	(void)state;
	assert_int_equal(okr_band(0), BAND_RED);
	assert_int_equal(okr_band(0.39), BAND_RED);
	assert_int_equal(okr_band(0.40), BAND_YELLOW);
	assert_int_equal(okr_band(0.69), BAND_YELLOW);
	assert_int_equal(okr_band(0.695), BAND_GREEN);	/* shown as 70 */
	assert_int_equal(okr_band(0.70), BAND_GREEN);
	assert_int_equal(okr_band(1), BAND_GREEN);
}

/* Strict "YYYY-MM-DD": real calendar dates only, nothing more or less. */
static void
date_parse(void **state)
{
	static const char *const bad[] = { "2026-02-29", "2026-13-01",
	    "2026-04-31", "2026-00-10", "2026-01-00", "2026-1-01", "",
	    "2026-01-01x", "2026-01-01 ", "2026/01/01", "20a6-01-01",
	    "1969-12-31", "2100-02-29" };
	int32_t d = -1;
	size_t i;

	(void)state;
	assert_int_equal(okr_date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(okr_date_parse("2000-03-01", &d), 0);
	assert_int_equal(d, 11017);
	assert_int_equal(okr_date_parse("2024-02-29", &d), 0);
	assert_int_equal(d, 19782);
	assert_int_equal(okr_date_parse("2000-02-29", &d), 0);
	assert_int_equal(okr_date_parse("2026-12-31", &d), 0);
	assert_int_equal(d, 20818);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = 12345;
		if (okr_date_parse(bad[i], &d) != -1 || d != 12345)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(okr_date_parse(NULL, &d), -1);
}

/* A time is a real date and a real time of day, in the one shape feeds
 * write; anything else is refused and *t is left alone. */
static void
time_parse(void **state)
{
	static const char *const bad[] = { "2026-02-30T00:00:00Z",
	    "2026-11-28T23:59:61Z", "2026-11-28T23:59:60Z", "2026-11-28T24:00:00Z",
	    "2026-11-28T23:60:00Z", "2026-11-28T05:00:00", "2026-11-28 05:00:00Z",
	    "2026-11-28T5:00:00Z", "2026-11-28T05:00:00Zx", "2026-11-28T0a:00:00Z",
	    "1969-12-31T23:59:59Z", "" };
	static const struct { const char *in; int64_t want; } good[] = {
		{ "1970-01-01T00:00:00Z", 0 }, { "2026-11-28T05:00:00Z", 1795842000 },
		{ "2024-02-29T23:59:59Z", 19782LL * 86400 + 86399 },
	};
	int64_t t = -1;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (okr_time_parse(good[i].in, &t) != 0 || t != good[i].want)
			fail_msg("\"%s\": %lld", good[i].in, (long long)t);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = 12345;
		if (okr_time_parse(bad[i], &t) != -1 || t != 12345)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(okr_time_parse(NULL, &t), -1);
}

/* Formatting a day and parsing it back gives the same day. */
/* A calendar quarter by name or by a day in it: "2027-Q1" and no
 * spelling like it but YYYY-Qn. */
static void
quarter(void **state)
{
	static const char *const bad[] = { "2027-Q0", "2027-Q5", "2027-q1",
	    "2027Q1", "27-Q1", "2027-Q1 ", "1969-Q4", "abcd-Q1", "", "2027-Q12" };
	char name[16];
	int32_t s = -1, e = -1, d;
	size_t i;

	(void)state;
	assert_int_equal(okr_quarter("2027-Q1", 0, name, &s, &e), 0);
	assert_string_equal(name, "2027-Q1");
	okr_date_parse("2027-01-01", &d);
	assert_int_equal(s, d);
	okr_date_parse("2027-03-31", &d);
	assert_int_equal(e, d);
	assert_int_equal(okr_quarter("2026-Q4", 0, name, &s, &e), 0);
	okr_date_parse("2026-12-31", &d);
	assert_int_equal(e, d);
	/* By day: the quarter holding it, its last day included. */
	assert_int_equal(okr_quarter(NULL, d, name, &s, &e), 0);
	assert_string_equal(name, "2026-Q4");
	okr_date_parse("2026-10-01", &d);
	assert_int_equal(s, d);
	okr_date_parse("2026-09-30", &d);
	assert_int_equal(okr_quarter(NULL, d, name, &s, &e), 0);
	assert_string_equal(name, "2026-Q3");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (okr_quarter(bad[i], 0, name, &s, &e) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void
date_round_trip(void **state)
{
	char buf[11];
	int32_t day, back;

	(void)state;
	for (day = 0; day <= 2932896; day += day < 25000 ? 1 : 997) {
		okr_date_format(day, buf);
		if (okr_date_parse(buf, &back) != 0 || back != day)
			fail_msg("day %d -> \"%s\"", (int)day, buf);
	}
	okr_date_format(19782, buf);
	assert_string_equal(buf, "2024-02-29");
}

/* Times are UTC "YYYY-MM-DDTHH:MM:SSZ", before the epoch too. */
static void
time_format(void **state)
{
	char buf[21];

	(void)state;
	okr_time_format(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	okr_time_format(1700000000, buf);
	assert_string_equal(buf, "2023-11-14T22:13:20Z");
	okr_time_format(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	okr_time_format(253402300799, buf);
	assert_string_equal(buf, "9999-12-31T23:59:59Z");
}

/* Instant t in zone tz reads as want and off, its offset from UTC. */
static void
expect_local(const char *tz, int64_t t, const char *want, const char *off)
{
	char buf[17], zone[10];

	setenv("TZ", tz, 1);
	tzset();
	okr_local_format(t, buf, zone);
	assert_string_equal(buf, want);
	assert_string_equal(zone, off);
}

/* Local times: the zone TZ names, with its offset; a day is the local
 * calendar day and starts at local midnight.  Beijing (UTC+8, no summer
 * time), Kolkata (+5:30), New York (-5, summer time). */
static void
local_time(void **state)
{
	int32_t day;

	(void)state;
	/* 2027-01-15T14:25:00Z */
	expect_local("Asia/Shanghai", 1800023100, "2027-01-15 22:25", "UTC+8");
	assert_int_equal(okr_date_parse("2027-01-18", &day), 0);
	/* Sunday 16:30 UTC is Monday in Beijing. */
	assert_int_equal(okr_day_of(1800203400), day);
	assert_int_equal(okr_day_of(1800203400 - 3600), day - 1);
	assert_true(okr_day_start(day) == 1800201600);	/* 2027-01-17T16:00:00Z */
	expect_local("Asia/Kolkata", 0, "1970-01-01 05:30", "UTC+5:30");
	expect_local("America/New_York", 1800023100, "2027-01-15 09:25", "UTC-5");
	/* July: summer time. */
	expect_local("America/New_York", 1814961600, "2027-07-07 08:00", "UTC-4");
	expect_local("UTC", 1800023100, "2027-01-15 14:25", "UTC");
	assert_true(okr_day_start(day) == (int64_t)day * 86400);
	/* Past year 9999: empty, never a cut-off text. */
	expect_local("UTC", 253402300800, "", "");
}

/* Past year 9999 the text does not fit: the buffer must still end in a
 * NUL (view.c prints it), not hold a cut-off date. */
static void
format_out_of_range_terminated(void **state)
{
	char tbuf[64], dbuf[64];

	(void)state;
	memset(tbuf, 'X', sizeof(tbuf));
	memset(dbuf, 'X', sizeof(dbuf));
	okr_time_format(253402300800, tbuf);		/* 10000-01-01 */
	okr_date_format(INT32_MAX, dbuf);		/* year 5881580 */
	if (memchr(tbuf, '\0', 21) == NULL || memchr(dbuf, '\0', 11) == NULL)
		fail_msg("unterminated: time \"%.21s\" date \"%.11s\"", tbuf, dbuf);
}

/* Numbers without needless digits; "-0" is shown as "0". */
static void
num_format(void **state)
{
	char buf[32];

	(void)state;
	okr_num_format(58, buf);
	assert_string_equal(buf, "58");
	okr_num_format(0.5, buf);
	assert_string_equal(buf, "0.5");
	okr_num_format(0.58, buf);
	assert_string_equal(buf, "0.58");
	okr_num_format(-0.0, buf);
	assert_string_equal(buf, "0");
	okr_num_format(-0.00001, buf);
	assert_string_equal(buf, "0");
	okr_num_format(1200000, buf);
	assert_string_equal(buf, "1200000");
	okr_num_format(-2.5, buf);
	assert_string_equal(buf, "-2.5");
	okr_num_format(1.0 / 3, buf);
	assert_string_equal(buf, "0.3333");
	okr_num_format(1e15, buf);
	assert_string_equal(buf, "1000000000000000");
	okr_num_format(NAN, buf);
	assert_string_equal(buf, "0");
}

/* The integer path of okr_num_format writes what %.4f writes: values
 * on and near ten-thousandths, halves between them, large and negative
 * ones, against snprintf and the same trimming. */
static void
num_format_as_printf(void **state)
{
	static const double scale[] = { 1, 1e-4, 1e-2, 1e2, 1e6, 1e10, 3e10 };
	char buf[32], want[32], *p;
	unsigned seed = 12345;
	int i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		double v;

		seed = seed * 1103515245u + 12345u;
		v = (double)(seed >> 8) / (1 << 12) * scale[i % 7];
		if (i % 3 == 0)
			v = nearbyint(v * 10000) / 10000;	/* on a ten-thousandth */
		else if (i % 3 == 1)
			v = (nearbyint(v * 10000) + 0.5) / 10000;	/* a half */
		if (i % 2)
			v = -v;
		okr_num_format(v, buf);
		snprintf(want, sizeof(want), "%.4f", v);
		p = want + strlen(want) - 1;
		while (p > want && *p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
		if (strcmp(want, "-0") == 0)
			strcpy(want, "0");
		if (strcmp(buf, want) != 0)
			print_error("%.17g: %s, %%.4f gives %s\n", v, buf, want);
		assert_string_equal(buf, want);
	}
}

/* A number of 31+ digits must not be cut (it once showed 1.0995e34 as
 * "1099511627776"): what is shown reads back as the number. */
static void
num_format_huge(void **state)
{
	const double v = 1e22 * 1099511627776.0;
	char buf[32];

	(void)state;
	okr_num_format(v, buf);
	if (fabs(strtod(buf, NULL) - v) > v * 1e-6)
		fail_msg("%g shown as \"%s\"", v, buf);
}

/* okr_lookup finds a name's index; unknown, NULL or past n is -1. */
static void
lookup(void **state)
{
	(void)state;
	assert_int_equal(okr_lookup(okr_ostate_names, OBJ__MAX, "draft"), OBJ_DRAFT);
	assert_int_equal(okr_lookup(okr_ostate_names, OBJ__MAX, "archived"),
	    OBJ_ARCHIVED);
	assert_int_equal(okr_lookup(okr_kind_names, KR__MAX, "milestone"),
	    KR_MILESTONE);
	assert_int_equal(okr_lookup(okr_level_names, LEVEL__MAX, "Company"), -1);
	assert_int_equal(okr_lookup(okr_level_names, LEVEL__MAX, ""), -1);
	assert_int_equal(okr_lookup(okr_level_names, LEVEL__MAX, NULL), -1);
	assert_int_equal(okr_lookup(okr_level_names, 2, "team"), -1);
}

/* The method's quality hints on a KR title (okr-method.md, Q2/Q3): a KR
 * names a quantity and a time, in English or Chinese. */
static void
kr_hints(void **state)
{
	(void)state;
	/* The method's own good and bad examples. */
	assert_int_equal(okr_kr_hints("launch Gmail in September and reach 1 "
	    "million users by November"), 0);
	assert_int_equal(okr_kr_hints("make Gmail a success"),
	    HINT_NUMBER | HINT_DATE);
	assert_int_equal(okr_kr_hints("improve our fitness"),
	    HINT_NUMBER | HINT_DATE);
	/* The method's good "double this year's running time over last
	 * year's", shortened: "double" is the quantity (twice a baseline),
	 * "year" the time; neither hint is due. */
	assert_int_equal(okr_kr_hints("Double running time over last year"), 0);
	assert_int_equal(okr_kr_hints("double this year's running time over "
	    "last year's"), 0);
	/* Chinese: a date and a number with a group mark; then neither. */
	assert_int_equal(okr_kr_hints("11月30日前付费客户达到 1,200 家"), 0);
	assert_int_equal(okr_kr_hints("提升客户满意度"), HINT_NUMBER | HINT_DATE);
	assert_int_equal(okr_kr_hints("本季度完成三个版本发布"), 0);
	assert_int_equal(okr_kr_hints("提升客户满意度到 90 分"), HINT_DATE);
	assert_int_equal(okr_kr_hints("年底前上线新版官网"), HINT_NUMBER);
	/* Numbers but no time; a time but no number. */
	assert_int_equal(okr_kr_hints("Cut P1 response time from 4h to 1h"),
	    HINT_DATE);
	assert_int_equal(okr_kr_hints("Reach 90% test coverage"), HINT_DATE);
	assert_int_equal(okr_kr_hints("Ship the new onboarding flow before "
	    "the summer"), HINT_NUMBER);
	assert_int_equal(okr_kr_hints("Hire 5 engineers before 2026-12-31"), 0);
	assert_int_equal(okr_kr_hints("Close 20 deals by 12/31"), 0);
	assert_int_equal(okr_kr_hints("Close 20 deals, weekly review"), 0);
	/* Case does not matter in English. */
	assert_int_equal(okr_kr_hints("REACH ONE MILLION USERS BY DECEMBER"), 0);
	/* Nothing to read: both. */
	assert_int_equal(okr_kr_hints(NULL), HINT_NUMBER | HINT_DATE);
	assert_int_equal(okr_kr_hints(""), HINT_NUMBER | HINT_DATE);
}

/* A word found inside another word is not that word: "market" names no
 * month (mar), "innovation" none (nov), "decrease" none (dec), "everyone"
 * no number (one); in Chinese, 日活/月活 (daily/monthly active users) and
 * 账号 (account) name no date. */
static void
kr_hints_inside_words(void **state)
{
	static const struct { const char *title; int want; } cases[] = {
		{ "Increase market share to 30%", HINT_DATE },
		{ "Launch 3 innovation projects", HINT_DATE },
		{ "Decrease support tickets", HINT_NUMBER | HINT_DATE },
		{ "Make everyone love the product", HINT_NUMBER | HINT_DATE },
		{ "日活跃用户达到 100 万", HINT_DATE },
		{ "月活跃用户突破 50 万", HINT_DATE },
		{ "注册账号达到 1 万", HINT_DATE },
	};
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = okr_kr_hints(cases[i].title);

		if (got != cases[i].want) {
			print_error("\"%s\": hints %d, expected %d\n",
			    cases[i].title, got, cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Texts: characters, not bytes; one line unless multi-line; no control
 * characters. */
static void
text_rules(void **state)
{
	char buf[1100];

	(void)state;
	assert_true(okr_text_ok(NULL, 5, 0));
	assert_true(okr_text_ok("", 5, 0));
	assert_true(okr_text_ok("季度目标", 4, 0));	/* 12 bytes, 4 characters */
	assert_false(okr_text_ok("季度目标!", 4, 0));
	assert_false(okr_text_ok("a\r\nb", 10, 0));
	assert_true(okr_text_ok("a\r\nb\tc", 10, 1));
	assert_false(okr_text_ok("a\x01z", 10, 1));
	assert_false(okr_text_ok("a\x7fz", 10, 1));
	assert_false(okr_text_ok("a\xc2\x85z", 10, 1));	/* U+0085, C1 */
	assert_true(okr_text_ok("a\xc2\xa0z", 10, 0));	/* U+00A0 */
	memset(buf, 'x', 1000);
	buf[1000] = '\0';
	assert_false(okr_text_ok(buf, OKR_MAX_TITLE, 0));
	buf[OKR_MAX_TITLE] = '\0';
	assert_true(okr_text_ok(buf, OKR_MAX_TITLE, 0));
	assert_int_equal(okr_utf8_len("万元"), 2);
}

/* Cycle names and logins: the characters a URL holds unencoded. */
static void
name_rules(void **state)
{
	(void)state;
	assert_true(okr_cycle_name_ok("2026-Q4"));
	assert_true(okr_cycle_name_ok("FY_2027"));
	assert_false(okr_cycle_name_ok(""));
	assert_false(okr_cycle_name_ok(NULL));
	assert_false(okr_cycle_name_ok("2026-Q4\r\nSet-Cookie: a=b"));
	assert_false(okr_cycle_name_ok("2026 Q4"));
	assert_false(okr_cycle_name_ok("二〇二六"));
	assert_true(okr_cycle_name_ok("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(okr_cycle_name_ok("abcdefghijklmnopqrstuvwxyz0123456"));
	/* Cycles follow each other; one day shared is an overlap. */
	assert_false(okr_cycles_overlap(0, 89, 90, 180));
	assert_true(okr_cycles_overlap(0, 90, 90, 180));
	assert_true(okr_cycles_overlap(10, 20, 0, 89));
	assert_true(okr_cycles_overlap(0, 89, 10, 20));
	assert_false(okr_cycles_overlap(0, 89, 0, 89));
	assert_true(okr_login_ok("li.na@corp-1"));
	assert_false(okr_login_ok("li na"));
	assert_false(okr_login_ok(""));
}

/* Numbers: finite and within the range. */
static void
number_rules(void **state)
{
	(void)state;
	assert_true(okr_number_ok(0, -OKR_NUM_LIMIT, OKR_NUM_LIMIT));
	assert_true(okr_number_ok(-OKR_NUM_LIMIT, -OKR_NUM_LIMIT, OKR_NUM_LIMIT));
	assert_false(okr_number_ok(INFINITY, -OKR_NUM_LIMIT, OKR_NUM_LIMIT));
	assert_false(okr_number_ok(-INFINITY, -INFINITY, INFINITY));
	assert_false(okr_number_ok(NAN, 0, 1));
	assert_false(okr_number_ok(1e13, -OKR_NUM_LIMIT, OKR_NUM_LIMIT));
	assert_false(okr_number_ok(1.5, 0, 1));
}

/* A unit tree for the walks: parents[id] is unit id's parent; -1: no
 * such unit. */
struct tree {
	const long	*parents;
	size_t		 n;
	uint32_t	 stop;
	int		 steps;
};

static int
tree_step(void *arg, uint32_t id, uint32_t *parent)
{
	struct tree *t = arg;

	t->steps++;
	if (id >= t->n || t->parents[id] < 0)
		return -1;
	*parent = (uint32_t)t->parents[id];
	return id == t->stop;
}

/* The walk up the unit tree: to the top, stopped, and bounded on a
 * loop, a missing unit or a chain longer than OKR_MAX_DEPTH. */
static void
unit_walk(void **state)
{
	/* 1 the company; 2 under 1; 3 under 2; 4 under itself; 5 and 6
	 * under each other; 7 under a missing 8. */
	static const long parents[] = { -1, 0, 1, 2, 4, 6, 5, 8, -1 };
	long deep[OKR_MAX_DEPTH + 2];
	struct tree t = { parents, sizeof(parents) / sizeof(parents[0]), 0, 0 };
	uint32_t top = 0;
	size_t i;

	(void)state;
	assert_int_equal(okr_unit_walk(3, tree_step, &t, &top), 0);
	assert_int_equal(top, 1);
	t.stop = 2;
	assert_int_equal(okr_unit_walk(3, tree_step, &t, NULL), 1);
	assert_int_equal(okr_unit_walk(1, tree_step, &t, NULL), 0);
	t.stop = 0;
	t.steps = 0;
	assert_int_equal(okr_unit_walk(4, tree_step, &t, NULL), -1);
	assert_int_equal(t.steps, OKR_MAX_DEPTH);
	t.steps = 0;
	assert_int_equal(okr_unit_walk(5, tree_step, &t, NULL), -1);
	assert_int_equal(t.steps, OKR_MAX_DEPTH);
	assert_int_equal(okr_unit_walk(7, tree_step, &t, NULL), -1);
	/* A chain of exactly OKR_MAX_DEPTH units reaches the top; one more
	 * is too deep. */
	deep[0] = -1;
	for (i = 1; i < sizeof(deep) / sizeof(deep[0]); i++)
		deep[i] = (long)i - 1;
	t.parents = deep;
	t.n = sizeof(deep) / sizeof(deep[0]);
	assert_int_equal(okr_unit_walk(OKR_MAX_DEPTH, tree_step, &t, &top), 0);
	assert_int_equal(top, 1);
	assert_int_equal(okr_unit_walk(OKR_MAX_DEPTH + 1, tree_step, &t, NULL), -1);
}

/* The schema (xslt/mubiao.rng, or $MUBIAO_RNG) holds logins and cycle
 * names to a pattern: the first <param name="pattern"> after the marks
 * first and then second, as a POSIX extended regular expression. */
static int
rng_pattern(const char *first, const char *second, regex_t *re)
{
	static char text[200000];
	const char *path = getenv("MUBIAO_RNG"), *p, *e;
	char pat[128], *q;
	size_t n;
	int dash = 0;
	FILE *f;

	if (path == NULL)
		path = "xslt/mubiao.rng";
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	if ((p = strstr(text, first)) == NULL || (p = strstr(p, second)) == NULL ||
	    (p = strstr(p, "<param name=\"pattern\">")) == NULL ||
	    (e = strstr(p, "</param>")) == NULL)
		return -1;
	p += strlen("<param name=\"pattern\">");
	/* XSD's "\-" in a class is POSIX's '-' at its end. */
	q = pat;
	*q++ = '^';
	for (; p < e && q < pat + sizeof(pat) - 4; p++) {
		if (p[0] == '\\' && p[1] == '-') {
			p++;
			dash = 1;
			continue;
		}
		if (p[0] == ']' && dash)
			*q++ = '-';
		*q++ = *p;
	}
	*q++ = '$';
	*q = '\0';
	return regcomp(re, pat, REG_EXTENDED | REG_NOSUB);
}

/* Whether ok() and the schema's pattern agree on every character, alone
 * and inside a name, and on the lengths either side of max. */
static void
same_as_schema(int (*ok)(const char *), const regex_t *re, size_t max)
{
	char s[80];
	int c;

	for (c = 1; c < 256; c++) {
		snprintf(s, sizeof(s), "%c", c);
		assert_int_equal(ok(s) != 0, regexec(re, s, 0, NULL, 0) == 0);
		snprintf(s, sizeof(s), "a%cb", c);
		assert_int_equal(ok(s) != 0, regexec(re, s, 0, NULL, 0) == 0);
	}
	assert_true(max + 1 < sizeof(s));
	memset(s, 'x', max);
	s[max] = '\0';
	assert_true(ok(s));
	assert_int_equal(regexec(re, s, 0, NULL, 0), 0);
	s[max] = 'x';
	s[max + 1] = '\0';
	assert_false(ok(s));
	assert_int_not_equal(regexec(re, s, 0, NULL, 0), 0);
	assert_false(ok(""));
	assert_int_not_equal(regexec(re, "", 0, NULL, 0), 0);
}

/* The login and cycle-name rules are written once in C; the schema's
 * patterns for exports and imports must say the same. */
static void
name_rules_schema(void **state)
{
	regex_t re;

	(void)state;
	assert_int_equal(rng_pattern("<element name=\"login\">", "<data", &re), 0);
	same_as_schema(okr_login_ok, &re, OKR_MAX_LOGIN);
	regfree(&re);
	assert_int_equal(rng_pattern("<define name=\"cycle\">",
	    "<element name=\"name\">", &re), 0);
	same_as_schema(okr_cycle_name_ok, &re, OKR_MAX_CYCLE);
	regfree(&re);
}

/* The tree of unit_walk, for okr_unit_within(): parent_of never stops. */
static int
tree_parent(void *arg, uint32_t id, uint32_t *parent)
{
	struct tree *t = arg;

	t->steps++;
	if (id >= t->n || t->parents[id] < 0)
		return -1;
	*parent = (uint32_t)t->parents[id];
	return 0;
}

/* "This unit lies under that one": itself, its ancestors, not its
 * descendants or siblings; a loop, a missing unit or unit 0 are not
 * within, and a loop is walked OKR_MAX_DEPTH steps at most. */
static void
unit_within(void **state)
{
	/* 1 the company; 2 and 9 under 1; 3 under 2; 4 under itself; 5 and
	 * 6 under each other; 7 under a missing 8. */
	static const long parents[] = { -1, 0, 1, 2, 4, 6, 5, 8, -1, 1 };
	struct tree t = { parents, sizeof(parents) / sizeof(parents[0]), 0, 0 };

	(void)state;
	assert_int_equal(okr_unit_within(3, 3, tree_parent, &t), 1);
	assert_int_equal(okr_unit_within(3, 2, tree_parent, &t), 1);
	assert_int_equal(okr_unit_within(3, 1, tree_parent, &t), 1);
	assert_int_equal(okr_unit_within(1, 1, tree_parent, &t), 1);
	assert_int_equal(okr_unit_within(2, 3, tree_parent, &t), 0);
	assert_int_equal(okr_unit_within(9, 2, tree_parent, &t), 0);
	assert_int_equal(okr_unit_within(3, 9, tree_parent, &t), 0);
	assert_int_equal(okr_unit_within(1, 0, tree_parent, &t), 0);
	assert_int_equal(okr_unit_within(0, 1, tree_parent, &t), 0);
	t.steps = 0;
	assert_int_equal(okr_unit_within(4, 1, tree_parent, &t), -1);
	assert_int_equal(t.steps, OKR_MAX_DEPTH);
	assert_int_equal(okr_unit_within(4, 4, tree_parent, &t), 1);
	t.steps = 0;
	assert_int_equal(okr_unit_within(5, 1, tree_parent, &t), -1);
	assert_int_equal(t.steps, OKR_MAX_DEPTH);
	assert_int_equal(okr_unit_within(5, 6, tree_parent, &t), 1);
	assert_int_equal(okr_unit_within(7, 1, tree_parent, &t), -1);
	assert_int_equal(okr_unit_within(7, 7, tree_parent, &t), 1);
	assert_int_equal(okr_unit_within(8, 8, tree_parent, &t), -1);
}

#define OBJ(u, c, l, s)	((struct okr_objref){ u, c, LEVEL_##l, OBJ_##s })

/* What each meeting decides on: the consensus its unit's drafts, the
 * monthly review its unit's live objectives, the quarterly review its
 * cycle's objectives in its unit or below; never another cycle. */
static void
meeting_scopes(void **state)
{
	static const long parents[] = { -1, 0, 1, 2, 1 };
	struct tree t = { parents, sizeof(parents) / sizeof(parents[0]), 0, 0 };
	struct okr_reach m = { 2, 7 };

	(void)state;
	assert_true(okr_consensus_scope(&m, &OBJ(2, 7, DEPARTMENT, DRAFT)));
	assert_true(okr_consensus_scope(&m, &OBJ(2, 7, COMPANY, DRAFT)));
	assert_false(okr_consensus_scope(&m, &OBJ(2, 7, PERSONAL, DRAFT)));
	assert_false(okr_consensus_scope(&m, &OBJ(2, 7, TEAM, ACTIVE)));
	assert_false(okr_consensus_scope(&m, &OBJ(2, 7, TEAM, AGREED)));
	assert_false(okr_consensus_scope(&m, &OBJ(2, 7, TEAM, ARCHIVED)));
	assert_false(okr_consensus_scope(&m, &OBJ(3, 7, TEAM, DRAFT)));
	assert_false(okr_consensus_scope(&m, &OBJ(2, 8, TEAM, DRAFT)));

	assert_true(okr_grow_scope(&m, &OBJ(2, 7, DEPARTMENT, DRAFT)));
	assert_true(okr_grow_scope(&m, &OBJ(2, 7, DEPARTMENT, ACTIVE)));
	assert_true(okr_grow_scope(&m, &OBJ(2, 7, DEPARTMENT, AGREED)));
	assert_false(okr_grow_scope(&m, &OBJ(2, 7, DEPARTMENT, ARCHIVED)));
	assert_false(okr_grow_scope(&m, &OBJ(2, 7, PERSONAL, ACTIVE)));
	assert_false(okr_grow_scope(&m, &OBJ(3, 7, TEAM, ACTIVE)));
	assert_false(okr_grow_scope(&m, &OBJ(2, 6, TEAM, ACTIVE)));

	assert_true(okr_grade_scope(&m, &OBJ(2, 7, DEPARTMENT, AGREED),
	    tree_parent, &t));
	assert_true(okr_grade_scope(&m, &OBJ(3, 7, PERSONAL, ACTIVE),
	    tree_parent, &t));
	assert_true(okr_grade_scope(&m, &OBJ(3, 7, TEAM, ARCHIVED),
	    tree_parent, &t));
	assert_false(okr_grade_scope(&m, &OBJ(1, 7, COMPANY, AGREED),
	    tree_parent, &t));
	assert_false(okr_grade_scope(&m, &OBJ(4, 7, TEAM, AGREED),
	    tree_parent, &t));
	assert_false(okr_grade_scope(&m, &OBJ(3, 8, TEAM, AGREED),
	    tree_parent, &t));
	assert_false(okr_grade_scope(&m, &OBJ(99, 7, TEAM, AGREED),
	    tree_parent, &t));
}

/* Grades: 0 to 1 in tenths; a reason for any but the proposed one. */
static void
grade_rules(void **state)
{
	(void)state;
	assert_true(okr_grade_ok(0));
	assert_true(okr_grade_ok(0.7));
	assert_true(okr_grade_ok(1));
	assert_true(okr_grade_ok(0.3 + 1e-12));
	assert_false(okr_grade_ok(0.75));
	assert_false(okr_grade_ok(-0.1));
	assert_false(okr_grade_ok(1.1));
	assert_false(okr_grade_ok(NAN));
	assert_false(okr_grade_ok(INFINITY));
	assert_false(okr_grade_needs_reason(0.6, 0.6));
	assert_false(okr_grade_needs_reason(0.1 + 0.2, 0.3));
	assert_true(okr_grade_needs_reason(0.7, 0.6));
	assert_true(okr_grade_needs_reason(0, 1));
}

/* Tallies one objective: said on it, then n KRs (state, said). */
static struct okr_tally
tally(int said, const int (*krs)[2], size_t n, int *counts)
{
	struct okr_tally t;
	size_t i;

	okr_tally_init(&t, said);
	for (i = 0; i < n; i++)
		counts[i] = okr_tally_kr(&t, krs[i][0], krs[i][1]);
	return t;
}

/* The consensus rule: every draft decided, every proposal under a kept
 * one decided, two agreed KRs to keep one; a rejection takes its KRs. */
static void
consensus_rule(void **state)
{
	static const int two[][2] = { { KRS_PROPOSED, SAID_KEEP },
	    { KRS_PROPOSED, SAID_KEEP } };
	static const int one_open[][2] = { { KRS_PROPOSED, SAID_KEEP },
	    { KRS_PROPOSED, SAID_NONE } };
	static const int one_no[][2] = { { KRS_PROPOSED, SAID_KEEP },
	    { KRS_PROPOSED, SAID_REJECT }, { KRS_DROPPED, SAID_NONE } };
	static const int mixed[][2] = { { KRS_PROPOSED, SAID_KEEP },
	    { KRS_AGREED, SAID_NONE }, { KRS_REJECTED, SAID_KEEP },
	    { KRS_ACTIVE, SAID_REJECT } };
	int c[4];
	struct okr_tally t;

	(void)state;
	t = tally(SAID_KEEP, two, 2, c);
	assert_true(okr_tally_ready(&t));
	assert_int_equal(t.agreed, 2);
	assert_int_equal(c[0], SAID_KEEP);

	/* Undecided: the objective and its undecided KRs are open, and it
	 * lacks agreed KRs until they are decided. */
	t = tally(SAID_NONE, one_open, 2, c);
	assert_int_equal(t.open, 2);
	assert_true(okr_tally_lacking(&t));
	assert_false(okr_tally_ready(&t));
	assert_int_equal(c[1], SAID_NONE);
	t = tally(SAID_NONE, two, 2, c);
	assert_int_equal(t.open, 1);
	assert_false(okr_tally_lacking(&t));
	assert_false(okr_tally_ready(&t));

	t = tally(SAID_KEEP, one_open, 2, c);
	assert_int_equal(t.open, 1);
	assert_false(okr_tally_ready(&t));

	/* Kept with one agreed KR (a rejected and a dropped one do not
	 * count): lacking. */
	t = tally(SAID_KEEP, one_no, 3, c);
	assert_int_equal(t.open, 0);
	assert_int_equal(t.agreed, 1);
	assert_true(okr_tally_lacking(&t));
	assert_false(okr_tally_ready(&t));
	assert_int_equal(c[1], SAID_REJECT);
	assert_int_equal(c[2], SAID_NONE);

	/* KRs past proposal count when live, whatever was said on them. */
	t = tally(SAID_KEEP, mixed, 4, c);
	assert_int_equal(t.agreed, 3);
	assert_true(okr_tally_ready(&t));
	assert_int_equal(c[3], SAID_NONE);

	/* A rejected objective takes its proposals along, decided or not,
	 * and lacks nothing. */
	t = tally(SAID_REJECT, one_open, 2, c);
	assert_int_equal(t.open, 0);
	assert_false(okr_tally_lacking(&t));
	assert_true(okr_tally_ready(&t));
	assert_int_equal(c[0], SAID_REJECT);
	assert_int_equal(c[1], SAID_REJECT);
	t = tally(SAID_REJECT, NULL, 0, c);
	assert_true(okr_tally_ready(&t));

	/* No KRs at all: kept, it lacks two. */
	t = tally(SAID_KEEP, NULL, 0, c);
	assert_true(okr_tally_lacking(&t));

	assert_int_equal(okr_consensus_ostate(SAID_KEEP), OBJ_AGREED);
	assert_int_equal(okr_consensus_ostate(SAID_REJECT), OBJ_ARCHIVED);
	assert_int_equal(okr_consensus_krstate(SAID_KEEP, SAID_KEEP), KRS_AGREED);
	assert_int_equal(okr_consensus_krstate(SAID_KEEP, SAID_REJECT), KRS_REJECTED);
	assert_int_equal(okr_consensus_krstate(SAID_REJECT, SAID_KEEP), KRS_REJECTED);
	assert_int_equal(okr_consensus_krstate(SAID_REJECT, SAID_NONE), KRS_REJECTED);
}

/* The store's rules of a record name the member at fault. */
static void
record_rules(void **state)
{
	char title[1001];
	struct kr k = { .id = 1, .objective = 1, .title = (char *)"Reach 100 users by June",
	    .kind = KR_NUMERIC, .target = 100, .weight = 1, .confidence = 0.5,
	    .grade = -1, .state = KRS_ACTIVE };
	struct cycle c = { .id = 1, .start = 20000, .end = 20090,
	    .name = (char *)"2026-Q4" };
	struct unit u = { .id = 1, .level = LEVEL_COMPANY, .name = (char *)"Corp" };
	struct meeting m = { .id = 1, .status = -1, .type = MEET_AWARENESS };
	const char *member;

	(void)state;
	assert_int_equal(store_rec_check(REC_KR, &k, &member), STORE_OK);
	assert_null(member);
	k.target = INFINITY;
	assert_int_equal(store_rec_check(REC_KR, &k, &member), STORE_INVALID);
	assert_string_equal(member, "target");
	k.target = 100;
	memset(title, 'x', 1000);
	title[1000] = '\0';
	k.title = title;
	assert_int_equal(store_rec_check(REC_KR, &k, &member), STORE_INVALID);
	assert_string_equal(member, "title");
	k.title = (char *)"Ship \xef\xbf\xbe";	/* U+FFFE: no XML holds it */
	assert_int_equal(store_rec_check(REC_KR, &k, &member), STORE_INVALID);
	assert_string_equal(member, "title");
	k.title = (char *)"Ship";
	k.kind = KR_MILESTONE;
	k.current = 0.5;
	assert_int_equal(store_rec_check(REC_KR, &k, &member), STORE_INVALID);
	assert_string_equal(member, "current");
	k.current = 1;
	k.state = KRS__MAX;
	assert_int_equal(store_rec_check(REC_KR, &k, &member), STORE_INVALID);
	assert_string_equal(member, "state");
	assert_int_equal(store_rec_check(REC_CYCLE, &c, NULL), STORE_OK);
	c.name = (char *)"2026-Q4\r\nSet-Cookie: a=b";
	assert_int_equal(store_rec_check(REC_CYCLE, &c, &member), STORE_INVALID);
	assert_string_equal(member, "name");
	assert_int_equal(store_rec_check(REC_UNIT, &u, NULL), STORE_OK);
	u.name = (char *)"";
	assert_int_equal(store_rec_check(REC_UNIT, &u, &member), STORE_INVALID);
	assert_string_equal(member, "name");
	u.name = (char *)"Corp";
	u.level = LEVEL_PERSONAL;
	assert_int_equal(store_rec_check(REC_UNIT, &u, &member), STORE_INVALID);
	assert_string_equal(member, "level");
	/* A meeting's board status may be "none" (-1), its default. */
	assert_int_equal(store_rec_check(REC_MEETING, &m, NULL), STORE_OK);
	m.status = -2;
	assert_int_equal(store_rec_check(REC_MEETING, &m, NULL), STORE_INVALID);
}

/* Weeks run Monday to Sunday: 2027-02-15 was a Monday. */
static void
monday(void **state)
{
	int32_t mon, d;

	(void)state;
	assert_int_equal(okr_date_parse("2027-02-15", &mon), 0);
	for (d = mon; d < mon + 7; d++)
		assert_int_equal(okr_monday(d), mon);
	assert_int_equal(okr_monday(mon - 1), mon - 7);
	assert_int_equal(okr_monday(mon + 7), mon + 7);
	assert_int_equal(okr_monday(4), 4);	/* 1970-01-05 */
	assert_int_equal(okr_monday(3), -3);	/* 1970-01-04, a Sunday */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(score_increase),
		cmocka_unit_test(score_decrease),
		cmocka_unit_test(score_start_equals_target),
		cmocka_unit_test(score_clamps),
		cmocka_unit_test(score_nonfinite),
		cmocka_unit_test(score_milestone),
		cmocka_unit_test(weighted_score),
		cmocka_unit_test(pct_rounding),
		cmocka_unit_test(band_thresholds),
		cmocka_unit_test(date_parse),
		cmocka_unit_test(quarter),
		cmocka_unit_test(date_round_trip),
		cmocka_unit_test(time_parse),
		cmocka_unit_test(time_format),
		cmocka_unit_test(local_time),
		cmocka_unit_test(monday),
		cmocka_unit_test(format_out_of_range_terminated),
		cmocka_unit_test(num_format),
		cmocka_unit_test(num_format_as_printf),
		cmocka_unit_test(num_format_huge),
		cmocka_unit_test(lookup),
		cmocka_unit_test(kr_hints),
		cmocka_unit_test(kr_hints_inside_words),
		cmocka_unit_test(text_rules),
		cmocka_unit_test(name_rules),
		cmocka_unit_test(number_rules),
		cmocka_unit_test(unit_walk),
		cmocka_unit_test(name_rules_schema),
		cmocka_unit_test(unit_within),
		cmocka_unit_test(meeting_scopes),
		cmocka_unit_test(grade_rules),
		cmocka_unit_test(consensus_rule),
		cmocka_unit_test(record_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
