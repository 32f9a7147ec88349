/* test-req.c: query validation, repeated keys, free text, language
 * negotiation, ids, routing with patterns, local paths (cgi/req.c), and
 * whole requests through req_main() as plain CGI in a child process,
 * behind a proxy too (public-url, trusted-proxy of cgi/conf.c). */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "conf.h"
#include "csrf.h"
#include "render.h"
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
parse(const char *q, unsigned long long mask)
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
	static const struct { const char *q; unsigned long long mask; } bad[] = {
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

/* Parses q as a GET of /okr/unit/2 would, into a fresh context. */
static int
parse_get(const char *q, unsigned long long mask)
{
	teardown(NULL);
	setup(NULL);
	r.method = METHOD_GET;
	r.script = "/okr";
	r.path = "/unit/2";
	return req_parse_query(&r, q, mask);
}

/* A GET lets the tracking keys of chat apps go when it would refuse them
 * and names the clean URL (r.clean); a form (POST) refuses them, and any
 * other unknown key stays a 400 in a GET too. */
static void
query_tracking(void **state)
{
	static const struct { const char *q; unsigned long long mask; const char *clean; } good[] = {
		{ "from=singlemessage", ALL, "/okr/unit/2" },
		{ "utm_source=feishu&cycle=2026-Q4&utm_medium=im", ALL,
		    "/okr/unit/2?cycle=2026-Q4" },
		{ "isappinstalled=0&from=timeline&cycle=2026-Q4", ALL,
		    "/okr/unit/2?cycle=2026-Q4" },
		{ "spm=a.b&fbclid=x&gclid=y&scene=1", ALL, "/okr/unit/2" },
		/* A page that takes from= keeps an id there, drops WeChat's
		 * words; anything else is still its own to refuse. */
		{ "from=101", KEYBIT(KEY_FROM), NULL },
		{ "from=groupmessage", KEYBIT(KEY_FROM), "/okr/unit/2" },
		{ "cycle=2026-Q4", ALL, NULL },
	};
	static const char *const bad[] = { "from=singlemessage&year=1",
	    "utm_source=x&cycle=a%2Fb", "utmx=1", "utm=1", "from=abc" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (parse_get(good[i].q, good[i].mask) != 0)
			fail_msg("GET refused \"%s\"", good[i].q);
		if (good[i].clean == NULL ? r.clean != NULL :
		    r.clean == NULL || strcmp(r.clean, good[i].clean) != 0)
			fail_msg("\"%s\": clean URL %s, not %s", good[i].q,
			    r.clean ? r.clean : "none", good[i].clean ? good[i].clean : "none");
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse_get(bad[i], ALL | KEYBIT(KEY_FROM)) != 400)
			fail_msg("GET accepted \"%s\"", bad[i]);
	/* A form's body: no exception. */
	teardown(NULL);
	setup(NULL);
	r.method = METHOD_POST;
	assert_int_equal(req_parse_query(&r, "utm_source=x&cycle=2026-Q4", ALL), 400);
	assert_null(r.clean);
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

/* req_parse_query() reads form bodies too, so it has no REQ_MAXQUERY
 * limit of its own (prep_request has: see request_query_limit). */
static void
query_longer_than_maxquery(void **state)
{
	static char q[REQ_MAXQUERY * 2];

	(void)state;
	memset(q, '&', sizeof(q) - 1);
	memcpy(q, "cycle=x", 7);
	assert_int_equal(parse(q, ALL), 0);
	assert_string_equal(r.val[KEY_CYCLE], "x");
}

/* kr, value, confidence and note may repeat: every value is kept in
 * order in r.multi (empty ones too), r.val holds the first. */
static void
multi_keys(void **state)
{
	const unsigned long long m = KEYBIT(KEY_KR) | KEYBIT(KEY_VALUE) |
	    KEYBIT(KEY_CONFIDENCE) | KEYBIT(KEY_NOTE) | KEYBIT(KEY_TOKEN);

	(void)state;
	assert_int_equal(parse("kr=1&kr=2&value=3&value=", m), 0);
	assert_int_equal(r.nmulti[KEY_KR], 2);
	assert_string_equal(r.multi[KEY_KR][0], "1");
	assert_string_equal(r.multi[KEY_KR][1], "2");
	assert_string_equal(r.val[KEY_KR], "1");
	assert_int_equal(r.nmulti[KEY_VALUE], 2);
	assert_string_equal(r.multi[KEY_VALUE][0], "3");
	assert_string_equal(r.multi[KEY_VALUE][1], "");
	assert_string_equal(r.val[KEY_VALUE], "3");
	assert_int_equal(r.nmulti[KEY_NOTE], 0);
	assert_null(r.multi[KEY_NOTE]);
	assert_null(r.val[KEY_NOTE]);
	/* A check-in form, fields interleaved row by row. */
	assert_int_equal(parse("token=t&kr=7&value=1%2C200&confidence=0.7&note="
	    "&kr=9&value=&confidence=&note=%E5%BB%B6%E6%9C%9F%0A%E5%8E%9F%E5%9B%A0", m), 0);
	assert_int_equal(r.nmulti[KEY_KR], 2);
	assert_string_equal(r.multi[KEY_KR][1], "9");
	assert_int_equal(r.nmulti[KEY_VALUE], 2);
	assert_string_equal(r.multi[KEY_VALUE][0], "1,200");
	assert_string_equal(r.multi[KEY_VALUE][1], "");
	assert_int_equal(r.nmulti[KEY_CONFIDENCE], 2);
	assert_string_equal(r.multi[KEY_CONFIDENCE][0], "0.7");
	assert_int_equal(r.nmulti[KEY_NOTE], 2);
	assert_string_equal(r.multi[KEY_NOTE][0], "");
	assert_string_equal(r.multi[KEY_NOTE][1], "延期\n原因");
	assert_string_equal(r.val[KEY_NOTE], "");
	assert_string_equal(r.val[KEY_TOKEN], "t");
	/* Once is a list of one. */
	assert_int_equal(parse("kr=5", m), 0);
	assert_int_equal(r.nmulti[KEY_KR], 1);
	assert_ptr_equal(r.multi[KEY_KR][0], r.val[KEY_KR]);
	/* Each value is still validated, and the mask still applies. */
	assert_int_equal(parse("kr=1&kr=x", m), 400);
	/* An empty id is "none" (an optional choice); the handler decides. */
	assert_int_equal(parse("kr=1&kr=", m), 0);
	assert_int_equal(parse("kr=1&kr=2", KEYBIT(KEY_VALUE)), 400);
	assert_int_equal(parse("note=a&note=b%01", m), 400);
}

/* A key that is not flagged multi is still refused when repeated. */
static void
repeated_single_keys(void **state)
{
	static const struct { const char *q; enum key k; } bad[] = {
		{ "title=a&title=b", KEY_TITLE },
		{ "title=a&title=a", KEY_TITLE },
		{ "title=&title=", KEY_TITLE },
		{ "token=a&token=a", KEY_TOKEN },
		{ "version=1&version=2", KEY_VERSION },
		{ "objective=1&objective=1", KEY_OBJECTIVE },
		{ "description=a&description=b", KEY_DESCRIPTION },
		{ "text=a&text=b", KEY_TEXT },
		{ "weight=1&weight=1", KEY_WEIGHT },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(strchr(bad[i].q, '&') + 1, KEYBIT(bad[i].k)) != 0)
			fail_msg("refused once: \"%s\"", strchr(bad[i].q, '&') + 1);
		if (parse(bad[i].q, KEYBIT(bad[i].k)) != 400)
			fail_msg("accepted \"%s\"", bad[i].q);
	}
}

/* REQ_MAXMULTI values of a key are read; one more is a 400. */
static void
multi_limit(void **state)
{
	static const char *const pairs[] = { "kr=1&", "value=&", "note=x&",
	    "confidence=0.5&" };
	static char q[REQ_MAXMULTI * 16 + 32];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		enum key k = i == 0 ? KEY_KR : i == 1 ? KEY_VALUE :
		    i == 2 ? KEY_NOTE : KEY_CONFIDENCE;

		q[0] = '\0';
		for (j = 0; j < REQ_MAXMULTI; j++)
			strcat(q, pairs[i]);
		assert_int_equal(parse(q, KEYBIT(k)), 0);
		assert_int_equal(r.nmulti[k], REQ_MAXMULTI);
		strcat(q, pairs[i]);
		if (parse(q, KEYBIT(k)) != 400)
			fail_msg("%d values of %s accepted", REQ_MAXMULTI + 1,
			    req_keys[k].name);
	}
}

/* Free text: a line break or tab is fine in a description, note or
 * comment, not in a one-line field; other control characters nowhere. */
static void
text_lines(void **state)
{
	(void)state;
	assert_int_equal(parse("note=a%0Ab", KEYBIT(KEY_NOTE)), 0);
	assert_string_equal(r.val[KEY_NOTE], "a\nb");
	assert_int_equal(parse("description=l1%0D%0Al2%09x", KEYBIT(KEY_DESCRIPTION)), 0);
	assert_string_equal(r.val[KEY_DESCRIPTION], "l1\r\nl2\tx");
	assert_int_equal(parse("text=%0A%0A", KEYBIT(KEY_TEXT)), 0);
	assert_string_equal(r.val[KEY_TEXT], "\n\n");
	assert_int_equal(parse("title=a+b%20c", KEYBIT(KEY_TITLE)), 0);
	assert_string_equal(r.val[KEY_TITLE], "a b c");
	assert_int_equal(parse("title=", KEYBIT(KEY_TITLE)), 0);
	assert_string_equal(r.val[KEY_TITLE], "");
	assert_int_equal(parse("title=a%0Ab", KEYBIT(KEY_TITLE)), 400);
	assert_int_equal(parse("title=a%0Db", KEYBIT(KEY_TITLE)), 400);
	assert_int_equal(parse("title=a%09b", KEYBIT(KEY_TITLE)), 400);
	assert_int_equal(parse("name=%0A", KEYBIT(KEY_NAME)), 400);
	assert_int_equal(parse("unit-label=%0A", KEYBIT(KEY_UNIT_LABEL)), 400);
	assert_int_equal(parse("token=a%0Ab", KEYBIT(KEY_TOKEN)), 400);
	assert_int_equal(parse("note=a%01b", KEYBIT(KEY_NOTE)), 400);
	assert_int_equal(parse("note=a%1Bb", KEYBIT(KEY_NOTE)), 400);
	assert_int_equal(parse("description=a%7F", KEYBIT(KEY_DESCRIPTION)), 400);
	assert_int_equal(parse("text=a%00b", KEYBIT(KEY_TEXT)), 400);
}

/* Parses "k=" and copies of c, total bytes at most, into a fresh context. */
static int
parse_len(enum key k, size_t total, const char *c)
{
	static char q[80100];
	size_t n = strlen(req_keys[k].name) + 1, cl = strlen(c);

	teardown(NULL);
	setup(NULL);
	assert_true(total < sizeof(q));
	memcpy(q, req_keys[k].name, n - 1);
	q[n - 1] = '=';
	while (n + cl <= total) {
		memcpy(q + n, c, cl);
		n += cl;
	}
	q[n] = '\0';
	return req_parse_query(&r, q, KEYBIT(k));
}

/* Text lengths are bounded in bytes here, at 4 bytes a character of
 * the longest text a form takes (the form counts characters and says its
 * limit beside the field, the text kept): 8000 for a line, 80000 for a
 * description, note or comment. */
static void
text_lengths(void **state)
{
	(void)state;
	assert_int_equal(parse_len(KEY_TITLE, 6 + 8000, "a"), 0);
	assert_int_equal(strlen(r.val[KEY_TITLE]), 8000);
	assert_int_equal(parse_len(KEY_TITLE, 6 + 8001, "a"), 400);
	/* 2666 Chinese characters are 7998 bytes, 2667 are 8001. */
	assert_int_equal(parse_len(KEY_NAME, 5 + 2666 * 9, "%E7%9B%AE"), 0);
	assert_int_equal(strlen(r.val[KEY_NAME]), 7998);
	assert_int_equal(parse_len(KEY_NAME, 5 + 2667 * 9, "%E7%9B%AE"), 400);
	assert_int_equal(parse_len(KEY_DESCRIPTION, 12 + 80000, "a"), 0);
	assert_int_equal(strlen(r.val[KEY_DESCRIPTION]), 80000);
	assert_int_equal(parse_len(KEY_DESCRIPTION, 12 + 80001, "a"), 400);
	assert_int_equal(parse_len(KEY_NOTE, 5 + 80000, "b"), 0);
	assert_int_equal(parse_len(KEY_NOTE, 5 + 80001, "b"), 400);
	assert_int_equal(parse_len(KEY_TEXT, 5 + 80001, "c"), 400);
	/* The token is any short text: the CSRF check judges it. */
	assert_int_equal(parse("token=not-a-token", KEYBIT(KEY_TOKEN)), 0);
	assert_int_equal(parse("token=%E4%BB%A4", KEYBIT(KEY_TOKEN)), 0);
	assert_int_equal(parse_len(KEY_TOKEN, 6 + 128, "f"), 0);
	assert_int_equal(parse_len(KEY_TOKEN, 6 + 129, "f"), 400);
}

/* Any well-formed UTF-8 is text; malformed, overlong, surrogate or past
 * U+10FFFF is a 400, in one-line and multi-line fields alike. */
static void
text_utf8(void **state)
{
	static const char *const good[] = {
		"%E6%8F%90%E5%8D%87",	/* 提升 */
		"caf%C3%A9",		/* U+00E9 */
		"%DF%BF",		/* U+07FF, last of two bytes */
		"%E0%A0%80",		/* U+0800, first of three */
		"%ED%9F%BF",		/* U+D7FF, before the surrogates */
		"%EE%80%80",		/* U+E000, after them */
		"%EF%BF%BD",		/* U+FFFD */
		"%F0%90%80%80",		/* U+10000, first of four */
		"%F0%9F%98%80",		/* an emoji */
		"%F4%8F%BF%BD",		/* U+10FFFD, the last character */
		"%EF%B7%8F",		/* U+FDCF, before the noncharacters */
		"%EF%B7%B0",		/* U+FDF0, after them */
		"%F0%9F%BF%BD",		/* U+1FFFD */
	};
	static const char *const bad[] = {
		"%C3%28",		/* lead byte, then no continuation */
		"%C0%AF",		/* overlong '/' */
		"%C1%BF",		/* overlong */
		"%E0%80%AF",		/* overlong '/' in three bytes */
		"%E0%9F%BF",		/* overlong U+07FF */
		"%F0%80%80%AF",		/* overlong '/' in four bytes */
		"%F0%8F%BF%BF",		/* overlong U+FFFF */
		"%ED%A0%80",		/* surrogate U+D800 */
		"%ED%BF%BF",		/* surrogate U+DFFF */
		"%F4%90%80%80",		/* U+110000 */
		"%F5%80%80%80",		/* past the last lead byte */
		"%FF",
		"%80",			/* a continuation alone */
		"a%BFb",
		"%E4%B8",		/* truncated at the end */
		"%E4%B8a",		/* truncated before ASCII */
		"%F0%9F%98",		/* truncated emoji */
		"%C3%A9%A9",		/* one continuation too many */
		/* UTF-8, but not characters XML 1.0 allows, or noncharacters */
		"%EF%BF%BE",		/* U+FFFE */
		"%EF%BF%BF",		/* U+FFFF */
		"a%EF%BF%BEb",
		"%EF%B7%90",		/* U+FDD0 */
		"%EF%B7%AF",		/* U+FDEF */
		"%F0%9F%BF%BE",		/* U+1FFFE */
		"%F0%AF%BF%BF",		/* U+2FFFF */
		"%F4%8F%BF%BE",		/* U+10FFFE */
		"%F4%8F%BF%BF",		/* U+10FFFF */
	};
	static const enum key keys[] = { KEY_TITLE, KEY_NOTE, KEY_DESCRIPTION,
	    KEY_TOKEN };
	char q[64];
	size_t i, j;

	(void)state;
	for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++) {
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			snprintf(q, sizeof(q), "%s=%s", req_keys[keys[j]].name, good[i]);
			if (parse(q, KEYBIT(keys[j])) != 0)
				fail_msg("refused \"%s\"", q);
		}
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(q, sizeof(q), "%s=%s", req_keys[keys[j]].name, bad[i]);
			if (parse(q, KEYBIT(keys[j])) != 400)
				fail_msg("accepted \"%s\"", q);
		}
	}
	assert_int_equal(parse("title=%F0%9F%98%80", KEYBIT(KEY_TITLE)), 0);
	assert_string_equal(r.val[KEY_TITLE], "\xf0\x9f\x98\x80");
}

/* The one rule, on bytes: where the first refused sequence starts. */
static void
text_valid_span(void **state)
{
	(void)state;
	assert_int_equal(render_text_valid("abc", 3), 3);
	assert_int_equal(render_text_valid("a\tb\nc\r", 6), 6);
	assert_int_equal(render_text_valid("ab\x01", 3), 2);
	assert_int_equal(render_text_valid("a\0b", 3), 1);
	assert_int_equal(render_text_valid("\xe6\x8f\x90\xef\xbf\xbe", 6), 3);
	assert_int_equal(render_text_valid("\xef\xbf\xbf", 3), 0);
	assert_int_equal(render_text_valid("x\xef\xb7\x90", 4), 1);
	assert_int_equal(render_text_valid("\xf4\x8f\xbf\xbf", 4), 0);
	assert_int_equal(render_text_valid("\xf4\x8f\xbf\xbd", 4), 4);
	assert_int_equal(render_text_valid("\xe6\x8f", 2), 0);	/* cut short */
	assert_int_equal(render_text_valid("\xed\xa0\x80", 3), 0);	/* surrogate */
	assert_int_equal(render_text_valid("\xc0\xaf", 2), 0);	/* overlong */
	/* C1 controls are XML characters: only forms refuse them. */
	assert_int_equal(render_text_valid("\xc2\x85", 2), 2);
}

/* Stored text the rule refuses is written with U+FFFD in its place: one
 * for a whole character, one for each byte that is no character. */
static void
text_clean(void **state)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "r", NULL), n;
	xmlChar *v;
	const char *s = "ok";

	(void)state;
	assert_ptr_equal(render_text_clean(&r.ar, s), s);
	assert_string_equal(render_text_clean(&r.ar, "a\xef\xbf\xbe" "b"), "a\xef\xbf\xbd" "b");
	assert_string_equal(render_text_clean(&r.ar, "\x01\xff\xe6\x8f"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(render_text_clean(&r.ar, "\xf4\x8f\xbf\xbfz\xe6\x8f\x90"),
	    "\xef\xbf\xbd" "z\xe6\x8f\x90");
	xmlDocSetRootElement(doc, root);
	n = render_text(root, "t", "x\xef\xbf\xbfy");
	render_attr(n, "a", "\x02<\xef\xb7\x90>");
	v = xmlNodeGetContent(n);
	assert_string_equal((const char *)v, "x\xef\xbf\xbdy");
	xmlFree(v);
	v = xmlGetProp(n, BAD_CAST "a");
	assert_string_equal((const char *)v, "\xef\xbf\xbd<\xef\xbf\xbd>");
	xmlFree(v);
	xmlFreeDoc(doc);
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
	/* The name and the value are matched exactly, case and all. */
	assert_int_equal(req_negotiate("LANG=zh-CN", "en"), LANG_EN);
	assert_int_equal(req_negotiate("Lang=zh-CN", NULL), LANG_EN);
	assert_int_equal(req_negotiate("lang=ZH-CN", "en"), LANG_EN);
	assert_int_equal(req_negotiate("lang=EN", "zh"), LANG_ZH);
	assert_int_equal(req_negotiate("LANG=en; lang=zh-CN", "en"), LANG_ZH);
	/* The first of ours counts; two Cookie headers joined by Apache. */
	assert_int_equal(req_negotiate("lang=en; lang=zh-CN", NULL), LANG_EN);
	assert_int_equal(req_negotiate("lang=fr; lang=zh-CN", "en"), LANG_ZH);
	assert_int_equal(req_negotiate("theme=x, lang=zh-CN", "en"), LANG_ZH);
	assert_int_equal(req_negotiate("lang=zh-CN,lang=en", NULL), LANG_ZH);
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

#define ROUTE(m, p, a, k) \
	{ .methods = (m), .pattern = (p), .arg = (a), .keys = (k), .handler = dummy }

static const struct route routes[] = {
	ROUTE(METHOD_GET | METHOD_HEAD, "/", ARG_NONE, 0),
	ROUTE(METHOD_GET, "/unit/*", ARG_ID, KEYBIT(KEY_CYCLE)),
	ROUTE(METHOD_GET, "/person/*", ARG_LOGIN, 0),
	ROUTE(METHOD_POST, "/lang", ARG_NONE, KEYBIT(KEY_SET) | KEYBIT(KEY_BACK)),
	/* 4.. as okr-edit has them: an exact path before a pattern that
	 * would take it, one path with two methods, suffixes after '*'. */
	ROUTE(METHOD_GET, "/edit/objective/new", ARG_NONE, 0),
	ROUTE(METHOD_GET, "/edit/objective/*", ARG_ID, 0),
	ROUTE(METHOD_POST, "/edit/objective/*", ARG_ID, KEYBIT(KEY_TITLE)),
	ROUTE(METHOD_POST, "/edit/objective/*/archive", ARG_ID, KEYBIT(KEY_VERSION)),
	ROUTE(METHOD_POST, "/edit/objective/*/carry", ARG_ID, 0),
	ROUTE(METHOD_GET, "/u/*/okrs", ARG_LOGIN, 0),
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

/* Routes a request with method m to path p through n routes from rt. */
static int
route_in(const struct route *rt, size_t n, enum method m, const char *p)
{
	r.method = m;
	r.path = p;
	r.route = NULL;
	r.argstr = NULL;
	r.id = 0;
	r.allow = 0xff;		/* req_route() must set it */
	return req_route(&r, rt, n);
}

static int
route(enum method m, const char *p)
{
	return route_in(routes, NROUTES, m, p);
}

/* Exact paths, patterns with an id or a login; else 404, wrong method 405. */
static void
routing(void **state)
{
	static const char *const notfound[] = { "/unit/", "/unit/abc",
	    "/unit/0", "/unit/012", "/unit/-1", "/unit/4294967296", "/unit",
	    "/unit/12/", "/unit/12/x", "/unit//12", "/units/12", "/person/../etc",
	    "/person/", "/person/a/b", "/person/a b", "/person/%7A", "/lang/",
	    "/nope", "", "//", "/unit/*", "/person/*" };
	size_t i;

	(void)state;
	assert_int_equal(route(METHOD_GET, "/"), 0);
	assert_ptr_equal(r.route, &routes[0]);
	assert_int_equal(route(METHOD_HEAD, "/"), 0);
	assert_ptr_equal(r.route, &routes[0]);
	assert_int_equal(route(METHOD_GET, "/unit/12"), 0);
	assert_ptr_equal(r.route, &routes[1]);
	assert_int_equal(r.id, 12);
	assert_int_equal(route(METHOD_GET, "/unit/4294967295"), 0);
	assert_int_equal(r.id, UINT32_MAX);
	assert_int_equal(route(METHOD_GET, "/person/zhangwei"), 0);
	assert_ptr_equal(r.route, &routes[2]);
	assert_string_equal(r.argstr, "zhangwei");
	assert_int_equal(route(METHOD_GET, "/person/sarah.miller@x-y_z"), 0);
	assert_string_equal(r.argstr, "sarah.miller@x-y_z");
	assert_int_equal(route(METHOD_POST, "/lang"), 0);
	assert_ptr_equal(r.route, &routes[3]);
	for (i = 0; i < sizeof(notfound) / sizeof(notfound[0]); i++) {
		int rc = route(METHOD_GET, notfound[i]);

		if (rc != 404 || r.route != NULL || r.allow != 0)
			fail_msg("\"%s\": %d, allow %u", notfound[i], rc, r.allow);
	}
	assert_int_equal(route(METHOD_POST, "/"), 405);
	assert_int_equal(route(METHOD_POST, "/unit/12"), 405);
	assert_int_equal(route(METHOD_GET, "/lang"), 405);
	assert_null(r.route);
}

/* A pattern with a suffix after '*' matches the id and the suffix
 * exactly; the shorter path belongs to another route, a longer one to
 * none. */
static void
routing_suffix(void **state)
{
	static const char *const notfound[] = { "/edit/objective/12/archive/x",
	    "/edit/objective/12/archive/", "/edit/objective/12/archivex",
	    "/edit/objective/12/archiv", "/edit/objective//archive",
	    "/edit/objective/archive", "/edit/objective/0/archive",
	    "/edit/objective/1/2/archive", "/edit/objective/12/carry/archive",
	    "/edit/objective/12x/archive", "/edit/objective/", "/edit/objective",
	    "/edit/objective/12/", "/edit/objective/new/archive",
	    "/u//okrs", "/u/a/b/okrs", "/u/lina/okrsx", "/u/lina" };
	static const struct route archive_only[] = {
		ROUTE(METHOD_POST, "/edit/objective/*/archive", ARG_ID, 0),
	};
	size_t i;

	(void)state;
	assert_int_equal(route(METHOD_POST, "/edit/objective/12/archive"), 0);
	assert_ptr_equal(r.route, &routes[7]);
	assert_int_equal(r.id, 12);
	assert_int_equal(route(METHOD_POST, "/edit/objective/4294967295/carry"), 0);
	assert_ptr_equal(r.route, &routes[8]);
	assert_int_equal(r.id, UINT32_MAX);
	/* The objective itself is its own routes, not the archive's. */
	assert_int_equal(route(METHOD_POST, "/edit/objective/12"), 0);
	assert_ptr_equal(r.route, &routes[6]);
	assert_int_equal(r.id, 12);
	assert_int_equal(route(METHOD_GET, "/edit/objective/12"), 0);
	assert_ptr_equal(r.route, &routes[5]);
	assert_int_equal(route(METHOD_GET, "/edit/objective/new"), 0);
	assert_ptr_equal(r.route, &routes[4]);
	/* "new" is no id: POST to it has no route of its own. */
	assert_int_equal(route(METHOD_POST, "/edit/objective/new"), 405);
	assert_int_equal(route_in(archive_only, 1, METHOD_POST,
	    "/edit/objective/12"), 404);
	assert_int_equal(route_in(archive_only, 1, METHOD_POST,
	    "/edit/objective/12/archive"), 0);
	assert_int_equal(r.id, 12);
	assert_int_equal(route(METHOD_GET, "/u/lina/okrs"), 0);
	assert_ptr_equal(r.route, &routes[9]);
	assert_string_equal(r.argstr, "lina");
	for (i = 0; i < sizeof(notfound) / sizeof(notfound[0]); i++) {
		int rc = route(METHOD_POST, notfound[i]);

		if (rc != 404 || r.route != NULL)
			fail_msg("\"%s\": %d", notfound[i], rc);
		if (route(METHOD_GET, notfound[i]) != 404)
			fail_msg("GET \"%s\" not 404", notfound[i]);
	}
}

/* For a 405, r.allow holds every method the path takes, from every route
 * that matches it; for a 404, none. */
static void
routing_allow(void **state)
{
	(void)state;
	assert_int_equal(route(METHOD_POST, "/"), 405);
	assert_int_equal(r.allow, METHOD_GET | METHOD_HEAD);
	assert_int_equal(route(METHOD_GET, "/lang"), 405);
	assert_int_equal(r.allow, METHOD_POST);
	assert_int_equal(route(METHOD_POST, "/unit/3"), 405);
	assert_int_equal(r.allow, METHOD_GET);
	assert_int_equal(route(METHOD_GET, "/edit/objective/12/archive"), 405);
	assert_int_equal(r.allow, METHOD_POST);
	assert_int_equal(route(METHOD_HEAD, "/edit/objective/12/carry"), 405);
	assert_int_equal(r.allow, METHOD_POST);
	/* Another method (PUT, DELETE...) has no bit: the path's two routes. */
	assert_int_equal(route((enum method)0, "/edit/objective/12"), 405);
	assert_int_equal(r.allow, METHOD_GET | METHOD_POST);
	assert_null(r.route);
	assert_int_equal(route((enum method)0, "/edit/objective/new"), 405);
	assert_int_equal(r.allow, METHOD_GET);
	assert_int_equal(route((enum method)0, "/"), 405);
	assert_int_equal(r.allow, METHOD_GET | METHOD_HEAD);
	assert_int_equal(route((enum method)0, "/nope"), 404);
	assert_int_equal(r.allow, 0);
	assert_int_equal(route(METHOD_POST, "/edit/objective/12/archive/x"), 404);
	assert_int_equal(r.allow, 0);
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

/* ------------------------------------------------------ whole requests
 * req_main() in a child process, answering once as plain CGI: what
 * prep_request() and prep_post() check before a handler runs.  Without
 * stylesheets an error is sent as "Status: N ..." in plain text. */

static char keydir[] = "/tmp/mubiao-test-req.XXXXXX";

/* Answers 200 with the id, whether HEAD, and every value received:
 * "name=value;" for each key in the order of enum key, a repeatable key
 * as "name=first[v1|v2];". */
static int
echo(struct req *rq)
{
	char buf[256];
	int n, k;
	size_t i;

	n = snprintf(buf, sizeof(buf), "Status: 200 OK\r\n"
	    "Content-Type: text/plain\r\n\r\nhandled id=%u head=%d;",
	    (unsigned)rq->id, rq->head);
	req_write(rq, buf, (size_t)n);
	for (k = 0; k < KEY__MAX; k++) {
		if (rq->val[k] == NULL)
			continue;
		req_write(rq, req_keys[k].name, strlen(req_keys[k].name));
		req_write(rq, "=", 1);
		req_write(rq, rq->val[k], strlen(rq->val[k]));
		for (i = 0; i < rq->nmulti[k]; i++) {
			req_write(rq, i > 0 ? "|" : "[", 1);
			req_write(rq, rq->multi[k][i], strlen(rq->multi[k][i]));
		}
		req_write(rq, rq->nmulti[k] > 0 ? "];" : ";", rq->nmulti[k] > 0 ? 2 : 1);
	}
	return 0;
}

/* A form that saves and goes to the objective's page. */
static int
moved(struct req *rq)
{
	char to[64];

	snprintf(to, sizeof(to), "%s/objective/%u", rq->script, (unsigned)rq->id);
	render_redirect(rq, to, NULL);
	return 0;
}

#define EROUTE(m, p, a, k) \
	{ .methods = (m), .pattern = (p), .arg = (a), .keys = (k), .handler = echo }
#define CHECKIN_KEYS	(KEYBIT(KEY_KR) | KEYBIT(KEY_VALUE) | \
	KEYBIT(KEY_CONFIDENCE) | KEYBIT(KEY_NOTE))

static const struct route app_routes[] = {
	EROUTE(METHOD_GET | METHOD_HEAD, "/", ARG_NONE, KEYBIT(KEY_CYCLE)),
	EROUTE(METHOD_GET, "/edit/objective/*", ARG_ID, 0),
	EROUTE(METHOD_POST, "/edit/objective/*", ARG_ID,
	    KEYBIT(KEY_TITLE) | KEYBIT(KEY_VERSION)),
	EROUTE(METHOD_POST, "/edit/checkin/*", ARG_ID, CHECKIN_KEYS),
	{ .methods = METHOD_POST, .pattern = "/edit/kr/*", .arg = ARG_ID,
	    .handler = moved },
};

static int
app_init(struct req *rq)
{
	(void)rq;
	return 0;
}

static const struct app app = {
	.routes = app_routes,
	.nroutes = sizeof(app_routes) / sizeof(app_routes[0]),
	.init = app_init,
	.identify = NULL,
};

static char out[8192];

/* Runs one request: env is NULL-terminated "NAME=value" strings, body
 * goes to standard input.  The response is left in out; returns its
 * status (the number after "Status: "), or -1. */
static int
request(const char *const *env, const char *body)
{
	int in[2], res[2], devnull;
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int st;

	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(res), 0);
	if ((pid = fork()) == 0) {
		devnull = open("/dev/null", O_WRONLY);
		dup2(in[0], 0);
		dup2(res[1], 1);
		dup2(devnull, 2);
		close(in[0]);
		close(in[1]);
		close(res[0]);
		close(res[1]);
		clearenv();
		for (; *env != NULL; env++)
			putenv((char *)*env);
		_exit(req_main(&app));
	}
	assert_true(pid > 0);
	close(in[0]);
	close(res[1]);
	if (body != NULL)	/* the child may answer without reading it */
		n = write(in[1], body, strlen(body));
	close(in[1]);
	while (got < sizeof(out) - 1 &&
	    (n = read(res[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(res[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return strncmp(out, "Status: ", 8) == 0 ? atoi(out + 8) : -1;
}

/* The body of the last response, after the blank line. */
static const char *
body(void)
{
	const char *b = strstr(out, "\r\n\r\n");

	return b != NULL ? b + 4 : "";
}

static int
setup_requests(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(keydir) == NULL || csrf_create_key(keydir) != 0 ||
	    csrf_init(keydir) != 0)
		return -1;
	return 0;
}

static int
teardown_requests(void **state)
{
	char path[sizeof(keydir) + 16];

	(void)state;
	snprintf(path, sizeof(path), "%s/%s", keydir, CSRF_KEYFILE);
	unlink(path);
	rmdir(keydir);
	return 0;
}

/* The query string is limited to REQ_MAXQUERY bytes before routing's
 * handler runs, for GET and POST alike. */
static void
request_query_limit(void **state)
{
	static char q[REQ_MAXQUERY + 16] = "QUERY_STRING=";
	const char *env[] = { "REQUEST_METHOD=GET", "PATH_INFO=/",
	    "REMOTE_USER=lina", q, NULL };
	const char *post[] = { "REQUEST_METHOD=POST",
	    "PATH_INFO=/edit/objective/3", "REMOTE_USER=lina", q, NULL };
	size_t h = strlen(q);

	(void)state;
	memset(q + h, '&', REQ_MAXQUERY);
	memcpy(q + h, "cycle=x", 7);
	q[h + REQ_MAXQUERY] = '\0';
	assert_int_equal(request(env, NULL), 200);
	assert_non_null(strstr(body(), "cycle=x;"));
	q[h + REQ_MAXQUERY] = '&';
	q[h + REQ_MAXQUERY + 1] = '\0';
	assert_int_equal(request(env, NULL), 400);
	assert_int_equal(request(post, NULL), 400);
}

/* Identity, routing and method errors, with the Allow header of a 405. */
static void
request_errors(void **state)
{
	const char *anon[] = { "REQUEST_METHOD=GET", "PATH_INFO=/", NULL };
	const char *del[] = { "REQUEST_METHOD=DELETE",
	    "PATH_INFO=/edit/objective/3", "REMOTE_USER=lina", NULL };
	const char *post_home[] = { "REQUEST_METHOD=POST", "PATH_INFO=/",
	    "REMOTE_USER=lina", NULL };
	const char *missing[] = { "REQUEST_METHOD=GET",
	    "PATH_INFO=/edit/objective/3/archive", "REMOTE_USER=lina", NULL };
	const char *head[] = { "REQUEST_METHOD=HEAD", "PATH_INFO=/",
	    "REMOTE_USER=lina", "QUERY_STRING=cycle=2026-Q4", NULL };
	const char *badkey[] = { "REQUEST_METHOD=GET", "PATH_INFO=/",
	    "REMOTE_USER=lina", "QUERY_STRING=title=x", NULL };

	(void)state;
	assert_int_equal(request(anon, NULL), 401);
	assert_int_equal(request(del, NULL), 405);
	assert_non_null(strstr(out, "\r\nAllow: GET, HEAD, POST\r\n"));
	assert_int_equal(request(post_home, NULL), 405);
	assert_non_null(strstr(out, "\r\nAllow: GET, HEAD\r\n"));
	assert_int_equal(request(missing, NULL), 404);
	assert_null(strstr(out, "Allow:"));
	assert_int_equal(request(head, NULL), 200);
	assert_non_null(strstr(body(), "head=1;cycle=2026-Q4;"));
	assert_int_equal(request(badkey, NULL), 400);
}

/* POSTs bodytext to path as user (NULL: none), with the query q and one
 * extra variable (both may be NULL), as a form unless ctype says
 * otherwise ("": no Content-Type). */
static int
post(const char *path, const char *user, const char *q, const char *extra,
    const char *ctype, const char *bodytext)
{
	static char pi[256], ru[128], qs[REQ_MAXQUERY + 32], ct[128], cl[64];
	const char *env[8];
	int n = 0;

	snprintf(pi, sizeof(pi), "PATH_INFO=%s", path);
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", strlen(bodytext));
	snprintf(ct, sizeof(ct), "CONTENT_TYPE=%s", ctype != NULL ? ctype :
	    "application/x-www-form-urlencoded");
	env[n++] = "REQUEST_METHOD=POST";
	env[n++] = "HTTP_HOST=intra.example";
	env[n++] = pi;
	env[n++] = cl;
	if (ctype == NULL || *ctype != '\0')
		env[n++] = ct;
	if (user != NULL) {
		snprintf(ru, sizeof(ru), "REMOTE_USER=%s", user);
		env[n++] = ru;
	}
	if (q != NULL) {
		snprintf(qs, sizeof(qs), "QUERY_STRING=%s", q);
		env[n++] = qs;
	}
	if (extra != NULL)
		env[n++] = extra;
	env[n] = NULL;
	return request(env, bodytext);
}

/* A form post with the user's token: repeated keys reach the handler in
 * order, the first value in r->val; the query may name the route's keys,
 * the body adds token and back. */
static void
request_post(void **state)
{
	char token[65], b[512], want[512];

	(void)state;
	csrf_token("lina", token);
	snprintf(b, sizeof(b), "token=%s&kr=1&kr=2&value=3&value=&note=a%%0Ab"
	    "&note=", token);
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL, NULL, b), 200);
	snprintf(want, sizeof(want), "handled id=5 head=0;token=%s;kr=1[1|2];"
	    "value=3[3|];note=a\nb[a\nb|];", token);
	assert_string_equal(body(), want);
	snprintf(b, sizeof(b), "token=%s&back=%%2Fokr%%2F&title=T", token);
	assert_int_equal(post("/edit/objective/3", "lina", "version=4", NULL,
	    NULL, b), 200);
	snprintf(want, sizeof(want), "handled id=3 head=0;back=/okr/;token=%s;"
	    "version=4;title=T;", token);
	assert_string_equal(body(), want);
	/* From this site: an Origin naming this host, a same-origin fetch. */
	assert_int_equal(post("/edit/objective/3", "lina", NULL,
	    "HTTP_ORIGIN=http://intra.example", NULL, b), 200);
	assert_int_equal(post("/edit/objective/3", "lina", NULL,
	    "HTTP_SEC_FETCH_SITE=same-origin", NULL, b), 200);
	/* An empty form has nothing to check but its token: still 403. */
	assert_int_equal(post("/edit/objective/3", "lina", NULL, NULL, "", ""), 403);
}

/* What a form post is refused for, before its handler runs. */
static void
request_post_refused(void **state)
{
	char token[65], other[65], b[512], *p;

	(void)state;
	csrf_token("lina", token);
	csrf_token("zhangwei", other);
	/* No token, another person's, one character changed, cut short. */
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL, NULL,
	    "kr=1&value=2"), 403);
	snprintf(b, sizeof(b), "token=%s&kr=1&value=2", other);
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL, NULL, b), 403);
	snprintf(b, sizeof(b), "token=%s&kr=1&value=2", token);
	p = b + 6 + 10;
	*p = *p == 'a' ? 'b' : 'a';
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL, NULL, b), 403);
	snprintf(b, sizeof(b), "token=%.63s&kr=1&value=2", token);
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL, NULL, b), 403);
	/* The right token, but from another site. */
	snprintf(b, sizeof(b), "token=%s&kr=1&value=2", token);
	assert_int_equal(post("/edit/checkin/5", "lina", NULL,
	    "HTTP_SEC_FETCH_SITE=cross-site", NULL, b), 403);
	assert_int_equal(post("/edit/checkin/5", "lina", NULL,
	    "HTTP_ORIGIN=http://evil.example", NULL, b), 403);
	/* No REMOTE_USER: 401 before anything else. */
	assert_int_equal(post("/edit/checkin/5", NULL, NULL, NULL, NULL, b), 401);
	/* Not a form; a key the route does not take; a single key twice,
	 * across query and body or in the body. */
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL,
	    "text/plain", b), 400);
	snprintf(b, sizeof(b), "token=%s&kr=1&title=x", token);
	assert_int_equal(post("/edit/checkin/5", "lina", NULL, NULL, NULL, b), 400);
	snprintf(b, sizeof(b), "token=%s&title=x", token);
	assert_int_equal(post("/edit/objective/3", "lina", "title=y", NULL,
	    NULL, b), 400);
	snprintf(b, sizeof(b), "token=%s&token=%s", token, token);
	assert_int_equal(post("/edit/objective/3", "lina", NULL, NULL, NULL, b), 400);
	/* The token is a body key only: in the query it is unknown. */
	snprintf(b, sizeof(b), "token=%s", token);
	assert_int_equal(post("/edit/objective/3", "lina", b, NULL, NULL, ""), 400);
}

/* A body over REQ_MAXBODY is refused (413) before it is read; a bad or
 * broken Content-Length is a 400. */
static void
request_post_length(void **state)
{
	char cl[64];
	const char *env[] = { "REQUEST_METHOD=POST", "PATH_INFO=/edit/checkin/5",
	    "REMOTE_USER=lina", "CONTENT_TYPE=application/x-www-form-urlencoded",
	    cl, NULL };

	(void)state;
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%d", REQ_MAXBODY + 1);
	assert_int_equal(request(env, "kr=1"), 413);
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=18446744073709551617");
	assert_int_equal(request(env, "kr=1"), 400);
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=-1");
	assert_int_equal(request(env, "kr=1"), 400);
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=4x");
	assert_int_equal(request(env, "kr=1"), 400);
	/* Shorter than announced: the body ends early. */
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=100");
	assert_int_equal(request(env, "kr=1"), 400);
}

/* Loads a config of the one line into c; conf_load()'s status. */
static int
conf_line(struct conf *c, const char *line)
{
	char path[sizeof(keydir) + 16];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/t.conf", keydir);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "# behind a proxy\n%s\n", line);
	fclose(f);
	rc = conf_load(c, path);
	unlink(path);
	return rc;
}

/* public-url becomes the origin a browser would send (lower case, no
 * port of the scheme's own) and a path without its final '/'; anything
 * but such a URL stops the program. */
static void
conf_public_url(void **state)
{
	static const char *const bad[] = { "okr.example.com", "ftp://h/",
	    "https://", "https:///okr", "https://h:", "https://h:0",
	    "https://h:65536", "https://h:8x", "https://u@h/", "https://h/a b",
	    "https://h/okr?x=1", "https://h/okr#top", "https://h//okr",
	    "https://[::1/", "https://[]/", "https://h\\x/", NULL };
	struct conf c;
	char line[128];
	size_t i;

	(void)state;
	assert_int_equal(conf_line(&c, "public-url = HTTPS://OKR.Example.com:443/okr/"), 0);
	assert_string_equal(c.public_origin, "https://okr.example.com");
	assert_string_equal(c.public_path, "/okr");
	assert_int_equal(conf_line(&c, "public-url = http://[::1]:8080"), 0);
	assert_string_equal(c.public_origin, "http://[::1]:8080");
	assert_string_equal(c.public_path, "");
	assert_int_equal(conf_line(&c, "public-url = http://h:443/"), 0);
	assert_string_equal(c.public_origin, "http://h:443");
	assert_int_equal(conf_line(&c, "# nothing"), 0);
	assert_string_equal(c.public_origin, "");
	for (i = 0; bad[i] != NULL; i++) {
		snprintf(line, sizeof(line), "public-url = %s", bad[i]);
		if (conf_line(&c, line) != -1)
			fail_msg("accepted %s", line);
	}
}

/* trusted-proxy: addresses and networks, IPv4 and IPv6; an IPv4-mapped
 * peer is its IPv4 address. */
static void
conf_trusted_proxy(void **state)
{
	static const char *const bad[] = { "10.0.0.0/33", "::1/129", "1.2.3",
	    "/8", "10.0.0.0/", "10.0.0.0/-1", "proxy.example.com",
	    "10.0.0.1 10.0.0.2", NULL };
	struct conf c;
	char line[64 * CONF_MAX_PROXIES];
	size_t i, n;

	(void)state;
	assert_int_equal(conf_line(&c, "trusted-proxy = 10.0.0.0/8\n"
	    "trusted-proxy = 2001:db8::/32\ntrusted-proxy = 127.0.0.2"), 0);
	assert_int_equal(c.ntrusted, 3);
	assert_true(conf_net_match(c.trusted, c.ntrusted, "10.200.3.4"));
	assert_true(conf_net_match(c.trusted, c.ntrusted, "::ffff:10.1.2.3"));
	assert_true(conf_net_match(c.trusted, c.ntrusted, "2001:db8:ff::1"));
	assert_true(conf_net_match(c.trusted, c.ntrusted, "127.0.0.2"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "11.0.0.1"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "127.0.0.1"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "2001:db9::1"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "::a00:1"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "unix:"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, NULL));
	assert_int_equal(conf_line(&c, "trusted-proxy = 172.16.0.0/12"), 0);
	assert_true(conf_net_match(c.trusted, c.ntrusted, "172.31.255.255"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "172.32.0.0"));
	assert_int_equal(conf_line(&c, "trusted-proxy = 0.0.0.0/0"), 0);
	assert_true(conf_net_match(c.trusted, c.ntrusted, "192.0.2.1"));
	assert_false(conf_net_match(c.trusted, c.ntrusted, "::1"));
	for (i = 0; bad[i] != NULL; i++) {
		snprintf(line, sizeof(line), "trusted-proxy = %s", bad[i]);
		if (conf_line(&c, line) != -1)
			fail_msg("accepted %s", line);
	}
	/* One line more than there is room for. */
	for (i = n = 0; i <= CONF_MAX_PROXIES; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    "trusted-proxy = 10.0.0.%zu\n", i);
	assert_int_equal(conf_line(&c, line), -1);
}

/* A form saved through a proxy: POST /okr/edit/kr/5 as lina with the
 * variables of vars (NULL-terminated); its status, Location in out. */
static int
proxied(const char *const *vars)
{
	static char cl[64], b[128];
	char token[65];
	const char *env[16];
	int n = 0;

	csrf_token("lina", token);
	snprintf(b, sizeof(b), "token=%s", token);
	snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", strlen(b));
	env[n++] = "REQUEST_METHOD=POST";
	env[n++] = "SCRIPT_NAME=/okr";
	env[n++] = "PATH_INFO=/edit/kr/5";
	env[n++] = "REMOTE_USER=lina";
	env[n++] = "CONTENT_TYPE=application/x-www-form-urlencoded";
	env[n++] = "SERVER_PORT=8080";
	env[n++] = "REMOTE_ADDR=10.0.0.5";
	env[n++] = cl;
	for (; *vars != NULL && n < 15; vars++)
		env[n++] = *vars;
	env[n] = NULL;
	return request(env, b);
}

/* proxied(vars) answers 303 to location. */
static void
moved_to(const char *const *vars, const char *location)
{
	char want[160];

	assert_int_equal(proxied(vars), 303);
	snprintf(want, sizeof(want), "\r\nLocation: %s\r\n", location);
	assert_non_null(strstr(out, want));
}

/* With public-url, forms from it are saved and go to it, whatever Host
 * the request carries; the back end's own origin is another site. */
static void
request_public_url(void **state)
{
	const char *pub[] = { "HTTP_HOST=backend", "HTTP_ORIGIN=https://okr.example.com", NULL };
	const char *own[] = { "HTTP_HOST=backend", "HTTP_ORIGIN=http://backend:8080", NULL };
	const char *fwd[] = { "HTTP_HOST=backend", "HTTP_X_FORWARDED_HOST=evil.example",
	    "HTTP_ORIGIN=https://evil.example", NULL };
	const char *none[] = { "HTTP_HOST=backend", NULL };
	struct conf c;

	(void)state;
	assert_int_equal(conf_line(&c, "public-url = https://okr.example.com/okr\n"
	    "trusted-proxy = 10.0.0.5"), 0);
	req_set_public(&c);
	moved_to(pub, "https://okr.example.com/okr/objective/5");
	moved_to(none, "https://okr.example.com/okr/objective/5");
	assert_int_equal(proxied(own), 403);
	assert_int_equal(proxied(fwd), 403);
	/* Another path in front: the redirect follows it. */
	assert_int_equal(conf_line(&c, "public-url = https://okr.example.com:8443/"), 0);
	req_set_public(&c);
	moved_to(none, "https://okr.example.com:8443/objective/5");
	memset(&c, 0, sizeof(c));
	req_set_public(&c);
}

/* Forwarded host and scheme count from a trusted peer only: the nearest
 * proxy's (the last value), RFC 7239 before X-Forwarded-*. */
static void
request_trusted_proxy(void **state)
{
	const char *xf[] = { "HTTP_HOST=backend", "HTTP_X_FORWARDED_HOST=evil.example, okr.example.com:8443",
	    "HTTP_X_FORWARDED_PROTO=https", "HTTP_ORIGIN=https://okr.example.com:8443", NULL };
	const char *xport[] = { "HTTP_HOST=backend", "HTTP_X_FORWARDED_HOST=OKR.example.com",
	    "HTTP_X_FORWARDED_PROTO=https", "HTTP_X_FORWARDED_PORT=443",
	    "HTTP_ORIGIN=https://okr.example.com", NULL };
	const char *rfc[] = { "HTTP_HOST=backend", "HTTP_X_FORWARDED_HOST=evil.example",
	    "HTTP_FORWARDED=for=1.2.3.4;host=evil.example, for=10.0.0.9;Host=\"okr.example.com\";proto=https",
	    "HTTP_ORIGIN=https://okr.example.com", NULL };
	const char *badproto[] = { "HTTP_HOST=backend", "HTTP_X_FORWARDED_HOST=okr.example.com",
	    "HTTP_X_FORWARDED_PROTO=gopher", "HTTP_ORIGIN=gopher://okr.example.com", NULL };
	const char *badhost[] = { "HTTP_HOST=backend", "HTTP_X_FORWARDED_HOST=okr.example.com/x",
	    "HTTP_ORIGIN=http://okr.example.com/x", NULL };
	const char *untrusted[] = { "REMOTE_ADDR=10.0.0.6", "HTTP_HOST=backend",
	    "HTTP_X_FORWARDED_HOST=okr.example.com:8443", "HTTP_X_FORWARDED_PROTO=https",
	    "HTTP_ORIGIN=https://okr.example.com:8443", NULL };
	const char *direct[] = { "REMOTE_ADDR=10.0.0.6", "HTTP_HOST=backend",
	    "HTTP_ORIGIN=http://backend:8080", NULL };
	struct conf c;

	(void)state;
	assert_int_equal(conf_line(&c, "trusted-proxy = 10.0.0.5"), 0);
	req_set_public(&c);
	moved_to(xf, "https://okr.example.com:8443/okr/objective/5");
	moved_to(xport, "https://okr.example.com/okr/objective/5");
	moved_to(rfc, "https://okr.example.com/okr/objective/5");
	assert_int_equal(proxied(badproto), 403);
	assert_int_equal(proxied(badhost), 403);
	/* Another peer (the later REMOTE_ADDR replaces proxied()'s). */
	assert_int_equal(proxied(untrusted), 403);
	moved_to(direct, "/okr/objective/5");
	memset(&c, 0, sizeof(c));
	req_set_public(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(query_valid),
		cmocka_unit_test(query_empty),
		cmocka_unit_test(query_rejected),
		cmocka_unit_test(query_tracking),
		cmocka_unit_test(query_back_space),
		cmocka_unit_test(query_longer_than_maxquery),
		cmocka_unit_test(multi_keys),
		cmocka_unit_test(repeated_single_keys),
		cmocka_unit_test(multi_limit),
		cmocka_unit_test(text_lines),
		cmocka_unit_test(text_lengths),
		cmocka_unit_test(text_utf8),
		cmocka_unit_test(text_valid_span),
		cmocka_unit_test(text_clean),
		cmocka_unit_test(negotiate_cookie),
		cmocka_unit_test(negotiate_accept),
		cmocka_unit_test(parse_id),
		cmocka_unit_test(routing),
		cmocka_unit_test(routing_suffix),
		cmocka_unit_test(routing_allow),
		cmocka_unit_test(local_path),
	};
	const struct CMUnitTest requests[] = {
		cmocka_unit_test(conf_public_url),
		cmocka_unit_test(conf_trusted_proxy),
		cmocka_unit_test(request_public_url),
		cmocka_unit_test(request_trusted_proxy),
		cmocka_unit_test(request_query_limit),
		cmocka_unit_test(request_errors),
		cmocka_unit_test(request_post),
		cmocka_unit_test(request_post_refused),
		cmocka_unit_test(request_post_length),
	};
	int failed;

	failed = cmocka_run_group_tests(tests, setup, teardown);
	return failed + cmocka_run_group_tests(requests, setup_requests,
	    teardown_requests);
}
