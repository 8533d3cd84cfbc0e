-- Task SLAs in working periods (issue 21, policy 003 "0.5个工作日"): whole working days ("5"), half days ("0.5") or
-- working hours ("4h") instead of whole days only. Administrators' existing settings keep their values.
ALTER TABLE task_sla ADD COLUMN due_period VARCHAR(12);
ALTER TABLE task_sla ADD COLUMN remind_before_period VARCHAR(12);
ALTER TABLE task_sla ADD COLUMN level1_after_period VARCHAR(12);
ALTER TABLE task_sla ADD COLUMN level2_after_period VARCHAR(12);
UPDATE task_sla SET due_period = CAST(due_days AS VARCHAR(12)), remind_before_period = CAST(remind_before_days AS VARCHAR(12)),
    level1_after_period = CAST(level1_after_days AS VARCHAR(12)), level2_after_period = CAST(level2_after_days AS VARCHAR(12));
ALTER TABLE task_sla ALTER COLUMN due_period SET NOT NULL;
ALTER TABLE task_sla ALTER COLUMN remind_before_period SET NOT NULL;
ALTER TABLE task_sla ALTER COLUMN level1_after_period SET NOT NULL;
ALTER TABLE task_sla ALTER COLUMN level2_after_period SET NOT NULL;
ALTER TABLE task_sla DROP COLUMN due_days;
ALTER TABLE task_sla DROP COLUMN remind_before_days;
ALTER TABLE task_sla DROP COLUMN level1_after_days;
ALTER TABLE task_sla DROP COLUMN level2_after_days;
