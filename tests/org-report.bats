#!/usr/bin/env bats
# org-report: the register and the growth of social organisations, on
# tests/fixtures/growth-orgs.yaml, worked by hand for 2019 (on the
# register at the end of a day: registered on or before it, not
# deregistered on or before it):
#  sw_agency     S1 (2017): start 1, end 1; S2 registers in 2020: not
#                counted; S1's brand (2018) is not 2019's.
#  social_group  G1 (2010), G3 (2012, deregistered 2019-08-01): start 2;
#                G2 registered 2019-05-01, G3 deregistered: end G1, G2 =
#                2; growth 0/2 = 0.0%.
#  private_non_enterprise  P1 (2015), P2 (2018-12-31, the last day):
#                start 2, end 2.
#  foundation    F1 (2016, brand 2019-03-01): start 1; F2 registered
#                2019-12-31: end 2, growth 1/1 = 100.0%, 1 brand.
#  C1 is a community group (only on file): on no register.
#  Total: start 6, registered 2, deregistered 1, end 7; growth 1/6 =
#  16.67% -> 16.7% against 6% (met); brands 1 against 10 (behind): exit 2.

load helper

setup() {
	setup_env
	export WUSHE_TODAY=2020-06-30
	export WUSHE_DB=$BATS_TEST_TMPDIR/a.db
	wushe-db init >/dev/null
	wushe-db load "$FIXTURES/growth-orgs.yaml" >/dev/null 2>&1
}

# err_has TEXT: stderr contains TEXT.
err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

@test "--growth: per kind and in total, hand-worked; behind on brands exits 2" {
	run -2 --separate-stderr org-report --growth --year 2019 --format text
	[ -z "$stderr" ] || fail "stderr: $stderr"
	assert_output - <<'EOF'
Growth of social organisations 2019
site: a
  kind                         end of 2018  registered  deregistered  end of 2019  growth  brands named
  social-work agency                     1           0             0            1    0.0%             0
  social group                           2           1             1            2    0.0%             0
  private non-enterprise unit            2           0             0            2    0.0%             0
  foundation                             1           1             0            2  100.0%             1
  Total                                  6           2             1            7   16.7%             1

Targets
  measure       actual  target  standing
  growth         16.7%    6.0%  met
  brands named       1      10  behind
EOF
}

@test "--growth json: the records --merge reads" {
	run -2 --separate-stderr org-report --growth --year 2019 --format json
	assert_output - <<'EOF'
{"type":"report","site":"a","year":2019,"growth_target_pct":"6.0","brand_target":10,"ok":0}
{"type":"kind","site":"a","year":2019,"kind":"sw_agency","start":1,"registered":0,"deregistered":0,"end":1,"brands":0}
{"type":"kind","site":"a","year":2019,"kind":"social_group","start":2,"registered":1,"deregistered":1,"end":2,"brands":0}
{"type":"kind","site":"a","year":2019,"kind":"private_non_enterprise","start":2,"registered":0,"deregistered":0,"end":2,"brands":0}
{"type":"kind","site":"a","year":2019,"kind":"foundation","start":1,"registered":1,"deregistered":0,"end":2,"brands":1}
EOF
}

@test "--growth against the policy: Chengdu's preset, and targets met exit 0" {
	run -2 --separate-stderr org-report --growth --year 2019 \
	    --policy "$EXAMPLES/policy-chengdu-2019.yaml" --format text
	assert_line '  brands named       1      10  behind'
	printf 'org_growth:\n  growth_percent: 16.7\n  brands_per_year: 1\n' \
	    > "$BATS_TEST_TMPDIR/p.yaml"
	# 1/6 = 16.67% is not under 16.7%? it is: 1 x 10000 < 1670 x 6
	run -2 --separate-stderr org-report --growth --year 2019 \
	    --policy "$BATS_TEST_TMPDIR/p.yaml" --format text
	assert_line '  growth         16.7%   16.7%  behind'
	printf 'org_growth:\n  growth_percent: 16.66\n  brands_per_year: 1\n' \
	    > "$BATS_TEST_TMPDIR/p.yaml"
	run -0 --separate-stderr org-report --growth --year 2019 \
	    --policy "$BATS_TEST_TMPDIR/p.yaml" --format text
	assert_line '  brands named       1       1  met'
}

@test "--growth in Chinese and in the other formats" {
	run -2 --separate-stderr org-report --growth --year 2019 --format text --lang zh
	assert_line --index 0 '社会组织发展 2019'
	assert_line --partial '基金会'
	run -2 --separate-stderr org-report --growth --year 2019 --format tsv
	assert_line "$(printf 'Growth of social organisations 2019\tTotal\tend of 2019\t7\tcount')"
	run -2 --separate-stderr org-report --growth --year 2019 --format html
	assert_output --partial '<html'
	run -2 --separate-stderr org-report --growth --year 2019 --format markdown
	assert_output --partial '| foundation |'
}

@test "--merge: two sites added up" {
	org-report --growth --year 2019 --format json > "$BATS_TEST_TMPDIR/a.json" || true
	WUSHE_DB=$BATS_TEST_TMPDIR/b.db wushe-db init >/dev/null
	WUSHE_DB=$BATS_TEST_TMPDIR/b.db wushe-db load "$FIXTURES/growth-orgs.yaml" >/dev/null 2>&1
	WUSHE_DB=$BATS_TEST_TMPDIR/b.db org-report --growth --year 2019 \
	    --format json > "$BATS_TEST_TMPDIR/b.json" || true
	# twice the figures: 12 -> 14 is 2/12 = 16.7%, 2 brands of 10
	run -2 --separate-stderr org-report --merge --format text \
	    < <(cat "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json")
	assert_line 'site: a, b'
	assert_line '  Total                                 12           4             2           14   16.7%             2'
	run -2 --separate-stderr org-report --merge --format json \
	    < <(cat "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json")
	assert_line --index 0 '{"type":"report","site":"a, b","year":2019,"growth_target_pct":"6.0","brand_target":10,"ok":0}'
}

@test "--merge refuses mixed years, a site twice, and no report" {
	org-report --growth --year 2019 --format json > "$BATS_TEST_TMPDIR/a.json" || true
	run -65 --separate-stderr org-report --merge \
	    < <(cat "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/a.json")
	err_has "<stdin>:6: site: a second report of this site (expected each site once)"
	[ -z "$output" ] || fail "stdout: $output"
	org-report --growth --year 2018 --format json | sed 's/"site":"a"/"site":"b"/' \
	    > "$BATS_TEST_TMPDIR/b.json" || true
	run -65 --separate-stderr org-report --merge \
	    < <(cat "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json")
	err_has "<stdin>:6: year: another year than the first report's (expected reports of one year)"
	run -65 --separate-stderr org-report --merge < /dev/null
	err_has "no report (expected org-report --growth --format json records)"
	run -65 --separate-stderr org-report --merge <<< '{"type":"kind","site":"a","year":2019}'
	err_has "<stdin>:1: type: not a kind record of the report before it"
}

@test "--list: the register as of a date with the report standing" {
	# as of 2019-12-31: G3 is deregistered, S2 not yet registered, C1 a
	# community group; the 2018 reports were due 2019-03-31 and none was
	# received; G2 and F2 registered in 2019 need not report for 2018
	run -0 --separate-stderr org-report --list --as-of 2019-12-31 --format text
	assert_output - <<'EOF'
Register of social organisations as of 2019-12-31
Annual report 2018: due 2019-03-31
  org  name        kind                    county  supervisor_unit  registered  hub  brand_since  report_year  report
  F1   品牌基金会  foundation                                       2016-01-01  yes  2019-03-01   2018         overdue
  F2   年末基金会  foundation                                       2019-12-31  no                2018         not_required
  G1   书画协会    social_group                                     2010-01-01  no                2018         overdue
  G2   新协会      social_group                                     2019-05-01  no                2018         not_required
  P1   邻里中心    private_non_enterprise  庐阳区  区民政局         2015-01-01  no                2018         overdue
  P2   年末中心    private_non_enterprise                           2018-12-31  no                2018         overdue
  S1   社工中心    sw_agency                                        2017-01-01  no   2018-06-01   2018         overdue
EOF
}

@test "--list follows the filings" {
	annual-report --submit --org G1 --year 2019 --date 2020-03-02
	run -0 --separate-stderr org-report --list --format text
	assert_line --regexp '^  G1 .* 2019 +received$'
	assert_line --regexp '^  G2 .* 2019 +overdue$'
	assert_line --regexp '^  S2 .* 2019 +not_required$'
	refute_output --partial 'G3 '
}

@test "usage errors exit 64" {
	run -64 --separate-stderr org-report --growth
	err_has "--growth: needs --year"
	run -64 --separate-stderr org-report --list --year 2019
	err_has "--year: only with --growth"
	run -64 --separate-stderr org-report --merge --db x.db
	err_has "--merge: takes no database"
	run -64 --separate-stderr org-report --list --growth --year 2019
	err_has "with another mode"
	run -64 --separate-stderr org-report --list --format pdf
	err_has "org-report: --format: unknown format (expected text, markdown, csv, tsv, json, html or xlsx)"
	run -64 --separate-stderr org-report
	err_has "no mode"
	# the program's name once, not twice
	assert_equal "${stderr_lines[0]}" "org-report: no mode (expected --list, --growth or --merge)"
}

@test "the directory refuses a deregistration before the registration" {
	printf 'orgs:\n  - {code: X1, name: x, kind: foundation, registered: 2019-01-02, deregistered: 2019-01-01}\n' \
	    > "$BATS_TEST_TMPDIR/d.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	err_has "deregistered: '2019-01-01': before registered 2019-01-02 (expected the same day or later)"
	db_unchanged
	printf 'calendar:\n  holidays: [2027-01-01]\n  workdays: [2027-01-01]\n' \
	    > "$BATS_TEST_TMPDIR/d.yaml"
	run -65 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	err_has "calendar.workdays: '2027-01-01': also listed as a holiday (expected each day in one list)"
	db_unchanged
	printf 'calendar:\n  holiday: [2027-01-01]\n' > "$BATS_TEST_TMPDIR/d.yaml"
	run -65 --separate-stderr wushe-db load "$BATS_TEST_TMPDIR/d.yaml"
	err_has "holiday: unknown key"
	db_unchanged
}
