package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskInputs;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * {@code ${completeAgreementTaskListener}}: re-checks each step of 协议分阶段跟踪 on the server (the right
 * unit, required values, evidence before a report, dates after today, the payment rules again at
 * approval) and writes the result to the agreement tables and the project's timeline. A refusal
 * rolls the completion back and reaches the user as a Chinese message.
 */
@Component
class CompleteAgreementTaskListener implements TaskListener {

    static final Set<String> SHORTFALL_DECISIONS = Set.of("RESCHEDULE", "RENEGOTIATE", "WAIVE", "TERMINATE");

    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final ProjectService projects;
    private final WorkingDayCalendar calendar;
    private final AgreementProperties properties;

    CompleteAgreementTaskListener(AgreementRecords records, EvidenceService evidence, ProjectService projects,
            WorkingDayCalendar calendar, AgreementProperties properties) {
        this.records = records;
        this.evidence = evidence;
        this.projects = projects;
        this.calendar = calendar;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        String actor = TaskInputs.actor(task);
        String code = task.getExecution().getProcessBusinessKey();
        switch (task.getTaskDefinitionKey()) {
            case AgreementProcess.TASK_REPORT -> {
                AgreementRecords.Milestone m = milestone(task);
                TaskInputs.requireMember(task, m.responsibleUnit(), "只有责任单位的人员可以报送履约情况");
                BigDecimal actual = TaskInputs.amount(task, AgreementProcess.ACTUAL_VALUE, "实际完成值");
                String text = TaskInputs.required(task, AgreementProcess.REPORT_TEXT, "请填写履约情况");
                String link = TaskInputs.text(task, AgreementProcess.EVIDENCE_LINK);
                if (link != null && !link.isEmpty()) {
                    try {
                        evidence.link(m.id(), link, "报送时填写", staffUser(task));
                    } catch (ApiException e) {
                        throw new TaskInputRejected(e.getMessage());
                    }
                }
                if (evidence.count(m.id()) == 0) {
                    throw new TaskInputRejected("请先在项目页面上传佐证材料，或在表单中填写佐证链接");
                }
                records.report(m.id(), actual, text, actor);
                projects.recordEvent(code, ProjectEventType.MILESTONE_REPORTED, actor, "%s：实际 %s %s；%s"
                        .formatted(m.title(), PaymentRules.plain(actual), m.targetUnit(), text), task.getProcessInstanceId(), task.getId());
            }
            case AgreementProcess.TASK_VERIFY -> {
                AgreementRecords.Milestone m = milestone(task);
                TaskInputs.requireMember(task, m.verifyingDepartment(), "只有核验部门的人员可以核验履约节点");
                String result = TaskInputs.required(task, AgreementProcess.VERIFICATION, "请选择核验结论（达成或未达成）");
                String note = TaskInputs.text(task, AgreementProcess.VERIFICATION_NOTE);
                MilestoneStatus status = switch (result) {
                    case "MET" -> MilestoneStatus.MET;
                    case "MISSED" -> MilestoneStatus.MISSED;
                    default -> throw new TaskInputRejected("请选择核验结论（达成或未达成）");
                };
                if (status == MilestoneStatus.MISSED && (note == null || note.isEmpty())) {
                    throw new TaskInputRejected("核验为未达成时请说明理由");
                }
                records.verify(m.id(), status, note, actor);
                projects.recordEvent(code, ProjectEventType.MILESTONE_VERIFIED, actor, "%s：%s%s".formatted(m.title(), status.label(),
                        note == null || note.isEmpty() ? "" : "（" + note + "）"), task.getProcessInstanceId(), task.getId());
            }
            case AgreementProcess.TASK_EXPLAIN -> {
                AgreementRecords.Milestone m = milestone(task);
                String host = projects.find(code).orElseThrow().hostUnit();
                TaskInputs.requireMember(task, host, "只有项目承载单位的人员可以说明未达成原因");
                String explanation = TaskInputs.required(task, AgreementProcess.EXPLANATION, "请说明未达成的原因和整改措施");
                records.explain(m.id(), explanation, actor);
                projects.recordEvent(code, ProjectEventType.MILESTONE_SUPERVISED, actor, "%s 未达成，承载单位说明：%s"
                        .formatted(m.title(), explanation), task.getProcessInstanceId(), task.getId());
            }
            case AgreementProcess.TASK_DECIDE -> decideShortfall(task, code, actor);
            case AgreementProcess.TASK_CLOSE -> {
                long agreementId = AgreementExpressions.agreementId(task.getExecution());
                if (records.openPaymentRequests(agreementId) > 0) {
                    throw new TaskInputRejected("还有兑付申请在审核中，审核完毕后才能结案");
                }
                String note = TaskInputs.text(task, AgreementProcess.CLOSE_NOTE);
                records.closeAgreement(agreementId, "FULFILLED", note == null || note.isEmpty() ? "履约完毕" : note);
                projects.recordEvent(code, ProjectEventType.AGREEMENT_ENDED, actor, "协议履约结案" + (note == null || note.isEmpty() ? "" : "：" + note),
                        task.getProcessInstanceId(), task.getId());
            }
            case AgreementProcess.TASK_RECOVER -> {
                long agreementId = AgreementExpressions.agreementId(task.getExecution());
                BigDecimal recovered = TaskInputs.amount(task, AgreementProcess.RECOVERED_AMOUNT, "已追回金额（万元）");
                BigDecimal due = records.payments(agreementId).stream().filter(p -> "TO_RECOVER".equals(p.recoveryStatus()))
                        .map(AgreementRecords.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (recovered.compareTo(due) > 0) {
                    throw new TaskInputRejected("已追回金额不能超过应追回的 " + PaymentRules.plain(due) + " 万元");
                }
                String note = TaskInputs.required(task, AgreementProcess.RECOVERY_NOTE, "请填写追回情况说明");
                records.recordRecovery(agreementId, recovered, note);
                projects.recordEvent(code, ProjectEventType.INCENTIVE_PAYMENT, actor, "追回已兑付奖励 %s 万元（应追回 %s 万元）：%s"
                        .formatted(PaymentRules.plain(recovered), PaymentRules.plain(due), note), task.getProcessInstanceId(), task.getId());
            }
            case AgreementProcess.TASK_REVIEW_PAYMENT -> reviewPayment(task, code, actor);
            case AgreementProcess.TASK_EVALUATE -> evaluate(task, code, actor);
            default -> throw new IllegalStateException("No agreement rule for task " + task.getTaskDefinitionKey());
        }
    }

    private void decideShortfall(DelegateTask task, String code, String actor) {
        AgreementRecords.Milestone m = milestone(task);
        String decision = TaskInputs.required(task, AgreementProcess.SHORTFALL_DECISION, "请选择督办决定");
        if (!SHORTFALL_DECISIONS.contains(decision)) {
            throw new TaskInputRejected("请选择督办决定（调整日期、重新协商、豁免该节点或终止协议）");
        }
        String note = TaskInputs.required(task, AgreementProcess.DECISION_NOTE, "请填写决定理由");
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        switch (decision) {
            case "RESCHEDULE" -> {
                LocalDate due = TaskInputs.date(task, AgreementProcess.NEW_DUE_DATE, "新的完成时限", calendar.zone());
                requireFuture(due, today);
                records.amend(m, "RESCHEDULE", due, null, MilestoneStatus.ADJUSTED, note, actor);
            }
            case "RENEGOTIATE" -> {
                LocalDate due = TaskInputs.date(task, AgreementProcess.NEW_DUE_DATE, "新的完成时限", calendar.zone());
                requireFuture(due, today);
                Object target = task.getVariable(AgreementProcess.NEW_TARGET_VALUE);
                BigDecimal newTarget = target == null || target.toString().isBlank() ? null
                        : TaskInputs.amount(task, AgreementProcess.NEW_TARGET_VALUE, "新的目标值");
                records.amend(m, "RENEGOTIATE", due, newTarget, MilestoneStatus.ADJUSTED, note, actor);
            }
            case "WAIVE" -> records.amend(m, "WAIVE", null, null, MilestoneStatus.WAIVED, note, actor);
            default -> {
                // TERMINATE: the agreement ends in the next step (终止协议).
            }
        }
        records.decide(m.id(), decision, note, actor);
        projects.recordEvent(code, decision.equals("TERMINATE") ? ProjectEventType.MILESTONE_SUPERVISED : ProjectEventType.AGREEMENT_AMENDED,
                actor, "%s 督办决定：%s（%s）".formatted(m.title(), AgreementExpressions.decisionLabel(decision), note),
                task.getProcessInstanceId(), task.getId());
    }

    private void reviewPayment(DelegateTask task, String code, String actor) {
        TaskInputs.requireMember(task, GroupIds.FAGAI, "只有区发展改革委的人员可以审核兑付申请");
        long paymentId = ((Number) task.getVariable(AgreementProcess.PAYMENT_ID)).longValue();
        String decision = TaskInputs.required(task, AgreementProcess.PAYMENT_DECISION, "请选择审核结论（同意兑付或不予兑付）");
        String note = TaskInputs.text(task, AgreementProcess.PAYMENT_NOTE);
        AgreementRecords.Payment payment = records.payment(paymentId);
        AgreementRecords.Incentive incentive = records.lockIncentive(payment.incentiveId()).orElseThrow();
        switch (decision) {
            case "APPROVE" -> {
                // The rules again at approval: nothing may have changed them since the request, but a payment is final.
                List<AgreementRecords.Milestone> unlocking = incentive.milestoneIds().stream().map(records::milestone).toList();
                BigDecimal paid = records.sumPayments(incentive.id(), "PAID");
                PaymentRules.check(incentive, unlocking, paid, BigDecimal.ZERO, payment.amount()).ifPresent(refusal -> {
                    throw new TaskInputRejected(refusal.message());
                });
                records.decidePayment(paymentId, "PAID", note, actor);
            }
            case "REJECT" -> {
                if (note == null || note.isEmpty()) {
                    throw new TaskInputRejected("不予兑付时请说明理由");
                }
                records.decidePayment(paymentId, "REJECTED", note, actor);
            }
            default -> throw new TaskInputRejected("请选择审核结论（同意兑付或不予兑付）");
        }
        projects.recordEvent(code, ProjectEventType.INCENTIVE_PAYMENT, actor, "「%s」%s 万元：%s%s".formatted(incentive.name(),
                PaymentRules.plain(payment.amount()), decision.equals("APPROVE") ? "同意兑付" : "不予兑付",
                note == null || note.isEmpty() ? "" : "（" + note + "）"), task.getProcessInstanceId(), task.getId());
    }

    private void evaluate(DelegateTask task, String code, String actor) {
        long agreementId = AgreementExpressions.agreementId(task.getExecution());
        BigDecimal fixedAssets = TaskInputs.amount(task, AgreementProcess.FIXED_ASSET_INVESTMENT, "固定资产投资（万元）");
        BigDecimal jobs = TaskInputs.amount(task, AgreementProcess.JOBS, "就业人数");
        if (jobs.stripTrailingZeros().scale() > 0 || jobs.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            throw new TaskInputRejected("就业人数须为整数");
        }
        BigDecimal output = TaskInputs.amount(task, AgreementProcess.OUTPUT_VALUE, "产值（万元）");
        BigDecimal tax = TaskInputs.amount(task, AgreementProcess.TAX, "税收（万元）");
        String note = TaskInputs.text(task, AgreementProcess.EVALUATION_NOTE);
        int year = records.evaluations(agreementId).size() + 1;
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        List<EvaluationComparison.Line> lines = EvaluationComparison.compare(records.milestones(agreementId), today,
                Map.of(MilestoneType.FIXED_ASSET_INVESTMENT, fixedAssets, MilestoneType.ANNUAL_JOBS, jobs,
                        MilestoneType.ANNUAL_OUTPUT, output, MilestoneType.ANNUAL_TAX, tax),
                properties.shortfallThreshold());
        boolean flagged = lines.stream().anyMatch(EvaluationComparison.Line::flagged);
        String comparison = EvaluationComparison.describe(lines);
        records.insertEvaluation(agreementId, year, fixedAssets, jobs.intValue(), output, tax, comparison, flagged,
                note == null || note.isEmpty() ? null : note, actor);
        projects.recordEvent(code, ProjectEventType.POST_EVALUATION, actor, "第%d年后评价：%s".formatted(year, comparison),
                task.getProcessInstanceId(), task.getId());
    }

    private static void requireFuture(LocalDate due, LocalDate today) {
        if (!due.isAfter(today)) {
            throw new TaskInputRejected("新的完成时限须晚于今天");
        }
    }

    private AgreementRecords.Milestone milestone(DelegateTask task) {
        return records.milestone(((Number) task.getVariable(AgreementProcess.MILESTONE_ID)).longValue());
    }


    private static StaffUser staffUser(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null) {
            return new StaffUser("system", "系统", List.of(GroupIds.HEZUO));
        }
        return new StaffUser(authentication.getUserId(), authentication.getUserId(),
                authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds());
    }

}
