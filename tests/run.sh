#!/bin/sh
# tests/run.sh [UNIT_BINARY...]: what `make test` runs after building.
# Runs each cmocka unit binary (one assertion each, by exit status), then
# for each pass starts one private stack (temp folder, free loopback
# port), runs the pass's tests/t[0-9][0-9][0-9][0-9]-*.sh against it,
# stops it; ends with each pass's time and the line "N passed, N failed";
# exits 1 if anything failed.
# MUBIAO_KEEP=1 keeps the temp folder (stack, logs, fetched pages);
# MUBIAO_PASSES picks the passes, MUBIAO_TESTS the scripts (a glob: then
# every pass runs them all, but for the valgrind pass's exceptions);
# MUBIAO_FUZZ_TIME (seconds) is the fuzzing's time, for the report.
cd "$(dirname "$0")/.." || exit 2
MUBIAO_LIB_ONLY=1
. tests/lib.sh
unset MUBIAO_LIB_ONLY

MUBIAO_WORK=$(mktemp -d /tmp/mubiao-test.XXXXXX) || exit 2
chmod 755 "$MUBIAO_WORK"
MUBIAO_RESULTS=$MUBIAO_WORK/results
MUBIAO_DIR=$MUBIAO_WORK/stack
: > "$MUBIAO_RESULTS"
# The browser tests' screenshots stay after the run, in build/screenshots.
MUBIAO_SHOTS=$(pwd)/build/screenshots
rm -rf "$MUBIAO_SHOTS" && mkdir -p "$MUBIAO_SHOTS" && chmod 755 "$MUBIAO_SHOTS"
export MUBIAO_WORK MUBIAO_RESULTS MUBIAO_DIR MUBIAO_SHOTS

cleanup() {
	stack_stop "$MUBIAO_DIR"	# the one running when interrupted
	[ -n "${MUBIAO_KEEP:-}" ] || rm -rf "$MUBIAO_WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# -------------------------------------------------------- unit binaries
START=$(date +%s)
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
# The whole suite runs behind nginx, and behind nginx again with the
# programs built with ASan and UBSan (build/asan, `make asan`), where any
# sanitizer report is a failure.  Behind Apache 2.4 (mod_proxy_fcgi) run
# the scripts whose requests and answers depend on the server in front:
# headers, statuses and bodies, language and cookies, hosts and feeds'
# links, validators, worker restarts, sockets, a browser.  With every
# worker under valgrind memcheck (20 to 50 times slower) run the
# programs' paths, less the scripts about timing, kills, browsers, load
# and scale, and t0105's crawl (t0100's pages again, twice): any memory
# error or definite leak when they end is a failure.  Each pass has a private server on a free loopback port in
# front of its own supervisor and store.  MUBIAO_PASSES picks (default
# "nginx apache asan valgrind").
APACHE_TESTS="t0100 t0200 t0300 t0305 t0400 t0500 t0650 t0718 t0810 t0860 t0900 t0935 t0950"
# Behind nginx only: t0105 compares every page with the base revision's
# (bytes, not memory: the asan pass checks the same paths through t0100).
NGINX_ONLY="t0105"
# Every script is bounded, at 150 s; these crawl every page, at more.
LONG_TESTS="t0105"
VALGRIND_SKIP="t0105 t0500 t0665 t0690 t0719 t0870 t09"

# Whether pass PASS runs script T.
pass_runs() {	# PASS T
	_n=$(basename "$2")
	_n=${_n%%-*}
	case $1 in
	asan)
		[ -z "${MUBIAO_TESTS:-}" ] || return 0
		case " $NGINX_ONLY " in *" $_n "*) return 1 ;; esac ;;
	valgrind)
		for _s in $VALGRIND_SKIP; do
			case $_n in "$_s"*) return 1 ;; esac
		done ;;
	apache)
		[ -z "${MUBIAO_TESTS:-}" ] || return 0
		case " $APACHE_TESTS " in *" $_n "*) return 0 ;; esac
		return 1 ;;
	esac
	return 0
}

TIMES=
[ -z "${MUBIAO_FUZZ_TIME:-}" ] || TIMES="fuzzing $MUBIAO_FUZZ_TIME s"
[ $# -eq 0 ] || TIMES="${TIMES:+$TIMES, }unit tests $(( $(date +%s) - START )) s"
for pass in ${MUBIAO_PASSES:-nginx apache asan valgrind}; do
	pass_start=$(date +%s)
	server=$pass
	MUBIAO_BUILD=build/test
	unset ASAN_OPTIONS UBSAN_OPTIONS
	if [ "$pass" = asan ]; then
		if [ ! -x build/asan/okr-read ]; then
			fail "the asan pass: build/asan holds the programs (make asan)"
			continue
		fi
		server=nginx MUBIAO_BUILD=build/asan
		SANLOG=$MUBIAO_WORK/sanitizer
		mkdir -p "$SANLOG"
		chmod 777 "$SANLOG"
		# Leaks are valgrind's to find; here, every error is one.
		ASAN_OPTIONS=detect_leaks=0:log_path=$SANLOG/asan
		UBSAN_OPTIONS=print_stacktrace=1:log_path=$SANLOG/ubsan
		export ASAN_OPTIONS UBSAN_OPTIONS
	fi
	unset MUBIAO_VALGRIND
	if [ "$pass" = valgrind ]; then
		if ! command -v valgrind > /dev/null; then
			fail "the valgrind pass: valgrind is installed"
			continue
		fi
		server=nginx MUBIAO_VALGRIND=$MUBIAO_WORK/valgrind
		mkdir -p "$MUBIAO_VALGRIND"
		chmod 777 "$MUBIAO_VALGRIND"
		export MUBIAO_VALGRIND
	fi
	MUBIAO_PASS=$pass MUBIAO_SERVER=$server
	MUBIAO_DIR=$MUBIAO_WORK/stack-$pass
	export MUBIAO_PASS MUBIAO_SERVER MUBIAO_DIR MUBIAO_BUILD
	if ! stack_start "$MUBIAO_DIR"; then
		fail "the $server test stack starts (conf/devstack.sh start)"
		continue
	fi
	MUBIAO_URL=http://127.0.0.1:$STACK_PORT/okr
	export MUBIAO_URL
	echo "# stack: $pass, $MUBIAO_URL in $MUBIAO_DIR"
	if [ "$pass" = valgrind ]; then
		# A worker's first request under memcheck translates its code:
		# made here, unhurried, not within a script's 10 s per request.
		for p in / / /meet/unit/1 /meet/unit/1 /edit/admin/units /edit/admin/units; do
			curl -s -o /dev/null --max-time 120 -u admin:admin "$MUBIAO_URL$p" &
		done
		wait
	fi
	for t in ${MUBIAO_TESTS:-tests/t[0-9][0-9][0-9][0-9]-*.sh}; do
		[ -f "$t" ] || continue
		pass_runs "$pass" "$t" || continue
		echo "# $t ($pass)"
		# Every script is bounded; a script that dies (not an assertion
		# failing last) counts as one failure.
		t_start=$(date +%s)
		limit=150
		case " $LONG_TESTS " in *" $(basename "$t" | cut -c1-5) "*) limit=1800 ;; esac
		timeout $limit sh "$t"
		rc=$?
		echo "# $t ($pass): $(( $(date +%s) - t_start )) s"
		[ $rc -le 1 ] || fail "$t ended with status $rc ($pass)"
	done
	if grep -q '^fail' "$MUBIAO_RESULTS"; then
		echo "# the $pass stack's logs:"
		stack_logs "$MUBIAO_DIR" 20
	fi
	stack_stop "$MUBIAO_DIR"
	if [ "$pass" = valgrind ]; then
		# Every worker ended by SIGTERM at the stop, so each left its
		# full report; one without "0 errors" (or cut short) fails.
		logs=$(ls "$MUBIAO_VALGRIND"/*.log 2>/dev/null | wc -l)
		bad=$(grep -L 'ERROR SUMMARY: 0 errors' "$MUBIAO_VALGRIND"/*.log 2>/dev/null)
		if [ "$logs" -ge 3 ] && [ -z "$bad" ]; then
			ok "valgrind pass: $logs workers, no memory error, no definite leak"
		else
			fail "valgrind pass: $logs workers' reports, $(echo "$bad" | grep -c .) with errors or leaks"
			for f in $bad; do
				echo "#   --- $f"
				grep -A12 -e 'Invalid' -e 'uninitialised' -e 'definitely lost in' \
				    -e 'ERROR SUMMARY' "$f" | head -30 | sed 's/^/#   /'
			done | head -120
		fi
	fi
	if [ "$pass" = asan ]; then
		# Reports go to $SANLOG; a process that could not write there
		# reports on its stderr, which the stacks' logs keep.
		grep -rl --include='*.log' -e 'runtime error:' -e 'ERROR: AddressSanitizer' \
		    "$MUBIAO_WORK" > "$MUBIAO_WORK/sanitizer.logs" 2>/dev/null
		reports=$(( $(ls "$SANLOG" | wc -l) + $(wc -l < "$MUBIAO_WORK/sanitizer.logs") ))
		if [ "$reports" -eq 0 ]; then
			ok "asan pass: no AddressSanitizer or UndefinedBehaviorSanitizer report"
		else
			fail "asan pass: $reports files with sanitizer reports"
			for f in "$SANLOG"/* $(cat "$MUBIAO_WORK/sanitizer.logs"); do
				[ -f "$f" ] || continue
				echo "#   --- $f"
				grep -A10 -e 'runtime error:' -e 'ERROR: AddressSanitizer' "$f" |
				    head -12 | sed 's/^/#   /'
			done | head -80
		fi
	fi
	TIMES="${TIMES:+$TIMES, }$pass $(( $(date +%s) - pass_start )) s"
done

echo "# time: $TIMES; $(( ($(date +%s) - START + ${MUBIAO_FUZZ_TIME:-0} + 30) / 60 )) min in all"
passed=$(grep -c '^ok' "$MUBIAO_RESULTS")
failed=$(grep -c '^fail' "$MUBIAO_RESULTS")
[ -n "${MUBIAO_KEEP:-}" ] && echo "# kept $MUBIAO_WORK"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
