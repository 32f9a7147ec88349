/* conf.h: the key = value configuration file shared by every program
 * (see conf/mubiao.conf for every setting, commented). */
#ifndef MUBIAO_CONF_H
#define MUBIAO_CONF_H

#define CONF_MAX_WORKERS	8	/* programs the supervisor may run */
#define CONF_MAX_PROXIES	32	/* trusted-proxy lines */

/* The installed paths (make install's PREFIX, from the Makefile); these
 * are make's defaults, for a build by other means. */
#ifndef MUBIAO_CONF_PATH
#define MUBIAO_CONF_PATH	"/usr/local/etc/mubiao.conf"
#endif
#ifndef MUBIAO_XSLT_DIR
#define MUBIAO_XSLT_DIR		"/usr/local/share/mubiao/xslt"
#endif
#ifndef MUBIAO_BIN_DIR
#define MUBIAO_BIN_DIR		"/usr/local/libexec/mubiao"
#endif

struct conf_worker {
	char	name[64];	/* program name, e.g. "okr-read" */
	int	count;		/* processes in its pool */
};

/* An address, or a network of bits leading bits (trusted-proxy). */
struct conf_net {
	int		family;		/* AF_INET, AF_INET6 */
	unsigned char	addr[16];
	int		bits;
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
	int			card_cache_mb;	/* rendered cards kept; 0: none */
	int			feed_max;	/* records in one web feed */
	int			checkin_days;	/* a KR owes a check-in after */
	char			timezone[128];	/* "": the host's zone */
	/* The notifications (mubiao-notify): times are minutes, from
	 * Monday 00:00 (a week's) or from midnight (a day's). */
	int			notify;		/* the supervisor runs it */
	char			sendmail[512];	/* the command mail is piped to */
	char			mail_from[256];
	int			notify_lang;	/* enum lang of who has none */
	int			checkin_remind;	/* each unit's, unless its own */
	int			escalate_days;	/* working days, then its lead */
	int			digest;		/* the leads' weekly digest */
	int			meeting_remind;	/* the day before a meeting */
	int			notify_retries;	/* failures, then dead */
	int			notify_backoff;	/* seconds, doubled each failure */
	int			notify_timeout;	/* seconds a delivery may take */
	int			notify_poll;	/* seconds between passes */
	struct conf_worker	workers[CONF_MAX_WORKERS];
	int			nworkers;
	/* public-url, parsed: "https://host[:port]" as a browser's Origin
	 * names it (lower case, no default port), and the path without a
	 * final '/'.  "": not set. */
	char			public_origin[300];
	char			public_path[256];
	struct conf_net		trusted[CONF_MAX_PROXIES];
	int			ntrusted;
};

/* Fills defaults, then reads path (NULL: $MUBIAO_CONF, else the built-in
 * default path) and makes its timezone the program's (TZ).  Returns 0, or
 * -1 after logging the line that is wrong. */
int	conf_load(struct conf *, const char *path);
/* Whether addr (an IPv4 or IPv6 address as text, such as REMOTE_ADDR)
 * lies in one of nets[0..n); an IPv4-mapped IPv6 address counts as its
 * IPv4 address. */
int	conf_net_match(const struct conf_net *nets, int n, const char *addr);

#endif
