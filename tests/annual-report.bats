#!/usr/bin/env bats
# annual-report: social organisations' annual reports for 2019 (due
# 2020-03-31, reviewed within 10 working days, a returned report back
# within 10), on the hand-worked fixture tests/fixtures/annual-orgs.yaml
# and annual-events.tsv, as of 2020-06-30 unless a test says otherwise.
#
# Working days by the State Council's 2020 calendar (Qingming 4 to 6
# April off; nothing else between March and May 1):
#  A01 on time: received Fri 03-20; review due: Mon 03-23 is day 1 ...
#      Fri 03-27 day 5, Mon 03-30 to Fri 04-03 days 6-10 -> 2020-04-03;
#      reviewed 03-27, qualified.
#  A02 late: received Fri 04-10, 10 days after 03-31; review due Mon
#      04-13 day 1 ... Fri 04-24 day 10 -> 2020-04-24, not reviewed: 67
#      days overdue on 06-30 (6 in April, 31, 30).
#  A03 returned and resubmitted in time: received 03-02, returned 03-09
#      (back by 03-23), received again Mon 03-16 (review due: Tue 03-17
#      day 1 ... Mon 03-30 day 10), reviewed 03-23 basically qualified.
#  A04 returned and never resubmitted: received Wed 03-25, returned Mon
#      03-30; back by: Tue 03-31 to Fri 04-03 days 1-4, Qingming, Tue
#      04-07 to Fri 04-10 days 5-8, Mon 04-13 day 9, Tue 04-14 day 10.
#  A05 unqualified: received 03-10 (review due Tue 03-24), reviewed 03-18.
#  A06 never reported: registered 2019-06-01, so it reports for 2019;
#      91 days late on 06-30 (30 in April, 31, 30).
#  A07 waiting for review: received Mon 03-30, due Tue 04-14 as A04's
#      resubmission: 77 days overdue on 06-30.
#  N01 registered 2020-01-15, N02 a community group (only on file), N03
#      deregistered 2020-02-20 before the deadline: none reports.

load helper

setup() {
	setup_env
	export WUSHE_TODAY=2020-06-30
	wushe-db init >/dev/null
	wushe-db load "$FIXTURES/annual-orgs.yaml" >/dev/null 2>&1
	annual-report --import < "$FIXTURES/annual-events.tsv"
}

# err_has TEXT: stderr contains TEXT.
err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

# refused MESSAGE ARGS...: annual-report ARGS exits 65 with MESSAGE on
# stderr and nothing on stdout, and the database is unchanged.
refused() {
	local msg=$1
	shift
	db_snapshot
	run -65 --separate-stderr annual-report "$@"
	err_has "$msg"
	[ -z "$output" ] || fail "stdout: $output"
	db_unchanged
}

@test "--status: every organisation that must report, hand-worked" {
	run -0 --separate-stderr annual-report --status --year 2019 --format text
	[ -z "$stderr" ] || fail "stderr: $stderr"
	assert_output - <<'EOF'
Annual reports 2019, as of 2020-06-30
deadline: 2020-03-31; review_working_days: 10; resubmit_working_days: 10
  org  name              kind                    status            submitted   review_due  conclusion           days_late
  A01  海棠书画协会      social_group            reviewed          2020-03-20  2020-04-03  qualified            0
  A02  海棠社工服务中心  private_non_enterprise  received          2020-04-10  2020-04-24                       10
  A03  海棠慈善基金会    foundation              reviewed          2020-03-16  2020-03-30  basically_qualified  0
  A04  四点半课堂社工站  sw_agency               resubmit_overdue  2020-03-25                                   0
  A05  海棠老年协会      social_group            reviewed          2020-03-10  2020-03-24  unqualified          0
  A06  海棠邻里中心      private_non_enterprise  overdue                                                        91
  A07  海棠志愿者协会    social_group            received          2020-03-30  2020-04-14                       0
EOF
}

@test "--due: the organisations that owe a report; exit 1 past the deadline" {
	run -1 --separate-stderr annual-report --due --year 2019 --format text
	assert_output - <<'EOF'
Annual reports not received 2019, as of 2020-06-30
deadline: 2020-03-31; review_working_days: 10; resubmit_working_days: 10
  org  name              kind                    status            deadline    days_late
  A04  四点半课堂社工站  sw_agency               resubmit_overdue  2020-04-14  0
  A06  海棠邻里中心      private_non_enterprise  overdue           2020-03-31  91
EOF
}

@test "--due on the deadline: pending and returned, exit 0" {
	# as of 03-31 A02's report (04-10) is not received yet; A04 was
	# returned on 03-30 and is due back on 04-14
	run -0 --separate-stderr annual-report --due --year 2019 \
	    --as-of 2020-03-31 --format text
	assert_output - <<'EOF'
Annual reports not received 2019, as of 2020-03-31
deadline: 2020-03-31; review_working_days: 10; resubmit_working_days: 10
  org  name              kind                    status    deadline    days_late
  A02  海棠社工服务中心  private_non_enterprise  pending   2020-03-31  0
  A04  四点半课堂社工站  sw_agency               returned  2020-04-14  0
  A06  海棠邻里中心      private_non_enterprise  pending   2020-03-31  0
EOF
}

@test "--reviews: overdue first, exit 1 when a review is overdue" {
	run -1 --separate-stderr annual-report --reviews --format text
	assert_output - <<'EOF'
Annual reports waiting for review, as of 2020-06-30
  org  name              year  submitted   review_due  days_overdue
  A07  海棠志愿者协会    2019  2020-03-30  2020-04-14  77
  A02  海棠社工服务中心  2019  2020-04-10  2020-04-24  67
EOF
}

@test "--reviews on A07's review day: nothing overdue, exit 0" {
	run -0 --separate-stderr annual-report --reviews --as-of 2020-04-14 \
	    --format text
	assert_line --index 2 --regexp '^  A07 .* 2020-04-14  0$'
	assert_line --index 3 --regexp '^  A02 .* 2020-04-24  0$'
	[ "${#lines[@]}" -eq 4 ] || fail "expected two reports"
}

@test "--abnormal: late, never resubmitted and never received" {
	run -0 --separate-stderr annual-report --abnormal --year 2019 --format text
	assert_output - <<'EOF'
Abnormal-activity and spot-check lists 2019, as of 2020-06-30
deadline: 2020-03-31; review_working_days: 10; resubmit_working_days: 10
  org  name              kind                    reason           deadline    submitted   days_late
  A02  海棠社工服务中心  private_non_enterprise  late             2020-03-31  2020-04-10  10
  A04  四点半课堂社工站  sw_agency               not_resubmitted  2020-04-14  2020-03-25  0
  A06  海棠邻里中心      private_non_enterprise  not_received     2020-03-31              91
EOF
}

@test "--abnormal before the deadline has passed: empty lists" {
	run -0 --separate-stderr annual-report --abnormal --year 2019 \
	    --as-of 2020-03-31 --format text
	[ "${#lines[@]}" -eq 3 ] || fail "expected the title, note and header"
}

@test "--abnormal between A04's return and its resubmission day: A04 not yet" {
	run -0 --separate-stderr annual-report --abnormal --year 2019 \
	    --as-of 2020-04-14 --format text
	refute_output --partial A04
	assert_output --partial "A06  海棠邻里中心"
}

@test "the not-required organisations are in no listing" {
	for m in --status --due --abnormal; do
		run --separate-stderr annual-report $m --year 2019 --format text
		refute_output --partial N01
		refute_output --partial N02
		refute_output --partial N03
	done
}

@test "every format of the document layer; json is tidy records" {
	run -0 --separate-stderr annual-report --status --year 2019 --format json
	assert_line '{"section":"Annual reports 2019, as of 2020-06-30","row":"A06","column":"days_late","value":91,"unit":"count"}'
	assert_line '{"section":"Annual reports 2019, as of 2020-06-30","row":"A03","column":"conclusion","value":"basically_qualified","unit":"text"}'
	run -0 --separate-stderr annual-report --status --year 2019 --format tsv
	assert_line --index 0 "$(printf 'section\trow\tcolumn\tvalue\tunit')"
	run -0 --separate-stderr annual-report --status --year 2019 --format csv
	assert_line --partial 'A02,review_due,2020-04-24,date'
	run -0 --separate-stderr annual-report --abnormal --year 2019 --format markdown
	assert_output --partial '| A06 |'
	run -0 --separate-stderr annual-report --abnormal --year 2019 --format html
	assert_output --partial '<td>A06</td>'
	run -1 --separate-stderr annual-report --due --year 2019 --format text --lang zh
	assert_line --index 0 '未提交年度报告的社会组织 2019, 截至 2020-06-30'
}

@test "filing by options, and the standing follows" {
	run -0 --separate-stderr annual-report --submit --org A04 --year 2019 \
	    --date 2020-06-29
	[ -z "$output$stderr" ] || fail "said: $output $stderr"
	run -0 --separate-stderr annual-report --accept --org A04 --year 2019 \
	    --date 2020-06-30 --conclusion qualified
	run -0 --separate-stderr annual-report --status --year 2019 --format text
	assert_line --regexp '^  A04 .* reviewed +2020-06-29  2020-07-13  qualified +0$'
	assert_equal "$(sql "SELECT group_concat(event || ' ' || date, ', ')
	    FROM (SELECT * FROM annual_event WHERE org = 'A04' ORDER BY id)")" \
	    "submit 2020-03-25, return 2020-03-30, submit 2020-06-29, accept 2020-06-30"
}

@test "refused: an organisation that need not report, each reason" {
	refused "org: 'N01': need not report for 2019 (registered 2020-01-15, after 2019 ended)" \
	    --submit --org N01 --year 2019 --date 2020-03-01
	refused "org: 'N02': need not report for 2019 (a community_group does not file annual reports)" \
	    --submit --org N02 --year 2019 --date 2020-03-01
	refused "org: 'N03': need not report for 2019 (deregistered 2020-02-20, by the deadline 2020-03-31)" \
	    --submit --org N03 --year 2019 --date 2020-03-01
	refused "org: 'ZZ': no such organisation in the directory" \
	    --submit --org ZZ --year 2019 --date 2020-03-01
}

@test "refused: events out of order" {
	refused "org: 'A06': no report received for this year (expected --submit first)" \
	    --accept --org A06 --year 2019 --date 2020-04-01 --conclusion qualified
	refused "org: 'A06': no report received for this year" \
	    --return --org A06 --year 2019 --date 2020-04-01 --reason x
	refused "org: 'A04': the report was returned and not resubmitted since (expected --submit first)" \
	    --return --org A04 --year 2019 --date 2020-04-01 --reason again
	refused "org: 'A04': the report was returned and not resubmitted since" \
	    --accept --org A04 --year 2019 --date 2020-04-01 --conclusion qualified
	refused "org: 'A07': a report is already received and waits for review (expected --accept or --return first)" \
	    --submit --org A07 --year 2019 --date 2020-04-01
	refused "org: 'A01': the report for this year is already reviewed" \
	    --submit --org A01 --year 2019 --date 2020-04-01
	refused "date: '2020-03-29': before the report's last event on 2020-03-30 (expected events in date order)" \
	    --submit --org A04 --year 2019 --date 2020-03-29
}

@test "refused: a date before the year ends or in the future" {
	refused "date: '2019-12-31': before the year 2019 ends (expected a date after 2019-12-31)" \
	    --submit --org A06 --year 2019 --date 2019-12-31
	refused "date: '2020-07-01': in the future (today is 2020-06-30)" \
	    --submit --org A06 --year 2019 --date 2020-07-01
	refused "date: '2020-02-30': no such day (February has at most 29 days)" \
	    --submit --org A06 --year 2019 --date 2020-02-30
}

@test "--import: one bad record and nothing is recorded" {
	printf 'event\torg\tyear\tdate\tconclusion\n%s\n%s\n%s\n' \
	    "submit	A06	2019	2020-04-01	" \
	    "accept	A06	2019	2020-04-02	" \
	    "submit	N02	2019	2020-04-01	" > "$BATS_TEST_TMPDIR/in.tsv"
	refused "<stdin>:3: conclusion: missing (expected qualified, basically_qualified or unqualified)" \
	    --import < "$BATS_TEST_TMPDIR/in.tsv"
	err_has "<stdin>:4: org: 'N02': need not report for 2019"
	err_has "2 of 3 records bad; nothing written"
	printf 'event\torg\tyear\tdate\tcolour\nsubmit\tA06\t2019\t2020-04-01\tx\n' \
	    > "$BATS_TEST_TMPDIR/in.tsv"
	refused "<stdin>:1: unknown column 'colour'" --import < "$BATS_TEST_TMPDIR/in.tsv"
	printf '{"event":"submit","org":"A06","year":"2019","date":"2020-04-31"}\n' \
	    > "$BATS_TEST_TMPDIR/in.json"
	refused "<stdin>:1: date: '2020-04-31': no such day (that month has 30 days)" --import \
	    < "$BATS_TEST_TMPDIR/in.json"
	refused "no events in the input" --import < /dev/null
}

@test "--import: json events recorded in order" {
	printf '%s\n' '{"event":"submit","org":"A06","year":2019,"date":"2020-04-01"}' \
	    '{"event":"return","org":"A06","year":2019,"date":"2020-04-02","reason":"no seal"}' \
	    | annual-report --import
	assert_equal "$(sql "SELECT state || ' ' || returned || ' ' || reason
	    FROM annual_report WHERE org = 'A06'")" "returned 2020-04-02 no seal"
}

@test "usage errors exit 64" {
	run -64 --separate-stderr annual-report --submit --org A06 --year 2019
	err_has "--submit: needs --date"
	run -64 --separate-stderr annual-report --return --org A06 --year 2019 --date 2020-04-01
	err_has "--return: needs --reason"
	run -64 --separate-stderr annual-report --accept --org A06 --year 2019 --date 2020-04-01 --conclusion fine
	err_has "--conclusion: unknown conclusion"
	run -64 --separate-stderr annual-report --status
	err_has "--status: needs --year"
	run -64 --separate-stderr annual-report --status --due --year 2019
	err_has "with another mode"
	run -64 --separate-stderr annual-report --status --year 19
	run -64 --separate-stderr annual-report --status --year 2019 --format pdf
	err_has "annual-report: --format: unknown format (expected text, markdown, csv, tsv, json, html or xlsx)"
	run -64 --separate-stderr annual-report
	err_has "no mode"
	# the program's name once, not twice
	assert_equal "${stderr_lines[0]}" "annual-report: no mode (expected --submit, --return, --accept, --import, --status, --due, --abnormal, --reviews or --workdays)"
}

@test "the policy sets the deadline and the working days" {
	printf 'annual_reports:\n  due_month: 4\n  due_day: 30\n  review_working_days: 5\n' \
	    > "$BATS_TEST_TMPDIR/p.yaml"
	# A02 (04-10) is on time by 04-30; its review is due 5 working days
	# on: Mon 04-13 ... Fri 04-17
	run -0 --separate-stderr annual-report --status --year 2019 \
	    --policy "$BATS_TEST_TMPDIR/p.yaml" --format text
	assert_line --regexp '^  A02 .* received +2020-04-10  2020-04-17 +0$'
	run -0 --separate-stderr annual-report --status --year 2019 \
	    --policy "$EXAMPLES/policy-guangzhou-2019.yaml" --format text
	assert_line --regexp '^  A02 .* received +2020-04-10  2020-04-24 +10$'
	printf 'annual_reports:\n  kinds: [social_group]\n' > "$BATS_TEST_TMPDIR/p.yaml"
	run -0 --separate-stderr annual-report --status --year 2019 \
	    --policy "$BATS_TEST_TMPDIR/p.yaml" --format text
	refute_output --partial A02
	assert_output --partial A07
}

@test "a deadline beyond the calendar's last year is a warning" {
	export WUSHE_TODAY=2028-06-30
	sql "UPDATE org SET registered = '2020-01-01' WHERE code = 'N01'"
	run -0 --separate-stderr annual-report --submit --org N01 --year 2027 --date 2028-03-01
	run -0 --separate-stderr annual-report --status --year 2027 --format text
	err_has "2028-03-15: beyond the last year the working-day calendar knows (2026): weekends only"
	assert_line --regexp '^  N01 .* received +2028-03-01  2028-03-15 +0$'
}

@test "a site's calendar from the directory moves a deadline" {
	# make Friday 2020-04-03 a holiday: A01's review is due a day later,
	# on Tuesday 04-07 (the Qingming days 04-04 to 04-06 follow)
	printf 'calendar:\n  holidays: [2020-04-03]\n' > "$BATS_TEST_TMPDIR/cal.yaml"
	wushe-db load "$BATS_TEST_TMPDIR/cal.yaml" 2>/dev/null >/dev/null
	run -0 --separate-stderr annual-report --status --year 2019 --format text
	assert_line --regexp '^  A01 .* reviewed +2020-03-20  2020-04-07  qualified +0$'
	run -0 --separate-stderr annual-report --workdays --year 2020
	assert_line "$(printf '2020-04-03\t5\t0')"
}

@test "--workdays: 2019's holidays and make-up days, and a warning past 2026" {
	run -0 --separate-stderr annual-report --workdays --year 2019
	assert_line --index 0 "$(printf 'date\tweekday\tworkday')"
	assert_line "$(printf '2019-04-05\t5\t0')"
	assert_line "$(printf '2019-04-28\t7\t1')"
	assert_line "$(printf '2019-05-05\t7\t1')"
	refute_line --partial 2019-04-04
	run -0 --separate-stderr annual-report --workdays --year 2027
	err_has "2027: beyond the last year the working-day calendar knows (2026): weekends only"
	[ "${#lines[@]}" -eq 1 ] || fail "expected the header alone"
}
