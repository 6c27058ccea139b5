#!/usr/bin/env bats
# intern-hours: logging, refusals, sign-off, the subsidy claim, the
# certificate and the weekly grid.  Figures are worked out by hand in
# tests/fixtures/intern-directory.yaml against the Foshan Nanhai preset.

bats_require_minimum_version 1.5.0
load helper

POL="$BATS_TEST_DIRNAME/../examples/policy-foshan-nanhai-2018.yaml"
HOSTPOL="$BATS_TEST_DIRNAME/fixtures/intern-policy-host.yaml"

# gen INTERN YYYY-MM DAYS HOURS: one line "intern date hours task" for the
# days 1..DAYS of the month.
gen() {
	local d
	for d in $(seq 1 "$3"); do
		printf '%s\t%s-%02d\t%s\t实习\n' "$1" "$2" "$d" "$4"
	done
}

# The claims database: every fixture intern's hours logged and certified,
# built once for the file and copied by claims_db.
setup_file() {
	export WUSHE_TODAY=2019-06-15 LC_ALL=C.UTF-8
	export XDG_CONFIG_HOME="$BATS_FILE_TMPDIR/config"
	export XDG_DATA_HOME="$BATS_FILE_TMPDIR/data"
	unset WUSHE_POLICY
	export WUSHE_DB="$BATS_FILE_TMPDIR/claims.db"
	local f="$BATS_FILE_TMPDIR/hours.tsv" m
	wushe-db init >/dev/null
	wushe-db load "$BATS_TEST_DIRNAME/../examples/haitang.yaml" \
	    "$BATS_TEST_DIRNAME/fixtures/intern-directory.yaml" >/dev/null
	{
		printf 'intern\tdate\thours\ttask\n'
		for m in 2018-03 2018-04; do
			gen N01 $m 21 8
			gen N03 $m 21 8
			gen N04 $m 21 8
		done
		for m in 03 04 05 06 07 08 09 10; do
			gen N05 2018-$m 21 8
		done
		for m in 03 04 05; do
			gen N06 2018-$m 21 8
		done
		for m in 2017-11 2017-12 2018-01 2018-02; do
			gen N07 $m 21 8
		done
	} > "$f"
	intern-hours -P "$POL" < "$f" > /dev/null
	{
		printf 'intern\tdate\tfrom\tto\tbreak\ttask\n'
		for d in $(seq 1 31); do
			printf 'N02\t2018-07-%02d\t08:00\t20:00\t30\t暑期实习\n' "$d"
		done
	} > "$f"
	intern-hours -P "$POL" < "$f" > /dev/null
	intern-hours -P "$POL" --certify -i N01 --through 2018-04-30 --by NW01 > /dev/null
	intern-hours -P "$POL" --certify -i N02 --through 2018-07-31 --by NW03 > /dev/null
	intern-hours -P "$POL" --certify -i N03 --through 2018-04-30 --by NW01 > /dev/null
	intern-hours -P "$POL" --certify -i N04 --through 2018-04-30 --by NW02 > /dev/null
	intern-hours -P "$POL" --certify -i N05 --through 2018-10-31 --by NW01 > /dev/null
	intern-hours -P "$POL" --certify -i N06 --through 2018-04-30 --by NW03 > /dev/null
	intern-hours -P "$POL" --certify -i N07 --through 2018-02-28 --by NW02 > /dev/null
}

setup() {
	setup_db
	wushe-db load "$FIXTURES/intern-directory.yaml" > /dev/null 2>&1
	T=$BATS_TEST_TMPDIR
}

claims_db() {
	cp "$BATS_FILE_TMPDIR/claims.db" "$WUSHE_DB"
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

out_has() {
	if [[ "$output" != *"$1"* ]]; then
		printf 'output was:\n%s\n' "$output" >&2
		fail "output lacks: $1"
	fi
}

# col NAME [ROW]: the value of column NAME in record ROW (default 1) of a
# TSV $output.
col() {
	awk -F '\t' -v c="$1" -v r="${2:-1}" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
	    NR == r + 1 { print $k }' <<< "$output"
}

# log ARGS...: log one entry with the preset policy, must succeed.
log() {
	intern-hours -P "$POL" "$@" > /dev/null
}

nhours() {
	sql "SELECT count(*) FROM intern_hours"
}

# ---------------------------------------------------------------- basics

@test "intern-hours: --help prints the usage and exits 0" {
	run -0 --separate-stderr intern-hours --help
	assert_line --index 0 --partial 'usage: intern-hours'
	assert_line --partial 'intern-hours --certify [-t] -i intern --through through --by worker'
	assert_equal "$stderr" ''
}

@test "intern-hours: --help matches the man page SYNOPSIS" {
	mandoc -Tutf8 "$BATS_TEST_DIRNAME/../man/intern-hours.1" | command col -b |
	    awk '/^SYNOPSIS/ { on = 1; next } on && /^[A-Z]/ { exit } on' |
	    tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//' > "$T/man"
	run -0 intern-hours --help
	# the usage lines: up to the blank line before the options' list
	printf '%s\n' "$output" | sed '/^$/,$d; s/^usage: //' | tr -s ' \t\n' ' ' |
	    sed 's/^ //; s/ $//' > "$T/help"
	[ -s "$T/man" ] || fail "no SYNOPSIS"
	run diff "$T/man" "$T/help"
	assert_success
}

@test "intern-hours: --version" {
	run -0 intern-hours --version
	assert_output 'intern-hours (wushe) 0.1.0'
}

@test "intern-hours: unknown option and two modes are usage errors" {
	db_snapshot
	run -64 --separate-stderr intern-hours --huors 3
	err_has "unrecognized option '--huors'"
	err_has 'usage: intern-hours'
	run -64 --separate-stderr intern-hours --report --grid -i N01
	err_has 'give one of --add, --adjust, --certify'
	db_unchanged
}

# --------------------------------------------------------------- logging

@test "intern-hours: a time range less its break" {
	run -0 --separate-stderr intern-hours -P "$POL" --intern N01 \
	    --date 2018-03-01 --from 09:00 --to 17:30 --break 30 --task 个案探访
	assert_equal "$(col minutes)" 480
	assert_equal "$(col hours)" 8.00
	assert_equal "$(col from)" 09:00
	assert_equal "$(col to)" 17:30
	assert_equal "$(col kind)" entry
	assert_equal "$(sql "SELECT date, start, end_time, break_minutes, minutes, task, os_user IS NOT NULL FROM intern_hours")" \
	    '2018-03-01|09:00|17:30|30|480|个案探访|1'
}

@test "intern-hours: durations in hours and minutes, hours rounded to 0.01" {
	log -i N01 -D 2018-03-01 --hours 7.5 --task 文书
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-02 --minutes 20 --task a
	assert_equal "$(col hours)" 0.33
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-03 --minutes 40 --task a
	assert_equal "$(col hours)" 0.67
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-04 --minutes 1 --task a
	assert_equal "$(col hours)" 0.02
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-05 --minutes 719 --task a
	assert_equal "$(col hours)" 11.98
	assert_equal "$(sql "SELECT group_concat(minutes) FROM intern_hours")" \
	    '450,20,40,1,719'
}

@test "intern-hours: a range across midnight is split at midnight" {
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-02 -F 22:00 --to 02:30 \
	    --break 30 --task 夜间外展
	assert_equal "$(col date 1) $(col from 1) $(col to 1) $(col minutes 1)" \
	    '2018-03-02 22:00 24:00 90'
	assert_equal "$(col date 2) $(col from 2) $(col to 2) $(col minutes 2)" \
	    '2018-03-03 00:00 02:30 150'
	assert_equal "$(nhours)" 2
}

@test "intern-hours: a break longer than the part before midnight" {
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-02 -F 23:00 --to 02:00 \
	    --break 90 --task 夜间
	assert_equal "$(col date) $(col from) $(col to) $(col break) $(col minutes)" \
	    '2018-03-03 00:00 02:00 30 90'
	assert_equal "$(nhours)" 1
}

@test "intern-hours: many entries from a stream, printed back" {
	printf 'intern\tdate\tfrom\tto\tbreak\thours\tminutes\ttask\n' > "$T/in.tsv"
	printf 'N01\t2018-03-01\t09:00\t12:00\t\t\t\t上午\n' >> "$T/in.tsv"
	printf 'N01\t2018-03-01\t13:00\t17:00\t15\t\t\t下午\n' >> "$T/in.tsv"
	printf 'N01\t2018-03-02\t\t\t\t6.25\t\t小组\n' >> "$T/in.tsv"
	printf 'N06\t2018-03-02\t\t\t\t\t300\t社区活动\n' >> "$T/in.tsv"
	run -0 --separate-stderr intern-hours -P "$POL" < "$T/in.tsv"
	assert_equal "${#lines[@]}" 5
	assert_equal "$(col minutes 2)" 225
	assert_equal "$(col hours 3)" 6.25
	assert_equal "$(sql "SELECT sum(minutes) FROM intern_hours")" \
	    $((180 + 225 + 375 + 300))
}

@test "intern-hours: its own output reads back (and overlaps are refused)" {
	run -0 intern-hours -P "$POL" -i N01 -D 2018-03-01 -F 09:00 --to 12:00 --task a
	printf '%s\n' "$output" > "$T/out.tsv"
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" < "$T/out.tsv"
	err_has '<stdin>:2: from: 09:00-12:00 on 2018-03-01 overlaps entry 1'
	db_unchanged
	sql_untracked "DELETE FROM intern_hours"
	run -0 intern-hours -P "$POL" < "$T/out.tsv"
	assert_equal "$(sql "SELECT start, end_time, minutes FROM intern_hours")" \
	    '09:00|12:00|180'
}

@test "intern-hours: --intern gives the intern for a stream without one" {
	printf 'date\tminutes\ttask\n2018-03-01\t60\ta\n' > "$T/in.tsv"
	run -0 intern-hours -P "$POL" --intern N06 < "$T/in.tsv"
	assert_equal "$(sql "SELECT intern FROM intern_hours")" N06
}

# -------------------------------------------------------------- refusals

# refuse MESSAGE ARGS...: logging with ARGS exits 65 with MESSAGE on
# stderr, and the database is unchanged.
refuse() {
	local msg="$1"
	shift
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" "$@"
	assert_equal "$output" ''
	assert_equal "$stderr" "intern-hours: $msg"
	db_unchanged
}

@test "intern-hours: refused: overlapping ranges of the same intern" {
	log -i N01 -D 2018-03-01 -F 09:00 --to 12:00 --task a
	refuse '--from: 11:30-13:00 on 2018-03-01 overlaps entry 1 (09:00-12:00) of N01 (expected a time not logged yet)' \
	    -i N01 -D 2018-03-01 -F 11:30 --to 13:00 --task b
	refuse '--from: 08:00-09:01 on 2018-03-01 overlaps entry 1 (09:00-12:00) of N01 (expected a time not logged yet)' \
	    -i N01 -D 2018-03-01 -F 08:00 --to 09:01 --task b
	# touching ranges and another intern are fine
	log -i N01 -D 2018-03-01 -F 12:00 --to 13:00 --task c
	log -i N06 -D 2018-03-01 -F 09:00 --to 12:00 --task d
	assert_equal "$(nhours)" 3
}

@test "intern-hours: refused: the part after midnight overlaps" {
	log -i N01 -D 2018-03-03 -F 01:00 --to 03:00 --task a
	refuse '--from: 00:00-02:00 on 2018-03-03 overlaps entry 1 (01:00-03:00) of N01 (expected a time not logged yet)' \
	    -i N01 -D 2018-03-02 -F 22:00 --to 02:00 --task b
}

@test "intern-hours: refused: more than the daily maximum, durations included" {
	log -i N01 -D 2018-03-01 -F 08:00 --to 16:00 --task a
	log -i N01 -D 2018-03-01 --hours 4 --task b
	refuse '--minutes: 2018-03-01 would have 12.02 hours logged for N01 (expected at most 12.00 a day, policy interns.daily_max_hours)' \
	    -i N01 -D 2018-03-01 --minutes 1 --task c
	refuse '--to: 2018-03-01 would have 13.00 hours logged for N01 (expected at most 12.00 a day, policy interns.daily_max_hours)' \
	    -i N01 -D 2018-03-01 -F 20:00 --to 21:00 --task c
}

@test "intern-hours: the daily maximum comes from the policy" {
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$HOSTPOL" -i N01 \
	    -D 2018-03-01 --hours 10.5 --task a
	err_has 'would have 10.50 hours logged for N01 (expected at most 10.00 a day'
	db_unchanged
	run -0 intern-hours -P "$HOSTPOL" -i N01 -D 2018-03-01 --hours 10 --task a
}

@test "intern-hours: refused: dates outside the internship or in the future" {
	refuse '--date: 2018-02-28 is before the internship of N01 starts (expected 2018-03-01 or later)' \
	    -i N01 -D 2018-02-28 --hours 1 --task a
	refuse '--date: 2018-05-01 is after the internship of N01 ends (expected 2018-04-30 or earlier)' \
	    -i N01 -D 2018-05-01 --hours 1 --task a
	refuse '--date: 2018-05-01 (after midnight) is after the internship of N01 ends (expected 2018-04-30 or earlier)' \
	    -i N01 -D 2018-04-30 -F 23:00 --to 01:00 --task a
	refuse '--date: 2019-06-16 is in the future (expected today, 2019-06-15, or earlier)' \
	    -i N08 -D 2019-06-16 --hours 1 --task a
	refuse '--date: no such day (February has 28 days in that year)' \
	    -i N01 -D 2018-02-29 --hours 1 --task a
}

@test "intern-hours: refused: unknown intern" {
	refuse "--intern: unknown intern 'N99' (expected a code from the directory or intern-hours --add)" \
	    -i N99 -D 2018-03-01 --hours 1 --task a
}

@test "intern-hours: refused: bad times and amounts" {
	refuse '--from: no such hour (expected 00:00 to 23:59)' \
	    -i N01 -D 2018-03-01 -F 25:00 --to 26:00 --task a
	refuse '--to: not a time (expected HH:MM, like 09:30)' \
	    -i N01 -D 2018-03-01 -F 09:00 --to 5pm --task a
	refuse '--to: 09:00 is the same time as from (expected a later time, or an earlier one for a range that crosses midnight)' \
	    -i N01 -D 2018-03-01 -F 09:00 --to 09:00 --task a
	refuse '--to: missing (a range needs from and to)' \
	    -i N01 -D 2018-03-01 -F 09:00 --task a
	refuse '--break: 60 minutes is not shorter than the range 09:00-10:00 (expected less than 60)' \
	    -i N01 -D 2018-03-01 -F 09:00 --to 10:00 --break 60 --task a
	refuse '--break: only with a time range (expected from and to as well)' \
	    -i N01 -D 2018-03-01 --hours 2 --break 10 --task a
	refuse '--minutes: missing (expected a time range from-to, hours, or minutes)' \
	    -i N01 -D 2018-03-01 --task a
	refuse '--hours: zero (expected more than 0)' \
	    -i N01 -D 2018-03-01 --hours 0 --task a
	refuse '--hours: 2 does not match the range 09:00-10:00 less the break (60 minutes)' \
	    -i N01 -D 2018-03-01 -F 09:00 --to 10:00 --hours 2 --task a
	refuse '--hours: 2 hours is not 60 minutes (expected one of hours or minutes, or both agreeing)' \
	    -i N01 -D 2018-03-01 --hours 2 --minutes 60 --task a
	refuse '--minutes: more than a day (expected at most 24 hours)' \
	    -i N01 -D 2018-03-01 --minutes 1441 --task a
}

@test "intern-hours: a bad record in a stream writes nothing" {
	printf 'intern\tdate\thours\ttask\n' > "$T/in.tsv"
	printf 'N01\t2018-03-01\t8\ta\n' >> "$T/in.tsv"
	printf 'N01\t2018-03-01\t5\tb\n' >> "$T/in.tsv"
	printf 'N99\t2018-03-02\t1\tc\n' >> "$T/in.tsv"
	printf 'N01\t2018-03-03\t1\td\n' >> "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" < "$T/in.tsv"
	assert_equal "$output" ''
	assert_equal "$stderr" "$(printf '%s\n' \
	    'intern-hours: <stdin>:3: hours: 2018-03-01 would have 13.00 hours logged for N01 (expected at most 12.00 a day, policy interns.daily_max_hours)' \
	    "intern-hours: <stdin>:4: intern: unknown intern 'N99' (expected a code from the directory or intern-hours --add)" \
	    'intern-hours: 2 of 4 records bad; nothing written')"
	db_unchanged
}

@test "intern-hours: an overlap inside one batch is refused" {
	printf 'intern\tdate\tfrom\tto\ttask\n' > "$T/in.tsv"
	printf 'N01\t2018-03-01\t09:00\t12:00\ta\n' >> "$T/in.tsv"
	printf 'N01\t2018-03-01\t10:00\t11:00\tb\n' >> "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" < "$T/in.tsv"
	# issue 13: the clash is with line 2 of the batch, never written
	# (it said "overlaps entry 1")
	err_has '<stdin>:3: from: 10:00-11:00 on 2018-03-01 overlaps line 2 of <stdin> (09:00-12:00) of N01 (expected a time not logged yet)'
	err_has '1 of 2 records bad; nothing written'
	db_unchanged
}

@test "intern-hours: --keep-going writes the good ones and rejects the bad" {
	printf 'intern\tdate\thours\ttask\n' > "$T/in.tsv"
	printf 'N01\t2018-03-01\t8\ta\n' >> "$T/in.tsv"
	printf 'N01\t2018-13-01\t5\tb\n' >> "$T/in.tsv"
	printf 'N01\t2018-03-03\t1\td\n' >> "$T/in.tsv"
	run -65 --separate-stderr intern-hours -P "$POL" --keep-going \
	    --reject "$T/rej.tsv" < "$T/in.tsv"
	err_has 'intern-hours: <stdin>:3: date: '
	err_has 'intern-hours: <stdin>:3: date: no such month (expected 01 to 12)'
	err_has "1 of 3 records rejected, written to $T/rej.tsv"
	assert_equal "${#lines[@]}" 3
	assert_equal "$(cat "$T/rej.tsv")" "$(printf 'intern\tdate\thours\ttask\nN01\t2018-13-01\t5\tb')"
	assert_equal "$(sql "SELECT group_concat(date) FROM intern_hours")" \
	    '2018-03-01,2018-03-03'
}

@test "intern-hours: refused: unknown column in a stream" {
	printf 'intern\tdate\thours\tnote\nN01\t2018-03-01\t8\ta\n' > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" < "$T/in.tsv"
	err_has "unknown column 'note'"
	db_unchanged
}

@test "intern-hours: empty input is refused" {
	: > "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" < "$T/in.tsv"
	err_has 'no records in the input'
	db_unchanged
}

# ------------------------------------------------------------ adding interns

@test "intern-hours: --add an intern from options" {
	run -0 --separate-stderr intern-hours --add --intern N20 --name 苏悦 \
	    --id-number 440605199903151238 --school 佛山科学技术学院 \
	    --major social_work --full-time no --hukou-city 佛山市 --org NH-SW \
	    --supervisor NW02 --academic-supervisor 王老师 --start 2019-03-01
	assert_equal "$(col code)" N20
	assert_equal "$(col id_number)" '440605********1238'
	assert_equal "$(col full_time)" no
	assert_equal "$(sql "SELECT name, id_number, full_time, supervisor, start, end IS NULL FROM intern WHERE code = 'N20'")" \
	    '苏悦|440605199903151238|0|NW02|2019-03-01|1'
}

@test "intern-hours: --add interns from a stream, all or nothing" {
	printf 'code\tname\torg\tsupervisor\tstart\tend\n' > "$T/in.tsv"
	printf 'N21\t甲\tNH-SW\tNW01\t2019-01-01\t2019-06-30\n' >> "$T/in.tsv"
	printf 'N22\t乙\tNH-XX\t\t2019-01-01\t\n' >> "$T/in.tsv"
	printf 'N23\t丙\tNH-SW\tNW03\t2019-01-01\t\n' >> "$T/in.tsv"
	printf 'N01\t丁\tNH-SW\t\t2019-01-01\t\n' >> "$T/in.tsv"
	printf 'N24\t戊\tNH-SW\t\t2019-01-01\t2018-12-31\n' >> "$T/in.tsv"
	db_snapshot
	run -65 --separate-stderr intern-hours --add < "$T/in.tsv"
	assert_equal "$stderr" "$(printf '%s\n' \
	    "intern-hours: <stdin>:3: org: unknown organisation 'NH-XX' (expected an org code from the directory)" \
	    'intern-hours: <stdin>:4: supervisor: NW03 works at NH-SWA, not at the host NH-SW (expected a worker of the host)' \
	    "intern-hours: <stdin>:5: code: intern 'N01' already exists (expected a new code; wushe-db load updates interns)" \
	    'intern-hours: <stdin>:6: end: 2018-12-31 is before the start 2019-01-01 (expected a later date)' \
	    'intern-hours: 4 of 5 records bad; nothing written')"
	db_unchanged
	printf 'code\tname\torg\tstart\nN21\t甲\tNH-SW\t2019-01-01\n' > "$T/in.tsv"
	run -0 intern-hours --add < "$T/in.tsv"
	assert_equal "$(sql "SELECT full_time FROM intern WHERE code = 'N21'")" 1
}

@test "intern-hours: --add refusals from options" {
	db_snapshot
	run -65 --separate-stderr intern-hours --add --intern N30 --org NH-SW \
	    --start 2019-01-01
	assert_equal "$stderr" "intern-hours: --name: missing (expected the intern's name)"
	run -65 --separate-stderr intern-hours --add --intern N30 --name x \
	    --org NH-SW --start 2019-01-01 --full-time maybe
	assert_equal "$stderr" "intern-hours: --full-time: 'maybe' is not yes or no (expected yes, no, true, false, 1 or 0)"
	run -65 --separate-stderr intern-hours --add --intern N30 --name x \
	    --org NH-SW --start 2019-01-01 --id-number 440605199903151239
	err_has 'intern-hours: --id-number: '
	err_has 'intern-hours: --id-number: wrong check character (a digit is probably mistyped)'
	db_unchanged
	run -64 --separate-stderr intern-hours --name x
	err_has 'go with --add'
}

# ------------------------------------------------------------- sign-off

@test "intern-hours: --certify marks the entries up to the date and freezes them" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	log -i N01 -D 2018-03-02 --hours 6 --task b
	log -i N01 -D 2018-03-05 --hours 4 --task c
	run -0 --separate-stderr intern-hours -P "$POL" --certify --intern N01 \
	    --through 2018-03-02 --by NW01
	assert_equal "$(col certification) $(col entries) $(col minutes) $(col hours)" \
	    '1 2 840 14.00'
	assert_equal "$(sql "SELECT group_concat(c) FROM (SELECT coalesce(certification, '-') AS c FROM intern_hours ORDER BY id)")" '1,1,-'
	assert_equal "$(sql "SELECT intern, through, by, os_user = '$(id -un)' FROM certification")" \
	    'N01|2018-03-02|NW01|1'
	db_snapshot
	run ! sql_untracked "UPDATE intern_hours SET minutes = 600 WHERE id = 1"
	run ! sql_untracked "DELETE FROM intern_hours WHERE id = 2"
	run ! sql_untracked "UPDATE certification SET by = 'NW02'"
	run ! sql_untracked "DELETE FROM certification"
	db_unchanged
	# the uncertified entry may still change
	sql_untracked "UPDATE intern_hours SET task = 'c2' WHERE id = 3"
}

@test "intern-hours: refused: logging into a certified period" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	log --certify -i N01 --through 2018-03-10 --by NW01
	refuse '--date: 2018-03-09 is already certified (through 2018-03-10; log a correction with --adjust)' \
	    -i N01 -D 2018-03-09 --hours 1 --task late
}

# certify_refused MESSAGE ARGS...
certify_refused() {
	local msg="$1"
	shift
	db_snapshot
	run -65 --separate-stderr intern-hours "$@"
	assert_equal "$output" ''
	assert_equal "$stderr" "intern-hours: $msg"
	db_unchanged
}

@test "intern-hours: refused: certifying by anyone but the supervisor" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	certify_refused '--by: NW02 is not the supervisor of N01 (expected NW01; the policy does not let other workers of the host certify)' \
	    -P "$POL" --certify -i N01 --through 2018-03-31 --by NW02
	certify_refused "--by: unknown worker 'W99' (expected a worker code from the directory)" \
	    -P "$POL" --certify -i N01 --through 2018-03-31 --by W99
	certify_refused "--intern: unknown intern 'N99' (expected a code from the directory or intern-hours --add)" \
	    -P "$POL" --certify -i N99 --through 2018-03-31 --by NW01
	certify_refused '--through: 2019-06-16 is in the future (expected today, 2019-06-15, or earlier)' \
	    -P "$POL" --certify -i N01 --through 2019-06-16 --by NW01
	certify_refused '--through: N01 has no uncertified hours up to 2018-02-28 (expected hours logged and not yet certified)' \
	    -P "$POL" --certify -i N01 --through 2018-02-28 --by NW01
}

@test "intern-hours: certify: host. any active worker of the host" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	certify_refused '--by: NW03 is neither the supervisor of N01 nor a worker of its host NH-SW (expected NW01 or another worker of the host)' \
	    -P "$HOSTPOL" --certify -i N01 --through 2018-03-31 --by NW03
	certify_refused '--by: NW04 left on 2019-05-31 (expected a worker active today)' \
	    -P "$HOSTPOL" --certify -i N01 --through 2018-03-31 --by NW04
	run -0 intern-hours -P "$HOSTPOL" --certify -i N01 --through 2018-03-31 --by NW02
	assert_equal "$(sql "SELECT by FROM certification")" NW02
}

@test "intern-hours: an intern without a supervisor cannot be certified" {
	log -i N08 -D 2018-03-01 --hours 8 --task a
	certify_refused '--by: N08 has no supervisor, so nobody may certify (expected a supervisor set for the intern, or policy certify_host)' \
	    -P "$POL" --certify -i N08 --through 2018-03-31 --by NW01
}

@test "intern-hours: --adjust corrects certified hours and needs certifying" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	log --certify -i N01 --through 2018-03-31 --by NW01
	run -0 --separate-stderr intern-hours -P "$POL" --adjust -i N01 \
	    -D 2018-03-01 --minutes -90 --reason '午休未扣除'
	assert_equal "$(col kind) $(col minutes) $(col hours) $(col reason)" \
	    'adjustment -90 -1.50 午休未扣除'
	assert_equal "$(col certification)" ''
	run -0 intern-hours -P "$POL" --report -i N01 -A 2018-12-31
	assert_equal "$(col certified_hours) $(col uncertified_hours)" '8.00 -1.50'
	out_has '1 adjustment entry (see --history for the reasons)'
	log --certify -i N01 --through 2018-03-31 --by NW01
	run -0 intern-hours -P "$POL" --report -i N01 -A 2018-12-31
	assert_equal "$(col certified_hours) $(col uncertified_hours)" '6.50 0.00'
}

@test "intern-hours: refused adjustments" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	db_snapshot
	run -64 --separate-stderr intern-hours -P "$POL" --adjust -i N01 -D 2018-03-01 -m -30
	err_has '--adjust needs --intern, --date, --minutes and --reason'
	certify_refused '--minutes: zero (expected minutes to add, like +30, or to take away, like -90)' \
	    -P "$POL" --adjust -i N01 -D 2018-03-01 -m 0 -r x
	certify_refused '--minutes: 2018-03-01 would have -0.02 hours logged for N01 (expected a day'"'"'s total of 0 or more)' \
	    -P "$POL" --adjust -i N01 -D 2018-03-01 -m -481 -r x
	certify_refused '--minutes: 2018-03-01 would have 12.02 hours logged for N01 (expected at most 12.00 a day, policy interns.daily_max_hours)' \
	    -P "$POL" --adjust -i N01 -D 2018-03-01 -m +241 -r x
	certify_refused '--date: 2020-01-01 is after the internship of N08 ends (expected 2019-12-31 or earlier)' \
	    -P "$POL" --adjust -i N08 -D 2020-01-01 -m 30 -r x
	db_unchanged
}

@test "intern-hours: --history shows who logged, who certified, and when" {
	log -i N01 -D 2018-03-01 -F 09:00 --to 12:00 --task 上午
	log --certify -i N01 --through 2018-03-01 --by NW01
	log --adjust -i N01 -D 2018-03-01 -m 30 -r 漏记 --task 补
	run -0 --separate-stderr intern-hours --history --intern N01
	assert_equal "${#lines[@]}" 4
	assert_equal "$(col event 1) $(col date 1) $(col from 1) $(col minutes 1) $(col certification 1) $(col by 1)" \
	    'entry 2018-03-01 09:00 180 1 NW01'
	assert_equal "$(col event 2) $(col text 2) $(col hours 2) $(col by 2)" \
	    'certification certified 1 entries through 2018-03-01 3.00 NW01'
	assert_equal "$(col event 3) $(col text 3) $(col certification 3)" \
	    'adjustment 漏记 (补) '
	assert_equal "$(col os_user 1) $(col os_user 2)" "$(id -un) $(id -un)"
	[[ "$(col at 2)" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T ]]
}

# ---------------------------------------------------------------- claims

# claim INTERN [AS-OF]: the report record of INTERN into $output.
claim() {
	run -0 --separate-stderr intern-hours -P "$POL" --report \
	    --intern "$1" --as-of "${2:-2019-01-31}" --format tsv
	assert_equal "${#lines[@]}" 2
}

@test "intern-hours: claim: just under 350 hours, but 2 full months" {
	claims_db
	claim N01
	assert_equal "$(col certified_hours)" 336.00
	assert_equal "$(col uncertified_hours)" 0.00
	assert_equal "$(col counted_hours)" 336.00
	assert_equal "$(col months_counted)" 2
	assert_equal "$(col months)" 2018-03,2018-04
	assert_equal "$(col full_time)" 'pass: full-time student'
	assert_equal "$(col major)" 'pass: major social_work is accepted'
	assert_equal "$(col hukou_city)" 'pass: hukou city 佛山市 is accepted'
	assert_equal "$(col host_kind)" 'pass: host kind sw_agency is accepted'
	assert_equal "$(col threshold)" 'pass: 2 months and 336.00 hours counted (at least 2 months or 350.00 hours)'
	assert_equal "$(col eligible)" yes
	assert_equal "$(col subsidy_yuan)" 1200.00
	assert_equal "$(col warnings)" ''
}

@test "intern-hours: claim: over 350 hours in 1 month" {
	claims_db
	claim N02
	# 31 days x (12 h - 0.5 h) = 356.5 h, all in July
	assert_equal "$(col certified_hours)" 356.50
	assert_equal "$(col months_counted) $(col months)" '1 2018-07'
	assert_equal "$(col host_kind)" 'pass: host kind social_group is accepted'
	assert_equal "$(col threshold)" 'pass: 1 months and 356.50 hours counted (at least 2 months or 350.00 hours)'
	# issue 13: eligible by hours is paid for at least
	# floor(356.5 / 175) = 2 months: 1200.00 (it was 600.00, 1 month)
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'yes 1200.00'
}

@test "intern-hours: claim: not a full-time student" {
	claims_db
	claim N03
	assert_equal "$(col full_time)" 'fail: not a full-time student (the policy requires full-time students)'
	assert_equal "$(col months_counted) $(col counted_hours)" '2 336.00'
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'no 0.00'
}

@test "intern-hours: claim: household registration in another city" {
	claims_db
	claim N04
	assert_equal "$(col hukou_city)" 'fail: hukou city 广州市 is not accepted (accepted: 佛山市)'
	assert_equal "$(col full_time)" 'pass: full-time student'
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'no 0.00'
}

@test "intern-hours: claim: 8 months is capped at 3600 yuan" {
	claims_db
	claim N05
	assert_equal "$(col certified_hours) $(col months_counted)" '1344.00 8'
	assert_equal "$(col months)" 2018-03,2018-04,2018-05,2018-06,2018-07,2018-08,2018-09,2018-10
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'yes 3600.00'
	assert_equal "$(col warnings)" 'capped at 3600.00 yuan'
	# as of the end of June only 4 months: 4 x 600
	claim N05 2018-06-30
	assert_equal "$(col months_counted) $(col subsidy_yuan)" '4 2400.00'
}

@test "intern-hours: claim: uncertified hours do not count" {
	claims_db
	claim N06
	assert_equal "$(col certified_hours) $(col uncertified_hours)" '336.00 168.00'
	assert_equal "$(col months_counted) $(col subsidy_yuan)" '2 1200.00'
	assert_equal "$(col warnings)" '168.00 hours not certified and not counted (ask the supervisor to certify)'
	# once May is certified (by its supervisor) it counts: 3 x 600
	run -0 intern-hours -P "$POL" --certify -i N06 --through 2018-05-31 --by NW03
	claim N06
	assert_equal "$(col months_counted) $(col subsidy_yuan) $(col warnings)" '3 1800.00 '
}

@test "intern-hours: claim: hours before the policy's start do not count" {
	claims_db
	claim N07
	assert_equal "$(col certified_hours) $(col counted_hours)" '672.00 336.00'
	assert_equal "$(col months)" 2018-01,2018-02
	assert_equal "$(col subsidy_yuan)" 1200.00
	assert_equal "$(col warnings)" '336.00 certified hours before 2018-01-01 not counted (the policy starts then)'
}

@test "intern-hours: claim: a host that is not an agency or society" {
	claims_db
	claim N08
	assert_equal "$(col host_kind)" 'fail: host kind private_non_enterprise is not accepted (accepted: sw_agency, social_group)'
	assert_equal "$(col threshold)" 'fail: 0 months and 0.00 hours counted (expected at least 2 months or 350.00 hours)'
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'no 0.00'
}

@test "intern-hours: claim: a month under month_min_hours does not count" {
	# March 10 x 8 h = 80 h counts (the preset's 80), April 79 h does not
	printf 'intern\tdate\thours\ttask\n' > "$T/in.tsv"
	gen N01 2018-03 10 8 >> "$T/in.tsv"
	gen N01 2018-04 9 8 >> "$T/in.tsv"
	printf 'N01\t2018-04-10\t7\t实习\n' >> "$T/in.tsv"
	log < "$T/in.tsv"
	log --certify -i N01 --through 2018-04-30 --by NW01
	claim N01
	assert_equal "$(col counted_hours) $(col months_counted) $(col months)" \
	    '159.00 1 2018-03'
	assert_equal "$(col threshold)" 'fail: 1 months and 159.00 hours counted (expected at least 2 months or 350.00 hours)'
	assert_equal "$(col warnings)" 'months under 80.00 hours not counted: 2018-04 79.00 h'
	assert_equal "$(col subsidy_yuan)" 0.00
}

@test "intern-hours: claim: after the window closes, with a warning" {
	claims_db
	run -0 intern-hours -P "$POL" --report --format json
	assert_equal "${#lines[@]}" 9
	assert_line --index 1 --partial '"intern":"N01"'
	assert_line --index 1 --partial '"as_of":"2019-06-15"'
	assert_line --index 1 --partial '"subsidy_yuan":"1200.00"'
	assert_line --index 1 --partial '"warnings":"claim window closed on 2019-01-31"'
	assert_line --index 1 --partial '"months_counted":2'
}

@test "intern-hours: claim: hours after claims close are not counted" {
	log -i N08 -D 2019-02-01 --hours 8 --task a
	log -i N08 -D 2019-01-31 --hours 8 --task a
	# untracked: the intern table is audited (issue 11)
	sql_untracked "UPDATE intern SET supervisor = 'NW01', org = 'NH-SW' WHERE code = 'N08'"
	log --certify -i N08 --through 2019-02-28 --by NW01
	claim N08 2019-03-01
	assert_equal "$(col certified_hours) $(col counted_hours)" '16.00 8.00'
	assert_equal "$(col warnings)" '8.00 certified hours after 2019-01-31 not counted (claims closed then); months under 80.00 hours not counted: 2019-01 8.00 h; claim window closed on 2019-01-31'
}

@test "intern-hours: the report without a subsidy in the policy" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	run -0 intern-hours -P "$HOSTPOL" --report -i N01 -A 2018-12-31
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'no 0.00'
	assert_equal "$(col full_time)" 'fail: no subsidy in the policy'
	assert_equal "$(col warnings)" 'the policy has no intern subsidy; 8.00 hours not certified and not counted (ask the supervisor to certify)'
}

@test "intern-hours: refused: report on an unknown intern, bad --as-of" {
	db_snapshot
	run -65 --separate-stderr intern-hours -P "$POL" --report -i N99
	err_has "--intern: unknown intern 'N99'"
	db_unchanged
	run -64 --separate-stderr intern-hours -P "$POL" --report -A 2019-02-30
	err_has '--as-of: '
	err_has 'intern-hours: --as-of: no such day (February has at most 29 days)'
	db_unchanged
}

# ----------------------------------------------------------- certificate

@test "intern-hours: the certificate in text" {
	claims_db
	run -0 --separate-stderr intern-hours --certificate --intern N01
	assert_line --index 0 '实习时数证明'
	assert_line '实习生：何子琪（N01）'
	assert_line '身份证号：440605********1238'
	assert_line '学校：佛山科学技术学院'
	assert_line '实习单位：南海区启创社会工作服务中心（NH-SW）'
	assert_line '实习期间：2018-03-01 至 2018-04-30'
	assert_line '机构督导：黄敏（NW01）'
	assert_line '学校督导：李老师'
	# issue 14: the hours carry their unit
	assert_line '  2018-03  168.00 小时'
	assert_line '  2018-04  168.00 小时'
	assert_line '  合计     336.00 小时'
	assert_line '兹证明上述实习时数属实，均经机构督导认证（最近一次认证至 2018-04-30，认证人：黄敏）。'
	assert_line '出具日期：2019-06-15'
	run -0 intern-hours --certificate --intern N01 --reveal
	assert_line '身份证号：440605199903151238'
}

@test "intern-hours: the certificate says what is not certified" {
	claims_db
	run -0 intern-hours --certificate --intern N06
	assert_line '  合计     336.00 小时'
	out_has '另有 168.00 小时尚未认证，未计入本证明。'
}

@test "intern-hours: the certificate in markdown and html" {
	claims_db
	run -0 intern-hours --certificate --intern N02 --format markdown
	assert_line --index 0 '# 实习时数证明'
	assert_line '| 实习生 | 冯嘉欣（N02） |'
	assert_line '| 2018-07 | 356.50 小时 |'
	assert_line '| **合计** | **356.50 小时** |'
	run -0 intern-hours --certificate --intern N02 --format html
	assert_line --index 0 '<!DOCTYPE html>'
	assert_line '<tr><th>实习生</th><td>冯嘉欣（N02）</td></tr>'
	assert_line '<tr><td>2018-07</td><td class="n">356.50 小时</td></tr>'
	assert_line '</html>'
}

@test "intern-hours: html and markdown certificates escape names" {
	# untracked: the intern table is audited (issue 11)
	sql_untracked "UPDATE intern SET school = 'A&B <大学> | *x*' WHERE code = 'N01'"
	log -i N01 -D 2018-03-01 --hours 8 --task a
	log --certify -i N01 --through 2018-03-01 --by NW01
	run -0 intern-hours --certificate --intern N01 --format html
	assert_line '<tr><th>学校</th><td>A&amp;B &lt;大学&gt; | *x*</td></tr>'
	run -0 intern-hours --certificate --intern N01 --format markdown
	assert_line '| 学校 | A&B \<大学\> \| \*x\* |'
}

@test "intern-hours: the certificate byte for byte, in each format" {
	claims_db
	intern-hours --certificate --intern N06 > "$T/c.txt"
	diff -u "$FIXTURES/intern-cert-N06.txt" "$T/c.txt"
	intern-hours --certificate --intern N06 -f markdown > "$T/c.md"
	diff -u "$FIXTURES/intern-cert-N06.md" "$T/c.md"
	intern-hours --certificate --intern N06 -f html > "$T/c.html"
	diff -u "$FIXTURES/intern-cert-N06.html" "$T/c.html"
	# Chinese whatever the environment says: it is a Chinese document
	LANG=en_US.UTF-8 LC_ALL= intern-hours --certificate --intern N06 \
	    > "$T/c2.txt"
	diff -u "$FIXTURES/intern-cert-N06.txt" "$T/c2.txt"
}

@test "intern-hours: the certificate in English with --lang en" {
	claims_db
	run -0 --separate-stderr intern-hours --certificate --intern N06 \
	    --lang en
	assert_line --index 0 'Internship hours certificate'
	assert_line 'Intern: 周敏 (N06)'
	assert_line 'Internship period: 2018-03-01 to 2018-05-31'
	assert_line 'Monthly hours (certified by the supervisor):'
	assert_line '  Total    336.00 hours'
	assert_line 'Host supervisor (signature): ____________'
	run -0 intern-hours --certificate --intern N06 --lang en -f html
	assert_line '<html lang="en">'
	run -64 --separate-stderr intern-hours --certificate --intern N06 \
	    --lang fr
	err_has "--lang: unknown language (expected zh or en)"
}

@test "intern-hours: refused: a certificate without certified hours" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	db_snapshot
	run -65 --separate-stderr intern-hours --certificate --intern N01
	assert_equal "$output" ''
	assert_equal "$stderr" 'intern-hours: --intern: N01 has no certified hours (expected hours certified with --certify first)'
	run -64 --separate-stderr intern-hours --certificate --intern N01 --format pdf
	err_has "--format: unknown certificate format 'pdf' (expected text, markdown or html)"
	db_unchanged
}

# ------------------------------------------------------------------ grid

@test "intern-hours: the weekly grid with running totals" {
	log -i N01 -D 2018-03-01 --hours 8 --task a
	log -i N01 -D 2018-03-02 --hours 4 --task b
	log -i N01 -D 2018-03-05 -F 09:00 --to 15:15 --break 15 --task c
	log --certify -i N01 --through 2018-03-01 --by NW01
	run -0 --separate-stderr intern-hours -P "$POL" --grid --intern N01 \
	    --format tsv
	# weeks of 2018-02-26 (ISO 2018-W09) to 2018-04-30 (W18)
	assert_equal "${#lines[@]}" 11
	assert_line --index 0 "$(printf 'week\tmonday\tmon\ttue\twed\tthu\tfri\tsat\tsun\ttotal\tuncertified\trunning\ttarget_pct')"
	assert_line --index 1 "$(printf '2018-W09\t2018-02-26\t\t\t\t8.00\t4.00\t\t\t12.00\t4.00\t12.00\t1.50')"
	assert_line --index 2 "$(printf '2018-W10\t2018-03-05\t6.00\t\t\t\t\t\t\t6.00\t6.00\t18.00\t2.25')"
	assert_line --index 10 "$(printf '2018-W18\t2018-04-30\t\t\t\t\t\t\t\t0.00\t0.00\t18.00\t2.25')"
}

@test "intern-hours: the grid's target comes from the policy" {
	log -i N01 -D 2018-03-01 --minutes 1 --task a
	run -0 intern-hours -P "$HOSTPOL" --grid --intern N01 --format tsv
	# 1 min of 400 h = 0.0042 % -> 0.00; the week's total rounds to 0.02
	assert_equal "$(col running 1) $(col target_pct 1)" '0.02 0.00'
	db_snapshot
	run -65 --separate-stderr intern-hours --grid --intern N99
	err_has "unknown intern 'N99'"
	db_unchanged
}

@test "intern-hours: --dry-run shows the entry and writes nothing (issue 13)" {
	db_snapshot
	run -0 --separate-stderr intern-hours -P "$POL" --dry-run -i N01 \
	    -D 2018-03-01 --hours 2 --task a
	# 2 h = 120 minutes, shown as logged
	assert_equal "$(col minutes)" 120
	db_unchanged
	printf 'intern\tdate\thours\ttask\nN01\t2018-03-02\t3\ta\n' |
	    intern-hours -P "$POL" -t > "$T/out.tsv"
	db_unchanged
	[ "$(wc -l < "$T/out.tsv")" -eq 2 ] || fail "no entry shown"
}

@test "intern-hours: claim: the subsidy's invariants on the boundary interns (issue 13)" {
	# The Foshan preset: 2 months or 350 h, a month counts with 80 h,
	# 600 a month, at most 3600.  Eligible means paid at least 2 x 600.
	claims_db
	# just under 350 h in 2 full months (N01, 336 h): by months, 2 x 600
	claim N01
	assert_equal "$(col eligible) $(col months_counted) $(col subsidy_yuan)" 'yes 2 1200.00'
	# 350 h in 1 month (N02, 356.5 h in July): by hours, 2 months
	claim N02
	assert_equal "$(col eligible) $(col months_counted) $(col subsidy_yuan)" 'yes 1 1200.00'
	# 8 months at the cap (N05, 8 x 168 h): 8 x 600 = 4800 -> 3600
	claim N05
	assert_equal "$(col eligible) $(col months_counted) $(col subsidy_yuan)" 'yes 8 3600.00'
}

@test "intern-hours: claim: 395 h at 79 h a month is paid, not 0.00 (issue 13)" {
	# N05 (2018-03-01 on): five months of 9 x 8 h + 7 h = 79 h, under
	# the 80 h that make a month count: 0 months, 395 h >= 350 h, so
	# eligible by hours and paid floor(395 / 175) = 2 months = 1200.00
	# (it said eligible: yes and 0.00)
	printf 'intern\tdate\thours\ttask\n' > "$T/in.tsv"
	for m in 03 04 05 06 07; do
		gen N05 2018-$m 9 8 >> "$T/in.tsv"
		printf 'N05\t2018-%s-10\t7\t实习\n' "$m" >> "$T/in.tsv"
	done
	log < "$T/in.tsv"
	log --certify -i N05 --through 2018-07-31 --by NW01
	claim N05
	assert_equal "$(col counted_hours) $(col months_counted)" '395.00 0'
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'yes 1200.00'
}

@test "intern-hours: claim: 349 h in 2 months is paid by months (issue 13)" {
	# The Foshan Nanhai preset: at least 2 months or 350 h; a month
	# counts with at least 80 h; 600 a month, at most 3600.
	# N05: March 2018 10 days x 8 h = 80 h (exactly the 80 h: counts);
	# April 29 days x 9 h = 261 h + 8 h on the 30th = 269 h (counts).
	# 80 + 269 = 349 h, under 350, so not by hours; 2 months, so
	# eligible by months: 2 x 600 = 1200.00
	printf 'intern\tdate\thours\ttask\n' > "$T/in.tsv"
	gen N05 2018-03 10 8 >> "$T/in.tsv"
	gen N05 2018-04 29 9 >> "$T/in.tsv"
	printf 'N05\t2018-04-30\t8\t实习\n' >> "$T/in.tsv"
	log < "$T/in.tsv"
	log --certify -i N05 --through 2018-04-30 --by NW01
	claim N05
	assert_equal "$(col counted_hours) $(col months_counted)" '349.00 2'
	assert_equal "$(col months)" 2018-03,2018-04
	assert_equal "$(col threshold)" 'pass: 2 months and 349.00 hours counted (at least 2 months or 350.00 hours)'
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'yes 1200.00'
}

@test "intern-hours: --report over a period (issue 13)" {
	claims_db
	# N05: 21 days x 8 h = 168 h in each month 2018-03 to 2018-10,
	# certified through 10-31.  Today is 2019-06-15.
	# Q2 2018: April, May, June: 3 x 168 = 504 h, 3 months; March's
	# 168 h before the period are named; eligible by months and hours,
	# max(3, floor(504 / 175) = 2) = 3 months x 600 = 1800.00
	run -0 --separate-stderr intern-hours -P "$POL" --report -i N05 \
	    --quarter 2018-Q2 --format tsv
	assert_equal "$(col as_of) $(col counted_hours) $(col months_counted)" '2018-06-30 504.00 3'
	assert_equal "$(col months)" 2018-04,2018-05,2018-06
	assert_equal "$(col eligible) $(col subsidy_yuan)" 'yes 1800.00'
	assert_equal "$(col warnings)" '168.00 certified hours before 2018-04-01 not counted (the period starts then)'
	# March 2018 alone: 168 h, 1 month: under 2 months and 350 h
	run -0 --separate-stderr intern-hours -P "$POL" --report -i N05 \
	    -M 2018-03 --format tsv
	assert_equal "$(col counted_hours) $(col months_counted) $(col eligible) $(col subsidy_yuan)" '168.00 1 no 0.00'
	# last year (2018): all 8 months, 1344 h: 8 x 600 = 4800 -> 3600
	run -0 --separate-stderr intern-hours -P "$POL" --report -i N05 \
	    --year last --format tsv
	assert_equal "$(col as_of) $(col counted_hours) $(col months_counted) $(col subsidy_yuan)" '2018-12-31 1344.00 8 3600.00'
	# the year counted to 2018-04-15: March 168 h + April's days 1 to 15
	# (the fixture logs days 1 to 21) x 8 h = 120 h: 288 h, 2 months
	# (April's 120 h >= 80 h), eligible by months: 2 x 600 = 1200.00
	run -0 --separate-stderr intern-hours -P "$POL" --report -i N05 \
	    -y 2018 -A 2018-04-15 --format tsv
	assert_equal "$(col as_of) $(col counted_hours) $(col months_counted) $(col subsidy_yuan)" '2018-04-15 288.00 2 1200.00'
	# since/until: 2018-05-10 to 2018-05-20: days 10..20, 11 x 8 = 88 h
	run -0 --separate-stderr intern-hours -P "$POL" --report -i N05 \
	    -a 2018-05-10 -u 2018-05-20 --format tsv
	assert_equal "$(col counted_hours) $(col months_counted)" '88.00 1'
}

@test "intern-hours: bad --report periods are usage errors (issue 13)" {
	claims_db
	db_snapshot
	run -64 --separate-stderr intern-hours -P "$POL" --report --month 2018-13
	err_has "intern-hours: --month: not a month (expected YYYY-MM or 'last')"
	err_has 'usage: intern-hours'
	run -64 --separate-stderr intern-hours -P "$POL" --report --quarter 2018Q2 --year 2018
	err_has 'intern-hours: --year: a second period (expected one of --month, --quarter, --year, --since/--until)'
	run -64 --separate-stderr intern-hours -P "$POL" --report -M 2018-05 -A 2018-04-30
	err_has 'intern-hours: --as-of: before the period starts (expected a day in or after it)'
	run -64 --separate-stderr intern-hours -P "$POL" --report -a 2018-06-01 -u 2018-05-01
	err_has 'intern-hours: --since: after --until (expected a period that runs forward)'
	run -64 --separate-stderr intern-hours -P "$POL" --history -i N05 --month 2018-05
	err_has 'intern-hours: --month, --quarter, --year, --since and --until go with --report'
	db_unchanged
}

@test "intern-hours: a policy whose subsidy would break the invariants is refused at load (issue 13)" {
	# without month_min_hours, 30 minutes in each of 3 months (1.5 h)
	# would count as 3 months and pay 1800
	sed '/month_min_hours/d' "$POL" > "$T/nomin.yaml"
	run -65 --separate-stderr intern-hours -P "$T/nomin.yaml" --report
	[[ "$stderr" == *"interns.subsidy.month_min_hours: missing (with min_months, a month counts only with at least this many certified hours; without it 30 minutes in each of 2 months would qualify)"* ]] ||
	    fail "wrong message: $stderr"
	# a cap under 2 x 600 would pay an eligible intern less
	sed 's/^    cap: 3600/    cap: 1000/' "$POL" > "$T/cap.yaml"
	run -65 --separate-stderr intern-hours -P "$T/cap.yaml" --report
	[[ "$stderr" == *"interns.subsidy.cap: below min_months x per_month (an eligible intern would be paid less than the months that qualify)"* ]] ||
	    fail "wrong message: $stderr"
}

@test "intern-hours: claim: policy words as offices write them (社会工作, 佛山)" {
	# issue 14: the policy says social_work and 佛山市; the record says
	# 社会工作 and 佛山 (the city without its 市)
	claims_db
	sql_untracked "UPDATE intern SET major = '社会工作', hukou_city = '佛山' WHERE code = 'N01'"
	claim N01
	assert_equal "$(col major)" 'pass: major 社会工作 is accepted'
	assert_equal "$(col hukou_city)" 'pass: hukou city 佛山 is accepted'
	assert_equal "$(col eligible)" yes
	# another city is still refused
	sql_untracked "UPDATE intern SET hukou_city = '佛冈' WHERE code = 'N01'"
	claim N01
	assert_equal "$(col hukou_city)" 'fail: hukou city 佛冈 is not accepted (accepted: 佛山市)'
}
