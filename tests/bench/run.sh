#!/bin/sh
# run.sh - run every tests/bench/bench-*.sh (make bench).
# BENCH=NAME runs only bench-NAME.sh; bench-decade.sh (several GB, many
# minutes) runs only so, as BENCH=decade.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
BENCH_TMP=$(mktemp -d)
export BENCH_TMP
trap 'rm -rf "$BENCH_TMP"' EXIT
rc=0
for b in "$here"/bench-${BENCH:-*}.sh; do
	[ -f "$b" ] || continue
	[ "${BENCH:-}" != decade ] && [ "${b##*/}" = bench-decade.sh ] && continue
	sh "$b" || rc=1
done
exit $rc
