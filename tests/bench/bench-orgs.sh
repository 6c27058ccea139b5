#!/bin/sh
# bench-orgs.sh - a city's register: 50,000 social organisations (and
# 5,000 community groups that do not report) with five years of annual
# reports (2016 to 2020), against the best hand SQL for the same rows in
# the sqlite3 shell: annual-report --status, --due and --abnormal for
# 2020 as of 2021-06-30, and org-report --growth --year 2020.  Targets:
# each under 1 s and at most 1.2 times the reference.
#
# What the ratio measures: the hand SQL only selects the rows and the
# sqlite3 shell prints them as they come; ours also works out each
# report's standing and review day and builds the document model (each
# cell's text copied into the document's pool, doc.c), then lays the text
# out in aligned columns, measuring every cell's display width once.  The
# query itself is the same work as the reference's.
#
# The data is generated with SQL straight into a database made by
# wushe-db init, as the other benchmarks do.  Every output is written in
# text, the format a person reads; the reference prints the same rows
# with the sqlite3 shell's list mode.  The reference cannot count working
# days (SQLite has no calendar of holidays), so it prints the review's
# receipt date where ours prints the review's deadline.
set -eu
. "$(dirname "$0")/lib.sh"
export WUSHE_TODAY=2021-06-30
t=$BENCH_TMP/orgs
mkdir -p "$t"
cd "$t"
db=$t/city.db
rm -f "$db" "$db"-*
WUSHE_DB=$db wushe-db init >/dev/null

sqlite3 "$db" <<EOF
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO meta(key, value) VALUES ('site', 'bench city');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 55000)
INSERT INTO org(code, name, kind, registered, deregistered, county,
    brand_since, hub)
    SELECT printf('SO%05d', i), printf('organisation %d', i),
        CASE WHEN i > 50000 THEN 'community_group' ELSE
        CASE i % 4 WHEN 0 THEN 'social_group' WHEN 1 THEN
        'private_non_enterprise' WHEN 2 THEN 'sw_agency'
        ELSE 'foundation' END END,
        date('2000-01-01', '+' || (i * 7919 % 7670) || ' days'),
        CASE WHEN i % 37 = 0 THEN
            date('2015-01-01', '+' || (i * 31 % 2300) || ' days') END,
        printf('county %d', i % 12 + 1),
        CASE WHEN i % 211 = 0 THEN
            date('2016-01-01', '+' || (i % 1800) || ' days') END,
        i % 97 = 0
    FROM n;
-- the reports of 2016 to 2020: most received by the deadline, some late,
-- some never; of those received most reviewed, some returned
CREATE TEMP TABLE rep AS
    SELECT o.code AS org, y.y AS year,
        date(printf('%04d-01-05', y.y + 1), '+' ||
            ((abs(random()) % 120)) || ' days') AS first,
        abs(random()) % 10 AS fate
    FROM org o, (SELECT 2016 AS y UNION ALL SELECT 2017 UNION ALL
        SELECT 2018 UNION ALL SELECT 2019 UNION ALL SELECT 2020) y
    WHERE o.kind <> 'community_group' AND o.registered <= y.y || '-12-31'
        AND (o.deregistered IS NULL OR
            o.deregistered > (y.y + 1) || '-03-31');
DELETE FROM rep WHERE fate = 0;
INSERT INTO annual_event(org, year, event, date)
    SELECT org, year, 'submit', first FROM rep;
INSERT INTO annual_event(org, year, event, date, reason)
    SELECT org, year, 'return', date(first, '+5 days'), 'incomplete'
    FROM rep WHERE fate = 1;
INSERT INTO annual_event(org, year, event, date, conclusion)
    SELECT org, year, 'accept', date(first, '+9 days'),
        CASE fate WHEN 9 THEN 'unqualified' WHEN 8 THEN
        'basically_qualified' ELSE 'qualified' END
    FROM rep WHERE fate > 2;
INSERT INTO annual_report(org, year, state, first, submitted, returned,
    reason, reviewed, conclusion)
    SELECT org, year, CASE WHEN fate = 1 THEN 'returned' WHEN fate = 2
        THEN 'received' ELSE 'reviewed' END, first, first,
        CASE WHEN fate = 1 THEN date(first, '+5 days') END,
        CASE WHEN fate = 1 THEN 'incomplete' END,
        CASE WHEN fate > 2 THEN date(first, '+9 days') END,
        CASE fate WHEN 9 THEN 'unqualified' WHEN 8 THEN
        'basically_qualified' WHEN 1 THEN NULL WHEN 2 THEN NULL
        ELSE 'qualified' END
    FROM rep;
COMMIT;
ANALYZE;
EOF

kinds="'social_group', 'private_non_enterprise', 'foundation', 'sw_agency'"
required="o.kind IN ($kinds) AND o.registered <= '2020-12-31'
    AND (o.deregistered IS NULL OR o.deregistered > '2021-03-31')"
join="FROM org o LEFT JOIN annual_report a ON a.year = 2020
    AND a.org = o.code"

ours_status() { WUSHE_DB=$db annual-report --status --year 2020 \
    --format text > "$t/ours.status"; }
ours_due() { WUSHE_DB=$db annual-report --due --year 2020 \
    --format text > "$t/ours.due" || [ $? -eq 1 ]; }
ours_abnormal() { WUSHE_DB=$db annual-report --abnormal --year 2020 \
    --format text > "$t/ours.abnormal"; }
ours_growth() { WUSHE_DB=$db org-report --growth --year 2020 \
    --format text > "$t/ours.growth" || [ $? -eq 2 ]; }

ref_status() { sqlite3 "$db" "SELECT o.code, o.name, o.kind, a.state,
    a.submitted, a.conclusion, max(0, julianday(coalesce(a.first,
    '2021-06-30')) - julianday('2021-03-31')) $join WHERE $required
    ORDER BY o.code" > "$t/ref.status"; }
ref_due() { sqlite3 "$db" "SELECT o.code, o.name, o.kind,
    coalesce(a.state, 'overdue'), '2021-03-31', max(0,
    julianday('2021-06-30') - julianday('2021-03-31')) $join
    WHERE $required AND (a.org IS NULL OR a.state = 'returned')
    ORDER BY o.code" > "$t/ref.due"; }
ref_abnormal() { sqlite3 "$db" "SELECT o.code, o.name, o.kind,
    CASE WHEN a.first IS NULL THEN 'not_received' WHEN a.first >
    '2021-03-31' THEN 'late' ELSE 'not_resubmitted' END, '2021-03-31',
    a.first, max(0, julianday(coalesce(a.first, '2021-06-30')) -
    julianday('2021-03-31')) $join WHERE $required AND (a.first IS NULL
    OR a.first > '2021-03-31' OR a.state = 'returned')
    ORDER BY o.code" > "$t/ref.abnormal"; }
ref_growth() { sqlite3 "$db" "SELECT kind,
    sum(registered <= '2019-12-31' AND (deregistered IS NULL OR
        deregistered > '2019-12-31')),
    sum(registered BETWEEN '2020-01-01' AND '2020-12-31'),
    sum(deregistered BETWEEN '2020-01-01' AND '2020-12-31'),
    sum(registered <= '2020-12-31' AND (deregistered IS NULL OR
        deregistered > '2020-12-31')),
    sum(brand_since BETWEEN '2020-01-01' AND '2020-12-31')
    FROM org WHERE kind IN ($kinds) AND registered IS NOT NULL
    GROUP BY kind" > "$t/ref.growth"; }

rc=0
for m in status due abnormal growth; do
	o=$(best_of ours_$m)
	r=$(best_of ref_$m)
	# the same organisations: the reference's rows against ours
	case $m in
	growth)	want=$(awk -F'|' '{ s += $5 } END { print s }' "$t/ref.growth")
		got=$(awk '$1 == "Total" { print $5 }' "$t/ours.growth") ;;
	*)	want=$(wc -l < "$t/ref.$m")
		got=$(grep -c '^  SO[0-9]' "$t/ours.$m" || true) ;;
	esac
	if [ "$want" != "$got" ]; then
		echo "bench orgs $m: rows differ: sqlite3 $want, ours $got" >&2
		rc=1
	fi
	name=annual-report-$m
	[ "$m" = growth ] && name=org-report-growth
	report "$name" "$o" "$r" 1.2
	awk -v o="$o" -v n="$name" 'BEGIN { printf "bench %s: note: under 1 s absolute: %s\n", n, o < 1 ? "met" : "missed" }'
done
exit $rc
