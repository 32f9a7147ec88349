/* codec.c: tagged record encoding (see codec.h).
 *
 * Layout: 'M', version, record type, then per field: tag, length (2 bytes
 * big-endian), value.  Numbers are big-endian so that the bytes are the
 * same on every machine. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "codec.h"

#define HDR	3

static void
put_be(unsigned char *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = v & 0xff;
		v >>= 8;
	}
}

static uint64_t
get_be(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 8) | *p++;
	return v;
}

static const int fsize[FT__MAX] = { 4, 4, 8, 8, -1 };

size_t
codec_encode(const struct codec *c, const void *rec, unsigned char *buf)
{
	const char *base = rec;
	size_t i, len = HDR, n;
	uint64_t bits;
	double d;

	buf[0] = 'M';
	buf[1] = CODEC_VERSION;
	buf[2] = c->rtype;
	for (i = 0; i < c->nfields; i++) {
		const struct field *f = &c->fields[i];
		const void *p = base + f->off;
		const char *s;

		switch (f->type) {
		case FT_U32:
			bits = *(const uint32_t *)p;
			break;
		case FT_I32:
			bits = (uint32_t)*(const int32_t *)p;
			break;
		case FT_I64:
			bits = (uint64_t)*(const int64_t *)p;
			break;
		case FT_DBL:
			d = *(const double *)p;
			memcpy(&bits, &d, sizeof(bits));
			break;
		case FT_STR:
			s = *(char *const *)p;
			if (s == NULL)
				continue;	/* absent reads back as NULL */
			n = strlen(s);
			if (n > 0xffff || len + 3 + n > CODEC_MAXREC)
				return 0;
			buf[len] = f->tag;
			put_be(buf + len + 1, n, 2);
			memcpy(buf + len + 3, s, n);
			len += 3 + n;
			continue;
		default:
			return 0;
		}
		buf[len] = f->tag;
		put_be(buf + len + 1, (uint64_t)fsize[f->type], 2);
		put_be(buf + len + 3, bits, fsize[f->type]);
		len += 3 + (size_t)fsize[f->type];
	}
	return len;
}

/* Stores a field's raw big-endian value into the record; -1 for a
 * double that is NaN (never written by codec_encode). */
static int
store_bits(const struct field *f, char *base, uint64_t bits)
{
	void *p = base + f->off;
	double d;

	switch (f->type) {
	case FT_U32:
		*(uint32_t *)p = (uint32_t)bits;
		break;
	case FT_I32:
		*(int32_t *)p = (int32_t)(uint32_t)bits;
		break;
	case FT_I64:
		*(int64_t *)p = (int64_t)bits;
		break;
	case FT_DBL:
		memcpy(&d, &bits, sizeof(d));
		if (isnan(d))
			return -1;
		*(double *)p = d;
		break;
	default:
		*(char **)p = NULL;
		break;
	}
	return 0;
}

/* The default of a field as raw bits, for store_bits(). */
static uint64_t
default_bits(const struct field *f)
{
	uint64_t bits;

	if (f->type == FT_DBL) {
		memcpy(&bits, &f->def, sizeof(bits));
		return bits;
	}
	return (uint64_t)(int64_t)f->def;
}

int
codec_decode(const struct codec *c, const void *data, size_t len, void *rec,
    struct arena *ar)
{
	const unsigned char *p = data, *end = p + len;
	char *base = rec;
	size_t i, j = 0, n;

	if (len < HDR || p[0] != 'M' || p[1] > CODEC_VERSION || p[2] != c->rtype)
		return -1;
	for (i = 0; i < c->nfields; i++)
		store_bits(&c->fields[i], base, default_bits(&c->fields[i]));
	for (p += HDR; p < end; p += 3 + n) {
		const struct field *f = NULL;

		if (end - p < 3)
			return -1;
		n = get_be(p + 1, 2);
		if ((size_t)(end - p) - 3 < n)
			return -1;
		/* Fields come in the codec's order (codec_encode()): the one
		 * after the last found is looked at first. */
		for (i = 0; i < c->nfields && f == NULL; i++) {
			if (c->fields[j].tag == p[0])
				f = &c->fields[j];
			j = j + 1 < c->nfields ? j + 1 : 0;
		}
		if (f == NULL)
			continue;	/* written by a newer build: skip */
		if (f->type == FT_STR) {
			if (memchr(p + 3, '\0', n) != NULL)
				return -1;
			if (ar != NULL)
				*(char **)(base + f->off) =
				    arena_strndup(ar, (const char *)p + 3, n);
			continue;
		}
		if (n != (size_t)fsize[f->type])
			return -1;
		if (store_bits(f, base, get_be(p + 3, fsize[f->type])) == -1)
			return -1;
	}
	return 0;
}
