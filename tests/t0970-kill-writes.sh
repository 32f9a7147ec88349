#!/bin/sh
# kill -9 under write load, on a private stack of its own (this
# test stops it to verify the store): 4 writers check in through the web
# server while a random worker of any pool is killed every 2 s for
# T0970_SECONDS (default 60).  Afterwards: every acknowledged (303)
# check-in is in the store, the stopped store passes db_verify, no request
# waited more than 5 s, and every writer kept being answered (a refused
# request is retried; none goes unanswered for more than a few seconds).
. "$(dirname "$0")/lib.sh"

SECONDS_=${T0970_SECONDS:-60}
kill_stack t0970 || exit 1
TAG=$(uniq_tag)
for n in 1 2 3 4; do
	checkin_writer "$n" "t0970-$TAG" "$W" &
	eval "WPID$n=$!"
done
# The killer: every 2 s a random worker, every other time one of the
# okr-edit pool that serves the writers (likely in a transaction).
# The ticks keep to the clock (start + 2 s each), and a tick that finds
# no worker (the pools are restarting after a recovery) looks again for
# up to a second rather than skip.
victim_of() {	# TICK
	if [ $(($1 % 2)) = 1 ]; then
		pgrep -P "$(cat "$S/run/super.pid")" -f okr-edit | shuf -n 1
	else
		worker_pids "$S" | shuf -n 1
	fi
}
kills=0 tick=0
start=$(date +%s)
while [ $(( $(date +%s) - start )) -lt "$SECONDS_" ]; do
	tick=$((tick + 1))
	while [ "$(date +%s)" -lt $((start + 2 * tick)) ]; do sleep 0.1; done
	victim=$(victim_of $tick) n=0
	while [ -z "$victim" ] && [ $n -lt 10 ]; do
		sleep 0.1
		victim=$(victim_of $tick) n=$((n + 1))
	done
	[ -n "$victim" ] && kill -9 "$victim" 2>/dev/null && kills=$((kills + 1))
done
touch "$W/stop"
wait "$WPID1" "$WPID2" "$WPID3" "$WPID4"
cat "$W"/writer.* > "$W/all"
total=$(wc -l < "$W/all")
acked=$(awk '$2 == 303' "$W/all" | wc -l)
other=$(awk '$2 != 303' "$W/all" | wc -l)
slow=$(awk '$3 > 5' "$W/all" | wc -l)
check "$kills workers killed in ${SECONDS_} s while 4 writers made $total check-ins ($acked acknowledged, $other refused or cut)" \
    test "$kills" -ge $((SECONDS_ / 2 - 2)) -a "$acked" -gt 0
recoveries=$(grep -c 'info: recovered$' "$S/log/super.log")
check "no request waited more than 5 s ($slow did; slowest $(sort -k3 -n "$W/all" | tail -1 | cut -d' ' -f3) s; $recoveries full recoveries)" test "$slow" -eq 0
# Answered throughout: no writer saw more than 3 failures in a row.
gaps=$(for n in 1 2 3 4; do awk '$2 != 303 { run++; if (run > max) max = run; next } { run = 0 } END { print max + 0 }' "$W/writer.$n"; done | sort -n | tail -1)
check "the service kept answering each writer (longest run of failures: $gaps)" test "$gaps" -le 3
sleep 1
# Stop the stack, then look at its store at rest.
"$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" dump > "$W/dump.xml" 2> "$W/dump.err"
lost=$(awk '$2 == 303 { print $1 }' "$W/all" | while read -r note; do
	grep -q "<note>$note</note>" "$W/dump.xml" || echo "$note"
done | wc -l)
check "every acknowledged check-in is in the store ($lost of $acked lost)" test "$lost" -eq 0
stack_stop "$S"
verify=$(cd "$S/db" && for f in *.db *.idx; do db5.3_verify -q -h "$S/db" "$f" > /dev/null 2>&1 || echo "$f"; done)
check "db_verify of the store after the run: clean${verify:+ (damaged: $verify)}" test -z "$verify"
