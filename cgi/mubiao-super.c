/* mubiao-super: the supervisor ("watcher") of the Mubiao workers.
 *
 * It alone runs Berkeley DB recovery, before any worker starts; it creates
 * each program's FastCGI socket (0660, the web server's group), forks the
 * configured number of workers onto it, and replaces a worker that dies
 * after asking Berkeley DB (failchk) to release what the dead process held.
 * When failchk says the environment needs recovery, every worker is
 * stopped, recovery runs, and the pools start again.  It checkpoints
 * periodically and ends cleanly, workers included, on SIGTERM.
 *
 * Workers never recover themselves: with Debian's libdb5.3 a recovery run
 * while other processes live can block them for good. */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "csrf.h"
#include "live.h"
#include "log.h"
#include "cards.h"
#include "pcache.h"
#include "priv.h"
#include "store.h"

#define MAX_PROCS	256
#define STOP_GRACE	5000	/* ms before SIGKILL when stopping */
/* When recovery is needed, workers may be blocked for good on a lock the
 * dead one held: waiting for them only prolongs the outage, and recovery
 * undoes what they had begun. */
#define RECOVERY_GRACE	300	/* ms */
#define FAILCHK_GRACE	2000	/* ms; see failchk_bounded() */

struct proc {
	pid_t	 pid;		/* 0: slot empty, to be (re)started */
	int	 prog;		/* index in conf.workers, or NOTIFY */
	time_t	 started;
};

/* The slot of mubiao-notify, which delivers the notifications: no
 * socket, supervised as a worker is. */
#define NOTIFY		-1
#define NOTIFY_NAME	"mubiao-notify"

static struct conf conf;
static char conf_path[PATH_MAX];
static int socks[CONF_MAX_WORKERS];
static struct proc procs[MAX_PROCS];
static int nprocs;
static struct store *st;

static void
usage(void)
{
	fprintf(stderr, "usage: mubiao-super [-c config] [-p pidfile]\n");
	exit(2);
}

/* Berkeley DB's question for failchk: is this process still alive? */
static int
alive(int pid)
{
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Creates the listening socket of program i, owned by the run user and
 * the web server's group, mode 0660. */
static int
make_socket(int i, uid_t uid, gid_t gid)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s.sock",
	    conf.socket_dir, conf.workers[i].name) >= sizeof(sun.sun_path)) {
		log_err("socket path too long in %s", conf.socket_dir);
		return -1;
	}
	unlink(sun.sun_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(sun.sun_path, 0660) == -1 ||
	    (getuid() == 0 && chown(sun.sun_path, uid, gid) == -1) ||
	    listen(fd, 128) == -1) {
		log_err("%s: %s", sun.sun_path, strerror(errno));
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

static void
remove_sockets(void)
{
	char path[PATH_MAX];
	int i;

	for (i = 0; i < conf.nworkers; i++) {
		snprintf(path, sizeof(path), "%s/%s.sock", conf.socket_dir,
		    conf.workers[i].name);
		unlink(path);
	}
}

/* Starts the worker of slot p: its socket becomes its stdin, where libfcgi
 * expects the listening socket. */
static void
spawn(struct proc *p)
{
	char path[PATH_MAX];
	const char *name = p->prog == NOTIFY ? NOTIFY_NAME : conf.workers[p->prog].name;
	sigset_t none;
	pid_t pid, self = getpid();

	snprintf(path, sizeof(path), "%s/%s", conf.bin_dir, name);
	if ((pid = fork()) == -1) {
		log_err("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		/* A worker ends with its supervisor (SIGTERM: after the request
		 * at hand), since only a live supervisor releases what a dead
		 * worker held; a supervisor that died before the call is seen
		 * by getppid(). */
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != self)
			_exit(127);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGCHLD, SIG_DFL);
		if (p->prog != NOTIFY && dup2(socks[p->prog], 0) == -1)
			_exit(127);
		setenv("MUBIAO_CONF", conf_path, 1);
		execl(path, name, (char *)NULL);
		log_err("%s: %s", path, strerror(errno));
		_exit(127);
	}
	p->pid = pid;
	p->started = time(NULL);
}

static void
spawn_all(void)
{
	int i;

	for (i = 0; i < nprocs; i++)
		if (procs[i].pid == 0)
			spawn(&procs[i]);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SIGTERM to every worker, SIGKILL to those still there after grace_ms;
 * reaps them all. */
static void
stop_all(long grace_ms)
{
	long deadline = now_ms() + grace_ms;
	int i, left;
	pid_t pid;

	for (i = 0; i < nprocs; i++)
		if (procs[i].pid > 1)
			kill(procs[i].pid, SIGTERM);
	for (;;) {
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (i = 0; i < nprocs; i++)
				if (procs[i].pid == pid)
					procs[i].pid = 0;
		for (left = 0, i = 0; i < nprocs; i++)
			left += procs[i].pid != 0;
		if (left == 0)
			return;
		if (now_ms() >= deadline) {
			for (i = 0; i < nprocs; i++)
				if (procs[i].pid > 1)
					kill(procs[i].pid, SIGKILL);
			deadline = now_ms() + 60000;
		}
		usleep(20000);
	}
}

/* One supervisor per store: a second would take the sockets and recover
 * the store under the first one's workers.  The lock is this process's
 * alone (fcntl locks pass to no child) and ends with it. */
static int
lock_supervisor(uid_t uid, gid_t gid)
{
	char path[PATH_MAX];
	struct flock fl;
	int fd;

	snprintf(path, sizeof(path), "%s/super.lock", conf.store_dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1 ||
	    (getuid() == 0 && fchown(fd, uid, gid) == -1)) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == -1) {
		if (fcntl(fd, F_GETLK, &fl) == -1)
			fl.l_pid = 0;
		log_err("another supervisor (pid %d) runs on %s", (int)fl.l_pid,
		    conf.store_dir);
		close(fd);
		return -1;
	}
	return 0;
}

/* Ends the processes still inside the store before recovery, which would
 * block them for good or be corrupted by them: workers of a supervisor
 * that died (one blocked in Berkeley DB or stopped never heeds the
 * parent-death signal), a program run as plain CGI, an admin command.
 * SIGTERM, then SIGKILL after grace_ms; -1 if one cannot be ended. */
static int
end_store_users(long grace_ms)
{
	long start = now_ms();
	pid_t pid, last = 0;

	while ((pid = store_user(conf.store_dir)) != 0) {
		if (pid <= 1 || now_ms() - start > grace_ms + STOP_GRACE) {
			log_err("process %d keeps the store in %s open", (int)pid,
			    conf.store_dir);
			return -1;
		}
		if (pid != last)
			log_info("process %d still has the store open: ending it",
			    (int)pid);
		last = pid;
		if (kill(pid, now_ms() - start < grace_ms ? SIGTERM : SIGKILL) == -1 &&
		    errno != ESRCH) {
			log_err("cannot end process %d: %s", (int)pid, strerror(errno));
			return -1;
		}
		usleep(20000);
	}
	return 0;
}

static int
open_store(long grace_ms)
{
	int rc;

	if (end_store_users(grace_ms) != 0)
		return -1;
	rc = store_open(conf.store_dir, STORE_CREATE | STORE_RECOVER,
	    conf.cache_mb, &st);
	if (rc != STORE_OK)
		log_err("cannot open and recover the store in %s", conf.store_dir);
	return rc == STORE_OK ? 0 : -1;
}

/* failchk, in a child with its own handle and a deadline.  Aborting a
 * dead worker's transaction can block for good: glibc's
 * pthread_cond_destroy waits for the waiters of a lock's condition, and a
 * waiter killed with -9 never leaves.  A failchk that overruns is killed
 * and taken as "recover": the recovery builds the regions afresh. */
static int
failchk_bounded(void)
{
	long deadline = now_ms() + FAILCHK_GRACE;
	int status, rc;
	pid_t pid;

	if ((pid = fork()) == -1)
		return store_failchk(st);
	if (pid == 0) {
		rc = store_failchk_dir(conf.store_dir);
		_exit(rc == STORE_OK ? 0 : rc == STORE_NEEDRECOVERY ? 1 : 2);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_ms() >= deadline) {
			log_err("failchk still blocked after %d ms: recovering", FAILCHK_GRACE);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return STORE_NEEDRECOVERY;
		}
		usleep(5000);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return STORE_OK;
	return STORE_NEEDRECOVERY;
}

/* Reaps dead workers, lets Berkeley DB clean up after them, and starts
 * replacements, or recovers first when failchk asks for it. */
static int
reap(void)
{
	int status, i, died = 0, quick = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < nprocs; i++) {
			if (procs[i].pid != pid)
				continue;
			log_info("%s[%d] ended (%s %d)", procs[i].prog == NOTIFY ?
			    NOTIFY_NAME : conf.workers[procs[i].prog].name,
			    (int)pid, WIFSIGNALED(status) ? "signal" : "status",
			    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			quick |= time(NULL) - procs[i].started < 1;
			procs[i].pid = 0;
			died = 1;
		}
	if (!died)
		return 0;
	/* It may have died between a commit and retiring the pages. */
	live_commit();
	if (failchk_bounded() != STORE_OK) {
		log_info("recovery needed: stopping every worker");
		stop_all(RECOVERY_GRACE);
		store_panic(st);
		store_close(st);
		st = NULL;
		if (open_store(RECOVERY_GRACE) != 0)
			return -1;
		log_info("recovered");
	}
	/* A worker that dies at once (bad config, missing program) is not
	 * restarted in a tight loop. */
	if (quick)
		sleep(1);
	spawn_all();
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *cfg = NULL, *pidfile = NULL;
	struct timespec ts;
	sigset_t set;
	siginfo_t si;
	uid_t uid;
	gid_t gid, sgid;
	int ch, i, j, sig, rc = 1;
	time_t last_ckp = time(NULL);
	FILE *f;

	log_init("mubiao-super");
	while ((ch = getopt(argc, argv, "c:p:")) != -1) {
		switch (ch) {
		case 'c':
			cfg = optarg;
			break;
		case 'p':
			pidfile = optarg;
			break;
		default:
			usage();
		}
	}
	if (conf_load(&conf, cfg) != 0)
		return 1;
	if (conf.nworkers == 0) {
		log_err("no worker configured");
		return 1;
	}
	if (realpath(cfg ? cfg : getenv("MUBIAO_CONF") ? getenv("MUBIAO_CONF") :
	    MUBIAO_CONF_PATH, conf_path) == NULL) {
		log_err("config: %s", strerror(errno));
		return 1;
	}
	if (priv_ids(conf.user, conf.socket_group, &uid, &gid, &sgid) != 0)
		return 1;
	/* The store is the run user's alone; the socket folder is shared
	 * with the web server's group. */
	if (priv_user_dir(conf.store_dir, conf.user, uid, gid, 0700, 1) != 0)
		return 1;
	mkdir(conf.socket_dir, 0750);
	if (getuid() == 0 && chown(conf.socket_dir, uid, sgid) == -1) {
		log_err("%s: %s", conf.socket_dir, strerror(errno));
		return 1;
	}
	if (lock_supervisor(uid, gid) != 0 ||
	    pcache_create(conf.page_cache, uid, sgid) != 0 ||
	    live_create(conf.socket_dir, uid, sgid) != 0)
		return 1;
	for (i = 0; i < conf.nworkers; i++) {
		if ((socks[i] = make_socket(i, uid, sgid)) == -1)
			return 1;
		for (j = 0; j < conf.workers[i].count && nprocs < MAX_PROCS; j++)
			procs[nprocs++].prog = i;
	}
	if (conf.notify && nprocs < MAX_PROCS)
		procs[nprocs++].prog = NOTIFY;
	/* The pid file is written while still root: its folder may be root's. */
	if (pidfile != NULL && (f = fopen(pidfile, "w")) != NULL) {
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
	if (priv_drop(uid, gid) != 0)
		goto out;
	/* Signals are taken synchronously with sigtimedwait below. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	store_set_isalive(alive);
	if (open_store(STOP_GRACE) != 0 || csrf_create_key(conf.store_dir) != 0)
		goto out;
	/* Pages kept before this start may predate a restore or a load;
	 * cards are named by what they show, but start afresh too, in a file
	 * of the size configured now. */
	pcache_init(conf.page_cache);
	cards_create(conf.socket_dir, conf.card_cache_mb);
	live_init(conf.socket_dir);
	live_commit();
	spawn_all();
	log_info("started %d workers", nprocs);
	for (;;) {
		/* Each second with a page cache: its day must turn at midnight. */
		ts.tv_sec = conf.page_cache[0] != '\0' ? 1 : conf.checkpoint_secs;
		ts.tv_nsec = 0;
		sig = sigtimedwait(&set, &si, &ts);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGCHLD && reap() != 0)
			goto out;
		pcache_tick();
		if (time(NULL) - last_ckp >= conf.checkpoint_secs) {
			store_checkpoint(st);
			last_ckp = time(NULL);
		}
	}
	log_info("stopping");
	rc = 0;
out:
	stop_all(STOP_GRACE);
	if (st != NULL) {
		store_checkpoint(st);
		store_close(st);
	}
	remove_sockets();
	if (pidfile != NULL)
		unlink(pidfile);
	return rc;
}
