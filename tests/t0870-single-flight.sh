#!/bin/sh
# Each page rendered once: after a write retires the kept pages, 32
# readers asking for one page at once are served by one render.  nginx
# finds no kept file and passes them all to okr-read; one worker renders
# the page (X-Mubiao-Render: fresh), the others wait for it and serve the
# page it kept (X-Mubiao-Render: kept), with the same headers and bytes,
# the write on it.  Checked here, on a stack of 4 readers so that several
# requests really are in flight at once: one render per page, user and
# language for 32 requests, GET and HEAD, over several writes; the kept
# answer is the rendered one; users and languages each get their own
# render; a request after a write renders afresh; a page that is no page
# (404) is answered by every request.  Behind nginx only (Apache runs
# without the cache).
. "$(dirname "$0")/lib.sh"

if [ "${MUBIAO_SERVER:-nginx}" != nginx ]; then
	note "the page cache is served by nginx: skipped behind $MUBIAO_SERVER"
	exit 0
fi
export MUBIAO_WORKERS=4
private_stack flight
rc=$?
unset MUBIAO_WORKERS
require "a private stack with 4 okr-read workers starts" test $rc = 0
MUBIAO_URL=$U MUBIAO_DIR=$S
checkin_target
require "the first company objective $O, its KR $K, a form token" \
    test -n "$O" -a -n "$K" -a -n "$TOK"
P=/	# the home page, the company's objectives: everyone's first page

# burst METHOD N PATH WHO...: N requests of PATH at once (one curl,
# parallel connections), as the USER/LANG of each WHO in turn.  Answer I
# is in $TMP/r.I.head (headers) and $TMP/r.I.body, and is line I of
# $TMP/r.sum: I WHO STATUS RENDER LENGTH BYTES DIGEST (RENDER its
# X-Mubiao-Render, "-": none, nginx's file; LENGTH its Content-Length;
# BYTES and DIGEST its body's).  A few processes a burst, not a few per
# answer: the machine may be slow to fork.
burst() {
	_bm=$1 _bn=$2 _bp=$3
	shift 3
	_bw=$* _bc=$#
	rm -f "$TMP"/r.*
	set --
	_i=1
	for _who in $(awk -v n="$_bn" -v w="$_bw" \
	    'BEGIN { c = split(w, a, " "); for (i = 0; i < n; i++) print a[i % c + 1] }'); do
		echo "$_i $_who" >> "$TMP/r.who"
		[ $_i = 1 ] || set -- "$@" --next
		[ "$_bm" != HEAD ] || set -- "$@" -I
		set -- "$@" -s -i --max-time 30 -u "${_who%/*}:${_who%/*}" \
		    -H "Accept-Language: ${_who#*/}" -o "$TMP/r.$_i.out" "$MUBIAO_URL$_bp"
		_i=$((_i + 1))
	done
	# Every connection at once, not after the first (to multiplex).
	curl -s -Z --parallel-immediate --parallel-max "$_bn" "$@" 2> /dev/null
	LC_ALL=C awk -v dir="$TMP" '
	function done_() {
		if (n == "")
			return
		close(h); close(b)
		print n, st, rd, cl, bb > (dir "/r.meta")
	}
	FNR == 1 {
		done_()
		n = FILENAME; sub(/.*\/r\./, "", n); sub(/\.out$/, "", n)
		h = dir "/r." n ".head"; b = dir "/r." n ".body"
		printf "" > h; printf "" > b
		inb = 0; st = "-"; rd = "-"; cl = "-"; bb = 0
	}
	inb { print > b; bb += length($0) + 1; next }
	{ sub(/\r$/, "") }
	$0 == "" { inb = 1; next }
	{ print > h }
	FNR == 1 { st = $2 }
	tolower($1) == "x-mubiao-render:" { rd = $2 }
	tolower($1) == "content-length:" { cl = $2 }
	END { done_() }' "$TMP"/r.*.out
	md5sum "$TMP"/r.*.body | sed 's|^\([0-9a-f]*\) .*/r\.\([0-9]*\)\.body$|\2 \1|' > "$TMP/r.md5"
	awk 'FILENAME ~ /r\.who$/ { who[$1] = $2; next }
	    FILENAME ~ /r\.md5$/ { md5[$1] = $2; next }
	    { print $1, who[$1], $2, $3, $4, $5, md5[$1] }' \
	    "$TMP/r.who" "$TMP/r.md5" "$TMP/r.meta" | sort -n > "$TMP/r.sum"
}
# The answers of the last burst (of WHO) that satisfy awk condition COND
# on r.sum's fields ($3 status, $4 render, $5 length, $6 bytes, $7 digest).
answers() {	# COND [WHO]
	awk -v w="${2:-}" "(w == \"\" || \$2 == w) && ($1) { print \$1 }" "$TMP/r.sum"
}
count_render() {	# HOW [WHO]: how many answers say X-Mubiao-Render: HOW
	answers "\$4 == \"$1\"" "${2:-}" | wc -l
}
bodies() {	# [WHO]: how many different bodies the answers hold
	awk -v w="${1:-}" 'w == "" || $2 == w { print $7 }' "$TMP/r.sum" | sort -u | wc -l
}
all_200() { [ "$(answers '$3 == 200' | wc -l)" -eq 32 ]; }	# of 32, none lost
# An answer's body (of WHO) as $TMP/body, for the page helpers.
body_from() { cp "$TMP/r.$(answers 1 "${1:-}" | head -1).body" "$TMP/body"; }
shows() {	# VALUE: the last body shows KR K at VALUE
	kr_row "$K" | grep -q -F "<strong class=\"current\">$1</strong>"
}
# Answers I and J have the same headers, but Date and those that say how
# this answer was made (X-Mubiao-Render, the test builds' X-Mubiao-Cards).
same_headers() {	# I J
	for _n in "$1" "$2"; do
		grep -v -i -e '^Date:' -e '^X-Mubiao-' "$TMP/r.$_n.head" > "$TMP/r.$_n.h"
	done
	cmp -s "$TMP/r.$1.h" "$TMP/r.$2.h"
}
hdr_of() {	# I NAME: answer I's header NAME
	grep -i "^$2:" "$TMP/r.$1.head" | head -1 | sed 's/^[^:]*: *//'
}
checkin() {	# VALUE
	get admin "/edit/checkin/$O" -X POST \
	    --data "token=$TOK&back=/okr/objective/$O&kr=$K&value=$1&confidence=0.6"
	expect_status 303 "admin checks in $1: 303 (every kept page retired)"
}

# ---------------------------------------- 32 GETs of one page, 3 writes
kept_total=0
for v in 51 52 53; do
	checkin $v
	burst GET 32 "$P" lina/en
	fresh=$(count_render fresh) kept=$(count_render kept)
	kept_total=$((kept_total + kept))
	check "32 GETs of $P at once after the write: all 200" all_200
	check "32 GETs of $P: rendered once ($fresh fresh, $kept kept, the rest nginx's file)" \
	    test "$fresh" -eq 1
	check "32 GETs of $P: one and the same body ($(bodies) different)" test "$(bodies)" -eq 1
	body_from
	check "32 GETs of $P: the page shows the check-in ($v)" shows $v
done
check "some answers were served kept by a worker that waited ($kept_total of 96)" \
    test "$kept_total" -gt 0

# The kept answer is the rendered one: headers, length, bytes.
fresh_n=$(answers '$4 == "fresh"' | head -1) kept_n=$(answers '$4 == "kept"' | head -1)
if [ -n "$kept_n" ]; then
	check "a kept answer has the rendered one's headers (Content-Type, -Length, -Language, Cache-Control...)" \
	    same_headers "$fresh_n" "$kept_n"
	check "a kept answer: Content-Type text/html; charset=utf-8, Cache-Control private, no-cache" \
	    test "$(hdr_of "$kept_n" Content-Type)|$(hdr_of "$kept_n" Cache-Control)" = \
	    "text/html; charset=utf-8|private, no-cache"
	check "a kept answer: no validators, as a rendered page" \
	    test -z "$(hdr_of "$kept_n" ETag)$(hdr_of "$kept_n" Last-Modified)"
else
	fail "the last burst had a kept answer to compare"
fi

# ------------------------------------------------ 32 HEADs of one page
checkin 54
burst HEAD 32 "$P" lina/en
fresh=$(count_render fresh) kept=$(count_render kept)
check "32 HEADs of $P at once after the write: all 200" all_200
check "32 HEADs of $P: rendered once ($fresh fresh, $kept kept)" test "$fresh" -eq 1
get lina "$P" -H 'Accept-Language: en'
len=$(wc -c < "$TMP/body")
heads_ok=$(answers "\$4 == \"kept\" && \$5 == $len && \$6 == 0" | wc -l)
check "32 HEADs of $P: $heads_ok kept, each the page's Content-Length ($len), no body" \
    test "$heads_ok" -gt 0 -a "$heads_ok" -eq "$kept"

# ------------------------------------------- users and languages apart
checkin 55
burst GET 32 "$P" lina/en lina/zh-CN wangfang/en wangfang/zh-CN
check "32 GETs as 2 users in 2 languages: all 200" all_200
for w in lina/en lina/zh-CN wangfang/en wangfang/zh-CN; do
	check "$w: rendered once of its 8 ($(count_render fresh "$w") fresh)" \
	    test "$(count_render fresh "$w")" -eq 1
	check "$w: one body of its 8" test "$(bodies "$w")" -eq 1
	body_from "$w"
	check "$w: the page shows the check-in (55)" shows 55
	cp "$TMP/body" "$TMP/p.${w%/*}.${w#*/}"
done
check "lina's page in zh-CN is Chinese, in en English" \
    sh -c "grep -q '<html lang=\"zh-CN\"' '$TMP/p.lina.zh-CN' && grep -q '<html lang=\"en\"' '$TMP/p.lina.en'"
# The one link only its user's page holds: "My page", to the user.
for w in lina/en lina/zh-CN wangfang/en wangfang/zh-CN; do
	u=${w%/*} l=${w#*/}
	case $u in lina) other=wangfang ;; *) other=lina ;; esac
	check "$w: 'My page' links to $u, never to $other" sh -c \
	    "grep -q -F 'href=\"/okr/person/$u\">$(msg "$l" nav.me)<' '$TMP/p.$u.$l' &&
	    ! grep -q -F 'href=\"/okr/person/$other\">$(msg "$l" nav.me)<' '$TMP/p.$u.$l'"
done

# ------------------------------------------- a write between two reads
get lina "$P" -H 'Accept-Language: en'
checkin 56
get lina "$P" -H 'Accept-Language: en'
expect_header X-Mubiao-Render fresh "the next read after a write: rendered afresh"
check "the next read after a write: shows 56" shows 56

# ------------------------------------------ a page that is not a page
burst GET 32 /objective/999999 lina/en
check "32 GETs of a missing objective at once: each answered 404" \
    test "$(answers '$3 == 404' | wc -l)" -eq 32
