-- 012-corrections.sql: correcting the record (issue 12).
--
-- 1. A visit can be voided: a row of visit_void says who, when and why;
--    the visit itself stays as it was.  v_contact (008) leaves voided
--    visits out, so a voided visit counts nowhere (contract figures, the
--    last contact of the due list); the summaries, the list and the
--    overlap check leave them out too.  (The status vocabulary and its
--    CHECK do not change: a void is not a status one logs.)
-- 2. correction: who changed which field of which record, when and why
--    (the reason is required).  A record's own history is its rows here;
--    a void is also the row of field 'status' with new value 'void'.
-- 3. period_lock: a reported period is closed through a date; writing a
--    dated record (visit, activity, attendance, intern hours, payment) on
--    or before the date of a lock not lifted is refused, by the commands
--    with a message naming the lock, and here by triggers as a backstop.
-- 4. case_assignment: who is in charge of a case from which date (the
--    handover's effective date, case-assign --date).  The worker in
--    charge on date D is the row of the case with the latest since <= D;
--    a case never handed over has no rows (cases.worker, since opening).
-- 5. case_reopen: a closed case reopened, on which date, undoing which
--    close, and why (the due list counts the case from the reopening; the
--    status and close fields go back through the case's own history).
--
-- Every new table is audited by triggers in the style of 005; correction
-- and the lock log are append-only (a lock is lifted by filling its
-- lifted_* columns once).

CREATE TABLE visit_void (
	visit   INTEGER PRIMARY KEY REFERENCES visit(id),
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	reason  TEXT NOT NULL CHECK (reason <> '')
);

CREATE TRIGGER visit_void_no_update BEFORE UPDATE ON visit_void
BEGIN SELECT RAISE(ABORT, 'visit_void is append-only'); END;
CREATE TRIGGER visit_void_no_delete BEFORE DELETE ON visit_void
BEGIN SELECT RAISE(ABORT, 'visit_void is append-only'); END;

-- 008's view, said once again: a contact is a done visit not voided.
-- The NOT IN list is built once per query (an index of the voided ids),
-- so each visit costs one probe of it; the view still flattens into the
-- query that reads it and the covering indexes serve it as before.
DROP VIEW v_contact;
CREATE VIEW v_contact AS
SELECT v.id AS visit_id, v.case_id, v.worker, v.date, v.start, v.minutes,
       v.kind, v.purpose, v.follow_up, v.contract
FROM visit v
WHERE v.status = 'done' AND v.id NOT IN (SELECT visit FROM visit_void);

CREATE TABLE correction (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	tbl     TEXT NOT NULL,		-- visit, cases, person, ...
	row_key TEXT NOT NULL,		-- the record's id as text
	field   TEXT NOT NULL,
	old     TEXT,
	new     TEXT,
	reason  TEXT NOT NULL CHECK (reason <> '')
);
CREATE INDEX correction_row ON correction(tbl, row_key, id);

CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction
BEGIN SELECT RAISE(ABORT, 'correction is append-only'); END;
CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction
BEGIN SELECT RAISE(ABORT, 'correction is append-only'); END;

CREATE TABLE period_lock (
	id          INTEGER PRIMARY KEY,
	through     TEXT NOT NULL,
	reason      TEXT NOT NULL CHECK (reason <> ''),
	at          TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user     TEXT NOT NULL,
	command     TEXT NOT NULL,
	lifted_at   TEXT,
	lifted_by   TEXT,
	lift_reason TEXT
);
CREATE INDEX period_lock_through ON period_lock(lifted_at, through);

CREATE TRIGGER period_lock_no_delete BEFORE DELETE ON period_lock
BEGIN SELECT RAISE(ABORT, 'period_lock is append-only'); END;
CREATE TRIGGER period_lock_lift_once BEFORE UPDATE ON period_lock
WHEN old.lifted_at IS NOT NULL OR new.lifted_at IS NULL
    OR new.lift_reason IS NULL OR new.lift_reason = ''
    OR new.id IS NOT old.id OR new.through IS NOT old.through
    OR new.reason IS NOT old.reason OR new.at IS NOT old.at
    OR new.os_user IS NOT old.os_user OR new.command IS NOT old.command
BEGIN SELECT RAISE(ABORT, 'a lock is only lifted, once'); END;

CREATE TABLE case_assignment (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	worker  TEXT REFERENCES worker(code),
	since   TEXT NOT NULL,
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL
);
CREATE INDEX case_assignment_case ON case_assignment(case_id, since, id);

CREATE TRIGGER case_assignment_no_update BEFORE UPDATE ON case_assignment
BEGIN SELECT RAISE(ABORT, 'case_assignment is append-only'); END;
CREATE TRIGGER case_assignment_no_delete BEFORE DELETE ON case_assignment
BEGIN SELECT RAISE(ABORT, 'case_assignment is append-only'); END;

-- Who is in charge of each case from when to when (until: the day the
-- next worker takes over, NULL for the current one).
CREATE VIEW v_case_worker AS
SELECT a.case_id, a.worker, a.since,
       (SELECT min(b.since) FROM case_assignment b
        WHERE b.case_id = a.case_id AND (b.since > a.since
        OR (b.since = a.since AND b.id > a.id))) AS until
FROM case_assignment a
WHERE NOT EXISTS (SELECT 1 FROM case_assignment b
    WHERE b.case_id = a.case_id AND b.since = a.since AND b.id > a.id)
UNION ALL
SELECT c.id, c.worker, c.opened, NULL FROM cases c
WHERE NOT EXISTS (SELECT 1 FROM case_assignment b WHERE b.case_id = c.id);

CREATE TABLE case_reopen (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	date    TEXT NOT NULL,		-- the reopening's effective date
	closed  TEXT NOT NULL,		-- the close it undid
	reason  TEXT NOT NULL CHECK (reason <> ''),
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL
);
CREATE INDEX case_reopen_case ON case_reopen(case_id, date);

CREATE TRIGGER case_reopen_no_update BEFORE UPDATE ON case_reopen
BEGIN SELECT RAISE(ABORT, 'case_reopen is append-only'); END;
CREATE TRIGGER case_reopen_no_delete BEFORE DELETE ON case_reopen
BEGIN SELECT RAISE(ABORT, 'case_reopen is append-only'); END;

-- ------------------------------------------------ the lock, as a backstop
-- The commands refuse first, with a message naming the lock; these stop
-- any other path.

CREATE TRIGGER visit_lock_insert BEFORE INSERT ON visit
WHEN new.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER visit_lock_update BEFORE UPDATE ON visit
WHEN (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
    >= min(old.date, new.date)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER visit_lock_delete BEFORE DELETE ON visit
WHEN old.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

CREATE TRIGGER visit_void_lock_insert BEFORE INSERT ON visit_void
WHEN (SELECT date FROM visit WHERE id = new.visit)
    <= (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

CREATE TRIGGER activity_lock_insert BEFORE INSERT ON activity
WHEN new.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER activity_lock_update BEFORE UPDATE ON activity
WHEN (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
    >= min(old.date, new.date)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER activity_lock_delete BEFORE DELETE ON activity
WHEN old.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

CREATE TRIGGER activity_case_lock_insert BEFORE INSERT ON activity_case
WHEN (SELECT date FROM activity WHERE id = new.activity)
    <= (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER activity_case_lock_delete BEFORE DELETE ON activity_case
WHEN (SELECT date FROM activity WHERE id = old.activity)
    <= (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

CREATE TRIGGER intern_hours_lock_insert BEFORE INSERT ON intern_hours
WHEN new.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER intern_hours_lock_update BEFORE UPDATE ON intern_hours
WHEN (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
    >= min(old.date, new.date)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER intern_hours_lock_delete BEFORE DELETE ON intern_hours
WHEN old.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

CREATE TRIGGER payment_lock_insert BEFORE INSERT ON payment
WHEN new.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER payment_lock_update BEFORE UPDATE OF date, amount_fen,
    contract ON payment
WHEN (SELECT max(through) FROM period_lock WHERE lifted_at IS NULL)
    >= min(old.date, new.date)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;
CREATE TRIGGER payment_lock_delete BEFORE DELETE ON payment
WHEN old.date <= (SELECT max(through) FROM period_lock
    WHERE lifted_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'period locked (see wushe-db unlock)'); END;

-- ------------------------------------------------- audit of the new tables

CREATE TRIGGER correction_audit_insert AFTER INSERT ON correction
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'correction', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'at', new.at, 'tbl', new.tbl, 'row_key',
	    new.row_key, 'field', new.field, 'old', new.old, 'new',
	    new.new, 'reason', new.reason));
END;

CREATE TRIGGER period_lock_audit_insert AFTER INSERT ON period_lock
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'period_lock', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'through', new.through, 'reason', new.reason,
	    'at', new.at));
END;
CREATE TRIGGER period_lock_audit_update AFTER UPDATE ON period_lock
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'period_lock', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'through', old.through, 'reason', old.reason,
	    'at', old.at, 'lifted_at', old.lifted_at, 'lifted_by',
	    old.lifted_by, 'lift_reason', old.lift_reason),
	    json_object(
	    'id', new.id, 'through', new.through, 'reason', new.reason,
	    'at', new.at, 'lifted_at', new.lifted_at, 'lifted_by',
	    new.lifted_by, 'lift_reason', new.lift_reason));
END;

CREATE TRIGGER case_assignment_audit_insert AFTER INSERT ON case_assignment
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'case_assignment', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'case_id', new.case_id, 'worker', new.worker,
	    'since', new.since));
END;

CREATE TRIGGER case_reopen_audit_insert AFTER INSERT ON case_reopen
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'case_reopen', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'case_id', new.case_id, 'date', new.date,
	    'closed', new.closed, 'reason', new.reason));
END;

CREATE TRIGGER visit_void_audit_insert AFTER INSERT ON visit_void
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'visit_void', 'insert',
	    new.visit, NULL,
	    json_object(
	    'visit', new.visit, 'at', new.at, 'reason', new.reason));
END;
