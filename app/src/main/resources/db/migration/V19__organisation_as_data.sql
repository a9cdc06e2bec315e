-- Organisation as data (issue 13). People join the organisation tables: an account, the name printed
-- for it and its groups (units and roles). Camunda's users, memberships, groups and authorizations are
-- derived from these tables (OrgSync), which an administrator fills from an xlsx (docs/organisation.md).
-- A person is never deleted: one missing from a re-import loses that street's groups and is disabled
-- when none are left, so the history that names them stays readable.
create table person (
    user_id  varchar(64) primary key,
    name     varchar(64) not null,
    active   boolean not null default true
);

create table person_group (
    user_id   varchar(64) not null references person (user_id),
    group_id  varchar(64) not null,
    primary key (user_id, group_id)
);
create index person_group_group_idx on person_group (group_id);

-- V1 seeded the demo street in every profile. The demo street is now a file the demo profile imports
-- at each start (casegrid/org/demo-organisation.xlsx), so a database that never held an item gives
-- the demo rows back: a fresh prod database starts empty, a fresh demo database gets them again from
-- the file. A database that holds items keeps its organisation (the items point at it).
do $$
begin
    if not exists (select 1 from risk_item) and not exists (select 1 from daily_check) then
        delete from item_number_counter;
        delete from grid;
        delete from community;
        delete from department;
        delete from supervision_group;
        delete from street;
    end if;
end $$;
