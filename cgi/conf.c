/* conf.c: reads the key = value configuration file (see conf.h).  Each
 * setting is a row of the table below; "worker = NAME COUNT" may repeat. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "conf.h"
#include "log.h"
#include "okr.h"

/* Where the C library finds the zones TZ names (Debian's tzdata). */
#define ZONE_DIR	"/usr/share/zoneinfo"

enum ctype { C_STR, C_INT, C_WORKER, C_ZONE, C_URL, C_NET, C_BOOL, C_WEEK, C_CLOCK,
	C_LANG };

static const struct setting {
	const char	*key;
	enum ctype	 type;
	size_t		 off;
	size_t		 size;		/* C_STR: buffer size */
	long		 min, max;	/* C_INT: range */
} settings[] = {
	{ "store-dir", C_STR, offsetof(struct conf, store_dir), sizeof(((struct conf *)0)->store_dir), 0, 0 },
	{ "xslt-dir", C_STR, offsetof(struct conf, xslt_dir), sizeof(((struct conf *)0)->xslt_dir), 0, 0 },
	{ "socket-dir", C_STR, offsetof(struct conf, socket_dir), sizeof(((struct conf *)0)->socket_dir), 0, 0 },
	{ "bin-dir", C_STR, offsetof(struct conf, bin_dir), sizeof(((struct conf *)0)->bin_dir), 0, 0 },
	{ "user", C_STR, offsetof(struct conf, user), sizeof(((struct conf *)0)->user), 0, 0 },
	{ "socket-group", C_STR, offsetof(struct conf, socket_group), sizeof(((struct conf *)0)->socket_group), 0, 0 },
	{ "checkpoint-seconds", C_INT, offsetof(struct conf, checkpoint_secs), 0, 1, 86400 },
	{ "cache-mb", C_INT, offsetof(struct conf, cache_mb), 0, 1, 4096 },
	{ "feed-max-records", C_INT, offsetof(struct conf, feed_max), 0, 1, 100000000 },
	{ "checkin-days", C_INT, offsetof(struct conf, checkin_days), 0, 1, 365 },
	{ "card-cache-mb", C_INT, offsetof(struct conf, card_cache_mb), 0, 0, 4096 },
	{ "page-cache", C_STR, offsetof(struct conf, page_cache), sizeof(((struct conf *)0)->page_cache), 0, 0 },
	{ "worker", C_WORKER, 0, 0, 1, 64 },
	{ "timezone", C_ZONE, offsetof(struct conf, timezone), sizeof(((struct conf *)0)->timezone), 0, 0 },
	{ "public-url", C_URL, 0, 0, 0, 0 },
	{ "trusted-proxy", C_NET, 0, 0, 0, 0 },
	{ "notify", C_BOOL, offsetof(struct conf, notify), 0, 0, 0 },
	{ "sendmail-command", C_STR, offsetof(struct conf, sendmail), sizeof(((struct conf *)0)->sendmail), 0, 0 },
	{ "mail-from", C_STR, offsetof(struct conf, mail_from), sizeof(((struct conf *)0)->mail_from), 0, 0 },
	{ "notify-language", C_LANG, offsetof(struct conf, notify_lang), 0, 0, 0 },
	{ "checkin-reminder", C_WEEK, offsetof(struct conf, checkin_remind), 0, 0, 0 },
	{ "escalate-days", C_INT, offsetof(struct conf, escalate_days), 0, 1, 20 },
	{ "digest", C_WEEK, offsetof(struct conf, digest), 0, 0, 0 },
	{ "meeting-reminder", C_CLOCK, offsetof(struct conf, meeting_remind), 0, 0, 0 },
	{ "notify-retries", C_INT, offsetof(struct conf, notify_retries), 0, 1, 30 },
	{ "notify-backoff", C_INT, offsetof(struct conf, notify_backoff), 0, 1, 86400 },
	{ "notify-timeout", C_INT, offsetof(struct conf, notify_timeout), 0, 1, 300 },
	{ "notify-poll", C_INT, offsetof(struct conf, notify_poll), 0, 1, 3600 },
};

/* What a bad value of each type should have been, for the message. */
static const char *const expected[] = {
	[C_ZONE] = ": not a time zone of " ZONE_DIR " (such as Asia/Shanghai)",
	[C_URL] = ": expected http or https://HOST[:PORT][/PATH] without query"
	    " or fragment (such as https://okr.example.com/okr)",
	[C_NET] = ": expected one IPv4 or IPv6 address, or ADDRESS/BITS (such"
	    " as 10.0.0.0/8); at most 32 lines",
	[C_BOOL] = ": expected on or off",
	[C_WEEK] = ": expected a day and a time, such as mon 10:00",
	[C_CLOCK] = ": expected a time, such as 10:00",
	[C_LANG] = ": expected en or zh-CN",
};

static void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->store_dir, "/var/lib/mubiao");
	strcpy(c->xslt_dir, MUBIAO_XSLT_DIR);
	strcpy(c->socket_dir, "/run/mubiao");
	strcpy(c->bin_dir, MUBIAO_BIN_DIR);
	strcpy(c->user, "www-data");
	strcpy(c->socket_group, "www-data");
	c->checkpoint_secs = 60;
	c->cache_mb = 32;
	c->card_cache_mb = 64;
	c->feed_max = 100000;
	c->checkin_days = 7;
	c->notify = 1;
	strcpy(c->sendmail, "/usr/sbin/sendmail -t -i");
	strcpy(c->mail_from, "Mubiao <mubiao@localhost>");
	c->checkin_remind = 10 * 60;		/* mon 10:00 */
	c->escalate_days = 2;
	c->digest = (4 * 24 + 16) * 60;		/* fri 16:00 */
	c->meeting_remind = 10 * 60;
	c->notify_retries = 8;
	c->notify_backoff = 60;
	c->notify_timeout = 10;
	c->notify_poll = 5;
}

/* Parses a decimal integer in [min, max]; -1 if it is not one. */
static int
parse_int(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* Whether name is a zone of ZONE_DIR ("Asia/Shanghai"): a relative path
 * without "..", to a compiled zone file.  The C library would take any
 * other name for UTC without a word, and every time shown would be off. */
static int
zone_ok(const char *name)
{
	char path[sizeof(ZONE_DIR) + 128], magic[4];
	FILE *f;
	int ok;

	if (*name == '\0' || *name == '/' || strstr(name, "..") != NULL ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789/_+-") != strlen(name) ||
	    snprintf(path, sizeof(path), "%s/%s", ZONE_DIR, name) >= (int)sizeof(path) ||
	    (f = fopen(path, "r")) == NULL)
		return 0;
	ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return ok;
}

/* Parses public-url into c->public_origin (scheme://host[:port], lower
 * case, without the scheme's own port: what a browser sends as Origin)
 * and c->public_path (no final '/').  -1 if it is not such a URL. */
static int
parse_url(struct conf *c, const char *val)
{
	const char *host, *end, *path;
	char portstr[8];
	int tls, port = 0;
	size_t plen, i;

	if (strncasecmp(val, "https://", 8) == 0)
		tls = 1;
	else if (strncasecmp(val, "http://", 7) == 0)
		tls = 0;
	else
		return -1;
	host = val + (tls ? 8 : 7);
	path = host + strcspn(host, "/");
	if (*host == '[') {	/* an IPv6 address */
		end = memchr(host, ']', (size_t)(path - host));
		if (end == NULL || end == host + 1 || strspn(host + 1,
		    "0123456789abcdefABCDEF:.") != (size_t)(end - host - 1))
			return -1;
		end++;
	} else {
		end = host + strcspn(host, ":/");
		if (end == host || strspn(host, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != (size_t)(end - host))
			return -1;
	}
	if (*end == ':') {
		plen = (size_t)(path - end - 1);
		if (plen == 0 || plen >= sizeof(portstr))
			return -1;
		memcpy(portstr, end + 1, plen);
		portstr[plen] = '\0';
		if (parse_int(portstr, 1, 65535, &port) == -1)
			return -1;
	} else if (end != path)
		return -1;
	/* The path as pages link to it: RFC 3986 path characters only. */
	plen = strlen(path);
	while (plen > 0 && path[plen - 1] == '/')
		plen--;
	if (plen >= sizeof(c->public_path) || strspn(path,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-._~!$&'()*+,=:@/%") != strlen(path) ||
	    strstr(path, "//") != NULL)
		return -1;
	if (port == (tls ? 443 : 80))
		port = 0;
	if ((size_t)snprintf(c->public_origin, sizeof(c->public_origin),
	    "%s://%.*s", tls ? "https" : "http", (int)(end - host), host) >=
	    sizeof(c->public_origin) - 6)
		return -1;
	if (port != 0)
		snprintf(c->public_origin + strlen(c->public_origin), 7, ":%d", port);
	for (i = 0; c->public_origin[i] != '\0'; i++)
		c->public_origin[i] = (char)tolower((unsigned char)c->public_origin[i]);
	memcpy(c->public_path, path, plen);
	c->public_path[plen] = '\0';
	return 0;
}

/* Parses ADDRESS or ADDRESS/BITS (trusted-proxy) into one more of
 * c->trusted.  -1 if it is neither or the list is full. */
static int
parse_net(struct conf *c, char *val)
{
	struct conf_net *n;
	char *slash = strchr(val, '/');
	int max;

	if (c->ntrusted == CONF_MAX_PROXIES)
		return -1;
	n = &c->trusted[c->ntrusted];
	if (slash != NULL)
		*slash = '\0';
	if (inet_pton(AF_INET, val, n->addr) == 1)
		n->family = AF_INET, max = 32;
	else if (inet_pton(AF_INET6, val, n->addr) == 1)
		n->family = AF_INET6, max = 128;
	else
		return -1;
	n->bits = max;
	if (slash != NULL && parse_int(slash + 1, 0, max, &n->bits) == -1)
		return -1;
	c->ntrusted++;
	return 0;
}

/* Whether the first bits bits of a and b are the same. */
static int
prefix_eq(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	return memcmp(a, b, (size_t)whole) == 0 && (rest == 0 ||
	    ((a[whole] ^ b[whole]) & (0xff00 >> rest) & 0xff) == 0);
}

int
conf_net_match(const struct conf_net *nets, int n, const char *addr)
{
	static const unsigned char mapped[12] =
	    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	unsigned char a[16];
	const unsigned char *v4 = NULL;
	int i, six = 0;

	if (addr == NULL)
		return 0;
	if (inet_pton(AF_INET, addr, a) == 1)
		v4 = a;
	else if (inet_pton(AF_INET6, addr, a) == 1) {
		six = 1;
		if (memcmp(a, mapped, sizeof(mapped)) == 0)
			v4 = a + 12;
	} else
		return 0;
	for (i = 0; i < n; i++)
		if ((nets[i].family == AF_INET && v4 != NULL &&
		    prefix_eq(nets[i].addr, v4, nets[i].bits)) ||
		    (nets[i].family == AF_INET6 && six &&
		    prefix_eq(nets[i].addr, a, nets[i].bits)))
			return 1;
	return 0;
}

static int
conf_set(struct conf *c, const struct setting *s, char *val)
{
	struct conf_worker *w;
	char *count;

	switch (s->type) {
	case C_STR:
		if (strlen(val) >= s->size)
			return -1;
		strcpy((char *)c + s->off, val);
		return 0;
	case C_INT:
		return parse_int(val, s->min, s->max, (int *)((char *)c + s->off));
	case C_ZONE:
		if (strlen(val) >= s->size || !zone_ok(val))
			return -1;
		strcpy((char *)c + s->off, val);
		return 0;
	case C_URL:
		return parse_url(c, val);
	case C_BOOL:
		if (strcmp(val, "on") != 0 && strcmp(val, "off") != 0)
			return -1;
		*(int *)((char *)c + s->off) = strcmp(val, "on") == 0;
		return 0;
	case C_WEEK:
		return okr_week_time_parse(val, (int32_t *)((char *)c + s->off));
	case C_CLOCK: {
		char week[16];

		/* A time of day: a Monday's, in minutes from midnight. */
		if (strlen(val) != 5 || snprintf(week, sizeof(week), "mon %s", val) < 0)
			return -1;
		return okr_week_time_parse(week, (int32_t *)((char *)c + s->off));
	}
	case C_LANG:
		if (strcmp(val, "en") != 0 && strcmp(val, "zh-CN") != 0)
			return -1;
		*(int *)((char *)c + s->off) = strcmp(val, "zh-CN") == 0;
		return 0;
	case C_NET:
		return parse_net(c, val);
	case C_WORKER:
		if (c->nworkers == CONF_MAX_WORKERS)
			return -1;
		w = &c->workers[c->nworkers];
		count = strpbrk(val, " \t");
		if (count == NULL)
			return -1;
		*count++ = '\0';
		count += strspn(count, " \t");
		/* A program name, never a path: the supervisor runs bin-dir/NAME. */
		if (strlen(val) >= sizeof(w->name) || strspn(val,
		    "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(val) ||
		    parse_int(count, s->min, s->max, &w->count) == -1)
			return -1;
		strcpy(w->name, val);
		c->nworkers++;
		return 0;
	}
	return -1;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
conf_load(struct conf *c, const char *path)
{
	FILE *f;
	char line[1024], *key, *val, *eq;
	int lineno = 0, rc = 0;
	size_t i;

	conf_defaults(c);
	if (path == NULL && (path = getenv("MUBIAO_CONF")) == NULL)
		path = MUBIAO_CONF_PATH;
	if ((f = fopen(path, "r")) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		key = trim(line);
		if (*key == '#' || *key == '\0')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			log_err("%s:%d: expected key = value", path, lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
			if (strcmp(settings[i].key, key) == 0)
				break;
		if (i == sizeof(settings) / sizeof(settings[0])) {
			log_err("%s:%d: unknown setting %s", path, lineno, key);
			rc = -1;
		} else if (conf_set(c, &settings[i], val) == -1) {
			log_err("%s:%d: bad value for %s%s", path, lineno, key,
			    settings[i].type < sizeof(expected) / sizeof(expected[0]) &&
			    expected[settings[i].type] != NULL ?
			    expected[settings[i].type] : "");
			rc = -1;
		}
	}
	fclose(f);
	/* Every local time, "today" and week of the program follows the
	 * zone from here on; without the setting, the host's (TZ or
	 * /etc/localtime). */
	if (rc == 0 && c->timezone[0] != '\0' && setenv("TZ", c->timezone, 1) == -1) {
		log_err("%s: cannot set the time zone: %s", path, strerror(errno));
		rc = -1;
	}
	tzset();
	return rc;
}
