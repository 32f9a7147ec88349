/* store.h: the one storage module.  Handlers never call Berkeley DB; they
 * call these named operations, each its own transaction, retried on
 * deadlock.  Strings in returned records live in the caller's arena.
 *
 * Every operation returns a store status. */
#ifndef MUBIAO_STORE_H
#define MUBIAO_STORE_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct arena;
struct codec;
struct okr_objref;
struct okr_reach;
struct store;

enum sstatus {
	STORE_OK = 0,
	STORE_NOTFOUND,		/* no such record */
	STORE_CONFLICT,		/* stale version */
	STORE_INVALID,		/* the record breaks a rule of the store */
	STORE_NEEDRECOVERY,	/* the environment needs recovery */
	STORE_ERR,		/* anything else; logged */
	STORE_FORBIDDEN,	/* the actor may not do this */
	STORE_CLOSED,		/* the cycle is closed: read-only */
	STORE_RULE,		/* a rule of the method refuses it */
	STORE_TOOBIG		/* more records than one answer may carry */
};

/* The record types, in the order an export lists them (what a record
 * names comes before it).  REC_SNAPSHOT is what a closed meeting showed,
 * kept by the meeting's id. */
enum rtype {
	REC_UNIT, REC_PERSON, REC_CYCLE, REC_OBJECTIVE, REC_KR, REC_CHECKIN,
	REC_CHANGE, REC_COMMENT, REC_MEETING, REC_SNAPSHOT, REC_ACTION,
	REC_GROW, REC_VERDICT, REC__MAX
};

/* The actor of a write is a person id; STORE_SYSTEM is the operator's
 * command (demo, import), which no web request can be. */
#define STORE_SYSTEM	0

/* What store_allowed() checks. */
enum perm {
	PERM_EDIT_OBJECTIVE,	/* id: objective */
	PERM_CHECKIN,		/* id: KR */
	PERM_ADD_UNIT_OBJECTIVE, /* id: unit (in an open cycle) */
	PERM_MANAGE_UNIT,	/* id: unit: its lead, a lead above, an admin */
	PERM_ADD_PERSONAL,	/* id: the person who will own it */
	PERM_ADD_KR,		/* id: objective (a proposal, on a draft) */
	PERM_EDIT_KR,		/* id: KR */
	PERM_COMMENT,		/* id: objective (its cycle not closed) */
	PERM_ADMIN		/* id: unused */
};

enum sflags {
	STORE_RDONLY	= 1 << 0,	/* open databases read-only */
	STORE_CREATE	= 1 << 1,	/* create the environment and databases */
	STORE_RECOVER	= 1 << 2,	/* run normal recovery first (supervisor) */
	STORE_RECOVER_FATAL = 1 << 3	/* catastrophic recovery (admin) */
};

struct unit {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 parent;	/* 0 for the company */
	int32_t		 level;		/* LEVEL_COMPANY/DEPARTMENT/TEAM */
	uint32_t	 lead;		/* person id, 0 if none */
	char		*name;
};

struct person {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 unit;
	uint32_t	 manager;	/* person id, 0 if none */
	int32_t		 role;		/* enum role */
	char		*login;		/* REMOTE_USER */
	char		*name;		/* display name */
};

struct cycle {
	uint32_t	 id;
	uint32_t	 version;
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
	uint32_t	 carried_from;	/* the objective it is the carried copy of */
	uint32_t	 carried_to;	/* its carried copy in the next cycle */
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
	int64_t		 updated_at;	/* of the check-in it shows, 0 if none */
	char		*title;
	char		*unit_label;	/* "%", "万元", "users" */
	double		 grade;		/* final grade 0..1 in tenths, -1 if none */
	int32_t		 state;		/* enum krstate */
	uint32_t	 carried_from;	/* the KR it is the carried copy of */
};

/* One changed field of an objective or of one of its KRs: the history,
 * written in the transaction of the change, never deleted. */
struct change {
	uint32_t	 id;
	uint32_t	 objective;	/* the objective it belongs to */
	uint32_t	 record_id;	/* the objective or the KR */
	uint32_t	 by;		/* person id, 0 for the system */
	int32_t		 record;	/* as stored: read it with store_change_rtype() */
	int64_t		 at;
	char		*field;		/* "title", "current", "created"... */
	char		*old_value;
	char		*new_value;
};

enum ckind { COMMENT_PLAIN, COMMENT_PROPOSAL, COMMENT__MAX };

struct comment {
	uint32_t	 id;
	uint32_t	 objective;
	uint32_t	 owner;		/* the objective's owner when written */
	uint32_t	 author;
	int32_t		 kind;		/* enum ckind */
	int64_t		 at;
	char		*text;
};

/* A meeting of the method: its type, where and when, who came, what was
 * said and decided; a closed meeting is frozen with what it showed. */
enum mtype { MEET_AWARENESS, MEET_CONSENSUS, MEET_ACTION, MEET_REVIEW,
	MEET_MONTHLY, MEET_QUARTERLY, MEET__MAX };
enum mstate { MEET_PLANNED, MEET_OPEN, MEET_CLOSED, MSTATE__MAX };
enum bstatus { BOARD_ON_TRACK, BOARD_AT_RISK, BOARD_OFF_TRACK, BOARD__MAX };

struct meeting {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 cycle;
	uint32_t	 unit;
	uint32_t	 objective;	/* a review of one objective, else 0 */
	uint32_t	 created_by;
	int32_t		 type;		/* enum mtype */
	int32_t		 state;		/* enum mstate */
	int32_t		 day;		/* when it is held */
	int32_t		 status;	/* board override: enum bstatus, -1 none */
	int64_t		 created_at, closed_at;
	char		*title;
	char		*minutes;
	char		*decisions;
	char		*present;	/* logins, space-separated */
	char		*status_reason;
	char		*deferred;	/* action meeting: "KRID reason" lines */
};

/* A work item: what someone will do, by when, for which KR. */
enum astate { ACTION_OPEN, ACTION_DONE, ASTATE__MAX };

struct action {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 meeting;	/* added in this meeting, or 0 */
	uint32_t	 unit;
	uint32_t	 objective;	/* of the KR, or 0 */
	uint32_t	 kr;		/* the KR it serves, or 0 */
	uint32_t	 owner;
	uint32_t	 created_by;
	int32_t		 due;
	int32_t		 state;		/* enum astate */
	int64_t		 created_at;
	char		*title;
};

/* A monthly review's coaching note on one KR, in the GROW model. */
struct grow {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 meeting;
	uint32_t	 kr;
	uint32_t	 author;
	int64_t		 at;
	char		*goal, *reality, *options, *will;
};

/* A consensus meeting's decision on one draft objective or proposed KR:
 * agree, revise (with the new terms) or reject, with a note and who
 * signed off.  The latest one on an item counts; all are kept.  A
 * revision keeps the terms it replaced beside the new ones, so that the
 * log says what changed even after later edits. */
enum vkind { VERDICT_AGREE, VERDICT_REVISE, VERDICT_REJECT, VERDICT__MAX };

struct verdict {
	uint32_t	 id;
	uint32_t	 meeting;
	uint32_t	 objective;	/* the objective, or the KR's */
	uint32_t	 kr;		/* the KR decided on, 0: the objective */
	uint32_t	 by;
	int32_t		 kind;		/* enum vkind */
	int64_t		 at;
	char		*text;		/* revise: the new title */
	char		*note;
	char		*signed_by;	/* logins, space-separated */
	/* A revision: the title before; of a KR, its terms after and
	 * before (0 and NULL otherwise). */
	char		*was_text;
	double		 start, was_start, target, was_target;
	int32_t		 due, was_due;
	char		*unit_label, *was_unit_label;
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

/* The names of the store's enumerations, as pages and XML spell them. */
extern const char *const store_rtype_names[REC__MAX],
    *const store_ckind_names[COMMENT__MAX],
    *const store_mtype_names[MEET__MAX], *const store_mstate_names[MSTATE__MAX],
    *const store_bstatus_names[BOARD__MAX], *const store_astate_names[ASTATE__MAX],
    *const store_vkind_names[VERDICT__MAX];

/* The encodings of the records, for tests and the admin command. */
extern const struct codec store_codec_unit, store_codec_person,
    store_codec_cycle, store_codec_objective, store_codec_kr,
    store_codec_checkin, store_codec_change, store_codec_comment,
    store_codec_meeting, store_codec_action, store_codec_grow,
    store_codec_verdict, store_codec_contact, store_codec_bot, store_codec_event,
    store_codec_delivery;

/* Opens the environment in dir.  Only the supervisor passes STORE_RECOVER:
 * recovery run by one worker while others live blocks them forever. */
int	store_open(const char *dir, int flags, int cache_mb, struct store **);
void	store_close(struct store *);
/* A process (other than this one) that has the store in dir open: its pid,
 * 0 if none, -1 if that cannot be told. */
pid_t	store_user(const char *dir);
/* After a process died: releases what it held.  STORE_NEEDRECOVERY means every
 * process must leave the environment and recovery must run. */
int	store_failchk(struct store *);
/* The same with the environment alone, none of the databases: quicker, and
 * with fewer of Berkeley DB's mutexes to meet (the supervisor's check). */
int	store_failchk_dir(const char *dir);
/* Marks the environment unusable for every process, so that no call,
 * closing included, waits on what a dead process held. */
void	store_panic(struct store *);
int	store_checkpoint(struct store *);
/* Tells Berkeley DB which processes are alive (for failchk). */
void	store_set_isalive(int (*)(int pid));
/* fn runs after every committed write of this process (the page cache
 * retires its pages there, before the writer answers). */
void	store_set_on_commit(void (*fn)(void));

int	store_unit_get(struct store *, struct arena *, uint32_t, struct unit *);
int	store_units_all(struct store *, struct arena *, struct unit **, size_t *);
/* Up to limit records of type rtype in id order: from id from on, or
 * (back) the limit just before it; for lists shown a page at a time. */
int	store_range(struct store *, struct arena *, enum rtype, uint32_t from,
	    size_t limit, int back, void *items, size_t *n);
/* The company: the first unit (by id) without a parent; STORE_NOTFOUND
 * in an empty store. */
int	store_company(struct store *, struct arena *, struct unit *);
int	store_units_children(struct store *, struct arena *, uint32_t parent,
	    struct unit **, size_t *);
/* Writes of units, people and cycles need an admin (or STORE_SYSTEM); like
 * every write below, id 0 creates, and otherwise the record's version must
 * be the stored one (else STORE_CONFLICT); on success the record holds its
 * new id and version. */
int	store_unit_put(struct store *, uint32_t actor, struct unit *);

int	store_person_get(struct store *, struct arena *, uint32_t, struct person *);
int	store_person_by_login(struct store *, struct arena *, const char *,
	    struct person *);
int	store_people_in_unit(struct store *, struct arena *, uint32_t unit,
	    struct person **, size_t *);
int	store_person_put(struct store *, uint32_t actor, struct person *);

int	store_cycle_get(struct store *, struct arena *, uint32_t, struct cycle *);
/* All cycles, oldest start first. */
int	store_cycles_all(struct store *, struct arena *, struct cycle **, size_t *);
/* STORE_RULE: its dates overlap another cycle's (store_cycle_overlapping()). */
int	store_cycle_put(struct store *, uint32_t actor, struct cycle *);
/* The first of the n cycles whose dates overlap c's (c itself, by id,
 * aside), or NULL: a day belongs to one cycle (okr_cycles_overlap()). */
const struct cycle *store_cycle_overlapping(const struct cycle *all, size_t n,
	    const struct cycle *c);
/* Creates the quarter after the newest cycle (state planning) into *c;
 * STORE_RULE when that quarter would overlap a cycle. */
int	store_cycle_next(struct store *, struct arena *, uint32_t actor,
	    struct cycle *c);

int	store_objective_get(struct store *, struct arena *, uint32_t,
	    struct objective *);
int	store_objectives_by_cycle_unit(struct store *, struct arena *,
	    uint32_t cycle, uint32_t unit, struct objective **, size_t *);
/* The person's objectives, grouped by cycle id. */
int	store_objectives_by_owner(struct store *, struct arena *, uint32_t owner,
	    struct objective **, size_t *);
int	store_objectives_by_parent_kr(struct store *, struct arena *, uint32_t kr,
	    struct objective **, size_t *);
/* Writes o after checking that actor may (STORE_FORBIDDEN), that its cycle
 * is open (STORE_CLOSED) and that what it names exists (STORE_INVALID);
 * records every changed field in the history. */
int	store_objective_put(struct store *, uint32_t actor, struct objective *);
/* Copies objective id, unfinished, into the next cycle with the nkrs
 * KRs krs (live KRs of its own, else STORE_INVALID) starting from their
 * current values; *newid is the copy, which serves the KR
 * store_carry_parent() names.  STORE_CONFLICT: carried already. */
int	store_objective_carry(struct store *, uint32_t actor, uint32_t id,
	    const uint32_t *krs, size_t nkrs, uint32_t *newid);
/* The KR a copy of objective id would serve: the copy of its parent KR
 * when that KR was carried over too, else 0 (aligned anew). */
int	store_carry_parent(struct store *, uint32_t id, uint32_t *kr);

int	store_kr_get(struct store *, struct arena *, uint32_t, struct kr *);
int	store_krs_by_objective(struct store *, struct arena *, uint32_t obj,
	    struct kr **, size_t *);
/* The KRs person owner owns, in every cycle, by id, and (*o, one for
 * each) the objective of each. */
int	store_krs_by_owner(struct store *, struct arena *, uint32_t owner,
	    struct kr **, struct objective **o, size_t *);
int	store_kr_put(struct store *, uint32_t actor, struct kr *);
/* store_kr_put() with a reason, which the history keeps: in a cycle under
 * review (the quarterly review) a KR changes only with one, and its
 * objective not at all (STORE_RULE). */
int	store_kr_adjust(struct store *, uint32_t actor, struct kr *,
	    const char *reason);
/* The final grade of KR id (okr_grade_ok()) at the end of its cycle
 * (under review), in the quarterly review meeting, which must grade it
 * (okr_grade_scope(); else STORE_INVALID, STORE_CLOSED once closed):
 * proposed from progress (okr_grade_proposal()); any other grade needs a
 * reason, which the history keeps.  version is the KR's as the grader
 * saw it. */
int	store_kr_grade(struct store *, uint32_t actor, uint32_t meeting,
	    uint32_t id, uint32_t version, double grade, const char *reason);

/* Check-ins of a KR, oldest first. */
int	store_checkins_by_kr(struct store *, struct arena *, uint32_t kr,
	    struct checkin **, size_t *);
/* Appends the n check-ins (one transaction: all or none) and sets each
 * KR's current value and confidence; concurrent check-ins are all kept.
 * The actor must own the KR or may edit its objective. */
int	store_checkins_add(struct store *, uint32_t actor, struct checkin *,
	    size_t n);

/* Whether actor may do what (STORE_OK, STORE_FORBIDDEN, STORE_CLOSED). */
int	store_allowed(struct store *, uint32_t actor, enum perm, uint32_t id);

/* The history of an objective and its KRs, oldest first. */
int	store_history_by_objective(struct store *, struct arena *, uint32_t obj,
	    struct change **, size_t *);
/* Anyone known may comment on an objective while its cycle is not
 * closed (STORE_CLOSED): a closed cycle is read-only, comments too. */
/* The last comment id there was when person marked the comments on
 * their objectives read (0: never); the actor marks theirs read now. */
int	store_inbox_seen(struct store *, uint32_t person, uint32_t *last);
int	store_inbox_seen_now(struct store *, uint32_t actor);
int	store_comment_add(struct store *, uint32_t actor, struct comment *);
int	store_comments_by_objective(struct store *, struct arena *, uint32_t obj,
	    struct comment **, size_t *);
/* Comments on objectives the person owns, oldest first. */
int	store_comments_for_owner(struct store *, struct arena *, uint32_t owner,
	    struct comment **, size_t *);

int	store_meeting_get(struct store *, struct arena *, uint32_t, struct meeting *);
/* A unit's meetings, oldest day first. */
int	store_meetings_by_unit(struct store *, struct arena *, uint32_t unit,
	    struct meeting **, size_t *);
/* Plans or changes a meeting: its unit's lead (or one above) or an admin;
 * a closed meeting never changes (STORE_CLOSED), and a meeting's state
 * only moves forward (planned, open, closed). */
int	store_meeting_put(struct store *, uint32_t actor, struct meeting *);
/* Closes an open meeting and keeps snapshot, what the room saw. */
int	store_meeting_close(struct store *, uint32_t actor, struct meeting *,
	    const char *snapshot);
int	store_meeting_snapshot(struct store *, struct arena *, uint32_t id,
	    char **snapshot);
/* The actor acknowledges an open awareness meeting (all-hands): joins its
 * attendance, once; no version needed, so a whole room can at once.  Only
 * such a meeting (else STORE_RULE) and only someone it is for: of its unit
 * or one below, or the unit's lead (else STORE_FORBIDDEN). */
int	store_meeting_ack(struct store *, uint32_t actor, uint32_t meeting);
/* The company KRs a department carries in a cycle (their owner works in
 * it or below it), each with whether an objective of the department (or
 * below) serves it.  *covered[i] is 1 or 0. */
int	store_carried_krs(struct store *, struct arena *, uint32_t unit,
	    uint32_t cycle, struct kr **, int **covered, size_t *);

/* Records a decision in an open consensus meeting (its unit's lead or
 * an admin chairs it): the item is a draft objective of the meeting's
 * unit and cycle or a proposed KR under one; a revision gives it its
 * new title, and a KR its new start, target, due day and unit label, at
 * once (the history and the verdict keep the old terms; a KR the new
 * terms break is refused, STORE_RULE); those who signed off were
 * present.  Closing the meeting applies the decisions: it closes only
 * when every draft objective and proposed KR has one and each objective
 * kept has at least two agreed KRs (STORE_RULE); the objectives kept
 * become agreed, and then change only through the quarterly review. */
int	store_verdict_add(struct store *, uint32_t actor, struct verdict *);
int	store_verdicts_by_meeting(struct store *, struct arena *, uint32_t meeting,
	    struct verdict **, size_t *);
/* The decision that counts on an item (kr 0: the objective), or NULL. */
const struct verdict *store_verdict_of(const struct verdict *, size_t n,
	    uint32_t objective, uint32_t kr);
/* What a decision said, as the consensus rule reads it (okr.h enum
 * said): SAID_NONE for NULL, no decision. */
int	store_said(const struct verdict *);
/* An objective and a meeting's reach as the rules of okr.h read them. */
void	store_objref(const struct objective *, struct okr_objref *);
void	store_reach(const struct meeting *, struct okr_reach *);

/* Records a GROW note on a KR in a monthly meeting that is not closed:
 * anyone known, as in the meeting; the latest note per KR counts. */
int	store_grow_add(struct store *, uint32_t actor, struct grow *);
/* A meeting's GROW notes, oldest first. */
int	store_grows_by_meeting(struct store *, struct arena *, uint32_t meeting,
	    struct grow **, size_t *);

int	store_action_get(struct store *, struct arena *, uint32_t, struct action *);
/* A unit's action items, earliest due date first. */
int	store_actions_by_unit(struct store *, struct arena *, uint32_t unit,
	    struct action **, size_t *);
/* Adds or changes an action item: anyone known may add one (in a meeting
 * not closed); its owner, its author, or the unit's lead may change it. */
int	store_action_put(struct store *, uint32_t actor, struct action *);

/* The type of the record a change belongs to: REC_OBJECTIVE or REC_KR. */
enum rtype store_change_rtype(const struct change *);

/* ------------------------------------------------ export and import
 * Records by type (enum rtype; a snapshot has no codec and no struct). */
const struct codec *store_codec(enum rtype);
size_t	store_rec_size(enum rtype);
/* Whether a record of type rtype keeps the rules every write is held to
 * (texts, numbers and enumerations within what the forms allow, see
 * okr.h): STORE_OK, or STORE_INVALID with *member (if not NULL) the
 * member at fault.  Every write checks it, imports included. */
int	store_rec_check(enum rtype, const void *rec, const char **member);
int	store_get(struct store *, struct arena *, enum rtype, uint32_t id,
	    void *rec);
/* Every record of a type, by id. */
int	store_scan(struct store *, struct arena *, enum rtype, void *items,
	    size_t *n);

/* A write noted in the change log: which record, when (seconds). */
struct store_mark {
	int64_t		 at;
	enum rtype	 rtype;
	uint32_t	 id;
};
/* The records of type rtype that belong to record id, through an index:
 * REC_OBJECTIVE the objectives of cycle id, REC_KR the KRs of objective
 * id, REC_CHECKIN the check-ins of KR id, REC_CHANGE the history and
 * REC_COMMENT the comments of objective id.  For exports that must not
 * read whole tables. */
int	store_children(struct store *, struct arena *, enum rtype, uint32_t id,
	    void *items, size_t *n);
/* How many store_children() would list (counting stops at max, 0: no
 * limit), without reading them. */
int	store_count_children(struct store *, enum rtype, uint32_t id,
	    uint32_t max, size_t *n);
/* Records written after since (seconds since the epoch), oldest first;
 * a record written several times appears as often. */
int	store_changes_since(struct store *, struct arena *, int64_t since,
	    struct store_mark **, size_t *);
/* When the store was last written (seconds), 0 if never. */
int	store_last_change(struct store *, int64_t *at);

/* A record to load: rtype and id, and the record (or, for REC_SNAPSHOT,
 * the snapshot's text). */
struct store_rec {
	enum rtype	 rtype;
	uint32_t	 id;
	void		*rec;
	const char	*snapshot;
};
/* Writes the n records as they are, ids included, in one transaction:
 * the operator's command or an admin only.  A record the store already
 * holds byte for byte is left alone, so loading twice changes nothing
 * (*changed counts what was written).  Then everything a loaded record
 * names must exist, else nothing is written (STORE_INVALID, *bad the
 * index of the record at fault; n + index when the record itself cannot
 * be stored, e.g. too large or breaking a rule of store_rec_check()).
 * A loaded unit that would sit under itself, or make the unit tree
 * deeper than OKR_MAX_DEPTH, is STORE_RULE, *bad its index. */
int	store_load(struct store *, uint32_t actor, const struct store_rec *,
	    size_t n, size_t *changed, size_t *bad,
	    void (*progress)(size_t done, size_t n));

/* ------------------------------------------------ notifications
 * What Mubiao tells people between meetings (store-notify.c): by mail
 * and through each unit's chat bots, delivered by mubiao-notify from an
 * outbox written in the transaction of what caused it. */
enum nkind { NOTE_CHECKIN, NOTE_ESCALATE, NOTE_DIGEST, NOTE_MEETING, NOTE_DRAFT,
	NOTE_COMMENT, NOTE__MAX };
/* "checkin", "escalation", "digest", "meeting", "draft", "comment" */
extern const char *const store_nkind_names[NOTE__MAX];
#define NOTE_ALL	((1u << NOTE__MAX) - 1)

/* A person's mail address, language and opt-outs, by the person's id. */
struct contact {
	uint32_t	 id;		/* the person */
	uint32_t	 version;	/* 0: none stored yet */
	uint32_t	 mute;		/* 1 << enum nkind: not mailed */
	int32_t		 lang;		/* enum lang (req.h), -1: the setting's */
	char		*email;		/* "" or NULL: no mail */
};
/* The person's, or the defaults (version 0, nothing muted, no address)
 * when none is stored; STORE_NOTFOUND: no such person. */
int	store_contact_get(struct store *, struct arena *, uint32_t person,
	    struct contact *);
/* The person themself or an admin (else STORE_FORBIDDEN); version as
 * for every write (0 for a person without one stored). */
int	store_contact_put(struct store *, uint32_t actor, struct contact *);

enum bkind { BOT_WECOM, BOT_DINGTALK, BOT_FEISHU, BOT_WEBHOOK, BOT__MAX };
extern const char *const store_bkind_names[BOT__MAX];	/* "wecom"... */

/* A unit's chat bot or webhook. */
struct bot {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 unit;
	int32_t		 kind;		/* enum bkind */
	uint32_t	 events;	/* 1 << enum nkind it posts */
	int32_t		 lang;		/* enum lang, -1: the setting's */
	char		*name;
	char		*url;
	char		*secret;	/* signing secret, "" none */
};
int	store_bot_get(struct store *, struct arena *, uint32_t, struct bot *);
/* Every bot, by id. */
int	store_bots_all(struct store *, struct arena *, struct bot **, size_t *);
/* Admins only (STORE_FORBIDDEN); the unit must exist (STORE_INVALID). */
int	store_bot_put(struct store *, uint32_t actor, struct bot *);
int	store_bot_delete(struct store *, uint32_t actor, uint32_t id,
	    uint32_t version);

/* A unit's own weekly check-in reminder: minutes from Monday 00:00
 * (0..10079), -1: the setting checkin-reminder.  Set by who may manage
 * the unit (PERM_MANAGE_UNIT). */
int	store_unit_remind_get(struct store *, uint32_t unit, int32_t *minute);
int	store_unit_remind_set(struct store *, uint32_t actor, uint32_t unit,
	    int32_t minute);

/* One thing to tell: the outbox.  Written in the transaction of the
 * write that caused it (a comment, a draft), or by the schedule. */
struct event {
	uint32_t	 id;		/* stable: receivers drop repeats by it */
	int32_t		 kind;		/* enum nkind */
	int64_t		 at;
	uint32_t	 unit;		/* the unit it concerns */
	uint32_t	 person;	/* the person it is for, 0: its unit's */
	uint32_t	 ref;		/* the objective (draft, comment), the
					 * meeting (meeting) */
	uint32_t	 ref2;		/* the comment (comment) */
	uint32_t	 actor;		/* who caused it, 0: the schedule */
	int32_t		 day;		/* a scheduled one's slot day */
};
int	store_event_get(struct store *, struct arena *, uint32_t, struct event *);
/* Up to max events not yet fanned out, oldest first. */
int	store_events_new(struct store *, struct arena *, size_t max,
	    struct event **, size_t *);

enum dchannel { CHANNEL_MAIL, CHANNEL_BOT, DCHANNEL__MAX };
enum dstate { DELIVERY_PENDING, DELIVERY_SENT, DELIVERY_DEAD, DSTATE__MAX };
extern const char *const store_dchannel_names[DCHANNEL__MAX],	/* "mail", "bot" */
    *const store_dstate_names[DSTATE__MAX];	/* "pending", "sent", "dead" */

/* One message of an event to one mailbox (a person) or bot. */
struct delivery {
	uint32_t	 id;
	uint32_t	 version;
	uint32_t	 event;
	int32_t		 channel;	/* enum dchannel */
	uint32_t	 target;	/* person (mail) or bot */
	int32_t		 state;		/* enum dstate */
	int32_t		 tries;		/* failures so far */
	int64_t		 created_at;
	int64_t		 next_at;	/* pending: not before */
	int64_t		 done_at;	/* sent or dead: when */
	char		*error;		/* the last failure, "" none */
};
int	store_delivery_get(struct store *, struct arena *, uint32_t,
	    struct delivery *);
/* Deliveries in state, newest first, up to max; with state
 * DELIVERY_PENDING, those due by now (next_at <= now), oldest first. */
int	store_deliveries(struct store *, struct arena *, enum dstate, int64_t now,
	    size_t max, struct delivery **, size_t *);
/* Fans out event ev (the oldest not yet fanned out, else STORE_CONFLICT)
 * into its n deliveries (0 or more: their id, version and state are
 * set here), in one transaction. */
int	store_event_fanout(struct store *, uint32_t ev, struct delivery *, size_t n);
/* Writes the n events of a scheduled slot named key once: STORE_CONFLICT
 * when the slot has fired already (the key is kept with the events, in
 * the same transaction). */
int	store_slot_fire(struct store *, const char *key, struct event *, size_t n);
int	store_slot_fired(struct store *, const char *key, int *yes);
/* The outcome of a try: sent (error NULL), or failed with error and
 * tried again at next_at, or dead when next_at is 0. */
int	store_delivery_tried(struct store *, uint32_t id, const char *error,
	    int64_t next_at);
/* An admin sends a dead delivery again (pending, tries 0, now). */
int	store_delivery_resend(struct store *, uint32_t actor, uint32_t id);
/* Forgets sent deliveries done before `before` and their events once
 * none of theirs is left; *n how many deliveries. */
int	store_deliveries_prune(struct store *, int64_t before, size_t *n);

/* ------------------------------------------------ the directory
 * The operator's first steps (mubiao-admin init, people-load), each in one
 * transaction, as STORE_SYSTEM.
 *
 * The first admin: the company unit named company (the store's company,
 * renamed, when it has one), the person login (created with name, or made
 * an admin; name NULL keeps a known person's, else is the login) as the
 * company's lead when it has none, and cycle c (created active, unless a
 * cycle of its name exists).  STORE_CONFLICT when the store has an admin
 * and not force (*had: that admin's login, in ar); STORE_RULE when c
 * overlaps another cycle. */
int	store_init(struct store *, struct arena *, const char *company,
	    const char *login, const char *name, struct cycle *c, int force,
	    char **had);

/* One person of a directory: the names of the units of their path from
 * the company down, and whether they lead the path's last unit. */
struct store_member {
	const char		*login, *name;
	const char *const	*units;
	size_t			 nunits;
	int			 lead;
};
struct store_member_count {
	size_t	created, updated, unchanged, units;
};
/* Creates the n people, or updates those whose login is known (name,
 * unit, lead), with the units of their paths the store lacks below the
 * company (a department under it, teams further down).  A lead leads the
 * path's last unit and has the role lead, anyone else the role member (an
 * admin stays one); who no longer leads the unit they were in is no longer
 * its lead.  dry: counts what it would do and writes nothing.
 * STORE_NOTFOUND: the store has no company; STORE_INVALID: member *bad's
 * path does not begin with the company's name. */
int	store_people_load(struct store *, const struct store_member *, size_t n,
	    int dry, struct store_member_count *, size_t *bad);

/* Number of records of a type (`mubiao-admin stats`, emptiness), read
 * without decoding them. */
int	store_count(struct store *, enum rtype, size_t *);

#endif
