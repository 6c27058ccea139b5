#!/usr/bin/env bats
# privacy.bats - ways to lose a database or hand out personal data
# (issue 11), one test per finding fixed.

load helper

setup() {
	setup_env
}

# err_has TEXT: stderr holds TEXT.
err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
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

# ---- tamper evidence: the audit's hash chain, the audited rows and the
# schema, checked by wushe-db check (schema/016-privacy.sql)

# A loaded street with two cases and a visit, the audit chained.
street() {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	visit-log --case 1 --minutes 30 --kind home --date 2019-06-10 --quiet
}

# Run SQL in the sqlite3 shell as someone who can write the file would:
# drop every trigger that calls wushe's functions, do it, put them back.
tamper() {
	sql_untracked "$1"
}

# check_names CHECK DETAIL: wushe-db check exits 65 naming that problem.
check_names() {
	run -65 --separate-stderr wushe-db check
	assert_line "$(printf '%s\tproblem\t%s' "$1" "$2")"
	[[ "$stderr" == "wushe-db: check: "*" found" ]] ||
	    fail "unexpected message: $stderr"
}

@test "tamper: a clean street passes every check, and the chain links each row to the one before" {
	street
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'schema\tok\t')"
	assert_line "$(printf 'audit_chain\tok\t')"
	assert_line "$(printf 'audited_rows\tok\t')"
	assert_equal "$stderr" ""
	# every row but the first carries the hash of the one before
	assert_equal "$(sql "SELECT count(*) FROM audit a JOIN audit b
	    ON b.id = a.id + 1 WHERE b.prev IS NOT a.hash")" 0
	assert_equal "$(sql "SELECT prev IS NULL, length(hash) FROM audit
	    ORDER BY id LIMIT 1")" "1|64"
	# the hash is SHA-256 over prev and the columns, each length-prefixed
	# ("-" for NULL): recompute the first row's with sha256sum
	IFS='|' read -r at user cmd tbl op key new dig hash < <(sql "SELECT
	    at, os_user, command, tbl, op, row_key, new, digest, hash
	    FROM audit ORDER BY id LIMIT 1")
	f() { printf '%d:%s' "$(printf %s "$1" | wc -c)" "$1"; }
	mine=$( { printf -- -; f "$at"; f "$user"; f "$cmd"; f "$tbl"; f "$op"
	    f "$key"; printf -- -; f "$new"; f "$dig"; } | sha256sum)
	assert_equal "${mine%% *}" "$hash"
}

@test "tamper: a visit changed from 30 to 600 minutes behind the audit is named" {
	street
	tamper "UPDATE visit SET minutes = 600 WHERE id = 1"
	check_names audited_rows "visit 1: differs from audit row $(sql "SELECT
	    max(id) FROM audit WHERE tbl = 'visit' AND row_key = '1'") (changed without the audit)"
}

@test "tamper: an edited audit row is named" {
	street
	sql "DROP TRIGGER audit_no_update;
	    UPDATE audit SET os_user = 'someone' WHERE id = 5;
	    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
	check_names audit_chain "audit row 5: its content does not match its hash (changed after it was written)"
}

@test "tamper: a deleted audit row is named by the row after it" {
	street
	sql "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 7;
	    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
	check_names audit_chain "audit row 8: does not follow row 6 (a row between them was removed or inserted)"
}

@test "tamper: an inserted audit row is named" {
	street
	n=$(sql "SELECT max(id) + 1 FROM audit")
	sql "INSERT INTO audit (os_user, command, tbl, op, row_key)
	    VALUES ('x', 'x', 'visit', 'delete', '1')"
	check_names audit_chain "audit row $n: no hash (not written by wushe)"
	# even one with a plausible hash that does not chain
	sql "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = $n;
	    INSERT INTO audit (os_user, command, tbl, op, row_key, prev, hash)
	    VALUES ('x', 'x', 'visit', 'delete', '1', 'ab', 'cd');
	    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
	check_names audit_chain "audit row $n: does not follow row $((n - 1)) (a row between them was removed or inserted)"
}

@test "tamper: a dropped trigger and a dropped catalog row are named" {
	street
	sql "DROP TRIGGER visit_audit_update"
	check_names schema "trigger visit_audit_update: missing (dropped)"
	sql "CREATE TRIGGER visit_audit_update AFTER UPDATE ON visit BEGIN
	    SELECT 1; END"
	check_names schema "trigger visit_audit_update: differs from the schema wushe made"
	sql "CREATE VIEW v_mine AS SELECT id_number FROM person"
	check_names schema "view v_mine: not part of wushe's schema"
}

@test "tamper: a payment deleted behind the audit is named" {
	street
	n=$(sql "SELECT max(id) FROM audit WHERE tbl = 'payment' AND row_key = '1'")
	tamper "DELETE FROM payment WHERE id = 1"
	check_names audited_rows "payment 1: is gone, but audit row $n does not delete it (deleted without the audit)"
}

@test "seal: audit --seal prints the head; check --seal proves nothing before it changed" {
	street
	run -0 --separate-stderr wushe-db audit --seal --format tsv
	assert_line --index 0 "$(printf 'at\trows\thash\tseal')"
	rows=$(sql "SELECT count(*) FROM audit")
	hash=$(sql "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
	assert_line --index 1 --regexp "^20[0-9-]+T[0-9:.]+Z	$rows	$hash	$rows:$hash\$"
	seal="$rows:$hash"
	# more rows after the seal are fine
	visit-log --case 2 --minutes 20 --kind phone --date 2019-06-11 --quiet
	run -0 --separate-stderr wushe-db check --seal "$seal"
	assert_line "$(printf 'seal\tok\t')"
	# someone rewrites an old row and the whole chain after it, with the
	# same hash function: the chain fits again, but not the seal
	keep=$(sql "SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'")
	sql "DROP TRIGGER audit_no_update" \
	    "UPDATE audit SET os_user = 'someone' WHERE id = 3"
	cat > "$BATS_TEST_TMPDIR/rechain.sh" <<'SH'
prev=$(sqlite3 "$WUSHE_DB" "SELECT hash FROM audit WHERE id = 2")
for id in $(sqlite3 "$WUSHE_DB" "SELECT id FROM audit WHERE id >= 3 ORDER BY id"); do
	f() { printf '%d:%s' "$(printf %s "$1" | wc -c)" "$1"; }
	n() { if [ "$2" = 1 ]; then printf -- -; else f "$1"; fi; }
	row=$(sqlite3 -separator "$(printf '\037')" "$WUSHE_DB" "SELECT at, os_user,
	    command, tbl, op, coalesce(row_key, ''), row_key IS NULL,
	    coalesce(old, ''), old IS NULL, coalesce(new, ''), new IS NULL,
	    coalesce(digest, ''), digest IS NULL FROM audit WHERE id = $id")
	IFS=$(printf '\037') read -r at u c t o k kn ol oln nw nwn d dn <<EOT
$row
EOT
	h=$( { f "$prev"; f "$at"; f "$u"; f "$c"; f "$t"; f "$o"; n "$k" $kn
	    n "$ol" $oln; n "$nw" $nwn; n "$d" $dn; } | sha256sum)
	h=${h%% *}
	sqlite3 "$WUSHE_DB" "UPDATE audit SET prev = '$prev', hash = '$h' WHERE id = $id"
	prev=$h
done
SH
	sh "$BATS_TEST_TMPDIR/rechain.sh"
	sql "$keep"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audit_chain\tok\t')"
	run -65 --separate-stderr wushe-db check --seal "$seal"
	assert_line "$(printf 'seal\tproblem\taudit row %s: not the sealed head (the audit up to it was changed since the seal)' "$(sql "SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET $((rows - 1))")")"
	assert_equal "$stderr" "wushe-db: check: 1 problem found"
}

@test "seal: check --seal refuses a malformed seal and a missing one" {
	street
	run -64 --separate-stderr wushe-db check --seal
	[[ "$stderr" == "wushe-db: check --seal: no seal given (expected the seal of 'wushe-db audit --seal', ROWS:HASH)"* ]]
	run -65 --separate-stderr wushe-db check --seal nonsense
	assert_line "$(printf "seal\tproblem\t'nonsense': not a seal (expected ROWS:HASH from wushe-db audit --seal)")"
	run -65 --separate-stderr wushe-db check --seal 999999:ab
	assert_line --regexp "^seal	problem	the audit has [0-9]+ rows, fewer than the 999999 sealed \(rows were removed\)$"
}

# Finding 9: the intern table (names and ID numbers) was not audited.
@test "the intern table is audited, its ID numbers masked in wushe-db audit" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	n=$(sql "SELECT count(*) FROM intern")
	[ "$n" -gt 0 ]
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE tbl = 'intern'
	    AND op = 'insert' AND new IS NULL AND digest IS NOT NULL")" "$n"
	idn=$(sql "SELECT id_number FROM intern WHERE code = 'I01'")
	[ -n "$idn" ]
	# a change of school through the directory is audited with the row
	sed 's/school: 安徽大学/school: 另一所大学/' "$EXAMPLES/haitang.yaml" \
	    > "$BATS_TEST_TMPDIR/h.yaml"
	wushe-db load "$BATS_TEST_TMPDIR/h.yaml" > /dev/null
	assert_equal "$(sql "SELECT json_extract(old, '\$.school') || '>' ||
	    json_extract(new, '\$.school') FROM audit WHERE tbl = 'intern'
	    AND op = 'update' AND row_key = 'I01'")" "安徽大学>另一所大学"
	run -0 --separate-stderr wushe-db audit --table intern --op update --format json
	assert_output --partial '\"id_number\":\"340103********0020\"'
	refute_output --partial "$idn"
}

# Finding 6: 340103********0022 beside birth_date 1945-03-12 gave the whole
# number back, in every format and in v_case.
@test "masked output shows the birth year only, in every format and in v_case" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	for f in tsv csv json table; do
		run -0 --separate-stderr case-list --format $f --id 1
		assert_output --partial '340103********0022'
		refute_output --partial '1945-03-12'
		refute_output --partial '0312'
		assert_output --partial '1945'
	done
	assert_equal "$(sql "SELECT id_number, birth_year FROM v_case WHERE case_id = 1")" \
	    '340103********0022|1945'
	run -0 sql "SELECT * FROM v_case"
	refute_output --partial '1945-03-12'
	# --reveal (audited) still shows the date
	run -0 --separate-stderr case-list --format tsv --reveal --id 1
	assert_output --partial '1945-03-12'
}

# Finding 7: the command line was masked by looking at the raw argv text,
# so a bundled "-Di 3401..." and an attached "-N4406..." went unmasked
# into the history and audit rows, which can never be removed.  It is
# now masked from getopt's own parse with the option table (lib/opt.c):
# an abbreviated long option, an attached "=value", a secret option
# (--id-number, --phone, --name) and any value shaped like an ID number.
@test "the recorded command line is masked from getopt's own parse: bundled and attached values" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	run -0 --separate-stderr case-add --id-n 340103194503120022 \
	    --phone=13912345678 --need 440605199001011238 --name 赵六 -NQH \
	    --risk low --category elderly --opened 2019-06-01
	run -0 sql "SELECT command FROM case_history UNION ALL
	    SELECT command FROM audit"
	refute_output --partial 340103194503120022
	refute_output --partial 13912345678
	refute_output --partial 440605199001011238
	refute_output --partial 赵六
	assert_equal "$(sql "SELECT DISTINCT command FROM case_history")" \
	    "case-add --id-n 340103********0022 --phone=139****5678 --need 440605********1238 --name 赵* -NQH --risk low --category elderly --opened 2019-06-01"
}

# The same in every command: visit-log's note, bundled behind -t.
@test "every command records its command line the same way (visit-log: an ID number in a bundled note)" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add --name 王 --community QH --risk low --category elderly \
	    --opened 2019-06-01 > /dev/null
	run -0 --separate-stderr visit-log -c 1 -w W01 -D 2019-06-02 -m 30 \
	    -K home -qn340103194503120022
	run -0 sql "SELECT DISTINCT command FROM audit WHERE tbl = 'visit'"
	assert_output "visit-log -c 1 -w W01 -D 2019-06-02 -m 30 -K home -qn340103********0022"
}

# ---- reject files (findings 1, 3, 4), in the batch loop's one function

# Intake with one bad record (no community), for a reject file.
bad_intake() {
	{ cat "$FIXTURES/case-intake.tsv"
	  printf '坏记录\t\t\t\t\t\t\t\telderly\tlow\t\t\t\t\n'; } > "$BATS_TEST_TMPDIR/in.tsv"
}

# Finding 1: "-j $WUSHE_DB" truncated the database to 0 bytes (the reject
# file was opened with "w" after the database); -j naming the input
# emptied the input.
@test "a reject file naming the database, its -wal or -shm, or the input is refused (64), nothing truncated" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	bad_intake
	size=$(stat -c %s "$WUSHE_DB")
	db_snapshot
	run -64 --separate-stderr case-add -k -j "$WUSHE_DB" < "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "$stderr" "case-add: $WUSHE_DB: is the database; choose another reject file"
	assert_output ""
	[ "$(stat -c %s "$WUSHE_DB")" -ge "$size" ]
	db_unchanged
	# through another name (a hard link is the same inode)
	ln "$WUSHE_DB" "$BATS_TEST_TMPDIR/other-name"
	run -64 --separate-stderr visit-log --import -k -j "$BATS_TEST_TMPDIR/other-name" < /dev/null
	assert_equal "$stderr" "visit-log: $BATS_TEST_TMPDIR/other-name: is the database; choose another reject file"
	db_unchanged
	# the input
	cp "$BATS_TEST_TMPDIR/in.tsv" "$BATS_TEST_TMPDIR/keep.tsv"
	run -64 --separate-stderr case-add -k -j "$BATS_TEST_TMPDIR/in.tsv" < "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "$stderr" "case-add: $BATS_TEST_TMPDIR/in.tsv: is the input; choose another reject file"
	cmp "$BATS_TEST_TMPDIR/in.tsv" "$BATS_TEST_TMPDIR/keep.tsv"
	db_unchanged
	# the -wal, when there is one
	if [ -e "$WUSHE_DB-wal" ]; then
		run -64 --separate-stderr activity-log --import -k -j "$WUSHE_DB-wal" < /dev/null
		assert_equal "$stderr" "activity-log: $WUSHE_DB-wal: is the database's wal; choose another reject file"
	fi
}

# Finding 4: reject files hold full ID and phone numbers, yet were created
# 0644 (0666 under umask 000) and followed a symbolic link at their path.
@test "a reject file is created 0600 under umask 000, an old one made 0600, a symbolic link refused (73)" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	bad_intake
	(umask 000; case-add -k -j "$BATS_TEST_TMPDIR/rej.tsv" < "$BATS_TEST_TMPDIR/in.tsv" > /dev/null 2>&1) || true
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/rej.tsv")" 600
	grep -q 坏记录 "$BATS_TEST_TMPDIR/rej.tsv"
	# an existing file of ours, mode 0644, becomes 0600
	: > "$BATS_TEST_TMPDIR/old.tsv"; chmod 644 "$BATS_TEST_TMPDIR/old.tsv"
	run -65 --separate-stderr visit-log --import -k -j "$BATS_TEST_TMPDIR/old.tsv" <<< $'case_id\tminutes\tkind\tdate\nx\t30\thome\t2019-06-10'
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/old.tsv")" 600
	# a symbolic link at the path is not followed
	echo secret > "$BATS_TEST_TMPDIR/target"
	ln -s "$BATS_TEST_TMPDIR/target" "$BATS_TEST_TMPDIR/link.tsv"
	db_snapshot
	run -73 --separate-stderr case-add -k -j "$BATS_TEST_TMPDIR/link.tsv" < "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "$stderr" "case-add: $BATS_TEST_TMPDIR/link.tsv: is a symbolic link; a reject file holds personal data, so it is not written through one"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/target")" secret
	db_unchanged
}

# Finding 3: with a full disk while writing rejects, the good records were
# committed, then the command exited 74 (which says nothing was written),
# so a rerun doubled them.
@test "a reject file that cannot be written rolls the batch back: 74 means nothing was written" {
	[ -w /dev/full ] || skip "no /dev/full"
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	bad_intake
	db_snapshot
	run -74 --separate-stderr case-add -k -j /dev/full < "$BATS_TEST_TMPDIR/in.tsv"
	[[ "$stderr" == *"case-add: /dev/full: cannot write the rejected records: "*"; nothing was written" ]] ||
	    fail "unexpected message: $stderr"
	assert_output ""
	db_unchanged
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
}

# Finding 8: case-add --dry-run --name x --id-number N printed the real
# name of whoever holds N, with no audit row.
@test "case-add says an ID number is taken, not by whom" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	db_snapshot
	run -65 --separate-stderr case-add --dry-run --name x \
	    --id-number 340103194503120022 --community QH --risk low \
	    --category elderly
	assert_equal "${stderr_lines[0]}" "case-add: --name: 'x' is not the name recorded for this ID number (person 1; 'case-list --reveal' shows it, audited)"
	[[ "$output$stderr" != *张桂兰* ]]
	db_unchanged
}

# Finding 11: --format text printed ESC and BEL from the data, markdown
# printed raw HTML from the directory.
@test "text and markdown output escape ESC, BEL and markup from the data" {
	wushe-db init > /dev/null
	sed 's/    title: 海棠街道社工岗位购买(2019)/    title: "\\e[31m海棠\\a<b>x<\/b>"/' \
	    "$EXAMPLES/haitang.yaml" > "$BATS_TEST_TMPDIR/h.yaml"
	grep -q 'e\[31m' "$BATS_TEST_TMPDIR/h.yaml"
	wushe-db load "$BATS_TEST_TMPDIR/h.yaml" > /dev/null
	for f in text markdown; do
		grant-report --month 2019-05 --format $f > "$BATS_TEST_TMPDIR/out" || true
		run -1 grep -c "$(printf '[\033\007]')" "$BATS_TEST_TMPDIR/out"
	done
	# the markdown (the last one) holds no raw HTML
	run -1 grep -F '<b>' "$BATS_TEST_TMPDIR/out"
	run -0 grep -F '\<b\>x\</b\>' "$BATS_TEST_TMPDIR/out"
}

# ---- a safe copy for analysts

@test "snapshot --redact: a copy another account opens read-only, with no ID number, phone number, full birth date or note" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" \
	    "$EXAMPLES/haitang-volunteers.yaml" > /dev/null
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	visit-log --case 1 --minutes 30 --kind home --date 2019-06-10 \
	    --note 需要送药 --quiet
	d=$(mktemp -d /tmp/wushe-snap.XXXXXX)
	chmod 755 "$d"
	run -0 --separate-stderr wushe-db snapshot --redact "$d/s.db"
	assert_equal "$output$stderr" ""
	assert_equal "$(stat -c %a "$d/s.db")" 644
	# the file's bytes: no ID or phone number, full birth date or note
	# (the volunteer register's too: 340104195803151227, 13905510001)
	for s in 340103194503120022 340103194806070042 13912345678 \
	    1945-03-12 1948-06-07 需要送药 青华路1号 张桂兰 \
	    340104195803151227 13905510001 李秀英; do
		run -1 grep -c -a -F "$s" "$d/s.db"
	done
	# stable pseudonyms: the same number gives the same one next night
	p1=$(sqlite3 "$d/s.db" "SELECT id_number FROM person WHERE id = 1")
	[[ "$p1" =~ ^p[0-9a-f]{16}$ ]] || fail "not a pseudonym: $p1"
	wushe-db snapshot --redact --force "$d/s.db"
	assert_equal "$(sqlite3 "$d/s.db" "SELECT id_number FROM person WHERE id = 1")" "$p1"
	# the key stays in the source
	assert_equal "$(sqlite3 "$d/s.db" "SELECT count(*) FROM meta WHERE key = 'pseudonym_key'")" 0
	# every view is there, and another account opens it read-only
	assert_equal "$(sqlite3 "$d/s.db" "SELECT group_concat(name, ' ') FROM
	    (SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name)")" \
	    "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM
	    sqlite_master WHERE type = 'view' ORDER BY name)")"
	if command -v setpriv > /dev/null && [ "$(id -u)" = 0 ]; then
		run -0 nobody sqlite3 -readonly "$d/s.db" \
		    "SELECT birth_year, community FROM v_case WHERE case_id = 1"
		assert_output "1945|QH"
	fi
	# creating it is audited
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE op = 'snapshot'")" 2
	# an existing file is refused without --force
	db_snapshot
	run -73 --separate-stderr wushe-db snapshot --redact "$d/s.db"
	assert_equal "$stderr" "wushe-db: $d/s.db: already exists (use --force to replace it)"
	db_unchanged
	run -64 --separate-stderr wushe-db snapshot "$d/t.db"
	[[ "$stderr" == "wushe-db: snapshot: --redact is required"* ]]
	[ ! -e "$d/t.db" ]
	# v_visit carries the note in the snapshot only: empty without
	# --notes, kept with it
	run -1 grep -q -w note <<< "$(sql "SELECT sql FROM sqlite_master WHERE name = 'v_visit'")"
	assert_equal "$(sqlite3 "$d/s.db" "SELECT visit_id, community, note IS NULL FROM v_visit")" '1|QH|1'
	wushe-db snapshot --redact --notes "$d/n.db"
	assert_equal "$(sqlite3 "$d/n.db" "SELECT note FROM visit")" 需要送药
	assert_equal "$(sqlite3 "$d/n.db" "SELECT visit_id, note FROM v_visit")" '1|需要送药'
	rm -rf "$d"
}

# Finding 10: the 1 MiB line limit was bypassed by a quoted CSV field or a
# YAML block scalar: 100 MiB notes were stored (344 MB peak).
@test "a field over 256 KiB and a quoted csv record over 1 MiB are refused, nothing stored" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	db_snapshot
	# a note of 300 KiB on one line
	{ printf 'case_id\tminutes\tkind\tdate\tnote\n1\t30\thome\t2019-06-10\t'
	  head -c 307200 /dev/zero | tr '\0' a; printf '\n'; } > "$BATS_TEST_TMPDIR/v.tsv"
	run -65 --separate-stderr visit-log --import < "$BATS_TEST_TMPDIR/v.tsv"
	[[ "$stderr" == "visit-log: <stdin>:2: note: longer than 256 KiB (a field holds at most that)"* ]] ||
	    fail "unexpected message: $stderr"
	db_unchanged
	# a quoted csv field of 2 MiB over many short lines
	{ printf 'case_id,minutes,kind,date,note\n1,30,home,2019-06-10,"'
	  for i in $(seq 1 2100); do head -c 1000 /dev/zero | tr '\0' b; printf '\n'; done
	  printf '"\n'; } > "$BATS_TEST_TMPDIR/v.csv"
	run -65 --separate-stderr visit-log --import -I csv < "$BATS_TEST_TMPDIR/v.csv"
	[[ "$stderr" == "visit-log: <stdin>:2: record longer than 1 MiB (a quoted field not closed?)"* ]] ||
	    fail "unexpected message: $stderr"
	db_unchanged
	# a yaml block scalar of 300 KiB
	{ printf -- '- case_id: 1\n  minutes: 30\n  kind: home\n  date: 2019-06-10\n  note: |\n'
	  for i in $(seq 1 300); do printf '    '; head -c 1024 /dev/zero | tr '\0' c; printf '\n'; done
	} > "$BATS_TEST_TMPDIR/v.yaml"
	run -65 --separate-stderr visit-log --import -I yaml < "$BATS_TEST_TMPDIR/v.yaml"
	[[ "$stderr" == *"note: longer than 256 KiB (a field holds at most that)"* ]] ||
	    fail "unexpected message: $stderr"
	db_unchanged
}

# Readers of the live database that cannot create its -shm file got
# "unable to open database file": they are pointed to the snapshot.
@test "a reader who cannot create the -shm file is pointed to the snapshot (77)" {
	command -v setpriv > /dev/null || skip "no setpriv"
	[ "$(id -u)" = 0 ] || skip "needs root to run as another user"
	d=$(mktemp -d /tmp/wushe-shm.XXXXXX)
	chmod 755 "$d"
	WUSHE_DB="$d/w.db" wushe-db init > /dev/null
	chmod 644 "$d/w.db"
	[ ! -e "$d/w.db-shm" ]
	run -77 --separate-stderr nobody env WUSHE_DB="$d/w.db" case-list
	[[ "$stderr" == *"case-list: $d/w.db: cannot be read without write access to its folder (WAL mode needs its -shm file); read a copy made by 'wushe-db snapshot --redact' instead" ]] ||
	    fail "unexpected message: $stderr"
	assert_output ""
	# the snapshot opens for the same account (--force: the source is
	# 0644 here, and making the snapshot writes its audit row)
	WUSHE_DB="$d/w.db" wushe-db --force snapshot --redact "$d/s.db"
	run -0 nobody sqlite3 -readonly "$d/s.db" "SELECT count(*) FROM v_case"
	assert_output 0
	rm -rf "$d"
}

# ---- finding 5: a database file someone else created

# A database file owned by another user, or mode 0666 in a shared folder,
# was used after a warning.  Now personal data is not written into it
# (77, naming the file, its owner and mode, and --force); readers still
# read it (with the warning); --force writes.
@test "a database file that is not yours or that others can read or write is refused (77) unless --force" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	chmod 666 "$WUSHE_DB"
	db_snapshot
	run -77 --separate-stderr case-add --name 王 --community QH \
	    --risk low --category elderly
	assert_equal "$output" ""
	err_has "case-add: $WUSHE_DB: the database file is owned by $(id -un) with mode 0666 (others can read or write it); personal data is not written into it: make it yours with mode 0600 ('chmod 600 $WUSHE_DB'), or give --force"
	db_unchanged
	# a stream, too, and wushe-db load
	run -77 --separate-stderr visit-log --import \
	    <<< $'case_id\tminutes\tkind\tdate\n1\t30\thome\t2019-06-10'
	err_has "visit-log: $WUSHE_DB: the database file is owned by"
	db_unchanged
	run -77 --separate-stderr wushe-db load "$EXAMPLES/haitang.yaml"
	err_has "wushe-db: $WUSHE_DB: the database file is owned by"
	db_unchanged
	# a reader reads, with the warning
	run -0 --separate-stderr case-list
	err_has "case-list: $WUSHE_DB: warning: database is readable by others (mode 666); run 'chmod 600 $WUSHE_DB'"
	# --force writes
	run -0 --separate-stderr case-add --force --name 王 --community QH \
	    --risk low --category elderly
	assert_equal "$(sql "SELECT count(*) FROM cases")" 1
}

@test "a database file owned by another user is refused (77) unless --force" {
	[ "$(id -u)" = 0 ] || skip "needs root to give the file to another user"
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	chown nobody "$WUSHE_DB"
	db_snapshot
	run -77 --separate-stderr case-add --name 王 --community QH \
	    --risk low --category elderly
	err_has "case-add: $WUSHE_DB: the database file is owned by nobody with mode 0600 (not yours); personal data is not written into it: make it yours with mode 0600 ('chmod 600 $WUSHE_DB'), or give --force"
	db_unchanged
	run -0 --separate-stderr wushe-db --force load "$EXAMPLES/haitang.yaml"
}

# ---- finding 12, second half: a stream that stalls while holding the lock

# The write lock is taken with the first record; a stream that then
# stalled (a stuck upstream, a terminal left open) held it indefinitely,
# so every other writer gave up with 75.  The wait for each next record is
# now bounded by the busy timeout: the batch is rolled back (74, nothing
# written) and the lock released, so the other writer gets in.
@test "a stream that stalls after its first record does not hold the write lock: 74, nothing written, another writer gets in" {
	wushe-db init > /dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" > /dev/null
	case-add --name 王 --community QH --risk low --category elderly \
	    --worker W01 --opened 2019-06-01 > /dev/null
	db_snapshot
	mkfifo "$BATS_TEST_TMPDIR/in"
	WUSHE_BUSY_TIMEOUT=500 visit-log --import < "$BATS_TEST_TMPDIR/in" \
	    > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	# the header and one record, then nothing while the writer stays open
	exec 8> "$BATS_TEST_TMPDIR/in"
	printf 'case_id\tminutes\tkind\tdate\n1\t30\thome\t2019-06-10\n' >&8
	# another writer waits up to 5 s for the lock: it gets it once the
	# stalled import gives up after 0.5 s
	WUSHE_BUSY_TIMEOUT=5000 run -0 --separate-stderr visit-log -c 1 \
	    -D 2019-06-11 -m 20 -K phone -q
	rc=0; wait "$pid" || rc=$?
	exec 8>&-
	assert_equal "$rc" 74
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" "visit-log: <stdin>: the input stalled for 0.5 s after record 1 while the database was locked for writing; nothing was written (give the whole batch at once, or set WUSHE_BUSY_TIMEOUT)"
	# only the other writer's visit
	assert_equal "$(sql "SELECT date, minutes FROM visit")" '2019-06-11|20'
}

# The tables of later migrations (009 to 012) are in the one catalog: their
# rows are checked like the rest, and none has a hand-written trigger left.
@test "tamper: the volunteer register and the annual reports are audited from the catalog, and changes behind the audit are named" {
	street
	wushe-db load "$EXAMPLES/haitang-volunteers.yaml" > /dev/null
	annual-report --submit --org QZ-SW --year 2018 --date 2019-03-25
	assert_equal "$(sql "SELECT count(*) FROM audit_catalog WHERE tbl IN
	    ('volunteer', 'volunteer_service', 'volunteer_certificate',
	    'annual_event', 'annual_report', 'calendar_day', 'youth_home',
	    'youth_home_staff', 'visit_void', 'correction', 'period_lock',
	    'case_assignment', 'case_reopen')")" 13
	# every audited table has exactly its three catalog triggers
	assert_equal "$(sql "SELECT count(*) FROM audit_catalog c WHERE
	    (SELECT count(*) FROM sqlite_master t WHERE t.type = 'trigger'
	    AND t.tbl_name = c.tbl AND t.name LIKE '%audit%') <> 3")" 0
	run -0 --separate-stderr wushe-db check
	n=$(sql "SELECT max(id) FROM audit WHERE tbl = 'volunteer' AND row_key = 'V001'")
	tamper "UPDATE volunteer SET phone = '13900000000' WHERE code = 'V001'"
	check_names audited_rows "volunteer V001: differs from audit row $n (changed without the audit)"
	tamper "UPDATE volunteer SET phone = '13905510001' WHERE code = 'V001'"
	run -0 --separate-stderr wushe-db check
	k=$(sql "SELECT id FROM annual_event")
	n=$(sql "SELECT max(id) FROM audit WHERE tbl = 'annual_event' AND row_key = '$k'")
	tamper "DELETE FROM annual_event"
	check_names audited_rows "annual_event $k: is gone, but audit row $n does not delete it (deleted without the audit)"
}
