/* priv.c: switching from root to the run user (see priv.h). */
#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "priv.h"

int
priv_ids(const char *user, const char *group, uid_t *uid, gid_t *gid,
    gid_t *ggid)
{
	struct passwd *pw;
	struct group *gr;

	*uid = getuid();
	*gid = *ggid = getgid();
	if (getuid() != 0)
		return 0;
	if ((pw = getpwnam(user)) == NULL || pw->pw_uid == 0) {
		log_err("user %s: not found or root; refusing to run as root", user);
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = *ggid = pw->pw_gid;
	if (group != NULL) {
		if ((gr = getgrnam(group)) == NULL) {
			log_err("group %s: not found", group);
			return -1;
		}
		*ggid = gr->gr_gid;
	}
	return 0;
}

int
priv_drop(uid_t uid, gid_t gid)
{
	if (getuid() != 0)
		return 0;
	/* setuid(0) must fail afterwards, or the drop did not take. */
	if (setgroups(1, &gid) == -1 || setgid(gid) == -1 || setuid(uid) == -1 ||
	    setuid(0) != -1) {
		log_err("cannot drop privileges: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int
priv_shared_dir(const char *dir, uid_t uid, gid_t gid)
{
	if (mkdir(dir, 02750) == -1 && errno != EEXIST) {
		log_err("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (getuid() == 0 && (chown(dir, uid, gid) == -1 || chmod(dir, 02750) == -1)) {
		log_err("%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}
