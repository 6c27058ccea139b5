#!/usr/bin/env bats
# privacy.bats - ways to lose a database or hand out personal data
# (issue 11), one test per finding fixed.

load helper

setup() {
	setup_env
}

# An empty file at the database path (a failed copy, `: > wushe.db`) was
# taken for a new database: every command quietly created an empty schema,
# so `visit-log --due` said "nobody due" and the cron mail stopped.
@test "an empty database file is refused with 66 by every command but init" {
	: > "$WUSHE_DB"; chmod 600 "$WUSHE_DB"
	for c in "case-list" "visit-log --due" "grant-report --month 2019-05" \
	    "wushe-db check" "activity-log --list"; do
		run -66 --separate-stderr $c
		assert_equal "$stderr" "${c%% *}: $WUSHE_DB: empty file, not a database (from WUSHE_DB); create one with 'wushe-db init'"
		assert_equal "$output" ""
		# still empty: nothing was created in it
		[ ! -s "$WUSHE_DB" ]
	done
}

@test "wushe-db init turns an empty file into a database" {
	: > "$WUSHE_DB"; chmod 600 "$WUSHE_DB"
	run -0 --separate-stderr wushe-db init --format tsv
	assert_line --index 1 --regexp "^$WUSHE_DB	[0-9]+$"
	run -0 --separate-stderr case-list
	assert_equal "$stderr" ""
}

# WUSHE_BUSY_TIMEOUT was read with atoi: "10s" gave 10 ms, "abc" 0 ms,
# so a writer gave up at once on a busy database.
@test "WUSHE_BUSY_TIMEOUT is read strictly: '10s', 'abc' and '-1' are usage errors" {
	wushe-db init > /dev/null
	db_snapshot
	for v in 10s abc -1 3600001; do
		WUSHE_BUSY_TIMEOUT=$v run -64 --separate-stderr case-list
		assert_output ""
		[[ "$stderr" == "case-list: WUSHE_BUSY_TIMEOUT: '$v': "*"(milliseconds, such as 10000)" ]] ||
		    fail "unexpected message: $stderr"
	done
	db_unchanged
	WUSHE_BUSY_TIMEOUT=2500 run -0 --separate-stderr case-list
	WUSHE_BUSY_TIMEOUT= run -0 --separate-stderr case-list
}
