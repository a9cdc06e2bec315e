-- Transfer bodies (移交单位, issue 11): where Task_Resolve's TRANSFER sends a matter outside the
-- street's authority or area. Almost all are outside the street (district bureaus, the court, the
-- petition office, another street), so they are reference data an administrator keeps on
-- /admin/reference, not units of the organisation. The form offers the active ones; the item keeps the
-- code in risk_item.transferred_to (free text before V28 stays as it was and is printed as written).
alter table reference_code drop constraint reference_code_kind_check;
alter table reference_code add constraint reference_code_kind_check
    check (kind in ('CATEGORY', 'SUBCATEGORY', 'SOURCE', 'CLOSURE_OUTCOME', 'TRANSFER_BODY'));

insert into reference_code (kind, code, name, sort_order) values
    ('TRANSFER_BODY', 'DISTRICT_HOUSING', '区住房和城乡建设委员会', 10),
    ('TRANSFER_BODY', 'DISTRICT_URBAN_ENFORCEMENT', '区城市管理综合执法局', 20),
    ('TRANSFER_BODY', 'DISTRICT_POLICE', '区公安分局', 30),
    ('TRANSFER_BODY', 'DISTRICT_COURT', '区人民法院', 40),
    ('TRANSFER_BODY', 'DISTRICT_JUSTICE', '区司法局', 50),
    ('TRANSFER_BODY', 'DISTRICT_PETITIONS', '区信访办', 60),
    ('TRANSFER_BODY', 'DISTRICT_MARKET', '区市场监督管理局', 70),
    ('TRANSFER_BODY', 'DISTRICT_LABOUR', '区人力资源和社会保障局', 80),
    ('TRANSFER_BODY', 'OTHER_STREET', '其他街道', 90);
