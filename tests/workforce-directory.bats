#!/usr/bin/env bats
# wushe-db load: the directory keys of issue 17 (workers' qualification,
# qualified_on and county; orgs' training_base, demonstration_unit,
# league_affiliated and county; youth_homes with their staff), loaded
# idempotently, and every refusal: exit 65, file:line:column, nothing
# loaded.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_env
	wushe-db init >/dev/null
	cd "$BATS_TEST_TMPDIR"
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

# dir TEXT: d.yaml holds an org A, a worker W1 and TEXT after them (under
# workers: unless TEXT starts a key of its own).
dir() {
	printf 'orgs:\n  - {code: A, name: 机构, kind: sw_agency}\nworkers:\n  - {code: W1, name: 社工, org: A}\n%s\n' "$1" > d.yaml
}

# refused N: the load of d.yaml fails with N problems and writes nothing.
refused() {
	db_snapshot
	run -65 --separate-stderr wushe-db load d.yaml
	assert_equal "$output" ''
	err_has "wushe-db: $1 problem$([ "$1" = 1 ] || echo s) found; nothing was loaded"
	db_unchanged
}

@test "the fixture loads: every new key in its column, staff rows" {
	run -0 --separate-stderr wushe-db load "$FIXTURES/workforce.yaml"
	assert_line --index 9 "$(printf 'youth_homes\t5\t0\t0\t0')"
	assert_equal "$(sql "SELECT qualification || ' ' || qualified_on || ' ' || county FROM worker WHERE code = 'Y1'")" 'assistant 2019-05-01 鼓楼区'
	assert_equal "$(sql "SELECT county IS NULL FROM worker WHERE code = 'Y8'")" 1
	assert_equal "$(sql "SELECT training_base || ' ' || league_affiliated || ' ' || county FROM org WHERE code = 'GL-TW'")" '2020-06-01 1 鼓楼区'
	assert_equal "$(sql "SELECT demonstration_unit || ' ' || league_affiliated FROM org WHERE code = 'TJ-SW'")" '2021-05-01 0'
	assert_equal "$(sql "SELECT league_affiliated FROM org WHERE code = 'TJ-SW2'")" 0
	assert_equal "$(sql "SELECT name || ' ' || county || ' ' || community || ' ' || opened FROM youth_home WHERE code = 'YH-DJ'")" '东街青年之家 鼓楼区 DJ 2020-01-01'
	assert_equal "$(sql "SELECT group_concat(worker || ':' || coalesce(served_from, '-') || ':' || coalesce(served_to, '-'), ' ') FROM (SELECT * FROM youth_home_staff WHERE youth_home = 'YH-CT' ORDER BY worker)")" 'Y4:2023-06-30:- Y6:-:-'
	assert_equal "$(sql "SELECT served_to FROM youth_home_staff WHERE youth_home = 'YH-SX'")" 2023-05-31
}

@test "a second load changes nothing; a changed staff list is replaced and reported" {
	wushe-db load "$FIXTURES/workforce.yaml" >/dev/null
	db_snapshot
	run -0 --separate-stderr wushe-db load "$FIXTURES/workforce.yaml"
	assert_line --index 9 "$(printf 'youth_homes\t0\t0\t5\t0')"
	assert_equal "$stderr" ''
	db_unchanged
	sed 's/{worker: Y1, from: 2021-01-01, to: 2023-05-31}/{worker: Y1, from: 2021-01-01}/' "$FIXTURES/workforce.yaml" > w.yaml
	run -0 --separate-stderr wushe-db load w.yaml
	assert_line --index 9 "$(printf 'youth_homes\t0\t1\t4\t0')"
	err_has 'wushe-db: w.yaml:59:5: youth home YH-SX: changed staff'
	assert_equal "$(sql "SELECT served_to IS NULL FROM youth_home_staff WHERE youth_home = 'YH-SX'")" 1
}

@test "a youth home missing from the files is kept and reported" {
	wushe-db load "$FIXTURES/workforce.yaml" >/dev/null
	grep -v 'YH-NEW' "$FIXTURES/workforce.yaml" > w.yaml
	run -0 --separate-stderr wushe-db load w.yaml
	assert_line --index 9 "$(printf 'youth_homes\t0\t0\t4\t1')"
	err_has 'wushe-db: youth home YH-NEW: not in file (kept in the database)'
}

@test "refused: a qualification that is not one of the four" {
	dir '  - {code: W2, name: b, org: A, qualification: expert}'
	refused 1
	err_has "wushe-db: d.yaml:5:48: qualification: 'expert': unknown qualification (expected one of: none, assistant, intermediate, senior)"
}

@test "refused: a certificate's date that is not a date, or with no qualification" {
	dir '  - {code: W2, name: b, org: A, qualification: senior, qualified_on: 2019-02-30}
  - {code: W3, name: c, org: A, qualified_on: 2019-02-03}
  - {code: W4, name: d, org: A, qualification: none, qualified_on: 2019-02-03}'
	refused 3
	err_has "wushe-db: d.yaml:5:70: qualified_on: '2019-02-30': no such day (February has at most 29 days)"
	err_has "wushe-db: d.yaml:6:47: qualified_on: '2019-02-03': a certificate's date with no qualification (expected qualification assistant, intermediate or senior)"
	err_has "wushe-db: d.yaml:7:68: qualified_on: '2019-02-03': a certificate's date with no qualification"
}

@test "refused: a worker's county that is not text" {
	dir '  - {code: W2, name: b, org: A, county: [a, b]}'
	refused 1
	err_has 'wushe-db: d.yaml:5:41: county: wrong type: a list (expected a single value)'
}

@test "refused: an org's designation dates and league affiliation" {
	printf 'orgs:\n  - {code: B, name: b, kind: sw_agency, training_base: 2020-13-01, demonstration_unit: soon, league_affiliated: yes}\n' > d.yaml
	refused 3
	err_has "wushe-db: d.yaml:2:56: training_base: '2020-13-01': no such month (expected 01 to 12)"
	err_has "wushe-db: d.yaml:2:88: demonstration_unit: 'soon': not a date (expected YYYY-MM-DD)"
	err_has "wushe-db: d.yaml:2:113: league_affiliated: 'yes': not a yes/no value (expected true or false)"
}

@test "refused: youth_homes that is not a list, an entry that is not a mapping" {
	dir 'youth_homes: {code: H1}'
	refused 1
	err_has 'wushe-db: d.yaml:5:14: youth_homes: wrong type: a mapping (expected a list of youth home entries)'
	dir 'youth_homes:
  - H1'
	refused 1
	err_has 'wushe-db: d.yaml:6:5: youth_homes: wrong type: a single value (expected a mapping for each youth home)'
}

@test "refused: a youth home without code or name, an unknown key, an unknown community, a bad date, a code twice" {
	dir 'youth_homes:
  - {name: 家}
  - {code: H2}
  - {code: H3, name: 家, colour: red}
  - {code: H4, name: 家, community: XX, opened: 2019-1-1}
  - {code: H4, name: 家二}'
	refused 6
	err_has 'wushe-db: d.yaml:6:5: code: missing (required for each youth home)'
	err_has 'wushe-db: d.yaml:7:5: name: missing (required for each youth home)'
	err_has 'wushe-db: d.yaml:8:25: colour: unknown key (expected one of: code, name, county, community, opened, staff)'
	err_has "wushe-db: d.yaml:9:48: opened: '2019-1-1': not a date (expected YYYY-MM-DD)"
	err_has "wushe-db: d.yaml:9:36: community: unknown community 'XX' (not in the files or the database)"
	err_has "wushe-db: d.yaml:10:12: code: 'H4': a second youth home with this code (the first is at d.yaml:9)"
}

@test "refused: staff that is not a list of {worker, from, to}" {
	dir 'youth_homes:
  - {code: H1, name: 家, staff: {worker: W1}}
  - {code: H2, name: 家, staff: [W1]}
  - {code: H3, name: 家, staff: [{worker: W1, role: lead}]}
  - {code: H4, name: 家, staff: [{from: 2019-01-01}]}'
	refused 4
	err_has 'wushe-db: d.yaml:6:32: staff: wrong type: a mapping (expected a list of {worker, from, to})'
	err_has 'wushe-db: d.yaml:7:33: staff: wrong type: a single value (expected a mapping {worker, from, to})'
	err_has 'wushe-db: d.yaml:8:46: staff.role: unknown key (expected one of: worker, from, to)'
	err_has 'wushe-db: d.yaml:9:33: staff.worker: missing (required)'
}

@test "refused: an unknown worker, bad dates, a worker twice on the same days" {
	dir 'youth_homes:
  - {code: H5, name: 家, staff: [{worker: W9}]}
  - {code: H6, name: 家, staff: [{worker: W1, from: 2019-02-30}]}
  - {code: H7, name: 家, staff: [{worker: W1, from: 2019-03-01, to: 2019-02-01}]}
  - {code: H8, name: 家, staff: [{worker: W1, to: 2019-06-30}, {worker: W1, from: 2019-06-30}]}
  - {code: H9, name: 家, staff: [{worker: W1, to: 2019-06-29}, {worker: W1, from: 2019-06-30}]}
  - {code: H10, name: 家, staff: [{worker: W1, to: 2019-13-01}]}'
	refused 5
	err_has "wushe-db: d.yaml:6:42: staff.worker: unknown worker 'W9' (not in the files or the database)"
	err_has "wushe-db: d.yaml:7:52: staff.from: '2019-02-30': no such day (February has at most 29 days)"
	err_has "wushe-db: d.yaml:8:68: staff.to: '2019-02-01': before from 2019-03-01 (expected the same day or later)"
	err_has "wushe-db: d.yaml:9:72: staff.worker: 'W1': listed twice for the same days (the first at 9:42; expected periods apart)"
	err_has "wushe-db: d.yaml:11:51: staff.to: '2019-13-01': no such month (expected 01 to 12)"
	[[ "$stderr" != *"d.yaml:10:"* ]] || fail "H9's periods are apart: $stderr"
}

@test "refused: a staff worker that is a code in the wrong form" {
	dir 'youth_homes:
  - {code: H1, name: 家, staff: [{worker: "W 1"}]}'
	refused 1
	err_has "wushe-db: d.yaml:6:42: staff.worker: 'W 1': "
}
