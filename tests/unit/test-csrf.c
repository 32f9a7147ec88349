/* test-csrf.c: the form key file and the tokens bound to a login
 * (cgi/csrf.c).  The module keeps one key per process: the tests run in
 * order, from no key to keys read from temporary folders. */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "csrf.h"

#define KEYLEN	32

static char dir1[] = "/tmp/mubiao-test-csrf.XXXXXX";
static char dir2[] = "/tmp/mubiao-test-csrf.XXXXXX";
static char dir3[] = "/tmp/mubiao-test-csrf.XXXXXX";

/* dir/csrf.key */
static const char *
keyfile(const char *dir)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, CSRF_KEYFILE);
	return path;
}

/* Reads dir's key file into buf; returns its size, or -1. */
static ssize_t
read_key(const char *dir, unsigned char *buf, size_t size)
{
	int fd = open(keyfile(dir), O_RDONLY);
	ssize_t n;

	if (fd == -1)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

/* Writes n bytes as dir's key file. */
static void
write_key(const char *dir, const unsigned char *k, size_t n)
{
	int fd = open(keyfile(dir), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd != -1);
	assert_int_equal(write(fd, k, n), (ssize_t)n);
	close(fd);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir1) == NULL || mkdtemp(dir2) == NULL ||
	    mkdtemp(dir3) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(keyfile(dir1));
	unlink(keyfile(dir2));
	unlink(keyfile(dir3));
	rmdir(dir1);
	rmdir(dir2);
	rmdir(dir3);
	return 0;
}

/* Before a key is read, no token passes, not even csrf_token()'s own;
 * reading a folder without a key fails. */
static void
no_key(void **state)
{
	char t[65];

	(void)state;
	assert_int_equal(csrf_init(dir1), -1);
	csrf_token("lina", t);
	assert_int_equal(strlen(t), 64);
	assert_int_equal(csrf_check("lina", t), 0);
	assert_int_equal(csrf_check("lina", ""), 0);
}

/* The key file: 32 bytes, mode 0600, a regular file, created once and
 * never overwritten. */
static void
create_key(void **state)
{
	unsigned char k1[KEYLEN + 8], k2[KEYLEN + 8], zero[KEYLEN] = { 0 };
	unsigned char mine[KEYLEN];
	struct stat sb;

	(void)state;
	memset(mine, 0x5a, sizeof(mine));
	assert_int_equal(csrf_create_key(dir1), 0);
	assert_int_equal(stat(keyfile(dir1), &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(sb.st_size, KEYLEN);
	assert_int_equal(read_key(dir1, k1, sizeof(k1)), KEYLEN);
	assert_true(memcmp(k1, zero, KEYLEN) != 0);
	/* Again: nothing changes. */
	assert_int_equal(csrf_create_key(dir1), 0);
	assert_int_equal(read_key(dir1, k2, sizeof(k2)), KEYLEN);
	assert_memory_equal(k1, k2, KEYLEN);
	assert_int_equal(stat(keyfile(dir1), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* Another folder: another random key. */
	assert_int_equal(csrf_create_key(dir2), 0);
	assert_int_equal(read_key(dir2, k2, sizeof(k2)), KEYLEN);
	assert_true(memcmp(k1, k2, KEYLEN) != 0);
	/* A key already there, not made by us, is kept as it is. */
	write_key(dir3, mine, KEYLEN);
	assert_int_equal(csrf_create_key(dir3), 0);
	assert_int_equal(read_key(dir3, k2, sizeof(k2)), KEYLEN);
	assert_memory_equal(k2, mine, KEYLEN);
	/* A folder that does not exist: -1, nothing made. */
	assert_int_equal(csrf_create_key("/nonexistent/mubiao"), -1);
}

/* csrf_init reads a 32-byte key; a short file is refused and leaves no
 * key in use. */
static void
init(void **state)
{
	static const unsigned char part[10] = "short key";
	char t[65];

	(void)state;
	assert_int_equal(csrf_init(dir1), 0);
	csrf_token("lina", t);
	assert_int_equal(csrf_check("lina", t), 1);
	unlink(keyfile(dir3));
	write_key(dir3, part, sizeof(part));
	assert_int_equal(csrf_init(dir3), -1);
	assert_int_equal(csrf_check("lina", t), 0);
	assert_int_equal(csrf_init(dir1), 0);
	assert_int_equal(csrf_check("lina", t), 1);
}

/* The token is HMAC-SHA-256 of the login under the key, in lowercase
 * hex (known answers from Python's hmac with key bytes 0..31). */
static void
token_known_answer(void **state)
{
	unsigned char k[KEYLEN];
	char t[65];
	int i;

	(void)state;
	for (i = 0; i < KEYLEN; i++)
		k[i] = (unsigned char)i;
	unlink(keyfile(dir3));
	write_key(dir3, k, KEYLEN);
	assert_int_equal(csrf_init(dir3), 0);
	csrf_token("lina", t);
	assert_string_equal(t,
	    "c2e4777f4e727563fad1bf80db9195ae5688616821561f1a5a085352c519dcca");
	csrf_token("", t);
	assert_string_equal(t,
	    "d38b42096d80f45f826b44a9d5607de72496a415d3f4a1a8c88e3bb9da8dc1cb");
	csrf_token("张伟", t);
	assert_string_equal(t,
	    "f166b29bcd89c3497597ad0de717dc16d217e9e7a579dab4563a280e5c49c277");
}

/* 64 lowercase hex digits, the same for a login every time, another for
 * another login or another key. */
static void
token_form(void **state)
{
	char t1[65], t2[65], t3[65];

	(void)state;
	assert_int_equal(csrf_init(dir1), 0);
	memset(t1, 'X', sizeof(t1));
	csrf_token("lina", t1);
	assert_int_equal(t1[64], '\0');
	assert_int_equal(strlen(t1), 64);
	assert_int_equal(strspn(t1, "0123456789abcdef"), 64);
	csrf_token("lina", t2);
	assert_string_equal(t1, t2);
	csrf_token("zhangwei", t2);
	assert_int_equal(strspn(t2, "0123456789abcdef"), 64);
	assert_string_not_equal(t1, t2);
	csrf_token("lina ", t2);
	assert_string_not_equal(t1, t2);
	csrf_token("Lina", t2);
	assert_string_not_equal(t1, t2);
	/* Another key: another token; the first key again: the first one. */
	assert_int_equal(csrf_init(dir2), 0);
	csrf_token("lina", t3);
	assert_string_not_equal(t1, t3);
	assert_int_equal(csrf_check("lina", t1), 0);
	assert_int_equal(csrf_init(dir1), 0);
	csrf_token("lina", t3);
	assert_string_equal(t1, t3);
}

/* csrf_check takes the login's token and nothing else. */
static void
check(void **state)
{
	char t[65], other[65], bad[80];
	int i;

	(void)state;
	assert_int_equal(csrf_init(dir1), 0);
	csrf_token("lina", t);
	csrf_token("zhangwei", other);
	assert_int_equal(csrf_check("lina", t), 1);
	assert_int_equal(csrf_check("zhangwei", other), 1);
	/* Each single character changed, to another hex digit. */
	for (i = 0; i < 64; i++) {
		strcpy(bad, t);
		bad[i] = bad[i] == '0' ? '1' : '0';
		if (csrf_check("lina", bad) != 0)
			fail_msg("accepted with position %d changed: %s", i, bad);
	}
	/* Another person's token, or this one for another person. */
	assert_int_equal(csrf_check("lina", other), 0);
	assert_int_equal(csrf_check("zhangwei", t), 0);
	assert_int_equal(csrf_check("Lina", t), 0);
	/* Missing, empty, cut short, too long, upper case. */
	assert_int_equal(csrf_check("lina", NULL), 0);
	assert_int_equal(csrf_check("lina", ""), 0);
	snprintf(bad, sizeof(bad), "%.63s", t);
	assert_int_equal(csrf_check("lina", bad), 0);
	snprintf(bad, sizeof(bad), "%s0", t);
	assert_int_equal(csrf_check("lina", bad), 0);
	snprintf(bad, sizeof(bad), "%s ", t);
	assert_int_equal(csrf_check("lina", bad), 0);
	for (i = 0; i < 64; i++)
		bad[i] = t[i] >= 'a' && t[i] <= 'f' ? (char)(t[i] - 32) : t[i];
	bad[64] = '\0';
	if (strcmp(bad, t) != 0)
		assert_int_equal(csrf_check("lina", bad), 0);
	/* No login: nothing passes. */
	assert_int_equal(csrf_check(NULL, t), 0);
	assert_int_equal(csrf_check(NULL, NULL), 0);
	/* The token still passes after all that. */
	assert_int_equal(csrf_check("lina", t), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_key),
		cmocka_unit_test(create_key),
		cmocka_unit_test(init),
		cmocka_unit_test(token_known_answer),
		cmocka_unit_test(token_form),
		cmocka_unit_test(check),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
