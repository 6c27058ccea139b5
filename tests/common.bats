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

# The exit-code rule of wushe(7) (issue 13): for every command, a bad
# value of an option that steers it is a usage error (64, with the
# usage); a bad value of an option that gives a record's field is bad
# data (65), as in a stream; no cases piped in is exit 0 and a note.
# Each line: command, then 64 or 65, then the arguments.
exit_rule_cases() {
	cat <<'CASES'
activity-log 64 --list --month 2019-13
annual-report 64 -S -y 2018 --as-of 2019-02-30
annual-report 65 --submit -o HT-SOC -y 2018 -D 2019-02-30
activity-log 65 --date 2019-02-30 -m 30 -K community -N QH
case-add 64 --format nope --name x -N QH --category elderly --risk low
case-add 65 --risk huge --name x -N QH --category elderly
case-assign 64 --format nope --to W02 1
case-assign 65 --to NOBODY 1
case-close 64 --format nope -r goal_met 1
case-update 64 --format nope --case 1 --risk high --reason x
case-update 65 --case 1 --risk huge --reason x
case-close 65 --date 2019-02-30 -r goal_met 1
case-list 64 --since 2019-02-30
grant-report 64 --month 2019-13
intern-hours 64 --report -A 2019-02-30
org-report 64 -l -A 2019-02-30
intern-hours 65 -i N01 -D 2019-02-30 --hours 1
visit-log 64 --list --month 2019-13
volunteer-hours 64 --report -M 2019-13
volunteer-hours 65 -o HT-SOC -D 2019-06-01 --hours 1 --volunteer V1
workforce-report 64 -A 2019-02-30
visit-log 65 -c 1 -m 30 -K home -D 2019-02-30
wushe-db 64 audit --since 2019-02-30
CASES
}

@test "every binary: steering options exit 64, record fields 65 (wushe(7))" {
	setup_db
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	db_snapshot
	exit_rule_cases | cut -d' ' -f1 | sort -u > "$BATS_TEST_TMPDIR/have"
	binaries | sort > "$BATS_TEST_TMPDIR/all"
	diff "$BATS_TEST_TMPDIR/all" "$BATS_TEST_TMPDIR/have" ||
	    fail "a command without its exit-code cases"
	while read -r b code args; do
		# shellcheck disable=SC2086
		run --separate-stderr "$b" $args < /dev/null
		[ "$status" -eq "$code" ] ||
		    fail "$b $args: exit $status, expected $code ($stderr)"
		[ -z "$output" ] || fail "$b $args wrote to stdout"
		if [ "$code" -eq 64 ]; then
			[[ "$stderr" == *"usage: $b"* ]] || fail "$b $args: no usage"
		else
			[[ "$stderr" != *"usage: "* ]] || fail "$b $args: usage for data"
		fi
	done < <(exit_rule_cases)
	db_unchanged
}

@test "no cases piped in: exit 0 and a note, nothing written (wushe(7))" {
	setup_db
	case-add < "$FIXTURES/case-intake.tsv" > /dev/null
	db_snapshot
	run -0 --separate-stderr case-assign --to W02 < /dev/null
	assert_equal "$stderr" 'case-assign: <stdin>: no cases in the input; nothing assigned'
	run -0 --separate-stderr case-close -r goal_met < /dev/null
	assert_equal "$stderr" 'case-close: <stdin>: no cases in the input; nothing closed'
	run -0 --separate-stderr visit-log -m 30 -K home < /dev/null
	assert_equal "$stderr" 'visit-log: <stdin>: no cases in the input; nothing logged'
	# an empty list upstream is not a failure of the pipeline
	case-list --worker W03 | case-assign --to W01 > /dev/null 2>&1
	assert_equal "${PIPESTATUS[*]}" '0 0'
	db_unchanged
}
