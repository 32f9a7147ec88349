#!/bin/sh
# The supervisor runs two programs, okr-read and okr-edit, each a pool of
# workers: a worker of either killed with SIGKILL is replaced within 5 s
# in its own pool, the other pool untouched, and no request gets stuck,
# even under load; SIGTERM ends the supervisor and all its workers within
# 5 s (on a second stack of its own, so the main one stays up).
. "$(dirname "$0")/lib.sh"

# The configured pool size of program $1 (0 if none).
pool_size() {
	_n=$(sed -n "s/^worker *= *$1  *\([0-9]*\).*/\1/p" "$MUBIAO_DIR/mubiao.conf")
	echo "${_n:-0}"
}
want_read=$(pool_size okr-read)
want_edit=$(pool_size okr-edit)
# Every pool the supervisor runs (okr-meet's too), and mubiao-notify
# unless notify = off: its children in all.
want=$(sed -n 's/^worker *= *[a-z-]*  *\([0-9]*\).*/\1/p' "$MUBIAO_DIR/mubiao.conf" |
    awk '{ s += $1 } END { print s + 0 }')
grep -q '^notify *= *off' "$MUBIAO_DIR/mubiao.conf" || want=$((want + 1))

# The supervisor's children in stack $2 (default: the main one) that run
# program $1, by /proc/PID/comm; sorted.
prog_pids() {
	for _pp in $(worker_pids "${2:-$MUBIAO_DIR}"); do
		[ "$(cat "/proc/$_pp/comm" 2>/dev/null)" = "$1" ] && echo "$_pp"
	done
	return 0
}
count() { prog_pids "$1" | grep -c .; }
count_all() { worker_pids "$MUBIAO_DIR" | grep -c .; }
pool_of() { prog_pids "$1" | tr '\n' ' ' | sed 's/ $//'; }
# The pools, for a note under a failure.
pools() {
	echo "okr-read: $(pool_of okr-read); okr-edit: $(pool_of okr-edit);" \
	    "all children: $(worker_pids "$MUBIAO_DIR" | tr '\n' ' ')"
}

# Waits up to 5 s until program $1's pool is back to its size without
# pid $2, and the supervisor has no other children than its pools;
# prints the tenths of seconds it took, or fails.
replaced() {
	_t=0
	case $1 in okr-read) _want=$want_read ;; *) _want=$want_edit ;; esac
	while [ $_t -le 50 ]; do
		_w=$(prog_pids "$1")
		if [ "$(echo "$_w" | grep -c .)" -eq "$_want" ] &&
		    ! echo "$_w" | grep -qx "$2" &&
		    [ "$(count_all)" -eq "$want" ]; then
			echo "$_t"
			return 0
		fi
		sleep 0.1
		_t=$((_t + 1))
	done
	return 1
}

# Kills (SIGKILL) worker $2 of program $1 and checks that it is replaced
# within 5 s, and that the other pool kept its pids, unless the
# supervisor had to recover the store, which restarts every worker (the
# killed one held a lock of Berkeley DB); $3 describes when.
kill_one() {
	case $1 in okr-read) _other=okr-edit ;; *) _other=okr-read ;; esac
	_before=$(pool_of $_other)
	_log=$(wc -l < "$MUBIAO_DIR/log/super.log")
	kill -9 "$2"
	if _tt=$(replaced "$1" "$2"); then
		ok "$3$1 worker $2 killed (SIGKILL): replaced, $(count "$1") again, in $((_tt / 10)).$((_tt % 10)) s"
	else
		fail "$3$1 worker $2 killed (SIGKILL): replaced within 5 s"
		note "$(pools)"
	fi
	if [ "$(pool_of $_other)" = "$_before" ]; then
		ok "$3the $_other pool was left alone ($_before)"
	elif sed "1,${_log}d" "$MUBIAO_DIR/log/super.log" | grep -q 'recovery needed'; then
		check "$3the supervisor recovered the store: the $_other pool restarted, $(count $_other) again" \
		    test "$(count $_other)" -eq "$(pool_size $_other)"
	else
		fail "$3the $_other pool was left alone"
		note "before: $_before; now: $(pool_of $_other); the supervisor said:"
		sed "1,${_log}d" "$MUBIAO_DIR/log/super.log" | grep -v ' BDB[0-9]* ' |
		    tail -5 | sed 's/^/#     /'
	fi
}

# All of these pages answer 200 within 5 s each, read pages from okr-read
# and edit pages from okr-edit; prints the failures.
all_pages() {
	for _p in / /tree /unit/1 /unit/2 /unit/9 /person/zhangwei \
	    /person/sarahmiller /objective/1 /objective/17 "/?cycle=$PREV" \
	    /edit/admin/cycles /edit/admin/units "/edit/objective/new?unit=1"; do
		_s=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' \
		    -u admin:admin "$MUBIAO_URL$_p")
		[ "$_s" = 200 ] || echo "$_p:$_s"
	done
}

# $1 requests to page $2 as admin, one after the other; prints the
# statuses that were not 200.
statuses() {
	_n=0
	while [ $_n -lt "$1" ]; do
		_s=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' \
		    -u admin:admin "$MUBIAO_URL$2")
		[ "$_s" = 200 ] || printf ' %s' "$_s"
		_n=$((_n + 1))
	done
}

check "supervisor pid file names a live process" \
    kill -0 "$(cat "$MUBIAO_DIR/run/super.pid" 2>/dev/null)"
check "the configuration has an okr-read and an okr-edit pool ($want_read, $want_edit)" \
    test "$want_read" -ge 1 -a "$want_edit" -ge 1
check "the configured $want_read okr-read workers run under the supervisor" \
    test "$(count okr-read)" -eq "$want_read"
check "the configured $want_edit okr-edit workers run under the supervisor" \
    test "$(count okr-edit)" -eq "$want_edit"
check "the supervisor has no other children ($want in all)" test "$(count_all)" -eq "$want"
[ "$(count_all)" -eq "$want" ] || note "$(pools)"

# ------------------------------------------------------------ one kill
kill_one okr-read "$(prog_pids okr-read | head -1)"
bad=$(statuses 20 /)
check "20 consecutive read requests after the kill: all 200" test -z "$bad"
[ -z "$bad" ] || note "statuses:$bad"
bad=$(statuses 5 /edit/admin/cycles)
check "5 edit requests after the read worker's kill: all 200" test -z "$bad"
[ -z "$bad" ] || note "statuses:$bad"

# ------------------------------------------------ one kill of an editor
kill_one okr-edit "$(prog_pids okr-edit | tail -1)"
bad=$(statuses 20 /edit/admin/cycles)
check "20 consecutive edit requests after the kill: all 200" test -z "$bad"
[ -z "$bad" ] || note "statuses:$bad"
bad=$(statuses 5 /)
check "5 read requests after the edit worker's kill: all 200" test -z "$bad"
[ -z "$bad" ] || note "statuses:$bad"

# ------------------------------------------ four kills under load
# Two loaders read /tree (okr-read), one the units page of okr-edit;
# three okr-read workers and one okr-edit worker are killed meanwhile.
rm -f "$TMP/stop" "$TMP"/load.*
loaders=
for l in 1 2 3; do
	case $l in 3) page=/edit/admin/units ;; *) page=/tree ;; esac
	(
		i=0 end=$(( $(date +%s) + 60 ))
		while [ $i -lt 2000 ] && [ ! -f "$TMP/stop" ] && [ "$(date +%s)" -lt $end ]; do
			curl -s -o /dev/null --max-time 8 -u admin:admin \
			    -w '%{http_code} %{time_total} %{exitcode}\n' "$MUBIAO_URL$page" >> "$TMP/load.$l"
			i=$((i + 1))
		done
	) &
	loaders="$loaders $!"
done
sleep 0.5
k=1
for prog in okr-read okr-edit okr-read okr-read; do
	case $prog in okr-read) n=$want_read ;; *) n=$want_edit ;; esac
	old=$(prog_pids $prog | sed -n "$(( (k - 1) % n + 1 ))p")
	kill_one $prog "$old" "under load, kill $k: "
	sleep 1.2	# past the supervisor's 1 s quick-death back-off
	k=$((k + 1))
done
touch "$TMP/stop"
wait $loaders
cat "$TMP/load.1" "$TMP/load.2" > "$TMP/load"
total=$(wc -l < "$TMP/load")
edits=$(wc -l < "$TMP/load.3")
check "background read requests ran during the kills ($total)" test "$total" -gt 20
check "background edit requests ran during the kills ($edits)" test "$edits" -gt 10
cat "$TMP/load.3" >> "$TMP/load"
total=$(wc -l < "$TMP/load")
# A worker killed while writing its response leaves nginx 1.22 with a
# short FastCGI response that it passes on as if complete: its client
# then waits for the missing bytes (200, then curl's timeout, 28).  That
# request died with its worker; it is not a stuck worker.  At most one
# such request per kill; any other slow request is a failure.  Apache
# does the same, then closes the connection after its own wait: the
# client sees a short body (curl's exit code 18).
cut=$(awk '$2 >= 5 && $1 == 200 && ($3 == 28 || $3 == 18)' "$TMP/load" | wc -l)
slow=$(awk '$2 >= 5 && !($1 == 200 && ($3 == 28 || $3 == 18))' "$TMP/load" | wc -l)
check "requests cut short by a kill: at most one per kill ($cut)" test "$cut" -le 5
check "no other request took 5 s or more during the kills (slowest $(sort -k2 -n "$TMP/load" | tail -1 | cut -d' ' -f2) s)" \
    test "$slow" -eq 0
[ "$slow" -eq 0 ] || note "status, seconds, curl's exit code:" \
    "$(awk '$2 >= 5 { print FILENAME ": " $0 }' "$TMP/load.1" "$TMP/load.2" \
    "$TMP/load.3" | sed "s|$TMP/load.3|edit|; s|$TMP/load.[12]|read|" | tr '\n' ';')"
echo "# statuses during the kills (read): $(cut -d' ' -f1 "$TMP/load.1" "$TMP/load.2" | sort | uniq -c | tr -s ' \n' ' ')"
echo "# statuses during the kills (edit): $(cut -d' ' -f1 "$TMP/load.3" | sort | uniq -c | tr -s ' \n' ' ')"
check "most background requests answered 200" \
    test "$(grep -c '^200 ' "$TMP/load")" -ge $((total * 9 / 10))
check "most background edit requests answered 200" \
    test "$(grep -c '^200 ' "$TMP/load.3")" -ge $((edits * 9 / 10))
check "still $want_read okr-read workers after the kills" \
    test "$(count okr-read)" -eq "$want_read"
check "still $want_edit okr-edit workers after the kills" \
    test "$(count okr-edit)" -eq "$want_edit"
check "still no other children of the supervisor ($want in all)" \
    test "$(count_all)" -eq "$want"
bad=$(all_pages)
check "after the kills every page answers 200" test -z "$bad"
[ -z "$bad" ] || note "$bad"
check "the supervisor survived" kill -0 "$(cat "$MUBIAO_DIR/run/super.pid" 2>/dev/null)"

# -------------------------------------------- SIGTERM, on a second stack
S2=$MUBIAO_WORK/stack-sigterm
at_exit 'stack_stop "$S2"'
if stack_start "$S2"; then
	ok "a second stack starts (port $STACK_PORT)"
	sp=$(cat "$S2/run/super.pid")
	ws=$(worker_pids "$S2")
	check "second stack: $want_read okr-read and $want_edit okr-edit workers" \
	    test "$(prog_pids okr-read "$S2" | grep -c .)" -eq "$want_read" -a \
	    "$(prog_pids okr-edit "$S2" | grep -c .)" -eq "$want_edit"
	s=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u admin:admin \
	    "http://127.0.0.1:$STACK_PORT/okr/")
	check "second stack: home answers 200" test "$s" = 200
	kill -TERM "$sp"
	t=0
	while [ $t -lt 50 ]; do
		alive=
		for p in $sp $ws; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
		[ -z "$alive" ] && break
		sleep 0.1
		t=$((t + 1))
	done
	check "SIGTERM to the supervisor: it and its workers ($(echo $ws)) end within 5 s" \
	    test -z "$alive"
	[ -z "$alive" ] || note "still alive:$alive"
	check "SIGTERM: the supervisor removed its sockets" \
	    test ! -e "$S2/sock/okr-read.sock" -a ! -e "$S2/sock/okr-edit.sock"
	check "SIGTERM: the supervisor removed its pid file" test ! -e "$S2/run/super.pid"
	check "SIGTERM: the supervisor logged its stop" grep -q stopping "$S2/log/super.log"
else
	fail "a second stack starts"
fi
stack_stop "$S2"
