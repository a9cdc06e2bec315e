-- Re-grading after grading (RegradeService): lowering a HIGH waits for a street leader. The
-- request is one per item, held on its row until decided; the timeline keeps who asked and why.
alter table risk_item add column regrade_level varchar(8);
alter table risk_item add column regrade_reason text;
alter table risk_item add column regrade_by varchar(64);
alter table risk_item add column regrade_at timestamptz;
