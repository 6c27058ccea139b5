#!/bin/sh
# bench-decade.sh - a district's decade on one file (issue 18): ten
# streets, 200,000 cases, 20,000,000 visits over 2010-01-01..2019-12-31,
# 50 contracts a year (500), 20,000 activities a year: the district of
# district.sh over ten years.  Run by `BENCH=decade make bench` only (it
# builds several GB and takes minutes; run.sh leaves it out otherwise).
# DECADE_VISITS (default 20000000) sets the visits of the big database.
# Every line is measured on it.
#   decade-due       visit-log --due against the best hand SQL of the same
#                    list (every figure compared: a difference fails the
#                    benchmark); decade-due-1s the absolute 1 s
#   decade-grant     grant-report --month 2019-06 against the hand SQL of
#                    the same figures (bench-grant.sh's, every figure
#                    compared); decade-grant-1s the absolute 1 s
#   decade-check     wushe-db check, timed (the generated rows have no
#                    audit rows, so it finds a problem and exits 65: the
#                    time is what is measured)
#   decade-backup    wushe-db backup, timed
#   decade-memory-*  peak resident memory of each read command on the same
#                    district with 2,000,000 visits and with DECADE_VISITS
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/district.sh"
# DECADE_ORDER (default date) is the order the visits are inserted in:
# date, as they are logged, or scattered, visit i of bench-grant.sh's
# generator (its dates spread at random over the table's rows).
nvisits=${DECADE_VISITS:-20000000}
order=${DECADE_ORDER:-date}
nsmall=2000000
t=$BENCH_TMP/decade
mkdir -p "$t"
cd "$t"
small=$t/small.db
db=$t/decade.db
district_db "$small" 200000 "$nsmall" 2010 10 "$order"
if [ "$nvisits" -eq "$nsmall" ]; then
	db=$small
else
	district_db "$db" 200000 "$nvisits" 2010 10 "$order"
fi

# ------------------------------------------------------- the due list
ours_due() {
	rc=0
	WUSHE_DB=$db visit-log --due > "$t/due.ours" || rc=$?
	[ "$rc" -le 1 ]
}
# The built-in rules (policy.c): high-risk empty_nest every 7 days,
# elderly every 30, everyone else every 90.  Both CTEs are materialized:
# each correlated lookup runs once per case (flattened, the follow-up
# lookup would run once for every mention of due), and they keep only
# what the next step needs (the printed columns are read for the cases
# due).  Voided visits do not count (v_contact, and the follow-ups' NOT
# IN), a reopening counts as an opening unless contacted since, as in
# visit-log.
ref_due() {
	sqlite3 "$db" "
	WITH o AS MATERIALIZED (SELECT c.id, c.opened,
	    (SELECT v.date FROM v_contact v WHERE v.case_id = c.id
	    AND v.date <= '$WUSHE_TODAY' ORDER BY v.date DESC LIMIT 1) AS last,
	  (SELECT max(r.date) FROM case_reopen r WHERE r.case_id = c.id
	    AND r.date <= '$WUSHE_TODAY') AS reopened,
	  CASE WHEN c.risk = 'high' AND EXISTS (SELECT 1 FROM case_category
	    cc WHERE cc.case_id = c.id AND cc.category = 'empty_nest') THEN 7
	  WHEN EXISTS (SELECT 1 FROM case_category cc WHERE cc.case_id = c.id
	    AND cc.category = 'elderly') THEN 30 ELSE 90 END AS every
	  FROM cases c WHERE c.opened <= '$WUSHE_TODAY'
	    AND (c.status = 'open' OR c.closed > '$WUSHE_TODAY')),
	d AS MATERIALIZED (SELECT id, last, CASE WHEN reopened IS NOT NULL
	    AND (last IS NULL OR last < reopened) THEN reopened
	    WHEN last IS NULL THEN opened
	    ELSE date(last, '+' || every || ' days') END AS rdue,
	  (SELECT min(f.follow_up) FROM visit f WHERE f.case_id = o.id
	    AND f.date >= coalesce(o.last, '') AND f.date <= '$WUSHE_TODAY'
	    AND f.follow_up > coalesce(o.last, '')
	    AND f.follow_up >= coalesce(o.reopened, '')
	    AND f.id NOT IN (SELECT visit FROM visit_void)) AS fdue FROM o),
	e AS (SELECT id, last,
	    min(coalesce(rdue, fdue), coalesce(fdue, rdue)) AS due FROM d)
	SELECT e.id, substr(p.name, 1, 1) || '*', c.community, c.worker,
	  e.last, e.due, CAST(julianday('$WUSHE_TODAY') - julianday(e.due)
	  AS INTEGER) AS days
	FROM e JOIN cases c ON c.id = e.id JOIN person p ON p.id = c.person
	WHERE e.due <= '$WUSHE_TODAY' ORDER BY days DESC, e.id" > "$t/due.ref"
}
o=$(best_of ours_due)
r=$(best_of ref_due)
# every figure of the reference against ours (the name is masked
# differently, so it is left out): case, community, worker, last
# contact, due, days overdue; a difference fails the benchmark
tail -n +2 "$t/due.ours" | cut -f 1,3-7 > "$t/due.ours.cut"
tr '|' '\t' < "$t/due.ref" | cut -f 1,3-7 > "$t/due.ref.cut"
if [ ! -s "$t/due.ref.cut" ] || ! cmp -s "$t/due.ref.cut" "$t/due.ours.cut"; then
	echo "bench decade-due: the due list differs from the reference SQL (< sqlite3, > ours):" >&2
	diff "$t/due.ref.cut" "$t/due.ours.cut" | head -20 >&2
	exit 1
fi
echo "bench decade-due: the $(wc -l < "$t/due.ref.cut") cases due of the reference SQL (case, community, worker, last contact, due, days) equal ours"
report decade-due "$o" "$r" 1.2
report_abs decade-due-1s "$o" 1

# ------------------------------------------------- one month's grants
ours_grant() {
	WUSHE_DB=$db grant-report --month 2019-06 --format json \
	    > "$t/grant.json" || [ $? -eq 2 ]
}
# district.sh's grant_ref, bench-grant.sh's reference.
ref_grant() { grant_ref "$db" "$t/grant.ref"; }
o=$(best_of ours_grant)
r=$(best_of ref_grant)
grant_same decade-grant "$t/grant.json" "$t/grant.ref"
report decade-grant "$o" "$r" 1.2
report_abs decade-grant-1s "$o" 1

# ------------------------------------------------ check and backup
# Each read command's peak resident memory: mem DB CMD... prints it (in
# KiB); check's exit 65 (the rows without audit rows), the due list's 1
# (cases due) and the grant report's 2 (contracts behind) are results,
# not failures (peak_kib of lib.sh stops at any exit status but 0).
mem() {
	_m=$1
	shift
	_rc=0
	WUSHE_DB=$_m /usr/bin/time -f %M -o "$t/peak" "$@" >/dev/null \
	    2>"$t/peak.err" || _rc=$?
	if [ "$_rc" -gt 2 ] && [ "$_rc" -ne 65 ]; then
		echo "bench: exit $_rc: $*" >&2
		cat "$t/peak.err" >&2
		return 1
	fi
	grep -E '^[0-9]+$' "$t/peak" | tail -n 1
}
# No target is set for check and backup: the limits below are generous
# bounds.  One run each (check reads every row of every table), its peak
# memory kept for the memory lines.
ours_check() { mem "$db" wushe-db check > "$t/check.peak"; }
ours_backup() {
	mem "$db" sh -c 'rm -f "$1" && exec wushe-db backup "$1"' sh \
	    "$t/backup.db" > "$t/backup.peak"
}
o=$(BENCH_RUNS=1 best_of ours_check)
report_abs decade-check "$o" 900
o=$(BENCH_RUNS=1 best_of ours_backup)
report_abs decade-backup "$o" 300
rm -f "$t/backup.db"

# --------------------------------------------------- flat memory
memline() {	# memline NAME PEAK|- CMD...: PEAK at the big size if known
	_n=$1
	_b=$2
	shift 2
	a=$(mem "$small" "$@")
	if [ "$_b" = - ]; then
		b=$(mem "$db" "$@")
	else
		b=$_b
	fi
	echo "bench decade-memory-$_n: peak $a KiB at $nsmall visits, $b KiB at $nvisits visits"
}
memline due - visit-log --due
memline grant - grant-report --month 2019-06 --format json
memline check "$(cat "$t/check.peak")" wushe-db check
memline backup "$(cat "$t/backup.peak")" sh -c 'rm -f "$1" &&
    exec wushe-db backup "$1"' sh "$t/backup.db"
rm -f "$t/backup.db"
memline case-list - case-list
memline visit-list - visit-log --list --month 2019-06
memline visit-summary - visit-log --list --summary worker --month 2019-06
