/* mubiao-admin: the operator's command.  Prepares a fresh store (the
 * company, the first admin and cycle; people from a CSV), loads the demo
 * company, lists the demo logins, shows store statistics, dumps and loads
 * XML, takes hot backups, verifies, checkpoints, and runs recovery (only
 * with the supervisor stopped).  As root it switches to the configured user
 * first, so that the store's files keep one owner. */
#include <limits.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
#include "notify.h"
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
	    "  init --company NAME --admin LOGIN [--name FULLNAME] [--cycle YYYY-Qn] [-f]\n"
	    "                   the company, its first admin and first cycle (the\n"
	    "                   current quarter unless told); -f: though the store\n"
	    "                   has an admin\n"
	    "  people-load [--dry-run] FILE\n"
	    "                   create or update people from a CSV (- for stdin) of\n"
	    "                   login,name,unit path,lead; --dry-run: count only\n"
	    "  synth [-k KRS] [-p PEOPLE] [-c CYCLES]\n"
	    "                   load a synthetic company into an empty store, for\n"
	    "                   measuring at scale (1000000 KRs, 100000 people,\n"
	    "                   4 quarters unless told)\n"
	    "  stats            count the records of each kind\n"
	    "  notify --dry-run list what mubiao-notify would send now: slots due,\n"
	    "                   events not fanned out, deliveries due\n"
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

	int rc;

	/* The folder first, as root: a command run before the supervisor's
	 * first start finds it missing, or made root's by the install. */
	if (priv_ids(c->user, NULL, &uid, &gid, &sgid) != 0 ||
	    priv_user_dir(c->store_dir, c->user, uid, gid, 0700, 1) != 0 ||
	    priv_drop(uid, gid) != 0)
		return -1;
	if ((rc = store_open(c->store_dir, flags, c->cache_mb, st)) != STORE_OK) {
		log_err("cannot open the store in %s%s", c->store_dir,
		    rc != STORE_NEEDRECOVERY || flags & STORE_RECOVER ? "" :
		    ": it needs recovery: stop the supervisor, run mubiao-admin recover");
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

/* Reads file (- for stdin), up to XMLIO_MAXDOC bytes: the buffer (the
 * caller frees it) and its length, or NULL after saying why. */
static char *
read_input(const char *file, size_t *lenp)
{
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, n;
	int tty = isatty(2);
	FILE *f;

	if ((f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb")) == NULL) {
		log_err("%s: cannot open", file);
		return NULL;
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
		return NULL;
	}
	*lenp = len;
	return buf;
}

/* The first admin, the company and the first cycle, in one transaction:
 * what a fresh store needs before anyone can use the admin pages. */
static int
cmd_init(const struct conf *c, int argc, char **argv)
{
	const char *company = NULL, *login = NULL, *name = NULL, *quarter = NULL,
	    **v, *member;
	char qname[16], from[11], to[11], *had;
	struct cycle cy = { 0 };
	struct unit u = { 0 };
	struct person p = { 0 };
	struct store *st;
	struct arena ar;
	int i, force = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0) {
			force = 1;
			continue;
		}
		v = strcmp(argv[i], "--company") == 0 ? &company :
		    strcmp(argv[i], "--admin") == 0 ? &login :
		    strcmp(argv[i], "--name") == 0 ? &name :
		    strcmp(argv[i], "--cycle") == 0 ? &quarter : NULL;
		if (v == NULL || i + 1 >= argc)
			usage();
		*v = argv[++i];
	}
	if (company == NULL || login == NULL) {
		fprintf(stderr, "mubiao-admin: init needs --company NAME and --admin LOGIN\n");
		return 2;
	}
	/* The rules every write is held to, checked before the store opens. */
	u.name = (char *)company;
	if (store_rec_check(REC_UNIT, &u, NULL) != STORE_OK || strchr(company, '/')) {
		fprintf(stderr, "mubiao-admin: --company \"%s\": give 1 to %d characters, "
		    "without control characters or / (people-load's unit paths begin "
		    "with it, units separated by /)\n", company, OKR_MAX_NAME);
		return 2;
	}
	p.login = (char *)login;
	p.name = (char *)(name != NULL ? name : login);
	if (store_rec_check(REC_PERSON, &p, &member) != STORE_OK) {
		if (member != NULL && strcmp(member, "login") == 0)
			fprintf(stderr, "mubiao-admin: --admin \"%s\": a login is 1 to %d "
			    "letters, digits and . _ @ -, as the web server's sign-in "
			    "gives it\n", login, OKR_MAX_LOGIN);
		else
			fprintf(stderr, "mubiao-admin: --name \"%s\": give 1 to %d "
			    "characters, without control characters\n", p.name, OKR_MAX_NAME);
		return 2;
	}
	if (okr_quarter(quarter, okr_today(), qname, &cy.start, &cy.end) != 0) {
		fprintf(stderr, "mubiao-admin: --cycle \"%s\": name a calendar quarter, "
		    "YYYY-Qn (e.g. 2027-Q1)\n", quarter);
		return 2;
	}
	cy.name = qname;
	if (open_as_user(c, STORE_CREATE, &st) != 0)
		return 1;
	arena_init(&ar);
	rc = store_init(st, &ar, company, login, name, &cy, force, &had);
	store_close(st);
	okr_date_format(cy.start, from);
	okr_date_format(cy.end, to);
	if (rc == STORE_CONFLICT)
		fprintf(stderr, "mubiao-admin: the store has an admin already (%s): "
		    "nothing written; add -f to make %s an admin as well\n", had, login);
	else if (rc == STORE_RULE)
		fprintf(stderr, "mubiao-admin: cycle %s (%s to %s) overlaps a cycle of "
		    "the store: nothing written; name another quarter with --cycle\n",
		    qname, from, to);
	else if (rc != STORE_OK)
		fprintf(stderr, "mubiao-admin: init failed (%d): nothing written\n", rc);
	else
		printf("company %s, admin %s, cycle %s (%s to %s) in %s\n", company,
		    login, qname, from, to, c->store_dir);
	arena_free(&ar);
	return rc == STORE_OK ? 0 : 1;
}

/* One CSV record (RFC 4180: quoted fields may hold commas, quotes
 * doubled, line breaks) from *pp, decoded in place: each field ends with
 * a NUL where its text ended, the first maxf in f.  *line is the line it
 * ends on, counted on.  Returns how many fields (0 at the end), -1 for a
 * quote left open or a quote inside a field not quoted. */
static int
csv_record(char **pp, char *end, char **f, int maxf, size_t *line)
{
	char *r = *pp, *w, sep;
	int n = 0;

	if (r >= end)
		return 0;
	for (;;) {
		w = r;
		if (n < maxf)
			f[n] = w;
		n++;
		if (r < end && *r == '"') {
			for (r++;; *w++ = *r++) {
				if (r >= end)
					return -1;
				if (*r == '\n')
					(*line)++;
				if (*r == '"' && (r + 1 >= end || r[1] != '"'))
					break;
				if (*r == '"')
					r++;
			}
			if (++r < end && *r != ',' && *r != '\n' && *r != '\r')
				return -1;
		} else
			for (; r < end && *r != ',' && *r != '\n' && *r != '\r'; *w++ = *r++)
				if (*r == '"')
					return -1;
		sep = r < end ? *r : '\n';
		*w = '\0';	/* at or before sep's place, read already */
		if (r < end)
			r++;
		if (sep == ',')
			continue;
		if (sep == '\r' && r < end && *r == '\n')
			r++;
		(*line)++;
		*pp = r;
		return n;
	}
}

/* s without the spaces and tabs around it. */
static char *
trimmed(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s + strspn(s, " \t");
}

/* The lead flag's spellings: not set (empty too), then set. */
static const char *const lead_words[] = { "", "0", "no", "false", "1", "yes", "true" };
#define LEAD_WORDS	(int)(sizeof(lead_words) / sizeof(lead_words[0]))
#define LEAD_YES	4

/* One person of the CSV, with where it stands. */
struct row {
	struct store_member	 m;
	size_t			 line;
	const char		*path;	/* as written */
	char			*key;	/* the path's units joined by '/' */
};

static int
row_cmp_login(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a, *y = *(struct row *const *)b;
	int c = strcmp(x->m.login, y->m.login);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

static int
row_cmp_lead(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a, *y = *(struct row *const *)b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/* Reports each row whose login (or, lead: whose led unit) an earlier row
 * has, with that row's line.  Returns how many. */
static size_t
repeats(const char *file, struct row **by, size_t n, int lead)
{
	size_t i, j, bad = 0;

#define KEY(r) (lead ? (r)->key : (r)->m.login)
	qsort(by, n, sizeof(*by), lead ? row_cmp_lead : row_cmp_login);
	for (i = 0; i < n; i = j)
		for (j = i + 1; j < n && strcmp(KEY(by[i]), KEY(by[j])) == 0; j++, bad++)
			fprintf(stderr, "%s:%zu: %s \"%s\" %s on line %zu already\n", file,
			    by[j]->line, lead ? "unit path" : "login",
			    lead ? by[j]->path : by[j]->m.login,
			    lead ? "has its lead" : "is", by[i]->line);
#undef KEY
	return bad;
}

/* Checks one CSV record into r; says what is wrong with its line.  0 or
 * -1. */
static int
row_parse(const char *file, struct arena *ar, char **f, int nf, struct row *r)
{
	const char *member, **units;
	char *path, *s, *key;
	struct person p = { 0 };
	struct unit u = { 0 };
	size_t k = 0;

	if (nf < 3 || nf > 4) {
		fprintf(stderr, "%s:%zu: %d fields; a line holds login,name,unit,lead\n",
		    file, r->line, nf);
		return -1;
	}
	p.login = trimmed(f[0]);
	p.name = trimmed(f[1]);
	if (store_rec_check(REC_PERSON, &p, &member) != STORE_OK) {
		if (member != NULL && strcmp(member, "login") == 0)
			fprintf(stderr, "%s:%zu: login \"%s\": a login is 1 to %d letters, "
			    "digits and . _ @ -\n", file, r->line, p.login, OKR_MAX_LOGIN);
		else
			fprintf(stderr, "%s:%zu: name \"%s\": give 1 to %d characters, "
			    "without control characters\n", file, r->line, p.name, OKR_MAX_NAME);
		return -1;
	}
	r->m.login = p.login;
	r->m.name = p.name;
	r->path = path = trimmed(f[2]);
	key = arena_alloc(ar, strlen(path) + 1);
	*key = '\0';
	r->key = key;
	units = arena_alloc(ar, OKR_MAX_DEPTH * sizeof(*units));
	for (s = arena_strdup(ar, path); s != NULL; k++) {
		u.name = s;
		if ((s = strchr(s, '/')) != NULL)
			*s++ = '\0';
		u.name = trimmed(u.name);
		if (*u.name == '\0' || k == OKR_MAX_DEPTH ||
		    store_rec_check(REC_UNIT, &u, NULL) != STORE_OK) {
			fprintf(stderr, "%s:%zu: unit path \"%s\": %s\n", file, r->line, path,
			    *u.name == '\0' ? "a unit without a name (units are separated "
			    "by /, from the company down)" : k == OKR_MAX_DEPTH ?
			    "more units than the tree may hold (16)" :
			    "a unit's name is 1 to 100 characters, without control characters");
			return -1;
		}
		units[k] = u.name;
		if (k > 0)
			strcat(key, "/");
		strcat(key, u.name);
	}
	r->m.units = units;
	r->m.nunits = k;
	s = nf == 4 ? trimmed(f[3]) : (char *)"";
	for (path = s; *path != '\0'; path++)
		*path = (char)tolower((unsigned char)*path);
	if ((k = (size_t)okr_lookup(lead_words, LEAD_WORDS, s)) == (size_t)-1) {
		fprintf(stderr, "%s:%zu: lead \"%s\": write 1 or 0, yes or no, true or "
		    "false, or leave it empty (no)\n", file, r->line, s);
		return -1;
	}
	r->m.lead = k >= LEAD_YES;
	return 0;
}

/* Imports people from a CSV of login,name,unit path,lead: every line is
 * checked first (each error with its line, nothing written), then one
 * transaction writes them all, or (--dry-run) counts what it would. */
static int
cmd_people_load(const struct conf *c, int argc, char **argv)
{
	struct store_member_count cnt;
	struct store_member *m = NULL;
	struct row *rows = NULL, *more, **by = NULL;
	struct store *st = NULL;
	struct unit company;
	struct arena ar;
	const char *file;
	char *buf, *p, *end, *f[5];
	size_t len, line = 1, start, n = 0, cap = 0, i, bad = 0, at;
	int dry = 0, nf, rc = 1;

	if (argc > 2 && strcmp(argv[1], "--dry-run") == 0) {
		dry = 1;
		argv++, argc--;
	}
	if (argc != 2)
		usage();
	file = strcmp(argv[1], "-") == 0 ? "stdin" : argv[1];
	if ((buf = read_input(argv[1], &len)) == NULL ||
	    (p = realloc(buf, len + 1)) == NULL) {
		free(buf);
		return 1;
	}
	buf = p;
	end = buf + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	arena_init(&ar);
	while (start = line, (nf = csv_record(&p, end, f, 5, &line)) != 0) {
		if (nf < 0) {
			fprintf(stderr, "%s:%zu: a quote left open, or one inside a field "
			    "(quote the whole field, and double each quote in it)\n",
			    file, start);
			bad++;
			break;
		}
		if (nf == 1 && *trimmed(f[0]) == '\0')
			continue;	/* a blank line */
		if (n == 0 && bad == 0 && nf >= 3 && strcasecmp(trimmed(f[0]), "login") == 0 &&
		    strcasecmp(trimmed(f[2]), "unit") == 0)
			continue;	/* the header */
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((more = realloc(rows, cap * sizeof(*rows))) == NULL) {
				log_err("%s: out of memory", file);
				goto out;
			}
			rows = more;
		}
		rows[n].line = start;
		if (row_parse(file, &ar, f, nf, &rows[n]) == 0)
			n++;
		else
			bad++;
	}
	if (n + bad == 0) {
		fprintf(stderr, "%s: no people in it (a line holds login,name,unit,lead)\n", file);
		goto out;
	}
	if ((by = calloc(n + 1, sizeof(*by))) == NULL ||
	    (m = calloc(n + 1, sizeof(*m))) == NULL) {
		log_err("%s: out of memory", file);
		goto out;
	}
	/* The same login twice, or two leads of one unit, is a mistake of
	 * the file: which line should win is not for the import to guess. */
	for (i = 0; i < n; i++)
		by[i] = &rows[i];
	bad += repeats(file, by, n, 0);
	for (i = 0, at = 0; i < n; i++)
		if (rows[i].m.lead)
			by[at++] = &rows[i];
	bad += repeats(file, by, at, 1);
	if (bad > 0 || open_as_user(c, STORE_CREATE, &st) != 0)
		goto out;
	if ((rc = store_company(st, &ar, &company)) != STORE_OK) {
		fprintf(stderr, "mubiao-admin: %s: nothing written\n", rc == STORE_NOTFOUND ?
		    "the store has no company yet: run mubiao-admin init first" :
		    "cannot read the company");
		rc = 1;
		goto out;
	}
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].m.units[0], company.name) != 0) {
			fprintf(stderr, "%s:%zu: unit path \"%s\": a path begins with the "
			    "store's company, \"%s\"\n", file, rows[i].line, rows[i].path,
			    company.name);
			bad++;
		}
	rc = 1;
	if (bad > 0)
		goto out;
	for (i = 0; i < n; i++)
		m[i] = rows[i].m;
	if ((rc = store_people_load(st, m, n, dry, &cnt, &at)) != STORE_OK) {
		if (rc == STORE_INVALID && at < n)
			fprintf(stderr, "%s:%zu: cannot be stored: nothing written\n", file,
			    rows[at].line);
		else
			fprintf(stderr, "mubiao-admin: people-load failed (%d): nothing "
			    "written\n", rc);
		rc = 1;
		goto out;
	}
	printf("%s%zu people created, %zu updated, %zu unchanged; %zu units created%s\n",
	    dry ? "dry run: " : "", cnt.created, cnt.updated, cnt.unchanged, cnt.units,
	    dry ? "; nothing written" : "");
	rc = 0;
out:
	if (bad > 0)
		fprintf(stderr, "%s: %zu line%s wrong: nothing written\n", file, bad,
		    bad == 1 ? "" : "s");
	store_close(st);
	arena_free(&ar);
	free(by);
	free(m);
	free(rows);
	free(buf);
	return rc;
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
	char rng[600], *buf;
	size_t len = 0, changed = 0, units = 0;
	int force = 0, tty = isatty(2), rc;

	if (argc > 2 && strcmp(argv[1], "-f") == 0) {
		force = 1;
		argv++, argc--;
	}
	if (argc != 2)
		usage();
	file = argv[1];
	if ((buf = read_input(file, &len)) == NULL)
		return 1;
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
	/* The copy is written as the run user, into a folder of theirs: made
	 * so as root, else db_hotbackup would fail halfway. */
	if (priv_ids(c->user, NULL, &uid, &gid, &sgid) != 0 ||
	    priv_user_dir(argv[1], c->user, uid, gid, 0750, 0) != 0 ||
	    priv_drop(uid, gid) != 0)
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
	char env[PATH_MAX];
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
	/* A backup has no environment (its regions) until it is restored and
	 * recovered: its records are read then, not here. */
	snprintf(env, sizeof(env), "%s/__db.001", dir);
	if (access(env, F_OK) != 0) {
		printf("%d files verified, %d damaged; records not read (no "
		    "environment: a backup's are read once restored)\n", files, bad);
		return bad || files == 0 ? 1 : 0;
	}
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

static void
say_out(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

/* What mubiao-notify would do now, written nowhere and sent nowhere:
 * the slots due that have not fired, the outbox's events not fanned out
 * yet, and the deliveries due, each with where it would go. */
static int
cmd_notify(const struct conf *c, int argc, char **argv)
{
	struct store *st;
	int64_t now;
	int rc;

	if (argc != 2 || strcmp(argv[1], "--dry-run") != 0) {
		fprintf(stderr, "usage: mubiao-admin notify --dry-run\n"
		    "(mubiao-notify, started by mubiao-super, sends)\n");
		return 2;
	}
	if (open_as_user(c, STORE_RDONLY, &st) != 0)
		return 1;
	if (notify_init(c) != 0) {
		store_close(st);
		return 1;
	}
	now = okr_now();
	printf("# what mubiao-notify would do now, in %s\n",
	    c->timezone[0] != '\0' ? c->timezone : "the host's time zone");
	if ((rc = notify_schedule(st, now, 1, say_out, NULL)) == STORE_OK &&
	    (rc = notify_fanout(st, 1, say_out, NULL)) == STORE_OK)
		rc = notify_deliver(st, now, 1, say_out, NULL, NULL);
	notify_cleanup();
	store_close(st);
	return rc == STORE_OK ? 0 : 1;
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
	if (strcmp(argv[0], "init") == 0)
		return cmd_init(&c, argc, argv);
	if (strcmp(argv[0], "people-load") == 0)
		return cmd_people_load(&c, argc, argv);
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
	if (strcmp(argv[0], "notify") == 0)
		return cmd_notify(&c, argc, argv);
	usage();
	return 2;
}
