#!/bin/sh
# The admin pages: units, people and cycles, each row its own form.
# Creating a unit and a person (seen on the read pages), a cycle; the
# errors next to their fields with the typed values kept (login taken,
# end before start...); a stale unit version: 409.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
LOGIN=t0670u$$

# The row form of the last admin page whose action ends in ACTION.
row() {	# ACTION
	tr -d '\n' < "$TMP/body" | sed 's/<form /\n<form /g; s/<\/form>/<\/form>\n/g' |
	    grep "^<form [^>]*action=\"/okr/edit/admin/$1\""
}
expect_row() {	# ACTION TEXT DESC
	if row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(row "$1" | sed 's/<option[^>]*>[^<]*<\/option>//g; s/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}
row_error() {	# ACTION FIELD KEY [LANG]
	if row "$1" | grep -q "<div class=\"field field-$2 type-[a-z]* has-error\">.*<p class=\"field-error\" id=\"f[0-9]*-$2-err\">$(msg "${4:-en}" "$3")</p>"; then
		ok "$REQ: error '$(msg "${4:-en}" "$3")' next to $2"
	else
		fail "$REQ: error '$(msg "${4:-en}" "$3")' next to $2"
		note "errors: $(row "$1" | grep -o 'class="field-error" id="[^"]*">[^<]*' | tr '\n' ' ')"
	fi
}

# ------------------------------------------------------------- the pages
for p in units people cycles; do
	get admin "/edit/admin/$p"
	expect_status 200 "admin opens /edit/admin/$p: 200"
	for q in units people cycles; do
		expect_body_contains "href=\"/okr/edit/admin/$q\"" "admin $p page links the $q page"
	done
done
get admin /edit/admin/units
nunits=$(count_in_body 'action="/okr/edit/admin/unit/')
check "admin units: a row form per unit and one new ($nunits ≥ 10)" test "$nunits" -ge 10
expect_row unit/new '<input type="text" id="' "admin units: the 'new' row"
get admin /edit/admin/cycles
expect_body_contains '<form class="button-form next-cycle" method="post" action="/okr/edit/admin/cycle/next">' \
    "admin cycles: the 'Create the next cycle' button"
expect_row "cycle/[0-9]*" "value=\"$CUR\"" "admin cycles: a row for $CUR"

# ------------------------------------------------------------------ units
UN="t0670 测试组 $TAG"
post admin /edit/admin/unit/new "level=team&parent=$PLAT&lead=" --data-urlencode "name=$UN"
expect_status 303 "admin creates team '$UN' under 平台组: 303"
check "unit: 303 to the units page" test "$(location)" = /okr/edit/admin/units
get admin /edit/admin/units
U=$(flat | grep -o "action=\"/okr/edit/admin/unit/[0-9]*\"><input type=\"hidden\" name=\"token\" value=\"[0-9a-f]*\"><input type=\"hidden\" name=\"back\" value=\"[^\"]*\"><input type=\"hidden\" name=\"version\" value=\"[0-9]*\"><div class=\"fields\"><div class=\"field field-name type-text\"><label for=\"f[0-9]*-name\">[^<]*</label><input type=\"text\" id=\"f[0-9]*-name\" name=\"name\" maxlength=\"100\" value=\"$UN\"" |
    sed 's|action="/okr/edit/admin/unit/\([0-9]*\)".*|\1|')
check "admin units lists '$UN' ($U)" test -n "$U"
UV=$(row "unit/$U" | grep -o 'name="version" value="[0-9]*"' | sed 's/[^0-9]//g')
get lina "/unit/$U"
expect_status 200 "unit $U: its page answers 200"
expect_body_contains "<h1>$UN</h1>" "unit $U: its name"
expect_body_contains "<a href=\"/okr/unit/$PLAT\">平台组</a>" "unit $U: part of 平台组"
get lina "/unit/$PLAT"
expect_body_contains ">$UN</a>" "平台组 lists '$UN' as a sub-unit"

# Refused: each comes back on the page, in its row, as typed.
post admin /edit/admin/unit/new "level=team&parent=$PLAT&lead=" --data-urlencode "name="
REQ="$REQ (no name)"
expect_status 400
row_error unit/new name err.field.required
expect_row unit/new '<option value="team" selected>' "$REQ: level kept"
expect_row unit/new "<option value=\"$PLAT\" selected>" "$REQ: parent kept"
post admin /edit/admin/unit/new "level=team&parent=999999&lead=nobody" --data-urlencode "name=t0670 坏组 $TAG" \
    -H 'Accept-Language: zh-CN'
REQ="$REQ (unknown parent and lead, zh-CN)"
expect_status 400
row_error unit/new parent err.field.choice zh-CN
row_error unit/new lead err.field.choice zh-CN
expect_row unit/new "value=\"t0670 坏组 $TAG\"" "$REQ: name kept"
# A unit's number typed wrong (a large company's form has a text field
# for it): the form again, the typed name kept, the error beside parent.
post admin /edit/admin/unit/new "level=team&parent=12x&lead=" --data-urlencode "name=t0670 错号 $TAG"
REQ="$REQ (malformed parent)"
expect_status 400
row_error unit/new parent err.field.choice
expect_row unit/new "value=\"t0670 错号 $TAG\"" "$REQ: name kept"
post admin /edit/admin/unit/new "level=personal&parent=$PLAT" --data-urlencode "name=t0670 个人级 $TAG"
REQ="$REQ (level personal)"
expect_status 400
row_error unit/new level err.field.choice
post admin "/edit/admin/unit/$U" "version=$UV&level=team&parent=$U&lead=" --data-urlencode "name=$UN"
REQ="$REQ (unit $U under itself)"
expect_status 400
get lina /tree
expect_body_lacks "坏组 $TAG" "no refused unit on the tree"

# Edit, then a stale save of the same row.
post admin "/edit/admin/unit/$U" "version=$UV&level=team&parent=$PLAT&lead=lina" --data-urlencode "name=$UN 改"
expect_status 303 "admin renames unit $U and makes lina its lead (version $UV): 303"
post admin "/edit/admin/unit/$U" "version=$UV&level=team&parent=$PLAT&lead=" --data-urlencode "name=$UN 过期"
REQ="$REQ (stale version $UV)"
expect_status 409
expect_row "unit/$U" 'class="edit status-conflict' "$REQ: its row in conflict"
expect_row "unit/$U" "$(msg en form.conflict)" "$REQ: the conflict explained in the row"
expect_row "unit/$U" "value=\"$UN 过期\"" "$REQ: the typed name kept"
expect_row "unit/$U" "name=\"version\" value=\"$((UV + 1))\"" "$REQ: the row carries the stored version $((UV + 1))"
get wangfang "/unit/$U"
expect_body_contains "<h1>$UN 改</h1>" "unit $U: the first save's name"
expect_body_lacks "过期" "unit $U: nothing of the stale save"
expect_body_contains '<a href="/okr/person/lina">李娜</a>' "unit $U: lead 李娜"

# ----------------------------------------------------------------- people
post admin /edit/admin/person/new "login=$LOGIN&unit=$U&manager=lina&role=member" --data-urlencode "name=测试员 $TAG"
expect_status 303 "admin adds person $LOGIN to unit $U: 303"
check "person: 303 to the people page" test "$(location)" = /okr/edit/admin/people
get admin /edit/admin/people
expect_body_contains "value=\"$LOGIN\"" "admin people lists $LOGIN"
get lina "/person/$LOGIN"
expect_status 200 "person $LOGIN: page 200"
expect_body_contains "测试员 $TAG" "person $LOGIN: the name"
expect_body_contains "<a href=\"/okr/unit/$U" "person $LOGIN: in unit $U"
expect_body_contains '<a href="/okr/person/lina">李娜</a>' "person $LOGIN: manager 李娜"
get lina "/unit/$U"
expect_body_contains "<a href=\"/okr/person/$LOGIN\">测试员 $TAG</a>" "unit $U lists member $LOGIN"
for lang in en zh-CN; do
	post admin /edit/admin/person/new "login=wangfang&unit=$U&manager=&role=member" --data-urlencode "name=另一个王芳 $lang" \
	    -H "Accept-Language: $lang"
	REQ="$REQ (login wangfang taken, $lang)"
	expect_status 400
	row_error person/new login err.field.login-taken "$lang"
	expect_row person/new 'value="wangfang"' "$REQ: the login kept"
	expect_row person/new "value=\"另一个王芳 $lang\"" "$REQ: the name kept"
	expect_row person/new "<option value=\"$U\" selected>" "$REQ: the unit kept"
done
post admin /edit/admin/person/new "unit=$U&manager=&role=member" --data-urlencode "login=bad login!" --data-urlencode "name=坏登录名"
REQ="$REQ (login 'bad login!')"
expect_status 400
row_error person/new login err.field.login
post admin /edit/admin/person/new "login=${LOGIN}b&unit=999999&manager=ghost&role=emperor" --data-urlencode "name=无处"
REQ="$REQ (unknown unit, manager and role)"
expect_status 400
row_error person/new unit err.field.choice
row_error person/new manager err.field.choice
row_error person/new role err.field.choice
get lina "/person/${LOGIN}b"
expect_status 404 "the refused person ${LOGIN}b does not exist"
get lina "/person/wangfang"
expect_body_contains '<h1>王芳</h1>' "wangfang is still 王芳"

# ----------------------------------------------------------------- cycles
CN=t0670-$$
post admin /edit/admin/cycle/new "name=$CN&start=2001-03-31&end=2001-01-01&state=closed"
REQ="$REQ (end before start)"
expect_status 400
row_error cycle/new end err.field.start-end
expect_row cycle/new 'value="2001-03-31"' "$REQ: start kept"
expect_row cycle/new 'value="2001-01-01"' "$REQ: end kept"
expect_row cycle/new "value=\"$CN\"" "$REQ: name kept"
post admin /edit/admin/cycle/new "name=$CUR&start=2001-01-01&end=2001-03-31&state=closed" -H 'Accept-Language: zh-CN'
REQ="$REQ (name $CUR taken, zh-CN)"
expect_status 400
row_error cycle/new name err.field.name-taken zh-CN
post admin /edit/admin/cycle/new "name=$CN&start=2001-02-30&end=&state=closed"
REQ="$REQ (start 2001-02-30, no end)"
expect_status 400
row_error cycle/new start err.field.date
row_error cycle/new end err.field.required
post admin /edit/admin/cycle/new "name=bad/name&start=2001-01-01&end=2001-03-31&state=closed"
REQ="$REQ (name bad/name)"
expect_status 400
get admin /edit/admin/cycles
expect_body_lacks "value=\"$CN\"" "no refused cycle listed"
# A valid one, long past, so it is nobody's current or next cycle.
post admin /edit/admin/cycle/new "name=$CN&start=2001-01-01&end=2001-03-31&state=closed"
expect_status 303 "admin adds cycle $CN (2001 Q1, closed): 303"
get admin /edit/admin/cycles
expect_row "cycle/[0-9]*" "value=\"$CN\"" "admin cycles lists $CN"
get lina "/?cycle=$CN"
expect_status 200 "home page of cycle $CN: 200"
expect_body_contains "<option value=\"$CN\"" "the cycle switcher offers $CN"
get lina /
expect_body_contains "<option value=\"$CUR\" selected" "the current cycle is still $CUR"
