/* priv.c: switching from root to the run user (see priv.h). */
#include <sys/stat.h>

#include <dirent.h>
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

int
priv_user_dir(const char *dir, const char *user, uid_t uid, gid_t gid,
    mode_t mode, int adopt)
{
	struct passwd *pw;
	struct dirent *e;
	struct stat sb;
	DIR *d = NULL;
	int files = 0, made;

	if (!(made = mkdir(dir, mode) == 0) && errno != EEXIST) {
		log_err("%s: cannot create it: %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &sb) == -1) {
		log_err("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		log_err("%s: not a folder", dir);
		return -1;
	}
	pw = getpwuid(sb.st_uid);
	if (getuid() != 0) {
		if (access(dir, R_OK | W_OK | X_OK) == 0)
			return 0;
		log_err("%s belongs to %s: %s cannot write in it; as root, run chown -R "
		    "%s: %s (or run this command as root: it switches to %s)", dir,
		    pw ? pw->pw_name : "another user", user, user, dir, user);
		return -1;
	}
	if (sb.st_uid == uid)
		return 0;
	/* An empty folder is what a package or an install step made: taken
	 * over.  Files of another owner are not: who made them may need them. */
	if (!made && adopt && (d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				files++;
		closedir(d);
	}
	if (!made && (d == NULL || files > 0)) {
		log_err("%s belongs to %s%s, but %s writes in it: run chown -R %s: %s",
		    dir, pw ? pw->pw_name : "another user", adopt ? " and is not empty" : "",
		    user, user, dir);
		return -1;
	}
	if (chown(dir, uid, gid) == -1 || chmod(dir, mode) == -1) {
		log_err("%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}
