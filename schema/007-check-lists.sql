-- 007-check-lists.sql: CHECK constraints that list the allowed words are
-- written as OR chains ("kind = 'home' OR kind = 'phone' ...") instead of
-- IN lists.  They accept exactly the same values (NULL included: both
-- forms are NULL for a NULL column, which a CHECK lets through), but
-- SQLite 3.40 builds a temporary b-tree for an IN list in a CHECK
-- constraint each time it checks a row, with no OP_Once around it.  That
-- cost 1.4 us for visit.kind and 2.5 us for audit.op on every row written,
-- more than the row itself (see the README, Performance).
--
-- The tables are changed in place with SQLite's documented procedure for
-- changing a CHECK constraint without rebuilding the table (ALTER TABLE,
-- "Making Other Kinds Of Table Schema Changes"): the CREATE TABLE text in
-- sqlite_schema is rewritten under writable_schema, in the migration's
-- transaction; "PRAGMA writable_schema = RESET" makes this connection
-- read the new text, and the CREATE TABLE below bumps the schema cookie
-- so every other connection rereads it too.  No row changes, and no row
-- can break the new constraints, since they are the old ones.  The same
-- table fails the migration if an IN list is left in a CHECK (a table
-- that was not created by these migrations).

PRAGMA writable_schema = ON;
-- each replace() below turns one IN list into its OR chain
UPDATE sqlite_schema SET sql =
    replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(replace(sql,
    'CHECK (kind IN (''street_office'', ''sw_agency'',
	    ''social_group'', ''private_non_enterprise'', ''foundation'',
	    ''community_group'', ''self_governance'', ''enterprise''))',
    'CHECK (kind = ''street_office'' OR kind = ''sw_agency'' OR
	    kind = ''social_group'' OR
	    kind = ''private_non_enterprise'' OR
	    kind = ''foundation'' OR kind = ''community_group'' OR
	    kind = ''self_governance'' OR kind = ''enterprise'')'),
    'CHECK (kind IN (''post'', ''project'',
	    ''venture_philanthropy''))',
    'CHECK (kind = ''post'' OR kind = ''project'' OR
	    kind = ''venture_philanthropy'')'),
    'CHECK (new_spending IN (0, 1))',
    'CHECK (new_spending = 0 OR new_spending = 1)'),
    'CHECK (measure IN (''service_hours'', ''contacts'',
	    ''cases_served'', ''new_cases'', ''group_sessions'', ''activities'',
	    ''participants'', ''volunteer_hours''))',
    'CHECK (measure = ''service_hours'' OR measure = ''contacts'' OR
	    measure = ''cases_served'' OR measure = ''new_cases'' OR
	    measure = ''group_sessions'' OR
	    measure = ''activities'' OR measure = ''participants'' OR
	    measure = ''volunteer_hours'')'),
    'CHECK (youth_affairs IN (0, 1))',
    'CHECK (youth_affairs = 0 OR youth_affairs = 1)'),
    'CHECK (sex IN (''M'', ''F''))',
    'CHECK (sex = ''M'' OR sex = ''F'')'),
    'CHECK (risk IN (''low'', ''medium'', ''high''))',
    'CHECK (risk = ''low'' OR risk = ''medium'' OR risk = ''high'')'),
    'CHECK (status IN (''open'', ''closed''))',
    'CHECK (status = ''open'' OR status = ''closed'')'),
    'CHECK (close_reason IN (''goal_met'', ''moved_away'',
	    ''deceased'', ''refused_service'', ''transferred'', ''other''))',
    'CHECK (close_reason = ''goal_met'' OR
	    close_reason = ''moved_away'' OR
	    close_reason = ''deceased'' OR
	    close_reason = ''refused_service'' OR
	    close_reason = ''transferred'' OR
	    close_reason = ''other'')'),
    'CHECK (kind IN (''home'', ''phone'', ''office'',
	    ''outreach'', ''escort'', ''mediation'', ''online''))',
    'CHECK (kind = ''home'' OR kind = ''phone'' OR
	    kind = ''office'' OR kind = ''outreach'' OR
	    kind = ''escort'' OR kind = ''mediation'' OR
	    kind = ''online'')'),
    'CHECK (status IN (''done'', ''no_show'', ''cancelled''))',
    'CHECK (status = ''done'' OR status = ''no_show'' OR
	    status = ''cancelled'')'),
    'CHECK (kind IN (''group_session'',
	    ''community''))',
    'CHECK (kind = ''group_session'' OR kind = ''community'')'),
    'CHECK (full_time IN (0, 1))',
    'CHECK (full_time = 0 OR full_time = 1)'),
    'CHECK (kind IN (''entry'', ''adjustment''))',
    'CHECK (kind = ''entry'' OR kind = ''adjustment'')'),
    'CHECK (op IN (''insert'', ''update'', ''delete'', ''reveal''))',
    'CHECK (op = ''insert'' OR op = ''update'' OR op = ''delete'' OR
	    op = ''reveal'')')
WHERE type = 'table';
PRAGMA writable_schema = RESET;

CREATE TABLE ws_migration_007 (
	in_lists_left INTEGER CHECK (in_lists_left = 0)
);
INSERT INTO ws_migration_007
    SELECT count(*) FROM sqlite_schema
    WHERE type = 'table' AND sql LIKE '%CHECK (% IN (%';
DROP TABLE ws_migration_007;
