#!/usr/bin/env bats
# The audit table (schema/005-audit.sql): every insert, update and delete
# on the audited tables through the real commands, append-only, the audit
# of --reveal, case-list --redact, wushe-db audit and its filters.

load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

# audit_rows WHERE: "tbl|op|row_key|old IS NULL|new IS NULL" lines
audit_rows() {
	sql "SELECT tbl, op, row_key, old IS NULL, new IS NULL FROM audit
	    WHERE $1 ORDER BY id"
}

intake() {
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
}

@test "audit: loading the directory audits contracts, funding, targets, payments" {
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'contract' AND op = 'insert'")" \
	    "$(sql 'SELECT count(*) FROM contract')"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'payment' AND op = 'insert'")" 3
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'contract_funding'")" \
	    "$(sql 'SELECT count(*) FROM contract_funding')"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'contract_target'")" \
	    "$(sql 'SELECT count(*) FROM contract_target')"
	assert_equal "$(sql "SELECT json_extract(new, '\$.amount_fen'), os_user = '$(id -un)', command FROM audit WHERE tbl = 'payment' AND row_key = '1'")" \
	    "9000000|1|wushe-db load $EXAMPLES/haitang.yaml"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'")" 0
}

@test "audit: a changed directory audits the update and the replaced targets" {
	sed -e 's/participants: 2400/participants: 2500/' \
	    -e 's/title: \(.*\)四点半课堂/title: \1四点半课堂(新)/' \
	    "$EXAMPLES/haitang.yaml" > "$T/d.yaml"
	n=$(sql 'SELECT max(id) FROM audit')
	run -0 --separate-stderr wushe-db load "$T/d.yaml"
	assert_equal "$(sql "SELECT ifnull(json_extract(old, '\$.target'), '-') || '>' || ifnull(json_extract(new, '\$.target'), '-') FROM audit WHERE id > $n AND tbl = 'contract_target' AND row_key = 'HT-2019-430/participants' ORDER BY id")" \
	    "$(printf '2400>-\n->2500')"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE id > $n AND tbl = 'contract_target' AND op = 'delete'")" \
	    "$(sql "SELECT count(*) FROM contract_target WHERE contract = 'HT-2019-430'")"
}

# A case given by options is a single write: its rows are audited one by
# one, by key; a stream is a bulk intake (issue 18): one batch row per
# table (batch-audit.bats has the rest).
@test "audit: case-add audits person, case and categories by key only" {
	n=$(sql 'SELECT max(id) FROM audit')
	case-add --name 张桂兰 --community QH --category elderly \
	    --category empty_nest --risk high --worker W01 > /dev/null
	assert_equal "$(audit_rows "id > $n AND row_key IN ('1', '1/elderly', '1/empty_nest')")" \
	    "$(printf 'person|insert|1|1|1\ncases|insert|1|1|1\ncase_category|insert|1/elderly|1|1\ncase_category|insert|1/empty_nest|1|1')"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE id > $n AND tbl = 'cases'")" \
	    "$(sql 'SELECT count(*) FROM cases')"
	assert_equal "$(sql "SELECT DISTINCT command FROM audit WHERE id > $n")" \
	    "case-add --name 张*兰 --community QH --category elderly --category empty_nest --risk high --worker W01"
	# the four cases of the stream: one batch row each for cases 2-5
	n=$(sql 'SELECT max(id) FROM audit')
	intake
	assert_equal "$(audit_rows "id > $n AND tbl = 'cases'")" 'cases|batch|2-5|1|0'
	assert_equal "$(sql "SELECT DISTINCT command FROM audit WHERE id > $n")" case-add
}

@test "audit: case-close and case-assign audit the old and new case" {
	intake
	n=$(sql 'SELECT max(id) FROM audit')
	run -0 case-close --reason deceased --date 2019-06-10 2
	run -0 case-assign --to W02 1
	# issue 12: a handover also writes the assignment history (the
	# worker in charge since opening, then the new one), audited
	assert_equal "$(audit_rows "id > $n")" \
	    "$(printf 'cases|update|2|0|0\ncases|update|1|0|0\ncase_assignment|insert|1|1|0\ncase_assignment|insert|2|1|0')"
	assert_equal "$(sql "SELECT json_extract(old, '\$.status'), json_extract(new, '\$.status'), json_extract(new, '\$.close_reason'), command FROM audit WHERE id > $n AND row_key = '2' AND tbl = 'cases'")" \
	    'open|closed|deceased|case-close --reason deceased --date 2019-06-10 2'
	assert_equal "$(sql "SELECT json_extract(old, '\$.worker'), json_extract(new, '\$.worker') FROM audit WHERE id > $n AND row_key = '1' AND tbl = 'cases'")" 'W01|W02'
}

@test "audit: visit-log and activity-log audit their inserts" {
	intake
	n=$(sql 'SELECT max(id) FROM audit')
	run -0 visit-log --case 1 --minutes 30 --kind phone --date 2019-06-10
	run -0 activity-log --date 2019-06-07 --minutes 180 --community QH \
	    --title 端午 --worker W01 --participants 40
	assert_equal "$(audit_rows "id > $n")" \
	    "$(printf 'visit|insert|1|1|1\nactivity|insert|1|1|0')"
	assert_equal "$(sql "SELECT json_extract(new, '\$.participants'), json_extract(new, '\$.title') FROM audit WHERE id > $n AND tbl = 'activity'")" '40|端午'
}

@test "audit: intern-hours audits hours, certification and the certified entries" {
	wushe-db load "$FIXTURES/intern-directory.yaml" > /dev/null 2>&1
	n=$(sql 'SELECT max(id) FROM audit')
	run -0 intern-hours -i N01 -D 2018-03-01 --hours 8 --task a
	run -0 intern-hours --certify -i N01 --through 2018-03-10 --by NW01
	assert_equal "$(audit_rows "id > $n")" \
	    "$(printf 'intern_hours|insert|1|1|0\ncertification|insert|1|1|0\nintern_hours|update|1|0|0')"
	assert_equal "$(sql "SELECT json_extract(old, '\$.certification') IS NULL, json_extract(new, '\$.certification') FROM audit WHERE id > $n AND op = 'update'")" '1|1'
}

@test "audit: a deleted row is audited with the whole old row" {
	intake
	# No command deletes a case's category; the audit trigger fires for
	# any program that has wushe's SQL functions.  The shell has not:
	run ! --separate-stderr sql "DELETE FROM case_category WHERE case_id = 1"
	[[ "$stderr" == *"no such function: ws_user"* ]] || fail "$stderr"
	assert_equal "$(sql "SELECT count(*) FROM case_category WHERE case_id = 1")" 2
	# A command that deletes: wushe-db load replaces a changed contract's
	# targets and funding, and every deleted row is audited whole.
	sed -e 's/targets: {group_sessions: 120, participants: 2400, volunteer_hours: 300}/targets: {group_sessions: 120, participants: 2400}/' \
	    -e 's/{funder: HT-JD, amount: 30000}/{funder: HT-JD, amount: 25000}/' \
	    -e 's/{funder: HF-BANK, amount: 20000}/{funder: HF-BANK, amount: 25000}/' \
	    "$EXAMPLES/haitang.yaml" > "$T/d.yaml"
	! cmp -s "$EXAMPLES/haitang.yaml" "$T/d.yaml"
	n=$(sql 'SELECT max(id) FROM audit')
	run -0 --separate-stderr wushe-db load "$T/d.yaml"
	assert_equal "$(sql "SELECT count(*) FROM contract_target WHERE contract = 'HT-2019-430' AND measure = 'volunteer_hours'")" 0
	assert_equal "$(sql "SELECT tbl, row_key, old, new IS NULL FROM audit WHERE id > $n AND op = 'delete' AND (tbl = 'contract_funding' OR row_key = 'HT-2019-430/volunteer_hours') ORDER BY tbl, row_key")" \
	    'contract_funding|HT-2019-430/HF-BANK|{"contract":"HT-2019-430","funder":"HF-BANK","amount_fen":2000000}|1
contract_funding|HT-2019-430/HT-JD|{"contract":"HT-2019-430","funder":"HT-JD","amount_fen":3000000}|1
contract_target|HT-2019-430/volunteer_hours|{"contract":"HT-2019-430","measure":"volunteer_hours","target":18000}|1'
	# every deleted row's old holds every column of its table
	assert_equal "$(sql "SELECT count(*) FROM audit a WHERE id > $n AND op = 'delete' AND (SELECT group_concat(key) FROM (SELECT key FROM json_each(a.old) ORDER BY key)) IS NOT (SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info(a.tbl) ORDER BY name))")" 0
	assert [ "$(sql "SELECT count(*) FROM audit WHERE id > $n AND op = 'delete'")" -ge 4 ]
}

@test "audit: updating or deleting audit rows is refused" {
	db_snapshot
	run ! --separate-stderr sql "DELETE FROM audit"
	err_has 'audit is append-only'
	run ! --separate-stderr sql "UPDATE audit SET os_user = 'nobody' WHERE id = 1"
	err_has 'audit is append-only'
	run ! --separate-stderr sql "DELETE FROM audit WHERE id = 1"
	err_has 'audit is append-only'
	db_unchanged
}

@test "audit: a refused batch writes no audit row" {
	intake
	printf 'name\tcommunity\trisk\topened\n甲\tQH\thigh\t2019-06-01\n乙\tXX\thigh\t2019-06-01\n' > "$T/bad.tsv"
	db_snapshot
	run -65 --separate-stderr case-add < "$T/bad.tsv"
	err_has "case-add: <stdin>:1: missing column 'categories'"
	db_unchanged
	# a batch whose first record is good and whose second is not: the
	# good one is checked and would be written, the batch is refused
	# whole and no audit row is left of the good one
	n=$(sql 'SELECT count(*) FROM audit')
	printf 'name\tcommunity\tcategories\trisk\topened\n甲\tQH\telderly\thigh\t2019-06-01\n乙\tXX\telderly\thigh\t2019-06-01\n' > "$T/bad.tsv"
	run -65 --separate-stderr case-add < "$T/bad.tsv"
	assert_equal "$stderr" "case-add: <stdin>:3: community: unknown community 'XX' (expected a community code loaded with wushe-db load)
case-add: 1 of 2 records bad; nothing written"
	assert_output ""
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$n"
	db_unchanged
	# the same good record alone is written, with its audit rows: a
	# stream, so one batch row each for person, cases and case_category
	sed -i '3d' "$T/bad.tsv"
	run -0 --separate-stderr case-add < "$T/bad.tsv"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE id > (SELECT max(id) FROM audit) - 3 AND op = 'batch' AND tbl IN ('person', 'cases', 'case_category')")" 3
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$((n + 3))"
}

# ---- --reveal

@test "audit: case-list --reveal is recorded before it prints" {
	intake
	run -0 --separate-stderr case-list --format tsv --reveal --risk high
	assert_line --index 1 --partial 340103194503120022
	assert_equal "$(sql "SELECT tbl, op, row_key IS NULL, old IS NULL, new, command FROM audit WHERE op = 'reveal'")" \
	    'cases|reveal|1|1|{"args":["--format","tsv","--reveal","--risk","high"],"rows":1}|case-list --format tsv --reveal --risk high'
}

@test "audit: case-list without --reveal records nothing" {
	intake
	db_snapshot
	run -0 --separate-stderr case-list --format tsv
	assert_line --index 1 --partial '340103********0022'
	run -0 --separate-stderr case-list --format tsv --history 1
	db_unchanged
}

@test "audit: --reveal on a read-only database is refused (73), nothing shown" {
	intake
	command -v setpriv > /dev/null || skip "no setpriv"
	[ "$(id -u)" = 0 ] || skip "needs root to run as another user"
	d=$(mktemp -d /tmp/wushe-ro.XXXXXX)
	chmod 755 "$d"
	sqlite3 "$WUSHE_DB" "PRAGMA journal_mode = DELETE" > /dev/null
	cp "$WUSHE_DB" "$d/ro.db"
	chmod 644 "$d/ro.db"
	sum=$(sha256sum < "$d/ro.db")
	run -73 --separate-stderr nobody \
	    env WUSHE_DB="$d/ro.db" \
	    case-list --reveal
	err_has "case-list: --reveal: the database is read-only, so the reveal cannot be recorded in the audit table (run without --reveal for masked output)"
	assert_equal "$output" ''
	assert_equal "$(sqlite3 "$d/ro.db" "SELECT count(*) FROM audit WHERE op = 'reveal'")" 0
	assert_equal "$(sha256sum < "$d/ro.db")" "$sum"
	run -0 --separate-stderr nobody \
	    env WUSHE_DB="$d/ro.db" \
	    case-list --format tsv
	assert_line --index 1 --partial '340103********0022'
	rm -rf "$d"
}

@test "audit: case-add --reveal is recorded with the masked command line" {
	run -0 --separate-stderr case-add --reveal --name 赵六 \
	    --id-number 340103194503120022 --community QH --risk low \
	    --category elderly --opened 2019-06-01
	assert_output --partial 340103194503120022
	assert_equal "$(sql "SELECT tbl, new FROM audit WHERE op = 'reveal'")" \
	    'cases|{"args":[],"rows":1}'
	run -0 sql "SELECT command FROM audit WHERE op = 'reveal'"
	refute_output --partial 340103194503120022
}

@test "audit: visit-log --due --reveal is recorded" {
	intake
	run -1 --separate-stderr visit-log --due --reveal --as-of 2019-06-30
	assert_output --partial 张桂兰
	assert_equal "$(sql "SELECT tbl, json_extract(new, '\$.rows') > 0 FROM audit WHERE op = 'reveal'")" 'visit|1'
}

# The name is masked too (issue 11: --name is one of the options whose
# values are masked in the recorded command line, ws_opt_secret).
@test "audit: intern-hours --add --reveal is recorded, ID number masked" {
	run -0 --separate-stderr intern-hours --add --intern N20 --name 苏悦 \
	    --id-number 440605199903151238 --org QZ-SW --start 2019-03-01 \
	    --reveal
	assert_output --partial 440605199903151238
	assert_equal "$(sql "SELECT tbl, new, command FROM audit WHERE op = 'reveal'")" \
	    'intern|{"args":["--add","--intern","N20","--name","苏*","--id-number","440605********1238","--org","QZ-SW","--start","2019-03-01","--reveal"],"rows":1}|intern-hours --add --intern N20 --name 苏* --id-number 440605********1238 --org QZ-SW --start 2019-03-01 --reveal'
}

# ---- --redact

@test "audit: case-list --redact replaces names, drops contact details" {
	intake
	db_snapshot
	run -0 --separate-stderr case-list --redact --format csv --id 1 --id 3
	assert_line --index 0 'case_id,name,id_number,sex,birth_date,phone,community,categories,risk,worker,opened,status,closed,need'
	assert_line --index 1 '1,case 1,,F,1945,,QH,"elderly,empty_nest",high,W01,2019-06-01,open,,'
	assert_line --index 2 '3,case 3,,M,1952,,HTS,disabled,low,W02,2019-06-03,open,,'
	assert_equal "${#lines[@]}" 3
	refute_output --partial 张桂兰
	db_unchanged
}

@test "audit: --redact with --reveal, --history or --duplicates is a usage error" {
	intake
	db_snapshot
	run -64 --separate-stderr case-list --redact --reveal
	err_has 'case-list: --redact and --reveal cannot be combined'
	run -64 --separate-stderr case-list --redact --history 1
	err_has 'case-list: --redact: only for the list of cases (not with --duplicates or --history)'
	run -64 --separate-stderr case-list --redact --duplicates
	err_has 'case-list: --redact: only for the list of cases'
	assert_equal "$output" ''
	db_unchanged
}

# ---- wushe-db audit

@test "audit: wushe-db audit lists oldest first, with filters" {
	intake
	run -0 case-assign --to W02 1
	run -0 --separate-stderr wushe-db audit --format tsv --table cases --op update
	assert_line --index 0 "$(printf 'id\tat\tos_user\tcommand\ttbl\top\trow_key\told\tnew')"
	assert_equal "${#lines[@]}" 2
	# issue 13: local time with the UTC offset, ISO 8601
	assert_line --index 1 --regexp "^[0-9]+	[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}	$(id -un)	case-assign --to W02 1	cases	update	1	\{.*\"worker\":\"W01\".*\}	\{.*\"worker\":\"W02\".*\}$"
	# case 1 came in a stream: the batch that holds it, then the update
	run -0 --separate-stderr wushe-db audit -H -f tsv --table cases --row 1
	assert_equal "$(printf '%s\n' "$output" | cut -f 6 | paste -sd,)" batch,update
	run -0 --separate-stderr wushe-db audit -H -f tsv -U nobody-here
	assert_output ''
	today=$(date -u +%F)
	# today's rows of person: the intake's one batch row
	run -0 --separate-stderr wushe-db audit -H -f tsv -a "$today" -u "$today" --table person
	assert_equal "${#lines[@]}" 1
	[[ "$output" == *"	person	batch	1-4	"* ]] || fail "got: $output"
	run -0 --separate-stderr wushe-db audit -H -f tsv -a 2999-01-01
	assert_output ''
	run -0 --separate-stderr wushe-db audit -H -f tsv -u 1999-12-31
	assert_output ''
	ids=$(sql 'SELECT group_concat(id) FROM audit')
	run -0 --separate-stderr wushe-db audit -H -f tsv
	assert_equal "$(printf '%s\n' "$output" | cut -f 1 | paste -sd,)" "$ids"
}

@test "audit: wushe-db audit --format json: a person's insert is its key only" {
	case-add --name 王五 --community QH --category elderly --risk low \
	    --worker W01 > /dev/null
	run -0 --separate-stderr wushe-db audit --format json --table person --op insert --row 1
	assert_output --regexp '^\{"id":[0-9]+,"at":"[^"]+","os_user":"[^"]+","command":"case-add [^"]*","tbl":"person","op":"insert","row_key":"1","old":null,"new":null\}$'
}

@test "audit: wushe-db audit refuses bad filters (64), database unchanged" {
	db_snapshot
	run -64 --separate-stderr wushe-db audit --since 2019-02-30
	err_has "wushe-db: --since: '2019-02-30': "
	err_has "wushe-db: --since: '2019-02-30': no such day (February has at most 29 days)"
	run -64 --separate-stderr wushe-db audit --until yesterday
	err_has "wushe-db: --until: 'yesterday': "
	err_has "wushe-db: --until: 'yesterday': not a date (expected YYYY-MM-DD)"
	run -64 --separate-stderr wushe-db audit --table worker
	err_has "wushe-db: --table: unknown value 'worker' (expected one of: activity, activity_case, annual_event, annual_report, calendar_day, case_assignment, case_category, case_reopen, cases, certification, contract, contract_funding, contract_target, correction, intern, intern_hours, payment, period_lock, person, record_void, visit, visit_void, volunteer, volunteer_certificate, volunteer_service, youth_home, youth_home_staff)"
	run -64 --separate-stderr wushe-db audit --op drop
	err_has "wushe-db: --op: unknown value 'drop' (expected one of: insert, update, delete, reveal, baseline, snapshot, batch)"
	run -64 --separate-stderr wushe-db --table cases check
	err_has 'wushe-db: check: --table, --since, --until, --user, --op and --row are options of audit only'
	run -64 --separate-stderr wushe-db audit extra
	err_has "wushe-db: audit: unexpected argument 'extra'"
	assert_equal "$output" ''
	db_unchanged
}

@test "audit: wushe-db audit on a missing database is 66" {
	run -66 --separate-stderr wushe-db --db "$T/none.db" audit
	err_has 'no database here'
	[ ! -e "$T/none.db" ] || fail "audit created a database"
}

@test "audit and history: times are ISO 8601 in local time with the UTC offset (issue 13)" {
	intake
	run -0 case-assign --to W02 1
	# the audit stores UTC ("...Z"), the history UTC without the Z: both
	# shown in local time; Asia/Shanghai is UTC+8 all year (no DST)
	utc=$(sql "SELECT at FROM audit WHERE tbl = 'cases' AND op = 'update'")
	want=$(TZ=Asia/Shanghai date -d "${utc%Z}Z" +%Y-%m-%dT%H:%M:%S+08:00)
	run -0 --separate-stderr env TZ=Asia/Shanghai wushe-db audit -H -f tsv --table cases --op update
	assert_equal "$(cut -f 2 <<< "$output")" "$want"
	run -0 --separate-stderr env TZ=UTC wushe-db audit -H -f tsv --table cases --op update
	assert_equal "$(cut -f 2 <<< "$output")" "$(date -u -d "${utc%Z}Z" +%Y-%m-%dT%H:%M:%S+00:00)"
	hutc=$(sql "SELECT at FROM case_history WHERE case_id = 1 AND field = 'worker'")
	run -0 --separate-stderr env TZ=Asia/Shanghai case-list --history 1 -H -f tsv
	assert_line --partial "$(TZ=Asia/Shanghai date -d "${hutc}Z" +%Y-%m-%dT%H:%M:%S+08:00)	"
	# the same format in both
	run -0 --separate-stderr env TZ=America/New_York case-list --history 1 -H -f tsv
	[[ "$(cut -f 1 <<< "$output" | sort -u)" =~ ^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}-0[45]:00$'\n'?)+$ ]] ||
	    fail "not local ISO 8601: $output"
}
