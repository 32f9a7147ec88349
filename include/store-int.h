/* store-int.h: the store's internals; only cgi/store-*.c include it. */
#ifndef MUBIAO_STORE_INT_H
#define MUBIAO_STORE_INT_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <db.h>

#include "arena.h"
#include "store.h"

#define STORE_RETRY	100	/* internal: a lock was taken, run the transaction again */
#define STORE_DRY	101	/* internal: a dry run went through: undo it */

/* The Berkeley DB files: each record type's primary table, its indexes,
 * and the meta, snapshot and change-log tables.  A table's number keys
 * its id counter in the meta table ("seq:" and the number): on disk. */
enum table {
	T_META,
	T_UNITS, T_UNIT_PARENT,
	T_PEOPLE, T_PEOPLE_LOGIN, T_PEOPLE_UNIT,
	T_CYCLES,
	T_OBJ, T_OBJ_CYCLE_UNIT, T_OBJ_OWNER, T_OBJ_PARENT,
	T_KRS, T_KR_OBJ, T_KR_OWNER,
	T_CHECKINS, T_CI_KR,
	T_HISTORY, T_HISTORY_OBJ,
	T_COMMENTS, T_COMMENTS_OBJ, T_COMMENTS_OWNER,
	T_MEETINGS, T_MEETINGS_UNIT, T_SNAPSHOTS,
	T_ACTIONS, T_ACTIONS_UNIT,
	T_GROWS, T_GROWS_MEETING,
	T_VERDICTS, T_VERDICTS_MEETING,
	T_CHANGELOG,
	/* The notifications' (store-notify.c): no record type, not in
	 * exports nor in the change log. */
	T_CONTACTS, T_BOTS, T_EVENTS, T_DELIVERIES, T_DELIV_STATE, T_DELIV_EVENT,
	T__MAX
};

typedef int (*keyfn)(DB *, const DBT *, const DBT *, DBT *);

/* One table, every fact about it in a column (store-schema.c). */
struct table_def {
	const char		*file;
	enum table		 primary;	/* itself for a primary */
	keyfn			 key;		/* secondaries only */
	int			 dup;		/* secondary allows duplicates */
	const struct codec	*codec;		/* primaries only */
	size_t			 size;		/* record struct size */
	enum rtype		 rtype;		/* primaries: the type it holds */
	size_t			 version;	/* offset of the version, 0: none */
	size_t			 title;		/* offset of the text a creation
						 * shows in the history, 0: none */
	enum table		 children;	/* the index store_children()
						 * lists by, T_META: none */
	const char		*(*rule)(const void *); /* the rule tying a
						 * record's fields: the member
						 * at fault, or NULL */
};
extern const struct table_def st_tables[T__MAX];

struct store {
	DB_ENV	*env;
	DB	*db[T__MAX];
	int	 rdonly;
	int	 wlock;		/* write.lock, see st_txn_run(); -1 read-only */
	int	 envlock;	/* env.lock, see env_lock() */
	char	 dir[PATH_MAX];
	int	 syncfd;	/* sync.lock, see log_sync(); -1 read-only */
	int	 logfd;		/* log file logfile, see log_sync(); -1 none */
	u_int32_t logfile;
};

/* A big-endian 4-byte id, as every key spells it. */
static inline void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The body of a transaction: returns a store status (STORE_RETRY: again). */
typedef int (*txn_fn)(struct store *, DB_TXN *, void *);

/* A growing array of records in the arena. */
struct vec {
	char	*items;
	size_t	 n, cap, size;
};

/* The argument block of the generic reads. */
struct op {
	enum table	 t;
	uint32_t	 id;
	void		*rec;
	struct arena	*ar;
	unsigned char	 key[256];
	size_t		 klen;
	struct vec	 vec;
};

/* What every write has besides its own arguments: who writes (and as
 * whom), when, and an arena freed when the operation ends.  Each write
 * operation's argument block begins with one. */
struct wctx {
	uint32_t	 actor;
	struct person	 me;		/* the actor, unless STORE_SYSTEM */
	struct arena	 ar;
	int64_t		 now;
};

/* The arguments of a write of one record (st_write_rec()). */
struct put_op {
	struct wctx	 w;
	void		*rec;		/* the record, written back with its
					 * new id and version */
};

/* A walk up the unit tree in a transaction (okr_unit_walk()): it stops
 * at a unit led by lead (0: none); a unit being written (self) counts
 * with its new parent. */
struct upwalk {
	struct store		*st;
	DB_TXN			*txn;
	struct arena		*ar;
	const struct unit	*self;
	uint32_t		 lead;
	int			 rc;	/* the store's status when a step failed */
	int			 depth;	/* units walked */
};

/* store-schema.c */
enum table st_table_of(enum rtype);
enum rtype st_rtype_of(int letter);

/* store-core.c */
int	st_dbstatus(int ret, const char *what);
int	st_txn_run(struct store *, int write, txn_fn, void *);
void	st_dbt_init(DBT *, void *data, size_t size);
int	st_rec_get(struct store *, DB_TXN *, enum table, uint32_t id, void *rec,
	    struct arena *, int rmw);
int	st_rec_put(struct store *, DB_TXN *, enum table, uint32_t id, const void *rec);
int	st_changelog_add(struct store *, DB_TXN *, enum table, uint32_t id);
int	st_next_id(struct store *, DB_TXN *, enum table, uint32_t *id);
int	st_last_id(struct store *, DB_TXN *, enum table, int rmw, uint32_t *);
void   *st_vec_push(struct arena *, struct vec *);
int	st_rec_list(struct store *, DB_TXN *, enum table, const void *prefix,
	    size_t plen, struct arena *, struct vec *);
int	st_get_by_id(struct store *, struct arena *, enum table, uint32_t id, void *rec);
int	st_list_by(struct store *, struct arena *, enum table, int nkeys,
	    uint32_t a, uint32_t b, void *items, size_t *n);
int	st_exists(struct store *, DB_TXN *, enum table, uint32_t id);
int	st_load_actor(struct store *, DB_TXN *, struct wctx *);
int	st_is_admin(const struct wctx *);
int	st_up_walk(struct upwalk *, uint32_t unit, int *stopped, uint32_t *top);
/* The walk's step; with lead 0 it is okr_unit_within()'s parent_of. */
int	st_up_step(void *upwalk, uint32_t id, uint32_t *parent);
int	st_tree_ok(struct upwalk *, uint32_t unit);
int	st_history_add(struct store *, DB_TXN *, struct wctx *, uint32_t obj,
	    enum rtype record, uint32_t rid, const char *field, const char *old,
	    const char *new);
int	st_history_diff(struct store *, DB_TXN *, struct wctx *, enum table,
	    uint32_t obj, uint32_t rid, const void *old, const void *new);
int	st_check_version(struct store *, DB_TXN *, struct wctx *, enum table,
	    uint32_t id, uint32_t seen, void *old);
int	st_prepare(struct store *, DB_TXN *, struct wctx *, enum table, void *rec,
	    void *old, int *created);
int	st_write_op(struct store *, txn_fn, struct wctx *, void *op);
int	st_write_rec(struct store *, txn_fn, uint32_t actor, void *rec, enum table);

/* store-notify.c: an event into the outbox, in the transaction of the
 * write that causes it (its id and time set here). */
int	st_event_add(struct store *, DB_TXN *, struct wctx *, struct event *);

/* store-load.c: store_company() in a transaction. */
int	st_company(struct store *, DB_TXN *, struct arena *, struct unit *);

/* store-okr.c: the permission checks the meeting operations share. */
int	st_leads(struct store *, DB_TXN *, struct wctx *, uint32_t unit, int *yes);
int	st_may_edit(struct store *, DB_TXN *, struct wctx *,
	    const struct objective *);
int	st_within(struct store *, DB_TXN *, struct arena *, uint32_t unit,
	    uint32_t ancestor, int *yes);
int	st_may_manage(struct store *, DB_TXN *, struct wctx *, uint32_t unit);

#endif
