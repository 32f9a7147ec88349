#!/bin/sh
# XML feeds, Atom, CSV, import, and the admin command's dump and load,
# through nginx and against the stack's store:
# - every export (company, cycle, unit with and without the units below,
#   person, objective, meeting) validates against xslt/mubiao.rng;
# - since= returns what changed after it, with tombstones for archivals;
# - ETag / Last-Modified and their 304s;
# - the Atom feeds read by Debian's python3-feedparser, the CSV by
#   Python's csv module, Chinese text intact, with a byte-order mark;
# - import: refused documents (not XML, schema violations, XXE, billion
#   laughs, a missing reference, too large, not an admin) change nothing;
#   a valid one is applied, and applying it again writes nothing;
# - round trip: dump, load into an empty store, dump again: the same.
# - links to the feeds on the pages they belong to.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RNG="$TESTS_ROOT/xslt/mubiao.rng"
PY=/usr/bin/python3
ADMIN="$MUBIAO_DIR/app/bin/mubiao-admin"
RD=$(unit_id 研发部)
check "研发部's id ($RD)" test -n "$RD"

# Validates the last body against the schema.
expect_valid() {	# DESC
	if xmllint --noout --relaxng "$RNG" "$TMP/body" > "$TMP/xmllint" 2>&1; then
		ok "$1"
	else
		fail "$1"
		note "$(head -c 400 "$TMP/xmllint")"
	fi
}

# Records of element NAME in the last body.
count_el() {	# NAME
	grep -c "^ *<$1[ >]" "$TMP/body"
}

# ------------------------------------------------------------- exports
# An objective of the current cycle (the home page lists them).
get admin /
OBJ=$(flat | grep -o '<article class="objective level-company" id="o-[0-9]*"' | head -1 | sed 's/.*o-//; s/"//')
check "a company objective of $CUR ($OBJ)" test -n "$OBJ"
# A closed meeting, so that a meeting export holds a frozen board.
post zhangwei /meet/new "unit=$RD&cycle=$CUR&kind=review&due=$(date -u +%F)" --data-urlencode "title=t0800 复盘 $TAG"
M=$(loc_meeting)
post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")"
post zhangwei "/meet/$M/close" "version=$(mversion zhangwei "$M")"
expect_status 303 "a review meeting $M of 研发部 opened and closed: 303"

for p in /xml "/xml/cycle?cycle=$CUR" "/xml/cycle?cycle=$PREV" "/xml/unit/$RD" "/xml/unit/$RD?sub=1" \
    /xml/person/zhangwei "/xml/objective/$OBJ" "/xml/meeting/$M"; do
	get wangfang "$p"
	expect_status 200
	expect_header Content-Type 'application/xml; charset=utf-8'
	expect_valid "$p validates against mubiao.rng"
done
get wangfang "/xml/meeting/$M"
check "the meeting export holds the meeting and its frozen board" \
    test "$(count_el meeting)" -eq 1 -a "$(count_el snapshot)" -eq 1
get wangfang "/xml/unit/$RD"
U1=$(count_el objective)
get wangfang "/xml/unit/$RD?sub=1"
check "研发部 with its teams has more objectives ($(count_el objective)) than alone ($U1)" \
    test "$(count_el objective)" -gt "$U1"
get wangfang /xml
expect_body_contains '<mubiao xmlns="urn:mubiao:okr:1" version="1" scope="all">' "the root: namespace, version, scope"
expect_body_contains '<name>研发部</name>' "Chinese text as UTF-8 text"
for p in /xml/unit/999999 /xml/person/nobody /xml/objective/999999 /xml/meeting/999999; do
	get wangfang "$p"
	expect_status 404
done
get wangfang "/xml?since=yesterday"
expect_status 400 "since=yesterday: 400"
get wangfang "/xml?since=2026-13-45T25:61:00Z"
expect_status 400 "since= with month 13: 400"
get wangfang "/xml/unit/$RD?sub=2"
expect_status 400 "sub=2: 400"

# ------------------------------------------------ conditional requests
get wangfang "/xml/objective/$OBJ"
ET=$(header ETag)
LM=$(header Last-Modified)
check "an ETag ($ET) and a Last-Modified ($LM)" test -n "$ET" -a -n "$LM"
get wangfang "/xml/objective/$OBJ" -H "If-None-Match: $ET"
expect_status 304 "If-None-Match with the ETag: 304"
check "the 304 has no body" test ! -s "$TMP/body"
sleep 1
get wangfang "/xml/objective/$OBJ" -H "If-Modified-Since: $LM"
expect_status 304 "If-Modified-Since the Last-Modified, a second later: 304"
get wangfang "/xml/objective/$OBJ" -H 'If-None-Match: "x0000000000000000"'
expect_status 200 "another ETag: 200"

# --------------------------------------------------------- incremental
sleep 1
T0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 1
get lina "/objective/$OBJ"
KR=$(flat | grep -o '<tbody class="kr" id="kr-[0-9]*"' | head -1 | sed 's/[^0-9]//g')
post admin "/edit/checkin/$OBJ" "kr=$KR&value=42&confidence=0.5&note=t0800-$TAG&back=/okr/objective/$OBJ"
expect_status 303 "a check-in on KR $KR after $T0: 303"
get wangfang "/xml/objective/$OBJ" -H "If-None-Match: $ET"
expect_status 200 "after the check-in the old ETag no longer matches: 200"
get wangfang "/xml/objective/$OBJ" -H "If-Modified-Since: $LM"
expect_status 200 "nor the old Last-Modified: 200"
OA=$(make_objective admin "$RD" "t0800 将归档 $TAG")
get admin "/edit/objective/$OA"
post admin "/edit/objective/$OA/archive" "confirm=1&version=$(input_value version)&back=/okr/objective/$OA"
expect_status 303 "objective $OA created and archived after $T0: 303"
get wangfang "/xml?since=$T0"
expect_status 200
expect_valid "/xml?since=$T0 validates"
expect_body_contains "since=\"$T0\"" "the root says since when"
expect_body_contains "<note>t0800-$TAG</note>" "since=: the new check-in is there"
expect_body_contains "<kr id=\"$KR\" " "since=: the KR it moved is there"
expect_body_contains "<tombstone of=\"objective\" id=\"$OA\" reason=\"archived\"" "since=: the archived objective is a tombstone"
check "since=: nothing else (no unit, no cycle, no other objective)" \
    test "$(count_el unit)" -eq 0 -a "$(count_el cycle)" -eq 0 -a "$(count_el objective)" -eq 0
check "since=: one check-in" test "$(count_el checkin)" -eq 1
get wangfang "/xml?since=2999-01-01T00:00:00Z"
check "since= in the future: no records" test "$(grep -c '^  <' "$TMP/body")" -eq 0

# ---------------------------------------------------------------- Atom
for p in "/atom/unit/$RD" /atom/person/zhangwei; do
	get wangfang "$p"
	expect_status 200
	expect_header Content-Type 'application/atom+xml; charset=utf-8'
	cp "$TMP/body" "$TMP/feed.xml"
	if $PY - "$TMP/feed.xml" > "$TMP/fp" 2>&1 <<'EOF'
import sys, feedparser
d = feedparser.parse(open(sys.argv[1], 'rb').read())
assert not d.bozo, d.get('bozo_exception')
assert d.version == 'atom10', d.version
assert d.feed.title and d.feed.id and d.feed.updated
assert len(d.entries) > 0
for e in d.entries:
    assert e.title and e.id and e.updated and e.link.startswith('http://'), e
print(len(d.entries), d.feed.title, '|', d.entries[0].title)
EOF
	then
		ok "$p: a valid Atom 1.0 feed to feedparser ($(cat "$TMP/fp"))"
	else
		fail "$p: a valid Atom 1.0 feed to feedparser"
		note "$(tail -c 300 "$TMP/fp")"
	fi
done
get wangfang "/atom/unit/$RD"
expect_body_contains "t0800 将归档 $TAG" "the unit's feed has the change of the objective archived in it"
get wangfang "/atom/unit/$RD" -H 'Accept-Language: zh-CN'
expect_body_contains "<title>$(msg zh-CN feed.title) · 研发部</title>" "the feed's title in zh-CN"
get wangfang /atom/unit/999999
expect_status 404

# ----------------------------------------------------------------- CSV
get wangfang "/csv/cycle?cycle=$CUR"
expect_status 200
expect_header Content-Type 'text/csv; charset=utf-8'
check "CSV: offered as a file (Content-Disposition: attachment)" \
    test -n "$(header Content-Disposition | grep "attachment; filename=\"mubiao-$CUR.csv\"")"
check "CSV: starts with a UTF-8 byte-order mark" test "$(head -c 3 "$TMP/body" | od -An -tx1 | tr -d ' ')" = efbbbf
get wangfang "/xml/cycle?cycle=$CUR"
NKR=$(count_el kr)
get wangfang "/csv/cycle?cycle=$CUR"
if $PY - "$TMP/body" "$NKR" > "$TMP/csvout" 2>&1 <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
head, body = rows[0], rows[1:]
assert head[:5] == ['cycle', 'unit', 'level', 'objective_id', 'objective'], head
assert len(body) == int(sys.argv[2]), (len(body), sys.argv[2])
assert all(len(r) == len(head) for r in body)
assert any('研发部' == r[1] for r in body), 'no 研发部 row'
assert any(any('\u4e00' <= ch <= '\u9fff' for ch in r[8]) for r in body), 'no Chinese KR'
scores = [float(r[head.index('score')]) for r in body]
assert all(0 <= s <= 1 for s in scores)
print(len(body), 'rows')
EOF
then
	ok "CSV: read by Python's csv module, one row per KR ($NKR), Chinese intact ($(cat "$TMP/csvout"))"
else
	fail "CSV: read by Python's csv module"
	note "$(tail -c 300 "$TMP/csvout")"
fi

# -------------------------------------------------------------- import
get admin /xml
BEFORE=$(header ETag)
imp() {	# USER FILE [curl args]: POSTs FILE as the import's xml field
	_iu=$1 _if=$2
	shift 2
	post "$_iu" /edit/admin/import "" --data-urlencode "xml@$_if" "$@"
}
printf '<mubiao xmlns="urn:mubiao:okr:1" version="1"><unit id="1"' > "$TMP/bad1.xml"
imp admin "$TMP/bad1.xml"
expect_status 400 "import: not well-formed: 400"
expect_body_contains "line 1" "import: the error names its line"
cat > "$TMP/bad2.xml" <<EOF
<mubiao xmlns="urn:mubiao:okr:1" version="1">
  <unit id="90001" level="department" version="1"><name>t0800</name></unit>
  <kr id="90002" objective="1" kind="nonsense" version="1"/>
</mubiao>
EOF
imp admin "$TMP/bad2.xml"
expect_status 400 "import: kr kind='nonsense' (schema): 400"
expect_body_contains "line 3" "import: the schema error names line 3"
cat > "$TMP/xxe.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE mubiao [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<mubiao xmlns="urn:mubiao:okr:1" version="1"><unit id="90001" level="team" version="1"><name>&x;</name></unit></mubiao>
EOF
imp admin "$TMP/xxe.xml"
expect_status 400 "import: an external entity (XXE): 400"
expect_body_lacks "root:x:0" "import: no file content leaks"
expect_body_contains "DOCTYPE" "import: says a DTD is not accepted"
{
	echo '<?xml version="1.0"?><!DOCTYPE lolz ['
	echo '<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
	i=2; while [ $i -le 9 ]; do
		echo "<!ENTITY lol$i \"&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));&lol$((i - 1));\">"
		i=$((i + 1))
	done
	echo ']><mubiao xmlns="urn:mubiao:okr:1" version="1"><unit id="90001" level="team" version="1"><name>&lol9;</name></unit></mubiao>'
} > "$TMP/lol.xml"
S0=$(date +%s)
imp admin "$TMP/lol.xml"
expect_status 400 "import: a billion laughs: 400"
check "import: the billion laughs refused within 2 s" test $(( $(date +%s) - S0 )) -le 2
cat > "$TMP/ref.xml" <<EOF
<mubiao xmlns="urn:mubiao:okr:1" version="1">
  <person id="90003" unit="987654" role="member" version="1"><login>t0800ref</login><name>x</name></person>
</mubiao>
EOF
imp admin "$TMP/ref.xml"
expect_status 400 "import: a person in a unit that does not exist: 400"
expect_body_contains "line 2" "import: the missing reference names its line"
# A login the people form would refuse: person links carry logins as
# they are, so the schema holds imports to the same characters.
cat > "$TMP/login.xml" <<EOF
<mubiao xmlns="urn:mubiao:okr:1" version="1">
  <person id="90004" unit="$RD" role="member" version="1"><login>t0800/a?b</login><name>x</name></person>
</mubiao>
EOF
imp admin "$TMP/login.xml"
expect_status 400 "import: a login with / and ? in it: 400"
expect_body_contains "line 2" "import: the bad login's line is named"
head -c 300000 /dev/zero | tr '\0' 'a' > "$TMP/big.xml"
imp admin "$TMP/big.xml"
expect_status 413 "import: a 300 KB body: 413"
cat > "$TMP/good.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<mubiao xmlns="urn:mubiao:okr:1" version="1">
  <unit id="90010" parent="$RD" level="team" version="1"><name>t0800 导入组 $TAG</name></unit>
  <person id="90011" unit="90010" role="member" version="1"><login>t0800imp$$</login><name>导入 $TAG</name></person>
</mubiao>
EOF
imp wangfang "$TMP/good.xml"
expect_status 403 "import as 王芳 (not an admin): 403"
get admin /xml
check "nothing written by the refused imports (same ETag)" test "$(header ETag)" = "$BEFORE"
imp admin "$TMP/good.xml"
expect_status 200 "import of a new unit and person: 200"
expect_flat "<strong class=\"written\">2</strong>" "import: 2 records written"
imp admin "$TMP/good.xml"
expect_status 200 "the same import again: 200"
expect_flat "<strong class=\"written\">0</strong>" "import again: nothing written"
get admin /unit/90010
expect_status 200 "the imported unit has its page"
expect_body_contains "t0800 导入组 $TAG" "the imported unit's name"
get admin "/person/t0800imp$$"
expect_status 200 "the imported person has a page"
expect_body_contains "导入 $TAG" "the imported person's name"
# A tombstone (as in a since= export) applied by an import.
OT=$(make_objective admin "$RD" "t0800 墓碑 $TAG")
cat > "$TMP/tomb.xml" <<EOF
<mubiao xmlns="urn:mubiao:okr:1" version="1" scope="all" since="2026-01-01T00:00:00Z">
  <tombstone of="objective" id="$OT" reason="archived" at="2026-01-02T00:00:00Z"/>
</mubiao>
EOF
imp admin "$TMP/tomb.xml"
expect_flat "<strong class=\"written\">1</strong>" "a tombstone imported: 1 record written"
get admin "/objective/$OT"
expect_body_contains '<span class="badge ostate-archived">' "the objective named by the tombstone is archived"
get admin /edit/admin/import
expect_body_contains 'action="/okr/edit/admin/import"' "the import page has its form"

# ------------------------------------------------- admin command: dump/load
if [ "$(id -u)" = 0 ] && [ -x "$ADMIN" ]; then
	W="$MUBIAO_WORK/t0800-rt"
	rm -rf "$W"
	mkdir -p "$W/db"
	chown www-data "$W/db" 2>/dev/null || chown "$(sed -n 's/^user *= *//p' "$MUBIAO_DIR/mubiao.conf")" "$W/db"
	chmod 755 "$W"
	sed "s|^store-dir *=.*|store-dir = $W/db|" "$MUBIAO_DIR/mubiao.conf" > "$W/mubiao.conf"
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" dump > "$W/a.xml" 2> "$W/err"
	check "mubiao-admin dump of the live store" test -s "$W/a.xml"
	check "the dump validates" sh -c "xmllint --noout --relaxng '$RNG' '$W/a.xml' 2>/dev/null"
	"$ADMIN" -c "$W/mubiao.conf" load "$W/a.xml" > "$W/load.out" 2>&1 < /dev/null
	check "mubiao-admin load into an empty store ($(cat "$W/load.out" | tail -1))" grep -q 'records written' "$W/load.out"
	"$ADMIN" -c "$W/mubiao.conf" dump > "$W/b.xml"
	if cmp -s "$W/a.xml" "$W/b.xml"; then
		ok "round trip: dump, load into an empty store, dump: the same document ($(wc -c < "$W/a.xml") bytes)"
	else
		fail "round trip: dump, load, dump: the same document"
		note "$(diff "$W/a.xml" "$W/b.xml" | head -5 | tr '\n' ' ')"
	fi
	"$ADMIN" -c "$W/mubiao.conf" load "$W/a.xml" > "$W/load2.out" 2>&1 < /dev/null
	check "load into a non-empty store without -f (not a terminal): refused" \
	    sh -c "! grep -q 'records written' '$W/load2.out' && grep -q -- '-f' '$W/load2.out'"
	"$ADMIN" -c "$W/mubiao.conf" load -f "$W/a.xml" > "$W/load3.out" 2>&1 < /dev/null
	check "load -f of the same dump again: 0 records written" grep -qx '0 records written' "$W/load3.out"
	printf '<mubiao xmlns="urn:mubiao:okr:1" version="1"><oops/></mubiao>' > "$W/bad.xml"
	"$ADMIN" -c "$W/mubiao.conf" load -f "$W/bad.xml" > "$W/bad.out" 2>&1 < /dev/null
	check "load of an invalid document: refused with its line" grep -q 'line 1' "$W/bad.out"
	"$ADMIN" > "$W/usage" 2>&1
	check "mubiao-admin without a command prints its usage" grep -q '^usage: mubiao-admin' "$W/usage"
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" stats > "$W/stats"
	check "mubiao-admin stats counts key results ($(grep key-results "$W/stats"))" grep -q '^key-results *[1-9]' "$W/stats"
	mkdir -p "$W/backup"
	chown www-data "$W/backup" 2>/dev/null || true
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" backup "$W/backup" > "$W/backup.out" 2>&1 < /dev/null
	check "mubiao-admin backup of the running store" grep -q 'backed up' "$W/backup.out"
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" verify "$W/backup" > "$W/verify.out" 2>&1
	check "mubiao-admin verify of the backup: clean ($(tail -1 "$W/verify.out"))" grep -q ' 0 damaged' "$W/verify.out"
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" backup "$W/backup" > "$W/backup2.out" 2>&1 < /dev/null
	check "backup into a non-empty directory without -f: refused" grep -q -- '-f' "$W/backup2.out"
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" checkpoint
	check "mubiao-admin checkpoint" test $? -eq 0
else
	note "not root: the admin command's part is skipped"
fi

# ------------------------------------------------------ links on pages
get wangfang "/unit/$RD"
expect_flat "<a class=\"feed-xml\" type=\"application/xml\" href=\"/okr/xml/unit/$RD?sub=1\">" "unit page: link to its XML"
expect_flat "<a class=\"feed-atom\" type=\"application/atom+xml\" href=\"/okr/atom/unit/$RD\">" "unit page: link to its Atom feed"
expect_flat "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/okr/atom/unit/$RD\"" "unit page: the feed announced in <head>"
get wangfang /person/zhangwei
expect_flat 'href="/okr/atom/person/zhangwei"' "person page: link to the Atom feed"
expect_flat 'href="/okr/xml/person/zhangwei"' "person page: link to the XML"
get wangfang "/objective/$OBJ"
expect_flat "href=\"/okr/xml/objective/$OBJ\"" "objective page: link to its XML"
get wangfang "/meet/$M"
expect_flat "href=\"/okr/xml/meeting/$M\"" "meeting page: link to its XML"
get wangfang /
expect_flat "href=\"/okr/csv/cycle?cycle=$CUR\"" "home page: link to the cycle's CSV"
expect_flat "href=\"/okr/xml/cycle?cycle=$CUR\"" "home page: link to the cycle's XML"
get wangfang /xml -H 'Accept-Encoding: gzip'
expect_header Content-Encoding gzip
check "the gzipped export unpacks to a valid document" \
    sh -c "gzip -dc '$TMP/body' | xmllint --noout --relaxng '$RNG' - 2>/dev/null"
