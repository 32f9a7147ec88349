#!/bin/sh
# The first day of a real install, on a stack of its own:
# - order of first steps: `mubiao-admin init` before the supervisor's first
#   start, on the store folder an install step made root's, works and
#   gives the folder to the store's user; a root folder with files in it is
#   refused with the chown that fixes it, never "needs recovery";
# - `init` makes the company, the first admin (its lead) and the current
#   quarter, active; signed in through the web server, the admin pages
#   answer 200 (a login the store does not know gets 403); a second init
#   is refused without -f, and bad arguments are refused, writing nothing;
# - `people-load` reads a CSV (RFC 4180 quoting, a header line, stdin),
#   creates the units of the paths with their levels, makes leads, updates
#   known logins rather than duplicating them; --dry-run counts and writes
#   nothing; every wrong line is named with its number and nothing is
#   written.
# Needs root (the folders of another user).
. "$(dirname "$0")/lib.sh"

ADMIN="$TESTS_ROOT/$MUBIAO_BUILD/mubiao-admin"
if [ "$(id -u)" != 0 ] || [ ! -x "$ADMIN" ]; then
	note "not root: the first admin test is skipped"
	exit 0
fi
W="$MUBIAO_WORK/${MUBIAO_SERVER:-nginx}-t0955"
S="$W/stack"
rm -rf "$W"
mkdir -p "$W"
chmod 755 "$W"
at_exit 'stack_stop "$S"'
conf() {	# STORE-DIR: a config naming it, as the stack's names its own
	printf 'store-dir = %s\nsocket-dir = %s/sock\nuser = www-data\n' "$1" "$S" > "$W/conf"
	echo "$W/conf"
}

# ---------------------------------------------------- order of first steps
mkdir -p "$W/full"
touch "$W/full/left-over"
"$ADMIN" -c "$(conf "$W/full")" init --company 星河科技 --admin chen.boss > "$W/out" 2> "$W/err"
check "init on a root folder holding files fails (exit $?)" test $? -eq 1
check "and says which chown fixes it" grep -q "chown -R www-data: $W/full" "$W/err"
check "not that the store needs recovery" sh -c "! grep -qi recover '$W/err'"
check "and writes nothing there" test "$(ls -A "$W/full")" = left-over
# The store folder as a package or `install -d` leaves it: root's, empty.
mkdir -p "$S/db"
"$ADMIN" -c "$(conf "$S/db")" init --company 星河科技 --admin chen.boss \
    --name 陈总 > "$W/out" 2> "$W/err"
check "init before the supervisor's first start succeeds ($(cat "$W/err" "$W/out" | tail -1))" \
    grep -q "^company 星河科技, admin chen.boss, cycle $CUR " "$W/out"
check "the store folder is now www-data's, mode 0700 ($(stat -c '%U %a' "$S/db"))" \
    test "$(stat -c '%U %a' "$S/db")" = "www-data 700"
mkdir -p "$W/new"
"$ADMIN" -c "$(conf "$W/new/db")" init --company X --admin x > /dev/null 2>&1
check "init makes a missing store folder, www-data's ($(stat -c '%U %a' "$W/new/db" 2>&1))" \
    test "$(stat -c '%U %a' "$W/new/db")" = "www-data 700"

# ------------------------------------------------------- the first admin
if ! MUBIAO_DEMO=0 stack_start "$S"; then
	fail "a stack on the store init made starts"
	exit 1
fi
ok "a stack on the store init made starts (port $STACK_PORT)"
MUBIAO_URL=http://127.0.0.1:$STACK_PORT/okr
adm() { "$S/app/bin/mubiao-admin" -c "$S/mubiao.conf" "$@"; }
# The web server's own sign-in, as the admin sets it up for the new login.
for l in chen.boss li.si; do
	echo "$l:$(openssl passwd -apr1 "$l")" >> "$S/htpasswd"
done
adm dump > "$W/dump.xml"
check "the store holds the company, with chen.boss its lead" \
    grep -q '<unit id="1" level="company" lead="1"' "$W/dump.xml"
check "chen.boss, 陈总, is an admin" sh -c "tr -d '\n ' < '$W/dump.xml' |
    grep -q '<personid=\"1\"unit=\"1\"role=\"admin\"version=\"1\"><login>chen.boss</login><name>陈总</name>'"
check "cycle $CUR, active" sh -c "tr -d '\n' < '$W/dump.xml' |
    grep -q 'state=\"active\"[^>]*> *<name>$CUR</name>'"
for p in /edit/admin/units /edit/admin/people /edit/admin/cycles /edit/admin/import; do
	get chen.boss "$p"
	expect_status 200 "$p as the first admin: 200"
done
get chen.boss /
expect_status 200 "the home page as the first admin: 200"
get zhangwei /edit/admin/people
expect_status 403 "a login the store does not know: 403"
adm stats > "$W/stats.before"
adm init --company 星河科技 --admin li.si > "$W/out" 2> "$W/err"
check "a second init fails (exit $?)" test $? -eq 1
check "and names the admin there is, and -f" grep -q 'has an admin already (chen.boss).*add -f' "$W/err"
for bad in "--company '' --admin li.si:--company" "--company 星河科技 --admin 'li si':--admin" \
    "--company 星河科技 --admin li.si --cycle 2027-Q5:--cycle" \
    "--company 'A/B' --admin li.si -f:--company" "--company 星河科技 --admin li.si --name '':--name"; do
	eval "adm init ${bad%:*}" > /dev/null 2> "$W/err"
	check "init ${bad%:*}: refused (exit $?) naming ${bad##*:}" test $? -eq 2 -a -n "$(grep -e "${bad##*:} " "$W/err")"
done
adm stats > "$W/stats"
check "the refused inits wrote nothing" cmp -s "$W/stats" "$W/stats.before"

# ---------------------------------------------------------- people-load
cat > "$W/people.csv" <<'CSV'
login,name,unit,lead
li.si,李四,星河科技/研发部,1
wang.wu,"王五, ""Jr.""",星河科技/研发部/平台组,yes
zhao.liu,赵六,星河科技/研发部/平台组,
sun.qi,孙七,星河科技/市场部,0
CSV
adm people-load --dry-run "$W/people.csv" > "$W/out" 2> "$W/err"
check "people-load --dry-run succeeds ($(cat "$W/out" "$W/err"))" \
    grep -q '^dry run: 4 people created, 0 updated, 0 unchanged; 3 units created; nothing written' "$W/out"
adm stats > "$W/stats"
check "the dry run wrote nothing" cmp -s "$W/stats" "$W/stats.before"
adm people-load "$W/people.csv" > "$W/out" 2> "$W/err"
check "people-load succeeds ($(cat "$W/out" "$W/err"))" \
    grep -q '^4 people created, 0 updated, 0 unchanged; 3 units created$' "$W/out"
adm dump | tr -d '\n' | sed 's/> *</></g' > "$W/dump.xml"
unit_of() { grep -o "<unit [^>]*><name>$1</name>" "$W/dump.xml"; }
person_of() { grep -o "<person [^>]*><login>$1</login><name>[^<]*</name>" "$W/dump.xml"; }
check "研发部 is a department under the company" sh -c "unit_of() { grep -o \"<unit [^>]*><name>\$1</name>\" '$W/dump.xml'; }; unit_of 研发部 | grep -q 'parent=\"1\" level=\"department\"'"
PID=$(person_of li.si | sed -n 's/.*<person id="\([0-9]*\)".*/\1/p')
DEPT=$(unit_of 研发部 | sed -n 's/.*<unit id="\([0-9]*\)".*/\1/p')
check "li.si (person $PID) leads 研发部 (unit $DEPT) with the role lead" sh -c \
    "echo '$(unit_of 研发部)' | grep -q 'lead=\"$PID\"' && echo '$(person_of li.si)' | grep -q 'unit=\"$DEPT\" role=\"lead\"'"
check "平台组 is a team under 研发部" sh -c "echo '$(unit_of 平台组)' | grep -q 'parent=\"$DEPT\" level=\"team\"'"
check "a quoted name keeps its comma and quotes: 王五, \"Jr.\"" sh -c \
    "echo '$(person_of wang.wu)' | grep -q '<name>王五, &quot;Jr.&quot;</name>\|<name>王五, \"Jr.\"</name>'"
check "zhao.liu (lead left empty) is a member" sh -c "echo '$(person_of zhao.liu)' | grep -q 'role=\"member\"'"
get chen.boss /edit/admin/people
expect_body_contains 孙七 "the admin's people page lists the people loaded"
get li.si /
expect_status 200 "li.si, loaded, signs in: 200"

# Known logins are updated, not duplicated; stdin is -.
printf '\357\273\277login,name,unit,lead\r\nli.si,李四,星河科技/市场部,0\r\nsun.qi,孙七,星河科技/市场部,1\r\n' |
    adm people-load - > "$W/out" 2> "$W/err"
check "people-load - (stdin, BOM, CRLF) updates 2 ($(cat "$W/out" "$W/err"))" \
    grep -q '^0 people created, 2 updated, 0 unchanged; 0 units created$' "$W/out"
adm dump | tr -d '\n' | sed 's/> *</></g' > "$W/dump.xml"
check "li.si is one person still ($(grep -o '<login>li.si</login>' "$W/dump.xml" | wc -l))" \
    test "$(grep -o '<login>li.si</login>' "$W/dump.xml" | wc -l)" = 1
check "li.si no longer leads 研发部, and is a member" sh -c \
    "! echo '$(unit_of 研发部)' | grep -q 'lead=' && echo '$(person_of li.si)' | grep -q 'role=\"member\"'"
adm people-load "$W/people.csv" > "$W/out" 2>&1
adm people-load "$W/people.csv" > "$W/out" 2>&1
check "the same file again changes nothing ($(cat "$W/out"))" \
    grep -q '^0 people created, 0 updated, 4 unchanged; 0 units created$' "$W/out"

# Every wrong line named, with its number; nothing written.
adm stats > "$W/stats.before"
cat > "$W/bad.csv" <<'CSV'
new.one,新一,星河科技/研发部/新组,0
li si,李四,星河科技/研发部,1
new.two,新二,星河科技//平台组,0
new.three,新三,星河科技/研发部,maybe
new.one,新一,星河科技/研发部,0
new.four,新四,别的公司/研发部,0
CSV
adm people-load "$W/bad.csv" > "$W/out" 2> "$W/err"
check "a file with wrong lines fails (exit $?)" test $? -eq 1
check "line 2: the login" grep -q "^$W/bad.csv:2: login \"li si\": " "$W/err"
check "line 3: the unit path" grep -q "^$W/bad.csv:3: unit path \"星河科技//平台组\": " "$W/err"
check "line 4: the lead flag" grep -q "^$W/bad.csv:4: lead \"maybe\": " "$W/err"
check "line 5: the login of line 1 again" grep -q "^$W/bad.csv:5: login \"new.one\" is on line 1 already" "$W/err"
check "nothing written (4 lines wrong; the company is checked once the lines are right)" grep -q "4 lines wrong: nothing written" "$W/err"
sed -i '2,5d' "$W/bad.csv"
adm people-load "$W/bad.csv" > "$W/out" 2> "$W/err"
check "line 2: a path outside the company (exit $?)" \
    grep -q "^$W/bad.csv:2: unit path \"别的公司/研发部\": a path begins with the store's company, \"星河科技\"" "$W/err"
printf 'a,"open quote,星河科技,0\n' | adm people-load - > "$W/out" 2> "$W/err"
check "a quote left open: line 1 (exit $?)" grep -q '^stdin:1: a quote left open' "$W/err"
adm stats > "$W/stats"
check "the refused files wrote nothing" cmp -s "$W/stats" "$W/stats.before"
