-- city schema version 1
-- city.sql: the city store in PostgreSQL (wushe-db export --to postgres).
-- Every site's rows side by side: each table of the SQLite schema that is
-- exported has its twin here with a leading site column, keyed by (site,
-- the local key).  Types follow SQLite's: INTEGER is bigint, TEXT is text
-- (dates stay 'YYYY-MM-DD' text, as the sites' reports compare them).
-- No foreign keys: an incremental export carries only what changed, and
-- each site's rows are checked by its own SQLite schema before they leave.
-- The first line's number is the city schema's version: the export script
-- refuses a city store of another version.  Bump it when a table or column
-- changes; tests/pg.bats checks that every exported SQLite column is here.
-- Statements are idempotent: the script runs this every time.

CREATE SCHEMA IF NOT EXISTS city;

CREATE TABLE IF NOT EXISTS city.meta (
	key   text PRIMARY KEY,
	value text
);

-- One row per site: the cursor of its last load and the versions.
CREATE TABLE IF NOT EXISTS city.site (
	site           text PRIMARY KEY,
	cursor         text NOT NULL,
	audit_id       bigint NOT NULL,
	history_id     bigint NOT NULL,
	schema_version integer NOT NULL,
	loaded_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS city.community (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	street text,
	district text,
	city text,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.org (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	kind text,
	credit_code text,
	registered text,
	deregistered text,
	county text,
	supervisor_unit text,
	brand_since text,
	hub bigint,
	training_base text,
	demonstration_unit text,
	league_affiliated bigint,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.worker (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	org text,
	level text,
	youth_affairs bigint,
	active_from text,
	active_to text,
	contract text,
	qualification text,
	qualified_on text,
	county text,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.contract (
	site text NOT NULL,
	code text NOT NULL,
	title text,
	kind text,
	purchaser text,
	provider text,
	start text,
	"end" text,
	amount_fen bigint,
	new_spending bigint,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.contract_funding (
	site text NOT NULL,
	contract text NOT NULL,
	funder text NOT NULL,
	amount_fen bigint,
	PRIMARY KEY (site, contract, funder)
);
CREATE TABLE IF NOT EXISTS city.contract_target (
	site text NOT NULL,
	contract text NOT NULL,
	measure text NOT NULL,
	target bigint,
	PRIMARY KEY (site, contract, measure)
);
CREATE TABLE IF NOT EXISTS city.payment (
	site text NOT NULL,
	id bigint NOT NULL,
	contract text,
	date text,
	amount_fen bigint,
	note text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.person (
	site text NOT NULL,
	id bigint NOT NULL,
	name text,
	id_number text,
	sex text,
	birth_date text,
	phone text,
	community text,
	address text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.cases (
	site text NOT NULL,
	id bigint NOT NULL,
	person bigint,
	community text,
	risk text,
	worker text,
	opened text,
	need text,
	source text,
	status text,
	closed text,
	close_reason text,
	outcome text,
	created_at text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.case_category (
	site text NOT NULL,
	case_id bigint NOT NULL,
	category text NOT NULL,
	PRIMARY KEY (site, case_id, category)
);
CREATE TABLE IF NOT EXISTS city.case_history (
	site text NOT NULL,
	id bigint NOT NULL,
	case_id bigint,
	at text,
	os_user text,
	command text,
	field text,
	old text,
	new text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.visit (
	site text NOT NULL,
	id bigint NOT NULL,
	case_id bigint,
	worker text,
	date text,
	start text,
	minutes bigint,
	kind text,
	status text,
	purpose text,
	note text,
	follow_up text,
	contract text,
	created_at text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.visit_void (
	site text NOT NULL,
	visit bigint NOT NULL,
	at text,
	os_user text,
	command text,
	reason text,
	PRIMARY KEY (site, visit)
);
CREATE TABLE IF NOT EXISTS city.correction (
	site text NOT NULL,
	id bigint NOT NULL,
	at text,
	os_user text,
	command text,
	tbl text,
	row_key text,
	field text,
	old text,
	new text,
	reason text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.case_reopen (
	site text NOT NULL,
	id bigint NOT NULL,
	case_id bigint,
	date text,
	closed text,
	reason text,
	at text,
	os_user text,
	command text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.case_assignment (
	site text NOT NULL,
	id bigint NOT NULL,
	case_id bigint,
	worker text,
	since text,
	at text,
	os_user text,
	command text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.record_void (
	site text NOT NULL,
	tbl text NOT NULL,
	row_key bigint NOT NULL,
	at text,
	os_user text,
	command text,
	reason text,
	PRIMARY KEY (site, tbl, row_key)
);
CREATE TABLE IF NOT EXISTS city.period_lock (
	site text NOT NULL,
	id bigint NOT NULL,
	through text,
	reason text,
	at text,
	os_user text,
	command text,
	lifted_at text,
	lifted_by text,
	lift_reason text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.grp (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	org text,
	community text,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.activity (
	site text NOT NULL,
	id bigint NOT NULL,
	kind text,
	grp text,
	title text,
	date text,
	minutes bigint,
	community text,
	org text,
	participants bigint,
	volunteers bigint,
	volunteer_minutes bigint,
	contract text,
	note text,
	created_at text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.activity_worker (
	site text NOT NULL,
	activity bigint NOT NULL,
	worker text NOT NULL,
	PRIMARY KEY (site, activity, worker)
);
CREATE TABLE IF NOT EXISTS city.activity_case (
	site text NOT NULL,
	activity bigint NOT NULL,
	case_id bigint NOT NULL,
	PRIMARY KEY (site, activity, case_id)
);
CREATE TABLE IF NOT EXISTS city.intern (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	id_number text,
	school text,
	major text,
	full_time bigint,
	hukou_city text,
	org text,
	supervisor text,
	academic_supervisor text,
	start text,
	"end" text,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.certification (
	site text NOT NULL,
	id bigint NOT NULL,
	intern text,
	through text,
	by text,
	at text,
	os_user text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.intern_hours (
	site text NOT NULL,
	id bigint NOT NULL,
	intern text,
	date text,
	start text,
	end_time text,
	break_minutes bigint,
	minutes bigint,
	task text,
	kind text,
	reason text,
	certification bigint,
	created_at text,
	os_user text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.volunteer (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	id_number text,
	phone text,
	community text,
	team text,
	skills text,
	registered text,
	left_on text,
	PRIMARY KEY (site, code)
);
CREATE TABLE IF NOT EXISTS city.volunteer_service (
	site text NOT NULL,
	id bigint NOT NULL,
	volunteer text,
	date text,
	start text,
	end_time text,
	minutes bigint,
	place text,
	content text,
	org text,
	activity bigint,
	kind text,
	reason text,
	amends bigint,
	voided text,
	void_reason text,
	certificate bigint,
	os_user text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.volunteer_certificate (
	site text NOT NULL,
	id bigint NOT NULL,
	serial text,
	volunteer text,
	org text,
	issued text,
	records bigint,
	minutes bigint,
	os_user text,
	at text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.annual_event (
	site text NOT NULL,
	id bigint NOT NULL,
	org text,
	year bigint,
	event text,
	date text,
	reason text,
	conclusion text,
	PRIMARY KEY (site, id)
);
CREATE TABLE IF NOT EXISTS city.annual_report (
	site text NOT NULL,
	org text NOT NULL,
	year bigint NOT NULL,
	state text,
	first text,
	submitted text,
	returned text,
	reason text,
	reviewed text,
	conclusion text,
	PRIMARY KEY (site, year, org)
);
CREATE TABLE IF NOT EXISTS city.youth_home (
	site text NOT NULL,
	code text NOT NULL,
	name text,
	county text,
	community text,
	opened text,
	PRIMARY KEY (site, code)
);

-- The analysts' views of schema/0*.sql, over every site (a site column).
CREATE OR REPLACE VIEW city.v_case AS
SELECT c.site, c.id AS case_id,
       p.name AS name,
       CASE WHEN p.id_number IS NULL THEN NULL
            ELSE left(p.id_number, 6) || '********' ||
                 right(p.id_number, 4) END AS id_number,
       p.sex AS sex,
       p.birth_date AS birth_date,
       CASE WHEN p.phone IS NULL THEN NULL
            ELSE left(p.phone, 3) || '****' || right(p.phone, 4)
       END AS phone,
       c.community AS community,
       (SELECT string_agg(cc.category, ',' ORDER BY cc.category)
        FROM city.case_category cc
        WHERE cc.site = c.site AND cc.case_id = c.id) AS categories,
       c.risk AS risk,
       c.worker AS worker,
       c.opened AS opened,
       c.status AS status,
       c.closed AS closed,
       c.close_reason AS close_reason,
       c.need AS need,
       c.source AS source
FROM city.cases c JOIN city.person p ON p.site = c.site AND p.id = c.person;

CREATE OR REPLACE VIEW city.v_visit AS
SELECT v.site, v.id AS visit_id, v.case_id, v.worker, v.date, v.start,
       v.minutes, v.kind, v.status, v.purpose, v.follow_up, v.contract,
       c.community
FROM city.visit v JOIN city.cases c ON c.site = v.site AND c.id = v.case_id;

CREATE OR REPLACE VIEW city.v_contact AS
SELECT v.site, v.id AS visit_id, v.case_id, v.worker, v.date, v.start,
       v.minutes, v.kind, v.purpose, v.follow_up, v.contract
FROM city.visit v
WHERE v.status = 'done' AND NOT EXISTS (SELECT 1 FROM city.visit_void x
    WHERE x.site = v.site AND x.visit = v.id);

CREATE OR REPLACE VIEW city.v_case_worker AS
SELECT a.site, a.case_id, a.worker, a.since,
       (SELECT min(b.since) FROM city.case_assignment b
        WHERE b.site = a.site AND b.case_id = a.case_id AND (b.since > a.since
        OR (b.since = a.since AND b.id > a.id))) AS until
FROM city.case_assignment a
WHERE NOT EXISTS (SELECT 1 FROM city.case_assignment b
    WHERE b.site = a.site AND b.case_id = a.case_id AND b.since = a.since
    AND b.id > a.id)
UNION ALL
SELECT c.site, c.id, c.worker, c.opened, NULL FROM city.cases c
WHERE NOT EXISTS (SELECT 1 FROM city.case_assignment b
    WHERE b.site = c.site AND b.case_id = c.id);

-- The records not voided (SQLite's 015), which every figure reads.
CREATE OR REPLACE VIEW city.v_activity AS
SELECT a.* FROM city.activity a
WHERE NOT EXISTS (SELECT 1 FROM city.record_void r WHERE r.site = a.site
    AND r.tbl = 'activity' AND r.row_key = a.id);

CREATE OR REPLACE VIEW city.v_intern_entry AS
SELECT h.* FROM city.intern_hours h
WHERE NOT EXISTS (SELECT 1 FROM city.record_void r WHERE r.site = h.site
    AND r.tbl = 'intern_hours' AND r.row_key = h.id);

CREATE OR REPLACE VIEW city.v_intern_hours AS
SELECT h.site, h.id AS entry_id, h.intern, i.name, i.org, h.date, h.start,
       h.end_time, h.break_minutes, h.minutes, h.kind, h.task, h.reason,
       h.certification, c.through AS certified_through, c.by AS certified_by,
       c.at AS certified_at, h.created_at, h.os_user
FROM city.v_intern_entry h
JOIN city.intern i ON i.site = h.site AND i.code = h.intern
LEFT JOIN city.certification c ON c.site = h.site AND c.id = h.certification;

CREATE OR REPLACE VIEW city.v_activity_volunteers AS
SELECT a.site, a.id AS activity, a.volunteers AS anonymous,
       a.volunteer_minutes AS anonymous_minutes,
       a.volunteers + (SELECT count(DISTINCT s.volunteer)
           FROM city.volunteer_service s WHERE s.site = a.site
           AND s.activity = a.id AND s.voided IS NULL
           AND s.kind = 'entry') AS volunteers,
       a.volunteer_minutes + (SELECT coalesce(sum(s.minutes), 0)
           FROM city.volunteer_service s WHERE s.site = a.site
           AND s.activity = a.id AND s.voided IS NULL) AS volunteer_minutes
FROM city.activity a;

CREATE OR REPLACE VIEW city.v_volunteer_service AS
SELECT s.site, s.id AS record_id, s.volunteer, v.name, s.date, s.start,
       s.end_time, s.minutes, s.place, s.content, s.org, s.activity, s.kind,
       s.reason, s.amends, s.voided, s.void_reason, c.serial AS certificate,
       s.os_user
FROM city.volunteer_service s
JOIN city.volunteer v ON v.site = s.site AND v.code = s.volunteer
LEFT JOIN city.volunteer_certificate c ON c.site = s.site
    AND c.id = s.certificate;

-- A city report's figures by site, contract and day, as grant-report
-- counts them (lib/grant.c): contacts and their minutes (v_contact), the
-- activities' minutes, sessions, community activities, participants and
-- volunteer minutes (v_activity_volunteers).  A month's figure is the sum
-- over its days; service minutes are contact_minutes + activity_minutes.
CREATE OR REPLACE VIEW city.v_contract_day AS
SELECT site, contract, date, sum(contacts) AS contacts,
       sum(contact_minutes) AS contact_minutes,
       sum(activity_minutes) AS activity_minutes,
       sum(group_sessions) AS group_sessions,
       sum(activities) AS activities, sum(participants) AS participants,
       sum(volunteer_minutes) AS volunteer_minutes
FROM (SELECT site, contract, date, 1 AS contacts, minutes AS contact_minutes,
             0 AS activity_minutes, 0 AS group_sessions, 0 AS activities,
             0 AS participants, 0 AS volunteer_minutes
      FROM city.v_contact WHERE contract IS NOT NULL
      UNION ALL
      SELECT a.site, a.contract, a.date, 0, 0, a.minutes,
             (a.kind = 'group_session')::int, (a.kind = 'community')::int,
             a.participants, av.volunteer_minutes
      FROM city.v_activity a JOIN city.v_activity_volunteers av
          ON av.site = a.site AND av.activity = a.id
      WHERE a.contract IS NOT NULL) x
GROUP BY site, contract, date;

INSERT INTO city.meta (key, value) VALUES ('version', '1')
ON CONFLICT (key) DO NOTHING;
