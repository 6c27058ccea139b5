#!/bin/sh
# run.sh - run the fault scripts (make faults): crash-import.sh and
# concurrency.sh, each bounded by FAULTS_TIMEOUT seconds (default 900),
# then print "N passed, M failed" over all their checks.
# FAULTS=NAME runs only NAME.sh.  Environment: WUSHE_BIN.
set -u
here=$(cd "$(dirname "$0")" && pwd)
limit=${FAULTS_TIMEOUT:-900}
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for s in ${FAULTS:-crash-import concurrency}; do
	echo "# $s.sh"
	start=$(date +%s)
	timeout -k 10 "$limit" bash "$here/$s.sh" > "$out" 2>&1
	rc=$?
	cat "$out"
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "not ok - $s.sh did not finish in $limit s"
		f=$((f + 1))
	elif [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $s.sh exited $rc"
		f=$((f + 1))
	fi
	echo "# $s.sh: $p passed, $f failed in $(($(date +%s) - start)) s"
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
