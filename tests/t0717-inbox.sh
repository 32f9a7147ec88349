#!/bin/sh
# The inbox (/okr/inbox): what the signed-in person owes, each entry
# linked to what settles it and gone once settled: a KR without a
# check-in for checkin-days (7), action items due this week or overdue,
# meetings ahead and an all-hands to acknowledge, and for a department's
# lead the company's drafts to propose KRs for.  Every page's navigation
# counts the entries.  On a stack in Asia/Shanghai whose clock stands at
# Wednesday 2027-02-17 12:00 local (the week: 2027-02-15 to 2027-02-21).
. "$(dirname "$0")/lib.sh"

zone_stack t0717 2027-02-17T04:00:00Z
ADMIN="$S/app/bin/mubiao-admin"
"$ADMIN" -c "$S/mubiao.conf" dump > "$TMP/dump.xml" 2> /dev/null
dx() { xmllint --xpath "$1" "$TMP/dump.xml" 2>/dev/null; }
pid() { dx "string(//*[local-name()='person'][*[local-name()='login']='$1']/@id)"; }
CY=$(dx "string(//*[local-name()='cycle'][*[local-name()='name']='2027-Q1']/@id)")
RD=$(unit_id 研发部)
TOP=$(unit_id "星河科技 Xinghe Tech")
ZW=$(pid zhangwei)
LN=$(pid lina)
MOB=$(unit_id 移动组)
PT=$(unit_id 平台组)
MM=$(dx "string((//*[local-name()='person'][@unit='$MOB' and @role='member'])[1]/@id)")
MML=$(dx "string((//*[local-name()='person'][@unit='$MOB' and @role='member'])[1]/*[local-name()='login'])")
require "2027-Q1 ($CY), 研发部 ($RD), the company ($TOP), zhangwei ($ZW), lina ($LN), a member of 移动组 ($MML)" \
    test -n "$CY" -a -n "$RD" -a -n "$TOP" -a -n "$ZW" -a -n "$LN" -a -n "$MM"

T=2027-01-01T00:00:00Z
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<mubiao xmlns="urn:mubiao:okr:1" version="1">'
	printf '<objective id="990101" cycle="%s" unit="%s" owner="%s" level="department" state="active" version="1" created-at="%s" updated-at="%s"><title>t0717 研发目标</title></objective>\n' "$CY" "$RD" "$ZW" "$T" "$T"
	printf '<kr id="990101" objective="990101" owner="%s" kind="numeric" direction="increase" due="2027-03-31" version="1" start="0" target="100" current="20" weight="1" confidence="0.5" updated-at="2027-02-01T02:00:00Z" state="active"><title>t0717 半月未更新</title></kr>\n' "$LN"
	printf '<kr id="990102" objective="990101" owner="%s" kind="numeric" direction="increase" due="2027-03-31" version="1" start="0" target="100" current="40" weight="1" confidence="0.5" updated-at="2027-02-16T02:00:00Z" state="active"><title>t0717 昨天更新过</title></kr>\n' "$LN"
	printf '<kr id="990104" objective="990101" owner="%s" kind="numeric" direction="increase" due="2027-03-31" version="1" start="0" target="100" current="30" weight="1" confidence="0.5" updated-at="2027-02-12T02:00:00Z" state="active"><title>t0717 上周更新过</title></kr>\n' "$MM"
	printf '<objective id="990102" cycle="%s" unit="%s" owner="%s" level="department" state="draft" version="1" created-at="%s" updated-at="%s"><title>t0717 草稿</title></objective>\n' "$CY" "$RD" "$ZW" "$T" "$T"
	printf '<kr id="990103" objective="990102" owner="%s" kind="numeric" direction="increase" due="2027-03-31" version="1" start="0" target="100" current="0" weight="1" confidence="0.5" state="proposed"><title>t0717 草稿下的成果</title></kr>\n' "$LN"
	printf '<objective id="990103" cycle="%s" unit="%s" level="company" state="draft" version="1" created-at="%s" updated-at="%s"><title>t0717 公司目标草稿</title></objective>\n' "$CY" "$TOP" "$T" "$T"
	echo '</mubiao>'
} > "$TMP/inbox.xml"
"$ADMIN" -c "$S/mubiao.conf" load -f "$TMP/inbox.xml" > "$TMP/load.out" 2>&1 < /dev/null
require "the t0717 OKRs load ($(tail -1 "$TMP/load.out"))" grep -q 'records written' "$TMP/load.out"

EN='Accept-Language: en'
# The entries of USER's inbox (the <li> of its lists) and the count its
# navigation shows.
entries() { flat | grep -o '<li class="owed-[a-z]*" id="owed-[a-z]*-[0-9]*"' | sed 's/.*id="//; s/"$//' | grep -v '^owed-group-'; }
navcount() {
	flat | grep -q 'class="owed-link' || return 0
	_nc=$(flat | sed -n 's|.*class="owed-link[^"]*"[^>]*>[^<]*<span class="owed-n">\([0-9]*\)</span>.*|\1|p')
	echo "${_nc:-0}"
}
# Whether the last page lists ENTRY (owed-KIND-ID).
has() { entries | grep -qx "$1"; }
hasnt() { ! entries | grep -qx "$1"; }
expect_entries() {	# WHAT: the nav count of the last page is its entries
	_n=$(entries | wc -l)
	_c=$(navcount)
	check "$1: the navigation counts the $_n entries (${_c:-none})" test "${_c:-0}" = "$_n"
}

# ------------------------------------------------ a KR owing a check-in
get lina /inbox -H "$EN"
expect_status 200 "lina's inbox: 200"
entries > "$TMP/before"
check "the KR last checked in on 2027-02-01 is owed a check-in" grep -qx owed-kr-990101 "$TMP/before"
check "the KR checked in yesterday is not" sh -c "! grep -qx owed-kr-990102 '$TMP/before'"
check "nor the one under a draft" sh -c "! grep -qx owed-kr-990103 '$TMP/before'"
expect_flat "<a href=\"/okr/objective/990101#ci-990101-990101-value\">t0717 半月未更新</a> <span class=\"muted\">t0717 研发目标 · $(msg en owed.checkin.days | sed 's/{a}/16/')</span>" \
    "the entry links to its value in the objective's check-in form and says 16 days"
expect_flat "<h2>$(msg en owed.checkins | sed 's/{a}/7/')</h2>" "the section names the setting's 7 days"
expect_entries "lina's inbox"
get lina /objective/990101 -H "$EN"
expect_flat 'id="ci-990101-990101-value"' "the link's target is on the objective page"
N0=$(navcount)
post lina /edit/checkin/990101 "kr=990101&value=35&confidence=0.6&back=/okr/objective/990101"
expect_status 303 "lina checks in on 990101: 303"
get lina /inbox -H "$EN"
check "after the check-in, the entry has left" hasnt owed-kr-990101
check "and the navigation counts one less (${N0:-0} -> $(navcount))" test "$(( ${N0:-0} - 1 ))" = "$(navcount)"

# -------------------------------------------------------- action items
post zhangwei /meet/new "unit=$RD&cycle=2027-Q1&kind=review&due=2027-02-17" --data-urlencode "title=t0717 周复盘"
MA=$(loc_meeting)
post zhangwei "/meet/$MA/open" "version=$(mversion zhangwei "$MA")&back=/okr/meet/$MA"
expect_status 303 "a review of 研发部 opened ($MA)"
for item in "本周:2027-02-19" "逾期:2027-02-10" "下月:2027-03-20" "已完成:2027-02-18"; do
	post zhangwei "/meet/$MA/action" "owner=lina&due=${item#*:}&back=/okr/meet/$MA" \
	    --data-urlencode "title=t0717 ${item%%:*}"
	expect_status 303 "action 't0717 ${item%%:*}' for lina due ${item#*:}: 303"
done
doc zhangwei "/meet/$MA" > /dev/null
aid() { xpath "string(//board//action[title='t0717 $1']/@id)"; }
A_WEEK=$(aid 本周) A_LATE=$(aid 逾期) A_NEXT=$(aid 下月) A_DONE=$(aid 已完成)
post lina "/meet/action/$A_DONE/done" "version=$(xpath "string(//board//action[@id='$A_DONE']/@version)")&back=/okr/meet/$MA"
expect_status 303 "lina marks 't0717 已完成' done"
get lina /inbox -H "$EN"
entries > "$TMP/actions"
check "due this Friday: listed" grep -qx "owed-action-$A_WEEK" "$TMP/actions"
check "overdue since 2027-02-10: listed" grep -qx "owed-action-$A_LATE" "$TMP/actions"
check "due next month: not listed" sh -c "! grep -qx 'owed-action-$A_NEXT' '$TMP/actions'"
check "done: not listed" sh -c "! grep -qx 'owed-action-$A_DONE' '$TMP/actions'"
expect_flat "<a href=\"/okr/meet/$MA\">t0717 逾期</a> <span class=\"muted\">$(msg en owed.due) <time datetime=\"2027-02-10\">2027-02-10</time></span> <span class=\"badge overdue\">$(msg en flag.overdue)</span>" \
    "the overdue item links to its meeting, with its date and 'Overdue'"
get lina /inbox -H 'Accept-Language: zh-CN'
expect_flat "<time datetime=\"2027-02-10\">$(day_text zh-CN 2027-02-10)</time></span> <span class=\"badge overdue\">$(msg zh-CN flag.overdue)</span>" \
    "in Chinese, the date as Chinese write it and 逾期"

# ----------------------------------------------------------- meetings
post zhangwei /meet/new "unit=$RD&cycle=2027-Q1&kind=review&due=2027-02-19" --data-urlencode "title=t0717 周五复盘"
MP=$(loc_meeting)
post chenming /meet/new "unit=$TOP&cycle=2027-Q1&kind=awareness&due=2027-02-17" --data-urlencode "title=t0717 全员会"
MW=$(loc_meeting)
post chenming "/meet/$MW/open" "version=$(mversion chenming "$MW")&back=/okr/meet/$MW"
expect_status 303 "the company's all-hands opened ($MW)"
get lina /inbox -H "$EN"
entries > "$TMP/meetings"
check "研发部's review planned for Friday ($MP): listed for lina of 平台组" grep -qx "owed-meeting-$MP" "$TMP/meetings"
check "the open all-hands ($MW): listed" grep -qx "owed-meeting-$MW" "$TMP/meetings"
check "the open review ($MA): not (it is under way)" sh -c "! grep -qx 'owed-meeting-$MA' '$TMP/meetings'"
expect_flat "<span class=\"badge ack-needed\">$(msg en owed.ack)</span>" "the all-hands asks to be acknowledged"
expect_entries "lina's inbox with actions and meetings"
post lina "/meet/$MW/ack" "back=/okr/meet/$MW"
expect_status 303 "lina acknowledges the all-hands"
get lina /inbox -H "$EN"
check "acknowledged, the all-hands has left" hasnt owed-meeting-$MW

# ------------------------------------------- a draft to propose KRs for
get zhangwei /inbox -H "$EN"
check "研发部's lead owes KRs to the company's draft 990103" has owed-draft-990103
get lina /inbox -H "$EN"
check "a team's lead does not" hasnt owed-draft-990103
post zhangwei /edit/kr/new "objective=990103&kind=numeric&direction=increase&start=0&target=10&current=0&weight=1" --data-urlencode "title=t0717 研发部的提议 10 项"
expect_status 303 "zhangwei proposes a KR under the draft"
get zhangwei /inbox -H "$EN"
check "proposed: the draft has left his inbox" hasnt owed-draft-990103
expect_entries "zhangwei's inbox"

# ------------------------------------------ every page counts, and who
get lina / -H "$EN"
check "the home page's navigation carries the inbox's count too ($(navcount))" test -n "$(navcount)"
get - /inbox
expect_status 401 "signed out: the web server asks who it is (401)"

# ------------------------------------- a lead's units, told not ranked
get zhangwei /inbox -H "$EN"
expect_flat "<h2>$(msg en owed.team | sed 's/{a}/2027-02-15/')</h2>" "研发部's lead sees his units' check-ins since Monday 2027-02-15"
grp() { flat | grep -o "<li class=\"owed-group\" id=\"owed-group-$1\">.*" | sed 's|</li>.*||'; }
check "移动组: its member who last checked in on 2027-02-12 ($MML) is named" \
    sh -c "printf '%s' '$(grp "$MOB")' | grep -q '/okr/person/$MML\"'"
check "平台组: lina, who checked in this week, is not" \
    sh -c "! printf '%s' '$(grp "$PT")' | grep -q '/okr/person/lina\"'"
check "the groups: 研发部 itself, then 平台组 and 移动组" \
    test "$(flat | grep -o 'id="owed-group-[0-9]*"' | tr -d '\n')" = "id=\"owed-group-$RD\"id=\"owed-group-$PT\"id=\"owed-group-$MOB\""
check "what the lead is told is not counted as owed ($(navcount) = $(entries | wc -l))" test "$(navcount)" = "$(entries | wc -l)"
get "$MML" /inbox -H "$EN"
expect_body_lacks 'class="owed owed-team"' "a member is told nothing of others"
get "$MML" /inbox -H "$EN"
check "the member's own KR, last checked in 5 days ago, is not owed yet" hasnt owed-kr-990104

# -------------------------------- comments since they were marked read
post lina /edit/comment/990101 "kind=comment&back=/okr/objective/990101" --data-urlencode "text=t0717 李娜的评论"
expect_status 303 "lina comments on zhangwei's objective 990101"
post zhangwei /edit/comment/990101 "kind=comment&back=/okr/objective/990101" --data-urlencode "text=t0717 张伟自己的回复"
expect_status 303 "zhangwei answers on it"
get zhangwei /inbox -H "$EN"
check "his inbox counts lina's comment, not his own answer" has owed-comments-1
expect_flat "<p class=\"c-text\">t0717 李娜的评论</p><p class=\"c-new\"><span class=\"badge new\">$(msg en owed.comments.new)</span></p>" \
    "lina's comment is marked new in the list"
expect_entries "zhangwei's inbox with a new comment"
post zhangwei /edit/inbox/seen "back=/okr/inbox"
expect_status 303 "he marks them read: 303"
check "... back to the inbox" sh -c "grep -qi '^location: .*/okr/inbox' '$TMP/headers'"
get zhangwei /inbox -H "$EN"
check "read: the comments are no longer owed" sh -c "! grep -q 'id=\"owed-comments-' '$TMP/body'"
expect_flat "<p class=\"c-text\">t0717 李娜的评论</p></li>" "and the comment stays in the list, no longer new"
expect_entries "zhangwei's inbox, comments read"
post lina /edit/comment/990101 "kind=proposal&back=/okr/objective/990101" --data-urlencode "text=t0717 下季度的提议"
get zhangwei /inbox -H "$EN"
check "a proposal made after: owed again, one" has owed-comments-1

# ---------------------------------------- a consensus meeting to sign
post chenming /meet/new "unit=$TOP&cycle=2027-Q1&kind=consensus&due=2027-02-17" --data-urlencode "title=t0717 共识会"
MC=$(loc_meeting)
post chenming "/meet/$MC/open" "version=$(mversion chenming "$MC")&back=/okr/meet/$MC"
expect_status 303 "the company's consensus meeting opened ($MC)"
get zhangwei /inbox -H "$EN"
check "研发部's lead, who leads a unit just below the company, owes its sign-offs" has "owed-meeting-$MC"
expect_flat "<span class=\"badge signoff\">$(msg en owed.signoff | sed 's/{a}/2/')</span>" \
    "with the two items it has to decide (the draft 990103 and his proposed KR)"
expect_entries "zhangwei's inbox with the consensus meeting"
get lina /inbox -H "$EN"
check "lina, two levels below and not present, does not" hasnt "owed-meeting-$MC"
post chenming "/meet/$MC/attendance" "version=$(mversion chenming "$MC")&login=lina&back=/okr/meet/$MC"
get lina /inbox -H "$EN"
check "once recorded present, she does" has "owed-meeting-$MC"
