#!/bin/sh
# The editing flow in a real browser: tests/browser/edit.mjs drives
# Debian's Chromium through playwright-core with JavaScript off: a unit
# lead's new objective aligned to a company KR, three KRs, a check-in and
# its score, two users' conflicting saves (409), CSP and console errors,
# and a screenshot (browser-objective.png in
# $MUBIAO_SHOTS: build/screenshots under tests/run.sh).
# Installs what is missing: the Debian package chromium (apt-get, as root
# or through sudo) and tests/browser/node_modules (npm ci from the
# committed package-lock.json), through tests/browser/install.sh.
# MUBIAO_CHROMIUM names another browser.
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1

# edit.mjs counts its own assertions into $MUBIAO_RESULTS and bounds
# itself (MUBIAO_BROWSER_BUDGET, 120 s); timeout is the last resort.
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    timeout -k 5 240 node "$B/edit.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/edit.mjs ends by itself (exit status $rc)"
exit 0
