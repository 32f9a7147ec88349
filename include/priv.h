/* priv.h: least privilege.  Programs started as root switch to the
 * configured user before they touch the store. */
#ifndef MUBIAO_PRIV_H
#define MUBIAO_PRIV_H

#include <sys/types.h>

/* The ids of user and of group (NULL: the user's own).  When not root,
 * the current ids.  Returns 0, or -1 (unknown, or root) after logging. */
int	priv_ids(const char *user, const char *group, uid_t *, gid_t *,
	    gid_t *group_gid);
/* As root, becomes uid/gid for good; otherwise does nothing.  0 or -1. */
int	priv_drop(uid_t, gid_t);
/* Creates dir, a folder the web server's group reads (mode 2750: setgid
 * passes the group on), when missing and, as root, gives it to uid:gid.
 * 0 or -1 after logging. */
int	priv_shared_dir(const char *dir, uid_t uid, gid_t gid);
/* Makes dir a folder of user's (uid:gid), created with mode when missing
 * and, as root, given to uid:gid when it was missing; when adopt, also
 * when it is empty (a package or an install step made it root's).  A
 * folder of another owner otherwise, or one user cannot write in, is
 * refused with the command that fixes it.  0 or -1 after logging. */
int	priv_user_dir(const char *dir, const char *user, uid_t uid, gid_t gid,
	    mode_t mode, int adopt);

#endif
