/* test-store.c: the store's rules through its public operations (store.h),
 * on a store in a temporary folder: permissions, versions and conflicts,
 * closed cycles, consensus, carry-over and the quarterly review. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "okr.h"
#include "store.h"

static char dir[] = "/tmp/mubiao-test-store.XXXXXX";
static struct store *st;
static struct arena ar;

/* The company: C with departments D and E, team T under D. */
static uint32_t u_c, u_d, u_e, u_t;
/* admin; the leads of C, D, T and E; m, a member of T. */
static uint32_t p_admin, p_ceo, p_dlead, p_tlead, p_elead, p_m;
/* Cycles: last quarter (closed), this one (active), the next (planning),
 * and one under its quarterly review. */
static uint32_t c_prev, c_cur, c_next, c_rev;

static uint32_t
add_unit(const char *name, uint32_t parent, int level)
{
	struct unit u = { .parent = parent, .level = level, .name = (char *)name };

	assert_int_equal(store_unit_put(st, STORE_SYSTEM, &u), STORE_OK);
	return u.id;
}

static void
set_lead(uint32_t unit, uint32_t lead)
{
	struct unit u;

	assert_int_equal(store_unit_get(st, &ar, unit, &u), STORE_OK);
	u.lead = lead;
	assert_int_equal(store_unit_put(st, STORE_SYSTEM, &u), STORE_OK);
}

static uint32_t
add_person(const char *login, uint32_t unit, int role)
{
	struct person p = { .unit = unit, .role = role, .login = (char *)login,
	    .name = (char *)login };

	assert_int_equal(store_person_put(st, STORE_SYSTEM, &p), STORE_OK);
	return p.id;
}

static uint32_t
add_cycle(const char *name, int32_t start, int state)
{
	struct cycle c = { .start = start, .end = start + 89, .state = state,
	    .name = (char *)name };

	assert_int_equal(store_cycle_put(st, STORE_SYSTEM, &c), STORE_OK);
	return c.id;
}

/* An objective as a form would send it (id 0: a new one). */
static struct objective
objective(uint32_t cycle, uint32_t unit, uint32_t owner, int level, int state,
    const char *title)
{
	struct objective o = { .cycle = cycle, .unit = unit, .owner = owner,
	    .level = level, .state = state, .title = (char *)title,
	    .description = (char *)"" };

	return o;
}

/* A numeric KR of objective obj, 0 to 100, standing at current. */
static struct kr
kr(uint32_t obj, uint32_t owner, double current, const char *title)
{
	struct kr k = { .objective = obj, .owner = owner, .kind = KR_NUMERIC,
	    .direction = DIR_INCREASE, .start = 0, .target = 100,
	    .current = current, .weight = 1, .confidence = 0.5,
	    .title = (char *)title, .unit_label = (char *)"", .grade = -1 };

	return k;
}

static uint32_t
put_objective(uint32_t actor, struct objective o)
{
	assert_int_equal(store_objective_put(st, actor, &o), STORE_OK);
	return o.id;
}

static uint32_t
put_kr(uint32_t actor, struct kr k)
{
	assert_int_equal(store_kr_put(st, actor, &k), STORE_OK);
	return k.id;
}

/* Whether objective obj's history holds a change of field to value. */
static int
history_has(uint32_t obj, const char *field, const char *value)
{
	struct change *h;
	size_t i, n;

	assert_int_equal(store_history_by_objective(st, &ar, obj, &h, &n), STORE_OK);
	for (i = 0; i < n; i++)
		if (strcmp(h[i].field, field) == 0 &&
		    (value == NULL || strcmp(h[i].new_value, value) == 0))
			return 1;
	return 0;
}

static int
setup(void **state)
{
	int32_t today = okr_today();

	(void)state;
	if (mkdtemp(dir) == NULL ||
	    store_open(dir, STORE_CREATE, 8, &st) != STORE_OK)
		return -1;
	arena_init(&ar);
	u_c = add_unit("C", 0, LEVEL_COMPANY);
	u_d = add_unit("D", u_c, LEVEL_DEPARTMENT);
	u_e = add_unit("E", u_c, LEVEL_DEPARTMENT);
	u_t = add_unit("T", u_d, LEVEL_TEAM);
	p_admin = add_person("admin", u_c, ROLE_ADMIN);
	p_ceo = add_person("ceo", u_c, ROLE_LEAD);
	p_dlead = add_person("dlead", u_d, ROLE_LEAD);
	p_tlead = add_person("tlead", u_t, ROLE_LEAD);
	p_elead = add_person("elead", u_e, ROLE_LEAD);
	p_m = add_person("m", u_t, ROLE_MEMBER);
	set_lead(u_c, p_ceo);
	set_lead(u_d, p_dlead);
	set_lead(u_t, p_tlead);
	set_lead(u_e, p_elead);
	c_rev = add_cycle("2000-Q1", today - 500, CYCLE_REVIEW);
	c_prev = add_cycle("2000-Q2", today - 120, CYCLE_CLOSED);
	c_cur = add_cycle("2000-Q3", today - 30, CYCLE_ACTIVE);
	c_next = add_cycle("2000-Q4", today + 60, CYCLE_PLANNING);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	arena_free(&ar);
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Who may write a unit objective: its lead, a lead above, an admin. */
static void
test_objective_permissions(void **state)
{
	struct objective o;

	(void)state;
	o = objective(c_cur, u_t, p_tlead, LEVEL_TEAM, OBJ_ACTIVE, "T by m");
	assert_int_equal(store_objective_put(st, p_m, &o), STORE_FORBIDDEN);
	assert_int_equal(o.id, 0);
	assert_int_equal(store_objective_put(st, p_elead, &o), STORE_FORBIDDEN);
	put_objective(p_tlead, objective(c_cur, u_t, p_tlead, LEVEL_TEAM, OBJ_ACTIVE,
	    "T by its lead"));
	put_objective(p_dlead, objective(c_cur, u_t, p_tlead, LEVEL_TEAM, OBJ_ACTIVE,
	    "T by the lead above"));
	put_objective(p_admin, objective(c_cur, u_t, p_tlead, LEVEL_TEAM, OBJ_ACTIVE,
	    "T by an admin"));
	/* A personal objective: its owner, in the owner's unit. */
	put_objective(p_m, objective(c_cur, u_t, p_m, LEVEL_PERSONAL, OBJ_ACTIVE,
	    "m's own"));
	o = objective(c_cur, u_t, p_m, LEVEL_PERSONAL, OBJ_ACTIVE, "m's, by E");
	assert_int_equal(store_objective_put(st, p_elead, &o), STORE_FORBIDDEN);
	o = objective(c_cur, u_e, p_m, LEVEL_PERSONAL, OBJ_ACTIVE, "m's, elsewhere");
	assert_int_equal(store_objective_put(st, p_m, &o), STORE_INVALID);
	/* An unknown actor is no one. */
	o = objective(c_cur, u_t, p_tlead, LEVEL_TEAM, OBJ_ACTIVE, "by nobody");
	assert_int_equal(store_objective_put(st, 9999, &o), STORE_FORBIDDEN);
}

/* Units, people and cycles are an admin's; check-ins the KR's owner's
 * too; store_allowed() answers as the writes do. */
static void
test_admin_and_checkin_permissions(void **state)
{
	struct unit u = { .parent = u_c, .level = LEVEL_DEPARTMENT, .name = (char *)"X" };
	struct checkin ci = { .value = 40, .confidence = 0.7, .note = (char *)"" };
	struct kr k;
	uint32_t o, kid;

	(void)state;
	assert_int_equal(store_unit_put(st, p_ceo, &u), STORE_FORBIDDEN);
	assert_int_equal(store_unit_put(st, p_admin, &u), STORE_OK);
	o = put_objective(p_tlead, objective(c_cur, u_t, p_tlead, LEVEL_TEAM,
	    OBJ_ACTIVE, "check-ins"));
	kid = put_kr(p_tlead, kr(o, p_m, 10, "m's KR"));
	ci.kr = kid;
	assert_int_equal(store_allowed(st, p_m, PERM_CHECKIN, kid), STORE_OK);
	assert_int_equal(store_allowed(st, p_m, PERM_EDIT_OBJECTIVE, o), STORE_FORBIDDEN);
	assert_int_equal(store_allowed(st, p_elead, PERM_CHECKIN, kid), STORE_FORBIDDEN);
	assert_int_equal(store_allowed(st, p_dlead, PERM_MANAGE_UNIT, u_t), STORE_OK);
	assert_int_equal(store_allowed(st, p_tlead, PERM_MANAGE_UNIT, u_d), STORE_FORBIDDEN);
	assert_int_equal(store_checkins_add(st, p_elead, &ci, 1), STORE_FORBIDDEN);
	assert_int_equal(store_checkins_add(st, p_m, &ci, 1), STORE_OK);
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_true(k.current == 40);
	assert_true(k.confidence == 0.7);
	/* The owner checks in but does not edit the KR. */
	k.title = (char *)"renamed by m";
	assert_int_equal(store_kr_put(st, p_m, &k), STORE_FORBIDDEN);
}

/* Every write names the version it saw: a stale one is STORE_CONFLICT,
 * and the caller's record keeps its id and version. */
static void
test_versions(void **state)
{
	struct objective o, stale;
	struct kr k, kstale;

	(void)state;
	o = objective(c_cur, u_d, p_dlead, LEVEL_DEPARTMENT, OBJ_ACTIVE, "v1");
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_OK);
	assert_int_equal(o.version, 1);
	stale = o;
	o.title = (char *)"v2";
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_OK);
	assert_int_equal(o.version, 2);
	stale.title = (char *)"v2, from the old form";
	assert_int_equal(store_objective_put(st, p_dlead, &stale), STORE_CONFLICT);
	assert_int_equal(stale.version, 1);
	assert_int_equal(stale.id, o.id);
	assert_int_equal(store_objective_get(st, &ar, o.id, &o), STORE_OK);
	assert_string_equal(o.title, "v2");
	assert_true(history_has(o.id, "title", "v2"));

	k = kr(o.id, p_dlead, 0, "a KR");
	assert_int_equal(store_kr_put(st, p_dlead, &k), STORE_OK);
	kstale = k;
	k.target = 200;
	assert_int_equal(store_kr_put(st, p_dlead, &k), STORE_OK);
	assert_int_equal(k.version, 2);
	kstale.target = 300;
	assert_int_equal(store_kr_put(st, p_dlead, &kstale), STORE_CONFLICT);
	assert_int_equal(kstale.version, 1);
	assert_int_equal(store_kr_get(st, &ar, k.id, &k), STORE_OK);
	assert_true(k.target == 200);
	/* Where an objective belongs never changes. */
	o.unit = u_t;
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_INVALID);
}

/* A closed cycle is read-only for every web request, comments too. */
static void
test_closed_cycle(void **state)
{
	struct objective o;
	struct comment c = { .kind = COMMENT_PLAIN, .text = (char *)"late" };

	(void)state;
	o = objective(c_prev, u_d, p_dlead, LEVEL_DEPARTMENT, OBJ_ACTIVE, "closed");
	assert_int_equal(store_objective_put(st, p_admin, &o), STORE_CLOSED);
	/* The operator's command loads history. */
	c.objective = put_objective(STORE_SYSTEM, o);
	assert_int_equal(store_comment_add(st, p_dlead, &c), STORE_CLOSED);
	assert_int_equal(store_allowed(st, p_dlead, PERM_EDIT_OBJECTIVE, c.objective),
	    STORE_CLOSED);
}

/* A plans a meeting of type as D's lead and opens it with present. */
static struct meeting
open_meeting(int type, const char *present)
{
	struct meeting m = { .cycle = c_cur, .unit = u_d, .type = type,
	    .day = okr_today(), .status = -1, .title = (char *)"meeting",
	    .minutes = (char *)"", .decisions = (char *)"", .present = (char *)"",
	    .status_reason = (char *)"", .deferred = (char *)"" };

	assert_int_equal(store_meeting_put(st, p_tlead, &m), STORE_FORBIDDEN);
	assert_int_equal(store_meeting_put(st, p_dlead, &m), STORE_OK);
	assert_int_equal(m.state, MEET_PLANNED);
	m.state = MEET_OPEN;
	m.present = (char *)present;
	assert_int_equal(store_meeting_put(st, p_dlead, &m), STORE_OK);
	return m;
}

static int
verdict(uint32_t meeting, uint32_t obj, uint32_t k, int kind, const char *by)
{
	struct verdict v = { .meeting = meeting, .objective = obj, .kr = k,
	    .kind = kind, .text = (char *)"", .note = (char *)"",
	    .signed_by = (char *)by };

	return store_verdict_add(st, p_dlead, &v);
}

/* Drafts become agreed only in a consensus meeting, which closes when
 * every item has a decision and each objective kept two agreed KRs. */
static void
test_consensus(void **state)
{
	struct objective o;
	struct meeting m, stale;
	struct kr k;
	uint32_t oid, k1, k2, k3;

	(void)state;
	o = objective(c_cur, u_d, p_dlead, LEVEL_DEPARTMENT, OBJ_AGREED, "agreed at once");
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_RULE);
	oid = put_objective(p_dlead, objective(c_cur, u_d, p_dlead, LEVEL_DEPARTMENT,
	    OBJ_DRAFT, "a draft"));
	k1 = put_kr(p_dlead, kr(oid, p_dlead, 0, "K1"));
	/* The lead of a unit below proposes KRs on the draft; a member not. */
	k2 = put_kr(p_tlead, kr(oid, p_tlead, 0, "K2"));
	k = kr(oid, p_m, 0, "by m");
	assert_int_equal(store_kr_put(st, p_m, &k), STORE_FORBIDDEN);
	k3 = put_kr(p_dlead, kr(oid, p_dlead, 0, "K3"));
	assert_int_equal(store_kr_get(st, &ar, k1, &k), STORE_OK);
	assert_int_equal(k.state, KRS_PROPOSED);

	m = open_meeting(MEET_CONSENSUS, "dlead tlead");
	/* Those who sign off were present. */
	assert_int_equal(verdict(m.id, oid, 0, VERDICT_AGREE, "dlead m"), STORE_INVALID);
	assert_int_equal(verdict(m.id, oid, 0, VERDICT_AGREE, "dlead tlead"), STORE_OK);
	assert_int_equal(verdict(m.id, oid, k1, VERDICT_AGREE, "dlead"), STORE_OK);
	assert_int_equal(verdict(m.id, oid, k3, VERDICT_REJECT, "dlead"), STORE_OK);
	/* K2 undecided: the meeting stays open. */
	assert_int_equal(store_meeting_close(st, p_dlead, &m, "<meeting/>"), STORE_RULE);
	assert_int_equal(verdict(m.id, oid, k2, VERDICT_REJECT, "dlead"), STORE_OK);
	/* One agreed KR is not enough. */
	assert_int_equal(store_meeting_close(st, p_dlead, &m, "<meeting/>"), STORE_RULE);
	assert_int_equal(verdict(m.id, oid, k2, VERDICT_AGREE, "tlead"), STORE_OK);
	stale = m;
	stale.version--;
	assert_int_equal(store_meeting_close(st, p_dlead, &stale, "<meeting/>"),
	    STORE_CONFLICT);
	assert_int_equal(store_meeting_close(st, p_tlead, &m, "<meeting/>"),
	    STORE_FORBIDDEN);
	assert_int_equal(store_meeting_close(st, p_dlead, &m, "<meeting/>"), STORE_OK);
	assert_int_equal(m.state, MEET_CLOSED);
	assert_int_equal(store_meeting_close(st, p_dlead, &m, "<meeting/>"), STORE_CLOSED);

	assert_int_equal(store_objective_get(st, &ar, oid, &o), STORE_OK);
	assert_int_equal(o.state, OBJ_AGREED);
	assert_int_equal(store_kr_get(st, &ar, k1, &k), STORE_OK);
	assert_int_equal(k.state, KRS_AGREED);
	assert_int_equal(store_kr_get(st, &ar, k3, &k), STORE_OK);
	assert_int_equal(k.state, KRS_REJECTED);
	/* A rejected KR stays as decided. */
	k.title = (char *)"revived";
	assert_int_equal(store_kr_put(st, p_dlead, &k), STORE_RULE);
	/* Agreed: its text and its KRs' terms hold until the review; a new
	 * KR too; check-ins go on. */
	o.title = (char *)"changed after the meeting";
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_RULE);
	assert_int_equal(store_kr_get(st, &ar, k1, &k), STORE_OK);
	k.target = 50;
	assert_int_equal(store_kr_put(st, p_dlead, &k), STORE_RULE);
	k = kr(oid, p_dlead, 0, "K4");
	assert_int_equal(store_kr_put(st, p_dlead, &k), STORE_RULE);
	{
		struct checkin ci = { .kr = k1, .value = 20, .confidence = 0.5,
		    .note = (char *)"" };

		assert_int_equal(store_checkins_add(st, p_dlead, &ci, 1), STORE_OK);
	}
	/* A closed meeting never changes. */
	assert_int_equal(store_meeting_get(st, &ar, m.id, &m), STORE_OK);
	m.title = (char *)"renamed";
	assert_int_equal(store_meeting_put(st, p_dlead, &m), STORE_CLOSED);
}

/* An unfinished objective goes on into the next cycle, once, with the
 * KRs chosen, each starting where it stands; the original and the copy
 * name each other; the copy keeps its alignment only to the copy of the
 * KR above; a finished one does not go on. */
static void
test_carry(void **state)
{
	struct kr *ks;
	struct objective o;
	uint32_t oid, done, copy, k30, k100, other, dept, dk, dcopy, parent;
	size_t n;

	(void)state;
	dept = put_objective(p_dlead, objective(c_cur, u_d, p_dlead, LEVEL_DEPARTMENT,
	    OBJ_ACTIVE, "above"));
	dk = put_kr(p_dlead, kr(dept, p_dlead, 10, "above's KR"));
	o = objective(c_cur, u_t, p_tlead, LEVEL_TEAM, OBJ_ACTIVE, "unfinished");
	o.parent_kr = dk;
	oid = put_objective(p_tlead, o);
	k30 = put_kr(p_tlead, kr(oid, p_m, 30, "at 30"));
	k100 = put_kr(p_tlead, kr(oid, p_m, 100, "at 100"));
	other = put_kr(p_dlead, kr(dept, p_dlead, 0, "not its own"));
	assert_int_equal(store_objective_carry(st, p_m, oid, &k30, 1, &copy),
	    STORE_FORBIDDEN);
	assert_int_equal(copy, 0);
	assert_int_equal(store_objective_carry(st, p_tlead, oid, &other, 1, &copy),
	    STORE_INVALID);
	/* Unaligned while the KR above has not gone on; aligned once it has. */
	assert_int_equal(store_carry_parent(st, oid, &parent), STORE_OK);
	assert_int_equal(parent, 0);
	assert_int_equal(store_objective_carry(st, p_dlead, dept, &dk, 1, &dcopy),
	    STORE_OK);
	assert_int_equal(store_krs_by_objective(st, &ar, dcopy, &ks, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ks[0].carried_from, dk);
	assert_int_equal(store_carry_parent(st, oid, &parent), STORE_OK);
	assert_int_equal(parent, ks[0].id);
	assert_int_equal(store_objective_carry(st, p_tlead, oid, &k30, 1, &copy), STORE_OK);
	assert_int_not_equal(copy, 0);
	assert_int_equal(store_objective_get(st, &ar, copy, &o), STORE_OK);
	assert_int_equal(o.cycle, c_next);
	assert_int_equal(o.state, OBJ_ACTIVE);
	assert_int_equal(o.carried_from, oid);
	assert_int_equal(o.parent_kr, parent);
	assert_string_equal(o.title, "unfinished");
	assert_int_equal(store_krs_by_objective(st, &ar, copy, &ks, &n), STORE_OK);
	assert_int_equal(n, 1);	/* k100 was not chosen */
	assert_true(ks[0].start == 30);
	assert_true(ks[0].current == 30);
	assert_int_equal(ks[0].state, KRS_ACTIVE);
	assert_int_equal(ks[0].carried_from, k30);
	assert_int_equal(store_objective_get(st, &ar, oid, &o), STORE_OK);
	assert_int_equal(o.carried_to, copy);
	assert_true(history_has(oid, "carried", NULL));
	/* Never twice. */
	assert_int_equal(store_objective_carry(st, p_tlead, oid, &k100, 1, &copy),
	    STORE_CONFLICT);

	done = put_objective(p_tlead, objective(c_cur, u_t, p_tlead, LEVEL_TEAM,
	    OBJ_ACTIVE, "finished"));
	put_kr(p_tlead, kr(done, p_m, 100, "at 100"));
	assert_int_equal(store_objective_carry(st, p_tlead, done, NULL, 0, &copy),
	    STORE_INVALID);
	/* Nothing after the last cycle. */
	oid = put_objective(p_tlead, objective(c_next, u_t, p_tlead, LEVEL_TEAM,
	    OBJ_ACTIVE, "in the last cycle"));
	assert_int_equal(store_objective_carry(st, p_tlead, oid, NULL, 0, &copy),
	    STORE_INVALID);
}

/* A day belongs to one cycle: overlapping dates are refused, the same
 * span twice is a parallel track. */
static void
test_cycle_overlap(void **state)
{
	struct cycle c, *all;
	size_t n;

	(void)state;
	assert_int_equal(store_cycle_get(st, &ar, c_cur, &c), STORE_OK);
	c.id = 0;
	c.version = 0;
	c.name = (char *)"parallel";
	assert_int_equal(store_cycle_put(st, STORE_SYSTEM, &c), STORE_OK);
	c.id = 0;
	c.version = 0;
	c.start += 1;
	c.name = (char *)"overlapping";
	assert_int_equal(store_cycle_put(st, STORE_SYSTEM, &c), STORE_RULE);
	assert_int_equal(store_cycles_all(st, &ar, &all, &n), STORE_OK);
	assert_non_null(store_cycle_overlapping(all, n, &c));
}

/* "Create the next cycle" makes the quarter after the newest cycle; when
 * that cycle ended mid-quarter, the quarter would overlap it: refused. */
static void
test_cycle_next_overlap(void **state)
{
	struct cycle c = { .state = CYCLE_CLOSED, .name = (char *)"short" }, next;
	int32_t today = okr_today(), d;
	char day[11], now[32];

	(void)state;
	/* A cycle far ahead, ending on the 14th of a month. */
	c.start = today + 900;
	okr_date_format(today + 930, day);
	memcpy(day + 8, "14", 2);
	assert_int_equal(okr_date_parse(day, &d), 0);
	c.end = d;
	assert_int_equal(store_cycle_put(st, STORE_SYSTEM, &c), STORE_OK);
	/* While a cycle is still ahead, nothing to follow yet. */
	assert_int_equal(store_cycle_next(st, &ar, p_admin, &next), STORE_INVALID);
	/* Later, its quarter (from the 1st) would overlap its last days. */
	okr_date_format(c.end + 10, day);
	snprintf(now, sizeof(now), "%sT12:00:00Z", day);
	setenv("MUBIAO_NOW", now, 1);
	assert_int_equal(store_cycle_next(st, &ar, p_admin, &next), STORE_RULE);
	unsetenv("MUBIAO_NOW");
}

/* A meeting of type of unit in cycle, planned by the admin. */
static struct meeting
review_meeting(uint32_t cycle, uint32_t unit, int type)
{
	struct meeting m = { .cycle = cycle, .unit = unit, .type = type,
	    .day = okr_today(), .status = -1, .title = (char *)"review",
	    .minutes = (char *)"", .decisions = (char *)"", .present = (char *)"",
	    .status_reason = (char *)"", .deferred = (char *)"" };

	assert_int_equal(store_meeting_put(st, p_admin, &m), STORE_OK);
	return m;
}

/* At the quarterly review objectives stay as they are; KRs change only
 * with a reason, and are graded in tenths (another grade than the
 * proposed one with a reason). */
static void
test_quarterly(void **state)
{
	struct meeting q, qc;
	struct objective o;
	struct kr k;
	uint32_t oid, kid, active;

	(void)state;
	oid = put_objective(STORE_SYSTEM, objective(c_rev, u_d, p_dlead,
	    LEVEL_DEPARTMENT, OBJ_ACTIVE, "under review"));
	kid = put_kr(STORE_SYSTEM, kr(oid, p_dlead, 64, "at 64"));
	assert_int_equal(store_objective_get(st, &ar, oid, &o), STORE_OK);
	o.title = (char *)"changed at the review";
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_RULE);
	o = objective(c_rev, u_d, p_dlead, LEVEL_DEPARTMENT, OBJ_ACTIVE, "new at the review");
	assert_int_equal(store_objective_put(st, p_dlead, &o), STORE_RULE);

	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	k.target = 80;
	assert_int_equal(store_kr_put(st, p_dlead, &k), STORE_RULE);
	assert_int_equal(store_kr_adjust(st, p_dlead, &k, ""), STORE_RULE);
	assert_int_equal(store_kr_adjust(st, p_m, &k, "why"), STORE_FORBIDDEN);
	assert_int_equal(store_kr_adjust(st, p_dlead, &k, "the market moved"), STORE_OK);
	assert_true(history_has(oid, "reason", "the market moved"));

	/* Grades are given in the cycle's quarterly review of the unit or
	 * one above it (qc, the company's): not in another meeting, another
	 * cycle's or a sibling unit's. */
	q = review_meeting(c_rev, u_d, MEET_QUARTERLY);
	qc = review_meeting(c_rev, u_c, MEET_QUARTERLY);
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_int_equal(store_kr_grade(st, p_dlead, review_meeting(c_rev, u_d,
	    MEET_MONTHLY).id, kid, k.version, 0.8, NULL), STORE_INVALID);
	assert_int_equal(store_kr_grade(st, p_dlead, review_meeting(c_rev, u_e,
	    MEET_QUARTERLY).id, kid, k.version, 0.8, NULL), STORE_INVALID);
	assert_int_equal(store_kr_grade(st, p_dlead, review_meeting(c_cur, u_d,
	    MEET_QUARTERLY).id, kid, k.version, 0.8, NULL), STORE_INVALID);
	assert_int_equal(store_kr_grade(st, p_dlead, 0, kid, k.version, 0.8, NULL),
	    STORE_INVALID);

	/* 64 of 80 proposes 0.8. */
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_int_equal(store_kr_grade(st, p_dlead, q.id, kid, k.version, 0.55, "x"),
	    STORE_INVALID);
	assert_int_equal(store_kr_grade(st, p_dlead, q.id, kid, k.version, 0.5, NULL), STORE_RULE);
	assert_int_equal(store_kr_grade(st, p_dlead, q.id, kid, k.version - 1, 0.8, NULL),
	    STORE_CONFLICT);
	assert_int_equal(store_kr_grade(st, p_m, q.id, kid, k.version, 0.8, NULL),
	    STORE_FORBIDDEN);
	assert_int_equal(store_kr_grade(st, p_dlead, q.id, kid, k.version, 0.8, NULL), STORE_OK);
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_true(k.grade == 0.8);
	assert_int_equal(store_kr_grade(st, p_dlead, qc.id, kid, k.version, 0.5, "harsh"), STORE_OK);
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_true(k.grade == 0.5);

	/* Only the review drops a KR, and grades. */
	k.state = KRS_DROPPED;
	assert_int_equal(store_kr_adjust(st, p_dlead, &k, "no longer wanted"), STORE_OK);
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_int_equal(k.state, KRS_DROPPED);
	active = put_objective(p_dlead, objective(c_cur, u_d, p_dlead,
	    LEVEL_DEPARTMENT, OBJ_ACTIVE, "in an active cycle"));
	kid = put_kr(p_dlead, kr(active, p_dlead, 50, "at 50"));
	assert_int_equal(store_kr_get(st, &ar, kid, &k), STORE_OK);
	assert_int_equal(store_kr_grade(st, p_dlead, review_meeting(c_cur, u_d,
	    MEET_QUARTERLY).id, kid, k.version, 0.5, NULL), STORE_RULE);
	k.state = KRS_DROPPED;
	assert_int_equal(store_kr_adjust(st, p_dlead, &k, "dropped early"), STORE_RULE);
}

/* The notifications' records: addresses and opt-outs (the person or an
 * admin), bots (admins), the outbox written with the comment or draft
 * that causes it, fan-out once, deliveries tried, dead, resent, pruned,
 * and a slot that fires once. */
static void
test_notify(void **state)
{
	struct contact ct;
	struct bot b = { .unit = 0, .kind = BOT_WEBHOOK, .events = NOTE_ALL,
	    .lang = -1, .name = (char *)"hook", .url = (char *)"http://127.0.0.1:9/x",
	    .secret = (char *)"s" };
	struct comment cm = { .kind = COMMENT_PLAIN, .text = (char *)"well done" };
	struct delivery dv[2], *d, one;
	struct event *e, ev = { .kind = NOTE_DIGEST };
	uint32_t obj;
	int32_t minute;
	size_t n;
	int yes;

	(void)state;
	/* Contacts. */
	assert_int_equal(store_contact_get(st, &ar, p_m, &ct), STORE_OK);
	assert_int_equal(ct.version, 0);
	assert_string_equal(ct.email, "");
	ct.email = (char *)"m@example.com";
	ct.mute = 1u << NOTE_DIGEST;
	assert_int_equal(store_contact_put(st, p_tlead, &ct), STORE_FORBIDDEN);
	assert_int_equal(store_contact_put(st, p_m, &ct), STORE_OK);
	assert_int_equal(ct.version, 1);
	ct.version = 0;
	assert_int_equal(store_contact_put(st, p_admin, &ct), STORE_CONFLICT);
	ct.version = 1;
	ct.email = (char *)"m@example.com\nBcc: x@y.z";
	assert_int_equal(store_contact_put(st, p_m, &ct), STORE_INVALID);
	ct.email = (char *)"a, b@c.d";
	assert_int_equal(store_contact_put(st, p_m, &ct), STORE_INVALID);
	assert_int_equal(store_contact_get(st, &ar, p_m, &ct), STORE_OK);
	assert_string_equal(ct.email, "m@example.com");
	assert_int_equal(ct.mute, 1u << NOTE_DIGEST);
	assert_int_equal(store_contact_get(st, &ar, 99999, &ct), STORE_NOTFOUND);

	/* Bots. */
	b.unit = u_t;
	assert_int_equal(store_bot_put(st, p_tlead, &b), STORE_FORBIDDEN);
	b.url = (char *)"file:///etc/passwd";
	assert_int_equal(store_bot_put(st, p_admin, &b), STORE_INVALID);
	b.url = (char *)"http://127.0.0.1:9/x";
	b.unit = 99999;
	assert_int_equal(store_bot_put(st, p_admin, &b), STORE_INVALID);
	b.unit = u_t;
	assert_int_equal(store_bot_put(st, p_admin, &b), STORE_OK);
	assert_int_equal(store_bot_delete(st, p_admin, b.id, b.version + 1), STORE_CONFLICT);

	/* A comment's event, in its transaction; a system write has none. */
	assert_int_equal(store_events_new(st, &ar, 100, &e, &n), STORE_OK);
	assert_int_equal(n, 0);
	obj = put_objective(p_tlead, objective(c_cur, u_t, p_tlead, LEVEL_TEAM,
	    OBJ_ACTIVE, "Notified"));
	cm.objective = obj;
	assert_int_equal(store_comment_add(st, p_m, &cm), STORE_OK);
	assert_int_equal(store_events_new(st, &ar, 100, &e, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].kind, NOTE_COMMENT);
	assert_int_equal(e[0].person, p_tlead);
	assert_int_equal(e[0].ref, obj);
	assert_int_equal(e[0].ref2, cm.id);
	assert_int_equal(e[0].actor, p_m);
	memset(dv, 0, sizeof(dv));
	dv[0].channel = CHANNEL_MAIL;
	dv[0].target = p_tlead;
	dv[1].channel = CHANNEL_BOT;
	dv[1].target = b.id;
	assert_int_equal(store_event_fanout(st, e[0].id + 1, dv, 2), STORE_CONFLICT);
	assert_int_equal(store_event_fanout(st, e[0].id, dv, 2), STORE_OK);
	assert_int_equal(store_event_fanout(st, e[0].id, dv, 2), STORE_CONFLICT);
	assert_int_equal(store_events_new(st, &ar, 100, &e, &n), STORE_OK);
	assert_int_equal(n, 0);

	/* Tried: failed and due later, dead, resent, sent. */
	assert_int_equal(store_deliveries(st, &ar, DELIVERY_PENDING, okr_now(), 10,
	    &d, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_delivery_tried(st, dv[0].id, "HTTP 500\r\nX: y",
	    okr_now() + 3600), STORE_OK);
	assert_int_equal(store_deliveries(st, &ar, DELIVERY_PENDING, okr_now(), 10,
	    &d, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].id, dv[1].id);
	assert_int_equal(store_delivery_tried(st, dv[1].id, "down", 0), STORE_OK);
	assert_int_equal(store_deliveries(st, &ar, DELIVERY_DEAD, 0, 10, &d, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].error, "down");
	assert_int_equal(d[0].tries, 1);
	assert_int_equal(store_delivery_resend(st, p_m, dv[1].id), STORE_FORBIDDEN);
	assert_int_equal(store_delivery_resend(st, p_admin, dv[0].id), STORE_CONFLICT);
	assert_int_equal(store_delivery_resend(st, p_admin, dv[1].id), STORE_OK);
	assert_int_equal(store_deliveries(st, &ar, DELIVERY_DEAD, 0, 10, &d, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_delivery_tried(st, dv[1].id, NULL, 0), STORE_OK);
	assert_int_equal(store_delivery_get(st, &ar, dv[0].id, &one), STORE_OK);
	assert_string_equal(one.error, "HTTP 500");
	assert_int_equal(store_deliveries(st, &ar, DELIVERY_SENT, 0, 10, &d, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].state, DELIVERY_SENT);
	assert_int_equal(store_delivery_tried(st, dv[1].id, NULL, 0), STORE_CONFLICT);

	/* Pruned: the sent one; its event stays while one is pending. */
	assert_int_equal(store_deliveries_prune(st, okr_now() + 10, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_delivery_get(st, &ar, dv[1].id, &one), STORE_NOTFOUND);
	assert_int_equal(store_event_get(st, &ar, dv[0].event, &ev), STORE_OK);
	assert_int_equal(store_delivery_tried(st, dv[0].id, NULL, 0), STORE_OK);
	assert_int_equal(store_deliveries_prune(st, okr_now() + 10, &n), STORE_OK);
	assert_int_equal(store_event_get(st, &ar, dv[0].event, &ev), STORE_NOTFOUND);

	/* A company draft tells; a slot fires once. */
	put_objective(p_ceo, objective(c_next, u_c, p_ceo, LEVEL_COMPANY, OBJ_DRAFT,
	    "Drafted"));
	assert_int_equal(store_events_new(st, &ar, 100, &e, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].kind, NOTE_DRAFT);
	ev.kind = NOTE_DIGEST;
	ev.unit = u_t;
	assert_int_equal(store_slot_fired(st, "digest:x", &yes), STORE_OK);
	assert_false(yes);
	assert_int_equal(store_slot_fire(st, "digest:x", &ev, 1), STORE_OK);
	assert_int_equal(store_slot_fire(st, "digest:x", &ev, 1), STORE_CONFLICT);
	assert_int_equal(store_slot_fired(st, "digest:x", &yes), STORE_OK);
	assert_true(yes);
	assert_int_equal(store_events_new(st, &ar, 100, &e, &n), STORE_OK);
	assert_int_equal(n, 2);

	/* A unit's reminder time: who may manage the unit. */
	assert_int_equal(store_unit_remind_set(st, p_m, u_t, 600), STORE_FORBIDDEN);
	assert_int_equal(store_unit_remind_set(st, p_tlead, u_t, 7 * 1440), STORE_INVALID);
	assert_int_equal(store_unit_remind_set(st, p_tlead, u_t, 1440 + 570), STORE_OK);
	assert_int_equal(store_unit_remind_get(st, u_t, &minute), STORE_OK);
	assert_int_equal(minute, 1440 + 570);
	assert_int_equal(store_unit_remind_set(st, p_dlead, u_t, -1), STORE_OK);
	assert_int_equal(store_unit_remind_get(st, u_t, &minute), STORE_OK);
	assert_int_equal(minute, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objective_permissions),
		cmocka_unit_test(test_admin_and_checkin_permissions),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_closed_cycle),
		cmocka_unit_test(test_consensus),
		cmocka_unit_test(test_carry),
		cmocka_unit_test(test_cycle_overlap),
		cmocka_unit_test(test_cycle_next_overlap),
		cmocka_unit_test(test_quarterly),
		cmocka_unit_test(test_notify),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
