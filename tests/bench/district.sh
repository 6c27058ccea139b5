# district.sh - sourced by bench-grant.sh and bench-decade.sh: generate a
# district's database with SQL straight into a database made by wushe-db
# init (generating it through case-add and visit-log --import would take
# minutes, and those are benchmarked on their own), and the plain SQL of
# grant-report's figures for one month on it.
#
#   district_db DB CASES VISITS FIRST_YEAR YEARS [date]
#
# Ten streets (100 communities), 22 organisations, 200 workers; 50
# contracts a year (K01..K50 the first year, K51..K100 the second, ...),
# each running from 1 January to 31 December with its funding, targets and
# twelve monthly payments; CASES cases (person i, case i; opened over the
# two years before FIRST_YEAR and the years after, every case open, in the
# category elderly); VISITS visits spread over the YEARS years from
# FIRST_YEAR on, to case (i x 48271) mod CASES + 1, by its worker, for the
# contract of the visit's year that its worker serves, one in ten a
# no-show, dated day i x 31 mod the number of days (so a case's visits are
# spread over the years); inserted in the order of i, or with "date" the
# same visits in date order, as they are logged; 20,000 activities a year
# (half group sessions, attended by one case each, half community
# activities).  With FIRST_YEAR 2019 and YEARS 1
# it is the district of bench-grant.sh.
#
# The case history and audit triggers call wushe's SQL functions ws_user()
# and ws_sha256(), which the sqlite3 shell lacks, so they are dropped while
# the data go in and put back after: neither history nor audit is read by
# the reports (wushe-db check then finds rows without audit rows).  The
# visit and activity indexes are dropped too and built after the load
# (the same indexes, sorted once instead of kept in order row by row).
district_db() {
	_db=$1 _ncases=$2 _nvisits=$3 _first=$4 _years=$5
	_last=$((_first + _years - 1))
	_ndays=$(sqlite3 :memory: "SELECT CAST(julianday('$((_last + 1))-01-01')
	    - julianday('$_first-01-01') AS INTEGER)")
	_ospan=$((1000 + 365 * (_years - 1)))
	_nacts=$((20000 * _years))
	# visit i is dated day i x 31 mod ndays: in the order of i, or in
	# date order (day k's visits are i = k x 31^-1 mod ndays + j x ndays)
	if [ "${6:-}" = date ]; then
		_inv=$(awk -v n="$_ndays" 'BEGIN { for (x = 1; x < n; x++)
		    if (31 * x % n == 1) { print x; exit } }')
		_visits="k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k
		    WHERE k < $_ndays - 1),
		j(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM j
		    WHERE j <= $_nvisits / $_ndays),
		n(i) AS (SELECT i FROM (SELECT k * $_inv % $_ndays
		    + j * $_ndays AS i FROM k CROSS JOIN j)
		    WHERE i BETWEEN 1 AND $_nvisits)"
	else
		_visits="n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
		    WHERE i < $_nvisits)"
	fi
	rm -f "$_db" "$_db"-*
	WUSHE_DB=$_db wushe-db init >/dev/null
	_drop=$(sqlite3 "$_db" "SELECT group_concat('DROP ' || type || ' ' ||
	    name || ';', ' ') FROM sqlite_master WHERE (type = 'trigger'
	    AND sql LIKE '%ws_user()%') OR (type = 'index'
	    AND tbl_name IN ('visit', 'activity') AND sql IS NOT NULL)")
	sqlite3 "$_db" >/dev/null <<EOF
PRAGMA synchronous = OFF;
PRAGMA journal_mode = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
CREATE TEMP TABLE keep AS SELECT type, sql FROM sqlite_master
    WHERE (type = 'trigger' AND sql LIKE '%ws_user()%') OR (type = 'index'
    AND tbl_name IN ('visit', 'activity') AND sql IS NOT NULL);
$_drop
INSERT INTO meta(key, value) VALUES ('site', 'bench district');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO community(code, name, street)
    SELECT printf('C%03d', i), printf('community %d', i),
        printf('street %d', (i - 1) / 10 + 1) FROM n;
INSERT INTO org(code, name, kind) VALUES ('JD', 'district office',
    'street_office'), ('ENT', 'a bank', 'enterprise');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO org(code, name, kind)
    SELECT printf('P%02d', i), printf('provider %d', i),
        CASE i % 5 WHEN 0 THEN 'sw_agency' WHEN 1 THEN 'social_group'
        WHEN 2 THEN 'foundation' WHEN 3 THEN 'private_non_enterprise'
        ELSE 'enterprise' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 50 * $_years)
INSERT INTO contract(code, title, kind, purchaser, provider, start, end,
    amount_fen, new_spending)
    SELECT printf('K%02d', i), printf('contract %d', i),
        CASE j % 3 WHEN 0 THEN 'post' WHEN 1 THEN 'project'
        ELSE 'venture_philanthropy' END, 'JD', printf('P%02d', j % 20 + 1),
        printf('%d-01-01', $_first + (i - 1) / 50),
        printf('%d-12-31', $_first + (i - 1) / 50), 120000000, j % 2
    FROM (SELECT i, (i - 1) % 50 + 1 AS j FROM n);
INSERT INTO contract_funding(contract, funder, amount_fen)
    SELECT code, 'JD', CASE kind WHEN 'venture_philanthropy' THEN 80000000
        ELSE 120000000 END FROM contract;
INSERT INTO contract_funding(contract, funder, amount_fen)
    SELECT code, 'ENT', 40000000 FROM contract
    WHERE kind = 'venture_philanthropy';
INSERT INTO contract_target(contract, measure, target)
    SELECT c.code, m.measure, m.target FROM contract c, (
        SELECT 'service_hours' AS measure, 1200000 AS target
        UNION ALL SELECT 'contacts', 40000
        UNION ALL SELECT 'cases_served', 2000
        UNION ALL SELECT 'new_cases', 200
        UNION ALL SELECT 'group_sessions', 200
        UNION ALL SELECT 'activities', 200
        UNION ALL SELECT 'participants', 8000
        UNION ALL SELECT 'volunteer_hours', 30000) m;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
INSERT INTO payment(contract, date, amount_fen)
    SELECT c.code, printf('%s-%02d-10', substr(c.start, 1, 4), i), 10000000
    FROM contract c, n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO worker(code, name, org, contract)
    SELECT printf('W%03d', i), printf('worker %d', i),
        printf('P%02d', (i - 1) % 50 % 20 + 1),
        printf('K%02d', 50 * ($_years - 1) + (i - 1) % 50 + 1)
    FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < $_ncases)
INSERT INTO person(id, name, community)
    SELECT i, printf('person %d', i), printf('C%03d', i % 100 + 1) FROM n;
INSERT INTO cases(id, person, community, risk, worker, opened)
    SELECT id, id, community, 'low', printf('W%03d', id % 200 + 1),
        date('$((_first - 2))-01-01', '+' || (id * 7919 % $_ospan) || ' days')
    FROM person;
INSERT INTO case_category(case_id, category) SELECT id, 'elderly' FROM cases;
WITH RECURSIVE $_visits
INSERT INTO visit(case_id, worker, date, minutes, kind, status, contract)
    SELECT c, printf('W%03d', c % 200 + 1), d, 10 + i % 80, 'home',
        CASE WHEN i / 7 % 10 = 0 THEN 'no_show' ELSE 'done' END,
        printf('K%02d', 50 * (CAST(substr(d, 1, 4) AS INTEGER) - $_first)
            + c % 200 % 50 + 1)
    FROM (SELECT i, c, date('$_first-01-01', '+' || (i * 31 % $_ndays)
        || ' days') AS d
        FROM (SELECT i, (i * 48271) % $_ncases + 1 AS c FROM n));
INSERT INTO grp(code, name, org, community)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
        WHERE i < 50)
    SELECT printf('G%02d', i), printf('group %d', i), 'P01', 'C001' FROM n;
INSERT INTO activity(id, kind, grp, date, minutes, community, participants,
    volunteers, volunteer_minutes, contract)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
        WHERE i < $_nacts)
    SELECT i, kind, grp, d, 90, community, participants, volunteers,
        volunteer_minutes, printf('K%02d', 50 * (CAST(substr(d, 1, 4)
            AS INTEGER) - $_first) + i % 50 + 1)
    FROM (SELECT i, CASE WHEN i % 2 THEN 'group_session' ELSE 'community'
        END AS kind, CASE WHEN i % 2 THEN printf('G%02d', i % 50 + 1)
        END AS grp, date('$_first-01-01', '+' || (i * 17 % $_ndays)
        || ' days') AS d, printf('C%03d', i % 100 + 1) AS community,
        10 + i % 30 AS participants, i % 4 AS volunteers,
        (i % 4) * 60 AS volunteer_minutes FROM n);
INSERT INTO activity_case(activity, case_id)
    SELECT id, (id * 7 % $_ncases) + 1 FROM activity
    WHERE kind = 'group_session';
.headers off
.mode list
.output $_db.keep.sql
SELECT sql || ';' FROM temp.keep ORDER BY type = 'trigger';
.output
.read $_db.keep.sql
COMMIT;
ANALYZE;
PRAGMA journal_mode = WAL;
EOF
	rm -f "$_db.keep.sql"
}

# grant_ref DB OUT: the plain SQL that computes grant-report --month
# 2019-06's figures in the sqlite3 shell, into OUT: per contract of the
# month, in the month and to date (from the contract's start), contacts,
# service minutes (done visits and activities), cases served (visited or
# attending a session), group sessions, community activities,
# participants and volunteer minutes (every measure but new_cases), as
# contract|measure|month|to date.  It reads the tables themselves: the
# generated district has no void, so the views' void checks would only
# slow it.
grant_ref() {
	sqlite3 "$1" > "$2" <<'EOF'
WITH k AS (SELECT code, start FROM contract
    WHERE start <= '2019-06-30' AND end >= '2019-06-01'),
vv AS (SELECT v.contract, v.case_id, v.date, v.minutes
    FROM visit v JOIN k ON k.code = v.contract
    WHERE v.status = 'done' AND v.date BETWEEN k.start AND '2019-06-30'),
aa AS (SELECT a.* FROM activity a JOIN k ON k.code = a.contract
    WHERE a.date BETWEEN k.start AND '2019-06-30'),
served AS (SELECT contract, case_id, max(date) AS last FROM (
    SELECT contract, case_id, date FROM vv UNION ALL
    SELECT aa.contract, ac.case_id, aa.date FROM aa
    JOIN activity_case ac ON ac.activity = aa.id) GROUP BY contract, case_id)
SELECT contract, 'contacts', sum(date >= '2019-06-01'), count(*)
    FROM vv GROUP BY contract
UNION ALL SELECT contract, 'service_hours',
    sum(CASE WHEN date >= '2019-06-01' THEN minutes ELSE 0 END), sum(minutes)
    FROM (SELECT contract, date, minutes FROM vv UNION ALL
    SELECT contract, date, minutes FROM aa) GROUP BY contract
UNION ALL SELECT contract, 'cases_served', sum(last >= '2019-06-01'),
    count(*) FROM served GROUP BY contract
UNION ALL SELECT contract, 'group_sessions',
    sum(kind = 'group_session' AND date >= '2019-06-01'),
    sum(kind = 'group_session') FROM aa GROUP BY contract
UNION ALL SELECT contract, 'activities',
    sum(kind = 'community' AND date >= '2019-06-01'),
    sum(kind = 'community') FROM aa GROUP BY contract
UNION ALL SELECT contract, 'participants',
    sum(CASE WHEN date >= '2019-06-01' THEN participants ELSE 0 END),
    sum(participants) FROM aa GROUP BY contract
UNION ALL SELECT contract, 'volunteer_hours',
    sum(CASE WHEN date >= '2019-06-01' THEN volunteer_minutes ELSE 0 END),
    sum(volunteer_minutes) FROM aa GROUP BY contract
ORDER BY 1, 2;
EOF
}

# grant_same NAME JSON REF: every figure of REF (grant_ref) against
# grant-report's JSON, hours in minutes as the json gives them; prints
# how many are equal, or fails the benchmark NAME on the first that
# differs.
grant_same() {
	sed -n 's/.*"contract":"\([^"]*\)","measure":"\([a-z_]*\)",[^}]*"actual":\([0-9]*\),"actual_to_date":\([0-9]*\),.*/\1|\2|\3|\4/p' \
	    "$2" | grep -v '|new_cases|' | LC_ALL=C sort > "$2.figures"
	LC_ALL=C sort "$3" > "$3.sorted"
	_nref=$(wc -l < "$3.sorted")
	if [ "$_nref" -eq 0 ] || ! cmp -s "$3.sorted" "$2.figures"; then
		echo "bench $1: figures differ from the reference SQL (< sqlite3, > ours):" >&2
		diff "$3.sorted" "$2.figures" | head -20 >&2
		exit 1
	fi
	echo "bench $1: the $_nref figures of the reference SQL (contract, measure: month and to date) equal ours"
}
