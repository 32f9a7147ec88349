/* store.c: the one storage module, over a transactional Berkeley DB
 * environment (see store.h).
 *
 * Each record type lives in a btree keyed by its 4-byte big-endian id; the
 * lists the pages need come from secondary indexes kept by Berkeley DB
 * itself (DB->associate), whose keys are big-endian composites so that a
 * prefix scan returns one group in order.  Ids come from counters in the
 * meta table, taken in the writing transaction. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <db.h>

#include "arena.h"
#include "codec.h"
#include "log.h"
#include "okr.h"
#include "store.h"

#define STORE_RETRY	100	/* internal: deadlock, run the transaction again */
#define MAX_RETRIES	20

#define F(s, tag, type, member, def) { tag, type, offsetof(struct s, member), def }
#define CODEC(name, rtype, fields) const struct codec name = \
	{ rtype, fields, sizeof(fields) / sizeof(fields[0]) }

static const struct field unit_fields[] = {
	F(unit, 1, FT_U32, id, 0), F(unit, 2, FT_U32, parent, 0),
	F(unit, 3, FT_I32, level, 0), F(unit, 4, FT_U32, lead, 0),
	F(unit, 5, FT_STR, name, 0),
};
static const struct field person_fields[] = {
	F(person, 1, FT_U32, id, 0), F(person, 2, FT_U32, unit, 0),
	F(person, 3, FT_U32, manager, 0), F(person, 4, FT_I32, role, 0),
	F(person, 5, FT_STR, login, 0), F(person, 6, FT_STR, name, 0),
};
static const struct field cycle_fields[] = {
	F(cycle, 1, FT_U32, id, 0), F(cycle, 2, FT_I32, start, 0),
	F(cycle, 3, FT_I32, end, 0), F(cycle, 4, FT_I32, state, 0),
	F(cycle, 5, FT_STR, name, 0),
};
static const struct field objective_fields[] = {
	F(objective, 1, FT_U32, id, 0), F(objective, 2, FT_U32, cycle, 0),
	F(objective, 3, FT_U32, unit, 0), F(objective, 4, FT_U32, owner, 0),
	F(objective, 5, FT_U32, parent_kr, 0), F(objective, 6, FT_I32, level, 0),
	F(objective, 7, FT_I32, state, OBJ_ACTIVE),
	F(objective, 8, FT_U32, version, 1),
	F(objective, 9, FT_U32, created_by, 0), F(objective, 10, FT_U32, updated_by, 0),
	F(objective, 11, FT_I64, created_at, 0), F(objective, 12, FT_I64, updated_at, 0),
	F(objective, 13, FT_STR, title, 0), F(objective, 14, FT_STR, description, 0),
};
static const struct field kr_fields[] = {
	F(kr, 1, FT_U32, id, 0), F(kr, 2, FT_U32, objective, 0),
	F(kr, 3, FT_U32, owner, 0), F(kr, 4, FT_I32, kind, 0),
	F(kr, 5, FT_I32, direction, 0), F(kr, 6, FT_I32, due, 0),
	F(kr, 7, FT_U32, version, 1), F(kr, 8, FT_DBL, start, 0),
	F(kr, 9, FT_DBL, target, 0), F(kr, 10, FT_DBL, current, 0),
	F(kr, 11, FT_DBL, weight, 1), F(kr, 12, FT_DBL, confidence, 0.5),
	F(kr, 13, FT_I64, updated_at, 0), F(kr, 14, FT_STR, title, 0),
	F(kr, 15, FT_STR, unit_label, 0),
};
static const struct field checkin_fields[] = {
	F(checkin, 1, FT_U32, id, 0), F(checkin, 2, FT_U32, kr, 0),
	F(checkin, 3, FT_U32, author, 0), F(checkin, 4, FT_I64, at, 0),
	F(checkin, 5, FT_DBL, value, 0), F(checkin, 6, FT_DBL, confidence, 0.5),
	F(checkin, 7, FT_STR, note, 0),
};

CODEC(store_codec_unit, 'U', unit_fields);
CODEC(store_codec_person, 'P', person_fields);
CODEC(store_codec_cycle, 'C', cycle_fields);
CODEC(store_codec_objective, 'O', objective_fields);
CODEC(store_codec_kr, 'K', kr_fields);
CODEC(store_codec_checkin, 'I', checkin_fields);

enum table {
	T_META,
	T_UNITS, T_UNIT_PARENT,
	T_PEOPLE, T_PEOPLE_LOGIN, T_PEOPLE_UNIT,
	T_CYCLES,
	T_OBJ, T_OBJ_CYCLE_UNIT, T_OBJ_OWNER, T_OBJ_PARENT,
	T_KRS, T_KR_OBJ,
	T_CHECKINS, T_CI_KR,
	T__MAX
};

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Hands a secondary key to Berkeley DB, which frees it (APPMALLOC). */
static int
skey_set(DBT *skey, const void *buf, size_t n)
{
	void *p = malloc(n);

	if (p == NULL)
		return ENOMEM;
	memcpy(p, buf, n);
	memset(skey, 0, sizeof(*skey));
	skey->data = p;
	skey->size = (u_int32_t)n;
	skey->flags = DB_DBT_APPMALLOC;
	return 0;
}

/* Secondary key of up to three big-endian parts; a zero first part is
 * not indexed (an objective without owner or parent KR). */
static int
skey_parts(DBT *skey, uint32_t a, uint32_t b, int n, int64_t c, int has_c)
{
	unsigned char buf[16];
	size_t len = 4;

	if (a == 0)
		return DB_DONOTINDEX;
	be32(buf, a);
	if (n > 1) {
		be32(buf + 4, b);
		len = 8;
	}
	if (has_c) {
		be32(buf + len, (uint32_t)((uint64_t)c >> 32));
		be32(buf + len + 4, (uint32_t)c);
		len += 8;
	}
	return skey_set(skey, buf, len);
}

#define DECODE(codec, rec) \
	if (codec_decode(&(codec), pdata->data, pdata->size, &(rec), NULL) == -1) \
		return EINVAL

static int
key_unit_parent(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct unit u;

	(void)db, (void)pkey;
	DECODE(store_codec_unit, u);
	return skey_parts(skey, u.parent, 0, 1, 0, 0);
}

static int
key_people_login(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct person p;
	struct arena ar;
	int rc;

	(void)db, (void)pkey;
	arena_init(&ar);
	if (codec_decode(&store_codec_person, pdata->data, pdata->size, &p, &ar) == -1 ||
	    p.login == NULL)
		rc = EINVAL;
	else
		rc = skey_set(skey, p.login, strlen(p.login));
	arena_free(&ar);
	return rc;
}

static int
key_people_unit(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct person p;

	(void)db, (void)pkey;
	DECODE(store_codec_person, p);
	return skey_parts(skey, p.unit, 0, 1, 0, 0);
}

static int
key_obj_cycle_unit(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct objective o;

	(void)db, (void)pkey;
	DECODE(store_codec_objective, o);
	return skey_parts(skey, o.cycle, o.unit, 2, 0, 0);
}

static int
key_obj_owner(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct objective o;

	(void)db, (void)pkey;
	DECODE(store_codec_objective, o);
	return skey_parts(skey, o.owner, o.cycle, 2, 0, 0);
}

static int
key_obj_parent(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct objective o;

	(void)db, (void)pkey;
	DECODE(store_codec_objective, o);
	return skey_parts(skey, o.parent_kr, 0, 1, 0, 0);
}

static int
key_kr_obj(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct kr k;

	(void)db, (void)pkey;
	DECODE(store_codec_kr, k);
	return skey_parts(skey, k.objective, 0, 1, 0, 0);
}

static int
key_ci_kr(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct checkin c;

	(void)db, (void)pkey;
	DECODE(store_codec_checkin, c);
	return skey_parts(skey, c.kr, 0, 1, c.at, 1);
}

typedef int (*keyfn)(DB *, const DBT *, const DBT *, DBT *);

static const struct table_def {
	const char		*file;
	enum table		 primary;	/* itself for a primary */
	keyfn			 key;		/* secondaries only */
	int			 dup;		/* secondary allows duplicates */
	const struct codec	*codec;		/* primaries only */
	size_t			 size;		/* record struct size */
} tables[T__MAX] = {
	[T_META] = { "meta.db", T_META, NULL, 0, NULL, 0 },
	[T_UNITS] = { "units.db", T_UNITS, NULL, 0, &store_codec_unit, sizeof(struct unit) },
	[T_UNIT_PARENT] = { "units-parent.idx", T_UNITS, key_unit_parent, 1, NULL, 0 },
	[T_PEOPLE] = { "people.db", T_PEOPLE, NULL, 0, &store_codec_person, sizeof(struct person) },
	[T_PEOPLE_LOGIN] = { "people-login.idx", T_PEOPLE, key_people_login, 0, NULL, 0 },
	[T_PEOPLE_UNIT] = { "people-unit.idx", T_PEOPLE, key_people_unit, 1, NULL, 0 },
	[T_CYCLES] = { "cycles.db", T_CYCLES, NULL, 0, &store_codec_cycle, sizeof(struct cycle) },
	[T_OBJ] = { "objectives.db", T_OBJ, NULL, 0, &store_codec_objective, sizeof(struct objective) },
	[T_OBJ_CYCLE_UNIT] = { "objectives-cycle-unit.idx", T_OBJ, key_obj_cycle_unit, 1, NULL, 0 },
	[T_OBJ_OWNER] = { "objectives-owner.idx", T_OBJ, key_obj_owner, 1, NULL, 0 },
	[T_OBJ_PARENT] = { "objectives-parent-kr.idx", T_OBJ, key_obj_parent, 1, NULL, 0 },
	[T_KRS] = { "krs.db", T_KRS, NULL, 0, &store_codec_kr, sizeof(struct kr) },
	[T_KR_OBJ] = { "krs-objective.idx", T_KRS, key_kr_obj, 1, NULL, 0 },
	[T_CHECKINS] = { "checkins.db", T_CHECKINS, NULL, 0, &store_codec_checkin, sizeof(struct checkin) },
	[T_CI_KR] = { "checkins-kr.idx", T_CHECKINS, key_ci_kr, 1, NULL, 0 },
};

struct store {
	DB_ENV	*env;
	DB	*db[T__MAX];
	int	 rdonly;
};

static int (*isalive_fn)(int);

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
static int
dbstatus(int ret, const char *what)
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
	if ((ret = db_env_create(&st->env, 0)) != 0) {
		free(st);
		return dbstatus(ret, "db_env_create");
	}
	st->env->set_errcall(st->env, errcall);
	st->env->set_msgcall(st->env, msgcall);
	st->env->set_lk_detect(st->env, DB_LOCK_DEFAULT);
	st->env->set_cachesize(st->env, 0, (u_int32_t)cache_mb * 1024 * 1024, 1);
	st->env->set_lk_max_locks(st->env, 20000);
	st->env->set_lk_max_objects(st->env, 20000);
	st->env->set_lk_max_lockers(st->env, 4000);
	/* failchk needs a table of the threads in the environment. */
	st->env->set_thread_count(st->env, 256);
	st->env->set_isalive(st->env, db_isalive);
	if (flags & (STORE_CREATE | STORE_RECOVER | STORE_RECOVER_FATAL))
		eflags |= DB_CREATE;
	if (flags & STORE_RECOVER)
		eflags |= DB_RECOVER;
	if (flags & STORE_RECOVER_FATAL)
		eflags |= DB_RECOVER_FATAL;
	if ((ret = st->env->open(st->env, dir, eflags, 0600)) != 0) {
		ret = dbstatus(ret, dir);
		st->env->close(st->env, 0);
		free(st);
		return ret;
	}
	/* DB_AUTO_COMMIT makes the handle transactional, read-only or not. */
	oflags = DB_AUTO_COMMIT | (st->rdonly ? DB_RDONLY : 0);
	if (flags & (STORE_CREATE | STORE_RECOVER))
		oflags |= DB_CREATE;
	for (t = 0; t < T__MAX; t++) {
		const struct table_def *td = &tables[t];

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
	*out = st;
	return STORE_OK;
fail:
	ret = dbstatus(ret, tables[t].file);
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
	free(st);
}

int
store_failchk(struct store *st)
{
	return dbstatus(st->env->failchk(st->env, 0), "failchk");
}

int
store_checkpoint(struct store *st)
{
	return dbstatus(st->env->txn_checkpoint(st->env, 0, 0, 0), "checkpoint");
}

/* Runs fn in a transaction, again on deadlock.  fn returns a status. */
typedef int (*txn_fn)(struct store *, DB_TXN *, void *);

static int
txn_run(struct store *st, int write, txn_fn fn, void *arg)
{
	DB_TXN *txn;
	int ret, rc, tries;

	for (tries = 0; tries < MAX_RETRIES; tries++) {
		ret = st->env->txn_begin(st->env, NULL, &txn,
		    write ? 0 : DB_READ_COMMITTED);
		if ((rc = dbstatus(ret, "txn_begin")) != STORE_OK)
			return rc == STORE_RETRY ? STORE_ERR : rc;
		rc = fn(st, txn, arg);
		if (rc == STORE_OK) {
			/* A commit ends the transaction even when it fails. */
			rc = dbstatus(txn->commit(txn, 0), "commit");
			return rc == STORE_RETRY ? STORE_ERR : rc;
		}
		txn->abort(txn);
		if (rc != STORE_RETRY)
			return rc;
	}
	log_err("transaction gave up after %d deadlocks", MAX_RETRIES);
	return STORE_ERR;
}

static void
dbt_init(DBT *d, void *data, size_t size)
{
	memset(d, 0, sizeof(*d));
	d->data = data;
	d->size = (u_int32_t)size;
}

/* Reads record id of table t into rec; rmw locks it for writing. */
static int
rec_get(struct store *st, DB_TXN *txn, enum table t, uint32_t id, void *rec,
    struct arena *ar, int rmw)
{
	unsigned char kb[4];
	DBT k, d;
	int rc;

	be32(kb, id);
	dbt_init(&k, kb, 4);
	dbt_init(&d, NULL, 0);
	rc = dbstatus(st->db[t]->get(st->db[t], txn, &k, &d, rmw ? DB_RMW : 0),
	    tables[t].file);
	if (rc != STORE_OK)
		return rc;
	if (codec_decode(tables[t].codec, d.data, d.size, rec, ar) == -1) {
		log_err("%s: record %u is damaged", tables[t].file, id);
		return STORE_ERR;
	}
	return STORE_OK;
}

static int
rec_put(struct store *st, DB_TXN *txn, enum table t, uint32_t id, const void *rec)
{
	static unsigned char buf[CODEC_MAXREC];
	unsigned char kb[4];
	size_t n;
	DBT k, d;

	if (st->rdonly)
		return STORE_ERR;
	if ((n = codec_encode(tables[t].codec, rec, buf)) == 0)
		return STORE_INVALID;
	be32(kb, id);
	dbt_init(&k, kb, 4);
	dbt_init(&d, buf, n);
	return dbstatus(st->db[t]->put(st->db[t], txn, &k, &d, 0), tables[t].file);
}

/* Takes the next id of table t from its counter in the meta table. */
static int
next_id(struct store *st, DB_TXN *txn, enum table t, uint32_t *id)
{
	unsigned char kb[5] = { 's', 'e', 'q', ':', (unsigned char)t }, vb[4];
	uint32_t v = 0;
	DBT k, d;
	int rc;

	dbt_init(&k, kb, sizeof(kb));
	dbt_init(&d, NULL, 0);
	rc = dbstatus(st->db[T_META]->get(st->db[T_META], txn, &k, &d, DB_RMW),
	    "meta");
	if (rc == STORE_OK && d.size == 4)
		v = (uint32_t)((const unsigned char *)d.data)[0] << 24 |
		    (uint32_t)((const unsigned char *)d.data)[1] << 16 |
		    (uint32_t)((const unsigned char *)d.data)[2] << 8 |
		    ((const unsigned char *)d.data)[3];
	else if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (v == UINT32_MAX)
		return STORE_INVALID;
	*id = ++v;
	be32(vb, v);
	dbt_init(&d, vb, 4);
	return dbstatus(st->db[T_META]->put(st->db[T_META], txn, &k, &d, 0), "meta");
}

/* A growing array of records in the arena. */
struct vec {
	char	*items;
	size_t	 n, cap, size;
};

static void *
vec_push(struct arena *ar, struct vec *v)
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
static int
rec_list(struct store *st, DB_TXN *txn, enum table t, const void *prefix,
    size_t plen, struct arena *ar, struct vec *out)
{
	const struct table_def *pt = &tables[tables[t].primary];
	unsigned char kb[256];
	DBC *c;
	DBT k, pk, d;
	u_int32_t flag = plen ? DB_SET_RANGE : DB_FIRST;
	int ret, rc;

	if (plen > sizeof(kb))
		return STORE_INVALID;
	memcpy(kb, prefix, plen);
	if ((ret = st->db[t]->cursor(st->db[t], txn, &c, 0)) != 0)
		return dbstatus(ret, tables[t].file);
	out->size = pt->size;
	for (;;) {
		dbt_init(&k, kb, plen);
		dbt_init(&pk, NULL, 0);
		dbt_init(&d, NULL, 0);
		if (t == tables[t].primary)
			ret = c->get(c, &k, &d, flag);
		else
			ret = c->pget(c, &k, &pk, &d, flag);
		flag = DB_NEXT;
		if (ret != 0)
			break;
		if (k.size < plen || memcmp(k.data, prefix, plen) != 0)
			break;
		if (codec_decode(pt->codec, d.data, d.size, vec_push(ar, out), ar) == -1) {
			log_err("%s: damaged record", pt->file);
			ret = EINVAL;
			break;
		}
	}
	rc = ret == DB_NOTFOUND || ret == 0 ? STORE_OK : dbstatus(ret, tables[t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = dbstatus(ret, tables[t].file);
	return rc;
}

/* The argument block of the generic operations below. */
struct op {
	enum table	 t;
	uint32_t	 id;
	void		*rec;
	struct arena	*ar;
	unsigned char	 key[256];
	size_t		 klen;
	struct vec	 vec;
};

static int
op_get(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;

	return rec_get(st, txn, op->t, op->id, op->rec, op->ar, 0);
}

static int
op_list(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;

	op->vec.n = 0;
	return rec_list(st, txn, op->t, op->key, op->klen, op->ar, &op->vec);
}

static int
get_by_id(struct store *st, struct arena *ar, enum table t, uint32_t id, void *rec)
{
	struct op op = { .t = t, .id = id, .rec = rec, .ar = ar };

	return txn_run(st, 0, op_get, &op);
}

/* Lists by a key of up to two big-endian ids (nkeys 0: the whole table). */
static int
list_by(struct store *st, struct arena *ar, enum table t, int nkeys,
    uint32_t a, uint32_t b, void *items, size_t *n)
{
	struct op op = { .t = t, .ar = ar };
	int rc;

	be32(op.key, a);
	be32(op.key + 4, b);
	op.klen = (size_t)nkeys * 4;
	rc = txn_run(st, 0, op_list, &op);
	*(void **)items = rc == STORE_OK ? op.vec.items : NULL;
	*n = rc == STORE_OK ? op.vec.n : 0;
	return rc;
}

/* Writes a record that has no version: units, people, cycles.  An id of 0
 * takes a new one. */
static int
op_put_plain(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	uint32_t *idp = op->rec;	/* every record starts with its id */
	int rc;

	if (*idp == 0 && (rc = next_id(st, txn, op->t, idp)) != STORE_OK)
		return rc;
	return rec_put(st, txn, op->t, *idp, op->rec);
}

static int
put_plain(struct store *st, enum table t, void *rec)
{
	struct op op = { .t = t, .rec = rec };
	uint32_t id = *(uint32_t *)rec;
	int rc = txn_run(st, 1, op_put_plain, &op);

	if (rc != STORE_OK)
		*(uint32_t *)rec = id;	/* a rolled-back new id is not real */
	return rc;
}

int
store_unit_get(struct store *st, struct arena *ar, uint32_t id, struct unit *u)
{
	return get_by_id(st, ar, T_UNITS, id, u);
}

int
store_units_all(struct store *st, struct arena *ar, struct unit **v, size_t *n)
{
	return list_by(st, ar, T_UNITS, 0, 0, 0, v, n);
}

int
store_units_children(struct store *st, struct arena *ar, uint32_t parent,
    struct unit **v, size_t *n)
{
	return list_by(st, ar, T_UNIT_PARENT, 1, parent, 0, v, n);
}

int
store_unit_put(struct store *st, struct unit *u)
{
	if (u->name == NULL || u->level < 0 || u->level >= LEVEL_PERSONAL)
		return STORE_INVALID;
	return put_plain(st, T_UNITS, u);
}

int
store_person_get(struct store *st, struct arena *ar, uint32_t id, struct person *p)
{
	return get_by_id(st, ar, T_PEOPLE, id, p);
}

static int
op_person_login(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	DBT k, pk, d;
	int rc;

	dbt_init(&k, op->key, op->klen);
	dbt_init(&pk, NULL, 0);
	dbt_init(&d, NULL, 0);
	rc = dbstatus(st->db[T_PEOPLE_LOGIN]->pget(st->db[T_PEOPLE_LOGIN], txn,
	    &k, &pk, &d, 0), "people-login");
	if (rc == STORE_OK && codec_decode(&store_codec_person, d.data, d.size,
	    op->rec, op->ar) == -1)
		rc = STORE_ERR;
	return rc;
}

int
store_person_by_login(struct store *st, struct arena *ar, const char *login,
    struct person *p)
{
	struct op op = { .rec = p, .ar = ar };

	if ((op.klen = strlen(login)) == 0 || op.klen > sizeof(op.key))
		return STORE_NOTFOUND;
	memcpy(op.key, login, op.klen);
	return txn_run(st, 0, op_person_login, &op);
}

int
store_people_in_unit(struct store *st, struct arena *ar, uint32_t unit,
    struct person **v, size_t *n)
{
	return list_by(st, ar, T_PEOPLE_UNIT, 1, unit, 0, v, n);
}

int
store_person_put(struct store *st, struct person *p)
{
	if (p->login == NULL || p->name == NULL || p->role < 0 ||
	    p->role >= ROLE__MAX)
		return STORE_INVALID;
	return put_plain(st, T_PEOPLE, p);
}

int
store_cycle_get(struct store *st, struct arena *ar, uint32_t id, struct cycle *c)
{
	return get_by_id(st, ar, T_CYCLES, id, c);
}

static int
cycle_cmp(const void *a, const void *b)
{
	const struct cycle *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
store_cycles_all(struct store *st, struct arena *ar, struct cycle **v, size_t *n)
{
	int rc = list_by(st, ar, T_CYCLES, 0, 0, 0, v, n);

	/* A handful of records: sorting here beats another index. */
	if (rc == STORE_OK && *n > 1)
		qsort(*v, *n, sizeof(**v), cycle_cmp);
	return rc;
}

int
store_cycle_put(struct store *st, struct cycle *c)
{
	if (c->name == NULL || c->end < c->start || c->state < 0 ||
	    c->state >= CYCLE__MAX)
		return STORE_INVALID;
	return put_plain(st, T_CYCLES, c);
}

int
store_objective_get(struct store *st, struct arena *ar, uint32_t id,
    struct objective *o)
{
	return get_by_id(st, ar, T_OBJ, id, o);
}

int
store_objectives_by_cycle_unit(struct store *st, struct arena *ar,
    uint32_t cycle, uint32_t unit, struct objective **v, size_t *n)
{
	return list_by(st, ar, T_OBJ_CYCLE_UNIT, 2, cycle, unit, v, n);
}

int
store_objectives_by_owner(struct store *st, struct arena *ar, uint32_t owner,
    struct objective **v, size_t *n)
{
	return list_by(st, ar, T_OBJ_OWNER, 1, owner, 0, v, n);
}

int
store_objectives_by_parent_kr(struct store *st, struct arena *ar, uint32_t kr,
    struct objective **v, size_t *n)
{
	return list_by(st, ar, T_OBJ_PARENT, 1, kr, 0, v, n);
}

/* Writes a versioned record (objective or KR): the stored version must be
 * the one the writer read, checked under a write lock (DB_RMW) in the same
 * transaction, so that of two stale saves exactly one wins. */
static int
op_put_versioned(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	uint32_t *idp = op->rec, *verp = (uint32_t *)((char *)op->rec + op->klen);
	struct arena ar;
	union { struct objective o; struct kr k; } old;
	uint32_t oldver;
	int rc;

	if (*idp == 0) {
		if ((rc = next_id(st, txn, op->t, idp)) != STORE_OK)
			return rc;
		*verp = 1;
		return rec_put(st, txn, op->t, *idp, op->rec);
	}
	arena_init(&ar);
	rc = rec_get(st, txn, op->t, *idp, &old, &ar, 1);
	arena_free(&ar);
	if (rc != STORE_OK)
		return rc;
	oldver = *(uint32_t *)((char *)&old + op->klen);
	if (oldver != *verp)
		return STORE_CONFLICT;
	*verp = oldver + 1;
	return rec_put(st, txn, op->t, *idp, op->rec);
}

static int
put_versioned(struct store *st, enum table t, void *rec, size_t veroff)
{
	struct op op = { .t = t, .rec = rec, .klen = veroff };
	uint32_t id = *(uint32_t *)rec, ver = *(uint32_t *)((char *)rec + veroff);
	int rc = txn_run(st, 1, op_put_versioned, &op);

	if (rc != STORE_OK) {
		*(uint32_t *)rec = id;
		*(uint32_t *)((char *)rec + veroff) = ver;
	}
	return rc;
}

int
store_objective_put(struct store *st, struct objective *o)
{
	if (o->title == NULL || o->cycle == 0 || o->unit == 0 || o->level < 0 ||
	    o->level >= LEVEL__MAX || o->state < 0 || o->state >= OBJ__MAX)
		return STORE_INVALID;
	return put_versioned(st, T_OBJ, o, offsetof(struct objective, version));
}

int
store_kr_get(struct store *st, struct arena *ar, uint32_t id, struct kr *k)
{
	return get_by_id(st, ar, T_KRS, id, k);
}

int
store_krs_by_objective(struct store *st, struct arena *ar, uint32_t obj,
    struct kr **v, size_t *n)
{
	return list_by(st, ar, T_KR_OBJ, 1, obj, 0, v, n);
}

int
store_kr_put(struct store *st, struct kr *k)
{
	if (k->title == NULL || k->objective == 0 || k->kind < 0 ||
	    k->kind >= KR__MAX || k->direction < 0 || k->direction >= DIR__MAX)
		return STORE_INVALID;
	return put_versioned(st, T_KRS, k, offsetof(struct kr, version));
}

int
store_checkins_by_kr(struct store *st, struct arena *ar, uint32_t kr,
    struct checkin **v, size_t *n)
{
	return list_by(st, ar, T_CI_KR, 1, kr, 0, v, n);
}

static int
op_checkin(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	struct checkin *c = op->rec;
	struct kr k;
	struct arena ar;
	int rc;

	arena_init(&ar);
	if ((rc = rec_get(st, txn, T_KRS, c->kr, &k, &ar, 1)) != STORE_OK)
		goto out;
	if ((rc = next_id(st, txn, T_CHECKINS, &c->id)) != STORE_OK ||
	    (rc = rec_put(st, txn, T_CHECKINS, c->id, c)) != STORE_OK)
		goto out;
	/* The KR shows its latest check-in; a back-dated one only joins the
	 * history. */
	if (c->at >= k.updated_at) {
		k.current = c->value;
		k.confidence = c->confidence;
		k.updated_at = c->at;
		k.version++;
		rc = rec_put(st, txn, T_KRS, k.id, &k);
	}
out:
	arena_free(&ar);
	return rc;
}

int
store_checkin_add(struct store *st, struct checkin *c)
{
	struct op op = { .rec = c };
	int rc;

	if (c->kr == 0 || !(c->confidence >= 0 && c->confidence <= 1))
		return STORE_INVALID;
	c->id = 0;
	if ((rc = txn_run(st, 1, op_checkin, &op)) != STORE_OK)
		c->id = 0;
	return rc;
}

int
store_count_units(struct store *st, size_t *n)
{
	struct arena ar;
	struct unit *v;
	int rc;

	arena_init(&ar);
	rc = store_units_all(st, &ar, &v, n);
	arena_free(&ar);
	return rc;
}
