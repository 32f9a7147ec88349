/* codec.h: the on-disk record encoding.
 *
 * A record is a header ('M', format version, record type) followed by
 * tagged fields: tag byte, 2-byte big-endian length, value.  Fields a reader does not know are
 * skipped and fields a record lacks take their defaults, so a record written
 * by an older or newer build still reads: the schema evolves without a
 * dump and reload.  Each record type is described by a table of fields. */
#ifndef MUBIAO_CODEC_H
#define MUBIAO_CODEC_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define CODEC_VERSION	1	/* bumped when the header itself changes */
#define CODEC_MAXREC	65536	/* largest encoded record */

enum ftype {
	FT_U32,		/* 4 bytes big-endian */
	FT_I32,		/* 4 bytes big-endian, two's complement */
	FT_I64,		/* 8 bytes big-endian, two's complement */
	FT_DBL,		/* 8 bytes, IEEE 754 bits big-endian */
	FT_STR,		/* UTF-8, no NUL; the record fits in CODEC_MAXREC */
	FT__MAX
};

/* How a field reads in the history of changes (FMT_NONE: not recorded). */
enum ffmt { FMT_NONE, FMT_PLAIN, FMT_DATE, FMT_ENUM, FMT_PERSON, FMT_KR };

struct field {
	uint8_t		 tag;	/* never reused once shipped */
	enum ftype	 type;
	size_t		 off;	/* offsetof() in the record struct */
	double		 def;	/* default for a number missing from a record */
	const char	*name;	/* in the history, with fmt */
	enum ffmt	 fmt;
	const char *const *enames; /* an enumeration's names (XML, history) */
	int		 nenames;	/* how many */
	const char	*xml;		/* the member's name: the XML attribute or
					 * element, '_' read as '-' */
};

struct codec {
	uint8_t			 rtype;	/* record type byte in the header */
	const struct field	*fields;
	size_t			 nfields;
};

/* Encodes rec into buf (size CODEC_MAXREC); returns the length, or 0 when a
 * string is too long to encode. */
size_t	codec_encode(const struct codec *, const void *rec, unsigned char *buf);
/* Decodes into rec (defaults first).  Strings are copied into ar; with ar
 * NULL they are left NULL (index callbacks need only the numbers).
 * Returns 0, or -1 for a damaged record or a header from a newer build. */
int	codec_decode(const struct codec *, const void *data, size_t len,
	    void *rec, struct arena *ar);

#endif
