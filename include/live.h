/* live.h: the live stamp.  Open pages (a meeting on the projector, the
 * objective on a laptop) learn that the store changed by polling a small
 * file the web server serves by itself, so a poll never costs a worker:
 *
 *	SOCKET-DIR/live/stamp		rewritten after every committed write
 *	SOCKET-DIR/live/meet-ID		the presenter's item of meeting ID
 *
 * It lives beside the sockets, not in the page cache, so that it exists
 * whether or not pages are cached (and behind Apache, which keeps none):
 * a folder the supervisor makes for the web server's group, in memory
 * (/run) where a write per commit costs no disk. */
#ifndef MUBIAO_LIVE_H
#define MUBIAO_LIVE_H

#include <stdint.h>

/* The supervisor, at start: creates SOCKET-DIR/live (mode 2750,
 * uid:gid).  0 or -1. */
int	live_create(const char *socket_dir, unsigned uid, unsigned gid);
/* Opens SOCKET-DIR/live for the writes below; -1 when it cannot (no
 * supervisor yet): then nothing is stamped. */
int	live_init(const char *socket_dir);
/* What every committed write tells the web server: the kept pages are
 * retired (pcache_bump) and the stamp changes.  The store's on-commit
 * hook. */
void	live_commit(void);
/* Publishes the presenter's item of meeting (a KR id, 0 for the
 * overview); when keep, only if none is published yet (a follower then
 * reads the overview, not a 404).  0 or -1. */
int	live_position(uint32_t meeting, uint32_t item, int keep);

#endif
