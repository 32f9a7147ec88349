#!/bin/sh
# Errors and the request's edges: status pages, input validation, methods,
# authentication (nginx's and the program's own), spoofed identity
# headers, security headers, HEAD.
. "$(dirname "$0")/lib.sh"

# An error page: HTML in the reader's language with status and message.
error_page() {	# STATUS KEY LANG
	expect_status "$1"
	expect_header Content-Type 'text/html; charset=utf-8'
	expect_body_contains "<html lang=\"$3\""
	expect_body_contains "<span class=\"status\">$1</span>"
	expect_body_contains "$(msg "$3" "$2")"
}

# --------------------------------------------------------------- 404
for p in /nope /unit/ /unit/0 /unit/abc /unit/99999 /objective/99999 \
    /objective/01 /tree/ /person/ '/person/no%20body' /okr/; do
	get zhangwei "$p"
	expect_status 404
done
get zhangwei /nope
error_page 404 err.404 en
get zhangwei /nope -H 'Accept-Language: zh-CN'
error_page 404 err.404 zh-CN
get zhangwei /unit/99999
error_page 404 err.unit en
get zhangwei /objective/99999 -H 'Accept-Language: zh-CN'
error_page 404 err.objective zh-CN
# The error page knows who is signed in, as every other page does.
get zhangwei /nope
check "404 page: header names zhangwei 张伟 as other pages do, not '$(msg en user.unknown)'" \
    sh -c "grep -q '>张伟</a></p>' '$TMP/body' && ! grep -qF '$(msg en user.unknown)' '$TMP/body'"
[ "$(tail -1 "$MUBIAO_RESULTS")" = ok ] ||
    note "$(grep -o '<p class="who">.*</p></div>' "$TMP/body" | sed 's/<[^>]*>/ /g')"

# --------------------------------------------------------------- 400
get zhangwei '/?foo=1'
error_page 400 err.400 en
get zhangwei '/?cycle=1&foo=1'
expect_status 400 "unknown key beside a known one: 400"
get zhangwei "/unit/2?cycle=$CUR&cycle=$PREV"
expect_status 400 "duplicate key cycle: 400"
get zhangwei "/?cycle=$CUR&cycle=$CUR"
expect_status 400 "duplicate key, same value: 400"
get zhangwei '/?cycle=%zz'
expect_status 400 "malformed escape %zz: 400"
get zhangwei '/?cycle=2026-Q%4'
expect_status 400 "truncated escape %4: 400"
get zhangwei '/?cycle=%00'
expect_status 400 "escaped NUL: 400"
get zhangwei '/?cycle'
expect_status 400 "key without '=': 400"
get zhangwei '/?cycle=a%2Fb'
expect_status 400 "cycle with '/': 400"
get zhangwei '/?set=en'
expect_status 400 "key of another page (set) on home: 400"
long=$(head -c 5000 /dev/zero | tr '\0' a)
get zhangwei "/?cycle=$long"
expect_status 400 "over-long query (5000 bytes): 400"
get zhangwei "/?cycle=$(head -c 40 /dev/zero | tr '\0' a)"
expect_status 400 "over-long cycle value (40 chars): 400"
get zhangwei '/?cycle=Z-Q9' -H 'Accept-Language: zh-CN'
expect_status 404 "well-formed unknown cycle: 404"

# --------------------------------------------------------------- 405
get zhangwei / -X POST -d x=1
error_page 405 err.405 en
expect_header Allow GET
allow=$(header Allow)
case " $allow " in
*POST*) fail "POST /: Allow lists what the page accepts, not POST"; note "Allow: $allow" ;;
*) ok "POST /: Allow lists what the page accepts, not POST" ;;
esac
get zhangwei /unit/2 -X DELETE
expect_status 405
expect_header Allow GET
get zhangwei /tree -X PUT -d x=1
expect_status 405
get zhangwei '/lang?set=en' -X POST
expect_status 405

# ------------------------------------------------------ authentication
get - /
expect_status 401 "no credentials: nginx answers 401"
expect_header WWW-Authenticate 'Basic realm="Mubiao"'
curl -s --max-time 10 -o /dev/null -w '%{http_code}' -u zhangwei:wrong \
    "$MUBIAO_URL/" > "$TMP/status"
expect_status 401 "wrong password: 401"
get - /nope
expect_status 401 "no credentials, unknown page: 401 (nothing is revealed)"

# The program alone, as plain CGI: it needs the server's REMOTE_USER.
cgi_run REQUEST_METHOD=GET SCRIPT_NAME=/okr PATH_INFO=/
check "plain CGI without REMOTE_USER: Status: 401" grep -q '^Status: 401' "$TMP/cgi.out"
check "plain CGI without REMOTE_USER: page says the server must authenticate" \
    grep -q "REMOTE_USER" "$TMP/cgi.out"
[ -s "$TMP/cgi.out" ] || note "no output at all (exit status $(cat "$TMP/cgi.rc")): $(head -c 300 "$TMP/cgi.err")"
cgi_run REQUEST_METHOD=GET SCRIPT_NAME=/okr PATH_INFO=/ REMOTE_USER=admin
check "plain CGI with REMOTE_USER=admin: Status: 200" grep -q '^Status: 200' "$TMP/cgi.out"
check "plain CGI with REMOTE_USER=admin: the home page (星河科技)" grep -q '星河科技' "$TMP/cgi.out"
[ -s "$TMP/cgi.out" ] || note "no output at all (exit status $(cat "$TMP/cgi.rc")): $(head -c 300 "$TMP/cgi.err")"

# Identity comes from nginx's authentication only, never from a header.
for h in 'Remote-User: admin' 'X-Remote-User: admin' 'Remote_User: admin' \
    'X-Forwarded-User: admin'; do
	get zhangwei / -H "$h"
	expect_status 200
	expect_body_contains 'Signed in as <a href="/okr/person/zhangwei">张伟</a>' \
	    "zhangwei sending '$h': signed in as zhangwei"
	expect_body_lacks '>周怡</a></p>' "zhangwei sending '$h': not signed in as admin"
done

# ---------------------------------------------------- security headers
for p in / /tree /unit/2 /person/zhangwei /objective/17 /nope '/?x=1'; do
	get zhangwei "$p"
	expect_header Content-Security-Policy "default-src 'self'"
	expect_header Content-Security-Policy "frame-ancestors 'none'"
	expect_header X-Content-Type-Options nosniff
	expect_header Referrer-Policy same-origin
	expect_header Content-Type 'text/html; charset=utf-8'
	check "$REQ: no inline style or script (CSP), no script but live.js" \
	    sh -c "! sed 's|<script src=\"/okr/static/live.js\" defer></script>||' '$TMP/body' |
	    grep -qi '<script\|<style\| style=\| on[a-z]*=\"'"
done
get zhangwei / -X POST
expect_header Content-Security-Policy "default-src 'self'"

# ------------------------------------------------------------------ HEAD
get zhangwei / -I
expect_status 200
expect_header Content-Type 'text/html; charset=utf-8'
expect_header Content-Security-Policy "default-src 'self'"
# The raw response, read to the end of the connection: headers only.
curl -s -i -X HEAD -H 'Connection: close' --max-time 3 -u zhangwei:zhangwei \
    -o "$TMP/raw" "$MUBIAO_URL/"
check "HEAD /: no body after the headers" \
    test "$(sed '1,/^\r*$/d' "$TMP/raw" | wc -c)" -eq 0
get zhangwei /nope -I
expect_status 404 "HEAD /nope: 404"
