#!/bin/sh
# Meetings (okr-meet), through nginx: a unit's
# calendar (the plan form for leads and admins only, the review-overdue
# warning in both languages), planning the six types, a meeting's life
# planned → open → closed with attendance, minutes, decisions and a status
# override, the review board's four quadrants (check-in from the board,
# action items by due date and by meeting, "Done"), closing that freezes
# the page (snapshot), every change refused afterwards, stale versions,
# the print view, errors and CSRF.  Works on meetings, a unit and an
# objective it creates itself; reads every id from the pages.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
require "unit ids of 研发部 ($RD) and 平台组 ($PLAT) found on the tree" \
    test -n "$RD" -a -n "$PLAT"

# ------------------------------------------------------------ helpers

# This script forks a few thousand processes; on a slow machine each
# costs ~15 ms, so the helpers below avoid the avoidable ones.

# The catalogs, read once into variables: msg LANG KEY as in lib.sh,
# without a sed each.
_NL='
'
# The variable of LANG KEY: M_<lang>_<key>, '.' as _ and '-' as _H_.
_var() {	# LANG KEY
	_k="$1.$2" _o=M_
	while :; do
		case $_k in
		*[.-]*)
			_h=${_k%%[.-]*}
			case ${_k#"$_h"} in
			.*) _o="${_o}${_h}_" ;;
			*) _o="${_o}${_h}_H_" ;;
			esac
			_k=${_k#"$_h"?} ;;
		*) _o=$_o$_k; break ;;
		esac
	done
}
eval "$(for _l in en zh-CN; do
	sed -n "s|.*<m k=\"\([^\"]*\)\">\(.*\)</m>.*|$_l.\1\t\2|p" "$TESTS_ROOT/xslt/i18n/$_l.xml"
done | awk -F '\t' '{ k = $1; t = $2; gsub(/-/, "_H_", k); gsub(/\./, "_", k)
	gsub(/\047/, "\047\\\047\047", t); print "M_" k "=\047" t "\047" }')"
msg() {	# LANG KEY
	_var "$1" "$2"
	eval "printf '%s\\n' \"\${$_o-}\""
}

# A day N days from today (UTC, as the server counts), YYYY-MM-DD; the
# days this script uses are computed by one date(1).
_NOW=$(date -u +%s)
_OFFS="-20 -10 -6 -5 -4 -3 -2 -1 0 1 2 3 5 6 7 8 9 11 12 20 30 31 32 33 34 35 36 37 900"
_DAYS=$_NL$(for _n in $_OFFS; do echo "@$((_NOW + _n * 86400))"; done | date -u -f - +%F |
    { for _n in $_OFFS; do read -r _d; echo " $_n $_d"; done; })$_NL
day() {	# N
	case $_DAYS in
	*" $1 "*) _d=${_DAYS#*" $1 "}; echo "${_d%%"$_NL"*}" ;;
	*) date -u -d "@$((_NOW + $1 * 86400))" +%F ;;
	esac
}
TODAY=$(day 0)
# Monday and Sunday of this week: quadrant 3's span; quadrant 4 the 30
# days after.
_dow=$(date -u -d "@$_NOW" +%u)
MONDAY=$(day $((1 - _dow)))
SUNDAY=$(day $((7 - _dow)))
MONTH_TO=$(day $((37 - _dow)))

# The last body on one line, in $TMP/f (made again when the body is newer).
_fl() {
	[ "$TMP/f" -nt "$TMP/body" ] || tr -d '\n' < "$TMP/body" > "$TMP/f"
}

# The form of the last body whose action is ACTION (one line), else "".
form_of() {	# ACTION
	_fl
	awk -v a="action=\"$1\"" '{
		while ((i = index($0, "<form ")) > 0) {
			$0 = substr($0, i); j = index($0, "</form>"); f = substr($0, 1, j + 6)
			if (index(substr(f, 1, index(f, ">")), a)) { print f; exit }
			$0 = substr($0, j + 7)
		} }' "$TMP/f"
}

# The version a meeting form carries, from meeting M's page as USER (the
# minutes form carries the minutes' own).
mversion() {	# USER M
	get "$1" "/meet/$2"
	_v=$(form_value "/okr/meet/$2/close" version)
	[ -n "$_v" ] || _v=$(form_value "/okr/meet/$2/open" version)
	echo "$_v"
}

# Quadrant N (1-4) of the last body's board, one line.
quad() {	# N
	_fl
	awk -v q="<section class=\"quadrant q$1\"" '{ i = index($0, q); if (i) {
		$0 = substr($0, i); print substr($0, 1, index($0, "</section>") + 9) } }' "$TMP/f"
}

expect_in_quad() {	# N TEXT DESC
	_q=$(quad "$1")
	case $_q in
	*"$2"*) ok "$3" ;;
	*)	fail "$3"
		note "quadrant $1: $(quad "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)" ;;
	esac
}

expect_not_in_quad() {	# N TEXT DESC
	_q=$(quad "$1")
	case $_q in
	*"$2"*) fail "$3"
		note "quadrant $1: $(quad "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)" ;;
	*)	ok "$3" ;;
	esac
}

# Whether LINE holds a match of the grep expression RE.
has() {	# LINE RE
	printf '%s\n' "$1" | grep -q -e "$2"
}

# The row of KR K in the last body, one line.
kr_line() {	# K
	_fl
	awk -v k="<tbody class=\"kr\" id=\"kr-$1\"" '{ i = index($0, k); if (i) {
		$0 = substr($0, i); print substr($0, 1, index($0, "</tbody>") + 7) } }' "$TMP/f"
}

# What meeting M's board holds as USER sees it, from the page's document:
# one element per line (objectives, KRs with their values, scores and
# trends; the status, derived status and reason; the quadrants' action
# items).  What the user may do is left out: the frozen board allows
# nothing.
board_digest() {	# USER M
	doc_xpath "$1" "/meet/$2" '/page/meeting/board' |
	    sed 's/ can-[a-z]*="1"//g; s/ next-cycle="[^"]*"//g; s/></>\n</g'
}

# The attendance and minutes sections of the last body, one line.
section_of() {	# CLASS
	_fl
	awk -v c="<section class=\"$1\"" '{ i = index($0, c); if (i) {
		$0 = substr($0, i); print substr($0, 1, index($0, "</section>") + 9) } }' "$TMP/f"
}

# ======================================================================
# A fresh unit: the calendar and its review-overdue warning
FUN="t0700 会议组 $TAG"
post admin /edit/admin/unit/new "level=team&parent=$RD&lead=" --data-urlencode "name=$FUN"
expect_status 303 "admin creates the fresh team '$FUN' under 研发部: 303"
FU=$(unit_id "$FUN")
require "the fresh unit has an id ($FU)" test -n "$FU"

for u in admin zhangwei chenming lina wangfang sarahmiller; do
	get $u "/meet/unit/$FU"
	expect_status 200 "GET /meet/unit/$FU (fresh unit) as $u: 200"
done
get - "/meet/unit/$FU"
expect_status 401 "GET /meet/unit/$FU without credentials: 401"

get zhangwei "/meet/unit/$FU"
expect_body_contains "<p class=\"overdue\">$(msg en meeting.review-overdue)</p>" \
    "fresh unit: the review-overdue warning (en)"
expect_body_contains "<p class=\"last-review\">$(msg en meeting.no-review)</p>" \
    "fresh unit: 'no review meeting yet' (en)"
expect_body_contains "<p class=\"empty\">$(msg en meeting.none)</p>" "fresh unit: no meetings listed"
expect_body_contains '<form class="edit meet-plan" method="post" action="/okr/meet/new">' \
    "fresh unit: zhangwei (lead of 研发部 above it) gets the plan form"
expect_body_contains "<input type=\"hidden\" name=\"unit\" value=\"$FU\">" "plan form: hidden unit $FU"
expect_body_contains "<input type=\"hidden\" name=\"cycle\" value=\"$CUR\">" "plan form: hidden cycle $CUR"
for t in awareness consensus action review monthly quarterly; do
	expect_body_contains ">$(msg en "meeting.type.$t")</option>" "plan form: offers type '$t'"
done
for f in kind due title objective; do
	expect_body_contains "name=\"$f\"" "plan form: has field $f"
done
get zhangwei "/meet/unit/$FU" -H 'Accept-Language: zh-CN'
expect_body_contains '<html lang="zh-CN"' "fresh unit calendar in zh-CN"
expect_body_contains "<p class=\"overdue\">$(msg zh-CN meeting.review-overdue)</p>" \
    "fresh unit: the review-overdue warning (zh-CN)"
expect_body_contains "<summary>$(msg zh-CN meeting.plan)</summary>" "fresh unit (zh-CN): plan form labelled in zh-CN"
get admin "/meet/unit/$FU"
expect_body_contains 'action="/okr/meet/new"' "fresh unit: admin gets the plan form"
for u in lina wangfang sarahmiller; do
	get $u "/meet/unit/$FU"
	expect_body_lacks 'action="/okr/meet/new"' "fresh unit: $u (not a lead above it) gets no plan form"
	expect_body_contains "$(msg en meeting.review-overdue)" "fresh unit: $u sees the warning too"
done

# The calendar of the unit above lists it among its units, flagged.
get lina "/meet/unit/$RD"
expect_body_contains "<h2>$(msg en meeting.subunits)</h2>" "研发部's calendar: 'Reviews in the units below'"
expect_flat "<tr id=\"su-$FU\" class=\"overdue\"><th scope=\"row\" class=\"depth-0\"><a href=\"/okr/meet/unit/$FU\">$FUN</a></th><td>—</td><td><span class=\"badge review-overdue\">$(msg en meeting.overdue-flag)</span>" \
    "研发部's calendar: the fresh unit flagged, no review yet, linked to its calendar"
get lina "/meet/unit/$RD" -H 'Accept-Language: zh-CN'
expect_flat "<span class=\"badge review-overdue\">$(msg zh-CN meeting.overdue-flag)</span>" "研发部's calendar (zh-CN): the flag in Chinese"
get lina "/meet/unit/$FU"
expect_body_lacks '<section class="subunit-reviews">' "the fresh unit's calendar: no units below, no such section"

# A review dated 20 days ago, opened: a review was held, but too long ago.
post zhangwei /meet/new "unit=$FU&cycle=$CUR&kind=review&due=$(day -20)" --data-urlencode "title=t0700 旧复盘 $TAG"
expect_status 303 "plan a review dated $(day -20) in the fresh unit: 303"
F1=$(loc_meeting)
post zhangwei "/meet/$F1/open" "version=$(mversion zhangwei "$F1")&back=/okr/meet/$F1"
expect_status 303 "open review $F1 (dated $(day -20)): 303"
# A monthly meeting held today is no review.
post zhangwei /meet/new "unit=$FU&cycle=$CUR&kind=monthly&due=$TODAY" --data-urlencode "title=t0700 月会 $TAG"
F2=$(loc_meeting)
post zhangwei "/meet/$F2/open" "version=$(mversion zhangwei "$F2")&back=/okr/meet/$F2"
expect_status 303 "open monthly meeting $F2 dated today: 303"
# A review 3 days ago, only planned.
post zhangwei /meet/new "unit=$FU&cycle=$CUR&kind=review&due=$(day -3)" --data-urlencode "title=t0700 新复盘 $TAG"
expect_status 303 "plan a review dated $(day -3) in the fresh unit: 303"
F3=$(loc_meeting)
get wangfang "/meet/unit/$FU"
expect_body_contains "$(msg en meeting.review-overdue)" \
    "fresh unit: still overdue (last review opened 20 days ago; a monthly meeting and a planned review do not count)"
expect_body_contains "<span class=\"label\">$(msg en meeting.last-review)</span> <time datetime=\"$(day -20)\">$(day -20)</time>" \
    "fresh unit: last review meeting $(day -20)"
post zhangwei "/meet/$F3/open" "version=$(mversion zhangwei "$F3")&back=/okr/meet/$F3"
expect_status 303 "open review $F3 (dated $(day -3)): 303"
for lang in en zh-CN; do
	get wangfang "/meet/unit/$FU" -H "Accept-Language: $lang"
	expect_body_lacks "$(msg "$lang" meeting.review-overdue)" \
	    "fresh unit ($lang): the warning is gone once a review of $(day -3) was opened"
	expect_body_lacks '<p class="overdue">' "fresh unit ($lang): no overdue paragraph"
	expect_body_contains "<span class=\"label\">$(msg "$lang" meeting.last-review)</span> <time datetime=\"$(day -3)\">$(day_text "$lang" "$(day -3)")</time>" \
	    "fresh unit ($lang): last review meeting $(day -3)"
done
get lina "/meet/unit/$RD"
expect_flat "<tr id=\"su-$FU\"><th scope=\"row\" class=\"depth-0\"><a href=\"/okr/meet/unit/$FU\">$FUN</a></th><td><time datetime=\"$(day -3)\">$(day -3)</time></td><td></td></tr>" \
    "研发部's calendar: the fresh unit no longer flagged, last review $(day -3)"

# ======================================================================
# 研发部: permissions and validation of planning
get admin "/unit/$RD"
expect_body_contains "href=\"/okr/meet/unit/$RD\"" "研发部's unit page links its meeting calendar"
for u in zhangwei admin chenming; do
	get $u "/meet/unit/$RD"
	expect_status 200
	expect_body_contains 'action="/okr/meet/new"' "研发部 calendar: $u (lead, admin, lead above) gets the plan form"
done
for u in lina wangfang sarahmiller; do
	get $u "/meet/unit/$RD"
	expect_status 200
	expect_body_lacks 'action="/okr/meet/new"' "研发部 calendar: $u gets no plan form"
done
S_CAL=$(page_state zhangwei "/meet/unit/$RD")
for lang in en zh-CN; do
	post wangfang /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$TODAY" \
	    --data-urlencode "title=t0700 成员 $TAG" -H "Accept-Language: $lang"
	REQ="$REQ (member, $lang)"
	expect_error 403 err.403.meeting "$lang"
done
post lina /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$TODAY" --data-urlencode "title=t0700 下级 $TAG"
REQ="$REQ (lina leads 平台组, below 研发部)"
expect_error 403 err.403.meeting
for d in "kind=bogus&due=$TODAY" "kind=&due=$TODAY" "kind=review&due=2026-13-40" \
    "kind=review&due=tomorrow" "kind=review&due=" "kind=review&due=$(day 900)" \
    "kind=review"; do
	post zhangwei /meet/new "unit=$RD&cycle=$CUR&$d" --data-urlencode "title=t0700 坏 $TAG"
	REQ="$REQ ($d)"
	expect_status 400
done
check "研发部's calendar unchanged after 10 refused plans" \
    test "$(page_state zhangwei "/meet/unit/$RD")" = "$S_CAL"

# ======================================================================
# Our own objective in 研发部, with one KR, for the board
MYO=$(make_objective zhangwei "$RD" "t0700 会议看板目标 $TAG")
require "zhangwei creates objective '$MYO' in 研发部" test -n "$MYO"
MYK=$(make_kr zhangwei "$MYO" "t0700 12月31日前把覆盖率从 0 提升到 100 $TAG" 0 100 10)
require "and its KR ($MYK)" test -n "$MYK"
get zhangwei "/meet/unit/$RD"
expect_body_contains "<option value=\"$MYO\">t0700 会议看板目标 $TAG</option>" \
    "plan form: offers the new objective of 研发部"

# The plan form as a browser sends it: objective empty = the whole unit.
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=monthly&due=$(day 12)&objective=&back=/okr/meet/unit/$RD" \
    --data-urlencode "title=t0700 整个组织 $TAG"
REQ="$REQ (the form as sent: objective= for 'The whole unit')"
expect_status 303

# ----------------------------------------------------- the six types
# Dates out of order on purpose: the calendar sorts, newest first.
M_awareness=; M_consensus=; M_action=; M_review=; M_monthly=; M_quarterly=
for td in awareness:5 consensus:9 action:2 review:0 monthly:7 quarterly:11; do
	t=${td%:*} d=$(day "${td#*:}")
	post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=$t&due=$d&back=/okr/meet/unit/$RD" \
	    --data-urlencode "title=t0700 $t $TAG"
	expect_status 303 "zhangwei plans a meeting of type $t on $d: 303"
	id=$(loc_meeting)
	check "plan $t: 303 to /okr/meet/N (got $(location))" test -n "$id"
	eval "M_$t=\$id"
	get lina "/meet/$id"
	expect_status 200 "meeting $id ($t): 200 for lina"
	expect_body_contains "<span class=\"badge mtype-$t\">$(msg en "meeting.type.$t")</span><h1>t0700 $t $TAG</h1><span class=\"badge mstate-planned\">$(msg en meeting.state.planned)</span>" \
	    "meeting $id: type, title and state Planned"
	expect_body_contains "<time datetime=\"$d\">$d</time>" "meeting $id: dated $d"
	expect_body_contains "$(msg en "meeting.about.$t")" "meeting $id: what a meeting of type $t is for"
done
MA=$M_review
get zhangwei "/meet/unit/$RD"
for t in awareness consensus action review monthly quarterly; do
	eval "id=\$M_$t"
	expect_flat "<th scope=\"row\"><a href=\"/okr/meet/$id\">t0700 $t $TAG</a></th><td><span class=\"muted\">$(msg en meeting.whole-unit)</span></td><td><span class=\"badge mstate-planned\">" \
	    "研发部 calendar lists the $t meeting $id, Planned"
done
flat | grep -o '<tr class="meeting [^"]*"><td class="due"><time datetime="[0-9-]*"' |
    sed 's/.*datetime="//; s/"//' > "$TMP/cal.dates"
check "研发部 calendar: $(wc -l < "$TMP/cal.dates") meetings, newest date first" \
    sort -r -c "$TMP/cal.dates"
flat | grep -o "<a href=\"/okr/meet/[0-9]*\">t0700 [a-z]* $TAG<" | sed 's/.*">t0700 //; s/ .*//' |
    tr '\n' ' ' > "$TMP/cal.order"
check "研发部 calendar: quarterly, consensus, monthly, awareness, action, review in that order (got $(cat "$TMP/cal.order"))" \
    test "$(cat "$TMP/cal.order")" = "quarterly consensus monthly awareness action review "

# A review of one objective: the calendar names it, the board shows it alone.
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$(day 1)&objective=$MYO" \
    --data-urlencode "title=t0700 单目标复盘 $TAG"
expect_status 303 "plan a review of objective $MYO only: 303"
MO=$(loc_meeting)
get admin "/meet/unit/$RD"
expect_flat "<a href=\"/okr/meet/$MO\">t0700 单目标复盘 $TAG</a></th><td><a href=\"/okr/objective/$MYO\">t0700 会议看板目标 $TAG</a></td>" \
    "研发部 calendar: review $MO names its objective"
get admin "/meet/$MO"
check "review $MO: quadrant 1 shows objective $MYO alone" \
    test "$(quad 1 | grep -o '<article class="objective[^"]*" id="o-[0-9]*"' | sed 's/.*o-//; s/"//' | tr '\n' ' ')" = "$MYO "
# An objective of another unit is refused.
get admin "/unit/$PLAT"
POBJ=$(flat | grep -o '<article class="objective level-team" id="o-[0-9]*"' | head -1 | sed 's/.*o-//; s/"//')
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$TODAY&objective=$POBJ" \
    --data-urlencode "title=t0700 别组目标 $TAG"
expect_status 400 "plan a 研发部 review of 平台组's objective $POBJ: 400"

# ======================================================================
# The review meeting MA: planned → open
get zhangwei "/meet/$MA"
expect_header ETag "\"m$MA-1\"" "meeting $MA: ETag names version 1"
check "meeting $MA (planned): an 'Open' button for zhangwei" test -n "$(form_of "/okr/meet/$MA/open")"
check "meeting $MA (planned): no 'Close' button yet" test -z "$(form_of "/okr/meet/$MA/close")"
V=$(form_value "/okr/meet/$MA/open" version)
check "open button carries version 1 (got $V)" test "$V" = 1
get wangfang "/meet/$MA"
check "meeting $MA: no open button for wangfang (member)" test -z "$(form_of "/okr/meet/$MA/open")"
check "meeting $MA: no attendance and minutes form for wangfang" test -z "$(form_of "/okr/meet/$MA/minutes")"
check "meeting $MA: wangfang may add action items (form shown)" test -n "$(form_of "/okr/meet/$MA/action")"
S_MA=$(page_state zhangwei "/meet/$MA")
post wangfang "/meet/$MA/open" "version=1&back=/okr/meet/$MA"
REQ="$REQ (member)"
expect_error 403 err.403.meeting
post lina "/meet/$MA/open" "version=1&back=/okr/meet/$MA"
REQ="$REQ (lead of a unit below)"
expect_error 403 err.403.meeting
post zhangwei "/meet/$MA/close" "version=1&back=/okr/meet/$MA"
REQ="$REQ (still planned)"
expect_error 409 err.meeting.planned
post zhangwei "/meet/$MA/close" "version=1&back=/okr/meet/$MA" -H 'Accept-Language: zh-CN'
REQ="$REQ (still planned, zh-CN)"
expect_error 409 err.meeting.planned zh-CN
post zhangwei "/meet/$MA/open" "version=7&back=/okr/meet/$MA"
REQ="$REQ (stale version 7)"
expect_error 409 err.409
check "meeting $MA unchanged by 5 refused posts" test "$(page_state zhangwei "/meet/$MA")" = "$S_MA"
post zhangwei "/meet/$MA/open" "version=1&back=/okr/meet/$MA"
expect_status 303 "zhangwei opens meeting $MA: 303"
check "open: 303 to /okr/meet/$MA (got $(location))" test "$(location)" = "/okr/meet/$MA"
get zhangwei "/meet/$MA"
expect_body_contains "<span class=\"badge mstate-open\">$(msg en meeting.state.open)</span>" "meeting $MA: In progress"
check "meeting $MA (open): a 'Close' button" test -n "$(form_of "/okr/meet/$MA/close")"
check "meeting $MA (open): no 'Open' button any more" test -z "$(form_of "/okr/meet/$MA/open")"
get zhangwei "/meet/unit/$RD"
expect_flat "<tr class=\"meeting mstate-open\"><td class=\"due\"><time datetime=\"$TODAY\">$TODAY</time></td><td><span class=\"badge mtype-review\">$(msg en meeting.type.review)</span></td><th scope=\"row\"><a href=\"/okr/meet/$MA\">" \
    "研发部 calendar: meeting $MA now In progress"
expect_body_lacks '<p class="overdue">' "研发部 calendar: no review-overdue warning once review $MA (today) is open"

# ----------------------------------------------------------- attendance
unit_people "$RD" 0 | sort -u > "$TMP/att.expected"
get zhangwei "/meet/$MA"
form_of "/okr/meet/$MA/minutes" | grep -o 'name="login" value="[^"]*"' |
    sed 's/.*value="//; s/"//' | sort > "$TMP/att.form"
check "attendance offers exactly 研发部's people and its sub-units' ($(tr '\n' ' ' < "$TMP/att.expected"))" \
    cmp -s "$TMP/att.expected" "$TMP/att.form"
for l in zhangwei lina wangfang sunli; do
	grep -qx "$l" "$TMP/att.form" && ok "attendance offers $l" || fail "attendance offers $l"
done
V=$(form_value "/okr/meet/$MA/status" version)
S_MA=$(page_state wangfang "/meet/$MA")
post zhangwei "/meet/$MA/attendance" "version=$V&login=lina&login=nosuchperson&back=/okr/meet/$MA"
REQ="$REQ (unknown login)"
expect_status 400
check "attendance unchanged after the unknown login" test "$(page_state wangfang "/meet/$MA")" = "$S_MA"
post zhangwei "/meet/$MA/attendance" "version=$V&login=lina&login=wangfang&login=sunli&back=/okr/meet/$MA"
expect_status 303 "attendance: lina, wangfang (平台组) and sunli (移动组) present: 303"
check "attendance: 303 to /okr/meet/$MA" test "$(location)" = "/okr/meet/$MA"
NATT=$(wc -l < "$TMP/att.expected" | tr -d ' ')
get wangfang "/meet/$MA"
expect_body_contains "<span class=\"count\">$(msg en meeting.present) 3 / $NATT</span>" "attendance: present 3 / $NATT"
for l in lina wangfang sunli; do
	expect_flat "<li class=\"present\"><a href=\"/okr/person/$l\">" "attendance: $l shown present"
done
for l in zhangwei liuyang; do
	expect_flat "<li class=\"absent\"><a href=\"/okr/person/$l\">" "attendance: $l shown absent"
done
get zhangwei "/meet/$MA"
form_of "/okr/meet/$MA/minutes" | grep -o 'value="[^"]*" checked' | sed 's/value="//; s/" checked//' |
    sort | tr '\n' ' ' > "$TMP/att.checked"
check "attendance form: exactly lina, sunli, wangfang checked (got $(cat "$TMP/att.checked"))" \
    test "$(cat "$TMP/att.checked")" = "lina sunli wangfang "

# ------------------------------------------------ minutes and decisions
MIN="t0700 纪要 <script>alert(\"m\")</script> & 'q' $TAG"
DEC="t0700 决定 <img src=x onerror=alert(1)> $TAG"
V=$(form_value "/okr/meet/$MA/minutes" version)
post zhangwei "/meet/$MA/minutes" "version=$V&back=/okr/meet/$MA" --data-urlencode "text=$MIN" --data-urlencode "note=$DEC"
expect_status 303 "minutes and decisions saved: 303"
get wangfang "/meet/$MA"
expect_body_contains "<p class=\"text-block\">t0700 纪要 &lt;script&gt;alert(\"m\")&lt;/script&gt; &amp; 'q' $TAG</p>" \
    "minutes shown, escaped"
expect_body_contains "<p class=\"text-block\">t0700 决定 &lt;img src=x onerror=alert(1)&gt; $TAG</p>" \
    "decisions shown, escaped"
expect_body_lacks '<script>alert' "no live <script> from the minutes"
expect_body_lacks '<img src=x' "no live <img> from the decisions"
get zhangwei "/meet/$MA"
expect_flat "name=\"text\" rows=\"8\">t0700 纪要 &lt;script&gt;alert(\"m\")&lt;/script&gt; &amp; 'q' $TAG</textarea>" \
    "manager's minutes textarea filled in, escaped"

# ------------------------------------------------------ status override
get zhangwei "/meet/$MA"
DER=$(quad 2 | grep -o '<p class="derived">.*' | grep -o '<strong class="status-[a-z-]*"' | head -1 | sed 's/.*status-//; s/"//')
check "board: a derived status ($DER)" test -n "$DER"
expect_in_quad 2 "<p class=\"status-big status-$DER\">$(msg en "board.status.$DER")</p>" "board: status = derived ($DER) before any override"
case $DER in off-track) OV=on-track ;; *) OV=off-track ;; esac
V=$(form_value "/okr/meet/$MA/status" version)
S_MA=$(page_state wangfang "/meet/$MA")
for lang in en zh-CN; do
	post zhangwei "/meet/$MA/status" "version=$V&state=$OV&text=&back=/okr/meet/$MA" -H "Accept-Language: $lang"
	REQ="$REQ (no reason, $lang)"
	expect_error 400 err.board.reason "$lang"
done
post zhangwei "/meet/$MA/status" "version=$V&state=sideways&back=/okr/meet/$MA" --data-urlencode "text=x"
expect_status 400 "status override with an unknown state: 400"
check "board unchanged by refused overrides" test "$(page_state wangfang "/meet/$MA")" = "$S_MA"
REASON="t0700 客户 <b>延期</b> $TAG"
post zhangwei "/meet/$MA/status" "version=$V&state=$OV&back=/okr/meet/$MA" --data-urlencode "text=$REASON"
expect_status 303 "zhangwei overrides the status to $OV with a reason: 303"
get wangfang "/meet/$MA"
expect_in_quad 2 "<p class=\"status-big status-$OV\">$(msg en "board.status.$OV")</p>" "board: shows the overridden status $OV"
expect_in_quad 2 "<span class=\"badge\">$(msg en board.override)</span> <span class=\"label\">$(msg en board.reason)</span> <span class=\"reason\">t0700 客户 &lt;b&gt;延期&lt;/b&gt; $TAG</span>" \
    "board: 'set by hand' with the reason, escaped"
expect_in_quad 2 "<strong class=\"status-$DER\">$(msg en "board.status.$DER")</strong>" "board: still shows the derived status $DER"
get zhangwei "/meet/$MA" -H 'Accept-Language: zh-CN'
expect_in_quad 2 "<p class=\"status-big status-$OV\">$(msg zh-CN "board.status.$OV")</p>" "board (zh-CN): the overridden status"
expect_in_quad 2 "<option value=\"$OV\" selected>" "override form: $OV selected"
V=$(form_value "/okr/meet/$MA/status" version)
post zhangwei "/meet/$MA/status" "version=$V&state=&text=&back=/okr/meet/$MA"
expect_status 303 "empty state: back to the derived status: 303"
get wangfang "/meet/$MA"
expect_in_quad 2 "<p class=\"status-big status-$DER\">$(msg en "board.status.$DER")</p>" "board: the derived status $DER again"
expect_not_in_quad 2 '<p class="override-info">' "board: no 'set by hand' any more"
expect_not_in_quad 2 "延期" "board: the old reason is gone"
# Override again, to see it survive the closing.
get zhangwei "/meet/$MA"
V=$(form_value "/okr/meet/$MA/status" version)
post zhangwei "/meet/$MA/status" "version=$V&state=$OV&back=/okr/meet/$MA" --data-urlencode "text=$REASON"
expect_status 303 "override $OV again: 303"

# ------------------------------------------------- quadrant 1 and check-in
get admin "/unit/$RD"
flat | grep -o '<article class="objective level-\(company\|department\|team\)" id="o-[0-9]*"' |
    sed 's/.*o-//; s/"//' | sort -n > "$TMP/rd.objs"
get zhangwei "/meet/$MA"
quad 1 | grep -o '<article class="objective[^"]*" id="o-[0-9]*"' | sed 's/.*o-//; s/"//' | sort -n > "$TMP/q1.objs"
check "quadrant 1: exactly 研发部's objectives as on its unit page ($(tr '\n' ' ' < "$TMP/rd.objs"))" \
    cmp -s "$TMP/rd.objs" "$TMP/q1.objs"
grep -qx "$MYO" "$TMP/q1.objs" && ok "quadrant 1 shows our objective $MYO" || fail "quadrant 1 shows our objective $MYO"
NKR=$(quad 1 | grep -o '<tbody class="kr" id="kr-[0-9]*"' | wc -l | tr -d ' ')
NSC=$(quad 1 | sed 's/<tbody /\n<tbody /g' | grep '^<tbody class="kr"' |
    grep -c 'class="kr-score"><span class="score-wrap"><span class="score band-[a-z]*">[01]\.[0-9][0-9]<')
check "quadrant 1: every KR row ($NKR) has a score ($NSC)" test "$NKR" -gt 0 -a "$NKR" = "$NSC"
check "quadrant 1: KR $MYK at 10, score 0.10" \
    has "$(kr_line "$MYK")" '<strong class="current">10</strong>.*<span class="score band-red">0.10</span>'
CI=$(form_of "/okr/edit/checkin/$MYO")
check "quadrant 1: a check-in form for objective $MYO" test -n "$CI"
check "board check-in form: back = /okr/meet/$MA" \
    has "$CI" "<input type=\"hidden\" name=\"back\" value=\"/okr/meet/$MA\">"
check "board check-in form: KR $MYK in it" has "$CI" "<input type=\"hidden\" name=\"kr\" value=\"$MYK\">"
post zhangwei "/edit/checkin/$MYO" "back=/okr/meet/$MA&kr=$MYK&value=35&confidence=0.6" --data-urlencode "note=t0700 会上 1"
expect_status 303 "check-in from the board: 303"
check "check-in: back on the meeting page /okr/meet/$MA (got $(location))" test "$(location)" = "/okr/meet/$MA"
post zhangwei "/edit/checkin/$MYO" "back=/okr/meet/$MA&kr=$MYK&value=48&confidence=0.7" --data-urlencode "note=t0700 会上 2"
expect_status 303 "second check-in from the board: 303"
get zhangwei "/meet/$MA"
KL=$(kr_line "$MYK")
check "board: KR $MYK now at 48" has "$KL" '<strong class="current">48</strong>'
check "board: KR $MYK scores 0.48" has "$KL" '<span class="score band-yellow">0.48</span>'
check "board: KR $MYK confidence 0.7" has "$KL" '<td class="num">0.7</td>'
check "board: KR $MYK has a trend line (svg polyline, 2+ points)" \
    has "$KL" '<svg class="trend"[^>]*><polyline class="trend-line" points="[0-9.]*,[0-9.]* [0-9.]*,[0-9.]*'
check "board: KR $MYK's trend ends higher than it starts (10 → 35 → 48)" \
    has "$(printf '%s' "$KL" | grep -o 'class="trend-line" points="[^"]*"' | awk -F'"' '{ n = split($4, p, " "); split(p[1], a, ","); split(p[n], b, ","); print (b[2] < a[2]) ? "up" : "flat" }')" '^up$'

# --------------------------------------------------------- action items
AWT="t0700 本周 $TAG"
AMT="t0700 下月 $TAG"
AOT="t0700 逾期 $TAG"
AFT="t0700 成员加的 $TAG"
S_MA=$(page_state zhangwei "/meet/$MA")
for lang in en zh-CN; do
	post zhangwei "/meet/$MA/action" "owner=wangfang&due=$TODAY&back=/okr/meet/$MA" --data-urlencode "title=" \
	    -H "Accept-Language: $lang"
	REQ="$REQ (empty title, $lang)"
	expect_error 400 err.action "$lang"
done
post zhangwei "/meet/$MA/action" "owner=nosuchperson&due=$TODAY&back=/okr/meet/$MA" --data-urlencode "title=t0700 无主 $TAG"
REQ="$REQ (unknown owner)"
expect_error 400 err.action
post zhangwei "/meet/$MA/action" "owner=wangfang&due=someday&back=/okr/meet/$MA" --data-urlencode "title=t0700 无日 $TAG"
expect_status 400 "action with a malformed due date: 400"
check "board unchanged by refused action items" test "$(page_state zhangwei "/meet/$MA")" = "$S_MA"

post zhangwei "/meet/$MA/action" "owner=wangfang&due=$TODAY&kr=$MYK&back=/okr/meet/$MA" --data-urlencode "title=$AWT"
expect_status 303 "action due today ($TODAY), owner wangfang, serving KR $MYK: 303"
check "action: 303 to /okr/meet/$MA" test "$(location)" = "/okr/meet/$MA"
post zhangwei "/meet/$MA/action" "owner=liuyang&due=$(day 20)&back=/okr/meet/$MA" --data-urlencode "title=$AMT"
expect_status 303 "action due in 20 days ($(day 20)), owner liuyang: 303"
post zhangwei "/meet/$MA/action" "owner=lina&due=$(day -10)&back=/okr/meet/$MA" --data-urlencode "title=$AOT"
expect_status 303 "action due 10 days ago ($(day -10)), owner lina: 303"
post wangfang "/meet/$MA/action" "owner=wangfang&due=$TODAY&back=/okr/meet/$MA" --data-urlencode "title=$AFT"
expect_status 303 "wangfang (a member) adds an action item: 303"
# The add form as a browser sends it: kr empty for "None".
post zhangwei "/meet/$MA/action" "owner=lina&due=$(day 3)&kr=&back=/okr/meet/$MA" --data-urlencode "title=t0700 表单原样 $TAG"
REQ="$REQ (the form as sent: kr= for 'None')"
expect_status 303

get zhangwei "/meet/$MA"
aid() {	# TITLE: the id of the action item with that title on the last page
	flat | grep -o "<li class=\"action-item [^\"]*\" id=\"a-[0-9]*\"><span class=\"a-title\">$1<" |
	    head -1 | sed 's/.*id="a-\([0-9]*\)".*/\1/'
}
AW=$(aid "$AWT"); AM=$(aid "$AMT"); AO=$(aid "$AOT"); AF=$(aid "$AFT")
check "action ids found on the board ($AW $AM $AO $AF)" test -n "$AW" -a -n "$AM" -a -n "$AO" -a -n "$AF"
expect_in_quad 3 "<p class=\"dates\"><time datetime=\"$MONDAY\">$MONDAY</time> – <time datetime=\"$SUNDAY\">$SUNDAY</time></p>" \
    "quadrant 3 spans this week, $MONDAY – $SUNDAY"
expect_in_quad 4 "<p class=\"dates\"><time datetime=\"$(day $((8 - _dow)))\">$(day $((8 - _dow)))</time> – <time datetime=\"$MONTH_TO\">$MONTH_TO</time></p>" \
    "quadrant 4 spans the 30 days after"
expect_in_quad 3 "<li class=\"action-item state-open\" id=\"a-$AW\"><span class=\"a-title\">$AWT</span> <span class=\"badge action-new\">$(msg en action.new)</span><span class=\"a-meta\"><a href=\"/okr/person/wangfang\">王芳</a> · <time datetime=\"$TODAY\">$TODAY</time> · <span class=\"kr-ref\"><a href=\"#kr-$MYK\">" \
    "quadrant 3: '$AWT' (due today, new in this meeting) with owner, date and its KR"
expect_in_quad 4 "id=\"a-$AM\"><span class=\"a-title\">$AMT</span> <span class=\"badge action-new\">" \
    "quadrant 4: '$AMT' (due in 20 days: added in this meeting, it goes by its date, marked new)"
expect_not_in_quad 3 "id=\"a-$AM\"" "quadrant 3: not '$AMT'"
expect_in_quad 3 "id=\"a-$AO\"><span class=\"a-title\">$AOT</span>" "quadrant 3: '$AOT' (overdue)"
expect_in_quad 3 "id=\"a-$AF\"><span class=\"a-title\">$AFT</span>" "quadrant 3: '$AFT' added by a member"
check "zhangwei (the unit's lead) gets a Done button on every item" \
    test -n "$(form_of "/okr/meet/action/$AW/done")" -a -n "$(form_of "/okr/meet/action/$AF/done")"
get sarahmiller "/meet/$MA"
check "sarahmiller (unrelated) gets no Done button on '$AWT'" test -z "$(form_of "/okr/meet/action/$AW/done")"
get wangfang "/meet/$MA"
AWV=$(form_value "/okr/meet/action/$AW/done" version)
check "wangfang (owner) gets a Done button on '$AWT' (version $AWV)" test -n "$AWV"
check "wangfang gets no Done button on '$AMT' (liuyang's, zhangwei's)" test -z "$(form_of "/okr/meet/action/$AM/done")"
post sarahmiller "/meet/action/$AW/done" "version=$AWV&back=/okr/meet/$MA"
REQ="$REQ (sarahmiller: neither owner, author nor lead)"
expect_error 403 err.403.action
post huangqiang "/meet/action/$AW/done" "version=$AWV&back=/okr/meet/$MA"
REQ="$REQ (huangqiang: a member of 移动组 under 研发部)"
expect_error 403 err.403.action
get zhangwei "/meet/$MA"
expect_in_quad 3 "<li class=\"action-item state-open\" id=\"a-$AW\">" "'$AWT' still open after the refused Done"
post wangfang "/meet/action/$AW/done" "version=$((AWV + 5))&back=/okr/meet/$MA"
expect_status 409 "Done from a stale version: 409"
post wangfang "/meet/action/$AW/done" "version=$AWV&back=/okr/meet/$MA"
expect_status 303 "wangfang (owner) marks '$AWT' done: 303"
check "done: 303 back to /okr/meet/$MA (got $(location))" test "$(location)" = "/okr/meet/$MA"
get lina "/meet/$MA"
expect_in_quad 3 "<li class=\"action-item state-done\" id=\"a-$AW\"><span class=\"a-title\">$AWT</span> <span class=\"badge state-done\">$(msg en action.state.done)</span>" \
    "quadrant 3: '$AWT' shown done"
get wangfang "/meet/$MA"
check "no Done button on a done item" test -z "$(form_of "/okr/meet/action/$AW/done")"
post wangfang "/meet/action/$AW/done" "version=$AWV&back=/okr/meet/$MA"
expect_status 409 "Done again from the old version: 409"

# ======================================================================
# Closing MA freezes it
board_digest zhangwei "$MA" > "$TMP/board.before"
get zhangwei "/meet/$MA"
VC=$(form_value "/okr/meet/$MA/close" version)
VS=$(form_value "/okr/meet/$MA/status" version)
check "the board digest has content ($(wc -l < "$TMP/board.before") tokens)" test "$(wc -l < "$TMP/board.before")" -gt 20
get wangfang "/meet/$MA"
section_of attendance > "$TMP/att.before"
section_of minutes > "$TMP/min.before"
post wangfang "/meet/$MA/close" "version=$VC&back=/okr/meet/$MA"
REQ="$REQ (member)"
expect_error 403 err.403.meeting
post zhangwei "/meet/$MA/close" "version=$VC&back=/okr/meet/$MA"
expect_status 303 "zhangwei closes meeting $MA: 303"
check "close: 303 to /okr/meet/$MA (got $(location))" test "$(location)" = "/okr/meet/$MA"
for u in zhangwei wangfang admin; do
	get $u "/meet/$MA"
	expect_status 200
	expect_body_contains "<span class=\"badge mstate-closed\">$(msg en meeting.state.closed)</span>" "closed $MA as $u: state Closed"
	expect_body_contains "<p class=\"frozen\">$(msg en meeting.frozen)</p>" "closed $MA as $u: the frozen note"
	check "closed $MA as $u: no POST form at all ($(post_forms | wc -l))" test -z "$(post_forms)"
	expect_body_lacks "action=\"/okr/meet/$MA/" "closed $MA as $u: no form posting to /okr/meet/$MA/…"
	expect_body_lacks 'action="/okr/edit/checkin/' "closed $MA as $u: no check-in form"
	expect_body_lacks 'action="/okr/meet/action/' "closed $MA as $u: no Done button"
done
get zhangwei "/meet/$MA" -H 'Accept-Language: zh-CN'
expect_body_contains "<p class=\"frozen\">$(msg zh-CN meeting.frozen)</p>" "closed $MA: the frozen note in zh-CN"
board_digest zhangwei "$MA" > "$TMP/board.after"
get zhangwei "/meet/$MA"
if cmp -s "$TMP/board.before" "$TMP/board.after"; then
	ok "closed $MA: the board shows what it showed before closing"
else
	fail "closed $MA: the board shows what it showed before closing"
	note "$(diff "$TMP/board.before" "$TMP/board.after" | head -8 | tr '\n' ' ')"
fi
expect_in_quad 2 "<span class=\"reason\">t0700 客户 &lt;b&gt;延期&lt;/b&gt; $TAG</span>" "closed $MA: the override reason kept"
expect_in_quad 3 "<li class=\"action-item state-done\" id=\"a-$AW\">" "closed $MA: '$AWT' done in quadrant 3"
check "closed $MA: KR $MYK still at 48 with its trend" \
    has "$(kr_line "$MYK")" '<strong class="current">48</strong>.*<polyline class="trend-line"'
get wangfang "/meet/$MA"
check "closed $MA: the attendance as before closing" test "$(section_of attendance)" = "$(cat "$TMP/att.before")"
check "closed $MA: the minutes and decisions as before closing" test "$(section_of minutes)" = "$(cat "$TMP/min.before")"
expect_body_contains "<span class=\"count\">$(msg en meeting.present) 3 / $NATT</span>" "closed $MA: present 3 / $NATT"
get zhangwei "/meet/$MA"
VN=$(header ETag | sed 's/.*-\([0-9]*\)"$/\1/')
check "closed $MA: its ETag names a version ($VN)" test -n "$VN"

# Every change refused with 409 and the catalog's text, nothing written.
S_MA=$(page_state zhangwei "/meet/$MA")
S_MAW=$(page_state wangfang "/meet/$MA")
closed_posts() {	# VERSION WHY [LANG]
	for a in "open:" "minutes:&text=t0700+after&note=x" "attendance:&login=zhangwei" \
	    "status:&state=on-track&text=t0700+after" "close:"; do
		post zhangwei "/meet/$MA/${a%%:*}" "version=$1&back=/okr/meet/$MA${a#*:}" -H "Accept-Language: ${3:-en}"
		REQ="$REQ ($2)"
		expect_error 409 err.meeting.closed "${3:-en}"
	done
}
closed_posts "$VN" "closed; version $VN of the record, from its ETag"
closed_posts "$VN" "closed; version $VN, zh-CN" zh-CN
# A tab opened before the closing still holds the forms' version.
closed_posts "$VS" "closed; version $VS of the forms the room had"
for lang in en zh-CN; do
	post wangfang "/meet/$MA/action" "owner=wangfang&due=$TODAY&back=/okr/meet/$MA" \
	    --data-urlencode "title=t0700 会后 $TAG" -H "Accept-Language: $lang"
	REQ="$REQ (closed, $lang)"
	expect_error 409 err.meeting.closed "$lang"
done
check "closed $MA: unchanged for zhangwei after 17 refused posts" test "$(page_state zhangwei "/meet/$MA")" = "$S_MA"
check "closed $MA: unchanged for wangfang" test "$(page_state wangfang "/meet/$MA")" = "$S_MAW"
get zhangwei "/meet/$MA"
expect_header ETag "\"m$MA-$VN\"" "closed $MA: still version $VN"

# ------------------------------------------ a new meeting, later work
# A second review meeting MB, open: live, where MA is frozen.
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$TODAY" --data-urlencode "title=t0700 第二次复盘 $TAG"
expect_status 303 "plan a second review meeting: 303"
MB=$(loc_meeting)
post zhangwei "/meet/$MB/open" "version=$(mversion zhangwei "$MB")&back=/okr/meet/$MB"
expect_status 303 "open meeting $MB: 303"
get zhangwei "/meet/$MB"
expect_in_quad 4 "<li class=\"action-item state-open\" id=\"a-$AM\"><span class=\"a-title\">$AMT</span>" \
    "open $MB: '$AMT' (due in 20 days, added in $MA) in quadrant 4"
expect_not_in_quad 3 "id=\"a-$AM\"" "open $MB: '$AMT' not in quadrant 3"
expect_in_quad 3 "<li class=\"action-item state-done\" id=\"a-$AW\">" "open $MB: '$AWT' (due this week, done) in quadrant 3"
expect_in_quad 3 "<li class=\"action-item state-open\" id=\"a-$AO\">" "open $MB: '$AOT' (overdue, open) in quadrant 3"
expect_in_quad 2 "<p class=\"status-big status-" "open $MB: an overall status"
expect_not_in_quad 2 '<p class="override-info">' "open $MB: not overridden (the override was $MA's)"
check "open $MB: a check-in form for $MYO with back=/okr/meet/$MB" \
    has "$(form_of "/okr/edit/checkin/$MYO")" "name=\"back\" value=\"/okr/meet/$MB\""
get wangfang "/meet/$MB"
expect_body_contains "<span class=\"count\">$(msg en meeting.present) 0 / $NATT</span>" "open $MB: attendance starts at 0 / $NATT"

# After the closing: a check-in on the objective, liuyang's item done.
post zhangwei "/edit/checkin/$MYO" "back=/okr/objective/$MYO&kr=$MYK&value=73&confidence=0.8" --data-urlencode "note=t0700 会后"
expect_status 303 "a check-in on $MYO after the closing: 303"
get liuyang "/meet/$MB"
AMV=$(form_value "/okr/meet/action/$AM/done" version)
check "liuyang (owner) gets a Done button on '$AMT' on $MB (version $AMV)" test -n "$AMV"
post liuyang "/meet/action/$AM/done" "version=$AMV&back=/okr/meet/$MB"
expect_status 303 "liuyang marks '$AMT' done after $MA closed: 303"
check "done: 303 back to /okr/meet/$MB (got $(location))" test "$(location)" = "/okr/meet/$MB"
board_digest zhangwei "$MA" > "$TMP/board.later"
get zhangwei "/meet/$MA"
if cmp -s "$TMP/board.before" "$TMP/board.later"; then
	ok "closed $MA: a later check-in and a later Done leave its board as it was"
else
	fail "closed $MA: a later check-in and a later Done leave its board as it was"
	note "$(diff "$TMP/board.before" "$TMP/board.later" | head -8 | tr '\n' ' ')"
fi
check "closed $MA: KR $MYK still shows 48, not 73" has "$(kr_line "$MYK")" '<strong class="current">48</strong>'
expect_in_quad 4 "<li class=\"action-item state-open\" id=\"a-$AM\">" "closed $MA: '$AMT' still open there (quadrant 4)"
get zhangwei "/objective/$MYO"
expect_flat '<strong class="current">73</strong>' "objective $MYO itself shows 73"
get zhangwei "/meet/$MB"
KL=$(kr_line "$MYK")
check "open $MB: KR $MYK at 73 (the later check-in)" has "$KL" '<strong class="current">73</strong>'
check "open $MB: KR $MYK scores 0.73" has "$KL" '<span class="score band-green">0.73</span>'
expect_in_quad 4 "<li class=\"action-item state-done\" id=\"a-$AM\"><span class=\"a-title\">$AMT</span> <span class=\"badge state-done\">" \
    "open $MB: '$AMT' shown done in quadrant 4"

# ======================================================================
# Stale versions, print view, errors, methods, CSRF
V=$(mversion zhangwei "$MB")
S_MB=$(page_state wangfang "/meet/$MB")
# The minutes have their own version: a stale one that differs is a
# merge page (t0705 checks it), not a written change.
post zhangwei "/meet/$MB/minutes" "version=$((V - 1))&back=/okr/meet/$MB" --data-urlencode "text=t0700 过期 $TAG" --data-urlencode "note="
REQ="$REQ (stale version $((V - 1)))"
expect_error 409 form.conflict
post zhangwei "/meet/$MB/attendance" "version=$((V + 1))&login=lina&back=/okr/meet/$MB"
REQ="$REQ (stale version $((V + 1)))"
expect_error 409 err.409
post zhangwei "/meet/$MB/status" "version=$((V - 1))&state=on-track&back=/okr/meet/$MB" --data-urlencode "text=t0700 过期 $TAG"
REQ="$REQ (stale version $((V - 1)))"
expect_error 409 err.409
post zhangwei "/meet/$MB/minutes" "back=/okr/meet/$MB" --data-urlencode "text=t0700 无版本 $TAG"
expect_status 400 "minutes without a version: 400"
check "meeting $MB unchanged by stale forms" test "$(page_state wangfang "/meet/$MB")" = "$S_MB"

for m in "$MB" "$MA" "$M_action"; do
	get zhangwei "/meet/$m?print=1"
	expect_status 200 "print view of $m: 200"
	expect_body_lacks '<nav class="main-nav"' "print view of $m: no nav"
	expect_body_lacks '<form' "print view of $m: no forms"
	expect_body_lacks '<button' "print view of $m: no buttons"
done
get zhangwei "/meet/$MB?print=1"
expect_body_contains '<section class="board" id="board">' "print view of $MB: the board"
expect_body_contains "<span class=\"count\">$(msg en meeting.present)" "print view of $MB: the attendance"
get zhangwei "/meet/$MB?print=2"
expect_status 400 "print=2: 400"

get zhangwei /meet/99999999
expect_error 404 err.meeting
get zhangwei /meet/99999999 -H 'Accept-Language: zh-CN'
REQ="$REQ (zh-CN)"
expect_error 404 err.meeting zh-CN
get zhangwei /meet/unit/99999999
expect_error 404 err.unit
post zhangwei /meet/99999999/minutes "version=1" --data-urlencode "text=x"
expect_status 404 "minutes of an unknown meeting: 404"

for p in /meet/new "/meet/$MB/open" "/meet/$MB/close" "/meet/$MB/attendance" \
    "/meet/$MB/minutes" "/meet/$MB/status" "/meet/$MB/action" "/meet/action/$AO/done"; do
	get zhangwei "$p"
	expect_error 405 err.405
done

S_MB=$(page_state zhangwei "/meet/$MB")
S_CAL=$(page_state zhangwei "/meet/unit/$RD")
get zhangwei /meet/new -X POST --data "unit=$RD&cycle=$CUR&kind=review&due=$TODAY&title=t0700+csrf"
REQ="POST /meet/new as zhangwei (no token)"
expect_error 403 err.403.csrf
get zhangwei "/meet/$MB/minutes" -X POST --data "version=$V&text=t0700+csrf&note="
REQ="POST /meet/$MB/minutes as zhangwei (no token)"
expect_error 403 err.403.csrf
get zhangwei "/meet/$MB/close" -X POST --data "version=$V"
REQ="POST /meet/$MB/close as zhangwei (no token)"
expect_error 403 err.403.csrf
get zhangwei "/meet/$MB/action" -X POST --data "owner=lina&due=$TODAY&title=t0700+csrf"
REQ="POST /meet/$MB/action as zhangwei (no token)"
expect_error 403 err.403.csrf
get zhangwei "/meet/$MB/minutes" -X POST --data "token=$(token wangfang)&version=$V&text=t0700+csrf&note="
REQ="POST /meet/$MB/minutes as zhangwei (wangfang's token)"
expect_error 403 err.403.csrf
post zhangwei "/meet/$MB/minutes" "version=$V&note=" --data-urlencode "text=t0700 csrf" -H 'Origin: http://evil.example'
REQ="$REQ (Origin of another site)"
expect_status 403
check "meeting $MB unchanged by the refused posts" test "$(page_state zhangwei "/meet/$MB")" = "$S_MB"
check "研发部's calendar unchanged by the refused plan" test "$(page_state zhangwei "/meet/unit/$RD")" = "$S_CAL"
