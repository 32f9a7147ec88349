#!/bin/sh
# Check-ins: one form for several KRs at once (values, scores, history
# with author and note), skipped KRs, invalid values shown again with
# what was typed, a member on a KR they own (and not on one they do not
# own), milestones, and two check-ins on one KR at the same moment.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0620 打卡 $TAG")
KA=$(make_kr lina "$O" "t0620 接入 100 个服务 $TAG" 0 100 10)
KB=$(make_kr lina "$O" "t0620 延迟 50 降到 10 $TAG" 50 10 50 numeric decrease)
KC=$(make_kr lina "$O" "t0620 完成切换 $TAG" 0 1 0 milestone)
require "t0620's objective $O with KRs $KA $KB $KC" test -n "$O" -a -n "$KA" -a -n "$KB" -a -n "$KC"

# Check-in rows of KR K on the last page.
n_checkins() {	# K
	kr_row "$1" | grep -o '<tr><td><time datetime="[0-9-]*T' | wc -l | tr -d ' '
}

expect_row() {	# KR TEXT DESC
	if kr_row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(kr_row "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}

# --------------------------------------------------- the form as shown
get lina "/objective/$O"
expect_body_contains "<form class=\"checkin\" method=\"post\" action=\"/okr/edit/checkin/$O\">" \
    "objective $O: one check-in form"
check "objective $O: the form holds its 3 KRs in order" \
    test "$(flat | grep -o '<form class="checkin".*</form>' | grep -o 'name="kr" value="[0-9]*"' | sed 's/[^0-9]//g' | tr '\n' ' ')" = "$KA $KB $KC "
ca=$(n_checkins "$KA") cb=$(n_checkins "$KB") cc=$(n_checkins "$KC")

# ----------------------------------------------- two KRs in one form
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KA&value=30&confidence=0.7&kr=$KB&value=40&confidence=0.6&kr=$KC&value=&confidence=0.5" \
    --data-urlencode "note=第一次打卡 A $TAG" --data-urlencode "note=第一次打卡 B $TAG" --data-urlencode "note="
expect_status 303 "lina checks in 2 KRs of 3 (the third left empty): 303"
check "check-in: 303 back to the objective" test "$(location)" = "/okr/objective/$O"
get wangfang "/objective/$O"
expect_row "$KA" '<strong class="current">30</strong>' "KR $KA: current 10 → 30"
expect_row "$KA" '<span class="score band-red">0.30</span>' "KR $KA: score 0.10 → 0.30"
expect_row "$KB" '<strong class="current">40</strong>' "KR $KB: current 50 → 40"
expect_row "$KB" '<span class="score band-red">0.25</span>' "KR $KB: score (40-50)/(10-50) = 0.25"
expect_row "$KA" '<td class="num">0.7</td>' "KR $KA: confidence 0.7 shown"
check "KR $KA: one more check-in ($ca → $(n_checkins "$KA"))" test "$(n_checkins "$KA")" -eq $((ca + 1))
check "KR $KB: one more check-in ($cb → $(n_checkins "$KB"))" test "$(n_checkins "$KB")" -eq $((cb + 1))
check "KR $KC (left empty): no check-in ($cc → $(n_checkins "$KC"))" test "$(n_checkins "$KC")" -eq "$cc"
expect_row "$KC" "<span class=\"milestone todo\">$(msg en kr.notdone)</span>" "KR $KC: still not done"
expect_row "$KA" "<td class=\"num\">30</td><td class=\"num\">0.7</td><td><a href=\"/okr/person/lina\">李娜</a></td><td class=\"note\">第一次打卡 A $TAG</td>" \
    "KR $KA: check-in listed with value 30, confidence, author 李娜 and note"
expect_row "$KB" "<td class=\"num\">40</td><td class=\"num\">0.6</td><td><a href=\"/okr/person/lina\">李娜</a></td><td class=\"note\">第一次打卡 B $TAG</td>" \
    "KR $KB: check-in listed with value 40, author 李娜 and note"
expect_flat "<a href=\"/okr/person/lina\">李娜</a> <span class=\"what\">$(msg en kr.kr) <a href=\"#kr-$KA\">t0620 接入 100 个服务 $TAG</a> · <strong>$(msg en field.current)</strong></span> <span class=\"old\">10</span><span class=\"arrow\"> → </span><span class=\"new\">30</span>" \
    "objective $O: history shows 李娜 moved KR $KA's current 10 → 30"
# Objective score: (0.30 + 0.25 + 0) / 3 = 0.18.
expect_flat '<header class="o-head"><div class="o-title-row">' "objective page has its header"
check "objective $O: score (0.30 + 0.25 + 0) / 3 = 0.18" \
    sh -c "tr -d '\n' < '$TMP/body' | grep -o '<header class=\"o-head\">.*' | grep -q '^<header class=\"o-head\">.\{0,400\}<span class=\"score band-red\">0.18</span>'"

# Milestone done.
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KC&value=1&confidence=0.9&note="
expect_status 303 "milestone KR $KC checked in done: 303"
get lina "/objective/$O"
expect_row "$KC" "<span class=\"milestone done\">$(msg en kr.done)</span>" "KR $KC: done"
expect_row "$KC" '<span class="score band-green">1.00</span>' "KR $KC: score 1.00"

# ------------------------------------------------------ refused input
S0=$(page_state admin "/objective/$O")
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KA&value=abc&confidence=0.7&kr=$KB&value=35&confidence=0.6" \
    --data-urlencode "note=打错了 $TAG" --data-urlencode "note=这条不该保存 $TAG"
expect_status 400 "check-in with value 'abc' for KR $KA: 400"
expect_body_contains "<form class=\"checkin\" method=\"post\" action=\"/okr/edit/checkin/$O\">" "$REQ: the check-in form again"
expect_body_contains "$(msg en form.invalid)"
expect_flat "id=\"ci-$O-$KA-value\" name=\"value\" value=\"abc\"" "$REQ: the typed 'abc' kept"
expect_flat "id=\"ci-$O-$KB-value\" name=\"value\" value=\"35\"" "$REQ: the other KR's 35 kept"
expect_flat "name=\"note\" value=\"这条不该保存 $TAG\"" "$REQ: the note kept"
check "$REQ: the error is in KR $KA's fieldset" \
    sh -c "tr -d '\n' < '$TMP/body' | sed 's/<fieldset /\n<fieldset /g; s/<\/fieldset>/\n/g' | grep 'name=\"kr\" value=\"$KA\"' | grep -qF '<p class=\"field-error\">$(msg en err.field.number)</p>'"
# The page a browser then shows must be able to post again and land on
# a page: its hidden back is where the user came from.
BACK=$(flat | grep -o '<form class="checkin".*' | grep -o 'name="back" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
check "$REQ: the form's hidden back is the objective page, not the POST URL (got $BACK)" \
    test "$BACK" = "/okr/objective/$O"
check "nothing of the refused check-in was written (objective $O unchanged)" \
    test "$(page_state admin "/objective/$O")" = "$S0"
# The user corrects the value and sends the re-rendered form as it is.
post lina "/edit/checkin/$O" "back=$BACK&kr=$KA&value=31&confidence=0.7&kr=$KB&value=&confidence=0.6&note=&note="
expect_status 303 "the corrected check-in: 303"
_loc=$(location)
get lina "$(echo "$_loc" | sed 's|^/okr||')"
expect_status 200 "after the corrected check-in the browser lands on a page (GET $_loc: 200)"

post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KC&value=0.5&confidence=0.5&note=" \
    -H 'Accept-Language: zh-CN'
expect_status 400 "milestone check-in with 0.5: 400"
expect_body_contains "<p class=\"field-error\">$(msg zh-CN err.field.range)</p>" "$REQ: zh-CN range error"
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KA&value=40&confidence=1.5&note="
expect_status 400 "check-in with confidence 1.5: 400"
expect_body_contains "<p class=\"field-error\">$(msg en err.field.range)</p>"
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KA&value=&confidence=0.5&kr=$KB&value=&confidence=0.5&note=&note="
expect_status 400 "check-in with every value empty: 400"
expect_body_contains "<p class=\"field-error\">$(msg en err.field.required)</p>"
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KA&value=40&kr=$KB&value=20&confidence=0.5&confidence=0.5&confidence=0.5"
expect_status 400 "check-in with 2 KRs and 3 confidences: 400"
get admin /
OTHERKR=$(grep -o 'class="kr" id="kr-[0-9]*"' "$TMP/body" | head -1 | sed 's/[^0-9]//g')
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$OTHERKR&value=1&confidence=0.5"
expect_status 400 "check-in naming KR $OTHERKR of another objective: 400"
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$KA&value=41&confidence=0.5&kr=999999&value=1&confidence=0.5"
expect_status 400 "check-in naming a KR that does not exist (beside a good one): 400"
get lina "/objective/$O"
expect_row "$KA" '<strong class="current">31</strong>' "KR $KA: current 31 (the corrected check-in, nothing after)"
expect_row "$KB" '<strong class="current">40</strong>' "KR $KB: current still 40"

# --------------------------------------- a member on a KR they own
# Found on the pages: a team objective of 平台组 with a KR owned by
# 刘洋 (a member) and another KR owned by someone else.
get liuyang "/unit/$PLAT"
flat | sed 's/<article /\n<article /g' | grep '^<article class="objective level-team"' > "$TMP/arts"
DO= KL= KN=
while read -r art; do
	echo "$art" > "$TMP/art"
	_o=$(grep -o '^<article class="objective level-team" id="o-[0-9]*"' "$TMP/art" | sed 's/.*o-\([0-9]*\)"/\1/')
	_l=$(sed 's/<tbody /\n<tbody /g' "$TMP/art" | grep '^<tbody class="kr"' |
	    grep 'class="kr-sub">.*<a href="/okr/person/liuyang">' | head -1 | sed 's/^<tbody class="kr" id="kr-\([0-9]*\)".*/\1/')
	_n=$(sed 's/<tbody /\n<tbody /g' "$TMP/art" | grep '^<tbody class="kr"' |
	    grep 'class="kr-sub">.*<a href="/okr/person/[a-z]*">' | grep -v '/okr/person/liuyang"' |
	    head -1 | sed 's/^<tbody class="kr" id="kr-\([0-9]*\)".*/\1/')
	if [ -n "$_l" ] && [ -n "$_n" ]; then DO=$_o KL=$_l KN=$_n; break; fi
done < "$TMP/arts"
check "a 平台组 objective ($DO) with a KR owned by 刘洋 ($KL) and one not ($KN)" test -n "$DO" -a -n "$KL" -a -n "$KN"
get liuyang "/objective/$DO"
check "objective $DO as 刘洋: the check-in form offers her KR $KL only" \
    test "$(flat | grep -o '<form class="checkin".*</form>' | grep -o 'name="kr" value="[0-9]*"' | sed 's/[^0-9]//g' | tr '\n' ' ')" = "$KL "
expect_body_lacks "href=\"/okr/edit/objective/$DO\"" "objective $DO as 刘洋: no Edit link"
nl=$(n_checkins "$KL")
S1=$(page_state admin "/objective/$DO")
post liuyang "/edit/checkin/$DO" "back=/okr/objective/$DO&kr=$KN&value=1&confidence=0.5" --data-urlencode "note=不是我的 $TAG"
expect_status 403 "刘洋 checks in on KR $KN she does not own: 403"
expect_body_contains "$(msg en err.403.edit)"
post liuyang "/edit/checkin/$DO" "back=/okr/objective/$DO&kr=$KL&value=77&confidence=0.8&kr=$KN&value=1&confidence=0.5&note=&note="
expect_status 403 "刘洋 checks in on her KR $KL and KR $KN in one form: 403"
check "objective $DO unchanged after both refusals (her KR not written either)" \
    test "$(page_state admin "/objective/$DO")" = "$S1"
post liuyang "/edit/checkin/$DO" "back=/okr/objective/$DO&kr=$KL&value=76&confidence=0.8" --data-urlencode "note=刘洋的打卡 $TAG"
expect_status 303 "刘洋 checks in on KR $KL she owns: 303"
get wangfang "/objective/$DO"
expect_row "$KL" '<strong class="current">76</strong>' "KR $KL: current 76"
expect_row "$KL" "<td><a href=\"/okr/person/liuyang\">刘洋</a></td><td class=\"note\">刘洋的打卡 $TAG</td>" \
    "KR $KL: the check-in by 刘洋 with her note"
check "KR $KL: one more check-in" test "$(n_checkins "$KL")" -eq $((nl + 1))
# Nor may she change the KR itself.
post liuyang "/edit/kr/$KL" "version=1&kind=numeric&direction=increase&start=0&target=1&weight=1" --data-urlencode "title=x"
expect_status 403 "刘洋 edits KR $KL (owning a KR is not editing it): 403"

# --------------------------------------------- two at the same moment
get lina "/objective/$O"
na=$(n_checkins "$KA")
for w in 1 2; do
	curl -s --max-time 10 -o /dev/null -w '%{http_code}\n' -u lina:lina \
	    --data "token=$(token lina)&back=/okr/objective/$O&kr=$KA&value=4$w&confidence=0.6" \
	    --data-urlencode "note=并发打卡 $w $TAG" "$MUBIAO_URL/edit/checkin/$O" > "$TMP/ci.$w" &
done
wait
check "two simultaneous check-ins on KR $KA: both 303 ($(cat "$TMP/ci.1") $(cat "$TMP/ci.2"))" \
    test "$(cat "$TMP/ci.1") $(cat "$TMP/ci.2")" = "303 303"
get lina "/objective/$O"
check "KR $KA: both simultaneous check-ins listed ($na → $(n_checkins "$KA"))" test "$(n_checkins "$KA")" -eq $((na + 2))
expect_row "$KA" "<td class=\"note\">并发打卡 1 $TAG</td>" "KR $KA: check-in 1's note listed"
expect_row "$KA" "<td class=\"note\">并发打卡 2 $TAG</td>" "KR $KA: check-in 2's note listed"
kr_row "$KA" | grep -q '<strong class="current">4[12]</strong>' &&
    ok "KR $KA: current is one of the two values (41 or 42)" ||
    fail "KR $KA: current is one of the two values (41 or 42)"
