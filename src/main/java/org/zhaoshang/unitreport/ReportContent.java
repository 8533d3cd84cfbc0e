package org.zhaoshang.unitreport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.ProjectStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a report holds besides the officer's words: the ledger's rows of the unit's projects for the period (the
 * 《重点招商项目情况表》 is filled from them), the period's figures for the quarterly and annual reports, and the
 * officer's fields by kind, stored as JSON on the report.
 */
@Component
public class ReportContent {

    /** A row of 《重点招商项目情况表》: a project the unit hosts, as the ledger has it, with what moved in the period. */
    public record LedgerRow(String code, String name, String investor, String industry, BigDecimal totalInvestment,
            BigDecimal foreignCapital, String stage, String progress) {
    }

    /** The period's figures of the unit (new projects it registered; signed and landed projects it hosts; 内资到位额). */
    public record Figures(int newProjects, int signed, int landed, BigDecimal domesticFunds) {
    }

    /** The officer's fields of each kind, in the order of the form and the downloads. */
    static final Map<ReportKind, List<Field>> FIELDS = Map.of(
            ReportKind.WEEKLY, List.of(new Field(UnitReportProcess.WEEKLY_NEWS, "本周招商动态", true),
                    new Field(UnitReportProcess.NEXT_WEEK_PLAN, "下周工作安排", false)),
            ReportKind.MONTHLY, List.of(new Field(UnitReportProcess.SITUATION_NOTE, "重点招商项目情况说明", true),
                    new Field(UnitReportProcess.TRACKING_FEEDBACK, "重点招商信息跟踪反馈单", true),
                    new Field(UnitReportProcess.SERVICE_LIST, "重点招商项目服务清单", true)),
            ReportKind.QUARTERLY, List.of(new Field(UnitReportProcess.QUARTER_REPORT, "上季度本单位招商引资情况报告", true)),
            ReportKind.ANNUAL, List.of(new Field(UnitReportProcess.ANNUAL_SUMMARY, "上年度招商引资工作总结", true),
                    new Field(UnitReportProcess.NEXT_YEAR_PLAN, "本年度工作思路安排", true)));

    /** A field of the officer's form. */
    public record Field(String key, String label, boolean required) {
    }

    private static final List<String> ENDED = List.of(ProjectStage.VETOED.name(), ProjectStage.REJECTED.name(), ProjectStage.LOST.name(),
            ProjectStage.TERMINATED.name());
    private static final List<String> SIGNED = List.of(ProjectStage.SIGNED.name(), ProjectStage.REGISTERED.name(), ProjectStage.FUNDED.name(),
            ProjectStage.CONSTRUCTION.name(), ProjectStage.OPERATING.name());
    private static final List<String> LANDED = SIGNED.subList(1, SIGNED.size());

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ZoneId zone;

    ReportContent(JdbcClient jdbc, ObjectMapper json, @Value("${app.time-zone}") String zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.zone = ZoneId.of(zone);
    }

    public static List<Field> fields(ReportKind kind) {
        return FIELDS.get(kind);
    }

    /**
     * The unit's projects for the 情况表: hosted by the unit and still going, or moved in the period (ended in it too), with
     * the period's stage changes as their progress.
     */
    public List<LedgerRow> ledger(String unit, LocalDate first, LocalDate last) {
        OffsetDateTime from = from(first);
        OffsetDateTime to = to(last);
        Map<Long, List<String>> moves = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT h.project_id, h.from_stage, h.to_stage, h.occurred_at FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE p.host_unit = :unit AND h.event_type = 'STAGE_CHANGED' AND h.occurred_at >= :from AND h.occurred_at < :to
                ORDER BY h.occurred_at, h.id""").param("unit", unit).param("from", from).param("to", to).query(rs -> {
                    OffsetDateTime at = rs.getObject(4, OffsetDateTime.class);
                    LocalDate day = at.atZoneSameInstant(zone).toLocalDate();
                    moves.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add("%d月%d日%s".formatted(day.getMonthValue(), day.getDayOfMonth(),
                            stageLabel(rs.getString(3))));
                });
        return jdbc.sql("""
                SELECT id, code, name, investor, industry, total_investment, foreign_capital, stage FROM investment_project
                WHERE host_unit = :unit AND created_at < :to AND (stage NOT IN (:ended) OR id IN (:moved)) ORDER BY code""")
                .param("unit", unit).param("to", to).param("ended", ENDED).param("moved", moves.isEmpty() ? List.of(-1L) : moves.keySet())
                .query((rs, n) -> new LedgerRow(rs.getString("code"), rs.getString("name"), rs.getString("investor"),
                        industryLabel(rs.getString("industry")), rs.getBigDecimal("total_investment"), rs.getBigDecimal("foreign_capital"),
                        stageLabel(rs.getString("stage")), String.join("；", moves.getOrDefault(rs.getLong("id"), List.of())))).list();
    }

    /** The unit's figures of the period, for the quarterly and annual reports' first paragraph. */
    public Figures figures(String unit, LocalDate first, LocalDate last) {
        OffsetDateTime from = from(first);
        OffsetDateTime to = to(last);
        int registered = jdbc.sql("SELECT COUNT(*) FROM investment_project WHERE origin_unit = :unit AND created_at >= :from AND created_at < :to")
                .param("unit", unit).param("from", from).param("to", to).query(Integer.class).single();
        int signed = reached(unit, SIGNED, from, to);
        int landed = reached(unit, LANDED, from, to);
        BigDecimal funds = jdbc.sql("""
                SELECT COALESCE(SUM(m.actual_value), 0) FROM agreement_milestone m JOIN agreement a ON a.id = m.agreement_id
                JOIN investment_project p ON p.code = a.project_code
                WHERE p.host_unit = :unit AND m.type = 'FUNDING' AND m.status = 'MET' AND m.verified_at >= :from AND m.verified_at < :to""")
                .param("unit", unit).param("from", from).param("to", to).query(BigDecimal.class).single();
        return new Figures(registered, signed, landed, funds);
    }

    /** Projects of the unit that first reached one of {@code stages} in the period. */
    private int reached(String unit, List<String> stages, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT h.project_id) FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE p.host_unit = :unit AND h.event_type = 'STAGE_CHANGED' AND h.to_stage IN (:stages)
                AND (h.from_stage IS NULL OR h.from_stage NOT IN (:stages)) AND h.occurred_at >= :from AND h.occurred_at < :to""")
                .param("unit", unit).param("stages", stages).param("from", from).param("to", to).query(Integer.class).single();
    }

    /** What the officer's form starts with (the ledger's facts to complete), by field; fields not listed start empty. */
    Map<String, String> prefill(ReportKind kind, List<LedgerRow> rows, Figures figures, String periodTitle) {
        Map<String, String> values = new LinkedHashMap<>();
        switch (kind) {
            case MONTHLY -> {
                values.put(UnitReportProcess.TRACKING_FEEDBACK, rows.stream().filter(r -> r.stage().equals(ProjectStage.NEGOTIATING.label())
                        || r.stage().equals(ProjectStage.UNDER_REVIEW.label())).map(r -> r.code() + " " + r.name() + "：跟踪情况——；下一步——")
                        .reduce((a, b) -> a + "\n" + b).orElse(""));
                values.put(UnitReportProcess.SERVICE_LIST, rows.stream().map(r -> r.code() + " " + r.name() + "：服务事项——；责任人——")
                        .reduce((a, b) -> a + "\n" + b).orElse(""));
            }
            case QUARTERLY -> values.put(UnitReportProcess.QUARTER_REPORT, figuresParagraph(periodTitle, figures) + "\n主要工作：\n存在问题：\n下季度打算：");
            case ANNUAL -> values.put(UnitReportProcess.ANNUAL_SUMMARY, figuresParagraph(periodTitle, figures) + "\n主要做法和成效：\n存在问题：");
            default -> {
            }
        }
        return values;
    }

    static String figuresParagraph(String periodTitle, Figures f) {
        return "%s，本单位新增招商项目%d个，签约%d个，落地%d个，内资到位额%s万元（台账数据）。".formatted(periodTitle, f.newProjects(), f.signed(),
                f.landed(), f.domesticFunds().stripTrailingZeros().toPlainString());
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> contentOf(UnitReportRecords.Report report) {
        if (report.content() == null) {
            return Map.of();
        }
        try {
            return json.readValue(report.content(), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable content of report " + report.id(), e);
        }
    }

    public List<LedgerRow> ledgerOf(UnitReportRecords.Report report) {
        if (report.ledger() == null) {
            return List.of();
        }
        try {
            return json.readValue(report.ledger(), new TypeReference<List<LedgerRow>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ledger of report " + report.id(), e);
        }
    }

    private OffsetDateTime from(LocalDate first) {
        return first.atStartOfDay(zone).toOffsetDateTime();
    }

    private OffsetDateTime to(LocalDate last) {
        return last.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }

    private static String stageLabel(String code) {
        return code == null ? "" : ProjectStage.valueOf(code).label();
    }

    private static String industryLabel(String code) {
        return code == null ? "" : Industry.valueOf(code).label();
    }
}
