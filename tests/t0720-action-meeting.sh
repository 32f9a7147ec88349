#!/bin/sh
# The department action meeting (okr-meet, type action), through nginx:
# the company's objectives passed on to the department, the company KRs
# the department carries (a company KR whose owner works in it or below),
# each covered (an objective of the department aligned to it), deferred
# with a reason, or not yet covered; closing refused (409) while one is
# uncovered; deferring needs a one-line reason; the members' plan of work
# items while the meeting is open, and nothing after it closed.
#
# Part A runs on the demo as loaded (the current cycle: 研发部 carries the
# availability KR, covered by its objective, and the billing KR, not yet
# covered).  Part B works in a cycle of its own (same dates as the current
# one, state planning, so it is never anybody's current cycle): a company
# objective whose KRs are owned by two new people that the admin then
# moves into 研发部 and 移动组, so that one KR is covered by an objective
# created here and the other is deferred.  Ids are read from the pages.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
MOB=$(unit_id 移动组)
CO=$(unit_id '星河科技 Xinghe Tech')
require "unit ids of 研发部 ($RD), 移动组 ($MOB) and the company ($CO) found on the tree" \
    test -n "$RD" -a -n "$MOB" -a -n "$CO"
TODAY=$(date -u +%F)

# ------------------------------------------------------------ helpers

# The <li> of the carried KR titled TITLE on the last body, one line.
carried_li() {	# TITLE
	section_of carried | sed 's/<li class="carried-kr/\n&/g; s/<\/li>/&\n/g' |
	    grep -F "<span class=\"kr-title\">$1</span>"
}

# How the last body marks the carried KR TITLE: covered, deferred,
# uncovered, or "" when it is not listed.
carried_state() {	# TITLE
	carried_li "$1" | head -1 | sed -n 's/^<li class="carried-kr \([a-z]*\)".*/\1/p'
}

expect_carried() {	# TITLE STATE DESC [LANG]
	_li=$(carried_li "$1")
	_k=meeting.kr.$2
	if [ "$(carried_state "$1")" = "$2" ] &&
	    printf '%s' "$_li" | grep -F -q " · $(msg "${4:-en}" "$_k")"; then
		ok "$3"
	else
		fail "$3"
		note "li: $(printf '%s' "$_li" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}

# Titles of the carried KRs on the last body, one a line, sorted.
carried_titles() {
	section_of carried | grep -o '<span class="kr-title">[^<]*</span>' |
	    sed 's/<span class="kr-title">//; s/<\/span>$//' | sort
}

# The company KRs of the last body (a home page): "ID<TAB>OWNER<TAB>TITLE"
# for every KR of a company objective.
company_krs() {
	tr -d '\n' < "$TMP/body" | sed 's/<article /\n<article /g' |
	    grep '^<article class="objective level-company"' |
	    sed 's/<tbody class="kr"/\n&/g; s/<\/tbody>/&\n/g' | grep '^<tbody class="kr"' |
	    sed -n 's|^<tbody class="kr" id="kr-\([0-9]*\)"><tr><th scope="row" class="kr-title">\([^<]*\)<span class="kr-sub"><a href="/okr/person/\([^"]*\)".*|\1\t\3\t\2|p'
}

# The admin people page's row of LOGIN: "ID VERSION".
person_row() {	# LOGIN
	curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/edit/admin/people" | tr -d '\n' |
	    sed 's/<form /\n<form /g' |
	    grep "^<form [^>]*action=\"/okr/edit/admin/person/[0-9]*\".*name=\"login\" maxlength=\"64\" value=\"$1\"" |
	    sed -n 's|.*action="/okr/edit/admin/person/\([0-9]*\)".*name="version" value="\([0-9]*\)".*|\1 \2|p' | head -1
}

# ======================================================================
# Part A: the demo's current cycle
get admin /
company_krs > "$TMP/company.krs"
check "the home page lists company KRs with owners ($(wc -l < "$TMP/company.krs"))" \
    test "$(wc -l < "$TMP/company.krs")" -ge 3
flat | grep -o '<article class="objective level-company" id="o-[0-9]*"' | sed 's/.*o-//; s/"//' |
    sort -n > "$TMP/company.objs"
unit_people "$RD" 0 | sort -u > "$TMP/rd.people"
check "研发部 and its teams have people ($(wc -l < "$TMP/rd.people"))" grep -qx zhangwei "$TMP/rd.people"
# What 研发部 carries: the company KRs owned by its people.
awk -F '\t' 'NR == FNR { p[$1] = 1; next } p[$2] { print $3 }' "$TMP/rd.people" "$TMP/company.krs" |
    sort > "$TMP/rd.carries"
AVAIL=$(grep '核心服务可用性' "$TMP/rd.carries" | head -1)
BILL=$(grep '新版计费系统' "$TMP/rd.carries" | head -1)
P1T=$(awk -F '\t' '$2 == "luoting" && $3 ~ /P1 故障/ { print $3; exit }' "$TMP/company.krs")
BILLK=$(awk -F '\t' -v t="$BILL" '$3 == t { print $1; exit }' "$TMP/company.krs")
check "demo: 研发部 carries the availability KR ('$AVAIL') and the billing KR ('$BILL', #$BILLK)" \
    test -n "$AVAIL" -a -n "$BILL" -a -n "$BILLK"

post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=action&due=$TODAY&back=/okr/meet/unit/$RD" \
    --data-urlencode "title=t0720 部门行动会 $TAG"
expect_status 303 "zhangwei plans an action meeting of 研发部 in $CUR: 303"
MA=$(loc_meeting)
check "plan: 303 to /okr/meet/N (got $(location))" test -n "$MA"
get zhangwei "/meet/$MA"
expect_body_contains "<span class=\"badge mtype-action\">$(msg en meeting.type.action)</span><h1>t0720 部门行动会 $TAG</h1><span class=\"badge mstate-planned\">" \
    "meeting $MA: an action meeting, planned"
V=$(mversion zhangwei "$MA")
post zhangwei "/meet/$MA/open" "version=$V&back=/okr/meet/$MA"
expect_status 303 "zhangwei opens action meeting $MA: 303"

get zhangwei "/meet/$MA"
expect_status 200
expect_body_contains "<span class=\"badge mstate-open\">$(msg en meeting.state.open)</span>" "meeting $MA: In progress"
expect_body_contains "<h2>$(msg en meeting.company-okrs)</h2>" "meeting $MA: 'The company objectives' section"
section_of company-okrs | grep -o '<article class="objective level-company" id="o-[0-9]*"' |
    sed 's/.*o-//; s/"//' | sort -n > "$TMP/meet.objs"
check "meeting $MA: exactly the company's objectives of $CUR ($(tr '\n' ' ' < "$TMP/company.objs"))" \
    cmp -s "$TMP/company.objs" "$TMP/meet.objs"
expect_body_contains "<h2>$(msg en meeting.carried)</h2>" "meeting $MA: 'Company key results this department carries'"
expect_body_contains "$(msg en meeting.carried.rule)" "meeting $MA: the rule is stated"
carried_titles > "$TMP/meet.carries"
if cmp -s "$TMP/rd.carries" "$TMP/meet.carries"; then
	ok "meeting $MA: lists exactly the company KRs owned by 研发部's people ($(wc -l < "$TMP/rd.carries"))"
else
	fail "meeting $MA: lists exactly the company KRs owned by 研发部's people"
	note "$(diff "$TMP/rd.carries" "$TMP/meet.carries" | tr '\n' ' ' | cut -c1-300)"
fi
check "meeting $MA: not the P1 KR of 客户成功部's 罗婷 ('$P1T')" test -n "$P1T" -a -z "$(carried_li "$P1T")"
expect_carried "$AVAIL" covered "meeting $MA: the availability KR covered (研发部's objective serves it)"
expect_carried "$BILL" uncovered "meeting $MA: the billing KR not yet covered"
check "meeting $MA: no defer form on the covered KR" \
    test -z "$(carried_li "$AVAIL" | grep 'action="/okr/meet/')"
check "meeting $MA: a defer form (kr $BILLK, text) on the uncovered KR" \
    test -n "$(carried_li "$BILL" | grep "action=\"/okr/meet/$MA/defer\".*name=\"kr\" value=\"$BILLK\".*name=\"text\"")"
get zhangwei "/meet/$MA" -H 'Accept-Language: zh-CN'
expect_body_contains "<h2>$(msg zh-CN meeting.carried)</h2>" "meeting $MA (zh-CN): the carried section in zh-CN"
expect_carried "$BILL" uncovered "meeting $MA (zh-CN): '$(msg zh-CN meeting.kr.uncovered)'" zh-CN
expect_carried "$AVAIL" covered "meeting $MA (zh-CN): '$(msg zh-CN meeting.kr.covered)'" zh-CN
get wangfang "/meet/$MA"
check "meeting $MA: wangfang (member) gets no defer form" test -z "$(form_of "/okr/meet/$MA/defer")"
check "meeting $MA: wangfang gets no close button" test -z "$(form_of "/okr/meet/$MA/close")"
expect_carried "$BILL" uncovered "meeting $MA: wangfang sees the billing KR not yet covered"

# Closing while the billing KR is uncovered: refused, still open.
V=$(mversion zhangwei "$MA")
S_MA=$(page_state zhangwei "/meet/$MA")
post zhangwei "/meet/$MA/close" "version=$V&back=/okr/meet/$MA"
REQ="$REQ (billing KR uncovered)"
expect_error 409 err.meeting.uncovered
post zhangwei "/meet/$MA/close" "version=$V&back=/okr/meet/$MA" -H 'Accept-Language: zh-CN'
REQ="$REQ (billing KR uncovered, zh-CN)"
expect_error 409 err.meeting.uncovered zh-CN
get zhangwei "/meet/$MA"
expect_body_contains "<span class=\"badge mstate-open\">" "meeting $MA still open after the refused closing"
check "meeting $MA: still version $V" test "$(header ETag)" = "\"m$MA-$V\""
check "meeting $MA: still a close button" test -n "$(form_of "/okr/meet/$MA/close")"
check "meeting $MA: page unchanged by the refused closings" test "$(page_state zhangwei "/meet/$MA")" = "$S_MA"

# Deferring the billing KR, with a reason.
post wangfang "/meet/$MA/defer" "version=$V&kr=$BILLK&back=/okr/meet/$MA" --data-urlencode "text=t0720 成员推迟 $TAG"
REQ="$REQ (a member)"
expect_error 403 err.403.meeting
post zhangwei "/meet/$MA/defer" "version=$V&kr=$BILLK&text=&back=/okr/meet/$MA"
REQ="$REQ (no reason)"
expect_error 400 err.defer.reason
check "meeting $MA unchanged by the refused deferrals" test "$(page_state zhangwei "/meet/$MA")" = "$S_MA"
REASON="t0720 计费系统 <b>下季度</b> & 再议 $TAG"
post zhangwei "/meet/$MA/defer" "version=$V&kr=$BILLK&back=/okr/meet/$MA" --data-urlencode "text=$REASON"
expect_status 303 "zhangwei defers the billing KR with a reason: 303"
check "defer: 303 to /okr/meet/$MA (got $(location))" test "$(location)" = "/okr/meet/$MA"
get wangfang "/meet/$MA"
expect_carried "$BILL" deferred "meeting $MA: the billing KR deferred"
check "meeting $MA: the reason shown beside it, escaped" \
    test -n "$(carried_li "$BILL" | grep -F "<span class=\"reason\">t0720 计费系统 &lt;b&gt;下季度&lt;/b&gt; &amp; 再议 $TAG</span>")"
expect_body_lacks '<b>下季度</b>' "meeting $MA: no live markup from the reason"
expect_carried "$AVAIL" covered "meeting $MA: the availability KR still covered"
get zhangwei "/meet/$MA"
check "meeting $MA: no defer form left once deferred" test -z "$(form_of "/okr/meet/$MA/defer")"
V=$(mversion zhangwei "$MA")
post zhangwei "/meet/$MA/close" "version=$V&back=/okr/meet/$MA"
expect_status 303 "close meeting $MA (one KR covered, one deferred): 303"
get wangfang "/meet/$MA"
expect_body_contains "<span class=\"badge mstate-closed\">$(msg en meeting.state.closed)</span>" "meeting $MA: closed"
expect_body_contains "<p class=\"frozen\">$(msg en meeting.frozen)</p>" "meeting $MA: the frozen note"
expect_carried "$BILL" deferred "closed $MA: the billing KR still shown deferred"
expect_carried "$AVAIL" covered "closed $MA: the availability KR still shown covered"

# ======================================================================
# Part B: a cycle of its own, with carried KRs made for it
CYC=t0720-$$
CROW=$(cycle_row "$CUR")
CSTART=$(echo "$CROW" | cut -d' ' -f3)
CEND=$(echo "$CROW" | cut -d' ' -f4)
require "the current cycle $CUR runs $CSTART – $CEND" test -n "$CSTART" -a -n "$CEND"
# Work items are due within the meeting's cycle: its last two days.
LATER=$(date -u -d "$CEND -1 day" +%F)
LATER2=$CEND
post admin /edit/admin/cycle/new "name=$CYC&start=$CSTART&end=$CEND&state=planning"
expect_status 303 "admin adds cycle $CYC ($CSTART – $CEND, planning): 303"
at_exit 'cycle_close'
cycle_close() {	# the cycle is read-only afterwards, whatever happened
	_r=$(cycle_row "$CYC")
	[ -n "$_r" ] || return 0
	curl -s --max-time 10 -o /dev/null -u admin:admin "$MUBIAO_URL/edit/admin/cycle/${_r%% *}" \
	    --data "token=$(token admin)&version=$(echo "$_r" | cut -d' ' -f2)&name=$CYC&start=$CSTART&end=$CEND&state=closed"
}
get lina /
expect_body_contains "<option value=\"$CUR\" selected" "the current cycle is still $CUR"

# Two new people in the company unit, so that a company KR may name them.
PA=t0720a$$ PB=t0720b$$
for p in $PA $PB; do
	post admin /edit/admin/person/new "login=$p&unit=$CO&manager=&role=member" --data-urlencode "name=测试 $p"
	expect_status 303 "admin adds $p to the company unit: 303"
done
CO_O=$(make_objective admin "$CO" "t0720 公司目标 $TAG" "$CYC")
require "admin creates a company objective in $CYC ($CO_O)" test -n "$CO_O"
TA="t0720 12月31日前把 A 指标从 0 提升到 100 $TAG"
TB="t0720 12月31日前把 B 指标从 0 提升到 50 $TAG"
TC="t0720 12月31日前把 C 指标从 0 提升到 10 $TAG"
KA=$(kr_new admin "$CO_O" "$TA" "$PA" 0 100 30)
KB=$(kr_new admin "$CO_O" "$TB" "$PB" 0 50 10)
KC=$(kr_new admin "$CO_O" "$TC" chenming 0 10 2)
check "company KRs: A ($KA, owner $PA), B ($KB, owner $PB), C ($KC, owner chenming)" \
    test -n "$KA" -a -n "$KB" -a -n "$KC"
# The admin moves them: $PA into 研发部, $PB into 移动组 below it.
for pu in "$PA:$RD" "$PB:$MOB"; do
	p=${pu%:*} u=${pu#*:}
	r=$(person_row "$p")
	post admin "/edit/admin/person/${r%% *}" "version=${r#* }&login=$p&unit=$u&manager=zhangwei&role=member" \
	    --data-urlencode "name=测试 $p"
	expect_status 303 "admin moves $p (person ${r%% *}) to unit $u: 303"
	get lina "/person/$p"
	expect_body_contains "<a href=\"/okr/unit/$u" "person $p: now in unit $u"
done

# The company KR's form keeps an owner who now works in a department (as
# the demo's company KRs are owned by department people).
get admin "/edit/kr/$KA"
check "KR form of A: the owner select offers its owner $PA" \
    test -n "$(tr -d '\n' < "$TMP/body" | grep -o '<select [^>]*name="owner".*' | sed 's|</select>.*||' | grep "<option value=\"$PA\"")"
post admin "/edit/kr/$KA" "version=$(input_value version)&kind=numeric&direction=increase&start=0&target=100&current=30&weight=1&owner=$PA&back=/okr/objective/$CO_O" \
    --data-urlencode "title=$TA"
REQ="$REQ (A saved as it is, owner $PA in 研发部)"
expect_status 303

post zhangwei /meet/new "unit=$RD&cycle=$CYC&kind=action&due=$TODAY" --data-urlencode "title=t0720 行动会 $CYC"
expect_status 303 "zhangwei plans an action meeting of 研发部 in $CYC: 303"
MB=$(loc_meeting)
get zhangwei "/meet/unit/$RD?cycle=$CYC"
expect_body_contains "<a href=\"/okr/meet/$MB\">t0720 行动会 $CYC</a>" "研发部's calendar of $CYC lists meeting $MB"
get zhangwei "/meet/unit/$RD"
expect_body_lacks "<a href=\"/okr/meet/$MB\">" "研发部's calendar of $CUR does not"
V=$(mversion zhangwei "$MB")
post zhangwei "/meet/$MB/open" "version=$V&back=/okr/meet/$MB"
expect_status 303 "open meeting $MB: 303"
get zhangwei "/meet/$MB"
check "meeting $MB: the company objectives of $CYC: only $CO_O" \
    test "$(section_of company-okrs | grep -o '<article class="objective level-company" id="o-[0-9]*"' | sed 's/.*o-//; s/"//' | tr '\n' ' ')" = "$CO_O "
carried_titles > "$TMP/b.carries"
printf '%s\n' "$TA" "$TB" | sort > "$TMP/b.expected"
check "meeting $MB: carries A ($PA in 研发部) and B ($PB in 移动组, below), not C (chenming)" \
    cmp -s "$TMP/b.expected" "$TMP/b.carries"
expect_carried "$TA" uncovered "meeting $MB: A not yet covered"
expect_carried "$TB" uncovered "meeting $MB: B not yet covered"
check "meeting $MB: A names its owner $PA" test -n "$(carried_li "$TA" | grep -F "href=\"/okr/person/$PA?cycle=$CYC\"")"
V=$(mversion zhangwei "$MB")
post zhangwei "/meet/$MB/close" "version=$V&back=/okr/meet/$MB"
REQ="$REQ (A and B uncovered)"
expect_error 409 err.meeting.uncovered

# Deferring needs a reason of one line; a stale version is refused.
S_MB=$(page_state zhangwei "/meet/$MB")
for lang in en zh-CN; do
	post zhangwei "/meet/$MB/defer" "version=$V&kr=$KB&back=/okr/meet/$MB" --data-urlencode "text=  " \
	    -H "Accept-Language: $lang"
	REQ="$REQ (blank reason, $lang)"
	expect_error 400 err.defer.reason "$lang"
done
post zhangwei "/meet/$MB/defer" "version=$V&kr=$KB&back=/okr/meet/$MB" --data-urlencode "text=第一行
第二行"
REQ="$REQ (a reason of two lines)"
expect_error 400 err.defer.reason
post zhangwei "/meet/$MB/defer" "version=$((V + 3))&kr=$KB&back=/okr/meet/$MB" --data-urlencode "text=t0720 过期 $TAG"
REQ="$REQ (stale version $((V + 3)))"
expect_error 409 err.409
post zhangwei "/meet/$MB/defer" "version=$V&back=/okr/meet/$MB" --data-urlencode "text=t0720 无 KR $TAG"
expect_status 400 "defer without a kr: 400"
check "meeting $MB unchanged by 5 refused deferrals" test "$(page_state zhangwei "/meet/$MB")" = "$S_MB"
# Only a KR the department carries can be deferred.
post zhangwei "/meet/$MB/defer" "version=$V&kr=99999999&back=/okr/meet/$MB" --data-urlencode "text=t0720 不存在 $TAG"
REQ="$REQ (kr 99999999: no such KR)"
expect_status 400
V=$(mversion zhangwei "$MB")
post zhangwei "/meet/$MB/defer" "version=$V&kr=$KC&back=/okr/meet/$MB" --data-urlencode "text=t0720 不承接 $TAG"
REQ="$REQ (kr $KC: C, chenming's, not carried by 研发部)"
expect_status 400
get zhangwei "/meet/$MB"
check "meeting $MB: C still not listed" test -z "$(carried_li "$TC")"
V=$(mversion zhangwei "$MB")

# An objective of another department aligned to A does not cover it here.
MKT=$(unit_id 市场部)
post yangjing /edit/objective/new "cycle=$CYC&unit=$MKT&parent=$KA&owner=yangjing" --data-urlencode "title=t0720 市场部承接 A $TAG"
expect_status 303 "yangjing creates a 市场部 objective in $CYC aligned to A: 303"
get zhangwei "/meet/$MB"
expect_carried "$TA" uncovered "meeting $MB: A still not covered for 研发部 (市场部's objective does not count)"

# A department objective aligned to A covers it; archived, it no longer does.
get zhangwei "/edit/objective/new?unit=$RD&cycle=$CYC"
expect_status 200 "the new-objective form of 研发部 in $CYC: 200"
expect_body_contains "name=\"cycle\" value=\"$CYC\"" "new-objective form: hidden cycle $CYC"
expect_body_contains "<option value=\"$KA\">" "new-objective form: offers company KR A ($KA) as the KR above"
post zhangwei /edit/objective/new "cycle=$CYC&unit=$RD&parent=$KA&owner=zhangwei" --data-urlencode "title=t0720 承接 A 旧 $TAG"
expect_status 303 "zhangwei creates a 研发部 objective in $CYC aligned to A: 303"
O1=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
check "it is objective $O1" test -n "$O1"
get zhangwei "/meet/$MB"
expect_carried "$TA" covered "meeting $MB: A now covered"
expect_carried "$TB" uncovered "meeting $MB: B still not covered"
get zhangwei "/objective/$O1"
OV=$(form_value "/okr/edit/objective/$O1/archive" version)
post zhangwei "/edit/objective/$O1/archive" "confirm=1&version=$OV&back=/okr/objective/$O1"
expect_status 303 "archive objective $O1: 303"
get zhangwei "/meet/$MB"
expect_carried "$TA" uncovered "meeting $MB: A uncovered again once its objective is archived"
post zhangwei /edit/objective/new "cycle=$CYC&unit=$RD&parent=$KA&owner=zhangwei" --data-urlencode "title=t0720 承接 A $TAG"
expect_status 303 "zhangwei creates another 研发部 objective aligned to A: 303"
O2=$(location | sed -n 's|^/okr/objective/\([0-9]*\)$|\1|p')
get zhangwei "/meet/$MB"
expect_carried "$TA" covered "meeting $MB: A covered by objective $O2"
V=$(mversion zhangwei "$MB")
post zhangwei "/meet/$MB/close" "version=$V&back=/okr/meet/$MB"
REQ="$REQ (B still uncovered)"
expect_error 409 err.meeting.uncovered

# Work items: anyone known adds them while the meeting is open.
get wangfang "/meet/$MB"
AF=$(form_of "/okr/meet/$MB/action")
check "meeting $MB: the add-item form for wangfang (a member)" test -n "$AF"
check "add-item form: offers A ($KA) and B ($KB) as the KR served" \
    test -n "$(printf '%s' "$AF" | grep "<option value=\"$KA\">" | grep "<option value=\"$KB\">")"
check "add-item form: offers $PA (now in 研发部) as owner" test -n "$(printf '%s' "$AF" | grep "<option value=\"$PA\"")"
expect_body_contains "<h2>$(msg en meeting.work-items)</h2>" "meeting $MB: the work items section"
I1="t0720 工作项 A $TAG" I2="t0720 工作项 B $TAG" I3="t0720 工作项 无KR $TAG"
post wangfang "/meet/$MB/action" "owner=wangfang&due=$LATER&kr=$KA&back=/okr/meet/$MB" --data-urlencode "title=$I1"
expect_status 303 "wangfang (member) adds '$I1' (serves A): 303"
check "action: 303 to /okr/meet/$MB (got $(location))" test "$(location)" = "/okr/meet/$MB"
post sunli "/meet/$MB/action" "owner=$PB&due=$LATER2&kr=$KB&back=/okr/meet/$MB" --data-urlencode "title=$I2"
expect_status 303 "sunli (移动组) adds '$I2' owned by $PB (serves B): 303"
post zhangwei "/meet/$MB/action" "owner=zhangwei&due=$LATER&kr=&back=/okr/meet/$MB" --data-urlencode "title=$I3"
expect_status 303 "zhangwei adds '$I3' (no KR): 303"
S_MB=$(page_state zhangwei "/meet/$MB")
post wangfang "/meet/$MB/action" "owner=wangfang&due=$LATER&kr=$KA&back=/okr/meet/$MB" --data-urlencode "title="
REQ="$REQ (no title)"
expect_error 400 err.action
post wangfang "/meet/$MB/action" "owner=nobody$$&due=$LATER&back=/okr/meet/$MB" --data-urlencode "title=t0720 无主 $TAG"
REQ="$REQ (unknown owner)"
expect_error 400 err.action
post wangfang "/meet/$MB/action" "owner=wangfang&due=&back=/okr/meet/$MB" --data-urlencode "title=t0720 无日 $TAG"
REQ="$REQ (no due date)"
expect_error 400 err.action
check "meeting $MB unchanged by the refused items" test "$(page_state zhangwei "/meet/$MB")" = "$S_MB"
get lina "/meet/$MB"
WI=$(section_of actions-list)
for it in "$I1:wangfang:王芳:$LATER:$TA" "$I2:$PB:测试 $PB:$LATER2:$TB"; do
	t=${it%%:*} r=${it#*:}; o=${r%%:*} r=${r#*:}; n=${r%%:*} r=${r#*:}; d=${r%%:*} k=${r#*:}
	case $WI in
	*"<span class=\"a-title\">$t</span><span class=\"a-meta\"><a href=\"/okr/person/$o?cycle=$CYC\">$n</a> · <time datetime=\"$d\">$d</time> · <span class=\"kr-ref\">$k</span></span>"*)
		ok "meeting $MB lists '$t': owner $o, due $d, serving '$k'" ;;
	*)	fail "meeting $MB lists '$t': owner $o, due $d, serving '$k'"
		note "items: $(printf '%s' "$WI" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)" ;;
	esac
done
case $WI in
*"<span class=\"a-title\">$I3</span><span class=\"a-meta\"><a href=\"/okr/person/zhangwei?cycle=$CYC\">张伟</a> · <time datetime=\"$LATER\">$LATER</time></span>"*)
	ok "meeting $MB lists '$I3' without a KR" ;;
*)	fail "meeting $MB lists '$I3' without a KR" ;;
esac
check "meeting $MB: 3 work items, all open" \
    test "$(printf '%s' "$WI" | grep -o '<li class="action-item state-open"' | wc -l)" = 3

# B deferred: the meeting may close.
post zhangwei "/meet/$MB/defer" "version=$(mversion zhangwei "$MB")&kr=$KB&back=/okr/meet/$MB" \
    --data-urlencode "text=t0720 B 下季度再做 $TAG"
expect_status 303 "defer B with a reason: 303"
get zhangwei "/meet/$MB"
expect_carried "$TB" deferred "meeting $MB: B deferred"
check "meeting $MB: B's reason shown" \
    test -n "$(carried_li "$TB" | grep -F "<span class=\"reason\">t0720 B 下季度再做 $TAG</span>")"
expect_carried "$TA" covered "meeting $MB: A covered"
V=$(mversion zhangwei "$MB")
post wangfang "/meet/$MB/close" "version=$V&back=/okr/meet/$MB"
REQ="$REQ (a member)"
expect_error 403 err.403.meeting
post zhangwei "/meet/$MB/close" "version=$V&back=/okr/meet/$MB"
expect_status 303 "close meeting $MB (A covered, B deferred): 303"
for u in zhangwei wangfang; do
	get $u "/meet/$MB"
	expect_body_contains "<span class=\"badge mstate-closed\">" "closed $MB as $u: state Closed"
	expect_body_contains "<p class=\"frozen\">$(msg en meeting.frozen)</p>" "closed $MB as $u: frozen"
	check "closed $MB as $u: no POST form at all" test -z "$(post_forms)"
done
get zhangwei "/meet/$MB"
expect_carried "$TA" covered "closed $MB: A covered"
expect_carried "$TB" deferred "closed $MB: B deferred"
check "closed $MB: the 3 work items kept" \
    test "$(section_of actions-list | grep -o '<li class="action-item state-open"' | wc -l)" = 3
VN=$(mversion zhangwei "$MB")
S_MB=$(page_state wangfang "/meet/$MB")
post wangfang "/meet/$MB/action" "owner=wangfang&due=$LATER&kr=$KA&back=/okr/meet/$MB" --data-urlencode "title=t0720 会后 $TAG"
REQ="$REQ (closed)"
expect_error 409 err.meeting.closed
post zhangwei "/meet/$MB/action" "owner=zhangwei&due=$LATER&back=/okr/meet/$MB" --data-urlencode "title=t0720 会后 $TAG" \
    -H 'Accept-Language: zh-CN'
REQ="$REQ (closed, zh-CN)"
expect_error 409 err.meeting.closed zh-CN
post zhangwei "/meet/$MB/defer" "version=$VN&kr=$KA&back=/okr/meet/$MB" --data-urlencode "text=t0720 会后 $TAG"
REQ="$REQ (closed)"
expect_error 409 err.meeting.closed
post zhangwei "/meet/$MB/close" "version=$VN&back=/okr/meet/$MB"
REQ="$REQ (closed)"
expect_error 409 err.meeting.closed
# Later changes do not reach the frozen page: A's objective archived.
get zhangwei "/objective/$O2"
post zhangwei "/edit/objective/$O2/archive" "confirm=1&version=$(form_value "/okr/edit/objective/$O2/archive" version)&back=/okr/objective/$O2"
expect_status 303 "archive objective $O2 after the meeting closed: 303"
check "closed $MB unchanged by 4 refused posts and a later archive" \
    test "$(page_state wangfang "/meet/$MB")" = "$S_MB"
get zhangwei "/meet/$MB"
expect_carried "$TA" covered "closed $MB: A still shown covered, as the room saw it"
