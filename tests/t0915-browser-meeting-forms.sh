#!/bin/sh
# The meeting forms keep what was typed, in a real browser with JavaScript
# on: tests/browser/meeting-forms.mjs sends the plan, status, action-item,
# attendance and minutes, GROW and deferral forms with a bad value each
# and finds every typed value back in its field, the message beside the
# wrong one.  This script makes the meetings it needs (a review, a
# monthly and an action meeting of 研发部, open).
# Installs what is missing, as t0900 does (tests/browser/install.sh).
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1

RD=$(unit_id 研发部)
TODAY=$(date -u +%F)
CROW=$(cycle_row "$CUR")
CSTART=$(echo "$CROW" | cut -d' ' -f3)
CEND=$(echo "$CROW" | cut -d' ' -f4)
require "研发部 ($RD) and the cycle $CUR ($CSTART – $CEND)" test -n "$RD" -a -n "$CSTART" -a -n "$CEND"
open_meeting() {	# KIND: an open meeting of 研发部 today, its id
	post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=$1&due=$TODAY" --data-urlencode "title=t0915 $1"
	_m=$(loc_meeting)
	post zhangwei "/meet/$_m/open" "version=$(mversion zhangwei "$_m")"
	echo "$_m"
}
MR=$(open_meeting review)
MM=$(open_meeting monthly)
MA=$(open_meeting action)
require "zhangwei opens a review ($MR), a monthly ($MM) and an action meeting ($MA)" \
    test -n "$MR" -a -n "$MM" -a -n "$MA"

# meeting-forms.mjs counts its own assertions into $MUBIAO_RESULTS and
# bounds itself (MUBIAO_BROWSER_BUDGET, 60 s); timeout is the last resort.
MUBIAO_FORMS="$RD $MR $MM $MA $CSTART $CEND $(date -u -d "$CEND +10 days" +%F)" \
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    timeout -k 5 120 node "$B/meeting-forms.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/meeting-forms.mjs ends by itself (exit status $rc)"
exit 0
