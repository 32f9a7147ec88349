/* form.h: what the editing pages share: reading typed values out of a
 * submitted form, with one error (a catalog key) per field, and building
 * the <form> documents of xslt/README.md. */
#ifndef MUBIAO_FORM_H
#define MUBIAO_FORM_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>

#include "req.h"

struct form {
	struct req	*r;
	const char	*err[KEY__MAX];	/* catalog key of each field's error */
	int		 nerr;
	int		 input;		/* fields show what was sent (else stored) */
	/* The limits a field was checked against, so that its error can
	 * state them: characters of a text, first and last day of a date. */
	size_t		 max[KEY__MAX];
	int32_t		 lo[KEY__MAX], hi[KEY__MAX];
};

void	form_init(struct form *, struct req *);
/* Records an error on a field (the first one stays). */
void	form_error(struct form *, enum key, const char *errkey);

/* Each reads r->val[key]; on a problem it records the field's error and
 * returns -1; an absent or empty optional field gives its zero value. */
int	form_text(struct form *, enum key, int required, size_t maxchars,
	    const char **);
int	form_number(struct form *, enum key, int required, double min,
	    double max, double *);
int	form_date(struct form *, enum key, int required, int32_t lo, int32_t hi,
	    int32_t *);
int	form_choice(struct form *, enum key, const char *const *names, int n,
	    int *);
int	form_id(struct form *, enum key, int required, uint32_t *);
/* form_text() and form_number() of a value given, not r->val[key]: one
 * row of a repeated key.  Errors are recorded on key. */
int	form_text_value(struct form *, enum key, const char *value, int required,
	    size_t maxchars, const char **);
int	form_number_value(struct form *, enum key, const char *value, int required,
	    double min, double max, double *);

/* The terms of a KR of kind typed in a form (title, start, target, unit
 * label, due day between first and last), into k, held to the rules of
 * every KR: a milestone goes from 0 to 1, the others name both ends. */
struct kr;
void	form_kr_terms(struct form *, int kind, int32_t first, int32_t last,
	    struct kr *k);

/* The <form> element under page; version 0 is left out. */
xmlNodePtr form_begin(struct form *, xmlNodePtr page, const char *action,
	    const char *status, uint32_t version, const char *back);
/* A <field>: shows what the user sent, else stored; current (a conflict's
 * stored value) only where it differs from what is shown. */
xmlNodePtr form_field(struct form *, xmlNodePtr form, enum key, const char *type,
	    const char *stored, const char *current, size_t max);
/* An <option>: label is user text, label_key a catalog key. */
xmlNodePtr form_option(xmlNodePtr field, const char *value, const char *label,
	    const char *label_key);

#endif
