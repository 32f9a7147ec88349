/* arena.c: the per-request allocator (see arena.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK	(64 * 1024)

struct arena_block {
	struct arena_block	*next;
	size_t			 size;	/* usable bytes in data */
	size_t			 used;
	max_align_t		 data[];
};

void
arena_init(struct arena *ar)
{
	ar->head = NULL;
	ar->total = 0;
}

/* Out of memory ends the process: a worker is replaced by the supervisor,
 * and a half-built page is worse than none. */
static void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL) {
		fputs("mubiao: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
arena_alloc(struct arena *ar, size_t n)
{
	struct arena_block *b = ar->head;
	size_t need = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	void *p;

	if (need < n)
		abort();
	if (b == NULL || b->size - b->used < need) {
		size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = ar->head;
		ar->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	ar->total += need;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *ar, const char *s, size_t n)
{
	char *p = arena_alloc(ar, n + 1);

	if (n > 0)	/* an empty record's data may be NULL */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *ar, const char *s)
{
	return s == NULL ? NULL : arena_strndup(ar, s, strlen(s));
}

char *
arena_printf(struct arena *ar, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	p = arena_alloc(ar, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_vec_add(struct arena *ar, struct arena_vec *v, size_t n)
{
	size_t cap = v->cap;
	char *items;

	if (v->n + n < v->n)
		abort();
	if (v->n + n > cap) {
		while (v->n + n > cap)
			if ((cap = cap ? cap * 2 : 16) < v->cap ||
			    cap > SIZE_MAX / v->size)
				abort();
		items = arena_alloc(ar, cap * v->size);
		if (v->n > 0)
			memcpy(items, v->items, v->n * v->size);
		v->items = items;
		v->cap = cap;
	}
	items = (char *)v->items + v->n * v->size;
	memset(items, 0, n * v->size);
	v->n += n;
	return items;
}

void
arena_reset(struct arena *ar)
{
	struct arena_block *b, *next;

	if (ar->head == NULL)
		return;
	/* Keep the oldest block (the last in the list) for reuse. */
	for (b = ar->head; b->next != NULL; b = next) {
		next = b->next;
		free(b);
	}
	b->used = 0;
	ar->head = b;
	ar->total = 0;
}

void
arena_free(struct arena *ar)
{
	struct arena_block *b, *next;

	for (b = ar->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	arena_init(ar);
}
