#!/bin/sh
# make bench's re-render after a write: okr-read as plain CGI with
# MUBIAO_BENCH=N and MUBIAO_BENCH_CHECKIN=KR (test builds) commits one
# check-in on KR before each of its N timed renders, as the requesting
# user, through the store's own operation; the store then holds them and
# the KR shows the last.  A KR that is not an id, or one the store
# refuses, ends it with nothing written and no figure.
. "$(dirname "$0")/lib.sh"

TAG=$(uniq_tag)
PLAT=$(unit_id 平台组)
O=$(make_objective lina "$PLAT" "t0866 重绘 $TAG")
K=$(make_kr lina "$O" "t0866 接入 100 个服务 $TAG" 0 100 10)
require "t0866's objective $O with KR $K" test -n "$O" -a -n "$K"

# Check-ins of K on its objective's page, and its current value.
checkins() { doc_xpath lina "/objective/$O" "count(/page/objective/kr[@id=$K]/checkin)"; }
current() { doc_xpath lina "/objective/$O" "string(/page/objective/kr[@id=$K]/@current)"; }
bench() {	# KR
	cgi_run MUBIAO_BENCH=3 MUBIAO_BENCH_CHECKIN="$1" REQUEST_METHOD=GET SCRIPT_NAME=/okr \
	    PATH_INFO="/objective/$O" REMOTE_USER=lina HTTP_ACCEPT_LANGUAGE=en
}

n0=$(checkins)
bench "$K"
check "MUBIAO_BENCH_CHECKIN=$K: the bench's figure" grep -q '^bench: 3 requests, median' "$TMP/cgi.err"
check "three check-ins of KR $K in the store" test "$(checkins)" = "$((n0 + 3))"
check "KR $K shows the last (value 2)" test "$(current)" = 2
check "the page it rendered is the objective's" grep -q "t0866 接入 100 个服务 $TAG" "$TMP/cgi.out"
[ "$(checkins)" = "$((n0 + 3))" ] || note "stderr: $(head -c 300 "$TMP/cgi.err")"

# Refused: no figure, and it stopped at once (exit status 1) or at the
# first write.
refused() {
	! grep -q '^bench: 3 requests' "$TMP/cgi.err" &&
	    { [ "$(cat "$TMP/cgi.rc")" != 0 ] || grep -q '^bench: write 0 failed' "$TMP/cgi.err"; }
}
n0=$(checkins)
for bad in x 0 99999999; do
	bench "$bad"
	check "MUBIAO_BENCH_CHECKIN=$bad: refused, no figure" refused
done
check "no check-in written by those" test "$(checkins)" = "$n0"
