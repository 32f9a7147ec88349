/* req.c: the request context, input validation and dispatch (see req.h).
 * Every key is checked here, before any handler runs: unknown, repeated,
 * over-long or malformed input is a 400 and nothing else happens. */
#include <ctype.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <fcgiapp.h>
#include <libxml/tree.h>

#include "arena.h"
#include "conf.h"
#include "csrf.h"
#include "log.h"
#include "okr.h"
#include "pcache.h"
#include "render.h"
#include "req.h"

const char *const req_lang_names[LANG__MAX] = { "en", "zh-CN" };

static int
valid_lang(const char *s)
{
	return strcmp(s, "en") == 0 || strcmp(s, "zh-CN") == 0;
}

/* A local path and query as they stand in a URI, perhaps with a
 * fragment (where on the page to land): only the characters RFC 3986
 * allows there, so it is safe in a Location header. */
static int
valid_path(const char *s)
{
	size_t n = strlen(s);
	const char *hash = strchr(s, '#');

	return n >= 1 && n <= 1024 && s[0] == '/' && s[1] != '/' &&
	    (hash == NULL || strchr(hash + 1, '#') == NULL) &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-._~!$&'()*+,;=:@/?%#") == n;
}

/* Free text a person typed: text XML may hold (render_text_valid()),
 * without control characters; multi-line text may hold line breaks and
 * tabs.  Its meaning is the form's to judge. */
static int
valid_utf8(const char *s, int multiline)
{
	size_t n = strlen(s);

	return render_text_valid(s, n) == n && okr_text_ok(s, n, multiline);
}

/* Bytes enough for the longest text a form takes, 4 bytes a character:
 * a form judges lengths in characters and says the limit beside the
 * field with the text kept, which a refusal here could not. */
static int
valid_line(const char *s)
{
	return strlen(s) <= 4 * OKR_MAX_TEXT && valid_utf8(s, 0);
}

static int
valid_long(const char *s)
{
	return strlen(s) <= 4 * OKR_MAX_MINUTES && valid_utf8(s, 1);
}

/* An id in decimal, or nothing ("" or "0"): an optional choice left at
 * "none" sends "".  Blanks around it are a typed field's and are let go.
 * *id gets the id, 0 for none; -1 if it is no id. */
static int
parse_id(const char *s, uint32_t *id)
{
	unsigned long long v = 0;
	size_t n;

	s += strspn(s, " \t");
	n = strspn(s, "0123456789");
	if (n > 10 || s[n + strspn(s + n, " \t")] != '\0')
		return -1;
	for (; n > 0; n--, s++)
		v = v * 10 + (unsigned)(*s - '0');
	if (v > UINT32_MAX)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

static int
valid_id(const char *s)
{
	uint32_t id;

	return parse_id(s, &id) == 0;
}

/* Any short text: a wrong token is the CSRF check's to refuse (403). */
static int
valid_token(const char *s)
{
	return strlen(s) <= 128 && valid_utf8(s, 0);
}

/* A UTC time as feeds write it: 2026-11-28T05:00:00Z, a real one. */
static int
valid_time(const char *s)
{
	int64_t t;

	return okr_time_parse(s, &t) == 0;
}

/* A document to import: anything the body limit allows.  The import
 * names the line of what is wrong and shows the text again, which a 400
 * here could not. */
static int
valid_xml(const char *s)
{
	(void)s;
	return 1;
}

static int
valid_one(const char *s)
{
	return strcmp(s, "1") == 0;
}

/* What a person types: a refusal says the text is not allowed. */
#define LINE(name)	{ name, valid_line, 0, 400, "err.400.text" }
#define LONG(name)	{ name, valid_long, 0, 400, "err.400.text" }

const struct req_key req_keys[KEY__MAX] = {
	[KEY_CYCLE] = { "cycle", okr_cycle_name_ok, 0, 400, NULL },
	[KEY_SET] = { "set", valid_lang, 0, 400, NULL },
	[KEY_BACK] = { "back", valid_path, 0, 400, NULL },
	[KEY_TOKEN] = { "token", valid_token, 0, 400, NULL },
	[KEY_VERSION] = { "version", valid_id, KF_ID, 400, NULL },
	/* The version of each KR of a form that writes several. */
	[KEY_KR_VERSION] = { "kr-version", valid_id, KF_MULTI, 400, NULL },
	[KEY_KR] = { "kr", valid_id, KF_ID | KF_MULTI, 400, NULL },
	[KEY_OBJECTIVE] = { "objective", valid_id, KF_ID, 400, NULL },
	[KEY_TITLE] = LINE("title"),
	[KEY_DESCRIPTION] = LONG("description"),
	[KEY_LEVEL] = LINE("level"),
	/* Units are typed by number in the admin forms of a large company:
	 * a malformed one reaches the form, which says so beside the field
	 * with what was typed; r->ids holds 0 (no unit) for it. */
	[KEY_UNIT] = { "unit", valid_line, KF_ID, 400, "err.400.text" },
	/* Logins: a form says which person it does not know. */
	[KEY_OWNER] = LINE("owner"),
	[KEY_PARENT] = { "parent", valid_line, KF_ID, 400, "err.400.text" },
	[KEY_KIND] = LINE("kind"),
	[KEY_DIRECTION] = LINE("direction"),
	[KEY_START] = LINE("start"),
	[KEY_TARGET] = LINE("target"),
	[KEY_CURRENT] = LINE("current"),
	[KEY_UNIT_LABEL] = LINE("unit-label"),
	[KEY_DUE] = LINE("due"),
	[KEY_WEIGHT] = LINE("weight"),
	[KEY_CONFIDENCE] = { "confidence", valid_line, KF_MULTI, 400,
	    "err.400.text" },
	[KEY_VALUE] = { "value", valid_line, KF_MULTI, 400, "err.400.text" },
	[KEY_NOTE] = { "note", valid_long, KF_MULTI, 400, "err.400.text" },
	[KEY_TEXT] = LONG("text"),
	[KEY_NAME] = LINE("name"),
	[KEY_LOGIN] = { "login", valid_line, KF_MULTI, 400, "err.400.text" },
	[KEY_MANAGER] = LINE("manager"),
	[KEY_ROLE] = LINE("role"),
	[KEY_LEAD] = LINE("lead"),
	[KEY_STATE] = LINE("state"),
	[KEY_END] = LINE("end"),
	[KEY_PRINT] = { "print", valid_one, 0, 400, NULL },
	[KEY_PRESENT] = { "present", valid_one, 0, 400, NULL },
	[KEY_GOAL] = LONG("goal"),
	[KEY_REALITY] = LONG("reality"),
	[KEY_OPTIONS] = LONG("options"),
	[KEY_WILL] = LONG("will"),
	[KEY_SINCE] = { "since", valid_time, 0, 400, NULL },
	[KEY_SUB] = { "sub", valid_one, 0, 400, NULL },
	[KEY_XML] = { "xml", valid_xml, 0, 400, NULL },
	[KEY_FROM] = { "from", valid_id, KF_ID, 400, NULL },
	[KEY_CONFIRM] = { "confirm", valid_one, 0, 400, NULL },
	/* An address, a webhook, a secret: what a line must not hold (a
	 * line break, a tab) is the form's to say beside the field. */
	[KEY_EMAIL] = LONG("email"),
	[KEY_LANGUAGE] = LINE("language"),
	[KEY_MAIL_CHECKIN] = { "mail-checkin", valid_one, 0, 400, NULL },
	[KEY_MAIL_ESCALATION] = { "mail-escalation", valid_one, 0, 400, NULL },
	[KEY_MAIL_DIGEST] = { "mail-digest", valid_one, 0, 400, NULL },
	[KEY_MAIL_MEETING] = { "mail-meeting", valid_one, 0, 400, NULL },
	[KEY_MAIL_DRAFT] = { "mail-draft", valid_one, 0, 400, NULL },
	[KEY_MAIL_COMMENT] = { "mail-comment", valid_one, 0, 400, NULL },
	[KEY_URL] = LONG("url"),
	[KEY_SECRET] = LONG("secret"),
	[KEY_NO_SECRET] = { "no-secret", valid_one, 0, 400, NULL },
	[KEY_EVENTS] = { "events", valid_line, KF_MULTI, 400, "err.400.text" },
	[KEY_REMIND] = LINE("remind"),
};

int
req_refuse(struct req *r, int status, const char *why)
{
	r->why = why;
	return status;
}

int
req_error(struct req *r, int status, const char *key)
{
	r->errkey = key;
	return status;
}

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
 * it would hold a NUL (the validators judge every other character). */
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
		if (c == 0)
			return NULL;
		*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

/* Keys that chat apps and campaign tools add to a link they pass on
 * (README, "Links from chat apps"): WeChat and WeCom's from, scene,
 * isappinstalled..., utm_* (Feishu, DingTalk, mail), spm (DingTalk,
 * Alibaba), fbclid, gclid, msclkid.  A name ending in '_' is a prefix;
 * values, when set, are the app's own words for a key a route may take
 * itself (an admin list's from=ID). */
static const struct { const char *name, *values; } tracking_keys[] = {
	{ "from", "singlemessage groupmessage timeline" },
	{ "isappinstalled", NULL }, { "scene", NULL }, { "subscene", NULL },
	{ "clicktime", NULL }, { "enterid", NULL }, { "sessionid", NULL },
	{ "utm_", NULL }, { "spm", NULL }, { "fbclid", NULL }, { "gclid", NULL },
	{ "msclkid", NULL },
};

/* Whether name=val is a tracking pair; taken: the route takes a key of
 * that name, whose values other than the app's stay its own to judge. */
static int
tracking_pair(const char *name, const char *val, int taken)
{
	const char *t;
	size_t i, n;

	for (i = 0; i < sizeof(tracking_keys) / sizeof(tracking_keys[0]); i++) {
		t = tracking_keys[i].name;
		n = strlen(t);
		if (t[n - 1] == '_' ? strncmp(name, t, n) == 0 : strcmp(name, t) == 0)
			return !taken || (tracking_keys[i].values != NULL &&
			    okr_listed(tracking_keys[i].values, val));
	}
	return 0;
}

int
req_parse_query(struct req *r, const char *q, unsigned long long mask)
{
	const char *p = q, *amp, *eq;
	char *name, *val, *kept = NULL;
	size_t klen = 0;
	uint32_t id;
	int k, dropped = 0;

	if (q == NULL || *q == '\0')
		return 0;
	/* A GET lets a tracking pair go (an admin list's own from= stays
	 * an id), and is sent to the clean URL: the one a bookmark and the
	 * page cache know.  Forms keep to the strict rule. */
	if (r->method == METHOD_GET) {
		kept = arena_alloc(&r->ar, strlen(q) + 1);
		*kept = '\0';
	}
	for (; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;	/* "a=1&&b=2" */
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			return req_refuse(r, 400, "a pair without '='");
		name = url_decode(&r->ar, p, (size_t)(eq - p));
		val = url_decode(&r->ar, eq + 1, (size_t)(amp - eq - 1));
		if (name == NULL || val == NULL)
			return req_refuse(r, 400, "malformed escape or NUL");
		for (k = 0; k < KEY__MAX; k++)
			if (strcmp(req_keys[k].name, name) == 0)
				break;
		if (kept != NULL && tracking_pair(name, val,
		    k < KEY__MAX && (mask & KEYBIT(k)))) {
			dropped = 1;
			continue;
		}
		if (kept != NULL) {
			if (klen > 0)
				kept[klen++] = '&';
			memcpy(kept + klen, p, (size_t)(amp - p));
			kept[klen += (size_t)(amp - p)] = '\0';
		}
		if (k == KEY__MAX || !(mask & KEYBIT(k)))
			return req_refuse(r, 400, arena_printf(&r->ar,
			    "key \"%.64s\" not taken here", name));
		if (!req_keys[k].valid(val)) {
			/* What a person typed: the page says what is wrong. */
			r->errkey = req_keys[k].errkey;
			return req_refuse(r, req_keys[k].status, arena_printf(&r->ar,
			    "bad value of %s", req_keys[k].name));
		}
		if ((req_keys[k].flags & KF_ID) && r->val[k] == NULL &&
		    parse_id(val, &id) == 0)
			r->ids[k] = id;
		if (req_keys[k].flags & KF_MULTI) {
			if (r->nmulti[k] == REQ_MAXMULTI)
				return req_refuse(r, 400, arena_printf(&r->ar,
				    "more than %d values of %s", REQ_MAXMULTI,
				    req_keys[k].name));
			if (r->multi[k] == NULL)
				r->multi[k] = arena_alloc(&r->ar,
				    REQ_MAXMULTI * sizeof(*r->multi[k]));
			r->multi[k][r->nmulti[k]++] = val;
		} else if (r->val[k] != NULL)
			return req_refuse(r, 400, arena_printf(&r->ar,
			    "%s repeated", req_keys[k].name));
		if (r->val[k] == NULL)
			r->val[k] = val;
	}
	if (dropped)
		r->clean = arena_printf(&r->ar, "%s%s%s%s", r->script, r->path,
		    klen > 0 ? "?" : "", kept);
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
		end = p + strcspn(p, ";,");
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

int
req_route(struct req *r, const struct route *routes, size_t n)
{
	size_t i, plen, slen, len = strlen(r->path);
	const char *star, *rest;
	char *arg;

	r->allow = 0;
	for (i = 0; i < n; i++) {
		const struct route *rt = &routes[i];

		if ((star = strchr(rt->pattern, '*')) == NULL) {
			if (strcmp(r->path, rt->pattern) != 0)
				continue;
		} else {
			plen = (size_t)(star - rt->pattern);
			slen = strlen(star + 1);
			if (len <= plen + slen ||
			    strncmp(r->path, rt->pattern, plen) != 0 ||
			    strcmp(r->path + len - slen, star + 1) != 0)
				continue;
			rest = r->path + plen;
			arg = arena_strndup(&r->ar, rest, len - plen - slen);
			if (rt->arg == ARG_ID && req_parse_id(arg, &r->id) == -1)
				continue;
			if (rt->arg == ARG_LOGIN && !okr_login_ok(arg))
				continue;
			r->argstr = arg;
		}
		r->allow |= rt->methods;
		if (rt->methods & r->method) {
			r->route = rt;
			return 0;
		}
	}
	return req_refuse(r, r->allow ? 405 : 404, r->allow ? "method not allowed" :
	    "no route");
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

/* Every value of a header the server passed more than once (nginx passes
 * each Cookie line as its own HTTP_COOKIE), joined with sep as one header
 * would hold them; FCGX_GetParam sees the first alone, where nginx's maps
 * see them all.  NULL when absent. */
static const char *
param_all(struct req *r, const char *name, const char *sep)
{
	const char *v = NULL;
	size_t n = strlen(name);
	char **e;

	for (e = r->fcgi.envp; e != NULL && *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			v = v == NULL ? *e + n + 1 :
			    arena_printf(&r->ar, "%s%s%s", v, sep, *e + n + 1);
	return v;
}

/* A POST must come from a page of this site: the browser's Origin (when
 * it sends one) is r->origin (behind a proxy, the public one), and
 * Sec-Fetch-Site is not cross-site. */
static int
same_origin(struct req *r)
{
	const char *origin = param(r, "HTTP_ORIGIN");
	const char *site = param(r, "HTTP_SEC_FETCH_SITE");

	if (site != NULL && strcmp(site, "same-origin") != 0 &&
	    strcmp(site, "none") != 0)
		return 0;
	if (origin == NULL)
		return 1;
	return r->origin != NULL && strcmp(origin, r->origin) == 0;
}

/* Reads and checks a form: size (413 before reading), type, origin and
 * token (403), keys (400).  The query may name keys too. */
static int
prep_post(struct req *r)
{
	const char *cl = param(r, "CONTENT_LENGTH"), *ct = param(r, "CONTENT_TYPE");
	unsigned long long mask = r->route->keys | KEYBIT(KEY_TOKEN) | KEYBIT(KEY_BACK);
	char *body, *end;
	unsigned long len;
	size_t got = 0;
	int n, rc;

	errno = 0;
	len = cl != NULL && *cl != '\0' ? strtoul(cl, &end, 10) : 0;
	if (cl != NULL && *cl != '\0' && (errno != 0 || *end != '\0' || *cl == '-'))
		return req_refuse(r, 400, "bad Content-Length");
	if (len > REQ_MAXBODY)
		return req_refuse(r, 413, "body over the limit");
	if (!same_origin(r))
		return req_refuse(r, req_error(r, 403, "err.403.csrf"), "cross-site form");
	if (len > 0 && (ct == NULL || strncmp(ct,
	    "application/x-www-form-urlencoded", 33) != 0))
		return req_refuse(r, 400, "not a urlencoded form");
	body = arena_alloc(&r->ar, len + 1);
	while (got < len) {
		if (r->cgi)
			n = (int)fread(body + got, 1, len - got, stdin);
		else
			n = FCGX_GetStr(body + got, (int)(len - got), r->fcgi.in);
		if (n <= 0)
			return req_refuse(r, 400, "body shorter than announced");
		got += (size_t)n;
	}
	body[len] = '\0';
	if (strlen(body) != len)
		return req_refuse(r, 400, "a NUL in the body");
	if ((rc = req_parse_query(r, param(r, "QUERY_STRING"), r->route->keys)) != 0 ||
	    (rc = req_parse_query(r, body, mask)) != 0)
		return rc;
	if (!csrf_check(r->user, r->val[KEY_TOKEN]))
		return req_refuse(r, req_error(r, 403, "err.403.csrf"), "bad form token");
	return 0;
}

/* public-url and trusted-proxy, from req_set_public(): pub_origin as a
 * browser's Origin, pub_base the app's base URL; "" when not set. */
static char pub_origin[sizeof(((struct conf *)0)->public_origin)];
static char pub_base[sizeof(pub_origin) + sizeof(((struct conf *)0)->public_path)];
static struct conf_net trusted[CONF_MAX_PROXIES];
static int ntrusted;

void
req_set_public(const struct conf *c)
{
	snprintf(pub_origin, sizeof(pub_origin), "%s", c->public_origin);
	snprintf(pub_base, sizeof(pub_base), "%s%s", c->public_origin,
	    c->public_path);
	memcpy(trusted, c->trusted, sizeof(trusted));
	ntrusted = c->ntrusted;
}

/* A host (and port) as a Host header holds it: host name characters,
 * or an IPv6 address in brackets; nothing that could end a header or
 * a URL's authority. */
static int
host_ok(const char *host)
{
	return host != NULL && *host != '\0' && strlen(host) <= 255 &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-:[]") == strlen(host);
}

/* Whether the request reached the server over TLS, as it says. */
static int
request_tls(struct req *r)
{
	const char *https = param(r, "HTTPS"), *scheme = param(r, "REQUEST_SCHEME");

	return scheme != NULL ? strcmp(scheme, "https") == 0 :
	    https != NULL && *https != '\0' && strcmp(https, "off") != 0;
}

/* The last value of a list header ("a, b"), blanks trimmed: the one the
 * nearest proxy (the trusted one) added.  NULL if v is NULL or empty. */
static const char *
last_item(struct req *r, const char *v)
{
	const char *comma, *end;

	if (v == NULL)
		return NULL;
	if ((comma = strrchr(v, ',')) != NULL)
		v = comma + 1;
	v += strspn(v, " \t");
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end > v ? arena_strndup(&r->ar, v, (size_t)(end - v)) : NULL;
}

/* Parameter name= of the last element of an RFC 7239 Forwarded header,
 * without its quotes; NULL if absent. */
static const char *
forwarded_param(struct req *r, const char *fwd, const char *name)
{
	const char *p = last_item(r, fwd), *end;
	size_t n = strlen(name), len;

	for (; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		p += strspn(p, " \t");
		end = p + strcspn(p, ";");
		if (strncasecmp(p, name, n) != 0 || p[n] != '=')
			continue;
		p += n + 1;
		len = (size_t)(end - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len >= 2 && p[0] == '"' && p[len - 1] == '"')
			p++, len -= 2;
		return arena_strndup(&r->ar, p, len);
	}
	return NULL;
}

/* scheme://host[:port] as a browser's Origin names it: host in lower
 * case, no port when it is the scheme's.  host may carry a port, which
 * wins over port (NULL: none). */
static const char *
make_origin(struct req *r, int tls, const char *host, const char *port)
{
	char *h = arena_strdup(&r->ar, host), *colon, *p;

	for (p = h; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	colon = strrchr(h, ':');
	if (colon != NULL && strchr(colon, ']') == NULL) {
		*colon = '\0';
		port = colon + 1;
	}
	if (port != NULL && (*port == '\0' || strspn(port, "0123456789") !=
	    strlen(port) || strcmp(port, tls ? "443" : "80") == 0))
		port = NULL;
	return arena_printf(&r->ar, "%s://%s%s%s", tls ? "https" : "http", h,
	    port != NULL ? ":" : "", port != NULL ? port : "");
}

/* The origin a trusted proxy names: RFC 7239 Forwarded's host and proto,
 * else X-Forwarded-Host, -Proto and -Port; what it leaves out is the
 * request's own.  NULL when it names neither host nor scheme, or names
 * them badly. */
static const char *
forwarded_origin(struct req *r)
{
	const char *fwd = param(r, "HTTP_FORWARDED"), *host, *proto, *port = NULL;

	if (fwd != NULL) {
		host = forwarded_param(r, fwd, "host");
		proto = forwarded_param(r, fwd, "proto");
	} else {
		host = last_item(r, param(r, "HTTP_X_FORWARDED_HOST"));
		proto = last_item(r, param(r, "HTTP_X_FORWARDED_PROTO"));
		port = last_item(r, param(r, "HTTP_X_FORWARDED_PORT"));
	}
	if (host == NULL && proto == NULL)
		return NULL;
	if (host == NULL)
		host = param(r, "HTTP_HOST");
	if (!host_ok(host) || (proto != NULL && strcasecmp(proto, "https") != 0 &&
	    strcasecmp(proto, "http") != 0))
		return NULL;
	return make_origin(r, proto != NULL ? strcasecmp(proto, "https") == 0 :
	    request_tls(r), host, port);
}

/* The scheme, host and port the client used, as a browser's Origin
 * names them (no port when it is the scheme's), for absolute links and
 * the same-origin check of forms; sets r->public when public-url or a
 * trusted proxy names them.  nginx's fastcgi_params pass $host, without
 * the port; Apache's HTTP_HOST keeps it.  NULL when the host holds
 * anything but a host name's characters. */
static const char *
origin(struct req *r)
{
	const char *host = param(r, "HTTP_HOST"), *port = param(r, "SERVER_PORT");
	const char *fwd;
	int tls = request_tls(r);

	if (pub_origin[0] != '\0') {
		r->public = pub_base;
		return pub_origin;
	}
	if (ntrusted > 0 && conf_net_match(trusted, ntrusted,
	    param(r, "REMOTE_ADDR")) && (fwd = forwarded_origin(r)) != NULL) {
		r->public = arena_printf(&r->ar, "%s%s", fwd, r->script);
		return fwd;
	}
	if (!host_ok(host))
		return NULL;
	if (port == NULL || strspn(port, "0123456789") != strlen(port) || *port == '\0' ||
	    strchr(host, ':') != NULL || strcmp(port, tls ? "443" : "80") == 0)
		return arena_printf(&r->ar, "%s://%s", tls ? "https" : "http", host);
	return arena_printf(&r->ar, "%s://%s:%s", tls ? "https" : "http", host, port);
}

/* Fills the context from the server's parameters; returns 0 or a status. */
static int
prep_request(struct req *r, const struct app *app)
{
	const char *m = param(r, "REQUEST_METHOD"), *v;
	int rc;

	r->lang = req_negotiate(param_all(r, "HTTP_COOKIE", "; "),
	    param_all(r, "HTTP_ACCEPT_LANGUAGE", ", "));
	r->script = arena_strdup(&r->ar, (v = param(r, "SCRIPT_NAME")) ? v : "");
	r->path = arena_strdup(&r->ar, (v = param(r, "PATH_INFO")) && *v ? v : "/");
	r->uri = arena_strdup(&r->ar, (v = param(r, "REQUEST_URI")) ? v : r->path);
	r->if_none_match = param(r, "HTTP_IF_NONE_MATCH");
	r->if_modified_since = param(r, "HTTP_IF_MODIFIED_SINCE");
	r->origin = origin(r);
	if (m == NULL)
		return req_refuse(r, 400, "no method");
	if (strcmp(m, "GET") == 0)
		r->method = METHOD_GET;
	else if (strcmp(m, "HEAD") == 0)
		r->method = METHOD_HEAD;
	else if (strcmp(m, "POST") == 0)
		r->method = METHOD_POST;
	/* Any other method matches no route: routing answers 405 with the
	 * path's Allow, or 404. */
	if (strlen(r->script) > 256 || strlen(r->path) > 1024)
		return req_refuse(r, 404, "path too long");
	/* Trust only the server's REMOTE_USER; never an HTTP_* header. */
	v = param(r, "REMOTE_USER");
	if (v == NULL || *v == '\0')
		return req_refuse(r, 401, "no REMOTE_USER");
	if (!okr_login_ok(v))
		return req_refuse(r, 403, "REMOTE_USER is no login");
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
	v = param(r, "QUERY_STRING");
	if (v != NULL && strlen(v) > REQ_MAXQUERY)
		return req_refuse(r, 400, "query too long");
	if ((rc = r->method == METHOD_POST ? prep_post(r) :
	    req_parse_query(r, v, r->route->keys)) != 0)
		return rc;
	return app->allow != NULL ? app->allow(r) : 0;
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
	r->script = r->path = r->uri = r->user = r->argstr = r->clean = NULL;
	r->errkey = r->why = NULL;
	r->etag = NULL;
	r->validators = 0;
	r->modified = 0;
	r->if_none_match = r->if_modified_since = r->origin = r->download = NULL;
	r->public = r->rendered = NULL;
	r->cards_whole = 0;
	r->lang = LANG_EN;
	r->id = 0;
	r->head = 0;
	r->me = NULL;
	r->allow = 0;
	r->route = NULL;
	memset(r->val, 0, sizeof(r->val));
	memset(r->ids, 0, sizeof(r->ids));
	memset(r->multi, 0, sizeof(r->multi));
	memset(r->nmulti, 0, sizeof(r->nmulti));
}

void
req_write(struct req *r, const char *buf, size_t n)
{
	if (r->cgi)
		fwrite(buf, 1, n, stdout);
	else
		FCGX_PutStr(buf, (int)n, r->fcgi.out);
}

const char *
req_page_file(struct req *r)
{
	const char *key = param(r, "MUBIAO_PAGE_LANG");

	if (r->pc_fd == -1 || r->method != METHOD_GET || r->user == NULL ||
	    strchr(r->uri, '?') != NULL || key == NULL ||
	    strcmp(key, req_lang_names[r->lang]) != 0 ||
	    !isalnum((unsigned char)r->user[0]) || strstr(r->path, "/.") != NULL ||
	    r->pc_day != okr_today())
		return NULL;
	return arena_printf(&r->ar, "%s/%s%s%s.html", key, r->user, r->script, r->path);
}

/* Each page rendered once: when another request renders this request's
 * page, waits for it and serves the page it kept; else, holding the
 * page's lock, lets the handler render it (render_send() keeps it and
 * pcache_put() releases the lock; a handler that answers anything but
 * the page leaves it to the request's end, and those waiting render
 * their own).  Not stale: the page is looked for in the generation this
 * request opened before it read the store, and a page sits in a
 * generation only once rendered from data at least as new (pcache.h).
 * 1 when the page was served. */
static int
kept_page(struct req *r)
{
	const char *file = req_page_file(r);
	char *data;
	size_t n;
	int waited;

	if (file == NULL || !render_is_page(r->route->sheet))
		return 0;
#ifdef MUBIAO_TEST
	/* The test hooks ask for this request's own render. */
	if (param(r, "HTTP_X_MUBIAO_DOC") != NULL || param(r, "HTTP_X_MUBIAO_CARDS") != NULL)
		return 0;
#endif
	if ((data = pcache_get(r->pc_fd, file, &r->ar, &n)) == NULL) {
		if ((waited = pcache_lock(r->pc_fd, file)) == -1)
			return 0;
		/* Kept by the one just waited for, or meanwhile. */
		data = pcache_get(r->pc_fd, file, &r->ar, &n);
		if (data == NULL && !waited)
			return 0;
		pcache_unlock();
		if (data == NULL)
			return 0;
	}
	render_kept(r, data, n);
	return 1;
}

static time_t last_trim;

/* One request, start to end: validate, dispatch, answer. */
static void
req_handle(struct req *r, const struct app *app)
{
	int status;

	req_reset(r);
	/* Before anything reads the store: see pcache.h. */
	r->pc_fd = app->pages && !r->cgi ? pcache_open(&r->pc_day) : -1;
	status = prep_request(r, app);
	if (status == 0 && r->clean != NULL)
		render_redirect(r, r->clean, NULL);
	else if (status == 0 && !kept_page(r)) {
		status = r->route->handler(r);
		if (status == RENDER_AGAIN) {
			/* A card the page left out was dropped from the ring
			 * meanwhile (render_card_named()): built again, whole. */
			xmlFreeDoc(r->doc);
			r->doc = NULL;
			r->cards_whole = 1;
			status = r->route->handler(r);
			if (status == RENDER_AGAIN)
				status = 500;
		}
	}
	if (status != 0)
		render_error(r, status, r->errkey);
	pcache_unlock();
	/* The request owns its page, as it owns its arena. */
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	r->doc = NULL;
	if (r->pc_fd != -1)
		close(r->pc_fd);
	r->pc_fd = -1;
	/* A large page leaves megabytes free in the heap, which the
	 * thresholds of req_main() keep.  Every 10 s a worker gives back
	 * what is free, so its memory follows what it serves, not the
	 * largest page it ever made; not after each page, as faulting the
	 * pages in again costs more than the trim gives. */
	if (!r->cgi && time(NULL) - last_trim >= 10) {
		malloc_trim(0);
		last_trim = time(NULL);
	}
}

#ifdef MUBIAO_TEST
static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* make bench's cold render: the same request n times in this process,
 * through the same path as any request, and the median processor time of
 * one (microseconds) on standard error.  With app->bench_write, each is
 * preceded by that write, outside the time: the render after a change. */
static void
bench(struct req *r, const struct app *app, int n)
{
	struct timespec a, b;
	long *us;
	int i, rc;

	if (n < 1 || n > 1000000 || (us = calloc((size_t)n, sizeof(*us))) == NULL)
		return;
	/* Untimed: identifies the user the writes are made as. */
	if (app->bench_write != NULL)
		req_handle(r, app);
	for (i = 0; i < n; i++) {
		if (app->bench_write != NULL && (rc = app->bench_write(r, i)) != 0) {
			fprintf(stderr, "bench: write %d failed (store status %d)\n", i, rc);
			free(us);
			return;
		}
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
		req_handle(r, app);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
		us[i] = (b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000;
	}
	qsort(us, (size_t)n, sizeof(*us), cmp_long);
	fprintf(stderr, "bench: %d requests, median %ld us, p99 %ld us of CPU\n",
	    n, us[n / 2], us[n * 99 / 100]);
	free(us);
}
#endif

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
	/* A request frees all it took: up to 4 MB stay in the heap for the
	 * next one rather than going back to the kernel each time, and large
	 * buffers come from the heap too, not from mmap and munmap. */
	mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	/* No fast bins: a page's tree is thousands of small blocks, and each
	 * large block freed (the HTML, a copy of it) would otherwise sweep
	 * them all into the free lists again (malloc_consolidate, a sixth of
	 * a render). */
	mallopt(M_MXFAST, 0);
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
#ifdef MUBIAO_TEST
		if (getenv("MUBIAO_BENCH") != NULL)
			bench(&r, app, atoi(getenv("MUBIAO_BENCH")));
		else
#endif
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
