#!/bin/sh
# A member walks their inbox to a check-in and sees the entry leave, in a
# real browser with JavaScript on (tests/browser/inbox.mjs).  This script
# loads, as an import would, a KR of theirs last checked in 20 days ago in
# the current cycle.
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1

ADMIN="$MUBIAO_DIR/app/bin/mubiao-admin"
"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" dump > "$TMP/dump.xml" 2> /dev/null
dx() { xmllint --xpath "$1" "$TMP/dump.xml" 2>/dev/null; }
PT=$(unit_id 平台组)
# A member of 平台组: its first person who leads nothing.
WHO=$(dx "string((//*[local-name()='person'][@unit='$PT' and @role='member'])[1]/*[local-name()='login'])")
WID=$(dx "string((//*[local-name()='person'][@unit='$PT' and @role='member'])[1]/@id)")
CY=$(dx "string(//*[local-name()='cycle'][*[local-name()='name']='$CUR']/@id)")
require "a member of 平台组 ($WHO, $WID) and the current cycle $CUR ($CY)" \
    test -n "$WHO" -a -n "$WID" -a -n "$CY"
T=$(date -u -d '-40 days' +%FT%TZ)
AGO=$(date -u -d '-20 days' +%FT12:00:00Z)
END=$(dx "string(//*[local-name()='cycle'][@id='$CY']/@end)")
cat > "$TMP/inbox.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<mubiao xmlns="urn:mubiao:okr:1" version="1">
<objective id="990201" cycle="$CY" unit="$PT" owner="$WID" level="personal" state="active" version="1" created-at="$T" updated-at="$T"><title>t0918 我的目标</title></objective>
<kr id="990201" objective="990201" owner="$WID" kind="numeric" direction="increase" due="$END" version="1" start="0" target="100" current="20" weight="1" confidence="0.5" updated-at="$AGO" state="active"><title>t0918 二十天未更新的成果</title></kr>
</mubiao>
XML
"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" load -f "$TMP/inbox.xml" > "$TMP/load.out" 2>&1 < /dev/null
require "the t0918 KR loads ($(tail -1 "$TMP/load.out"))" grep -q 'records written' "$TMP/load.out"

# Two comments by someone else on it: one entry of the inbox, however many.
for i in 1 2; do
	post lina /edit/comment/990201 "kind=comment&back=/okr/objective/990201" --data-urlencode "text=t0918 评论 $i"
	expect_status 303 "lina comments on the member's objective ($i)"
done

# inbox.mjs counts its own assertions into $MUBIAO_RESULTS and bounds
# itself (MUBIAO_BROWSER_BUDGET, 60 s); timeout is the last resort.
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    INBOX_USER=$WHO INBOX_KR=990201 INBOX_OBJ=990201 \
    timeout -k 5 120 node "$B/inbox.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/inbox.mjs ends by itself (exit status $rc)"
exit 0
