#!/bin/sh
# The style sheet in a real browser (tests/browser/layout.mjs, Chromium at
# 1280 x 720, in Chinese): the KR form's current-value field is not
# painted as a conflict's stored value, and a confidence of 0.45 does not
# wrap in quadrant 1 of the review board.  Installs what is missing like t0900.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
TODAY=$(date -u +%F)
RD=$(unit_id 研发部)
O=$(make_objective zhangwei "$RD" "t0925 $TAG")
# A title long enough to squeeze the KR table of quadrant 1.
T="t0925 $TAG 把核心服务的月度可用性从百分之九十九点五提升到百分之九十九点九五，并且让每一次故障都在三十分钟之内恢复，复盘报告在两天内发布给全公司"
K=$(make_kr zhangwei "$O" "$T" 0 100 10)
require "zhangwei's objective $O of 研发部 with a long-titled KR $K" test -n "$O" -a -n "$K"
post zhangwei "/edit/checkin/$O" "kr=$K&value=20&confidence=0.45"
require "KR $K checked in with confidence 0.45: 303" test "$(cat "$TMP/status")" = 303
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$TODAY" --data-urlencode "title=t0925 $TAG"
M=$(loc_meeting)
post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")"
require "zhangwei opens review meeting $M of 研发部: 303" test "$(cat "$TMP/status")" = 303

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} MUBIAO_KR=$K MUBIAO_MEETING=$M \
    timeout -k 5 90 node "$B/layout.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/layout.mjs ends by itself (exit status $rc)"
exit 0
