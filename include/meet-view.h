/* meet-view.h: what okr-meet's pages show, built by meet-view.c. */
#ifndef MUBIAO_MEET_VIEW_H
#define MUBIAO_MEET_VIEW_H

#include <stdint.h>
#include <libxml/tree.h>

#include "store.h"

struct req;
struct view;

/* Appends the calendar of unit u to page: the unit, the review flags of it
 * and of the units below, its meetings in the chosen cycle and the
 * objectives a meeting may be about.  Returns 0 or a status. */
int	meet_calendar(struct view *, xmlNodePtr page, const struct unit *u);
/* Appends the meeting's <meeting> to page: live, with the section of its
 * type, or, once closed, what it showed when it closed.  0 or a status. */
int	meet_section(struct view *, xmlNodePtr page, const struct meeting *);
/* The record a close freezes: the live meeting as closed, without what
 * the closing user may do, as XML in the request's arena.  0 or a status. */
int	meet_snapshot(struct view *, const struct meeting *, char **xml);
/* The presenter's agenda under mn: the meeting's KRs, overdue ones
 * first, then those at risk, then the rest, and the action items of the
 * unit's last meeting of the same type.  0 or a status. */
int	meet_agenda(struct view *, xmlNodePtr mn, const struct meeting *);
/* The reason KR id was deferred in a list of "KRID reason" lines, in r's
 * arena, or NULL. */
const char *meet_deferral(struct req *, const char *list, uint32_t id);
/* Whether an action item of action meeting m may serve KR kr: a company
 * KR the department carries, or a live KR of one of its own objectives
 * of the cycle (what the item form offers). */
/* The items consensus meeting m has still to decide (*open); 0 or a
 * status. */
int	meet_consensus_open(struct view *, const struct meeting *, size_t *open);
int	meet_action_kr_ok(struct view *, const struct meeting *m, uint32_t kr);

#endif
