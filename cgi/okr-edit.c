/* okr-edit: the forms of Mubiao.  Objectives and key results (create,
 * edit, archive, carry over), check-ins, comments and proposals; the
 * admin pages for units, people and cycles are in okr-admin.c.
 *
 * Every POST has passed req.c's checks (size, origin, CSRF token) before a
 * handler runs.  A handler validates every field first and, when one is
 * wrong, shows the form again with what the user typed and a message next
 * to the field, writing nothing.  The store checks permissions and
 * versions inside the write transaction; a stale version comes back as
 * 409 with the user's values beside the stored ones.  A saved form
 * answers 303 to where the user came from (Post/Redirect/Get). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "edit.h"
#include "form.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "store.h"
#include "view.h"
#include "worker.h"

struct store *edit_store;

/* ----------------------------------------------------------- shared */

/* Where to land after a save: the form's back, else the referring page
 * of this site, else fallback. */
static const char *
landing(struct req *r, const char *fallback)
{
	const char *ref = FCGX_GetParam("HTTP_REFERER", r->fcgi.envp), *p;

	if (r->val[KEY_BACK] != NULL && req_local_path(r, r->val[KEY_BACK]))
		return r->val[KEY_BACK];
	if (ref != NULL && (p = strstr(ref, "://")) != NULL &&
	    (p = strchr(p + 3, '/')) != NULL && req_local_path(r, p) &&
	    strstr(p, "/edit/") == NULL)
		return p;
	return arena_printf(&r->ar, "%s%s", r->script, fallback);
}

static int
redirect(struct req *r, const char *fallback)
{
	render_redirect(r, landing(r, fallback), NULL);
	return 0;
}

static const char *
num_str(struct req *r, double v)
{
	char buf[32];

	okr_num_format(v, buf);
	return arena_strdup(&r->ar, buf);
}

const char *
edit_id_str(struct req *r, uint32_t id)
{
	return id == 0 ? "" : arena_printf(&r->ar, "%u", id);
}

const char *
edit_login_of(struct view *v, uint32_t id)
{
	const struct person *p = view_person(v, id);

	return p != NULL ? p->login : "";
}

int
edit_form_version(struct req *r, uint32_t *ver)
{
	*ver = r->ids[KEY_VERSION];
	return *ver != 0 ? 0 : req_refuse(r, 400, "no version");
}

/* Turns a select into a text field for a login. */
static void
typed_login(xmlNodePtr field)
{
	xmlNodePtr c, next;

	for (c = field->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	xmlSetProp(field, BAD_CAST "type", BAD_CAST "text");
	render_attr_u(field, "max", 64);
	render_attr(field, "hint", "form.hint.login");
}

/* Options for a person select: the people of unit and of the units below
 * it (a company KR is often owned in a department), and its lead; a
 * login to type when they are too many to list. */
static int
people_options(struct view *v, xmlNodePtr field, uint32_t unit, int none)
{
	struct person *p;
	const struct unit *u = view_unit(v, unit);
	const struct person *lead;
	size_t i, j, n, total = 0;
	int rc;

	if ((rc = view_units_all(v)) != 0)
		return rc;
	if (none)
		form_option(field, "", NULL, "form.none");
	if (u != NULL && (lead = view_person(v, u->lead)) != NULL &&
	    !view_unit_within(v, lead->unit, unit))
		form_option(field, lead->login, lead->name, NULL);
	for (j = 0; j < v->nunits; j++) {
		if (!view_unit_within(v, v->units[j].id, unit))
			continue;
		if ((rc = store_people_in_unit(v->st, &v->r->ar, v->units[j].id,
		    &p, &n)) != STORE_OK)
			return worker_fail(v->r, rc, NULL);
		if ((total += n) > EDIT_CHOICES) {
			typed_login(field);
			return 0;
		}
		for (i = 0; i < n; i++)
			form_option(field, p[i].login, p[i].name, NULL);
	}
	return 0;
}

/* Whether login names a person of unit (or below it) or its lead; sets
 * *id. */
static int
person_in_unit(struct view *v, const char *login, uint32_t unit, uint32_t *id)
{
	struct person p;
	const struct unit *u = view_unit(v, unit);

	if (store_person_by_login(v->st, &v->r->ar, login, &p) != STORE_OK)
		return 0;
	*id = p.id;
	return view_unit_within(v, p.unit, unit) || (u != NULL && u->lead == p.id);
}

/* ------------------------------------------------------- objectives */

/* What an objective form is about. */
struct octx {
	struct view	 v;
	struct objective o;	/* stored, or what a new one will be */
	int		 is_new;
	const struct cycle *cycle;
	struct arena_vec parents;	/* struct parent: the KRs it may serve */
};

/* A KR an objective may serve, and its objective. */
struct parent {
	struct kr	 k;
	const struct objective *o;
};

/* The KRs an objective may serve: those of the level above in its cycle
 * (the company's for a department, the department's for a team), and for
 * a personal objective those of the person's unit and the unit above. */
static int
load_parents(struct octx *c)
{
	const struct unit *u = view_unit(&c->v, c->o.unit);
	uint32_t units[2] = { 0, 0 };
	struct objective *o;
	struct kr *k;
	struct parent *p;
	size_t i, j, n, nk, u_i;
	int rc;

	if (u == NULL || c->o.level == LEVEL_COMPANY)
		return 0;
	if (c->o.level == LEVEL_PERSONAL) {
		units[0] = u->id;
		units[1] = u->parent;
	} else
		units[0] = u->parent;
	for (u_i = 0; u_i < 2; u_i++) {
		if (units[u_i] == 0)
			continue;
		if ((rc = store_objectives_by_cycle_unit(edit_store, &c->v.r->ar, c->o.cycle,
		    units[u_i], &o, &n)) != STORE_OK)
			return worker_fail(c->v.r, rc, NULL);
		for (i = 0; i < n; i++) {
			if (o[i].level == LEVEL_PERSONAL || o[i].state == OBJ_ARCHIVED ||
			    o[i].id == c->o.id)
				continue;
			if ((rc = store_krs_by_objective(edit_store, &c->v.r->ar, o[i].id, &k,
			    &nk)) != STORE_OK)
				return worker_fail(c->v.r, rc, NULL);
			for (j = 0; j < nk; j++) {
				if (!okr_kr_live(k[j].state))
					continue;
				p = arena_vec_add(&c->v.r->ar, &c->parents, 1);
				p->k = k[j];
				p->o = &o[i];
			}
		}
	}
	return 0;
}

static int
parent_allowed(const struct octx *c, uint32_t kr)
{
	const struct parent *p = c->parents.items;
	size_t i;

	for (i = 0; i < c->parents.n; i++)
		if (p[i].k.id == kr)
			return 1;
	return kr == 0;
}

/* Fills c from the route (edit) or from unit/owner/cycle (new), and checks
 * that the user may write it.  Returns 0 or a status. */
static int
objective_ctx(struct req *r, struct octx *c, int is_new)
{
	struct person owner;
	struct unit u;
	int rc;

	memset(c, 0, sizeof(*c));
	c->is_new = is_new;
	c->parents.size = sizeof(struct parent);
	if ((rc = view_init(&c->v, r, edit_store)) != 0)
		return rc;
	if (!is_new) {
		if ((rc = store_objective_get(edit_store, &r->ar, r->id, &c->o)) != STORE_OK)
			return worker_fail(r, rc, "err.objective");
		if ((rc = store_allowed(edit_store, r->me->id, PERM_EDIT_OBJECTIVE, c->o.id)) != STORE_OK)
			return worker_fail(r, rc, NULL);
	} else {
		if (c->v.sel == NULL)
			return req_error(r, 404, "err.nocycle");
		c->o.cycle = c->v.sel->id;
		c->o.state = OBJ_ACTIVE;
		/* A unit's form also sends its owner (the unit's lead): the
		 * unit decides; an owner alone makes a personal objective. */
		if (r->val[KEY_UNIT] != NULL) {
			if (r->ids[KEY_UNIT] == 0)
				return req_refuse(r, 400, "no unit");
			if (store_unit_get(edit_store, &r->ar, r->ids[KEY_UNIT], &u) != STORE_OK)
				return req_error(r, 404, "err.unit");
			c->o.unit = u.id;
			c->o.level = u.level;
			c->o.owner = u.lead;
			rc = store_allowed(edit_store, r->me->id, PERM_ADD_UNIT_OBJECTIVE, u.id);
		} else if (r->val[KEY_OWNER] != NULL) {
			if (store_person_by_login(edit_store, &r->ar, r->val[KEY_OWNER],
			    &owner) != STORE_OK)
				return req_error(r, 404, "err.person");
			c->o.level = LEVEL_PERSONAL;
			c->o.owner = owner.id;
			c->o.unit = owner.unit;
			rc = store_allowed(edit_store, r->me->id, PERM_ADD_PERSONAL, owner.id);
		} else
			return req_refuse(r, 400, "neither unit nor owner");
		if (rc != STORE_OK)
			return worker_fail(r, rc, NULL);
	}
	c->cycle = view_cycle(&c->v, c->o.cycle);
	if (c->cycle == NULL)
		return 500;
	view_select(&c->v, c->o.cycle);
	if (c->cycle->state == CYCLE_CLOSED)
		return worker_fail(r, STORE_CLOSED, NULL);
	return load_parents(c);
}

/* The objective form, with status new/edit/invalid/conflict; cur is the
 * stored objective on a conflict. */
static int
objective_form(struct octx *c, struct form *f, const char *status,
    const struct objective *cur, int http)
{
	struct req *r = c->v.r;
	xmlNodePtr page, form, fld, opt;
	const char *action, *score;
	size_t i;
	double s;
	int rc, agreed;

	if ((page = view_page(&c->v, r->route->sheet)) == NULL)
		return 500;
	action = c->is_new ? "/edit/objective/new" :
	    arena_printf(&r->ar, "/edit/objective/%u", c->o.id);
	form = form_begin(f, page, action, status, c->is_new ? 0 :
	    (cur != NULL ? cur->version : c->o.version),
	    landing(r, c->is_new ? arena_printf(&r->ar, "/%s", view_cycle_query(&c->v)) :
	    arena_printf(&r->ar, "/objective/%u", c->o.id)));
	render_attr(form, "level", okr_level_names[c->o.level]);
	/* Agreed in the consensus meeting: only the owner may change here. */
	agreed = c->o.state == OBJ_AGREED;
	if (agreed)
		render_attr(form, "agreed", "1");
	fld = form_field(f, form, KEY_TITLE, "text", c->o.title, cur ? cur->title : NULL,
	    OKR_MAX_TITLE);
	if (agreed)
		render_attr(fld, "readonly", "1");
	fld = form_field(f, form, KEY_DESCRIPTION, "textarea", c->o.description,
	    cur ? (cur->description ? cur->description : "") : NULL, OKR_MAX_TEXT);
	if (agreed)
		render_attr(fld, "readonly", "1");
	if (agreed)
		form_field(f, form, KEY_PARENT, "hidden", edit_id_str(r, c->o.parent_kr), NULL, 0);
	else if (c->o.level != LEVEL_COMPANY) {
		fld = form_field(f, form, KEY_PARENT, "select", edit_id_str(r, c->o.parent_kr),
		    cur ? edit_id_str(r, cur->parent_kr) : NULL, 0);
		form_option(fld, "", NULL, "form.none");
		for (i = 0; i < c->parents.n; i++) {
			const struct parent *pa = (const struct parent *)c->parents.items + i;
			const struct kr *k = &pa->k;
			const struct person *p = view_person(&c->v, k->owner);

			s = okr_kr_score(k->kind, k->direction, k->start, k->target, k->current);
			score = arena_printf(&r->ar, "%d.%02d", okr_pct(s) / 100, okr_pct(s) % 100);
			opt = form_option(fld, edit_id_str(r, k->id), k->title, NULL);
			render_attr(opt, "group", pa->o->title);
			render_attr(opt, "owner-name", p != NULL ? p->name : NULL);
			render_attr(opt, "score", score);
			render_attr(opt, "band", okr_band_names[okr_band(s)]);
		}
	}
	/* A unit's objective may start as a draft, for the consensus
	 * meeting to agree; published, it stays published. */
	if (c->o.level != LEVEL_PERSONAL && (c->is_new || c->o.state == OBJ_DRAFT)) {
		fld = form_field(f, form, KEY_STATE, "select", okr_ostate_names[c->o.state],
		    cur ? okr_ostate_names[cur->state] : NULL, 0);
		form_option(fld, okr_ostate_names[OBJ_DRAFT], NULL, "ostate.draft");
		form_option(fld, okr_ostate_names[OBJ_ACTIVE], NULL, "ostate.active");
	}
	if (c->o.level == LEVEL_PERSONAL)
		form_field(f, form, KEY_OWNER, "hidden", edit_login_of(&c->v, c->o.owner), NULL, 0);
	else {
		fld = form_field(f, form, KEY_OWNER, "select", edit_login_of(&c->v, c->o.owner),
		    cur ? edit_login_of(&c->v, cur->owner) : NULL, 0);
		if ((rc = people_options(&c->v, fld, c->o.unit, 1)) != 0)
			return rc;
	}
	if (c->is_new) {
		form_field(f, form, KEY_CYCLE, "hidden", c->cycle->name, NULL, 0);
		if (c->o.level != LEVEL_PERSONAL)
			form_field(f, form, KEY_UNIT, "hidden", edit_id_str(r, c->o.unit), NULL, 0);
	} else if ((rc = view_objective(&c->v, page, cur ? cur : &c->o,
	    VIEW_KRS, &s)) != 0)
		return rc;
	/* At the quarterly review objectives stay as they are (only KRs may
	 * change): the form shows the objective read-only, with that rule. */
	if (c->cycle->state == CYCLE_REVIEW) {
		render_attr(form, "fixed", "review");
		for (fld = form->children; fld != NULL; fld = fld->next)
			if (xmlStrcmp(fld->name, BAD_CAST "field") == 0)
				render_attr(fld, "readonly", "1");
			else if (xmlStrcmp(fld->name, BAD_CAST "message") == 0)
				xmlSetProp(fld, BAD_CAST "key", BAD_CAST "err.review.objective");
	}
	if (!c->is_new)
		r->etag = arena_printf(&r->ar, "\"o%u-%u\"", c->o.id,
		    cur ? cur->version : c->o.version);
	return render_reply(r, page, http);
}

/* The form of a new objective (route param 1) or of one to edit. */
static int
page_objective(struct req *r)
{
	struct octx c;
	struct form f;
	int rc, is_new = r->route->param;

	if ((rc = objective_ctx(r, &c, is_new)) != 0)
		return rc;
	form_init(&f, r);
	return objective_form(&c, &f, is_new ? "new" : "edit", NULL, 200);
}

static int
post_objective(struct req *r)
{
	int is_new = r->route->param;
	struct octx c;
	struct form f;
	struct objective o, cur;
	const char *title, *desc, *owner;
	uint32_t parent, ver = 0, who;
	int rc, state;

	if ((rc = objective_ctx(r, &c, is_new)) != 0)
		return rc;
	if (!is_new && (rc = edit_form_version(r, &ver)) != 0)
		return rc;
	form_init(&f, r);
	form_text(&f, KEY_TITLE, 1, OKR_MAX_TITLE, &title);
	form_text(&f, KEY_DESCRIPTION, 0, OKR_MAX_TEXT, &desc);
	if (form_id(&f, KEY_PARENT, 0, &parent) == 0 && !parent_allowed(&c, parent))
		form_error(&f, KEY_PARENT, "err.field.level");
	o = c.o;
	if (c.o.level != LEVEL_PERSONAL && (is_new || c.o.state == OBJ_DRAFT) &&
	    r->val[KEY_STATE] != NULL && form_choice(&f, KEY_STATE, okr_ostate_names,
	    OBJ_AGREED, &state) == 0)
		o.state = state;
	if (c.o.level != LEVEL_PERSONAL &&
	    form_text(&f, KEY_OWNER, 0, OKR_MAX_LOGIN, &owner) == 0) {
		if (*owner == '\0')
			o.owner = 0;
		else if (person_in_unit(&c.v, owner, c.o.unit, &who))
			o.owner = who;
		else
			form_error(&f, KEY_OWNER, "err.field.choice");
	}
	if (f.nerr > 0)
		return objective_form(&c, &f, "invalid", NULL, 400);
	o.title = (char *)title;
	o.description = (char *)desc;
	o.parent_kr = parent;
	o.version = ver;
	switch ((rc = store_objective_put(edit_store, r->me->id, &o))) {
	case STORE_OK:
		return redirect(r, arena_printf(&r->ar, "/objective/%u", o.id));
	case STORE_CONFLICT:
		if (store_objective_get(edit_store, &r->ar, o.id, &cur) != STORE_OK)
			return 500;
		return objective_form(&c, &f, "conflict", &cur, 409);
	case STORE_RULE:
		/* The form comes back with what was typed, and the rule. */
		if (c.cycle->state != CYCLE_REVIEW)
			return worker_fail(r, rc, "err.agreed.objective");
		return objective_form(&c, &f, "invalid", NULL, 409);
	case STORE_INVALID:
		/* What it names changed under the form (a KR removed...). */
		form_error(&f, KEY_PARENT, "err.field.choice");
		return objective_form(&c, &f, "invalid", NULL, 400);
	default:
		return worker_fail(r, rc, NULL);
	}
}

/* The page that asks before an archive or a carry-over (what), with no
 * script: the objective and its KRs; for a carry-over each live KR
 * offered (ticked: what was sent back, else the unfinished ones), the
 * KR the copy would serve, or the copy it went to already.  http: 200,
 * or 409 when carried already. */
static int
objective_confirm(struct req *r, const char *what, int http)
{
	struct view v;
	struct objective o;
	xmlNodePtr page, cn, ch;
	struct kr *k;
	uint32_t parent;
	size_t i, j, n;
	double s;
	int rc, carry = strcmp(what, "carry") == 0, ticked;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	if ((rc = store_objective_get(edit_store, &r->ar, r->id, &o)) != STORE_OK)
		return worker_fail(r, rc, "err.objective");
	if (!carry && (rc = store_allowed(edit_store, r->me->id, PERM_EDIT_OBJECTIVE,
	    o.id)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if (carry && !view_may_carry(&v, &o))
		return req_error(r, 403, "err.403.edit");
	if (carry && o.carried_to != 0)
		http = 409;
	if ((page = view_page(&v, "confirm")) == NULL)
		return 500;
	cn = xmlNewChild(page, NULL, BAD_CAST "confirm", NULL);
	render_attr(cn, "what", what);
	if ((rc = view_objective(&v, cn, &o, VIEW_KRS | VIEW_PARENT | VIEW_PERMS,
	    &s)) != 0)
		return rc;
	/* Finished, or no open cycle after its own: nothing to carry. */
	if (carry && o.carried_to == 0 && !xmlHasProp(cn->last, BAD_CAST "next-cycle"))
		http = 400;
	if (carry && o.carried_to == 0) {
		if ((rc = store_carry_parent(edit_store, o.id, &parent)) != STORE_OK)
			return worker_fail(r, rc, NULL);
		if (parent != 0)
			view_parent(&v, cn, parent);
		/* The live KRs, each with the box it gets: as sent back, else
		 * ticked when unfinished (a KR reached stays behind). */
		if ((rc = store_krs_by_objective(edit_store, &r->ar, o.id, &k,
		    &n)) != STORE_OK)
			return worker_fail(r, rc, NULL);
		for (i = 0; i < n; i++) {
			if (!okr_kr_live(k[i].state))
				continue;
			if (r->val[KEY_CONFIRM] != NULL || r->val[KEY_KR] != NULL)
				for (ticked = 0, j = 0; j < r->nmulti[KEY_KR]; j++)
					ticked |= strtoul(r->multi[KEY_KR][j], NULL, 10) ==
					    k[i].id;
			else
				ticked = okr_pct(okr_kr_score(k[i].kind, k[i].direction,
				    k[i].start, k[i].target, k[i].current)) < 100;
			ch = xmlNewChild(cn, NULL, BAD_CAST "choice", NULL);
			render_attr_u(ch, "kr", k[i].id);
			render_attr(ch, "carry", ticked ? "1" : "0");
		}
	}
	return render_reply(r, page, http);
}

static int
page_objective_confirm(struct req *r)
{
	return objective_confirm(r, r->route->param ? "carry" : "archive", 200);
}

/* Archives the objective once confirmed; before, asks. */
static int
post_objective_archive(struct req *r)
{
	struct octx c;
	uint32_t ver;
	int rc;

	if (r->val[KEY_CONFIRM] == NULL)
		return objective_confirm(r, "archive", 200);
	if ((rc = objective_ctx(r, &c, 0)) != 0 || (rc = edit_form_version(r, &ver)) != 0)
		return rc;
	c.o.state = OBJ_ARCHIVED;
	c.o.version = ver;
	if ((rc = store_objective_put(edit_store, r->me->id, &c.o)) != STORE_OK)
		return worker_fail(r, rc, rc != STORE_RULE ? NULL :
		    c.cycle->state == CYCLE_REVIEW ? "err.review.objective" :
		    "err.agreed.objective");
	return redirect(r, arena_printf(&r->ar, "/objective/%u", c.o.id));
}

/* Carries the objective over with the KRs ticked, once confirmed;
 * before, asks which. */
static int
post_objective_carry(struct req *r)
{
	uint32_t newid, *krs;
	size_t i, n = r->nmulti[KEY_KR];
	int rc;

	if (r->val[KEY_CONFIRM] == NULL)
		return objective_confirm(r, "carry", 200);
	krs = arena_alloc(&r->ar, (n + 1) * sizeof(*krs));
	for (i = 0; i < n; i++)
		krs[i] = (uint32_t)strtoul(r->multi[KEY_KR][i], NULL, 10);
	rc = store_objective_carry(edit_store, r->me->id, r->id, krs, n, &newid);
	if (rc == STORE_CONFLICT)
		return objective_confirm(r, "carry", 409);
	if (rc != STORE_OK)
		return worker_fail(r, rc, rc == STORE_INVALID ? "err.carry" : NULL);
	/* The copy is where the owner goes on working. */
	render_redirect(r, arena_printf(&r->ar, "%s/objective/%u", r->script, newid), NULL);
	return 0;
}

/* ------------------------------------------------------ key results */

struct kctx {
	struct view	 v;
	struct objective o;
	struct kr	 k;	/* stored, or the defaults of a new one */
	int		 is_new;
	const struct cycle *cycle;
};

static int
kr_ctx(struct req *r, struct kctx *c, int is_new)
{
	uint32_t oid;
	int rc;

	memset(c, 0, sizeof(*c));
	c->is_new = is_new;
	if ((rc = view_init(&c->v, r, edit_store)) != 0)
		return rc;
	if (is_new) {
		if ((oid = r->ids[KEY_OBJECTIVE]) == 0)
			return req_refuse(r, 400, "no objective");
	} else {
		if ((rc = store_kr_get(edit_store, &r->ar, r->id, &c->k)) != STORE_OK)
			return worker_fail(r, rc, NULL);
		oid = c->k.objective;
	}
	if ((rc = store_objective_get(edit_store, &r->ar, oid, &c->o)) != STORE_OK)
		return worker_fail(r, rc, "err.objective");
	/* On a draft objective a department head proposes KRs. */
	if ((rc = store_allowed(edit_store, r->me->id, is_new ? PERM_ADD_KR : PERM_EDIT_KR,
	    is_new ? oid : c->k.id)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if ((c->cycle = view_cycle(&c->v, c->o.cycle)) == NULL)
		return 500;
	view_select(&c->v, c->o.cycle);
	if (is_new) {
		c->k.objective = oid;
		/* A proposal is the proposer's: the department carries it. */
		c->k.owner = c->o.state == OBJ_DRAFT ? r->me->id : c->o.owner;
		c->k.weight = 1;
		c->k.confidence = 0.5;
		c->k.target = 1;
		c->k.due = c->cycle->end;
	}
	return 0;
}

/* What a KR field shows, from a stored KR. */
static const char *
kr_value(struct kctx *c, const struct kr *k, enum key key)
{
	struct req *r = c->v.r;

	switch (key) {
	case KEY_TITLE:
		return k->title;
	case KEY_KIND:
		return okr_kind_names[k->kind];
	case KEY_DIRECTION:
		return okr_dir_names[k->direction];
	case KEY_START:
		return num_str(r, k->start);
	case KEY_TARGET:
		return num_str(r, k->target);
	case KEY_CURRENT:
		/* Left empty on a new KR: it then starts where it starts. */
		return c->is_new && k == &c->k ? "" : num_str(r, k->current);
	case KEY_UNIT_LABEL:
		return k->unit_label != NULL ? k->unit_label : "";
	case KEY_DUE:
		return view_day(r, k->due);
	case KEY_WEIGHT:
		return num_str(r, k->weight);
	case KEY_OWNER:
		return edit_login_of(&c->v, k->owner);
	default:
		return "";
	}
}

static const struct kfield {
	enum key	 key;
	const char	*type;
	size_t		 max;
} kr_fields[] = {
	{ KEY_TITLE, "text", OKR_MAX_TITLE }, { KEY_KIND, "select", 0 },
	{ KEY_DIRECTION, "select", 0 }, { KEY_START, "number", 0 },
	{ KEY_TARGET, "number", 0 }, { KEY_CURRENT, "number", 0 },
	{ KEY_UNIT_LABEL, "text", OKR_MAX_LABEL }, { KEY_DUE, "date", 0 },
	{ KEY_WEIGHT, "number", 0 }, { KEY_OWNER, "select", 0 },
};

static int
kr_form(struct kctx *c, struct form *f, const char *status, const struct kr *cur,
    int http)
{
	struct req *r = c->v.r;
	xmlNodePtr page, form, fld;
	size_t i;
	double s;
	int j, rc, agreed;

	if ((page = view_page(&c->v, r->route->sheet)) == NULL)
		return 500;
	form = form_begin(f, page, c->is_new ? "/edit/kr/new" :
	    arena_printf(&r->ar, "/edit/kr/%u", c->k.id), status,
	    c->is_new ? 0 : (cur != NULL ? cur->version : c->k.version),
	    landing(r, arena_printf(&r->ar, "/objective/%u", c->o.id)));
	/* An agreed objective's KRs keep their terms until the quarterly
	 * review: the form offers the current value and the owner. */
	agreed = c->o.state == OBJ_AGREED && c->cycle->state != CYCLE_REVIEW;
	if (agreed)
		render_attr(form, "agreed", "1");
	for (i = 0; i < sizeof(kr_fields) / sizeof(kr_fields[0]); i++) {
		const struct kfield *kf = &kr_fields[i];

		fld = form_field(f, form, kf->key, kf->type, kr_value(c, &c->k, kf->key),
		    cur ? kr_value(c, cur, kf->key) : NULL, kf->max);
		if (agreed && kf->key != KEY_CURRENT && kf->key != KEY_OWNER)
			render_attr(fld, "readonly", "1");
		if (kf->key == KEY_KIND)
			for (j = 0; j < KR__MAX; j++)
				form_option(fld, okr_kind_names[j], NULL,
				    arena_printf(&r->ar, "kind.%s", okr_kind_names[j]));
		if (kf->key == KEY_DIRECTION)
			for (j = 0; j < DIR__MAX; j++)
				form_option(fld, okr_dir_names[j], NULL,
				    arena_printf(&r->ar, "dir.%s", okr_dir_names[j]));
		if (kf->key == KEY_OWNER &&
		    (rc = people_options(&c->v, fld, c->o.unit, 0)) != 0)
			return rc;
	}
	/* The quarterly review adjusts KRs only with a reason, and may
	 * drop one. */
	if (c->cycle->state == CYCLE_REVIEW && !c->is_new) {
		fld = form_field(f, form, KEY_STATE, "select", "", NULL, 0);
		form_option(fld, "", NULL, "krstate.keep");
		form_option(fld, okr_krstate_names[KRS_DROPPED], NULL, "krstate.drop");
	}
	if (c->cycle->state == CYCLE_REVIEW)
		form_field(f, form, KEY_NOTE, "text", "", NULL, OKR_MAX_TITLE);
	if (c->is_new)
		form_field(f, form, KEY_OBJECTIVE, "hidden", edit_id_str(r, c->o.id), NULL, 0);
	else
		r->etag = arena_printf(&r->ar, "\"k%u-%u\"", c->k.id,
		    cur ? cur->version : c->k.version);
	if ((rc = view_objective(&c->v, page, &c->o, VIEW_KRS, &s)) != 0)
		return rc;
	return render_reply(r, page, http);
}

/* The form of a new KR (route param 1) or of one to edit. */
static int
page_kr(struct req *r)
{
	struct kctx c;
	struct form f;
	int rc, is_new = r->route->param;

	if ((rc = kr_ctx(r, &c, is_new)) != 0)
		return rc;
	form_init(&f, r);
	return kr_form(&c, &f, is_new ? "new" : "edit", NULL, 200);
}


/* Reads the KR fields into k; errors go to f. */
static void
kr_read(struct kctx *c, struct form *f, struct kr *k)
{
	const char *owner;
	int kind = 0, dir = 0;
	uint32_t who;

	form_choice(f, KEY_KIND, okr_kind_names, KR__MAX, &kind);
	form_choice(f, KEY_DIRECTION, okr_dir_names, DIR__MAX, &dir);
	form_kr_terms(f, kind, c->cycle->start, c->cycle->end, k);
	form_number(f, KEY_CURRENT, 0, -OKR_NUM_LIMIT, OKR_NUM_LIMIT, &k->current);
	if (c->v.r->val[KEY_WEIGHT] == NULL || *c->v.r->val[KEY_WEIGHT] == '\0')
		k->weight = 1;
	else
		form_number(f, KEY_WEIGHT, 1, 0, OKR_MAX_WEIGHT, &k->weight);
	if (form_text(f, KEY_OWNER, 0, OKR_MAX_LOGIN, &owner) == 0) {
		/* Left empty: the proposer of a proposal, else the objective's
		 * owner (c->k holds that default for a new KR). */
		if (*owner == '\0')
			k->owner = c->is_new ? c->k.owner : c->o.owner;
		else if (person_in_unit(&c->v, owner, c->o.unit, &who))
			k->owner = who;
		else
			form_error(f, KEY_OWNER, "err.field.choice");
	}
	/* A milestone is done (1) or not (0). */
	if (kind == KR_MILESTONE && k->current != 0 && k->current != 1)
		form_error(f, KEY_CURRENT, "err.field.range");
	k->kind = kind;
	k->direction = dir;
}

static int
post_kr(struct req *r)
{
	int is_new = r->route->param;
	struct kctx c;
	struct form f;
	struct kr k, cur;
	const char *reason;
	uint32_t ver = 0;
	int rc;

	if ((rc = kr_ctx(r, &c, is_new)) != 0)
		return rc;
	if (!is_new && (rc = edit_form_version(r, &ver)) != 0)
		return rc;
	form_init(&f, r);
	k = c.k;
	kr_read(&c, &f, &k);
	form_text(&f, KEY_NOTE, c.cycle->state == CYCLE_REVIEW, OKR_MAX_TITLE, &reason);
	if (!is_new && r->val[KEY_STATE] != NULL && *r->val[KEY_STATE] != '\0') {
		int drop;

		if (form_choice(&f, KEY_STATE, okr_krstate_names, KRS__MAX, &drop) == 0 &&
		    drop != KRS_DROPPED)
			form_error(&f, KEY_STATE, "err.field.choice");
		k.state = KRS_DROPPED;
	}
	if (f.nerr > 0)
		return kr_form(&c, &f, "invalid", NULL, 400);
	if (is_new)
		k.current = r->val[KEY_CURRENT] != NULL && *r->val[KEY_CURRENT] ?
		    k.current : k.start;
	k.version = ver;
	switch ((rc = store_kr_adjust(edit_store, r->me->id, &k, reason))) {
	case STORE_OK:
		return redirect(r, arena_printf(&r->ar, "/objective/%u", k.objective));
	case STORE_RULE:
		/* Agreed terms wait for the quarterly review; a rejected or
		 * dropped KR stays; a drop needs the review. */
		if (c.cycle->state != CYCLE_REVIEW || k.state == KRS_DROPPED)
			return worker_fail(r, rc, "err.agreed.kr");
		/* The cycle went under review while the form was open. */
		form_error(&f, KEY_NOTE, "err.field.required");
		return kr_form(&c, &f, "invalid", NULL, 400);
	case STORE_CONFLICT:
		if (store_kr_get(edit_store, &r->ar, k.id, &cur) != STORE_OK)
			return 500;
		return kr_form(&c, &f, "conflict", &cur, 409);
	default:
		return worker_fail(r, rc, NULL);
	}
}

/* ---------------------------------------- check-ins and comments */

/* The comments on the signed-in person's objectives, marked read (their
 * inbox counts them no more); back to the inbox. */
static int
post_inbox_seen(struct req *r)
{
	int rc;

	if ((rc = store_inbox_seen_now(edit_store, r->me->id)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	return redirect(r, "/inbox");
}

/* Shows the objective page again with a form that failed: the user's
 * input and its errors are in form (made by the caller). */
static int
objective_page_again(struct view *v, uint32_t id, xmlNodePtr *form,
    const char *action)
{
	xmlNodePtr page;
	int rc;

	if ((rc = view_objective_page(v, id, &page)) != 0)
		return rc;
	render_page_path(v->r, page, arena_printf(&v->r->ar, "%s/objective/%u",
	    v->r->script, id));
	*form = xmlNewChild(page, NULL, BAD_CAST "form", NULL);
	render_attr(*form, "action", arena_printf(&v->r->ar, "%s%s", v->r->script, action));
	render_attr(*form, "status", "invalid");
	v->r->why = "a field of the form refused";
	render_attr(xmlNewChild(*form, NULL, BAD_CAST "message", NULL), "key", "form.invalid");
	return 0;
}

static int
post_checkin(struct req *r)
{
	struct view v;
	struct form f;
	struct objective o;
	struct kr k;
	struct checkin *c;
	size_t n = r->nmulti[KEY_KR], i, m = 0;
	const char **err, *note, *val, *conf, *text;
	xmlNodePtr form = NULL, fld;
	double value;
	int rc;

	/* One value, confidence and note per KR, in the same order. */
	if (n == 0 || r->nmulti[KEY_VALUE] != n || r->nmulti[KEY_CONFIDENCE] != n ||
	    (r->nmulti[KEY_NOTE] != n && r->nmulti[KEY_NOTE] != 0))
		return req_refuse(r, 400, "check-in rows of unequal length");
	if ((rc = store_objective_get(edit_store, &r->ar, r->id, &o)) != STORE_OK)
		return worker_fail(r, rc, "err.objective");
	c = arena_alloc(&r->ar, n * sizeof(*c));
	err = arena_alloc(&r->ar, n * 2 * sizeof(*err));
	form_init(&f, r);
	for (i = 0; i < n; i++) {
		uint32_t id;

		/* Each KR by its id, not the objective's list: a cursor on
		 * the KRs' index would hold that index's page while it reads
		 * a KR, and can deadlock with the writer of that KR. */
		if (req_parse_id(r->multi[KEY_KR][i], &id) == -1)
			return req_refuse(r, 400, "a check-in row without a KR");
		rc = store_kr_get(edit_store, &r->ar, id, &k);
		if (rc == STORE_NOTFOUND || (rc == STORE_OK &&
		    (k.objective != o.id || !okr_kr_live(k.state))))
			return req_refuse(r, 400, "not a live KR of the objective");
		if (rc != STORE_OK)
			return worker_fail(r, rc, NULL);
		/* Each row is read like a one-field form. */
		val = r->multi[KEY_VALUE][i];
		conf = r->multi[KEY_CONFIDENCE][i];
		text = r->nmulti[KEY_NOTE] ? r->multi[KEY_NOTE][i] : "";
		memset(f.err, 0, sizeof(f.err));
		if (*val == '\0')
			continue;	/* left empty: no check-in for this KR */
		form_number_value(&f, KEY_VALUE, val, 1, -OKR_NUM_LIMIT, OKR_NUM_LIMIT,
		    &value);
		if (f.err[KEY_VALUE] == NULL && k.kind == KR_MILESTONE &&
		    value != 0 && value != 1)
			form_error(&f, KEY_VALUE, "err.field.range");
		form_number_value(&f, KEY_CONFIDENCE, conf, 1, 0, 1, &c[m].confidence);
		form_text_value(&f, KEY_NOTE, text, 0, OKR_MAX_TEXT, &note);
		err[2 * i] = f.err[KEY_VALUE];
		err[2 * i + 1] = f.err[KEY_CONFIDENCE] ? f.err[KEY_CONFIDENCE] : f.err[KEY_NOTE];
		c[m].kr = id;
		c[m].value = value;
		c[m].note = (char *)note;
		m++;
	}
	if (m == 0 && n > 0)
		err[0] = f.nerr == 0 ? "err.field.required" : err[0];
	if (f.nerr > 0 || m == 0) {
		/* Only the form shown again needs the cycles: a check-in
		 * that goes through reads the store three times, not four. */
		if ((rc = view_init(&v, r, edit_store)) != 0 ||
		    (rc = objective_page_again(&v, o.id, &form,
		    arena_printf(&r->ar, "/edit/checkin/%u", o.id))) != 0)
			return rc;
		for (i = 0; i < n; i++) {
			fld = xmlNewChild(form, NULL, BAD_CAST "field", NULL);
			render_attr(fld, "name", "value");
			render_attr(fld, "kr", r->multi[KEY_KR][i]);
			render_attr(fld, "value", r->multi[KEY_VALUE][i]);
			render_attr(fld, "confidence", r->multi[KEY_CONFIDENCE][i]);
			render_attr(fld, "note", r->nmulti[KEY_NOTE] ? r->multi[KEY_NOTE][i] : "");
			render_attr(fld, "error", err[2 * i] ? err[2 * i] : err[2 * i + 1]);
		}
		return render_reply(r, form->parent, 400);
	}
	if ((rc = store_checkins_add(edit_store, r->me->id, c, m)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	return redirect(r, arena_printf(&r->ar, "/objective/%u", o.id));
}


static int
post_comment(struct req *r)
{
	struct view v;
	struct form f;
	struct comment c;
	xmlNodePtr form;
	const char *text;
	int kind = 0, rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	form_init(&f, r);
	form_choice(&f, KEY_KIND, store_ckind_names, COMMENT__MAX, &kind);
	form_text(&f, KEY_TEXT, 1, OKR_MAX_TEXT, &text);
	if (f.nerr > 0) {
		if ((rc = objective_page_again(&v, r->id, &form,
		    arena_printf(&r->ar, "/edit/comment/%u", r->id))) != 0)
			return rc;
		form_field(&f, form, KEY_KIND, "radio", NULL, NULL, 0);
		form_field(&f, form, KEY_TEXT, "textarea", NULL, NULL, OKR_MAX_TEXT);
		return render_reply(r, form->parent, 400);
	}
	memset(&c, 0, sizeof(c));
	c.objective = r->id;
	c.kind = kind;
	c.text = (char *)text;
	/* STORE_INVALID: the objective is gone. */
	if ((rc = store_comment_add(edit_store, r->me->id, &c)) == STORE_INVALID)
		return req_error(r, 404, "err.objective");
	if (rc != STORE_OK)
		return worker_fail(r, rc, NULL);
	return redirect(r, arena_printf(&r->ar, "/objective/%u", r->id));
}

/* ----------------------------------------------------------- routes */

#define K(k)	KEYBIT(KEY_##k)
#define GET	METHOD_GET
#define POST	METHOD_POST
#define OBJ_KEYS (K(TITLE) | K(DESCRIPTION) | K(PARENT) | K(OWNER) | K(STATE))
#define KR_KEYS	(K(STATE) | K(TITLE) | K(KIND) | K(DIRECTION) | K(START) | K(TARGET) | \
		 K(CURRENT) | K(UNIT_LABEL) | K(DUE) | K(WEIGHT) | K(OWNER) | K(NOTE))
#define UNIT_KEYS (K(NAME) | K(LEVEL) | K(PARENT) | K(LEAD))
#define PERSON_KEYS (K(LOGIN) | K(NAME) | K(UNIT) | K(MANAGER) | K(ROLE))
#define CYCLE_KEYS (K(NAME) | K(START) | K(END) | K(STATE))
#define NOTIFY_KEYS (K(VERSION) | K(EMAIL) | K(LANGUAGE) | K(MAIL_CHECKIN) | \
		 K(MAIL_ESCALATION) | K(MAIL_DIGEST) | K(MAIL_MEETING) | K(MAIL_DRAFT) | \
		 K(MAIL_COMMENT))
#define BOT_KEYS (K(UNIT) | K(KIND) | K(NAME) | K(URL) | K(SECRET) | K(NO_SECRET) | \
		 K(LANGUAGE) | K(EVENTS))

/* Every form: method, path, argument, keys, handler, sheet, caller, and
 * the handler's argument (1: a new record; the admin pages: the kind). */
static const struct route routes[] = {
	/* parent: the KR it is made for (an action meeting's uncovered KR). */
	{ GET, "/edit/objective/new", ARG_NONE, K(CYCLE) | K(UNIT) | K(OWNER) | K(BACK) |
	    K(PARENT), page_objective, "edit-objective", WHO_KNOWN, 1 },
	{ POST, "/edit/objective/new", ARG_NONE, K(CYCLE) | K(UNIT) | OBJ_KEYS,
	    post_objective, "edit-objective", WHO_KNOWN, 1 },
	{ GET, "/edit/objective/*", ARG_ID, K(BACK), page_objective, "edit-objective",
	    WHO_KNOWN, 0 },
	{ POST, "/edit/objective/*", ARG_ID, K(VERSION) | OBJ_KEYS, post_objective,
	    "edit-objective", WHO_KNOWN, 0 },
	/* Archive and carry-over ask first (param 1: carry-over). */
	{ GET, "/edit/objective/*/archive", ARG_ID, K(BACK), page_objective_confirm,
	    "confirm", WHO_KNOWN, 0 },
	{ POST, "/edit/objective/*/archive", ARG_ID, K(VERSION) | K(CONFIRM),
	    post_objective_archive, "confirm", WHO_KNOWN, 0 },
	{ GET, "/edit/objective/*/carry", ARG_ID, K(BACK), page_objective_confirm,
	    "confirm", WHO_KNOWN, 1 },
	{ POST, "/edit/objective/*/carry", ARG_ID, K(CONFIRM) | K(KR),
	    post_objective_carry, "confirm", WHO_KNOWN, 1 },
	{ GET, "/edit/kr/new", ARG_NONE, K(OBJECTIVE) | K(BACK), page_kr, "edit-kr",
	    WHO_KNOWN, 1 },
	{ POST, "/edit/kr/new", ARG_NONE, K(OBJECTIVE) | KR_KEYS, post_kr, "edit-kr",
	    WHO_KNOWN, 1 },
	{ GET, "/edit/kr/*", ARG_ID, K(BACK), page_kr, "edit-kr", WHO_KNOWN, 0 },
	{ POST, "/edit/kr/*", ARG_ID, K(VERSION) | KR_KEYS, post_kr, "edit-kr",
	    WHO_KNOWN, 0 },
	/* A refused check-in or comment shows the objective page again. */
	{ POST, "/edit/checkin/*", ARG_ID, K(KR) | K(VALUE) | K(CONFIDENCE) | K(NOTE),
	    post_checkin, "objective", WHO_KNOWN, 0 },
	{ POST, "/edit/comment/*", ARG_ID, K(KIND) | K(TEXT), post_comment, "objective",
	    WHO_KNOWN, 0 },
	{ POST, "/edit/inbox/seen", ARG_NONE, 0, post_inbox_seen, NULL, WHO_KNOWN, 0 },
	{ GET, "/edit/admin/units", ARG_NONE, K(FROM), edit_admin_page, "admin-units",
	    WHO_ADMIN, ADMIN_UNITS },
	{ GET, "/edit/admin/people", ARG_NONE, K(FROM), edit_admin_page, "admin-people",
	    WHO_ADMIN, ADMIN_PEOPLE },
	{ GET, "/edit/admin/cycles", ARG_NONE, K(FROM), edit_admin_page, "admin-cycles",
	    WHO_ADMIN, ADMIN_CYCLES },
	{ POST, "/edit/admin/unit/new", ARG_NONE, UNIT_KEYS, edit_admin_post,
	    "admin-units", WHO_ADMIN, ADMIN_UNITS },
	{ POST, "/edit/admin/unit/*", ARG_ID, K(VERSION) | UNIT_KEYS, edit_admin_post,
	    "admin-units", WHO_ADMIN, ADMIN_UNITS },
	{ POST, "/edit/admin/person/new", ARG_NONE, PERSON_KEYS, edit_admin_post,
	    "admin-people", WHO_ADMIN, ADMIN_PEOPLE },
	{ POST, "/edit/admin/person/*", ARG_ID, K(VERSION) | PERSON_KEYS,
	    edit_admin_post, "admin-people", WHO_ADMIN, ADMIN_PEOPLE },
	{ POST, "/edit/admin/cycle/next", ARG_NONE, 0, edit_admin_cycle_next, NULL,
	    WHO_ADMIN, 0 },
	{ GET, "/edit/admin/import", ARG_NONE, 0, edit_import_page, "admin-import",
	    WHO_ADMIN, 0 },
	{ POST, "/edit/admin/import", ARG_NONE, K(XML), edit_import_post, "admin-import",
	    WHO_ADMIN, 0 },
	{ POST, "/edit/admin/cycle/new", ARG_NONE, CYCLE_KEYS, edit_admin_post,
	    "admin-cycles", WHO_ADMIN, ADMIN_CYCLES },
	{ POST, "/edit/admin/cycle/*", ARG_ID, K(VERSION) | CYCLE_KEYS, edit_admin_post,
	    "admin-cycles", WHO_ADMIN, ADMIN_CYCLES },
	/* Notifications (okr-notify.c): one's own settings, or (an admin, or
	 * the person themself) those of LOGIN; the admin page of bots,
	 * reminder times and deliveries. */
	{ GET, "/edit/notify", ARG_NONE, K(BACK), edit_notify_page, "edit-notify",
	    WHO_KNOWN, 0 },
	{ POST, "/edit/notify", ARG_NONE, NOTIFY_KEYS, edit_notify_post, "edit-notify",
	    WHO_KNOWN, 0 },
	{ GET, "/edit/notify/*", ARG_LOGIN, K(BACK), edit_notify_page, "edit-notify",
	    WHO_KNOWN, 0 },
	{ POST, "/edit/notify/*", ARG_LOGIN, NOTIFY_KEYS, edit_notify_post,
	    "edit-notify", WHO_KNOWN, 0 },
	{ GET, "/edit/admin/notify", ARG_NONE, K(FROM), edit_notify_admin,
	    "admin-notify", WHO_ADMIN, 0 },
	{ POST, "/edit/admin/bot/new", ARG_NONE, BOT_KEYS, edit_bot_post,
	    "admin-notify", WHO_ADMIN, 0 },
	{ POST, "/edit/admin/bot/*", ARG_ID, K(VERSION) | BOT_KEYS, edit_bot_post,
	    "admin-notify", WHO_ADMIN, 0 },
	{ POST, "/edit/admin/bot/*/delete", ARG_ID, K(VERSION) | K(CONFIRM),
	    edit_bot_delete, "admin-notify", WHO_ADMIN, 0 },
	{ POST, "/edit/admin/unit/*/remind", ARG_ID, K(REMIND), edit_remind_post,
	    "admin-notify", WHO_ADMIN, 0 },
	{ POST, "/edit/admin/delivery/*/resend", ARG_ID, 0, edit_resend_post, NULL,
	    WHO_ADMIN, 0 },
};

int
main(void)
{
	return worker_main("okr-edit", routes, sizeof(routes) / sizeof(routes[0]),
	    0, &edit_store);
}
