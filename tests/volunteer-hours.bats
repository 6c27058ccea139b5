#!/usr/bin/env bats
# volunteer-hours: the register, service records and their refusals,
# corrections, the report and its stars, the certificate, the national
# listing, and the activity's volunteers in every report that shows them.
# Figures are worked out by hand in the comments.

bats_require_minimum_version 1.5.0
load helper

VOLS="$BATS_TEST_DIRNAME/../examples/haitang-volunteers.yaml"

# The street, its volunteers (V001 registered 2018-06-01; V002
# 2019-01-10; V003 2019-03-01, left 2019-12-31), the after-school group
# and its session of 2019-06-03 (activity 1: 120 minutes at HTS,
# organised by HT-SOC for contract HT-2019-430, with 2 anonymous
# volunteers for 240 minutes).
setup() {
	setup_db
	wushe-db load "$VOLS" >/dev/null
	activity-log --add-group G430 --name 四点半课堂 --org HT-SOC \
	    --community HTS >/dev/null
	printf 'group\ttitle\tdate\tminutes\tvolunteers\tvolunteer_minutes\tcontract\n%s\n' \
	    "$(printf 'G430\t四点半课堂：手工\t2019-06-03\t120\t2\t240\tHT-2019-430')" |
	    activity-log --import --quiet >/dev/null
}

vh() { volunteer-hours "$@"; }

refuse() {	# refuse CODE MESSAGE ARGS...: exit CODE, MESSAGE, nothing written
	local code="$1" msg="$2"
	shift 2
	db_snapshot
	run "-$code" --separate-stderr volunteer-hours "$@"
	assert_equal "$output" ''
	assert_equal "$stderr" "volunteer-hours: $msg"
	db_unchanged
}

# V001's 99.5 hours of 2019: nine days of 11 hours (99 h) and half an
# hour, all recorded by QZ-SW; and 2 hours in 2018.
v001_hours() {
	{
		printf 'volunteer\tdate\thours\tplace\tcontent\torg\n'
		for d in 01 02 03 04 05 06 07 08 09; do
			printf 'V001\t2019-05-%s\t11\t青华社区\t陪伴老人\tQZ-SW\n' "$d"
		done
		printf 'V001\t2019-05-10\t0.5\t青华社区\t陪伴老人\tQZ-SW\n'
		printf 'V001\t2018-12-01\t2\t青华社区\t陪伴老人\tQZ-SW\n'
	} | vh --quiet >/dev/null
}

@test "volunteer-hours: the directory's volunteers are loaded, ID numbers masked in the audit" {
	assert_equal "$(sql 'SELECT group_concat(code) FROM volunteer')" V001,V002,V003
	assert_equal "$(sql "SELECT left_on FROM volunteer WHERE code = 'V003'")" 2019-12-31
	run -0 wushe-db audit --table volunteer --format tsv
	refute_output --partial 340104195803151227
}

@test "volunteer-hours: the directory refuses an unknown team and a bad phone" {
	printf 'volunteers:\n  - {code: V9, name: 王五, registered: 2019-01-01, team: NOPE, phone: "123"}\n' \
	    > "$BATS_TEST_TMPDIR/v.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/v.yaml"
	[[ "$stderr" == *"phone: '123'"* ]]
	[[ "$stderr" == *"team: unknown team 'NOPE' (expected the code of an org or a group, in the files or the database)"* ]]
	db_unchanged
}

@test "volunteer-hours: --add reads volunteers from a stream; a team is an org or a group" {
	run -0 --separate-stderr vh --add --format tsv <<-'EOF'
	code	name	phone	team	registered	left
	V004	王芳	13905510004	G430	2019-02-01	2019-05-31
	EOF
	assert_line --index 1 "$(printf 'V004\t王芳\t\t139****0004\t\tG430\t\t2019-02-01\t2019-05-31')"
	refuse 65 "<stdin>:2: team: unknown team 'X' (expected the code of an org or a group)
volunteer-hours: 1 of 1 record bad; nothing written" --add <<-'EOF'
	code	name	team	registered
	V005	赵六	X	2019-02-01
	EOF
}

@test "volunteer-hours: hours add up; the star boundary at 100 hours; other years count in the total only" {
	v001_hours
	# 2019: 9 x 11 + 0.5 = 99.5 h; in all 99.5 + 2 = 101.5 h: one star
	# (the total counts), then for 2019 alone the total up to its end
	run -0 vh --report --year 2019 --volunteer V001 --format json
	assert_output '{"volunteer":"V001","name":"李秀英","hours":"99.50","total_hours":"101.50","stars":1}'
	# up to 2019-05-09: 99 h in the year, 101 h in all
	run -0 vh --report --since 2019-01-01 --until 2019-05-09 --volunteer V001 --format json
	assert_output '{"volunteer":"V001","name":"李秀英","hours":"99.00","total_hours":"101.00","stars":1}'
	# 2018 alone: 2 h, no star
	run -0 vh --report --year 2018 --volunteer V001 --format json
	assert_output '{"volunteer":"V001","name":"李秀英","hours":"2.00","total_hours":"2.00","stars":0}'
}

@test "volunteer-hours: 99.5 hours are no star, 100 hours one star" {
	v001_hours
	# record 11, the 2018 one, voided: it no longer counts
	vh --void 11 --reason 'recorded twice' >/dev/null
	run -0 vh --report --year 2019 --volunteer V001 --format json
	assert_output '{"volunteer":"V001","name":"李秀英","hours":"99.50","total_hours":"99.50","stars":0}'
	vh --volunteer V001 --date 2019-05-11 --minutes 30 --org QZ-SW \
	    --place 青华社区 --content 陪伴老人 >/dev/null
	run -0 vh --report --year 2019 --volunteer V001 --format json
	assert_output '{"volunteer":"V001","name":"李秀英","hours":"100.00","total_hours":"100.00","stars":1}'
}

@test "volunteer-hours: the stars come from the policy's volunteers section" {
	v001_hours
	printf 'volunteers:\n  star_1_hours: 50\n  star_2_hours: 101.5\n' > "$BATS_TEST_TMPDIR/p.yaml"
	run -0 vh --policy "$BATS_TEST_TMPDIR/p.yaml" --report --year 2019 --volunteer V001 --format json
	assert_output '{"volunteer":"V001","name":"李秀英","hours":"99.50","total_hours":"101.50","stars":2}'
	printf 'volunteers:\n  star_1_hours: 50\n  star_2_hours: 40\n' > "$BATS_TEST_TMPDIR/p.yaml"
	run -65 --separate-stderr vh --policy "$BATS_TEST_TMPDIR/p.yaml" --report
	assert_equal "$stderr" "volunteer-hours: $BATS_TEST_TMPDIR/p.yaml:3:17: volunteers: star_2_hours: not above star_1_hours (expected each star to need more hours than the one before)"
}

@test "volunteer-hours: an activity's volunteers: named plus anonymous in the list, the summaries and the contract report" {
	# V002 and V003 at activity 1: 120 minutes each, the activity's
	# date, place (the community's name) and content (its title)
	run -0 vh --activity 1 --volunteer V002 --format tsv
	assert_line --index 1 "$(printf '1\tV002\t陈建国\t2019-06-03\t\t\t120\t2.00\t海棠社区\t四点半课堂：手工\tHT-SOC\t1\tentry\t\t\t')"
	vh --activity 1 --volunteer V003 >/dev/null
	# 2 anonymous + 2 named = 4; 240 + 2 x 120 = 480 minutes = 8.00 h
	assert_equal "$(activity-log --list --format tsv | cut -f11,12 | tail -1)" "$(printf '4\t480')"
	run -0 activity-log --summary kind --format tsv
	assert_line "$(printf 'group_session\t1\t1\t0\t4\t2.00\t8.00')"
	# (exit 2: the contract is behind its other targets)
	run -2 grant-report --month 2019-06 --format tsv
	assert_line --partial "$(printf 'HT-2019-430\tvolunteer_hours\t2019-06-01\t2019-06-30\t8.00\t8.00')"
	# voided, V003's record no longer counts: 3 volunteers, 6.00 h
	vh --void 2 --reason '未到场' >/dev/null
	assert_equal "$(activity-log --list --format tsv | cut -f11,12 | tail -1)" "$(printf '3\t360')"
	run -2 grant-report --month 2019-06 --format tsv
	assert_line --partial "$(printf 'HT-2019-430\tvolunteer_hours\t2019-06-01\t2019-06-30\t6.00\t6.00')"
	# and the register agrees: V002 2 h, V003 0 h
	run -0 vh --report --month 2019-06 --format tsv --no-header
	assert_output "$(printf 'V001\t李秀英\t0.00\t0.00\t0\nV002\t陈建国\t2.00\t2.00\t0\nV003\t周敏\t0.00\t0.00\t0')"
}

@test "volunteer-hours: refused: overlapping service, outside the registration, over the daily maximum, in the future" {
	vh --volunteer V002 -D 2019-06-05 -F 09:00 --to 11:00 --org QZ-SW --place 海棠社区 --content 维修 >/dev/null
	refuse 65 '--from: 10:30-12:00 on 2019-06-05 overlaps record 1 (09:00-11:00) of V002 (expected a time not recorded yet)' \
	    --volunteer V002 -D 2019-06-05 -F 10:30 --to 12:00 --org QZ-SW
	refuse 65 '--date: 2019-01-09 is before V002 registered (expected 2019-01-10 or later)' \
	    --volunteer V002 -D 2019-01-09 --hours 1 --org QZ-SW
	printf 'code\tname\tregistered\tleft\nV004\t王芳\t2019-02-01\t2019-05-31\n' | vh --add >/dev/null
	refuse 65 '--date: 2019-06-01 is after V004 left (expected 2019-05-31 or earlier)' \
	    --volunteer V004 -D 2019-06-01 --hours 1 --org QZ-SW
	# 2 h recorded on 2019-06-05; 10.5 more make 12.50 > 12
	refuse 65 '--hours: 2019-06-05 would have 12.50 hours recorded for V002 (expected at most 12.00 a day, policy volunteers.daily_max_hours)' \
	    --volunteer V002 -D 2019-06-05 --hours 10.5 --org QZ-SW
	refuse 65 '--date: 2019-06-16 is in the future (expected today, 2019-06-15, or earlier)' \
	    --volunteer V002 -D 2019-06-16 --hours 1 --org QZ-SW
	refuse 65 "--volunteer: unknown volunteer 'V9' (expected a code from the directory or volunteer-hours --add)" \
	    --volunteer V9 -D 2019-06-05 --hours 1 --org QZ-SW
	refuse 65 "--org: missing (expected the code of the organisation that recorded the service)" \
	    --volunteer V002 -D 2019-06-06 --hours 1
}

@test "volunteer-hours: refused: an organisation recording for an activity it did not organise" {
	refuse 65 '--org: QZ-SW did not organise activity 1 (its organiser is HT-SOC; expected the organiser to record its volunteers)' \
	    --activity 1 --volunteer V002 --org QZ-SW
	vh --activity 1 --volunteer V002 >/dev/null
	refuse 65 '--volunteer: V002 already has a record for activity 1 (expected each volunteer once)' \
	    --activity 1 --volunteer V002
	refuse 65 '--date: 2019-06-04 is not the date of activity 1 (expected 2019-06-03)' \
	    --activity 1 --volunteer V003 -D 2019-06-04
}

@test "volunteer-hours: a stream is all or nothing, every bad record reported" {
	db_snapshot
	run -65 --separate-stderr vh <<-'EOF'
	volunteer	date	hours	org
	V002	2019-06-01	2	QZ-SW
	V002	2019-01-01	2	QZ-SW
	V9	2019-06-01	2	QZ-SW
	EOF
	assert_equal "$stderr" "$(printf '%s\n' \
	    'volunteer-hours: <stdin>:3: date: 2019-01-01 is before V002 registered (expected 2019-01-10 or later)' \
	    "volunteer-hours: <stdin>:4: volunteer: unknown volunteer 'V9' (expected a code from the directory or volunteer-hours --add)" \
	    'volunteer-hours: 2 of 3 records bad; nothing written')"
	db_unchanged
}

@test "volunteer-hours: void and amend need a reason; an amended record is voided and replaced" {
	vh --volunteer V002 -D 2019-06-05 --hours 2 --org QZ-SW --place 海棠社区 --content 维修 >/dev/null
	db_snapshot
	run -64 --separate-stderr vh --void 1
	assert_equal "${stderr_lines[0]}" 'volunteer-hours: --reason: missing (a correction needs a reason)'
	db_unchanged
	run -0 vh --amend 1 --hours 1.5 --reason '时长记错' --format tsv --no-header
	# the new record, amending record 1
	assert_output "$(printf '2\tV002\t陈建国\t2019-06-05\t\t\t90\t1.50\t海棠社区\t维修\tQZ-SW\t\tentry\t时长记错\t1\t')"
	assert_equal "$(sql 'SELECT void_reason FROM volunteer_service WHERE id = 1')" 时长记错
	run -0 vh --report --year 2019 --volunteer V002 --format json
	assert_output '{"volunteer":"V002","name":"陈建国","hours":"1.50","total_hours":"1.50","stars":0}'
	refuse 65 '--void: record 1 is voided (since '"$(sql 'SELECT voided FROM volunteer_service WHERE id = 1')"')' \
	    --void 1 --reason again
	refuse 65 '--void: no service record 9 (expected a record id from volunteer-hours)' \
	    --void 9 --reason x
}

# V002's service recorded by HT-SOC: activity 1 (2019-06-03, 2.00 h) and
# 2019-06-05 09:00-10:30 (1.50 h): 2 services, 3.50 h.
cert_setup() {
	vh --activity 1 --volunteer V002 >/dev/null
	vh --volunteer V002 -D 2019-06-05 -F 09:00 --to 10:30 --org HT-SOC --place 海棠社区 \
	    --content 课业辅导 >/dev/null
	vh --volunteer V002 -D 2019-06-06 --hours 1 --org QZ-SW --place 海棠社区 --content 维修 >/dev/null
}

@test "volunteer-hours: the certificate (志愿服务记录证明): every figure, its serial number, issued only by the recording organisation" {
	cert_setup
	refuse 64 '--org: missing: V002 has service recorded by HT-SOC, QZ-SW (expected --org: a certificate is issued by the organisation that recorded the hours)' \
	    --certificate --volunteer V002
	refuse 65 '--org: HT-JD recorded no service of V002 (it was recorded by HT-SOC, QZ-SW; a certificate is issued by the organisation that recorded the hours)' \
	    --certificate --volunteer V002 --org HT-JD
	run -0 --separate-stderr vh --certificate --volunteer V002 --org HT-SOC
	assert_output "$(cat <<-'EOF'
	志愿服务记录证明

	志愿者：陈建国 (V002)
	身份证号：—

	志愿服务记录：
	  2019-06-03  海棠社区  四点半课堂：手工        2.00
	  2019-06-05  海棠社区  课业辅导                1.50

	服务次数：2
	累计服务时长（小时）：3.50

	兹证明陈建国参加由海棠街道社会组织联合会组织并记录的志愿服务2次，累计服务时长3.50小时。以上记录真实、准确、完整。

	出具单位：海棠街道社会组织联合会 (HT-SOC)
	证明编号：HT-SOC-2019-000001

	出具单位（盖章）：
	出具日期：2019-06-15
	EOF
	)"
	assert_equal "$(sql 'SELECT serial, volunteer, org, issued, records, minutes FROM volunteer_certificate')" \
	    'HT-SOC-2019-000001|V002|HT-SOC|2019-06-15|2|210'
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'volunteer_certificate' AND op = 'insert'")" 1
	# the next one of the organisation that year
	run -0 vh --certificate --volunteer V002 --org HT-SOC -f html
	assert_output --partial 'HT-SOC-2019-000002'
	assert_output --partial '<title>志愿服务记录证明</title>'
}

@test "volunteer-hours: certified records are frozen; adjustments only" {
	cert_setup
	vh --certificate --volunteer V002 --org HT-SOC >/dev/null
	refuse 65 '--void: record 2 is certified (certificate HT-SOC-2019-000001) and frozen (expected --adjust with a reason)' \
	    --void 2 --reason x
	refuse 65 '--amend: record 2 is certified (certificate HT-SOC-2019-000001) and frozen (expected --adjust with a reason)' \
	    --amend 2 --hours 1 --reason x
	refuse 65 '--adjust: record 3 is not certified (expected --amend or --void for a record not yet certified)' \
	    --adjust 3 --minutes -30 --reason x
	refuse 65 '--minutes: record 2 would count -10 minutes (expected 0 or more)' \
	    --adjust 2 --minutes -100 --reason x
	run -0 vh --adjust 2 --minutes -30 --reason '提前离开' --format tsv --no-header
	assert_output --partial "$(printf 'V002\t陈建国\t2019-06-05\t\t\t-30\t-0.50')"
	# 3.50 - 0.50 + 1.00 (QZ-SW) = 4.00
	run -0 vh --report --volunteer V002 --format json
	assert_output '{"volunteer":"V002","name":"陈建国","hours":"4.00","total_hours":"4.00","stars":0}'
	run -1 sqlite3 "$WUSHE_DB" "UPDATE volunteer_service SET minutes = 1 WHERE id = 2"
}

@test "volunteer-hours: --list in the national system's columns; the ID number only with --reveal, audited" {
	vh --volunteer V001 -D 2019-06-05 --hours 2 --org QZ-SW --place 青华社区 --content 陪伴老人 >/dev/null
	run -0 vh --list --month 2019-06 --format csv
	assert_output "$(printf 'name,id_number,date,hours,content,organiser\n李秀英,340104********1227,2019-06-05,2.00,陪伴老人,庐阳区启真社会工作服务中心')"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE op = 'reveal'")" 0
	run -0 vh --list --month 2019-06 --format csv --reveal
	assert_line --index 1 --partial '340104195803151227'
	assert_equal "$(sql "SELECT tbl FROM audit WHERE op = 'reveal'")" volunteer
}

@test "volunteer-hours: usage errors" {
	run -64 --separate-stderr vh --report --void 1 --reason x
	assert_equal "${stderr_lines[0]}" 'volunteer-hours: give one of --add, --void, --amend, --adjust, --report, --list and --certificate'
	run -64 --separate-stderr vh --year 2019 --month 2019-01 --report
	assert_equal "${stderr_lines[0]}" 'volunteer-hours: give one of --year, --month, --quarter and --since/--until'
	run -64 --separate-stderr vh --certificate
	assert_equal "${stderr_lines[0]}" "volunteer-hours: --volunteer: missing (expected the volunteer's code)"
}

@test "volunteer-hours: in a stream, the records not yet written count: overlap and the daily maximum" {
	db_snapshot
	run -65 --separate-stderr vh <<-'EOF'
	volunteer	date	from	to	hours	org
	V002	2019-06-01	09:00	11:00		QZ-SW
	V002	2019-06-01	10:00	12:00		QZ-SW
	V002	2019-06-01			11	QZ-SW
	EOF
	# 2 h pending + 11 h = 13 h > 12 h
	assert_equal "$stderr" "$(printf '%s\n' \
	    'volunteer-hours: <stdin>:3: from: 10:00-12:00 on 2019-06-01 overlaps record 1 (09:00-11:00) of V002 (expected a time not recorded yet)' \
	    'volunteer-hours: <stdin>:4: hours: 2019-06-01 would have 13.00 hours recorded for V002 (expected at most 12.00 a day, policy volunteers.daily_max_hours)' \
	    'volunteer-hours: 2 of 3 records bad; nothing written')"
	db_unchanged
	# with --keep-going the good one is written, as record 1
	run -65 --separate-stderr vh -k -j "$BATS_TEST_TMPDIR/rej.tsv" --format tsv --no-header <<-'EOF'
	volunteer	date	from	to	hours	org
	V002	2019-06-01	09:00	11:00		QZ-SW
	V002	2019-06-01	10:00	12:00		QZ-SW
	EOF
	assert_output "$(printf '1\tV002\t陈建国\t2019-06-01\t09:00\t11:00\t120\t2.00\t\t\tQZ-SW\t\tentry\t\t\t')"
	assert_equal "$(sql 'SELECT count(*) FROM volunteer_service')" 1
}
