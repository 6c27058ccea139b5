#!/usr/bin/env bats
# Excel in, Excel out (issue 14): what Excel writes is read, what offices
# read is written as a workbook, and spreadsheets never run a cell.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	READ="/usr/bin/python3 $BATS_TEST_DIRNAME/xlsx2tsv.py"
}

# The cases as listed, from a database where the clean tsv was imported
# (the reference every Excel-made file must match).
reference() {
	case-add < "$FIXTURES/excel-cases-clean.tsv" > /dev/null
	case-list --reveal > "$T/want.tsv"
	rm -f "$WUSHE_DB"*
	setup_db
}

err_has() {
	[[ $stderr == *"$1"* ]] || fail "stderr lacks '$1': $stderr"
}

@test "excel: BOM, CRLF, Chinese headers and values, Excel dates, ,,, rows: as the clean tsv" {
	reference
	run -0 --separate-stderr case-add < "$FIXTURES/excel-cases.csv"
	run -0 case-list --reveal
	assert_equal "$output" "$(cat "$T/want.tsv")"
	# 1945/3/12 became 1945-03-12; 老年人、空巢老人 two categories; w01 W01;
	# " qh " trimmed and matched; Low low
	run -0 sql "SELECT p.birth_date, c.risk, c.worker, c.community FROM person p JOIN cases c ON c.person = p.id ORDER BY c.id"
	assert_output "1945-03-12|high|W01|QH
1948-06-07|medium|W01|QH
1952-11-20|low|W02|HTS"
}

@test "excel: GBK csv is refused once with the hint, not once a line" {
	db_snapshot
	run -65 --separate-stderr case-add < "$FIXTURES/excel-cases-gbk.csv"
	# the header is line 1: its hint is the one; later lines are short
	assert_equal "${stderr_lines[0]}" 'case-add: <stdin>:1: not valid UTF-8 (convert it first, e.g. iconv -f GBK -t UTF-8)'
	assert_equal "$(grep -c 'iconv' <<<"$stderr")" 1
	db_unchanged
}

@test "excel: UTF-16 text is named, not a NUL byte" {
	db_snapshot
	run -65 --separate-stderr case-add < "$FIXTURES/excel-cases-utf16.txt"
	err_has "<stdin>:1: UTF-16 text (Excel's \"Unicode text\"), not UTF-8"
	[[ $stderr != *NUL* ]] || fail "NUL named: $stderr"
	db_unchanged
}

@test "excel: an impossible or ambiguous date is still refused" {
	for d in 2019/2/30 2019/13/1 19/6/1 2019/6; do
		printf '姓名,社区,类别,风险等级,开案日期\r\n张三,QH,老年人,低,%s\r\n' "$d" > "$T/d.csv"
		db_snapshot
		run -65 --separate-stderr case-add < "$T/d.csv"
		err_has "<stdin>:2: opened: '$d'"
		db_unchanged
	done
}

@test "excel: a community and a worker by their unique name" {
	name=$(sql "SELECT name FROM community WHERE code = 'QH'")
	wname=$(sql "SELECT name FROM worker WHERE code = 'W01'")
	printf 'name\tcommunity\tcategories\trisk\tworker\nA\t%s\telderly\tlow\t%s\n' "$name" "$wname" > "$T/n.tsv"
	run -0 --separate-stderr case-add < "$T/n.tsv"
	run -0 sql "SELECT community, worker FROM cases"
	assert_output "QH|W01"
}

@test "xlsx: case-list read back by openpyxl equals the tsv, ID numbers text, dates dates" {
	case-add < "$FIXTURES/excel-cases-clean.tsv" > /dev/null
	case-list --reveal > "$T/list.tsv"
	run -0 case-list --reveal --format xlsx
	case-list --reveal --format xlsx > "$T/list.xlsx"
	run -0 $READ "$T/list.xlsx"
	assert_equal "$output" "$(cat "$T/list.tsv")"
	run -0 $READ "$T/list.xlsx" --types
	# case_id name id_number sex birth_date phone community categories
	# risk worker opened status closed need
	assert_line --index 1 "n	s	s	s	d	s	s	s	s	s	d	s	-	s"
	assert_line --index 4 "frozen=A2"
}

@test "xlsx: grant-report, one sheet per table, figures numbers" {
	# exit 2: contracts behind target
	grant-report -y 2019 --format xlsx > "$T/g.xlsx" || [ $? -eq 2 ]
	run -0 $READ "$T/g.xlsx" --sheets
	assert_line --index 0 --partial "HT-2019-430"
	# the key-value block of the first contract: amount 50000.00 yuan
	run -0 $READ "$T/g.xlsx" 1
	assert_line --index 3 "Amount (yuan)	50000.00"
	run -0 $READ "$T/g.xlsx" 1 --types
	assert_line --index 3 "s	n"
}

@test "xlsx: a terminal is refused" {
	command -v script > /dev/null || skip "no script(1)"
	run -64 script -qec "case-list --format xlsx" /dev/null
	assert_output --partial "case-list: --format xlsx: standard output is a terminal (redirect it to a file: > list.xlsx)"
	run -64 script -qec "grant-report --format xlsx" /dev/null
	assert_output --partial "standard output is a terminal"
}

@test "csv: a formula in a note comes out inert; tsv stays byte-exact" {
	printf 'name\tcommunity\tcategories\trisk\tneed\nA\tQH\telderly\tlow\t=HYPERLINK("http://x","y")\nB\tQH\telderly\tlow\t-1\n' > "$T/f.tsv"
	case-add < "$T/f.tsv" > /dev/null
	run -0 case-list --format csv
	assert_line --index 1 --partial ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
	# a plain number is left alone
	assert_line --index 2 --regexp ',-1$'
	run -0 case-list --format tsv
	assert_line --index 1 --partial '	=HYPERLINK("http://x","y")'
	case-list --format xlsx > "$T/f.xlsx"
	run -0 $READ "$T/f.xlsx" --types
	assert_line --index 1 --regexp '	s$'
}
