#!/bin/sh
# bench-grant.sh - grant-report --month 2019-06 on a district-sized
# database (ten streets: 50 contracts, 100,000 cases, 2,000,000 visits,
# 20,000 activities), against the plain SQL that computes the same
# figures in the sqlite3 shell: per contract, in the month and to date,
# contacts, service minutes (done visits and activities), cases served
# (visited or attending a session), group sessions, community
# activities, participants and volunteer minutes (every measure but
# new_cases).  Two lines: "grant-report" is the ratio to that SQL, with
# no ratio target of its own; "grant-report-1s" is the target, an
# absolute 1 s.  Every figure the reference computes is compared with
# ours (grant-report --format json); one that differs fails the
# benchmark.  BENCH_GRANT_VISITS (default 2000000) makes a smaller trial.
#
# The data is generated with SQL straight into a database made by
# wushe-db init (generating it through case-add and visit-log --import
# would take minutes, and those are benchmarked on their own).  The case
# history and audit triggers call wushe's SQL function ws_user(), which the
# sqlite3 shell lacks, so they are dropped while the data go in and put
# back after: neither history nor audit is read by the report.
set -eu
. "$(dirname "$0")/lib.sh"
nvisits=${BENCH_GRANT_VISITS:-2000000}
t=$BENCH_TMP/grant
mkdir -p "$t"
cd "$t"
db=$t/district.db
rm -f "$db" "$db"-*
WUSHE_DB=$db wushe-db init >/dev/null

drop=$(sqlite3 "$db" "SELECT group_concat('DROP TRIGGER ' || name || ';',
    ' ') FROM sqlite_master WHERE type = 'trigger'
    AND sql LIKE '%ws_user()%'")
sqlite3 "$db" <<EOF
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE trig AS SELECT sql FROM sqlite_master
    WHERE type = 'trigger' AND sql LIKE '%ws_user()%';
$drop
INSERT INTO meta(key, value) VALUES ('site', 'bench district');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO community(code, name, street)
    SELECT printf('C%03d', i), printf('community %d', i),
        printf('street %d', (i - 1) / 10 + 1) FROM n;
INSERT INTO org(code, name, kind) VALUES ('JD', 'district office',
    'street_office'), ('ENT', 'a bank', 'enterprise');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO org(code, name, kind)
    SELECT printf('P%02d', i), printf('provider %d', i),
        CASE i % 5 WHEN 0 THEN 'sw_agency' WHEN 1 THEN 'social_group'
        WHEN 2 THEN 'foundation' WHEN 3 THEN 'private_non_enterprise'
        ELSE 'enterprise' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
INSERT INTO contract(code, title, kind, purchaser, provider, start, end,
    amount_fen, new_spending)
    SELECT printf('K%02d', i), printf('contract %d', i),
        CASE i % 3 WHEN 0 THEN 'post' WHEN 1 THEN 'project'
        ELSE 'venture_philanthropy' END, 'JD', printf('P%02d', i % 20 + 1),
        '2019-01-01', '2019-12-31', 120000000, i % 2 FROM n;
INSERT INTO contract_funding(contract, funder, amount_fen)
    SELECT code, 'JD', CASE kind WHEN 'venture_philanthropy' THEN 80000000
        ELSE 120000000 END FROM contract;
INSERT INTO contract_funding(contract, funder, amount_fen)
    SELECT code, 'ENT', 40000000 FROM contract
    WHERE kind = 'venture_philanthropy';
INSERT INTO contract_target(contract, measure, target)
    SELECT c.code, m.measure, m.target FROM contract c, (
        SELECT 'service_hours' AS measure, 1200000 AS target
        UNION ALL SELECT 'contacts', 40000
        UNION ALL SELECT 'cases_served', 2000
        UNION ALL SELECT 'new_cases', 200
        UNION ALL SELECT 'group_sessions', 200
        UNION ALL SELECT 'activities', 200
        UNION ALL SELECT 'participants', 8000
        UNION ALL SELECT 'volunteer_hours', 30000) m;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
INSERT INTO payment(contract, date, amount_fen)
    SELECT c.code, printf('2019-%02d-10', i), 10000000 FROM contract c, n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO worker(code, name, org, contract)
    SELECT printf('W%03d', i), printf('worker %d', i),
        printf('P%02d', (i - 1) % 50 % 20 + 1), printf('K%02d', (i - 1) % 50 + 1)
    FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 100000)
INSERT INTO person(id, name, community)
    SELECT i, printf('person %d', i), printf('C%03d', i % 100 + 1) FROM n;
INSERT INTO cases(id, person, community, risk, worker, opened)
    SELECT id, id, community, 'low', printf('W%03d', id % 200 + 1),
        date('2017-01-01', '+' || (id * 7919 % 1000) || ' days')
    FROM person;
INSERT INTO case_category(case_id, category) SELECT id, 'elderly' FROM cases;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < $nvisits)
INSERT INTO visit(case_id, worker, date, minutes, kind, status, contract)
    SELECT c, printf('W%03d', c % 200 + 1),
        date('2019-01-01', '+' || (i * 31 % 365) || ' days'),
        10 + i % 80, 'home',
        CASE WHEN i / 7 % 10 = 0 THEN 'no_show' ELSE 'done' END,
        printf('K%02d', c % 200 % 50 + 1)
    FROM (SELECT i, (i * 48271) % 100000 + 1 AS c FROM n);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 20000)
INSERT INTO grp(code, name, org, community)
    SELECT printf('G%02d', i), printf('group %d', i), 'P01', 'C001'
    FROM n WHERE i <= 50;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 20000)
INSERT INTO activity(id, kind, grp, date, minutes, community, participants,
    volunteers, volunteer_minutes, contract)
    SELECT i, CASE WHEN i % 2 THEN 'group_session' ELSE 'community' END,
        CASE WHEN i % 2 THEN printf('G%02d', i % 50 + 1) END,
        date('2019-01-01', '+' || (i * 17 % 365) || ' days'), 90,
        printf('C%03d', i % 100 + 1), 10 + i % 30, i % 4, (i % 4) * 60,
        printf('K%02d', i % 50 + 1) FROM n;
INSERT INTO activity_case(activity, case_id)
    SELECT id, (id * 7 % 100000) + 1 FROM activity WHERE kind = 'group_session';
.headers off
.mode list
.output $t/triggers.sql
SELECT sql || ';' FROM temp.trig;
.output
.read $t/triggers.sql
COMMIT;
ANALYZE;
EOF

ours() {
	WUSHE_DB=$db grant-report --month 2019-06 --format json \
	    > "$t/ours.json" || [ $? -eq 2 ]
}
ref() {
	sqlite3 "$db" > "$t/ref.txt" <<'EOF'
WITH k AS (SELECT code, start FROM contract
    WHERE start <= '2019-06-30' AND end >= '2019-06-01'),
vv AS (SELECT v.contract, v.case_id, v.date, v.minutes
    FROM visit v JOIN k ON k.code = v.contract
    WHERE v.status = 'done' AND v.date BETWEEN k.start AND '2019-06-30'),
aa AS (SELECT a.* FROM activity a JOIN k ON k.code = a.contract
    WHERE a.date BETWEEN k.start AND '2019-06-30'),
served AS (SELECT contract, case_id, max(date) AS last FROM (
    SELECT contract, case_id, date FROM vv UNION ALL
    SELECT aa.contract, ac.case_id, aa.date FROM aa
    JOIN activity_case ac ON ac.activity = aa.id) GROUP BY contract, case_id)
SELECT contract, 'contacts', sum(date >= '2019-06-01'), count(*)
    FROM vv GROUP BY contract
UNION ALL SELECT contract, 'service_hours',
    sum(CASE WHEN date >= '2019-06-01' THEN minutes ELSE 0 END), sum(minutes)
    FROM (SELECT contract, date, minutes FROM vv UNION ALL
    SELECT contract, date, minutes FROM aa) GROUP BY contract
UNION ALL SELECT contract, 'cases_served', sum(last >= '2019-06-01'),
    count(*) FROM served GROUP BY contract
UNION ALL SELECT contract, 'group_sessions',
    sum(kind = 'group_session' AND date >= '2019-06-01'),
    sum(kind = 'group_session') FROM aa GROUP BY contract
UNION ALL SELECT contract, 'activities',
    sum(kind = 'community' AND date >= '2019-06-01'),
    sum(kind = 'community') FROM aa GROUP BY contract
UNION ALL SELECT contract, 'participants',
    sum(CASE WHEN date >= '2019-06-01' THEN participants ELSE 0 END),
    sum(participants) FROM aa GROUP BY contract
UNION ALL SELECT contract, 'volunteer_hours',
    sum(CASE WHEN date >= '2019-06-01' THEN volunteer_minutes ELSE 0 END),
    sum(volunteer_minutes) FROM aa GROUP BY contract
ORDER BY 1, 2;
EOF
}
o=$(best_of ours)
r=$(best_of ref)
# every figure of the reference against ours: contract|measure|in the
# month|to date, hours in minutes as the json gives them
sed -n 's/.*"contract":"\([^"]*\)","measure":"\([a-z_]*\)",[^}]*"actual":\([0-9]*\),"actual_to_date":\([0-9]*\),.*/\1|\2|\3|\4/p' \
    "$t/ours.json" | grep -v '|new_cases|' | LC_ALL=C sort > "$t/ours.txt"
LC_ALL=C sort "$t/ref.txt" > "$t/ref.sorted"
nref=$(wc -l < "$t/ref.sorted")
if [ "$nref" -eq 0 ] || ! cmp -s "$t/ref.sorted" "$t/ours.txt"; then
	echo "bench grant-report: figures differ from the reference SQL (< sqlite3, > ours):" >&2
	diff "$t/ref.sorted" "$t/ours.txt" | head -20 >&2
	exit 1
fi
echo "bench grant-report: the $nref figures of the reference SQL (contract, measure: month and to date) equal ours"
ratio=$(awk -v o="$o" -v r="$r" 'BEGIN { printf "%.2f", (r > 0) ? o / r : 0 }')
echo "bench grant-report: ours $o s, reference $r s, ratio $ratio (no ratio target: the target is absolute, grant-report-1s)"
report_abs grant-report-1s "$o" 1
