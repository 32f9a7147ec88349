#!/bin/sh
# The FastCGI sockets answer only the web server's user: the
# supervisor makes them 0660, owned by the socket group (www-data here),
# in a directory others cannot list.  A local user outside that group
# cannot connect, so cannot talk FastCGI to a worker and claim any
# REMOTE_USER.  Needs root (to act as other users); skipped otherwise.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null; then
	note "not root (or no setpriv): the socket permission test is skipped"
	exit 0
fi
GROUP=$(sed -n 's/^socket-group *= *//p' "$MUBIAO_DIR/mubiao.conf")
connect() {	# USER GROUP SOCKET: prints ok or the error
	setpriv --reuid="$1" --regid="$2" --clear-groups "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    s.connect(sys.argv[1]); print("ok")
except OSError as e:
    print(e.strerror)
' "$3" 2>&1
}
for prog in okr-read okr-edit okr-meet; do
	S="$MUBIAO_DIR/sock/$prog.sock"
	check "$prog.sock is a socket" test -S "$S"
	mode=$(stat -c '%a %G' "$S")
	check "$prog.sock: mode 660, group $GROUP (got $mode)" test "$mode" = "660 $GROUP"
	got=$(connect nobody nogroup "$S")
	check "$prog.sock: user nobody cannot connect ($got)" test "$got" = "Permission denied"
	got=$(connect www-data "$GROUP" "$S")
	check "$prog.sock: the web server's user connects ($got)" test "$got" = ok
done
