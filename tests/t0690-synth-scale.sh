#!/bin/sh
# A synthetic company and what keeps pages small at scale, on a
# stack of its own with an empty store:
# - `mubiao-admin synth` loads exactly what it is asked, shows its
#   progress, refuses a store that is not empty and bad sizes, changing
#   nothing; `stats` counts the records and reports the store's size;
# - the pages of the synthetic company render from it;
# - feeds read only their scope: a team's export holds the team, its
#   people and their OKRs, nothing else;
# - a feed larger than feed-max-records is refused with 413 in the
#   user's language, and narrower feeds still answer;
# - with 600 people, the admin pages show 100 rows a page with links
#   before and after, and people are typed (a login), not chosen from a
#   list of everyone; what is typed is checked as before;
# - the alignment tree of a cycle of more than 3,000 objectives opens a
#   level at a time, on a second stack.
. "$(dirname "$0")/lib.sh"

ADMIN="$MUBIAO_DIR/app/bin/mubiao-admin"
if [ "$(id -u)" != 0 ] || [ ! -x "$ADMIN" ]; then
	note "not root: the synthetic company test is skipped"
	exit 0
fi
# Each pass starts from an empty store (the folder outlives its pass).
S=$MUBIAO_WORK/stack-synth
rm -rf "$S"
at_exit 'stack_stop "$S"'
if ! MUBIAO_DEMO=0 MUBIAO_FEED_MAX=300 stack_start "$S"; then
	fail "a stack with an empty store starts"
	exit 1
fi
ok "a stack with an empty store starts (port $STACK_PORT)"
MUBIAO_URL=http://127.0.0.1:$STACK_PORT/okr
adm() { "$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" "$@"; }
stat_of() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/stats"; }

# ------------------------------------------------------------- loading
adm synth -k 1000 -p 100 > "$TMP/synth.out" 2> "$TMP/synth.err"
check "synth -k 1000 -p 100 succeeds" test $? -eq 0
check "it shows its progress up to 100%" grep -q 'loading 1394 / 1394 records (100%)' "$TMP/synth.err"
check "it says what it loaded" grep -q '^1000 KRs, 100 people, 4 cycles loaded' "$TMP/synth.out"
adm stats > "$TMP/stats"
check "stats: 1000 key results ($(stat_of key-results))" test "$(stat_of key-results)" = 1000
check "stats: 100 people, 4 cycles, 19 units, 252 objectives" \
    test "$(stat_of people) $(stat_of cycles) $(stat_of units) $(stat_of objectives)" = "100 4 19 252"
check "stats: the size of the store's files" grep -q '^data-files *[0-9.]* MB$' "$TMP/stats"
cp "$TMP/stats" "$TMP/stats.before"

adm synth -k 1000 -p 100 > /dev/null 2> "$TMP/synth.err"
check "synth into a store that is not empty fails" test $? -eq 1
check "and says so" grep -q 'nothing loaded: the store is not empty' "$TMP/synth.err"
adm synth -k 0 > /dev/null 2>&1
check "synth -k 0: usage (exit 2)" test $? -eq 2
adm synth -k 12x > /dev/null 2>&1
check "synth -k 12x: usage (exit 2)" test $? -eq 2
adm synth -p > /dev/null 2>&1
check "synth -p without a number: usage (exit 2)" test $? -eq 2
adm stats > "$TMP/stats"
check "the refused runs changed nothing" cmp -s "$TMP/stats" "$TMP/stats.before"

# --------------------------------------------------------------- pages
get admin /
expect_status 200 "the synthetic company's home page: 200"
check "it shows the company's 10 objectives of $CUR" \
    test "$(count_in_body 'class="objective level-company"')" -eq 10
check "and its 10 departments" test "$(count_in_body 'href="/okr/unit/')" -ge 10
get admin /unit/12
expect_status 200 "team 1's page: 200"
expect_body_contains "Employee 21" "it lists its last member"
get admin /person/u13
expect_status 200 "person 13's page: 200"
check "it shows a cycle of OKRs for each of the 4 quarters" \
    test "$(count_in_body 'class="cycle-okrs')" -eq 4

# --------------------------------------------------------------- feeds
count_el() { grep -c "^ *<$1[ >]" "$TMP/body"; }
get admin /xml/unit/12
expect_status 200 "team 1's feed: 200"
check "it holds the team and only the team: 1 unit, 10 people" \
    test "$(count_el unit) $(count_el person)" = "1 10"
check "its 48 objectives (2 of the team and 10 personal, 4 quarters) and their 192 KRs" \
    test "$(count_el objective) $(count_el kr)" = "48 192"
check "no cycle-less record slipped in (4 cycles)" test "$(count_el cycle)" -eq 4
get admin /xml/person/u13
expect_status 200 "person 13's feed: 200"
check "it holds the person and their 4 objectives with 16 KRs" \
    test "$(count_el person) $(count_el objective) $(count_el kr)" = "1 4 16"
get admin /xml/objective/1
expect_status 200 "the first company objective's feed: 200"
check "it holds the objective and its 4 KRs" test "$(count_el objective) $(count_el kr)" = "1 4"

# More than feed-max-records (300 on this stack): refused, in the user's
# language.
get admin /xml -H 'Accept-Language: en'
expect_status 413 "/xml holds 1371 records, more than 300: 413"
expect_body_contains "more records than one answer may carry" "the refusal says why, in English"
get admin /xml/cycle -H 'Accept-Language: zh-CN'
expect_status 413 "/xml/cycle holds 432 records: 413"
expect_body_contains "超过单次响应的上限" "the refusal says why, in Chinese"
get admin /csv/cycle
expect_status 413 "/csv/cycle: 413"
get admin /atom/unit/1
expect_status 413 "the company's Atom feed (every unit below it): 413"
get admin /atom/unit/12
expect_status 200 "team 1's Atom feed: 200"
adm stats > "$TMP/stats"
check "the refused feeds changed nothing" cmp -s "$TMP/stats" "$TMP/stats.before"
adm dump > "$TMP/dump.xml"
check "mubiao-admin dump has no such limit: 1000 KRs" \
    test "$(grep -c '^ *<kr ' "$TMP/dump.xml")" -eq 1000

# ------------------------------------------------- admin at 600 people
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<mubiao xmlns=\"urn:mubiao:okr:1\" version=\"1\">"
	for (i = 1001; i <= 1500; i++)
		printf "<person id=\"%d\" unit=\"12\" manager=\"12\" role=\"member\" version=\"1\"><login>x%d</login><name>Extra %d</name></person>\n", i, i, i
	print "</mubiao>"
}' > "$TMP/people.xml"
adm load -f "$TMP/people.xml" > /dev/null 2>&1
check "500 more people loaded (mubiao-admin load)" test $? -eq 0
get admin /edit/admin/people
expect_status 200 "the people page of 600: 200"
check "it shows 100 people and the new-person form" \
    test "$(count_in_body 'action="/okr/edit/admin/person/')" -eq 101
# Ids 1-100 are the synthetic people, 1001-1500 the loaded ones.
expect_body_contains 'rel="next" href="/okr/edit/admin/people?from=1001"' "it links to the next 100"
expect_body_lacks 'rel="prev"' "and to no page before the first"
check "managers are typed, not chosen among 600" \
    test "$(count_in_body 'name="manager" maxlength="64"')" -eq 101
expect_body_lacks '<option value="x1500"' "no list of everyone"
get admin "/edit/admin/people?from=1001"
expect_body_contains 'rel="prev" href="/okr/edit/admin/people?from=1"' "page 2 links back to the first"
expect_body_contains 'rel="next" href="/okr/edit/admin/people?from=1101"' "and on to the next"
get admin "/edit/admin/people?from=1401"
expect_body_lacks 'rel="next"' "the last page links to no next"
expect_body_contains "Extra 1500" "and shows the last person"
get admin "/edit/admin/people?from=abc"
expect_status 400 "from=abc: 400"
post admin /edit/admin/person/1500 "version=1&login=x1500&unit=12&manager=u13&role=member" --data-urlencode "name=Extra 1500"
expect_status 303 "a typed manager (u13) is saved: 303"
adm dump > "$TMP/dump.xml"
check "the store holds the new manager" grep -q '<person id="1500" unit="12" manager="13"' "$TMP/dump.xml"
post admin /edit/admin/person/1500 "version=2&login=x1500&unit=12&manager=nobody&role=member" --data-urlencode "name=Extra 1500"
expect_status 400 "an unknown typed manager: 400"
expect_body_contains 'value="nobody"' "the form shows what was typed"
expect_body_contains 'rel="prev" href="/okr/edit/admin/people?from=1400"' \
    "on the page that begins with the row that failed"
adm dump > "$TMP/dump2.xml"
check "the refused edit changed nothing" cmp -s "$TMP/dump.xml" "$TMP/dump2.xml"
get admin /edit/admin/units
check "units (19) are still chosen from a list" \
    test "$(count_in_body '<select id="f1-parent"')" -eq 1
get admin "/edit/objective/1"
expect_status 200 "a company objective's form: 200"
expect_body_contains 'name="owner" maxlength="64" value="admin"' "its owner is typed: 600 people are too many to list"

# ------------------------------------- the tree of a large company
stack_stop "$S"
S2=$MUBIAO_WORK/stack-synth2
rm -rf "$S2"
at_exit 'stack_stop "$S2"'
if ! MUBIAO_DEMO=0 stack_start "$S2"; then
	fail "a second stack with an empty store starts"
	exit 1
fi
MUBIAO_URL=http://127.0.0.1:$STACK_PORT/okr
rm -f "$TMP/token.admin"
"$S2/app/bin/mubiao-admin" -c "$S2/mubiao.conf" synth -k 50000 -p 10000 > /dev/null 2>&1
check "synth -k 50000 -p 10000: 3,125 objectives a cycle" test $? -eq 0
get admin /tree
expect_status 200 "the tree of the large company: 200"
check "its 10 departments are links to their own trees" \
    test "$(count_in_body 'class="tree-open" href="/okr/tree?unit=')" -eq 10
check "the company's 10 objectives are there" \
    test "$(count_in_body 'class="oline level-company"')" -eq 10
expect_body_contains "title=\"$(msg en tree.partial)\">—</span>" "no total of what was not read, and it says why"
check "the page stays small ($(wc -c < "$TMP/body") bytes)" test "$(wc -c < "$TMP/body")" -lt 100000
get admin "/tree?unit=2" -H 'Accept-Language: zh-CN'
expect_status 200 "department 1's tree: 200"
check "its 100 teams, too many to open side by side, are links" \
    test "$(count_in_body 'class="tree-open"')" -eq 100
expect_body_contains "$(msg zh-CN tree.whole)" "it links back to the whole organisation, in Chinese"
get admin "/tree?unit=12"
expect_status 200 "team 1's tree: 200"
expect_body_lacks 'class="tree-open"' "a team opens whole"
check "with its 10 members and a total" \
    test "$(count_in_body 'class="node node-person"')" -eq 10 -a "$(count_in_body 'class="count"')" -ge 11
get admin "/tree?unit=12x"
expect_status 404 "/tree?unit=12x: 404"
get admin "/tree?unit=99999"
expect_status 404 "/tree?unit=99999 (no such unit): 404"
