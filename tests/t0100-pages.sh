#!/bin/sh
# The read pages as a user sees them: home, units, people, objectives,
# tree, the cycle switcher, scores and their bands, the CSS.
. "$(dirname "$0")/lib.sh"

SCORE='class="score band-[a-z]*">[01]\.[0-9][0-9]<'

# ------------------------------------------------------------------ home
for u in admin zhangwei sarahmiller; do
	get $u /
	expect_status 200
	expect_header Content-Type 'text/html; charset=utf-8'
	expect_body_contains '星河科技'
	expect_body_contains "$(msg en home.objectives)"
	check "$REQ: company objectives listed (3 cards)" \
	    test "$(grep -o 'class="objective level-company"' "$TMP/body" | wc -l)" -eq 3
	expect_body_contains 'class="legend"' "$REQ: score legend shown"
	for b in red yellow green; do
		expect_body_contains "$(msg en band.$b)" "$REQ: legend names band $b"
	done
	expect_body_contains "<option value=\"$CUR\" selected" \
	    "$REQ: current quarter $CUR selected in the cycle switcher"
	for d in 研发部 市场部 销售部 客户成功部; do
		expect_body_contains ">$d</a>" "$REQ: department $d linked"
	done
done

# Current objective titles, for comparison with the previous quarter.
get admin /
grep -o 'class="o-title"><a href="[^"]*">[^<]*' "$TMP/body" | sed 's/.*>//' |
    sort > "$TMP/titles.cur"
UNITS=$(body_match 'href="/okr/unit/[0-9]*' | sed 's/.*\///' | sort -un)
check "home links to the company and four departments" \
    test "$(echo $UNITS | wc -w)" -ge 5

# ----------------------------------------------------------- unit pages
names=
for id in $UNITS; do
	for u in admin zhangwei sarahmiller; do
		get $u "/unit/$id"
		expect_status 200
	done
	name=$(sed -n 's|.*<h1>\([^<]*\)</h1>.*|\1|p' "$TMP/body")
	names="$names $name"
	REQ="unit $id ($name)"
	expect_body_contains "$(msg en unit.members)"
	check "$REQ: shows members" grep -q 'class="members"><h2>[^<]*</h2><ul class="chips"><li><a href="/okr/person/' "$TMP/body"
	check "$REQ: shows objectives with scores" grep -q "class=\"objective level-[a-z]*\" id=\"o-[0-9]*\".*$SCORE" "$TMP/body"
	expect_body_contains "$(msg en unit.score)"
done
for d in 研发部 市场部 销售部 客户成功部; do
	case " $names " in
	*" $d "*) ok "unit page of $d reached from the home page" ;;
	*) fail "unit page of $d reached from the home page"; note "units seen:$names" ;;
	esac
done
get admin /unit/2
expect_body_contains '>张伟</a>' "unit 2 (研发部): its lead 张伟 among members"
expect_body_contains '平台组' "unit 2 (研发部): sub-unit 平台组 listed"

# The team that writes in English.
get sarahmiller /tree
intl=$(grep -o 'href="/okr/unit/[0-9]*">International Sales' "$TMP/body" |
    sed 's|.*/unit/\([0-9]*\).*|\1|' | head -1)
if [ -n "$intl" ]; then
	get sarahmiller "/unit/$intl"
	expect_status 200
	expect_body_contains 'Win our first wave of customers in Southeast Asia' \
	    "International Sales: English objective shown"
	expect_body_contains '>Sarah Miller</a>' "International Sales: member Sarah Miller"
else
	fail "tree links to the International Sales team"
fi

# --------------------------------------------------------- person pages
for u in admin zhangwei sarahmiller; do
	for p in zhangwei sarahmiller admin wangfang; do
		get $u "/person/$p"
		expect_status 200
	done
done
get zhangwei /person/zhangwei
expect_body_contains '<h1>张伟</h1>' "person zhangwei: name 张伟 as heading"
expect_body_contains ">$CUR</a>" "person zhangwei: current quarter $CUR shown"
expect_body_contains ">$PREV</a>" "person zhangwei: previous quarter $PREV shown"
check "person zhangwei: $CUR listed before $PREV (newest first)" \
    sh -c "grep -o '>$CUR</a>\|>$PREV</a>' '$TMP/body' | head -1 | grep -q '$CUR'"
check "person zhangwei: a cycle score for each quarter" \
    test "$(grep -o "$(msg en person.cycle-score)</span><span class=\"score-wrap\"><span $SCORE" "$TMP/body" | wc -l)" -eq 2
check "person zhangwei: objectives of the previous quarter shown" \
    grep -q "class=\"cycle-okrs state-closed\".*class=\"objective level-" "$TMP/body"
get admin /person/nobody
expect_status 404
expect_body_contains "$(msg en err.person)"

# ------------------------------------------------------ objective pages
get admin /tree
OBJS=$(body_match 'href="/okr/objective/[0-9]*' | sed 's/.*\///' | sort -un)
require "tree links to objectives" test -n "$OBJS"
aligned=
checkins=0
bad=
for id in $OBJS; do
	for u in zhangwei sarahmiller admin; do
		get $u "/objective/$id"
		[ "$(cat "$TMP/status")" = 200 ] || bad="$bad $id/$u:$(cat "$TMP/status")"
	done
	if grep -q '<td><time datetime="[0-9-]*T[0-9:]*Z">[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9] <span class="zone">' "$TMP/body"; then
		checkins=$((checkins + 1))
	fi
	if [ -z "$aligned" ] && grep -q 'class="parent-kr"' "$TMP/body"; then
		aligned=$id
		cp "$TMP/body" "$TMP/aligned.html"
	fi
done
check "all $(echo $OBJS | wc -w) objectives of the tree answer 200 for admin, zhangwei, sarahmiller" \
    test -z "$bad"
[ -z "$bad" ] || note "id/user:status$bad"
check "objective pages show check-in history with dates ($checkins of them)" \
    test "$checkins" -gt 0

id=$(echo $OBJS | cut -d' ' -f1)
get zhangwei "/objective/$id"
expect_status 200
for k in kr.kr kr.progress kr.checkins ci.date ci.value ci.author; do
	expect_body_contains "$(msg en $k)"
done
check "$REQ: KR start → current → target values" \
    grep -q '<span class="start">[0-9.-]*</span><span class="arrow"> → </span><strong class="current">[0-9.-]*</strong><span class="arrow"> → </span><span class="target">[0-9.-]*</span>' "$TMP/body"
check "$REQ: scores look like 0.NN" grep -q "$SCORE" "$TMP/body"

if [ -n "$aligned" ]; then
	# The KR it serves, named and linked; the link lands on that KR.
	cp "$TMP/aligned.html" "$TMP/body"
	REQ="objective $aligned (aligned)"
	expect_body_contains "$(msg en o.serves)"
	link=$(grep -o '<p class="parent-kr">.*' "$TMP/body" |
	    grep -o 'href="/okr/objective/[0-9]*#kr-[0-9]*">[^<]*' | head -1)
	pobj=$(echo "$link" | sed 's|.*/objective/\([0-9]*\)#.*|\1|')
	pkr=$(echo "$link" | sed 's|.*#kr-\([0-9]*\)".*|\1|')
	ptitle=$(echo "$link" | sed 's|.*">||')
	check "$REQ: links the KR above it" test -n "$pobj" -a -n "$pkr" -a -n "$ptitle"
	get admin "/objective/$pobj"
	expect_status 200
	expect_body_contains "id=\"kr-$pkr\"" "objective $pobj: holds KR $pkr, the one objective $aligned serves"
	expect_body_contains "$ptitle" "objective $pobj: KR title '$ptitle' as shown below it"
	expect_body_contains "/okr/objective/$aligned\"" "objective $pobj: lists objective $aligned as aligned to it"
else
	fail "some objective is aligned to a KR above it"
fi

# ------------------------------------------------------------------ tree
for u in admin zhangwei sarahmiller; do
	get $u /tree
	expect_status 200
	expect_body_contains "$(msg en tree.title)"
done
for d in 研发部 市场部 销售部 客户成功部 平台组 'International Sales'; do
	expect_body_contains ">$d</a>" "tree: unit $d shown"
done
expect_body_contains "class=\"node node-person\"" "tree: people shown"
for p in 王芳 'Sarah Miller' 何俊; do
	expect_body_contains ">$p</a> <span class=\"score-wrap\">" "tree: $p with a score"
done
# The company's rolled-up score is the mean of every objective below it.
sed 's/<li /\n<li /g' "$TMP/body" | grep '^<li class="oline' |
    grep -o "$SCORE" | sed 's/.*>\([01]\.[0-9]*\)<.*/\1/' > "$TMP/oscores"
top=$(grep -o "$SCORE" "$TMP/body" | head -1 | sed 's/.*>\([01]\.[0-9]*\)<.*/\1/')
count=$(grep -o "$(msg en tree.count) [0-9]*" "$TMP/body" | head -1 | sed 's/.* //')
check "tree: company count ($count) is the number of objectives ($(wc -l < "$TMP/oscores"))" \
    test "$count" = "$(wc -l < "$TMP/oscores")"
check "tree: company score $top is the mean of all objective scores" \
    awk -v top="$top" '{ s += $1; n++ } END { m = s / n; d = m - top;
	    if (d < 0) d = -d; if (d > 0.011) { print "#   mean " m; exit 1 } }' "$TMP/oscores"

# ------------------------------------------------------ cycle switcher
get admin "/?cycle=$PREV"
expect_status 200
expect_body_contains "<option value=\"$PREV\" selected" "?cycle=$PREV: $PREV selected"
expect_body_contains "<strong>$PREV</strong>" "?cycle=$PREV: page states the cycle $PREV"
expect_body_contains "$(msg en state.closed)"
grep -o 'class="o-title"><a href="[^"]*">[^<]*' "$TMP/body" | sed 's/.*>//' |
    sort > "$TMP/titles.prev"
check "?cycle=$PREV: shows objectives" test -s "$TMP/titles.prev"
check "?cycle=$PREV: objectives differ from $CUR's" \
    test -z "$(comm -12 "$TMP/titles.cur" "$TMP/titles.prev")" -a -s "$TMP/titles.cur"
get admin "/tree?cycle=$PREV"
expect_status 200
expect_body_contains "<strong>$PREV</strong>" "tree?cycle=$PREV: the tree of $PREV"
get admin "/?cycle=$CUR"
expect_status 200
get admin '/?cycle=1999-Q1'
expect_status 404
expect_body_contains "$(msg en err.cycle)"
get admin '/tree?cycle=1999-Q1'
expect_status 404

# -------------------------------------------------------- scores, bands
for f in red yellow green; do
	check "score band-$f used for some score across the pages" \
	    grep -q "class=\"score band-$f\">[01]\.[0-9][0-9]<" "$TMP/all.html"
done
check "no score outside 0.00-1.00 or badly formatted" \
    sh -c "! grep -o 'class=\"score band-[a-z]*\">[^<]*<' '$TMP/all.html' | grep -v '>[01]\.[0-9][0-9]<'"
# The bar after each score: a meter of the same band, its value the
# score in percent (0.07 -> 7, 1.00 -> 100).
grep -o 'class="score band-[a-z]*">[01]\.[0-9][0-9]</span><meter [^>]*>' "$TMP/all.html" > "$TMP/bars"
check "every score has its bar (a meter)" test "$(wc -l < "$TMP/bars")" -ge 20
bars_match() {
	sed 's/.*band-\([a-z]*\)">\([01]\)\.\([0-9][0-9]\)<\/span><meter class="bar band-\([a-z]*\)" max="100" value="\([0-9]*\)">$/\1 \2\3 \4 \5/' "$TMP/bars" |
	    awk 'NF != 4 || $1 != $3 || $2 + 0 != $4 + 0 { bad = 1 } END { exit bad }'
}
check "each bar's band and value match its score" bars_match
check "no catalog key shown raw (missing translation)" \
    sh -c "! grep -o '>[a-z]*\.[a-z0-9-]*<' '$TMP/all.html' | grep -E '>(app|nav|cycle|lang|user|footer|legend|band|level|role|state|ostate|kind|dir|o|kr|ci|home|unit|person|tree|err)\.'"

# ------------------------------------------------------------------ CSS
get admin /static/okr.css
expect_status 200
expect_header Content-Type text/css
expect_body_contains '.band-red'
get - /static/okr.css
expect_status 200 "the CSS needs no sign-in"
