#!/bin/sh
# Health flags (cgi/health.c) as people read them: on the objective, unit,
# person and meeting pages, in English and Chinese, each named and with its
# reason and figures; none on the home page, a draft's KRs, a dropped KR
# or an archived objective.  On a stack in Asia/Shanghai whose clock stands
# at 2027-02-15 12:00 local, in 2027-Q1 (2027-01-01 to 2027-03-31), with
# OKRs loaded as an import writes them (check-ins dated in the past).
. "$(dirname "$0")/lib.sh"

zone_stack t0716 2027-02-15T04:00:00Z
ADMIN="$S/app/bin/mubiao-admin"
"$ADMIN" -c "$S/mubiao.conf" dump > "$TMP/dump.xml" 2> /dev/null
dx() { xmllint --xpath "$1" "$TMP/dump.xml" 2>/dev/null; }
CY=$(dx "string(//*[local-name()='cycle'][*[local-name()='name']='2027-Q1']/@id)")
PREV=$(dx "string(//*[local-name()='cycle'][*[local-name()='name']='2026-Q4']/@id)")
RD=$(unit_id 研发部)
ZW=$(dx "string(//*[local-name()='person'][*[local-name()='login']='zhangwei']/@id)")
CO=$(dx "string(//*[local-name()='objective'][@cycle='$CY' and @level='company'][1]/@id)")
PKR=$(dx "string(//*[local-name()='kr'][@objective='$CO'][1]/@id)")
require "the demo's 2027-Q1 ($CY) and 2026-Q4 ($PREV), 研发部 ($RD), zhangwei ($ZW), a company KR ($PKR)" \
    test -n "$CY" -a -n "$PREV" -a -n "$RD" -a -n "$ZW" -a -n "$PKR"

T=2027-01-01T00:00:00Z
obj() {	# ID CYCLE LEVEL STATE PARENT-KR TITLE
	printf '<objective id="%s" cycle="%s" unit="%s" owner="%s"%s level="%s" state="%s" version="1" created-at="%s" updated-at="%s"><title>%s</title></objective>\n' \
	    "$1" "$2" "$RD" "$ZW" "${5:+ parent-kr=\"$5\"}" "$3" "$4" "$T" "$T" "$6"
}
kr() {	# ID OBJECTIVE OWNER DUE CURRENT CHECKED-IN STATE TITLE [GRADE]
	printf '<kr id="%s" objective="%s"%s kind="numeric" direction="increase" due="%s" version="1" start="0" target="100" current="%s" weight="1" confidence="0.5" updated-at="%s" state="%s"%s><title>%s</title></kr>\n' \
	    "$1" "$2" "${3:+ owner=\"$3\"}" "$4" "$5" "$6" "$7" "${9:+ grade=\"$9\"}" "$8"
}
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<mubiao xmlns="urn:mubiao:okr:1" version="1">'
	# Serves no KR, one KR: last checked in on 2027-01-20 (26 days ago)
	# at 20 of 100, with 51% of its time gone (45 of 89 days).
	obj 990001 "$CY" department active "" "t0716 孤立的目标"
	kr 990001 990001 "$ZW" 2027-03-31 20 2027-01-20T02:00:00Z active "t0716 停滞的成果"
	# Aligned, six KRs that count and one dropped.
	obj 990002 "$CY" department active "$PKR" "t0716 成果太多的目标"
	kr 990002 990002 "$ZW" 2027-02-10 50 2027-02-14T02:00:00Z active "t0716 逾期的成果"
	kr 990003 990002 "$ZW" 2027-02-10 100 2027-02-14T02:00:00Z active "t0716 按时完成的成果"
	kr 990004 990002 "" 2027-03-31 60 2027-02-14T02:00:00Z active "t0716 无人负责的成果"
	kr 990005 990002 "$ZW" 2027-03-31 60 2027-02-14T02:00:00Z active "t0716 正常的成果一"
	kr 990006 990002 "$ZW" 2027-03-31 60 2027-02-14T02:00:00Z active "t0716 正常的成果二"
	kr 990007 990002 "$ZW" 2027-03-31 60 2027-02-14T02:00:00Z active "t0716 正常的成果三"
	kr 990008 990002 "$ZW" 2027-02-01 0 2027-01-02T02:00:00Z dropped "t0716 放弃的成果"
	# A draft: its KRs are not asked for progress yet.
	obj 990003 "$CY" department draft "$PKR" "t0716 草稿目标"
	kr 990009 990003 "$ZW" 2027-02-01 0 2027-01-02T02:00:00Z active "t0716 草稿成果一"
	kr 990010 990003 "$ZW" 2027-03-31 0 2027-01-02T02:00:00Z active "t0716 草稿成果二"
	# Last quarter, every KR graded 1.0.
	obj 990004 "$PREV" department agreed "" "t0716 太容易的目标"
	kr 990011 990004 "$ZW" 2026-12-31 100 2026-12-20T02:00:00Z active "t0716 满分成果一" 1
	kr 990012 990004 "$ZW" 2026-12-31 100 2026-12-20T02:00:00Z active "t0716 满分成果二" 1
	# Archived: nothing asked of it.
	obj 990005 "$CY" department archived "" "t0716 归档的目标"
	kr 990013 990005 "$ZW" 2027-02-01 0 2027-01-02T02:00:00Z active "t0716 归档的成果"
	echo '</mubiao>'
} > "$TMP/health.xml"
"$ADMIN" -c "$S/mubiao.conf" load -f "$TMP/health.xml" > "$TMP/load.out" 2>&1 < /dev/null
require "the t0716 OKRs load ($(tail -1 "$TMP/load.out"))" grep -q '^13 records written\|^18 records written' "$TMP/load.out"

EN='Accept-Language: en'
ZH='Accept-Language: zh-CN'
# The flag NAME with its reason as LANG's catalog words it, {a} and {b}
# filled in, as the page writes it.
flag_text() {	# LANG NAME [A [B]]
	_w=$(msg "$1" "flag.$2.why" | sed "s/{a}/$3/; s/{b}/$4/")
	printf '<li class="flag flag-%s"><strong class="flag-name">%s</strong>%s<span class="flag-why">%s</span></li>' \
	    "$2" "$(msg "$1" "flag.$2")" "$(msg "$1" flag.sep)" "$_w"
}
# The rendered row of KR ID on the last page.
row_has() {	# ID TEXT WHAT
	if kr_row "$1" | grep -F -q -e "$2"; then ok "$3"; else
		fail "$3"
		note "row: $(kr_row "$1" | sed 's/<[^>]*>/ /g' | tr -s ' ' | cut -c1-300)"
	fi
}
row_lacks() {	# ID TEXT WHAT
	if kr_row "$1" | grep -F -q -e "$2"; then fail "$3"; else ok "$3"; fi
}

# ------------------------------------------------ the objective page
get zhangwei /objective/990001 -H "$EN"
expect_status 200 "objective 990001: 200"
expect_flat "$(flag_text en unaligned)" "a department objective serving no KR: 'Not aligned' with its reason"
expect_flat "$(flag_text en too-few 1)" "one KR: 'Too few KRs', only 1"
row_has 990001 "$(flag_text en stale 26)" "KR last checked in 26 days ago: 'Stale', no check-in for 26 days"
row_has 990001 "$(flag_text en behind 20 51)" "KR at 20% with 51% of its time gone: 'Behind', at 20%, 51% expected"
row_lacks 990001 'flag-overdue' "a KR due at the cycle's end is not overdue"
get zhangwei /objective/990001 -H "$ZH"
expect_flat "$(flag_text zh-CN unaligned)" "in Chinese: 未对齐 with its reason"
row_has 990001 "$(flag_text zh-CN stale 26)" "in Chinese: 停滞, 26 days"
row_has 990001 "$(flag_text zh-CN behind 20 51)" "in Chinese: 落后, 20% against 51%"

get zhangwei /objective/990002 -H "$EN"
expect_flat "$(flag_text en too-many 6)" "six KRs that count (the dropped one not): 'Too many KRs', 6"
expect_body_lacks 'flag-unaligned' "an objective serving a company KR is aligned"
row_has 990002 "$(flag_text en overdue 5)" "due 2027-02-10 at 50%: 'Overdue', 5 days past"
row_lacks 990002 'flag-behind' "an overdue KR is not also flagged behind"
row_lacks 990003 'class="flags"' "due 2027-02-10 and reached: no flag"
row_has 990004 "$(flag_text en no-owner)" "a KR nobody owns: 'No owner'"
row_lacks 990005 'class="flags"' "checked in yesterday, on track: no flag"
row_lacks 990008 'class="flags"' "a dropped KR: no flag"

get zhangwei /objective/990003 -H "$EN"
expect_status 200 "the draft 990003: 200"
row_lacks 990009 'class="flags"' "a draft's KR, past due and never checked in: no flag"
row_lacks 990010 'class="flags"' "nor its other KR"

get zhangwei "/objective/990004" -H "$EN"
expect_flat "$(flag_text en too-easy)" "last quarter's objective, every KR graded 1.0: 'Not ambitious'"
expect_body_lacks 'flag-unaligned' "a closed quarter's alignment is history: no 'Not aligned'"

get zhangwei /objective/990005 -H "$EN"
expect_body_lacks 'class="flags"' "an archived objective: no flag at all"

# ---------------------------------------- the unit and person pages
get zhangwei "/unit/$RD" -H "$EN"
expect_status 200 "unit $RD: 200"
row_has 990001 "$(flag_text en stale 26)" "the unit page shows the KR's flags with their reasons"
expect_flat "$(flag_text en unaligned)" "and the objective's"
doc zhangwei "/unit/$RD"
for f in stale overdue behind too-many unaligned no-owner; do
	n=$(xpath "count(//flag[@name='$f'])")
	expect_flat "<li class=\"flag flag-$f\"><strong class=\"flag-name\">$(msg en "flag.$f")</strong>$(msg en flag.sep)<span class=\"flag-count\">$n</span></li>" \
	    "the unit's summary counts its $n '$f' flags"
done
get zhangwei "/unit/$RD" -H "$ZH"
expect_flat "<strong class=\"flag-name\">$(msg zh-CN flag.stale)</strong>" "the summary in Chinese"

get zhangwei /person/zhangwei -H "$EN"
expect_status 200 "zhangwei's page: 200"
row_has 990001 "$(flag_text en stale 26)" "the owner's page shows the stale KR, with its reason"
expect_flat "$(flag_text en too-easy)" "and last quarter's objective that asked too little"
expect_flat 'class="health-summary"' "and a summary of the flags"

# ---------------------------------------------------- a meeting page
post zhangwei /meet/new "unit=$RD&cycle=2027-Q1&kind=review&due=2027-02-15" --data-urlencode "title=t0716 周复盘"
M=$(loc_meeting)
require "a review of 研发部 planned ($M)" test -n "$M"
post zhangwei "/meet/$M/open" "version=$(mversion zhangwei "$M")&back=/okr/meet/$M"
get zhangwei "/meet/$M" -H "$ZH"
expect_status 200 "review $M: 200"
row_has 990001 "$(flag_text zh-CN stale 26)" "the review board shows the stale KR, in Chinese"
row_has 990002 "$(flag_text zh-CN overdue 5)" "and the overdue one"

# ---------------------------------------------------- not on the home
get zhangwei / -H "$EN"
expect_body_lacks 'class="flag ' "the home page (the company at a glance) carries no flags"
