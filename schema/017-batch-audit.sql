-- 017-batch-audit.sql: one audit row per bulk batch (issue 18; see
-- wushe-db(1), AUDIT, and wushe(7), TAMPER EVIDENCE).
--
-- A bulk intake (case-add reading a stream, visit-log --import) writes the
-- new rows of each bulk table of the catalog (audit_catalog.bulk = 1)
-- under one audit row of op 'batch' instead of one row per record:
--   tbl      the table;
--   row_key  the range of the batch's key, 'FIRST-LAST' (the table's
--            first key column, an integer: visit.id, cases.id,
--            case_category.case_id ...); the batch's rows are exactly the
--            rows of that range written then, and the ranges of a table's
--            batches never overlap;
--   new      a JSON object: rows (how many), first, last, column (the key
--            column), input (its name) and input_sha256 (the SHA-256 of
--            the input as read, before any --encoding);
--   digest   the SHA-256 of the batch's rows in key order, each row's
--            values in column order, each value its type (n, i, f, t, b)
--            and then as ws_sha256 feeds it, length-prefixed (lib/bulk.c);
-- and at, os_user, command, prev and hash as every audit row has them, so
-- the hash chain covers the batch row as it covers any other.  The insert
-- triggers of the bulk tables skip the rows a batch covers (WHEN
-- ws_bulk(tbl, key) = 0; ws_bulk is 1 only inside a bulk intake of this
-- connection, for a key above every key the table had when it began).
-- Updates and deletions of those rows later, single writes and
-- corrections keep their per-record audit rows.  wushe-db check
-- recomputes each batch's digest from the rows as they were written (the
-- old row of the first later update or deletion of a row, else the row).
--
-- op gains 'batch': the audit is rebuilt as 016 did (its rows, ids and
-- hashes unchanged, since a hash covers the columns, not the table).
-- The catalog's triggers, which write to audit, stay: the rename is
-- done the legacy way, which leaves their text alone (they name the
-- table audit, which it is again), where the new way would refuse to
-- rename while they name a table that was dropped.  libwushe makes them
-- anew after the migration anyway (ws_audit_sync).
PRAGMA legacy_alter_table = ON;
CREATE TABLE audit_new (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	tbl     TEXT NOT NULL,
	op      TEXT NOT NULL
	    CHECK (op = 'insert' OR op = 'update' OR op = 'delete' OR
	    op = 'reveal' OR op = 'baseline' OR op = 'snapshot' OR
	    op = 'batch'),
	row_key TEXT,
	old     TEXT,
	new     TEXT,
	digest  TEXT,
	prev    TEXT,
	hash    TEXT
);
INSERT INTO audit_new SELECT id, at, os_user, command, tbl, op, row_key, old,
    new, digest, prev, hash FROM audit ORDER BY id;
DROP TABLE audit;
ALTER TABLE audit_new RENAME TO audit;
PRAGMA legacy_alter_table = OFF;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
-- wushe-db check finds a table's batches by this index, not a scan of
-- the audit.
CREATE INDEX audit_batch ON audit (tbl, op) WHERE op = 'batch';

-- Codes by name (issue 14): every record of an intake asks which
-- community, worker or organisation a value names, by code, by code in
-- another case, or by name.  Without these indexes each question read the
-- whole table: 1.6 s of a 50,000-visit import with 200 workers.
CREATE INDEX community_name ON community (name);
CREATE INDEX community_code_nocase ON community (code COLLATE NOCASE);
CREATE INDEX worker_name ON worker (name);
CREATE INDEX worker_code_nocase ON worker (code COLLATE NOCASE);
CREATE INDEX org_name ON org (name);
CREATE INDEX org_code_nocase ON org (code COLLATE NOCASE);

-- The due list's follow-up dates (visit-log --due, issue 18): the
-- follow-ups set at or after a case's last contact, from the index alone,
-- not from a table row per visit.  Only the visits that set one are in
-- it.  On a million visits of which a tenth set a follow-up, the list
-- took 11 % fewer instructions (2,007 M against 1,786 M) and an intake
-- 0.6 % more (callgrind); on the decade benchmark, about a sixth less
-- time.
CREATE INDEX visit_follow_up ON visit (case_id, date, follow_up)
    WHERE follow_up IS NOT NULL;
