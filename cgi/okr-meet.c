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

/* A form refused on a meeting page comes back on it, with what was typed
 * and an error next to each wrong field (the stylesheets read it from
 * /page/form); message, when set, says what is wrong as a whole. */
static void
form_again(struct form *f, xmlNodePtr page, const char *action,
    const char *back, const enum key *keys, size_t n, const char *message)
{
	xmlNodePtr form = form_begin(f, page, action, "invalid", 0, back);
	size_t i;

	if (message != NULL && form->children != NULL)
		xmlSetProp(form->children, BAD_CAST "key", BAD_CAST message);
	for (i = 0; i < n; i++)
		form_field(f, form, keys[i], "text", NULL, NULL, 0);
}

/* ---------------------------------------------------------- calendar */

static const enum key plan_keys[] = { KEY_KIND, KEY_DUE, KEY_TITLE, KEY_OBJECTIVE };
static const enum key action_keys[] = { KEY_TITLE, KEY_OWNER, KEY_DUE, KEY_KR };

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
	if (f != NULL)
		form_again(f, page, "/meet/new", arena_printf(&r->ar,
		    "%s/meet/unit/%u", r->script, u.id), plan_keys,
		    sizeof(plan_keys) / sizeof(plan_keys[0]), NULL);
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
		{ STORE_OK, 0, NULL }
	};
	struct view v;
	struct form f;
	struct meeting m;
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

/* The meeting page; f, when not NULL, is the action-item form that was
 * refused, shown again as typed. */
static int
meeting_send(struct req *r, struct view *v, const struct meeting *m,
    struct form *f, int status)
{
	xmlNodePtr page, mn;
	int rc;

	if ((page = view_page(v, "meeting")) == NULL)
		return 500;
	if (r->val[KEY_PRINT] != NULL)
		render_attr(page, "print", "1");
	if ((rc = meet_section(v, page, m)) != 0)
		return rc;
	mn = page->last;
	/* The presenter view: the item shown (0: the overview) and the
	 * agenda; a closed meeting shows only what it froze. */
	if (r->val[KEY_PRESENT] != NULL) {
		render_attr(page, "present", "1");
		render_attr_u(page, "item", r->ids[KEY_KR]);
		if (m->state != MEET_CLOSED && (rc = meet_agenda(v, mn, m)) != 0)
			return rc;
	}
	if (m->state != MEET_CLOSED) {
		if (view_may(v, PERM_MANAGE_UNIT, m->unit))
			render_attr(mn, "can-manage", "1");
		if (r->me != NULL)
			render_attr(mn, "can-act", "1");
	}
	if (f != NULL)
		form_again(f, page, arena_printf(&r->ar, "/meet/%u/action", m->id),
		    meeting_url(r, m->id), action_keys,
		    sizeof(action_keys) / sizeof(action_keys[0]), "err.action");
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
	return 0;
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

static int
post_minutes(struct req *r)
{
	struct view v;
	struct meeting m;
	struct form f;
	const char *minutes, *decisions;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION, -1)) != 0)
		return rc;
	form_init(&f, r);
	form_text(&f, KEY_TEXT, 0, OKR_MAX_MINUTES, &minutes);
	form_text(&f, KEY_NOTE, 0, OKR_MAX_MINUTES, &decisions);
	if (f.nerr > 0)
		return req_refuse(r, 400, "minutes or decisions refused");
	m.minutes = (char *)minutes;
	m.decisions = (char *)decisions;
	return meeting_save(r, &m);
}

/* Overrides the board's derived status, with a reason; an empty state
 * goes back to the derived one. */
static int
post_status(struct req *r)
{
	struct view v;
	struct meeting m;
	struct form f;
	const char *reason;
	int status = -1, rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION, -1)) != 0)
		return rc;
	form_init(&f, r);
	if (r->val[KEY_STATE] != NULL && *r->val[KEY_STATE] != '\0')
		form_choice(&f, KEY_STATE, store_bstatus_names, BOARD__MAX, &status);
	form_text(&f, KEY_TEXT, status >= 0, OKR_MAX_TITLE, &reason);
	if (f.nerr > 0)
		return req_error(r, 400, "err.board.reason");
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
 * covered nor deferred yet: 0, 400 naming why not, or a status. */
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
	if (i == n || covered[i] || meet_deferral(r, m->deferred, kr) != NULL)
		return req_error(r, 400, "err.defer.kr");
	return 0;
}

/* Defers a carried company KR in a department action meeting, with the
 * reason: the meeting may then close without covering it. */
static int
post_defer(struct req *r)
{
	struct view v;
	struct meeting m;
	struct form f;
	const char *reason;
	uint32_t kr;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_VERSION | NEED_UNCLOSED,
	    MEET_ACTION)) != 0)
		return rc;
	form_init(&f, r);
	form_id(&f, KEY_KR, 1, &kr);
	form_text(&f, KEY_TEXT, 1, OKR_MAX_TITLE, &reason);
	if (f.nerr > 0 || strchr(reason, '\n') != NULL)
		return req_error(r, 400, "err.defer.reason");
	if ((rc = deferrable(r, &m, kr)) != 0)
		return rc;
	m.deferred = arena_printf(&r->ar, "%s%s%u %s", m.deferred ? m.deferred : "",
	    m.deferred && *m.deferred ? "\n" : "", kr, reason);
	return meeting_save(r, &m);
}

/* A decision of the consensus meeting on a draft objective or a proposed
 * KR: agree, revise with the new text, or reject; a revision and a
 * rejection say why; someone present signs off. */
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
	const char *text = NULL, *note;
	int kind = 0, rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_OPEN, MEET_CONSENSUS)) != 0)
		return rc;
	memset(&d, 0, sizeof(d));
	form_init(&f, r);
	form_choice(&f, KEY_STATE, store_vkind_names, VERDICT__MAX, &kind);
	form_id(&f, KEY_OBJECTIVE, 0, &d.objective);
	form_id(&f, KEY_KR, 0, &d.kr);
	form_text(&f, KEY_NOTE, kind != VERDICT_AGREE, OKR_MAX_NOTE, &note);
	if (kind == VERDICT_REVISE)
		form_text(&f, KEY_TITLE, 1, OKR_MAX_TITLE, &text);
	if (f.nerr > 0 || (d.objective == 0) == (d.kr == 0))
		return req_error(r, 400, f.err[KEY_TITLE] != NULL ? "err.verdict.text" :
		    f.err[KEY_NOTE] != NULL ? "err.verdict.note" : "err.verdict.item");
	if ((d.signed_by = login_list(r, &m, present_person, 1)) == NULL ||
	    *d.signed_by == '\0')
		return req_error(r, 400, "err.verdict.signed");
	d.meeting = m.id;
	d.kind = kind;
	d.text = (char *)text;
	d.note = (char *)note;
	rc = store_verdict_add(st, r->me->id, &d);
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
		{ STORE_INVALID, 409, "err.meeting.state" },
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
	struct view v;
	struct meeting m;
	struct form f;
	struct grow g;
	const char *goal, *reality, *options, *will;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, 0, -1)) != 0)
		return rc;
	memset(&g, 0, sizeof(g));
	form_init(&f, r);
	form_id(&f, KEY_KR, 1, &g.kr);
	form_text(&f, KEY_GOAL, 0, OKR_MAX_TEXT, &goal);
	form_text(&f, KEY_REALITY, 0, OKR_MAX_TEXT, &reality);
	form_text(&f, KEY_OPTIONS, 0, OKR_MAX_TEXT, &options);
	form_text(&f, KEY_WILL, 0, OKR_MAX_TEXT, &will);
	if (f.nerr > 0 || (*goal == '\0' && *reality == '\0' && *options == '\0' &&
	    *will == '\0'))
		return req_error(r, 400, "err.grow");
	g.meeting = m.id;
	g.goal = (char *)goal;
	g.reality = (char *)reality;
	g.options = (char *)options;
	g.will = (char *)will;
	rc = store_grow_add(st, r->me->id, &g);
	return answer(r, rc, no, meeting_url(r, m.id));
}

/* A KR's final grade, given in the quarterly review meeting: only a KR
 * this meeting grades, of its cycle, in its unit or below. */
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
	const char *reason;
	uint32_t kr, ver;
	double grade;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_UNCLOSED, MEET_QUARTERLY)) != 0)
		return rc;
	store_reach(&m, &reach);
	form_init(&f, r);
	form_id(&f, KEY_KR, 1, &kr);
	form_number(&f, KEY_VALUE, 1, 0, 1, &grade);
	form_text(&f, KEY_NOTE, 0, OKR_MAX_TITLE, &reason);
	if (f.nerr > 0)
		return req_refuse(r, 400, "a grade form refused");
	if ((rc = posted_version(r, &ver)) != 0)
		return rc;
	if (store_kr_get(st, &r->ar, kr, &k) != STORE_OK ||
	    store_objective_get(st, &r->ar, k.objective, &o) != STORE_OK)
		return req_error(r, 400, "err.grade.kr");
	store_objref(&o, &ref);
	if (!okr_grade_scope(&reach, &ref, view_unit_parent, &v))
		return req_error(r, 400, "err.grade.kr");
	c = view_cycle(&v, m.cycle);
	{
		/* The store's rule: a grade other than the proposed one needs
		 * a reason, and the cycle must be under review. */
		const struct refusal no[] = {
			{ STORE_RULE, 400, c != NULL && c->state == CYCLE_REVIEW ?
			    "err.grade.reason" : "err.grade.state" },
			{ STORE_CLOSED, 409, "err.meeting.closed" },
			{ STORE_OK, 0, NULL }
		};

		rc = store_kr_grade(st, r->me->id, m.id, kr, ver, grade, reason);
		return answer(r, rc, no, meeting_url(r, m.id));
	}
}

/* An action item added on the board. */
static int
post_action(struct req *r)
{
	static const struct refusal no[] = {
		{ STORE_CLOSED, 409, "err.meeting.closed" },
		{ STORE_OK, 0, NULL }
	};
	struct view v;
	struct meeting m;
	struct form f;
	struct action a;
	struct person p;
	const char *title, *owner;
	int rc;

	if ((rc = meeting_begin(r, &v, &m, NEED_UNCLOSED, -1)) != 0)
		return rc;
	memset(&a, 0, sizeof(a));
	form_init(&f, r);
	form_text(&f, KEY_TITLE, 1, OKR_MAX_TITLE, &title);
	form_text(&f, KEY_OWNER, 1, OKR_MAX_LOGIN, &owner);
	form_date(&f, KEY_DUE, 1, m.day - 366, m.day + 366, &a.due);
	form_id(&f, KEY_KR, 0, &a.kr);
	if (f.err[KEY_OWNER] == NULL &&
	    store_person_by_login(st, &r->ar, owner, &p) != STORE_OK)
		form_error(&f, KEY_OWNER, "err.field.choice");
	/* Review and action meetings show the form again as typed; others
	 * have none to show it in. */
	if (f.nerr > 0 && (m.type == MEET_REVIEW || m.type == MEET_ACTION))
		return meeting_send(r, &v, &m, &f, 400);
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
 * the keys it takes, its handler, the sheet of its page (a refused plan
 * or action item shows its page again) and who may call it. */
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
	{ METHOD_POST, "/meet/*/minutes", ARG_ID, K(VERSION) | K(TEXT) | K(NOTE),
	    post_minutes, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/status", ARG_ID, K(VERSION) | K(STATE) | K(TEXT),
	    post_status, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/ack", ARG_ID, 0,
	    post_ack, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/verdict", ARG_ID,
	    K(STATE) | K(OBJECTIVE) | K(KR) | K(TITLE) | K(NOTE) | K(LOGIN),
	    post_verdict, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/grow", ARG_ID,
	    K(KR) | K(GOAL) | K(REALITY) | K(OPTIONS) | K(WILL),
	    post_grow, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/grade", ARG_ID, K(VERSION) | K(KR) | K(VALUE) | K(NOTE),
	    post_grade, NULL, WHO_KNOWN, 0 },
	{ METHOD_POST, "/meet/*/defer", ARG_ID, K(VERSION) | K(KR) | K(TEXT),
	    post_defer, NULL, WHO_KNOWN, 0 },
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
