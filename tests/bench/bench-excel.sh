#!/bin/sh
# bench-excel.sh - Excel in and out (issue 14).
#   excel-import-100k  the 100,000 generated cases as an office's Excel
#                      saves them (BOM, CRLF, Chinese headers and words,
#                      dates as 2019/6/1) against the same import from
#                      the clean TSV.  Target: at most 1.1x.
#   xlsx-memory        peak memory of case-list --format xlsx at 10,000 and
#                      100,000 rows, beside the same listing as tsv: the
#                      difference is the writer's (libxlsxwriter's
#                      constant-memory mode: the same at both sizes)
set -eu
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
t=$BENCH_TMP/excel
mkdir -p "$t"
awk -v n=100000 -f "$here/gen-cases.awk" > "$t/cases.tsv"
# The Excel file: the same records, as csv with the Chinese headers, the
# Chinese words, Excel's dates and line ends.
awk -F '\t' 'BEGIN {
	OFS = ","
	w["M"] = "男"; w["F"] = "女"; w["low"] = "低"; w["medium"] = "中"
	w["high"] = "高"; w["elderly"] = "老年人"; w["empty_nest"] = "空巢老人"
	w["disabled"] = "残疾人"; w["child"] = "困境儿童"; w["youth"] = "青少年"
	w["family"] = "家庭"; w["hardship"] = "困难群众"
	printf "\357\273\277"
}
function xd(s,   a) { split(s, a, "-"); return a[1] "/" a[2] + 0 "/" a[3] + 0 }
NR == 1 {
	print "姓名,身份证号,性别,出生日期,联系电话,社区,地址,类别,风险等级,社工,开案日期,需求,来源\r"
	next
}
{
	print $1, $2, w[$3], xd($4), $5, $6, $7, w[$8], w[$9], $10, xd($11),
	    $12, $13 "\r"
}' "$t/cases.tsv" > "$t/cases.csv"

fresh() {
	rm -f "$t"/*.db "$t"/*.db-*
	WUSHE_DB=$t/ours.db wushe-db init >/dev/null
	WUSHE_DB=$t/ours.db wushe-db load "$here/../../examples/haitang.yaml" >/dev/null
}
ours() { WUSHE_DB=$t/ours.db case-add < "$t/cases.csv" > /dev/null; }
ref() { WUSHE_DB=$t/ours.db case-add < "$t/cases.tsv" > /dev/null; }
BENCH_SETUP=fresh
o=$(best_of ours)
fresh
ours
WUSHE_DB=$t/ours.db case-list --reveal > "$t/ours.list"
r=$(best_of ref)
BENCH_SETUP=
fresh
ref
WUSHE_DB=$t/ours.db case-list --reveal > "$t/ref.list"
cmp -s "$t/ours.list" "$t/ref.list" ||
    echo "bench excel-import-100k: warning: the Excel import differs from the TSV one" >&2
report excel-import-100k "$o" "$r" 1.1

# xlsx in flat memory: the database holds the 100,000 cases imported
# above; then a database of the first 10,000.  The listing's own query
# grows with the rows whatever the format, so the writer's memory is the
# xlsx peak less the tsv peak of the same listing.
x100=$(WUSHE_DB=$t/ours.db peak_kib case-list --reveal --format xlsx)
t100=$(WUSHE_DB=$t/ours.db peak_kib case-list --reveal --format tsv)
head -n 10001 "$t/cases.tsv" > "$t/cases10k.tsv"
fresh
WUSHE_DB=$t/ours.db case-add < "$t/cases10k.tsv" > /dev/null
x10=$(WUSHE_DB=$t/ours.db peak_kib case-list --reveal --format xlsx)
t10=$(WUSHE_DB=$t/ours.db peak_kib case-list --reveal --format tsv)
echo "bench xlsx-memory: peak ${x10} KiB at 10000 rows (tsv ${t10}), ${x100} KiB at 100000 rows (tsv ${t100}); the writer's own: $((x10 - t10)) KiB and $((x100 - t100)) KiB"
