#!/bin/sh
# bench-volunteer.sh - the volunteer-hours benchmarks of issue 16:
#   volunteer-import-1m      volunteer-hours reading 1,000,000 service
#                            records of 20,000 volunteers from TSV vs
#                            SQLite alone writing the same rows into the
#                            wushe schema (INSERT ... SELECT with its
#                            indexes, foreign keys and audit trigger; no
#                            parsing, no checks): target 1.3x
#   volunteer-report-year    volunteer-hours --report --year 2019 on that
#                            database: an absolute 1 s
#   volunteer-import-memory  peak memory at 100,000 and 1,000,000 records
#                            (flat: it must not grow with the input)
# The data are generated here (deterministic): the district of
# gen-district.awk, 20,000 volunteers in its 30 communities, and 50
# records each, one every 14 days from 2018-01-06 (so about half of them
# in 2019), 2 to 4 hours, recorded by the agency, in date order.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
t=$BENCH_TMP/volunteer
mkdir -p "$t"

awk -f "$here/gen-district.awk" > "$t/dir.yaml"
awk 'BEGIN {
	print "code\tname\tcommunity\tregistered"
	for (i = 1; i <= 20000; i++)
		printf "V%05d\t志愿者%05d\tC%02d\t2017-01-01\n", i, i, 1 + i % 30
}' > "$t/vols.tsv"
# record k of volunteer i: day 17537 (2018-01-06) + 14w + i % 14, w the
# week pair of the record; written in date order
printf 'volunteer\tdate\tminutes\tplace\tcontent\torg\n' > "$t/recs.tsv"
awk -v n=1000000 '
function ymd(z,   era, doe, yoe, y, doy, mp, d, m) {	# days to a date
	z += 719468; era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - \
	    int(yoe / 100)); mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
BEGIN {
	for (k = 0; k < n; k++) {
		i = k % 20000; w = int(k / 20000)
		printf "V%05d\t%s\t%d\t社区%02d\t志愿服务\tAG\n", i + 1,
		    ymd(17537 + 14 * w + i % 14), 120 + 60 * (k % 3),
		    1 + i % 30
	}
}' | sort -t "$(printf '\t')" -k2,2 -s >> "$t/recs.tsv"
head -n 100001 "$t/recs.tsv" > "$t/recs100k.tsv"

WUSHE_DB=$t/base.db wushe-db init >/dev/null
WUSHE_DB=$t/base.db wushe-db load "$t/dir.yaml" >/dev/null
WUSHE_DB=$t/base.db volunteer-hours --add --quiet < "$t/vols.tsv" >/dev/null
sqlite3 "$t/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

fresh() {
	rm -f "$t"/ours.db*
	cp "$t/base.db" "$t/ours.db"
}
ours_1m() {
	WUSHE_DB=$t/ours.db volunteer-hours --quiet < "$t/recs.tsv" >/dev/null
}
COLS="volunteer, date, minutes, place, content, org"
sqlite_alone_db "$t/base.db" "$t/alone1m.db" src "$t/recs.tsv" "$COLS"
alone_1m() {
	rm -f "$t"/alone.db*
	cp "$t/alone1m.db" "$t/alone.db"
}
alone_insert() {
	sqlite_alone "$t/alone.db" "INSERT INTO volunteer_service
	    (volunteer, date, minutes, place, content, org, kind, os_user)
	    SELECT volunteer, date, minutes, place, content, org, 'entry',
	    'bench' FROM src"
}

BENCH_SETUP=fresh
o=$(best_of ours_1m)
BENCH_SETUP=alone_1m
a=$(best_of alone_insert)
BENCH_SETUP=
report volunteer-import-1m "$o" "$a" 1.3

# the same question as one query, to check our figures
ours_report() {
	WUSHE_DB=$t/ours.db volunteer-hours --report --year 2019 \
	    --no-header > "$t/report.ours"
}
fresh
ours_1m
r=$(best_of ours_report)
report_abs volunteer-report-year "$r" 1
sqlite3 -separator "$(printf '\t')" "$t/ours.db" "SELECT v.code, v.name,
    printf('%d.%02d', h / 60, h % 60 * 100 / 60),
    printf('%d.%02d', t / 60, t % 60 * 100 / 60),
    (t >= 6000) + (t >= 18000) + (t >= 36000) + (t >= 60000) + (t >= 90000)
    FROM volunteer v JOIN (SELECT volunteer, sum(CASE WHEN date >=
    '2019-01-01' THEN minutes ELSE 0 END) AS h, sum(minutes) AS t FROM
    volunteer_service WHERE date <= '2019-12-31' GROUP BY volunteer) s
    ON s.volunteer = v.code ORDER BY v.code" > "$t/report.ref"
cmp -s "$t/report.ours" "$t/report.ref" ||
    { echo "bench volunteer-report-year: figures differ from SQL" >&2; exit 1; }

fresh
m100=$(WUSHE_DB=$t/ours.db peak_kib volunteer-hours --quiet \
    < "$t/recs100k.tsv")
fresh
m1m=$(WUSHE_DB=$t/ours.db peak_kib volunteer-hours --quiet \
    < "$t/recs.tsv")
echo "bench volunteer-import-memory: peak ${m100} KiB at 100k records, ${m1m} KiB at 1M records"
rm -f "$t"/*.db*
