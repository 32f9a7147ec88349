#!/bin/sh
# bench.sh: `make bench`.  Figures only: nothing here passes or fails on
# speed.  Starts a private stack with the demo and 47 more company
# objectives of 4 KRs each (a home page of 50 objectives, 200 KRs on it),
# then prints one table:
#
#   static ceiling      each page's bytes saved as a file behind the same
#                       nginx and authentication (wrk, 2 threads, 32
#                       connections, BENCH_SECONDS each)
#   warm reads          the same pages through the page cache
#   rendered reads      the same pages with a query, so okr-read renders
#                       every one
#   cold render         the home page rendered in-process 1,000 times
#                       (okr-read as plain CGI, MUBIAO_BENCH): median CPU
#   check-ins           16 clients posting check-ins through nginx, three
#                       runs, the median shown; each acknowledged one
#                       counted and looked for in the store
#
# and then the okr-read workers' resident memory before and after
# BENCH_REQUESTS (100,000) more rendered requests.
set -u
cd "$(dirname "$0")/.."
MUBIAO_LIB_ONLY=1
. tests/lib.sh
dur=${BENCH_SECONDS:-10}
dir=$(mktemp -d /tmp/mubiao-bench.XXXXXX)
trap 'stack_stop "$dir"; rm -rf "$dir"' EXIT INT TERM
# Four okr-edit processes: enough for 16 writers to commit together (one
# flush covers two commits), and on two cores 8 spent about 15% more CPU
# per check-in waking one another (alternating runs, 850 vs 990 us).
MUBIAO_WORKERS=${BENCH_WORKERS:-2} MUBIAO_EDIT_WORKERS=${BENCH_EDIT_WORKERS:-4} \
    stack_start "$dir" || { echo "bench: the stack did not start" >&2; exit 1; }
port=$STACK_PORT
url=http://127.0.0.1:$port
auth="Authorization: Basic $(printf admin:admin | base64)"
admin() { "$dir/app/bin/mubiao-admin" -c "$dir/mubiao.conf" "$@"; }

# ------------------------------------------------------------- the data
admin dump > "$dir/dump.xml"
cycle=$(sed -n 's/.*<cycle id="\([0-9]*\)"[^>]*state="active".*/\1/p' "$dir/dump.xml" | tail -1)
cend=$(sed -n "s/.*<cycle id=\"$cycle\" start=\"[0-9-]*\" end=\"\([0-9-]*\)\".*/\1/p" "$dir/dump.xml")
awk -v cy="$cycle" -v due="$cend" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<mubiao xmlns=\"urn:mubiao:okr:1\" version=\"1\">"
	t = "2026-01-01T00:00:00Z"; k = 900001
	for (o = 900001; o <= 900047; o++) {
		printf "<objective id=\"%d\" cycle=\"%d\" unit=\"1\" owner=\"1\" level=\"company\" state=\"active\" version=\"1\" created-at=\"%s\" updated-at=\"%s\"><title>让华东更多中型企业选择星河云 %d</title></objective>\n", o, cy, t, t, o
		for (j = 0; j < 4; j++) {
			printf "<kr id=\"%d\" objective=\"%d\" owner=\"%d\" kind=\"numeric\" direction=\"increase\" due=\"%s\" version=\"1\" start=\"0\" target=\"100\" current=\"%d\" weight=\"1\" confidence=\"0.6\" updated-at=\"%s\" state=\"active\"><title>付费客户从 0 增长到 100 家 (%d)</title><unit-label>家</unit-label></kr>\n", k, o, 2 + j, due, (o * 7 + j * 13) % 100, t, k
			k++
		}
	}
	print "</mubiao>"
}' > "$dir/bench.xml"
admin load -f "$dir/bench.xml" > /dev/null || { echo "bench: loading the data failed" >&2; exit 1; }
krs=$(curl -s -H "$auth" -H "Accept-Language: en" "$url/okr/?cycle=$CUR" |
    grep -o '<tbody class="kr"' | wc -l)
obj=900001
pages="home:/okr/ unit:/okr/unit/2 objective:/okr/objective/$obj"

# One wrk run: prints "req/s p50 p99 non-2xx".
run() {	# URL [wrk args]
	_u=$1; shift
	wrk -t2 -c32 -d"${dur}s" --latency -H "$auth" -H "Accept-Language: en" "$@" "$_u" |
	    awk '/^Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
		/Non-2xx/ { e = $NF } END { printf "%s %s %s %s\n", r, p50, p99, e + 0 }'
}
row() {	# NAME REQS P50 P99 ERRS RATIO TARGET
	printf '%-34s %10s %9s %9s %8s %7s  %s\n' "$@"
}

printf '\nMubiao bench: %s s per scenario, wrk -t2 -c32, home page of %s KRs\n\n' "$dur" "$krs"
row scenario req/s p50 p99 non-2xx ratio target
for p in $pages; do
	name=${p%%:*} path=${p#*:}
	curl -sf -H "$auth" -H "Accept-Language: en" "$url$path" > "$dir/static/$name.html" || exit 1
	chmod 644 "$dir/static/$name.html"
	bytes=$(wc -c < "$dir/static/$name.html")
	set -- $(run "$url/bench-static/$name.html")
	s=$1
	row "static $name ($bytes bytes)" "$1" "$2" "$3" "$4" 1.000 ceiling
	# Warm: the page cache holds it now (the curl above rendered it).
	set -- $(run "$url$path")
	row "  warm $name (page cache)" "$1" "$2" "$3" "$4" \
	    "$(awk -v a="$1" -v b="$s" 'BEGIN { printf "%.3f", a / b }')" '>= 0.5'
	# Rendered each time: a query is never kept.
	set -- $(run "$url$path?cycle=$CUR")
	row "  rendered $name (okr-read)" "$1" "$2" "$3" "$4" \
	    "$(awk -v a="$1" -v b="$s" 'BEGIN { printf "%.3f", a / b }')" ''
done

# ------------------------------------------------------- cold render
cold=$(cd "$dir" && MUBIAO_BENCH=1000 MUBIAO_CONF="$dir/mubiao.conf" REQUEST_METHOD=GET \
    SCRIPT_NAME=/okr PATH_INFO=/ REMOTE_USER=admin HTTP_ACCEPT_LANGUAGE=en \
    "$dir/app/bin/okr-read" 2>&1 > /dev/null | sed -n 's/^bench: .*median \([0-9]*\) us, p99 \([0-9]*\) us.*/\1 \2/p')
set -- $cold
row "cold render of home, in-process" "-" "$(awk -v u="$1" 'BEGIN { printf "%.2fms", u / 1000 }')" \
    "$(awk -v u="$2" 'BEGIN { printf "%.2fms", u / 1000 }')" - \
    "$(awk -v u="$1" 'BEGIN { printf "%.2f", u / 2000 }')" '<= 2 ms (ratio to it)'

# ---------------------------------------------------------- check-ins
tok=$(curl -s -H "$auth" "$url/okr/objective/$obj?cycle=$CUR" | grep -o 'name="token" value="[0-9a-f]*"' |
    head -1 | sed 's/.*value="//; s/"$//')
before=$(admin stats | awk '$1 == "check-ins" { print $2 }')
cat > "$dir/checkin.lua" <<LUA
-- Each request checks in one of the 188 bench KRs, spread over them.
local threads = {}
function setup(t) table.insert(threads, t); t:set("id", #threads) end
function init(args)
	n = 0; acked = 0
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
	n = n + 1
	local k = (id * 97 + n) % 188
	return wrk.format("POST", "/okr/edit/checkin/" .. (900001 + math.floor(k / 4)), nil,
	    "token=$tok&kr=" .. (900001 + k) .. "&value=" .. (n % 100) .. "&confidence=0.5")
end
function response(status, headers, body) if status == 303 then acked = acked + 1 end end
function done(summary, latency, requests)
	local a = 0
	for _, t in ipairs(threads) do a = a + t:get("acked") end
	io.write("acked " .. a .. "\n")
end
LUA
# Three runs, the median one in the table: on this kind of VM one run
# can land in a slow minute (1,530 to 2,300/s for the same build).
acked=0 runs=
for i in 1 2 3; do
	out=$(wrk -t2 -c16 -d"${dur}s" --latency -H "$auth" -s "$dir/checkin.lua" "$url/okr/edit/checkin/$obj")
	a=$(echo "$out" | awk '$1 == "acked" { print $2 }')
	acked=$((acked + a))
	runs="$runs$(echo "$out" | awk -v a="$a" '/^Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 }
	    $1 == "99%" { p99 = $2 } /requests in/ { n = $1 } END { printf "%s %s %s %d\n", r, p50, p99, n - a }')
"
done
after=$(admin stats | awk '$1 == "check-ins" { print $2 }')
set -- $(printf '%s' "$runs" | sort -n | sed -n 2p)
row "check-ins, 16 clients (303s)" "$1" "$2" "$3" "$4" \
    "$(awk -v a="$1" 'BEGIN { printf "%.2f", a / 2000 }')" '>= 2000/s (ratio to it)'
printf '  (the median of 3 runs of %s s: %s req/s)\n' "$dur" "$(printf '%s' "$runs" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }')"
lost=$((acked - (after - before)))
[ "$lost" -lt 0 ] && lost=0
printf '\ncheck-ins: %s acknowledged (303) in the 3 runs; the store holds %s more (%s lost; more\nthan acknowledged: requests cut by the end of a run)\n' \
    "$acked" "$((after - before))" "$lost"

# ------------------------------------------------------------ memory
# The okr-read workers' RSS before and after BENCH_REQUESTS more
# requests that each render (the unit page, with a query).
# Each as RSS (private): the rest of RSS is mapped files every worker
# shares, the libraries and the Berkeley DB cache, which grows with the
# pages of the store a worker has read.
rss() {
	for p in $(pgrep -P "$(cat "$dir/run/super.pid")" -f okr-read); do
		awk '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } END { printf "%s (%s) ", r, a }' "/proc/$p/status"
	done
}
n=${BENCH_REQUESTS:-100000}
before=$(rss)
done_=0
while [ "$done_" -lt "$n" ]; do
	out=$(wrk -t2 -c32 -d5s -H "$auth" -H "Accept-Language: en" "$url/okr/unit/2?cycle=$CUR")
	done_=$((done_ + $(echo "$out" | awk '/requests in/ { print $1 }')))
done
after=$(rss)
printf 'okr-read workers after %s more rendered requests: RSS (private) %s KB -> %s KB\n(target < 20,480 KB)\n' \
    "$done_" "$before" "$after"
