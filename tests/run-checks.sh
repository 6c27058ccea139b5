#!/bin/sh
# run-checks.sh MANPAGE... - run every test and print "N passed, M failed,
# K skipped" (a skipped test, "ok ... # skip", is counted apart, not as
# passed; the line starts "N passed, M failed" for .ci/run's sum).
# Environment: WUSHE_BIN (folder of the built binaries), WUSHE_UNITS (unit
# test binaries, each printing TAP), WUSHE_FUZZ (the fuzz targets built
# with tests/fuzz/driver.c, each run over every input of its
# tests/fuzz/corpus/ and crashes/ folders: one test per target).  Runs the
# unit tests, the fuzz regression inputs, the bats suites and mandoc
# -Tlint over every page; exits non-zero when anything fails.
# WUSHE_FAILFAST=1 stops at the first failing unit test binary, fuzz
# target or bats suite (the suites then run one at a time), printing the
# counts so far: for make mutants, where one failure is enough.
set -u
pass=0
fail=0
skip=0
here=$(cd "$(dirname "$0")" && pwd)
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT

summary() {
	echo "$pass passed, $fail failed, $skip skipped"
}

stop_if_failed() {	# under WUSHE_FAILFAST, stop at the first failure
	if [ -n "${WUSHE_FAILFAST:-}" ] && [ "$fail" -gt 0 ]; then
		summary
		echo "# stopped at the first failure (WUSHE_FAILFAST)"
		exit 1
	fi
}

count() {	# count TAP lines in $tap
	p=$(grep -c '^ok ' "$tap")
	s=$(grep -c -i '^ok .* # skip' "$tap")
	f=$(grep -c '^not ok ' "$tap")
	pass=$((pass + p - s))
	skip=$((skip + s))
	fail=$((fail + f))
}

for u in ${WUSHE_UNITS:-}; do
	echo "# unit: $u"
	"$u" > "$tap" 2>&1
	rc=$?
	cat "$tap"
	count
	if [ $rc -ne 0 ] && [ "$(grep -c '^not ok ' "$tap")" -eq 0 ]; then
		echo "not ok - $u exited $rc"
		fail=$((fail + 1))
	fi
	stop_if_failed
done

fuzzrun() {	# fuzzrun TARGET: its corpus and crash inputs, one test
	z=$1
	n=${z##*/}
	set --
	for d in "$here/fuzz/corpus/$n" "$here/fuzz/crashes/$n"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	if out=$("$z" "$@" 2>&1); then
		echo "ok - fuzz regression inputs: $n: $(echo "$out" | tail -n 1)"
		pass=$((pass + 1))
	else
		rc=$?
		printf 'not ok - fuzz regression inputs: %s exited %d\n%s\n' \
		    "$n" "$rc" "$(echo "$out" | tail -n 20 | sed 's/^/# /')"
		fail=$((fail + 1))
	fi
}
for z in ${WUSHE_FUZZ:-}; do
	fuzzrun "$z"
	stop_if_failed
done

batsrun() {	# batsrun SUITE...: run bats, count its TAP
	PATH="$WUSHE_BIN:$PATH" bats --tap "$@" > "$tap" 2>&1
	rc=$?
	cat "$tap"
	count
	if [ $rc -ne 0 ] && [ "$(grep -c '^not ok ' "$tap")" -eq 0 ]; then
		echo "not ok - bats exited $rc"
		fail=$((fail + 1))
	fi
}
suites=$(ls "$here"/*.bats 2>/dev/null)
if [ -n "$suites" ] && [ -n "${WUSHE_FAILFAST:-}" ]; then
	for b in $suites; do
		echo "# suite: ${b##*/}"
		batsrun "$b"
		stop_if_failed
	done
elif [ -n "$suites" ]; then
	batsrun $suites
fi

for m in "$@"; do
	if out=$(mandoc -Tlint -Wwarning "$m" 2>&1) && [ -z "$out" ]; then
		echo "ok - mandoc -Tlint $m"
		pass=$((pass + 1))
	else
		printf 'not ok - mandoc -Tlint %s\n%s\n' "$m" "$out"
		fail=$((fail + 1))
	fi
done

summary
[ "$fail" -eq 0 ]
