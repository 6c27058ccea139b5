-- 005-audit.sql: the audit table (see wushe-db(1), AUDIT).
-- Every insert, update and delete on the tables that hold cases, people,
-- visits, activities, intern hours, certifications, contracts and payments
-- is written here by triggers, so no code path can skip it; the table is
-- append-only (updating or deleting an audit row is refused).  A --reveal
-- of personal data is written here too, by the command that reveals.
--
-- at is UTC, ISO 8601 with milliseconds; os_user and command come from
-- ws_user() and ws_cmd(), registered by every wushe binary; row_key is the
-- row's key as text (composite keys joined with '/'); old and new are the
-- row before and after as a JSON object (NULL for an insert's old and a
-- delete's new).
--
-- Size: an insert into the bulk tables (person, cases, case_category,
-- visit) stores only its key, with new NULL: the inserted row is itself
-- the record of what was inserted, and any later change to it or its
-- deletion is audited with the full old row.  Inserts into the other
-- tables store the new row.  No index on audit: each audited write pays
-- for one small row only, and listing the audit scans it.

CREATE TABLE audit (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	tbl     TEXT NOT NULL,
	op      TEXT NOT NULL
	    CHECK (op IN ('insert', 'update', 'delete', 'reveal')),
	row_key TEXT,
	old     TEXT,
	new     TEXT
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TRIGGER person_audit_insert AFTER INSERT ON person
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'person', 'insert',
	    new.id, NULL,
	    NULL);
END;
CREATE TRIGGER person_audit_update AFTER UPDATE ON person
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'person', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'name', old.name, 'id_number', old.id_number,
	    'sex', old.sex, 'birth_date', old.birth_date, 'phone',
	    old.phone, 'community', old.community, 'address',
	    old.address),
	    json_object(
	    'id', new.id, 'name', new.name, 'id_number', new.id_number,
	    'sex', new.sex, 'birth_date', new.birth_date, 'phone',
	    new.phone, 'community', new.community, 'address',
	    new.address));
END;
CREATE TRIGGER person_audit_delete AFTER DELETE ON person
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'person', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'name', old.name, 'id_number', old.id_number,
	    'sex', old.sex, 'birth_date', old.birth_date, 'phone',
	    old.phone, 'community', old.community, 'address',
	    old.address), NULL);
END;

CREATE TRIGGER cases_audit_insert AFTER INSERT ON cases
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'cases', 'insert',
	    new.id, NULL,
	    NULL);
END;
CREATE TRIGGER cases_audit_update AFTER UPDATE ON cases
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'cases', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'person', old.person, 'community',
	    old.community, 'risk', old.risk, 'worker', old.worker,
	    'opened', old.opened, 'need', old.need, 'source',
	    old.source, 'status', old.status, 'closed', old.closed,
	    'close_reason', old.close_reason, 'outcome', old.outcome,
	    'created_at', old.created_at),
	    json_object(
	    'id', new.id, 'person', new.person, 'community',
	    new.community, 'risk', new.risk, 'worker', new.worker,
	    'opened', new.opened, 'need', new.need, 'source',
	    new.source, 'status', new.status, 'closed', new.closed,
	    'close_reason', new.close_reason, 'outcome', new.outcome,
	    'created_at', new.created_at));
END;
CREATE TRIGGER cases_audit_delete AFTER DELETE ON cases
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'cases', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'person', old.person, 'community',
	    old.community, 'risk', old.risk, 'worker', old.worker,
	    'opened', old.opened, 'need', old.need, 'source',
	    old.source, 'status', old.status, 'closed', old.closed,
	    'close_reason', old.close_reason, 'outcome', old.outcome,
	    'created_at', old.created_at), NULL);
END;

CREATE TRIGGER case_category_audit_insert AFTER INSERT ON case_category
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'case_category', 'insert',
	    new.case_id || '/' || new.category, NULL,
	    NULL);
END;
CREATE TRIGGER case_category_audit_update AFTER UPDATE ON case_category
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'case_category', 'update',
	    old.case_id || '/' || old.category,
	    json_object(
	    'case_id', old.case_id, 'category', old.category),
	    json_object(
	    'case_id', new.case_id, 'category', new.category));
END;
CREATE TRIGGER case_category_audit_delete AFTER DELETE ON case_category
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'case_category', 'delete',
	    old.case_id || '/' || old.category,
	    json_object(
	    'case_id', old.case_id, 'category', old.category), NULL);
END;

CREATE TRIGGER visit_audit_insert AFTER INSERT ON visit
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'visit', 'insert',
	    new.id, NULL,
	    NULL);
END;
CREATE TRIGGER visit_audit_update AFTER UPDATE ON visit
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'visit', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'case_id', old.case_id, 'worker', old.worker,
	    'date', old.date, 'start', old.start, 'minutes',
	    old.minutes, 'kind', old.kind, 'status', old.status,
	    'purpose', old.purpose, 'note', old.note, 'follow_up',
	    old.follow_up, 'contract', old.contract, 'created_at',
	    old.created_at),
	    json_object(
	    'id', new.id, 'case_id', new.case_id, 'worker', new.worker,
	    'date', new.date, 'start', new.start, 'minutes',
	    new.minutes, 'kind', new.kind, 'status', new.status,
	    'purpose', new.purpose, 'note', new.note, 'follow_up',
	    new.follow_up, 'contract', new.contract, 'created_at',
	    new.created_at));
END;
CREATE TRIGGER visit_audit_delete AFTER DELETE ON visit
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'visit', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'case_id', old.case_id, 'worker', old.worker,
	    'date', old.date, 'start', old.start, 'minutes',
	    old.minutes, 'kind', old.kind, 'status', old.status,
	    'purpose', old.purpose, 'note', old.note, 'follow_up',
	    old.follow_up, 'contract', old.contract, 'created_at',
	    old.created_at), NULL);
END;

CREATE TRIGGER activity_audit_insert AFTER INSERT ON activity
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'activity', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'kind', new.kind, 'grp', new.grp, 'title',
	    new.title, 'date', new.date, 'minutes', new.minutes,
	    'community', new.community, 'org', new.org, 'participants',
	    new.participants, 'volunteers', new.volunteers,
	    'volunteer_minutes', new.volunteer_minutes, 'contract',
	    new.contract, 'note', new.note, 'created_at', new.created_at));
END;
CREATE TRIGGER activity_audit_update AFTER UPDATE ON activity
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'activity', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'kind', old.kind, 'grp', old.grp, 'title',
	    old.title, 'date', old.date, 'minutes', old.minutes,
	    'community', old.community, 'org', old.org, 'participants',
	    old.participants, 'volunteers', old.volunteers,
	    'volunteer_minutes', old.volunteer_minutes, 'contract',
	    old.contract, 'note', old.note, 'created_at', old.created_at),
	    json_object(
	    'id', new.id, 'kind', new.kind, 'grp', new.grp, 'title',
	    new.title, 'date', new.date, 'minutes', new.minutes,
	    'community', new.community, 'org', new.org, 'participants',
	    new.participants, 'volunteers', new.volunteers,
	    'volunteer_minutes', new.volunteer_minutes, 'contract',
	    new.contract, 'note', new.note, 'created_at', new.created_at));
END;
CREATE TRIGGER activity_audit_delete AFTER DELETE ON activity
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'activity', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'kind', old.kind, 'grp', old.grp, 'title',
	    old.title, 'date', old.date, 'minutes', old.minutes,
	    'community', old.community, 'org', old.org, 'participants',
	    old.participants, 'volunteers', old.volunteers,
	    'volunteer_minutes', old.volunteer_minutes, 'contract',
	    old.contract, 'note', old.note, 'created_at', old.created_at), NULL);
END;

CREATE TRIGGER intern_hours_audit_insert AFTER INSERT ON intern_hours
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'intern_hours', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'intern', new.intern, 'date', new.date,
	    'start', new.start, 'end_time', new.end_time,
	    'break_minutes', new.break_minutes, 'minutes', new.minutes,
	    'task', new.task, 'kind', new.kind, 'reason', new.reason,
	    'certification', new.certification, 'created_at',
	    new.created_at, 'os_user', new.os_user));
END;
CREATE TRIGGER intern_hours_audit_update AFTER UPDATE ON intern_hours
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'intern_hours', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'intern', old.intern, 'date', old.date,
	    'start', old.start, 'end_time', old.end_time,
	    'break_minutes', old.break_minutes, 'minutes', old.minutes,
	    'task', old.task, 'kind', old.kind, 'reason', old.reason,
	    'certification', old.certification, 'created_at',
	    old.created_at, 'os_user', old.os_user),
	    json_object(
	    'id', new.id, 'intern', new.intern, 'date', new.date,
	    'start', new.start, 'end_time', new.end_time,
	    'break_minutes', new.break_minutes, 'minutes', new.minutes,
	    'task', new.task, 'kind', new.kind, 'reason', new.reason,
	    'certification', new.certification, 'created_at',
	    new.created_at, 'os_user', new.os_user));
END;
CREATE TRIGGER intern_hours_audit_delete AFTER DELETE ON intern_hours
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'intern_hours', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'intern', old.intern, 'date', old.date,
	    'start', old.start, 'end_time', old.end_time,
	    'break_minutes', old.break_minutes, 'minutes', old.minutes,
	    'task', old.task, 'kind', old.kind, 'reason', old.reason,
	    'certification', old.certification, 'created_at',
	    old.created_at, 'os_user', old.os_user), NULL);
END;

CREATE TRIGGER certification_audit_insert AFTER INSERT ON certification
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'certification', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'intern', new.intern, 'through', new.through,
	    'by', new.by, 'at', new.at, 'os_user', new.os_user));
END;
CREATE TRIGGER certification_audit_update AFTER UPDATE ON certification
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'certification', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'intern', old.intern, 'through', old.through,
	    'by', old.by, 'at', old.at, 'os_user', old.os_user),
	    json_object(
	    'id', new.id, 'intern', new.intern, 'through', new.through,
	    'by', new.by, 'at', new.at, 'os_user', new.os_user));
END;
CREATE TRIGGER certification_audit_delete AFTER DELETE ON certification
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'certification', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'intern', old.intern, 'through', old.through,
	    'by', old.by, 'at', old.at, 'os_user', old.os_user), NULL);
END;

CREATE TRIGGER contract_audit_insert AFTER INSERT ON contract
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract', 'insert',
	    new.code, NULL,
	    json_object(
	    'code', new.code, 'title', new.title, 'kind', new.kind,
	    'purchaser', new.purchaser, 'provider', new.provider,
	    'start', new.start, 'end', new.end, 'amount_fen',
	    new.amount_fen, 'new_spending', new.new_spending));
END;
CREATE TRIGGER contract_audit_update AFTER UPDATE ON contract
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract', 'update',
	    old.code,
	    json_object(
	    'code', old.code, 'title', old.title, 'kind', old.kind,
	    'purchaser', old.purchaser, 'provider', old.provider,
	    'start', old.start, 'end', old.end, 'amount_fen',
	    old.amount_fen, 'new_spending', old.new_spending),
	    json_object(
	    'code', new.code, 'title', new.title, 'kind', new.kind,
	    'purchaser', new.purchaser, 'provider', new.provider,
	    'start', new.start, 'end', new.end, 'amount_fen',
	    new.amount_fen, 'new_spending', new.new_spending));
END;
CREATE TRIGGER contract_audit_delete AFTER DELETE ON contract
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract', 'delete',
	    old.code,
	    json_object(
	    'code', old.code, 'title', old.title, 'kind', old.kind,
	    'purchaser', old.purchaser, 'provider', old.provider,
	    'start', old.start, 'end', old.end, 'amount_fen',
	    old.amount_fen, 'new_spending', old.new_spending), NULL);
END;

CREATE TRIGGER contract_funding_audit_insert AFTER INSERT ON contract_funding
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract_funding', 'insert',
	    new.contract || '/' || new.funder, NULL,
	    json_object(
	    'contract', new.contract, 'funder', new.funder,
	    'amount_fen', new.amount_fen));
END;
CREATE TRIGGER contract_funding_audit_update AFTER UPDATE ON contract_funding
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract_funding', 'update',
	    old.contract || '/' || old.funder,
	    json_object(
	    'contract', old.contract, 'funder', old.funder,
	    'amount_fen', old.amount_fen),
	    json_object(
	    'contract', new.contract, 'funder', new.funder,
	    'amount_fen', new.amount_fen));
END;
CREATE TRIGGER contract_funding_audit_delete AFTER DELETE ON contract_funding
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract_funding', 'delete',
	    old.contract || '/' || old.funder,
	    json_object(
	    'contract', old.contract, 'funder', old.funder,
	    'amount_fen', old.amount_fen), NULL);
END;

CREATE TRIGGER contract_target_audit_insert AFTER INSERT ON contract_target
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract_target', 'insert',
	    new.contract || '/' || new.measure, NULL,
	    json_object(
	    'contract', new.contract, 'measure', new.measure, 'target',
	    new.target));
END;
CREATE TRIGGER contract_target_audit_update AFTER UPDATE ON contract_target
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract_target', 'update',
	    old.contract || '/' || old.measure,
	    json_object(
	    'contract', old.contract, 'measure', old.measure, 'target',
	    old.target),
	    json_object(
	    'contract', new.contract, 'measure', new.measure, 'target',
	    new.target));
END;
CREATE TRIGGER contract_target_audit_delete AFTER DELETE ON contract_target
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'contract_target', 'delete',
	    old.contract || '/' || old.measure,
	    json_object(
	    'contract', old.contract, 'measure', old.measure, 'target',
	    old.target), NULL);
END;

CREATE TRIGGER payment_audit_insert AFTER INSERT ON payment
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'payment', 'insert',
	    new.id, NULL,
	    json_object(
	    'id', new.id, 'contract', new.contract, 'date', new.date,
	    'amount_fen', new.amount_fen, 'note', new.note));
END;
CREATE TRIGGER payment_audit_update AFTER UPDATE ON payment
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'payment', 'update',
	    old.id,
	    json_object(
	    'id', old.id, 'contract', old.contract, 'date', old.date,
	    'amount_fen', old.amount_fen, 'note', old.note),
	    json_object(
	    'id', new.id, 'contract', new.contract, 'date', new.date,
	    'amount_fen', new.amount_fen, 'note', new.note));
END;
CREATE TRIGGER payment_audit_delete AFTER DELETE ON payment
BEGIN
	INSERT INTO audit (os_user, command, tbl, op, row_key, old, new)
	VALUES (ws_user(), ws_cmd(), 'payment', 'delete',
	    old.id,
	    json_object(
	    'id', old.id, 'contract', old.contract, 'date', old.date,
	    'amount_fen', old.amount_fen, 'note', old.note), NULL);
END;
