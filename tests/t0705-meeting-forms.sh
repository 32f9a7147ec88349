#!/bin/sh
# The meeting forms keep what was typed (okr-meet), through nginx.  Each
# form of a meeting page (status override, action item, GROW note,
# deferral, attendance and minutes) and the calendar's plan form, sent
# with a bad value: 400, the meeting page again with every typed value in
# its form and the message beside the wrong field, stating the limit
# (characters, the cycle's dates).  Attendance and minutes are one form
# with the minutes' own version: attendance saved from one page, then
# minutes from an older page, both kept; a minutes conflict is a merge
# page (yours in the textarea, theirs beside it, 409, nothing written).
# A change that needs an open meeting, sent while it is planned, says to
# start it first.  While a cycle is under quarterly review the objective
# form is read-only with the rule and the pages offer no edit or archive
# of the objective.  Reads every id from the pages.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
require "unit id of 研发部 ($RD) found on the tree" test -n "$RD"
TODAY=$(date -u +%F)
CROW=$(cycle_row "$CUR")
CSTART=$(echo "$CROW" | cut -d' ' -f3)
CEND=$(echo "$CROW" | cut -d' ' -f4)
require "the current cycle $CUR runs $CSTART – $CEND" test -n "$CSTART" -a -n "$CEND"
# A day a year after the cycle's end: within the old 366 days of the
# meeting, outside its cycle.
OUTSIDE=$(date -u -d "$CEND +200 days" +%F)

# What XPath EXPR selects in the last body (the HTML page).
hx() {	# EXPR
	xmllint --html --xpath "$1" "$TMP/body" 2>/dev/null
}

# "ok" when the last body's form FORM (an XPath to a <form>) shows
# VALUE in its control named NAME (input value or textarea text).
expect_kept() {	# FORM NAME VALUE DESC
	_got=$(hx "string(($1//input[@name='$2']/@value | $1//textarea[@name='$2'])[1])")
	# A textarea's text starts with the newline the stylesheet emits.
	_got=${_got#"$_NL"}
	if [ "$_got" = "$3" ]; then ok "$4"; else fail "$4"; note "got '$(printf '%s' "$_got" | cut -c1-80)'"; fi
}
_NL='
'

# The error beside control NAME of FORM contains TEXT.
expect_beside() {	# FORM NAME TEXT DESC
	_e=$(hx "string(($1//*[(self::input or self::textarea or self::select)][@name='$2']/following::p[@class='field-error'])[1])")
	case $_e in
	*"$3"*) ok "$4" ;;
	*) fail "$4"; note "error beside $2: '$_e'" ;;
	esac
}

plan() {	# KIND TITLE: a meeting of 研发部 today, opened; its id in M
	post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=$1&due=$TODAY" --data-urlencode "title=$2"
	M=$(loc_meeting)
	[ -z "${3:-}" ] || return 0
	post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")"
}

# ====================================================== the review board
plan review "t0705 复盘会 $TAG"
require "zhangwei plans and opens review meeting $M of 研发部" test -n "$M"
MR=$M
V=$(mversion zhangwei "$MR")

# Status override: a state not offered, a reason typed.
post zhangwei "/meet/$MR/status" "version=$V&state=sideways" --data-urlencode "text=t0705 原因 <b>$TAG</b>"
expect_status 400 "status form, state 'sideways': 400"
F="//form[contains(@action,'/meet/$MR/status')]"
expect_kept "$F" text "t0705 原因 <b>$TAG</b>" "status form: the reason typed is kept"
expect_beside "$F" state "$(msg en err.field.choice)" "status form: 'not one of the choices' beside the state"
# A state without a reason: the board's rule above, 'required' beside.
post zhangwei "/meet/$MR/status" "version=$V&state=at-risk&text=" -H 'Accept-Language: zh-CN'
expect_status 400 "status form, at risk without a reason: 400"
check "status form: the rule above the form, in Chinese" \
    test "$(hx "string($F//p[contains(@class,'form-message')])")" = "$(msg zh-CN err.board.reason)"
check "status form: at-risk still chosen" test "$(hx "string($F//select[@name='state']/option[@selected]/@value)")" = at-risk
expect_beside "$F" text "$(msg zh-CN err.field.required)" "status form: 'required' beside the reason, in Chinese"

# Action item due outside the meeting's cycle (within 366 days of it).
post zhangwei "/meet/$MR/action" "owner=lina&due=$OUTSIDE" --data-urlencode "title=t0705 行动 $TAG"
expect_status 400 "action item due $OUTSIDE, outside $CUR: 400"
F="//form[contains(@action,'/meet/$MR/action')]"
expect_kept "$F" title "t0705 行动 $TAG" "action form: the title typed is kept"
expect_kept "$F" due "$OUTSIDE" "action form: the date typed is kept"
check "action form: lina still the owner" test "$(hx "string($F//select[@name='owner']/option[@selected]/@value)")" = lina
expect_beside "$F" due "$CSTART" "action form: the cycle's first day beside the date"
expect_beside "$F" due "$CEND" "action form: the cycle's last day beside the date"
get wangfang "/meet/$MR"
expect_body_lacks "t0705 行动 $TAG" "the refused action item was not written"
# A title over 200 characters says so.
LONG200=$(printf '行%.0s' $(seq 201))
post zhangwei "/meet/$MR/action" "owner=lina&due=$CEND" --data-urlencode "title=$LONG200"
expect_status 400 "action item of 201 characters: 400"
expect_kept "$F" title "$LONG200" "action form: the 201 characters are kept"
expect_beside "$F" title "At most 200 characters" "action form: 'at most 200 characters' beside the title"

# ================================================ attendance and minutes
get zhangwei "/meet/$MR"
MF="//form[contains(@action,'/meet/$MR/minutes')]"
check "attendance and minutes are one form" test "$(hx "count($MF//input[@name='login'])")" -gt 1 -a \
    "$(hx "count($MF//textarea[@name='text'])")" = 1
MV=$(hx "string($MF//input[@name='version']/@value)")
SHOWN=$(hx "string($MF//input[@name='current']/@value)")
# Minutes over 20,000 characters: everything typed comes back.
BIG=$(head -c 20001 /dev/zero | tr '\0' 'm')
post zhangwei "/meet/$MR/minutes" "version=$MV&current=$SHOWN&login=lina&note=t0705+决定" --data-urlencode "text=$BIG"
expect_status 400 "minutes of 20,001 characters: 400"
expect_kept "$MF" text "$BIG" "minutes form: the 20,001 characters are kept"
expect_kept "$MF" note "t0705 决定" "minutes form: the decisions typed are kept"
check "minutes form: lina's tick is kept" test "$(hx "count($MF//input[@name='login'][@value='lina'][@checked])")" = 1
expect_beside "$MF" text "At most 20,000 characters" "minutes form: 'at most 20,000 characters' beside the minutes"
post zhangwei "/meet/$MR/minutes" "version=$MV&current=$SHOWN&login=lina&note=" --data-urlencode "text=$BIG" -H 'Accept-Language: zh-CN'
expect_beside "$MF" text "最多 20,000 个字符" "minutes form: '最多 20,000 个字符' beside the minutes, in Chinese"

# Attendance saved from this page, then minutes from the same (older) page.
post zhangwei "/meet/$MR/minutes" "version=$MV&current=$SHOWN&login=lina&login=wangfang&text=&note="
expect_status 303 "attendance (lina, wangfang) saved with the page's minutes: 303"
post zhangwei "/meet/$MR/minutes" "version=$MV&current=$SHOWN&login=lina" --data-urlencode "text=t0705 纪要 $TAG" --data-urlencode "note=t0705 决定 $TAG"
expect_status 303 "minutes from the page before the attendance was saved: 303"
doc wangfang "/meet/$MR"
check "the store holds the minutes" test "$(xpath 'string(/page/meeting/minutes)')" = "t0705 纪要 $TAG"
check "the store holds the attendance: lina, wangfang present (the second form did not untick wangfang, which it showed unticked)" \
    test "$(xpath "count(/page/meeting/attendance/person[@present='1'][@login='lina' or @login='wangfang'])")" = 2

# A minutes conflict: zhangwei's page is older than lina-less edit by admin.
get zhangwei "/meet/$MR"
MV=$(hx "string($MF//input[@name='version']/@value)")
SHOWN=$(hx "string($MF//input[@name='current']/@value)")
get admin "/meet/$MR"
AV=$(hx "string($MF//input[@name='version']/@value)")
post admin "/meet/$MR/minutes" "version=$AV&current=$SHOWN&login=lina&login=wangfang" --data-urlencode "text=t0705 他们的纪要 $TAG" --data-urlencode "note=t0705 决定 $TAG"
expect_status 303 "admin saves other minutes: 303"
post zhangwei "/meet/$MR/minutes" "version=$MV&current=$SHOWN&login=lina&login=wangfang" --data-urlencode "text=t0705 我的纪要 $TAG" --data-urlencode "note=t0705 决定 $TAG"
expect_status 409 "zhangwei's minutes from the older page: 409"
expect_kept "$MF" text "t0705 我的纪要 $TAG" "merge page: zhangwei's minutes in the textarea"
check "merge page: admin's minutes beside them" \
    test "$(hx "string($MF//*[@class='field-current']//*[contains(@class,'current-value')])")" = "t0705 他们的纪要 $TAG"
check "merge page: says someone saved meanwhile" \
    test "$(hx "string($MF//p[contains(@class,'form-message')])")" = "$(msg en form.conflict)"
NV=$(hx "string($MF//input[@name='version']/@value)")
doc wangfang "/meet/$MR"
check "the store keeps admin's minutes" test "$(xpath 'string(/page/meeting/minutes)')" = "t0705 他们的纪要 $TAG"
post zhangwei "/meet/$MR/minutes" "version=$NV&current=$SHOWN&login=lina&login=wangfang" --data-urlencode "text=t0705 合并 $TAG" --data-urlencode "note=t0705 决定 $TAG"
expect_status 303 "the merged minutes, with the merge page's version: 303"

# ============================================================== planned
plan review "t0705 未开始 $TAG" planned
MP=$M
post zhangwei "/meet/$MP/close" "version=$(mversion zhangwei "$MP")"
REQ="$REQ (planned)"
expect_error 409 err.meeting.planned
post zhangwei "/meet/$MP/close" "version=$(mversion zhangwei "$MP")" -H 'Accept-Language: zh-CN'
expect_error 409 err.meeting.planned zh-CN

# ========================================================== the GROW note
plan monthly "t0705 月度会 $TAG"
MM=$M
doc zhangwei "/meet/$MM"
GK=$(xpath 'string((/page/meeting/grow-board/objective/kr/@id)[1])')
require "monthly meeting $MM has a KR on its GROW board ($GK)" test -n "$GK"
G=$(head -c 2001 /dev/zero | tr '\0' 'g')
post zhangwei "/meet/$MM/grow" "kr=$GK&goal=$G" --data-urlencode "reality=t0705 现状 $TAG" \
    --data-urlencode "options=t0705 方案 $TAG" --data-urlencode "will=t0705 行动 $TAG"
expect_status 400 "a GROW goal of 2,001 characters: 400"
F="//section[@id='grow-$GK']//form"
expect_kept "$F" goal "$G" "GROW form: the 2,001 characters of the goal are kept"
expect_kept "$F" reality "t0705 现状 $TAG" "GROW form: reality kept"
expect_kept "$F" options "t0705 方案 $TAG" "GROW form: options kept"
expect_kept "$F" will "t0705 行动 $TAG" "GROW form: will kept"
expect_beside "$F" goal "At most 2,000 characters" "GROW form: 'at most 2,000 characters' beside the goal"
check "GROW form: open on the page" test "$(hx "count(//section[@id='grow-$GK']//details[@open])")" = 1

# ============================================================ deferral
plan action "t0705 行动会 $TAG"
MA=$M
doc zhangwei "/meet/$MA"
DK=$(xpath 'string((/page/meeting/carried/kr[not(@covered="1")][not(deferred)]/@id)[1])')
require "action meeting $MA has an uncovered carried KR ($DK)" test -n "$DK"
V=$(mversion zhangwei "$MA")
post zhangwei "/meet/$MA/defer" "version=$V&kr=$DK" --data-urlencode "text=t0705 第一行
第二行"
expect_status 400 "a deferral reason of two lines: 400"
F="//form[contains(@action,'/meet/$MA/defer')][input[@name='kr'][@value='$DK']]"
expect_beside "$F" text "$(msg en err.defer.reason)" "defer form: the one-line rule beside the reason"
check "defer form: the reason typed is kept" test -n "$(hx "string($F//input[@name='text']/@value)")"

# ============================================================ plan form
LONGT=$(printf 'p%.0s' $(seq 201))
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$TODAY" --data-urlencode "title=$LONGT"
expect_status 400 "a meeting title of 201 characters: 400"
F="//form[contains(@action,'/meet/new')]"
expect_kept "$F" title "$LONGT" "plan form: the title typed is kept"
expect_beside "$F" title "At most 200 characters" "plan form: 'at most 200 characters' beside the title"

# ============================================== quarterly review: fixed
# The previous cycle (closed) under review for a while: no cycle of its
# own, which would stand after the others in every later script.
CYC=$PREV
CROW=$(cycle_row "$CYC")
CSTART=$(echo "$CROW" | cut -d' ' -f3)
CEND=$(echo "$CROW" | cut -d' ' -f4)
require "the previous cycle $CYC runs $CSTART – $CEND" test -n "$CSTART" -a -n "$CEND"
PSTATE=$(curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/edit/admin/cycles" | tr -d '\n' |
    sed 's/<form /\n<form /g' | grep "value=\"$CYC\"" |
    sed -n 's/.*<option value="\([a-z]*\)" selected>.*/\1/p' | head -1)
require "the previous cycle $CYC is $PSTATE" test -n "$PSTATE"
check "admin puts cycle $CYC under review: 303" test "$(cycle_state review)" = 303
at_exit "cycle_state $PSTATE >/dev/null"
O=$(doc_xpath zhangwei "/unit/$RD?cycle=$CYC" "string((/page//objective[@level='department'][@can-edit='1']/@id)[1])")
require "an objective of 研发部 in $CYC that zhangwei may edit ($O)" test -n "$O"
OV=$(doc_xpath zhangwei "/objective/$O" 'string(/page/objective/@version)')
get zhangwei "/edit/objective/$O"
expect_status 200 "objective form in review: 200"
check "objective form in review: the title is read-only" \
    test "$(hx "count(//form//input[@name='title'][@readonly])")" = 1
check "objective form in review: no submit button" test "$(hx "count(//form[contains(@action,'/edit/objective/$O')]//button[@type='submit'])")" = 0
expect_body_contains "$(msg en err.review.objective)" "objective form in review: states the rule"
# A form opened before the review began: what was typed comes back.
post zhangwei "/edit/objective/$O" "version=$OV&owner=zhangwei" --data-urlencode "title=t0705 改名 $TAG"
expect_status 409 "objective saved during the review: 409"
check "the form comes back with the title typed" test "$(hx "string(//input[@name='title']/@value)")" = "t0705 改名 $TAG"
for p in "/objective/$O" "/unit/$RD?cycle=$CYC"; do
	get zhangwei "$p"
	check "$p in review: the key results of $O may still be edited" \
	    test "$(hx "count(//a[starts-with(@href,'/okr/edit/kr/')])")" -ge 1
	check "$p in review: no edit link for objective $O" test "$(hx "count(//a[@href='/okr/edit/objective/$O'])")" = 0
	check "$p in review: no archive of objective $O" \
	    test "$(hx "count(//form[@action='/okr/edit/objective/$O/archive'])")" = 0
done
