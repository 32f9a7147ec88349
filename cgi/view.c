/* view.c: records into page documents (see view.h and xslt/README.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "health.h"
#include "meet-view.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "view.h"
#include "worker.h"

int
view_may(struct view *v, int perm, uint32_t id)
{
	return v->r->me != NULL &&
	    store_allowed(v->st, v->r->me->id, (enum perm)perm, id) == STORE_OK;
}

/* The current cycle: the active one that holds today, else the newest
 * active one, else the newest that has started, else the newest. */
static struct cycle *
current_cycle(struct cycle *c, size_t n, int32_t today)
{
	struct cycle *active = NULL, *started = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i].state == CYCLE_ACTIVE) {
			if (c[i].start <= today && today <= c[i].end)
				return &c[i];
			active = &c[i];
		}
		if (c[i].start <= today)
			started = &c[i];
	}
	if (active != NULL)
		return active;
	if (started != NULL)
		return started;
	return n > 0 ? &c[n - 1] : NULL;
}

int
view_init(struct view *v, struct req *r, struct store *st)
{
	size_t i;
	int rc;

	memset(v, 0, sizeof(*v));
	v->r = r;
	v->st = st;
	if ((rc = store_cycles_all(st, &r->ar, &v->cycles, &v->ncycles)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	if (r->val[KEY_CYCLE] != NULL) {
		for (i = 0; i < v->ncycles; i++)
			if (strcmp(v->cycles[i].name, r->val[KEY_CYCLE]) == 0)
				v->sel = &v->cycles[i];
		if (v->sel == NULL)
			return req_error(r, 404, "err.cycle");
	} else
		v->sel = current_cycle(v->cycles, v->ncycles, okr_today());
	v->me = r->me;
	return 0;
}

int
view_identify(struct req *r, struct store *st)
{
	struct person *me = arena_alloc(&r->ar, sizeof(*me));
	int rc = store_person_by_login(st, &r->ar, r->user, me);

	if (rc == STORE_OK)
		r->me = me;
	return rc == STORE_NOTFOUND ? 0 : worker_fail(r, rc, NULL);
}

static int owed_all(struct view *, xmlNodePtr, int *);

xmlNodePtr
view_page(struct view *v, const char *name)
{
	xmlNodePtr page = render_page_new(v->r, name), cs, c;
	const struct cycle *now = current_cycle(v->cycles, v->ncycles, okr_today());
	char d[11];
	size_t i;

	if (page == NULL)
		return NULL;
	cs = xmlNewChild(page, NULL, BAD_CAST "cycles", NULL);
	if (v->sel != NULL)
		render_attr(cs, "selected", v->sel->name);
	for (i = 0; i < v->ncycles; i++) {
		const struct cycle *cy = &v->cycles[i];

		c = xmlNewChild(cs, NULL, BAD_CAST "cycle", NULL);
		render_attr_u(c, "id", cy->id);
		render_attr(c, "name", cy->name);
		okr_date_format(cy->start, d);
		render_attr(c, "start", d);
		okr_date_format(cy->end, d);
		render_attr(c, "end", d);
		render_attr(c, "state", okr_cstate_names[cy->state]);
		if (cy == now)
			render_attr(c, "current", "1");
	}
	/* The count beside the inbox's link on every page: an element of
	 * its own, since /page's attributes name every card (render.c).
	 * The inbox page counts what it lists (view_owed()), not twice. */
	if (v->r->me != NULL && strcmp(name, "inbox") != 0) {
		int n;

		if (owed_all(v, NULL, &n) == STORE_OK)
			render_attr_u(xmlNewChild(page, NULL, BAD_CAST "owed-count", NULL),
			    "n", (unsigned long)n);
	}
	return page;
}

const struct cycle *
view_cycle(struct view *v, uint32_t id)
{
	size_t i;

	for (i = 0; i < v->ncycles; i++)
		if (v->cycles[i].id == id)
			return &v->cycles[i];
	return NULL;
}

void
view_select(struct view *v, uint32_t cycle)
{
	size_t i;

	for (i = 0; i < v->ncycles; i++)
		if (v->cycles[i].id == cycle)
			v->sel = &v->cycles[i];
}

const char *
view_cycle_query(struct view *v)
{
	if (v->sel == NULL ||
	    v->sel == current_cycle(v->cycles, v->ncycles, okr_today()))
		return "";
	return arena_printf(&v->r->ar, "?cycle=%s", v->sel->name);
}

const char *
view_day(struct req *r, int32_t day)
{
	char buf[11];

	if (day == 0)
		return "";
	okr_date_format(day, buf);
	return arena_strdup(&r->ar, buf);
}

void
view_when(xmlNodePtr n, int64_t t)
{
	char at[21], local[17], zone[10];

	okr_time_format(t, at);
	okr_local_format(t, local, zone);
	render_attr(n, "at", at);
	render_attr(n, "local", local);
	render_attr(n, "zone", zone);
}

const struct person *
view_person(struct view *v, uint32_t id)
{
	struct person *p;
	size_t i;

	if (id == 0)
		return NULL;
	for (i = 0, p = v->people.items; i < v->people.n; i++)
		if (p[i].id == id)
			return &p[i];
	if (v->people.size == 0)
		v->people.size = sizeof(*p);
	p = arena_vec_add(&v->r->ar, &v->people, 1);
	if (store_person_get(v->st, &v->r->ar, id, p) != STORE_OK) {
		v->people.n--;
		return NULL;
	}
	return p;
}

int
view_units_all(struct view *v)
{
	int rc;

	if (v->units == NULL &&
	    (rc = store_units_all(v->st, &v->r->ar, &v->units, &v->nunits)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	return 0;
}

static int
unit_cmp(const void *key, const void *elem)
{
	uint32_t id = *(const uint32_t *)key, e = ((const struct unit *)elem)->id;

	return id < e ? -1 : id > e;
}

/* From every unit when a page loaded them (in id order), else fetched
 * one by one: a page about one unit must not read the whole company's. */
const struct unit *
view_unit(struct view *v, uint32_t id)
{
	struct unit *u;
	size_t i;

	if (id == 0)
		return NULL;
	if (v->units != NULL)
		return bsearch(&id, v->units, v->nunits, sizeof(*v->units), unit_cmp);
	for (i = 0, u = v->some.items; i < v->some.n; i++)
		if (u[i].id == id)
			return &u[i];
	if (v->some.size == 0)
		v->some.size = sizeof(*u);
	u = arena_vec_add(&v->r->ar, &v->some, 1);
	if (store_unit_get(v->st, &v->r->ar, id, u) != STORE_OK) {
		v->some.n--;
		return NULL;
	}
	return u;
}

int
view_unit_parent(void *arg, uint32_t id, uint32_t *parent)
{
	const struct unit *u = view_unit(arg, id);

	if (u == NULL)
		return -1;
	*parent = u->parent;
	return 0;
}

int
view_unit_within(struct view *v, uint32_t unit, uint32_t top)
{
	return okr_unit_within(unit, top, view_unit_parent, v) == 1;
}

const struct unit *
view_unit_top(struct view *v, uint32_t unit)
{
	uint32_t top;

	return okr_unit_walk(unit, view_unit_parent, v, &top) == 0 ?
	    view_unit(v, top) : NULL;
}

void
view_score_attrs(xmlNodePtr n, double score)
{
	char buf[16];
	int pct = okr_pct(score);

	snprintf(buf, sizeof(buf), "%d.%02d", pct / 100, pct % 100);
	render_attr(n, "score", buf);
	render_attr_u(n, "pct", (unsigned long)pct);
	render_attr(n, "band", okr_band_names[okr_band(score)]);
}

void
view_unscored(xmlNodePtr n, int ostate, int cstate)
{
	if (!okr_scored(ostate, cstate))
		render_attr(n, "unscored", ostate == OBJ_DRAFT ? "ostate.draft" :
		    "state.planning");
}

xmlNodePtr
view_unit_ref(xmlNodePtr parent, const char *name, const struct unit *u)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	render_attr_u(n, "id", u->id);
	render_attr(n, "name", u->name);
	render_attr(n, "level", okr_level_names[u->level]);
	return n;
}

void
view_person_ref(struct view *v, xmlNodePtr parent, const char *name, uint32_t id)
{
	const struct person *p = view_person(v, id);
	xmlNodePtr n;

	if (p == NULL)
		return;
	n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	render_attr(n, "login", p->login);
	render_attr(n, "name", p->name);
}

static double
krs_score(const struct kr *k, size_t n, struct arena *ar)
{
	double *s, *w;
	size_t i, m = 0;

	if (n == 0)
		return 0;
	s = arena_alloc(ar, n * sizeof(*s));
	w = arena_alloc(ar, n * sizeof(*w));
	for (i = 0; i < n; i++) {
		if (!okr_kr_live(k[i].state))
			continue;
		s[m] = okr_final_score(okr_kr_score(k[i].kind, k[i].direction,
		    k[i].start, k[i].target, k[i].current), k[i].grade);
		w[m++] = k[i].weight;
	}
	return okr_weighted_score(s, w, m);
}

/* How many of the n KRs count (okr_kr_live()). */
size_t
view_live_krs(const struct kr *k, size_t n)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		m += okr_kr_live(k[i].state) != 0;
	return m;
}

int
view_score(struct view *v, const struct objective *o, double *score)
{
	struct kr *k;
	size_t n;
	int rc;

	if ((rc = store_krs_by_objective(v->st, &v->r->ar, o->id, &k, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	*score = krs_score(k, n, &v->r->ar);
	return 0;
}

/* The SVG polyline of a KR's check-ins, scaled into 120 x 30: time
 * across, value up, the range taking in start and target. */
static void
view_trend(xmlNodePtr kn, const struct kr *k, const struct checkin *c, size_t n,
    struct arena *ar)
{
	double lo = fmin(k->start, k->target), hi = fmax(k->start, k->target);
	double t0 = (double)c[0].at, span, x, y;
	char *pts = arena_alloc(ar, n * 24 + 1), *p = pts;
	xmlNodePtr tn;
	size_t i;

	for (i = 0; i < n; i++) {
		lo = fmin(lo, c[i].value);
		hi = fmax(hi, c[i].value);
	}
	span = (double)(c[n - 1].at - c[0].at);
	for (i = 0; i < n; i++) {
		x = span > 0 ? ((double)c[i].at - t0) / span * 116 + 2 : 60;
		y = hi > lo ? 28 - (c[i].value - lo) / (hi - lo) * 26 : 15;
		p += snprintf(p, 24, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	tn = xmlNewChild(kn, NULL, BAD_CAST "trend", NULL);
	render_attr(tn, "points", pts);
	render_attr(tn, "width", "120");
	render_attr(tn, "height", "30");
}

static int
view_checkins(struct view *v, xmlNodePtr kn, const struct kr *k, int list)
{
	uint32_t kr = k->id;
	struct checkin *c;
	size_t i, n;
	char buf[21];
	xmlNodePtr cn;
	const struct person *p;
	int rc;

	if ((rc = store_checkins_by_kr(v->st, &v->r->ar, kr, &c, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; list && i < n; i++) {
		cn = xmlNewChild(kn, NULL, BAD_CAST "checkin", NULL);
		view_when(cn, c[i].at);
		okr_date_format(okr_day_of(c[i].at), buf);
		render_attr(cn, "date", buf);
		render_attr_num(cn, "value", c[i].value);
		render_attr_num(cn, "confidence", c[i].confidence);
		if ((p = view_person(v, c[i].author)) != NULL) {
			render_attr(cn, "author", p->login);
			render_attr(cn, "author-name", p->name);
		}
		if (c[i].note != NULL && *c[i].note != '\0')
			render_text(cn, "note", c[i].note);
	}
	if (n >= 2)
		view_trend(kn, k, c, n, &v->r->ar);
	return 0;
}

/* <aligned> with the live objectives that serve KR kr, without their KRs. */
static int
view_aligned(struct view *v, xmlNodePtr kn, uint32_t kr)
{
	struct objective *o;
	size_t i, n;
	xmlNodePtr al;
	double s;
	int rc;

	if ((rc = store_objectives_by_parent_kr(v->st, &v->r->ar, kr, &o, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	al = xmlNewChild(kn, NULL, BAD_CAST "aligned", NULL);
	for (i = 0; i < n; i++)
		if (o[i].state != OBJ_ARCHIVED &&
		    (rc = view_objective(v, al, &o[i], 0, &s)) != 0)
			return rc;
	return 0;
}

/* The objective o was carried from or to (id), as element name: its
 * cycle and title; none when id is 0 or the record is gone. */
static void
view_carried(struct view *v, xmlNodePtr on, const char *name, uint32_t id)
{
	struct objective o;
	const struct cycle *c;
	xmlNodePtr n;

	if (id == 0 || store_objective_get(v->st, &v->r->ar, id, &o) != STORE_OK)
		return;
	n = xmlNewChild(on, NULL, BAD_CAST name, NULL);
	render_attr_u(n, "id", o.id);
	if ((c = view_cycle(v, o.cycle)) != NULL)
		render_attr(n, "cycle", c->name);
	render_text(n, "title", o.title);
}

int
view_parent(struct view *v, xmlNodePtr on, uint32_t krid)
{
	struct kr k;
	struct objective o;
	xmlNodePtr pn;

	if (store_kr_get(v->st, &v->r->ar, krid, &k) != STORE_OK ||
	    store_objective_get(v->st, &v->r->ar, k.objective, &o) != STORE_OK)
		return 0;	/* the KR above was removed: show none */
	pn = xmlNewChild(on, NULL, BAD_CAST "parent-kr", NULL);
	render_attr_u(pn, "id", k.id);
	render_attr_u(pn, "objective", o.id);
	render_text(pn, "title", k.title);
	render_text(pn, "objective-title", o.title);
	return 0;
}

/* <flag name=...> on n for each of the health flags f, with the figures
 * of its reason (xslt/README.md). */
static void
view_flags(xmlNodePtr n, unsigned f, const struct health_why *w)
{
	xmlNodePtr fn;
	int i;

	for (i = 0; i < HEALTH__MAX; i++) {
		if (!(f & 1u << i))
			continue;
		fn = xmlNewChild(n, NULL, BAD_CAST "flag", NULL);
		render_attr(fn, "name", health_names[i]);
		switch (1u << i) {
		case HEALTH_STALE:
			render_attr_u(fn, "days", (unsigned long)w->stale);
			break;
		case HEALTH_OVERDUE:
			render_attr_u(fn, "days", (unsigned long)w->overdue);
			break;
		case HEALTH_BEHIND:
			render_attr_u(fn, "pct", (unsigned long)w->pct);
			render_attr_u(fn, "expected", (unsigned long)w->expected);
			break;
		case HEALTH_TOO_FEW:
		case HEALTH_TOO_MANY:
			render_attr_u(fn, "krs", (unsigned long)w->krs);
			break;
		}
	}
}

/* The KR k of objective node on; with VIEW_PERMS, edit: the user may edit
 * the objective, checkin: may check in on k (both decided before); with
 * VIEW_HEALTH, ho: what the health rules read of its objective. */
static int
view_kr(struct view *v, xmlNodePtr on, const struct kr *k, unsigned flags,
    int edit, int checkin, const struct health_obj *ho)
{
	xmlNodePtr kn = xmlNewChild(on, NULL, BAD_CAST "kr", NULL);
	double score = okr_final_score(okr_kr_score(k->kind, k->direction,
	    k->start, k->target, k->current), k->grade);
	char d[11];
	int rc;

	render_attr_u(kn, "id", k->id);
	render_attr(kn, "kind", okr_kind_names[k->kind]);
	render_attr(kn, "direction", okr_dir_names[k->direction]);
	render_attr_num(kn, "start", k->start);
	render_attr_num(kn, "target", k->target);
	render_attr_num(kn, "current", k->current);
	if (k->unit_label != NULL && *k->unit_label != '\0')
		render_attr(kn, "unit-label", k->unit_label);
	if (k->due != 0) {
		okr_date_format(k->due, d);
		render_attr(kn, "due", d);
	}
	render_attr_num(kn, "weight", k->weight);
	render_attr_num(kn, "confidence", k->confidence);
	render_attr_u(kn, "version", k->version);
	if (k->state > KRS_ACTIVE && k->state < KRS__MAX)
		render_attr(kn, "state", okr_krstate_names[k->state]);
	view_score_attrs(kn, score);
	if (k->grade >= 0)
		render_attr_num(kn, "grade", k->grade);
	render_text(kn, "title", k->title);
	view_person_ref(v, kn, "owner", k->owner);
	if ((flags & VIEW_PERMS) && okr_kr_live(k->state)) {
		if (edit)
			render_attr(kn, "can-edit", "1");
		if (checkin)
			render_attr(kn, "can-checkin", "1");
	}
	if (flags & VIEW_HINTS) {
		int h = okr_kr_hints(k->title);

		if (h & HINT_NUMBER)
			render_attr(xmlNewChild(kn, NULL, BAD_CAST "hint", NULL), "key", "hint.kr.number");
		if (h & HINT_DATE)
			render_attr(xmlNewChild(kn, NULL, BAD_CAST "hint", NULL), "key", "hint.kr.date");
	}
	if (ho != NULL) {
		struct health_kr hk = { .kind = k->kind, .state = k->state,
		    .score = score, .due = k->due,
		    .last = k->updated_at != 0 ? okr_day_of(k->updated_at) : 0,
		    .owned = view_person(v, k->owner) != NULL };
		struct health_why w;

		view_flags(kn, health_kr(ho, &hk, okr_today(), &w), &w);
	}
	if ((flags & (VIEW_CHECKINS | VIEW_TREND)) &&
	    (rc = view_checkins(v, kn, k, (flags & VIEW_CHECKINS) != 0)) != 0)
		return rc;
	if ((flags & VIEW_ALIGNED) && (rc = view_aligned(v, kn, k->id)) != 0)
		return rc;
	return 0;
}

/* Naming a card by what it is made of before building it
 * (render_card_named()): every field of every record view_objective()
 * reads for it, shown or not, and what it decided from them.  A field
 * added to struct objective, kr, unit, person or cycle is added here. */
static render_sum
sum_u64s(render_sum h, const int64_t *f, size_t n)
{
	return render_sum_add(h, f, n * sizeof(*f));
}

static render_sum
sum_double(render_sum h, double d)
{
	return render_sum_add(h, &d, sizeof(d));
}

static render_sum
sum_person(render_sum h, const struct person *p)
{
	int64_t f[5] = { -1, 0, 0, 0, 0 };

	if (p != NULL) {
		f[0] = p->id;
		f[1] = p->version;
		f[2] = p->unit;
		f[3] = p->manager;
		f[4] = p->role;
	}
	h = sum_u64s(h, f, 5);
	if (p == NULL)
		return h;
	return render_sum_str(render_sum_str(h, p->login), p->name);
}

static render_sum
sum_records(struct view *v, const struct objective *o, const struct unit *u,
    const struct cycle *cy, const struct kr *k, size_t n)
{
	const int64_t of[] = { o->id, o->cycle, o->unit, o->owner, o->parent_kr,
	    o->carried_from, o->carried_to, o->level, o->state, o->version,
	    o->created_by, o->updated_by, o->created_at, o->updated_at, (int64_t)n };
	render_sum h = render_sum_str(0, "objective");
	size_t i;

	h = sum_u64s(h, of, sizeof(of) / sizeof(of[0]));
	h = render_sum_str(render_sum_str(h, o->title), o->description);
	if (u != NULL) {
		const int64_t uf[] = { u->id, u->version, u->parent, u->level, u->lead };

		h = render_sum_str(sum_u64s(h, uf, 5), u->name);
	} else
		h = render_sum_str(h, "no unit");
	if (cy != NULL) {
		const int64_t cf[] = { cy->id, cy->version, cy->start, cy->end, cy->state };

		h = render_sum_str(sum_u64s(h, cf, 5), cy->name);
	} else
		h = render_sum_str(h, "no cycle");
	h = sum_person(h, view_person(v, o->owner));
	for (i = 0; i < n; i++) {
		const int64_t kf[] = { k[i].id, k[i].objective, k[i].owner, k[i].kind,
		    k[i].direction, k[i].due, k[i].version, k[i].updated_at,
		    k[i].state, k[i].carried_from };

		h = sum_u64s(h, kf, sizeof(kf) / sizeof(kf[0]));
		h = sum_double(sum_double(sum_double(h, k[i].start), k[i].target),
		    k[i].current);
		h = sum_double(sum_double(sum_double(h, k[i].weight),
		    k[i].confidence), k[i].grade);
		h = render_sum_str(render_sum_str(h, k[i].title), k[i].unit_label);
		h = sum_person(h, view_person(v, k[i].owner));
	}
	return h;
}

/* The flags of a card render_card_named() may name by sum_records(): what
 * view_objective() reads for them is what sum_records() takes. */
#define VIEW_NAMED	(VIEW_KRS | VIEW_PERMS)

static const struct cycle *view_next_cycle(struct view *,
    const struct objective *, double, size_t);

/* What the health rules read of o (health.h). */
static void
view_health_obj(struct view *v, const struct objective *o,
    const struct cycle *cy, size_t live, double score, struct health_obj *ho)
{
	memset(ho, 0, sizeof(*ho));
	ho->level = o->level;
	ho->state = o->state;
	ho->cstate = cy != NULL ? (int)cy->state : -1;
	ho->cstart = cy != NULL ? cy->start : 0;
	ho->cend = cy != NULL ? cy->end : 0;
	ho->created = o->created_at != 0 ? okr_day_of(o->created_at) : 0;
	ho->aligned = o->parent_kr != 0;
	ho->owned = view_person(v, o->owner) != NULL;
	ho->live_krs = live;
	ho->score = score;
}

int
view_objective(struct view *v, xmlNodePtr parent, const struct objective *o,
    unsigned flags, double *score)
{
	xmlNodePtr on = xmlNewChild(parent, NULL, BAD_CAST "objective", NULL);
	const struct unit *u = view_unit(v, o->unit);
	const struct cycle *cy, *next = NULL;
	struct kr *k;
	struct health_obj ho;
	unsigned char *may = NULL;
	size_t i, n, live;
	int rc, edit = 0, propose = 0, checkin = 0;

	if ((rc = store_krs_by_objective(v->st, &v->r->ar, o->id, &k, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	*score = krs_score(k, n, &v->r->ar);
	live = view_live_krs(k, n);
	cy = view_cycle(v, o->cycle);
	/* What the user may do with it, decided before anything is shown. */
	if (flags & VIEW_PERMS) {
		edit = o->state != OBJ_ARCHIVED && view_may(v, PERM_EDIT_OBJECTIVE, o->id);
		/* A department head proposes KRs under a draft of the level above. */
		propose = !edit && o->state == OBJ_DRAFT && view_may(v, PERM_ADD_KR, o->id);
		next = view_next_cycle(v, o, *score, live);
		may = arena_alloc(&v->r->ar, n + 1);
		for (i = 0; i < n; i++)
			may[i] = okr_kr_live(k[i].state) &&
			    (edit || view_may(v, PERM_CHECKIN, k[i].id));
	}
	render_attr_u(on, "id", o->id);
	/* A card kept under the name of what it shows stands for it whole. */
	if (v->named_cards && (flags & ~VIEW_NAMED) == 0) {
		render_sum h = sum_records(v, o, u, cy, k, n);
		const int64_t d[] = { flags, edit, propose, next != NULL ? next->id : 0 };

		h = render_sum_add(h, d, sizeof(d));
		if (may != NULL)
			h = render_sum_add(h, may, n);
		if (render_card_named(v->r, on, h))
			return 0;
	}
	render_attr(on, "level", okr_level_names[o->level]);
	render_attr(on, "state", okr_ostate_names[o->state]);
	render_attr_u(on, "version", o->version);
	view_score_attrs(on, *score);
	render_attr_u(on, "krs", live);
	view_unscored(on, o->state, cy != NULL ? (int)cy->state : -1);
	if (cy != NULL)
		render_attr(on, "cycle", cy->name);
	render_text(on, "title", o->title);
	if (o->description != NULL && *o->description != '\0')
		render_text(on, "description", o->description);
	if (u != NULL)
		view_unit_ref(on, "unit", u);
	view_person_ref(v, on, "owner", o->owner);
	if (edit) {
		render_attr(on, "can-edit", "1");
		/* At the quarterly review the objective is fixed, its KRs
		 * are not: the pages offer no edit or archive of it. */
		if (cy != NULL && cy->state == CYCLE_REVIEW)
			render_attr(on, "fixed", "review");
	} else if (propose)
		render_attr(on, "can-propose", "1");
	if (next != NULL)
		render_attr(on, "next-cycle", next->name);
	if (flags & VIEW_HEALTH) {
		struct health_why w;

		view_health_obj(v, o, cy, live, *score, &ho);
		view_flags(on, health_objective(&ho, &w), &w);
	}
	if ((flags & VIEW_PARENT) && o->parent_kr != 0 &&
	    (rc = view_parent(v, on, o->parent_kr)) != 0)
		return rc;
	if (flags & VIEW_PARENT) {
		view_carried(v, on, "carried-from", o->carried_from);
		view_carried(v, on, "carried-to", o->carried_to);
	}
	if (flags & VIEW_KRS)
		for (i = 0; i < n; i++) {
			if ((rc = view_kr(v, on, &k[i], flags, edit,
			    may != NULL && may[i], flags & VIEW_HEALTH ? &ho : NULL)) != 0)
				return rc;
			view_unscored(on->last, o->state, cy != NULL ? (int)cy->state : -1);
			if (xmlHasProp(on->last, BAD_CAST "can-checkin"))
				checkin = 1;
		}
	if (checkin)
		render_attr(on, "can-checkin", "1");
	return 0;
}

/* The cycle after o's, when o could be carried over into it: the user
 * may edit o (or owns it), it is unfinished and not carried yet, and
 * that cycle is open; else NULL. */
static const struct cycle *
view_next_cycle(struct view *v, const struct objective *o, double score,
    size_t nkrs)
{
	const struct cycle *mine = NULL, *next = NULL;
	size_t i;

	if (v->r->me == NULL || (nkrs > 0 && okr_pct(score) == 100) ||
	    o->state == OBJ_ARCHIVED || o->carried_to != 0)
		return NULL;
	mine = view_cycle(v, o->cycle);
	for (i = 0; mine != NULL && i < v->ncycles; i++)
		if (v->cycles[i].start > mine->start &&
		    (next == NULL || v->cycles[i].start < next->start))
			next = &v->cycles[i];
	if (next == NULL || next->state == CYCLE_CLOSED)
		return NULL;
	return view_may_carry(v, o) ? next : NULL;
}

int
view_may_carry(struct view *v, const struct objective *o)
{
	return v->r->me != NULL && (o->owner == v->r->me->id ||
	    v->r->me->role == ROLE_ADMIN ||
	    view_may(v, PERM_ADD_UNIT_OBJECTIVE, o->unit));
}

/* The history of an objective and its KRs, newest first. */
static int
view_history(struct view *v, xmlNodePtr page, uint32_t id)
{
	struct change *c;
	const struct person *p;
	xmlNodePtr hn, cn;
	size_t i, n;
	int rc;

	if ((rc = store_history_by_objective(v->st, &v->r->ar, id, &c, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	hn = xmlNewChild(page, NULL, BAD_CAST "history", NULL);
	for (i = n; i-- > 0;) {
		cn = xmlNewChild(hn, NULL, BAD_CAST "change", NULL);
		view_when(cn, c[i].at);
		if ((p = view_person(v, c[i].by)) != NULL) {
			render_attr(cn, "by", p->login);
			render_attr(cn, "by-name", p->name);
		}
		render_attr(cn, "record", store_rtype_names[store_change_rtype(&c[i])]);
		render_attr_u(cn, "record-id", c[i].record_id);
		render_attr(cn, "field", c[i].field);
		render_text(cn, "old", c[i].old_value);
		render_text(cn, "new", c[i].new_value);
	}
	return 0;
}

/* <comment> elements, oldest first; with_objective names the objective
 * (the inbox). */
static void
view_comment_list(struct view *v, xmlNodePtr parent, struct comment *c,
    size_t n, int newest_first, int with_objective)
{
	const struct person *p;
	struct objective o;
	xmlNodePtr cn;
	size_t i, j;

	for (j = 0; j < n; j++) {
		i = newest_first ? n - 1 - j : j;
		cn = xmlNewChild(parent, NULL, BAD_CAST "comment", NULL);
		render_attr_u(cn, "id", c[i].id);
		view_when(cn, c[i].at);
		if ((p = view_person(v, c[i].author)) != NULL) {
			render_attr(cn, "author", p->login);
			render_attr(cn, "author-name", p->name);
		}
		render_attr(cn, "kind", c[i].kind == COMMENT_PROPOSAL ? "proposal" : "comment");
		if (with_objective && store_objective_get(v->st, &v->r->ar,
		    c[i].objective, &o) == STORE_OK) {
			render_attr_u(cn, "objective", o.id);
			render_text(cn, "objective-title", o.title);
		}
		render_text(cn, "text", c[i].text);
		if (v->mark_new && c[i].id > v->seen && c[i].author != v->r->me->id)
			render_attr(cn, "new", "1");
	}
}

int
view_inbox(struct view *v, xmlNodePtr page, uint32_t person)
{
	struct comment *c;
	size_t n;
	int rc;

	if ((rc = store_comments_for_owner(v->st, &v->r->ar, person, &c, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	view_comment_list(v, xmlNewChild(page, NULL, BAD_CAST "inbox", NULL), c, n, 1, 1);
	return 0;
}

/* The units whose meetings and action items concern a person of unit:
 * it and those above it, the company last; *n of them. */
static uint32_t *
view_units_up(struct view *v, uint32_t unit, size_t *n)
{
	uint32_t *up = arena_alloc(&v->r->ar, OKR_MAX_DEPTH * sizeof(*up));
	const struct unit *u;

	for (*n = 0; unit != 0 && *n < OKR_MAX_DEPTH &&
	    (u = view_unit(v, unit)) != NULL; unit = u->parent)
		up[(*n)++] = unit;
	return up;
}

/* KRs the person owns that owe a check-in (health_silent() at
 * view_checkin_days), each with its objective. */
static int
owed_checkins(struct view *v, xmlNodePtr in, const struct person *me,
    int32_t today, int *count)
{
	const struct cycle *cy;
	struct objective *o;
	struct kr *k;
	size_t i, n;
	int rc, days;

	if ((rc = store_krs_by_owner(v->st, &v->r->ar, me->id, &k, &o, &n)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct health_obj ho;
		struct health_kr hk = { .kind = k[i].kind, .state = k[i].state,
		    .due = k[i].due, .owned = 1,
		    .last = k[i].updated_at != 0 ? okr_day_of(k[i].updated_at) : 0 };
		xmlNodePtr e;

		if ((cy = view_cycle(v, o[i].cycle)) == NULL)
			continue;
		view_health_obj(v, &o[i], cy, 0, 0, &ho);
		if ((days = health_silent(&ho, &hk, today, view_checkin_days)) == 0)
			continue;
		(*count)++;
		if (in == NULL)
			continue;
		e = xmlNewChild(in, NULL, BAD_CAST "checkin", NULL);
		render_attr_u(e, "kr", k[i].id);
		render_attr_u(e, "objective", o[i].id);
		render_attr_u(e, "days", (unsigned long)days);
		if (k[i].updated_at == 0)
			render_attr(e, "never", "1");
		render_attr(e, "cycle", cy->name);
		render_text(e, "title", k[i].title);
		render_text(e, "objective-title", o[i].title);
	}
	return 0;
}

/* Open action items the person owns, due by the end of this week (or
 * overdue), in the units that concern them. */
static int
owed_actions(struct view *v, xmlNodePtr in, const struct person *me,
    const uint32_t *up, size_t nup, int32_t today, int *count)
{
	int32_t sunday = okr_monday(today) + 6;
	struct action *a;
	size_t i, j, n;
	int rc;

	for (j = 0; j < nup; j++) {
		if ((rc = store_actions_by_unit(v->st, &v->r->ar, up[j], &a, &n)) != STORE_OK)
			return rc;
		for (i = 0; i < n; i++) {
			xmlNodePtr e;

			if (a[i].owner != me->id || a[i].state != ACTION_OPEN ||
			    a[i].due == 0 || a[i].due > sunday)
				continue;
			(*count)++;
			if (in == NULL)
				continue;
			e = xmlNewChild(in, NULL, BAD_CAST "action", NULL);
			render_attr_u(e, "id", a[i].id);
			render_attr_u(e, "unit", a[i].unit);
			if (a[i].meeting != 0)
				render_attr_u(e, "meeting", a[i].meeting);
			render_attr(e, "due", view_day(v->r, a[i].due));
			if (a[i].due < today)
				render_attr(e, "overdue", "1");
			render_text(e, "title", a[i].title);
		}
	}
	return 0;
}

/* Meetings the person attends (of their unit and those above it) that
 * are planned from today on, all-hands awareness meetings open that they
 * have not acknowledged, and consensus meetings open with items they are
 * to sign off. */
static int
owed_meetings(struct view *v, xmlNodePtr in, const struct person *me,
    const uint32_t *up, size_t nup, int32_t today, int *count)
{
	struct meeting *m;
	size_t i, j, n;
	int rc;

	for (j = 0; j < nup; j++) {
		if ((rc = store_meetings_by_unit(v->st, &v->r->ar, up[j], &m, &n)) != STORE_OK)
			return rc;
		for (i = 0; i < n; i++) {
			int ack = m[i].type == MEET_AWARENESS && m[i].state == MEET_OPEN &&
			    !okr_listed(m[i].present, me->login);
			size_t open = 0;
			xmlNodePtr e;

			/* An open consensus meeting asks sign-offs of those
			 * present and of the leads of its unit and the units
			 * just below, while it has items to decide. */
			if (m[i].type == MEET_CONSENSUS && m[i].state == MEET_OPEN &&
			    (okr_listed(m[i].present, me->login) ||
			    (me->role >= ROLE_LEAD && j <= 1 && view_unit(v, up[0]) != NULL &&
			    view_unit(v, up[0])->lead == me->id)) &&
			    meet_consensus_open(v, &m[i], &open) != 0)
				return STORE_ERR;
			if (!ack && open == 0 &&
			    !(m[i].state == MEET_PLANNED && m[i].day >= today))
				continue;
			(*count)++;
			if (in == NULL)
				continue;
			e = xmlNewChild(in, NULL, BAD_CAST "meeting", NULL);
			render_attr_u(e, "id", m[i].id);
			render_attr(e, "type", store_mtype_names[m[i].type]);
			render_attr(e, "state", store_mstate_names[m[i].state]);
			render_attr(e, "day", view_day(v->r, m[i].day));
			if (ack)
				render_attr(e, "ack", "1");
			if (open > 0)
				render_attr_u(e, "open", (unsigned long)open);
			render_text(e, "title", m[i].title);
			view_unit_ref(e, "unit", view_unit(v, m[i].unit));
		}
	}
	return 0;
}

/* For the lead of a department: the company's draft objectives of a
 * cycle not closed under which they have proposed no KR yet (the
 * method: departments propose the KRs of the company's objectives). */
static int
owed_drafts(struct view *v, xmlNodePtr in, const struct person *me,
    const uint32_t *up, size_t nup, int *count)
{
	const struct unit *mine = nup > 0 ? view_unit(v, up[0]) : NULL;
	struct objective *o;
	struct kr *k;
	size_t c, i, j, n, nk;
	int rc, proposed;

	if (mine == NULL || mine->level != LEVEL_DEPARTMENT || mine->lead != me->id)
		return 0;
	for (c = 0; c < v->ncycles; c++) {
		if (v->cycles[c].state == CYCLE_CLOSED)
			continue;
		if ((rc = store_objectives_by_cycle_unit(v->st, &v->r->ar,
		    v->cycles[c].id, up[nup - 1], &o, &n)) != STORE_OK)
			return rc;
		for (i = 0; i < n; i++) {
			xmlNodePtr e;

			if (o[i].level != LEVEL_COMPANY || o[i].state != OBJ_DRAFT)
				continue;
			if ((rc = store_krs_by_objective(v->st, &v->r->ar, o[i].id,
			    &k, &nk)) != STORE_OK)
				return rc;
			for (proposed = 0, j = 0; j < nk; j++)
				proposed |= k[j].owner == me->id;
			if (proposed)
				continue;
			(*count)++;
			if (in == NULL)
				continue;
			e = xmlNewChild(in, NULL, BAD_CAST "draft", NULL);
			render_attr_u(e, "objective", o[i].id);
			render_attr(e, "cycle", v->cycles[c].name);
			render_text(e, "title", o[i].title);
		}
	}
	return 0;
}

/* The comments and proposals on the person's objectives since they last
 * marked them read, by others; in the inbox page (in), the comment list
 * marks them. */
static int
owed_comments(struct view *v, xmlNodePtr in, const struct person *me, int *count)
{
	struct comment *c;
	size_t i, n;
	uint32_t seen;
	int rc, news = 0;

	if ((rc = store_inbox_seen(v->st, me->id, &seen)) != STORE_OK ||
	    (rc = store_comments_for_owner(v->st, &v->r->ar, me->id, &c, &n)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++)
		news += c[i].id > seen && c[i].author != me->id;
	/* One entry to settle (read them, mark them read), however many. */
	*count += news > 0;
	if (in == NULL)
		return STORE_OK;
	v->mark_new = 1;
	v->seen = seen;
	if (news > 0)
		render_attr_u(xmlNewChild(in, NULL, BAD_CAST "comments", NULL), "new",
		    (unsigned long)news);
	return STORE_OK;
}

/* Whether person p has checked in since monday on a KR at work they
 * own (1) or not (0); -1 when they own none, or on a store error (*rc). */
static int
checked_in_since(struct view *v, const struct person *p, int32_t monday,
    int *rc)
{
	const struct cycle *cy;
	struct objective *o;
	struct kr *k;
	size_t i, n;
	int some = -1;

	*rc = store_krs_by_owner(v->st, &v->r->ar, p->id, &k, &o, &n);
	if (*rc != STORE_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if (!okr_kr_live(k[i].state) || o[i].state == OBJ_DRAFT ||
		    o[i].state == OBJ_ARCHIVED || (cy = view_cycle(v, o[i].cycle)) == NULL ||
		    cy->state != CYCLE_ACTIVE)
			continue;
		if (k[i].updated_at != 0 && okr_day_of(k[i].updated_at) >= monday)
			return 1;
		some = 0;
	}
	return some;
}

/* For a unit's lead: per unit (theirs, by its own members, and each unit
 * directly below it, by everyone in it and below), who owns KRs at work
 * and has not checked in on any since Monday: counts and names, in the
 * directory's order, never ranked.  Told, not owed: not counted. */
static int
owed_team(struct view *v, xmlNodePtr in, const struct person *me, int32_t today)
{
	const struct unit *mine = view_unit(v, me->unit);
	int32_t monday = okr_monday(today);
	xmlNodePtr team, g;
	struct person *p;
	size_t i, j, n;
	int rc, done;

	if (mine == NULL || mine->lead != me->id)
		return STORE_OK;
	if (view_units_all(v) != 0)
		return STORE_ERR;
	team = xmlNewChild(in, NULL, BAD_CAST "team", NULL);
	render_attr(team, "since", view_day(v->r, monday));
	/* Group 0: the lead's own unit; then each unit below it. */
	for (i = 0; i <= v->nunits; i++) {
		const struct unit *top = i == 0 ? mine : &v->units[i - 1];
		int people = 0, missing = 0;

		if (i > 0 && top->parent != mine->id)
			continue;
		g = xmlNewChild(team, NULL, BAD_CAST "group", NULL);
		view_unit_ref(g, "unit", top);
		for (j = 0; j < (i == 0 ? 1 : v->nunits); j++) {
			const struct unit *u = i == 0 ? mine : &v->units[j];
			size_t k;

			if (i > 0 && !view_unit_within(v, u->id, top->id))
				continue;
			if ((rc = store_people_in_unit(v->st, &v->r->ar, u->id, &p, &n)) != STORE_OK)
				return rc;
			for (k = 0; k < n; k++) {
				if ((done = checked_in_since(v, &p[k], monday, &rc)) < 0) {
					if (rc != STORE_OK)
						return rc;
					continue;
				}
				people++;
				if (done)
					continue;
				missing++;
				view_person_ref(v, g, "person", p[k].id);
			}
		}
		render_attr_u(g, "people", (unsigned long)people);
		render_attr_u(g, "missing", (unsigned long)missing);
	}
	return STORE_OK;
}

/* Every entry the person owes into in (NULL: counted only); a store
 * status. */
static int
owed_all(struct view *v, xmlNodePtr in, int *count)
{
	const struct person *me = v->r->me;
	int32_t today = okr_today();
	uint32_t *up;
	size_t nup;
	int rc;

	*count = 0;
	up = view_units_up(v, me->unit, &nup);
	if ((rc = owed_checkins(v, in, me, today, count)) != STORE_OK ||
	    (rc = owed_actions(v, in, me, up, nup, today, count)) != STORE_OK ||
	    (rc = owed_meetings(v, in, me, up, nup, today, count)) != STORE_OK ||
	    (rc = owed_drafts(v, in, me, up, nup, count)) != STORE_OK)
		return rc;
	return owed_comments(v, in, me, count);
}

int
view_owed_checkins(struct view *v, const struct person *p, int *count)
{
	*count = 0;
	return owed_checkins(v, NULL, p, okr_today(), count);
}

int
view_owed(struct view *v, xmlNodePtr page, int *count)
{
	xmlNodePtr in = xmlNewChild(page, NULL, BAD_CAST "owed", NULL);
	int rc;

	*count = 0;
	if (v->r->me == NULL)
		return 0;
	render_attr_u(in, "checkin-days", (unsigned long)view_checkin_days);
	if ((rc = owed_all(v, in, count)) != STORE_OK ||
	    (rc = owed_team(v, in, v->r->me, okr_today())) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	render_attr_u(in, "count", (unsigned long)*count);
	render_attr_u(xmlNewChild(page, NULL, BAD_CAST "owed-count", NULL), "n",
	    (unsigned long)*count);
	return 0;
}

int
view_objective_page(struct view *v, uint32_t id, xmlNodePtr *pagep)
{
	struct objective o;
	struct comment *c;
	xmlNodePtr page, cn;
	double s;
	size_t n;
	int rc;

	*pagep = NULL;
	if ((rc = store_objective_get(v->st, &v->r->ar, id, &o)) != STORE_OK)
		return worker_fail(v->r, rc, "err.objective");
	view_select(v, o.cycle);
	if ((page = view_page(v, "objective")) == NULL)
		return 500;
	if ((rc = view_objective(v, page, &o, VIEW_KRS | VIEW_CHECKINS |
	    VIEW_ALIGNED | VIEW_PARENT | VIEW_PERMS | VIEW_HINTS | VIEW_HEALTH, &s)) != 0 ||
	    (rc = view_history(v, page, id)) != 0 ||
	    (rc = store_comments_by_objective(v->st, &v->r->ar, id, &c, &n)) != STORE_OK) {
		render_page_drop(v->r, page);
		return rc < 100 ? worker_fail(v->r, rc, NULL) : rc;
	}
	cn = xmlNewChild(page, NULL, BAD_CAST "comments", NULL);
	view_comment_list(v, cn, c, n, 0, 0);
	/* The form is offered where the store takes a comment. */
	if (view_may(v, PERM_COMMENT, id))
		render_attr(cn, "can-add", "1");
	*pagep = page;
	return 0;
}

size_t view_feed_max = 100000;
int view_checkin_days = 7;
int view_checkin_remind = 10 * 60;
