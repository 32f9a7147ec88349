/* notify-send.c: composing and sending mails, chat bot posts and webhooks
 * (see notify-send.h).  HMAC-SHA256 and base64 are nettle's; HTTP is
 * libcurl's; the sendmail command runs under /bin/sh. */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <nettle/base64.h>
#include <nettle/hmac.h>

#include "arena.h"
#include "notify-send.h"
#include "store.h"

/* Bytes of text per encoded word: 52 base64 characters, 64 with the
 * "=?UTF-8?B?" and "?=", so that "Subject: " and the first word stay
 * within RFC 2047's 76 characters a line. */
#define SUBJECT_BYTES	39
#define MIME_LINE	76	/* base64 characters a line of a part */
#define ANSWER_MAX	(64 * 1024)
#define B64_HMAC	(BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1)

/* A string growing in an arena; a grown copy leaves the old one there. */
struct buf {
	struct arena	*ar;
	char		*p;
	size_t		 n, cap;
};

/* An empty string in ar. */
static void
buf_init(struct buf *b, struct arena *ar)
{
	b->ar = ar;
	b->n = 0;
	b->cap = 256;
	b->p = arena_alloc(ar, b->cap);
}

/* Room for more bytes and a NUL at the end; returns where they go. */
static char *
buf_room(struct buf *b, size_t more)
{
	if (b->cap - b->n <= more) {
		size_t cap = b->cap;
		char *p;

		while (cap - b->n <= more)
			cap *= 2;
		p = arena_alloc(b->ar, cap);
		memcpy(p, b->p, b->n);
		b->p = p;
		b->cap = cap;
	}
	return b->p + b->n;
}

/* Appends n bytes, or a string, or printf's output. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	memcpy(buf_room(b, n), s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= b->cap - b->n) {
		buf_room(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
	}
	if (n > 0)
		b->n += (size_t)n;
}

/* Appends the base64 of n bytes, in lines of width characters ending LF
 * (width 0: one line, no LF). */
static void
buf_base64(struct buf *b, const void *src, size_t n, size_t width)
{
	const uint8_t *s = src;
	size_t step = width ? width / 4 * 3 : n, i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < step ? n - i : step;
		base64_encode_raw(buf_room(b, BASE64_ENCODE_RAW_LENGTH(k) + 1), k, s + i);
		b->n += BASE64_ENCODE_RAW_LENGTH(k);
		b->p[b->n] = '\0';
		if (width)
			buf_add(b, "\n", 1);
	}
}

/* The base64 of HMAC-SHA256(key, msg), NUL-terminated, into out. */
static void
hmac_base64(const char *key, size_t klen, const char *msg, size_t mlen,
    char out[B64_HMAC])
{
	struct hmac_sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	hmac_sha256_set_key(&ctx, klen, (const uint8_t *)key);
	hmac_sha256_update(&ctx, mlen, (const uint8_t *)msg);
	hmac_sha256_digest(&ctx, sizeof(d), d);
	base64_encode_raw(out, sizeof(d), d);
	out[B64_HMAC - 1] = '\0';
}

int
ns_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
ns_cleanup(void)
{
	curl_global_cleanup();
}

size_t
ns_subject(struct arena *ar, const char *utf8, char **out)
{
	const unsigned char *s;
	struct buf b;
	char *t = arena_alloc(ar, strlen(utf8) + 1);
	size_t n = 0, i, k, j;
	int ascii = 1;

	for (s = (const unsigned char *)utf8; *s != '\0'; s++)
		if (*s != '\r' && *s != '\n') {
			t[n++] = (char)*s;
			ascii &= *s >= 0x20 && *s < 0x7f;
		}
	/* "=?" would read as the start of an encoded word. */
	if (ascii && strstr(t, "=?") == NULL) {
		*out = t;
		return n;
	}
	buf_init(&b, ar);
	for (i = 0; i < n; i += k) {
		k = n - i < SUBJECT_BYTES ? n - i : SUBJECT_BYTES;
		/* Back off to the start of a character, unless the input is
		 * not UTF-8 at all. */
		for (j = k; j > 0 && j < n - i && (t[i + j] & 0xc0) == 0x80; j--)
			;
		if (j > 0)
			k = j;
		buf_str(&b, i ? "\n =?UTF-8?B?" : "=?UTF-8?B?");
		buf_base64(&b, t + i, k, 0);
		buf_str(&b, "?=");
	}
	*out = b.p;
	return b.n;
}

/* Whether s is non-empty printable ASCII, spaces only when sp: what a
 * header may carry as it is. */
static int
printable(const char *s, int sp)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < (sp ? 0x20 : 0x21) || *s > 0x7e)
			return 0;
	return 1;
}

/* One part of the multipart/alternative: its headers, then base64. */
static void
mail_part(struct buf *b, const char *bound, const char *type, const char *s)
{
	buf_printf(b, "--%s\nContent-Type: text/%s; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n\n", bound, type);
	buf_base64(b, s ? s : "", s ? strlen(s) : 0, MIME_LINE);
	if (s == NULL || *s == '\0')
		buf_add(b, "\n", 1);	/* the delimiter's line break */
}

int
ns_mail_compose(struct arena *ar, const struct ns_mail *m, char **out,
    size_t *len)
{
	static const char wday[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" }, mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const char *host = m->host && *m->host ? m->host : "localhost";
	char *subject, bound[64];
	time_t t = (time_t)m->date;
	struct buf b;
	struct tm tm;

	if (!printable(m->from, 1) || !printable(m->to, 1) ||
	    !printable(host, 0) || strpbrk(host, "<>") != NULL ||
	    gmtime_r(&t, &tm) == NULL)
		return -1;
	ns_subject(ar, m->subject ? m->subject : "", &subject);
	/* "=_" never occurs in base64. */
	snprintf(bound, sizeof(bound), "=_mubiao_%" PRIu32 "_%" PRIu32,
	    m->event, m->person);
	buf_init(&b, ar);
	buf_printf(&b, "From: %s\nTo: %s\nSubject: %s\n"
	    "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\n"
	    "Message-ID: <mubiao.%" PRIu32 ".%" PRIu32 "@%s>\n"
	    "X-Mubiao-Event: %" PRIu32 "\nAuto-Submitted: auto-generated\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=\"%s\"\n\n",
	    m->from, m->to, subject, wday[tm.tm_wday], tm.tm_mday,
	    mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    m->event, m->person, host, m->event, bound);
	mail_part(&b, bound, "plain", m->text);
	mail_part(&b, bound, "html", m->html);
	buf_printf(&b, "--%s--\n", bound);
	*out = b.p;
	*len = b.n;
	return 0;
}

/* Milliseconds from now to the deadline, 0 when past it. */
static int
ms_left(const struct timespec *end)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (end->tv_sec - now.tv_sec) * 1000LL +
	    (end->tv_nsec - now.tv_nsec) / 1000000;
	return ms <= 0 ? 0 : ms > 100000000 ? 100000000 : (int)ms;
}

/* The child's side: its own process group (so a timeout kills all it
 * started), the pipes as its standard files, signals as a new program
 * expects them. */
static void __attribute__((noreturn))
mail_child(const char *command, int in, int out)
{
	sigset_t none;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(out, 2) == -1)
		_exit(127);
	closefrom(3);
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	_exit(127);
}

int
ns_mail_send(const char *command, const char *msg, size_t len, int timeout,
    char *err, size_t errsize)
{
	struct sigaction ign, old;
	struct timespec end;
	struct pollfd pf[2];
	char out[512], junk[4096];
	size_t off = 0, got = 0;
	int in[2] = { -1, -1 }, op[2] = { -1, -1 }, st = 0, reaped = 0, nfd, i;
	ssize_t r;
	pid_t pid;

	err[0] = '\0';
	if (pipe2(in, O_CLOEXEC) == -1 || pipe2(op, O_CLOEXEC) == -1 ||
	    (pid = fork()) == -1) {
		snprintf(err, errsize, "cannot run the command: %s", strerror(errno));
		for (i = 0; i < 2; i++) {
			if (in[i] != -1)
				close(in[i]);
			if (op[i] != -1)
				close(op[i]);
		}
		return -1;
	}
	if (pid == 0)
		mail_child(command, in[0], op[1]);
	setpgid(pid, pid);	/* fails harmlessly once the child did it */
	close(in[0]);
	close(op[1]);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	fcntl(op[0], F_SETFL, O_NONBLOCK);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout > 0 ? timeout : 1;
	/* Write the message and read the output until the child ends. */
	while (!reaped && ms_left(&end) > 0) {
		if (in[1] != -1 && off == len)
			close(in[1]), in[1] = -1;
		nfd = 0;
		if (in[1] != -1)
			pf[nfd++] = (struct pollfd){ .fd = in[1], .events = POLLOUT };
		if (op[0] != -1)
			pf[nfd++] = (struct pollfd){ .fd = op[0], .events = POLLIN };
		poll(pf, nfd, ms_left(&end) < 50 ? ms_left(&end) : 50);
		for (i = 0; i < nfd; i++) {
			if (pf[i].revents == 0)
				continue;
			if (pf[i].fd == in[1]) {
				r = write(in[1], msg + off, len - off);
				if (r > 0)
					off += (size_t)r;
				else if (r == -1 && errno != EAGAIN && errno != EINTR)
					close(in[1]), in[1] = -1;
			} else {
				r = read(op[0], got < sizeof(out) - 1 ? out + got : junk,
				    got < sizeof(out) - 1 ? sizeof(out) - 1 - got : sizeof(junk));
				if (r > 0 && got < sizeof(out) - 1)
					got += (size_t)r;
				else if (r == 0 || (r == -1 && errno != EAGAIN && errno != EINTR))
					close(op[0]), op[0] = -1;
			}
		}
		reaped = waitpid(pid, &st, WNOHANG) == pid;
	}
	if (!reaped) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	if (op[0] != -1 && got < sizeof(out) - 1 &&
	    (r = read(op[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += (size_t)r;
	sigaction(SIGPIPE, &old, NULL);
	if (in[1] != -1)
		close(in[1]);
	if (op[0] != -1)
		close(op[0]);
	out[got] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	if (!reaped)
		snprintf(err, errsize, "killed after %d s", timeout > 0 ? timeout : 1);
	else if (WIFSIGNALED(st))
		snprintf(err, errsize, "killed by signal %d", WTERMSIG(st));
	else if (WEXITSTATUS(st) != 0)
		snprintf(err, errsize, "exit status %d", WEXITSTATUS(st));
	else if (off < len)
		snprintf(err, errsize, "the command did not read the message");
	else
		return 0;
	if (*out != '\0')
		snprintf(err + strlen(err), errsize - strlen(err), ": %s", out);
	return -1;
}

/* Appends s as a JSON string: quotes and backslashes escaped, controls as
 * \n or \u00XX, UTF-8 as it is. */
static void
json_str(struct buf *b, const char *s)
{
	size_t n;

	buf_add(b, "\"", 1);
	while (*s != '\0') {
		n = strcspn(s, "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b"
		    "\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
		    "\x1b\x1c\x1d\x1e\x1f");
		buf_add(b, s, n);
		if ((s += n)[0] == '\0')
			break;
		if (*s == '"' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_str(b, "\\n");
		else
			buf_printf(b, "\\u%04x", (unsigned)*s);
		s++;
	}
	buf_add(b, "\"", 1);
}

/* Whether url is http(s) without spaces or controls (which would split
 * the request line). */
static int
url_ok(const char *url)
{
	if (url == NULL || (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0))
		return 0;
	for (; *url != '\0'; url++)
		if ((unsigned char)*url <= 0x20 || *url == 0x7f)
			return 0;
	return 1;
}

int
ns_bot_compose(struct arena *ar, int kind, const char *url, const char *secret,
    const char *title, const char *text, const char *xml, uint32_t event,
    uint32_t delivery, int64_t now_ms, struct ns_post *p)
{
	struct hmac_sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char sig[B64_HMAC], hex[2 * SHA256_DIGEST_SIZE + 1], *key;
	struct buf b, u;
	size_t i;

	memset(p, 0, sizeof(*p));
	if (kind < 0 || kind >= BOT__MAX || !url_ok(url))
		return -1;
	secret = secret ? secret : "";
	title = title ? title : "";
	text = text ? text : "";
	p->kind = kind;
	p->url = url;
	p->headers[p->nheaders++] = kind == BOT_WEBHOOK ?
	    "Content-Type: application/xml; charset=utf-8" :
	    "Content-Type: application/json; charset=utf-8";
	buf_init(&b, ar);
	switch (kind) {
	case BOT_WECOM:
		buf_str(&b, "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":");
		json_str(&b, text);
		buf_str(&b, "}}");
		break;
	case BOT_DINGTALK:
		buf_str(&b, "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":");
		json_str(&b, title);
		buf_str(&b, ",\"text\":");
		json_str(&b, text);
		buf_str(&b, "}}");
		if (*secret == '\0')
			break;
		key = arena_printf(ar, "%" PRId64 "\n%s", now_ms, secret);
		hmac_base64(secret, strlen(secret), key, strlen(key), sig);
		buf_init(&u, ar);
		buf_printf(&u, "%s%ctimestamp=%" PRId64 "&sign=", url,
		    strchr(url, '?') ? '&' : '?', now_ms);
		for (i = 0; sig[i] != '\0'; i++)
			if (strchr("+/=", sig[i]) != NULL)
				buf_printf(&u, "%%%02X", (unsigned)sig[i]);
			else
				buf_add(&u, sig + i, 1);
		p->url = u.p;
		break;
	case BOT_FEISHU:
		buf_str(&b, "{");
		if (*secret != '\0') {
			key = arena_printf(ar, "%" PRId64 "\n%s", now_ms / 1000, secret);
			hmac_base64(key, strlen(key), "", 0, sig);
			buf_printf(&b, "\"timestamp\":\"%" PRId64 "\",\"sign\":\"%s\",",
			    now_ms / 1000, sig);
		}
		buf_str(&b, "\"msg_type\":\"text\",\"content\":{\"text\":");
		json_str(&b, text);
		buf_str(&b, "}}");
		break;
	case BOT_WEBHOOK:
		buf_str(&b, xml ? xml : "");
		p->headers[p->nheaders++] = arena_printf(ar, "X-Mubiao-Event: %" PRIu32,
		    event);
		p->headers[p->nheaders++] = arena_printf(ar,
		    "X-Mubiao-Delivery: %" PRIu32, delivery);
		if (*secret == '\0')
			break;
		hmac_sha256_set_key(&ctx, strlen(secret), (const uint8_t *)secret);
		hmac_sha256_update(&ctx, b.n, (const uint8_t *)b.p);
		hmac_sha256_digest(&ctx, sizeof(d), d);
		for (i = 0; i < sizeof(d); i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
		p->headers[p->nheaders++] = arena_printf(ar,
		    "X-Mubiao-Signature: sha256=%s", hex);
		break;
	}
	p->body = b.p;
	p->len = b.n;
	return 0;
}

/* Past JSON whitespace. */
static const char *
json_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* Past the JSON string whose opening quote is at p; NULL: unterminated. */
static const char *
json_skip_str(const char *p, const char *e)
{
	for (p++; p < e; p++)
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	return NULL;
}

/* Past the JSON value at p: a string, an object or array (brackets
 * counted, strings skipped), or a scalar; NULL when it does not end. */
static const char *
json_skip(const char *p, const char *e)
{
	int depth = 0;

	do {
		if (p >= e || depth < 0)
			return NULL;
		if (*p == '"') {
			if ((p = json_skip_str(p, e)) == NULL)
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		else if (depth == 0) {
			while (p < e && strchr(",}] \t\r\n", *p) == NULL)
				p++;
			return p;
		}
		p++;
	} while (depth > 0);
	return depth < 0 ? NULL : p;
}

/* The value of a top-level key of the JSON object in s (a string's
 * without its quotes, escapes kept), cut to fit val; -1 when s is no
 * object or lacks the key. */
static int
json_top(const char *s, size_t len, const char *key, char *val, size_t size)
{
	const char *e = s + len, *p = json_ws(s, e), *k, *v;
	size_t n, klen = strlen(key);
	int match;

	if (p == e || *p++ != '{')
		return -1;
	for (;;) {
		if ((p = json_ws(p, e)) == e || *p != '"')
			return -1;
		k = p + 1;
		if ((p = json_skip_str(p, e)) == NULL)
			return -1;
		match = (size_t)(p - 1 - k) == klen && memcmp(k, key, klen) == 0;
		if ((p = json_ws(p, e)) == e || *p++ != ':')
			return -1;
		v = p = json_ws(p, e);
		if ((p = json_skip(p, e)) == NULL ||
		    (k = json_ws(p, e)) == e || (*k != ',' && *k != '}'))
			return -1;
		if (match) {
			n = *v == '"' ? (size_t)(p - v) - 2 : (size_t)(p - v);
			v += *v == '"';
			n = n < size - 1 ? n : size - 1;
			memcpy(val, v, n);
			val[n] = '\0';
			return 0;
		}
		if (*k == '}')
			return -1;
		p = k + 1;
	}
}

/* Whether the top-level key of the JSON answer is 0. */
static int
json_zero(const char *body, size_t len, const char *key)
{
	char v[32];

	return json_top(body, len, key, v, sizeof(v)) == 0 && strcmp(v, "0") == 0;
}

int
ns_answer_ok(int kind, long status, const char *body, size_t len)
{
	if (status < 200 || status > 299)
		return 0;
	body = body ? body : "";
	switch (kind) {
	case BOT_WECOM:
	case BOT_DINGTALK:
		return json_zero(body, len, "errcode");
	case BOT_FEISHU:
		return json_zero(body, len, "code") || json_zero(body, len, "StatusCode");
	case BOT_WEBHOOK:
		return 1;
	}
	return 0;
}

struct answer {
	char	 buf[ANSWER_MAX + 1];
	size_t	 n;
};

/* libcurl's write callback: keeps the first ANSWER_MAX bytes. */
static size_t
answer_add(char *data, size_t size, size_t nmemb, void *arg)
{
	struct answer *a = arg;
	size_t n = size * nmemb, room = ANSWER_MAX - a->n;

	memcpy(a->buf + a->n, data, n < room ? n : room);
	a->n += n < room ? n : room;
	return n;
}

int
ns_post_send(const struct ns_post *p, int timeout, char *err, size_t errsize)
{
	struct answer a;
	struct sigaction ign, old;
	struct curl_slist *h = NULL, *t;
	char cerr[CURL_ERROR_SIZE] = "", code[32], msg[200];
	const char *ck = p->kind == BOT_FEISHU ? "code" : "errcode";
	long status = 0, secs = timeout > 0 ? timeout : 1;
	CURLcode cc = CURLE_OUT_OF_MEMORY;
	CURL *c;
	int i, rc = -1, nh = p->nheaders < NS_MAXHEADERS ? p->nheaders : NS_MAXHEADERS;

	err[0] = '\0';
	a.n = 0;
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errsize, "cannot start libcurl");
		return -1;
	}
	/* "Expect:" drops the 100-continue wait on larger bodies. */
	for (i = 0; i <= nh; i++) {
		if ((t = curl_slist_append(h, i < nh ? p->headers[i] : "Expect:")) == NULL)
			goto done;
		h = t;
	}
	if ((cc = curl_easy_setopt(c, CURLOPT_URL, p->url)) != CURLE_OK ||
#if LIBCURL_VERSION_NUM >= 0x075500
	    (cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https")) != CURLE_OK ||
#else
	    (cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS))) != CURLE_OK ||
#endif
	    /* NULL would make libcurl read the body from stdin. */
	    (cc = curl_easy_setopt(c, CURLOPT_POSTFIELDS,
	    p->body ? p->body : "")) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)p->len)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, h)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_TIMEOUT, secs)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, secs)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_USERAGENT, "mubiao-notify")) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, answer_add)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &a)) != CURLE_OK)
		goto done;
	/* A peer closing early must not end the caller with SIGPIPE. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	cc = curl_easy_perform(c);
	sigaction(SIGPIPE, &old, NULL);
	if (cc != CURLE_OK)
		goto done;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	a.buf[a.n] = '\0';
	if (ns_answer_ok(p->kind, status, a.buf, a.n))
		rc = 0;
	else if (status < 200 || status > 299)
		snprintf(err, errsize, "HTTP %ld", status);
	else if (json_top(a.buf, a.n, ck, code, sizeof(code)) == -1)
		snprintf(err, errsize, "HTTP %ld without \"%s\" in the answer",
		    status, ck);
	else {
		if (json_top(a.buf, a.n, p->kind == BOT_FEISHU ? "msg" : "errmsg",
		    msg, sizeof(msg)) == -1)
			msg[0] = '\0';
		snprintf(err, errsize, "%s %s: %s", ck, code, msg);
	}
done:
	if (cc != CURLE_OK)
		snprintf(err, errsize, "%s", cerr[0] ? cerr : curl_easy_strerror(cc));
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}
