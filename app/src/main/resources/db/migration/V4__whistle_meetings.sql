-- Whistle (网格吹哨、部门报到) and the three-tier joint meetings (三级联席会议): the key-matters
-- ledger (重点事项台账). The whistle and jointMeeting processes carry only ids; the case data is here.

create table whistle (
    id            bigserial primary key,
    number        varchar(20) not null references risk_item (number),
    called_at     timestamptz not null,
    called_by     varchar(64),
    community     varchar(8) not null,
    joint_action  text,
    handled_at    timestamptz,
    handled_by    varchar(64)
);
create index whistle_number_idx on whistle (number);

-- One row per department called in by a whistle.
create table report_in (
    id               bigserial primary key,
    whistle_id       bigint not null references whistle (id),
    number           varchar(20) not null references risk_item (number),
    department       varchar(64) not null,
    called_at        timestamptz not null,
    due_at           timestamptz not null,
    reported_at      timestamptz,
    reported_by      varchar(64),
    reported_person  varchar(100),
    opinion          text,
    declined         boolean not null default false,
    decline_reason   text,
    arbitration      varchar(16),                        -- RELEASED or HELD (street-center)
    arbitration_note text,
    arbitrated_by    varchar(64),
    arbitrated_at    timestamptz,
    missed           boolean not null default false,     -- the report-in deadline passed before it reported
    unique (whistle_id, department)
);
create index report_in_department_idx on report_in (department, called_at);

-- The whistling community's rating of each department's response (1–5 each).
create table report_in_rating (
    id            bigserial primary key,
    whistle_id    bigint not null references whistle (id),
    number        varchar(20) not null references risk_item (number),
    department    varchar(64) not null,
    timeliness    int not null check (timeliness between 1 and 5),
    effectiveness int not null check (effectiveness between 1 and 5),
    rated_by      varchar(64),
    rated_at      timestamptz not null,
    unique (whistle_id, department)
);

create table meeting (
    id             bigserial primary key,
    number         varchar(20) not null references risk_item (number),
    community      varchar(8) not null,
    tier           varchar(16) not null check (tier in ('COMMUNITY', 'STREET', 'DISTRICT')),
    escalated_at   timestamptz not null,
    approved_by    varchar(64),                          -- the leader who approved going up (not for COMMUNITY)
    organiser      varchar(64) not null,                 -- the group that convenes it
    convene_due    timestamptz not null,
    convened_at    timestamptz,
    convened_by    varchar(64),
    meeting_at     timestamptz,
    place          varchar(300),
    invited        text,                                 -- department codes, comma-separated
    outcome        varchar(16),                          -- RESOLVED or UNRESOLVED
    minutes_by     varchar(64),
    minutes_at     timestamptz
);
create index meeting_number_idx on meeting (number);
create index meeting_tier_idx on meeting (tier, escalated_at);

create table meeting_attendee (
    id          bigserial primary key,
    meeting_id  bigint not null references meeting (id),
    name        varchar(200) not null
);
create index meeting_attendee_meeting_idx on meeting_attendee (meeting_id);

create table meeting_decision (
    id          bigserial primary key,
    meeting_id  bigint not null references meeting (id),
    content     text not null
);
create index meeting_decision_meeting_idx on meeting_decision (meeting_id);

create table meeting_action (
    id          bigserial primary key,
    meeting_id  bigint not null references meeting (id),
    number      varchar(20) not null references risk_item (number),
    owner       varchar(64) not null,                   -- the unit (group id) that must carry it out
    due_at      timestamptz not null,
    content     text not null,
    state       varchar(16) not null default 'OPEN' check (state in ('OPEN', 'DONE', 'OVERDUE')),
    done_at     timestamptz,
    done_note   text
);
create index meeting_action_meeting_idx on meeting_action (meeting_id);
create index meeting_action_state_idx on meeting_action (state, due_at);

-- Unresolved even at the district tier: resolution goes on as a long-term matter, reviewed monthly.
alter table risk_item add column long_term boolean not null default false;
alter table risk_item add column long_term_review_due timestamptz;

-- Several departments of one whistle miss the same report-in deadline at the same time: each
-- miss counts against its own department, so the unit is part of what makes a miss unique.
alter table supervision_record drop constraint supervision_record_number_deadline_due_at_key;
alter table supervision_record add constraint supervision_record_miss_key unique (number, deadline, due_at, unit);
