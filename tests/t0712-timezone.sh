#!/bin/sh
# The timezone setting: a stack in Asia/Shanghai (UTC+8) whose test clock
# stands at 2027-01-17T16:30:00Z, Sunday evening in UTC but already
# Monday 2027-01-18, 00:30, in Beijing.  A check-in made then shows the
# local time and day with its zone (the machine's UTC stays in datetime
# and in the export); "today" and the review board's week are Beijing's;
# a zone name that is none refuses to start, naming the line.
. "$(dirname "$0")/lib.sh"

zone_stack t0712 2027-01-17T16:30:00Z

check "the page's today is Beijing's Monday 2027-01-18 (got $(doc_xpath admin / 'string(/page/@today)'))" \
    test "$(doc_xpath admin / 'string(/page/@today)')" = 2027-01-18
CY=$(doc_xpath admin / 'string(/page/cycles/cycle[@current="1"]/@name)')
check "the current cycle is 2027-Q1 (got '$CY')" test "$CY" = 2027-Q1

# ------------------------------------------------------------ a check-in
checkin_target
NOTE="t0712-$(uniq_tag)"
curl -s -o /dev/null --max-time 10 -u admin:admin "$U/edit/checkin/$O" \
    --data "token=$TOK&kr=$K&value=7&confidence=0.5&note=$NOTE"
doc admin "/objective/$O" > /dev/null
CI="//kr[@id='$K']/checkin[note='$NOTE']"
check "check-in $NOTE: stored at 2027-01-17T16:30:00Z (UTC, for machines)" \
    test "$(xpath "string($CI/@at)")" = 2027-01-17T16:30:00Z
check "check-in $NOTE: local time 2027-01-18 00:30, zone UTC+8 (got '$(xpath "string($CI/@local)") $(xpath "string($CI/@zone)")')" \
    test "$(xpath "string($CI/@local)") $(xpath "string($CI/@zone)")" = "2027-01-18 00:30 UTC+8"
check "check-in $NOTE: on Beijing's day 2027-01-18" test "$(xpath "string($CI/@date)")" = 2027-01-18
get admin "/objective/$O"
expect_body_contains '<time datetime="2027-01-17T16:30:00Z">2027-01-18 00:30 <span class="zone">UTC+8</span></time>' \
    "objective page: the check-in shows 00:30 on 2027-01-18 with its zone, UTC in datetime"
get admin "/xml/objective/$O"
expect_body_contains 'at="2027-01-17T16:30:00Z"' "the objective's XML export keeps the check-in in UTC"

# ------------------------------------------------------ the board's week
RD=$(unit_id 研发部)
post zhangwei /meet/new "unit=$RD&cycle=$CY&kind=review&due=2027-01-18" --data-urlencode "title=t0712 周会"
M=$(loc_meeting)
check "a review of 研发部 planned for 2027-01-18 (meeting '$M')" test -n "$M"
post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")&back=/okr/meet/$M"
expect_status 303 "review $M opened"
post zhangwei "/meet/$M/action" "owner=wangfang&due=2027-01-17&back=/okr/meet/$M" --data-urlencode "title=t0712 上周日"
post zhangwei "/meet/$M/action" "owner=wangfang&due=2027-01-24&back=/okr/meet/$M" --data-urlencode "title=t0712 本周日"
doc zhangwei "/meet/$M" > /dev/null
check "board week: Monday 2027-01-18 to Sunday 2027-01-24 in Beijing (got $(xpath 'string(//board/week/@from)') – $(xpath 'string(//board/week/@to)'))" \
    test "$(xpath 'string(//board/week/@from)')/$(xpath 'string(//board/week/@to)')" = 2027-01-18/2027-01-24
check "this week holds the item due Sunday 2027-01-24, not next month" \
    test "$(xpath "count(//board/week/action[title='t0712 本周日'])")/$(xpath "count(//board/month/action[title='t0712 本周日'])")" = 1/0
check "the item due 2027-01-17 is last week's: overdue, open, in this week's quadrant" \
    test "$(xpath "count(//board/week/action[title='t0712 上周日'][@due='2027-01-17'])")" = 1

# --------------------------------------------------------- a bad zone name
sed '/^timezone/d' "$S/mubiao.conf" > "$TMP/bad.conf"
echo "timezone = Asia/Beijing" >> "$TMP/bad.conf"
LINE=$(wc -l < "$TMP/bad.conf" | tr -d ' ')
timeout 20 "$S/app/bin/mubiao-admin" -c "$TMP/bad.conf" stats > "$TMP/bad.out" 2>&1
RC=$?
check "mubiao-admin refuses timezone = Asia/Beijing (exit $RC)" test "$RC" != 0 -a "$RC" != 124
check "it names the line: bad.conf:$LINE: bad value for timezone ($(head -c 200 "$TMP/bad.out"))" \
    grep -q "bad.conf:$LINE: bad value for timezone: not a time zone" "$TMP/bad.out"
timeout 20 "$S/app/bin/mubiao-super" -c "$TMP/bad.conf" -p "$TMP/bad.pid" > "$TMP/super.out" 2>&1
RC=$?
check "mubiao-super refuses to start with it (exit $RC)" test "$RC" != 0 -a "$RC" != 124
check "and says why: bad value for timezone" grep -q "bad.conf:$LINE: bad value for timezone" "$TMP/super.out"
