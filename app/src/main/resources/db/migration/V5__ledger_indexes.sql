-- The online ledger at 100k items (see bench/README.md for the measured plans and timings).
-- A ledger page is ORDER BY <sort>, number LIMIT n under filters and the caller's visibility:
-- each common filter column gets an index that also yields the default order (newest first),
-- so a filtered page is read in order and stops after n rows instead of sorting all matches.

create index risk_item_reported_idx on risk_item (reported_at desc, number desc);
create index risk_item_community_reported_idx on risk_item (community, reported_at desc, number desc);
create index risk_item_status_reported_idx on risk_item (status, reported_at desc, number desc);
create index risk_item_level_reported_idx on risk_item (risk_level, reported_at desc, number desc);
create index risk_item_unit_reported_idx on risk_item (responsible_unit, reported_at desc, number desc);
create index risk_item_category_reported_idx on risk_item (category, reported_at desc, number desc);
-- Overdue items are few: a partial index keeps them at hand without indexing the rest.
create index risk_item_overdue_reported_idx on risk_item (reported_at desc, number desc) where overdue;

-- The older single-column indexes are covered by the composite ones above.
drop index if exists risk_item_status_idx;
drop index if exists risk_item_unit_idx;

-- Text in the title (q=): a trigram index serves ILIKE '%...%', also for Chinese text.
-- pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists pg_trgm;
create index risk_item_title_trgm_idx on risk_item using gin (title gin_trgm_ops);

-- Visibility of a department called into an item: events recorded against its unit.
create index risk_item_event_unit_idx on risk_item_event (unit, number) where unit is not null;

-- Ledger-wide reads (a list page, an export) are audited as one row with the query they ran,
-- not one row per item: they have no single item number.
alter table access_audit alter column number drop not null;
alter table access_audit add column detail text;
