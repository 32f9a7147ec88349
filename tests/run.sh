#!/bin/sh
# tests/run.sh [UNIT_BINARY...]: what `make test` runs after building.
# Runs each cmocka unit binary (one assertion each, by exit status), then
# starts one private stack (temp folder, free loopback port), runs every
# tests/t[0-9][0-9][0-9][0-9]-*.sh against it, stops it, and ends with the
# line "N passed, N failed"; exits 1 if anything failed.
# MUBIAO_KEEP=1 keeps the temp folder (stack, logs, fetched pages).
cd "$(dirname "$0")/.." || exit 2
MUBIAO_LIB_ONLY=1
. tests/lib.sh
unset MUBIAO_LIB_ONLY

MUBIAO_WORK=$(mktemp -d /tmp/mubiao-test.XXXXXX) || exit 2
chmod 755 "$MUBIAO_WORK"
MUBIAO_RESULTS=$MUBIAO_WORK/results
MUBIAO_DIR=$MUBIAO_WORK/stack
: > "$MUBIAO_RESULTS"
export MUBIAO_WORK MUBIAO_RESULTS MUBIAO_DIR

cleanup() {
	stack_stop "$MUBIAO_DIR"	# the one running when interrupted
	[ -n "${MUBIAO_KEEP:-}" ] || rm -rf "$MUBIAO_WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# -------------------------------------------------------- unit binaries
for bin in "$@"; do
	case $bin in */*) ;; *) bin=./$bin ;; esac
	echo "# unit: $bin"
	if [ ! -x "$bin" ]; then
		fail "unit: $bin (no such program)"
		continue
	fi
	timeout 120 "$bin" > "$MUBIAO_WORK/unit.out" 2>&1
	rc=$?
	sed 's/^/    /' "$MUBIAO_WORK/unit.out"
	if [ $rc -eq 0 ]; then
		ok "unit: $bin"
	else
		fail "unit: $bin (exit status $rc)"
	fi
done

# --------------------------------------------------------- the stacks
# The whole suite runs twice: behind nginx, then behind Apache 2.4
# (mod_proxy_fcgi), each a private server on a free loopback port in
# front of its own supervisor and store.  MUBIAO_SERVERS picks (default
# "nginx apache").
for server in ${MUBIAO_SERVERS:-nginx apache}; do
	MUBIAO_SERVER=$server
	MUBIAO_DIR=$MUBIAO_WORK/stack-$server
	export MUBIAO_SERVER MUBIAO_DIR
	if ! stack_start "$MUBIAO_DIR"; then
		fail "the $server test stack starts (conf/devstack.sh start)"
		continue
	fi
	MUBIAO_URL=http://127.0.0.1:$STACK_PORT/okr
	export MUBIAO_URL
	echo "# stack: $server, $MUBIAO_URL in $MUBIAO_DIR"
	for t in tests/t[0-9][0-9][0-9][0-9]-*.sh; do
		[ -f "$t" ] || continue
		echo "# $t ($server)"
		# Every script is bounded; a script that dies (not an assertion
		# failing last) counts as one failure.
		timeout 150 sh "$t"
		rc=$?
		[ $rc -le 1 ] || fail "$t ended with status $rc ($server)"
	done
	if grep -q '^fail' "$MUBIAO_RESULTS"; then
		echo "# the $server stack's logs:"
		stack_logs "$MUBIAO_DIR" 20
	fi
	stack_stop "$MUBIAO_DIR"
done

passed=$(grep -c '^ok' "$MUBIAO_RESULTS")
failed=$(grep -c '^fail' "$MUBIAO_RESULTS")
[ -n "${MUBIAO_KEEP:-}" ] && echo "# kept $MUBIAO_WORK"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
