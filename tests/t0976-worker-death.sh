#!/bin/sh
# kill -9 of a worker costs only that worker's requests: on a private
# stack, 8 writers check in through the web server while every second a
# worker of the okr-edit pool that serves them, one that has been serving
# for a second or more, is killed, for T0976_SECONDS (default 30).  At
# most one kill in ten may end in a full recovery (every worker stopped);
# no request waits more than 5 s; every acknowledged (303) check-in is in
# the store.
. "$(dirname "$0")/lib.sh"

SECONDS_=${T0976_SECONDS:-30}
WRITERS=8
S="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0976-stack"
stack_stop "$S"
rm -rf "$S"
if ! stack_start "$S"; then
	fail "a private stack for the kill test starts"
	exit 1
fi
at_exit "stack_stop '$S'"
U=http://127.0.0.1:$STACK_PORT/okr
TAG=$(uniq_tag)
TOK=$(curl -s --max-time 10 -u admin:admin "$U/objective/1" | grep -o 'name="token" value="[0-9a-f]*"' |
    head -1 | sed 's/.*value="//; s/"$//')
O=$(curl -s --max-time 10 -u admin:admin "$U/" | tr -d '\n' |
    grep -o '<article class="objective level-company" id="o-[0-9]*"' | head -1 | sed 's/.*o-//; s/"//')
K=$(curl -s --max-time 10 -u admin:admin "$U/objective/$O" | tr -d '\n' |
    grep -o '<tbody class="kr" id="kr-[0-9]*"' | head -1 | sed 's/[^0-9]//g')
check "private stack on $U: objective $O, KR $K, a token" test -n "$O" -a -n "$K" -a -n "$TOK"

W="$S/chaos"
mkdir -p "$W"
# Writer N: check-ins until told to stop; one line per request:
# note, HTTP status, seconds taken.
writer() {	# N
	i=0
	while [ ! -f "$W/stop" ]; do
		i=$((i + 1))
		out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 -u admin:admin \
		    "$U/edit/checkin/$O" --data "token=$TOK&kr=$K&value=$i&confidence=0.5&note=t0976-$TAG-$1-$i")
		echo "t0976-$TAG-$1-$i $out" >> "$W/writer.$1"
	done
}
pids=
n=1
while [ $n -le $WRITERS ]; do
	writer "$n" &
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
while [ $(( $(date +%s) - start )) -lt "$SECONDS_" ]; do
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
    test "$kills" -ge $((SECONDS_ * 2 / 3)) -a "$acked" -gt 0
check "at most one kill in ten ended in a full recovery ($full of $kills)" test $((full * 10)) -le "$kills"
check "no request waited more than 5 s ($slow did; slowest ${slowest} s)" test "$slow" -eq 0
"$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" dump > "$W/dump.xml" 2> "$W/dump.err"
lost=$(awk '$2 == 303 { print $1 }' "$W/all" | while read -r note; do
	grep -q "<note>$note</note>" "$W/dump.xml" || echo "$note"
done | wc -l)
check "every acknowledged check-in is in the store ($lost of $acked lost)" test "$lost" -eq 0
