#!/usr/bin/env bats
# Correcting the record (issue 12): visit-log --void and --amend,
# case-assign --date, wushe-db lock/unlock (case-update and --reopen are
# in case-update.bats; activities and intern entries in
# corrections-activity.bats).
# Each correction's effect on the figures that depend on it is worked out
# by hand in the comments; every refusal is checked for its exit status,
# its message and an unchanged database.

bats_require_minimum_version 1.5.0
load helper
load corrections

setup() {
	visit_fixture
}

# ------------------------------------------------------- visits: figures

@test "void: a voided visit leaves the contract's contacts and hours" {
	grant_fixture
	# POST-A before: February 90+50+30+25 = 195 min = 3.25 h, 4 contacts;
	# to date 360 min = 6.00 h, 8 contacts
	assert_equal "$(figure POST-A service_hours)" "3.25,6.00"
	assert_equal "$(figure POST-A contacts)" "4,8"
	# visit 5 is case 2's 90-minute office visit of 02-04
	run -0 --separate-stderr visit-log --void 5 --reason 'logged twice'
	assert_output "$(printf 'id\tfield\told\tnew\treason\tat\tos_user\n5\tstatus\tdone\tvoid\tlogged twice\t%s\t%s' \
	    "$(sql "SELECT at FROM correction")" "$(sql "SELECT os_user FROM correction")")"
	# after: 195 - 90 = 105 min = 1.75 h, 3 contacts; to date 270 min =
	# 4.50 h, 7 contacts; case 2 is still served (its 02-29 call)
	assert_equal "$(figure POST-A service_hours)" "1.75,4.50"
	assert_equal "$(figure POST-A contacts)" "3,7"
	assert_equal "$(figure POST-A cases_served)" "3,6"
	# the visit stays as it was, marked void, and the summaries leave
	# it out
	assert_equal "$(sql "SELECT status, minutes FROM visit WHERE id = 5")" 'done|90'
	assert_equal "$(sql "SELECT visit, reason FROM visit_void")" '5|logged twice'
	run -0 visit-log --summary month --month 2020-02 --contract POST-A -H
	# February: 7 visits less the void one (the no-shows and the
	# cancelled one are visits), 4 - 1 done, of cases 3, 5 and 2,
	# 195 - 90 minutes
	assert_output "$(printf '2020-02\t6\t3\t3\t105\t1.75')"
}

@test "amend: a duration typed wrong changes the hours, kept in history" {
	grant_fixture
	run -0 --separate-stderr visit-log --amend 5 --minutes 60 \
	    --reason 'typed 90 for 60'
	# February 195 - 30 = 165 min = 2.75 h; to date 330 min = 5.50 h;
	# the contacts do not change
	assert_equal "$(figure POST-A service_hours)" "2.75,5.50"
	assert_equal "$(figure POST-A contacts)" "4,8"
	assert_equal "$(sql "SELECT field, old, new, reason FROM correction")" \
	    'minutes|90|60|typed 90 for 60'
	# the audit holds the old and new row and the reason
	assert_equal "$(sql "SELECT json_extract(old, '\$.minutes'), json_extract(new, '\$.minutes') FROM audit WHERE tbl = 'visit' AND op = 'update'")" '90|60'
	assert_equal "$(sql "SELECT json_extract(new, '\$.reason') FROM audit WHERE tbl = 'correction'")" 'typed 90 for 60'
}

@test "amend: a stream of corrections, all or nothing, --keep-going" {
	printf 'id\tminutes\treason\n2\t45\tsheet\n5\t2000\tsheet\n' > "$T/fix.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --amend - < "$T/fix.tsv"
	err_has '<stdin>:3: minutes: 2000 is out of range (expected 1 to 1440)'
	err_has '1 of 2 records bad; nothing written'
	db_unchanged
	run -65 --separate-stderr visit-log --amend - -k -j "$T/rej.tsv" < "$T/fix.tsv"
	assert_equal "$(sql "SELECT minutes FROM visit WHERE id IN (2, 5) ORDER BY id")" "$(printf '45\n30')"
	assert_equal "$(tail -n 1 "$T/rej.tsv")" "$(printf '5\t2000\tsheet')"
}

@test "amend: every logging check applies again (overlap, case period)" {
	visit-log -c 1 -D 2019-06-10 -s 09:00 -m 60 -K home > /dev/null
	visit-log -c 1 -D 2019-06-10 -s 11:00 -m 30 -K phone > /dev/null
	db_snapshot
	# visit 12 moved to 09:30 overlaps visit 11 (09:00 for 60 minutes)
	run -65 --separate-stderr visit-log --amend 12 --start 09:30 -r x
	err_has '--start: 09:30 for 30 minutes overlaps visit 11 by W01 on 2019-06-10 at 09:00 for 60 minutes'
	db_unchanged
	# and a visit does not overlap itself
	run -0 visit-log --amend 12 --start 11:15 -r 'time fixed'
	# case 3 opened 2019-04-02: visit 4 cannot move before it
	db_snapshot
	run -65 --separate-stderr visit-log --amend 4 --date 2019-03-30 -r x
	err_has '--date: 2019-03-30 is before case 3 opened (2019-04-02)'
	db_unchanged
}

@test "amend: a stream checks each amendment against the ones before it" {
	visit-log -c 1 -D 2019-06-10 -s 09:00 -m 60 -K home > /dev/null
	visit-log -c 1 -D 2019-06-10 -s 11:00 -m 30 -K phone > /dev/null
	# visit 12 moves to 10:00-10:30; then visit 11 (09:00) made 90
	# minutes would run to 10:30 over visit 12's new time (amendments
	# are written many at a time: the check sees the waiting ones)
	printf 'id\tstart\tminutes\treason\n12\t10:00\t\tmoved\n11\t\t90\tlonger\n' > "$T/fix.tsv"
	db_snapshot
	run -65 --separate-stderr visit-log --amend - < "$T/fix.tsv"
	err_has '<stdin>:3: start: 09:00 for 90 minutes overlaps visit 12 by W01 on 2019-06-10 at 10:00 for 30 minutes'
	db_unchanged
	# and a waiting amendment's old time is free: visit 11 moves to
	# 13:00, so visit 12 may take 09:30
	printf 'id\tstart\treason\n11\t13:00\tmoved\n12\t09:30\tmoved\n' > "$T/fix.tsv"
	run -0 visit-log --amend - -q < "$T/fix.tsv"
	assert_equal "$(sql "SELECT id, start FROM visit WHERE id IN (11, 12) ORDER BY id")" \
	    "$(printf '11|13:00\n12|09:30')"
	# the same visit twice in one stream: 30 -> 20 -> 25, each old value
	# the one before
	printf 'id\tminutes\treason\n12\t20\tfirst\n12\t25\tsecond\n' > "$T/fix.tsv"
	run -0 visit-log --amend - -q < "$T/fix.tsv"
	assert_equal "$(sql "SELECT minutes FROM visit WHERE id = 12")" 25
	assert_equal "$(sql "SELECT old, new, reason FROM correction WHERE field = 'minutes' ORDER BY id")" \
	    "$(printf '30|20|first\n20|25|second')"
}

@test "void and amend: the refusals, each leaving the database alone" {
	db_snapshot
	run -65 --separate-stderr visit-log --void 99 --reason x
	err_has 'visit-log: --void: unknown visit 99'
	db_unchanged
	run -65 --separate-stderr visit-log --void 1
	err_has 'visit-log: --reason: missing (every correction says why)'
	db_unchanged
	run -65 --separate-stderr visit-log --amend 1 --minutes 40 -r x
	err_has 'visit-log: visit 1: nothing to change (give a field with a new value)'
	db_unchanged
	run -65 --separate-stderr visit-log --amend 1 --kind visit -r x
	err_has "--kind: 'visit': unknown kind"
	db_unchanged
	run -0 visit-log --void 1 --reason 'wrong case'
	db_snapshot
	run -65 --separate-stderr visit-log --void 1 --reason again
	err_has 'visit-log: --void: visit 1 is already void (voided at '
	err_has ': wrong case)'
	db_unchanged
	run -65 --separate-stderr visit-log --amend 1 --minutes 20 -r x
	err_has 'visit 1 is already void'
	db_unchanged
	run -64 --separate-stderr visit-log --void 1 --minutes 20 -r x
	err_has 'a void takes only the visit and the reason'
}

@test "void: the due list's last contact skips a voided visit" {
	# case 8 (elderly, empty_nest, high: every 7 days): last contact
	# 05-30 with a follow-up 06-03 -> due 06-03, 12 days overdue
	run -1 visit-log --due -P "$POLICY" -H
	assert_line "$(printf '8\t钱*奶\tLH\tW01\t2019-05-30\t2019-06-03\t12\thigh\telderly,empty_nest')"
	# voided: no contact and no follow-up, so due from opening
	# (2019-05-01): 45 days
	visit-log --void 10 --reason 'not this case' > /dev/null
	run -1 visit-log --due -P "$POLICY" -H
	assert_line "$(printf '8\t钱*奶\tLH\tW01\t\t2019-05-01\t45\thigh\telderly,empty_nest')"
}

@test "void --dry-run shows the change and writes nothing" {
	db_snapshot
	run -0 --separate-stderr visit-log --void 1 --reason x --dry-run -H
	assert_output --partial "$(printf '1\tstatus\tdone\tvoid\tx')"
	db_unchanged
}

# ----------------------------------------------------------------- lock

@test "lock: a locked month's report stays byte for byte the same" {
	grant_fixture
	run -0 --separate-stderr wushe-db lock --through 2020-02-29 \
	    --reason 'February sent to the street office'
	grant-report --month 2020-02 --format csv > "$T/before.csv" || [ $? -eq 2 ]
	db_snapshot
	# visit 5 (02-04) is in the locked period
	run -65 --separate-stderr visit-log --amend 5 --minutes 60 -r x
	err_has 'visit 5: 2020-02-04 is in a locked period (locked through 2020-02-29 by '
	err_has "February sent to the street office; lift it with 'wushe-db unlock --through 2020-02-29 --reason TEXT')"
	db_unchanged
	run -65 --separate-stderr visit-log --void 5 -r x
	err_has 'in a locked period'
	db_unchanged
	# a new visit on or before the lock is refused too, and moving an
	# open visit into the locked period
	run -65 --separate-stderr visit-log -c 1 -D 2020-02-28 -m 30 -K phone
	err_has '--date: 2020-02-28 is in a locked period'
	run -65 --separate-stderr visit-log --amend 13 --date 2020-02-28 -r x
	err_has '--date: 2020-02-28 is in a locked period'
	db_unchanged
	# the sqlite3 shell is stopped by the schema
	run ! sql_untracked "UPDATE visit SET minutes = 1 WHERE id = 5"
	db_unchanged
	# corrections to March go through
	run -0 visit-log --amend 13 --minutes 30 -r 'March fixed'
	run -0 visit-log -c 2 -D 2020-03-05 -m 30 -K phone
	run -0 visit-log --void 13 -r 'March voided'
	grant-report --month 2020-02 --format csv > "$T/after.csv" || [ $? -eq 2 ]
	cmp "$T/before.csv" "$T/after.csv"
	# unlocked: February can change again
	run -0 wushe-db unlock --through 2020-02-29 --reason 'funder asked'
	run -0 visit-log --void 5 -r 'logged twice'
	assert_equal "$(figure POST-A contacts)" "3,7"
	assert_equal "$(sql "SELECT through, reason, lift_reason FROM period_lock")" \
	    '2020-02-29|February sent to the street office|funder asked'
	assert_equal "$(sql "SELECT op FROM audit WHERE tbl = 'period_lock'")" "$(printf 'insert\nupdate')"
}

@test "lock: the refusals of lock and unlock" {
	run -64 --separate-stderr wushe-db lock --through 2019-04-30
	err_has 'lock: --through DATE and --reason TEXT are required'
	run -64 --separate-stderr wushe-db lock --through 2019-04-31 -r x
	err_has "--through: '2019-04-31'"
	run -0 wushe-db lock --through 2019-04-30 -r 'April sent'
	db_snapshot
	run -65 --separate-stderr wushe-db lock --through 2019-03-31 -r x
	err_has 'wushe-db: 2019-03-31: already locked (through 2019-04-30 by '
	db_unchanged
	run -65 --separate-stderr wushe-db unlock --through 2019-03-31 -r x
	err_has 'wushe-db: 2019-03-31: no lock through this date (the lock in force is through 2019-04-30)'
	db_unchanged
	run -64 --separate-stderr wushe-db --through 2019-03-31 check
	err_has 'check: --through and --reason are options of lock and unlock only'
}

# ---------------------------------------------------------------- cases

@test "case-assign --date: a handover date moves a month's per-worker figure" {
	# case 1 is W01's; W02 takes it over from 06-01
	run -0 --separate-stderr case-assign --to W02 --date 2019-06-01 1
	# visits logged later without a worker go to the one in charge on
	# their date: 05-28 to W01, 06-05 to W02
	visit-log -c 1 -D 2019-05-28 -m 30 -K phone > /dev/null
	visit-log -c 1 -D 2019-06-05 -m 40 -K home > /dev/null
	assert_equal "$(sql "SELECT worker FROM visit WHERE id > 10 ORDER BY id")" "$(printf 'W01\nW02')"
	# June by worker: W01 has case 6's 06-01 call (30 min); W02 the 40
	run -0 visit-log --summary worker --month 2019-06 -H
	assert_output "$(printf 'W01\t1\t1\t1\t30\t0.50\nW02\t1\t1\t1\t40\t0.67')"
	assert_equal "$(sql "SELECT worker, since, coalesce(until, '-') FROM v_case_worker WHERE case_id = 1 ORDER BY since")" \
	    "$(printf 'W01|2019-03-04|2019-06-01\nW02|2019-06-01|-')"
	db_snapshot
	run -65 --separate-stderr case-assign --to W01 --date 2019-05-01 1
	err_has 'case 1: --date 2019-05-01 is before the case'"'"'s last handover (2019-06-01)'
	db_unchanged
	run -64 --separate-stderr case-assign --to W01 --date 2019-07-01 1
	err_has "--date: '2019-07-01': in the future"
}

@test "lock: activities and intern hours in a locked period are refused" {
	run -0 wushe-db lock --through 2019-05-31 -r 'May sent'
	db_snapshot
	run -65 --separate-stderr activity-log -K community -T 节日 \
	    -D 2019-05-01 -m 60 -N QH -o HT-SOC
	err_has "activity-log: --date: 2019-05-01 is in a locked period (locked through 2019-05-31 by "
	err_has "May sent; lift it with 'wushe-db unlock --through 2019-05-31 --reason TEXT')"
	db_unchanged
	printf 'intern\tdate\tminutes\nI01\t2019-05-20\t240\n' > "$T/hours.tsv"
	run -65 --separate-stderr intern-hours < "$T/hours.tsv"
	err_has 'date: 2019-05-20 is in a locked period'
	db_unchanged
	run -0 activity-log -K community -T 节日 -D 2019-06-01 -m 60 -N QH -o HT-SOC
}
