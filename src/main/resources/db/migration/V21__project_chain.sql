-- A project's 产业链 when it differs from its industry (issue 25 part 1: "from its industry, changeable with a reason");
-- a project without a row belongs to the chain of its industry. The reason goes into the project's history.
CREATE TABLE project_chain (
    project_id  BIGINT        NOT NULL PRIMARY KEY REFERENCES investment_project (id),
    industry    VARCHAR(40)   NOT NULL,
    changed_by  VARCHAR(64)   NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX idx_project_chain_industry ON project_chain (industry);
