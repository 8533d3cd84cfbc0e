package org.zhaoshang.handoff;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The handoffs of projects: request, each candidate's feedback, outcome, and the bonus of the origin unit. */
@Service
public class HandoffRecords {

    public record Feedback(String unit, String decision, String reason, String actor, OffsetDateTime givenAt) {
    }

    public record Handoff(long id, String projectCode, String originUnit, String reasonCategory, String reasonText,
            String requestedBy, OffsetDateTime requestedAt, String status, String landingUnit, OffsetDateTime cityPushedAt,
            String outcomeReason, List<Feedback> feedback) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    HandoffRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public long open(String code, String processInstanceId, String originUnit, String category, String text, String requestedBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO project_handoff (project_code, process_instance_id, origin_unit, reason_category, reason_text,
                    requested_by, requested_at, status)
                VALUES (:code, :pi, :origin, :category, :text, :by, :now, 'OPEN')""")
                .param("code", code).param("pi", processInstanceId).param("origin", originUnit).param("category", category)
                .param("text", text).param("by", requestedBy).param("now", now()).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public void feedback(long handoffId, String unit, String decision, String reason, String actor) {
        jdbc.sql("DELETE FROM handoff_feedback WHERE handoff_id = :id AND unit = :unit").param("id", handoffId).param("unit", unit).update();
        jdbc.sql("""
                INSERT INTO handoff_feedback (handoff_id, unit, decision, reason, actor, given_at)
                VALUES (:id, :unit, :decision, :reason, :actor, :now)""")
                .param("id", handoffId).param("unit", unit).param("decision", decision).param("reason", reason)
                .param("actor", actor).param("now", now()).update();
    }

    public List<String> accepted(long handoffId) {
        return jdbc.sql("SELECT unit FROM handoff_feedback WHERE handoff_id = :id AND decision = 'ACCEPT' ORDER BY unit")
                .param("id", handoffId).query(String.class).list();
    }

    public List<String> answered(long handoffId) {
        return jdbc.sql("SELECT unit FROM handoff_feedback WHERE handoff_id = :id").param("id", handoffId).query(String.class).list();
    }

    @Transactional
    public void cityPushed(long handoffId) {
        jdbc.sql("UPDATE project_handoff SET city_pushed_at = :now WHERE id = :id").param("now", now()).param("id", handoffId).update();
    }

    @Transactional
    public void close(long handoffId, String status, String landingUnit, String reason) {
        jdbc.sql("UPDATE project_handoff SET status = :status, landing_unit = :landing, outcome_reason = :reason, closed_at = :now WHERE id = :id")
                .param("status", status).param("landing", landingUnit).param("reason", reason).param("now", now())
                .param("id", handoffId).update();
    }

    @Transactional
    public void bonus(String unit, String code, BigDecimal points) {
        jdbc.sql("INSERT INTO info_sharing_bonus (unit, project_code, points, granted_at) VALUES (:unit, :code, :points, :now)")
                .param("unit", unit).param("code", code).param("points", points).param("now", now()).update();
    }

    public BigDecimal bonusOf(String unit) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM info_sharing_bonus WHERE unit = :unit").param("unit", unit)
                .query(BigDecimal.class).single();
    }

    public List<Handoff> of(String code) {
        return jdbc.sql("SELECT * FROM project_handoff WHERE project_code = :code ORDER BY id").param("code", code)
                .query((rs, n) -> new Handoff(rs.getLong("id"), rs.getString("project_code"), rs.getString("origin_unit"),
                        rs.getString("reason_category"), rs.getString("reason_text"), rs.getString("requested_by"),
                        rs.getObject("requested_at", OffsetDateTime.class), rs.getString("status"), rs.getString("landing_unit"),
                        rs.getObject("city_pushed_at", OffsetDateTime.class), rs.getString("outcome_reason"),
                        feedbackOf(rs.getLong("id"))))
                .list();
    }

    private List<Feedback> feedbackOf(long id) {
        return jdbc.sql("SELECT * FROM handoff_feedback WHERE handoff_id = :id ORDER BY unit").param("id", id)
                .query((rs, n) -> new Feedback(rs.getString("unit"), rs.getString("decision"), rs.getString("reason"),
                        rs.getString("actor"), rs.getObject("given_at", OffsetDateTime.class)))
                .list();
    }

    /** Whether the project has a handoff still in progress. */
    public boolean hasOpen(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM project_handoff WHERE project_code = :code AND status = 'OPEN'").param("code", code)
                .query(Long.class).single() > 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
