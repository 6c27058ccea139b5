-- 008-contact-view.sql: what a contact is, said once.  A contact (a
-- casework service contact, the "contacts" measure of a contract and the
-- "last contact" of visit-log --due) is a visit that took place: status
-- 'done', not 'no_show' or 'cancelled'.  Every query of wushe that counts
-- or finds contacts reads this view; analysts query it too (wushe(7)).
--
-- The view is a plain SELECT with a WHERE, so SQLite flattens it into
-- the query that reads it: the status test becomes a term of that query
-- and the covering indexes of 004 (visit_contract) and 006 (visit_case)
-- serve it as before.  The note is left out, as in v_visit.  A view
-- changes no row.

CREATE VIEW v_contact AS
SELECT v.id AS visit_id, v.case_id, v.worker, v.date, v.start, v.minutes,
       v.kind, v.purpose, v.follow_up, v.contract
FROM visit v
WHERE v.status = 'done';
