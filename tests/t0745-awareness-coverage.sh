#!/bin/sh
# The awareness meeting's coverage rolls each team into its department
# (the department's row counts its own people and its teams', the teams
# listed under it) and ends with the whole company's total; shares are
# rounded (2 of 3 is 67%, not 66%).
. "$(dirname "$0")/lib.sh"

RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
MOB=$(unit_id 移动组)
CO=$(doc_xpath admin /tree "string((//node[@kind='unit'])[1]/@id)")
require "unit ids: company $CO, 研发部 $RD, 平台组 $PLAT, 移动组 $MOB" \
    test -n "$CO" -a -n "$RD" -a -n "$PLAT" -a -n "$MOB"

meeting_opened admin "$CO" awareness "t0745 认知会 $$"
AW=$MEETING
for who in zhangwei lina wangfang; do
	post $who "/meet/$AW/ack" ""
	expect_status 303 "$who acknowledges: 303"
done

# XPath on the last HTML page.
hx() {
	xmllint --html --xpath "$1" "$TMP/body" 2>/dev/null
}
# "CAME PEOPLE PCT" of the coverage row that links unit U.
row() {	# U
	hx "//table[@class='coverage']//tr[td/a[@href='/okr/unit/$1']]" |
	    tr -d '\n' | sed -n 's|.*<td class="num">\([0-9]*\) / \([0-9]*\)</td><td class="num">\([0-9]*\)%</td>.*|\1 \2 \3|p'
}
people() {	# U: the unit's own members
	doc_xpath admin "/unit/$1" "count(/page/unit/members/person)"
}

get admin "/meet/$AW"
expect_status 200
set -- $(row "$RD"); RDC=$1 RDP=$2
set -- $(row "$PLAT"); PLC=$1 PLP=$2 PLS=$3
set -- $(row "$MOB"); MOC=$1 MOP=$2
OWN=$(people "$RD")
check "研发部's row counts its own $OWN people and its teams' ($PLP + $MOP): $RDP" \
    test "$RDP" = "$((OWN + PLP + MOP))"
check "研发部's row counts who came of its teams too ($RDC >= 1 + $PLC + $MOC)" \
    test "$RDC" -ge "$((1 + PLC + MOC))"
check "平台组 is listed under 研发部, indented" \
    test "$(hx "string(//table[@class='coverage']//tr[td/a[@href='/okr/unit/$RD']]/following-sibling::tr[1]/td/a/@href)")" = "/okr/unit/$PLAT" -a \
    "$(hx "string(//tr[td/a[@href='/okr/unit/$PLAT']]/@class)")" = "depth-1 level-team"

# The company's total: its own people and every department's.
TOTAL=$(hx "string(//table[@class='coverage']/tfoot/tr/td[2])")
SUMP=0
for u in $(hx "//table[@class='coverage']/tbody/tr[contains(@class, 'depth-0')]/td/a/@href" | sed 's|[^0-9 ]||g'); do
	set -- $(row "$u"); SUMP=$((SUMP + $2))
done
check "the company's total row: $TOTAL, of its own $(people "$CO") and the departments' $SUMP" \
    test "${TOTAL#* / }" = "$(( $(people "$CO") + SUMP ))"
check "the total row names the company" test "$(hx "string(//table[@class='coverage']/tfoot/tr/td/a/@href)")" = "/okr/unit/$CO"

# Every share rounded: 2 of 3 reads 67%.
bad=
for u in $(hx "//table[@class='coverage']//tr/td/a/@href" | sed 's|[^0-9 ]||g'); do
	set -- $(row "$u")
	[ "$3" = "$(( $2 > 0 ? ($1 * 200 + $2) / ($2 * 2) : 0 ))" ] || bad="$bad $u:$1/$2=$3%"
done
check "every share is rounded (wrong:${bad:- none})" test -z "$bad"
if [ "$PLC $PLP" = "2 3" ]; then
	check "平台组: 2 of 3 came, 67%" test "$PLS" = 67
fi

get admin "/meet/$AW" -H 'Accept-Language: zh-CN'
check "zh-CN: the total row says $(msg zh-CN aw.total)" \
    test "$(hx "string(//table[@class='coverage']/tfoot/tr/td/span)")" = "$(msg zh-CN aw.total)"
