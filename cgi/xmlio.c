/* xmlio.c: Mubiao's XML vocabulary (see xmlio.h).
 *
 * Export and import are driven by the codec's field tables, so a field
 * added to a record appears in the XML with no code here: its member
 * name becomes the attribute ('_' written '-'), or the child element for
 * a text.  What is exported for a scope is chosen with one bitmap of ids
 * per record type. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "arena.h"
#include "codec.h"
#include "okr.h"
#include "render.h"
#include "store.h"
#include "xmlio.h"

const char *const xmlio_scope_names[XS__MAX] = { "all", "cycle", "unit",
	"unit-tree", "person", "objective", "meeting" };

/* A document lists records in the order of enum rtype (what a record
 * names comes before it), each type's element named by store_rtype_names. */

/* ------------------------------------------------------------ export */

/* The records a scope may export, by type, and which are exported. */
struct set {
	struct arena	*ar;
	void		*items[REC__MAX];
	size_t		 n[REC__MAX], size[REC__MAX];
	unsigned char	*on[REC__MAX];	/* bitmap by index into items */
	unsigned char	*whole[REC__MAX];	/* since=: on with all it holds */
	uint32_t	*ids[REC__MAX];	/* id of each item, for look-ups */
	size_t		 cap[REC__MAX];
	size_t		 max, total;	/* the cap on large kinds, and the count */
};

static void *
item(const struct set *s, int k, size_t i)
{
	return (char *)s->items[k] + i * s->size[k];
}

/* A record's member of type uint32_t at off. */
static uint32_t
u32(const void *rec, size_t off)
{
	return *(const uint32_t *)((const char *)rec + off);
}

static int
bit(const unsigned char *bits, size_t i)
{
	return (bits[i / 8] >> (i % 8)) & 1;
}

static int
is_on(const struct set *s, int k, size_t i)
{
	return bit(s->on[k], i);
}

static void
set_on(struct set *s, int k, size_t i)
{
	s->on[k][i / 8] |= (unsigned char)(1 << (i % 8));
}

/* Whether the record of type k with id is exported. */
static int
id_on(const struct set *s, int k, uint32_t id)
{
	size_t lo = 0, hi = s->n[k], mid;

	while (lo < hi) {	/* store_scan() lists by id */
		mid = (lo + hi) / 2;
		if (s->ids[k][mid] == id)
			return is_on(s, k, mid);
		if (s->ids[k][mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Turns on each record of type k whose member at off is on in type to
 * (or, with to < 0, equals want). */
static void
select_by(struct set *s, int k, size_t off, int to, uint32_t want)
{
	size_t i;
	uint32_t v;

	for (i = 0; i < s->n[k]; i++) {
		v = u32(item(s, k, i), off);
		if (to >= 0 ? (v != 0 && id_on(s, to, v)) : v == want)
			set_on(s, k, i);
	}
}

static void
select_all(struct set *s, int k)
{
	memset(s->on[k], 0xff, s->n[k] / 8 + 1);
}

/* The kinds that grow with the company (units, people, OKRs and what
 * hangs on them) are read through indexes for a scope; the rest, which
 * grow with meetings, are read whole. */
#define BIG(k)	((k) <= REC_COMMENT && (k) != REC_CYCLE)

/* Appends n records of kind k to the set's candidates. */
static int
gather(struct set *s, int k, const void *items, size_t n)
{
	size_t cap = s->cap[k];
	void *p;

	if (BIG(k) && s->max > 0 && (s->total += n) > s->max)
		return STORE_TOOBIG;
	if (n == 0)	/* an empty list may be NULL */
		return STORE_OK;
	if (s->n[k] == 0 && cap == 0) {	/* a list of the arena: kept as it is */
		s->items[k] = (void *)items;
		s->n[k] = s->cap[k] = n;
		return STORE_OK;
	}
	if (s->n[k] + n > cap) {
		while (s->n[k] + n > cap)
			cap = cap ? cap * 2 : 64;
		p = arena_alloc(s->ar, cap * s->size[k]);
		if (s->n[k] > 0)
			memcpy(p, s->items[k], s->n[k] * s->size[k]);
		s->items[k] = p;
		s->cap[k] = cap;
	}
	memcpy((char *)s->items[k] + s->n[k] * s->size[k], items, n * s->size[k]);
	s->n[k] += n;
	return STORE_OK;
}

static int
gather_scan(struct store *st, struct set *s, int k)
{
	void *items;
	size_t n;
	int rc;

	if ((rc = store_scan(st, s->ar, (enum rtype)k, &items, &n)) != STORE_OK)
		return rc;
	return gather(s, k, items, n);
}

/* Record id of kind k, when the store holds it. */
static int
gather_one(struct store *st, struct set *s, int k, uint32_t id)
{
	void *rec = arena_alloc(s->ar, s->size[k]);
	int rc = store_get(st, s->ar, (enum rtype)k, id, rec);

	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	return rc == STORE_OK ? gather(s, k, rec, 1) : rc;
}

/* The records of kind k that belong to each candidate of kind of. */
static int
gather_children(struct store *st, struct set *s, int k, int of)
{
	void *items;
	size_t i, n;
	int rc;

	for (i = 0; i < s->n[of]; i++)
		if ((rc = store_children(st, s->ar, (enum rtype)k, u32(item(s, of, i), 0),
		    &items, &n)) != STORE_OK || (rc = gather(s, k, items, n)) != STORE_OK)
			return rc;
	return STORE_OK;
}

static int
id_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The units below unit (it included), its people and objectives. */
static int
gather_unit(struct store *st, struct set *s, uint32_t unit, int tree, int depth)
{
	struct unit *kids;
	void *items;
	size_t i, n;
	int rc;

	if ((rc = gather_one(st, s, REC_UNIT, unit)) != STORE_OK ||
	    (rc = store_people_in_unit(st, s->ar, unit, (struct person **)&items,
	    &n)) != STORE_OK || (rc = gather(s, REC_PERSON, items, n)) != STORE_OK)
		return rc;
	for (i = 0; i < s->n[REC_CYCLE]; i++)
		if ((rc = store_objectives_by_cycle_unit(st, s->ar,
		    u32(item(s, REC_CYCLE, i), 0),
		    unit, (struct objective **)&items, &n)) != STORE_OK ||
		    (rc = gather(s, REC_OBJECTIVE, items, n)) != STORE_OK)
			return rc;
	if (!tree || depth >= OKR_MAX_DEPTH)
		return STORE_OK;
	if ((rc = store_units_children(st, s->ar, unit, &kids, &n)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (kids[i].id != unit &&
		    (rc = gather_unit(st, s, kids[i].id, tree, depth + 1)) != STORE_OK)
			return rc;
	return STORE_OK;
}

/* Reads the records a scope may export (a superset; select_scope()
 * picks), without reading the large tables whole unless the scope is
 * everything.  With since=, everything means what changed.  More than
 * s->max records of the large kinds: STORE_TOOBIG, before reading them
 * when it can tell. */
static int
load_scope(struct store *st, struct set *s, enum xscope scope, uint32_t id,
    const struct store_mark *marks, size_t nmarks, int since)
{
	size_t k, i, n;
	struct objective *o;
	int rc = STORE_OK;

	for (k = 0; k < REC__MAX; k++)
		s->size[k] = store_rec_size((enum rtype)k);
	/* Everything: counted before it is read. */
	for (k = 0; scope == XS_ALL && !since && s->max > 0 && k < REC__MAX; k++)
		if (BIG(k) && ((rc = store_count(st, (enum rtype)k, &n)) != STORE_OK ||
		    (s->total += n) > s->max))
			return rc != STORE_OK ? rc : STORE_TOOBIG;
	s->total = 0;
	for (k = 0; k < REC__MAX && rc == STORE_OK; k++)
		if (k != REC_SNAPSHOT && (!BIG(k) || (scope == XS_ALL && !since)))
			rc = gather_scan(st, s, k);
	if (scope == XS_ALL && since) {
		/* What changed: each record once (marks are sorted). */
		for (i = 0; i < nmarks && rc == STORE_OK; i++) {
			if (i > 0 && marks[i].rtype == marks[i - 1].rtype &&
			    marks[i].id == marks[i - 1].id)
				continue;
			k = marks[i].rtype;
			if (k < REC__MAX && BIG(k))
				rc = gather_one(st, s, (int)k, marks[i].id);
		}
	}
	if (rc != STORE_OK || scope == XS_ALL)
		return rc;
	switch (scope) {
	case XS_CYCLE:
		if ((rc = gather_scan(st, s, REC_UNIT)) == STORE_OK &&
		    (rc = gather_scan(st, s, REC_PERSON)) == STORE_OK &&
		    (rc = store_children(st, s->ar, REC_OBJECTIVE, id, &o, &n)) == STORE_OK)
			rc = gather(s, REC_OBJECTIVE, o, n);
		break;
	case XS_UNIT:
	case XS_UNIT_TREE:
		rc = gather_unit(st, s, id, scope == XS_UNIT_TREE, 0);
		break;
	case XS_PERSON:
		if ((rc = gather_one(st, s, REC_PERSON, id)) == STORE_OK &&
		    (rc = store_objectives_by_owner(st, s->ar, id, &o, &n)) == STORE_OK)
			rc = gather(s, REC_OBJECTIVE, o, n);
		break;
	case XS_OBJECTIVE:
		rc = gather_one(st, s, REC_OBJECTIVE, id);
		break;
	default:
		break;
	}
	if (rc != STORE_OK ||
	    (rc = gather_children(st, s, REC_KR, REC_OBJECTIVE)) != STORE_OK ||
	    (rc = gather_children(st, s, REC_CHECKIN, REC_KR)) != STORE_OK ||
	    (rc = gather_children(st, s, REC_CHANGE, REC_OBJECTIVE)) != STORE_OK ||
	    (rc = gather_children(st, s, REC_COMMENT, REC_OBJECTIVE)) != STORE_OK)
		return rc;
	return STORE_OK;
}

/* Puts each kind's candidates in id order, once each, for id_on(). */
static void
index_set(struct set *s)
{
	size_t k, i, m;

	for (k = 0; k < REC__MAX; k++) {
		if (s->n[k] > 1) {
			qsort(s->items[k], s->n[k], s->size[k], id_cmp);
			for (m = 1, i = 1; i < s->n[k]; i++)
				if (u32(item(s, (int)k, i), 0) != u32(item(s, (int)k, m - 1), 0))
					memmove(item(s, (int)k, m++), item(s, (int)k, i), s->size[k]);
			s->n[k] = m;
		}
		s->on[k] = arena_alloc(s->ar, s->n[k] / 8 + 1);
		s->ids[k] = arena_alloc(s->ar, (s->n[k] + 1) * sizeof(uint32_t));
		for (i = 0; i < s->n[k]; i++)
			s->ids[k][i] = u32(item(s, (int)k, i), 0);
	}
}

/* The units below unit (it included) on. */
static void
select_tree(struct set *s, uint32_t unit, int depth)
{
	size_t i;

	for (i = 0; i < s->n[REC_UNIT]; i++) {
		const struct unit *u = item(s, REC_UNIT, i);

		if (u->id == unit)
			set_on(s, REC_UNIT, i);
		if (u->parent == unit && u->id != unit && depth < OKR_MAX_DEPTH)
			select_tree(s, u->id, depth + 1);
	}
}

/* A rule of a scope: a record of kind k is in when its member at off
 * names a record of kind to that is in. */
struct rule {
	int	k;
	size_t	off;
	int	to;
};

/* The people, objectives, meetings and action items of the units in. */
static const struct rule in_units[] = {
	{ REC_PERSON, offsetof(struct person, unit), REC_UNIT },
	{ REC_OBJECTIVE, offsetof(struct objective, unit), REC_UNIT },
	{ REC_MEETING, offsetof(struct meeting, unit), REC_UNIT },
	{ REC_ACTION, offsetof(struct action, unit), REC_UNIT },
};

/* What belongs to an objective or a meeting goes with it (in order: a
 * KR before its check-ins). */
static const struct rule belongings[] = {
	{ REC_KR, offsetof(struct kr, objective), REC_OBJECTIVE },
	{ REC_CHECKIN, offsetof(struct checkin, kr), REC_KR },
	{ REC_CHANGE, offsetof(struct change, objective), REC_OBJECTIVE },
	{ REC_COMMENT, offsetof(struct comment, objective), REC_OBJECTIVE },
	{ REC_ACTION, offsetof(struct action, meeting), REC_MEETING },
	{ REC_GROW, offsetof(struct grow, meeting), REC_MEETING },
	{ REC_VERDICT, offsetof(struct verdict, meeting), REC_MEETING },
};

static void
select_rules(struct set *s, const struct rule *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		select_by(s, r[i].k, r[i].off, r[i].to, 0);
}
#define SELECT_RULES(s, r)	select_rules((s), (r), sizeof(r) / sizeof((r)[0]))

/* Which records a scope covers. */
static void
select_scope(struct set *s, enum xscope scope, uint32_t id)
{
	size_t k;

	switch (scope) {
	case XS_ALL:
		for (k = 0; k < REC__MAX; k++)
			if (k != REC_SNAPSHOT)
				select_all(s, k);
		return;
	case XS_CYCLE:
		select_all(s, REC_UNIT);
		select_all(s, REC_PERSON);
		select_by(s, REC_CYCLE, offsetof(struct cycle, id), -1, id);
		select_by(s, REC_OBJECTIVE, offsetof(struct objective, cycle), REC_CYCLE, 0);
		select_by(s, REC_MEETING, offsetof(struct meeting, cycle), REC_CYCLE, 0);
		break;
	case XS_UNIT:
	case XS_UNIT_TREE:
		if (scope == XS_UNIT)
			select_by(s, REC_UNIT, offsetof(struct unit, id), -1, id);
		else
			select_tree(s, id, 0);
		select_all(s, REC_CYCLE);
		SELECT_RULES(s, in_units);
		break;
	case XS_PERSON:
		select_by(s, REC_PERSON, offsetof(struct person, id), -1, id);
		select_by(s, REC_OBJECTIVE, offsetof(struct objective, owner), -1, id);
		select_by(s, REC_ACTION, offsetof(struct action, owner), -1, id);
		break;
	case XS_OBJECTIVE:
		select_by(s, REC_OBJECTIVE, offsetof(struct objective, id), -1, id);
		select_by(s, REC_ACTION, offsetof(struct action, objective), -1, id);
		break;
	case XS_MEETING:
		select_by(s, REC_MEETING, offsetof(struct meeting, id), -1, id);
		break;
	default:
		return;
	}
	SELECT_RULES(s, belongings);
}

/* A number as short as it can be and still read back the same. */
static void
num_exact(double v, char buf[40])
{
	snprintf(buf, 40, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, 40, "%.17g", v);
}

/* The XML name of a member: '_' written '-'. */
static const char *
xname(const struct field *f, char buf[40])
{
	size_t i;

	for (i = 0; f->xml[i] != '\0' && i < 39; i++)
		buf[i] = f->xml[i] == '_' ? '-' : f->xml[i];
	buf[i] = '\0';
	return buf;
}

/* Attributes and text elements of one record, from its codec.  A
 * reference of 0, a time or day of 0 and a negative "none" (grade,
 * status) are left out: an importer reads them back as the default. */
static void
put_fields(xmlNodePtr n, const struct codec *c, const void *rec)
{
	char name[40], buf[40];
	const struct field *f;
	const char *p, *s;
	size_t i;
	int32_t v;

	for (i = 0; i < c->nfields; i++) {
		f = &c->fields[i];
		p = (const char *)rec + f->off;
		xname(f, name);
		switch (f->type) {
		case FT_STR:
			break;
		case FT_U32:
			if (*(const uint32_t *)p != 0)
				render_attr_u(n, name, *(const uint32_t *)p);
			break;
		case FT_I32:
			v = *(const int32_t *)p;
			if (f->fmt == FMT_DATE) {
				if (v != 0) {
					okr_date_format(v, buf);
					render_attr(n, name, buf);
				}
			} else if (f->enames != NULL && v >= 0 && v < f->nenames)
				render_attr(n, name, f->enames[v]);
			else if (!(f->def < 0 && v < 0)) {
				snprintf(buf, sizeof(buf), "%d", (int)v);
				render_attr(n, name, buf);
			}
			break;
		case FT_I64:
			if (*(const int64_t *)p != 0) {
				okr_time_format(*(const int64_t *)p, buf);
				render_attr(n, name, buf);
			}
			break;
		case FT_DBL:
			if (!(f->def < 0 && *(const double *)p < 0)) {
				num_exact(*(const double *)p, buf);
				render_attr(n, name, buf);
			}
			break;
		default:
			break;
		}
	}
	for (i = 0; i < c->nfields; i++) {
		f = &c->fields[i];
		if (f->type != FT_STR)
			continue;
		s = *(char *const *)((const char *)rec + f->off);
		if (s != NULL && *s != '\0')
			render_text(n, xname(f, name), s);
	}
}

/* The newest write of each record after since, by type: marks sorted by
 * type, id, time. */
static int
mark_cmp(const void *a, const void *b)
{
	const struct store_mark *x = a, *y = b;

	if (x->rtype != y->rtype)
		return x->rtype < y->rtype ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* When record rtype/id was last written after since, 0 if not. */
static int64_t
changed_at(const struct store_mark *m, size_t n, enum rtype rtype, uint32_t id)
{
	size_t lo = 0, hi = n, mid;
	int64_t at = 0;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (m[mid].rtype < rtype || (m[mid].rtype == rtype && m[mid].id < id))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && m[lo].rtype == rtype && m[lo].id == id; lo++)
		at = m[lo].at;
	return at;
}

/* In an incremental export, an archived objective and a rejected or
 * dropped KR are tombstones: gone, as far as a mirror is concerned. */
static const char *
gone(enum rtype rtype, const void *rec)
{
	if (rtype == REC_OBJECTIVE &&
	    ((const struct objective *)rec)->state == OBJ_ARCHIVED)
		return "archived";
	if (rtype == REC_KR && !okr_kr_live(((const struct kr *)rec)->state))
		return okr_krstate_names[((const struct kr *)rec)->state];
	return NULL;
}

/* The record a scope is about, by kind (-1: none), which is in it
 * whatever is written. */
static const int scope_kind[XS__MAX] = { -1, REC_CYCLE, REC_UNIT, REC_UNIT,
	REC_PERSON, REC_OBJECTIVE, REC_MEETING };

/* In a delta (since=), an objective, a meeting or a unit below the
 * scope's unit written after since may have just come into the scope
 * (given to the person, moved under the unit), so the mirror has none of
 * what belongs to it: it comes whole, written or not, as a fresh export
 * has it.  Marks s->whole, with select_scope()'s own rules run on it. */
static void
select_moved(struct set *s, enum xscope scope, uint32_t id,
    const struct store_mark *marks, size_t nmarks)
{
	static const int kinds_moved[] = { REC_UNIT, REC_OBJECTIVE, REC_MEETING };
	unsigned char *on[REC__MAX];
	size_t j, k, i;

	memcpy(on, s->on, sizeof(on));
	for (k = 0; k < REC__MAX; k++)
		s->on[k] = arena_alloc(s->ar, s->n[k] / 8 + 1);
	/* Everything is in the scope of a whole export already. */
	for (j = 0; scope != XS_ALL && j < sizeof(kinds_moved) / sizeof(kinds_moved[0]); j++) {
		k = (size_t)kinds_moved[j];
		/* Units only shape a tree's scope. */
		if (k == REC_UNIT && scope != XS_UNIT_TREE)
			continue;
		for (i = 0; i < s->n[k]; i++)
			if (bit(on[k], i) &&
			    ((int)k != scope_kind[scope] || s->ids[k][i] != id) &&
			    changed_at(marks, nmarks, (enum rtype)k, s->ids[k][i]) != 0) {
				if (k == REC_UNIT)
					select_tree(s, s->ids[k][i], 0);
				else
					set_on(s, (int)k, i);
			}
	}
	if (scope == XS_UNIT_TREE)
		SELECT_RULES(s, in_units);
	SELECT_RULES(s, belongings);
	memcpy(s->whole, s->on, sizeof(on));
	memcpy(s->on, on, sizeof(on));
}

int
xmlio_export(struct store *st, struct arena *ar, enum xscope scope, uint32_t id,
    int64_t since, size_t max, xmlDocPtr *out, int64_t *modified)
{
	struct set s;
	struct store_mark *marks = NULL;
	size_t nmarks = 0, k, i;
	xmlDocPtr doc;
	xmlNodePtr root, n;
	xmlNsPtr ns;
	const char *why;
	char *snap, buf[32];
	int64_t at;
	int rc;

	memset(&s, 0, sizeof(s));
	s.ar = ar;
	s.max = max;
	*out = NULL;
	*modified = 0;
	if ((rc = store_last_change(st, modified)) != STORE_OK)
		return rc;
	/* The change log is read only for since=: a full export needs none. */
	if (since >= 0 && (rc = store_changes_since(st, ar, since, &marks,
	    &nmarks)) != STORE_OK)
		return rc;
	if (nmarks > 0)	/* marks is NULL without since= */
		qsort(marks, nmarks, sizeof(*marks), mark_cmp);
	if ((rc = load_scope(st, &s, scope, id, marks, nmarks, since >= 0)) != STORE_OK)
		return rc;
	index_set(&s);
	select_scope(&s, scope, id);
	if (since >= 0)
		select_moved(&s, scope, id, marks, nmarks);
	doc = xmlNewDoc(BAD_CAST "1.0");
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");	/* text as text, not &#x...; */
	root = xmlNewDocNode(doc, NULL, BAD_CAST "mubiao", NULL);
	xmlDocSetRootElement(doc, root);
	ns = xmlNewNs(root, BAD_CAST XMLIO_NS, NULL);
	xmlSetNs(root, ns);
	render_attr(root, "version", XMLIO_VERSION);
	render_attr(root, "scope", xmlio_scope_names[scope]);
	if (scope != XS_ALL)
		render_attr_u(root, "of", id);
	if (since >= 0) {
		okr_time_format(since, buf);
		render_attr(root, "since", buf);
	}
	for (k = 0; k < REC__MAX; k++) {
		enum rtype rtype = (enum rtype)k;

		if (rtype == REC_SNAPSHOT) {
			/* A closed meeting's frozen page, as text. */
			for (i = 0; i < s.n[REC_MEETING]; i++) {
				const struct meeting *m = item(&s, REC_MEETING, i);

				if (!is_on(&s, REC_MEETING, i) || m->state != MEET_CLOSED ||
				    (since >= 0 && !bit(s.whole[REC_MEETING], i) &&
				    changed_at(marks, nmarks, REC_MEETING, m->id) == 0))
					continue;
				if (store_meeting_snapshot(st, ar, m->id, &snap) != STORE_OK)
					continue;
				n = render_text(root, "snapshot", snap);
				render_attr_u(n, "id", m->id);
			}
			continue;
		}
		for (i = 0; i < s.n[k]; i++) {
			const void *rec = item(&s, k, i);

			if (!is_on(&s, k, i))
				continue;
			at = 0;
			if (since >= 0 && (at = changed_at(marks, nmarks, rtype,
			    s.ids[k][i])) == 0 && !bit(s.whole[k], i))
				continue;
			/* What comes whole unwritten comes as a full export has
			 * it: no tombstone. */
			if (since >= 0 && at != 0 && (why = gone(rtype, rec)) != NULL) {
				n = xmlNewChild(root, ns, BAD_CAST "tombstone", NULL);
				render_attr(n, "of", store_rtype_names[k]);
				render_attr_u(n, "id", s.ids[k][i]);
				render_attr(n, "reason", why);
				okr_time_format(at, buf);
				render_attr(n, "at", buf);
				continue;
			}
			n = xmlNewChild(root, ns, BAD_CAST store_rtype_names[k], NULL);
			put_fields(n, store_codec(rtype), rec);
		}
	}
	*out = doc;
	return STORE_OK;
}

/* The id in attribute name of record n (as put_fields() wrote it), 0
 * when none. */
static uint32_t
id_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	uint32_t id = v != NULL ? (uint32_t)strtoul((const char *)v, NULL, 10) : 0;

	xmlFree(v);
	return id;
}

int
xmlio_add_authors(struct store *st, struct arena *ar, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	uint32_t *ids, id;
	size_t cap = 0, m = 0, held = 0, i, j;
	struct person *p;
	int rc;

	for (n = root->children; n != NULL; n = n->next)
		cap++;
	ids = arena_alloc(ar, (cap + 1) * sizeof(*ids));
	/* The people held first, then the authors named. */
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, store_rtype_names[REC_PERSON]) == 0 &&
		    (id = id_attr(n, "id")) != 0)
			ids[held++] = id;
	qsort(ids, held, sizeof(*ids), id_cmp);
	m = held;
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, store_rtype_names[REC_CHECKIN]) == 0)
			id = id_attr(n, "author");
		else if (strcmp((const char *)n->name, store_rtype_names[REC_CHANGE]) == 0)
			id = id_attr(n, "by");
		else
			continue;
		if (id != 0 && bsearch(&id, ids, held, sizeof(*ids), id_cmp) == NULL)
			ids[m++] = id;
	}
	qsort(ids + held, m - held, sizeof(*ids), id_cmp);
	p = arena_alloc(ar, sizeof(*p));
	for (i = held; i < m; i = j) {
		for (j = i + 1; j < m && ids[j] == ids[i]; j++)
			;
		if ((rc = store_get(st, ar, REC_PERSON, ids[i], p)) == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return rc;
		n = xmlNewChild(root, root->ns, BAD_CAST store_rtype_names[REC_PERSON], NULL);
		put_fields(n, store_codec(REC_PERSON), p);
	}
	return STORE_OK;
}

/* ------------------------------------------------------------ import */

/* The line of byte off of UTF-8 text. */
static long
line_of(const char *s, size_t off)
{
	const char *p = s, *end = s + off;
	long line = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* The encoding of a file's bytes when it is not UTF-8 (NULL): UTF-16 by
 * its byte-order mark or its first two characters, else the one the XML
 * declaration names. */
static const char *
file_encoding(const char *buf, size_t len, struct arena *ar)
{
	const unsigned char *p = (const unsigned char *)buf;
	const char *end, *q, *name;
	size_t n;

	if (len >= 2 && ((p[0] == 0xfe && p[1] == 0xff) || (p[0] == 0xff && p[1] == 0xfe)))
		return "UTF-16";	/* iconv reads the mark */
	if (len >= 4 && p[0] == 0 && p[1] == '<' && p[2] == 0 && p[3] == '?')
		return "UTF-16BE";
	if (len >= 4 && p[0] == '<' && p[1] == 0 && p[2] == '?' && p[3] == 0)
		return "UTF-16LE";
	if (len < 5 || memcmp(buf, "<?xml", 5) != 0 ||
	    (end = memmem(buf, len < 256 ? len : 256, "?>", 2)) == NULL ||
	    (q = memmem(buf, (size_t)(end - buf), "encoding", 8)) == NULL)
		return NULL;
	for (q += 8; *q == ' ' || *q == '\t' || *q == '\r' || *q == '\n' || *q == '='; q++)
		;
	if (*q != '"' && *q != '\'')
		return NULL;	/* the parser says what is wrong */
	n = strcspn(q + 1, *q == '"' ? "\"?" : "'?");
	name = arena_strndup(ar, q + 1, n);
	/* A declaration read one byte a character is not UTF-16, whatever
	 * it says (libxml2 reads such a file as UTF-8 too). */
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0 ||
	    strncasecmp(name, "UTF-16", 6) == 0 || strncasecmp(name, "UTF16", 5) == 0 ?
	    NULL : name;
}

/* buf in encoding enc, as UTF-8 in *out (to free, *outlen bytes); -1
 * with *err when enc is unknown or a byte is not of it. */
static int
to_utf8(const char *buf, size_t len, const char *enc, char **out, size_t *outlen,
    struct arena *ar, const char **err)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	size_t cap = 2 * len + 16, inleft = len, outleft = cap, done;
	char *in = (char *)buf, *o, *p;
	int rc = 0;

	*out = NULL;
	if (cd == (iconv_t)-1) {
		*err = arena_printf(ar, "line 1: the encoding %s is not known\n", enc);
		return -1;
	}
	if ((*out = o = malloc(cap)) == NULL)
		rc = -1;
	while (rc == 0 && iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		done = (size_t)(o - *out);
		if (errno != E2BIG) {
			*err = arena_printf(ar, "line %ld: a byte that is not %s\n",
			    line_of(*out, done), enc);
			rc = -1;
		} else if ((p = realloc(*out, cap *= 2)) == NULL)
			rc = -1;
		else {
			*out = p;
			o = p + done;
			outleft = cap - done;
		}
	}
	iconv_close(cd);
	*outlen = (size_t)(o - *out);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		if (*err == NULL)
			*err = "out of memory\n";
	}
	return rc;
}

xmlDocPtr
xmlio_parse(const char *buf, size_t len, int text, struct arena *ar, const char **err)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	const xmlError *e;
	const char *enc;
	char *utf8 = NULL;
	size_t ok;

	*err = NULL;
	if (len > XMLIO_MAXDOC) {
		*err = arena_printf(ar, "the document is too large (more than %d MB)\n",
		    XMLIO_MAXDOC >> 20);
		return NULL;
	}
	/* Everything below reads UTF-8, the declaration ignored. */
	if (!text && (enc = file_encoding(buf, len, ar)) != NULL) {
		if (to_utf8(buf, len, enc, &utf8, &len, ar, err) != 0)
			return NULL;
		buf = utf8;
	}
	if ((ok = render_text_valid(buf, len)) != len) {
		*err = arena_printf(ar, "line %ld: a byte that is not UTF-8, or a character "
		    "XML does not allow (a control character, U+FFFE, U+FFFF, a "
		    "noncharacter)\n", line_of(buf, ok));
		goto out;
	}
	/* No document type declaration at all: no external entity to fetch,
	 * no internal one to expand a billion times. */
	if (memmem(buf, len, "<!DOCTYPE", 9) != NULL || memmem(buf, len, "<!ENTITY", 8) != NULL) {
		*err = "a document type declaration (<!DOCTYPE>, <!ENTITY>) is not accepted\n";
		goto out;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		*err = "out of memory\n";
		goto out;
	}
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
	if (doc == NULL || !ctxt->wellFormed) {
		e = xmlCtxtGetLastError(ctxt);
		*err = arena_printf(ar, "line %d: %s", e != NULL ? e->line : 0,
		    e != NULL && e->message != NULL ? e->message : "not well-formed XML\n");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
out:
	free(utf8);
	return doc;
}

struct verr {
	struct arena	*ar;
	char		*msg;
	int		 n;
};

/* Keeps the validator's first few messages: the first alone often only
 * says that an element failed; the next ones say what was expected. */
static void
verr_keep(void *arg, const xmlError *e)
{
	struct verr *v = arg;

	if (e == NULL || v->n++ >= 5)
		return;
	v->msg = arena_printf(v->ar, "%sline %d: %s", v->msg ? v->msg : "", e->line,
	    e->message != NULL ? e->message : "invalid\n");
}

int
xmlio_validate(xmlDocPtr doc, const char *rng, struct arena *ar, const char **err)
{
	static xmlRelaxNGPtr schema;
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGValidCtxtPtr vc;
	struct verr v = { ar, NULL, 0 };
	int rc;

	if (schema == NULL) {
		if ((pc = xmlRelaxNGNewParserCtxt(rng)) == NULL)
			return -1;
		schema = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		if (schema == NULL) {
			*err = arena_printf(ar, "%s: cannot read the schema", rng);
			return -1;
		}
	}
	if ((vc = xmlRelaxNGNewValidCtxt(schema)) == NULL)
		return -1;
	xmlRelaxNGSetValidStructuredErrors(vc, (xmlStructuredErrorFunc)verr_keep, &v);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc != 0) {
		*err = v.msg != NULL ? v.msg : "the document does not match the schema\n";
		return -1;
	}
	return 0;
}

/* The value of attribute text for field f into rec; -1 if it is wrong. */
static int
get_field(const struct field *f, void *rec, const char *text)
{
	char *p = (char *)rec + f->off, *end;
	struct tm tm;
	int32_t day;
	long long ll;
	int i;

	switch (f->type) {
	case FT_U32:
		ll = strtoll(text, &end, 10);
		if (*text == '\0' || *end != '\0' || ll < 0 || ll > UINT32_MAX)
			return -1;
		*(uint32_t *)p = (uint32_t)ll;
		return 0;
	case FT_I32:
		if (f->fmt == FMT_DATE) {
			if (okr_date_parse(text, &day) == -1)
				return -1;
			*(int32_t *)p = day;
			return 0;
		}
		for (i = 0; f->enames != NULL && i < f->nenames; i++)
			if (strcmp(f->enames[i], text) == 0) {
				*(int32_t *)p = i;
				return 0;
			}
		ll = strtoll(text, &end, 10);
		if (*text == '\0' || *end != '\0' || ll < INT32_MIN || ll > INT32_MAX)
			return -1;
		*(int32_t *)p = (int32_t)ll;
		return 0;
	case FT_I64:
		memset(&tm, 0, sizeof(tm));
		if ((end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm)) == NULL || *end != '\0')
			return -1;
		*(int64_t *)p = (int64_t)timegm(&tm);
		return 0;
	case FT_DBL:
		*(double *)p = strtod(text, &end);
		return *text == '\0' || *end != '\0' ? -1 : 0;
	default:
		return -1;
	}
}

static const struct field *
field_named(const struct codec *c, const char *name)
{
	char buf[40];
	size_t i;

	for (i = 0; i < c->nfields; i++)
		if (strcmp(xname(&c->fields[i], buf), name) == 0)
			return &c->fields[i];
	return NULL;
}

/* 0 when the text of element n (of a kind) is text the store may keep;
 * a character reference (&#xFDD0;) can bring what the bytes do not. */
static int
text_ok(xmlNodePtr n, const char *kind, const char *s, struct arena *ar, const char **err)
{
	if (render_text_valid(s, strlen(s)) == strlen(s))
		return 0;
	*err = arena_printf(ar, "line %ld: <%s>: <%s> holds a character XML does not "
	    "allow (a noncharacter)\n", xmlGetLineNo(n), kind, (const char *)n->name);
	return -1;
}

/* One record element into r; -1 with *err. */
static int
read_record(xmlNodePtr n, enum rtype rt, struct store_rec *r,
    struct arena *ar, const char **err)
{
	const struct codec *c = store_codec(rt);
	const char *kind = store_rtype_names[rt];
	const unsigned char empty[3] = { 'M', CODEC_VERSION, 0 };
	unsigned char hdr[3];
	const struct field *f;
	xmlAttrPtr a;
	xmlNodePtr ch;
	xmlChar *v;
	int bad;

	r->rtype = rt;
	if (rt == REC_SNAPSHOT) {
		v = xmlGetProp(n, BAD_CAST "id");
		r->id = v != NULL ? (uint32_t)strtoul((const char *)v, NULL, 10) : 0;
		xmlFree(v);
		v = xmlNodeGetContent(n);
		r->snapshot = arena_strdup(ar, v != NULL ? (const char *)v : "");
		xmlFree(v);
		return text_ok(n, kind, r->snapshot, ar, err);
	}
	/* The defaults: an empty record decoded. */
	memcpy(hdr, empty, 3);
	hdr[2] = c->rtype;
	r->rec = arena_alloc(ar, store_rec_size(rt));
	codec_decode(c, hdr, 3, r->rec, ar);
	for (a = n->properties; a != NULL; a = a->next) {
		if ((f = field_named(c, (const char *)a->name)) == NULL || f->type == FT_STR) {
			*err = arena_printf(ar, "line %ld: <%s> has no attribute %s\n",
			    xmlGetLineNo(n), kind, (const char *)a->name);
			return -1;
		}
		v = xmlNodeListGetString(n->doc, a->children, 1);
		bad = get_field(f, r->rec, v != NULL ? (const char *)v : "");
		xmlFree(v);
		if (bad) {
			*err = arena_printf(ar, "line %ld: <%s %s>: not a valid value\n",
			    xmlGetLineNo(n), kind, (const char *)a->name);
			return -1;
		}
	}
	for (ch = n->children; ch != NULL; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if ((f = field_named(c, (const char *)ch->name)) == NULL || f->type != FT_STR) {
			*err = arena_printf(ar, "line %ld: <%s> has no element <%s>\n",
			    xmlGetLineNo(ch), kind, (const char *)ch->name);
			return -1;
		}
		v = xmlNodeGetContent(ch);
		*(char **)((char *)r->rec + f->off) = arena_strdup(ar, v != NULL ?
		    (const char *)v : "");
		xmlFree(v);
		if (text_ok(ch, kind, *(char **)((char *)r->rec + f->off), ar, err) != 0)
			return -1;
	}
	r->id = *(uint32_t *)r->rec;
	return 0;
}

/* A tombstone applied: the stored objective archived, or the stored KR
 * rejected or dropped, as the record to load into r.  Returns 1, 0 when
 * there is nothing to do (not in the store, or already so), -1 when the
 * tombstone is wrong. */
static int
tombstone(struct store *st, struct arena *ar, xmlNodePtr n, struct store_rec *r,
    const char **err)
{
	xmlChar *of = xmlGetProp(n, BAD_CAST "of"), *id = xmlGetProp(n, BAD_CAST "id");
	xmlChar *why = xmlGetProp(n, BAD_CAST "reason");
	enum rtype rtype = of == NULL ? REC__MAX :
	    strcmp((const char *)of, "objective") == 0 ? REC_OBJECTIVE :
	    strcmp((const char *)of, "kr") == 0 ? REC_KR : REC__MAX;
	int state = -1, rc = 0;

	r->rtype = rtype;
	r->id = id != NULL ? (uint32_t)strtoul((const char *)id, NULL, 10) : 0;
	if (rtype == REC_OBJECTIVE && why &&
	    strcmp((const char *)why, "archived") == 0)
		state = OBJ_ARCHIVED;
	else if (rtype == REC_KR && why)
		state = okr_lookup(okr_krstate_names, KRS__MAX, (const char *)why);
	if (state < 0 || (rtype == REC_KR && okr_kr_live(state)) || r->id == 0) {
		*err = arena_printf(ar, "line %ld: a tombstone of an objective is "
		    "archived, of a KR rejected or dropped\n", xmlGetLineNo(n));
		rc = -1;
	} else {
		r->rec = arena_alloc(ar, store_rec_size(rtype));
		if (store_get(st, ar, rtype, r->id, r->rec) == STORE_OK) {
			int32_t *sp = rtype == REC_OBJECTIVE ? &((struct objective *)r->rec)->state :
			    &((struct kr *)r->rec)->state;

			rc = *sp != state;
			*sp = state;
		}
	}
	xmlFree(of);
	xmlFree(id);
	xmlFree(why);
	return rc;
}

/* The message of a loaded cycle c whose dates overlap another's: that
 * one named, from the document or the store. */
static char *
cycle_overlap_error(struct store *st, struct arena *ar, const struct store_rec *rec,
    long line, const struct store_rec *recs, size_t nrec)
{
	const struct cycle *c = rec->rec, *other = NULL;
	struct cycle *stored = NULL, *all;
	size_t i, n = 0, m = 0;
	char s[11], e[11];

	if (store_cycles_all(st, ar, &stored, &n) != STORE_OK)
		n = 0;
	all = arena_alloc(ar, (n + nrec) * sizeof(*all));
	for (i = 0; i < nrec; i++)
		if (recs[i].rtype == REC_CYCLE)
			all[m++] = *(const struct cycle *)recs[i].rec;
	for (i = 0; i < n; i++)
		all[m++] = stored[i];
	other = store_cycle_overlapping(all, m, c);
	if (other == NULL)
		return arena_printf(ar, "line %ld: <cycle id=\"%u\">: its dates "
		    "overlap another cycle's\n", line, c->id);
	okr_date_format(other->start, s);
	okr_date_format(other->end, e);
	return arena_printf(ar, "line %ld: <cycle id=\"%u\">: its dates overlap "
	    "those of cycle %s (%s to %s): a day belongs to one cycle\n", line,
	    c->id, other->name, s, e);
}

int
xmlio_import(struct store *st, struct arena *ar, uint32_t actor, xmlDocPtr doc,
    size_t *changed, const char **err, void (*progress)(size_t, size_t))
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	struct store_rec *recs;
	const char **names;
	long *lines;
	size_t nrec = 0, cap = 0, k, bad = 0;
	int rc;

	*changed = 0;
	*err = NULL;
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, XMLIO_NS) != 0 ||
	    strcmp((const char *)root->name, "mubiao") != 0) {
		*err = "the root is not <mubiao xmlns=\"" XMLIO_NS "\">\n";
		return STORE_INVALID;
	}
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			cap++;
	recs = arena_alloc(ar, (cap + 1) * sizeof(*recs));
	lines = arena_alloc(ar, (cap + 1) * sizeof(*lines));
	names = arena_alloc(ar, (cap + 1) * sizeof(*names));
	memset(recs, 0, (cap + 1) * sizeof(*recs));
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "tombstone") == 0) {
			if ((rc = tombstone(st, ar, n, &recs[nrec], err)) == 1) {
				lines[nrec] = xmlGetLineNo(n);
				names[nrec++] = "tombstone";
			} else if (rc != 0)
				return STORE_INVALID;
			continue;
		}
		for (k = 0; k < REC__MAX &&
		    strcmp(store_rtype_names[k], (const char *)n->name) != 0; k++)
			;
		if (k == REC__MAX) {
			*err = arena_printf(ar, "line %ld: unknown element <%s>\n",
			    xmlGetLineNo(n), (const char *)n->name);
			return STORE_INVALID;
		}
		if (read_record(n, (enum rtype)k, &recs[nrec], ar, err) == -1)
			return STORE_INVALID;
		lines[nrec] = xmlGetLineNo(n);
		names[nrec] = store_rtype_names[k];
		nrec++;
	}
	rc = store_load(st, actor, recs, nrec, changed, &bad, progress);
	if (rc == STORE_RULE && bad < nrec && recs[bad].rtype == REC_CYCLE)
		*err = cycle_overlap_error(st, ar, &recs[bad], lines[bad], recs,
		    nrec);
	else if (rc == STORE_RULE && bad < nrec)
		*err = arena_printf(ar, "line %ld: <%s id=\"%u\"> would sit under "
		    "itself, or make the unit tree more than %d levels deep\n",
		    lines[bad], names[bad], recs[bad].id, OKR_MAX_DEPTH);
	else if (rc == STORE_INVALID && bad < nrec)
		*err = arena_printf(ar, "line %ld: <%s id=\"%u\"> names a record "
		    "that is neither in the document nor in the store\n", lines[bad],
		    names[bad], recs[bad].id);
	else if (rc == STORE_INVALID && bad - nrec < nrec) {
		const struct store_rec *r = &recs[bad - nrec];
		const char *member = NULL;
		char *x;

		/* Which rule: the one the forms keep, else the record's size. */
		if (r->rtype != REC_SNAPSHOT && store_rec_check(r->rtype, r->rec, &member) !=
		    STORE_OK && member != NULL) {
			for (x = arena_strdup(ar, member), member = x; *x != '\0'; x++)
				if (*x == '_')
					*x = '-';
			*err = arena_printf(ar, "line %ld: <%s id=\"%u\">: %s is not "
			    "allowed (too long, a control character, empty, or a "
			    "number out of range)\n", lines[bad - nrec],
			    names[bad - nrec], r->id, member);
		} else
			*err = arena_printf(ar, "line %ld: <%s id=\"%u\"> cannot be "
			    "stored (larger than a record may be)\n", lines[bad - nrec],
			    names[bad - nrec], r->id);
	}
	return rc;
}
