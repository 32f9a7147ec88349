#!/bin/sh
# Forged and oversized forms: a POST needs the user's own token and must
# not come from another site; bodies over 256 KiB are refused before they
# are read; over-long or unknown fields are refused; each leaves the
# store as it was (read back through the objective page).
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0650 表单防伪 $TAG")
K=$(make_kr lina "$O" "t0650 指标 $TAG" 0 10 1)
require "t0650's objective $O (KR $K)" test -n "$O" -a -n "$K"
CSRF=$(msg en err.403.csrf)
HOSTPORT=$(echo "$MUBIAO_URL" | sed 's|^http://\([^/]*\)/.*|\1|')
FORM="version=1&back=/okr/objective/$O&title=t0650+forged+$TAG"

S0=$(page_state admin "/objective/$O")
unchanged() {	# DESC
	check "$1: objective $O unchanged" test "$(page_state admin "/objective/$O")" = "$S0"
}
refused() {	# STATUS DESC [KEY]
	expect_status "$1" "$REQ ($2): $1"
	[ -z "${3:-}" ] || expect_body_contains "$(msg en "$3")" "$REQ ($2): says '$(msg en "$3" | cut -c1-40)…'"
	unchanged "$2"
}

# ---------------------------------------------------------------- tokens
get lina "/edit/objective/$O" -X POST --data "$FORM"
refused 403 "no token" err.403.csrf
get lina "/edit/objective/$O" -X POST --data "token=&$FORM"
refused 403 "empty token" err.403.csrf
get lina "/edit/objective/$O" -X POST --data "token=$(printf '0%.0s' $(seq 64))&$FORM"
refused 403 "64 zeros as token" err.403.csrf
T=$(token lina)
get lina "/edit/objective/$O" -X POST --data "token=$(echo "$T" | tr '0-9a-f' '1-9a-f0')&$FORM"
refused 403 "lina's token with every digit changed" err.403.csrf
get lina "/edit/objective/$O" -X POST --data "token=$(echo "$T" | cut -c1-63)&$FORM"
refused 403 "lina's token cut by one character" err.403.csrf
check "tokens differ between users (lina, wangfang, admin)" \
    test "$(token lina)" != "$(token wangfang)" -a "$(token lina)" != "$(token admin)" -a -n "$(token lina)"
get lina "/edit/objective/$O" -X POST --data "token=$(token wangfang)&$FORM"
refused 403 "wangfang's token sent by lina" err.403.csrf
get lina "/edit/objective/$O" -X POST --data "token=$(token admin)&$FORM"
refused 403 "admin's token sent by lina" err.403.csrf
get lina "/edit/objective/$O" -X POST --data "token=$T&token=$T&$FORM"
refused 400 "the token twice"
get lina "/edit/objective/$O?token=$T" -X POST --data "$FORM"
refused 400 "the token in the query string, not the form"
post lina "/edit/comment/$O" "kind=comment" --data-urlencode "text=x" -H 'Accept-Language: zh-CN' \
    -H 'Origin: http://evil.example'
expect_status 403 "comment from Origin http://evil.example (zh-CN): 403"
expect_body_contains "$(msg zh-CN err.403.csrf)" "$REQ: the zh-CN explanation"

# ------------------------------------------------------ origin, fetch site
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O&title=t0650+evil" -H 'Origin: http://evil.example'
refused 403 "Origin: http://evil.example" err.403.csrf
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O&title=t0650+evil" -H "Origin: http://evil.example:${HOSTPORT#*:}"
refused 403 "Origin: another host on our port" err.403.csrf
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O&title=t0650+evil" -H "Origin: https://$HOSTPORT"
refused 403 "Origin: https:// of our host (we are http)" err.403.csrf
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O&title=t0650+evil" -H 'Origin: null'
refused 403 "Origin: null" err.403.csrf
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O&title=t0650+evil" -H 'Sec-Fetch-Site: cross-site'
refused 403 "Sec-Fetch-Site: cross-site" err.403.csrf
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O&title=t0650+evil" -H 'Sec-Fetch-Site: same-site'
refused 403 "Sec-Fetch-Site: same-site" err.403.csrf
post lina "/edit/checkin/$O" "kr=$K&value=9&confidence=0.5" -H 'Sec-Fetch-Site: cross-site' -H "Origin: http://$HOSTPORT"
refused 403 "check-in with Sec-Fetch-Site: cross-site" err.403.csrf
post lina "/edit/objective/$O/archive" "version=1" -H 'Origin: http://evil.example'
refused 403 "archive from Origin http://evil.example" err.403.csrf
post admin "/edit/admin/cycle/next" "" -H 'Origin: http://evil.example'
expect_status 403 "admin's next-cycle button from http://evil.example: 403"
# What a browser on the app's own page sends passes: Sec-Fetch-Site
# same-origin, and its Origin, which names the port it is served on.
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O" --data-urlencode "title=t0650 同源保存 $TAG" \
    -H 'Sec-Fetch-Site: same-origin'
expect_status 303 "the same POST with Sec-Fetch-Site: same-origin: 303"
get admin "/objective/$O"
expect_body_contains "t0650 同源保存 $TAG" "objective $O: the same-origin save is shown"
V=$(flat | grep -o "<dt>$(msg en o.version)</dt><dd>[0-9]*</dd>" | sed 's/.*<dd>\([0-9]*\)<.*/\1/')
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O" --data-urlencode "title=t0650 浏览器保存 $TAG" \
    -H "Origin: http://$HOSTPORT" -H 'Sec-Fetch-Site: same-origin'
expect_status 303 "the same POST with the browser's Origin http://$HOSTPORT (our own): 303"
[ "$(cat "$TMP/status")" = 303 ] || note "$(sed 's/<[^>]*>/ /g' "$TMP/body" | tr -s ' \n' ' ' | grep -o 'Error.\{0,120\}')"
get admin "/objective/$O"
expect_body_contains "t0650 浏览器保存 $TAG" "objective $O: the save from the browser's own origin is shown"
V=$(flat | grep -o "<dt>$(msg en o.version)</dt><dd>[0-9]*</dd>" | sed 's/.*<dd>\([0-9]*\)<.*/\1/')
S0=$(page_state admin "/objective/$O")

# ------------------------------------------------------------------ sizes
head -c 307200 /dev/zero | tr '\0' b > "$TMP/big"
printf 'token=%s&version=%s&back=/okr/objective/%s&title=t0650+big&description=' "$T" "$V" "$O" > "$TMP/big.body"
cat "$TMP/big" >> "$TMP/big.body"
get lina "/edit/objective/$O" -X POST --data-binary "@$TMP/big.body"
refused 413 "a body of 300 KiB"
# nginx refuses it itself; Apache hands the request to the program,
# which answers 413 from the Content-Length without reading the body.
[ "${MUBIAO_SERVER:-nginx}" = apache ] ||
    expect_body_lacks '<html lang=' "$REQ: refused by nginx, before the program"
# The program itself refuses it before reading: run alone (plain CGI),
# a Content-Length over 256 KiB with nothing to read.
_run=
[ "$(id -u)" = 0 ] && _run="runuser -u www-data --"
timeout 10 $_run env -i REQUEST_METHOD=POST SCRIPT_NAME=/okr PATH_INFO="/edit/objective/$O" \
    CONTENT_LENGTH=262145 CONTENT_TYPE=application/x-www-form-urlencoded REMOTE_USER=lina \
    HTTP_HOST=127.0.0.1 MUBIAO_CONF="$MUBIAO_DIR/mubiao.conf" \
    "$MUBIAO_DIR/app/bin/okr-edit" < /dev/null > "$TMP/cgi.out" 2> "$TMP/cgi.err"
check "okr-edit alone, Content-Length 262145: Status 413 without reading" grep -q '^Status: 413' "$TMP/cgi.out"
[ -s "$TMP/cgi.out" ] || note "no output: $(head -c 300 "$TMP/cgi.err")"
check "okr-edit alone: the 413 page says so ($(msg en err.413))" grep -qF "$(msg en err.413)" "$TMP/cgi.out"
printf 'token=%s&back=/okr/objective/%s&kind=comment&text=' "$T" "$O" > "$TMP/big2.body"
head -c 262100 /dev/zero | tr '\0' c >> "$TMP/big2.body"
check "a comment body of $(wc -c < "$TMP/big2.body") bytes, just over 256 KiB (262144)" \
    test "$(wc -c < "$TMP/big2.body")" -gt 262144
get lina "/edit/comment/$O" -X POST --data-binary "@$TMP/big2.body"
refused 413 "a body just over 256 KiB"
# Just under the limit, with a 30 KB title: refused as input, no crash.
printf 'token=%s&version=%s&back=/okr/objective/%s&title=' "$T" "$V" "$O" > "$TMP/under.body"
head -c 30000 /dev/zero | tr '\0' t >> "$TMP/under.body"
printf '&description=' >> "$TMP/under.body"
head -c $((262144 - 200 - $(wc -c < "$TMP/under.body"))) /dev/zero | tr '\0' d >> "$TMP/under.body"
check "the body just under 256 KiB is $(wc -c < "$TMP/under.body") bytes" \
    test "$(wc -c < "$TMP/under.body")" -lt 262144 -a "$(wc -c < "$TMP/under.body")" -gt 261000
get lina "/edit/objective/$O" -X POST --data-binary "@$TMP/under.body"
refused 400 "a 30 KB title in a body just under 256 KiB"
# A 30 KB title alone: the same, and the error page is in the user's language.
printf 'token=%s&version=%s&back=/okr/objective/%s&title=' "$T" "$V" "$O" > "$TMP/t30.body"
head -c 30000 /dev/zero | tr '\0' t >> "$TMP/t30.body"
get lina "/edit/objective/$O" -X POST --data-binary "@$TMP/t30.body" -H 'Accept-Language: zh-CN'
refused 400 "a 30 KB title"
expect_body_contains '<html lang="zh-CN"' "$REQ: the refusal is a page in zh-CN"
# 512 KRs is the most one form may name (a quarterly grading); 513 is refused.
ks=
for i in $(seq 513); do ks="$ks&kr=$K&value=&confidence=0.5&note="; done
post lina "/edit/checkin/$O" "back=/okr/objective/$O$ks"
refused 400 "a check-in naming 513 KRs"
get lina "/objective/$O"
expect_status 200 "after the big bodies, the objective page still answers"

# ----------------------------------------------------------- unknown keys
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O&title=t0650+x&foo=1"
refused 400 "unknown key foo" err.400
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O&title=t0650+x&title=t0650+y"
refused 400 "title twice"
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O&title=t0650+x&kind=numeric"
refused 400 "a key of another form (kind)"
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O&title=t0650%00x"
refused 400 "an escaped NUL in the title"
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O&title=t0650%ffx"
refused 400 "invalid UTF-8 in the title"
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O&title=t0650%zz"
refused 400 "a malformed escape"
post lina "/edit/objective/$O" "version=$V&back=//evil.example/x&title=t0650+back"
expect_status 400 "back=//evil.example/x: 400"
post lina "/edit/objective/$O" "back=/okr/objective/$O&title=t0650+noversion"
refused 400 "no version"
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O" -H 'Content-Type: text/plain' --data-urlencode "title=t0650 plain"
refused 400 "Content-Type text/plain"
get lina "/edit/checkin/$O"
expect_status 405 "GET on the check-in URL: 405"
get lina "/edit/objective/$O" -X PUT --data "token=$T&$FORM"
expect_status 405 "PUT on the objective form: 405"
unchanged "after every refusal"
get lina "/edit/objective/$O"
check "objective $O: still version $V (ETag of its form: $(header ETag))" test "$(etag)" = "\"o$O-$V\""
