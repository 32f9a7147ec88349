#!/bin/sh
# The supervisor: a worker killed with SIGKILL is replaced within 5 s and
# no request gets stuck, even under load; SIGTERM ends the supervisor and
# its workers within 5 s (on a second stack of its own, so the main one
# stays up).
. "$(dirname "$0")/lib.sh"

want=$(sed -n 's/^worker *= *okr-read *\([0-9]*\).*/\1/p' "$MUBIAO_DIR/mubiao.conf")
count() { worker_pids "$MUBIAO_DIR" | wc -l; }

# Waits up to 5 s until the pool is back to $want workers without pid $1;
# prints the seconds (tenths) it took, or fails.
replaced() {
	_t=0
	while [ $_t -le 50 ]; do
		_w=$(worker_pids "$MUBIAO_DIR")
		if [ "$(echo "$_w" | grep -c .)" -eq "$want" ] &&
		    ! echo "$_w" | grep -qx "$1"; then
			echo "$_t"
			return 0
		fi
		sleep 0.1
		_t=$((_t + 1))
	done
	return 1
}

# All of these pages answer 200 within 5 s each; prints the failures.
all_pages() {
	for _p in / /tree /unit/1 /unit/2 /unit/9 /person/zhangwei \
	    /person/sarahmiller /objective/1 /objective/17 "/?cycle=$PREV"; do
		_s=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' \
		    -u admin:admin "$MUBIAO_URL$_p")
		[ "$_s" = 200 ] || echo "$_p:$_s"
	done
}

check "supervisor pid file names a live process" \
    kill -0 "$(cat "$MUBIAO_DIR/run/super.pid" 2>/dev/null)"
check "the configured $want workers run under the supervisor" test "$(count)" -eq "$want"

# ------------------------------------------------------------ one kill
old=$(worker_pids "$MUBIAO_DIR" | head -1)
kill -9 "$old"
if t=$(replaced "$old"); then
	ok "worker $old killed (SIGKILL): replaced, $want again, in $((t / 10)).$((t % 10)) s"
else
	fail "worker $old killed (SIGKILL): replaced within 5 s"
	note "workers now: $(worker_pids "$MUBIAO_DIR" | tr '\n' ' ')"
fi
n=0 bad=
while [ $n -lt 20 ]; do
	s=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -u zhangwei:zhangwei "$MUBIAO_URL/")
	[ "$s" = 200 ] || bad="$bad $s"
	n=$((n + 1))
done
check "20 consecutive requests after the kill: all 200" test -z "$bad"
[ -z "$bad" ] || note "statuses:$bad"

# ------------------------------------------------ three kills under load
rm -f "$TMP/stop" "$TMP/load.1" "$TMP/load.2"
loaders=
for l in 1 2; do
	(
		i=0 end=$(( $(date +%s) + 60 ))
		while [ $i -lt 2000 ] && [ ! -f "$TMP/stop" ] && [ "$(date +%s)" -lt $end ]; do
			curl -s -o /dev/null --max-time 8 -u admin:admin \
			    -w '%{http_code} %{time_total}\n' "$MUBIAO_URL/tree" >> "$TMP/load.$l"
			i=$((i + 1))
		done
	) &
	loaders="$loaders $!"
done
sleep 0.5
k=1
while [ $k -le 3 ]; do
	old=$(worker_pids "$MUBIAO_DIR" | sed -n "$(( (k - 1) % want + 1 ))p")
	kill -9 "$old"
	if t=$(replaced "$old"); then
		ok "under load, kill $k of worker $old: replaced within 5 s"
	else
		fail "under load, kill $k of worker $old: replaced within 5 s"
		note "workers now: $(worker_pids "$MUBIAO_DIR" | tr '\n' ' ')"
	fi
	sleep 1.2	# past the supervisor's 1 s quick-death back-off
	k=$((k + 1))
done
touch "$TMP/stop"
wait $loaders
cat "$TMP/load.1" "$TMP/load.2" > "$TMP/load"
total=$(wc -l < "$TMP/load")
check "background requests ran during the kills ($total)" test "$total" -gt 20
slow=$(awk '$2 >= 5' "$TMP/load" | wc -l)
check "no request took 5 s or more during the kills (slowest $(sort -k2 -n "$TMP/load" | tail -1 | cut -d' ' -f2) s)" \
    test "$slow" -eq 0
echo "# statuses during the kills: $(cut -d' ' -f1 "$TMP/load" | sort | uniq -c | tr -s ' \n' ' ')"
check "most background requests answered 200" \
    test "$(grep -c '^200 ' "$TMP/load")" -ge $((total * 9 / 10))
check "still $want workers after the kills" test "$(count)" -eq "$want"
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
	check "SIGTERM: the supervisor removed its socket" test ! -e "$S2/sock/okr-read.sock"
	check "SIGTERM: the supervisor removed its pid file" test ! -e "$S2/run/super.pid"
	check "SIGTERM: the supervisor logged its stop" grep -q stopping "$S2/log/super.log"
else
	fail "a second stack starts"
fi
stack_stop "$S2"
