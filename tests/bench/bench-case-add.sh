#!/bin/sh
# bench-case-add.sh - bulk intake of 100,000 generated cases from TSV,
# against sqlite3's .import of the same file into a bare table of the same
# columns, validation on; peak memory flat in the input size (measured at
# 10,000 and 100,000 cases).  Issue 18's targets:
#   case-add-100k              case-add vs .import (3.9x, the product of
#                              the two below)
#   case-add-100k-sqlite-alone SQLite alone writing the same rows into the
#                              wushe schema with INSERT ... SELECT in a
#                              batch, as a bulk intake writes them (no
#                              parsing, no validation) vs .import: the
#                              schema's own cost (3x)
#   case-add-100k-vs-sqlite    case-add vs SQLite alone: what wushe's own
#                              code adds (1.3x)
set -eu
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
t=$BENCH_TMP/case-add
mkdir -p "$t"
awk -v n=100000 -f "$here/gen-cases.awk" > "$t/cases.tsv"
head -n 10001 "$t/cases.tsv" > "$t/cases10k.tsv"

fresh() {
	rm -f "$t"/*.db "$t"/*.db-*
	WUSHE_DB=$t/ours.db wushe-db init >/dev/null
	WUSHE_DB=$t/ours.db wushe-db load "$here/../../examples/haitang.yaml" >/dev/null
}
ours() { WUSHE_DB=$t/ours.db case-add < "$t/cases.tsv" > /dev/null; }
ref() {
	sqlite3 "$t/ref.db" "CREATE TABLE c(name, id_number, sex, birth_date,
	    phone, community, address, categories, risk, worker, opened, need,
	    source)" ".mode tabs" ".import $t/cases.tsv c"
}
BENCH_SETUP=fresh
o=$(best_of ours)
r=$(best_of ref)
report case-add-100k "$o" "$r" 3.9

# SQLite alone: a person, a case and its category per line (the generated
# cases have one category each); the history rows come from the schema's
# triggers and the batch's audit rows from tests/bench/alone.c, as they
# do for case-add.
fresh
sqlite_alone_db "$t/ours.db" "$t/alone0.db" src "$t/cases.tsv" \
    "name, id_number, sex, birth_date, phone, community, address,
    categories, risk, worker, opened, need, source"
alone_fresh() { rm -f "$t"/alone.db*; cp "$t/alone0.db" "$t/alone.db"; }
alone() {
	sqlite_alone "$t/alone.db" "
	INSERT INTO person (name, id_number, sex, birth_date, phone, community,
	    address) SELECT name, id_number, sex, birth_date, phone, community,
	    address FROM src;
	INSERT INTO cases (person, community, risk, worker, opened, need, source)
	    SELECT p.id, s.community, s.risk, s.worker, s.opened, s.need,
	    s.source FROM src s JOIN person p ON p.id_number = s.id_number;
	INSERT INTO case_category (case_id, category)
	    SELECT c.id, s.categories FROM src s
	    JOIN person p ON p.id_number = s.id_number
	    JOIN cases c ON c.person = p.id"
}
BENCH_SETUP=alone_fresh
a=$(best_of alone)
BENCH_SETUP=
n=$(sqlite3 "$t/alone.db" "SELECT count(*) FROM cases")
[ "$n" -eq 100000 ] ||
    echo "bench case-add-100k-sqlite-alone: warning: $n cases, not 100000" >&2
report case-add-100k-sqlite-alone "$a" "$r" 3
report case-add-100k-vs-sqlite "$o" "$a" 1.3

fresh
m10=$(WUSHE_DB=$t/ours.db peak_kib case-add < "$t/cases10k.tsv")
fresh
m100=$(WUSHE_DB=$t/ours.db peak_kib case-add < "$t/cases.tsv")
echo "bench case-add-memory: peak ${m10} KiB at 10k cases, ${m100} KiB at 100k cases"
