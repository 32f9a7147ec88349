/* render.h: the one output path.  A handler builds an XML document; this
 * module applies a stylesheet compiled once per process and writes the
 * response with its headers.  No other module writes HTML. */
#ifndef MUBIAO_RENDER_H
#define MUBIAO_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

struct arena;
struct req;

/* Prepares libxslt (security preferences, no network).  Returns 0 or -1. */
int	render_init(const char *xslt_dir);
void	render_cleanup(void);
/* The stylesheets' directory (the schema lives there too). */
const char *render_dir(void);

/* A new document whose root <page> carries what every page needs (name,
 * language, base URL, user, today).  Returns the root; NULL on OOM.  The
 * first page of a route that names its sheet belongs to the request,
 * which frees it when it ends: its handler never frees it. */
xmlNodePtr render_page_new(struct req *, const char *name);
/* Frees a page that was not sent, unless the request owns it. */
void	render_page_drop(struct req *, xmlNodePtr page);
/* Sets the page's own address (path, back-q): a page shown in answer to
 * a POST names the page the form was on, not the POST's URL. */
void	render_page_path(struct req *, xmlNodePtr page, const char *path);
/* How many bytes from the start of s[0..n) are text an XML document may
 * hold: well-formed UTF-8 of characters in XML 1.0's Char production,
 * less Unicode's noncharacters (U+FDD0..U+FDEF, U+xFFFE and U+xFFFF of
 * every plane).  n when all of it is; the one rule for text anywhere. */
size_t	render_text_valid(const char *s, size_t n);
/* s, or a copy in ar with each byte or character render_text_valid()
 * refuses replaced by U+FFFD: for text that was stored before the rule. */
const char *render_text_clean(struct arena *, const char *s);
/* Child element with escaped text (never xmlNewChild: it does not escape).
 * Text, like an attribute's value, is cleaned as render_text_clean() does:
 * no stored text can make a page, feed, dump or snapshot ill-formed. */
xmlNodePtr render_text(xmlNodePtr parent, const char *name, const char *text);
/* Attribute helpers: string, unsigned and number. */
void	render_attr(xmlNodePtr, const char *name, const char *value);
void	render_attr_u(xmlNodePtr, const char *name, unsigned long);
void	render_attr_num(xmlNodePtr, const char *name, double);

/* A digest of n bytes (FNV-1a, 64 bits): validators derived from it
 * change whenever the bytes do. */
uint64_t render_digest(const void *, size_t);

/* Cards named before they are built (view.c): a page's card is named by
 * a sum of the records it shows instead of by its subtree, so one whose
 * HTML is kept need not be built at all.  The sum is 128 bits: a
 * collision would show one card in place of another. */
typedef unsigned __int128 render_sum;
render_sum render_sum_add(render_sum, const void *, size_t);
/* A string and its end; NULL as "". */
render_sum render_sum_str(render_sum, const char *);
/* Names <objective> n, a child of <page>, by sum (and the page's
 * context, as its subtree would be).  Returns 1 when a card of that name
 * is kept, so n may stay empty: no subtree, the card's HTML in its place.
 * Only for a GET of a page whose sheet reads an objective through its
 * card alone; never when r->cards_whole. */
int	render_card_named(struct req *, xmlNodePtr n, render_sum sum);
/* What render_send() and render_reply() return when a card left out of
 * the page is no longer kept (the ring wrapped meanwhile): the handler
 * is called again with r->cards_whole, and builds every card. */
#define RENDER_AGAIN	1

/* Transforms the page's document with xslt/<sheet>.xsl and writes it with
 * the given status.  Frees the document unless the request owns it.
 * Returns 0, RENDER_AGAIN (nothing sent) or -1. */
int	render_send(struct req *, xmlNodePtr page, const char *sheet, int status);
/* Transforms doc with xslt/<sheet>.xsl in language lang (enum lang),
 * with the stylesheet parameter part, into *out (free with xmlFree):
 * what is not a page, the notifications' mail and chat messages.
 * 0, or -1 (logged). */
int	render_string(xmlDocPtr doc, const char *sheet, int lang, const char *part,
	    xmlChar **out, int *len);
/* Whether sheet makes an HTML page (one render_send() may keep), not a
 * feed or download of a media type of its own. */
int	render_is_page(const char *sheet);
/* Sends a page that another request of the same page rendered and kept
 * (pcache_get()): status 200 and the headers render_send() sends with
 * that page, "X-Mubiao-Render: kept", the body unless HEAD. */
void	render_kept(struct req *, const char *data, size_t len);
/* render_send() through the route's sheet: 0, RENDER_AGAIN or 500, for
 * the handler to return. */
int	render_reply(struct req *, xmlNodePtr page, int status);
/* The error page for status in the user's language; key names the
 * message (NULL: the status' own). */
void	render_error(struct req *, int status, const char *key);
/* 303 See Other to a local path (checked), with an optional cookie. */
void	render_redirect(struct req *, const char *location, const char *cookie);

#endif
