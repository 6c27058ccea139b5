#!/usr/bin/env bats
# workforce-report: the hand-worked fixture (tests/fixtures/workforce.yaml)
# checked figure by figure, the targets between milestones, every format,
# the merge of three sites, exit status and every refusal.
#
# The fixture, reported on 2023-06-30 under Fujian's plan
# (examples/policy-fujian-youth-2018.yaml):
#  Youth-affairs workers active on the date, with their qualification on
#  it: Y1 assistant (qualified 2019-05-01; 鼓楼区), Y2 none (its
#  intermediate certificate is dated 2023-08-01; 鼓楼区), Y4 intermediate
#  (joined on the date; 台江区), Y6 none (台江区), Y8 senior (no county).
#  Not active: Y3 (left 2023-06-29), Y5 (joins 2023-07-01); Y7 is not a
#  youth-affairs worker.  Counted (assistant, intermediate, senior): Y1,
#  Y4, Y8 = 3; not counted: Y2, Y6 = 2.
#  Target: between 6500 at 2020-12-31 and 10000 at 2025-12-31 (1826
#  days: 2024 is a leap year), 911 days in (730 + 181):
#  6500 + 3500 x 911 / 1826 = 6500 + 1746.1 -> 8246.
#  Counties: 仓山区 (an agency, league, but registered 2023-07-01: 0
#  agencies), 台江区 (none 1, intermediate 1; counted 1; its agencies are
#  not league-affiliated: 0), 鼓楼区 (none 1, assistant 1; counted 1; 1
#  agency), no county (senior 1; counted 1).
#  Training bases: GL-TW (2020-06-01) = 1 of 2.  Demonstration units:
#  TJ-SW (2021-05-01) = 1 of 5; TJ-SW2's is dated 2023-09-01.
#  Youth homes open: YH-CS (only Y2, unqualified on the date: 0), YH-CT
#  (Y4 from the date: 1; Y6 unqualified), YH-DJ (Y1: 1), YH-SX (Y1 until
#  2023-05-31, last month: 0).  YH-NEW opens 2023-07-15.  Two homes
#  without a youth-affairs social worker: exit 2.

bats_require_minimum_version 1.5.0
load helper

setup_file() {
	export LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$BATS_FILE_TMPDIR/config"
	unset WUSHE_POLICY
	export WUSHE_DB="$BATS_FILE_TMPDIR/fixture.db"
	wushe-db init >/dev/null
	wushe-db load "$BATS_TEST_DIRNAME/fixtures/workforce.yaml" >/dev/null
	sqlite3 "$WUSHE_DB" "INSERT INTO meta(key, value) VALUES ('site', '福州市')"
}

setup() {
	setup_env
	cp "$BATS_FILE_TMPDIR/fixture.db" "$WUSHE_DB"
	F="$BATS_TEST_DIRNAME/fixtures"
	FJ="$EXAMPLES/policy-fujian-youth-2018.yaml"
	bindir=$(dirname "$(command -v workforce-report)")
	export WUSHE_LOCALEDIR="$bindir/../locale"
	unset LANG LC_MESSAGES LANGUAGE
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

report() {
	workforce-report --as-of 2023-06-30 --policy "$FJ" "$@"
}

@test "json: every figure of the fixture, one record each, exit 2 for the gaps" {
	run -2 --separate-stderr report --format json
	assert_equal "$stderr" ''
	cat > "$BATS_TEST_TMPDIR/want" <<'EOF'
{"type":"report","site":"福州市","as_of":"2023-06-30","counted":"assistant,intermediate,senior","policy":"福建省中长期青年发展规划(2018—2025年)"}
{"type":"total","measure":"youth_workers","value":3,"target":8246}
{"type":"total","measure":"unqualified_youth_workers","value":2,"target":null}
{"type":"total","measure":"training_bases","value":1,"target":2}
{"type":"total","measure":"demonstration_units","value":1,"target":5}
{"type":"county","county":"仓山区","league_agencies":0,"youth_workers":0}
{"type":"county","county":"台江区","league_agencies":0,"youth_workers":1}
{"type":"county","county":"鼓楼区","league_agencies":1,"youth_workers":1}
{"type":"county","county":null,"league_agencies":0,"youth_workers":1}
{"type":"qualification","county":"台江区","qualification":"none","youth_workers":1}
{"type":"qualification","county":"台江区","qualification":"intermediate","youth_workers":1}
{"type":"qualification","county":"鼓楼区","qualification":"none","youth_workers":1}
{"type":"qualification","county":"鼓楼区","qualification":"assistant","youth_workers":1}
{"type":"qualification","county":null,"qualification":"senior","youth_workers":1}
{"type":"youth_home","site":"福州市","code":"YH-CS","name":"仓山青年之家","county":"仓山区","community":null,"youth_workers":0}
{"type":"youth_home","site":"福州市","code":"YH-CT","name":"茶亭青年之家","county":"台江区","community":"CT","youth_workers":1}
{"type":"youth_home","site":"福州市","code":"YH-DJ","name":"东街青年之家","county":"鼓楼区","community":"DJ","youth_workers":1}
{"type":"youth_home","site":"福州市","code":"YH-SX","name":"三坊七巷青年之家","county":"鼓楼区","community":null,"youth_workers":0}
EOF
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/want")"
}

@test "text: the targets, the trajectory stated, the gaps and the uncovered counties" {
	run -2 --separate-stderr report --format text
	assert_line --partial 'As of: 2023-06-30'
	assert_line --regexp '^  Youth-affairs social workers +3 +8246 +0\.0% +behind$'
	assert_line --regexp '^  Youth-affairs workers not counted \(unqualified\) +2 +- +- +-$'
	assert_line --regexp '^  Training bases +1 +2 +50\.0% +behind$'
	assert_line --regexp '^  Standard demonstration units +1 +5 +20\.0% +behind$'
	assert_line 'Youth-affairs social workers: the target for 2023-06-30 is 8246, on the straight line from 6500 at 2020-12-31 to 10000 at 2025-12-31.'
	assert_line 'Training bases: the target for 2023-06-30 is 2, the milestone of 2020-12-31.'
	assert_line --regexp '^  台江区 +1 +0 +1 +0 +1 +0$'
	assert_line --regexp '^  \(no county\) +0 +0 +0 +1 +1 +0$'
	assert_line --regexp '^  YH-CS +仓山青年之家 +仓山区 *$'
	assert_line --regexp '^  YH-SX +三坊七巷青年之家 +鼓楼区 *$'
	refute_line --partial 'YH-DJ'
	refute_line --partial 'YH-NEW'
	# the uncovered counties, after their heading
	assert_equal "$(printf '%s\n' "$output" | sed -n '/^Counties without/,$p')" \
	    "$(printf 'Counties without a youth-league social-work agency\n  County\n  仓山区\n  台江区')"
}

@test "before the first milestone the target is the first one's, stated" {
	# 2019-06-15 (today in the tests): Y1 active and qualified; Y2, Y3
	# (no dates) active, Y2 unqualified; Y6 unqualified; Y8 senior
	run -2 --separate-stderr workforce-report --policy "$FJ" --format text
	assert_line 'Youth-affairs social workers: the target for 2019-06-15 is 6500, the first milestone'"'"'s (2020-12-31).'
	assert_line --regexp '^  Youth-affairs social workers +3 +6500 '
	assert_line --regexp '^  Training bases +0 +2 '
}

@test "on a milestone its target, after the last the last one's" {
	# on 2025-12-31 and after: Y1, Y2 (qualified since 2023-08-01), Y4,
	# Y5 and Y8 count; TJ-SW2 is a demonstration unit since 2023-09-01
	run -2 --separate-stderr workforce-report --policy "$FJ" --format json --as-of 2025-12-31
	assert_line '{"type":"total","measure":"youth_workers","value":5,"target":10000}'
	run -2 --separate-stderr workforce-report --policy "$FJ" --format json --as-of 2030-01-01
	assert_line '{"type":"total","measure":"youth_workers","value":5,"target":10000}'
	assert_line '{"type":"total","measure":"demonstration_units","value":2,"target":5}'
	run -2 --separate-stderr workforce-report --policy "$FJ" --format text --as-of 2025-12-31
	assert_line 'Youth-affairs social workers: the target for 2025-12-31 is 10000, the milestone of 2025-12-31.'
}

@test "the default policy counts the qualified ones and sets no target" {
	run -2 --separate-stderr workforce-report --as-of 2023-06-30 --format json
	assert_line '{"type":"total","measure":"youth_workers","value":3,"target":null}'
	assert_line '{"type":"report","site":"福州市","as_of":"2023-06-30","counted":"assistant,intermediate,senior","policy":null}'
}

@test "a policy that counts only intermediate and senior" {
	printf 'workforce:\n  counted_qualifications: [intermediate, senior]\n' > "$BATS_TEST_TMPDIR/p.yaml"
	run -2 --separate-stderr workforce-report --as-of 2023-06-30 --format json --policy "$BATS_TEST_TMPDIR/p.yaml"
	# Y1 (assistant) moves to the not counted: 2 and 3; YH-DJ loses it
	assert_line '{"type":"total","measure":"youth_workers","value":2,"target":null}'
	assert_line '{"type":"total","measure":"unqualified_youth_workers","value":3,"target":null}'
	assert_line --partial '"code":"YH-DJ","name":"东街青年之家","county":"鼓楼区","community":"DJ","youth_workers":0}'
}

@test "tsv (the default on a pipe) and csv: one tidy row per figure" {
	run -2 --separate-stderr report
	assert_line --index 0 "$(printf 'type\tsite\tas_of\tmeasure\tcounty\tqualification\tcode\tname\tcommunity\tvalue\ttarget')"
	assert_line --index 1 "$(printf 'total\t\t2023-06-30\tyouth_workers\t\t\t\t\t\t3\t8246')"
	assert_line "$(printf 'county\t\t2023-06-30\tleague_agencies\t鼓楼区\t\t\t\t\t1\t')"
	assert_line "$(printf 'county\t\t2023-06-30\tyouth_workers\t台江区\t\t\t\t\t1\t')"
	assert_line "$(printf 'qualification\t\t2023-06-30\tyouth_workers\t\tsenior\t\t\t\t1\t')"
	assert_line "$(printf 'youth_home\t福州市\t2023-06-30\tyouth_workers\t鼓楼区\t\tYH-SX\t三坊七巷青年之家\t\t0\t')"
	# 4 totals, 4 x 2 county rows, 5 qualification rows, 4 homes, a header
	assert_equal "${#lines[@]}" 22
	run -2 --separate-stderr report --format csv
	assert_line --index 1 'total,,2023-06-30,youth_workers,,,,,,3,8246'
}

@test "markdown and html carry the same figures" {
	run -2 --separate-stderr report --format markdown
	assert_output --partial '| Youth-affairs social workers | 3 | 8246 | 0.0% | behind |'
	assert_output --partial '三坊七巷青年之家'
	run -2 --separate-stderr report --format html
	assert_output --partial '<html'
	assert_output --partial '三坊七巷青年之家'
	assert_output --partial '8246'
}

@test "--lang zh: Chinese labels" {
	run -2 --separate-stderr report --format text --lang zh
	assert_line --partial '青少年事务社会工作专业人才队伍: 福州市'
	assert_line --partial '未配备青少年事务社会工作专业人才的“青年之家”'
	assert_line --partial '青少年事务社会工作专业人才：2023-06-30 的目标为 8246，按 6500（2020-12-31）至 10000（2025-12-31）线性推算。'
}

@test "no gap, exit 0" {
	run -0 --separate-stderr workforce-report --merge --format json < "$F/workforce-site-c.json"
	assert_line --partial '"code":"YH-C1"'
}

@test "merge of three sites: totals and counties added up, figure by figure" {
	report --format json > "$BATS_TEST_TMPDIR/a.json" || [ $? -eq 2 ]
	cat "$BATS_TEST_TMPDIR/a.json" "$F/workforce-site-b.json" "$F/workforce-site-c.json" > "$BATS_TEST_TMPDIR/all.json"
	run -2 --separate-stderr workforce-report --merge --policy "$FJ" --format json < "$BATS_TEST_TMPDIR/all.json"
	assert_equal "$stderr" ''
	# sites sorted; totals 3+10+5, 2+4+0, 1+1+0, 1+2+3; targets of the
	# merge's policy on the reports' date
	assert_line --index 0 --partial '"site":"仓山区"'
	assert_line --index 1 --partial '"site":"台江区"'
	assert_line --index 2 --partial '"site":"福州市"'
	assert_line --index 3 '{"type":"total","measure":"youth_workers","value":18,"target":8246}'
	assert_line --index 4 '{"type":"total","measure":"unqualified_youth_workers","value":6,"target":null}'
	assert_line --index 5 '{"type":"total","measure":"training_bases","value":2,"target":2}'
	assert_line --index 6 '{"type":"total","measure":"demonstration_units","value":6,"target":5}'
	# 仓山区 0+2 agencies, 0+5 workers; 台江区 0+1, 1+10; 鼓楼区 as A
	assert_line --index 7 '{"type":"county","county":"仓山区","league_agencies":2,"youth_workers":5}'
	assert_line --index 8 '{"type":"county","county":"台江区","league_agencies":1,"youth_workers":11}'
	assert_line --index 9 '{"type":"county","county":"鼓楼区","league_agencies":1,"youth_workers":1}'
	assert_line --index 10 '{"type":"county","county":null,"league_agencies":0,"youth_workers":1}'
	# 台江区 none 1+4, assistant 0+6, intermediate 1+4
	assert_line '{"type":"qualification","county":"台江区","qualification":"none","youth_workers":5}'
	assert_line '{"type":"qualification","county":"台江区","qualification":"assistant","youth_workers":6}'
	assert_line '{"type":"qualification","county":"台江区","qualification":"intermediate","youth_workers":5}'
	# YH-CT in two sites is two homes; 7 homes, 3 without a worker
	assert_line '{"type":"youth_home","site":"台江区","code":"YH-CT","name":"茶亭青年之家","county":"台江区","community":"CT","youth_workers":2}'
	assert_line '{"type":"youth_home","site":"福州市","code":"YH-CT","name":"茶亭青年之家","county":"台江区","community":"CT","youth_workers":1}'
	assert_equal "$(printf '%s\n' "$output" | grep -c '"type":"youth_home"')" 7
	assert_equal "$(printf '%s\n' "$output" | grep -c '"youth_workers":0}$')" 3
	# a merged report merges again to the same
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/merged.json"
	run -2 --separate-stderr workforce-report --merge --policy "$FJ" --format json < "$BATS_TEST_TMPDIR/merged.json"
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/merged.json")"
	# text: every county covered once merged, the gaps by site
	run -2 --separate-stderr workforce-report --merge --policy "$FJ" --format text < "$BATS_TEST_TMPDIR/all.json"
	assert_line 'None: every county has one.'
	assert_line --regexp '^  台江区 +YH-X +洋中青年之家 +台江区 *$'
}

@test "merge refuses reports of different dates" {
	sed 's/2023-06-30/2023-06-29/' "$F/workforce-site-c.json" | cat "$F/workforce-site-b.json" - > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$output" ''
	assert_equal "$stderr" 'workforce-report: <stdin>:12: as_of: another date than the first report'"'"'s (expected reports of one date)'
}

@test "merge refuses a site given twice" {
	cat "$F/workforce-site-c.json" "$F/workforce-site-c.json" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:9: site: a second report of this site (expected each site once)'
}

@test "merge refuses reports counting other qualifications" {
	sed 's/"counted":"assistant,intermediate,senior"/"counted":"senior"/' "$F/workforce-site-c.json" | cat "$F/workforce-site-b.json" - > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:12: counted: other qualifications counted than in the first report (expected reports under one policy)'
}

@test "merge refuses a youth home twice in a site, and another site's records" {
	{ cat "$F/workforce-site-c.json"; tail -n 1 "$F/workforce-site-c.json"; } > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" "workforce-report: <stdin>:9: code: a second youth home 'YH-C1' in site '仓山区' (the first at line 8)"
	{ cat "$F/workforce-site-c.json"; tail -n 1 "$F/workforce-site-b.json"; } > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:9: site: no report record of this site before it (expected each site'"'"'s records after its report record)'
}

@test "merge refuses what is not workforce-report json" {
	run -65 --separate-stderr workforce-report --merge < /dev/null
	assert_equal "$stderr" 'workforce-report: <stdin>: no report records (expected the json output of workforce-report)'
	tail -n 2 "$F/workforce-site-c.json" > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:1: type: a record before any report record (expected workforce-report json)'
	printf '{"type":"contract","site":"x"}\n' > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:1: type: missing or unknown (expected report, total, county, qualification or youth_home)'
	{ head -n 1 "$F/workforce-site-c.json"; printf '{"type":"total","measure":"staff","value":1}\n'; } > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:2: measure: unknown measure (expected youth_workers, unqualified_youth_workers, training_bases or demonstration_units)'
	{ head -n 1 "$F/workforce-site-c.json"; printf '{"type":"total","measure":"youth_workers","value":-1}\n'; } > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:2: value: not a whole number (expected digits only)'
	printf '{"type":"report","site":"x"}\n' > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$stderr" 'workforce-report: <stdin>:1: as_of: missing (expected a workforce-report json record)'
}

@test "usage errors exit 64" {
	run -64 --separate-stderr workforce-report --merge --as-of 2023-06-30
	err_has 'workforce-report: --merge: takes no database or date (the reports on stdin carry them)'
	run -64 --separate-stderr workforce-report --as-of 2023-02-30
	err_has 'workforce-report: --as-of: '
	run -64 --separate-stderr workforce-report --format pdf
	err_has 'workforce-report: --format: unknown format (expected text, markdown, csv, tsv, json, html or xlsx)'
	run -64 --separate-stderr workforce-report --lang fr
	err_has 'workforce-report: --lang: unknown language (expected zh or en)'
	run -64 --separate-stderr workforce-report extra
	err_has 'workforce-report: extra: unexpected argument (expected options only)'
}

@test "policy refusals: milestones out of order, a bad milestone, an unknown qualification" {
	p="$BATS_TEST_TMPDIR/p.yaml"
	printf 'workforce:\n  youth_workers:\n    - {date: 2025-12-31, target: 10000}\n    - {date: 2020-12-31, target: 6500}\n' > "$p"
	run -65 --separate-stderr workforce-report --policy "$p"
	assert_equal "$stderr" "workforce-report: $p:4:14: workforce.youth_workers[2]: '2020-12-31': not after the milestone before it, 2025-12-31 (expected dates in order)"
	printf 'workforce:\n  training_bases:\n    - {date: 2020-12-31}\n' > "$p"
	run -65 --separate-stderr workforce-report --policy "$p"
	assert_equal "$stderr" "workforce-report: $p:3:7: workforce.training_bases[1]: missing target (expected {date, target})"
	printf 'workforce:\n  training_bases:\n    - {date: 2020-12-31, target: many}\n' > "$p"
	run -65 --separate-stderr workforce-report --policy "$p"
	assert_equal "$stderr" "workforce-report: $p:3:34: workforce.training_bases[1]: 'many': not a whole number (expected digits only)"
	printf 'workforce:\n  counted_qualifications: [expert]\n' > "$p"
	run -65 --separate-stderr workforce-report --policy "$p"
	err_has "workforce-report: $p:2:28: workforce.counted_qualifications: 'expert': unknown qualification"
	printf 'workforce:\n  target: 5\n' > "$p"
	run -65 --separate-stderr workforce-report --policy "$p"
	err_has "workforce-report: $p:2:3: workforce.target: unknown key (expected one of: name, source, counted_qualifications, youth_workers, training_bases, demonstration_units)"
}

@test "merge refuses sums that do not fit" {
	# 1001 x 9223372036854775 is over INT64_MAX (9223372036854775807)
	{ head -n 1 "$F/workforce-site-c.json"
	  for i in $(seq 1001); do
		printf '{"type":"total","measure":"youth_workers","value":9223372036854775}\n'
	  done; } > "$BATS_TEST_TMPDIR/in.json"
	run -65 --separate-stderr workforce-report --merge < "$BATS_TEST_TMPDIR/in.json"
	assert_equal "$output" ''
	assert_equal "$stderr" 'workforce-report: <stdin>:1002: value: the sum grows too large (expected counts of people and places)'
}
