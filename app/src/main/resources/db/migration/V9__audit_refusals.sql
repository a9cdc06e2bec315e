-- Refused attempts (401 with a user name, 403) join the reads in access_audit: the answer's
-- status, the method and the path (without the query string, which may carry personal data).
alter table access_audit add column status smallint;
alter table access_audit add column method varchar(10);
alter table access_audit add column path varchar(300);
-- The audit page lists newest first, filtered by user, item and time.
create index access_audit_at_idx on access_audit (at, id);
