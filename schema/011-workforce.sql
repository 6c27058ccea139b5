-- 011-workforce.sql: the youth-affairs social-work workforce (issue 17,
-- workforce-report(1)): a worker's qualification, its certificate's date
-- and county; organisations' designations (training base, standard
-- demonstration unit), youth-league affiliation and county; youth homes
-- (青年之家) and the workers who serve in them, with dates.
-- CHECK lists are OR chains, as 007-check-lists.sql explains.

-- none, 助理社会工作师 assistant, 社会工作师 intermediate, 高级社会工作师
-- senior; NULL: not given (counted as none).  The old free-text level is
-- kept as it was.
ALTER TABLE worker ADD COLUMN qualification TEXT
    CHECK (qualification = 'none' OR qualification = 'assistant' OR
	    qualification = 'intermediate' OR qualification = 'senior');
ALTER TABLE worker ADD COLUMN qualified_on TEXT;	-- the certificate's date
ALTER TABLE worker ADD COLUMN county TEXT;		-- 县、市、区

-- The dates an organisation was designated (NULL: it is not).
ALTER TABLE org ADD COLUMN training_base TEXT;		-- 重点实训基地
ALTER TABLE org ADD COLUMN demonstration_unit TEXT;	-- 服务标准化示范单位
-- 1 for a youth-league-affiliated social-work agency (团属社工机构)
ALTER TABLE org ADD COLUMN league_affiliated INTEGER NOT NULL DEFAULT 0
    CHECK (league_affiliated = 0 OR league_affiliated = 1);
-- The org's county is 009's (issue 15).

CREATE TABLE youth_home (
	code      TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	county    TEXT,
	community TEXT REFERENCES community(code),
	opened    TEXT			-- NULL: open since always
);

-- Who serves in a youth home, from and to (the directory's staff: from,
-- to; inclusive, NULL: open-ended).
CREATE TABLE youth_home_staff (
	youth_home TEXT NOT NULL REFERENCES youth_home(code)
	    ON DELETE CASCADE,
	worker     TEXT NOT NULL REFERENCES worker(code),
	served_from TEXT,
	served_to   TEXT,
	CHECK (served_to IS NULL OR served_from IS NULL OR
	    served_to >= served_from)
);
CREATE INDEX youth_home_staff_home ON youth_home_staff(youth_home);
CREATE INDEX youth_home_staff_worker ON youth_home_staff(worker);
