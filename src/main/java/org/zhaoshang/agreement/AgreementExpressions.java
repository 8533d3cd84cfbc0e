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
        StringBuilder text = new StringBuilder("**项目：%s %s**  \n协议：%s（签约 %s）  \n履约节点%d：%s；目标 %s；完成时限 %s  \n责任单位：%s；核验部门：%s；状态：%s"
                .formatted(a.projectCode(), projectName(a.projectCode()), a.agreementNo(), a.signedOn(), m.position(), m.title(),
                        m.target(), m.dueOn(), directory.unitName(m.responsibleUnit()), directory.unitName(m.verifyingDepartment()),
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
                    .append(m.targetUnit()).append("  \n履约情况：").append(m.reportText()).append("  \n");
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

    // --- post-evaluation (后评价) ---

    public boolean productionStarted(DelegateExecution execution) {
        return operationVerifiedAt(execution) != null;
    }

    /** Year k opens on the k-th anniversary of the verified 投产 (09:00 of the working day on or after it). */
    public Date evaluationOpensAt(DelegateExecution execution) {
        LocalDate start = Times.localDate(operationVerifiedAt(execution));
        LocalDate day = start.plusYears(evaluationYear(execution));
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
        return "**项目：%s %s**  \n第 %d 年（共 %d 年）后评价。协议目标：%s".formatted(a.projectCode(), projectName(a.projectCode()),
                evaluationYear(execution), properties.evaluationYears(),
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
