/* demo.h: the demo company, for trying Mubiao out and for tests. */
#ifndef MUBIAO_DEMO_H
#define MUBIAO_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* Loads the demo company into an empty store: cycles for the quarter
 * containing `today` (state active) and the previous quarter (state
 * closed), units, people, objectives, KRs and check-ins.  Returns a store
 * status (STORE_OK...); STORE_INVALID if the store already holds units. */
int	demo_load(struct store *, int32_t today);

/* Loads a synthetic company into an empty store, for measuring at
 * scale: `krs` KRs over `cycles` quarters up to the one containing today,
 * `people` people (login "admin" for the first, "uN" for person id N)
 * in teams of 10 under 10 departments.  Writes in transactions of 5,000
 * records, calling progress(done, total) after each.  STORE_INVALID for
 * a non-empty store or sizes it cannot hold (fewer than 21 people, more
 * KRs than the people's objectives can carry). */
int	demo_synth(struct store *, int32_t today, size_t krs, size_t people,
	    size_t cycles, void (*progress)(size_t done, size_t total));

/* The demo logins, NULL-terminated (for the web server's password file;
 * each password equals its login). */
extern const char *const demo_logins[];

#endif
