/* test-pcache.c: each page rendered once (cgi/pcache.c): a page's lock
 * makes a second process wait while the first renders, and lets it go
 * when the page is kept or when the first dies without keeping it; other
 * pages never wait; a kept page is read back byte for byte.  The holder
 * is a child process (record locks belong to processes); it releases
 * only once the kernel shows the parent waiting (/proc/locks), so that
 * "waited" is certain, not a matter of timing. */
#include <sys/stat.h>
#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "pcache.h"

#define PAGE	"en/lina/okr/unit/2.html"
#define BODY	"<html>t</html>\n"

static char dir[] = "/tmp/mubiao-test-pcache.XXXXXX";
static struct arena ar;
static int gen = -1;

static int
setup(void **state)
{
	int32_t day;

	(void)state;
	arena_init(&ar);
	if (mkdtemp(dir) == NULL || pcache_init(dir) != 0)
		return -1;
	pcache_bump();
	return (gen = pcache_open(&day)) == -1 ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	arena_free(&ar);
	close(gen);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Whether a process waits for a lock of the generation's lock file:
 * /proc/locks marks a blocked request "->" and names the file's inode. */
static int
someone_waits(void)
{
	char line[256], ino[32];
	struct stat sb;
	FILE *f;
	int found = 0;

	if (fstatat(gen, ".lock", &sb, 0) != 0 || (f = fopen("/proc/locks", "r")) == NULL)
		return 0;
	snprintf(ino, sizeof(ino), ":%lu ", (unsigned long)sb.st_ino);
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, "->") != NULL && strstr(line, ino) != NULL;
	fclose(f);
	return found;
}

/* A child that takes page's lock, tells the parent, waits until the
 * parent waits for it (10 s at most), then keeps the page (put) or dies
 * without it.  Returns its pid once it holds the lock. */
static pid_t
holder(const char *page, int put)
{
	char c = 0;
	int p[2], n;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		if (pcache_lock(gen, page) != 0)
			_exit(1);
		if (write(p[1], "l", 1) != 1)
			_exit(1);
		for (n = 0; n < 1000 && !someone_waits(); n++)
			usleep(10000);
		if (put)
			pcache_put(gen, page, BODY, strlen(BODY));
		else
			raise(SIGKILL);
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

/* The holder's end: 0 when it exited cleanly, else its signal. */
static int
reap(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st);
}

/* Missing, then kept and read back; a free lock is taken at once. */
static void
get_put(void **state)
{
	size_t n = 1;

	(void)state;
	assert_null(pcache_get(gen, "en/lina/okr/missing.html", &ar, &n));
	assert_null(pcache_get(-1, PAGE, &ar, &n));
	assert_int_equal(pcache_lock(-1, PAGE), -1);
	assert_int_equal(pcache_lock(gen, "en/lina/okr/free.html"), 0);
	pcache_put(gen, "en/lina/okr/free.html", BODY, strlen(BODY));
	assert_string_equal(pcache_get(gen, "en/lina/okr/free.html", &ar, &n), BODY);
	assert_int_equal(n, strlen(BODY));
	pcache_unlock();
}

/* A second request of the page waits for the first and finds its page. */
static void
waits_for_the_render(void **state)
{
	pid_t pid = holder(PAGE, 1);
	size_t n;

	(void)state;
	assert_int_equal(pcache_lock(gen, PAGE), 1);
	assert_int_equal(reap(pid), 0);
	assert_non_null(pcache_get(gen, PAGE, &ar, &n));
	assert_int_equal(n, strlen(BODY));
	pcache_unlock();
}

/* A holder killed before it kept the page: the wait ends, no page. */
static void
holder_dies(void **state)
{
	const char *page = "en/lina/okr/objective/9.html";
	pid_t pid = holder(page, 0);
	size_t n;

	(void)state;
	assert_int_equal(pcache_lock(gen, page), 1);
	assert_int_equal(reap(pid), SIGKILL);
	assert_null(pcache_get(gen, page, &ar, &n));
	pcache_unlock();
}

/* Another page, or the same page for another user, does not wait. */
static void
other_pages_free(void **state)
{
	const char *page = "en/lina/okr/tree.html";
	pid_t pid = holder(page, 1);

	(void)state;
	assert_int_equal(pcache_lock(gen, "en/wangfang/okr/tree.html"), 0);
	pcache_unlock();
	assert_int_equal(pcache_lock(gen, "zh-CN/lina/okr/tree.html"), 0);
	/* Now wait for the holder, which lets go once it sees a waiter. */
	assert_int_equal(pcache_lock(gen, page), 1);
	assert_int_equal(reap(pid), 0);
	pcache_unlock();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(get_put),
		cmocka_unit_test(waits_for_the_render),
		cmocka_unit_test(holder_dies),
		cmocka_unit_test(other_pages_free),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
