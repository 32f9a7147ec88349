/* okr-meet: the meetings of the method.  A unit's calendar of meetings
 * (flagging a unit with no review for more than two weeks), each meeting
 * page with its attendance, minutes and decisions, and the section of its
 * type (meet-view.c builds what the pages show).  Closing a meeting
 * freezes what it showed: later readers see what the room saw.
 *
 * Like okr-edit, every POST has passed the CSRF checks of req.c and
 * answers 303 (Post/Redirect/Get); the store checks who may manage a
 * meeting and that a closed one never changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "arena.h"
#include "form.h"
#include "live.h"
#include "meet-view.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "store.h"
#include "view.h"
#include "worker.h"

static struct store *st;

/* ----------------------------------------------------------- answers */

/* What a refused write answers: for a store status, the HTTP status and
 * the message key (NULL: the status's own).  A list ends with STORE_OK. */
struct refusal {
	int		 sstatus;
	int		 http;
	const char	*errkey;
};

/* A meeting that is closed, not in the state a change needs, or that the
 * user may not run. */
static const struct refusal meeting_refusals[] = {
	{ STORE_CLOSED, 409, "err.meeting.closed" },
	{ STORE_INVALID, 409, "err.meeting.state" },
	{ STORE_FORBIDDEN, 403, "err.403.meeting" },
	{ STORE_OK, 0, NULL }
};

/* Answers a write: 303 to back when the store took it, else the refusal
 * no lists for the store's status, else worker_fail()'s. */
static int
answer(struct req *r, int rc, const struct refusal *no, const char *back)
{
	if (rc == STORE_OK) {
		render_redirect(r, back, NULL);
		return 0;
	}
	for (; no != NULL && no->sstatus != STORE_OK; no++)
		if (no->sstatus == rc) {
			if (no->errkey != NULL)
				r->errkey = no->errkey;
			return no->http;
		}
	return worker_fail(r, rc, NULL);
}

/* The meeting page's address, where a write goes back to. */
static const char *
meeting_url(struct req *r, uint32_t id)
{
	return arena_printf(&r->ar, "%s/meet/%u", r->script, id);
}

/* The version the form was made from: 0, or 400 when absent or bad. */
static int
posted_version(struct req *r, uint32_t *ver)
{
	*ver = r->ids[KEY_VERSION];
	return *ver != 0 ? 0 : req_refuse(r, 400, "no version");
}

/* A meeting form that comes back on its page instead of being saved:
 * what was typed in it is put back, with the error of each wrong field. */
struct again {
	struct form	*f;		/* the form as read, with its errors */
	const char	*action;	/* its route after /meet/<id>/ ("grow") */
	const enum key	*keys;		/* its fields */
	size_t		 n;
	const char	*message;	/* what is wrong as a whole, NULL: the
					 * status' own */
	/* A conflict: the version to save from and, per key, what was saved
	 * meanwhile (NULL: status "invalid"). */
	uint32_t	 version;
	const char	*const *current;
};

#define AGAIN(f, action, keys)	\
	{ (f), (action), (keys), sizeof(keys) / sizeof((keys)[0]), NULL, 0, NULL }

/* A form refused on a page comes back on it, with what was typed and an
 * error next to each wrong field (the stylesheets read it from
 * /page/form, and find the form by its action). */
static void
form_again(xmlNodePtr page, const char *action, const char *back,
    const struct again *a)
{
	struct req *r = a->f->r;
	xmlNodePtr form = form_begin(a->f, page, action,
	    a->current != NULL ? "conflict" : "invalid", a->version, back), fld;
	size_t i, j;

	if (a->message != NULL && form->children != NULL)
		xmlSetProp(form->children, BAD_CAST "key", BAD_CAST a->message);
	for (i = 0; i < a->n; i++) {
		enum key k = a->keys[i];

		fld = form_field(a->f, form, k, "text", NULL,
		    a->current != NULL ? a->current[i] : NULL, 0);
		/* A repeated key (the ticked people) comes back value by
		 * value. */
		for (j = 1; j < r->nmulti[k]; j++) {
			fld = form_field(a->f, form, k, "text", NULL, NULL, 0);
			xmlSetProp(fld, BAD_CAST "value", BAD_CAST r->multi[k][j]);
		}
	}
}

/* ---------------------------------------------------------- calendar */

static const enum key plan_keys[] = { KEY_KIND, KEY_DUE, KEY_TITLE, KEY_OBJECTIVE };

/* A unit's calendar; f, when not NULL, is the plan form that was refused. */
static int
calendar_send(struct req *r, struct view *vp, uint32_t unit, struct form *f,
    int status)
{
	struct view v = *vp;
	struct unit u;
	xmlNodePtr page;
	int rc;

	if ((rc = store_unit_get(st, &r->ar, unit, &u)) != STORE_OK)
		return worker_fail(r, rc, "err.unit");
	if ((page = view_page(&v, "meetings")) == NULL)
		return 500;
	if ((rc = meet_calendar(&v, page, &u)) != 0)
		return rc;
	if (f != NULL) {
		const struct again a = AGAIN(f, "new", plan_keys);

		form_again(page, "/meet/new", arena_printf(&r->ar,
		    "%s/meet/unit/%u", r->script, u.id), &a);
	}
	return render_reply(r, page, status);
}

static int
page_calendar(struct req *r)
{
	struct view v;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	return calendar_send(r, &v, r->id, NULL, 200);
}

/* Plans a meeting; a wrong field brings the calendar back with the form
 * as it was typed. */
static int
post_new(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_FORBIDDEN, 403, "err.403.meeting" },
		{ STORE_RULE, 409, "err.meeting.consensus-level" },
		{ STORE_OK, 0, NULL }
	};
	struct view v;
	struct form f;
	struct meeting m;
	const struct unit *u;
	const char *title;
	int type = 0, rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if (v.sel == NULL)
		return worker_fail(r, STORE_FORBIDDEN, NULL);
	memset(&m, 0, sizeof(m));
	form_init(&f, r);
	form_choice(&f, KEY_KIND, store_mtype_names, MEET__MAX, &type);
	form_date(&f, KEY_DUE, 1, v.sel->start - 366, v.sel->end + 366, &m.day);
	form_text(&f, KEY_TITLE, 0, OKR_MAX_TITLE, &title);
	form_id(&f, KEY_UNIT, 1, &m.unit);
	form_id(&f, KEY_OBJECTIVE, 0, &m.objective);
	if (m.unit != 0 && type == MEET_CONSENSUS && (u = view_unit(&v, m.unit)) != NULL &&
	    !okr_consensus_level(u->level))
		form_error(&f, KEY_KIND, "err.meeting.consensus-level");
	if (f.nerr > 0)
		return m.unit != 0 ? calendar_send(r, &v, m.unit, &f, 400) :
		    req_refuse(r, 400, "a plan without a unit");
	m.type = type;
	m.cycle = v.sel->id;
	m.status = -1;
	m.title = (char *)title;
	rc = store_meeting_put(st, r->me->id, &m);	/* sets m.id */
	return answer(r, rc, no, meeting_url(r, m.id));
}

/* ------------------------------------------------------ meeting page */

/* The version of a meeting's minutes and decisions: a digest of their
 * text, so that ticking attendance or any other change of the meeting
 * does not make the minutes being typed stale.  Never 0. */
static uint32_t
minutes_version(const struct meeting *m)
{
	const char *part[2] = { m->minutes, m->decisions }, *p;
	uint32_t h = 2166136261u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < 2; i++) {
		for (p = part[i] != NULL ? part[i] : ""; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
		h = (h ^ 0xff) * 16777619u;	/* "ab","" is not "a","b" */
	}
	return h != 0 ? h : 1;
}

/* The meeting page's document into *page: 0 or a status. */
static int
meeting_page(struct req *r, struct view *v, const struct meeting *m,
    xmlNodePtr *page)
{
	xmlNodePtr mn;
	int rc;

	if ((*page = view_page(v, "meeting")) == NULL)
		return 500;
	if (r->val[KEY_PRINT] != NULL)
		render_attr(*page, "print", "1");
	if ((rc = meet_section(v, *page, m)) != 0)
		return rc;
	mn = (*page)->last;
	/* The presenter view: the item shown (0: the overview) and the
	 * agenda; a closed meeting shows only what it froze. */
	if (r->val[KEY_PRESENT] != NULL) {
		render_attr(*page, "present", "1");
		render_attr_u(*page, "item", r->ids[KEY_KR]);
		if (m->state != MEET_CLOSED && (rc = meet_agenda(v, mn, m)) != 0)
			return rc;
	}
	if (m->state != MEET_CLOSED) {
		if (view_may(v, PERM_MANAGE_UNIT, m->unit))
			render_attr(mn, "can-manage", "1");
		if (r->me != NULL)
			render_attr(mn, "can-act", "1");
		render_attr_u(mn, "minutes-version", minutes_version(m));
	}
	return 0;
}

/* The meeting page; a, when not NULL, is a form that was refused, shown
 * again as typed. */
static int
meeting_send(struct req *r, struct view *v, const struct meeting *m,
    const struct again *a, int status)
{
	xmlNodePtr page;
	int rc;

	if ((rc = meeting_page(r, v, m, &page)) != 0)
		return rc;
	if (a != NULL)
		form_again(page, arena_printf(&r->ar, "/meet/%u/%s", m->id,
		    a->action), meeting_url(r, m->id), a);
	r->etag = arena_printf(&r->ar, "\"m%u-%u\"", m->id, m->version);
	return render_reply(r, page, status);
}

/* Loads the meeting of the path: 0, or 404 naming it. */
static int
meeting_load(struct req *r, struct view *v, struct meeting *m)
{
	int rc;

	if ((rc = view_init(v, r, st)) != 0)
		return rc;
	if ((rc = store_meeting_get(st, &r->ar, r->id, m)) != STORE_OK)
		return worker_fail(r, rc, "err.meeting");
	view_select(v, m->cycle);
	return 0;
}

/* A meeting form refused for what was typed: the meeting page again,
 * 400, with the form as it was sent and the error beside each wrong
 * field.  Every form of the meeting page comes back this way. */
static int
meeting_again(struct req *r, struct view *v, const struct meeting *m,
    const struct again *a)
{
	return meeting_send(r, v, m, a, 400);
}

static int
page_meeting(struct req *r)
{
	struct view v;
	struct meeting m;
	int rc;

	if ((rc = meeting_load(r, &v, &m)) != 0)
		return rc;
	/* Followers of a live meeting read where its presenter is: the
	 * overview until the presenter moves (the folder is in memory, so
	 * after a reboot too). */
	if (m.state != MEET_CLOSED)
		live_position(m.id, 0, 1);
	return meeting_send(r, &v, &m, NULL, 200);
}

/* The presenter moves to an item (a KR of the agenda, 0 the overview):
 * followers' screens go with them.  Only someone who may run the meeting
 * moves it; the position is published beside the live stamp, not kept in
 * the store. */
static int
post_present(struct req *r)
{
	struct view v;
	struct meeting m;
	struct form f;
	uint32_t kr;
	int rc;

	if ((rc = meeting_load(r, &v, &m)) != 0)
		return rc;
	if (m.state == MEET_CLOSED)
		return answer(r, STORE_CLOSED, meeting_refusals, NULL);
	if (!view_may(&v, PERM_MANAGE_UNIT, m.unit))
		return answer(r, STORE_FORBIDDEN, meeting_refusals, NULL);
	form_init(&f, r);
	form_id(&f, KEY_KR, 0, &kr);
	if (f.nerr > 0)
		return req_refuse(r, 400, "a presenter's item refused");
	if (live_position(m.id, kr, 0) != 0)
		return req_refuse(r, 503, "the presenter's item cannot be published");
	render_redirect(r, kr != 0 ? arena_printf(&r->ar, "%s?present=1&kr=%u",
	    meeting_url(r, m.id), kr) : arena_printf(&r->ar, "%s?present=1",
	    meeting_url(r, m.id)), NULL);
	return 0;
}

/* ----------------------------------------------------- meeting edits */

/* What a change asks of the meeting before any work. */
enum need {
	NEED_VERSION	= 1 << 0,	/* the form names the version it saw */
	NEED_UNCLOSED	= 1 << 1,	/* the meeting is not closed */
	NEED_OPEN	= 1 << 2	/* the meeting is open */
};

/* Loads the meeting a POST changes and checks, in this order, the
 * version the form saw (into m->version), the meeting's type (-1: any)
 * and its state.  0 or the status to answer. */
static int
meeting_begin(struct req *r, struct view *v, struct meeting *m, unsigned need,
    int type)
{
	uint32_t ver;
	int rc;

	if ((rc = meeting_load(r, v, m)) != 0)
		return rc;
	if (need & NEED_VERSION) {
		if ((rc = posted_version(r, &ver)) != 0)
			return rc;
		m->version = ver;
	}
	if (type >= 0 && m->type != type)
		return req_refuse(r, 400, "not a meeting of this type");
	if (m->state == MEET_CLOSED && (need & (NEED_UNCLOSED | NEED_OPEN)))
		return answer(r, STORE_CLOSED, meeting_refusals, NULL);
	/* Not yet open: the room has to start it; nothing a reload fixes. */
	if (m->state == MEET_PLANNED && (need & NEED_OPEN))
		return req_error(r, 409, "err.meeting.planned");
	if (m->state != MEET_OPEN && (need & NEED_OPEN))
		return answer(r, STORE_INVALID, meeting_refusals, NULL);
	return 0;
}

/* Writes m and goes back to the meeting page. */
static int
meeting_save(struct req *r, struct meeting *m)
{
	return answer(r, store_meeting_put(st, r->me->id, m), meeting_refusals,
	    meeting_url(r, m->id));
}

/* The form's logins joined by spaces, in the order given: keep() names
 * the login to write for each (NULL refuses the list) and, when once,
 * each is written once.  NULL when one is refused. */
static char *
login_list(struct req *r, const struct meeting *m,
    const char *(*keep)(struct req *, const struct meeting *, const char *),
    int once)
{
	const char *who;
	char *list, *e;
	size_t i, len = 0;

	for (i = 0; i < r->nmulti[KEY_LOGIN]; i++)
		len += strlen(r->multi[KEY_LOGIN][i]) + 1;
	list = e = arena_alloc(&r->ar, len + 1);
	for (i = 0; i < r->nmulti[KEY_LOGIN]; i++) {
		if ((who = keep(r, m, r->multi[KEY_LOGIN][i])) == NULL)
			return NULL;
		if (!once || !okr_listed(list, who))
			e += sprintf(e, "%s%s", e == list ? "" : " ", who);
	}
	return list;
}

/* Attendance lists only people the store knows: the list is data, not
 * text. */
static const char *
known_person(struct req *r, const struct meeting *m, const char *login)
{
	struct person p;

	(void)m;
	return store_person_by_login(st, &r->ar, login, &p) == STORE_OK ? p.login : NULL;
}

/* A decision is signed off by people present. */
static const char *
present_person(struct req *r, const struct meeting *m, const char *login)
{
	(void)r;
	return okr_listed(m->present, login) ? login : NULL;
}

static int
post_open(struct req *r)
{
	struct view v;
	struct meeting m;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION, -1)) != 0)
		return rc;
	m.state = MEET_OPEN;
	return meeting_save(r, &m);
}

/* Sets the attendance to the form's whole list of logins, for scripts
 * (the meeting page saves it with the minutes): only people the store
 * knows, the list is data, not text. */
static int
post_attendance(struct req *r)
{
	struct view v;
	struct meeting m;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION, -1)) != 0)
		return rc;
	if ((m.present = login_list(r, &m, known_person, 0)) == NULL)
		return req_refuse(r, 400, "an unknown login in the attendance");
	return meeting_save(r, &m);
}

/* The attendance after a form's ticks: shown is who the page showed
 * present; only the boxes the user changed change, so two people ticking
 * at once keep each other's ticks and the form cannot be stale.  NULL
 * when a login is not a person. */
static char *
attendance_after(struct req *r, const struct meeting *m, const char *shown)
{
	const char *ticked, *from[2], *p;
	char *list, *e, *who;
	size_t i;
	int keep;

	if ((ticked = login_list(r, m, known_person, 1)) == NULL)
		return NULL;
	from[0] = m->present != NULL ? m->present : "";
	from[1] = ticked;
	list = e = arena_alloc(&r->ar, strlen(from[0]) + strlen(ticked) + 2);
	*list = '\0';
	for (i = 0; i < 2; i++)
		for (p = from[i]; *(p += strspn(p, " ")) != '\0'; p += strcspn(p, " ")) {
			who = arena_strndup(&r->ar, p, strcspn(p, " "));
			/* The stored ones but those the user unticked, then
			 * those ticked who were not shown present. */
			keep = i == 0 ? !okr_listed(shown, who) || okr_listed(ticked, who) :
			    !okr_listed(shown, who);
			if (keep && !okr_listed(list, who))
				e += sprintf(e, "%s%s", e == list ? "" : " ", who);
		}
	return list;
}

/* The minutes form: minutes and decisions, and the attendance ticked in
 * the same form (current: who the page showed present), so that saving
 * one never drops what is typed in the other.  The minutes have their own
 * version (minutes_version()): a conflict is theirs and yours side by
 * side, nothing lost. */
static int
post_minutes(struct req *r)
{
	static const enum key keys[] = { KEY_TEXT, KEY_NOTE, KEY_LOGIN, KEY_CURRENT };
	struct again a = AGAIN(NULL, "minutes", keys);
	struct view v;
	struct meeting m;
	struct form f;
	const char *minutes, *decisions, *cur[4];
	char *present = NULL;
	uint32_t ver;
	int tries, rc;

	if ((rc = posted_version(r, &ver)) != 0)
		return rc;
	form_init(&f, r);
	a.f = &f;
	form_text(&f, KEY_TEXT, 0, OKR_MAX_MINUTES, &minutes);
	form_text(&f, KEY_NOTE, 0, OKR_MAX_MINUTES, &decisions);
	/* The merge is made on the meeting as stored: a write that slips in
	 * between (another tick) is merged again, not answered with a 409
	 * that would drop the text. */
	for (tries = 0; tries < 5; tries++) {
		if ((rc = meeting_begin(r, &v, &m, NEED_UNCLOSED, -1)) != 0)
			return rc;
		if (r->val[KEY_CURRENT] != NULL &&
		    (present = attendance_after(r, &m, r->val[KEY_CURRENT])) == NULL)
			form_error(&f, KEY_LOGIN, "err.field.choice");
		if (f.nerr > 0)
			return meeting_again(r, &v, &m, &a);
		if (ver != minutes_version(&m) &&
		    (strcmp(minutes, m.minutes != NULL ? m.minutes : "") != 0 ||
		    strcmp(decisions, m.decisions != NULL ? m.decisions : "") != 0)) {
			cur[0] = m.minutes != NULL ? m.minutes : "";
			cur[1] = m.decisions != NULL ? m.decisions : "";
			cur[2] = cur[3] = NULL;
			a.version = minutes_version(&m);
			a.current = cur;
			return meeting_send(r, &v, &m, &a, 409);
		}
		m.minutes = (char *)minutes;
		m.decisions = (char *)decisions;
		if (present != NULL)
			m.present = present;
		if ((rc = store_meeting_put(st, r->me->id, &m)) != STORE_CONFLICT)
			return answer(r, rc, meeting_refusals, meeting_url(r, m.id));
	}
	/* Still changing under us: the meeting as stored, the form as
	 * typed, to send again. */
	if ((rc = meeting_load(r, &v, &m)) != 0)
		return rc;
	a.message = "form.conflict";
	return meeting_send(r, &v, &m, &a, 409);
}

/* Overrides the board's derived status, with a reason; an empty state
 * goes back to the derived one. */
static int
post_status(struct req *r)
{
	static const enum key keys[] = { KEY_STATE, KEY_TEXT };
	struct view v;
	struct meeting m;
	struct form f;
	struct again a = AGAIN(&f, "status", keys);
	const char *reason;
	int status = -1, rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION, -1)) != 0)
		return rc;
	form_init(&f, r);
	if (r->val[KEY_STATE] != NULL && *r->val[KEY_STATE] != '\0')
		form_choice(&f, KEY_STATE, store_bstatus_names, BOARD__MAX, &status);
	if (form_text(&f, KEY_TEXT, status >= 0, OKR_MAX_TITLE, &reason) != 0 &&
	    *reason == '\0')
		a.message = "err.board.reason";
	if (f.nerr > 0)
		return meeting_again(r, &v, &m, &a);
	m.status = status;
	m.status_reason = status >= 0 ? (char *)reason : NULL;
	return meeting_save(r, &m);
}

/* Freezes the meeting: the page as it stands now becomes its record.  A
 * rule that keeps it open is the consensus meeting's open decisions, or
 * the action meeting's carried KRs neither covered nor deferred. */
static int
post_close(struct req *r)
{
	struct view v;
	struct meeting m;
	char *xml;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION | NEED_OPEN, -1)) != 0)
		return rc;
	if ((rc = meet_snapshot(&v, &m, &xml)) != 0)
		return rc;
	{
		const struct refusal no[] = {
			{ STORE_CLOSED, 409, "err.meeting.closed" },
			{ STORE_INVALID, 409, "err.meeting.state" },
			{ STORE_RULE, 409, m.type == MEET_CONSENSUS ?
			    "err.consensus.open" : "err.meeting.uncovered" },
			{ STORE_FORBIDDEN, 403, "err.403.meeting" },
			{ STORE_OK, 0, NULL }
		};

		rc = store_meeting_close(st, r->me->id, &m, xml);
		return answer(r, rc, no, meeting_url(r, m.id));
	}
}

/* Whether kr is a carried KR of the action meeting m that is neither
 * covered nor deferred yet: 0, 1 when it is not, or a status (> 1). */
static int
deferrable(struct req *r, const struct meeting *m, uint32_t kr)
{
	struct kr *k;
	int *covered;
	size_t i, n;
	int rc;

	if ((rc = store_carried_krs(st, &r->ar, m->unit, m->cycle, &k, &covered,
	    &n)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	for (i = 0; i < n && k[i].id != kr; i++)
		;
	return i == n || covered[i] || meet_deferral(r, m->deferred, kr) != NULL;
}

/* Defers a carried company KR in a department action meeting, with the
 * reason: the meeting may then close without covering it. */
static int
post_defer(struct req *r)
{
	static const enum key keys[] = { KEY_KR, KEY_TEXT };
	struct view v;
	struct meeting m;
	struct form f;
	struct again a = AGAIN(&f, "defer", keys);
	const char *reason;
	uint32_t kr;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION | NEED_UNCLOSED,
	    MEET_ACTION)) != 0)
		return rc;
	form_init(&f, r);
	if (form_id(&f, KEY_KR, 1, &kr) == 0 && (rc = deferrable(r, &m, kr)) != 0) {
		if (rc > 1)
			return rc;
		form_error(&f, KEY_KR, "err.defer.kr");
		a.message = "err.defer.kr";
	}
	if (form_text(&f, KEY_TEXT, 1, OKR_MAX_TITLE, &reason) == 0 &&
	    strchr(reason, '\n') != NULL)
		form_error(&f, KEY_TEXT, "err.defer.reason");
	if (f.err[KEY_TEXT] != NULL && a.message == NULL)
		a.message = "err.defer.reason";
	if (f.nerr > 0)
		return meeting_again(r, &v, &m, &a);
	m.deferred = arena_printf(&r->ar, "%s%s%u %s", m.deferred ? m.deferred : "",
	    m.deferred && *m.deferred ? "\n" : "", kr, reason);
	return meeting_save(r, &m);
}

/* The meeting page again with the refused verdict form as typed (the
 * signers ticked included), message saying what is wrong: 400. */
static int
verdict_again(struct req *r, struct view *v, const struct meeting *m,
    struct form *f, const char *message)
{
	static const enum key keys[] = { KEY_STATE, KEY_OBJECTIVE, KEY_KR,
		KEY_TITLE, KEY_START, KEY_TARGET, KEY_UNIT_LABEL, KEY_DUE,
		KEY_NOTE, KEY_LOGIN };
	struct again a = AGAIN(f, "verdict", keys);

	a.message = message;
	return meeting_again(r, v, m, &a);
}

/* A revision that does not send a term of the KR keeps it: its value
 * as stored stands for the one not sent. */
static void
kept_terms(struct req *r, const struct kr *k)
{
	char buf[32];

	if (r->val[KEY_START] == NULL) {
		okr_num_format(k->start, buf);
		r->val[KEY_START] = arena_strdup(&r->ar, buf);
	}
	if (r->val[KEY_TARGET] == NULL) {
		okr_num_format(k->target, buf);
		r->val[KEY_TARGET] = arena_strdup(&r->ar, buf);
	}
	if (r->val[KEY_UNIT_LABEL] == NULL)
		r->val[KEY_UNIT_LABEL] = k->unit_label;
	if (r->val[KEY_DUE] == NULL)
		r->val[KEY_DUE] = view_day(r, k->due);
}

/* A decision of the consensus meeting on a draft objective or a proposed
 * KR: agree, revise with the new title (and a KR's new terms, read as the
 * KR form reads them), or reject; a revision and a rejection say why;
 * someone present signs off.  A refusal shows the form again as typed. */
static int
post_verdict(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_INVALID, 400, "err.verdict.item" },
		{ STORE_CLOSED, 409, "err.meeting.closed" },
		{ STORE_FORBIDDEN, 403, "err.403.meeting" },
		{ STORE_OK, 0, NULL }
	};
	struct view v;
	struct meeting m;
	struct form f;
	struct verdict d;
	struct kr k;
	const struct cycle *c;
	const char *text = NULL, *note;
	int kind = 0, rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_OPEN, MEET_CONSENSUS)) != 0)
		return rc;
	memset(&d, 0, sizeof(d));
	form_init(&f, r);
	form_choice(&f, KEY_STATE, store_vkind_names, VERDICT__MAX, &kind);
	form_id(&f, KEY_OBJECTIVE, 0, &d.objective);
	form_id(&f, KEY_KR, 0, &d.kr);
	if ((d.objective == 0) == (d.kr == 0))
		return req_error(r, 400, "err.verdict.item");
	form_text(&f, KEY_NOTE, kind != VERDICT_AGREE, OKR_MAX_NOTE, &note);
	if (kind == VERDICT_REVISE && d.kr != 0) {
		if (store_kr_get(st, &r->ar, d.kr, &k) != STORE_OK ||
		    (c = view_cycle(&v, m.cycle)) == NULL)
			return req_error(r, 400, "err.verdict.item");
		kept_terms(r, &k);
		form_kr_terms(&f, k.kind, c->start, c->end, &k);
		text = k.title;
		d.start = k.start;
		d.target = k.target;
		d.due = k.due;
		d.unit_label = k.unit_label;
	} else if (kind == VERDICT_REVISE)
		form_text(&f, KEY_TITLE, 1, OKR_MAX_TITLE, &text);
	if ((d.signed_by = login_list(r, &m, present_person, 1)) == NULL ||
	    *d.signed_by == '\0')
		form_error(&f, KEY_LOGIN, "err.verdict.signed");
	if (f.nerr > 0)
		return verdict_again(r, &v, &m, &f, f.err[KEY_STATE] != NULL ?
		    "form.invalid" : f.err[KEY_NOTE] != NULL ? "err.verdict.note" :
		    f.err[KEY_LOGIN] != NULL && f.nerr == 1 ? "err.verdict.signed" :
		    f.err[KEY_TITLE] != NULL && f.nerr == 1 ? "err.verdict.text" :
		    "err.verdict.terms");
	d.meeting = m.id;
	d.kind = kind;
	d.text = (char *)text;
	d.note = (char *)note;
	rc = store_verdict_add(st, r->me->id, &d);
	if (rc == STORE_RULE)
		return verdict_again(r, &v, &m, &f, "err.verdict.terms");
	return answer(r, rc, no, meeting_url(r, m.id));
}

/* "I acknowledge": the signed-in person joins an open awareness
 * meeting's attendance, when it is a meeting for them. */
static int
post_ack(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_CLOSED, 409, "err.meeting.closed" },
		{ STORE_RULE, 409, "err.ack.awareness" },
		{ STORE_INVALID, 409, "err.meeting.planned" },	/* only planned */
		{ STORE_FORBIDDEN, 403, "err.ack.member" },
		{ STORE_OK, 0, NULL }
	};
	struct view v;
	struct meeting m;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, 0, -1)) != 0)
		return rc;
	rc = store_meeting_ack(st, r->me->id, m.id);
	return answer(r, rc, no, meeting_url(r, m.id));
}

/* A GROW note on a KR in a monthly review. */
static int
post_grow(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_CLOSED, 409, "err.meeting.closed" },
		{ STORE_FORBIDDEN, 403, "err.403.meeting" },
		{ STORE_OK, 0, NULL }
	};
	static const enum key keys[] = { KEY_KR, KEY_GOAL, KEY_REALITY, KEY_OPTIONS,
	    KEY_WILL };
	struct view v;
	struct meeting m;
	struct form f;
	struct again a = AGAIN(&f, "grow", keys);
	struct grow g;
	const char *goal, *reality, *options, *will;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, 0, MEET_MONTHLY)) != 0)
		return rc;
	memset(&g, 0, sizeof(g));
	form_init(&f, r);
	form_id(&f, KEY_KR, 1, &g.kr);
	form_text(&f, KEY_GOAL, 0, OKR_MAX_TEXT, &goal);
	form_text(&f, KEY_REALITY, 0, OKR_MAX_TEXT, &reality);
	form_text(&f, KEY_OPTIONS, 0, OKR_MAX_TEXT, &options);
	form_text(&f, KEY_WILL, 0, OKR_MAX_TEXT, &will);
	if (f.nerr == 0 && *goal == '\0' && *reality == '\0' && *options == '\0' &&
	    *will == '\0')
		form_error(&f, KEY_GOAL, "err.field.required");
	if (f.err[KEY_KR] != NULL || (f.err[KEY_GOAL] != NULL && *goal == '\0'))
		a.message = "err.grow";
	if (f.nerr > 0)
		return meeting_again(r, &v, &m, &a);
	g.meeting = m.id;
	g.goal = (char *)goal;
	g.reality = (char *)reality;
	g.options = (char *)options;
	g.will = (char *)will;
	/* A KR this meeting does not show. */
	if ((rc = store_grow_add(st, r->me->id, &g)) == STORE_INVALID) {
		form_error(&f, KEY_KR, "err.field.choice");
		a.message = "err.grow";
		return meeting_again(r, &v, &m, &a);
	}
	return answer(r, rc, no, meeting_url(r, m.id));
}

/* The meeting page again with the grade rows refused (row i's errors in
 * err[2 i], on its grade, and err[2 i + 1], on its reason), as typed;
 * the rows saved show as the store holds them now. */
static int
grades_again(struct req *r, struct view *v, const struct meeting *m,
    struct form *f, const char **err, int status)
{
	xmlNodePtr page, form, fld;
	size_t i;
	int rc;

	if ((rc = meeting_page(r, v, m, &page)) != 0)
		return rc;
	form = form_begin(f, page, arena_printf(&r->ar, "/meet/%u/grade", m->id),
	    "invalid", 0, meeting_url(r, m->id));
	xmlSetProp(form->children, BAD_CAST "key", BAD_CAST "grading.refused");
	for (i = 0; i < r->nmulti[KEY_KR]; i++) {
		if (err[2 * i] == NULL && err[2 * i + 1] == NULL)
			continue;
		fld = xmlNewChild(form, NULL, BAD_CAST "field", NULL);
		render_attr(fld, "name", "value");
		render_attr(fld, "kr", r->multi[KEY_KR][i]);
		render_attr(fld, "value", r->multi[KEY_VALUE][i]);
		render_attr(fld, "note", r->nmulti[KEY_NOTE] ? r->multi[KEY_NOTE][i] : "");
		render_attr(fld, "error", err[2 * i]);
		render_attr(fld, "note-error", err[2 * i + 1]);
	}
	return render_reply(r, page, status);
}

/* The final grades of the quarterly review meeting, one row per KR (kr,
 * kr-version, value and note, repeated in that order), each only for a
 * KR this meeting grades, of its cycle, in its unit or below.  With
 * state=accept each KR not graded yet takes its proposed grade.  Every
 * row is its own store_kr_grade() on the version the form showed: the
 * rows saved stay saved, and those refused (a bad grade, a grade other
 * than the proposed one without a reason, a KR changed meanwhile) come
 * back as typed, each with its message.  Saved, the page opens at the
 * first KR graded. */
static int
post_grade(struct req *r)
{
	struct view v;
	struct meeting m;
	struct form f;
	struct kr k;
	struct objective o;
	struct okr_reach reach;
	struct okr_objref ref;
	const struct cycle *c;
	const char **err, *note, *reason, *anchor = "grading";
	size_t n = r->nmulti[KEY_KR], i, refused = 0, stale = 0;
	uint32_t kr, ver;
	double grade;
	int accept, rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_UNCLOSED, MEET_QUARTERLY)) != 0)
		return rc;
	if (n == 0 || r->nmulti[KEY_KR_VERSION] != n || r->nmulti[KEY_VALUE] != n ||
	    (r->nmulti[KEY_NOTE] != n && r->nmulti[KEY_NOTE] != 0))
		return req_refuse(r, 400, "grade rows of unequal length");
	accept = r->val[KEY_STATE] != NULL && strcmp(r->val[KEY_STATE], "accept") == 0;
	if (r->val[KEY_STATE] != NULL && !accept)
		return req_refuse(r, 400, "a grade form's state is accept or nothing");
	if ((c = view_cycle(&v, m.cycle)) == NULL || c->state != CYCLE_REVIEW)
		return req_error(r, 400, "err.grade.state");
	store_reach(&m, &reach);
	err = arena_alloc(&r->ar, n * 2 * sizeof(*err));
	memset(err, 0, n * 2 * sizeof(*err));
	form_init(&f, r);
	for (i = 0; i < n; i++) {
		if (req_parse_id(r->multi[KEY_KR][i], &kr) == -1 ||
		    req_parse_id(r->multi[KEY_KR_VERSION][i], &ver) == -1)
			return req_refuse(r, 400, "a grade row without its KR");
		if (store_kr_get(st, &r->ar, kr, &k) != STORE_OK ||
		    store_objective_get(st, &r->ar, k.objective, &o) != STORE_OK)
			return req_error(r, 400, "err.grade.kr");
		store_objref(&o, &ref);
		if (!okr_grade_scope(&reach, &ref, view_unit_parent, &v))
			return req_error(r, 400, "err.grade.kr");
		if (accept) {
			/* The grade each KR's progress proposes, given once. */
			if (k.grade >= 0)
				continue;
			grade = okr_grade_proposal(okr_kr_score(k.kind, k.direction,
			    k.start, k.target, k.current));
			reason = "";
		} else {
			/* Each row is read like a one-field form. */
			memset(f.err, 0, sizeof(f.err));
			note = r->nmulti[KEY_NOTE] ? r->multi[KEY_NOTE][i] : "";
			form_number_value(&f, KEY_VALUE, r->multi[KEY_VALUE][i], 1, 0, 1,
			    &grade);
			form_text_value(&f, KEY_NOTE, note, 0, OKR_MAX_TITLE, &reason);
			if (f.err[KEY_VALUE] == NULL && !okr_grade_ok(grade))
				form_error(&f, KEY_VALUE, "err.grade.tenths");
			err[2 * i] = f.err[KEY_VALUE];
			err[2 * i + 1] = f.err[KEY_NOTE];
			if (err[2 * i] != NULL || err[2 * i + 1] != NULL) {
				refused++;
				continue;
			}
			/* A grade left as it was is not given again. */
			if (k.grade >= 0 && grade == k.grade && *reason == '\0')
				continue;
		}
		switch ((rc = store_kr_grade(st, r->me->id, m.id, kr, ver, grade,
		    reason))) {
		case STORE_OK:
			if (strcmp(anchor, "grading") == 0)
				anchor = arena_printf(&r->ar, "g-kr-%u", kr);
			continue;
		case STORE_RULE:
			err[2 * i + 1] = "err.grade.reason";
			break;
		case STORE_CONFLICT:
			err[2 * i] = "err.grade.conflict";
			stale++;
			break;
		case STORE_INVALID:
			err[2 * i] = "err.grade.tenths";
			break;
		case STORE_CLOSED:
			return answer(r, rc, meeting_refusals, NULL);
		default:
			return worker_fail(r, rc, NULL);
		}
		refused++;
	}
	if (refused > 0)
		return grades_again(r, &v, &m, &f, err, stale == refused ? 409 : 400);
	render_redirect(r, arena_printf(&r->ar, "%s#%s", meeting_url(r, m.id), anchor),
	    NULL);
	return 0;
}

/* An action item added on the board. */
static int
post_action(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_CLOSED, 409, "err.meeting.closed" },
		{ STORE_OK, 0, NULL }
	};
	static const enum key keys[] = { KEY_TITLE, KEY_OWNER, KEY_DUE, KEY_KR };
	struct view v;
	struct meeting m;
	struct form f;
	struct again again = AGAIN(&f, "action", keys);
	struct action a;
	struct person p;
	const struct cycle *c;
	const char *title, *owner;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_UNCLOSED, -1)) != 0)
		return rc;
	if ((c = view_cycle(&v, m.cycle)) == NULL)
		return 500;
	memset(&a, 0, sizeof(a));
	form_init(&f, r);
	form_text(&f, KEY_TITLE, 1, OKR_MAX_TITLE, &title);
	form_text(&f, KEY_OWNER, 1, OKR_MAX_LOGIN, &owner);
	/* Work for the meeting's cycle is due within it. */
	form_date(&f, KEY_DUE, 1, c->start, c->end, &a.due);
	form_id(&f, KEY_KR, 0, &a.kr);
	if (f.err[KEY_OWNER] == NULL &&
	    store_person_by_login(st, &r->ar, owner, &p) != STORE_OK)
		form_error(&f, KEY_OWNER, "err.field.choice");
	again.message = "err.action";
	if (m.type == MEET_ACTION && a.kr != 0 && !meet_action_kr_ok(&v, &m, a.kr))
		form_error(&f, KEY_KR, "err.field.choice");
	/* Review and action meetings show the form again as typed; others
	 * have none to show it in. */
	if (f.nerr > 0 && (m.type == MEET_REVIEW || m.type == MEET_ACTION))
		return meeting_again(r, &v, &m, &again);
	if (f.nerr > 0)
		return req_error(r, 400, "err.action");
	a.title = (char *)title;
	a.owner = p.id;
	a.unit = m.unit;
	a.meeting = m.id;
	rc = store_action_put(st, r->me->id, &a);
	return answer(r, rc, no, meeting_url(r, m.id));
}

/* Marks an action item done; back to where the form came from, else the
 * unit's calendar. */
static int
post_action_done(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_FORBIDDEN, 403, "err.403.action" },
		{ STORE_OK, 0, NULL }
	};
	struct view v;
	struct action a;
	uint32_t ver;
	int rc;

	if ((rc = view_init(&v, r, st)) != 0)
		return rc;
	if ((rc = store_action_get(st, &r->ar, r->id, &a)) != STORE_OK)
		return worker_fail(r, rc, NULL);
	if ((rc = posted_version(r, &ver)) != 0)
		return rc;
	a.version = ver;
	a.state = ACTION_DONE;
	rc = store_action_put(st, r->me->id, &a);
	return answer(r, rc, no, r->val[KEY_BACK] != NULL &&
	    req_local_path(r, r->val[KEY_BACK]) ? r->val[KEY_BACK] :
	    arena_printf(&r->ar, "%s/meet/unit/%u", r->script, a.unit));
}

#define K(k)	KEYBIT(KEY_##k)

/* Each page and form of the program: method, path, what follows the '*',
 * the keys it takes, its handler, the sheet of its page (a refused form
 * shows its page again) and who may call it. */
static const struct route routes[] = {
	{ METHOD_GET, "/meet/unit/*", ARG_ID, K(CYCLE),
	    page_calendar, "meetings", WHO_ANYONE, 0 },
	{ METHOD_POST, "/meet/new", ARG_NONE,
	    K(CYCLE) | K(UNIT) | K(KIND) | K(DUE) | K(TITLE) | K(OBJECTIVE),
	    post_new, "meetings", WHO_KNOWN, 0 },
	{ METHOD_GET, "/meet/*", ARG_ID, K(PRINT) | K(PRESENT) | K(KR) | K(TEXT),
	    page_meeting, "meeting", WHO_ANYONE, 0 },
	{ METHOD_POST, "/meet/*/present", ARG_ID, K(KR),
	    post_present, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/open", ARG_ID, K(VERSION),
	    post_open, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/close", ARG_ID, K(VERSION),
	    post_close, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/attendance", ARG_ID, K(VERSION) | K(LOGIN),
	    post_attendance, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/minutes", ARG_ID,
	    K(VERSION) | K(TEXT) | K(NOTE) | K(LOGIN) | K(CURRENT),
	    post_minutes, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/status", ARG_ID, K(VERSION) | K(STATE) | K(TEXT),
	    post_status, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/ack", ARG_ID, 0,
	    post_ack, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/verdict", ARG_ID,
	    K(STATE) | K(OBJECTIVE) | K(KR) | K(TITLE) | K(START) | K(TARGET) |
	    K(UNIT_LABEL) | K(DUE) | K(NOTE) | K(LOGIN),
	    post_verdict, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/grow", ARG_ID,
	    K(KR) | K(GOAL) | K(REALITY) | K(OPTIONS) | K(WILL),
	    post_grow, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/grade", ARG_ID,
	    K(STATE) | K(KR) | K(KR_VERSION) | K(VALUE) | K(NOTE),
	    post_grade, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/defer", ARG_ID, K(VERSION) | K(KR) | K(TEXT),
	    post_defer, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/action", ARG_ID, K(TITLE) | K(OWNER) | K(DUE) | K(KR),
	    post_action, "meeting", WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/action/*/done", ARG_ID, K(VERSION),
	    post_action_done, NULL, WHO_KNOWN, 0 },
};

int
main(void)
{
	return worker_main("okr-meet", routes, sizeof(routes) / sizeof(routes[0]),
	    0, &st);
}
