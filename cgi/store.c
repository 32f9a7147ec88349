/* store.c: the one storage module, over a transactional Berkeley DB
 * environment (see store.h).
 *
 * Each record type lives in a btree keyed by its 4-byte big-endian id; the
 * lists the pages need come from secondary indexes kept by Berkeley DB
 * itself (DB->associate), whose keys are big-endian composites so that a
 * prefix scan returns one group in order.  Ids come from counters in the
 * meta table, taken in the writing transaction. */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <db.h>

#include "arena.h"
#include "codec.h"
#include "log.h"
#include "okr.h"
#include "render.h"
#include "store.h"

#define STORE_RETRY	100	/* internal: a lock was taken, run the transaction again */
#define RETRY_MS	10000	/* how long a transaction may pause for locks (an
				 * import holds them for seconds) */

#define F(s, tag, type, member, def) \
	{ tag, type, offsetof(struct s, member), def, NULL, FMT_NONE, NULL, 0, #member }
/* A field whose changes the history records. */
#define H(s, tag, type, member, def, name, fmt, en) \
	{ tag, type, offsetof(struct s, member), def, name, fmt, en, 0, #member }
#define E(s, tag, member, def, name, en, n) \
	{ tag, FT_I32, offsetof(struct s, member), def, name, FMT_ENUM, en, n, #member }
/* A day (days since 1970), written YYYY-MM-DD in XML; no history. */
#define D(s, tag, member) \
	{ tag, FT_I32, offsetof(struct s, member), 0, NULL, FMT_DATE, NULL, 0, #member }
/* An enumeration the history does not record: named in XML. */
#define N(s, tag, member, def, en, n) \
	{ tag, FT_I32, offsetof(struct s, member), def, NULL, FMT_NONE, en, n, #member }
#define CODEC(name, rtype, fields) const struct codec name = \
	{ rtype, fields, sizeof(fields) / sizeof(fields[0]) }

const char *const store_ckind_names[COMMENT__MAX] = { "comment", "proposal" };
const char *const store_mtype_names[MEET__MAX] = { "awareness", "consensus",
	"action", "review", "monthly", "quarterly" };
const char *const store_mstate_names[MSTATE__MAX] = { "planned", "open", "closed" };
const char *const store_bstatus_names[BOARD__MAX] = { "on-track", "at-risk",
	"off-track" };
const char *const store_astate_names[ASTATE__MAX] = { "open", "done" };
const char *const store_vkind_names[VERDICT__MAX] = { "agree", "revise", "reject" };

static const struct field unit_fields[] = {
	F(unit, 1, FT_U32, id, 0), F(unit, 2, FT_U32, parent, 0),
	N(unit, 3, level, 0, okr_level_names, LEVEL__MAX), F(unit, 4, FT_U32, lead, 0),
	F(unit, 5, FT_STR, name, 0), F(unit, 6, FT_U32, version, 1),
};
static const struct field person_fields[] = {
	F(person, 1, FT_U32, id, 0), F(person, 2, FT_U32, unit, 0),
	F(person, 3, FT_U32, manager, 0), N(person, 4, role, 0, okr_role_names, ROLE__MAX),
	F(person, 5, FT_STR, login, 0), F(person, 6, FT_STR, name, 0),
	F(person, 7, FT_U32, version, 1),
};
static const struct field cycle_fields[] = {
	F(cycle, 1, FT_U32, id, 0), D(cycle, 2, start),
	D(cycle, 3, end), N(cycle, 4, state, 0, okr_cstate_names, CYCLE__MAX),
	F(cycle, 5, FT_STR, name, 0), F(cycle, 6, FT_U32, version, 1),
};
static const struct field objective_fields[] = {
	F(objective, 1, FT_U32, id, 0), F(objective, 2, FT_U32, cycle, 0),
	F(objective, 3, FT_U32, unit, 0),
	H(objective, 4, FT_U32, owner, 0, "owner", FMT_PERSON, NULL),
	H(objective, 5, FT_U32, parent_kr, 0, "parent", FMT_KR, NULL),
	N(objective, 6, level, 0, okr_level_names, LEVEL__MAX),
	E(objective, 7, state, OBJ_ACTIVE, "state", okr_ostate_names, OBJ__MAX),
	F(objective, 8, FT_U32, version, 1),
	F(objective, 9, FT_U32, created_by, 0), F(objective, 10, FT_U32, updated_by, 0),
	F(objective, 11, FT_I64, created_at, 0), F(objective, 12, FT_I64, updated_at, 0),
	H(objective, 13, FT_STR, title, 0, "title", FMT_PLAIN, NULL),
	H(objective, 14, FT_STR, description, 0, "description", FMT_PLAIN, NULL),
};
static const struct field kr_fields[] = {
	F(kr, 1, FT_U32, id, 0), F(kr, 2, FT_U32, objective, 0),
	H(kr, 3, FT_U32, owner, 0, "owner", FMT_PERSON, NULL),
	E(kr, 4, kind, 0, "kind", okr_kind_names, KR__MAX),
	E(kr, 5, direction, 0, "direction", okr_dir_names, DIR__MAX),
	H(kr, 6, FT_I32, due, 0, "due", FMT_DATE, NULL),
	F(kr, 7, FT_U32, version, 1),
	H(kr, 8, FT_DBL, start, 0, "start", FMT_PLAIN, NULL),
	H(kr, 9, FT_DBL, target, 0, "target", FMT_PLAIN, NULL),
	H(kr, 10, FT_DBL, current, 0, "current", FMT_PLAIN, NULL),
	H(kr, 11, FT_DBL, weight, 1, "weight", FMT_PLAIN, NULL),
	H(kr, 12, FT_DBL, confidence, 0.5, "confidence", FMT_PLAIN, NULL),
	F(kr, 13, FT_I64, updated_at, 0),
	H(kr, 14, FT_STR, title, 0, "title", FMT_PLAIN, NULL),
	H(kr, 15, FT_STR, unit_label, 0, "unit-label", FMT_PLAIN, NULL),
	H(kr, 16, FT_DBL, grade, -1, "grade", FMT_PLAIN, NULL),
	E(kr, 17, state, KRS_ACTIVE, "kr-state", okr_krstate_names, KRS__MAX),
};
static const struct field checkin_fields[] = {
	F(checkin, 1, FT_U32, id, 0), F(checkin, 2, FT_U32, kr, 0),
	F(checkin, 3, FT_U32, author, 0), F(checkin, 4, FT_I64, at, 0),
	F(checkin, 5, FT_DBL, value, 0), F(checkin, 6, FT_DBL, confidence, 0.5),
	F(checkin, 7, FT_STR, note, 0),
};
static const struct field change_fields[] = {
	F(change, 1, FT_U32, id, 0), F(change, 2, FT_U32, objective, 0),
	F(change, 3, FT_U32, record_id, 0), F(change, 4, FT_U32, by, 0),
	F(change, 5, FT_I32, record, 0), F(change, 6, FT_I64, at, 0),
	F(change, 7, FT_STR, field, 0), F(change, 8, FT_STR, old_value, 0),
	F(change, 9, FT_STR, new_value, 0),
};
static const struct field comment_fields[] = {
	F(comment, 1, FT_U32, id, 0), F(comment, 2, FT_U32, objective, 0),
	F(comment, 3, FT_U32, owner, 0), F(comment, 4, FT_U32, author, 0),
	N(comment, 5, kind, 0, store_ckind_names, COMMENT__MAX), F(comment, 6, FT_I64, at, 0),
	F(comment, 7, FT_STR, text, 0),
};

static const struct field meeting_fields[] = {
	F(meeting, 1, FT_U32, id, 0), F(meeting, 2, FT_U32, version, 1),
	F(meeting, 3, FT_U32, cycle, 0), F(meeting, 4, FT_U32, unit, 0),
	F(meeting, 5, FT_U32, objective, 0), F(meeting, 6, FT_U32, created_by, 0),
	N(meeting, 7, type, 0, store_mtype_names, MEET__MAX),
	N(meeting, 8, state, 0, store_mstate_names, MSTATE__MAX),
	D(meeting, 9, day), N(meeting, 10, status, -1, store_bstatus_names, BOARD__MAX),
	F(meeting, 11, FT_I64, created_at, 0), F(meeting, 12, FT_I64, closed_at, 0),
	F(meeting, 13, FT_STR, title, 0), F(meeting, 14, FT_STR, minutes, 0),
	F(meeting, 15, FT_STR, decisions, 0), F(meeting, 16, FT_STR, present, 0),
	F(meeting, 17, FT_STR, status_reason, 0), F(meeting, 18, FT_STR, deferred, 0),
};
static const struct field action_fields[] = {
	F(action, 1, FT_U32, id, 0), F(action, 2, FT_U32, version, 1),
	F(action, 3, FT_U32, meeting, 0), F(action, 4, FT_U32, unit, 0),
	F(action, 5, FT_U32, objective, 0), F(action, 6, FT_U32, kr, 0),
	F(action, 7, FT_U32, owner, 0), F(action, 8, FT_U32, created_by, 0),
	D(action, 9, due), N(action, 10, state, 0, store_astate_names, ASTATE__MAX),
	F(action, 11, FT_I64, created_at, 0), F(action, 12, FT_STR, title, 0),
};

static const struct field grow_fields[] = {
	F(grow, 1, FT_U32, id, 0), F(grow, 2, FT_U32, version, 1),
	F(grow, 3, FT_U32, meeting, 0), F(grow, 4, FT_U32, kr, 0),
	F(grow, 5, FT_U32, author, 0), F(grow, 6, FT_I64, at, 0),
	F(grow, 7, FT_STR, goal, 0), F(grow, 8, FT_STR, reality, 0),
	F(grow, 9, FT_STR, options, 0), F(grow, 10, FT_STR, will, 0),
};

static const struct field verdict_fields[] = {
	F(verdict, 1, FT_U32, id, 0), F(verdict, 2, FT_U32, meeting, 0),
	F(verdict, 3, FT_U32, objective, 0), F(verdict, 4, FT_U32, kr, 0),
	F(verdict, 5, FT_U32, by, 0), N(verdict, 6, kind, 0, store_vkind_names, VERDICT__MAX),
	F(verdict, 7, FT_I64, at, 0), F(verdict, 8, FT_STR, text, 0),
	F(verdict, 9, FT_STR, note, 0), F(verdict, 10, FT_STR, signed_by, 0),
};

CODEC(store_codec_verdict, 'V', verdict_fields);
CODEC(store_codec_grow, 'W', grow_fields);
CODEC(store_codec_meeting, 'G', meeting_fields);
CODEC(store_codec_action, 'A', action_fields);
CODEC(store_codec_unit, 'U', unit_fields);
CODEC(store_codec_person, 'P', person_fields);
CODEC(store_codec_cycle, 'C', cycle_fields);
CODEC(store_codec_objective, 'O', objective_fields);
CODEC(store_codec_kr, 'K', kr_fields);
CODEC(store_codec_checkin, 'I', checkin_fields);
CODEC(store_codec_change, 'H', change_fields);
CODEC(store_codec_comment, 'M', comment_fields);

enum table {
	T_META,
	T_UNITS, T_UNIT_PARENT,
	T_PEOPLE, T_PEOPLE_LOGIN, T_PEOPLE_UNIT,
	T_CYCLES,
	T_OBJ, T_OBJ_CYCLE_UNIT, T_OBJ_OWNER, T_OBJ_PARENT,
	T_KRS, T_KR_OBJ,
	T_CHECKINS, T_CI_KR,
	T_HISTORY, T_HISTORY_OBJ,
	T_COMMENTS, T_COMMENTS_OBJ, T_COMMENTS_OWNER,
	T_MEETINGS, T_MEETINGS_UNIT, T_SNAPSHOTS,
	T_ACTIONS, T_ACTIONS_UNIT,
	T_GROWS, T_GROWS_MEETING,
	T_VERDICTS, T_VERDICTS_MEETING,
	T_CHANGELOG,
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

static int
key_history_obj(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct change c;

	(void)db, (void)pkey;
	DECODE(store_codec_change, c);
	return skey_parts(skey, c.objective, 0, 1, c.at, 1);
}

static int
key_comments_obj(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct comment c;

	(void)db, (void)pkey;
	DECODE(store_codec_comment, c);
	return skey_parts(skey, c.objective, 0, 1, c.at, 1);
}

static int
key_comments_owner(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct comment c;

	(void)db, (void)pkey;
	DECODE(store_codec_comment, c);
	return skey_parts(skey, c.owner, 0, 1, c.at, 1);
}

static int
key_meetings_unit(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct meeting m;

	(void)db, (void)pkey;
	DECODE(store_codec_meeting, m);
	return skey_parts(skey, m.unit, (uint32_t)m.day ^ 0x80000000u, 2, 0, 0);
}

static int
key_actions_unit(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct action a;

	(void)db, (void)pkey;
	DECODE(store_codec_action, a);
	return skey_parts(skey, a.unit, (uint32_t)a.due ^ 0x80000000u, 2, 0, 0);
}

static int
key_grows_meeting(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct grow g;

	(void)db, (void)pkey;
	DECODE(store_codec_grow, g);
	return skey_parts(skey, g.meeting, 0, 1, g.at, 1);
}

static int
key_verdicts_meeting(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct verdict v;

	(void)db, (void)pkey;
	DECODE(store_codec_verdict, v);
	return skey_parts(skey, v.meeting, 0, 1, v.at, 1);
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
	[T_HISTORY] = { "history.db", T_HISTORY, NULL, 0, &store_codec_change, sizeof(struct change) },
	[T_HISTORY_OBJ] = { "history-objective.idx", T_HISTORY, key_history_obj, 1, NULL, 0 },
	[T_COMMENTS] = { "comments.db", T_COMMENTS, NULL, 0, &store_codec_comment, sizeof(struct comment) },
	[T_COMMENTS_OBJ] = { "comments-objective.idx", T_COMMENTS, key_comments_obj, 1, NULL, 0 },
	[T_COMMENTS_OWNER] = { "comments-owner.idx", T_COMMENTS, key_comments_owner, 1, NULL, 0 },
	[T_MEETINGS] = { "meetings.db", T_MEETINGS, NULL, 0, &store_codec_meeting, sizeof(struct meeting) },
	[T_MEETINGS_UNIT] = { "meetings-unit.idx", T_MEETINGS, key_meetings_unit, 1, NULL, 0 },
	/* What a closed meeting showed: raw XML, by meeting id. */
	[T_SNAPSHOTS] = { "snapshots.db", T_SNAPSHOTS, NULL, 0, NULL, 0 },
	[T_ACTIONS] = { "actions.db", T_ACTIONS, NULL, 0, &store_codec_action, sizeof(struct action) },
	[T_ACTIONS_UNIT] = { "actions-unit.idx", T_ACTIONS, key_actions_unit, 1, NULL, 0 },
	[T_GROWS] = { "grows.db", T_GROWS, NULL, 0, &store_codec_grow, sizeof(struct grow) },
	[T_GROWS_MEETING] = { "grows-meeting.idx", T_GROWS, key_grows_meeting, 1, NULL, 0 },
	[T_VERDICTS] = { "verdicts.db", T_VERDICTS, NULL, 0, &store_codec_verdict, sizeof(struct verdict) },
	[T_VERDICTS_MEETING] = { "verdicts-meeting.idx", T_VERDICTS, key_verdicts_meeting, 1, NULL, 0 },
	/* When each record was written: time (8 bytes), record type, id;
	 * no data.  What feeds' since= reads. */
	[T_CHANGELOG] = { "changelog.db", T_CHANGELOG, NULL, 0, NULL, 0 },
};

/* Where a record type keeps its version. */
static size_t
version_off(enum table t)
{
	switch (t) {
	case T_UNITS:
		return offsetof(struct unit, version);
	case T_PEOPLE:
		return offsetof(struct person, version);
	case T_CYCLES:
		return offsetof(struct cycle, version);
	case T_OBJ:
		return offsetof(struct objective, version);
	case T_MEETINGS:
		return offsetof(struct meeting, version);
	case T_ACTIONS:
		return offsetof(struct action, version);
	default:
		return offsetof(struct kr, version);
	}
}

struct store {
	DB_ENV	*env;
	DB	*db[T__MAX];
	int	 rdonly;
	int	 wlock;		/* write.lock, see txn_run(); -1 read-only */
	int	 envlock;	/* env.lock, see env_lock() */
	char	 dir[PATH_MAX];
	int	 syncfd;	/* sync.lock, see log_sync(); -1 read-only */
	int	 logfd;		/* log file logfile, see log_sync(); -1 none */
	u_int32_t logfile;
};

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

void
store_set_on_commit(void (*fn)(void))
{
	on_commit_fn = fn;
}

/* Disk faults, for the tests of what a failing disk does (issue 6):
 * MUBIAO_FAULT=fsync:N makes every fsync from the Nth on fail with EIO,
 * MUBIAO_FAULT=write:N every write with ENOSPC, through Berkeley DB's
 * I/O hooks.  Only in an open that neither creates nor recovers (the
 * workers; not the supervisor's recovery nor the demo load). */
static long fault_after, fault_calls;
/* How a writer makes the log durable (log_sync); the fsync fault hooks it. */
static int (*log_fsync)(int) = fdatasync;

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
	if (!(flags & (STORE_RDONLY | STORE_CREATE | STORE_RECOVER | STORE_RECOVER_FATAL)))
		faults_set();
	if ((ret = env_create(&st->env)) != 0) {
		close(st->envlock);
		free(st);
		return dbstatus(ret, "db_env_create");
	}
	/* A deadlock aborts the transaction with the fewest write locks: a
	 * reader, which retries at once, rather than the one writer, which
	 * holds every writer's turn (write_lock) while it runs again.  A
	 * list read through an index (a cursor on the index, then each
	 * record) can meet the writer of one of those records: check-ins
	 * that read their objective's KRs so met it once every 10 under 16
	 * clients, and a random choice aborted the writer half of the time.
	 * This policy: 31% fewer deadlocks, about 4% more check-ins/s in
	 * alternating runs (a check-in now reads its KRs by id: none).
	 * The policy lives in the environment's regions, which recovery
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
		ret = dbstatus(ret, dir);
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
	 * on that mutex (a supervisor hung so under ASan); a panicked
	 * environment makes every call return at once instead. */
	if (ret == DB_RUNRECOVERY)
		store_panic(st);
	return dbstatus(ret, "failchk");
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
	return dbstatus(ret, "failchk");
}

void
store_panic(struct store *st)
{
	st->env->set_flags(st->env, DB_PANIC_ENVIRONMENT, 1);
}

int
store_checkpoint(struct store *st)
{
	return dbstatus(st->env->txn_checkpoint(st->env, 0, 0, 0), "checkpoint");
}

/* Runs fn in a transaction, again on deadlock.  fn returns a status. */
typedef int (*txn_fn)(struct store *, DB_TXN *, void *);

/* One writer at a time, across processes.  Every write touches the same
 * few pages (the id counters, the last page of the change log, of the
 * check-ins, of the history), and Berkeley DB locks pages, not records:
 * 16 concurrent writers deadlocked one another until they gave up (500s,
 * 173 check-ins/s).  In turn, each holds the store only while its
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
		return dbstatus(ret, "log stat");
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
static int
txn_run(struct store *st, int write, txn_fn fn, void *arg)
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
		if ((rc = dbstatus(ret, "txn_begin")) != STORE_OK) {
			if (write)
				write_lock(st->wlock, LOCK_UN);
			return rc == STORE_RETRY ? STORE_ERR : rc;
		}
		rc = fn(st, txn, arg);
		if (rc == STORE_OK && !write) {
			/* A commit ends the transaction even when it fails. */
			rc = dbstatus(txn->commit(txn, 0), "commit");
			return rc == STORE_RETRY ? STORE_ERR : rc;
		}
		if (rc == STORE_OK) {
			/* Group commit.  Writers take turns (write_lock), so a
			 * synchronous commit would make each wait for the fsync
			 * of the one before.  Instead the commit record is
			 * written without waiting, the turn passes on, and the
			 * log is flushed to disk before this writer answers: one
			 * fsync covers every writer that committed meanwhile.  A
			 * write is acknowledged only once its commit is on disk,
			 * exactly as before; others may read it a moment earlier. */
			rc = dbstatus(txn->commit(txn, DB_TXN_WRITE_NOSYNC), "commit");
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

/* Notes in the change log that record rtype/id was written now, in the
 * writer's transaction: a feed's since= then sees exactly what committed. */
static int
changelog_add(struct store *st, DB_TXN *txn, int rtype, uint32_t id)
{
	unsigned char kb[13];
	uint64_t now = (uint64_t)time(NULL);
	DBT k, d;
	int i;

	for (i = 0; i < 8; i++)
		kb[i] = (unsigned char)(now >> (56 - 8 * i));
	kb[8] = (unsigned char)rtype;
	be32(kb + 9, id);
	dbt_init(&k, kb, sizeof(kb));
	dbt_init(&d, NULL, 0);
	return dbstatus(st->db[T_CHANGELOG]->put(st->db[T_CHANGELOG], txn, &k, &d, 0),
	    "changelog");
}

/* ------------------------------------------------------------ rules */

/* What the texts and numbers of each record are held to (okr.h), on
 * every path that writes one; enumerations are checked from the codecs'
 * tables, references and the unit tree in the transaction. */
enum rkind { R_LINE, R_LINES, R_NUMBER, R_LOGIN, R_CYCLE };

static const struct rule {
	int		 rtype;
	size_t		 off;
	enum rkind	 kind;
	int		 required;	/* a text that may not be empty */
	double		 min, max;	/* a number's range; a text's characters */
	const char	*name;
} rules[] = {
#define RT(r, s, m, k, req, max) { r, offsetof(struct s, m), k, req, 0, max, #m }
#define RN(r, s, m, lo, hi) { r, offsetof(struct s, m), R_NUMBER, 0, lo, hi, #m }
	RT('U', unit, name, R_LINE, 1, OKR_MAX_NAME),
	RT('P', person, login, R_LOGIN, 1, OKR_MAX_LOGIN),
	RT('P', person, name, R_LINE, 1, OKR_MAX_NAME),
	RT('C', cycle, name, R_CYCLE, 1, OKR_MAX_CYCLE),
	RT('O', objective, title, R_LINE, 1, OKR_MAX_TITLE),
	RT('O', objective, description, R_LINES, 0, OKR_MAX_TEXT),
	RT('K', kr, title, R_LINE, 1, OKR_MAX_TITLE),
	RT('K', kr, unit_label, R_LINE, 0, OKR_MAX_LABEL),
	RN('K', kr, start, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN('K', kr, target, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN('K', kr, current, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN('K', kr, weight, 0, OKR_MAX_WEIGHT),
	RN('K', kr, confidence, 0, 1),
	RT('I', checkin, note, R_LINES, 0, OKR_MAX_TEXT),
	RN('I', checkin, value, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN('I', checkin, confidence, 0, 1),
	RT('H', change, field, R_LINE, 1, 32),
	RT('H', change, old_value, R_LINES, 0, CODEC_MAXREC),
	RT('H', change, new_value, R_LINES, 0, CODEC_MAXREC),
	RT('M', comment, text, R_LINES, 1, OKR_MAX_TEXT),
	RT('G', meeting, title, R_LINE, 0, OKR_MAX_TITLE),
	RT('G', meeting, minutes, R_LINES, 0, OKR_MAX_MINUTES),
	RT('G', meeting, decisions, R_LINES, 0, OKR_MAX_MINUTES),
	RT('G', meeting, present, R_LINE, 0, CODEC_MAXREC),
	RT('G', meeting, status_reason, R_LINES, 0, OKR_MAX_TITLE),
	RT('G', meeting, deferred, R_LINES, 0, CODEC_MAXREC),
	RT('A', action, title, R_LINE, 1, OKR_MAX_TITLE),
	RT('W', grow, goal, R_LINES, 0, OKR_MAX_TEXT),
	RT('W', grow, reality, R_LINES, 0, OKR_MAX_TEXT),
	RT('W', grow, options, R_LINES, 0, OKR_MAX_TEXT),
	RT('W', grow, will, R_LINES, 0, OKR_MAX_TEXT),
	RT('V', verdict, text, R_LINE, 0, OKR_MAX_TITLE),
	RT('V', verdict, note, R_LINES, 0, OKR_MAX_NOTE),
	RT('V', verdict, signed_by, R_LINE, 0, CODEC_MAXREC),
#undef RT
#undef RN
};

/* The rules that tie two fields of a record; the member at fault, or NULL. */
static const char *
rec_rule(int rtype, const void *rec)
{
	const struct unit *u = rec;
	const struct cycle *c = rec;
	const struct kr *k = rec;

	switch (rtype) {
	case 'U':
		/* A person is no unit: the personal level is for objectives. */
		return u->level == LEVEL_PERSONAL ? "level" : NULL;
	case 'C':
		return c->end < c->start ? "end" : NULL;
	case 'K':
		/* No grade yet (-1), or a grade from 0 to 1. */
		if (k->grade != -1 && !okr_number_ok(k->grade, 0, 1))
			return "grade";
		/* A milestone is done (1) or not (0). */
		if (k->kind == KR_MILESTONE && k->current != 0 && k->current != 1)
			return "current";
		return NULL;
	default:
		return NULL;
	}
}

int
store_rec_check(int rtype, const void *rec, const char **member)
{
	const struct codec *c = store_codec(rtype);
	const char *p = rec, *bad = NULL, *s;
	size_t i;
	int32_t v;
	int ok;

	if (c == NULL)
		return STORE_INVALID;
	for (i = 0; bad == NULL && i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct rule *r = &rules[i];

		if (r->rtype != rtype)
			continue;
		s = r->kind != R_NUMBER ? *(char *const *)(p + r->off) : NULL;
		switch (r->kind) {
		case R_NUMBER:
			ok = okr_number_ok(*(const double *)(p + r->off), r->min, r->max);
			break;
		case R_LOGIN:
			ok = okr_login_ok(s);
			break;
		case R_CYCLE:
			ok = okr_cycle_name_ok(s);
			break;
		default:
			/* And only characters XML may hold, as where text enters. */
			ok = okr_text_ok(s, (size_t)r->max, r->kind == R_LINES) &&
			    (s == NULL || render_text_valid(s, strlen(s)) == strlen(s)) &&
			    !(r->required && (s == NULL || *s == '\0'));
			break;
		}
		if (!ok)
			bad = r->name;
	}
	/* An enumeration holds one of its names, or its default "none". */
	for (i = 0; bad == NULL && i < c->nfields; i++) {
		const struct field *f = &c->fields[i];

		if (f->enames == NULL)
			continue;
		v = *(const int32_t *)(p + f->off);
		if ((v < 0 || v >= f->nenames) && !(f->def < 0 && v == (int32_t)f->def))
			bad = f->xml;
	}
	if (bad == NULL)
		bad = rec_rule(rtype, rec);
	if (member != NULL)
		*member = bad;
	return bad == NULL ? STORE_OK : STORE_INVALID;
}

static int
rec_put(struct store *st, DB_TXN *txn, enum table t, uint32_t id, const void *rec)
{
	static unsigned char buf[CODEC_MAXREC];
	unsigned char kb[4];
	size_t n;
	DBT k, d;
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	if (store_rec_check(tables[t].codec->rtype, rec, NULL) != STORE_OK)
		return STORE_INVALID;
	if ((n = codec_encode(tables[t].codec, rec, buf)) == 0)
		return STORE_INVALID;
	be32(kb, id);
	dbt_init(&k, kb, 4);
	dbt_init(&d, buf, n);
	if ((rc = dbstatus(st->db[t]->put(st->db[t], txn, &k, &d, 0),
	    tables[t].file)) != STORE_OK)
		return rc;
	return changelog_add(st, txn, tables[t].codec->rtype, id);
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
	if (plen > 0)	/* a whole table passes no prefix at all (NULL) */
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
		if (k.size < plen || (plen > 0 && memcmp(k.data, prefix, plen) != 0))
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

/* ------------------------------------------------------------ writes */

/* What a write transaction needs besides its record. */
struct wop {
	uint32_t	 actor;
	struct person	 me;		/* the actor, unless STORE_SYSTEM */
	struct arena	 ar;		/* freed when the operation ends */
	void		*rec;
	size_t		 n;		/* check-ins: how many */
	uint32_t	 id, newid;	/* carry over */
	const char	*id_str;	/* a meeting's snapshot, a KR's reason */
	int64_t		 now;
	char		 name[32];	/* the next cycle's: outlives ar */
};

/* Loads the actor; an unknown person may not write. */
static int
load_actor(struct store *st, DB_TXN *txn, struct wop *w)
{
	int rc;

	if (w->actor == STORE_SYSTEM)
		return STORE_OK;
	rc = rec_get(st, txn, T_PEOPLE, w->actor, &w->me, &w->ar, 0);
	return rc == STORE_NOTFOUND ? STORE_FORBIDDEN : rc;
}

static int
is_admin(const struct wop *w)
{
	return w->actor == STORE_SYSTEM || w->me.role == ROLE_ADMIN;
}

/* A walk up the unit tree in a transaction (okr_unit_walk()): it stops
 * at unit stop, or at a unit led by lead; a unit being written (self)
 * counts with its new parent. */
struct upwalk {
	struct store		*st;
	DB_TXN			*txn;
	struct arena		*ar;
	const struct unit	*self;
	uint32_t		 stop, lead;
	int			 rc;	/* the store's status when a step failed */
	int			 depth;	/* units walked */
};

static int
up_step(void *arg, uint32_t id, uint32_t *parent)
{
	struct upwalk *w = arg;
	struct unit u;

	if (w->self != NULL && id == w->self->id)
		u = *w->self;
	else if ((w->rc = rec_get(w->st, w->txn, T_UNITS, id, &u, w->ar, 0)) !=
	    STORE_OK)
		return -1;
	*parent = u.parent;
	w->depth++;
	return (w->stop != 0 && id == w->stop) ||
	    (w->lead != 0 && u.lead == w->lead) ? 1 : 0;
}

/* Walks up from unit: *stopped says whether it stopped (see struct
 * upwalk), *top (if not NULL) is the topmost unit otherwise.  STORE_RULE
 * for a loop or a chain deeper than OKR_MAX_DEPTH, else the status of the
 * read that failed (STORE_NOTFOUND: a unit on the way is missing). */
static int
up_walk(struct upwalk *w, uint32_t unit, int *stopped, uint32_t *top)
{
	int rc;

	w->rc = STORE_OK;
	w->depth = 0;
	rc = okr_unit_walk(unit, up_step, w, top);
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
	if ((rc = rec_list(st, txn, T_UNIT_PARENT, key, 4, ar, &v)) != STORE_OK)
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
static int
tree_ok(struct upwalk *uw, uint32_t unit)
{
	int rc, stopped;

	if ((rc = up_walk(uw, unit, &stopped, NULL)) != STORE_OK || unit == 0)
		return rc;
	return below_within(uw->st, uw->txn, uw->ar, unit, OKR_MAX_DEPTH - uw->depth);
}

/* Whether the actor leads unit or one of the units above it (a unit lead
 * answers for the unit, its sub-units and their members). */
static int
leads(struct store *st, DB_TXN *txn, struct wop *w, uint32_t unit, int *yes)
{
	struct upwalk uw = { st, txn, &w->ar, NULL, 0, w->actor, STORE_OK, 0 };
	int rc;

	*yes = 0;
	if (unit == 0 || w->actor == STORE_SYSTEM)
		return STORE_OK;
	rc = up_walk(&uw, unit, yes, NULL);
	/* A unit that is missing or in a loop grants nothing. */
	return rc == STORE_NOTFOUND || rc == STORE_RULE ? STORE_OK : rc;
}

/* The rule for editing an objective: an admin; the owner of a personal
 * objective; a lead of its unit or of a unit above.  A closed cycle is
 * read-only for everyone. */
static int
may_edit(struct store *st, DB_TXN *txn, struct wop *w, const struct objective *o)
{
	struct cycle c;
	int rc, yes;

	if ((rc = rec_get(st, txn, T_CYCLES, o->cycle, &c, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	/* The operator's command loads history, closed cycles included. */
	if (c.state == CYCLE_CLOSED && w->actor != STORE_SYSTEM)
		return STORE_CLOSED;
	if (is_admin(w))
		return STORE_OK;
	if (o->level == LEVEL_PERSONAL && o->owner == w->actor)
		return STORE_OK;
	if ((rc = leads(st, txn, w, o->unit, &yes)) != STORE_OK)
		return rc;
	return yes ? STORE_OK : STORE_FORBIDDEN;
}

static int within(struct store *, DB_TXN *, struct arena *, uint32_t, uint32_t,
    int *);

/* The rule for writing a KR of objective o (old: the stored KR, NULL for
 * a new one): whoever may edit o; and on a draft objective, before the
 * consensus meeting, the lead of a unit under o's unit (a department
 * head) may propose KRs and change them while they are proposals. */
static int
may_write_kr(struct store *st, DB_TXN *txn, struct wop *w,
    const struct objective *o, const struct kr *old)
{
	struct unit u;
	int rc = may_edit(st, txn, w, o), rc2, yes = 0;

	if (rc != STORE_FORBIDDEN || o->state != OBJ_DRAFT ||
	    o->level == LEVEL_PERSONAL || (old != NULL && old->state != KRS_PROPOSED))
		return rc;
	if ((rc2 = rec_get(st, txn, T_UNITS, w->me.unit, &u, &w->ar, 0)) != STORE_OK)
		return rc2 == STORE_NOTFOUND ? rc : rc2;
	if (u.lead != w->actor)
		return rc;
	if ((rc2 = within(st, txn, &w->ar, u.id, o->unit, &yes)) != STORE_OK)
		return rc2;
	return yes ? STORE_OK : rc;
}

/* A field's value as the history shows it. */
static const char *
field_text(struct store *st, DB_TXN *txn, struct wop *w, const struct field *f,
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
		return rec_get(st, txn, T_PEOPLE, (uint32_t)v, &who, &w->ar, 0) ==
		    STORE_OK ? who.login : arena_printf(&w->ar, "#%lld", (long long)v);
	case FMT_KR:
		return v == 0 ? "" : arena_printf(&w->ar, "#%lld", (long long)v);
	default:
		return arena_printf(&w->ar, "%lld", (long long)v);
	}
}

/* Appends one change to the history. */
static int
history_add(struct store *st, DB_TXN *txn, struct wop *w, uint32_t obj,
    int record, uint32_t rid, const char *field, const char *old, const char *new)
{
	struct change c = { 0, obj, rid, w->actor, record, w->now,
	    (char *)field, (char *)old, (char *)new };
	int rc;

	if ((rc = next_id(st, txn, T_HISTORY, &c.id)) != STORE_OK)
		return rc;
	return rec_put(st, txn, T_HISTORY, c.id, &c);
}

/* Records every field that differs between old and new (old NULL: the
 * record was created). */
static int
history_diff(struct store *st, DB_TXN *txn, struct wop *w, enum table t,
    uint32_t obj, uint32_t rid, const void *old, const void *new)
{
	const struct codec *c = tables[t].codec;
	int record = t == T_OBJ ? 'O' : 'K';
	const char *a, *b;
	size_t i;
	int rc;

	if (old == NULL)
		return history_add(st, txn, w, obj, record, rid, "created", "",
		    field_text(st, txn, w, &c->fields[t == T_OBJ ? 12 : 13], new));
	for (i = 0; i < c->nfields; i++) {
		if (c->fields[i].fmt == FMT_NONE || c->fields[i].name == NULL)
			continue;
		a = field_text(st, txn, w, &c->fields[i], old);
		b = field_text(st, txn, w, &c->fields[i], new);
		if (strcmp(a, b) != 0 && (rc = history_add(st, txn, w, obj, record,
		    rid, c->fields[i].name, a, b)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* Reads the stored version of a record for writing and checks that the
 * writer saw it: of two saves from the same version exactly one wins. */
static int
check_version(struct store *st, DB_TXN *txn, struct wop *w, enum table t,
    uint32_t id, uint32_t seen, void *old)
{
	int rc = rec_get(st, txn, t, id, old, &w->ar, 1);

	if (rc != STORE_OK)
		return rc;
	return *(uint32_t *)((char *)old + version_off(t)) == seen ?
	    STORE_OK : STORE_CONFLICT;
}

/* Takes a new id for a record, or checks the version of an existing one
 * into old; sets the record's next version. */
static int
prepare(struct store *st, DB_TXN *txn, struct wop *w, enum table t, void *rec,
    void *old, int *created)
{
	uint32_t *idp = rec, *verp = (uint32_t *)((char *)rec + version_off(t));
	int rc;

	*created = *idp == 0;
	if (*created) {
		*verp = 1;
		return next_id(st, txn, t, idp);
	}
	if ((rc = check_version(st, txn, w, t, *idp, *verp, old)) != STORE_OK)
		return rc;
	(*verp)++;
	return STORE_OK;
}

static int exists(struct store *, DB_TXN *, enum table, uint32_t);

static int
op_unit(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct unit *u = w->rec, old;
	struct upwalk uw = { st, txn, &w->ar, u, 0, 0, STORE_OK, 0 };
	int rc, created;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!is_admin(w))
		return STORE_FORBIDDEN;
	/* The parent must exist (STORE_INVALID) and the unit may not end up
	 * under itself or too deep (STORE_RULE): its new chain, walked with
	 * its new parent, reaches the top, its sub-units' within the depth. */
	if ((rc = tree_ok(&uw, u->id)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	/* The lead is a person (only whether it exists: a person is no unit,
	 * and reading one into p overran it, as ASan showed). */
	if (u->lead != 0 && (rc = exists(st, txn, T_PEOPLE, u->lead)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = prepare(st, txn, w, T_UNITS, u, &old, &created)) != STORE_OK)
		return rc;
	return rec_put(st, txn, T_UNITS, u->id, u);
}

static int
op_person(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct person *p = w->rec, old, m;
	struct unit u;
	int rc, created;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = rec_get(st, txn, T_UNITS, p->unit, &u, &w->ar, 0)) != STORE_OK ||
	    (p->manager != 0 && (rc = rec_get(st, txn, T_PEOPLE, p->manager, &m,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = prepare(st, txn, w, T_PEOPLE, p, &old, &created)) != STORE_OK)
		return rc;
	/* A login taken by another person fails in the unique index. */
	return rec_put(st, txn, T_PEOPLE, p->id, p);
}

static int
op_cycle(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct cycle *c = w->rec, old;
	int rc, created;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = prepare(st, txn, w, T_CYCLES, c, &old, &created)) != STORE_OK)
		return rc;
	return rec_put(st, txn, T_CYCLES, c->id, c);
}

/* Runs a write operation with its own arena. */
static int
write_op(struct store *st, txn_fn fn, struct wop *w)
{
	int rc;

	arena_init(&w->ar);
	w->now = (int64_t)time(NULL);
	rc = txn_run(st, 1, fn, w);
	arena_free(&w->ar);
	return rc;
}

/* Runs a write of one record; on failure the caller's record keeps its
 * id and version, so that a form can be shown again as it was. */
static int
write_rec(struct store *st, txn_fn fn, uint32_t actor, void *rec, enum table t)
{
	struct wop w = { .actor = actor, .rec = rec };
	uint32_t id = *(uint32_t *)rec;
	uint32_t ver = *(uint32_t *)((char *)rec + version_off(t));
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	if ((rc = write_op(st, fn, &w)) != STORE_OK) {
		*(uint32_t *)rec = id;
		*(uint32_t *)((char *)rec + version_off(t)) = ver;
	}
	return rc;
}

int
store_unit_put(struct store *st, uint32_t actor, struct unit *u)
{
	if (store_rec_check('U', u, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_rec(st, op_unit, actor, u, T_UNITS);
}

int
store_person_put(struct store *st, uint32_t actor, struct person *p)
{
	if (store_rec_check('P', p, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_rec(st, op_person, actor, p, T_PEOPLE);
}

int
store_cycle_put(struct store *st, uint32_t actor, struct cycle *c)
{
	if (store_rec_check('C', c, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_rec(st, op_cycle, actor, c, T_CYCLES);
}

/* The quarter after the newest cycle. */
static int
op_cycle_next(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct cycle *c = w->rec, *all;
	struct vec v = { 0 };
	char name[32], d[32];
	int32_t start;
	int rc, y, q;
	size_t i;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = rec_list(st, txn, T_CYCLES, NULL, 0, &w->ar, &v)) != STORE_OK)
		return rc;
	all = (struct cycle *)v.items;
	start = okr_today();
	/* One cycle ahead at most: a second click does not make two. */
	for (i = 0; i < v.n; i++)
		if (all[i].start > start)
			return STORE_INVALID;
	for (i = 0; i < v.n; i++)
		if (i == 0 || all[i].end + 1 > start)
			start = all[i].end + 1;
	okr_date_format(start, d);
	y = atoi(d);
	q = (atoi(d + 5) - 1) / 3;	/* the quarter holding start */
	snprintf(name, sizeof(name), "%04d-Q%d", y, q + 1);
	for (i = 0; i < v.n; i++)
		if (strcmp(all[i].name, name) == 0)
			return STORE_INVALID;
	snprintf(d, sizeof(d), "%04d-%02d-01", y, q * 3 + 1);
	okr_date_parse(d, &c->start);
	snprintf(d, sizeof(d), "%04d-%02d-01", q == 3 ? y + 1 : y, q == 3 ? 1 : q * 3 + 4);
	okr_date_parse(d, &c->end);
	c->end--;
	c->state = CYCLE_PLANNING;
	c->id = 0;
	memcpy(w->name, name, sizeof(w->name));
	c->name = w->name;
	if ((rc = next_id(st, txn, T_CYCLES, &c->id)) != STORE_OK)
		return rc;
	c->version = 1;
	return rec_put(st, txn, T_CYCLES, c->id, c);
}

int
store_cycle_next(struct store *st, struct arena *ar, uint32_t actor,
    struct cycle *c)
{
	struct wop w = { .actor = actor, .rec = c };
	int rc = write_op(st, op_cycle_next, &w);

	/* The operation's arena is gone: the name is copied from the wop,
	 * which is still here (reading it from the arena was a use after
	 * free, as ASan showed). */
	c->name = rc == STORE_OK ? arena_strdup(ar, w.name) : NULL;
	return rc;
}

/* Checks what an objective names: its cycle, unit, owner, and the KR
 * above (in the same cycle); a personal objective sits in its owner's
 * unit. */
static int
objective_refs(struct store *st, DB_TXN *txn, struct wop *w,
    const struct objective *o)
{
	struct unit u;
	struct person p;
	struct kr k;
	struct objective po;
	int rc;

	if ((rc = rec_get(st, txn, T_UNITS, o->unit, &u, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (o->owner != 0) {
		if ((rc = rec_get(st, txn, T_PEOPLE, o->owner, &p, &w->ar, 0)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		if (o->level == LEVEL_PERSONAL && p.unit != o->unit)
			return STORE_INVALID;
	} else if (o->level == LEVEL_PERSONAL)
		return STORE_INVALID;
	if (o->parent_kr != 0) {
		if ((rc = rec_get(st, txn, T_KRS, o->parent_kr, &k, &w->ar, 0)) != STORE_OK ||
		    (rc = rec_get(st, txn, T_OBJ, k.objective, &po, &w->ar, 0)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		if (po.cycle != o->cycle || po.id == o->id)
			return STORE_INVALID;
	}
	return STORE_OK;
}

/* Whether two texts say the same (NULL and "" alike). */
static int
same_text(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Whether a KR's terms (what it measures, to where, by when) differ;
 * its current value, confidence and owner are not terms. */
static int
kr_terms_differ(const struct kr *a, const struct kr *b)
{
	return !same_text(a->title, b->title) || a->kind != b->kind ||
	    a->direction != b->direction || a->start != b->start ||
	    a->target != b->target || a->due != b->due || a->weight != b->weight ||
	    !same_text(a->unit_label, b->unit_label);
}

/* The state of a cycle, for the rules of the quarterly review. */
static int
cycle_state(struct store *st, DB_TXN *txn, struct wop *w, uint32_t cycle,
    int *state)
{
	struct cycle c;
	int rc = rec_get(st, txn, T_CYCLES, cycle, &c, &w->ar, 0);

	*state = rc == STORE_OK ? c.state : -1;
	return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
}

static int
op_objective(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct objective *o = w->rec, old;
	int rc, created, state;

	if ((rc = load_actor(st, txn, w)) != STORE_OK ||
	    (rc = objective_refs(st, txn, w, o)) != STORE_OK ||
	    (rc = cycle_state(st, txn, w, o->cycle, &state)) != STORE_OK)
		return rc;
	/* The quarterly review's rule: objectives stay unchanged; only key
	 * results may be adjusted. */
	if (state == CYCLE_REVIEW && w->actor != STORE_SYSTEM)
		return STORE_RULE;
	if ((rc = prepare(st, txn, w, T_OBJ, o, &old, &created)) != STORE_OK)
		return rc;
	if (w->actor != STORE_SYSTEM) {
		/* Only the consensus meeting agrees an objective; once agreed
		 * it says what was agreed until the quarterly review (its
		 * owner may still change hands). */
		if (o->state == OBJ_AGREED && (created || old.state != OBJ_AGREED))
			return STORE_RULE;
		if (!created && old.state == OBJ_AGREED &&
		    (o->state != OBJ_AGREED || o->parent_kr != old.parent_kr ||
		    !same_text(o->title, old.title) ||
		    !same_text(o->description, old.description)))
			return STORE_RULE;
		/* A published objective does not go back to draft. */
		if (!created && old.state != OBJ_DRAFT && o->state == OBJ_DRAFT)
			return STORE_INVALID;
	}
	if (!created) {
		/* Where an objective belongs never changes: only what it says. */
		if (old.cycle != o->cycle || old.unit != o->unit ||
		    old.level != o->level)
			return STORE_INVALID;
		if ((rc = may_edit(st, txn, w, &old)) != STORE_OK)
			return rc;
		o->created_by = old.created_by;
		o->created_at = old.created_at;
	} else {
		o->created_by = w->actor;
		o->created_at = w->now;
	}
	if ((rc = may_edit(st, txn, w, o)) != STORE_OK)
		return rc;
	o->updated_by = w->actor;
	o->updated_at = w->now;
	if ((rc = rec_put(st, txn, T_OBJ, o->id, o)) != STORE_OK)
		return rc;
	return history_diff(st, txn, w, T_OBJ, o->id, o->id, created ? NULL : &old, o);
}

int
store_objective_put(struct store *st, uint32_t actor, struct objective *o)
{
	if (o->cycle == 0 || o->unit == 0 || store_rec_check('O', o, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_rec(st, op_objective, actor, o, T_OBJ);
}

static int
op_kr(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct kr *k = w->rec, old, *was = NULL;
	struct objective o;
	struct person p;
	int rc, created, state, want = k->state;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = rec_get(st, txn, T_OBJ, k->objective, &o, &w->ar, 0)) != STORE_OK ||
	    (k->owner != 0 && (rc = rec_get(st, txn, T_PEOPLE, k->owner, &p,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (k->id != 0) {
		if ((rc = rec_get(st, txn, T_KRS, k->id, &old, &w->ar, 1)) == STORE_OK)
			was = &old;
		else if (rc != STORE_NOTFOUND)
			return rc;
	}
	if ((rc = may_write_kr(st, txn, w, &o, was)) != STORE_OK ||
	    (rc = cycle_state(st, txn, w, o.cycle, &state)) != STORE_OK)
		return rc;
	/* At the quarterly review a KR may be adjusted, with a reason that
	 * the history keeps. */
	if (state == CYCLE_REVIEW && w->actor != STORE_SYSTEM &&
	    (w->id_str == NULL || *w->id_str == '\0'))
		return STORE_RULE;
	if ((rc = prepare(st, txn, w, T_KRS, k, &old, &created)) != STORE_OK)
		return rc;
	if (!created && old.objective != k->objective)
		return STORE_INVALID;
	if (w->actor != STORE_SYSTEM) {
		/* Rejected and dropped KRs stay as they were decided. */
		if (!created && !okr_kr_live(old.state))
			return STORE_RULE;
		/* An agreed objective's KRs keep their terms until the
		 * quarterly review; check-ins and owners go on. */
		if (o.state == OBJ_AGREED && state != CYCLE_REVIEW &&
		    (created || kr_terms_differ(&old, k)))
			return STORE_RULE;
		/* The store keeps a KR's standing: a KR under a draft is a
		 * proposal; only the quarterly review drops one. */
		k->state = created ? (o.state == OBJ_DRAFT ? KRS_PROPOSED :
		    KRS_ACTIVE) : old.state;
		if (want == KRS_DROPPED && !created) {
			if (state != CYCLE_REVIEW)
				return STORE_RULE;
			k->state = KRS_DROPPED;
		}
	}
	/* updated_at is the time of the check-in the KR shows, 0 for none;
	 * the grade changes only by grading (op_grade). */
	k->updated_at = created ? 0 : old.updated_at;
	k->grade = created ? -1 : old.grade;
	if ((rc = rec_put(st, txn, T_KRS, k->id, k)) != STORE_OK ||
	    (rc = history_diff(st, txn, w, T_KRS, k->objective, k->id,
	    created ? NULL : &old, k)) != STORE_OK)
		return rc;
	if (w->id_str != NULL && *w->id_str != '\0')
		return history_add(st, txn, w, k->objective, 'K', k->id, "reason",
		    "", w->id_str);
	return STORE_OK;
}

int
store_kr_adjust(struct store *st, uint32_t actor, struct kr *k,
    const char *reason)
{
	struct wop w = { .actor = actor, .rec = k, .id_str = reason };
	uint32_t id = k->id, ver = k->version;
	int rc;

	if (k->objective == 0 || store_rec_check('K', k, NULL) != STORE_OK)
		return STORE_INVALID;
	if (st->rdonly)
		return STORE_ERR;
	if ((rc = write_op(st, op_kr, &w)) != STORE_OK) {
		k->id = id;
		k->version = ver;
	}
	return rc;
}

/* Sets a KR's final grade (store_kr_grade). */
static int
op_grade(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct kr k, old;
	struct objective o;
	double grade = *(double *)w->rec, proposed;
	int rc, state;

	if ((rc = load_actor(st, txn, w)) != STORE_OK ||
	    (rc = check_version(st, txn, w, T_KRS, w->id, w->newid, &k)) != STORE_OK)
		return rc;
	if ((rc = rec_get(st, txn, T_OBJ, k.objective, &o, &w->ar, 0)) != STORE_OK ||
	    (rc = may_edit(st, txn, w, &o)) != STORE_OK ||
	    (rc = cycle_state(st, txn, w, o.cycle, &state)) != STORE_OK)
		return rc;
	/* Grades are given at the end of the cycle, in tenths, to KRs that
	 * count. */
	if (state != CYCLE_REVIEW)
		return STORE_RULE;
	if (!okr_kr_live(k.state))
		return STORE_INVALID;
	if (!(grade >= 0 && grade <= 1) || fabs(grade * 10 - floor(grade * 10 + 0.5)) > 1e-9)
		return STORE_INVALID;
	proposed = okr_grade_proposal(okr_kr_score(k.kind, k.direction, k.start,
	    k.target, k.current));
	if (fabs(grade - proposed) > 1e-9 && (w->id_str == NULL || *w->id_str == '\0'))
		return STORE_RULE;
	old = k;
	k.grade = floor(grade * 10 + 0.5) / 10;
	k.version++;
	if ((rc = rec_put(st, txn, T_KRS, k.id, &k)) != STORE_OK ||
	    (rc = history_diff(st, txn, w, T_KRS, k.objective, k.id, &old, &k)) != STORE_OK)
		return rc;
	if (w->id_str != NULL && *w->id_str != '\0')
		return history_add(st, txn, w, k.objective, 'K', k.id, "reason", "",
		    w->id_str);
	return STORE_OK;
}

int
store_kr_grade(struct store *st, uint32_t actor, uint32_t id, uint32_t version,
    double grade, const char *reason)
{
	struct wop w = { .actor = actor, .rec = &grade, .id = id, .newid = version,
	    .id_str = reason };

	return write_op(st, op_grade, &w);
}

int
store_kr_put(struct store *st, uint32_t actor, struct kr *k)
{
	return store_kr_adjust(st, actor, k, NULL);
}

/* May the actor check in on KR k (of objective o)?  Its owner may, and
 * whoever may edit the objective. */
static int
may_checkin(struct store *st, DB_TXN *txn, struct wop *w, const struct kr *k,
    struct objective *o)
{
	int rc;

	if ((rc = rec_get(st, txn, T_OBJ, k->objective, o, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	rc = may_edit(st, txn, w, o);
	if (rc == STORE_FORBIDDEN && k->owner != 0 && k->owner == w->actor)
		rc = STORE_OK;
	return rc;
}

static int
op_checkins(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct checkin *c = w->rec;
	struct kr k, old;
	struct objective o;
	int64_t now;
	size_t i;
	int rc;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	for (i = 0; i < w->n; i++) {
		if ((rc = rec_get(st, txn, T_KRS, c[i].kr, &k, &w->ar, 1)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		if (!okr_kr_live(k.state))
			return STORE_INVALID;	/* rejected or dropped */
		if ((rc = may_checkin(st, txn, w, &k, &o)) != STORE_OK)
			return rc;
		/* The operator's loads keep their authors; people sign their own. */
		if (w->actor != STORE_SYSTEM || c[i].author == 0)
			c[i].author = w->actor;
		if (c[i].at == 0)
			c[i].at = w->now;
		if ((rc = next_id(st, txn, T_CHECKINS, &c[i].id)) != STORE_OK ||
		    (rc = rec_put(st, txn, T_CHECKINS, c[i].id, &c[i])) != STORE_OK)
			return rc;
		/* The KR shows its latest check-in; a back-dated one only
		 * joins the list of check-ins. */
		if (c[i].at < k.updated_at)
			continue;
		old = k;
		k.current = c[i].value;
		k.confidence = c[i].confidence;
		k.updated_at = c[i].at;
		k.version++;
		/* The history dates the change by its check-in (a loaded
		 * past check-in keeps its own date). */
		now = w->now;
		w->now = c[i].at;
		rc = rec_put(st, txn, T_KRS, k.id, &k);
		if (rc == STORE_OK)
			rc = history_diff(st, txn, w, T_KRS, k.objective, k.id, &old, &k);
		w->now = now;
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_checkins_add(struct store *st, uint32_t actor, struct checkin *c, size_t n)
{
	struct wop w = { .actor = actor, .rec = c, .n = n };
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (c[i].kr == 0 || store_rec_check('I', &c[i], NULL) != STORE_OK)
			return STORE_INVALID;
	if ((rc = write_op(st, op_checkins, &w)) != STORE_OK)
		for (i = 0; i < n; i++)
			c[i].id = 0;
	return rc;
}

/* Anyone known may comment while the objective's cycle is open or in
 * review; a closed cycle is the record its scores were judged on, and a
 * later remark would read as part of that discussion.  The operator's
 * command still loads the comments of closed cycles. */
static int
may_comment(struct store *st, DB_TXN *txn, struct wop *w, const struct objective *o)
{
	struct cycle c;
	int rc;

	if ((rc = rec_get(st, txn, T_CYCLES, o->cycle, &c, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	return c.state == CYCLE_CLOSED && w->actor != STORE_SYSTEM ?
	    STORE_CLOSED : STORE_OK;
}

static int
op_comment(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct comment *c = w->rec;
	struct objective o;
	int rc;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = rec_get(st, txn, T_OBJ, c->objective, &o, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = may_comment(st, txn, w, &o)) != STORE_OK)
		return rc;
	c->owner = o.owner;
	c->author = w->actor;
	c->at = w->now;
	if ((rc = next_id(st, txn, T_COMMENTS, &c->id)) != STORE_OK)
		return rc;
	return rec_put(st, txn, T_COMMENTS, c->id, c);
}

int
store_comment_add(struct store *st, uint32_t actor, struct comment *c)
{
	struct wop w = { .actor = actor, .rec = c };

	if (store_rec_check('M', c, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_op(st, op_comment, &w);
}

/* Copies objective w->id into the cycle that follows its own. */
static int
op_carry(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct objective o, copy;
	struct cycle c, *all, *next = NULL;
	struct vec cv = { 0 }, kv = { 0 }, hv = { 0 };
	struct kr *k;
	unsigned char key[4];
	double *sc;
	size_t i, j;
	int rc;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = rec_get(st, txn, T_OBJ, w->id, &o, &w->ar, 0)) != STORE_OK)
		return rc;
	if ((rc = may_edit(st, txn, w, &o)) != STORE_OK &&
	    rc != STORE_CLOSED)	/* a closed cycle's objective may be carried */
		return rc;
	if (rc == STORE_CLOSED && !is_admin(w) && o.owner != w->actor) {
		int yes;

		if ((rc = leads(st, txn, w, o.unit, &yes)) != STORE_OK)
			return rc;
		if (!yes)
			return STORE_FORBIDDEN;
	}
	if ((rc = rec_get(st, txn, T_CYCLES, o.cycle, &c, &w->ar, 0)) != STORE_OK ||
	    (rc = rec_list(st, txn, T_CYCLES, NULL, 0, &w->ar, &cv)) != STORE_OK)
		return rc;
	all = (struct cycle *)cv.items;
	for (i = 0; i < cv.n; i++)
		if (all[i].start > c.start && (next == NULL || all[i].start < next->start))
			next = &all[i];
	if (next == NULL)
		return STORE_INVALID;
	if (next->state == CYCLE_CLOSED)
		return STORE_CLOSED;
	/* Once carried, never twice: the history says where it went. */
	be32(key, o.id);
	if ((rc = rec_list(st, txn, T_HISTORY_OBJ, key, 4, &w->ar, &hv)) != STORE_OK)
		return rc;
	for (i = 0; i < hv.n; i++) {
		const struct change *h = (const struct change *)hv.items + i;

		if (h->record_id == o.id && strcmp(h->field, "carried") == 0 &&
		    *h->new_value != '\0')
			return STORE_INVALID;
	}
	if ((rc = rec_list(st, txn, T_KR_OBJ, key, 4, &w->ar, &kv)) != STORE_OK)
		return rc;
	k = (struct kr *)kv.items;
	sc = arena_alloc(&w->ar, (kv.n + 1) * sizeof(*sc));
	/* Rejected and dropped KRs stay behind. */
	for (i = j = 0; i < kv.n; i++)
		if (okr_kr_live(k[i].state))
			k[j++] = k[i];
	kv.n = j;
	for (i = 0; i < kv.n; i++)
		sc[i] = okr_kr_score(k[i].kind, k[i].direction, k[i].start,
		    k[i].target, k[i].current);
	if (kv.n > 0 && okr_pct(okr_weighted_score(sc, NULL, kv.n)) == 100)
		return STORE_INVALID;	/* finished: nothing to carry */
	copy = o;
	copy.cycle = next->id;
	copy.parent_kr = 0;	/* the next cycle's alignment is chosen anew */
	copy.state = OBJ_ACTIVE;
	copy.version = 1;
	copy.created_by = copy.updated_by = w->actor;
	copy.created_at = copy.updated_at = w->now;
	if ((rc = next_id(st, txn, T_OBJ, &copy.id)) != STORE_OK ||
	    (rc = rec_put(st, txn, T_OBJ, copy.id, &copy)) != STORE_OK ||
	    (rc = history_diff(st, txn, w, T_OBJ, copy.id, copy.id, NULL, &copy)) != STORE_OK ||
	    (rc = history_add(st, txn, w, copy.id, 'O', copy.id, "carried",
	    arena_printf(&w->ar, "#%u", o.id), "")) != STORE_OK ||
	    (rc = history_add(st, txn, w, o.id, 'O', o.id, "carried", "",
	    arena_printf(&w->ar, "#%u", copy.id))) != STORE_OK)
		return rc;
	for (i = 0; i < kv.n; i++) {
		k[i].objective = copy.id;
		k[i].start = k[i].current;	/* reset: start where it stands */
		k[i].grade = -1;
		k[i].state = KRS_ACTIVE;
		k[i].version = 1;
		k[i].updated_at = w->now;
		if (k[i].due != 0)
			k[i].due = next->end;
		if ((rc = next_id(st, txn, T_KRS, &k[i].id)) != STORE_OK ||
		    (rc = rec_put(st, txn, T_KRS, k[i].id, &k[i])) != STORE_OK)
			return rc;
	}
	w->newid = copy.id;
	return STORE_OK;
}

int
store_objective_carry(struct store *st, uint32_t actor, uint32_t id,
    uint32_t *newid)
{
	struct wop w = { .actor = actor, .id = id };
	int rc = write_op(st, op_carry, &w);

	*newid = rc == STORE_OK ? w.newid : 0;
	return rc;
}

/* store_allowed() in a read transaction. */
struct pop {
	struct wop	 w;
	enum perm	 what;
	uint32_t	 id;
};

static int
op_allowed(struct store *st, DB_TXN *txn, void *arg)
{
	struct pop *p = arg;
	struct wop *w = &p->w;
	struct objective o;
	struct person who;
	struct kr k;
	int rc, yes;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	switch (p->what) {
	case PERM_EDIT_OBJECTIVE:
		if ((rc = rec_get(st, txn, T_OBJ, p->id, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_edit(st, txn, w, &o);
	case PERM_CHECKIN:
		if ((rc = rec_get(st, txn, T_KRS, p->id, &k, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_checkin(st, txn, w, &k, &o);
	case PERM_ADD_KR:
		if ((rc = rec_get(st, txn, T_OBJ, p->id, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_write_kr(st, txn, w, &o, NULL);
	case PERM_EDIT_KR:
		if ((rc = rec_get(st, txn, T_KRS, p->id, &k, &w->ar, 0)) != STORE_OK ||
		    (rc = rec_get(st, txn, T_OBJ, k.objective, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_write_kr(st, txn, w, &o, &k);
	case PERM_COMMENT:
		if ((rc = rec_get(st, txn, T_OBJ, p->id, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_comment(st, txn, w, &o);
	case PERM_ADD_UNIT_OBJECTIVE:
	case PERM_MANAGE_UNIT:
		if (is_admin(w))
			return STORE_OK;
		if ((rc = leads(st, txn, w, p->id, &yes)) != STORE_OK)
			return rc;
		return yes ? STORE_OK : STORE_FORBIDDEN;
	case PERM_ADD_PERSONAL:
		if (is_admin(w) || p->id == w->actor)
			return STORE_OK;
		if ((rc = rec_get(st, txn, T_PEOPLE, p->id, &who, &w->ar, 0)) != STORE_OK ||
		    (rc = leads(st, txn, w, who.unit, &yes)) != STORE_OK)
			return rc;
		return yes ? STORE_OK : STORE_FORBIDDEN;
	default:
		return is_admin(w) ? STORE_OK : STORE_FORBIDDEN;
	}
}

int
store_allowed(struct store *st, uint32_t actor, enum perm what, uint32_t id)
{
	struct pop p = { .w = { .actor = actor }, .what = what, .id = id };
	int rc;

	arena_init(&p.w.ar);
	rc = txn_run(st, 0, op_allowed, &p);
	arena_free(&p.w.ar);
	return rc;
}

/* ---------------------------------------------------------- meetings */

/* Whether unit is ancestor or lies below it. */
static int
within(struct store *st, DB_TXN *txn, struct arena *ar, uint32_t unit,
    uint32_t ancestor, int *yes)
{
	struct upwalk uw = { st, txn, ar, NULL, ancestor, 0, STORE_OK, 0 };
	int rc;

	*yes = 0;
	if (unit == 0 || ancestor == 0)
		return STORE_OK;
	rc = up_walk(&uw, unit, yes, NULL);
	return rc == STORE_NOTFOUND || rc == STORE_RULE ? STORE_OK : rc;
}

/* The company KRs of cycle that unit carries, and which of them an
 * objective of the unit (or below) serves (the department action
 * meeting's rule: a department's objectives contain the company KRs it
 * carries). */
static int
carried(struct store *st, DB_TXN *txn, struct arena *ar, uint32_t unit,
    uint32_t cycle, struct vec *krs, int **covered)
{
	struct person p;
	struct vec ov = { 0 }, kv = { 0 }, av = { 0 };
	struct objective *o, *al;
	struct kr *k;
	unsigned char key[8];
	struct upwalk uw = { st, txn, ar, NULL, 0, 0, STORE_OK, 0 };
	uint32_t root = unit;
	size_t i, j, m;
	int rc, yes;

	/* The company: the top of unit's chain. */
	if ((rc = up_walk(&uw, unit, &yes, &root)) != STORE_OK)
		return rc == STORE_NOTFOUND || rc == STORE_RULE ? STORE_INVALID : rc;
	be32(key, cycle);
	be32(key + 4, root);
	if ((rc = rec_list(st, txn, T_OBJ_CYCLE_UNIT, key, 8, ar, &ov)) != STORE_OK)
		return rc;
	krs->size = sizeof(struct kr);
	krs->n = 0;
	o = (struct objective *)ov.items;
	for (i = 0; i < ov.n; i++) {
		if (o[i].level != LEVEL_COMPANY || o[i].state == OBJ_ARCHIVED)
			continue;
		be32(key, o[i].id);
		kv.n = 0;
		if ((rc = rec_list(st, txn, T_KR_OBJ, key, 4, ar, &kv)) != STORE_OK)
			return rc;
		k = (struct kr *)kv.items;
		for (j = 0; j < kv.n; j++) {
			if (!okr_kr_live(k[j].state) || k[j].owner == 0 ||
			    rec_get(st, txn, T_PEOPLE, k[j].owner,
			    &p, ar, 0) != STORE_OK)
				continue;
			if ((rc = within(st, txn, ar, p.unit, unit, &yes)) != STORE_OK)
				return rc;
			if (yes)
				*(struct kr *)vec_push(ar, krs) = k[j];
		}
	}
	*covered = arena_alloc(ar, (krs->n + 1) * sizeof(**covered));
	k = (struct kr *)krs->items;
	for (i = 0; i < krs->n; i++) {
		be32(key, k[i].id);
		av.n = 0;
		if ((rc = rec_list(st, txn, T_OBJ_PARENT, key, 4, ar, &av)) != STORE_OK)
			return rc;
		al = (struct objective *)av.items;
		for (m = 0; m < av.n && !(*covered)[i]; m++) {
			if (al[m].state == OBJ_ARCHIVED || al[m].cycle != cycle)
				continue;
			if ((rc = within(st, txn, ar, al[m].unit, unit, &yes)) != STORE_OK)
				return rc;
			(*covered)[i] = yes;
		}
	}
	return STORE_OK;
}

/* Whether the meeting's deferrals name KR id. */
static int
deferred(const char *list, uint32_t id)
{
	char want[16];
	const char *p;
	size_t n;

	n = (size_t)snprintf(want, sizeof(want), "%u ", id);
	for (p = list; p != NULL && *p != '\0'; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, want, n) == 0)
			return 1;
	return 0;
}

struct cop {
	struct arena	*ar;
	uint32_t	 unit, cycle;
	struct vec	 krs;
	int		*covered;
};

static int
op_carried(struct store *st, DB_TXN *txn, void *arg)
{
	struct cop *c = arg;

	return carried(st, txn, c->ar, c->unit, c->cycle, &c->krs, &c->covered);
}

int
store_carried_krs(struct store *st, struct arena *ar, uint32_t unit,
    uint32_t cycle, struct kr **krs, int **covered, size_t *n)
{
	struct cop c = { .ar = ar, .unit = unit, .cycle = cycle };
	int rc = txn_run(st, 0, op_carried, &c);

	*krs = rc == STORE_OK ? (struct kr *)c.krs.items : NULL;
	*covered = rc == STORE_OK ? c.covered : NULL;
	*n = rc == STORE_OK ? c.krs.n : 0;
	return rc;
}

/* An admin, or a lead of unit or of a unit above it. */
static int
may_manage(struct store *st, DB_TXN *txn, struct wop *w, uint32_t unit)
{
	int rc, yes;

	if (is_admin(w))
		return STORE_OK;
	if ((rc = leads(st, txn, w, unit, &yes)) != STORE_OK)
		return rc;
	return yes ? STORE_OK : STORE_FORBIDDEN;
}

static int
op_meeting(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct meeting *m = w->rec, old;
	struct unit u;
	struct cycle c;
	struct objective o;
	int rc, created;

	if ((rc = load_actor(st, txn, w)) != STORE_OK ||
	    (rc = may_manage(st, txn, w, m->unit)) != STORE_OK)
		return rc;
	if ((rc = rec_get(st, txn, T_UNITS, m->unit, &u, &w->ar, 0)) != STORE_OK ||
	    (rc = rec_get(st, txn, T_CYCLES, m->cycle, &c, &w->ar, 0)) != STORE_OK ||
	    (m->objective != 0 && (rc = rec_get(st, txn, T_OBJ, m->objective, &o,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (m->objective != 0 && o.unit != m->unit)
		return STORE_INVALID;
	/* Closed before stale: a form from before the close hears that the
	 * meeting is closed, not that someone changed it. */
	if (m->id != 0 && (rc = rec_get(st, txn, T_MEETINGS, m->id, &old, &w->ar, 0)) ==
	    STORE_OK && old.state == MEET_CLOSED)
		return STORE_CLOSED;
	if ((rc = prepare(st, txn, w, T_MEETINGS, m, &old, &created)) != STORE_OK)
		return rc;
	if (created) {
		m->created_by = w->actor;
		m->created_at = w->now;
		m->state = MEET_PLANNED;
	} else {
		/* Frozen once closed; states only move forward; where and
		 * what a meeting is stays. */
		if (old.state == MEET_CLOSED)
			return STORE_CLOSED;
		if (m->state < old.state || m->state == MEET_CLOSED ||
		    m->unit != old.unit || m->cycle != old.cycle ||
		    m->type != old.type || m->objective != old.objective)
			return STORE_INVALID;
		m->created_by = old.created_by;
		m->created_at = old.created_at;
	}
	return rec_put(st, txn, T_MEETINGS, m->id, m);
}

int
store_meeting_put(struct store *st, uint32_t actor, struct meeting *m)
{
	if (m->day == 0 || store_rec_check('G', m, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_rec(st, op_meeting, actor, m, T_MEETINGS);
}

/* The latest decision of a consensus meeting on an item, or NULL. */
const struct verdict *
store_verdict_of(const struct verdict *v, size_t n, uint32_t objective,
    uint32_t kr)
{
	const struct verdict *last = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].objective == objective && v[i].kr == kr &&
		    (last == NULL || v[i].id > last->id))
			last = &v[i];
	return last;
}

/* Closing a consensus meeting: every draft objective of its unit and
 * cycle, and every proposed KR under one kept, has a decision; each
 * objective kept has at least two agreed KRs.  Then the objectives kept
 * become agreed (the rejected ones archived) and their KRs agreed or
 * rejected, each change in the history. */
static int
consensus_apply(struct store *st, DB_TXN *txn, struct wop *w,
    const struct meeting *m)
{
	struct vec ov = { 0 }, kv = { 0 }, vv = { 0 };
	struct objective *o, oldo;
	struct kr *k, oldk;
	const struct verdict *vo, *vk;
	unsigned char key[8];
	const char *why = arena_printf(&w->ar, "#%u", m->id);
	size_t i, j, agreed;
	int rc;

	be32(key, m->id);
	if ((rc = rec_list(st, txn, T_VERDICTS_MEETING, key, 4, &w->ar, &vv)) != STORE_OK)
		return rc;
	be32(key, m->cycle);
	be32(key + 4, m->unit);
	if ((rc = rec_list(st, txn, T_OBJ_CYCLE_UNIT, key, 8, &w->ar, &ov)) != STORE_OK)
		return rc;
	o = (struct objective *)ov.items;
	for (i = 0; i < ov.n; i++) {
		if (o[i].level == LEVEL_PERSONAL || o[i].state != OBJ_DRAFT)
			continue;
		if ((vo = store_verdict_of((struct verdict *)vv.items, vv.n, o[i].id, 0)) == NULL)
			return STORE_RULE;
		be32(key, o[i].id);
		kv.n = 0;
		if ((rc = rec_list(st, txn, T_KR_OBJ, key, 4, &w->ar, &kv)) != STORE_OK)
			return rc;
		k = (struct kr *)kv.items;
		for (j = agreed = 0; j < kv.n; j++) {
			if (k[j].state != KRS_PROPOSED) {
				agreed += okr_kr_live(k[j].state) != 0;
				continue;
			}
			vk = store_verdict_of((struct verdict *)vv.items, vv.n, o[i].id,
			    k[j].id);
			if (vo->kind != VERDICT_REJECT && vk == NULL)
				return STORE_RULE;
			oldk = k[j];
			k[j].state = vo->kind == VERDICT_REJECT ||
			    vk->kind == VERDICT_REJECT ? KRS_REJECTED : KRS_AGREED;
			agreed += k[j].state == KRS_AGREED;
			k[j].version++;
			if ((rc = rec_put(st, txn, T_KRS, k[j].id, &k[j])) != STORE_OK ||
			    (rc = history_diff(st, txn, w, T_KRS, o[i].id, k[j].id,
			    &oldk, &k[j])) != STORE_OK ||
			    (rc = history_add(st, txn, w, o[i].id, 'K', k[j].id,
			    "consensus", "", why)) != STORE_OK)
				return rc;
		}
		if (vo->kind != VERDICT_REJECT && agreed < 2)
			return STORE_RULE;
		oldo = o[i];
		o[i].state = vo->kind == VERDICT_REJECT ? OBJ_ARCHIVED : OBJ_AGREED;
		o[i].version++;
		o[i].updated_by = w->actor;
		o[i].updated_at = w->now;
		if ((rc = rec_put(st, txn, T_OBJ, o[i].id, &o[i])) != STORE_OK ||
		    (rc = history_diff(st, txn, w, T_OBJ, o[i].id, o[i].id, &oldo,
		    &o[i])) != STORE_OK ||
		    (rc = history_add(st, txn, w, o[i].id, 'O', o[i].id, "consensus",
		    "", why)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

static int
op_meeting_close(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct meeting *m = w->rec, old;
	unsigned char kb[4];
	DBT k, d;
	int rc;

	if ((rc = load_actor(st, txn, w)) != STORE_OK ||
	    (rc = check_version(st, txn, w, T_MEETINGS, m->id, m->version, &old)) != STORE_OK)
		return rc;
	if ((rc = may_manage(st, txn, w, old.unit)) != STORE_OK)
		return rc;
	if (old.state == MEET_CLOSED)
		return STORE_CLOSED;
	if (old.state != MEET_OPEN)
		return STORE_INVALID;
	/* A department action meeting closes only when each company KR the
	 * department carries is served by one of its objectives, or was
	 * deferred with a reason. */
	if (old.type == MEET_ACTION) {
		struct vec krs = { 0 };
		int *covered;
		size_t i;

		if ((rc = carried(st, txn, &w->ar, old.unit, old.cycle, &krs,
		    &covered)) != STORE_OK)
			return rc;
		for (i = 0; i < krs.n; i++)
			if (!covered[i] && !deferred(old.deferred,
			    ((struct kr *)krs.items)[i].id))
				return STORE_RULE;
	}
	if (old.type == MEET_CONSENSUS &&
	    (rc = consensus_apply(st, txn, w, &old)) != STORE_OK)
		return rc;
	old.state = MEET_CLOSED;
	old.closed_at = w->now;
	old.version++;
	be32(kb, old.id);
	dbt_init(&k, kb, 4);
	dbt_init(&d, (void *)w->id_str, strlen(w->id_str));
	if ((rc = dbstatus(st->db[T_SNAPSHOTS]->put(st->db[T_SNAPSHOTS], txn,
	    &k, &d, 0), "snapshots")) != STORE_OK)
		return rc;
	if ((rc = rec_put(st, txn, T_MEETINGS, old.id, &old)) != STORE_OK)
		return rc;
	m->state = MEET_CLOSED;
	m->version = old.version;
	m->closed_at = old.closed_at;
	return STORE_OK;
}

int
store_meeting_close(struct store *st, uint32_t actor, struct meeting *m,
    const char *snapshot)
{
	struct wop w = { .actor = actor, .rec = m, .id_str = snapshot };

	return write_op(st, op_meeting_close, &w);
}

static int
op_snapshot(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	unsigned char kb[4];
	DBT k, d;
	int rc;

	be32(kb, op->id);
	dbt_init(&k, kb, 4);
	dbt_init(&d, NULL, 0);
	rc = dbstatus(st->db[T_SNAPSHOTS]->get(st->db[T_SNAPSHOTS], txn, &k, &d, 0),
	    "snapshots");
	if (rc == STORE_OK)
		*(char **)op->rec = arena_strndup(op->ar, d.data, d.size);
	return rc;
}

int
store_meeting_snapshot(struct store *st, struct arena *ar, uint32_t id,
    char **snapshot)
{
	struct op op = { .id = id, .rec = snapshot, .ar = ar };

	return txn_run(st, 0, op_snapshot, &op);
}

static int
op_action(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct action *a = w->rec, old;
	struct meeting m;
	struct kr k;
	struct person p;
	int rc, created;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor == STORE_SYSTEM && a->created_by == 0)
		return STORE_INVALID;
	if ((rc = rec_get(st, txn, T_PEOPLE, a->owner, &p, &w->ar, 0)) != STORE_OK ||
	    (a->kr != 0 && (rc = rec_get(st, txn, T_KRS, a->kr, &k, &w->ar, 0)) != STORE_OK) ||
	    (a->meeting != 0 && (rc = rec_get(st, txn, T_MEETINGS, a->meeting, &m,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	a->objective = a->kr != 0 ? k.objective : 0;
	if ((rc = prepare(st, txn, w, T_ACTIONS, a, &old, &created)) != STORE_OK)
		return rc;
	if (created) {
		if (a->meeting != 0 && (m.state == MEET_CLOSED || m.unit != a->unit))
			return m.state == MEET_CLOSED ? STORE_CLOSED : STORE_INVALID;
		a->created_by = w->actor;
		a->created_at = w->now;
	} else {
		if (old.unit != a->unit || old.meeting != a->meeting)
			return STORE_INVALID;
		a->created_by = old.created_by;
		a->created_at = old.created_at;
		if (w->actor != old.owner && w->actor != old.created_by &&
		    (rc = may_manage(st, txn, w, old.unit)) != STORE_OK)
			return rc;
	}
	return rec_put(st, txn, T_ACTIONS, a->id, a);
}

int
store_action_put(struct store *st, uint32_t actor, struct action *a)
{
	if (a->unit == 0 || a->owner == 0 || store_rec_check('A', a, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_rec(st, op_action, actor, a, T_ACTIONS);
}

static int
op_ack(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct meeting m;
	struct unit u;
	int rc, yes;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor == STORE_SYSTEM)
		return STORE_FORBIDDEN;
	if ((rc = rec_get(st, txn, T_MEETINGS, w->id, &m, &w->ar, 1)) != STORE_OK)
		return rc;
	if (m.state == MEET_CLOSED)
		return STORE_CLOSED;
	/* Presence elsewhere is the lead's to record: in a consensus
	 * meeting it is what lets a person sign off. */
	if (m.type != MEET_AWARENESS)
		return STORE_RULE;
	if (m.state != MEET_OPEN)
		return STORE_INVALID;
	/* Those the meeting is for, as its attendance lists them: the
	 * people of its unit and the units below, and the unit's lead. */
	if ((rc = rec_get(st, txn, T_UNITS, m.unit, &u, &w->ar, 0)) != STORE_OK ||
	    (rc = within(st, txn, &w->ar, w->me.unit, m.unit, &yes)) != STORE_OK)
		return rc;
	if (!yes && u.lead != w->actor)
		return STORE_FORBIDDEN;
	if (okr_listed(m.present, w->me.login))
		return STORE_OK;	/* already there */
	m.present = arena_printf(&w->ar, "%s%s%s", m.present ? m.present : "",
	    m.present && *m.present ? " " : "", w->me.login);
	m.version++;
	return rec_put(st, txn, T_MEETINGS, m.id, &m);
}

int
store_meeting_ack(struct store *st, uint32_t actor, uint32_t meeting)
{
	struct wop w = { .actor = actor, .id = meeting };

	return write_op(st, op_ack, &w);
}

static int
op_grow(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct grow *g = w->rec;
	struct meeting m;
	struct objective o;
	struct kr k;
	int rc;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor == STORE_SYSTEM)
		return STORE_FORBIDDEN;
	if ((rc = rec_get(st, txn, T_MEETINGS, g->meeting, &m, &w->ar, 0)) != STORE_OK ||
	    (rc = rec_get(st, txn, T_KRS, g->kr, &k, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (m.state == MEET_CLOSED)
		return STORE_CLOSED;
	/* Only a KR the meeting shows: of its unit's live objectives in
	 * its cycle. */
	if ((rc = rec_get(st, txn, T_OBJ, k.objective, &o, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (m.type != MEET_MONTHLY || o.unit != m.unit || o.cycle != m.cycle ||
	    o.level == LEVEL_PERSONAL || o.state == OBJ_ARCHIVED)
		return STORE_INVALID;
	g->author = w->actor;
	g->at = w->now;
	g->version = 1;
	if ((rc = next_id(st, txn, T_GROWS, &g->id)) != STORE_OK)
		return rc;
	return rec_put(st, txn, T_GROWS, g->id, g);
}

static int
op_verdict(struct store *st, DB_TXN *txn, void *arg)
{
	struct wop *w = arg;
	struct verdict *v = w->rec;
	struct meeting m;
	struct objective o, oldo;
	struct kr k, oldk;
	char *s, *save, *who;
	int rc;

	if ((rc = load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = rec_get(st, txn, T_MEETINGS, v->meeting, &m, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = may_manage(st, txn, w, m.unit)) != STORE_OK)
		return rc;
	if (m.state == MEET_CLOSED)
		return STORE_CLOSED;
	if (m.type != MEET_CONSENSUS || m.state != MEET_OPEN)
		return STORE_INVALID;
	if (v->kr != 0) {
		if ((rc = rec_get(st, txn, T_KRS, v->kr, &k, &w->ar, 1)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		if (k.state != KRS_PROPOSED)
			return STORE_INVALID;
		v->objective = k.objective;
	}
	if ((rc = rec_get(st, txn, T_OBJ, v->objective, &o, &w->ar, 1)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	/* Only what the meeting decides: its unit's draft objectives in its
	 * cycle and the proposals under them. */
	if (o.unit != m.unit || o.cycle != m.cycle || o.level == LEVEL_PERSONAL ||
	    o.state != OBJ_DRAFT)
		return STORE_INVALID;
	/* Those who signed off were in the room. */
	if (v->signed_by == NULL || *v->signed_by == '\0')
		return STORE_INVALID;
	s = arena_strdup(&w->ar, v->signed_by);
	for (who = strtok_r(s, " ", &save); who != NULL; who = strtok_r(NULL, " ", &save))
		if (!okr_listed(m.present, who))
			return STORE_INVALID;
	v->by = w->actor;
	v->at = w->now;
	if ((rc = next_id(st, txn, T_VERDICTS, &v->id)) != STORE_OK ||
	    (rc = rec_put(st, txn, T_VERDICTS, v->id, v)) != STORE_OK)
		return rc;
	if (v->kind != VERDICT_REVISE)
		return STORE_OK;
	/* A revision takes effect at once: the room sees the new text, and
	 * an edit form opened on the old one meets a new version. */
	if (v->kr != 0) {
		oldk = k;
		k.title = v->text;
		k.version++;
		rc = rec_put(st, txn, T_KRS, k.id, &k);
		if (rc == STORE_OK)
			rc = history_diff(st, txn, w, T_KRS, o.id, k.id, &oldk, &k);
	} else {
		oldo = o;
		o.title = v->text;
		o.version++;
		o.updated_by = w->actor;
		o.updated_at = w->now;
		rc = rec_put(st, txn, T_OBJ, o.id, &o);
		if (rc == STORE_OK)
			rc = history_diff(st, txn, w, T_OBJ, o.id, o.id, &oldo, &o);
	}
	if (rc != STORE_OK || v->note == NULL || *v->note == '\0')
		return rc;
	return history_add(st, txn, w, o.id, v->kr != 0 ? 'K' : 'O',
	    v->kr != 0 ? v->kr : o.id, "reason", "", v->note);
}

int
store_verdict_add(struct store *st, uint32_t actor, struct verdict *v)
{
	struct wop w = { .actor = actor, .rec = v };

	if ((v->kr == 0 && v->objective == 0) || store_rec_check('V', v, NULL) != STORE_OK ||
	    (v->kind == VERDICT_REVISE && (v->text == NULL || *v->text == '\0')))
		return STORE_INVALID;
	if (v->kind != VERDICT_REVISE)
		v->text = NULL;
	return write_op(st, op_verdict, &w);
}

int
store_verdicts_by_meeting(struct store *st, struct arena *ar, uint32_t meeting,
    struct verdict **v, size_t *n)
{
	return list_by(st, ar, T_VERDICTS_MEETING, 1, meeting, 0, v, n);
}

int
store_grow_add(struct store *st, uint32_t actor, struct grow *g)
{
	struct wop w = { .actor = actor, .rec = g };

	if (store_rec_check('W', g, NULL) != STORE_OK)
		return STORE_INVALID;
	return write_op(st, op_grow, &w);
}

int
store_grows_by_meeting(struct store *st, struct arena *ar, uint32_t meeting,
    struct grow **v, size_t *n)
{
	return list_by(st, ar, T_GROWS_MEETING, 1, meeting, 0, v, n);
}

int
store_meeting_get(struct store *st, struct arena *ar, uint32_t id,
    struct meeting *m)
{
	return get_by_id(st, ar, T_MEETINGS, id, m);
}

int
store_meetings_by_unit(struct store *st, struct arena *ar, uint32_t unit,
    struct meeting **v, size_t *n)
{
	return list_by(st, ar, T_MEETINGS_UNIT, 1, unit, 0, v, n);
}

int
store_action_get(struct store *st, struct arena *ar, uint32_t id, struct action *a)
{
	return get_by_id(st, ar, T_ACTIONS, id, a);
}

int
store_actions_by_unit(struct store *st, struct arena *ar, uint32_t unit,
    struct action **v, size_t *n)
{
	return list_by(st, ar, T_ACTIONS_UNIT, 1, unit, 0, v, n);
}

/* ------------------------------------------------------------- reads */

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
store_checkins_by_kr(struct store *st, struct arena *ar, uint32_t kr,
    struct checkin **v, size_t *n)
{
	return list_by(st, ar, T_CI_KR, 1, kr, 0, v, n);
}

int
store_history_by_objective(struct store *st, struct arena *ar, uint32_t obj,
    struct change **v, size_t *n)
{
	return list_by(st, ar, T_HISTORY_OBJ, 1, obj, 0, v, n);
}

int
store_comments_by_objective(struct store *st, struct arena *ar, uint32_t obj,
    struct comment **v, size_t *n)
{
	return list_by(st, ar, T_COMMENTS_OBJ, 1, obj, 0, v, n);
}

int
store_comments_for_owner(struct store *st, struct arena *ar, uint32_t owner,
    struct comment **v, size_t *n)
{
	return list_by(st, ar, T_COMMENTS_OWNER, 1, owner, 0, v, n);
}

static enum table table_of(int);

/* Walks a primary table in id order: counts its records without reading
 * them, or (company set) stops at the first unit without a parent. */
struct walk {
	enum table	 t;
	size_t		 n;
	struct unit	*company;
	struct arena	*ar;
};

static int
op_walk(struct store *st, DB_TXN *txn, void *arg)
{
	struct walk *w = arg;
	DBC *c;
	DBT k, d;
	int ret, rc = STORE_OK;

	w->n = 0;
	if ((ret = st->db[w->t]->cursor(st->db[w->t], txn, &c, 0)) != 0)
		return dbstatus(ret, tables[w->t].file);
	dbt_init(&k, NULL, 0);
	dbt_init(&d, NULL, 0);
	if (w->company == NULL)
		d.flags |= DB_DBT_PARTIAL;	/* dlen 0: no data copied */
	while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0) {
		w->n++;
		if (w->company == NULL)
			continue;
		if (codec_decode(&store_codec_unit, d.data, d.size, w->company, w->ar) == -1) {
			log_err("units.db: damaged record");
			rc = STORE_ERR;
			break;
		}
		if (w->company->parent == 0)
			break;
	}
	if (rc == STORE_OK && ret != 0)
		rc = ret == DB_NOTFOUND ? (w->company ? STORE_NOTFOUND : STORE_OK) :
		    dbstatus(ret, tables[w->t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = dbstatus(ret, tables[w->t].file);
	return rc;
}

/* Up to limit records of a primary table from id from on, or (back) the
 * limit before it, in id order. */
struct range {
	enum table	 t;
	uint32_t	 from;
	size_t		 limit;
	int		 back;
	struct arena	*ar;
	struct vec	 vec;
};

static int
op_range(struct store *st, DB_TXN *txn, void *arg)
{
	struct range *g = arg;
	unsigned char kb[4];
	DBC *c;
	DBT k, d;
	size_t i, got = 0;
	int ret, rc = STORE_OK;

	g->vec.n = 0;
	g->vec.size = tables[g->t].size;
	if ((ret = st->db[g->t]->cursor(st->db[g->t], txn, &c, 0)) != 0)
		return dbstatus(ret, tables[g->t].file);
	be32(kb, g->from);
	dbt_init(&k, kb, 4);
	dbt_init(&d, NULL, 0);
	ret = c->get(c, &k, &d, DB_SET_RANGE);
	if (g->back)	/* the record before the first at or after from */
		ret = ret == 0 ? c->get(c, &k, &d, DB_PREV) :
		    ret == DB_NOTFOUND ? c->get(c, &k, &d, DB_LAST) : ret;
	for (; ret == 0 && got < g->limit; got++) {
		if (codec_decode(tables[g->t].codec, d.data, d.size,
		    vec_push(g->ar, &g->vec), g->ar) == -1) {
			log_err("%s: damaged record", tables[g->t].file);
			rc = STORE_ERR;
			break;
		}
		ret = c->get(c, &k, &d, g->back ? DB_PREV : DB_NEXT);
	}
	if (rc == STORE_OK && ret != 0 && ret != DB_NOTFOUND)
		rc = dbstatus(ret, tables[g->t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = dbstatus(ret, tables[g->t].file);
	/* Backwards came newest first. */
	if (rc == STORE_OK && g->back && g->vec.n > 1) {
		char *rev = arena_alloc(g->ar, g->vec.n * g->vec.size);

		for (i = 0; i < g->vec.n; i++)
			memcpy(rev + i * g->vec.size, g->vec.items +
			    (g->vec.n - 1 - i) * g->vec.size, g->vec.size);
		g->vec.items = rev;
	}
	return rc;
}

int
store_range(struct store *st, struct arena *ar, int rtype, uint32_t from,
    size_t limit, int back, void *items, size_t *n)
{
	struct range g = { .t = table_of(rtype), .from = from, .limit = limit,
	    .back = back, .ar = ar };
	int rc;

	*n = 0;
	*(void **)items = NULL;
	if (g.t == T__MAX)
		return STORE_INVALID;
	if ((rc = txn_run(st, 0, op_range, &g)) == STORE_OK) {
		*(void **)items = g.vec.items;
		*n = g.vec.n;
	}
	return rc;
}

int
store_count(struct store *st, int rtype, size_t *n)
{
	struct walk w = { .t = table_of(rtype) };
	int rc;

	*n = 0;
	if (w.t == T__MAX)
		return STORE_INVALID;
	if ((rc = txn_run(st, 0, op_walk, &w)) == STORE_OK)
		*n = w.n;
	return rc;
}

int
store_company(struct store *st, struct arena *ar, struct unit *u)
{
	struct walk w = { .t = T_UNITS, .company = u, .ar = ar };

	return txn_run(st, 0, op_walk, &w);
}

/* ------------------------------------------------- export and import */

/* The primary table of a record type, or T__MAX. */
static enum table
table_of(int rtype)
{
	enum table t;

	for (t = 0; t < T__MAX; t++)
		if (tables[t].primary == t && tables[t].codec != NULL &&
		    tables[t].codec->rtype == rtype)
			return t;
	return T__MAX;
}

const struct codec *
store_codec(int rtype)
{
	enum table t = table_of(rtype);

	return t == T__MAX ? NULL : tables[t].codec;
}

size_t
store_rec_size(int rtype)
{
	enum table t = table_of(rtype);

	return t == T__MAX ? 0 : tables[t].size;
}

int
store_get(struct store *st, struct arena *ar, int rtype, uint32_t id, void *rec)
{
	enum table t = table_of(rtype);

	return t == T__MAX ? STORE_INVALID : get_by_id(st, ar, t, id, rec);
}

/* The index each kind of record is listed by, for store_children(). */
static const struct {
	int		rtype;
	enum table	t;
} children[] = {
	{ 'O', T_OBJ_CYCLE_UNIT },	/* by cycle: the first part of the key */
	{ 'K', T_KR_OBJ },
	{ 'I', T_CI_KR },
	{ 'H', T_HISTORY_OBJ },
	{ 'M', T_COMMENTS_OBJ },
};

int
store_children(struct store *st, struct arena *ar, int rtype, uint32_t id,
    void *items, size_t *n)
{
	size_t i;

	for (i = 0; i < sizeof(children) / sizeof(children[0]); i++)
		if (children[i].rtype == rtype)
			return list_by(st, ar, children[i].t, 1, id, 0, items, n);
	return STORE_INVALID;
}

/* Counts the keys of an index that begin with a big-endian id, up to
 * op->id of them, reading neither the keys' records nor their data. */
static int
op_count_prefix(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	unsigned char kb[256];
	DBC *c;
	DBT k, d;
	u_int32_t flag = DB_SET_RANGE;
	int ret, rc;

	op->vec.n = 0;
	if ((ret = st->db[op->t]->cursor(st->db[op->t], txn, &c, 0)) != 0)
		return dbstatus(ret, tables[op->t].file);
	for (;;) {
		memcpy(kb, op->key, op->klen);
		dbt_init(&k, kb, op->klen);
		k.ulen = sizeof(kb);
		k.flags = DB_DBT_USERMEM;
		dbt_init(&d, NULL, 0);
		d.flags |= DB_DBT_PARTIAL;
		if ((ret = c->get(c, &k, &d, flag)) != 0 || k.size < op->klen ||
		    memcmp(kb, op->key, op->klen) != 0)
			break;
		if (++op->vec.n == op->id)
			break;
		flag = DB_NEXT;
	}
	rc = ret == 0 || ret == DB_NOTFOUND ? STORE_OK : dbstatus(ret, tables[op->t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = dbstatus(ret, tables[op->t].file);
	return rc;
}

int
store_count_children(struct store *st, int rtype, uint32_t id, uint32_t max,
    size_t *n)
{
	struct op op = { .klen = 4, .id = max };
	size_t i;
	int rc;

	*n = 0;
	for (i = 0; i < sizeof(children) / sizeof(children[0]); i++)
		if (children[i].rtype == rtype)
			break;
	if (i == sizeof(children) / sizeof(children[0]))
		return STORE_INVALID;
	op.t = children[i].t;
	be32(op.key, id);
	if ((rc = txn_run(st, 0, op_count_prefix, &op)) == STORE_OK)
		*n = op.vec.n;
	return rc;
}

int
store_scan(struct store *st, struct arena *ar, int rtype, void *items, size_t *n)
{
	enum table t = table_of(rtype);

	if (t == T__MAX)
		return STORE_INVALID;
	return list_by(st, ar, t, 0, 0, 0, items, n);
}

static int
op_changes(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	struct store_mark *m;
	unsigned char kb[13];
	DBC *c;
	DBT k, d;
	u_int32_t flag = DB_SET_RANGE;
	int ret, rc, i;

	memcpy(kb, op->key, 8);
	memset(kb + 8, 0, 5);
	if ((ret = st->db[T_CHANGELOG]->cursor(st->db[T_CHANGELOG], txn, &c, 0)) != 0)
		return dbstatus(ret, "changelog");
	op->vec.size = sizeof(*m);
	op->vec.n = 0;
	for (;;) {
		dbt_init(&k, kb, 8);
		dbt_init(&d, NULL, 0);
		if ((ret = c->get(c, &k, &d, flag)) != 0)
			break;
		flag = DB_NEXT;
		if (k.size != 13)
			continue;
		m = vec_push(op->ar, &op->vec);
		m->at = 0;
		for (i = 0; i < 8; i++)
			m->at = m->at << 8 | ((unsigned char *)k.data)[i];
		m->rtype = ((unsigned char *)k.data)[8];
		m->id = (uint32_t)((unsigned char *)k.data)[9] << 24 |
		    (uint32_t)((unsigned char *)k.data)[10] << 16 |
		    (uint32_t)((unsigned char *)k.data)[11] << 8 |
		    ((unsigned char *)k.data)[12];
	}
	rc = ret == DB_NOTFOUND || ret == 0 ? STORE_OK : dbstatus(ret, "changelog");
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = dbstatus(ret, "changelog");
	return rc;
}

static int
op_last_change(struct store *st, DB_TXN *txn, void *arg)
{
	int64_t *at = arg;
	DBC *c;
	DBT k, d;
	int ret, rc, i;

	*at = 0;
	if ((ret = st->db[T_CHANGELOG]->cursor(st->db[T_CHANGELOG], txn, &c, 0)) != 0)
		return dbstatus(ret, "changelog");
	dbt_init(&k, NULL, 0);
	dbt_init(&d, NULL, 0);
	ret = c->get(c, &k, &d, DB_LAST);
	if (ret == 0 && k.size == 13)
		for (i = 0; i < 8; i++)
			*at = *at << 8 | ((unsigned char *)k.data)[i];
	rc = ret == DB_NOTFOUND || ret == 0 ? STORE_OK : dbstatus(ret, "changelog");
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = dbstatus(ret, "changelog");
	return rc;
}

int
store_last_change(struct store *st, int64_t *at)
{
	return txn_run(st, 0, op_last_change, at);
}

int
store_changes_since(struct store *st, struct arena *ar, int64_t since,
    struct store_mark **marks, size_t *n)
{
	struct op op = { .ar = ar };
	uint64_t from = since < 0 ? 0 : (uint64_t)since + 1;
	int i, rc;

	for (i = 0; i < 8; i++)
		op.key[i] = (unsigned char)(from >> (56 - 8 * i));
	rc = txn_run(st, 0, op_changes, &op);
	*marks = rc == STORE_OK ? (struct store_mark *)op.vec.items : NULL;
	*n = rc == STORE_OK ? op.vec.n : 0;
	return rc;
}

/* What each record names, checked after a load: type, member, the type
 * it names, and whether 0 (none) is allowed. */
static const struct ref {
	int	 rtype;
	size_t	 off;
	int	 target;
	int	 none;
} refs[] = {
	{ 'U', offsetof(struct unit, parent), 'U', 1 },
	{ 'U', offsetof(struct unit, lead), 'P', 1 },
	{ 'P', offsetof(struct person, unit), 'U', 0 },
	{ 'P', offsetof(struct person, manager), 'P', 1 },
	{ 'O', offsetof(struct objective, cycle), 'C', 0 },
	{ 'O', offsetof(struct objective, unit), 'U', 0 },
	{ 'O', offsetof(struct objective, owner), 'P', 1 },
	{ 'O', offsetof(struct objective, parent_kr), 'K', 1 },
	{ 'K', offsetof(struct kr, objective), 'O', 0 },
	{ 'K', offsetof(struct kr, owner), 'P', 1 },
	{ 'I', offsetof(struct checkin, kr), 'K', 0 },
	{ 'H', offsetof(struct change, objective), 'O', 0 },
	{ 'M', offsetof(struct comment, objective), 'O', 0 },
	{ 'G', offsetof(struct meeting, unit), 'U', 0 },
	{ 'G', offsetof(struct meeting, cycle), 'C', 0 },
	{ 'G', offsetof(struct meeting, objective), 'O', 1 },
	{ 'A', offsetof(struct action, unit), 'U', 0 },
	{ 'A', offsetof(struct action, meeting), 'G', 1 },
	{ 'A', offsetof(struct action, kr), 'K', 1 },
	{ 'W', offsetof(struct grow, meeting), 'G', 0 },
	{ 'W', offsetof(struct grow, kr), 'K', 0 },
	{ 'V', offsetof(struct verdict, meeting), 'G', 0 },
	{ 'V', offsetof(struct verdict, objective), 'O', 0 },
	{ 'V', offsetof(struct verdict, kr), 'K', 1 },
};

/* Whether record id is in table t (STORE_OK, STORE_NOTFOUND), unread. */
static int
exists(struct store *st, DB_TXN *txn, enum table t, uint32_t id)
{
	unsigned char kb[4];
	DBT k, d;

	if (t == T__MAX)
		return STORE_INVALID;
	be32(kb, id);
	dbt_init(&k, kb, 4);
	memset(&d, 0, sizeof(d));
	d.flags = DB_DBT_PARTIAL;
	return dbstatus(st->db[t]->get(st->db[t], txn, &k, &d, 0), tables[t].file);
}

static int
op_actor(struct store *st, DB_TXN *txn, void *arg)
{
	return load_actor(st, txn, arg);
}

struct lop {
	struct arena		 ar;
	const struct store_rec	*recs;
	size_t			 n, changed;
	size_t			 bad;		/* the record at fault */
	int			 badref;	/* ... because of what it names */
	void			(*progress)(size_t, size_t);
};

/* Raises table t's id counter to at least id. */
static int
seq_raise(struct store *st, DB_TXN *txn, enum table t, uint32_t id)
{
	unsigned char kb[5] = { 's', 'e', 'q', ':', (unsigned char)t }, vb[4];
	DBT k, d;
	int rc;

	dbt_init(&k, kb, sizeof(kb));
	dbt_init(&d, NULL, 0);
	rc = dbstatus(st->db[T_META]->get(st->db[T_META], txn, &k, &d, DB_RMW), "meta");
	if (rc == STORE_OK && d.size == 4 && ((uint32_t)((unsigned char *)d.data)[0] << 24 |
	    (uint32_t)((unsigned char *)d.data)[1] << 16 |
	    (uint32_t)((unsigned char *)d.data)[2] << 8 |
	    ((unsigned char *)d.data)[3]) >= id)
		return STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	be32(vb, id);
	dbt_init(&d, vb, 4);
	return dbstatus(st->db[T_META]->put(st->db[T_META], txn, &k, &d, 0), "meta");
}

/* Writes one raw record (or snapshot) unless the store holds the same
 * bytes: loading a document twice changes nothing. */
static int
load_one(struct store *st, DB_TXN *txn, struct lop *l, const struct store_rec *r)
{
	static unsigned char buf[CODEC_MAXREC];
	enum table t = r->rtype == 'S' ? T_SNAPSHOTS : table_of(r->rtype);
	unsigned char kb[4];
	const void *data;
	size_t len;
	DBT k, d;
	int rc;

	if (t == T__MAX || r->id == 0)
		return STORE_INVALID;
	if (t == T_SNAPSHOTS) {
		data = r->snapshot;
		len = strlen(r->snapshot);
	} else {
		if (*(const uint32_t *)r->rec != r->id ||
		    store_rec_check(r->rtype, r->rec, NULL) != STORE_OK ||
		    (len = codec_encode(tables[t].codec, r->rec, buf)) == 0)
			return STORE_INVALID;
		data = buf;
	}
	be32(kb, r->id);
	dbt_init(&k, kb, 4);
	dbt_init(&d, NULL, 0);
	rc = dbstatus(st->db[t]->get(st->db[t], txn, &k, &d, DB_RMW), tables[t].file);
	if (rc == STORE_OK && d.size == len && (len == 0 || memcmp(d.data, data, len) == 0))
		return STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	dbt_init(&d, (void *)data, len);
	if ((rc = dbstatus(st->db[t]->put(st->db[t], txn, &k, &d, 0),
	    tables[t].file)) != STORE_OK)
		return rc;
	l->changed++;
	if (t == T_SNAPSHOTS)
		return changelog_add(st, txn, 'G', r->id);
	if ((rc = changelog_add(st, txn, r->rtype, r->id)) != STORE_OK)
		return rc;
	return seq_raise(st, txn, t, r->id);
}

static int
op_load(struct store *st, DB_TXN *txn, void *arg)
{
	struct lop *l = arg;
	size_t i, j;
	uint32_t v;
	int rc;

	l->changed = 0;
	for (i = 0; i < l->n; i++) {
		if ((rc = load_one(st, txn, l, &l->recs[i])) != STORE_OK) {
			l->bad = i;
			return rc;
		}
		if (l->progress != NULL && (i % 1000 == 999 || i + 1 == l->n))
			l->progress(i + 1, l->n);
	}
	/* Everything a loaded record names exists (in the store, which now
	 * holds the whole document). */
	for (i = 0; i < l->n; i++) {
		const struct store_rec *r = &l->recs[i];

		if (r->rtype == 'S') {
			if ((rc = exists(st, txn, T_MEETINGS, r->id)) != STORE_OK) {
				l->bad = i;
				l->badref = 1;
				return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
			}
			continue;
		}
		for (j = 0; j < sizeof(refs) / sizeof(refs[0]); j++) {
			if (refs[j].rtype != r->rtype)
				continue;
			v = *(const uint32_t *)((const char *)r->rec + refs[j].off);
			if (v == 0 && refs[j].none)
				continue;
			if ((rc = exists(st, txn, table_of(refs[j].target), v)) != STORE_OK) {
				l->bad = i;
				l->badref = 1;
				return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
			}
		}
	}
	/* Every loaded unit's chain reaches the top, through the loaded and
	 * the stored units alike: a loop would hold whoever walks it. */
	for (i = 0; i < l->n; i++) {
		struct upwalk uw = { st, txn, &l->ar, NULL, 0, 0, STORE_OK, 0 };

		if (l->recs[i].rtype != 'U')
			continue;
		if ((rc = tree_ok(&uw, l->recs[i].id)) != STORE_OK) {
			l->bad = i;
			l->badref = 1;
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		}
	}
	return STORE_OK;
}

int
store_load(struct store *st, uint32_t actor, const struct store_rec *recs,
    size_t n, size_t *changed, size_t *bad, void (*progress)(size_t, size_t))
{
	struct lop l = { .recs = recs, .n = n, .progress = progress };
	struct wop w = { .actor = actor };
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	/* Only the operator's command or an admin. */
	arena_init(&w.ar);
	if (actor != STORE_SYSTEM) {
		rc = txn_run(st, 0, op_actor, &w);
		if (rc == STORE_OK && !is_admin(&w))
			rc = STORE_FORBIDDEN;
		if (rc != STORE_OK) {
			arena_free(&w.ar);
			return rc == STORE_NOTFOUND ? STORE_FORBIDDEN : rc;
		}
	}
	arena_free(&w.ar);
	arena_init(&l.ar);
	rc = txn_run(st, 1, op_load, &l);
	arena_free(&l.ar);
	*changed = rc == STORE_OK ? l.changed : 0;
	/* The record at fault; past n when it is not about what it names. */
	*bad = l.badref ? l.bad : n + l.bad;
	return rc;
}
