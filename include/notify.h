/* notify.h: the notifications' three steps (notify.c), which the
 * supervised mubiao-notify runs in a loop and `mubiao-admin notify
 * --dry-run` runs once without writing or sending:
 *
 *   schedule  fires the weekly and daily slots that are due (check-in
 *             reminders, escalations, digests, meeting reminders), each
 *             once, into the outbox;
 *   fan-out   turns each event of the outbox into its deliveries: a mail
 *             to each person it is for who has an address and wants it,
 *             a message to each bot of the unit that posts its kind;
 *   deliver   sends what is due, renders it then (notify.xsl), and
 *             records the outcome: sent, tried again later, or dead.
 *
 * Each returns a store status; what it does (or would do) it tells say,
 * one line at a time. */
#ifndef MUBIAO_NOTIFY_H
#define MUBIAO_NOTIFY_H

#include <signal.h>
#include <stdint.h>

struct conf;
struct store;

typedef void (*notify_say)(void *arg, const char *line);

/* Once per process: the settings (kept by pointer), the stylesheets,
 * libcurl.  0 or -1. */
int	notify_init(const struct conf *);
void	notify_cleanup(void);

int	notify_schedule(struct store *, int64_t now, int dry, notify_say, void *);
int	notify_fanout(struct store *, int dry, notify_say, void *);
/* Stops between two deliveries once *stop is set (NULL: never). */
int	notify_deliver(struct store *, int64_t now, int dry, notify_say, void *,
	    volatile sig_atomic_t *stop);

/* The wait before the try after the n-th failure (n >= 1): backoff
 * seconds doubled each time, at most six hours; 0 after the last. */
int64_t	notify_retry_in(int failures, int retries, int backoff);

#endif
