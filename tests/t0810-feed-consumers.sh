#!/bin/sh
# What the programs that read the feeds get (spreadsheets, feed readers,
# mirrors), through nginx:
# - CSV: a typed text a spreadsheet would run as a formula (= + - @) is
#   written as text, a quote before it; a negative number stays a number;
#   a graded KR's score is its grade;
# - Atom: ids do not change with the Host header while links follow it;
#   authors from outside the feed's unit have their names; an entry of
#   unknown time has a valid <updated>;
# - since= with a scope: a unit moved under the scoped unit, an objective
#   given to the scoped person, come with their KRs, check-ins and
#   history: a mirror kept with deltas equals a fresh export.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
RD=$(unit_id 研发部)
get admin "/xml/cycle?cycle=$CUR"
CID=$(grep -o '<cycle id="[0-9]*"' "$TMP/body" | head -1 | sed 's/[^0-9]//g')
CO=$(grep -o '<unit id="[0-9]*" level="company"' "$TMP/body" | head -1 | sed 's/<unit id="\([0-9]*\)".*/\1/')
check "研发部 ($RD), the cycle $CUR ($CID), the company ($CO)" test -n "$RD" -a -n "$CID" -a -n "$CO"

# Team 91000 (under 研发部) holds the CSV's and the Atom feed's records;
# team 91020 starts under the company, outside 研发部's tree.
cat > "$TMP/setup.xml" <<EOF
<mubiao xmlns="urn:mubiao:okr:1" version="1">
  <unit id="91000" parent="$RD" level="team" version="1"><name>t0810 组</name></unit>
  <unit id="91020" parent="$CO" level="team" version="1"><name>t0810 迁组</name></unit>
  <person id="91024" unit="91020" role="member" version="1"><login>t0810a</login><name>t0810 甲</name></person>
  <person id="91025" unit="91020" role="member" version="1"><login>t0810b</login><name>t0810 乙</name></person>
  <objective id="91001" cycle="$CID" unit="91000" level="team" version="1"><title>=HYPERLINK("http://evil.example/","x")</title></objective>
  <kr id="91002" objective="91001" start="-5" target="5" current="0" grade="0.7" version="1"><title>+SUM(1,2)</title><unit-label>@x</unit-label></kr>
  <kr id="91003" objective="91001" direction="decrease" start="10" target="-10" current="-3" version="1"><title>-lose weight</title></kr>
  <checkin id="91004" kr="91002" value="0" confidence="0.5"><note>t0810 无时间</note></checkin>
  <objective id="91021" cycle="$CID" unit="91020" owner="91024" level="team" version="1"><title>t0810 迁移目标</title></objective>
  <kr id="91022" objective="91021" owner="91024" start="0" target="10" current="4" version="1"><title>t0810 迁移 KR</title></kr>
  <checkin id="91023" kr="91022" author="91024" at="2026-01-02T00:00:00Z" value="4" confidence="0.6"/>
  <change id="91026" objective="91021" record="79" record-id="91021" by="91024" at="2026-01-02T00:00:00Z"><field>created</field><new-value>t0810 迁移目标</new-value></change>
</mubiao>
EOF
post admin /edit/admin/import "" --data-urlencode "xml@$TMP/setup.xml"
expect_status 200 "the records of the test imported: 200"
post admin /edit/checkin/91001 "kr=91003&value=-4&confidence=0.5&note=t0810&back=/okr/objective/91001"
expect_status 303 "admin (of the company, not of the team) checks in on KR 91003: 303"

# Runs the Python program on stdin with ARGS; each line it prints,
# "ok DESC" or "fail DESC", is one assertion; a crash is one failure.
py_checks() {	# WHAT ARGS...
	_w=$1
	shift
	if $PY - "$@" > "$TMP/py" 2>&1; then
		while IFS= read -r _l; do
			case $_l in
			"ok "*) ok "$_w: ${_l#ok }" ;;
			"fail "*) fail "$_w: ${_l#fail }" ;;
			*) note "$_l" ;;
			esac
		done < "$TMP/py"
	else
		fail "$_w: read by Python"
		note "$(tail -c 400 "$TMP/py")"
	fi
}

# ----------------------------------------------------------------- CSV
get wangfang "/csv/cycle?cycle=$CUR"
expect_status 200
cp "$TMP/body" "$TMP/kr.csv"
py_checks CSV "$TMP/kr.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
head = rows[0]
row = {r[head.index('kr_id')]: dict(zip(head, r)) for r in rows[1:]}
a, b = row['91002'], row['91003']
def check(desc, cond, got):
    print('ok' if cond else 'fail', desc if cond else '%s (got %r)' % (desc, got))
got = (a['objective'], a['key_result'], a['unit_label'], b['key_result'])
check("texts that begin with = + @ - are written as text, a quote before them",
      got == ('\'=HYPERLINK("http://evil.example/","x")', "'+SUM(1,2)", "'@x", "'-lose weight"), got)
bad = [(k, c, r[c]) for k, r in row.items() for c in head
       if r[c][:1] in ('=', '+', '@', '\t', '\r') or (r[c][:1] == '-' and not r[c][1:].replace('.', '').isdigit())]
check("no cell of the sheet begins a formula", not bad, bad[:3])
got = (a['start'], b['target'], b['current'], a['unit'])
check("negative numbers stay numbers (-5, -10, -4), plain text stays as typed",
      got == ('-5', '-10', '-4', 't0810 组'), got)
got = (a['grade'], a['score'])
check("a graded KR's score is its grade (0.7: 0.70)", got == ('0.7', '0.70'), got)
EOF
check "CSV: a formula cell is quoted (\"'+SUM(1,2)\")" grep -q -F "\"'+SUM(1,2)\"" "$TMP/kr.csv"

# ---------------------------------------------------------------- Atom
get wangfang /atom/unit/91000 -H 'Host: a.example'
cp "$TMP/body" "$TMP/a.xml"
get wangfang /atom/unit/91000 -H 'Host: b.example:8080'
cp "$TMP/body" "$TMP/b.xml"
check "Atom: the links follow the request's host" \
    sh -c "grep -q 'href=\"http://a.example[:/0-9]*okr/objective/91001\"' '$TMP/a.xml' && grep -q 'href=\"http://b.example[:/0-9]*okr/objective/91001\"' '$TMP/b.xml'"
get admin /xml/person/admin
ADMIN_NAME=$(sed -n 's|.*<name>\(.*\)</name>.*|\1|p' "$TMP/body" | head -1)
py_checks Atom "$TMP/a.xml" "$TMP/b.xml" "$ADMIN_NAME" <<'EOF'
import sys, feedparser
a, b = (feedparser.parse(open(f, 'rb').read()) for f in sys.argv[1:3])
def check(desc, cond, got):
    print('ok' if cond else 'fail', desc if cond else '%s (got %r)' % (desc, got))
check("both feeds valid to feedparser, with entries",
      not a.bozo and not b.bozo and len(a.entries) >= 3, (a.get('bozo_exception'), len(a.entries)))
ids = lambda d: [d.feed.id] + [e.id for e in d.entries]
check("feed and entry ids the same under Host a.example and b.example:8080, naming neither",
      ids(a) == ids(b) and not any('example' in i for i in ids(a)), (ids(a)[:2], ids(b)[:2]))
names = set(e.get('author', '') for e in a.entries)
check("authors by name, %s (of the company) included, none '#id'" % sys.argv[3],
      sys.argv[3] in names and not any(n.startswith('#') for n in names), names)
t = [e.get('updated', '') for e in a.entries if 't0810 无时间' in e.get('summary', '')]
check("every entry has a valid <updated>; the check-in of unknown time 1970-01-01T00:00:00Z",
      all(e.get('updated_parsed') for e in a.entries) and t == ['1970-01-01T00:00:00Z'], t)
EOF

# ------------------------------------------------------ since= mirrors
# The records of an export, upserted by (element, id); a tombstone
# removes its record.  Prints how they differ from a fresh export's.
cat > "$TMP/mirror.py" <<'EOF'
import sys, xml.etree.ElementTree as ET
NS = '{urn:mubiao:okr:1}'
def recs(path, into=None):
    into = {} if into is None else into
    for e in ET.parse(path).getroot():
        tag = e.tag.replace(NS, '')
        if tag == 'tombstone':
            into.pop((e.get('of'), e.get('id')), None)
        else:
            e.tail = None
            into[(tag, e.get('id'))] = ET.tostring(e)
    return into
mirror = recs(sys.argv[2], recs(sys.argv[1]))
fresh = recs(sys.argv[3])
missing = sorted(k for k in fresh if mirror.get(k) != fresh[k])
extra = sorted(k for k in mirror if k not in fresh)
print(len(fresh), 'records; differ:', missing, extra)
sys.exit(1 if missing or extra else 0)
EOF
mirror_check() {	# PATH NAME DESC: mirror NAME (PATH at T0) + PATH?since=T0 = PATH now
	_sep='?'
	case $1 in *\?*) _sep='&' ;; esac
	get wangfang "$1${_sep}since=$T0"
	cp "$TMP/body" "$TMP/d-$2.xml"
	get wangfang "$1"
	cp "$TMP/body" "$TMP/f-$2.xml"
	if $PY "$TMP/mirror.py" "$TMP/m-$2.xml" "$TMP/d-$2.xml" "$TMP/f-$2.xml" > "$TMP/mout" 2>&1; then
		ok "since=: $3 ($(cat "$TMP/mout"))"
	else
		fail "since=: $3"
		note "$(tail -c 400 "$TMP/mout")"
	fi
}
sleep 1
T0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
get wangfang "/xml/unit/$RD?sub=1"
cp "$TMP/body" "$TMP/m-tree.xml"
get wangfang /xml/person/t0810b
cp "$TMP/body" "$TMP/m-person.xml"
sleep 1
post admin /edit/admin/unit/91020 "version=1&level=team&parent=$RD&lead=" --data-urlencode "name=t0810 迁组"
expect_status 303 "team 91020 moved under 研发部 after $T0: 303"
post admin /edit/objective/91021 "version=1&owner=t0810b&back=/okr/objective/91021" --data-urlencode "title=t0810 迁移目标"
expect_status 303 "objective 91021 given to t0810b after $T0: 303"
mirror_check "/xml/unit/$RD?sub=1" tree "研发部's tree at $T0 plus its delta equals its fresh export (team moved in with its objective, KR, check-in, history)"
mirror_check /xml/person/t0810b person "t0810b's export at $T0 plus its delta equals the fresh one (the objective given to them with its KR, check-in, history)"
