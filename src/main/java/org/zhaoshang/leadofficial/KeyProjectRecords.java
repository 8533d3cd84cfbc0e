package org.zhaoshang.leadofficial;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 五个一 records of a key project: lead, team, plan and milestones, monthly reports, coordination problems. */
@Service
public class KeyProjectRecords {

    public record Milestone(String title, String responsibleUnit, LocalDate targetDate) {
    }

    public record Report(long id, String period, String progress, BigDecimal fundsArrived, String problems,
            boolean needsCoordination, String reportedBy, OffsetDateTime reportedAt) {
    }

    public record Problem(long id, String description, String status, String resolution, String resolvedBy,
            OffsetDateTime raisedAt, OffsetDateTime resolvedAt) {
    }

    public record Panel(String projectCode, String leadOfficial, String leadDepartment, List<String> teamDepartments,
            String hostContact, String hostContactPhone, String planStatus, String planProblems, List<Milestone> milestones,
            List<Report> reports, List<Problem> problems) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    KeyProjectRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void open(String code, String processInstanceId) {
        int updated = jdbc.sql("UPDATE key_project_lead SET process_instance_id = :pi, updated_at = :now WHERE project_code = :code")
                .param("pi", processInstanceId).param("now", now()).param("code", code).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO key_project_lead (project_code, process_instance_id, updated_at) VALUES (:code, :pi, :now)")
                    .param("code", code).param("pi", processInstanceId).param("now", now()).update();
        }
    }

    @Transactional
    public void lead(String code, String leadOfficial, String leadDepartment) {
        jdbc.sql("UPDATE key_project_lead SET lead_official = :lead, lead_department = :dept, updated_at = :now WHERE project_code = :code")
                .param("lead", leadOfficial).param("dept", leadDepartment).param("now", now()).param("code", code).update();
    }

    @Transactional
    public void team(String code, List<String> departments, String hostContact, String phone) {
        jdbc.sql("""
                UPDATE key_project_lead SET team_departments = :team, host_contact = :contact, host_contact_phone = :phone,
                    updated_at = :now WHERE project_code = :code""")
                .param("team", String.join(",", departments)).param("contact", hostContact).param("phone", phone)
                .param("now", now()).param("code", code).update();
    }

    @Transactional
    public void plan(String code, String milestonesText, List<Milestone> milestones, String problems) {
        jdbc.sql("""
                UPDATE key_project_lead SET plan_milestones = :text, plan_problems = :problems, plan_status = 'DRAFT',
                    updated_at = :now WHERE project_code = :code""")
                .param("text", milestonesText).param("problems", problems).param("now", now()).param("code", code).update();
        jdbc.sql("DELETE FROM key_project_milestone WHERE project_code = :code").param("code", code).update();
        for (Milestone m : milestones) {
            jdbc.sql("INSERT INTO key_project_milestone (project_code, title, responsible_unit, target_date) VALUES (:code, :title, :unit, :date)")
                    .param("code", code).param("title", m.title()).param("unit", m.responsibleUnit()).param("date", m.targetDate()).update();
        }
    }

    @Transactional
    public void planStatus(String code, String status) {
        jdbc.sql("UPDATE key_project_lead SET plan_status = :status, updated_at = :now WHERE project_code = :code")
                .param("status", status).param("now", now()).param("code", code).update();
    }

    /** Records the month's report; returns its id. A second report for the same month replaces nothing: it is refused. */
    @Transactional
    public long report(String code, String period, String progress, BigDecimal funds, String problems, boolean coordination,
            String reportedBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO key_project_report (project_code, period, progress, funds_arrived, problems, needs_coordination,
                    reported_by, reported_at)
                VALUES (:code, :period, :progress, :funds, :problems, :coordination, :by, :now)""")
                .param("code", code).param("period", period).param("progress", progress).param("funds", funds)
                .param("problems", problems).param("coordination", coordination).param("by", reportedBy).param("now", now())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public boolean reported(String code, String period) {
        return jdbc.sql("SELECT COUNT(*) FROM key_project_report WHERE project_code = :code AND period = :period")
                .param("code", code).param("period", period).query(Long.class).single() > 0;
    }

    @Transactional
    public long raiseProblem(String code, long reportId, String description) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO key_project_problem (project_code, report_id, description, status, raised_at) VALUES (:code, :report, :text, 'OPEN', :now)")
                .param("code", code).param("report", reportId).param("text", description).param("now", now()).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public void resolveProblem(long id, String resolution, String by) {
        jdbc.sql("UPDATE key_project_problem SET status = 'RESOLVED', resolution = :resolution, resolved_by = :by, resolved_at = :now WHERE id = :id")
                .param("resolution", resolution).param("by", by).param("now", now()).param("id", id).update();
    }

    public Optional<Panel> panel(String code) {
        return jdbc.sql("SELECT * FROM key_project_lead WHERE project_code = :code").param("code", code)
                .query((rs, n) -> new Panel(code, rs.getString("lead_official"), rs.getString("lead_department"),
                        rs.getString("team_departments") == null ? List.of() : List.of(rs.getString("team_departments").split(",")),
                        rs.getString("host_contact"), rs.getString("host_contact_phone"), rs.getString("plan_status"),
                        rs.getString("plan_problems"), milestones(code), reports(code), problems(code)))
                .optional();
    }

    List<Milestone> milestones(String code) {
        return jdbc.sql("SELECT * FROM key_project_milestone WHERE project_code = :code ORDER BY target_date, id").param("code", code)
                .query((rs, n) -> new Milestone(rs.getString("title"), rs.getString("responsible_unit"), rs.getObject("target_date", LocalDate.class)))
                .list();
    }

    List<Report> reports(String code) {
        return jdbc.sql("SELECT * FROM key_project_report WHERE project_code = :code ORDER BY period DESC").param("code", code)
                .query((rs, n) -> new Report(rs.getLong("id"), rs.getString("period"), rs.getString("progress"), rs.getBigDecimal("funds_arrived"),
                        rs.getString("problems"), rs.getBoolean("needs_coordination"), rs.getString("reported_by"),
                        rs.getObject("reported_at", OffsetDateTime.class)))
                .list();
    }

    List<Problem> problems(String code) {
        return jdbc.sql("SELECT * FROM key_project_problem WHERE project_code = :code ORDER BY id").param("code", code)
                .query((rs, n) -> new Problem(rs.getLong("id"), rs.getString("description"), rs.getString("status"),
                        rs.getString("resolution"), rs.getString("resolved_by"), rs.getObject("raised_at", OffsetDateTime.class),
                        rs.getObject("resolved_at", OffsetDateTime.class)))
                .list();
    }

    /** Parses "事项｜责任单位｜yyyy-MM-dd" lines; every problem is named with its line number. */
    public static List<Milestone> parseMilestones(String text, List<String> errors) {
        List<Milestone> milestones = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s*[｜|]\\s*");
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
                errors.add("第" + number + "行应为：事项｜责任单位｜完成日期");
                continue;
            }
            try {
                milestones.add(new Milestone(parts[0], parts[1], LocalDate.parse(parts[2])));
            } catch (DateTimeParseException e) {
                errors.add("第" + number + "行的完成日期应为 yyyy-MM-dd 格式");
            }
        }
        if (milestones.isEmpty() && errors.isEmpty()) {
            errors.add("请至少填写一个推进节点");
        }
        return milestones;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
