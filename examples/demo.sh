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

step "the after-school class and the dance group, and their sessions" \
    "activity-log --add-group G430 ...; activity-log --import < examples/activities.tsv"
activity-log --add-group G430 --name "四点半课堂" --org HT-SOC --community HTS >/dev/null
activity-log --add-group GDANCE --name "海棠舞蹈队" --org HT-DANCE --community QH >/dev/null
activity-log --import --quiet < "$here/activities.tsv"
activity-log --list --format table

step "who is due a contact today (exit 1: somebody is overdue)" \
    "visit-log --due"
visit-log --due --format table || true

step "an intern's hours, signed off by the supervisor, against the Nanhai subsidy rules" \
    "intern-hours < examples/intern-hours.tsv; intern-hours --certify ...; intern-hours --report"
intern-hours < "$here/intern-hours.tsv" >/dev/null
intern-hours --certify --intern I01 --through 2019-06-30 --by W01 >/dev/null
intern-hours --report --format json \
    --policy "$here/policy-foshan-nanhai-2018.yaml"

step "June's report on the purchased-service contracts (exit 2: behind)" \
    "grant-report --month 2019-06 --format text"
grant-report --month 2019-06 --format text || true

step "tamper evidence: check the audit's hash chain, and seal its head for the auditor" \
    "wushe-db check; wushe-db audit --seal"
wushe-db check --format table | tail -n 3
wushe-db audit --seal --format table

step "a redacted copy for the analysts: pseudonyms, birth years, no notes" \
    "wushe-db snapshot --redact --force demo-analysts.db"
wushe-db snapshot --redact --force "${WUSHE_DB%.db}-analysts.db"
sqlite3 -readonly -box "${WUSHE_DB%.db}-analysts.db" \
    "SELECT case_id, name, id_number, birth_year, community FROM v_case LIMIT 3"
