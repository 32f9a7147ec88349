/* test-health.c: the health flags (cgi/health.c), each rule pinned at
 * its edges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "health.h"
#include "okr.h"

/* 2027-Q1: days 20819 (2027-01-01) to 20908 (2027-03-31). */
#define Q1_START	20819
#define Q1_END		20908

/* An active department objective of three KRs, aligned and owned. */
static struct health_obj
obj(void)
{
	struct health_obj o = { .level = LEVEL_DEPARTMENT, .state = OBJ_ACTIVE,
	    .cstate = CYCLE_ACTIVE, .cstart = Q1_START, .cend = Q1_END,
	    .created = Q1_START, .aligned = 1, .owned = 1, .live_krs = 3,
	    .score = 0.5 };

	return o;
}

/* A numeric KR checked in on day last, at score. */
static struct health_kr
kr(double score, int32_t last)
{
	struct health_kr k = { .kind = KR_NUMERIC, .state = KRS_ACTIVE,
	    .score = score, .due = 0, .last = last, .owned = 1 };

	return k;
}

static void
names(void **state)
{
	(void)state;
	assert_string_equal(health_names[0], "stale");
	assert_string_equal(health_names[HEALTH__MAX - 1], "too-easy");
	assert_int_equal(1 << (HEALTH__MAX - 1), HEALTH_TOO_EASY);
}

/* Stale: 14 days without a check-in, not 13. */
static void
stale(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0.5, Q1_START + 30);
	struct health_why w;

	(void)state;
	assert_int_equal(health_kr(&o, &k, Q1_START + 43, &w) & HEALTH_STALE, 0);
	assert_int_equal(health_kr(&o, &k, Q1_START + 44, &w) & HEALTH_STALE, HEALTH_STALE);
	assert_int_equal(w.stale, 14);
	assert_int_equal(health_kr(&o, &k, Q1_START + 51, &w) & HEALTH_STALE, HEALTH_STALE);
	assert_int_equal(w.stale, 21);
}

/* Never checked in: from the cycle's start, or the objective's creation
 * when later; never in the cycle's first two weeks. */
static void
stale_never(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0.5, 0);
	struct health_why w;

	(void)state;
	assert_int_equal(health_kr(&o, &k, Q1_START + 13, &w) & HEALTH_STALE, 0);
	assert_int_equal(health_kr(&o, &k, Q1_START + 14, &w) & HEALTH_STALE, HEALTH_STALE);
	o.created = Q1_START + 10;
	assert_int_equal(health_kr(&o, &k, Q1_START + 14, &w) & HEALTH_STALE, 0);
	assert_int_equal(health_kr(&o, &k, Q1_START + 24, &w) & HEALTH_STALE, HEALTH_STALE);
	assert_int_equal(w.stale, 14);
}

/* Overdue: past the due date (not on it) and not reached. */
static void
overdue(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0.9, Q1_START + 40);
	struct health_why w;

	(void)state;
	k.due = Q1_START + 45;
	assert_int_equal(health_kr(&o, &k, Q1_START + 45, &w) & HEALTH_OVERDUE, 0);
	assert_int_equal(health_kr(&o, &k, Q1_START + 47, &w) & HEALTH_OVERDUE, HEALTH_OVERDUE);
	assert_int_equal(w.overdue, 2);
	/* Overdue says it; not behind as well. */
	assert_int_equal(health_kr(&o, &k, Q1_START + 47, &w) & HEALTH_BEHIND, 0);
	k.score = 1;
	assert_int_equal(health_kr(&o, &k, Q1_START + 47, &w) & HEALTH_OVERDUE, 0);
	/* A milestone not done is overdue too. */
	k.kind = KR_MILESTONE;
	k.score = 0;
	assert_int_equal(health_kr(&o, &k, Q1_START + 47, &w), HEALTH_OVERDUE);
}

/* Behind: more than a quarter of the way behind the share of time gone. */
static void
behind(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0.2, Q1_START + 40);
	struct health_why w;
	int32_t half = Q1_START + (Q1_END - Q1_START) / 2;	/* a share of 0.5 (89 days, 44) */

	(void)state;
	assert_int_equal(health_kr(&o, &k, half, &w) & HEALTH_BEHIND, HEALTH_BEHIND);
	assert_int_equal(w.pct, 20);
	assert_int_equal(w.expected, 49);
	k.score = 0.25;
	assert_int_equal(health_kr(&o, &k, half, &w) & HEALTH_BEHIND, 0);
	/* At 0 in the first weeks: not behind yet. */
	k.score = 0;
	assert_int_equal(health_kr(&o, &k, Q1_START + 20, &w) & HEALTH_BEHIND, 0);
	assert_int_equal(health_kr(&o, &k, Q1_START + 23, &w) & HEALTH_BEHIND, HEALTH_BEHIND);
	/* Measured to its own due date when it has one: half-way to it. */
	k.score = 0.2;
	k.due = Q1_START + 20;
	assert_int_equal(health_kr(&o, &k, Q1_START + 10, &w) & HEALTH_BEHIND, HEALTH_BEHIND);
	assert_int_equal(w.expected, 50);
	/* A milestone has no share to trail by. */
	k.kind = KR_MILESTONE;
	k.score = 0;
	assert_int_equal(health_kr(&o, &k, Q1_START + 19, &w) & HEALTH_BEHIND, 0);
}

/* Progress is not asked of a draft, nor outside an active cycle. */
static void
progress_only_when_under_way(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0, 0);
	struct health_why w;

	(void)state;
	k.due = Q1_START + 30;
	assert_int_equal(health_kr(&o, &k, Q1_END, &w),
	    HEALTH_STALE | HEALTH_OVERDUE);
	o.state = OBJ_DRAFT;
	assert_int_equal(health_kr(&o, &k, Q1_END, &w), 0);
	o.state = OBJ_ACTIVE;
	o.cstate = CYCLE_REVIEW;
	assert_int_equal(health_kr(&o, &k, Q1_END, &w), 0);
	o.cstate = CYCLE_PLANNING;
	assert_int_equal(health_kr(&o, &k, Q1_END, &w), 0);
}

/* No owner: on a KR whatever the cycle; nothing on a KR that does not
 * count (rejected, dropped) or under an archived objective. */
static void
kr_owner_and_state(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0.5, Q1_START + 1);
	struct health_why w;

	(void)state;
	k.owned = 0;
	assert_int_equal(health_kr(&o, &k, Q1_START + 2, &w), HEALTH_NO_OWNER);
	o.cstate = CYCLE_CLOSED;
	assert_int_equal(health_kr(&o, &k, Q1_START + 2, &w), HEALTH_NO_OWNER);
	k.state = KRS_DROPPED;
	assert_int_equal(health_kr(&o, &k, Q1_START + 2, &w), 0);
	k.state = KRS_ACTIVE;
	o.state = OBJ_ARCHIVED;
	assert_int_equal(health_kr(&o, &k, Q1_START + 2, &w), 0);
}

/* What the inbox asks: the days without a check-in at its own setting,
 * by the same count as stale; nothing of a draft's KR or outside an
 * active cycle. */
static void
silent(void **state)
{
	struct health_obj o = obj();
	struct health_kr k = kr(0.5, Q1_START + 30);

	(void)state;
	assert_int_equal(health_silent(&o, &k, Q1_START + 36, 7), 0);
	assert_int_equal(health_silent(&o, &k, Q1_START + 37, 7), 7);
	assert_int_equal(health_silent(&o, &k, Q1_START + 40, 1), 10);
	k.last = 0;
	assert_int_equal(health_silent(&o, &k, Q1_START + 6, 7), 0);
	assert_int_equal(health_silent(&o, &k, Q1_START + 7, 7), 7);
	o.state = OBJ_DRAFT;
	assert_int_equal(health_silent(&o, &k, Q1_START + 40, 7), 0);
	o.state = OBJ_ACTIVE;
	o.cstate = CYCLE_REVIEW;
	assert_int_equal(health_silent(&o, &k, Q1_START + 40, 7), 0);
	o.cstate = CYCLE_ACTIVE;
	k.state = KRS_REJECTED;
	assert_int_equal(health_silent(&o, &k, Q1_START + 40, 7), 0);
}

/* Two to five KRs. */
static void
kr_count(void **state)
{
	struct health_obj o = obj();
	struct health_why w;

	(void)state;
	o.live_krs = 2;
	assert_int_equal(health_objective(&o, &w), 0);
	o.live_krs = 5;
	assert_int_equal(health_objective(&o, &w), 0);
	o.live_krs = 1;
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_FEW);
	assert_int_equal(w.krs, 1);
	o.live_krs = 0;
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_FEW);
	o.live_krs = 6;
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_MANY);
	assert_int_equal(w.krs, 6);
	/* Also while planning and at the review; not once closed. */
	o.cstate = CYCLE_PLANNING;
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_MANY);
	o.cstate = CYCLE_CLOSED;
	assert_int_equal(health_objective(&o, &w), 0);
}

/* Not aligned: a department's or a team's objective serving no KR. */
static void
unaligned(void **state)
{
	struct health_obj o = obj();
	struct health_why w;

	(void)state;
	o.aligned = 0;
	assert_int_equal(health_objective(&o, &w), HEALTH_UNALIGNED);
	o.level = LEVEL_TEAM;
	assert_int_equal(health_objective(&o, &w), HEALTH_UNALIGNED);
	o.level = LEVEL_COMPANY;
	assert_int_equal(health_objective(&o, &w), 0);
	o.level = LEVEL_PERSONAL;
	assert_int_equal(health_objective(&o, &w), 0);
}

/* No owner; not ambitious: a final 1.0 at the review or after. */
static void
owner_and_too_easy(void **state)
{
	struct health_obj o = obj();
	struct health_why w;

	(void)state;
	o.owned = 0;
	assert_int_equal(health_objective(&o, &w), HEALTH_NO_OWNER);
	o.owned = 1;
	o.score = 1;
	assert_int_equal(health_objective(&o, &w), 0);
	o.cstate = CYCLE_REVIEW;
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_EASY);
	o.cstate = CYCLE_CLOSED;
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_EASY);
	o.score = 0.995;	/* shown as 1.00: as the page reads it */
	assert_int_equal(health_objective(&o, &w), HEALTH_TOO_EASY);
	o.score = 0.99;
	assert_int_equal(health_objective(&o, &w), 0);
	o.score = 1;
	o.live_krs = 0;
	assert_int_equal(health_objective(&o, &w), 0);
	o.live_krs = 3;
	o.state = OBJ_ARCHIVED;
	assert_int_equal(health_objective(&o, &w), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(stale),
		cmocka_unit_test(stale_never),
		cmocka_unit_test(overdue),
		cmocka_unit_test(behind),
		cmocka_unit_test(progress_only_when_under_way),
		cmocka_unit_test(kr_owner_and_state),
		cmocka_unit_test(silent),
		cmocka_unit_test(kr_count),
		cmocka_unit_test(unaligned),
		cmocka_unit_test(owner_and_too_easy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
