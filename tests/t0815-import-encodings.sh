#!/bin/sh
# Import and encodings (XML 1.0 requires UTF-16 and a declared encoding
# to be read):
# - the web import: a byte that is not UTF-8, or a character reference to
#   a noncharacter, is refused with its line, and the form comes back
#   holding the pasted document; pasted text is Unicode already, so a
#   declared ISO-8859-1 changes nothing;
# - mubiao-admin load: UTF-16 with and without a byte-order mark, and a
#   declared ISO-8859-1 file, are read (a UTF-8 file that declares UTF-16
#   too, as libxml2 reads it); an unknown encoding is named; a
#   file over the size limit is called too large, not parsed cut short.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
ADMIN="$MUBIAO_DIR/app/bin/mubiao-admin"
RD=$(unit_id 研发部)
check "研发部's id ($RD)" test -n "$RD"
HEAD='<mubiao xmlns="urn:mubiao:okr:1" version="1">'

imp() {	# FILE: POSTs FILE as the import's xml field, as admin
	post admin /edit/admin/import "" --data-urlencode "xml@$1"
}

# ---------------------------------------------------------- web import
printf '%s\n  <unit id="93101" parent="%s" level="team" version="1"><name>t0815 kept %s</name></unit>\n  <unit id="93102" parent="%s" level="team" version="1"><name>bad \377 byte</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" "$TAG" "$RD" > "$TMP/byte.xml"
imp "$TMP/byte.xml"
expect_status 400 "import: a byte that is not UTF-8: 400"
expect_body_contains "line 3" "import: the bad byte's line is named"
expect_body_contains "t0815 kept $TAG" "import: the form holds the pasted document again"
expect_body_contains '<textarea id="import-xml" name="xml"' "import: the form is there to correct it"
printf '%s\n  <unit id="93103" parent="%s" level="team" version="1"><name>x&#xFDD0;</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" > "$TMP/nonchar.xml"
imp "$TMP/nonchar.xml"
expect_status 400 "import: a reference to U+FDD0: 400"
expect_body_contains "line 2" "import: the noncharacter's line is named"
get admin /unit/93101
expect_status 404 "nothing of the refused documents written"
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n%s\n  <unit id="93104" parent="%s" level="team" version="1"><name>t0815 café %s</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" "$TAG" > "$TMP/declared.xml"
imp "$TMP/declared.xml"
expect_status 200 "import: pasted text declaring ISO-8859-1: 200"
get admin /unit/93104
expect_body_contains "t0815 café $TAG" "the pasted text read as typed (é intact)"

# ---------------------------------------------------- mubiao-admin load
if [ "$(id -u)" != 0 ] || [ ! -x "$ADMIN" ]; then
	note "not root: the admin command's part is skipped"
	exit 0
fi
W="$MUBIAO_WORK/t0815"
rm -rf "$W"
mkdir -p "$W"
load() {	# FILE: load -f into the stack's store; output in $W/out
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" load -f "$1" > "$W/out" 2>&1 < /dev/null
}
printf '<?xml version="1.0" encoding="UTF-16"?>\n%s\n  <unit id="93111" parent="%s" level="team" version="1"><name>t0815 十六位 %s</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" "$TAG" | iconv -f UTF-8 -t UTF-16 > "$W/bom.xml"
load "$W/bom.xml"
check "load: UTF-16 with a byte-order mark ($(tail -1 "$W/out"))" grep -qx '1 records written' "$W/out"
printf '<?xml version="1.0" encoding="UTF-16"?>\n%s\n  <unit id="93112" parent="%s" level="team" version="1"><name>t0815 小端 %s</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" "$TAG" | iconv -f UTF-8 -t UTF-16LE > "$W/le.xml"
load "$W/le.xml"
check "load: UTF-16LE without a mark ($(tail -1 "$W/out"))" grep -qx '1 records written' "$W/out"
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n%s\n  <unit id="93113" parent="%s" level="team" version="1"><name>t0815 caf\351 %s</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" "$TAG" > "$W/latin1.xml"
load "$W/latin1.xml"
check "load: a file in ISO-8859-1, as declared ($(tail -1 "$W/out"))" grep -qx '1 records written' "$W/out"
# Bytes read one a character cannot be UTF-16, whatever the declaration says.
printf '<?xml version="1.0" encoding="UTF-16"?>\n%s\n  <unit id="93114" parent="%s" level="team" version="1"><name>t0815 自称 %s</name></unit>\n</mubiao>\n' \
    "$HEAD" "$RD" "$TAG" > "$W/says16.xml"
load "$W/says16.xml"
check "load: UTF-8 declared as UTF-16 is read as UTF-8 ($(tail -1 "$W/out"))" grep -qx '1 records written' "$W/out"
get admin /unit/93111
expect_body_contains "t0815 十六位 $TAG" "the UTF-16 unit's name"
get admin /unit/93112
expect_body_contains "t0815 小端 $TAG" "the UTF-16LE unit's name"
get admin /unit/93113
expect_body_contains "t0815 café $TAG" "the ISO-8859-1 unit's name, é as é"
printf '<?xml version="1.0" encoding="X-T0815"?>\n%s</mubiao>\n' "$HEAD" > "$W/unknown.xml"
load "$W/unknown.xml"
check "load: an unknown encoding is named" grep -q 'X-T0815 is not known' "$W/out"
# One byte over the limit (64 MB), on standard input.
{ printf '%s' "$HEAD"; head -c 67108864 /dev/zero | tr '\0' ' '; } |
    "$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" load -f - > "$W/out" 2>&1
check "load: a file over 64 MB is too large ($(tail -1 "$W/out"))" \
    sh -c "grep -q 'too large' '$W/out' && ! grep -qi 'premature' '$W/out'"
