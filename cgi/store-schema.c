/* store-schema.c: the records' fields and codecs, the tables and indexes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "okr.h"
#include "store-int.h"

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

const char *const store_rtype_names[REC__MAX] = { "unit", "person", "cycle",
	"objective", "kr", "checkin", "change", "comment", "meeting", "snapshot",
	"action", "grow", "verdict" };
const char *const store_ckind_names[COMMENT__MAX] = { "comment", "proposal" };
const char *const store_mtype_names[MEET__MAX] = { "awareness", "consensus",
	"action", "review", "monthly", "quarterly" };
const char *const store_mstate_names[MSTATE__MAX] = { "planned", "open", "closed" };
const char *const store_bstatus_names[BOARD__MAX] = { "on-track", "at-risk",
	"off-track" };
const char *const store_astate_names[ASTATE__MAX] = { "open", "done" };
const char *const store_vkind_names[VERDICT__MAX] = { "agree", "revise", "reject" };
const char *const store_nkind_names[NOTE__MAX] = { "checkin", "escalation", "digest",
	"meeting", "draft", "comment" };
const char *const store_bkind_names[BOT__MAX] = { "wecom", "dingtalk", "feishu",
	"webhook" };
const char *const store_dchannel_names[DCHANNEL__MAX] = { "mail", "bot" };
const char *const store_dstate_names[DSTATE__MAX] = { "pending", "sent", "dead" };

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
	F(objective, 15, FT_U32, carried_from, 0), F(objective, 16, FT_U32, carried_to, 0),
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
	F(kr, 18, FT_U32, carried_from, 0),
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
	F(verdict, 11, FT_STR, was_text, 0),
	F(verdict, 12, FT_DBL, start, 0), F(verdict, 13, FT_DBL, was_start, 0),
	F(verdict, 14, FT_DBL, target, 0), F(verdict, 15, FT_DBL, was_target, 0),
	D(verdict, 16, due), D(verdict, 17, was_due),
	F(verdict, 18, FT_STR, unit_label, 0), F(verdict, 19, FT_STR, was_unit_label, 0),
};

static const struct field contact_fields[] = {
	F(contact, 1, FT_U32, id, 0), F(contact, 2, FT_U32, version, 1),
	F(contact, 3, FT_U32, mute, 0), F(contact, 4, FT_I32, lang, -1),
	F(contact, 5, FT_STR, email, 0),
};
static const struct field bot_fields[] = {
	F(bot, 1, FT_U32, id, 0), F(bot, 2, FT_U32, version, 1),
	F(bot, 3, FT_U32, unit, 0), N(bot, 4, kind, 0, store_bkind_names, BOT__MAX),
	F(bot, 5, FT_U32, events, 0), F(bot, 6, FT_I32, lang, -1),
	F(bot, 7, FT_STR, name, 0), F(bot, 8, FT_STR, url, 0),
	F(bot, 9, FT_STR, secret, 0),
};
static const struct field event_fields[] = {
	F(event, 1, FT_U32, id, 0), N(event, 2, kind, 0, store_nkind_names, NOTE__MAX),
	F(event, 3, FT_I64, at, 0), F(event, 4, FT_U32, unit, 0),
	F(event, 5, FT_U32, person, 0), F(event, 6, FT_U32, ref, 0),
	F(event, 7, FT_U32, ref2, 0), F(event, 8, FT_U32, actor, 0),
	D(event, 9, day),
};
static const struct field delivery_fields[] = {
	F(delivery, 1, FT_U32, id, 0), F(delivery, 2, FT_U32, version, 1),
	F(delivery, 3, FT_U32, event, 0),
	N(delivery, 4, channel, 0, store_dchannel_names, DCHANNEL__MAX),
	F(delivery, 5, FT_U32, target, 0),
	N(delivery, 6, state, 0, store_dstate_names, DSTATE__MAX),
	F(delivery, 7, FT_I32, tries, 0), F(delivery, 8, FT_I64, created_at, 0),
	F(delivery, 9, FT_I64, next_at, 0), F(delivery, 10, FT_I64, done_at, 0),
	F(delivery, 11, FT_STR, error, 0),
};

CODEC(store_codec_contact, 'E', contact_fields);
CODEC(store_codec_bot, 'B', bot_fields);
CODEC(store_codec_event, 'X', event_fields);
CODEC(store_codec_delivery, 'D', delivery_fields);
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

/* A KR by its owner: what a person owes (the inbox, the reminders). */
static int
key_kr_owner(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct kr k;

	(void)db, (void)pkey;
	DECODE(store_codec_kr, k);
	return skey_parts(skey, k.owner, 0, 1, 0, 0);
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

/* A delivery by state (plus one: a zero first part is not indexed) and
 * the time that orders it: when it is next tried while pending, else
 * when it was sent or given up. */
static int
key_deliv_state(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct delivery d;

	(void)db, (void)pkey;
	DECODE(store_codec_delivery, d);
	return skey_parts(skey, (uint32_t)d.state + 1, 0, 1,
	    d.state == DELIVERY_PENDING ? d.next_at : d.done_at, 1);
}

static int
key_deliv_event(DB *db, const DBT *pkey, const DBT *pdata, DBT *skey)
{
	struct delivery d;

	(void)db, (void)pkey;
	DECODE(store_codec_delivery, d);
	return skey_parts(skey, d.event, 0, 1, 0, 0);
}

/* The rules that tie two fields of a record: the member at fault, or NULL. */
static const char *
unit_rule(const void *rec)
{
	const struct unit *u = rec;

	/* A person is no unit: the personal level is for objectives. */
	return u->level == LEVEL_PERSONAL ? "level" : NULL;
}

static const char *
cycle_rule(const void *rec)
{
	const struct cycle *c = rec;

	return c->end < c->start ? "end" : NULL;
}

static const char *
kr_rule(const void *rec)
{
	const struct kr *k = rec;

	/* No grade yet (-1), or a grade from 0 to 1. */
	if (k->grade != -1 && !okr_number_ok(k->grade, 0, 1))
		return "grade";
	/* A milestone is done (1) or not (0). */
	if (k->kind == KR_MILESTONE && k->current != 0 && k->current != 1)
		return "current";
	return NULL;
}

/* A primary table of record type r in struct s, the version member of
 * that struct (or none), the text member a creation shows in the history
 * (or none), the index store_children() lists it by (or T_META), and the
 * rule tying its fields (or NULL). */
#define REC(t, file, r, s, codec, ver, title, kids, rule) [t] = { file, t, \
	NULL, 0, &codec, sizeof(struct s), r, ver, title, kids, rule }
#define VER(s)		offsetof(struct s, version)
#define TITLE(s)	offsetof(struct s, title)
#define NONE		0
/* A secondary index of primary, its key, and whether keys repeat. */
#define IDX(t, file, primary, key, dup) [t] = { file, primary, key, dup, \
	NULL, 0, REC__MAX, NONE, NONE, T_META, NULL }
/* A table of raw bytes. */
#define RAW(t, file, r) [t] = { file, t, NULL, 0, NULL, 0, r, NONE, NONE, \
	T_META, NULL }

const struct table_def st_tables[T__MAX] = {
	RAW(T_META, "meta.db", REC__MAX),
	REC(T_UNITS, "units.db", REC_UNIT, unit, store_codec_unit, VER(unit), NONE,
	    T_META, unit_rule),
	IDX(T_UNIT_PARENT, "units-parent.idx", T_UNITS, key_unit_parent, 1),
	REC(T_PEOPLE, "people.db", REC_PERSON, person, store_codec_person,
	    VER(person), NONE, T_META, NULL),
	IDX(T_PEOPLE_LOGIN, "people-login.idx", T_PEOPLE, key_people_login, 0),
	IDX(T_PEOPLE_UNIT, "people-unit.idx", T_PEOPLE, key_people_unit, 1),
	REC(T_CYCLES, "cycles.db", REC_CYCLE, cycle, store_codec_cycle, VER(cycle),
	    NONE, T_META, cycle_rule),
	/* Children by cycle: the first part of the index's key. */
	REC(T_OBJ, "objectives.db", REC_OBJECTIVE, objective, store_codec_objective,
	    VER(objective), TITLE(objective), T_OBJ_CYCLE_UNIT, NULL),
	IDX(T_OBJ_CYCLE_UNIT, "objectives-cycle-unit.idx", T_OBJ,
	    key_obj_cycle_unit, 1),
	IDX(T_OBJ_OWNER, "objectives-owner.idx", T_OBJ, key_obj_owner, 1),
	IDX(T_OBJ_PARENT, "objectives-parent-kr.idx", T_OBJ, key_obj_parent, 1),
	REC(T_KRS, "krs.db", REC_KR, kr, store_codec_kr, VER(kr), TITLE(kr),
	    T_KR_OBJ, kr_rule),
	IDX(T_KR_OBJ, "krs-objective.idx", T_KRS, key_kr_obj, 1),
	/* Built from krs.db when a store made before it is opened. */
	IDX(T_KR_OWNER, "krs-owner.idx", T_KRS, key_kr_owner, 1),
	REC(T_CHECKINS, "checkins.db", REC_CHECKIN, checkin, store_codec_checkin,
	    NONE, NONE, T_CI_KR, NULL),
	IDX(T_CI_KR, "checkins-kr.idx", T_CHECKINS, key_ci_kr, 1),
	REC(T_HISTORY, "history.db", REC_CHANGE, change, store_codec_change, NONE,
	    NONE, T_HISTORY_OBJ, NULL),
	IDX(T_HISTORY_OBJ, "history-objective.idx", T_HISTORY, key_history_obj, 1),
	REC(T_COMMENTS, "comments.db", REC_COMMENT, comment, store_codec_comment,
	    NONE, NONE, T_COMMENTS_OBJ, NULL),
	IDX(T_COMMENTS_OBJ, "comments-objective.idx", T_COMMENTS, key_comments_obj, 1),
	IDX(T_COMMENTS_OWNER, "comments-owner.idx", T_COMMENTS, key_comments_owner, 1),
	REC(T_MEETINGS, "meetings.db", REC_MEETING, meeting, store_codec_meeting,
	    VER(meeting), NONE, T_META, NULL),
	IDX(T_MEETINGS_UNIT, "meetings-unit.idx", T_MEETINGS, key_meetings_unit, 1),
	/* What a closed meeting showed: raw XML, by meeting id. */
	RAW(T_SNAPSHOTS, "snapshots.db", REC_SNAPSHOT),
	REC(T_ACTIONS, "actions.db", REC_ACTION, action, store_codec_action,
	    VER(action), NONE, T_META, NULL),
	IDX(T_ACTIONS_UNIT, "actions-unit.idx", T_ACTIONS, key_actions_unit, 1),
	REC(T_GROWS, "grows.db", REC_GROW, grow, store_codec_grow, VER(grow), NONE,
	    T_META, NULL),
	IDX(T_GROWS_MEETING, "grows-meeting.idx", T_GROWS, key_grows_meeting, 1),
	REC(T_VERDICTS, "verdicts.db", REC_VERDICT, verdict, store_codec_verdict,
	    NONE, NONE, T_META, NULL),
	IDX(T_VERDICTS_MEETING, "verdicts-meeting.idx", T_VERDICTS,
	    key_verdicts_meeting, 1),
	/* When each record was written: time (8 bytes), record type, id;
	 * no data.  What feeds' since= reads. */
	RAW(T_CHANGELOG, "changelog.db", REC__MAX),
	REC(T_CONTACTS, "contacts.db", REC__MAX, contact, store_codec_contact,
	    VER(contact), NONE, T_META, NULL),
	REC(T_BOTS, "bots.db", REC__MAX, bot, store_codec_bot, VER(bot), NONE,
	    T_META, NULL),
	REC(T_EVENTS, "events.db", REC__MAX, event, store_codec_event, NONE, NONE,
	    T_META, NULL),
	REC(T_DELIVERIES, "deliveries.db", REC__MAX, delivery, store_codec_delivery,
	    VER(delivery), NONE, T_META, NULL),
	IDX(T_DELIV_STATE, "deliveries-state.idx", T_DELIVERIES, key_deliv_state, 1),
	IDX(T_DELIV_EVENT, "deliveries-event.idx", T_DELIVERIES, key_deliv_event, 1),
};

/* The table of a record type, or T__MAX (a snapshot is not a record). */
enum table
st_table_of(enum rtype r)
{
	enum table t;

	for (t = 0; t < T__MAX; t++)
		if (r < REC__MAX && st_tables[t].rtype == r && st_tables[t].codec != NULL)
			return t;
	return T__MAX;
}

/* The record type a codec's letter names (the change log keeps letters),
 * or REC__MAX. */
enum rtype
st_rtype_of(int letter)
{
	enum table t;

	for (t = 0; t < T__MAX; t++)
		if (st_tables[t].codec != NULL && st_tables[t].codec->rtype == letter)
			return st_tables[t].rtype;
	return REC__MAX;
}

enum rtype
store_change_rtype(const struct change *c)
{
	return c->record == store_codec_kr.rtype ? REC_KR : REC_OBJECTIVE;
}

const struct codec *
store_codec(enum rtype r)
{
	enum table t = st_table_of(r);

	return t == T__MAX ? NULL : st_tables[t].codec;
}

size_t
store_rec_size(enum rtype r)
{
	enum table t = st_table_of(r);

	return t == T__MAX ? 0 : st_tables[t].size;
}
