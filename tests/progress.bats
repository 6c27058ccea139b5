#!/usr/bin/env bats
# The batch loop's progress line (lib/batch.c): one self-overwriting line
# on stderr when stderr is a terminal and a batch runs long, never when it
# is not, and never with --quiet.  WUSHE_PROGRESS_DELAY=0 shows it at once.

load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	export WUSHE_PROGRESS_DELAY=0
	command -v script > /dev/null || skip "no script(1)"
}

# under_tty CMD: run CMD (a shell command line) with stdin, stdout and
# stderr on a pseudo-terminal; the terminal's transcript is the output.
under_tty() {
	run script -qec "$1" /dev/null
}

@test "progress: nothing on stderr when it is not a terminal" {
	run -0 --separate-stderr case-add < "$FIXTURES/case-intake.tsv"
	assert_equal "$stderr" ''
	printf '1\n2\n' > "$T/ids"
	run -0 --separate-stderr case-assign --to W02 < "$T/ids"
	assert_equal "$stderr" ''
}

@test "progress: a terminal sees the line, cleared at the end" {
	under_tty "case-add < '$FIXTURES/case-intake.tsv' > /dev/null"
	assert_success
	assert_output --regexp 'case-add: [0-9]+ read, 0 rejected, [0-9]+/s, [0-9.]+s'
	[[ "$output" == *$'\r\e[K'* ]] || fail "the line is not cleared"
}

@test "progress: a message clears the line first" {
	printf 'case_id\n1\n99\n' > "$T/ids.tsv"
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	under_tty "visit-log --kind phone --minutes 5 --keep-going \
	    --reject '$T/rej' < '$T/ids.tsv' > /dev/null"
	assert_output --partial 'visit-log: 1 read, 0 rejected'
	[[ "$output" == *$'\r\e[Kvisit-log: <stdin>:3: case_id: unknown case 99'* ]] ||
	    fail "the line is not cleared before the message"
}

@test "progress: --quiet turns it off" {
	under_tty "case-add --quiet < '$FIXTURES/case-intake.tsv' > /dev/null"
	assert_success
	refute_output --partial 'read, 0 rejected'
	printf '1\n2\n' > "$T/ids"
	under_tty "case-assign -q --to W02 < '$T/ids' > /dev/null"
	assert_success
	refute_output --partial 'read, 0 rejected'
}

@test "progress: not before the delay" {
	WUSHE_PROGRESS_DELAY=60 under_tty \
	    "case-add < '$FIXTURES/case-intake.tsv' > /dev/null"
	assert_success
	refute_output --partial 'read, 0 rejected'
}
