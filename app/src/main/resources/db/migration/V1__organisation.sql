-- The demo street's organisation: street -> communities -> grids, departments and supervision groups.
-- Camunda's users, groups and authorizations are derived from these tables at start-up (OrgSync).

create table street (
    code        varchar(32) primary key,
    name        varchar(64) not null
);

create table supervision_group (
    code        varchar(32) primary key,       -- Camunda group id, e.g. supervision-1
    name        varchar(64) not null
);

create table community (
    code              varchar(8) primary key,  -- C01 ... C15
    street_code       varchar(32) not null references street (code),
    name              varchar(64) not null,
    supervision_group varchar(32) not null references supervision_group (code)
);

create table grid (
    code            varchar(16) primary key,   -- C01-G1 ... C15-G4
    community_code  varchar(8) not null references community (code),
    name            varchar(64) not null
);
create index grid_community_idx on grid (community_code);

create table department (
    code        varchar(32) primary key,       -- Camunda group id, e.g. dept-justice
    name        varchar(64) not null
);

insert into street (code, name) values ('QF', '全福街道');

insert into supervision_group (code, name) values
    ('supervision-1', '第一督导组'),
    ('supervision-2', '第二督导组'),
    ('supervision-3', '第三督导组');

insert into community (code, street_code, name, supervision_group) values
    ('C01', 'QF', '福源社区', 'supervision-1'),
    ('C02', 'QF', '福安社区', 'supervision-1'),
    ('C03', 'QF', '福寿社区', 'supervision-1'),
    ('C04', 'QF', '福康社区', 'supervision-1'),
    ('C05', 'QF', '福泰社区', 'supervision-1'),
    ('C06', 'QF', '福兴社区', 'supervision-2'),
    ('C07', 'QF', '福华社区', 'supervision-2'),
    ('C08', 'QF', '福明社区', 'supervision-2'),
    ('C09', 'QF', '福新社区', 'supervision-2'),
    ('C10', 'QF', '福瑞社区', 'supervision-2'),
    ('C11', 'QF', '福宁社区', 'supervision-3'),
    ('C12', 'QF', '福乐社区', 'supervision-3'),
    ('C13', 'QF', '福祥社区', 'supervision-3'),
    ('C14', 'QF', '福苑社区', 'supervision-3'),
    ('C15', 'QF', '福林社区', 'supervision-3');

insert into grid (code, community_code, name) values
    ('C01-G1', 'C01', '福源社区第一网格'),
    ('C01-G2', 'C01', '福源社区第二网格'),
    ('C01-G3', 'C01', '福源社区第三网格'),
    ('C01-G4', 'C01', '福源社区第四网格'),
    ('C02-G1', 'C02', '福安社区第一网格'),
    ('C02-G2', 'C02', '福安社区第二网格'),
    ('C02-G3', 'C02', '福安社区第三网格'),
    ('C02-G4', 'C02', '福安社区第四网格'),
    ('C03-G1', 'C03', '福寿社区第一网格'),
    ('C03-G2', 'C03', '福寿社区第二网格'),
    ('C03-G3', 'C03', '福寿社区第三网格'),
    ('C03-G4', 'C03', '福寿社区第四网格'),
    ('C04-G1', 'C04', '福康社区第一网格'),
    ('C04-G2', 'C04', '福康社区第二网格'),
    ('C04-G3', 'C04', '福康社区第三网格'),
    ('C04-G4', 'C04', '福康社区第四网格'),
    ('C05-G1', 'C05', '福泰社区第一网格'),
    ('C05-G2', 'C05', '福泰社区第二网格'),
    ('C05-G3', 'C05', '福泰社区第三网格'),
    ('C05-G4', 'C05', '福泰社区第四网格'),
    ('C06-G1', 'C06', '福兴社区第一网格'),
    ('C06-G2', 'C06', '福兴社区第二网格'),
    ('C06-G3', 'C06', '福兴社区第三网格'),
    ('C06-G4', 'C06', '福兴社区第四网格'),
    ('C07-G1', 'C07', '福华社区第一网格'),
    ('C07-G2', 'C07', '福华社区第二网格'),
    ('C07-G3', 'C07', '福华社区第三网格'),
    ('C07-G4', 'C07', '福华社区第四网格'),
    ('C08-G1', 'C08', '福明社区第一网格'),
    ('C08-G2', 'C08', '福明社区第二网格'),
    ('C08-G3', 'C08', '福明社区第三网格'),
    ('C08-G4', 'C08', '福明社区第四网格'),
    ('C09-G1', 'C09', '福新社区第一网格'),
    ('C09-G2', 'C09', '福新社区第二网格'),
    ('C09-G3', 'C09', '福新社区第三网格'),
    ('C09-G4', 'C09', '福新社区第四网格'),
    ('C10-G1', 'C10', '福瑞社区第一网格'),
    ('C10-G2', 'C10', '福瑞社区第二网格'),
    ('C10-G3', 'C10', '福瑞社区第三网格'),
    ('C10-G4', 'C10', '福瑞社区第四网格'),
    ('C11-G1', 'C11', '福宁社区第一网格'),
    ('C11-G2', 'C11', '福宁社区第二网格'),
    ('C11-G3', 'C11', '福宁社区第三网格'),
    ('C11-G4', 'C11', '福宁社区第四网格'),
    ('C12-G1', 'C12', '福乐社区第一网格'),
    ('C12-G2', 'C12', '福乐社区第二网格'),
    ('C12-G3', 'C12', '福乐社区第三网格'),
    ('C12-G4', 'C12', '福乐社区第四网格'),
    ('C13-G1', 'C13', '福祥社区第一网格'),
    ('C13-G2', 'C13', '福祥社区第二网格'),
    ('C13-G3', 'C13', '福祥社区第三网格'),
    ('C13-G4', 'C13', '福祥社区第四网格'),
    ('C14-G1', 'C14', '福苑社区第一网格'),
    ('C14-G2', 'C14', '福苑社区第二网格'),
    ('C14-G3', 'C14', '福苑社区第三网格'),
    ('C14-G4', 'C14', '福苑社区第四网格'),
    ('C15-G1', 'C15', '福林社区第一网格'),
    ('C15-G2', 'C15', '福林社区第二网格'),
    ('C15-G3', 'C15', '福林社区第三网格'),
    ('C15-G4', 'C15', '福林社区第四网格');

insert into department (code, name) values
    ('dept-justice', '司法所'),
    ('dept-police', '派出所'),
    ('dept-safety', '应急管理办公室'),
    ('dept-urban', '城市管理办公室'),
    ('dept-market', '市场监管所'),
    ('dept-labour', '人力资源和社会保障所'),
    ('dept-civil', '民政办公室'),
    ('dept-health', '卫生健康办公室'),
    ('dept-education', '教育办公室'),
    ('dept-letters', '信访办公室'),
    ('dept-housing', '住房和建设办公室');
