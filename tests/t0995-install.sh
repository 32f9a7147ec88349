#!/bin/sh
# From `make install` to the first check-in, as README.md's "Installing on
# your server" tells an admin: make install PREFIX=/opt/mubiao into a
# scratch root; the installed files name /opt/mubiao, never the scratch
# root nor /usr/local; then, with that root seen at /opt (a mount
# namespace of the test's own), the supervisor runs as the installed
# systemd unit starts it, mubiao-admin (no -c: its built-in config path)
# makes the first admin, and a private nginx and a private Apache serve
# /okr/ through the installed snippets: the admin's home page (200) and a
# check-in (303) through each.  make uninstall then removes the programs
# and keeps the snippet the admin edited.  Root only (a mount namespace,
# servers as www-data); the nginx pass only (it installs build/, not the
# pass's programs, and starts servers of its own).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v unshare > /dev/null || ! command -v nsenter > /dev/null; then
	note "not root (or no unshare, nsenter): the install test is skipped"
	exit 0
fi
if [ "${MUBIAO_PASS:-nginx}" != nginx ]; then
	note "the install test runs in the nginx pass only"
	exit 0
fi

W="$MUBIAO_WORK/t0995"
R="$W/root"
P=/opt/mubiao
rm -rf "$W"
mkdir -p "$W/log" "$W/tmp" "$W/apache" "$W/nginx"
chmod 755 "$W"
chown www-data:www-data "$W/log" "$W/tmp"

# ------------------------------------------------------------ install
require "make install PREFIX=$P DESTDIR=$R" \
    make -s -C "$TESTS_ROOT" install PREFIX=$P DESTDIR="$R" > "$W/install.log" 2>&1
E="$R$P/etc"
for f in mubiao.conf mubiao/mubiao-super.service mubiao/nginx-mubiao.conf \
    mubiao/nginx-mubiao-maps.conf mubiao/apache-mubiao.conf; do
	check "installed $f names no other root ($(grep -o -e /usr/local -e "$R" "$E/$f" | head -1))" \
	    sh -c "test -s '$E/$f' && ! grep -q -e /usr/local -e '$R' '$E/$f'"
done
check "the unit starts $P/sbin/mubiao-super with $P/etc/mubiao.conf" \
    grep -q "^ExecStart=$P/sbin/mubiao-super -c $P/etc/mubiao.conf\$" "$E/mubiao/mubiao-super.service"
check "mubiao.conf: the workers in $P/libexec/mubiao, stylesheets in $P/share/mubiao/xslt" \
    sh -c "grep -q '^bin-dir = $P/libexec/mubiao\$' '$E/mubiao.conf' &&
	grep -q '^xslt-dir = $P/share/mubiao/xslt\$' '$E/mubiao.conf'"
check "nginx-mubiao.conf serves the CSS from $P/share/mubiao/xslt" \
    grep -q "alias $P/share/mubiao/xslt/" "$E/mubiao/nginx-mubiao.conf"
check "XML.md installed beside the schema" test -s "$R$P/share/mubiao/xslt/XML.md" -a \
    -s "$R$P/share/mubiao/xslt/mubiao.rng"
check "the man pages name XML.md where it is" \
    grep -q "$P/share/mubiao/xslt/XML.md" "$R$P/share/man/man8/mubiao-admin.8"

# The scratch root seen at /opt by the servers and programs below, and
# by nothing else on the machine.
unshare -m --propagation private sh -c "mount --bind '$R/opt' /opt && exec sleep 300" &
NS=$!
at_exit "kill $NS 2>/dev/null"
in_root() {
	nsenter -t "$NS" -m -- "$@"
}
n=0
until in_root test -x $P/sbin/mubiao-super || [ $n -ge 50 ]; do
	sleep 0.1; n=$((n + 1))
done
require "$R/opt is /opt in the test's mount namespace" in_root test -x $P/sbin/mubiao-super

# ------------------------------------ the README's steps, in its order
# mubiao.conf: where the store, the sockets and the page cache go (the
# test's folders for /var/lib/mubiao, /run/mubiao, /var/cache/mubiao);
# user and socket-group stay www-data.
sed -i -e "s|^store-dir = .*|store-dir = $W/lib|" -e "s|^socket-dir = .*|socket-dir = $W/run|" \
    -e "s|^page-cache = .*|page-cache = $W/cache|" "$E/mubiao.conf"

# The supervisor, as the installed unit starts it.
EXEC=$(sed -n 's/^ExecStart=//p' "$E/mubiao/mubiao-super.service")
# nsenter itself, not in_root: $! is then the supervisor (nsenter execs it).
# shellcheck disable=SC2086
nsenter -t "$NS" -m -- $EXEC < /dev/null >> "$W/log/super.log" 2>&1 &
SUPER=$!
at_exit "kill $SUPER 2>/dev/null; wait $SUPER 2>/dev/null"
n=0
until [ -S "$W/run/okr-edit.sock" ] && [ -S "$W/run/okr-meet.sock" ] &&
    [ -S "$W/run/okr-read.sock" ] || [ $n -ge 100 ]; do
	sleep 0.1; n=$((n + 1))
done
require "the supervisor ($EXEC) opens the three sockets" test -S "$W/run/okr-read.sock"

# The first admin, by mubiao-admin without -c.
if in_root $P/sbin/mubiao-admin 2>&1 | grep -q '^ *init '; then
	in_root $P/sbin/mubiao-admin init --company 星河科技 --admin admin --name 管理员 \
	    > "$W/log/admin.log" 2>&1
	rc=$?
	step="init --company 星河科技 --admin admin"
else
	# A mubiao-admin without init: the demo company, whose admin is admin.
	in_root $P/sbin/mubiao-admin load-demo > "$W/log/admin.log" 2>&1
	rc=$?
	step=load-demo
fi
require "mubiao-admin $step ($(tail -1 "$W/log/admin.log"))" test $rc = 0
# The people, from the directory's CSV (the demo has lina already): a dry
# run, then the load.
if [ "$step" != load-demo ]; then
	printf 'login,name,unit,lead\nlina,李娜,星河科技/研发部/平台组,0\n' > "$W/people.csv"
	in_root $P/sbin/mubiao-admin people-load --dry-run "$W/people.csv" > "$W/log/people.log" 2>&1 &&
	    in_root $P/sbin/mubiao-admin people-load "$W/people.csv" >> "$W/log/people.log" 2>&1
	rc=$?
	check "mubiao-admin people-load --dry-run, then people-load ($(tail -1 "$W/log/people.log"))" \
	    test $rc = 0
fi
for login in admin lina; do
	echo "$login:$(openssl passwd -apr1 $login)"
done > "$W/htpasswd"
chmod 644 "$W/htpasswd"

# nginx: the maps at the http level, the snippet in a server, its paths
# edited where this server's differ (sockets, page cache, passwords).
NPORT=$(free_port)
sed -i -e "s|/run/mubiao/|$W/run/|g" -e "s|/var/cache/mubiao/|$W/cache/|g" \
    -e "s|/etc/nginx/mubiao.htpasswd|$W/htpasswd|g" "$E/mubiao/nginx-mubiao.conf"
cat > "$W/nginx.conf" <<EOF
user www-data;
worker_processes 1;
pid $W/nginx.pid;
error_log $W/log/nginx-error.log;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log $W/log/nginx-access.log;
	client_body_temp_path $W/tmp/body;
	fastcgi_temp_path $W/tmp/fastcgi;
	proxy_temp_path $W/tmp/proxy;
	uwsgi_temp_path $W/tmp/uwsgi;
	scgi_temp_path $W/tmp/scgi;
	include $P/etc/mubiao/nginx-mubiao-maps.conf;
	server {
		listen 127.0.0.1:$NPORT;
		include $P/etc/mubiao/nginx-mubiao.conf;
	}
}
EOF
in_root nginx -p "$W/nginx" -c "$W/nginx.conf" -e "$W/log/nginx-error.log" 2>> "$W/log/nginx-error.log"
at_exit "[ -f '$W/nginx.pid' ] && kill \$(cat '$W/nginx.pid')"

# Apache: Debian's modules (deflate.conf as Debian enables it), the
# socket folder defined, the snippet included, Basic auth on /okr/.
APORT=$(free_port)
for m in mpm_event authz_core authz_user authn_core authn_file auth_basic alias mime \
    headers filter deflate proxy proxy_fcgi; do
	echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_$m.so"
done > "$W/apache-modules.conf"
cat > "$W/apache.conf" <<EOF
ServerRoot "$W/apache"
Listen 127.0.0.1:$APORT
ServerName 127.0.0.1
PidFile "$W/apache.pid"
DefaultRuntimeDir "$W/tmp"
Mutex file:$W/tmp default
ErrorLog "$W/log/apache-error.log"
User www-data
Group www-data
Include "$W/apache-modules.conf"
Include /etc/apache2/mods-available/deflate.conf
TypesConfig /etc/mime.types
StartServers 1
<Directory />
	Require all denied
</Directory>
DocumentRoot "$W/apache"
<Directory "$W/apache">
	Require all granted
</Directory>
Define MUBIAO_SOCKETS $W/run
Include $P/etc/mubiao/apache-mubiao.conf
<Location "/okr/">
	AuthType Basic
	AuthName "Mubiao"
	AuthUserFile "$W/htpasswd"
	Require valid-user
</Location>
<Location "/okr/static/">
	Require all granted
</Location>
EOF
in_root /usr/sbin/apache2 -f "$W/apache.conf" -k start 2>> "$W/log/apache-error.log"
at_exit "[ -f '$W/apache.pid' ] && kill \$(cat '$W/apache.pid')"
for port in $NPORT $APORT; do
	n=0
	until curl -s -o /dev/null "http://127.0.0.1:$port/" || [ $n -ge 100 ]; do
		sleep 0.1; n=$((n + 1))
	done
done

# ---------------------------------------------------- signed in, writing
# Scraped from the HTML: the installed programs have no test hooks.
scrape() {	# REGEX: the first match's \1 in the last body
	sed -n "s|.*$1.*|\\1|p" "$TMP/body" | head -1
}
TITLE="t0995 装好了 $(uniq_tag)"
for server in nginx:$NPORT apache:$APORT; do
	MUBIAO_URL=http://127.0.0.1:${server#*:}/okr
	name=${server%:*}
	get admin /
	expect_status 200 "$name, installed: GET /okr/ as admin: 200"
	expect_body_contains 星河科技 "$name, installed: the home page shows the company"
	get lina /
	expect_status 200 "$name, installed: GET /okr/ as lina (a person loaded): 200"
	get - /static/okr.css
	expect_status 200 "$name, installed: the CSS from $P/share/mubiao/xslt: 200"
	if [ "$name" = nginx ]; then
		get admin /tree
		UNIT=$(scrape 'href="/okr/unit/\([0-9]*\)"')
		get admin "/edit/objective/new?unit=$UNIT"
		TOK=$(scrape 'name="token" value="\([0-9a-f]*\)"')
		get admin /edit/objective/new -X POST --data "token=$TOK&cycle=$CUR&unit=$UNIT" \
		    --data-urlencode "title=$TITLE"
		expect_status 303 "$name: an objective of unit $UNIT saved: 303"
		O=$(location | sed -n 's|.*/okr/objective/\([0-9][0-9]*\)$|\1|p')
		get admin /edit/kr/new -X POST --data-urlencode "title=$TITLE: 100 个客户，本季度" \
		    --data "token=$TOK&objective=$O&kind=numeric&direction=increase&start=0&target=100&current=0&weight=1"
		expect_status 303 "$name: its KR saved: 303"
	fi
	get admin "/objective/$O"
	K=$(scrape 'name="kr" value="\([0-9]*\)"')
	get admin "/edit/checkin/$O" -X POST \
	    --data "token=$TOK&kr=$K&value=${#name}&confidence=0.6&note=t0995-$name"
	expect_status 303 "$name, installed: a check-in on objective $O (KR $K): 303"
	get admin "/objective/$O"
	expect_body_contains "t0995-$name" "$name, installed: the objective shows the check-in"
done

# ------------------------------------------------------------ uninstall
in_root nginx -p "$W/nginx" -c "$W/nginx.conf" -s stop 2> /dev/null
in_root /usr/sbin/apache2 -f "$W/apache.conf" -k stop 2> /dev/null
kill "$SUPER" 2> /dev/null
wait "$SUPER" 2> /dev/null
check "the supervisor ended on SIGTERM, its sockets removed" \
    sh -c "! kill -0 $SUPER 2>/dev/null && test ! -e '$W/run/okr-read.sock'"
make -s -C "$TESTS_ROOT" uninstall PREFIX=$P DESTDIR="$R" > "$W/uninstall.log" 2>&1
check "make uninstall removes the programs, workers and stylesheets" \
    test ! -e "$R$P/sbin/mubiao-super" -a ! -e "$R$P/libexec/mubiao/okr-read" -a \
    ! -e "$R$P/share/mubiao/xslt"
check "make uninstall keeps the nginx snippet the admin edited" \
    grep -q "$W/htpasswd" "$E/mubiao/nginx-mubiao.conf"
check "make uninstall removes the snippets as installed (apache-mubiao.conf)" \
    test ! -e "$E/mubiao/apache-mubiao.conf" -a ! -e "$E/mubiao/mubiao-super.service"
check "make uninstall keeps the config and says so" \
    sh -c "test -s '$E/mubiao.conf' && grep -q 'kept .*nginx-mubiao.conf' '$W/uninstall.log'"
