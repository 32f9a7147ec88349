/* xmlio.h: Mubiao's XML vocabulary, for feeds, dumps and imports.
 *
 * One element per record, flat, in namespace XMLIO_NS, under a root
 * <mubiao version="1">; numbers and enumerations are attributes (made
 * from the codec's field tables: an attribute per member, '_' written
 * '-'), texts are child elements.  Ids are the store's and stable; days
 * are YYYY-MM-DD, times ISO 8601 UTC, numbers use '.'.  The schema is
 * xslt/mubiao.rng; xslt/XML.md documents it field by field. */
#ifndef MUBIAO_XMLIO_H
#define MUBIAO_XMLIO_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

struct arena;
struct store;

#define XMLIO_NS	"urn:mubiao:okr:1"
#define XMLIO_VERSION	"1"
#define XMLIO_MAXDOC	(64 * 1024 * 1024)	/* largest document imported */

/* What an export covers. */
enum xscope {
	XS_ALL,		/* everything: a dump */
	XS_CYCLE,	/* id: a cycle, its objectives and meetings */
	XS_UNIT,	/* id: a unit's people, objectives and meetings */
	XS_UNIT_TREE,	/* the same with every unit below */
	XS_PERSON,	/* id: a person and the objectives they own */
	XS_OBJECTIVE,	/* id: an objective with its KRs, check-ins, history */
	XS_MEETING,	/* id: a meeting with its items and frozen board */
	XS__MAX
};
extern const char *const xmlio_scope_names[XS__MAX];

/* Builds the export of scope/id into *out.  since >= 0 keeps only what
 * was written after it (seconds), with archived objectives and rejected
 * or dropped KRs as <tombstone>s; what may have come into the scope (an
 * objective, a meeting, a unit below written after since) comes whole.
 * *modified is the time of the newest write in the store.  max > 0: STORE_TOOBIG when the scope holds more
 * than max units, people, objectives, KRs, check-ins, changes and
 * comments (a web answer is built in memory).  Only the records of the
 * scope are read, through indexes, unless it is everything.  Returns a
 * store status. */
int	xmlio_export(struct store *, struct arena *, enum xscope, uint32_t id,
	    int64_t since, size_t max, xmlDocPtr *out, int64_t *modified);

/* Adds to an export the people its check-ins and changes name as their
 * authors but it does not hold (they work outside its scope), so that a
 * feed shows their names.  Returns a store status. */
int	xmlio_add_authors(struct store *, struct arena *, xmlDocPtr);

/* Parses a document that came from outside: no network, no entities
 * expanded, no DTD loaded, no XInclude, libxml2's size limits, only text
 * render_text_valid() accepts.  A file's bytes (text 0) are in the
 * encoding its byte-order mark or XML declaration names, UTF-8 if none
 * (UTF-16, ISO-8859-1, GB18030: what iconv knows); a form's text (text 1)
 * is UTF-8 whatever it declares.  NULL on error, with the message, which
 * names the line, in *err. */
xmlDocPtr xmlio_parse(const char *buf, size_t len, int text, struct arena *,
	    const char **err);
/* Validates doc against the RELAX NG schema at path; 0, or -1 with the
 * first error ("line N: ...") in *err. */
int	xmlio_validate(xmlDocPtr, const char *rng, struct arena *, const char **err);
/* Applies a valid document in one transaction (store_load()); the
 * records it holds are created or replaced.  Returns a store status;
 * *changed counts records written, *err says what is wrong. */
int	xmlio_import(struct store *, struct arena *, uint32_t actor, xmlDocPtr,
	    size_t *changed, const char **err, void (*progress)(size_t, size_t));

#endif
