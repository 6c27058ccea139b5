-- 016-privacy.sql: tamper evidence and the views analysts asked for
-- (issue 11; see wushe(7), TAMPER EVIDENCE).
--
-- The audit catalog.  Every table listed in audit_catalog has its insert,
-- update and delete triggers generated from this one row by libwushe
-- (lib/chain.c, after every migration), from the table's own columns
-- (PRAGMA table_info) and primary key: a migration that adds a table
-- adds it to the audit with one row here.  bulk 1: an insert stores only
-- the row key and the digest of the row, not the row (the row is its own
-- record; a later change or deletion stores the full old row).
--
-- The hash chain.  Every audit row carries prev, the hash of the row
-- before it (NULL for the first), digest, the SHA-256 of the written
-- row's JSON (inserts and updates), and hash, the SHA-256 of prev and the
-- row's own columns (ws_sha256(prev, at, os_user, command, tbl, op,
-- row_key, old, new, digest), each value length-prefixed).  wushe-db
-- check recomputes the chain, compares every audited row with the digest
-- of its last audit row, and compares the schema with the one these
-- migrations make.  op 'baseline' records the digest of a row that was
-- written before its table was audited this way; op 'snapshot' records a
-- wushe-db snapshot.

-- the 005 triggers, generated from the catalog from now on
DROP TRIGGER person_audit_insert;
DROP TRIGGER person_audit_update;
DROP TRIGGER person_audit_delete;
DROP TRIGGER cases_audit_insert;
DROP TRIGGER cases_audit_update;
DROP TRIGGER cases_audit_delete;
DROP TRIGGER case_category_audit_insert;
DROP TRIGGER case_category_audit_update;
DROP TRIGGER case_category_audit_delete;
DROP TRIGGER visit_audit_insert;
DROP TRIGGER visit_audit_update;
DROP TRIGGER visit_audit_delete;
DROP TRIGGER activity_audit_insert;
DROP TRIGGER activity_audit_update;
DROP TRIGGER activity_audit_delete;
DROP TRIGGER intern_hours_audit_insert;
DROP TRIGGER intern_hours_audit_update;
DROP TRIGGER intern_hours_audit_delete;
DROP TRIGGER certification_audit_insert;
DROP TRIGGER certification_audit_update;
DROP TRIGGER certification_audit_delete;
DROP TRIGGER contract_audit_insert;
DROP TRIGGER contract_audit_update;
DROP TRIGGER contract_audit_delete;
DROP TRIGGER contract_funding_audit_insert;
DROP TRIGGER contract_funding_audit_update;
DROP TRIGGER contract_funding_audit_delete;
DROP TRIGGER contract_target_audit_insert;
DROP TRIGGER contract_target_audit_update;
DROP TRIGGER contract_target_audit_delete;
DROP TRIGGER payment_audit_insert;
DROP TRIGGER payment_audit_update;
DROP TRIGGER payment_audit_delete;
-- and those of 010-volunteers.sql and 012-corrections.sql
DROP TRIGGER volunteer_audit_insert;
DROP TRIGGER volunteer_audit_update;
DROP TRIGGER volunteer_audit_delete;
DROP TRIGGER volunteer_service_audit_insert;
DROP TRIGGER volunteer_service_audit_update;
DROP TRIGGER volunteer_service_audit_delete;
DROP TRIGGER volunteer_certificate_audit_insert;
DROP TRIGGER volunteer_certificate_audit_update;
DROP TRIGGER volunteer_certificate_audit_delete;
DROP TRIGGER correction_audit_insert;
DROP TRIGGER period_lock_audit_insert;
DROP TRIGGER period_lock_audit_update;
DROP TRIGGER case_assignment_audit_insert;
DROP TRIGGER case_reopen_audit_insert;
DROP TRIGGER visit_void_audit_insert;
-- and that of 015-corrections-more.sql
DROP TRIGGER record_void_audit_insert;

CREATE TABLE audit_catalog (
	tbl  TEXT PRIMARY KEY,
	bulk INTEGER NOT NULL DEFAULT 0 CHECK (bulk = 0 OR bulk = 1)
);
-- bulk 1 for the tables that hold people (an insert stores the key and
-- the digest only, so ID numbers are not copied into the append-only
-- audit) and for those written in bulk.
INSERT INTO audit_catalog (tbl, bulk) VALUES
	('activity', 0), ('activity_case', 1), ('case_category', 1),
	('cases', 1), ('certification', 0), ('contract', 0),
	('contract_funding', 0), ('contract_target', 0), ('intern', 1),
	('intern_hours', 0), ('payment', 0), ('person', 1), ('visit', 1),
	-- 009: the organisations' annual reports and the site's calendar
	('annual_event', 0), ('annual_report', 0), ('calendar_day', 1),
	-- 010: the volunteer register and its records
	('volunteer', 1), ('volunteer_service', 1),
	('volunteer_certificate', 0),
	-- 011: the youth homes and their staff
	('youth_home', 0), ('youth_home_staff', 1),
	-- 012: the corrections
	('visit_void', 0), ('correction', 0), ('period_lock', 0),
	('case_assignment', 0), ('case_reopen', 0),
	-- 015: the voids of activities and intern entries
	('record_void', 0);

-- The audit rebuilt with the chain's columns and the two new ops (an OR
-- chain, as 007 explains); the rows so far are chained in id order.
CREATE TABLE audit_new (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	tbl     TEXT NOT NULL,
	op      TEXT NOT NULL
	    CHECK (op = 'insert' OR op = 'update' OR op = 'delete' OR
	    op = 'reveal' OR op = 'baseline' OR op = 'snapshot'),
	row_key TEXT,
	old     TEXT,
	new     TEXT,
	digest  TEXT,
	prev    TEXT,
	hash    TEXT
);
CREATE TEMP TABLE audit_order AS
SELECT row_number() OVER (ORDER BY id) AS n, * FROM audit;
CREATE UNIQUE INDEX temp.audit_order_n ON audit_order(n);
INSERT INTO audit_new
WITH RECURSIVE ch(n, id, at, os_user, command, tbl, op, row_key, old, new,
    prev, hash) AS (
	SELECT n, id, at, os_user, command, tbl, op, row_key, old, new, NULL,
	    ws_sha256(NULL, at, os_user, command, tbl, op, row_key, old, new,
	    NULL)
	FROM audit_order WHERE n = 1
	UNION ALL
	SELECT o.n, o.id, o.at, o.os_user, o.command, o.tbl, o.op, o.row_key,
	    o.old, o.new, ch.hash,
	    ws_sha256(ch.hash, o.at, o.os_user, o.command, o.tbl, o.op,
	    o.row_key, o.old, o.new, NULL)
	FROM audit_order o JOIN ch ON o.n = ch.n + 1)
SELECT id, at, os_user, command, tbl, op, row_key, old, new, NULL, prev, hash
FROM ch ORDER BY n;
DROP TABLE temp.audit_order;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_catalog_no_delete BEFORE DELETE ON audit_catalog
BEGIN SELECT RAISE(ABORT, 'a table once audited stays audited'); END;

-- The key of the stable pseudonyms of wushe-db snapshot --redact; it
-- never leaves this database.
INSERT OR IGNORE INTO meta (key, value)
VALUES ('pseudonym_key', lower(hex(randomblob(32))));

-- v_case: the birth year only (a masked ID number beside the full birth
-- date gives the whole number back), the person id, the outcome, the
-- last contact and the next follow-up date set at or after it (the
-- policy's review intervals are not in the database: visit-log --due
-- adds them).
DROP VIEW v_case;
CREATE VIEW v_case AS
SELECT c.id AS case_id,
       p.id AS person_id,
       p.name AS name,
       CASE WHEN p.id_number IS NULL THEN NULL
            ELSE substr(p.id_number, 1, 6) || '********' ||
                 substr(p.id_number, -4) END AS id_number,
       p.sex AS sex,
       substr(p.birth_date, 1, 4) AS birth_year,
       CASE WHEN p.phone IS NULL THEN NULL
            ELSE substr(p.phone, 1, 3) || '****' || substr(p.phone, -4)
       END AS phone,
       c.community AS community,
       (SELECT group_concat(category, ',') FROM
           (SELECT category FROM case_category cc
            WHERE cc.case_id = c.id ORDER BY category)) AS categories,
       c.risk AS risk,
       c.worker AS worker,
       c.opened AS opened,
       c.status AS status,
       c.closed AS closed,
       c.close_reason AS close_reason,
       c.outcome AS outcome,
       c.need AS need,
       c.source AS source,
       (SELECT max(v.date) FROM v_contact v WHERE v.case_id = c.id)
           AS last_contact,
       (SELECT min(f.follow_up) FROM visit f WHERE f.case_id = c.id
        AND f.follow_up >= coalesce((SELECT max(v.date) FROM v_contact v
            WHERE v.case_id = c.id), '')) AS due
FROM cases c JOIN person p ON p.id = c.person;

-- One row per case and category, for counting by category.
CREATE VIEW v_case_category AS
SELECT cc.case_id, cc.category, c.community, c.risk, c.status, c.opened,
       c.closed
FROM case_category cc JOIN cases c ON c.id = cc.case_id;

-- Activities with their attendance (the cases recorded as attending):
-- 015's v_activity (the activities not voided, which every figure reads)
-- with the attendance and the activity_id analysts asked for.
DROP VIEW v_activity;
CREATE VIEW v_activity AS
SELECT a.*, a.id AS activity_id,
       (SELECT count(*) FROM activity_case ac WHERE ac.activity = a.id)
           AS cases_attending
FROM activity a
WHERE NOT EXISTS (SELECT 1 FROM record_void r
    WHERE r.tbl = 'activity' AND r.row_key = a.id);

CREATE VIEW v_payment AS
SELECT p.id AS payment_id, p.contract, c.purchaser, c.provider, p.date,
       p.amount_fen
FROM payment p JOIN contract c ON c.code = p.contract;

-- A contract's figures per calendar month: contacts and service minutes
-- from visits that took place (v_contact), activities, group sessions,
-- participants and volunteer minutes from activities, and payments.
CREATE VIEW v_contract_month AS
SELECT contract, month, sum(contacts) AS contacts,
       sum(service_minutes) AS service_minutes,
       sum(activities) AS activities, sum(group_sessions) AS group_sessions,
       sum(participants) AS participants,
       sum(volunteer_minutes) AS volunteer_minutes,
       sum(paid_fen) AS paid_fen
FROM (
	SELECT contract, substr(date, 1, 7) AS month, 1 AS contacts,
	       minutes AS service_minutes, 0 AS activities,
	       0 AS group_sessions, 0 AS participants,
	       0 AS volunteer_minutes, 0 AS paid_fen
	FROM v_contact WHERE contract IS NOT NULL
	UNION ALL
	SELECT contract, substr(date, 1, 7), 0, minutes, 1,
	       kind = 'group_session', participants, volunteer_minutes, 0
	FROM v_activity WHERE contract IS NOT NULL
	UNION ALL
	SELECT contract, substr(date, 1, 7), 0, 0, 0, 0, 0, 0, amount_fen
	FROM payment)
GROUP BY contract, month;
