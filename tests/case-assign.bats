#!/usr/bin/env bats
# case-assign: moving cases to another worker.

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

@test "case-assign: --help prints the usage and exits 0" {
	run -0 --separate-stderr case-assign --help
	assert_line --index 0 --partial 'usage: case-assign --to worker'
}

@test "case-assign: unknown option is a usage error" {
	db_snapshot
	run -64 --separate-stderr case-assign --to W02 --all
	err_has "unrecognized option '--all'"
	db_unchanged
}

@test "case-assign: --to is required" {
	db_snapshot
	run -64 --separate-stderr case-assign 1
	err_has 'case-assign: --to WORKER is required'
	db_unchanged
}

@test "case-assign: a worker's cases move to another (case-list | case-assign)" {
	case-list --format tsv --worker W01 > "$T/w01.tsv"
	run -0 --separate-stderr case-assign --format tsv --to W02 < "$T/w01.tsv"
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 3
	[[ "${lines[1]}" == '1	'*'	W02	2019-06-01	open	'* ]]
	assert_equal "$(sql "SELECT group_concat(worker) FROM cases")" 'W02,W02,W02,W02'
	assert_equal "$(sql "SELECT group_concat(case_id || ':' || old || '>' || new || ':' || command, ' ') FROM case_history WHERE field = 'worker'")" \
	    '1:W01>W02:case-assign --format tsv --to W02 2:W01>W02:case-assign --format tsv --to W02'
}

@test "case-assign: ids as arguments" {
	run -0 --separate-stderr case-assign --to W01 4
	assert_equal "$(sql "SELECT worker FROM cases WHERE id = 4")" W01
}

@test "case-assign: an unknown worker is refused" {
	db_snapshot
	run -65 --separate-stderr case-assign --to W99 1
	err_is "case-assign: --to: unknown worker 'W99' (expected a worker code loaded with wushe-db load)"
	db_unchanged
}

@test "case-assign: a worker who has left is refused" {
	db_snapshot
	run -65 --separate-stderr case-assign --to W03 1
	err_is "case-assign: --to: worker 'W03' is not active on 2019-06-15 (left on 2019-05-31)"
	db_unchanged
}

@test "case-assign: a closed or unknown case is refused; nothing assigned" {
	case-close --reason goal_met 2 > /dev/null
	db_snapshot
	run -65 --separate-stderr case-assign --to W02 1 2 77
	assert_equal "$output" ''
	err_is 'case-assign: case 2: case is closed (on 2019-06-15); only open cases can be assigned' \
	    'case-assign: case 77: no such case' \
	    'case-assign: 2 of 3 cases refused; nothing assigned'
	db_unchanged
}

@test "case-assign: no cases piped in is not an error: exit 0 and a note (issue 13)" {
	db_snapshot
	run -0 --separate-stderr case-assign --to W02 < /dev/null
	assert_equal "$stderr" 'case-assign: <stdin>: no cases in the input; nothing assigned'
	assert_output ''
	db_unchanged
}

@test "case-assign: --dry-run prints the cases as assigned, changes nothing (issue 13)" {
	db_snapshot
	run -0 --separate-stderr case-assign --dry-run --to W02 -H -f tsv 1
	# case 1 is W01's; the dry run shows it as W02's
	assert_equal "$(cut -f 1 <<< "$output")" 1
	[[ "$output" == *$'\tW02\t'* ]] || fail "not shown as W02's: $output"
	db_unchanged
}

@test "case-assign: in a pipeline after case-list and after case-add" {
	export WUSHE_BUSY_TIMEOUT=3000
	case-list --worker W01 | case-assign --to W02 > "$T/out.tsv"
	assert_equal "${PIPESTATUS[*]}" '0 0'
	printf '%s\n' 'name	community	categories	risk	worker' '赵敏	QH	family	medium	W01' > "$T/in.tsv"
	case-add < "$T/in.tsv" | case-assign --to W02 > "$T/out2.tsv"
	assert_equal "${PIPESTATUS[*]}" '0 0'
	assert_equal "$(sql "SELECT count(*) FROM cases WHERE worker = 'W02'")" 5
}
