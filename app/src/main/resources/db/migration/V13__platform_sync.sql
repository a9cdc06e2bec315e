-- Sync with the city's dispute-resolution platform (矛盾纠纷多元化解平台 / 12345), docs/integration.md.

-- Out: one row per event of a DISPUTE item, written in the transaction of the event and posted by a
-- worker on any node (the notification outbox's mechanics: SKIP LOCKED claims, a lease, backoff).
-- The payload is a snapshot taken when the event happened; it never holds a party's name or phone.
create table platform_outbox (
    id              bigserial primary key,
    -- number:EVENT (number:EVENT:n for the n-th occurrence after a reopen), sent as Idempotency-Key.
    idempotency_key varchar(100) not null unique,
    number          varchar(20) not null,
    event           varchar(32) not null,
    payload         text not null,
    status          varchar(16) not null,            -- PENDING, SENDING, SENT, FAILED
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    locked_by       varchar(100),
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index platform_outbox_due_idx on platform_outbox (status, next_attempt_at);
create index platform_outbox_number_idx on platform_outbox (number, id);

-- In: work orders the platform (or the 12345 hotline bridge) pushed, by their id over there. The
-- primary key makes a second push of the same order wait for the first and then find its item.
create table work_order (
    external_id varchar(64) primary key,
    source      varchar(32) not null,
    number      varchar(20),                         -- set in the transaction that registers the item
    received_at timestamptz not null
);
create index work_order_number_idx on work_order (number);
