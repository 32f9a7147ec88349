#!/bin/sh
# The review board's quadrants 3 (this week: due in it, or overdue and
# open) and 4 (the 30 days after it), on a stack in Asia/Shanghai whose
# test clock stands at Wednesday 2027-01-06, 12:00 local: an item goes by
# its due date wherever it was added, and one added in the meeting is
# marked new (one due after the month is listed below quadrant 4 in that
# meeting, so the room sees it was taken, and in no other).  Also: a consensus meeting is refused for a team, the plan
# form back as typed; a draft objective and a cycle in planning show
# their state, not a red 0.00 "off track".
. "$(dirname "$0")/lib.sh"

zone_stack t0714 2027-01-06T04:00:00Z
CY=2027-Q1
RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
require "unit ids of 研发部 ($RD) and 平台组 ($PLAT)" test -n "$RD" -a -n "$PLAT"

# plan USER UNIT CYCLE KIND DAY TITLE: plans a meeting, sets M.
plan() {
	post "$1" /meet/new "unit=$2&cycle=$3&kind=$4&due=$5" --data-urlencode "title=$6"
	M=$(loc_meeting)
}

# ------------------------------------------------- quadrants 3 and 4
plan zhangwei "$RD" $CY review 2027-01-06 "t0714 周复盘"
MA=$M
post zhangwei "/meet/$MA/open" "version=$(mversion zhangwei "$MA")&back=/okr/meet/$MA"
expect_status 303 "review $MA of 研发部 opened"
for item in "本周:2027-01-08" "逾期:2027-01-02" "十天后:2027-01-16" "三月后:2027-03-20" "已完成:2027-01-02"; do
	post zhangwei "/meet/$MA/action" "owner=wangfang&due=${item#*:}&back=/okr/meet/$MA" \
	    --data-urlencode "title=t0714 ${item%%:*}"
	expect_status 303 "action 't0714 ${item%%:*}' due ${item#*:}: 303"
done
doc zhangwei "/meet/$MA" > /dev/null
DONE=$(xpath "string(//board//action[title='t0714 已完成']/@id)")
post wangfang "/meet/action/$DONE/done" "version=$(xpath "string(//board//action[@id='$DONE']/@version)")&back=/okr/meet/$MA"
expect_status 303 "the overdue item 't0714 已完成' marked done"

# where MEETING's board puts TITLE: week, month, later (added in this
# meeting, due after the month: listed under quadrant 4), or none
where() {	# MEETING TITLE
	doc zhangwei "/meet/$1" > /dev/null
	_w=$(xpath "count(//board/week/action[title='$2'])")$(xpath "count(//board/month/action[title='$2'])")$(xpath "count(//board/later/action[title='$2'])")
	case $_w in 100) echo week ;; 010) echo month ;; 001) echo later ;; 000) echo none ;; *) echo "several($_w)" ;; esac
}
check "week of the board: Monday 2027-01-04 to Sunday 2027-01-10" \
    test "$(doc_xpath zhangwei "/meet/$MA" 'concat(//board/week/@from, " ", //board/week/@to)')" = "2027-01-04 2027-01-10"
for exp in "本周:week" "逾期:week" "十天后:month" "三月后:later" "已完成:none"; do
	got=$(where "$MA" "t0714 ${exp%%:*}")
	check "meeting $MA: 't0714 ${exp%%:*}' (added in it) in ${exp#*:} (got $got)" test "$got" = "${exp#*:}"
done
check "meeting $MA: each item it added is marked new" \
    test "$(xpath "count(//board/*/action[starts-with(title, 't0714')][@new='1'])")" = 4
get zhangwei "/meet/$MA"
expect_body_contains "<h4 class=\"later\">$(msg en board.later)</h4>" \
    "meeting $MA: the item due in three months is listed under quadrant 4, as added for later"
expect_body_contains "<span class=\"a-title\">t0714 十天后</span> <span class=\"badge action-new\">$(msg en action.new)</span>" \
    "meeting $MA: the item due in 10 days shows the 'New' badge"

# Another review of the unit sees the same items, none of them new.
plan zhangwei "$RD" $CY review 2027-01-07 "t0714 另一次"
MB=$M
for exp in "本周:week" "逾期:week" "十天后:month" "三月后:none"; do
	got=$(where "$MB" "t0714 ${exp%%:*}")
	check "meeting $MB: 't0714 ${exp%%:*}' in ${exp#*:} (got $got)" test "$got" = "${exp#*:}"
done
check "meeting $MB: none of them is new there" \
    test "$(xpath "count(//board/*/action[starts-with(title, 't0714')][@new])")" = 0

# ------------------------------------- no consensus meeting for a team
plan zhangwei "$PLAT" $CY consensus 2027-01-08 "t0714 团队共识 <b>"
expect_status 400 "a consensus meeting for 平台组 (a team): 400"
expect_body_contains "$(msg en err.meeting.consensus-level)" "the refusal says why (beside the type)"
FORM=$(tr -d '\n' < "$TMP/body" | grep -o '<form [^>]*action="/okr/meet/new".*</form>' | head -1)
case $FORM in
*'value="t0714 团队共识 &lt;b&gt;"'*) ok "the plan form comes back with the title as typed" ;;
*) fail "the plan form comes back with the title as typed" ;;
esac
case $FORM in
*'value="2027-01-08"'*) ok "and the date as typed" ;;
*) fail "and the date as typed" ;;
esac
check "nothing planned for 平台组" \
    test "$(doc_xpath zhangwei "/meet/unit/$PLAT" 'count(//meeting[title="t0714 团队共识 <b>"])')" = 0
post zhangwei /meet/new "unit=$PLAT&cycle=$CY&kind=consensus&due=2027-01-08" --data-urlencode "title=t0714 团队共识" \
    -H 'X-Mubiao-Doc: xml'
check "the error sits on the kind field, and on it alone" test \
    "$(xmllint --xpath 'concat(//form/field[@name="kind"]/@error, " ", count(//form/field[@error]))' "$TMP/body" 2>/dev/null)" = \
    "err.meeting.consensus-level 1"
post zhangwei /meet/new "unit=$PLAT&cycle=$CY&kind=consensus&due=2027-01-08" --data-urlencode "title=t0714 团队共识" \
    -H 'Accept-Language: zh-CN'
expect_body_contains "$(msg zh-CN err.meeting.consensus-level)" "the refusal in Chinese for a Chinese browser"

# --------------------------------- drafts and planning show their state
curl -s --max-time 10 -o /dev/null -u zhangwei:zhangwei "$U/edit/objective/new" \
    --data "token=$(token zhangwei)&cycle=$CY&unit=$RD&state=draft" --data-urlencode "title=t0714 草案目标"
doc zhangwei "/unit/$RD?cycle=$CY" > /dev/null
DO=$(xpath "string(//objective[title='t0714 草案目标']/@id)")
check "draft objective $DO: marked unscored as a draft" \
    test "$(xpath "string(//objective[@id='$DO']/@unscored)")" = ostate.draft
get zhangwei "/unit/$RD?cycle=$CY"
CARD=$(tr -d '\n' < "$TMP/body" | sed 's/<article /\n<article /g' | grep "^<article [^>]*id=\"o-$DO\"" | sed 's|</article>.*||')
case $CARD in
*"<span class=\"score unscored\">$(msg en ostate.draft)</span>"*) ok "draft $DO: its card shows 'Draft' where the score goes" ;;
*) fail "draft $DO: its card shows 'Draft' where the score goes" ;;
esac
case $CARD in
*band-red*) fail "draft $DO: no red band on its card" ;;
*) ok "draft $DO: no red band on its card" ;;
esac

post admin /edit/admin/cycle/next ""
expect_status 303 "admin opens the next cycle (planning)"
NEXT=$(doc_xpath admin / 'string(//cycles/cycle[@state="planning"]/@name)')
check "a cycle in planning ($NEXT)" test -n "$NEXT"
plan zhangwei "$RD" "$NEXT" review 2027-04-06 "t0714 规划中复盘"
MP=$M
check "review $MP in $NEXT: its board shows the cycle's state, not a status" \
    test "$(doc_xpath zhangwei "/meet/$MP" 'string(//board/@unscored)')" = state.planning
get zhangwei "/meet/$MP"
expect_body_contains "<p class=\"status-big unscored\">$(msg en state.planning)</p>" "review $MP: quadrant 2 reads 'Planning'"
expect_body_lacks "status-off-track" "review $MP: no 'off track'"
curl -s --max-time 10 -o /dev/null -u zhangwei:zhangwei "$U/edit/objective/new" \
    --data "token=$(token zhangwei)&cycle=$NEXT&unit=$RD" --data-urlencode "title=t0714 下季度目标"
doc zhangwei "/tree?cycle=$NEXT" > /dev/null
check "tree of $NEXT: 研发部 rolls up an objective and shows 'Planning' for its score" \
    test "$(xpath "concat(//node[@kind='unit'][@id='$RD']/@count, ' ', //node[@kind='unit'][@id='$RD']/@unscored)")" = "1 state.planning"
get zhangwei "/unit/$RD?cycle=$NEXT"
expect_body_lacks "<span class=\"score band-red\">" "unit page of 研发部 in $NEXT: no red score anywhere"
