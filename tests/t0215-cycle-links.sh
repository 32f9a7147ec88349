#!/bin/sh
# Pages keep the cycle they show.  A page of another cycle than the
# current one (a meeting, an objective, ?cycle=) links home, the tree,
# units, people and the meeting calendar in that cycle; its "new
# objective" makes one there, and the form lands back in that cycle.  The
# current cycle's links stay bare (/okr/unit/2), as bookmarks and the page
# cache know them.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
require "unit id of 研发部: $RD" test -n "$RD"
# A cycle of our own, in planning, long past: the demo's current cycle
# stays the current one, and the next cycle (t0680) still follows it.
Y=$((1971 + $$ % 20))
C="t0215-$$"
post admin /edit/admin/cycle/new "name=$C&start=$Y-01-01&end=$Y-03-31&state=planning"
require "admin adds cycle $C ($Y-01-01 – $Y-03-31, planning): 303" test "$(cat "$TMP/status")" = 303

# Local links of the last body, decoded, one a line.
links() {
	grep -o 'href="/okr/[^"]*"' "$TMP/body" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' | sort -u
}
# Links to the pages that show a cycle: home, tree, units, people, the
# meeting calendar.
cycle_links() {
	links | grep -E '^/okr/($|\?|tree|unit/|person/|meet/unit/)'
}
# The last page's links to those pages all name cycle $C, and there are
# some (at least N).
in_cycle() {	# N WHAT
	cycle_links > "$TMP/links"
	check "$2: $(wc -l < "$TMP/links") links to pages of a cycle (at least $1)" \
	    test "$(wc -l < "$TMP/links")" -ge "$1"
	grep -v "[?&]cycle=$C\$" "$TMP/links" > "$TMP/off"
	if [ -s "$TMP/off" ]; then
		fail "$2: every one stays in $C"
		note "$(head -5 "$TMP/off" | tr '\n' ' ')"
	else
		ok "$2: every one stays in $C"
	fi
}

# ------------------------------------------------ a meeting of cycle C
post zhangwei /meet/new "unit=$RD&cycle=$C&kind=review&due=$Y-01-15" --data-urlencode "title=t0215 $TAG"
M=$(loc_meeting)
require "zhangwei plans a review meeting of 研发部 in $C ($M)" test -n "$M"
get zhangwei "/meet/$M"
expect_status 200
in_cycle 4 "meeting $M of $C"
check "meeting $M: its calendar link is /okr/meet/unit/$RD?cycle=$C" \
    grep -qx "/okr/meet/unit/$RD?cycle=$C" "$TMP/links"

# ------------------------------------------- a unit page of cycle C
get zhangwei "/unit/$RD?cycle=$C"
expect_status 200
in_cycle 5 "unit $RD in $C"
NEW=$(links | grep "^/okr/edit/objective/new?unit=$RD")
check "unit $RD in $C: 'new objective' names $C ($NEW)" test "$NEW" = "/okr/edit/objective/new?unit=$RD&cycle=$C"

# The form lands back on the page it came from (Referer), else in $C.
get zhangwei "${NEW#/okr}" -H "Referer: $MUBIAO_URL/unit/$RD?cycle=$C"
expect_status 200
check "the form opened from unit $RD in $C goes back there" \
    test "$(input_value back)" = "/okr/unit/$RD?cycle=$C"
check "the form's cycle is $C" test "$(input_value cycle)" = "$C"
get zhangwei "${NEW#/okr}"
back=$(input_value back)
check "the form opened from nowhere goes back to $C's home ($back)" test "$back" = "/okr/?cycle=$C"
in_cycle 3 "the new-objective form of $C"
post zhangwei /edit/objective/new "cycle=$C&unit=$RD&back=$back" --data-urlencode "title=t0215 $TAG"
expect_status 303 "the new objective of $C is saved: 303"
check "and lands on $C's home page ($(location))" test "$(location)" = "/okr/?cycle=$C"
O=$(doc_xpath zhangwei "/unit/$RD?cycle=$C" "string((/page/objective[title='t0215 $TAG']/@id)[1])")
check "objective $O is in $C" test -n "$O"

# --------------------------------------- its objective page is of C
get zhangwei "/objective/$O"
expect_status 200
in_cycle 4 "objective $O of $C"
doc zhangwei "/objective/$O"
check "objective $O: the page's cycle is $C" test "$(xpath 'string(/page/cycles/@selected)')" = "$C"

# ---------------------------------- the current cycle's links are bare
get zhangwei "/unit/$RD"
cycle_links > "$TMP/links"
check "unit $RD in the current cycle: $(wc -l < "$TMP/links") links to pages of a cycle" test -s "$TMP/links"
check "unit $RD in the current cycle: none names a cycle" sh -c "! grep -q 'cycle=' '$TMP/links'"
check "unit $RD in the current cycle: 'new objective' is /okr/edit/objective/new?unit=$RD" \
    sh -c "grep -o 'href=\"/okr/edit/objective/new?[^\"]*\"' '$TMP/body' | grep -qx 'href=\"/okr/edit/objective/new?unit=$RD\"'"
get zhangwei "/unit/$RD?cycle=$CUR"
cycle_links > "$TMP/links"
check "unit $RD?cycle=$CUR (the current one): links stay bare" sh -c "! grep -q 'cycle=' '$TMP/links'"
