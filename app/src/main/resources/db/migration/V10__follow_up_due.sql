-- The follow-up visit's deadline (回访期限) was only a process variable; like the item's other
-- deadlines it is stored on the item and the variable the visit's due date reads is copied from it.
alter table risk_item add column follow_up_due timestamptz;

-- Items written off before this version keep their visit's deadline: taken once from the running
-- instance's variable (a date is stored as epoch milliseconds). On a fresh database the engine's
-- tables do not exist yet and there is nothing to take.
do $$
begin
    if to_regclass('act_ru_variable') is not null then
        update risk_item i set follow_up_due = to_timestamp(v.long_ / 1000.0)
        from act_ru_variable v
        where v.proc_inst_id_ = i.process_instance_id and v.name_ = 'followUpDue' and v.type_ = 'date'
          and v.long_ is not null and i.follow_up_due is null;
    end if;
end
$$;
