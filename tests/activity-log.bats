#!/usr/bin/env bats
# activity-log: group work sessions, community activities, groups.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	wushe-db load "$FIXTURES/activity-groups.yaml" > /dev/null
	case-add < "$FIXTURES/visit-cases.tsv" > /dev/null
	case-close -r moved_away -D 2019-05-20 5 > /dev/null
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

nact() {
	sql "SELECT count(*) FROM activity"
}

# two sessions of the after-school class and a festival event
with_activities() {
	activity-log --group G430 --date 2019-06-03 --minutes 90 \
	    --worker W02 --case 3 --participants 25 --volunteers 3 \
	    --volunteer-minutes 270 --contract HT-2019-430 --title 作业辅导 \
	    > /dev/null
	activity-log --group G430 --date 2019-06-10 --minutes 90 \
	    --worker W02 --participants 22 --contract HT-2019-430 \
	    --title 作业辅导 > /dev/null
	activity-log --date 2019-06-07 --minutes 180 --community QH \
	    --org QH-JM --worker W01 --worker W02 --participants 60 \
	    --volunteers 8 --volunteer-minutes 1440 --title 端午包粽子 \
	    --case 1 --case 2 > /dev/null
}

@test "activity-log: --help prints the usage and exits 0" {
	run -0 --separate-stderr activity-log --help
	assert_line --index 0 --partial 'usage: activity-log'
	assert_equal "$stderr" ''
}

@test "activity-log: --version" {
	run -0 activity-log --version
	assert_output 'activity-log (wushe) 0.1.0'
}

@test "activity-log: unknown option is a usage error" {
	db_snapshot
	run -64 --separate-stderr activity-log --bogus
	err_has 'usage: activity-log'
	db_unchanged
}

@test "activity-log: --minutes is required" {
	db_snapshot
	run -64 --separate-stderr activity-log --group G430
	err_has '--minutes: required'
	db_unchanged
}

@test "activity-log: groups come from the directory" {
	run -0 --separate-stderr activity-log --groups --no-header
	assert_equal "${lines[0]}" "$(printf 'G430\t四点半课堂\tHT-SOC\tQH\t0\t')"
	assert_equal "${#lines[@]}" 3
}

@test "activity-log: a group session takes the group's community and org" {
	run -0 --separate-stderr activity-log --group G430 --date 2019-06-03 \
	    --minutes 90 --worker W02 --case 3 --participants 25 \
	    --volunteers 3 --volunteer-minutes 270 --contract HT-2019-430 \
	    --title 作业辅导
	assert_equal "$stderr" ''
	assert_equal "${lines[1]}" "$(printf '1\tgroup_session\tG430\t作业辅导\t2019-06-03\t90\tQH\tHT-SOC\tW02\t25\t3\t270\tHT-2019-430\t3\t')"
	assert_equal "$(sql "SELECT case_id FROM activity_case")" 3
}

@test "activity-log: a community activity, contract from the worker's post" {
	run -0 --separate-stderr activity-log --date 2019-06-07 --minutes 180 \
	    --community QH --org QH-JM --worker W01 --worker W02 \
	    --participants 60 --title 端午包粽子
	assert_equal "$(sql "SELECT kind, contract FROM activity")" \
	    'community|HT-2019-POST'
	assert_equal "$(sql "SELECT group_concat(worker) FROM
	    (SELECT worker FROM activity_worker ORDER BY worker)")" 'W01,W02'
}

@test "activity-log: attending cases from case-list on stdin" {
	run -0 --separate-stderr bash -c 'set -o pipefail;
	    case-list --community QH --category elderly |
	    activity-log --group G430 --date 2019-06-03 --minutes 60 --case -'
	assert_equal "$(sql "SELECT group_concat(case_id) FROM
	    (SELECT case_id FROM activity_case ORDER BY case_id)")" '1,2,6'
	# participants default to the attending cases
	assert_equal "$(sql "SELECT participants FROM activity")" 3
}

@test "activity-log: --add-group, then a session of it" {
	run -0 --separate-stderr activity-log --add-group GCHOIR \
	    --name 合唱团 --org HT-SOC --community LH
	assert_equal "${lines[1]}" "$(printf 'GCHOIR\t合唱团\tHT-SOC\tLH\t0\t')"
	run -0 --separate-stderr activity-log --group GCHOIR --minutes 60 \
	    --date 2019-06-14
	assert_equal "$(sql "SELECT community FROM activity")" LH
}

# ---------------------------------------------------------------- refusals

@test "activity-log: --add-group refuses an existing code" {
	db_snapshot
	run -65 --separate-stderr activity-log --add-group G430 --name x
	err_has "--add-group: 'G430' already exists"
	db_unchanged
}

@test "activity-log: --add-group refuses an unknown org" {
	db_snapshot
	run -65 --separate-stderr activity-log --add-group GX --name x \
	    --org NOPE
	err_has "--org: unknown organisation 'NOPE'"
	db_unchanged
}

@test "activity-log: refuses an unknown group" {
	db_snapshot
	run -65 --separate-stderr activity-log --group NOPE --minutes 60
	err_has "--group: unknown group 'NOPE'"
	db_unchanged
}

@test "activity-log: a group session needs a group" {
	db_snapshot
	run -65 --separate-stderr activity-log --kind group_session \
	    --community QH --minutes 60
	err_has '--group: missing (a group_session needs'
	db_unchanged
}

@test "activity-log: a community activity needs a community" {
	db_snapshot
	run -65 --separate-stderr activity-log --minutes 60
	err_has '--community: missing'
	db_unchanged
}

@test "activity-log: refuses a future date and minutes out of range" {
	db_snapshot
	run -65 --separate-stderr activity-log --group G430 --minutes 1441 \
	    --date 2019-06-16
	err_has '--date: 2019-06-16 is in the future (today is 2019-06-15)'
	err_has '--minutes: 1441 is out of range (expected 1 to 1440)'
	db_unchanged
}

@test "activity-log: refuses a worker not active on the date" {
	db_snapshot
	run -65 --separate-stderr activity-log --group G430 --minutes 60 \
	    --date 2019-06-03 --worker W03
	err_has "--worker: worker 'W03' is not active on 2019-06-03"
	run -65 --separate-stderr activity-log --group G430 --minutes 60 \
	    --worker W01 --worker W01
	err_has "--worker: 'W01' is listed twice"
	db_unchanged
}

@test "activity-log: refuses unknown and closed cases" {
	db_snapshot
	run -65 --separate-stderr activity-log --group G430 --minutes 60 \
	    --date 2019-06-03 --case 99 --case 5
	err_has '--case: unknown case 99'
	err_has '--case: 2019-06-03 is after case 5 closed (2019-05-20)'
	db_unchanged
}

@test "activity-log: refuses fewer participants than attending cases" {
	db_snapshot
	run -65 --separate-stderr activity-log --group G430 --minutes 60 \
	    --case 1 --case 2 --participants 1
	err_has '--participants: 1 is fewer than the attending cases (2)'
	db_unchanged
}

@test "activity-log: refuses a contract that does not cover the date" {
	db_snapshot
	run -65 --separate-stderr activity-log --group G430 --minutes 60 \
	    --date 2019-02-20 --contract HT-2019-430
	err_has '--contract: HT-2019-430 runs 2019-03-01 to 2019-12-31, not on 2019-02-20'
	db_unchanged
}

@test "activity-log: a bad import writes nothing" {
	printf 'kind\tgroup\tdate\tminutes\tworkers\n' > "$T/in.tsv"
	printf 'group_session\tG430\t2019-06-03\t60\tW02\n' >> "$T/in.tsv"
	printf 'group_session\tNOPE\t2019-06-03\t60\tW02\n' >> "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr activity-log --import < "$T/in.tsv"
	err_has "<stdin>:3: group: unknown group 'NOPE'"
	err_has '1 of 2 records bad; nothing written'
	db_unchanged
}

@test "activity-log: import --keep-going rejects the bad ones" {
	printf 'kind\tgroup\tdate\tminutes\tworkers\n' > "$T/in.tsv"
	printf 'group_session\tG430\t2019-06-03\t60\tW02\n' >> "$T/in.tsv"
	printf 'group_session\tNOPE\t2019-06-03\t60\tW02\n' >> "$T/in.tsv"
	run -65 --separate-stderr activity-log --import --keep-going \
	    --reject "$T/rej.tsv" < "$T/in.tsv"
	assert_equal "$stderr" "activity-log: <stdin>:3: group: unknown group 'NOPE' (expected a group code from the directory's groups or activity-log --add-group)
activity-log: <stdin>:3: community: missing (give the community, or a group that has one)
activity-log: 1 of 2 records rejected
activity-log: rejected records written to $T/rej.tsv"
	assert_equal "$(nact)" 1
	assert_equal "$(sql "SELECT grp, date, minutes FROM activity")" 'G430|2019-06-03|60'
	printf 'kind\tgroup\tdate\tminutes\tworkers\n' > "$T/want.tsv"
	printf 'group_session\tNOPE\t2019-06-03\t60\tW02\n' >> "$T/want.tsv"
	run cmp "$T/want.tsv" "$T/rej.tsv"
	assert_success
}

@test "activity-log: import refuses an unknown column" {
	printf 'kind\tminutes\tcolour\ncommunity\t60\tred\n' > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr activity-log --import < "$T/in.tsv"
	err_has "<stdin>:1: unknown column 'colour'"
	db_unchanged
}

# --------------------------------------------------- listing, round trips

@test "activity-log: --list filters" {
	with_activities
	run -0 --separate-stderr activity-log --list --no-header --group G430
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1 | paste -sd,)" \
	    '1,2'
	run -0 --separate-stderr activity-log --list --no-header --worker W01
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1,9)" \
	    "$(printf '3\tW01,W02')"
	run -0 --separate-stderr activity-log --list --no-header --case 3
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1)" 1
	run -0 --separate-stderr activity-log --list --no-header \
	    --since 2019-06-04 --kind group_session
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1)" 2
}

@test "activity-log: --summary group and worker, worked out by hand" {
	with_activities
	# G430: 2 sessions, 25 + 22 participants, 3 volunteers, 180 min,
	# 270 volunteer min; the festival has no group: 60, 8, 180, 1440
	run -0 --separate-stderr activity-log --summary group
	assert_output "$(printf 'group\tactivities\tsessions\tparticipants\tvolunteers\thours\tvolunteer_hours
\t1\t0\t60\t8\t3.00\t24.00
G430\t2\t2\t47\t3\t3.00\t4.50')"
	run -0 --separate-stderr activity-log --summary worker --no-header
	assert_output "$(printf 'W01\t1\t0\t60\t8\t3.00\t24.00
W02\t3\t2\t107\t11\t6.00\t28.50')"
}

@test "activity-log: listings over a quarter, last month, a year, as of a day (issue 13)" {
	with_activities
	# and a May session (id 4): G430, 60 min, 12 participants
	activity-log --group G430 --date 2019-05-20 --minutes 60 --worker W02 \
	    --participants 12 --contract HT-2019-430 --title 作业辅导 > /dev/null
	local head='group\tactivities\tsessions\tparticipants\tvolunteers\thours\tvolunteer_hours'
	# today is 2019-06-15: last month is May, the session of 05-20
	# alone: 1 session, 12 participants, 60 min = 1.00 h
	run -0 --separate-stderr activity-log --summary group --month last
	assert_output "$(printf "$head\nG430\t1\t1\t12\t0\t1.00\t0.00")"
	# Q2 holds all four: the festival as before; G430 3 sessions,
	# 25 + 22 + 12 = 59, 3 volunteers, 90 + 90 + 60 = 240 min = 4.00 h
	run -0 --separate-stderr activity-log --summary group --quarter 2019-Q2
	assert_output "$(printf "$head\n\t1\t0\t60\t8\t3.00\t24.00\nG430\t3\t3\t59\t3\t4.00\t4.50")"
	# counted to 06-07: the 06-10 session (22, 90 min) left out:
	# G430 2 sessions, 37, 150 min = 2.50 h
	run -0 --separate-stderr activity-log -G group -Q 2019Q2 -A 2019-06-07
	assert_output "$(printf "$head\n\t1\t0\t60\t8\t3.00\t24.00\nG430\t2\t2\t37\t3\t2.50\t4.50")"
	# last quarter (Q1) and last year (2018): none; 2019: all four
	run -0 --separate-stderr activity-log --list --no-header --quarter last
	assert_output ''
	run -0 --separate-stderr activity-log --list --no-header --year last
	assert_output ''
	run -0 --separate-stderr activity-log --list --no-header --year 2019
	assert_equal "$(cut -f1 <<< "$output" | paste -sd,)" '4,1,3,2'
}

@test "activity-log: bad periods are usage errors, database unchanged (issue 13)" {
	with_activities
	db_snapshot
	run -64 --separate-stderr activity-log --list --month 2019-13
	err_has "activity-log: --month: not a month (expected YYYY-MM or 'last')"
	err_has 'usage: activity-log'
	run -64 --separate-stderr activity-log --list --quarter 2019-Q0
	err_has 'activity-log: --quarter: not a quarter (expected YYYYQ1 to YYYYQ4, like 2019Q3)'
	run -64 --separate-stderr activity-log -G kind --year 2019 --month 2019-06
	err_has 'activity-log: --month: a second period (expected one of --month, --quarter, --year, --since/--until)'
	run -64 --separate-stderr activity-log --list --year 2019 --until 2019-06-01
	err_has 'activity-log: --until: a second period'
	run -64 --separate-stderr activity-log --list --month 2019-06 --as-of 2019-05-31
	err_has 'activity-log: --as-of: before the period starts (expected a day in or after it)'
	run -64 --separate-stderr activity-log --list --as-of 2019-06-31
	err_has 'activity-log: --as-of: '
	run -64 --separate-stderr activity-log -g G430 -m 30 --quarter 2019Q2
	err_has 'are filters for --list'
	db_unchanged
}

roundtrip() {	# roundtrip FORMAT
	with_activities
	activity-log --date 2019-06-14 --minutes 30 --community LH \
	    --title '母亲节, "生日会"' --note $'两行\n备注\t制表' > /dev/null
	activity-log --list | cut -f2- > "$T/before.tsv"
	run -0 --separate-stderr activity-log --list --format "$1"
	echo "$output" > "$T/list"
	export WUSHE_DB=$T/other.db
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	wushe-db load "$FIXTURES/activity-groups.yaml" > /dev/null
	case-add < "$FIXTURES/visit-cases.tsv" > /dev/null
	case-close -r moved_away -D 2019-05-20 5 > /dev/null
	run -0 --separate-stderr activity-log --import --input "$1" < "$T/list"
	assert_equal "$stderr" ''
	activity-log --list | cut -f2- > "$T/after.tsv"
	run cmp "$T/before.tsv" "$T/after.tsv"
	assert_success
}

@test "activity-log: --list --format tsv reads back with --import" {
	roundtrip tsv
}

@test "activity-log: --list --format csv reads back with --import" {
	roundtrip csv
}

@test "activity-log: --list --format json reads back with --import" {
	roundtrip json
}

@test "activity-log: a writer that cannot get the lock exits 75" {
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
	WUSHE_BUSY_TIMEOUT=100 run -75 --separate-stderr activity-log \
	    --group G430 --minutes 60
	echo stop > "$T/go"
	wait
	err_has 'database is busy'
	db_unchanged
}
