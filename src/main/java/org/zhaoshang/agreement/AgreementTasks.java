package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.zhaoshang.agreement.AgreementProcess.ExceptionDecision;
import org.zhaoshang.agreement.AgreementProcess.PaymentBasis;
import org.zhaoshang.agreement.AgreementProcess.PaymentDecision;
import org.zhaoshang.agreement.AgreementProcess.ShortfallDecision;
import org.zhaoshang.agreement.AgreementProcess.TargetDecision;
import org.zhaoshang.agreement.AgreementProcess.Verification;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskOwner;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.StaffProfile;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * The user tasks of 协议分阶段跟踪: required values, evidence before a report, 达成 only at the target, dates after
 * today, the payment rules again at approval; each result written to the agreement tables and the project's timeline.
 * A milestone's report belongs to its responsible unit, its verification to its verifying department, the
 * explanation of a miss to the project's host unit now, an exception to the department head it was sent to.
 */
@Component
class AgreementTasks implements ProcessTasks {

    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final ProjectService projects;
    private final WorkingDayCalendar calendar;
    private final AgreementProperties properties;
    private final OrgDirectory directory;
    private final AgreementExpressions expressions;

    AgreementTasks(AgreementRecords records, EvidenceService evidence, ProjectService projects,
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
    public String processKey() {
        return AgreementProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(AgreementProcess.TASK_REPORT).belongsTo(TaskOwner.unit(task -> milestone(task).responsibleUnit())).completes(this::report);
        rules.task(AgreementProcess.TASK_VERIFY).belongsTo(TaskOwner.unit(task -> milestone(task).verifyingDepartment())).completes(this::verify);
        rules.task(AgreementProcess.TASK_APPROVE_EXCEPTION).belongsTo(TaskOwner.person(this::exceptionApprover,
                (name, task) -> "只有部门负责人（" + name + "）可以审批例外达成")).completes(this::approveException);
        rules.task(AgreementProcess.TASK_EXPLAIN).belongsTo(TaskOwner.unit(task -> projects.find(task.getExecution().getProcessBusinessKey())
                .orElseThrow().hostUnit())).completes(this::explain);
        rules.task(AgreementProcess.TASK_DECIDE).completes(this::decideShortfall);
        rules.task(AgreementProcess.TASK_DECIDE_TARGET).completes(this::decideTargetChange);
        rules.task(AgreementProcess.TASK_CLOSE).completes(this::close);
        rules.task(AgreementProcess.TASK_RECOVER).completes(this::recover);
        rules.task(AgreementProcess.TASK_REVIEW_PAYMENT).completes(this::reviewPayment);
        rules.task(AgreementProcess.TASK_EVALUATE).completes(this::evaluate);
    }

    private void report(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        AgreementRecords.Milestone m = milestone(task.task());
        BigDecimal actual = task.form().amount(AgreementProcess.ACTUAL_VALUE, "实际完成值");
        String text = task.form().required(AgreementProcess.REPORT_TEXT, "请填写履约情况");
        String link = task.form().text(AgreementProcess.EVIDENCE_LINK);
        if (link != null) {
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
                .formatted(m.title(), PaymentRules.plain(actual), m.targetUnit(), text), task.processInstanceId(), task.id());
    }

    private void explain(CompletingTask task) {
        AgreementRecords.Milestone m = milestone(task.task());
        String explanation = task.form().required(AgreementProcess.EXPLANATION, "请说明未达成的原因和整改措施");
        records.explain(m.id(), explanation, task.actor());
        projects.recordEvent(task.businessKey(), ProjectEventType.MILESTONE_SUPERVISED, task.actor(), "%s 未达成，承载单位说明：%s"
                .formatted(m.title(), explanation), task.processInstanceId(), task.id());
    }

    private void close(CompletingTask task) {
        long agreementId = AgreementExpressions.agreementId(task.task().getExecution());
        if (records.openPaymentRequests(agreementId) > 0) {
            throw new TaskInputRejected("还有兑付申请在审核中，审核完毕后才能结案");
        }
        String note = task.form().text(AgreementProcess.CLOSE_NOTE);
        records.closeAgreement(agreementId, "FULFILLED", note == null ? "履约完毕" : note);
        projects.recordEvent(task.businessKey(), ProjectEventType.AGREEMENT_ENDED, task.actor(), "协议履约结案" + (note == null ? "" : "：" + note),
                task.processInstanceId(), task.id());
    }

    private void recover(CompletingTask task) {
        long agreementId = AgreementExpressions.agreementId(task.task().getExecution());
        BigDecimal recovered = task.form().amount(AgreementProcess.RECOVERED_AMOUNT, "已追回金额（万元）");
        BigDecimal due = records.payments(agreementId).stream().filter(p -> "TO_RECOVER".equals(p.recoveryStatus()))
                .map(AgreementRecords.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (recovered.compareTo(due) > 0) {
            throw new TaskInputRejected("已追回金额不能超过应追回的 " + PaymentRules.plain(due) + " 万元");
        }
        String note = task.form().required(AgreementProcess.RECOVERY_NOTE, "请填写追回情况说明");
        records.recordRecovery(agreementId, recovered, note);
        projects.recordEvent(task.businessKey(), ProjectEventType.INCENTIVE_PAYMENT, task.actor(), "追回已兑付奖励 %s 万元（应追回 %s 万元）：%s"
                .formatted(PaymentRules.plain(recovered), PaymentRules.plain(due), note), task.processInstanceId(), task.id());
    }

    /** The head the pending exception was sent to (the task's assignee as the model sets it, when none is pending). */
    private String exceptionApprover(org.camunda.bpm.engine.delegate.DelegateTask task) {
        return records.latestException(milestone(task).id()).filter(AgreementRecords.MetException::pending)
                .map(AgreementRecords.MetException::approver).orElse((String) task.getVariable(AgreementProcess.EXCEPTION_APPROVER));
    }

    /** 达成 only when the actual reaches the target; below it 例外达成 (reasoned, to the department head) or 未达成. */
    private void verify(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        AgreementRecords.Milestone m = milestone(task.task());
        Verification result = task.form().optionalChoice(AgreementProcess.VERIFICATION, Verification.class, "请选择核验结论（达成、例外达成或未达成）")
                .orElse(null);
        String note = task.form().text(AgreementProcess.VERIFICATION_NOTE);
        MilestoneVerification.refusal(result == null ? null : result.name(), m.actualValue(), m.targetValue(), m.targetUnit(), note)
                .ifPresent(message -> {
                    throw new TaskInputRejected(message);
                });
        if (result == Verification.MET_BY_EXCEPTION) {
            if (!task.modelHas(AgreementProcess.TASK_APPROVE_EXCEPTION)) {
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
                            directory.personName(approver), note), task.processInstanceId(), task.id());
            return;
        }
        MilestoneStatus status = result == Verification.MET ? MilestoneStatus.MET : MilestoneStatus.MISSED;
        records.verify(m.id(), status, note, actor);
        projects.recordEvent(code, ProjectEventType.MILESTONE_VERIFIED, actor, "%s：%s%s".formatted(m.title(), status.label(),
                note == null || note.isEmpty() ? "" : "（" + note + "）"), task.processInstanceId(), task.id());
    }

    /** The department head's decision on a verifier's 例外达成: approved → 达成, refused → 未达成 (督办). */
    private void approveException(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        AgreementRecords.Milestone m = milestone(task.task());
        AgreementRecords.MetException exception = records.latestException(m.id()).filter(AgreementRecords.MetException::pending)
                .orElseThrow(() -> new TaskInputRejected("没有待审批的例外达成申请"));
        ExceptionDecision decision = task.form().choice(AgreementProcess.EXCEPTION_DECISION, ExceptionDecision.class,
                "请选择审批结论（批准例外达成或不批准）");
        String note = task.form().text(AgreementProcess.EXCEPTION_NOTE);
        boolean approved = decision == ExceptionDecision.APPROVE;
        if (!approved && (note == null || note.isEmpty())) {
            throw new TaskInputRejected("不批准例外达成时请说明理由");
        }
        records.decideException(exception.id(), approved, note, actor);
        String opinion = note == null || note.isEmpty() ? "" : "：" + note;
        records.verify(m.id(), approved ? MilestoneStatus.MET : MilestoneStatus.MISSED, approved
                ? "例外达成（%s；%s 批准%s）".formatted(exception.reason(), directory.personName(actor), opinion)
                : "例外达成未获批准（%s）".formatted(note), approved ? exception.requestedBy() : actor);
        projects.recordEvent(code, ProjectEventType.MILESTONE_VERIFIED, actor, "%s：%s例外达成%s".formatted(m.title(), approved ? "批准" : "不批准",
                opinion), task.processInstanceId(), task.id());
    }

    private void decideShortfall(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        AgreementRecords.Milestone m = milestone(task.task());
        if (task.form().text(AgreementProcess.SHORTFALL_DECISION) == null) {
            throw new TaskInputRejected("请选择督办决定");
        }
        ShortfallDecision decision = task.form().choice(AgreementProcess.SHORTFALL_DECISION, ShortfallDecision.class,
                "请选择督办决定（调整日期、重新协商、豁免该节点或终止协议）");
        String note = task.form().required(AgreementProcess.DECISION_NOTE, "请填写决定理由");
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        switch (decision) {
            case RESCHEDULE -> {
                LocalDate due = task.form().date(AgreementProcess.NEW_DUE_DATE, "新的完成时限", calendar.zone());
                requireFuture(due, today);
                records.amend(m, "RESCHEDULE", due, null, MilestoneStatus.ADJUSTED, note, actor);
            }
            case RENEGOTIATE -> {
                LocalDate due = task.form().date(AgreementProcess.NEW_DUE_DATE, "新的完成时限", calendar.zone());
                requireFuture(due, today);
                Object target = task.variable(AgreementProcess.NEW_TARGET_VALUE);
                BigDecimal newTarget = target == null || target.toString().isBlank() ? null
                        : task.form().amount(AgreementProcess.NEW_TARGET_VALUE, "新的目标值");
                if (newTarget != null && newTarget.compareTo(m.targetValue()) != 0) {
                    // A target change after a miss is a fund decision: the district's leaders decide (policies 001, 003).
                    if (!task.modelHas(AgreementProcess.TASK_DECIDE_TARGET)) {
                        throw new TaskInputRejected("变更目标值须报区领导决定，该协议的跟踪流程版本较早不支持：请选择调整日期、豁免或终止协议");
                    }
                    records.proposeTargetChange(m, newTarget, due, note, actor);
                    records.decide(m.id(), decision.name(), note, actor);
                    projects.recordEvent(code, ProjectEventType.MILESTONE_SUPERVISED, actor, "%s 督办：提出将目标由 %s 变更为 %s %s、时限 %s，报区领导决定（%s）"
                            .formatted(m.title(), PaymentRules.plain(m.targetValue()), PaymentRules.plain(newTarget), m.targetUnit(), due, note),
                            task.processInstanceId(), task.id());
                    return;
                }
                records.amend(m, "RENEGOTIATE", due, null, MilestoneStatus.ADJUSTED, note, actor);
            }
            case WAIVE -> records.amend(m, "WAIVE", null, null, MilestoneStatus.WAIVED, note, actor);
            default -> {
                // TERMINATE: the agreement ends in the next step (终止协议).
            }
        }
        records.decide(m.id(), decision.name(), note, actor);
        projects.recordEvent(code, decision == ShortfallDecision.TERMINATE ? ProjectEventType.MILESTONE_SUPERVISED : ProjectEventType.AGREEMENT_AMENDED,
                actor, "%s 督办决定：%s（%s）".formatted(m.title(), AgreementExpressions.decisionLabel(decision.name()), note),
                task.processInstanceId(), task.id());
    }

    /** 区领导 (the district's collective decision) on 合作交流办's proposed target change; the decision is recorded. */
    private void decideTargetChange(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        AgreementRecords.Milestone m = milestone(task.task());
        AgreementRecords.TargetDecision proposal = records.latestTargetDecision(m.id()).filter(AgreementRecords.TargetDecision::pending)
                .orElseThrow(() -> new TaskInputRejected("没有待决定的目标变更"));
        TargetDecision decision = task.form().choice(AgreementProcess.TARGET_DECISION, TargetDecision.class, "请选择决定（同意变更目标或不同意）");
        String note = task.form().required(AgreementProcess.TARGET_DECISION_NOTE, "请填写决定依据（会议及纪要）和理由");
        switch (decision) {
            case APPROVE -> {
                PaymentBasis basis = task.form().optionalChoice(AgreementProcess.PAYMENT_BASIS, PaymentBasis.class,
                        "请选择变更后解锁奖励的兑付方式（按完成比例兑付或全额兑付）").orElse(PaymentBasis.PRO_RATA);
                requireFuture(proposal.newDueOn(), LocalDate.ofInstant(calendar.now(), calendar.zone()),
                        "合作交流办提出的新时限 " + proposal.newDueOn() + " 已过，请不同意并由合作交流办重新提出");
                records.amend(m, "RENEGOTIATE", proposal.newDueOn(), proposal.newTarget(), MilestoneStatus.ADJUSTED,
                        "%s；区领导决定：%s（%s）".formatted(proposal.proposalReason(), note, basis.label()), actor);
                records.decideTargetChange(proposal.id(), true, basis.name(), note, actor);
                projects.recordEvent(code, ProjectEventType.AGREEMENT_AMENDED, actor, "%s：区领导同意将目标由 %s 变更为 %s %s（签约目标 %s），解锁奖励%s：%s"
                        .formatted(m.title(), PaymentRules.plain(proposal.oldTarget()), PaymentRules.plain(proposal.newTarget()), m.targetUnit(),
                                PaymentRules.plain(proposal.signedTarget()), basis.label(), note),
                        task.processInstanceId(), task.id());
            }
            default -> {
                records.decideTargetChange(proposal.id(), false, null, note, actor);
                projects.recordEvent(code, ProjectEventType.MILESTONE_SUPERVISED, actor, "%s：区领导不同意变更目标，退回合作交流办重新决定：%s"
                        .formatted(m.title(), note), task.processInstanceId(), task.id());
            }
        }
    }

    private void reviewPayment(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        long paymentId = ((Number) task.variable(AgreementProcess.PAYMENT_ID)).longValue();
        PaymentDecision decision = task.form().choice(AgreementProcess.PAYMENT_DECISION, PaymentDecision.class, "请选择审核结论（同意兑付或不予兑付）");
        String note = task.form().text(AgreementProcess.PAYMENT_NOTE);
        AgreementRecords.Payment payment = records.payment(paymentId);
        AgreementRecords.Incentive incentive = records.lockIncentive(payment.incentiveId()).orElseThrow();
        switch (decision) {
            case APPROVE -> {
                // The rules again at approval: nothing may have changed them since the request, but a payment is final.
                List<AgreementRecords.Milestone> unlocking = incentive.milestoneIds().stream().map(records::milestone).toList();
                BigDecimal paid = records.sumPayments(incentive.id(), "PAID");
                PaymentRules.check(incentive, unlocking, records.fullPaymentDecided(incentive.milestoneIds()), paid, BigDecimal.ZERO,
                        payment.amount()).ifPresent(refusal -> {
                    throw new TaskInputRejected(refusal.message());
                });
                records.decidePayment(paymentId, "PAID", note, actor);
            }
            default -> {
                if (note == null || note.isEmpty()) {
                    throw new TaskInputRejected("不予兑付时请说明理由");
                }
                records.decidePayment(paymentId, "REJECTED", note, actor);
            }
        }
        projects.recordEvent(code, ProjectEventType.INCENTIVE_PAYMENT, actor, "「%s」%s 万元：%s%s".formatted(incentive.name(),
                PaymentRules.plain(payment.amount()), decision.label(),
                note == null || note.isEmpty() ? "" : "（" + note + "）"), task.processInstanceId(), task.id());
    }

    private void evaluate(CompletingTask task) {
        String code = task.businessKey();
        String actor = task.actor();
        long agreementId = AgreementExpressions.agreementId(task.task().getExecution());
        BigDecimal fixedAssets = task.form().amount(AgreementProcess.FIXED_ASSET_INVESTMENT, "固定资产投资（万元）");
        BigDecimal jobs = task.form().amount(AgreementProcess.JOBS, "就业人数");
        if (jobs.stripTrailingZeros().scale() > 0 || jobs.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            throw new TaskInputRejected("就业人数须为整数");
        }
        BigDecimal output = task.form().amount(AgreementProcess.OUTPUT_VALUE, "产值（万元）");
        BigDecimal tax = task.form().amount(AgreementProcess.TAX, "税收（万元）");
        String note = task.form().text(AgreementProcess.EVALUATION_NOTE);
        int year = records.evaluations(agreementId).size() + 1;
        LocalDate start = expressions.evaluationStart(task.task().getExecution());
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
                task.processInstanceId(), task.id());
    }

    private static void requireFuture(LocalDate due, LocalDate today) {
        requireFuture(due, today, "新的完成时限须晚于今天");
    }

    private static void requireFuture(LocalDate due, LocalDate today, String message) {
        if (!due.isAfter(today)) {
            throw new TaskInputRejected(message);
        }
    }

    private AgreementRecords.Milestone milestone(DelegateTask task) {
        return records.milestone(((Number) task.getVariable(AgreementProcess.MILESTONE_ID)).longValue());
    }


    private static StaffUser staffUser(CompletingTask task) {
        Authentication authentication = task.task().getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null) {
            return new StaffUser("system", "系统", List.of(GroupIds.HEZUO));
        }
        return new StaffUser(authentication.getUserId(), authentication.getUserId(),
                authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds());
    }

}
