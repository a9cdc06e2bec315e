-- Reference data as data (issue 13): categories (with suggested subcategories), intake sources and
-- closure outcomes, with the Chinese name shown for each code, and the resolution targets per level.
-- Seeded with CONTRACT.md's codes in every profile; administrators rename, add and deactivate them on
-- /admin/reference. A code is never deleted once an item uses it; a deactivated code is refused at
-- intake and no longer offered by the forms, while items that carry it keep their name.
create table reference_code (
    kind        varchar(32) not null,      -- CATEGORY, SUBCATEGORY, SOURCE, CLOSURE_OUTCOME
    code        varchar(32) not null,
    name        varchar(64) not null,
    parent_code varchar(32),               -- a subcategory's category
    sort_order  integer not null,
    active      boolean not null default true,
    primary key (kind, code),
    check (kind in ('CATEGORY', 'SUBCATEGORY', 'SOURCE', 'CLOSURE_OUTCOME')),
    check ((kind = 'SUBCATEGORY') = (parent_code is not null))
);

create table resolution_target (
    risk_level  varchar(8) primary key,
    target      numeric(4, 3) not null check (target > 0 and target <= 1)
);

insert into reference_code (kind, code, name, sort_order) values
    ('CATEGORY', 'DISPUTE', '社会矛盾纠纷', 10),
    ('CATEGORY', 'PUBLIC_ORDER', '治安隐患', 20),
    ('CATEGORY', 'PUBLIC_SAFETY', '公共安全', 30),
    ('CATEGORY', 'GROUP_CLAIM', '群体性诉求', 40),
    ('CATEGORY', 'SUPPORT', '特殊人群关爱帮扶', 50),
    ('CATEGORY', 'ONLINE_CRIME', '网络违法犯罪', 60),
    ('CATEGORY', 'VIOLENCE_RISK', '极端暴力风险', 70),
    ('SOURCE', 'GRID_SURVEY', '网格排查', 10),
    ('SOURCE', 'COMMUNITY_CHECK', '社区自查', 20),
    ('SOURCE', 'DEPARTMENT_SURVEY', '科室排查', 30),
    ('SOURCE', 'HOTLINE_12345', '12345热线', 40),
    ('SOURCE', 'PLATFORM', '市矛盾纠纷多元化解平台', 50),
    ('SOURCE', 'POLICE_110', '110警情', 60),
    ('SOURCE', 'LETTERS_VISITS', '信访', 70),
    ('SOURCE', 'WALK_IN', '来访', 80),
    ('SOURCE', 'OTHER', '其他', 90),
    ('CLOSURE_OUTCOME', 'CLAIM_RESOLVED', '合理诉求已解决', 10),
    ('CLOSURE_OUTCOME', 'CLAIM_EXPLAINED', '不合理诉求已解释', 20),
    ('CLOSURE_OUTCOME', 'HARDSHIP_ASSISTED', '困难已帮扶', 30),
    ('CLOSURE_OUTCOME', 'LAWFULLY_HANDLED', '违法行为已依法处理', 40),
    ('CLOSURE_OUTCOME', 'RECTIFIED', '隐患已整改', 50),
    ('CLOSURE_OUTCOME', 'TRANSFERRED', '已移交', 60);

-- Suggested subcategories (DOMAIN.md's examples); the intake's subcategory stays free text.
insert into reference_code (kind, code, name, parent_code, sort_order) values
    ('SUBCATEGORY', 'NEIGHBOUR', '邻里纠纷', 'DISPUTE', 10),
    ('SUBCATEGORY', 'FAMILY', '婚姻家庭纠纷', 'DISPUTE', 20),
    ('SUBCATEGORY', 'WAGES', '劳资欠薪', 'DISPUTE', 30),
    ('SUBCATEGORY', 'PROPERTY_MGMT', '物业纠纷', 'DISPUTE', 40),
    ('SUBCATEGORY', 'FIRE_EXIT', '消防通道堵塞', 'PUBLIC_SAFETY', 10),
    ('SUBCATEGORY', 'TELECOM_FRAUD', '电信网络诈骗', 'ONLINE_CRIME', 10);

insert into resolution_target (risk_level, target) values ('HIGH', 1.000), ('MEDIUM', 0.900), ('LOW', 0.900);
