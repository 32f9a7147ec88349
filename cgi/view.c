/* view.c: records into page documents (see view.h and xslt/README.md). */
#include <string.h>

#include "arena.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "view.h"

int
view_status(int s)
{
	switch (s) {
	case STORE_OK:
		return 0;
	case STORE_NOTFOUND:
		return 404;
	case STORE_CONFLICT:
		return 409;
	case STORE_INVALID:
		return 400;
	case STORE_NEEDRECOVERY:
		return 503;
	default:
		return 500;
	}
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
		return view_status(rc);
	if (r->val[KEY_CYCLE] != NULL) {
		for (i = 0; i < v->ncycles; i++)
			if (strcmp(v->cycles[i].name, r->val[KEY_CYCLE]) == 0)
				v->sel = &v->cycles[i];
		if (v->sel == NULL) {
			r->errkey = "err.cycle";
			return 404;
		}
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
	return rc == STORE_NOTFOUND ? 0 : view_status(rc);
}

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
	return page;
}

const struct person *
view_person(struct view *v, uint32_t id)
{
	size_t i;

	if (id == 0)
		return NULL;
	for (i = 0; i < v->npeople; i++)
		if (v->people[i].id == id)
			return &v->people[i];
	if (v->npeople == v->cappeople) {
		size_t cap = v->cappeople ? v->cappeople * 2 : 16;
		struct person *p = arena_alloc(&v->r->ar, cap * sizeof(*p));

		if (v->npeople)
			memcpy(p, v->people, v->npeople * sizeof(*p));
		v->people = p;
		v->cappeople = cap;
	}
	if (store_person_get(v->st, &v->r->ar, id, &v->people[v->npeople]) != STORE_OK)
		return NULL;
	return &v->people[v->npeople++];
}

const struct unit *
view_unit(struct view *v, uint32_t id)
{
	size_t i;

	if (v->units == NULL &&
	    store_units_all(v->st, &v->r->ar, &v->units, &v->nunits) != STORE_OK)
		return NULL;
	for (i = 0; i < v->nunits; i++)
		if (v->units[i].id == id)
			return &v->units[i];
	return NULL;
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
	size_t i;

	if (n == 0)
		return 0;
	s = arena_alloc(ar, n * sizeof(*s));
	w = arena_alloc(ar, n * sizeof(*w));
	for (i = 0; i < n; i++) {
		s[i] = okr_kr_score(k[i].kind, k[i].direction, k[i].start,
		    k[i].target, k[i].current);
		w[i] = k[i].weight;
	}
	return okr_weighted_score(s, w, n);
}

int
view_score(struct view *v, const struct objective *o, double *score)
{
	struct kr *k;
	size_t n;
	int rc;

	if ((rc = store_krs_by_objective(v->st, &v->r->ar, o->id, &k, &n)) != STORE_OK)
		return view_status(rc);
	*score = krs_score(k, n, &v->r->ar);
	return 0;
}

static int
view_checkins(struct view *v, xmlNodePtr kn, uint32_t kr)
{
	struct checkin *c;
	size_t i, n;
	char buf[21];
	xmlNodePtr cn;
	const struct person *p;
	int rc;

	if ((rc = store_checkins_by_kr(v->st, &v->r->ar, kr, &c, &n)) != STORE_OK)
		return view_status(rc);
	for (i = 0; i < n; i++) {
		cn = xmlNewChild(kn, NULL, BAD_CAST "checkin", NULL);
		okr_time_format(c[i].at, buf);
		render_attr(cn, "at", buf);
		buf[10] = '\0';
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
		return view_status(rc);
	al = xmlNewChild(kn, NULL, BAD_CAST "aligned", NULL);
	for (i = 0; i < n; i++)
		if (o[i].state != OBJ_ARCHIVED &&
		    (rc = view_objective(v, al, &o[i], 0, &s)) != 0)
			return rc;
	return 0;
}

static int
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

static int
view_kr(struct view *v, xmlNodePtr on, const struct kr *k, unsigned flags)
{
	xmlNodePtr kn = xmlNewChild(on, NULL, BAD_CAST "kr", NULL);
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
	view_score_attrs(kn, okr_kr_score(k->kind, k->direction, k->start,
	    k->target, k->current));
	render_text(kn, "title", k->title);
	view_person_ref(v, kn, "owner", k->owner);
	if ((flags & VIEW_CHECKINS) && (rc = view_checkins(v, kn, k->id)) != 0)
		return rc;
	if ((flags & VIEW_ALIGNED) && (rc = view_aligned(v, kn, k->id)) != 0)
		return rc;
	return 0;
}

int
view_objective(struct view *v, xmlNodePtr parent, const struct objective *o,
    unsigned flags, double *score)
{
	xmlNodePtr on = xmlNewChild(parent, NULL, BAD_CAST "objective", NULL), un;
	const struct unit *u = view_unit(v, o->unit);
	struct kr *k;
	size_t i, n;
	int rc;

	if ((rc = store_krs_by_objective(v->st, &v->r->ar, o->id, &k, &n)) != STORE_OK)
		return view_status(rc);
	*score = krs_score(k, n, &v->r->ar);
	render_attr_u(on, "id", o->id);
	render_attr(on, "level", okr_level_names[o->level]);
	render_attr(on, "state", okr_ostate_names[o->state]);
	render_attr_u(on, "version", o->version);
	view_score_attrs(on, *score);
	render_attr_u(on, "krs", n);
	for (i = 0; i < v->ncycles; i++)
		if (v->cycles[i].id == o->cycle)
			render_attr(on, "cycle", v->cycles[i].name);
	render_text(on, "title", o->title);
	if (o->description != NULL && *o->description != '\0')
		render_text(on, "description", o->description);
	if (u != NULL) {
		un = xmlNewChild(on, NULL, BAD_CAST "unit", NULL);
		render_attr_u(un, "id", u->id);
		render_attr(un, "name", u->name);
		render_attr(un, "level", okr_level_names[u->level]);
	}
	view_person_ref(v, on, "owner", o->owner);
	if ((flags & VIEW_PARENT) && o->parent_kr != 0 &&
	    (rc = view_parent(v, on, o->parent_kr)) != 0)
		return rc;
	if (flags & VIEW_KRS)
		for (i = 0; i < n; i++)
			if ((rc = view_kr(v, on, &k[i], flags)) != 0)
				return rc;
	return 0;
}
