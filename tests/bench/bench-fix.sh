#!/bin/sh
# bench-fix.sh - the correction benchmark of issue 12:
#   visit-amend-10k   visit-log --amend - reading a stream of 10,000 visit
#                     amendments (id, minutes, reason), every logging check
#                     run again on each, vs SQLite alone making the same
#                     updates with their correction-log rows (UPDATE and
#                     INSERT ... SELECT, no parsing, no checks), both
#                     through the schema's audit and lock triggers
#                     (target 1.3x)
# The district of bench-visit.sh (gen-*.awk): 50,000 cases and 100,000
# visits; every tenth visit is amended.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
t=$BENCH_TMP/fix
mkdir -p "$t"

awk -f "$here/gen-district.awk" > "$t/dir.yaml"
awk -v n=50000 -f "$here/gen-district-cases.awk" > "$t/cases.tsv"
awk -v n=100000 -f "$here/gen-visits.awk" > "$t/visits.tsv"
WUSHE_DB=$t/base.db wushe-db init >/dev/null
WUSHE_DB=$t/base.db wushe-db load "$t/dir.yaml" >/dev/null
WUSHE_DB=$t/base.db case-add < "$t/cases.tsv" >/dev/null
WUSHE_DB=$t/base.db visit-log --import --quiet < "$t/visits.tsv" >/dev/null
sqlite3 "$t/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# visit k is line k + 1 of visits.tsv (ids in file order); every tenth
# gets its minutes one more (one less at 1440)
awk -F '\t' 'BEGIN { OFS = "\t"; print "id", "minutes", "reason" }
    NR > 1 && (NR - 1) % 10 == 0 { m = $5 < 1440 ? $5 + 1 : $5 - 1
    print NR - 1, m, "minutes typed wrong" }' "$t/visits.tsv" > "$t/fix.tsv"
[ "$(wc -l < "$t/fix.tsv")" -eq 10001 ]

fresh() {
	rm -f "$t"/ours.db*
	cp "$t/base.db" "$t/ours.db"
}
ours() { WUSHE_DB=$t/ours.db visit-log --amend - --quiet < "$t/fix.tsv"; }

sqlite_alone_db "$t/base.db" "$t/alone0.db" src "$t/fix.tsv" \
    "id INTEGER PRIMARY KEY, minutes, reason"
alone() {
	rm -f "$t"/alone.db*
	cp "$t/alone0.db" "$t/alone.db"
}
ref() {
	sqlite_alone "$t/alone.db" "INSERT INTO correction (os_user,
	    command, tbl, row_key, field, old, new, reason)
	    SELECT 'bench', 'bench', 'visit', s.id, 'minutes', v.minutes,
	    s.minutes, s.reason FROM src s JOIN visit v ON v.id = s.id
	    ORDER BY s.id;
	    UPDATE visit SET minutes = (SELECT s.minutes FROM src s
	    WHERE s.id = visit.id) WHERE id IN (SELECT id FROM src)"
}

BENCH_SETUP=fresh
o=$(best_of ours)
BENCH_SETUP=alone
r=$(best_of ref)
BENCH_SETUP=
report visit-amend-10k "$o" "$r" 1.3
# the same rows in both
a=$(sqlite3 "$t/ours.db" "SELECT count(*), sum(minutes) FROM visit;
    SELECT count(*) FROM correction")
b=$(sqlite3 "$t/alone.db" "SELECT count(*), sum(minutes) FROM visit;
    SELECT count(*) FROM correction")
if [ "$a" != "$b" ]; then
	echo "bench visit-amend-10k: ours and the reference differ: $a / $b" >&2
	exit 1
fi
