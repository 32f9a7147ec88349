/* mubiao-admin: the operator's command.  Loads the demo company, lists
 * the demo logins, shows store statistics, dumps and loads XML, takes
 * hot backups, verifies, checkpoints, and runs recovery (only with the
 * supervisor stopped).  As root it switches to the configured user
 * first, so that the store's files keep one owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <libxml/tree.h>

#include "arena.h"
#include "codec.h"
#include "conf.h"
#include "demo.h"
#include "live.h"
#include "log.h"
#include "okr.h"
#include "pcache.h"
#include "priv.h"
#include "render.h"
#include "store.h"
#include "xmlio.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mubiao-admin [-c config] command\n"
	    "commands:\n"
	    "  load-demo [-f]   load the demo company into an empty store\n"
	    "                   (-f: succeed quietly when it is not empty)\n"
	    "  demo-logins      print the demo logins, one a line\n"
	    "  synth [-k KRS] [-p PEOPLE] [-c CYCLES]\n"
	    "                   load a synthetic company into an empty store, for\n"
	    "                   measuring at scale (1000000 KRs, 100000 people,\n"
	    "                   4 quarters unless told)\n"
	    "  stats            count the records of each kind\n"
	    "  dump [--since YYYY-MM-DDTHH:MM:SSZ]\n"
	    "                   write the store (or what changed since) as XML\n"
	    "  load [-f] FILE   validate FILE (- for stdin) against the schema and\n"
	    "                   apply it in one transaction (-f: replace records of\n"
	    "                   the same ids in a non-empty store without asking)\n"
	    "  backup [-f] DIR  hot backup into DIR (db_hotbackup), while running\n"
	    "                   (-f: empty a non-empty DIR without asking)\n"
	    "  verify [DIR]     db_verify every database (of DIR, else the store)\n"
	    "  checkpoint       write a checkpoint\n"
	    "  recover [-c [-f]] run normal recovery, or with -c catastrophic\n"
	    "                   recovery (a restored backup); the supervisor must\n"
	    "                   be stopped\n");
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
	/* What it writes retires the served pages, as the workers' writes do. */
	pcache_init(c->page_cache);
	live_init(c->socket_dir);
	store_set_on_commit(live_commit);
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
	if ((rc = store_count(st, REC_UNIT, &n)) == STORE_OK && n > 0) {
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

static int	tty_err;

static void
synth_progress(size_t done, size_t total)
{
	static size_t shown;
	size_t pct = total ? done * 100 / total : 100;

	/* A line that redraws itself on a terminal, else one per 10%. */
	if (tty_err)
		fprintf(stderr, "\rloading %zu / %zu records (%zu%%)%s", done, total,
		    pct, done == total ? "\n" : "");
	else if (pct / 10 != shown / 10 || done == total) {
		fprintf(stderr, "loading %zu / %zu records (%zu%%)\n", done, total, pct);
		shown = pct;
	}
}

/* A number option's value: digits only, within 1..max. */
static int
count_arg(const char *s, size_t max, size_t *v)
{
	char *end;
	unsigned long long n;

	if (*s < '0' || *s > '9')
		return -1;
	n = strtoull(s, &end, 10);
	if (*end != '\0' || n == 0 || n > max)
		return -1;
	*v = (size_t)n;
	return 0;
}

static int
cmd_synth(const struct conf *c, int argc, char **argv)
{
	struct store *st;
	size_t krs = 1000000, people = 100000, cycles = 4, *v;
	time_t t0 = time(NULL);
	int i, rc;

	for (i = 1; i < argc; i += 2) {
		v = strcmp(argv[i], "-k") == 0 ? &krs : strcmp(argv[i], "-p") == 0 ?
		    &people : strcmp(argv[i], "-c") == 0 ? &cycles : NULL;
		if (v == NULL || i + 1 >= argc || count_arg(argv[i + 1], 100000000, v) != 0)
			usage();
	}
	if (open_as_user(c, STORE_CREATE, &st) != 0)
		return 1;
	tty_err = isatty(2);
	rc = demo_synth(st, okr_today(), krs, people, cycles, synth_progress);
	store_close(st);
	if (rc == STORE_INVALID) {
		fprintf(stderr, "mubiao-admin: nothing loaded: the store is not empty, or "
		    "%zu people (at least 21) cannot carry %zu KRs in %zu cycles\n",
		    people, krs, cycles);
		return 1;
	}
	if (rc != STORE_OK) {
		fprintf(stderr, "mubiao-admin: loading stopped (%d); what was loaded stays\n", rc);
		return 1;
	}
	printf("%zu KRs, %zu people, %zu cycles loaded into %s in %lld s\n", krs,
	    people, cycles, c->store_dir, (long long)(time(NULL) - t0));
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

/* The record types as stats names them (snapshots go with their meetings). */
static const char *const names[REC__MAX] = { [REC_UNIT] = "units",
    [REC_PERSON] = "people", [REC_CYCLE] = "cycles",
    [REC_OBJECTIVE] = "objectives", [REC_KR] = "key-results",
    [REC_CHECKIN] = "check-ins", [REC_CHANGE] = "history",
    [REC_COMMENT] = "comments", [REC_MEETING] = "meetings",
    [REC_ACTION] = "action-items", [REC_GROW] = "grow-notes",
    [REC_VERDICT] = "verdicts" };

/* How many records of each type, and the size of the store's files:
 * the databases and indexes, and the log (which checkpoints and backups
 * let the supervisor trim). */
static int
cmd_stats(const struct conf *c)
{
	struct store *st;
	struct dirent *e;
	struct stat sb;
	char path[1024];
	unsigned long long data = 0, logs = 0;
	size_t i, n;
	int rc = STORE_OK;
	DIR *d;

	if (open_as_user(c, 0, &st) != 0)
		return 1;
	for (i = 0; rc == STORE_OK && i < REC__MAX; i++)
		if (names[i] != NULL && (rc = store_count(st, i, &n)) == STORE_OK)
			printf("%-13s %zu\n", names[i], n);
	store_close(st);
	if (rc == STORE_OK && (d = opendir(c->store_dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (snprintf(path, sizeof(path), "%s/%s", c->store_dir,
			    e->d_name) >= (int)sizeof(path) || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
				continue;
			if (strncmp(e->d_name, "log.", 4) == 0)
				logs += (unsigned long long)sb.st_size;
			else if (strstr(e->d_name, ".db") != NULL || strstr(e->d_name, ".idx") != NULL)
				data += (unsigned long long)sb.st_size;
		}
		closedir(d);
		printf("%-13s %.1f MB\n%-13s %.1f MB\n", "data-files", data / 1048576.0,
		    "log-files", logs / 1048576.0);
	}
	return rc == STORE_OK ? 0 : 1;
}

/* The whole store (or what changed since a time) as XML on stdout. */
static int
cmd_dump(const struct conf *c, int argc, char **argv)
{
	struct store *st;
	struct arena ar;
	xmlDocPtr doc;
	int64_t since = -1, modified;
	int rc;

	/* The same rule as the feeds' since=: a real date and time. */
	if (argc > 2 && strcmp(argv[1], "--since") == 0) {
		if (okr_time_parse(argv[2], &since) != 0) {
			fprintf(stderr, "mubiao-admin: --since wants YYYY-MM-DDTHH:MM:SSZ\n");
			return 2;
		}
	} else if (argc > 1)
		usage();
	if (open_as_user(c, 0, &st) != 0)
		return 1;
	arena_init(&ar);
	if ((rc = xmlio_export(st, &ar, XS_ALL, 0, since, 0, &doc, &modified)) == STORE_OK) {
		xmlDocFormatDump(stdout, doc, 1);
		xmlFreeDoc(doc);
	}
	arena_free(&ar);
	store_close(st);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_err("dump: cannot write");
		return 1;
	}
	return rc == STORE_OK ? 0 : 1;
}

/* Asks on the terminal, or wants -f: a dangerous step is never taken
 * by accident. */
static int
confirmed(int force, const char *what)
{
	char line[16];

	if (force)
		return 1;
	if (!isatty(0)) {
		fprintf(stderr, "mubiao-admin: %s: add -f to do it without asking\n", what);
		return 0;
	}
	fprintf(stderr, "%s? Type yes: ", what);
	return fgets(line, sizeof(line), stdin) != NULL && strcmp(line, "yes\n") == 0;
}

static void
progress(size_t done, size_t total)
{
	fprintf(stderr, "\rapplying %zu / %zu records (%zu%%)", done, total,
	    total ? done * 100 / total : 100);
	if (done == total)
		fputc('\n', stderr);
}

/* Loads an XML document (a dump, or records to create or update):
 * validated against the schema first, then applied in one transaction. */
static int
cmd_load(const struct conf *c, int argc, char **argv)
{
	struct store *st;
	struct arena ar;
	xmlDocPtr doc;
	const char *err = NULL, *file;
	char rng[600], *buf = NULL, *p;
	size_t len = 0, cap = 0, changed = 0, n, units = 0;
	int force = 0, tty = isatty(2), rc;
	FILE *f;

	if (argc > 2 && strcmp(argv[1], "-f") == 0) {
		force = 1;
		argv++, argc--;
	}
	if (argc != 2)
		usage();
	file = argv[1];
	if ((f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb")) == NULL) {
		log_err("%s: cannot open", file);
		return 1;
	}
	/* One byte past the limit is read, so that a larger file is called
	 * too large rather than parsed cut short. */
	for (;;) {
		if (len == cap) {
			if (cap == XMLIO_MAXDOC + 1)
				break;
			cap = cap ? cap * 2 : 1 << 20;
			if (cap > XMLIO_MAXDOC + 1)
				cap = XMLIO_MAXDOC + 1;
			if ((p = realloc(buf, cap)) == NULL)
				break;
			buf = p;
		}
		if ((n = fread(buf + len, 1, cap - len, f)) == 0)
			break;
		len += n;
		if (tty && len > (4 << 20))
			fprintf(stderr, "\rreading %zu MB", len >> 20);
	}
	if (f != stdin)
		fclose(f);
	if (buf == NULL || len == cap || len > XMLIO_MAXDOC) {
		if (len > XMLIO_MAXDOC)
			log_err("%s: too large: larger than %d MB", file, XMLIO_MAXDOC >> 20);
		else
			log_err("%s: out of memory", file);
		free(buf);
		return 1;
	}
	if (tty && len > (4 << 20))
		fputc('\n', stderr);
	arena_init(&ar);
	snprintf(rng, sizeof(rng), "%s/mubiao.rng", c->xslt_dir);
	if ((doc = xmlio_parse(buf, len, 0, &ar, &err)) == NULL ||
	    xmlio_validate(doc, rng, &ar, &err) != 0) {
		fprintf(stderr, "mubiao-admin: %s: %s", file, err ? err : "cannot read\n");
		xmlFreeDoc(doc);
		free(buf);
		arena_free(&ar);
		return 1;
	}
	free(buf);
	rc = 1;
	if (open_as_user(c, STORE_CREATE, &st) != 0)
		goto out;
	/* Records with the same ids are replaced: ask, unless the store is
	 * empty. */
	if (store_count(st, REC_UNIT, &units) != STORE_OK ||
	    (units > 0 && !confirmed(force, "replace the records of the same ids in the store"))) {
		store_close(st);
		goto out;
	}
	if (xmlio_import(st, &ar, STORE_SYSTEM, doc, &changed, &err,
	    tty ? progress : NULL) != STORE_OK)
		fprintf(stderr, "mubiao-admin: %s: %s", file, err ? err : "cannot load\n");
	else {
		printf("%zu records written\n", changed);
		rc = 0;
	}
	store_close(st);
out:
	xmlFreeDoc(doc);
	arena_free(&ar);
	return rc;
}

/* Runs a Berkeley DB utility on the store; 0 when it succeeded. */
static int
run_util(const char *const argv[])
{
	pid_t pid;
	int status;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		execvp(argv[0], (char *const *)argv);
		log_err("%s: cannot run (Debian package db5.3-util)", argv[0]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == -1)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Hot backup while the service runs: db_hotbackup copies the databases,
 * then the logs, and runs catastrophic recovery on the copy. */
static int
cmd_backup(const struct conf *c, int argc, char **argv)
{
	uid_t uid;
	gid_t gid, sgid;
	DIR *d;
	struct dirent *e;
	int force = 0, empty = 1;

	if (argc > 2 && strcmp(argv[1], "-f") == 0) {
		force = 1;
		argv++, argc--;
	}
	if (argc != 2)
		usage();
	if (priv_ids(c->user, NULL, &uid, &gid, &sgid) != 0 || priv_drop(uid, gid) != 0)
		return 1;
	if ((d = opendir(argv[1])) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
				empty = 0;
		closedir(d);
	}
	if (!empty && !confirmed(force, "empty the backup directory first"))
		return 1;
	{
		const char *const av[] = { "db5.3_hotbackup", "-c", "-h", c->store_dir,
		    "-b", argv[1], NULL };

		if (run_util(av) != 0) {
			log_err("backup into %s failed", argv[1]);
			return 1;
		}
	}
	printf("backed up %s into %s\n", c->store_dir, argv[1]);
	return 0;
}

/* Names each record whose text XML cannot hold (stored before forms and
 * imports refused it; pages show U+FFFD in its place), each that breaks
 * another rule every write is held to (store_rec_check(): a title too
 * long, a number not finite, a cycle name a URL cannot hold), and each
 * closed meeting whose frozen page holds such text.  Returns how many,
 * or -1 when the store cannot be read. */
static long
bad_texts(const struct conf *c, const char *dir)
{
	const struct codec *cd;
	const struct field *f;
	struct store *st;
	struct arena ar;
	const char *rec, *s, *member;
	char *snap;
	void *items;
	size_t i, j, k, n;
	long bad = 0, was;
	int rc = STORE_OK;

	if (store_open(dir, STORE_RDONLY, c->cache_mb, &st) != STORE_OK)
		return -1;
	arena_init(&ar);
	for (i = 0; rc == STORE_OK && i < REC__MAX; i++) {
		if (names[i] == NULL)
			continue;
		cd = store_codec(i);
		if ((rc = store_scan(st, &ar, i, &items, &n)) != STORE_OK)
			break;
		for (j = 0; j < n; j++) {
			rec = (const char *)items + j * store_rec_size(i);
			was = bad;
			for (k = 0; k < cd->nfields; k++) {
				f = &cd->fields[k];
				if (f->type != FT_STR || (s = *(char *const *)(rec + f->off)) == NULL ||
				    render_text_valid(s, strlen(s)) == strlen(s))
					continue;
				fprintf(stderr, "mubiao-admin: %s %u: %s holds a character XML "
				    "does not allow\n", names[i], *(const uint32_t *)rec, f->xml);
				bad++;
			}
			if (bad == was && store_rec_check(i, rec, &member) != STORE_OK) {
				fprintf(stderr, "mubiao-admin: %s %u: %s breaks a rule every "
				    "write is held to\n", names[i], *(const uint32_t *)rec,
				    member != NULL ? member : "a field");
				bad++;
			}
			if (i != REC_MEETING ||
			    ((const struct meeting *)rec)->state != MEET_CLOSED ||
			    store_meeting_snapshot(st, &ar, *(const uint32_t *)rec, &snap) != STORE_OK ||
			    render_text_valid(snap, strlen(snap)) == strlen(snap))
				continue;
			fprintf(stderr, "mubiao-admin: meetings %u: its frozen page holds a "
			    "character XML does not allow\n", *(const uint32_t *)rec);
			bad++;
		}
		arena_reset(&ar);
	}
	arena_free(&ar);
	store_close(st);
	return rc == STORE_OK ? bad : -1;
}

/* db_verify on every database of a store (a backup, or a stopped one),
 * then every record's text. */
static int
cmd_verify(const struct conf *c, int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : c->store_dir;
	uid_t uid;
	gid_t gid, sgid;
	DIR *d;
	struct dirent *e;
	size_t n;
	int bad = 0, files = 0;
	long texts = 0;

	if (priv_ids(c->user, NULL, &uid, &gid, &sgid) != 0 || priv_drop(uid, gid) != 0)
		return 1;
	if ((d = opendir(dir)) == NULL) {
		log_err("%s: cannot open", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (!(n > 3 && strcmp(e->d_name + n - 3, ".db") == 0) &&
		    !(n > 4 && strcmp(e->d_name + n - 4, ".idx") == 0))
			continue;
		const char *const av[] = { "db5.3_verify", "-q", "-h", dir, e->d_name, NULL };

		files++;
		if (run_util(av) != 0) {
			fprintf(stderr, "mubiao-admin: %s/%s: damaged\n", dir, e->d_name);
			bad++;
		}
	}
	closedir(d);
	if (bad == 0 && files > 0 && (texts = bad_texts(c, dir)) < 0)
		log_err("%s: cannot open the store: its records' texts are not checked", dir);
	printf("%d files verified, %d damaged; %ld records with text XML cannot "
	    "hold or breaking a rule\n", files, bad, texts > 0 ? texts : 0);
	return bad || texts > 0 || files == 0 ? 1 : 0;
}

static int
cmd_checkpoint(const struct conf *c)
{
	struct store *st;
	int rc;

	if (open_as_user(c, 0, &st) != 0)
		return 1;
	rc = store_checkpoint(st);
	store_close(st);
	return rc == STORE_OK ? 0 : 1;
}

static int
cmd_recover(const struct conf *c, int argc, char **argv)
{
	struct store *st;
	int fatal = argc > 1 && strcmp(argv[1], "-c") == 0;

	/* Catastrophic recovery replays every log file there is: for a
	 * restored backup, not for a store in use. */
	if (fatal && !confirmed(argc > 2 && strcmp(argv[2], "-f") == 0,
	    "run catastrophic recovery"))
		return 1;
	if (open_as_user(c, fatal ? STORE_RECOVER_FATAL : STORE_RECOVER, &st) != 0)
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
	if (strcmp(argv[0], "synth") == 0)
		return cmd_synth(&c, argc, argv);
	if (strcmp(argv[0], "stats") == 0)
		return cmd_stats(&c);
	if (strcmp(argv[0], "recover") == 0)
		return cmd_recover(&c, argc, argv);
	if (strcmp(argv[0], "dump") == 0)
		return cmd_dump(&c, argc, argv);
	if (strcmp(argv[0], "load") == 0)
		return cmd_load(&c, argc, argv);
	if (strcmp(argv[0], "backup") == 0)
		return cmd_backup(&c, argc, argv);
	if (strcmp(argv[0], "verify") == 0)
		return cmd_verify(&c, argc, argv);
	if (strcmp(argv[0], "checkpoint") == 0)
		return cmd_checkpoint(&c);
	usage();
	return 2;
}
