#!/bin/sh
# The action meeting shows the department's own objectives and which of
# them serves each company KR it carries; an uncovered KR links to the
# new-objective form of the department with that KR already chosen as
# its alignment; the action-item form offers the department's own KRs
# beside the carried ones, and refuses (400, the form back as typed, the
# error beside the KR) a KR that is neither.  On the demo's current
# cycle; the objective it makes is archived at the end.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
MKT=$(unit_id 市场部)
TODAY=$(date -u +%F)
require "unit ids: 研发部 $RD, 市场部 $MKT" test -n "$RD" -a -n "$MKT"
hx() {	# XPath on the last HTML page
	xmllint --html --xpath "$1" "$TMP/body" 2>/dev/null
}

meeting_opened zhangwei "$RD" action "t0722 行动会 $TAG"
M=$MEETING

doc zhangwei "/meet/$M"
COV=$(xpath "string((//carried/kr[@covered='1'][served-by])[1]/@id)")
SERVER=$(xpath "string((//carried/kr[@covered='1']/served-by)[1]/@objective)")
UNC=$(xpath "string((//carried/kr[not(@covered)][not(deferred)])[1]/@id)")
require "a covered carried KR ($COV, served by $SERVER) and an uncovered one ($UNC)" \
    test -n "$COV" -a -n "$SERVER" -a -n "$UNC"
check "objective $SERVER is 研发部's own, aligned to $COV" \
    test "$(doc_xpath zhangwei "/objective/$SERVER" 'string(/page/objective/unit/@id)')" = "$RD"

get zhangwei "/meet/$M"
check "the covered KR names the objective serving it" \
    test -n "$(hx "//section[@id='carried']//span[@class='served-by']/a[@href='/okr/objective/$SERVER']/@href")"
check "the own objectives: 研发部's $SERVER listed" \
    test -n "$(hx "//section[@id='own-okrs']//article[@id='o-$SERVER']/@id")"
check "no objective of another unit among them" \
    test -z "$(hx "//section[@id='own-okrs']//article//dd/a[starts-with(@href, '/okr/unit/') and not(starts-with(@href, '/okr/unit/$RD'))]/@href")"
NEW=$(hx "string(//section[@id='carried']//a[contains(@class, 'new-aligned')][contains(@href, 'parent=$UNC&')]/@href)")
check "the uncovered KR $UNC links a new objective of 研发部 aligned to it ($NEW)" \
    test -n "$NEW" -a -z "${NEW##/okr/edit/objective/new?unit=$RD&cycle=$CUR&parent=$UNC&*}"

# The link opens the form with the alignment chosen.
doc zhangwei "${NEW#/okr}"
check "GET $NEW: 200" test "$(cat "$TMP/doc.status")" = 200
check "the form's parent is $UNC" test "$(xpath "string(/page/form/field[@name='parent']/@value)")" = "$UNC"
post zhangwei /edit/objective/new "cycle=$CUR&unit=$RD&parent=$UNC&owner=zhangwei" --data-urlencode "title=t0722 承接 $TAG"
expect_status 303 "zhangwei makes 研发部's objective for $UNC: 303"
O=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
K=$(make_kr zhangwei "$O" "t0722 部门 KR $TAG" 0 10 1)
require "objective $O with KR $K" test -n "$O" -a -n "$K"
get zhangwei "/meet/$M"
check "$UNC now served by $O" \
    test -n "$(hx "//section[@id='carried']//span[@class='served-by']/a[@href='/okr/objective/$O']/@href")"
check "the item form offers the department's own KR $K" \
    test -n "$(hx "//form[@action='/okr/meet/$M/action']//select[@name='kr']/optgroup/option[@value='$K']/@value")"
check "... and the carried KR $UNC" \
    test -n "$(hx "//form[@action='/okr/meet/$M/action']//select[@name='kr']/option[@value='$UNC']/@value")"
post wangfang "/meet/$M/action" "owner=wangfang&due=$TODAY&kr=$K" --data-urlencode "title=t0722 做 $TAG"
expect_status 303 "an action item serving 研发部's own KR $K: 303"

# A KR of another department: neither carried nor its own.
MO=$(doc_xpath wangfang "/unit/$MKT" "string((/page/objective[unit/@id='$MKT'])[1]/@id)")
MK=$(doc_xpath wangfang "/objective/$MO" "string((/page/objective/kr)[1]/@id)")
require "市场部's KR $MK (objective $MO)" test -n "$MK"
post wangfang "/meet/$M/action" "owner=wangfang&due=$TODAY&kr=$MK" --data-urlencode "title=t0722 别处 $TAG"
expect_status 400 "an action item serving 市场部's KR $MK: 400"
check "the form back with the title as typed" \
    test "$(hx "string(//form[@action='/okr/meet/$M/action']//input[@name='title']/@value)")" = "t0722 别处 $TAG"
check "the error beside the KR" \
    test -n "$(hx "//form[@action='/okr/meet/$M/action']//select[@name='kr']/following-sibling::p[@class='field-error']")"
check "no such item stored, the other one is" test "$(doc_xpath zhangwei "/meet/$M" "count(//action[title='t0722 别处 $TAG'])"):$(doc_xpath zhangwei "/meet/$M" "count(//action[title='t0722 做 $TAG'])")" = 0:1

post zhangwei "/edit/objective/$O/archive" "confirm=1&version=$(doc_xpath zhangwei "/objective/$O" 'string(/page/objective/@version)')"
expect_status 303 "objective $O archived, the demo as it was: 303"
