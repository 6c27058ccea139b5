#!/usr/bin/env bats
# case-update (issue 12): a case's fields corrected, checked as at
# intake, with the reason in the case's history; --reopen.  Moved here
# from corrections.bats, every assertion kept.

bats_require_minimum_version 1.5.0
load helper
load corrections

setup() {
	visit_fixture
}

@test "case-update: risk and phone, checked, in the history with the reason" {
	run -0 --separate-stderr case-update --case 2 --risk high \
	    --phone 13912345678 --reason 'fell at home on 06-10'
	assert_output "$(printf 'case_id\tfield\told\tnew\treason\n2\trisk\tmedium\thigh\tfell at home on 06-10\n2\tphone\t\t139****5678\tfell at home on 06-10')"
	assert_equal "$(sql "SELECT risk FROM cases WHERE id = 2")" high
	assert_equal "$(sql "SELECT phone FROM person WHERE id = 2")" 13912345678
	run -0 case-list --history 2 -H
	assert_line --partial "$(printf 'risk\tmedium\thigh')"
	assert_line --partial "$(printf 'phone\t\t139****5678')"
	assert_line --partial "$(printf 'reason\t\tfell at home on 06-10')"
}

@test "case-update: phone numbers fixed from a CSV of corrections" {
	printf 'case_id,phone,reason\n1,13800138000,called back\n3,0551-62345678,school form\n' > "$T/phones.csv"
	run -0 --separate-stderr case-update -I csv < "$T/phones.csv"
	assert_equal "$(sql "SELECT id, phone FROM person WHERE id IN (1, 3) ORDER BY id")" \
	    "$(printf '1|13800138000\n3|0551-62345678')"
}

@test "case-update: the refusals, each leaving the database alone" {
	case-update -c 1 --id-number 340104193902150028 -r 'card seen' > /dev/null
	db_snapshot
	run -65 --separate-stderr case-update -c 99 --risk low -r x
	err_has 'case-update: --case: unknown case 99'
	db_unchanged
	run -65 --separate-stderr case-update -c 1 --risk low
	err_has 'case-update: --reason: missing (every correction says why)'
	db_unchanged
	run -65 --separate-stderr case-update -c 1 --risk high -r x
	err_has 'case-update: case 1: nothing to change (give a field with a new value)'
	db_unchanged
	# another person's number, named by its case
	run -65 --separate-stderr case-update -c 8 --id-number 340104193902150028 -r x
	err_has '--id-number: this ID number is already held by person 1 (case 1)'
	db_unchanged
	# an intake rule: the number says born 1939-02-15, case 8 was 1936
	run -65 --separate-stderr case-update -c 8 --id-number 340104193902150044 -r x
	err_has 'says born 1939-02-15, but the person is recorded as born 1936-12-01'
	db_unchanged
	run -65 --separate-stderr case-update -c 1 --phone 12345 -r x
	err_has '--phone: not a phone number'
	db_unchanged
	run -65 --separate-stderr case-update -c 1 --risk severe -r x
	err_has "--risk: unknown risk 'severe' (expected low, medium or high)"
	db_unchanged
	run -65 --separate-stderr case-update -c 3 --remove-category child -r x
	err_has "--remove-category: 'child' is the only category of case 3 (a case keeps at least one)"
	db_unchanged
	run -65 --separate-stderr case-update -c 5 -w W01 -r x
	err_has 'case 5 is closed (on 2019-05-20); reopen it first'
	db_unchanged
}

@test "reopen: a reopened case comes back on the due list from its reopening" {
	# case 5 (family, medium: every 90 days) closed on 05-20: not listed
	run -1 visit-log --due -P "$POLICY" -H
	refute_line --regexp '^5'$'\t'
	run -0 --separate-stderr case-update --reopen --case 5 --date 2019-06-01 \
	    --reason 'closed by mistake'
	# no contact since the reopening: due from 06-01, 14 days on 06-15
	# (from its opening it would be 05-06, 40 days)
	run -1 visit-log --due -P "$POLICY" -H
	assert_line "$(printf '5\t赵*\tQH\tW02\t\t2019-06-01\t14\tmedium\tfamily')"
	assert_equal "$(sql "SELECT status, closed FROM cases WHERE id = 5")" 'open|'
	assert_equal "$(sql "SELECT date, closed, reason FROM case_reopen")" \
	    '2019-06-01|2019-05-20|closed by mistake'
	run -0 case-list --history 5 -H
	assert_line --partial "$(printf 'closed\t\t2019-05-20')"
	assert_line --partial "$(printf 'reopened\t2019-05-20\t2019-06-01')"
	db_snapshot
	run -65 --separate-stderr case-update --reopen -c 5 -r again
	err_has 'case-update: --reopen: case 5 is open (nothing to reopen)'
	db_unchanged
}
