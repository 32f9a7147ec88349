#!/bin/sh
# devstack.sh: a private Mubiao stack (supervisor + nginx) in one folder,
# for `make run` and the tests.
#   devstack.sh start DIR PORT   build/ must hold the programs
#   devstack.sh stop DIR
# MUBIAO_SERVER=apache starts a private Apache 2.4 (mod_proxy_fcgi, through
# conf/apache-mubiao.conf) in front instead of nginx.
# As root, the workers and nginx's workers run as www-data; the programs
# and stylesheets are copied into DIR/app so that they can read them
# wherever the checkout is.
set -eu
cmd=$1 dir=$2
root=$(cd "$(dirname "$0")/.." && pwd)

stop() {
	for f in "$dir/nginx.pid" "$dir/apache.pid" "$dir/run/super.pid"; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		kill "$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1; i=$((i + 1))
		done
		rm -f "$f"
	done
	# The sockets' folder in memory (below), gone with the stack.
	if [ -L "$dir/sock" ]; then
		rm -rf "$(readlink "$dir/sock")"
		rm -f "$dir/sock"
	fi
}

wait_for() {	# file or port, up to 10 s
	i=0
	while [ $i -lt 100 ]; do
		case $1 in
		*/*) [ -e "$1" ] && return 0 ;;
		*) curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0 ;;
		esac
		sleep 0.1; i=$((i + 1))
	done
	echo "devstack: $1 did not come up; see $dir/log" >&2
	return 1
}

case $cmd in
stop)
	stop
	exit 0 ;;
start)
	port=$3 ;;
*)
	echo "usage: devstack.sh start DIR PORT | stop DIR" >&2
	exit 2 ;;
esac

stop
mkdir -p "$dir/log" "$dir/tmp" "$dir/run" "$dir/static" "$dir/app/bin" "$dir/app/xslt/i18n"
chmod 755 "$dir"
# socket-dir in memory, as /run/mubiao is on a host: the live stamp is
# rewritten by every commit and the cards are read by every render, and
# on a disk each rewrite costs a flush.  DIR/sock names it.
if [ ! -e "$dir/sock" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/mubiao-sock.XXXXXX) && chmod 750 "$shm" &&
	    ln -s "$shm" "$dir/sock"
fi
# MUBIAO_BUILD names another build of the programs (build/asan: the
# sanitizer pass of the tests).
b="$root/${MUBIAO_BUILD:-build}"
install -m 755 "$b"/okr-read "$b"/okr-edit "$b"/okr-meet "$b"/mubiao-super "$b"/mubiao-admin \
	"$b"/mubiao-notify "$dir/app/bin/"
# MUBIAO_VALGRIND names a folder: each worker then runs under valgrind
# memcheck, its report there as PROGRAM.PID.log when it ends (the
# valgrind pass of the tests).  The supervisor execs the wrapper, so
# SIGTERM reaches valgrind, which passes it on and checks for leaks.
if [ -n "${MUBIAO_VALGRIND:-}" ]; then
	mkdir -p "$dir/app/bin/real"
	for p in okr-read okr-edit okr-meet; do
		mv "$dir/app/bin/$p" "$dir/app/bin/real/$p"
		cat > "$dir/app/bin/$p" <<WRAP
#!/bin/sh
exec valgrind ${MUBIAO_VALGRIND_OPTS:-} --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --suppressions=$dir/app/valgrind.supp \\
    --log-file=$MUBIAO_VALGRIND/$p.%p.log $dir/app/bin/real/$p "\$@"
WRAP
		chmod 755 "$dir/app/bin/$p"
	done
fi
cp "$root"/xslt/*.xsl "$root"/xslt/*.css "$root"/xslt/*.js "$root"/xslt/*.rng "$dir/app/xslt/"
cp "$root"/xslt/i18n/*.xml "$dir/app/xslt/i18n/"
cp "$root"/conf/apache-mubiao.conf "$dir/app/"
# What valgrind reads as the workers' user, who may not enter the checkout.
cp "$root"/tests/valgrind.supp "$dir/app/"
chmod -R a+rX "$dir/app"

if [ "$(id -u)" = 0 ]; then
	user=www-data group=www-data userline="user www-data www-data;"
	apacheuser="User www-data
Group www-data"
	# run/ holds the supervisor's pid file, which it removes as www-data.
	chown -R www-data:www-data "$dir/log" "$dir/tmp" "$dir/run"
else
	user=$(id -un) group=$(id -gn) userline= apacheuser=
fi

# The page cache is nginx's to serve (conf/nginx-mubiao.conf);
# MUBIAO_PAGE_CACHE=0 leaves it off, so that every page is rendered.
pagecache=
if [ "${MUBIAO_SERVER:-nginx}" = nginx ] && [ "${MUBIAO_PAGE_CACHE:-1}" != 0 ]; then
	pagecache=$dir/cache
fi

cat > "$dir/mubiao.conf" <<CONF
store-dir = $dir/db
xslt-dir = $dir/app/xslt
socket-dir = $dir/sock
bin-dir = $dir/app/bin
user = $user
socket-group = $group
checkpoint-seconds = 30
cache-mb = 32
page-cache = $pagecache
feed-max-records = ${MUBIAO_FEED_MAX:-100000}
worker = okr-read ${MUBIAO_WORKERS:-2}
worker = okr-edit ${MUBIAO_EDIT_WORKERS:-${MUBIAO_WORKERS:-2}}
worker = okr-meet ${MUBIAO_WORKERS:-2}
CONF
# MUBIAO_TIMEZONE (an IANA name) sets the stack's zone; else the host's.
if [ -n "${MUBIAO_TIMEZONE:-}" ]; then
	echo "timezone = $MUBIAO_TIMEZONE" >> "$dir/mubiao.conf"
fi
# MUBIAO_PUBLIC_URL sets public-url; MUBIAO_TRUSTED_PROXY (addresses,
# blank-separated) one trusted-proxy line each: a stack behind a proxy.
if [ -n "${MUBIAO_PUBLIC_URL:-}" ]; then
	echo "public-url = $MUBIAO_PUBLIC_URL" >> "$dir/mubiao.conf"
fi
for p in ${MUBIAO_TRUSTED_PROXY:-}; do
	echo "trusted-proxy = $p" >> "$dir/mubiao.conf"
done
# MUBIAO_CONF_EXTRA: more settings, one a line (the notifications' tests:
# their sendmail stand-in, a quick poll).
if [ -n "${MUBIAO_CONF_EXTRA:-}" ]; then
	printf '%s\n' "$MUBIAO_CONF_EXTRA" >> "$dir/mubiao.conf"
fi

"$dir/app/bin/mubiao-super" -c "$dir/mubiao.conf" -p "$dir/run/super.pid" \
	</dev/null >>"$dir/log/super.log" 2>&1 &
wait_for "$dir/sock/okr-read.sock"
wait_for "$dir/sock/okr-edit.sock"
wait_for "$dir/sock/okr-meet.sock"
wait_for "$dir/run/super.pid"
# MUBIAO_DEMO=0 leaves the store empty (make bench-scale loads its own).
if [ "${MUBIAO_DEMO:-1}" != 0 ]; then
	"$dir/app/bin/mubiao-admin" -c "$dir/mubiao.conf" load-demo -f \
		>>"$dir/log/admin.log" 2>&1
fi

# HTTP Basic passwords of the demo people: each equals its login.  As
# SHA-1 ({SHA}, which nginx and Apache both read): the web server checks
# the password on every request, and MD5-crypt's thousand rounds were a
# seventh of the CPU a check-in costs the whole stack, the web server's
# not Mubiao's.  A password that is the login needs no slow hash; real
# people's passwords do (README, "Into the web server you already run").
: > "$dir/htpasswd"
for login in $("$dir/app/bin/mubiao-admin" demo-logins); do
	echo "$login:{SHA}$(printf '%s' "$login" | openssl dgst -sha1 -binary | base64)" \
	    >> "$dir/htpasswd"
done
chmod 644 "$dir/htpasswd"

if [ "${MUBIAO_SERVER:-nginx}" = apache ]; then
	mkdir -p "$dir/apache"
	printf '%s\n' "$apacheuser" > "$dir/apache-user.conf"
	sed -e "s|@DIR@|$dir|g" -e "s|@APP@|$dir/app|g" -e "s|@PORT@|$port|g" \
		-e "s|@USERLINE@|Include $dir/apache-user.conf|" \
		-e "s|@ROOT@/conf/apache-mubiao.conf|$dir/app/apache-mubiao.conf|" \
		"$root/conf/apache-dev.conf.in" > "$dir/apache.conf"
	/usr/sbin/apache2 -f "$dir/apache.conf" -k start
else
	sed -e "s|@DIR@|$dir|g" -e "s|@APP@|$dir/app|g" -e "s|@PORT@|$port|g" \
		-e "s|@USERLINE@|$userline|" "$root/conf/nginx-dev.conf.in" > "$dir/nginx.conf"
	# The snippets an admin installs, with this stack's paths.
	sed -e "s|/run/mubiao/|$dir/sock/|g" -e "s|/usr/local/share/mubiao/xslt/|$dir/app/xslt/|g" \
		-e "s|/etc/nginx/mubiao.htpasswd|$dir/htpasswd|g" \
		-e "s|/var/cache/mubiao/|$dir/cache/|g" \
		"$root/conf/nginx-mubiao.conf" > "$dir/nginx-mubiao.conf"
	cp "$root/conf/nginx-mubiao-maps.conf" "$dir/nginx-mubiao-maps.conf"
	mkdir -p "$dir/nginx"
	nginx -p "$dir/nginx" -c "$dir/nginx.conf" -e "$dir/log/nginx-error.log"
fi
wait_for "$port"
echo "Mubiao is serving http://127.0.0.1:$port/okr/ (sign in as admin/admin; make stop ends it)"
