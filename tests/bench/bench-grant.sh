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
# The data: the district of district.sh (ten streets, 2019), generated
# with SQL straight into a database made by wushe-db init.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/district.sh"
nvisits=${BENCH_GRANT_VISITS:-2000000}
t=$BENCH_TMP/grant
mkdir -p "$t"
cd "$t"
db=$t/district.db
district_db "$db" 100000 "$nvisits" 2019 1

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
