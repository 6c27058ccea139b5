-- 004-visit-contract-index.sql: grant-report reads every done visit of a
-- contract in a date range (minutes and case).  A covering index answers
-- that without touching the table rows, and its prefix serves every query
-- the old visit_contract index served, so it replaces it: one index, as
-- before, for each visit written.
DROP INDEX visit_contract;
CREATE INDEX visit_contract ON visit(contract, status, date, minutes, case_id);
