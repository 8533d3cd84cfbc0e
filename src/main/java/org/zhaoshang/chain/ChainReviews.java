package org.zhaoshang.chain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.ReportingDay;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.project.Industry;

/**
 * The chains' monthly reviews (产业链月度研判): opened for last month on the first working day of a month, one per chain that
 * has its 分管区领导 and 牵头部门; the lead department's review keeps the figures it saw, its work and its problems; problems
 * it raises wait for the leader's 协调意见.
 */
@Service("chainReviewService")
public class ChainReviews {

    /** Working days a review opened after its reporting day (a late firing, a new installation) still gets. */
    static final int LATE_OPENING_DAYS = 3;

    /** A review as the chain's page and the tasks read it. */
    public record Review(long id, Industry industry, LocalDate month, String leadDepartment, String leader, LocalDate dueDate,
            String processInstanceId, ChainReviewStatus status, String pipeline, String targets, Integer targetsContacted,
            String workSummary, String problems, boolean coordinationRaised, String submittedBy, OffsetDateTime submittedAt,
            String coordinationNote, String coordinatedBy, OffsetDateTime coordinatedAt) {

        /** "2026年11月". */
        public String monthLabel() {
            return month.getYear() + "年" + month.getMonthValue() + "月";
        }
    }

    private final JdbcClient jdbc;
    private final IndustryChains chains;
    private final WorkingDayCalendar calendar;
    private final OrgDirectory directory;

    ChainReviews(JdbcClient jdbc, IndustryChains chains, WorkingDayCalendar calendar, OrgDirectory directory) {
        this.jdbc = jdbc;
        this.chains = chains;
        this.calendar = calendar;
        this.directory = directory;
    }

    /**
     * Opens last month's review of every chain with a leader and a lead department, unless it is open already (a second
     * firing opens nothing; a late one catches up). Due on this month's reporting day (the 5th, or the next working day), or
     * {@value #LATE_OPENING_DAYS} working days after a late opening. Returns the ids opened.
     */
    @Transactional
    public List<Long> openDue(String processInstanceId) {
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        LocalDate month = YearMonth.from(today).minusMonths(1).atDay(1);
        LocalDate due = ReportingDay.of(YearMonth.from(today), calendar);
        if (due.isBefore(today)) {
            due = calendar.plusWorkingDays(today, LATE_OPENING_DAYS);
        }
        List<Long> opened = new ArrayList<>();
        for (Industry industry : IndustryChains.CHAINS) {
            IndustryChains.Leadership lead = chains.leadership(industry);
            if (lead.leader() == null || lead.leadDepartment() == null || find(industry, month).isPresent()) {
                continue;
            }
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO chain_review (industry, period_month, lead_department, leader, due_date, process_instance_id, status, created_at)
                    VALUES (:i, :month, :dept, :leader, :due, :pi, 'OPEN', :now)""")
                    .param("i", industry.name()).param("month", month).param("dept", lead.leadDepartment()).param("leader", lead.leader())
                    .param("due", due).param("pi", processInstanceId).param("now", now()).update(keys, "id");
            opened.add(keys.getKeyAs(Number.class).longValue());
        }
        return opened;
    }

    List<Long> openedBy(String processInstanceId) {
        return jdbc.sql("SELECT id FROM chain_review WHERE process_instance_id = :pi ORDER BY id").param("pi", processInstanceId)
                .query(Long.class).list();
    }

    public Review find(long id) {
        return jdbc.sql("SELECT * FROM chain_review WHERE id = :id").param("id", id).query(ChainReviews::map).optional()
                .orElseThrow(() -> new IllegalStateException("no chain review " + id));
    }

    Optional<Review> find(Industry industry, LocalDate month) {
        return jdbc.sql("SELECT * FROM chain_review WHERE industry = :i AND period_month = :m").param("i", industry.name()).param("m", month)
                .query(ChainReviews::map).optional();
    }

    /** The chain's reviews, newest month first. */
    public List<Review> list(Industry industry, int limit) {
        return jdbc.sql("SELECT * FROM chain_review WHERE industry = :i ORDER BY period_month DESC FETCH FIRST %d ROWS ONLY"
                .formatted(Math.max(limit, 0))).param("i", industry.name()).query(ChainReviews::map).list();
    }

    /**
     * The month's figures and 招商图谱, computed once when the lead department's task opens: its form shows them and the review
     * keeps them as shown.
     */
    @Transactional
    public Review snapshot(long id) {
        Review review = find(id);
        TargetMonth targets = targets(review);
        jdbc.sql("UPDATE chain_review SET pipeline = :pipeline, targets = :targets, targets_contacted = :contacted WHERE id = :id")
                .param("pipeline", pipeline(review)).param("targets", targets.text()).param("contacted", targets.contacted()).param("id", id)
                .update();
        return find(id);
    }

    private String pipeline(Review review) {
        IndustryChains.PeriodFigures figures = chains.periodFigures(review.industry(), review.month(), review.month().plusMonths(1).minusDays(1));
        IndustryChains.Figures month = figures.period();
        IndustryChains.Figures year = figures.yearToDate();
        String stages = month.byStage().entrySet().stream().filter(e -> !IndustryChains.ENDED.contains(e.getKey()))
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining("、"));
        return "在库项目 %d 个%s。%s新登记 %d 个、签约 %d 个、落地 %d 个，内资到位额 %s 万元；本年累计签约 %d 个、落地 %d 个（签约→落地 %s）。".formatted(
                month.inPipeline(), stages.isEmpty() ? "" : "（" + stages + "）", review.monthLabel(), month.registered(), month.signed(),
                month.landed(), month.domesticFunds().stripTrailingZeros().toPlainString(), year.signed(), year.landed(),
                year.conversionPercent() == null ? "—" : year.conversionPercent() + "%");
    }

    /** The 招商图谱 now and its moves in the month. */
    record TargetMonth(String text, int contacted) {
    }

    private TargetMonth targets(Review review) {
        Map<ChainTargetStatus, Integer> byStatus = new EnumMap<>(ChainTargetStatus.class);
        List<IndustryChains.Target> all = chains.targets(review.industry());
        all.forEach(t -> byStatus.merge(t.status(), 1, Integer::sum));
        OffsetDateTime from = review.month().atStartOfDay(calendar.zone()).toOffsetDateTime();
        OffsetDateTime to = review.month().plusMonths(1).atStartOfDay(calendar.zone()).toOffsetDateTime();
        record Move(long company, String name, String from, String to, String note) {
        }
        List<Move> moves = jdbc.sql("""
                SELECT c.id, c.name, e.from_status, e.to_status, e.note FROM chain_target_event e JOIN chain_target_company c ON c.id = e.company_id
                WHERE c.industry = :i AND e.occurred_at >= :from AND e.occurred_at < :to ORDER BY e.occurred_at, e.id""")
                .param("i", review.industry().name()).param("from", from).param("to", to)
                .query((rs, n) -> new Move(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).list();
        int contacted = (int) moves.stream().filter(m -> !ChainTargetStatus.NOT_CONTACTED.name().equals(m.to())).map(Move::company).distinct().count();
        StringBuilder text = new StringBuilder("招商图谱 %d 家：%s。%s接触推进 %d 家".formatted(all.size(),
                byStatus.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining("、")),
                review.monthLabel(), contacted));
        if (moves.isEmpty()) {
            text.append("，图谱无变化。");
        } else {
            text.append("：");
            text.append(moves.stream().map(m -> "%s %s→%s（%s）".formatted(m.name(), m.from() == null ? "列入" : ChainTargetStatus.valueOf(m.from()).label(),
                    ChainTargetStatus.valueOf(m.to()).label(), m.note() == null ? "" : m.note())).collect(Collectors.joining("；"))).append("。");
        }
        return new TargetMonth(text.toString(), contacted);
    }

    /** Last month's problems and the leader's answer, for this month's form; empty when there were none. */
    String lastMonth(Review review) {
        return find(review.industry(), review.month().minusMonths(1)).filter(r -> r.problems() != null).map(r -> "上月（%s）提出的问题：%s%s".formatted(
                r.monthLabel(), r.problems(), r.coordinationNote() == null ? (r.coordinationRaised() ? "；分管区领导尚未协调。" : "；未提请协调。")
                        : "；分管区领导" + directory.personName(r.coordinatedBy()) + "协调意见：" + r.coordinationNote()))
                .orElse("");
    }

    /** The lead department's review: what was done (required), problems, and whether they go to the leader (then required). */
    @Transactional
    public Review submit(long id, String actor, String workSummary, String problems, boolean raise) {
        Review review = find(id);
        if (review.status() != ChainReviewStatus.OPEN) {
            throw new TaskInputRejected("本月研判已提交");
        }
        if (workSummary == null) {
            throw new TaskInputRejected("请填写本月工作进展");
        }
        if (raise && problems == null) {
            throw new TaskInputRejected("提请分管区领导协调，须写明存在的问题");
        }
        jdbc.sql("""
                UPDATE chain_review SET status = :status, work_summary = :work, problems = :problems, coordination_raised = :raise,
                    submitted_by = :by, submitted_at = :at
                WHERE id = :id AND status = 'OPEN'""")
                .param("status", (raise ? ChainReviewStatus.COORDINATING : ChainReviewStatus.DONE).name()).param("work", workSummary)
                .param("problems", problems).param("raise", raise).param("by", actor).param("at", now()).param("id", id).update();
        return find(id);
    }

    /** The leader's 协调意见 (required) closes the review. */
    @Transactional
    public Review coordinate(long id, String actor, String note) {
        Review review = find(id);
        if (review.status() != ChainReviewStatus.COORDINATING) {
            throw new TaskInputRejected("本月研判没有待协调的问题");
        }
        if (note == null) {
            throw new TaskInputRejected("请填写协调意见");
        }
        jdbc.sql("""
                UPDATE chain_review SET status = 'DONE', coordination_note = :note, coordinated_by = :by, coordinated_at = :at
                WHERE id = :id AND status = 'COORDINATING'""").param("note", note).param("by", actor).param("at", now()).param("id", id).update();
        return find(id);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(calendar.now(), calendar.zone()).truncatedTo(ChronoUnit.MICROS);
    }

    private static Review map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Review(rs.getLong("id"), Industry.valueOf(rs.getString("industry")), rs.getObject("period_month", LocalDate.class),
                rs.getString("lead_department"), rs.getString("leader"), rs.getObject("due_date", LocalDate.class), rs.getString("process_instance_id"),
                ChainReviewStatus.valueOf(rs.getString("status")), rs.getString("pipeline"), rs.getString("targets"),
                (Integer) rs.getObject("targets_contacted"), rs.getString("work_summary"), rs.getString("problems"), rs.getBoolean("coordination_raised"),
                rs.getString("submitted_by"), rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("coordination_note"),
                rs.getString("coordinated_by"), rs.getObject("coordinated_at", OffsetDateTime.class));
    }
}
