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
ref() { grant_ref "$db" "$t/ref.txt"; }
o=$(best_of ours)
r=$(best_of ref)
grant_same grant-report "$t/ours.json" "$t/ref.txt"
ratio=$(awk -v o="$o" -v r="$r" 'BEGIN { printf "%.2f", (r > 0) ? o / r : 0 }')
echo "bench grant-report: ours $o s, reference $r s, ratio $ratio (no ratio target: the target is absolute, grant-report-1s)"
report_abs grant-report-1s "$o" 1
