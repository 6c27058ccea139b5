-- 014: a group's own contract (issue 13).  A group (小组) run under a
-- project or venture-philanthropy contract books its sessions to that
-- contract, not to the post contract of the worker who ran it:
-- activity-log takes --contract if given, else this one when it runs on
-- the session's date, else the worker's post contract.  Set through the
-- directory (wushe-db load: groups: contract).
ALTER TABLE grp ADD COLUMN contract TEXT REFERENCES contract(code);
