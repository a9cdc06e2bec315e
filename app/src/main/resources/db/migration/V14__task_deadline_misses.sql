-- One row per missed task deadline and miss number (OverdueTaskSweeper): the row is written in the
-- transaction that starts the supervision ladder, so a miss climbs once, however many nodes sweep.
create table task_deadline_miss (
    task_id     varchar(64) not null,
    miss_number integer     not null,
    number      varchar(32),
    form_id     varchar(100),
    unit        varchar(100),
    due_at      timestamp   not null,
    missed_at   timestamp   not null,
    primary key (task_id, miss_number)
);
create index task_deadline_miss_number_idx on task_deadline_miss (number);
