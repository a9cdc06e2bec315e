-- What the first request with an Idempotency-Key asked for, so that the key reused for a
-- different request is refused instead of silently answered with the first item.
alter table intake_request add column request_hash varchar(64);
