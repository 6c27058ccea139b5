# corrections.bash - shared by the corrections suites (corrections.bats,
# corrections-activity.bats, case-update.bats): their fixtures and
# helpers.  Load with: load corrections

# The eight cases of the due fixture (ids 1..8), case 5 closed on 05-20,
# and the visits 1..10 of visit-history.tsv, in a Haitang database.
visit_fixture() {
	setup_db
	T=$BATS_TEST_TMPDIR
	POLICY=$FIXTURES/visit-policy.yaml
	case-add < "$FIXTURES/visit-cases.tsv" > /dev/null
	case-close -r moved_away -D 2019-05-20 5 > /dev/null
	visit-log --import < "$FIXTURES/visit-history.tsv" > /dev/null
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

# The grant fixture of grant-report.bats (February 2020), in this test's
# database; visits 1..13 in the order of grant-visits.tsv, activities
# 1..6 in the order of grant-activities.tsv.
grant_fixture() {
	rm -f "$WUSHE_DB"
	export WUSHE_TODAY=2020-03-10
	wushe-db init > /dev/null
	wushe-db load "$FIXTURES/grant-dir.yaml" > /dev/null
	case-add < "$FIXTURES/grant-cases.tsv" > /dev/null
	visit-log --import < "$FIXTURES/grant-visits.tsv" > /dev/null
	activity-log --import < "$FIXTURES/grant-activities.tsv" > /dev/null
}

# figure CONTRACT MEASURE: "actual,actual_to_date" of February 2020.
figure() {
	grant-report --month 2020-02 --format csv |
	    awk -F, -v c="$1" -v m="$2" '$2 == c && $3 == m { print $6 "," $7 }'
}
