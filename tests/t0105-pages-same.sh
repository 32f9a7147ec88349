#!/bin/sh
# t0105: every page of the demo, in both languages, for three users (the
# admin, a department lead, a team member), answered byte for byte as the
# base revision answers it: a change meant to leave pages alone (a
# refactor, a faster render) proves it here.
#
# The base is the commit in tests/pages-base (or $PAGECMP_BASE): a change
# that means to alter pages moves it, and says why.  The base is built
# from git into build/pagecmp-REV (kept).  Two private stacks, one with
# the base's programs and stylesheets and one with those under test, hold
# the same store (a dump of this stack's, loaded once, then copied); then
# both are crawled over HTTP from the home page on, following every local
# link of the base's pages (up to PAGECMP_MAX per user and language, more
# than the demo has), and each answer's status, headers (less Date) and
# body compared (less Date, and less the port in feeds' links).
#
# The stack under test answers each page three times more: with its kept
# objective cards (twice: the second finds every card the first made)
# and rendered whole (X-Mubiao-Cards: off), byte for byte the same.
# Neither stack keeps pages, so every answer is a render.
. "$(dirname "$0")/lib.sh"

BASE=${PAGECMP_BASE:-$(sed -n '1s/[^0-9a-f].*//p' "$TESTS_ROOT/tests/pages-base")}
MAX=${PAGECMP_MAX:-600}
USERS="admin zhangwei lina"

if ! git -C "$TESTS_ROOT" cat-file -e "$BASE^{commit}" 2>/dev/null; then
	# A shallow or exported tree: nothing to compare against.
	note "skipped: the base $BASE is not in this checkout's history"
	exit 0
fi
REV=$(git -C "$TESTS_ROOT" rev-parse --short=12 "$BASE^{commit}")

# ------------------------------------------------------------ the base
B="$TESTS_ROOT/build/pagecmp-$REV"
if [ ! -x "$B/build/okr-meet" ]; then
	rm -rf "$B" && mkdir -p "$B" &&
	git -C "$TESTS_ROOT" archive "$REV" | tar -x -C "$B" &&
	env -u MUBIAO_BUILD make -s -C "$B" -j2 all CFLAGS=-O1 > "$B.log" 2>&1 ||
	    { sed 's/^/#   /' "$B.log" | tail -20; rm -rf "$B"; }
fi
require "the base $REV builds" test -x "$B/build/okr-meet"

# ------------------------------------------------------- the two stacks
OWNER=$(sed -n 's/^user *= *//p' "$MUBIAO_DIR/mubiao.conf")
W="$TMP/cmp"
rm -rf "$W" && mkdir -p "$W" && chmod 755 "$W"
"$MUBIAO_DIR/app/bin/mubiao-admin" -c "$MUBIAO_DIR/mubiao.conf" dump > "$W/store.xml"
require "a dump of the store" test -s "$W/store.xml"
chmod 644 "$W/store.xml"

# stack SIDE: starts the stack of SIDE (base or new) with no demo on the
# store in its folder; URL_SIDE its URL.
stack() {
	_s="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0105-$1"
	_p=$(free_port) || return 1
	if [ "$1" = base ]; then
		env -u MUBIAO_BUILD -u MUBIAO_VALGRIND MUBIAO_DEMO=0 MUBIAO_SERVER=nginx MUBIAO_PAGE_CACHE=0 \
		    sh "$B/conf/devstack.sh" start "$_s" "$_p" > "$_s.out" 2>&1
	else
		MUBIAO_DEMO=0 MUBIAO_SERVER=nginx MUBIAO_PAGE_CACHE=0 \
		    sh "$TESTS_ROOT/conf/devstack.sh" start "$_s" "$_p" > "$_s.out" 2>&1
	fi || { sed 's/^/#   /' "$_s.out" | tail -20; return 1; }
	at_exit "stack_stop '$_s'"
	eval "URL_$1=http://127.0.0.1:$_p"
}

# The dump loaded once, by the loader under test, with this stack's form
# key (so that both sides' forms carry one token); the base's stack gets a
# copy of that store, files and all: the same records, the same change
# log, the same times.
N="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0105-new"
Bs="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0105-base"
for _s in "$N" "$Bs"; do
	stack_stop "$_s"
	rm -rf "$_s" && mkdir -p "$_s" && chmod 755 "$_s"
done
mkdir -p "$N/db" && cp -p "$MUBIAO_DIR/db/csrf.key" "$N/db/" && chown -R "$OWNER" "$N/db"
require "a stack with the programs under test" stack new
"$N/app/bin/mubiao-admin" -c "$N/mubiao.conf" load "$W/store.xml" > "$N.load" 2>&1 < /dev/null
require "the dump loaded ($(tail -1 "$N.load"))" grep -q 'records written' "$N.load"
stack_stop "$N"
cp -a "$N/db" "$Bs/db"
require "a stack with the base's programs, on a copy of that store" stack base
require "the stack under test again" stack new

# fetch SIDE DIR [AS CARDS]: every URL of DIR/urls into DIR/AS/N (headers,
# then body), over one connection per side; CARDS: X-Mubiao-Cards.
fetch() {
	eval "_u=\$URL_$1"
	_d=$2/${3:-$1}
	mkdir -p "$_d"
	awk -v u="$_u" -v d="$_d" -v who="$user:$user" -v lang="$lang" -v cards="${4:-on}" '
	    NR > 1 { print "next" }
	    { printf "url = \"%s%s\"\noutput = \"%s/%d.body\"\n", u, $0, d, NR
	      printf "dump-header = \"%s/%d.head\"\nuser = \"%s\"\n", d, NR, who
	      printf "cookie = \"lang=%s\"\nmax-time = 60\n", lang
	      printf "header = \"X-Mubiao-Cards: %s\"\n", cards
	      print "header = \"Host: mubiao.test\"" }' "$2/urls" > "$_d.curl"
	curl -s -K "$_d.curl"
	# the cards found, made again, kept: "hits made" of all its answers
	cat "$_d"/*.head | tr -d '\r' | sed -n 's/^X-Mubiao-Cards: hit=\([0-9]*\) made=\([0-9]*\)$/\1 \2/p' |
	    awk '{ h += $1; m += $2 } END { printf "%d %d\n", h, m }' > "$_d.cards"
	for _f in "$_d"/*.head; do
		# the server's clock, and how the connection ends, are not the
		# page's; each stack's port, in feeds' absolute links, is not
		# either (nor, therefore, a feed's ETag, made from its bytes)
		grep -v -i -e '^Date:' -e '^Connection:' -e '^Keep-Alive:' -e '^X-Mubiao-' \
		    -e '^ETag:' "$_f" | cat - "${_f%.head}.body" 2>/dev/null |
		    sed "s|//mubiao\.test:${_u##*:}/|//mubiao.test/|g" > "${_f%.head}"
	done
}

total=0
for user in $USERS; do
	for lang in en zh-CN; do
		d="$W/$user-$lang"
		mkdir -p "$d"
		printf '%s\n' /okr/ '/okr/lang?set=zh-CN&back=/okr/' > "$d/next"
		: > "$d/seen"
		n=0 bad=0 level=0 cbad=0 hits=0 made=0
		while [ -s "$d/next" ] && [ $n -lt "$MAX" ]; do
			level=$((level + 1))
			rm -rf "$d/base" "$d/new" "$d/again" "$d/whole"
			head -n $((MAX - n)) "$d/next" > "$d/urls"
			cat "$d/urls" >> "$d/seen"
			sort -u -o "$d/seen" "$d/seen"
			n=$((n + $(wc -l < "$d/urls")))
			fetch base "$d"
			fetch new "$d"
			fetch new "$d" again
			fetch new "$d" whole off
			set -- $(cat "$d/again.cards")
			hits=$((hits + $1)) made=$((made + $2))
			i=0
			while read -r url; do
				i=$((i + 1))
				if ! cmp -s "$d/again/$i" "$d/whole/$i" || ! cmp -s "$d/new/$i" "$d/whole/$i"; then
					cbad=$((cbad + 1))
					[ $cbad -gt 3 ] || { note "$user $lang $url: cards differ from the whole page:"
					    diff "$d/whole/$i" "$d/again/$i" | head -8 | sed 's/^/#     /'; }
				fi
				cmp -s "$d/base/$i" "$d/new/$i" && continue
				bad=$((bad + 1))
				[ $bad -le 3 ] || continue
				note "$user $lang $url differs:"
				diff "$d/base/$i" "$d/new/$i" | head -8 | sed 's/^/#     /'
			done < "$d/urls"
			# the next level: local links not yet seen, but never a
			# style sheet, nor the language switch of every page (the
			# first level has one), and never the same page twice
			cat "$d"/base/*.body 2>/dev/null | grep -o 'href="/okr/[^"#]*"' |
			    sed -e 's/^href="//' -e 's/"$//' -e 's/&amp;/\&/g' |
			    grep -v -e '^/okr/static/' -e '^/okr/lang?' | sort -u | comm -23 - "$d/seen" > "$d/next"
		done
		total=$((total + n))
		check "$user, $lang: $n pages ($level levels of links) as the base $REV answers them ($bad differ)" \
		    test "$bad" -eq 0 -a "$n" -ge 20 -a ! -s "$d/next"
		# every card the second time was found, none made again
		check "$user, $lang: the $n pages with kept cards ($hits found, $made made again) as rendered whole ($cbad differ)" \
		    test "$cbad" -eq 0 -a "$hits" -ge 20 -a "$made" -eq 0
	done
done
check "pages compared: $total" test "$total" -ge 600
