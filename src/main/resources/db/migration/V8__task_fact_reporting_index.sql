-- 瓶颈分析 at scale (docs/benchmarks.md): the durations of a period are read from one index range that
-- holds every column the query needs, so PostgreSQL answers it from the index alone.
DROP INDEX idx_task_fact_process_end;
CREATE INDEX idx_task_fact_process_end ON task_fact (process_definition_key, ended_at, end_state, task_key, process_version,
    department, host_unit, industry, key_project, total_seconds, wait_seconds, work_seconds);
-- Escalations of a period are found by their time (idx_task_escalation_fired) and joined by task id.
