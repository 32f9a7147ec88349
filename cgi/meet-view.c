/* meet-view.c: what the meetings pages show: a unit's calendar, and each
 * meeting type's section of the meeting page, live or as it closed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "arena.h"
#include "meet-view.h"
#include "okr.h"
#include "render.h"
#include "req.h"
#include "store.h"
#include "view.h"
#include "worker.h"

#define REVIEW_GAP	14	/* days without a review before the flag */

/* ---------------------------------------------------------- calendar */

/* <meeting> with what every listing shows. */
static xmlNodePtr
meeting_node(struct view *v, xmlNodePtr parent, const struct meeting *m)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST "meeting", NULL), un;
	const struct unit *u = view_unit(v, m->unit);
	struct objective o;

	render_attr_u(n, "id", m->id);
	render_attr(n, "type", store_mtype_names[m->type]);
	render_attr(n, "state", store_mstate_names[m->state]);
	render_attr(n, "date", view_day(v->r, m->day));
	render_attr_u(n, "version", m->version);
	render_text(n, "title", m->title);
	if (u != NULL) {
		un = xmlNewChild(n, NULL, BAD_CAST "unit", NULL);
		render_attr_u(un, "id", u->id);
		render_attr(un, "name", u->name);
	}
	if (m->objective != 0 &&
	    store_objective_get(v->st, &v->r->ar, m->objective, &o) == STORE_OK)
		render_attr_u(render_text(n, "objective", o.title), "id", o.id);
	return n;
}

/* The day of the last review meeting held (open or closed, not in the
 * future) among n meetings, 0 if none. */
static int32_t
last_review(const struct meeting *m, size_t n)
{
	int32_t last = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (m[i].type == MEET_REVIEW && m[i].state != MEET_PLANNED &&
		    m[i].day <= okr_today() && m[i].day > last)
			last = m[i].day;
	return last;
}

/* "Without follow-up and review, OKRs are only decoration": a unit
 * whose last review is more than two weeks ago, in an active cycle, is
 * flagged.  Sets the attributes on n. */
static void
review_flag(struct view *v, xmlNodePtr n, int32_t last)
{
	if (last != 0)
		render_attr(n, "last-review", view_day(v->r, last));
	if (v->sel != NULL && v->sel->state == CYCLE_ACTIVE &&
	    (last == 0 || okr_today() - last > REVIEW_GAP))
		render_attr(n, "review-overdue", "1");
}

/* <unit> with its review flag for each unit below parent, depth first,
 * so that a lead sees which of their units have gone without review. */
static int
subunit_flags(struct view *v, xmlNodePtr list, uint32_t parent, int depth)
{
	struct unit *kids;
	struct meeting *m;
	xmlNodePtr un;
	size_t i, n, nm;
	int rc;

	if (depth >= OKR_MAX_DEPTH)
		return 0;
	if ((rc = store_units_children(v->st, &v->r->ar, parent, &kids, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++) {
		if ((rc = store_meetings_by_unit(v->st, &v->r->ar, kids[i].id, &m, &nm)) != STORE_OK)
			return worker_fail(v->r, rc, NULL);
		un = view_unit_ref(list, "unit", &kids[i]);
		render_attr_u(un, "depth", (unsigned)depth);
		review_flag(v, un, last_review(m, nm));
		if ((rc = subunit_flags(v, list, kids[i].id, depth + 1)) != 0)
			return rc;
	}
	return 0;
}

/* The unit's part of its calendar page: the unit, its review flag and its
 * subunits' flags, its meetings in the chosen cycle, newest first, and
 * the objectives a meeting may be about.  Returns 0 or a status. */
int
meet_calendar(struct view *v, xmlNodePtr page, const struct unit *u)
{
	struct meeting *m;
	struct objective *o;
	xmlNodePtr un, cal, os;
	size_t i, n, no;
	int rc;

	if ((rc = store_meetings_by_unit(v->st, &v->r->ar, u->id, &m, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	un = view_unit_ref(page, "unit", u);
	if (view_may(v, PERM_MANAGE_UNIT, u->id))
		render_attr(un, "can-manage", "1");
	cal = xmlNewChild(page, NULL, BAD_CAST "calendar", NULL);
	review_flag(v, cal, last_review(m, n));
	if ((rc = subunit_flags(v, xmlNewChild(page, NULL, BAD_CAST "subunits",
	    NULL), u->id, 0)) != 0)
		return rc;
	for (i = n; i-- > 0;)
		if (v->sel == NULL || m[i].cycle == v->sel->id)
			meeting_node(v, page, &m[i]);
	os = xmlNewChild(page, NULL, BAD_CAST "objectives", NULL);
	if (v->sel != NULL && (rc = store_objectives_by_cycle_unit(v->st, &v->r->ar,
	    v->sel->id, u->id, &o, &no)) == STORE_OK)
		for (i = 0; i < no; i++)
			if (o[i].level != LEVEL_PERSONAL && o[i].state != OBJ_ARCHIVED)
				render_attr_u(render_text(os, "objective", o[i].title),
				    "id", o[i].id);
	return 0;
}

/* ---------------------------------------- what several sections show */

/* <company> with the company's live objectives of the meeting's cycle,
 * shown with flags; a company the store cannot read shows none.  0 or a
 * status. */
static int
company(struct view *v, xmlNodePtr mn, const struct meeting *m, unsigned flags)
{
	xmlNodePtr co = xmlNewChild(mn, NULL, BAD_CAST "company", NULL);
	const struct unit *top = view_unit_top(v, m->unit);
	struct objective *o;
	size_t i, n;
	double s;
	int rc;

	if (top == NULL || store_objectives_by_cycle_unit(v->st, &v->r->ar,
	    m->cycle, top->id, &o, &n) != STORE_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (o[i].level == LEVEL_COMPANY && o[i].state != OBJ_ARCHIVED &&
		    (rc = view_objective(v, co, &o[i], flags, &s)) != 0)
			return rc;
	return 0;
}

/* -------------------------------------------------- the review board */

/* The share of the cycle elapsed on day, in [0, 1]. */
static double
elapsed(const struct cycle *c, int32_t day)
{
	double e;

	if (c == NULL || c->end <= c->start)
		return 1;
	e = (double)(day - c->start) / (double)(c->end - c->start);
	return e < 0 ? 0 : e > 1 ? 1 : e;
}

/* The status a board derives: the mean score against where a healthy
 * final 0.7 would put it by now.  Within 0.05 of that is on track, within
 * 0.2 at risk, further off track. */
static enum bstatus
derive_status(double score, double share)
{
	double gap = score - 0.7 * share;

	if (gap >= -0.05)
		return BOARD_ON_TRACK;
	return gap >= -0.2 ? BOARD_AT_RISK : BOARD_OFF_TRACK;
}

static void
action_node(struct view *v, xmlNodePtr parent, const struct action *a,
    const struct meeting *m)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST "action", NULL);
	struct kr k;

	render_attr_u(n, "id", a->id);
	render_attr(n, "state", a->state == ACTION_DONE ? "done" : "open");
	render_attr(n, "due", view_day(v->r, a->due));
	render_attr_u(n, "version", a->version);
	if (a->kr != 0)
		render_attr_u(n, "kr", a->kr);
	if (m->state != MEET_CLOSED && a->state == ACTION_OPEN && v->r->me != NULL &&
	    (a->owner == v->r->me->id || a->created_by == v->r->me->id ||
	    view_may(v, PERM_MANAGE_UNIT, a->unit)))
		render_attr(n, "can-edit", "1");
	render_text(n, "title", a->title);
	view_person_ref(v, n, "owner", a->owner);
	if (a->kr != 0 && store_kr_get(v->st, &v->r->ar, a->kr, &k) == STORE_OK)
		render_text(n, "kr-title", k.title);
}

/* The objectives a review of m looks at: the one it was planned for, else
 * its unit's in its cycle.  0 or a status. */
static int
review_objectives(struct view *v, const struct meeting *m, struct objective **o,
    size_t *n)
{
	int rc;

	if (m->objective != 0) {
		*o = arena_alloc(&v->r->ar, sizeof(**o));
		*n = 1;
		rc = store_objective_get(v->st, &v->r->ar, m->objective, *o);
	} else
		rc = store_objectives_by_cycle_unit(v->st, &v->r->ar, m->cycle,
		    m->unit, o, n);
	return rc == STORE_OK ? 0 : worker_fail(v->r, rc, NULL);
}

/* The four quadrants of a review meeting, as they stand on day ref. */
static int
board(struct view *v, xmlNodePtr mn, const struct meeting *m, int32_t ref)
{
	xmlNodePtr b = xmlNewChild(mn, NULL, BAD_CAST "board", NULL), prog, week, month,
	    later = NULL, q;
	const struct cycle *c = view_cycle(v, m->cycle);
	struct objective *o;
	struct action *a;
	size_t i, n, na, count = 0, drafts = 0;
	double s, sum = 0, share;
	int32_t monday, sunday;
	enum bstatus derived;
	int rc;

	prog = xmlNewChild(b, NULL, BAD_CAST "progress", NULL);
	if ((rc = review_objectives(v, m, &o, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (o[i].level == LEVEL_PERSONAL || o[i].state == OBJ_ARCHIVED)
			continue;
		if ((rc = view_objective(v, prog, &o[i], VIEW_KRS | VIEW_PERMS |
		    VIEW_TREND | VIEW_HEALTH, &s)) != 0)
			return rc;
		/* A draft's 0 is no progress yet: it does not pull the mean. */
		if (!okr_scored(o[i].state, -1)) {
			drafts++;
			continue;
		}
		sum += s;
		count++;
	}
	share = elapsed(c, ref);
	s = count ? sum / (double)count : 0;
	derived = derive_status(s, share);
	render_attr(b, "status", store_bstatus_names[m->status >= 0 ? m->status : (int)derived]);
	render_attr(b, "derived", store_bstatus_names[derived]);
	render_attr_num(b, "elapsed", (double)okr_pct(share) / 100);
	view_score_attrs(b, s);
	/* Only drafts, or a cycle still in planning: the board shows that
	 * state, not "off track". */
	if (c != NULL && !okr_scored(OBJ_ACTIVE, c->state))
		view_unscored(b, OBJ_ACTIVE, c->state);
	else if (count == 0 && drafts > 0)
		view_unscored(b, OBJ_DRAFT, -1);
	if (m->status >= 0 && m->status_reason != NULL)
		render_attr(b, "override-reason", m->status_reason);
	/* Monday to Sunday of the reference day's week, then the thirty
	 * days after it. */
	monday = okr_monday(ref);
	sunday = monday + 6;
	week = xmlNewChild(b, NULL, BAD_CAST "week", NULL);
	render_attr(week, "from", view_day(v->r, monday));
	render_attr(week, "to", view_day(v->r, sunday));
	month = xmlNewChild(b, NULL, BAD_CAST "month", NULL);
	render_attr(month, "from", view_day(v->r, sunday + 1));
	render_attr(month, "to", view_day(v->r, sunday + 30));
	if ((rc = store_actions_by_unit(v->st, &v->r->ar, m->unit, &a, &na)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < na; i++) {
		if (m->objective != 0 && a[i].objective != m->objective &&
		    a[i].meeting != m->id)
			continue;
		/* This week: due in it, or overdue and open (in view until
		 * done); an item this meeting added goes by its date too. */
		if ((a[i].due >= monday && a[i].due <= sunday) ||
		    (a[i].due < monday && a[i].state == ACTION_OPEN))
			q = week;
		else if (a[i].due > sunday && a[i].due <= sunday + 30)
			q = month;
		else if (a[i].due > sunday + 30 && a[i].meeting == m->id) {
			/* Decided here for later: the room sees it was taken. */
			if (later == NULL)
				later = xmlNewChild(b, NULL, BAD_CAST "later", NULL);
			q = later;
		} else
			continue;
		action_node(v, q, &a[i], m);
		/* What the room just decided stands out. */
		if (a[i].meeting == m->id)
			render_attr(q->last, "new", "1");
	}
	return 0;
}

/* -------------------------------------------------------- attendance */

/* <person> of the attendance, marked when the list has them present. */
static void
attendee(xmlNodePtr att, const struct person *who, const char *present)
{
	xmlNodePtr pn = xmlNewChild(att, NULL, BAD_CAST "person", NULL);

	render_attr(pn, "login", who->login);
	render_attr(pn, "name", who->name);
	if (okr_listed(present, who->login))
		render_attr(pn, "present", "1");
}

/* Everyone of unit and the units below it (the whole department comes
 * to its meetings), and the unit's lead. */
static int
attendance(struct view *v, xmlNodePtr att, const struct meeting *m,
    uint32_t unit, int depth)
{
	const struct unit *u = view_unit(v, unit);
	const struct person *lead;
	struct person *p;
	struct unit *kids;
	size_t i, n;
	int rc;

	if (depth == 0 && u != NULL && (lead = view_person(v, u->lead)) != NULL &&
	    lead->unit != unit)
		attendee(att, lead, m->present);
	if ((rc = store_people_in_unit(v->st, &v->r->ar, unit, &p, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++)
		attendee(att, &p[i], m->present);
	if (depth >= OKR_MAX_DEPTH ||
	    (rc = store_units_children(v->st, &v->r->ar, unit, &kids, &n)) != STORE_OK)
		return depth >= OKR_MAX_DEPTH ? 0 : worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++)
		if ((rc = attendance(v, att, m, kids[i].id, depth + 1)) != 0)
			return rc;
	return 0;
}

/* ------------------------------------------------ the action meeting */

const char *
meet_deferral(struct req *r, const char *list, uint32_t id)
{
	const char *p, *sp, *nl;
	char *end;

	for (p = list; p != NULL && *p != '\0'; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		sp = strchr(p, ' ');
		if (strtoul(p, &end, 10) == id && end == sp)
			return arena_strndup(&r->ar, sp + 1, nl != NULL ?
			    (size_t)(nl - sp - 1) : strlen(sp + 1));
	}
	return NULL;
}

/* The department's own objectives of the meeting's cycle (archived
 * ones aside), into *o and *n. */
static int
own_objectives(struct view *v, const struct meeting *m, struct objective **o,
    size_t *n)
{
	size_t i, j;
	int rc;

	if ((rc = store_objectives_by_cycle_unit(v->st, &v->r->ar, m->cycle, m->unit,
	    o, n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = j = 0; i < *n; i++)
		if ((*o)[i].state != OBJ_ARCHIVED)
			(*o)[j++] = (*o)[i];
	*n = j;
	return 0;
}

int
meet_action_kr_ok(struct view *v, const struct meeting *m, uint32_t kr)
{
	struct objective *o;
	struct kr *k, one;
	int *covered;
	size_t i, n;

	if (store_carried_krs(v->st, &v->r->ar, m->unit, m->cycle, &k, &covered,
	    &n) != STORE_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (k[i].id == kr)
			return 1;
	if (store_kr_get(v->st, &v->r->ar, kr, &one) != STORE_OK ||
	    !okr_kr_live(one.state) || own_objectives(v, m, &o, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (o[i].id == one.objective)
			return 1;
	return 0;
}

/* The department action meeting: the company's objectives, the company
 * KRs this department carries with whether they are covered or deferred
 * and which of its own objectives serve each, its own objectives, and
 * the action items added in it. */
static int
action_meeting(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	xmlNodePtr ca, kn, an, own;
	const struct cycle *c = view_cycle(v, m->cycle);
	struct objective *o;
	struct action *a;
	struct kr *k;
	int *covered;
	size_t i, j, n, no;
	const char *reason;
	double s;
	int rc;

	if ((rc = company(v, mn, m, VIEW_KRS | VIEW_HEALTH)) != 0)
		return rc;
	if ((rc = store_carried_krs(v->st, &v->r->ar, m->unit, m->cycle, &k, &covered,
	    &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	if ((rc = own_objectives(v, m, &o, &no)) != 0)
		return rc;
	ca = xmlNewChild(mn, NULL, BAD_CAST "carried", NULL);
	for (i = 0; i < n; i++) {
		kn = xmlNewChild(ca, NULL, BAD_CAST "kr", NULL);
		for (j = 0; j < no; j++)
			if (o[j].parent_kr == k[i].id)
				render_attr_u(render_text(kn, "served-by", o[j].title),
				    "objective", o[j].id);
		render_attr_u(kn, "id", k[i].id);
		view_score_attrs(kn, okr_kr_score(k[i].kind, k[i].direction,
		    k[i].start, k[i].target, k[i].current));
		if (covered[i])
			render_attr(kn, "covered", "1");
		render_text(kn, "title", k[i].title);
		view_person_ref(v, kn, "owner", k[i].owner);
		if ((reason = meet_deferral(v->r, m->deferred, k[i].id)) != NULL)
			render_text(kn, "deferred", reason);
	}
	/* Where a new objective of the department is made. */
	own = xmlNewChild(mn, NULL, BAD_CAST "own", NULL);
	render_attr_u(own, "unit", m->unit);
	if (c != NULL)
		render_attr(own, "cycle", c->name);
	for (i = 0; i < no; i++)
		if ((rc = view_objective(v, own, &o[i], VIEW_KRS | VIEW_HEALTH, &s)) != 0)
			return rc;
	an = xmlNewChild(mn, NULL, BAD_CAST "actions", NULL);
	if ((rc = store_actions_by_unit(v->st, &v->r->ar, m->unit, &a, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++)
		if (a[i].meeting == m->id)
			action_node(v, an, &a[i], m);
	return 0;
}

/* Marks an item of the consensus meeting with the decision that counts;
 * a meeting being closed shows what its close makes of the item. */
static void
decided(xmlNodePtr n, const struct verdict *d, int closing, const char *kept,
    const char *dropped)
{
	if (d == NULL)
		return;
	render_attr(n, "decision", store_vkind_names[d->kind]);
	if (closing)
		xmlSetProp(n, BAD_CAST "state", BAD_CAST (d->kind == VERDICT_REJECT ?
		    dropped : kept));
}

/* <signer login name> for each login of a space-separated list. */
static void
signers(struct view *v, xmlNodePtr n, const char *list)
{
	char *s = arena_strdup(&v->r->ar, list != NULL ? list : ""), *save, *w;
	struct person p;
	xmlNodePtr sn;

	for (w = strtok_r(s, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		sn = xmlNewChild(n, NULL, BAD_CAST "signer", NULL);
		render_attr(sn, "login", w);
		if (store_person_by_login(v->st, &v->r->ar, w, &p) == STORE_OK)
			render_attr(sn, "name", p.name);
	}
}

/* --------------------------------------------------------- consensus */

/* <change term from to> of a verdict for one term it changed. */
static void
term_change(xmlNodePtr dn, const char *term, const char *from, const char *to)
{
	xmlNodePtr c;

	if (strcmp(from != NULL ? from : "", to != NULL ? to : "") == 0)
		return;
	c = xmlNewChild(dn, NULL, BAD_CAST "change", NULL);
	render_attr(c, "term", term);
	render_attr(c, "from", from != NULL ? from : "");
	render_attr(c, "to", to != NULL ? to : "");
}

/* What a revision changed, old and new, term by term; a revision that
 * kept no old terms shows its new title only (<text>). */
static void
revision(struct view *v, xmlNodePtr dn, const struct verdict *d)
{
	char a[32], b[32];

	if (d->kind != VERDICT_REVISE || d->was_text == NULL)
		return;
	term_change(dn, "title", d->was_text, d->text);
	if (d->kr == 0)
		return;
	okr_num_format(d->was_start, a);
	okr_num_format(d->start, b);
	term_change(dn, "start", a, b);
	okr_num_format(d->was_target, a);
	okr_num_format(d->target, b);
	term_change(dn, "target", a, b);
	term_change(dn, "unit-label", d->was_unit_label, d->unit_label);
	term_change(dn, "due", view_day(v->r, d->was_due), view_day(v->r, d->due));
}

/* The company consensus meeting: each draft objective of the unit with
 * its proposed KRs, the decision that counts on each, what is still open
 * and which objectives lack two agreed KRs; then every decision taken,
 * in order. */
static int
consensus(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	xmlNodePtr cn = xmlNewChild(mn, NULL, BAD_CAST "consensus", NULL), on, kn, dn;
	const struct verdict *vo, *vk;
	const struct person *p;
	struct okr_reach reach;
	struct okr_objref ref;
	struct okr_tally t;
	struct objective *o;
	struct verdict *d;
	struct kr *k;
	size_t i, j, n, nk, nd, open = 0, lacking = 0;
	int closing = m->state == MEET_CLOSED, rc;
	double s;

	if ((rc = store_verdicts_by_meeting(v->st, &v->r->ar, m->id, &d, &nd)) != STORE_OK ||
	    (rc = store_objectives_by_cycle_unit(v->st, &v->r->ar, m->cycle, m->unit,
	    &o, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	store_reach(m, &reach);
	for (i = 0; i < n; i++) {
		store_objref(&o[i], &ref);
		if (!okr_consensus_scope(&reach, &ref))
			continue;
		if ((rc = view_objective(v, cn, &o[i], VIEW_KRS | VIEW_HINTS | VIEW_HEALTH, &s)) != 0)
			return rc;
		if ((rc = store_krs_by_objective(v->st, &v->r->ar, o[i].id, &k, &nk)) != STORE_OK)
			return worker_fail(v->r, rc, NULL);
		on = cn->last;
		vo = store_verdict_of(d, nd, o[i].id, 0);
		okr_tally_init(&t, store_said(vo));
		decided(on, vo, closing, "agreed", "archived");
		/* view_kr() made one <kr> per KR, in order. */
		kn = on->children;
		for (j = 0; j < nk; j++, kn = kn->next) {
			while (kn != NULL && !xmlStrEqual(kn->name, BAD_CAST "kr"))
				kn = kn->next;
			if (kn == NULL)
				break;
			vk = store_verdict_of(d, nd, o[i].id, k[j].id);
			okr_tally_kr(&t, k[j].state, store_said(vk));
			/* A rejected objective's proposed KRs go with it. */
			if (k[j].state == KRS_PROPOSED)
				decided(kn, t.said == SAID_REJECT ? vo : vk, closing,
				    "agreed", "rejected");
		}
		open += t.open;
		if (okr_tally_lacking(&t)) {
			render_attr(on, "lacking", "1");
			lacking++;
		}
	}
	render_attr_u(cn, "open", open);
	render_attr_u(cn, "lacking", lacking);
	if (open == 0 && lacking == 0)
		render_attr(cn, "ready", "1");
	for (i = 0; i < nd; i++) {
		dn = xmlNewChild(cn, NULL, BAD_CAST "verdict", NULL);
		render_attr_u(dn, "id", d[i].id);
		render_attr(dn, "kind", store_vkind_names[d[i].kind]);
		render_attr_u(dn, "objective", d[i].objective);
		if (d[i].kr != 0)
			render_attr_u(dn, "kr", d[i].kr);
		view_when(dn, d[i].at);
		if ((p = view_person(v, d[i].by)) != NULL)
			render_attr(dn, "by-name", p->name);
		signers(v, dn, d[i].signed_by);
		if (d[i].text != NULL)
			render_text(dn, "text", d[i].text);
		revision(v, dn, &d[i]);
		if (d[i].note != NULL && *d[i].note != '\0')
			render_text(dn, "note", d[i].note);
	}
	return 0;
}

int
meet_consensus_open(struct view *v, const struct meeting *m, size_t *open)
{
	xmlNodePtr mn = xmlNewNode(NULL, BAD_CAST "meeting");
	xmlChar *n = NULL;
	int rc;

	*open = 0;
	if (mn == NULL)
		return 500;
	/* The meeting's own tally, as its page shows it (a page of its own,
	 * built and dropped: only while a consensus meeting is open). */
	if ((rc = consensus(v, mn, m)) == 0 && mn->children != NULL &&
	    (n = xmlGetProp(mn->children, BAD_CAST "open")) != NULL)
		*open = (size_t)strtoul((const char *)n, NULL, 10);
	xmlFree(n);
	xmlFreeNode(mn);
	return rc;
}

/* ------------------------------------------------- quarterly grading */

/* Grade distribution of one unit (or the total): 11 bins, 0 to 1. */
struct dist {
	size_t	 bins[11];
	size_t	 count, graded, in_band;
	double	 sum;
};

static void
dist_add(struct dist *d, double value, int graded)
{
	int bin = (int)(value * 10 + 0.5);

	d->bins[bin < 0 ? 0 : bin > 10 ? 10 : bin]++;
	d->count++;
	d->graded += graded;
	d->in_band += bin == 6 || bin == 7;
	d->sum += value;
}

static void
dist_node(xmlNodePtr n, const struct dist *d)
{
	xmlNodePtr b;
	int i;

	render_attr_u(n, "count", d->count);
	render_attr_u(n, "graded", d->graded);
	render_attr_u(n, "in-band", d->in_band);
	render_attr_num(n, "mean", d->count ? (double)okr_pct(d->sum /
	    (double)d->count) / 100 : 0);
	for (i = 0; i <= 10; i++) {
		b = xmlNewChild(n, NULL, BAD_CAST "bin", NULL);
		render_attr_num(b, "grade", i / 10.0);
		render_attr_u(b, "count", d->bins[i]);
	}
}

/* One unit of the grading: its objectives (personal ones included) with
 * each KR's score, proposed grade and grade; then the units below.  The
 * distribution is per unit and in total: collective, never per person. */
static int
grading_unit(struct view *v, xmlNodePtr gr, xmlNodePtr sum, struct dist *total,
    const struct meeting *m, const struct cycle *c, uint32_t unit, int depth)
{
	const struct unit *u = view_unit(v, unit);
	struct objective *o;
	struct unit *kids;
	struct kr *k;
	struct dist d;
	xmlNodePtr on, kn, un;
	size_t i, j, n, nk;
	double score, proposed;
	int rc, may;

	if (u == NULL || depth >= OKR_MAX_DEPTH)
		return 0;
	memset(&d, 0, sizeof(d));
	if ((rc = store_objectives_by_cycle_unit(v->st, &v->r->ar, m->cycle, unit,
	    &o, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++) {
		if (o[i].state == OBJ_ARCHIVED)
			continue;
		if ((rc = store_krs_by_objective(v->st, &v->r->ar, o[i].id, &k, &nk)) != STORE_OK)
			return worker_fail(v->r, rc, NULL);
		on = xmlNewChild(gr, NULL, BAD_CAST "objective", NULL);
		render_attr_u(on, "id", o[i].id);
		render_attr(on, "level", okr_level_names[o[i].level]);
		render_text(on, "title", o[i].title);
		un = xmlNewChild(on, NULL, BAD_CAST "unit", NULL);
		render_attr_u(un, "id", u->id);
		render_attr(un, "name", u->name);
		may = c != NULL && c->state == CYCLE_REVIEW &&
		    view_may(v, PERM_EDIT_OBJECTIVE, o[i].id);
		for (j = 0; j < nk; j++) {
			if (!okr_kr_live(k[j].state))
				continue;
			score = okr_kr_score(k[j].kind, k[j].direction, k[j].start,
			    k[j].target, k[j].current);
			proposed = okr_grade_proposal(score);
			kn = xmlNewChild(on, NULL, BAD_CAST "kr", NULL);
			render_attr_u(kn, "id", k[j].id);
			render_attr_u(kn, "version", k[j].version);
			view_score_attrs(kn, score);
			render_attr_num(kn, "proposed", proposed);
			if (k[j].grade >= 0)
				render_attr_num(kn, "grade", k[j].grade);
			if (may)
				render_attr(kn, "can-grade", "1");
			render_text(kn, "title", k[j].title);
			dist_add(&d, k[j].grade >= 0 ? k[j].grade : proposed, k[j].grade >= 0);
			dist_add(total, k[j].grade >= 0 ? k[j].grade : proposed, k[j].grade >= 0);
		}
	}
	un = xmlNewChild(sum, NULL, BAD_CAST "unit", NULL);
	render_attr_u(un, "id", u->id);
	render_attr(un, "name", u->name);
	dist_node(un, &d);
	if ((rc = store_units_children(v->st, &v->r->ar, unit, &kids, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++)
		if ((rc = grading_unit(v, gr, sum, total, m, c, kids[i].id, depth + 1)) != 0)
			return rc;
	return 0;
}

static int
grading(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	const struct cycle *c = view_cycle(v, m->cycle);
	xmlNodePtr gr = xmlNewChild(mn, NULL, BAD_CAST "grading", NULL);
	xmlNodePtr sum = xmlNewChild(mn, NULL, BAD_CAST "summary", NULL);
	struct dist total;
	int rc;

	memset(&total, 0, sizeof(total));
	if (c != NULL) {
		render_attr(gr, "cycle", c->name);
		render_attr(gr, "cycle-state", okr_cstate_names[c->state]);
	}
	if ((rc = grading_unit(v, gr, sum, &total, m, c, m->unit, 0)) != 0)
		return rc;
	dist_node(xmlNewChild(sum, NULL, BAD_CAST "total", NULL), &total);
	return 0;
}

/* ---------------------------------------------------- monthly review */

/* The monthly review: per KR of the unit's objectives, the progress
 * since a month before the meeting (the last check-in on or before that
 * day) and the latest GROW note recorded in this meeting. */
static int
monthly(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	xmlNodePtr gb = xmlNewChild(mn, NULL, BAD_CAST "grow-board", NULL), on, kn, gn;
	struct okr_reach reach;
	struct okr_objref ref;
	struct objective *o;
	struct kr *k;
	struct checkin *c;
	struct grow *g;
	const struct grow *last;
	size_t i, j, l, n, nk, nc, ng;
	/* The last second of that local day. */
	int64_t then = okr_day_start(m->day - 29) - 1;
	double was;
	int rc, found;

	render_attr(gb, "since", view_day(v->r, m->day - 30));
	if ((rc = store_grows_by_meeting(v->st, &v->r->ar, m->id, &g, &ng)) != STORE_OK ||
	    (rc = store_objectives_by_cycle_unit(v->st, &v->r->ar, m->cycle, m->unit,
	    &o, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	store_reach(m, &reach);
	for (i = 0; i < n; i++) {
		store_objref(&o[i], &ref);
		if (!okr_grow_scope(&reach, &ref))
			continue;
		if ((rc = store_krs_by_objective(v->st, &v->r->ar, o[i].id, &k, &nk)) != STORE_OK)
			return worker_fail(v->r, rc, NULL);
		on = xmlNewChild(gb, NULL, BAD_CAST "objective", NULL);
		render_attr_u(on, "id", o[i].id);
		render_text(on, "title", o[i].title);
		for (j = 0; j < nk; j++) {
			if (!okr_kr_live(k[j].state))
				continue;
			if ((rc = store_checkins_by_kr(v->st, &v->r->ar, k[j].id, &c, &nc)) != STORE_OK)
				return worker_fail(v->r, rc, NULL);
			was = k[j].start;
			found = 0;
			for (l = 0; l < nc && c[l].at <= then; l++) {
				was = c[l].value;
				found = 1;
			}
			kn = xmlNewChild(on, NULL, BAD_CAST "kr", NULL);
			render_attr_u(kn, "id", k[j].id);
			render_attr_num(kn, "current", k[j].current);
			render_attr_num(kn, "then", was);
			render_attr_num(kn, "delta", k[j].current - was);
			if (!found)
				render_attr(kn, "then-is-start", "1");
			if (k[j].unit_label != NULL && *k[j].unit_label != '\0')
				render_attr(kn, "unit-label", k[j].unit_label);
			view_score_attrs(kn, okr_kr_score(k[j].kind, k[j].direction,
			    k[j].start, k[j].target, k[j].current));
			render_text(kn, "title", k[j].title);
			for (last = NULL, l = 0; l < ng; l++)
				if (g[l].kr == k[j].id)
					last = &g[l];
			if (last == NULL)
				continue;
			gn = xmlNewChild(kn, NULL, BAD_CAST "grow", NULL);
			view_person_ref(v, gn, "author", last->author);
			render_text(gn, "goal", last->goal);
			render_text(gn, "reality", last->reality);
			render_text(gn, "options", last->options);
			render_text(gn, "will", last->will);
		}
	}
	return 0;
}

/* --------------------------------------------------------- awareness */

/* Who came of whom in each unit: its own members, then (rolled) with
 * every unit below it. */
struct came {
	size_t		 people, came;
};

/* Unit i's row of the coverage under parent, and below it the rows of
 * the units under i (tree order); depth bounds a loop in damaged data. */
static void
coverage_row(struct view *v, xmlNodePtr parent, const struct came *c, size_t i,
    int depth)
{
	xmlNodePtr un = xmlNewChild(parent, NULL, BAD_CAST "unit", NULL);
	size_t j;

	render_attr_u(un, "id", v->units[i].id);
	render_attr(un, "name", v->units[i].name);
	render_attr(un, "level", okr_level_names[v->units[i].level]);
	render_attr_u(un, "people", c[i].people);
	render_attr_u(un, "came", c[i].came);
	render_attr_u(un, "pct", (size_t)okr_pct(c[i].people ?
	    (double)c[i].came / (double)c[i].people : 0));
	for (j = 0; depth < OKR_MAX_DEPTH && j < v->nunits; j++)
		if (v->units[j].parent == v->units[i].id && j != i)
			coverage_row(v, un, c, j, depth + 1);
}

/* The all-hands awareness meeting: the company's objectives, a live
 * check of a KR's text, and the share of people who came to an
 * awareness meeting of this unit in the cycle: the meeting's unit in
 * all, and each unit below it with its own sub-units rolled in. */
static int
awareness(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	xmlNodePtr kc;
	struct meeting *all;
	struct person *p;
	struct came *c;
	const struct unit *u;
	const char *text = v->r->val[KEY_TEXT];
	size_t i, j, na, np, came, top = 0;
	int rc, hints, depth;

	if ((rc = company(v, mn, m, VIEW_KRS | VIEW_HINTS | VIEW_HEALTH)) != 0)
		return rc;
	if (text != NULL && *text != '\0') {
		hints = okr_kr_hints(text);
		kc = render_text(mn, "kr-check", text);
		render_attr(kc, "number", hints & HINT_NUMBER ? "0" : "1");
		render_attr(kc, "date", hints & HINT_DATE ? "0" : "1");
	}
	if ((rc = store_meetings_by_unit(v->st, &v->r->ar, m->unit, &all, &na)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	if ((rc = view_units_all(v)) != 0)
		return rc;
	c = arena_alloc(&v->r->ar, (v->nunits + 1) * sizeof(*c));
	memset(c, 0, (v->nunits + 1) * sizeof(*c));
	for (i = 0; i < v->nunits; i++) {
		if (v->units[i].id == m->unit)
			top = i;
		/* The meeting's unit and the units below it. */
		if (!view_unit_within(v, v->units[i].id, m->unit) ||
		    (rc = store_people_in_unit(v->st, &v->r->ar, v->units[i].id,
		    &p, &np)) != STORE_OK)
			continue;
		for (came = 0, j = 0; j < np; j++) {
			size_t k;

			for (k = 0; k < na; k++)
				if (all[k].type == MEET_AWARENESS && all[k].cycle == m->cycle &&
				    all[k].present != NULL && okr_listed(all[k].present, p[j].login))
					break;
			came += k < na;
		}
		/* Counted in the unit and in each unit above it, up to the
		 * meeting's. */
		for (u = &v->units[i], depth = 0; u != NULL && depth < OKR_MAX_DEPTH;
		    depth++) {
			c[u - v->units].people += np;
			c[u - v->units].came += came;
			if (u->id == m->unit)
				break;
			u = view_unit(v, u->parent);
		}
	}
	if (top < v->nunits && v->units[top].id == m->unit)
		coverage_row(v, xmlNewChild(mn, NULL, BAD_CAST "coverage", NULL), c,
		    top, 0);
	return 0;
}

/* -------------------------------------------------- the meeting page */

/* The review meeting's board: a planned meeting previews its day; an
 * open one (and the one being closed) shows today. */
static int
review(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	return board(v, mn, m, m->state == MEET_PLANNED ? m->day : okr_today());
}

/* What each type of meeting shows after its attendance, minutes and
 * decisions: 0 or a status. */
typedef int (*section_fn)(struct view *, xmlNodePtr, const struct meeting *);

static const section_fn sections[MEET__MAX] = {
	[MEET_AWARENESS] = awareness,
	[MEET_CONSENSUS] = consensus,
	[MEET_ACTION] = action_meeting,
	[MEET_REVIEW] = review,
	[MEET_MONTHLY] = monthly,
	[MEET_QUARTERLY] = grading
};

/* The whole <meeting> of the meeting page, live. */
static int
meeting_live(struct view *v, xmlNodePtr page, const struct meeting *m)
{
	xmlNodePtr mn = meeting_node(v, page, m);
	int rc;

	if ((rc = attendance(v, xmlNewChild(mn, NULL, BAD_CAST "attendance", NULL),
	    m, m->unit, 0)) != 0)
		return rc;
	render_text(mn, "minutes", m->minutes);
	render_text(mn, "decisions", m->decisions);
	if (m->type >= 0 && m->type < MEET__MAX && sections[m->type] != NULL)
		return sections[m->type](v, mn, m);
	return 0;
}

/* A closed meeting shows what it showed when it closed. */
static int
meeting_frozen(struct view *v, xmlNodePtr page, const struct meeting *m)
{
	xmlDocPtr doc;
	xmlNodePtr copy;
	const char *text;
	char *xml;
	int rc;

	if ((rc = store_meeting_snapshot(v->st, &v->r->ar, m->id, &xml)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	/* Our own document, parsed as untrusted all the same; one frozen
	 * before the character rule may hold what XML cannot. */
	text = render_text_clean(&v->r->ar, xml);
	doc = xmlReadMemory(text, (int)strlen(text), NULL, "UTF-8", XML_PARSE_NONET);
	if (doc == NULL)
		return 500;
	copy = xmlDocCopyNode(xmlDocGetRootElement(doc), page->doc, 1);
	xmlFreeDoc(doc);
	if (copy == NULL)
		return 500;
	xmlAddChild(page, copy);
	xmlSetProp(copy, BAD_CAST "state", BAD_CAST "closed");
	render_attr(copy, "frozen", "1");
	return 0;
}

/* What the closing user may do is not part of the record. */
static void
strip_permissions(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlUnsetProp(n, BAD_CAST "can-edit");
		xmlUnsetProp(n, BAD_CAST "can-checkin");
		xmlUnsetProp(n, BAD_CAST "next-cycle");
		strip_permissions(n->children);
	}
}

int
meet_section(struct view *v, xmlNodePtr page, const struct meeting *m)
{
	return m->state == MEET_CLOSED ? meeting_frozen(v, page, m) :
	    meeting_live(v, page, m);
}

int
meet_snapshot(struct view *v, const struct meeting *m, char **xml)
{
	struct meeting closed = *m;
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlBufferPtr buf;
	int rc;

	closed.state = MEET_CLOSED;	/* the record shows the closed meeting */
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return 500;
	root = xmlNewDocNode(doc, NULL, BAD_CAST "snapshot", NULL);
	xmlDocSetRootElement(doc, root);
	if ((rc = meeting_live(v, root, &closed)) != 0)
		goto out;
	strip_permissions(root->children);
	if ((buf = xmlBufferCreate()) == NULL) {
		rc = 500;
		goto out;
	}
	xmlNodeDump(buf, doc, root->children, 0, 0);
	*xml = arena_strdup(&v->r->ar, (const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
out:
	xmlFreeDoc(doc);
	return rc;
}

/* ------------------------------------------------ the presenter's agenda */

/* Where a KR comes on the agenda: what needs the room first. */
enum attention { ATTN_OVERDUE, ATTN_AT_RISK, ATTN_NONE, ATTN__MAX };
static const char *const attention_names[ATTN__MAX] = { "overdue", "at-risk", "none" };

/* A KR past its due date and not done is overdue; one the board's rule
 * puts behind where a healthy 0.7 would be by now is at risk. */
static enum attention
attention(const struct kr *k, double score, double share, int32_t today)
{
	if (k->due != 0 && k->due < today && score < 1)
		return ATTN_OVERDUE;
	return derive_status(score, share) == BOARD_ON_TRACK ? ATTN_NONE : ATTN_AT_RISK;
}

/* The action items added in the unit's last meeting of m's type before
 * m, done or open, under <last-meeting>; nothing when there is none. */
static int
last_actions(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	const struct meeting *prev = NULL;
	struct meeting *ms;
	struct action *a;
	xmlNodePtr last;
	size_t i, n;
	int rc;

	if ((rc = store_meetings_by_unit(v->st, &v->r->ar, m->unit, &ms, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	/* The latest before m: by day, then by id within a day. */
	for (i = 0; i < n; i++)
		if (ms[i].id != m->id && ms[i].type == m->type &&
		    (ms[i].day < m->day || (ms[i].day == m->day && ms[i].id < m->id)) &&
		    (prev == NULL || ms[i].day > prev->day ||
		    (ms[i].day == prev->day && ms[i].id > prev->id)))
			prev = &ms[i];
	if (prev == NULL)
		return 0;
	last = xmlNewChild(mn, NULL, BAD_CAST "last-meeting", NULL);
	render_attr_u(last, "id", prev->id);
	render_attr(last, "date", view_day(v->r, prev->day));
	render_text(last, "title", prev->title);
	if ((rc = store_actions_by_unit(v->st, &v->r->ar, m->unit, &a, &n)) != STORE_OK)
		return worker_fail(v->r, rc, NULL);
	for (i = 0; i < n; i++)
		if (a[i].meeting == prev->id)
			action_node(v, last, &a[i], m);
	return 0;
}

int
meet_agenda(struct view *v, xmlNodePtr mn, const struct meeting *m)
{
	xmlNodePtr ag, it;
	struct objective *o;
	struct kr **k;
	size_t i, j, n, *nk;
	double score, share = elapsed(view_cycle(v, m->cycle), okr_today());
	int rank, rc;

	if ((rc = review_objectives(v, m, &o, &n)) != 0)
		return rc;
	/* Each objective's KRs read once, then listed rank by rank (one
	 * pass per rank keeps the objectives' order within each). */
	k = arena_alloc(&v->r->ar, (n + 1) * sizeof(*k));
	nk = arena_alloc(&v->r->ar, (n + 1) * sizeof(*nk));
	for (i = 0; i < n; i++) {
		nk[i] = 0;
		if (o[i].level == LEVEL_PERSONAL || o[i].state == OBJ_ARCHIVED)
			continue;
		if ((rc = store_krs_by_objective(v->st, &v->r->ar, o[i].id, &k[i],
		    &nk[i])) != STORE_OK)
			return worker_fail(v->r, rc, NULL);
	}
	ag = xmlNewChild(mn, NULL, BAD_CAST "agenda", NULL);
	for (rank = 0; rank < ATTN__MAX; rank++)
		for (i = 0; i < n; i++)
			for (j = 0; j < nk[i]; j++) {
				if (!okr_kr_live(k[i][j].state))
					continue;
				score = okr_kr_score(k[i][j].kind, k[i][j].direction,
				    k[i][j].start, k[i][j].target, k[i][j].current);
				if ((int)attention(&k[i][j], score, share, okr_today()) != rank)
					continue;
				it = xmlNewChild(ag, NULL, BAD_CAST "item", NULL);
				render_attr_u(it, "kr", k[i][j].id);
				render_attr_u(it, "objective", o[i].id);
				render_attr(it, "attention", attention_names[rank]);
				render_attr(it, "due", view_day(v->r, k[i][j].due));
				view_score_attrs(it, score);
				render_text(it, "title", k[i][j].title);
				render_text(it, "objective-title", o[i].title);
			}
	return last_actions(v, mn, m);
}
