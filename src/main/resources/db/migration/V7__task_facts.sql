-- 瓶颈分析: one row per user task, written by the engine's task events (create, claim, complete,
-- delete), with the case's facts at creation (host unit, industry, key project). The dashboard reads
-- only this table and task_escalation, so it stays fast with years of history and does not depend on
-- how long Camunda keeps its own history (history time-to-live / cleanup).

CREATE TABLE task_fact (
    task_id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    process_definition_key VARCHAR(100)  NOT NULL,
    process_definition_id  VARCHAR(64)   NOT NULL,
    process_version        INT           NOT NULL,
    process_instance_id    VARCHAR(64)   NOT NULL,
    task_key               VARCHAR(100)  NOT NULL,
    task_name              VARCHAR(255),
    department             VARCHAR(64),          -- the first candidate group: who is expected to act
    candidate_groups       VARCHAR(1000),
    project_code           VARCHAR(20),
    host_unit              VARCHAR(64),
    industry               VARCHAR(40),
    key_project            BOOLEAN       NOT NULL,
    assignee               VARCHAR(64),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at             TIMESTAMP WITH TIME ZONE,  -- first assignment (认领); null: never claimed
    due_at                 TIMESTAMP WITH TIME ZONE,
    ended_at               TIMESTAMP WITH TIME ZONE,
    end_state              VARCHAR(20),               -- COMPLETED, CANCELLED
    wait_seconds           BIGINT,                    -- created → claimed (or → completed when never claimed)
    work_seconds           BIGINT,                    -- claimed → completed
    total_seconds          BIGINT
);
CREATE INDEX idx_task_fact_process_end ON task_fact (process_definition_key, ended_at);
CREATE INDEX idx_task_fact_process_created ON task_fact (process_definition_key, created_at);
CREATE INDEX idx_task_fact_project ON task_fact (project_code);
CREATE INDEX idx_task_escalation_task ON task_escalation (task_id, escalation_level);
