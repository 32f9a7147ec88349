/* arena.h: the per-request allocator.  Everything a request allocates comes
 * from one arena that is reset when the request ends, so a long-lived
 * FastCGI worker cannot leak across requests. */
#ifndef MUBIAO_ARENA_H
#define MUBIAO_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block	*head;	/* newest block first */
	size_t			 total;	/* bytes handed out since reset */
};

void	 arena_init(struct arena *);
/* Returns zeroed memory; aborts the process on out-of-memory (the supervisor
 * replaces the worker), so callers never see NULL. */
void	*arena_alloc(struct arena *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* A growable array in an arena: items of size bytes, n of them, room for
 * cap.  Growing copies into a new array twice as large and leaves the old
 * one in the arena, so pointers to items already handed out stay valid. */
struct arena_vec {
	void	*items;
	size_t	 n, cap, size;
};
#define ARENA_VEC(type)	{ NULL, 0, 0, sizeof(type) }

/* Appends n zeroed items and returns the first of them; aborts on
 * out-of-memory, as arena_alloc() does. */
void	*arena_vec_add(struct arena *, struct arena_vec *, size_t n);
/* Frees every block but the first, which is kept for the next request. */
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
