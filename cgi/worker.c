/* worker.c: the start-up of the worker programs, the caller check of
 * their routes and the one table from store statuses to answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "csrf.h"
#include "live.h"
#include "log.h"
#include "okr.h"
#include "cards.h"
#include "pcache.h"
#include "priv.h"
#include "render.h"
#include "req.h"
#include "store.h"
#include "view.h"
#include "worker.h"

/* Each store status as an answer: its HTTP status, its message, and the
 * message of a POST that it stopped (nothing was saved). */
static const struct sanswer {
	int		 http;
	const char	*key;
	const char	*post_key;
} answers[] = {
	[STORE_OK] = { 0, NULL, NULL },
	[STORE_NOTFOUND] = { 404, NULL, NULL },
	[STORE_CONFLICT] = { 409, NULL, NULL },
	[STORE_INVALID] = { 400, NULL, NULL },
	[STORE_NEEDRECOVERY] = { 503, NULL, "err.write" },
	[STORE_ERR] = { 500, NULL, "err.write" },
	[STORE_FORBIDDEN] = { 403, "err.403.edit", "err.403.edit" },
	[STORE_CLOSED] = { 403, "err.403.closed", "err.403.closed" },
	[STORE_RULE] = { 409, NULL, NULL },
	[STORE_TOOBIG] = { 413, NULL, NULL },
};

static const struct sanswer *
answer(int s)
{
	static const struct sanswer other = { 500, NULL, "err.write" };

	return s >= 0 && (size_t)s < sizeof(answers) / sizeof(answers[0]) ?
	    &answers[s] : &other;
}

int
worker_fail(struct req *r, int s, const char *key)
{
	const struct sanswer *a = answer(s);

	if (s == STORE_OK)
		return 0;
	if (key == NULL)
		key = r->method == METHOD_POST ? a->post_key : a->key;
	if (key != NULL)
		r->errkey = key;
	return a->http;
}

static struct store *main_store, **main_prog_store;
static int main_flags;

static int
main_init(struct req *r)
{
	struct conf c;
	uid_t uid;
	gid_t gid, sgid;

	(void)r;
	if (conf_load(&c, NULL) != 0)
		return -1;
	/* Run by root as plain CGI (an admin trying a page), the program
	 * becomes the store's user first: a log file it began as root would
	 * stop every other process of the store. */
	if (priv_ids(c.user, NULL, &uid, &gid, &sgid) != 0 || priv_drop(uid, gid) != 0)
		return -1;
	if (store_open(c.store_dir, main_flags, c.cache_mb, &main_store) != STORE_OK) {
		log_err("cannot open the store in %s", c.store_dir);
		return -1;
	}
	*main_prog_store = main_store;	/* the program's handlers use it */
	view_feed_max = (size_t)c.feed_max;
	view_checkin_days = c.checkin_days;
	view_checkin_remind = c.checkin_remind;
	req_set_public(&c);
	/* A cache the web server cannot be given is no reason to stop. */
	pcache_init(c.page_cache);
	cards_open(c.socket_dir);
	live_init(c.socket_dir);
	if (!(main_flags & STORE_RDONLY))
		store_set_on_commit(live_commit);
	return csrf_init(c.store_dir) == 0 ? render_init(c.xslt_dir) : -1;
}

static int
main_identify(struct req *r)
{
	return view_identify(r, main_store);
}

/* What the route asks of the caller, checked before its handler. */
static int
main_allow(struct req *r)
{
	const struct person *me = r->me;

	switch (r->route->who) {
	case WHO_ANYONE:
		return 0;
	case WHO_KNOWN:
		return me != NULL ? 0 : worker_fail(r, STORE_FORBIDDEN, NULL);
	case WHO_LEAD:
		return me != NULL && me->role >= ROLE_LEAD ? 0 :
		    worker_fail(r, STORE_FORBIDDEN, NULL);
	case WHO_ADMIN:
	default:
		return me != NULL && me->role == ROLE_ADMIN ? 0 :
		    req_error(r, 403, "err.403.admin");
	}
}

#ifdef MUBIAO_TEST
static uint32_t bench_kr;

/* make bench's re-render after a check-in: one check-in on bench_kr, as
 * the user of the request before (the store's operation okr-edit uses);
 * its value changes each time, so every one changes what the KR shows. */
static int
main_bench_write(struct req *r, int i)
{
	struct checkin c;

	memset(&c, 0, sizeof(c));
	c.kr = bench_kr;
	c.value = i % 100;
	c.confidence = 0.5;
	c.note = (char *)"";
	return store_checkins_add(main_store, r->me != NULL ? r->me->id : STORE_SYSTEM,
	    &c, 1);
}
#endif

int
worker_main(const char *name, const struct route *routes, size_t n,
    int store_flags, struct store **st)
{
	/* The reader keeps its pages; the writers retire them. */
	struct app app = { .routes = routes, .nroutes = n, .init = main_init,
	    .identify = main_identify, .pages = (store_flags & STORE_RDONLY) != 0,
	    .allow = main_allow };
	int rc;

	log_init(name);
#ifdef MUBIAO_TEST
	/* MUBIAO_BENCH_CHECKIN=KR (with MUBIAO_BENCH, as plain CGI): the
	 * reader writes too, so it opens the store for writing, and its
	 * commits retire pages as a writer's do (main_init). */
	if (getenv("MUBIAO_BENCH") != NULL && getenv("MUBIAO_BENCH_CHECKIN") != NULL) {
		if (req_parse_id(getenv("MUBIAO_BENCH_CHECKIN"), &bench_kr) != 0) {
			log_err("MUBIAO_BENCH_CHECKIN: not a KR id");
			return 1;
		}
		store_flags &= ~STORE_RDONLY;
		app.bench_write = main_bench_write;
	}
#endif
	main_flags = store_flags;
	main_prog_store = st;
	rc = req_main(&app);
	render_cleanup();
	store_close(main_store);
	return rc;
}
