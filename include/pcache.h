/* pcache.h: the page cache.  A rendered read page is kept as a file that
 * the web server serves by itself until the store changes, so that the
 * pages a whole meeting opens at once cost a file read, not a transform.
 *
 * Layout under the cache folder (the setting page-cache):
 *
 *	current -> gDAY-PID-N		the generation being served
 *	gDAY-PID-N/LANG/USER/PATH.html	a page, e.g. en/lina/okr/unit/2.html
 *
 * Every committed write makes a new, empty generation current
 * (pcache_bump), so the next request of anyone misses and renders afresh.
 * A worker opens the current generation before it reads the store and
 * writes its page there, so a page is never newer in the cache than the
 * generation it sits in: a page rendered from data older than a commit
 * can only land in a generation that commit has already retired.  A
 * generation also belongs to one UTC day (pages show today's date and
 * cycle); the supervisor starts a new one at midnight and at start, and
 * removes the retired ones. */
#ifndef MUBIAO_PCACHE_H
#define MUBIAO_PCACHE_H

#include <stddef.h>
#include <stdint.h>

/* Opens the cache folder dir ("" or NULL: no cache).  0 or -1. */
int	pcache_init(const char *dir);
/* The supervisor, at start: creates dir (mode 2750, uid:gid) when
 * missing.  0 or -1. */
int	pcache_create(const char *dir, unsigned uid, unsigned gid);
/* Makes a new empty generation current; every earlier page is gone for
 * the web server.  If that fails, removes the link so nothing is served. */
void	pcache_bump(void);
/* The current generation, opened (a folder descriptor), when it belongs
 * to today; else -1.  *day receives its day. */
int	pcache_open(int32_t *day);
/* Writes page rel (e.g. "en/lina/okr/unit/2.html") into generation fd,
 * atomically.  Failures are ignored: the page is simply not cached. */
void	pcache_put(int fd, const char *rel, const char *data, size_t n);
/* The supervisor, every second or so: a new generation when the day has
 * changed, and removes generations that are no longer current. */
void	pcache_tick(void);

#endif
