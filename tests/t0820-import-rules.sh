#!/bin/sh
# An import is held to the rules the forms keep (the store checks every
# record it is given, whatever the path): a unit under itself or under
# its own sub-unit, a KR target of 1e999, a 1,000-character title and a
# cycle name holding CR LF are refused with the line at fault, and
# nothing changes; re-parenting a unit under itself through the admin
# form is a 400 that keeps its lead; an awareness meeting of the company
# answers; what an import stored, a form saves again unchanged.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
RD=$(unit_id 研发部)
CO=$(curl -s --max-time 10 -u admin:admin "$MUBIAO_URL/" |
    grep -o 'href="/okr/unit/[0-9]*">星河科技 Xinghe Tech<' | head -1 |
    sed 's|.*/unit/\([0-9]*\)".*|\1|')
require "unit ids: company $CO, 研发部 $RD" test -n "$CO" -a -n "$RD"
# Ids of this run's records, clear of the demo's and of other runs'.
B=$(( 820000 + ($$ % 1000) * 10 ))
NS='xmlns="urn:mubiao:okr:1" version="1"'

imp() {	# FILE [curl args]: POSTs FILE as the web import's xml field
	_if=$1
	shift
	post admin /edit/admin/import "" --data-urlencode "xml@$_if" "$@"
}
doc() {	# FILE, then the records on stdin
	{ echo "<mubiao $NS>"; cat; echo "</mubiao>"; } > "$TMP/$1"
}

# ----------------------------------------------------- the unit tree
doc tree.xml <<EOF
<unit id="$B" parent="$RD" level="team" version="1"><name>t0820 上 $TAG</name></unit>
<unit id="$((B + 1))" parent="$B" level="team" version="1"><name>t0820 下 $TAG</name></unit>
EOF
imp "$TMP/tree.xml"
expect_status 200 "import of two units, one under the other: 200"
post admin "/edit/admin/unit/$B" "version=1&level=team&parent=$RD&lead=lina" \
    --data-urlencode "name=t0820 上 $TAG"
expect_status 303 "李娜 leads unit $B: 303"

doc self.xml <<EOF
<unit id="$((B + 2))" parent="$((B + 2))" level="team" version="1"><name>t0820 自环 $TAG</name></unit>
EOF
imp "$TMP/self.xml"
expect_status 400 "import of a unit under itself: 400"
expect_body_contains "line 2: &lt;unit id=\"$((B + 2))\"&gt; would sit under itself" \
    "import: the unit under itself is named with its line"
get admin "/unit/$((B + 2))"
expect_status 404 "the unit under itself was not stored"

doc loop.xml <<EOF
<unit id="$B" parent="$((B + 1))" level="team" version="3"><name>t0820 上 $TAG</name></unit>
EOF
imp "$TMP/loop.xml"
expect_status 400 "import moving a unit under its own sub-unit (in the store): 400"
expect_body_contains "would sit under itself" "import: the loop through the store is named"

get admin "/unit/$B"
expect_body_contains "<a href=\"/okr/unit/$RD\">" "unit $B still under 研发部"

# The admin form: under itself, under its sub-unit; refused, lead kept.
V=2
for lang in en zh-CN; do
	check "the $lang catalog says why a unit cannot go there" \
	    test -n "$(msg $lang err.field.parent-loop)"
done
for p in $B $((B + 1)); do
	for lang in en zh-CN; do
		post admin "/edit/admin/unit/$B" "version=$V&level=team&parent=$p&lead=lina" \
		    --data-urlencode "name=t0820 上改 $TAG" -H "Accept-Language: $lang"
		REQ="$REQ (parent $p, $lang)"
		expect_error 400 err.field.parent-loop "$lang"
		expect_body_contains "value=\"t0820 上改 $TAG\"" "$REQ: the typed name kept"
	done
done
get admin "/unit/$B"
expect_body_lacks "上改" "unit $B keeps its name"
expect_body_contains '<a href="/okr/person/lina">李娜</a>' "unit $B keeps its lead 李娜"
expect_body_contains "<a href=\"/okr/unit/$RD\">" "unit $B keeps its parent 研发部"

# Depth: the company, 研发部, unit B and B+1 are levels 1 to 4; a chain
# of 12 teams under B+1 reaches level 16, the most; a 13th is refused,
# and so is moving B (its sub-units with it) one level down.
{
	i=1
	while [ $i -le 12 ]; do
		echo "<unit id=\"$((B + 10 + i))\" parent=\"$((B + 9 + i))\" level=\"team\" version=\"1\"><name>t0820 层$i $TAG</name></unit>"
		i=$((i + 1))
	done
} | sed "s/parent=\"$((B + 10))\"/parent=\"$((B + 1))\"/" | doc deep.xml
imp "$TMP/deep.xml"
expect_status 200 "import of a chain of units down to level 16: 200"
doc deeper.xml <<EOF
<unit id="$((B + 23))" parent="$((B + 22))" level="team" version="1"><name>t0820 层13 $TAG</name></unit>
EOF
imp "$TMP/deeper.xml"
expect_status 400 "import of a unit at level 17: 400"
expect_body_contains "more than 16 levels deep" "import: the level-17 unit is named"
doc side.xml <<EOF
<unit id="$((B + 9))" parent="$RD" level="team" version="1"><name>t0820 旁 $TAG</name></unit>
EOF
imp "$TMP/side.xml"
expect_status 200 "import of a team beside unit $B: 200"
doc down.xml <<EOF
<unit id="$B" parent="$((B + 9))" level="team" version="3"><name>t0820 上 $TAG</name></unit>
EOF
imp "$TMP/down.xml"
expect_status 400 "import moving unit $B (its sub-units 16 levels deep) one level down: 400"
post admin "/edit/admin/unit/$B" "version=2&level=team&parent=$((B + 9))&lead=lina" \
    --data-urlencode "name=t0820 上 $TAG"
REQ="the admin form moving unit $B one level down"
expect_error 400 err.field.parent-loop

# An awareness meeting of the company walks every unit up to it: it
# answers (60 s: only a guard against a walk that never ends).
post admin /meet/new "unit=$CO&cycle=$CUR&kind=awareness&due=$(date -u +%F)" \
    --data-urlencode "title=t0820 认知会 $TAG"
AW=$(loc_meeting)
get admin "/meet/$AW" --max-time 60
expect_status 200 "the company's awareness meeting $AW answers"
expect_body_contains "t0820 下 $TAG" "its coverage lists the imported team"

# ------------------------------------------------ what a KR may hold
# In this run's own team: no other page's lists gain ownerless KRs.
OID=$(make_objective admin "$B" "t0820 目标 $TAG")
check "objective for the KRs ($OID)" test -n "$OID"
LONG=$(head -c 1000 /dev/zero | tr '\0' 'x')
doc inf.xml <<EOF
<kr id="$((B + 3))" objective="$OID" kind="numeric" direction="increase" start="0" target="1e999" version="1"><title>t0820 无穷 $TAG</title></kr>
EOF
imp "$TMP/inf.xml"
expect_status 400 "import of a KR with target 1e999: 400"
expect_body_contains "line 2: &lt;kr id=\"$((B + 3))\"&gt;: target is not allowed" \
    "import: the infinite target is named"
doc long.xml <<EOF
<kr id="$((B + 3))" objective="$OID" kind="numeric" direction="increase" start="0" target="10" version="1"><title>$LONG</title></kr>
EOF
imp "$TMP/long.xml"
expect_status 400 "import of a KR with a 1,000-character title: 400"
expect_body_contains "title is not allowed" "import: the long title is named"
get admin "/objective/$OID"
expect_body_lacks "t0820 无穷" "neither KR was stored"
get admin /xml
check "the export still validates" sh -c "xmllint --noout --relaxng '$TESTS_ROOT/xslt/mubiao.rng' '$TMP/body' 2>/dev/null"

# What the store takes, the KR form saves again unchanged: a title of
# 200 characters and the largest target.
T200=$(printf '目%.0s' $(seq 200))
doc max.xml <<EOF
<kr id="$((B + 4))" objective="$OID" kind="numeric" direction="increase" start="0" target="1000000000000" current="5" weight="100" version="1"><title>$T200</title></kr>
EOF
imp "$TMP/max.xml"
expect_status 200 "import of a KR at the limits (200 characters, target 1e12): 200"
post admin "/edit/kr/$((B + 4))" "version=1&kind=numeric&direction=increase&start=0&target=1000000000000&current=5&weight=100&unit-label=&due=&owner=" \
    --data-urlencode "title=$T200"
expect_status 303 "the KR form saves the imported KR unchanged: 303"

# ---------------------------------------------------- cycle names
doc crlf.xml <<EOF
<cycle id="$((B + 5))" start="2031-01-01" end="2031-03-31" state="planning" version="1"><name>t0820&#13;&#10;Set-Cookie: x=1</name></cycle>
EOF
imp "$TMP/crlf.xml"
expect_status 400 "import of a cycle name holding CR LF: 400"
expect_body_contains "line 2" "import: the cycle name's line is named"
get admin /edit/admin/cycles
expect_body_lacks "Set-Cookie: x=1" "no such cycle stored"

# The operator's command holds a document to the same rules.
ADMIN="$MUBIAO_DIR/app/bin/mubiao-admin"
if [ "$(id -u)" = 0 ] && [ -x "$ADMIN" ]; then
	"$ADMIN" -c "$MUBIAO_DIR/mubiao.conf" load -f "$TMP/self.xml" > "$TMP/load.out" 2>&1 < /dev/null
	check "mubiao-admin load of a unit under itself fails" test $? -ne 0
	check "mubiao-admin load says why" grep -q 'would sit under itself' "$TMP/load.out"
fi
get admin "/unit/$((B + 2))"
expect_status 404 "still no unit under itself"
