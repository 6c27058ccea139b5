#!/usr/bin/env bats
# The working-day calendar built into the binaries (lib/cal.c, the State
# Council's notices of 2018 to 2026) against an independent source: the
# npm package chinese-days, installed by this file's setup with the
# machine's npm into a temporary folder.  When npm or the registry cannot
# be reached the cross-check is skipped and says so in the TAP output
# ("# skip npm cannot reach ..."); in CI (CI set) it fails instead.  The
# 2019 dates are also checked by hand in tests/unit/test-cal.c.

load helper

# chinese-days is pinned: its data for these years is what was compared.
CHINESE_DAYS=chinese-days@1.5.7

setup_file() {
	export NPM_DIR="$BATS_FILE_TMPDIR/npm"
	mkdir -p "$NPM_DIR"
	if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
		echo "npm or node is not installed" > "$NPM_DIR/why"
	elif ! (cd "$NPM_DIR" && timeout 120 npm install --no-save \
	    --no-audit --no-fund --loglevel=error "$CHINESE_DAYS") \
	    > "$NPM_DIR/log" 2>&1; then
		echo "npm cannot reach the registry or install" \
		    "$CHINESE_DAYS: $(grep -m 1 error "$NPM_DIR/log")" > "$NPM_DIR/why"
	fi
}

setup() {
	setup_env
	if [ -f "$NPM_DIR/why" ]; then
		[ -z "${CI:-}" ] || fail "$(cat "$NPM_DIR/why") (CI must run" \
		    "the cross-check)"
		skip "$(cat "$NPM_DIR/why"): cross-check not run"
	fi
	wushe-db init >/dev/null
}

@test "2018 to 2026: every holiday and make-up workday agrees with chinese-days" {
	for y in 2018 2019 2020 2021 2022 2023 2024 2025 2026; do
		NODE_PATH="$NPM_DIR/node_modules" node \
		    "$FIXTURES/chinese-days.js" "$y" > "$BATS_TEST_TMPDIR/npm.$y"
		run -0 --separate-stderr annual-report --workdays --year "$y"
		[ -z "$stderr" ] || fail "$y: $stderr"
		echo "$output" > "$BATS_TEST_TMPDIR/ours.$y"
		diff "$BATS_TEST_TMPDIR/npm.$y" "$BATS_TEST_TMPDIR/ours.$y" ||
		    fail "$y: the shipped calendar differs from chinese-days" \
		    "(< chinese-days, > ours)"
	done
}

@test "the comparison is not empty: 2019 has its May Day make-up Sundays" {
	NODE_PATH="$NPM_DIR/node_modules" node "$FIXTURES/chinese-days.js" \
	    2019 > "$BATS_TEST_TMPDIR/npm"
	grep -q "^2019-04-28	7	1$" "$BATS_TEST_TMPDIR/npm"
	grep -q "^2019-05-05	7	1$" "$BATS_TEST_TMPDIR/npm"
	grep -q "^2019-05-02	4	0$" "$BATS_TEST_TMPDIR/npm"
}
