package org.zhaoshang.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The opinions given in a project's review (评审意见), kept on the case beside the process. */
@Service
public class ReviewRecords {

    public record Opinion(long id, String projectCode, String processInstanceId, String taskId, String step,
            String department, String decision, String comment, String actor, OffsetDateTime givenAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ReviewRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void record(String projectCode, String processInstanceId, String taskId, String step, String department,
            String decision, String comment, String actor) {
        jdbc.sql("""
                INSERT INTO review_opinion (project_code, process_instance_id, task_id, step, department, decision, comment,
                    actor, given_at)
                VALUES (:code, :pi, :task, :step, :department, :decision, :comment, :actor, :at)""")
                .param("code", projectCode).param("pi", processInstanceId).param("task", taskId).param("step", step)
                .param("department", department).param("decision", decision).param("comment", comment)
                .param("actor", actor).param("at", OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS))
                .update();
    }

    /** The opinions with a decision (e.g. 有条件同意) given in any of the process instances, in one query. */
    public List<Opinion> withDecision(java.util.Collection<String> processInstanceIds, String decision) {
        return inInstances(processInstanceIds, "decision", decision);
    }

    /** The opinions of a step (e.g. INDUSTRY) given in any of the process instances, oldest first, in one query. */
    public List<Opinion> ofStep(java.util.Collection<String> processInstanceIds, String step) {
        return inInstances(processInstanceIds, "step", step);
    }

    private List<Opinion> inInstances(java.util.Collection<String> processInstanceIds, String column, String value) {
        if (processInstanceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM review_opinion WHERE process_instance_id IN (:pis) AND " + column + " = :v ORDER BY given_at, id")
                .param("pis", List.copyOf(processInstanceIds)).param("v", value).query(this::opinion).list();
    }

    public List<Opinion> of(String projectCode) {
        return jdbc.sql("SELECT * FROM review_opinion WHERE project_code = :code ORDER BY given_at, id")
                .param("code", projectCode).query(this::opinion).list();
    }

    private Opinion opinion(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Opinion(rs.getLong("id"), rs.getString("project_code"), rs.getString("process_instance_id"), rs.getString("task_id"),
                rs.getString("step"), rs.getString("department"), rs.getString("decision"), rs.getString("comment"), rs.getString("actor"),
                rs.getObject("given_at", OffsetDateTime.class));
    }
}
