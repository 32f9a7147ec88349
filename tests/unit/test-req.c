/* test-req.c: query validation, language negotiation, ids, routing and
 * local paths (cgi/req.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "req.h"

#define ALL	(KEYBIT(KEY_CYCLE) | KEYBIT(KEY_SET) | KEYBIT(KEY_BACK))

static struct req r;

static int
setup(void **state)
{
	(void)state;
	memset(&r, 0, sizeof(r));
	arena_init(&r.ar);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&r.ar);
	return 0;
}

/* Parses q into a fresh context. */
static int
parse(const char *q, unsigned mask)
{
	teardown(NULL);
	setup(NULL);
	return req_parse_query(&r, q, mask);
}

/* Valid keys land in r.val, percent-decoded; absent keys stay NULL. */
static void
query_valid(void **state)
{
	(void)state;
	assert_int_equal(parse("cycle=2026-Q4", ALL), 0);
	assert_string_equal(r.val[KEY_CYCLE], "2026-Q4");
	assert_null(r.val[KEY_SET]);
	assert_null(r.val[KEY_BACK]);
	assert_int_equal(parse("back=%2Fokr%2Funit%2F3&set=zh-CN", ALL), 0);
	assert_string_equal(r.val[KEY_BACK], "/okr/unit/3");
	assert_string_equal(r.val[KEY_SET], "zh-CN");
	assert_int_equal(parse("%63ycle=a_b-9", KEYBIT(KEY_CYCLE)), 0);
	assert_string_equal(r.val[KEY_CYCLE], "a_b-9");
	assert_int_equal(parse("cycle=abcdefghijklmnopqrstuvwxyz012345", ALL), 0);
}

/* An empty query, or only separators, is fine and sets nothing. */
static void
query_empty(void **state)
{
	(void)state;
	assert_int_equal(parse("", ALL), 0);
	assert_int_equal(parse("&&", ALL), 0);
	assert_int_equal(parse(NULL, ALL), 0);
	assert_int_equal(parse("&cycle=x&&", ALL), 0);
	assert_string_equal(r.val[KEY_CYCLE], "x");
}

/* Every malformed, unknown, repeated or invalid input is a 400. */
static void
query_rejected(void **state)
{
	static const struct { const char *q; unsigned mask; } bad[] = {
		{ "cycle=2026+Q4", ALL },		/* '+' is a space: no key allows one */
		{ "year=2026", ALL },			/* unknown key */
		{ "set=en", KEYBIT(KEY_CYCLE) },	/* key not in the mask */
		{ "cycle=a&cycle=b", ALL },		/* duplicate */
		{ "cycle=a&cycle=a", ALL },		/* duplicate, same value */
		{ "cycle", ALL },			/* missing '=' */
		{ "cycle=a&set", ALL },			/* missing '=' after a good pair */
		{ "cycle=%G1", ALL },			/* bad escape */
		{ "cycle=%4", ALL },			/* truncated escape */
		{ "cycle=a%", ALL },			/* truncated escape */
		{ "cycle=a%00b", ALL },			/* encoded NUL */
		{ "back=%2Fokr%0A", ALL },		/* control character */
		{ "back=%2Fokr%7F", ALL },		/* DEL */
		{ "cycle=", ALL },			/* empty value */
		{ "cycle=abcdefghijklmnopqrstuvwxyz0123456", ALL },	/* 33 chars */
		{ "cycle=2026.Q4", ALL },		/* not a cycle name */
		{ "set=fr", ALL },			/* not a language of ours */
		{ "set=zh", ALL },			/* only "zh-CN" */
		{ "back=okr", ALL },			/* not a path */
		{ "back=%2F%2Fevil.com", ALL },		/* protocol-relative */
		{ "back=%2Fa%5Cb", ALL },		/* backslash */
		{ "c%79cle=x&cycle=y", ALL },		/* duplicate through an escape */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(bad[i].q, bad[i].mask) != 400)
			fail_msg("accepted \"%s\"", bad[i].q);
}

/* "back" takes only URI characters: a space ('+' or %20) would make
 * page_lang() send "Location: /okr/a b", which is not a URI. */
static void
query_back_space(void **state)
{
	(void)state;
	assert_int_equal(parse("back=%2Fokr%2Fa+b", ALL), 400);
	assert_int_equal(parse("back=%2Fokr%2Fa%20b", ALL), 400);
}

/* A query of REQ_MAXQUERY bytes is read; one byte more is a 400. */
static void
query_length_limit(void **state)
{
	static char q[REQ_MAXQUERY + 2];

	(void)state;
	memset(q, '&', REQ_MAXQUERY);
	memcpy(q, "cycle=x", 7);
	assert_int_equal(parse(q, ALL), 0);
	q[REQ_MAXQUERY] = '&';
	assert_int_equal(parse(q, ALL), 400);
}

/* The lang cookie wins; among other cookies too; a bogus one is ignored. */
static void
negotiate_cookie(void **state)
{
	(void)state;
	assert_int_equal(req_negotiate("lang=zh-CN", "en"), LANG_ZH);
	assert_int_equal(req_negotiate("lang=en", "zh-CN"), LANG_EN);
	assert_int_equal(req_negotiate("a=1; lang=en; b=2", "zh"), LANG_EN);
	assert_int_equal(req_negotiate("a=1;lang=zh-CN;b=2", NULL), LANG_ZH);
	assert_int_equal(req_negotiate("lang=fr", "zh"), LANG_ZH);
	assert_int_equal(req_negotiate("lang=zh-CNX", NULL), LANG_EN);
	assert_int_equal(req_negotiate("xlang=zh-CN", NULL), LANG_EN);
	assert_int_equal(req_negotiate("lang=zh", "en"), LANG_EN);
}

/* Accept-Language: highest q of ours wins, else English. */
static void
negotiate_accept(void **state)
{
	(void)state;
	assert_int_equal(req_negotiate(NULL, "zh-CN,zh;q=0.9,en;q=0.8"), LANG_ZH);
	assert_int_equal(req_negotiate(NULL, "en-US,en;q=0.9,zh;q=0.8"), LANG_EN);
	assert_int_equal(req_negotiate(NULL, "fr-FR, zh;q=0.5"), LANG_ZH);
	assert_int_equal(req_negotiate(NULL, "fr"), LANG_EN);
	assert_int_equal(req_negotiate(NULL, "zh;q=0"), LANG_EN);
	assert_int_equal(req_negotiate(NULL, "zh-TW"), LANG_ZH);
	assert_int_equal(req_negotiate(NULL, "ZH-hans"), LANG_ZH);
	assert_int_equal(req_negotiate(NULL, "english, zh;q=0.1"), LANG_ZH);
	assert_int_equal(req_negotiate(NULL, "en;q=0.2, zh ; q=0.7"), LANG_ZH);
	assert_int_equal(req_negotiate(NULL, "zh;q=2, en;q=0.1"), LANG_EN);
	assert_int_equal(req_negotiate(NULL, ""), LANG_EN);
	assert_int_equal(req_negotiate(NULL, NULL), LANG_EN);
}

/* Ids are canonical decimals in [1, UINT32_MAX]. */
static void
parse_id(void **state)
{
	static const char *const bad[] = { "0", "01", "4294967296",
	    "99999999999", "-1", "+1", "1a", " 1", "" };
	uint32_t id = 0;
	size_t i;

	(void)state;
	assert_int_equal(req_parse_id("1", &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(req_parse_id("4294967295", &id), 0);
	assert_int_equal(id, UINT32_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		id = 7;
		if (req_parse_id(bad[i], &id) != -1 || id != 7)
			fail_msg("accepted \"%s\"", bad[i]);
	}
}

static int
dummy(struct req *rq)
{
	(void)rq;
	return 0;
}

static const struct route routes[] = {
	{ METHOD_GET | METHOD_HEAD, "/", ARG_NONE, 0, dummy },
	{ METHOD_GET, "/unit/", ARG_ID, KEYBIT(KEY_CYCLE), dummy },
	{ METHOD_GET, "/person/", ARG_LOGIN, 0, dummy },
	{ METHOD_POST, "/lang", ARG_NONE, KEYBIT(KEY_SET) | KEYBIT(KEY_BACK), dummy },
};

/* Routes a request with method m to path p. */
static int
route(enum method m, const char *p)
{
	r.method = m;
	r.path = p;
	r.route = NULL;
	r.argstr = NULL;
	r.id = 0;
	return req_route(&r, routes, sizeof(routes) / sizeof(routes[0]));
}

/* Exact paths, prefixes with an id or a login; else 404, wrong method 405. */
static void
routing(void **state)
{
	(void)state;
	assert_int_equal(route(METHOD_GET, "/"), 0);
	assert_ptr_equal(r.route, &routes[0]);
	assert_int_equal(route(METHOD_GET, "/unit/12"), 0);
	assert_ptr_equal(r.route, &routes[1]);
	assert_int_equal(r.id, 12);
	assert_int_equal(route(METHOD_GET, "/person/zhangwei"), 0);
	assert_ptr_equal(r.route, &routes[2]);
	assert_string_equal(r.argstr, "zhangwei");
	assert_int_equal(route(METHOD_POST, "/lang"), 0);
	assert_ptr_equal(r.route, &routes[3]);
	assert_int_equal(route(METHOD_GET, "/unit/"), 404);
	assert_int_equal(route(METHOD_GET, "/unit/abc"), 404);
	assert_int_equal(route(METHOD_GET, "/unit/0"), 404);
	assert_int_equal(route(METHOD_GET, "/unit"), 404);
	assert_int_equal(route(METHOD_GET, "/person/../etc"), 404);
	assert_int_equal(route(METHOD_GET, "/person/"), 404);
	assert_int_equal(route(METHOD_GET, "/lang/"), 404);
	assert_int_equal(route(METHOD_GET, "/nope"), 404);
	assert_int_equal(route(METHOD_POST, "/"), 405);
	assert_int_equal(route(METHOD_POST, "/unit/12"), 405);
	assert_int_equal(route(METHOD_GET, "/lang"), 405);
	assert_null(r.route);
}

/* A local path starts with the base, then '/', '?' or its end; no "//",
 * CR, LF, backslash or scheme. */
static void
local_path(void **state)
{
	static const char *const bad[] = { "//evil.com", "/okrx", "/other",
	    "/okr/\r\nSet-Cookie:", "/okr/a\\b", "http://x", "okr/", "", "/" };
	size_t i;

	(void)state;
	r.script = "/okr";
	assert_true(req_local_path(&r, "/okr/"));
	assert_true(req_local_path(&r, "/okr"));
	assert_true(req_local_path(&r, "/okr?set=en"));
	assert_true(req_local_path(&r, "/okr/unit/3?cycle=x"));
	assert_false(req_local_path(&r, NULL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (req_local_path(&r, bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(query_valid),
		cmocka_unit_test(query_empty),
		cmocka_unit_test(query_rejected),
		cmocka_unit_test(query_back_space),
		cmocka_unit_test(query_length_limit),
		cmocka_unit_test(negotiate_cookie),
		cmocka_unit_test(negotiate_accept),
		cmocka_unit_test(parse_id),
		cmocka_unit_test(routing),
		cmocka_unit_test(local_path),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
