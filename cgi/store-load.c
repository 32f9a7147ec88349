/* store-load.c: export and import: rules of records, scans, counts, loads. */
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "log.h"
#include "okr.h"
#include "render.h"
#include "store-int.h"

/* ------------------------------------------------------------ rules */

/* What the texts and numbers of each record are held to (okr.h), on
 * every path that writes one; enumerations are checked from the codecs'
 * tables, references and the unit tree in the transaction. */
enum rkind { R_LINE, R_LINES, R_NUMBER, R_LOGIN, R_CYCLE };

static const struct rule {
	enum rtype	 rtype;
	size_t		 off;
	enum rkind	 kind;
	int		 required;	/* a text that may not be empty */
	double		 min, max;	/* a number's range; a text's characters */
	const char	*name;
} rules[] = {
#define RT(r, s, m, k, req, max) { r, offsetof(struct s, m), k, req, 0, max, #m }
#define RN(r, s, m, lo, hi) { r, offsetof(struct s, m), R_NUMBER, 0, lo, hi, #m }
	RT(REC_UNIT, unit, name, R_LINE, 1, OKR_MAX_NAME),
	RT(REC_PERSON, person, login, R_LOGIN, 1, OKR_MAX_LOGIN),
	RT(REC_PERSON, person, name, R_LINE, 1, OKR_MAX_NAME),
	RT(REC_CYCLE, cycle, name, R_CYCLE, 1, OKR_MAX_CYCLE),
	RT(REC_OBJECTIVE, objective, title, R_LINE, 1, OKR_MAX_TITLE),
	RT(REC_OBJECTIVE, objective, description, R_LINES, 0, OKR_MAX_TEXT),
	RT(REC_KR, kr, title, R_LINE, 1, OKR_MAX_TITLE),
	RT(REC_KR, kr, unit_label, R_LINE, 0, OKR_MAX_LABEL),
	RN(REC_KR, kr, start, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_KR, kr, target, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_KR, kr, current, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_KR, kr, weight, 0, OKR_MAX_WEIGHT),
	RN(REC_KR, kr, confidence, 0, 1),
	RT(REC_CHECKIN, checkin, note, R_LINES, 0, OKR_MAX_TEXT),
	RN(REC_CHECKIN, checkin, value, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_CHECKIN, checkin, confidence, 0, 1),
	RT(REC_CHANGE, change, field, R_LINE, 1, 32),
	RT(REC_CHANGE, change, old_value, R_LINES, 0, CODEC_MAXREC),
	RT(REC_CHANGE, change, new_value, R_LINES, 0, CODEC_MAXREC),
	RT(REC_COMMENT, comment, text, R_LINES, 1, OKR_MAX_TEXT),
	RT(REC_MEETING, meeting, title, R_LINE, 0, OKR_MAX_TITLE),
	RT(REC_MEETING, meeting, minutes, R_LINES, 0, OKR_MAX_MINUTES),
	RT(REC_MEETING, meeting, decisions, R_LINES, 0, OKR_MAX_MINUTES),
	RT(REC_MEETING, meeting, present, R_LINE, 0, CODEC_MAXREC),
	RT(REC_MEETING, meeting, status_reason, R_LINES, 0, OKR_MAX_TITLE),
	RT(REC_MEETING, meeting, deferred, R_LINES, 0, CODEC_MAXREC),
	RT(REC_ACTION, action, title, R_LINE, 1, OKR_MAX_TITLE),
	RT(REC_GROW, grow, goal, R_LINES, 0, OKR_MAX_TEXT),
	RT(REC_GROW, grow, reality, R_LINES, 0, OKR_MAX_TEXT),
	RT(REC_GROW, grow, options, R_LINES, 0, OKR_MAX_TEXT),
	RT(REC_GROW, grow, will, R_LINES, 0, OKR_MAX_TEXT),
	RT(REC_VERDICT, verdict, text, R_LINE, 0, OKR_MAX_TITLE),
	RT(REC_VERDICT, verdict, note, R_LINES, 0, OKR_MAX_NOTE),
	RT(REC_VERDICT, verdict, signed_by, R_LINE, 0, CODEC_MAXREC),
	RT(REC_VERDICT, verdict, was_text, R_LINE, 0, OKR_MAX_TITLE),
	RT(REC_VERDICT, verdict, unit_label, R_LINE, 0, OKR_MAX_LABEL),
	RT(REC_VERDICT, verdict, was_unit_label, R_LINE, 0, OKR_MAX_LABEL),
	RN(REC_VERDICT, verdict, start, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_VERDICT, verdict, was_start, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_VERDICT, verdict, target, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
	RN(REC_VERDICT, verdict, was_target, -OKR_NUM_LIMIT, OKR_NUM_LIMIT),
#undef RT
#undef RN
};

int
store_rec_check(enum rtype rtype, const void *rec, const char **member)
{
	const struct codec *c = store_codec(rtype);
	const char *p = rec, *bad = NULL, *s;
	size_t i;
	int32_t v;
	int ok;

	if (c == NULL)
		return STORE_INVALID;
	for (i = 0; bad == NULL && i < sizeof(rules) / sizeof(rules[0]); i++) {
		const struct rule *r = &rules[i];

		if (r->rtype != rtype)
			continue;
		s = r->kind != R_NUMBER ? *(char *const *)(p + r->off) : NULL;
		switch (r->kind) {
		case R_NUMBER:
			ok = okr_number_ok(*(const double *)(p + r->off), r->min, r->max);
			break;
		case R_LOGIN:
			ok = okr_login_ok(s);
			break;
		case R_CYCLE:
			ok = okr_cycle_name_ok(s);
			break;
		default:
			/* And only characters XML may hold, as where text enters. */
			ok = okr_text_ok(s, (size_t)r->max, r->kind == R_LINES) &&
			    (s == NULL || render_text_valid(s, strlen(s)) == strlen(s)) &&
			    !(r->required && (s == NULL || *s == '\0'));
			break;
		}
		if (!ok)
			bad = r->name;
	}
	/* An enumeration holds one of its names, or its default "none". */
	for (i = 0; bad == NULL && i < c->nfields; i++) {
		const struct field *f = &c->fields[i];

		if (f->enames == NULL)
			continue;
		v = *(const int32_t *)(p + f->off);
		if ((v < 0 || v >= f->nenames) && !(f->def < 0 && v == (int32_t)f->def))
			bad = f->xml;
	}
	if (bad == NULL && st_tables[st_table_of(rtype)].rule != NULL)
		bad = st_tables[st_table_of(rtype)].rule(rec);
	if (member != NULL)
		*member = bad;
	return bad == NULL ? STORE_OK : STORE_INVALID;
}

/* Walks a primary table in id order: counts its records without reading
 * them, or (company set) stops at the first unit without a parent. */
struct walk {
	enum table	 t;
	size_t		 n;
	struct unit	*company;
	struct arena	*ar;
};

static int
op_walk(struct store *st, DB_TXN *txn, void *arg)
{
	struct walk *w = arg;
	DBC *c;
	DBT k, d;
	int ret, rc = STORE_OK;

	w->n = 0;
	if ((ret = st->db[w->t]->cursor(st->db[w->t], txn, &c, 0)) != 0)
		return st_dbstatus(ret, st_tables[w->t].file);
	st_dbt_init(&k, NULL, 0);
	st_dbt_init(&d, NULL, 0);
	if (w->company == NULL)
		d.flags |= DB_DBT_PARTIAL;	/* dlen 0: no data copied */
	while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0) {
		w->n++;
		if (w->company == NULL)
			continue;
		if (codec_decode(&store_codec_unit, d.data, d.size, w->company, w->ar) == -1) {
			log_err("units.db: damaged record");
			rc = STORE_ERR;
			break;
		}
		if (w->company->parent == 0)
			break;
	}
	if (rc == STORE_OK && ret != 0)
		rc = ret == DB_NOTFOUND ? (w->company ? STORE_NOTFOUND : STORE_OK) :
		    st_dbstatus(ret, st_tables[w->t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, st_tables[w->t].file);
	return rc;
}

/* Up to limit records of a primary table from id from on, or (back) the
 * limit before it, in id order. */
struct range {
	enum table	 t;
	uint32_t	 from;
	size_t		 limit;
	int		 back;
	struct arena	*ar;
	struct vec	 vec;
};

static int
op_range(struct store *st, DB_TXN *txn, void *arg)
{
	struct range *g = arg;
	unsigned char kb[4];
	DBC *c;
	DBT k, d;
	size_t i, got = 0;
	int ret, rc = STORE_OK;

	g->vec.n = 0;
	g->vec.size = st_tables[g->t].size;
	if ((ret = st->db[g->t]->cursor(st->db[g->t], txn, &c, 0)) != 0)
		return st_dbstatus(ret, st_tables[g->t].file);
	be32(kb, g->from);
	st_dbt_init(&k, kb, 4);
	st_dbt_init(&d, NULL, 0);
	ret = c->get(c, &k, &d, DB_SET_RANGE);
	if (g->back)	/* the record before the first at or after from */
		ret = ret == 0 ? c->get(c, &k, &d, DB_PREV) :
		    ret == DB_NOTFOUND ? c->get(c, &k, &d, DB_LAST) : ret;
	for (; ret == 0 && got < g->limit; got++) {
		if (codec_decode(st_tables[g->t].codec, d.data, d.size,
		    st_vec_push(g->ar, &g->vec), g->ar) == -1) {
			log_err("%s: damaged record", st_tables[g->t].file);
			rc = STORE_ERR;
			break;
		}
		ret = c->get(c, &k, &d, g->back ? DB_PREV : DB_NEXT);
	}
	if (rc == STORE_OK && ret != 0 && ret != DB_NOTFOUND)
		rc = st_dbstatus(ret, st_tables[g->t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, st_tables[g->t].file);
	/* Backwards came newest first. */
	if (rc == STORE_OK && g->back && g->vec.n > 1) {
		char *rev = arena_alloc(g->ar, g->vec.n * g->vec.size);

		for (i = 0; i < g->vec.n; i++)
			memcpy(rev + i * g->vec.size, g->vec.items +
			    (g->vec.n - 1 - i) * g->vec.size, g->vec.size);
		g->vec.items = rev;
	}
	return rc;
}

int
store_range(struct store *st, struct arena *ar, enum rtype rtype, uint32_t from,
    size_t limit, int back, void *items, size_t *n)
{
	struct range g = { .t = st_table_of(rtype), .from = from, .limit = limit,
	    .back = back, .ar = ar };
	int rc;

	*n = 0;
	*(void **)items = NULL;
	if (g.t == T__MAX)
		return STORE_INVALID;
	if ((rc = st_txn_run(st, 0, op_range, &g)) == STORE_OK) {
		*(void **)items = g.vec.items;
		*n = g.vec.n;
	}
	return rc;
}

int
store_count(struct store *st, enum rtype rtype, size_t *n)
{
	struct walk w = { .t = st_table_of(rtype) };
	int rc;

	*n = 0;
	if (w.t == T__MAX)
		return STORE_INVALID;
	if ((rc = st_txn_run(st, 0, op_walk, &w)) == STORE_OK)
		*n = w.n;
	return rc;
}

int
st_company(struct store *st, DB_TXN *txn, struct arena *ar, struct unit *u)
{
	struct walk w = { .t = T_UNITS, .company = u, .ar = ar };

	return op_walk(st, txn, &w);
}

int
store_company(struct store *st, struct arena *ar, struct unit *u)
{
	struct walk w = { .t = T_UNITS, .company = u, .ar = ar };

	return st_txn_run(st, 0, op_walk, &w);
}

int
store_get(struct store *st, struct arena *ar, enum rtype rtype, uint32_t id,
    void *rec)
{
	enum table t = st_table_of(rtype);

	return t == T__MAX ? STORE_INVALID : st_get_by_id(st, ar, t, id, rec);
}

/* The index a record type is listed by for store_children(), or T_META. */
static enum table
children_of(enum rtype rtype)
{
	enum table t = st_table_of(rtype);

	return t == T__MAX ? T_META : st_tables[t].children;
}

int
store_children(struct store *st, struct arena *ar, enum rtype rtype,
    uint32_t id, void *items, size_t *n)
{
	enum table t = children_of(rtype);

	*n = 0;
	*(void **)items = NULL;
	if (t == T_META)
		return STORE_INVALID;
	return st_list_by(st, ar, t, 1, id, 0, items, n);
}

/* Counts the keys of an index that begin with a big-endian id, up to
 * op->id of them, reading neither the keys' records nor their data. */
static int
op_count_prefix(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	unsigned char kb[256];
	DBC *c;
	DBT k, d;
	u_int32_t flag = DB_SET_RANGE;
	int ret, rc;

	op->vec.n = 0;
	if ((ret = st->db[op->t]->cursor(st->db[op->t], txn, &c, 0)) != 0)
		return st_dbstatus(ret, st_tables[op->t].file);
	for (;;) {
		memcpy(kb, op->key, op->klen);
		st_dbt_init(&k, kb, op->klen);
		k.ulen = sizeof(kb);
		k.flags = DB_DBT_USERMEM;
		st_dbt_init(&d, NULL, 0);
		d.flags |= DB_DBT_PARTIAL;
		if ((ret = c->get(c, &k, &d, flag)) != 0 || k.size < op->klen ||
		    memcmp(kb, op->key, op->klen) != 0)
			break;
		if (++op->vec.n == op->id)
			break;
		flag = DB_NEXT;
	}
	rc = ret == 0 || ret == DB_NOTFOUND ? STORE_OK : st_dbstatus(ret, st_tables[op->t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, st_tables[op->t].file);
	return rc;
}

int
store_count_children(struct store *st, enum rtype rtype, uint32_t id,
    uint32_t max, size_t *n)
{
	struct op op = { .t = children_of(rtype), .klen = 4, .id = max };
	int rc;

	*n = 0;
	if (op.t == T_META)
		return STORE_INVALID;
	be32(op.key, id);
	if ((rc = st_txn_run(st, 0, op_count_prefix, &op)) == STORE_OK)
		*n = op.vec.n;
	return rc;
}

int
store_scan(struct store *st, struct arena *ar, enum rtype rtype, void *items,
    size_t *n)
{
	enum table t = st_table_of(rtype);

	if (t == T__MAX)
		return STORE_INVALID;
	return st_list_by(st, ar, t, 0, 0, 0, items, n);
}

static int
op_changes(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	struct store_mark *m;
	unsigned char kb[13];
	DBC *c;
	DBT k, d;
	u_int32_t flag = DB_SET_RANGE;
	int ret, rc, i;

	memcpy(kb, op->key, 8);
	memset(kb + 8, 0, 5);
	if ((ret = st->db[T_CHANGELOG]->cursor(st->db[T_CHANGELOG], txn, &c, 0)) != 0)
		return st_dbstatus(ret, "changelog");
	op->vec.size = sizeof(*m);
	op->vec.n = 0;
	for (;;) {
		st_dbt_init(&k, kb, 8);
		st_dbt_init(&d, NULL, 0);
		if ((ret = c->get(c, &k, &d, flag)) != 0)
			break;
		flag = DB_NEXT;
		if (k.size != 13)
			continue;
		m = st_vec_push(op->ar, &op->vec);
		m->at = 0;
		for (i = 0; i < 8; i++)
			m->at = m->at << 8 | ((unsigned char *)k.data)[i];
		m->rtype = st_rtype_of(((unsigned char *)k.data)[8]);
		m->id = (uint32_t)((unsigned char *)k.data)[9] << 24 |
		    (uint32_t)((unsigned char *)k.data)[10] << 16 |
		    (uint32_t)((unsigned char *)k.data)[11] << 8 |
		    ((unsigned char *)k.data)[12];
	}
	rc = ret == DB_NOTFOUND || ret == 0 ? STORE_OK : st_dbstatus(ret, "changelog");
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, "changelog");
	return rc;
}

static int
op_last_change(struct store *st, DB_TXN *txn, void *arg)
{
	int64_t *at = arg;
	DBC *c;
	DBT k, d;
	int ret, rc, i;

	*at = 0;
	if ((ret = st->db[T_CHANGELOG]->cursor(st->db[T_CHANGELOG], txn, &c, 0)) != 0)
		return st_dbstatus(ret, "changelog");
	st_dbt_init(&k, NULL, 0);
	st_dbt_init(&d, NULL, 0);
	ret = c->get(c, &k, &d, DB_LAST);
	if (ret == 0 && k.size == 13)
		for (i = 0; i < 8; i++)
			*at = *at << 8 | ((unsigned char *)k.data)[i];
	rc = ret == DB_NOTFOUND || ret == 0 ? STORE_OK : st_dbstatus(ret, "changelog");
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, "changelog");
	return rc;
}

int
store_last_change(struct store *st, int64_t *at)
{
	return st_txn_run(st, 0, op_last_change, at);
}

int
store_changes_since(struct store *st, struct arena *ar, int64_t since,
    struct store_mark **marks, size_t *n)
{
	struct op op = { .ar = ar };
	uint64_t from = since < 0 ? 0 : (uint64_t)since + 1;
	int i, rc;

	for (i = 0; i < 8; i++)
		op.key[i] = (unsigned char)(from >> (56 - 8 * i));
	rc = st_txn_run(st, 0, op_changes, &op);
	*marks = rc == STORE_OK ? (struct store_mark *)op.vec.items : NULL;
	*n = rc == STORE_OK ? op.vec.n : 0;
	return rc;
}

/* What each record names, checked after a load: type, member, the type
 * it names, and whether 0 (none) is allowed. */
static const struct ref {
	enum rtype	 rtype;
	size_t		 off;
	enum rtype	 target;
	int		 none;
} refs[] = {
	{ REC_UNIT, offsetof(struct unit, parent), REC_UNIT, 1 },
	{ REC_UNIT, offsetof(struct unit, lead), REC_PERSON, 1 },
	{ REC_PERSON, offsetof(struct person, unit), REC_UNIT, 0 },
	{ REC_PERSON, offsetof(struct person, manager), REC_PERSON, 1 },
	{ REC_OBJECTIVE, offsetof(struct objective, cycle), REC_CYCLE, 0 },
	{ REC_OBJECTIVE, offsetof(struct objective, unit), REC_UNIT, 0 },
	{ REC_OBJECTIVE, offsetof(struct objective, owner), REC_PERSON, 1 },
	{ REC_OBJECTIVE, offsetof(struct objective, parent_kr), REC_KR, 1 },
	{ REC_OBJECTIVE, offsetof(struct objective, carried_from), REC_OBJECTIVE, 1 },
	{ REC_OBJECTIVE, offsetof(struct objective, carried_to), REC_OBJECTIVE, 1 },
	{ REC_KR, offsetof(struct kr, objective), REC_OBJECTIVE, 0 },
	{ REC_KR, offsetof(struct kr, owner), REC_PERSON, 1 },
	{ REC_KR, offsetof(struct kr, carried_from), REC_KR, 1 },
	{ REC_CHECKIN, offsetof(struct checkin, kr), REC_KR, 0 },
	{ REC_CHANGE, offsetof(struct change, objective), REC_OBJECTIVE, 0 },
	{ REC_COMMENT, offsetof(struct comment, objective), REC_OBJECTIVE, 0 },
	{ REC_MEETING, offsetof(struct meeting, unit), REC_UNIT, 0 },
	{ REC_MEETING, offsetof(struct meeting, cycle), REC_CYCLE, 0 },
	{ REC_MEETING, offsetof(struct meeting, objective), REC_OBJECTIVE, 1 },
	{ REC_ACTION, offsetof(struct action, unit), REC_UNIT, 0 },
	{ REC_ACTION, offsetof(struct action, meeting), REC_MEETING, 1 },
	{ REC_ACTION, offsetof(struct action, kr), REC_KR, 1 },
	{ REC_GROW, offsetof(struct grow, meeting), REC_MEETING, 0 },
	{ REC_GROW, offsetof(struct grow, kr), REC_KR, 0 },
	{ REC_VERDICT, offsetof(struct verdict, meeting), REC_MEETING, 0 },
	{ REC_VERDICT, offsetof(struct verdict, objective), REC_OBJECTIVE, 0 },
	{ REC_VERDICT, offsetof(struct verdict, kr), REC_KR, 1 },
};

static int
op_actor(struct store *st, DB_TXN *txn, void *arg)
{
	return st_load_actor(st, txn, arg);
}

struct lop {
	struct arena		 ar;
	const struct store_rec	*recs;
	size_t			 n, changed;
	size_t			 bad;		/* the record at fault */
	int			 badref;	/* ... because of what it names */
	void			(*progress)(size_t, size_t);
};

/* Raises table t's id counter to at least id. */
static int
seq_raise(struct store *st, DB_TXN *txn, enum table t, uint32_t id)
{
	unsigned char kb[5] = { 's', 'e', 'q', ':', (unsigned char)t }, vb[4];
	uint32_t last;
	DBT k, d;
	int rc;

	if ((rc = st_last_id(st, txn, t, 1, &last)) != STORE_OK || last >= id)
		return rc;
	be32(vb, id);
	st_dbt_init(&k, kb, sizeof(kb));
	st_dbt_init(&d, vb, 4);
	return st_dbstatus(st->db[T_META]->put(st->db[T_META], txn, &k, &d, 0), "meta");
}

/* Writes one raw record (or snapshot) unless the store holds the same
 * bytes: loading a document twice changes nothing. */
static int
load_one(struct store *st, DB_TXN *txn, struct lop *l, const struct store_rec *r)
{
	static unsigned char buf[CODEC_MAXREC];
	enum table t = r->rtype == REC_SNAPSHOT ? T_SNAPSHOTS : st_table_of(r->rtype);
	unsigned char kb[4];
	const void *data;
	size_t len;
	DBT k, d;
	int rc;

	if (t == T__MAX || r->id == 0)
		return STORE_INVALID;
	if (t == T_SNAPSHOTS) {
		data = r->snapshot;
		len = strlen(r->snapshot);
	} else {
		if (*(const uint32_t *)r->rec != r->id ||
		    store_rec_check(r->rtype, r->rec, NULL) != STORE_OK ||
		    (len = codec_encode(st_tables[t].codec, r->rec, buf)) == 0)
			return STORE_INVALID;
		data = buf;
	}
	be32(kb, r->id);
	st_dbt_init(&k, kb, 4);
	st_dbt_init(&d, NULL, 0);
	rc = st_dbstatus(st->db[t]->get(st->db[t], txn, &k, &d, DB_RMW), st_tables[t].file);
	if (rc == STORE_OK && d.size == len && (len == 0 || memcmp(d.data, data, len) == 0))
		return STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	st_dbt_init(&d, (void *)data, len);
	if ((rc = st_dbstatus(st->db[t]->put(st->db[t], txn, &k, &d, 0),
	    st_tables[t].file)) != STORE_OK)
		return rc;
	l->changed++;
	if (t == T_SNAPSHOTS)
		return st_changelog_add(st, txn, T_MEETINGS, r->id);
	if ((rc = st_changelog_add(st, txn, t, r->id)) != STORE_OK)
		return rc;
	return seq_raise(st, txn, t, r->id);
}

static int
op_load(struct store *st, DB_TXN *txn, void *arg)
{
	struct lop *l = arg;
	struct vec cycles = { 0 };
	size_t i, j;
	uint32_t v;
	int rc;

	l->changed = 0;
	for (i = 0; i < l->n; i++) {
		if ((rc = load_one(st, txn, l, &l->recs[i])) != STORE_OK) {
			l->bad = i;
			return rc;
		}
		if (l->progress != NULL && (i % 1000 == 999 || i + 1 == l->n))
			l->progress(i + 1, l->n);
	}
	/* Everything a loaded record names exists (in the store, which now
	 * holds the whole document). */
	for (i = 0; i < l->n; i++) {
		const struct store_rec *r = &l->recs[i];

		if (r->rtype == REC_SNAPSHOT) {
			if ((rc = st_exists(st, txn, T_MEETINGS, r->id)) != STORE_OK) {
				l->bad = i;
				l->badref = 1;
				return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
			}
			continue;
		}
		for (j = 0; j < sizeof(refs) / sizeof(refs[0]); j++) {
			if (refs[j].rtype != r->rtype)
				continue;
			v = *(const uint32_t *)((const char *)r->rec + refs[j].off);
			if (v == 0 && refs[j].none)
				continue;
			if ((rc = st_exists(st, txn, st_table_of(refs[j].target), v)) != STORE_OK) {
				l->bad = i;
				l->badref = 1;
				return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
			}
		}
	}
	/* Every loaded unit's chain reaches the top, through the loaded and
	 * the stored units alike: a loop would hold whoever walks it. */
	for (i = 0; i < l->n; i++) {
		struct upwalk uw = { st, txn, &l->ar, NULL, 0, STORE_OK, 0 };

		if (l->recs[i].rtype != REC_UNIT)
			continue;
		if ((rc = st_tree_ok(&uw, l->recs[i].id)) != STORE_OK) {
			l->bad = i;
			l->badref = 1;
			return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
		}
	}
	/* A day belongs to one cycle, loaded and stored alike. */
	for (i = 0; i < l->n; i++) {
		if (l->recs[i].rtype != REC_CYCLE)
			continue;
		if (cycles.items == NULL && (rc = st_rec_list(st, txn, T_CYCLES, NULL,
		    0, &l->ar, &cycles)) != STORE_OK)
			return rc;
		if (store_cycle_overlapping((const struct cycle *)cycles.items,
		    cycles.n, l->recs[i].rec) != NULL) {
			l->bad = i;
			l->badref = 1;
			return STORE_RULE;
		}
	}
	return STORE_OK;
}

int
store_load(struct store *st, uint32_t actor, const struct store_rec *recs,
    size_t n, size_t *changed, size_t *bad, void (*progress)(size_t, size_t))
{
	struct lop l = { .recs = recs, .n = n, .progress = progress };
	struct wctx w = { .actor = actor };
	int rc;

	if (st->rdonly)
		return STORE_ERR;
	/* Only the operator's command or an admin. */
	arena_init(&w.ar);
	if (actor != STORE_SYSTEM) {
		rc = st_txn_run(st, 0, op_actor, &w);
		if (rc == STORE_OK && !st_is_admin(&w))
			rc = STORE_FORBIDDEN;
		if (rc != STORE_OK) {
			arena_free(&w.ar);
			return rc == STORE_NOTFOUND ? STORE_FORBIDDEN : rc;
		}
	}
	arena_free(&w.ar);
	arena_init(&l.ar);
	rc = st_txn_run(st, 1, op_load, &l);
	arena_free(&l.ar);
	*changed = rc == STORE_OK ? l.changed : 0;
	/* The record at fault; past n when it is not about what it names. */
	*bad = l.badref ? l.bad : n + l.bad;
	return rc;
}
