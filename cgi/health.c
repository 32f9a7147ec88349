/* health.c: the health flags (see health.h).  Each rule once, here: the
 * pages, the inbox and the reminders ask, none decides for itself. */
#include <string.h>

#include "health.h"
#include "okr.h"

const char *const health_names[HEALTH__MAX] = {
	"stale", "overdue", "behind", "too-few", "too-many", "unaligned",
	"no-owner", "too-easy"
};

unsigned
health_objective(const struct health_obj *o, struct health_why *w)
{
	unsigned f = 0;

	memset(w, 0, sizeof(*w));
	if (o->state == OBJ_ARCHIVED)
		return 0;
	if (!o->owned)
		f |= HEALTH_NO_OWNER;
	/* How an objective is built matters while it can still change: a
	 * closed cycle's count or alignment is history, not a task. */
	if (o->cstate != CYCLE_CLOSED) {
		w->krs = (int)o->live_krs;
		if (o->live_krs < HEALTH_KRS_MIN)
			f |= HEALTH_TOO_FEW;
		else if (o->live_krs > HEALTH_KRS_MAX)
			f |= HEALTH_TOO_MANY;
		/* The method: a department's objectives carry the company's
		 * KRs, a team's its department's; a personal one may stand
		 * alone. */
		if ((o->level == LEVEL_DEPARTMENT || o->level == LEVEL_TEAM) &&
		    !o->aligned)
			f |= HEALTH_UNALIGNED;
	}
	/* 0.6 to 0.7 is the sweet spot; every KR fully met once graded
	 * says the objective asked too little. */
	if ((o->cstate == CYCLE_REVIEW || o->cstate == CYCLE_CLOSED) &&
	    o->live_krs > 0 && okr_pct(o->score) == 100)
		f |= HEALTH_TOO_EASY;
	return f;
}

int
health_silent(const struct health_obj *o, const struct health_kr *k,
    int32_t today, int days)
{
	int32_t since = k->last;

	if (o->state == OBJ_ARCHIVED || o->state == OBJ_DRAFT ||
	    o->cstate != CYCLE_ACTIVE || !okr_kr_live(k->state))
		return 0;
	/* Never checked in: counted from when there was something to check
	 * in on, the cycle's start or the objective's creation. */
	if (since == 0)
		since = o->created > o->cstart ? o->created : o->cstart;
	return today - since >= days ? (int)(today - since) : 0;
}

unsigned
health_kr(const struct health_obj *o, const struct health_kr *k, int32_t today,
    struct health_why *w)
{
	unsigned f = 0;
	int32_t end;

	memset(w, 0, sizeof(*w));
	if (o->state == OBJ_ARCHIVED || !okr_kr_live(k->state))
		return 0;
	if (!k->owned)
		f |= HEALTH_NO_OWNER;
	/* Progress is asked of work under way: not of a draft, nor in a
	 * cycle being planned, reviewed or closed. */
	if (o->cstate != CYCLE_ACTIVE || o->state == OBJ_DRAFT)
		return f;
	if ((w->stale = health_silent(o, k, today, HEALTH_STALE_DAYS)) > 0)
		f |= HEALTH_STALE;
	if (k->due != 0 && today > k->due && okr_pct(k->score) < 100) {
		f |= HEALTH_OVERDUE;
		w->overdue = today - k->due;
		return f;	/* behind says no more than overdue */
	}
	/* Expected: the share of its time gone, from the cycle's start to
	 * its due date (or the cycle's end).  A milestone is done or not:
	 * it has no share to trail by, only a due date. */
	end = k->due > o->cstart ? k->due : o->cend;
	if (k->kind != KR_MILESTONE && end > o->cstart && today > o->cstart) {
		double share = today >= end ? 1 : (double)(today - o->cstart) /
		    (double)(end - o->cstart);

		if (share - k->score > HEALTH_BEHIND_BY) {
			f |= HEALTH_BEHIND;
			w->pct = okr_pct(k->score);
			w->expected = okr_pct(share);
		}
	}
	return f;
}
