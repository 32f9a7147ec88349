/* store.h: the one storage module.  Handlers never call Berkeley DB; they
 * call these named operations, each its own transaction, retried on
 * deadlock.  Strings in returned records live in the caller's arena.
 *
 * Every operation returns a store status. */
#ifndef MUBIAO_STORE_H
#define MUBIAO_STORE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct codec;
struct store;

enum sstatus {
	STORE_OK = 0,
	STORE_NOTFOUND,		/* no such record */
	STORE_CONFLICT,		/* stale version */
	STORE_INVALID,		/* the record breaks a rule of the store */
	STORE_NEEDRECOVERY,	/* the environment needs recovery */
	STORE_ERR		/* anything else; logged */
};

enum sflags {
	STORE_RDONLY	= 1 << 0,	/* open databases read-only */
	STORE_CREATE	= 1 << 1,	/* create the environment and databases */
	STORE_RECOVER	= 1 << 2,	/* run normal recovery first (supervisor) */
	STORE_RECOVER_FATAL = 1 << 3	/* catastrophic recovery (admin) */
};

struct unit {
	uint32_t	 id;
	uint32_t	 parent;	/* 0 for the company */
	int32_t		 level;		/* LEVEL_COMPANY/DEPARTMENT/TEAM */
	uint32_t	 lead;		/* person id, 0 if none */
	char		*name;
};

struct person {
	uint32_t	 id;
	uint32_t	 unit;
	uint32_t	 manager;	/* person id, 0 if none */
	int32_t		 role;		/* enum role */
	char		*login;		/* REMOTE_USER */
	char		*name;		/* display name */
};

struct cycle {
	uint32_t	 id;
	int32_t		 start;		/* days, see okr_date_parse() */
	int32_t		 end;
	int32_t		 state;		/* enum cstate */
	char		*name;		/* "2026-Q4" */
};

struct objective {
	uint32_t	 id;
	uint32_t	 cycle;
	uint32_t	 unit;		/* owning unit; for personal, the person's */
	uint32_t	 owner;		/* person id: personal owner or unit lead */
	uint32_t	 parent_kr;	/* the KR above that it serves, 0 if none */
	int32_t		 level;		/* enum level */
	int32_t		 state;		/* enum ostate */
	uint32_t	 version;	/* bumped on every write */
	uint32_t	 created_by, updated_by;
	int64_t		 created_at, updated_at;
	char		*title;
	char		*description;
};

struct kr {
	uint32_t	 id;
	uint32_t	 objective;
	uint32_t	 owner;		/* person id who checks in */
	int32_t		 kind;		/* enum krkind */
	int32_t		 direction;	/* enum krdir */
	int32_t		 due;		/* day */
	uint32_t	 version;
	double		 start, target, current;
	double		 weight;
	double		 confidence;	/* 0..1 */
	int64_t		 updated_at;
	char		*title;
	char		*unit_label;	/* "%", "万元", "users" */
};

struct checkin {
	uint32_t	 id;
	uint32_t	 kr;
	uint32_t	 author;
	int64_t		 at;		/* seconds since the epoch */
	double		 value;
	double		 confidence;
	char		*note;
};

/* The encodings of the records, for tests and the admin command. */
extern const struct codec store_codec_unit, store_codec_person,
    store_codec_cycle, store_codec_objective, store_codec_kr,
    store_codec_checkin;

/* Opens the environment in dir.  Only the supervisor passes STORE_RECOVER:
 * recovery run by one worker while others live blocks them forever. */
int	store_open(const char *dir, int flags, int cache_mb, struct store **);
void	store_close(struct store *);
/* After a process died: releases what it held.  STORE_NEEDRECOVERY means every
 * process must leave the environment and recovery must run. */
int	store_failchk(struct store *);
int	store_checkpoint(struct store *);
/* Tells Berkeley DB which processes are alive (for failchk). */
void	store_set_isalive(int (*)(int pid));

int	store_unit_get(struct store *, struct arena *, uint32_t, struct unit *);
int	store_units_all(struct store *, struct arena *, struct unit **, size_t *);
int	store_units_children(struct store *, struct arena *, uint32_t parent,
	    struct unit **, size_t *);
int	store_unit_put(struct store *, struct unit *);

int	store_person_get(struct store *, struct arena *, uint32_t, struct person *);
int	store_person_by_login(struct store *, struct arena *, const char *,
	    struct person *);
int	store_people_in_unit(struct store *, struct arena *, uint32_t unit,
	    struct person **, size_t *);
int	store_person_put(struct store *, struct person *);

int	store_cycle_get(struct store *, struct arena *, uint32_t, struct cycle *);
/* All cycles, oldest start first. */
int	store_cycles_all(struct store *, struct arena *, struct cycle **, size_t *);
int	store_cycle_put(struct store *, struct cycle *);

int	store_objective_get(struct store *, struct arena *, uint32_t,
	    struct objective *);
int	store_objectives_by_cycle_unit(struct store *, struct arena *,
	    uint32_t cycle, uint32_t unit, struct objective **, size_t *);
/* The person's objectives, grouped by cycle id. */
int	store_objectives_by_owner(struct store *, struct arena *, uint32_t owner,
	    struct objective **, size_t *);
int	store_objectives_by_parent_kr(struct store *, struct arena *, uint32_t kr,
	    struct objective **, size_t *);
/* Writes o (id 0: a new one).  o->version must equal the stored version
 * (else STORE_CONFLICT); on success it holds the new version and id. */
int	store_objective_put(struct store *, struct objective *);

int	store_kr_get(struct store *, struct arena *, uint32_t, struct kr *);
int	store_krs_by_objective(struct store *, struct arena *, uint32_t obj,
	    struct kr **, size_t *);
int	store_kr_put(struct store *, struct kr *);

/* Check-ins of a KR, oldest first. */
int	store_checkins_by_kr(struct store *, struct arena *, uint32_t kr,
	    struct checkin **, size_t *);
/* Appends c and sets the KR's current value and confidence, one
 * transaction; concurrent check-ins are all kept. */
int	store_checkin_add(struct store *, struct checkin *);

/* Number of records of each kind, for `mubiao-admin stats` and emptiness. */
int	store_count_units(struct store *, size_t *);

#endif
