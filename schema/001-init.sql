-- 001-init.sql: the wushe data model.
-- Money is integer fen, durations integer minutes, dates 'YYYY-MM-DD'.
-- Reference entities (community, org, worker, contract, grp, intern) are
-- keyed by their code, as in the directory YAML; records (person, cases,
-- visit, activity, intern_hours) by an integer id.
-- ws_user() and ws_cmd() are SQL functions that every wushe binary
-- registers; the history triggers use them.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT
);

CREATE TABLE community (
	code     TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	street   TEXT,
	district TEXT,
	city     TEXT
);

CREATE TABLE org (
	code        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('street_office', 'sw_agency',
	    'social_group', 'private_non_enterprise', 'foundation',
	    'community_group', 'self_governance', 'enterprise')),
	credit_code TEXT,
	registered  TEXT
);

CREATE TABLE contract (
	code         TEXT PRIMARY KEY,
	title        TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('post', 'project',
	    'venture_philanthropy')),
	purchaser    TEXT NOT NULL REFERENCES org(code),
	provider     TEXT NOT NULL REFERENCES org(code),
	start        TEXT NOT NULL,
	end          TEXT NOT NULL CHECK (end >= start),
	amount_fen   INTEGER NOT NULL CHECK (amount_fen >= 0),
	new_spending INTEGER NOT NULL DEFAULT 0 CHECK (new_spending IN (0, 1))
);

-- Who pays for a contract: one row per funder (an org code: the street
-- office for the government budget, an enterprise, a foundation).
CREATE TABLE contract_funding (
	contract   TEXT NOT NULL REFERENCES contract(code) ON DELETE CASCADE,
	funder     TEXT NOT NULL REFERENCES org(code),
	amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
	PRIMARY KEY (contract, funder)
);

-- Deliverable targets for the whole contract period.  Hour measures
-- (service_hours, volunteer_hours) are stored in minutes.
CREATE TABLE contract_target (
	contract TEXT NOT NULL REFERENCES contract(code) ON DELETE CASCADE,
	measure  TEXT NOT NULL CHECK (measure IN ('service_hours', 'contacts',
	    'cases_served', 'new_cases', 'group_sessions', 'activities',
	    'participants', 'volunteer_hours')),
	target   INTEGER NOT NULL CHECK (target >= 0),
	PRIMARY KEY (contract, measure)
);

CREATE TABLE payment (
	id         INTEGER PRIMARY KEY,
	contract   TEXT NOT NULL REFERENCES contract(code) ON DELETE CASCADE,
	date       TEXT NOT NULL,
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	note       TEXT
);
CREATE INDEX payment_contract ON payment(contract, date);

CREATE TABLE worker (
	code          TEXT PRIMARY KEY,
	name          TEXT NOT NULL,
	org           TEXT NOT NULL REFERENCES org(code),
	level         TEXT,		-- qualification level, free text
	youth_affairs INTEGER NOT NULL DEFAULT 0 CHECK (youth_affairs IN (0, 1)),
	active_from   TEXT,		-- NULL: since always
	active_to     TEXT,		-- NULL: still active
	contract      TEXT REFERENCES contract(code)	-- pays for the post
);

CREATE TABLE person (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	id_number  TEXT UNIQUE,
	sex        TEXT CHECK (sex IN ('M', 'F')),
	birth_date TEXT,
	phone      TEXT,
	community  TEXT NOT NULL REFERENCES community(code),
	address    TEXT
);
CREATE INDEX person_name ON person(name, birth_date);

CREATE TABLE cases (
	id           INTEGER PRIMARY KEY,
	person       INTEGER NOT NULL REFERENCES person(id),
	community    TEXT NOT NULL REFERENCES community(code),
	risk         TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
	worker       TEXT REFERENCES worker(code),
	opened       TEXT NOT NULL,
	need         TEXT,
	source       TEXT,
	status       TEXT NOT NULL DEFAULT 'open'
	    CHECK (status IN ('open', 'closed')),
	closed       TEXT,
	close_reason TEXT CHECK (close_reason IN ('goal_met', 'moved_away',
	    'deceased', 'refused_service', 'transferred', 'other')),
	outcome      TEXT,
	created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	CHECK (closed IS NULL OR closed >= opened)
);
CREATE INDEX cases_person ON cases(person);
CREATE INDEX cases_worker ON cases(worker, status);
CREATE INDEX cases_status ON cases(status, community);

-- A case has one or more categories (the vocabulary is in the policy).
CREATE TABLE case_category (
	case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	category TEXT NOT NULL,
	PRIMARY KEY (case_id, category)
) WITHOUT ROWID;
CREATE INDEX case_category_cat ON case_category(category);

-- Append-only history of every change to a case, written by triggers.
CREATE TABLE case_history (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL,
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL,
	command TEXT NOT NULL,
	field   TEXT NOT NULL,
	old     TEXT,
	new     TEXT
);
CREATE INDEX case_history_case ON case_history(case_id, id);

CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;

CREATE TRIGGER cases_history_insert AFTER INSERT ON cases
BEGIN
	INSERT INTO case_history(case_id, os_user, command, field, old, new)
	VALUES (new.id, ws_user(), ws_cmd(), 'opened', NULL, new.opened);
END;

CREATE TRIGGER case_category_history_insert AFTER INSERT ON case_category
BEGIN
	INSERT INTO case_history(case_id, os_user, command, field, old, new)
	VALUES (new.case_id, ws_user(), ws_cmd(), 'category', NULL,
	    new.category);
END;

CREATE TRIGGER case_category_history_delete AFTER DELETE ON case_category
BEGIN
	INSERT INTO case_history(case_id, os_user, command, field, old, new)
	VALUES (old.case_id, ws_user(), ws_cmd(), 'category', old.category,
	    NULL);
END;

CREATE TRIGGER cases_history_update AFTER UPDATE ON cases
BEGIN
	INSERT INTO case_history(case_id, os_user, command, field, old, new)
	SELECT new.id, ws_user(), ws_cmd(), f, o, n FROM (
	    SELECT 'community' AS f, old.community AS o, new.community AS n
	    UNION ALL SELECT 'risk', old.risk, new.risk
	    UNION ALL SELECT 'worker', old.worker, new.worker
	    UNION ALL SELECT 'opened', old.opened, new.opened
	    UNION ALL SELECT 'need', old.need, new.need
	    UNION ALL SELECT 'source', old.source, new.source
	    UNION ALL SELECT 'status', old.status, new.status
	    UNION ALL SELECT 'closed', old.closed, new.closed
	    UNION ALL SELECT 'close_reason', old.close_reason, new.close_reason
	    UNION ALL SELECT 'outcome', old.outcome, new.outcome
	    UNION ALL SELECT 'person', old.person, new.person)
	WHERE o IS NOT n;
END;

CREATE TABLE visit (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases(id),
	worker     TEXT NOT NULL REFERENCES worker(code),
	date       TEXT NOT NULL,
	start      TEXT,		-- 'HH:MM' or NULL
	minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
	kind       TEXT NOT NULL CHECK (kind IN ('home', 'phone', 'office',
	    'outreach', 'escort', 'mediation', 'online')),
	status     TEXT NOT NULL DEFAULT 'done'
	    CHECK (status IN ('done', 'no_show', 'cancelled')),
	purpose    TEXT,
	note       TEXT,
	follow_up  TEXT CHECK (follow_up IS NULL OR follow_up >= date),
	contract   TEXT REFERENCES contract(code),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE INDEX visit_case ON visit(case_id, date);
CREATE INDEX visit_worker ON visit(worker, date);
CREATE INDEX visit_contract ON visit(contract, date);

-- A group (小组) run by an organisation in a community, meeting in
-- sessions; sessions are activity rows with kind 'group_session'.
CREATE TABLE grp (
	code      TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	org       TEXT REFERENCES org(code),
	community TEXT REFERENCES community(code)
);

CREATE TABLE activity (
	id                INTEGER PRIMARY KEY,
	kind              TEXT NOT NULL CHECK (kind IN ('group_session',
	    'community')),
	grp               TEXT REFERENCES grp(code),
	title             TEXT,
	date              TEXT NOT NULL,
	minutes           INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
	community         TEXT REFERENCES community(code),
	org               TEXT REFERENCES org(code),
	participants      INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
	volunteers        INTEGER NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
	volunteer_minutes INTEGER NOT NULL DEFAULT 0
	    CHECK (volunteer_minutes >= 0),
	contract          TEXT REFERENCES contract(code),
	note              TEXT,
	created_at        TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	CHECK (kind <> 'group_session' OR grp IS NOT NULL)
);
CREATE INDEX activity_date ON activity(date);
CREATE INDEX activity_contract ON activity(contract, date);

CREATE TABLE activity_worker (
	activity INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
	worker   TEXT NOT NULL REFERENCES worker(code),
	PRIMARY KEY (activity, worker)
) WITHOUT ROWID;

-- Which cases attended a session (links group work to casework).
CREATE TABLE activity_case (
	activity INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
	case_id  INTEGER NOT NULL REFERENCES cases(id),
	PRIMARY KEY (activity, case_id)
) WITHOUT ROWID;
CREATE INDEX activity_case_case ON activity_case(case_id);

CREATE TABLE intern (
	code                TEXT PRIMARY KEY,
	name                TEXT NOT NULL,
	id_number           TEXT,
	school              TEXT,
	major               TEXT,
	full_time           INTEGER NOT NULL DEFAULT 1 CHECK (full_time IN (0, 1)),
	hukou_city          TEXT,
	org                 TEXT NOT NULL REFERENCES org(code),
	supervisor          TEXT REFERENCES worker(code),
	academic_supervisor TEXT,
	start               TEXT NOT NULL,
	end                 TEXT,
	CHECK (end IS NULL OR end >= start)
);

CREATE TABLE certification (
	id      INTEGER PRIMARY KEY,
	intern  TEXT NOT NULL REFERENCES intern(code),
	through TEXT NOT NULL,		-- certifies entries up to this date
	by      TEXT NOT NULL REFERENCES worker(code),
	at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	os_user TEXT NOT NULL
);

-- Hours an intern logged.  An adjustment corrects certified hours: it has
-- a reason and may be negative; entries are never edited once certified.
CREATE TABLE intern_hours (
	id            INTEGER PRIMARY KEY,
	intern        TEXT NOT NULL REFERENCES intern(code),
	date          TEXT NOT NULL,
	start         TEXT,		-- 'HH:MM' when logged as a range
	end_time      TEXT,		-- 'HH:MM' ('24:00' allowed)
	break_minutes INTEGER NOT NULL DEFAULT 0 CHECK (break_minutes >= 0),
	minutes       INTEGER NOT NULL CHECK (minutes BETWEEN -1440 AND 1440),
	task          TEXT,
	kind          TEXT NOT NULL DEFAULT 'entry'
	    CHECK (kind IN ('entry', 'adjustment')),
	reason        TEXT,
	certification INTEGER REFERENCES certification(id),
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
	CHECK (kind = 'entry' OR reason IS NOT NULL),
	CHECK (kind = 'adjustment' OR minutes > 0)
);
CREATE INDEX intern_hours_intern ON intern_hours(intern, date);

CREATE TRIGGER intern_hours_frozen BEFORE UPDATE ON intern_hours
WHEN old.certification IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified hours cannot be changed'); END;
CREATE TRIGGER intern_hours_frozen_delete BEFORE DELETE ON intern_hours
WHEN old.certification IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified hours cannot be deleted'); END;
