/* store-notify.c: the store's operations of the notifications: people's
 * addresses and opt-outs, the units' bots, the outbox of events, their
 * deliveries, and the scheduled slots that fired.
 *
 * An event is written in the transaction of the write that caused it, so
 * that a comment is never saved without its notice nor a notice sent for
 * a comment that was not saved.  mubiao-notify fans each event out into
 * deliveries in one transaction (a cursor in the meta table says how far
 * it got), and each delivery stays pending until its channel took it:
 * at least once, never lost to a crash. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "log.h"
#include "okr.h"
#include "req.h"
#include "render.h"
#include "store-int.h"

#define FANNED_KEY	"notify:fanned"		/* meta: the last event fanned out */
#define SLOT_PREFIX	"slot:"			/* meta: a slot that fired */
#define REMIND_PREFIX	"remind:"		/* meta: a unit's reminder time */
#define PRUNE_MAX	1000			/* records one prune removes */

/* Whether s is a text of at most max bytes that any page, mail or
 * message may hold (one line). */
static int
line_ok(const char *s, size_t max)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n <= max && render_text_valid(s != NULL ? s : "", n) == n &&
	    (s == NULL || strpbrk(s, "\r\n") == NULL);
}

/* ------------------------------------------------ meta values */

static int
meta_get(struct store *st, DB_TXN *txn, const char *key, void *buf, size_t size,
    int rmw, size_t *len)
{
	DBT k, d;
	int rc;

	st_dbt_init(&k, (void *)key, strlen(key));
	memset(&d, 0, sizeof(d));
	d.data = buf;
	d.ulen = (u_int32_t)size;
	d.flags = DB_DBT_USERMEM;
	rc = st_dbstatus(st->db[T_META]->get(st->db[T_META], txn, &k, &d,
	    rmw ? DB_RMW : 0), "meta");
	*len = rc == STORE_OK ? d.size : 0;
	return rc;
}

static int
meta_put(struct store *st, DB_TXN *txn, const char *key, const void *val, size_t n)
{
	DBT k, d;

	st_dbt_init(&k, (void *)key, strlen(key));
	st_dbt_init(&d, (void *)val, n);
	return st_dbstatus(st->db[T_META]->put(st->db[T_META], txn, &k, &d, 0), "meta");
}

static void
be64(unsigned char *p, int64_t v)
{
	be32(p, (uint32_t)((uint64_t)v >> 32));
	be32(p + 4, (uint32_t)v);
}

/* ------------------------------------------------ contacts */

struct contact_op {
	struct wctx	 w;
	struct contact	*c;
	struct arena	*ar;
	uint32_t	 person;
};

static int
op_contact_get(struct store *st, DB_TXN *txn, void *arg)
{
	struct contact_op *op = arg;
	int rc;

	if ((rc = st_exists(st, txn, T_PEOPLE, op->person)) != STORE_OK)
		return rc;
	rc = st_rec_get(st, txn, T_CONTACTS, op->person, op->c, op->ar, 0);
	if (rc == STORE_NOTFOUND) {
		memset(op->c, 0, sizeof(*op->c));
		op->c->id = op->person;
		op->c->lang = -1;
		op->c->email = (char *)"";
		return STORE_OK;
	}
	if (rc == STORE_OK && op->c->email == NULL)
		op->c->email = (char *)"";
	return rc;
}

int
store_contact_get(struct store *st, struct arena *ar, uint32_t person,
    struct contact *c)
{
	struct contact_op op = { .c = c, .ar = ar, .person = person };

	return st_txn_run(st, 0, op_contact_get, &op);
}

static int
op_contact_put(struct store *st, DB_TXN *txn, void *arg)
{
	struct contact_op *op = arg;
	struct wctx *w = &op->w;
	struct contact *c = op->c, old;
	int rc;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor != STORE_SYSTEM && w->actor != c->id && !st_is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = st_exists(st, txn, T_PEOPLE, c->id)) != STORE_OK)
		return rc;
	rc = st_rec_get(st, txn, T_CONTACTS, c->id, &old, &w->ar, 1);
	if (rc == STORE_NOTFOUND)
		old.version = 0;
	else if (rc != STORE_OK)
		return rc;
	if (old.version != c->version)
		return STORE_CONFLICT;
	c->version++;
	return st_rec_put(st, txn, T_CONTACTS, c->id, c);
}

int
store_contact_put(struct store *st, uint32_t actor, struct contact *c)
{
	struct contact_op op = { .w = { .actor = actor }, .c = c };
	int rc;

	if ((c->email != NULL && c->email[0] != '\0' && !okr_email_ok(c->email)) ||
	    c->lang < -1 || c->lang >= LANG__MAX || (c->mute & ~NOTE_ALL) != 0)
		return STORE_INVALID;
	if ((rc = st_write_op(st, op_contact_put, &op.w, &op)) != STORE_OK)
		return rc;
	return STORE_OK;
}

/* ------------------------------------------------ bots */

int
store_bot_get(struct store *st, struct arena *ar, uint32_t id, struct bot *b)
{
	return st_get_by_id(st, ar, T_BOTS, id, b);
}

int
store_bots_all(struct store *st, struct arena *ar, struct bot **b, size_t *n)
{
	return st_list_by(st, ar, T_BOTS, 0, 0, 0, b, n);
}

static int
op_bot_put(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_op *op = arg;
	struct wctx *w = &op->w;
	struct bot *b = op->rec, old;
	int rc, created;

	if ((rc = st_load_actor(st, txn, w)) != STORE_OK)
		return rc;
	if (w->actor != STORE_SYSTEM && !st_is_admin(w))
		return STORE_FORBIDDEN;
	if ((rc = st_exists(st, txn, T_UNITS, b->unit)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_INVALID : rc;
	if ((rc = st_prepare(st, txn, w, T_BOTS, b, &old, &created)) != STORE_OK)
		return rc;
	return st_rec_put(st, txn, T_BOTS, b->id, b);
}

int
store_bot_put(struct store *st, uint32_t actor, struct bot *b)
{
	if (b->kind < 0 || b->kind >= BOT__MAX || (b->events & ~NOTE_ALL) != 0 ||
	    b->lang < -1 || b->lang >= LANG__MAX || !okr_bot_url_ok(b->url) ||
	    !line_ok(b->name, OKR_MAX_NAME * 4) || !line_ok(b->secret, OKR_MAX_SECRET))
		return STORE_INVALID;
	return st_write_rec(st, op_bot_put, actor, b, T_BOTS);
}

struct bot_del_op {
	struct wctx	 w;
	uint32_t	 id, version;
};

static int
op_bot_delete(struct store *st, DB_TXN *txn, void *arg)
{
	struct bot_del_op *op = arg;
	struct bot old;
	unsigned char kb[4];
	DBT k;
	int rc;

	if ((rc = st_load_actor(st, txn, &op->w)) != STORE_OK)
		return rc;
	if (op->w.actor != STORE_SYSTEM && !st_is_admin(&op->w))
		return STORE_FORBIDDEN;
	if ((rc = st_check_version(st, txn, &op->w, T_BOTS, op->id, op->version,
	    &old)) != STORE_OK)
		return rc;
	be32(kb, op->id);
	st_dbt_init(&k, kb, 4);
	return st_dbstatus(st->db[T_BOTS]->del(st->db[T_BOTS], txn, &k, 0), "bots");
}

int
store_bot_delete(struct store *st, uint32_t actor, uint32_t id, uint32_t version)
{
	struct bot_del_op op = { .w = { .actor = actor }, .id = id, .version = version };

	return st_write_op(st, op_bot_delete, &op.w, &op);
}

/* ------------------------------------------------ a unit's reminder time */

struct remind_op {
	struct wctx	 w;
	uint32_t	 unit;
	int32_t		 minute;
};

static void
remind_key(char key[32], uint32_t unit)
{
	snprintf(key, 32, REMIND_PREFIX "%u", unit);
}

static int
op_remind_get(struct store *st, DB_TXN *txn, void *arg)
{
	struct remind_op *op = arg;
	unsigned char vb[4];
	char key[32];
	size_t len;
	int rc;

	remind_key(key, op->unit);
	rc = meta_get(st, txn, key, vb, sizeof(vb), 0, &len);
	op->minute = rc == STORE_OK && len == 4 ? (int32_t)rd32(vb) : -1;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

int
store_unit_remind_get(struct store *st, uint32_t unit, int32_t *minute)
{
	struct remind_op op = { .unit = unit };
	int rc = st_txn_run(st, 0, op_remind_get, &op);

	*minute = rc == STORE_OK ? op.minute : -1;
	return rc;
}

static int
op_remind_set(struct store *st, DB_TXN *txn, void *arg)
{
	struct remind_op *op = arg;
	unsigned char vb[4];
	char key[32];
	DBT k;
	int rc;

	if ((rc = st_load_actor(st, txn, &op->w)) != STORE_OK)
		return rc;
	if ((rc = st_exists(st, txn, T_UNITS, op->unit)) != STORE_OK)
		return rc;
	if ((rc = st_may_manage(st, txn, &op->w, op->unit)) != STORE_OK)
		return rc;
	remind_key(key, op->unit);
	if (op->minute < 0) {
		st_dbt_init(&k, key, strlen(key));
		rc = st_dbstatus(st->db[T_META]->del(st->db[T_META], txn, &k, 0), "meta");
		return rc == STORE_NOTFOUND ? STORE_OK : rc;
	}
	be32(vb, (uint32_t)op->minute);
	return meta_put(st, txn, key, vb, 4);
}

int
store_unit_remind_set(struct store *st, uint32_t actor, uint32_t unit,
    int32_t minute)
{
	struct remind_op op = { .w = { .actor = actor }, .unit = unit,
	    .minute = minute };

	if (minute < -1 || minute >= 7 * 24 * 60)
		return STORE_INVALID;
	return st_write_op(st, op_remind_set, &op.w, &op);
}

/* ------------------------------------------------ the outbox */

int
st_event_add(struct store *st, DB_TXN *txn, struct wctx *w, struct event *e)
{
	int rc;

	e->at = w->now;
	if ((rc = st_next_id(st, txn, T_EVENTS, &e->id)) != STORE_OK)
		return rc;
	return st_rec_put(st, txn, T_EVENTS, e->id, e);
}

int
store_event_get(struct store *st, struct arena *ar, uint32_t id, struct event *e)
{
	return st_get_by_id(st, ar, T_EVENTS, id, e);
}

/* The last event fanned out (0: none). */
static int
fanned_get(struct store *st, DB_TXN *txn, int rmw, uint32_t *id)
{
	unsigned char vb[4];
	size_t len;
	int rc = meta_get(st, txn, FANNED_KEY, vb, sizeof(vb), rmw, &len);

	*id = rc == STORE_OK && len == 4 ? rd32(vb) : 0;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

/* Up to max records of primary table t from id from on, by id. */
static int
list_from(struct store *st, DB_TXN *txn, enum table t, uint32_t from, size_t max,
    struct arena *ar, struct vec *out)
{
	unsigned char kb[4];
	DBC *c;
	DBT k, d;
	u_int32_t flag = DB_SET_RANGE;
	int ret, rc;

	out->size = st_tables[t].size;
	if ((ret = st->db[t]->cursor(st->db[t], txn, &c, 0)) != 0)
		return st_dbstatus(ret, st_tables[t].file);
	be32(kb, from);
	while (out->n < max) {
		st_dbt_init(&k, kb, 4);
		k.ulen = 4;
		k.flags = DB_DBT_USERMEM;
		st_dbt_init(&d, NULL, 0);
		if ((ret = c->get(c, &k, &d, flag)) != 0)
			break;
		flag = DB_NEXT;
		if (codec_decode(st_tables[t].codec, d.data, d.size,
		    st_vec_push(ar, out), ar) == -1) {
			log_err("%s: damaged record", st_tables[t].file);
			ret = EINVAL;
			break;
		}
	}
	rc = ret == 0 || ret == DB_NOTFOUND ? STORE_OK : st_dbstatus(ret, st_tables[t].file);
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, st_tables[t].file);
	return rc;
}

struct events_op {
	struct arena	*ar;
	size_t		 max;
	struct vec	 vec;
};

static int
op_events_new(struct store *st, DB_TXN *txn, void *arg)
{
	struct events_op *op = arg;
	uint32_t fanned;
	int rc;

	op->vec.n = 0;
	if ((rc = fanned_get(st, txn, 0, &fanned)) != STORE_OK)
		return rc;
	if (fanned == UINT32_MAX)
		return STORE_OK;
	return list_from(st, txn, T_EVENTS, fanned + 1, op->max, op->ar, &op->vec);
}

int
store_events_new(struct store *st, struct arena *ar, size_t max, struct event **e,
    size_t *n)
{
	struct events_op op = { .ar = ar, .max = max };
	int rc = st_txn_run(st, 0, op_events_new, &op);

	*e = rc == STORE_OK ? (struct event *)op.vec.items : NULL;
	*n = rc == STORE_OK ? op.vec.n : 0;
	return rc;
}

struct fanout_op {
	struct wctx	 w;
	uint32_t	 ev;
	struct delivery	*d;
	size_t		 n;
};

static int
op_fanout(struct store *st, DB_TXN *txn, void *arg)
{
	struct fanout_op *op = arg;
	struct events_op next = { .ar = &op->w.ar, .max = 1 };
	unsigned char vb[4];
	uint32_t fanned;
	size_t i;
	int rc;

	if ((rc = fanned_get(st, txn, 1, &fanned)) != STORE_OK)
		return rc;
	next.vec.size = sizeof(struct event);
	if ((rc = list_from(st, txn, T_EVENTS, fanned + 1, 1, &op->w.ar,
	    &next.vec)) != STORE_OK)
		return rc;
	if (next.vec.n != 1 || ((struct event *)next.vec.items)->id != op->ev)
		return STORE_CONFLICT;
	for (i = 0; i < op->n; i++) {
		struct delivery *d = &op->d[i];

		d->event = op->ev;
		d->version = 1;
		d->state = DELIVERY_PENDING;
		d->tries = 0;
		d->created_at = d->next_at = op->w.now;
		d->done_at = 0;
		d->error = (char *)"";
		if ((rc = st_next_id(st, txn, T_DELIVERIES, &d->id)) != STORE_OK ||
		    (rc = st_rec_put(st, txn, T_DELIVERIES, d->id, d)) != STORE_OK)
			return rc;
	}
	be32(vb, op->ev);
	return meta_put(st, txn, FANNED_KEY, vb, 4);
}

int
store_event_fanout(struct store *st, uint32_t ev, struct delivery *d, size_t n)
{
	struct fanout_op op = { .ev = ev, .d = d, .n = n };

	return st_write_op(st, op_fanout, &op.w, &op);
}

/* ------------------------------------------------ scheduled slots */

struct slot_op {
	struct wctx	 w;
	const char	*key;
	struct event	*e;
	size_t		 n;
	int		 yes;
};

static int
slot_key(char *buf, size_t size, const char *key)
{
	return (size_t)snprintf(buf, size, SLOT_PREFIX "%s", key) < size ? 0 : -1;
}

static int
op_slot_fired(struct store *st, DB_TXN *txn, void *arg)
{
	struct slot_op *op = arg;
	unsigned char vb[8];
	char key[128];
	size_t len;
	int rc;

	if (slot_key(key, sizeof(key), op->key) != 0)
		return STORE_INVALID;
	rc = meta_get(st, txn, key, vb, sizeof(vb), 0, &len);
	op->yes = rc == STORE_OK;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

int
store_slot_fired(struct store *st, const char *key, int *yes)
{
	struct slot_op op = { .key = key };
	int rc = st_txn_run(st, 0, op_slot_fired, &op);

	*yes = rc == STORE_OK && op.yes;
	return rc;
}

static int
op_slot_fire(struct store *st, DB_TXN *txn, void *arg)
{
	struct slot_op *op = arg;
	unsigned char vb[8];
	char key[128];
	size_t i, len;
	int rc;

	if (slot_key(key, sizeof(key), op->key) != 0)
		return STORE_INVALID;
	rc = meta_get(st, txn, key, vb, sizeof(vb), 1, &len);
	if (rc == STORE_OK)
		return STORE_CONFLICT;
	if (rc != STORE_NOTFOUND)
		return rc;
	be64(vb, op->w.now);
	if ((rc = meta_put(st, txn, key, vb, 8)) != STORE_OK)
		return rc;
	for (i = 0; i < op->n; i++)
		if ((rc = st_event_add(st, txn, &op->w, &op->e[i])) != STORE_OK)
			return rc;
	return STORE_OK;
}

int
store_slot_fire(struct store *st, const char *key, struct event *e, size_t n)
{
	struct slot_op op = { .key = key, .e = e, .n = n };

	return st_write_op(st, op_slot_fire, &op.w, &op);
}

/* ------------------------------------------------ deliveries */

int
store_delivery_get(struct store *st, struct arena *ar, uint32_t id,
    struct delivery *d)
{
	return st_get_by_id(st, ar, T_DELIVERIES, id, d);
}

struct dlist_op {
	struct arena	*ar;
	enum dstate	 state;
	int64_t		 now;
	size_t		 max;
	struct vec	 vec;
};

/* The time in a state index key (after its 4-byte state). */
static int64_t
key_time(const unsigned char *kb)
{
	return (int64_t)((uint64_t)rd32(kb + 4) << 32 | rd32(kb + 8));
}

/* Pending ones due by now, oldest first, walking the state index up;
 * the others newest first, walking it down from the next state's keys
 * (or from the very last key, when no later state has any). */
static int
op_deliveries(struct store *st, DB_TXN *txn, void *arg)
{
	struct dlist_op *op = arg;
	unsigned char kb[12], pfx[4];
	DB *sdb = st->db[T_DELIV_STATE];
	DBC *c;
	DBT k, pk, d;
	int ret, rc, pending = op->state == DELIVERY_PENDING;
	u_int32_t flag;

	op->vec.n = 0;
	op->vec.size = sizeof(struct delivery);
	be32(pfx, (uint32_t)op->state + 1);
	if ((ret = sdb->cursor(sdb, txn, &c, 0)) != 0)
		return st_dbstatus(ret, "deliveries-state.idx");
	be32(kb, (uint32_t)op->state + (pending ? 1 : 2));
	memset(kb + 4, 0, 8);
	for (flag = DB_SET_RANGE; op->vec.n < op->max; ) {
		st_dbt_init(&k, kb, 4);
		k.ulen = sizeof(kb);
		k.flags = DB_DBT_USERMEM;
		st_dbt_init(&pk, NULL, 0);
		st_dbt_init(&d, NULL, 0);
		ret = c->pget(c, &k, &pk, &d, flag);
		if (!pending && flag == DB_SET_RANGE) {
			flag = ret == DB_NOTFOUND ? DB_LAST : DB_PREV;
			if (ret != 0 && ret != DB_NOTFOUND)
				break;
			continue;
		}
		if (!pending && flag == DB_LAST)
			flag = DB_PREV;
		else if (pending)
			flag = DB_NEXT;
		if (ret != 0)
			break;
		if (k.size != 12 || memcmp(kb, pfx, 4) != 0 ||
		    (pending && key_time(kb) > op->now))
			break;
		if (codec_decode(&store_codec_delivery, d.data, d.size,
		    st_vec_push(op->ar, &op->vec), op->ar) == -1) {
			ret = EINVAL;
			break;
		}
	}
	rc = ret == 0 || ret == DB_NOTFOUND ? STORE_OK :
	    st_dbstatus(ret, "deliveries-state.idx");
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, "deliveries-state.idx");
	return rc;
}

int
store_deliveries(struct store *st, struct arena *ar, enum dstate state, int64_t now,
    size_t max, struct delivery **d, size_t *n)
{
	struct dlist_op op = { .ar = ar, .state = state, .now = now, .max = max };
	int rc = st_txn_run(st, 0, op_deliveries, &op);

	*d = rc == STORE_OK ? (struct delivery *)op.vec.items : NULL;
	*n = rc == STORE_OK ? op.vec.n : 0;
	return rc;
}

struct tried_op {
	struct wctx	 w;
	uint32_t	 id;
	const char	*error;
	int64_t		 next_at;
	int		 resend;
};

static int
op_tried(struct store *st, DB_TXN *txn, void *arg)
{
	struct tried_op *op = arg;
	struct delivery d;
	int rc;

	if ((rc = st_load_actor(st, txn, &op->w)) != STORE_OK ||
	    (rc = st_rec_get(st, txn, T_DELIVERIES, op->id, &d, &op->w.ar, 1)) != STORE_OK)
		return rc;
	if (op->resend) {
		if (op->w.actor != STORE_SYSTEM && !st_is_admin(&op->w))
			return STORE_FORBIDDEN;
		if (d.state != DELIVERY_DEAD)
			return STORE_CONFLICT;
		d.state = DELIVERY_PENDING;
		d.tries = 0;
		d.next_at = op->w.now;
		d.done_at = 0;
	} else if (d.state != DELIVERY_PENDING) {
		return STORE_CONFLICT;
	} else if (op->error == NULL) {
		d.state = DELIVERY_SENT;
		d.done_at = op->w.now;
		d.error = (char *)"";
	} else {
		d.tries++;
		d.error = (char *)op->error;
		if (op->next_at == 0) {
			d.state = DELIVERY_DEAD;
			d.done_at = op->w.now;
		} else
			d.next_at = op->next_at;
	}
	d.version++;
	return st_rec_put(st, txn, T_DELIVERIES, d.id, &d);
}

int
store_delivery_tried(struct store *st, uint32_t id, const char *error,
    int64_t next_at)
{
	struct tried_op op = { .id = id, .next_at = next_at };
	char buf[300];

	/* The reason is one line of text a page can show. */
	if (error != NULL) {
		size_t n = strcspn(error, "\r\n");

		n = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
		memcpy(buf, error, n);
		buf[n] = '\0';
		op.error = render_text_valid(buf, n) == n ? buf : "error";
	}
	return st_write_op(st, op_tried, &op.w, &op);
}

int
store_delivery_resend(struct store *st, uint32_t actor, uint32_t id)
{
	struct tried_op op = { .w = { .actor = actor }, .id = id, .resend = 1 };

	return st_write_op(st, op_tried, &op.w, &op);
}

struct prune_op {
	struct wctx	 w;
	int64_t		 before;
	size_t		 n;
};

/* Sent deliveries done before `before` (the oldest first, on the state
 * index), then events fanned out before it that have none left. */
static int
op_prune(struct store *st, DB_TXN *txn, void *arg)
{
	struct prune_op *op = arg;
	unsigned char kb[12], pfx[4];
	DB *sdb = st->db[T_DELIV_STATE];
	struct vec ev = { 0 };
	uint32_t fanned;
	DBC *c;
	DBT k, pk, d;
	size_t i, gone = 0;
	int ret, rc;

	op->n = 0;
	be32(pfx, DELIVERY_SENT + 1);
	if ((ret = sdb->cursor(sdb, txn, &c, 0)) != 0)
		return st_dbstatus(ret, "deliveries-state.idx");
	memcpy(kb, pfx, 4);
	memset(kb + 4, 0, 8);
	for (ret = 0; op->n < PRUNE_MAX; ) {
		st_dbt_init(&k, kb, 4);
		k.ulen = sizeof(kb);
		k.flags = DB_DBT_USERMEM;
		st_dbt_init(&pk, NULL, 0);
		st_dbt_init(&d, NULL, 0);
		if ((ret = c->pget(c, &k, &pk, &d, op->n == 0 && gone == 0 ?
		    DB_SET_RANGE : DB_NEXT)) != 0)
			break;
		gone = 1;
		if (k.size != 12 || memcmp(kb, pfx, 4) != 0 ||
		    key_time(kb) >= op->before)
			break;
		/* Deleting through the index deletes the record too. */
		if ((ret = c->del(c, 0)) != 0)
			break;
		op->n++;
	}
	rc = ret == 0 || ret == DB_NOTFOUND ? STORE_OK : st_dbstatus(ret, "prune");
	if ((ret = c->close(c)) != 0 && rc == STORE_OK)
		rc = st_dbstatus(ret, "prune");
	if (rc != STORE_OK)
		return rc;
	/* The oldest events, fanned out before it and left without
	 * deliveries. */
	if ((rc = fanned_get(st, txn, 0, &fanned)) != STORE_OK ||
	    (rc = list_from(st, txn, T_EVENTS, 1, PRUNE_MAX, &op->w.ar, &ev)) != STORE_OK)
		return rc;
	for (i = 0; i < ev.n; i++) {
		struct event *e = (struct event *)ev.items + i;
		unsigned char ek[4];

		if (e->id > fanned || e->at >= op->before)
			break;
		be32(ek, e->id);
		st_dbt_init(&k, ek, 4);
		st_dbt_init(&d, NULL, 0);
		d.flags = DB_DBT_PARTIAL;
		rc = st_dbstatus(st->db[T_DELIV_EVENT]->get(st->db[T_DELIV_EVENT], txn,
		    &k, &d, 0), "deliveries-event.idx");
		if (rc == STORE_OK)
			continue;
		if (rc != STORE_NOTFOUND)
			return rc;
		st_dbt_init(&k, ek, 4);
		if ((rc = st_dbstatus(st->db[T_EVENTS]->del(st->db[T_EVENTS], txn, &k, 0),
		    "events")) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_deliveries_prune(struct store *st, int64_t before, size_t *n)
{
	struct prune_op op = { .before = before };
	int rc = st_write_op(st, op_prune, &op.w, &op);

	*n = rc == STORE_OK ? op.n : 0;
	return rc;
}
