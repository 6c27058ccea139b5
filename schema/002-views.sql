-- 002-views.sql: the documented views analysts query (see wushe(7)).
-- Personal data is masked in every view, in plain SQL, so the views work
-- in the sqlite3 shell without wushe's own SQL functions.

CREATE VIEW v_case AS
SELECT c.id AS case_id,
       p.name AS name,
       CASE WHEN p.id_number IS NULL THEN NULL
            ELSE substr(p.id_number, 1, 6) || '********' ||
                 substr(p.id_number, -4) END AS id_number,
       p.sex AS sex,
       p.birth_date AS birth_date,
       CASE WHEN p.phone IS NULL THEN NULL
            ELSE substr(p.phone, 1, 3) || '****' || substr(p.phone, -4)
       END AS phone,
       c.community AS community,
       (SELECT group_concat(category, ',') FROM
           (SELECT category FROM case_category cc
            WHERE cc.case_id = c.id ORDER BY category)) AS categories,
       c.risk AS risk,
       c.worker AS worker,
       c.opened AS opened,
       c.status AS status,
       c.closed AS closed,
       c.close_reason AS close_reason,
       c.need AS need,
       c.source AS source
FROM cases c JOIN person p ON p.id = c.person;

CREATE VIEW v_visit AS
SELECT v.id AS visit_id, v.case_id, v.worker, v.date, v.start, v.minutes,
       v.kind, v.status, v.purpose, v.follow_up, v.contract,
       c.community
FROM visit v JOIN cases c ON c.id = v.case_id;
