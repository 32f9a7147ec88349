/* render.c: the one output path (see render.h).  Stylesheets are compiled
 * on first use and kept for the life of the process; the transform runs
 * with libxslt's security preferences forbidding file writes and network
 * access, and documents it reads are parsed without network. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/parserInternals.h>	/* xmlStringTextNoenc */
#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/imports.h>
#include <libxslt/transform.h>
#include <libxslt/security.h>
#include <libxslt/xsltutils.h>
#include <libxslt/extensions.h>

#include "cards.h"
#include "csrf.h"
#include "html.h"
#include "log.h"
#include "okr.h"
#include "pcache.h"
#include "render.h"
#include "req.h"
#include "store.h"

#define MAX_SHEETS	32

static struct sheet {
	char			 name[32];
	xsltStylesheetPtr	 xsl;
} sheets[MAX_SHEETS];
static size_t nsheets;
static char xslt_dir[512];
static xsltSecurityPrefsPtr prefs;

/* The namespace of the functions render.c gives the sheets. */
#define MB_NS	BAD_CAST "urn:mubiao:render"

/* A 128-bit digest (two 64-bit lanes, 8 bytes a step): names a card by
 * what it is made of, where a collision would show one card in place of
 * another, and a page digests every byte of its objectives. */
typedef render_sum h128;
#define H128_INIT	(((h128)0x6c62272e07bb0142ull << 64) | 0x62b821756295c58dull)

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static h128
h128_add(h128 h, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t a = (uint64_t)(h >> 64), b = (uint64_t)h, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		a = rotl64((a ^ w) * 0x9e3779b97f4a7c15ull, 29);
		b = rotl64((b + w) * 0xc2b2ae3d27d4eb4full, 31) ^ a;
	}
	w = (uint64_t)n << 56;
	memcpy(&w, p, n);
	a = rotl64((a ^ w) * 0x9e3779b97f4a7c15ull, 29);
	b = rotl64((b + w) * 0xc2b2ae3d27d4eb4full, 31) ^ a;
	return (h128)a << 64 | b;
}

/* The digest of what was added: every bit of it reaches both lanes. */
static h128
h128_end(h128 h)
{
	uint64_t a = (uint64_t)(h >> 64), b = (uint64_t)h;

	a ^= b >> 33;
	a *= 0xff51afd7ed558ccdull;
	b ^= a >> 29;
	b *= 0xc4ceb9fe1a85ec53ull;
	a ^= b >> 32;
	return (h128)a << 64 | b;
}

/* A string and its end (no name or value holds a NUL). */
static h128
h128_str(h128 h, const void *s)
{
	return h128_add(h, s, strlen(s) + 1);
}

render_sum
render_sum_add(render_sum h, const void *p, size_t n)
{
	return h128_add(h, p, n);
}

render_sum
render_sum_str(render_sum h, const char *s)
{
	return h128_str(h, s != NULL ? s : "");
}

/* The stylesheets and catalogs themselves: a card made by other sheets
 * (an upgrade) has another name. */
static h128 sheets_rev;

static void
sheets_digest(void)
{
	static const char *const sub[] = { "", "/i18n" };
	char path[1200], buf[8192];
	struct dirent *e;
	size_t i;
	ssize_t n;
	DIR *d;
	int f;

	sheets_rev = H128_INIT;
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", xslt_dir, sub[i]);
		if ((d = opendir(path)) == NULL)
			continue;
		/* Each file's digest, combined in no particular order. */
		while ((e = readdir(d)) != NULL) {
			h128 h;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s%s/%s", xslt_dir, sub[i], e->d_name);
			if ((f = open(path, O_RDONLY | O_CLOEXEC)) == -1)
				continue;
			h = h128_str(H128_INIT, e->d_name);
			while ((n = read(f, buf, sizeof(buf))) > 0)
				h = h128_add(h, buf, (size_t)n);
			close(f);
			sheets_rev ^= h128_end(h);
		}
		closedir(d);
	}
}

/* Cards in this render: looked up and kept (on), or each made and kept
 * as on a first render (cold, the bench's), or none (off: the page
 * rendered whole, for the test that compares both); lost (test builds):
 * left out of the page as on, then never found, as when the ring has
 * dropped them meanwhile. */
static struct {
	enum { CARDS_ON, CARDS_OFF, CARDS_COLD, CARDS_LOST } mode;
	unsigned	 hit, made;
	int		 shown;		/* a page's render: the test header */
	int		 again;		/* a card left out is not kept */
} cardst;

/* The page whose cards render_card_named() named, and the context it
 * named them in; forgotten with each request's first page. */
static struct {
	xmlDocPtr	 doc;
	h128		 ctx;
	int		 mode;		/* cards_mode() */
	int		 ok;		/* page_context() allowed names */
	int		 n;		/* cards named */
} named;

/* The cards of r's render: on, unless none are kept or (test builds) the
 * request asks for its page whole, cold, or as its document. */
static int
cards_mode(struct req *r)
{
#ifdef MUBIAO_TEST
	const char *h;
#endif

	if (!cards_on())
		return CARDS_OFF;
#ifdef MUBIAO_TEST
	/* The test of cards against whole pages, and the bench's cold
	 * render; a page's document is answered as built, every card in it. */
	if (FCGX_GetParam("HTTP_X_MUBIAO_DOC", r->fcgi.envp) != NULL)
		return CARDS_OFF;
	if ((h = FCGX_GetParam("HTTP_X_MUBIAO_CARDS", r->fcgi.envp)) != NULL)
		return strcmp(h, "off") == 0 ? CARDS_OFF : strcmp(h, "cold") == 0 ?
		    CARDS_COLD : strcmp(h, "lost") == 0 ? CARDS_LOST : CARDS_ON;
#else
	(void)r;
#endif
	return CARDS_ON;
}

/* The one string argument of a function the sheets call; NULL (and the
 * transform stops) when it was called with another number. */
static xmlChar *
one_arg(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return NULL;
	}
	return xmlXPathPopString(ctxt);
}

/* card(key) in the sheets (xmlns:mb="urn:mubiao:render"): whether HTML
 * is kept for the card named key; <mb:card-html/> then writes it. */
static xmlChar *card_html;

static void
xp_card(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *key, *p;
	size_t n;

	if ((key = one_arg(ctxt, nargs)) == NULL)
		return;
	xmlFree(card_html);
	card_html = NULL;
	/* A name is made by render.c and the sheet of digits, letters and
	 * dashes; anything else is not looked for. */
	for (p = key; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z') || *p == '-'; p++)
		;
	if (cardst.mode == CARDS_ON && *p == '\0' && p - key < 200 &&
	    (card_html = (xmlChar *)cards_get((const char *)key, &n)) != NULL)
		cardst.hit++;
	xmlFree(key);
	/* A card left out of the page (render_card_named()) and not kept
	 * anymore: the page is built again, whole; this render stops. */
	if (card_html == NULL && ctxt->context->node != NULL &&
	    ctxt->context->node->type == XML_ELEMENT_NODE &&
	    xmlHasProp(ctxt->context->node, BAD_CAST "stub")) {
		cardst.again = 1;
		xsltXPathGetTransformContext(ctxt)->state = XSLT_STATE_STOPPED;
	}
	valuePush(ctxt, xmlXPathNewBoolean(card_html != NULL));
}

/* <mb:card-html/>: the HTML card() found, as it is, where the element
 * stands; no copy on the way (a string value would be copied twice). */
static void
xe_card_html(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    xsltElemPreCompPtr comp)
{
	xmlNodePtr t;

	(void)node;
	(void)inst;
	(void)comp;
	if (card_html == NULL || ctxt->insert == NULL || (t = xmlNewText(NULL)) == NULL)
		return;
	/* Written raw by html_dump, as disable-output-escaping would. */
	t->content = card_html;
	t->name = xmlStringTextNoenc;
	card_html = NULL;
	t->doc = ctxt->insert->doc;
	t->parent = ctxt->insert;
	/* Linked by hand: xmlAddChild would merge it into a text before it. */
	if (ctxt->insert->last == NULL)
		ctxt->insert->children = t;
	else {
		ctxt->insert->last->next = t;
		t->prev = ctxt->insert->last;
	}
	ctxt->insert->last = t;
}

/* The message catalogs (xslt/i18n/LANG.xml), read once per process and
 * looked up by t(key) and has(key) in the sheets: parsing a catalog and
 * indexing it for key() in every transform cost a fifth of a page. */
#define CAT_SLOTS	4096

static struct catalog {
	struct msg {
		const xmlChar	*k;
		xmlChar		*text;
	} slots[CAT_SLOTS];
} catalogs[LANG__MAX];
static enum lang cat_lang;	/* of the transform running */

static struct msg *
cat_slot(struct catalog *c, const xmlChar *k)
{
	size_t i = (size_t)render_digest(k, (size_t)xmlStrlen(k)) % CAT_SLOTS, n;

	for (n = 0; n < CAT_SLOTS; n++, i = (i + 1) % CAT_SLOTS)
		if (c->slots[i].k == NULL || xmlStrEqual(c->slots[i].k, k))
			return &c->slots[i];
	return NULL;
}

static int
cat_load(enum lang l)
{
	struct catalog *c = &catalogs[l];
	char path[600];
	xmlDocPtr doc;
	xmlNodePtr root, m;
	struct msg *slot;
	xmlChar *k;

	snprintf(path, sizeof(path), "%s/i18n/%s.xml", xslt_dir, req_lang_names[l]);
	if ((doc = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL ||
	    (root = xmlDocGetRootElement(doc)) == NULL) {
		log_err("%s: cannot read the catalog", path);
		xmlFreeDoc(doc);
		return -1;
	}
	/* The first message of a key counts, as key(...)[1] did. */
	for (m = root->children; m != NULL; m = m->next)
		if (m->type == XML_ELEMENT_NODE && xmlStrEqual(m->name, BAD_CAST "m") &&
		    (k = xmlGetProp(m, BAD_CAST "k")) != NULL) {
			if ((slot = cat_slot(c, k)) == NULL || slot->k != NULL) {
				xmlFree(k);
				continue;
			}
			slot->k = k;
			slot->text = xmlNodeGetContent(m);
		}
	/* The slots hold copies: the tree, a sixth of a megabyte a
	 * language, would only sit in every worker's heap. */
	xmlFreeDoc(doc);
	return 0;
}

static void
cat_free(void)
{
	size_t l, i;

	for (l = 0; l < LANG__MAX; l++) {
		for (i = 0; i < CAT_SLOTS; i++) {
			xmlFree((xmlChar *)catalogs[l].slots[i].k);
			xmlFree(catalogs[l].slots[i].text);
		}
		memset(&catalogs[l], 0, sizeof(catalogs[l]));
	}
}

/* The message of key, or NULL. */
static const xmlChar *
cat_text(const xmlChar *k)
{
	struct msg *m = cat_slot(&catalogs[cat_lang], k);

	return m != NULL && m->k != NULL ? (m->text != NULL ? m->text : BAD_CAST "") : NULL;
}

/* t(key): the message of key in the page's language; the key itself when
 * missing, so a gap shows in review rather than as a blank. */
static void
xp_t(xmlXPathParserContextPtr ctxt, int nargs)
{
	const xmlChar *text;
	xmlChar *k;

	if ((k = one_arg(ctxt, nargs)) == NULL)
		return;
	if ((text = cat_text(k)) != NULL) {
		xmlFree(k);
		valuePush(ctxt, xmlXPathNewString(text));
	} else
		valuePush(ctxt, xmlXPathWrapString(k));
}

/* has(key): whether the catalog has key. */
static void
xp_has(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *k;

	if ((k = one_arg(ctxt, nargs)) == NULL)
		return;
	valuePush(ctxt, xmlXPathNewBoolean(cat_text(k) != NULL));
	xmlFree(k);
}

/* html_dump_cards()'s keep: a card rendered here, for every later page. */
static void
keep_card(void *arg, const char *key, const char *html, size_t n)
{
	const char *dash = strchr(key, '-');

	(void)arg;
	if (cardst.again)
		return;		/* a page stopped half way: nothing of it is kept */
	/* Its name (the key less the sheet's parameters) marked too, for
	 * render_card_named(). */
	dash = dash != NULL ? strchr(dash + 1, '-') : NULL;
	cards_put(key, dash != NULL ? (size_t)(dash - key) : 0, html, n);
	cardst.made++;
}

int
render_init(const char *dir)
{
	if (strlen(dir) >= sizeof(xslt_dir))
		return -1;
	strcpy(xslt_dir, dir);
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	if ((prefs = xsltNewSecurityPrefs()) == NULL ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid))
		return -1;
	xsltSetDefaultSecurityPrefs(prefs);
	sheets_digest();
	if (cat_load(LANG_EN) != 0 || cat_load(LANG_ZH) != 0)
		return -1;
	return xsltRegisterExtModuleFunction(BAD_CAST "card", MB_NS, xp_card) == 0 &&
	    xsltRegisterExtModuleElement(BAD_CAST "card-html", MB_NS, NULL, xe_card_html) == 0 &&
	    xsltRegisterExtModuleFunction(BAD_CAST "t", MB_NS, xp_t) == 0 &&
	    xsltRegisterExtModuleFunction(BAD_CAST "has", MB_NS, xp_has) == 0 ? 0 : -1;
}

const char *
render_dir(void)
{
	return xslt_dir;
}

void
render_cleanup(void)
{
	size_t i;

	for (i = 0; i < nsheets; i++)
		xsltFreeStylesheet(sheets[i].xsl);
	nsheets = 0;
	if (prefs != NULL)
		xsltFreeSecurityPrefs(prefs);
	prefs = NULL;
	cat_free();
	xsltCleanupGlobals();
	xmlCleanupParser();
}

/* The compiled stylesheet for name, compiling it on first use. */
static xsltStylesheetPtr
sheet_get(const char *name)
{
	char path[600];
	xmlDocPtr doc;
	size_t i;

	for (i = 0; i < nsheets; i++)
		if (strcmp(sheets[i].name, name) == 0)
			return sheets[i].xsl;
	if (nsheets == MAX_SHEETS || strlen(name) >= sizeof(sheets[0].name))
		return NULL;
	snprintf(path, sizeof(path), "%s/%s.xsl", xslt_dir, name);
	if ((doc = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL) {
		log_err("%s: cannot read stylesheet", path);
		return NULL;
	}
	if ((sheets[nsheets].xsl = xsltParseStylesheetDoc(doc)) == NULL) {
		xmlFreeDoc(doc);
		log_err("%s: cannot compile stylesheet", path);
		return NULL;
	}
	strcpy(sheets[nsheets].name, name);
	return sheets[nsheets++].xsl;
}

/* Percent-encodes s but for letters, digits and the bytes of keep: for
 * a query value, or a header's parameter. */
static char *
pct_escape(struct req *r, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(&r->ar, strlen(s) * 3 + 1), *o = out;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(keep, c) != NULL)
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

xmlNodePtr
render_page_new(struct req *r, const char *name)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root;
	char today[11];
	const char *path;

	if (doc == NULL)
		return NULL;
	/* Names from one dictionary: a page holds thousands of elements and
	 * attributes of a few dozen names, each otherwise a copy to make and
	 * to free. */
	if ((doc->dict = xmlDictCreate()) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	/* The request owns its first page and frees it when it ends. */
	if (r->doc == NULL) {
		r->doc = doc;
		named.doc = NULL;	/* a page of an earlier request's */
	}
	okr_date_format(okr_today(), today);
	/* The page's own address, for the language switch to come back to;
	 * only ever a local path. */
	path = r->uri != NULL && req_local_path(r, r->uri) ? r->uri :
	    arena_printf(&r->ar, "%s/", r->script);
	render_attr(root, "name", name);
	render_attr(root, "lang", req_lang_names[r->lang]);
	render_attr(root, "base", r->script);
	render_page_path(r, root, path);
	render_attr(root, "today", today);
	if (r->user != NULL)
		render_attr(root, "user", r->user);
	if (r->user != NULL) {
		char token[65];

		csrf_token(r->user, token);
		render_attr(root, "token", token);
	}
	if (r->me != NULL) {
		render_attr(root, "user-name", r->me->name);
		if (r->me->role == ROLE_ADMIN)
			render_attr(root, "admin", "1");
	}
	return root;
}

void
render_page_drop(struct req *r, xmlNodePtr page)
{
	if (page != NULL && page->doc != r->doc)
		xmlFreeDoc(page->doc);
}

void
render_page_path(struct req *r, xmlNodePtr page, const char *path)
{
	/* Cleaned as stored text is: a path may come as the browser sent
	 * it, and must not hold render_send()'s marks. */
	path = render_text_clean(&r->ar, path);
	xmlSetProp(page, BAD_CAST "path", BAD_CAST path);
	xmlSetProp(page, BAD_CAST "back-q", BAD_CAST pct_escape(r, path, "-._~/"));
}

/* The length of the UTF-8 sequence at p (n bytes left) when it is a
 * character XML text may hold, else 0. */
static size_t
char_len(const unsigned char *p, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (p[0] < 0x80)
		return p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n' || p[0] == '\r';
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and what lies past U+10FFFF are not
	 * UTF-8; U+FFFE and U+FFFF are not XML; the rest are noncharacters. */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff) || (c >= 0xfdd0 && c <= 0xfdef) ||
	    (c & 0xfffe) == 0xfffe)
		return 0;
	return len;
}

size_t
render_text_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if (p[i] >= 0x20 && p[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = char_len(p + i, n - i)) == 0)
			return i;
		i += len;
	}
	return n;
}

/* s[0..n) into out (3n + 1 bytes), each refused sequence as one U+FFFD:
 * a whole character when its bytes are all there, else one byte. */
static void
clean_into(char *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, ok, len, k;

	while (i < n) {
		ok = render_text_valid(s + i, n - i);
		memcpy(out, s + i, ok);
		out += ok;
		if ((i += ok) == n)
			break;
		len = p[i] >= 0xf0 && p[i] <= 0xf4 ? 4 : p[i] >= 0xe0 && p[i] <= 0xef ? 3 :
		    p[i] >= 0xc2 && p[i] <= 0xdf ? 2 : 1;
		for (k = 1; k < len; k++)
			if (i + k >= n || (p[i + k] & 0xc0) != 0x80)
				len = 1;
		memcpy(out, "\xef\xbf\xbd", 3);
		out += 3;
		i += len;
	}
	*out = '\0';
}

const char *
render_text_clean(struct arena *ar, const char *s)
{
	size_t n = strlen(s);
	char *out;

	if (render_text_valid(s, n) == n)
		return s;
	out = arena_alloc(ar, 3 * n + 1);
	clean_into(out, s, n);
	return out;
}

/* s, or a cleaned copy to free (*copy), for a node of the tree. */
static const xmlChar *
clean(const char *s, char **copy)
{
	size_t n = strlen(s);

	*copy = NULL;
	if (render_text_valid(s, n) == n)
		return BAD_CAST s;
	if ((*copy = malloc(3 * n + 1)) == NULL)
		return BAD_CAST "";
	clean_into(*copy, s, n);
	return BAD_CAST *copy;
}

xmlNodePtr
render_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n;
	char *copy;

	n = xmlNewTextChild(parent, NULL, BAD_CAST name,
	    clean(text != NULL ? text : "", &copy));
	free(copy);
	return n;
}

/* Attribute name="value" on n.  A page has thousands, most of them a
 * few bytes (states, flags, numbers): such a value is kept inside its
 * text node, where libxml2's own parser keeps short text (its "compact"
 * nodes, which every part of libxml2 frees and reads as any other), not
 * in a copy of its own to make and free. */
static void
new_prop(xmlNodePtr n, const char *name, const char *value)
{
	size_t len = strlen(value);
	xmlAttrPtr a;
	xmlNodePtr t;

	if (len >= 2 * sizeof(void *)) {
		xmlNewProp(n, BAD_CAST name, BAD_CAST value);
		return;
	}
	if ((a = xmlNewProp(n, BAD_CAST name, NULL)) == NULL ||
	    (t = xmlNewText(NULL)) == NULL)
		return;
	t->content = (xmlChar *)&t->properties;
	memcpy(t->content, value, len + 1);
	t->doc = n->doc;
	t->parent = (xmlNodePtr)a;
	a->children = a->last = t;
}

void
render_attr(xmlNodePtr n, const char *name, const char *value)
{
	char *copy;

	if (value != NULL) {
		new_prop(n, name, (const char *)clean(value, &copy));
		free(copy);
	}
}

void
render_attr_u(xmlNodePtr n, const char *name, unsigned long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", v);
	new_prop(n, name, buf);
}

void
render_attr_num(xmlNodePtr n, const char *name, double v)
{
	char buf[32];

	okr_num_format(v, buf);
	new_prop(n, name, buf);
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

/* "Allow: ..." naming the methods the path takes. */
static const char *
allow_header(struct req *r)
{
	return arena_printf(&r->ar, "Allow: %s%s\r\n",
	    r->allow & METHOD_GET ? "GET, HEAD" : "",
	    r->allow & METHOD_POST ? (r->allow & METHOD_GET ? ", POST" : "POST") : "");
}

/* An HTTP date ("Sat, 28 Nov 2026 05:00:00 GMT") and its line end. */
static const char *
http_date(struct req *r, int64_t t)
{
	char buf[64];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
	return arena_strdup(&r->ar, buf);
}

/* Whether the request's validators say the client holds this response:
 * If-None-Match names our ETag (or *); else If-Modified-Since is no
 * earlier than Last-Modified, and that second is over (a write later in
 * the same second would otherwise go unseen). */
static int
not_modified(struct req *r)
{
	struct tm tm;
	const char *p;
	time_t ims;

	if (r->if_none_match != NULL)
		return r->etag != NULL && ((p = strstr(r->if_none_match, r->etag)) != NULL ||
		    strcmp(r->if_none_match, "*") == 0);
	if (r->if_modified_since == NULL || r->modified <= 0 ||
	    r->modified >= (int64_t)time(NULL))
		return 0;
	memset(&tm, 0, sizeof(tm));
	if ((p = strptime(r->if_modified_since, "%a, %d %b %Y %H:%M:%S GMT", &tm)) == NULL ||
	    *p != '\0')
		return 0;
	ims = timegm(&tm);
	return (int64_t)ims >= r->modified;
}

/* Content-Disposition of a download: its name is stored text, so it goes
 * percent-encoded in RFC 6266's filename*, and as ASCII without quotes,
 * backslashes or controls in filename for older clients.  No byte of the
 * name can end the header or start another. */
static const char *
disposition(struct req *r, const char *name)
{
	char *ascii = arena_strdup(&r->ar, name), *p;

	for (p = ascii; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e || *p == '"' ||
		    *p == '\\' || *p == '%')
			*p = '_';
	return arena_printf(&r->ar, "Content-Disposition: attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s\r\n", ascii, pct_escape(r, name, "!#$&+-.^_`|~"));
}

/* Headers every response carries: the page may load only our own CSS,
 * may not be framed, and does not leak its address to other sites. */
static void
send_headers(struct req *r, int status, const char *type, size_t len)
{
	const char *h;

	/* Every refusal is logged with its reason. */
	if (status >= 400 && status < 500)
		log_info("%d %s%s: %s", status, r->script != NULL ? r->script : "",
		    r->path != NULL ? r->path : "", r->why != NULL ? r->why :
		    r->errkey != NULL ? r->errkey : reason(status));
	/* libfcgi's own printf knows no %zu: format here, at any length (a
	 * download's name may be long once encoded). */
	h = arena_printf(&r->ar,
	    "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Length: %zu\r\n"
	    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Cache-Control: private, no-cache\r\n"
	    "Content-Language: %s\r\n"
	    "Vary: Accept-Language, Cookie\r\n%s%s%s%s%s%s%s%s%s%s%s\r\n",
	    status, reason(status), type, len, req_lang_names[r->lang],
	    status == 405 ? allow_header(r) : "",
	    r->etag ? "ETag: " : "", r->etag ? r->etag : "", r->etag ? "\r\n" : "",
	    r->modified > 0 ? "Last-Modified: " : "",
	    r->modified > 0 ? http_date(r, r->modified) : "",
	    r->download ? disposition(r, r->download) : "",
	    r->rendered ? "X-Mubiao-Render: " : "", r->rendered ? r->rendered : "",
	    r->rendered ? "\r\n" : "",
#ifdef MUBIAO_TEST
	    cardst.shown ? arena_printf(&r->ar, "X-Mubiao-Cards: hit=%u made=%u%s\r\n",
	    cardst.hit, cardst.made, r->cards_whole ? " again" : "") :
#endif
	    "");
	req_write(r, h, strlen(h));
}

/* Last resort when even the error page cannot be made. */
static void
send_plain(struct req *r, int status)
{
	char body[64];
	int n = snprintf(body, sizeof(body), "%d %s\n", status, reason(status));

	send_headers(r, status, "text/plain; charset=utf-8", (size_t)n);
	if (!r->head)
		req_write(r, body, (size_t)n);
}

/* The stylesheet's media-type (Atom, CSV, XML), else HTML; UTF-8. */
static const char *
media_type(struct req *r, xsltStylesheetPtr xsl)
{
	if (xsl->mediaType == NULL)
		return "text/html; charset=utf-8";
	return arena_printf(&r->ar, "%s; charset=utf-8", (const char *)xsl->mediaType);
}

uint64_t
render_digest(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ull;

	while (n-- > 0)
		h = (h ^ *p++) * 1099511628211ull;
	return h;
}

/* A strong ETag from the body. */
static const char *
body_tag(struct req *r, const unsigned char *p, size_t n)
{
	return arena_printf(&r->ar, "\"x%016llx\"",
	    (unsigned long long)render_digest(p, n));
}

/* Whether the sheet writes HTML (its output method may sit in an
 * imported sheet: home.xsl takes layout.xsl's). */
static int
sheet_html(xsltStylesheetPtr xsl)
{
	xsltStylesheetPtr s;

	for (s = xsl; s != NULL && s->method == NULL; s = xsltNextImport(s))
		;
	return s != NULL && xmlStrEqual(s->method, BAD_CAST "html");
}

/* The digest of node n and all below it: names, attributes, text. */
static h128
node_digest(h128 h, xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return h128_str(h128_str(h, "t"), n->content != NULL ? n->content : BAD_CAST "");
	if (n->type != XML_ELEMENT_NODE)
		return h;
	h = h128_str(h128_str(h, "<"), n->name);
	for (a = n->properties; a != NULL; a = a->next)
		h = h128_str(h128_str(h, a->name), a->children != NULL &&
		    a->children->content != NULL ? a->children->content : BAD_CAST "");
	for (c = n->children; c != NULL; c = c->next)
		h = node_digest(h, c);
	return h128_str(h, ">");
}

/* The attributes of <page> a card never shows: substituted after the
 * transform (token, path), or read only by the page around the cards
 * (what the viewer may do with a card is in its own attributes). */
static int
page_only(const xmlChar *name)
{
	static const char *const names[] = { "token", "path", "back-q", "user",
	    "user-name", "admin" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (xmlStrEqual(name, BAD_CAST names[i]))
			return 1;
	return 0;
}

/* Names each card of the page: every <objective> not inside another gets
 * card="o<id>-<digest>" of its own subtree and of what else a card may
 * read (xslt/components.xsl): the sheets, the language, <page>'s
 * attributes but page_only() ones, and <cycles>.  The sheet adds the
 * card's parameters. */
static void
mark_cards(xmlNodePtr n, h128 ctx)
{
	char key[80];
	xmlChar *id;
	h128 h;

	for (n = n->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrEqual(n->name, BAD_CAST "objective")) {
			mark_cards(n, ctx);
			continue;
		}
		if (xmlHasProp(n, BAD_CAST "card"))
			continue;	/* named by its records (render_card_named()) */
		if ((id = xmlGetProp(n, BAD_CAST "id")) == NULL)
			continue;
		if (xmlStrlen(id) > 0 && xmlStrlen(id) <= 10 &&
		    strspn((const char *)id, "0123456789") == (size_t)xmlStrlen(id)) {
			h = h128_end(node_digest(ctx, n));
			snprintf(key, sizeof(key), "o%s-%016llx%016llx", (const char *)id,
			    (unsigned long long)(h >> 64), (unsigned long long)h);
			xmlSetProp(n, BAD_CAST "card", BAD_CAST key);
		}
		xmlFree(id);
	}
}

/* What every card of the page is named by besides its own part: the
 * sheets, the language, <page>'s attributes but page_only() ones, and
 * <cycles>.  -1: the page's cards are not to be named (a form sent back
 * holds what was typed, which a card's own forms show: such a page is
 * rendered whole). */
static int
page_context(struct req *r, xmlNodePtr page, h128 *ctx)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	*ctx = h128_str(sheets_rev, req_lang_names[r->lang]);
	for (c = page->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "form"))
			return -1;
	for (a = page->properties; a != NULL; a = a->next)
		if (!page_only(a->name))
			*ctx = h128_str(h128_str(*ctx, a->name), a->children != NULL &&
			    a->children->content != NULL ? a->children->content : BAD_CAST "");
	for (c = page->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "cycles"))
			*ctx = node_digest(*ctx, c);
	return 0;
}

int
render_card_named(struct req *r, xmlNodePtr n, render_sum sum)
{
	xmlNodePtr page = n->parent;
	char key[80];
	xmlChar *id;
	h128 h;

	/* Only where building the page again costs no more than time: a
	 * read, never a write's answer. */
	if (r->cards_whole || page == NULL || page != xmlDocGetRootElement(n->doc) ||
	    (r->method != METHOD_GET && r->method != METHOD_HEAD))
		return 0;
	if (named.doc != n->doc) {
		named.doc = n->doc;
		named.mode = cards_mode(r);
		named.ok = named.mode != CARDS_OFF && page_context(r, page, &named.ctx) == 0;
		named.n = 0;
	}
	if (!named.ok || (id = xmlGetProp(n, BAD_CAST "id")) == NULL)
		return 0;
	named.n++;
	h = h128_end(h128_add(h128_str(named.ctx, "records"), &sum, sizeof(sum)));
	snprintf(key, sizeof(key), "o%.10s-%016llx%016llx", (const char *)id,
	    (unsigned long long)(h >> 64), (unsigned long long)h);
	xmlFree(id);
	xmlSetProp(n, BAD_CAST "card", BAD_CAST key);
	if ((named.mode != CARDS_ON && named.mode != CARDS_LOST) || !cards_has(key))
		return 0;
	xmlSetProp(n, BAD_CAST "stub", BAD_CAST "1");
	return 1;
}

/* Names the page's cards; -1 when render_card_named() named some in
 * another context than the page has now (a handler that changed <page>
 * after them): their names would not say what they show, so the page is
 * built again, whole. */
static int
page_cards(struct req *r, xmlNodePtr page)
{
	h128 ctx;
	int ok = page_context(r, page, &ctx) == 0;

	if (named.doc == page->doc && named.n > 0 && (!ok || ctx != named.ctx)) {
		log_err("cards named on a page that changed after: built again");
		return -1;
	}
	if (ok)
		mark_cards(page, ctx);
	return 0;
}

/* The token and the page's path reach the transform as two
 * noncharacters no stored or sent text can hold (render_text_clean()),
 * and are put back in the HTML: a card holding a form is then the same
 * for every user and every page.  The sheets use both only as attribute
 * values or text, never inside a URL (where they would be
 * percent-encoded). */
#define MARK_TOKEN	"\xef\xb7\x90"
#define MARK_PATH	"\xef\xb7\x91"

/* Replaces the page's token and path by their marks; *token and *path
 * receive the values (NULL: none). */
static void
page_mark(struct req *r, xmlNodePtr page, const char **token, const char **path)
{
	xmlChar *v;

	*token = *path = NULL;
	if ((v = xmlGetProp(page, BAD_CAST "token")) != NULL) {
		*token = arena_strdup(&r->ar, (const char *)v);
		xmlSetProp(page, BAD_CAST "token", BAD_CAST MARK_TOKEN);
		xmlFree(v);
	}
	if ((v = xmlGetProp(page, BAD_CAST "path")) != NULL) {
		*path = arena_strdup(&r->ar, (const char *)v);
		xmlSetProp(page, BAD_CAST "path", BAD_CAST MARK_PATH);
		xmlFree(v);
	}
}

/* s as an attribute value's text, in double quotes. */
static const char *
attr_escape(struct req *r, const char *s)
{
	char *out = arena_alloc(&r->ar, strlen(s) * 6 + 1), *o = out;

	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': o = stpcpy(o, "&amp;"); break;
		case '<': o = stpcpy(o, "&lt;"); break;
		case '>': o = stpcpy(o, "&gt;"); break;
		case '"': o = stpcpy(o, "&quot;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
				*o++ = *s;
		}
	*o = '\0';
	return out;
}

/* The next mark in [p, end), or NULL; *k: which (0 token, 1 path). */
static const char *
next_mark(const char *p, const char *end, size_t *k)
{
	for (; (p = memchr(p, 0xef, (size_t)(end - p))) != NULL && end - p >= 3; p++)
		if ((unsigned char)p[1] == 0xb7 && ((unsigned char)p[2] == 0x90 ||
		    (unsigned char)p[2] == 0x91)) {
			*k = (unsigned char)p[2] - 0x90;
			return p;
		}
	return NULL;
}

/* The HTML with the marks replaced by the values, in r's arena. */
static const char *
page_unmark(struct req *r, const char *in, size_t *len, const char *token,
    const char *path)
{
	const char *vals[2], *p, *end = in + *len, *hit;
	size_t lens[2], n = 0, k;
	char *out, *o;

	vals[0] = token != NULL ? token : "";
	vals[1] = path != NULL ? attr_escape(r, path) : "";
	lens[0] = strlen(vals[0]);
	lens[1] = strlen(vals[1]);
	if (next_mark(in, end, &k) == NULL)
		return in;	/* no form on the page: nothing to put back */
	for (p = in; (hit = next_mark(p, end, &k)) != NULL; p = hit + 3)
		n += lens[k];
	o = out = arena_alloc(&r->ar, *len + n + 1);
	for (p = in; (hit = next_mark(p, end, &k)) != NULL; p = hit + 3) {
		memcpy(o, p, (size_t)(hit - p));
		o += hit - p;
		memcpy(o, vals[k], lens[k]);
		o += lens[k];
	}
	memcpy(o, p, (size_t)(end - p));
	o += end - p;
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

/* The result as text: HTML through html_dump (the same bytes as
 * libxslt's, a quarter of the cost), anything else through libxslt.  The
 * output method may sit in an imported sheet (home.xsl: layout.xsl). */
static int
serialize(xmlDocPtr res, xsltStylesheetPtr xsl, xmlChar **out, size_t *len)
{
	int n;

	if (sheet_html(xsl)) {
		cards_begin();
		n = html_dump_cards(res, (char **)out, len, keep_card, NULL);
		cards_end();
		return n;
	}
	if (xsltSaveResultToString(out, &n, res, xsl) != 0 || *out == NULL)
		return -1;
	*len = (size_t)n;
	return 0;
}

#ifdef MUBIAO_TEST
/* Test builds: "X-Mubiao-Doc: xml" answers the page's document, not its
 * HTML, so that tests read data rather than markup.  1 when it did. */
static int
send_doc(struct req *r, xmlDocPtr doc, int status)
{
	const char *h = FCGX_GetParam("HTTP_X_MUBIAO_DOC", r->fcgi.envp);
	xmlChar *out = NULL;
	int n = 0;

	if (h == NULL || strcmp(h, "xml") != 0)
		return 0;
	xmlDocDumpMemoryEnc(doc, &out, &n, "UTF-8");
	send_headers(r, status, "application/xml; charset=utf-8", (size_t)n);
	if (!r->head && out != NULL)
		req_write(r, (const char *)out, (size_t)n);
	xmlFree(out);
	return 1;
}
#endif

int
render_send(struct req *r, xmlNodePtr page, const char *name, int status)
{
	xmlDocPtr doc = page->doc, res = NULL;
	xsltStylesheetPtr xsl = sheet_get(name);
	xsltTransformContextPtr ctxt = NULL;
	const char *params[] = { "lang", NULL, NULL }, *file, *body;
	const char *token = NULL, *path = NULL;
	xmlChar *out = NULL;
	size_t len = 0;
	int rc = -1, html;

	params[1] = arena_printf(&r->ar, "'%s'", req_lang_names[r->lang]);
#ifdef MUBIAO_TEST
	if (send_doc(r, doc, status)) {
		rc = 0;
		goto done;
	}
#endif
	if (xsl == NULL)
		goto done;
	cat_lang = r->lang;
	memset(&cardst, 0, sizeof(cardst));
	cardst.mode = cards_mode(r);
	if ((html = sheet_html(xsl))) {
		page_mark(r, xmlDocGetRootElement(doc), &token, &path);
		if (cardst.mode != CARDS_OFF &&
		    page_cards(r, xmlDocGetRootElement(doc)) != 0) {
			rc = RENDER_AGAIN;
			goto done;
		}
		cardst.shown = 1;
	}
	if ((ctxt = xsltNewTransformContext(xsl, doc)) == NULL)
		goto done;
	xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET);
	xsltSetCtxtSecurityPrefs(prefs, ctxt);
	res = xsltApplyStylesheetUser(xsl, doc, params, NULL, NULL, ctxt);
	if (cardst.again) {
		rc = RENDER_AGAIN;
		goto done;
	}
	if (res == NULL || ctxt->state != XSLT_STATE_OK ||
	    serialize(res, xsl, &out, &len) != 0) {
		log_err("%s: transform failed", name);
		goto done;
	}
	body = html ? page_unmark(r, (const char *)out, &len, token, path) :
	    (const char *)out;

	/* A page, not a feed: kept for the web server to serve itself. */
	if (status == 200 && xsl->mediaType == NULL && !r->validators &&
	    (file = req_page_file(r)) != NULL)
		pcache_put(r->pc_fd, file, body, len);
	/* A feed's ETag is its body's digest: equal bytes, equal tag. */
	if (r->validators)
		r->etag = body_tag(r, (const unsigned char *)body, len);
	if (status == 200 && (r->validators || r->modified > 0) && not_modified(r)) {
		send_headers(r, 304, media_type(r, xsl), 0);
		rc = 0;
		goto done;
	}
	if (status == 200 && xsl->mediaType == NULL)
		r->rendered = "fresh";
	send_headers(r, status, media_type(r, xsl), len);
	if (!r->head)
		req_write(r, body, len);
	rc = 0;
done:
	cardst.shown = 0;
	if (named.doc == doc)
		named.doc = NULL;
	/* A card found but never written (a sheet that asked card() alone)
	 * does not outlive its request. */
	xmlFree(card_html);
	card_html = NULL;
	xmlFree(out);
	xmlFreeDoc(res);
	if (ctxt != NULL)
		xsltFreeTransformContext(ctxt);
	if (doc != r->doc)
		xmlFreeDoc(doc);
	return rc;
}

int
render_string(xmlDocPtr doc, const char *sheet, int lang, const char *part,
    xmlChar **out, int *len)
{
	xsltStylesheetPtr xsl = sheet_get(sheet);
	xsltTransformContextPtr ctxt = NULL;
	const char *params[] = { "lang", NULL, "part", NULL, NULL };
	char lq[16], pq[32];
	xmlDocPtr res = NULL;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (xsl == NULL || strlen(part) > 20)
		return -1;
	snprintf(lq, sizeof(lq), "'%s'", req_lang_names[lang]);
	snprintf(pq, sizeof(pq), "'%s'", part);
	params[1] = lq;
	params[3] = pq;
	cat_lang = lang;
	if ((ctxt = xsltNewTransformContext(xsl, doc)) == NULL)
		return -1;
	xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET);
	xsltSetCtxtSecurityPrefs(prefs, ctxt);
	res = xsltApplyStylesheetUser(xsl, doc, params, NULL, NULL, ctxt);
	if (res != NULL && ctxt->state == XSLT_STATE_OK &&
	    xsltSaveResultToString(out, len, res, xsl) == 0) {
		if (*out == NULL)	/* an empty result */
			*out = xmlStrdup(BAD_CAST "");
		rc = *out != NULL ? 0 : -1;
	} else
		log_err("%s: transform failed", sheet);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	return rc;
}

int
render_is_page(const char *sheet)
{
	xsltStylesheetPtr xsl;

	return sheet != NULL && (xsl = sheet_get(sheet)) != NULL &&
	    xsl->mediaType == NULL;
}

void
render_kept(struct req *r, const char *data, size_t len)
{
	/* What render_send() sends with a page: pages carry no validators,
	 * so there is no 304 to answer either. */
	r->rendered = "kept";
	send_headers(r, 200, media_type(r, sheet_get(r->route->sheet)), len);
	if (!r->head)
		req_write(r, data, len);
}

int
render_reply(struct req *r, xmlNodePtr page, int status)
{
	int rc = render_send(r, page, r->route->sheet, status);

	return rc == 0 || rc == RENDER_AGAIN ? rc : 500;
}

void
render_error(struct req *r, int status, const char *key)
{
	xmlNodePtr page, err;

	if (r->script == NULL)
		r->script = "";
	if ((page = render_page_new(r, "error")) == NULL) {
		send_plain(r, 500);
		return;
	}
	err = xmlNewChild(page, NULL, BAD_CAST "error", NULL);
	render_attr_u(err, "status", (unsigned long)status);
	render_attr(err, "key", key != NULL ? key :
	    arena_printf(&r->ar, "err.%d", status));
	if (render_send(r, page, "error", status) != 0)
		send_plain(r, status);
}

void
render_redirect(struct req *r, const char *location, const char *cookie)
{
	const char *h;

	if (!req_local_path(r, location)) {
		render_error(r, 400, NULL);
		return;
	}
	/* Behind a proxy, the public URL: the front may not rewrite it, and
	 * a relative one would be resolved against the public URL anyway. */
	h = arena_printf(&r->ar, "Status: 303 See Other\r\nLocation: %s%s\r\n"
	    "%s%s%sContent-Length: 0\r\nCache-Control: no-store\r\n\r\n",
	    r->public != NULL ? r->public : "",
	    r->public != NULL ? location + strlen(r->script) : location,
	    cookie ? "Set-Cookie: " : "", cookie ? cookie : "",
	    cookie ? "\r\n" : "");
	req_write(r, h, strlen(h));
}
