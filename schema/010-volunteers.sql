-- 010-volunteers.sql: what volunteer-hours(1) needs (issue 16).
--
-- volunteer: the real-name register (实名注册), from the directory's
-- volunteers or volunteer-hours --add.  team is the code of an org or a
-- group (a volunteer team is either); left_on is the directory's `left`.
--
-- volunteer_service: one service record (志愿服务记录), recorded by the
-- organisation that organised the service (org), for an activity of
-- activity-log or on its own.  kind 'entry' is a record of service,
-- 'adjustment' a signed correction of a certified one (with a reason).
-- A record is voided (voided, void_reason) or amended (a new record
-- whose amends names it, the old one voided) but never deleted; a
-- record listed on a certificate (certificate set) is frozen: it cannot
-- be changed, voided or deleted, only adjusted.
--
-- volunteer_certificate: each 志愿服务记录证明 issued, with its serial
-- number (ORG-YYYY-NNNNNN, per organisation and year); never changed.
--
-- v_activity_volunteers is the one rule of an activity's volunteers: its
-- anonymous count and minutes (activity.volunteers, volunteer_minutes)
-- plus its named volunteers' service records that are not voided.  The
-- contract report, the activity list and its summaries read it.

CREATE TABLE volunteer (
	code       TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	id_number  TEXT,
	phone      TEXT,
	community  TEXT REFERENCES community(code),
	team       TEXT,
	skills     TEXT,
	registered TEXT NOT NULL,
	left_on    TEXT,
	CHECK (left_on IS NULL OR left_on >= registered)
);

CREATE TABLE volunteer_certificate (
	id        INTEGER PRIMARY KEY,
	serial    TEXT NOT NULL UNIQUE,
	volunteer TEXT NOT NULL REFERENCES volunteer(code),
	org       TEXT NOT NULL REFERENCES org(code),
	issued    TEXT NOT NULL,
	records   INTEGER NOT NULL,
	minutes   INTEGER NOT NULL,
	os_user   TEXT NOT NULL,
	at        TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE volunteer_service (
	id          INTEGER PRIMARY KEY,
	volunteer   TEXT NOT NULL REFERENCES volunteer(code),
	date        TEXT NOT NULL,
	start       TEXT,
	end_time    TEXT,
	minutes     INTEGER NOT NULL,
	place       TEXT,
	content     TEXT,
	org         TEXT NOT NULL REFERENCES org(code),
	activity    INTEGER REFERENCES activity(id),
	kind        TEXT NOT NULL DEFAULT 'entry'
	    CHECK (kind = 'entry' OR kind = 'adjustment'),
	reason      TEXT,
	amends      INTEGER REFERENCES volunteer_service(id),
	voided      TEXT,
	void_reason TEXT,
	certificate INTEGER REFERENCES volunteer_certificate(id),
	os_user     TEXT,
	CHECK (kind = 'adjustment' OR minutes > 0),
	CHECK (voided IS NULL OR void_reason IS NOT NULL)
);
-- One index serves the checks of a new record (the volunteer's day) and
-- the report (each volunteer's records up to a date), covering both: no
-- table row is read.
CREATE INDEX volunteer_service_day ON volunteer_service(volunteer, date,
    voided, minutes, org, start, end_time);
CREATE INDEX volunteer_service_activity ON volunteer_service(activity)
    WHERE activity IS NOT NULL;

CREATE TRIGGER volunteer_certificate_no_update BEFORE UPDATE
ON volunteer_certificate
BEGIN SELECT RAISE(ABORT, 'certificates cannot be changed'); END;
CREATE TRIGGER volunteer_certificate_no_delete BEFORE DELETE
ON volunteer_certificate
BEGIN SELECT RAISE(ABORT, 'certificates cannot be deleted'); END;

-- Frozen once certified: the only change is the certificate being set.
CREATE TRIGGER volunteer_service_frozen BEFORE UPDATE ON volunteer_service
WHEN old.certificate IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified service records are frozen'); END;
CREATE TRIGGER volunteer_service_no_delete BEFORE DELETE
ON volunteer_service
BEGIN SELECT RAISE(ABORT, 'service records are voided, not deleted'); END;

CREATE VIEW v_activity_volunteers AS
SELECT a.id AS activity, a.volunteers AS anonymous,
       a.volunteer_minutes AS anonymous_minutes,
       a.volunteers + (SELECT count(DISTINCT s.volunteer)
           FROM volunteer_service s WHERE s.activity = a.id
           AND s.voided IS NULL AND s.kind = 'entry') AS volunteers,
       a.volunteer_minutes + (SELECT coalesce(sum(s.minutes), 0)
           FROM volunteer_service s WHERE s.activity = a.id
           AND s.voided IS NULL) AS volunteer_minutes
FROM activity a;

-- The documented view of service records for analysts.
CREATE VIEW v_volunteer_service AS
SELECT s.id AS record_id, s.volunteer, v.name, s.date, s.start, s.end_time,
       s.minutes, s.place, s.content, s.org, s.activity, s.kind, s.reason,
       s.amends, s.voided, s.void_reason, c.serial AS certificate,
       s.os_user
FROM volunteer_service s JOIN volunteer v ON v.code = s.volunteer
LEFT JOIN volunteer_certificate c ON c.id = s.certificate;

-- Audit (schema/005-audit.sql): the register and the certificates in
-- full; a service record's insert by its key only (a bulk table: the
-- row is the record of its insert), its changes in full.
CREATE TRIGGER volunteer_audit_insert AFTER INSERT ON volunteer
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer', 'insert',
	    new.code, NULL,
	    NULL);
END;
CREATE TRIGGER volunteer_audit_update AFTER UPDATE ON volunteer
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer', 'update',
	    old.code,
	    json_object('code', old.code, 'name', old.name, 'id_number',
	    old.id_number, 'phone', old.phone, 'community', old.community,
	    'team', old.team, 'skills', old.skills, 'registered',
	    old.registered, 'left_on', old.left_on),
	    json_object('code', new.code, 'name', new.name, 'id_number',
	    new.id_number, 'phone', new.phone, 'community', new.community,
	    'team', new.team, 'skills', new.skills, 'registered',
	    new.registered, 'left_on', new.left_on));
END;
CREATE TRIGGER volunteer_audit_delete AFTER DELETE ON volunteer
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer', 'delete',
	    old.code,
	    json_object('code', old.code, 'name', old.name, 'id_number',
	    old.id_number, 'phone', old.phone, 'community', old.community,
	    'team', old.team, 'skills', old.skills, 'registered',
	    old.registered, 'left_on', old.left_on), NULL);
END;
CREATE TRIGGER volunteer_service_audit_insert AFTER INSERT ON volunteer_service
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer_service', 'insert',
	    new.id, NULL,
	    NULL);
END;
CREATE TRIGGER volunteer_service_audit_update AFTER UPDATE ON volunteer_service
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer_service', 'update',
	    old.id,
	    json_object('id', old.id, 'volunteer', old.volunteer, 'date',
	    old.date, 'start', old.start, 'end_time', old.end_time,
	    'minutes', old.minutes, 'place', old.place, 'content',
	    old.content, 'org', old.org, 'activity', old.activity, 'kind',
	    old.kind, 'reason', old.reason, 'amends', old.amends, 'voided',
	    old.voided, 'void_reason', old.void_reason, 'certificate',
	    old.certificate, 'os_user', old.os_user),
	    json_object('id', new.id, 'volunteer', new.volunteer, 'date',
	    new.date, 'start', new.start, 'end_time', new.end_time,
	    'minutes', new.minutes, 'place', new.place, 'content',
	    new.content, 'org', new.org, 'activity', new.activity, 'kind',
	    new.kind, 'reason', new.reason, 'amends', new.amends, 'voided',
	    new.voided, 'void_reason', new.void_reason, 'certificate',
	    new.certificate, 'os_user', new.os_user));
END;
CREATE TRIGGER volunteer_service_audit_delete AFTER DELETE ON volunteer_service
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer_service', 'delete',
	    old.id,
	    json_object('id', old.id, 'volunteer', old.volunteer, 'date',
	    old.date, 'start', old.start, 'end_time', old.end_time,
	    'minutes', old.minutes, 'place', old.place, 'content',
	    old.content, 'org', old.org, 'activity', old.activity, 'kind',
	    old.kind, 'reason', old.reason, 'amends', old.amends, 'voided',
	    old.voided, 'void_reason', old.void_reason, 'certificate',
	    old.certificate, 'os_user', old.os_user), NULL);
END;
CREATE TRIGGER volunteer_certificate_audit_insert AFTER INSERT ON volunteer_certificate
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer_certificate', 'insert',
	    new.id, NULL,
	    json_object('id', new.id, 'serial', new.serial, 'volunteer',
	    new.volunteer, 'org', new.org, 'issued', new.issued, 'records',
	    new.records, 'minutes', new.minutes, 'os_user', new.os_user,
	    'at', new.at));
END;
CREATE TRIGGER volunteer_certificate_audit_update AFTER UPDATE ON volunteer_certificate
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer_certificate', 'update',
	    old.id,
	    json_object('id', old.id, 'serial', old.serial, 'volunteer',
	    old.volunteer, 'org', old.org, 'issued', old.issued, 'records',
	    old.records, 'minutes', old.minutes, 'os_user', old.os_user,
	    'at', old.at),
	    json_object('id', new.id, 'serial', new.serial, 'volunteer',
	    new.volunteer, 'org', new.org, 'issued', new.issued, 'records',
	    new.records, 'minutes', new.minutes, 'os_user', new.os_user,
	    'at', new.at));
END;
CREATE TRIGGER volunteer_certificate_audit_delete AFTER DELETE ON volunteer_certificate
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'volunteer_certificate', 'delete',
	    old.id,
	    json_object('id', old.id, 'serial', old.serial, 'volunteer',
	    old.volunteer, 'org', old.org, 'issued', old.issued, 'records',
	    old.records, 'minutes', old.minutes, 'os_user', old.os_user,
	    'at', old.at), NULL);
END;
