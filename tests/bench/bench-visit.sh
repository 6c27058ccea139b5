#!/bin/sh
# bench-visit.sh - the visit-log benchmarks of issue 3, each against the
# best plain sqlite3 can do in the same run:
#   visit-import-1m    visit-log --import of 1,000,000 visits from TSV vs
#                      sqlite3 .import into a bare table of the same columns
#                      (target 1.5x; validation and foreign keys on)
#   visit-import-100k  the same with 100,000 visits, and peak memory of
#                      both imports (flat: it must not grow with the input)
#   visit-one          one visit per process, 200 processes, vs 200
#                      sqlite3 "INSERT ..." processes (target 1.5x)
#   visit-due          visit-log --due on 1,000,000 visits and 50,000 cases
#                      vs the same question as one SQL query in sqlite3;
#                      visit-due-1s sets it against the 1 s budget
#   visit-concurrent   8 shell loops at once, each logging 500 visits one
#                      process per visit: all 4,000 land, none fails; vs
#                      the same loops with sqlite3 (given a busy timeout)
# The data are generated here (awk, deterministic) into $BENCH_TMP: a
# district of 30 communities, 200 workers and 50,000 cases with 5 years
# of visits.  Cases are taken in with case-add, visits with visit-log
# --import.
set -eu
. "$(dirname "$0")/lib.sh"
t=$BENCH_TMP/visit
mkdir -p "$t"

# ------------------------------------------------------------ the data
awk 'BEGIN {
	print "communities:"
	for (i = 1; i <= 30; i++)
		printf "  - {code: C%02d, name: 社区%02d, street: 街道}\n", i, i
	print "orgs:"
	print "  - {code: JD, name: 街道办事处, kind: street_office}"
	print "  - {code: AG, name: 社工服务中心, kind: sw_agency}"
	print "contracts:"
	print "  - {code: POST, title: 岗位购买, kind: post, purchaser: JD, " \
	    "provider: AG, start: 2010-01-01, end: 2029-12-31, amount: 1000000}"
	print "workers:"
	for (i = 1; i <= 200; i++)
		printf "  - {code: W%03d, name: 社工%03d, org: AG, " \
		    "active_from: 2010-01-01, contract: POST}\n", i, i
}' > "$t/dir.yaml"

# 50,000 cases; case i is in the charge of worker 1 + (i - 1) % 200, so
# worker w (0-based) has cases 1 + w + 200k.
awk -v n=50000 'BEGIN {
	OFS = "\t"
	split("elderly,empty_nest elderly disabled child family " \
	    "hardship youth elderly,disabled", cat, " ")
	split("low medium high", risk, " ")
	print "name", "sex", "birth_date", "community", "address",
	    "categories", "risk", "worker", "opened", "need", "source"
	for (i = 1; i <= n; i++)
		print "居民" i, (i % 2 ? "M" : "F"),
		    sprintf("%04d-%02d-%02d", 1930 + i % 70, 1 + i % 12,
		    1 + i % 28), sprintf("C%02d", 1 + i % 30), "某路" i "号",
		    cat[1 + i % 8], risk[1 + i % 3],
		    sprintf("W%03d", 1 + (i - 1) % 200),
		    sprintf("2014-%02d-%02d", 1 + i % 12, 1 + i % 28),
		    "定期探访", "社区转介"
}' > "$t/cases.tsv"

# 1,000,000 visits from 2015-01-01 on, in date order: 548 a day, each
# worker at most 3 a day at 08:00, 11:00 and 14:00, to one of its cases.
awk -v n=1000000 '
function ymd(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	if (m <= 2)
		y++
	return sprintf("%04d-%02d-%02d", y, m, d)
}
BEGIN {
	OFS = "\t"
	split("home phone office outreach escort mediation online", kind, " ")
	split("08:00 11:00 14:00", slot, " ")
	print "case_id", "worker", "date", "start", "minutes", "kind",
	    "status", "purpose", "note", "follow_up", "contract"
	day = 16436			# 2015-01-01
	for (i = 0; i < n; i++) {
		j = i % 548
		if (j == 0) {
			date = ymd(day); fu = ymd(day + 14); day++
		}
		w = j % 200
		s = int(j / 200)
		c = 1 + w + 200 * ((day * 7 + s * 89 + w) % 250)
		st = i % 20 == 0 ? "no_show" : i % 50 == 1 ? "cancelled" : "done"
		print c, sprintf("W%03d", w + 1), date, slot[s + 1],
		    30 + i % 4 * 15, kind[1 + i % 7], st, "定期探访",
		    "情绪稳定，按时服药", i % 10 == 3 ? fu : "", ""
	}
}' > "$t/visits.tsv"
head -n 100001 "$t/visits.tsv" > "$t/visits100k.tsv"

# The base database: directory and cases, no visits.
WUSHE_DB=$t/base.db wushe-db init >/dev/null
WUSHE_DB=$t/base.db wushe-db load "$t/dir.yaml" >/dev/null
WUSHE_DB=$t/base.db case-add < "$t/cases.tsv" >/dev/null
sqlite3 "$t/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

fresh() {
	rm -f "$t"/ours.db* "$t"/ref.db*
	cp "$t/base.db" "$t/ours.db"
}
ref_import() {	# ref_import FILE
	sqlite3 "$t/ref.db" "CREATE TABLE v(case_id, worker, date, start,
	    minutes, kind, status, purpose, note, follow_up, contract)" \
	    ".mode tabs" ".import $1 v"
}

# ------------------------------------------------------------ imports
ours_1m() { WUSHE_DB=$t/ours.db visit-log --import --quiet < "$t/visits.tsv"; }
ref_1m() { ref_import "$t/visits.tsv"; }
ours_100k() {
	WUSHE_DB=$t/ours.db visit-log --import --quiet < "$t/visits100k.tsv"
}
ref_100k() { ref_import "$t/visits100k.tsv"; }
BENCH_SETUP=fresh
o=$(best_of ours_100k)
r=$(best_of ref_100k)
report visit-import-100k "$o" "$r" 1.5
o=$(best_of ours_1m)
r=$(best_of ref_1m)
report visit-import-1m "$o" "$r" 1.5

fresh
m100=$(WUSHE_DB=$t/ours.db peak_kib visit-log --import --quiet \
    < "$t/visits100k.tsv")
fresh
m1m=$(WUSHE_DB=$t/ours.db peak_kib visit-log --import --quiet \
    < "$t/visits.tsv")
echo "bench visit-import-memory: peak ${m100} KiB at 100k visits, ${m1m} KiB at 1M visits"
BENCH_SETUP=

# The 1M database stays for --due; a copy takes the single visits.
mv "$t/ours.db" "$t/big.db"
cp "$t/big.db" "$t/one.db"

# ------------------------------------------------------- the due list
ours_due() {
	rc=0
	WUSHE_DB=$t/big.db visit-log --due > "$t/due.ours" || rc=$?
	[ "$rc" -le 1 ]
}
# The built-in rules (policy.c): high-risk empty_nest every 7 days,
# elderly every 30, everyone else every 90.
ref_due() {
	sqlite3 "$t/big.db" "
	WITH o AS MATERIALIZED (SELECT c.id, c.person, c.community, c.worker,
	    c.opened, (SELECT v.date FROM visit v WHERE v.case_id = c.id
	    AND v.date <= '$WUSHE_TODAY' AND v.status = 'done'
	    ORDER BY v.date DESC LIMIT 1) AS last,
	  CASE WHEN c.risk = 'high' AND EXISTS (SELECT 1 FROM case_category
	    cc WHERE cc.case_id = c.id AND cc.category = 'empty_nest') THEN 7
	  WHEN EXISTS (SELECT 1 FROM case_category cc WHERE cc.case_id = c.id
	    AND cc.category = 'elderly') THEN 30 ELSE 90 END AS every
	  FROM cases c WHERE c.status = 'open' AND c.opened <= '$WUSHE_TODAY'),
	d AS (SELECT o.*, CASE WHEN last IS NULL THEN opened
	    ELSE date(last, '+' || every || ' days') END AS rdue,
	  (SELECT min(f.follow_up) FROM visit f WHERE f.case_id = o.id
	    AND f.date >= coalesce(o.last, '') AND f.date <= '$WUSHE_TODAY'
	    AND f.follow_up > coalesce(o.last, '')) AS fdue FROM o),
	e AS (SELECT d.*, min(coalesce(rdue, fdue), coalesce(fdue, rdue))
	    AS due FROM d)
	SELECT e.id, substr(p.name, 1, 1) || '*', e.community, e.worker,
	  e.last, e.due, CAST(julianday('$WUSHE_TODAY') - julianday(e.due)
	  AS INTEGER) AS days
	FROM e JOIN person p ON p.id = e.person WHERE e.due <= '$WUSHE_TODAY'
	ORDER BY days DESC, e.id" > "$t/due.ref"
}
o=$(best_of ours_due)
r=$(best_of ref_due)
report visit-due "$o" "$r" 1.5
report visit-due-1s "$o" 1.000 1
n1=$(($(wc -l < "$t/due.ours") - 1))
n2=$(wc -l < "$t/due.ref")
[ "$n1" -eq "$n2" ] ||
    echo "bench visit-due: warning: $n1 cases due, sqlite3 says $n2" >&2

# -------------------------------------------------- one visit a process
# Different cases on one day without a start time: nothing overlaps.
ours_one() {
	i=1
	while [ $i -le 200 ]; do
		WUSHE_DB=$t/one.db visit-log --case $i --minutes 10 \
		    --kind phone --date 2019-12-30 --quiet || return 1
		i=$((i + 1))
	done
}
ref_one() {
	i=1
	while [ $i -le 200 ]; do
		sqlite3 "$t/one.db" "INSERT INTO visit (case_id, worker, date,
		    minutes, kind) VALUES ($i, 'W001', '2019-12-30', 10,
		    'phone')" || return 1
		i=$((i + 1))
	done
}
o=$(best_of ours_one)
r=$(best_of ref_one)
report visit-one "$o" "$r" 1.5

# ----------------------------------------------------------- concurrency
# Loop k logs 500 visits for cases 1 + k + 8j on 2019-12-29; 8 loops at
# once.  Each loop writes its failures to a file.
loop() {	# loop K ours|ref
	j=0
	: > "$t/fail.$1"
	while [ $j -lt 500 ]; do
		c=$((1 + $1 + 8 * j))
		if [ "$2" = ours ]; then
			WUSHE_DB=$t/conc.db visit-log --case $c --minutes 10 \
			    --kind phone --date 2019-12-29 --quiet \
			    2>> "$t/fail.$1" || echo "exit $?" >> "$t/fail.$1"
		else
			sqlite3 -cmd ".timeout 10000" "$t/conc.db" "INSERT INTO
			    visit (case_id, worker, date, minutes, kind) VALUES
			    ($c, 'W001', '2019-12-29', 10, 'phone')" \
			    2>> "$t/fail.$1" || echo "exit $?" >> "$t/fail.$1"
		fi
		j=$((j + 1))
	done
}
conc() {	# conc ours|ref
	rm -f "$t"/conc.db*
	cp "$t/base.db" "$t/conc.db"
	k=0
	pids=
	while [ $k -lt 8 ]; do
		loop $k "$1" &
		pids="$pids $!"
		k=$((k + 1))
	done
	for p in $pids; do
		wait "$p"
	done
}
ours_conc() { conc ours; }
ref_conc() { conc ref; }
BENCH_RUNS=1
o=$(best_of ours_conc)
landed=$(sqlite3 "$t/conc.db" "SELECT count(*) FROM visit")
failed=$(cat "$t"/fail.* | grep -c . || true)
r=$(best_of ref_conc)
report visit-concurrent "$o" "$r" 1.5
echo "bench visit-concurrent: $landed of 4000 visits landed, $failed failures"
[ "$landed" -eq 4000 ] && [ "$failed" -eq 0 ]
