/* req.h: one request: its context, its validated input, and dispatch
 * through a program's table of routes. */
#ifndef MUBIAO_REQ_H
#define MUBIAO_REQ_H

#include <stdint.h>
#include <fcgiapp.h>
#include "arena.h"

enum method { METHOD_GET = 1 << 0, METHOD_HEAD = 1 << 1, METHOD_POST = 1 << 2 };

enum lang { LANG_EN, LANG_ZH, LANG__MAX };
extern const char *const req_lang_names[LANG__MAX];	/* "en", "zh-CN" */

/* Every query or form key any program accepts.  req_keys[] gives each
 * its name, validator and flags, in one row.  Hidden and structural keys
 * are checked strictly (a bad one is refused before any handler runs);
 * what a person types is only checked to be text of a bounded length
 * here, and its meaning by the form, which answers next to the field. */
enum key {
	KEY_CYCLE,	/* cycle name, "2026-Q4" */
	KEY_SET,	/* language to switch to */
	KEY_BACK,	/* local path to return to */
	KEY_TOKEN,	/* CSRF token */
	KEY_VERSION,	/* the version the form was made from */
	KEY_KR_VERSION,	/* a KR's version, one per row of a form */
	KEY_KR,		/* KR id (repeats in a check-in form) */
	KEY_OBJECTIVE,	/* objective id */
	KEY_TITLE,
	KEY_DESCRIPTION,
	KEY_LEVEL,
	KEY_UNIT,
	KEY_OWNER,
	KEY_PARENT,
	KEY_KIND,
	KEY_DIRECTION,
	KEY_START,
	KEY_TARGET,
	KEY_CURRENT,
	KEY_UNIT_LABEL,
	KEY_DUE,
	KEY_WEIGHT,
	KEY_CONFIDENCE,	/* repeats in a check-in form */
	KEY_VALUE,	/* repeats in a check-in form */
	KEY_NOTE,	/* repeats in a check-in form */
	KEY_TEXT,
	KEY_NAME,
	KEY_LOGIN,	/* repeats in an attendance form */
	KEY_MANAGER,
	KEY_ROLE,
	KEY_LEAD,
	KEY_STATE,
	KEY_END,
	KEY_PRINT,	/* "1": the print view */
	KEY_PRESENT,	/* "1": a meeting's presenter view */
	KEY_GOAL,	/* the GROW model of a monthly review */
	KEY_REALITY,
	KEY_OPTIONS,
	KEY_WILL,
	KEY_SINCE,	/* feeds: what changed after, YYYY-MM-DDTHH:MM:SSZ */
	KEY_SUB,	/* "1": a unit's feed with the units below */
	KEY_XML,	/* an XML document to import */
	KEY_FROM,	/* admin lists: the first id of the page */
	KEY_CONFIRM,	/* "1": an archive or carry-over confirmed */
	KEY_EMAIL,	/* notifications: a person's mail address */
	KEY_LANGUAGE,	/* a person's or bot's language, "": the setting's */
	/* "1": the person is mailed this kind of notice (enum nkind's
	 * order: KEY_MAIL_CHECKIN + kind). */
	KEY_MAIL_CHECKIN,
	KEY_MAIL_ESCALATION,
	KEY_MAIL_DIGEST,
	KEY_MAIL_MEETING,
	KEY_MAIL_DRAFT,
	KEY_MAIL_COMMENT,
	KEY_URL,	/* a bot's webhook address */
	KEY_SECRET,	/* a bot's signing secret ("": keep the stored one) */
	KEY_NO_SECRET,	/* "1": forget the bot's secret */
	KEY_EVENTS,	/* the kinds of notice a bot posts (repeats) */
	KEY_REMIND,	/* a unit's check-in reminder, "mon 10:00" */
	KEY__MAX
};
/* A route's keys are a mask of KEYBIT()s. */
_Static_assert(KEY__MAX <= 64, "more keys than a route's mask holds");

enum kflags {
	KF_MULTI	= 1 << 0,	/* repeats: every value in r->multi */
	KF_ID		= 1 << 1	/* an id, "" or "0" for none: r->ids */
};

struct req_key {
	const char	*name;		/* as in forms and queries */
	int		(*valid)(const char *);
	unsigned	 flags;		/* enum kflags */
	int		 status;	/* refusal of a bad value: 400, or 404 */
	const char	*errkey;	/* its message, NULL: the status' own */
};

extern const struct req_key req_keys[KEY__MAX];

/* What follows a route's pattern's '*' in the path. */
enum arg { ARG_NONE, ARG_ID, ARG_LOGIN };

/* What the caller must be for a route; req_main() checks it (through
 * the program's allow hook) before the handler runs. */
enum who {
	WHO_ANYONE,	/* any signed-in login, known to the store or not */
	WHO_KNOWN,	/* a person of the store */
	WHO_LEAD,	/* a person whose role is lead or admin */
	WHO_ADMIN	/* an administrator */
};

#define KEYBIT(k)	(1ull << (k))
#define REQ_MAXQUERY	4096		/* longest query string accepted */
#define REQ_MAXBODY	(256 * 1024)	/* largest form body; nginx agrees */
#define REQ_MAXMULTI	512		/* values of a repeated key: the rows
					 * of a quarterly grading */

struct req;
struct person;
typedef int (*handler_fn)(struct req *);

struct route {
	unsigned	 methods;	/* enum method bits */
	const char	*pattern;	/* exact, or one star standing for the arg */
	enum arg	 arg;		/* what '*' stands for */
	unsigned long long keys;	/* KEYBIT()s allowed (POST: token, back too) */
	handler_fn	 handler;	/* returns 0 when it answered, else a status */
	const char	*sheet;		/* the stylesheet of its page; NULL: the
					 * handler names it and frees its page */
	enum who	 who;		/* what the caller must be */
	int		 param;		/* the handler's own argument (a kind) */
};

struct req {
	FCGX_Request	 fcgi;
	int		 cgi;		/* plain CGI: stdio, not fcgi's streams */
	struct arena	 ar;
	enum method	 method;
	int		 head;		/* HEAD: headers only */
	const char	*script;	/* SCRIPT_NAME: the app's base URL */
	const char	*path;		/* PATH_INFO, "/" at least */
	const char	*uri;		/* path and query as requested */
	const char	*clean;		/* a GET's URL without the tracking keys
					 * it came with, to redirect to; NULL */
	const char	*user;		/* REMOTE_USER, NULL if none */
	struct person	*me;		/* the user's record, NULL if unknown */
	unsigned	 allow;		/* methods of the path, for a 405 */
	enum lang	 lang;
	int		 lang_cookie;	/* lang came from the cookie */
	const char	*val[KEY__MAX];	/* validated values, NULL if absent */
	uint32_t	 ids[KEY__MAX];	/* KF_ID keys parsed: 0 for none */
	const char	**multi[KEY__MAX]; /* every value of a repeated key */
	size_t		 nmulti[KEY__MAX];
	uint32_t	 id;		/* ARG_ID */
	const char	*argstr;	/* ARG_LOGIN */
	const struct route *route;
	const char	*errkey;	/* catalog key for an error status */
	const char	*why;		/* a refusal's reason, for the log */
	struct _xmlDoc	*doc;		/* the page's document: freed when the
					 * request ends (render_page_new()) */
	const char	*etag;		/* sent with the page when set */
	void		*app;		/* the program's own state */
	/* Feeds: conditional GET.  validators asks render_send() for an ETag
	 * made from the body; modified (seconds) sends Last-Modified; both
	 * answer 304 when the request's validators match. */
	int		 validators;
	int64_t		 modified;
	const char	*if_none_match, *if_modified_since;
	const char	*origin;	/* "http://host:port", for absolute links
					 * (feeds); NULL if the host is odd */
	const char	*public;	/* the app's base URL as the browser
					 * sees it, when public-url or a trusted
					 * proxy names it; NULL: not known */
	const char	*download;	/* a download's file name, when set: any
					 * text, render.c encodes it */
	int		 cards_whole;	/* every card built (RENDER_AGAIN) */
	const char	*rendered;	/* X-Mubiao-Render of a 200 page: "fresh"
					 * (transformed here) or "kept"; NULL */
	/* The page cache's generation, opened before the store is read
	 * (pcache.h); -1 when this request's page is not to be kept. */
	int		 pc_fd;
	int32_t		 pc_day;
};

/* Parses a query string or form body into r->val (and r->ids), allowing
 * only keys in mask.  Returns 0, or a key's refusal status (400, 404)
 * with r->why and r->errkey set.  A GET's tracking keys (from, utm_*...)
 * it would refuse are left out and set r->clean. */
int	req_parse_query(struct req *, const char *query, unsigned long long mask);
/* The language from the cookie, else Accept-Language, else English.  The
 * cookie is the first pair named exactly "lang" (case counts) whose value
 * is exactly "en" or "zh-CN"; pairs are separated by ';' or ',' (Apache
 * joins two Cookie headers with ", ").  nginx-mubiao-maps.conf applies
 * the same rule to pick a kept page. */
enum lang req_negotiate(const char *cookie, const char *accept);
/* Matches path against routes[n] and fills r->route, r->id, r->argstr.
 * Returns 0, 404 or 405. */
int	req_route(struct req *, const struct route *, size_t n);
/* A path is local when it starts with the base and holds no CR, LF, or
 * backslash and does not start with "//": safe for Location. */
int	req_local_path(const struct req *, const char *);

struct conf;
/* Takes public-url and trusted-proxy from the config, once at start:
 * they decide r->origin and r->public of every request. */
void	req_set_public(const struct conf *);

/* A program: its routes and the hooks req_main() calls. */
struct app {
	const struct route *routes;
	size_t		 nroutes;
	int		(*init)(struct req *);	/* once; 0 or -1 */
	int		(*identify)(struct req *); /* sets r->me; 0 or a status */
	int		 pages;		/* keeps its HTML pages in the page cache */
	int		(*allow)(struct req *); /* checks r->route->who: 0 or a
					 * status; NULL: anyone */
#ifdef MUBIAO_TEST
	/* make bench: a write before the i-th timed request, untimed (0 or
	 * a store status); NULL: none. */
	int		(*bench_write)(struct req *, int i);
#endif
};

/* Runs the FastCGI accept loop, or answers once as plain CGI when standard
 * input is not a socket: resets the context, validates, dispatches, and
 * renders errors.  Returns the exit status. */
int	req_main(const struct app *);
/* The page cache's name of this request's page, "LANG/USER/PATH.html",
 * when the web server will look for it there: a GET without a query, from
 * a user whose login is a plain file name, and whose language is the one
 * the server worked out (MUBIAO_PAGE_LANG, see conf/nginx-mubiao.conf).
 * NULL otherwise. */
const char *req_page_file(struct req *);
/* Writes response bytes to the server (FastCGI) or standard output (CGI). */
void	req_write(struct req *, const char *, size_t);

/* Parsing an unsigned decimal id in [1, UINT32_MAX]; -1 if malformed. */
int	req_parse_id(const char *, uint32_t *);
/* Records why a request is refused, for the log line of its 4xx;
 * returns status. */
int	req_refuse(struct req *, int status, const char *why);
/* Names the message of the error page (a catalog key); returns status. */
int	req_error(struct req *, int status, const char *key);

#endif
