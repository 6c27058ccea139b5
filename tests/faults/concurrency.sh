#!/usr/bin/env bash
# concurrency.sh - eight writers and two readers at once (issue 6).
# On a district of 50,000 cases with 100,000 visits (tests/bench/gen-*.awk),
# eight shell loops log one visit per visit-log process (each loop its own
# cases, so nothing overlaps) while two loops run grant-report on the
# month, all for CONC_SECONDS (default 20).  Passes when no process
# failed (a writer exits 0, a reader 0 or 2) and the database holds
# exactly the visits the writers said they wrote.
# Prints one "ok"/"not ok" line per check and "N passed, M failed".
# Environment: WUSHE_BIN (the binaries), CONC_SECONDS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
secs=${CONC_SECONDS:-20}

echo "# concurrency: 8 writers, 2 readers, ${secs} s"
district 100000
export WUSHE_DB=$t/w.db
{ wushe-db init && wushe-db load "$t/dir.yaml" &&
    case-add < "$t/cases.tsv" &&
    visit-log --import --quiet < "$t/visits.tsv"; } > /dev/null ||
    give_up "cannot build the database"
before=$(sqlite3 "$t/w.db" "SELECT count(*) FROM visit")
end=$(( $(date +%s) + secs ))

# writer K: cases 1 + K + 8j on 2019-12-30, one process each; prints the
# number it wrote to $t/wrote.K and every failure to $t/fail.K.
writer() {
	local k=$1 j=0 n=0 rc
	: > "$t/fail.$k"
	while [ "$(date +%s)" -lt "$end" ] && [ $j -lt 6250 ]; do
		visit-log --case $((1 + k + 8 * j)) --minutes 10 \
		    --kind phone --date 2019-12-30 --quiet 2>> "$t/fail.$k"
		rc=$?
		if [ $rc -eq 0 ]; then
			n=$((n + 1))
		else
			echo "visit-log --case $((1 + k + 8 * j)): exit $rc" \
			    >> "$t/fail.$k"
		fi
		j=$((j + 1))
	done
	echo $n > "$t/wrote.$k"
}
# reader K: grant-report for December (exit 0 on track, 2 behind).
reader() {
	local k=$1 n=0 rc
	: > "$t/rfail.$k"
	while [ "$(date +%s)" -lt "$end" ]; do
		grant-report --month 2019-12 --format csv > "$t/report.$k" \
		    2>> "$t/rfail.$k"
		rc=$?
		if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
			echo "grant-report: exit $rc" >> "$t/rfail.$k"
		elif ! grep -q 'POST,' "$t/report.$k"; then
			echo "grant-report: no POST line" >> "$t/rfail.$k"
		fi
		n=$((n + 1))
	done
	echo $n > "$t/reads.$k"
}

pids=
for k in 0 1 2 3 4 5 6 7; do
	writer $k &
	pids="$pids $!"
done
for k in 0 1; do
	reader $k &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p"
done

wrote=0
for k in 0 1 2 3 4 5 6 7; do
	wrote=$((wrote + $(cat "$t/wrote.$k")))
done
reads=$(( $(cat "$t/reads.0") + $(cat "$t/reads.1") ))
landed=$(( $(sqlite3 "$t/w.db" "SELECT count(*) FROM visit") - before ))
echo "# writers say they wrote $wrote visits; $landed landed; $reads reports"
if cat "$t"/fail.* | grep -q .; then
	notok "writers failed: $(cat "$t"/fail.* | grep -c .) error lines"
	cat "$t"/fail.* | head -5 | sed 's/^/# /'
else
	ok "eight writers: no error ($wrote visits)"
fi
if cat "$t"/rfail.* | grep -q .; then
	notok "readers failed: $(cat "$t"/rfail.* | grep -c .) error lines"
	cat "$t"/rfail.* | head -5 | sed 's/^/# /'
else
	ok "two readers: no error ($reads reports)"
fi
if [ "$landed" -eq "$wrote" ] && [ "$wrote" -gt 0 ]; then
	ok "no lost row: $landed visits landed, as the writers said"
else
	notok "$landed visits landed, the writers said $wrote"
fi
out=$(wushe-db check 2>&1)
if [ $? -eq 0 ] && ! printf '%s\n' "$out" | sed 1d | grep -qv '	ok	'; then
	ok "wushe-db check passes afterwards"
else
	notok "wushe-db check fails afterwards"
	printf '%s\n' "$out" | sed 's/^/# /'
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
