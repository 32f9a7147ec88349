/* form.c: typed form input with per-field errors, and form documents. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "okr.h"
#include "render.h"
#include "store.h"

void
form_init(struct form *f, struct req *r)
{
	memset(f, 0, sizeof(*f));
	f->r = r;
	f->input = 1;
}

void
form_error(struct form *f, enum key k, const char *errkey)
{
	if (f->err[k] == NULL) {
		f->err[k] = errkey;
		f->nerr++;
	}
}

#define IDEO_SPACE	"\xe3\x80\x80"	/* U+3000, the full-width space */

/* s with surrounding blanks (the full-width space too) removed; "" when
 * absent. */
static const char *
trim(struct form *f, const char *s)
{
	const char *e;

	if (s == NULL)
		return "";
	for (;;) {
		s += strspn(s, " \t\r\n");
		if (strncmp(s, IDEO_SPACE, 3) != 0)
			break;
		s += 3;
	}
	e = s + strlen(s);
	for (;;) {
		while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
			e--;
		if (e - s < 3 || strncmp(e - 3, IDEO_SPACE, 3) != 0)
			break;
		e -= 3;
	}
	return arena_strndup(&f->r->ar, s, (size_t)(e - s));
}

/* Whether the marks of s (commas, or spaces: not both) group thousands
 * ("1,200,000.5", "1 200"); "3,5" and "3 5" are not numbers here, rather
 * than 35. */
static int
grouped(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	int mark = strchr(s, ',') != NULL ? ',' : ' ';
	size_t lead = strcspn(p, ", .");

	if (strchr(s, mark) == NULL)
		return 1;
	if (lead < 1 || lead > 3 || strchr(s, mark == ',' ? ' ' : ','))
		return 0;
	for (p += lead; *p == mark; p += 4)
		if (strspn(p + 1, "0123456789") != 3)
			return 0;
	return *p == '\0' || (*p == '.' && strchr(p, mark) == NULL);
}

/* s with the full-width forms of what a number holds (０-９ ＋ － ． ，
 * ％, the ideographic space, U+2212 minus) as their ASCII selves: a
 * Chinese input method types them, and they mean the same; NULL when s
 * holds no such character. */
static char *
ascii_number(struct form *f, const char *s)
{
	static const struct { const char *wide; char ascii; } map[] = {
		{ "\xef\xbc\x8b", '+' }, { "\xef\xbc\x8c", ',' },
		{ "\xef\xbc\x8d", '-' }, { "\xef\xbc\x8e", '.' },
		{ "\xef\xbc\x85", '%' }, { "\xe2\x88\x92", '-' },
		{ IDEO_SPACE, ' ' },
	};
	char *buf, *o;
	size_t i;

	if (strstr(s, "\xef\xbc") == NULL && strstr(s, "\xe2\x88\x92") == NULL &&
	    strstr(s, IDEO_SPACE) == NULL)
		return NULL;
	o = buf = arena_alloc(&f->r->ar, strlen(s) + 1);
	while (*s != '\0') {
		if (strncmp(s, "\xef\xbc", 2) == 0 &&
		    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
			*o++ = (char)('0' + (unsigned char)s[2] - 0x90);
			s += 3;
			continue;
		}
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strncmp(s, map[i].wide, 3) == 0)
				break;
		if (i < sizeof(map) / sizeof(map[0])) {
			*o++ = map[i].ascii;
			s += 3;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return buf;
}

int
form_text(struct form *f, enum key k, int required, size_t max, const char **out)
{
	return form_text_value(f, k, f->r->val[k], required, max, out);
}

int
form_text_value(struct form *f, enum key k, const char *value, int required,
    size_t max, const char **out)
{
	const char *s = trim(f, value);

	*out = s;
	f->max[k] = max;
	if (*s == '\0' && required) {
		form_error(f, k, "err.field.required");
		return -1;
	}
	/* Characters, not bytes: a limit means the same in Chinese and
	 * English. */
	if (okr_utf8_len(s) > max) {
		form_error(f, k, "err.field.too-long");
		return -1;
	}
	return 0;
}

int
form_number(struct form *f, enum key k, int required, double min, double max,
    double *out)
{
	return form_number_value(f, k, f->r->val[k], required, min, max, out);
}

int
form_number_value(struct form *f, enum key k, const char *value, int required,
    double min, double max, double *out)
{
	const char *s = trim(f, value);
	char *end, *buf, *p;
	double v;
	size_t n;
	int percent = 0;

	*out = 0;
	if (*s == '\0') {
		if (required)
			form_error(f, k, "err.field.required");
		return required ? -1 : 0;
	}
	if ((buf = ascii_number(f, s)) != NULL)
		s = buf;
	/* "50%": on a 0-1 scale (a confidence, a grade) hundredths; a
	 * percent KR's values are in percent already. */
	if ((n = strlen(s)) > 1 && s[n - 1] == '%') {
		s = arena_strndup(&f->r->ar, s, n - 1);
		percent = 1;
	}
	/* People type "1,200" and "1 200": marks that group digits go. */
	if (!grouped(s)) {
		form_error(f, k, "err.field.number");
		return -1;
	}
	buf = arena_strdup(&f->r->ar, s);
	for (p = buf; *s != '\0'; s++)
		if (*s != ',' && *s != ' ')
			*p++ = *s;
	*p = '\0';
	v = strtod(buf, &end);
	if (end == buf || *end != '\0' || !isfinite(v) || strpbrk(buf, "xXpP%") != NULL) {
		form_error(f, k, "err.field.number");
		return -1;
	}
	if (percent && min >= 0 && max <= 1)
		v /= 100;
	if (v < min || v > max) {
		form_error(f, k, "err.field.range");
		return -1;
	}
	*out = v;
	return 0;
}

int
form_date(struct form *f, enum key k, int required, int32_t lo, int32_t hi,
    int32_t *out)
{
	const char *s = trim(f, f->r->val[k]);

	*out = 0;
	f->lo[k] = lo;
	f->hi[k] = hi;
	if (*s == '\0') {
		if (required)
			form_error(f, k, "err.field.required");
		return required ? -1 : 0;
	}
	if (okr_date_parse(s, out) == -1) {
		form_error(f, k, "err.field.date");
		return -1;
	}
	if (*out < lo || *out > hi) {
		form_error(f, k, "err.field.date-outside-cycle");
		return -1;
	}
	return 0;
}

int
form_choice(struct form *f, enum key k, const char *const *names, int n, int *out)
{
	int i = okr_lookup(names, n, trim(f, f->r->val[k]));

	if (i < 0) {
		form_error(f, k, "err.field.choice");
		return -1;
	}
	*out = i;
	return 0;
}

int
form_id(struct form *f, enum key k, int required, uint32_t *out)
{
	const char *s = trim(f, f->r->val[k]);

	*out = 0;
	if (*s == '\0' || strcmp(s, "0") == 0) {
		if (required)
			form_error(f, k, "err.field.required");
		return required ? -1 : 0;
	}
	if (req_parse_id(s, out) == -1) {
		form_error(f, k, "err.field.choice");
		return -1;
	}
	return 0;
}

void
form_kr_terms(struct form *f, int kind, int32_t first, int32_t last,
    struct kr *k)
{
	const char *title, *label;

	form_text(f, KEY_TITLE, 1, OKR_MAX_TITLE, &title);
	form_number(f, KEY_START, kind != KR_MILESTONE, -OKR_NUM_LIMIT, OKR_NUM_LIMIT,
	    &k->start);
	form_number(f, KEY_TARGET, kind != KR_MILESTONE, -OKR_NUM_LIMIT, OKR_NUM_LIMIT,
	    &k->target);
	form_text(f, KEY_UNIT_LABEL, 0, OKR_MAX_LABEL, &label);
	form_date(f, KEY_DUE, 0, first, last, &k->due);
	/* A milestone is done (1) or not (0). */
	if (kind == KR_MILESTONE) {
		k->start = 0;
		k->target = 1;
	}
	k->title = (char *)title;
	k->unit_label = (char *)label;
}

xmlNodePtr
form_begin(struct form *f, xmlNodePtr page, const char *action,
    const char *status, uint32_t version, const char *back)
{
	xmlNodePtr n = xmlNewChild(page, NULL, BAD_CAST "form", NULL);

	render_attr(n, "action", arena_printf(&f->r->ar, "%s%s", f->r->script, action));
	render_attr(n, "status", status);
	if (version != 0)
		render_attr_u(n, "version", version);
	render_attr(n, "back", back);
	/* Shown in answer to a POST, the page is where the form came from. */
	if (f->r->method == METHOD_POST && back != NULL && req_local_path(f->r, back))
		render_page_path(f->r, page, back);
	if (strcmp(status, "invalid") == 0 || strcmp(status, "conflict") == 0) {
		render_attr(xmlNewChild(n, NULL, BAD_CAST "message", NULL), "key",
		    strcmp(status, "invalid") == 0 ? "form.invalid" : "form.conflict");
		if (f->r->why == NULL)
			f->r->why = strcmp(status, "invalid") == 0 ?
			    "a field of the form refused" : "the form's version is stale";
	}
	return n;
}

xmlNodePtr
form_field(struct form *f, xmlNodePtr form, enum key k, const char *type,
    const char *stored, const char *current, size_t max)
{
	xmlNodePtr n = xmlNewChild(form, NULL, BAD_CAST "field", NULL);
	const char *value = f->input && f->r->val[k] != NULL ? f->r->val[k] : stored;

	render_attr(n, "name", req_keys[k].name);
	render_attr(n, "type", type);
	render_attr(n, "value", value != NULL ? value : "");
	/* A refusal states the limit it broke (form-parts.xsl says it). */
	if (max == 0 && f->err[k] != NULL && strcmp(f->err[k], "err.field.too-long") == 0)
		max = f->max[k];
	if (max > 0)
		render_attr_u(n, "max", max);
	if (current != NULL && strcmp(current, value != NULL ? value : "") != 0)
		render_attr(n, "current", current);
	render_attr(n, "error", f->err[k]);
	if (f->err[k] != NULL && strcmp(f->err[k], "err.field.date-outside-cycle") == 0) {
		char day[11];

		okr_date_format(f->lo[k], day);
		render_attr(n, "from", day);
		okr_date_format(f->hi[k], day);
		render_attr(n, "to", day);
	}
	return n;
}

xmlNodePtr
form_option(xmlNodePtr field, const char *value, const char *label,
    const char *label_key)
{
	xmlNodePtr n = xmlNewChild(field, NULL, BAD_CAST "option", NULL);

	render_attr(n, "value", value);
	render_attr(n, "label", label);
	render_attr(n, "label-key", label_key);
	return n;
}
