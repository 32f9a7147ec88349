#!/bin/sh
# Hot backup under load, restore, catastrophic recovery: while a
# writer checks in through the web server, `mubiao-admin backup` copies the
# running store; the copy is then restored into a store of its own,
# catastrophic recovery runs on it, db_verify finds it clean, its dump
# validates, and every check-in acknowledged (303) before the backup began
# is in it.  Needs root (the admin command switches to the store's user).
. "$(dirname "$0")/lib.sh"

ADMIN="$MUBIAO_DIR/app/bin/mubiao-admin"
RNG="$TESTS_ROOT/xslt/mubiao.rng"
if [ "$(id -u)" != 0 ] || [ ! -x "$ADMIN" ]; then
	note "not root: the backup test is skipped"
	exit 0
fi
TAG=$(uniq_tag)
W="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0960"
rm -rf "$W"
mkdir -p "$W/backup"
chmod 755 "$W"
OWNER=$(sed -n 's/^user *= *//p' "$MUBIAO_DIR/mubiao.conf")
chown "$OWNER" "$W/backup"
: > "$W/acked"
O=$(make_objective admin "$(unit_id 平台组)" "t0960 备份 $TAG")
K=$(make_kr admin "$O" "t0960 backup $TAG" 0 100000 0)
check "objective $O with KR $K to check in on" test -n "$O" -a -n "$K"

# The writer: a check-in every few milliseconds; each acknowledged one is
# written down with the time it was acknowledged.
T=$(token admin)
(
	i=0
	while [ ! -f "$W/stop" ] && [ $i -lt 2000 ]; do
		i=$((i + 1))
		st=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u admin:admin \
		    "$MUBIAO_URL/edit/checkin/$O" --data "token=$T&kr=$K&value=$i&confidence=0.5&note=t0960-$TAG-$i")
		[ "$st" = 303 ] && echo "$i $(date +%s%N)" >> "$W/acked"
	done
) &
WRITER=$!
at_exit "touch '$W/stop'; wait $WRITER 2>/dev/null"
n=0
while [ "$(wc -l < "$W/acked" 2>/dev/null || echo 0)" -lt 20 ] && [ $n -lt 100 ]; do
	sleep 0.1; n=$((n + 1))
done
BEGIN=$(date +%s%N)
"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" backup -f "$W/backup" > "$W/backup.out" 2>&1 < /dev/null
check "hot backup while the writer runs ($(tail -1 "$W/backup.out"))" grep -q 'backed up' "$W/backup.out"
sleep 0.3
touch "$W/stop"
wait "$WRITER" 2>/dev/null
BEFORE=$(awk -v b="$BEGIN" '$2 < b { print $1 }' "$W/acked" | wc -l)
DURING=$(awk -v b="$BEGIN" '$2 >= b { print $1 }' "$W/acked" | wc -l)
check "check-ins acknowledged before the backup ($BEFORE) and during or after it ($DURING)" \
    test "$BEFORE" -ge 20 -a "$DURING" -ge 1

# Restore into a store of its own and run catastrophic recovery on it.
mkdir -p "$W/restored"
cp -a "$W/backup/." "$W/restored/"
chown -R "$OWNER" "$W/restored"
sed "s|^store-dir *=.*|store-dir = $W/restored|" "$MUBIAO_DIR/mubiao.conf" > "$W/restored.conf"
"$ADMIN" -c "$W/restored.conf" recover -c -f > "$W/recover.out" 2>&1 < /dev/null
check "catastrophic recovery of the restored copy ($(tail -1 "$W/recover.out"))" grep -q '^recovered' "$W/recover.out"
"$ADMIN" -c "$W/restored.conf" verify "$W/restored" > "$W/verify.out" 2>&1
check "db_verify of the restored store: clean ($(tail -1 "$W/verify.out"))" grep -q ' 0 damaged' "$W/verify.out"
"$ADMIN" -c "$W/restored.conf" dump > "$W/restored.xml" 2> "$W/dump.err"
check "the restored store's dump validates" sh -c "xmllint --noout --relaxng '$RNG' '$W/restored.xml' 2>/dev/null"
missing=0
for i in $(awk -v b="$BEGIN" '$2 < b { print $1 }' "$W/acked"); do
	grep -q "<note>t0960-$TAG-$i</note>" "$W/restored.xml" || missing=$((missing + 1))
done
check "every check-in acknowledged before the backup is in the restored store ($missing missing of $BEFORE)" \
    test "$missing" -eq 0
# The live store holds everything acknowledged.
"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" dump > "$W/live.xml" 2>/dev/null
lost=0
for i in $(cut -d' ' -f1 "$W/acked"); do
	grep -q "<note>t0960-$TAG-$i</note>" "$W/live.xml" || lost=$((lost + 1))
done
check "the live store holds every acknowledged check-in ($lost lost of $((BEFORE + DURING)))" test "$lost" -eq 0
# The copy is the store as it was: what it holds of the writer's is a
# prefix of what the live store holds.
R=$(grep -c "<note>t0960-$TAG-" "$W/restored.xml")
L=$(grep -c "<note>t0960-$TAG-" "$W/live.xml")
check "the restored store holds $R of the writer's check-ins, the live one $L" test "$R" -ge "$BEFORE" -a "$R" -le "$L"
