-- 015-corrections-more.sql: voiding activities and intern entries
-- (issue 12, the rest).
--
-- 1. record_void: a void of a record of another kind than a visit (012's
--    visit_void): an activity (a group session or a community activity)
--    or an intern entry not yet certified.  The record stays as it was;
--    who, when and why are here, and the correction log has its
--    'status' row.  An attendance is not voided here: it is a case in an
--    activity's list of attending cases, and its correction is a change
--    of that list (the old list kept in the correction log).
-- 2. v_activity and v_intern_entry: the records not voided, which every
--    figure reads (grant-report, the summaries and lists, the intern
--    totals and the subsidy); v_intern_hours (003) says it again.
-- 3. The lock (012) refuses a void dated on or before it, and a
--    certified intern entry cannot be voided (adjustments only).
-- Every trigger of the new table is in this one file, in 012's style.

CREATE TABLE record_void (
	tbl     TEXT NOT NULL,	-- activity, intern_hours (record_void_known)
	row_key INTEGER NOT NULL,
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	reason  TEXT NOT NULL CHECK (reason <> ''),
	PRIMARY KEY (tbl, row_key)
) WITHOUT ROWID;

CREATE VIEW v_activity AS
SELECT a.* FROM activity a
WHERE NOT EXISTS (SELECT 1 FROM record_void r
    WHERE r.tbl = 'activity' AND r.row_key = a.id);

CREATE VIEW v_intern_entry AS
SELECT h.* FROM intern_hours h
WHERE NOT EXISTS (SELECT 1 FROM record_void r
    WHERE r.tbl = 'intern_hours' AND r.row_key = h.id);

DROP VIEW v_intern_hours;
CREATE VIEW v_intern_hours AS
SELECT h.id AS entry_id, h.intern, i.name, i.org, h.date, h.start,
       h.end_time, h.break_minutes, h.minutes, h.kind, h.task, h.reason,
       h.certification, c.through AS certified_through, c.by AS certified_by,
       c.at AS certified_at, h.created_at, h.os_user
FROM v_intern_entry h JOIN intern i ON i.code = h.intern
LEFT JOIN certification c ON c.id = h.certification;

-- ------------------------------------------------- the triggers of 015

CREATE TRIGGER record_void_no_update BEFORE UPDATE ON record_void
BEGIN SELECT RAISE(ABORT, 'record_void is append-only'); END;
CREATE TRIGGER record_void_no_delete BEFORE DELETE ON record_void
BEGIN SELECT RAISE(ABORT, 'record_void is append-only'); END;

-- A void names a record of one of the two tables (a trigger, not a
-- CHECK word list: the table names are no vocabulary).
CREATE TRIGGER record_void_known BEFORE INSERT ON record_void
WHEN CASE new.tbl
    WHEN 'activity' THEN NOT EXISTS (SELECT 1 FROM activity
        WHERE id = new.row_key)
    WHEN 'intern_hours' THEN NOT EXISTS (SELECT 1 FROM intern_hours
        WHERE id = new.row_key)
    ELSE 1 END
BEGIN SELECT RAISE(ABORT, 'no such record to void'); END;

CREATE TRIGGER record_void_certified BEFORE INSERT ON record_void
WHEN new.tbl = 'intern_hours' AND (SELECT certification FROM intern_hours
    WHERE id = new.row_key) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified hours cannot be changed'); END;

CREATE TRIGGER record_void_lock_insert BEFORE INSERT ON record_void
WHEN (CASE new.tbl
    WHEN 'activity' THEN (SELECT date FROM activity WHERE id = new.row_key)
    ELSE (SELECT date FROM intern_hours WHERE id = new.row_key) END)
    <= (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

CREATE TRIGGER record_void_audit_insert AFTER INSERT ON record_void
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'record_void', 'insert',
	    new.tbl || '/' || new.row_key, NULL,
	    json_object(
	    'tbl', new.tbl, 'row_key', new.row_key, 'at', new.at,
	    'reason', new.reason));
END;
