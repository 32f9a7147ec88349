/* store-meet.c: meetings, verdicts, GROW notes, action items, carried KRs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "okr.h"
#include "store-int.h"

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
	struct upwalk uw = { st, txn, ar, NULL, 0, STORE_OK, 0 };
	uint32_t root = unit;
	size_t i, j, m;
	int rc, yes;

	/* The company: the top of unit's chain. */
	if ((rc = st_up_walk(&uw, unit, &yes, &root)) != STORE_OK)
		return rc == STORE_NOTFOUND || rc == STORE_RULE ? STORE_INVALID : rc;
	be32(key, cycle);
	be32(key + 4, root);
	if ((rc = st_rec_list(st, txn, T_OBJ_CYCLE_UNIT, key, 8, ar, &ov)) != STORE_OK)
		return rc;
	krs->size = sizeof(struct kr);
	krs->n = 0;
	o = (struct objective *)ov.items;
	for (i = 0; i < ov.n; i++) {
		if (o[i].level != LEVEL_COMPANY || o[i].state == OBJ_ARCHIVED)
			continue;
		be32(key, o[i].id);
		kv.n = 0;
		if ((rc = st_rec_list(st, txn, T_KR_OBJ, key, 4, ar, &kv)) != STORE_OK)
			return rc;
		k = (struct kr *)kv.items;
		for (j = 0; j < kv.n; j++) {
			if (!okr_kr_live(k[j].state) || k[j].owner == 0 ||
			    st_rec_get(st, txn, T_PEOPLE, k[j].owner,
			    &p, ar, 0) != STORE_OK)
				continue;
			if ((rc = st_within(st, txn, ar, p.unit, unit, &yes)) != STORE_OK)
				return rc;
			if (yes)
				*(struct kr *)st_vec_push(ar, krs) = k[j];
		}
	}
	*covered = arena_alloc(ar, (krs->n + 1) * sizeof(**covered));
	k = (struct kr *)krs->items;
	for (i = 0; i < krs->n; i++) {
		be32(key, k[i].id);
		av.n = 0;
		if ((rc = st_rec_list(st, txn, T_OBJ_PARENT, key, 4, ar, &av)) != STORE_OK)
			return rc;
		al = (struct objective *)av.items;
		for (m = 0; m < av.n && !(*covered)[i]; m++) {
			if (al[m].state == OBJ_ARCHIVED || al[m].cycle != cycle)
				continue;
			if ((rc = st_within(st, txn, ar, al[m].unit, unit, &yes)) != STORE_OK)
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
	int rc = st_txn_run(st, 0, op_carried, &c);

	*krs = rc == STORE_OK ? (struct kr *)c.krs.items : NULL;
	*covered = rc == STORE_OK ? c.covered : NULL;
	*n = rc == STORE_OK ? c.krs.n : 0;
	return rc;
}

static int
op_meeting(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct meeting *m = op->rec, old;
	struct unit u;
	struct cycle c;
	struct objective o;
	int rc, created;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK ||
	    (rc = st_may_manage(st, txn, w, m->unit)) != STORE_OK)
		return rc;
	if ((rc = st_rec_get(st, txn, T_UNITS, m->unit, &u, &w->ar, 0)) != STORE_OK ||
	    (rc = st_rec_get(st, txn, T_CYCLES, m->cycle, &c, &w->ar, 0)) != STORE_OK ||
	    (m->objective != 0 && (rc = st_rec_get(st, txn, T_OBJ, m->objective, &o,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (m->objective != 0 && o.unit != m->unit)
		return STORE_INVALID;
	if (m->id == 0 && m->type == MEET_CONSENSUS && !okr_consensus_level(u.level))
		return STORE_RULE;
	/* Closed before stale: a form from before the close hears that the
	 * meeting is closed, not that someone changed it. */
	if (m->id != 0 && (rc = st_rec_get(st, txn, T_MEETINGS, m->id, &old, &w->ar, 0)) ==
	    STORE_OK && old.state == MEET_CLOSED)
		return STORE_CLOSED;
	if ((rc = st_prepare(st, txn, w, T_MEETINGS, m, &old, &created)) != STORE_OK)
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
	return st_rec_put(st, txn, T_MEETINGS, m->id, m);
}

int
store_meeting_put(struct store *st, uint32_t actor, struct meeting *m)
{
	if (m->day == 0 || store_rec_check(REC_MEETING, m, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_rec(st, op_meeting, actor, m, T_MEETINGS);
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

void
store_objref(const struct objective *o, struct okr_objref *ref)
{
	ref->unit = o->unit;
	ref->cycle = o->cycle;
	ref->level = o->level;
	ref->state = o->state;
}

void
store_reach(const struct meeting *m, struct okr_reach *reach)
{
	reach->unit = m->unit;
	reach->cycle = m->cycle;
}

int
store_said(const struct verdict *d)
{
	return d == NULL ? SAID_NONE : d->kind == VERDICT_REJECT ? SAID_REJECT :
	    SAID_KEEP;
}

/* Closing a consensus meeting: each objective it decides must be ready
 * (okr_tally_ready()); then they take the states the close gives, and
 * their proposed KRs too, each change in the history. */
static int
consensus_apply(struct store *st, DB_TXN *txn, struct wctx *w,
    const struct meeting *m)
{
	struct vec ov = { 0 }, kv = { 0 }, vv = { 0 };
	struct objective *o, oldo;
	struct kr *k, oldk;
	const struct verdict *d;
	struct okr_objref ref;
	struct okr_reach reach;
	struct okr_tally t;
	unsigned char key[8];
	const char *why = arena_printf(&w->ar, "#%u", m->id);
	size_t i, j;
	int rc;

	be32(key, m->id);
	if ((rc = st_rec_list(st, txn, T_VERDICTS_MEETING, key, 4, &w->ar, &vv)) != STORE_OK)
		return rc;
	d = (struct verdict *)vv.items;
	be32(key, m->cycle);
	be32(key + 4, m->unit);
	if ((rc = st_rec_list(st, txn, T_OBJ_CYCLE_UNIT, key, 8, &w->ar, &ov)) != STORE_OK)
		return rc;
	o = (struct objective *)ov.items;
	store_reach(m, &reach);
	for (i = 0; i < ov.n; i++) {
		store_objref(&o[i], &ref);
		if (!okr_consensus_scope(&reach, &ref))
			continue;
		be32(key, o[i].id);
		kv.n = 0;
		if ((rc = st_rec_list(st, txn, T_KR_OBJ, key, 4, &w->ar, &kv)) != STORE_OK)
			return rc;
		k = (struct kr *)kv.items;
		okr_tally_init(&t, store_said(store_verdict_of(d, vv.n, o[i].id, 0)));
		for (j = 0; j < kv.n; j++)
			okr_tally_kr(&t, k[j].state, store_said(store_verdict_of(d,
			    vv.n, o[i].id, k[j].id)));
		if (!okr_tally_ready(&t))
			return STORE_RULE;
		for (j = 0; j < kv.n; j++) {
			if (k[j].state != KRS_PROPOSED)
				continue;
			oldk = k[j];
			k[j].state = okr_consensus_krstate(t.said, store_said(
			    store_verdict_of(d, vv.n, o[i].id, k[j].id)));
			k[j].version++;
			if ((rc = st_rec_put(st, txn, T_KRS, k[j].id, &k[j])) != STORE_OK ||
			    (rc = st_history_diff(st, txn, w, T_KRS, o[i].id, k[j].id,
			    &oldk, &k[j])) != STORE_OK ||
			    (rc = st_history_add(st, txn, w, o[i].id, REC_KR, k[j].id,
			    "consensus", "", why)) != STORE_OK)
				return rc;
		}
		oldo = o[i];
		o[i].state = okr_consensus_ostate(t.said);
		o[i].version++;
		o[i].updated_by = w->actor;
		o[i].updated_at = w->now;
		if ((rc = st_rec_put(st, txn, T_OBJ, o[i].id, &o[i])) != STORE_OK ||
		    (rc = st_history_diff(st, txn, w, T_OBJ, o[i].id, o[i].id, &oldo,
		    &o[i])) != STORE_OK ||
		    (rc = st_history_add(st, txn, w, o[i].id, REC_OBJECTIVE, o[i].id,
		    "consensus", "", why)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* The arguments of store_meeting_close(). */
struct close_op {
	struct wctx	 w;
	struct meeting	*m;
	const char	*snapshot;	/* what the room saw */
};

static int
op_meeting_close(struct store *st, DB_TXN *txn, void *arg)
{
	struct close_op *op = arg;
	struct wctx *w = &op->w;
	struct meeting *m = op->m, old;
	unsigned char kb[4];
	DBT k, d;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK ||
	    (rc = st_check_version(st, txn, w, T_MEETINGS, m->id, m->version, &old)) != STORE_OK)
		return rc;
	if ((rc = st_may_manage(st, txn, w, old.unit)) != STORE_OK)
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
	st_dbt_init(&k, kb, 4);
	st_dbt_init(&d, (void *)op->snapshot, strlen(op->snapshot));
	if ((rc = st_dbstatus(st->db[T_SNAPSHOTS]->put(st->db[T_SNAPSHOTS], txn,
	    &k, &d, 0), "snapshots")) != STORE_OK)
		return rc;
	if ((rc = st_rec_put(st, txn, T_MEETINGS, old.id, &old)) != STORE_OK)
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
	struct close_op op = { .w = { .actor = actor }, .m = m, .snapshot = snapshot };

	return st_write_op(st, op_meeting_close, &op.w, &op);
}

static int
op_snapshot(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	unsigned char kb[4];
	DBT k, d;
	int rc;

	be32(kb, op->id);
	st_dbt_init(&k, kb, 4);
	st_dbt_init(&d, NULL, 0);
	rc = st_dbstatus(st->db[T_SNAPSHOTS]->get(st->db[T_SNAPSHOTS], txn, &k, &d, 0),
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

	return st_txn_run(st, 0, op_snapshot, &op);
}

static int
op_action(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct action *a = op->rec, old;
	struct meeting m;
	struct kr k;
	struct person p;
	int rc, created;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor == STORE_SYSTEM && a->created_by == 0)
		return STORE_INVALID;
	if ((rc = st_rec_get(st, txn, T_PEOPLE, a->owner, &p, &w->ar, 0)) != STORE_OK ||
	    (a->kr != 0 && (rc = st_rec_get(st, txn, T_KRS, a->kr, &k, &w->ar, 0)) != STORE_OK) ||
	    (a->meeting != 0 && (rc = st_rec_get(st, txn, T_MEETINGS, a->meeting, &m,
	    &w->ar, 0)) != STORE_OK))
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	a->objective = a->kr != 0 ? k.objective : 0;
	if ((rc = st_prepare(st, txn, w, T_ACTIONS, a, &old, &created)) != STORE_OK)
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
		    (rc = st_may_manage(st, txn, w, old.unit)) != STORE_OK)
			return rc;
	}
	return st_rec_put(st, txn, T_ACTIONS, a->id, a);
}

int
store_action_put(struct store *st, uint32_t actor, struct action *a)
{
	if (a->unit == 0 || a->owner == 0 ||
	    store_rec_check(REC_ACTION, a, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_rec(st, op_action, actor, a, T_ACTIONS);
}

/* The arguments of store_meeting_ack(). */
struct ack_op {
	struct wctx	 w;
	uint32_t	 meeting;
};

static int
op_ack(struct store *st, DB_TXN *txn, void *arg)
{
	struct ack_op *op = arg;
	struct wctx *w = &op->w;
	struct meeting m;
	struct unit u;
	int rc, yes;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor == STORE_SYSTEM)
		return STORE_FORBIDDEN;
	if ((rc = st_rec_get(st, txn, T_MEETINGS, op->meeting, &m, &w->ar, 1)) !=
	    STORE_OK)
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
	if ((rc = st_rec_get(st, txn, T_UNITS, m.unit, &u, &w->ar, 0)) != STORE_OK ||
	    (rc = st_within(st, txn, &w->ar, w->me.unit, m.unit, &yes)) != STORE_OK)
		return rc;
	if (!yes && u.lead != w->actor)
		return STORE_FORBIDDEN;
	if (okr_listed(m.present, w->me.login))
		return STORE_OK;	/* already there */
	m.present = arena_printf(&w->ar, "%s%s%s", m.present ? m.present : "",
	    m.present && *m.present ? " " : "", w->me.login);
	m.version++;
	return st_rec_put(st, txn, T_MEETINGS, m.id, &m);
}

int
store_meeting_ack(struct store *st, uint32_t actor, uint32_t meeting)
{
	struct ack_op op = { .w = { .actor = actor }, .meeting = meeting };

	return st_write_op(st, op_ack, &op.w, &op);
}

static int
op_grow(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct grow *g = op->rec;
	struct meeting m;
	struct objective o;
	struct okr_objref ref;
	struct okr_reach reach;
	struct kr k;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor == STORE_SYSTEM)
		return STORE_FORBIDDEN;
	if ((rc = st_rec_get(st, txn, T_MEETINGS, g->meeting, &m, &w->ar, 0)) != STORE_OK ||
	    (rc = st_rec_get(st, txn, T_KRS, g->kr, &k, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if (m.state == MEET_CLOSED)
		return STORE_CLOSED;
	/* Only a KR the meeting shows (okr_grow_scope()). */
	if ((rc = st_rec_get(st, txn, T_OBJ, k.objective, &o, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	store_reach(&m, &reach);
	store_objref(&o, &ref);
	if (m.type != MEET_MONTHLY || !okr_grow_scope(&reach, &ref))
		return STORE_INVALID;
	g->author = w->actor;
	g->at = w->now;
	g->version = 1;
	if ((rc = st_next_id(st, txn, T_GROWS, &g->id)) != STORE_OK)
		return rc;
	return st_rec_put(st, txn, T_GROWS, g->id, g);
}

static int
op_verdict(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct verdict *v = op->rec;
	struct meeting m;
	struct objective o, oldo;
	struct okr_objref ref;
	struct okr_reach reach;
	struct kr k, oldk;
	char *s, *save, *who;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if ((rc = st_rec_get(st, txn, T_MEETINGS, v->meeting, &m, &w->ar, 0)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = st_may_manage(st, txn, w, m.unit)) != STORE_OK)
		return rc;
	if (m.state == MEET_CLOSED)
		return STORE_CLOSED;
	if (m.type != MEET_CONSENSUS || m.state != MEET_OPEN)
		return STORE_INVALID;
	if (v->kr != 0) {
		if ((rc = st_rec_get(st, txn, T_KRS, v->kr, &k, &w->ar, 1)) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		if (k.state != KRS_PROPOSED)
			return STORE_INVALID;
		v->objective = k.objective;
	}
	if ((rc = st_rec_get(st, txn, T_OBJ, v->objective, &o, &w->ar, 1)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	/* Only what the meeting decides (okr_consensus_scope()) and the
	 * proposals under it. */
	store_reach(&m, &reach);
	store_objref(&o, &ref);
	if (!okr_consensus_scope(&reach, &ref))
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
	if (v->kind == VERDICT_REVISE && v->kr != 0) {
		/* A revised KR is held to the rules of any KR (a milestone
		 * stays 0 to 1); the verdict keeps the terms it replaces. */
		oldk = k;
		if (k.kind == KR_MILESTONE) {
			v->start = 0;
			v->target = 1;
		}
		v->was_text = oldk.title;
		v->was_start = oldk.start;
		v->was_target = oldk.target;
		v->was_due = oldk.due;
		v->was_unit_label = oldk.unit_label;
		k.title = v->text;
		k.start = v->start;
		k.target = v->target;
		k.due = v->due;
		k.unit_label = v->unit_label;
		if (store_rec_check(REC_KR, &k, NULL) != STORE_OK)
			return STORE_RULE;
	} else if (v->kind == VERDICT_REVISE)
		v->was_text = o.title;
	if ((rc = st_next_id(st, txn, T_VERDICTS, &v->id)) != STORE_OK ||
	    (rc = st_rec_put(st, txn, T_VERDICTS, v->id, v)) != STORE_OK)
		return rc;
	if (v->kind != VERDICT_REVISE)
		return STORE_OK;
	/* A revision takes effect at once: the room sees the new terms, and
	 * an edit form opened on the old ones meets a new version. */
	if (v->kr != 0) {
		k.version++;
		rc = st_rec_put(st, txn, T_KRS, k.id, &k);
		if (rc == STORE_OK)
			rc = st_history_diff(st, txn, w, T_KRS, o.id, k.id, &oldk, &k);
	} else {
		oldo = o;
		o.title = v->text;
		o.version++;
		o.updated_by = w->actor;
		o.updated_at = w->now;
		rc = st_rec_put(st, txn, T_OBJ, o.id, &o);
		if (rc == STORE_OK)
			rc = st_history_diff(st, txn, w, T_OBJ, o.id, o.id, &oldo, &o);
	}
	if (rc != STORE_OK || v->note == NULL || *v->note == '\0')
		return rc;
	return st_history_add(st, txn, w, o.id, v->kr != 0 ? REC_KR : REC_OBJECTIVE,
	    v->kr != 0 ? v->kr : o.id, "reason", "", v->note);
}

int
store_verdict_add(struct store *st, uint32_t actor, struct verdict *v)
{
	struct put_op op = { .w = { .actor = actor }, .rec = v };

	if ((v->kr == 0 && v->objective == 0) ||
	    store_rec_check(REC_VERDICT, v, NULL) != STORE_OK ||
	    (v->kind == VERDICT_REVISE && (v->text == NULL || *v->text == '\0')))
		return STORE_INVALID;
	if (v->kind != VERDICT_REVISE || v->kr == 0) {
		/* Only a KR's revision has terms besides its title. */
		v->start = v->target = 0;
		v->due = 0;
		v->unit_label = NULL;
	}
	if (v->kind != VERDICT_REVISE)
		v->text = NULL;
	v->was_text = v->was_unit_label = NULL;
	v->was_start = v->was_target = 0;
	v->was_due = 0;
	return st_write_op(st, op_verdict, &op.w, &op);
}

int
store_verdicts_by_meeting(struct store *st, struct arena *ar, uint32_t meeting,
    struct verdict **v, size_t *n)
{
	return st_list_by(st, ar, T_VERDICTS_MEETING, 1, meeting, 0, v, n);
}

int
store_grow_add(struct store *st, uint32_t actor, struct grow *g)
{
	struct put_op op = { .w = { .actor = actor }, .rec = g };

	if (store_rec_check(REC_GROW, g, NULL) != STORE_OK)
		return STORE_INVALID;
	return st_write_op(st, op_grow, &op.w, &op);
}

int
store_grows_by_meeting(struct store *st, struct arena *ar, uint32_t meeting,
    struct grow **v, size_t *n)
{
	return st_list_by(st, ar, T_GROWS_MEETING, 1, meeting, 0, v, n);
}

int
store_meeting_get(struct store *st, struct arena *ar, uint32_t id,
    struct meeting *m)
{
	return st_get_by_id(st, ar, T_MEETINGS, id, m);
}

int
store_meetings_by_unit(struct store *st, struct arena *ar, uint32_t unit,
    struct meeting **v, size_t *n)
{
	return st_list_by(st, ar, T_MEETINGS_UNIT, 1, unit, 0, v, n);
}

int
store_action_get(struct store *st, struct arena *ar, uint32_t id, struct action *a)
{
	return st_get_by_id(st, ar, T_ACTIONS, id, a);
}

int
store_actions_by_unit(struct store *st, struct arena *ar, uint32_t unit,
    struct action **v, size_t *n)
{
	return st_list_by(st, ar, T_ACTIONS_UNIT, 1, unit, 0, v, n);
}
