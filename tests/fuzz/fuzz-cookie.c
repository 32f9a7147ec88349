/* fuzz-cookie.c: libFuzzer harness for the language negotiation: the
 * Cookie header (lang=...) and Accept-Language, as a client sends them.
 * The input is split at the first NUL byte: cookie, then accept. */
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
	char *buf, *accept;
	enum lang l;

	if (size > 8192 || (buf = malloc(size + 2)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	accept = buf + strlen(buf) + 1;
	if (accept > buf + size)
		accept = buf + size;
	l = req_negotiate(buf, accept);
	if ((int)l < 0 || l >= LANG__MAX)
		abort();
	l = req_negotiate(NULL, buf);
	if ((int)l < 0 || l >= LANG__MAX)
		abort();
	free(buf);
	return 0;
}
