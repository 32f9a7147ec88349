#!/bin/sh
# The company consensus meeting (okr-meet, type consensus), through nginx,
# in a cycle of its own (the current cycle's dates, state planning):
# the leader (陈明) drafts company objectives (state draft); department
# heads (张伟, 杨静) propose KRs under them (state proposed), members may
# not; in the open meeting each objective and KR is agreed, revised with
# the new text or rejected, with a note and who signed off (people
# present); the meeting cannot close while an item is open or an
# objective kept has fewer than two agreed KRs; closing makes the kept
# objectives agreed (rejected ones archived, their KRs rejected), after
# which an agreed objective and its KRs' terms change only at the
# quarterly review, where a KR may also be dropped with a reason.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
CO=$(unit_id '星河科技 Xinghe Tech')
require "the company's unit id ($CO) found on the tree" test -n "$CO"
TODAY=$(date -u +%F)

CYC=t0750-$$
CROW=$(cycle_row "$CUR")
CSTART=$(echo "$CROW" | cut -d' ' -f3)
CEND=$(echo "$CROW" | cut -d' ' -f4)
post admin /edit/admin/cycle/new "name=$CYC&start=$CSTART&end=$CEND&state=planning"
expect_status 303 "admin adds cycle $CYC ($CSTART – $CEND, planning): 303"
at_exit 'cycle_state closed > /dev/null'

# Creates a draft company objective in $CYC as USER; prints its id.
draft() {	# USER TITLE
	curl -s --max-time 10 -o /dev/null -u "$1:$1" "$MUBIAO_URL/edit/objective/new" \
	    --data "token=$(token "$1")&cycle=$CYC&unit=$CO&state=draft" --data-urlencode "title=$2"
	curl -s --max-time 10 -u "$1:$1" "$MUBIAO_URL/unit/$CO?cycle=$CYC" | tr -d '\n' |
	    grep -o "href=\"/okr/objective/[0-9]*\">$2<" | head -1 |
	    sed 's|.*/objective/\([0-9]*\)".*|\1|'
}

# The <article> of objective O in the consensus section, one line.
co_article() {	# O
	section_of consensus | sed 's/<article /\n<article /g; s/<\/article>/&\n/g' |
	    grep "^<article id=\"co-$1\""
}

# The <li> of KR K in the consensus section, one line.
ck_li() {	# K
	section_of consensus | sed 's/<li id="ck-/\n&/g; s/<\/li>/&\n/g' | grep "^<li id=\"ck-$1\""
}

# The decision badge an item shows: agree, revise, reject, open-item.
decision_of() {	# LINE
	printf '%s' "$1" | grep -o 'class="badge decision decision-[a-z-]*"' | head -1 |
	    sed 's/.*decision-//; s/"$//'
}

verdict() {	# USER M DATA [curl args]
	_vu=$1 _vm=$2 _vd=$3
	shift 3
	post "$_vu" "/meet/$_vm/verdict" "back=/okr/meet/$_vm&$_vd" "$@"
}

# ---------------------------------------------------- drafts, proposals
O1T="t0750 成为华东中型企业首选的云服务 $TAG"
O2T="t0750 让平台稳定可靠 $TAG"
O3T="t0750 进军北美市场 $TAG"
O1=$(draft chenming "$O1T")
O2=$(draft chenming "$O2T")
O3=$(draft chenming "$O3T")
require "陈明 drafts three company objectives in $CYC ($O1 $O2 $O3)" test -n "$O1" -a -n "$O2" -a -n "$O3"
get chenming "/objective/$O1"
expect_body_contains "<span class=\"badge ostate-draft\">$(msg en ostate.draft)</span>" "objective $O1: Draft"
expect_body_lacks "$(msg en action.propose-kr)" "陈明, who may edit the draft, adds KRs and is offered no proposal"
get chenming "/edit/objective/$O1"
check "the draft's edit form offers draft/active" \
    test -n "$(flat | grep -o '<select[^>]*name="state"[^>]*>.*</select>' | grep 'value="draft"' | grep 'value="active"' | grep -v 'value="agreed"')"
post chenming "/edit/objective/new" "cycle=$CYC&unit=$CO&state=agreed&title=t0750-x"
expect_status 400 "a new objective cannot be created agreed: 400"

get zhangwei "/objective/$O1"
expect_body_contains "href=\"/okr/edit/kr/new?objective=$O1\">$(msg en action.propose-kr)</a>" \
    "张伟 (head of 研发部) sees 'Propose a key result' on the draft"
get wangfang "/objective/$O1"
expect_body_lacks "/okr/edit/kr/new?objective=$O1" "王芳 (member) sees no proposal link"
get zhangwei "/edit/kr/new?objective=$O1"
expect_status 200 "张伟 opens the proposal form"
check "the proposal's owner defaults to the proposer" \
    test -n "$(flat | grep -o '<select[^>]*name="owner".*</select>' | grep -o '<option value="zhangwei" selected')"

K1T="t0750 12月31日前华东付费客户从 0 增至 120 家 $TAG"
K2T="t0750 12月31日前续约率达到 85% $TAG"
K3T="t0750 提升品牌知名度 $TAG"
K4T="t0750 12月31日前核心服务可用性达到 99.95% $TAG"
K5T="t0750 12月31日前 P1 故障从 6 次降到 1 次 $TAG"
K6T="t0750 12月31日前签下 3 家北美客户 $TAG"
K1=$(kr_new zhangwei "$O1" "$K1T" zhangwei 0 120 0)
K2=$(kr_new yangjing "$O1" "$K2T" yangjing 70 85 70)
K3=$(kr_new yangjing "$O1" "$K3T" yangjing 0 1 0)
K4=$(kr_new zhangwei "$O2" "$K4T" zhangwei 99.9 99.95 99.9)
K5=$(kr_new zhangwei "$O2" "$K5T" zhangwei 6 1 6)
K6=$(kr_new guofeng "$O3" "$K6T" guofeng 0 3 0)
check "department heads propose six KRs ($K1 $K2 $K3 $K4 $K5 $K6)" \
    test -n "$K1" -a -n "$K2" -a -n "$K3" -a -n "$K4" -a -n "$K5" -a -n "$K6"
get chenming "/objective/$O1"
check "KR $K1 shows Proposed" test -n "$(kr_row "$K1" | grep -F "<span class=\"badge krstate-proposed\">$(msg en krstate.proposed)</span>")"
check "KR $K1 is owned by its proposer 张伟" test -n "$(kr_row "$K1" | grep "href=\"/okr/person/zhangwei?cycle=$CYC\"")"
S_O1=$(page_state chenming "/objective/$O1")
post wangfang /edit/kr/new "objective=$O1&kind=numeric&direction=increase&start=0&target=1&weight=1" --data-urlencode "title=t0750 成员 $TAG"
expect_status 403 "王芳 (member) may not propose a KR: 403"
get admin /
DEMO_O=$(flat | grep -o '<article class="objective level-company" id="o-[0-9]*"' | head -1 | sed 's/.*o-//; s/"//')
post zhangwei /edit/kr/new "objective=$DEMO_O&kind=numeric&direction=increase&start=0&target=1&weight=1" --data-urlencode "title=t0750 $TAG"
expect_status 403 "张伟 may not add a KR to the active company objective $DEMO_O: 403"
check "objective $O1 unchanged by the refused proposals" test "$(page_state chenming "/objective/$O1")" = "$S_O1"

# ------------------------------------------------------------ the meeting
post chenming /meet/new "unit=$CO&cycle=$CYC&kind=consensus&due=$TODAY&back=/okr/meet/unit/$CO" \
    --data-urlencode "title=t0750 公司级OKR共识会 $TAG"
expect_status 303 "陈明 plans a consensus meeting of the company in $CYC: 303"
M=$(loc_meeting)
check "plan: 303 to /okr/meet/N ($M)" test -n "$M"
verdict chenming "$M" "objective=$O1&state=agree" --data-urlencode "login=chenming"
REQ="$REQ (planned: start the meeting first)"
expect_error 409 err.meeting.planned
V=$(mversion chenming "$M")
post chenming "/meet/$M/open" "version=$V&back=/okr/meet/$M"
expect_status 303 "陈明 opens meeting $M: 303"

get chenming "/meet/$M"
expect_body_contains "<h2>$(msg en consensus)</h2>" "meeting $M: the consensus section"
expect_body_contains "$(msg en consensus.rule)" "meeting $M: the rule is stated"
for o in $O1 $O2 $O3; do
	check "meeting $M lists draft objective $o, open" test "$(decision_of "$(co_article "$o")")" = open-item
done
check "meeting $M: no other objective (the demo's are not drafts)" \
    test "$(section_of consensus | grep -o '<article id="co-' | wc -l)" -eq 3
for k in $K1 $K2 $K3 $K4 $K5 $K6; do
	check "meeting $M lists proposed KR $k, open" test "$(decision_of "$(ck_li "$k")")" = open-item
done
check "meeting $M: 9 items open" test -n "$(section_of consensus | grep -o '<strong class="open-count">9</strong>')"
expect_body_contains "$(msg en consensus.attendance-first)" "meeting $M: asks for attendance first"
get chenming "/meet/$M" -H 'Accept-Language: zh-CN'
expect_body_contains "<h2>$(msg zh-CN consensus)</h2>" "meeting $M (zh-CN): the section in Chinese"
expect_body_contains "$(msg zh-CN consensus.agree)" "meeting $M (zh-CN): '$(msg zh-CN consensus.agree)'"

# Nobody present yet: nobody can sign off.
verdict chenming "$M" "objective=$O1&state=agree" --data-urlencode "login=chenming"
expect_error 400 err.verdict.signed
V=$(mversion chenming "$M")
post chenming "/meet/$M/attendance" "version=$V&login=chenming&login=zhangwei&login=yangjing&back=/okr/meet/$M"
expect_status 303 "attendance: 陈明, 张伟, 杨静: 303"
get chenming "/meet/$M"
F=$(form_of "/okr/meet/$M/verdict")
check "a decision form: agree/revise/reject, new text, note" \
    test -n "$(printf '%s' "$F" | grep 'value="agree"' | grep 'value="revise"' | grep 'value="reject"' | grep 'name="title"' | grep 'name="note"')"
check "its signers are the people present" \
    test "$(printf '%s' "$F" | grep -o 'name="login" value="[a-z]*"' | sed 's/.*value="//; s/"//' | sort | tr '\n' ' ')" = "chenming yangjing zhangwei "
get wangfang "/meet/$M"
check "王芳 (member) gets no decision form" test -z "$(form_of "/okr/meet/$M/verdict")"

# Refusals, each changing nothing.
S_M=$(page_state chenming "/meet/$M")
verdict wangfang "$M" "objective=$O1&state=agree&login=chenming"
expect_error 403 err.403.meeting
verdict chenming "$M" "kr=$K2&state=revise&note=x&login=chenming"
expect_error 400 err.verdict.text
verdict chenming "$M" "kr=$K3&state=reject&login=chenming"
expect_error 400 err.verdict.note
verdict chenming "$M" "kr=$K3&state=reject&login=chenming" -H 'Accept-Language: zh-CN'
expect_error 400 err.verdict.note zh-CN
verdict chenming "$M" "objective=$O1&state=agree&login=lina"
REQ="$REQ (李娜 was not present)"
expect_error 400 err.verdict.signed
verdict chenming "$M" "objective=$DEMO_O&state=agree&login=chenming"
REQ="$REQ (an active objective)"
expect_error 400 err.verdict.item
verdict chenming "$M" "objective=$O1&kr=$K1&state=agree&login=chenming"
expect_error 400 err.verdict.item
verdict chenming "$M" "objective=$O1&state=maybe&login=chenming"
expect_status 400 "$REQ (state=maybe): 400"
V=$(mversion chenming "$M")
post chenming "/meet/$M/close" "version=$V&back=/okr/meet/$M"
REQ="$REQ (9 items open)"
expect_error 409 err.consensus.open
post chenming "/meet/$M/close" "version=$V&back=/okr/meet/$M" -H 'Accept-Language: zh-CN'
expect_error 409 err.consensus.open zh-CN
check "meeting $M unchanged by the refusals" test "$(page_state chenming "/meet/$M")" = "$S_M"

# The decisions.
K2NEW="t0750 12月31日前续约率从 70% 提升到 88% $TAG"
O2NEW="t0750 让平台稳如磐石 <b>可靠</b> & 快 $TAG"
verdict chenming "$M" "objective=$O1&state=agree&login=chenming&login=zhangwei&login=yangjing"
expect_status 303 "O1 agreed by all three: 303"
check "303 back to the meeting" test "$(location)" = "/okr/meet/$M"
verdict chenming "$M" "kr=$K1&state=agree&login=chenming&login=zhangwei"
verdict chenming "$M" "kr=$K2&state=revise&login=chenming&login=yangjing" \
    --data-urlencode "title=$K2NEW" --data-urlencode "note=t0750 目标再高一点 $TAG"
expect_status 303 "KR $K2 revised with the new text: 303"
verdict chenming "$M" "kr=$K3&state=reject&login=yangjing" --data-urlencode "note=t0750 没有数字 $TAG"
expect_status 303 "KR $K3 rejected with a note: 303"
verdict chenming "$M" "objective=$O2&state=revise&login=chenming" \
    --data-urlencode "title=$O2NEW" --data-urlencode "note=t0750 更有力 $TAG"
verdict chenming "$M" "kr=$K4&state=agree&login=zhangwei"
verdict chenming "$M" "kr=$K5&state=reject&login=zhangwei" --data-urlencode "note=t0750 先否决 $TAG"
verdict chenming "$M" "objective=$O3&state=reject&login=chenming" --data-urlencode "note=t0750 时机未到 $TAG"
expect_status 303 "O3 rejected (its KR goes with it): 303"
get chenming "/meet/$M"
check "O1: agreed" test "$(decision_of "$(co_article "$O1")")" = agree
check "KR $K2: revised, its title now the new text" \
    test "$(decision_of "$(ck_li "$K2")")" = revise -a -n "$(ck_li "$K2" | grep -F "<span class=\"kr-title\">$K2NEW</span>")"
check "KR $K3: rejected" test "$(decision_of "$(ck_li "$K3")")" = reject
check "O2: revised, now titled with the new text, escaped" \
    test -n "$(co_article "$O2" | grep -F "t0750 让平台稳如磐石 &lt;b&gt;可靠&lt;/b&gt; &amp; 快 $TAG</a>")"
expect_body_lacks "<b>可靠</b>" "meeting $M: no live markup from a revision"
check "KR $K6 goes with its rejected objective O3" test "$(decision_of "$(ck_li "$K6")")" = reject
check "O2 lacks two agreed KRs (K5 rejected)" test -n "$(co_article "$O2" | grep 'class="consensus-o lacking"')"
check "meeting $M: nothing open, one objective lacking" \
    test -n "$(section_of consensus | grep -o '<strong class="open-count">0</strong>.*<strong class="lacking-count">1</strong>')"
V=$(mversion chenming "$M")
post chenming "/meet/$M/close" "version=$V&back=/okr/meet/$M"
REQ="$REQ (O2 has one agreed KR)"
expect_error 409 err.consensus.open
# The room changes its mind: the latest decision counts.
verdict chenming "$M" "kr=$K5&state=agree&login=zhangwei&login=chenming"
get chenming "/meet/$M"
check "KR $K5: now agreed (the latest decision counts)" test "$(decision_of "$(ck_li "$K5")")" = agree
expect_body_contains "$(msg en consensus.ready)" "meeting $M: ready to close"
check "the log keeps both decisions on KR $K5" \
    test "$(section_of consensus | grep -o '<ol class="verdicts">.*</ol>' | grep -o "<li class=\"verdict decision-[a-z]*\">" | wc -l)" -eq 9
expect_flat "<span class=\"reason\">t0750 时机未到 $TAG</span>" "the log shows O3's note"
expect_flat "$(msg en consensus.signed-by) 陈明, 张伟, 杨静</span>" "the log names who signed off O1"
get chenming "/objective/$O1"
expect_flat "$K2NEW" "objective $O1 shows KR $K2's revised title"
expect_flat "t0750 目标再高一点 $TAG" "objective $O1's history keeps the revision's reason"

V=$(mversion chenming "$M")
post chenming "/meet/$M/close" "version=$V&back=/okr/meet/$M"
expect_status 303 "close meeting $M: 303"

# ------------------------------------------------------------ after
get wangfang "/meet/$M"
expect_body_contains "<p class=\"frozen\">$(msg en meeting.frozen)</p>" "meeting $M: frozen"
check "frozen: O1 agreed" test "$(decision_of "$(co_article "$O1")")" = agree
check "frozen: KR $K3 rejected" test "$(decision_of "$(ck_li "$K3")")" = reject
check "frozen: no decision form" test -z "$(form_of "/okr/meet/$M/verdict")"
verdict chenming "$M" "objective=$O1&state=reject&note=x&login=chenming"
expect_error 409 err.meeting.closed

get wangfang "/objective/$O1"
expect_body_contains "<span class=\"badge ostate-agreed\">$(msg en ostate.agreed)</span>" "objective $O1: Agreed"
expect_body_contains "$(msg en o.agreed-note)" "objective $O1: says it changes only at the quarterly review"
check "KR $K1: Agreed" test -n "$(kr_row "$K1" | grep -F "badge krstate-agreed")"
check "KR $K3: Rejected" test -n "$(kr_row "$K3" | grep -F 'badge krstate-rejected')"
expect_flat "$(msg en field.consensus)" "objective $O1's history names the consensus meeting"
get wangfang "/objective/$O2"
expect_body_contains "<span class=\"badge ostate-agreed\">" "objective $O2: Agreed"
get wangfang "/objective/$O3"
expect_body_contains "<span class=\"badge ostate-archived\">" "objective $O3 (rejected): Archived"
check "KR $K6: Rejected" test -n "$(kr_row "$K6" | grep -F "badge krstate-rejected")"

# Agreed: the objective's text and the KRs' terms are fixed.
get chenming "/objective/$O1"
expect_body_lacks "/okr/edit/objective/$O1/archive" "no archive button on the agreed objective"
expect_body_lacks "/okr/edit/kr/new?objective=$O1" "no 'add KR' on the agreed objective"
S_O1=$(page_state chenming "/objective/$O1")
get chenming "/edit/objective/$O1"
OV=$(input_value version)
expect_flat "$(msg en o.agreed-note)" "the agreed objective's edit form says why"
check "its title is read-only" test -n "$(flat | grep -o '<input type="text" id="[^"]*" name="title" readonly ')"
get chenming "/edit/kr/$K1"
check "an agreed KR's form: title read-only" test -n "$(flat | grep -o '<input type="text" id="[^"]*" name="title" readonly ')"
check "an agreed KR's form: the current value stays editable" test -z "$(flat | grep -o '<input [^>]*name="current" readonly')"
check "an agreed KR's form: the kind offers only what it holds" \
    test "$(flat | grep -o '<select[^>]*name="kind".*</select>' | sed 's|</select>.*||' | grep -o '<option' | wc -l)" -eq 1
post chenming "/edit/objective/$O1" "version=$OV&back=/okr/objective/$O1" --data-urlencode "title=t0750 改了 $TAG"
expect_error 409 err.agreed.objective
post chenming "/edit/objective/$O1/archive" "confirm=1&version=$OV&back=/okr/objective/$O1"
expect_error 409 err.agreed.objective
post admin "/edit/objective/$O1" "version=$OV&back=/okr/objective/$O1" --data-urlencode "title=t0750 改了 $TAG" -H 'Accept-Language: zh-CN'
REQ="$REQ (admin)"
expect_error 409 err.agreed.objective zh-CN
post chenming /edit/kr/new "objective=$O1&kind=numeric&direction=increase&start=0&target=9&weight=1" --data-urlencode "title=t0750 新增 $TAG"
expect_error 409 err.agreed.kr
get chenming "/edit/kr/$K1"
KV=$(input_value version)
post chenming "/edit/kr/$K1" "version=$KV&kind=numeric&direction=increase&start=0&target=200&current=0&weight=1&owner=zhangwei&back=/okr/objective/$O1" \
    --data-urlencode "title=$K1T"
expect_error 409 err.agreed.kr
check "objective $O1 unchanged by the refused edits" test "$(page_state chenming "/objective/$O1")" = "$S_O1"
post zhangwei "/edit/checkin/$O1" "kr=$K1&value=30&confidence=0.6&note=&back=/okr/objective/$O1"
expect_status 303 "check-ins go on: 张伟 checks in 30 on agreed KR $K1: 303"
get chenming "/objective/$O1"
check "KR $K1 now at 30" test -n "$(kr_row "$K1" | grep -F '<strong class="current">30</strong>')"
post yangjing "/edit/checkin/$O1" "kr=$K3&value=1&confidence=0.6&note=&back=/okr/objective/$O1"
expect_status 400 "no check-in on the rejected KR $K3: 400"

# The quarterly review: KRs may change with a reason, one may be dropped.
check "cycle $CYC under review" test "$(cycle_state review)" = 303
get chenming "/edit/kr/$K2"
expect_flat "$(msg en krstate.drop)" "the review's KR form offers to drop it"
KV=$(input_value version)
post chenming "/edit/kr/$K2" "version=$KV&state=dropped&kind=numeric&direction=increase&start=70&target=88&current=70&weight=1&owner=yangjing&note=&back=/okr/objective/$O1" \
    --data-urlencode "title=$K2NEW"
expect_status 400 "dropping without a reason: 400"
post chenming "/edit/kr/$K2" "version=$KV&state=dropped&kind=numeric&direction=increase&start=70&target=88&current=70&weight=1&owner=yangjing&back=/okr/objective/$O1" \
    --data-urlencode "title=$K2NEW" --data-urlencode "note=t0750 市场变了 $TAG"
expect_status 303 "dropping KR $K2 with a reason at the review: 303"
get chenming "/edit/kr/$K1"
KV=$(input_value version)
post chenming "/edit/kr/$K1" "version=$KV&kind=numeric&direction=increase&start=0&target=100&current=30&weight=1&owner=zhangwei&back=/okr/objective/$O1" \
    --data-urlencode "title=$K1T" --data-urlencode "note=t0750 下调目标 $TAG"
expect_status 303 "adjusting KR $K1's target with a reason at the review: 303"
get wangfang "/objective/$O1"
check "KR $K2: Dropped" test -n "$(kr_row "$K2" | grep -F "<span class=\"badge krstate-dropped\">$(msg en krstate.dropped)</span>")"
check "KR $K1: target now 100" test -n "$(kr_row "$K1" | grep -F '<span class="target">100</span>')"
expect_flat "t0750 市场变了 $TAG" "the history keeps the drop's reason"
post chenming "/edit/kr/$K1" "version=$((KV + 1))&state=dropped&kind=numeric&direction=increase&start=0&target=100&current=30&weight=1&owner=zhangwei&back=/okr/objective/$O1" \
    --data-urlencode "title=$K1T" --data-urlencode "note=x"
check "dropping KR $K1 too is allowed at the review ($(cat "$TMP/status"))" test "$(cat "$TMP/status")" = 303
check "cycle $CYC back to planning" test "$(cycle_state planning)" = 303
get chenming "/edit/kr/$K4"
KV=$(input_value version)
post chenming "/edit/kr/$K4" "version=$KV&state=dropped&kind=numeric&direction=increase&start=99.9&target=99.95&current=99.9&weight=1&owner=zhangwei&back=/okr/objective/$O2" \
    --data-urlencode "title=$K4T"
REQ="$REQ (a drop outside the quarterly review)"
expect_error 409 err.agreed.kr
