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
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.StaffProfile;
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
    static final String PRO_RATA = "PRO_RATA";
    static final String FULL = "FULL";
    static final Set<String> PAYMENT_BASES = Set.of(PRO_RATA, FULL);

    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final ProjectService projects;
    private final WorkingDayCalendar calendar;
    private final AgreementProperties properties;
    private final OrgDirectory directory;
    private final AgreementExpressions expressions;

    CompleteAgreementTaskListener(AgreementRecords records, EvidenceService evidence, ProjectService projects,
            WorkingDayCalendar calendar, AgreementProperties properties, OrgDirectory directory, AgreementExpressions expressions) {
        this.directory = directory;
        this.expressions = expressions;
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
            case AgreementProcess.TASK_VERIFY -> verify(task, code, actor);
            case AgreementProcess.TASK_APPROVE_EXCEPTION -> approveException(task, code, actor);
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
            case AgreementProcess.TASK_DECIDE_TARGET -> decideTargetChange(task, code, actor);
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

    /** 达成 only when the actual reaches the target; below it 例外达成 (reasoned, to the department head) or 未达成. */
    private void verify(DelegateTask task, String code, String actor) {
        AgreementRecords.Milestone m = milestone(task);
        TaskInputs.requireMember(task, m.verifyingDepartment(), "只有核验部门的人员可以核验履约节点");
        String result = TaskInputs.text(task, AgreementProcess.VERIFICATION);
        String note = TaskInputs.text(task, AgreementProcess.VERIFICATION_NOTE);
        MilestoneVerification.refusal(result == null || result.isEmpty() ? null : result, m.actualValue(), m.targetValue(), m.targetUnit(), note)
                .ifPresent(message -> {
                    throw new TaskInputRejected(message);
                });
        if (MilestoneVerification.MET_BY_EXCEPTION.equals(result)) {
            if (!modelHas(task, AgreementProcess.TASK_APPROVE_EXCEPTION)) {
                throw new TaskInputRejected("该协议的跟踪流程版本较早，不支持例外达成：请核验为未达成，由督办决定后续处理");
            }
            String approver = MilestoneVerification.exceptionApprover(
                    directory.findUnit(m.verifyingDepartment()).map(OrgUnit::headUserId),
                    directory.findProfile(actor).map(StaffProfile::supervisorId), actor)
                    .orElseThrow(() -> new TaskInputRejected("核验部门（" + directory.unitName(m.verifyingDepartment())
                            + "）未设置负责人，不能申请例外达成；请联系管理员设置部门负责人，或核验为未达成"));
            records.insertException(m, note, actor, approver);
            projects.recordEvent(code, ProjectEventType.MILESTONE_VERIFIED, actor, "%s：申请例外达成（实际 %s，目标 %s %s），报 %s 审批：%s"
                    .formatted(m.title(), PaymentRules.plain(m.actualValue()), PaymentRules.plain(m.targetValue()), m.targetUnit(),
                            directory.personName(approver), note), task.getProcessInstanceId(), task.getId());
            return;
        }
        MilestoneStatus status = MilestoneVerification.MET.equals(result) ? MilestoneStatus.MET : MilestoneStatus.MISSED;
        records.verify(m.id(), status, note, actor);
        projects.recordEvent(code, ProjectEventType.MILESTONE_VERIFIED, actor, "%s：%s%s".formatted(m.title(), status.label(),
                note == null || note.isEmpty() ? "" : "（" + note + "）"), task.getProcessInstanceId(), task.getId());
    }

    /** The department head's decision on a verifier's 例外达成: approved → 达成, refused → 未达成 (督办). */
    private void approveException(DelegateTask task, String code, String actor) {
        AgreementRecords.Milestone m = milestone(task);
        AgreementRecords.MetException exception = records.latestException(m.id()).filter(AgreementRecords.MetException::pending)
                .orElseThrow(() -> new TaskInputRejected("没有待审批的例外达成申请"));
        if (TaskInputs.authenticated(task) && !exception.approver().equals(actor)) {
            throw new TaskInputRejected("只有部门负责人（" + directory.personName(exception.approver()) + "）可以审批例外达成");
        }
        String decision = TaskInputs.required(task, AgreementProcess.EXCEPTION_DECISION, "请选择审批结论（批准例外达成或不批准）");
        String note = TaskInputs.text(task, AgreementProcess.EXCEPTION_NOTE);
        boolean approved = switch (decision) {
            case "APPROVE" -> true;
            case "REJECT" -> false;
            default -> throw new TaskInputRejected("请选择审批结论（批准例外达成或不批准）");
        };
        if (!approved && (note == null || note.isEmpty())) {
            throw new TaskInputRejected("不批准例外达成时请说明理由");
        }
        records.decideException(exception.id(), approved, note, actor);
        String opinion = note == null || note.isEmpty() ? "" : "：" + note;
        records.verify(m.id(), approved ? MilestoneStatus.MET : MilestoneStatus.MISSED, approved
                ? "例外达成（%s；%s 批准%s）".formatted(exception.reason(), directory.personName(actor), opinion)
                : "例外达成未获批准（%s）".formatted(note), approved ? exception.requestedBy() : actor);
        projects.recordEvent(code, ProjectEventType.MILESTONE_VERIFIED, actor, "%s：%s例外达成%s".formatted(m.title(), approved ? "批准" : "不批准",
                opinion), task.getProcessInstanceId(), task.getId());
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
                if (newTarget != null && newTarget.compareTo(m.targetValue()) != 0) {
                    // A target change after a miss is a fund decision: the district's leaders decide (policies 001, 003).
                    if (!modelHas(task, AgreementProcess.TASK_DECIDE_TARGET)) {
                        throw new TaskInputRejected("变更目标值须报区领导决定，该协议的跟踪流程版本较早不支持：请选择调整日期、豁免或终止协议");
                    }
                    records.proposeTargetChange(m, newTarget, due, note, actor);
                    records.decide(m.id(), decision, note, actor);
                    projects.recordEvent(code, ProjectEventType.MILESTONE_SUPERVISED, actor, "%s 督办：提出将目标由 %s 变更为 %s %s、时限 %s，报区领导决定（%s）"
                            .formatted(m.title(), PaymentRules.plain(m.targetValue()), PaymentRules.plain(newTarget), m.targetUnit(), due, note),
                            task.getProcessInstanceId(), task.getId());
                    return;
                }
                records.amend(m, "RENEGOTIATE", due, null, MilestoneStatus.ADJUSTED, note, actor);
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

    /** 区领导 (the district's collective decision) on 合作交流办's proposed target change; the decision is recorded. */
    private void decideTargetChange(DelegateTask task, String code, String actor) {
        TaskInputs.requireMember(task, GroupIds.LEADER, "目标变更须由区领导决定");
        AgreementRecords.Milestone m = milestone(task);
        AgreementRecords.TargetDecision proposal = records.latestTargetDecision(m.id()).filter(AgreementRecords.TargetDecision::pending)
                .orElseThrow(() -> new TaskInputRejected("没有待决定的目标变更"));
        String decision = TaskInputs.required(task, AgreementProcess.TARGET_DECISION, "请选择决定（同意变更目标或不同意）");
        String note = TaskInputs.required(task, AgreementProcess.TARGET_DECISION_NOTE, "请填写决定依据（会议及纪要）和理由");
        switch (decision) {
            case "APPROVE" -> {
                String basis = TaskInputs.text(task, AgreementProcess.PAYMENT_BASIS);
                basis = basis == null || basis.isEmpty() ? PRO_RATA : basis;
                if (!PAYMENT_BASES.contains(basis)) {
                    throw new TaskInputRejected("请选择变更后解锁奖励的兑付方式（按完成比例兑付或全额兑付）");
                }
                requireFuture(proposal.newDueOn(), LocalDate.ofInstant(calendar.now(), calendar.zone()),
                        "合作交流办提出的新时限 " + proposal.newDueOn() + " 已过，请不同意并由合作交流办重新提出");
                records.amend(m, "RENEGOTIATE", proposal.newDueOn(), proposal.newTarget(), MilestoneStatus.ADJUSTED,
                        "%s；区领导决定：%s（%s）".formatted(proposal.proposalReason(), note, FULL.equals(basis) ? "全额兑付" : "按完成比例兑付"), actor);
                records.decideTargetChange(proposal.id(), true, basis, note, actor);
                projects.recordEvent(code, ProjectEventType.AGREEMENT_AMENDED, actor, "%s：区领导同意将目标由 %s 变更为 %s %s（签约目标 %s），解锁奖励%s：%s"
                        .formatted(m.title(), PaymentRules.plain(proposal.oldTarget()), PaymentRules.plain(proposal.newTarget()), m.targetUnit(),
                                PaymentRules.plain(proposal.signedTarget()), FULL.equals(basis) ? "全额兑付" : "按完成比例兑付", note),
                        task.getProcessInstanceId(), task.getId());
            }
            case "REJECT" -> {
                records.decideTargetChange(proposal.id(), false, null, note, actor);
                projects.recordEvent(code, ProjectEventType.MILESTONE_SUPERVISED, actor, "%s：区领导不同意变更目标，退回合作交流办重新决定：%s"
                        .formatted(m.title(), note), task.getProcessInstanceId(), task.getId());
            }
            default -> throw new TaskInputRejected("请选择决定（同意变更目标或不同意）");
        }
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
                PaymentRules.check(incentive, unlocking, records.fullPaymentDecided(incentive.milestoneIds()), paid, BigDecimal.ZERO,
                        payment.amount()).ifPresent(refusal -> {
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
        LocalDate start = expressions.evaluationStart(task.getExecution());
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        List<EvaluationComparison.Line> lines = EvaluationComparison.compare(records.milestones(agreementId), today,
                Map.of(MilestoneType.FIXED_ASSET_INVESTMENT, fixedAssets, MilestoneType.ANNUAL_JOBS, jobs,
                        MilestoneType.ANNUAL_OUTPUT, output, MilestoneType.ANNUAL_TAX, tax),
                properties.shortfallThreshold());
        boolean flagged = lines.stream().anyMatch(EvaluationComparison.Line::flagged);
        String comparison = EvaluationComparison.describe(lines);
        records.insertEvaluation(agreementId, code, year, start.plusYears(year - 1L), start.plusYears(year).minusDays(1), fixedAssets,
                jobs.intValue(), output, tax, comparison, flagged, note == null || note.isEmpty() ? null : note, actor);
        projects.recordEvent(code, ProjectEventType.POST_EVALUATION, actor, "第%d年后评价：%s".formatted(year, comparison),
                task.getProcessInstanceId(), task.getId());
    }

    private static void requireFuture(LocalDate due, LocalDate today) {
        requireFuture(due, today, "新的完成时限须晚于今天");
    }

    private static void requireFuture(LocalDate due, LocalDate today, String message) {
        if (!due.isAfter(today)) {
            throw new TaskInputRejected(message);
        }
    }

    /** Whether the task's process version has the element (instances started before a model change keep their version). */
    private static boolean modelHas(DelegateTask task, String elementId) {
        return task.getBpmnModelInstance().getModelElementById(elementId) != null;
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
