/* okr-admin.c: okr-edit's admin pages: units, people and cycles a page
 * at a time with a form per row, the next cycle, and the XML import. */
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
#include "xmlio.h"

static const char *const unit_levels[] = { "company", "department", "team" };

#define ADMIN_ROWS	100	/* records on an admin page */
/* The error of dates that overlap another cycle's. */
#define CYCLE_OVERLAP	"err.field.cycle-overlap"

/* Every person, when there are few enough to offer as a list (else a
 * login is typed).  Units are offered from v->units, loaded only when
 * they are few (else a unit's number is typed). */
struct choices {
	struct person	*people;
	size_t		 npeople;
};

/* One record of any kind, as a form reads it. */
union arec {
	struct unit	 u;
	struct person	 p;
	struct cycle	 c;
};

/* A unit or person field: a list of every choice when there are few,
 * else a text field for the id or login. */
static xmlNodePtr
choice_field(struct form *f, xmlNodePtr form, enum key key, const char *value,
    int listed)
{
	xmlNodePtr n = form_field(f, form, key, listed ? "select" : "text", value,
	    NULL, listed ? 0 : 64);

	if (!listed)
		render_attr(n, "hint", key == KEY_PARENT || key == KEY_UNIT ?
		    "form.hint.unit-id" : "form.hint.login");
	return n;
}

/* The fields of a unit's row: stored values, or (f->input) what was sent. */
static void
row_unit(struct view *v, const struct choices *ch, struct form *f,
    xmlNodePtr form, const void *rec)
{
	struct req *r = v->r;
	const struct unit *u = rec;
	xmlNodePtr fld;
	size_t i;
	int j;

	form_field(f, form, KEY_NAME, "text", u ? u->name : "", NULL, OKR_MAX_NAME);
	fld = form_field(f, form, KEY_LEVEL, "select",
	    u ? unit_levels[u->level] : "team", NULL, 0);
	for (j = 0; j < LEVEL_PERSONAL; j++)
		form_option(fld, unit_levels[j], NULL,
		    arena_printf(&r->ar, "level.%s", unit_levels[j]));
	fld = choice_field(f, form, KEY_PARENT, u && u->parent ?
	    edit_id_str(r, u->parent) : "", v->units != NULL);
	if (v->units != NULL)
		form_option(fld, "", NULL, "form.none");
	for (i = 0; i < v->nunits; i++)
		if (u == NULL || v->units[i].id != u->id)
			form_option(fld, edit_id_str(r, v->units[i].id),
			    v->units[i].name, NULL);
	fld = choice_field(f, form, KEY_LEAD, u ? edit_login_of(v, u->lead) : "",
	    ch->people != NULL);
	if (ch->people != NULL)
		form_option(fld, "", NULL, "form.none");
	for (i = 0; i < ch->npeople; i++)
		form_option(fld, ch->people[i].login, ch->people[i].name, NULL);
}

static void
row_person(struct view *v, const struct choices *ch, struct form *f,
    xmlNodePtr form, const void *rec)
{
	struct req *r = v->r;
	const struct person *p = rec;
	xmlNodePtr fld;
	size_t i;
	int j;

	form_field(f, form, KEY_LOGIN, "text", p ? p->login : "", NULL, OKR_MAX_LOGIN);
	form_field(f, form, KEY_NAME, "text", p ? p->name : "", NULL, OKR_MAX_NAME);
	fld = choice_field(f, form, KEY_UNIT, p ? edit_id_str(r, p->unit) : "",
	    v->units != NULL);
	for (i = 0; i < v->nunits; i++)
		form_option(fld, edit_id_str(r, v->units[i].id), v->units[i].name, NULL);
	fld = choice_field(f, form, KEY_MANAGER, p ? edit_login_of(v, p->manager) : "",
	    ch->people != NULL);
	if (ch->people != NULL)
		form_option(fld, "", NULL, "form.none");
	for (i = 0; i < ch->npeople; i++)
		if (p == NULL || ch->people[i].id != p->id)
			form_option(fld, ch->people[i].login, ch->people[i].name, NULL);
	fld = form_field(f, form, KEY_ROLE, "select", p ? okr_role_names[p->role] :
	    "member", NULL, 0);
	for (j = 0; j < ROLE__MAX; j++)
		form_option(fld, okr_role_names[j], NULL,
		    arena_printf(&r->ar, "role.%s", okr_role_names[j]));
}

static void
row_cycle(struct view *v, const struct choices *ch, struct form *f,
    xmlNodePtr form, const void *rec)
{
	struct req *r = v->r;
	const struct cycle *c = rec;
	xmlNodePtr fld;
	int j;
	const struct cycle *other = NULL;
	struct cycle typed;

	(void)ch;
	form_field(f, form, KEY_NAME, "text", c ? c->name : "", NULL, OKR_MAX_CYCLE);
	/* Dates refused for overlapping another cycle name that one. */
	memset(&typed, 0, sizeof(typed));
	typed.id = c ? c->id : 0;
	if (f->err[KEY_START] != NULL && strcmp(f->err[KEY_START], CYCLE_OVERLAP) == 0 &&
	    okr_date_parse(r->val[KEY_START], &typed.start) == 0 &&
	    okr_date_parse(r->val[KEY_END], &typed.end) == 0)
		other = store_cycle_overlapping(v->cycles, v->ncycles, &typed);
	fld = form_field(f, form, KEY_START, "date", c ? view_day(r, c->start) : "", NULL, 0);
	if (other != NULL)
		render_attr(fld, "error-about", other->name);
	fld = form_field(f, form, KEY_END, "date", c ? view_day(r, c->end) : "", NULL, 0);
	if (other != NULL)
		render_attr(fld, "error-about", other->name);
	fld = form_field(f, form, KEY_STATE, "select",
	    c ? okr_cstate_names[c->state] : "planning", NULL, 0);
	for (j = 0; j < CYCLE__MAX; j++)
		form_option(fld, okr_cstate_names[j], NULL,
		    arena_printf(&r->ar, "state.%s", okr_cstate_names[j]));
}

/* Reads a unit's form into a->u; errors go to f. */
static void
read_unit(struct view *v, struct form *f, union arec *a)
{
	struct unit *u = &a->u;
	struct person other;
	const char *name, *lead;
	int level = 0;

	form_text(f, KEY_NAME, 1, OKR_MAX_NAME, &name);
	form_choice(f, KEY_LEVEL, unit_levels, LEVEL_PERSONAL, &level);
	form_id(f, KEY_PARENT, level != LEVEL_COMPANY, &u->parent);
	if (u->parent != 0 && view_unit(v, u->parent) == NULL)
		form_error(f, KEY_PARENT, "err.field.choice");
	if (form_text(f, KEY_LEAD, 0, OKR_MAX_LOGIN, &lead) == 0 && *lead != '\0') {
		if (store_person_by_login(v->st, &v->r->ar, lead, &other) == STORE_OK)
			u->lead = other.id;
		else
			form_error(f, KEY_LEAD, "err.field.choice");
	}
	u->name = (char *)name;
	u->level = level;
}

static void
read_person(struct view *v, struct form *f, union arec *a)
{
	struct req *r = v->r;
	struct person *p = &a->p, other;
	const char *name, *login, *manager;
	int role = 0;

	form_text(f, KEY_LOGIN, 1, OKR_MAX_LOGIN, &login);
	if (f->err[KEY_LOGIN] == NULL && !okr_login_ok(login))
		form_error(f, KEY_LOGIN, "err.field.login");
	else if (f->err[KEY_LOGIN] == NULL &&
	    store_person_by_login(v->st, &r->ar, login, &other) == STORE_OK &&
	    other.id != r->id)
		form_error(f, KEY_LOGIN, "err.field.login-taken");
	form_text(f, KEY_NAME, 1, OKR_MAX_NAME, &name);
	if (form_id(f, KEY_UNIT, 1, &p->unit) == 0 && view_unit(v, p->unit) == NULL)
		form_error(f, KEY_UNIT, "err.field.choice");
	if (form_text(f, KEY_MANAGER, 0, OKR_MAX_LOGIN, &manager) == 0 &&
	    *manager != '\0') {
		if (store_person_by_login(v->st, &r->ar, manager, &other) == STORE_OK &&
		    other.id != r->id)
			p->manager = other.id;
		else
			form_error(f, KEY_MANAGER, "err.field.choice");
	}
	form_choice(f, KEY_ROLE, okr_role_names, ROLE__MAX, &role);
	p->login = (char *)login;
	p->name = (char *)name;
	p->role = role;
}

static void
read_cycle(struct view *v, struct form *f, union arec *a)
{
	struct cycle *c = &a->c;
	const char *name;
	size_t i;
	int state = 0;

	form_text(f, KEY_NAME, 1, OKR_MAX_CYCLE, &name);
	if (f->err[KEY_NAME] == NULL && !okr_cycle_name_ok(name))
		form_error(f, KEY_NAME, "err.field.choice");
	for (i = 0; i < v->ncycles; i++)
		if (strcmp(v->cycles[i].name, name) == 0 && v->cycles[i].id != v->r->id)
			form_error(f, KEY_NAME, "err.field.name-taken");
	form_date(f, KEY_START, 1, 0, INT32_MAX, &c->start);
	form_date(f, KEY_END, 1, 0, INT32_MAX, &c->end);
	if (f->err[KEY_START] == NULL && f->err[KEY_END] == NULL && c->end < c->start)
		form_error(f, KEY_END, "err.field.start-end");
	c->id = v->r->id;
	if (f->err[KEY_START] == NULL && f->err[KEY_END] == NULL &&
	    store_cycle_overlapping(v->cycles, v->ncycles, c) != NULL) {
		form_error(f, KEY_START, CYCLE_OVERLAP);
		form_error(f, KEY_END, CYCLE_OVERLAP);
	}
	form_choice(f, KEY_STATE, okr_cstate_names, CYCLE__MAX, &state);
	c->name = (char *)name;
	c->state = state;
}

static int
put_unit(struct store *st, uint32_t actor, union arec *a, uint32_t id, uint32_t ver)
{
	a->u.id = id;
	a->u.version = ver;
	return store_unit_put(st, actor, &a->u);
}

static int
put_person(struct store *st, uint32_t actor, union arec *a, uint32_t id, uint32_t ver)
{
	a->p.id = id;
	a->p.version = ver;
	return store_person_put(st, actor, &a->p);
}

static int
put_cycle(struct store *st, uint32_t actor, union arec *a, uint32_t id, uint32_t ver)
{
	a->c.id = id;
	a->c.version = ver;
	return store_cycle_put(st, actor, &a->c);
}

/* Each kind of record an admin page lists: its names, its store table,
 * and how its row is shown, read and written. */
static const struct akind_def {
	const char	*name;		/* "unit": the path of a row's form */
	const char	*list;		/* "units": the path of the page */
	enum rtype	 rtype;		/* the store's record type */
	size_t		 size;
	void		(*row)(struct view *, const struct choices *, struct form *,
			    xmlNodePtr, const void *);
	void		(*read)(struct view *, struct form *, union arec *);
	int		(*put)(struct store *, uint32_t, union arec *, uint32_t,
			    uint32_t);
	enum key	 taken;		/* the field a refused write blames */
} kinds[ADMIN__MAX] = {
	[ADMIN_UNITS] = { "unit", "units", REC_UNIT, sizeof(struct unit), row_unit,
	    read_unit, put_unit, KEY_PARENT },
	[ADMIN_PEOPLE] = { "person", "people", REC_PERSON, sizeof(struct person),
	    row_person, read_person, put_person, KEY_LOGIN },
	[ADMIN_CYCLES] = { "cycle", "cycles", REC_CYCLE, sizeof(struct cycle), row_cycle,
	    read_cycle, put_cycle, KEY_START },
};

/* One row's form: the record's stored values, or (f->input) what was
 * sent; rec NULL is the row of a new record. */
static void
admin_row(struct view *v, const struct choices *ch, xmlNodePtr admin,
    const struct akind_def *k, const void *rec, struct form *f, const char *status)
{
	struct req *r = v->r;
	/* Units, people and cycles all begin with id, then version. */
	uint32_t id = rec ? *(const uint32_t *)rec : 0;
	uint32_t version = rec ? *((const uint32_t *)rec + 1) : 0;
	xmlNodePtr form;

	form = form_begin(f, admin, id ? arena_printf(&r->ar, "/edit/admin/%s/%u",
	    k->name, id) : arena_printf(&r->ar, "/edit/admin/%s/new", k->name),
	    status, version,
	    arena_printf(&r->ar, "%s/edit/admin/%s", r->script, k->list));
	k->row(v, ch, f, form, rec);
}

/* An admin page: a page of rows in id order from ?from= (or from the
 * row of the form that failed: target id, or 0 with is_new, which
 * shows what was sent), links to the pages before and after, and the
 * new row.  Lists of units and people are offered when they are few. */
static int
admin_page(struct req *r, struct view *v, enum akind kind, uint32_t target,
    int is_new, struct form *failed, int http)
{
	const struct akind_def *k = &kinds[kind];
	struct form plain;
	struct choices ch = { NULL, 0 };
	xmlNodePtr page, admin, pager;
	uint32_t from = failed != NULL && !is_new ? target : r->ids[KEY_FROM];
	void *rows, *before;
	size_t i, n, nb;
	int rc, hit;

	if ((rc = store_count(v->st, REC_UNIT, &n)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if (n <= EDIT_CHOICES && (rc = view_units_all(v)) != 0)
		return rc;
	if ((rc = store_count(v->st, REC_PERSON, &n)) != STORE_OK ||
	    (n <= EDIT_CHOICES && (rc = store_scan(v->st, &r->ar, REC_PERSON, &ch.people,
	    &ch.npeople)) != STORE_OK) ||
	    (rc = store_range(v->st, &r->ar, k->rtype, from, ADMIN_ROWS + 1, 0,
	    &rows, &n)) != STORE_OK ||
	    (rc = store_range(v->st, &r->ar, k->rtype, from, ADMIN_ROWS, 1,
	    &before, &nb)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if ((page = view_page(v, r->route->sheet)) == NULL)
		return 500;
	admin = xmlNewChild(page, NULL, BAD_CAST "admin", NULL);
	render_attr(admin, "kind", k->list);
	if (nb > 0 || n > ADMIN_ROWS) {
		pager = xmlNewChild(admin, NULL, BAD_CAST "pager", NULL);
		if (nb > 0)
			render_attr_u(pager, "prev", *(const uint32_t *)before);
		if (n > ADMIN_ROWS)
			render_attr_u(pager, "next", *(const uint32_t *)((char *)rows +
			    ADMIN_ROWS * k->size));
	}
	form_init(&plain, r);
	plain.input = 0;
	for (i = 0; i < n && i < ADMIN_ROWS; i++) {
		const void *rec = (char *)rows + i * k->size;

		hit = failed != NULL && !is_new && *(const uint32_t *)rec == target;
		admin_row(v, &ch, admin, k, rec, hit ? failed : &plain,
		    hit ? (http == 409 ? "conflict" : "invalid") : "edit");
	}
	hit = failed != NULL && is_new;
	admin_row(v, &ch, admin, k, NULL, hit ? failed : &plain, hit ? "invalid" : "new");
	return render_reply(r, page, http);
}

int
edit_admin_page(struct req *r)
{
	struct view v;
	int rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	return admin_page(r, &v, (enum akind)r->route->param, 0, 0, NULL, 200);
}

/* Saves one admin form (route param: the kind): reads its fields, then
 * writes; a refused form comes back with what was sent. */
int
edit_admin_post(struct req *r)
{
	enum akind kind = (enum akind)r->route->param;
	const struct akind_def *k = &kinds[kind];
	struct view v;
	struct form f;
	union arec a;
	uint32_t ver = 0;
	int is_new = r->id == 0, rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	if (!is_new && (rc = edit_form_version(r, &ver)) != 0)
		return rc;
	form_init(&f, r);
	memset(&a, 0, sizeof(a));
	k->read(&v, &f, &a);
	if (f.nerr > 0)
		return admin_page(r, &v, kind, r->id, is_new, &f, 400);
	rc = k->put(edit_store, r->me->id, &a, r->id, ver);
	if (rc == STORE_CONFLICT) {
		/* Show the row as it is now stored, with a conflict note. */
		if ((rc = view_init(&v, r, edit_store)) != 0)
			return rc;
		return admin_page(r, &v, kind, r->id, is_new, &f, 409);
	}
	if (rc == STORE_INVALID || rc == STORE_RULE) {
		/* STORE_RULE: the unit would sit under itself, or too deep. */
		form_error(&f, k->taken, kind == ADMIN_PEOPLE ? "err.field.login-taken" :
		    kind == ADMIN_CYCLES && rc == STORE_RULE ? CYCLE_OVERLAP :
		    rc == STORE_RULE ? "err.field.parent-loop" : "err.field.choice");
		return admin_page(r, &v, kind, r->id, is_new, &f, 400);
	}
	if (rc != STORE_OK)
		return worker_fail(r, rc, NULL);
	render_redirect(r, arena_printf(&r->ar, "%s/edit/admin/%s", r->script,
	    k->list), NULL);
	return 0;
}

int
edit_admin_cycle_next(struct req *r)
{
	struct cycle c;
	int rc;

	memset(&c, 0, sizeof(c));
	/* STORE_INVALID: no cycle to follow, or its successor exists. */
	if ((rc = store_cycle_next(edit_store, &r->ar, r->me->id, &c)) == STORE_INVALID)
		return req_error(r, 409, "err.cycle.next");
	if (rc == STORE_RULE)
		return req_error(r, 409, "err.cycle.next-overlap");
	if (rc != STORE_OK)
		return worker_fail(r, rc, NULL);
	render_redirect(r, arena_printf(&r->ar, "%s/edit/admin/cycles", r->script), NULL);
	return 0;
}

/* The import page: the report of an import (written), or the error of
 * a refused one with the document as sent. */
static int
import_page(struct req *r, struct view *v, const size_t *written,
    const char *err, const char *xml, int status)
{
	xmlNodePtr page, im;

	if ((page = view_page(v, r->route->sheet)) == NULL)
		return 500;
	im = xmlNewChild(page, NULL, BAD_CAST "import", NULL);
	if (err != NULL)
		r->why = "import refused";
	if (written != NULL)
		render_attr_u(im, "written", *written);
	if (err != NULL)
		render_text(im, "error", err);
	if (xml != NULL)
		render_text(im, "xml", xml);
	return render_reply(r, page, status);
}

int
edit_import_page(struct req *r)
{
	struct view v;
	int rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	return import_page(r, &v, NULL, NULL, NULL, 200);
}

/* Imports a document: well-formed and safe (xmlio_parse()), valid
 * against the schema, then applied in one transaction; any error says
 * where, and nothing is written.  The report is the answer (no
 * redirect: it says what was written). */
int
edit_import_post(struct req *r)
{
	struct view v;
	const char *xml = r->val[KEY_XML], *err = NULL;
	char rng[600];
	xmlDocPtr doc;
	size_t written = 0;
	int rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	if (xml == NULL || *xml == '\0')
		return import_page(r, &v, NULL, "the document is empty\n", xml, 400);
	snprintf(rng, sizeof(rng), "%s/mubiao.rng", render_dir());
	if ((doc = xmlio_parse(xml, strlen(xml), 1, &r->ar, &err)) == NULL ||
	    xmlio_validate(doc, rng, &r->ar, &err) != 0) {
		xmlFreeDoc(doc);
		return import_page(r, &v, NULL, err ? err : "cannot read\n", xml, 400);
	}
	rc = xmlio_import(edit_store, &r->ar, r->me->id, doc, &written, &err, NULL);
	xmlFreeDoc(doc);
	if (rc == STORE_INVALID || rc == STORE_RULE)
		return import_page(r, &v, NULL, err ? err : "invalid\n", xml, 400);
	if (rc != STORE_OK)
		return worker_fail(r, rc, NULL);
	return import_page(r, &v, &written, NULL, NULL, 200);
}
