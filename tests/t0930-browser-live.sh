#!/bin/sh
# The live room in a real browser: tests/browser/live.mjs drives Debian's
# Chromium through playwright-core with JavaScript on: a review board in
# the presenter view (1280x720, the four quadrants on one screen) shows a
# check-in posted by another client without a reload (time reported,
# aim 2 s; 10 s is a hang guard), while
# a second open page of the same meeting keeps its half-typed minutes
# and check-in value (and saves the minutes); a participant following
# the presenter goes to the item the presenter moves to.  Screenshots of
# the presenter view and of a phone-width board (live-present.png
# and live-phone.png in $MUBIAO_SHOTS: build/screenshots under tests/run.sh).
# Installs what is missing, as t0900 does (tests/browser/install.sh).
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1

# live.mjs counts its own assertions into $MUBIAO_RESULTS and bounds
# itself (MUBIAO_BROWSER_BUDGET, 90 s); timeout is the last resort.
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    timeout -k 5 140 node "$B/live.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/live.mjs ends by itself (exit status $rc)"
exit 0
