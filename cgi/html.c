/* html.c: the result tree of an HTML stylesheet as text (see html.h).
 * One walk of the tree into one growing buffer; each value is escaped as
 * it is copied, never into a string of its own. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */

#include "html.h"

struct out {
	char	*p;
	size_t	 n, cap;
	int	 oom;
};

/* The length of the last page made: the next one starts with room for
 * as much, since a worker serves much the same pages again, rather than
 * doubling up to it and copying each time (a 290 KB home page was
 * copied three times, and the blocks given up stayed in the heap). */
static size_t last_len;

/* Room for n more bytes (and the final NUL); NULL once out of memory. */
static char *
grow(struct out *o, size_t n)
{
	size_t cap = o->cap ? o->cap : last_len + last_len / 8 + 64 * 1024;
	char *p;

	while (o->n + n + 1 > cap)
		cap *= 2;
	if (o->oom || (p = xmlRealloc(o->p, cap)) == NULL) {
		o->oom = 1;
		return NULL;
	}
	o->p = p;
	o->cap = cap;
	return o->p + o->n;
}

static inline void
put(struct out *o, const void *s, size_t n)
{
	char *p = o->n + n + 1 <= o->cap ? o->p + o->n : grow(o, n);

	if (p != NULL) {
		memcpy(p, s, n);
		o->n += n;
	}
}

static void
puts_(struct out *o, const xmlChar *s)
{
	put(o, s, strlen((const char *)s));
}

/* Flags of a name, computed once per process: what libxml2 decides with
 * its linear tables (htmlTagLookup, htmlIsBooleanAttr), remembered here
 * by the name's text (a transform's own names live only as long as it). */
enum { F_EMPTY = 1, F_SAVE_END = 2, F_BOOL = 4, F_URI = 8 };

struct known {
	char		name[16];
	unsigned char	flags;
};

static unsigned char
tag_flags(const xmlChar *name)
{
	const htmlElemDesc *d = htmlTagLookup(name);

	if (d == NULL)
		return 0;
	return (d->empty ? F_EMPTY : 0) | (d->saveEndTag &&
	    xmlStrcmp(BAD_CAST d->name, BAD_CAST "html") != 0 &&
	    xmlStrcmp(BAD_CAST d->name, BAD_CAST "body") != 0 ? F_SAVE_END : 0);
}

/* href, action and src are URIs, and name on <a> (decided by the caller). */
static unsigned char
attr_flags(const xmlChar *name)
{
	return (htmlIsBooleanAttr(name) ? F_BOOL : 0) |
	    (xmlStrcasecmp(name, BAD_CAST "href") == 0 ||
	    xmlStrcasecmp(name, BAD_CAST "action") == 0 ||
	    xmlStrcasecmp(name, BAD_CAST "src") == 0 ? F_URI : 0);
}

static unsigned char
known(struct known *t, const xmlChar *name, unsigned char (*calc)(const xmlChar *))
{
	size_t len = strlen((const char *)name), h = 2166136261u, i, probe;

	if (len >= sizeof(t->name))
		return calc(name);
	for (i = 0; i < len; i++)
		h = (h ^ name[i]) * 16777619u;
	for (probe = 0; probe < 128; probe++, h++) {
		struct known *k = &t[h % 128];

		if (k->name[0] == '\0') {
			memcpy(k->name, name, len + 1);
			k->flags = calc(name);
			return k->flags;
		}
		if (strcmp(k->name, (const char *)name) == 0)
			return k->flags;
	}
	return calc(name);
}

static struct known tags[128], attrs[128];

/* Text: & < > as entities; control characters other than tab, newline
 * and carriage return dropped (they cannot be written in HTML).  Bytes
 * from 0x80 are UTF-8 and pass as they are. */
static const unsigned char special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1,
};

static void
put_text(struct out *o, const void *text, size_t n)
{
	const xmlChar *s = text, *end = s + n, *run;

	for (;;) {
		for (run = s; s < end && !special[*s]; s++)
			;
		put(o, run, (size_t)(s - run));
		if (s == end)
			return;
		if (*s == '&')
			put(o, "&amp;", 5);
		else if (*s == '<')
			put(o, "&lt;", 4);
		else if (*s == '>')
			put(o, "&gt;", 4);
		s++;
	}
}

/* A quoted value as libxml2 quotes one: in double quotes, or in single
 * quotes when it holds a double quote but no single one; holding both,
 * in double quotes with &quot;.  esc: escaped as text first. */
static void
put_quoted(struct out *o, const xmlChar *s, size_t n, int esc)
{
	void (*w)(struct out *, const void *, size_t) = esc ? put_text : put;
	const xmlChar *run, *p;

	if (memchr(s, '"', n) != NULL && memchr(s, '\'', n) == NULL) {
		put(o, "'", 1);
		w(o, s, n);
		put(o, "'", 1);
		return;
	}
	put(o, "\"", 1);
	for (run = p = s; p < s + n; p++)
		if (*p == '"') {
			w(o, run, (size_t)(p - run));
			put(o, "&quot;", 6);
			run = p + 1;
		}
	w(o, run, (size_t)(p - run));
	put(o, "\"", 1);
}

/* A URI value: escaped as text, leading blanks dropped, then every byte
 * that is not a letter, a digit, one of -_.!~*'() or of @/:=?;#%&,+ as
 * %XX (xmlURIEscapeStr): spaces and non-ASCII are percent-encoded, and
 * a quote cannot end the attribute. */
static void
put_uri(struct out *o, const xmlChar *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const xmlChar *end = s + n;
	char pct[3] = { '%' };

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	put(o, "\"", 1);
	for (; s < end; s++) {
		unsigned char c = *s;

		if (c == '&' || c == '<' || c == '>' ||
		    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			put_text(o, s, 1);
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != '\0' && strchr("-_.!~*'()@/:=?;#%,+", c)))
			put(o, s, 1);
		else {
			pct[1] = hex[c >> 4];
			pct[2] = hex[c & 15];
			put(o, pct, 3);
		}
	}
	put(o, "\"", 1);
}

static void
put_name(struct out *o, xmlNsPtr ns, const xmlChar *name)
{
	if (ns != NULL && ns->prefix != NULL) {
		puts_(o, ns->prefix);
		put(o, ":", 1);
	}
	puts_(o, name);
}

static void
put_attr(struct out *o, xmlNodePtr el, xmlAttrPtr a)
{
	unsigned char f = known(attrs, a->name, attr_flags);
	xmlNodePtr t = a->children;
	xmlChar *joined = NULL;
	const xmlChar *v;

	put(o, " ", 1);
	put_name(o, a->ns, a->name);
	if (t == NULL || (f & F_BOOL))
		return;		/* checked, selected: the name alone */
	/* One text node is the rule; several are joined as libxml2 does. */
	if (t->next == NULL && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE))
		v = t->content != NULL ? t->content : BAD_CAST "";
	else if ((v = joined = xmlNodeListGetString(a->doc, t, 1)) == NULL)
		v = BAD_CAST "";
	put(o, "=", 1);
	if (a->ns == NULL && el->ns == NULL && ((f & F_URI) ||
	    (xmlStrcasecmp(a->name, BAD_CAST "name") == 0 &&
	    xmlStrcasecmp(el->name, BAD_CAST "a") == 0)))
		put_uri(o, v, strlen((const char *)v));
	else
		put_quoted(o, v, strlen((const char *)v), 1);
	xmlFree(joined);
}

/* Script and style hold raw text. */
static int
raw_text(xmlNodePtr parent)
{
	return parent != NULL && parent->type == XML_ELEMENT_NODE &&
	    (xmlStrcasecmp(parent->name, BAD_CAST "script") == 0 ||
	    xmlStrcasecmp(parent->name, BAD_CAST "style") == 0);
}

/* Opens an element; returns its flags. */
static unsigned char
put_open(struct out *o, xmlNodePtr el)
{
	unsigned char f = el->ns == NULL ? known(tags, el->name, tag_flags) : 0;
	xmlNsPtr ns;
	xmlAttrPtr a;

	put(o, "<", 1);
	put_name(o, el->ns, el->name);
	for (ns = el->nsDef; ns != NULL; ns = ns->next)
		if (ns->href != NULL) {
			put(o, " xmlns", 6);
			if (ns->prefix != NULL) {
				put(o, ":", 1);
				puts_(o, ns->prefix);
			}
			put(o, "=", 1);
			put_quoted(o, ns->href, strlen((const char *)ns->href), 0);
		}
	for (a = el->properties; a != NULL; a = a->next)
		put_attr(o, el, a);
	put(o, ">", 1);
	return f;
}

static void
put_close(struct out *o, xmlNodePtr el)
{
	put(o, "</", 2);
	put_name(o, el->ns, el->name);
	put(o, ">", 1);
}

static void
put_leaf(struct out *o, xmlNodePtr n)
{
	const xmlChar *c = n->content;

	switch (n->type) {
	case XML_TEXT_NODE:
		if (c == NULL)
			break;
		if (n->name == xmlStringTextNoenc || raw_text(n->parent))
			puts_(o, c);
		else
			put_text(o, c, strlen((const char *)c));
		break;
	case XML_CDATA_SECTION_NODE:
		if (c != NULL)
			puts_(o, c);
		break;
	case XML_COMMENT_NODE:
		if (c != NULL) {
			put(o, "<!--", 4);
			puts_(o, c);
			put(o, "-->", 3);
		}
		break;
	case XML_PI_NODE:
		if (n->name == NULL)
			break;
		put(o, "<?", 2);
		puts_(o, n->name);
		if (c != NULL) {
			put(o, " ", 1);
			puts_(o, c);
		}
		put(o, ">", 1);
		break;
	case XML_ENTITY_REF_NODE:
		put(o, "&", 1);
		puts_(o, n->name);
		put(o, ";", 1);
		break;
	default:
		break;	/* the doctype is written first; nothing else is HTML */
	}
}

static void
put_doctype(struct out *o, xmlDtdPtr d)
{
	put(o, "<!DOCTYPE ", 10);
	puts_(o, d->name);
	if (d->ExternalID != NULL) {
		put(o, " PUBLIC ", 8);
		put_quoted(o, d->ExternalID, strlen((const char *)d->ExternalID), 0);
		if (d->SystemID != NULL) {
			put(o, " ", 1);
			put_quoted(o, d->SystemID, strlen((const char *)d->SystemID), 0);
		}
	} else if (d->SystemID != NULL &&
	    xmlStrcmp(d->SystemID, BAD_CAST "about:legacy-compat") != 0) {
		put(o, " SYSTEM ", 8);
		put_quoted(o, d->SystemID, strlen((const char *)d->SystemID), 0);
	}
	put(o, ">\n", 2);
}

/* A card's wrapper: its key, else NULL. */
static const char *
card_key(xmlNodePtr el)
{
	return el->ns == NULL && xmlStrEqual(el->name, BAD_CAST "mubiao-card") &&
	    el->properties != NULL && el->properties->children != NULL ?
	    (const char *)el->properties->children->content : NULL;
}

int
html_dump(xmlDocPtr doc, char **out, size_t *len)
{
	return html_dump_cards(doc, out, len, NULL, NULL);
}

int
html_dump_cards(xmlDocPtr doc, char **out, size_t *len, html_keep_fn keep, void *arg)
{
	struct out o = { 0 };
	xmlNodePtr n;
	size_t card = 0;

	htmlSetMetaEncoding(doc, BAD_CAST "UTF-8");
	if (doc->intSubset != NULL)
		put_doctype(&o, doc->intSubset);
	/* Depth first without recursion: down into an element's children,
	 * then along its siblings, closing each parent on the way up. */
	for (n = doc->children; n != NULL; ) {
		if (keep != NULL && n->type == XML_ELEMENT_NODE && card_key(n) != NULL) {
			/* Its content is written as if it stood here alone. */
			card = o.n;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		} else if (n->type == XML_ELEMENT_NODE) {
			unsigned char f = put_open(&o, n);

			if (f & F_EMPTY)
				;	/* <br>, <input>: no content, no end tag */
			else if (n->children != NULL) {
				n = n->children;
				continue;
			} else if (!(f & F_SAVE_END))
				put_close(&o, n);
		} else
			put_leaf(&o, n);
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == (xmlNodePtr)doc)
				n = NULL;
			else if (keep != NULL && card_key(n) != NULL) {
				if (!o.oom)
					keep(arg, card_key(n), o.p + card, o.n - card);
			} else
				put_close(&o, n);
		}
		if (n != NULL)
			n = n->next;
	}
	put(&o, "\n", 1);
	if (o.oom) {
		xmlFree(o.p);
		return -1;
	}
	o.p[o.n] = '\0';
	*out = o.p;
	*len = last_len = o.n;
	return 0;
}
