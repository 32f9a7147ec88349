/* notify-send.h: the senders of mubiao-notify (notify-send.c).  A mail is
 * composed (RFC 5322, RFC 2047 subject, multipart/alternative text and
 * HTML, base64) and piped to the sendmail command; a chat bot's or
 * webhook's POST is composed (body, URL, headers, signature) and sent
 * through libcurl.  Composing is pure: everything lives in the caller's
 * arena.  Functions that can fail return 0 or -1, with a reason in err. */
#ifndef MUBIAO_NOTIFY_SEND_H
#define MUBIAO_NOTIFY_SEND_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* libcurl's global state: once at start, before any other thread. */
int	ns_init(void);
void	ns_cleanup(void);

/* The Subject header's value for UTF-8 text (CR and LF dropped): the text
 * itself when it is printable ASCII, else RFC 2047 encoded words
 * "=?UTF-8?B?...?=" of at most 64 characters that never split a UTF-8
 * character, folded with LF SP (the message goes to sendmail with local
 * line ends).  Returns the value's length. */
size_t	ns_subject(struct arena *, const char *utf8, char **out);

struct ns_mail {
	const char	*from;		/* "Mubiao <mubiao@localhost>" */
	const char	*to;		/* "someone@example.com" */
	const char	*subject;	/* UTF-8, one line */
	const char	*text;		/* the plain part, UTF-8 */
	const char	*html;		/* the HTML part, UTF-8 */
	const char	*host;		/* the Message-ID's right side */
	uint32_t	 event;		/* X-Mubiao-Event, the Message-ID */
	uint32_t	 person;	/* the Message-ID */
	int64_t		 date;		/* seconds since the epoch */
};

/* The whole message, LF line ends, NUL-terminated, length in *len.
 * Returns -1 when from, to or host holds anything but printable ASCII
 * (a CR or LF would set headers). */
int	ns_mail_compose(struct arena *, const struct ns_mail *, char **out,
	    size_t *len);
/* Runs /bin/sh -c command with msg on its standard input, its output
 * captured; killed (its whole process group) after timeout seconds.
 * Returns 0 when it exits 0, else -1 with the reason and the first line
 * of its output in err. */
int	ns_mail_send(const char *command, const char *msg, size_t len,
	    int timeout, char *err, size_t errsize);

#define NS_MAXHEADERS	8

/* One HTTP POST to a bot or webhook. */
struct ns_post {
	const char	*url;
	const char	*body;
	size_t		 len;
	const char	*headers[NS_MAXHEADERS];	/* "Name: value" */
	int		 nheaders;
	int		 kind;		/* enum bkind: how to read the answer */
};

/* The POST of a message to a bot of kind (enum bkind) at url, signed with
 * secret ("" or NULL: none): WeCom and DingTalk markdown (title and text),
 * Feishu text, or for a webhook xml as the body.  event and delivery name
 * the webhook's headers; now_ms is the signatures' time.  Returns -1 for
 * an unknown kind or a URL that is not http(s) or holds controls or
 * spaces. */
int	ns_bot_compose(struct arena *, int kind, const char *url,
	    const char *secret, const char *title, const char *text,
	    const char *xml, uint32_t event, uint32_t delivery, int64_t now_ms,
	    struct ns_post *out);
/* Whether a bot's answer says delivered: a 2xx status and, but for a
 * webhook, a top-level "errcode" 0 (WeCom, DingTalk) or "code" or
 * "StatusCode" 0 (Feishu). */
int	ns_answer_ok(int kind, long status, const char *body, size_t len);
/* Sends a post (http and https only, no redirects, timeout seconds to
 * connect and in all).  Returns 0 when ns_answer_ok(), else -1 with
 * "HTTP 500", "errcode 310000: sign not match" or libcurl's reason in
 * err. */
int	ns_post_send(const struct ns_post *, int timeout, char *err,
	    size_t errsize);

#endif
