#!/bin/sh
# Who may write what: 403 with the catalog's explanation, and nothing
# written.  Members edit only their own personal objectives; leads their
# unit's and the units' below; admin pages are for admins; a closed cycle
# is read-only for everyone, admins included; a login not in the
# directory may write nothing.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
RD=$(unit_id 研发部)
MOB=$(unit_id 移动组)

first_article() {	# LEVEL: the id of the first objective of LEVEL on the last page
	flat | grep -o "<article class=\"objective level-$1\" id=\"o-[0-9]*\"" | head -1 |
	    sed 's/.*o-\([0-9]*\)"/\1/'
}
first_kr() {	# OBJECTIVE: its first KR on the last page
	flat | sed 's/<article /\n<article /g' | grep "^<article class=\"objective [^\"]*\" id=\"o-$1\"" |
	    grep -o 'class="kr" id="kr-[0-9]*"' | head -1 | sed 's/[^0-9]//g'
}

get admin /person/liuyang
LP=$(first_article personal)
LPK=$(first_kr "$LP")
get admin "/unit/$PLAT"
TEAM=$(first_article team)
TEAMK=$(first_kr "$TEAM")
get admin "/unit/$RD"
DEPT=$(first_article department)
get admin "/unit/$MOB"
MOBO=$(first_article team)
check "found: 刘洋's objective $LP (KR $LPK), 平台组's $TEAM (KR $TEAMK), 研发部's $DEPT, 移动组's $MOBO" \
    test -n "$LP" -a -n "$LPK" -a -n "$TEAM" -a -n "$TEAMK" -a -n "$DEPT" -a -n "$MOBO"

# USER METHOD PATH [DATA]: 403 with the err.403.edit text in both languages.
forbidden() {
	_u=$1 _m=$2 _p=$3 _k=${5:-err.403.edit}
	if [ "$_m" = GET ]; then get "$_u" "$_p"; else post "$_u" "$_p" "$4"; fi
	expect_status 403
	_t=$(msg en "$_k")
	expect_body_contains "$_t" "$REQ: 403 says ${_k}"
}

S_LP=$(page_state admin "/objective/$LP")
S_TEAM=$(page_state admin "/objective/$TEAM")
S_DEPT=$(page_state admin "/objective/$DEPT")
S_MOB=$(page_state admin "/objective/$MOBO")

# ----------------------------------------------------- members
# 王芳 and 刘洋 are both members of 平台组.
forbidden wangfang GET "/edit/objective/$LP"
forbidden wangfang POST "/edit/objective/$LP" "version=1&back=/okr/&title=t0640+hijack+$TAG"
forbidden wangfang POST "/edit/objective/$LP/archive" "confirm=1&version=1"
forbidden wangfang GET "/edit/kr/new?objective=$LP"
forbidden wangfang POST /edit/kr/new "objective=$LP&title=t0640+x&kind=numeric&direction=increase&start=0&target=1&weight=1"
forbidden wangfang GET "/edit/kr/$LPK"
forbidden wangfang POST "/edit/checkin/$LP" "kr=$LPK&value=1&confidence=0.5"
forbidden wangfang GET "/edit/objective/new?owner=liuyang&cycle=$CUR"
forbidden wangfang POST /edit/objective/new "cycle=$CUR&owner=liuyang&title=t0640+for+liuyang+$TAG"
get wangfang "/edit/objective/new?owner=liuyang&cycle=$CUR" -H 'Accept-Language: zh-CN'
expect_status 403
expect_body_contains "$(msg zh-CN err.403.edit)" "$REQ: the zh-CN explanation"
# A member and a unit objective.
forbidden wangfang GET "/edit/objective/$TEAM"
forbidden wangfang POST "/edit/objective/$TEAM" "version=1&title=t0640+member+$TAG"
forbidden wangfang GET "/edit/objective/new?unit=$PLAT&cycle=$CUR"
forbidden wangfang POST /edit/objective/new "cycle=$CUR&unit=$PLAT&title=t0640+member+new+$TAG"
forbidden wangfang POST "/edit/kr/$TEAMK" "version=1&title=t0640+x&kind=numeric&direction=increase&start=0&target=1&weight=1"
get wangfang "/objective/$TEAM"
expect_body_lacks "href=\"/okr/edit/objective/$TEAM\"" "wangfang on objective $TEAM: no Edit link"
expect_body_lacks "/okr/edit/objective/$TEAM/archive" "wangfang on objective $TEAM: no Archive button"

# ------------------------------------------- leads of other units
forbidden zhaolei GET "/edit/objective/$TEAM"
forbidden zhaolei POST "/edit/objective/$TEAM" "version=1&title=t0640+zhaolei+$TAG"
forbidden zhaolei POST "/edit/checkin/$TEAM" "kr=$TEAMK&value=1&confidence=0.5"
forbidden zhaolei GET "/edit/objective/new?unit=$PLAT&cycle=$CUR"
forbidden zhaolei GET "/edit/objective/new?owner=wangfang&cycle=$CUR"
forbidden lina GET "/edit/objective/$MOBO"
forbidden lina POST "/edit/objective/new" "cycle=$CUR&unit=$MOB&title=t0640+lina+in+mobile+$TAG"
forbidden davidlin POST "/edit/objective/$DEPT" "version=1&title=t0640+davidlin+$TAG"
# A lead answers for the units below, not the one above.
forbidden lina GET "/edit/objective/$DEPT"
forbidden lina POST "/edit/objective/$DEPT" "version=1&title=t0640+upwards+$TAG"
# ...while zhangwei (研发部) may open 移动组's, below his.
get zhangwei "/edit/objective/$MOBO"
expect_status 200 "zhangwei (lead of 研发部) opens 移动组's objective $MOBO: 200"

check "objective $LP (刘洋's) unchanged" test "$(page_state admin "/objective/$LP")" = "$S_LP"
check "objective $TEAM (平台组's) unchanged" test "$(page_state admin "/objective/$TEAM")" = "$S_TEAM"
check "objective $DEPT (研发部's) unchanged" test "$(page_state admin "/objective/$DEPT")" = "$S_DEPT"
check "objective $MOBO (移动组's) unchanged" test "$(page_state admin "/objective/$MOBO")" = "$S_MOB"
get admin "/person/liuyang"
expect_body_lacks "t0640 for liuyang" "no objective created for 刘洋 by 王芳"
get admin "/unit/$PLAT"
expect_body_lacks "t0640 member new" "no objective created in 平台组 by a member"
get admin "/unit/$MOB"
expect_body_lacks "t0640 lina in mobile" "no objective created in 移动组 by 李娜"

# --------------------------------------------------------- admin pages
S_UNITS=$(page_state admin /edit/admin/units)
S_PEOPLE=$(page_state admin /edit/admin/people)
S_CYCLES=$(page_state admin /edit/admin/cycles)
for u in chenming zhangwei wangfang; do
	for p in units people cycles; do
		forbidden $u GET "/edit/admin/$p" "" err.403.admin
	done
done
forbidden chenming POST /edit/admin/unit/new "name=t0640+unit+$TAG&level=team&parent=$PLAT&lead=" err.403.admin
forbidden chenming POST "/edit/admin/unit/$PLAT" "version=1&name=hijacked&level=team&parent=$RD&lead=wangfang" err.403.admin
forbidden lina POST /edit/admin/person/new "login=t0640x&name=X&unit=$PLAT&manager=&role=admin" err.403.admin
forbidden wangfang POST /edit/admin/person/new "login=t0640y&name=Y&unit=$PLAT&manager=&role=admin" err.403.admin
forbidden zhangwei POST /edit/admin/cycle/new "name=T0640&start=2030-01-01&end=2030-03-31&state=active" err.403.admin
forbidden zhangwei POST /edit/admin/cycle/next "" err.403.admin
check "admin units page unchanged" test "$(page_state admin /edit/admin/units)" = "$S_UNITS"
check "admin people page unchanged" test "$(page_state admin /edit/admin/people)" = "$S_PEOPLE"
check "admin cycles page unchanged" test "$(page_state admin /edit/admin/cycles)" = "$S_CYCLES"
get chenming /
expect_body_lacks '/okr/edit/admin/units' "chenming (CEO, not admin): no Admin link"
get admin /
expect_body_contains '/okr/edit/admin/units' "admin: an Admin link"

# -------------------------------------------------------- closed cycle
get admin "/?cycle=$PREV"
CO=$(first_article company)
CK=$(first_kr "$CO")
get admin "/person/wangfang?cycle=$PREV"
WP=$(flat | sed 's/<section class="cycle-okrs/\n&/g' | grep "state-closed" | head -1 |
    grep -o '<article class="objective level-personal" id="o-[0-9]*"' | head -1 | sed 's/.*o-\([0-9]*\)"/\1/')
WPK=$(first_kr "$WP")
check "closed cycle $PREV: company objective $CO (KR $CK), 王芳's $WP (KR $WPK)" \
    test -n "$CO" -a -n "$CK" -a -n "$WP" -a -n "$WPK"
S_CO=$(page_state admin "/objective/$CO")
S_WP=$(page_state admin "/objective/$WP")
get admin "/objective/$CO"
expect_body_lacks "href=\"/okr/edit/objective/$CO\"" "admin on closed objective $CO: no Edit link"
expect_body_lacks '<form class="checkin"' "admin on closed objective $CO: no check-in form"
forbidden admin GET "/edit/objective/$CO" "" err.403.closed
forbidden admin POST "/edit/objective/$CO" "version=1&title=t0640+closed+$TAG" err.403.closed
forbidden admin POST "/edit/objective/$CO/archive" "confirm=1&version=1" err.403.closed
forbidden admin GET "/edit/kr/$CK" "" err.403.closed
forbidden admin POST "/edit/kr/$CK" "version=1&title=t0640+closed&kind=numeric&direction=increase&start=0&target=1&weight=1" err.403.closed
forbidden admin GET "/edit/kr/new?objective=$CO" "" err.403.closed
forbidden admin POST /edit/kr/new "objective=$CO&title=t0640+closed+kr&kind=numeric&direction=increase&start=0&target=1&weight=1" err.403.closed
forbidden admin POST "/edit/checkin/$CO" "kr=$CK&value=1&confidence=0.5" err.403.closed
forbidden admin GET "/edit/objective/new?unit=$RD&cycle=$PREV" "" err.403.closed
forbidden admin POST /edit/objective/new "cycle=$PREV&unit=$RD&title=t0640+closed+new+$TAG" err.403.closed
# The company's lead (chenming) and the KR's owner fare no better.
forbidden chenming POST "/edit/objective/$CO" "version=1&title=t0640+closed+$TAG" err.403.closed
forbidden chenming POST "/edit/checkin/$CO" "kr=$CK&value=1&confidence=0.5" err.403.closed
get admin "/edit/objective/$CO" -H 'Accept-Language: zh-CN'
expect_status 403
expect_body_contains "$(msg zh-CN err.403.closed)" "$REQ: the zh-CN explanation"
# Her own objective, in the closed cycle.
forbidden wangfang GET "/edit/objective/$WP" "" err.403.closed
forbidden wangfang POST "/edit/objective/$WP" "version=1&owner=wangfang&title=t0640+mine+closed+$TAG" err.403.closed
forbidden wangfang POST "/edit/checkin/$WP" "kr=$WPK&value=1&confidence=0.5" err.403.closed
forbidden wangfang GET "/edit/objective/new?owner=wangfang&cycle=$PREV" "" err.403.closed
check "closed objective $CO unchanged" test "$(page_state admin "/objective/$CO")" = "$S_CO"
check "closed objective $WP unchanged" test "$(page_state admin "/objective/$WP")" = "$S_WP"
get admin "/unit/$RD?cycle=$PREV"
expect_body_lacks "t0640 closed new" "nothing created in $PREV"

# ------------------------------------------ a login not in the directory
# nginx lets only the demo logins in, so the program is run alone, as the
# server would run it, with REMOTE_USER=ghost.
ghost() {	# METHOD PATH_INFO [QUERY] [BODY]
	printf '%s' "${4:-}" > "$TMP/cgi.in"
	chmod 644 "$TMP/cgi.in"
	_run=
	[ "$(id -u)" = 0 ] && _run="runuser -u www-data --"
	timeout 10 $_run env -i REQUEST_METHOD="$1" SCRIPT_NAME=/okr PATH_INFO="$2" \
	    QUERY_STRING="${3:-}" CONTENT_LENGTH="$(wc -c < "$TMP/cgi.in")" \
	    CONTENT_TYPE=application/x-www-form-urlencoded REMOTE_USER=ghost \
	    HTTP_HOST=127.0.0.1 MUBIAO_CONF="$MUBIAO_DIR/mubiao.conf" \
	    "$MUBIAO_DIR/app/bin/okr-edit" < "$TMP/cgi.in" > "$TMP/cgi.out" 2> "$TMP/cgi.err"
}
ghost GET /edit/objective/new "unit=$PLAT&cycle=$CUR"
check "ghost (not in the directory) opens a new-objective form: Status 403" grep -q '^Status: 403' "$TMP/cgi.out"
[ -s "$TMP/cgi.out" ] || note "no output: $(head -c 300 "$TMP/cgi.err")"
check "ghost: the 403 page explains (err.403.edit)" grep -qF "$(msg en err.403.edit)" "$TMP/cgi.out"
ghost GET "/edit/objective/$TEAM"
check "ghost opens objective $TEAM's edit form: Status 403" grep -q '^Status: 403' "$TMP/cgi.out"
ghost POST "/edit/comment/$TEAM" "" "kind=comment&text=boo"
check "ghost comments without a token: Status 403" grep -q '^Status: 403' "$TMP/cgi.out"
ghost GET /edit/admin/units
check "ghost opens the admin units page: Status 403" grep -q '^Status: 403' "$TMP/cgi.out"
check "objective $TEAM unchanged after ghost" test "$(page_state admin "/objective/$TEAM")" = "$S_TEAM"
