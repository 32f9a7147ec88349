/* live.c: the live stamp (see live.h). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "live.h"
#include "log.h"
#include "pcache.h"
#include "priv.h"

static int livefd = -1;

/* SOCKET-DIR/live into path; -1 when too long. */
static int
live_path(char *path, size_t size, const char *socket_dir)
{
	return snprintf(path, size, "%s/live", socket_dir) < (int)size ? 0 : -1;
}

int
live_create(const char *socket_dir, unsigned uid, unsigned gid)
{
	char path[600];

	return live_path(path, sizeof(path), socket_dir) == 0 ?
	    priv_shared_dir(path, uid, gid) : -1;
}

int
live_init(const char *socket_dir)
{
	char path[600];

	if (livefd != -1)
		close(livefd);
	livefd = -1;
	if (live_path(path, sizeof(path), socket_dir) == -1)
		return -1;
	livefd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return livefd == -1 ? -1 : 0;
}

/* Writes text as file name, aside then renamed: a poll never reads half
 * of it.  0 or -1. */
static int
live_write(const char *name, const char *text)
{
	char tmp[96];
	size_t n = strlen(text);
	int f, ok;

	if (livefd == -1)
		return -1;
	snprintf(tmp, sizeof(tmp), ".%s.%ld", name, (long)getpid());
	if ((f = openat(livefd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640)) == -1)
		return -1;
	ok = write(f, text, n) == (ssize_t)n;
	if (close(f) == 0 && ok && renameat(livefd, tmp, livefd, name) == 0)
		return 0;
	unlinkat(livefd, tmp, 0);
	return -1;
}

void
live_commit(void)
{
	static unsigned seq;
	struct timespec ts;
	char stamp[80];

	pcache_bump();
	/* Unique per commit, whatever the process or the clock's grain:
	 * the time, the writer and its count. */
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(stamp, sizeof(stamp), "%lld.%09ld-%ld-%u\n", (long long)ts.tv_sec,
	    ts.tv_nsec, (long)getpid(), ++seq);
	if (live_write("stamp", stamp) == -1 && livefd != -1)
		log_err("live stamp: %s", strerror(errno));
}

int
live_position(uint32_t meeting, uint32_t item, int keep)
{
	char name[32], text[32];

	snprintf(name, sizeof(name), "meet-%u", meeting);
	if (keep && livefd != -1 && faccessat(livefd, name, F_OK, 0) == 0)
		return 0;
	snprintf(text, sizeof(text), "%u\n", item);
	return live_write(name, text);
}
