/* okr-notify.c: okr-edit's pages of the notifications.  A person's own
 * settings (a mail address, a language, the kinds of notice mailed to
 * them), which an admin may change for anyone; and the admin page of
 * notifications: each unit's check-in reminder time and chat bots, the
 * deliveries that failed for good (to send again) and the last ones
 * sent.
 *
 * As every form of okr-edit: the fields are checked first, and a refused
 * form comes back with what was typed and the message beside its field;
 * a stale version comes back as 409 beside what is stored; a saved form
 * answers 303.  A bot's secret is written, never shown: its field is
 * always empty, and left empty it keeps the stored one. */
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

#define NOTIFY_UNITS	100	/* units on one page of the admin page */
#define NOTIFY_DEAD	100	/* dead deliveries listed, newest first */
#define NOTIFY_SENT	50	/* sent deliveries listed, newest first */

_Static_assert(KEY_MAIL_COMMENT - KEY_MAIL_CHECKIN + 1 == NOTE__MAX,
    "one mail-KIND key per kind of notice, in enum nkind's order");

/* The kinds a new bot posts: all but the escalation, which is meant for
 * the unit's lead rather than the whole group. */
#define BOT_DEFAULT_EVENTS	(NOTE_ALL & ~(1u << NOTE_ESCALATE))

/* Where a saved form lands: its back (a local path), else fallback. */
static const char *
back_or(struct req *r, const char *fallback)
{
	if (r->val[KEY_BACK] != NULL && req_local_path(r, r->val[KEY_BACK]))
		return r->val[KEY_BACK];
	return arena_printf(&r->ar, "%s%s", r->script, fallback);
}

/* Whether this form shows what was sent: its checkboxes then are what
 * was ticked, an absent one being unticked. */
static int
sent(const struct form *f)
{
	return f->input && f->r->method == METHOD_POST;
}

/* The language select: "" (the setting notify-language), en, zh-CN. */
static void
lang_field(struct form *f, xmlNodePtr form, int32_t stored, const int32_t *cur)
{
	struct req *r = f->r;
	xmlNodePtr fld;
	int i;

	fld = form_field(f, form, KEY_LANGUAGE, "select",
	    stored >= 0 && stored < LANG__MAX ? req_lang_names[stored] : "",
	    cur == NULL ? NULL : *cur >= 0 && *cur < LANG__MAX ?
	    req_lang_names[*cur] : "", 0);
	form_option(fld, "", NULL, "form.notify.lang-default");
	for (i = 0; i < LANG__MAX; i++)
		form_option(fld, req_lang_names[i], NULL,
		    arena_printf(&r->ar, "lang.%s", req_lang_names[i]));
}

/* The language typed into *lang (-1: the setting's); 0, or -1 with the
 * field's error. */
static int
lang_read(struct form *f, int32_t *lang)
{
	const char *s;
	int i;

	*lang = -1;
	if (form_text(f, KEY_LANGUAGE, 0, 16, &s) != 0)
		return -1;
	if (*s == '\0')
		return 0;
	if ((i = okr_lookup(req_lang_names, LANG__MAX, s)) < 0) {
		form_error(f, KEY_LANGUAGE, "err.field.choice");
		return -1;
	}
	*lang = i;
	return 0;
}

/* The kinds of notice ticked in a bot's form (events=KIND, repeated);
 * an unknown one is the field's error. */
static uint32_t
events_sent(struct form *f)
{
	struct req *r = f->r;
	uint32_t bits = 0;
	size_t i;
	int k;

	for (i = 0; i < r->nmulti[KEY_EVENTS]; i++)
		if ((k = okr_lookup(store_nkind_names, NOTE__MAX,
		    r->multi[KEY_EVENTS][i])) >= 0)
			bits |= 1u << k;
		else
			form_error(f, KEY_EVENTS, "err.field.choice");
	return bits;
}

/* The kinds mailed, as a person's form ticks them (mail-KIND=1). */
static uint32_t
mail_sent(const struct req *r)
{
	uint32_t bits = 0;
	int k;

	for (k = 0; k < NOTE__MAX; k++)
		if (r->val[KEY_MAIL_CHECKIN + k] != NULL)
			bits |= 1u << k;
	return bits;
}

/* "checkin digest": the kinds of bits, for a conflict's current value. */
static const char *
kinds_str(struct req *r, uint32_t bits)
{
	const char *s = "";
	int k;

	for (k = 0; k < NOTE__MAX; k++)
		if (bits & (1u << k))
			s = arena_printf(&r->ar, "%s%s%s", s, *s ? " " : "",
			    store_nkind_names[k]);
	return s;
}

/* A group of checkboxes, one per kind of notice, ticked as shown; per
 * kind either a key of its own (mail-KIND=1: per_key) or one repeated
 * key (name=KIND).  cur: a conflict's stored kinds. */
static xmlNodePtr
kinds_field(struct form *f, xmlNodePtr form, const char *name, enum key key,
    int per_key, uint32_t shown, const uint32_t *cur)
{
	struct req *r = f->r;
	xmlNodePtr fld = xmlNewChild(form, NULL, BAD_CAST "field", NULL), opt;
	int k;

	render_attr(fld, "name", name);
	render_attr(fld, "type", "checkboxes");
	render_attr(fld, "value", kinds_str(r, shown));
	if (cur != NULL && *cur != shown)
		render_attr(fld, "current", kinds_str(r, *cur));
	render_attr(fld, "error", f->err[key]);
	for (k = 0; k < NOTE__MAX; k++) {
		opt = form_option(fld, per_key ? "1" : store_nkind_names[k], NULL,
		    arena_printf(&r->ar, "form.notify.kind.%s", store_nkind_names[k]));
		if (per_key)
			render_attr(opt, "name", req_keys[KEY_MAIL_CHECKIN + k].name);
		render_attr(opt, "kind", store_nkind_names[k]);
		if (shown & (1u << k))
			render_attr(opt, "checked", "1");
	}
	return fld;
}

/* One checkbox (value 1), ticked as sent or as stored. */
static xmlNodePtr
check_field(struct form *f, xmlNodePtr form, enum key key, int stored)
{
	xmlNodePtr fld = xmlNewChild(form, NULL, BAD_CAST "field", NULL);
	int on = sent(f) ? f->r->val[key] != NULL : stored;

	render_attr(fld, "name", req_keys[key].name);
	render_attr(fld, "type", "checkbox");
	render_attr(fld, "value", "1");
	if (on)
		render_attr(fld, "checked", "1");
	render_attr(fld, "error", f->err[key]);
	return fld;
}

/* ------------------------------------------- a person's own settings */

/* What a person's settings form is about. */
struct nctx {
	struct view	 v;
	struct person	 p;		/* whose settings */
	struct contact	 c;		/* as stored (version 0: none yet) */
};

/* Fills c: the signed-in person, or the one the path names, whom only
 * an admin or the person themself may see and change. */
static int
notify_ctx(struct req *r, struct nctx *c)
{
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = view_init(&c->v, r, edit_store)) != 0)
		return rc;
	if (r->argstr == NULL)
		c->p = *r->me;
	else if ((rc = store_person_by_login(edit_store, &r->ar, r->argstr,
	    &c->p)) != STORE_OK)
		return worker_fail(r, rc, rc == STORE_NOTFOUND ? "err.person" : NULL);
	if (c->p.id != r->me->id && r->me->role != ROLE_ADMIN)
		return req_error(r, 403, "form.notify.forbidden");
	if ((rc = store_contact_get(edit_store, &r->ar, c->p.id, &c->c)) != STORE_OK)
		return worker_fail(r, rc, rc == STORE_NOTFOUND ? "err.person" : NULL);
	return 0;
}

/* The settings form with status edit/invalid/conflict; cur is the
 * stored record on a conflict. */
static int
notify_form(struct nctx *c, struct form *f, const char *status,
    const struct contact *cur, int http)
{
	struct req *r = c->v.r;
	xmlNodePtr page, who, form;
	uint32_t mail;

	if ((page = view_page(&c->v, r->route->sheet)) == NULL)
		return 500;
	who = xmlNewChild(page, NULL, BAD_CAST "notify", NULL);
	render_attr(who, "login", c->p.login);
	render_attr(who, "name", c->p.name);
	if (c->p.id == r->me->id)
		render_attr(who, "self", "1");
	form = form_begin(f, page, r->argstr == NULL ? "/edit/notify" :
	    arena_printf(&r->ar, "/edit/notify/%s", c->p.login), status,
	    cur != NULL ? cur->version : c->c.version,
	    back_or(r, arena_printf(&r->ar, "/person/%s", c->p.login)));
	form_field(f, form, KEY_EMAIL, "text", c->c.email,
	    cur != NULL ? cur->email : NULL, OKR_MAX_EMAIL);
	lang_field(f, form, c->c.lang, cur != NULL ? &cur->lang : NULL);
	mail = ~(cur != NULL ? cur->mute : 0) & NOTE_ALL;
	kinds_field(f, form, "mail", KEY_MAIL_CHECKIN, 1, sent(f) ? mail_sent(r) :
	    ~c->c.mute & NOTE_ALL, cur != NULL ? &mail : NULL);
	return render_reply(r, page, http);
}

/* GET /edit/notify[/LOGIN]: the form, as stored. */
int
edit_notify_page(struct req *r)
{
	struct nctx c;
	struct form f;
	int rc;

	if ((rc = notify_ctx(r, &c)) != 0)
		return rc;
	form_init(&f, r);
	return notify_form(&c, &f, "edit", NULL, 200);
}

/* POST /edit/notify[/LOGIN]: an address (empty: no mail), a language,
 * and a box per kind of notice, ticked to be mailed it. */
int
edit_notify_post(struct req *r)
{
	struct nctx c;
	struct form f;
	struct contact ct, cur;
	const char *email;
	int rc;

	if ((rc = notify_ctx(r, &c)) != 0)
		return rc;
	form_init(&f, r);
	memset(&ct, 0, sizeof(ct));
	if (form_text(&f, KEY_EMAIL, 0, OKR_MAX_EMAIL, &email) == 0 && *email != '\0') {
		if (strlen(email) > OKR_MAX_EMAIL)
			form_error(&f, KEY_EMAIL, "err.field.too-long");
		else if (!okr_email_ok(email))
			form_error(&f, KEY_EMAIL, "form.notify.err.email");
	}
	lang_read(&f, &ct.lang);
	if (f.nerr > 0)
		return notify_form(&c, &f, "invalid", NULL, 400);
	ct.id = c.p.id;
	/* No version: none was stored when the form was made. */
	ct.version = r->ids[KEY_VERSION];
	ct.mute = ~mail_sent(r) & NOTE_ALL;
	ct.email = (char *)email;
	switch ((rc = store_contact_put(edit_store, r->me->id, &ct))) {
	case STORE_OK:
		render_redirect(r, back_or(r, arena_printf(&r->ar, "/person/%s",
		    c.p.login)), NULL);
		return 0;
	case STORE_CONFLICT:
		if (store_contact_get(edit_store, &r->ar, c.p.id, &cur) != STORE_OK)
			return 500;
		c.c = cur;
		return notify_form(&c, &f, "conflict", &cur, 409);
	case STORE_INVALID:
		/* The store's rule of an address is the one checked above. */
		form_error(&f, KEY_EMAIL, "form.notify.err.email");
		return notify_form(&c, &f, "invalid", NULL, 400);
	default:
		return worker_fail(r, rc, NULL);
	}
}

/* -------------------------------------- the admin page of notifications */

/* The form that failed, shown in its place with what was sent. */
enum nfwhat { NF_NONE, NF_BOT, NF_BOT_NEW, NF_DELETE, NF_REMIND };

struct nfail {
	enum nfwhat	 what;
	uint32_t	 id;		/* the bot, or the unit (new bot, reminder) */
	uint32_t	 unit;		/* the unit whose section shows it */
	struct form	*f;
	const char	*status;	/* "invalid" or "conflict" */
	const struct bot *cur;		/* a conflict: the bot as stored */
};

/* The admin page's own address (with its page of units), for back. */
static const char *
admin_path(struct req *r, uint32_t from)
{
	return from == 0 ? arena_printf(&r->ar, "%s/edit/admin/notify", r->script) :
	    arena_printf(&r->ar, "%s/edit/admin/notify?from=%u", r->script, from);
}

/* The fields of a bot's form: b as stored (a new one's defaults), cur
 * as stored now on a conflict; the unit is the section's on a new one,
 * else a list of units when v->units holds them, else typed. */
static void
bot_fields(struct view *v, struct form *f, xmlNodePtr form, const struct bot *b,
    const struct bot *cur, int is_new)
{
	struct req *r = v->r;
	xmlNodePtr fld;
	uint32_t events;
	size_t i;
	int k;

	if (is_new)
		form_field(f, form, KEY_UNIT, "hidden", edit_id_str(r, b->unit), NULL, 0);
	else {
		fld = form_field(f, form, KEY_UNIT, v->units != NULL ? "select" : "text",
		    edit_id_str(r, b->unit), cur ? edit_id_str(r, cur->unit) : NULL,
		    v->units != NULL ? 0 : 16);
		if (v->units == NULL)
			render_attr(fld, "hint", "form.hint.unit-id");
		for (i = 0; i < v->nunits; i++)
			form_option(fld, edit_id_str(r, v->units[i].id), v->units[i].name,
			    NULL);
	}
	fld = form_field(f, form, KEY_KIND, "select", store_bkind_names[b->kind],
	    cur ? store_bkind_names[cur->kind] : NULL, 0);
	for (k = 0; k < BOT__MAX; k++)
		form_option(fld, store_bkind_names[k], NULL,
		    arena_printf(&r->ar, "form.notify.bot.%s", store_bkind_names[k]));
	form_field(f, form, KEY_NAME, "text", b->name, cur ? cur->name : NULL,
	    OKR_MAX_NAME);
	form_field(f, form, KEY_URL, "text", b->url, cur ? cur->url : NULL, OKR_MAX_URL);
	/* Never the secret itself, stored or typed: whether one is set. */
	fld = form_field(f, form, KEY_SECRET, "password", "", NULL, OKR_MAX_SECRET);
	xmlSetProp(fld, BAD_CAST "value", BAD_CAST "");
	xmlUnsetProp(fld, BAD_CAST "current");
	if (!is_new && b->secret != NULL && *b->secret != '\0') {
		render_attr(fld, "set", "1");
		render_attr(fld, "hint", "form.notify.secret-kept");
		check_field(f, form, KEY_NO_SECRET, 0);
	} else
		render_attr(fld, "hint", "form.notify.secret-hint");
	lang_field(f, form, b->lang, cur ? &cur->lang : NULL);
	events = sent(f) ? events_sent(f) : b->events;
	kinds_field(f, form, req_keys[KEY_EVENTS].name, KEY_EVENTS, 0, events,
	    cur ? &cur->events : NULL);
}

/* A bot's forms (change, delete), under the unit's section. */
static void
bot_row(struct view *v, xmlNodePtr un, const struct bot *b, const struct nfail *nf,
    uint32_t from)
{
	struct req *r = v->r;
	struct form plain, *f;
	xmlNodePtr bn, form, msg;
	const char *back = admin_path(r, from), *status;
	int hit;

	form_init(&plain, r);
	plain.input = 0;
	bn = xmlNewChild(un, NULL, BAD_CAST "bot", NULL);
	render_attr_u(bn, "id", b->id);
	render_attr(bn, "kind", store_bkind_names[b->kind]);
	render_attr(bn, "name", b->name);
	hit = nf->what == NF_BOT && nf->id == b->id;
	f = hit ? nf->f : &plain;
	status = hit ? nf->status : "edit";
	form = form_begin(f, bn, arena_printf(&r->ar, "/edit/admin/bot/%u", b->id),
	    status, hit && nf->cur ? nf->cur->version : b->version, back);
	bot_fields(v, f, form, b, hit ? nf->cur : NULL, 0);
	hit = nf->what == NF_DELETE && nf->id == b->id;
	f = hit ? nf->f : &plain;
	status = hit ? nf->status : "edit";
	form = form_begin(f, bn, arena_printf(&r->ar, "/edit/admin/bot/%u/delete", b->id),
	    status, b->version, back);
	render_attr(form, "purpose", "delete");
	/* Nothing typed to merge: the bot changed, look at it again. */
	for (msg = form->children; msg != NULL; msg = msg->next)
		if (xmlStrcmp(msg->name, BAD_CAST "message") == 0 &&
		    strcmp(status, "conflict") == 0)
			xmlSetProp(msg, BAD_CAST "key", BAD_CAST "form.notify.delete-conflict");
	check_field(f, form, KEY_CONFIRM, 0);
}

/* The form of a new bot of unit (or, unit 0, of a unit that is gone). */
static void
bot_new(struct view *v, xmlNodePtr parent, uint32_t unit, const struct nfail *nf,
    uint32_t from)
{
	struct req *r = v->r;
	struct form plain, *f;
	struct bot b;
	xmlNodePtr form;
	int hit = nf->what == NF_BOT_NEW && nf->unit == unit;

	form_init(&plain, r);
	plain.input = 0;
	f = hit ? nf->f : &plain;
	memset(&b, 0, sizeof(b));
	b.unit = unit;
	b.lang = -1;
	b.events = BOT_DEFAULT_EVENTS;
	b.name = b.url = b.secret = (char *)"";
	form = form_begin(f, parent, "/edit/admin/bot/new", hit ? nf->status : "new", 0,
	    admin_path(r, from));
	bot_fields(v, f, form, &b, NULL, 1);
}

/* The unit's check-in reminder: "tue 09:30", empty for the setting's. */
static int
remind_form(struct view *v, xmlNodePtr un, const struct unit *u,
    const struct nfail *nf, uint32_t from)
{
	struct req *r = v->r;
	struct form plain, *f;
	xmlNodePtr form, fld;
	char buf[10] = "";
	int32_t minute;
	int rc, hit = nf->what == NF_REMIND && nf->id == u->id;

	if ((rc = store_unit_remind_get(v->st, u->id, &minute)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if (minute >= 0) {
		okr_week_time_format(minute, buf);
		render_attr(un, "remind", buf);
	} else {
		okr_week_time_format(view_checkin_remind, buf);
		render_attr(un, "remind-default", buf);
	}
	form_init(&plain, r);
	plain.input = 0;
	f = hit ? nf->f : &plain;
	form = form_begin(f, un, arena_printf(&r->ar, "/edit/admin/unit/%u/remind",
	    u->id), hit ? nf->status : "edit", 0, admin_path(r, from));
	render_attr(form, "purpose", "remind");
	fld = form_field(f, form, KEY_REMIND, "text", buf, NULL, 9);
	render_attr(fld, "hint", "form.notify.remind-hint");
	return 0;
}

/* A list of deliveries in state, newest first: what each was (its
 * event's kind and unit), to whom (a person, a bot), its tries, when it
 * was done and its last error. */
static int
deliveries(struct view *v, xmlNodePtr admin, enum dstate state, size_t max,
    const struct bot *bots, size_t nbots)
{
	struct req *r = v->r;
	struct delivery *d;
	struct event e;
	const struct person *p;
	const struct unit *u;
	xmlNodePtr dl, dn;
	size_t i, j, n;
	int rc;

	if ((rc = store_deliveries(v->st, &r->ar, state, okr_now(), max, &d,
	    &n)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	dl = xmlNewChild(admin, NULL, BAD_CAST "deliveries", NULL);
	render_attr(dl, "state", store_dstate_names[state]);
	for (i = 0; i < n; i++) {
		dn = xmlNewChild(dl, NULL, BAD_CAST "delivery", NULL);
		render_attr_u(dn, "id", d[i].id);
		render_attr_u(dn, "event", d[i].event);
		if (d[i].channel >= 0 && d[i].channel < DCHANNEL__MAX)
			render_attr(dn, "channel", store_dchannel_names[d[i].channel]);
		render_attr_u(dn, "tries", (unsigned long)(d[i].tries > 0 ? d[i].tries : 0));
		rc = store_event_get(v->st, &r->ar, d[i].event, &e);
		if (rc == STORE_OK && e.kind >= 0 && e.kind < NOTE__MAX) {
			render_attr(dn, "kind", store_nkind_names[e.kind]);
			if ((u = view_unit(v, e.unit)) != NULL)
				render_attr(dn, "unit-name", u->name);
		} else if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return worker_fail(r, rc, NULL);
		if (d[i].channel == CHANNEL_MAIL) {
			if ((p = view_person(v, d[i].target)) != NULL) {
				render_attr(dn, "target-login", p->login);
				render_attr(dn, "target-name", p->name);
			}
		} else {
			render_attr_u(dn, "bot", d[i].target);
			for (j = 0; j < nbots; j++)
				if (bots[j].id == d[i].target) {
					render_attr(dn, "target-name", bots[j].name);
					render_attr(dn, "bot-kind",
					    store_bkind_names[bots[j].kind]);
				}
		}
		view_when(dn, d[i].done_at != 0 ? d[i].done_at : d[i].created_at);
		if (d[i].error != NULL && *d[i].error != '\0')
			render_text(dn, "error", d[i].error);
	}
	return 0;
}

/* The admin page of notifications: a page of units (from ?from=, or
 * from the unit of the form that failed), each with its reminder time,
 * its bots and a new bot; then the dead deliveries and the last sent. */
static int
admin_notify(struct req *r, struct view *v, const struct nfail *nf, int http)
{
	struct unit *rows, *before;
	struct bot *bots;
	xmlNodePtr page, admin, pager, un;
	uint32_t from = nf->what != NF_NONE ? nf->unit : r->ids[KEY_FROM];
	size_t i, j, n, nb, nbots;
	int rc, placed = 0;

	if ((rc = store_count(v->st, REC_UNIT, &n)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if (n <= EDIT_CHOICES && (rc = view_units_all(v)) != 0)
		return rc;
	if ((rc = store_range(v->st, &r->ar, REC_UNIT, from, NOTIFY_UNITS + 1, 0,
	    &rows, &n)) != STORE_OK ||
	    (rc = store_range(v->st, &r->ar, REC_UNIT, from, NOTIFY_UNITS, 1,
	    &before, &nb)) != STORE_OK ||
	    (rc = store_bots_all(v->st, &r->ar, &bots, &nbots)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if ((page = view_page(v, r->route->sheet)) == NULL)
		return 500;
	admin = xmlNewChild(page, NULL, BAD_CAST "admin", NULL);
	render_attr(admin, "kind", "notify");
	if (nb > 0 || n > NOTIFY_UNITS) {
		pager = xmlNewChild(admin, NULL, BAD_CAST "pager", NULL);
		if (nb > 0)
			render_attr_u(pager, "prev", before[0].id);
		if (n > NOTIFY_UNITS)
			render_attr_u(pager, "next", rows[NOTIFY_UNITS].id);
	}
	for (i = 0; i < n && i < NOTIFY_UNITS; i++) {
		un = view_unit_ref(admin, "unit", &rows[i]);
		if ((rc = remind_form(v, un, &rows[i], nf, from)) != 0)
			return rc;
		for (j = 0; j < nbots; j++)
			if (bots[j].unit == rows[i].id)
				bot_row(v, un, &bots[j], nf, from);
		bot_new(v, un, rows[i].id, nf, from);
		placed |= nf->unit == rows[i].id;
	}
	/* A new bot for a unit that is gone: its form above the units. */
	if (nf->what == NF_BOT_NEW && !placed) {
		bot_new(v, admin, nf->unit, nf, from);
		if (admin->children != admin->last)
			xmlAddPrevSibling(admin->children, admin->last);
	}
	if ((rc = deliveries(v, admin, DELIVERY_DEAD, NOTIFY_DEAD, bots, nbots)) != 0 ||
	    (rc = deliveries(v, admin, DELIVERY_SENT, NOTIFY_SENT, bots, nbots)) != 0)
		return rc;
	return render_reply(r, page, http);
}

/* GET /edit/admin/notify. */
int
edit_notify_admin(struct req *r)
{
	struct view v;
	struct nfail nf;
	int rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	memset(&nf, 0, sizeof(nf));
	return admin_notify(r, &v, &nf, 200);
}

/* Reads a bot's form into b over old (a new one's: none); errors go
 * to f.  An empty secret keeps the stored one, unless no-secret. */
static void
bot_read(struct view *v, struct form *f, const struct bot *old, struct bot *b)
{
	struct req *r = v->r;
	const char *name, *url, *secret;
	int kind = 0;

	*b = *old;
	if (form_id(f, KEY_UNIT, 1, &b->unit) == 0 && view_unit(v, b->unit) == NULL)
		form_error(f, KEY_UNIT, "err.field.choice");
	if (form_choice(f, KEY_KIND, store_bkind_names, BOT__MAX, &kind) == 0)
		b->kind = kind;
	form_text(f, KEY_NAME, 1, OKR_MAX_NAME, &name);
	if (form_text(f, KEY_URL, 1, OKR_MAX_URL, &url) == 0) {
		if (strlen(url) > OKR_MAX_URL)
			form_error(f, KEY_URL, "err.field.too-long");
		else if (!okr_bot_url_ok(url))
			form_error(f, KEY_URL, "form.notify.err.url");
	}
	if (form_text(f, KEY_SECRET, 0, OKR_MAX_SECRET, &secret) == 0) {
		if (strlen(secret) > OKR_MAX_SECRET) {
			f->max[KEY_SECRET] = OKR_MAX_SECRET;
			form_error(f, KEY_SECRET, "err.field.too-long");
		} else if (!okr_text_ok(secret, OKR_MAX_SECRET, 0))
			form_error(f, KEY_SECRET, "form.notify.err.secret");
	}
	lang_read(f, &b->lang);
	b->events = events_sent(f);
	b->name = (char *)name;
	b->url = (char *)url;
	/* A secret typed replaces the stored one; left empty, it stays
	 * (or goes, with no-secret). */
	if (*secret != '\0')
		b->secret = (char *)secret;
	else if (r->val[KEY_NO_SECRET] != NULL || old->secret == NULL)
		b->secret = (char *)"";
}

/* POST /edit/admin/bot/new and /edit/admin/bot/ID: adds or changes a
 * bot; a refused form comes back in its place on the page. */
int
edit_bot_post(struct req *r)
{
	struct view v;
	struct form f;
	struct bot old, b, cur;
	struct nfail nf;
	uint32_t ver = 0;
	int is_new = r->id == 0, rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	memset(&old, 0, sizeof(old));
	if (!is_new) {
		if ((rc = edit_form_version(r, &ver)) != 0)
			return rc;
		if ((rc = store_bot_get(edit_store, &r->ar, r->id, &old)) != STORE_OK)
			return worker_fail(r, rc, NULL);
	} else
		old.secret = (char *)"";
	form_init(&f, r);
	bot_read(&v, &f, &old, &b);
	memset(&nf, 0, sizeof(nf));
	nf.what = is_new ? NF_BOT_NEW : NF_BOT;
	nf.id = r->id;
	/* A new bot's form sits in the section of the unit it names. */
	nf.unit = is_new ? (view_unit(&v, r->ids[KEY_UNIT]) != NULL ?
	    r->ids[KEY_UNIT] : 0) : old.unit;
	nf.f = &f;
	nf.status = "invalid";
	if (f.nerr > 0)
		return admin_notify(r, &v, &nf, 400);
	b.id = r->id;
	b.version = ver;
	switch ((rc = store_bot_put(edit_store, r->me->id, &b))) {
	case STORE_OK:
		render_redirect(r, back_or(r, "/edit/admin/notify"), NULL);
		return 0;
	case STORE_CONFLICT:
		if ((rc = store_bot_get(edit_store, &r->ar, r->id, &cur)) != STORE_OK)
			return worker_fail(r, rc, NULL);
		nf.status = "conflict";
		nf.cur = &cur;
		return admin_notify(r, &v, &nf, 409);
	case STORE_INVALID:
		/* The unit went meanwhile (the fields were checked above). */
		form_error(&f, KEY_UNIT, "err.field.choice");
		return admin_notify(r, &v, &nf, 400);
	default:
		return worker_fail(r, rc, NULL);
	}
}

/* POST /edit/admin/bot/ID/delete: removes a bot once the box that
 * confirms it is ticked (else its form says so); 409 when it changed
 * since the page was made. */
int
edit_bot_delete(struct req *r)
{
	struct view v;
	struct form f;
	struct bot b;
	struct nfail nf;
	uint32_t ver;
	int rc;

	if ((rc = view_init(&v, r, edit_store)) != 0 ||
	    (rc = edit_form_version(r, &ver)) != 0)
		return rc;
	if ((rc = store_bot_get(edit_store, &r->ar, r->id, &b)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	form_init(&f, r);
	memset(&nf, 0, sizeof(nf));
	nf.what = NF_DELETE;
	nf.id = b.id;
	nf.unit = b.unit;
	nf.f = &f;
	nf.status = "invalid";
	if (r->val[KEY_CONFIRM] == NULL) {
		form_error(&f, KEY_CONFIRM, "form.notify.err.confirm");
		return admin_notify(r, &v, &nf, 400);
	}
	rc = store_bot_delete(edit_store, r->me->id, b.id, ver);
	if (rc == STORE_CONFLICT) {
		nf.status = "conflict";
		return admin_notify(r, &v, &nf, 409);
	}
	if (rc != STORE_OK)
		return worker_fail(r, rc, NULL);
	render_redirect(r, back_or(r, "/edit/admin/notify"), NULL);
	return 0;
}

/* POST /edit/admin/unit/ID/remind: the unit's own weekly check-in
 * reminder ("tue 09:30"), or empty for the setting checkin-reminder. */
int
edit_remind_post(struct req *r)
{
	struct view v;
	struct form f;
	struct nfail nf;
	const char *s;
	int32_t minute = -1;
	int rc;

	if ((rc = view_init(&v, r, edit_store)) != 0)
		return rc;
	if (view_unit(&v, r->id) == NULL)
		return req_error(r, 404, "err.unit");
	form_init(&f, r);
	if (form_text(&f, KEY_REMIND, 0, 9, &s) == 0 && *s != '\0' &&
	    okr_week_time_parse(s, &minute) != 0)
		form_error(&f, KEY_REMIND, "form.notify.err.remind");
	if (f.nerr > 0) {
		/* The limit a time has is its form, which the message says. */
		if (f.err[KEY_REMIND] != NULL &&
		    strcmp(f.err[KEY_REMIND], "err.field.too-long") == 0)
			f.err[KEY_REMIND] = "form.notify.err.remind";
		memset(&nf, 0, sizeof(nf));
		nf.what = NF_REMIND;
		nf.id = nf.unit = r->id;
		nf.f = &f;
		nf.status = "invalid";
		return admin_notify(r, &v, &nf, 400);
	}
	if ((rc = store_unit_remind_set(edit_store, r->me->id, r->id, minute)) != STORE_OK)
		return worker_fail(r, rc, rc == STORE_NOTFOUND ? "err.unit" : NULL);
	render_redirect(r, back_or(r, "/edit/admin/notify"), NULL);
	return 0;
}

/* POST /edit/admin/delivery/ID/resend: a dead delivery is tried again
 * from the start; 409 when it is no longer dead (sent again already). */
int
edit_resend_post(struct req *r)
{
	int rc = store_delivery_resend(edit_store, r->me->id, r->id);

	if (rc == STORE_CONFLICT)
		return req_error(r, 409, "admin.notify.err.resend");
	if (rc != STORE_OK)
		return worker_fail(r, rc, NULL);
	render_redirect(r, back_or(r, "/edit/admin/notify"), NULL);
	return 0;
}
