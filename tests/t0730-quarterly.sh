#!/bin/sh
# The quarterly review (a cycle in state review) and the final grades,
# through nginx.  While the cycle is under review objectives stay as they
# are (an edit, an archive or a new one: 409 err.review.objective); a KR
# changes only with a reason (the KR form's `note`, 400 next to it when
# empty) that the history keeps.  In a quarterly meeting each KR gets a
# final grade in tenths: the proposed one (its score to the nearest tenth)
# needs no reason, any other does (400 err.grade.reason); 0.75 or 1.2 are
# refused, a stale version is 409, someone who may not edit the objective
# 403; a graded KR's score is its grade; the cycle summary counts per unit
# and in total, with the share in the 0.6-0.7 band.  Back in an active
# cycle grading is refused (400 err.grade.state) and objectives change
# again.
#
# Works in a cycle of its own (t0730-PID, the current cycle's dates; the
# demo's current cycle sorts first, so it stays everybody's current one):
# objectives of 研发部 (zhangwei), 平台组 (lina) and a personal one of
# wangfang, each with KRs whose scores propose known grades.  Only that
# cycle goes under review, and an exit trap closes it however the script
# ends, so it is never left in review.  Ids are read from the pages.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
require "unit ids of 研发部 ($RD) and 平台组 ($PLAT) found on the tree" test -n "$RD" -a -n "$PLAT"
TODAY=$(date -u +%F)
CYC=t0730-$$

# ------------------------------------------------------------ helpers

# The grading row of KR K on the last body (a quarterly meeting), one line.
grade_row() {	# K
	section_of grading | sed 's/<tr id="g-kr-/\n&/g; s/<\/tr>/&\n/g' | grep "^<tr id=\"g-kr-$1\""
}

# The grade fields of KR K's row in the grading form on the last body,
# else "".
grade_form() {	# K
	grade_row "$1" | grep -o '<input type="hidden" name="kr" value="[0-9]*"><input type="hidden" name="kr-version".*</select>'
}

# The value the grade form of KR K preselects.
grade_selected() {	# K
	grade_form "$1" | grep -o '<option value="[0-9.]*" selected' | sed 's/.*value="//; s/".*//'
}

expect_row_has() {	# K TEXT DESC
	if grade_row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(grade_row "$1" | sed 's/<option[^>]*>[^<]*<\/option>//g; s/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}

# The summary row of unit U (or "total") on the last body, one line.
sum_row() {	# U|total
	case $1 in
	total) _p='^<tr class="sum-total">' ;;
	*) _p="^<tr class=\"sum-unit\"><th scope=\"row\"><a href=\"/okr/unit/$1[?\"]" ;;
	esac
	section_of grade-summary | sed 's/<tr class="sum-/\n&/g; s/<\/tr>/&\n/g' | grep "$_p"
}

# What a summary row says: "COUNT|IN-BAND|MEAN|BINS", the cells as text
# and the chart's bins from its label.
sum_says() {	# U|total
	_r=$(sum_row "$1")
	printf '%s' "$_r" | sed 's/<\/t[dh]>/|/g; s/<[^>]*>/ /g' | tr -s ' ' |
	    awk -F '|' '{ for (i = 3; i <= 5; i++) { gsub(/^ +| +$/, "", $i) }
		print $3 "|" $4 "|" $5 }'
	printf '%s' "$_r" | sed -n 's/.*<svg class="grade-chart"[^>]* aria-label="[^:]*: \([^"]*\)".*/\1/p'
}

expect_sum() {	# U|total EXPECTED DESC
	_s=$(sum_says "$1" | tr '\n' '#')
	_s=${_s%#}
	if [ "$_s" = "$2" ]; then ok "$3"; else
		fail "$3"
		note "got:  $_s"
		note "want: $2"
	fi
}

# Whatever happens, our cycle does not stay under review (nor open to
# writes): closed at the end.
at_exit 'cycle_state closed >/dev/null'

# The last body's KR K row on an objective page holds TEXT.
expect_kr() {	# K TEXT DESC
	if kr_row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(kr_row "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}

# The history entries (li) of the last body (an objective page) about
# KR K, one a line.
kr_changes() {	# K
	section_of changes | sed 's/<li class="change">/\n&/g; s/<\/li>/&\n/g' |
	    grep '^<li class="change">' | grep "<a href=\"#kr-$1\">"
}

expect_change() {	# K TEXT DESC
	if kr_changes "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "KR $1's changes: $(kr_changes "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | head -6 | tr '\n' '/' | cut -c1-400)"
	fi
}

grade() {	# USER K VERSION VALUE [REASON [curl args]]
	_gu=$1 _gk=$2 _gv=$3 _gval=$4 _gr=${5-}
	shift 4
	[ $# -gt 0 ] && shift
	post "$_gu" "/meet/$MQ/grade" "kr=$_gk&kr-version=$_gv&value=$_gval&back=/okr/meet/$MQ" \
	    --data-urlencode "note=$_gr" "$@"
}

# The version the grading form of KR K carries, as USER sees it.
kversion() {	# K [USER]
	get "${2:-zhangwei}" "/meet/$MQ"
	grade_form "$1" | grep -o 'name="kr-version" value="[0-9]*"' | sed 's/[^0-9]//g'
}

# The stored version of KR K, from its edit form (USER's, zhangwei's).
krver() {	# K [USER]
	curl -s --max-time 10 -u "${2:-zhangwei}:${2:-zhangwei}" "$MUBIAO_URL/edit/kr/$1" | tr -d '\n' |
	    grep -o '<input [^>]*name="version"[^>]*>' | head -1 | sed 's/.*value="//; s/".*//'
}

# ======================================================================
# Our cycle, objectives and KRs (active)
CROW=$(cycle_row "$CUR")
CSTART=$(echo "$CROW" | cut -d' ' -f3)
CEND=$(echo "$CROW" | cut -d' ' -f4)
require "the current cycle $CUR runs $CSTART – $CEND" test -n "$CSTART" -a -n "$CEND"
post admin /edit/admin/cycle/new "name=$CYC&start=$CSTART&end=$CEND&state=active"
expect_status 303 "admin adds cycle $CYC ($CSTART – $CEND, active): 303"
get lina /
expect_body_contains "<option value=\"$CUR\" selected" "the current cycle is still $CUR"

OT="t0730 研发部的目标 $TAG"
O1=$(make_objective zhangwei "$RD" "$OT" "$CYC")
K1T="t0730 12月31日前把覆盖率从 0 提升到 100 $TAG"
K2T="t0730 12月31日前把用户数从 0 提升到 10 $TAG"
K3T="t0730 12月31日前把文档数从 0 提升到 10 $TAG"
K1=$(make_kr zhangwei "$O1" "$K1T" 0 100 64)	# 0.64: proposes 0.6
K2=$(make_kr zhangwei "$O1" "$K2T" 0 10 3)	# 0.30: proposes 0.3
K3=$(make_kr zhangwei "$O1" "$K3T" 0 10 8)	# 0.80: proposes 0.8
require "zhangwei: objective $O1 of 研发部 in $CYC, KRs $K1 $K2 $K3" test -n "$O1" -a -n "$K1" -a -n "$K2" -a -n "$K3"
O2=$(make_objective lina "$PLAT" "t0730 平台组的目标 $TAG" "$CYC")
K4=$(make_kr lina "$O2" "t0730 12月31日前把告警从 0 提升到 10 $TAG" 0 10 7)	# 0.70
require "lina: objective $O2 of 平台组 in $CYC, KR $K4" test -n "$O2" -a -n "$K4"
post wangfang /edit/objective/new "cycle=$CYC&owner=wangfang" --data-urlencode "title=t0730 王芳的目标 $TAG"
expect_status 303 "wangfang adds a personal objective in $CYC: 303"
O3=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
K5=$(make_kr wangfang "$O3" "t0730 12月31日前把演练从 0 提升到 5 $TAG" 0 5 1)	# 0.20
require "wangfang: personal objective $O3, KR $K5" test -n "$O3" -a -n "$K5"

post zhangwei /meet/new "unit=$RD&cycle=$CYC&kind=quarterly&due=$TODAY" --data-urlencode "title=t0730 季度复盘 $TAG"
expect_status 303 "zhangwei plans a quarterly review meeting of 研发部 in $CYC: 303"
MQ=$(location | sed -n 's|^/okr/meet/\([0-9][0-9]*\)$|\1|p')
get zhangwei "/meet/$MQ"
post zhangwei "/meet/$MQ/open" "version=$(form_value "/okr/meet/$MQ/open" version)&back=/okr/meet/$MQ"
expect_status 303 "open quarterly meeting $MQ: 303"
get zhangwei "/meet/$MQ"
expect_body_contains "<section class=\"grading\" id=\"grading\">" "meeting $MQ: the grading section"
for k in $K1 $K2 $K3 $K4 $K5; do
	check "meeting $MQ lists KR $k for grading" test -n "$(grade_row "$k")"
done
expect_body_contains "<p class=\"note-rule grade-state\">$(msg en err.grade.state)</p>" \
    "meeting $MQ (cycle active): says grades wait for the review"
check "meeting $MQ (cycle active): no grade form" test -z "$(grade_form "$K1")"
expect_row_has "$K1" "<span class=\"proposed\">$(msg en grading.proposed) 0.6</span>" "KR $K1 (0.64): proposed 0.6"
grade zhangwei "$K1" 1 0.6
REQ="$REQ (cycle active)"
expect_error 400 err.grade.state

# ======================================================================
# Under review: the short block with the cycle in state review
check "admin puts cycle $CYC under review: 303" test "$(cycle_state review)" = 303
get admin /edit/admin/cycles
check "cycle $CYC now in review" \
    test -n "$(tr -d '\n' < "$TMP/body" | sed 's/<form /\n<form /g' | grep "value=\"$CYC\"" | grep '<option value="review" selected>')"

# Objectives stay unchanged: the page offers no archive (t0705), a form
# sent anyway is refused.
OV=$(doc_xpath zhangwei "/objective/$O1" 'string(/page/objective/@version)')
S_O1=$(page_state admin "/objective/$O1")
for lang in en zh-CN; do
	post zhangwei "/edit/objective/$O1" "version=$OV&owner=zhangwei&parent=&back=/okr/objective/$O1" \
	    --data-urlencode "title=t0730 改名 $TAG" -H "Accept-Language: $lang"
	REQ="$REQ (new title, $lang)"
	expect_error 409 err.review.objective "$lang"
done
post zhangwei "/edit/objective/$O1/archive" "confirm=1&version=$OV&back=/okr/objective/$O1"
REQ="$REQ (under review)"
expect_error 409 err.review.objective
post admin "/edit/objective/$O1" "version=$OV&owner=zhangwei&parent=&back=/okr/objective/$O1" \
    --data-urlencode "title=t0730 管理员改名 $TAG"
REQ="$REQ (admin, under review)"
expect_error 409 err.review.objective
post zhangwei /edit/objective/new "cycle=$CYC&unit=$RD&owner=zhangwei" --data-urlencode "title=t0730 新目标 $TAG"
REQ="$REQ (a new objective, under review)"
expect_error 409 err.review.objective
check "objective $O1 unchanged by 5 refused writes" test "$(page_state admin "/objective/$O1")" = "$S_O1"
get zhangwei "/unit/$RD?cycle=$CYC"
expect_body_lacks "t0730 新目标 $TAG" "no new objective in $CYC"
expect_body_contains ">$OT</a>" "objective $O1 keeps its title"
expect_body_lacks "/okr/edit/objective/new?unit=$RD" "unit $RD under review: no 'New objective' link"
get wangfang "/person/wangfang?cycle=$CYC"
expect_body_lacks "/okr/edit/objective/new?owner=" "wangfang's page under review: no 'New personal objective' link"

# A KR changes with a reason only.
get zhangwei "/edit/kr/$K1"
expect_status 200 "the KR form of $K1 under review: 200"
expect_body_contains 'name="note"' "KR form under review: a note (reason) field"
KV=$(input_value version)
S_O1=$(page_state admin "/objective/$O1")
post zhangwei "/edit/kr/$K1" "version=$KV&kind=numeric&direction=increase&start=0&target=100&current=66&weight=1&owner=zhangwei&note=&back=/okr/objective/$O1" \
    --data-urlencode "title=$K1T 改"
REQ="$REQ (no reason)"
expect_status 400
if flat | grep -q "<div class=\"field field-note type-[a-z]* has-error\"><label for=\"f1-note\">[^<]*</label><[^>]* id=\"f1-note\" [^>]*aria-invalid=\"true\"[^>]*>.*<p class=\"field-error\" id=\"f1-note-err\">$(msg en err.field.required)</p>"; then
	ok "$REQ: '$(msg en err.field.required)' next to the reason (note)"
else
	fail "$REQ: '$(msg en err.field.required)' next to the reason (note)"
	note "errors: $(grep -o 'class="field-error" id="[^"]*">[^<]*' "$TMP/body" | tr '\n' ' ')"
fi
check "$REQ: typed title kept" test "$(input_value title)" = "$K1T 改"
check "$REQ: typed current value 66 kept" test "$(input_value current)" = 66
check "$REQ: version $KV kept" test "$(input_value version)" = "$KV"
check "objective $O1 unchanged by the refused KR edit" test "$(page_state admin "/objective/$O1")" = "$S_O1"
post zhangwei "/edit/kr/$K1" "version=$KV&kind=numeric&direction=increase&start=0&target=100&current=66&weight=1&owner=zhangwei&note=&back=/okr/objective/$O1" \
    --data-urlencode "title=$K1T" -H 'Accept-Language: zh-CN'
REQ="$REQ (no reason, zh-CN)"
expect_status 400
expect_body_contains "<p class=\"field-error\" id=\"f1-note-err\">$(msg zh-CN err.field.required)</p>" "$REQ: the error in zh-CN"
KR1="t0730 客户要求 <提前> 调整 & 复核 $TAG"
post zhangwei "/edit/kr/$K1" "version=$KV&kind=numeric&direction=increase&start=0&target=100&current=66&weight=1&owner=zhangwei&back=/okr/objective/$O1" \
    --data-urlencode "title=$K1T" --data-urlencode "note=$KR1"
expect_status 303 "KR $K1 adjusted (current 64 → 66) with a reason: 303"
get zhangwei "/objective/$O1"
expect_kr "$K1" '<strong class="current">66</strong>' "KR $K1 now at 66"
expect_change "$K1" "<strong>$(msg en field.current)</strong></span> <span class=\"old\">64</span><span class=\"arrow\"> → </span><span class=\"new\">66</span>" \
    "history: KR $K1 current 64 → 66"
expect_change "$K1" "<strong>$(msg en field.reason)</strong></span> <span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">t0730 客户要求 &lt;提前&gt; 调整 &amp; 复核 $TAG</span>" \
    "history: KR $K1 with the reason, escaped"

# ------------------------------------------------------------- grading
get zhangwei "/meet/$MQ"
expect_body_lacks '<p class="note-rule grade-state">' "meeting $MQ (under review): no 'wait for the review' note"
for k in $K1 $K2 $K3 $K4 $K5; do
	check "meeting $MQ: zhangwei (lead of 研发部) gets a grade form for KR $k" test -n "$(grade_form "$k")"
done
expect_row_has "$K1" "<span class=\"proposed\">$(msg en grading.proposed) 0.7</span>" "KR $K1 (now 0.66): proposed 0.7"
check "KR $K1: its form preselects 0.7 (got $(grade_selected "$K1"))" test "$(grade_selected "$K1")" = 0.7
expect_row_has "$K2" "<span class=\"proposed\">$(msg en grading.proposed) 0.3</span>" "KR $K2 (0.30): proposed 0.3"
expect_row_has "$K3" "<span class=\"proposed\">$(msg en grading.proposed) 0.8</span>" "KR $K3 (0.80): proposed 0.8"
expect_row_has "$K1" 'class="grade-kr ungraded"' "KR $K1 not graded yet"
check "the grading form says when a reason is needed" test -n "$(section_of grading | grep -F "$(msg en grading.reason-needed)")"
V1=$(grade_form "$K1" | grep -o 'name="kr-version" value="[0-9]*"' | sed 's/[^0-9]//g')
V2=$(grade_form "$K2" | grep -o 'name="kr-version" value="[0-9]*"' | sed 's/[^0-9]//g')
V3=$(grade_form "$K3" | grep -o 'name="kr-version" value="[0-9]*"' | sed 's/[^0-9]//g')

# The proposed grade needs no reason.
grade zhangwei "$K1" "$V1" 0.7
expect_status 303 "grade KR $K1 with the proposed 0.7, no reason: 303"
check "grade: 303 to KR $K1's row of /okr/meet/$MQ (got $(location))" test "$(location)" = "/okr/meet/$MQ#g-kr-$K1"
get zhangwei "/meet/$MQ"
expect_row_has "$K1" 'class="grade-kr graded"' "KR $K1 graded"
check "KR $K1: its form now preselects the grade 0.7" test "$(grade_selected "$K1")" = 0.7
get lina "/objective/$O1"
expect_kr "$K1" '<span class="score band-green">0.70</span>' "objective page: KR $K1's score is its grade 0.70 (progress 0.66)"
expect_change "$K1" "<span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">0.7</span>" \
    "history: KR $K1 graded → 0.7"

# Another grade needs a reason.
S_O1=$(page_state admin "/objective/$O1")
for lang in en zh-CN; do
	grade zhangwei "$K2" "$V2" 0.5 "" -H "Accept-Language: $lang"
	REQ="$REQ (0.5, proposed 0.3, no reason, $lang)"
	expect_error 400 err.grade.reason "$lang"
done
grade zhangwei "$K2" "$V2" 0.5 "   "
REQ="$REQ (a blank reason)"
expect_error 400 err.grade.reason
for bad in 0.75 1.2 -0.1 abc ""; do
	grade zhangwei "$K3" "$V3" "$bad" "t0730 坏分 $TAG"
	REQ="$REQ (value '$bad')"
	expect_status 400
done
grade zhangwei "$K3" "$((V3 + 7))" 0.8
REQ="$REQ (stale version $((V3 + 7)))"
expect_error 409 err.grade.conflict
grade zhangwei "$K3" "$((V3 + 1))" 0.8
REQ="$REQ (stale version $((V3 + 1)))"
expect_status 409
for u in wangfang sarahmiller lina; do
	grade $u "$K3" "$V3" 0.8
	REQ="$REQ ($u may not edit objective $O1)"
	expect_status 403
done
check "objective $O1 unchanged by 13 refused grades" test "$(page_state admin "/objective/$O1")" = "$S_O1"
GR2="t0730 用户数口径调整，实际完成度更高 $TAG"
grade zhangwei "$K2" "$V2" 0.5 "$GR2"
expect_status 303 "grade KR $K2 0.5 (proposed 0.3) with a reason: 303"
# A grade changed: old → new, with the reason.
V1=$(kversion "$K1")
grade zhangwei "$K1" "$V1" 0.6
REQ="$REQ (0.7 → 0.6, no reason)"
expect_error 400 err.grade.reason
GR1="t0730 交付推迟一周 $TAG"
grade zhangwei "$K1" "$V1" 0.6 "$GR1"
expect_status 303 "regrade KR $K1 0.7 → 0.6 with a reason: 303"
grade zhangwei "$K1" "$V1" 0.7
REQ="$REQ (KR $K1's version before the regrade)"
expect_status 409

# A KR of another cycle (the demo's current one, active) is not graded
# here; with a reason given, "needs a reason" would be the wrong answer.
DK=$(curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/" | grep -o '<tbody class="kr" id="kr-[0-9]*"' | head -1 | sed 's/[^0-9]//g')
DKV=$(krver "$DK" admin)
check "a KR of $CUR: $DK (version $DKV)" test -n "$DK" -a -n "$DKV"
grade admin "$DK" "$DKV" 0.5 "t0730 跨周期 $TAG"
REQ="$REQ (KR $DK of $CUR, an active cycle, with a reason)"
expect_status 400
expect_body_lacks "$(msg en err.grade.reason)" "$REQ: does not claim a reason is missing"

# Who grades: whoever may edit the objective.
get wangfang "/meet/$MQ"
check "meeting $MQ: wangfang gets a grade form for her own KR $K5" test -n "$(grade_form "$K5")"
for k in $K1 $K4; do
	check "meeting $MQ: wangfang gets no grade form for KR $k" test -z "$(grade_form "$k")"
done
expect_row_has "$K1" '<td class="grade-cell"><span class="score-wrap"><span class="score band-yellow">0.6</span>' \
    "meeting $MQ (wangfang): KR $K1 shows its grade 0.6"
V5=$(grade_form "$K5" | grep -o 'name="kr-version" value="[0-9]*"' | sed 's/[^0-9]//g')
grade wangfang "$K5" "$V5" 0.2
expect_status 303 "wangfang grades her KR $K5 with the proposed 0.2: 303"
V4=$(kversion "$K4" lina)
check "meeting $MQ: lina (lead of 平台组) gets a grade form for KR $K4" test -n "$V4"
grade lina "$K4" "$V4" 0.7
expect_status 303 "lina grades KR $K4 of 平台组 with the proposed 0.7: 303"

get zhangwei "/objective/$O1"
expect_kr "$K1" '<span class="score band-yellow">0.60</span>' "objective page: KR $K1's score is its grade 0.60"
expect_kr "$K2" '<span class="score band-yellow">0.50</span>' "objective page: KR $K2's score is its grade 0.50 (progress 0.30)"
expect_kr "$K3" '<span class="score band-green">0.80</span>' "objective page: KR $K3 (not graded) scores 0.80"
expect_change "$K1" "<span class=\"old\">0.7</span><span class=\"arrow\"> → </span><span class=\"new\">0.6</span>" \
    "history: KR $K1's grade 0.7 → 0.6"
expect_change "$K1" "<strong>$(msg en field.reason)</strong></span> <span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">$GR1</span>" \
    "history: KR $K1 with the regrade's reason"
expect_change "$K2" "<span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">0.5</span>" \
    "history: KR $K2 graded → 0.5"
expect_change "$K2" "<strong>$(msg en field.reason)</strong></span> <span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">$GR2</span>" \
    "history: KR $K2 with the grade's reason"
check "history: the grade change is labelled in the reader's language, not 'field.grade'" \
    test -z "$(kr_changes "$K1" | grep -F '<strong>field.grade</strong>')"

# The summary: 研发部 K1 0.6, K2 0.5 graded, K3 proposes 0.8; 平台组 K4
# 0.7 and K5 0.2 graded.  In the band: 0.6 and 0.7.
get chenming "/meet/$MQ"
expect_body_contains "<p class=\"note-rule summary-note\">$(msg en summary.note)</p>" "summary: the method's words"
expect_sum "$RD" "3 $(msg en summary.graded) 2|1 / 3 33%|0.63#0 × 0, 0.1 × 0, 0.2 × 0, 0.3 × 0, 0.4 × 0, 0.5 × 1, 0.6 × 1, 0.7 × 0, 0.8 × 1, 0.9 × 0, 1 × 0" \
    "summary 研发部: 3 KRs, 2 graded, 1 / 3 (33%) in the band, mean 0.63, bins 0.5 0.6 0.8"
expect_sum "$PLAT" "2|1 / 2 50%|0.45#0 × 0, 0.1 × 0, 0.2 × 1, 0.3 × 0, 0.4 × 0, 0.5 × 0, 0.6 × 0, 0.7 × 1, 0.8 × 0, 0.9 × 0, 1 × 0" \
    "summary 平台组: 2 KRs, all graded, 1 / 2 (50%) in the band, mean 0.45"
expect_sum total "5 $(msg en summary.graded) 4|2 / 5 40%|0.56#0 × 0, 0.1 × 0, 0.2 × 1, 0.3 × 0, 0.4 × 0, 0.5 × 1, 0.6 × 1, 0.7 × 1, 0.8 × 1, 0.9 × 0, 1 × 0" \
    "summary total: 5 KRs, 4 graded, 2 / 5 (40%) in the band, mean 0.56"
check "summary: the 0.6 and 0.7 bars of 研发部 and 平台组 marked in-band (2)" \
    test "$( (sum_row "$RD"; sum_row "$PLAT") | grep -o '<rect x="[0-9.]*" y="[0-9.]*" width="8" height="[0-9.]*" class="chart-bin in-band"' | wc -l)" = 2
check "summary: no person named in it (no ranking of people)" \
    test -z "$(section_of grade-summary | grep -o 'href="/okr/person/')"

# ======================================================================
# Back to active: no more grading, objectives change again
check "admin puts cycle $CYC back to active: 303" test "$(cycle_state active)" = 303
get zhangwei "/meet/$MQ"
expect_body_contains "<p class=\"note-rule grade-state\">$(msg en err.grade.state)</p>" \
    "meeting $MQ (cycle active again): grades wait for the review"
check "meeting $MQ: no grade form any more" test -z "$(grade_form "$K3")"
expect_row_has "$K1" '<td class="grade-cell"><span class="score-wrap"><span class="score band-yellow">0.6</span>' \
    "meeting $MQ: KR $K1 still shows its grade 0.6"
V3=$(krver "$K2")
check "KR $K2's version from its edit form ($V3)" test -n "$V3"
grade zhangwei "$K2" "$V3" 0.5 "t0730 再评 $TAG"
REQ="$REQ (cycle active)"
expect_error 400 err.grade.state
grade zhangwei "$K2" "$V3" 0.5 "t0730 再评 $TAG" -H 'Accept-Language: zh-CN'
REQ="$REQ (cycle active, zh-CN)"
expect_error 400 err.grade.state zh-CN
get zhangwei "/objective/$O1"
OV=$(form_value "/okr/edit/objective/$O1/archive" version)
post zhangwei "/edit/objective/$O1" "version=$OV&owner=zhangwei&parent=&back=/okr/objective/$O1" \
    --data-urlencode "title=$OT 改"
expect_status 303 "cycle active: zhangwei renames objective $O1: 303"
get lina "/objective/$O1"
expect_body_contains "$OT 改" "objective $O1 shows the new title"
KV=$(krver "$K3")
post zhangwei "/edit/kr/$K3" "version=$KV&kind=numeric&direction=increase&start=0&target=10&current=9&weight=1&owner=zhangwei&back=/okr/objective/$O1" \
    --data-urlencode "title=$K3T"
expect_status 303 "cycle active: KR $K3 changes without a reason: 303"
check "cycle $CYC closed at the end: 303" test "$(cycle_state closed)" = 303
