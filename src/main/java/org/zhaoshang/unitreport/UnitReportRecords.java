package org.zhaoshang.unitreport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The reports' rows ({@code unit_report}) and their steps ({@code unit_report_event}). */
@Repository
public class UnitReportRecords {

    /** One report of one unit for one period. {@code approvedAt} is when it was sent (报送), the time that counts. */
    public record Report(long id, ReportKind kind, String periodLabel, LocalDate periodStart, LocalDate periodEnd, String unit,
            LocalDate dueDate, ReportStatus status, String processInstanceId, String content, String ledger, String draftedBy,
            OffsetDateTime draftedAt, String approver, String approvedBy, OffsetDateTime approvedAt, String receivedBy,
            OffsetDateTime receivedAt, OffsetDateTime openedAt) {

        public String title() {
            return ReportPeriod.title(kind, periodLabel, periodStart, periodEnd);
        }
    }

    /** A step on a report, for its timeline. */
    public record Event(String action, String actor, String note, OffsetDateTime occurredAt) {

        public String label() {
            return switch (action) {
                case "DRAFTED" -> "起草提交";
                case "APPROVED" -> "审定同意并报送";
                case "RETURNED_BY_HEAD" -> "负责人退回修改";
                case "RECEIVED" -> "合作交流办签收";
                case "RETURNED_BY_OFFICE" -> "合作交流办退回补正";
                default -> action;
            };
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    UnitReportRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** Opens the unit's report for the period and returns its id; empty when it is open already (it keeps its instance). */
    Optional<Long> open(ReportPeriod period, String unit, String processInstanceId) {
        if (find(period.kind(), period.label(), unit).isPresent()) {
            return Optional.empty();
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO unit_report (kind, period_label, period_start, period_end, unit, due_date, status, process_instance_id, opened_at)
                VALUES (:kind, :label, :first, :last, :unit, :due, 'OPEN', :pi, :now)""")
                .param("kind", period.kind().name()).param("label", period.label()).param("first", period.first()).param("last", period.last())
                .param("unit", unit).param("due", period.due()).param("pi", processInstanceId).param("now", now()).update(keys, "id");
        return Optional.of(keys.getKeyAs(Number.class).longValue());
    }

    public Optional<Report> find(long id) {
        return jdbc.sql("SELECT * FROM unit_report WHERE id = :id").param("id", id).query(UnitReportRecords::report).optional();
    }

    Optional<Report> find(ReportKind kind, String periodLabel, String unit) {
        return jdbc.sql("SELECT * FROM unit_report WHERE kind = :kind AND period_label = :label AND unit = :unit")
                .param("kind", kind.name()).param("label", periodLabel).param("unit", unit).query(UnitReportRecords::report).optional();
    }

    /** The reports an instance opened, in the order they were opened (its sub-processes' collection). */
    List<Long> openedBy(String processInstanceId) {
        return jdbc.sql("SELECT id FROM unit_report WHERE process_instance_id = :pi ORDER BY id").param("pi", processInstanceId)
                .query(Long.class).list();
    }

    /** Reports, newest period first; {@code units} empty = all units. */
    public List<Report> list(List<String> units, ReportKind kind, ReportStatus status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM unit_report WHERE 1 = 1");
        if (!units.isEmpty()) {
            sql.append(" AND unit IN (:units)");
        }
        if (kind != null) {
            sql.append(" AND kind = :kind");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        sql.append(" ORDER BY due_date DESC, kind, unit FETCH FIRST ").append(Math.max(limit, 0)).append(" ROWS ONLY");
        var statement = jdbc.sql(sql.toString());
        if (!units.isEmpty()) {
            statement = statement.param("units", units);
        }
        if (kind != null) {
            statement = statement.param("kind", kind.name());
        }
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        return statement.query(UnitReportRecords::report).list();
    }

    void drafted(long id, String content, String ledger, String approver, String actor) {
        OffsetDateTime now = now();
        jdbc.sql("""
                UPDATE unit_report SET status = 'AWAITING_APPROVAL', content = :content, ledger = :ledger, approver = :approver,
                    drafted_by = :actor, drafted_at = :now, approved_by = NULL, approved_at = NULL WHERE id = :id""")
                .param("content", content).param("ledger", ledger).param("approver", approver).param("actor", actor).param("now", now)
                .param("id", id).update();
        event(id, "DRAFTED", actor, null, now);
    }

    void approved(long id, String actor, String note) {
        OffsetDateTime now = now();
        jdbc.sql("UPDATE unit_report SET status = 'SUBMITTED', approved_by = :actor, approved_at = :now WHERE id = :id")
                .param("actor", actor).param("now", now).param("id", id).update();
        event(id, "APPROVED", actor, note, now);
    }

    void returnedByHead(long id, String actor, String note) {
        jdbc.sql("UPDATE unit_report SET status = 'RETURNED' WHERE id = :id").param("id", id).update();
        event(id, "RETURNED_BY_HEAD", actor, note, now());
    }

    void received(long id, String actor, String note) {
        OffsetDateTime now = now();
        jdbc.sql("UPDATE unit_report SET status = 'RECEIVED', received_by = :actor, received_at = :now WHERE id = :id")
                .param("actor", actor).param("now", now).param("id", id).update();
        event(id, "RECEIVED", actor, note, now);
    }

    /** Sent back for 补正: it is no longer sent; its next approval is the time that counts. */
    void returnedByOffice(long id, String actor, String note) {
        jdbc.sql("UPDATE unit_report SET status = 'RETURNED', approved_by = NULL, approved_at = NULL WHERE id = :id").param("id", id).update();
        event(id, "RETURNED_BY_OFFICE", actor, note, now());
    }

    public List<Event> events(long id) {
        return jdbc.sql("SELECT action, actor, note, occurred_at FROM unit_report_event WHERE report_id = :id ORDER BY occurred_at, id")
                .param("id", id).query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class))).list();
    }

    /** The latest step when it was a return (the officer's form shows why); empty once the report was drafted again. */
    Optional<Event> lastReturn(long id) {
        List<Event> events = events(id);
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1)).filter(e -> e.action().startsWith("RETURNED"));
    }

    private void event(long id, String action, String actor, String note, OffsetDateTime at) {
        jdbc.sql("INSERT INTO unit_report_event (report_id, action, actor, note, occurred_at) VALUES (:id, :action, :actor, :note, :at)")
                .param("id", id).param("action", action).param("actor", actor).param("note", note).param("at", at).update();
    }

    private static Report report(ResultSet rs, int row) throws SQLException {
        return new Report(rs.getLong("id"), ReportKind.valueOf(rs.getString("kind")), rs.getString("period_label"),
                rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class), rs.getString("unit"),
                rs.getObject("due_date", LocalDate.class), ReportStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"),
                rs.getString("content"), rs.getString("ledger"), rs.getString("drafted_by"), rs.getObject("drafted_at", OffsetDateTime.class),
                rs.getString("approver"), rs.getString("approved_by"), rs.getObject("approved_at", OffsetDateTime.class),
                rs.getString("received_by"), rs.getObject("received_at", OffsetDateTime.class), rs.getObject("opened_at", OffsetDateTime.class));
    }
}
