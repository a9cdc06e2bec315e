-- The rhythm of the office (日核·周调·月统): daily checks per community and the report snapshots
-- read out at the weekly leadership meeting and the monthly statistics.

-- One row per community and working day on which it had open items to verify (日核).
-- OPEN until the staff confirm the list (DONE) or the day ends without it (MISSED); missed checks
-- count against the community's data quality in the reports.
create table daily_check (
    id                  bigserial primary key,
    check_day           date not null,
    community           varchar(8) not null references community (code),
    process_instance_id varchar(64),
    open_items          int not null,
    status              varchar(16) not null,               -- OPEN, DONE, MISSED
    flagged             int not null default 0,
    done_by             varchar(64),
    done_at             timestamptz,
    created_at          timestamptz not null,
    unique (check_day, community)
);
create index daily_check_day_idx on daily_check (check_day);

-- A report as computed for the meeting: the figures do not move afterwards even when late data
-- changes the live report. One per period; recomputing replaces the figures until it is marked ready.
create table report_snapshot (
    id              bigserial primary key,
    kind            varchar(16) not null,                   -- WEEKLY, MONTHLY
    period          varchar(16) not null,                   -- 2026-W48, 2026-11
    computed_at     timestamptz not null,
    body            jsonb not null,
    status          varchar(16) not null,                   -- DRAFT, READY
    reviewed_by     varchar(64),
    reviewed_at     timestamptz,
    review_note     text,
    unique (kind, period)
);

-- The reports count by time window over these columns.
create index risk_item_reported_at_idx on risk_item (reported_at);
create index risk_item_closed_at_idx on risk_item (closed_at);
create index risk_item_resolve_by_idx on risk_item (resolve_by);
create index risk_item_feedback_due_idx on risk_item (feedback_due);
create index supervision_record_due_idx on supervision_record (due_at);
