/* log.c: the one logger (see log.h). */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *progname = "mubiao";

void
log_init(const char *name)
{
	progname = name;
}

static void
log_v(const char *level, const char *fmt, va_list ap)
{
	char buf[1024], ts[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* One write per line so lines of concurrent workers do not mix. */
	dprintf(STDERR_FILENO, "%s %s[%d] %s: %s\n", ts, progname,
	    (int)getpid(), level, buf);
}

void
log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v("error", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_v("info", fmt, ap);
	va_end(ap);
}
