#!/bin/sh
# Languages: Accept-Language, the visible switch (/okr/lang) and its
# cookie, error pages in the reader's language, the switch's redirect
# staying on this site.
. "$(dirname "$0")/lib.sh"

ZH='Accept-Language: zh-CN'
EN='Accept-Language: en'

# ------------------------------------------------------ Accept-Language
for p in / /tree /unit/2 /person/zhangwei; do
	get zhangwei "$p" -H "$ZH"
	expect_status 200
	expect_body_contains '<html lang="zh-CN"'
	expect_header Content-Language zh-CN
	expect_body_contains "for=\"cycle-select\">$(msg zh-CN cycle.label)<"	# 周期
	expect_body_contains ">$(msg zh-CN nav.home)</a>"	# 首页
	expect_body_lacks 'Key Result'
	expect_body_lacks 'Signed in as'
done
get zhangwei / -H "$ZH"
expect_body_contains '目标'
expect_body_contains "$(msg zh-CN kr.kr)"		# 关键成果
expect_body_contains "$(msg zh-CN home.objectives)"	# 公司目标
get zhangwei /objective/17 -H "$ZH"
expect_body_contains "$(msg zh-CN kr.checkins)"
expect_body_lacks 'Check-ins'

for p in / /tree /unit/2 /person/zhangwei; do
	get zhangwei "$p" -H "$EN"
	expect_status 200
	expect_body_contains '<html lang="en"'
	expect_header Content-Language en
	expect_body_contains 'for="cycle-select">Cycle<'
	expect_body_contains '>Home</a>'
	expect_body_lacks "$(msg zh-CN cycle.label)<"
	expect_body_lacks ">$(msg zh-CN nav.home)<"
	expect_body_lacks "$(msg zh-CN user.signed)"
done
get zhangwei / -H "$EN"
expect_body_contains 'Key Result'
expect_body_contains "$(msg en home.objectives)"
expect_body_lacks '关键成果'

# No preference, or one for a language we lack: English.
get zhangwei /
expect_body_contains '<html lang="en"' "no Accept-Language: English"
get zhangwei / -H 'Accept-Language: fr-FR, de;q=0.8'
expect_body_contains '<html lang="en"' "Accept-Language: fr, de: English"
# Weights are honoured; zh-Hans is Chinese.
get zhangwei / -H 'Accept-Language: en;q=0.3, zh-Hans;q=0.9'
expect_body_contains '<html lang="zh-CN"' "Accept-Language: en;q=0.3, zh-Hans;q=0.9: Chinese"
get zhangwei / -H 'Accept-Language: zh;q=0.2, en'
expect_body_contains '<html lang="en"' "Accept-Language: zh;q=0.2, en: English"

# ------------------------------------------------------ dates in Chinese
# A Chinese page writes dates as 2027年1月15日 (with a time: 2027年1月15日
# 22:55) wherever it shows one; the <time> keeps the ISO form for machines.
# The texts of the <time> elements of the last body, one a line.
time_texts() {
	xmllint --html --xpath '//time/text()' "$TMP/body" 2>/dev/null |
	    sed 's/^ *//; s/ *$//' | sed '/^$/d'
}
post zhangwei /edit/comment/17 "kind=comment&back=/okr/objective/17" --data-urlencode "text=t0200 dates"
expect_status 303 "a comment on objective 17, to show a date with a time: 303"
CSTART=$(doc_xpath zhangwei / "string(/page/cycles/cycle[@name='$CUR']/@start)")
zhstart=$(day_text zh-CN "$CSTART")
for p in / /unit/2 /objective/17; do
	get zhangwei "$p" -H "$ZH"
	time_texts > "$TMP/times"
	check "$p in Chinese shows dates ($(wc -l < "$TMP/times"))" test -s "$TMP/times"
	check "$p in Chinese: every date reads 2027年1月15日 [22:55]" \
	    sh -c "! grep -vE '^[0-9]{4}年[1-9][0-9]?月[1-9][0-9]?日( [0-9]{2}:[0-9]{2})?\$' '$TMP/times'"
	[ "$(tail -1 "$MUBIAO_RESULTS")" = ok ] || note "$(head -3 "$TMP/times" | tr '\n' '|')"
done
check "the comment's date and time in Chinese" grep -qE '^[0-9]{4}年[0-9]+月[0-9]+日 [0-9]{2}:[0-9]{2}$' "$TMP/times"
get zhangwei / -H "$ZH"
time_texts > "$TMP/times"
check "home in Chinese: the cycle starts $zhstart ($CSTART)" grep -qxF "$zhstart" "$TMP/times"
get zhangwei /objective/17 -H "$EN"
time_texts > "$TMP/times"
check "/objective/17 in English: dates stay 2027-01-15 [22:55]" \
    sh -c "test -s '$TMP/times' && ! grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?\$' '$TMP/times'"

# ---------------------------------------------------- the switch, cookie
get zhangwei '/lang?set=zh-CN&back=/okr/tree'
expect_status 303
check "lang switch: Location is /okr/tree" test "$(header Location)" = /okr/tree
expect_header Set-Cookie 'lang=zh-CN'
expect_header Set-Cookie 'Path=/okr/'
cookie=$(header Set-Cookie | sed 's/;.*//')
check "lang switch: cookie is lang=zh-CN" test "$cookie" = lang=zh-CN
get zhangwei /tree -H "$EN" -b "$cookie"
expect_status 200
expect_body_contains '<html lang="zh-CN"' "cookie $cookie beats Accept-Language: en"
expect_body_contains "$(msg zh-CN tree.title)"
expect_body_lacks 'Alignment tree'

get zhangwei '/lang?set=en&back=/okr/unit/2%3Fcycle%3D'"$PREV"
expect_status 303
check "lang switch back to a page with a query: Location /okr/unit/2?cycle=$PREV" \
    test "$(header Location)" = "/okr/unit/2?cycle=$PREV"
expect_header Set-Cookie 'lang=en'
get zhangwei / -H "$ZH" -b lang=en
expect_body_contains '<html lang="en"' "cookie lang=en beats Accept-Language: zh-CN"

# The links of the switch on a page lead back to that page.
get zhangwei "/unit/2?cycle=$PREV"
expect_body_contains "/okr/lang?set=zh-CN&amp;back=/okr/unit/2%3Fcycle%3D$PREV" \
    "unit page: the switch link comes back to this page and cycle"
get zhangwei '/lang?set=zh-CN'
expect_status 303
check "lang switch without back: Location /okr/" test "$(header Location)" = /okr/
get zhangwei '/lang?set=fr&back=/okr/'
expect_status 400 "lang switch to an unknown language: 400"
get zhangwei '/lang?back=/okr/'
expect_status 400 "lang switch without set: 400"

# ---------------------------------------------------------- error pages
get zhangwei /no-such-page -H "$ZH"
expect_status 404
expect_body_contains '<html lang="zh-CN"'
expect_body_contains "$(msg zh-CN err.404)"
expect_body_lacks "$(msg en err.404)"
get zhangwei /no-such-page -H "$EN"
expect_status 404
expect_body_contains '<html lang="en"'
expect_body_contains "$(msg en err.404)"
expect_body_lacks "$(msg zh-CN err.404)"
get zhangwei '/?cycle=1999-Q1' -b lang=zh-CN
expect_status 404
expect_body_contains "$(msg zh-CN err.cycle)" "unknown cycle, cookie zh-CN: Chinese message"
get zhangwei '/?bogus=1' -H "$ZH"
expect_status 400
expect_body_contains "$(msg zh-CN err.400)" "400 page in Chinese"

# ------------------------------------------- the switch stays on this site
for back in //evil.example 'http://evil' 'https://evil.example/okr/' '/\evil.example'; do
	q=$(printf %s "$back" | sed 's|:|%3A|g; s|\\|%5C|g')
	get zhangwei "/lang?set=zh-CN&back=$q"
	loc=$(header Location)
	case $loc in
	''|/okr/*) ok "back=$back: no redirect off the site (status $(cat "$TMP/status"), Location '$loc')" ;;
	*) fail "back=$back: no redirect off the site"; note "Location: $loc" ;;
	esac
done
# Not a path at all (another host, a scheme): refused like any malformed
# value, with no cookie set.
for back in //evil.example http://evil; do
	q=$(printf %s "$back" | sed 's|:|%3A|g')
	get zhangwei "/lang?set=zh-CN&back=$q"
	expect_status 400 "back=$back: 400"
	check "back=$back: no cookie set" test -z "$(header Set-Cookie)"
done
get zhangwei '/lang?set=zh-CN&back=/elsewhere'
expect_status 303
check "back=/elsewhere (outside the app): redirect goes to /okr/" test "$(header Location)" = /okr/
for q in '/okr/%0D%0ASet-Cookie:%20x=1' '/okr/tree%0D%0A' '/okr/%0A' '/okr/%0D'; do
	get zhangwei "/lang?set=zh-CN&back=$q"
	expect_status 400 "back=$q (CR/LF): 400"
	expect_body_lacks 'x=1' "back=$q: nothing injected"
	check "back=$q: no header injected" sh -c "! grep -qi '^x=1\|^Set-Cookie: x=1' '$TMP/headers'"
done
