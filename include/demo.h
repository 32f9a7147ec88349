/* demo.h: the demo company, for trying Mubiao out and for tests. */
#ifndef MUBIAO_DEMO_H
#define MUBIAO_DEMO_H

#include <stdint.h>

struct store;

/* Loads the demo company into an empty store: cycles for the quarter
 * containing `today` (state active) and the previous quarter (state
 * closed), units, people, objectives, KRs and check-ins.  Returns a store
 * status (STORE_OK...); STORE_INVALID if the store already holds units. */
int	demo_load(struct store *, int32_t today);

/* The demo logins, NULL-terminated (for the web server's password file;
 * each password equals its login). */
extern const char *const demo_logins[];

#endif
