#!/bin/sh
# Disk faults, on a private stack of its own: the workers run with
# MUBIAO_FAULT (the store's hook on Berkeley DB's I/O functions, in test
# builds only),
# so that from their Nth fsync on every fsync fails with EIO, or from
# their Nth write every write fails with ENOSPC.  A writer checks in
# meanwhile.  What must hold: a write is acknowledged (303) only if it is
# in the store after a restart without faults; a failed write gets an
# error page (5xx, in the user's language), never a success; the store
# passes db_verify afterwards.
. "$(dirname "$0")/lib.sh"

run_fault() {	# FAULT
	S="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0980-${1%%:*}"
	stack_stop "$S"
	rm -rf "$S"
	if ! MUBIAO_FAULT=$1 stack_start "$S"; then
		fail "$1: a private stack with faults starts"
		return
	fi
	U=http://127.0.0.1:$STACK_PORT/okr
	checkin_target
	: > "$S/log.txt"
	i=0
	while [ $i -lt 120 ]; do
		i=$((i + 1))
		st=$(curl -s -o "$S/body.$i" -w '%{http_code}' --max-time 10 -u admin:admin \
		    -H 'Accept-Language: zh-CN' "$U/edit/checkin/$O" \
		    --data "token=$TOK&kr=$K&value=$i&confidence=0.5&note=t0980-$TAG-$i")
		echo "$i $st" >> "$S/log.txt"
	done
	acked=$(awk '$2 == 303' "$S/log.txt" | wc -l)
	failed=$(awk '$2 != 303' "$S/log.txt" | wc -l)
	bad=$(awk '$2 != 303 && $2 !~ /^5/' "$S/log.txt" | wc -l)
	check "$1: of 120 check-ins $acked acknowledged, $failed refused (the fault struck)" \
	    test "$acked" -gt 0 -a "$failed" -gt 0
	check "$1: every refused one is a 5xx ($bad are not)" test "$bad" -eq 0
	first=$(awk '$2 != 303 { print $1; exit }' "$S/log.txt")
	check "$1: the error page says, in the user's language, that nothing was saved (check-in $first)" \
	    grep -q "<p class=\"message\">$(msg zh-CN err.write)</p>" "$S/body.$first"
	# Restart without faults: recovery, then look at what is stored.
	stack_stop "$S"
	if ! stack_start "$S"; then
		fail "$1: the stack restarts without faults (recovery)"
		return
	fi
	U=http://127.0.0.1:$STACK_PORT/okr
	"$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" dump > "$S/dump.xml" 2> /dev/null
	lost=$(awk '$2 == 303 { print $1 }' "$S/log.txt" | while read -r n; do
		grep -q "<note>t0980-$TAG-$n</note>" "$S/dump.xml" || echo "$n"
	done | wc -l)
	check "$1: every acknowledged check-in survived ($lost of $acked missing)" test "$lost" -eq 0
	st=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u admin:admin "$U/edit/checkin/$O" \
	    --data "token=$TOK&kr=$K&value=1&confidence=0.5&note=t0980-$TAG-after")
	check "$1: after the restart a check-in succeeds again ($st)" test "$st" = 303
	stack_stop "$S"
	verify=$(cd "$S/db" && for f in *.db *.idx; do db5.3_verify -q -h "$S/db" "$f" > /dev/null 2>&1 || echo "$f"; done)
	check "$1: db_verify of the store: clean${verify:+ (damaged: $verify)}" test -z "$verify"
}

TAG=$(uniq_tag)
run_fault fsync:15
run_fault write:40
