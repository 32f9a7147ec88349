/* mubiao-notify: delivers Mubiao's notifications (notify.h), started and
 * restarted by mubiao-super (setting notify = on).
 *
 * Every notify-poll seconds it fires the slots that are due, fans the
 * outbox's new events out into deliveries and sends those due.  Killed
 * at any point it loses nothing: the outbox, the deliveries and the
 * slots are in the store, each step a transaction, and a delivery stays
 * pending until its channel took it (sent again, with the same event
 * id, after a crash mid-send).  One runs per store (notify.lock). */
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "notify.h"
#include "okr.h"
#include "store.h"

#define SCHEDULE_EVERY	30		/* seconds between looks at the slots */
#define PRUNE_EVERY	3600		/* seconds between prunes */
#define KEEP_SENT	(30 * 86400)	/* sent deliveries are kept this long */

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: mubiao-notify [-1] [-c config]\n");
	_exit(2);
}

/* What a pass did, into the log. */
static void
say_log(void *arg, const char *line)
{
	(void)arg;
	log_info("%s", line);
}

/* One process delivers per store: two would send each message twice. */
static int
lock_notify(const char *dir)
{
	char path[PATH_MAX];
	struct flock fl;
	int fd;

	snprintf(path, sizeof(path), "%s/notify.lock", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == -1) {
		log_err("another mubiao-notify runs on %s", dir);
		close(fd);
		return -1;
	}
	return 0;
}

/* One pass; a store status.  Recovery needed ends the process: the
 * supervisor recovers and starts it again. */
static int
pass(struct store *st, int64_t *scheduled, int64_t *pruned)
{
	static struct timespec last;
	struct timespec mono;
	int64_t now = okr_now();
	size_t n;
	int rc = STORE_OK;

	/* The slots are looked at twice a minute: when the clock enters
	 * another half minute, or (a test's stopped clock) when half a
	 * minute went by. */
	clock_gettime(CLOCK_MONOTONIC, &mono);
	if (*scheduled == 0 || now / SCHEDULE_EVERY != *scheduled / SCHEDULE_EVERY ||
	    mono.tv_sec - last.tv_sec >= SCHEDULE_EVERY) {
		rc = notify_schedule(st, now, 0, say_log, NULL);
		*scheduled = now;
		last = mono;
	}
	if (rc == STORE_OK)
		rc = notify_fanout(st, 0, say_log, NULL);
	if (rc == STORE_OK)
		rc = notify_deliver(st, now, 0, say_log, NULL, &stop);
	if (rc == STORE_OK && now - *pruned >= PRUNE_EVERY) {
		rc = store_deliveries_prune(st, now - KEEP_SENT, &n);
		*pruned = now;
	}
	if (rc != STORE_OK)
		log_err("notification pass failed (store status %d)", rc);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct conf conf;
	struct store *st = NULL;
	struct sigaction sa;
	struct timespec ts;
	const char *cfg = NULL;
	int64_t scheduled = 0, pruned = 0;
	int ch, once = 0, rc;

	log_init("mubiao-notify");
	while ((ch = getopt(argc, argv, "1c:")) != -1) {
		switch (ch) {
		case '1':
			once = 1;
			break;
		case 'c':
			cfg = optarg;
			break;
		default:
			usage();
		}
	}
	if (conf_load(&conf, cfg) != 0)
		return 1;
	/* SIGTERM ends the pass between two deliveries, and the sleep. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (lock_notify(conf.store_dir) != 0)
		return 1;
	if ((rc = store_open(conf.store_dir, 0, conf.cache_mb, &st)) != STORE_OK) {
		log_err("cannot open the store in %s", conf.store_dir);
		return 1;
	}
	if (notify_init(&conf) != 0) {
		store_close(st);
		return 1;
	}
	log_info("started: every %d s, mail through %s", conf.notify_poll, conf.sendmail);
	while (!stop) {
		rc = pass(st, &scheduled, &pruned);
		if (once || rc == STORE_NEEDRECOVERY)
			break;
		ts.tv_sec = conf.notify_poll;
		ts.tv_nsec = 0;
		while (!stop && nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	notify_cleanup();
	store_close(st);
	return rc == STORE_NEEDRECOVERY ? 1 : 0;
}
