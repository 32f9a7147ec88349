#!/bin/sh
# Objective forms (okr-edit): the "new" form of a unit lead with its
# choice of KRs one level up, creating, every validation error in both
# languages with the input kept and nothing written, editing with
# versions (ETag) and history, archiving, and a member's personal
# objective.  Works on objectives it creates itself.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
RD=$(unit_id 研发部)
require "unit ids of 平台组 ($PLAT) and 研发部 ($RD) found on the tree" \
    test -n "$PLAT" -a -n "$RD"

# The objectives a unit page lists.
n_objectives() {	# UNIT
	get admin "/unit/$1"
	count_in_body '<article class="objective level-'
}

# An objective's id from a page listing it by title (last get).
objective_by_title() {	# TITLE
	flat | grep -o "href=\"/okr/objective/[0-9]*\">$1<" | head -1 |
	    sed 's|.*/objective/\([0-9]*\)".*|\1|'
}

# The field error shown right below the input NAME of form f1.
expect_field_error() {	# NAME KEY LANG
	if flat | grep -q "<div class=\"field field-$1 type-[a-z]* has-error\"><label for=\"f1-$1\">[^<]*</label><[^>]* id=\"f1-$1\" [^>]*aria-invalid=\"true\"[^>]*>.*<p class=\"field-error\" id=\"f1-$1-err\">$(msg "$3" "$2")[^<]*</p>"; then
		ok "$REQ: $3 error '$(msg "$3" "$2")' next to field $1"
	else
		fail "$REQ: $3 error '$(msg "$3" "$2")' next to field $1"
		note "status $(cat "$TMP/status"); errors: $(grep -o '<p class="field-error"[^<]*</p>' "$TMP/body" | tr '\n' ' ')"
	fi
}

# --------------------------------------------------- the "new" form
get lina "/edit/objective/new?unit=$PLAT&cycle=$CUR"
expect_status 200 "lina (lead of 平台组) opens the new-objective form: 200"
expect_body_contains '<form class="edit status-new" method="post" action="/okr/edit/objective/new">'
for f in title description parent owner; do
	expect_body_contains "name=\"$f\"" "new form: has field $f"
done
expect_body_contains "<input type=\"hidden\" name=\"unit\" value=\"$PLAT\">"
expect_body_contains "<input type=\"hidden\" name=\"cycle\" value=\"$CUR\">"
expect_body_contains "<label for=\"f1-title\">$(msg en field.title)</label>"
# The parent choice: exactly the KRs of 研发部's own (not personal)
# objectives in this cycle, each with its owner's name and score.
flat | sed 's/.*<select id="f1-parent"[^>]*>//; s/<\/select>.*//' > "$TMP/parent.opts"
grep -o '<option value="[0-9][0-9]*"' "$TMP/parent.opts" | sed 's/[^0-9]//g' | sort -n > "$TMP/opts.ids"
check "new form: the KR choice offers some KRs" test -s "$TMP/opts.ids"
check "new form: every KR choice shows '— owner · score'" \
    sh -c "! grep -o '<option value=\"[0-9][0-9]*\">[^<]*</option>' '$TMP/parent.opts' |
	grep -v ' — [^<·]* · [01]\.[0-9][0-9]</option>'"
check "new form: KR choices grouped under their objective (<optgroup>)" \
    grep -q '<optgroup label="[^"]' "$TMP/parent.opts"
get admin "/unit/$RD"
flat | sed 's/<article /\n<article /g' | grep '^<article class="objective level-department"' |
    grep -o 'class="kr" id="kr-[0-9]*"' | sed 's/[^0-9]//g' | sort -n > "$TMP/rd.krs"
check "new form: KR choices are exactly the KRs of 研发部's objectives ($(wc -l < "$TMP/rd.krs"))" \
    cmp -s "$TMP/opts.ids" "$TMP/rd.krs"
PK=$(head -1 "$TMP/rd.krs")
PKOWNER=$(flat | sed 's/<tbody /\n<tbody /g' | grep "^<tbody class=\"kr\" id=\"kr-$PK\"" |
    grep -o 'class="kr-sub">.*' | grep -o '/okr/person/[^"]*">[^<]*' | head -1 | sed 's/.*>//')
grep -q "<option value=\"$PK\">[^<]* — $PKOWNER · " "$TMP/parent.opts" &&
    ok "new form: KR $PK shown with its owner $PKOWNER as on 研发部's page" ||
    fail "new form: KR $PK shown with its owner $PKOWNER as on 研发部's page"
get admin /
CKR=$(grep -o 'class="kr" id="kr-[0-9]*"' "$TMP/body" | head -1 | sed 's/[^0-9]//g')
check "new form: a company KR ($CKR, two levels up) is not offered" \
    sh -c "! grep -q '<option value=\"$CKR\"' '$TMP/parent.opts'"
get lina "/edit/objective/new?unit=$PLAT&cycle=$CUR" -H 'Accept-Language: zh-CN'
expect_status 200
expect_body_contains "<label for=\"f1-title\">$(msg zh-CN field.title)</label>" \
    "new form in zh-CN: field labels from the zh-CN catalog"

# ------------------------------------------------------------ create
# First as a browser sends the form: every field, the owner select too.
before=$(n_objectives "$PLAT")
T0="t0600 表单原样提交 $TAG"
post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&parent=$PK&owner=wangfang&back=/okr/unit/$PLAT" \
    --data-urlencode "title=$T0" --data-urlencode "description=第零版描述"
expect_status 303 "lina creates a team objective with the form as sent (owner=wangfang): 303"
check "create: 303 back to /okr/unit/$PLAT (got $(location))" test "$(location)" = "/okr/unit/$PLAT"
after=$(n_objectives "$PLAT")
check "create (owner chosen): 平台组 lists one more objective ($before → $after)" \
    test "$after" -eq $((before + 1))
expect_body_contains ">$T0</a>" "create (owner chosen): 平台组's page lists '$T0'"
O0=$(objective_by_title "$T0")
[ -n "$O0" ] || { get admin /person/wangfang; O0=$(objective_by_title "$T0"); }
get admin "/objective/$O0"
expect_body_contains '<h1 class="o-title">' "create (owner chosen): objective '$T0' exists ($O0)"
expect_body_contains '<span class="badge level-team">Team</span><h1' \
    "create (owner chosen): objective $O0 is a team objective of 平台组, not a personal one"
expect_body_contains "<dt>$(msg en o.owner)</dt><dd><a href=\"/okr/person/wangfang\">王芳</a></dd>" \
    "create (owner chosen): objective $O0 owned by 王芳 as chosen"

# Then without the owner field (the unit's lead owns it).
before=$(n_objectives "$PLAT")
T1="t0600 让监控覆盖全部服务 $TAG"
post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&parent=$PK&back=/okr/unit/$PLAT" \
    --data-urlencode "title=$T1" --data-urlencode "description=第一版描述"
expect_status 303 "lina creates a team objective (no owner field): 303"
check "create: 303 back to /okr/unit/$PLAT (got $(location))" test "$(location)" = "/okr/unit/$PLAT"
after=$(n_objectives "$PLAT")
check "create: 平台组 lists one more objective ($before → $after)" test "$after" -eq $((before + 1))
expect_body_contains ">$T1</a>" "create: 平台组's page lists '$T1'"
O=$(objective_by_title "$T1")
require "create: the new objective has an id ($O)" test -n "$O"
get zhangwei "/objective/$O"
expect_status 200
expect_body_contains "<h1 class=\"o-title\"><a href=\"/okr/objective/$O\">$T1</a></h1>"
expect_body_contains '<span class="badge level-team">Team</span><h1' "objective $O: a team objective"
expect_body_contains '<p class="description">第一版描述</p>'
expect_body_contains "#kr-$PK\">" "objective $O: aligned to the chosen KR $PK"
expect_body_contains "<dt>$(msg en o.version)</dt><dd>1</dd>" "objective $O: version 1"
expect_body_contains "<a href=\"/okr/person/lina\">李娜</a> <span class=\"what\"><strong>$(msg en field.created)</strong>" \
    "objective $O: history says 李娜 created it"

# ------------------------------------------------------- validation
# Each is refused with 400, the form comes back with what was typed and
# the message next to the field, in the reader's language, and the
# unit keeps its count of objectives.
n0=$(n_objectives "$PLAT")
LONG=$(printf '目%.0s' $(seq 201))
L200=$(printf '标%.0s' $(seq 200))
for lang in en zh-CN; do
	post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&parent=$PK&back=/okr/unit/$PLAT" \
	    --data-urlencode "title=   " --data-urlencode "description=保留的描述 $lang" \
	    -H "Accept-Language: $lang"
	REQ="$REQ (empty title, $lang)"
	expect_status 400
	expect_body_contains "<html lang=\"$lang\""
	expect_body_contains '<form class="edit status-invalid"'
	expect_body_contains "$(msg "$lang" form.invalid)"
	expect_field_error title err.field.required "$lang"
	expect_flat ">保留的描述 $lang</textarea>" "$REQ: description kept"
	expect_body_contains "<option value=\"$PK\" selected>" "$REQ: chosen KR kept"
	expect_body_contains "<input type=\"hidden\" name=\"unit\" value=\"$PLAT\">" "$REQ: hidden unit kept"

	post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&back=/okr/unit/$PLAT" \
	    --data-urlencode "title=$LONG" -H "Accept-Language: $lang"
	REQ="$REQ (201-character title, $lang)"
	expect_status 400
	expect_field_error title err.field.too-long "$lang"
	expect_flat "$(msg "$lang" err.field.too-long) $(msg "$lang" form.max-chars | sed 's/{a}/200/')</p>" "$REQ: the limit stated next to the title"
	check "$REQ: the 201 characters are kept in the input" \
	    test "$(input_value title)" = "$LONG"

	post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&parent=$CKR&back=/okr/unit/$PLAT" \
	    --data-urlencode "title=t0600 错层对齐 $TAG" -H "Accept-Language: $lang"
	REQ="$REQ (company KR $CKR as parent of a team objective, $lang)"
	expect_status 400
	expect_field_error parent err.field.level "$lang"
	check "$REQ: title kept" test "$(input_value title)" = "t0600 错层对齐 $TAG"

	post lina "/edit/objective/$O" "version=1&parent=$PK&owner=zhangwei&back=/okr/objective/$O" \
	    --data-urlencode "title=t0600 外人负责 $TAG" -H "Accept-Language: $lang"
	REQ="$REQ (owner zhangwei not of the unit, $lang)"
	expect_status 400
	expect_field_error owner err.field.choice "$lang"
	check "$REQ: title kept" test "$(input_value title)" = "t0600 外人负责 $TAG"
done
# The form as a browser sends it, owner included, comes back as it was:
# the same unit objective form (hidden unit, owner select).
post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&owner=liuyang&back=/okr/unit/$PLAT" \
    --data-urlencode "title="
REQ="$REQ (empty title, owner liuyang chosen)"
expect_status 400
expect_body_contains "<input type=\"hidden\" name=\"unit\" value=\"$PLAT\">" "$REQ: still the form of a unit objective (hidden unit)"
expect_body_contains '<option value="liuyang" selected>' "$REQ: owner select kept with liuyang chosen"
n1=$(n_objectives "$PLAT")
check "after 9 refused forms 平台组 still lists $n0 objectives (got $n1)" test "$n1" -eq "$n0"
expect_body_lacks "错层对齐 $TAG" "refused objectives are nowhere on 平台组's page"
get admin "/objective/$O"
expect_body_lacks "外人负责" "objective $O: the refused edit changed nothing"
expect_body_contains "<dt>$(msg en o.version)</dt><dd>1</dd>" "objective $O: still version 1"
# 200 characters (600 bytes of UTF-8) is the limit, in characters.
post lina /edit/objective/new "cycle=$CUR&unit=$PLAT&back=/okr/unit/$PLAT" \
    --data-urlencode "title=$L200"
expect_status 303 "a 200-character Chinese title (600 bytes) is accepted: 303"

# -------------------------------------------------------------- edit
get lina "/edit/objective/$O"
expect_status 200 "lina opens the edit form of objective $O: 200"
expect_header ETag "\"o$O-1\"" "edit form of $O: ETag names version 1"
etag1=$(header ETag)
check "edit form of $O: hidden version 1" test "$(input_value version)" = 1
check "edit form of $O: title filled in" test "$(input_value title)" = "$T1"
expect_body_contains "<option value=\"$PK\" selected>" "edit form of $O: its KR selected"
T2="t0600 监控覆盖全部核心服务 $TAG"
post lina "/edit/objective/$O" "version=1&parent=$PK&owner=&back=/okr/objective/$O" \
    --data-urlencode "title=$T2" --data-urlencode "description=第二版描述"
expect_status 303 "lina saves objective $O at version 1: 303"
check "save: 303 back to /okr/objective/$O (got $(location))" test "$(location)" = "/okr/objective/$O"
get lina "/edit/objective/$O"
expect_header ETag "\"o$O-2\"" "edit form of $O after the save: ETag names version 2"
check "edit form of $O: the ETag changed ($etag1 → $(header ETag))" test "$(header ETag)" != "$etag1"
check "edit form of $O: hidden version 2" test "$(input_value version)" = 2
get sarahmiller "/objective/$O"
expect_body_contains ">$T2</a></h1>" "objective $O: shows the new title"
expect_body_contains "<dt>$(msg en o.version)</dt><dd>2</dd>" "objective $O: version 2"
expect_body_contains "<a href=\"/okr/person/lina\">李娜</a> <span class=\"what\"><strong>$(msg en field.title)</strong></span> <span class=\"old\">$T1</span><span class=\"arrow\"> → </span><span class=\"new\">$T2</span>" \
    "objective $O: history shows 李娜 changed the title, old → new"
expect_body_contains "<strong>$(msg en field.description)</strong></span> <span class=\"old\">第一版描述</span><span class=\"arrow\"> → </span><span class=\"new\">第二版描述</span>" \
    "objective $O: history shows the description old → new"
check "objective $O: history lists no unchanged field (parent, owner)" \
    sh -c "! tr -d '\n' < '$TMP/body' | grep -q '<strong>\\($(msg en field.parent)\\|$(msg en field.owner)\\)</strong>'"
# zhangwei leads 研发部, the unit above: he may edit it too.
post zhangwei "/edit/objective/$O" "version=2&parent=$PK&owner=lina&back=/okr/objective/$O" \
    --data-urlencode "title=$T2" --data-urlencode "description=第二版描述"
expect_status 303 "zhangwei (lead of the unit above) sets the owner: 303"
get lina "/objective/$O" -H 'Accept-Language: zh-CN'
expect_body_contains "<a href=\"/okr/person/zhangwei\">张伟</a> <span class=\"what\"><strong>$(msg zh-CN field.owner)</strong></span> <span class=\"old\">—</span><span class=\"arrow\"> → </span><span class=\"new\">lina</span>" \
    "objective $O (zh-CN): history shows 张伟 set the owner — → lina"
# A save from an old version is refused and writes nothing.
post lina "/edit/objective/$O" "version=1&back=/okr/objective/$O" --data-urlencode "title=t0600 过期 $TAG"
expect_status 409 "a save from version 1 when 3 is stored: 409"
get lina "/objective/$O"
expect_body_lacks "过期 $TAG" "objective $O: the stale title was not written"
expect_body_contains "<dt>$(msg en o.version)</dt><dd>3</dd>" "objective $O: still version 3"

# ----------------------------------------------------------- archive
post lina "/edit/objective/$O/archive" "confirm=1&version=2&back=/okr/objective/$O"
expect_status 409 "archive from a stale version: 409"
post lina "/edit/objective/$O/archive" "confirm=1&version=3&back=/okr/objective/$O"
expect_status 303 "lina archives objective $O: 303"
check "archive: 303 back to /okr/objective/$O" test "$(location)" = "/okr/objective/$O"
get lina "/objective/$O"
expect_body_contains '<span class="badge ostate-archived">' "objective $O: shown archived"
expect_body_contains "<strong>$(msg en field.state)</strong></span> <span class=\"old\">$(msg en ostate.active)</span><span class=\"arrow\"> → </span><span class=\"new\">$(msg en ostate.archived)</span>" \
    "objective $O: history shows the state Active → Archived"

# ------------------------------------------- a member's own objective
get wangfang /person/wangfang
expect_body_contains "/okr/edit/objective/new?owner=wangfang\"" \
    "wangfang's own page links 'New personal objective'"
get wangfang "/edit/objective/new?owner=wangfang&cycle=$CUR"
expect_status 200 "wangfang (member) opens a personal new-objective form: 200"
expect_body_contains '<input type="hidden" name="owner" value="wangfang">'
PLATKR=$(flat | sed 's/.*<select id="f1-parent"[^>]*>//; s/<\/select>.*//' |
    grep -o '<option value="[0-9][0-9]*"' | sed 's/[^0-9]//g' | grep -vx -f "$TMP/rd.krs" | head -1)
check "personal form: offers 平台组's KRs besides 研发部's ($PLATKR)" test -n "$PLATKR"
P1="t0600 我的个人目标 $TAG"
post wangfang /edit/objective/new "cycle=$CUR&owner=wangfang&parent=$PLATKR&back=/okr/person/wangfang" \
    --data-urlencode "title=$P1"
expect_status 303 "wangfang creates her personal objective: 303"
check "personal: 303 back to /okr/person/wangfang" test "$(location)" = /okr/person/wangfang
get lina /person/wangfang
expect_body_contains ">$P1</a>" "wangfang's person page lists '$P1'"
PO=$(objective_by_title "$P1")
get lina "/objective/$PO"
expect_body_contains '<span class="badge level-personal">' "objective $PO: personal"
expect_body_contains "<dt>$(msg en o.owner)</dt><dd><a href=\"/okr/person/wangfang\">王芳</a></dd>" \
    "objective $PO: owned by 王芳"
expect_body_contains "#kr-$PLATKR\">" "objective $PO: aligned to 平台组's KR $PLATKR"
# She may edit what is hers.
post wangfang "/edit/objective/$PO" "version=1&owner=wangfang&back=/okr/objective/$PO" \
    --data-urlencode "title=$P1 v2"
expect_status 303 "wangfang edits her own personal objective: 303"
