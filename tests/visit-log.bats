#!/usr/bin/env bats
# visit-log: logging contacts, importing history, listing, the due list.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	POLICY=$FIXTURES/visit-policy.yaml
	# the eight cases of the due fixture (ids 1..8); case 5 closed
	case-add < "$FIXTURES/visit-cases.tsv" > /dev/null
	case-close -r moved_away -D 2019-05-20 5 > /dev/null
}

# with_history: the visits of the due fixture (ids 1..10).
with_history() {
	visit-log --import < "$FIXTURES/visit-history.tsv" > /dev/null
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

nvisits() {
	sql "SELECT count(*) FROM visit"
}

HEAD='case_id	worker	date	start	minutes	kind	status	purpose	note	follow_up	contract'

# ---------------------------------------------------------------- basics

@test "visit-log: --help prints the usage and exits 0" {
	run -0 --separate-stderr visit-log --help
	assert_line --index 0 --partial 'usage: visit-log'
	assert_equal "$stderr" ''
}

@test "visit-log: --version" {
	run -0 visit-log --version
	assert_output 'visit-log (wushe) 0.1.0'
}

@test "visit-log: unknown option is a usage error" {
	db_snapshot
	run -64 --separate-stderr visit-log --bogus
	err_has 'usage: visit-log'
	db_unchanged
}

@test "visit-log: --minutes and --kind are required when logging" {
	db_snapshot
	run -64 --separate-stderr visit-log --case 1 --kind home
	err_has '--minutes: required'
	run -64 --separate-stderr visit-log --case 1 --minutes 30
	err_has '--kind: required'
	db_unchanged
}

@test "visit-log: --import takes no record options" {
	db_snapshot
	run -64 --separate-stderr visit-log --import --case 1 < /dev/null
	err_has '--import: the visits'
	db_unchanged
}

@test "visit-log: --keep-going needs --reject" {
	db_snapshot
	run -64 --separate-stderr visit-log --import --keep-going < /dev/null
	err_has '--keep-going and --reject FILE go together'
	db_unchanged
}

@test "visit-log: a bad --since is a usage error" {
	db_snapshot
	run -64 --separate-stderr visit-log --list --since 2019-02-30
	err_has "--since: '2019-02-30'"
	db_unchanged
}

@test "visit-log: unknown --summary grouping is a usage error" {
	db_snapshot
	run -64 --separate-stderr visit-log --summary colour
	err_has "--summary: 'colour': unknown grouping"
	db_unchanged
}

# ---------------------------------------------------------------- logging

@test "visit-log: one visit, defaults from the case and the worker's post" {
	run -0 --separate-stderr visit-log --case 1 --minutes 40 --kind home \
	    --date 2019-06-10 --start 09:30 --purpose 定期探访 \
	    --note '血压正常' --follow-up 2019-06-17
	assert_equal "$stderr" ''
	assert_equal "${lines[0]}" "$(printf '%s\t' visit_id case_id community \
	    worker date start minutes kind status purpose note follow_up \
	    contract | sed 's/\t$//')"
	assert_equal "${lines[1]}" "$(printf '1\t1\tQH\tW01\t2019-06-10\t09:30\t40\thome\tdone\t定期探访\t血压正常\t2019-06-17\tHT-2019-POST')"
	assert_equal "$(sql "SELECT worker, contract, status FROM visit")" \
	    'W01|HT-2019-POST|done'
}

@test "visit-log: the date defaults to today" {
	run -0 --separate-stderr visit-log --case 2 --minutes 10 --kind phone
	assert_equal "$(sql "SELECT date FROM visit")" '2019-06-15'
}

@test "visit-log: a contract must cover the date of the visit" {
	run -0 --separate-stderr visit-log --case 6 --minutes 30 --kind home \
	    --date 2019-01-15
	assert_equal "$(sql "SELECT contract FROM visit")" 'HT-2019-POST'
	db_snapshot
	run -65 --separate-stderr visit-log --case 6 --minutes 30 \
	    --kind home --date 2019-01-16 --contract HT-2019-430
	err_has 'case 6: --contract: HT-2019-430 runs 2019-03-01 to 2019-12-31, not on 2019-01-16'
	db_unchanged
}

@test "visit-log: several --case options are one joint contact" {
	run -0 --separate-stderr visit-log --case 1 --case 2 --minutes 60 \
	    --kind home --date 2019-06-03 --start 14:00 --worker W01
	assert_equal "$(nvisits)" 2
	# a later command at the same time is an overlap
	db_snapshot
	run -65 --separate-stderr visit-log --case 6 --minutes 30 \
	    --kind home --date 2019-06-03 --start 14:30
	err_has 'case 6: --start: 14:30 for 30 minutes overlaps visit 1 by W01 on 2019-06-03 at 14:00 for 60 minutes'
	db_unchanged
}

# ---------------------------------------------------------------- refusals

@test "visit-log: refuses a date in the future" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes 30 --kind home \
	    --date 2019-06-16
	err_has 'case 1: --date: 2019-06-16 is in the future (today is 2019-06-15)'
	err_has '1 of 1 record bad; nothing written'
	db_unchanged
}

@test "visit-log: refuses a date before the case opened" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes 30 --kind home \
	    --date 2019-03-03
	err_has 'case 1: --date: 2019-03-03 is before case 1 opened (2019-03-04)'
	db_unchanged
}

@test "visit-log: refuses a date after the case closed" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 5 --minutes 30 --kind home \
	    --date 2019-05-21
	err_has 'case 5: --date: 2019-05-21 is after case 5 closed (2019-05-20)'
	db_unchanged
	# the closing day itself is still allowed
	run -0 --separate-stderr visit-log --case 5 --minutes 30 --kind home \
	    --date 2019-05-20
}

@test "visit-log: refuses a date that is not a date" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes 30 --kind home \
	    --date 2019-02-29
	err_has "case 1: --date: '2019-02-29'"
	db_unchanged
}

@test "visit-log: refuses minutes outside 1..1440" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes 0 --kind home \
	    --date 2019-06-01
	err_has 'case 1: --minutes: 0 is out of range (expected 1 to 1440)'
	run -65 --separate-stderr visit-log --case 1 --minutes 1441 \
	    --kind home --date 2019-06-01
	err_has 'case 1: --minutes: 1441 is out of range (expected 1 to 1440)'
	run -65 --separate-stderr visit-log --case 1 --minutes 1.5 \
	    --kind home --date 2019-06-01
	err_has "case 1: --minutes: '1.5': not a number of minutes"
	db_unchanged
	run -0 --separate-stderr visit-log --case 1 --minutes 1440 \
	    --kind escort --date 2019-06-01
}

@test "visit-log: refuses a worker not active on the date" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 3 --worker W03 \
	    --minutes 30 --kind home --date 2019-06-03
	err_has "case 3: --worker: worker 'W03' is not active on 2019-06-03 (left on 2019-05-31)"
	db_unchanged
	run -0 --separate-stderr visit-log --case 3 --worker W03 \
	    --minutes 30 --kind home --date 2019-05-31
}

@test "visit-log: refuses an unknown case" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 99 --minutes 30 --kind home
	err_has '--case: unknown case 99 (expected a case number from case-add)'
	run -65 --separate-stderr visit-log --case x1 --minutes 30 --kind home
	err_has "--case: 'x1': not a whole number"
	db_unchanged
}

@test "visit-log: refuses unknown worker, contract, kind and status" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --worker W99 \
	    --contract NOPE --minutes 30 --kind visit --status gone \
	    --date 2019-06-01
	err_has "case 1: --worker: unknown worker 'W99'"
	err_has "case 1: --contract: unknown contract 'NOPE'"
	err_has "case 1: --kind: 'visit': unknown kind (expected one of: home, phone, office, outreach, escort, mediation, online)"
	err_has "case 1: --status: 'gone': unknown status (expected one of: done, no_show, cancelled)"
	db_unchanged
}

@test "visit-log: refuses an overlapping visit by the same worker" {
	run -0 --separate-stderr visit-log --case 1 --minutes 60 --kind home \
	    --date 2019-06-03 --start 09:00
	db_snapshot
	run -65 --separate-stderr visit-log --case 2 --minutes 30 --kind home \
	    --date 2019-06-03 --start 09:59
	err_has 'case 2: --start: 09:59 for 30 minutes overlaps visit 1 by W01 on 2019-06-03 at 09:00 for 60 minutes'
	db_unchanged
	# back to back is not an overlap; nor another worker; nor no start
	run -0 --separate-stderr visit-log --case 2 --minutes 30 --kind home \
	    --date 2019-06-03 --start 10:00
	run -0 --separate-stderr visit-log --case 3 --minutes 30 --kind home \
	    --date 2019-06-03 --start 09:00
	run -0 --separate-stderr visit-log --case 2 --minutes 30 --kind phone \
	    --date 2019-06-03
	assert_equal "$(nvisits)" 4
}

@test "visit-log: overlaps inside one import are refused too" {
	printf '%s\n' "$HEAD" \
	    '1	W01	2019-06-03	09:00	60	home	done				' \
	    '2	W01	2019-06-03	09:30	30	home	done				' \
	    > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --import < "$T/in.tsv"
	err_has '<stdin>:3: start: 09:30 for 30 minutes overlaps visit 1 by W01 on 2019-06-03 at 09:00 for 60 minutes'
	db_unchanged
}

@test "visit-log: a cancelled visit overlaps nothing" {
	run -0 --separate-stderr visit-log --case 1 --minutes 60 --kind home \
	    --date 2019-06-03 --start 09:00 --status cancelled
	assert_equal "$stderr" ""
	run -0 --separate-stderr visit-log --case 2 --minutes 60 --kind home \
	    --date 2019-06-03 --start 09:00
	assert_equal "$stderr" ""
	assert_equal "$(sql "SELECT id, case_id, worker, date, start, minutes,
	    status FROM visit ORDER BY id")" \
	    "1|1|W01|2019-06-03|09:00|60|cancelled
2|2|W01|2019-06-03|09:00|60|done"
	# but a done visit at the same time is refused
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes 30 --kind home \
	    --date 2019-06-03 --start 09:30
	err_has 'case 1: --start: 09:30 for 30 minutes overlaps visit 2 by W01 on 2019-06-03 at 09:00 for 60 minutes'
	db_unchanged
}

@test "visit-log: refuses a follow-up before the visit" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes 30 --kind home \
	    --date 2019-06-10 --follow-up 2019-06-09
	err_has 'case 1: --follow-up: 2019-06-09 is before the visit (2019-06-10)'
	db_unchanged
}

@test "visit-log: a bad batch writes nothing and names every bad line" {
	printf '%s\n' "$HEAD" \
	    '1	W01	2019-06-01		30	home	done				' \
	    '99	W01	2019-06-01		30	home	done				' \
	    '2	W01	2019-06-20		30	home	done				' \
	    '3	W02	2019-06-01		0	home	done				' \
	    > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --import < "$T/in.tsv"
	err_has '<stdin>:3: case_id: unknown case 99'
	err_has '<stdin>:4: date: 2019-06-20 is in the future'
	err_has '<stdin>:5: minutes: 0 is out of range'
	err_has '3 of 4 records bad; nothing written'
	assert_output ''
	db_unchanged
}

@test "visit-log: --keep-going writes the good ones and rejects the rest" {
	printf '%s\n' "$HEAD" \
	    '1	W01	2019-06-01		30	home	done				' \
	    '99	W01	2019-06-01		30	home	done				' \
	    '2	W01	2019-06-02		30	home	done				' \
	    > "$T/in.tsv"
	run -65 --separate-stderr visit-log --import --keep-going \
	    --reject "$T/rej.tsv" < "$T/in.tsv"
	err_has '<stdin>:3: case_id: unknown case 99'
	assert_equal "$(nvisits)" 2
	assert_equal "${#lines[@]}" 3
	printf '%s\n' "$HEAD" '99	W01	2019-06-01		30	home	done				' \
	    > "$T/want.tsv"
	run cmp "$T/want.tsv" "$T/rej.tsv"
	assert_success
}

@test "visit-log: a large import is written whole (batches of 64 rows)" {
	# 150 visits: one a day to case 6 from 2019-01-11, one in the middle
	# overlapping the visit before it (same worker, date and time)
	sqlite3 -separator '	' :memory: "SELECT 'case_id', 'date', 'start',
	    'minutes', 'kind'; WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL
	    SELECT i + 1 FROM n WHERE i < 149) SELECT 6, date('2019-01-11',
	    '+' || i || ' days'), '09:00', 30, 'home' FROM n" > "$T/in.tsv"
	assert_equal "$(sed -n '2p;$p' "$T/in.tsv")" \
	    "$(printf '6\t2019-01-11\t09:00\t30\thome\n6\t2019-06-09\t09:00\t30\thome')"
	run -0 --separate-stderr visit-log --import < "$T/in.tsv"
	assert_equal "${#lines[@]}" 151
	assert_equal "$(sql "SELECT count(*), min(id), max(id),
	    count(DISTINCT date) FROM visit")" '150|1|150|150'
	# the same again overlaps all 150, in the database and in the batch
	printf '6\t2019-03-01\t09:10\t10\thome\n' >> "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --import < "$T/in.tsv"
	# issue 13: 20 messages, then one line for the other 131
	err_has '<stdin>:21: start: 09:00 for 30 minutes overlaps visit 20 by W01 on 2019-01-30 at 09:00 for 30 minutes'
	err_has '131 more errors not shown (the first 20 are above)'
	err_has '151 of 151 records bad; nothing written'
	db_unchanged
}

@test "visit-log: import refuses an unknown column" {
	printf 'case_id\tminutes\tkind\tcolour\n1\t30\thome\tred\n' > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --import < "$T/in.tsv"
	err_has "<stdin>:1: unknown column 'colour'"
	db_unchanged
}

@test "visit-log: import refuses a header without the required columns" {
	printf 'case_id\tkind\n1\thome\n' > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --import < "$T/in.tsv"
	err_has "<stdin>:1: missing column 'minutes'"
	db_unchanged
}

@test "visit-log: import refuses empty input" {
	db_snapshot
	run -65 --separate-stderr visit-log --import < /dev/null
	err_has '<stdin>: no visits in the input'
	db_unchanged
}

@test "visit-log: import refuses input that is not UTF-8" {
	printf '%s\n' "$HEAD" > "$T/in.tsv"
	printf '1\tW01\t2019-06-01\t\t30\thome\tdone\t\t\xc4\xfa\xba\xc3\t\t\n' \
	    >> "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --import < "$T/in.tsv"
	err_has 'iconv'
	db_unchanged
}

# ------------------------------------------------------------------ pipes

@test "visit-log: case-add | visit-log logs one visit per new case" {
	printf 'name\tcommunity\tcategories\trisk\tworker\topened\n' > "$T/new.tsv"
	printf '吴芳\tQH\telderly\tlow\tW02\t2019-06-01\n' >> "$T/new.tsv"
	printf '郑强\tLH\tyouth\tmedium\tW01\t2019-06-02\n' >> "$T/new.tsv"
	run -0 --separate-stderr bash -c 'set -o pipefail; case-add < "$1" |
	    visit-log --kind home --minutes 60 --purpose 入户评估' _ "$T/new.tsv"
	assert_equal "$stderr" ''
	assert_equal "$(sql "SELECT case_id, worker, date, purpose FROM visit
	    ORDER BY id")" "$(printf '9|W02|2019-06-15|入户评估\n10|W01|2019-06-15|入户评估')"
	assert_equal "${#lines[@]}" 3
}

@test "visit-log: case-list | visit-log, one transaction" {
	run -0 --separate-stderr bash -c 'set -o pipefail;
	    case-list --community QH --category empty_nest |
	    visit-log --kind phone --minutes 10 --note 节日问候'
	assert_equal "$(sql "SELECT group_concat(case_id) FROM visit")" '1'
	run -0 --separate-stderr bash -c 'set -o pipefail;
	    case-list --category elderly | visit-log --kind phone --minutes 10'
	assert_equal "$(sql "SELECT group_concat(case_id) FROM
	    (SELECT case_id FROM visit WHERE id > 1 ORDER BY id)")" '1,2,4,6,8'
}

@test "visit-log: bare case ids on stdin" {
	printf '1\n2\n' > "$T/ids"
	run -0 --separate-stderr visit-log --kind phone --minutes 5 < "$T/ids"
	assert_equal "$(nvisits)" 2
}

@test "visit-log: one bad case id on stdin writes nothing" {
	printf '1\n99\n2\n' > "$T/ids"
	db_snapshot
	run -65 --separate-stderr visit-log --kind phone --minutes 5 < "$T/ids"
	err_has '<stdin>:2: case_id: unknown case 99'
	db_unchanged
}

@test "visit-log: no case and stdin a terminal is a usage error" {
	# stdin a pseudo-terminal: script(1) from util-linux runs the command
	# on one (its stdout and stderr go there too, so they are one stream)
	db_snapshot
	run -64 script -qefc "visit-log --kind phone --minutes 5" /dev/null \
	    < /dev/null
	assert_line --index 0 --partial "visit-log: no case given (use --case ID, or give case ids on standard input)"
	assert_line --index 1 --partial "usage: visit-log "
	db_unchanged
}

# ------------------------------------------------------------ round trips

roundtrip() {	# roundtrip FORMAT
	local f=$1
	with_history
	visit-log --case 1 --minutes 30 --kind home --date 2019-06-02 \
	    --start 08:00 --note $'第一行\n第二行\t"引号", 反斜杠 \\ 完' \
	    --purpose 'a,b' > /dev/null
	visit-log --list | cut -f2- > "$T/before.tsv"
	run -0 --separate-stderr visit-log --list --format "$f"
	echo "$output" > "$T/list.$f"
	# a fresh database with the same cases
	export WUSHE_DB=$T/other.db
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add < "$FIXTURES/visit-cases.tsv" > /dev/null
	case-close -r moved_away -D 2019-05-20 5 > /dev/null
	run -0 --separate-stderr visit-log --import --input "$f" \
	    < "$T/list.$f"
	assert_equal "$stderr" ''
	visit-log --list | cut -f2- > "$T/after.tsv"
	run cmp "$T/before.tsv" "$T/after.tsv"
	assert_success
	assert_equal "$(sql "SELECT note FROM visit WHERE date = '2019-06-02'")" \
	    $'第一行\n第二行\t"引号", 反斜杠 \\ 完'
}

@test "visit-log: --list --format tsv reads back with --import" {
	roundtrip tsv
}

@test "visit-log: --list --format csv reads back with --import" {
	roundtrip csv
}

@test "visit-log: --list --format json reads back with --import" {
	roundtrip json
}

# ------------------------------------------------------- listing, summary

@test "visit-log: --list filters" {
	with_history
	run -0 --separate-stderr visit-log --list --no-header \
	    --community HTS --since 2019-04-11
	assert_output "$(printf '5\t3\tHTS\tW02\t2019-04-25\t\t30\tphone\tdone\t回访\t\t\tHT-2019-POST')"
	run -0 --separate-stderr visit-log --list --no-header --month 2019-05 \
	    --worker W01 --status done --kind home
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1 | paste -sd,)" \
	    '2,7,1,10'
	run -0 --separate-stderr visit-log --list --no-header --case 6 --case 7
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1 | paste -sd,)" \
	    '9,7,8'
	run -0 --separate-stderr visit-log --list --no-header --until 2019-03-31
	assert_equal "${#lines[@]}" 1
	run -0 --separate-stderr visit-log --list --contract HT-2019-430
	assert_equal "${#lines[@]}" 1
}

@test "visit-log: --list refuses an unknown community" {
	db_snapshot
	run -65 --separate-stderr visit-log --list --community XX
	err_has "--community: unknown community 'XX'"
	db_unchanged
}

@test "visit-log: --summary worker, worked out by hand" {
	with_history
	# W01: visits 1 2 3 7 8 10, done all but the no_show 3; cases
	# 1 2 6 8; 40+30+30+30+50 = 180 min.  W02: 4 5 6 9, the cancelled
	# 6 not done; cases 3 7; 45+30+60 = 135 min = 2.25 h.
	run -0 --separate-stderr visit-log --summary worker
	assert_output "$(printf 'worker\tvisits\tdone\tcases\tminutes\thours
W01\t6\t5\t4\t180\t3.00
W02\t4\t3\t2\t135\t2.25')"
}

@test "visit-log: --summary month and kind" {
	with_history
	run -0 --separate-stderr visit-log --summary month --status done
	assert_output "$(printf 'month\tvisits\tdone\tcases\tminutes\thours
2019-03\t1\t1\t1\t60\t1.00
2019-04\t2\t2\t1\t75\t1.25
2019-05\t4\t4\t4\t150\t2.50
2019-06\t1\t1\t1\t30\t0.50')"
	run -0 --separate-stderr visit-log --summary kind --format json \
	    --community LH
	assert_output "$(printf '%s\n' \
	    '{"kind":"home","visits":2,"done":1,"cases":1,"minutes":50,"hours":"0.83"}')"
}

# ------------------------------------------------------------ the due list

@test "visit-log: --due today on the hand-worked fixture, exit 1" {
	with_history
	run -1 --separate-stderr visit-log --due --policy "$POLICY"
	assert_equal "$stderr" ''
	# the hand-worked columns (risk and categories follow, issue 13)
	cut -f 1-7 <<< "$output" > "$T/due.tsv"
	run cmp "$FIXTURES/visit-due-0615.tsv" "$T/due.tsv"
	assert_success
}

@test "visit-log: --due --as-of the last day of a month" {
	with_history
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-05-31
	# the hand-worked columns (risk and categories follow, issue 13)
	cut -f 1-7 <<< "$output" > "$T/due.tsv"
	run cmp "$FIXTURES/visit-due-0531.tsv" "$T/due.tsv"
	assert_success
}

@test "visit-log: --due --as-of the first day of the next month" {
	with_history
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-06-01
	# the hand-worked columns (risk and categories follow, issue 13)
	cut -f 1-7 <<< "$output" > "$T/due.tsv"
	run cmp "$FIXTURES/visit-due-0601.tsv" "$T/due.tsv"
	assert_success
}

@test "visit-log: --due carries each case's risk and categories (issue 13)" {
	with_history
	# case 4 was taken in as low risk, elderly and empty_nest; case 5 as
	# medium risk, family (tests/fixtures/case-intake.tsv)
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-05-19 --worker W02 --reveal
	assert_line --index 0 "$(printf 'case_id\tname\tcommunity\tworker\tlast_contact\tdue\tdays_overdue\trisk\tcategories')"
	assert_line "$(printf '4\t陈丽华\tLH\tW02\t\t2019-04-15\t34\tlow\telderly,empty_nest')"
	assert_line "$(printf '5\t赵敏\tQH\tW02\t\t2019-05-06\t13\tmedium\tfamily')"
}

@test "visit-log: --due exits 0 when nothing is due" {
	with_history
	# HTS on 2019-04-30: case 3 seen 04-25 (due 07-24), case 7 seen
	# 03-03 (due 06-01)
	run -0 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-04-30 --community HTS
	assert_output "$(printf 'case_id\tname\tcommunity\tworker\tlast_contact\tdue\tdays_overdue\trisk\tcategories')"
}

@test "visit-log: --due before a closed case closed still lists it" {
	with_history
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-05-19 --worker W02 --no-header --reveal
	# case 5 opened 2019-05-06, never visited, closed 2019-05-20
	assert_line "$(printf '5\t赵敏\tQH\tW02\t\t2019-05-06\t13\tmedium\tfamily')"
}

@test "visit-log: --due on a case's closing day no longer lists it" {
	with_history
	# case 5 (family, every 90 days) opened 2019-05-06, never visited, so
	# due 05-06; closed 2019-05-20.  A case is on the list while open on
	# the as-of date: up to the day before it closed (closed > as-of).
	# W02's other cases on 05-20: case 4 (elderly, every 30 days, its one
	# visit cancelled) due at its opening 04-15, 35 days overdue; case 3
	# seen 04-25 (due 07-24) and case 7 seen 03-03 (due 06-01) are not.
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-05-20 --worker W02 --no-header --reveal
	assert_equal "$stderr" ""
	assert_output "$(printf '4\t陈丽华\tLH\tW02\t\t2019-04-15\t35\tlow\telderly,empty_nest')"
	# the day before: still open, 13 days overdue
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-05-19 --worker W02 --no-header --reveal
	assert_output "$(printf '4\t陈丽华\tLH\tW02\t\t2019-04-15\t34\tlow\telderly,empty_nest\n5\t赵敏\tQH\tW02\t\t2019-05-06\t13\tmedium\tfamily')"
	# the day after: closed
	run -1 --separate-stderr visit-log --due --policy "$POLICY" \
	    --as-of 2019-05-21 --worker W02 --no-header --reveal
	assert_output "$(printf '4\t陈丽华\tLH\tW02\t\t2019-04-15\t36\tlow\telderly,empty_nest')"
}

@test "visit-log: --due built-in rules when no policy file" {
	with_history
	run -1 --separate-stderr visit-log --due --no-header
	assert_line --index 0 --partial "$(printf '4\t陈*华\tLH')"
}

@test "visit-log: --due with a missing policy file exits 66" {
	db_snapshot
	run -66 --separate-stderr visit-log --due --policy "$T/none.yaml"
	assert_equal "$stderr" "visit-log: cannot open policy '$T/none.yaml': No such file or directory"
	assert_output ""
	db_unchanged
}

@test "visit-log: --due refuses logging options" {
	db_snapshot
	run -64 --separate-stderr visit-log --due --minutes 5
	err_has '--due: record options'
	db_unchanged
}

# ------------------------------------------------------------ concurrency

@test "visit-log: a writer that cannot get the lock exits 75" {
	# hold the write lock in the background until told to stop
	mkfifo "$T/go"
	{ echo 'BEGIN IMMEDIATE;'; echo "SELECT 'locked';";
	  read -r _ < "$T/go"; echo 'COMMIT;'; } |
	    sqlite3 "$WUSHE_DB" > "$T/held" &
	local i=0
	while [ "$(cat "$T/held" 2>/dev/null)" != locked ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	db_snapshot
	WUSHE_BUSY_TIMEOUT=100 run -75 --separate-stderr visit-log --case 1 \
	    --minutes 30 --kind home
	echo stop > "$T/go"
	wait
	err_has 'database is busy'
	db_unchanged
}

@test "README's cron line: overdue mails the station, a failure the admin (issue 13)" {
	line=$(sed -n 's/^30 7 \* \* \* //p' "$BATS_TEST_DIRNAME/../README.md")
	[ -n "$line" ] || fail "no cron line for visit-log --due in README.md"
	mkdir -p "$T/fake"
	printf '#!/bin/sh\nprintf "%%s\\n" "$2" >> "%s/mailed"\n' "$T" > "$T/fake/mail"
	chmod +x "$T/fake/mail"
	cd "$T"
	# no database: exit 66, so no "overdue" mail, one to the admin
	WUSHE_DB="$T/missing.db" PATH="$T/fake:$PATH" bash -c "$line" || true
	assert_equal "$(cat "$T/mailed")" "wushe job failed"
	rm -f "$T/mailed"
	# somebody overdue: exit 1, the station hears
	with_history
	PATH="$T/fake:$PATH" bash -c "$line" || true
	assert_equal "$(cat "$T/mailed")" "overdue"
}
