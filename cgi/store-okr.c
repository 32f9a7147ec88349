/* store-okr.c: the OKR operations, and who may do them (store_allowed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "okr.h"
#include "store-int.h"

/* Whether the actor leads unit or one of the units above it (a unit lead
 * answers for the unit, its sub-units and their members). */
int
st_leads(struct store *st, DB_TXN *txn, struct wctx *w, uint32_t unit, int *yes)
{
	struct upwalk uw = { st, txn, &w->ar, NULL, w->actor, STORE_OK, 0 };
	int rc;

	*yes = 0;
	if (unit == 0 || w->actor == STORE_SYSTEM)
		return STORE_OK;
	rc = st_up_walk(&uw, unit, yes, NULL);
	/* A unit that is missing or in a loop grants nothing. */
	return rc == STORE_NOTFOUND || rc == STORE_RULE ? STORE_OK : rc;
}

/* The rule for editing an objective: an admin; the owner of a personal
 * objective; a lead of its unit or of a unit above.  A closed cycle is
 * read-only for everyone. */
int
st_may_edit(struct store *st, DB_TXN *txn, struct wctx *w,
    const struct objective *o)
{
	struct cycle c;
	int rc, yes;

	if ((rc = st_rec_get(st, txn, T_CYCLES, o->cycle, &c, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	/* The operator's command loads history, closed cycles included. */
	if (c.state == CYCLE_CLOSED && w->actor != STORE_SYSTEM)
		return STORE_CLOSED;
	if (st_is_admin(w))
		return STORE_OK;
	if (o->level == LEVEL_PERSONAL && o->owner == w->actor)
		return STORE_OK;
	if ((rc = st_leads(st, txn, w, o->unit, &yes)) != STORE_OK)
		return rc;
	return yes ? STORE_OK : STORE_FORBIDDEN;
}

/* The rule for writing a KR of objective o (old: the stored KR, NULL for
 * a new one): whoever may edit o; and on a draft objective, before the
 * consensus meeting, the lead of a unit under o's unit (a department
 * head) may propose KRs and change them while they are proposals. */
static int
may_write_kr(struct store *st, DB_TXN *txn, struct wctx *w,
    const struct objective *o, const struct kr *old)
{
	struct unit u;
	int rc = st_may_edit(st, txn, w, o), rc2, yes = 0;

	if (rc != STORE_FORBIDDEN || o->state != OBJ_DRAFT ||
	    o->level == LEVEL_PERSONAL || (old != NULL && old->state != KRS_PROPOSED))
		return rc;
	if ((rc2 = st_rec_get(st, txn, T_UNITS, w->me.unit, &u, &w->ar, 0)) != STORE_OK)
		return rc2 == STORE_NOTFOUND ? rc : rc2;
	if (u.lead != w->actor)
		return rc;
	if ((rc2 = st_within(st, txn, &w->ar, u.id, o->unit, &yes)) != STORE_OK)
		return rc2;
	return yes ? STORE_OK : rc;
}

static int
op_unit(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct unit *u = op->rec, old;
	struct upwalk uw = { st, txn, &w->ar, u, 0, STORE_OK, 0 };
	int rc, created;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!st_is_admin(w))
		return STORE_FORBIDDEN;
	/* The parent must exist (STORE_INVALID) and the unit may not end up
	 * under itself or too deep (STORE_RULE): its new chain, walked with
	 * its new parent, reaches the top, its sub-units' within the depth. */
	if ((rc = st_tree_ok(&uw, u->id)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	/* The lead is a person (only whether it exists: a person is no unit,
	 * and would overrun a unit's struct). */
	if (u->lead != 0 && (rc = st_exists(st, txn, T_PEOPLE, u->lead)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = st_prepare(st, txn, w, T_UNITS, u, &old, &created)) != STORE_OK)
		return rc;
	return st_rec_put(st, txn, T_UNITS, u->id, u);
}

static int
op_person(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct person *p = op->rec, old, m;
	struct unit u;
	int rc, created;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!st_is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = st_rec_get(st, txn, T_UNITS, p->unit, &u, &w->ar, 0)) != STORE_OK ||
	    (p->manager != 0 && (rc = st_rec_get(st, txn, T_PEOPLE, p->manager, &m,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = st_prepare(st, txn, w, T_PEOPLE, p, &old, &created)) != STORE_OK)
		return rc;
	/* A login taken by another person fails in the unique index. */
	return st_rec_put(st, txn, T_PEOPLE, p->id, p);
}

const struct cycle *
store_cycle_overlapping(const struct cycle *all, size_t n, const struct cycle *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (all[i].id != c->id &&
		    okr_cycles_overlap(c->start, c->end, all[i].start, all[i].end))
			return &all[i];
	return NULL;
}

static int
op_cycle(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct cycle *c = op->rec, old;
	struct vec v = { 0 };
	int rc, created;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!st_is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = st_prepare(st, txn, w, T_CYCLES, c, &old, &created)) != STORE_OK)
		return rc;
	if ((rc = st_rec_list(st, txn, T_CYCLES, NULL, 0, &w->ar, &v)) != STORE_OK)
		return rc;
	if (store_cycle_overlapping((const struct cycle *)v.items, v.n, c) != NULL)
		return STORE_RULE;
	return st_rec_put(st, txn, T_CYCLES, c->id, c);
}

int
store_unit_put(struct store *st, uint32_t actor, struct unit *u)
{
	if (store_rec_check(REC_UNIT, u, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_rec(st, op_unit, actor, u, T_UNITS);
}

int
store_person_put(struct store *st, uint32_t actor, struct person *p)
{
	if (store_rec_check(REC_PERSON, p, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_rec(st, op_person, actor, p, T_PEOPLE);
}

int
store_cycle_put(struct store *st, uint32_t actor, struct cycle *c)
{
	if (store_rec_check(REC_CYCLE, c, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_rec(st, op_cycle, actor, c, T_CYCLES);
}

/* The arguments of store_cycle_next(). */
struct next_op {
	struct wctx	 w;
	struct cycle	*c;		/* the new cycle */
	char		 name[32];	/* its name: outlives the arena */
};

/* The quarter after the newest cycle. */
static int
op_cycle_next(struct store *st, DB_TXN *txn, void *arg)
{
	struct next_op *op = arg;
	struct wctx *w = &op->w;
	struct cycle *c = op->c, *all;
	struct vec v = { 0 };
	char name[32], d[32];
	int32_t start;
	int rc, y, q;
	size_t i;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (!st_is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = st_rec_list(st, txn, T_CYCLES, NULL, 0, &w->ar, &v)) != STORE_OK)
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
	memcpy(op->name, name, sizeof(op->name));
	c->name = op->name;
	/* The quarter may begin before the last cycle ends (one cut short). */
	if (store_cycle_overlapping(all, v.n, c) != NULL)
		return STORE_RULE;
	if ((rc = st_next_id(st, txn, T_CYCLES, &c->id)) != STORE_OK)
		return rc;
	c->version = 1;
	return st_rec_put(st, txn, T_CYCLES, c->id, c);
}

int
store_cycle_next(struct store *st, struct arena *ar, uint32_t actor,
    struct cycle *c)
{
	struct next_op op = { .w = { .actor = actor }, .c = c };
	int rc = st_write_op(st, op_cycle_next, &op.w, &op);

	/* The operation's arena is gone: the name is copied from the
	 * argument block, which is still here. */
	c->name = rc == STORE_OK ? arena_strdup(ar, op.name) : NULL;
	return rc;
}

/* Checks what an objective names: its cycle, unit, owner, and the KR
 * above (in the same cycle); a personal objective sits in its owner's
 * unit. */
static int
objective_refs(struct store *st, DB_TXN *txn, struct wctx *w,
    const struct objective *o)
{
	struct unit u;
	struct person p;
	struct kr k;
	struct objective po;
	int rc;

	if ((rc = st_rec_get(st, txn, T_UNITS, o->unit, &u, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (o->owner != 0) {
		if ((rc = st_rec_get(st, txn, T_PEOPLE, o->owner, &p, &w->ar, 0)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		if (o->level == LEVEL_PERSONAL && p.unit != o->unit)
			return STORE_INVALID;
	} else if (o->level == LEVEL_PERSONAL)
		return STORE_INVALID;
	if (o->parent_kr != 0) {
		if ((rc = st_rec_get(st, txn, T_KRS, o->parent_kr, &k, &w->ar, 0)) != STORE_OK ||
		    (rc = st_rec_get(st, txn, T_OBJ, k.objective, &po, &w->ar, 0)) != STORE_OK)
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
cycle_state(struct store *st, DB_TXN *txn, struct wctx *w, uint32_t cycle,
    int *state)
{
	struct cycle c;
	int rc = st_rec_get(st, txn, T_CYCLES, cycle, &c, &w->ar, 0);

	*state = rc == STORE_OK ? c.state : -1;
	return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
}

static int
op_objective(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct objective *o = op->rec, old;
	int rc, created, state;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK ||
	    (rc = objective_refs(st, txn, w, o)) != STORE_OK ||
	    (rc = cycle_state(st, txn, w, o->cycle, &state)) != STORE_OK)
		return rc;
	/* The quarterly review's rule: objectives stay unchanged; only key
	 * results may be adjusted. */
	if (state == CYCLE_REVIEW && w->actor != STORE_SYSTEM)
		return STORE_RULE;
	if ((rc = st_prepare(st, txn, w, T_OBJ, o, &old, &created)) != STORE_OK)
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
		if ((rc = st_may_edit(st, txn, w, &old)) != STORE_OK)
			return rc;
		o->created_by = old.created_by;
		o->created_at = old.created_at;
	} else {
		o->created_by = w->actor;
		o->created_at = w->now;
	}
	if ((rc = st_may_edit(st, txn, w, o)) != STORE_OK)
		return rc;
	o->updated_by = w->actor;
	o->updated_at = w->now;
	if ((rc = st_rec_put(st, txn, T_OBJ, o->id, o)) != STORE_OK)
		return rc;
	/* A company draft asks the departments for KRs: their leads are
	 * told (mubiao-notify).  Only a draft is new: none becomes one. */
	if (created && o->level == LEVEL_COMPANY && o->state == OBJ_DRAFT &&
	    w->actor != STORE_SYSTEM) {
		struct event e = { .kind = NOTE_DRAFT, .unit = o->unit, .ref = o->id,
		    .actor = w->actor };

		if ((rc = st_event_add(st, txn, w, &e)) != STORE_OK)
			return rc;
	}
	return st_history_diff(st, txn, w, T_OBJ, o->id, o->id, created ? NULL : &old, o);
}

int
store_objective_put(struct store *st, uint32_t actor, struct objective *o)
{
	if (o->cycle == 0 || o->unit == 0 ||
	    store_rec_check(REC_OBJECTIVE, o, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_rec(st, op_objective, actor, o, T_OBJ);
}

/* The arguments of store_kr_adjust() and store_kr_put(). */
struct kr_op {
	struct wctx	 w;
	struct kr	*k;
	const char	*reason;	/* for the history, NULL if none */
};

static int
op_kr(struct store *st, DB_TXN *txn, void *arg)
{
	struct kr_op *op = arg;
	struct wctx *w = &op->w;
	struct kr *k = op->k, old, *was = NULL;
	struct objective o;
	struct person p;
	int rc, created, state, want = k->state;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = st_rec_get(st, txn, T_OBJ, k->objective, &o, &w->ar, 0)) != STORE_OK ||
	    (k->owner != 0 && (rc = st_rec_get(st, txn, T_PEOPLE, k->owner, &p,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (k->id != 0) {
		if ((rc = st_rec_get(st, txn, T_KRS, k->id, &old, &w->ar, 1)) == STORE_OK)
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
	    (op->reason == NULL || *op->reason == '\0'))
		return STORE_RULE;
	if ((rc = st_prepare(st, txn, w, T_KRS, k, &old, &created)) != STORE_OK)
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
	if ((rc = st_rec_put(st, txn, T_KRS, k->id, k)) != STORE_OK ||
	    (rc = st_history_diff(st, txn, w, T_KRS, k->objective, k->id,
	    created ? NULL : &old, k)) != STORE_OK)
		return rc;
	if (op->reason != NULL && *op->reason != '\0')
		return st_history_add(st, txn, w, k->objective, REC_KR, k->id, "reason",
		    "", op->reason);
	return STORE_OK;
}

int
store_kr_adjust(struct store *st, uint32_t actor, struct kr *k,
    const char *reason)
{
	struct kr_op op = { .w = { .actor = actor }, .k = k, .reason = reason };
	uint32_t id = k->id, ver = k->version;
	int rc;

	if (k->objective == 0 || store_rec_check(REC_KR, k, NULL) != STORE_OK)
		return STORE_INVALID;
	if (st->rdonly)
		return STORE_ERR;
	if ((rc = st_write_op(st, op_kr, &op.w, &op)) != STORE_OK) {
		k->id = id;
		k->version = ver;
	}
	return rc;
}

/* The arguments of store_kr_grade(). */
struct grade_op {
	struct wctx	 w;
	uint32_t	 meeting;	/* the quarterly review giving it */
	uint32_t	 kr;
	uint32_t	 version;	/* the KR's, as the grader saw it */
	double		 grade;
	const char	*reason;	/* for the history, NULL if none */
};

/* Sets a KR's final grade (store_kr_grade). */
static int
op_grade(struct store *st, DB_TXN *txn, void *arg)
{
	struct grade_op *op = arg;
	struct wctx *w = &op->w;
	struct upwalk uw = { st, txn, &w->ar, NULL, 0, STORE_OK, 0 };
	struct kr k, old;
	struct objective o;
	struct meeting m;
	struct okr_objref ref;
	struct okr_reach reach;
	double grade = op->grade, proposed;
	int rc, state;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK ||
	    (rc = st_check_version(st, txn, w, T_KRS, op->kr, op->version,
	    &k)) != STORE_OK)
		return rc;
	if ((rc = st_rec_get(st, txn, T_OBJ, k.objective, &o, &w->ar, 0)) != STORE_OK ||
	    (rc = st_may_edit(st, txn, w, &o)) != STORE_OK ||
	    (rc = cycle_state(st, txn, w, o.cycle, &state)) != STORE_OK)
		return rc;
	/* In a quarterly review still open, to a KR it grades. */
	if ((rc = st_rec_get(st, txn, T_MEETINGS, op->meeting, &m, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (m.state == MEET_CLOSED)
		return STORE_CLOSED;
	store_reach(&m, &reach);
	store_objref(&o, &ref);
	if (m.type != MEET_QUARTERLY || !okr_grade_scope(&reach, &ref, st_up_step, &uw))
		return uw.rc != STORE_OK && uw.rc != STORE_NOTFOUND ? uw.rc : STORE_INVALID;
	/* Grades are given at the end of the cycle, in tenths, to KRs that
	 * count. */
	if (state != CYCLE_REVIEW)
		return STORE_RULE;
	if (!okr_kr_live(k.state))
		return STORE_INVALID;
	if (!okr_grade_ok(grade))
		return STORE_INVALID;
	proposed = okr_grade_proposal(okr_kr_score(k.kind, k.direction, k.start,
	    k.target, k.current));
	if (okr_grade_needs_reason(grade, proposed) &&
	    (op->reason == NULL || *op->reason == '\0'))
		return STORE_RULE;
	old = k;
	k.grade = floor(grade * 10 + 0.5) / 10;
	k.version++;
	if ((rc = st_rec_put(st, txn, T_KRS, k.id, &k)) != STORE_OK ||
	    (rc = st_history_diff(st, txn, w, T_KRS, k.objective, k.id, &old, &k)) != STORE_OK)
		return rc;
	if (op->reason != NULL && *op->reason != '\0')
		return st_history_add(st, txn, w, k.objective, REC_KR, k.id, "reason", "",
		    op->reason);
	return STORE_OK;
}

int
store_kr_grade(struct store *st, uint32_t actor, uint32_t meeting, uint32_t id,
    uint32_t version, double grade, const char *reason)
{
	struct grade_op op = { .w = { .actor = actor }, .meeting = meeting, .kr = id,
	    .version = version, .grade = grade, .reason = reason };

	return st_write_op(st, op_grade, &op.w, &op);
}

int
store_kr_put(struct store *st, uint32_t actor, struct kr *k)
{
	return store_kr_adjust(st, actor, k, NULL);
}

/* May the actor check in on KR k (of objective o)?  Its owner may, and
 * whoever may edit the objective. */
static int
may_checkin(struct store *st, DB_TXN *txn, struct wctx *w, const struct kr *k,
    struct objective *o)
{
	int rc;

	if ((rc = st_rec_get(st, txn, T_OBJ, k->objective, o, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	rc = st_may_edit(st, txn, w, o);
	if (rc == STORE_FORBIDDEN && k->owner != 0 && k->owner == w->actor)
		rc = STORE_OK;
	return rc;
}

/* The arguments of store_checkins_add(). */
struct checkins_op {
	struct wctx	 w;
	struct checkin	*c;
	size_t		 n;
};

static int
op_checkins(struct store *st, DB_TXN *txn, void *arg)
{
	struct checkins_op *op = arg;
	struct wctx *w = &op->w;
	struct checkin *c = op->c;
	struct kr k, old;
	struct objective o;
	int64_t now;
	size_t i;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	for (i = 0; i < op->n; i++) {
		if ((rc = st_rec_get(st, txn, T_KRS, c[i].kr, &k, &w->ar, 1)) != STORE_OK)
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
		if ((rc = st_next_id(st, txn, T_CHECKINS, &c[i].id)) != STORE_OK ||
		    (rc = st_rec_put(st, txn, T_CHECKINS, c[i].id, &c[i])) != STORE_OK)
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
		rc = st_rec_put(st, txn, T_KRS, k.id, &k);
		if (rc == STORE_OK)
			rc = st_history_diff(st, txn, w, T_KRS, k.objective, k.id, &old, &k);
		w->now = now;
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_checkins_add(struct store *st, uint32_t actor, struct checkin *c, size_t n)
{
	struct checkins_op op = { .w = { .actor = actor }, .c = c, .n = n };
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (c[i].kr == 0 || store_rec_check(REC_CHECKIN, &c[i], NULL) != STORE_OK)
			return STORE_INVALID;
	if ((rc = st_write_op(st, op_checkins, &op.w, &op)) != STORE_OK)
		for (i = 0; i < n; i++)
			c[i].id = 0;
	return rc;
}

/* Anyone known may comment while the objective's cycle is open or in
 * review; a closed cycle is the record its scores were judged on, and a
 * later remark would read as part of that discussion.  The operator's
 * command still loads the comments of closed cycles. */
static int
may_comment(struct store *st, DB_TXN *txn, struct wctx *w,
    const struct objective *o)
{
	struct cycle c;
	int rc;

	if ((rc = st_rec_get(st, txn, T_CYCLES, o->cycle, &c, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	return c.state == CYCLE_CLOSED && w->actor != STORE_SYSTEM ?
	    STORE_CLOSED : STORE_OK;
}

static int
op_comment(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct comment *c = op->rec;
	struct objective o;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = st_rec_get(st, txn, T_OBJ, c->objective, &o, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = may_comment(st, txn, w, &o)) != STORE_OK)
		return rc;
	c->owner = o.owner;
	c->author = w->actor;
	c->at = w->now;
	if ((rc = st_next_id(st, txn, T_COMMENTS, &c->id)) != STORE_OK ||
	    (rc = st_rec_put(st, txn, T_COMMENTS, c->id, c)) != STORE_OK)
		return rc;
	/* Its owner and its unit's bots are told (mubiao-notify). */
	if (w->actor != STORE_SYSTEM) {
		struct event e = { .kind = NOTE_COMMENT, .unit = o.unit,
		    .person = o.owner, .ref = o.id, .ref2 = c->id, .actor = w->actor };

		return st_event_add(st, txn, w, &e);
	}
	return STORE_OK;
}

int
store_comment_add(struct store *st, uint32_t actor, struct comment *c)
{
	struct put_op op = { .w = { .actor = actor }, .rec = c };

	if (store_rec_check(REC_COMMENT, c, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_op(st, op_comment, &op.w, &op);
}

/* What a person has marked read of the comments on their objectives
 * (the inbox): "seen:" and their id in the meta table, the last comment
 * id there was then, 4 big-endian bytes; none yet is 0.  Ids, not times:
 * they only grow, and a comment made in the second of the mark is not
 * lost, nor one read made new again. */
struct seen_op {
	struct wctx	 w;
	uint32_t	 person;
	uint32_t	 last;
};


static void
seen_key(DBT *k, unsigned char kb[9], uint32_t person)
{
	memcpy(kb, "seen:", 5);
	be32(kb + 5, person);
	st_dbt_init(k, kb, 9);
}

static int
op_seen_get(struct store *st, DB_TXN *txn, void *arg)
{
	struct seen_op *op = arg;
	unsigned char kb[9];
	DBT k, d;
	int rc;

	seen_key(&k, kb, op->person);
	st_dbt_init(&d, NULL, 0);
	rc = st_dbstatus(st->db[T_META]->get(st->db[T_META], txn, &k, &d, 0), "meta");
	op->last = rc == STORE_OK && d.size == 4 ? rd32(d.data) : 0;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

static int
op_seen_put(struct store *st, DB_TXN *txn, void *arg)
{
	struct seen_op *op = arg;
	unsigned char kb[9], vb[4];
	uint32_t last;
	DBT k, d;
	int rc;

	if ((rc = st_load_actor(st, txn, &op->w)) != STORE_OK)
		return rc;
	if (op->w.actor == STORE_SYSTEM)
		return STORE_FORBIDDEN;
	if ((rc = st_last_id(st, txn, T_COMMENTS, 0, &last)) != STORE_OK)
		return rc;
	be32(vb, last);
	seen_key(&k, kb, op->w.actor);
	st_dbt_init(&d, vb, 4);
	return st_dbstatus(st->db[T_META]->put(st->db[T_META], txn, &k, &d, 0), "meta");
}

int
store_inbox_seen(struct store *st, uint32_t person, uint32_t *last)
{
	struct seen_op op = { .person = person };
	int rc = st_txn_run(st, 0, op_seen_get, &op);

	*last = rc == STORE_OK ? op.last : 0;
	return rc;
}

int
store_inbox_seen_now(struct store *st, uint32_t actor)
{
	struct seen_op op = { .w = { .actor = actor } };

	return st_write_op(st, op_seen_put, &op.w, &op);
}

/* The KR a carried copy of o serves: the copy of o's parent KR, when
 * that KR went on into the next cycle with its objective; else 0 (the
 * next cycle's alignment is chosen anew). */
static int
carry_parent(struct store *st, DB_TXN *txn, struct wctx *w,
    const struct objective *o, uint32_t *kr)
{
	struct objective po;
	struct kr pk, *k;
	struct vec kv = { 0 };
	unsigned char key[4];
	size_t i;
	int rc;

	*kr = 0;
	if (o->parent_kr == 0)
		return STORE_OK;
	if ((rc = st_rec_get(st, txn, T_KRS, o->parent_kr, &pk, &w->ar, 0)) != STORE_OK ||
	    (rc = st_rec_get(st, txn, T_OBJ, pk.objective, &po, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_OK : rc;
	if (po.carried_to == 0)
		return STORE_OK;
	be32(key, po.carried_to);
	if ((rc = st_rec_list(st, txn, T_KR_OBJ, key, 4, &w->ar, &kv)) != STORE_OK)
		return rc;
	k = (struct kr *)kv.items;
	for (i = 0; i < kv.n; i++)
		if (k[i].carried_from == pk.id && okr_kr_live(k[i].state))
			*kr = k[i].id;
	return STORE_OK;
}

/* The arguments of store_objective_carry() and store_carry_parent(). */
struct carry_op {
	struct wctx	 w;
	uint32_t	 objective;	/* the one carried */
	const uint32_t	*krs;		/* the KRs that go on */
	size_t		 nkrs;
	uint32_t	 copy;		/* its copy in the next cycle */
	uint32_t	 parent;	/* the KR the copy serves */
};

/* Copies the objective, with the KRs chosen, into the cycle that
 * follows its own; the original and the copy name each other. */
static int
op_carry(struct store *st, DB_TXN *txn, void *arg)
{
	struct carry_op *op = arg;
	struct wctx *w = &op->w;
	struct objective o, copy;
	struct cycle c, *all, *next = NULL;
	struct vec cv = { 0 }, kv = { 0 }, hv = { 0 };
	struct kr *k;
	unsigned char key[4];
	double *sc;
	size_t i, j;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = st_rec_get(st, txn, T_OBJ, op->objective, &o, &w->ar, 0)) !=
	    STORE_OK)
		return rc;
	if ((rc = st_may_edit(st, txn, w, &o)) != STORE_OK &&
	    rc != STORE_CLOSED)	/* a closed cycle's objective may be carried */
		return rc;
	if (rc == STORE_CLOSED && !st_is_admin(w) && o.owner != w->actor) {
		int yes;

		if ((rc = st_leads(st, txn, w, o.unit, &yes)) != STORE_OK)
			return rc;
		if (!yes)
			return STORE_FORBIDDEN;
	}
	/* Once carried, never twice: it names its copy (and the history of
	 * a store older than that says where it went). */
	if (o.carried_to != 0)
		return STORE_CONFLICT;
	be32(key, o.id);
	if ((rc = st_rec_list(st, txn, T_HISTORY_OBJ, key, 4, &w->ar, &hv)) != STORE_OK)
		return rc;
	for (i = 0; i < hv.n; i++) {
		const struct change *h = (const struct change *)hv.items + i;

		if (h->record_id == o.id && strcmp(h->field, "carried") == 0 &&
		    *h->new_value != '\0')
			return STORE_CONFLICT;
	}
	if ((rc = st_rec_get(st, txn, T_CYCLES, o.cycle, &c, &w->ar, 0)) != STORE_OK ||
	    (rc = st_rec_list(st, txn, T_CYCLES, NULL, 0, &w->ar, &cv)) != STORE_OK)
		return rc;
	all = (struct cycle *)cv.items;
	for (i = 0; i < cv.n; i++)
		if (all[i].start > c.start && (next == NULL || all[i].start < next->start))
			next = &all[i];
	if (next == NULL)
		return STORE_INVALID;
	if (next->state == CYCLE_CLOSED)
		return STORE_CLOSED;
	if ((rc = st_rec_list(st, txn, T_KR_OBJ, key, 4, &w->ar, &kv)) != STORE_OK)
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
	/* Only live KRs of its own may be chosen. */
	for (i = 0; i < op->nkrs; i++) {
		for (j = 0; j < kv.n && k[j].id != op->krs[i]; j++)
			;
		if (j == kv.n)
			return STORE_INVALID;
	}
	copy = o;
	copy.cycle = next->id;
	if ((rc = carry_parent(st, txn, w, &o, &copy.parent_kr)) != STORE_OK)
		return rc;
	copy.state = OBJ_ACTIVE;
	copy.version = 1;
	copy.carried_from = o.id;
	copy.created_by = copy.updated_by = w->actor;
	copy.created_at = copy.updated_at = w->now;
	if ((rc = st_next_id(st, txn, T_OBJ, &copy.id)) != STORE_OK ||
	    (rc = st_rec_put(st, txn, T_OBJ, copy.id, &copy)) != STORE_OK ||
	    (rc = st_history_diff(st, txn, w, T_OBJ, copy.id, copy.id, NULL, &copy)) != STORE_OK ||
	    (rc = st_history_add(st, txn, w, copy.id, REC_OBJECTIVE, copy.id,
	    "carried", arena_printf(&w->ar, "#%u", o.id), "")) != STORE_OK ||
	    (rc = st_history_add(st, txn, w, o.id, REC_OBJECTIVE, o.id, "carried", "",
	    arena_printf(&w->ar, "#%u", copy.id))) != STORE_OK)
		return rc;
	/* The original names its copy; an open form of it is now stale. */
	o.carried_to = copy.id;
	o.version++;
	if ((rc = st_rec_put(st, txn, T_OBJ, o.id, &o)) != STORE_OK)
		return rc;
	for (i = 0; i < kv.n; i++) {
		for (j = 0; j < op->nkrs && op->krs[j] != k[i].id; j++)
			;
		if (j == op->nkrs)
			continue;
		k[i].carried_from = k[i].id;
		k[i].objective = copy.id;
		k[i].start = k[i].current;	/* reset: start where it stands */
		k[i].grade = -1;
		k[i].state = KRS_ACTIVE;
		k[i].version = 1;
		k[i].updated_at = w->now;
		if (k[i].due != 0)
			k[i].due = next->end;
		if ((rc = st_next_id(st, txn, T_KRS, &k[i].id)) != STORE_OK ||
		    (rc = st_rec_put(st, txn, T_KRS, k[i].id, &k[i])) != STORE_OK)
			return rc;
	}
	op->copy = copy.id;
	return STORE_OK;
}

int
store_objective_carry(struct store *st, uint32_t actor, uint32_t id,
    const uint32_t *krs, size_t nkrs, uint32_t *newid)
{
	struct carry_op op = { .w = { .actor = actor }, .objective = id,
	    .krs = krs, .nkrs = nkrs };
	int rc = st_write_op(st, op_carry, &op.w, &op);

	*newid = rc == STORE_OK ? op.copy : 0;
	return rc;
}

static int
op_carry_parent(struct store *st, DB_TXN *txn, void *arg)
{
	struct carry_op *op = arg;
	struct objective o;
	int rc;

	if ((rc = st_rec_get(st, txn, T_OBJ, op->objective, &o, &op->w.ar, 0)) != STORE_OK)
		return rc;
	return carry_parent(st, txn, &op->w, &o, &op->parent);
}

int
store_carry_parent(struct store *st, uint32_t id, uint32_t *kr)
{
	struct carry_op op = { .objective = id };
	int rc;

	arena_init(&op.w.ar);
	rc = st_txn_run(st, 0, op_carry_parent, &op);
	arena_free(&op.w.ar);
	*kr = rc == STORE_OK ? op.parent : 0;
	return rc;
}

/* store_allowed() in a read transaction. */
struct allowed_op {
	struct wctx	 w;
	enum perm	 what;
	uint32_t	 id;
};

static int
op_allowed(struct store *st, DB_TXN *txn, void *arg)
{
	struct allowed_op *p = arg;
	struct wctx *w = &p->w;
	struct objective o;
	struct person who;
	struct kr k;
	int rc, yes;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	switch (p->what) {
	case PERM_EDIT_OBJECTIVE:
		if ((rc = st_rec_get(st, txn, T_OBJ, p->id, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return st_may_edit(st, txn, w, &o);
	case PERM_CHECKIN:
		if ((rc = st_rec_get(st, txn, T_KRS, p->id, &k, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_checkin(st, txn, w, &k, &o);
	case PERM_ADD_KR:
		if ((rc = st_rec_get(st, txn, T_OBJ, p->id, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_write_kr(st, txn, w, &o, NULL);
	case PERM_EDIT_KR:
		if ((rc = st_rec_get(st, txn, T_KRS, p->id, &k, &w->ar, 0)) != STORE_OK ||
		    (rc = st_rec_get(st, txn, T_OBJ, k.objective, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_write_kr(st, txn, w, &o, &k);
	case PERM_COMMENT:
		if ((rc = st_rec_get(st, txn, T_OBJ, p->id, &o, &w->ar, 0)) != STORE_OK)
			return rc;
		return may_comment(st, txn, w, &o);
	case PERM_ADD_UNIT_OBJECTIVE:
	case PERM_MANAGE_UNIT:
		if (st_is_admin(w))
			return STORE_OK;
		if ((rc = st_leads(st, txn, w, p->id, &yes)) != STORE_OK)
			return rc;
		return yes ? STORE_OK : STORE_FORBIDDEN;
	case PERM_ADD_PERSONAL:
		if (st_is_admin(w) || p->id == w->actor)
			return STORE_OK;
		if ((rc = st_rec_get(st, txn, T_PEOPLE, p->id, &who, &w->ar, 0)) != STORE_OK ||
		    (rc = st_leads(st, txn, w, who.unit, &yes)) != STORE_OK)
			return rc;
		return yes ? STORE_OK : STORE_FORBIDDEN;
	default:
		return st_is_admin(w) ? STORE_OK : STORE_FORBIDDEN;
	}
}

int
store_allowed(struct store *st, uint32_t actor, enum perm what, uint32_t id)
{
	struct allowed_op p = { .w = { .actor = actor }, .what = what, .id = id };
	int rc;

	arena_init(&p.w.ar);
	rc = st_txn_run(st, 0, op_allowed, &p);
	arena_free(&p.w.ar);
	return rc;
}

/* Whether unit is ancestor or lies below it (okr_unit_within()): a
 * missing unit or a loop on the way is "no", a failed read its status. */
int
st_within(struct store *st, DB_TXN *txn, struct arena *ar, uint32_t unit,
    uint32_t ancestor, int *yes)
{
	struct upwalk uw = { st, txn, ar, NULL, 0, STORE_OK, 0 };
	int rc;

	rc = okr_unit_within(unit, ancestor, st_up_step, &uw);
	*yes = rc == 1;
	return rc >= 0 || uw.rc == STORE_NOTFOUND ? STORE_OK : uw.rc;
}

/* An admin, or a lead of unit or of a unit above it. */
int
st_may_manage(struct store *st, DB_TXN *txn, struct wctx *w, uint32_t unit)
{
	int rc, yes;

	if (st_is_admin(w))
		return STORE_OK;
	if ((rc = st_leads(st, txn, w, unit, &yes)) != STORE_OK)
		return rc;
	return yes ? STORE_OK : STORE_FORBIDDEN;
}

/* ------------------------------------------------------------- reads */

int
store_unit_get(struct store *st, struct arena *ar, uint32_t id, struct unit *u)
{
	return st_get_by_id(st, ar, T_UNITS, id, u);
}

int
store_units_all(struct store *st, struct arena *ar, struct unit **v, size_t *n)
{
	return st_list_by(st, ar, T_UNITS, 0, 0, 0, v, n);
}

int
store_units_children(struct store *st, struct arena *ar, uint32_t parent,
    struct unit **v, size_t *n)
{
	return st_list_by(st, ar, T_UNIT_PARENT, 1, parent, 0, v, n);
}

int
store_person_get(struct store *st, struct arena *ar, uint32_t id, struct person *p)
{
	return st_get_by_id(st, ar, T_PEOPLE, id, p);
}

static int
op_person_login(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	DBT k, pk, d;
	int rc;

	st_dbt_init(&k, op->key, op->klen);
	st_dbt_init(&pk, NULL, 0);
	st_dbt_init(&d, NULL, 0);
	rc = st_dbstatus(st->db[T_PEOPLE_LOGIN]->pget(st->db[T_PEOPLE_LOGIN], txn,
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
	return st_txn_run(st, 0, op_person_login, &op);
}

int
store_people_in_unit(struct store *st, struct arena *ar, uint32_t unit,
    struct person **v, size_t *n)
{
	return st_list_by(st, ar, T_PEOPLE_UNIT, 1, unit, 0, v, n);
}

int
store_cycle_get(struct store *st, struct arena *ar, uint32_t id, struct cycle *c)
{
	return st_get_by_id(st, ar, T_CYCLES, id, c);
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
	int rc = st_list_by(st, ar, T_CYCLES, 0, 0, 0, v, n);

	/* A handful of records: sorting here beats another index. */
	if (rc == STORE_OK && *n > 1)
		qsort(*v, *n, sizeof(**v), cycle_cmp);
	return rc;
}

int
store_objective_get(struct store *st, struct arena *ar, uint32_t id,
    struct objective *o)
{
	return st_get_by_id(st, ar, T_OBJ, id, o);
}

int
store_objectives_by_cycle_unit(struct store *st, struct arena *ar,
    uint32_t cycle, uint32_t unit, struct objective **v, size_t *n)
{
	return st_list_by(st, ar, T_OBJ_CYCLE_UNIT, 2, cycle, unit, v, n);
}

int
store_objectives_by_owner(struct store *st, struct arena *ar, uint32_t owner,
    struct objective **v, size_t *n)
{
	return st_list_by(st, ar, T_OBJ_OWNER, 1, owner, 0, v, n);
}

int
store_objectives_by_parent_kr(struct store *st, struct arena *ar, uint32_t kr,
    struct objective **v, size_t *n)
{
	return st_list_by(st, ar, T_OBJ_PARENT, 1, kr, 0, v, n);
}

/* The KRs a person owns and the objective of each, read together. */
struct owned_op {
	struct arena	*ar;
	uint32_t	 owner;
	struct vec	 krs;
	struct objective *objs;
};

static int
op_owned(struct store *st, DB_TXN *txn, void *arg)
{
	struct owned_op *op = arg;
	struct kr *k;
	unsigned char key[4];
	size_t i, j;
	int rc;

	be32(key, op->owner);
	op->krs.n = 0;
	if ((rc = st_rec_list(st, txn, T_KR_OWNER, key, 4, op->ar, &op->krs)) != STORE_OK)
		return rc;
	k = (struct kr *)op->krs.items;
	op->objs = arena_alloc(op->ar, (op->krs.n + 1) * sizeof(*op->objs));
	for (i = 0; i < op->krs.n; i++) {
		/* A person's KRs come by id, an objective's mostly together:
		 * one read per objective among the last few. */
		size_t back = i > 8 ? i - 8 : 0;

		for (j = i; j > back && op->objs[j - 1].id != k[i].objective; j--)
			;
		if (j > back)
			op->objs[i] = op->objs[j - 1];
		else if ((rc = st_rec_get(st, txn, T_OBJ, k[i].objective,
		    &op->objs[i], op->ar, 0)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_ERR : rc;
	}
	return STORE_OK;
}

int
store_krs_by_owner(struct store *st, struct arena *ar, uint32_t owner,
    struct kr **v, struct objective **o, size_t *n)
{
	struct owned_op op = { .ar = ar, .owner = owner };
	int rc = st_txn_run(st, 0, op_owned, &op);

	*v = rc == STORE_OK ? (struct kr *)op.krs.items : NULL;
	*o = rc == STORE_OK ? op.objs : NULL;
	*n = rc == STORE_OK ? op.krs.n : 0;
	return rc;
}

int
store_kr_get(struct store *st, struct arena *ar, uint32_t id, struct kr *k)
{
	return st_get_by_id(st, ar, T_KRS, id, k);
}

int
store_krs_by_objective(struct store *st, struct arena *ar, uint32_t obj,
    struct kr **v, size_t *n)
{
	return st_list_by(st, ar, T_KR_OBJ, 1, obj, 0, v, n);
}

int
store_checkins_by_kr(struct store *st, struct arena *ar, uint32_t kr,
    struct checkin **v, size_t *n)
{
	return st_list_by(st, ar, T_CI_KR, 1, kr, 0, v, n);
}

int
store_history_by_objective(struct store *st, struct arena *ar, uint32_t obj,
    struct change **v, size_t *n)
{
	return st_list_by(st, ar, T_HISTORY_OBJ, 1, obj, 0, v, n);
}

int
store_comments_by_objective(struct store *st, struct arena *ar, uint32_t obj,
    struct comment **v, size_t *n)
{
	return st_list_by(st, ar, T_COMMENTS_OBJ, 1, obj, 0, v, n);
}

int
store_comments_for_owner(struct store *st, struct arena *ar, uint32_t owner,
    struct comment **v, size_t *n)
{
	return st_list_by(st, ar, T_COMMENTS_OWNER, 1, owner, 0, v, n);
}

/* ------------------------------------------------------- the directory */

/* What the directory's operations write through: each record through the
 * operation of its kind (op_unit, op_person, op_cycle), with its checks,
 * in the one transaction. */
struct dir_op {
	struct put_op	 p;
	/* store_init() */
	const char	*company, *login, *name;
	struct cycle	*c;
	int		 force;
	char		 had[OKR_MAX_LOGIN + 1];
	/* store_people_load() */
	const struct store_member *m;
	size_t		 n, bad;
	int		 dry;
	struct store_member_count count;
};

static int
dir_put(struct store *st, DB_TXN *txn, struct dir_op *op, txn_fn fn, void *rec)
{
	op->p.rec = rec;
	return fn(st, txn, &op->p);
}

/* The child of unit parent named name (the first by id: names need not
 * be unique); STORE_NOTFOUND if none. */
static int
child_named(struct store *st, DB_TXN *txn, struct arena *ar, uint32_t parent,
    const char *name, struct unit *u)
{
	unsigned char kb[4];
	struct vec v = { 0 };
	const struct unit *all;
	size_t i;
	int rc;

	be32(kb, parent);
	if ((rc = st_rec_list(st, txn, T_UNIT_PARENT, kb, 4, ar, &v)) != STORE_OK)
		return rc;
	for (all = (const struct unit *)v.items, i = 0; i < v.n; i++)
		if (strcmp(all[i].name, name) == 0) {
			*u = all[i];
			return STORE_OK;
		}
	return STORE_NOTFOUND;
}

static int
login_get(struct store *st, DB_TXN *txn, struct arena *ar, const char *login,
    struct person *p)
{
	struct op q = { .rec = p, .ar = ar };

	if ((q.klen = strlen(login)) == 0 || q.klen > sizeof(q.key))
		return STORE_NOTFOUND;
	memcpy(q.key, login, q.klen);
	return op_person_login(st, txn, &q);
}

static int
op_init(struct store *st, DB_TXN *txn, void *arg)
{
	struct dir_op *op = arg;
	struct wctx *w = &op->p.w;
	struct vec v = { 0 };
	struct unit u;
	struct person p;
	const struct person *all;
	const struct cycle *cs;
	size_t i;
	int rc;

	/* A second admin is the operator's choice, not a repeated command's. */
	if ((rc = st_rec_list(st, txn, T_PEOPLE, NULL, 0, &w->ar, &v)) != STORE_OK)
		return rc;
	for (all = (const struct person *)v.items, i = 0; i < v.n && !op->force; i++)
		if (all[i].role == ROLE_ADMIN) {
			snprintf(op->had, sizeof(op->had), "%s", all[i].login);
			return STORE_CONFLICT;
		}
	if ((rc = st_company(st, txn, &w->ar, &u)) == STORE_NOTFOUND) {
		memset(&u, 0, sizeof(u));
		u.level = LEVEL_COMPANY;
	} else if (rc != STORE_OK)
		return rc;
	if ((u.id == 0 || strcmp(u.name, op->company) != 0) &&
	    (u.name = (char *)op->company,
	    rc = dir_put(st, txn, op, op_unit, &u)) != STORE_OK)
		return rc;
	if ((rc = login_get(st, txn, &w->ar, op->login, &p)) == STORE_NOTFOUND) {
		memset(&p, 0, sizeof(p));
		p.login = (char *)op->login;
		p.name = (char *)op->login;
		p.unit = u.id;
	} else if (rc != STORE_OK)
		return rc;
	if (op->name != NULL)
		p.name = (char *)op->name;
	p.role = ROLE_ADMIN;
	if ((rc = dir_put(st, txn, op, op_person, &p)) != STORE_OK)
		return rc;
	if (u.lead == 0) {
		u.lead = p.id;
		if ((rc = dir_put(st, txn, op, op_unit, &u)) != STORE_OK)
			return rc;
	}
	v.n = 0;
	if ((rc = st_rec_list(st, txn, T_CYCLES, NULL, 0, &w->ar, &v)) != STORE_OK)
		return rc;
	for (cs = (const struct cycle *)v.items, i = 0; i < v.n; i++)
		if (strcmp(cs[i].name, op->c->name) == 0) {
			*op->c = cs[i];
			return STORE_OK;
		}
	op->c->id = 0;
	op->c->state = CYCLE_ACTIVE;
	return dir_put(st, txn, op, op_cycle, op->c);
}

int
store_init(struct store *st, struct arena *ar, const char *company,
    const char *login, const char *name, struct cycle *c, int force, char **had)
{
	struct dir_op op = { .p.w = { .actor = STORE_SYSTEM }, .company = company,
	    .login = login, .name = name, .c = c, .force = force };
	const char *cname = c->name;
	int rc;

	*had = NULL;
	if (st->rdonly)
		return STORE_ERR;
	rc = st_write_op(st, op_init, &op.p.w, &op);
	/* A cycle found in the store had its name in the operation's arena. */
	c->name = (char *)cname;
	if (rc == STORE_CONFLICT)
		*had = arena_strdup(ar, op.had);
	return rc;
}

/* Creates or updates one member of the directory (store_people_load). */
static int
member_put(struct store *st, DB_TXN *txn, struct dir_op *op,
    const struct store_member *m, const struct unit *top)
{
	struct wctx *w = &op->p.w;
	struct unit u = *top, was;
	struct person p;
	uint32_t parent, old_unit = 0;
	size_t k;
	int rc, known, changed;

	if (m->nunits == 0 || strcmp(m->units[0], top->name) != 0)
		return STORE_INVALID;
	for (k = 1; k < m->nunits; k++) {
		parent = u.id;
		if ((rc = child_named(st, txn, &w->ar, parent, m->units[k], &u)) ==
		    STORE_NOTFOUND) {
			memset(&u, 0, sizeof(u));
			u.parent = parent;
			u.level = k == 1 ? LEVEL_DEPARTMENT : LEVEL_TEAM;
			u.name = (char *)m->units[k];
			rc = dir_put(st, txn, op, op_unit, &u);
			op->count.units++;
		}
		if (rc != STORE_OK)
			return rc;
	}
	if ((rc = login_get(st, txn, &w->ar, m->login, &p)) == STORE_NOTFOUND) {
		memset(&p, 0, sizeof(p));
		p.login = (char *)m->login;
	} else if (rc != STORE_OK)
		return rc;
	known = p.id != 0;
	old_unit = p.unit;
	changed = !known || strcmp(p.name, m->name) != 0 || p.unit != u.id ||
	    (p.role != ROLE_ADMIN && p.role != (m->lead ? ROLE_LEAD : ROLE_MEMBER));
	p.name = (char *)m->name;
	p.unit = u.id;
	if (p.role != ROLE_ADMIN)
		p.role = m->lead ? ROLE_LEAD : ROLE_MEMBER;
	if (changed && (rc = dir_put(st, txn, op, op_person, &p)) != STORE_OK)
		return rc;
	/* The units as they are now: an earlier member may have changed them. */
	if (m->lead) {
		if ((rc = st_rec_get(st, txn, T_UNITS, u.id, &u, &w->ar, 1)) != STORE_OK)
			return rc;
		if (u.lead != p.id) {
			u.lead = p.id;
			changed = 1;
			if ((rc = dir_put(st, txn, op, op_unit, &u)) != STORE_OK)
				return rc;
		}
	}
	if (known && old_unit != 0 && (old_unit != u.id || !m->lead)) {
		if ((rc = st_rec_get(st, txn, T_UNITS, old_unit, &was, &w->ar, 1)) != STORE_OK)
			return rc;
		if (was.lead == p.id) {
			was.lead = 0;
			changed = 1;
			if ((rc = dir_put(st, txn, op, op_unit, &was)) != STORE_OK)
				return rc;
		}
	}
	if (!known)
		op->count.created++;
	else if (changed)
		op->count.updated++;
	else
		op->count.unchanged++;
	return STORE_OK;
}

static int
op_people(struct store *st, DB_TXN *txn, void *arg)
{
	struct dir_op *op = arg;
	struct unit top;
	int rc;

	memset(&op->count, 0, sizeof(op->count));
	if ((rc = st_company(st, txn, &op->p.w.ar, &top)) != STORE_OK)
		return rc;
	for (op->bad = 0; op->bad < op->n; op->bad++) {
		/* The company as it is now: a lead of it may have been set. */
		if ((rc = st_rec_get(st, txn, T_UNITS, top.id, &top, &op->p.w.ar, 0)) !=
		    STORE_OK || (rc = member_put(st, txn, op, &op->m[op->bad], &top)) !=
		    STORE_OK)
			return rc;
	}
	/* A dry run is the real one, undone: it counts exactly what would be. */
	return op->dry ? STORE_DRY : STORE_OK;
}

int
store_people_load(struct store *st, const struct store_member *m, size_t n,
    int dry, struct store_member_count *count, size_t *bad)
{
	struct dir_op op = { .p.w = { .actor = STORE_SYSTEM }, .m = m, .n = n,
	    .dry = dry };
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	rc = st_write_op(st, op_people, &op.p.w, &op);
	*count = op.count;
	*bad = op.bad;
	return rc == STORE_DRY ? STORE_OK : rc;
}
