-- A hazard can involve no one yet (boxes blocking a fire exit): IntakeValidator accepts 0 for the
-- categories where that is possible, so the table accepts 0 and still refuses a negative count.
-- (Numbered 10.3 so it does not collide with the V10 migrations other branches may add.)
alter table risk_item drop constraint if exists risk_item_people_involved_check;
alter table risk_item add constraint risk_item_people_involved_check check (people_involved >= 0);
