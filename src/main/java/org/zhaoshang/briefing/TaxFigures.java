package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.system.Labelled;

/**
 * 税收 per project and year (policy 001: 三七分成 of 落地指标、内资到位额、税收), from three sources: an agreement's
 * 年度税收 milestone verified 达成 (its actual value; the year of its due date), a post-evaluation report (its
 * 税收; the year it was reported in) and 合作交流办's own entries for a period while the year has no report.
 * <p>
 * A figure counts in the briefing period it was recorded in, as the change it makes to the project's tax of
 * its year: the latest report of a year stands for the whole year (a later report replaces an earlier one, and
 * any entries of that year), otherwise the latest entry of each period does. So nothing counts twice, and a
 * correction counts as its difference. {@link #FIGURES} is the only place that reads the agreement tables for
 * tax: when post-evaluation changes shape, this query follows it.
 */
@Repository
public class TaxFigures {

    public enum Source implements Labelled {
        MILESTONE("协议年度税收节点"),
        EVALUATION("项目后评价"),
        MANUAL("区合作交流办录入");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        public boolean report() {
            return this != MANUAL;
        }
    }

    /**
     * One figure as recorded, with {@code counted}: the change it made to the project's tax of its year (what
     * the ranking counts in the period of {@code recordedAt}).
     */
    public record Figure(String projectCode, Source source, TaxPeriod period, BigDecimal amount, OffsetDateTime recordedAt, String recordedBy,
            String basis, BigDecimal counted) {
    }

    static final String FIGURES = """
            SELECT a.project_code, 'MILESTONE' AS source, m.due_on AS tax_day, CAST(NULL AS VARCHAR(10)) AS period_label,
                m.actual_value AS amount, m.verified_at AS recorded_at, m.verified_by AS recorded_by, m.title AS basis
            FROM agreement_milestone m JOIN agreement a ON a.id = m.agreement_id
            WHERE m.type = 'ANNUAL_TAX' AND m.status = 'MET' AND m.actual_value IS NOT NULL AND m.verified_at IS NOT NULL
            UNION ALL
            SELECT r.project_code, 'EVALUATION', CAST(NULL AS DATE), CAST(r.report_year AS VARCHAR(10)), r.tax, r.reported_at,
                r.reported_by, CAST(r.year_no AS VARCHAR(10))
            FROM post_evaluation_report r
            UNION ALL
            SELECT t.project_code, 'MANUAL', CAST(NULL AS DATE), t.period_label, t.amount, t.recorded_at, t.recorded_by, t.basis
            FROM project_tax_record t""";

    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;

    TaxFigures(JdbcClient jdbc, WorkingDayCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** The project's figures, oldest first. */
    public List<Figure> ofProject(String code) {
        return counted(read("f.project_code = :code", Map.of("code", code)));
    }

    /** Per project: the tax counted in {@code [from, to)} (may be negative after a correction downwards). */
    public Map<String, BigDecimal> countedIn(OffsetDateTime from, OffsetDateTime to) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (Figure f : counted(read("f.recorded_at < :to", Map.of("to", to)))) {
            if (!f.recordedAt().isBefore(from) && f.counted().signum() != 0) {
                sums.merge(f.projectCode(), f.counted(), BigDecimal::add);
            }
        }
        return sums;
    }

    private List<Figure> read(String condition, Map<String, Object> params) {
        return jdbc.sql("SELECT * FROM (" + FIGURES + ") f WHERE " + condition + " ORDER BY f.recorded_at, f.source").params(params)
                .query((rs, n) -> {
                    Source source = Source.valueOf(rs.getString("source"));
                    OffsetDateTime at = rs.getObject("recorded_at", OffsetDateTime.class);
                    String basis = rs.getString("basis");
                    TaxPeriod period = switch (source) {
                        case MILESTONE -> TaxPeriod.year(rs.getObject("tax_day", LocalDate.class).getYear());
                        // The statistics year: the calendar year in which the evaluation year ends (PostEvaluationQuery).
                        case EVALUATION -> TaxPeriod.year(Integer.parseInt(rs.getString("period_label").strip()));
                        case MANUAL -> TaxPeriod.parse(rs.getString("period_label")).orElseThrow();
                    };
                    if (source == Source.EVALUATION) {
                        basis = "第" + basis + "年后评价";
                    }
                    return new Figure(rs.getString("project_code"), source, period, rs.getBigDecimal("amount"), at, rs.getString("recorded_by"),
                            basis, BigDecimal.ZERO);
                }).list();
    }

    /** Each figure with the change it makes to its project's year (figures in the order they were recorded). */
    static List<Figure> counted(List<Figure> figures) {
        Map<String, Year> years = new HashMap<>();
        List<Figure> result = new ArrayList<>();
        for (Figure f : figures) {
            Year year = years.computeIfAbsent(f.projectCode() + "|" + f.period().year(), k -> new Year());
            BigDecimal before = year.total();
            if (f.source().report()) {
                year.report = f.amount();
            } else {
                year.entries.put(f.period().label(), f.amount());
            }
            result.add(new Figure(f.projectCode(), f.source(), f.period(), f.amount(), f.recordedAt(), f.recordedBy(), f.basis(),
                    year.total().subtract(before)));
        }
        return result;
    }

    /** A project's tax of one year as known so far. */
    private static final class Year {
        BigDecimal report;
        final Map<String, BigDecimal> entries = new LinkedHashMap<>();

        BigDecimal total() {
            return report != null ? report : entries.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
