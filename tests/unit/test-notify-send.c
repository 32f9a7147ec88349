/* test-notify-send.c: the senders (cgi/notify-send.c): RFC 2047 subjects,
 * the mail and its parts, the bots' bodies and signatures against values
 * computed apart (python3's hmac and openssl dgst), the answers, the
 * sendmail pipe, and POSTs to a one-shot server on 127.0.0.1. */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <nettle/base64.h>

#include "arena.h"
#include "notify-send.h"
#include "store.h"

static struct arena ar;
static char tmpdir[] = "/tmp/test-notify-send.XXXXXX";

/* Decodes base64 (whitespace skipped, as nettle does) into the arena. */
static char *
unbase64(const char *s, size_t n, size_t *len)
{
	struct base64_decode_ctx ctx;
	uint8_t *d = arena_alloc(&ar, BASE64_DECODE_LENGTH(n) + 1);
	size_t dn = BASE64_DECODE_LENGTH(n);

	base64_decode_init(&ctx);
	assert_int_equal(base64_decode_update(&ctx, &dn, d, n, s), 1);
	assert_int_equal(base64_decode_final(&ctx), 1);
	d[dn] = '\0';
	if (len != NULL)
		*len = dn;
	return (char *)d;
}

/* Whether s is whole UTF-8 characters: none cut at either end. */
static int
utf8_whole(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	size_t k;

	while (p < e) {
		k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 :
		    (*p & 0xf8) == 0xf0 ? 4 : 0;
		if (k == 0 || (size_t)(e - p) < k)
			return 0;
		for (p++; --k > 0; p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* Decodes a folded list of encoded words, checking each: at most 75
 * characters, whole UTF-8 characters, lines of at most 76 after
 * "Subject: ". */
static char *
unwords(const char *s)
{
	char *all = arena_strdup(&ar, ""), *w;
	const char *e;
	size_t n, line = strlen("Subject: ");

	for (;;) {
		assert_memory_equal(s, "=?UTF-8?B?", 10);
		e = strstr(s, "?=");
		assert_non_null(e);
		assert_true(e + 2 - s <= 75);
		assert_true(line + (size_t)(e + 2 - s) <= 76);
		w = unbase64(s + 10, (size_t)(e - s - 10), &n);
		assert_true(n > 0);
		assert_true(utf8_whole(w, n));
		all = arena_printf(&ar, "%s%s", all, w);
		if (e[2] == '\0')
			return all;
		assert_memory_equal(e + 2, "\n ", 2);
		s = e + 4;
		line = 1;
	}
}

static void
subject_ascii(void **state)
{
	char *s;

	(void)state;
	assert_int_equal(ns_subject(&ar, "Check-ins due: 3 KRs", &s), 20);
	assert_string_equal(s, "Check-ins due: 3 KRs");
	assert_int_equal(ns_subject(&ar, "two\r\nlines\n", &s), 8);
	assert_string_equal(s, "twolines");
	assert_int_equal(ns_subject(&ar, "", &s), 0);
	assert_string_equal(s, "");
	/* What looks like an encoded word is encoded. */
	ns_subject(&ar, "a =?x?= b", &s);
	assert_string_equal(unwords(s), "a =?x?= b");
}

static void
subject_chinese(void **state)
{
	char *s;

	(void)state;
	ns_subject(&ar, "本周签到提醒", &s);
	assert_string_equal(s, "=?UTF-8?B?5pys5ZGo562+5Yiw5o+Q6YaS?=");
	ns_subject(&ar, "签到\r\n提醒", &s);
	assert_string_equal(unwords(s), "签到提醒");
	/* A control character is not printable ASCII either. */
	ns_subject(&ar, "a\tb", &s);
	assert_string_equal(unwords(s), "a\tb");
}

/* Long subjects of 1-, 2-, 3- and 4-byte characters at every offset:
 * folded, no word split inside a character, decoding to the original. */
static void
subject_long(void **state)
{
	const char *pieces[] = { "a", "é", "签", "😀" };
	char *in, *s;
	int i, k;

	(void)state;
	for (k = 0; k < 8; k++) {
		in = arena_strdup(&ar, "");
		for (i = 0; i < k; i++)
			in = arena_printf(&ar, "%sx", in);
		for (i = 0; i < 90; i++)
			in = arena_printf(&ar, "%s%s", in, pieces[(i * 7 + k) % 4]);
		ns_subject(&ar, in, &s);
		assert_non_null(strstr(s, "?=\n =?UTF-8?B?"));
		assert_null(strchr(s, '\r'));
		assert_string_equal(unwords(s), in);
	}
}

/* The header's value in msg (the first line only). */
static char *
header(const char *msg, const char *name)
{
	const char *p = msg, *end = strstr(msg, "\n\n");
	size_t n = strlen(name);

	for (; p != NULL && p < end; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ')
			return arena_strndup(&ar, p + n + 2, strcspn(p + n + 2, "\n"));
	return NULL;
}

/* The decoded body of the part of type in a message of boundary bound. */
static char *
part(const char *msg, const char *bound, const char *type)
{
	char *start = arena_printf(&ar, "--%s\nContent-Type: %s; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n\n", bound, type), *end;
	const char *p = strstr(msg, start), *q, *line;

	assert_non_null(p);
	p += strlen(start);
	end = arena_printf(&ar, "\n--%s", bound);
	/* The LF before the delimiter is the delimiter's. */
	q = strstr(p - 1, end);
	assert_non_null(q);
	for (line = p; line < q; line += strcspn(line, "\n") + 1)
		assert_true(strcspn(line, "\n") <= 76);
	return unbase64(p, (size_t)(q - p), NULL);
}

static void
mail_compose(void **state)
{
	const char *text = "Hello 张三,\n\n3 KRs wait for a check-in:\n"
	    "http://okr.example.com/okr/inbox\n" "Long line ........................"
	    "..............................................................end\n";
	const char *html = "<html><body><p>Hello 张三, <a href=\"x\">inbox</a></p>"
	    "</body></html>";
	struct ns_mail m = { .from = "Mubiao <mubiao@localhost>",
	    .to = "zhangsan@example.com", .subject = "本周签到提醒",
	    .text = text, .html = html, .host = "okr.example.com",
	    .event = 42, .person = 7, .date = 1796320800 };
	char *msg, *ct;
	size_t len;

	(void)state;
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), 0);
	assert_int_equal(len, strlen(msg));
	assert_null(strchr(msg, '\r'));
	assert_string_equal(header(msg, "From"), "Mubiao <mubiao@localhost>");
	assert_string_equal(header(msg, "To"), "zhangsan@example.com");
	assert_string_equal(unwords(header(msg, "Subject")), "本周签到提醒");
	assert_string_equal(header(msg, "Date"), "Thu, 03 Dec 2026 18:00:00 +0000");
	assert_string_equal(header(msg, "Message-ID"), "<mubiao.42.7@okr.example.com>");
	assert_string_equal(header(msg, "X-Mubiao-Event"), "42");
	assert_string_equal(header(msg, "Auto-Submitted"), "auto-generated");
	assert_string_equal(header(msg, "MIME-Version"), "1.0");
	ct = header(msg, "Content-Type");
	assert_string_equal(ct, "multipart/alternative; boundary=\"=_mubiao_42_7\"");
	assert_string_equal(part(msg, "=_mubiao_42_7", "text/plain"), text);
	assert_string_equal(part(msg, "=_mubiao_42_7", "text/html"), html);
	assert_non_null(strstr(msg, "\n--=_mubiao_42_7--\n"));
	assert_int_equal(msg[len - 1], '\n');

	/* No host: localhost; empty parts stay valid. */
	m.host = NULL;
	m.text = m.html = NULL;
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), 0);
	assert_string_equal(header(msg, "Message-ID"), "<mubiao.42.7@localhost>");
	assert_string_equal(part(msg, "=_mubiao_42_7", "text/plain"), "");
	assert_string_equal(part(msg, "=_mubiao_42_7", "text/html"), "");
}

/* Addresses that would set headers, or are not ASCII, are refused. */
static void
mail_refused(void **state)
{
	struct ns_mail m = { .from = "Mubiao <mubiao@localhost>",
	    .to = "a@example.com", .subject = "s", .text = "t", .html = "h",
	    .host = "okr.example.com", .event = 1, .person = 1, .date = 0 };
	char *msg;
	size_t len;

	(void)state;
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), 0);
	assert_string_equal(header(msg, "Date"), "Thu, 01 Jan 1970 00:00:00 +0000");
	m.to = "a@example.com\r\nBcc: b@example.com";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
	m.to = "a@example.com\nBcc: b@example.com";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
	m.to = "张三@example.com";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
	m.to = "";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
	m.to = "a@example.com";
	m.from = "Mubiao <m@x>\r\nX-Evil: 1";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
	m.from = "Mubiao <m@x>";
	m.host = "bad host";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
	m.host = "x>\nBcc: y";
	assert_int_equal(ns_mail_compose(&ar, &m, &msg, &len), -1);
}

/* DingTalk's sign: python3 -c 'import hmac,hashlib,base64,urllib.parse;
 * s="SEC1234567890abcdef";t="1577262236757";print(urllib.parse.quote_plus(
 * base64.b64encode(hmac.new(s.encode(),(t+"\n"+s).encode(),
 * hashlib.sha256).digest())))', the same as openssl dgst -hmac ... | base64. */
static void
dingtalk(void **state)
{
	struct ns_post p;

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT_DINGTALK,
	    "https://oapi.dingtalk.com/robot/send?access_token=abc",
	    "SEC1234567890abcdef", "签到", "## 签到\n- 张三", NULL, 1, 2,
	    1577262236757LL, &p), 0);
	assert_string_equal(p.url, "https://oapi.dingtalk.com/robot/send?"
	    "access_token=abc&timestamp=1577262236757"
	    "&sign=f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T%2BWkIqzDk%3D");
	assert_string_equal(p.body, "{\"msgtype\":\"markdown\",\"markdown\":"
	    "{\"title\":\"签到\",\"text\":\"## 签到\\n- 张三\"}}");
	assert_int_equal(p.len, strlen(p.body));
	assert_int_equal(p.kind, BOT_DINGTALK);
	assert_int_equal(p.nheaders, 1);
	assert_string_equal(p.headers[0], "Content-Type: application/json; charset=utf-8");

	/* A URL without a query; no secret: no timestamp nor sign. */
	assert_int_equal(ns_bot_compose(&ar, BOT_DINGTALK, "http://127.0.0.1:9/send",
	    "SEC1234567890abcdef", "t", "x", NULL, 1, 2, 1577262236757LL, &p), 0);
	assert_string_equal(p.url, "http://127.0.0.1:9/send?timestamp=1577262236757"
	    "&sign=f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T%2BWkIqzDk%3D");
	assert_int_equal(ns_bot_compose(&ar, BOT_DINGTALK,
	    "https://oapi.dingtalk.com/robot/send?access_token=abc", "", "t", "x",
	    NULL, 1, 2, 1577262236757LL, &p), 0);
	assert_string_equal(p.url, "https://oapi.dingtalk.com/robot/send?access_token=abc");
	assert_int_equal(ns_bot_compose(&ar, BOT_DINGTALK,
	    "https://oapi.dingtalk.com/robot/send?access_token=abc", NULL, NULL,
	    NULL, NULL, 1, 2, 1577262236757LL, &p), 0);
	assert_string_equal(p.body, "{\"msgtype\":\"markdown\",\"markdown\":"
	    "{\"title\":\"\",\"text\":\"\"}}");
}

/* Feishu's sign: python3 -c 'import hmac,hashlib,base64;
 * print(base64.b64encode(hmac.new(b"1599360473\ndemo",b"",
 * hashlib.sha256).digest()).decode())'; openssl agrees. */
static void
feishu(void **state)
{
	struct ns_post p;
	const char *url = "https://open.feishu.cn/open-apis/bot/v2/hook/abc";

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT_FEISHU, url, "demo", "title",
	    "签到: 张三", NULL, 1, 2, 1599360473999LL, &p), 0);
	assert_string_equal(p.url, url);
	assert_string_equal(p.body, "{\"timestamp\":\"1599360473\","
	    "\"sign\":\"l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=\","
	    "\"msg_type\":\"text\",\"content\":{\"text\":\"签到: 张三\"}}");
	assert_string_equal(p.headers[0], "Content-Type: application/json; charset=utf-8");
	assert_int_equal(ns_bot_compose(&ar, BOT_FEISHU, url, "", "title", "hi",
	    NULL, 1, 2, 1599360473999LL, &p), 0);
	assert_string_equal(p.body,
	    "{\"msg_type\":\"text\",\"content\":{\"text\":\"hi\"}}");
}

static void
wecom(void **state)
{
	struct ns_post p;
	const char *url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k";

	(void)state;
	/* WeCom has no signature: a secret changes nothing. */
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, url, "ignored", "title",
	    "**签到**", NULL, 1, 2, 5, &p), 0);
	assert_string_equal(p.url, url);
	assert_string_equal(p.body,
	    "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**签到**\"}}");
	assert_int_equal(p.nheaders, 1);
	assert_string_equal(p.headers[0], "Content-Type: application/json; charset=utf-8");
}

/* The signature: printf %s BODY | openssl dgst -sha256 -hmac wh-secret. */
static void
webhook(void **state)
{
	const char *xml = "<mubiao xmlns=\"urn:mubiao:okr:1\" version=\"1\">"
	    "<event id=\"7\"/></mubiao>";
	struct ns_post p;

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT_WEBHOOK, "https://hooks.example.com/x",
	    "wh-secret", "t", "x", xml, 7, 99, 5, &p), 0);
	assert_string_equal(p.body, xml);
	assert_int_equal(p.len, strlen(xml));
	assert_int_equal(p.nheaders, 4);
	assert_string_equal(p.headers[0], "Content-Type: application/xml; charset=utf-8");
	assert_string_equal(p.headers[1], "X-Mubiao-Event: 7");
	assert_string_equal(p.headers[2], "X-Mubiao-Delivery: 99");
	assert_string_equal(p.headers[3], "X-Mubiao-Signature: sha256="
	    "88ca3005401e2daaa8cc5f73db56efceb36fee72e6e19ae212e8ae8d8dc68eed");
	assert_int_equal(ns_bot_compose(&ar, BOT_WEBHOOK, "https://hooks.example.com/x",
	    NULL, "t", "x", xml, 7, 99, 5, &p), 0);
	assert_int_equal(p.nheaders, 3);
}

static void
json_escaping(void **state)
{
	struct ns_post p;

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "http://x/", NULL, NULL,
	    "say \"hi\" \\ a\nb\x01" "c\td\x1f 中文 </b> é", NULL, 1, 2, 5, &p), 0);
	assert_string_equal(p.body, "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":"
	    "\"say \\\"hi\\\" \\\\ a\\nb\\u0001c\\u0009d\\u001f 中文 </b> é\"}}");
}

/* Only http(s) URLs without spaces or controls; only known kinds. */
static void
compose_refused(void **state)
{
	struct ns_post p;

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT__MAX, "http://x/", NULL, "t", "x",
	    NULL, 1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, -1, "http://x/", NULL, "t", "x",
	    NULL, 1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "ftp://x/", NULL, "t", "x",
	    NULL, 1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "file:///etc/passwd", NULL,
	    "t", "x", NULL, 1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "http://x/ y", NULL, "t",
	    "x", NULL, 1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "http://x/\r\nX: y", NULL,
	    "t", "x", NULL, 1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, NULL, NULL, "t", "x", NULL,
	    1, 2, 5, &p), -1);
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "HTTPS://X/", NULL, "t",
	    "x", NULL, 1, 2, 5, &p), 0);
}

#define OK(kind, status, s)	ns_answer_ok(kind, status, s, strlen(s))

static void
answers(void **state)
{
	(void)state;
	assert_true(OK(BOT_WECOM, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
	assert_true(OK(BOT_DINGTALK, 200, " {\n \"errmsg\" : \"ok\" , \"errcode\" : 0 }"));
	assert_false(OK(BOT_DINGTALK, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
	assert_false(OK(BOT_WECOM, 200, "{\"errcode\":40035}"));
	assert_false(OK(BOT_WECOM, 200, "{\"errcode\":00}"));
	assert_false(OK(BOT_WECOM, 500, "{\"errcode\":0}"));
	assert_false(OK(BOT_WECOM, 302, "{\"errcode\":0}"));
	assert_false(OK(BOT_WECOM, 200, ""));
	assert_false(OK(BOT_WECOM, 200, "<html>ok</html>"));
	assert_false(OK(BOT_WECOM, 200, "{\"errcode\":1,\"x\":\"\\\"errcode\\\":0\"}"));
	assert_false(OK(BOT_WECOM, 200, "{\"errmsg\":\"\\\"errcode\\\":0\"}"));
	assert_false(OK(BOT_WECOM, 200, "{\"data\":{\"errcode\":0},\"errcode\":7}"));
	assert_true(OK(BOT_WECOM, 200, "{\"data\":{\"errcode\":3,\"a\":[1,{\"b\":\"}\"}]},"
	    "\"errcode\":0}"));
	assert_false(OK(BOT_WECOM, 200, "{\"errcode\":0"));
	assert_false(OK(BOT_WECOM, 200, "{\"errcode\""));
	assert_true(OK(BOT_FEISHU, 200, "{\"code\":0,\"data\":{},\"msg\":\"success\"}"));
	assert_true(OK(BOT_FEISHU, 200, "{\"Extra\":null,\"StatusCode\":0,"
	    "\"StatusMessage\":\"success\"}"));
	assert_false(OK(BOT_FEISHU, 200, "{\"code\":19021,\"data\":{},\"msg\":\"sign "
	    "match fail or timestamp is not within one hour from current time\"}"));
	assert_false(OK(BOT_FEISHU, 200, "{\"errcode\":0}"));
	assert_true(OK(BOT_WEBHOOK, 200, ""));
	assert_true(OK(BOT_WEBHOOK, 204, "anything"));
	assert_false(OK(BOT_WEBHOOK, 404, ""));
	assert_false(OK(BOT_WEBHOOK, 199, ""));
	assert_false(OK(BOT__MAX, 200, "{\"errcode\":0}"));
	assert_false(ns_answer_ok(BOT_WEBHOOK, 500, NULL, 0));
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = arena_alloc(&ar, 4 * 1024 * 1024);

	assert_non_null(f);
	*len = fread(s, 1, 4 * 1024 * 1024 - 1, f);
	fclose(f);
	return s;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void
mail_send(void **state)
{
	char err[200], *cmd, *path = arena_printf(&ar, "%s/mail", tmpdir), *got,
	    *big = arena_alloc(&ar, 1024 * 1024);
	const char *msg = "From: a@x\nTo: b@x\nSubject: s\n\nbody\n";
	size_t len;

	(void)state;
	cmd = arena_printf(&ar, "cat > %s", path);
	assert_int_equal(ns_mail_send(cmd, msg, strlen(msg), 5, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	got = slurp(path, &len);
	assert_int_equal(len, strlen(msg));
	assert_memory_equal(got, msg, len);

	/* A message larger than a pipe holds is written whole. */
	memset(big, 'x', 1024 * 1024);
	assert_int_equal(ns_mail_send(cmd, big, 1024 * 1024, 5, err, sizeof(err)), 0);
	got = slurp(path, &len);
	assert_int_equal(len, 1024 * 1024);
	assert_memory_equal(got, big, len);

	assert_int_equal(ns_mail_send("exit 3", msg, strlen(msg), 5, err, sizeof(err)), -1);
	assert_string_equal(err, "exit status 3");
	assert_int_equal(ns_mail_send("echo 'sendmail: fatal: no'; echo more >&2; exit 75",
	    msg, strlen(msg), 5, err, sizeof(err)), -1);
	assert_string_equal(err, "exit status 75: sendmail: fatal: no");
	assert_int_equal(ns_mail_send("/nonexistent/sendmail -t", msg, strlen(msg), 5,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "exit status 127"));
	assert_int_equal(ns_mail_send("kill -9 $$", msg, strlen(msg), 5, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "killed by signal 9");

	/* A command that never reads a large message: EPIPE, not SIGPIPE. */
	assert_int_equal(ns_mail_send("exit 0", big, 1024 * 1024, 5, err, sizeof(err)), -1);
	assert_string_equal(err, "the command did not read the message");
}

/* A command that hangs is killed at the deadline, with what it started. */
static void
mail_timeout(void **state)
{
	char err[200], *path = arena_printf(&ar, "%s/pid", tmpdir), *cmd, *got;
	double t0 = now();
	size_t len;
	long spid;
	int st;

	(void)state;
	assert_int_equal(ns_mail_send("sleep 30", "x\n", 2, 1, err, sizeof(err)), -1);
	assert_string_equal(err, "killed after 1 s");
	assert_true(now() - t0 < 2.5);

	/* What the shell started dies with it: either the shell reaped it
	 * while it was killed, or it is this process's (a subreaper's) to
	 * reap, killed by SIGKILL. */
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	cmd = arena_printf(&ar, "sleep 30 & echo $! > %s; wait", path);
	t0 = now();
	assert_int_equal(ns_mail_send(cmd, "x\n", 2, 1, err, sizeof(err)), -1);
	assert_string_equal(err, "killed after 1 s");
	got = slurp(path, &len);
	got[len] = '\0';
	spid = strtol(got, NULL, 10);
	assert_true(spid > 1);
	if (waitpid((pid_t)spid, &st, 0) == (pid_t)spid)
		assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	else
		assert_true(errno == ECHILD && kill((pid_t)spid, 0) == -1 &&
		    errno == ESRCH);
	assert_true(now() - t0 < 2.5);
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 0), 0);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
}

/* A one-shot HTTP server on 127.0.0.1: a child that takes one request,
 * keeps it in tmpdir/request, answers reply (NULL: never) and ends. */
static pid_t
serve(const char *reply, int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	char req[65536], *hend, *cl, *path;
	size_t n = 0;
	ssize_t r;
	FILE *f;
	pid_t pid;
	int s, c;

	assert_true((s = socket(AF_INET, SOCK_STREAM, 0)) != -1);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s, 1), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &alen), 0);
	*port = ntohs(a.sin_port);
	path = arena_printf(&ar, "%s/request", tmpdir);
	unlink(path);
	assert_true((pid = fork()) != -1);
	if (pid > 0) {
		close(s);
		return pid;
	}
	alarm(10);
	if ((c = accept(s, NULL, NULL)) == -1)
		_exit(1);
	while ((r = read(c, req + n, sizeof(req) - 1 - n)) > 0) {
		req[n += (size_t)r] = '\0';
		if ((hend = strstr(req, "\r\n\r\n")) == NULL)
			continue;
		cl = strcasestr(req, "\r\nContent-Length:");
		if (n >= (size_t)(hend + 4 - req) + (cl ? strtoul(cl + 17, NULL, 10) : 0))
			break;
	}
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(req, 1, n, f);
		fclose(f);
	}
	if (reply == NULL)
		pause();
	if (write(c, reply, strlen(reply)) < 0)
		_exit(1);
	close(c);
	_exit(0);
}

static const char *
http(const char *status, const char *body)
{
	return arena_printf(&ar, "HTTP/1.1 %s\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n%s", status,
	    strlen(body), body);
}

/* Posts p to a server answering reply; returns ns_post_send's result. */
static int
post(struct ns_post *p, const char *reply, char *err, size_t errsize)
{
	char *url;
	int port, rc, st;
	pid_t pid = serve(reply, &port);

	url = arena_printf(&ar, "http://127.0.0.1:%d/hook?key=k", port);
	p->url = url;
	rc = ns_post_send(p, 3, err, errsize);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return rc;
}

static void
post_send(void **state)
{
	const char *xml = "<mubiao xmlns=\"urn:mubiao:okr:1\" version=\"1\"/>";
	struct ns_post p;
	char err[200], *req;
	size_t len;

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT_WECOM, "http://x/", NULL, NULL,
	    "签到 \"x\"", NULL, 1, 2, 5, &p), 0);
	assert_int_equal(post(&p, http("200 OK", "{\"errcode\":0,\"errmsg\":\"ok\"}"),
	    err, sizeof(err)), 0);
	assert_string_equal(err, "");
	req = slurp(arena_printf(&ar, "%s/request", tmpdir), &len);
	req[len] = '\0';
	assert_memory_equal(req, "POST /hook?key=k HTTP/1.1\r\n", 27);
	assert_non_null(strstr(req, "\r\nContent-Type: application/json; charset=utf-8\r\n"));
	assert_null(strcasestr(req, "Expect:"));
	assert_non_null(strstr(req, "\r\n\r\n{\"msgtype\":\"markdown\",\"markdown\":"
	    "{\"content\":\"签到 \\\"x\\\"\"}}"));

	assert_int_equal(post(&p, http("500 Internal Server Error", "{}"), err,
	    sizeof(err)), -1);
	assert_string_equal(err, "HTTP 500");
	assert_int_equal(post(&p, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/\r\n"
	    "Content-Length: 0\r\nConnection: close\r\n\r\n", err, sizeof(err)), -1);
	assert_string_equal(err, "HTTP 302");
	p.kind = BOT_DINGTALK;
	assert_int_equal(post(&p, http("200 OK", "{\"errcode\":310000,\"errmsg\":"
	    "\"sign not match\"}"), err, sizeof(err)), -1);
	assert_string_equal(err, "errcode 310000: sign not match");
	assert_int_equal(post(&p, http("200 OK", "ok"), err, sizeof(err)), -1);
	assert_string_equal(err, "HTTP 200 without \"errcode\" in the answer");
	p.kind = BOT_FEISHU;
	assert_int_equal(post(&p, http("200 OK", "{\"code\":19021,\"msg\":\"sign "
	    "match fail\"}"), err, sizeof(err)), -1);
	assert_string_equal(err, "code 19021: sign match fail");

	/* A webhook: its headers and body as composed, any 2xx. */
	assert_int_equal(ns_bot_compose(&ar, BOT_WEBHOOK, "http://x/", "wh-secret",
	    NULL, NULL, xml, 7, 99, 5, &p), 0);
	assert_int_equal(post(&p, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n",
	    err, sizeof(err)), 0);
	req = slurp(arena_printf(&ar, "%s/request", tmpdir), &len);
	req[len] = '\0';
	assert_non_null(strstr(req, "\r\nX-Mubiao-Event: 7\r\n"));
	assert_non_null(strstr(req, "\r\nX-Mubiao-Delivery: 99\r\n"));
	assert_non_null(strstr(req, "\r\nX-Mubiao-Signature: sha256="));
	assert_non_null(strstr(req, "\r\nContent-Type: application/xml; charset=utf-8\r\n"));
	assert_string_equal(strstr(req, "\r\n\r\n") + 4, xml);
}

/* Failures of the transport: a timeout, a refused connection, a scheme
 * other than http(s). */
static void
post_fails(void **state)
{
	struct ns_post p;
	char err[200];
	double t0;
	int port, st;
	pid_t pid;

	(void)state;
	assert_int_equal(ns_bot_compose(&ar, BOT_WEBHOOK, "http://x/", NULL, NULL,
	    NULL, "<x/>", 1, 2, 5, &p), 0);
	pid = serve(NULL, &port);
	p.url = arena_printf(&ar, "http://127.0.0.1:%d/", port);
	t0 = now();
	assert_int_equal(ns_post_send(&p, 1, err, sizeof(err)), -1);
	assert_true(now() - t0 < 2.5);
	assert_non_null(strcasestr(err, "timed out"));
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &st, 0), pid);

	/* The port of the server that has ended: nobody listens. */
	assert_int_equal(ns_post_send(&p, 1, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);

	p.url = "file:///etc/passwd";
	assert_int_equal(ns_post_send(&p, 1, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);
	p.url = "ftp://127.0.0.1/";
	assert_int_equal(ns_post_send(&p, 1, err, sizeof(err)), -1);
}

static int
setup(void **state)
{
	(void)state;
	arena_reset(&ar);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(subject_ascii, setup),
		cmocka_unit_test_setup(subject_chinese, setup),
		cmocka_unit_test_setup(subject_long, setup),
		cmocka_unit_test_setup(mail_compose, setup),
		cmocka_unit_test_setup(mail_refused, setup),
		cmocka_unit_test_setup(dingtalk, setup),
		cmocka_unit_test_setup(feishu, setup),
		cmocka_unit_test_setup(wecom, setup),
		cmocka_unit_test_setup(webhook, setup),
		cmocka_unit_test_setup(json_escaping, setup),
		cmocka_unit_test_setup(compose_refused, setup),
		cmocka_unit_test_setup(answers, setup),
		cmocka_unit_test_setup(mail_send, setup),
		cmocka_unit_test_setup(mail_timeout, setup),
		cmocka_unit_test_setup(post_send, setup),
		cmocka_unit_test_setup(post_fails, setup),
	};
	char cmd[100];
	int rc;

	arena_init(&ar);
	/* The one-shot server is local: no proxy between. */
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	if (mkdtemp(tmpdir) == NULL || ns_init() == -1)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	ns_cleanup();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	arena_free(&ar);
	return rc;
}
