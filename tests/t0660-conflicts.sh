#!/bin/sh
# No lost updates: rounds of simultaneous saves of one KR, all from the
# same (then stale) version: exactly one wins each round, the others get
# the 409 conflict page with their own values beside the stored ones, and
# the KR holds the winner's.  Then the merge a user makes after a 409.
. "$(dirname "$0")/lib.sh"

ROUNDS=${T0660_ROUNDS:-20}
WRITERS=${T0660_WRITERS:-6}
TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0660 并发保存 $TAG")
K=$(make_kr lina "$O" "t0660 round 0 $TAG" 0 100 0)
require "t0660's objective $O (KR $K)" test -n "$O" -a -n "$K"
TL=$(token lina) TZ=$(token zhangwei)
CUR_LABEL=$(msg en form.current)

# A file on one line, without a process: $page.
slurp() {
	page=
	while IFS= read -r _l || [ -n "$_l" ]; do page="$page$_l"; done < "$1"
}
# The KR's version and title as its edit form shows them: $V, $T.
kr_form() {
	curl -s --max-time 10 -u lina:lina -o "$TMP/kr.form" "$MUBIAO_URL/edit/kr/$K"
	slurp "$TMP/kr.form"
	V=${page#*<input type=\"hidden\" name=\"version\" value=\"}
	V=${V%%\"*}
	T=${page#*name=\"title\" maxlength=\"200\" value=\"}
	T=${T%%\"*}
}

bad_rounds= lost= wrong= pages= win= last=
kr_form
for r in $(seq "$ROUNDS"); do
	for w in $(seq "$WRITERS"); do
		if [ $((w % 2)) = 1 ]; then u=lina t=$TL; else u=zhangwei t=$TZ; fi
		curl -s --max-time 10 -u "$u:$u" -o "$TMP/r.$w.body" -w '%{http_code}' \
		    --data "token=$t&version=$V&kind=numeric&direction=increase&start=0&target=100&current=$r&weight=1&back=/okr/objective/$O" \
		    --data-urlencode "title=round $r writer $w $TAG" \
		    "$MUBIAO_URL/edit/kr/$K" > "$TMP/r.$w.status" &
	done
	wait
	n303=0 n409=0 win= all=
	for w in $(seq "$WRITERS"); do
		st=
		read -r st < "$TMP/r.$w.status" || :
		[ -n "$st" ] || st=none
		all="$all$st,"
		case $st in
		303) n303=$((n303 + 1)); win=$w ;;
		409) n409=$((n409 + 1)) ;;
		esac
	done
	if [ $n303 -ne 1 ] || [ $n409 -ne $((WRITERS - 1)) ]; then
		bad_rounds="$bad_rounds $r:$n303×303,$n409×409($all)"
		[ $n303 -gt 1 ] && lost="$lost $r"
	fi
	# Each loser's page: its own title in the input, the stored one
	# beside it, and the stored version so that it can save again.
	for w in $(seq "$WRITERS"); do
		[ "$w" = "$win" ] && continue
		slurp "$TMP/r.$w.body"
		case $page in
		*"value=\"round $r writer $w $TAG\""*) ;;
		*) pages="$pages $r/$w:typed"; continue ;;
		esac
		case $page in
		*"<p class=\"field-current\" id=\"f1-title-cur\"><span class=\"label\">$CUR_LABEL</span> <span class=\"current-value\">round $r writer $win $TAG</span></p>"*) ;;
		*) pages="$pages $r/$w:stored"; continue ;;
		esac
		case $page in
		*"<input type=\"hidden\" name=\"version\" value=\"$((V + 1))\">"*) ;;
		*) pages="$pages $r/$w:version" ;;
		esac
		last=$TMP/r.$w.body
	done
	# The KR as stored now (and the version the next round starts from):
	# the winner's title.
	kr_form
	[ -n "$win" ] && [ "$T" = "round $r writer $win $TAG" ] ||
	    wrong="$wrong $r:winner=$win,stored='$T'"
done
check "$ROUNDS rounds of $WRITERS simultaneous saves: exactly one 303 and $((WRITERS - 1)) × 409 each" test -z "$bad_rounds"
[ -z "$bad_rounds" ] || note "round:counts(statuses)$bad_rounds"
check "no round let two stale saves through (no lost update)" test -z "$lost"
check "after each round the KR holds the title of the save that got 303" test -z "$wrong"
[ -z "$wrong" ] || note "$wrong"
check "every 409 page shows the user's typed title, the stored one beside it, and the stored version" test -z "$pages"
[ -z "$pages" ] || note "round/writer:$pages"

# One 409 page as a whole (the last loser of the last round).
cp "$last" "$TMP/body"
REQ="a losing save of the last round"
expect_body_contains '<form class="edit status-conflict"' "$REQ: the form in conflict state"
expect_body_contains "$(msg en form.conflict)" "$REQ: says what happened (form.conflict)"
expect_body_contains '<div class="field field-current type-number"><label for="f1-current">' "$REQ: all fields shown again"

get lina "/edit/kr/$K"
expect_header ETag "\"k$K-$((ROUNDS + 1))\"" "KR $K: version $((ROUNDS + 1)) after $ROUNDS won rounds"
get lina "/objective/$O"
n=$(flat | grep -o "<a href=\"#kr-$K\">[^<]*</a> · <strong>$(msg en field.title)</strong>" | wc -l)
check "objective $O: history lists $ROUNDS title changes of KR $K (got $n)" test "$n" -eq "$ROUNDS"

# ------------------------------------------------- merging after a 409
get lina "/edit/objective/$O"
V=$(input_value version)
post lina "/edit/objective/$O" "version=$V&back=/okr/objective/$O" --data-urlencode "title=t0660 李娜的标题 $TAG" \
    --data-urlencode "description=李娜写的"
expect_status 303 "lina saves objective $O at version $V: 303"
post zhangwei "/edit/objective/$O" "version=$V&back=/okr/objective/$O" --data-urlencode "title=t0660 张伟的标题 $TAG" \
    --data-urlencode "description=张伟写的" -H 'Accept-Language: zh-CN'
expect_status 409 "zhangwei saves objective $O from the same version $V: 409"
expect_body_contains '<form class="edit status-conflict"'
expect_body_contains "$(msg zh-CN form.conflict)" "$REQ: the conflict explained in zh-CN"
check "$REQ: zhangwei's title kept in the input" test "$(input_value title)" = "t0660 张伟的标题 $TAG"
expect_flat "<p class=\"field-current\" id=\"f1-title-cur\"><span class=\"label\">$(msg zh-CN form.current)</span> <span class=\"current-value\">t0660 李娜的标题 $TAG</span></p>" \
    "$REQ: lina's stored title shown beside it"
expect_flat ">张伟写的</textarea>" "$REQ: zhangwei's description kept"
expect_flat "<span class=\"current-value\">李娜写的</span>" "$REQ: lina's stored description shown beside it"
V2=$(input_value version)
check "$REQ: the form now carries the stored version ($V2 = $V + 1)" test "$V2" = $((V + 1))
# He merges and saves with the version the 409 page gave him.
post zhangwei "/edit/objective/$O" "version=$V2&back=/okr/objective/$O" --data-urlencode "title=t0660 合并后的标题 $TAG" \
    --data-urlencode "description=李娜写的；张伟补充"
expect_status 303 "zhangwei saves the merged values with version $V2: 303"
get wangfang "/objective/$O"
expect_body_contains ">t0660 合并后的标题 $TAG</a></h1>" "objective $O: the merged title"
expect_flat "<a href=\"/okr/person/zhangwei\">张伟</a> <span class=\"what\"><strong>$(msg en field.title)</strong></span> <span class=\"old\">t0660 李娜的标题 $TAG</span>" \
    "objective $O: history: 张伟 changed lina's title (nothing of his first try)"
expect_body_lacks "t0660 张伟的标题" "objective $O: zhangwei's refused title nowhere"
