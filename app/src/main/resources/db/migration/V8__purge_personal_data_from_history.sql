-- Parties' names and phones entered on the Tasklist start form (variables partyName, partyPhone)
-- were copied by earlier versions into the engine's history: ACT_HI_VARINST (state DELETED after
-- registration removed them) and ACT_HI_DETAIL (variable updates and submitted form fields), with
-- any value stored as a byte array in ACT_GE_BYTEARRAY. The engine no longer writes them
-- (PersonalDataHistoryFilter); this removes what is left. The list is the one earlier versions
-- wrote: personal-data variables added later never reach history.
--
-- On a fresh database Flyway runs before the engine creates its tables: then there is nothing to do.
do $$
begin
    if to_regclass('act_hi_detail') is not null then
        with purged as (
            delete from act_hi_detail where name_ in ('partyName', 'partyPhone')
            returning bytearray_id_
        )
        delete from act_ge_bytearray where id_ in (select bytearray_id_ from purged where bytearray_id_ is not null);
    end if;
    if to_regclass('act_hi_varinst') is not null then
        with purged as (
            delete from act_hi_varinst where name_ in ('partyName', 'partyPhone')
            returning bytearray_id_
        )
        delete from act_ge_bytearray where id_ in (select bytearray_id_ from purged where bytearray_id_ is not null);
    end if;
end
$$;
