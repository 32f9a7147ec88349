/* conf.c: reads the key = value configuration file (see conf.h).  Each
 * setting is a row of the table below; "worker = NAME COUNT" may repeat. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "log.h"

/* Where the C library finds the zones TZ names (Debian's tzdata). */
#define ZONE_DIR	"/usr/share/zoneinfo"

enum ctype { C_STR, C_INT, C_WORKER, C_ZONE };

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
	{ "page-cache", C_STR, offsetof(struct conf, page_cache), sizeof(((struct conf *)0)->page_cache), 0, 0 },
	{ "worker", C_WORKER, 0, 0, 1, 64 },
	{ "timezone", C_ZONE, offsetof(struct conf, timezone), sizeof(((struct conf *)0)->timezone), 0, 0 },
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
	c->feed_max = 100000;
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
			    settings[i].type == C_ZONE ? ": not a time zone of "
			    ZONE_DIR " (such as Asia/Shanghai)" : "");
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
