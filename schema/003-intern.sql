-- 003-intern.sql: what intern-hours(1) needs on top of 001.
-- Who logged each entry of hours (the OS user, as certification has), so
-- the history shows who logged, who certified, and when.
ALTER TABLE intern_hours ADD COLUMN os_user TEXT;

CREATE INDEX intern_hours_certification ON intern_hours(certification);

-- A certification is a signature: it is never changed or taken back.  A
-- wrong one is corrected by adjustment entries, certified in turn.
CREATE TRIGGER certification_no_update BEFORE UPDATE ON certification
BEGIN SELECT RAISE(ABORT, 'certifications cannot be changed'); END;
CREATE TRIGGER certification_no_delete BEFORE DELETE ON certification
BEGIN SELECT RAISE(ABORT, 'certifications cannot be deleted'); END;

-- Hours are certified only by a certification of the same intern.
CREATE TRIGGER intern_hours_certify_same BEFORE UPDATE OF certification
ON intern_hours
WHEN new.certification IS NOT NULL AND NOT EXISTS (SELECT 1 FROM
    certification c WHERE c.id = new.certification AND c.intern = new.intern)
BEGIN SELECT RAISE(ABORT, 'certification is for another intern'); END;

-- The documented view of hours for analysts (see intern-hours(1)).
CREATE VIEW v_intern_hours AS
SELECT h.id AS entry_id, h.intern, i.name, i.org, h.date, h.start,
       h.end_time, h.break_minutes, h.minutes, h.kind, h.task, h.reason,
       h.certification, c.through AS certified_through, c.by AS certified_by,
       c.at AS certified_at, h.created_at, h.os_user
FROM intern_hours h JOIN intern i ON i.code = h.intern
LEFT JOIN certification c ON c.id = h.certification;
