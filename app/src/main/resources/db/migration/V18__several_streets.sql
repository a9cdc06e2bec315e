-- Several streets in one installation (issue 13). Each street owns its number prefix, its centre
-- and leaders groups, its departments and supervision groups; an item belongs to the street of its
-- community (community.street_code is the one owner of that fact: items carry no street column)
-- and is numbered on that street's own counter. The demo street keeps the group ids of
-- CONTRACT.md (street-center, street-leaders); a street added later names its own.

alter table street add column number_prefix varchar(8) unique;
alter table street add column center_group varchar(64) unique;
alter table street add column leaders_group varchar(64) unique;
update street set number_prefix = code;
update street set center_group = 'street-center', leaders_group = 'street-leaders'
 where code = (select min(code) from street);
update street set center_group = 'street-center-' || lower(code), leaders_group = 'street-leaders-' || lower(code)
 where center_group is null;
alter table street alter column number_prefix set not null;
alter table street alter column center_group set not null;
alter table street alter column leaders_group set not null;

alter table department add column street_code varchar(32) references street (code);
update department set street_code = (select min(code) from street);
alter table department alter column street_code set not null;
create index department_street_idx on department (street_code);

alter table supervision_group add column street_code varchar(32) references street (code);
update supervision_group set street_code = (select min(code) from street);
alter table supervision_group alter column street_code set not null;

-- Numbers are gap-free per street and year.
alter table item_number_counter add column street_code varchar(32) references street (code);
update item_number_counter set street_code = (select min(code) from street);
alter table item_number_counter alter column street_code set not null;
alter table item_number_counter drop constraint item_number_counter_pkey;
alter table item_number_counter add primary key (street_code, year);
