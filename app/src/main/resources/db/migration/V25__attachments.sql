-- Attachments (附件): photos and documents of an item, kept in PostgreSQL so that the embedded default
-- needs no other service. The bytes are what was stored after the checks (photos without their EXIF
-- location and device tags unless the uploader kept the location as evidence); the thumbnail is a small
-- JPEG drawn at upload. Nothing of this goes into the engine: no process variable, no history.
create table risk_item_attachment (
    id             bigserial primary key,
    number         varchar(20) not null references risk_item (number) on delete cascade,
    file_name      varchar(200) not null,
    content_type   varchar(100) not null,
    size           bigint not null check (size > 0),
    purpose        varchar(16) not null check (purpose in ('INTAKE', 'PROGRESS', 'EVIDENCE')),
    location_kept  boolean not null default false,
    uploaded_at    timestamptz not null,
    uploaded_by    varchar(64) not null,
    content        bytea not null,
    thumbnail      bytea
);
create index risk_item_attachment_number_idx on risk_item_attachment (number, purpose);
