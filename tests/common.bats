#!/usr/bin/env bats
# Conventions every binary follows: --help, --version, a usage error for an
# unknown option, a man page whose SYNOPSIS names the same options as the
# usage --help prints (as git's t0450 does), and a write error on a full stdout.

load helper

setup() { setup_env; }

binaries() {
	local f
	for f in "$BATS_TEST_DIRNAME"/../cmd/*.c; do
		basename "$f" .c
	done
}

@test "every binary: --help prints usage on stdout and exits 0" {
	for b in $(binaries); do
		run --separate-stderr "$b" --help
		assert_success
		assert_output --partial "usage: $b"
		[ -z "$stderr" ] || fail "$b --help wrote to stderr: $stderr"
	done
}

@test "every binary: --version names the program and the release" {
	for b in $(binaries); do
		run --separate-stderr "$b" --version
		assert_success
		assert_output --regexp "^$b \(wushe\) [0-9]+\.[0-9]+\.[0-9]+$"
	done
}

@test "every binary: an unknown option is a usage error (64) on stderr" {
	for b in $(binaries); do
		run -64 --separate-stderr "$b" --no-such-option
		[ -z "$output" ] || fail "$b wrote to stdout: $output"
		[[ "$stderr" == *"$b"* ]] || fail "$b: message lacks the name: $stderr"
		[[ "$stderr" == *usage* ]] || fail "$b: no usage line: $stderr"
		[[ "$stderr" == *"'--no-such-option'"* ]] ||
		    fail "$b: message lacks the option: $stderr"
	done
	[ ! -e "$WUSHE_DB" ] || fail "a usage error created the database"
}

# flags FILE: the single-letter options named in a usage text, one a line
flags() {
	grep -oE -- '(^|[][ |*;(])-[A-Za-z]+' "$1" | sed 's/^[^-]*-//' |
	    fold -w1 | sort -u
}

@test "every binary: --help usage and the man page SYNOPSIS name the same options" {
	for b in $(binaries); do
		page="$BATS_TEST_DIRNAME/../man/$b.1"
		[ -f "$page" ] || fail "no man page for $b"
		"$b" --help | sed '/--[a-z]/,$d; /^$/,$d' > "$BATS_TEST_TMPDIR/help"
		mandoc -Tmarkdown "$page" |
		    sed -n '/^# SYNOPSIS/,/^# DESCRIPTION/p' > "$BATS_TEST_TMPDIR/man"
		flags "$BATS_TEST_TMPDIR/help" > "$BATS_TEST_TMPDIR/help.f"
		flags "$BATS_TEST_TMPDIR/man" > "$BATS_TEST_TMPDIR/man.f"
		[ -s "$BATS_TEST_TMPDIR/man.f" ] || fail "$b: no options in SYNOPSIS"
		diff "$BATS_TEST_TMPDIR/help.f" "$BATS_TEST_TMPDIR/man.f" ||
		    fail "$b: --help usage and SYNOPSIS differ (< help, > man)"
	done
}

@test "every binary: a full disk on stdout is an error (74), not silence" {
	[ -w /dev/full ] || skip "no /dev/full"
	for b in $(binaries); do
		run -74 --separate-stderr bash -c "$b --version > /dev/full"
		[[ "$stderr" == *"$b: error writing standard output"* ]] ||
		    fail "$b: wrong message: $stderr"
	done
}
