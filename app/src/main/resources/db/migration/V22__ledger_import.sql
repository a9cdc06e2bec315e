-- Import of a street's existing ledger (底数台账): one row per real run of a file, and one row per
-- imported item with the fingerprint of its ledger row. Re-running a file looks its numbers up here:
-- same fingerprint = already imported (skipped), another fingerprint = a conflict (reported, never
-- overwritten). The items themselves live in risk_item like any other; a number here is never reused.
create table ledger_import (
    id           bigserial primary key,
    file_name    varchar(255) not null,
    file_sha256  varchar(64) not null,
    imported_by  varchar(64) not null,
    imported_at  timestamptz not null,
    created      int not null,
    skipped      int not null
);

create table ledger_import_item (
    number      varchar(20) primary key references risk_item (number),
    import_id   bigint not null references ledger_import (id),
    sheet_row   int not null,
    row_sha256  varchar(64) not null
);
create index ledger_import_item_import_idx on ledger_import_item (import_id);
