#!/usr/bin/env bats
# pg.bats - wushe-db export --to postgres into a real PostgreSQL (issue 18):
# a throwaway cluster (tests/pg-cluster.sh: initdb in a temporary folder,
# pg_ctl on a Unix socket only, as nobody when run as root) for the whole
# file.  Without initdb the suite is skipped, with the reason, except in CI
# (CI or WUSHE_CI set), where it must run.

load helper

setup_file() {
	export PGCLUSTER
	PGCLUSTER=$(mktemp -d /tmp/wushe-pg.XXXXXX)
	chmod 0755 "$PGCLUSTER"
	if ! "$BATS_TEST_DIRNAME/pg-cluster.sh" start "$PGCLUSTER/pg" \
	    2>"$PGCLUSTER/why"; then
		if [ -n "${CI:-}${WUSHE_CI:-}" ]; then
			cat "$PGCLUSTER/why" >&2
			return 1
		fi
		# (bats 1.8 cannot skip in setup_file: each test skips)
		echo "no PostgreSQL server here: $(head -n 1 "$PGCLUSTER/why")" \
		    > "$PGCLUSTER/skip"
	fi
}

teardown_file() {
	[ ! -d "$PGCLUSTER/pg/data" ] ||
	    "$BATS_TEST_DIRNAME/pg-cluster.sh" stop "$PGCLUSTER/pg"
	rm -rf "$PGCLUSTER"
}

setup() {
	[ ! -f "$PGCLUSTER/skip" ] || skip "$(cat "$PGCLUSTER/skip")"
	setup_db
	export WUSHE_TODAY=2019-07-01
	export PGHOST="$PGCLUSTER/pg" PGUSER=wushe PGDATABASE=city
	T=$BATS_TEST_TMPDIR
	# every test gets an empty city store
	psql -X -q -c 'DROP SCHEMA IF EXISTS city CASCADE' 2>/dev/null
	case-add < "$EXAMPLES/intake.tsv" >/dev/null
	visit-log --import --quiet < "$EXAMPLES/visits.tsv"
	activity-log --add-group G430 --name "四点半课堂" --org HT-SOC \
	    --community HTS >/dev/null
	activity-log --add-group GDANCE --name "海棠舞蹈队" --org HT-DANCE \
	    --community QH >/dev/null
	activity-log --import --quiet < "$EXAMPLES/activities.tsv"
}

pg() {
	psql -X -q -v ON_ERROR_STOP=1 "$@"
}

# load [export options]: export and load; the cursor in $cursor.
load_site() {
	wushe-db export --to postgres "$@" > "$T/x.sql" 2> "$T/x.err"
	cursor=$(sed -n 's/^wushe-db: export: cursor //p' "$T/x.err")
	pg -f "$T/x.sql"
}

# The tables of the city store (the exported ones).
city_tables() {
	pg -At -c "SELECT table_name FROM information_schema.tables WHERE
	    table_schema = 'city' AND table_type = 'BASE TABLE' AND
	    table_name NOT IN ('meta', 'site') ORDER BY 1"
}

# same_rows SITE [DB]: every exported table holds, for SITE, the rows of
# the SQLite database, column by column (counted and compared).
same_rows() {
	local t cols key db=${2:-$WUSHE_DB} bad=0
	for t in $(city_tables); do
		cols=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"',
		    ', ') FROM pragma_table_info('$t')")
		key=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"',
		    ', ') FROM (SELECT name FROM pragma_table_info('$t')
		    WHERE pk > 0 ORDER BY pk)")
		sqlite3 -separator '|' "$db" "SELECT $cols FROM \"$t\"
		    ORDER BY $key" > "$T/lite.txt"
		pg -At -c "SELECT $cols FROM city.\"$t\" WHERE site = '$1'
		    ORDER BY $key" > "$T/city.txt"
		if ! cmp -s "$T/lite.txt" "$T/city.txt"; then
			echo "table $t differs ($(wc -l < "$T/lite.txt") rows in" \
			    "SQLite, $(wc -l < "$T/city.txt") in the city):" >&2
			diff "$T/lite.txt" "$T/city.txt" | head -5 >&2
			bad=1
		fi
	done
	return $bad
}

# Remember the city store: every row with its xmin (a row rewritten by an
# update gets a new one); city_unchanged asserts nothing changed.
city_snapshot() {
	local t
	for t in $(city_tables) meta site; do
		pg -At -c "SELECT '$t', xmin, c.* FROM city.\"$t\" c ORDER BY 3, 4"
	done > "${1:-$T/city-before.txt}"
}

# city_unchanged [rows]: with rows, the site table (the cursor) may change.
city_unchanged() {
	city_snapshot "$T/city-after.txt"
	if [ "${1:-}" = rows ]; then
		sed -i '/^site|/d' "$T/city-before.txt" "$T/city-after.txt"
	fi
	if ! cmp -s "$T/city-before.txt" "$T/city-after.txt"; then
		diff "$T/city-before.txt" "$T/city-after.txt" | head -10 >&2
		fail "city store changed"
	fi
}

@test "pg: the city schema has a column for every exported SQLite column, of its type" {
	load_site --site ht
	# every SQLite table is exported or left out on purpose (pg-export.c;
	# audit_catalog, issue 11, is the local audit's, like the audit)
	run -0 sqlite3 "$WUSHE_DB" "SELECT name FROM sqlite_master WHERE
	    type = 'table' AND name NOT IN ('meta', 'audit', 'audit_catalog',
	    'calendar_day', 'youth_home_staff') ORDER BY 1"
	assert_output "$(city_tables)"
	for t in $(city_tables); do
		sqlite3 "$WUSHE_DB" "SELECT name || ' ' || CASE type WHEN
		    'INTEGER' THEN 'bigint' ELSE 'text' END FROM
		    pragma_table_info('$t') ORDER BY cid" > "$T/lite.txt"
		pg -At -c "SELECT column_name || ' ' || data_type FROM
		    information_schema.columns WHERE table_schema = 'city' AND
		    table_name = '$t' AND column_name <> 'site'
		    ORDER BY ordinal_position" > "$T/city.txt"
		run diff "$T/lite.txt" "$T/city.txt"
		[ "$status" -eq 0 ] || fail "city.$t: $output"
	done
	# the version on the DDL's first line is the one the store records
	run -0 pg -At -c "SELECT value FROM city.meta WHERE key = 'version'"
	assert_output "$(sed -n '1s/^-- city schema version //p' \
	    "$BATS_TEST_DIRNAME/../schema/pg/city.sql")"
}

@test "pg: round trip: exported, loaded, changed, exported --since, loaded; a second load changes nothing" {
	load_site --site ht --reveal
	same_rows ht
	# the export printed its cursor: site, last audit id, last history id
	a=$(sql "SELECT max(id) FROM audit")
	h=$(sql "SELECT max(id) FROM case_history")
	assert_equal "$cursor" "ht:$a:$h"
	run -0 pg -At -c "SELECT cursor, schema_version FROM city.site"
	assert_output "ht:$a:$h|$(sql 'PRAGMA user_version')"
	run -0 grep -c "^-- cursor ht:$a:$h " "$T/x.sql"
	first=$cursor
	# changes: two new visits, a void, an amend, a closed case, a
	# reopened one, a case's new risk
	visit-log --case 1 --worker W01 --date 2019-06-20 --minutes 30 \
	    --kind phone --contract HT-2019-POST >/dev/null
	visit-log --case 2 --worker W01 --date 2019-06-21 --minutes 45 \
	    --kind home --note "带了药" >/dev/null
	visit-log --void 9 --reason "重复录入" >/dev/null
	visit-log --amend 2 --minutes 40 --reason "应为 40 分钟" >/dev/null
	case-close --reason goal_met --date 2019-06-22 3 >/dev/null
	case-close --reason moved_away --date 2019-06-22 4 >/dev/null
	case-update --reopen --case 4 --date 2019-06-25 --reason "又回来了" \
	    >/dev/null
	case-update --case 5 --risk high --reason "复评" >/dev/null
	# and a voided group session (issue 12: record_void, schema 015)
	activity-log --void 2 --reason "重复录入" >/dev/null
	city_snapshot
	wushe-db export --to postgres --site ht --since "$first" --reveal \
	    > "$T/inc.sql" 2> "$T/inc.err"
	# only what changed goes: 2 + 1 amended visits, 1 void, cases 3 4 5
	run -0 awk '/^COPY "wushe_s_visit"/ { on = 1; next } /^\\\./ { on = 0 }
	    on { n++ } END { print n }' "$T/inc.sql"
	assert_output 3
	run -0 awk '/^COPY "wushe_s_cases"/ { on = 1; next } /^\\\./ { on = 0 }
	    on { print $1 }' "$T/inc.sql"
	assert_output "$(printf '3\n4\n5')"
	run -0 awk '/^COPY "wushe_s_visit_void"/ { on = 1; next }
	    /^\\\./ { on = 0 } on { print $1 }' "$T/inc.sql"
	assert_output 9
	run -0 awk '/^COPY "wushe_s_record_void"/ { on = 1; next }
	    /^\\./ { on = 0 } on { print $1 " " $2 }' "$T/inc.sql"
	assert_output "activity 2"
	# persons: those the audit names after the cursor (a case-update
	# writes its person row back)
	run -0 awk '/^COPY "wushe_s_person"/ { on = 1; next } /^\\\./ { on = 0 }
	    on { print $1 }' "$T/inc.sql"
	assert_output "$(sql "SELECT DISTINCT CAST(row_key AS INTEGER) FROM
	    audit WHERE tbl = 'person' AND op <> 'reveal' AND id > $a
	    ORDER BY 1")"
	pg -f "$T/inc.sql"
	same_rows ht
	second=$(sed -n 's/^wushe-db: export: cursor //p' "$T/inc.err")
	run -0 pg -At -c "SELECT cursor FROM city.site WHERE site = 'ht'"
	assert_output "$second"
	# the void and the amend show in the city's own views: visit 9 is no
	# contact, visit 2 counts 40 minutes
	run -0 pg -At -c "SELECT count(*), sum(minutes) FILTER (WHERE
	    visit_id = 2) FROM city.v_contact WHERE visit_id IN (2, 9)"
	assert_output "1|40"
	run -0 pg -At -c "SELECT case_id || ' ' || status FROM city.v_case
	    WHERE case_id IN (3, 4) ORDER BY 1"
	assert_output "$(printf '3 closed\n4 open')"
	# the voided session stays in city.activity and leaves the figures:
	# HT-2019-430's June sessions were activities 1, 2 and 3 (120 minutes
	# each, examples/activities.tsv); without 2, 2 sessions and 240
	# minutes
	run -0 pg -At -c "SELECT count(*) FROM city.activity WHERE site = 'ht'
	    AND id = 2"
	assert_output 1
	run -0 pg -At -c "SELECT sum(group_sessions) || ' ' ||
	    sum(activity_minutes) FROM city.v_contract_day WHERE site = 'ht'
	    AND contract = 'HT-2019-430' AND date LIKE '2019-06-%'"
	assert_output "2 240"
	# the same script again, and the full export again: nothing changes
	city_snapshot
	pg -f "$T/inc.sql"
	city_unchanged
	# (a --reveal is audited: the cursor moves by its audit row)
	load_site --site ht --reveal
	city_unchanged rows
	second=$cursor
	city_snapshot
	# an export --since the last cursor sends no row at all
	wushe-db export --to postgres --site ht --since "$second" --reveal \
	    > "$T/none.sql" 2>/dev/null
	run -1 grep -v -e '^-- [a-z_]*: 0 rows$' -e '^-- cursor' \
	    <(grep '^-- [a-z_]*: [0-9]* rows\?$' "$T/none.sql" |
	    grep -v -e '^-- \(community\|org\|worker\|grp\|intern\|youth_home\|annual_event\|annual_report\|activity_worker\|activity_case\):')
	pg -f "$T/none.sql"
	city_unchanged rows
}

# Issue 18: a bulk intake's rows are audited by one batch row per table;
# an export --since sends a batch after the cursor whole, and nothing of
# the batches before it.
@test "pg: a bulk batch after the cursor travels whole; the batches before it do not" {
	load_site --site ht --reveal
	first=$cursor
	v=$(sql "SELECT max(id) FROM visit")
	c=$(sql "SELECT max(id) FROM cases")
	# two visits by --import, one case by a stream: batches
	printf 'case_id\tworker\tdate\tminutes\tkind\n1\tW01\t2019-06-20\t30\tphone\n2\tW01\t2019-06-21\t45\thome\n' |
	    visit-log --import --quiet
	printf 'name\tcommunity\tcategories\trisk\tworker\topened\n吴一\tQH\telderly\tlow\tW01\t2019-06-22\n' |
	    case-add > /dev/null
	run -0 sql "SELECT tbl, row_key FROM audit WHERE op = 'batch' AND
	    id > $(echo "$first" | cut -d: -f2)
	    ORDER BY tbl"
	assert_output "case_category|$((c + 1))-$((c + 1))
cases|$((c + 1))-$((c + 1))
person|$(sql "SELECT max(id) FROM person")-$(sql "SELECT max(id) FROM person")
visit|$((v + 1))-$((v + 2))"
	wushe-db export --to postgres --site ht --since "$first" --reveal \
	    > "$T/inc.sql" 2> "$T/inc.err"
	# the two new visits only, the new case only
	run -0 awk '/^COPY "wushe_s_visit"/ { on = 1; next } /^\\\./ { on = 0 }
	    on { print $1 }' "$T/inc.sql"
	assert_output "$(printf '%s\n%s' $((v + 1)) $((v + 2)))"
	run -0 awk '/^COPY "wushe_s_cases"/ { on = 1; next } /^\\\./ { on = 0 }
	    on { print $1 }' "$T/inc.sql"
	assert_output "$((c + 1))"
	pg -f "$T/inc.sql"
	same_rows ht
}

@test "pg: a deleted row leaves the city store, by --since and by a full export" {
	load_site --site ht --reveal
	first=$cursor
	run -0 pg -At -c "SELECT count(*) FROM city.case_category"
	assert_output "$(sql "SELECT count(*) FROM case_category")"
	# a category removed: the audit records the delete, so the export
	# --since sends its key
	k=$(sql "SELECT case_id || '/' || category FROM case_category
	    WHERE case_id IN (SELECT case_id FROM case_category GROUP BY 1
	    HAVING count(*) > 1) ORDER BY 1 LIMIT 1")
	case-update --case "${k%%/*}" --remove-category "${k#*/}" \
	    --reason "评估有误" >/dev/null
	load_site --site ht --since "$first" --reveal
	run -0 grep -A1 '^COPY wushe_gone' "$T/x.sql"
	assert_line --index 1 "$(printf 'case_category\t%s' "$k")"
	same_rows ht
	run -0 pg -At -c "SELECT count(*) FROM city.case_category WHERE
	    case_id || '/' || category = '$k'"
	assert_output 0
	# another, and a full export: gone as well
	k=$(sql "SELECT case_id || '/' || category FROM case_category
	    WHERE case_id IN (SELECT case_id FROM case_category GROUP BY 1
	    HAVING count(*) > 1) ORDER BY 1 LIMIT 1")
	case-update --case "${k%%/*}" --remove-category "${k#*/}" \
	    --reason "评估有误" >/dev/null
	load_site --site ht
	run -0 pg -At -c "SELECT count(*) FROM city.case_category WHERE
	    case_id || '/' || category = '$k'"
	assert_output 0
	run -0 pg -At -c "SELECT count(*) FROM city.case_category"
	assert_output "$(sql "SELECT count(*) FROM case_category")"
}

@test "pg: personal data follows the snapshot's rules unless --reveal, which is audited" {
	case-update --case 1 --address "海棠路 1 号" --reason "新址" >/dev/null
	load_site --site ht
	# names masked, birth dates the year, no address, ID and phone
	# numbers as the snapshot's keyed pseudonyms (the same function and
	# key: wushe-db snapshot --redact gives the same values), no notes
	run -0 pg -At -c "SELECT name, birth_date, address IS NULL,
	    coalesce(id_number, 'none'), coalesce(phone, 'none')
	    FROM city.person WHERE id = 1"
	assert_output --regexp "^周\*英\|1939\|t\|p[0-9a-f]{16}\|p[0-9a-f]{16}$"
	wushe-db snapshot --redact "$T/snap.db" >/dev/null
	run -0 pg -At -c "SELECT id_number || ' ' || phone FROM city.person
	    WHERE id = 1"
	assert_output "$(sqlite3 "$T/snap.db" "SELECT id_number || ' ' || phone
	    FROM person WHERE id = 1")"
	# a pseudonym is stable: the same in the next export
	pg -At -c "SELECT id_number, phone FROM city.person" > "$T/p1.txt"
	load_site --site ht
	pg -At -c "SELECT id_number, phone FROM city.person" > "$T/p2.txt"
	run -0 cmp "$T/p1.txt" "$T/p2.txt"
	run -0 pg -At -c "SELECT count(*) FROM city.visit WHERE note IS NOT NULL"
	assert_output 0
	run -0 pg -At -c "SELECT count(*) FROM city.person WHERE name NOT LIKE
	    '%*%'"
	assert_output 0
	run -1 grep -c "$(sql "SELECT id_number FROM person WHERE id = 1")" \
	    "$T/x.sql"
	n=$(sql "SELECT count(*) FROM audit WHERE op = 'reveal'")
	assert_equal "$n" 0
	# --reveal: in full, and one audit row says so
	load_site --site ht --reveal
	run -0 pg -At -c "SELECT name, birth_date, id_number FROM city.person
	    WHERE id = 1"
	assert_output "$(sql "SELECT name, birth_date, id_number FROM person
	    WHERE id = 1")"
	run -0 sql "SELECT tbl, op, command FROM audit WHERE op = 'reveal'"
	assert_output "person|reveal|wushe-db --to postgres --site ht --reveal export"
}

@test "pg: two sites with clashing local ids land side by side" {
	cp "$WUSHE_DB" "$T/east.db"
	visit-log --db "$T/east.db" --case 1 --worker W01 --date 2019-06-20 \
	    --minutes 30 --kind phone >/dev/null
	load_site --site ht --reveal
	load_site --site east --db "$T/east.db" --reveal
	same_rows ht
	same_rows east "$T/east.db"
	run -0 pg -At -c "SELECT site, count(*) FROM city.visit GROUP BY site
	    ORDER BY site"
	assert_output "$(printf 'east|14\nht|13')"
	run -0 pg -At -c "SELECT count(*) FROM city.visit WHERE id = 1"
	assert_output 2
	run -0 pg -At -c "SELECT site, count(*) FROM city.cases GROUP BY site
	    ORDER BY site"
	assert_output "$(printf 'east|5\nht|5')"
	# reloading one site leaves the other alone
	city_snapshot
	load_site --site ht --reveal
	city_unchanged rows
}

@test "pg: a month's contract figures from the city store agree with grant-report --merge" {
	# June 2019: ht's three sessions of the after-school class (55
	# participants) and one new contact of 30 minutes (visit 14; visit 5
	# of 17 June is a no-show): 1 contact, service 30 + 180 minutes of
	# the post's activities = 3.50 h; east, a copy, two contacts more,
	# 15 (50 minutes, voided) and 16 (25): 2 contacts, 30 + 25 + 180 =
	# 235 minutes = 3.92 h
	visit-log --case 1 --worker W01 --date 2019-06-10 --minutes 30 \
	    --kind phone --contract HT-2019-POST >/dev/null
	cp "$WUSHE_DB" "$T/east.db"
	sqlite3 "$T/east.db" "INSERT OR REPLACE INTO meta(key, value)
	    VALUES ('site', 'East street')"
	visit-log --db "$T/east.db" --case 2 --worker W01 --date 2019-06-21 \
	    --minutes 50 --kind home --contract HT-2019-POST >/dev/null
	visit-log --db "$T/east.db" --case 3 --worker W02 --date 2019-06-24 \
	    --minutes 25 --kind phone --contract HT-2019-POST >/dev/null
	visit-log --db "$T/east.db" --void 15 --reason "重复" >/dev/null
	load_site --site ht
	load_site --site east --db "$T/east.db"
	{ grant-report --month 2019-06 --format json || true
	  grant-report --db "$T/east.db" --month 2019-06 --format json || true
	} > "$T/sites.json"
	grant-report --merge --format csv < "$T/sites.json" > "$T/m.csv" || true
	# the merged report's actual figures, by site, contract and measure
	awk -F, 'NR > 1 && $2 != "" && $3 ~ /^(contacts|service_hours|group_sessions|activities|participants|volunteer_hours)$/ {
	    print ($1 == "East street" ? "east" : $1 == "海棠街道" ? "ht" : $1) "," $2 "," $3 "," $6 }' \
	    "$T/m.csv" | sort > "$T/merge.txt"
	# the same from the city store (v_contract_day), one figure at a time:
	# hours from minutes, two decimals, as the report prints them
	while IFS=, read -r site con m _; do
		case $m in
		service_hours) e="to_char(coalesce(sum(contact_minutes +
		    activity_minutes), 0) / 60.0, 'FM999990.00')" ;;
		volunteer_hours) e="to_char(coalesce(sum(volunteer_minutes),
		    0) / 60.0, 'FM999990.00')" ;;
		*) e="coalesce(sum($m), 0)" ;;
		esac
		printf '%s,%s,%s,%s\n' "$site" "$con" "$m" "$(pg -At -c "SELECT
		    $e FROM city.v_contract_day WHERE site = '$site' AND
		    contract = '$con' AND date BETWEEN '2019-06-01' AND
		    '2019-06-30'")"
	done < "$T/merge.txt" > "$T/city.txt"
	run -0 grep -c -e '^ht,HT-2019-POST,contacts,1$' \
	    -e '^east,HT-2019-POST,contacts,2$' \
	    -e '^east,HT-2019-430,group_sessions,3$' \
	    -e '^ht,HT-2019-POST,service_hours,3.50$' \
	    -e '^east,HT-2019-POST,service_hours,3.92$' "$T/merge.txt"
	assert_output 5
	run diff "$T/merge.txt" "$T/city.txt"
	assert_success
}

@test "pg: refused: a cursor from another site, a bad cursor, a cursor ahead of the database" {
	load_site --site ht
	db_snapshot
	city_snapshot
	run -65 --separate-stderr wushe-db export --to postgres --site east \
	    --since "$cursor"
	assert_equal "$stderr" "wushe-db: --since: the cursor '$cursor' is from site 'ht', not 'east' (give the cursor that the last export of 'east' printed)"
	assert_output ""
	run -64 --separate-stderr wushe-db export --to postgres --site ht \
	    --since 12
	assert_equal "$stderr" "wushe-db: --since: '12' is not a cursor (expected SITE:AUDIT:HISTORY, as an export prints it)"
	run -65 --separate-stderr wushe-db export --to postgres --site ht \
	    --since ht:999999:1
	assert_equal "$stderr" "wushe-db: --since: the cursor 'ht:999999:1' is ahead of this database (through $cursor): it is from another database"
	run -64 --separate-stderr wushe-db export --to mysql --site ht
	assert_equal "${stderr_lines[0]}" "wushe-db: export: --to postgres and --site CODE are required"
	run -64 --separate-stderr wushe-db export --to postgres --site "a b"
	assert_equal "${stderr_lines[0]}" "wushe-db: --site: 'a b': not a code (expected letters, digits, '_', '.' or '-')"
	run -64 --separate-stderr wushe-db --site ht check
	assert_equal "${stderr_lines[0]}" "wushe-db: check: --to, --site and --reveal are options of export only"
	db_unchanged
	city_unchanged
}

@test "pg: refused by the script: a city schema of another version, a stale or early script; the city store unchanged" {
	load_site --site ht
	first=$cursor
	visit-log --case 1 --worker W01 --date 2019-06-20 --minutes 30 \
	    --kind phone >/dev/null
	wushe-db export --to postgres --site ht --since "$first" > "$T/s2.sql" \
	    2> "$T/s2.err"
	second=$(sed -n 's/^wushe-db: export: cursor //p' "$T/s2.err")
	visit-log --case 2 --worker W01 --date 2019-06-21 --minutes 30 \
	    --kind phone >/dev/null
	wushe-db export --to postgres --site ht --since "$second" \
	    > "$T/s3.sql" 2>/dev/null
	city_snapshot
	# s3 needs what s2 brings: refused until s2 is loaded
	run -3 pg -f "$T/s3.sql"
	assert_output --partial "wushe: the city store holds site ht through cursor $first, older than this export's --since $second (export --since $first)"
	city_unchanged
	# a site the city store does not know yet: a full export first
	run -0 psql -X -q -d postgres -c "CREATE DATABASE other"
	run -3 pg -d other -f "$T/s2.sql"
	assert_output --partial "wushe: site ht is not in the city store yet: load an export without --since first"
	run -0 pg -d other -At -c "SELECT to_regclass('city.meta') IS NULL"
	assert_output t
	pg -f "$T/s2.sql"
	pg -f "$T/s3.sql"
	# s2 again after s3: stale, refused
	city_snapshot
	run -3 pg -f "$T/s2.sql"
	assert_output --partial "wushe: the city store holds site ht through cursor "
	assert_output --partial "newer than this script's $second: the script is stale (export again)"
	city_unchanged
	# a city store of another schema version
	pg -c "UPDATE city.meta SET value = '0' WHERE key = 'version'"
	city_snapshot
	wushe-db export --to postgres --site ht > "$T/full.sql" 2>/dev/null
	run -3 pg -f "$T/full.sql"
	assert_output --partial "wushe: the city store's schema is version 0, this export writes version $(sed -n '1s/^-- city schema version //p' "$BATS_TEST_DIRNAME/../schema/pg/city.sql") (upgrade the city store or use the wushe that matches it)"
	city_unchanged
}
