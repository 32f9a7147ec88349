/* conf.h: the key = value configuration file shared by every program
 * (see conf/mubiao.conf for every setting, commented). */
#ifndef MUBIAO_CONF_H
#define MUBIAO_CONF_H

#define CONF_MAX_WORKERS	8	/* programs the supervisor may run */

struct conf_worker {
	char	name[64];	/* program name, e.g. "okr-read" */
	int	count;		/* processes in its pool */
};

struct conf {
	char			store_dir[512];
	char			xslt_dir[512];
	char			socket_dir[512];
	char			bin_dir[512];
	char			user[64];	/* run as this user when started as root */
	char			socket_group[64];
	int			checkpoint_secs;
	int			cache_mb;
	char			page_cache[512];	/* "": pages not cached */
	int			feed_max;	/* records in one web feed */
	char			timezone[128];	/* "": the host's zone */
	struct conf_worker	workers[CONF_MAX_WORKERS];
	int			nworkers;
};

/* Fills defaults, then reads path (NULL: $MUBIAO_CONF, else the built-in
 * default path) and makes its timezone the program's (TZ).  Returns 0, or
 * -1 after logging the line that is wrong. */
int	conf_load(struct conf *, const char *path);

#endif
