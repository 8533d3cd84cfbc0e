package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Briefings, their ranked rows, the units' targets, the 约谈 with their reasons and records. */
@Service
public class BriefingRecords {

    public record Briefing(long id, String periodLabel, LocalDate periodStart, LocalDate periodEnd, String quarterLabel, String status,
            String comment, String processInstanceId, OffsetDateTime assembledAt, String publishedBy, OffsetDateTime publishedAt) {

        public boolean published() {
            return "PUBLISHED".equals(status);
        }

        /** e.g. 2026-H1 for the June briefing, 2026-H2 for December's; null otherwise (半年考核). */
        public String halfLabel() {
            return periodStart.getMonthValue() % 6 == 0 ? periodStart.getYear() + "-H" + periodStart.getMonthValue() / 6 : null;
        }

        /** e.g. 2026 for the December briefing (年度排名); null otherwise. */
        public String yearLabel() {
            return periodStart.getMonthValue() == 12 ? Integer.toString(periodStart.getYear()) : null;
        }
    }

    /** A ranked unit; {@code rank} within its group. */
    public record Row(String scope, String group, String unit, int rank, BigDecimal newProjects, BigDecimal approved, BigDecimal signed,
            BigDecimal landed, BigDecimal domesticFunds, BigDecimal foreignCapital, BigDecimal tax, int overdueTasks, int escalations,
            int vetoes, int rejections, int lost, int evaluationFlags, BigDecimal sharingBonus, BigDecimal score, int lateReports, int missingReports) {
    }

    /** Why a unit is interviewed after a briefing (kind LAST_THREE or TARGET_MISSED, scope QUARTER, HALF or YEAR). */
    public record InterviewReason(String unit, String kind, String scope, String detail) {
    }

    public record Interview(long id, long briefingId, String unit, LocalDate interviewDate, String attendees, String measures,
            String interviewedBy, String checkResult, String checkNote, String checkedBy) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    BriefingRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public long insert(String label, LocalDate start, LocalDate end, String quarterLabel, String processInstanceId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO briefing (period_label, period_start, period_end, quarter_label, status, process_instance_id, assembled_at)
                VALUES (:label, :start, :end, :quarter, 'DRAFT', :pi, :now)""")
                .param("label", label).param("start", start).param("end", end).param("quarter", quarterLabel).param("pi", processInstanceId)
                .param("now", now()).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public void insertRows(long briefingId, String scope, BriefingGroup group, List<UnitFigures.Ranked> rows) {
        for (UnitFigures.Ranked r : rows) {
            UnitFigures f = r.figures();
            jdbc.sql("""
                    INSERT INTO briefing_row (briefing_id, scope, unit_group, unit, rank_no, new_projects, approved, signed, landed, domestic_funds,
                        foreign_capital, tax, overdue_tasks, escalations, vetoes, rejections, lost, evaluation_flags, sharing_bonus, score,
                        late_reports, missing_reports)
                    VALUES (:b, :scope, :group, :unit, :rank, :np, :ap, :sg, :ld, :df, :fc, :tax, :od, :es, :vt, :rj, :lo, :ef, :bonus, :score,
                        :late, :missing)""")
                    .param("b", briefingId).param("scope", scope).param("group", group.name()).param("unit", f.unit()).param("rank", r.rank())
                    .param("np", f.newProjects()).param("ap", f.approved()).param("sg", f.signed()).param("ld", f.landed())
                    .param("df", f.domesticFunds()).param("fc", f.foreignCapital()).param("tax", f.tax()).param("od", f.overdueTasks())
                    .param("es", f.escalations()).param("vt", f.vetoes()).param("rj", f.rejections()).param("lo", f.lost())
                    .param("ef", f.evaluationFlags()).param("bonus", f.sharingBonus()).param("score", r.score())
                    .param("late", f.lateReports()).param("missing", f.missingReports()).update();
        }
    }

    public Optional<Briefing> find(long id) {
        return jdbc.sql("SELECT * FROM briefing WHERE id = :id").param("id", id).query(this::briefing).optional();
    }

    public Optional<Briefing> findByLabel(String label) {
        return jdbc.sql("SELECT * FROM briefing WHERE period_label = :l").param("l", label).query(this::briefing).optional();
    }

    public List<Briefing> list(boolean publishedOnly) {
        return jdbc.sql("SELECT * FROM briefing" + (publishedOnly ? " WHERE status = 'PUBLISHED'" : "") + " ORDER BY period_start DESC")
                .query(this::briefing).list();
    }

    /** Every group's ranking of the scope: the streets and parks first, then the departments, each by rank. */
    public List<Row> rows(long briefingId, String scope) {
        return jdbc.sql("SELECT * FROM briefing_row WHERE briefing_id = :b AND scope = :s ORDER BY unit_group, rank_no").param("b", briefingId)
                .param("s", scope).query(BriefingRecords::row).list();
    }

    public List<Row> rows(long briefingId, String scope, BriefingGroup group) {
        return jdbc.sql("SELECT * FROM briefing_row WHERE briefing_id = :b AND scope = :s AND unit_group = :g ORDER BY rank_no")
                .param("b", briefingId).param("s", scope).param("g", group.name()).query(BriefingRecords::row).list();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getString("scope"), rs.getString("unit_group"), rs.getString("unit"), rs.getInt("rank_no"),
                rs.getBigDecimal("new_projects"), rs.getBigDecimal("approved"), rs.getBigDecimal("signed"), rs.getBigDecimal("landed"),
                rs.getBigDecimal("domestic_funds"), rs.getBigDecimal("foreign_capital"), rs.getBigDecimal("tax"), rs.getInt("overdue_tasks"),
                rs.getInt("escalations"), rs.getInt("vetoes"), rs.getInt("rejections"), rs.getInt("lost"), rs.getInt("evaluation_flags"),
                rs.getBigDecimal("sharing_bonus"), rs.getBigDecimal("score"), rs.getInt("late_reports"), rs.getInt("missing_reports"));
    }

    @Transactional
    public void publish(long id, String comment, String user) {
        jdbc.sql("UPDATE briefing SET status = 'PUBLISHED', comment = :c, published_by = :u, published_at = :now WHERE id = :id")
                .param("c", comment).param("u", user).param("now", now()).param("id", id).update();
    }

    // --- targets ---

    public Map<String, Map<BriefingMetric, BigDecimal>> targets(int year) {
        Map<String, Map<BriefingMetric, BigDecimal>> targets = new HashMap<>();
        jdbc.sql("SELECT unit, metric, target FROM unit_target WHERE target_year = :y").param("y", year).query(rs -> {
            targets.computeIfAbsent(rs.getString(1), u -> new EnumMap<>(BriefingMetric.class))
                    .put(BriefingMetric.valueOf(rs.getString(2)), rs.getBigDecimal(3));
        });
        return targets;
    }

    @Transactional
    public void setTarget(String unit, int year, BriefingMetric metric, BigDecimal target, String user) {
        int updated = jdbc.sql("UPDATE unit_target SET target = :t, updated_by = :u, updated_at = :now WHERE unit = :unit AND target_year = :y AND metric = :m")
                .param("t", target).param("u", user).param("now", now()).param("unit", unit).param("y", year).param("m", metric.name()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO unit_target (unit, target_year, metric, target, updated_by, updated_at) VALUES (:unit, :y, :m, :t, :u, :now)")
                    .param("unit", unit).param("y", year).param("m", metric.name()).param("t", target).param("u", user).param("now", now())
                    .update();
        }
    }

    // --- 约谈 ---

    @Transactional
    public void insertReasons(long briefingId, Map<String, List<InterviewRule.Reason>> reasons) {
        reasons.forEach((unit, list) -> {
            for (int i = 0; i < list.size(); i++) {
                InterviewRule.Reason r = list.get(i);
                jdbc.sql("INSERT INTO briefing_interview_reason (briefing_id, unit, seq, kind, scope, detail) VALUES (:b, :u, :seq, :k, :s, :d)")
                        .param("b", briefingId).param("u", unit).param("seq", i + 1).param("k", r.kind().name()).param("s", r.scope())
                        .param("d", r.detail()).update();
            }
        });
    }

    /** The briefing's 约谈 reasons by unit (units by code, reasons in their order). */
    public Map<String, List<InterviewReason>> reasons(long briefingId) {
        Map<String, List<InterviewReason>> reasons = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT * FROM briefing_interview_reason WHERE briefing_id = :b ORDER BY unit, seq").param("b", briefingId)
                .query((rs, n) -> new InterviewReason(rs.getString("unit"), rs.getString("kind"), rs.getString("scope"), rs.getString("detail")))
                .list().forEach(r -> reasons.computeIfAbsent(r.unit(), u -> new java.util.ArrayList<>()).add(r));
        return reasons;
    }

    @Transactional
    public void interview(long briefingId, String unit, LocalDate date, String attendees, String measures, String user) {
        jdbc.sql("""
                INSERT INTO briefing_interview (briefing_id, unit, interview_date, attendees, measures, interviewed_by)
                VALUES (:b, :unit, :d, :a, :m, :u)""")
                .param("b", briefingId).param("unit", unit).param("d", date).param("a", attendees).param("m", measures).param("u", user).update();
    }

    @Transactional
    public void check(long briefingId, String unit, String result, String note, String user) {
        jdbc.sql("UPDATE briefing_interview SET check_result = :r, check_note = :n, checked_by = :u WHERE briefing_id = :b AND unit = :unit")
                .param("r", result).param("n", note).param("u", user).param("b", briefingId).param("unit", unit).update();
    }

    public List<Interview> interviews(long briefingId) {
        return jdbc.sql("SELECT * FROM briefing_interview WHERE briefing_id = :b ORDER BY unit").param("b", briefingId)
                .query((rs, n) -> new Interview(rs.getLong("id"), rs.getLong("briefing_id"), rs.getString("unit"),
                        rs.getObject("interview_date", LocalDate.class), rs.getString("attendees"), rs.getString("measures"),
                        rs.getString("interviewed_by"), rs.getString("check_result"), rs.getString("check_note"), rs.getString("checked_by")))
                .list();
    }

    private Briefing briefing(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Briefing(rs.getLong("id"), rs.getString("period_label"), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), rs.getString("quarter_label"), rs.getString("status"), rs.getString("comment"),
                rs.getString("process_instance_id"), rs.getObject("assembled_at", OffsetDateTime.class), rs.getString("published_by"),
                rs.getObject("published_at", OffsetDateTime.class));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
