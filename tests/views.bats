#!/usr/bin/env bats
# The analysts' views (schema/002-views.sql, schema/003-intern.sql), read
# the way README's "For analysts" section does: the sqlite3 shell, the
# database opened read-only.  No full ID number or phone number comes out
# of any view, in any of the shell's output modes; the masked forms are
# exactly the documented ones (ID: first 6, 8 stars, last 4; phone: first
# 3, 4 stars, last 4).

load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	wushe-db load "$FIXTURES/intern-directory.yaml" > /dev/null 2>&1
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	visit-log --case 1 --minutes 30 --kind home --date 2019-06-10 \
	    --note 'called 13912345678' > /dev/null
	visit-log --case 3 --minutes 20 --kind phone --date 2019-06-11 \
	    > /dev/null
	intern-hours -i N01 -D 2018-03-01 --hours 8 --task a > /dev/null
	intern-hours -i N05 -D 2018-03-02 --hours 6 --task b > /dev/null
}

# analyst VIEW: every row of VIEW in each of the shell's output modes
analyst() {
	local m
	for m in -box -json -csv -tabs -line -list; do
		sqlite3 -readonly $m "$WUSHE_DB" "SELECT * FROM $1"
	done
}

# no_full VIEW: no full ID or phone number of the database in VIEW
no_full() {
	local v
	analyst "$1" > "$T/$1.out"
	[ -s "$T/$1.out" ] || fail "$1: nothing read"
	sql "SELECT id_number FROM person WHERE id_number IS NOT NULL
	    UNION SELECT phone FROM person WHERE phone IS NOT NULL
	    UNION SELECT id_number FROM intern WHERE id_number IS NOT NULL" \
	    > "$T/full"
	# the values this test put in: none missing from the database
	for v in 340103194503120022 340103194806070042 340103195211200017 \
	    13912345678 0551-62345678 440605199903151238 440605199811201242; do
		grep -qxF "$v" "$T/full" || fail "$v is not in the database"
	done
	while read -r v; do
		if grep -qF "$v" "$T/$1.out"; then
			grep -nF "$v" "$T/$1.out" | head -3 >&2
			fail "$1 shows the full number $v"
		fi
	done < "$T/full"
}

@test "views: v_case shows no full ID or phone number, masked as documented" {
	no_full v_case
	run -0 sqlite3 -readonly "$WUSHE_DB" "SELECT case_id, id_number,
	    phone FROM v_case ORDER BY case_id"
	assert_output "1|340103********0022|139****5678
2|340103********0042|
3|340103********0017|055****5678
4||"
	# every case is in the view
	assert_equal "$(sqlite3 -readonly "$WUSHE_DB" 'SELECT count(*) FROM v_case')" 4
}

@test "views: v_visit shows no full ID or phone number" {
	no_full v_visit
	assert_equal "$(sqlite3 -readonly "$WUSHE_DB" "SELECT visit_id,
	    case_id, date, minutes, kind, community FROM v_visit
	    ORDER BY visit_id")" "1|1|2019-06-10|30|home|QH
2|3|2019-06-11|20|phone|HTS"
}

@test "views: v_intern_hours shows no full ID or phone number" {
	no_full v_intern_hours
	assert_equal "$(sqlite3 -readonly "$WUSHE_DB" "SELECT intern, name,
	    date, minutes FROM v_intern_hours ORDER BY entry_id")" \
	    "N01|何子琪|2018-03-01|480
N05|梁颖|2018-03-02|360"
}

@test "views: the README's analyst query runs read-only" {
	run -0 --separate-stderr sqlite3 -readonly -box "$WUSHE_DB" \
	    "SELECT community, risk, count(*) FROM v_case
	    WHERE status = 'open' GROUP BY 1, 2"
	assert_equal "$stderr" ""
	assert_line --partial "│ QH        │ high   │ 1        │"
	db_snapshot
	run ! --separate-stderr sqlite3 -readonly "$WUSHE_DB" \
	    "CREATE TABLE analyst_notes (note TEXT)"
	assert_regex "$stderr" "attempt to write a readonly database"
	db_unchanged
}
