/* test-cards.c: the card ring (cgi/cards.c).  A card kept is found byte
 * for byte under its name and no other; a name never kept is not found;
 * names that share a set of slots keep each other's cards; the ring
 * overwrites its oldest cards first and never answers a card with bytes
 * of another; a card too large for the ring is not kept; a file that is
 * not a card file, or none, keeps nothing and breaks nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <libxml/xmlmemory.h>

#include "cards.h"

static char dir[] = "/tmp/mubiao-test-cards.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The HTML of card i: its own bytes, of a length of its own. */
static const char *
html_of(int i, char *buf, size_t size)
{
	int n = snprintf(buf, size, "<article id=\"o-%d\">", i), k;

	for (k = 0; k < 60 + i % 37 && (size_t)n + 16 < size; k++)
		n += snprintf(buf + n, size - (size_t)n, "<p>%d</p>", k);
	return buf;
}

static void
expect_card(const char *key, const char *want)
{
	size_t n;
	char *got = cards_get(key, &n);

	assert_non_null(got);
	assert_int_equal(n, strlen(want));
	assert_string_equal(got, want);
	xmlFree(got);
}

static void
test_kept_and_found(void **state)
{
	char key[64], buf[2048];
	size_t n;
	int i;

	(void)state;
	assert_int_equal(cards_create(dir, 1), 0);
	assert_int_equal(cards_open(dir), 0);
	assert_true(cards_on());
	assert_null(cards_get("o1-never", &n));
	/* A few thousand names: every set of slots shared by some. */
	for (i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "o%d-%08x-h3-001", i, i * 2654435761u);
		html_of(i, buf, sizeof(buf));
		cards_put(key, 0, buf, strlen(buf));
	}
	/* The newest are all there (the ring of 1 MB holds some hundreds of
	 * these 1 KB cards: it went round more than three times). */
	for (i = 2900; i < 3000; i++) {
		snprintf(key, sizeof(key), "o%d-%08x-h3-001", i, i * 2654435761u);
		expect_card(key, html_of(i, buf, sizeof(buf)));
	}
	/* Any found is its own, never another's; the oldest are gone. */
	for (i = 0; i < 3000; i++) {
		char *got, want[2048];

		snprintf(key, sizeof(key), "o%d-%08x-h3-001", i, i * 2654435761u);
		if ((got = cards_get(key, &n)) != NULL) {
			assert_string_equal(got, html_of(i, want, sizeof(want)));
			xmlFree(got);
		} else
			assert_true(i < 2900);
	}
	snprintf(key, sizeof(key), "o%d-%08x-h3-001", 0, 0u);
	assert_null(cards_get(key, &n));
	/* Kept again under its name: the new bytes. */
	cards_put("o2999-x", 0, "<p>one</p>", 10);
	cards_put("o2999-x", 0, "<p>two!</p>", 11);
	expect_card("o2999-x", "<p>two!</p>");
}

/* A name marked with its card: known whatever the card's parameters,
 * and unknown once the ring has gone round past it. */
static void
test_names(void **state)
{
	char key[64], buf[2048];
	int i;

	(void)state;
	assert_int_equal(cards_create(dir, 1), 0);
	assert_int_equal(cards_open(dir), 0);
	assert_false(cards_has("o7-abc"));
	cards_put("o7-abc-h3-001", 6, "<p>seven</p>", 12);
	assert_true(cards_has("o7-abc"));
	assert_true(cards_has("o7-abc-h3-001"));
	assert_false(cards_has("o7-abd"));
	assert_false(cards_has("o7-ab"));
	expect_card("o7-abc-h3-001", "<p>seven</p>");
	/* The mark is a card of no bytes, not the card. */
	expect_card("o7-abc", "");
	for (i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "o%d-%08x-h3-001", i, i * 2654435761u);
		html_of(i, buf, sizeof(buf));
		cards_put(key, 0, buf, strlen(buf));
	}
	assert_false(cards_has("o7-abc"));
	assert_false(cards_has("o7-abc-h3-001"));
}

/* A page's cards kept together: each found as if kept alone, across the
 * ring's end and the batches a large page is cut into. */
static void
test_batch(void **state)
{
	char key[64], buf[2048];
	size_t n0;
	int i, round;

	(void)state;
	assert_int_equal(cards_create(dir, 1), 0);
	assert_int_equal(cards_open(dir), 0);
	for (round = 0; round < 8; round++) {
		cards_begin();
		for (i = 0; i < 150; i++) {
			snprintf(key, sizeof(key), "o%d-%d-h3-001", i, round);
			html_of(i + round, buf, sizeof(buf));
			cards_put(key, (size_t)(strchr(strchr(key, '-') + 1, '-') - key),
			    buf, strlen(buf));
		}
		cards_end();
		for (i = 100; i < 150; i++) {
			snprintf(key, sizeof(key), "o%d-%d-h3-001", i, round);
			expect_card(key, html_of(i + round, buf, sizeof(buf)));
			snprintf(key, sizeof(key), "o%d-%d", i, round);
			assert_true(cards_has(key));
		}
	}
	/* After eight rounds of some 200 KB each through a ring of 1 MB, the
	 * first round's cards are gone, never another's bytes. */
	for (i = 0; i < 150; i++) {
		char *got;
		size_t n;

		snprintf(key, sizeof(key), "o%d-0-h3-001", i);
		if ((got = cards_get(key, &n)) != NULL) {
			assert_string_equal(got, html_of(i, buf, sizeof(buf)));
			xmlFree(got);
		}
	}
	snprintf(key, sizeof(key), "o%d-0-h3-001", 0);
	assert_null(cards_get(key, &n0));
}

static void
test_too_large_and_none(void **state)
{
	char *big;
	size_t n;
	FILE *f;
	char path[128];

	(void)state;
	assert_int_equal(cards_create(dir, 1), 0);
	assert_int_equal(cards_open(dir), 0);
	/* More than an eighth of the ring: not kept. */
	big = malloc(300 * 1024);
	assert_non_null(big);
	memset(big, 'x', 300 * 1024);
	cards_put("o1-big", 0, big, 300 * 1024);
	assert_null(cards_get("o1-big", &n));
	free(big);
	/* 0 MB: no file, nothing kept, nothing breaks. */
	assert_int_equal(cards_create(dir, 0), 0);
	assert_int_equal(cards_open(dir), -1);
	assert_false(cards_on());
	cards_put("o1-a", 0, "<p>a</p>", 8);
	assert_null(cards_get("o1-a", &n));
	/* A file that is not a card file is refused. */
	snprintf(path, sizeof(path), "%s/cards", dir);
	assert_non_null(f = fopen(path, "w"));
	for (n = 0; n < 3 * 4096; n++)
		fputc('z', f);
	fclose(f);
	assert_int_equal(cards_open(dir), -1);
	assert_false(cards_on());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_and_found),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_too_large_and_none),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
