#!/bin/sh
# The quarterly grading of a whole unit in one form, and a consensus
# verdict refused for a bad value, in a real browser with JavaScript on
# (tests/browser/grading.mjs through Debian's Chromium and
# playwright-core).  This script prepares the data over HTTP: a cycle of
# its own under review with four KRs of 研发部 and an open quarterly
# meeting; a planning cycle with a draft company objective, a proposed
# KR and an open consensus meeting with 陈明 present.
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
CO=$(unit_id '星河科技 Xinghe Tech')
TODAY=$(date -u +%F)

# The quarterly review: cycle t0916g-PID, under review at the end.
own_cycle t0916g-$$ active
O=$(make_objective zhangwei "$RD" "t0916 目标 $TAG" "$CYC")
KRS=""
for c in 6 3 8 5; do
	KRS="$KRS $(make_kr zhangwei "$O" "t0916 KR $c $TAG" 0 10 "$c")"
done
post zhangwei /meet/new "unit=$RD&cycle=$CYC&kind=quarterly&due=$TODAY" --data-urlencode "title=t0916 $TAG"
MQ=$(loc_meeting)
post zhangwei "/meet/$MQ/open" "version=$(mversion zhangwei "$MQ")"
require "quarterly meeting $MQ open, objective $O with KRs$KRS" test -n "$MQ" -a "$(echo $KRS | wc -w)" = 4
require "cycle $CYC under review" test "$(cycle_state review)" = 303

# The consensus meeting: cycle t0916c-PID, in planning.
own_cycle t0916c-$$ planning
curl -s --max-time 10 -o /dev/null -u chenming:chenming "$MUBIAO_URL/edit/objective/new" \
    --data "token=$(token chenming)&cycle=$CYC&unit=$CO&state=draft" --data-urlencode "title=t0916 草稿 $TAG"
CO_O=$(doc_xpath chenming "/unit/$CO?cycle=$CYC" "string((//objective[title='t0916 草稿 $TAG']/@id)[1])")
CK=$(kr_new zhangwei "$CO_O" "t0916 提议 $TAG" zhangwei 10 120 10)
post chenming /meet/new "unit=$CO&cycle=$CYC&kind=consensus&due=$TODAY"
MC=$(loc_meeting)
post chenming "/meet/$MC/open" "version=$(mversion chenming "$MC")"
post chenming "/meet/$MC/attendance" "version=$(mversion chenming "$MC")&login=chenming"
require "consensus meeting $MC open with proposed KR $CK" test -n "$MC" -a -n "$CK"

# grading.mjs counts its own assertions into $MUBIAO_RESULTS and bounds
# itself (MUBIAO_BROWSER_BUDGET, 60 s); timeout is the last resort.
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    GRADE_MEETING=$MQ GRADE_KRS="$KRS" VERDICT_MEETING=$MC VERDICT_KR=$CK \
    timeout -k 5 120 node "$B/grading.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/grading.mjs ends by itself (exit status $rc)"
exit 0
