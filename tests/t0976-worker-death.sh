#!/bin/sh
# kill -9 of a worker costs only that worker's requests: on a private
# stack, 8 writers check in through the web server while every second a
# worker of the okr-edit pool that serves them, one that has been serving
# for a second or more, is killed, until T0976_KILLS (default 20) were
# (a slow machine takes longer to have one in service: up to 3 s a kill,
# a hang guard).  At
# most one kill in ten may end in a full recovery (every worker stopped);
# no request waits more than 5 s; every acknowledged (303) check-in is in
# the store.
. "$(dirname "$0")/lib.sh"

KILLS=${T0976_KILLS:-20}
WRITERS=8
kill_stack t0976 || exit 1
TAG=$(uniq_tag)
pids=
n=1
while [ $n -le $WRITERS ]; do
	checkin_writer "$n" "t0976-$TAG" "$W" &
	pids="$pids $!"
	n=$((n + 1))
done
# A worker in service: one still opening the store, in its first moments,
# is inside Berkeley DB throughout (see the README's process model).
victim() {
	for _p in $(pgrep -P "$(cat "$S/run/super.pid")" -x okr-edit); do
		[ "$(ps -o etimes= -p "$_p" 2>/dev/null)" -ge 1 ] 2>/dev/null && echo "$_p"
	done | shuf -n 1
}
sleep 1
kills=0 tick=0
start=$(date +%s)
while [ "$kills" -lt "$KILLS" ] && [ $(( $(date +%s) - start )) -lt $((KILLS * 3)) ]; do
	tick=$((tick + 1))
	while [ "$(date +%s)" -lt $((start + tick)) ]; do sleep 0.05; done
	v=$(victim) n=0
	while [ -z "$v" ] && [ $n -lt 10 ]; do
		sleep 0.1
		v=$(victim) n=$((n + 1))
	done
	[ -n "$v" ] && kill -9 "$v" 2>/dev/null && kills=$((kills + 1))
done
touch "$W/stop"
# shellcheck disable=SC2086
wait $pids
cat "$W"/writer.* > "$W/all"
total=$(wc -l < "$W/all")
acked=$(awk '$2 == 303' "$W/all" | wc -l)
bad=$(awk '$2 == 502' "$W/all" | wc -l)
slowest=$(sort -k3 -n "$W/all" | tail -1 | cut -d' ' -f3)
slow=$(awk '$3 > 5' "$W/all" | wc -l)
full=$(grep -c 'recovery needed' "$S/log/super.log")
check "$kills okr-edit workers killed under $WRITERS writers ($total check-ins, $acked acknowledged, $bad answered 502)" \
    test "$kills" -ge "$KILLS" -a "$acked" -gt 0
check "at most one kill in ten ended in a full recovery ($full of $kills)" test $((full * 10)) -le "$kills"
check "no request waited more than 5 s ($slow did; slowest ${slowest} s)" test "$slow" -eq 0
"$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" dump > "$W/dump.xml" 2> "$W/dump.err"
lost=$(awk '$2 == 303 { print $1 }' "$W/all" | while read -r note; do
	grep -q "<note>$note</note>" "$W/dump.xml" || echo "$note"
done | wc -l)
check "every acknowledged check-in is in the store ($lost of $acked lost)" test "$lost" -eq 0
