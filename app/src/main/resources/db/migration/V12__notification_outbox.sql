-- Notifications: an outbox written in the same transaction as the event that causes it, delivered by
-- a worker on any node (row locks with SKIP LOCKED, a lease), at most once per event, recipient and channel.

-- People's contact data and channel choices. Users live in Camunda's identity tables (OrgSync); this
-- table adds what the organisation knows about reaching them. Demo values are set only with the demo
-- organisation (DemoContacts).
create table person_contact (
    user_id     varchar(64) primary key,
    phone       varchar(32),
    email       varchar(254),
    notify_sms  boolean not null default true,
    notify_email boolean not null default true
);

create table notification_outbox (
    id              bigserial primary key,
    -- event key + recipient + channel: the same event never reaches the same recipient twice on one channel.
    dedupe_key      varchar(300) not null unique,
    kind            varchar(32) not null,
    number          varchar(20),
    channel         varchar(16) not null,            -- EMAIL, SMS, WECOM, DINGTALK
    recipient       varchar(64) not null,            -- a user id (EMAIL, SMS) or a unit's group id (robots)
    subject         varchar(200) not null,
    body            text not null,
    priority        varchar(8) not null,             -- HIGH is delivered in quiet hours too
    status          varchar(16) not null,            -- PENDING, SENDING, SENT, FAILED
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    locked_by       varchar(100),
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index notification_outbox_due_idx on notification_outbox (status, next_attempt_at);
create index notification_outbox_number_idx on notification_outbox (number);
