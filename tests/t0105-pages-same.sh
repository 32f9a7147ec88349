#!/bin/sh
# t0105: every page of the demo, in both languages, for three users (the
# admin, a department lead, a team member), answered byte for byte as the
# base revision answers it: a change meant to leave pages alone (a
# refactor, a faster render) proves it here.
#
# The base is the commit in tests/pages-base (or $PAGECMP_BASE): a change
# that means to alter pages moves it, and says why.  The base is built
# from git into build/pagecmp-REV (kept), its programs and stylesheets run
# as plain CGI on this stack's store, beside the programs under test: the
# same records, the same moment, the same CSRF key.  The pages are those
# the base's pages link to, from the home page on (up to PAGECMP_MAX per
# user and language, more than the demo has).
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
	make -s -C "$B" -j2 all CFLAGS=-O1 > "$B.log" 2>&1 ||
	    { sed 's/^/#   /' "$B.log" | tail -20; rm -rf "$B"; }
fi
check "the base $REV builds" test -x "$B/build/okr-meet" || exit 1

# A copy the store's user can read (the checkout may be private), and
# both configurations without the page cache: plain CGI writes no pages.
W="$TMP/cmp"
rm -rf "$W" && mkdir -p "$W/base/bin" "$W/base/xslt" "$W/a" "$W/b" && chmod -R 755 "$W"
cp "$B/build/okr-read" "$B/build/okr-edit" "$B/build/okr-meet" "$W/base/bin/"
cp -R "$B/xslt/." "$W/base/xslt/"
chmod -R a+rX "$W"
sed '/^page-cache *=/d' "$MUBIAO_DIR/mubiao.conf" > "$W/new.conf"
sed -e '/^page-cache *=/d' -e "s|^xslt-dir *=.*|xslt-dir = $W/base/xslt|" \
    "$MUBIAO_DIR/mubiao.conf" > "$W/base.conf"
chmod 644 "$W/new.conf" "$W/base.conf"
OWNER=$(sed -n 's/^user *= *//p' "$MUBIAO_DIR/mubiao.conf")

# page SIDE USER LANG URL OUT: the whole answer, headers included.
page() {
	case $1 in
	base) _bin=$W/base/bin _conf=$W/base.conf ;;
	*) _bin=$MUBIAO_DIR/app/bin _conf=$W/new.conf ;;
	esac
	_out=$5 _path=${4#/okr}
	_query=
	case $_path in *\?*) _query=${_path#*\?} _path=${_path%%\?*} ;; esac
	case $_path in
	/edit/*) _prog=okr-edit ;;
	/meet/*) _prog=okr-meet ;;
	*) _prog=okr-read ;;
	esac
	set -- env -i PATH=/usr/bin:/bin REMOTE_USER="$2" HTTP_COOKIE="lang=$3" \
	    HTTP_HOST=127.0.0.1 REQUEST_METHOD=GET SCRIPT_NAME=/okr PATH_INFO="$_path" \
	    QUERY_STRING="$_query" MUBIAO_CONF="$_conf" "$_bin/$_prog"
	[ "$(id -u)" = 0 ] && set -- setpriv --reuid="$OWNER" --regid="$(id -g "$OWNER")" \
	    --clear-groups -- "$@"
	timeout 60 "$@" < /dev/null > "$_out" 2> "$_out.err"
}

# The local links of a page, one per line, &amp; decoded.
links() {
	grep -o 'href="/okr/[^"#]*"' "$1" | sed -e 's/^href="//' -e 's/"$//' \
	    -e 's/&amp;/\&/g' | grep -v '^/okr/static/'
}

total=0
for user in $USERS; do
	for lang in en zh-CN; do
		d="$W/$user-$lang"
		mkdir -p "$d"
		echo /okr/ > "$d/todo"
		: > "$d/seen"
		n=0 bad=0
		while [ $n -lt "$MAX" ]; do
			url=$(head -1 "$d/todo")
			[ -n "$url" ] || break
			sed -i 1d "$d/todo"
			grep -qxF "$url" "$d/seen" && continue
			echo "$url" >> "$d/seen"
			n=$((n + 1))
			page base "$user" "$lang" "$url" "$W/a/p"
			page new "$user" "$lang" "$url" "$W/b/p"
			if ! cmp -s "$W/a/p" "$W/b/p"; then
				bad=$((bad + 1))
				[ $bad -le 3 ] && { note "$user $lang $url differs:"
				    diff "$W/a/p" "$W/b/p" | head -8 | sed 's/^/#     /'; }
			fi
			links "$W/a/p" | sort -u | grep -vxF -f "$d/seen" >> "$d/todo"
		done
		total=$((total + n))
		check "$user, $lang: $n pages as the base $REV answers them ($bad differ)" \
		    test "$bad" -eq 0 -a "$n" -ge 20
	done
done
check "pages compared: $total" test "$total" -ge 120
