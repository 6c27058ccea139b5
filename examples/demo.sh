#!/bin/sh
# demo.sh - build the demo database of Haitang street (海棠街道, the pilot
# of the source article) and print what the toolkit knows about it.
# Run through "make demo"; WUSHE_BIN names the folder of the binaries.
# The demo street lives in 2019, so "today" is fixed at 2019-07-01.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PATH="${WUSHE_BIN:+$WUSHE_BIN:}$PATH"
WUSHE_DB=${DEMO_DB:-$PWD/demo.db}
WUSHE_TODAY=2019-07-01
export PATH WUSHE_DB WUSHE_TODAY
unset WUSHE_POLICY

rm -f "$WUSHE_DB" "$WUSHE_DB-wal" "$WUSHE_DB-shm"
step() { printf '\n== %s\n$ %s\n' "$1" "$2"; }

step "create the database and load the street's directory" \
    "wushe-db init && wushe-db load examples/haitang.yaml"
wushe-db init
wushe-db load "$here/haitang.yaml"

step "take five residents into care" "case-add < examples/intake.tsv"
case-add < "$here/intake.tsv"

step "move the spreadsheet history of visits in" \
    "visit-log --import < examples/visits.tsv"
visit-log --import --quiet < "$here/visits.tsv"
visit-log --list --format table

step "the import is audited by one batch row: its range, its count, the SHA-256 of the file" \
    "wushe-db audit --op batch --table visit"
wushe-db audit --op batch --table visit --format table

step "the after-school class and the dance group, and their sessions" \
    "activity-log --add-group G430 ...; activity-log --import < examples/activities.tsv"
activity-log --add-group G430 --name "四点半课堂" --org HT-SOC --community HTS >/dev/null
activity-log --add-group GDANCE --name "海棠舞蹈队" --org HT-DANCE --community QH >/dev/null
activity-log --import --quiet < "$here/activities.tsv"
activity-log --list --format table

step "the after-school class runs under HT-2019-430: check the change, load it, and its sessions book there without -C; the quarter by group" \
    "wushe-db load --dry-run -; wushe-db load -; activity-log -g G430 -w W01 ...; activity-log -G group -Q 2019-Q2"
groups='groups: [{code: G430, name: 四点半课堂, org: HT-SOC, community: HTS, contract: HT-2019-430}]'
echo "$groups" | wushe-db load --dry-run --format table -
echo "$groups" | wushe-db load - >/dev/null 2>&1
activity-log -g G430 -D 2019-06-24 -m 120 -w W01 --participants 15 \
    -T 四点半课堂：阅读 --format table
activity-log -G group -Q 2019-Q2 --format table

step "who is due a contact today (exit 1: somebody is overdue)" \
    "visit-log --due"
visit-log --due --format table || true

step "an intern's hours, signed off by the supervisor, against the Nanhai subsidy rules" \
    "intern-hours < examples/intern-hours.tsv; intern-hours --certify ...; intern-hours --report"
intern-hours < "$here/intern-hours.tsv" >/dev/null
intern-hours --certify --intern I01 --through 2019-06-30 --by W01 >/dev/null
intern-hours --report --format json \
    --policy "$here/policy-foshan-nanhai-2018.yaml"

step "the street's volunteers: their service at the after-school class, a year's hours, a certificate" \
    "wushe-db load examples/haitang-volunteers.yaml; volunteer-hours --activity 1 --volunteer V003; volunteer-hours --report; volunteer-hours --certificate ..."
wushe-db load "$here/haitang-volunteers.yaml" >/dev/null
volunteer-hours --activity 1 --volunteer V003 >/dev/null
volunteer-hours --activity 3 --volunteer V003 >/dev/null
volunteer-hours --volunteer V001 --date 2019-06-06 --from 09:00 --to 12:00 \
    --place 青华社区 --content 端午节包粽子帮厨 --org QZ-SW >/dev/null
volunteer-hours --report --year 2019 --format table
volunteer-hours --certificate --volunteer V003
step "the street's youth-affairs social workers and its youth home, against Fujian's plan" \
    "workforce-report --policy examples/policy-fujian-youth-2018.yaml --format text"
workforce-report --policy "$here/policy-fujian-youth-2018.yaml" --format text

step "correct the record: a visit typed 45 minutes for 40, a phone number" \
    "visit-log --amend 2 --minutes 40 --reason ...; case-update --case 1 --phone ... --reason ..."
visit-log --amend 2 --minutes 40 --reason "录入错误：应为 40 分钟" --format table
case-update --case 1 --phone 13955112233 --reason "家属告知新号码" --format table

step "correct an activity: a session that ran 90 minutes, not 120; case 3 was not there" \
    "activity-log --amend 2 --minutes 90 --reason ...; activity-log --void 2 --case 3 --reason ..."
activity-log --amend 2 --minutes 90 --reason "提前结束" --format table
activity-log --void 2 --case 3 --reason "当天请假" --format table

step "May's report went to the street office: close May" \
    "wushe-db lock --through 2019-05-31 --reason ..."
wushe-db lock --through 2019-05-31 --reason "五月报表已报街道" --format table

step "June's report on the purchased-service contracts (exit 2: behind)" \
    "grant-report --month 2019-06 --format text"
grant-report --month 2019-06 --format text || true

step "the 2018 annual reports of the street's social organisations (Guangzhou's rules)" \
    "annual-report --submit ...; annual-report --status --year 2018; annual-report --abnormal --year 2018"
annual-report --submit --org QZ-SW --year 2018 --date 2019-03-25
annual-report --accept --org QZ-SW --year 2018 --date 2019-04-03 \
    --conclusion qualified
annual-report --submit --org HT-SOC --year 2018 --date 2019-04-08
annual-report --status --year 2018 --format text \
    --policy "$here/policy-guangzhou-2019.yaml"
annual-report --abnormal --year 2018 --format text

step "the register and its growth in 2018 against Chengdu's targets (exit 2: behind)" \
    "org-report --list; org-report --growth --year 2018"
org-report --list --format text
org-report --growth --year 2018 --format text \
    --policy "$here/policy-chengdu-2019.yaml" || true

step "the intake sheet a street hands out, in Chinese, and the case list as an Excel workbook" \
    "case-add --template --lang zh; case-list --format xlsx > cases.xlsx"
case-add --template --lang zh
case-list --format xlsx > "${TMPDIR:-/tmp}/haitang-cases.xlsx"
echo "wrote ${TMPDIR:-/tmp}/haitang-cases.xlsx"

step "names for codes, and the messages in Chinese" \
    "case-list -N 青华社区 -w 王明 --lang zh; case-assign --lang zh 1"
case-list -N 青华社区 -w 王明 --lang zh --format table
case-assign --lang zh 1 2>&1 | head -1 || true

step "the street in the city's PostgreSQL: the export script (loaded when PGDATABASE names a server's database)" \
    "wushe-db export --to postgres --site haitang | psql -v ON_ERROR_STOP=1 city"
wushe-db export --to postgres --site haitang > "${TMPDIR:-/tmp}/haitang-city.sql"
if [ -n "${PGDATABASE:-}" ] && command -v psql >/dev/null &&
    psql -X -q -c 'SELECT 1' >/dev/null 2>&1; then
	psql -X -q -v ON_ERROR_STOP=1 -f "${TMPDIR:-/tmp}/haitang-city.sql" &&
	    psql -X -c "SELECT site, count(*) AS contacts FROM city.v_contact
	    GROUP BY site"
else
	grep -E '^-- (cursor|[a-z_]+: [0-9]+ rows?$)' \
	    "${TMPDIR:-/tmp}/haitang-city.sql" | head -n 12
	echo "(no PGDATABASE to load it into: the script is in ${TMPDIR:-/tmp}/haitang-city.sql)"
fi
step "tamper evidence: check the audit's hash chain, and seal its head for the auditor" \
    "wushe-db check; wushe-db audit --seal"
wushe-db check --format table | tail -n 3
wushe-db audit --seal --format table

step "a redacted copy for the analysts: pseudonyms, birth years, no notes" \
    "wushe-db snapshot --redact --force demo-analysts.db"
wushe-db snapshot --redact --force "${WUSHE_DB%.db}-analysts.db"
sqlite3 -readonly -box "${WUSHE_DB%.db}-analysts.db" \
    "SELECT case_id, name, id_number, birth_year, community FROM v_case LIMIT 3"

step "a copy of the database others can read is not written into (exit 77) unless --force" \
    "cp demo.db shared.db; chmod 644 shared.db; visit-log --db shared.db -c 1 ..."
shared="${TMPDIR:-/tmp}/haitang-shared.db"
cp "$WUSHE_DB" "$shared"; chmod 644 "$shared"
visit-log --db "$shared" -c 1 -D 2019-06-28 -m 20 -K phone -q ||
    echo "(exit $?)"
rm -f "$shared"
