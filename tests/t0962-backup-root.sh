#!/bin/sh
# The nightly backup of mubiao-admin(8)'s EXAMPLES, run as written by
# root (as cron would) against the stack's running store, into a folder
# under a root-owned one as /var/backups is: `backup` makes the folder
# the store user's (mode 0750), `verify` finds the copy clean, nothing is
# said on standard error (cron mails it), and the next night's run
# replaces the copy.  A folder of another owner is refused with the chown
# that fixes it, and nothing is written.  Needs root.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || [ ! -x "$MUBIAO_DIR/app/bin/mubiao-admin" ]; then
	note "not root: the nightly backup test is skipped"
	exit 0
fi
W="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0962"
rm -rf "$W"
mkdir -p "$W/backups"
chmod 755 "$W"
OWNER=$(sed -n 's/^user *= *//p' "$MUBIAO_DIR/mubiao.conf")
# The example's lines, with this test's folder for /var/backups.
awk '/^A nightly backup/ { f = 1 } f && /^\.Bd/ { g = 1; next } g && /^\.Ed/ { exit } g' \
    "$TESTS_ROOT/conf/mubiao-admin.8" |
    sed "s|/var/backups/|$W/backups/|g" > "$W/nightly.sh"
check "the man page has the nightly example ($(tr -s ' \n' ' ' < "$W/nightly.sh"))" \
    grep -q 'mubiao-admin backup' "$W/nightly.sh"
nightly() {
	PATH="$MUBIAO_DIR/app/bin:$PATH" MUBIAO_CONF="$MUBIAO_DIR/mubiao.conf" \
	    timeout 60 sh "$W/nightly.sh" > "$W/out" 2> "$W/err" < /dev/null
}
nightly
check "the nightly example succeeds as root (exit $?: $(tail -1 "$W/err"))" test $? -eq 0
check "it backed up and verified the copy: clean ($(tail -1 "$W/out"))" sh -c \
    "grep -q '^backed up' '$W/out' && grep -q ' 0 damaged' '$W/out'"
check "it says nothing on standard error ($(head -1 "$W/err"))" test ! -s "$W/err"
check "the backup folder is $OWNER's, mode 0750 ($(stat -c '%U %a' "$W/backups/mubiao"))" \
    test "$(stat -c '%U %a' "$W/backups/mubiao")" = "$OWNER 750"
check "it holds the databases" test -f "$W/backups/mubiao/units.db"
nightly
check "the next night's run succeeds too (exit $?: $(tail -1 "$W/err"))" test $? -eq 0

mkdir "$W/backups/root-owned"
"$MUBIAO_DIR/app/bin/mubiao-admin" -c "$MUBIAO_DIR/mubiao.conf" backup -f \
    "$W/backups/root-owned" > "$W/out" 2> "$W/err" < /dev/null
check "backup into a folder of root's fails (exit $?)" test $? -eq 1
check "and says which owner it needs" \
    grep -q "belongs to root, but $OWNER writes in it: run chown -R $OWNER: $W/backups/root-owned" "$W/err"
check "and writes nothing there" test -z "$(ls -A "$W/backups/root-owned")"
