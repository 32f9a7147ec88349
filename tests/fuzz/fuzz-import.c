/* fuzz-import.c: libFuzzer harness for the XML import's front half:
 * xmlio_parse() (no DTD, no entities, no network) and validation against
 * xslt/mubiao.rng (found from MUBIAO_RNG, else ./xslt/mubiao.rng).  What
 * the store then does with a valid document is tested by t0800. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "arena.h"
#include "xmlio.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *rng;
	struct arena ar;
	const char *err = NULL;
	xmlDocPtr doc;

	if (rng == NULL && (rng = getenv("MUBIAO_RNG")) == NULL)
		rng = "xslt/mubiao.rng";
	arena_init(&ar);
	if ((doc = xmlio_parse((const char *)data, size, 0, &ar, &err)) != NULL) {
		if (xmlio_validate(doc, rng, &ar, &err) != 0 && err == NULL)
			abort();	/* a refusal always says why */
		xmlFreeDoc(doc);
	} else if (err == NULL && size > 0)
		abort();
	arena_free(&ar);
	return 0;
}
