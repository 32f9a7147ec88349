/* fuzz-query.c: libFuzzer harness for the query-string and form parser
 * (req_parse_query(): percent-decoding, UTF-8 and per-key validation,
 * repeated keys).  The input is the raw query or body; every key is
 * allowed, so every validator is reached. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct req r;
	char *q;
	size_t i, k;

	if (size > REQ_MAXBODY)
		return 0;
	if ((q = malloc(size + 1)) == NULL)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	memset(&r, 0, sizeof(r));
	arena_init(&r.ar);
	if (req_parse_query(&r, q, ~0ull) == 0) {
		/* What validated is what handlers read: touch all of it. */
		for (k = 0; k < KEY__MAX; k++) {
			if (r.val[k] != NULL && strlen(r.val[k]) > REQ_MAXBODY)
				abort();
			for (i = 0; i < r.nmulti[k]; i++)
				if (r.multi[k][i] == NULL)
					abort();
		}
	}
	arena_free(&r.ar);
	free(q);
	return 0;
}
