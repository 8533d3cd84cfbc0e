package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The agreement tables: agreements, milestones, 督办, amendments, incentives, payments, post-evaluation. */
@Service
public class AgreementRecords {

    public record Agreement(long id, String projectCode, String agreementNo, LocalDate signedOn, String parties,
            BigDecimal totalInvestment, String status, int version, String processInstanceId, String registeredBy,
            OffsetDateTime registeredAt, OffsetDateTime closedAt, String closeReason, LocalDate landedOn) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }

        public String statusLabel() {
            return switch (status) {
                case "ACTIVE" -> "履约中";
                case "FULFILLED" -> "已履约结案";
                case "TERMINATED" -> "已终止";
                default -> status;
            };
        }
    }

    public record Milestone(long id, long agreementId, int position, MilestoneType type, String title, BigDecimal targetValue,
            String targetUnit, LocalDate dueOn, String responsibleUnit, String verifyingDepartment, MilestoneStatus status,
            BigDecimal actualValue, String reportText, String reportedBy, OffsetDateTime reportedAt, String verifiedBy,
            OffsetDateTime verifiedAt, String verificationNote, BigDecimal signedTarget) {

        /** e.g. "资金到位：1,000 万元" */
        public String target() {
            return type.label() + "：" + targetValue.stripTrailingZeros().toPlainString() + " " + targetUnit;
        }

        /** The target differs from the one signed (a district decision changed it). */
        public boolean targetChanged() {
            return signedTarget != null && signedTarget.compareTo(targetValue) != 0;
        }
    }

    /** 例外达成: a met verification below target, awaiting or decided by the department's head. */
    public record MetException(long id, long milestoneId, BigDecimal actualValue, BigDecimal targetValue, String reason,
            String requestedBy, OffsetDateTime requestedAt, String approver, String decision, String decisionNote, String decidedBy,
            OffsetDateTime decidedAt) {

        public boolean pending() {
            return decision == null;
        }

        public String decisionLabel() {
            return decision == null ? "待负责人审批" : "APPROVED".equals(decision) ? "已批准" : "未批准";
        }
    }

    /** 目标变更: 合作交流办's proposal after a miss and the district leaders' decision on it. */
    public record TargetDecision(long id, long milestoneId, BigDecimal oldTarget, BigDecimal newTarget, BigDecimal signedTarget,
            LocalDate newDueOn, String proposalReason, String proposedBy, OffsetDateTime proposedAt, String decision,
            String paymentBasis, String decisionNote, String decidedBy, OffsetDateTime decidedAt) {

        public boolean pending() {
            return decision == null;
        }

        public boolean approved() {
            return "APPROVED".equals(decision);
        }

        public String decisionLabel() {
            return decision == null ? "待区领导决定" : approved() ? "同意变更" : "不同意变更";
        }

        public String paymentBasisLabel() {
            return paymentBasis == null ? "" : "FULL".equals(paymentBasis) ? "全额兑付" : "按完成比例兑付";
        }
    }

    public record Supervision(long id, long milestoneId, OffsetDateTime openedAt, String explanation, String explainedBy,
            String decision, String decisionNote, String decidedBy, OffsetDateTime decidedAt) {
    }

    public record Amendment(long id, long milestoneId, int agreementVersion, String kind, LocalDate oldDueOn, LocalDate newDueOn,
            BigDecimal oldTarget, BigDecimal newTarget, String reason, String amendedBy, OffsetDateTime amendedAt) {
    }

    public record Incentive(long id, long agreementId, String name, BigDecimal cap, List<Long> milestoneIds) {
    }

    public record Payment(long id, long incentiveId, BigDecimal amount, String status, String requestedBy,
            OffsetDateTime requestedAt, String note, String decidedBy, OffsetDateTime decidedAt, String decisionNote,
            String recoveryStatus, BigDecimal recoveredAmount, String recoveryNote) {

        public String statusLabel() {
            return switch (status) {
                case "REQUESTED" -> "审核中";
                case "PAID" -> "已兑付";
                case "REJECTED" -> "未予兑付";
                case "CANCELLED" -> "已撤销（协议终止）";
                default -> status;
            };
        }
    }

    /** A year's 后评价: {@code periodStart}–{@code periodEnd} (inclusive), {@code reportYear} = the year of {@code periodEnd}. */
    public record EvaluationReport(long id, long agreementId, int yearNo, BigDecimal fixedAssetInvestment, int jobs,
            BigDecimal outputValue, BigDecimal tax, String comparison, boolean shortfallFlagged, String note, String reportedBy,
            OffsetDateTime reportedAt, String projectCode, LocalDate periodStart, LocalDate periodEnd, int reportYear) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AgreementRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // --- agreements ---

    @Transactional
    public long insertAgreement(String code, AgreementRegistration r, String user) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO agreement (project_code, agreement_no, signed_on, parties, total_investment, status, version,
                    registered_by, registered_at)
                VALUES (:code, :no, :signed, :parties, :total, 'ACTIVE', 1, :by, :now)""")
                .param("code", code).param("no", r.agreementNo().trim()).param("signed", r.signedOn())
                .param("parties", r.parties().trim()).param("total", r.totalInvestment()).param("by", user).param("now", now())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public long insertMilestone(long agreementId, int position, MilestoneType type, String title, BigDecimal target, String unit,
            LocalDate due, String responsible, String verifying) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO agreement_milestone (agreement_id, position, type, title, target_value, target_unit, due_on,
                    responsible_unit, verifying_department, status, signed_target)
                VALUES (:a, :pos, :type, :title, :target, :unit, :due, :resp, :verif, 'PENDING', :target)""")
                .param("a", agreementId).param("pos", position).param("type", type.name()).param("title", title)
                .param("target", target).param("unit", unit).param("due", due).param("resp", responsible).param("verif", verifying)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public long insertIncentive(long agreementId, String name, BigDecimal cap, List<Long> milestoneIds) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO agreement_incentive (agreement_id, name, cap_amount) VALUES (:a, :name, :cap)")
                .param("a", agreementId).param("name", name).param("cap", cap).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (Long milestone : milestoneIds) {
            jdbc.sql("INSERT INTO incentive_milestone (incentive_id, milestone_id) VALUES (:i, :m)").param("i", id)
                    .param("m", milestone).update();
        }
        return id;
    }

    @Transactional
    public void setProcessInstance(long agreementId, String processInstanceId) {
        jdbc.sql("UPDATE agreement SET process_instance_id = :pi WHERE id = :id").param("pi", processInstanceId)
                .param("id", agreementId).update();
    }

    @Transactional
    public void closeAgreement(long agreementId, String status, String reason) {
        jdbc.sql("UPDATE agreement SET status = :status, closed_at = :now, close_reason = :reason WHERE id = :id")
                .param("status", status).param("now", now()).param("reason", reason).param("id", agreementId).update();
    }

    /** 落地: the first verified 注册落地/资金到位/开工/投产; set once. True when this call set it. */
    @Transactional
    public boolean markLanded(long agreementId, LocalDate day) {
        return jdbc.sql("UPDATE agreement SET landed_on = :day WHERE id = :id AND landed_on IS NULL").param("day", day)
                .param("id", agreementId).update() == 1;
    }

    public Optional<Agreement> agreement(long id) {
        return jdbc.sql("SELECT * FROM agreement WHERE id = :id").param("id", id).query(AgreementRecords::agreement).optional();
    }

    public boolean agreementNoTaken(String agreementNo) {
        return jdbc.sql("SELECT COUNT(*) FROM agreement WHERE agreement_no = :no").param("no", agreementNo.trim())
                .query(Long.class).single() > 0;
    }

    public List<Agreement> agreementsOf(String code) {
        return jdbc.sql("SELECT * FROM agreement WHERE project_code = :code ORDER BY id").param("code", code)
                .query(AgreementRecords::agreement).list();
    }

    public boolean hasActive(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM agreement WHERE project_code = :code AND status = 'ACTIVE'").param("code", code)
                .query(Long.class).single() > 0;
    }

    // --- milestones ---

    public Milestone milestone(long id) {
        return jdbc.sql("SELECT * FROM agreement_milestone WHERE id = :id").param("id", id).query(AgreementRecords::milestone)
                .optional().orElseThrow(() -> new IllegalStateException("No milestone " + id));
    }

    public List<Milestone> milestones(long agreementId) {
        return jdbc.sql("SELECT * FROM agreement_milestone WHERE agreement_id = :a ORDER BY position").param("a", agreementId)
                .query(AgreementRecords::milestone).list();
    }

    @Transactional
    public void report(long milestoneId, BigDecimal actual, String text, String user) {
        jdbc.sql("""
                UPDATE agreement_milestone SET actual_value = :actual, report_text = :text, reported_by = :by, reported_at = :now
                WHERE id = :id""")
                .param("actual", actual).param("text", text).param("by", user).param("now", now()).param("id", milestoneId).update();
    }

    @Transactional
    public void verify(long milestoneId, MilestoneStatus status, String note, String user) {
        jdbc.sql("""
                UPDATE agreement_milestone SET status = :status, verification_note = :note, verified_by = :by, verified_at = :now
                WHERE id = :id""")
                .param("status", status.name()).param("note", note).param("by", user).param("now", now()).param("id", milestoneId)
                .update();
    }

    /** 调整日期 / 重新协商 / 豁免: the new values, the old ones kept as an amendment; the agreement's version +1. */
    @Transactional
    public void amend(Milestone milestone, String kind, LocalDate newDue, BigDecimal newTarget, MilestoneStatus status,
            String reason, String user) {
        jdbc.sql("UPDATE agreement SET version = version + 1 WHERE id = :a").param("a", milestone.agreementId()).update();
        int version = jdbc.sql("SELECT version FROM agreement WHERE id = :a").param("a", milestone.agreementId())
                .query(Integer.class).single();
        LocalDate due = newDue != null ? newDue : milestone.dueOn();
        BigDecimal target = newTarget != null ? newTarget : milestone.targetValue();
        jdbc.sql("""
                INSERT INTO agreement_amendment (agreement_id, milestone_id, agreement_version, kind, old_due_on, new_due_on,
                    old_target, new_target, reason, amended_by, amended_at)
                VALUES (:a, :m, :v, :kind, :oldDue, :newDue, :oldTarget, :newTarget, :reason, :by, :now)""")
                .param("a", milestone.agreementId()).param("m", milestone.id()).param("v", version).param("kind", kind)
                .param("oldDue", milestone.dueOn()).param("newDue", due).param("oldTarget", milestone.targetValue())
                .param("newTarget", target).param("reason", reason).param("by", user).param("now", now()).update();
        // A restarted milestone is reported and verified afresh.
        jdbc.sql("""
                UPDATE agreement_milestone SET due_on = :due, target_value = :target, status = :status,
                    actual_value = NULL, report_text = NULL, reported_by = NULL, reported_at = NULL,
                    verified_by = NULL, verified_at = NULL, verification_note = NULL
                WHERE id = :id""")
                .param("due", due).param("target", target).param("status", status.name()).param("id", milestone.id()).update();
    }

    public List<Amendment> amendments(long agreementId) {
        return jdbc.sql("SELECT * FROM agreement_amendment WHERE agreement_id = :a ORDER BY id").param("a", agreementId)
                .query((rs, n) -> new Amendment(rs.getLong("id"), rs.getLong("milestone_id"), rs.getInt("agreement_version"),
                        rs.getString("kind"), rs.getObject("old_due_on", LocalDate.class), rs.getObject("new_due_on", LocalDate.class),
                        rs.getBigDecimal("old_target"), rs.getBigDecimal("new_target"), rs.getString("reason"),
                        rs.getString("amended_by"), rs.getObject("amended_at", OffsetDateTime.class)))
                .list();
    }

    // --- 督办 ---

    @Transactional
    public void explain(long milestoneId, String explanation, String user) {
        jdbc.sql("""
                INSERT INTO milestone_supervision (milestone_id, opened_at, explanation, explained_by, explained_at)
                VALUES (:m, :now, :text, :by, :now)""")
                .param("m", milestoneId).param("now", now()).param("text", explanation).param("by", user).update();
    }

    @Transactional
    public void decide(long milestoneId, String decision, String note, String user) {
        Long id = jdbc.sql("SELECT MAX(id) FROM milestone_supervision WHERE milestone_id = :m").param("m", milestoneId)
                .query(Long.class).single();
        jdbc.sql("UPDATE milestone_supervision SET decision = :d, decision_note = :note, decided_by = :by, decided_at = :now WHERE id = :id")
                .param("d", decision).param("note", note).param("by", user).param("now", now()).param("id", id).update();
    }

    public Optional<Supervision> latestSupervision(long milestoneId) {
        return jdbc.sql("SELECT * FROM milestone_supervision WHERE milestone_id = :m ORDER BY id DESC").param("m", milestoneId)
                .query((rs, n) -> new Supervision(rs.getLong("id"), rs.getLong("milestone_id"),
                        rs.getObject("opened_at", OffsetDateTime.class), rs.getString("explanation"), rs.getString("explained_by"),
                        rs.getString("decision"), rs.getString("decision_note"), rs.getString("decided_by"),
                        rs.getObject("decided_at", OffsetDateTime.class)))
                .list().stream().findFirst();
    }

    // --- 例外达成 ---

    @Transactional
    public long insertException(Milestone milestone, String reason, String user, String approver) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO milestone_exception (milestone_id, actual_value, target_value, reason, requested_by, requested_at, approver)
                VALUES (:m, :actual, :target, :reason, :by, :now, :approver)""")
                .param("m", milestone.id()).param("actual", milestone.actualValue()).param("target", milestone.targetValue())
                .param("reason", reason).param("by", user).param("now", now()).param("approver", approver).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public void decideException(long exceptionId, boolean approved, String note, String user) {
        jdbc.sql("""
                UPDATE milestone_exception SET decision = :d, decision_note = :note, decided_by = :by, decided_at = :now
                WHERE id = :id AND decision IS NULL""")
                .param("d", approved ? "APPROVED" : "REJECTED").param("note", note).param("by", user).param("now", now())
                .param("id", exceptionId).update();
    }

    public Optional<MetException> latestException(long milestoneId) {
        return exceptions("milestone_id = :id", milestoneId).stream().reduce((first, second) -> second);
    }

    public List<MetException> exceptions(long agreementId) {
        return exceptions("milestone_id IN (SELECT id FROM agreement_milestone WHERE agreement_id = :id)", agreementId);
    }

    private List<MetException> exceptions(String where, long id) {
        return jdbc.sql("SELECT * FROM milestone_exception WHERE " + where + " ORDER BY id").param("id", id)
                .query((rs, n) -> new MetException(rs.getLong("id"), rs.getLong("milestone_id"), rs.getBigDecimal("actual_value"),
                        rs.getBigDecimal("target_value"), rs.getString("reason"), rs.getString("requested_by"),
                        rs.getObject("requested_at", OffsetDateTime.class), rs.getString("approver"), rs.getString("decision"),
                        rs.getString("decision_note"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class)))
                .list();
    }

    // --- 目标变更 (the district's decision) ---

    @Transactional
    public long proposeTargetChange(Milestone milestone, BigDecimal newTarget, LocalDate newDue, String reason, String user) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO milestone_target_decision (milestone_id, old_target, new_target, signed_target, new_due_on,
                    proposal_reason, proposed_by, proposed_at)
                VALUES (:m, :old, :new, :signed, :due, :reason, :by, :now)""")
                .param("m", milestone.id()).param("old", milestone.targetValue()).param("new", newTarget)
                .param("signed", milestone.signedTarget()).param("due", newDue).param("reason", reason).param("by", user)
                .param("now", now()).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional
    public void decideTargetChange(long decisionId, boolean approved, String paymentBasis, String note, String user) {
        jdbc.sql("""
                UPDATE milestone_target_decision SET decision = :d, payment_basis = :basis, decision_note = :note, decided_by = :by,
                    decided_at = :now
                WHERE id = :id AND decision IS NULL""")
                .param("d", approved ? "APPROVED" : "REJECTED").param("basis", approved ? paymentBasis : null).param("note", note)
                .param("by", user).param("now", now()).param("id", decisionId).update();
    }

    public Optional<TargetDecision> latestTargetDecision(long milestoneId) {
        return targetDecisions("milestone_id = :id", milestoneId).stream().reduce((first, second) -> second);
    }

    public List<TargetDecision> targetDecisions(long agreementId) {
        return targetDecisions("milestone_id IN (SELECT id FROM agreement_milestone WHERE agreement_id = :id)", agreementId);
    }

    /**
     * The milestones among {@code milestoneIds} whose target the district changed with the decision to pay in full
     * (the latest approved decision counts): their shortfall against the signed target does not reduce a payment.
     */
    public Set<Long> fullPaymentDecided(List<Long> milestoneIds) {
        Set<Long> full = new HashSet<>();
        for (Long id : milestoneIds) {
            targetDecisions("milestone_id = :id", id).stream().filter(TargetDecision::approved).reduce((first, second) -> second)
                    .filter(d -> "FULL".equals(d.paymentBasis())).ifPresent(d -> full.add(id));
        }
        return full;
    }

    private List<TargetDecision> targetDecisions(String where, long id) {
        return jdbc.sql("SELECT * FROM milestone_target_decision WHERE " + where + " ORDER BY id").param("id", id)
                .query((rs, n) -> new TargetDecision(rs.getLong("id"), rs.getLong("milestone_id"), rs.getBigDecimal("old_target"),
                        rs.getBigDecimal("new_target"), rs.getBigDecimal("signed_target"), rs.getObject("new_due_on", LocalDate.class),
                        rs.getString("proposal_reason"), rs.getString("proposed_by"), rs.getObject("proposed_at", OffsetDateTime.class),
                        rs.getString("decision"), rs.getString("payment_basis"), rs.getString("decision_note"), rs.getString("decided_by"),
                        rs.getObject("decided_at", OffsetDateTime.class)))
                .list();
    }

    // --- incentives and payments ---

    public List<Incentive> incentives(long agreementId) {
        return jdbc.sql("SELECT * FROM agreement_incentive WHERE agreement_id = :a ORDER BY id").param("a", agreementId)
                .query((rs, n) -> new Incentive(rs.getLong("id"), rs.getLong("agreement_id"), rs.getString("name"),
                        rs.getBigDecimal("cap_amount"), unlockingMilestones(rs.getLong("id"))))
                .list();
    }

    /** The incentive, its row locked until the transaction ends: payment requests for it queue here. */
    public Optional<Incentive> lockIncentive(long incentiveId) {
        return jdbc.sql("SELECT * FROM agreement_incentive WHERE id = :id FOR UPDATE").param("id", incentiveId)
                .query((rs, n) -> new Incentive(rs.getLong("id"), rs.getLong("agreement_id"), rs.getString("name"),
                        rs.getBigDecimal("cap_amount"), List.of()))
                .optional().map(i -> new Incentive(i.id(), i.agreementId(), i.name(), i.cap(), unlockingMilestones(i.id())));
    }

    private List<Long> unlockingMilestones(long incentiveId) {
        return jdbc.sql("SELECT milestone_id FROM incentive_milestone WHERE incentive_id = :i ORDER BY milestone_id")
                .param("i", incentiveId).query(Long.class).list();
    }

    /** Sum of an incentive's payments in the given statuses. */
    public BigDecimal sumPayments(long incentiveId, String... statuses) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM incentive_payment WHERE incentive_id = :i AND status IN (:s)")
                .param("i", incentiveId).param("s", List.of(statuses)).query(BigDecimal.class).single();
    }

    @Transactional
    public long insertPayment(long incentiveId, BigDecimal amount, String note, String user) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO incentive_payment (incentive_id, amount, status, requested_by, requested_at, note)
                VALUES (:i, :amount, 'REQUESTED', :by, :now, :note)""")
                .param("i", incentiveId).param("amount", amount).param("by", user).param("now", now()).param("note", note)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Payment payment(long id) {
        return jdbc.sql("SELECT * FROM incentive_payment WHERE id = :id").param("id", id).query(AgreementRecords::payment)
                .optional().orElseThrow(() -> new IllegalStateException("No payment " + id));
    }

    public List<Payment> payments(long agreementId) {
        return jdbc.sql("""
                SELECT p.* FROM incentive_payment p JOIN agreement_incentive i ON i.id = p.incentive_id
                WHERE i.agreement_id = :a ORDER BY p.id""").param("a", agreementId).query(AgreementRecords::payment).list();
    }

    @Transactional
    public void decidePayment(long paymentId, String status, String note, String user) {
        jdbc.sql("""
                UPDATE incentive_payment SET status = :status, decision_note = :note, decided_by = :by, decided_at = :now
                WHERE id = :id AND status = 'REQUESTED'""")
                .param("status", status).param("note", note).param("by", user).param("now", now()).param("id", paymentId).update();
    }

    /** On termination: open requests are cancelled, paid ones are listed for 追回. Returns the paid ones. */
    @Transactional
    public List<Payment> markForRecovery(long agreementId) {
        jdbc.sql("""
                UPDATE incentive_payment SET status = 'CANCELLED', decided_at = :now, decision_note = '协议终止，申请撤销'
                WHERE status = 'REQUESTED' AND incentive_id IN (SELECT id FROM agreement_incentive WHERE agreement_id = :a)""")
                .param("now", now()).param("a", agreementId).update();
        jdbc.sql("""
                UPDATE incentive_payment SET recovery_status = 'TO_RECOVER'
                WHERE status = 'PAID' AND incentive_id IN (SELECT id FROM agreement_incentive WHERE agreement_id = :a)""")
                .param("a", agreementId).update();
        return payments(agreementId).stream().filter(p -> "TO_RECOVER".equals(p.recoveryStatus())).toList();
    }

    @Transactional
    public void recordRecovery(long agreementId, BigDecimal recovered, String note) {
        // The recovered total is recorded against the agreement's paid items in order; a shortfall stays UNRECOVERABLE.
        BigDecimal left = recovered;
        for (Payment payment : payments(agreementId)) {
            if (!"TO_RECOVER".equals(payment.recoveryStatus())) {
                continue;
            }
            BigDecimal part = left.min(payment.amount());
            left = left.subtract(part);
            jdbc.sql("UPDATE incentive_payment SET recovery_status = :s, recovered_amount = :amt, recovery_note = :note WHERE id = :id")
                    .param("s", part.compareTo(payment.amount()) == 0 ? "RECOVERED" : "UNRECOVERABLE").param("amt", part)
                    .param("note", note).param("id", payment.id()).update();
        }
    }

    public long openPaymentRequests(long agreementId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM incentive_payment p JOIN agreement_incentive i ON i.id = p.incentive_id
                WHERE i.agreement_id = :a AND p.status = 'REQUESTED'""").param("a", agreementId).query(Long.class).single();
    }

    // --- post-evaluation ---

    @Transactional
    public void insertEvaluation(long agreementId, String projectCode, int year, LocalDate periodStart, LocalDate periodEnd,
            BigDecimal fixedAssets, int jobs, BigDecimal output, BigDecimal tax, String comparison, boolean flagged, String note,
            String user) {
        jdbc.sql("""
                INSERT INTO post_evaluation_report (agreement_id, project_code, year_no, period_start, period_end, report_year,
                    fixed_asset_investment, jobs, output_value, tax, comparison, shortfall_flagged, note, reported_by, reported_at)
                VALUES (:a, :code, :y, :start, :end, :reportYear, :fa, :jobs, :output, :tax, :cmp, :flag, :note, :by, :now)""")
                .param("a", agreementId).param("code", projectCode).param("y", year).param("start", periodStart)
                .param("end", periodEnd).param("reportYear", periodEnd.getYear()).param("fa", fixedAssets)
                .param("jobs", jobs).param("output", output).param("tax", tax).param("cmp", comparison).param("flag", flagged)
                .param("note", note).param("by", user).param("now", now()).update();
    }

    public List<EvaluationReport> evaluations(long agreementId) {
        return jdbc.sql("SELECT * FROM post_evaluation_report WHERE agreement_id = :a ORDER BY year_no").param("a", agreementId)
                .query(AgreementRecords::evaluation).list();
    }

    /** Every 后评价 report of a statistics year (the year in which its evaluation year ends), by project. */
    public List<EvaluationReport> evaluationsOfYear(int reportYear) {
        return jdbc.sql("SELECT * FROM post_evaluation_report WHERE report_year = :y ORDER BY project_code, year_no")
                .param("y", reportYear).query(AgreementRecords::evaluation).list();
    }

    /** The statistics years that have 后评价 reports, latest first. */
    public List<Integer> evaluationYears() {
        return jdbc.sql("SELECT DISTINCT report_year FROM post_evaluation_report ORDER BY report_year DESC").query(Integer.class).list();
    }

    private static EvaluationReport evaluation(ResultSet rs, int n) throws SQLException {
        return new EvaluationReport(rs.getLong("id"), rs.getLong("agreement_id"), rs.getInt("year_no"),
                rs.getBigDecimal("fixed_asset_investment"), rs.getInt("jobs"), rs.getBigDecimal("output_value"),
                rs.getBigDecimal("tax"), rs.getString("comparison"), rs.getBoolean("shortfall_flagged"), rs.getString("note"),
                rs.getString("reported_by"), rs.getObject("reported_at", OffsetDateTime.class), rs.getString("project_code"),
                rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class), rs.getInt("report_year"));
    }

    private static Agreement agreement(ResultSet rs, int n) throws SQLException {
        return new Agreement(rs.getLong("id"), rs.getString("project_code"), rs.getString("agreement_no"),
                rs.getObject("signed_on", LocalDate.class), rs.getString("parties"), rs.getBigDecimal("total_investment"),
                rs.getString("status"), rs.getInt("version"), rs.getString("process_instance_id"), rs.getString("registered_by"),
                rs.getObject("registered_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                rs.getString("close_reason"), rs.getObject("landed_on", LocalDate.class));
    }

    private static Milestone milestone(ResultSet rs, int n) throws SQLException {
        return new Milestone(rs.getLong("id"), rs.getLong("agreement_id"), rs.getInt("position"),
                MilestoneType.valueOf(rs.getString("type")), rs.getString("title"), rs.getBigDecimal("target_value"),
                rs.getString("target_unit"), rs.getObject("due_on", LocalDate.class), rs.getString("responsible_unit"),
                rs.getString("verifying_department"), MilestoneStatus.valueOf(rs.getString("status")), rs.getBigDecimal("actual_value"),
                rs.getString("report_text"), rs.getString("reported_by"), rs.getObject("reported_at", OffsetDateTime.class),
                rs.getString("verified_by"), rs.getObject("verified_at", OffsetDateTime.class), rs.getString("verification_note"),
                rs.getBigDecimal("signed_target") != null ? rs.getBigDecimal("signed_target") : rs.getBigDecimal("target_value"));
    }

    private static Payment payment(ResultSet rs, int n) throws SQLException {
        return new Payment(rs.getLong("id"), rs.getLong("incentive_id"), rs.getBigDecimal("amount"), rs.getString("status"),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class), rs.getString("note"),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_note"),
                rs.getString("recovery_status"), rs.getBigDecimal("recovered_amount"), rs.getString("recovery_note"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
