#!/bin/sh
# The quarterly review grades every KR of the meeting in ONE form: a row
# per KR with its proposed grade pre-filled, "accept all proposed
# grades", a graded row marked as such.  One POST grades several KRs,
# each on its own version: a row refused (another grade without a
# reason, a KR changed meanwhile) comes back as typed with its message
# while the rows saved stay saved; after a save the page opens where the
# grading was (an anchor in the redirect).
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
require "unit id of 研发部 ($RD) found on the tree" test -n "$RD"
TODAY=$(date -u +%F)
own_cycle t0735-$$ active

O=$(make_objective zhangwei "$RD" "t0735 目标 $TAG" "$CYC")
K1=$(make_kr zhangwei "$O" "t0735 KR1 $TAG" 0 10 6)	# proposes 0.6
K2=$(make_kr zhangwei "$O" "t0735 KR2 $TAG" 0 10 3)	# 0.3
K3=$(make_kr zhangwei "$O" "t0735 KR3 $TAG" 0 10 8)	# 0.8
K4=$(make_kr zhangwei "$O" "t0735 KR4 $TAG" 0 10 5)	# 0.5
require "objective $O with KRs $K1 $K2 $K3 $K4" test -n "$O" -a -n "$K1" -a -n "$K2" -a -n "$K3" -a -n "$K4"
post zhangwei /meet/new "unit=$RD&cycle=$CYC&kind=quarterly&due=$TODAY" --data-urlencode "title=t0735 $TAG"
M=$(loc_meeting)
post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")"
check "cycle $CYC under review" test "$(cycle_state review)" = 303

# The grading form: one, every row pre-filled with its proposed grade.
get zhangwei "/meet/$M"
check "one grading form for the meeting" test "$(flat | grep -o "<form [^>]*action=\"/okr/meet/$M/grade\"" | wc -l)" = 1
F=$(form_of "/okr/meet/$M/grade")
row() {	# K: KR K's row of the last body's grading form
	form_of "/okr/meet/$M/grade" | sed 's/<tr id="g-kr-/\n&/g; s/<\/tr>/&\n/g' | grep "^<tr id=\"g-kr-$1\""
}
selected() {	# K
	row "$1" | grep -o '<option value="[0-9.]*" selected' | sed 's/.*value="//; s/".*//'
}
kver() {	# K
	row "$1" | grep -o 'name="kr-version" value="[0-9]*"' | sed 's/[^0-9]//g'
}
check "every KR has its row in it, pre-filled with the proposed grade" \
    test "$(selected "$K1") $(selected "$K2") $(selected "$K3") $(selected "$K4")" = "0.6 0.3 0.8 0.5"
check "the form offers 'accept all proposed grades'" \
    test -n "$(printf '%s' "$F" | grep -F "name=\"state\" value=\"accept\" class=\"secondary\">$(msg en grading.accept-all)</button>")"
V1=$(kver "$K1") V2=$(kver "$K2") V3=$(kver "$K3") V4=$(kver "$K4")

# KR 4 changes meanwhile: its row goes stale.
post zhangwei "/edit/checkin/$O" "kr=$K4&value=6&confidence=0.5&note="
expect_status 303 "a check-in on KR $K4 meanwhile: 303"

# One POST: K1 proposed, K2 another grade with a reason, K3 another
# without one, K4 on its old version.
post zhangwei "/meet/$M/grade" "kr=$K1&kr-version=$V1&value=0.6&note=&kr=$K2&kr-version=$V2&value=0.5&note=t0735+口径&kr=$K3&kr-version=$V3&value=0.9&note=&kr=$K4&kr-version=$V4&value=0.4&note=t0735+typed"
expect_status 400 "one POST grading four KRs, two refused: 400"
check "the rows saved are saved: KR $K1 0.6, KR $K2 0.5; KR $K3 and $K4 not graded" \
    test "$(doc_xpath zhangwei "/objective/$O" "concat(//kr[@id=$K1]/@grade, '|', //kr[@id=$K2]/@grade, '|', //kr[@id=$K3]/@grade, '|', //kr[@id=$K4]/@grade)")" = "0.6|0.5||"
check "KR $K3 comes back with the typed 0.9 and '$(msg en err.grade.reason)' beside its reason" \
    test "$(selected "$K3")" = 0.9 -a -n "$(row "$K3" | grep -F "<td class=\"reason-cell\">" | grep -F "<p class=\"field-error\">$(msg en err.grade.reason)</p>")"
check "KR $K4 comes back with the typed 0.4 and its reason, marked stale" \
    test "$(selected "$K4")" = 0.4 -a -n "$(row "$K4" | grep -F 'value="t0735 typed"' | grep -F "$(msg en err.grade.conflict)")"
check "KR $K4's row carries its new version" test "$(kver "$K4")" -gt "$V4"
check "KR $K1's row is marked graded, in the same table layout" \
    test -n "$(row "$K1" | grep -F 'class="grade-kr graded"' | grep -F "<span class=\"badge graded-mark\">$(msg en grading.graded)</span>" | grep -F '<td class="reason-cell">')"
expect_body_contains "$(msg en grading.refused)" "$REQ: says which rows were not saved"

# Accept all: the KRs not graded yet take their proposed grade.
get zhangwei "/meet/$M"
post zhangwei "/meet/$M/grade" "state=accept&kr=$K1&kr-version=$(kver "$K1")&value=0.1&note=&kr=$K3&kr-version=$(kver "$K3")&value=0.1&note=&kr=$K4&kr-version=$(kver "$K4")&value=0.1&note="
expect_status 303 "accept all proposed grades: 303"
check "303 to the first KR graded (got $(location))" test "$(location)" = "/okr/meet/$M#g-kr-$K3"
check "KR $K3 0.8 and KR $K4 0.6 (proposed), KR $K1 keeps 0.6" \
    test "$(doc_xpath zhangwei "/objective/$O" "concat(//kr[@id=$K1]/@grade, '|', //kr[@id=$K3]/@grade, '|', //kr[@id=$K4]/@grade)")" = "0.6|0.8|0.6"

# A regrade in the same form lands on its row.
get zhangwei "/meet/$M"
post zhangwei "/meet/$M/grade" "kr=$K2&kr-version=$(kver "$K2")&value=0.5&note=&kr=$K3&kr-version=$(kver "$K3")&value=0.7&note=t0735+复核"
expect_status 303 "KR $K3 regraded 0.7 with a reason, KR $K2 left as it was: 303"
check "303 to KR $K3's row (got $(location))" test "$(location)" = "/okr/meet/$M#g-kr-$K3"
check "KR $K3 now 0.7" test "$(doc_xpath zhangwei "/objective/$O" "string(//kr[@id=$K3]/@grade)")" = 0.7
