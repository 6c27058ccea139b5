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
		# the usage: --help's lines up to the blank line before the
		# options' descriptions
		"$b" --help | sed '/^$/,$d' > "$BATS_TEST_TMPDIR/help"
		mandoc -Tmarkdown "$page" |
		    sed -n '/^# SYNOPSIS/,/^# DESCRIPTION/p' > "$BATS_TEST_TMPDIR/man"
		flags "$BATS_TEST_TMPDIR/help" > "$BATS_TEST_TMPDIR/help.f"
		flags "$BATS_TEST_TMPDIR/man" > "$BATS_TEST_TMPDIR/man.f"
		[ -s "$BATS_TEST_TMPDIR/man.f" ] || fail "$b: no options in SYNOPSIS"
		diff "$BATS_TEST_TMPDIR/help.f" "$BATS_TEST_TMPDIR/man.f" ||
		    fail "$b: --help usage and SYNOPSIS differ (< help, > man)"
		longs "$BATS_TEST_TMPDIR/help" > "$BATS_TEST_TMPDIR/help.l"
		longs "$BATS_TEST_TMPDIR/man" > "$BATS_TEST_TMPDIR/man.l"
		diff "$BATS_TEST_TMPDIR/help.l" "$BATS_TEST_TMPDIR/man.l" ||
		    fail "$b: long options of --help usage and SYNOPSIS differ"
	done
}

# longs FILE: the long options named in a usage text, one a line
longs() {
	sed 's/&#45;/-/g' "$1" | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

# The letter table of wushe(7), "letter name" a line.
letter_table() {
	sed -n 's/^\.It Fl \(.\) Ta Fl Fl \([a-z-]*\)$/\1 \2/p' \
	    "$BATS_TEST_DIRNAME/../man/wushe.7"
}

@test "every binary: --help describes every option, one line each" {
	for b in $(binaries); do
		"$b" --help | sed '1,/^$/d' > "$BATS_TEST_TMPDIR/opts"
		[ -s "$BATS_TEST_TMPDIR/opts" ] || fail "$b: no option described"
		re='^  (-[A-Za-z],|   ) --[a-z][a-z-]*( [^ ]+)? +[^ ]'
		while IFS= read -r l; do
			[[ "$l" =~ $re ]] ||
			    fail "$b: not an option with its description: '$l'"
		done < "$BATS_TEST_TMPDIR/opts"
		# every option of the usage is described
		for o in $("$b" --help | sed '/^$/,$d' | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
			grep -qE -- "^  (-., |    )$o( |\$)" "$BATS_TEST_TMPDIR/opts" ||
			    fail "$b: $o is in the usage but not described"
		done
	done
}

@test "every binary: short letters follow the one table of wushe(7)" {
	letter_table > "$BATS_TEST_TMPDIR/table"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/table")" -gt 30 ] || fail "no table in wushe(7)"
	# a letter names one long option, a long option has one letter
	[ -z "$(cut -d' ' -f1 "$BATS_TEST_TMPDIR/table" | sort | uniq -d)" ] ||
	    fail "a letter twice in the table"
	[ -z "$(cut -d' ' -f2 "$BATS_TEST_TMPDIR/table" | sort | uniq -d)" ] ||
	    fail "a long option twice in the table"
	for b in $(binaries); do
		"$b" --help | sed '1,/^$/d' > "$BATS_TEST_TMPDIR/opts"
		while read -r c name; do
			grep -qE -- "^      --$name( |\$)" "$BATS_TEST_TMPDIR/opts" &&
			    fail "$b: --$name has no short form, the table says -$c"
			if grep -qE -- "^  -$c, --" "$BATS_TEST_TMPDIR/opts"; then
				grep -qE -- "^  -$c, --$name( |\$)" "$BATS_TEST_TMPDIR/opts" ||
				    fail "$b: -$c is not --$name as the table says"
			fi
		done < "$BATS_TEST_TMPDIR/table"
		# every letter the command has is in the table
		for c in $(sed -n 's/^  -\(.\), --.*/\1/p' "$BATS_TEST_TMPDIR/opts"); do
			grep -q "^$c " "$BATS_TEST_TMPDIR/table" ||
			    fail "$b: -$c is not in the table of wushe(7)"
		done
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

# complete WORDS...: the candidates bash completion offers for the last
# word, one a line (tools/wushe.bash, as make install puts it).
complete_words() {
	sed "s/@CMDS@/$(binaries | tr '\n' ' ')/" \
	    "$BATS_TEST_DIRNAME/../tools/wushe.bash" > "$BATS_TEST_TMPDIR/comp.bash"
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	    _wushe; printf "%s\n" "${COMPREPLY[@]}"' _ "$BATS_TEST_TMPDIR/comp.bash" "$@" |
	    sort
}

@test "every binary: bash completion offers exactly the options of --help" {
	for b in $(binaries); do
		"$b" --help | sed '1,/^$/d' | cut -c 1-30 |
		    grep -oE -- '(^  -[A-Za-z]|--[a-z][a-z-]*)' |
		    sed 's/^ *//' | sort > "$BATS_TEST_TMPDIR/want"
		complete_words "$b" - > "$BATS_TEST_TMPDIR/got"
		diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got" ||
		    fail "$b: completion and --help differ"
	done
}

@test "bash completion: words of an option, and codes from the database" {
	run -0 complete_words grant-report --format ''
	assert_output "$(printf '%s\n' csv html json markdown text tsv)"
	run -0 complete_words case-list --risk m
	assert_output medium
	setup_db
	run -0 complete_words visit-log -w ''
	assert_output "$(sqlite3 "$WUSHE_DB" 'SELECT code FROM worker ORDER BY 1')"
	run -0 complete_words case-add -N ''
	assert_output "$(sqlite3 "$WUSHE_DB" 'SELECT code FROM community ORDER BY 1')"
}
