#!/usr/bin/env bats
# hostile.bats - hostile input (issue 6): YAML bombs and tricks for the
# directory and policy loaders, broken record streams for case-add and
# visit-log --import, and values that try to break SQL, dates and money.
# Each refused input: exit code, message, database unchanged.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	# two cases for the visits (ids 1, 2), both with W01, opened in March
	printf 'name\tcommunity\tcategories\trisk\tworker\topened\n' > "$T/c.tsv"
	printf '周桂英\tQH\telderly\thigh\tW01\t2019-03-04\n' >> "$T/c.tsv"
	printf '刘建国\tQH\telderly\tlow\tW01\t2019-03-11\n' >> "$T/c.tsv"
	case-add < "$T/c.tsv" > /dev/null
	CHEAD='name\tcommunity\tcategories\trisk\n'
	VHEAD='case_id\tworker\tdate\tminutes\tkind\tnote\n'
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "${stderr:0:2000}" >&2
		fail "stderr lacks: $1"
	fi
}

# refused_yaml FILE MESSAGE: wushe-db load and visit-log --policy both
# refuse FILE with exit 65 and MESSAGE; the database is unchanged.
refused_yaml() {
	db_snapshot
	run -65 --separate-stderr wushe-db load "$1"
	err_has "$1:$2"
	err_has 'nothing was loaded'
	db_unchanged
	run -65 --separate-stderr visit-log --due --policy "$1"
	err_has "$1:$2"
	assert_equal "$output" ''
	db_unchanged
}

# refused_stream PROG... : the command refuses $T/in with exit 65 and
# MESSAGE ($msg); nothing is written.
refused_stream() {
	db_snapshot
	run -65 --separate-stderr "$@" < "$T/in"
	err_has "$msg"
	db_unchanged
}

# ---------------------------------------------------------------- YAML

@test "yaml: a billion-laughs alias bomb is refused at the first anchor" {
	{
		echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]'
		for x in b c d e f g h i j; do
			p=$(printf '%s' "$x" | tr 'b-j' 'a-i')
			echo "$x: &$x [*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p]"
		done
		echo 'visits: *j'
	} > "$T/bomb.yaml"
	refused_yaml "$T/bomb.yaml" "1:4: anchor '&a': aliases are not supported"
}

@test "yaml: an alias deep in an ordinary file is refused" {
	printf 'communities:\n  - &q {code: X1, name: 甲}\n  - *q\n' > "$T/a.yaml"
	refused_yaml "$T/a.yaml" "2:5: anchor '&q': aliases are not supported"
}

@test "yaml: nesting 100,000 deep is refused, not a stack overflow" {
	awk 'BEGIN { printf "communities: "
	    for (i = 0; i < 100000; i++) printf "["
	    for (i = 0; i < 100000; i++) printf "]"
	    print "" }' > "$T/deep.yaml"
	refused_yaml "$T/deep.yaml" "1:77: nested deeper than 64 levels"
}

@test "yaml: deep block mappings are refused too" {
	awk 'BEGIN { for (i = 0; i < 200; i++) {
	    for (j = 0; j < i; j++) printf " "; print "k" i ":" } }' \
	    > "$T/deep.yaml"
	refused_yaml "$T/deep.yaml" "65:65: nested deeper than 64 levels"
}

@test "yaml: a scalar of 2 MiB is refused" {
	awk 'BEGIN { printf "communities:\n  - {code: X1, name: "
	    for (i = 0; i < 2048; i++) printf "%1024s", "a"; print "}" }' \
	    > "$T/huge.yaml"
	refused_yaml "$T/huge.yaml" "2:1045: value longer than 1 MiB"
}

@test "yaml: a duplicate key in a mapping is refused" {
	printf 'communities:\n  - {code: X1, name: 甲, name: 乙}\n' > "$T/d.yaml"
	refused_yaml "$T/d.yaml" "2:25: duplicate key 'name'"
}

@test "yaml: a duplicate top-level key is refused" {
	printf 'visits:\n  - {every_days: 7}\nvisits:\n  - {every_days: 9}\n' \
	    > "$T/d.yaml"
	refused_yaml "$T/d.yaml" "3:1: duplicate key 'visits'"
}

@test "yaml: tags are refused" {
	printf 'communities:\n  - {code: !!str X1, name: 甲}\n' > "$T/t.yaml"
	refused_yaml "$T/t.yaml" "2:12: tag 'tag:yaml.org,2002:str': tags are not supported"
	printf 'communities: !!python/object:os.system\n  - {code: X1, name: 甲}\n' \
	    > "$T/t.yaml"
	refused_yaml "$T/t.yaml" "1:14: tag 'tag:yaml.org,2002:python/object:os.system'"
}

@test "yaml: a second document is refused" {
	printf 'communities:\n  - {code: X1, name: 甲}\n---\ncommunities: []\n' \
	    > "$T/m.yaml"
	refused_yaml "$T/m.yaml" "3:1: more than one document (expected a single YAML document)"
}

@test "yaml: a mapping of 5,000 keys is refused" {
	awk 'BEGIN { print "visits:"; printf "  - {"
	    for (i = 0; i < 5000; i++) printf "k%d: 1, ", i; print "x: 1}" }' \
	    > "$T/k.yaml"
	refused_yaml "$T/k.yaml" "2:8896: more than 1000 keys in one mapping"
}

@test "yaml: GBK text is refused with a hint" {
	printf 'communities:\n  - {code: X1, name: \xd5\xc5\xc8\xfd}\n' > "$T/g.yaml"
	refused_yaml "$T/g.yaml" "2:"
	err_has 'iconv -f GBK -t UTF-8'
}

# -------------------------------------------------------------- streams

@test "streams: a 10 MB line is refused by case-add and visit-log" {
	{ printf "$CHEAD"; head -c 10485760 /dev/zero | tr '\0' a
	  printf '\tQH\telderly\tlow\n'; } > "$T/in"
	msg='<stdin>:2: line longer than 1 MiB'
	refused_stream case-add
	{ printf "$VHEAD"; printf '1\tW01\t2019-06-01\t30\thome\t'
	  head -c 10485760 /dev/zero | tr '\0' a; printf '\n'; } > "$T/in"
	refused_stream visit-log --import
}

@test "streams: a 10 MB header line is refused" {
	{ head -c 10485760 /dev/zero | tr '\0' a; printf '\n'; } > "$T/in"
	msg='<stdin>:1: line longer than 1 MiB'
	refused_stream case-add
	refused_stream visit-log --import
}

@test "streams: a NUL byte is refused" {
	printf "${CHEAD}张\0三\tQH\telderly\tlow\n" > "$T/in"
	msg='<stdin>:2: NUL byte'
	refused_stream case-add
	printf "${VHEAD}1\tW01\t2019-06-01\t30\thome\ta\0b\n" > "$T/in"
	refused_stream visit-log --import
}

@test "streams: invalid UTF-8 is refused" {
	printf "${CHEAD}ab\xff\xfe\tQH\telderly\tlow\n" > "$T/in"
	msg='<stdin>:2: not valid UTF-8'
	refused_stream case-add
	printf "${VHEAD}1\tW01\t2019-06-01\t30\thome\t\x80\n" > "$T/in"
	refused_stream visit-log --import
}

@test "streams: overlong UTF-8 and encoded surrogates are refused" {
	msg='<stdin>:2: not valid UTF-8'
	for bad in '\xc0\xaf' '\xe0\x80\xaf' '\xf0\x80\x80\xaf' '\xed\xa0\x80' \
	    '\xf4\x90\x80\x80'; do
		printf "${CHEAD}a${bad}b\tQH\telderly\tlow\n" > "$T/in"
		refused_stream case-add
		printf "${VHEAD}1\tW01\t2019-06-01\t30\thome\ta${bad}\n" > "$T/in"
		refused_stream visit-log --import
	done
}

@test "streams: GBK-encoded Chinese is refused with an iconv hint" {
	# 张三 and 血压正常 in GBK
	printf "${CHEAD}\xd5\xc5\xc8\xfd\tQH\telderly\tlow\n" > "$T/in"
	msg='iconv -f GBK -t UTF-8'
	refused_stream case-add
	printf "${VHEAD}1\tW01\t2019-06-01\t30\thome\t\xd1\xaa\xd1\xb9\xd5\xfd\xb3\xa3\n" \
	    > "$T/in"
	refused_stream visit-log --import
}

@test "streams: mixed CRLF and LF line ends are accepted, no CR stored" {
	printf 'name\tcommunity\tcategories\trisk\r\n甲\tQH\telderly\tlow\n乙\tQH\telderly\tlow\r\n' \
	    > "$T/in"
	run -0 --separate-stderr case-add < "$T/in"
	assert_equal "$(sql "SELECT group_concat(name, ',') FROM person WHERE id > 2")" '甲,乙'
	assert_equal "$(sql "SELECT count(*) FROM cases WHERE risk = 'low'")" 3
	printf 'case_id\tworker\tdate\tminutes\tkind\r\n1\tW01\t2019-06-01\t30\thome\r\n2\tW01\t2019-06-01\t30\tphone\n' \
	    > "$T/in"
	run -0 --separate-stderr visit-log --import < "$T/in"
	assert_equal "$(sql "SELECT group_concat(kind, ',') FROM visit")" 'home,phone'
	assert_equal "$(sql "SELECT count(*) FROM visit WHERE kind LIKE '%'||char(13)||'%'")" 0
}

@test "streams: a missing final newline is accepted" {
	printf "${CHEAD}丙\tQH\telderly\tlow" > "$T/in"
	run -0 --separate-stderr case-add < "$T/in"
	assert_equal "$(sql "SELECT name FROM person WHERE id = 3")" 丙
	printf "${VHEAD}1\tW01\t2019-06-01\t30\thome\t最后一行" > "$T/in"
	run -0 --separate-stderr visit-log --import < "$T/in"
	assert_equal "$(sql "SELECT note FROM visit")" 最后一行
}

@test "streams: a duplicate column is refused" {
	printf 'name\tcommunity\tname\tcategories\trisk\n丁\tQH\t戊\telderly\tlow\n' \
	    > "$T/in"
	msg="<stdin>:1: duplicate column 'name'"
	refused_stream case-add
	printf 'case_id\tworker\tdate\tminutes\tkind\tdate\n1\tW01\t2019-06-01\t30\thome\t2019-06-02\n' \
	    > "$T/in"
	msg="<stdin>:1: duplicate column 'date'"
	refused_stream visit-log --import
}

@test "streams: an unknown column is refused" {
	printf 'name\tcommunity\tcolour\tcategories\trisk\n丁\tQH\tred\telderly\tlow\n' \
	    > "$T/in"
	msg="<stdin>:1: unknown column 'colour'"
	refused_stream case-add
	printf 'case_id\tworker\tdate\tminutes\tkind\tcolour\n1\tW01\t2019-06-01\t30\thome\tred\n' \
	    > "$T/in"
	refused_stream visit-log --import
}

@test "streams: a csv quote left open at the end of input is refused" {
	printf 'name,community,categories,risk\n"丁,QH,elderly,low\n' > "$T/in"
	msg="<stdin>:2: quoted field not closed at the end of input"
	refused_stream case-add --input csv
	printf 'name,community,categories,risk\n丁,QH,elderly,"low' > "$T/in"
	refused_stream case-add --input csv
	printf 'case_id,worker,date,minutes,kind,note\n1,W01,2019-06-01,30,home,"a\n\nb\n' \
	    > "$T/in"
	refused_stream visit-log --import --input csv
}

# --------------------------------------------------------------- values

@test "values: an SQL injection as a name is stored literally" {
	run -0 --separate-stderr case-add --name "'; DROP TABLE cases; --" \
	    --community QH --category elderly --risk low
	assert_equal "$(sql "SELECT p.name FROM cases c JOIN person p ON p.id = c.person WHERE c.id = 3")" \
	    "'; DROP TABLE cases; --"
	assert_equal "$(sql "SELECT count(*) FROM cases")" 3
	printf "${CHEAD}Robert'); DROP TABLE person;--\tQH\telderly\tlow\n" > "$T/in"
	run -0 --separate-stderr case-add < "$T/in"
	assert_equal "$(sql "SELECT name FROM person WHERE id = 4")" \
	    "Robert'); DROP TABLE person;--"
	run -0 --separate-stderr visit-log --case 1 --minutes 30 --kind home \
	    --date 2019-06-01 --note "x'); DELETE FROM visit; --"
	assert_equal "$(sql "SELECT note FROM visit")" "x'); DELETE FROM visit; --"
	run -0 --separate-stderr case-list --need "%' OR '1'='1"
	assert_equal "${#lines[@]}" 1		# the header only
	run -0 --separate-stderr wushe-db check
	assert_equal "$(sql "SELECT count(*) FROM cases")" 4
}

@test "values: 2019-02-29 is refused as a date" {
	db_snapshot
	run -65 --separate-stderr case-add --name 甲 --community QH \
	    --category elderly --risk low --opened 2019-02-29
	err_has "--opened: '2019-02-29': no such day (February has 28 days in that year)"
	db_unchanged
	printf "${VHEAD}1\tW01\t2019-02-29\t30\thome\t\n" > "$T/in"
	msg="<stdin>:2: date: '2019-02-29'"
	refused_stream visit-log --import
}

@test "values: 0000-00-00 is refused as a date" {
	db_snapshot
	run -65 --separate-stderr case-add --name 甲 --community QH \
	    --category elderly --risk low --birth-date 0000-00-00
	err_has "--birth-date: '0000-00-00': year out of range (expected 1900 to 2999)"
	db_unchanged
	printf "${CHEAD%\\n}\topened\n甲\tQH\telderly\tlow\t0000-00-00\n" > "$T/in"
	msg="<stdin>:2: opened: '0000-00-00'"
	refused_stream case-add
	printf "${VHEAD}1\tW01\t0000-00-00\t30\thome\t\n" > "$T/in"
	msg="<stdin>:2: date: '0000-00-00'"
	refused_stream visit-log --import
}

@test "values: money over 64-bit fen in a directory amount is refused" {
	sed 's/amount: 50000$/amount: 92233720368547758.08/' \
	    "$EXAMPLES/haitang.yaml" > "$T/m.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load "$T/m.yaml"
	err_has "amount: '92233720368547758.08': too large (expected at most 92233720368547758.07 yuan)"
	db_unchanged
	sed 's/amount: 50000$/amount: 99999999999999999999999999/' \
	    "$EXAMPLES/haitang.yaml" > "$T/m.yaml"
	run -65 --separate-stderr wushe-db load "$T/m.yaml"
	err_has "too large"
	db_unchanged
}

@test "values: funding and payments that sum past 64-bit fen are refused" {
	max=92233720368547758.07
	sed -e "s/amount: 50000\$/amount: $max/" \
	    -e "s/{funder: HT-JD, amount: 30000}/{funder: HT-JD, amount: $max}/" \
	    -e "s/{funder: HF-BANK, amount: 20000}/{funder: HF-BANK, amount: 1}/" \
	    -e "s/{date: 2019-03-10, amount: 25000, note: 首期}/{date: 2019-03-10, amount: $max}\n      - {date: 2019-03-11, amount: $max}/" \
	    "$EXAMPLES/haitang.yaml" > "$T/m.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load "$T/m.yaml"
	err_has "funding: funders give over 92233720368547758.07 in all, more than the amount 92233720368547758.07"
	err_has "payments: payments total over 92233720368547758.07, more than the amount"
	db_unchanged
}

@test "values: payments kept in the database and in the file past 64-bit fen" {
	# the database keeps 25000.00 paid on 2019-03-10; the file pays the
	# most there is on 2019-03-12
	max=92233720368547758.07
	sed -e "s/amount: 50000\$/amount: $max/" \
	    -e "s/{funder: HF-BANK, amount: 20000}/{funder: HF-BANK, amount: 1}/" \
	    -e "s/{date: 2019-03-10, amount: 25000, note: 首期}/{date: 2019-03-12, amount: $max}/" \
	    "$EXAMPLES/haitang.yaml" > "$T/m.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load "$T/m.yaml"
	err_has "with the payments kept in the database, contract 'HT-2019-430' is paid over 92233720368547758.07"
	db_unchanged
}

@test "values: negative minutes are refused" {
	db_snapshot
	run -65 --separate-stderr visit-log --case 1 --minutes -5 --kind home \
	    --date 2019-06-01
	err_has "--minutes: '-5': not a number of minutes"
	db_unchanged
	printf "${VHEAD}1\tW01\t2019-06-01\t-40\thome\t\n" > "$T/in"
	msg="<stdin>:2: minutes: '-40': not a number of minutes"
	refused_stream visit-log --import
	printf "${VHEAD}1\tW01\t2019-06-01\t99999999999999999999\thome\t\n" > "$T/in"
	msg="<stdin>:2: minutes: '99999999999999999999': too large"
	refused_stream visit-log --import
}

@test "values: an ID number with a lower-case x is stored upper-case" {
	printf 'name\tid_number\tcommunity\tcategories\trisk\n孙芳\t34010319420505002x\tQH\telderly\tlow\n' \
	    > "$T/in"
	run -0 --separate-stderr case-add < "$T/in"
	assert_equal "$(sql "SELECT id_number FROM person WHERE name = '孙芳'")" \
	    34010319420505002X
	# the same person again with X is the same person, not a second one
	db_snapshot
	run -65 --separate-stderr case-add --name 孙芳 \
	    --id-number 34010319420505002X --community QH --category elderly \
	    --risk low
	err_has 'duplicate'
	db_unchanged
}
