/* worker.h: what the worker programs share: start-up, the check of a
 * route's caller, and one table from a store status to an answer. */
#ifndef MUBIAO_WORKER_H
#define MUBIAO_WORKER_H

#include <stddef.h>

struct req;
struct route;
struct store;

/* The main of a worker program: reads the config, opens the store with
 * store_flags into *st, the form key and the stylesheets, identifies each
 * request's user, checks the caller each route asks for, and serves the
 * routes.  Returns the exit status. */
int	worker_main(const char *name, const struct route *routes, size_t n,
	    int store_flags, struct store **st);
/* The answer to a store status (enum sstatus): 0 for STORE_OK, else the
 * HTTP status, with r->errkey set to key when not NULL, else to the
 * table's message (a POST that could not write says nothing was saved). */
int	worker_fail(struct req *, int sstatus, const char *key);

#endif
