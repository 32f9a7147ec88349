/* test-codec.c: the tagged record encoding (cgi/codec.c) over the record
 * tables of cgi/store-schema.c.  Records are written with designated initializers
 * so that a member added to a struct cannot shift the values silently. */
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

/* A unit and a person survive encoding: extreme ids and versions,
 * Chinese, "", NULL. */
static void
unit_person_round_trip(void **state)
{
	struct unit u = { .id = UINT32_MAX, .version = UINT32_MAX - 1,
	    .parent = 0, .level = LEVEL_TEAM, .lead = 1,
	    .name = S("研发部·平台组") }, u2;
	struct person p = { .id = 1, .version = 2, .unit = UINT32_MAX,
	    .manager = 0, .role = ROLE_ADMIN, .login = S("zhangwei"),
	    .name = S("张伟") }, p2;
	struct person q = { .id = 2, .version = UINT32_MAX, .unit = 3,
	    .manager = 4, .role = -1, .login = S(""), .name = NULL }, q2;

	(void)state;
	round_trip(&store_codec_unit, &u, &u2, sizeof(u2));
	assert_int_equal(u2.id, UINT32_MAX);
	assert_int_equal(u2.version, UINT32_MAX - 1);
	assert_int_equal(u2.parent, 0);
	assert_int_equal(u2.level, LEVEL_TEAM);
	assert_int_equal(u2.lead, 1);
	str_eq(u2.name, "研发部·平台组");
	round_trip(&store_codec_person, &p, &p2, sizeof(p2));
	assert_int_equal(p2.id, 1);
	assert_int_equal(p2.version, 2);
	assert_int_equal(p2.unit, UINT32_MAX);
	assert_int_equal(p2.manager, 0);
	assert_int_equal(p2.role, ROLE_ADMIN);
	str_eq(p2.login, "zhangwei");
	str_eq(p2.name, "张伟");
	round_trip(&store_codec_person, &q, &q2, sizeof(q2));
	assert_int_equal(q2.version, UINT32_MAX);
	assert_int_equal(q2.unit, 3);
	assert_int_equal(q2.manager, 4);
	assert_int_equal(q2.role, -1);
	str_eq(q2.login, "");
	str_eq(q2.name, NULL);
}

/* A cycle keeps INT32_MIN/INT32_MAX days. */
static void
cycle_round_trip(void **state)
{
	struct cycle c = { .id = 7, .version = 3, .start = INT32_MIN,
	    .end = INT32_MAX, .state = CYCLE_CLOSED, .name = S("2026-Q4") }, c2;

	(void)state;
	round_trip(&store_codec_cycle, &c, &c2, sizeof(c2));
	assert_int_equal(c2.id, 7);
	assert_int_equal(c2.version, 3);
	assert_int_equal(c2.start, INT32_MIN);
	assert_int_equal(c2.end, INT32_MAX);
	assert_int_equal(c2.state, CYCLE_CLOSED);
	str_eq(c2.name, "2026-Q4");
}

/* An objective keeps every field, negative int64 times included. */
static void
objective_round_trip(void **state)
{
	struct objective o = { .id = UINT32_MAX, .cycle = 2, .unit = 3,
	    .owner = 4, .parent_kr = 5, .level = LEVEL_PERSONAL,
	    .state = OBJ_DRAFT, .version = UINT32_MAX, .created_by = 6,
	    .updated_by = 7, .created_at = INT64_MIN, .updated_at = -1,
	    .title = S("提升客户满意度"), .description = S("") }, o2;

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
	struct kr k = { .id = 1, .objective = 2, .owner = 3, .kind = KR_PERCENT,
	    .direction = DIR_DECREASE, .due = -20000, .version = 9,
	    .start = -0.5, .target = 1e15, .current = -0.0, .weight = DBL_MAX,
	    .confidence = DBL_TRUE_MIN, .updated_at = INT64_MAX,
	    .title = S("月活跃用户"), .unit_label = S("万元") }, k2;

	(void)state;
	round_trip(&store_codec_kr, &k, &k2, sizeof(k2));
	assert_int_equal(k2.id, 1);
	assert_int_equal(k2.objective, 2);
	assert_int_equal(k2.owner, 3);
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
	struct checkin c = { .id = 1, .kr = 2, .author = 3, .at = -86400,
	    .value = -INFINITY, .confidence = 0.25, .note = NULL }, c2;

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

/* A change of the history keeps its record kind, a time before 1970, an
 * absent old value (a creation) and values with line breaks. */
static void
change_round_trip(void **state)
{
	struct change h = { .id = UINT32_MAX, .objective = 2, .record_id = 3,
	    .by = 0, .record = 'K', .at = INT64_MIN, .field = S("current"),
	    .old_value = NULL, .new_value = S("58") }, h2;

	(void)state;
	round_trip(&store_codec_change, &h, &h2, sizeof(h2));
	assert_int_equal(h2.id, UINT32_MAX);
	assert_int_equal(h2.objective, 2);
	assert_int_equal(h2.record_id, 3);
	assert_int_equal(h2.by, 0);
	assert_int_equal(h2.record, 'K');
	assert_true(h2.at == INT64_MIN);
	str_eq(h2.field, "current");
	str_eq(h2.old_value, NULL);
	str_eq(h2.new_value, "58");
	h.record = 'O';
	h.by = UINT32_MAX;
	h.at = 1767225600;
	h.field = S("description");
	h.old_value = S("第一行\n第二行\t完");
	h.new_value = S("");
	round_trip(&store_codec_change, &h, &h2, sizeof(h2));
	assert_int_equal(h2.record, 'O');
	assert_int_equal(h2.by, UINT32_MAX);
	assert_true(h2.at == 1767225600);
	str_eq(h2.field, "description");
	str_eq(h2.old_value, "第一行\n第二行\t完");
	str_eq(h2.new_value, "");
}

/* A comment keeps its kind, owner and author, and multi-line text. */
static void
comment_round_trip(void **state)
{
	struct comment m = { .id = 4, .objective = UINT32_MAX, .owner = 5,
	    .author = 6, .kind = COMMENT_PROPOSAL, .at = -1,
	    .text = S("建议下季度加入：\r\n- 客户回访") }, m2;

	(void)state;
	round_trip(&store_codec_comment, &m, &m2, sizeof(m2));
	assert_int_equal(m2.id, 4);
	assert_int_equal(m2.objective, UINT32_MAX);
	assert_int_equal(m2.owner, 5);
	assert_int_equal(m2.author, 6);
	assert_int_equal(m2.kind, COMMENT_PROPOSAL);
	assert_true(m2.at == -1);
	str_eq(m2.text, "建议下季度加入：\r\n- 客户回访");
	m.kind = COMMENT_PLAIN;
	m.text = NULL;
	round_trip(&store_codec_comment, &m, &m2, sizeof(m2));
	assert_int_equal(m2.kind, COMMENT_PLAIN);
	str_eq(m2.text, NULL);
}

/* The record tables: record types distinct, tags unique and non-zero in
 * each table, members inside the struct and not overlapping; a field the
 * history records has a name, an enum field its names; the titles where
 * the history looks for them. */
static void
tables_consistent(void **state)
{
	static const struct {
		const struct codec *c;
		size_t size;
	} t[] = {
		{ &store_codec_unit, sizeof(struct unit) },
		{ &store_codec_person, sizeof(struct person) },
		{ &store_codec_cycle, sizeof(struct cycle) },
		{ &store_codec_objective, sizeof(struct objective) },
		{ &store_codec_kr, sizeof(struct kr) },
		{ &store_codec_checkin, sizeof(struct checkin) },
		{ &store_codec_change, sizeof(struct change) },
		{ &store_codec_comment, sizeof(struct comment) },
		{ &store_codec_meeting, sizeof(struct meeting) },
		{ &store_codec_action, sizeof(struct action) },
		{ &store_codec_grow, sizeof(struct grow) },
		{ &store_codec_verdict, sizeof(struct verdict) },
	};
	static const size_t width[FT__MAX] = { 4, 4, 8, 8, sizeof(char *) };
	size_t i, j, a, b;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct codec *c = t[i].c;

		for (j = 0; j < i; j++)
			if (t[j].c->rtype == c->rtype)
				fail_msg("tables %zu and %zu share type '%c'", j, i,
				    c->rtype);
		for (a = 0; a < c->nfields; a++) {
			const struct field *f = &c->fields[a];

			if (f->tag == 0 || f->type >= FT__MAX ||
			    f->off + width[f->type] > t[i].size)
				fail_msg("'%c' field %zu: tag %d, type %d, offset %zu",
				    c->rtype, a, f->tag, (int)f->type, f->off);
			/* A history name needs a format; an enumeration in the
			 * history needs its names; names go with int32 only;
			 * every field has its XML name. */
			if ((f->name != NULL && f->fmt == FMT_NONE) ||
			    (f->fmt == FMT_ENUM && f->enames == NULL) ||
			    (f->enames != NULL && f->type != FT_I32) || f->xml == NULL)
				fail_msg("'%c' tag %d: name, fmt, enames and xml disagree",
				    c->rtype, f->tag);
			for (b = 0; b < a; b++) {
				const struct field *g = &c->fields[b];

				if (g->tag == f->tag)
					fail_msg("'%c': tag %d twice", c->rtype, f->tag);
				if (f->off < g->off + width[g->type] &&
				    g->off < f->off + width[f->type])
					fail_msg("'%c': tags %d and %d overlap",
					    c->rtype, g->tag, f->tag);
			}
		}
	}
}

/* Decoding without an arena fills the numbers and leaves strings NULL. */
static void
decode_without_arena(void **state)
{
	struct unit u = { .id = 5, .version = 6, .parent = 1,
	    .level = LEVEL_DEPARTMENT, .lead = 2, .name = S("销售部") }, u2;
	size_t len = codec_encode(&store_codec_unit, &u, buf);

	(void)state;
	memset(&u2, 0xa5, sizeof(u2));
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, NULL), 0);
	assert_int_equal(u2.id, 5);
	assert_int_equal(u2.version, 6);
	assert_int_equal(u2.lead, 2);
	assert_null(u2.name);
}

/* A field of an older build's table; the history metadata stays zero. */
#define F(s, t, ty, member) \
	{ .tag = (t), .type = (ty), .off = offsetof(struct s, member) }

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
	const struct codec oldc = { .rtype = 'O', .fields = old,
	    .nfields = sizeof(old) / sizeof(old[0]) };
	struct objective o = { .id = 11, .cycle = 2, .unit = 3, .owner = 4,
	    .parent_kr = 0, .level = LEVEL_TEAM, .state = OBJ_ARCHIVED,
	    .version = 8, .created_by = 5, .updated_by = 6, .created_at = 100,
	    .updated_at = 200, .title = S("旧目标"), .description = S("ignored") }, o2;
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
	const struct codec oldc = { .rtype = 'K', .fields = old,
	    .nfields = sizeof(old) / sizeof(old[0]) };
	struct kr k = { .id = 3, .objective = 1, .owner = 2, .kind = KR_NUMERIC,
	    .direction = DIR_INCREASE, .due = 20000, .version = 4, .start = 0,
	    .target = 100, .current = 58, .weight = 7, .confidence = 0.9,
	    .updated_at = 0, .title = S("签约客户"), .unit_label = NULL }, k2;
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

/* Encodes rec with an older build's table, which lacks today's tag vtag,
 * then decodes it with today's table into out (first filled with garbage). */
static void
old_read(const struct field *old, size_t n, uint8_t vtag,
    const struct codec *now, const void *rec, void *out, size_t size)
{
	const struct codec oldc = { .rtype = now->rtype, .fields = old,
	    .nfields = n };
	size_t len = codec_encode(&oldc, rec, buf), i;

	assert_true(len >= HDR);
	for (i = HDR; i < len; i += 3 + ((size_t)buf[i + 1] << 8 | buf[i + 2]))
		if (buf[i] == vtag)
			fail_msg("'%c': the old record holds tag %d", now->rtype, vtag);
	for (i = 0; i < now->nfields; i++)
		if (now->fields[i].tag == vtag)
			break;
	if (i == now->nfields)
		fail_msg("'%c': today's table lacks tag %d", now->rtype, vtag);
	memset(out, 0xa5, size);
	assert_int_equal(codec_decode(now, buf, len, out, &ar), 0);
}

/* A unit, person or cycle written before they had a version (tag 6 of a
 * unit and a cycle, 7 of a person) reads version 1, the rest unchanged. */
static void
old_versionless_records(void **state)
{
	static const struct field old_unit[] = {
		F(unit, 1, FT_U32, id), F(unit, 2, FT_U32, parent),
		F(unit, 3, FT_I32, level), F(unit, 4, FT_U32, lead),
		F(unit, 5, FT_STR, name),
	};
	static const struct field old_person[] = {
		F(person, 1, FT_U32, id), F(person, 2, FT_U32, unit),
		F(person, 3, FT_U32, manager), F(person, 4, FT_I32, role),
		F(person, 5, FT_STR, login), F(person, 6, FT_STR, name),
	};
	static const struct field old_cycle[] = {
		F(cycle, 1, FT_U32, id), F(cycle, 2, FT_I32, start),
		F(cycle, 3, FT_I32, end), F(cycle, 4, FT_I32, state),
		F(cycle, 5, FT_STR, name),
	};
	struct unit u = { .id = 4, .version = 9, .parent = 1,
	    .level = LEVEL_TEAM, .lead = 7, .name = S("平台组") }, u2;
	struct person p = { .id = 7, .version = 9, .unit = 4, .manager = 3,
	    .role = ROLE_LEAD, .login = S("lina"), .name = S("李娜") }, p2;
	struct cycle c = { .id = 2, .version = 9, .start = 20454, .end = 20544,
	    .state = CYCLE_ACTIVE, .name = S("2026-Q1") }, c2;

	(void)state;
	old_read(old_unit, sizeof(old_unit) / sizeof(old_unit[0]), 6,
	    &store_codec_unit, &u, &u2, sizeof(u2));
	assert_int_equal(u2.version, 1);
	assert_int_equal(u2.id, 4);
	assert_int_equal(u2.parent, 1);
	assert_int_equal(u2.level, LEVEL_TEAM);
	assert_int_equal(u2.lead, 7);
	str_eq(u2.name, "平台组");
	old_read(old_person, sizeof(old_person) / sizeof(old_person[0]), 7,
	    &store_codec_person, &p, &p2, sizeof(p2));
	assert_int_equal(p2.version, 1);
	assert_int_equal(p2.id, 7);
	assert_int_equal(p2.unit, 4);
	assert_int_equal(p2.manager, 3);
	assert_int_equal(p2.role, ROLE_LEAD);
	str_eq(p2.login, "lina");
	str_eq(p2.name, "李娜");
	old_read(old_cycle, sizeof(old_cycle) / sizeof(old_cycle[0]), 6,
	    &store_codec_cycle, &c, &c2, sizeof(c2));
	assert_int_equal(c2.version, 1);
	assert_int_equal(c2.id, 2);
	assert_int_equal(c2.start, 20454);
	assert_int_equal(c2.end, 20544);
	assert_int_equal(c2.state, CYCLE_ACTIVE);
	str_eq(c2.name, "2026-Q1");
}

/* A field of a newer build (unknown tag), at the end or first, is skipped. */
static void
unknown_tag_skipped(void **state)
{
	static const unsigned char extra[] = { 200, 0, 2, 'x', 'y' };
	struct cycle c = { .id = 9, .version = 2, .start = 1, .end = 2,
	    .state = CYCLE_ACTIVE, .name = S("2027-Q1") }, c2;
	size_t len = codec_encode(&store_codec_cycle, &c, buf);

	(void)state;
	memcpy(buf + len, extra, sizeof(extra));
	memset(&c2, 0, sizeof(c2));
	assert_int_equal(codec_decode(&store_codec_cycle, buf, len + 5, &c2, &ar), 0);
	assert_int_equal(c2.id, 9);
	assert_int_equal(c2.version, 2);
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
	struct objective o = { .id = 1, .cycle = 2, .unit = 3, .owner = 4,
	    .parent_kr = 5, .level = 0, .state = 1, .version = 2,
	    .created_by = 3, .updated_by = 4, .created_at = -5, .updated_at = 6,
	    .title = S("标题"), .description = S("说明") }, o2;
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
	struct unit u = { .id = 1, .version = 1, .name = S("x") }, u2;
	size_t len = codec_encode(&store_codec_unit, &u, buf);

	(void)state;
	assert_int_equal(codec_decode(&store_codec_person, buf, len, &u2, &ar), -1);
	buf[1] = CODEC_VERSION + 1;
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, &ar), -1);
	buf[1] = CODEC_VERSION;
	buf[0] = 'm';
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, &ar), -1);
}

/* The value of field tag in an encoded record; fails the test if absent. */
static unsigned char *
value_of(unsigned char *rec, size_t len, int tag)
{
	size_t i;

	for (i = HDR; i + 3 <= len; i += 3 + ((size_t)rec[i + 1] << 8 | rec[i + 2]))
		if (rec[i] == tag)
			return rec + i + 3;
	fail_msg("no field with tag %d", tag);
	return NULL;
}

/* A number of the wrong length, a NUL in a string, a NaN double: -1. */
static void
bad_fields(void **state)
{
	static const unsigned char short_u32[] = { 'M', CODEC_VERSION, 'U',
	    1, 0, 3, 0, 0, 1 };
	static const unsigned char long_i64[] = { 'M', CODEC_VERSION, 'I',
	    4, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct unit u = { .id = 1, .version = 1, .name = S("ab") }, u2;
	struct kr k = { .id = 1, .objective = 1, .owner = 1, .version = 1,
	    .start = 0, .target = 10, .current = NAN, .weight = 1,
	    .confidence = 0.5, .title = S("t") }, k2;
	struct checkin c2;
	unsigned char *nul;
	size_t len;

	(void)state;
	assert_int_equal(codec_decode(&store_codec_unit, short_u32,
	    sizeof(short_u32), &u2, &ar), -1);
	assert_int_equal(codec_decode(&store_codec_checkin, long_i64,
	    sizeof(long_i64), &c2, &ar), -1);
	len = codec_encode(&store_codec_unit, &u, buf);
	nul = value_of(buf, len, 5) + 1;	/* the name's 'b' */
	assert_int_equal(*nul, 'b');
	*nul = '\0';
	assert_int_equal(codec_decode(&store_codec_unit, buf, len, &u2, &ar), -1);
	len = codec_encode(&store_codec_kr, &k, buf);
	assert_int_equal(codec_decode(&store_codec_kr, buf, len, &k2, &ar), -1);
}

/* A string past the 65535-byte field or the record limit is not encoded. */
static void
too_long(void **state)
{
	static char big[70001], half[40001];
	struct unit u = { .id = 1, .version = 1, .name = big };
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
		cmocka_unit_test(change_round_trip),
		cmocka_unit_test(comment_round_trip),
		cmocka_unit_test(tables_consistent),
		cmocka_unit_test(decode_without_arena),
		cmocka_unit_test(old_objective_defaults),
		cmocka_unit_test(old_kr_defaults),
		cmocka_unit_test(old_versionless_records),
		cmocka_unit_test(unknown_tag_skipped),
		cmocka_unit_test(truncations),
		cmocka_unit_test(bad_header),
		cmocka_unit_test(bad_fields),
		cmocka_unit_test(too_long),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
