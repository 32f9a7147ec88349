# tests/lib.sh: helpers for the shell tests (POSIX sh), sourced by
# tests/run.sh and by every tests/tNNNN-*.sh.
#
# A test script sees MUBIAO_URL (http://127.0.0.1:PORT/okr), MUBIAO_DIR
# (the stack's folder) and MUBIAO_RESULTS (one "ok"/"fail" line per
# assertion).  Run alone (sh tests/t0100-pages.sh), a script starts its
# own stack and prints its own count.
#
#   get USER PATH [curl args]    PATH under MUBIAO_URL; USER "-": no
#                                credentials; password = login.  Writes
#                                $TMP/body, $TMP/headers, $TMP/status.
#   expect_status N [desc]       expect_body_contains TEXT [desc]
#   expect_body_lacks TEXT [desc]     expect_header NAME VALUE [desc]
#   check DESC COMMAND...        ok if COMMAND succeeds
#   ok DESC / fail DESC          count one assertion

TESTS_ROOT=$(cd "$(dirname "$0")/.." && pwd)

ok() {
	printf 'ok - %s\n' "$*"
	echo ok >> "$MUBIAO_RESULTS"
	return 0
}

fail() {
	printf 'not ok - %s\n' "$*"
	echo fail >> "$MUBIAO_RESULTS"
	return 1
}

# A diagnostic line under a failed assertion.
note() {
	printf '#   %s\n' "$*"
}

check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else fail "$_d"; fi
}

# ------------------------------------------------------------ the stack

# A loopback port nothing listens on: random ports in 20000-40000 until
# curl says "connection refused" (exit 7).
free_port() {
	_i=0
	while [ $_i -lt 50 ]; do
		_p=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20001 + 20000 ))
		curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$_p/"
		[ $? -eq 7 ] && { echo "$_p"; return 0; }
		_i=$((_i + 1))
	done
	return 1
}

# stack_start DIR: a private stack in DIR (created) on a free port; sets
# STACK_PORT.  Retries on another port if the first is taken meanwhile.
stack_start() {
	mkdir -p "$1" && chmod 755 "$1" || return 1
	_n=0
	while [ $_n -lt 3 ]; do
		STACK_PORT=$(free_port) || return 1
		if sh "$TESTS_ROOT/conf/devstack.sh" start "$1" "$STACK_PORT" \
		    > "$1/devstack.out" 2>&1; then
			return 0
		fi
		sh "$TESTS_ROOT/conf/devstack.sh" stop "$1" >/dev/null 2>&1
		_n=$((_n + 1))
	done
	cat "$1/devstack.out" >&2
	return 1
}

stack_stop() {
	[ -n "$1" ] && [ -d "$1" ] &&
	    sh "$TESTS_ROOT/conf/devstack.sh" stop "$1" >/dev/null 2>&1
	return 0
}

# The last lines of the stack's logs in DIR: errors, the supervisor
# (without Berkeley DB's lock-freeing chatter), requests that got a 5xx.
stack_logs() {
	for _f in "$1"/log/*.log; do
		[ -s "$_f" ] || continue
		case $_f in
		*access*) _s='" 5[0-9][0-9] ' ;;
		*) _s='' ;;
		esac
		grep -e "$_s" "$_f" | grep -v 'BDB2053 Freeing' | tail -n "${2:-15}" > "$_f.tail"
		[ -s "$_f.tail" ] || continue
		echo "# --- $_f"
		sed 's/^/#   /' "$_f.tail"
		rm -f "$_f.tail"
	done
}

# The worker pids of the stack in DIR: the supervisor's children.
worker_pids() {
	[ -f "$1/run/super.pid" ] && pgrep -P "$(cat "$1/run/super.pid")" | sort -n
}

# The worker program run once as plain CGI, as the store's owner:
#   cgi_run VAR=VALUE...   output in $TMP/cgi.out, exit status in $TMP/cgi.rc
cgi_run() {
	if [ "$(id -u)" = 0 ]; then
		set -- runuser -u www-data -- env -i "$@"
	else
		set -- env -i "$@"
	fi
	timeout 10 "$@" MUBIAO_CONF="$MUBIAO_DIR/mubiao.conf" \
	    "$MUBIAO_DIR/app/bin/okr-read" < /dev/null > "$TMP/cgi.out" 2> "$TMP/cgi.err"
	echo $? > "$TMP/cgi.rc"
}

# ------------------------------------------------------------- requests

get() {
	_u=$1 _p=$2
	shift 2
	REQ="GET $_p as $_u"
	for _a in "$@"; do
		case $_a in
		-X|-I|--head) REQ="${_a#-} $_p as $_u" ;;
		esac
	done
	if [ "$_u" = - ]; then set -- "$@"; else set -- -u "$_u:$_u" "$@"; fi
	rm -f "$TMP/body" "$TMP/headers"
	curl -s --max-time 10 -D "$TMP/headers" -o "$TMP/body" \
	    -w '%{http_code}' "$@" "$MUBIAO_URL$_p" > "$TMP/status"
	[ -f "$TMP/body" ] || : > "$TMP/body"
	[ -f "$TMP/headers" ] || : > "$TMP/headers"
	cat "$TMP/body" >> "$TMP/all.html"
	return 0
}

expect_status() {
	if [ "$(cat "$TMP/status")" = "$1" ]; then
		ok "${2:-$REQ: status $1}"
	else
		fail "${2:-$REQ: status $1}"
		note "got status $(cat "$TMP/status")"
	fi
}

expect_body_contains() {
	if grep -F -q -e "$1" "$TMP/body"; then
		ok "${2:-$REQ: page shows '$1'}"
	else
		fail "${2:-$REQ: page shows '$1'}"
		note "status $(cat "$TMP/status"), $(wc -c < "$TMP/body") bytes, text:" \
		    "$(sed 's/<[^>]*>/ /g' "$TMP/body" | tr -s ' \n' ' ' | cut -c1-300)"
	fi
}

expect_body_lacks() {
	if grep -F -q -e "$1" "$TMP/body"; then
		fail "${2:-$REQ: page lacks '$1'}"
		note "found: $(grep -F -o -e "$1" "$TMP/body" | head -1)"
	else
		ok "${2:-$REQ: page lacks '$1'}"
	fi
}

# The value of header NAME of the last response (first one, no CR).
header() {
	tr -d '\r' < "$TMP/headers" | grep -i "^$1:" | head -1 | sed 's/^[^:]*: *//'
}

expect_header() {
	if tr -d '\r' < "$TMP/headers" | grep -i "^$1:" | grep -F -q -e "$2"; then
		ok "${3:-$REQ: header $1 has '$2'}"
	else
		fail "${3:-$REQ: header $1 has '$2'}"
		note "got: $(tr -d '\r' < "$TMP/headers" | grep -i "^$1:" || echo "no $1 header")"
	fi
}

# What a grep regular expression matches in the last body, sorted, unique.
body_match() {
	grep -o -e "$1" "$TMP/body" | sort -u
}

# Text of catalog key KEY in language LANG (en, zh-CN).
msg() {
	sed -n "s|.*<m k=\"$2\">\(.*\)</m>.*|\1|p" "$TESTS_ROOT/xslt/i18n/$1.xml"
}

# The current and previous calendar quarters, as the demo names cycles.
_y=$(date -u +%Y)
_q=$(( ($(date -u +%m | sed 's/^0//') - 1) / 3 + 1 ))
CUR="$_y-Q$_q"
if [ $_q = 1 ]; then PREV="$((_y - 1))-Q4"; else PREV="$_y-Q$((_q - 1))"; fi

# ----------------------------------------------------------- standalone

[ -n "${MUBIAO_LIB_ONLY:-}" ] && return 0

# at_exit COMMAND: run COMMAND when the script ends, however it ends.
_at_exit=
at_exit() {
	_at_exit="$_at_exit $1;"
}
_on_exit() {
	eval "$_at_exit"
	[ -z "${_own:-}" ] || _own_end
}
trap _on_exit EXIT
trap 'exit 130' INT TERM HUP

if [ -z "${MUBIAO_URL:-}" ]; then
	_own=$(mktemp -d /tmp/mubiao-test.XXXXXX)
	chmod 755 "$_own"
	MUBIAO_RESULTS=$_own/results
	: > "$MUBIAO_RESULTS"
	_own_end() {
		stack_stop "$_own/stack"
		echo "$(grep -c '^ok' "$MUBIAO_RESULTS") passed," \
		    "$(grep -c '^fail' "$MUBIAO_RESULTS") failed"
		rm -rf "$_own"
	}
	stack_start "$_own/stack" || { echo "cannot start a stack" >&2; exit 1; }
	MUBIAO_DIR=$_own/stack
	MUBIAO_URL=http://127.0.0.1:$STACK_PORT/okr
	MUBIAO_WORK=$_own
fi
export MUBIAO_URL MUBIAO_DIR MUBIAO_RESULTS

TMP=${MUBIAO_WORK:-/tmp}/$(basename "$0" .sh)
mkdir -p "$TMP"
: > "$TMP/all.html"
