#!/bin/sh
# bench-workforce.sh - workforce-report (issue 17) at the size of a
# province:
#  - workforce-report on one register of 10,000 workers (8,000 of them
#    youth-affairs, every qualification, joining and leaving around the
#    date), 2,000 youth homes with 2 to 3 staff entries each, 500
#    organisations in 84 counties, against the plain SQL that computes
#    the same figures (workers by county and qualification on the date,
#    each open home's counted workers) in the sqlite3 shell;
#  - workforce-report --merge of 100 sites' json reports (20 homes and 3
#    counties each), against jq adding up the same totals and counties.
# Target: each under 1 s; the ratio target printed is the ratio at which
# ours would take 1 s.  The data goes in with SQL straight into a database
# made by wushe-db init (loading 12,500 directory entries through
# wushe-db load is not what is measured here).
set -eu
. "$(dirname "$0")/lib.sh"
pol=$(cd "$(dirname "$0")/../../examples" && pwd)/policy-fujian-youth-2018.yaml
t=$BENCH_TMP/workforce
mkdir -p "$t"
cd "$t"
db=$t/province.db
rm -f "$db" "$db"-*
WUSHE_DB=$db wushe-db init >/dev/null
sqlite3 "$db" <<'EOF'
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO meta(key, value) VALUES ('site', 'bench province');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO org(code, name, kind, county, league_affiliated, registered,
    training_base, demonstration_unit)
    SELECT printf('O%03d', i), printf('agency %d', i), 'sw_agency',
        printf('county %02d', i % 84), i % 7 = 0, '2019-01-01',
        CASE WHEN i % 200 = 0 THEN '2020-06-01' END,
        CASE WHEN i % 90 = 0 THEN '2021-06-01' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 10000)
INSERT INTO worker(code, name, org, youth_affairs, qualification,
    qualified_on, county, active_from, active_to)
    SELECT printf('W%05d', i), printf('worker %d', i),
        printf('O%03d', i % 500 + 1), i % 5 <> 0,
        CASE i % 4 WHEN 0 THEN 'none' WHEN 1 THEN 'assistant'
        WHEN 2 THEN 'intermediate' ELSE 'senior' END,
        CASE WHEN i % 4 <> 0 THEN date('2018-01-01', '+' || (i % 2000) ||
        ' days') END, printf('county %02d', i % 84),
        date('2017-01-01', '+' || (i * 7 % 2400) || ' days'),
        CASE WHEN i % 9 = 0 THEN date('2022-01-01', '+' || (i % 900) ||
        ' days') END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO youth_home(code, name, county, opened)
    SELECT printf('H%04d', i), printf('youth home %d', i),
        printf('county %02d', i % 84),
        date('2019-01-01', '+' || (i % 1800) || ' days') FROM n;
INSERT INTO youth_home_staff(youth_home, worker, served_from, served_to)
    SELECT code, printf('W%05d', (rowid * 5) % 10000 + 1), '2019-01-01',
        NULL FROM youth_home;
INSERT INTO youth_home_staff(youth_home, worker, served_from, served_to)
    SELECT code, printf('W%05d', (rowid * 5 + 1) % 10000 + 1), '2020-01-01',
        '2023-05-31' FROM youth_home;
INSERT INTO youth_home_staff(youth_home, worker, served_from, served_to)
    SELECT code, printf('W%05d', (rowid * 5 + 2) % 10000 + 1), NULL, NULL
        FROM youth_home WHERE rowid % 2 = 0;
COMMIT;
ANALYZE;
EOF

ours() {
	WUSHE_DB=$db workforce-report --as-of 2023-06-30 --policy "$pol" \
	    --format json > "$t/ours.json" || [ $? -eq 2 ]
}
ref() {
	sqlite3 "$db" > "$t/ref.txt" <<'EOF'
WITH y AS (SELECT code, county, CASE WHEN qualification IS NULL OR
    qualified_on > '2023-06-30' THEN 'none' ELSE qualification END AS q
    FROM worker WHERE youth_affairs = 1 AND
    (active_from IS NULL OR active_from <= '2023-06-30') AND
    (active_to IS NULL OR active_to >= '2023-06-30'))
SELECT county, q, count(*) FROM y GROUP BY county, q
UNION ALL
SELECT h.code, '', count(DISTINCT y.code) FROM youth_home h
    LEFT JOIN youth_home_staff s ON s.youth_home = h.code AND
    (s.served_from IS NULL OR s.served_from <= '2023-06-30') AND
    (s.served_to IS NULL OR s.served_to >= '2023-06-30')
    LEFT JOIN y ON y.code = s.worker AND y.q <> 'none'
    WHERE h.opened IS NULL OR h.opened <= '2023-06-30' GROUP BY h.code;
EOF
}
o=$(best_of ours)
r=$(best_of ref)
report "workforce-report: 10k workers, 2k youth homes, vs the plain SQL of its figures" \
    "$o" "$r" "$(awk -v r="$r" 'BEGIN { printf "%.2f", (r > 0) ? 1 / r : 0 }')"

# 100 sites: the province's report cut into sites of 20 youth homes, each
# with its own report record, three counties and its share of the totals
awk -v n=100 'BEGIN {
    for (s = 1; s <= n; s++) {
	printf "{\"type\":\"report\",\"site\":\"site %03d\",\"as_of\":\"2023-06-30\",\"counted\":\"assistant,intermediate,senior\",\"policy\":null}\n", s
	printf "{\"type\":\"total\",\"measure\":\"youth_workers\",\"value\":%d,\"target\":null}\n", 60 + s % 7
	printf "{\"type\":\"total\",\"measure\":\"unqualified_youth_workers\",\"value\":%d,\"target\":null}\n", 20 + s % 3
	printf "{\"type\":\"total\",\"measure\":\"training_bases\",\"value\":%d,\"target\":null}\n", s % 40 == 0
	printf "{\"type\":\"total\",\"measure\":\"demonstration_units\",\"value\":%d,\"target\":null}\n", s % 20 == 0
	for (c = 0; c < 3; c++) {
	    printf "{\"type\":\"county\",\"county\":\"county %02d\",\"league_agencies\":%d,\"youth_workers\":%d}\n", (s * 3 + c) % 84, (s + c) % 2, 20 + c
	    printf "{\"type\":\"qualification\",\"county\":\"county %02d\",\"qualification\":\"senior\",\"youth_workers\":%d}\n", (s * 3 + c) % 84, 20 + c
	}
	for (h = 1; h <= 20; h++)
	    printf "{\"type\":\"youth_home\",\"site\":\"site %03d\",\"code\":\"H%02d\",\"name\":\"youth home %d\",\"county\":\"county %02d\",\"community\":null,\"youth_workers\":%d}\n", s, h, h, (s * 3 + h % 3) % 84, (s + h) % 4
    }
}' > "$t/sites.json"

merge() {
	workforce-report --merge --policy "$pol" --format json \
	    < "$t/sites.json" > "$t/merged.json" || [ $? -eq 2 ]
}
jqref() {
	jq -s -c '[.[] | select(.type == "total")] | group_by(.measure) |
	    map({measure: .[0].measure, value: (map(.value) | add)})' \
	    "$t/sites.json" > "$t/jq-totals.json"
	jq -s -c '[.[] | select(.type == "county")] | group_by(.county) |
	    map({county: .[0].county, league_agencies: (map(.league_agencies)
	    | add), youth_workers: (map(.youth_workers) | add)})' \
	    "$t/sites.json" > "$t/jq-counties.json"
}
if command -v jq >/dev/null; then
	o=$(best_of merge)
	r=$(best_of jqref)
	report "workforce-merge: 100 sites, 2k youth homes, vs jq adding up the same" \
	    "$o" "$r" "$(awk -v r="$r" 'BEGIN { printf "%.2f", (r > 0) ? 1 / r : 0 }')"
else
	o=$(best_of merge)
	echo "bench workforce-merge: ours $o s, reference (jq not installed) -, target under 1 s"
fi
