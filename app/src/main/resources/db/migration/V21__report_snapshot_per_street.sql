-- Several streets (issue 13, docs/streets.md): each street reviews its own weekly and monthly report
-- (weeklyReview and monthlyStats run one review per street), so a snapshot belongs to a street.
-- Snapshots taken before belong to the demo (first) street, the only one there was.

alter table report_snapshot add column street_code varchar(32) references street (code);
update report_snapshot set street_code = (select min(code) from street);
alter table report_snapshot alter column street_code set not null;
alter table report_snapshot drop constraint report_snapshot_kind_period_key;
alter table report_snapshot add constraint report_snapshot_kind_period_street_key unique (kind, period, street_code);
