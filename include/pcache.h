/* pcache.h: the page cache.  A rendered read page is kept as a file that
 * the web server serves by itself until the store changes, so that the
 * pages a whole meeting opens at once cost a file read, not a transform.
 *
 * Layout under the cache folder (the setting page-cache):
 *
 *	current -> gDAY-PID-N		the generation being served
 *	gDAY-PID-N/LANG/USER/PATH.html	a page, e.g. en/lina/okr/unit/2.html
 *	gDAY-PID-N/.lock		its pages' locks while they are rendered
 *
 * Every committed write makes a new, empty generation current
 * (pcache_bump), so the next request of anyone misses and renders afresh.
 * A worker opens the current generation before it reads the store and
 * writes its page there, so a page is never newer in the cache than the
 * generation it sits in: a page rendered from data older than a commit
 * can only land in a generation that commit has already retired.  A
 * generation also belongs to one UTC day (pages show today's date and
 * cycle); the supervisor starts a new one at midnight and at start, and
 * removes the retired ones.
 *
 * Each page is rendered once per generation: the worker that misses it
 * holds that page's lock while it renders, and workers asking for it
 * meanwhile wait, then serve the page it kept (pcache_lock, pcache_get).
 * A page is in a generation only once rendered from data at least as new
 * as the generation, so one found in the generation a request opened
 * before reading the store is no older than what it would have read. */
#ifndef MUBIAO_PCACHE_H
#define MUBIAO_PCACHE_H

#include <stddef.h>
#include <stdint.h>

struct arena;

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
 * atomically, and releases the page's lock.  Failures are ignored: the
 * page is simply not cached. */
void	pcache_put(int fd, const char *rel, const char *data, size_t n);
/* Page rel of generation fd, read into ar: its bytes (n of them), or
 * NULL when it is not there (yet). */
char	*pcache_get(int fd, const char *rel, struct arena *ar, size_t *n);
/* Takes generation fd's lock of page rel, waiting (a few seconds at most)
 * while another worker holds it, rendering that page.  0 when taken at
 * once, 1 after waiting, -1 when not taken (render without it).  Held
 * until the page is kept (pcache_put) or pcache_unlock(); a worker that
 * dies releases it. */
int	pcache_lock(int fd, const char *rel);
/* Releases the lock pcache_lock() took, if it is still held. */
void	pcache_unlock(void);
/* The supervisor, every second or so: a new generation when the day has
 * changed, and removes generations that are no longer current. */
void	pcache_tick(void);

#endif
