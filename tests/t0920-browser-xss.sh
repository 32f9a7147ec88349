#!/bin/sh
# The XSS battery in a real browser (tests/browser/xss.mjs): hostile
# strings saved into every text field through the forms, then every page
# that shows them opened in Debian's Chromium with JavaScript on: no
# script runs, none is injected, the layout holds.  Installs what is
# missing like t0900 (tests/browser/install.sh).
. "$(dirname "$0")/lib.sh"

. "$TESTS_ROOT/tests/browser/install.sh"
browser_install || exit 1
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    timeout -k 5 200 node "$B/xss.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/xss.mjs ends by itself (exit status $rc)"
exit 0
