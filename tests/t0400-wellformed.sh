#!/bin/sh
# Every page, in both languages, parses as HTML without complaint, and no
# page carries a raw <script (user text and the request are escaped) but
# the live pages' own live.js.
. "$(dirname "$0")/lib.sh"

# xmllint's HTML parser is libxml2's HTML 4: it calls HTML5 and SVG tags
# ("Tag main invalid") invalid.  Any other message is a real fault.
wellformed() {	# DESC
	xmllint --html --noout "$TMP/body" > "$TMP/lint" 2>&1
	grep -E '(error|warning) ?:' "$TMP/lint" |
	    grep -Ev 'error : Tag [A-Za-z0-9]+ invalid$' > "$TMP/lint.bad"
	if [ -s "$TMP/body" ] && [ ! -s "$TMP/lint.bad" ]; then
		ok "$1: parses as HTML"
	else
		fail "$1: parses as HTML"
		head -3 "$TMP/lint.bad" | while IFS= read -r l; do note "$l"; done
	fi
	# The site's own live.js (the one script CSP lets run) aside.
	if sed 's|<script src="/okr/static/live.js" defer></script>||' "$TMP/body" |
	    grep -qi '<script'; then
		fail "$1: no <script but live.js"
	else
		ok "$1: no <script but live.js"
	fi
}

get admin /tree
UNITS=$(body_match 'href="/okr/unit/[0-9]*' | sed 's/.*\///' | sort -un)
OBJS=$(body_match 'href="/okr/objective/[0-9]*' | sed 's/.*\///' | sort -un |
    sed -n '1p;5p;9p;13p;17p;21p')
get admin "/tree?cycle=$PREV"
OBJS="$OBJS $(body_match 'href="/okr/objective/[0-9]*' | sed 's/.*\///' | sort -un | sed -n '1p;8p')"

PAGES="/ /?cycle=$PREV /tree /tree?cycle=$PREV"
for id in $UNITS; do PAGES="$PAGES /unit/$id"; done
for p in admin zhangwei sarahmiller wangfang chenming; do PAGES="$PAGES /person/$p"; done
for id in $OBJS; do PAGES="$PAGES /objective/$id"; done
PAGES="$PAGES /nope /?bogus=1 /?cycle=1999-Q1 /person/nobody"

for lang in en zh-CN; do
	for p in $PAGES; do
		get zhangwei "$p" -H "Accept-Language: $lang"
		wellformed "$p ($lang)"
	done
	get zhangwei / -X POST -H "Accept-Language: $lang"
	wellformed "POST / ($lang, 405)"
done

# The request is shown back (the switch's back= link): always escaped.
for p in '/nope%3Cscript%3Ealert(1)%3C/script%3E' '/nope<script>alert(1)</script>' \
    '/x%22onmouseover=%22alert(1)' "/nope'><script>x</script>" \
    '/?cycle=%3Cscript%3E'; do
	get zhangwei "$p" --path-as-is -g
	st=$(cat "$TMP/status")
	check "$p: refused with a 4xx, not a server error ($st)" test "$st" -ge 400 -a "$st" -lt 500
	if [ -s "$TMP/body" ]; then wellformed "$p"; fi
	check "$p: no attribute injected" \
	    sh -c "! grep -q '\"onmouseover=' '$TMP/body'"
done
