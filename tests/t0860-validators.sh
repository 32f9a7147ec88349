#!/bin/sh
# What the web server says about a page agrees with the page:
# - validators: two versions of one page written within one second with
#   the same length still get different validators, so a conditional GET
#   with the first version's ETag or Last-Modified gets the second version,
#   never a 304;
# - language: a kept page and a page okr-read renders pick the language by
#   one rule (the first cookie named exactly "lang" whose value is exactly
#   en or zh-CN, every Cookie header counted; else Accept-Language), for
#   "LANG=", "lang=ZH-CN", two lang cookies and two Cookie headers;
# - gzip: a client that asks for it gets 304s too, pages and feeds.
# Behind nginx the pages come from the page cache; behind Apache (no
# cache) from okr-read: the same answers either way.
. "$(dirname "$0")/lib.sh"

EN='Accept-Language: en'
TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0860 校验 $TAG")
K=$(make_kr lina "$O" "t0860 接入 100 个服务 $TAG" 0 100 10)
check "t0860's objective $O with KR $K" test -n "$O" -a -n "$K"
P=/unit/$PLAT

# ---------------------------------------------------------- validators
C=$MUBIAO_DIR/cache
# When okr-read wrote its kept copy of P (a second), right after it did;
# "-" when none was kept (Apache).
written() {
	stat -c %Z "$C/$(readlink "$C/current")/en/lina/okr$P.html" 2>/dev/null || echo -
}
# Checks in V, then reads P: okr-read renders it and keeps it.
version() {	# V
	post lina "/edit/checkin/$O" "back=/okr/objective/$O&kr=$K&value=$1&confidence=0.6"
	get lina "$P" -H "$EN"
}
# Two versions written in one second, with the same length: retried when
# the second turned between them, unless an attempt takes seconds (a slow
# run, under valgrind: it checks the rest anyway).
n=0
while :; do
	s0=$(date +%s)
	version 41
	w1=$(written)
	get lina "$P" -H "$EN"
	cp "$TMP/body" "$TMP/v1"
	tag1=$(header ETag) lm1=$(header Last-Modified)
	version 42
	w2=$(written)
	n=$((n + 1))
	[ "$w1" != "$w2" ] && [ $n -lt 8 ] && [ $(($(date +%s) - s0)) -lt 3 ] || break
done
get lina "$P" -H "$EN"
cp "$TMP/body" "$TMP/v2"
tag2=$(header ETag) lm2=$(header Last-Modified)
[ "$w1" = "$w2" ] || note "the two versions were kept in different seconds ($w1, $w2; $n attempts)"
check "$P, two versions ($tag1, $tag2): the same length" \
    test "$(wc -c < "$TMP/v1")" -eq "$(wc -c < "$TMP/v2")"
check "$P, two versions: different bytes (41 then 42)" sh -c "! cmp -s '$TMP/v1' '$TMP/v2'"
if [ "${MUBIAO_SERVER:-nginx}" = nginx ]; then
	check "$P: the second read served from the kept file" \
	    test "$(header Accept-Ranges)" = bytes
	check "$P: the two versions' ETags differ" test -n "$tag1" -a "$tag1" != "$tag2"
	check "$P: the two versions' Last-Modified differ" test -n "$lm1" -a "$lm1" != "$lm2"
fi
get lina "$P" -H "$EN" -H "If-None-Match: ${tag1:-\"none\"}"
expect_status 200 "$P with the first version's ETag: 200, not 304"
check "$P with the first version's ETag: the second version's bytes" cmp -s "$TMP/body" "$TMP/v2"
get lina "$P" -H "$EN" -H "If-Modified-Since: ${lm1:-$(date -u -R)}"
expect_status 200 "$P with the first version's Last-Modified: 200, not 304"
check "$P with the first version's Last-Modified: the second version's bytes" cmp -s "$TMP/body" "$TMP/v2"
if [ -n "$tag2" ]; then
	get lina "$P" -H "$EN" -H "If-None-Match: $tag2"
	expect_status 304 "$P with the second version's ETag: 304"
fi

# ------------------------------------------------------ feeds, gzipped
# A feed reader that asks for gzip revalidates with the ETag it was sent
# (behind Apache, mod_deflate's "TAG-gzip"): a 304, not the feed again.
for F in "/xml/unit/$PLAT" "/atom/unit/$PLAT"; do
	get lina "$F" -H 'Accept-Encoding: gzip'
	expect_header Content-Encoding gzip "$F for a gzip client: gzipped"
	ftag=$(header ETag)
	get lina "$F" -H 'Accept-Encoding: gzip' -H "If-None-Match: ${ftag:-\"none\"}"
	expect_status 304 "$F for a gzip client with the ETag it got ($ftag): 304"
done

# ------------------------------------------------------------ language
# Kept pages in both languages first, so that nginx has a file to pick.
for l in en zh-CN; do
	get lina / -b "lang=$l"
	get lina / -b "lang=$l"
done
lang_of() {
	sed -n 's/.*<html lang="\([^"]*\)".*/\1/p' "$TMP/body" | head -1
}
# The home page (kept behind nginx) and the same page with a query (always
# okr-read's) in the language WANT, for the given headers.
same_lang() {	# WANT DESC CURL-ARGS...
	_w=$1 _d=$2
	shift 2
	get lina / "$@"
	_k=$(lang_of)
	get lina "/?cycle=$CUR" "$@"
	_r=$(lang_of)
	check "$_d: $_w (kept page $_k, rendered $_r)" test "$_k" = "$_w" -a "$_r" = "$_w"
}
same_lang en "cookie LANG=zh-CN is not the lang cookie" -H "$EN" -H 'Cookie: LANG=zh-CN'
same_lang en "cookie lang=ZH-CN is not one of ours" -H "$EN" -H 'Cookie: lang=ZH-CN'
same_lang zh-CN "cookies LANG=en; lang=zh-CN: the exact name counts" -H "$EN" -H 'Cookie: LANG=en; lang=zh-CN'
same_lang zh-CN "cookies lang=fr; lang=zh-CN: the first of ours" -H "$EN" -H 'Cookie: lang=fr; lang=zh-CN'
same_lang en "cookies lang=en; lang=zh-CN: the first" -H 'Accept-Language: zh-CN' -H 'Cookie: lang=en; lang=zh-CN'
same_lang zh-CN "two Cookie headers, theme=x then lang=zh-CN" -H "$EN" -H 'Cookie: theme=x' -H 'Cookie: lang=zh-CN'
same_lang en "two Cookie headers, lang=en then lang=zh-CN" -H 'Accept-Language: zh-CN' -H 'Cookie: lang=en' -H 'Cookie: lang=zh-CN'
same_lang zh-CN "Accept-Language ZH-cn, no cookie (any case there)" -H 'Accept-Language: ZH-cn'
