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
	assert_equal "${stderr_lines[0]}" "case-add: <stdin>:1: not valid UTF-8: it looks like GBK (Excel's CSV on Chinese Windows); read it with --encoding gbk, or convert it first, e.g. iconv -f GBK -t UTF-8"
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

@test "csv: a note that already begins with a quote round-trips through the guard" {
	# "'=1+1" is formula-like after its quote, so csv writes "''=1+1" and
	# reads it back as "'=1+1"; "=1+1" alone is written "'=1+1" and reads
	# back as "=1+1"; "'plain" is not guarded at all.
	printf 'name\tcommunity\tcategories\trisk\tneed\nA\tQH\telderly\tlow\t'"'"'=1+1\nB\tQH\telderly\tlow\t=1+1\nC\tQH\telderly\tlow\t'"'"'plain\n' > "$T/q.tsv"
	case-add < "$T/q.tsv" > /dev/null
	run -0 case-list --format csv --reveal
	assert_line --index 1 --partial ",\"''=1+1\""
	assert_line --index 2 --partial ",\"'=1+1\""
	assert_line --index 3 --regexp ",'plain$"
	# read back: the csv the writer made for those three needs
	printf 'name,community,categories,risk,need\nA,QH,elderly,low,"'"''"'=1+1"\nB,QH,elderly,low,"'"'"'=1+1"\nC,QH,elderly,low,'"'"'plain\n' > "$T/q.csv"
	rm -f "$WUSHE_DB"*
	setup_db
	case-add --input csv < "$T/q.csv" > /dev/null
	run -0 case-list --reveal
	assert_line --index 1 --partial "	'=1+1"
	assert_line --index 2 --partial "	=1+1"
	assert_line --index 3 --partial "	'plain"
}

@test "excel: --encoding gbk and --encoding utf-16 import as the clean tsv" {
	reference
	run -0 --separate-stderr case-add --encoding gbk < "$FIXTURES/excel-cases-gbk.csv"
	run -0 case-list --reveal
	assert_equal "$output" "$(cat "$T/want.tsv")"
	rm -f "$WUSHE_DB"*
	setup_db
	run -0 --separate-stderr case-add --encoding utf-16 < "$FIXTURES/excel-cases-utf16.txt"
	run -0 case-list --reveal
	assert_equal "$output" "$(cat "$T/want.tsv")"
}

@test "excel: --encoding with an unknown word is a usage error" {
	run -64 --separate-stderr case-add --encoding latin9 < /dev/null
	assert_equal "${stderr_lines[0]}" "case-add: --encoding: unknown encoding 'latin9' (expected gbk, gb18030, utf-16 or utf-8)"
}

@test "excel: reject files keep the input's BOM and encoding" {
	# row 3: a risk no list has; the rest are good
	printf '\xef\xbb\xbf姓名,社区,类别,风险等级\r\n张三,QH,老年人,低\r\n李四,QH,老年人,很高\r\n' > "$T/b.csv"
	run -65 --separate-stderr case-add --keep-going --reject "$T/rj.csv" < "$T/b.csv"
	err_has "<stdin>:3: risk: unknown risk '很高' (expected low, medium or high)"
	run -0 head -c 3 "$T/rj.csv"
	assert_output $'\xef\xbb\xbf'
	assert_equal "$(tail -c +4 "$T/rj.csv")" "$(printf '姓名,社区,类别,风险等级\r\n李四,QH,老年人,很高\r')"
	# the same saved as GBK: the reject file is GBK too, no BOM
	tail -c +4 "$T/b.csv" | iconv -f UTF-8 -t GBK > "$T/g.csv"
	run -65 --separate-stderr case-add --encoding gbk --keep-going --reject "$T/rj2.csv" < "$T/g.csv"
	assert_equal "$(iconv -f GBK -t UTF-8 < "$T/rj2.csv")" "$(printf '姓名,社区,类别,风险等级\r\n李四,QH,老年人,很高\r')"
}

@test "lang: --lang zh headers and words in every command's listing" {
	case-add < "$FIXTURES/excel-cases-clean.tsv" > /dev/null
	run -0 case-list --lang zh -f tsv
	assert_line --index 0 "个案编号	姓名	身份证号	性别	出生日期	联系电话	社区	类别	风险等级	社工	开案日期	状态	结案日期	需求"
	# masked output shows the birth year only (issue 11, finding 6)
	assert_line --index 1 --partial "	女	1945	139****5678	QH	老年人、空巢老人	高	W01	2019-06-01	在案	"
	run -0 visit-log --lang zh -c 1 -w W01 -D 2019-06-10 -m 30 -K home
	assert_line --index 0 --partial "探访编号	个案编号	社区	社工	日期"
	assert_line --index 1 --partial "	入户探访	已完成"
	run -0 case-assign --lang zh --to W02 1
	assert_line --index 0 --partial "个案编号"
	run -0 wushe-db --lang zh -f tsv audit
	assert_line --index 0 --partial "表"
	# json keys stay English (they are the interface)
	run -0 case-list --lang zh -f json
	assert_line --index 0 --partial '"case_id":1,'
	# and a Chinese listing reads back: 个案编号 is case_id
	run -0 --separate-stderr sh -c 'case-list --lang zh --id 2 | case-close -r goal_met'
	run -0 sql "SELECT id, status FROM cases ORDER BY id"
	assert_output "1|open
2|closed
3|open"
}

@test "lang: a zh_CN locale from bin/ prints Chinese; a missing catalog warns" {
	run -0 --separate-stderr env LC_ALL= LANG=zh_CN.UTF-8 case-list -f tsv
	assert_line --index 0 --partial "个案编号	姓名"
	run -64 --separate-stderr env LC_ALL= LANG=zh_CN.UTF-8 case-list --no-such
	# getopt's own message is the C library's Chinese
	[[ $stderr == *"未识别的选项"* ]] || fail "$stderr"
	# a copy of the program with no catalog beside it
	mkdir -p "$T/b/bin"
	cp "$(command -v case-list)" "$T/b/bin/"
	run -0 --separate-stderr env WUSHE_LOCALEDIR="$T/none" "$T/b/bin/case-list" --lang zh
	assert_equal "$stderr" "case-list: --lang zh: no Chinese message catalog (looked for '$T/none/zh_CN/LC_MESSAGES/wushe.mo'; set WUSHE_LOCALEDIR or install wushe); messages stay English"
}

@test "template: case-add --template in Chinese, filled in, imports" {
	run -0 case-add --template --lang zh
	assert_output "姓名,身份证号,性别 (男/女),出生日期 (2019/6/1),联系电话,社区,地址,类别 (老年人/空巢老人/残疾人/困境儿童/留守儿童/青少年/家庭/困难群众/其他),风险等级 (低/中/高),社工,开案日期 (2019/6/1),需求,来源"
	{ case-add --template --lang zh; echo '赵六,,男,1950/1/2,,QH,,空巢老人,高,W01,2019/6/3,,'; } > "$T/t.csv"
	run -0 --separate-stderr case-add < "$T/t.csv"
	run -0 sql "SELECT p.name, p.sex, p.birth_date, c.risk, c.opened FROM person p JOIN cases c ON c.person = p.id"
	assert_output "赵六|M|1950-01-02|high|2019-06-03"
	case-add --template --format xlsx > "$T/t.xlsx"
	run -0 $READ "$T/t.xlsx"
	assert_output "$(case-add --template -f tsv)"
}

@test "excel: ID numbers Excel mangled are told apart from a mistyped digit" {
	db_snapshot
	for id in 4.40605E+17 4.40605194103123E+17; do
		printf '姓名,身份证号,社区,类别,风险等级\r\n张三,%s,QH,老年人,低\r\n' "$id" > "$T/i.csv"
		run -65 --separate-stderr case-add < "$T/i.csv"
		err_has "<stdin>:2: id_number: Excel wrote it in scientific notation and lost its digits (format the column as text in Excel, then type the number again)"
	done
	# 340103194503120022 rounded by Excel to 15 significant digits
	printf '姓名,身份证号,社区,类别,风险等级\r\n张三,340103194503120000,QH,老年人,低\r\n' > "$T/i.csv"
	run -65 --separate-stderr case-add < "$T/i.csv"
	err_has "<stdin>:2: id_number: Excel rounded it to 15 digits (it ends in 000; format the column as text in Excel, then type the number again)"
	# one digit mistyped (…0023 for …0022): the check character says so
	printf '姓名,身份证号,社区,类别,风险等级\r\n张三,340103194503120023,QH,老年人,低\r\n' > "$T/i.csv"
	run -65 --separate-stderr case-add < "$T/i.csv"
	err_has "<stdin>:2: id_number: wrong check character (a digit is probably mistyped)"
	db_unchanged
}

@test "excel: an unknown code close to one gets \"did you mean\"" {
	db_snapshot
	printf 'name\tcommunity\tcategories\trisk\tworker\nA\tQHX\telderly\tlow\tW011\n' > "$T/u.tsv"
	run -65 --separate-stderr case-add < "$T/u.tsv"
	err_has "community: unknown community 'QHX' (expected a community code loaded with wushe-db load) (did you mean QH?)"
	err_has "worker: unknown worker 'W011' (expected a worker code loaded with wushe-db load) (did you mean W01?)"
	# nothing close: no guess
	printf 'name\tcommunity\tcategories\trisk\nA\tZZZZ\telderly\tlow\n' > "$T/u.tsv"
	run -65 --separate-stderr case-add < "$T/u.tsv"
	err_has "unknown community 'ZZZZ' (expected a community code loaded with wushe-db load)"
	[[ $stderr != *"did you mean"* ]] || fail "$stderr"
	db_unchanged
}

# same_xlsx CMD...: CMD --format xlsx, read back by openpyxl, is CMD
# --format tsv cell by cell.
same_xlsx() {
	"$@" --format tsv > "$T/s.tsv" || [ $? -le 2 ]
	"$@" --format xlsx > "$T/s.xlsx" || [ $? -le 2 ]
	run -0 $READ "$T/s.xlsx"
	assert_equal "$output" "$(cat "$T/s.tsv")"
}

@test "xlsx: every listing read back equals its tsv, cell by cell" {
	export WUSHE_TODAY=2019-07-01	# the demo's day (examples/demo.sh)
	case-add < "$EXAMPLES/intake.tsv" > /dev/null
	visit-log --import < "$EXAMPLES/visits.tsv" > /dev/null
	activity-log --add-group G430 --name 四点半课堂 --org HT-SOC --community HTS > /dev/null
	activity-log --add-group GDANCE --name 海棠舞蹈队 --org HT-DANCE --community QH > /dev/null
	activity-log --import < "$EXAMPLES/activities.tsv" > /dev/null
	intern-hours < "$EXAMPLES/intern-hours.tsv" > /dev/null
	intern-hours --certify --intern I01 --through 2019-06-30 --by W01 > /dev/null
	same_xlsx case-list --reveal
	same_xlsx case-list --duplicates
	same_xlsx visit-log --list
	same_xlsx visit-log --list --summary worker
	same_xlsx visit-log --due
	same_xlsx activity-log --list
	same_xlsx activity-log --groups
	same_xlsx intern-hours --history -i I01
	same_xlsx intern-hours --grid -i I01
	same_xlsx intern-hours --report --policy "$EXAMPLES/policy-foshan-nanhai-2018.yaml"
	same_xlsx wushe-db audit
	# money in yuan is a number with two decimals, the ID number text
	intern-hours --report --policy "$EXAMPLES/policy-foshan-nanhai-2018.yaml" --format xlsx > "$T/r.xlsx"
	run -0 $READ "$T/r.xlsx" --types
	[[ ${lines[1]} == *n* ]] || fail "no number in: ${lines[1]}"
}

@test "xlsx: org-report and annual-report write workbooks, a terminal refused" {
	org-report --list --format xlsx > "$T/o.xlsx"
	run -0 $READ "$T/o.xlsx"
	# the register: the demo street's two registered organisations
	assert_line --index 0 "org	name	kind	county	supervisor_unit	registered	hub	brand_since	report_year	report"
	assert_line --index 1 --partial "HT-SOC	海棠街道社会组织联合会	social_group		"
	run -0 $READ "$T/o.xlsx" --types
	# registered is a date
	assert_line --index 1 --regexp '^s	s	s	-	-	d	'
	assert_equal "${#lines[@]}" 4
	command -v script > /dev/null || skip "no script(1)"
	run -64 script -qec "org-report --list --format xlsx" /dev/null
	assert_output --partial "org-report: --format: xlsx: standard output is a terminal"
	run -64 script -qec "annual-report --status --year 2018 --format xlsx" /dev/null
	assert_output --partial "standard output is a terminal"
}

# ---- codes by name in option values (issue 14): the directory's names
# stand for their codes in -N, -w, --to, --org as in the input's fields.
@test "names: -N, -w, --to and --org take a unique name, as the input fields do" {
	run -0 --separate-stderr case-add --name 张三 --risk low -N 青华社区 --category elderly -w 王明
	run -0 sql "SELECT community, worker FROM cases"
	assert_output "QH|W01"
	# the code in another case too
	run -0 --separate-stderr case-list -N qh -w 王明 -f tsv -H
	assert_output --partial "	QH	elderly	low	W01	"
	run -0 --separate-stderr case-assign --to 李娟 1
	run -0 sql "SELECT worker FROM cases"
	assert_output "W02"
	run -0 --separate-stderr activity-log -K community -N 青华社区 -m 30 --org 庐阳区启真社会工作服务中心 -D 2019-06-10
	run -0 sql "SELECT community, org FROM activity"
	assert_output "QH|QZ-SW"
	run -0 --separate-stderr visit-log -l -w 王明 -N 青华社区 -f tsv -H
	assert_output ""
}

@test "names: a name two workers share is refused, naming both (64 in options, 65 in fields)" {
	printf 'workers:\n  - {code: W09, name: 王明, org: QZ-SW, active_from: 2019-01-01}\n' > "$T/w.yaml"
	wushe-db load "$T/w.yaml" > /dev/null
	db_snapshot
	run -64 --separate-stderr case-add --name 张三 --risk low -N QH --category elderly -w 王明
	assert_equal "$stderr" "case-add: --worker: '王明' is the name of 2 workers: W01 (王明), W09 (王明) (expected a code or a unique name)"
	db_unchanged
	run -64 --separate-stderr case-list -w 王明 --lang zh
	assert_equal "$stderr" "case-list: --worker: “王明”是 2 条记录共用的名称：W01 (王明), W09 (王明)（请给出编码或唯一的名称）"
	# the code itself is never ambiguous
	run -0 --separate-stderr case-list -w W09
	# a record field: refused, the database unchanged
	printf 'name\tcommunity\tcategories\trisk\tworker\n张三\t青华社区\telderly\tlow\t王明\n' > "$T/c.tsv"
	run -65 --separate-stderr case-add < "$T/c.tsv"
	err_has "case-add: <stdin>:2: worker: '王明' is the name of 2 workers: W01 (王明), W09 (王明) (expected a code or a unique name)"
	err_has "1 of 1 record bad; nothing written"
	db_unchanged
}

# ---- GBK told apart from other bad bytes (issue 14)
@test "encoding: GBK rows get the --encoding gbk hint once a file, then 'as above'" {
	db_snapshot
	run -65 --separate-stderr case-add < "$FIXTURES/gbk-cases.tsv"
	assert_equal "${stderr_lines[0]}" "case-add: <stdin>:2: not valid UTF-8: it looks like GBK (Excel's CSV on Chinese Windows); read it with --encoding gbk, or convert it first, e.g. iconv -f GBK -t UTF-8"
	assert_equal "${stderr_lines[1]}" "case-add: <stdin>:3: not valid UTF-8 (GBK, as above)"
	assert_equal "${stderr_lines[2]}" "case-add: <stdin>:4: not valid UTF-8 (GBK, as above)"
	# 3 records read, 3 refused
	assert_equal "${stderr_lines[3]}" "case-add: 3 of 3 records bad; nothing written"
	assert_equal "$(grep -c 'encoding gbk' <<<"$stderr")" 1
	db_unchanged
	# and as the hint says, it reads
	run -0 --separate-stderr case-add --encoding gbk < "$FIXTURES/gbk-cases.tsv"
	run -0 sql "SELECT p.name, c.community FROM person p JOIN cases c ON c.person = p.id ORDER BY c.id"
	assert_output "张三|QH
李四|QH
王五|HTS"
}

@test "encoding: Latin-1 and random bytes are 'not UTF-8, nor GBK', with the byte" {
	db_snapshot
	# "José Martínez": J o s 0xE9 -> byte 4; "Renée": R e n 0xE9 -> byte 4
	run -65 --separate-stderr case-add < "$FIXTURES/latin1-cases.csv"
	assert_equal "${stderr_lines[0]}" "case-add: <stdin>:2: not valid UTF-8: byte 4 of the line (0xE9) is not UTF-8, nor GBK (save the file as UTF-8)"
	assert_equal "${stderr_lines[1]}" "case-add: <stdin>:3: not valid UTF-8: byte 4 of the line (0xE9) is not UTF-8, nor GBK (save the file as UTF-8)"
	[[ $stderr != *GBK\ \(Excel* ]] || fail "a GBK hint for Latin-1: $stderr"
	db_unchanged
	# a b 0x80: byte 3
	run -65 --separate-stderr case-add < "$FIXTURES/random-bytes.tsv"
	assert_equal "${stderr_lines[0]}" "case-add: <stdin>:2: not valid UTF-8: byte 3 of the line (0x80) is not UTF-8, nor GBK (save the file as UTF-8)"
	db_unchanged
	# in Chinese
	run -65 --separate-stderr case-add --lang zh < "$FIXTURES/random-bytes.tsv"
	assert_equal "${stderr_lines[0]}" "case-add: <stdin>:2: 不是有效的 UTF-8：该行第 3 个字节（0x80）既不是 UTF-8 也不是 GBK（请把文件另存为 UTF-8）"
	db_unchanged
}

# ---- issue 16's listing in xlsx
@test "xlsx: volunteer-hours --list and --report read back equal their tsv; the ID number text, dates dates" {
	wushe-db load "$EXAMPLES/haitang-volunteers.yaml" > /dev/null
	# V001: 09:00-12:00 = 3.00 h; V002: 1.5 h
	volunteer-hours --volunteer V001 --date 2019-06-06 --from 09:00 --to 12:00 \
	    --org HT-SOC --place 海棠社区 --content 维修 > /dev/null
	volunteer-hours --volunteer V002 --date 2019-06-07 --hours 1.5 \
	    --org HT-SOC --place 海棠社区 --content 课业辅导 > /dev/null
	same_xlsx volunteer-hours --list
	same_xlsx volunteer-hours --list --reveal
	same_xlsx volunteer-hours --report --year 2019
	volunteer-hours --list --reveal --format xlsx > "$T/v.xlsx"
	run -0 $READ "$T/v.xlsx"
	assert_line --index 0 "name	id_number	date	hours	content	organiser"
	assert_line --index 1 --regexp '^李秀英	[0-9]{17}[0-9X]	2019-06-06	3.00	维修	海棠街道社会组织联合会$'
	run -0 $READ "$T/v.xlsx" --types
	# name, the ID number as text, the date a date, hours a number
	assert_line --index 1 "s	s	d	n	s	s"
	assert_line --index 3 "frozen=A2"
	# Chinese headers under --lang zh, the same cells
	volunteer-hours --list --lang zh --format xlsx > "$T/z.xlsx"
	run -0 $READ "$T/z.xlsx"
	assert_equal "$output" "$(volunteer-hours --list --lang zh --format tsv)"
}

@test "xlsx: workforce-report writes a workbook (it wrote text before), a terminal refused" {
	workforce-report --format xlsx > "$T/w.xlsx"
	run -0 $READ "$T/w.xlsx" --sheets
	assert_line --index 0 --partial "Against the targets"
	run -0 $READ "$T/w.xlsx"
	assert_line --index 0 "Measure	Count	Target	Percent	Status"
	# the demo street: one youth-affairs social worker (W02)
	assert_line --index 1 "Youth-affairs social workers	1	-	-	-"
	run -64 script -qec "workforce-report --format xlsx" /dev/null
	assert_output --partial "workforce-report: --format: xlsx: standard output is a terminal (redirect it to a file: > report.xlsx)"
}

# ---- the policy's own categories, with their labels (issue 14)
@test "labels: a policy's own categories are read and printed by their Chinese label" {
	cat > "$T/p.yaml" <<-'EOF2'
	categories:
	  - {name: veteran, label: 退役军人}
	  - drug_rehab
	EOF2
	export WUSHE_POLICY="$T/p.yaml"
	printf '姓名,社区,类别,风险等级,社工\r\n赵六,QH,退役军人、老年人,低,W01\r\n钱七,QH,drug_rehab,中,W01\r\n' > "$T/c.csv"
	run -0 --separate-stderr case-add < "$T/c.csv"
	run -0 sql "SELECT c.id, group_concat(cc.category, ',') FROM cases c JOIN case_category cc ON cc.case_id = c.id GROUP BY c.id ORDER BY c.id"
	assert_output "1|elderly,veteran
2|drug_rehab"
	# printed from the same table: the label in Chinese, the word in English;
	# a category without a label prints its word
	run -0 case-list --lang zh -f tsv -H
	assert_line --index 0 --partial "	QH	老年人、退役军人	低	W01	"
	assert_line --index 1 --partial "	QH	drug_rehab	中	W01	"
	run -0 case-list -f tsv -H
	assert_line --index 0 --partial "	QH	elderly,veteran	low	W01	"
	# the intake template lists it by its label
	run -0 case-add --template --lang zh
	assert_output --partial "类别 (老年人/空巢老人/残疾人/困境儿童/留守儿童/青少年/家庭/困难群众/其他/退役军人/drug_rehab)"
	# a label with no name is refused
	printf 'categories:\n  - {label: 退役军人}\n' > "$T/bad.yaml"
	db_snapshot
	run -65 --separate-stderr case-add --policy "$T/bad.yaml" --name x -N QH --category elderly --risk low
	err_has "missing name (expected {name, label})"
	db_unchanged
}
