package org.zhaoshang.agreement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.Times;

/**
 * {@code ${agreements…}} in 协议分阶段跟踪: dates, candidate groups, the text the forms show and the
 * decisions the gateways take, all read from the agreement tables through the references the process
 * holds ({@code agreementId}, {@code milestoneId}, {@code paymentId}), so a rescheduled milestone or an
 * amended target is what the next task shows.
 */
@Component("agreements")
public class AgreementExpressions {

    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final ProjectService projects;
    private final OrgDirectory directory;
    private final WorkingDayCalendar calendar;
    private final AgreementProperties properties;

    AgreementExpressions(AgreementRecords records, EvidenceService evidence, ProjectService projects, OrgDirectory directory,
            WorkingDayCalendar calendar, AgreementProperties properties) {
        this.records = records;
        this.evidence = evidence;
        this.projects = projects;
        this.directory = directory;
        this.calendar = calendar;
        this.properties = properties;
    }

    // --- a milestone's follow-up ---

    /** The report task opens report-window-days working days before the due date (09:00), at once if that has passed. */
    public Date reportWindowOpens(DelegateExecution execution) {
        LocalDate day = calendar.minusWorkingDays(milestone(execution).dueOn(), properties.reportWindowDays());
        return Date.from(calendar.reminderTimeOf(day).toInstant());
    }

    /** End of the milestone's due day (18:00). */
    public Date milestoneDue(DelegateExecution execution) {
        return Date.from(calendar.endOf(milestone(execution).dueOn()).toInstant());
    }

    public String responsibleUnit(DelegateExecution execution) {
        return milestone(execution).responsibleUnit();
    }

    public String verifyingDepartment(DelegateExecution execution) {
        return milestone(execution).verifyingDepartment();
    }

    /** The project's host unit now (it explains a missed milestone). */
    public String hostUnit(DelegateExecution execution) {
        return projects.find(execution.getProcessBusinessKey()).orElseThrow().hostUnit();
    }

    public String milestoneSummary(DelegateExecution execution) {
        AgreementRecords.Milestone m = milestone(execution);
        AgreementRecords.Agreement a = agreement(execution);
        StringBuilder text = new StringBuilder("**项目：%s %s**  \n协议：%s（签约 %s）  \n履约节点%d：%s；目标 %s%s；完成时限 %s  \n责任单位：%s；核验部门：%s；状态：%s"
                .formatted(a.projectCode(), projectName(a.projectCode()), a.agreementNo(), a.signedOn(), m.position(), m.title(),
                        m.target(), m.targetChanged() ? "（签约目标 " + PaymentRules.plain(m.signedTarget()) + "，经区领导决定变更）" : "",
                        m.dueOn(), directory.unitName(m.responsibleUnit()), directory.unitName(m.verifyingDepartment()),
                        m.status().label()));
        records.latestSupervision(m.id()).ifPresent(s -> {
            text.append("  \n督办：").append(s.explanation() == null ? "待说明" : s.explanation());
            if (s.decision() != null) {
                text.append("（").append(decisionLabel(s.decision())).append("：").append(s.decisionNote()).append("）");
            }
        });
        return text.toString();
    }

    /** What the responsible unit reported and the evidence, with download links, for the verifier. */
    public String evidenceSummary(DelegateExecution execution) {
        return evidenceText(milestone(execution));
    }

    String evidenceText(AgreementRecords.Milestone m) {
        StringBuilder text = new StringBuilder();
        if (m.reportedAt() != null) {
            text.append("报送实际值：").append(m.actualValue() == null ? "—" : PaymentRules.plain(m.actualValue())).append(" ")
                    .append(m.targetUnit()).append("（目标 ").append(PaymentRules.plain(m.targetValue())).append(" ").append(m.targetUnit())
                    .append(MilestoneVerification.reachesTarget(m.actualValue(), m.targetValue()) ? "，已达到目标）"
                            : "，**低于目标**：只能核验为未达成，或说明理由申请例外达成）")
                    .append("  \n履约情况：").append(m.reportText()).append("  \n");
        }
        List<EvidenceService.Evidence> items = evidence.of(m.id());
        if (items.isEmpty()) {
            return text.append("佐证材料：暂无（请在项目页面上传）").toString();
        }
        text.append("佐证材料：");
        text.append(items.stream().map(e -> "FILE".equals(e.kind())
                ? "[%s](/api/evidence/%d)".formatted(e.fileName().replace("]", ")").replace("[", "("), e.id())
                : "[链接](%s)".formatted(e.url())).collect(Collectors.joining("；")));
        return text.toString();
    }

    public boolean met(DelegateExecution execution) {
        return milestone(execution).status() == MilestoneStatus.MET;
    }

    // --- 例外达成 (the department head approves a met verification below target) ---

    public boolean exceptionPending(DelegateExecution execution) {
        return records.latestException(milestone(execution).id()).filter(AgreementRecords.MetException::pending).isPresent();
    }

    /** The person who decides the pending exception: the verifying department's head (or the head's supervisor). */
    public String exceptionApprover(DelegateExecution execution) {
        return records.latestException(milestone(execution).id()).orElseThrow().approver();
    }

    /** The approver's own unit, so that the task is in the approver's group as well as assigned to them. */
    public String exceptionApproverGroup(DelegateExecution execution) {
        String approver = exceptionApprover(execution);
        return directory.findProfile(approver).map(p -> p.unitCode()).orElse(milestone(execution).verifyingDepartment());
    }

    public String exceptionSummary(DelegateExecution execution) {
        AgreementRecords.MetException e = records.latestException(milestone(execution).id()).orElseThrow();
        return "**例外达成申请**：%s（%s）申请在实际值 %s 低于目标 %s 的情况下核验为达成。  \n理由：%s".formatted(
                directory.personName(e.requestedBy()), Times.localDate(e.requestedAt()), PaymentRules.plain(e.actualValue()),
                PaymentRules.plain(e.targetValue()), e.reason());
    }

    // --- 目标变更 (the district's decision) ---

    public boolean targetChangePending(DelegateExecution execution) {
        return records.latestTargetDecision(milestone(execution).id()).filter(AgreementRecords.TargetDecision::pending).isPresent();
    }

    public boolean targetChangeApproved(DelegateExecution execution) {
        return records.latestTargetDecision(milestone(execution).id()).filter(AgreementRecords.TargetDecision::approved).isPresent();
    }

    public String targetChangeSummary(DelegateExecution execution) {
        AgreementRecords.Milestone m = milestone(execution);
        AgreementRecords.TargetDecision d = records.latestTargetDecision(m.id()).orElseThrow();
        String incentives = records.incentives(m.agreementId()).stream().filter(i -> i.milestoneIds().contains(m.id()))
                .map(i -> "「" + i.name() + "」（上限 " + PaymentRules.plain(i.cap()) + " 万元）").collect(Collectors.joining("、"));
        return ("**目标变更申请**（%s，%s）：目标由 %s 变更为 %s %s，新的完成时限 %s；协议签订时目标 %s %s。  \n理由：%s  \n"
                + "该节点解锁的奖励：%s。同意变更后，除非决定全额兑付，奖励按实际完成值与签约目标之比兑付。").formatted(
                directory.personName(d.proposedBy()), Times.localDate(d.proposedAt()), PaymentRules.plain(d.oldTarget()),
                PaymentRules.plain(d.newTarget()), m.targetUnit(), d.newDueOn(), PaymentRules.plain(d.signedTarget()), m.targetUnit(),
                d.proposalReason(), incentives.isEmpty() ? "无" : incentives);
    }

    /** 督办 decision on the missed milestone: RESCHEDULE, RENEGOTIATE, WAIVE or TERMINATE. */
    public String shortfallDecision(DelegateExecution execution) {
        return records.latestSupervision(milestone(execution).id()).map(AgreementRecords.Supervision::decision).orElse("");
    }

    // --- the agreement ---

    public boolean terminated(DelegateExecution execution) {
        return "TERMINATED".equals(agreement(execution).status());
    }

    public boolean anyToRecover(DelegateExecution execution) {
        return records.payments(agreementId(execution)).stream().anyMatch(p -> "TO_RECOVER".equals(p.recoveryStatus()));
    }

    public String recoverySummary(DelegateExecution execution) {
        AgreementRecords.Agreement a = agreement(execution);
        List<AgreementRecords.Incentive> incentives = records.incentives(a.id());
        String items = records.payments(a.id()).stream().filter(p -> "TO_RECOVER".equals(p.recoveryStatus()))
                .map(p -> "%s %s 万元（%s 兑付）".formatted(incentiveName(incentives, p.incentiveId()), PaymentRules.plain(p.amount()),
                        p.decidedAt() == null ? "" : Times.localDate(p.decidedAt())))
                .collect(Collectors.joining("；"));
        return "**项目：%s %s**  \n协议 %s 已终止：%s  \n待追回：%s".formatted(a.projectCode(), projectName(a.projectCode()),
                a.agreementNo(), a.closeReason(), items);
    }

    public String agreementSummary(DelegateExecution execution) {
        AgreementRecords.Agreement a = agreement(execution);
        String lines = records.milestones(a.id()).stream()
                .map(m -> "%d. %s（%s）：%s".formatted(m.position(), m.title(), m.target(), m.status().label()))
                .collect(Collectors.joining("  \n"));
        return "**项目：%s %s**  \n协议：%s  \n%s".formatted(a.projectCode(), projectName(a.projectCode()), a.agreementNo(), lines);
    }

    // --- payments ---

    public String paymentSummary(DelegateExecution execution) {
        AgreementRecords.Payment p = records.payment(paymentId(execution));
        AgreementRecords.Agreement a = agreement(execution);
        AgreementRecords.Incentive incentive = records.incentives(a.id()).stream().filter(i -> i.id() == p.incentiveId())
                .findFirst().orElseThrow();
        String unlocking = incentive.milestoneIds().stream().map(records::milestone)
                .map(m -> m.title() + "（" + m.status().label() + "）").collect(Collectors.joining("、"));
        return "**项目：%s %s**  \n协议：%s；奖励条款：%s（上限 %s 万元）  \n本次申请：%s 万元；已兑付：%s 万元  \n解锁节点：%s  \n申请人：%s；说明：%s  \n已通过超前、超额、超范围兑付检查。"
                .formatted(a.projectCode(), projectName(a.projectCode()), a.agreementNo(), incentive.name(),
                        PaymentRules.plain(incentive.cap()), PaymentRules.plain(p.amount()),
                        PaymentRules.plain(records.sumPayments(incentive.id(), "PAID")), unlocking, directory.personName(p.requestedBy()),
                        p.note() == null ? "—" : p.note());
    }

    public boolean paymentApproved(DelegateExecution execution) {
        return "PAID".equals(records.payment(paymentId(execution)).status());
    }

    // --- post-evaluation (后评价, policy 001: 从项目落地到运营五年) ---

    /** The project has landed (its first 注册落地/资金到位/开工/投产 verified): the five-year post-evaluation starts. */
    public boolean landed(DelegateExecution execution) {
        return agreement(execution).landedOn() != null;
    }

    /** Year k opens on the k-th anniversary of landing (09:00 of the working day on or after it). */
    public Date evaluationOpensAfterLanding(DelegateExecution execution) {
        return opensOn(agreement(execution).landedOn().plusYears(evaluationYear(execution)));
    }

    /** Versions before issue 21 (instances still running): post-evaluation from the verified 投产. */
    public boolean productionStarted(DelegateExecution execution) {
        return operationVerifiedAt(execution) != null;
    }

    /** Versions before issue 21: year k opens on the k-th anniversary of the verified 投产. */
    public Date evaluationOpensAt(DelegateExecution execution) {
        return opensOn(Times.localDate(operationVerifiedAt(execution)).plusYears(evaluationYear(execution)));
    }

    /** The day the five years count from: landing, or 投产 in a process version from before issue 21. */
    LocalDate evaluationStart(DelegateExecution execution) {
        boolean fromLanding = execution.getBpmnModelInstance().getModelElementById(AgreementProcess.EVALUATION_START) != null;
        return fromLanding ? agreement(execution).landedOn() : Times.localDate(operationVerifiedAt(execution));
    }

    private Date opensOn(LocalDate day) {
        return Date.from(calendar.reminderTimeOf(calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day)).toInstant());
    }

    /** The year the next report is for (1 … evaluation-years). */
    public int evaluationYear(DelegateExecution execution) {
        return records.evaluations(agreementId(execution)).size() + 1;
    }

    public boolean evaluationDone(DelegateExecution execution) {
        return records.evaluations(agreementId(execution)).size() >= properties.evaluationYears();
    }

    public String evaluationSummary(DelegateExecution execution) {
        AgreementRecords.Agreement a = agreement(execution);
        int year = evaluationYear(execution);
        LocalDate start = evaluationStart(execution);
        return "**项目：%s %s**  \n第 %d 年（共 %d 年，%s 至 %s）后评价，自%s（%s）起计。协议目标：%s".formatted(a.projectCode(),
                projectName(a.projectCode()), year, properties.evaluationYears(), start.plusYears(year - 1L),
                start.plusYears(year).minusDays(1), start.equals(a.landedOn()) ? "项目落地" : "投产", start,
                EvaluationComparison.targetsText(records.milestones(a.id())));
    }

    private OffsetDateTime operationVerifiedAt(DelegateExecution execution) {
        return records.milestones(agreementId(execution)).stream()
                .filter(m -> m.type() == MilestoneType.OPERATION && m.status() == MilestoneStatus.MET)
                .map(AgreementRecords.Milestone::verifiedAt).findFirst().orElse(null);
    }

    // --- references ---

    private AgreementRecords.Milestone milestone(DelegateExecution execution) {
        return records.milestone(((Number) execution.getVariable(AgreementProcess.MILESTONE_ID)).longValue());
    }

    private AgreementRecords.Agreement agreement(DelegateExecution execution) {
        return records.agreement(agreementId(execution)).orElseThrow();
    }

    static long agreementId(DelegateExecution execution) {
        return ((Number) execution.getVariable(AgreementProcess.AGREEMENT_ID)).longValue();
    }

    private static long paymentId(DelegateExecution execution) {
        return ((Number) execution.getVariable(AgreementProcess.PAYMENT_ID)).longValue();
    }

    private String projectName(String code) {
        return projects.find(code).map(p -> p.name()).orElse("");
    }

    private static String incentiveName(List<AgreementRecords.Incentive> incentives, long id) {
        return incentives.stream().filter(i -> i.id() == id).map(AgreementRecords.Incentive::name).findFirst().orElse("?");
    }

    static String decisionLabel(String decision) {
        return switch (decision) {
            case "RESCHEDULE" -> "调整日期";
            case "RENEGOTIATE" -> "重新协商";
            case "WAIVE" -> "豁免该节点";
            case "TERMINATE" -> "终止协议";
            default -> decision;
        };
    }
}
