/* cards.c: rendered objective cards, shared by every worker (see cards.h).
 *
 * The file: a header page, a table of slots, then the ring.  Workers map
 * the header and the slots; the ring they read and write with pread and
 * pwrite, so its megabytes stay in the kernel's page cache, once, not in
 * every worker's resident memory.  Every card
 * ever kept has a position, the count of ring bytes reserved before it;
 * its bytes lie at position % ring.  The header's reserve is the end of
 * the last reservation, stored before the bytes are written: a card at
 * pos is intact as long as reserve <= pos + ring.  A name's hash picks a
 * set of WAYS slots; a card takes the slot of its name, else a free one,
 * else the oldest card's (one slot a name would lose cards to names that
 * share it, and a page that shows both would render one of them every
 * time).  A torn slot or a card overwritten while it was read fails the
 * checks and is a miss, never wrong bytes. */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlmemory.h>

#include "cards.h"
#include "log.h"
#include "render.h"

#define MAGIC		0x3153445241434d42ull	/* "BMCARDS1" */
#define HDR_SIZE	4096
#define SLOT_BYTES	1024		/* a slot per KB of ring (a card is
					 * some KB) */
#define WAYS		4		/* slots a name may take */

struct hdr {
	uint64_t	magic;
	uint64_t	size;		/* of the whole file */
	uint64_t	nslots;
	uint64_t	ring;		/* bytes */
	uint64_t	reserve;	/* ring bytes ever reserved */
};

struct slot {
	uint64_t	hash;
	uint64_t	pos;
	uint64_t	len;
};

/* A card in the ring: this, its key, its HTML. */
struct ent {
	uint64_t	hash;
	uint64_t	pos;
	uint32_t	len;
	uint32_t	klen;
};

static int fd = -1;
static unsigned char *map;	/* the header and the slots */
static size_t maplen;
static struct hdr *hdr;
static struct slot *slots;
static off_t ring;		/* where the ring starts in the file */

static const char *
path_of(const char *socket_dir, char *buf, size_t size, const char *suffix)
{
	if ((size_t)snprintf(buf, size, "%s/cards%s", socket_dir, suffix) >= size)
		return NULL;
	return buf;
}

int
cards_create(const char *socket_dir, int mb)
{
	char path[600], tmp[600];
	uint64_t size = (uint64_t)mb << 20, nslots;
	struct hdr *h;
	int f;

	if (path_of(socket_dir, path, sizeof(path), "") == NULL ||
	    path_of(socket_dir, tmp, sizeof(tmp), ".new") == NULL)
		return -1;
	if (mb <= 0)
		return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	/* Made aside and renamed: workers of an earlier start that still map
	 * the old file keep a file of their own until they go. */
	nslots = (size - HDR_SIZE) / (SLOT_BYTES + sizeof(struct slot)) / WAYS * WAYS;
	if ((f = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) == -1 ||
	    ftruncate(f, (off_t)size) == -1 ||
	    (h = mmap(NULL, HDR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0)) ==
	    MAP_FAILED) {
		log_err("%s: %s (cards are not kept)", tmp, strerror(errno));
		if (f != -1)
			close(f);
		unlink(tmp);
		return -1;
	}
	h->size = size;
	h->nslots = nslots;
	h->ring = size - HDR_SIZE - nslots * sizeof(struct slot);
	h->reserve = 0;
	h->magic = MAGIC;
	munmap(h, HDR_SIZE);
	close(f);
	if (rename(tmp, path) == -1) {
		log_err("%s: %s (cards are not kept)", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
cards_open(const char *socket_dir)
{
	char path[600];
	struct stat sb;
	void *m;

	struct hdr h;

	if (map != NULL)
		munmap(map, maplen);
	if (fd != -1)
		close(fd);
	map = NULL;
	fd = -1;
	if (path_of(socket_dir, path, sizeof(path), "") == NULL ||
	    (fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    h.magic != MAGIC || h.size != (uint64_t)sb.st_size || h.nslots < WAYS ||
	    h.nslots % WAYS != 0 || h.nslots > h.size / sizeof(struct slot) ||
	    HDR_SIZE + h.nslots * sizeof(struct slot) + h.ring != h.size) {
		log_err("%s: not a card file (cards are not kept)", path);
		close(fd);
		fd = -1;
		return -1;
	}
	maplen = HDR_SIZE + h.nslots * sizeof(struct slot);
	if ((m = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) ==
	    MAP_FAILED) {
		close(fd);
		fd = -1;
		return -1;
	}
	map = m;
	hdr = m;
	slots = (struct slot *)(map + HDR_SIZE);
	ring = (off_t)maplen;
	return 0;
}

int
cards_on(void)
{
	return map != NULL;
}

/* The first of the WAYS slots of hash. */
static struct slot *
set_of(uint64_t hash)
{
	return &slots[hash % (hdr->nslots / WAYS) * WAYS];
}

/* The ring bytes a card takes: its head, key and HTML, 8-aligned. */
static uint64_t
need_of(size_t klen, size_t n)
{
	return (sizeof(struct ent) + klen + n + 7) & ~(uint64_t)7;
}

char *
cards_get(const char *key, size_t *len)
{
	uint64_t hash, pos, n, off, klen = strlen(key);
	struct slot *s;
	struct ent e;
	char *out;
	int i;

	if (map == NULL)
		return NULL;
	hash = render_digest(key, klen);
	for (s = set_of(hash), i = 0; i < WAYS; i++, s++)
		if (__atomic_load_n(&s->hash, __ATOMIC_ACQUIRE) == hash)
			break;
	if (i == WAYS)
		return NULL;
	pos = __atomic_load_n(&s->pos, __ATOMIC_ACQUIRE);
	n = __atomic_load_n(&s->len, __ATOMIC_ACQUIRE);
	/* A slot torn by a writer, or a card already overwritten: checked
	 * before any byte is read, so nothing outside the ring is. */
	off = pos % hdr->ring;
	if (n > hdr->ring || off + need_of(klen, n) > hdr->ring ||
	    __atomic_load_n(&hdr->reserve, __ATOMIC_ACQUIRE) > pos + hdr->ring)
		return NULL;
	/* Head, key and HTML in one read, then the HTML moved to the front. */
	if ((out = xmlMalloc(sizeof(e) + klen + n + 1)) == NULL)
		return NULL;
	if (pread(fd, out, sizeof(e) + klen + n, ring + (off_t)off) !=
	    (ssize_t)(sizeof(e) + klen + n)) {
		xmlFree(out);
		return NULL;
	}
	memcpy(&e, out, sizeof(e));
	if (e.hash != hash || e.pos != pos || e.len != n || e.klen != klen ||
	    memcmp(out + sizeof(e), key, klen) != 0) {
		xmlFree(out);
		return NULL;
	}
	memmove(out, out + sizeof(e) + klen, n);
	out[n] = '\0';
	/* The copy counts only if no writer reserved these bytes meanwhile. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (__atomic_load_n(&hdr->reserve, __ATOMIC_ACQUIRE) > pos + hdr->ring) {
		xmlFree(out);
		return NULL;
	}
	*len = n;
	return out;
}

/* The cards of one page, kept together (cards_begin()): each entry as it
 * will lie in the ring, head, key, HTML and padding, its head's pos set
 * when the batch is written. */
static struct {
	int		 on;
	unsigned char	*buf;
	size_t		 len, cap;
	size_t		 last;	/* the length of the last page's: the next starts with room for it */
} batch;

/* Its slot names the entry at pos: its own, else a free one, else the
 * oldest card's. */
static void
slot_set(uint64_t hash, uint64_t pos, uint64_t n)
{
	struct slot *set = set_of(hash), *s = set;
	int i;

	for (i = 0; i < WAYS; i++)
		if (set[i].hash == hash) {
			s = &set[i];
			break;
		} else if (s->hash != 0 && (set[i].hash == 0 || set[i].pos < s->pos))
			s = &set[i];
	__atomic_store_n(&s->hash, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&s->pos, pos, __ATOMIC_RELEASE);
	__atomic_store_n(&s->len, n, __ATOMIC_RELEASE);
	__atomic_store_n(&s->hash, hash, __ATOMIC_RELEASE);
}

/* Writes the batch's entries at the ring's end, one write for each run
 * that does not cross the ring's end, under one lock.  Positions are
 * reserved before any byte is written: a reader of a card these bytes
 * held sees the reservation and drops its copy. */
static void
batch_write(void)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 1 };
	uint64_t pos, need, run_pos = 0;
	size_t off, run = 0;
	struct ent e;
	int ok = 1;

	if (batch.len == 0)
		return;
	while (fcntl(fd, F_SETLKW, &lk) == -1)
		if (errno != EINTR)
			goto out;
	pos = hdr->reserve;
	for (off = 0; off < batch.len; off += need) {
		memcpy(&e, batch.buf + off, sizeof(e));
		need = need_of(e.klen, e.len);
		if (pos % hdr->ring + need > hdr->ring)
			pos += hdr->ring - pos % hdr->ring;
		e.pos = pos;
		memcpy(batch.buf + off, &e, sizeof(e));
		pos += need;
	}
	__atomic_store_n(&hdr->reserve, pos, __ATOMIC_SEQ_CST);
	/* Runs of entries that lie one after the other in the ring. */
	for (off = 0; off <= batch.len; off += need) {
		need = 0;
		if (off < batch.len) {
			memcpy(&e, batch.buf + off, sizeof(e));
			need = need_of(e.klen, e.len);
			if (off > run && e.pos == run_pos + (off - run))
				continue;
		}
		/* Not all written (no room left on its file system): no
		 * slot names those cards, later ones take their place. */
		if (off > run && pwrite(fd, batch.buf + run, off - run,
		    ring + (off_t)(run_pos % hdr->ring)) != (ssize_t)(off - run))
			ok = 0;
		run = off;
		run_pos = e.pos;
		if (off == batch.len)
			break;
	}
	for (off = 0; ok && off < batch.len; off += need_of(e.klen, e.len)) {
		memcpy(&e, batch.buf + off, sizeof(e));
		slot_set(e.hash, e.pos, e.len);
	}
	lk.l_type = F_UNLCK;
	fcntl(fd, F_SETLK, &lk);
out:
	batch.last = batch.len;
	batch.len = 0;
}

/* Appends one entry to the batch. */
static void
batch_add(const char *key, size_t klen, const char *html, size_t n)
{
	size_t need = need_of(klen, n);
	struct ent e = { .hash = render_digest(key, klen), .len = (uint32_t)n,
	    .klen = (uint32_t)klen };
	unsigned char *p;

	if (batch.len + need > batch.cap) {
		size_t cap = batch.cap ? batch.cap : batch.last + batch.last / 8 + 64 * 1024;

		while (cap < batch.len + need)
			cap *= 2;
		if ((p = realloc(batch.buf, cap)) == NULL)
			return;		/* not kept: a later render keeps it */
		batch.buf = p;
		batch.cap = cap;
	}
	p = batch.buf + batch.len;
	memcpy(p, &e, sizeof(e));
	memcpy(p + sizeof(e), key, klen);
	if (n > 0)
		memcpy(p + sizeof(e) + klen, html, n);
	memset(p + sizeof(e) + klen + n, 0, need - sizeof(e) - klen - n);
	batch.len += need;
}

void
cards_put(const char *key, size_t name, const char *html, size_t n)
{
	size_t klen = strlen(key);

	if (map == NULL || need_of(klen, n) > hdr->ring / 8)
		return;
	batch_add(key, klen, html, n);
	/* The name's mark, after the card: the ring drops the card first. */
	if (name > 0 && name < klen)
		batch_add(key, name, "", 0);
	/* Alone, or a batch as large as a card may be: written now. */
	if (!batch.on || batch.len > hdr->ring / 8)
		batch_write();
}

void
cards_begin(void)
{
	batch.on = map != NULL;
}

void
cards_end(void)
{
	if (batch.on)
		batch_write();
	batch.on = 0;
	/* No page's buffer outlives its request: a worker's memory follows
	 * what it serves (req.c trims the heap). */
	free(batch.buf);
	batch.buf = NULL;
	batch.cap = 0;
}

int
cards_has(const char *key)
{
	uint64_t hash;
	struct slot *s;
	int i;

	if (map == NULL)
		return 0;
	hash = render_digest(key, strlen(key));
	for (s = set_of(hash), i = 0; i < WAYS; i++, s++)
		if (__atomic_load_n(&s->hash, __ATOMIC_ACQUIRE) == hash)
			return __atomic_load_n(&hdr->reserve, __ATOMIC_ACQUIRE) <=
			    __atomic_load_n(&s->pos, __ATOMIC_ACQUIRE) + hdr->ring;
	return 0;
}
