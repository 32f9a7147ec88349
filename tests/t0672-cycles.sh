#!/bin/sh
# A day belongs to one cycle: a cycle whose dates overlap another's is
# refused, by the admin form (400, the row back as typed, the message
# beside both dates naming the cycle overlapped, in the user's language)
# and by the XML import (400, the line and the cycle named, nothing
# stored).  The same span twice is a parallel track, not an overlap.
. "$(dirname "$0")/lib.sh"

C1=t0672a-$$
C2=t0672b-$$
# Two long-past quarters of this run's own year, clear of other runs.
Y=$(( 1971 + $$ % 29 ))
post admin /edit/admin/cycle/new "name=$C1&start=$Y-01-01&end=$Y-03-31&state=closed"
expect_status 303 "admin adds cycle $C1 ($Y Q1): 303"

# The admin form's row of the last answer's failed form, as XML.
field_attr() {	# FIELD ATTR
	xpath "string(/page/admin/form[@status='invalid']/field[@name='$1']/@$2)"
}
doc admin /edit/admin/cycle/new -X POST --data \
    "token=$(token admin)&name=$C2&start=$Y-03-31&end=$Y-06-30&state=planning"
check "a cycle sharing its first day with $C1's last: 400" test "$(cat "$TMP/doc.status")" = 400
for f in start end; do
	check "the overlap is said beside $f" test "$(field_attr $f error)" = err.field.cycle-overlap
	check "the message beside $f names $C1" test "$(field_attr $f error-about)" = "$C1"
done
check "start kept as typed" test "$(field_attr start value)" = "$Y-03-31"
check "end kept as typed" test "$(field_attr end value)" = "$Y-06-30"
check "name kept as typed" test "$(field_attr name value)" = "$C2"
check "state kept as typed" test "$(field_attr state value)" = planning

post admin /edit/admin/cycle/new "name=$C2&start=$Y-02-01&end=$Y-02-28&state=planning" \
    -H 'Accept-Language: zh-CN'
expect_status 400 "a cycle inside $C1 (zh-CN): 400"
check "the Chinese message beside the start names $C1" grep -q \
    "<p class=\"field-error\" id=\"f[0-9]*-start-err\">$(msg zh-CN err.field.cycle-overlap) <span class=\"error-about\">$C1</span></p>" "$TMP/body"

post admin /edit/admin/cycle/new "name=$C2&start=$Y-04-01&end=$Y-06-30&state=closed"
expect_status 303 "the quarter after $C1: 303"
R2=$(cycle_row "$C2")
doc admin "/edit/admin/cycle/${R2%% *}" -X POST --data \
    "token=$(token admin)&version=$(echo "$R2" | cut -d' ' -f2)&name=$C2&start=$Y-03-01&end=$Y-06-30&state=closed"
check "moving $C2's start into $C1: 400" test "$(cat "$TMP/doc.status")" = 400
check "the edited row names $C1" test "$(field_attr start error-about)" = "$C1"
check "$C2 keeps its dates" test "$(cycle_row "$C2" | cut -d' ' -f3)" = "$Y-04-01"

# The same span twice is a parallel track of the quarter.
post admin /edit/admin/cycle/new "name=${C2}p&start=$Y-04-01&end=$Y-06-30&state=closed"
expect_status 303 "a second cycle over exactly $C2's dates: 303"

# ------------------------------------------------------------ import
B=$(( 672000 + ($$ % 1000) * 10 ))
printf '%s\n%s\n%s\n' '<mubiao xmlns="urn:mubiao:okr:1" version="1">' \
    "<cycle id=\"$B\" start=\"$Y-06-15\" end=\"$Y-09-30\" state=\"closed\" version=\"1\"><name>t0672c-$$</name></cycle>" \
    '</mubiao>' > "$TMP/overlap.xml"
post admin /edit/admin/import "" --data-urlencode "xml@$TMP/overlap.xml"
expect_status 400 "import of a cycle overlapping $C2: 400"
expect_body_contains "line 2" "import: the cycle's line is named"
expect_body_contains "overlap those of cycle $C2" "import: the cycle overlapped is named"
check "import: no such cycle stored" test -z "$(cycle_row "t0672c-$$")"
