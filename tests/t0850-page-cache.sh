#!/bin/sh
# The page cache: okr-read keeps each read page it renders as a
# file that nginx then serves itself, per language and user; every write
# retires them all before the writer answers.  Checked here: a kept page
# is served by nginx byte for byte; a write is on the very next request
# of anyone, also while others read the same page; languages and users
# each get their own page, never another's; what the maps cannot decide
# goes to okr-read and is not kept; a generation of another day is
# replaced; retired generations are removed; credentials are still
# asked.  Behind nginx only (Apache runs without the cache).
. "$(dirname "$0")/lib.sh"

if [ "${MUBIAO_SERVER:-nginx}" != nginx ]; then
	note "the page cache is served by nginx: skipped behind $MUBIAO_SERVER"
	exit 0
fi
C=$MUBIAO_DIR/cache
gen() { readlink "$C/current"; }
kept() {	# LANG USER PATH: the page file in the current generation
	echo "$C/$(gen)/$1/$2/okr$3.html"
}
# nginx's static module answers with Accept-Ranges; okr-read never does.
from_file() { [ "$(header Accept-Ranges)" = bytes ]; }
TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0850 缓存 $TAG")
K=$(make_kr lina "$O" "t0850 接入 100 个服务 $TAG" 0 100 10)
check "t0850's objective $O with KR $K" test -n "$O" -a -n "$K"

# ------------------------------------------------- kept, then served
get lina / -H 'Accept-Language: en'
expect_status 200 "home as lina: 200"
cp "$TMP/body" "$TMP/first"
check "home as lina: rendered by okr-read the first time" sh -c "! [ \"\$(tr -d '\r' < '$TMP/headers' | grep -i '^Accept-Ranges:')\" ]"
check "home as lina: kept as en/lina/okr/.html" test -f "$(kept en lina /)"
check "the kept page is what lina got" cmp -s "$(kept en lina /)" "$TMP/first"
get lina / -H 'Accept-Language: en'
check "home as lina again: served by nginx from the file" from_file
check "home as lina again: the same bytes" cmp -s "$TMP/body" "$TMP/first"
expect_header Content-Type "text/html; charset=utf-8" "kept page: Content-Type text/html; charset=utf-8"
expect_header Content-Language en "kept page: Content-Language en"
expect_header Content-Security-Policy "default-src 'self'" "kept page: the same Content-Security-Policy"
expect_header X-Frame-Options DENY "kept page: X-Frame-Options DENY"
expect_header Cache-Control "private, no-cache" "kept page: Cache-Control private, no-cache"
get lina / -I -H 'Accept-Language: en'
expect_status 200 "HEAD of a kept page: 200"
etag=$(header ETag)
curl -s -i -X HEAD -H 'Connection: close' -H 'Accept-Language: en' --max-time 3 \
    -u lina:lina -o "$TMP/raw" "$MUBIAO_URL/"
check "HEAD of a kept page: no body after the headers" \
    test "$(sed '1,/^\r*$/d' "$TMP/raw" | wc -c)" -eq 0
get lina / -H 'Accept-Language: en' -H "If-None-Match: $etag"
expect_status 304 "a kept page again with its ETag ($etag): 304"
get - /
expect_status 401 "a kept page without credentials: 401"
check "file modes: 0640 pages, readable by the web server's group only" \
    test "$(stat -c %a "$(kept en lina /)")" = 640

# ------------------------------------------------ languages and users
get lina / -H 'Accept-Language: zh-CN,zh;q=0.9,en;q=0.5'
expect_body_contains '<html lang="zh-CN"' "home as lina in Chinese: a Chinese page"
expect_header Content-Language zh-CN "home as lina in Chinese: Content-Language zh-CN"
check "home as lina in Chinese: kept apart, as zh-CN/lina" test -f "$(kept zh-CN lina /)"
get lina / -H 'Accept-Language: zh-CN' -H 'Cookie: lang=en'
expect_body_contains '<html lang="en"' "the lang cookie wins over Accept-Language, kept page or not"
get lina / -H 'Accept-Language: zh-CN' -H 'Cookie: theme=x; lang=en'
expect_body_contains '<html lang="en"' "the lang cookie after another cookie: English"
get lina / -H 'Accept-Language: fr, zh;q=0.5'
expect_body_contains '<html lang="zh-CN"' "Accept-Language 'fr, zh;q=0.5': okr-read picks Chinese"
check "Accept-Language 'fr, zh;q=0.5': answered by okr-read, not a file" sh -c "! [ \"\$(tr -d '\r' < '$TMP/headers' | grep -i '^Accept-Ranges:')\" ]"
check "nothing kept under '-' (what the maps leave to okr-read)" test ! -e "$C/$(gen)/-"
get lina / -H 'Accept-Language: zh-CN;q=0.1, en;q=0.9'
expect_body_contains '<html lang="en"' "Accept-Language with q values: okr-read picks English"
get lina "/?cycle=$CUR" -H 'Accept-Language: en'
get lina "/?cycle=$CUR" -H 'Accept-Language: en'
check "a page with a query: always okr-read's" sh -c "! [ \"\$(tr -d '\r' < '$TMP/headers' | grep -i '^Accept-Ranges:')\" ]"

for u in lina wangfang; do
	get "$u" "/objective/$O" -H 'Accept-Language: en'
	get "$u" "/objective/$O" -H 'Accept-Language: en'
	cp "$TMP/body" "$TMP/o.$u"
done
check "objective $O as wangfang: served from wangfang's own file" from_file
tl=$(grep -o 'name="token" value="[0-9a-f]*"' "$TMP/o.lina" | head -1)
tw=$(grep -o 'name="token" value="[0-9a-f]*"' "$TMP/o.wangfang" | head -1)
check "objective $O: each user's page carries their own form token" test -n "$tl" -a -n "$tw" -a "$tl" != "$tw"
check "objective $O: lina's token is not in wangfang's page" sh -c "! grep -q -F '$tl' '$TMP/o.wangfang'"
check "objective $O: wangfang's page links 'My page' to wangfang" grep -q -F 'href="/okr/person/wangfang"' "$TMP/o.wangfang"

# ------------------------------------------- a write, the next request
g0=$(gen)
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&value=37&confidence=0.6&note=t0850"
expect_status 303 "lina checks in 37: 303"
check "the write retired the generation ($g0 → $(gen))" test "$(gen)" != "$g0"
get wangfang "/objective/$O" -H 'Accept-Language: en'
expect_flat '<strong class="current">37</strong>' "objective $O as wangfang, the very next request: shows 37"
get lina "/objective/$O" -H 'Accept-Language: en'
expect_flat '<strong class="current">37</strong>' "objective $O as lina after her redirect: shows 37"

# Writes with no read between them: the first retires the generation,
# the next find nothing opened in the new one and leave it; a read then
# a write retires it again, and every read is fresh.
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&value=38&confidence=0.6"
g1=$(gen)
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&value=39&confidence=0.6"
expect_status 303 "a second check-in with no read between: 303"
check "nothing opened in $g1: the generation stays" test "$(gen)" = "$g1" -a ! -e "$C/$g1"
get wangfang "/objective/$O" -H 'Accept-Language: en'
expect_flat '<strong class="current">39</strong>' "objective $O as wangfang after both: shows 39"
check "that read opened $g1 and kept its page there" test -f "$(kept en wangfang "/objective/$O")"
post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&value=37&confidence=0.6"
check "a write after a read retires it ($g1 → $(gen))" test "$(gen)" != "$g1"
get wangfang "/objective/$O" -H 'Accept-Language: en'
expect_flat '<strong class="current">37</strong>' "objective $O as wangfang, the very next request: shows 37 again"

# Readers hammer the page while lina writes: after each acknowledged
# write, the next read of anyone shows it, and every read is the page (a
# write between nginx finding a kept file and opening it leaves the
# request to okr-read, never a 404).
stop=$TMP/t0850.stop
rm -f "$stop" "$TMP"/t0850.codes.*
for u in wangfang zhangwei admin; do
	( while [ ! -f "$stop" ]; do
		curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 -u "$u:$u" \
		    -H 'Accept-Language: en' "$MUBIAO_URL/objective/$O" >> "$TMP/t0850.codes.$u"
	done ) &
done
stale=0 acked=0 i=40
while [ $i -lt 70 ]; do
	post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&value=$i&confidence=0.6"
	if [ "$(cat "$TMP/status")" = 303 ]; then
		acked=$((acked + 1))
		for u in wangfang zhangwei; do
			get "$u" "/objective/$O" -H 'Accept-Language: en'
			flat | grep -q -F "<strong class=\"current\">$i</strong>" || stale=$((stale + 1))
		done
	fi
	i=$((i + 1))
done
touch "$stop"
wait
check "30 check-ins under 3 readers: all acknowledged ($acked)" test "$acked" -eq 30
check "after each, the next read of 2 others showed it ($stale stale of 60)" test "$stale" -eq 0
reads=$(cat "$TMP"/t0850.codes.* | wc -l)
check "the readers' $reads reads meanwhile: all 200 ($(cat "$TMP"/t0850.codes.* | grep -vc '^200$') not)" \
    sh -c "test $reads -gt 30 && ! cat '$TMP'/t0850.codes.* | grep -qv '^200\$'"

# ------------------------------------------------------------ the day
# A generation of another day (as at midnight) is replaced within the
# supervisor's second, and its pages are never served again.
old=g1-0-0
mkdir -p "$C/$old/en/lina/okr"
echo '<html>t0850 STALE</html>' > "$C/$old/en/lina/okr/.html"
chown -R --reference="$C" "$C/$old" 2>/dev/null
ln -sfn "$old" "$C/current.t0850" && mv -T "$C/current.t0850" "$C/current"
n=0
while [ "$(gen)" = "$old" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
check "a generation of another day: replaced by the supervisor ($(gen))" test "$(gen)" != "$old"
get lina / -H 'Accept-Language: en'
expect_body_lacks "t0850 STALE" "home as lina after the day turned: not the old day's page"
n=0
while [ -e "$C/$old" ] && [ $n -lt 80 ]; do sleep 0.1; n=$((n + 1)); done
check "retired generations are removed (the old day's gone)" test ! -e "$C/$old"
check "the cache holds at most a few generations ($(ls "$C" | grep -c '^g'))" \
    test "$(ls "$C" | grep -c '^g')" -le 3
