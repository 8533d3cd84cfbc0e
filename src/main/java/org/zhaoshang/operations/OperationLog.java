package org.zhaoshang.operations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;

/** Every task operation, kept for the task's record and written onto the project's timeline (项目动态). */
@Repository
public class OperationLog {

    public record Entry(long id, OperationKind kind, String taskId, String taskKey, String taskName, String processInstanceId,
            String projectCode, String actor, String target, String reason, OffsetDateTime occurredAt) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Clock clock;

    OperationLog(JdbcClient jdbc, ProjectService projects, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
    }

    /** Logs the operation; {@code timeline} is the sentence the project's timeline shows. Returns the entry's id. */
    public long record(OperationKind kind, String taskId, String taskKey, String taskName, String processInstanceId, String projectCode,
            String actor, String target, String reason, String timeline) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO task_operation (kind, task_id, task_key, task_name, process_instance_id, project_code, actor, target, reason, occurred_at)
                VALUES (:kind, :task, :key, :name, :pi, :code, :actor, :target, :reason, :at)""")
                .param("kind", kind.name()).param("task", taskId).param("key", taskKey).param("name", taskName).param("pi", processInstanceId)
                .param("code", projectCode).param("actor", actor).param("target", target).param("reason", reason)
                .param("at", OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS)).update(keys, "id");
        if (projectCode != null) {
            projects.recordEvent(projectCode, ProjectEventType.TASK_OPERATION, actor, timeline, processInstanceId, taskId);
        }
        return keys.getKeyAs(Number.class).longValue();
    }

    public long record(OperationKind kind, TaskRef task, String actor, String target, String reason, String timeline) {
        return record(kind, task.id(), task.key(), task.name(), task.processInstanceId(), task.projectCode(), actor, target, reason, timeline);
    }

    public List<Entry> ofTask(String taskId) {
        return jdbc.sql("SELECT * FROM task_operation WHERE task_id = :t ORDER BY occurred_at, id").param("t", taskId).query(this::entry).list();
    }

    public List<Entry> ofProcessInstance(String processInstanceId) {
        return jdbc.sql("SELECT * FROM task_operation WHERE process_instance_id = :pi ORDER BY occurred_at, id").param("pi", processInstanceId)
                .query(this::entry).list();
    }

    private Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), OperationKind.valueOf(rs.getString("kind")), rs.getString("task_id"), rs.getString("task_key"),
                rs.getString("task_name"), rs.getString("process_instance_id"), rs.getString("project_code"), rs.getString("actor"),
                rs.getString("target"), rs.getString("reason"), rs.getObject("occurred_at", OffsetDateTime.class));
    }
}
