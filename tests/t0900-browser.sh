#!/bin/sh
# The editing flow in a real browser: tests/browser/edit.mjs drives
# Debian's Chromium through playwright-core with JavaScript off: a unit
# lead's new objective aligned to a company KR, three KRs, a check-in and
# its score, two users' conflicting saves (409), CSP and console errors,
# and a screenshot ($MUBIAO_WORK/browser-objective.png, kept with
# MUBIAO_KEEP=1 under tests/run.sh).
# Installs what is missing: the Debian package chromium (apt-get, as root
# or through sudo) and tests/browser/node_modules (npm ci from the
# committed package-lock.json).  MUBIAO_CHROMIUM names another browser.
. "$(dirname "$0")/lib.sh"

B=$TESTS_ROOT/tests/browser
CHROMIUM=${MUBIAO_CHROMIUM:-/usr/bin/chromium}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_chromium() {
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
}

if [ ! -x "$CHROMIUM" ]; then
	echo "# installing Debian's chromium (log: $TMP/apt.log)"
	{ apt_chromium || { as_root apt-get update -qq && apt_chromium; }; } \
	    > "$TMP/apt.log" 2>&1
fi
if ! check "browser: Chromium is installed ($CHROMIUM)" test -x "$CHROMIUM"; then
	tail -n 5 "$TMP/apt.log" 2>/dev/null | sed 's/^/#   /'
	exit 1
fi

if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
	fail "browser: node (20 or later) and npm are installed"
	exit 1
fi

# npm ci again whenever the lock changed since the last install.
if ! cmp -s "$B/package-lock.json" "$B/node_modules/.mubiao-lock" 2>/dev/null; then
	echo "# npm ci --prefix tests/browser (log: $TMP/npm.log)"
	timeout 100 npm ci --prefix "$B" --no-audit --no-fund > "$TMP/npm.log" 2>&1 &&
	    cp "$B/package-lock.json" "$B/node_modules/.mubiao-lock"
fi
if ! check "browser: playwright-core is installed (npm ci --prefix tests/browser)" \
    test -f "$B/node_modules/.mubiao-lock"; then
	tail -n 5 "$TMP/npm.log" 2>/dev/null | sed 's/^/#   /'
	exit 1
fi

# edit.mjs counts its own assertions into $MUBIAO_RESULTS and bounds
# itself (MUBIAO_BROWSER_BUDGET, 120 s); timeout is the last resort.
MUBIAO_CHROMIUM=$CHROMIUM MUBIAO_WORK=${MUBIAO_WORK:-$TMP} \
    timeout -k 5 240 node "$B/edit.mjs"
rc=$?
[ $rc -le 1 ] || fail "browser: tests/browser/edit.mjs ends by itself (exit status $rc)"
exit 0
