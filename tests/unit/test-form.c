/* test-form.c: typed form input with one error per field, and the <form>
 * documents (cgi/form.c).  A request context with an arena and values in
 * r.val stands for a submitted form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/tree.h>

#include "arena.h"
#include "form.h"
#include "okr.h"
#include "req.h"
#include "store.h"

static struct req r;
static struct form f;

static int
setup(void **state)
{
	(void)state;
	memset(&r, 0, sizeof(r));
	arena_init(&r.ar);
	r.script = "/okr";
	form_init(&f, &r);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&r.ar);
	return 0;
}

/* A fresh form whose field k was sent as v (NULL: not sent). */
static void
sent(enum key k, const char *v)
{
	teardown(NULL);
	setup(NULL);
	r.val[k] = v;
}

/* Expects field k's error to be errkey (NULL: none). */
static void
err_is(enum key k, const char *errkey)
{
	if (errkey == NULL)
		assert_null(f.err[k]);
	else {
		assert_non_null(f.err[k]);
		assert_string_equal(f.err[k], errkey);
	}
}

/* s repeated n times, in the arena. */
static char *
repeat(const char *s, size_t n)
{
	size_t len = strlen(s), i;
	char *out = arena_alloc(&r.ar, len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[len * n] = '\0';
	return out;
}

/* form_init: no errors, showing what was sent, bound to the request. */
static void
init(void **state)
{
	int k;

	(void)state;
	memset(&f, 0xa5, sizeof(f));
	form_init(&f, &r);
	assert_ptr_equal(f.r, &r);
	assert_int_equal(f.nerr, 0);
	assert_int_equal(f.input, 1);
	for (k = 0; k < KEY__MAX; k++)
		assert_null(f.err[k]);
}

/* Text is trimmed of blanks and line breaks at both ends, not inside. */
static void
text_trimmed(void **state)
{
	const char *s = NULL;

	(void)state;
	sent(KEY_TITLE, " \t 提升 客户\t满意度 \r\n");
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), 0);
	assert_string_equal(s, "提升 客户\t满意度");
	assert_int_equal(f.nerr, 0);
	/* The sent value itself is left as it was. */
	assert_string_equal(r.val[KEY_TITLE], " \t 提升 客户\t满意度 \r\n");
	sent(KEY_DESCRIPTION, "\n\nline 1\nline 2\n\n");
	assert_int_equal(form_text(&f, KEY_DESCRIPTION, 0, 5000, &s), 0);
	assert_string_equal(s, "line 1\nline 2");
	sent(KEY_TITLE, "x");
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), 0);
	assert_string_equal(s, "x");
}

/* A required text that is absent, empty or only blanks is
 * err.field.required; an optional one gives "" and no error. */
static void
text_required(void **state)
{
	static const char *const empty[] = { NULL, "", " ", "\t\r\n ",
	    "\xe3\x80\x80", " \xe3\x80\x80 \xe3\x80\x80" };
	const char *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		sent(KEY_TITLE, empty[i]);
		s = NULL;
		assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), -1);
		err_is(KEY_TITLE, "err.field.required");
		assert_int_equal(f.nerr, 1);
		assert_non_null(s);
		assert_string_equal(s, "");
		sent(KEY_TITLE, empty[i]);
		s = NULL;
		assert_int_equal(form_text(&f, KEY_TITLE, 0, 200, &s), 0);
		assert_string_equal(s, "");
		err_is(KEY_TITLE, NULL);
		assert_int_equal(f.nerr, 0);
	}
}

/* The limit counts characters, not bytes: 200 Chinese characters (600
 * bytes) fit in 200, 201 are err.field.too-long; so for 4-byte ones. */
static void
text_too_long(void **state)
{
	const char *s;

	(void)state;
	sent(KEY_TITLE, NULL);
	r.val[KEY_TITLE] = repeat("目", 200);
	assert_int_equal(strlen(r.val[KEY_TITLE]), 600);
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), 0);
	assert_int_equal(f.nerr, 0);
	sent(KEY_TITLE, NULL);
	r.val[KEY_TITLE] = repeat("目", 201);
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), -1);
	err_is(KEY_TITLE, "err.field.too-long");
	assert_int_equal(f.nerr, 1);
	/* The value is still given back, to be shown again. */
	assert_int_equal(strlen(s), 603);
	sent(KEY_TITLE, NULL);
	r.val[KEY_TITLE] = repeat("\xf0\x9f\x98\x80", 200);
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), 0);
	sent(KEY_TITLE, NULL);
	r.val[KEY_TITLE] = arena_printf(&r.ar, "%sa", repeat("é", 200));
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 200, &s), -1);
	err_is(KEY_TITLE, "err.field.too-long");
	/* ASCII: 200 fit, 201 do not; blanks trimmed do not count. */
	sent(KEY_NAME, NULL);
	r.val[KEY_NAME] = arena_printf(&r.ar, "  %s  \n", repeat("a", 200));
	assert_int_equal(form_text(&f, KEY_NAME, 1, 200, &s), 0);
	assert_int_equal(strlen(s), 200);
	sent(KEY_NAME, NULL);
	r.val[KEY_NAME] = repeat("a", 201);
	assert_int_equal(form_text(&f, KEY_NAME, 1, 200, &s), -1);
	err_is(KEY_NAME, "err.field.too-long");
}

/* Numbers as people type them: digit group marks, blanks around. */
static void
number_valid(void **state)
{
	static const struct { const char *in; double want; } good[] = {
		{ "1,200", 1200 }, { " 3.5 ", 3.5 }, { "1 200 000", 1200000 },
		{ "1,234,567.25", 1234567.25 }, { "0", 0 }, { "-2.5", -2.5 },
		{ "+7", 7 }, { ".5", 0.5 }, { "5.", 5 }, { "1e3", 1000 },
		{ "\t42\n", 42 }, { "0.0001", 0.0001 }, { "-1 200.5", -1200.5 },
		/* What a Chinese input method types: full-width forms. */
		{ "１２", 12 }, { "－３．５", -3.5 }, { "\xe2\x88\x92" "2", -2 },
		{ "１，２００", 1200 }, { "＋７", 7 }, { "\xe3\x80\x80" "８", 8 },
		{ "１　２００", 1200 }, { "50%", 50 }, { "５０％", 50 },
	};
	double v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		sent(KEY_TARGET, good[i].in);
		v = -99;
		if (form_number(&f, KEY_TARGET, 1, -1e15, 1e15, &v) != 0 ||
		    v != good[i].want || f.nerr != 0)
			fail_msg("\"%s\": %g, error %s", good[i].in, v,
			    f.err[KEY_TARGET] ? f.err[KEY_TARGET] : "none");
	}
}

/* What is not a finite decimal number is err.field.number, and the
 * value given back is 0. */
static void
number_refused(void **state)
{
	static const char *const bad[] = { "abc", "1e400", "-1e400", "nan",
	    "NaN", "nan(1)", "inf", "-inf", "Infinity", "0x10", "0X10", "0x1p4",
	    "1p4", "12abc", "1.2.3", "1e", "--1", "1-", ".", ",", "%", "5%%",
	    "%5", "5 %", "一百", "１２ａ", "１２。５", "1/2", "1e+", "e5", "3,5", "1,20", "1,2000", ",100",
	    "12345,678", "1.5,000", "3 5", "1 20", "12 3456", "1,200 000",
	    "1 200,000", "1.5 000" };
	double v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sent(KEY_TARGET, bad[i]);
		v = -99;
		if (form_number(&f, KEY_TARGET, 1, -1e300, 1e300, &v) != -1 ||
		    f.err[KEY_TARGET] == NULL ||
		    strcmp(f.err[KEY_TARGET], "err.field.number") != 0 ||
		    f.nerr != 1 || v != 0)
			fail_msg("\"%s\": %g, error %s", bad[i], v,
			    f.err[KEY_TARGET] ? f.err[KEY_TARGET] : "none");
	}
}

/* Outside [min, max] is err.field.range; the bounds themselves are in. */
static void
number_range(void **state)
{
	double v;

	(void)state;
	sent(KEY_CONFIDENCE, "1.5");
	assert_int_equal(form_number(&f, KEY_CONFIDENCE, 1, 0, 1, &v), -1);
	err_is(KEY_CONFIDENCE, "err.field.range");
	assert_true(v == 0);
	sent(KEY_CONFIDENCE, "-0.1");
	assert_int_equal(form_number(&f, KEY_CONFIDENCE, 1, 0, 1, &v), -1);
	err_is(KEY_CONFIDENCE, "err.field.range");
	sent(KEY_CONFIDENCE, "1");
	assert_int_equal(form_number(&f, KEY_CONFIDENCE, 1, 0, 1, &v), 0);
	assert_true(v == 1);
	sent(KEY_CONFIDENCE, "0");
	assert_int_equal(form_number(&f, KEY_CONFIDENCE, 1, 0, 1, &v), 0);
	assert_true(v == 0);
	/* A percent on a 0-1 scale is hundredths of it. */
	sent(KEY_CONFIDENCE, "４５％");
	assert_int_equal(form_number(&f, KEY_CONFIDENCE, 1, 0, 1, &v), 0);
	assert_true(fabs(v - 0.45) < 1e-12);
	sent(KEY_CONFIDENCE, "150%");
	assert_int_equal(form_number(&f, KEY_CONFIDENCE, 1, 0, 1, &v), -1);
	err_is(KEY_CONFIDENCE, "err.field.range");
	sent(KEY_WEIGHT, "1e16");
	assert_int_equal(form_number(&f, KEY_WEIGHT, 1, 0, 1e15, &v), -1);
	err_is(KEY_WEIGHT, "err.field.range");
	assert_int_equal(f.nerr, 1);
}

/* An empty optional number is 0 without error; a required one is
 * err.field.required. */
static void
number_empty(void **state)
{
	static const char *const empty[] = { NULL, "", "  ", "\n" };
	double v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		sent(KEY_CURRENT, empty[i]);
		v = -99;
		assert_int_equal(form_number(&f, KEY_CURRENT, 0, 1, 10, &v), 0);
		assert_true(v == 0);
		assert_int_equal(f.nerr, 0);
		err_is(KEY_CURRENT, NULL);
		sent(KEY_CURRENT, empty[i]);
		v = -99;
		assert_int_equal(form_number(&f, KEY_CURRENT, 1, 1, 10, &v), -1);
		err_is(KEY_CURRENT, "err.field.required");
		assert_int_equal(f.nerr, 1);
		assert_true(v == 0);
	}
}

/* Dates: a real "YYYY-MM-DD" inside [lo, hi] (the cycle), bounds in. */
static void
date(void **state)
{
	static const char *const bad[] = { "2026-02-30", "2026-13-01",
	    "2026-2-01", "2026/02/01", "01-02-2026", "tomorrow", "2026-02-01x" };
	int32_t d, q1, q1_end;
	size_t i;

	(void)state;
	assert_int_equal(okr_date_parse("2026-01-01", &q1), 0);
	assert_int_equal(okr_date_parse("2026-03-31", &q1_end), 0);
	sent(KEY_DUE, " 2026-02-28 ");
	assert_int_equal(form_date(&f, KEY_DUE, 1, q1, q1_end, &d), 0);
	assert_int_equal(d, q1 + 31 + 27);
	assert_int_equal(f.nerr, 0);
	sent(KEY_DUE, "2026-01-01");
	assert_int_equal(form_date(&f, KEY_DUE, 1, q1, q1_end, &d), 0);
	assert_int_equal(d, q1);
	sent(KEY_DUE, "2026-03-31");
	assert_int_equal(form_date(&f, KEY_DUE, 1, q1, q1_end, &d), 0);
	assert_int_equal(d, q1_end);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sent(KEY_DUE, bad[i]);
		if (form_date(&f, KEY_DUE, 1, q1, q1_end, &d) != -1 ||
		    f.err[KEY_DUE] == NULL ||
		    strcmp(f.err[KEY_DUE], "err.field.date") != 0)
			fail_msg("\"%s\" not err.field.date", bad[i]);
	}
	sent(KEY_DUE, "2025-12-31");
	assert_int_equal(form_date(&f, KEY_DUE, 1, q1, q1_end, &d), -1);
	err_is(KEY_DUE, "err.field.date-outside-cycle");
	sent(KEY_DUE, "2026-04-01");
	assert_int_equal(form_date(&f, KEY_DUE, 0, q1, q1_end, &d), -1);
	err_is(KEY_DUE, "err.field.date-outside-cycle");
	assert_int_equal(f.nerr, 1);
	/* Empty: 0 when optional, err.field.required when required. */
	sent(KEY_DUE, " ");
	d = 7;
	assert_int_equal(form_date(&f, KEY_DUE, 0, q1, q1_end, &d), 0);
	assert_int_equal(d, 0);
	err_is(KEY_DUE, NULL);
	sent(KEY_DUE, NULL);
	assert_int_equal(form_date(&f, KEY_DUE, 1, q1, q1_end, &d), -1);
	err_is(KEY_DUE, "err.field.required");
}

/* A KR's terms are read as the KR form reads them, wherever they are
 * typed (the KR form, a consensus revision): both ends required but for
 * a milestone, which goes from 0 to 1; the due day within the cycle. */
static void
kr_terms(void **state)
{
	struct kr k;
	int32_t first, last;

	(void)state;
	okr_date_parse("2026-10-01", &first);
	okr_date_parse("2026-12-31", &last);
	r.val[KEY_TITLE] = "12月31日前付费客户从 10 增至 120 家";
	r.val[KEY_START] = "1,200";
	r.val[KEY_TARGET] = "-5";
	r.val[KEY_UNIT_LABEL] = "家";
	r.val[KEY_DUE] = "2026-12-01";
	memset(&k, 0, sizeof(k));
	form_kr_terms(&f, KR_NUMERIC, first, last, &k);
	assert_int_equal(f.nerr, 0);
	assert_true(k.start == 1200 && k.target == -5);
	assert_string_equal(k.unit_label, "家");
	assert_int_equal(k.due, first + 61);

	sent(KEY_TITLE, "x");
	r.val[KEY_DUE] = "2027-01-01";
	form_kr_terms(&f, KR_NUMERIC, first, last, &k);
	err_is(KEY_START, "err.field.required");
	err_is(KEY_TARGET, "err.field.required");
	err_is(KEY_DUE, "err.field.date-outside-cycle");

	sent(KEY_TITLE, "done");
	r.val[KEY_START] = "7";
	form_kr_terms(&f, KR_MILESTONE, first, last, &k);
	assert_int_equal(f.nerr, 0);
	assert_true(k.start == 0 && k.target == 1);
	assert_int_equal(k.due, 0);

	sent(KEY_START, "1");
	form_kr_terms(&f, KR_NUMERIC, first, last, &k);
	err_is(KEY_TITLE, "err.field.required");
}

/* A choice is one of the names, exactly (blanks trimmed); anything
 * else, absent included, is err.field.choice. */
static void
choice(void **state)
{
	static const char *const bad[] = { NULL, "", "Percent", "percent2",
	    "3", "1", "num" };
	int v;
	size_t i;

	(void)state;
	sent(KEY_KIND, "percent");
	assert_int_equal(form_choice(&f, KEY_KIND, okr_kind_names, KR__MAX, &v), 0);
	assert_int_equal(v, KR_PERCENT);
	sent(KEY_KIND, " milestone\n");
	assert_int_equal(form_choice(&f, KEY_KIND, okr_kind_names, KR__MAX, &v), 0);
	assert_int_equal(v, KR_MILESTONE);
	sent(KEY_DIRECTION, "decrease");
	assert_int_equal(form_choice(&f, KEY_DIRECTION, okr_dir_names, DIR__MAX,
	    &v), 0);
	assert_int_equal(v, DIR_DECREASE);
	assert_int_equal(f.nerr, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sent(KEY_KIND, bad[i]);
		v = 9;
		if (form_choice(&f, KEY_KIND, okr_kind_names, KR__MAX, &v) != -1 ||
		    f.err[KEY_KIND] == NULL ||
		    strcmp(f.err[KEY_KIND], "err.field.choice") != 0 || f.nerr != 1)
			fail_msg("\"%s\" not err.field.choice",
			    bad[i] ? bad[i] : "(absent)");
	}
	/* Only the first n names count. */
	sent(KEY_KIND, "milestone");
	assert_int_equal(form_choice(&f, KEY_KIND, okr_kind_names, 2, &v), -1);
	err_is(KEY_KIND, "err.field.choice");
}

/* An id: "" and "0" are none (0) when optional, err.field.required when
 * required; what is not a canonical id is err.field.choice. */
static void
id(void **state)
{
	static const char *const bad[] = { "abc", "-1", "012", "1.0",
	    "4294967296", "1 2", "0x1", "+3" };
	static const char *const none[] = { NULL, "", "0", " 0 " };
	uint32_t v;
	size_t i;

	(void)state;
	sent(KEY_PARENT, "12");
	assert_int_equal(form_id(&f, KEY_PARENT, 1, &v), 0);
	assert_int_equal(v, 12);
	sent(KEY_PARENT, " 7 ");
	assert_int_equal(form_id(&f, KEY_PARENT, 0, &v), 0);
	assert_int_equal(v, 7);
	sent(KEY_PARENT, "4294967295");
	assert_int_equal(form_id(&f, KEY_PARENT, 1, &v), 0);
	assert_int_equal(v, UINT32_MAX);
	assert_int_equal(f.nerr, 0);
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		sent(KEY_PARENT, none[i]);
		v = 9;
		assert_int_equal(form_id(&f, KEY_PARENT, 0, &v), 0);
		assert_int_equal(v, 0);
		err_is(KEY_PARENT, NULL);
		sent(KEY_OWNER, none[i]);
		v = 9;
		assert_int_equal(form_id(&f, KEY_OWNER, 1, &v), -1);
		err_is(KEY_OWNER, "err.field.required");
		assert_int_equal(v, 0);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sent(KEY_PARENT, bad[i]);
		v = 9;
		if (form_id(&f, KEY_PARENT, 0, &v) != -1 ||
		    f.err[KEY_PARENT] == NULL ||
		    strcmp(f.err[KEY_PARENT], "err.field.choice") != 0)
			fail_msg("\"%s\" not err.field.choice", bad[i]);
	}
}

/* A field keeps its first error; nerr counts fields, not errors. */
static void
first_error_kept(void **state)
{
	const char *s;
	double v;

	(void)state;
	sent(KEY_TITLE, "");
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 10, &s), -1);
	r.val[KEY_TITLE] = "not a number at all";
	assert_int_equal(form_number(&f, KEY_TITLE, 1, 0, 1, &v), -1);
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 5, &s), -1);
	err_is(KEY_TITLE, "err.field.required");
	assert_int_equal(f.nerr, 1);
	r.val[KEY_TARGET] = "2";
	assert_int_equal(form_number(&f, KEY_TARGET, 1, 0, 1, &v), -1);
	err_is(KEY_TARGET, "err.field.range");
	assert_int_equal(f.nerr, 2);
	form_error(&f, KEY_TARGET, "err.field.number");
	err_is(KEY_TARGET, "err.field.range");
	assert_int_equal(f.nerr, 2);
	form_error(&f, KEY_UNIT, "err.unit.closed");
	err_is(KEY_UNIT, "err.unit.closed");
	assert_int_equal(f.nerr, 3);
	/* A good field after them adds nothing. */
	r.val[KEY_WEIGHT] = "1";
	assert_int_equal(form_number(&f, KEY_WEIGHT, 1, 0, 10, &v), 0);
	assert_int_equal(f.nerr, 3);
	err_is(KEY_WEIGHT, NULL);
}

/* The value of attribute name of n, NULL when absent (the doc owns it). */
static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	if (a == NULL || a->children == NULL)
		return NULL;
	return (const char *)a->children->content;
}

/* <form>: action under the base, status, version unless 0, back, and a
 * message for an invalid form or a conflict. */
static void
form_document(void **state)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr page = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL), n;

	(void)state;
	xmlDocSetRootElement(doc, page);
	n = form_begin(&f, page, "/edit/objective/3", "invalid", 4, "/okr/x");
	assert_string_equal((const char *)n->name, "form");
	assert_string_equal(attr(n, "action"), "/okr/edit/objective/3");
	assert_string_equal(attr(n, "status"), "invalid");
	assert_string_equal(attr(n, "version"), "4");
	assert_string_equal(attr(n, "back"), "/okr/x");
	assert_non_null(n->children);
	assert_string_equal((const char *)n->children->name, "message");
	assert_string_equal(attr(n->children, "key"), "form.invalid");
	n = form_begin(&f, page, "/edit/kr/new", "new", 0, NULL);
	assert_null(attr(n, "version"));
	assert_null(attr(n, "back"));
	assert_null(n->children);
	n = form_begin(&f, page, "/edit/kr/9", "conflict", 7, NULL);
	assert_string_equal(attr(n->children, "key"), "form.conflict");
	xmlFreeDoc(doc);
}

/* <field>: what was sent, else what is stored; current only where it
 * differs from what is shown; the field's error; max when given. */
static void
field_document(void **state)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr form = xmlNewDocNode(doc, NULL, BAD_CAST "form", NULL), n;
	const char *s;

	(void)state;
	xmlDocSetRootElement(doc, form);
	r.val[KEY_TITLE] = "sent";
	assert_int_equal(form_text(&f, KEY_TITLE, 1, 2, &s), -1);
	n = form_field(&f, form, KEY_TITLE, "text", "stored", "theirs", 200);
	assert_string_equal(attr(n, "name"), "title");
	assert_string_equal(attr(n, "type"), "text");
	assert_string_equal(attr(n, "value"), "sent");
	assert_string_equal(attr(n, "max"), "200");
	assert_string_equal(attr(n, "current"), "theirs");
	assert_string_equal(attr(n, "error"), "err.field.too-long");
	n = form_field(&f, form, KEY_TITLE, "text", "stored", "sent", 0);
	assert_null(attr(n, "current"));
	/* Refused as too long, it states the limit it broke. */
	assert_string_equal(attr(n, "max"), "2");
	n = form_field(&f, form, KEY_NOTE, "text", "stored", NULL, 0);
	assert_null(attr(n, "max"));
	/* Not sent: the stored value, no error. */
	n = form_field(&f, form, KEY_UNIT_LABEL, "text", "万元", NULL, 20);
	assert_string_equal(attr(n, "name"), "unit-label");
	assert_string_equal(attr(n, "value"), "万元");
	assert_null(attr(n, "error"));
	/* A form made from the store shows the stored values. */
	f.input = 0;
	n = form_field(&f, form, KEY_TITLE, "text", "stored", "stored", 200);
	assert_string_equal(attr(n, "value"), "stored");
	assert_null(attr(n, "current"));
	n = form_field(&f, form, KEY_DESCRIPTION, "textarea", NULL, NULL, 0);
	assert_string_equal(attr(n, "value"), "");
	n = form_option(n, "percent", NULL, "kind.percent");
	assert_string_equal((const char *)n->name, "option");
	assert_string_equal(attr(n, "value"), "percent");
	assert_null(attr(n, "label"));
	assert_string_equal(attr(n, "label-key"), "kind.percent");
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(init, setup, teardown),
		cmocka_unit_test_setup_teardown(text_trimmed, setup, teardown),
		cmocka_unit_test_setup_teardown(text_required, setup, teardown),
		cmocka_unit_test_setup_teardown(text_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(number_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(number_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(number_range, setup, teardown),
		cmocka_unit_test_setup_teardown(number_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(date, setup, teardown),
		cmocka_unit_test_setup_teardown(kr_terms, setup, teardown),
		cmocka_unit_test_setup_teardown(choice, setup, teardown),
		cmocka_unit_test_setup_teardown(id, setup, teardown),
		cmocka_unit_test_setup_teardown(first_error_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(form_document, setup, teardown),
		cmocka_unit_test_setup_teardown(field_document, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
