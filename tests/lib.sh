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
#                                $TMP/body (unpacked), $TMP/headers,
#                                $TMP/status; asks for gzip behind Apache.
#   expect_status N [desc]       expect_body_contains TEXT [desc]
#   expect_body_lacks TEXT [desc]     expect_header NAME VALUE [desc]
#   check DESC COMMAND...        ok if COMMAND succeeds
#   ok DESC / fail DESC          count one assertion
#   require DESC COMMAND...      check, and when COMMAND fails end the
#                                script there: a set-up step the rest needs
#   doc USER PATH [curl args]    PATH's XML document, the page's data
#                                before the stylesheet (test builds only):
#                                $TMP/doc, its status in $TMP/doc.status
#   xpath EXPR                   what XPath EXPR selects in $TMP/doc

TESTS_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# The programs with the test hooks (make test-progs), unless a pass names
# another build (build/asan).
MUBIAO_BUILD=${MUBIAO_BUILD:-build/test}
export MUBIAO_BUILD

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

# A failed set-up step counts once and ends the script, rather than
# failing every assertion that builds on it.
require() {
	_d=$1
	shift
	if "$@"; then
		ok "$_d"
	else
		fail "$_d"
		note "set-up failed: the rest of $(basename "$0") is skipped"
		exit 1
	fi
}

# ------------------------------------------------------------ the stack

# A loopback port nothing listens on: random ports from 20000 up to the
# kernel's ephemeral range, until curl says "connection refused" (exit 7).
# Below that range because a port in it can be the local end of some
# client's connection (the tests run side by side), which curl cannot see
# and which makes nginx's bind() fail.
free_port() {
	_lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
	[ "${_lo:-0}" -gt 21000 ] 2>/dev/null || _lo=32768
	_i=0
	while [ $_i -lt 50 ]; do
		_p=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % (_lo - 20000) + 20000 ))
		curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$_p/"
		[ $? -eq 7 ] && { echo "$_p"; return 0; }
		_i=$((_i + 1))
	done
	return 1
}

# stack_start DIR: a private stack in DIR (created) on a free port; sets
# STACK_PORT.  Retries on another port if the first is taken meanwhile.
stack_start() {
	mkdir -p "$1" && chmod 755 "$1" && rm -f "$1/devstack.failed" || return 1
	_n=0
	while [ $_n -lt 3 ]; do
		STACK_PORT=$(free_port) || return 1
		if sh "$TESTS_ROOT/conf/devstack.sh" start "$1" "$STACK_PORT" \
		    > "$1/devstack.out" 2>&1; then
			return 0
		fi
		sh "$TESTS_ROOT/conf/devstack.sh" stop "$1" >/dev/null 2>&1
		# every attempt's output, for the report if all of them fail
		{ echo "# port $STACK_PORT:"; cat "$1/devstack.out"; } >> "$1/devstack.failed"
		_n=$((_n + 1))
	done
	cat "$1/devstack.failed" >&2
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

# private_stack NAME: a stack of the script's own (one it kills or stops)
# in $MUBIAO_WORK; sets S and U, and stops it when the script ends.
private_stack() {
	S="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-$1-stack"
	stack_stop "$S"
	rm -rf "$S"
	stack_start "$S" || return 1
	at_exit "stack_stop '$S'"
	U=http://127.0.0.1:$STACK_PORT/okr
}

# zone_stack NAME NOW: private_stack NAME in Asia/Shanghai (UTC+8) with
# the test builds' clock stopped at NOW (MUBIAO_NOW, an ISO instant), so
# that a UTC-only assumption shows; the script's requests go to it.
zone_stack() {
	export MUBIAO_TIMEZONE=Asia/Shanghai MUBIAO_NOW="$2"
	private_stack "$1"
	_zs=$?
	unset MUBIAO_TIMEZONE MUBIAO_NOW
	[ $_zs = 0 ] || { fail "a private stack in Asia/Shanghai at $2 starts"; exit 0; }
	MUBIAO_URL=$U
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
	# Behind Apache, asking for gzip as browsers do: mod_deflate, on in
	# Debian's default, then changes the answers as it does for people.
	[ "${MUBIAO_SERVER:-nginx}" != apache ] || set -- --compressed "$@"
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

# The ETag of the last response as the program made it: without the
# "-gzip" that mod_deflate adds behind Apache.
etag() {
	header ETag | sed 's/-gzip"$/"/'
}

expect_header() {
	if tr -d '\r' < "$TMP/headers" | grep -i "^$1:" | grep -F -q -e "$2"; then
		ok "${3:-$REQ: header $1 has '$2'}"
	else
		fail "${3:-$REQ: header $1 has '$2'}"
		note "got: $(tr -d '\r' < "$TMP/headers" | grep -i "^$1:" || echo "no $1 header")"
	fi
}

# A page's document: the test builds answer "X-Mubiao-Doc: xml" with the
# XML the stylesheet would have turned into HTML.  The q in Accept-Language
# keeps nginx from serving a kept HTML page (nginx-mubiao-maps.conf).
doc_at() {	# BASE USER PATH [curl args]: the document on standard output
	_db=$1 _du=$2 _dp=$3
	shift 3
	if [ "$_du" = - ]; then set -- "$@"; else set -- -u "$_du:$_du" "$@"; fi
	curl -s --max-time 10 -H 'X-Mubiao-Doc: xml' -H 'Accept-Language: en;q=1' \
	    "$@" "$_db$_dp"
}

doc() {
	_du=$1 _dp=$2
	shift 2
	doc_at "$MUBIAO_URL" "$_du" "$_dp" -w '%{http_code}' -o "$TMP/doc" "$@" \
	    > "$TMP/doc.status"
	[ -f "$TMP/doc" ] || : > "$TMP/doc"
}

xpath() {
	xmllint --xpath "$1" "$TMP/doc" 2>/dev/null
}

# What XPath EXPR selects in PATH's document as USER (at BASE), without
# touching $TMP/doc.
doc_xpath_at() {	# BASE USER PATH EXPR
	doc_at "$1" "$2" "$3" | xmllint --xpath "$4" - 2>/dev/null
}

doc_xpath() {	# USER PATH EXPR
	doc_xpath_at "$MUBIAO_URL" "$1" "$2" "$3"
}

# What a grep regular expression matches in the last body, sorted, unique.
body_match() {
	grep -o -e "$1" "$TMP/body" | sort -u
}

# Text of catalog key KEY in language LANG (en, zh-CN).
msg() {
	sed -n "s|.*<m k=\"$2\">\(.*\)</m>.*|\1|p" "$TESTS_ROOT/xslt/i18n/$1.xml"
}

# A date YYYY-MM-DD as pages in LANG write it: 2027-01-15, 2027年1月15日.
day_text() {	# LANG DATE
	case $1 in
	zh-CN)	echo "$2" | awk -F- '{ printf "%d年%d月%d日\n", $1, $2, $3 }' ;;
	*)	echo "$2" ;;
	esac
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

# Per server: each stack has its own CSRF key, so tokens cached by one
# pass would be refused by the other.
TMP=${MUBIAO_WORK:-/tmp}/${MUBIAO_PASS:-${MUBIAO_SERVER:-nginx}}-$(basename "$0" .sh)
mkdir -p "$TMP"
: > "$TMP/all.html"

# ======================================================================
# Editing helpers, used by tests/t06NN-*.sh.
#
#   token USER                   USER's form token, from the home page's
#                                document (cached per script; does not
#                                touch $TMP/body)
#   post USER PATH DATA [curl args]
#                                POST DATA (already URL-encoded; "" for
#                                none) plus USER's token, as get does:
#                                $TMP/body, headers, status; no redirects
#                                followed.  More fields: --data-urlencode.
#   location                     the Location header of the last response
#   flat                         the last body on one line ($TMP/flat)
#   input_value NAME             value="" of the first input named NAME
#   count_in_body TEXT           occurrences of TEXT in the last body
#   expect_flat TEXT [desc]      the last body, on one line, holds TEXT
#                                (a textarea's value follows a line break)
#   page_state USER PATH         a digest of PATH's <main> as USER sees it
#                                (to show that nothing was written)
#   unit_id NAME                 the id of the unit named NAME (from
#                                /tree's document)
#   uniq_tag                     a tag for titles, unique per run
#   make_objective USER UNIT TITLE [CYCLE]
#                                creates a unit objective (no owner) as
#                                USER and prints its id ("" on failure)
#   make_kr USER OBJECTIVE TITLE START TARGET CURRENT [KIND] [DIRECTION] [OWNER]
#                                adds a KR (owner: the objective's) and
#                                prints its id ("" on failure)
#   kr_row ID                    the last body's <tbody> of KR ID, one line
token() {
	[ -s "$TMP/token.$1" ] ||
	    doc_xpath "$1" / 'string(/page/@token)' > "$TMP/token.$1"
	cat "$TMP/token.$1"
}

post() {
	_pu=$1 _pp=$2 _pd=$3
	shift 3
	_pt=$(token "$_pu")
	get "$_pu" "$_pp" -X POST --data "token=$_pt${_pd:+&$_pd}" "$@"
	REQ="POST $_pp as $_pu"
}

location() {
	header Location
}

flat() {
	tr -d '\n' < "$TMP/body" > "$TMP/flat"
	cat "$TMP/flat"
}

input_value() {
	tr -d '\n' < "$TMP/body" | grep -o "<input[^>]* name=\"$1\"[^>]*>" | head -1 |
	    sed -n 's/.* value="\([^"]*\)".*/\1/p'
}

expect_flat() {
	if tr -d '\n' < "$TMP/body" | grep -F -q -e "$1"; then
		ok "${2:-$REQ: page shows '$1'}"
	else
		fail "${2:-$REQ: page shows '$1'}"
		note "status $(cat "$TMP/status"), text:" \
		    "$(sed 's/<[^>]*>/ /g' "$TMP/body" | tr -s ' \n' ' ' | cut -c1-300)"
	fi
}

count_in_body() {
	grep -o -F -e "$1" "$TMP/body" | wc -l | tr -d ' '
}

page_state() {
	curl -s --max-time 10 -u "$1:$1" "$MUBIAO_URL$2" | tr -d '\n' |
	    sed 's/.*<main//; s/<\/main>.*//' | md5sum | cut -c1-32
}

unit_id() {
	doc_xpath admin /tree "string((//node[@kind='unit'][@name=\"$1\"]/@id)[1])"
}

uniq_tag() {
	echo "$(date +%H%M%S)-$$"
}

# checkin_target: on the stack at $U, as admin, a form token, the first
# company objective and its first KR; sets TOK, O and K.
checkin_target() {
	TOK=$(doc_xpath_at "$U" admin / 'string(/page/@token)')
	O=$(doc_xpath_at "$U" admin / "string((/page/objective[@level='company']/@id)[1])")
	K=$(doc_xpath_at "$U" admin "/objective/$O" 'string((/page/objective/kr/@id)[1])')
}

# kill_stack NAME: private_stack NAME for a test that kills under writers:
# checkin_target, and W, a folder for the writers' lines; one assertion.
kill_stack() {
	if ! private_stack "$1"; then
		fail "a private stack for $1 starts"
		return 1
	fi
	checkin_target
	W="$S/chaos"
	mkdir -p "$W"
	check "private stack on $U: objective $O, KR $K, a token" test -n "$O" -a -n "$K" -a -n "$TOK"
}

# checkin_writer N PREFIX DIR: check-ins of KR $K until DIR/stop exists;
# one line per request in DIR/writer.N: note, HTTP status, seconds taken.
checkin_writer() {
	_wi=0
	while [ ! -f "$3/stop" ]; do
		_wi=$((_wi + 1))
		_wo=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 -u admin:admin \
		    "$U/edit/checkin/$O" --data "token=$TOK&kr=$K&value=$_wi&confidence=0.5&note=$2-$1-$_wi")
		echo "$2-$1-$_wi $_wo" >> "$3/writer.$1"
	done
}

_uenc() {	# URL-encodes $1 (UTF-8 bytes)
	printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' ' ' |
	    sed 's/^ //; s/ $//; s/ /%/g; s/^/%/; s/^%$//'
}

make_objective() {
	_mc=${4:-$CUR}
	curl -s --max-time 10 -o /dev/null -u "$1:$1" "$MUBIAO_URL/edit/objective/new" \
	    --data "token=$(token "$1")&cycle=$_mc&unit=$2&title=$(_uenc "$3")"
	doc_xpath "$1" "/unit/$2?cycle=$_mc" "string((/page/objective[title=\"$3\"]/@id)[1])"
}

make_kr() {
	curl -s --max-time 10 -o /dev/null -u "$1:$1" "$MUBIAO_URL/edit/kr/new" \
	    --data "token=$(token "$1")&objective=$2&title=$(_uenc "$3")&kind=${7:-numeric}&direction=${8:-increase}&start=$4&target=$5&current=$6&weight=1${9:+&owner=$9}"
	doc_xpath "$1" "/objective/$2" "string((/page/objective/kr[title=\"$3\"]/@id)[1])"
}

kr_row() {
	tr -d '\n' < "$TMP/body" | sed 's/<tbody /\n<tbody /g; s/<\/tbody>/<\/tbody>\n/g' |
	    grep "^<tbody class=\"kr\" id=\"kr-$1\""
}
# ================================================ end of the editing helpers

# ------------------------------------------ helpers of the meeting tests

# The error page's message: status N and catalog KEY in LANG.
expect_error() {	# N KEY [LANG]
	expect_status "$1"
	expect_body_contains "$(msg "${3:-en}" "$2")" "$REQ: says '$(msg "${3:-en}" "$2")'"
}

# Logins on unit U's page (members) and, recursively, its sub-units'.
unit_people() {	# UNIT DEPTH
	_up=$(doc_at "$MUBIAO_URL" admin "/unit/$1")
	echo "$_up" | xmllint --xpath '/page/unit/members/person/@login' - 2>/dev/null |
	    grep -o 'login="[^"]*"' | sed 's/^login="//; s/"$//'
	[ "$2" -lt 4 ] || return 0
	for _c in $(echo "$_up" | xmllint --xpath '/page/unit/children/unit/@id' - 2>/dev/null |
	    grep -o '[0-9][0-9]*'); do
		unit_people "$_c" $(($2 + 1))
	done
}

# Forms of the last body posting anywhere but the GET cycle switch.
post_forms() {
	grep -o '<form [^>]*method="post"[^>]*>' "$TMP/body"
}

# The meeting id of the last 303's Location (/okr/meet/N), else "".
loc_meeting() {
	location | sed -n 's|^/okr/meet/\([0-9][0-9]*\)$|\1|p'
}

# Plans a meeting of KIND of unit U in the current cycle, today, as USER
# and opens it, asserting both; sets MEETING to its id.
meeting_opened() {	# USER U KIND TITLE
	post "$1" /meet/new "unit=$2&cycle=$CUR&kind=$3&due=$(date -u +%F)" \
	    --data-urlencode "title=$4"
	expect_status 303 "$1 plans a meeting ($3) of unit $2: 303"
	MEETING=$(loc_meeting)
	post "$1" "/meet/$MEETING/open" "version=$(mversion "$1" "$MEETING")"
	expect_status 303 "$1 opens meeting $MEETING: 303"
}

# The form of the last body whose action is ACTION (one line), else "".
form_of() {	# ACTION
	tr -d '\n' < "$TMP/body" | awk -v a="action=\"$1\"" '{
		while ((i = index($0, "<form ")) > 0) {
			$0 = substr($0, i); j = index($0, "</form>"); f = substr($0, 1, j + 6)
			if (index(substr(f, 1, index(f, ">")), a)) { print f; exit }
			$0 = substr($0, j + 7)
		} }'
}

# The version meeting M's forms carry (its ETag names the same).
mversion() {	# USER M
	get "$1" "/meet/$2"
	etag | sed -n 's/^"m[0-9]*-\([0-9]*\)"$/\1/p'
}

# The section of the last body whose class is CLASS, one line.
section_of() {	# CLASS
	tr -d '\n' < "$TMP/body" | awk -v c="<section class=\"$1\"" '{ i = index($0, c); if (i) {
		$0 = substr($0, i); print substr($0, 1, index($0, "</section>") + 9) } }'
}

# The admin cycles page's row of cycle NAME: "ID VERSION START END".
cycle_row() {	# NAME
	curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/edit/admin/cycles" | tr -d '\n' |
	    sed 's/<form /\n<form /g; s/<\/form>/&\n/g' |
	    grep "^<form [^>]*action=\"/okr/edit/admin/cycle/[0-9]*\".*name=\"name\" maxlength=\"32\" value=\"$1\"" |
	    sed -n 's|.*action="/okr/edit/admin/cycle/\([0-9]*\)".*name="version" value="\([0-9]*\)".*name="start" value="\([0-9-]*\)".*name="end" value="\([0-9-]*\)".*|\1 \2 \3 \4|p' | head -1
}

# Adds a KR to objective O as USER with owner OWNER; prints its id.
kr_new() {	# USER O TITLE OWNER START TARGET CURRENT
	curl -s --max-time 10 -o /dev/null -u "$1:$1" "$MUBIAO_URL/edit/kr/new" \
	    --data "token=$(token "$1")&objective=$2&kind=numeric&direction=increase&start=$5&target=$6&current=$7&weight=1&owner=$4" \
	    --data-urlencode "title=$3"
	doc_xpath "$1" "/objective/$2" "string((/page/objective/kr[title=\"$3\"]/@id)[1])"
}

# Adds the test's own cycle NAME in STATE with the current cycle's dates
# as admin: sets CYC, CSTART and CEND, and closes it when the test ends
# (so it is never left under review).  1 when it could not be added.
own_cycle() {	# NAME STATE
	CYC=$1
	_oc=$(cycle_row "$CUR")
	CSTART=$(echo "$_oc" | cut -d' ' -f3)
	CEND=$(echo "$_oc" | cut -d' ' -f4)
	post admin /edit/admin/cycle/new "name=$CYC&start=$CSTART&end=$CEND&state=$2"
	at_exit "CYC=$CYC cycle_state closed >/dev/null"
	expect_status 303 "admin adds cycle $CYC ($CSTART – $CEND, $2): 303"
}

# Sets the state of the test's own cycle $CYC ($CSTART – $CEND) as
# admin; prints the status.
cycle_state() {	# STATE
	_r=$(cycle_row "$CYC")
	[ -n "$_r" ] || { echo none; return 1; }
	curl -s --max-time 10 -o /dev/null -w '%{http_code}' -u admin:admin \
	    "$MUBIAO_URL/edit/admin/cycle/${_r%% *}" \
	    --data "token=$(token admin)&version=$(echo "$_r" | cut -d' ' -f2)&name=$CYC&start=$CSTART&end=$CEND&state=$1"
}

# value="" of input NAME in the form whose action is ACTION.
form_value() {	# ACTION NAME
	form_of "$1" | grep -o "<input [^>]*name=\"$2\"[^>]*>" | head -1 |
	    sed -n 's/.* value="\([^"]*\)".*/\1/p'
}
