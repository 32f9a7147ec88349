/* csrf.c: form tokens bound to the user (see csrf.h). */
#include <sys/random.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nettle/hmac.h>
#include <nettle/memops.h>

#include "csrf.h"
#include "log.h"

#define KEYLEN	32

/* The HMAC's state after the key: each token starts from a copy. */
static struct hmac_sha256_ctx keyed;
static int have_key;

static int
key_path(const char *dir, char *path, size_t size)
{
	return (size_t)snprintf(path, size, "%s/%s", dir, CSRF_KEYFILE) < size ? 0 : -1;
}

int
csrf_create_key(const char *dir)
{
	unsigned char k[KEYLEN];
	char path[600];
	int fd;

	if (key_path(dir, path, sizeof(path)) == -1)
		return -1;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		struct stat sb;

		if (errno != EEXIST)
			return -1;
		/* A key cut short (a crash while writing it) is made anew. */
		if (stat(path, &sb) == 0 && sb.st_size == KEYLEN)
			return 0;
		if (unlink(path) == -1 ||
		    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
			return -1;
	}
	if (getrandom(k, sizeof(k), 0) != (ssize_t)sizeof(k) ||
	    write(fd, k, sizeof(k)) != (ssize_t)sizeof(k)) {
		log_err("%s: cannot write the form key", path);
		close(fd);
		unlink(path);
		return -1;
	}
	return close(fd);
}

int
csrf_init(const char *dir)
{
	unsigned char key[KEYLEN];
	char path[600];
	int fd;
	ssize_t n;

	if (key_path(dir, path, sizeof(path)) == -1 ||
	    (fd = open(path, O_RDONLY)) == -1) {
		log_err("%s/%s: %s", dir, CSRF_KEYFILE, strerror(errno));
		return -1;
	}
	n = read(fd, key, sizeof(key));
	close(fd);
	have_key = n == (ssize_t)sizeof(key);
	if (have_key)
		hmac_sha256_set_key(&keyed, sizeof(key), key);
	explicit_bzero(key, sizeof(key));
	return have_key ? 0 : -1;
}

/* Nettle, not OpenSSL's libcrypto: the same HMAC-SHA-256 without the
 * provider machinery libcrypto 3 loads on first use and keeps resident in
 * every worker. */
void
csrf_token(const char *login, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct hmac_sha256_ctx c = keyed;
	unsigned char mac[SHA256_DIGEST_SIZE];
	unsigned int i;

	hmac_sha256_update(&c, strlen(login), (const uint8_t *)login);
	hmac_sha256_digest(&c, sizeof(mac), mac);
	for (i = 0; i < sizeof(mac); i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 15];
	}
	out[64] = '\0';
}

int
csrf_check(const char *login, const char *token)
{
	char want[65];

	if (!have_key || login == NULL || token == NULL || strlen(token) != 64)
		return 0;
	csrf_token(login, want);
	return memeql_sec(want, token, 64);
}
