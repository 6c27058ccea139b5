#!/usr/bin/env bats
# Correcting activities and intern entries (issue 12): activity-log
# --void/--amend (and the void of one attendance), intern-hours
# --void/--amend for entries not yet certified, through the one
# correcting mechanism visits use.  Each correction's effect on the
# figures is worked out by hand in the comments; every refusal is checked
# for its exit status, its message and an unchanged database.

bats_require_minimum_version 1.5.0
load helper
load corrections

setup() {
	setup_env
	T=$BATS_TEST_TMPDIR
}

# Activities of contract VP-B in grant_fixture (corrections.bash):
#   2  G1 session 1   2020-01-25  90 min  12 participants, 180 vol. min, case 4
#   3  G1 session 2   2020-02-12  90 min  15 participants, 270 vol. min, cases 2,3
#   5  welfare visit  2020-02-22 120 min  40 participants, 600 vol. min
#   6  G1 session 3   2020-03-05  90 min  20 participants, 180 vol. min
# and VP-B's one visit, 10 (case 5, 2020-02-25).

# ------------------------------------------------------------ activities

@test "activity void: a voided session leaves the contract's figures" {
	grant_fixture
	# before: February sessions 1 (3), to date 2 (2, 3); participants
	# 15 + 40 = 55, to date + 12 = 67; volunteer minutes 270 + 600 = 870
	# = 14.50 h, to date + 180 = 17.50 h; cases served: 2 and 3 (session
	# 2) and 5 (visit 10) = 3, to date + case 4 (session 1) = 4
	assert_equal "$(figure VP-B group_sessions)" "1,2"
	assert_equal "$(figure VP-B participants)" "55,67"
	assert_equal "$(figure VP-B volunteer_hours)" "14.50,17.50"
	assert_equal "$(figure VP-B cases_served)" "3,4"
	run -0 --separate-stderr activity-log --void 3 --reason 'logged twice' -H
	assert_output --partial "$(printf '3\tstatus\t\tvoid\tlogged twice\t')"
	# after: sessions 0, 1; participants 55 - 15 = 40, 67 - 15 = 52;
	# volunteer minutes 870 - 270 = 600 = 10.00 h, 1050 - 270 = 780 =
	# 13.00 h; cases served: 5 only = 1, to date 4 and 5 = 2
	assert_equal "$(figure VP-B group_sessions)" "0,1"
	assert_equal "$(figure VP-B participants)" "40,52"
	assert_equal "$(figure VP-B volunteer_hours)" "10.00,13.00"
	assert_equal "$(figure VP-B cases_served)" "1,2"
	# the activity stays as it was, marked void; the list, the summary
	# and the group's session count leave it out
	assert_equal "$(sql "SELECT minutes, participants FROM activity WHERE id = 3")" '90|15'
	assert_equal "$(sql "SELECT tbl, row_key, reason FROM record_void")" 'activity|3|logged twice'
	run -0 activity-log -l -H --month 2020-02
	refute_line --regexp '^3	'
	# February: 3 activities less the void one, 0 sessions, 90 - 15 =
	# 75 participants, 360 - 90 = 270 min = 4.50 h, 1170 - 270 = 900
	# volunteer minutes = 15.00 h
	run -0 activity-log --summary month --month 2020-02 -H
	assert_output "$(printf '2020-02\t2\t0\t75\t7\t4.50\t15.00')"
	run -0 activity-log --groups -H
	assert_line --regexp '^G1	.*	2	2020-03-05$'
	# audited, with the reason
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'record_void' AND new LIKE '%logged twice%'")" 1
}

@test "activity amend: minutes change the hours, the old value kept" {
	grant_fixture
	# February 90 + 150 + 120 = 360 min = 6.00 h
	run -0 activity-log --summary month --month 2020-02 -H
	assert_output "$(printf '2020-02\t3\t1\t90\t10\t6.00\t19.50')"
	run -0 --separate-stderr activity-log --amend 5 --minutes 60 \
	    --reason 'typed 120 for 60' -H
	assert_output --partial "$(printf '5\tminutes\t120\t60\ttyped 120 for 60\t')"
	# 360 - 120 + 60 = 300 min = 5.00 h
	run -0 activity-log --summary month --month 2020-02 -H
	assert_output "$(printf '2020-02\t3\t1\t90\t10\t5.00\t19.50')"
	assert_equal "$(sql "SELECT field, old, new FROM correction WHERE tbl = 'activity'")" 'minutes|120|60'
}

@test "attendance: one case's attendance voided, or the list amended" {
	grant_fixture
	# case 2 did not come to session 2: VP-B's February cases served
	# 3 -> 2 (3 and 5), to date 4 -> 3 (3, 4, 5)
	run -0 --separate-stderr activity-log --void 3 --case 2 --reason 'was ill' -H
	assert_output --partial "$(printf '3\tcases\t2,3\t3\twas ill\t')"
	assert_equal "$(figure VP-B cases_served)" "2,3"
	# the session itself still counts
	assert_equal "$(figure VP-B group_sessions)" "1,2"
	# and case 2 came after all: the whole list given again
	run -0 activity-log --amend 3 --case 2 --case 3 --reason 'sheet found'
	assert_equal "$(figure VP-B cases_served)" "3,4"
	assert_equal "$(sql "SELECT old, new FROM correction WHERE field = 'cases' ORDER BY id")" "$(printf '2,3|3\n3|2,3')"
}

@test "activity amend: a stream, all or nothing, --keep-going, --dry-run" {
	grant_fixture
	printf 'id\tminutes\tparticipants\treason\n5\t60\t\tsheet\n4\t2000\t\tsheet\n2\t\t30\tcount\n' > "$T/fix.tsv"
	db_snapshot
	run -65 --separate-stderr activity-log --amend - < "$T/fix.tsv"
	err_has '<stdin>:3: minutes: 2000 is out of range (expected 1 to 1440)'
	err_has '1 of 3 records bad; nothing written'
	db_unchanged
	run -0 --separate-stderr activity-log --amend 5 --minutes 60 -r x --dry-run
	assert_output --partial "$(printf '5\tminutes\t120\t60\tx')"
	db_unchanged
	run -65 --separate-stderr activity-log --amend - -k -j "$T/rej.tsv" < "$T/fix.tsv"
	assert_equal "$(sql "SELECT id, minutes, participants FROM activity WHERE id IN (2, 4, 5) ORDER BY id")" \
	    "$(printf '2|90|30\n4|150|35\n5|60|40')"
	assert_equal "$(tail -n 1 "$T/rej.tsv")" "$(printf '4\t2000\t\tsheet')"
}

@test "activity void and amend: the refusals, each leaving the database alone" {
	grant_fixture
	db_snapshot
	run -65 --separate-stderr activity-log --void 99 --reason x
	err_has 'activity-log: --void: unknown activity 99'
	db_unchanged
	run -65 --separate-stderr activity-log --void 3
	err_has 'activity-log: --reason: missing (every correction says why)'
	db_unchanged
	run -65 --separate-stderr activity-log --amend 3 --minutes 90 -r x
	err_has 'activity-log: activity 3: nothing to change (give a field with a new value)'
	db_unchanged
	# the logging rules again: a date in the future, a case before it
	# opened (case 3 opened 2020-02-10, session 1 is of 01-25), fewer
	# participants than attending cases
	run -65 --separate-stderr activity-log --amend 5 --date 2020-04-01 -r x
	err_has 'activity-log: --date: 2020-04-01 is in the future (today is 2020-03-10)'
	db_unchanged
	run -65 --separate-stderr activity-log --amend 2 --case 4 --case 3 -r x
	err_has 'activity-log: --case: 2020-01-25 is before case 3 opened (2020-02-10)'
	db_unchanged
	run -65 --separate-stderr activity-log --amend 3 --participants 1 -r x
	err_has 'activity-log: --participants: 1 is fewer than the attending cases (2)'
	db_unchanged
	run -65 --separate-stderr activity-log --void 3 --case 9 -r x
	err_has 'activity-log: --case: activity 3: case 9 did not attend (attending: 2,3)'
	db_unchanged
	run -0 activity-log --void 3 --reason 'logged twice'
	db_snapshot
	run -65 --separate-stderr activity-log --void 3 --reason again
	err_has 'activity-log: --void: activity 3 is already void (voided at '
	err_has ': logged twice)'
	db_unchanged
	run -65 --separate-stderr activity-log --amend 3 --minutes 60 -r x
	err_has 'activity 3 is already void'
	db_unchanged
	run -64 --separate-stderr activity-log --void 5 --minutes 20 -r x
	err_has 'a void takes the activity, the reason, and at most one --case'
	run -64 --separate-stderr activity-log -l --reason x
	err_has '--reason: only with --void or --amend'
}

@test "activity corrections in a locked period are refused (65, the lock named)" {
	grant_fixture
	run -0 wushe-db lock --through 2020-02-29 -r 'February sent'
	db_snapshot
	run -65 --separate-stderr activity-log --void 3 --reason x
	err_has "activity-log: --void: activity 3: 2020-02-12 is in a locked period (locked through 2020-02-29 by "
	err_has "February sent; lift it with 'wushe-db unlock --through 2020-02-29 --reason TEXT')"
	db_unchanged
	run -65 --separate-stderr activity-log --amend 5 --minutes 60 --reason x
	err_has 'activity 5: 2020-02-22 is in a locked period'
	db_unchanged
	# session 3 (03-05) moved into the locked month
	run -65 --separate-stderr activity-log --amend 6 --date 2020-02-28 --reason x
	err_has '--date: 2020-02-28 is in a locked period'
	db_unchanged
	# after the lock, free
	run -0 activity-log --amend 6 --minutes 120 --reason 'ran long'
}

# -------------------------------------------------------- intern entries

POL="$BATS_TEST_DIRNAME/../examples/policy-foshan-nanhai-2018.yaml"

# Intern N01 (2018-03-01..04-30, social work, full time, Foshan hukou):
# 8 hours on each of 03-01..03-11 (entries 1..11) and 04-01..04-11
# (entries 12..22) = 88 h a month, March certified.  The Nanhai policy
# counts a month with at least 80 certified hours, and pays 600 yuan a
# month to an intern with at least 2 months (or 350 h) counted.
intern_fixture() {
	export WUSHE_TODAY=2019-06-15
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" \
	    "$FIXTURES/intern-directory.yaml" > /dev/null
	{
		printf 'intern\tdate\thours\ttask\n'
		for m in 03 04; do
			for d in $(seq 1 11); do
				printf 'N01\t2018-%s-%02d\t8\t实习\n' $m $d
			done
		done
	} | intern-hours -P "$POL" > /dev/null
	intern-hours -P "$POL" --certify -i N01 --through 2018-03-31 \
	    --by NW01 > /dev/null
}

# report: "certified uncertified months eligible subsidy" of N01.
report() {
	intern-hours -P "$POL" --report -i N01 --as-of 2018-05-15 -H |
	    cut -f 6,7,9,16,17
}

@test "intern void: voided hours count nowhere, and the subsidy follows" {
	intern_fixture
	# before: 88 h certified (March), 88 h not (April): 1 month
	assert_equal "$(report)" "$(printf '88.00\t88.00\t1\tno\t0.00')"
	run -0 --separate-stderr intern-hours --void 12 --reason 'ill, did not come' -H
	assert_output --partial "$(printf '12\tstatus\t\tvoid\till, did not come\t')"
	run -0 intern-hours --void 13 --reason 'ill'
	# April 88 - 16 = 72 h not certified
	assert_equal "$(report)" "$(printf '88.00\t72.00\t1\tno\t0.00')"
	# the certification skips the voided entries: 9 entries, 72 h; April
	# stays under 80 h, so still 1 month and no subsidy (certified, the
	# 88 h would have made 2 months and 1200 yuan)
	run -0 intern-hours -P "$POL" --certify -i N01 --through 2018-04-30 --by NW01 -H
	assert_output --partial "$(printf 'N01\t2018-04-30\tNW01\t9\t4320\t72.00')"
	assert_equal "$(report)" "$(printf '160.00\t0.00\t1\tno\t0.00')"
	assert_equal "$(sql "SELECT certification IS NULL FROM intern_hours WHERE id IN (12, 13)")" "$(printf '1\n1')"
	# the history shows the void with its reason
	run -0 intern-hours --history -i N01 -H
	assert_line --regexp "	void	12	2018-04-01	.*	-480	-8.00	ill, did not come	"
}

@test "intern amend: the hours change, the old value kept, then certified" {
	intern_fixture
	# entry 12 (04-01) was 4 hours, not 8: April 88 - 4 = 84 h
	run -0 --separate-stderr intern-hours -P "$POL" --amend 12 --minutes 240 \
	    --reason 'half day' -H
	assert_output --partial "$(printf '12\tminutes\t480\t240\thalf day\t')"
	assert_equal "$(report)" "$(printf '88.00\t84.00\t1\tno\t0.00')"
	# certified, 84 h >= 80: March and April count, 2 months: 2 x 600
	intern-hours -P "$POL" --certify -i N01 --through 2018-04-30 --by NW01 > /dev/null
	assert_equal "$(report)" "$(printf '172.00\t0.00\t2\tyes\t1200.00')"
}

@test "intern amend: a stream; a range re-checked as at logging" {
	intern_fixture
	intern-hours -P "$POL" -i N01 -D 2018-04-20 -F 09:00 --to 12:00 > /dev/null
	intern-hours -P "$POL" -i N01 -D 2018-04-20 -F 13:00 --to 15:00 > /dev/null
	# entries 23 (09:00-12:00) and 24 (13:00-15:00)
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" --amend 23 --to 13:30 -r x
	err_has 'intern-hours: --from: 09:00-13:30 on 2018-04-20 overlaps entry 24 (13:00-15:00) of N01'
	db_unchanged
	# a range's minutes follow from it, and are logged too
	run -0 --separate-stderr intern-hours -P "$POL" --amend 23 --to 12:30 -r 'left later' -H
	assert_line --partial "$(printf '23\tminutes\t180\t210\tleft later')"
	assert_line --partial "$(printf '23\tto\t12:00\t12:30\tleft later')"
	printf 'id\tminutes\treason\n14\t300\tsheet\n15\t900\tsheet\n' > "$T/fix.tsv"
	db_snapshot
	# 15 (04-04) at 15 h is over the day's 12 h
	run -65 --separate-stderr intern-hours -P "$POL" --amend - < "$T/fix.tsv"
	err_has '<stdin>:3: minutes: 2018-04-04 would have 15.00 hours logged for N01 (expected at most 12.00 a day, policy interns.daily_max_hours)'
	err_has 'nothing written'
	db_unchanged
	run -65 --separate-stderr intern-hours -P "$POL" --amend - -k -j "$T/rej.tsv" < "$T/fix.tsv"
	assert_equal "$(sql "SELECT minutes FROM intern_hours WHERE id IN (14, 15) ORDER BY id")" "$(printf '300\n480')"
}

@test "intern void and amend: the refusals, each leaving the database alone" {
	intern_fixture
	db_snapshot
	run -65 --separate-stderr intern-hours --void 99 --reason x
	err_has 'intern-hours: --void: unknown intern entry 99'
	db_unchanged
	run -65 --separate-stderr intern-hours --void 12
	err_has 'intern-hours: --reason: missing (every correction says why)'
	db_unchanged
	run -65 --separate-stderr intern-hours -P "$POL" --amend 12 --minutes 480 -r x
	err_has 'intern-hours: intern entry 12: nothing to change (give a field with a new value)'
	db_unchanged
	# certified entries keep their rule: adjustments only
	run -65 --separate-stderr intern-hours --void 1 --reason x
	err_has 'intern-hours: --void: intern entry 1 is certified (certification 1, through 2018-03-31; a certified entry is corrected with intern-hours --adjust)'
	db_unchanged
	run -65 --separate-stderr intern-hours -P "$POL" --amend 1 --minutes 240 -r x
	err_has 'intern entry 1 is certified'
	db_unchanged
	# a logging rule: after the internship ended (04-30)
	run -65 --separate-stderr intern-hours -P "$POL" --amend 12 --date 2018-05-02 -r x
	err_has 'intern-hours: --date: 2018-05-02 is after the internship of N01 ends (expected 2018-04-30 or earlier)'
	db_unchanged
	run -0 intern-hours --void 12 --reason 'ill'
	db_snapshot
	run -65 --separate-stderr intern-hours --void 12 --reason again
	err_has 'intern-hours: --void: intern entry 12 is already void (voided at '
	db_unchanged
	run -64 --separate-stderr intern-hours --void 13 --minutes 20 -r x
	err_has 'a void takes only the entry and the reason'
}

@test "intern corrections in a locked period are refused (65, the lock named)" {
	intern_fixture
	run -0 wushe-db lock --through 2018-04-05 -r 'claim sent'
	db_snapshot
	run -65 --separate-stderr intern-hours --void 12 --reason x
	err_has "intern-hours: --void: intern entry 12: 2018-04-01 is in a locked period (locked through 2018-04-05 by "
	err_has "lift it with 'wushe-db unlock --through 2018-04-05 --reason TEXT')"
	db_unchanged
	# entry 20 (04-09) moved into the lock
	run -65 --separate-stderr intern-hours -P "$POL" --amend 20 --date 2018-04-04 -r x
	err_has '--date: 2018-04-04 is in a locked period'
	db_unchanged
	run -0 intern-hours -P "$POL" --amend 20 --minutes 300 -r 'left early'
}
