/* log.h: the one logger.  Lines go to stderr, which the supervisor and the
 * web server send to their error logs. */
#ifndef MUBIAO_LOG_H
#define MUBIAO_LOG_H

void	log_init(const char *progname);
void	log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
