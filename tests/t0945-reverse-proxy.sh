#!/bin/sh
# Behind a front nginx that terminates TLS (a self-signed certificate
# made here) and proxies to Mubiao's own nginx: pages load, a check-in
# with the browser's Origin (https, the front's port) is saved and
# redirected to the public URL, a foreign Origin is refused, and the Atom
# feed links to the public URL.  Once with public-url in mubiao.conf, once
# with trusted-proxy and the front's X-Forwarded-* headers; forwarded
# headers from a peer not listed are ignored.  A bad public-url or
# trusted-proxy is a config error naming the line.
. "$(dirname "$0")/lib.sh"

F="$TMP/front"
rm -rf "$F"
mkdir -p "$F/log" "$F/tmp"
chmod 755 "$F"
if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$F/key.pem" -out "$F/cert.pem" -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost > "$F/openssl.out" 2>&1; then
	fail "openssl makes a self-signed certificate for localhost"
	note "$(tail -3 "$F/openssl.out")"
	exit 0
fi

# front_start BACK [BIND]: the front nginx on $FPORT (TLS, passing Host
# and X-Forwarded-*, connecting from BIND when given) and on $FPORT2 (the
# same, always from 127.0.0.1), both to 127.0.0.1:BACK.
front_start() {
	front_stop
	_user=
	[ "$(id -u)" = 0 ] && _user="user www-data www-data;"
	_bind=${2:+proxy_bind $2;}
	cat > "$F/nginx.conf" <<CONF
$_user
worker_processes 1;
pid $F/nginx.pid;
error_log $F/log/error.log;
events { worker_connections 64; }
http {
	access_log $F/log/access.log;
	client_body_temp_path $F/tmp/body;
	proxy_temp_path $F/tmp/proxy;
	fastcgi_temp_path $F/tmp/fastcgi;
	uwsgi_temp_path $F/tmp/uwsgi;
	scgi_temp_path $F/tmp/scgi;
	ssl_certificate $F/cert.pem;
	ssl_certificate_key $F/key.pem;
	proxy_set_header Host \$host;
	proxy_set_header X-Forwarded-Host \$host:\$server_port;
	proxy_set_header X-Forwarded-Proto \$scheme;
	proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
	server {
		listen 127.0.0.1:$FPORT ssl;
		location / { $_bind proxy_pass http://127.0.0.1:$1; }
	}
	server {
		listen 127.0.0.1:$FPORT2 ssl;
		location / { proxy_pass http://127.0.0.1:$1; }
	}
}
CONF
	nginx -p "$F" -c "$F/nginx.conf" -e "$F/log/error.log" 2> "$F/start.err"
}

front_stop() {
	[ -f "$F/nginx.pid" ] || return 0
	kill "$(cat "$F/nginx.pid")" 2>/dev/null
	_i=0
	while [ -f "$F/nginx.pid" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
}
at_exit front_stop

# fget PORT PATH [curl args]: GET (or POST with args) through the front on
# PORT as admin, as get does.
fget() {
	_fp=$1 _fpath=$2
	shift 2
	REQ="$_fpath through the front on $_fp"
	curl -s --max-time 10 --cacert "$F/cert.pem" -u admin:admin -D "$TMP/headers" \
	    -o "$TMP/body" -w '%{http_code}' "$@" "https://localhost:$_fp/okr$_fpath" > "$TMP/status"
}

# checkin PORT ORIGIN NOTE: a check-in of $K through the front.
checkin() {
	fget "$1" "/edit/checkin/$O" -H "Origin: $2" \
	    --data "token=$TOK&back=/okr/objective/$O&kr=$K&value=42&confidence=0.5&note=$3"
}

# Whether the store holds a check-in with note NOTE (read from the back
# end directly).
saved() {	# NOTE
	curl -s --max-time 10 -u admin:admin "$U/xml/objective/$O" | grep -q -F -e "$1"
}

# The Atom feed's links and ids ($TMP/body), one a line.
atom_urls() {
	grep -o -e 'href="[^"]*"' -e '<id>[^<]*</id>' "$TMP/body"
}

# ------------------------------------------------------ config errors
for bad in "public-url = okr.example.com/okr" "public-url = https://okr.example.com:99999/" \
    "public-url = https://okr.example.com/okr?x=1" "trusted-proxy = 10.0.0.0/33" \
    "trusted-proxy = proxy.example.com"; do
	printf 'store-dir = %s\n# a comment\n%s\n' "$TMP/nostore" "$bad" > "$TMP/bad.conf"
	"$MUBIAO_DIR/app/bin/mubiao-admin" -c "$TMP/bad.conf" stats > "$TMP/bad.out" 2>&1 < /dev/null
	rc=$?
	check "'$bad': a config error on line 3, exit $rc ($(head -1 "$TMP/bad.out"))" \
	    sh -c "[ $rc -ne 0 ] && grep -q 'bad.conf:3: bad value for ${bad%% *}: expected' '$TMP/bad.out'"
done

# ----------------------------------------------------------- public-url
FPORT=$(free_port) FPORT2=$(free_port)
PUB="https://localhost:$FPORT/okr"
MUBIAO_PUBLIC_URL=$PUB
export MUBIAO_PUBLIC_URL
private_stack proxy-public
rc=$?
unset MUBIAO_PUBLIC_URL
require "a stack with public-url = $PUB starts" test $rc = 0
require "the front nginx (TLS) on $FPORT starts" front_start "$STACK_PORT"
checkin_target
require "objective $O, KR $K and a token on $U" test -n "$O" -a -n "$K" -a -n "$TOK"

fget "$FPORT" "/objective/$O"
expect_status 200
expect_body_contains '<form class="checkin"'
# The app's address without its final '/': sent on, on the public host
# (nginx's own redirect; Apache's mod_alias makes it absolute on its own
# host, which the front must map, see README.md).
if [ "${MUBIAO_SERVER:-nginx}" = nginx ]; then
	fget "$FPORT" ""
	expect_status 301
	check "$REQ: Location $(location) leads to $PUB/" sh -c "
	    [ '$(location)' = /okr/ ] || [ '$(location)' = '$PUB/' ]"
fi
TAG=t0945-pub-$(uniq_tag)
checkin "$FPORT" "https://localhost:$FPORT" "$TAG"
expect_status 303 "a check-in through the front with Origin https://localhost:$FPORT: 303"
expect_header Location "$PUB/objective/$O" "$REQ: Location on the public URL"
check "the store holds check-in $TAG" saved "$TAG"
checkin "$FPORT" "https://evil.example" "$TAG-foreign"
expect_status 403 "the same check-in with a foreign Origin: 403"
check "the store holds no check-in $TAG-foreign" sh -c "! $(command -v curl) -s -u admin:admin '$U/xml/objective/$O' | grep -q -F '$TAG-foreign'"
PLAT=$(doc_xpath_at "$U" admin /tree "string((//node[@kind='unit'][@name='平台组']/@id)[1])")
fget "$FPORT" "/atom/unit/$PLAT"
expect_status 200
check "the Atom feed's links name $PUB ($(atom_urls | head -3 | tr '\n' ' '))" \
    sh -c "grep -q 'href=\"$PUB/objective/' '$TMP/body' &&
    grep -q 'rel=\"self\" type=\"application/atom+xml\" href=\"$PUB/atom/unit/$PLAT\"' '$TMP/body' &&
    ! grep -q -e 'href=\"http:' -e '127.0.0.1' '$TMP/body'"
check "the Atom feed's ids name records, not an address" \
    sh -c "! grep '<id>' '$TMP/body' | grep -v -q '<id>urn:mubiao:okr:'"

# -------------------------------------------------------- trusted-proxy
# The front connects from 127.0.0.2 on FPORT, the one address trusted;
# the direct requests below (and the front on FPORT2) come from 127.0.0.1.
# The first stack ends meanwhile (its supervisor takes seconds).
front_stop
stack_stop "$S" &
at_exit "wait $!"
FPORT=$(free_port) FPORT2=$(free_port)
PUB="https://localhost:$FPORT/okr"
MUBIAO_TRUSTED_PROXY="192.0.2.0/24 127.0.0.2"
export MUBIAO_TRUSTED_PROXY
private_stack proxy-trusted
rc=$?
unset MUBIAO_TRUSTED_PROXY
require "a stack with trusted-proxy = 127.0.0.2 starts" test $rc = 0
require "the front nginx (TLS) on $FPORT, from 127.0.0.2, starts" front_start "$STACK_PORT" 127.0.0.2
checkin_target
require "objective $O, KR $K and a token on $U" test -n "$O" -a -n "$K" -a -n "$TOK"

TAG=t0945-fwd-$(uniq_tag)
checkin "$FPORT" "https://localhost:$FPORT" "$TAG"
expect_status 303 "a check-in through the trusted front with Origin https://localhost:$FPORT: 303"
expect_header Location "$PUB/objective/$O" "$REQ: Location on the forwarded URL"
check "the store holds check-in $TAG" saved "$TAG"
checkin "$FPORT" "https://evil.example" "$TAG-foreign"
expect_status 403 "the same check-in with a foreign Origin: 403"
PLAT=$(doc_xpath_at "$U" admin /tree "string((//node[@kind='unit'][@name='平台组']/@id)[1])")
fget "$FPORT" "/atom/unit/$PLAT"
check "the Atom feed through the trusted front links to $PUB" \
    sh -c "grep -q 'href=\"$PUB/objective/' '$TMP/body' && ! grep -q -e 'href=\"http:' -e '127.0.0.1' '$TMP/body'"

# An untrusted peer: the front on FPORT2 connects from 127.0.0.1.
checkin "$FPORT2" "https://localhost:$FPORT2" "$TAG-untrusted"
expect_status 403 "a check-in through a front not listed in trusted-proxy: 403"
check "the store holds no check-in $TAG-untrusted" sh -c "! $(command -v curl) -s -u admin:admin '$U/xml/objective/$O' | grep -q -F '$TAG-untrusted'"
# Forged headers sent straight to the back end change nothing.
get_atom() {	# INTERFACE [curl args]
	_gi=$1
	shift
	curl -s --max-time 10 -u admin:admin --interface "$_gi" "$@" "$U/atom/unit/$PLAT" > "$TMP/body"
}
get_atom 127.0.0.1 -H 'X-Forwarded-Host: evil.example' -H 'X-Forwarded-Proto: https' \
    -H 'Forwarded: host=evil.example;proto=https'
check "forged X-Forwarded-Host and Forwarded from 127.0.0.1 change no link" \
    sh -c "grep -q 'href=\"$U/objective/' '$TMP/body' && ! grep -q evil '$TMP/body'"
# RFC 7239 Forwarded from the trusted address: its last element counts.
get_atom 127.0.0.2 -H 'Forwarded: host=evil.example, host="okr.example.com:8443";proto=https'
check "Forwarded from 127.0.0.2: links on https://okr.example.com:8443/okr" \
    sh -c "grep -q 'href=\"https://okr.example.com:8443/okr/objective/' '$TMP/body' && ! grep -q evil '$TMP/body'"
