/* health.h: the health flags of objectives and KRs, one set of rules for
 * every page that shows them (objective, unit, person, meeting), the
 * inbox and the reminders.  Pure: the caller gives what the records say
 * and today's date; nothing here reads the store. */
#ifndef MUBIAO_HEALTH_H
#define MUBIAO_HEALTH_H

#include <stddef.h>
#include <stdint.h>

enum {
	HEALTH_STALE		= 1 << 0,	/* KR: no check-in for HEALTH_STALE_DAYS */
	HEALTH_OVERDUE		= 1 << 1,	/* KR: past its due date, not reached */
	HEALTH_BEHIND		= 1 << 2,	/* KR: behind the progress expected by now */
	HEALTH_TOO_FEW		= 1 << 3,	/* objective: fewer than HEALTH_KRS_MIN KRs */
	HEALTH_TOO_MANY		= 1 << 4,	/* objective: more than HEALTH_KRS_MAX KRs */
	HEALTH_UNALIGNED	= 1 << 5,	/* department or team objective serving no KR */
	HEALTH_NO_OWNER		= 1 << 6,	/* objective or KR: nobody (left) owns it */
	HEALTH_TOO_EASY		= 1 << 7	/* objective: a final score of 1.0 */
};
#define HEALTH__MAX		8
/* The flags' names in documents and catalogs (flag.NAME), bit i: name i. */
extern const char *const health_names[HEALTH__MAX];

#define HEALTH_STALE_DAYS	14
/* Behind: the score trails the share of its time elapsed by more than
 * this (a quarter of the way from start to target). */
#define HEALTH_BEHIND_BY	0.25
#define HEALTH_KRS_MIN		2
#define HEALTH_KRS_MAX		5

/* What the rules read of an objective and its cycle. */
struct health_obj {
	int		 level;		/* enum level */
	int		 state;		/* enum ostate */
	int		 cstate;	/* its cycle's enum cstate, -1 unknown */
	int32_t		 cstart, cend;	/* the cycle's first and last days */
	int32_t		 created;	/* the day it was created, 0 unknown */
	int		 aligned;	/* it serves a KR above */
	int		 owned;		/* its owner is in the directory */
	size_t		 live_krs;	/* the KRs that count (okr_kr_live()) */
	double		 score;		/* its final score */
};

/* What they read of a KR. */
struct health_kr {
	int		 kind;		/* enum krkind */
	int		 state;		/* enum krstate */
	double		 score;		/* its final score */
	int32_t		 due;		/* day, 0 none */
	int32_t		 last;		/* the day of its last check-in, 0 none */
	int		 owned;		/* its owner is in the directory */
};

/* The figures a flag's reason gives. */
struct health_why {
	int	stale;		/* days since the last check-in (or since its
				 * cycle or objective began, if none) */
	int	overdue;	/* days past the due date */
	int	pct;		/* behind: its score, in hundredths */
	int	expected;	/* behind: the progress expected by now */
	int	krs;		/* too few or too many: how many KRs count */
};

/* The flags of an objective itself (not of its KRs). */
unsigned	health_objective(const struct health_obj *, struct health_why *);
/* The days KR k of objective o has gone without a check-in on day today
 * when they are days or more, else 0: counted from its last check-in,
 * or from when there was something to check in on (its cycle's start or
 * its objective's creation); only of a KR that counts, under an objective
 * at work (not a draft, not archived) in an active cycle.  Stale is this
 * at HEALTH_STALE_DAYS; the inbox asks it at the setting checkin-days. */
int		health_silent(const struct health_obj *o, const struct health_kr *k,
		    int32_t today, int days);
/* The flags of KR k of objective o on day today; *w their reasons. */
unsigned	health_kr(const struct health_obj *o, const struct health_kr *k,
		    int32_t today, struct health_why *w);

#endif
