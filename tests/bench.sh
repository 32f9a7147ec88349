#!/bin/sh
# bench.sh: `make bench`.  Starts a private stack, saves the home page as a
# static file served by the same nginx (the ceiling), then loads both with
# wrk (2 threads, 32 connections) and prints requests/s, latency and the
# ratio.  Figures only: nothing here passes or fails on speed.
set -u
cd "$(dirname "$0")/.."
MUBIAO_LIB_ONLY=1
. tests/lib.sh
dur=${BENCH_SECONDS:-10}
dir=$(mktemp -d /tmp/mubiao-bench.XXXXXX)
trap 'stack_stop "$dir"; rm -rf "$dir"' EXIT INT TERM
stack_start "$dir" || { echo "bench: the stack did not start" >&2; exit 1; }
port=$STACK_PORT
auth="Authorization: Basic $(printf admin:admin | base64)"
url=http://127.0.0.1:$port
curl -sf -H "$auth" -H "Accept-Language: en" "$url/okr/" > "$dir/static/home.html" || exit 1
chmod 644 "$dir/static/home.html"

# One wrk run: prints "name req/s p50 p99".
run() {
	out=$(wrk -t2 -c32 -d"${dur}s" --latency -H "$auth" -H "Accept-Language: en" "$2")
	rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
	p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
	p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
	errs=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
	echo "$1 $rps $p50 $p99 ${errs:-0}"
}

static=$(run static "$url/bench-static/home.html")
home=$(run home "$url/okr/")
bytes=$(wc -c < "$dir/static/home.html")
printf '\nMubiao bench: %s s per scenario, wrk -t2 -c32, page %s bytes\n' "$dur" "$bytes"
printf '%-26s %12s %10s %10s %8s %8s\n' scenario req/s p50 p99 non-2xx ratio
s_rps=$(echo "$static" | cut -d' ' -f2)
for line in "$static" "$home"; do
	set -- $line
	ratio=$(awk -v a="$2" -v b="$s_rps" 'BEGIN { printf "%.3f", a / b }')
	case $1 in
	static) name="static ceiling (nginx)" ;;
	home) name="home page (okr-read)" ;;
	esac
	printf '%-26s %12s %10s %10s %8s %8s\n' "$name" "$2" "$3" "$4" "$5" "$ratio"
done

# Long life: the okr-read workers' resident memory before and after
# BENCH_REQUESTS (default 100,000) more home-page requests.
rss() {	# the okr-read workers' RSS in KB, space-separated
	for p in $(pgrep -P "$(cat "$dir/run/super.pid")" -f okr-read); do
		awk '/^VmRSS:/ { printf "%s ", $2 }' "/proc/$p/status"
	done
}
n=${BENCH_REQUESTS:-100000}
before=$(rss)
done_=0
while [ "$done_" -lt "$n" ]; do
	out=$(wrk -t2 -c32 -d5s -H "$auth" -H "Accept-Language: en" "$url/okr/")
	done_=$((done_ + $(echo "$out" | awk '/requests in/ { print $1 }')))
done
after=$(rss)
printf '\nokr-read workers after %s more requests: RSS %s KB -> %s KB\n' "$done_" "$before" "$after"
