#!/usr/bin/env bats
# Messages in Chinese (issue 14): --lang zh (or a zh_CN locale) gives the
# errors, warnings and --help descriptions of every command in Chinese,
# through the one catalog po/zh_CN.po; without it they stay English.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	T=$BATS_TEST_TMPDIR
	TOP="$BATS_TEST_DIRNAME/.."
}

err_has() {
	[[ $stderr == *"$1"* ]] || fail "stderr lacks '$1': $stderr"
}

# refused CODE "zh message" "en message" command args...: the command is
# refused with CODE, the database unchanged, in Chinese under --lang zh
# and in English without.
refused() {
	local code=$1 zh=$2 en=$3
	shift 3
	db_snapshot
	run -"$code" --separate-stderr "$@" --lang zh
	err_has "$zh"
	db_unchanged
	run -"$code" --separate-stderr "$@"
	err_has "$en"
	db_unchanged
}

@test "i18n: the catalog's formats match their msgids (msgfmt -c)" {
	run -0 msgfmt -c -o /dev/null "$TOP/po/zh_CN.po"
}

@test "i18n: every message and --help description has its Chinese (tools/po-extract.sh)" {
	sh "$TOP/tools/po-extract.sh" "$(dirname "$(command -v case-add)")" > "$T/wushe.pot"
	# every msgid of the template is translated in the catalog
	run -0 --separate-stderr msgcmp "$TOP/po/zh_CN.po" "$T/wushe.pot"
	grep -q 'msgid "--to WORKER is required"' "$T/wushe.pot"
	grep -q 'msgid "the worker who takes the cases (required)"' "$T/wushe.pot"
}

@test "i18n: --help --lang zh describes every option in Chinese, in every command" {
	for c in "$TOP"/cmd/*.c; do
		c=${c##*/}
		c=${c%.c}
		run -0 "$c" --help --lang zh
		# each option line's description holds a non-ASCII character
		while IFS= read -r l; do
			[[ $l =~ ^\ \ (-.,\ |\ \ \ \ )-- ]] || continue
			[[ $l == *[![:ascii:]]* ]] || fail "$c: '$l'"
		done <<< "$output"
		run -0 "$c" --help
		assert_line --partial "  -h, --help                   print this help and exit"
	done
	# --lang before --help works too
	run -0 case-assign --lang zh --help
	assert_line "  -D, --date date              移交生效日期（默认今天）"
}

@test "i18n: activity-log refuses in Chinese" {
	refused 65 "activity-log: --minutes: 0 超出范围（应为 1 至 1440）" \
	    "activity-log: --minutes: 0 is out of range (expected 1 to 1440)" \
	    activity-log -K community -N QH -D 2019-06-10 -m 0
}

@test "i18n: annual-report refuses in Chinese" {
	refused 64 "annual-report: --year: 超出范围（应为 1900 至 2998）" \
	    "annual-report: --year: out of range (expected 1900 to 2998)" \
	    annual-report --year 1800
}

@test "i18n: case-add refuses in Chinese, with the count of bad records" {
	refused 65 "case-add: --risk: 未知的风险等级“bad”（应为 low、medium 或 high）" \
	    "case-add: --risk: unknown risk 'bad' (expected low, medium or high)" \
	    case-add --name 张三 --risk bad -N QH --category elderly
	run -65 --separate-stderr case-add --name 张三 --risk bad -N QH --category elderly --lang zh
	# "1 of 1 record bad": one record read, one refused
	err_has "case-add: 共 1 条记录，其中 1 条有误；未写入任何内容"
	# a did-you-mean hint in Chinese too
	run -65 --separate-stderr case-add --name 张三 --risk low -N QX --category elderly -w W01 --lang zh
	err_has "未知的社区“QX”（应为用 wushe-db load 载入的社区编码）（是不是 QH？）"
}

@test "i18n: case-assign refuses in Chinese" {
	refused 64 "case-assign: 必须给出 --to 社工" \
	    "case-assign: --to WORKER is required" case-assign 1
}

@test "i18n: case-close refuses in Chinese" {
	refused 64 "case-close: 必须给出 --reason" \
	    "case-close: --reason is required" case-close 1
}

@test "i18n: case-list refuses in Chinese, --lang after the bad option too" {
	refused 64 "case-list: --status: 未知的状态“foo”（应为 open、closed 或 all）" \
	    "case-list: --status: unknown status 'foo' (expected open, closed or all)" \
	    case-list --status foo
}

@test "i18n: case-update refuses in Chinese" {
	refused 65 "case-update: --reason: 缺少（每次更正都须说明理由）" \
	    "case-update: --reason: missing (every correction says why)" \
	    case-update --case 99 --risk low
}

@test "i18n: grant-report refuses in Chinese" {
	refused 64 "grant-report: --month: 不是月份（应为 YYYY-MM 或“last”）" \
	    "grant-report: --month: not a month (expected YYYY-MM or 'last')" \
	    grant-report --month 2019-13
}

@test "i18n: intern-hours refuses in Chinese" {
	refused 65 "intern-hours: --intern: 未知的实习生“NOPE”（应为名录中或 intern-hours --add 登记的编码）" \
	    "intern-hours: --intern: unknown intern 'NOPE' (expected a code from the directory or intern-hours --add)" \
	    intern-hours --intern NOPE --date 2019-06-01 --minutes 60
}

@test "i18n: org-report refuses in Chinese" {
	refused 64 "org-report: --year: 超出范围（应为 1901 至 2998）" \
	    "org-report: --year: out of range (expected 1901 to 2998)" \
	    org-report --growth --year 1800
}

@test "i18n: visit-log refuses in Chinese, a stream's line too" {
	refused 65 "visit-log: --case: 未知的个案 99（应为 case-add 给出的个案编号）" \
	    "visit-log: --case: unknown case 99 (expected a case number from case-add)" \
	    visit-log -c 99 -w W01 -m 30 -K home
	printf 'case_id\tworker\tminutes\tkind\n99\tW01\t30\thome\n' > "$T/v.tsv"
	run -65 --separate-stderr visit-log --import --lang zh < "$T/v.tsv"
	err_has "visit-log: <stdin>:2: case_id: 未知的个案 99（应为 case-add 给出的个案编号）"
}

@test "i18n: volunteer-hours refuses in Chinese" {
	refused 65 "volunteer-hours: --volunteer: 未知的志愿者“NOPE”（应为名录中或 volunteer-hours --add 登记的编码）" \
	    "volunteer-hours: --volunteer: unknown volunteer 'NOPE'" \
	    volunteer-hours --volunteer NOPE --date 2019-06-01 --hours 2 --place x --content y --org QZ-SW
}

@test "i18n: workforce-report refuses in Chinese" {
	refused 64 "workforce-report: --as-of: 没有这个月份（应为 01 至 12）" \
	    "workforce-report: --as-of: no such month (expected 01 to 12)" \
	    workforce-report --as-of 2019-13-01
}

# (the list of subcommands holds snapshot since issue 11)
@test "i18n: wushe-db refuses in Chinese, and a directory problem too" {
	refused 64 "wushe-db: 未知的子命令“frob”（应为 init、path、load、check、backup、snapshot、audit、lock、unlock、locks 或 export）" \
	    "wushe-db: unknown command 'frob' (expected init, path, load, check, backup, snapshot, audit, lock, unlock, locks or export)" \
	    wushe-db frob
	printf 'communities:\n  - {code: "", name: x}\n' > "$T/d.yaml"
	db_snapshot
	run -65 --separate-stderr wushe-db load --lang zh "$T/d.yaml"
	err_has "d.yaml:2:5: code: 缺少（每个community都必须有）"
	err_has "未载入任何内容"
	db_unchanged
}

@test "i18n: a zh_CN locale gives Chinese messages, from bin/" {
	run -64 --separate-stderr env LC_ALL= LANG=zh_CN.UTF-8 case-assign 1
	err_has "case-assign: 必须给出 --to 社工"
	# --lang en wins over the locale
	run -64 --separate-stderr env LC_ALL= LANG=zh_CN.UTF-8 case-assign --lang en 1
	err_has "case-assign: --to WORKER is required"
}

@test "i18n: no catalog: --lang zh warns once, says where it looked, messages stay English" {
	mkdir -p "$T/b/bin"
	cp "$(command -v case-assign)" "$T/b/bin/"
	run -64 --separate-stderr env WUSHE_LOCALEDIR="$T/none" "$T/b/bin/case-assign" --lang zh 1
	assert_equal "$(grep -c 'no Chinese message catalog' <<< "$stderr")" 1
	err_has "case-assign: --lang zh: no Chinese message catalog (looked for '$T/none/zh_CN/LC_MESSAGES/wushe.mo'; set WUSHE_LOCALEDIR or install wushe); messages stay English"
	err_has "case-assign: --to WORKER is required"
}
