/* test-codec.c: the tagged record encoding (cgi/codec.c) over the record
 * tables of cgi/store.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "codec.h"
#include "okr.h"
#include "store.h"

#define HDR	3	/* 'M', version, record type */
#define S(lit)	((char *)(lit))	/* records hold char *; we never write */

static unsigned char buf[CODEC_MAXREC + 16];
static struct arena ar;

static int
setup(void **state)
{
	(void)state;
	arena_init(&ar);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&ar);
	return 0;
}

/* Equal strings, or both NULL. */
static void
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Encodes rec, then decodes it into out (first filled with garbage). */
static void
round_trip(const struct codec *c, const void *rec, void *out, size_t size)
{
	size_t len = codec_encode(c, rec, buf);

	assert_true(len >= HDR);
	memset(out, 0xa5, size);
	assert_int_equal(codec_decode(c, buf, len, out, &ar), 0);
}

/* A unit and a person survive encoding: extreme ids, Chinese, "", NULL. */
static void
unit_person_round_trip(void **state)
{
	struct unit u = { UINT32_MAX, 0, LEVEL_TEAM, 1, S("研发部·平台组") }, u2;
	struct person p = { 1, UINT32_MAX, 0, ROLE_ADMIN, S("zhangwei"),
	    S("张伟") }, p2;
	struct person q = { 2, 3, 4, -1, S(""), NULL }, q2;

	(void)state;
	round_trip(&store_codec_unit, &u, &u2, sizeof(u2));
	assert_int_equal(u2.id, UINT32_MAX);
	assert_int_equal(u2.parent, 0);
	assert_int_equal(u2.level, LEVEL_TEAM);
	assert_int_equal(u2.lead, 1);
	str_eq(u2.name, "研发部·平台组");
	round_trip(&store_codec_person, &p, &p2, sizeof(p2));
	assert_int_equal(p2.id, 1);
	assert_int_equal(p2.unit, UINT32_MAX);
	assert_int_equal(p2.manager, 0);
	assert_int_equal(p2.role, ROLE_ADMIN);
	str_eq(p2.login, "zhangwei");
	str_eq(p2.name, "张伟");
	round_trip(&store_codec_person, &q, &q2, sizeof(q2));
	assert_int_equal(q2.role, -1);
	str_eq(q2.login, "");
	str_eq(q2.name, NULL);
}

/* A cycle keeps INT32_MIN/INT32_MAX days. */
static void
cycle_round_trip(void **state)
{
	struct cycle c = { 7, INT32_MIN, INT32_MAX, CYCLE_CLOSED, S("2026-Q4") }, c2;

	(void)state;
	round_trip(&store_codec_cycle, &c, &c2, sizeof(c2));
	assert_int_equal(c2.id, 7);
	assert_int_equal(c2.start, INT32_MIN);
	assert_int_equal(c2.end, INT32_MAX);
	assert_int_equal(c2.state, CYCLE_CLOSED);
	str_eq(c2.name, "2026-Q4");
}

/* An objective keeps every field, negative int64 times included. */
static void
objective_round_trip(void **state)
{
	struct objective o = { UINT32_MAX, 2, 3, 4, 5, LEVEL_PERSONAL, OBJ_DRAFT,
	    UINT32_MAX, 6, 7, INT64_MIN, -1, S("提升客户满意度"), S("") }, o2;

	(void)state;
	round_trip(&store_codec_objective, &o, &o2, sizeof(o2));
	assert_int_equal(o2.id, UINT32_MAX);
	assert_int_equal(o2.cycle, 2);
	assert_int_equal(o2.unit, 3);
	assert_int_equal(o2.owner, 4);
	assert_int_equal(o2.parent_kr, 5);
	assert_int_equal(o2.level, LEVEL_PERSONAL);
	assert_int_equal(o2.state, OBJ_DRAFT);
	assert_int_equal(o2.version, UINT32_MAX);
	assert_int_equal(o2.created_by, 6);
	assert_int_equal(o2.updated_by, 7);
	assert_true(o2.created_at == INT64_MIN);
	assert_true(o2.updated_at == -1);
	str_eq(o2.title, "提升客户满意度");
	str_eq(o2.description, "");
	o.description = NULL;
	round_trip(&store_codec_objective, &o, &o2, sizeof(o2));
	str_eq(o2.description, NULL);
}

/* A KR keeps its doubles bit for bit (-0.5, 1e15, -0.0, DBL_MAX...). */
static void
kr_round_trip(void **state)
{
	struct kr k = { 1, 2, 3, KR_PERCENT, DIR_DECREASE, -20000, 9,
	    -0.5, 1e15, -0.0, DBL_MAX, DBL_TRUE_MIN, INT64_MAX, S("月活跃用户"),
	    S("万元") }, k2;

	(void)state;
	round_trip(&store_codec_kr, &k, &k2, sizeof(k2));
	assert_int_equal(k2.kind, KR_PERCENT);
	assert_int_equal(k2.direction, DIR_DECREASE);
	assert_int_equal(k2.due, -20000);
	assert_int_equal(k2.version, 9);
	assert_true(k2.start == -0.5);
	assert_true(k2.target == 1e15);
	assert_true(k2.current == 0 && signbit(k2.current));
	assert_true(k2.weight == DBL_MAX);
	assert_true(k2.confidence == DBL_TRUE_MIN);
	assert_true(k2.updated_at == INT64_MAX);
	str_eq(k2.title, "月活跃用户");
	str_eq(k2.unit_label, "万元");
}

/* A check-in keeps a time before 1970, an infinite value and a NULL note. */
static void
checkin_round_trip(void **state)
{
	struct checkin c = { 1, 2, 3, -86400, -INFINITY, 0.25, NULL }, c2;

	(void)state;
	round_trip(&store_codec_checkin, &c, &c2, sizeof(c2));
	assert_int_equal(c2.id, 1);
	assert_int_equal(c2.kr, 2);
	assert_int_equal(c2.author, 3);
	assert_true(c2.at == -86400);
	assert_true(isinf(c2.value) && c2.value < 0);
	assert_true(c2.confidence == 0.25);
	str_eq(c2.note, NULL);
	c.note = S("按计划推进");
	round_trip(&store_codec_checkin, &c, &c2, sizeof(c2));
	str_eq(c2.note, "按计划推进");
}

/* Decoding without an arena fills the numbers and leaves strings NULL. */
static void
decode_without_arena(void **state)
{
	struct unit u = { 5, 1, LEVEL_DEPARTMENT, 2, S("销售部") }, u2;
	size_t len = codec_encode(&store_codec_unit, &u, buf);

	(void)state;
	memset(&u2, 0xa5, sizeof(u2));
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, NULL), 0);
	assert_int_equal(u2.id, 5);
	assert_int_equal(u2.lead, 2);
	assert_null(u2.name);
}

#define F(s, tag, type, member) { tag, type, offsetof(struct s, member), 0 }

/* An objective written by an older build (no state, version, description)
 * reads with their defaults: OBJ_ACTIVE, 1, NULL. */
static void
old_objective_defaults(void **state)
{
	static const struct field old[] = {
		F(objective, 1, FT_U32, id), F(objective, 2, FT_U32, cycle),
		F(objective, 3, FT_U32, unit), F(objective, 4, FT_U32, owner),
		F(objective, 5, FT_U32, parent_kr), F(objective, 6, FT_I32, level),
		F(objective, 9, FT_U32, created_by),
		F(objective, 10, FT_U32, updated_by),
		F(objective, 11, FT_I64, created_at),
		F(objective, 12, FT_I64, updated_at),
		F(objective, 13, FT_STR, title),
	};
	const struct codec oldc = { 'O', old, sizeof(old) / sizeof(old[0]) };
	struct objective o = { 11, 2, 3, 4, 0, LEVEL_TEAM, OBJ_ARCHIVED, 8, 5, 6,
	    100, 200, S("旧目标"), S("ignored") }, o2;
	size_t len = codec_encode(&oldc, &o, buf);

	(void)state;
	memset(&o2, 0xa5, sizeof(o2));
	assert_int_equal(codec_decode(&store_codec_objective, buf, len, &o2, &ar), 0);
	assert_int_equal(o2.state, OBJ_ACTIVE);
	assert_int_equal(o2.version, 1);
	assert_null(o2.description);
	assert_int_equal(o2.id, 11);
	assert_int_equal(o2.level, LEVEL_TEAM);
	assert_true(o2.updated_at == 200);
	str_eq(o2.title, "旧目标");
}

/* A KR written before weight and confidence reads weight 1, confidence 0.5. */
static void
old_kr_defaults(void **state)
{
	static const struct field old[] = {
		F(kr, 1, FT_U32, id), F(kr, 2, FT_U32, objective),
		F(kr, 3, FT_U32, owner), F(kr, 4, FT_I32, kind),
		F(kr, 5, FT_I32, direction), F(kr, 6, FT_I32, due),
		F(kr, 7, FT_U32, version), F(kr, 8, FT_DBL, start),
		F(kr, 9, FT_DBL, target), F(kr, 10, FT_DBL, current),
		F(kr, 13, FT_I64, updated_at), F(kr, 14, FT_STR, title),
		F(kr, 15, FT_STR, unit_label),
	};
	const struct codec oldc = { 'K', old, sizeof(old) / sizeof(old[0]) };
	struct kr k = { 3, 1, 2, KR_NUMERIC, DIR_INCREASE, 20000, 4, 0, 100, 58,
	    7, 0.9, 0, S("签约客户"), NULL }, k2;
	size_t len = codec_encode(&oldc, &k, buf);

	(void)state;
	memset(&k2, 0xa5, sizeof(k2));
	assert_int_equal(codec_decode(&store_codec_kr, buf, len, &k2, &ar), 0);
	assert_true(k2.weight == 1);
	assert_true(k2.confidence == 0.5);
	assert_true(k2.current == 58);
	assert_int_equal(k2.version, 4);
	str_eq(k2.title, "签约客户");
	assert_null(k2.unit_label);
}

/* A field of a newer build (unknown tag), at the end or first, is skipped. */
static void
unknown_tag_skipped(void **state)
{
	static const unsigned char extra[] = { 200, 0, 2, 'x', 'y' };
	struct cycle c = { 9, 1, 2, CYCLE_ACTIVE, S("2027-Q1") }, c2;
	size_t len = codec_encode(&store_codec_cycle, &c, buf);

	(void)state;
	memcpy(buf + len, extra, sizeof(extra));
	memset(&c2, 0, sizeof(c2));
	assert_int_equal(codec_decode(&store_codec_cycle, buf, len + 5, &c2, &ar), 0);
	assert_int_equal(c2.id, 9);
	str_eq(c2.name, "2027-Q1");
	memmove(buf + HDR + 5, buf + HDR, len - HDR);
	memcpy(buf + HDR, extra, sizeof(extra));
	memset(&c2, 0, sizeof(c2));
	assert_int_equal(codec_decode(&store_codec_cycle, buf, len + 5, &c2, &ar), 0);
	assert_int_equal(c2.state, CYCLE_ACTIVE);
	str_eq(c2.name, "2027-Q1");
}

/* Every truncation decodes without crashing: at a field boundary it is a
 * valid shorter record, inside the header or a field it is -1. */
static void
truncations(void **state)
{
	struct objective o = { 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, -5, 6, S("标题"),
	    S("说明") }, o2;
	size_t len = codec_encode(&store_codec_objective, &o, buf), cut, next = HDR;

	(void)state;
	for (cut = 0; cut < len; cut++) {
		int want = cut == next ? 0 : -1;

		if (cut == next)
			next += 3 + ((size_t)buf[next + 1] << 8 | buf[next + 2]);
		if (codec_decode(&store_codec_objective, buf, cut, &o2, &ar) != want)
			fail_msg("cut at %zu of %zu: expected %d", cut, len, want);
	}
	assert_int_equal(next, len);
}

/* Wrong magic, another record type, or a header from a newer build: -1. */
static void
bad_header(void **state)
{
	struct unit u = { 1, 0, 0, 0, S("x") }, u2;
	size_t len = codec_encode(&store_codec_unit, &u, buf);

	(void)state;
	assert_int_equal(codec_decode(&store_codec_person, buf, len, &u2, &ar), -1);
	buf[1] = CODEC_VERSION + 1;
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, &ar), -1);
	buf[1] = CODEC_VERSION;
	buf[0] = 'm';
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, &ar), -1);
}

/* A number of the wrong length, a NUL in a string, a NaN double: -1. */
static void
bad_fields(void **state)
{
	static const unsigned char short_u32[] = { 'M', CODEC_VERSION, 'U',
	    1, 0, 3, 0, 0, 1 };
	static const unsigned char long_i64[] = { 'M', CODEC_VERSION, 'I',
	    4, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct unit u = { 1, 0, 0, 0, S("ab") }, u2;
	struct kr k = { 1, 1, 1, 0, 0, 0, 1, 0, 10, NAN, 1, 0.5, 0, S("t"), NULL }, k2;
	struct checkin c2;
	size_t len;

	(void)state;
	assert_int_equal(codec_decode(&store_codec_unit, short_u32,
	    sizeof(short_u32), &u2, &ar), -1);
	assert_int_equal(codec_decode(&store_codec_checkin, long_i64,
	    sizeof(long_i64), &c2, &ar), -1);
	len = codec_encode(&store_codec_unit, &u, buf);
	assert_int_equal(buf[len - 1], 'b');
	buf[len - 1] = '\0';
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, &ar), -1);
	len = codec_encode(&store_codec_kr, &k, buf);
	assert_int_equal(codec_decode(&store_codec_kr, buf, len, &k2, &ar), -1);
}

/* A string past the 65535-byte field or the record limit is not encoded. */
static void
too_long(void **state)
{
	static char big[70001], half[40001];
	struct unit u = { 1, 0, 0, 0, big };
	struct objective o = { 0 };

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	assert_int_equal(codec_encode(&store_codec_unit, &u, buf), 0);
	memset(half, 'b', sizeof(half) - 1);
	o.title = o.description = half;
	assert_int_equal(codec_encode(&store_codec_objective, &o, buf), 0);
	o.description = NULL;
	assert_true(codec_encode(&store_codec_objective, &o, buf) > 40000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unit_person_round_trip),
		cmocka_unit_test(cycle_round_trip),
		cmocka_unit_test(objective_round_trip),
		cmocka_unit_test(kr_round_trip),
		cmocka_unit_test(checkin_round_trip),
		cmocka_unit_test(decode_without_arena),
		cmocka_unit_test(old_objective_defaults),
		cmocka_unit_test(old_kr_defaults),
		cmocka_unit_test(unknown_tag_skipped),
		cmocka_unit_test(truncations),
		cmocka_unit_test(bad_header),
		cmocka_unit_test(bad_fields),
		cmocka_unit_test(too_long),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
