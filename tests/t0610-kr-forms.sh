#!/bin/sh
# Key result forms: creating numeric, percent and milestone KRs (either
# direction, due dates inside the cycle), what the objective page then
# shows (values, kinds, scores), every validation error with the input
# kept and nothing written, and editing with versions and history.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0610 KR 表单 $TAG")
require "t0610's objective created in 平台组 ($O)" test -n "$O"

get lina "/unit/$PLAT"
CSTART=$(flat | grep -o '<p class="cycle-info">.*' | grep -o '<time datetime="[0-9-]*"' | sed -n '1s/.*"\(.*\)"/\1/p')
CEND=$(flat | grep -o '<p class="cycle-info">.*' | grep -o '<time datetime="[0-9-]*"' | sed -n '2s/.*"\(.*\)"/\1/p')
require "the cycle's dates are shown ($CSTART – $CEND)" test -n "$CSTART" -a -n "$CEND"
BEFORE=$(date -u -d "$CSTART - 1 day" +%F)
AFTER=$(date -u -d "$CEND + 1 day" +%F)

# The KRs of the objective page (last get).
n_krs() {
	count_in_body '<tbody class="kr" id="kr-'
}

kr_id() {	# TITLE (on the last objective page)
	flat | grep -o "<tbody class=\"kr\" id=\"kr-[0-9]*\"><tr><th scope=\"row\" class=\"kr-title\">$1<" |
	    head -1 | sed 's/.*id="kr-\([0-9]*\)".*/\1/'
}

expect_field_error() {	# NAME KEY LANG
	if flat | grep -q "<div class=\"field field-$1 type-[a-z]* has-error\"><label for=\"f1-$1\">[^<]*</label><[^>]* id=\"f1-$1\" [^>]*aria-invalid=\"true\".*<p class=\"field-error\" id=\"f1-$1-err\">$(msg "$3" "$2")[^<]*</p>"; then
		ok "$REQ: $3 error '$(msg "$3" "$2")' next to field $1"
	else
		fail "$REQ: $3 error '$(msg "$3" "$2")' next to field $1"
		note "status $(cat "$TMP/status"); errors: $(grep -o 'class="field-error" id="[^"]*">[^<]*' "$TMP/body" | tr '\n' ' ')"
	fi
}

expect_row() {	# KR TEXT DESC: the KR's row on the last page holds TEXT
	if kr_row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(kr_row "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-200)"
	fi
}

# -------------------------------------------------------------- the form
get lina "/edit/kr/new?objective=$O"
expect_status 200 "lina opens the new-KR form of objective $O: 200"
expect_body_contains '<form class="edit status-new" method="post" action="/okr/edit/kr/new">'
expect_body_contains "<input type=\"hidden\" name=\"objective\" value=\"$O\">"
for f in title kind direction start target current unit-label due weight owner; do
	expect_body_contains "name=\"$f\"" "new-KR form: field $f"
done
for k in numeric percent milestone; do
	expect_body_contains "<option value=\"$k\"" "new-KR form: kind $k offered"
done
expect_body_contains "<input type=\"date\" id=\"f1-due\" name=\"due\" value=\"$CEND\">" \
    "new-KR form: due date defaults to the cycle's end"

# ------------------------------------------------------------ creating
# As a browser sends the form: every field.
T1="t0610 接入 20 个服务 $TAG"
post lina /edit/kr/new "objective=$O&kind=numeric&direction=increase&start=0&target=20&current=5&weight=1&owner=lina&due=$CSTART&back=/okr/objective/$O" \
    --data-urlencode "title=$T1" --data-urlencode "unit-label=个"
expect_status 303 "numeric KR (due on the cycle's first day): 303"
check "numeric KR: 303 back to the objective" test "$(location)" = "/okr/objective/$O"
T2="t0610 告警误报率 30% 降到 10% $TAG"
post lina /edit/kr/new "objective=$O&kind=percent&direction=decrease&start=30&target=10&current=25&weight=2&owner=liuyang&due=$CEND&back=/okr/objective/$O" \
    --data-urlencode "title=$T2" --data-urlencode "unit-label=%"
expect_status 303 "percent KR, decreasing, weight 2, owner liuyang (due on the last day): 303"
T3="t0610 上线自动切换 $TAG"
post lina /edit/kr/new "objective=$O&kind=milestone&direction=increase&start=0&target=1&current=1&weight=1&owner=lina&due=$CEND&back=/okr/objective/$O" \
    --data-urlencode "title=$T3" --data-urlencode "unit-label="
expect_status 303 "milestone KR, done: 303"
# Thousands separators as people type them.
T4="t0610 收入 1,200 万 $TAG"
post lina /edit/kr/new "objective=$O&kind=numeric&direction=increase&weight=0&owner=lina&due=$CEND&back=/okr/objective/$O" \
    --data-urlencode "title=$T4" --data-urlencode "start=1,000" --data-urlencode "target=1 200" \
    --data-urlencode "current=1,100" --data-urlencode "unit-label=万元"
expect_status 303 "numeric KR typed with digit group marks (1,000 / 1 200), weight 0: 303"

get wangfang "/objective/$O"
K1=$(kr_id "$T1") K2=$(kr_id "$T2") K3=$(kr_id "$T3") K4=$(kr_id "$T4")
require "objective $O lists the 4 new KRs ($K1 $K2 $K3 $K4)" test -n "$K1" -a -n "$K2" -a -n "$K3" -a -n "$K4"
expect_row "$K1" '<span class="badge kind-numeric">' "KR $K1: numeric"
expect_row "$K1" '<span class="start">0</span><span class="arrow"> → </span><strong class="current">5</strong><span class="arrow"> → </span><span class="target">20</span> <span class="ulabel">个</span><span class="dir dir-increase">' \
    "KR $K1: 0 → 5 → 20 个, increase"
expect_row "$K1" "<time datetime=\"$CSTART\">" "KR $K1: due $CSTART"
expect_row "$K1" '<span class="score band-red">0.25</span>' "KR $K1: score (5-0)/(20-0) = 0.25"
expect_row "$K1" '<a href="/okr/person/lina">李娜</a>' "KR $K1: owner 李娜"
expect_row "$K2" '<span class="badge kind-percent">' "KR $K2: percent"
expect_row "$K2" '<span class="start">30</span><span class="arrow"> → </span><strong class="current">25</strong><span class="arrow"> → </span><span class="target">10</span> <span class="ulabel">%</span><span class="dir dir-decrease">' \
    "KR $K2: 30 → 25 → 10 %, decrease"
expect_row "$K2" '<span class="score band-red">0.25</span>' "KR $K2: score (25-30)/(10-30) = 0.25"
expect_row "$K2" '<td class="num">2</td>' "KR $K2: weight 2"
expect_row "$K2" '<a href="/okr/person/liuyang">刘洋</a>' "KR $K2: owner 刘洋"
expect_row "$K2" "<time datetime=\"$CEND\">" "KR $K2: due $CEND"
expect_row "$K3" '<span class="badge kind-milestone">' "KR $K3: milestone"
expect_row "$K3" "<span class=\"milestone done\">$(msg en kr.done)</span>" "KR $K3: shown done"
expect_row "$K3" '<span class="score band-green">1.00</span>' "KR $K3: score 1.00"
expect_row "$K4" '<span class="start">1000</span><span class="arrow"> → </span><strong class="current">1100</strong><span class="arrow"> → </span><span class="target">1200</span>' \
    "KR $K4: 1,000 → 1,100 → 1 200 read as 1000 → 1100 → 1200"
expect_row "$K4" '<td class="num">0</td>' "KR $K4: weight 0"
# Weighted: (0.25·1 + 0.25·2 + 1·1 + 0.5·0) / 4 = 0.4375.
check "objective $O: score is the weighted mean 0.44 (yellow)" \
    sh -c "tr -d '\n' < '$TMP/body' | grep -q '<header class=\"o-head\">.*<span class=\"score band-yellow\">0.44</span>'"
get lina "/objective/$O"
KRS=$(n_krs)

# ---------------------------------------------------------- validation
bad() {	# DESC FIELD KEY LANG DATA...: refused, error next to FIELD
	_d=$1 _f=$2 _k=$3 _l=$4
	shift 4
	post lina /edit/kr/new "objective=$O&back=/okr/objective/$O" -H "Accept-Language: $_l" "$@"
	REQ="new KR with $_d ($_l)"
	expect_status 400
	expect_body_contains "<html lang=\"$_l\""
	expect_body_contains "$(msg "$_l" form.invalid)"
	expect_field_error "$_f" "$_k" "$_l"
}
for lang in en zh-CN; do
	bad "start 'abc'" start err.field.number $lang --data "kind=numeric&direction=increase&start=abc&target=10&current=&weight=1&due=$CEND" \
	    --data-urlencode "title=t0610 坏起点 $TAG"
	check "$REQ: the typed start 'abc' is kept" test "$(input_value start)" = abc
	check "$REQ: the title is kept" test "$(input_value title)" = "t0610 坏起点 $TAG"
	check "$REQ: the target is kept" test "$(input_value target)" = 10
	bad "due date $AFTER, after the cycle" due err.field.date-outside-cycle $lang \
	    --data "kind=numeric&direction=increase&start=0&target=10&weight=1&due=$AFTER" --data-urlencode "title=t0610 太晚 $TAG"
	check "$REQ: the typed due date is kept" test "$(input_value due)" = "$AFTER"
	bad "weight -1" weight err.field.range $lang \
	    --data "kind=numeric&direction=decrease&start=10&target=0&weight=-1&due=$CEND" --data-urlencode "title=t0610 负权重 $TAG"
	check "$REQ: the typed weight -1 is kept" test "$(input_value weight)" = -1
	expect_body_contains '<option value="decrease" selected>' "$REQ: direction decrease kept"
	bad "milestone current 0.5" current err.field.range $lang \
	    --data "kind=milestone&direction=increase&start=0&target=1&current=0.5&weight=1&due=$CEND" --data-urlencode "title=t0610 半个里程碑 $TAG"
	check "$REQ: the typed current 0.5 is kept" test "$(input_value current)" = 0.5
	expect_body_contains '<option value="milestone" selected>' "$REQ: kind milestone kept"
done
bad "due date $BEFORE, before the cycle" due err.field.date-outside-cycle en \
    --data "kind=numeric&start=0&target=10&weight=1&due=$BEFORE&direction=increase" --data-urlencode "title=t0610 太早 $TAG"
bad "due date 2026-02-30" due err.field.date en \
    --data "kind=numeric&start=0&target=10&weight=1&due=2026-02-30&direction=increase" --data-urlencode "title=t0610 没这天 $TAG"
bad "no title" title err.field.required en \
    --data "kind=numeric&start=0&target=10&weight=1&direction=increase&title="
bad "kind 'bogus'" kind err.field.choice en \
    --data "kind=bogus&start=0&target=10&weight=1&direction=increase" --data-urlencode "title=t0610 怪类型 $TAG"
bad "target 1e13 (beyond the limit)" target err.field.range en \
    --data "kind=numeric&start=0&target=1e13&weight=1&direction=increase" --data-urlencode "title=t0610 太大 $TAG"
bad "target 'inf'" target err.field.number en \
    --data "kind=numeric&start=0&target=inf&weight=1&direction=increase" --data-urlencode "title=t0610 无穷 $TAG"
bad "owner zhangwei, not of the unit" owner err.field.choice en \
    --data "kind=numeric&start=0&target=10&weight=1&direction=increase&owner=zhangwei" --data-urlencode "title=t0610 外人 $TAG"
get lina "/objective/$O"
check "after 15 refused KR forms objective $O still has $KRS KRs (got $(n_krs))" test "$(n_krs)" -eq "$KRS"
expect_body_lacks "坏起点" "no refused KR written"

# --------------------------------------------------------------- edit
get lina "/edit/kr/$K1"
expect_status 200 "lina opens the edit form of KR $K1: 200"
expect_header ETag "\"k$K1-1\"" "edit form of KR $K1: ETag names version 1"
check "edit form of KR $K1: hidden version 1" test "$(input_value version)" = 1
check "edit form of KR $K1: start/target/current filled in (0/20/5)" \
    test "$(input_value start)/$(input_value target)/$(input_value current)" = 0/20/5
check "edit form of KR $K1: due filled in" test "$(input_value due)" = "$CSTART"
T1B="t0610 接入 40 个服务 $TAG"
post lina "/edit/kr/$K1" "version=1&kind=numeric&direction=increase&start=0&target=40&current=5&weight=1&owner=lina&due=$CEND&back=/okr/objective/$O" \
    --data-urlencode "title=$T1B" --data-urlencode "unit-label=个"
expect_status 303 "lina saves KR $K1 at version 1 (target 20 → 40): 303"
check "KR save: 303 back to the objective" test "$(location)" = "/okr/objective/$O"
get lina "/edit/kr/$K1"
expect_header ETag "\"k$K1-2\"" "edit form of KR $K1 after the save: ETag names version 2"
get sarahmiller "/objective/$O"
expect_row "$K1" "$T1B" "KR $K1: new title shown"
expect_row "$K1" '<span class="target">40</span>' "KR $K1: target 40"
expect_row "$K1" '<span class="score band-red">0.13</span>' "KR $K1: score 5/40 = 0.13"
expect_flat "<a href=\"/okr/person/lina\">李娜</a> <span class=\"what\">$(msg en kr.kr) <a href=\"#kr-$K1\">$T1B</a> · <strong>$(msg en field.target)</strong></span> <span class=\"old\">20</span><span class=\"arrow\"> → </span><span class=\"new\">40</span>" \
    "objective $O: history shows 李娜 changed KR $K1's target 20 → 40"
expect_flat "<strong>$(msg en field.due)</strong></span> <span class=\"old\">$CSTART</span><span class=\"arrow\"> → </span><span class=\"new\">$CEND</span>" \
    "objective $O: history shows the due date $CSTART → $CEND"
expect_flat "<strong>$(msg en field.title)</strong></span> <span class=\"old\">$T1</span><span class=\"arrow\"> → </span><span class=\"new\">$T1B</span>" \
    "objective $O: history shows the KR title old → new"
# An edit that fails validation writes nothing, and keeps the input.
post lina "/edit/kr/$K1" "version=2&kind=numeric&direction=increase&start=0&target=x40&current=5&weight=1&due=$CEND&back=/okr/objective/$O" \
    --data-urlencode "title=t0610 不该保存 $TAG"
expect_status 400 "KR edit with target 'x40': 400"
expect_field_error target err.field.number en
check "$REQ: version 2 still in the form" test "$(input_value version)" = 2
check "$REQ: typed title kept" test "$(input_value title)" = "t0610 不该保存 $TAG"
# Switching a KR to a milestone keeps only 0 or 1.
post lina "/edit/kr/$K2" "version=1&kind=milestone&direction=increase&start=30&target=10&current=0&weight=2&owner=liuyang&due=$CEND&back=/okr/objective/$O" \
    --data-urlencode "title=$T2"
expect_status 303 "KR $K2 turned into a milestone (not done): 303"
get lina "/objective/$O"
expect_row "$K2" '<span class="badge kind-milestone">' "KR $K2: now a milestone"
expect_row "$K2" '<span class="score band-red">0.00</span>' "KR $K2: milestone not done scores 0.00"
expect_body_lacks "不该保存" "refused KR edit not written"
expect_flat "<strong>$(msg en field.kind)</strong></span> <span class=\"old\">$(msg en kind.percent)</span><span class=\"arrow\"> → </span><span class=\"new\">$(msg en kind.milestone)</span>" \
    "objective $O: history shows KR $K2's kind Percentage → Milestone"
