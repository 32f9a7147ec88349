#!/bin/sh
# Rules of input that a request could slip past, each refused with a
# clear message and nothing written:
# - "I acknowledge" only in an open awareness meeting, by the people it is
#   for (its unit, the units below, the unit's lead): an outsider gets 403;
#   in any other meeting 409, so nobody makes themselves present in a
#   consensus meeting and signs off there (consensus meetings are for the
#   company and departments: 研发部's, where 平台组 sits);
# - a closed cycle takes no comments (403, no form on its pages), an open
#   one does;
# - "3 5" is not a number (the form comes back with it, 400), where "1 200"
#   is 1200 and full-width "１２" is 12 ("５０％" a confidence of 0.5);
#   since= is a real date and time (02-30, 23:59:61: 400), as is
#   mubiao-admin dump --since.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
TODAY=$(date -u +%F)
RD=$(unit_id 研发部)
PLAT=$(unit_id 平台组)
require "unit ids: 研发部 $RD, 平台组 $PLAT" test -n "$RD" -a -n "$PLAT"

# ------------------------------------------------- acknowledging (6)
# Plans and opens a meeting of KIND at UNIT as admin; sets M.
open_meeting() {	# UNIT KIND TITLE
	post admin /meet/new "unit=$1&cycle=$CUR&kind=$2&due=$TODAY" --data-urlencode "title=$3"
	M=$(loc_meeting)
	post admin "/meet/$M/open" "version=$(mversion admin "$M")"
	expect_status 303 "admin opens $2 meeting $M ($3): 303"
}
# USER's "I acknowledge" on meeting M is refused with STATUS and KEY in
# both languages, and the meeting's record stays as it was.
ack_refused() {	# USER M STATUS KEY WHO
	_v=$(mversion admin "$2")
	for lang in en zh-CN; do
		post "$1" "/meet/$2/ack" "" -H "Accept-Language: $lang"
		REQ="$REQ ($5, $lang)"
		expect_error "$3" "$4" "$lang"
	done
	check "meeting $2: $5's acknowledgement changed nothing" test "$(mversion admin "$2")" = "$_v"
}

open_meeting "$RD" awareness "t0655 研发部认知会 $TAG"
AW=$M
ack_refused yangjing "$AW" 403 err.ack.member "杨静, 市场部's lead"
get yangjing "/meet/$AW"
expect_body_lacks "action=\"/okr/meet/$AW/ack\"" "meeting $AW: no acknowledge button for 杨静 (市场部)"
get lina "/meet/$AW"
check "meeting $AW: an acknowledge button for 李娜 (平台组, below 研发部)" test -n "$(form_of "/okr/meet/$AW/ack")"
post lina "/meet/$AW/ack" ""
expect_status 303 "李娜 (平台组) acknowledges $AW: 303"
get admin "/meet/$AW"
expect_flat 'name="login" value="lina" checked' "meeting $AW: 李娜 is present"

open_meeting "$RD" consensus "t0655 研发部共识会 $TAG"
CM=$M
ack_refused wangfang "$CM" 409 err.ack.awareness "王芳 of 平台组, in 研发部's consensus meeting"
ack_refused lina "$CM" 409 err.ack.awareness "李娜, 平台组's lead, in 研发部's consensus meeting"
O=$(curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/unit/$PLAT" | grep -o 'href="/okr/objective/[0-9]*"' | head -1 | sed 's/[^0-9]//g')
post lina "/meet/$CM/verdict" "objective=$O&state=agree&login=wangfang&back=/okr/meet/$CM"
REQ="$REQ (signed off by wangfang, who tried to acknowledge)"
expect_error 400 err.verdict.signed

# ------------------------------------------- comments, closed cycle (7)
OP=$(curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/unit/$PLAT?cycle=$PREV" | grep -o 'href="/okr/objective/[0-9]*"' | head -1 | sed 's/[^0-9]//g')
check "an objective of 平台组 in the closed cycle $PREV ($OP)" test -n "$OP"
get wangfang "/objective/$OP"
N0=$(count_in_body '<li class="comment')
expect_body_lacks "action=\"/okr/edit/comment/$OP\"" "objective $OP (closed $PREV): no comment form"
expect_body_contains "$(msg en comments.closed)" "objective $OP (closed $PREV): says why there is none"
for lang in en zh-CN; do
	post wangfang "/edit/comment/$OP" "kind=comment" --data-urlencode "text=t0655 晚了 $TAG" -H "Accept-Language: $lang"
	REQ="$REQ (closed cycle $PREV, $lang)"
	expect_error 403 err.403.closed "$lang"
done
get wangfang "/objective/$OP"
expect_body_lacks "t0655 晚了 $TAG" "objective $OP: the refused comment is nowhere"
check "objective $OP: still $N0 comments" test "$(count_in_body '<li class="comment')" = "$N0"
get wangfang "/objective/$O"
check "objective $O (open $CUR): the comment form is there" test -n "$(form_of "/okr/edit/comment/$O")"
post wangfang "/edit/comment/$O" "kind=comment" --data-urlencode "text=t0655 还来得及 $TAG"
expect_status 303 "a comment on $O in the open cycle $CUR: 303"

# ----------------------------------------------- numbers and times (10)
get lina "/objective/$O"
K=$(flat | grep -o "<input type=\"text\" inputmode=\"decimal\" id=\"ci-$O-[0-9]*-value\"" | head -1 | sed "s/.*ci-$O-//; s/-value.*//")
check "a KR of $O checked in with a number ($K)" test -n "$K"
R0=$(kr_row "$K")
for lang in en zh-CN; do
	post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&confidence=0.6" \
	    --data-urlencode "value=3 5" -H "Accept-Language: $lang"
	REQ="$REQ (check-in value '3 5', $lang)"
	expect_status 400
	expect_flat "id=\"ci-$O-$K-value\" name=\"value\" value=\"3 5\"" "$REQ: the typed '3 5' is kept"
	expect_body_contains "<p class=\"field-error\">$(msg "$lang" err.field.number)</p>" "$REQ: the message beside the field"
done
get lina "/objective/$O"
check "KR $K: nothing checked in" test "$(kr_row "$K")" = "$R0"
post lina /edit/kr/new "objective=$O&kind=numeric&direction=increase&start=0&current=&weight=1&back=/okr/objective/$O" \
    --data-urlencode "target=3 5" --data-urlencode "title=t0655 3 5 $TAG"
REQ="$REQ (KR target '3 5')"
expect_status 400
check "$REQ: the typed target '3 5' is kept" test "$(input_value target)" = "3 5"
expect_body_contains "$(msg en err.field.number)" "$REQ: says it is not a number"
post lina /edit/kr/new "objective=$O&kind=numeric&direction=increase&start=0&current=&weight=1&back=/okr/objective/$O" \
    --data-urlencode "target=1 200" --data-urlencode "title=t0655 1 200 $TAG"
expect_status 303 "KR target '1 200' (thousands): 303"
get lina "/objective/$O"
expect_body_lacks "t0655 3 5 $TAG" "the refused KR is nowhere"
# A Chinese input method's full-width digits and percent sign are numbers.
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K" \
    --data-urlencode "value=１２" --data-urlencode "confidence=５０％"
expect_status 303 "check-in value '１２', confidence '５０％': 303"
doc lina "/objective/$O"
check "KR $K: current 12 and confidence 0.5 stored" \
    test "$(xpath "concat(//kr[@id='$K']/@current, ' ', //kr[@id='$K']/@confidence)")" = "12 0.5"
[ "$(tail -1 "$MUBIAO_RESULTS")" = ok ] ||
    note "got $(xpath "concat(//kr[@id='$K']/@current, ' ', //kr[@id='$K']/@confidence)")"

for t in 2026-02-30T00:00:00Z 2026-11-28T23:59:61Z 2026-11-28T24:00:00Z; do
	get wangfang "/xml?since=$t"
	expect_status 400 "/xml?since=$t: 400"
	"$MUBIAO_DIR/app/bin/mubiao-admin" -c "$MUBIAO_DIR/mubiao.conf" dump --since "$t" \
	    > /dev/null 2> "$TMP/adm.err"
	rc=$?
	check "mubiao-admin dump --since $t: refused (status $rc)" test $rc -eq 2
done
get wangfang "/xml/objective/$O?since=2026-02-28T23:59:59Z"
expect_status 200 "/xml/objective/$O?since=2026-02-28T23:59:59Z: 200"
