#!/bin/sh
# Notifications, end to end: on a private stack in Asia/Shanghai whose
# clock (MUBIAO_NOW=@FILE) starts at Wednesday 2027-02-17 09:00 local and
# moves only when this script moves it, with mubiao-notify passing every
# second, mail going to tests/fake-sendmail and the unit's chat bots and
# webhook to tests/notify-recv.py on a loopback port.
#   1. Set up through the web: 王芳 (wangfang) and 刘洋 (liuyang) of 平台组
#      give their addresses and languages; an admin adds a WeCom bot, a
#      DingTalk bot and a Feishu bot (both signed) and a signed webhook
#      to 平台组.
#   2. 李娜 comments on 王芳's objective: she gets a mail (RFC 2047
#      subject, multipart/alternative, base64 parts that name 李娜 and
#      the objective), each bot its POST in its own format, signatures
#      verified here.
#   3. The receiver answers 500 (and sendmail says 75): retried, then
#      delivered once each; pages stay quick meanwhile.
#   4. The receiver hangs: timed out, retried, delivered; pages answer.
#   5. notify-retries failures: dead, on the admin page; resent, arrives.
#   6. kill -9 of mubiao-notify mid-delivery: every event arrives after
#      the supervisor restarts it.
#   7. Monday 10:00 Shanghai: the check-in reminder, once, even across a
#      restart; the zone places the slot (dry runs at 09:30 and in UTC).
#   8. `mubiao-admin notify --dry-run` lists a due delivery and writes and
#      sends nothing.
. "$(dirname "$0")/lib.sh"

chmod 755 "$TMP"
CLK=$TMP/clock
# Python 3 (the standard library only): the system's, whose start is
# quick, rather than a version manager's shim in front of it.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
MAIL=$TMP/mail
RECV=$TMP/recv
rm -rf "$MAIL" "$RECV"
mkdir -p "$MAIL" "$RECV"
# mubiao-notify runs as www-data when the tests run as root.
chmod 777 "$MAIL"
chmod 755 "$RECV"
# The clock file, rewritten whole (aside, then renamed) at each move.
clock_set() {
	echo "$1" > "$CLK.t" && chmod 644 "$CLK.t" && mv "$CLK.t" "$CLK"
}
clock_s() {
	date -u -d "$(cat "$CLK")" +%s
}
tick() {	# [SECONDS]: moves the stack's clock on (1 s)
	clock_set "$(date -u -d "@$(( $(clock_s) + ${1:-1} ))" +%Y-%m-%dT%H:%M:%SZ)"
}
clock_set 2027-02-17T01:00:00Z

# mubiao-notify (www-data) runs the stand-in from here, not from the
# checkout, which that user may not be able to read.
cp "$TESTS_ROOT/tests/fake-sendmail" "$TMP/fake-sendmail" && chmod 755 "$TMP/fake-sendmail"
SEC_DING=ding-$$-secret
SEC_FEI=feishu-$$-secret
SEC_HOOK=hook-$$-secret
export MUBIAO_TIMEZONE=Asia/Shanghai MUBIAO_NOW="@$CLK"
export MUBIAO_CONF_EXTRA="notify-poll = 1
notify-backoff = 1
notify-retries = 4
notify-timeout = 2
sendmail-command = $TMP/fake-sendmail $MAIL"
private_stack t0719
_ps=$?
unset MUBIAO_TIMEZONE MUBIAO_NOW MUBIAO_CONF_EXTRA
[ $_ps = 0 ] || { fail "a private stack in Asia/Shanghai with mubiao-notify starts"; exit 0; }
MUBIAO_URL=$U
ADMIN="$S/app/bin/mubiao-admin"
LOG=$S/log/super.log
# Under valgrind a worker's first request translates its code: made
# here, unhurried (as tests/run.sh does for its stack).
if [ -n "${MUBIAO_VALGRIND:-}" ]; then
	for p in / / /edit/admin/notify /edit/admin/notify /meet/unit/1 /meet/unit/1; do
		curl -s -o /dev/null --max-time 120 -u admin:admin "$U$p" &
	done
	wait
fi
# Every program of the stack reads the clock file (www-data too).
require "the stack's clock stands at the clock file's Wednesday 2027-02-17" \
    test "$(doc_xpath admin / 'string(/page/@today)')" = 2027-02-17

# ------------------------------------------------------------ the receiver
echo ok > "$RECV/mode"
$PY "$TESTS_ROOT/tests/notify-recv.py" --log "$RECV/log" --mode-file "$RECV/mode" \
    --port-file "$RECV/port" --hang 6 > "$RECV/out" 2>&1 &
RPID=$!
at_exit "kill $RPID 2>/dev/null"
mode() {	# ok | 500 | hang | ...: how the receiver answers from now on
	echo "$1" > "$RECV/mode.t" && mv "$RECV/mode.t" "$RECV/mode"
}

# until_ok SECONDS 'CONDITION': CONDITION (shell code, evaluated afresh
# each time), every half second until it holds or SECONDS have passed;
# until_tick moves the stack's clock a second on each time too, so that
# retries come due.
until_ok() {
	_ue=$(( $(date +%s) + $1 ))
	while :; do
		eval "$2" && return 0
		[ "$(date +%s)" -lt "$_ue" ] || return 1
		[ -z "${_tick:-}" ] || tick 1
		sleep 0.5
	done
}
until_tick() {
	_tick=1
	until_ok "$@"
	_tr=$?
	_tick=
	return $_tr
}
until_ok 5 'test -s "$RECV/port"'
RP=$(cat "$RECV/port" 2>/dev/null)
require "the bots' stand-in listens on 127.0.0.1:$RP" curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$RP/"

# rq CMD [KEY=VALUE...]: of the receiver's records (one JSON line per
# POST), those that match path=PREFIX mode=ok|500|refuse|hang (the
# receiver's mode then; ok: taken) status=200|500|403|hang
# text=SUBSTRING event=ID kind=KIND (the webhook's) after=N (received
# after the N-th):
# count; bots (the counts of /wecom, /dingtalk, /feishu, /hook); events
# (the webhook's event ids, as received); text (the last one's human
# text); or the check of the last one's format and signature (wecom,
# dingtalk SECRET, feishu SECRET, webhook SECRET), which prints "ok" or
# what is wrong.
cat > "$TMP/rq.py" <<'PY'
import base64, hashlib, hmac, json, re, sys, urllib.parse
import xml.dom.minidom

log, cmd, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
arg = None
if cmd in ("dingtalk", "feishu", "webhook"):
    arg, rest = rest[0], rest[1:]
flt = dict(a.split("=", 1) for a in rest)


def hdr(r, name):
    for k, v in r["headers"].items():
        if k.lower() == name.lower():
            return v
    return None


def recs():
    out = []
    try:
        f = open(log, encoding="utf-8")
    except OSError:
        return out
    for line in f:
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if "path" in flt and not r["path"].startswith(flt["path"]):
            continue
        if "status" in flt and str(r["status"]) != flt["status"]:
            continue
        if "mode" in flt and r["mode"] != flt["mode"]:
            continue
        if "text" in flt and flt["text"] not in r["body"]:
            continue
        if "event" in flt and hdr(r, "X-Mubiao-Event") != flt["event"]:
            continue
        if "kind" in flt and ('kind="%s"' % flt["kind"]) not in r["body"]:
            continue
        if "after" in flt and r["n"] <= int(flt["after"]):
            continue
        out.append(r)
    return out


def human(r):
    p = r["path"]
    try:
        if p.startswith("/wecom"):
            return json.loads(r["body"])["markdown"]["content"]
        if p.startswith("/dingtalk"):
            return json.loads(r["body"])["markdown"]["text"]
        if p.startswith("/feishu"):
            return json.loads(r["body"])["content"]["text"]
        d = xml.dom.minidom.parseString(base64.b64decode(r["body_b64"]))
        t = d.getElementsByTagNameNS("urn:mubiao:okr:1", "text")[0]
        return "".join(n.data for n in t.childNodes if n.nodeType == n.TEXT_NODE)
    except Exception as e:
        return "(unreadable: %s)" % e


def b64hmac(key, msg):
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def check(r):
    body = base64.b64decode(r["body_b64"])
    ctype = hdr(r, "Content-Type") or ""
    if cmd in ("wecom", "dingtalk", "feishu"):
        if not ctype.startswith("application/json"):
            return "Content-Type %r, not application/json" % ctype
        try:
            j = json.loads(body)
        except ValueError as e:
            return "the body is no JSON: %s" % e
    if cmd == "wecom":
        if set(j) != {"msgtype", "markdown"} or j["msgtype"] != "markdown" or \
                set(j["markdown"]) != {"content"} or not isinstance(j["markdown"]["content"], str):
            return "not {\"msgtype\":\"markdown\",\"markdown\":{\"content\":...}}: %s" % body[:200]
        return "ok"
    if cmd == "dingtalk":
        if set(j) != {"msgtype", "markdown"} or j["msgtype"] != "markdown" or \
                set(j["markdown"]) != {"title", "text"}:
            return "not DingTalk markdown {title, text}: %s" % body[:200]
        q = urllib.parse.urlsplit(r["path"]).query
        m = re.search(r"(?:^|&)timestamp=([^&]*)", q)
        s = re.search(r"(?:^|&)sign=([^&]*)", q)
        if "access_token=t" not in q or not m or not s:
            return "the URL lacks access_token, timestamp or sign: %s" % r["path"]
        ts, raw = m.group(1), s.group(1)
        if not re.fullmatch(r"\d{13}", ts):
            return "timestamp %r is not milliseconds" % ts
        if "now" in flt and abs(int(ts) / 1000 - int(flt["now"])) > 3600:
            return "timestamp %s is more than an hour from the clock's %s" % (ts, flt["now"])
        if not re.fullmatch(r"[A-Za-z0-9%._~-]+", raw):
            return "sign %r is not URL-encoded" % raw
        want = b64hmac(arg.encode(), (ts + "\n" + arg).encode())
        if urllib.parse.unquote(raw) != want:
            return "sign %s, expected %s" % (urllib.parse.unquote(raw), want)
        return "ok"
    if cmd == "feishu":
        ts, sign = j.get("timestamp"), j.get("sign")
        if j.get("msg_type") != "text" or not isinstance(j.get("content"), dict) or \
                not isinstance(j["content"].get("text"), str):
            return "not Feishu text {msg_type, content: {text}}: %s" % body[:200]
        if not isinstance(ts, str) or not re.fullmatch(r"\d{10}", ts):
            return "timestamp %r is not seconds as a string" % (ts,)
        if "now" in flt and abs(int(ts) - int(flt["now"])) > 3600:
            return "timestamp %s is more than an hour from the clock's %s" % (ts, flt["now"])
        want = b64hmac((ts + "\n" + arg).encode(), b"")
        if sign != want:
            return "sign %s, expected %s" % (sign, want)
        return "ok"
    if cmd == "webhook":
        if not ctype.startswith("application/xml"):
            return "Content-Type %r, not application/xml" % ctype
        ev, dl, sig = hdr(r, "X-Mubiao-Event"), hdr(r, "X-Mubiao-Delivery"), \
            hdr(r, "X-Mubiao-Signature")
        if not ev or not ev.isdigit() or not dl or not dl.isdigit():
            return "X-Mubiao-Event %r, X-Mubiao-Delivery %r" % (ev, dl)
        want = "sha256=" + hmac.new(arg.encode(), body, hashlib.sha256).hexdigest()
        if sig != want:
            return "X-Mubiao-Signature %s, expected %s" % (sig, want)
        try:
            d = xml.dom.minidom.parseString(body)
        except Exception as e:
            return "the body is not well-formed XML: %s" % e
        root = d.documentElement
        if root.namespaceURI != "urn:mubiao:okr:1" or root.localName != "mubiao":
            return "root {%s}%s" % (root.namespaceURI, root.localName)
        e = root.getElementsByTagNameNS("urn:mubiao:okr:1", "event")
        if len(e) != 1 or e[0].getAttribute("id") != ev:
            return "no <event id=\"%s\">" % ev
        for a in ("kind", "at", "unit", "url"):
            if not e[0].getAttribute(a):
                return "<event> without %s" % a
        if "kind" in flt and e[0].getAttribute("kind") != flt["kind"]:
            return "kind %s" % e[0].getAttribute("kind")
        return "ok"
    return "unknown command"


rs = recs()
if cmd == "count":
    print(len(rs))
elif cmd == "bots":
    print(" ".join(str(sum(1 for r in rs if r["path"].startswith(b)))
                   for b in ("/wecom", "/dingtalk", "/feishu", "/hook")))
elif cmd == "events":
    seen = []
    for r in rs:
        e = hdr(r, "X-Mubiao-Event")
        if e and e not in seen:
            seen.append(e)
    print(" ".join(seen))
elif cmd == "text":
    print(human(rs[-1]) if rs else "")
else:
    print(check(rs[-1]) if rs else "no such POST was received")
PY
rq() {
	$PY "$TMP/rq.py" "$RECV/log" "$@"
}

# mq CMD [event=ID] [to=ADDRESS]: the mails fake-sendmail kept: count, or
# file (the last one's path); mq show FILE FIELD: subject (decoded),
# subject-raw (unfolded), words (each encoded word's length <= 75: ok),
# to, event, type, parts, encodings, lines (base64 lines <= 76: ok),
# text, html, auto.
cat > "$TMP/mq.py" <<'PY'
import email, email.header, glob, os, re, sys
from email import policy

cmd = sys.argv[1]


def load(path):
    with open(path, "rb") as f:
        return email.message_from_binary_file(f, policy=policy.compat32)


if cmd == "show":
    path, field = sys.argv[2], sys.argv[3]
    m = load(path)
    raw = m.get("Subject", "")
    unfolded = re.sub(r"\r?\n[ \t]", " ", raw)
    leaves = [p for p in m.walk() if not p.is_multipart()]
    if field == "subject":
        print(str(email.header.make_header(email.header.decode_header(unfolded))))
    elif field == "subject-raw":
        print(unfolded)
    elif field == "words":
        words = re.findall(r"=\?[^?]+\?[BbQq]\?[^?]*\?=", unfolded)
        bad = [w for w in words if len(w) > 75]
        print("ok" if words and not bad else "words %s" % [len(w) for w in words])
    elif field in ("to", "auto"):
        print(m.get({"to": "To", "auto": "Auto-Submitted"}[field], ""))
    elif field == "event":
        print(m.get("X-Mubiao-Event", ""))
    elif field == "type":
        print(m.get_content_type())
    elif field == "parts":
        print(" ".join("%s;%s" % (p.get_content_type(), p.get_content_charset()) for p in leaves))
    elif field == "encodings":
        print(" ".join(p.get("Content-Transfer-Encoding", "") for p in leaves))
    elif field == "lines":
        bad = [len(l) for p in leaves for l in p.get_payload().splitlines() if len(l) > 76]
        print("ok" if not bad else "lines of %s" % bad)
    elif field in ("text", "html"):
        for p in leaves:
            if p.get_content_type() == "text/" + ("plain" if field == "text" else "html"):
                print(p.get_payload(decode=True).decode("utf-8", "replace"))
    sys.exit(0)

d = sys.argv[2]
flt = dict(a.split("=", 1) for a in sys.argv[3:])
found = []
for path in sorted(glob.glob(os.path.join(d, "*.eml"))):
    m = load(path)
    if "event" in flt and m.get("X-Mubiao-Event") != flt["event"]:
        continue
    if "to" in flt and m.get("To") != flt["to"]:
        continue
    found.append(path)
if cmd == "count":
    print(len(found))
elif cmd == "file":
    print(found[-1] if found else "/dev/null")
PY
mq() {
	_mc=$1
	shift
	$PY "$TMP/mq.py" "$_mc" "$MAIL" "$@"
}
mshow() {	# FILE FIELD
	$PY "$TMP/mq.py" show "$1" "$2"
}

BOTS="/wecom /dingtalk /feishu /hook"
# Whether every bot has N (default: at least 1) records matching the rest.
bots_have() {	# [=N] KEY=VALUE...
	_want=
	case $1 in =*) _want=${1#=}; shift ;; esac
	for _c in $(rq bots "$@"); do
		if [ -n "$_want" ]; then [ "$_c" = "$_want" ] || return 1
		else [ "$_c" -ge 1 ] || return 1; fi
	done
}
# "wecom 1, dingtalk 1, ...": the bots' counts, for a message.
bots_count() {
	rq bots "$@" | awk '{ printf "wecom %s, dingtalk %s, feishu %s, hook %s", $1, $2, $3, $4 }'
}
least() {	# the least of the bots' counts
	rq bots "$@" | tr ' ' '\n' | sort -n | head -1
}
log_count() {	# TEXT: lines of the supervisor's log (mubiao-notify's) with TEXT
	grep -c -F -e "$1" "$LOG"
}
notify_pid() {
	pgrep -P "$(cat "$S/run/super.pid")" -x mubiao-notify | head -1
}
restarted() {	# PID: another mubiao-notify than PID runs
	_np=$(notify_pid)
	[ -n "$_np" ] && [ "$_np" != "$1" ]
}
dry_run() {	# [NOW] [CONF]: what mubiao-notify would do, at NOW (the clock's)
	MUBIAO_NOW=${1:-@$CLK} "$ADMIN" -c "${2:-$S/mubiao.conf}" notify --dry-run 2> "$TMP/dry.err"
}
# A request that waited on a delivery would take the receiver's 2 s
# time-out at least, 8 s for the four bots; 5 s is ample for a page, but
# for the valgrind pass, where every worker runs under memcheck.
LIMIT=5
[ -z "${MUBIAO_VALGRIND:-}" ] || LIMIT=30
timed() {	# USER PATH: "STATUS SECONDS" of a GET of PATH, at most $LIMIT s
	curl -s -o /dev/null --max-time $LIMIT -w '%{http_code} %{time_total}' -u "$1:$1" "$MUBIAO_URL$2"
}
quick() {	# DESC USER PATH: PATH answers 200 within $LIMIT s
	_t=$(timed "$2" "$3")
	check "$1 (GET $3 as $2: $_t s)" test "${_t%% *}" = 200
}
comment() {	# USER OBJECTIVE TEXT: a comment through the web, quick (303)
	_t=$(curl -s -o /dev/null --max-time $LIMIT -w '%{http_code} %{time_total}' -u "$1:$1" \
	    "$MUBIAO_URL/edit/comment/$2" --data "token=$(token "$1")&kind=comment&back=/okr/objective/$2" \
	    --data-urlencode "text=$3")
	check "$1 comments '$3' on objective $2: 303 within $LIMIT s ($_t s)" test "${_t%% *}" = 303
}
TAG=$(uniq_tag)

# =================================================== 1. set up by the web
PT=$(unit_id 平台组)
doc wangfang /person/wangfang
O=$(xpath "string((//cycle-okrs[@state='active']/objective[owner/@login='wangfang'])[1]/@id)")
OT=$(xpath "string((//cycle-okrs[@state='active']/objective[owner/@login='wangfang'])[1]/title)")
require "平台组 ($PT) and 王芳's objective of the active cycle ($O: $OT)" test -n "$PT" -a -n "$O" -a -n "$OT"
get wangfang /person/wangfang
expect_body_contains 'href="/okr/edit/notify"' "王芳's own page links to her notification settings"

post wangfang /edit/notify "email=wangfang@example.com&language=zh-CN&mail-checkin=1&mail-escalation=1&mail-digest=1&mail-meeting=1&mail-draft=1&mail-comment=1"
expect_status 303 "王芳 saves her address wangfang@example.com, in Chinese, every kind mailed: 303"
doc wangfang /edit/notify
check "her settings show the address and zh-CN" \
    test "$(xpath "string(//field[@name='email']/@value)") $(xpath "string(//field[@name='language']/@value)")" = "wangfang@example.com zh-CN"
post wangfang /edit/notify "email=wang%20fang@example.com&language=zh-CN&mail-comment=1"
expect_status 400 "an address with a space is refused: 400"
post admin /edit/notify/liuyang "email=liuyang@example.com&language=en&mail-checkin=1&mail-comment=1"
expect_status 303 "an admin sets 刘洋's address liuyang@example.com, in English: 303"

# The bots of 平台组: check-in reminders and comments.
add_bot() {	# KIND NAME URL SECRET LANGUAGE
	post admin /edit/admin/bot/new "unit=$PT&kind=$1&language=$5&events=checkin&events=comment" \
	    --data-urlencode "name=$2" --data-urlencode "url=$3" --data-urlencode "secret=$4"
	expect_status 303 "an admin adds the $1 bot '$2' to 平台组: 303"
}
add_bot wecom "平台组企业微信" "http://127.0.0.1:$RP/wecom?key=k" "" ""
add_bot dingtalk "平台组钉钉" "http://127.0.0.1:$RP/dingtalk?access_token=t" "$SEC_DING" ""
add_bot feishu "平台组飞书" "http://127.0.0.1:$RP/feishu/open-apis/bot/v2/hook/t0719" "$SEC_FEI" zh-CN
add_bot webhook "平台组 webhook" "http://127.0.0.1:$RP/hook" "$SEC_HOOK" ""
post admin /edit/admin/bot/new "unit=$PT&kind=wecom&events=comment&name=ftp&url=ftp://127.0.0.1/x"
expect_status 400 "a bot whose address is not http(s) is refused: 400"
doc admin /edit/admin/notify
check "the admin page lists the four bots under 平台组 ($(xpath "count(//unit[@id='$PT']/bot)"))" \
    test "$(xpath "count(//unit[@id='$PT']/bot)")" = 4
check "a signed bot's secret shows as set, its field empty" \
    test "$(xpath "string(//unit[@id='$PT']/bot[@kind='dingtalk']//field[@name='secret']/@set)")" = 1 -a \
    -z "$(xpath "string(//unit[@id='$PT']/bot[@kind='dingtalk']//field[@name='secret']/@value)")"
get admin /edit/admin/notify
expect_body_lacks "$SEC_DING" "the admin page never shows a stored secret"

# ============================================= 2. a comment, every channel
comment lina "$O" "演练的时间定了吗？ \"定了\" <b>周五</b> & c1-$TAG"
until_ok 20 'bots_have mode=ok "text=c1-$TAG"'
check "each bot of 平台组 received the comment ($(bots_count "text=c1-$TAG"))" bots_have mode=ok "text=c1-$TAG"
E1=$(rq events path=/hook "text=c1-$TAG")
until_ok 10 'test "$(mq count "event=$E1")" -ge 1'
check "王芳 got a mail of the comment's event ($E1)" test -n "$E1" -a "$(mq count "event=$E1" to=wangfang@example.com)" = 1
M=$(mq file "event=$E1")
check "the mail is multipart/alternative" test "$(mshow "$M" type)" = multipart/alternative
check "with a text/plain then a text/html part in UTF-8 ($(mshow "$M" parts))" \
    test "$(mshow "$M" parts)" = "text/plain;utf-8 text/html;utf-8"
check "both base64 ($(mshow "$M" encodings)), in lines of at most 76 ($(mshow "$M" lines))" \
    test "$(mshow "$M" encodings) $(mshow "$M" lines)" = "base64 base64 ok"
check "X-Mubiao-Event: $E1 and Auto-Submitted: auto-generated" \
    test "$(mshow "$M" event) $(mshow "$M" auto)" = "$E1 auto-generated"
check "the Chinese subject is RFC 2047 encoded ($(mshow "$M" subject-raw | cut -c1-40)...)" \
    sh -c "$PY '$TMP/mq.py' show '$M' subject-raw | grep '^=?UTF-8?B?' > /dev/null"
check "each encoded word at most 75 characters ($(mshow "$M" words))" test "$(mshow "$M" words)" = ok
mshow "$M" subject > "$TMP/m1.subject"
mshow "$M" text > "$TMP/m1.text"
mshow "$M" html > "$TMP/m1.html"
SUBJ=$(msg zh-CN notify.subject.comment | sed "s/{a}/李娜/; s/{b}/$OT/")
check "the subject, decoded, is in Chinese and names 李娜 and the objective: $(cat "$TMP/m1.subject")" \
    test "$(cat "$TMP/m1.subject")" = "$SUBJ"
check "From: the setting's default, To: her address" \
    sh -c "grep -q '^From: Mubiao <mubiao@localhost>\$' '$M' && grep -q '^To: wangfang@example.com\$' '$M'"
check "Message-ID: <mubiao.$E1.PERSON@HOST>" grep -q "^Message-ID: <mubiao\.$E1\.[0-9][0-9]*@[^>]*>\$" "$M"
check "the text greets her in Chinese ($(msg zh-CN notify.greeting | sed 's/{a}/王芳/'))" \
    grep -q -F "$(msg zh-CN notify.greeting | sed 's/{a}/王芳/')" "$TMP/m1.text"
check "the text names 李娜, the objective and says what she wrote" \
    sh -c "grep -q 李娜 '$TMP/m1.text' && grep -q -F '$OT' '$TMP/m1.text' && grep -q 'c1-$TAG' '$TMP/m1.text'"
check "the text links to the objective (…/okr/objective/$O)" grep -q "/okr/objective/$O" "$TMP/m1.text"
check "the HTML part names them too and links to the objective" \
    sh -c "grep -q 李娜 '$TMP/m1.html' && grep -q -F '$OT' '$TMP/m1.html' && grep -q 'href=\"[^\"]*/okr/objective/$O' '$TMP/m1.html'"
check "where her <b>周五</b> & shows as typed: &lt;b&gt;周五&lt;/b&gt; &amp;" \
    sh -c "grep -q -F '&lt;b&gt;周五&lt;/b&gt; &amp; c1-$TAG' '$TMP/m1.html' && ! grep -q -F '<b>周五' '$TMP/m1.html'"
check "and the text part as she typed it" grep -q -F "\"定了\" <b>周五</b> & c1-$TAG" "$TMP/m1.text"

NOW=$(clock_s)
v=$(rq wecom path=/wecom "text=c1-$TAG")
check "WeCom: {\"msgtype\":\"markdown\",\"markdown\":{\"content\":…}} ($v)" test "$v" = ok
v=$(rq dingtalk "$SEC_DING" path=/dingtalk "text=c1-$TAG" "now=$NOW")
check "DingTalk: markdown with title and text, timestamp & sign = HMAC-SHA256 of the secret verified ($v)" test "$v" = ok
v=$(rq feishu "$SEC_FEI" path=/feishu "text=c1-$TAG" "now=$NOW")
check "Feishu: text with timestamp and sign verified ($v)" test "$v" = ok
v=$(rq webhook "$SEC_HOOK" path=/hook "text=c1-$TAG" kind=comment)
check "webhook: well-formed Mubiao XML of event $E1, X-Mubiao-Signature verified ($v)" test "$v" = ok
for b in $BOTS; do
	rq text "path=$b" "text=c1-$TAG" > "$TMP/bot.text"
	check "the ${b#/} message names 李娜 and the objective, and quotes her comment whole" \
	    sh -c "grep -q 李娜 '$TMP/bot.text' && grep -q -F '$OT' '$TMP/bot.text' && grep -q -F '\"定了\" <b>周五</b> & c1-$TAG' '$TMP/bot.text'"
	# The Feishu bot was set to Chinese; the rest have the default (en).
	l=en
	[ "$b" != /feishu ] || l=zh-CN
	check "the ${b#/} message is in its language, $l ($(msg $l notify.comment.intro.bot | sed 's/{a}/李娜/'))" \
	    grep -q -F "$(msg $l notify.comment.intro.bot | sed 's/{a}/李娜/')" "$TMP/bot.text"
done

# ======================================== 3. failures, retried, once each
mode 500
echo 75 > "$MAIL/exit-status"
comment lina "$O" "故障演练安排在周五 c2-$TAG"
# Each message fails twice (the clock moving on a second at a time: the
# third try, 2 s after the second, comes once the receiver is back).
fails_twice() {
	[ "$(least status=500 "text=c2-$TAG")" -ge 2 ] &&
	    [ "$(grep -c ' 75$' "$MAIL/calls" 2>/dev/null)" -ge 2 ]
}
until_tick 20 fails_twice
E2=$(rq events path=/hook "text=c2-$TAG")
check "the receiver answering 500, each bot's message was tried again ($(bots_count status=500 "text=c2-$TAG") answered 500)" \
    test "$(least status=500 "text=c2-$TAG")" -ge 2
check "the log says it will retry event $E2 ($(log_count "will retry event $E2 ") lines)" \
    test "$(log_count "will retry event $E2 ")" -ge 4
check "sendmail's temporary failure (75) was tried again ($(grep -c ' 75$' "$MAIL/calls" 2>/dev/null) calls)" \
    test "$(grep -c ' 75$' "$MAIL/calls" 2>/dev/null)" -ge 2
quick "meanwhile 王芳's objective page answers at once" wangfang "/objective/$O"
quick "and 李娜's inbox" lina /inbox
mode ok
rm -f "$MAIL/exit-status"
until_tick 20 'bots_have mode=ok "text=c2-$TAG"'
until_tick 10 'test "$(mq count "event=$E2")" -ge 1'
# A few more passes, the clock 6 s on, past any retry that a delivery
# taken but recorded as failed would have: nothing is sent again.
until_tick 3 false
check "back up, each bot accepted the message once ($(bots_count mode=ok "text=c2-$TAG"))" \
    bots_have =1 mode=ok "text=c2-$TAG"
check "the webhook accepted event $E2 once ($(rq count path=/hook mode=ok "event=$E2"))" \
    test "$(rq count path=/hook mode=ok "event=$E2")" = 1
check "王芳's mail of event $E2 came once ($(mq count "event=$E2"))" test "$(mq count "event=$E2")" = 1

# ====================================== 4. a receiver that does not answer
mode hang
comment lina "$O" "回滚方案也要演练 c3-$TAG"
until_ok 15 'test "$(rq count path=/wecom status=hang "text=c3-$TAG")" -ge 1'
quick "while a bot hangs, 王芳's objective page answers" wangfang "/objective/$O"
quick "and the home page" lina /
until_ok 25 'test "$(rq count path=/hook status=hang "text=c3-$TAG")" -ge 1'
E3=$(rq events path=/hook "text=c3-$TAG")
until_ok 10 'test "$(log_count "will retry event $E3 ")" -ge 4'
check "each hanging delivery timed out after notify-timeout and will be retried ($(log_count "will retry event $E3 ") lines)" \
    test "$(log_count "will retry event $E3 ")" -ge 4
grep -F "will retry event $E3 " "$LOG" | tail -1 | sed 's/.*: //' > "$TMP/why"
check "the reason given is the time-out ($(cat "$TMP/why"))" grep -q -i 'time' "$TMP/why"
mode ok
until_tick 25 'bots_have mode=ok "text=c3-$TAG"'
check "answering again, each bot got the message ($(bots_count mode=ok "text=c3-$TAG"))" \
    bots_have mode=ok "text=c3-$TAG"

# ============================================ 5. dead letters and resend
# The bots refuse it: HTTP 200 with their own error code (a signature
# that does not match, say), the webhook 403.
mode refuse
comment lina "$O" "第三次演练推迟 c4-$TAG"
until_ok 15 'test "$(rq count path=/hook "text=c4-$TAG")" -ge 1'
E4=$(rq events path=/hook "text=c4-$TAG")
until_tick 30 'test "$(log_count "gave up event $E4 ")" -ge 4'
check "refused 4 times (notify-retries), the log gives up on event $E4 ($(log_count "gave up event $E4 ") deliveries, $(bots_count mode=refuse "text=c4-$TAG") tries)" \
    test "$(log_count "gave up event $E4 ")" = 4 -a "$(least mode=refuse "text=c4-$TAG")" = 4
doc admin /edit/admin/notify
DEAD=$(xpath "//deliveries[@state='dead']/delivery[@event='$E4']/@id" | grep -o '[0-9][0-9]*' | tr '\n' ' ')
check "the admin page lists event $E4's four deliveries as dead ($DEAD)" test "$(echo $DEAD | wc -w)" = 4
check "each after 4 tries ($(xpath "count(//deliveries[@state='dead']/delivery[@event='$E4'][@tries='4'])") of 4)" \
    test "$(xpath "count(//deliveries[@state='dead']/delivery[@event='$E4'][@tries='4'])")" = 4
for e in "wecom:errcode 93000" "dingtalk:errcode 310000: sign not match" "feishu:code 19021" "webhook:HTTP 403"; do
	_e=$(xpath "string(//deliveries[@state='dead']/delivery[@event='$E4'][@bot-kind='${e%%:*}']/error)")
	check "the ${e%%:*} bot's error says what its receiver answered: $_e" \
	    sh -c "printf '%s' \"\$1\" | grep -q -F '${e#*:}'" - "$_e"
done
check "naming the bots' kinds ($(xpath "//deliveries[@state='dead']/delivery[@event='$E4']/@bot-kind" | tr -s ' \n' ' '))" \
    test "$(xpath "//deliveries[@state='dead']/delivery[@event='$E4']/@bot-kind" | grep -o 'wecom\|dingtalk\|feishu\|webhook' | sort | tr '\n' ' ')" = "dingtalk feishu webhook wecom "
get admin /edit/admin/notify
D1=${DEAD%% *}
expect_body_contains "action=\"/okr/edit/admin/delivery/$D1/resend\"" "the page has a resend button for dead delivery $D1"
mode ok
for d in $DEAD; do
	post admin "/edit/admin/delivery/$d/resend" ""
	expect_status 303 "admin resends delivery $d: 303"
done
until_tick 20 'bots_have mode=ok "text=c4-$TAG"'
check "resent, each bot got event $E4 ($(bots_count mode=ok "text=c4-$TAG"))" bots_have =1 mode=ok "text=c4-$TAG"
doc admin /edit/admin/notify
check "the admin page no longer lists them as dead" \
    test "$(xpath "count(//deliveries[@state='dead']/delivery[@event='$E4'])")" = 0
check "but among the sent ($(xpath "count(//deliveries[@state='sent']/delivery[@event='$E4'][@channel='bot'])"))" \
    test "$(xpath "count(//deliveries[@state='sent']/delivery[@event='$E4'][@channel='bot'])")" = 4
post admin "/edit/admin/delivery/$D1/resend" ""
expect_status 409 "resending a delivery that was sent meanwhile: 409"

# ============================================= 6. kill -9 mid-delivery
mode hang
comment lina "$O" "演练脚本放在哪里 c5-$TAG"
comment wangfang "$O" "脚本在 ops 仓库 c6-$TAG"
comment liuyang "$O" "我来帮忙 c7-$TAG"
until_ok 15 'test "$(rq count status=hang "text=c5-$TAG")" -ge 1'
NP=$(notify_pid)
kill -9 "$NP" 2>/dev/null
check "mubiao-notify ($NP) killed with -9 while a bot hung on the comment" test -n "$NP"
mode ok
until_ok 15 'restarted "$NP"'
check "the supervisor started it again ($(notify_pid))" test -n "$(notify_pid)" -a "$(notify_pid)" != "$NP"
all_arrived() {
	for _t in c5 c6 c7; do bots_have mode=ok "text=$_t-$TAG" || return 1; done
}
until_tick 30 all_arrived
for t in c5 c7; do
	check "after the restart each bot got comment $t ($(bots_count mode=ok "text=$t-$TAG"))" \
	    bots_have mode=ok "text=$t-$TAG"
	check "the webhook's posts of $t all carry one event id ($(rq events path=/hook "text=$t-$TAG"))" \
	    test "$(rq events path=/hook "text=$t-$TAG" | wc -w)" = 1
done
E5=$(rq events path=/hook "text=c5-$TAG")
E6=$(rq events path=/hook "text=c6-$TAG")
E7=$(rq events path=/hook "text=c7-$TAG")
until_tick 10 'test "$(mq count "event=$E5")" -ge 1 -a "$(mq count "event=$E7")" -ge 1'
check "王芳 got the mails of c5 ($E5) and c7 ($E7)" \
    test "$(mq count "event=$E5" to=wangfang@example.com)" -ge 1 -a "$(mq count "event=$E7" to=wangfang@example.com)" -ge 1
check "but no mail of her own comment c6 (${E6:-no event})" test "$(mq count "event=${E6:-0}" to=wangfang@example.com)" = 0
check "the bots got her comment c6 though ($(bots_count mode=ok "text=c6-$TAG"))" bots_have mode=ok "text=c6-$TAG"

# ==================================== 7. the Monday check-in reminder
# Monday 2027-02-22: the demo's last check-ins were on Friday 2027-02-12.
DAY=$(( $(date -u -d 2027-02-22 +%s) / 86400 ))
KEY="checkin:$PT:$DAY"
dry_run 2027-02-22T01:30:00Z > "$TMP/dry.0930"
check "dry run at Monday 09:30 in Shanghai: 平台组's reminder is not due" \
    sh -c "! grep -q 'would fire $KEY\$' '$TMP/dry.0930' && grep -q '^# what' '$TMP/dry.0930'"
dry_run 2027-02-22T02:05:00Z > "$TMP/dry.1005"
check "at 02:05Z, 10:05 in Shanghai: 'would fire $KEY'" grep -q "would fire $KEY\$" "$TMP/dry.1005"
sed -n "/would fire $KEY\$/,/would fire/p" "$TMP/dry.1005" > "$TMP/dry.slot"
check "to 王芳 by mail, who owes check-ins" grep -q "checkin: mail to wangfang <wangfang@example.com>" "$TMP/dry.slot"
check "and to the four bots of 平台组 ($(grep -c 'checkin: [a-z]* bot' "$TMP/dry.slot"))" \
    test "$(grep -c 'checkin: [a-z]* bot' "$TMP/dry.slot")" = 4
sed "s/^timezone = .*/timezone = UTC/" "$S/mubiao.conf" > "$S/mubiao-utc.conf"
chmod 644 "$S/mubiao-utc.conf"
dry_run 2027-02-22T02:05:00Z "$S/mubiao-utc.conf" > "$TMP/dry.utc"
check "with timezone = UTC, 02:05Z is 02:05: not due" \
    sh -c "! grep -q 'would fire $KEY\$' '$TMP/dry.utc' && grep -q 'in UTC' '$TMP/dry.utc'"
dry_run 2027-02-22T10:05:00Z "$S/mubiao-utc.conf" > "$TMP/dry.utc10"
check "in UTC it is due at 10:05Z" grep -q "would fire $KEY\$" "$TMP/dry.utc10"
check "the dry runs fired nothing: at 02:05Z it would still fire" \
    sh -c "MUBIAO_NOW=2027-02-22T02:05:00Z '$ADMIN' -c '$S/mubiao.conf' notify --dry-run 2>/dev/null | grep 'would fire $KEY\$' > /dev/null"
check "nor did mubiao-notify ($(log_count "fired $KEY") fired)" test "$(log_count "fired $KEY")" = 0

# What 王芳's inbox says she owes on Monday, by the KRs' titles.
RB=$(wc -l < "$RECV/log")
clock_set 2027-02-22T02:00:00Z
doc wangfang /inbox
OWED=$(xpath "string((//owed/checkin/title)[1])")
NW=$(xpath "count(//owed/checkin)")
check "on Monday 王芳's inbox lists KRs owing check-ins ($(xpath "count(//owed/checkin)"): $OWED)" test -n "$OWED"
until_ok 20 'test "$(log_count "fired $KEY")" -ge 1'
check "at 10:00 Shanghai mubiao-notify fired $KEY" test "$(log_count "fired $KEY")" = 1
until_tick 20 'bots_have mode=ok "after=$RB"'
doc liuyang /inbox
NL=$(xpath "count(//owed/checkin)")
EC=$(rq events path=/hook kind=checkin)
until_tick 15 'test "$(mq count "event=${EC:-x}" to=wangfang@example.com)" -ge 1'
check "the webhook got a check-in event ($EC)" test -n "$EC" -a "$(echo "$EC" | wc -w)" = 1
v=$(rq webhook "$SEC_HOOK" path=/hook kind=checkin)
check "a signed, well-formed check-in event ($v)" test "$v" = ok
for b in $BOTS; do
	rq text "path=$b" mode=ok "after=$RB" > "$TMP/bot.text"
	l=en
	[ "$b" != /feishu ] || l=zh-CN
	_o=$(msg $l notify.owing.person | sed "s/{a}/王芳/; s/{b}/$NW/")
	check "${b#/}'s check-in message names 王芳, who owes, with her count ($_o)" \
	    grep -q -F "$_o" "$TMP/bot.text"
done
M=$(mq file "event=$EC" to=wangfang@example.com)
mshow "$M" text > "$TMP/mc.text"
check "王芳 got a check-in reminder mail (event $EC)" test "$(mq count "event=$EC" to=wangfang@example.com)" = 1
check "naming a KR her inbox lists ($OWED)" grep -q -F "$OWED" "$TMP/mc.text"
check "with a link to her inbox" grep -q '/okr/inbox' "$TMP/mc.text"
ML=$(mq file "event=$EC" to=liuyang@example.com)
_s=$(msg en notify.subject.checkin | sed "s/{a}/$NL/")
[ "$NL" != 1 ] || _s=$(msg en notify.subject.checkin.one | sed "s/{a}/$NL/")
check "刘洋 got his in English, its subject plain ASCII: $(mshow "$ML" subject-raw)" \
    test "$(mshow "$ML" subject-raw)" = "$_s"
check "each bot got one check-in message ($(bots_count "after=$RB"))" bots_have =1 "after=$RB"
NP=$(notify_pid)
kill "$NP"
until_ok 15 'restarted "$NP"'
tick 60
# Its first pass looks at the slots; a comment delivered shows it passed.
comment lina "$O" "周一了 c8-$TAG"
until_tick 20 'bots_have mode=ok "text=c8-$TAG"'
check "restarted and a minute on, the slot did not fire again ($(log_count "fired $KEY") in the log)" \
    test "$(log_count "fired $KEY")" = 1
check "王芳 got one check-in reminder ($(mq count "event=$EC" to=wangfang@example.com))" \
    test "$(mq count "event=$EC" to=wangfang@example.com)" = 1
check "the webhook one check-in event ($(rq events path=/hook kind=checkin))" \
    test "$(rq events path=/hook kind=checkin | wc -w)" = 1
# The slots that follow, as the dry run sees them: the escalation two
# working days on (Wednesday 10:00), the digest on Friday 16:00, and next
# Monday's reminder, let go when more than 12 hours late.
dry_run 2027-02-24T02:05:00Z > "$TMP/dry.esc"
check "on Wednesday 10:05 the escalation of Monday's reminder is due (escalate:$PT:$DAY)" \
    grep -q "would fire escalate:$PT:$DAY\$" "$TMP/dry.esc"
dry_run 2027-02-26T08:05:00Z > "$TMP/dry.digest"
check "on Friday 16:05 the lead's digest (digest:$PT:$((DAY + 4)))" \
    grep -q "would fire digest:$PT:$((DAY + 4))\$" "$TMP/dry.digest"
dry_run 2027-03-01T13:55:00Z > "$TMP/dry.late"
check "the next Monday at 21:55, 11 h 55 late, the reminder would still go" \
    grep -q "would fire checkin:$PT:$((DAY + 7))\$" "$TMP/dry.late"
dry_run 2027-03-01T14:05:00Z > "$TMP/dry.later"
check "at 22:05, 12 h 5 late, it is let go" \
    sh -c "! grep -q 'would fire checkin:$PT:$((DAY + 7))\$' '$TMP/dry.later' && grep -q '^# what' '$TMP/dry.later'"

# ================================================ 8. the dry run writes nothing
mode 500
comment lina "$O" "干跑 c9-$TAG"
until_ok 15 'test "$(rq count path=/hook status=500 "text=c9-$TAG")" -ge 1'
E9=$(rq events path=/hook "text=c9-$TAG")
until_ok 10 'test "$(log_count "will retry event $E9 ")" -ge 4'
LATER=$(date -u -d "@$(( $(clock_s) + 30 ))" +%Y-%m-%dT%H:%M:%SZ)
R0=$(wc -l < "$RECV/log") L0=$(wc -l < "$LOG") N0=$(ls "$MAIL" | wc -l)
dry_run "$LATER" > "$TMP/dry.a"
dry_run "$LATER" > "$TMP/dry.b"
check "dry run 30 s on: would send event $E9 to the webhook again (tries 1)" \
    grep -q "would send event $E9 comment: webhook bot .*(tries 1)" "$TMP/dry.a"
check "the same list twice: the first wrote no try" cmp -s "$TMP/dry.a" "$TMP/dry.b"
check "and sent nothing: the receiver, sendmail and the log saw nothing new" \
    test "$(wc -l < "$RECV/log") $(ls "$MAIL" | wc -l) $(grep -c 'sent event\|will retry\|gave up' "$LOG")" = \
    "$R0 $N0 $(head -n "$L0" "$LOG" | grep -c 'sent event\|will retry\|gave up')"

# ====================================== 9. the other kinds, delivered
# Escalation, meeting, digest and draft, each to its reader's mailbox and
# to a webhook of 平台组 that posts them all (a draft to 研发部's, a
# department's, and not to a team's).
mode ok
until_tick 20 'test "$(rq count path=/hook status=200 "text=c9-$TAG")" -ge 1'
RD=$(unit_id 研发部)
CO=$(doc_xpath admin /tree "string((//node[@kind='unit'][@level='company']/@id)[1])")
CY=$(doc_xpath admin / "string(/page/cycles/cycle[@current='1']/@name)")
post admin /edit/notify/lina "email=lina@example.com&language=en&mail-escalation=1&mail-digest=1&mail-meeting=1"
expect_status 303 "an admin gives 李娜, 平台组's lead, an address: 303"
post admin /edit/notify/zhangwei "email=zhangwei@example.com&language=zh-CN&mail-draft=1"
expect_status 303 "and 张伟, 研发部's lead: 303"
post admin /edit/admin/bot/new "unit=$PT&kind=webhook&events=escalation&events=digest&events=meeting&events=draft" \
    --data-urlencode "name=平台组 all" --data-urlencode "url=http://127.0.0.1:$RP/all" \
    --data-urlencode "secret=$SEC_HOOK"
expect_status 303 "a webhook of 平台组 for escalations, digests, meetings and drafts: 303"
# And a WeCom, a DingTalk and a Feishu bot of 平台组 for the same kinds.
for _b in "wecom|/wecom-all?key=k|" "dingtalk|/dingtalk-all?access_token=t|$SEC_DING" \
    "feishu|/feishu-all|$SEC_FEI"; do
	IFS='|' read -r _k _p _s <<ARGS
$_b
ARGS
	post admin /edit/admin/bot/new "unit=$PT&kind=$_k&events=escalation&events=digest&events=meeting" \
	    --data-urlencode "name=平台组 $_k all" --data-urlencode "url=http://127.0.0.1:$RP$_p" \
	    --data-urlencode "secret=$_s"
	expect_status 303 "a $_k bot of 平台组 for escalations, digests and meetings: 303"
done
# Each kind in each chat's format, signed: the last such post of each.
chats_ok() {	# KIND
	for _k in wecom dingtalk feishu; do
		case $_k in
		wecom) _r=$(rq wecom "path=/wecom-all" "text=$2") ;;
		dingtalk) _r=$(rq dingtalk "$SEC_DING" "path=/dingtalk-all" "text=$2") ;;
		feishu) _r=$(rq feishu "$SEC_FEI" "path=/feishu-all" "text=$2") ;;
		esac
		check "the $_k bot got the $1 in its format, signed: $_r" test "$_r" = ok
	done
}
post admin /edit/admin/bot/new "unit=$RD&kind=webhook&events=draft" \
    --data-urlencode "name=研发部 drafts" --data-urlencode "url=http://127.0.0.1:$RP/dept" \
    --data-urlencode "secret=$SEC_HOOK"
expect_status 303 "a webhook of 研发部 for drafts: 303"

# A company draft: the departments' leads are asked for KRs.
DT="公司草案 d-$TAG"
post chenming /edit/objective/new "cycle=$CY&unit=$CO&state=draft" --data-urlencode "title=$DT"
expect_status 303 "陈明 drafts a company objective in $CY: 303"
until_ok 20 'test "$(rq count path=/dept kind=draft)" -ge 1'
check "研发部's webhook got the draft, signed: $(rq webhook "$SEC_HOOK" path=/dept kind=draft)" \
    test "$(rq webhook "$SEC_HOOK" path=/dept kind=draft)" = ok
ED=$(rq events path=/dept kind=draft)
until_ok 10 'test "$(mq count "event=$ED" to=zhangwei@example.com)" -ge 1'
mshow "$(mq file "event=$ED" to=zhangwei@example.com)" subject > "$TMP/md.subject"
check "张伟 got a mail, subject '$(cat "$TMP/md.subject")'" \
    test "$(cat "$TMP/md.subject")" = "$(msg zh-CN notify.subject.draft | sed "s/{a}/$DT/")"
check "a team's webhook did not (平台组's: $(rq count path=/all kind=draft))" \
    test "$(rq count path=/all kind=draft)" = 0

# A meeting of 平台组 tomorrow: its people hear of it at 10:00 the day before.
TOMORROW=$(date -u -d "$(date -u -d "$(cat "$CLK")" +%Y-%m-%d) + 1 day" +%Y-%m-%d)
MT="平台组周会 m-$TAG"
post lina /meet/new "unit=$PT&cycle=$CY&kind=action&due=$TOMORROW" --data-urlencode "title=$MT"
expect_status 303 "李娜 plans 平台组's action meeting for $TOMORROW: 303"
tick 30
until_ok 20 'test "$(rq count path=/all kind=meeting)" -ge 1'
check "the webhook got the meeting reminder: $(rq webhook "$SEC_HOOK" path=/all kind=meeting)" \
    test "$(rq webhook "$SEC_HOOK" path=/all kind=meeting)" = ok
EM=$(rq events path=/all kind=meeting)
until_ok 10 'test "$(mq count "event=$EM" to=wangfang@example.com)" -ge 1'
mshow "$(mq file "event=$EM" to=lina@example.com)" subject > "$TMP/mm.subject"
check "李娜 got it in English: '$(cat "$TMP/mm.subject")'" \
    test "$(cat "$TMP/mm.subject")" = "$(msg en notify.subject.meeting | sed "s/{a}/$MT/")"
check "and 王芳, of 平台组, too" test "$(mq count "event=$EM" to=wangfang@example.com)" = 1
check "刘洋, who wants no meeting mail, did not" test "$(mq count "event=$EM" to=liuyang@example.com)" = 0
until_ok 10 'test "$(rq count path=/feishu-all "text=$MT")" -ge 1'
chats_ok meeting "$MT"

# Wednesday 10:00: two working days after Monday's reminder, 平台组's lead
# hears who still owes (王芳 has not checked in).
clock_set 2027-02-24T02:00:30Z
until_ok 20 'test "$(rq count path=/all kind=escalation)" -ge 1'
check "the webhook got the escalation: $(rq webhook "$SEC_HOOK" path=/all kind=escalation)" \
    test "$(rq webhook "$SEC_HOOK" path=/all kind=escalation)" = ok
EE=$(rq events path=/all kind=escalation)
until_ok 10 'test "$(mq count "event=$EE" to=lina@example.com)" -ge 1'
mshow "$(mq file "event=$EE" to=lina@example.com)" text > "$TMP/me.text"
check "李娜's escalation names 王芳, who still owes" grep -q -F 王芳 "$TMP/me.text"
check "王芳 gets none (it is her lead's)" test "$(mq count "event=$EE" to=wangfang@example.com)" = 0
until_ok 10 'test "$(rq count path=/feishu-all text=王芳)" -ge 1'
chats_ok escalation 王芳

# Friday 16:00: 平台组's lead gets the weekly digest.
clock_set 2027-02-26T08:00:30Z
until_ok 20 'test "$(rq count path=/all kind=digest)" -ge 1'
check "the webhook got 平台组's digest: $(rq webhook "$SEC_HOOK" path=/all kind=digest)" \
    test "$(rq webhook "$SEC_HOOK" path=/all kind=digest)" = ok
EG=$(rq events path=/all kind=digest)
until_ok 10 'test "$(mq count "event=$EG" to=lina@example.com)" -ge 1'
mshow "$(mq file "event=$EG" to=lina@example.com)" text > "$TMP/mg.text"
OT=$(doc_xpath admin "/unit/$PT" "string((/page/objective[@level='team'])[1]/title)")
check "李娜's digest lists 平台组's objective '$OT'" grep -q -F "$OT" "$TMP/mg.text"
check "with its score as a percentage" grep -q '[0-9]%' "$TMP/mg.text"
until_ok 10 'test "$(rq count path=/feishu-all "text=$OT")" -ge 1'
chats_ok digest "$OT"
check "one digest for the week, however many passes" \
    test "$(log_count "fired digest:$PT:")" = 1
