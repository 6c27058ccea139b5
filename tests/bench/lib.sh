# lib.sh - shared by the benchmark scripts; sourced, not run.
# Every benchmark prints exactly one line per measure, either a ratio to a
# reference measured in the same run (so machines compare fairly):
#   bench NAME: ours X s, reference Y s, ratio R (target <= T)
# or, for a target in seconds with no measured reference, an absolute one:
#   bench NAME: ours X s, absolute target <= T s: met|missed
# Times are wall-clock seconds, best of $BENCH_RUNS runs (default 3).

BENCH_RUNS=${BENCH_RUNS:-3}
PATH="$WUSHE_BIN:$PATH"
export PATH
export WUSHE_TODAY=${WUSHE_TODAY:-2019-12-31}

now() { date +%s.%N; }

# best_of CMD...: run CMD (a shell function or command) $BENCH_RUNS times
# and print the fastest wall time.  A setup function named by $BENCH_SETUP,
# when set, runs before each run and is not timed.
best_of() {
	best=""
	i=0
	while [ $i -lt "$BENCH_RUNS" ]; do
		[ -n "${BENCH_SETUP:-}" ] && $BENCH_SETUP
		t0=$(now)
		"$@" || { echo "bench: command failed: $*" >&2; return 1; }
		t1=$(now)
		best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN {
		    t = b - a; if (best == "" || t < best) best = t; print best }')
		i=$((i + 1))
	done
	printf '%.3f\n' "$best"
}

# report NAME OURS REF TARGET: print the bench line.
report() {
	ratio=$(awk -v o="$2" -v r="$3" 'BEGIN { printf "%.2f", (r > 0) ? o / r : 0 }')
	printf 'bench %s: ours %s s, reference %s s, ratio %s (target <= %s)\n' \
	    "$1" "$2" "$3" "$ratio" "$4"
}

# report_abs NAME OURS LIMIT: print the absolute bench line.
report_abs() {
	awk -v n="$1" -v o="$2" -v l="$3" 'BEGIN {
	    printf "bench %s: ours %s s, absolute target <= %s s: %s\n", n, o,
	    l, (o <= l) ? "met" : "missed" }'
}

# peak_kib CMD...: print the peak resident memory of CMD in KiB (stdin is
# passed through), or "?" when /usr/bin/time is missing.
peak_kib() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$BENCH_TMP/peak" "$@" >/dev/null || return 1
		cat "$BENCH_TMP/peak"
	else
		"$@" >/dev/null
		echo "?"
	fi
}

# sqlite_alone_db FROM TO TABLE FILE COLUMNS: make TO, a copy of the wushe
# database FROM with FILE (TSV with a header) loaded into TABLE (COLUMNS),
# so that the timed part (sqlite_alone) is only the INSERT ... SELECT of
# the rows the schema needs: no parsing, no validation.  This is the floor
# under any wushe import: its ratio to sqlite3 .import shows how much of a
# target the schema leaves.
sqlite_alone_db() {
	rm -f "$2" "$2"-*
	cp "$1" "$2"
	sqlite3 "$2" "CREATE TABLE $3 ($5)" ".mode tabs" \
	    ".import --skip 1 $4 $3" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
}

# sqlite_alone DB SQL: run SQL in DB in one transaction as a bulk intake
# does (tests/bench/alone.c: the connection of a wushe command, with its
# SQL functions and pragmas, and the batch's audit rows written before
# the COMMIT, issue 18).
sqlite_alone() {
	"$WUSHE_BENCH_ALONE" --bulk "$1" "$2"
}
