package org.zhaoshang.monitoring;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Writes {@code task_fact}: one row per user task, kept current by the task's events. */
@Service
public class TaskFacts {

    public record NewTask(String taskId, String processDefinitionKey, String processDefinitionId, int processVersion,
            String processInstanceId, String taskKey, String taskName, List<String> candidateGroups, String projectCode,
            String hostUnit, String industry, boolean keyProject, String assignee, Date createdAt, Date dueAt) {
    }

    private final JdbcClient jdbc;

    TaskFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void created(NewTask t) {
        OffsetDateTime created = time(t.createdAt());
        jdbc.sql("""
                INSERT INTO task_fact (task_id, process_definition_key, process_definition_id, process_version, process_instance_id,
                    task_key, task_name, department, candidate_groups, project_code, host_unit, industry, key_project, assignee,
                    created_at, claimed_at, due_at)
                VALUES (:id, :key, :defId, :version, :pi, :taskKey, :name, :dept, :groups, :code, :host, :industry, :keyProject,
                    :assignee, :created, :claimed, :due)""")
                .param("id", t.taskId()).param("key", t.processDefinitionKey()).param("defId", t.processDefinitionId())
                .param("version", t.processVersion()).param("pi", t.processInstanceId()).param("taskKey", t.taskKey())
                .param("name", t.taskName()).param("dept", t.candidateGroups().isEmpty() ? null : t.candidateGroups().get(0))
                .param("groups", String.join(",", t.candidateGroups())).param("code", t.projectCode()).param("host", t.hostUnit())
                .param("industry", t.industry()).param("keyProject", t.keyProject()).param("assignee", t.assignee())
                .param("created", created).param("claimed", t.assignee() == null ? null : created).param("due", time(t.dueAt()))
                .update();
    }

    /** The first assignment is the claim (认领); later ones only change the holder. */
    public void assigned(String taskId, String assignee, Date at) {
        jdbc.sql("UPDATE task_fact SET assignee = :assignee, claimed_at = COALESCE(claimed_at, :at) WHERE task_id = :id")
                .param("assignee", assignee).param("at", assignee == null ? null : time(at)).param("id", taskId).update();
    }

    public void dueChanged(String taskId, Date due) {
        jdbc.sql("UPDATE task_fact SET due_at = :due WHERE task_id = :id").param("due", time(due)).param("id", taskId).update();
    }

    public void ended(String taskId, String state, Date at) {
        Optional<OffsetDateTime[]> times = jdbc.sql("SELECT created_at, claimed_at FROM task_fact WHERE task_id = :id").param("id", taskId)
                .query((rs, n) -> new OffsetDateTime[] {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)})
                .optional();
        if (times.isEmpty()) {
            return; // a task created before facts were recorded
        }
        OffsetDateTime end = time(at);
        OffsetDateTime created = times.get()[0];
        OffsetDateTime claimed = times.get()[1] == null ? end : times.get()[1];
        jdbc.sql("""
                UPDATE task_fact SET ended_at = :end, end_state = :state, wait_seconds = :wait, work_seconds = :work, total_seconds = :total
                WHERE task_id = :id""")
                .param("end", end).param("state", state).param("wait", seconds(created, claimed)).param("work", seconds(claimed, end))
                .param("total", seconds(created, end)).param("id", taskId).update();
    }

    private static long seconds(OffsetDateTime from, OffsetDateTime to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
