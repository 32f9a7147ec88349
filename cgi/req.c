/* req.c: the request context, input validation and dispatch (see req.h).
 * Every key is checked here, before any handler runs: unknown, repeated,
 * over-long or malformed input is a 400 and nothing else happens. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include <fcgiapp.h>

#include "arena.h"
#include "log.h"
#include "render.h"
#include "req.h"

const char *const req_lang_names[LANG__MAX] = { "en", "zh-CN" };

typedef int (*valid_fn)(const char *);

static int
valid_cycle(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 32 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static int
valid_lang(const char *s)
{
	return strcmp(s, "en") == 0 || strcmp(s, "zh-CN") == 0;
}

/* A local path and query as they stand in a URI: only the characters
 * RFC 3986 allows there, so it is safe in a Location header. */
static int
valid_path(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 1024 && s[0] == '/' && s[1] != '/' &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-._~!$&'()*+,;=:@/?%") == n;
}

static const struct key_def {
	const char	*name;
	valid_fn	 valid;
} keys[KEY__MAX] = {
	[KEY_CYCLE] = { "cycle", valid_cycle },
	[KEY_SET] = { "set", valid_lang },
	[KEY_BACK] = { "back", valid_path },
};

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+' in s[0..n) into the arena; NULL if malformed or if
 * it would hold a NUL or a control character. */
static char *
url_decode(struct arena *ar, const char *s, size_t n)
{
	char *out = arena_alloc(ar, n + 1), *o = out;
	size_t i;
	int hi, lo, c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			if ((hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0)
				return NULL;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return NULL;
		*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

int
req_parse_query(struct req *r, const char *q, unsigned mask)
{
	const char *p = q, *amp, *eq;
	char *name, *val;
	int k;

	if (q == NULL || *q == '\0')
		return 0;
	if (strlen(q) > REQ_MAXQUERY)
		return 400;
	for (; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;	/* "a=1&&b=2" */
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			return 400;
		name = url_decode(&r->ar, p, (size_t)(eq - p));
		val = url_decode(&r->ar, eq + 1, (size_t)(amp - eq - 1));
		if (name == NULL || val == NULL)
			return 400;
		for (k = 0; k < KEY__MAX; k++)
			if (strcmp(keys[k].name, name) == 0)
				break;
		if (k == KEY__MAX || !(mask & KEYBIT(k)) || r->val[k] != NULL ||
		    !keys[k].valid(val))
			return 400;
		r->val[k] = val;
	}
	return 0;
}

/* Maps a language tag to ours: zh, zh-CN, zh-Hans... to Chinese; en* to
 * English; anything else is not ours (-1). */
static int
lang_of(const char *tag, size_t n)
{
	if (n >= 2 && strncasecmp(tag, "zh", 2) == 0 && (n == 2 || tag[2] == '-'))
		return LANG_ZH;
	if (n >= 2 && strncasecmp(tag, "en", 2) == 0 && (n == 2 || tag[2] == '-'))
		return LANG_EN;
	return -1;
}

enum lang
req_negotiate(const char *cookie, const char *accept)
{
	const char *p, *end, *semi;
	double q, best = 0;
	int lang, chosen = LANG_EN;
	size_t n;

	/* The cookie is the visible switch: it wins. */
	for (p = cookie; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		p += strspn(p, " ");
		end = p + strcspn(p, ";");
		if (strncmp(p, "lang=", 5) == 0) {
			n = (size_t)(end - p - 5);
			if (n == 2 && strncmp(p + 5, "en", 2) == 0)
				return LANG_EN;
			if (n == 5 && strncmp(p + 5, "zh-CN", 5) == 0)
				return LANG_ZH;
		}
	}
	for (p = accept; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		p += strspn(p, " ");
		end = p + strcspn(p, ",");
		semi = memchr(p, ';', (size_t)(end - p));
		n = (size_t)((semi ? semi : end) - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		q = 1;
		if (semi != NULL) {
			const char *qs = semi + 1 + strspn(semi + 1, " ");

			if (strncmp(qs, "q=", 2) == 0) {
				char *qend;

				q = strtod(qs + 2, &qend);
				if (qend == qs + 2 || q < 0 || q > 1)
					q = 0;
			}
		}
		if ((lang = lang_of(p, n)) >= 0 && q > best) {
			best = q;
			chosen = lang;
		}
	}
	return (enum lang)chosen;
}

int
req_parse_id(const char *s, uint32_t *id)
{
	unsigned long long v = 0;
	size_t i, n = strlen(s);

	if (n == 0 || n > 10 || s[0] == '0')
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > UINT32_MAX)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

static int
valid_login(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._@-") == n;
}

int
req_route(struct req *r, const struct route *routes, size_t n)
{
	size_t i, plen;
	const char *rest;

	r->allow = 0;
	for (i = 0; i < n; i++) {
		const struct route *rt = &routes[i];

		plen = strlen(rt->prefix);
		if (rt->arg == ARG_NONE) {
			if (strcmp(r->path, rt->prefix) != 0)
				continue;
		} else {
			if (strncmp(r->path, rt->prefix, plen) != 0)
				continue;
			rest = r->path + plen;
			if (rt->arg == ARG_ID && req_parse_id(rest, &r->id) == -1)
				continue;
			if (rt->arg == ARG_LOGIN && !valid_login(rest))
				continue;
			r->argstr = rest;
		}
		r->allow |= rt->methods;
		if (rt->methods & r->method) {
			r->route = rt;
			return 0;
		}
	}
	return r->allow ? 405 : 404;
}

int
req_local_path(const struct req *r, const char *p)
{
	size_t n = strlen(r->script);

	return p != NULL && valid_path(p) && strncmp(p, r->script, n) == 0 &&
	    (p[n] == '/' || p[n] == '?' || p[n] == '\0');
}

static const char *
param(struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgi.envp);
}

/* Fills the context from the server's parameters; returns 0 or a status. */
static int
prep_request(struct req *r, const struct app *app)
{
	const char *m = param(r, "REQUEST_METHOD"), *v;
	int rc;

	r->lang = req_negotiate(param(r, "HTTP_COOKIE"),
	    param(r, "HTTP_ACCEPT_LANGUAGE"));
	r->script = arena_strdup(&r->ar, (v = param(r, "SCRIPT_NAME")) ? v : "");
	r->path = arena_strdup(&r->ar, (v = param(r, "PATH_INFO")) && *v ? v : "/");
	r->uri = arena_strdup(&r->ar, (v = param(r, "REQUEST_URI")) ? v : r->path);
	if (m == NULL)
		return 400;
	if (strcmp(m, "GET") == 0)
		r->method = METHOD_GET;
	else if (strcmp(m, "HEAD") == 0)
		r->method = METHOD_HEAD;
	else if (strcmp(m, "POST") == 0)
		r->method = METHOD_POST;
	/* Any other method matches no route: routing answers 405 with the
	 * path's Allow, or 404. */
	if (strlen(r->script) > 256 || strlen(r->path) > 1024)
		return 404;
	/* Trust only the server's REMOTE_USER; never an HTTP_* header. */
	v = param(r, "REMOTE_USER");
	if (v == NULL || *v == '\0')
		return 401;
	if (!valid_login(v))
		return 403;
	r->user = arena_strdup(&r->ar, v);
	if (app->identify != NULL && (rc = app->identify(r)) != 0)
		return rc;
	/* HEAD is answered like GET, without the body. */
	if (r->method == METHOD_HEAD) {
		r->method = METHOD_GET;
		r->head = 1;
	}
	if ((rc = req_route(r, app->routes, app->nroutes)) != 0)
		return rc;
	return req_parse_query(r, param(r, "QUERY_STRING"), r->route->keys);
}

static void
on_term(int sig)
{
	(void)sig;
	/* Makes FCGX_Accept_r return instead of waiting for the next request. */
	FCGX_ShutdownPending();
}

static void
req_reset(struct req *r)
{
	arena_reset(&r->ar);
	r->method = 0;
	r->script = r->path = r->uri = r->user = r->argstr = NULL;
	r->errkey = NULL;
	r->lang = LANG_EN;
	r->id = 0;
	r->head = 0;
	r->me = NULL;
	r->allow = 0;
	r->route = NULL;
	memset(r->val, 0, sizeof(r->val));
}

void
req_write(struct req *r, const char *buf, size_t n)
{
	if (r->cgi)
		fwrite(buf, 1, n, stdout);
	else
		FCGX_PutStr(buf, (int)n, r->fcgi.out);
}

/* One request, start to end: validate, dispatch, answer. */
static void
req_handle(struct req *r, const struct app *app)
{
	int status;

	req_reset(r);
	status = prep_request(r, app);
	if (status == 0)
		status = r->route->handler(r);
	if (status != 0)
		render_error(r, status, r->errkey);
}

int
req_main(const struct app *app)
{
	static struct req r;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;	/* no SA_RESTART: accept() must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&r.fcgi, 0, 0) != 0) {
		log_err("cannot initialise libfcgi");
		return 1;
	}
	arena_init(&r.ar);
	if (app->init(&r) != 0)
		return 1;
	if (FCGX_IsCGI()) {
		/* Plain CGI (a shell, a test, an admin): one request from the
		 * environment, answered on standard output. */
		r.cgi = 1;
		r.fcgi.envp = environ;
		req_handle(&r, app);
		fflush(stdout);
	} else
		while (FCGX_Accept_r(&r.fcgi) >= 0) {
			req_handle(&r, app);
			FCGX_Finish_r(&r.fcgi);
		}
	arena_free(&r.ar);
	return 0;
}
