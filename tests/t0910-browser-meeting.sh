#!/bin/sh
# A whole review meeting in a real browser: tests/browser/meeting.mjs
# drives Debian's Chromium through playwright-core with JavaScript off:
# zhangwei plans a review meeting from his unit's calendar, opens it,
# takes attendance, checks in two KRs on the board, adds an action item
# for this week and closes it; a later check-in (admin, from the objective
# page) leaves the closed meeting's board as it was.  Also CSP and console
# errors, and a screenshot of the frozen board
# (browser-meeting.png in $MUBIAO_SHOTS: build/screenshots
# under tests/run.sh).
# Installs what is missing, as t0900 does (tests/browser/install.sh):
# the Debian package chromium and tests/browser/node_modules.
# MUBIAO_CHROMIUM names another browser.
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1

# meeting.mjs counts its own assertions into $MUBIAO_RESULTS and bounds
# itself (MUBIAO_BROWSER_BUDGET, 60 s); timeout is the last resort.
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    timeout -k 5 120 node "$B/meeting.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/meeting.mjs ends by itself (exit status $rc)"
exit 0
