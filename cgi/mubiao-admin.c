/* mubiao-admin: the operator's command.  Loads the demo company, lists
 * the demo logins, shows store statistics, and runs recovery (only with
 * the supervisor stopped).  As root it switches to the configured user
 * first, so that the store's files keep one owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "demo.h"
#include "log.h"
#include "okr.h"
#include "priv.h"
#include "store.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mubiao-admin [-c config] command\n"
	    "commands:\n"
	    "  load-demo [-f]   load the demo company into an empty store\n"
	    "                   (-f: succeed quietly when it is not empty)\n"
	    "  demo-logins      print the demo logins, one a line\n"
	    "  stats            count the records\n"
	    "  recover          run normal recovery; the supervisor must be stopped\n");
	exit(2);
}

static int
open_as_user(const struct conf *c, int flags, struct store **st)
{
	uid_t uid;
	gid_t gid, sgid;

	if (priv_ids(c->user, NULL, &uid, &gid, &sgid) != 0 ||
	    priv_drop(uid, gid) != 0)
		return -1;
	if (store_open(c->store_dir, flags, c->cache_mb, st) != STORE_OK) {
		log_err("cannot open the store in %s%s", c->store_dir,
		    flags & STORE_RECOVER ? "" :
		    " (if it needs recovery: stop the supervisor, run mubiao-admin recover)");
		return -1;
	}
	return 0;
}

static int
cmd_load_demo(const struct conf *c, int argc, char **argv)
{
	struct store *st;
	size_t n;
	int rc, quiet = argc > 1 && strcmp(argv[1], "-f") == 0;

	if (open_as_user(c, STORE_CREATE, &st) != 0)
		return 1;
	if ((rc = store_count_units(st, &n)) == STORE_OK && n > 0) {
		store_close(st);
		if (quiet)
			return 0;
		fprintf(stderr, "mubiao-admin: the store is not empty; nothing loaded\n");
		return 1;
	}
	if (rc == STORE_OK)
		rc = demo_load(st, okr_today());
	store_close(st);
	if (rc != STORE_OK) {
		fprintf(stderr, "mubiao-admin: loading the demo failed (%d)\n", rc);
		return 1;
	}
	printf("demo company loaded into %s\n", c->store_dir);
	return 0;
}

static int
cmd_demo_logins(void)
{
	const char *const *l;

	for (l = demo_logins; *l != NULL; l++)
		printf("%s\n", *l);
	return 0;
}

static int
cmd_stats(const struct conf *c)
{
	struct store *st;
	struct arena ar;
	struct unit *u;
	struct cycle *cy;
	struct objective *o;
	struct kr *k;
	size_t nu, nc, no, nk, i, j, totalo = 0, totalk = 0;
	int rc;

	if (open_as_user(c, 0, &st) != 0)
		return 1;
	arena_init(&ar);
	rc = store_units_all(st, &ar, &u, &nu);
	if (rc == STORE_OK)
		rc = store_cycles_all(st, &ar, &cy, &nc);
	for (i = 0; rc == STORE_OK && i < nc; i++)
		for (j = 0; rc == STORE_OK && j < nu; j++) {
			rc = store_objectives_by_cycle_unit(st, &ar, cy[i].id,
			    u[j].id, &o, &no);
			totalo += no;
			while (rc == STORE_OK && no-- > 0) {
				rc = store_krs_by_objective(st, &ar, o[no].id, &k, &nk);
				totalk += nk;
			}
		}
	if (rc == STORE_OK)
		printf("units %zu\ncycles %zu\nobjectives %zu\nkey-results %zu\n",
		    nu, nc, totalo, totalk);
	arena_free(&ar);
	store_close(st);
	return rc == STORE_OK ? 0 : 1;
}

static int
cmd_recover(const struct conf *c)
{
	struct store *st;

	if (open_as_user(c, STORE_RECOVER, &st) != 0)
		return 1;
	store_close(st);
	printf("recovered %s\n", c->store_dir);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *cfg = NULL;
	struct conf c;
	int ch;

	log_init("mubiao-admin");
	while ((ch = getopt(argc, argv, "+c:")) != -1) {
		if (ch != 'c')
			usage();
		cfg = optarg;
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (strcmp(argv[0], "demo-logins") == 0)
		return cmd_demo_logins();
	if (conf_load(&c, cfg) != 0)
		return 1;
	if (strcmp(argv[0], "load-demo") == 0)
		return cmd_load_demo(&c, argc, argv);
	if (strcmp(argv[0], "stats") == 0)
		return cmd_stats(&c);
	if (strcmp(argv[0], "recover") == 0)
		return cmd_recover(&c);
	usage();
	return 2;
}
