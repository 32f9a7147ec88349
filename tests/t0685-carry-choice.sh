#!/bin/sh
# Carry-over asks first and lets the owner choose: the confirmation page
# (no script needed) ticks the unfinished KRs and not the finished one,
# says the copy starts unaligned while the KR above has not gone on and
# stays aligned (to that KR's copy) once it has; a POST without confirm
# only shows the page again, keeping what was ticked; confirmed, exactly
# the KRs ticked go on; the original and the copy link each other on
# their pages and in the XML; a second carry is a 409 naming the copy.
# Archive asks too: "Archive objective X? [Archive] [Cancel]".
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
post admin /edit/admin/cycle/next ""	# 409 when the next cycle exists
y=${CUR%-Q*} q=${CUR#*-Q}
if [ "$q" = 4 ]; then NEXT="$((y + 1))-Q1"; else NEXT="$y-Q$((q + 1))"; fi

hx() {	# XPath on the last HTML page
	xmllint --html --xpath "$1" "$TMP/body" 2>/dev/null
}
# The objective's record in the XML export, one attribute.
xattr() {	# USER O ID ATTR
	doc_xpath "$1" "/xml/objective/$2" "string(//*[local-name()='objective'][@id='$3']/@$4)"
}

P=$(make_objective zhangwei "$RD" "t0685 部门 $TAG")
PK=$(make_kr zhangwei "$P" "t0685 部门 KR $TAG" 0 100 10)
O=$(make_objective lina "$PLAT" "t0685 结转 $TAG")
KA=$(make_kr lina "$O" "t0685 未完成 A $TAG" 0 100 30)
KB=$(make_kr lina "$O" "t0685 已完成 $TAG" 0 1 1 milestone)
KC=$(make_kr lina "$O" "t0685 未完成 C $TAG" 0 10 0)
require "objectives $P (KR $PK) and $O (KRs $KA, $KB done, $KC)" \
    test -n "$P" -a -n "$PK" -a -n "$O" -a -n "$KA" -a -n "$KB" -a -n "$KC"
post lina "/edit/objective/$O" "version=$(doc_xpath lina "/objective/$O" 'string(/page/objective/@version)')&owner=lina&parent=$PK" \
    --data-urlencode "title=t0685 结转 $TAG"
expect_status 303 "objective $O aligned to $PK: 303"

# ------------------------------------------------------- the choice
get lina "/edit/objective/$O/carry"
expect_status 200 "GET the carry-over page of $O: 200"
ticked() {	# KR: "1" when its box is ticked
	hx "count(//form[@action='/okr/edit/objective/$O/carry']//input[@type='checkbox'][@name='kr'][@value='$1'][@checked])"
}
check "unfinished KR $KA ticked" test "$(ticked "$KA")" = 1
check "finished KR $KB not ticked" test "$(ticked "$KB")" = 0
check "unfinished KR $KC ticked" test "$(ticked "$KC")" = 1
check "the form confirms (hidden confirm=1)" \
    test "$(hx "string(//form[@action='/okr/edit/objective/$O/carry']//input[@name='confirm']/@value)")" = 1
check "the button says 'Carry over to $NEXT'" \
    test "$(hx "normalize-space(//form[@action='/okr/edit/objective/$O/carry']//button)")" = "$(msg en action.carry) $NEXT"
check "Cancel goes back to the objective" \
    test "$(hx "string(//form[@action='/okr/edit/objective/$O/carry']//a[@class='cancel']/@href)")" = "/okr/objective/$O"
check "the alignment: the copy starts unaligned ($P not carried)" \
    test "$(hx "normalize-space(//p[@class='carry-alignment'])")" = "$(msg en carry.align.drop)"

# A POST without confirm shows the page again, as ticked; nothing moves.
post lina "/edit/objective/$O/carry" "kr=$KA"
expect_status 200 "carry POST without confirm: 200, the question again"
check "... with $KA ticked as sent" test "$(ticked "$KA")" = 1
check "... and $KC as sent (not)" test "$(ticked "$KC")" = 0
check "... nothing carried" test -z "$(xattr lina "$O" "$O" carried-to)"

# The department's objective goes on first, with its KR.
post zhangwei "/edit/objective/$P/carry" "confirm=1&kr=$PK"
expect_status 303 "zhangwei carries $P with KR $PK: 303"
PN=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
PKN=$(doc_xpath zhangwei "/xml/objective/$PN" "string(//*[local-name()='kr'][@carried-from='$PK']/@id)")
check "KR $PK's copy in $PN: $PKN" test -n "$PKN"
get lina "/edit/objective/$O/carry" -H 'Accept-Language: zh-CN'
check "now the copy stays aligned to $PKN (zh-CN)" \
    test "$(hx "string(//p[@class='carry-alignment']/a/@href)")" = "/okr/objective/$PN#kr-$PKN"
check "... said in Chinese" \
    test "$(hx "normalize-space(//p[@class='carry-alignment']/text())")" = "$(msg zh-CN carry.align.keep)"

# Confirmed: the finished KR ticked by choice, C left behind.
post lina "/edit/objective/$O/carry" "confirm=1&kr=$KA&kr=$KB"
expect_status 303 "lina carries $O with $KA and $KB: 303"
N=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
check "carry: 303 to the copy ($N)" test -n "$N" -a "$N" != "$O"
doc lina "/xml/objective/$N"
check "copy $N: exactly two KRs" test "$(xpath "count(//*[local-name()='kr'][@objective='$N'])")" = 2
check "copy $N: from $KA and $KB" \
    test "$(xpath "count(//*[local-name()='kr'][@objective='$N'][@carried-from='$KA' or @carried-from='$KB'])")" = 2
check "XML: copy $N carried-from $O" test "$(xattr lina "$N" "$N" carried-from)" = "$O"
check "XML: copy $N aligned to $PKN" test "$(xattr lina "$N" "$N" parent-kr)" = "$PKN"
check "XML: $O carried-to $N" test "$(xattr lina "$O" "$O" carried-to)" = "$N"
for x in "$O" "$N"; do
	doc_at "$MUBIAO_URL" lina "/xml/objective/$x" > "$TMP/x.xml"
	check "XML of objective $x: valid against the schema" sh -c \
	    "xmllint --noout --relaxng '$TESTS_ROOT/xslt/mubiao.rng' '$TMP/x.xml' 2> /dev/null"
done
get lina "/objective/$O"
check "page of $O: 'Carried over to' links $N" \
    test "$(hx "string(//p[@class='carried-to']/a/@href)")" = "/okr/objective/$N"
expect_body_lacks "action=\"/okr/edit/objective/$O/carry\"" "page of $O: no carry button any more"
get lina "/objective/$N"
check "page of $N: 'Carried over from' links $O" \
    test "$(hx "string(//p[@class='carried-from']/a/@href)")" = "/okr/objective/$O"
check "page of $N: says '$(msg en o.carried-from)'" \
    test "$(hx "string(//p[@class='carried-from']/span[@class='label'])")" = "$(msg en o.carried-from)"

# Carried already: a 409 that names the copy.
post lina "/edit/objective/$O/carry" "confirm=1&kr=$KC"
expect_status 409 "carry $O again: 409"
expect_body_contains "$(msg en err.carry.done)"
check "the 409 links the copy $N" test "$(hx "string(//p[@class='carried-to']/a/@href)")" = "/okr/objective/$N"
get lina "/edit/objective/$O/carry"
expect_status 409 "the carry-over page of $O: 409, carried already"
check "copy $N still has two KRs" test "$(doc_xpath lina "/xml/objective/$N" "count(//*[local-name()='kr'][@objective='$N'])")" = 2

# ------------------------------------------------------------ archive
A=$(make_objective lina "$PLAT" "t0685 归档 $TAG")
require "objective $A" test -n "$A"
get lina "/edit/objective/$A/archive" -H 'Accept-Language: zh-CN'
expect_status 200 "GET the archive question of $A: 200"
check "asks '$(msg zh-CN confirm.archive) “t0685 归档 $TAG”$(msg zh-CN confirm.q)'" \
    test "$(hx "normalize-space(//h1)")" = "$(msg zh-CN confirm.archive) “t0685 归档 $TAG”$(msg zh-CN confirm.q)"
check "an Archive button" test "$(hx "normalize-space(//form[@action='/okr/edit/objective/$A/archive']//button)")" = "$(msg zh-CN action.archive)"
check "a Cancel link back to $A" \
    test "$(hx "string(//form[@action='/okr/edit/objective/$A/archive']//a[@class='cancel']/@href)")" = "/okr/objective/$A"
V=$(hx "string(//form[@action='/okr/edit/objective/$A/archive']//input[@name='version']/@value)")
post lina "/edit/objective/$A/archive" "version=$V"
expect_status 200 "archive POST without confirm: 200, the question"
check "... $A still active" test "$(doc_xpath lina "/objective/$A" 'string(/page/objective/@state)')" = active
post lina "/edit/objective/$A/archive" "confirm=1&version=$V"
expect_status 303 "archive confirmed: 303"
check "$A archived" test "$(doc_xpath lina "/objective/$A" 'string(/page/objective/@state)')" = archived
