# lib.sh - shared by crash-import.sh and concurrency.sh; sourced, not run,
# after the script has set $here to its own folder.  Sets the environment
# every fault script runs in (the binaries of WUSHE_BIN first in PATH, a
# fixed today, no user policy), a temporary folder $t removed on exit,
# and the counters behind the "ok"/"not ok" lines and the last line
# "N passed, M failed".
bench=$here/../bench
PATH=${WUSHE_BIN:+$WUSHE_BIN:}$PATH
export PATH LC_ALL=C.UTF-8 WUSHE_TODAY=2019-12-31
export XDG_CONFIG_HOME=/nonexistent
unset WUSHE_POLICY
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0
fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
notok() { echo "not ok - $*"; fail=$((fail + 1)); }

# district NVISITS: the benchmarks' generated district in $t: dir.yaml,
# cases.tsv (50,000 cases) and visits.tsv (NVISITS visits).
district() {
	awk -f "$bench/gen-district.awk" > "$t/dir.yaml"
	awk -v n=50000 -f "$bench/gen-district-cases.awk" > "$t/cases.tsv"
	awk -v n="$1" -f "$bench/gen-visits.awk" > "$t/visits.tsv"
}

# give_up WHAT: the test database could not be built; say so and stop.
give_up() {
	notok "$1"
	echo "$pass passed, $fail failed"
	exit 1
}
