-- Duplicates by similar address (see RiskItemStore.possibleDuplicates): "福泰小区1号楼" and
-- "福泰小区1号楼2单元" are the same place written twice. A trigram index serves `address % ...`
-- so the search reads the few similar addresses, not every item. pg_trgm itself came with V5;
-- repeated here so this migration stands on its own.
create extension if not exists pg_trgm;
create index risk_item_address_trgm_idx on risk_item using gin (address gin_trgm_ops);
