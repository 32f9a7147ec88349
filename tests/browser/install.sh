# tests/browser/install.sh: sourced by the browser tests (t0900, t0910)
# after tests/lib.sh.  browser_install installs what is missing and counts
# two assertions: the Debian package chromium (apt-get, as root or through
# sudo) and tests/browser/node_modules (npm ci from the committed
# package-lock.json, again whenever the lock changed).  It sets B (this
# folder) and CHROMIUM (MUBIAO_CHROMIUM names another browser) and
# returns 1 when the test cannot run.

B=$TESTS_ROOT/tests/browser
CHROMIUM=${MUBIAO_CHROMIUM:-/usr/bin/chromium}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_chromium() {
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei
}

browser_install() {
	if [ ! -x "$CHROMIUM" ]; then
		echo "# installing Debian's chromium (log: $TMP/apt.log)"
		{ apt_chromium || { as_root apt-get update -qq && apt_chromium; }; } \
		    > "$TMP/apt.log" 2>&1
	fi
	if ! check "browser: Chromium is installed ($CHROMIUM)" test -x "$CHROMIUM"; then
		tail -n 5 "$TMP/apt.log" 2>/dev/null | sed 's/^/#   /'
		return 1
	fi

	if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
		fail "browser: node (20 or later) and npm are installed"
		return 1
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
		return 1
	fi
	return 0
}
