/* view.h: turning records into the page documents of xslt/README.md.
 * Shared by every program that shows OKRs. */
#ifndef MUBIAO_VIEW_H
#define MUBIAO_VIEW_H

#include <stddef.h>
#include <libxml/tree.h>

#include "arena.h"
#include "store.h"

struct req;
struct route;

enum vflags {
	VIEW_KRS	= 1 << 0,	/* the KRs */
	VIEW_CHECKINS	= 1 << 1,	/* each KR's check-ins */
	VIEW_ALIGNED	= 1 << 2,	/* objectives aligned under each KR */
	VIEW_PARENT	= 1 << 3,	/* the KR above */
	VIEW_PERMS	= 1 << 4,	/* can-edit, can-checkin for the user */
	VIEW_HINTS	= 1 << 5,	/* the method's hints on a KR's text */
	VIEW_TREND	= 1 << 6,	/* each KR's trend line, without the list */
	VIEW_HEALTH	= 1 << 7	/* the health flags (health.h), with reasons */
};

struct view {
	struct req	*r;
	struct store	*st;
	struct cycle	*cycles;	/* oldest first */
	size_t		 ncycles;
	struct cycle	*sel;		/* chosen by ?cycle= or current; may be NULL */
	struct person	*me;		/* the signed-in person, NULL if unknown */
	struct arena_vec people;	/* struct person: a cache */
	struct unit	*units;		/* every unit, if view_units_all() */
	size_t		 nunits;
	struct arena_vec some;		/* struct unit: else the units looked
					 * up so far */
	int		 big;		/* the tree: a large company's cycle */
	/* The page's sheet reads its objectives only through their cards:
	 * view_objective() may leave out one whose card is kept
	 * (render_card_named()). */
	int		 named_cards;
	/* The inbox marks the comments made since its owner last marked
	 * them read (new="1"): those of ids above seen, when mark_new. */
	int		 mark_new;
	uint32_t	 seen;
};

/* The most records one feed may carry (conf feed-max-records). */
extern size_t view_feed_max;
/* The days without a check-in after which a KR is owed one (conf
 * checkin-days). */
extern int view_checkin_days;
/* The weekly check-in reminder of a unit without its own (conf
 * checkin-reminder), minutes from Monday 00:00: the admin page says it. */
extern int view_checkin_remind;

/* The signed-in person's inbox, what they owe, as <owed> on page: KRs
 * they own owing a check-in, their action items due this week or
 * overdue, meetings they attend that are planned or await their
 * acknowledgement, and for a department's lead the company's drafts to
 * propose KRs for.  *count the entries.  0 or a status. */
int	view_owed(struct view *, xmlNodePtr page, int *count);
/* How many KRs person p owes a check-in (view_owed()'s rule, at
 * view_checkin_days): the reminders'.  A store status. */
int	view_owed_checkins(struct view *, const struct person *p, int *count);
/* Loads the cycles and picks the one asked for (or the current one).
 * Returns 0, or a status (404 with errkey for an unknown cycle, 500). */
int	view_init(struct view *, struct req *, struct store *);
/* Looks up the signed-in person (req_main's identify hook): sets r->me,
 * or leaves it NULL for a login the store does not know.  0 or 500/503. */
int	view_identify(struct req *, struct store *);
/* render_page_new() plus the signed-in person and the cycle switcher. */
xmlNodePtr view_page(struct view *, const char *name);
/* Appends <objective> to parent; *score gets its score.  Returns 0 or 500. */
int	view_objective(struct view *, xmlNodePtr parent, const struct objective *,
	    unsigned flags, double *score);
/* Whether the user may carry o over: its owner, an admin, or who may
 * add objectives to its unit (the store's rule for a closed cycle). */
int	view_may_carry(struct view *, const struct objective *);
/* Appends <parent-kr> (the KR krid, its objective) to on; none when the
 * KR is gone.  Returns 0. */
int	view_parent(struct view *, xmlNodePtr on, uint32_t krid);
/* The score of an objective from its KRs; returns 0 or 500. */
int	view_score(struct view *, const struct objective *, double *score);
/* How many of n KRs count (okr_kr_live()). */
size_t	view_live_krs(const struct kr *, size_t n);
/* The loaded cycle with id, or NULL. */
const struct cycle *view_cycle(struct view *, uint32_t id);
/* A page of one record (an objective, a meeting, their forms) shows the
 * record's cycle, whatever ?cycle= said: its links stay in that cycle. */
void	view_select(struct view *, uint32_t cycle);
/* "?cycle=NAME" when the page's cycle is not the current one, else "":
 * what a link or landing in it adds (the sheets' $cq).  The current
 * cycle's URLs stay bare, as bookmarks and the page cache know them. */
const char *view_cycle_query(struct view *);
/* "YYYY-MM-DD" of a day in the request's arena ("" for day 0). */
const char *view_day(struct req *, int32_t day);
/* The attributes of an instant t on n: at (UTC, ISO 8601, for machines
 * and datetime), local ("YYYY-MM-DD HH:MM" in the configured zone) and
 * zone (its offset, "UTC+8"), for people. */
void	view_when(xmlNodePtr n, int64_t t);
/* Cached look-ups; NULL when absent. */
const struct person *view_person(struct view *, uint32_t id);
const struct unit *view_unit(struct view *, uint32_t id);
/* okr_parent_fn over the units a page reads (arg: the struct view). */
int	view_unit_parent(void *view, uint32_t id, uint32_t *parent);
/* Whether unit is top or lies below it (okr_unit_within(); a loop in
 * damaged data answers no). */
int	view_unit_within(struct view *, uint32_t unit, uint32_t top);
/* The unit at the top of unit's chain (the company), or NULL when the
 * chain is broken, loops or is too deep. */
const struct unit *view_unit_top(struct view *, uint32_t unit);
/* Loads every unit into v->units (id order), for pages that list them
 * all: 0 or a status. */
int	view_units_all(struct view *);
/* Adds score, pct and band attributes. */
void	view_score_attrs(xmlNodePtr, double score);
/* Marks a score that says nothing yet (okr_scored()) with unscored, the
 * catalog key of the state the page shows instead (cstate -1: unknown). */
void	view_unscored(xmlNodePtr, int ostate, int cstate);
/* <name id=".." name=".." level=".."/> for a unit; returns it. */
xmlNodePtr view_unit_ref(xmlNodePtr parent, const char *name, const struct unit *);
/* <name login=".." name=".."/> for a person id (nothing for 0). */
void	view_person_ref(struct view *, xmlNodePtr parent, const char *name,
	    uint32_t id);
/* The objective page: the objective with everything, its history and its
 * comments.  Returns 0 with *page, or a status. */
int	view_objective_page(struct view *, uint32_t id, xmlNodePtr *page);
/* The comments on objectives the person owns, newest first. */
int	view_inbox(struct view *, xmlNodePtr page, uint32_t person);
/* Whether the user may (store_allowed()); never an error, just no. */
int	view_may(struct view *, int perm, uint32_t id);

#endif
