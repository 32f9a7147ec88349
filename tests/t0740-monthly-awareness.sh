#!/bin/sh
# The monthly review and the all-hands awareness meeting (okr-meet, types
# monthly and awareness), through nginx.
#
# Monthly, in 研发部 by zhangwei: each KR of the unit's objectives with
# "Since DATE: then → current (delta)" and its score; a check-in made
# before the meeting moves current and delta (a meeting dated later counts
# it as "then"); GROW notes per KR (POST /meet/ID/grow: kr, goal, reality,
# options, will), shown escaped and prefilled in the form, the latest one
# shown; an empty note, an unknown KR, a KR of another unit and a
# non-monthly meeting refused (400); after the close a 409 and the frozen
# page keeps the note.
#
# Awareness, at the company unit by admin: "I acknowledge" (POST
# /meet/ID/ack) refused while planned (409 err.meeting.planned: start the meeting first), taken once
# per person while open, refused after the close (409 err.meeting.closed);
# the coverage per unit (came / people, a department with its teams
# rolled in, shares rounded) counting who came to an awareness meeting of
# the company this cycle; the live KR check (?text=) in both
# languages; the OKR standard text in both languages; the frozen page.
# Members may acknowledge but not plan or open (403 err.403.meeting).
# Works on meetings, an objective and a KR it creates itself; reads every
# id from the pages.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
TODAY=$(date -u +%F)
SINCE=$(date -u -d '-30 days' +%F)	# a month before a meeting held today
LATER=$(date -u -d '+40 days' +%F)	# a meeting dated later …
LSINCE=$(date -u -d '+10 days' +%F)	# … looks back to here
ZH='Accept-Language: zh-CN'

RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
INTL=$(unit_id 'International Sales')
MKT=$(unit_id 市场部)
# The company is the root: the home page links it first.
CO=$(curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/" |
    grep -o 'href="/okr/unit/[0-9]*">星河科技 Xinghe Tech<' | head -1 |
    sed 's|.*/unit/\([0-9]*\)".*|\1|')
require "unit ids: company $CO, 研发部 $RD, 平台组 $PLAT, International Sales $INTL, 市场部 $MKT" \
    test -n "$CO" -a -n "$RD" -a -n "$PLAT" -a -n "$INTL" -a -n "$MKT"

# ------------------------------------------------------------ helpers

# The catalogs, read once into variables (as t0700 does): msg LANG KEY as
# in lib.sh, without a sed each.
_var() {	# LANG KEY: sets _o to M_<lang>_<key>, '.' as _ and '-' as _H_
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

# The last body on one line, in $TMP/f (made again when the body is newer).
_fl() {
	[ "$TMP/f" -nt "$TMP/body" ] || tr -d '\n' < "$TMP/body" > "$TMP/f"
}

# The first element of the last body (one line) whose opening tag starts
# with START, up to its first closing TAG.
elem() {	# START CLOSE
	_fl
	awk -v s="$1" -v c="$2" '{ i = index($0, s); if (i) {
		$0 = substr($0, i); print substr($0, 1, index($0, c) + length(c) - 1) } }' "$TMP/f"
}

section_of() {	# CLASS
	elem "<section class=\"$1\"" '</section>'
}

# KR K's block on the monthly board (one line).
grow_kr() {	# K
	elem "<section class=\"grow-kr\" id=\"grow-$1\">" '</section>'
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

# TEXT as a page shows it in element content.
eg() {	# the text as the page shows it
	printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'
}

# Whether the string LINE holds the fixed string TEXT.
holds() {	# LINE TEXT
	case $1 in *"$2"*) return 0 ;; esac
	return 1
}

expect_in() {	# LINE TEXT DESC
	if holds "$1" "$2"; then
		ok "$3"
	else
		fail "$3"
		note "wanted: $2"
		note "in: $(printf '%s' "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-400)"
	fi
}

expect_not_in() {	# LINE TEXT DESC
	if holds "$1" "$2"; then
		fail "$3"
		note "found: $2"
	else
		ok "$3"
	fi
}

# "CAME PEOPLE PCT" of unit U in the last body's coverage table.
cov() {	# U
	section_of coverage | sed 's/<tr/\n<tr/g' | grep -F "<a href=\"/okr/unit/$1\">" |
	    sed -n 's|.*<td class="num">\([0-9]*\) / \([0-9]*\)</td><td class="num">\([0-9]*\)%</td>.*|\1 \2 \3|p' |
	    head -1
}

# The coverage row U must show: CAME of PEOPLE, and the share rounded.
expect_cov() {	# U CAME PEOPLE DESC
	_want="$2 $3 $(( $3 > 0 ? ($2 * 200 + $3) / ($3 * 2) : 0 ))"
	_got=$(cov "$1")
	if [ "$_got" = "$_want" ]; then
		ok "$4"
	else
		fail "$4"
		note "want came/people/pct '$_want', got '$_got'"
	fi
}

# "Present N / T" of the last body's attendance.
present_count() {
	section_of attendance | sed -n 's|.*<span class="count">[^<0-9]*\([0-9]* / [0-9]*\)</span>.*|\1|p'
}

# Whether LOGIN is marked present on the last body (non-manager view).
is_present() {	# LOGIN
	_fl
	grep -F -q "<li class=\"present\"><a href=\"/okr/person/$1\">" "$TMP/f"
}

# The monthly board of the last body without its forms, one line.
board_text() {
	section_of grow-board | sed 's/<details class="grow-form">/\n&/g; s/<\/details>/&\n/g' |
	    grep -v '^<details class="grow-form">' | tr -d '\n'
}

# ======================================================================
# The monthly review in 研发部
# Our own objective with one KR (0 → 100, now at 10, no check-in yet).
MYO=$(make_objective zhangwei "$RD" "t0740 月度目标 $TAG")
require "zhangwei creates objective '$MYO' in 研发部" test -n "$MYO"
KT="t0740 12月31日前把月活从 0 提升到 100 $TAG"
MYK=$(make_kr zhangwei "$MYO" "$KT" 0 100 10)
require "and its KR ($MYK), at 10 of 0 → 100" test -n "$MYK"
# A KR of another unit (市场部), for the refusal below.
get admin "/unit/$MKT"
OTHERK=$(grep -o 'id="kr-[0-9]*"' "$TMP/body" | head -1 | sed 's/[^0-9]//g')
check "a KR of 市场部 found on its page ($OTHERK)" test -n "$OTHERK"

post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=monthly&due=$TODAY&objective=" \
    --data-urlencode "title=t0740 月度会议 $TAG"
expect_status 303 "zhangwei plans a monthly meeting in 研发部 today: 303"
MM=$(loc_meeting)
check "plan: 303 to /okr/meet/N (got $(location))" test -n "$MM"
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=monthly&due=$LATER" \
    --data-urlencode "title=t0740 下次月会 $TAG"
expect_status 303 "zhangwei plans a second monthly meeting on $LATER: 303"
ML=$(loc_meeting)
post zhangwei "/meet/$MM/open" "version=$(mversion zhangwei "$MM")"
expect_status 303 "zhangwei opens monthly meeting $MM: 303"

get lina "/meet/$MM"
expect_status 200
expect_body_contains "<span class=\"badge mtype-monthly\">$(msg en meeting.type.monthly)</span><h1>t0740 月度会议 $TAG</h1><span class=\"badge mstate-open\">" \
    "monthly $MM: type, title, open"
expect_body_contains "<section class=\"grow-board\" id=\"grow\"><h2>$(msg en grow)</h2>" "monthly $MM: the GROW board"
expect_body_contains "<h3><a href=\"/okr/objective/$MYO\">t0740 月度目标 $TAG</a></h3>" \
    "monthly $MM: lists our objective of 研发部"
expect_body_contains '打造稳如磐石的平台，让研发跑得更快</a></h3>' "monthly $MM: lists the demo's objective of 研发部"
expect_body_lacks '让星河云成为华东中型企业的首选协作平台' "monthly $MM: not the company's objectives"
expect_body_lacks '让平台稳定到没人想起它' "monthly $MM: not 平台组's (a unit below)"
G=$(grow_kr "$MYK")
expect_in "$G" "<h4>$KT</h4>" "monthly $MM: KR $MYK listed with its title"
expect_in "$G" "<p class=\"since\">$(msg en grow.since) <time datetime=\"$SINCE\">$SINCE</time>: 0 → <strong>10</strong> (+10) · <span class=\"score-wrap\"><span class=\"score band-red\">0.10</span>" \
    "monthly $MM: 'Since $SINCE: 0 → 10 (+10)' and score 0.10 (no check-in: then is the start)"
expect_not_in "$G" '<dl class="grow">' "monthly $MM: no GROW note yet"
NK=$(count_in_body '<section class="grow-kr" id="grow-')
check "monthly $MM: every KR listed ($NK) has its 'Since' line" \
    test "$NK" -ge 5 -a "$(count_in_body '<p class="since">')" = "$NK"
check "monthly $MM: every KR listed has its score" \
    test "$(tr -d '\n' < "$TMP/body" | grep -o ') · <span class="score-wrap"><span class="score band-[a-z]*">[0-9.]*</span>' | wc -l)" = "$NK"
get lina "/meet/$MM" -H "$ZH"
expect_in "$(grow_kr "$MYK")" "<p class=\"since\">$(msg zh-CN grow.since) <time datetime=\"$SINCE\">$(day_text zh-CN "$SINCE")</time>: 0 → <strong>10</strong> (+10)" \
    "monthly $MM (zh-CN): '$(msg zh-CN grow.since) $(day_text zh-CN "$SINCE"): 0 → 10 (+10)'"
expect_body_contains "<h2>$(msg zh-CN grow)</h2>" "monthly $MM (zh-CN): the board's heading"

# A check-in before the meeting (the board-free path, as the lead).
post zhangwei "/edit/checkin/$MYO" "kr=$MYK&value=40&confidence=0.6&back=/okr/objective/$MYO" \
    --data-urlencode "note=t0740 月会前"
expect_status 303 "zhangwei checks in 40 on KR $MYK: 303"
get wangfang "/meet/$MM"
G=$(grow_kr "$MYK")
expect_in "$G" "<time datetime=\"$SINCE\">$SINCE</time>: 0 → <strong>40</strong> (+40) · <span class=\"score-wrap\"><span class=\"score band-yellow\">0.40</span>" \
    "monthly $MM after the check-in: '0 → 40 (+40)', score 0.40"
get wangfang "/meet/$ML"
expect_in "$(grow_kr "$MYK")" "<time datetime=\"$LSINCE\">$LSINCE</time>: 40 → <strong>40</strong> (0) · " \
    "monthly $ML (dated $LATER): the check-in is before $LSINCE: '40 → 40 (0)'"

# ----------------------------------------------------------- GROW notes
HG='t0740 目标 <script>alert("g")</script> & <b>'"$TAG"
HR="t0740 现状 it's <i>40</i> $TAG"
HO="t0740 方案 a < b > c $TAG"
HW="t0740 行动 张伟 & 李娜 by Friday $TAG"
post zhangwei "/meet/$MM/grow" "kr=$MYK&back=/okr/meet/$MM" --data-urlencode "goal=$HG" \
    --data-urlencode "reality=$HR" --data-urlencode "options=$HO" --data-urlencode "will=$HW"
expect_status 303 "zhangwei records a GROW note (four parts, hostile text) on KR $MYK: 303"
check "grow: 303 back to /okr/meet/$MM (got $(location))" test "$(location)" = "/okr/meet/$MM"
get wangfang "/meet/$MM"
G=$(grow_kr "$MYK")
expect_in "$G" "<dl class=\"grow\"><dt>$(msg en grow.goal)</dt><dd>$(eg "$HG")</dd><dt>$(msg en grow.reality)</dt><dd>$(eg "$HR")</dd><dt>$(msg en grow.options)</dt><dd>$(eg "$HO")</dd><dt>$(msg en grow.will)</dt><dd>$(eg "$HW")</dd></dl>" \
    "monthly $MM: the note's four parts shown, escaped"
expect_in "$G" '<p class="muted"><a href="/okr/person/zhangwei">张伟</a></p>' "monthly $MM: the note's author, zhangwei"
expect_body_lacks '<script>alert(' "monthly $MM: no live <script> from the note"
expect_body_lacks "<b>$TAG" "monthly $MM: no live <b> from the note"
expect_body_lacks '<i>40</i>' "monthly $MM: no live <i> from the note"
for p in goal:HG reality:HR options:HO will:HW; do
	eval "v=\$${p#*:}"
	expect_in "$G" "name=\"${p%%:*}\" rows=\"2\">$(eg "$v")</textarea>" \
	    "monthly $MM: the form's '${p%%:*}' prefilled with the note"
done
expect_in "$G" "<input type=\"hidden\" name=\"kr\" value=\"$MYK\">" "monthly $MM: the form posts kr=$MYK"
get wangfang "/meet/$MM" -H "$ZH"
expect_in "$(grow_kr "$MYK")" "<dt>$(msg zh-CN grow.goal)</dt><dd>$(eg "$HG")</dd><dt>$(msg zh-CN grow.reality)</dt>" \
    "monthly $MM (zh-CN): the parts labelled in zh-CN"

# A second note, by another person: the latest counts.
S2G="t0740 第二次 目标 $TAG"
S2W="t0740 第二次 行动 $TAG"
post lina "/meet/$MM/grow" "kr=$MYK&back=/okr/meet/$MM&reality=&options=" \
    --data-urlencode "goal=$S2G" --data-urlencode "will=$S2W"
expect_status 303 "lina records a second note (goal and will only): 303"
get zhangwei "/meet/$MM"
G=$(grow_kr "$MYK")
expect_in "$G" "<dt>$(msg en grow.goal)</dt><dd>$S2G</dd>" "monthly $MM: the second note's goal shown"
expect_in "$G" "<dt>$(msg en grow.will)</dt><dd>$S2W</dd>" "monthly $MM: the second note's will shown"
expect_in "$G" '<p class="muted"><a href="/okr/person/lina">李娜</a></p>' "monthly $MM: the author is now lina"
expect_not_in "$G" "t0740 现状 it" "monthly $MM: the first note's reality no longer shown"
expect_not_in "$G" "t0740 方案" "monthly $MM: the first note's options no longer shown"
expect_body_lacks "t0740 目标 &lt;script" "monthly $MM: the first note's goal nowhere on the page"
check "monthly $MM: one note shown for KR $MYK" \
    test "$(printf '%s' "$G" | grep -o '<dl class="grow">' | wc -l)" -eq 1
expect_in "$G" "name=\"goal\" rows=\"2\">$S2G</textarea>" "monthly $MM: the form prefilled with the second note's goal"
expect_in "$G" "name=\"reality\" rows=\"2\"></textarea>" "monthly $MM: and its empty reality"

# Refusals, nothing written.
S_MM=$(page_state zhangwei "/meet/$MM")
for lang in en zh-CN; do
	post zhangwei "/meet/$MM/grow" "kr=$MYK&goal=&reality=&options=&will=&back=/okr/meet/$MM" \
	    -H "Accept-Language: $lang"
	REQ="$REQ (all four parts empty, $lang)"
	expect_error 400 err.grow "$lang"
done
post zhangwei "/meet/$MM/grow" "kr=$MYK&back=/okr/meet/$MM" --data-urlencode "goal=   "
REQ="$REQ (blank goal only)"
expect_status 400
post zhangwei "/meet/$MM/grow" "back=/okr/meet/$MM" --data-urlencode "goal=t0740 无 KR"
REQ="$REQ (no kr)"
expect_error 400 err.grow
post zhangwei "/meet/$MM/grow" "kr=99999999&back=/okr/meet/$MM" --data-urlencode "goal=t0740 未知 KR"
REQ="$REQ (unknown KR 99999999)"
expect_status 400
post zhangwei "/meet/$MM/grow" "kr=abc&back=/okr/meet/$MM" --data-urlencode "goal=t0740 坏 KR"
REQ="$REQ (kr=abc)"
expect_status 400
post zhangwei "/meet/$MM/grow" "kr=$OTHERK&back=/okr/meet/$MM" --data-urlencode "goal=t0740 别的单位 $TAG"
REQ="$REQ (KR $OTHERK of 市场部, not of this meeting)"
expect_status 400
get - "/meet/$MM/grow" -X POST --data "kr=$MYK&goal=t0740+anon"
expect_status 401 "POST /meet/$MM/grow without credentials: 401"
get zhangwei "/meet/$MM/grow" -X POST --data "kr=$MYK&goal=t0740+csrf"
REQ="POST /meet/$MM/grow as zhangwei (no token)"
expect_error 403 err.403.csrf
get zhangwei "/meet/$MM/grow"
expect_status 405 "GET /meet/$MM/grow: 405"
post zhangwei "/meet/99999999/grow" "kr=$MYK" --data-urlencode "goal=t0740 无会议"
expect_status 404 "grow on an unknown meeting: 404"
check "monthly $MM unchanged by the refused notes" test "$(page_state zhangwei "/meet/$MM")" = "$S_MM"

# Closing freezes the board with its note.
get wangfang "/meet/$MM"
board_text > "$TMP/grow.before"
G=$(grow_kr "$MYK")
post zhangwei "/meet/$MM/close" "version=$(mversion zhangwei "$MM")"
expect_status 303 "zhangwei closes monthly meeting $MM: 303"
for lang in en zh-CN; do
	post lina "/meet/$MM/grow" "kr=$MYK&back=/okr/meet/$MM" --data-urlencode "goal=t0740 会后 $TAG" \
	    -H "Accept-Language: $lang"
	REQ="$REQ (closed, $lang)"
	expect_error 409 err.meeting.closed "$lang"
done
# A check-in after the close: the frozen board keeps what it showed.
post zhangwei "/edit/checkin/$MYO" "kr=$MYK&value=55&confidence=0.7&back=/okr/objective/$MYO" \
    --data-urlencode "note=t0740 月会后"
expect_status 303 "a check-in of 55 after the close: 303"
get wangfang "/meet/$MM"
expect_status 200
expect_body_contains "<span class=\"badge mstate-closed\">$(msg en meeting.state.closed)</span>" "closed $MM: state Closed"
expect_body_contains "<p class=\"frozen\">$(msg en meeting.frozen)</p>" "closed $MM: the frozen note"
G2=$(grow_kr "$MYK")
expect_in "$G2" "<dt>$(msg en grow.goal)</dt><dd>$S2G</dd>" "closed $MM: the note still shown"
expect_in "$G2" '<a href="/okr/person/lina">李娜</a>' "closed $MM: with its author"
expect_in "$G2" ": 0 → <strong>40</strong> (+40) · " "closed $MM: still '0 → 40 (+40)', not the later 55"
expect_not_in "$G2" '<form' "closed $MM: no GROW form"
expect_body_lacks "action=\"/okr/meet/$MM/" "closed $MM: no form posting to the meeting"
board_text > "$TMP/grow.after"
check "closed $MM: the board shows what it showed before closing" cmp -s "$TMP/grow.before" "$TMP/grow.after"
get wangfang "/meet/$ML"
expect_in "$(grow_kr "$MYK")" "<time datetime=\"$LSINCE\">$LSINCE</time>: 55 → <strong>55</strong> (0) · " \
    "live monthly $ML: the later check-in (before $LSINCE too), '55 → 55 (0)'"

# ======================================================================
# The all-hands awareness meeting at the company unit
# Who already came to an awareness meeting of the company this cycle (in
# a stack other scripts share): they are counted already.
get admin "/meet/unit/$CO"
OLD_AW=$(tr -d '\n' < "$TMP/body" | sed 's/<tr/\n<tr/g' | grep 'mtype-awareness' |
    grep -o 'href="/okr/meet/[0-9]*"' | sed 's/[^0-9]//g')
CAME_ZW=0 CAME_LINA=0 CAME_WF=0 CAME_SARAH=0
for m in $OLD_AW; do
	get sarahmiller "/meet/$m"
	is_present zhangwei && CAME_ZW=1
	is_present lina && CAME_LINA=1
	is_present wangfang && CAME_WF=1
	is_present sarahmiller && CAME_SARAH=1
done

# Planning and opening: leads of the company and admins only.
for who in wangfang zhangwei; do
	post $who /meet/new "unit=$CO&cycle=$CUR&kind=awareness&due=$TODAY" \
	    --data-urlencode "title=t0740 认知会 $who $TAG"
	REQ="$REQ (awareness at the company)"
	expect_error 403 err.403.meeting
done
post admin /meet/new "unit=$CO&cycle=$CUR&kind=awareness&due=$TODAY" --data-urlencode "title=t0740 全员认知会 $TAG"
expect_status 303 "admin plans an awareness meeting at the company: 303"
AW=$(loc_meeting)
check "plan: 303 to /okr/meet/N (got $(location))" test -n "$AW"

# Planned: no acknowledging yet.
get zhangwei "/meet/$AW"
expect_body_contains "<span class=\"badge mtype-awareness\">$(msg en meeting.type.awareness)</span><h1>t0740 全员认知会 $TAG</h1><span class=\"badge mstate-planned\">" \
    "awareness $AW: type, title, planned"
expect_body_lacks "action=\"/okr/meet/$AW/ack\"" "planned $AW: no acknowledge button"
V0=$(header ETag)
for lang in en zh-CN; do
	post zhangwei "/meet/$AW/ack" "" -H "Accept-Language: $lang"
	REQ="$REQ (planned, $lang)"
	expect_error 409 err.meeting.planned "$lang"
done
get zhangwei "/meet/$AW"
expect_header ETag "$V0" "planned $AW: unchanged by the refused acknowledgements"
check "planned $AW: zhangwei not present" test "$(present_count | cut -d' ' -f1)" = 0
post wangfang "/meet/$AW/open" "version=$(mversion admin "$AW")"
REQ="$REQ (a member)"
expect_error 403 err.403.meeting
post lina "/meet/$AW/open" "version=$(mversion admin "$AW")"
REQ="$REQ (lina leads 平台组, not the company)"
expect_error 403 err.403.meeting
post admin "/meet/$AW/open" "version=$(mversion admin "$AW")"
expect_status 303 "admin opens awareness meeting $AW: 303"

# Open: the standard, the button, the check, the coverage.
for lang in en zh-CN; do
	get wangfang "/meet/$AW" -H "Accept-Language: $lang"
	expect_status 200
	expect_body_contains "<section class=\"awareness\" id=\"standard\"><h2>$(msg $lang aw.standard)</h2>" \
	    "open $AW ($lang): the OKR standard"
	for k in aw.o aw.kr aw.score aw.transparency aw.not-rating; do
		expect_body_contains "<li>$(msg $lang $k)</li>" "open $AW ($lang): the standard says $k"
	done
	expect_body_contains "<h2>$(msg $lang aw.coverage)</h2>" "open $AW ($lang): the coverage table"
	expect_body_contains ">$(msg $lang aw.ack)</button>" "open $AW ($lang): wangfang gets the acknowledge button"
	expect_body_lacks "$(msg $lang aw.acked)" "open $AW ($lang): wangfang has not acknowledged"
done
expect_body_contains '<section class="company-okrs">' "open $AW: the company's objectives"
check "open $AW: the acknowledge form posts to /okr/meet/$AW/ack" test -n "$(form_of "/okr/meet/$AW/ack")"
get admin "/meet/$AW"
RD0=$(cov "$RD"); PLAT0=$(cov "$PLAT"); INTL0=$(cov "$INTL"); CO0=$(cov "$CO")
check "open $AW: coverage rows for 研发部 ($RD0), 平台组 ($PLAT0), International Sales ($INTL0), the company ($CO0)" \
    test -n "$RD0" -a -n "$PLAT0" -a -n "$INTL0" -a -n "$CO0"
set -- $RD0; RDC=$1 RDP=$2
set -- $PLAT0; PLC=$1 PLP=$2
set -- $INTL0; INC=$1 INP=$2
check "open $AW: 平台组 has people (lina, wangfang, liuyang: $PLP)" test "${PLP:-0}" -ge 3
get wangfang "/meet/$AW"
ATT0=$(present_count)
N0=${ATT0%% *} T0=${ATT0##* }
check "open $AW: attendance 'Present $ATT0' of the whole company" test "${T0:-0}" -ge 21

post zhangwei "/meet/$AW/ack" ""
expect_status 303 "zhangwei acknowledges: 303"
check "ack: 303 back to /okr/meet/$AW (got $(location))" test "$(location)" = "/okr/meet/$AW"
post lina "/meet/$AW/ack" ""
expect_status 303 "lina acknowledges: 303"
get admin "/meet/$AW"
# 研发部 counts its team 平台组 too.
RDC1=$((RDC + 1 - CAME_ZW + 1 - CAME_LINA)) PLC1=$((PLC + 1 - CAME_LINA))
expect_cov "$RD" "$RDC1" "$RDP" "coverage: 研发部 came $RDC → $RDC1 of $RDP (zhangwei, and lina of 平台组)"
expect_cov "$PLAT" "$PLC1" "$PLP" "coverage: 平台组 came $PLC → $PLC1 of $PLP (lina)"
expect_cov "$INTL" "$INC" "$INP" "coverage: International Sales unchanged ($INC of $INP)"
V1=$(header ETag)
get wangfang "/meet/$AW"
check "attendance: present $N0 → $((N0 + 2)) / $T0" test "$(present_count)" = "$((N0 + 2)) / $T0"
check "attendance: zhangwei marked present" is_present zhangwei
check "attendance: lina marked present" is_present lina

# Twice: no double count.
post zhangwei "/meet/$AW/ack" ""
expect_status 303 "zhangwei acknowledges again: 303"
get admin "/meet/$AW"
expect_header ETag "$V1" "ack twice: the meeting unchanged ($V1)"
expect_cov "$RD" "$RDC1" "$RDP" "ack twice: 研发部 still came $RDC1 of $RDP"
get wangfang "/meet/$AW"
check "ack twice: attendance still $((N0 + 2)) / $T0" test "$(present_count)" = "$((N0 + 2)) / $T0"
check "ack twice: zhangwei listed once in the attendance" \
    test "$(section_of attendance | grep -o 'href="/okr/person/zhangwei"' | wc -l)" -eq 1

# The acknowledged see it said, and no button.
for wl in zhangwei:en zhangwei:zh-CN lina:en; do
	who=${wl%%:*} lang=${wl#*:}
	get $who "/meet/$AW" -H "Accept-Language: $lang"
	expect_body_contains "<p class=\"acked\">$(msg $lang aw.acked)</p>" "open $AW ($lang): $who sees '$(msg $lang aw.acked)'"
	expect_body_lacks "action=\"/okr/meet/$AW/ack\"" "open $AW ($lang): no acknowledge button for $who"
done

# A member may acknowledge.
post wangfang "/meet/$AW/ack" ""
expect_status 303 "wangfang (a member) acknowledges: 303"
PLC2=$((PLC1 + 1 - CAME_WF)) RDC2=$((RDC1 + 1 - CAME_WF))
get wangfang "/meet/$AW"
expect_body_contains "<p class=\"acked\">$(msg en aw.acked)</p>" "wangfang now sees '$(msg en aw.acked)'"
expect_body_lacks "action=\"/okr/meet/$AW/ack\"" "and no acknowledge button"
expect_cov "$PLAT" "$PLC2" "$PLP" "coverage: 平台组 came $PLC2 of $PLP (lina, wangfang)"
check "attendance: present $((N0 + 3)) / $T0" test "$(present_count)" = "$((N0 + 3)) / $T0"
get - "/meet/$AW/ack" -X POST
expect_status 401 "POST /meet/$AW/ack without credentials: 401"
get sarahmiller "/meet/$AW/ack" -X POST --data ""
REQ="POST /meet/$AW/ack as sarahmiller (no token)"
expect_error 403 err.403.csrf
post sarahmiller "/meet/99999999/ack" ""
expect_error 404 err.meeting
get sarahmiller "/meet/$AW/ack"
expect_status 405 "GET /meet/$AW/ack: 405"
get sarahmiller "/meet/$AW"
check "sarahmiller (refused above) not present" eval '! is_present sarahmiller'

# The live KR check.
kr_check() {	# TEXT LANG NUMBER DATE
	_e=$(_uenc "$1" | sed 's/%20/+/g')
	get sarahmiller "/meet/$AW?text=$_e" -H "Accept-Language: $2"
	expect_status 200 "GET /meet/$AW?text=$1 ($2): 200"
	_s=$(section_of kr-check)
	expect_in "$_s" "<p class=\"check-text\">“$(eg "$1")”</p>" "check '$1' ($2): the text echoed"
	# A value holding '"' is written in single quotes.
	case $1 in
	*'"'*) _v="value='$(eg "$1")'" ;;
	*) _v="value=\"$(eg "$1")\"" ;;
	esac
	expect_in "$_s" "name=\"text\" maxlength=\"200\" $_v>" "check '$1' ($2): kept in the field"
	expect_in "$_s" "<ul class=\"check-result\"><li class=\"check-$3\">$(msg "$2" "aw.check.number.$3")</li><li class=\"check-$4\">$(msg "$2" "aw.check.date.$4")</li></ul>" \
	    "check '$1' ($2): number $3, date $4"
}
for lang in en zh-CN; do
	kr_check "make Gmail a success" $lang 0 0
	kr_check "launch Gmail in September and reach 1 million users" $lang 1 1
done
kr_check "9月30日前把用户数提升到 100 万" zh-CN 1 1
kr_check "reach 1 million users" en 1 0
kr_check "<b>\"ship\"</b> by Q4" en 1 1
expect_body_lacks '<b>"ship"</b>' "check: the text is not live markup"
get sarahmiller "/meet/$AW"
expect_body_lacks '<ul class="check-result">' "no ?text: no check result"
expect_body_contains '<form method="get" action="/okr/meet/'"$AW"'#kr-check">' "the check form (GET)"

# A grow note is for monthly meetings only.
post zhangwei "/meet/$AW/grow" "kr=$MYK" --data-urlencode "goal=t0740 认知会 $TAG"
REQ="$REQ (an awareness meeting)"
expect_status 400

# Closing freezes the coverage and the attendance.
get admin "/meet/$AW"
section_of coverage > "$TMP/cov.before"
get wangfang "/meet/$AW"
section_of attendance > "$TMP/att.before"
post wangfang "/meet/$AW/close" "version=$(mversion admin "$AW")"
REQ="$REQ (a member)"
expect_error 403 err.403.meeting
post admin "/meet/$AW/close" "version=$(mversion admin "$AW")"
expect_status 303 "admin closes awareness meeting $AW: 303"
# lina had acknowledged, sarahmiller had not.
for wl in lina:en sarahmiller:zh-CN sarahmiller:en; do
	who=${wl%%:*} lang=${wl#*:}
	post $who "/meet/$AW/ack" "" -H "Accept-Language: $lang"
	REQ="$REQ (closed, $lang)"
	expect_error 409 err.meeting.closed "$lang"
done
get admin "/meet/$AW"
expect_body_contains "<p class=\"frozen\">$(msg en meeting.frozen)</p>" "closed $AW: the frozen note"
section_of coverage > "$TMP/cov.after"
check "closed $AW: the coverage as it stood at the close" cmp -s "$TMP/cov.before" "$TMP/cov.after"
expect_cov "$PLAT" "$PLC2" "$PLP" "closed $AW: 平台组 came $PLC2 of $PLP"
get wangfang "/meet/$AW"
section_of attendance > "$TMP/att.after"
check "closed $AW: the attendance as it stood at the close" cmp -s "$TMP/att.before" "$TMP/att.after"
check "closed $AW: present $((N0 + 3)) / $T0" test "$(present_count)" = "$((N0 + 3)) / $T0"
expect_body_lacks "action=\"/okr/meet/$AW/ack\"" "closed $AW: no acknowledge button"
for k in aw.o aw.not-rating; do
	expect_body_contains "<li>$(msg en $k)</li>" "closed $AW: the standard still shown ($k)"
done
get sarahmiller "/meet/$AW"
check "closed $AW: sarahmiller (refused) not present" eval '! is_present sarahmiller'
expect_body_lacks "action=\"/okr/meet/$AW/ack\"" "closed $AW: no acknowledge button for sarahmiller"
expect_body_lacks "$(msg en aw.acked)" "closed $AW: sarahmiller did not acknowledge"

# A second awareness meeting in the cycle: coverage counts the cycle.
post admin /meet/new "unit=$CO&cycle=$CUR&kind=awareness&due=$TODAY" --data-urlencode "title=t0740 补课 $TAG"
expect_status 303 "admin plans a second awareness meeting: 303"
AW2=$(loc_meeting)
post admin "/meet/$AW2/open" "version=$(mversion admin "$AW2")"
expect_status 303 "admin opens $AW2: 303"
post sarahmiller "/meet/$AW2/ack" ""
expect_status 303 "sarahmiller acknowledges in $AW2: 303"
get admin "/meet/$AW2"
expect_cov "$INTL" "$((INC + 1 - CAME_SARAH))" "$INP" "$AW2: International Sales came $((INC + 1 - CAME_SARAH)) of $INP (sarahmiller)"
expect_cov "$RD" "$RDC2" "$RDP" "$AW2: 研发部 still counts zhangwei, lina and wangfang, who came to $AW"
expect_cov "$PLAT" "$PLC2" "$PLP" "$AW2: 平台组 still counts lina and wangfang"
get zhangwei "/meet/$AW2"
expect_body_contains ">$(msg en aw.ack)</button>" "$AW2: zhangwei may acknowledge again in this meeting"
get admin "/meet/$AW"
expect_cov "$INTL" "$INC" "$INP" "closed $AW: International Sales still $INC of $INP (frozen)"
