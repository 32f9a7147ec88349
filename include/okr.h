/* okr.h: the arithmetic and vocabulary of the OKR method: scores, colour
 * bands, dates, and the names of levels, kinds and states. */
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

/* The method's quality hints on a KR's text: it should name a quantity
 * and a time.  Returns HINT_* bits for what the title lacks. */
enum { HINT_NUMBER = 1, HINT_DATE = 2 };
int	okr_kr_hints(const char *title);

/* Dates are days since 1970-01-01 (UTC).  Parse "YYYY-MM-DD" strictly;
 * returns 0 and sets *day, or -1. */
int	okr_date_parse(const char *, int32_t *day);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" strictly, a real date and time of day
 * (not 02-30, not 23:59:61): 0 and *t in seconds since 1970, or -1. */
int	okr_time_parse(const char *, int64_t *t);
/* Writes "YYYY-MM-DD" into buf (11 bytes). */
void	okr_date_format(int32_t day, char buf[11]);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" into buf (21 bytes). */
void	okr_time_format(int64_t t, char buf[21]);
int32_t	okr_today(void);
/* Writes a number without needless digits ("58", "0.5", "1200000"). */
void	okr_num_format(double, char buf[32]);

#endif
