-- Risk items (风险隐患): the case data. The engine holds only ids and routing flags; these
-- tables hold the item, its parties (personal data) and its timeline of who did what when.

create table item_number_counter (
    year        int primary key,
    last_value  int not null
);

create table risk_item (
    number              varchar(20) primary key,           -- QF-2026-000123, the process business key
    process_instance_id varchar(64),
    title               varchar(200) not null,
    description         text not null,
    category            varchar(32) not null,
    subcategory         varchar(100),
    source              varchar(32) not null,
    community           varchar(8) not null references community (code),
    grid                varchar(16) not null references grid (code),
    address             varchar(300) not null,
    occurred_at         timestamptz,
    reported_at         timestamptz not null,
    reported_by         varchar(64) not null,
    people_involved     int not null check (people_involved >= 1),
    threat_of_violence  boolean not null default false,
    involves_minors     boolean not null default false,
    cross_jurisdiction  boolean not null default false,
    repeat_count        int not null default 0,
    status              varchar(32) not null,
    suggested_level     varchar(8),
    risk_level          varchar(8),
    grade_reason        text,
    graded_at           timestamptz,
    graded_by           varchar(64),
    fixable_now         boolean,
    responsible_unit    varchar(64),
    responsible_leader  varchar(64),
    investigator        varchar(64),
    resolver            varchar(64),
    stabiliser          varchar(64),
    dispatcher          varchar(64),
    measures            text,
    emergency_plan      jsonb,
    feedback_due        timestamptz,
    feedback_at         timestamptz,
    weekly_update_due   timestamptz,
    resolve_by          timestamptz,
    overdue             boolean not null default false,
    miss_count          int not null default 0,
    merged_into         varchar(20) references risk_item (number),
    transferred_to      varchar(200),
    closure_outcome     varchar(32),
    closure_evidence    text,
    closed_at           timestamptz,
    closed_by           varchar(64),
    satisfaction        varchar(32),
    reopen_count        int not null default 0,
    updated_at          timestamptz not null default now()
);
create index risk_item_duplicate_idx on risk_item (community, category);
create index risk_item_status_idx on risk_item (status);
create index risk_item_reporter_idx on risk_item (reported_by);
create index risk_item_unit_idx on risk_item (responsible_unit);

-- Channels a matter came in through: the first report and every repeat merged into it.
create table risk_item_source (
    id          bigserial primary key,
    number      varchar(20) not null references risk_item (number),
    source      varchar(32) not null,
    via_number  varchar(20) not null,
    reported_at timestamptz not null
);
create index risk_item_source_number_idx on risk_item_source (number);

create table risk_item_party (
    id      bigserial primary key,
    number  varchar(20) not null references risk_item (number),
    name    varchar(100) not null,
    phone   varchar(32),
    role    varchar(32)
);
create index risk_item_party_number_idx on risk_item_party (number);
create index risk_item_party_name_idx on risk_item_party (name);
create index risk_item_party_phone_idx on risk_item_party (phone);

create table risk_item_event (
    id       bigserial primary key,
    number   varchar(20) not null references risk_item (number),
    at       timestamptz not null,
    actor    varchar(64),
    kind     varchar(40) not null,
    summary  text not null,
    unit     varchar(64)                                  -- the unit a bounce, reminder or notice counts against
);
create index risk_item_event_number_idx on risk_item_event (number, at);
create index risk_item_event_kind_idx on risk_item_event (kind, at);

-- A retried POST with the same Idempotency-Key finds its first answer here.
create table intake_request (
    user_id         varchar(64) not null,
    idempotency_key varchar(200) not null,
    number          varchar(20),
    created_at      timestamptz not null default now(),
    primary key (user_id, idempotency_key)
);

-- Missed deadlines and the supervision ladder (催办 → 督办 → 通报).
create table supervision_record (
    id              bigserial primary key,
    number          varchar(20) not null references risk_item (number),
    deadline        varchar(32) not null,
    due_at          timestamptz not null,
    miss_number     int not null,
    step            varchar(16) not null,               -- REMINDER, SUPERVISION, NOTICE
    unit            varchar(64),
    supervision_group varchar(32),
    notice          text,
    reply           text,
    replied_at      timestamptz,
    created_at      timestamptz not null,
    unique (number, deadline, due_at)
);
create index supervision_record_step_idx on supervision_record (step, created_at);
