/* pcache.c: the page cache (see pcache.h). */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "log.h"
#include "okr.h"
#include "pcache.h"
#include "priv.h"
#include "render.h"

#define LOCK_FILE	".lock"	/* no page: pages are under a language */
#define LOCK_WAIT	10	/* s: past it, a worker renders the page itself */

static int rootfd = -1;
static int lockfd = -1;		/* the page lock this worker holds, or -1 */

int
pcache_create(const char *dir, unsigned uid, unsigned gid)
{
	if (dir == NULL || *dir == '\0')
		return 0;
	/* The web server's group reads the pages. */
	return priv_shared_dir(dir, uid, gid);
}

int
pcache_init(const char *dir)
{
	if (rootfd != -1)
		close(rootfd);
	rootfd = -1;
	if (dir == NULL || *dir == '\0')
		return 0;
	/* Missing only before the supervisor's first start (mubiao-admin). */
	if ((rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		if (errno != ENOENT)
			log_err("page cache %s: %s (pages are not cached)", dir,
			    strerror(errno));
		return -1;
	}
	return 0;
}

/* The generation "current" points to, and its day; 0 or -1. */
static int
current(char *name, size_t size, int32_t *day)
{
	ssize_t n = readlinkat(rootfd, "current", name, size - 1);
	long d;

	if (n <= 0)
		return -1;
	name[n] = '\0';
	if (sscanf(name, "g%ld-", &d) != 1)
		return -1;
	*day = (int32_t)d;
	return 0;
}

void
pcache_bump(void)
{
	static unsigned seq;
	static long pid;
	char gen[64], link[64];
	struct stat sb;
	int32_t day;
	int made;

	if (rootfd == -1)
		return;
	/* Nothing to retire while no request has opened today's current
	 * generation: its folder is made by the first request that opens
	 * it, before that request reads the store, so one that makes it
	 * after this look read what was committed before it.  Writes in a
	 * row without a read between them (a form of several check-ins, an
	 * import) cost two look-ups here instead of two changes to the
	 * cache's folder each. */
	if (current(gen, sizeof(gen), &day) == 0 && day == okr_today() &&
	    fstatat(rootfd, gen, &sb, AT_SYMLINK_NOFOLLOW) == -1 && errno == ENOENT)
		return;
	if (pid == 0)
		pid = (long)getpid();
	snprintf(gen, sizeof(gen), "g%ld-%ld-%u", (long)okr_today(), pid, ++seq);
	snprintf(link, sizeof(link), ".current-%ld", pid);
	/* The folder itself is made by the first page put there: a write
	 * costs two calls on the cache's folder, and generations that never
	 * held a page leave nothing to remove.  A link left by a process
	 * that died here is replaced. */
	made = symlinkat(gen, rootfd, link) == 0 ||
	    (errno == EEXIST && unlinkat(rootfd, link, 0) == 0 &&
	    symlinkat(gen, rootfd, link) == 0);
	if (made && renameat(rootfd, link, rootfd, "current") == 0)
		return;
	/* Without a new generation the old pages would stay: serve none. */
	log_err("page cache: new generation %s: %s", gen, strerror(errno));
	if (unlinkat(rootfd, "current", 0) == -1 && errno != ENOENT)
		log_err("page cache: cannot retire the pages: %s", strerror(errno));
}

int
pcache_open(int32_t *day)
{
	char name[64];
	int fd;

	if (rootfd == -1 || current(name, sizeof(name), day) == -1 ||
	    *day != okr_today())
		return -1;
	/* Made here when it is the first page of its generation: made late
	 * (the name already retired) it is never served, and is removed. */
	if ((fd = openat(rootfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 &&
	    errno == ENOENT && (mkdirat(rootfd, name, 0750) == 0 || errno == EEXIST))
		fd = openat(rootfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd;
}

void
pcache_put(int fd, const char *rel, const char *data, size_t n)
{
	char path[512], tmp[600], *p;
	struct timespec times[2] = { { 0, UTIME_OMIT }, { 0, 0 } };
	int f, dfd = fd, written;
	ssize_t w;

	if (fd == -1 || strlen(rel) >= sizeof(path))
		return;
	strcpy(path, rel);
	/* The folders on the way; one already there is fine. */
	for (p = strchr(path, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdirat(dfd, path, 0750) == -1 && errno != EEXIST)
			return;
		*p = '/';
	}
	/* The web server's validators (ETag, Last-Modified) are made of the
	 * file's mtime, in seconds, and its size: the mtime is a digest of
	 * the bytes, so two versions of a page differ in both even when
	 * written in one second with one length.  Below 2^30: a date in
	 * the past (1970-2004), never a future one. */
	times[1].tv_sec = (time_t)(render_digest(data, n) & 0x3fffffff);
	/* Written aside, then renamed: the server never reads half a page. */
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if ((f = openat(dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640)) == -1)
		return;
	while (n > 0 && (w = write(f, data, n)) > 0)
		data += w, n -= (size_t)w;
	written = n == 0 && futimens(f, times) == 0;
	if (close(f) == 0 && written && renameat(dfd, tmp, dfd, path) == 0) {
		/* The page is there: those waiting for it may serve it. */
		pcache_unlock();
		return;
	}
	unlinkat(dfd, tmp, 0);
}

char *
pcache_get(int fd, const char *rel, struct arena *ar, size_t *n)
{
	struct stat sb;
	char *data = NULL;
	size_t got = 0;
	ssize_t k;
	int f;

	if (fd == -1 || (f = openat(fd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return NULL;
	/* Renamed into place whole: a file that is there is complete. */
	if (fstat(f, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    sb.st_size < 1024L * 1024 * 1024) {
		data = arena_alloc(ar, (size_t)sb.st_size);
		while (got < (size_t)sb.st_size &&
		    (k = read(f, data + got, (size_t)sb.st_size - got)) > 0)
			got += (size_t)k;
	}
	close(f);
	*n = got;
	return data != NULL && got == (size_t)sb.st_size ? data : NULL;
}

/* Ends a wait for a lock that went on too long. */
static void
on_alarm(int sig)
{
	(void)sig;
}

int
pcache_lock(int fd, const char *rel)
{
	struct sigaction sa;
	struct flock fl;
	int rc;

	pcache_unlock();
	/* One byte of one file per generation, picked by the page's name:
	 * a record lock goes with the process that held it, however it
	 * ends, and a generation's removal removes its locks.  Two pages
	 * on one byte (1 in 2^30) only wait for each other. */
	if (fd == -1 || (lockfd = openat(fd, LOCK_FILE,
	    O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)) == -1)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = (off_t)(render_digest(rel, strlen(rel)) & 0x3fffffff);
	fl.l_len = 1;
	if (fcntl(lockfd, F_SETLK, &fl) == 0)
		return 0;
	if (errno == EACCES || errno == EAGAIN) {
		/* A render that hangs holds up only its own request: past
		 * LOCK_WAIT (or at SIGTERM) the wait ends with EINTR. */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;	/* no SA_RESTART */
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		alarm(LOCK_WAIT);
		rc = fcntl(lockfd, F_SETLKW, &fl);
		alarm(0);
		if (rc == 0)
			return 1;
	}
	pcache_unlock();
	return -1;
}

void
pcache_unlock(void)
{
	/* Closing the file releases the lock. */
	if (lockfd != -1)
		close(lockfd);
	lockfd = -1;
}

/* Removes name under dirfd, folders and all, as far as it can. */
static void
rm_tree(int dirfd, const char *name)
{
	struct dirent *e;
	DIR *d;
	int fd;

	if (unlinkat(dirfd, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	if ((fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			rm_tree(fd, e->d_name);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

void
pcache_tick(void)
{
	char cur[64];
	struct dirent *e;
	struct stat sb;
	int32_t day;
	DIR *d;
	int fd;

	if (rootfd == -1)
		return;
	if (current(cur, sizeof(cur), &day) == -1 || day != okr_today()) {
		pcache_bump();
		if (current(cur, sizeof(cur), &day) == -1)
			return;
	}
	if ((fd = dup(rootfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	rewinddir(d);
	/* A retired generation may still receive a page from a request that
	 * read the link before the retiring write; one left alone for 2 s is
	 * taken to have none coming (a page that still comes is never served
	 * and goes at the next pass).  Links a process left when it died
	 * between making and renaming one go too. */
	while ((e = readdir(d)) != NULL)
		if ((e->d_name[0] == 'g' && strcmp(e->d_name, cur) != 0) ||
		    strncmp(e->d_name, ".current-", 9) == 0)
			if (fstatat(rootfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
			    sb.st_mtime < time(NULL) - 2)
				rm_tree(rootfd, e->d_name);
	closedir(d);
}
