#!/usr/bin/env bats
# grant-report: the hand-worked fixture (tests/fixtures/grant-*), checked
# figure by figure in every format, merging, exit status, every error.
#
# The fixture, reported for February 2020 (a leap month, 29 days):
#  POST-A  post, 2019-07-01..2020-06-30 (366 days; 244 elapsed at 02-29)
#          done visits on it up to 02-29: 30+60+45+30 before February,
#          90+50+30+25 in it (8 contacts, 360 minutes; 4 and 195 in Feb);
#          a no_show (40), a cancelled (30) and a no_show (20) in Feb and
#          a visit on 03-02 do not count.  Service hours 6.00 of a
#          prorated 12 x 244/366 = 8.00 -> 75.0%: behind.
#          Cases served: 6 (3 in Feb: cases 2, 3, 5).  New cases: cases 1,
#          4, 2, 3 (case 6 opened before the contract; case 5's first done
#          visit is on VP-B) -> 4, 2 in Feb.
#  VP-B    venture philanthropy starting mid-month, 2020-01-16..07-15
#          (182 days, 45 elapsed), co-funded 18000 street + 12000 bank;
#          sessions 01-25 and 02-12, a community activity 02-22; a session
#          on 01-12 (before the contract) and one on 03-05 do not count.
#          Volunteer minutes 180+270+600 = 1050 = 17.50 h against
#          1200 x 45/182 = 296.7 -> 297 min = 4.95 h -> 353.5%.
#  PRJ-C   project bought from a company (not a social organisation),
#          2020 (366 days, 60 elapsed); service 180+150 min = 5.50 h
#          against 3000 x 60/366 = 491.8 -> 492 min = 8.20 h -> 67.1%:
#          behind.
#  Paid in February: 10000 + 6000 + 20000 = 36000; social organisations
#  (SW, SOC) 16000 = 44.4% of all (>= 5%: met); new spending (VP-B,
#  PRJ-C) 26000 of which 6000 = 23.1% (< 30%: below).  By funder: the
#  street 10000 + 6000 x 18/30 + 20000 = 33600, the bank 2400.
#  OLD-D ended in 2019 and is not reported.

bats_require_minimum_version 1.5.0
load helper

setup_file() {
	export WUSHE_TODAY=2020-03-10 LC_ALL=C.UTF-8
	export XDG_CONFIG_HOME="$BATS_FILE_TMPDIR/config"
	unset WUSHE_POLICY
	export WUSHE_DB="$BATS_FILE_TMPDIR/fixture.db"
	F="$BATS_TEST_DIRNAME/fixtures"
	wushe-db init >/dev/null
	wushe-db load "$F/grant-dir.yaml" >/dev/null
	case-add < "$F/grant-cases.tsv" >/dev/null
	visit-log --import < "$F/grant-visits.tsv" >/dev/null
	activity-log --import < "$F/grant-activities.tsv" >/dev/null
	# activity-log refuses an activity outside its contract's period, so
	# this one, which must not count, goes in directly
	sql_untracked "INSERT INTO activity(kind, grp, title, date,
	    minutes, community, org, participants, volunteers,
	    volunteer_minutes, contract) VALUES ('group_session', 'G1',
	    'Before the contract', '2020-01-12', 90, 'A1', 'SOC', 9, 1, 60,
	    'VP-B')"
}

setup() {
	setup_env
	export WUSHE_TODAY=2020-03-10
	cp "$BATS_FILE_TMPDIR/fixture.db" "$WUSHE_DB"
	bindir=$(dirname "$(command -v grant-report)")
	export WUSHE_LOCALEDIR="$bindir/../locale"
	unset LANG LC_MESSAGES LANGUAGE
	G="$BATS_TEST_DIRNAME/fixtures/grant-feb2020"
	T="$BATS_TEST_TMPDIR"
}

# The fixture was built as expected (guards the expected figures below).
@test "grant-report: the fixture holds what the comments say" {
	run -0 sql "SELECT count(*), sum(status = 'done') FROM visit"
	assert_output "13|10"
	run -0 sql "SELECT count(*) FROM activity"
	assert_output "7"
	run -0 sql "SELECT count(*) FROM cases"
	assert_output "6"
}

@test "grant-report: csv, every figure as worked out by hand" {
	run -2 --separate-stderr grant-report --month 2020-02 --format csv
	assert_equal "$stderr" ""
	printf '%s\n' "$output" > "$T/out.csv"
	diff -u "$G.csv" "$T/out.csv"
}

@test "grant-report: tsv is the same table, tab-separated" {
	grant-report --month 2020-02 --format tsv > "$T/out.tsv" || [ $? -eq 2 ]
	tr ',' '\t' < "$G.csv" > "$T/expect.tsv"
	diff -u "$T/expect.tsv" "$T/out.tsv"
}

@test "grant-report: json holds the same figures in fen and minutes" {
	grant-report --month 2020-02 --format json > "$T/out.json" ||
	    [ $? -eq 2 ]
	diff -u "$G.json" "$T/out.json"
	# and, figure by figure, the hand-worked table: json -> tidy rows
	jq -r 'select(.type == "measure") | [.contract, .measure,
	    .actual, .actual_to_date, .target, .prorated_target,
	    (.percent // "")] | @csv' "$T/out.json" | tr -d '"' > "$T/j.csv"
	awk -F, 'NR > 1 && $3 != "paid" && $2 != "" { a = $6; b = $7; t = $8; p = $9
	    if ($3 ~ /hours/) { a = a * 60; b = b * 60; t = t * 60; p = p * 60 }
	    printf "%s,%s,%d,%d,%d,%d,%s\n", $2, $3, a + 0.5, b + 0.5,
	    t + 0.5, p + 0.5, $10 }' "$G.csv" > "$T/h.csv"
	diff -u "$T/h.csv" "$T/j.csv"
	# the totals (issue 13): spending and the social organisations'
	# shares, as the csv rows with no contract
	{ jq -r 'select(.type == "spending") | [.spending_fen / 100] | @csv' \
	    "$T/out.json"; jq -r 'select(.type == "share") | [.spending,
	    .social_org_fen / 100, .all_fen / 100, .percent, .minimum_percent,
	    .below] | @csv' "$T/out.json"; } | tr -d '"' > "$T/js.csv"
	printf '%s\n' 36000 all,16000,36000,44.4,5,0 new,6000,26000,23.1,30,1 \
	    > "$T/want.csv"
	diff -u "$T/want.csv" "$T/js.csv"
	run -0 jq -r 'select(.type == "contract") | "\(.contract) \(.days)
\(.elapsed) \(.amount_fen) \(.paid_fen) \(.paid_to_date_fen) \(.behind)"' \
	    "$T/out.json"
	assert_output "POST-A 366
244 12000000 1000000 10000000 1
PRJ-C 366
60 5000000 2000000 3000000 1
VP-B 182
45 3000000 600000 2100000 0"
	run -0 jq -r 'select(.type == "funding") |
	    "\(.contract) \(.funder) \(.paid_fen)"' "$T/out.json"
	assert_output "POST-A JD 1000000
PRJ-C JD 2000000
VP-B ENT 240000
VP-B JD 360000"
}

@test "grant-report: text, every figure" {
	run -2 --separate-stderr grant-report --month 2020-02 --format text
	printf '%s\n' "$output" > "$T/out.txt"
	diff -u "$G.txt" "$T/out.txt"
	assert_line "  service hours (h)       3.25     6.00   12.00             8.00    75.0%  behind"
	assert_line "  volunteer hours (h)       14.50    17.50   20.00             4.95   353.5%  on track"
	assert_line "  Contract period  2020-01-16 to 2020-07-15, days elapsed 45 / 182"
	assert_line "  Paid to date     100000.00 (share of amount 83.3%)"
	assert_line "Purchase spending in period (yuan): 36000.00"
	assert_line "  JD 梧桐街道办事处  street office  33600.00"
	assert_line "  all purchase spending                    16000.00  36000.00  44.4%       5%  met"
	assert_line "  new public-service spending               6000.00  26000.00  23.1%      30%  below"
	assert_line "  VP-B After-school class 四点半课堂  30000.00               12000.00  40.0%  ENT Bank branch"
	refute_output --partial OLD-D
}

@test "grant-report: markdown, every figure" {
	run -2 --separate-stderr grant-report --month 2020-02 --format markdown
	printf '%s\n' "$output" > "$T/out.md"
	diff -u "$G.md" "$T/out.md"
	assert_line "| service hours (h) | 2.50 | 5.50 | 50.00 | 8.20 | 67.1% | behind |"
	assert_line "| cases served | 3 | 6 | 3 | 2 | 300.0% | on track |"
	assert_line "| new public-service spending | 6000.00 | 26000.00 | 23.1% | 30% | below |"
}

@test "grant-report: html, every figure, self-contained" {
	grant-report --month 2020-02 --format html > "$T/out.html" ||
	    [ $? -eq 2 ]
	diff -u "$G.html" "$T/out.html"
	run -0 grep -c '<svg ' "$T/out.html"
	assert_output 3
	# no external resource of any kind
	run -1 grep -E 'src=|href=|url\(|@import' "$T/out.html"
	run -0 grep -F '<tr class="bad"><td>service hours (h)</td><td class="n">3.25</td><td class="n">6.00</td><td class="n">12.00</td><td class="n">8.00</td><td class="n">75.0%</td><td>behind</td></tr>' "$T/out.html"
	run -0 grep -F '<td class="n">14.50</td><td class="n">17.50</td><td class="n">20.00</td><td class="n">4.95</td><td class="n">353.5%</td>' "$T/out.html"
	run -0 grep -F '<td class="n">23.1%</td>' "$T/out.html"
}

@test "grant-report: the html page prints on two A4 pages in Chromium" {
	if ! command -v chromium >/dev/null; then
		skip "chromium is not installed (tools/install-deps --ci)"
	fi
	grant-report --month 2020-02 --format html > "$T/report.html" ||
	    [ $? -eq 2 ]
	chromium --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$T/chromium" \
	    --print-to-pdf="$T/out.pdf" "$T/report.html" 2>/dev/null
	[ -s "$T/out.pdf" ]
	pdftotext "$T/out.pdf" "$T/out.txt"
	grep -q 'POST-A Social work posts' "$T/out.txt"
	grep -q 'PRJ-C Neighbourhood festivals' "$T/out.txt"
	grep -q 'VP-B After-school class' "$T/out.txt"
	run -0 grep -F 'Venture-philanthropy projects' "$T/out.txt"
	pdfinfo "$T/out.pdf" > "$T/info"
	run -0 grep -E '^Pages: +2$' "$T/info"
	run -0 grep -F '(A4)' "$T/info"
}

@test "grant-report: Chinese labels with --lang zh and with a zh locale" {
	run -2 --separate-stderr grant-report --month 2020-02 --lang zh --format text
	printf '%s\n' "$output" > "$T/out.txt"
	diff -u "$G.zh.txt" "$T/out.txt"
	assert_line --partial "服务时长 (小时)"
	assert_line --partial "合同期"
	LANG=zh_CN.UTF-8 LC_ALL= grant-report --month 2020-02 --format text \
	    > "$T/lang.txt" || [ $? -eq 2 ]
	diff -u "$G.zh.txt" "$T/lang.txt"
	# the tidy formats keep their codes
	run -2 grant-report --month 2020-02 --lang zh --format csv
	printf '%s\n' "$output" > "$T/out.csv"
	diff -u "$G.csv" "$T/out.csv"
	# --lang en wins over the locale
	LANG=zh_CN.UTF-8 LC_ALL= grant-report --month 2020-02 --lang en \
	    --format text > "$T/en.txt" || [ $? -eq 2 ]
	diff -u "$G.txt" "$T/en.txt"
}

@test "grant-report: same data, same bytes, in every format" {
	for f in text markdown csv tsv json html; do
		grant-report --month 2020-02 --format $f > "$T/a.$f" || true
		grant-report --month 2020-02 --format $f > "$T/b.$f" || true
		cmp "$T/a.$f" "$T/b.$f"
	done
}

@test "grant-report: --community counts that community's cases and activities" {
	run -2 grant-report --month 2020-02 --community B2 --format csv
	printf '%s\n' "$output" > "$T/out.csv"
	# POST-A: cases 3 and 4 live in B2: visits 50 (Feb) + 30 (Jan) min
	run -0 grep '^梧桐街道,POST-A,' "$T/out.csv"
	assert_output "梧桐街道,POST-A,paid,2020-02-01,2020-02-29,10000.00,100000.00,120000.00,,83.3
梧桐街道,POST-A,service_hours,2020-02-01,2020-02-29,0.83,1.33,12.00,8.00,16.7
梧桐街道,POST-A,contacts,2020-02-01,2020-02-29,1,2,9,6,33.3
梧桐街道,POST-A,cases_served,2020-02-01,2020-02-29,1,2,3,2,100.0
梧桐街道,POST-A,new_cases,2020-02-01,2020-02-29,1,2,3,2,100.0"
	# PRJ-C: only the lantern walk was in B2
	run -0 grep '^梧桐街道,PRJ-C,' "$T/out.csv"
	assert_line "梧桐街道,PRJ-C,service_hours,2020-02-01,2020-02-29,2.50,2.50,50.00,8.20,30.5"
	assert_line "梧桐街道,PRJ-C,participants,2020-02-01,2020-02-29,35,35,300,49,71.4"
}

@test "grant-report: a group's session books to the group's own contract (issue 13)" {
	# G1 gets its own contract VP-B through the directory; W1's post
	# contract is POST-A.  A session of G1 by W1 on 2020-02-20, 10
	# participants, no -C: booked to VP-B, the group's own.
	printf 'groups:\n  - {code: G1, name: 四点半课堂, org: SOC, community: A1, contract: VP-B}\n' > "$T/g.yaml"
	wushe-db load "$T/g.yaml" > /dev/null 2>&1
	assert_equal "$(sql "SELECT contract FROM grp WHERE code = 'G1'")" VP-B
	run -0 --separate-stderr activity-log -g G1 -D 2020-02-20 -m 60 -w W1 \
	    --participants 10
	assert_equal "$(sql "SELECT contract FROM activity WHERE date = '2020-02-20'")" VP-B
	# VP-B in February: group sessions 1 -> 2, 2 -> 3 to date against a
	# prorated 8 x 45/182 = 1.98 -> 2: 150.0%; participants 55 + 10 =
	# 65, 67 + 10 = 77 to date against 100 x 45/182 = 24.7 -> 25: 308.0%
	run -0 grant-report --month 2020-02 --contract VP-B --format csv
	assert_line "梧桐街道,VP-B,group_sessions,2020-02-01,2020-02-29,2,3,8,2,150.0"
	assert_line "梧桐街道,VP-B,participants,2020-02-01,2020-02-29,65,77,100,25,308.0"
	# -C wins: the same session booked to POST-A leaves VP-B as it was
	run -0 --separate-stderr activity-log -g G1 -D 2020-02-21 -m 60 -w W1 \
	    --participants 10 -C POST-A
	assert_equal "$(sql "SELECT contract FROM activity WHERE date = '2020-02-21'")" POST-A
	run -0 grant-report --month 2020-02 --contract VP-B --format csv
	assert_line "梧桐街道,VP-B,group_sessions,2020-02-01,2020-02-29,2,3,8,2,150.0"
	# a group contract that does not run on the date (OLD-D ended in
	# 2019): the worker's post contract, POST-A
	printf 'groups:\n  - {code: G1, name: 四点半课堂, org: SOC, community: A1, contract: OLD-D}\n' > "$T/g.yaml"
	wushe-db load "$T/g.yaml" > /dev/null 2>&1
	run -0 --separate-stderr activity-log -g G1 -D 2020-02-22 -m 60 -w W1 \
	    --participants 10
	assert_equal "$(sql "SELECT contract FROM activity WHERE date = '2020-02-22' AND grp = 'G1'")" POST-A
}

@test "grant-report: a group's contract must be a known contract (issue 13)" {
	db_snapshot
	printf 'groups:\n  - {code: G1, name: 四点半课堂, org: SOC, community: A1, contract: NOPE}\n' > "$T/g.yaml"
	run -65 --separate-stderr wushe-db load "$T/g.yaml"
	[[ "$stderr" == *"g.yaml:2:"*"contract: unknown contract 'NOPE'"* ]] ||
	    fail "wrong message: $stderr"
	db_unchanged
}

@test "grant-report: filters by contract, provider and kind" {
	run -0 grant-report --month 2020-02 --contract VP-B --format csv
	run -0 grep -c ',VP-B,' <<<"$output"
	assert_output 6
	run -2 grant-report --month 2020-02 --provider CO --format csv
	refute_output --partial POST-A
	assert_output --partial PRJ-C
	run -2 grant-report --month 2020-02 --kind post --format csv
	run -0 cut -d, -f2 <<<"$output"
	assert_output "contract
POST-A
POST-A
POST-A
POST-A
POST-A"
}

@test "grant-report: periods: quarter, year, since/until, month last" {
	# 2020Q1 to 03-31: the visit on 03-02 and the session on 03-05 count
	# (as of 03-31: the quarter as if ended, issue 13)
	run -2 grant-report --quarter 2020Q1 --contract POST-A --format csv \
	    --as-of 2020-03-31
	assert_line "梧桐街道,POST-A,contacts,2020-01-01,2020-03-31,6,9,9,7,128.6"
	# the whole of 2019: POST-A from 07-01, OLD-D too
	run -2 grant-report --year 2019 --format csv
	assert_line "梧桐街道,POST-A,contacts,2019-01-01,2019-12-31,3,3,9,5,60.0"
	assert_line "梧桐街道,OLD-D,contacts,2019-01-01,2019-12-31,0,0,1,1,0.0"
	# one day: the leap day
	run -2 grant-report --since 2020-02-29 --until 2020-02-29 --contract POST-A --format csv
	assert_line "梧桐街道,POST-A,contacts,2020-02-29,2020-02-29,1,8,9,6,133.3"
	# --since alone runs to today (2020-03-10); on track by then
	run -0 grant-report --since 2020-03-01 --contract POST-A --format csv
	assert_line "梧桐街道,POST-A,contacts,2020-03-01,2020-03-10,1,9,9,6,150.0"
	# last month, and the default, are February
	run -2 grant-report --month last --format csv
	printf '%s\n' "$output" > "$T/last.csv"
	diff -u "$G.csv" "$T/last.csv"
	run -2 grant-report --format csv
	printf '%s\n' "$output" > "$T/default.csv"
	diff -u "$G.csv" "$T/default.csv"
	# January of a new year: last month is December
	WUSHE_TODAY=2020-01-05 run -2 grant-report --month last --format csv
	assert_line --partial ",2019-12-01,2019-12-31,"
}

@test "grant-report: exit 0 when on track, 2 when behind or below policy" {
	run -0 --separate-stderr grant-report --month 2020-02 --contract VP-B --format tsv
	assert_equal "$stderr" ""
	run -2 grant-report --month 2020-02 --contract POST-A --format tsv
	# service hours at 75.0%: on track under a 75% threshold
	run -0 grant-report --month 2020-02 --contract POST-A --behind 75 --format tsv
	run -2 grant-report --month 2020-02 --contract POST-A --behind 75.01 --format tsv
	# the threshold from the policy file
	mkdir -p "$XDG_CONFIG_HOME"
	printf 'grants:\n  behind_percent: 70\n' > "$T/policy.yaml"
	run -0 grant-report --month 2020-02 --contract POST-A --policy "$T/policy.yaml" --format tsv
	# the ratio minimums from the policy: 6000 / 26000 = 23.077% of new
	# spending meets 20% and 23.07%, not 23.08%
	printf 'grants:\n  behind_percent: 60\n  social_org_share_new_min: 20\n' > "$T/policy.yaml"
	run -0 grant-report --month 2020-02 --policy "$T/policy.yaml" --format tsv
	printf 'grants:\n  behind_percent: 60\n  social_org_share_new_min: 23.07\n' > "$T/policy.yaml"
	run -0 grant-report --month 2020-02 --policy "$T/policy.yaml" --format tsv
	printf 'grants:\n  behind_percent: 60\n  social_org_share_new_min: 23.08\n' > "$T/policy.yaml"
	run -2 grant-report --month 2020-02 --policy "$T/policy.yaml" --format tsv
}

@test "grant-report: a period with no contracts" {
	run -0 --separate-stderr grant-report --month 2018-02 --format text
	assert_line "No contracts in this period."
	assert_line "Purchase spending in period (yuan): 0.00"
	run -0 grant-report --month 2018-02 --format csv
	assert_output "site,contract,measure,period_start,period_end,actual,actual_to_date,target,prorated_target,percent"
}

@test "grant-report: the site: meta 'site', else the street, else the file name" {
	run -0 grant-report --month 2020-02 --contract VP-B --format json
	assert_line --index 0 '{"type":"report","site":"梧桐街道","period_start":"2020-02-01","period_end":"2020-02-29"}'
	sql "INSERT OR REPLACE INTO meta(key, value) VALUES ('site', 'East street')"
	run -0 grant-report --month 2020-02 --contract VP-B --format csv
	assert_line --index 1 --partial "East street,VP-B,paid,"
	sql "DELETE FROM meta WHERE key = 'site'; UPDATE community SET street = NULL"
	cp "$WUSHE_DB" "$T/north.db"
	run -0 grant-report --db "$T/north.db" --month 2020-02 --contract VP-B --format csv
	assert_line --index 1 --partial "north,VP-B,paid,"
}

@test "grant-report: --merge recomputes the totals from the parts" {
	grant-report --month 2020-02 --format json > "$T/a.json" || true
	cp "$WUSHE_DB" "$T/east.db"
	sqlite3 "$T/east.db" "INSERT OR REPLACE INTO meta(key, value) VALUES ('site', 'East street')"
	grant-report --db "$T/east.db" --month 2020-02 --contract VP-B --format json > "$T/b.json"
	cat "$T/a.json" "$T/b.json" > "$T/in.json"
	run -2 --separate-stderr grant-report --merge --format text < "$T/in.json"
	assert_equal "$stderr" ""
	assert_line "Purchased services report: East street, 梧桐街道"
	assert_line "Purchase spending in period (yuan): 42000.00"
	assert_line "  ENT Bank branch    enterprise      4800.00"
	assert_line "  JD 梧桐街道办事处  street office  37200.00"
	# (16000 + 6000) / 42000, and (6000 + 6000) / (26000 + 6000): not
	# the mean of 23.1% and 100%
	assert_line "  all purchase spending                    22000.00  42000.00  52.4%       5%  met"
	assert_line "  new public-service spending              12000.00  32000.00  37.5%      30%  met"
	# contracts keep their site; figures unchanged
	run -2 grant-report --merge --format csv < "$T/in.json"
	printf '%s\n' "$output" > "$T/m.csv"
	run -0 grep -c '^East street,VP-B,' "$T/m.csv"
	assert_output 6
	grep '^梧桐街道,' "$T/m.csv" > "$T/m1.csv"
	# (the totals of several sites belong to no one site)
	tail -n +2 "$G.csv" | grep -v '^[^,]*,,' > "$T/g1.csv"
	diff -u "$T/g1.csv" "$T/m1.csv"
	# merged json merges again to the same report
	grant-report --merge --format json < "$T/in.json" > "$T/m.json" || true
	grant-report --merge --format csv < "$T/m.json" > "$T/mm.csv" || true
	cmp "$T/m.csv" "$T/mm.csv"
	# on track when the parts are
	sed 's/"site":"East street"/"site":"West street"/' "$T/b.json" > "$T/w.json"
	cat "$T/b.json" "$T/w.json" > "$T/vp.json"
	run -0 grant-report --merge --format tsv < "$T/vp.json"
	# the merged json of a single site is the site's own json
	run -2 grant-report --merge --format json < "$T/a.json"
	printf '%s\n' "$output" > "$T/a2.json"
	cmp "$T/a.json" "$T/a2.json"
}

@test "grant-report: --merge refuses bad input" {
	grant-report --month 2020-02 --contract VP-B --format json > "$T/b.json"
	db_snapshot
	run -65 --separate-stderr grant-report --merge < /dev/null
	assert_equal "$stderr" "grant-report: <stdin>: no report records (expected the json output of grant-report)"
	cat "$T/b.json" "$T/b.json" > "$T/twice.json"
	run -65 --separate-stderr grant-report --merge < "$T/twice.json"
	# (lines 14 and 13 below were 11 and 10: b.json now ends with three
	# more records, its totals, issue 13)
	assert_equal "$stderr" "grant-report: <stdin>:14: contract: given twice for this site"
	grant-report --month 2020-01 --contract VP-B --format json > "$T/jan.json"
	sed 's/"site":"梧桐街道"/"site":"X"/' "$T/jan.json" > "$T/x.json"
	cat "$T/b.json" "$T/x.json" > "$T/mixed.json"
	run -65 --separate-stderr grant-report --merge < "$T/mixed.json"
	assert_equal "$stderr" "grant-report: <stdin>:13: period_start: another period than the first report's (expected reports of one period)"
	sed '2s/"paid_fen":600000,//' "$T/b.json" > "$T/nopaid.json"
	run -65 --separate-stderr grant-report --merge < "$T/nopaid.json"
	assert_equal "$stderr" "grant-report: <stdin>:2: paid_fen: missing (expected a whole number)"
	sed '3s/"measure":"cases_served"/"measure":"smiles"/' "$T/b.json" > "$T/bad.json"
	run -65 --separate-stderr grant-report --merge < "$T/bad.json"
	assert_equal "$stderr" "grant-report: <stdin>:3: measure: unknown measure"
	sed -n '2,$p' "$T/b.json" > "$T/noreport.json"
	run -65 --separate-stderr grant-report --merge < "$T/noreport.json"
	assert_equal "$stderr" "grant-report: <stdin>:1: type: contract before any report record (expected grant-report json)"
	printf '{"type":"invoice"}\n' > "$T/type.json"
	run -65 --separate-stderr grant-report --merge < "$T/type.json"
	assert_equal "$stderr" "grant-report: <stdin>:1: type: unknown record type (expected report, contract, measure or funding)"
	printf 'not json\n' > "$T/text.json"
	run -65 --separate-stderr grant-report --merge < "$T/text.json"
	assert_output ""
	assert_regex "$stderr" '^grant-report: <stdin>:1: '
	assert_equal "$stderr" "grant-report: <stdin>:1: not valid JSON (expected one object per line)"
	db_unchanged
}

@test "grant-report: usage errors exit 64, database unchanged" {
	db_snapshot
	check() {	# check MESSAGE ARGS...: exit 64 with that message
		local msg=$1
		shift
		run -64 --separate-stderr grant-report "$@"
		assert_equal "$output" ""
		assert_equal "${stderr_lines[0]}" "$msg"
		assert_equal "${stderr_lines[1]}" "usage: grant-report [-d db] [-P policy] [-M month | -Q quarter | -y year |"
	}
	check "grant-report: --month: not a month (expected YYYY-MM or 'last')" --month 2020-13
	check "grant-report: --month: not a month (expected YYYY-MM or 'last')" --month 2020-2
	check "grant-report: --quarter: not a quarter (expected YYYYQ1 to YYYYQ4, like 2019Q3)" --quarter 2020Q5
	# shorter than a year (read past its end before: ASan, fuzz-validate)
	check "grant-report: --quarter: not a quarter (expected YYYYQ1 to YYYYQ4, like 2019Q3)" --quarter Q3
	check "grant-report: --quarter: not a quarter (expected YYYYQ1 to YYYYQ4, like 2019Q3)" --quarter ""
	check "grant-report: --year: not a year (expected YYYY, 1900 to 2999)" --year 20
	check "grant-report: --since: not a date (expected YYYY-MM-DD)" --since 2019-02-29
	check "grant-report: --year: a second period (expected one of --month, --quarter, --year, --since/--until)" --month 2020-02 --year 2020
	check "grant-report: --until: without --since (expected both, or --since alone for up to today)" --until 2020-02-01
	check "grant-report: --since: after --until (expected a period that runs forward)" --since 2020-03-01 --until 2020-02-01
	check "grant-report: --format: unknown format (expected text, markdown, csv, tsv, json, html or xlsx)" --format pdf
	check "grant-report: --lang: unknown language (expected zh or en)" --lang fr
	check "grant-report: --kind: unknown contract kind (expected post, project or venture_philanthropy)" --kind grant
	check "grant-report: --behind: over 100 (expected a percentage 0 to 100)" --behind 120
	check "grant-report: --behind: not a number (expected a number like 30 or 5.5)" --behind lots
	check "grant-report: 2020-02: unexpected argument (expected options only)" 2020-02
	check "grant-report: --merge: takes no database, period or filter (the reports on stdin carry them)" --merge --month 2020-02
	run -64 --separate-stderr grant-report --bogus
	assert_regex "$stderr" "unrecognized option '--bogus'"
	db_unchanged
}

@test "grant-report: unknown codes exit 65, database unchanged" {
	db_snapshot
	run -65 --separate-stderr grant-report --month 2020-02 --contract NOPE
	assert_equal "$stderr" "grant-report: --contract: no contract 'NOPE' in the database"
	assert_output ""
	run -65 --separate-stderr grant-report --month 2020-02 --provider NOPE
	assert_equal "$stderr" "grant-report: --provider: no organisation 'NOPE' in the database"
	run -65 --separate-stderr grant-report --month 2020-02 --community NOPE
	assert_equal "$stderr" "grant-report: --community: no community 'NOPE' in the database"
	db_unchanged
}

@test "grant-report: a missing database exits 66 and is not created" {
	run -66 --separate-stderr grant-report --db "$T/none.db" --month 2020-02
	assert_output ""
	assert_regex "$stderr" "^grant-report: .*none.db"
	assert_equal "$stderr" "grant-report: $T/none.db: no database here (from --db); create it with 'wushe-db init'"
	[ ! -e "$T/none.db" ]
}

@test "grant-report: a full disk is an error, not silent loss" {
	[ -w /dev/full ] || skip "no /dev/full"
	db_snapshot
	run -74 --separate-stderr sh -c \
	    'grant-report --month 2020-02 --format html > /dev/full'
	assert_regex "$stderr" '^grant-report: .+'
	assert_equal "$stderr" "grant-report: error writing standard output: No space left on device"
	assert_output ""
	db_unchanged
}

@test "grant-report: --help prints the synopsis, --version the version" {
	run -0 --separate-stderr grant-report --help
	assert_line --index 0 "usage: grant-report [-d db] [-P policy] [-M month | -Q quarter | -y year |"
	assert_line "       grant-report --merge [-P policy] [--behind percent] [-f format]"
	assert_equal "$stderr" ""
	run -0 grant-report --version
	assert_output --regexp '^grant-report \(wushe\) [0-9]'
}

@test "grant-report: funders' shares that do not come out exact, every fen lands" {
	# tests/fixtures/grant-split.yaml, each contract paid once in Feb.
	# A funder's share is paid x funding / amount rounded half up; when
	# the funding adds up to the amount the difference goes to the
	# largest funder, the first by code on a tie (lib/grant.c).
	#  S21  10000.01 yuan = 1000001 fen, JD 20000 : ENT 10000 (2:1):
	#       JD 1000001 x 2/3 = 666667.33 -> 666667, ENT 333333.67 ->
	#       333334; 666667 + 333334 = 1000001, nothing left over.
	#  S11  1000001 fen, JD 10000 : ENT 10000 (1:1): 500000.5 each ->
	#       500001 each = 1000002, one fen over; a tie, so the first by
	#       code, ENT, gives it back: ENT 500000, JD 500001.
	#  S112 10000.02 yuan = 1000002 fen, CO 10000 : ENT 10000 : JD 20000
	#       (1:1:2): CO and ENT 250000.5 -> 250001, JD 500001 exact;
	#       1000003 is one fen over and the largest, JD, gives it back:
	#       CO 250001, ENT 250001, JD 500000.
	#  By funder: CO 250001 = 2500.01; ENT 500000 + 250001 + 333334 =
	#  1083335 = 10833.35; JD 500001 + 500000 + 666667 = 1666668 =
	#  16666.68; together 3000004 = 1000001 + 1000001 + 1000002 paid.
	export WUSHE_DB="$T/split.db"
	wushe-db init > /dev/null
	wushe-db load "$BATS_TEST_DIRNAME/fixtures/grant-split.yaml" > /dev/null
	run -0 --separate-stderr grant-report --month 2020-02 --format json
	assert_equal "$stderr" ""
	printf '%s\n' "$output" > "$T/split.json"
	run -0 jq -r 'select(.type == "funding") |
	    "\(.contract) \(.funder) \(.amount_fen) \(.paid_fen)"' "$T/split.json"
	assert_output "S11 ENT 1000000 500000
S11 JD 1000000 500001
S112 CO 1000000 250001
S112 ENT 1000000 250001
S112 JD 2000000 500000
S21 ENT 1000000 333334
S21 JD 2000000 666667"
	# every contract's shares add up to what it was paid
	run -0 jq -s -r '(map(select(.type == "contract")) |
	    map({key: .contract, value: .paid_fen}) | from_entries) as $p |
	    map(select(.type == "funding")) | group_by(.contract)[] |
	    "\(.[0].contract) \(map(.paid_fen) | add) \($p[.[0].contract])"' \
	    "$T/split.json"
	assert_output "S11 1000001 1000001
S112 1000002 1000002
S21 1000001 1000001"
	run -0 --separate-stderr grant-report --month 2020-02 --format text
	assert_line "Purchase spending in period (yuan): 30000.04"
	assert_line "  CO Property services company  enterprise      2500.01"
	assert_line "  ENT Bank branch               enterprise     10833.35"
	assert_line "  JD 梧桐街道办事处             street office  16666.68"
}

# The February 2020 figures worked out by hand from the fixture (the
# working is in this file's header comment and below), one measure a
# line: contract, measure, label, in period, to date, target, prorated
# target, percent, status.  Hours in hours; the paid lines are yuan:
# paid in period, paid to date, amount, share of the amount.
#  POST-A 244 of 366 days: hours 90+50+30+25 = 195 min = 3.25 h in Feb,
#         +30+60+45+30 = 360 min = 6.00 h to date; 12 x 244/366 = 8.00;
#         6/8 = 75.0%.  Contacts 4 / 8 of 9 x 244/366 = 6: 133.3%.
#         Cases 2, 3, 5 in Feb; 6, 1, 4, 2, 3, 5 to date: 6 / 2 = 300.0%.
#         New cases 2 (2, 3) / 4 (1, 4, 2, 3) of 3 x 244/366 = 2: 200.0%.
#         Paid 10000 (02-28); 30000 x 3 + 10000 = 100000 of 120000: 83.3%.
#  PRJ-C  60 of 366 days: 150 min = 2.50 h, +180 = 330 = 5.50 h;
#         3000 x 60/366 = 491.8 -> 492 min = 8.20 h; 330/492 = 67.1%.
#         Activities 1 / 2 of 12 x 60/366 = 1.97 -> 2: 100.0%.
#         Participants 35 / 60+35 = 95 of 300 x 60/366 = 49.2 -> 49:
#         193.9%.  Paid 20000 (02-10), 30000 of 50000: 60.0%.
#  VP-B   45 of 182 days: cases 2, 3 (session 02-12) and 5 (visit 02-25)
#         = 3, +4 (session 01-25) = 4 of 6 x 45/182 = 1.48 -> 1: 400.0%.
#         Sessions 1 / 2 of 8 x 45/182 = 1.98 -> 2: 100.0%.  Activities
#         1 / 1 of 4 x 45/182 = 0.99 -> 1: 100.0%.  Participants 15+40 =
#         55 / +12 = 67 of 100 x 45/182 = 24.7 -> 25: 268.0%.  Volunteer
#         270+600 = 870 min = 14.50 h / +180 = 1050 = 17.50 h of 20 h;
#         1200 x 45/182 = 296.7 -> 297 min = 4.95 h; 1050/297 = 353.5%.
#         Paid 6000 (02-15), 15000 + 6000 = 21000 of 30000: 70.0%.
HAND='POST-A	paid	-	10000.00	100000.00	120000.00	-	83.3	-
POST-A	service_hours	service hours (h)	3.25	6.00	12.00	8.00	75.0	behind
POST-A	contacts	casework contacts	4	8	9	6	133.3	on track
POST-A	cases_served	cases served	3	6	3	2	300.0	on track
POST-A	new_cases	new cases	2	4	3	2	200.0	on track
PRJ-C	paid	-	20000.00	30000.00	50000.00	-	60.0	-
PRJ-C	service_hours	service hours (h)	2.50	5.50	50.00	8.20	67.1	behind
PRJ-C	activities	community activities	1	2	12	2	100.0	on track
PRJ-C	participants	participants	35	95	300	49	193.9	on track
VP-B	paid	-	6000.00	21000.00	30000.00	-	70.0	-
VP-B	cases_served	cases served	3	4	6	1	400.0	on track
VP-B	group_sessions	group sessions	1	2	8	2	100.0	on track
VP-B	activities	community activities	1	1	4	1	100.0	on track
VP-B	participants	participants	55	67	100	25	268.0	on track
VP-B	volunteer_hours	volunteer hours (h)	14.50	17.50	20.00	4.95	353.5	on track'

# The totals worked out by hand: paid in February 10000 + 20000 + 6000 =
# 36000: enterprise (CO) 20000, social group (SOC) 6000, social-work
# agency (SW) 10000; by funder the bank 6000 x 12000/30000 = 2400, the
# street 36000 - 2400 = 33600.  Social organisations (SW, SOC) 16000 of
# 36000 = 44.4% (minimum 5%: met); of the new spending (PRJ-C, VP-B)
# 26000, SOC's 6000 = 23.1% (minimum 30%: below).  VP-B's enterprise
# co-funding 12000 of 30000 = 40.0%.  Text lines, spaces squeezed.
HAND_TOTALS='Purchase spending in period (yuan): 36000.00
 enterprise 20000.00
 social group 6000.00
 social-work agency 10000.00
 ENT Bank branch enterprise 2400.00
 JD 梧桐街道办事处 street office 33600.00
 all purchase spending 16000.00 36000.00 44.4% 5% met
 new public-service spending 6000.00 26000.00 23.1% 30% below
 VP-B After-school class 四点半课堂 30000.00 12000.00 40.0% ENT Bank branch'

# hand_figures BASE: BASE.csv, .txt, .md, .html and .json hold every
# figure of $HAND and $HAND_TOTALS
hand_figures() {
	local b=$1 c m l a t g p pc st min
	while IFS='	' read -r c m l a t g p pc st; do
		if [ "$m" = paid ]; then
			grep -qxF "梧桐街道,$c,paid,2020-02-01,2020-02-29,$a,$t,$g,,$pc" "$b.csv" ||
			    fail "$b.csv: $c paid"
			tr -s ' ' < "$b.txt" | grep -qxF " Paid to date $t (share of amount $pc%)" ||
			    fail "$b.txt: $c paid to date"
			grep -qxF -- "- **Paid to date**: $t (share of amount $pc%)" "$b.md" ||
			    fail "$b.md: $c paid to date"
			grep -qF "<tr><th>Paid to date</th><td>$t (share of amount $pc%)</td></tr>" "$b.html" ||
			    fail "$b.html: $c paid to date"
			continue
		fi
		grep -qxF "梧桐街道,$c,$m,2020-02-01,2020-02-29,$a,$t,$g,$p,$pc" "$b.csv" ||
		    fail "$b.csv: $c $m"
		tr -s ' ' < "$b.txt" | grep -qxF " $l $a $t $g $p $pc% $st" ||
		    fail "$b.txt: $c $l"
		grep -qxF "| $l | $a | $t | $g | $p | $pc% | $st |" "$b.md" ||
		    fail "$b.md: $c $l"
		grep -qF "<td>$l</td><td class=\"n\">$a</td><td class=\"n\">$t</td><td class=\"n\">$g</td><td class=\"n\">$p</td><td class=\"n\">$pc%</td><td>$st</td></tr>" "$b.html" ||
		    fail "$b.html: $c $l"
		# json: hours in minutes, behind 0 or 1
		if [[ $l == *"(h)" ]]; then
			min() { awk -v h="$1" 'BEGIN { printf "%d", h * 60 + 0.5 }'; }
			a=$(min "$a") t=$(min "$t") g=$(min "$g") p=$(min "$p")
		fi
		[ "$(jq -r --arg c "$c" --arg m "$m" 'select(.type == "measure"
		    and .contract == $c and .measure == $m) |
		    [.actual, .actual_to_date, .target, .prorated_target,
		    .percent, .behind] | map(tostring) | join(" ")' "$b.json")" = \
		    "$a $t $g $p $pc $([ "$st" = behind ] && echo 1 || echo 0)" ] ||
		    fail "$b.json: $c $m"
	done <<< "$HAND"
	while IFS= read -r l; do
		tr -s ' ' < "$b.txt" | grep -qxF "$l" || fail "$b.txt: $l"
	done <<< "$HAND_TOTALS"
	[ "$(grep -c '<td>' "$b.html")" -gt 0 ]
}

@test "grant-report: the golden files hold the figures worked out by hand" {
	hand_figures "$G"
}

@test "grant-report: every format gives the figures worked out by hand" {
	local f
	for f in csv:csv text:txt markdown:md html:html json:json; do
		grant-report --month 2020-02 --format "${f%%:*}" \
		    > "$T/out.${f#*:}" || [ $? -eq 2 ]
	done
	hand_figures "$T/out"
}

@test "grant-report: payments count in the period they are paid, outside the contract's too (issue 13)" {
	# OLD-D (SW, a social organisation; 2019) gets its final payment
	# (尾款) of 500 on 2020-02-10, after its end; VP-B (2020-01-16 on)
	# an advance (预付款) of 1000 on 2019-12-20, before its start.
	sql_untracked "INSERT INTO payment(contract, date, amount_fen, note)
	    VALUES ('OLD-D', '2020-02-10', 50000, '尾款'),
	           ('VP-B', '2019-12-20', 100000, '预付款')"
	# February: 36000 + 500 = 36500 spent; social organisations
	# 16000 + 500 = 16500 -> 16500 / 36500 = 45.2%
	run --separate-stderr grant-report --month 2020-02 --format json
	[ "$status" -le 2 ] || fail "exit $status: $stderr"
	assert_line --partial '"contract":"OLD-D"'
	[[ "$output" == *'"contract":"OLD-D"'*'"paid_fen":50000'* ]] ||
	    fail "OLD-D's final payment not counted"
	run --separate-stderr grant-report --month 2020-02 --format text
	assert_line --regexp '^Purchase spending in period \(yuan\): 36500\.00$'
	assert_line --regexp '^  all purchase spending +16500\.00 +36500\.00 +45\.2% +5% +met$'
	# December 2019: only VP-B's advance, 1000, by a social organisation
	run --separate-stderr grant-report --month 2019-12 --format text
	assert_line --regexp '^Purchase spending in period \(yuan\): 1000\.00$'
	assert_line --regexp '^  Paid in period +1000\.00$'
}

@test "grant-report: a community filter says the targets are contract-wide (issue 13)" {
	# POST-A's 8.00 prorated hours are the whole contract's; B2 delivered
	# 1.33 of them (16.7%): a part against the whole, said in every format
	run -2 --separate-stderr grant-report --month 2020-02 --community B2 --format text
	assert_line "Community B2 only: the delivery is this community's, the targets are contract-wide (the whole contract's), so a percentage compares a part with the whole."
	run -2 --separate-stderr grant-report --month 2020-02 --community B2 --format json
	assert_line --index 0 '{"type":"report","site":"梧桐街道","period_start":"2020-02-01","period_end":"2020-02-29","community":"B2","targets":"contract-wide"}'
	run -2 --separate-stderr grant-report --month 2020-02 --community B2 --format markdown
	assert_output --partial "Community B2 only:"
	# unfiltered, no such line
	run -2 --separate-stderr grant-report --month 2020-02 --format text
	refute_output --partial "contract-wide"
}

@test "grant-report: a period in progress is prorated to the as-of date and says so (issue 13)" {
	# Today is 2020-03-10 and 2020Q1 runs to 03-31.  POST-A (2019-07-01
	# to 2020-06-30, 366 days) as of 03-10 has run 31+31+30+31+30+31 +
	# 31+29+10 = 254 days: contacts 9 x 254/366 = 6.25 -> 6, and its 9
	# contacts are 150.0% of that (prorated to 03-31 it was 7: 128.6%).
	run -0 --separate-stderr grant-report --quarter 2020Q1 --contract POST-A --format csv
	assert_line "梧桐街道,POST-A,contacts,2020-01-01,2020-03-31,6,9,9,6,150.0"
	run -0 --separate-stderr grant-report --quarter 2020Q1 --contract POST-A --format text
	assert_line "The period has not ended: counted and prorated to 2020-03-10."
	assert_line --regexp '^  Contract period  2019-07-01 to 2020-06-30, days elapsed 254 / 366$'
	run -0 --separate-stderr grant-report --quarter 2020Q1 --contract POST-A --format json
	assert_line --index 0 '{"type":"report","site":"梧桐街道","period_start":"2020-01-01","period_end":"2020-03-31","as_of":"2020-03-10"}'
	# --as-of: the same on another day; 2020-03-01: 245 days,
	# 9 x 245/366 = 6.02 -> 6, 8 contacts by then (the 03-02 visit is
	# after; 5 of them in the quarter): 8 / 6 = 133.3%
	run --separate-stderr grant-report --quarter 2020Q1 --contract POST-A \
	    --as-of 2020-03-01 --format csv
	assert_line "梧桐街道,POST-A,contacts,2020-01-01,2020-03-31,5,8,9,6,133.3"
	# an ended period says nothing of the kind
	run -2 --separate-stderr grant-report --month 2020-02 --format text
	refute_output --partial "has not ended"
	# a bad --as-of steers the report: usage, 64
	run -64 --separate-stderr grant-report --as-of 2020-02-30
	assert_equal "${stderr_lines[0]}" "grant-report: --as-of: no such day (February has at most 29 days)"
}
