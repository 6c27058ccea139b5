#!/usr/bin/env bats
# The batch loop (lib/batch.c) every record-reading command goes through:
# the write lock taken only once the first record has come, and the
# progress line: one self-overwriting line on stderr when stderr is a
# terminal and a batch runs long, never when it is not, and never with
# --quiet.  WUSHE_PROGRESS_DELAY=0 shows it at once.

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

# hold_lock: hold the database's write lock in the background until
# release_lock, as a writer upstream in a pipeline does.
hold_lock() {
	mkfifo "$T/go"
	{ echo 'BEGIN IMMEDIATE;'; echo "SELECT 'locked';";
	  read -r _ < "$T/go"; echo 'COMMIT;'; } |
	    sqlite3 "$WUSHE_DB" > "$T/held" &
	HOLDER=$!
	local i=0
	while [ "$(cat "$T/held" 2>/dev/null)" != locked ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

release_lock() {
	echo stop > "$T/go"
	wait "$HOLDER"
	rm -f "$T/go" "$T/held"
}

# waits_for_input CMD...: start CMD reading a fifo while the lock is
# held and give it the header line of the file $T/in; wait longer than
# its busy timeout, then release the lock and give the records.  CMD must
# not have tried to take the lock before its first record.
waits_for_input() {
	mkfifo "$T/in.fifo"
	hold_lock
	WUSHE_BUSY_TIMEOUT=100 "$@" < "$T/in.fifo" > "$T/out" 2> "$T/err" &
	local pid=$!
	exec 8> "$T/in.fifo"	# opened: the command is running
	head -n 1 "$T/in" >&8
	sleep 0.4
	release_lock
	tail -n +2 "$T/in" >&8
	exec 8>&-
	local rc=0
	wait "$pid" || rc=$?
	cat "$T/err" >&2
	[ "$rc" -eq 0 ] || fail "$1 exited $rc (took the lock before its input)"
}

@test "batch: the lock waits for the first record (case-add, case-close)" {
	cp "$FIXTURES/case-intake.tsv" "$T/in"
	waits_for_input case-add
	printf 'case_id\n1\n2\n' > "$T/in"
	rm -f "$T/in.fifo"
	waits_for_input case-close --reason goal_met
}

@test "batch: the lock waits for the first record (visit-log, intern-hours)" {
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	printf 'case_id\n1\n' > "$T/in"
	waits_for_input visit-log --kind phone --minutes 5
	wushe-db load "$FIXTURES/intern-directory.yaml" > /dev/null
	printf 'intern\tdate\thours\n' > "$T/in"
	printf 'N01\t2018-03-01\t8\n' >> "$T/in"
	rm -f "$T/in.fifo"
	waits_for_input intern-hours \
	    -P "$EXAMPLES/policy-foshan-nanhai-2018.yaml"
}
