#!/bin/sh
# The notification forms.  A member sets their mail address, language
# and the kinds of notice mailed to them, and finds them kept; a bad
# address (a line break, a comma, no '@', too long) is refused with 400,
# the message beside the field in the user's language, every typed value
# back and nothing stored; another member may not see or change them
# (403), an admin may; a stale version is 409 with the typed values
# beside the stored ones.  The admin page of notifications: a bot of each
# kind added to a unit, changed (its secret kept when left empty, never
# shown in a page), refused as typed, deleted once confirmed; a unit's
# check-in reminder time set and refused when malformed; members get 403
# on the page and on each of its forms.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
ME=songxue	# a member who sets their own
OTHER=liangchen	# a member of the same unit, who may not

# The form of the last body whose action ends in ACTION, on one line.
row() {	# ACTION
	tr -d '\n' < "$TMP/body" | sed 's/<form /\n<form /g; s/<\/form>/<\/form>\n/g' |
	    grep "^<form [^>]*action=\"/okr/edit/$1\""
}
expect_row() {	# ACTION TEXT DESC
	if row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(row "$1" | sed 's/<option[^>]*>[^<]*<\/option>//g; s/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}
expect_row_lacks() {	# ACTION TEXT DESC
	if row "$1" | grep -F -q -e "$2"; then fail "$3"; else ok "$3"; fi
}
# The message of KEY in LANG beside FIELD of the form ACTION.
row_error() {	# ACTION FIELD KEY [LANG]
	_m=$(msg "${4:-en}" "$3")
	if row "$1" | grep -q "class=\"field field-$2 type-[a-z]* has-error\".*<p class=\"field-error\" id=\"f[0-9]*-$2-err\">$_m"; then
		ok "$REQ: '$_m' beside $2"
	else
		fail "$REQ: '$_m' beside $2"
		note "errors: $(row "$1" | grep -o 'class="field-error" id="[^"]*">[^<]*' | tr '\n' ' ')"
	fi
}
# The value the last document's form ACTION shows in field NAME (of a
# group of boxes, the kinds ticked).
doc_value() {	# ACTION NAME
	xpath "string(//form[@action='/okr/edit/$1']/field[@name='$2']/@value)"
}
# POST as USER to PATH and keep the document of the answer ($TMP/doc).
post_doc() {	# USER PATH DATA [curl args]
	_pu=$1 _pp=$2 _pd=$3
	shift 3
	doc "$_pu" "$_pp" -X POST --data "token=$(token "$_pu")${_pd:+&$_pd}" "$@"
}
expect_doc() {	# EXPECTED GOT DESC
	if [ "$2" = "$1" ]; then ok "$3"; else
		fail "$3"
		note "expected '$1', got '$2'"
	fi
}

# ------------------------------------------------- one's own settings
get "$ME" "/person/$ME"
expect_body_contains 'href="/okr/edit/notify"' "$ME's own page links their notification settings"
get "$OTHER" "/person/$ME"
expect_body_lacks '/okr/edit/notify' "$OTHER does not see a link to $ME's settings"
get admin "/person/$ME"
expect_body_contains "href=\"/okr/edit/notify/$ME\"" "an admin sees a link to $ME's settings"

get "$ME" /edit/notify
expect_status 200 "$ME opens /edit/notify: 200"
expect_row notify 'name="email"' "$REQ: an address field"
expect_row notify '<select id="f1-language" name="language">' "$REQ: a language select"
for k in checkin escalation digest meeting draft comment; do
	expect_row notify "name=\"mail-$k\" checked" "$REQ: mail-$k ticked (nothing muted yet)"
done

post "$ME" /edit/notify "language=zh-CN&mail-checkin=1&mail-meeting=1&mail-comment=1" \
    --data-urlencode "email=$ME@example.com"
expect_status 303 "$ME saves an address, zh-CN, three kinds: 303"
check "$REQ: back to their page" test "$(location)" = "/okr/person/$ME"
doc "$ME" /edit/notify
expect_doc "$ME@example.com" "$(doc_value notify email)" "the address is kept"
expect_doc zh-CN "$(doc_value notify language)" "the language is kept"
expect_doc "checkin meeting comment" "$(doc_value notify mail)" "the kinds mailed are kept"
V=$(xpath 'string(//form/@version)')
check "the settings have a version ($V)" test -n "$V"
get "$ME" /edit/notify
expect_row notify "name=\"mail-meeting\" checked" "$REQ: mail-meeting ticked"
expect_row_lacks notify "name=\"mail-digest\" checked" "$REQ: mail-digest not ticked"
expect_row notify '<option value="zh-CN" selected>' "$REQ: zh-CN selected"

# ------------------------------------------------------- bad addresses
LONG=$(printf '%0250d' 0)@example.com
NL="song
xue@example.com"
for bad in "$NL" "a@example.com, b@example.com" "songxue.example.com" "$LONG"; do
	case $bad in
	"$LONG")	what="too long"; key=err.field.too-long; lang=en ;;
	*,*)		what="with a comma"; key=form.notify.err.email; lang=zh-CN ;;
	*@*)		what="with a line break"; key=form.notify.err.email; lang=en ;;
	*)		what="without @"; key=form.notify.err.email; lang=zh-CN ;;
	esac
	post "$ME" /edit/notify "version=$V&language=en&mail-digest=1&mail-draft=1" \
	    --data-urlencode "email=$bad" -H "Accept-Language: $lang"
	REQ="$REQ (address $what, $lang)"
	expect_status 400
	row_error notify email "$key" "$lang"
	expect_row notify '<option value="en" selected>' "$REQ: the language typed is back"
	expect_row notify 'name="mail-digest" checked' "$REQ: mail-digest as ticked"
	expect_row_lacks notify 'name="mail-checkin" checked' "$REQ: mail-checkin as left"
	case $bad in
	*"
"*)	# A line break in a value attribute: read the document.
		post_doc "$ME" /edit/notify "version=$V&language=en&mail-digest=1" \
		    --data-urlencode "email=$bad"
		expect_doc 400 "$(cat "$TMP/doc.status")" "$REQ: its document too: 400"
		expect_doc "$bad" "$(doc_value notify email)" "$REQ: the address typed is back" ;;
	*)	expect_row notify "value=\"$bad\"" "$REQ: the address typed is back" ;;
	esac
done
get "$ME" /edit/notify
expect_row notify 'maxlength="254"' "the address field says its limit"
doc "$ME" /edit/notify
expect_doc "$ME@example.com" "$(doc_value notify email)" "nothing of the refused addresses was stored"
expect_doc "$V" "$(xpath 'string(//form/@version)')" "the settings' version is still $V"

# -------------------------------------------------- someone else's
get "$OTHER" "/edit/notify/$ME"
expect_error 403 form.notify.forbidden
post "$OTHER" "/edit/notify/$ME" "version=$V&language=en" --data-urlencode "email=evil@example.com"
expect_error 403 form.notify.forbidden
get admin "/edit/notify/nobody$$"
expect_status 404 "an admin opens the settings of an unknown login: 404"
get admin "/edit/notify/$ME"
expect_status 200 "an admin opens $ME's settings: 200"
expect_row "notify/$ME" "value=\"$ME@example.com\"" "$REQ: $ME's address"
post admin "/edit/notify/$ME" "version=$V&language=&mail-checkin=1&mail-digest=1" \
    --data-urlencode "email=song.xue@example.org"
expect_status 303 "an admin changes $ME's address: 303"
doc "$ME" /edit/notify
expect_doc song.xue@example.org "$(doc_value notify email)" "$ME sees the address the admin set"
expect_doc "" "$(doc_value notify language)" "the site's language, as the admin chose"
V2=$(xpath 'string(//form/@version)')

# A stale save: the typed values beside what was saved meanwhile.
post "$ME" /edit/notify "version=$V&language=en&mail-comment=1" --data-urlencode "email=stale@example.com"
REQ="$REQ (stale version $V)"
expect_status 409
expect_row notify 'class="edit status-conflict' "$REQ: the form in conflict"
expect_row notify "$(msg en form.conflict)" "$REQ: the conflict explained"
expect_row notify 'value="stale@example.com"' "$REQ: the address typed is kept"
expect_row notify 'song.xue@example.org</span>' "$REQ: beside the saved one"
expect_row notify "name=\"version\" value=\"$V2\"" "$REQ: the stored version $V2 to save again"
doc "$ME" /edit/notify
expect_doc song.xue@example.org "$(doc_value notify email)" "nothing of the stale save was stored"

# ----------------------------------------------- the admin page: access
UN="t0718 通知组 $TAG"
post admin /edit/admin/unit/new "level=team&parent=$PLAT&lead=" --data-urlencode "name=$UN"
U=$(doc_xpath admin "/unit/$PLAT" "string(//unit/children/unit[@name=\"$UN\"]/@id)")
require "a unit of this test's own ($U)" test -n "$U"
for p in units import; do
	get admin "/edit/admin/$p"
	expect_body_contains 'href="/okr/edit/admin/notify"' "the admin $p page links the notifications page"
done
get admin /edit/admin/notify
expect_status 200 "an admin opens /edit/admin/notify: 200"
expect_body_contains 'id="deliveries-dead"' "$REQ: the dead deliveries"
expect_body_contains 'id="deliveries-sent"' "$REQ: the last sent"
get admin "/edit/admin/notify?from=$U"
expect_body_contains "id=\"unit-$U\"" "$REQ: the section of unit $U"
get "$ME" /edit/admin/notify
expect_error 403 err.403.admin
get lina /edit/admin/notify
expect_error 403 err.403.admin
post lina /edit/admin/bot/new "unit=$U&kind=wecom&language=&events=checkin" \
    --data-urlencode "name=t0718 不该有" --data-urlencode "url=https://127.0.0.1:9/no"
expect_error 403 err.403.admin
post lina "/edit/admin/unit/$U/remind" "remind=tue+09:30"
expect_error 403 err.403.admin
post lina /edit/admin/delivery/1/resend ""
expect_error 403 err.403.admin
get admin "/edit/admin/notify" -X POST --data "remind=tue+09:30"
expect_status 405 "GET-only page: a POST is 405"
get admin "/edit/admin/unit/$U/remind" -X POST --data "remind=tue+09:30"
expect_error 403 err.403.csrf

# -------------------------------------------------- bots: add, change
for k in wecom dingtalk feishu webhook; do
	post admin /edit/admin/bot/new "unit=$U&kind=$k&language=&events=checkin&events=digest" \
	    --data-urlencode "name=t0718 $k $TAG" --data-urlencode "url=https://127.0.0.1:9/hook/$k?key=t0718" \
	    --data-urlencode "secret=SECRET-$k-$$"
	expect_status 303 "an admin adds a $k bot to unit $U: 303"
	check "$REQ: back to the notifications page" test "$(location)" = /okr/edit/admin/notify
done
doc admin "/edit/admin/notify?from=$U"
check "unit $U has its four bots" test "$(xpath "count(//unit[@id='$U']/bot)")" = 4
for k in wecom dingtalk feishu webhook; do
	B=$(xpath "string(//unit[@id='$U']/bot[@kind='$k']/@id)")
	expect_doc "t0718 $k $TAG" "$(doc_value "admin/bot/$B" name)" "the $k bot ($B): its name"
	expect_doc "checkin digest" "$(doc_value "admin/bot/$B" events)" "the $k bot: its events"
	expect_doc 1 "$(xpath "string(//form[@action='/okr/edit/admin/bot/$B']/field[@name='secret']/@set)")" \
	    "the $k bot: a secret is set"
done
check "no secret in the page's document" test "$(grep -c "SECRET-" "$TMP/doc")" = 0
get admin "/edit/admin/notify?from=$U"
expect_body_lacks "SECRET-" "no secret in the page"
expect_body_contains '<input type="password" autocomplete="new-password"' "$REQ: the secret's field is a password"
B=$(doc_xpath admin "/edit/admin/notify?from=$U" "string(//unit[@id='$U']/bot[@kind='dingtalk']/@id)")
BV=$(doc_xpath admin "/edit/admin/notify?from=$U" "string(//form[@action='/okr/edit/admin/bot/$B']/@version)")
check "the dingtalk bot $B has a version ($BV)" test -n "$BV"
post lina "/edit/admin/bot/$B" "version=$BV&unit=$U&kind=dingtalk&language=&events=checkin" \
    --data-urlencode "name=t0718 劫持" --data-urlencode "url=https://127.0.0.1:9/x"
expect_error 403 err.403.admin

# Refused as typed: the url, the name; the secret typed is not shown.
for case in "ftp://127.0.0.1/hook" "" ; do
	post admin "/edit/admin/bot/$B" "version=$BV&unit=$U&kind=dingtalk&language=zh-CN&events=meeting" \
	    --data-urlencode "name=t0718 改名 $TAG" --data-urlencode "url=$case" \
	    --data-urlencode "secret=NEWSECRET-$$" -H 'Accept-Language: zh-CN'
	REQ="$REQ (url '$case', zh-CN)"
	expect_status 400
	if [ -z "$case" ]; then
		row_error "admin/bot/$B" url err.field.required zh-CN
	else
		row_error "admin/bot/$B" url form.notify.err.url zh-CN
	fi
	expect_row "admin/bot/$B" "value=\"t0718 改名 $TAG\"" "$REQ: the name typed is back"
	expect_row "admin/bot/$B" '<option value="zh-CN" selected>' "$REQ: the language typed is back"
	expect_row "admin/bot/$B" 'name="events" checked' "$REQ: the events ticked are back"
	expect_body_lacks "NEWSECRET" "$REQ: the secret typed is not shown"
done
post admin "/edit/admin/bot/$B" "version=$BV&unit=$U&kind=dingtalk&language=&events=checkin" \
    --data-urlencode "name=$(printf '%0101d' 0)" --data-urlencode "url=https://127.0.0.1:9/x"
REQ="$REQ (a name of 101 characters)"
expect_status 400
row_error "admin/bot/$B" name err.field.too-long
post admin "/edit/admin/bot/$B" "version=$BV&unit=$U&kind=slack&language=&events=checkin&events=gossip" \
    --data-urlencode "name=t0718 x" --data-urlencode "url=https://127.0.0.1:9/x"
REQ="$REQ (kind slack, event gossip)"
expect_status 400
row_error "admin/bot/$B" kind err.field.choice
row_error "admin/bot/$B" events err.field.choice
post admin /edit/admin/bot/new "unit=$U&kind=wecom&language=&events=checkin" \
    --data-urlencode "name=t0718 新 $TAG" --data-urlencode "url=https://exa mple.com/<x>"
REQ="$REQ (a new bot, url with a space and '<')"
expect_status 400
row_error admin/bot/new url form.notify.err.url
expect_row admin/bot/new "value=\"t0718 新 $TAG\"" "$REQ: the name typed is back"
expect_row admin/bot/new "name=\"unit\" value=\"$U\"" "$REQ: in the section of unit $U"
doc admin "/edit/admin/notify?from=$U"
check "nothing refused was stored: still four bots" test "$(xpath "count(//unit[@id='$U']/bot)")" = 4
expect_doc "t0718 dingtalk $TAG" "$(doc_value "admin/bot/$B" name)" "the dingtalk bot's name unchanged"

# Changed, the secret left empty: kept.
post admin "/edit/admin/bot/$B" "version=$BV&unit=$U&kind=dingtalk&language=zh-CN&events=meeting&events=escalation" \
    --data-urlencode "name=t0718 钉钉 $TAG" \
    --data-urlencode "url=https://oapi.dingtalk.com/robot/send?access_token=t0718" --data-urlencode "secret="
expect_status 303 "an admin changes the dingtalk bot, secret left empty: 303"
doc admin "/edit/admin/notify?from=$U"
expect_doc "t0718 钉钉 $TAG" "$(doc_value "admin/bot/$B" name)" "its new name"
expect_doc "https://oapi.dingtalk.com/robot/send?access_token=t0718" "$(doc_value "admin/bot/$B" url)" "its new url"
expect_doc zh-CN "$(doc_value "admin/bot/$B" language)" "its language"
expect_doc "escalation meeting" "$(doc_value "admin/bot/$B" events)" "its events"
expect_doc 1 "$(xpath "string(//form[@action='/okr/edit/admin/bot/$B']/field[@name='secret']/@set)")" \
    "its secret kept"
expect_doc "" "$(doc_value "admin/bot/$B" secret)" "the secret's field is empty"
BV2=$(xpath "string(//form[@action='/okr/edit/admin/bot/$B']/@version)")

# A stale save: 409, the typed values beside the stored ones.
post admin "/edit/admin/bot/$B" "version=$BV&unit=$U&kind=dingtalk&language=&events=checkin" \
    --data-urlencode "name=t0718 过期 $TAG" --data-urlencode "url=https://127.0.0.1:9/stale"
REQ="$REQ (stale version $BV)"
expect_status 409
expect_row "admin/bot/$B" 'class="edit status-conflict' "$REQ: its form in conflict"
expect_row "admin/bot/$B" "value=\"t0718 过期 $TAG\"" "$REQ: the name typed is kept"
expect_row "admin/bot/$B" "t0718 钉钉 $TAG</span>" "$REQ: beside the stored name"
expect_row "admin/bot/$B" "name=\"version\" value=\"$BV2\"" "$REQ: the stored version $BV2"

# The secret removed.
post admin "/edit/admin/bot/$B" "version=$BV2&unit=$U&kind=dingtalk&language=zh-CN&events=meeting&no-secret=1" \
    --data-urlencode "name=t0718 钉钉 $TAG" \
    --data-urlencode "url=https://oapi.dingtalk.com/robot/send?access_token=t0718"
expect_status 303 "an admin removes the dingtalk bot's secret: 303"
doc admin "/edit/admin/notify?from=$U"
expect_doc "" "$(xpath "string(//form[@action='/okr/edit/admin/bot/$B']/field[@name='secret']/@set)")" \
    "the secret is gone"
BV3=$(xpath "string(//form[@action='/okr/edit/admin/bot/$B']/@version)")

# ------------------------------------------------------------ deletion
post admin "/edit/admin/bot/$B/delete" "version=$BV3"
REQ="$REQ (not confirmed)"
expect_status 400
row_error "admin/bot/$B/delete" confirm form.notify.err.confirm
post admin "/edit/admin/bot/$B/delete" "version=$BV&confirm=1"
REQ="$REQ (stale version $BV)"
expect_status 409
expect_row "admin/bot/$B/delete" "$(msg en form.notify.delete-conflict)" "$REQ: nothing deleted, says why"
check "the bot is still there" test "$(doc_xpath admin "/edit/admin/notify?from=$U" "count(//bot[@id='$B'])")" = 1
post admin "/edit/admin/bot/$B/delete" "version=$BV3&confirm=1"
expect_status 303 "an admin deletes the dingtalk bot: 303"
post admin "/edit/admin/bot/$B/delete" "version=$BV3&confirm=1"
expect_status 404 "deleting it again: 404"
doc admin "/edit/admin/notify?from=$U"
check "three bots left" test "$(xpath "count(//unit[@id='$U']/bot)")" = 3
post lina "/edit/admin/bot/$(xpath "string(//unit[@id='$U']/bot[1]/@id)")/delete" "version=1&confirm=1"
expect_error 403 err.403.admin
for b in $(xpath "//unit[@id='$U']/bot/@id" | grep -o '[0-9][0-9]*'); do
	v=$(xpath "string(//form[@action='/okr/edit/admin/bot/$b']/@version)")
	curl -s -o /dev/null -u admin:admin --data "token=$(token admin)&version=$v&confirm=1" \
	    "$MUBIAO_URL/edit/admin/bot/$b/delete"
done
check "the test's bots are gone" test "$(doc_xpath admin "/edit/admin/notify?from=$U" "count(//unit[@id='$U']/bot)")" = 0

# ----------------------------------------------- a unit's reminder time
post admin "/edit/admin/unit/$U/remind" "remind=tue+09:30"
expect_status 303 "an admin sets unit $U's reminder to tue 09:30: 303"
doc admin "/edit/admin/notify?from=$U"
expect_doc "tue 09:30" "$(xpath "string(//unit[@id='$U']/@remind)")" "unit $U is reminded on tue 09:30"
expect_doc "tue 09:30" "$(doc_value "admin/unit/$U/remind" remind)" "its field shows tue 09:30"
for bad in "mon 25:00/en" "xyz/zh-CN"; do
	lang=${bad#*/} bad=${bad%/*}
	post admin "/edit/admin/unit/$U/remind" "" --data-urlencode "remind=$bad" -H "Accept-Language: $lang"
	REQ="$REQ (remind '$bad', $lang)"
	expect_status 400
	row_error "admin/unit/$U/remind" remind form.notify.err.remind "$lang"
	expect_row "admin/unit/$U/remind" "value=\"$bad\"" "$REQ: the time typed is back"
done
expect_doc "tue 09:30" "$(doc_xpath admin "/edit/admin/notify?from=$U" "string(//unit[@id='$U']/@remind)")" \
    "the refused times changed nothing"
post admin /edit/admin/unit/999999/remind "remind=tue+09:30"
expect_status 404 "the reminder of an unknown unit: 404"
post admin "/edit/admin/unit/$U/remind" "remind="
expect_status 303 "an admin clears unit $U's reminder: 303"
expect_doc "" "$(doc_xpath admin "/edit/admin/notify?from=$U" "string(//unit[@id='$U']/@remind)")" \
    "unit $U is reminded at the site's time again"

# ------------------------------------------------------------ resend
post admin /edit/admin/delivery/999999/resend ""
expect_status 404 "resending an unknown delivery: 404"

# ------------------------------------------------------------- undone
V3=$(doc_xpath "$ME" /edit/notify 'string(//form/@version)')
post "$ME" /edit/notify "version=$V3&email=&language=&mail-checkin=1&mail-escalation=1&mail-digest=1&mail-meeting=1&mail-draft=1&mail-comment=1"
expect_status 303 "$ME clears their address again: 303"
