/* notify.c: the notifications' schedule, fan-out and delivery (notify.h).
 *
 * The messages are made at delivery from what the store holds then, by
 * the same view code as the pages (the inbox's rules, the health flags)
 * and by xslt/notify.xsl from the same catalogs: a reminder never says
 * something the inbox would not. */
#include <sys/types.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "arena.h"
#include "conf.h"
#include "log.h"
#include "notify.h"
#include "notify-send.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "store.h"
#include "view.h"
#include "xmlio.h"

/* A slot missed by more than this (the process was down) is let go: a
 * Monday reminder read on Wednesday would only mislead. */
#define SLOT_GRACE	(12 * 3600)
#define MAX_BACKOFF	(6 * 3600)
#define FANOUT_BATCH	50	/* events fanned out in one pass */
#define DELIVER_BATCH	20	/* deliveries tried in one pass */
#define WEEK_MINUTES	(7 * 24 * 60)

static const struct conf *cf;
static char url_base[600];	/* absolute: links in messages */
static char mail_host[256];	/* the Message-ID's right side */

/* A request of no one's: what view.c needs to build a message's document
 * for a reader (me, in lang), its arena freed with it. */
struct nctx {
	struct req	 r;
	struct view	 v;
	struct store	*st;
};

static void
say(notify_say fn, void *arg, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fn(arg, line);
}

static int
ctx_open(struct nctx *c, struct store *st, struct person *me, int lang)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->r.ar);
	c->st = st;
	c->r.script = cf->public_path[0] != '\0' ? cf->public_path : "/okr";
	c->r.lang = lang >= 0 && lang < LANG__MAX ? (enum lang)lang : LANG_EN;
	c->r.me = me;
	c->r.pc_fd = -1;
	c->r.cards_whole = 1;
	return view_init(&c->v, &c->r, st) == 0 ? 0 : -1;
}

static void
ctx_close(struct nctx *c)
{
	xmlFreeDoc(c->r.doc);
	arena_free(&c->r.ar);
}

int
notify_init(const struct conf *c)
{
	const char *host;
	size_t n;

	cf = c;
	if (c->public_origin[0] != '\0') {
		snprintf(url_base, sizeof(url_base), "%s%s", c->public_origin,
		    c->public_path);
		host = strstr(c->public_origin, "://") + 3;
		n = strcspn(host, ":]");
		if (*host == '[')
			host++, n = strcspn(host, "]");
		snprintf(mail_host, sizeof(mail_host), "%.*s", (int)n, host);
	} else {
		if (gethostname(mail_host, sizeof(mail_host)) != 0 || mail_host[0] == '\0' ||
		    strspn(mail_host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-") != strlen(mail_host))
			strcpy(mail_host, "localhost");
		snprintf(url_base, sizeof(url_base), "http://%s/okr", mail_host);
	}
	if (render_init(c->xslt_dir) != 0) {
		log_err("%s: cannot load the stylesheets' catalogs", c->xslt_dir);
		return -1;
	}
	view_checkin_days = c->checkin_days;
	return ns_init();
}

void
notify_cleanup(void)
{
	ns_cleanup();
	render_cleanup();
}

int64_t
notify_retry_in(int failures, int retries, int backoff)
{
	int64_t wait = backoff;
	int i;

	if (failures >= retries)
		return 0;
	for (i = 1; i < failures && wait < MAX_BACKOFF; i++)
		wait *= 2;
	return wait < MAX_BACKOFF ? wait : MAX_BACKOFF;
}

/* ------------------------------------------------ who is concerned */

/* The people of unit (and, with below, of every unit under it), in
 * c's arena. */
static int
unit_people(struct nctx *c, uint32_t unit, int below, struct person **out,
    size_t *nout)
{
	struct arena_vec all = ARENA_VEC(struct person);
	struct person *p;
	size_t i, j, n;
	int rc;

	if (below && view_units_all(&c->v) != 0)
		return STORE_ERR;
	for (i = 0; i < (below ? c->v.nunits : 1); i++) {
		uint32_t u = below ? c->v.units[i].id : unit;

		if (below && !view_unit_within(&c->v, u, unit))
			continue;
		if ((rc = store_people_in_unit(c->st, &c->r.ar, u, &p, &n)) != STORE_OK)
			return rc;
		for (j = 0; j < n; j++)
			*(struct person *)arena_vec_add(&c->r.ar, &all, 1) = p[j];
	}
	*out = all.items;
	*nout = all.n;
	return STORE_OK;
}

/* Who of the unit's own people owes check-ins, with how many (krs[i]). */
static int
owing(struct nctx *c, uint32_t unit, struct person **who, int **krs, size_t *n)
{
	struct person *p;
	size_t i, np;
	int rc, k;

	*n = 0;
	if ((rc = store_people_in_unit(c->st, &c->r.ar, unit, &p, &np)) != STORE_OK)
		return rc;
	*who = arena_alloc(&c->r.ar, (np + 1) * sizeof(**who));
	*krs = arena_alloc(&c->r.ar, (np + 1) * sizeof(**krs));
	for (i = 0; i < np; i++) {
		if ((rc = view_owed_checkins(&c->v, &p[i], &k)) != STORE_OK)
			return rc;
		if (k == 0)
			continue;
		(*who)[*n] = p[i];
		(*krs)[(*n)++] = k;
	}
	return STORE_OK;
}

/* A mail delivery to person p, when they have an address and want this
 * kind by mail. */
static int
add_mail(struct nctx *c, struct arena_vec *out, uint32_t person, int kind)
{
	struct contact ct;
	struct delivery *d;
	int rc;

	if (person == 0)
		return STORE_OK;
	rc = store_contact_get(c->st, &c->r.ar, person, &ct);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (ct.email == NULL || ct.email[0] == '\0' || (ct.mute & (1u << kind)))
		return STORE_OK;
	d = arena_vec_add(&c->r.ar, out, 1);
	memset(d, 0, sizeof(*d));
	d->channel = CHANNEL_MAIL;
	d->target = person;
	return STORE_OK;
}

/* The deliveries of event e: its mails, then its bots' messages. */
static int
targets(struct nctx *c, const struct event *e, struct delivery **out, size_t *n)
{
	struct arena_vec v = ARENA_VEC(struct delivery);
	const struct unit *u = view_unit(&c->v, e->unit);
	struct person *p;
	struct bot *b;
	size_t i, np, nb;
	int *krs, rc = STORE_OK, some = 1;

	switch (e->kind) {
	case NOTE_CHECKIN:
		if ((rc = owing(c, e->unit, &p, &krs, &np)) != STORE_OK)
			return rc;
		for (i = 0; i < np && rc == STORE_OK; i++)
			rc = add_mail(c, &v, p[i].id, e->kind);
		some = np > 0;
		break;
	case NOTE_ESCALATE:
		if ((rc = owing(c, e->unit, &p, &krs, &np)) != STORE_OK)
			return rc;
		if ((some = np > 0) && u != NULL)
			rc = add_mail(c, &v, u->lead, e->kind);
		break;
	case NOTE_DIGEST:
	case NOTE_COMMENT:
		if (e->kind == NOTE_COMMENT && e->person == e->actor)
			break;
		rc = add_mail(c, &v, e->person, e->kind);
		break;
	case NOTE_MEETING:
		if ((rc = unit_people(c, e->unit, 1, &p, &np)) != STORE_OK)
			return rc;
		for (i = 0; i < np && rc == STORE_OK; i++)
			rc = add_mail(c, &v, p[i].id, e->kind);
		break;
	case NOTE_DRAFT:
		if (view_units_all(&c->v) != 0)
			return STORE_ERR;
		for (i = 0; i < c->v.nunits && rc == STORE_OK; i++)
			if (c->v.units[i].level == LEVEL_DEPARTMENT && c->v.units[i].lead != 0)
				rc = add_mail(c, &v, c->v.units[i].lead, e->kind);
		break;
	}
	if (rc != STORE_OK)
		return rc;
	if (some && (rc = store_bots_all(c->st, &c->r.ar, &b, &nb)) != STORE_OK)
		return rc;
	for (i = 0; some && i < nb; i++) {
		const struct unit *bu = view_unit(&c->v, b[i].unit);
		struct delivery *d;

		if (!(b[i].events & (1u << e->kind)))
			continue;
		/* A draft concerns every department; the rest their unit. */
		if (b[i].unit != e->unit && !(e->kind == NOTE_DRAFT && bu != NULL &&
		    bu->level == LEVEL_DEPARTMENT))
			continue;
		d = arena_vec_add(&c->r.ar, &v, 1);
		memset(d, 0, sizeof(*d));
		d->channel = CHANNEL_BOT;
		d->target = b[i].id;
	}
	*out = v.items;
	*n = v.n;
	return STORE_OK;
}

/* "mail to LOGIN <ADDRESS>" or "bot NAME (KIND)", for the report. */
static const char *
target_name(struct nctx *c, const struct delivery *d)
{
	if (d->channel == CHANNEL_MAIL) {
		const struct person *p = view_person(&c->v, d->target);
		struct contact ct;

		if (store_contact_get(c->st, &c->r.ar, d->target, &ct) != STORE_OK)
			ct.email = (char *)"";
		return arena_printf(&c->r.ar, "mail to %s <%s>", p != NULL ? p->login : "?",
		    ct.email);
	} else {
		struct bot b;

		if (store_bot_get(c->st, &c->r.ar, d->target, &b) != STORE_OK)
			return arena_printf(&c->r.ar, "bot %u (removed)", d->target);
		return arena_printf(&c->r.ar, "%s bot %s", store_bkind_names[b.kind],
		    b.name != NULL ? b.name : "");
	}
}

/* ------------------------------------------------ the schedule */

/* The day n working days (Monday to Friday) after day. */
static int32_t
working_days_after(int32_t day, int n)
{
	while (n > 0) {
		day++;
		if (day - okr_monday(day) < 5)
			n--;
	}
	return day;
}

/* Fires slot key with its n events, or (dry) says it would; a slot that
 * fired already is passed by. */
static int
fire(struct nctx *c, const char *key, struct event *e, size_t n, int dry,
    notify_say fn, void *arg)
{
	struct delivery *d;
	size_t i, j, nd;
	int rc, yes;

	if ((rc = store_slot_fired(c->st, key, &yes)) != STORE_OK || yes)
		return rc;
	if (!dry) {
		rc = store_slot_fire(c->st, key, e, n);
		if (rc == STORE_OK)
			say(fn, arg, "fired %s: %zu event(s)", key, n);
		return rc == STORE_CONFLICT ? STORE_OK : rc;
	}
	say(fn, arg, "would fire %s", key);
	for (i = 0; i < n; i++) {
		if ((rc = targets(c, &e[i], &d, &nd)) != STORE_OK)
			return rc;
		for (j = 0; j < nd; j++)
			say(fn, arg, "  %s: %s", store_nkind_names[e[i].kind],
			    target_name(c, &d[j]));
	}
	return STORE_OK;
}

/* The weekly slots of a unit: its check-in reminder this week and last
 * (an escalation may fall in the next week), the escalations after
 * them, and its lead's digest. */
static int
schedule_unit(struct nctx *c, const struct unit *u, int64_t now, int32_t today,
    int dry, notify_say fn, void *arg)
{
	int32_t minute, day, w, monday = okr_monday(today);
	int64_t at;
	char key[64];
	int rc, yes;

	if ((rc = store_unit_remind_get(c->st, u->id, &minute)) != STORE_OK)
		return rc;
	if (minute < 0)
		minute = cf->checkin_remind;
	for (w = 1; w >= 0; w--) {
		day = monday - 7 * w + minute / 1440;
		at = okr_local_at(day, minute % 1440);
		if (now >= at && now < at + SLOT_GRACE) {
			struct event e = { .kind = NOTE_CHECKIN, .unit = u->id, .day = day };

			snprintf(key, sizeof(key), "checkin:%u:%d", u->id, day);
			if ((rc = fire(c, key, &e, 1, dry, fn, arg)) != STORE_OK)
				return rc;
		}
		at = okr_local_at(working_days_after(day, cf->escalate_days), minute % 1440);
		if (u->lead != 0 && now >= at && now < at + SLOT_GRACE) {
			struct event e = { .kind = NOTE_ESCALATE, .unit = u->id, .day = day,
			    .person = u->lead };

			/* Only after a reminder went out. */
			snprintf(key, sizeof(key), "checkin:%u:%d", u->id, day);
			if ((rc = store_slot_fired(c->st, key, &yes)) != STORE_OK)
				return rc;
			snprintf(key, sizeof(key), "escalate:%u:%d", u->id, day);
			if (yes && (rc = fire(c, key, &e, 1, dry, fn, arg)) != STORE_OK)
				return rc;
		}
	}
	day = monday + cf->digest / 1440;
	at = okr_local_at(day, cf->digest % 1440);
	if (u->lead != 0 && now >= at && now < at + SLOT_GRACE) {
		struct event e = { .kind = NOTE_DIGEST, .unit = u->id, .day = day,
		    .person = u->lead };

		snprintf(key, sizeof(key), "digest:%u:%d", u->id, day);
		if ((rc = fire(c, key, &e, 1, dry, fn, arg)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

/* A unit's planned meetings of tomorrow, from the reminder's time of
 * today on. */
static int
schedule_meetings(struct nctx *c, const struct unit *u, int64_t now, int32_t today,
    int dry, notify_say fn, void *arg)
{
	struct meeting *m;
	char key[64];
	size_t i, n;
	int rc;

	if (now < okr_local_at(today, cf->meeting_remind))
		return STORE_OK;
	if ((rc = store_meetings_by_unit(c->st, &c->r.ar, u->id, &m, &n)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct event e = { .kind = NOTE_MEETING, .unit = u->id, .ref = m[i].id,
		    .day = m[i].day };

		if (m[i].state != MEET_PLANNED || m[i].day != today + 1)
			continue;
		snprintf(key, sizeof(key), "meeting:%u", m[i].id);
		if ((rc = fire(c, key, &e, 1, dry, fn, arg)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
notify_schedule(struct store *st, int64_t now, int dry, notify_say fn, void *arg)
{
	struct nctx c;
	int32_t today = okr_day_of(now);
	size_t i;
	int rc = STORE_OK;

	if (ctx_open(&c, st, NULL, cf->notify_lang) != 0 || view_units_all(&c.v) != 0) {
		ctx_close(&c);
		return STORE_ERR;
	}
	for (i = 0; i < c.v.nunits && rc == STORE_OK; i++)
		if ((rc = schedule_unit(&c, &c.v.units[i], now, today, dry, fn, arg)) == STORE_OK)
			rc = schedule_meetings(&c, &c.v.units[i], now, today, dry, fn, arg);
	ctx_close(&c);
	return rc;
}

/* ------------------------------------------------ the fan-out */

int
notify_fanout(struct store *st, int dry, notify_say fn, void *arg)
{
	struct nctx c;
	struct event *e;
	struct delivery *d;
	size_t i, j, n, nd;
	int rc;

	if (ctx_open(&c, st, NULL, cf->notify_lang) != 0) {
		ctx_close(&c);
		return STORE_ERR;
	}
	rc = store_events_new(st, &c.r.ar, FANOUT_BATCH, &e, &n);
	for (i = 0; i < n && rc == STORE_OK; i++) {
		if ((rc = targets(&c, &e[i], &d, &nd)) != STORE_OK)
			break;
		for (j = 0; j < nd; j++)
			say(fn, arg, "%s event %u %s: %s", dry ? "would send" : "queued",
			    e[i].id, store_nkind_names[e[i].kind], target_name(&c, &d[j]));
		if (!dry)
			rc = store_event_fanout(st, e[i].id, d, nd);
	}
	ctx_close(&c);
	return rc;
}

/* ------------------------------------------------ the messages */

/* The part of the message document each kind has (notify.xsl reads it). */
static int
notice_body(struct nctx *c, xmlNodePtr no, const struct event *e, int mail)
{
	struct objective o;
	struct person *p;
	int *krs, count, rc;
	double score;
	size_t i, n;
	xmlNodePtr x;

	view_unit_ref(no, "unit", view_unit(&c->v, e->unit));
	switch (e->kind) {
	case NOTE_CHECKIN:
	case NOTE_ESCALATE:
		if (e->kind == NOTE_ESCALATE)
			render_attr(xmlNewChild(no, NULL, BAD_CAST "since", NULL), "day",
			    view_day(&c->r, e->day));
		if (mail && e->kind == NOTE_CHECKIN)
			return view_owed(&c->v, no, &count);
		if ((rc = owing(c, e->unit, &p, &krs, &n)) != STORE_OK)
			return rc;
		x = xmlNewChild(no, NULL, BAD_CAST "owing", NULL);
		for (i = 0; i < n; i++) {
			xmlNodePtr pn = xmlNewChild(x, NULL, BAD_CAST "person", NULL);

			render_attr(pn, "login", p[i].login);
			render_attr(pn, "name", p[i].name);
			render_attr_u(pn, "krs", (unsigned long)krs[i]);
		}
		return STORE_OK;
	case NOTE_DIGEST: {
		struct objective *os;

		if (c->v.sel != NULL) {
			render_attr(xmlNewChild(no, NULL, BAD_CAST "cycle", NULL), "name",
			    c->v.sel->name);
			if ((rc = store_objectives_by_cycle_unit(c->st, &c->r.ar,
			    c->v.sel->id, e->unit, &os, &n)) != STORE_OK)
				return rc;
			for (i = 0; i < n; i++)
				if (os[i].state != OBJ_ARCHIVED && os[i].level != LEVEL_PERSONAL &&
				    view_objective(&c->v, no, &os[i], VIEW_KRS | VIEW_HEALTH,
				    &score) != 0)
					return STORE_ERR;
		}
		return c->r.me != NULL ? view_owed(&c->v, no, &count) : STORE_OK;
	}
	case NOTE_MEETING: {
		struct meeting m;

		if ((rc = store_meeting_get(c->st, &c->r.ar, e->ref, &m)) != STORE_OK)
			return rc;
		x = xmlNewChild(no, NULL, BAD_CAST "meeting", NULL);
		render_attr_u(x, "id", m.id);
		render_attr(x, "type", store_mtype_names[m.type]);
		render_attr(x, "state", store_mstate_names[m.state]);
		render_attr(x, "day", view_day(&c->r, m.day));
		render_text(x, "title", m.title);
		return STORE_OK;
	}
	case NOTE_DRAFT:
	case NOTE_COMMENT:
		if ((rc = store_objective_get(c->st, &c->r.ar, e->ref, &o)) != STORE_OK)
			return rc;
		if (view_objective(&c->v, no, &o, 0, &score) != 0)
			return STORE_ERR;
		if (view_cycle(&c->v, o.cycle) != NULL)
			render_attr(xmlNewChild(no, NULL, BAD_CAST "cycle", NULL), "name",
			    view_cycle(&c->v, o.cycle)->name);
		if (e->kind == NOTE_COMMENT) {
			struct comment cm;

			if ((rc = store_get(c->st, &c->r.ar, REC_COMMENT, e->ref2, &cm)) != STORE_OK)
				return rc;
			x = xmlNewChild(no, NULL, BAD_CAST "comment", NULL);
			render_attr_u(x, "id", cm.id);
			render_attr(x, "kind", store_ckind_names[cm.kind]);
			view_when(x, cm.at);
			view_person_ref(&c->v, x, "author", cm.author);
			render_text(x, "text", cm.text);
		}
		return STORE_OK;
	}
	return STORE_INVALID;
}

/* A message's parts, in c's arena; -1 when a part cannot be made. */
static int
message_part(struct nctx *c, const char *sheet, const char *part, char **out)
{
	xmlChar *s;
	int len;

	if (render_string(c->r.doc, sheet, c->r.lang, part, &s, &len) != 0)
		return -1;
	*out = arena_strndup(&c->r.ar, (const char *)s, (size_t)len);
	xmlFree(s);
	return 0;
}

/* The most a bot takes in one message's text, bytes: WeCom's markdown
 * 4096, DingTalk's 20,000, a Feishu request 20 KB; a webhook's is ours. */
static const size_t chat_max[BOT__MAX] = { 4000, 19000, 19000, 1000000 };

/* Cuts s to at most max bytes at a character's edge, ending with "…"
 * (a long digest of a large unit). */
static void
utf8_cut(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "\xe2\x80\xa6", 4);
}

/* The webhook's body: the event in Mubiao's XML vocabulary. */
static char *
webhook_xml(struct nctx *c, const struct event *e, const char *title,
    const char *text)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "mubiao", NULL), x;
	xmlChar *buf = NULL;
	char at[21];
	char *out;
	int n = 0;

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST XMLIO_NS, NULL));
	render_attr(root, "version", XMLIO_VERSION);
	x = xmlNewChild(root, root->ns, BAD_CAST "event", NULL);
	render_attr_u(x, "id", e->id);
	render_attr(x, "kind", store_nkind_names[e->kind]);
	okr_time_format(e->at, at);
	render_attr(x, "at", at);
	render_attr_u(x, "unit", e->unit);
	if (e->person != 0)
		render_attr_u(x, "person", e->person);
	if (e->ref != 0)
		render_attr_u(x, "ref", e->ref);
	if (e->ref2 != 0)
		render_attr_u(x, "ref2", e->ref2);
	if (e->actor != 0)
		render_attr_u(x, "actor", e->actor);
	if (e->day != 0)
		render_attr(x, "day", view_day(&c->r, e->day));
	render_attr(x, "url", url_base);
	render_text(x, "title", title);
	render_text(x, "text", text);
	xmlDocDumpMemoryEnc(doc, &buf, &n, "UTF-8");
	out = buf != NULL ? arena_strndup(&c->r.ar, (const char *)buf, (size_t)n) : NULL;
	xmlFree(buf);
	xmlFreeDoc(doc);
	return out;
}

/* Makes and sends delivery d of event e.  0 sent, -1 not (err says
 * why); 1 when it can never be sent (its bot or address is gone). */
static int
send_one(struct store *st, const struct delivery *d, const struct event *e,
    char *err, size_t errsize)
{
	struct nctx c;
	struct person me;
	struct contact ct = { 0 };
	struct bot b = { 0 };
	xmlNodePtr page, no;
	char at[21], loc[17], zone[10];
	char *subject, *text, *html, *title, *msg, *xml = NULL;
	size_t len;
	int lang = cf->notify_lang, mail = d->channel == CHANNEL_MAIL, rc = -1;
	struct arena ar;

	arena_init(&ar);
	if (mail) {
		if (store_person_get(st, &ar, d->target, &me) != STORE_OK ||
		    store_contact_get(st, &ar, d->target, &ct) != STORE_OK ||
		    ct.email == NULL || ct.email[0] == '\0') {
			snprintf(err, errsize, "no mail address for person %u", d->target);
			arena_free(&ar);
			return 1;
		}
		if (ct.lang >= 0)
			lang = ct.lang;
	} else {
		if (store_bot_get(st, &ar, d->target, &b) != STORE_OK) {
			snprintf(err, errsize, "bot %u was removed", d->target);
			arena_free(&ar);
			return 1;
		}
		if (b.lang >= 0)
			lang = b.lang;
	}
	/* A digest reads as its lead's, for a bot too: the same figures. */
	if (!mail && (e->kind != NOTE_DIGEST || e->person == 0 ||
	    store_person_get(st, &ar, e->person, &me) != STORE_OK))
		me.id = 0;
	if (ctx_open(&c, st, me.id != 0 ? &me : NULL, lang) != 0 ||
	    (page = view_page(&c.v, "notice")) == NULL) {
		snprintf(err, errsize, "cannot read the store");
		goto done;
	}
	no = xmlNewChild(page, NULL, BAD_CAST "notice", NULL);
	render_attr(no, "kind", store_nkind_names[e->kind]);
	render_attr_u(no, "id", e->id);
	render_attr(no, "channel", mail ? "mail" : store_bkind_names[b.kind]);
	render_attr(no, "url", url_base);
	okr_time_format(e->at, at);
	okr_local_format(e->at, loc, zone);
	render_attr(no, "at", at);
	render_attr(no, "local", loc);
	render_attr(no, "zone", zone);
	if (notice_body(&c, no, e, mail) != STORE_OK) {
		snprintf(err, errsize, "cannot read what event %u is about", e->id);
		goto done;
	}
	if (mail) {
		struct ns_mail m = { .from = cf->mail_from, .to = ct.email,
		    .host = mail_host, .event = e->id, .person = d->target,
		    .date = okr_now() };

		if (message_part(&c, "notify", "subject", &subject) != 0 ||
		    message_part(&c, "notify", "text", &text) != 0 ||
		    message_part(&c, "notify-html", "html", &html) != 0) {
			snprintf(err, errsize, "cannot make the message");
			goto done;
		}
		m.subject = subject;
		m.text = text;
		m.html = html;
		if (ns_mail_compose(&c.r.ar, &m, &msg, &len) != 0) {
			snprintf(err, errsize, "cannot compose a mail to %s", ct.email);
			rc = 1;
			goto done;
		}
		rc = ns_mail_send(cf->sendmail, msg, len, cf->notify_timeout, err, errsize);
	} else {
		struct ns_post post;

		if (message_part(&c, "notify", "title", &title) != 0 ||
		    message_part(&c, "notify", "chat", &text) != 0 ||
		    (b.kind == BOT_WEBHOOK && (xml = webhook_xml(&c, e, title, text)) == NULL)) {
			snprintf(err, errsize, "cannot make the message");
			goto done;
		}
		utf8_cut(text, chat_max[b.kind]);
		if (ns_bot_compose(&c.r.ar, b.kind, b.url, b.secret, title, text, xml,
		    e->id, d->id, okr_now() * 1000, &post) != 0) {
			snprintf(err, errsize, "cannot make a request to %s", b.url);
			rc = 1;
			goto done;
		}
		rc = ns_post_send(&post, cf->notify_timeout, err, errsize);
	}
done:
	ctx_close(&c);
	arena_free(&ar);
	return rc;
}

int
notify_deliver(struct store *st, int64_t now, int dry, notify_say fn, void *arg,
    volatile sig_atomic_t *stop)
{
	struct arena ar;
	struct delivery *d;
	struct event e;
	char err[512];
	size_t i, n;
	int rc, sent;

	arena_init(&ar);
	rc = store_deliveries(st, &ar, DELIVERY_PENDING, now, DELIVER_BATCH, &d, &n);
	for (i = 0; i < n && rc == STORE_OK && (stop == NULL || !*stop); i++) {
		/* An event is kept while it has deliveries; one gone (a
		 * damaged store) must not hold back every other. */
		if ((rc = store_event_get(st, &ar, d[i].event, &e)) == STORE_NOTFOUND) {
			rc = dry ? STORE_OK : store_delivery_tried(st, d[i].id, "its event is gone", 0);
			continue;
		}
		if (rc != STORE_OK)
			break;
		if (dry) {
			struct nctx c;

			if (ctx_open(&c, st, NULL, cf->notify_lang) == 0)
				say(fn, arg, "would send event %u %s: %s (tries %d)", e.id,
				    store_nkind_names[e.kind], target_name(&c, &d[i]), d[i].tries);
			ctx_close(&c);
			continue;
		}
		err[0] = '\0';
		sent = send_one(st, &d[i], &e, err, sizeof(err));
		if (sent == 0) {
			say(fn, arg, "sent event %u delivery %u", e.id, d[i].id);
			rc = store_delivery_tried(st, d[i].id, NULL, 0);
		} else {
			int64_t wait = sent == 1 ? 0 : notify_retry_in(d[i].tries + 1,
			    cf->notify_retries, cf->notify_backoff);

			say(fn, arg, "%s event %u delivery %u: %s", wait ? "will retry" : "gave up",
			    e.id, d[i].id, err[0] ? err : "failed");
			rc = store_delivery_tried(st, d[i].id, err[0] ? err : "failed",
			    wait ? okr_now() + wait : 0);
		}
	}
	arena_free(&ar);
	return rc;
}
