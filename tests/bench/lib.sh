# lib.sh - shared by the benchmark scripts; sourced, not run.
# Every benchmark prints exactly one line per measure:
#   bench NAME: ours X s, reference Y s, ratio R (target <= T)
# Times are wall-clock seconds, best of $BENCH_RUNS runs (default 3),
# measured in the same run as the reference so machines compare fairly.

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
