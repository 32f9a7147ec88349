#!/bin/sh
# Carrying an unfinished objective into the next cycle: refused while
# there is none, the admin creates it, then (confirmed, with the KRs
# ticked) the copy starts each KR where it stood, and both objectives'
# histories say so; a second carry is a 409.  A finished objective is not
# carried; a closed cycle's objective is carried by its owner.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
y=${CUR%-Q*} q=${CUR#*-Q}
if [ "$q" = 4 ]; then NEXT="$((y + 1))-Q1"; else NEXT="$y-Q$((q + 1))"; fi

O=$(make_objective lina "$PLAT" "t0680 结转 $TAG")
require "t0680's objective $O" test -n "$O"
post lina /edit/kr/new "objective=$O&kind=numeric&direction=increase&start=0&target=100&current=30&weight=2&owner=wangfang&due=$(date -u +%F)&back=/okr/objective/$O" \
    --data-urlencode "title=t0680 覆盖率到 100 $TAG" --data-urlencode "unit-label=%"
expect_status 303 "KR 0 → 30 → 100, due today, owner wangfang: 303"
KB=$(make_kr lina "$O" "t0680 上线 $TAG" 0 1 1 milestone)
get lina "/objective/$O"
KA=$(flat | grep -o "<tbody class=\"kr\" id=\"kr-[0-9]*\"><tr><th scope=\"row\" class=\"kr-title\">t0680 覆盖率到 100 $TAG<" |
    sed 's/.*id="kr-\([0-9]*\)".*/\1/')
require "objective $O: KRs $KA (30 of 100) and $KB (milestone done)" test -n "$KA" -a -n "$KB"
# A finished objective: its one milestone done.
F=$(make_objective lina "$PLAT" "t0680 已完成 $TAG")
FK=$(make_kr lina "$F" "t0680 完成 $TAG" 0 1 1 milestone)
require "finished objective $F (KR $FK done)" test -n "$F" -a -n "$FK"

# ------------------------------------------------------ no next cycle yet
get admin /edit/admin/cycles
if grep -q "value=\"$NEXT\"" "$TMP/body"; then
	note "cycle $NEXT exists already (the stack has run this before): skipping 'no next cycle'"
else
	get lina "/objective/$O"
	expect_body_lacks "/okr/edit/objective/$O/carry" "objective $O: no carry button while there is no next cycle"
	S=$(page_state admin "/objective/$O")
	post lina "/edit/objective/$O/carry" ""
	expect_status 400 "carry objective $O with no cycle after $CUR: 400"
	expect_body_contains "$(msg en err.carry)"
	post lina "/edit/objective/$O/carry" "" -H 'Accept-Language: zh-CN'
	expect_body_contains "$(msg zh-CN err.carry)" "$REQ: explained in zh-CN"
	check "objective $O unchanged by the refused carry" test "$(page_state admin "/objective/$O")" = "$S"
	post admin /edit/admin/cycle/next ""
	expect_status 303 "admin creates the next cycle: 303"
	check "next cycle: 303 to the cycles page" test "$(location)" = /okr/edit/admin/cycles
	get admin /edit/admin/cycles
	expect_body_contains "value=\"$NEXT\"" "admin cycles lists the new cycle $NEXT"
	tr -d '\n' < "$TMP/body" | sed 's/<form /\n<form /g' | grep "value=\"$NEXT\"" > "$TMP/next.row"
	check "cycle $NEXT: in planning" grep -q '<option value="planning" selected>' "$TMP/next.row"
fi
get lina /
expect_body_contains "<option value=\"$CUR\" selected" "the current cycle is still $CUR"
expect_body_contains "<option value=\"$NEXT\"" "the cycle switcher offers $NEXT"

# ------------------------------------------------------------ carrying
get lina "/objective/$O"
expect_body_contains "action=\"/okr/edit/objective/$O/carry\"" "objective $O: a carry button"
expect_body_contains "$(msg en action.carry) $NEXT" "objective $O: 'Carry over to $NEXT'"
S=$(page_state admin "/objective/$O")
post wangfang "/edit/objective/$O/carry" ""
expect_status 403 "wangfang (member) carries 平台组's objective $O: 403"
expect_body_contains "$(msg en err.403.edit)"
check "objective $O unchanged by the refused carry" test "$(page_state admin "/objective/$O")" = "$S"
post lina "/edit/objective/$F/carry" ""
expect_status 400 "carry the finished objective $F (score 1.00): 400"
expect_body_contains "$(msg en err.carry)"

post lina "/edit/objective/$O/carry" "confirm=1&kr=$KA"
expect_status 303 "lina carries objective $O into $NEXT: 303"
N=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
check "carry: 303 to the new objective ($(location))" test -n "$N" -a "$N" != "$O"
get lina "/objective/$N"
expect_status 200
expect_body_contains ">t0680 结转 $TAG</a></h1>" "objective $N: the same title"
expect_body_contains "<a href=\"/okr/?cycle=$NEXT\">$NEXT</a>" "objective $N: in cycle $NEXT"
expect_body_contains "<dt>$(msg en o.version)</dt><dd>1</dd>" "objective $N: version 1"
NA=$(flat | grep -o "<tbody class=\"kr\" id=\"kr-[0-9]*\"><tr><th scope=\"row\" class=\"kr-title\">t0680 覆盖率到 100 $TAG<" |
    sed 's/.*id="kr-\([0-9]*\)".*/\1/')
check "objective $N: its own copy of the KR ($NA, not $KA)" test -n "$NA" -a "$NA" != "$KA"
kr_row "$NA" > "$TMP/na"
check "KR $NA: starts where KR $KA stood: 30 → 30 → 100" \
    grep -qF '<span class="start">30</span><span class="arrow"> → </span><strong class="current">30</strong><span class="arrow"> → </span><span class="target">100</span>' "$TMP/na"
check "KR $NA: no score yet, $NEXT is in planning (not a red 0.00)" grep -qF "<span class=\"score unscored\">$(msg en state.planning)</span>" "$TMP/na"
check "KR $NA: keeps weight 2 and owner 王芳" \
    sh -c "grep -qF '<td class=\"num\">2</td>' '$TMP/na' && grep -qF '<a href=\"/okr/person/wangfang?cycle=$NEXT\">王芳</a>' '$TMP/na'"
check "KR $NA: due the last day of $NEXT" grep -q "<time datetime=\"$(echo "$NEXT" | sed 's/-Q.*//')-[0-9][0-9]-3[01]\">" "$TMP/na"
expect_flat "<a href=\"/okr/person/lina?cycle=$NEXT\">李娜</a> <span class=\"what\"><strong>$(msg en field.carried)</strong></span> <span class=\"old\">#$O</span>" \
    "objective $N (of $NEXT): history says 李娜 carried it from #$O"
expect_flat "<strong>$(msg en field.created)</strong>" "objective $N: history says created"
get lina "/objective/$O"
expect_flat "<a href=\"/okr/person/lina\">李娜</a> <span class=\"what\"><strong>$(msg en field.carried)</strong></span> <span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">#$N</span>" \
    "objective $O: history says 李娜 carried it to #$N"
kr_row "$KA" | grep -qF '<strong class="current">30</strong>' &&
    ok "objective $O: KR $KA unchanged (current 30)" || fail "objective $O: KR $KA unchanged (current 30)"
S=$(page_state admin "/objective/$O")
post lina "/edit/objective/$O/carry" "confirm=1&kr=$KA"
expect_status 409 "carry objective $O a second time: 409"
expect_body_contains "$(msg en err.carry.done)"
check "objective $O unchanged by the second carry" test "$(page_state admin "/objective/$O")" = "$S"
get lina "/unit/$PLAT?cycle=$NEXT"
expect_body_contains "href=\"/okr/objective/$N\">t0680 结转 $TAG</a>" "平台组 in $NEXT lists objective $N"
# The new cycle is in planning: the copy can be worked on.
post lina "/edit/objective/$N" "version=1&back=/okr/objective/$N" --data-urlencode "title=t0680 结转后改 $TAG"
expect_status 303 "lina edits the carried objective $N in $NEXT: 303"

# ------------------------------------------- from the closed cycle
get lina "/unit/$PLAT?cycle=$PREV"
PO=$(flat | grep -o '<article class="objective level-team" id="o-[0-9]*"' | head -1 | sed 's/.*o-\([0-9]*\)"/\1/')
PT=$(flat | sed 's/<article /\n<article /g' | grep "^<article class=\"objective level-team\" id=\"o-$PO\"" |
    sed -n 's/.*<h3 class="o-title"><a href="[^"]*">\([^<]*\)<.*/\1/p')
check "平台组's objective in the closed $PREV: $PO ($PT)" test -n "$PO" -a -n "$PT"
get lina "/objective/$PO"
expect_body_contains "action=\"/okr/edit/objective/$PO/carry\"" "closed objective $PO: a carry button for its owner"
post wangfang "/edit/objective/$PO/carry" ""
expect_status 403 "wangfang carries 平台组's closed objective $PO: 403"
# The KRs ticked by default on the confirmation page.
PKRS=
for k in $(doc_xpath lina "/edit/objective/$PO/carry" "//confirm/choice[@carry='1']/@kr" | tr -dc '0-9 '); do
	PKRS="$PKRS&kr=$k"
done
post lina "/edit/objective/$PO/carry" "confirm=1$PKRS"
expect_status 303 "lina (its owner) carries the closed objective $PO into $CUR: 303"
PN=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
get lina "/objective/$PN"
expect_body_contains ">$PT</a></h1>" "objective $PN: the closed objective's title"
expect_body_contains "<a href=\"/okr/\">$CUR</a>" "objective $PN: in $CUR"
expect_flat "<strong>$(msg en field.carried)</strong></span> <span class=\"old\">#$PO</span>" "objective $PN: history says carried from #$PO"
get lina "/objective/$PO"
expect_flat "<strong>$(msg en field.carried)</strong></span> <span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">#$PN</span>" \
    "closed objective $PO: history says carried to #$PN"
