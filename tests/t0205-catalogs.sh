#!/bin/sh
# The message catalogs: xslt/i18n/en.xml and zh-CN.xml hold the same keys,
# each once, and every key a stylesheet or the C code names is in them.
# Reads files only, no server: run alone, it starts no stack.
cd "$(dirname "$0")/.." || exit 2
MUBIAO_LIB_ONLY=1
. tests/lib.sh
unset MUBIAO_LIB_ONLY
T=$(mktemp -d /tmp/mubiao-t0205.XXXXXX) || exit 2
alone=
if [ -z "${MUBIAO_RESULTS:-}" ]; then
	alone=1
	MUBIAO_RESULTS=$T/results
	: > "$MUBIAO_RESULTS"
fi
_end() {
	[ -z "$alone" ] || echo "$(grep -c '^ok' "$MUBIAO_RESULTS") passed," \
	    "$(grep -c '^fail' "$MUBIAO_RESULTS") failed"
	[ -n "${MUBIAO_KEEP:-}" ] && echo "# kept $T" || rm -rf "$T"
}
trap _end EXIT
trap 'exit 130' INT TERM HUP
CAT=xslt/i18n
LC_ALL=C
export LC_ALL

# keys FILE: a catalog's keys, one a line, in file order.
keys() {
	grep -o '<m k="[^"]*"' "$1" | sed 's|^<m k="||; s|"$||'
}

# expect_none DESC FILE: ok when FILE is empty, else fail with its lines.
expect_none() {
	if [ -s "$2" ]; then
		fail "$1"
		head -10 "$2" | while IFS= read -r l; do note "$l"; done
	else
		ok "$1"
	fi
}

# ------------------------------------------------------ same keys, once
for l in en zh-CN; do
	keys "$CAT/$l.xml" > "$T/$l.all"
	sort "$T/$l.all" > "$T/$l.sorted"
	sort -u "$T/$l.all" > "$T/$l"
	check "catalog $l.xml has keys" test -s "$T/$l"
	uniq -d "$T/$l.sorted" > "$T/dup"
	expect_none "catalog $l.xml: no key twice" "$T/dup"
done
comm -23 "$T/en" "$T/zh-CN" > "$T/only"
expect_none "every key of en.xml is in zh-CN.xml" "$T/only"
comm -13 "$T/en" "$T/zh-CN" > "$T/only"
expect_none "every key of zh-CN.xml is in en.xml" "$T/only"
cat "$T/en" "$T/zh-CN" | sort -u > "$T/keys"

# --------------------------------------------- the keys the sheets name
# xpath EXPR: the nodes EXPR selects in all the sheets, one a line.
xpath() {
	xmllint --xpath "$1" xslt/*.xsl 2>/dev/null
	echo
}
# The string of each select="'…'" on its own line (concat(…) lines: the
# first literal, a prefix).
literals() {
	sed -n "s|^ *select=\"'\([^']*\)'\"\$|\1|p"
}
prefixes() {
	sed -n "s|^ *select=\"concat('\([^']*\)'.*|\1|p"
}
WP="//*[local-name()='with-param']"
# call-template t (k) and button-form (label-key): a literal key, or
# concat('prefix.', …) for a family of keys.
xpath "$WP[@name='k' or @name='label-key']/@select" > "$T/sel"
literals < "$T/sel" > "$T/named"
prefixes < "$T/sel" > "$T/prefix"
# <xsl:with-param name="k"> holding the key as text (in a choose).
xpath "$WP[@name='k' or @name='label-key'][not(@select)]//text()[normalize-space()]" |
    tr -s ' \t' '\n\n' | sed '/^$/d' >> "$T/named"
# thead: a list of keys, num:KEY for a numeric column.
xpath "$WP[@name='cols']/@select" | literals | tr ' ' '\n' |
    sed '/^$/d; s|^num:||' >> "$T/named"
# badge: key.value when the value is a literal, else a key under key.
xpath "//*[local-name()='call-template'][@name='badge']/*[@name='key' or @name='v']/@select" |
    sed -n "s|^ *select=\"\(.*\)\"\$|\1|p" | paste -d ' ' - - |
    sed -n "s|^'\([^']*\)' '\([^']*\)'\$|\1.\2|w $T/named.badge
	s|^'\([^']*\)' .*|\1.|p" >> "$T/prefix"
cat "$T/named.badge" >> "$T/named"
sort -u "$T/named" > "$T/named.u"
check "the sheets name catalog keys (found $(wc -l < "$T/named.u"))" \
    test "$(wc -l < "$T/named.u")" -gt 200
# missing KEYS NAMED [-p]: the lines of NAMED that are not lines of KEYS;
# with -p, that begin no line of KEYS.  Each with the sheets naming it.
missing() {
	awk -v p="${3:-}" 'NR == FNR { k[$0] = 1; next }
	    p == "" && !($0 in k) { print }
	    p != "" { for (x in k) if (index(x, $0) == 1) next
		print }' "$1" "$2" |
	while IFS= read -r m; do
		e=$(printf '%s' "${m%.}" | sed 's/\./\\./g')
		if [ -n "${3:-}" ]; then
			e="'$e['.]"
		else
			e="['>[:space:]]$e['<[:space:]]"
		fi
		in=$(grep -lE "$e" xslt/*.xsl | sed 's|.*/||' | paste -s -d ' ' -)
		echo "$m (in ${in:-a badge: its key and value})"
	done
}
missing "$T/keys" "$T/named.u" > "$T/missing"
expect_none "every key a stylesheet names is in the catalogs" "$T/missing"
sort -u "$T/prefix" > "$T/prefix.u"
missing "$T/keys" "$T/prefix.u" -p > "$T/missing"
expect_none "every key family a stylesheet builds (concat('x.', …)) has keys" "$T/missing"

# --------------------------------------------- the keys the C code names
# Error, hint and form message keys written as literals in cgi/*.c.
grep -v '^[[:space:]]*#[[:space:]]*include' cgi/*.c |
    grep -o '"\(err\|hint\|form\)\.[A-Za-z0-9._-]*"' | tr -d '"' |
    grep -v '\.[ch]$' | sort -u > "$T/cnamed"
check "the C code names catalog keys (found $(wc -l < "$T/cnamed"))" \
    test "$(wc -l < "$T/cnamed")" -gt 30
grep -vxF -f "$T/keys" "$T/cnamed" | sed 's|$| (named in cgi/*.c)|' > "$T/missing"
expect_none "every err./hint./form. key the C code names is in the catalogs" "$T/missing"

# ------------------------------------------- Chinese punctuation in zh-CN
# Chinese text takes full-width punctuation (：，；（）！？); ASCII stays
# where its neighbours are ASCII (URLs, numbers, YYYY-MM-DD, "0.6–0.7").
# Each half-width mark next to a Chinese character, with its key.
perl -CSD -0777 -ne 'while (/<m k="([^"]*)">(.*?)<\/m>/gs) { my ($k, $t) = ($1, $2);
	print "$k: $t\n" if $t =~ /\p{Han}\s*[:,;()!?]|[:,;()!?]\s*\p{Han}/ }' \
    "$CAT/zh-CN.xml" > "$T/halfwidth"
expect_none "zh-CN.xml: no half-width punctuation next to Chinese text" "$T/halfwidth"
