#!/bin/sh
# bench-case-add.sh - bulk intake of 100,000 generated cases from TSV,
# against sqlite3's .import of the same file into a bare table of the same
# columns.  Target: at most 2x, validation on; peak memory flat in the input
# size (measured at 10,000 and 100,000 cases).
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
report case-add-100k "$o" "$r" 2

fresh
m10=$(WUSHE_DB=$t/ours.db peak_kib case-add < "$t/cases10k.tsv")
fresh
m100=$(WUSHE_DB=$t/ours.db peak_kib case-add < "$t/cases.tsv")
echo "bench case-add-memory: peak ${m10} KiB at 10k cases, ${m100} KiB at 100k cases"
