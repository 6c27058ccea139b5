-- 009-orgs.sql: the register of social organisations, their annual
-- reports, and a site's own working-day calendar (issue 15; see
-- annual-report(1), org-report(1), wushe-directory(5)).
--
-- org gains what a registration office keeps: the day it was
-- deregistered (注销), its county (区县), its supervising unit (业务主管
-- 单位), the day it was named a brand organisation (品牌社会组织) and
-- whether it is a hub (枢纽型) organisation.  Which kinds are registered
-- social organisations is in the library (lib/orgs.c), not here.
ALTER TABLE org ADD COLUMN deregistered TEXT;
ALTER TABLE org ADD COLUMN county TEXT;
ALTER TABLE org ADD COLUMN supervisor_unit TEXT;
ALTER TABLE org ADD COLUMN brand_since TEXT;
ALTER TABLE org ADD COLUMN hub INTEGER NOT NULL DEFAULT 0
    CHECK (hub = 0 OR hub = 1);

-- Every filing event as recorded, in order (id): received (submit), sent
-- back (return, with a reason), reviewed (accept, with a conclusion).
CREATE TABLE annual_event (
	id         INTEGER PRIMARY KEY,
	org        TEXT NOT NULL REFERENCES org(code),
	year       INTEGER NOT NULL,
	event      TEXT NOT NULL
	    CHECK (event = 'submit' OR event = 'return' OR event = 'accept'),
	date       TEXT NOT NULL,
	reason     TEXT,
	conclusion TEXT CHECK (conclusion = 'qualified' OR
	    conclusion = 'basically_qualified' OR conclusion = 'unqualified'),
	CHECK (event <> 'return' OR reason IS NOT NULL),
	CHECK ((event = 'accept') = (conclusion IS NOT NULL))
);
CREATE INDEX annual_event_org ON annual_event (org, year);

-- The standing of each organisation's report for a year, kept by the
-- same transaction that adds its event: first (the first receipt: on
-- time or late is judged on it), submitted (the latest receipt), returned
-- (the latest return while the report is back with the organisation),
-- reviewed and conclusion (once accepted).
CREATE TABLE annual_report (
	org        TEXT NOT NULL REFERENCES org(code),
	year       INTEGER NOT NULL,
	state      TEXT NOT NULL CHECK (state = 'received' OR
	    state = 'returned' OR state = 'reviewed'),
	first      TEXT NOT NULL,
	submitted  TEXT NOT NULL,
	returned   TEXT,
	reason     TEXT,
	reviewed   TEXT,
	conclusion TEXT,
	PRIMARY KEY (year, org)
) WITHOUT ROWID;
CREATE INDEX annual_report_state ON annual_report (state, submitted);

-- A site's own working days (the directory's calendar key): a holiday
-- (workday 0) or a make-up workday (1), over the State Council's dates
-- built into the library.
CREATE TABLE calendar_day (
	day     TEXT PRIMARY KEY,
	workday INTEGER NOT NULL CHECK (workday = 0 OR workday = 1)
) WITHOUT ROWID;
