/* okr.h: the arithmetic, vocabulary and rules of the OKR method: scores,
 * colour bands, dates, the names of levels, kinds and states, and what
 * records and meetings are held to, each rule once. */
#ifndef MUBIAO_OKR_H
#define MUBIAO_OKR_H

#include <stddef.h>
#include <stdint.h>

enum level	{ LEVEL_COMPANY, LEVEL_DEPARTMENT, LEVEL_TEAM, LEVEL_PERSONAL, LEVEL__MAX };
enum role	{ ROLE_MEMBER, ROLE_LEAD, ROLE_ADMIN, ROLE__MAX };
enum cstate	{ CYCLE_PLANNING, CYCLE_ACTIVE, CYCLE_REVIEW, CYCLE_CLOSED, CYCLE__MAX };
enum ostate	{ OBJ_DRAFT, OBJ_ACTIVE, OBJ_AGREED, OBJ_ARCHIVED, OBJ__MAX };
enum krkind	{ KR_NUMERIC, KR_PERCENT, KR_MILESTONE, KR__MAX };
enum krdir	{ DIR_INCREASE, DIR_DECREASE, DIR__MAX };
/* A KR's standing: proposed under a draft objective, agreed in the
 * consensus meeting, rejected there, or dropped at a quarterly review. */
enum krstate	{ KRS_ACTIVE, KRS_PROPOSED, KRS_AGREED, KRS_REJECTED, KRS_DROPPED,
		  KRS__MAX };
enum band	{ BAND_RED, BAND_YELLOW, BAND_GREEN, BAND__MAX };

extern const char *const okr_level_names[LEVEL__MAX];
extern const char *const okr_role_names[ROLE__MAX];
extern const char *const okr_cstate_names[CYCLE__MAX];
extern const char *const okr_ostate_names[OBJ__MAX];
extern const char *const okr_kind_names[KR__MAX];
extern const char *const okr_dir_names[DIR__MAX];
extern const char *const okr_krstate_names[KRS__MAX];
extern const char *const okr_band_names[BAND__MAX];

/* Whether a KR in this state counts: scores, grades, the KR count and
 * the company KRs a department carries leave rejected and dropped ones
 * out (they stay on the page and in the history). */
int	okr_kr_live(int krstate);

/* Whether word is one of the words of the space-separated list (the
 * logins present at a meeting, those who signed off). */
int	okr_listed(const char *list, const char *word);

/* Index of name in names[n], or -1. */
int	okr_lookup(const char *const *names, int n, const char *name);

/* Score of one key result in [0, 1].  Numeric and percent KRs score the
 * share of the way from start to target, whichever way the target lies;
 * start == target scores 1 once reached in the KR's direction; a milestone
 * scores 1 when done (current >= 1), else 0.  Never NaN. */
double	okr_kr_score(int kind, int dir, double start, double target,
	    double current);
/* A KR's score once graded is its grade (grade < 0: not graded). */
double	okr_final_score(double score, double grade);
/* The grade a KR's progress proposes: its score to the nearest tenth. */
double	okr_grade_proposal(double score);
/* Weighted mean of n scores; weights that are negative, NaN or all zero
 * fall back to the plain mean.  0 for n == 0. */
double	okr_weighted_score(const double *scores, const double *weights,
	    size_t n);
/* The score in whole hundredths, as shown on pages (0..100). */
int	okr_pct(double score);
/* Red below 0.40, yellow to 0.69, green from 0.70 (on the shown value). */
enum band okr_band(double score);
/* Whether a score says anything yet: not for a draft objective (its KRs
 * are proposals) nor in a cycle still being planned (no work has begun),
 * where 0.00 in red would read as failure.  cstate -1: unknown. */
int	okr_scored(int ostate, int cstate);

/* The method's quality hints on a KR's text: it should name a quantity
 * and a time.  Returns HINT_* bits for what the title lacks. */
enum { HINT_NUMBER = 1, HINT_DATE = 2 };
int	okr_kr_hints(const char *title);

/* Dates are days since 1970-01-01, calendar days of the configured time
 * zone (conf.h's timezone, set as TZ): a due date is a date, wherever it
 * is read.  Instants are seconds since 1970 (UTC).  Parse "YYYY-MM-DD"
 * strictly; returns 0 and sets *day, or -1. */
int	okr_date_parse(const char *, int32_t *day);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" strictly, a real date and time of day
 * (not 02-30, not 23:59:61): 0 and *t in seconds since 1970, or -1. */
int	okr_time_parse(const char *, int64_t *t);
/* Writes "YYYY-MM-DD" into buf (11 bytes). */
void	okr_date_format(int32_t day, char buf[11]);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" into buf (21 bytes): the machine's form
 * (feeds, exports, datetime attributes). */
void	okr_time_format(int64_t t, char buf[21]);
/* Writes t as people read it, in the configured zone: "YYYY-MM-DD HH:MM"
 * into buf and its offset from UTC ("UTC+8", "UTC-3:30", "UTC") into
 * zone; both "" when the year does not fit in four digits. */
void	okr_local_format(int64_t t, char buf[17], char zone[10]);
/* The time now, in seconds since 1970. */
int64_t	okr_now(void);
/* The local calendar day of instant t. */
int32_t	okr_day_of(int64_t t);
/* The instant the local calendar day begins (its first second). */
int64_t	okr_day_start(int32_t day);
/* The instant of minute (from midnight) of the local day (the zone's
 * clock: a time its clocks skip comes out as mktime normalises it). */
int64_t	okr_local_at(int32_t day, int minute);
/* Today's local calendar day. */
int32_t	okr_today(void);
/* The Monday of day's week (weeks run Monday to Sunday). */
int32_t	okr_monday(int32_t day);
/* Writes a number without needless digits ("58", "0.5", "1200000"). */
void	okr_num_format(double, char buf[32]);

/* ------------------------------------------------ the rules of records
 * What every record is held to, whatever writes it (a form, an import,
 * the operator's command): the forms check the same limits, so a form
 * can always save again what the store holds. */
#define OKR_MAX_NAME	100	/* a unit's or a person's name, characters */
#define OKR_MAX_LOGIN	64	/* a login */
#define OKR_MAX_CYCLE	32	/* a cycle's name */
#define OKR_MAX_TITLE	200	/* titles, a KR's note, short reasons */
#define OKR_MAX_LABEL	20	/* a KR's unit label ("%", "万元") */
#define OKR_MAX_NOTE	1000	/* a consensus decision's note */
#define OKR_MAX_TEXT	2000	/* descriptions, comments, check-in notes, GROW */
#define OKR_MAX_MINUTES	20000	/* a meeting's minutes and decisions */
#define OKR_NUM_LIMIT	1e12	/* a KR's values and check-ins, either sign */
#define OKR_MAX_WEIGHT	100	/* a KR's weight */
/* Units from the company down, at most: every walk up the tree stops
 * there, so a loop in damaged data cannot hold a worker. */
#define OKR_MAX_DEPTH	16

/* Characters (not bytes) of a UTF-8 text. */
size_t	okr_utf8_len(const char *);
/* Whether s holds at most max characters and no control character, C0,
 * DEL or C1 (multi-line text may hold line breaks and tabs).  NULL is "".
 * Which characters XML may hold is render_text_valid()'s rule. */
int	okr_text_ok(const char *s, size_t max, int multiline);
/* A cycle's name: 1 to OKR_MAX_CYCLE letters, digits, '_' and '-' (it
 * stands in URLs and file names unencoded). */
int	okr_cycle_name_ok(const char *);
/* A calendar quarter as a cycle: the one named name ("2027-Q1"), or
 * (name NULL) the one holding day; its name into buf, its first and last
 * days.  0, or -1 when name is not YYYY-Qn of a year from 1970. */
int	okr_quarter(const char *name, int32_t day, char buf[16], int32_t *start,
	    int32_t *end);
/* Whether cycle a (days as to ae) and cycle b overlap so that a day would
 * belong to two of them; the same span twice is a parallel track of one
 * period (a cycle of its own for a pilot or a test), not an overlap. */
int	okr_cycles_overlap(int32_t as, int32_t ae, int32_t bs, int32_t be);
/* Whether a cycle in state s takes new objectives: not once closed, nor
 * at the quarterly review, where objectives stay as they are. */
int	okr_cycle_takes_objectives(enum cstate s);
/* A login: 1 to OKR_MAX_LOGIN letters, digits and . _ @ -. */
int	okr_login_ok(const char *);
#define OKR_MAX_EMAIL	254	/* a mail address, bytes (RFC 5321's path) */
#define OKR_MAX_URL	1000	/* a bot's address */
#define OKR_MAX_SECRET	200	/* a bot's signing secret */
/* A mail address as the notifications send to: local@domain, printable
 * ASCII without spaces, quotes, commas, semicolons, angle brackets or
 * parentheses (nothing a To: header could read as a second address),
 * one '@', a dot-free-or-dotted domain of letters, digits, '-' and '.'. */
int	okr_email_ok(const char *);
/* A bot's address: http:// or https:// then a host, printable ASCII
 * without spaces, quotes or angle brackets, up to OKR_MAX_URL bytes. */
int	okr_bot_url_ok(const char *);
/* A weekly time "DAY HH:MM" (mon..sun, 24-hour) as minutes from Monday
 * 00:00 into *minute; -1 if malformed. */
int	okr_week_time_parse(const char *, int32_t *minute);
/* And back: "mon 10:00". */
void	okr_week_time_format(int32_t minute, char buf[10]);
/* Whether v is a finite number from min to max. */
int	okr_number_ok(double v, double min, double max);

/* Walks up the unit tree from unit, OKR_MAX_DEPTH units at most.  For
 * each unit, step(arg, id, &parent) sets its parent (0 at the top) and
 * returns 0 to go on, 1 to stop at this unit, -1 when it cannot (no such
 * unit, an error).  Returns 1 when step stopped the walk, 0 when it
 * passed the top (*top, if not NULL, is the topmost unit), -1 when step
 * failed or the chain is longer than the limit (a loop). */
int	okr_unit_walk(uint32_t unit, int (*step)(void *, uint32_t, uint32_t *),
	    void *arg, uint32_t *top);

/* The parent of unit id, for the walks up the tree: sets *parent (0 at
 * the top) and returns 0, or -1 when it cannot (no such unit, an error). */
typedef int (*okr_parent_fn)(void *arg, uint32_t id, uint32_t *parent);
/* The rule "this unit lies under that one": 1 when unit is top or lies
 * below it, 0 when not (top 0 included), -1 when parent_of failed or the
 * chain is longer than OKR_MAX_DEPTH. */
int	okr_unit_within(uint32_t unit, uint32_t top, okr_parent_fn parent_of,
	    void *arg);

/* ------------------------------------------------ the rules of meetings
 * Each rule once, over plain values: the store enforces it and the
 * meeting pages show it by calling the same function. */

/* An objective as the meeting rules read it. */
struct okr_objref {
	uint32_t	 unit, cycle;
	int		 level;		/* enum level */
	int		 state;		/* enum ostate */
};
/* What a meeting reaches: its unit and its cycle. */
struct okr_reach {
	uint32_t	 unit, cycle;
};

/* Whether the consensus meeting decides on o: a draft objective of its
 * unit and cycle, not a personal one. */
int	okr_consensus_scope(const struct okr_reach *, const struct okr_objref *o);
/* Whether a unit of this level holds consensus meetings: the company's
 * core team and its departments agree their OKRs there; a team sets its
 * own under the department's (the action meeting). */
int	okr_consensus_level(int level);
/* Whether the monthly review takes a GROW note on o's KRs: a live
 * objective of its unit and cycle, not a personal one. */
int	okr_grow_scope(const struct okr_reach *, const struct okr_objref *o);
/* Whether the quarterly review grades o's KRs: an objective of its cycle
 * in its unit or below (parent_of walks the tree, okr_unit_within()). */
int	okr_grade_scope(const struct okr_reach *, const struct okr_objref *o,
	    okr_parent_fn parent_of, void *arg);

/* A grade: from 0 to 1, in tenths. */
int	okr_grade_ok(double grade);
/* Whether a grade needs a reason: any other than the proposed one. */
int	okr_grade_needs_reason(double grade, double proposed);

/* What the consensus meeting said on an item (an objective or a proposed
 * KR): nothing yet, keep it (agreed, perhaps revised), or reject it. */
enum said	{ SAID_NONE, SAID_KEEP, SAID_REJECT, SAID__MAX };
/* Agreed KRs an objective the consensus meeting keeps needs, at least. */
#define OKR_MIN_AGREED	2

/* The consensus rule on one objective the meeting decides: it needs a
 * decision, and once kept each of its proposed KRs needs one and it needs
 * OKR_MIN_AGREED agreed KRs; a rejected objective takes its KRs along.
 * The meeting may close when every objective's tally is ready. */
struct okr_tally {
	int		 said;		/* on the objective, enum said */
	size_t		 open;		/* items with no decision yet */
	size_t		 agreed;	/* KRs that count once it closes */
};
/* Starts the tally of an objective the meeting said said on. */
void	okr_tally_init(struct okr_tally *, int said);
/* Adds one KR of the objective, in state krstate, said on (read for a
 * proposed KR only).  Returns the decision that counts on a proposed KR
 * (its objective's rejection, else its own), SAID_NONE for any other. */
int	okr_tally_kr(struct okr_tally *, int krstate, int said);
/* Whether the objective, unless rejected, has too few agreed KRs. */
int	okr_tally_lacking(const struct okr_tally *);
/* Whether the objective lets the meeting close: nothing open, not lacking. */
int	okr_tally_ready(const struct okr_tally *);
/* The state the close gives an objective (agreed, or archived when
 * rejected) and a proposed KR (rejected with its objective or alone,
 * else agreed). */
int	okr_consensus_ostate(int said);
int	okr_consensus_krstate(int said_objective, int said_kr);

#endif
