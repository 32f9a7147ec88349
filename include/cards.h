/* cards.h: rendered objective cards, shared by every worker.
 *
 * A page of objectives is mostly cards, and a card's HTML is a function
 * of its own part of the page's document (the objective, its KRs, what
 * is aligned under them, what the viewer may do with it), the language
 * and the card's parameters: render.c names each card by a digest of all
 * of that, so a name never needs retiring, and an objective that changed
 * simply has a new one.  Here the names and their HTML are kept.
 *
 * Where: one file, socket-dir/cards, mapped by every worker (shared
 * memory that survives a worker's restart and needs no server of its
 * own).  Its size is fixed (card-cache-mb): a ring of cards, the newest
 * overwriting the oldest, and a table from a name's hash to its place in
 * the ring.  Writers take a record lock on the file (released by the
 * kernel if one dies); readers take none: they copy a card out, then
 * check that no writer has reached its bytes meanwhile. */
#ifndef MUBIAO_CARDS_H
#define MUBIAO_CARDS_H

#include <stddef.h>

/* The supervisor, after dropping privileges: a new empty file of mb
 * megabytes (0: removes it, so no card is kept).  0 or -1 after logging. */
int	cards_create(const char *socket_dir, int mb);
/* A worker: maps the file; without one (none made, plain CGI as another
 * user) cards are simply not kept.  0 or -1. */
int	cards_open(const char *socket_dir);
/* Whether cards are kept in this process. */
int	cards_on(void);
/* The HTML kept for key, NUL-terminated, to xmlFree (*len bytes); NULL
 * when none is. */
char	*cards_get(const char *key, size_t *len);
/* Keeps HTML n bytes for key; a card too large for the ring is not kept.
 * With name > 0, the first name bytes of key are marked too: a card of
 * that name is kept, whatever the rest of its key (cards_has()). */
void	cards_put(const char *key, size_t name, const char *html, size_t n);
/* The cards_put() calls between these two are kept together, with one
 * lock and one write: the cards a page made. */
void	cards_begin(void);
void	cards_end(void);
/* Whether key (a card's key, or a name marked by cards_put()) is kept:
 * likely, not certainly, as a card asked for later may be gone. */
int	cards_has(const char *key);

#endif
