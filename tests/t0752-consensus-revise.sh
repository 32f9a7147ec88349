#!/bin/sh
# A consensus meeting revises any term of a proposed KR: title, start,
# target, due date and unit label, not the title alone.  The store holds
# the new terms (the meeting's XML export keeps old and new in the
# verdict), the decision log shows old → new for each term changed, and
# a term not sent stays as it was.  A revision that breaks a rule of KRs
# (a due date outside the cycle, a start that is no number), a missing
# note or no one signing off is refused (400) with the meeting page and
# the verdict form as typed, the message beside the wrong field, in the
# user's language; nothing changes.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
CO=$(unit_id '星河科技 Xinghe Tech')
require "the company's unit id ($CO) found on the tree" test -n "$CO"
TODAY=$(date -u +%F)
own_cycle t0752-$$ planning

curl -s --max-time 10 -o /dev/null -u chenming:chenming "$MUBIAO_URL/edit/objective/new" \
    --data "token=$(token chenming)&cycle=$CYC&unit=$CO&state=draft" --data-urlencode "title=t0752 目标 $TAG"
O=$(doc_xpath chenming "/unit/$CO?cycle=$CYC" "string((//objective[title='t0752 目标 $TAG']/@id)[1])")
K1T="t0752 12月31日前付费客户从 10 增至 120 家 $TAG"
K1=$(kr_new zhangwei "$O" "$K1T" zhangwei 10 120 10)
K2=$(kr_new zhangwei "$O" "t0752 续约率达到 85% $TAG" zhangwei 70 85 70)
require "a draft objective $O with proposed KRs $K1 $K2" test -n "$O" -a -n "$K1" -a -n "$K2"

post chenming /meet/new "unit=$CO&cycle=$CYC&kind=consensus&due=$TODAY" --data-urlencode "title=t0752 共识会 $TAG"
M=$(loc_meeting)
post chenming "/meet/$M/open" "version=$(mversion chenming "$M")"
post chenming "/meet/$M/attendance" "version=$(mversion chenming "$M")&login=chenming&login=zhangwei"
expect_status 303 "meeting $M open, 陈明 and 张伟 present: 303"

# The form offers every term, filled with the KR's current ones.
doc chenming "/meet/$M"
get chenming "/meet/$M"
F=$(form_of "/okr/meet/$M/verdict" | head -1)
kform() {	# K: the verdict form of KR K on the last body
	tr -d '\n' < "$TMP/body" | sed 's/<li id="ck-/\n&/g' | grep "^<li id=\"ck-$1\"" |
	    grep -o '<form class="verdict".*</form>'
}
kvalue() {	# K NAME
	kform "$1" | grep -o "<input [^>]*name=\"$2\"[^>]*>" | sed -n 's/.* value="\([^"]*\)".*/\1/p'
}
check "KR $K1's form: start 10, target 120, no due date pre-filled" \
    test "$(kvalue "$K1" start)|$(kvalue "$K1" target)|$(kvalue "$K1" due)" = "10|120|"
check "KR $K1's form: its title pre-filled" test "$(kvalue "$K1" title)" = "$K1T"

# Refused revisions: the form comes back as typed, nothing changes.
S=$(doc_xpath chenming "/xml/meeting/$M" 'count(//*[local-name()="verdict"])')$(doc_xpath chenming "/objective/$O" "string(//kr[@id=$K1]/@version)")
post chenming "/meet/$M/verdict" "kr=$K1&state=revise&start=ten&target=150&due=2099-01-01&unit-label=家&login=zhangwei" \
    --data-urlencode "title=$K1T 改" --data-urlencode "note=t0752 理由 $TAG"
expect_status 400 "a revision with start 'ten' and a due date outside the cycle: 400"
check "the typed title, start, target, due, unit and note are back in KR $K1's form" \
    test "$(kvalue "$K1" title)|$(kvalue "$K1" start)|$(kvalue "$K1" target)|$(kvalue "$K1" due)|$(kvalue "$K1" unit-label)|$(kvalue "$K1" note)" = \
    "$K1T 改|ten|150|2099-01-01|家|t0752 理由 $TAG"
check "'revise' stays chosen" test -n "$(kform "$K1" | grep -o '<input type="radio" name="state" value="revise" checked')"
check "only 张伟 stays ticked" \
    test "$(kform "$K1" | grep -o '<input type="checkbox" name="login" value="[a-z]*" checked' | sed 's/.*value="//; s/".*//' | tr '\n' ' ')" = "zhangwei "
check "'$(msg en err.field.number)' beside the start" \
    test -n "$(kform "$K1" | grep -o "name=\"start\"[^>]*><p class=\"field-error\">$(msg en err.field.number)")"
check "'$(msg en err.field.date-outside-cycle)' beside the due date" \
    test -n "$(kform "$K1" | grep -o "name=\"due\"[^>]*><p class=\"field-error\">$(msg en err.field.date-outside-cycle)")"
expect_body_contains "$(msg en err.verdict.terms)" "$REQ: says the new terms break a rule"
check "KR $K2's form is not touched by KR $K1's refusal" test "$(kvalue "$K2" start)" = 70
post chenming "/meet/$M/verdict" "kr=$K1&state=revise&start=10&target=150&login=chenming" \
    --data-urlencode "title=$K1T" -H 'Accept-Language: zh-CN'
expect_status 400 "a revision without a note (zh-CN): 400"
expect_body_contains "$(msg zh-CN err.verdict.note)" "$REQ: says a note is needed, in Chinese"
check "$REQ: the typed target 150 is kept" test "$(kvalue "$K1" target)" = 150
post chenming "/meet/$M/verdict" "kr=$K1&state=revise&start=10&target=150&note=x" --data-urlencode "title=$K1T"
expect_status 400 "a revision no one signs off: 400"
check "$REQ: '$(msg en err.verdict.signed)' beside the signers" \
    test -n "$(kform "$K1" | grep -o "<fieldset class=\"signers\">.*<p class=\"field-error\">$(msg en err.verdict.signed)</p></fieldset>")"
check "nothing changed by the refusals" \
    test "$(doc_xpath chenming "/xml/meeting/$M" 'count(//*[local-name()="verdict"])')$(doc_xpath chenming "/objective/$O" "string(//kr[@id=$K1]/@version)")" = "$S"

# The revision: every term at once.
DUE=$(date -u -d "$CEND -10 days" +%F)
post chenming "/meet/$M/verdict" "kr=$K1&state=revise&start=20&target=150&due=$DUE&unit-label=家&login=chenming&login=zhangwei" \
    --data-urlencode "title=$K1T 修订" --data-urlencode "note=t0752 目标再高一点 $TAG"
expect_status 303 "KR $K1 revised: start 20, target 150, due $DUE, unit 家: 303"
doc chenming "/objective/$O"
check "the store holds KR $K1's new terms" \
    test "$(xpath "concat(//kr[@id=$K1]/@start, '|', //kr[@id=$K1]/@target, '|', //kr[@id=$K1]/@due, '|', //kr[@id=$K1]/@unit-label, '|', //kr[@id=$K1]/title)")" = \
    "20|150|$DUE|家|$K1T 修订"
doc chenming "/xml/meeting/$M"
VD="//*[local-name()='verdict'][@kr=$K1]"
check "the export's verdict keeps old and new terms" \
    test "$(xpath "concat($VD/@was-start, '>', $VD/@start, ' ', $VD/@was-target, '>', $VD/@target, ' ', $VD/@was-due, '>', $VD/@due, ' ', $VD/*[local-name()='unit-label'])")" = \
    "10>20 120>150 >$DUE 家"
check "the meeting's export validates against the schema" \
    xmllint --noout --relaxng "$TESTS_ROOT/xslt/mubiao.rng" "$TMP/doc"
post admin /edit/admin/import "" --data-urlencode "xml@$TMP/doc"
expect_body_contains "$(msg en import.done)" "the export imported back"
check "the verdict read back keeps its old and new terms" \
    test "$(doc_xpath chenming "/xml/meeting/$M" "concat($VD/@was-start, '>', $VD/@start, ' ', $VD/*[local-name()='was-text'])")" = "10>20 $K1T"
get chenming "/meet/$M"
LOG=$(section_of consensus | grep -o '<ol class="verdicts">.*</ol>')
for t in "start|10|20" "target|120|150" "due||$DUE" "unit-label||家" "title|$K1T|$K1T 修订"; do
	IFS='|' read -r term from to <<EOF
$t
EOF
	check "the log shows $term: '$from' → '$to'" \
	    test -n "$(printf '%s' "$LOG" | grep -F "<span class=\"change change-$term\">$(msg en "field.$term") <del>$from</del> → <ins>$to</ins></span>")"
done

# A revision that sends the title alone keeps the other terms.
post chenming "/meet/$M/verdict" "kr=$K2&state=revise&login=zhangwei&note=x" --data-urlencode "title=t0752 续约率达到 88% $TAG"
expect_status 303 "KR $K2 revised by its title alone: 303"
check "KR $K2 keeps start 70 and target 85" \
    test "$(doc_xpath chenming "/objective/$O" "concat(//kr[@id=$K2]/@start, '|', //kr[@id=$K2]/@target)")" = "70|85"
