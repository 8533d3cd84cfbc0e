package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.handoff.CreditShares;
import org.zhaoshang.project.ProjectStage;

/**
 * The units' figures of a period from the ledger, the agreements, the tax figures and the task facts.
 * 落地项目数, 内资到位额 and 税收 follow the 三七分成 of moved projects ({@code credit_share}, policy 001);
 * the information-sharing bonus is the unit's own; everything else counts for the project's host unit.
 */
@Repository
class BriefingFiguresQuery {

    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final TaxFigures taxFigures;

    BriefingFiguresQuery(JdbcClient jdbc, WorkingDayCalendar calendar, TaxFigures taxFigures) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.taxFigures = taxFigures;
    }

    List<UnitFigures> figures(List<String> units, LocalDate first, LocalDate last) {
        ZoneId zone = calendar.zone();
        OffsetDateTime from = first.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = last.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Map<String, Acc> acc = new LinkedHashMap<>();
        units.forEach(u -> acc.put(u, new Acc()));

        add(acc, "SELECT origin_unit, COUNT(*) FROM investment_project WHERE created_at >= :from AND created_at < :to GROUP BY origin_unit",
                from, to, (a, v) -> a.newProjects = a.newProjects.add(v));
        stage(acc, reached(ProjectStage.APPROVED), from, to, (a, v) -> a.approved = a.approved.add(v));
        stage(acc, reached(ProjectStage.SIGNED), from, to, (a, v) -> a.signed = a.signed.add(v));
        // 否决 (环保/消防 一票否决) and 不予通过 (论证会 or 常务会议) are different ends and counted apart.
        stage(acc, "h.to_stage = 'VETOED'", from, to, (a, v) -> a.vetoes += v.intValue());
        stage(acc, "h.to_stage = 'REJECTED'", from, to, (a, v) -> a.rejections += v.intValue());
        stage(acc, "h.to_stage = 'LOST'", from, to, (a, v) -> a.lost += v.intValue());
        // 落地 with 三七分成: a moved project counts origin_ratio for the origin and landing_ratio for the landing unit.
        shared(acc, """
                SELECT p.host_unit, cs.origin_unit, cs.origin_ratio, cs.landing_unit, cs.landing_ratio, 1 AS amount
                FROM project_history h JOIN investment_project p ON p.id = h.project_id
                LEFT JOIN credit_share cs ON cs.project_code = p.code
                WHERE h.event_type = 'STAGE_CHANGED' AND %s AND h.occurred_at >= :from AND h.occurred_at < :to"""
                .formatted(reached(ProjectStage.REGISTERED)), from, to, (a, v) -> a.landed = a.landed.add(v));
        add(acc, """
                SELECT p.host_unit, COALESCE(SUM(p.foreign_capital), 0)
                FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE h.event_type = 'STAGE_CHANGED' AND %s AND h.occurred_at >= :from AND h.occurred_at < :to
                GROUP BY p.host_unit""".formatted(reached(ProjectStage.REGISTERED)), from, to,
                (a, v) -> a.foreignCapital = a.foreignCapital.add(v));
        // 内资到位额: 资金到位 milestones verified 达成 in the period, at their reported actual amount.
        shared(acc, """
                SELECT p.host_unit, cs.origin_unit, cs.origin_ratio, cs.landing_unit, cs.landing_ratio, m.actual_value AS amount
                FROM agreement_milestone m JOIN agreement a ON a.id = m.agreement_id JOIN investment_project p ON p.code = a.project_code
                LEFT JOIN credit_share cs ON cs.project_code = p.code
                WHERE m.type = 'FUNDING' AND m.status = 'MET' AND m.verified_at >= :from AND m.verified_at < :to AND m.actual_value IS NOT NULL""",
                from, to, (a, v) -> a.domesticFunds = a.domesticFunds.add(v));
        // 税收: what each project's figures counted in the period (TaxFigures), split like 落地.
        Map<String, BigDecimal> tax = taxFigures.countedIn(from, to);
        if (!tax.isEmpty()) {
            jdbc.sql("""
                    SELECT p.code, p.host_unit, cs.origin_unit, cs.origin_ratio, cs.landing_unit, cs.landing_ratio
                    FROM investment_project p LEFT JOIN credit_share cs ON cs.project_code = p.code WHERE p.code IN (:codes)""")
                    .param("codes", tax.keySet()).query(rs -> {
                        credit(acc, rs, tax.get(rs.getString("code")), (a, v) -> a.tax = a.tax.add(v));
                    });
        }
        // 信息共享加分 (policy 004): the bonus points the unit was granted in the period for projects it passed on.
        add(acc, "SELECT unit, COALESCE(SUM(points), 0) FROM info_sharing_bonus WHERE granted_at >= :from AND granted_at < :to GROUP BY unit",
                from, to, (a, v) -> a.sharingBonus = a.sharingBonus.add(v));
        add(acc, """
                SELECT host_unit, COUNT(*) FROM task_fact
                WHERE due_at >= :from AND due_at < :to AND (ended_at IS NULL OR ended_at > due_at) AND (end_state IS NULL OR end_state = 'COMPLETED')
                GROUP BY host_unit""", from, to, (a, v) -> a.overdueTasks += v.intValue());
        add(acc, """
                SELECT f.host_unit, COUNT(*) FROM task_escalation e JOIN task_fact f ON f.task_id = e.task_id
                WHERE e.escalation_level >= 1 AND e.fired_at >= :from AND e.fired_at < :to GROUP BY f.host_unit""",
                from, to, (a, v) -> a.escalations += v.intValue());
        add(acc, """
                SELECT p.host_unit, COUNT(*) FROM post_evaluation_report r JOIN agreement a ON a.id = r.agreement_id
                JOIN investment_project p ON p.code = a.project_code
                WHERE r.shortfall_flagged = TRUE AND r.reported_at >= :from AND r.reported_at < :to GROUP BY p.host_unit""",
                from, to, (a, v) -> a.evaluationFlags += v.intValue());

        // 单位报送 due in the period: sent (approved by the head) after the due day, or not sent when the briefing is assembled.
        jdbc.sql("SELECT unit, due_date, approved_at FROM unit_report WHERE due_date >= :first AND due_date <= :last")
                .param("first", first).param("last", last).query(rs -> {
                    Acc a = acc.get(rs.getString(1));
                    if (a == null) {
                        return;
                    }
                    OffsetDateTime sent = rs.getObject(3, OffsetDateTime.class);
                    if (sent == null) {
                        a.missingReports++;
                    } else if (sent.atZoneSameInstant(zone).toLocalDate().isAfter(rs.getObject(2, LocalDate.class))) {
                        a.lateReports++;
                    }
                });

        List<UnitFigures> result = new ArrayList<>();
        acc.forEach((unit, a) -> result.add(new UnitFigures(unit, a.newProjects, a.approved, a.signed, a.landed, a.domesticFunds,
                a.foreignCapital, a.overdueTasks, a.escalations, a.vetoes, a.rejections, a.lost, a.evaluationFlags, a.tax,
                a.sharingBonus, a.lateReports, a.missingReports)));
        return result;
    }

    /**
     * The stage change that first takes a project to {@code stage} or beyond on the main line: after
     * signing, milestones may be verified out of order (资金到位 before 注册落地), and such a project has
     * still landed once.
     */
    static String reached(ProjectStage stage) {
        List<String> atOrBeyond = MAIN_LINE.subList(MAIN_LINE.indexOf(stage), MAIN_LINE.size()).stream().map(s -> "'" + s.name() + "'").toList();
        return "h.to_stage IN (%1$s) AND (h.from_stage IS NULL OR h.from_stage NOT IN (%1$s))".formatted(String.join(", ", atOrBeyond));
    }

    private static final List<ProjectStage> MAIN_LINE = List.of(ProjectStage.NEGOTIATING, ProjectStage.UNDER_REVIEW, ProjectStage.APPROVED,
            ProjectStage.SIGNED, ProjectStage.REGISTERED, ProjectStage.FUNDED, ProjectStage.CONSTRUCTION, ProjectStage.OPERATING);

    private void stage(Map<String, Acc> acc, String condition, OffsetDateTime from, OffsetDateTime to, BiConsumer<Acc, BigDecimal> into) {
        add(acc, """
                SELECT p.host_unit, COUNT(*) FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE h.event_type = 'STAGE_CHANGED' AND %s AND h.occurred_at >= :from AND h.occurred_at < :to
                GROUP BY p.host_unit""".formatted(condition), from, to, into);
    }

    private void add(Map<String, Acc> acc, String sql, OffsetDateTime from, OffsetDateTime to, BiConsumer<Acc, BigDecimal> into) {
        jdbc.sql(sql).param("from", from).param("to", to).query(rs -> {
            Acc a = acc.get(rs.getString(1));
            if (a != null) {
                into.accept(a, rs.getBigDecimal(2));
            }
        });
    }

    /** Rows with the project's host unit, its credit share's columns (null when it never moved) and an amount. */
    private void shared(Map<String, Acc> acc, String sql, OffsetDateTime from, OffsetDateTime to, BiConsumer<Acc, BigDecimal> into) {
        jdbc.sql(sql).param("from", from).param("to", to).query(rs -> {
            credit(acc, rs, rs.getBigDecimal("amount"), into);
        });
    }

    /** Credits {@code amount} of the row's project through {@link CreditShares#split} (30/70 when it moved, else all to the host). */
    private static void credit(Map<String, Acc> acc, ResultSet rs, BigDecimal amount, BiConsumer<Acc, BigDecimal> into) throws SQLException {
        String origin = rs.getString("origin_unit");
        Optional<CreditShares.Share> share = origin == null ? Optional.empty()
                : Optional.of(new CreditShares.Share(null, origin, rs.getString("landing_unit"), rs.getBigDecimal("origin_ratio"),
                        rs.getBigDecimal("landing_ratio"), null));
        CreditShares.split(share, rs.getString("host_unit"), amount).forEach((unit, credited) -> {
            Acc a = acc.get(unit);
            if (a != null) {
                into.accept(a, credited);
            }
        });
    }

    private static final class Acc {
        BigDecimal newProjects = BigDecimal.ZERO;
        BigDecimal approved = BigDecimal.ZERO;
        BigDecimal signed = BigDecimal.ZERO;
        BigDecimal landed = BigDecimal.ZERO;
        BigDecimal domesticFunds = BigDecimal.ZERO;
        BigDecimal foreignCapital = BigDecimal.ZERO;
        int overdueTasks;
        int escalations;
        int vetoes;
        int rejections;
        int lost;
        int evaluationFlags;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal sharingBonus = BigDecimal.ZERO;
        int lateReports;
        int missingReports;
    }
}
