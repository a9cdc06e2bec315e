-- Who read which item's case data (保密): the timeline records who changed what, this records reads.
create table access_audit (
    id       bigserial primary key,
    at       timestamptz not null,
    user_id  varchar(64) not null,
    number   varchar(20) not null,
    action   varchar(32) not null
);
create index access_audit_number_idx on access_audit (number, at);
create index access_audit_user_idx on access_audit (user_id, at);
