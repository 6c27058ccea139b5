#!/usr/bin/env bash
# crash-import.sh - kill -9 a bulk import at random moments (issue 6).
# Builds a district (tests/bench/gen-*.awk: 30 communities, 200 workers,
# 50,000 cases taken in with case-add), generates N visits (default
# 1,000,000), times one whole import, then CRASH_RUNS times (default 20)
# starts "visit-log --import" and kills it with SIGKILL at a random moment
# of that time.  After each kill: "wushe-db check" passes and the database
# holds none or all of the import.  At the end the import is run again
# to completion on the crashed database and must land whole.
# Prints one "ok"/"not ok" line per check and "N passed, M failed".
# Environment: WUSHE_BIN (the binaries), CRASH_VISITS, CRASH_RUNS,
# CRASH_SEED (random seed; printed so a failure can be replayed).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
n=${CRASH_VISITS:-1000000}
runs=${CRASH_RUNS:-20}
seed=${CRASH_SEED:-$$}
RANDOM=$seed
now_ms() { date +%s%3N; }

echo "# crash-import: $n visits, $runs kills, seed $seed"
district "$n"
export WUSHE_DB=$t/base.db
{ wushe-db init && wushe-db load "$t/dir.yaml" &&
    case-add < "$t/cases.tsv"; } > /dev/null ||
    give_up "cannot build the base database"
sqlite3 "$t/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
cases=$(sqlite3 "$t/base.db" "SELECT count(*) FROM cases")

fresh() {
	rm -f "$t"/w.db "$t"/w.db-wal "$t"/w.db-shm
	cp "$t/base.db" "$t/w.db"
}
nvisits() { sqlite3 "$t/w.db" "SELECT count(*) FROM visit"; }
# checked WHAT: wushe-db check passes and the import is none or all.
checked() {
	local out rc v
	out=$(WUSHE_DB=$t/w.db wushe-db check 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || printf '%s\n' "$out" | sed 1d | grep -qv '	ok	'; then
		notok "$1: wushe-db check exited $rc"
		printf '%s\n' "$out" | sed 's/^/# /'
		return
	fi
	v=$(nvisits)
	if [ "$v" = 0 ] || [ "$v" = "$n" ]; then
		ok "$1: check passes, $v of $n visits"
	else
		notok "$1: $v of $n visits (expected 0 or $n)"
	fi
	[ "$(sqlite3 "$t/w.db" "SELECT count(*) FROM cases")" = "$cases" ] ||
	    notok "$1: cases changed"
}

# One whole import, timed: the kill moments fall inside it.
fresh
t0=$(now_ms)
WUSHE_DB=$t/w.db visit-log --import --quiet < "$t/visits.tsv"
rc=$?
ms=$(($(now_ms) - t0))
if [ $rc -eq 0 ] && [ "$(nvisits)" = "$n" ]; then
	ok "a whole import of $n visits lands in ${ms} ms"
else
	notok "a whole import exited $rc with $(nvisits) visits"
fi

fresh
k=1
whole=0
while [ $k -le "$runs" ]; do
	# 1 ms up to 110% of the import's time: some kills come before the
	# first row, some during the commit, a few after the end
	d=$(( (RANDOM * 32768 + RANDOM) % (ms * 11 / 10) + 1 ))
	WUSHE_DB=$t/w.db visit-log --import --quiet < "$t/visits.tsv" \
	    2> "$t/err" &
	pid=$!
	sleep "$(printf '%d.%03d' $((d / 1000)) $((d % 1000)))"
	kill -9 "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	rc=$?
	checked "kill $k after ${d} ms (exit $rc)"
	if [ "$(nvisits)" = "$n" ]; then
		whole=$((whole + 1))
		fresh		# landed before the kill: start again
	fi
	k=$((k + 1))
done
echo "# $whole of $runs imports finished before the kill"

# The crashed database takes the import again (from scratch if the last
# run landed whole).
[ "$(nvisits)" = "$n" ] && fresh
WUSHE_DB=$t/w.db visit-log --import --quiet < "$t/visits.tsv"
rc=$?
if [ $rc -eq 0 ] && [ "$(nvisits)" = "$n" ]; then
	ok "re-running the import after the crashes lands all $n visits"
else
	notok "re-running the import exited $rc with $(nvisits) visits"
fi
checked "after the re-run"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
