#!/bin/sh
# tests/pagecmp.sh [REV]: t0105 alone, against REV (default: tests/pages-base):
# every demo page of this build beside the same page of REV.
[ -n "${1:-}" ] && PAGECMP_BASE=$1 && export PAGECMP_BASE
exec sh "$(dirname "$0")/t0105-pages-same.sh"
