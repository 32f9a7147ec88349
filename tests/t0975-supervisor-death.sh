#!/bin/sh
# The supervisor's death, on a private stack of its own: a second
# supervisor on the same store refuses to start and leaves the first one
# serving; kill -9 of the supervisor ends its workers within 5 s (the
# kernel tells them), and a worker that cannot heed that (stopped) is
# ended by the next supervisor before it recovers the store, which then
# takes writes; an admin's recovery refuses while the store is in use.
. "$(dirname "$0")/lib.sh"

if ! private_stack t0975; then
	fail "a private stack for the supervisor test starts"
	exit 1
fi
SUPER=$(cat "$S/run/super.pid")
workers=$(worker_pids "$S" | tr '\n' ' ')
# as the stack runs its programs (devstack.sh)
super() {	# [PIDFILE]
	"$S/app/bin/mubiao-super" -c "$S/mubiao.conf" ${1:+-p "$1"} \
	    < /dev/null >> "$S/log/super.log" 2>&1
}
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u admin:admin "$U/"; }
# Until none of pids $1 lives (a hang guard of 15 s: they end at once,
# or after their request); prints those that do.
survivors() {
	_t=0
	while [ $_t -lt 150 ]; do
		_left=$(for _p in $1; do kill -0 "$_p" 2>/dev/null && echo "$_p"; done)
		[ -z "$_left" ] && return 0
		sleep 0.1
		_t=$((_t + 1))
	done
	echo $_left
}

timeout 10 "$S/app/bin/mubiao-super" -c "$S/mubiao.conf" < /dev/null > "$S/second.log" 2>&1
rc=$?
check "a second supervisor on the same store refuses (status $rc): $(grep -o 'another supervisor.*' "$S/second.log")" \
    test "$rc" -ne 0 -a "$rc" -ne 124 -a -n "$(grep 'another supervisor' "$S/second.log")"
check "the first one still serves with the same workers" \
    test "$(code)" = 200 -a "$(worker_pids "$S" | tr '\n' ' ')" = "$workers"

timeout 15 "$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" recover > "$S/recover.out" 2>&1
rc=$?
check "mubiao-admin recover refuses while the store is in use (status $rc)" \
    test "$rc" -ne 0 -a "$rc" -ne 124 -a "$(code)" = 200

# One worker stopped: it cannot heed its supervisor's death.
stopped=$(echo "$workers" | cut -d' ' -f1)
at_exit "kill -9 $workers 2>/dev/null"
kill -STOP "$stopped"
kill -9 "$SUPER"
left=$(survivors "$(echo "$workers" | cut -d' ' -f2-)")
check "kill -9 of the supervisor: its running workers ended${left:+ (alive: $left)}" test -z "$left"

log_lines=$(wc -l < "$S/log/super.log")
rm -f "$S/run/super.pid"
super "$S/run/super.pid" &
t=0
# Every child: the six workers and mubiao-notify.
while [ $t -lt 150 ] && [ "$(worker_pids "$S" 2>/dev/null | grep -c .)" -lt 7 ]; do
	sleep 0.1
	t=$((t + 1))
done
left=$(survivors "$stopped")
check "the next supervisor ended the stopped worker of the dead one${left:+ (alive: $left)}" \
    test -z "$left" -a -n "$(sed "1,${log_lines}d" "$S/log/super.log" | grep "process $stopped still has the store open")"
checkin_target
NOTE=t0975-$(uniq_tag)
st=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u admin:admin \
    "$U/edit/checkin/$O" --data "token=$TOK&kr=$K&value=7&confidence=0.5&note=$NOTE")
check "after it, a check-in is acknowledged ($st) and in the store" \
    test "$st" = 303 -a -n "$("$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" dump 2>/dev/null | grep "<note>$NOTE</note>")"
