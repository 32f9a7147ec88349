#!/bin/sh
# The live room, without a browser: the live stamp (/okr/live/stamp) is a
# file the web server serves by itself (it answers with every worker
# stopped), asks for credentials, is never cached, and changes with every
# write; the presenter view (?present=1) has no navigation, reloads itself
# without script (a meta refresh in <noscript>) and lists the agenda with
# overdue and at-risk KRs first; the presenter's item is published at
# /okr/live/meet-N only by whoever may run the meeting.  Also behind Apache,
# which runs without the page cache.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
TODAY=$(doc_xpath admin / 'string(/page/@today)')
CSTART=$(doc_xpath admin / "string(/page/cycles/cycle[@name='$CUR']/@start)")
stamp() { curl -s --max-time 5 -u admin:admin "$MUBIAO_URL/live/stamp"; }

# A review meeting of one objective of t0935's own: three KRs that are
# done, behind and (when the cycle has a past) overdue, made in the order
# the agenda must not keep.
O=$(make_objective zhangwei "$RD" "t0935 现场 $TAG")
K_DONE=$(make_kr zhangwei "$O" "t0935 done $TAG" 0 100 100)
K_BEHIND=$(make_kr zhangwei "$O" "t0935 behind $TAG" 0 100 0)
K_LATE=
if [ "$TODAY" \> "$CSTART" ]; then
	post zhangwei /edit/kr/new "objective=$O&kind=numeric&direction=increase&start=0&target=100&current=10&weight=1&owner=zhangwei&due=$CSTART&title=t0935-late-$TAG"
	K_LATE=$(doc_xpath zhangwei "/objective/$O" "string((/page/objective/kr[title=\"t0935-late-$TAG\"]/@id)[1])")
fi
post zhangwei /meet/new "cycle=$CUR&unit=$RD&kind=review&due=$TODAY&objective=$O&title=t0935-$TAG"
M=$(loc_meeting)
require "t0935's objective $O, KRs $K_DONE $K_BEHIND ${K_LATE:-(no past day in the cycle)}, meeting $M" \
    test -n "$O" -a -n "$K_DONE" -a -n "$K_BEHIND" -a -n "$M"
post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")"

# ---------------------------------------------------------- the stamp
get admin /live/stamp
expect_status 200 "GET /live/stamp: 200"
expect_header Cache-Control no-store "the stamp is never cached (Cache-Control: no-store)"
check "the stamp sends no ETag (a stamp may change twice in a second with one length)" \
    sh -c "! tr -d '\r' < '$TMP/headers' | grep -qi '^ETag:'"
S1=$(cat "$TMP/body")
check "the stamp is one line ($S1)" test -n "$S1"
get - /live/stamp
expect_status 401 "GET /live/stamp without credentials: 401"

# Served by the web server itself: it answers while every worker is
# stopped (SIGSTOP; they go on afterwards).
W=$(worker_pids "$MUBIAO_DIR" | tr '\n' ' ')
require "the stack's workers found ($W)" test -n "$W"
at_exit "kill -CONT $W 2>/dev/null"
kill -STOP $W
got=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -u admin:admin "$MUBIAO_URL/live/stamp")
kill -CONT $W
check "with every worker stopped, the stamp is still served (status $got)" test "$got" = 200

post zhangwei "/edit/checkin/$O" "kr=$K_DONE&value=99&confidence=0.8&note=t0935"
check "a check-in answers 303" test "$(cat "$TMP/status")" = 303
S2=$(stamp)
check "the check-in changed the stamp ($S1 -> $S2)" test -n "$S2" -a "$S2" != "$S1"
post zhangwei "/edit/checkin/$O" "kr=$K_DONE&value=100&confidence=0.8&note=t0935"
S3=$(stamp)
check "so did the next one, in the same second ($S3)" test -n "$S3" -a "$S3" != "$S2"

get - /static/live.js
expect_status 200 "GET /static/live.js (the web server's own file): 200"
expect_header Content-Type javascript "live.js: a JavaScript type"
expect_header X-Content-Type-Options nosniff "live.js: nosniff"
check "live.js is the file of xslt/" cmp -s "$TMP/body" "$TESTS_ROOT/xslt/live.js"

# ------------------------------------------------------ presenter view
get zhangwei "/meet/$M"
expect_status 200
check "meeting page: a refresh link that works without script" \
    test "$(xmllint --html --xpath 'count(//div[@id="live-bar"]/a[@class="refresh"][@href=""])' "$TMP/body" 2>/dev/null)" = 1
check "meeting page: the live script, from the site itself" \
    test "$(xmllint --html --xpath 'count(/html/head/script[@src="/okr/static/live.js"][not(normalize-space())])' "$TMP/body" 2>/dev/null)" = 1
check "meeting page: no meta refresh outside the presenter view" \
    test "$(xmllint --html --xpath 'count(//meta[@http-equiv="refresh"])' "$TMP/body" 2>/dev/null)" = 0
check "meeting page: a link to the presenter view" \
    test "$(xmllint --html --xpath "count(//a[@href=\"/okr/meet/$M?present=1\"])" "$TMP/body" 2>/dev/null)" = 1

# A refused form comes back at the form's address, as typed: not polled.
post zhangwei "/meet/$M/action" "title=t0935&owner=nobody-$TAG&due=$TODAY"
expect_status 400 "an action item for nobody: 400, the meeting page with the form"
check "that page is left alone: no live script, no live bar" \
    test "$(xmllint --html --xpath 'count(//script | //div[@id="live-bar"])' "$TMP/body" 2>/dev/null)" = 0

get zhangwei "/meet/$M?present=1"
expect_status 200 "presenter view: 200"
P=$TMP/present.html
cp "$TMP/body" "$P"
hx() { xmllint --html --xpath "$1" "$P" 2>/dev/null; }
check "presenter view: no navigation, no footer" test "$(hx 'count(//nav[@class="main-nav"] | //footer)')" = 0
check "presenter view: a meta refresh inside <noscript> only" \
    test "$(hx 'count(//noscript/meta[@http-equiv="refresh"])')" = 1 -a "$(hx 'count(//meta[@http-equiv="refresh"])')" = 1
check "presenter view: body marked for the projector's style" \
    test "$(hx 'count(/html/body[contains(@class, "present-view")])')" = 1
check "presenter view: the review board's four quadrants" \
    test "$(hx 'count(//section[@id="board"]//section[contains(@class, "quadrant")])')" = 4

doc zhangwei "/meet/$M?present=1"
ORDER=$(xpath '/page/meeting/agenda/item/@kr' | grep -o '[0-9][0-9]*' | tr '\n' ' ')
ATTN=$(xpath '/page/meeting/agenda/item/@attention' | grep -o '"[^"]*"' | tr -d '"' | tr '\n' ' ')
SHOWN=$(grep -o 'id="agenda-kr-[0-9]*"' "$P" | grep -o '[0-9][0-9]*' | tr '\n' ' ')
N=2
[ -z "$K_LATE" ] || N=3
check "the agenda has the objective's $N KRs ($ORDER)" test "$(echo $ORDER | wc -w)" -eq $N
check "the page lists the agenda in its order ($SHOWN)" test "$SHOWN" = "$ORDER"
check "the agenda: overdue KRs, then at risk, then the rest ($ATTN)" \
    sh -c "echo '$ATTN' | grep -Eq '^(overdue )*(at-risk )*(none )*\$'"
# At risk once the cycle is under way (a score of 0 against 0.7 of the
# time gone); on its first days nothing is.
if [ "$(xpath "string(/page/meeting/agenda/item[@kr='$K_BEHIND']/@attention)")" = at-risk ]; then
	at() { echo $ORDER | tr ' ' '\n' | grep -n -x "$1" | cut -d: -f1; }
	check "the KR at risk ($K_BEHIND, made after the done one) comes before the done one ($K_DONE)" \
	    test "$(at "$K_BEHIND")" -lt "$(at "$K_DONE")"
fi
if [ -n "$K_LATE" ]; then
	check "the overdue KR ($K_LATE, made last) comes first" test "${ORDER%% *}" = "$K_LATE"
fi

# ------------------------------------------------ the presenter's item
post zhangwei "/meet/$M/present" "kr=$K_BEHIND"
expect_status 303 "the lead moves the presenter to KR $K_BEHIND: 303"
check "back to the presenter view of that item" test "$(location)" = "/okr/meet/$M?present=1&kr=$K_BEHIND"
get wangfang "/live/meet-$M"
check "the item is published at /live/meet-$M ($(cat "$TMP/body"))" test "$(cat "$TMP/body")" = "$K_BEHIND"
post wangfang "/meet/$M/present" "kr=$K_DONE"
expect_error 403 err.403.meeting
get admin "/live/meet-$M"
check "a member cannot move it: still $K_BEHIND" test "$(cat "$TMP/body")" = "$K_BEHIND"
get zhangwei "/meet/$M/present" -X POST --data "kr=$K_DONE"
expect_status 403 "a move without the form token: 403"
post zhangwei "/meet/$M/present" "kr=x"
expect_status 400 "a move to a malformed item: 400"
get admin "/live/meet-$M"
check "neither moved it: still $K_BEHIND" test "$(cat "$TMP/body")" = "$K_BEHIND"
get wangfang "/meet/$M?present=1&kr=$K_BEHIND"
check "a member's presenter view steps with links, not the lead's forms" \
    sh -c "xmllint --html --xpath 'count(//nav[@id=\"present-steps\"]/a) - count(//nav[@id=\"present-steps\"]//form)' '$TMP/body' 2>/dev/null | grep -qx '[1-9]'"

# The last meeting's action items, open, then done.
post zhangwei "/meet/$M/action" "title=t0935-act-$TAG&owner=wangfang&due=$TODAY"
doc zhangwei "/meet/$M"
A=$(xpath "string(//action[title='t0935-act-$TAG']/@id)")
AV=$(xpath "string(//action[title='t0935-act-$TAG']/@version)")
post zhangwei /meet/new "cycle=$CUR&unit=$RD&kind=review&due=$TODAY&objective=$O&title=t0935-next-$TAG"
M2=$(loc_meeting)
require "an action item $A in meeting $M, and the next review $M2" test -n "$A" -a -n "$M2"
doc zhangwei "/meet/$M2?present=1"
check "the next review's agenda has meeting $M's action item, open" \
    test "$(xpath "string(/page/meeting/last-meeting/@id)")" = "$M" -a \
    "$(xpath "string(/page/meeting/last-meeting/action[@id='$A']/@state)")" = open
post wangfang "/meet/action/$A/done" "version=$AV"
get zhangwei "/meet/$M2?present=1"
check "once done, its presenter view lists it done" \
    test "$(xmllint --html --xpath "count(//section[@id='last-actions']//li[@id='last-action-$A'][contains(@class, 'astate-done')])" "$TMP/body" 2>/dev/null)" = 1

# Another type: the items one at a time, with links that work without
# script (a member's view: links, not the lead's forms).
post zhangwei /meet/new "cycle=$CUR&unit=$RD&kind=monthly&due=$TODAY&objective=$O&title=t0935-monthly-$TAG"
MM=$(loc_meeting)
FIRST=$(echo $ORDER | cut -d' ' -f1) SECOND=$(echo $ORDER | cut -d' ' -f2)
get wangfang "/meet/$MM?present=1"
expect_status 200 "monthly meeting $MM, presenter view: 200"
cp "$TMP/body" "$P"
check "it shows one item, the agenda's first ($FIRST), and no board" \
    test "$(hx 'count(//article[contains(@class, "present-item")])')" = 1 -a \
    "$(hx 'string(//article[contains(@class, "present-item")]/@id)')" = "present-kr-$FIRST" -a \
    "$(hx 'count(//section[@id="board"])')" = 0
check "its Next link goes to the second item ($SECOND)" \
    test "$(hx 'string(//nav[@id="present-steps"]/a[contains(@class, "present-next")]/@href)')" = "/okr/meet/$MM?present=1&kr=$SECOND"
get wangfang "/meet/$MM?present=1&kr=$SECOND"
cp "$TMP/body" "$P"
check "which shows that item, with Previous back to the first" \
    test "$(hx 'string(//article[contains(@class, "present-item")]/@id)')" = "present-kr-$SECOND" -a \
    "$(hx 'string(//nav[@id="present-steps"]/a[contains(@class, "present-prev")]/@href)')" = "/okr/meet/$MM?present=1&kr=$FIRST"
