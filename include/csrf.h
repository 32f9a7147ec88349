/* csrf.h: tokens that tie a form to the person it was made for.  The
 * token is an HMAC-SHA-256, under a key kept in the store's folder, of the
 * login: a page from another site cannot know it. */
#ifndef MUBIAO_CSRF_H
#define MUBIAO_CSRF_H

#define CSRF_KEYFILE	"csrf.key"

/* Creates dir/csrf.key (32 random bytes, mode 0600) unless it exists.
 * The supervisor calls it before any worker starts.  0 or -1. */
int	csrf_create_key(const char *dir);
/* Reads the key; 0 or -1. */
int	csrf_init(const char *dir);
/* The token of login, 64 hex digits and a NUL. */
void	csrf_token(const char *login, char out[65]);
/* 1 when token is login's, compared in constant time; else 0. */
int	csrf_check(const char *login, const char *token);

#endif
