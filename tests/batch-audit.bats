#!/usr/bin/env bats
# batch-audit.bats - one audit row per bulk batch (issue 18,
# schema/017-batch-audit.sql): case-add reading a stream and visit-log
# --import audit their new rows with one row per table; single writes and
# corrections keep their audit row per record; wushe-db check holds the
# batches to their digests; the hash chain covers them.

load helper

setup() {
	setup_db
	# Four cases; the first has two categories: 4 people, 4 cases and
	# 2 + 1 + 1 + 1 = 5 categories.
	cp "$FIXTURES/case-intake.tsv" "$BATS_TEST_TMPDIR/cases.tsv"
	# Three visits to cases 1, 2 and 3 on three days, by their workers
	# (W01 has cases 1 and 2, W02 case 3): nothing overlaps.
	printf 'case_id\tminutes\tkind\tdate\n1\t30\thome\t2019-06-10\n2\t45\tphone\t2019-06-11\n3\t20\toffice\t2019-06-12\n' \
	    > "$BATS_TEST_TMPDIR/visits.tsv"
}

# err_has TEXT: stderr holds TEXT.
err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

intake() {
	case-add < "$BATS_TEST_TMPDIR/cases.tsv" > /dev/null
	visit-log --import --quiet < "$BATS_TEST_TMPDIR/visits.tsv"
}

# The input's SHA-256 as sha256sum prints it.
sha() {
	sha256sum < "$1" | cut -d' ' -f1
}

@test "batch audit: case-add of a stream writes one audit row per table, with the rows, the range and the input's SHA-256" {
	before=$(sql "SELECT count(*) FROM audit")
	case-add < "$BATS_TEST_TMPDIR/cases.tsv" > /dev/null
	# three rows, not 4 + 4 + 5 = 13: person, cases, case_category
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE id > $before")" 3
	s=$(sha "$BATS_TEST_TMPDIR/cases.tsv")
	run -0 sql "SELECT tbl, op, row_key, json_extract(new, '\$.rows'),
	    json_extract(new, '\$.column'), json_extract(new, '\$.input'),
	    json_extract(new, '\$.input_sha256'), os_user = '$(id -un)',
	    command LIKE 'case-add%', length(digest) FROM audit
	    WHERE id > $before ORDER BY tbl"
	assert_output "case_category|batch|1-4|5|case_id|<stdin>|$s|1|1|64
cases|batch|1-4|4|id|<stdin>|$s|1|1|64
person|batch|1-4|4|id|<stdin>|$s|1|1|64"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
}

@test "batch audit: visit-log --import writes one row for its visits; a single visit keeps its own insert row" {
	case-add < "$BATS_TEST_TMPDIR/cases.tsv" > /dev/null
	before=$(sql "SELECT max(id) FROM audit")
	visit-log --import --quiet < "$BATS_TEST_TMPDIR/visits.tsv"
	s=$(sha "$BATS_TEST_TMPDIR/visits.tsv")
	run -0 sql "SELECT tbl, op, row_key, json_extract(new, '\$.rows'),
	    json_extract(new, '\$.first'), json_extract(new, '\$.last'),
	    json_extract(new, '\$.input_sha256') FROM audit WHERE id > $before"
	assert_output "visit|batch|1-3|3|1|3|$s"
	before=$(sql "SELECT max(id) FROM audit")
	visit-log --case 4 --minutes 15 --kind phone --date 2019-06-13 --quiet
	run -0 sql "SELECT tbl, op, row_key FROM audit WHERE id > $before"
	assert_output "visit|insert|4"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
}

@test "batch audit: the next batch's range starts after the last one's" {
	intake
	visit-log --case 4 --minutes 15 --kind phone --date 2019-06-13 --quiet
	# visits 1-3 the first batch, 4 a single visit; two more a batch 5-6
	printf 'case_id\tminutes\tkind\tdate\n1\t30\thome\t2019-06-14\n2\t30\thome\t2019-06-15\n' |
	    visit-log --import --quiet
	run -0 sql "SELECT row_key, json_extract(new, '\$.rows') FROM audit
	    WHERE tbl = 'visit' AND op = 'batch' ORDER BY id"
	assert_output "1-3|3
5-6|2"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
}

@test "batch audit: a visit of a batch amended and another voided later are audited per record, and the check still holds" {
	intake
	visit-log --amend 2 --minutes 50 --reason "typed 45 for 50" --quiet
	visit-log --void 3 --reason "logged twice" --quiet
	run -0 sql "SELECT op, row_key, json_extract(old, '\$.minutes'),
	    json_extract(new, '\$.minutes') FROM audit WHERE tbl = 'visit'
	    AND op <> 'batch'"
	assert_output "update|2|45|50"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
	assert_line "$(printf 'audit_chain\tok\t')"
}

@test "batch audit: wushe-db audit --row finds the batch that holds a row" {
	intake
	run -0 --separate-stderr wushe-db audit --table visit --row 2 --format tsv
	assert_equal "${#lines[@]}" 2
	[[ "${lines[1]}" == *"	visit	batch	1-3	"* ]] || fail "got: ${lines[1]}"
}

# check_names DETAIL: wushe-db check exits 65 naming that audited_rows
# problem.
check_names() {
	run -65 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tproblem\t%s' "$1")"
	[[ "$stderr" == "wushe-db: check: "*" found" ]] ||
	    fail "unexpected message: $stderr"
}

@test "tamper: a batch's visit changed behind the audit is named by its batch" {
	intake
	b=$(sql "SELECT id FROM audit WHERE tbl = 'visit' AND op = 'batch'")
	sql_untracked "UPDATE visit SET minutes = 600 WHERE id = 2"
	check_names "visit 1-3: the rows of batch audit row $b (3 rows then, 3 now) differ from what it recorded (changed, added or removed without the audit)"
}

@test "tamper: a batch's visit deleted behind the audit is named by its batch" {
	intake
	b=$(sql "SELECT id FROM audit WHERE tbl = 'visit' AND op = 'batch'")
	sql_untracked "DELETE FROM visit WHERE id = 1"
	check_names "visit 1-3: the rows of batch audit row $b (3 rows then, 2 now) differ from what it recorded (changed, added or removed without the audit)"
}

@test "tamper: a category added behind the audit to a case of a batch is named by its batch" {
	intake
	b=$(sql "SELECT id FROM audit WHERE tbl = 'case_category' AND op = 'batch'")
	sql_untracked "INSERT INTO case_category VALUES (2, 'disabled')"
	check_names "case_category 1-4: the rows of batch audit row $b (5 rows then, 6 now) differ from what it recorded (changed, added or removed without the audit)"
}

@test "tamper: a visit added behind the audit above a batch has no audit row" {
	intake
	sql_untracked "INSERT INTO visit (id, case_id, worker, date, minutes,
	    kind) VALUES (9, 1, 'W01', '2019-06-20', 30, 'home')"
	check_names "visit 9: has no audit row (written without the audit)"
}

@test "tamper: a batch audit row's count edited is named by the chain" {
	intake
	b=$(sql "SELECT id FROM audit WHERE tbl = 'visit' AND op = 'batch'")
	sql "DROP TRIGGER audit_no_update;
	    UPDATE audit SET new = json_set(new, '\$.rows', 2) WHERE id = $b"
	run -65 --separate-stderr wushe-db check
	assert_line "$(printf 'audit_chain\tproblem\taudit row %s: its content does not match its hash (changed after it was written)' "$b")"
}

@test "batch audit: a refused import writes no audit row, database unchanged" {
	case-add < "$BATS_TEST_TMPDIR/cases.tsv" > /dev/null
	db_snapshot
	# case 99 does not exist: one bad record of two, nothing written
	printf 'case_id\tminutes\tkind\tdate\n1\t30\thome\t2019-06-10\n99\t30\thome\t2019-06-10\n' > "$BATS_TEST_TMPDIR/bad.tsv"
	run -65 --separate-stderr visit-log --import --quiet < "$BATS_TEST_TMPDIR/bad.tsv"
	err_has "1 of 2 records bad; nothing written"
	db_unchanged
	# a dry run writes nothing either
	run -0 --separate-stderr visit-log --import --quiet --dry-run < "$BATS_TEST_TMPDIR/visits.tsv"
	db_unchanged
}

@test "batch audit: with --keep-going the batch holds the good records only" {
	case-add < "$BATS_TEST_TMPDIR/cases.tsv" > /dev/null
	# records 1 and 3 are good, 2 names no case: a batch of 2 (ids 1-2)
	printf 'case_id\tminutes\tkind\tdate\n1\t30\thome\t2019-06-10\n99\t30\thome\t2019-06-10\n2\t30\thome\t2019-06-11\n' > "$BATS_TEST_TMPDIR/some.tsv"
	run -65 --separate-stderr visit-log --import --quiet -k \
	    -j "$BATS_TEST_TMPDIR/rejects.tsv" < "$BATS_TEST_TMPDIR/some.tsv"
	err_has "<stdin>:3: case_id:"
	run -0 sql "SELECT row_key, json_extract(new, '\$.rows') FROM audit
	    WHERE tbl = 'visit' AND op = 'batch'"
	assert_output "1-2|2"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
}

@test "batch audit: case-add from options and a piped visit-log keep their audit row per record" {
	case-add --name 赵一 --community QH --category elderly --risk low \
	    --worker W01 > /dev/null
	run -0 sql "SELECT tbl, op FROM audit WHERE command LIKE 'case-add%'
	    ORDER BY id"
	assert_output "person|insert
cases|insert
case_category|insert"
	echo 1 | visit-log --minutes 10 --kind phone --date 2019-06-15 --quiet
	run -0 sql "SELECT tbl, op, row_key FROM audit
	    WHERE command LIKE 'visit-log%'"
	assert_output "visit|insert|1"
}

@test "batch audit: a category of a batch removed and another added later are audited per record, and the check still holds" {
	intake
	# case 1 came with elderly and empty_nest (the batch's 5 rows)
	case-update --case 1 --remove-category empty_nest --add-category disabled \
	    --reason "复评" > /dev/null
	run -0 sql "SELECT op, row_key FROM audit WHERE tbl = 'case_category'
	    AND op <> 'batch' ORDER BY id"
	assert_output "delete|1/empty_nest
insert|1/disabled"
	run -0 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tok\t')"
	# and the removed row put back behind the audit is named by its batch
	b=$(sql "SELECT id FROM audit WHERE tbl = 'case_category' AND op = 'batch'")
	sql_untracked "UPDATE case_category SET category = 'elderly' WHERE
	    case_id = 3"
	run -65 --separate-stderr wushe-db check
	assert_line "$(printf 'audited_rows\tproblem\tcase_category 1-4: the rows of batch audit row %s (5 rows then, 5 now) differ from what it recorded (changed, added or removed without the audit)' "$b")"
}
