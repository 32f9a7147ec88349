/* okr-read: the read pages of Mubiao (home, unit, person, objective,
 * alignment tree), the language switch, and the feeds other systems read
 * (XML, Atom, CSV; see xmlio.h).  Opens the store read-only.
 * Runs as a FastCGI worker under mubiao-super, or once as plain CGI. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "store.h"
#include "view.h"
#include "worker.h"
#include "xmlio.h"

static struct store *st;

/* Keeps an objective list to the live objectives of the given levels. */
static size_t
keep_levels(struct objective *o, size_t n, unsigned levels)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if ((levels & (1u << o[i].level)) && o[i].state != OBJ_ARCHIVED)
			o[m++] = o[i];
	return m;
}

#define UNIT_LEVELS	((1u << LEVEL_COMPANY) | (1u << LEVEL_DEPARTMENT) | \
			 (1u << LEVEL_TEAM))

/* Appends the unit's own objectives in the selected cycle; returns the
 * mean of their scores in *mean (0 when none). */
static int
unit_objectives(struct view *v, xmlNodePtr page, uint32_t unit,
    unsigned flags, double *mean)
{
	struct objective *o;
	size_t i, n;
	double s, sum = 0;
	int rc;

	*mean = 0;
	if (v->sel == NULL)
		return 0;
	if ((rc = store_objectives_by_cycle_unit(st, &v->r->ar, v->sel->id, unit,
	    &o, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	n = keep_levels(o, n, UNIT_LEVELS);
	for (i = 0; i < n; i++) {
		if ((rc = view_objective(v, page, &o[i], flags, &s)) != 0)
			return rc;
		sum += s;
	}
	*mean = n ? sum / (double)n : 0;
	return 0;
}

/* The company: the home page reads it alone, not every unit of a large
 * company. */
static const struct unit *
company(struct view *v)
{
	struct unit *u = arena_alloc(&v->r->ar, sizeof(*u));

	return store_company(v->st, &v->r->ar, u) == STORE_OK ? u : NULL;
}

static int
page_home(struct req *r)
{
	struct view v;
	const struct unit *co;
	struct unit *kids;
	size_t i, n;
	xmlNodePtr page, us;
	double mean;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if ((page = view_page(&v, r->route->sheet)) == NULL)
		return 500;
	v.named_cards = 1;	/* home.xsl: cards, and whether there are any */
	if ((co = company(&v)) != NULL) {
		view_unit_ref(page, "company", co);
		us = xmlNewChild(page, NULL, BAD_CAST "units", NULL);
		if ((rc = store_units_children(st, &r->ar, co->id, &kids, &n)) != STORE_OK)
			goto fail;
		for (i = 0; i < n; i++)
			view_unit_ref(us, "unit", &kids[i]);
		if ((rc = unit_objectives(&v, page, co->id, VIEW_KRS | VIEW_PERMS,
		    &mean)) != 0)
			goto fail;
	}
	return render_reply(r, page, 200);
fail:
	return rc < 100 ? worker_fail(r, rc, NULL) : rc;
}

static int
page_unit(struct req *r)
{
	struct view v;
	struct unit u, *kids;
	struct person *members;
	const struct unit *parent;
	size_t i, n;
	xmlNodePtr page, un, list, pn;
	double mean;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if ((rc = store_unit_get(st, &r->ar, r->id, &u)) != STORE_OK)
		return worker_fail(r, rc, "err.unit");
	if ((page = view_page(&v, r->route->sheet)) == NULL)
		return 500;
	un = view_unit_ref(page, "unit", &u);
	if ((parent = view_unit(&v, u.parent)) != NULL)
		view_unit_ref(un, "parent", parent);
	view_person_ref(&v, un, "lead", u.lead);
	list = xmlNewChild(un, NULL, BAD_CAST "children", NULL);
	if ((rc = store_units_children(st, &r->ar, u.id, &kids, &n)) != STORE_OK)
		goto fail;
	for (i = 0; i < n; i++)
		view_unit_ref(list, "unit", &kids[i]);
	list = xmlNewChild(un, NULL, BAD_CAST "members", NULL);
	if ((rc = store_people_in_unit(st, &r->ar, u.id, &members, &n)) != STORE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		pn = xmlNewChild(list, NULL, BAD_CAST "person", NULL);
		render_attr(pn, "login", members[i].login);
		render_attr(pn, "name", members[i].name);
		render_attr(pn, "role", okr_role_names[members[i].role]);
	}
	if ((rc = unit_objectives(&v, page, u.id, VIEW_KRS | VIEW_ALIGNED |
	    VIEW_PARENT | VIEW_PERMS | VIEW_HINTS | VIEW_HEALTH, &mean)) != 0)
		goto fail;
	view_score_attrs(un, mean);
	if (v.sel != NULL)
		view_unscored(un, OBJ_ACTIVE, v.sel->state);
	if (v.sel != NULL && okr_cycle_takes_objectives(v.sel->state) &&
	    view_may(&v, PERM_ADD_UNIT_OBJECTIVE, u.id))
		render_attr(un, "can-add", "1");
	return render_reply(r, page, 200);
fail:
	return rc < 100 ? worker_fail(r, rc, NULL) : rc;
}

/* The signed-in person's inbox: what they owe (view_owed()), then the
 * comments and proposals on their OKRs. */
static int
page_inbox(struct req *r)
{
	struct view v;
	xmlNodePtr page;
	int rc, n;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if ((page = view_page(&v, r->route->sheet)) == NULL)
		return 500;
	if ((rc = view_owed(&v, page, &n)) != 0 ||
	    (rc = view_inbox(&v, page, r->me->id)) != 0)
		return rc;
	return render_reply(r, page, 200);
}

static int
page_person(struct req *r)
{
	struct view v;
	struct person p;
	struct objective *o;
	const struct unit *u;
	size_t i, j, n, count;
	xmlNodePtr page, pn, hist, cn;
	double s, sum;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if ((rc = store_person_by_login(st, &r->ar, r->argstr, &p)) != STORE_OK)
		return worker_fail(r, rc, "err.person");
	if ((rc = store_objectives_by_owner(st, &r->ar, p.id, &o, &n)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if ((page = view_page(&v, r->route->sheet)) == NULL)
		return 500;
	pn = xmlNewChild(page, NULL, BAD_CAST "person", NULL);
	render_attr(pn, "login", p.login);
	render_attr(pn, "name", p.name);
	render_attr(pn, "role", okr_role_names[p.role]);
	if ((u = view_unit(&v, p.unit)) != NULL)
		view_unit_ref(pn, "unit", u);
	view_person_ref(&v, pn, "manager", p.manager);
	if (v.sel != NULL && okr_cycle_takes_objectives(v.sel->state) &&
	    view_may(&v, PERM_ADD_PERSONAL, p.id))
		render_attr(pn, "can-add", "1");
	/* Comments and proposals reach their owner on the owner's page. */
	if (r->me != NULL && r->me->id == p.id && (rc = view_inbox(&v, page, p.id)) != 0)
		return rc;
	hist = xmlNewChild(page, NULL, BAD_CAST "history", NULL);
	/* Newest cycle first: the past stays readable (transparency). */
	for (i = v.ncycles; i-- > 0;) {
		cn = NULL;
		sum = 0;
		count = 0;
		for (j = 0; j < n; j++) {
			if (o[j].cycle != v.cycles[i].id || o[j].state == OBJ_ARCHIVED)
				continue;
			if (cn == NULL) {
				cn = xmlNewChild(hist, NULL, BAD_CAST "cycle-okrs", NULL);
				render_attr(cn, "name", v.cycles[i].name);
				render_attr(cn, "state",
				    okr_cstate_names[v.cycles[i].state]);
			}
			if ((rc = view_objective(&v, cn, &o[j], VIEW_KRS |
			    VIEW_PARENT | VIEW_PERMS | VIEW_HEALTH, &s)) != 0)
				return rc;
			sum += s;
			count++;
		}
		if (cn != NULL) {
			view_score_attrs(cn, sum / (double)count);
			view_unscored(cn, OBJ_ACTIVE, v.cycles[i].state);
		}
	}
	return render_reply(r, page, 200);
}

static int
page_objective(struct req *r)
{
	struct view v;
	xmlNodePtr page;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0 ||
	    (rc = view_objective_page(&v, r->id, &page)) != 0)
		return rc;
	return render_reply(r, page, 200);
}

/* Sums of scores below a tree node, for the rolled-up score; partial
 * when a part below was left closed, so that no total is shown. */
struct roll {
	double	sum;
	size_t	count;
	int	partial;
};

/* A cycle of more objectives than this is a large company: its tree
 * opens a level at a time (a unit with units below it, or one of more
 * than TREE_OPEN_KIDS units side by side, is a link to its own tree). */
#define TREE_FULL	3000
#define TREE_OPEN_KIDS	50

static void
roll_attrs(struct view *v, xmlNodePtr n, const struct roll *t)
{
	if (t->partial) {
		render_attr(n, "partial", "1");
		return;
	}
	render_attr_u(n, "count", t->count);
	if (t->count > 0) {
		view_score_attrs(n, t->sum / (double)t->count);
		view_unscored(n, OBJ_ACTIVE, v->sel->state);
	}
}

/* One unit of the alignment tree: its objectives, its members who have
 * personal objectives, then its sub-units; depth guards a cycle in the
 * parent links of damaged data. */
static int
tree_node(struct view *v, xmlNodePtr parent, const struct unit *u,
    struct roll *up, int depth, int closed)
{
	struct objective *o;
	struct unit *kids;
	size_t i, j, n, nkids;
	xmlNodePtr node, pn;
	struct roll mine = { 0, 0, 0 }, person;
	const struct person *p;
	char *done;
	double s;
	int rc;

	if (depth >= OKR_MAX_DEPTH)
		return 0;
	node = view_unit_ref(parent, "node", u);
	render_attr(node, "kind", "unit");
	if ((rc = store_units_children(v->st, &v->r->ar, u->id, &kids, &nkids)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	/* In a large company, a link to its own tree. */
	if (closed || (v->big && depth > 0 && nkids > 0)) {
		render_attr(node, "closed", "1");
		up->partial = 1;
		return 0;
	}
	if ((rc = store_objectives_by_cycle_unit(v->st, &v->r->ar, v->sel->id,
	    u->id, &o, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	n = keep_levels(o, n, UNIT_LEVELS | (1u << LEVEL_PERSONAL));
	for (i = 0; i < n; i++) {
		if (o[i].level == LEVEL_PERSONAL)
			continue;
		if ((rc = view_objective(v, node, &o[i], 0, &s)) != 0)
			return rc;
		mine.sum += s;
		mine.count++;
	}
	/* Personal objectives, one node per owner in order of first
	 * appearance. */
	done = arena_alloc(&v->r->ar, n + 1);
	for (i = 0; i < n; i++) {
		if (o[i].level != LEVEL_PERSONAL || done[i])
			continue;
		p = view_person(v, o[i].owner);
		pn = xmlNewChild(node, NULL, BAD_CAST "node", NULL);
		render_attr(pn, "kind", "person");
		render_attr(pn, "login", p ? p->login : "");
		render_attr(pn, "name", p ? p->name : "");
		person.sum = 0;
		person.count = 0;
		person.partial = 0;
		for (j = i; j < n; j++) {
			if (o[j].level != LEVEL_PERSONAL || o[j].owner != o[i].owner)
				continue;
			if ((rc = view_objective(v, pn, &o[j], 0, &s)) != 0)
				return rc;
			person.sum += s;
			person.count++;
			done[j] = 1;
		}
		roll_attrs(v, pn, &person);
		mine.sum += person.sum;
		mine.count += person.count;
	}
	for (i = 0; i < nkids; i++)
		if ((rc = tree_node(v, node, &kids[i], &mine, depth + 1,
		    v->big && nkids > TREE_OPEN_KIDS)) != 0)
			return rc;
	roll_attrs(v, node, &mine);
	up->sum += mine.sum;
	up->count += mine.count;
	up->partial |= mine.partial;
	return 0;
}

/* The tree of the company, or of ?unit=.  A cycle of more than
 * TREE_FULL objectives opens a level at a time: whole, it would be
 * tens of megabytes. */
static int
page_tree(struct req *r)
{
	struct view v;
	const struct unit *co;
	xmlNodePtr page, tree;
	struct roll all = { 0, 0, 0 };
	size_t n;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if (r->val[KEY_UNIT] != NULL) {
		if ((co = view_unit(&v, r->ids[KEY_UNIT])) == NULL)
			return req_error(r, 404, "err.unit");
	} else
		co = company(&v);
	if (v.sel != NULL && (rc = store_count_children(st, REC_OBJECTIVE, v.sel->id,
	    TREE_FULL + 1, &n)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	v.big = v.sel != NULL && n > TREE_FULL;
	if ((page = view_page(&v, r->route->sheet)) == NULL)
		return 500;
	tree = xmlNewChild(page, NULL, BAD_CAST "tree", NULL);
	if (r->val[KEY_UNIT] != NULL && co != NULL)
		render_attr_u(tree, "unit", co->id);
	if (v.sel != NULL && co != NULL &&
	    (rc = tree_node(&v, tree, co, &all, 0, 0)) != 0)
		return rc;
	return render_reply(r, page, 200);
}

/* The visible language switch: remembers the choice in a cookie for a
 * year and goes back to the page it came from. */
static int
page_lang(struct req *r)
{
	const char *back = r->val[KEY_BACK];

	if (r->val[KEY_SET] == NULL)
		return 400;
	if (back == NULL || !req_local_path(r, back))
		back = arena_printf(&r->ar, "%s/", r->script);
	render_redirect(r, back, arena_printf(&r->ar,
	    "lang=%s; Path=%s/; Max-Age=31536000; SameSite=Lax; HttpOnly",
	    r->val[KEY_SET], r->script));
	return 0;
}

/* ------------------------------------------------------------- feeds */

/* Sends the export of scope/id through sheet: "export" (the XML itself),
 * "atom" or "csv".  since= keeps what changed after it; the answer
 * carries an ETag of its bytes and the time of the newest write, and a
 * client holding it gets 304. */
static int
feed(struct req *r, enum xscope scope, uint32_t id, const char *sheet,
    const char *filename)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	int64_t since = -1, modified;
	char stamp[21];
	int rc;

	/* req.c checked it: a real date and time. */
	if (r->val[KEY_SINCE] != NULL)
		okr_time_parse(r->val[KEY_SINCE], &since);
	if ((rc = xmlio_export(st, &r->ar, scope, id, since, view_feed_max, &doc,
	    &modified)) != STORE_OK)
		return worker_fail(r, rc, rc == STORE_TOOBIG ? "err.feed.toobig" : NULL);
	root = xmlDocGetRootElement(doc);
	if (strcmp(sheet, "atom") == 0 &&
	    (rc = xmlio_add_authors(st, &r->ar, doc)) != STORE_OK) {
		xmlFreeDoc(doc);
		return worker_fail(r, rc, NULL);
	}
	/* Atom and CSV link back to the pages: absolute when the host is
	 * known, the public URL behind a proxy.  The XML export stays as the
	 * schema describes it. */
	if (strcmp(sheet, "export") != 0) {
		render_attr(root, "href", r->public != NULL ? r->public :
		    arena_printf(&r->ar, "%s%s", r->origin != NULL ? r->origin : "",
		    r->script));
		render_attr(root, "lang", req_lang_names[r->lang]);
		okr_time_format(modified, stamp);
		render_attr(root, "updated", stamp);
	}
	r->validators = 1;
	r->modified = modified;
	r->download = filename;
	return render_send(r, root, sheet, 200) == 0 ? 0 : 500;
}

/* The id of what a feed is about, or a 404 in the user's language. */
static int
feed_target(struct req *r, enum rtype rtype, uint32_t *id)
{
	struct person p;
	void *rec;
	int rc;

	if (rtype == REC_PERSON) {
		if ((rc = store_person_by_login(st, &r->ar, r->argstr, &p)) != STORE_OK)
			return worker_fail(r, rc, "err.person");
		*id = p.id;
		return 0;
	}
	rec = arena_alloc(&r->ar, store_rec_size(rtype));
	if ((rc = store_get(st, &r->ar, rtype, r->id, rec)) != STORE_OK)
		return worker_fail(r, rc, rtype == REC_UNIT ? "err.unit" :
		    rtype == REC_OBJECTIVE ? "err.objective" : "err.meeting");
	*id = r->id;
	return 0;
}

/* The cycle of ?cycle= (else the current one), for the cycle feeds. */
static int
feed_cycle(struct req *r, uint32_t *id, const char **name)
{
	struct view v;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if (v.sel == NULL)
		return req_error(r, 404, "err.nocycle");
	*id = v.sel->id;
	*name = v.sel->name;
	return 0;
}

/* What a feed's scope is about: the kind of record its path names
 * (REC_CYCLE the cycle of ?cycle=, REC__MAX nothing). */
static enum rtype
feed_rtype(enum xscope scope)
{
	switch (scope) {
	case XS_CYCLE:
		return REC_CYCLE;
	case XS_UNIT:
	case XS_UNIT_TREE:
		return REC_UNIT;
	case XS_PERSON:
		return REC_PERSON;
	case XS_OBJECTIVE:
		return REC_OBJECTIVE;
	case XS_MEETING:
		return REC_MEETING;
	default:
		return REC__MAX;
	}
}

/* A feed route: its param is the scope it exports, its sheet "export"
 * (the XML itself), "atom" or "csv". */
static int
page_feed(struct req *r)
{
	enum xscope scope = (enum xscope)r->route->param;
	const char *sheet = r->route->sheet, *name = NULL;
	enum rtype rtype = feed_rtype(scope);
	int rc;
	uint32_t id = 0;

	if (scope == XS_UNIT && r->val[KEY_SUB] != NULL)
		scope = XS_UNIT_TREE;
	if (rtype == REC_CYCLE)
		rc = feed_cycle(r, &id, &name);
	else
		rc = rtype != REC__MAX ? feed_target(r, rtype, &id) : 0;
	if (rc != 0)
		return rc;
	return feed(r, scope, id, sheet, strcmp(sheet, "csv") == 0 ?
	    arena_printf(&r->ar, "mubiao-%s.csv", name) : NULL);
}

#define K(k)	KEYBIT(KEY_##k)
#define GET	METHOD_GET

/* Every page and feed: method, path, argument, keys, handler, sheet,
 * caller, and (feeds) the scope exported. */
static const struct route routes[] = {
	{ GET, "/", ARG_NONE, K(CYCLE), page_home, "home", WHO_ANYONE, 0 },
	{ GET, "/tree", ARG_NONE, K(CYCLE) | K(UNIT), page_tree, "tree", WHO_ANYONE, 0 },
	{ GET, "/unit/*", ARG_ID, K(CYCLE), page_unit, "unit", WHO_ANYONE, 0 },
	{ GET, "/person/*", ARG_LOGIN, K(CYCLE), page_person, "person", WHO_ANYONE, 0 },
	{ GET, "/objective/*", ARG_ID, K(CYCLE), page_objective, "objective",
	    WHO_ANYONE, 0 },
	{ GET, "/inbox", ARG_NONE, 0, page_inbox, "inbox", WHO_KNOWN, 0 },
	{ GET, "/lang", ARG_NONE, K(SET) | K(BACK), page_lang, NULL, WHO_ANYONE, 0 },
	{ GET, "/xml", ARG_NONE, K(SINCE), page_feed, "export", WHO_ANYONE, XS_ALL },
	{ GET, "/xml/cycle", ARG_NONE, K(CYCLE) | K(SINCE), page_feed, "export",
	    WHO_ANYONE, XS_CYCLE },
	/* ?sub=1: the units below too */
	{ GET, "/xml/unit/*", ARG_ID, K(SUB) | K(SINCE), page_feed, "export",
	    WHO_ANYONE, XS_UNIT },
	{ GET, "/xml/person/*", ARG_LOGIN, K(SINCE), page_feed, "export",
	    WHO_ANYONE, XS_PERSON },
	{ GET, "/xml/objective/*", ARG_ID, K(SINCE), page_feed, "export",
	    WHO_ANYONE, XS_OBJECTIVE },
	{ GET, "/xml/meeting/*", ARG_ID, K(SINCE), page_feed, "export",
	    WHO_ANYONE, XS_MEETING },
	/* Atom: check-ins and changes, newest first; a unit's with the
	 * units below. */
	{ GET, "/atom/unit/*", ARG_ID, 0, page_feed, "atom", WHO_ANYONE, XS_UNIT_TREE },
	{ GET, "/atom/person/*", ARG_LOGIN, 0, page_feed, "atom", WHO_ANYONE, XS_PERSON },
	/* A cycle's KRs for spreadsheets. */
	{ GET, "/csv/cycle", ARG_NONE, K(CYCLE), page_feed, "csv", WHO_ANYONE, XS_CYCLE },
};

int
main(void)
{
	return worker_main("okr-read", routes, sizeof(routes) / sizeof(routes[0]),
	    STORE_RDONLY, &st);
}
