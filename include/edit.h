/* edit.h: what the files of the okr-edit program share (okr-edit.c, the
 * forms of OKRs; okr-admin.c, the admin pages and the import;
 * okr-notify.c, the notifications' settings). */
#ifndef MUBIAO_EDIT_H
#define MUBIAO_EDIT_H

#include <stdint.h>

struct req;
struct store;
struct view;

/* More units or people than this are typed (an id, a login), not
 * chosen from a list of a large company. */
#define EDIT_CHOICES	500

/* The kinds of record the admin pages list: a route's param. */
enum akind { ADMIN_UNITS, ADMIN_PEOPLE, ADMIN_CYCLES, ADMIN__MAX };

extern struct store *edit_store;

/* An id as a form's value: "" for 0. */
const char *edit_id_str(struct req *, uint32_t);
/* The login of a person id, "" for none. */
const char *edit_login_of(struct view *, uint32_t);
/* The submitted version of the record a form edits: 0, or 400 for a
 * form without one (not made by Mubiao). */
int	edit_form_version(struct req *, uint32_t *);

/* okr-admin.c's handlers. */
int	edit_admin_page(struct req *);
int	edit_admin_post(struct req *);
int	edit_admin_cycle_next(struct req *);
int	edit_import_page(struct req *);
int	edit_import_post(struct req *);

/* okr-notify.c's handlers: a person's notification settings (their
 * own, or anyone's for an admin), and the admin page of notifications
 * with its forms: bots, a unit's reminder time, a delivery sent again. */
int	edit_notify_page(struct req *);
int	edit_notify_post(struct req *);
int	edit_notify_admin(struct req *);
int	edit_bot_post(struct req *);
int	edit_bot_delete(struct req *);
int	edit_remind_post(struct req *);
int	edit_resend_post(struct req *);

#endif
