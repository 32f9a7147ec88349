#!/bin/sh
# valgrind memcheck over the programs: each worker run as plain
# CGI, as the store's owner, against the stack's store, for pages, feeds,
# forms (successful and refused) and errors of all three programs.  No
# memory error, no definite leak.  Needs root (to run as www-data) and
# valgrind; skipped otherwise.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v valgrind > /dev/null; then
	note "not root or no valgrind: skipped"
	exit 0
fi
# Plain CGI does not go through the web server: once is enough (the nginx
# pass); ASan-built programs do not run under valgrind.
case ${MUBIAO_PASS:-nginx} in
nginx) ;;
*)	note "memcheck runs in the nginx pass only"; exit 0 ;;
esac
OUT="$TMP/vg"
rm -rf "$OUT"
mkdir -p "$OUT"
chmod 777 "$OUT"
BIN="$MUBIAO_DIR/app/bin"
RD=$(unit_id 研发部)
OBJ=$(doc_xpath admin / "string((/page/objective[@level='company']/@id)[1])")
KR=$(doc_xpath admin "/objective/$OBJ" 'string((/page/objective/kr/@id)[1])')
require "a company objective ($OBJ), its first KR ($KR) and 研发部 ($RD)" test -n "$OBJ" -a -n "$KR" -a -n "$RD"
TOK=$(token admin)
n=0

# vg PROGRAM METHOD PATH_INFO QUERY USER [BODY]: one request under memcheck.
vg() {
	n=$((n + 1))
	printf '%s' "${6:-}" > "$OUT/body.$n"
	chmod 644 "$OUT/body.$n"
	runuser -u www-data -- env -i MUBIAO_CONF="$MUBIAO_DIR/mubiao.conf" \
	    REQUEST_METHOD="$2" SCRIPT_NAME=/okr PATH_INFO="$3" QUERY_STRING="$4" \
	    REMOTE_USER="$5" HTTP_HOST=127.0.0.1 SERVER_PORT=80 \
	    CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH="${#6}" \
	    timeout 120 valgrind --leak-check=full --errors-for-leak-kinds=definite \
	    --suppressions="$MUBIAO_DIR/app/valgrind.supp" \
	    --error-exitcode=99 --log-file="$OUT/vg.$n" "$BIN/$1" \
	    < "$OUT/body.$n" > "$OUT/out.$n" 2> /dev/null
	rc=$?
	status=$(sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$OUT/out.$n" | tr -d '\r')
	if [ $rc -ne 99 ] && grep -q 'ERROR SUMMARY: 0 errors' "$OUT/vg.$n"; then
		ok "memcheck: $1 $2 $3${4:+?$4} as ${5:-nobody} (status ${status:-200}): no error, no definite leak"
	else
		fail "memcheck: $1 $2 $3${4:+?$4} as ${5:-nobody}: no error, no definite leak"
		note "$(grep -E 'Invalid|uninitialised|definitely|ERROR SUMMARY' "$OUT/vg.$n" | head -5 | tr '\n' ' ')"
	fi
}

vg okr-read GET / "" admin
vg okr-read GET / "" zhangwei
vg okr-read GET /tree "" wangfang
vg okr-read GET "/unit/$RD" "" lina
vg okr-read GET /person/zhangwei "" zhangwei
vg okr-read GET "/objective/$OBJ" "" admin
vg okr-read GET /xml "" admin
vg okr-read GET "/xml/unit/$RD" "sub=1&since=2026-01-01T00:00:00Z" admin
vg okr-read GET "/atom/unit/$RD" "" admin
vg okr-read GET /csv/cycle "" admin
vg okr-read GET /objective/999999 "" admin
vg okr-read GET / "" ""
vg okr-edit GET "/edit/objective/$OBJ" "" admin
vg okr-edit GET "/edit/kr/$KR" "" admin
vg okr-edit GET /edit/admin/people "" admin
vg okr-edit GET /edit/admin/import "" admin
vg okr-edit POST "/edit/checkin/$OBJ" "" admin "token=$TOK&kr=$KR&value=7&confidence=0.6&note=valgrind"
vg okr-edit POST "/edit/comment/$OBJ" "" admin "token=$TOK&kind=comment&text=valgrind+%E7%9B%AE%E6%A0%87"
vg okr-edit POST "/edit/objective/new" "" admin "token=$TOK&unit=$RD&title="
vg okr-edit POST /edit/admin/import "" admin "token=$TOK&xml=%3C%21DOCTYPE+x%3E"
vg okr-edit POST /edit/admin/import "" admin "token=$TOK&xml=%3Cmubiao+xmlns%3D%22urn%3Amubiao%3Aokr%3A1%22+version%3D%221%22%2F%3E"
vg okr-meet GET "/meet/unit/$RD" "" zhangwei
vg okr-meet POST /meet/new "" admin "token=$TOK&unit=$RD&kind=review&due=$(date -u +%F)&title=valgrind"
M=$(sed -n 's|^Location: /okr/meet/\([0-9]*\).*|\1|p' "$OUT/out.$n" | tr -d '\r')
vg okr-meet GET "/meet/$M" "" admin
vg okr-meet GET "/meet/$M" "print=1" wangfang
