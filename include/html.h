/* html.h: writes the result tree of an HTML stylesheet as text.
 *
 * The same bytes as libxml2's HTML serializer (xsltSaveResultToString,
 * indent="no", UTF-8), without its costs on large pages: libxml2 looks
 * every element up in a linear table of HTML 4 names (HTML5 names are
 * never found, so the whole table is scanned), and copies every attribute
 * value and text node into a fresh escaped string before writing it.
 *
 * Two deliberate differences, both safer: "&{" and "<!--...-->" inside an
 * attribute value are escaped like any other text (libxml2 keeps them raw,
 * for HTML 4 script macros and server-side includes).  tests/unit/test-html.c
 * compares both serializers on every sample page and on crafted values. */
#ifndef MUBIAO_HTML_H
#define MUBIAO_HTML_H

#include <stddef.h>

#include <libxml/tree.h>

/* The document as HTML in a NUL-terminated buffer to xmlFree (*out, *len
 * bytes without the NUL): the doctype, the nodes, a final newline.  Adds
 * or updates the charset <meta> in <head> as libxslt does.  0, or -1
 * when out of memory. */
int	html_dump(xmlDocPtr doc, char **out, size_t *len);

/* What html_dump_cards() does with a card (render.c): an element
 * <mubiao-card key="K"> writes no tag, only its content, whose bytes go
 * to keep(arg, K, bytes, n) too.  Cards do not nest. */
typedef void (*html_keep_fn)(void *arg, const char *key, const char *html, size_t n);
int	html_dump_cards(xmlDocPtr doc, char **out, size_t *len, html_keep_fn keep,
	    void *arg);

#endif
