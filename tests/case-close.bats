#!/usr/bin/env bats
# case-close: closing cases named on the command line or on stdin.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
}

err_is() {
	assert_equal "$stderr" "$(printf '%s\n' "$@")"
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

@test "case-close: --help prints the usage and exits 0" {
	run -0 --separate-stderr case-close --help
	assert_line --index 0 --partial 'usage: case-close -r reason'
}

# (--frobnicate: --force is an option of every command since issue 11)
@test "case-close: unknown option is a usage error" {
	db_snapshot
	run -64 --separate-stderr case-close --reason goal_met --frobnicate 1
	err_has "unrecognized option '--frobnicate'"
	db_unchanged
}

@test "case-close: closes the cases named as arguments and prints them" {
	run -0 --separate-stderr case-close --format tsv --reason goal_met \
	    --date 2019-06-10 --outcome 已康复 1 3
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 3
	[[ "${lines[0]}" == case_id* ]]
	[[ "${lines[1]}" == '1	张桂兰	'*'	closed	2019-06-10	'* ]]
	[[ "${lines[2]}" == '3	王建国	'*'	closed	2019-06-10	'* ]]
	assert_equal "$(sql "SELECT group_concat(id || ':' || status || ':' || ifnull(closed, '') || ':' || ifnull(close_reason, '') || ':' || ifnull(outcome, ''), ' ') FROM cases")" \
	    '1:closed:2019-06-10:goal_met:已康复 2:open::: 3:closed:2019-06-10:goal_met:已康复 4:open:::'
}

@test "case-close: the date defaults to today" {
	run -0 case-close --reason deceased 2
	assert_equal "$(sql "SELECT closed FROM cases WHERE id = 2")" 2019-06-15
}

@test "case-close: reads case-list output on stdin" {
	case-list --format tsv --worker W01 > "$T/list.tsv"
	run -0 --separate-stderr case-close --reason transferred < "$T/list.tsv"
	assert_equal "$(sql "SELECT group_concat(id) FROM (SELECT id FROM cases WHERE status = 'closed' ORDER BY id)")" '1,2'
}

@test "case-close: reads bare ids and an id column" {
	printf '2\n4\n' > "$T/ids"
	run -0 --separate-stderr case-close --reason other < "$T/ids"
	printf 'id,note\n1,x\n' > "$T/ids.csv"
	run -0 --separate-stderr case-close --reason other < "$T/ids.csv"
	assert_equal "$(sql "SELECT group_concat(id) FROM (SELECT id FROM cases WHERE status = 'closed' ORDER BY id)")" '1,2,4'
}

@test "case-close: the change is in the history with the command line" {
	run -0 case-close --reason moved_away --date 2019-06-12 4
	assert_equal "$(sql "SELECT field || ':' || ifnull(old, '') || ':' || new || ':' || command FROM case_history WHERE case_id = 4 AND field = 'status'")" \
	    'status:open:closed:case-close --reason moved_away --date 2019-06-12 4'
	assert_equal "$(sql "SELECT os_user FROM case_history WHERE case_id = 4 AND field = 'status'")" "$(id -un)"
}

@test "case-close: an already closed case is refused; nothing closed" {
	case-close --reason goal_met 2 > /dev/null
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met 1 2
	assert_equal "$output" ''
	err_is 'case-close: case 2: already closed (on 2019-06-15)' \
	    'case-close: 1 of 2 cases refused; nothing closed'
	db_unchanged
}

@test "case-close: an unknown case is refused; nothing closed" {
	printf 'case_id\n1\n99\n' > "$T/ids.tsv"
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met < "$T/ids.tsv"
	err_is 'case-close: <stdin>:3: case 99: no such case' \
	    'case-close: 1 of 2 cases refused; nothing closed'
	db_unchanged
}

@test "case-close: the same case twice in one batch is refused" {
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met 1 1
	err_has 'case-close: case 1: already closed (on 2019-06-15)'
	db_unchanged
}

@test "case-close: a close date before the case opened is refused" {
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met --date 2019-06-01 4
	err_is 'case-close: case 4: close date 2019-06-01 is before the case opened (2019-06-04)' \
	    'case-close: 1 of 1 case refused; nothing closed'
	db_unchanged
}

@test "case-close: a close date in the future is refused" {
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met --date 2019-06-16 4
	err_is 'case-close: --date: 2019-06-16 is in the future (today is 2019-06-15)'
	db_unchanged
}

@test "case-close: a wrong date is bad data (65): --date gives a field (issue 13)" {
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met --date 2019-6-1 4
	err_has "case-close: --date: '2019-6-1': not a date (expected YYYY-MM-DD)"
	db_unchanged
}

@test "case-close: the reason is required and from the vocabulary" {
	db_snapshot
	run -64 --separate-stderr case-close 1
	err_has 'case-close: --reason is required'
	run -64 --separate-stderr case-close --reason bored 1
	err_has "case-close: --reason: unknown reason 'bored' (expected one of: goal_met, moved_away, deceased, refused_service, transferred, other)"
	db_unchanged
}

@test "case-close: a bad case id is refused" {
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met 1 abc
	err_has 'case-close: abc: not a case id (expected a positive whole number)'
	printf 'name\n张三\n' > "$T/noid.tsv"
	run -65 --separate-stderr case-close --reason goal_met < "$T/noid.tsv"
	err_has 'case-close: <stdin>:2: case_id: no case id (expected a case_id or id column'
	db_unchanged
}

@test "case-close: no cases piped in is not an error: exit 0 and a note (issue 13)" {
	db_snapshot
	run -0 --separate-stderr case-close --reason goal_met < /dev/null
	err_is 'case-close: <stdin>: no cases in the input; nothing closed'
	assert_output ''
	db_unchanged
}

@test "case-close: --dry-run prints the cases as closed, changes nothing (issue 13)" {
	db_snapshot
	run -0 --separate-stderr case-close --dry-run --reason goal_met -H -f tsv 1 2
	assert_equal "$(cut -f 1 <<< "$output" | paste -sd,)" 1,2
	[[ "$output" == *$'\tclosed\t'* ]] || fail "not shown closed: $output"
	db_unchanged
}

@test "case-close: input that is not UTF-8 is refused" {
	printf 'case_id\tnote\n1\t\xd5\xc5\n' > "$T/gbk.tsv"
	db_snapshot
	run -65 --separate-stderr case-close --reason goal_met < "$T/gbk.tsv"
	err_has 'iconv -f GBK -t UTF-8'
	db_unchanged
}

@test "case-close: works at the end of a pipeline that writes (case-add | case-close)" {
	export WUSHE_BUSY_TIMEOUT=3000
	printf '%s\n' 'name	community	categories	risk	opened' \
	    '赵敏	QH	family	medium	2019-06-01' '钱芳	HTS	youth	low	2019-06-02' > "$T/in.tsv"
	case-add < "$T/in.tsv" | case-close --format tsv --reason goal_met > "$T/closed.tsv"
	assert_equal "${PIPESTATUS[*]}" '0 0'
	assert_equal "$(cut -f 1,12 "$T/closed.tsv" | tr '\t\n' ':,')" 'case_id:status,5:closed,6:closed,'
}
