#!/usr/bin/env bats
# wushe-db: init, path, load, check, backup

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_env
}

# err_starts N TEXT: line N (from 0) of stderr starts with TEXT.
err_starts() {
	if [[ "${stderr_lines[$1]}" != "$2"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr line $1 does not start with: $2"
	fi
}

# err_has TEXT: stderr contains TEXT.
err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

# The demo directory loaded into a fresh database.
loaded() {
	wushe-db init >/dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" >/dev/null 2>&1
}

# A load of a bad fixture: exit 65, the message, nothing written.
bad_load() {	# bad_load FIXTURE EXPECTED-MESSAGE
	loaded
	db_snapshot
	run -65 --separate-stderr wushe-db load "$FIXTURES/$1"
	assert_output ''
	err_starts 0 "$2"
	db_unchanged
}

# ---- options

@test "--help prints the usage that the man page's SYNOPSIS shows" {
	run -0 --separate-stderr wushe-db --help
	assert_line --index 0 'usage: wushe-db [-H] [-d db] [-f format] init'
	assert_line --partial 'wushe-db [-H] [-d db] [-f format] load file ...'
	assert_line --partial 'wushe-db [--force] [-d db] backup file'
	# The usage lines, word for word, are the SYNOPSIS of the man page.
	printf '%s\n' "${lines[@]}" | sed -n -e 's/^usage: //' \
	    -e '/^ *wushe-db/s/^ *//p' > "$BATS_TEST_TMPDIR/usage"
	mandoc -Tascii "$BATS_TEST_DIRNAME/../man/wushe-db.1" |
	    sed -e 's/.\x08//g' | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
	    sed -n -e '/^ *wushe-db/s/^ *//p' > "$BATS_TEST_TMPDIR/synopsis"
	[ -s "$BATS_TEST_TMPDIR/usage" ] || fail "no usage lines"
	diff "$BATS_TEST_TMPDIR/usage" "$BATS_TEST_TMPDIR/synopsis" ||
	    fail "--help and the SYNOPSIS differ"
}

@test "--version" {
	run -0 wushe-db --version
	assert_output --regexp '^wushe-db \(wushe\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "usage errors exit 64" {
	run -64 --separate-stderr wushe-db --bogus init
	err_has "unrecognized option '--bogus'"
	err_starts 1 'usage: wushe-db '
	assert_output ""
	run -64 --separate-stderr wushe-db
	err_has 'no command given'
	run -64 --separate-stderr wushe-db frobnicate
	err_has "unknown command 'frobnicate'"
	run -64 --separate-stderr wushe-db load
	err_has 'load: no file named'
	run -64 --separate-stderr wushe-db init extra
	err_starts 0 "wushe-db: init: unexpected argument 'extra'"
	run -64 --separate-stderr wushe-db --format xml path
	err_has "unknown format 'xml'"
	[ ! -e "$WUSHE_DB" ] || fail "a usage error created the database"
	# and an existing database is left as it was
	wushe-db init > /dev/null
	db_snapshot
	run -64 --separate-stderr wushe-db --bogus init
	err_has "unrecognized option '--bogus'"
	run -64 --separate-stderr wushe-db init extra
	err_starts 0 "wushe-db: init: unexpected argument 'extra'"
	run -64 --separate-stderr wushe-db load
	err_has 'load: no file named'
	db_unchanged
}

# ---- init

@test "init creates the database mode 0600 and prints path and version" {
	run -0 --separate-stderr wushe-db init
	assert_line --index 0 "$(printf 'path\tversion')"
	v=$(sql 'PRAGMA user_version')
	[ "$v" -gt 0 ]
	assert_line --index 1 "$(printf '%s\t%s' "$WUSHE_DB" "$v")"
	assert_equal "$(stat -c %a "$WUSHE_DB")" 600
	assert_equal "$(sql 'PRAGMA journal_mode')" wal
}

@test "a umask of 000 does not loosen the database, -wal and -shm" {
	umask 000
	wushe-db init >/dev/null
	assert_equal "$(stat -c %a "$WUSHE_DB")" 600
	wushe-db load "$EXAMPLES/haitang.yaml" >/dev/null
	sql "SELECT count(*) FROM org;" \
	    ".shell stat -c '%n %a' '$WUSHE_DB' '$WUSHE_DB-wal' '$WUSHE_DB-shm' > '$BATS_TEST_TMPDIR/modes'"
	run cat "$BATS_TEST_TMPDIR/modes"
	assert_line --index 0 "$WUSHE_DB 600"
	assert_line --index 1 "$WUSHE_DB-wal 600"
	assert_line --index 2 "$WUSHE_DB-shm 600"
	run -0 --separate-stderr wushe-db check
	assert_equal "$stderr" ''
}

@test "init makes -wal and -shm files mode 0600 too" {
	umask 022
	wushe-db init >/dev/null
	# Hold the database open so the -wal and -shm files exist.
	sql "SELECT count(*) FROM org;" \
	    ".shell stat -c '%n %a' '$WUSHE_DB-wal' '$WUSHE_DB-shm' > '$BATS_TEST_TMPDIR/modes'"
	run cat "$BATS_TEST_TMPDIR/modes"
	assert_line --index 0 "$WUSHE_DB-wal 600"
	assert_line --index 1 "$WUSHE_DB-shm 600"
}

@test "init creates missing folders, and a second init changes nothing" {
	export WUSHE_DB="$BATS_TEST_TMPDIR/a/b/w.db"
	run -0 wushe-db init
	[ -f "$WUSHE_DB" ]
	db_snapshot
	run -0 wushe-db init
	db_unchanged
}

@test "init refuses a database newer than the binary and leaves it alone" {
	wushe-db init >/dev/null
	sql 'PRAGMA user_version = 99'
	sum=$(sha256sum < "$WUSHE_DB")
	run -65 --separate-stderr wushe-db init
	err_has 'schema version 99 is newer than this wushe supports'
	assert_equal "$(sha256sum < "$WUSHE_DB")" "$sum"
	assert_equal "$(sql 'PRAGMA user_version')" 99
}

# A database as schema version 6 left it (before 007-check-lists.sql),
# made from the schema files themselves, with a case and a visit in it.
make_v6() {
	cat "$BATS_TEST_DIRNAME"/../schema/00[1-6]-*.sql | sqlite3 "$WUSHE_DB"
	chmod 600 "$WUSHE_DB"	# as wushe-db init makes it (issue 11, finding 5)
	sql "PRAGMA application_id = $((0x77757368))" 'PRAGMA user_version = 6'
	sql_untracked "
	INSERT INTO community (code, name) VALUES ('QH', '清华社区');
	INSERT INTO org (code, name, kind) VALUES ('A1', '机构', 'sw_agency');
	INSERT INTO worker (code, name, org) VALUES ('W01', '社工', 'A1');
	INSERT INTO person (name, sex, community) VALUES ('王明', 'M', 'QH');
	INSERT INTO cases (person, community, risk, worker, opened)
	    VALUES (1, 'QH', 'high', 'W01', '2019-01-02');
	INSERT INTO visit (case_id, worker, date, minutes, kind)
	    VALUES (1, 'W01', '2019-02-03', 30, 'home')"
}

# The rows of the database, without the schema, and without the rows an
# upgrade to 016 adds by design (issue 11): the audit catalog, the
# audit's baseline digests of the rows so far and the pseudonym key.
rows() {
	sqlite3 "$WUSHE_DB" .dump | grep '^INSERT' |
	    grep -v -e "^INSERT INTO audit VALUES(.*,'baseline'," \
	    -e "^INSERT INTO audit_catalog VALUES(" \
	    -e "^INSERT INTO meta VALUES('pseudonym_key'," |
	    sed "s/^\(INSERT INTO audit VALUES(.*\),NULL,NULL,'[0-9a-f]*');\$/\1);/"
}

# The schema version this build makes: the number of the last migration.
schema_version() {
	local f
	f=$(ls "$BATS_TEST_DIRNAME"/../schema/[0-9]*.sql | tail -n 1)
	f=${f##*/}
	echo $((10#${f%%-*}))
}

# The rows of an upgraded database as a version 6 one held them:
# 009-orgs.sql gives org five more columns (hub 0) and 011-workforce.sql
# three more (league_affiliated 0), worker three more, all empty in an
# upgraded row, which is otherwise the same.
rows_upgraded() {
	rows | sed "/^INSERT INTO worker /s/,NULL,NULL,NULL);\$/);/
	    /^INSERT INTO org /s/,NULL,NULL,NULL,NULL,0,NULL,NULL,0);\$/);/"
}

@test "a version 6 database is upgraded: same rows, CHECK lists as OR chains" {
	make_v6
	sql "SELECT sql FROM sqlite_schema WHERE name = 'visit'" |
	    grep -q "kind IN ('home'"
	rows > "$BATS_TEST_TMPDIR/before"
	run -0 --separate-stderr wushe-db check
	assert_equal "$(sql 'PRAGMA user_version')" "$(schema_version)"
	rows_upgraded > "$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	assert_equal "$(sql 'PRAGMA integrity_check')" ok
	assert_equal "$(sql "SELECT count(*) FROM sqlite_schema
	    WHERE sql LIKE '% IN (%' AND type = 'table'")" 0
	sql "SELECT sql FROM sqlite_schema WHERE name = 'visit'" |
	    grep -q "kind = 'home' OR kind = 'phone'"
	# the upgraded database is the same as a new one
	sql "SELECT type, name, sql FROM sqlite_schema ORDER BY name" \
	    > "$BATS_TEST_TMPDIR/upgraded"
	WUSHE_DB=$BATS_TEST_TMPDIR/new.db wushe-db init >/dev/null
	sqlite3 "$BATS_TEST_TMPDIR/new.db" "SELECT type, name, sql FROM
	    sqlite_schema ORDER BY name" > "$BATS_TEST_TMPDIR/new"
	cmp "$BATS_TEST_TMPDIR/upgraded" "$BATS_TEST_TMPDIR/new"
	# the next command works on it
	run -0 --separate-stderr visit-log --case 1 --minutes 20 --kind phone \
	    --date 2019-03-04 --quiet
	assert_equal "$(sql 'SELECT count(*) FROM visit')" 2
}

@test "the OR chains refuse and accept what the IN lists did" {
	wushe-db init >/dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" >/dev/null
	sql_untracked "INSERT INTO person (name, sex, community)
	    VALUES ('甲', NULL, 'QH')"
	for sex in M F; do
		sql_untracked "INSERT INTO person (name, sex, community)
		    VALUES ('乙', '$sex', 'QH')"
	done
	run sql_untracked "INSERT INTO person (name, sex, community)
	    VALUES ('丙', 'm', 'QH')"
	[ "$status" -ne 0 ]
	assert_output --partial "CHECK constraint failed: sex = 'M' OR sex = 'F'"
	sql_untracked "INSERT INTO cases (person, community, risk, opened)
	    VALUES (1, 'QH', 'low', '2019-01-01')"
	for kind in home phone office outreach escort mediation online; do
		sql_untracked "INSERT INTO visit (case_id, worker, date,
		    minutes, kind) SELECT 1, code, '2019-02-01', 10, '$kind'
		    FROM worker LIMIT 1"
	done
	for kind in Home visit ''; do
		run sql_untracked "INSERT INTO visit (case_id, worker, date,
		    minutes, kind) SELECT 1, code, '2019-02-01', 10, '$kind'
		    FROM worker LIMIT 1"
		[ "$status" -ne 0 ]
		assert_output --partial "CHECK constraint failed: kind = 'home'"
	done
	assert_equal "$(sql 'SELECT count(*) FROM visit')" 7
	run sql "INSERT INTO audit (os_user, command, tbl, op)
	    VALUES ('u', 'c', 'visit', 'select')"
	[ "$status" -ne 0 ]
	assert_output --partial "CHECK constraint failed: op = 'insert'"
}

@test "v_contact holds the done visits, and only them (schema 008)" {
	make_v6
	sql_untracked "INSERT INTO visit (case_id, worker, date, minutes,
	    kind, status) VALUES (1, 'W01', '2019-02-04', 10, 'phone',
	    'no_show'), (1, 'W01', '2019-02-05', 15, 'home', 'cancelled'),
	    (1, 'W01', '2019-02-06', 20, 'office', 'done')"
	rows > "$BATS_TEST_TMPDIR/before"
	run -0 --separate-stderr wushe-db check
	rows_upgraded > "$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	# visits 1 (done by default) and 4 (done); 2 and 3 are not contacts
	assert_equal "$(sql "SELECT group_concat(visit_id || ':' || minutes)
	    FROM v_contact")" "1:30,4:20"
}

# Issue 18: a version 16 site upgraded to 17.  Its audit triggers (made
# from the catalog after 016) write to the audit table 017 rebuilds: the
# rebuild once stopped at them ("no such table: main.audit"), so no site
# could upgrade.  The file is made as 16 left it: 017's indexes dropped,
# the version set back.
@test "a version 16 database with its audit triggers is upgraded to 17: same audit, check passes, intakes write batches" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add --name 王明 --community QH --category elderly --risk high \
	    --worker W01 --opened 2019-06-01 > /dev/null
	visit-log --case 1 --minutes 30 --kind home --date 2019-06-10 --quiet
	sql "DROP INDEX audit_batch; DROP INDEX community_name;
	    DROP INDEX community_code_nocase; DROP INDEX worker_name;
	    DROP INDEX worker_code_nocase; DROP INDEX org_name;
	    DROP INDEX org_code_nocase; DROP INDEX visit_follow_up;
	    PRAGMA user_version = 16"
	# the catalog's triggers are there, writing to audit
	assert_equal "$(sql "SELECT count(*) FROM sqlite_master WHERE type =
	    'trigger' AND name = 'visit_audit_insert'")" 1
	sql "SELECT * FROM audit ORDER BY id" > "$BATS_TEST_TMPDIR/before"
	run -0 --separate-stderr wushe-db check
	assert_equal "$(sql 'PRAGMA user_version')" 17
	sql "SELECT * FROM audit ORDER BY id" > "$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	assert_line "$(printf 'audit_chain\tok\t')"
	assert_line "$(printf 'audited_rows\tok\t')"
	printf 'case_id\tminutes\tkind\tdate\n1\t20\tphone\t2019-06-11\n' |
	    visit-log --import --quiet
	assert_equal "$(sql "SELECT op, row_key FROM audit ORDER BY id DESC
	    LIMIT 1")" "batch|2-2"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
}

@test "an upgrade that meets a schema it did not make fails and changes nothing" {
	make_v6
	# a hand-edited table: its IN list is not the one 001 wrote
	sql 'PRAGMA writable_schema = ON' "UPDATE sqlite_schema SET sql =
	    replace(sql, '''outreach'', ''escort''', '''escort'', ''outreach''')
	    WHERE name = 'visit'" 'PRAGMA writable_schema = RESET'
	db_snapshot
	run -65 --separate-stderr wushe-db check
	err_has 'cannot upgrade the schema from version 6 to 7'
	err_has 'in_lists_left = 0'
	err_has 'nothing was changed'
	assert_equal "$(sql 'PRAGMA user_version')" 6
	db_unchanged
}

@test "an upgrade that finds an object missing or already there fails the same way, naming the versions" {
	wushe-db init > /dev/null
	v=$(sql 'PRAGMA user_version')
	# a database that says it is one version behind while it holds the
	# newest migration's objects already (a branch build's file): the
	# last migration meets a table it would create
	sql "PRAGMA user_version = $((v - 1))"
	db_snapshot
	run -65 --separate-stderr case-list
	err_has "cannot upgrade the schema from version $((v - 1)) to $v"
	err_has 'already exists'
	err_has 'nothing was changed'
	assert_equal "$(sql 'PRAGMA user_version')" "$((v - 1))"
	db_unchanged
}

@test "init refuses a file that is not SQLite" {
	printf 'name,phone\n王明,13800000000\n' > "$WUSHE_DB"
	sum=$(sha256sum < "$WUSHE_DB")
	run -65 --separate-stderr wushe-db init
	err_has 'not a wushe database'
	assert_equal "$(sha256sum < "$WUSHE_DB")" "$sum"
}

@test "init refuses an SQLite file of another program" {
	sql 'CREATE TABLE notes (x)'
	db_snapshot
	run -65 --separate-stderr wushe-db init
	err_has 'not a wushe database'
	assert_equal "$(sql 'PRAGMA user_version')" 0
	db_unchanged
}

@test "--db pointing at a folder exits 66" {
	mkdir "$BATS_TEST_TMPDIR/folder"
	run -66 --separate-stderr wushe-db --db "$BATS_TEST_TMPDIR/folder" init
	err_has 'is a folder'
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR/folder")" ""
}

@test "check on a missing database exits 66 and creates nothing" {
	run -66 --separate-stderr wushe-db check
	err_has "create it with 'wushe-db init'"
	[ ! -e "$WUSHE_DB" ]
}

# ---- path

@test "path: --db wins over WUSHE_DB" {
	run -0 --separate-stderr wushe-db --db /srv/x.db path
	assert_line --index 1 "$(printf '/srv/x.db\t--db')"
}

@test "path: WUSHE_DB" {
	run -0 --separate-stderr wushe-db path
	assert_line --index 1 "$(printf '%s\tWUSHE_DB' "$WUSHE_DB")"
}

@test "path: XDG_DATA_HOME, then HOME" {
	unset WUSHE_DB
	run -0 --separate-stderr wushe-db --no-header path
	assert_output "$(printf '%s/wushe/wushe.db\tXDG_DATA_HOME' "$XDG_DATA_HOME")"
	unset XDG_DATA_HOME
	HOME=/home/sw run -0 --separate-stderr wushe-db -H path
	assert_output "$(printf '/home/sw/.local/share/wushe/wushe.db\tdefault')"
}

@test "path does not create the database" {
	run -0 wushe-db path
	[ ! -e "$WUSHE_DB" ]
}

@test "init without WUSHE_DB creates XDG_DATA_HOME/wushe/wushe.db" {
	unset WUSHE_DB
	run -0 wushe-db init
	[ -f "$XDG_DATA_HOME/wushe/wushe.db" ]
	assert_equal "$(stat -c %a "$XDG_DATA_HOME/wushe")" 700
}

# ---- load

@test "load prints a summary of what it added" {
	wushe-db init >/dev/null
	run -0 --separate-stderr wushe-db load "$EXAMPLES/haitang.yaml"
	assert_line --index 0 "$(printf 'kind\tadded\tchanged\tunchanged\tmissing')"
	assert_line --index 1 "$(printf 'communities\t3\t0\t0\t0')"
	assert_line --index 2 "$(printf 'orgs\t6\t0\t0\t0')"
	assert_line --index 3 "$(printf 'contracts\t2\t0\t0\t0')"
	assert_line --index 4 "$(printf 'workers\t3\t0\t0\t0')"
	assert_line --index 5 "$(printf 'groups\t0\t0\t0\t0')"
	assert_line --index 6 "$(printf 'interns\t1\t0\t0\t0')"
	assert_line --index 7 "$(printf 'payments\t3\t0\t0\t0')"
	assert_equal "$stderr" ''
	assert_equal "$(sql 'SELECT amount_fen FROM contract WHERE code = "HT-2019-POST"')" 36000000
	assert_equal "$(sql 'SELECT target FROM contract_target WHERE contract = "HT-2019-POST" AND measure = "service_hours"')" 144000
	assert_equal "$(sql 'SELECT target FROM contract_target WHERE contract = "HT-2019-POST" AND measure = "contacts"')" 1800
	assert_equal "$(sql 'SELECT group_concat(funder || ":" || amount_fen) FROM (SELECT * FROM contract_funding WHERE contract = "HT-2019-430" ORDER BY funder)')" 'HF-BANK:2000000,HT-JD:3000000'
	assert_equal "$(sql 'SELECT youth_affairs FROM worker WHERE code = "W02"')" 1
	assert_equal "$(sql 'SELECT active_to FROM worker WHERE code = "W03"')" 2019-05-31
}

@test "load without init creates the database" {
	run -0 --separate-stderr wushe-db load "$EXAMPLES/haitang.yaml"
	assert_equal "$(sql 'SELECT count(*) FROM community')" 3
	assert_equal "$(stat -c %a "$WUSHE_DB")" 600
}

@test "a second load of the same file changes nothing" {
	loaded
	db_snapshot
	run -0 --separate-stderr wushe-db load "$EXAMPLES/haitang.yaml"
	assert_line --index 1 "$(printf 'communities\t0\t0\t3\t0')"
	assert_line --index 2 "$(printf 'orgs\t0\t0\t6\t0')"
	assert_line --index 3 "$(printf 'contracts\t0\t0\t2\t0')"
	assert_line --index 7 "$(printf 'payments\t0\t0\t3\t0')"
	assert_equal "$stderr" ''
	db_unchanged
}

@test "a changed entry is updated and reported as changed" {
	loaded
	sed -e 's/name: 林郢社区, \(.*\), city: 合肥市/name: 林郢社区(新), \1, city: 合肥/' \
	    -e 's/participants: 2400/participants: 2500/' \
	    "$EXAMPLES/haitang.yaml" > "$BATS_TEST_TMPDIR/d.yaml"
	run -0 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	assert_line --index 1 "$(printf 'communities\t0\t1\t2\t0')"
	assert_line --index 3 "$(printf 'contracts\t0\t1\t1\t0')"
	[[ $stderr == *"d.yaml:8:5: community LH: changed name, city"* ]] ||
	    fail "no change report: $stderr"
	[[ $stderr == *"contract HT-2019-430: changed targets"* ]] ||
	    fail "no targets report: $stderr"
	assert_equal "$(sql 'SELECT name || "," || city FROM community WHERE code = "LH"')" '林郢社区(新),合肥'
	assert_equal "$(sql 'SELECT target FROM contract_target WHERE contract = "HT-2019-430" AND measure = "participants"')" 2500
}

@test "an entry missing from the file is reported and kept" {
	loaded
	sed -e '/code: HT-DANCE/,+2d' "$EXAMPLES/haitang.yaml" \
	    > "$BATS_TEST_TMPDIR/d.yaml"
	grep -q HT-DANCE "$BATS_TEST_TMPDIR/d.yaml" && fail "sed did nothing"
	db_snapshot
	run -0 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	assert_line --index 2 "$(printf 'orgs\t0\t0\t5\t1')"
	assert_equal "$stderr" 'wushe-db: org HT-DANCE: not in file (kept in the database)'
	db_unchanged
}

@test "payments match by date and amount; one not in the file is kept" {
	loaded
	sed -e '/2019-04-15, amount: 90000/d' -e 's/note: 首期}/note: 首期款}/' \
	    -e 's/- {date: 2019-01-15, amount: 90000, note: 第一季度}/&\n      - {date: 2019-07-15, amount: 90000}/' \
	    "$EXAMPLES/haitang.yaml" > "$BATS_TEST_TMPDIR/d.yaml"
	run -0 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	assert_line --index 7 "$(printf 'payments\t1\t1\t1\t1')"
	[[ $stderr == *"payment HT-2019-POST 2019-04-15 90000.00: not in file (kept in the database)"* ]] ||
	    fail "missing payment not reported: $stderr"
	[[ $stderr == *"payment HT-2019-430 2019-03-10 25000.00: changed note"* ]] ||
	    fail "note change not reported: $stderr"
	assert_equal "$(sql 'SELECT count(*) FROM payment WHERE contract = "HT-2019-POST"')" 3
	assert_equal "$(sql 'SELECT note FROM payment WHERE contract = "HT-2019-430"')" 首期款
}

@test "funding is replaced to match the file" {
	loaded
	sed -e 's/{funder: HF-BANK, amount: 20000}/{funder: HF-BANK, amount: 15000}/' \
	    "$EXAMPLES/haitang.yaml" > "$BATS_TEST_TMPDIR/d.yaml"
	run -0 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	[[ $stderr == *"contract HT-2019-430: changed funding"* ]] ||
	    fail "funding change not reported: $stderr"
	assert_equal "$(sql 'SELECT amount_fen FROM contract_funding WHERE funder = "HF-BANK"')" 1500000
}

@test "load of groups, referring to entries already in the database" {
	loaded
	run -0 --separate-stderr wushe-db --format json load "$FIXTURES/db-groups.yaml"
	assert_line '{"kind":"groups","added":2,"changed":0,"unchanged":0,"missing":0}'
	assert_line '{"kind":"orgs","added":0,"changed":0,"unchanged":0,"missing":0}'
	assert_equal "$stderr" ''
	assert_equal "$(sql 'SELECT org || "," || community FROM grp WHERE code = "G-430"')" 'HT-SOC,QH'
}

@test "load --dry-run says what would change and writes nothing (issue 13)" {
	loaded
	# the community LH renamed, HT-430's participants 2400 -> 2500:
	# 1 community and 1 contract changed, the rest unchanged
	sed -e 's/name: 林郢社区, \(.*\), city: 合肥市/name: 林郢社区(新), \1, city: 合肥/' \
	    -e 's/participants: 2400/participants: 2500/' \
	    "$EXAMPLES/haitang.yaml" > "$BATS_TEST_TMPDIR/d.yaml"
	db_snapshot
	run -0 --separate-stderr wushe-db load --dry-run "$BATS_TEST_TMPDIR/d.yaml"
	assert_line --index 1 "$(printf 'communities\t0\t1\t2\t0')"
	assert_line --index 3 "$(printf 'contracts\t0\t1\t1\t0')"
	err_has "d.yaml:8:5: community LH: changed name, city"
	err_has 'wushe-db: dry run: the counts are what load would do; nothing was written'
	db_unchanged
	# -t is the same, and a real load then does what the dry run said
	run -0 --separate-stderr wushe-db -t load "$BATS_TEST_TMPDIR/d.yaml"
	db_unchanged
	run -0 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	assert_line --index 1 "$(printf 'communities\t0\t1\t2\t0')"
	assert_equal "$(sql 'SELECT city FROM community WHERE code = "LH"')" 合肥
}

@test "load --dry-run: a bad file exits 65 as load does, nothing written (issue 13)" {
	loaded
	db_snapshot
	run -65 --separate-stderr wushe-db load --dry-run "$FIXTURES/db-unknown-key.yaml"
	assert_output ''
	err_starts 0 "wushe-db: $FIXTURES/db-unknown-key.yaml:5:5: colour: unknown key"
	err_starts 1 'wushe-db: 1 problem found; nothing was loaded'
	db_unchanged
	run -66 --separate-stderr wushe-db load --dry-run "$BATS_TEST_TMPDIR/none.yaml"
	err_has "cannot open '$BATS_TEST_TMPDIR/none.yaml'"
	db_unchanged
}

@test "load --dry-run creates no database; --dry-run only with load (issue 13)" {
	run --separate-stderr wushe-db load --dry-run "$EXAMPLES/haitang.yaml"
	[ "$status" -ne 0 ] || fail "a dry run on no database succeeded"
	[ ! -e "$WUSHE_DB" ] || fail "the dry run created the database"
	loaded
	db_snapshot
	run -64 --separate-stderr wushe-db --dry-run check
	err_starts 0 'wushe-db: check: --dry-run is an option of load only'
	db_unchanged
}

@test "bad input: unknown key" {
	bad_load db-unknown-key.yaml \
	    "wushe-db: $FIXTURES/db-unknown-key.yaml:5:5: colour: unknown key (expected one of: code, name, street, district, city)"
	err_starts 1 'wushe-db: 1 problem found; nothing was loaded'
}

@test "bad input: unknown organisation kind" {
	bad_load db-bad-kind.yaml \
	    "wushe-db: $FIXTURES/db-bad-kind.yaml:4:11: kind: 'agency': unknown organisation kind (expected one of: street_office, sw_agency,"
}

@test "bad input: credit code check character" {
	bad_load db-bad-credit.yaml \
	    "wushe-db: $FIXTURES/db-bad-credit.yaml:5:18: credit_code: '52340103MJ00123459':"
}

@test "bad input: a day that does not exist" {
	bad_load db-bad-date.yaml \
	    "wushe-db: $FIXTURES/db-bad-date.yaml:5:17: registered: '2019-02-29':"
}

@test "bad input: unknown org reference" {
	bad_load db-unknown-org.yaml \
	    "wushe-db: $FIXTURES/db-unknown-org.yaml:2:32: org: unknown org 'NO-SUCH-ORG' (not in the files or the database)"
}

@test "bad input: an intern's supervisor who does not work at the host" {
	bad_load db-intern-supervisor.yaml \
	    "wushe-db: $FIXTURES/db-intern-supervisor.yaml:10:52: supervisor: W01 works at QZ-SW, not at the host HT-SOC (expected a worker of the host)"
	err_starts 1 "wushe-db: $FIXTURES/db-intern-supervisor.yaml:13:51: supervisor: W21 works at HT-SOC, not at the host QZ-SW (expected a worker of the host)"
	err_starts 2 'wushe-db: 2 problems found; nothing was loaded'
	assert_equal "$(sql "SELECT count(*) FROM intern WHERE code LIKE 'I2%'
	    UNION ALL SELECT count(*) FROM worker WHERE code = 'W21'")" \
	    "$(printf '0\n0')"
}

@test "bad input: payments over the contract amount" {
	bad_load db-overpaid.yaml \
	    "wushe-db: $FIXTURES/db-overpaid.yaml:11:7: payments: payments total 12000.00, more than the amount 10000.00"
}

@test "bad input: payments kept in the database push a contract over its amount" {
	loaded
	sed -e 's/amount: 360000$/amount: 100000/' \
	    -e 's/{funder: HT-JD, amount: 360000}/{funder: HT-JD, amount: 100000}/' \
	    -e '/2019-04-15, amount: 90000/d' \
	    "$EXAMPLES/haitang.yaml" > "$BATS_TEST_TMPDIR/d.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	err_has "d.yaml:50:7: payments: with the payments kept in the database, contract 'HT-2019-POST' is paid 180000.00, more than its amount 100000.00"
	db_unchanged
}

@test "bad input: funding over the contract amount" {
	bad_load db-overfunded.yaml \
	    "wushe-db: $FIXTURES/db-overfunded.yaml:2:5: funding: funders give 10000.01 in all, more than the amount 10000.00"
}

@test "bad input: an amount with three decimals" {
	bad_load db-bad-amount.yaml \
	    "wushe-db: $FIXTURES/db-bad-amount.yaml:9:13: amount: '12.345': too many decimals"
}

@test "bad input: a required field missing" {
	bad_load db-missing-field.yaml \
	    "wushe-db: $FIXTURES/db-missing-field.yaml:2:5: end: missing (required for each contract)"
}

@test "bad input: YAML syntax error" {
	bad_load db-syntax.yaml \
	    "wushe-db: $FIXTURES/db-syntax.yaml:3:5: YAML syntax error:"
}

@test "bad input: alias bomb refused at the first anchor" {
	bad_load db-alias-bomb.yaml \
	    "wushe-db: $FIXTURES/db-alias-bomb.yaml:1:4: anchor '&a': aliases are not supported"
}

@test "bad input: a file that is not UTF-8" {
	bad_load db-gbk.yaml \
	    "wushe-db: $FIXTURES/db-gbk.yaml:2:"
	err_has 'not UTF-8 text'
	err_has 'iconv -f GBK -t UTF-8'
}

@test "bad input: every problem is reported, not only the first" {
	loaded
	cat > "$BATS_TEST_TMPDIR/d.yaml" <<-'EOF'
	orgs:
	  - {code: A1, name: a, kind: bogus}
	  - {code: A1, name: b, kind: sw_agency, registered: 2019-13-01}
	workers:
	  - {code: W01, name: x, org: NOPE, youth_affairs: yes}
	EOF
	db_snapshot
	run -65 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	err_has "d.yaml:2:31: kind: 'bogus'"
	err_has "d.yaml:3:12: code: 'A1': a second org with this code (the first is at $BATS_TEST_TMPDIR/d.yaml:2)"
	err_has "d.yaml:3:54: registered: '2019-13-01'"
	err_has "d.yaml:5:52: youth_affairs: 'yes': not a yes/no value (expected true or false)"
	err_has "d.yaml:5:31: org: unknown org 'NOPE'"
	err_has 'wushe-db: 5 problems found; nothing was loaded'
	db_unchanged
}

@test "bad input in the second file: nothing of the first is written" {
	wushe-db init >/dev/null
	db_snapshot
	run -65 --separate-stderr wushe-db load "$EXAMPLES/haitang.yaml" \
	    "$FIXTURES/db-bad-kind.yaml"
	err_has 'db-bad-kind.yaml:4:11: kind:'
	db_unchanged
	assert_equal "$(sql 'SELECT count(*) FROM org')" 0
}

@test "a file that does not exist exits 66" {
	loaded
	db_snapshot
	run -66 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/nope.yaml"
	err_has "cannot open '$BATS_TEST_TMPDIR/nope.yaml'"
	db_unchanged
}

@test "load reads stdin as -" {
	wushe-db init >/dev/null
	printf 'communities:\n  - {code: X1, name: 试点社区}\n' > "$BATS_TEST_TMPDIR/in.yaml"
	run -0 --separate-stderr wushe-db -H load - < "$BATS_TEST_TMPDIR/in.yaml"
	assert_line --index 0 "$(printf 'communities\t1\t0\t0\t0')"
	assert_equal "$(sql 'SELECT name FROM community')" 试点社区
}

# ---- check

@test "check on a clean database prints ok lines" {
	loaded
	run -0 --separate-stderr wushe-db check
	assert_line --index 0 "$(printf 'check\tresult\tdetail')"
	assert_line "$(printf 'integrity\tok\t')"
	assert_line "$(printf 'foreign_keys\tok\t')"
	assert_line "$(printf 'payments\tok\t')"
	assert_equal "$stderr" ''
}

@test "check finds a broken reference and an overpaid contract" {
	loaded
	# untracked: the payment's audit trigger needs wushe's SQL functions
	sql_untracked "INSERT INTO worker (code, name, org) VALUES ('W99', 'x', 'GONE');
	    INSERT INTO payment (contract, date, amount_fen)
	    VALUES ('HT-2019-430', '2019-05-01', 4000000);"
	db_snapshot
	run -65 --separate-stderr wushe-db check
	assert_line "$(printf 'foreign_keys\tproblem\tworker row 4: refers to a missing org row')"
	assert_line "$(printf 'payments\tproblem\tcontract HT-2019-430: paid 65000.00, more than its amount 50000.00')"
	assert_line "$(printf 'integrity\tok\t')"
	# the payment was written behind the audit's back (issue 11)
	assert_line "$(printf 'audited_rows\tproblem\tpayment 4: has no audit row (written without the audit)')"
	assert_equal "$stderr" 'wushe-db: check: 3 problems found'
	db_unchanged
}

# ---- backup

@test "backup makes a readable copy mode 0600 with the same rows" {
	loaded
	run -0 --separate-stderr wushe-db backup "$BATS_TEST_TMPDIR/copy.db"
	assert_output ''
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/copy.db")" 600
	for t in community org contract worker payment intern; do
		assert_equal "$(sqlite3 "$BATS_TEST_TMPDIR/copy.db" "SELECT count(*) FROM $t")" \
		    "$(sql "SELECT count(*) FROM $t")"
	done
	run -0 wushe-db --db "$BATS_TEST_TMPDIR/copy.db" check
	ls "$BATS_TEST_TMPDIR" > "$BATS_TEST_TMPDIR/files"
	run grep -c tmp "$BATS_TEST_TMPDIR/files"
	assert_output 0
}

@test "backup refuses to overwrite a file unless --force" {
	loaded
	echo precious > "$BATS_TEST_TMPDIR/copy.db"
	db_snapshot
	run -73 --separate-stderr wushe-db backup "$BATS_TEST_TMPDIR/copy.db"
	err_has 'already exists (use --force to replace it)'
	db_unchanged
	assert_equal "$(cat "$BATS_TEST_TMPDIR/copy.db")" precious
	run -0 --separate-stderr wushe-db backup --force "$BATS_TEST_TMPDIR/copy.db"
	assert_equal "$(sqlite3 "$BATS_TEST_TMPDIR/copy.db" 'SELECT count(*) FROM org')" 6
}

@test "backup into a folder that does not exist exits 73" {
	loaded
	db_snapshot
	run -73 --separate-stderr wushe-db backup "$BATS_TEST_TMPDIR/no/such/copy.db"
	err_has 'cannot create'
	[ ! -e "$BATS_TEST_TMPDIR/no" ]
	db_unchanged
}

@test "backup needs exactly one file name" {
	loaded
	db_snapshot
	run -64 --separate-stderr wushe-db backup
	err_starts 0 'wushe-db: backup: no file named (expected one file name)'
	err_starts 1 'usage: wushe-db '
	assert_output ""
	run -64 --separate-stderr wushe-db backup a.db b.db
	err_starts 0 'wushe-db: backup: too many arguments (expected one file name)'
	assert_output ""
	[ ! -e a.db ] && [ ! -e b.db ]
	db_unchanged
}

@test "backup while another program keeps writing" {
	loaded
	# Grow the database so the copy takes several steps.
	sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	    WHERE i < 20000) INSERT INTO meta (key, value)
	    SELECT 'k' || i, hex(randomblob(100)) FROM n"
	(
		for i in $(seq 1 200); do
			sqlite3 -cmd '.timeout 5000' "$WUSHE_DB" \
			    "INSERT INTO meta VALUES ('w$i', 'x')" || exit 1
		done
	) &
	writer=$!
	run -0 --separate-stderr wushe-db backup "$BATS_TEST_TMPDIR/copy.db"
	wait "$writer" || fail "the writer failed while the backup ran"
	n=$(sqlite3 "$BATS_TEST_TMPDIR/copy.db" "SELECT count(*) FROM meta WHERE key LIKE 'k%'")
	assert_equal "$n" 20000
	run -0 wushe-db --db "$BATS_TEST_TMPDIR/copy.db" check
	assert_equal "$(sql "SELECT count(*) FROM meta WHERE key LIKE 'w%'")" 200
}
