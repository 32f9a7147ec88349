/* store-core.c: environment, transactions, ids, records, indexes, change log.
 *
 * Each record type lives in a btree keyed by its 4-byte big-endian id; the
 * lists the pages need come from secondary indexes kept by Berkeley DB
 * itself (DB->associate), whose keys are big-endian composites so that a
 * prefix scan returns one group in order.  Ids come from counters in the
 * meta table, taken in the writing transaction. */
#include <sys/file.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "log.h"
#include "okr.h"
#include "store-int.h"

#define RETRY_MS	10000	/* how long a transaction may pause for locks (an
				 * import holds them for seconds) */

static int (*isalive_fn)(int);
static void (*on_commit_fn)(void);

static void
errcall(const DB_ENV *env, const char *pfx, const char *msg)
{
	(void)env, (void)pfx;
	log_err("db: %s", msg);
}

static void
msgcall(const DB_ENV *env, const char *msg)
{
	(void)env;
	log_info("db: %s", msg);
}

/* Maps a Berkeley DB result to a store status; logs the unexpected. */
int
st_dbstatus(int ret, const char *what)
{
	switch (ret) {
	case 0:
		return STORE_OK;
	case DB_NOTFOUND:
		return STORE_NOTFOUND;
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
		return STORE_RETRY;
	case DB_KEYEXIST:
		return STORE_INVALID;
	case DB_RUNRECOVERY:
		log_err("%s: %s", what, db_strerror(ret));
		return STORE_NEEDRECOVERY;
	default:
		log_err("%s: %s", what, db_strerror(ret));
		return STORE_ERR;
	}
}

static int
db_isalive(DB_ENV *env, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
	(void)env, (void)tid, (void)flags;
	/* Never judge pid <= 1 (seen reported as 0): treat it as alive. */
	if (pid <= 1 || isalive_fn == NULL)
		return 1;
	return isalive_fn((int)pid);
}

void
store_set_isalive(int (*fn)(int))
{
	isalive_fn = fn;
}

void
store_set_on_commit(void (*fn)(void))
{
	on_commit_fn = fn;
}

/* How a writer makes the log durable (log_sync); the fsync fault hooks it. */
static int (*log_fsync)(int) = fdatasync;

#ifdef MUBIAO_TEST
/* Disk faults, for the tests of what a failing disk does, in test builds:
 * MUBIAO_FAULT=fsync:N makes every fsync from the Nth on fail with EIO,
 * MUBIAO_FAULT=write:N every write with ENOSPC, through Berkeley DB's
 * I/O hooks.  Only in an open that neither creates nor recovers (the
 * workers; not the supervisor's recovery nor the demo load). */
static long fault_after, fault_calls;

static int
fault_fsync(int fd)
{
	if (++fault_calls >= fault_after) {
		errno = EIO;
		return -1;
	}
	return fsync(fd);
}

static ssize_t
fault_write(int fd, const void *buf, size_t n)
{
	if (++fault_calls >= fault_after) {
		errno = ENOSPC;
		return -1;
	}
	return write(fd, buf, n);
}

static ssize_t
fault_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (++fault_calls >= fault_after) {
		errno = ENOSPC;
		return -1;
	}
	return pwrite(fd, buf, n, off);
}

static void
faults_set(void)
{
	const char *f = getenv("MUBIAO_FAULT");

	if (f == NULL || fault_after != 0)
		return;
	if (strncmp(f, "fsync:", 6) == 0 && (fault_after = atol(f + 6)) > 0) {
		db_env_set_func_fsync(fault_fsync);
		log_fsync = fault_fsync;
	} else if (strncmp(f, "write:", 6) == 0 && (fault_after = atol(f + 6)) > 0) {
		db_env_set_func_write(fault_write);
		db_env_set_func_pwrite(fault_pwrite);
	} else
		return;
	log_err("test hook: %s (disk faults injected)", f);
}
#endif

/* ms: how long an opener waits for a recovery to end (well under a
 * second), and a recovery for others to leave (the supervisor ends its
 * own workers first; what remains is a CGI request, or someone to name). */
#define ENV_WAIT_SHARED	10000
#define ENV_WAIT_EXCL	1000

/* Every process inside the environment holds a read lock on env.lock, and
 * recovery a write lock: recovery under a live process blocks it forever
 * or corrupts the store, and a process that opens the store while recovery
 * runs finds regions half built.  fcntl locks, not flock: F_GETLK names a
 * holder (store_user), and the kernel drops them when a process dies.
 * Returns the lock's descriptor, or -1 if the store stays in use. */
static int
env_lock(const char *dir, int excl)
{
	char path[PATH_MAX];
	struct flock fl;
	int fd, ms, wait = excl ? ENV_WAIT_EXCL : ENV_WAIT_SHARED;

	snprintf(path, sizeof(path), "%s/env.lock", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = excl ? F_WRLCK : F_RDLCK;
	fl.l_whence = SEEK_SET;
	fl.l_len = 1;
	for (ms = 0; fcntl(fd, F_SETLK, &fl) == -1; ms += 20) {
		if ((errno != EAGAIN && errno != EACCES) || ms >= wait) {
			log_err("%s: the store is in use%s (process %d)", dir,
			    excl ? "" : " by its recovery", (int)store_user(dir));
			close(fd);
			return -1;
		}
		usleep(20000);
	}
	return fd;
}

pid_t
store_user(const char *dir)
{
	char path[PATH_MAX];
	struct flock fl;
	int fd;

	snprintf(path, sizeof(path), "%s/env.lock", dir);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) == -1)
		fl.l_pid = -1;
	else if (fl.l_type == F_UNLCK)
		fl.l_pid = 0;
	close(fd);
	return fl.l_pid;
}

/* An environment handle with the settings every opener shares. */
static int
env_create(DB_ENV **env)
{
	int ret;

	if ((ret = db_env_create(env, 0)) != 0)
		return ret;
	(*env)->set_errcall(*env, errcall);
	(*env)->set_msgcall(*env, msgcall);
	/* failchk needs a table of the threads in the environment. */
	(*env)->set_thread_count(*env, 256);
	(*env)->set_isalive(*env, db_isalive);
	return 0;
}

int
store_open(const char *dir, int flags, int cache_mb, struct store **out)
{
	struct store *st;
	u_int32_t eflags = DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_INIT_TXN;
	u_int32_t oflags;
	int ret, t;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return STORE_ERR;
	st->rdonly = (flags & STORE_RDONLY) != 0;
	st->wlock = st->syncfd = -1;
	st->logfd = -1;
	snprintf(st->dir, sizeof(st->dir), "%s", dir);
	if ((st->envlock = env_lock(dir, (flags & (STORE_RECOVER |
	    STORE_RECOVER_FATAL)) != 0)) == -1) {
		free(st);
		return STORE_ERR;
	}
#ifdef MUBIAO_TEST
	if (!(flags & (STORE_RDONLY | STORE_CREATE | STORE_RECOVER | STORE_RECOVER_FATAL)))
		faults_set();
#endif
	if ((ret = env_create(&st->env)) != 0) {
		close(st->envlock);
		free(st);
		return st_dbstatus(ret, "db_env_create");
	}
	/* A deadlock aborts the transaction with the fewest write locks: a
	 * reader, which retries at once, rather than the one writer, which
	 * holds every writer's turn (write_lock) while it runs again.  A
	 * list read through an index (a cursor on the index, then each
	 * record) can meet the writer of one of those records, and a random
	 * choice would abort the writer half of the time.  The policy lives in the environment's regions, which recovery
	 * makes anew (the supervisor recovers as it starts); any other
	 * opener takes what the regions hold (DB_LOCK_DEFAULT), so a
	 * program of another version can still open a running store. */
	st->env->set_lk_detect(st->env, flags & (STORE_RECOVER | STORE_RECOVER_FATAL) ?
	    DB_LOCK_MINWRITE : DB_LOCK_DEFAULT);
	/* Gigabytes and bytes apart: 4096 MB would not fit in 32 bits. */
	st->env->set_cachesize(st->env, (u_int32_t)(cache_mb / 1024),
	    (u_int32_t)(cache_mb % 1024) * 1024 * 1024, 1);
	st->env->set_lk_max_locks(st->env, 20000);
	st->env->set_lk_max_objects(st->env, 20000);
	st->env->set_lk_max_lockers(st->env, 4000);
	if (flags & (STORE_CREATE | STORE_RECOVER | STORE_RECOVER_FATAL))
		eflags |= DB_CREATE;
	if (flags & STORE_RECOVER)
		eflags |= DB_RECOVER;
	if (flags & STORE_RECOVER_FATAL)
		eflags |= DB_RECOVER_FATAL;
	if ((ret = st->env->open(st->env, dir, eflags, 0600)) != 0) {
		ret = st_dbstatus(ret, dir);
		st->env->close(st->env, 0);
		close(st->envlock);
		free(st);
		return ret;
	}
	if (!st->rdonly) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/write.lock", dir);
		if ((st->wlock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) != -1) {
			snprintf(path, sizeof(path), "%s/sync.lock", dir);
			st->syncfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		}
		if (st->syncfd == -1) {
			log_err("%s: %s", path, strerror(errno));
			if (st->wlock != -1)
				close(st->wlock);
			st->env->close(st->env, 0);
			close(st->envlock);
			free(st);
			return STORE_ERR;
		}
	}
	/* DB_AUTO_COMMIT makes the handle transactional, read-only or not. */
	oflags = DB_AUTO_COMMIT | (st->rdonly ? DB_RDONLY : 0);
	if (flags & (STORE_CREATE | STORE_RECOVER))
		oflags |= DB_CREATE;
	for (t = 0; t < T__MAX; t++) {
		const struct table_def *td = &st_tables[t];

		if ((ret = db_create(&st->db[t], st->env, 0)) != 0)
			goto fail;
		if (td->dup && (ret = st->db[t]->set_flags(st->db[t], DB_DUPSORT)) != 0)
			goto fail;
		if ((ret = st->db[t]->open(st->db[t], NULL, td->file, NULL,
		    DB_BTREE, oflags, 0600)) != 0)
			goto fail;
		if (td->key != NULL && (ret = st->db[td->primary]->associate(
		    st->db[td->primary], NULL, st->db[t], td->key,
		    oflags & DB_CREATE)) != 0)
			goto fail;
	}
	/* Recovered: others may come in (fcntl converts in place).  Recovery
	 * may end the log below the mark of log_sync(), which would then
	 * spare new commits their sync: the mark starts again. */
	if (flags & (STORE_RECOVER | STORE_RECOVER_FATAL)) {
		struct flock fl;

		if (ftruncate(st->syncfd, 0) == -1)
			log_err("sync.lock: %s", strerror(errno));
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_RDLCK;
		fl.l_whence = SEEK_SET;
		fl.l_len = 1;
		fcntl(st->envlock, F_SETLK, &fl);
	}
	*out = st;
	return STORE_OK;
fail:
	ret = st_dbstatus(ret, st_tables[t].file);
	store_close(st);
	return ret == STORE_OK ? STORE_ERR : ret;
}

void
store_close(struct store *st)
{
	int t;

	if (st == NULL)
		return;
	/* Secondaries before their primaries. */
	for (t = T__MAX - 1; t >= 0; t--)
		if (st->db[t] != NULL)
			st->db[t]->close(st->db[t], 0);
	st->env->close(st->env, 0);
	if (st->wlock != -1)
		close(st->wlock);
	if (st->syncfd != -1)
		close(st->syncfd);
	if (st->logfd != -1)
		close(st->logfd);
	close(st->envlock);
	free(st);
}

int
store_failchk(struct store *st)
{
	int ret = st->env->failchk(st->env, 0);

	/* A process died inside Berkeley DB holding a mutex: every process
	 * must leave and recovery run.  Closing normally would wait forever
	 * on that mutex; a panicked environment makes every call return at
	 * once instead. */
	if (ret == DB_RUNRECOVERY)
		store_panic(st);
	return st_dbstatus(ret, "failchk");
}

int
store_failchk_dir(const char *dir)
{
	DB_ENV *env;
	int fd, ret;

	if ((fd = env_lock(dir, 0)) == -1)
		return STORE_ERR;
	if ((ret = env_create(&env)) == 0) {
		if ((ret = env->open(env, dir, DB_INIT_LOCK | DB_INIT_LOG |
		    DB_INIT_MPOOL | DB_INIT_TXN, 0)) == 0)
			ret = env->failchk(env, 0);
		/* As store_failchk: a panicked environment is not closed. */
		if (ret == DB_RUNRECOVERY)
			env->set_flags(env, DB_PANIC_ENVIRONMENT, 1);
		else
			env->close(env, 0);
	}
	close(fd);
	return st_dbstatus(ret, "failchk");
}

void
store_panic(struct store *st)
{
	st->env->set_flags(st->env, DB_PANIC_ENVIRONMENT, 1);
}

int
store_checkpoint(struct store *st)
{
	return st_dbstatus(st->env->txn_checkpoint(st->env, 0, 0, 0), "checkpoint");
}

/* One writer at a time, across processes.  Every write touches the same
 * few pages (the id counters, the last page of the change log, of the
 * check-ins, of the history), and Berkeley DB locks pages, not records:
 * concurrent writers would deadlock one another until they gave up.  In turn, each holds the store only while its
 * transaction runs, not while the log reaches the disk (txn_run). The
 * kernel drops the lock of a process that dies. */
static void
write_lock(int fd, int op)
{
	while (fd != -1 && flock(fd, op) == -1 && errno == EINTR)
		;
}

/* The end of the log (file, offset) as one comparable number. */
static int
log_end(struct store *st, uint64_t *end)
{
	DB_LOG_STAT *ls;
	int ret;

	if ((ret = st->env->log_stat(st->env, &ls, 0)) != 0)
		return st_dbstatus(ret, "log stat");
	*end = (uint64_t)ls->st_cur_file << 32 | ls->st_cur_offset;
	free(ls);
	return STORE_OK;
}

/* Puts this writer's commit on disk, outside Berkeley DB.  A process
 * killed inside a Berkeley DB call leaves the environment to recovery,
 * which stops every worker, and DB_ENV->log_flush holds the log's flush
 * mutex across its fsync, where writers spent most of their time in the
 * library; killed here, a writer leaves nothing behind (the kernel drops
 * its flock).  Group commit as log_flush's: one writer at a time syncs
 * the current log file, and records in sync.lock how far the log was
 * then; a writer whose commit lies below that mark is done.  A commit is
 * written (DB_TXN_WRITE_NOSYNC) before the end of the log moves past it,
 * to the current file or an older one, which Berkeley DB synced before
 * moving on.  A failed sync panics the environment, as Berkeley DB's own
 * does: the kernel may have dropped the pages, and a later sync succeed
 * without them. */
static int
log_sync(struct store *st)
{
	char path[PATH_MAX + 16];
	uint64_t mine, done, upto;
	u_int32_t file;
	int rc;

	if ((rc = log_end(st, &mine)) != STORE_OK)
		return rc;
	write_lock(st->syncfd, LOCK_EX);
	if (pread(st->syncfd, &done, sizeof(done), 0) == sizeof(done) && done >= mine)
		goto out;
	if ((rc = log_end(st, &upto)) != STORE_OK)
		goto out;
	file = (u_int32_t)(upto >> 32);
	snprintf(path, sizeof(path), "%s/log.%010u", st->dir, (unsigned)file);
	if (st->logfd == -1 || st->logfile != file) {
		if (st->logfd != -1)
			close(st->logfd);
		if ((st->logfd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
			log_err("%s: %s", path, strerror(errno));
			rc = STORE_ERR;
			goto out;
		}
		st->logfile = file;
	}
	if (log_fsync(st->logfd) == -1) {
		log_err("%s: %s", path, strerror(errno));
		store_panic(st);
		rc = STORE_ERR;
		goto out;
	}
	if (pwrite(st->syncfd, &upto, sizeof(upto), 0) != sizeof(upto))
		log_err("sync.lock: %s", strerror(errno));
out:
	write_lock(st->syncfd, LOCK_UN);
	return rc;
}

/* No transaction waits for a lock inside Berkeley DB (DB_TXN_NOWAIT): a
 * process killed while it waits there leaves a waiter in a condition
 * variable that failchk must destroy, and glibc's pthread_cond_destroy
 * then blocks for good, so the supervisor recovers and stops every
 * worker.  A transaction that meets a lock is aborted and runs again after
 * a pause taken outside the library, until the pauses reach RETRY_MS. */
int
st_txn_run(struct store *st, int write, txn_fn fn, void *arg)
{
	DB_TXN *txn;
	long paused = 0, pause;
	int ret, rc, tries;

	for (tries = 0; paused < RETRY_MS * 1000L; tries++) {
		if (tries > 0) {
			pause = 500L << (tries < 5 ? tries : 5);
			usleep((useconds_t)pause);
			paused += pause;
		}
		if (write)
			write_lock(st->wlock, LOCK_EX);
		ret = st->env->txn_begin(st->env, NULL, &txn,
		    (write ? 0 : DB_READ_COMMITTED) | DB_TXN_NOWAIT);
		if ((rc = st_dbstatus(ret, "txn_begin")) != STORE_OK) {
			if (write)
				write_lock(st->wlock, LOCK_UN);
			return rc == STORE_RETRY ? STORE_ERR : rc;
		}
		rc = fn(st, txn, arg);
		if (rc == STORE_OK && !write) {
			/* A commit ends the transaction even when it fails. */
			rc = st_dbstatus(txn->commit(txn, 0), "commit");
			return rc == STORE_RETRY ? STORE_ERR : rc;
		}
		if (rc == STORE_OK) {
			/* Group commit.  Writers take turns (write_lock), so a
			 * synchronous commit would make each wait for the fsync
			 * of the one before.  Instead the commit record is
			 * written without waiting, the turn passes on, and the
			 * log is flushed to disk before this writer answers: one
			 * fsync covers every writer that committed meanwhile.  A
			 * write is acknowledged only once its commit is on disk;
			 * others may read it a moment earlier. */
			rc = st_dbstatus(txn->commit(txn, DB_TXN_WRITE_NOSYNC), "commit");
			write_lock(st->wlock, LOCK_UN);
			if (rc == STORE_OK)
				rc = log_sync(st);
			if (on_commit_fn != NULL)
				on_commit_fn();
			return rc == STORE_RETRY ? STORE_ERR : rc;
		}
		txn->abort(txn);
		if (write)
			write_lock(st->wlock, LOCK_UN);
		if (rc != STORE_RETRY)
			return rc;
	}
	log_err("transaction gave up after %d tries that met locks", tries);
	return STORE_ERR;
}

void
st_dbt_init(DBT *d, void *data, size_t size)
{
	memset(d, 0, sizeof(*d));
	d->data = data;
	d->size = (u_int32_t)size;
}

/* Reads record id of table t into rec; rmw locks it for writing. */
int
st_rec_get(struct store *st, DB_TXN *txn, enum table t, uint32_t id, void *rec,
    struct arena *ar, int rmw)
{
	unsigned char kb[4];
	DBT k, d;
	int rc;

	be32(kb, id);
	st_dbt_init(&k, kb, 4);
	st_dbt_init(&d, NULL, 0);
	rc = st_dbstatus(st->db[t]->get(st->db[t], txn, &k, &d, rmw ? DB_RMW : 0),
	    st_tables[t].file);
	if (rc != STORE_OK)
		return rc;
	if (codec_decode(st_tables[t].codec, d.data, d.size, rec, ar) == -1) {
		log_err("%s: record %u is damaged", st_tables[t].file, id);
		return STORE_ERR;
	}
	return STORE_OK;
}

/* Notes in the change log that record id of primary table t was written
 * now, in the writer's transaction: a feed's since= then sees exactly
 * what committed.  The key holds the codec's letter for the type. */
int
st_changelog_add(struct store *st, DB_TXN *txn, enum table t, uint32_t id)
{
	unsigned char kb[13];
	uint64_t now = (uint64_t)time(NULL);
	DBT k, d;
	int i;

	for (i = 0; i < 8; i++)
		kb[i] = (unsigned char)(now >> (56 - 8 * i));
	kb[8] = st_tables[t].codec->rtype;
	be32(kb + 9, id);
	st_dbt_init(&k, kb, sizeof(kb));
	st_dbt_init(&d, NULL, 0);
	return st_dbstatus(st->db[T_CHANGELOG]->put(st->db[T_CHANGELOG], txn, &k, &d, 0),
	    "changelog");
}

int
st_rec_put(struct store *st, DB_TXN *txn, enum table t, uint32_t id, const void *rec)
{
	static unsigned char buf[CODEC_MAXREC];
	unsigned char kb[4];
	size_t n;
	DBT k, d;
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	/* The notifications' records are checked by their operations. */
	if (st_tables[t].rtype != REC__MAX &&
	    store_rec_check(st_tables[t].rtype, rec, NULL) != STORE_OK)
		return STORE_INVALID;
	if ((n = codec_encode(st_tables[t].codec, rec, buf)) == 0)
		return STORE_INVALID;
	be32(kb, id);
	st_dbt_init(&k, kb, 4);
	st_dbt_init(&d, buf, n);
	if ((rc = st_dbstatus(st->db[t]->put(st->db[t], txn, &k, &d, 0),
	    st_tables[t].file)) != STORE_OK)
		return rc;
	return st_tables[t].rtype == REC__MAX ? STORE_OK :
	    st_changelog_add(st, txn, t, id);
}

/* The last id table t gave, from its counter in the meta table (0: none
 * yet); rmw: locked for the write that follows. */
int
st_last_id(struct store *st, DB_TXN *txn, enum table t, int rmw, uint32_t *id)
{
	unsigned char kb[5] = { 's', 'e', 'q', ':', (unsigned char)t };
	DBT k, d;
	int rc;

	st_dbt_init(&k, kb, sizeof(kb));
	st_dbt_init(&d, NULL, 0);
	rc = st_dbstatus(st->db[T_META]->get(st->db[T_META], txn, &k, &d,
	    rmw ? DB_RMW : 0), "meta");
	*id = rc == STORE_OK && d.size == 4 ? rd32(d.data) : 0;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

/* Takes the next id of table t from its counter in the meta table. */
int
st_next_id(struct store *st, DB_TXN *txn, enum table t, uint32_t *id)
{
	unsigned char kb[5] = { 's', 'e', 'q', ':', (unsigned char)t }, vb[4];
	uint32_t v;
	DBT k, d;
	int rc;

	if ((rc = st_last_id(st, txn, t, 1, &v)) != STORE_OK)
		return rc;
	if (v == UINT32_MAX)
		return STORE_INVALID;
	*id = ++v;
	be32(vb, v);
	st_dbt_init(&k, kb, sizeof(kb));
	st_dbt_init(&d, vb, 4);
	return st_dbstatus(st->db[T_META]->put(st->db[T_META], txn, &k, &d, 0), "meta");
}

void *
st_vec_push(struct arena *ar, struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		char *items = arena_alloc(ar, cap * v->size);

		if (v->n)
			memcpy(items, v->items, v->n * v->size);
		v->items = items;
		v->cap = cap;
	}
	return v->items + v->n++ * v->size;
}

/* Lists the records whose key in table t (a secondary, or a primary for a
 * full scan with plen 0) starts with prefix, in key order. */
int
st_rec_list(struct store *st, DB_TXN *txn, enum table t, const void *prefix,
    size_t plen, struct arena *ar, struct vec *out)
{
	const struct table_def *pt = &st_tables[st_tables[t].primary];
	unsigned char kb[256];
	DBC *c;
	DBT k, pk, d;
	u_int32_t flag = plen ? DB_SET_RANGE : DB_FIRST;
	int ret, rc;

	if (plen > sizeof(kb))
		return STORE_INVALID;
	if (plen > 0)	/* a whole table passes no prefix at all (NULL) */
		memcpy(kb, prefix, plen);
	if ((ret = st->db[t]->cursor(st->db[t], txn, &c, 0)) != 0)
		return st_dbstatus(ret, st_tables[t].file);
	out->size = pt->size;
	for (;;) {
		st_dbt_init(&k, kb, plen);
		st_dbt_init(&pk, NULL, 0);
		st_dbt_init(&d, NULL, 0);
		if (t == st_tables[t].primary)
			ret = c->get(c, &k, &d, flag);
		else
			ret = c->pget(c, &k, &pk, &d, flag);
		flag = DB_NEXT;
		if (ret != 0)
			break;
		if (k.size < plen || (plen > 0 && memcmp(k.data, prefix, plen) != 0))
			break;
		if (codec_decode(pt->codec, d.data, d.size, st_vec_push(ar, out), ar) == -1) {
			log_err("%s: damaged record", pt->file);
			ret = EINVAL;
			break;
		}
	}
	rc = ret == DB_NOTFOUND || ret == 0 ? STORE_OK : st_dbstatus(ret, st_tables[t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, st_tables[t].file);
	return rc;
}

static int
op_get(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;

	return st_rec_get(st, txn, op->t, op->id, op->rec, op->ar, 0);
}

static int
op_list(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;

	op->vec.n = 0;
	return st_rec_list(st, txn, op->t, op->key, op->klen, op->ar, &op->vec);
}

int
st_get_by_id(struct store *st, struct arena *ar, enum table t, uint32_t id, void *rec)
{
	struct op op = { .t = t, .id = id, .rec = rec, .ar = ar };

	return st_txn_run(st, 0, op_get, &op);
}

/* Lists by a key of up to two big-endian ids (nkeys 0: the whole table). */
int
st_list_by(struct store *st, struct arena *ar, enum table t, int nkeys,
    uint32_t a, uint32_t b, void *items, size_t *n)
{
	struct op op = { .t = t, .ar = ar };
	int rc;

	be32(op.key, a);
	be32(op.key + 4, b);
	op.klen = (size_t)nkeys * 4;
	rc = st_txn_run(st, 0, op_list, &op);
	*(void **)items = rc == STORE_OK ? op.vec.items : NULL;
	*n = rc == STORE_OK ? op.vec.n : 0;
	return rc;
}

/* Loads the actor; an unknown person may not write. */
int
st_load_actor(struct store *st, DB_TXN *txn, struct wctx *w)
{
	int rc;

	if (w->actor == STORE_SYSTEM)
		return STORE_OK;
	rc = st_rec_get(st, txn, T_PEOPLE, w->actor, &w->me, &w->ar, 0);
	return rc == STORE_NOTFOUND ? STORE_FORBIDDEN : rc;
}

int
st_is_admin(const struct wctx *w)
{
	return w->actor == STORE_SYSTEM || w->me.role == ROLE_ADMIN;
}

int
st_up_step(void *arg, uint32_t id, uint32_t *parent)
{
	struct upwalk *w = arg;
	struct unit u;

	if (w->self != NULL && id == w->self->id)
		u = *w->self;
	else if ((w->rc = st_rec_get(w->st, w->txn, T_UNITS, id, &u, w->ar, 0)) !=
	    STORE_OK)
		return -1;
	*parent = u.parent;
	w->depth++;
	return w->lead != 0 && u.lead == w->lead;
}

/* Walks up from unit: *stopped says whether it stopped (see struct
 * upwalk), *top (if not NULL) is the topmost unit otherwise.  STORE_RULE
 * for a loop or a chain deeper than OKR_MAX_DEPTH, else the status of the
 * read that failed (STORE_NOTFOUND: a unit on the way is missing). */
int
st_up_walk(struct upwalk *w, uint32_t unit, int *stopped, uint32_t *top)
{
	int rc;

	w->rc = STORE_OK;
	w->depth = 0;
	rc = okr_unit_walk(unit, st_up_step, w, top);
	*stopped = rc == 1;
	if (rc >= 0)
		return STORE_OK;
	return w->rc != STORE_OK ? w->rc : STORE_RULE;
}

/* Whether every unit below unit lies at most levels further down (else
 * STORE_RULE): a unit moved deeper takes its sub-units with it. */
static int
below_within(struct store *st, DB_TXN *txn, struct arena *ar, uint32_t unit,
    int levels)
{
	struct vec v = { 0 };
	unsigned char key[4];
	struct unit *kids;
	size_t i;
	int rc;

	be32(key, unit);
	if ((rc = st_rec_list(st, txn, T_UNIT_PARENT, key, 4, ar, &v)) != STORE_OK)
		return rc;
	if (v.n > 0 && levels <= 0)
		return STORE_RULE;
	kids = (struct unit *)v.items;
	for (i = 0; i < v.n; i++)
		if (kids[i].id != unit && (rc = below_within(st, txn, ar,
		    kids[i].id, levels - 1)) != STORE_OK)
			return rc;
	return STORE_OK;
}

/* Whether unit's chain, walked with uw (its self, if any, counting with
 * its new parent), reaches the top within OKR_MAX_DEPTH, its sub-units
 * included: STORE_OK, STORE_RULE, or the status of a failed read. */
int
st_tree_ok(struct upwalk *uw, uint32_t unit)
{
	int rc, stopped;

	if ((rc = st_up_walk(uw, unit, &stopped, NULL)) != STORE_OK || unit == 0)
		return rc;
	return below_within(uw->st, uw->txn, uw->ar, unit, OKR_MAX_DEPTH - uw->depth);
}

/* A field's value as the history shows it. */
static const char *
field_text(struct store *st, DB_TXN *txn, struct wctx *w, const struct field *f,
    const void *rec)
{
	const char *p = (const char *)rec + f->off;
	char buf[32];
	struct person who;
	int64_t v = 0;

	switch (f->type) {
	case FT_STR:
		return *(char *const *)p != NULL ? *(char *const *)p : "";
	case FT_DBL:
		/* A negative default means "none yet" (a KR's grade). */
		if (f->def < 0 && *(const double *)p < 0)
			return "";
		okr_num_format(*(const double *)p, buf);
		return arena_strdup(&w->ar, buf);
	case FT_U32:
		v = *(const uint32_t *)p;
		break;
	case FT_I32:
		v = *(const int32_t *)p;
		break;
	default:
		v = *(const int64_t *)p;
		break;
	}
	switch (f->fmt) {
	case FMT_DATE:
		if (v == 0)
			return "";
		okr_date_format((int32_t)v, buf);
		return arena_strdup(&w->ar, buf);
	case FMT_ENUM:
		/* A value from a newer build reads as its number. */
		return v >= 0 && v < f->nenames ? f->enames[v] :
		    arena_printf(&w->ar, "%lld", (long long)v);
	case FMT_PERSON:
		if (v == 0)
			return "";
		return st_rec_get(st, txn, T_PEOPLE, (uint32_t)v, &who, &w->ar, 0) ==
		    STORE_OK ? who.login : arena_printf(&w->ar, "#%lld", (long long)v);
	case FMT_KR:
		return v == 0 ? "" : arena_printf(&w->ar, "#%lld", (long long)v);
	default:
		return arena_printf(&w->ar, "%lld", (long long)v);
	}
}

/* Appends one change to the history. */
int
st_history_add(struct store *st, DB_TXN *txn, struct wctx *w, uint32_t obj,
    enum rtype record, uint32_t rid, const char *field, const char *old,
    const char *new)
{
	struct change c = { 0, obj, rid, w->actor, store_codec(record)->rtype,
	    w->now, (char *)field, (char *)old, (char *)new };
	int rc;

	if ((rc = st_next_id(st, txn, T_HISTORY, &c.id)) != STORE_OK)
		return rc;
	return st_rec_put(st, txn, T_HISTORY, c.id, &c);
}

/* Records every field that differs between old and new (old NULL: the
 * record was created). */
int
st_history_diff(struct store *st, DB_TXN *txn, struct wctx *w, enum table t,
    uint32_t obj, uint32_t rid, const void *old, const void *new)
{
	const struct codec *c = st_tables[t].codec;
	enum rtype record = st_tables[t].rtype;
	const char *a, *b;
	size_t i;
	int rc;

	if (old == NULL) {
		/* A creation shows the record's title. */
		for (i = 0; i < c->nfields && c->fields[i].off != st_tables[t].title; i++)
			;
		return st_history_add(st, txn, w, obj, record, rid, "created", "",
		    i < c->nfields && st_tables[t].title != 0 ?
		    field_text(st, txn, w, &c->fields[i], new) : "");
	}
	for (i = 0; i < c->nfields; i++) {
		if (c->fields[i].fmt == FMT_NONE || c->fields[i].name == NULL)
			continue;
		a = field_text(st, txn, w, &c->fields[i], old);
		b = field_text(st, txn, w, &c->fields[i], new);
		if (strcmp(a, b) != 0 && (rc = st_history_add(st, txn, w, obj, record,
		    rid, c->fields[i].name, a, b)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* Reads the stored version of a record for writing and checks that the
 * writer saw it: of two saves from the same version exactly one wins. */
int
st_check_version(struct store *st, DB_TXN *txn, struct wctx *w, enum table t,
    uint32_t id, uint32_t seen, void *old)
{
	int rc = st_rec_get(st, txn, t, id, old, &w->ar, 1);

	if (rc != STORE_OK)
		return rc;
	return *(uint32_t *)((char *)old + st_tables[t].version) == seen ?
	    STORE_OK : STORE_CONFLICT;
}

/* Takes a new id for a record, or checks the version of an existing one
 * into old; sets the record's next version. */
int
st_prepare(struct store *st, DB_TXN *txn, struct wctx *w, enum table t,
    void *rec, void *old, int *created)
{
	uint32_t *idp = rec, *verp = (uint32_t *)((char *)rec + st_tables[t].version);
	int rc;

	*created = *idp == 0;
	if (*created) {
		*verp = 1;
		return st_next_id(st, txn, t, idp);
	}
	if ((rc = st_check_version(st, txn, w, t, *idp, *verp, old)) != STORE_OK)
		return rc;
	(*verp)++;
	return STORE_OK;
}

/* Runs write operation fn on its argument block op, whose context w
 * gets its arena and the time. */
int
st_write_op(struct store *st, txn_fn fn, struct wctx *w, void *op)
{
	int rc;

	arena_init(&w->ar);
	w->now = okr_now();
	rc = st_txn_run(st, 1, fn, op);
	arena_free(&w->ar);
	return rc;
}

/* Runs a write of one record; on failure the caller's record keeps its
 * id and version, so that a form can be shown again as it was. */
int
st_write_rec(struct store *st, txn_fn fn, uint32_t actor, void *rec, enum table t)
{
	struct put_op op = { .w = { .actor = actor }, .rec = rec };
	uint32_t id = *(uint32_t *)rec;
	uint32_t ver = *(uint32_t *)((char *)rec + st_tables[t].version);
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	if ((rc = st_write_op(st, fn, &op.w, &op)) != STORE_OK) {
		*(uint32_t *)rec = id;
		*(uint32_t *)((char *)rec + st_tables[t].version) = ver;
	}
	return rc;
}

/* Whether record id is in table t (STORE_OK, STORE_NOTFOUND), unread. */
int
st_exists(struct store *st, DB_TXN *txn, enum table t, uint32_t id)
{
	unsigned char kb[4];
	DBT k, d;

	if (t == T__MAX)
		return STORE_INVALID;
	be32(kb, id);
	st_dbt_init(&k, kb, 4);
	memset(&d, 0, sizeof(d));
	d.flags = DB_DBT_PARTIAL;
	return st_dbstatus(st->db[t]->get(st->db[t], txn, &k, &d, 0), st_tables[t].file);
}
