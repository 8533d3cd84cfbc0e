package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

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
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskForm;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskOwner;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectService;

/**
 * The user tasks of 协议分阶段跟踪: each reads its form and hands the values to one step of {@link AgreementSteps}. A
 * milestone's report belongs to its responsible unit, its verification to its verifying department, the explanation
 * of a miss to the project's host unit now, an exception to the department head it was sent to.
 */
@Component
class AgreementTasks implements ProcessTasks {

    private final AgreementSteps steps;
    private final AgreementRecords records;
    private final ProjectService projects;
    private final WorkingDayCalendar calendar;
    private final AgreementExpressions expressions;

    AgreementTasks(AgreementSteps steps, AgreementRecords records, ProjectService projects, WorkingDayCalendar calendar,
            AgreementExpressions expressions) {
        this.steps = steps;
        this.records = records;
        this.projects = projects;
        this.calendar = calendar;
        this.expressions = expressions;
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
        TaskForm form = task.form();
        BigDecimal actual = form.amount(AgreementProcess.ACTUAL_VALUE, "实际完成值");
        String text = form.required(AgreementProcess.REPORT_TEXT, "请填写履约情况");
        steps.report(task.trace(), milestone(task.task()), actual, text, form.text(AgreementProcess.EVIDENCE_LINK), staffUser(task));
    }

    private void verify(CompletingTask task) {
        Verification result = task.form().optionalChoice(AgreementProcess.VERIFICATION, Verification.class, "请选择核验结论（达成、例外达成或未达成）")
                .orElse(null);
        steps.verify(task.trace(), milestone(task.task()), result, task.form().text(AgreementProcess.VERIFICATION_NOTE),
                task.modelHas(AgreementProcess.TASK_APPROVE_EXCEPTION));
    }

    private void approveException(CompletingTask task) {
        AgreementRecords.Milestone m = milestone(task.task());
        steps.pendingException(m);
        ExceptionDecision decision = task.form().choice(AgreementProcess.EXCEPTION_DECISION, ExceptionDecision.class,
                "请选择审批结论（批准例外达成或不批准）");
        steps.approveException(task.trace(), m, decision, task.form().text(AgreementProcess.EXCEPTION_NOTE));
    }

    private void explain(CompletingTask task) {
        steps.explain(task.trace(), milestone(task.task()), task.form().required(AgreementProcess.EXPLANATION, "请说明未达成的原因和整改措施"));
    }

    private void decideShortfall(CompletingTask task) {
        TaskForm form = task.form();
        if (form.text(AgreementProcess.SHORTFALL_DECISION) == null) {
            throw new TaskInputRejected("请选择督办决定");
        }
        ShortfallDecision decision = form.choice(AgreementProcess.SHORTFALL_DECISION, ShortfallDecision.class,
                "请选择督办决定（调整日期、重新协商、豁免该节点或终止协议）");
        String note = form.required(AgreementProcess.DECISION_NOTE, "请填写决定理由");
        boolean dated = decision == ShortfallDecision.RESCHEDULE || decision == ShortfallDecision.RENEGOTIATE;
        LocalDate due = dated ? form.date(AgreementProcess.NEW_DUE_DATE, "新的完成时限", calendar.zone()) : null;
        BigDecimal target = decision == ShortfallDecision.RENEGOTIATE
                ? form.optionalAmount(AgreementProcess.NEW_TARGET_VALUE, "新的目标值").orElse(null) : null;
        steps.decideShortfall(task.trace(), milestone(task.task()), decision, due, target, note, task.modelHas(AgreementProcess.TASK_DECIDE_TARGET));
    }

    private void decideTargetChange(CompletingTask task) {
        TaskForm form = task.form();
        TargetDecision decision = form.choice(AgreementProcess.TARGET_DECISION, TargetDecision.class, "请选择决定（同意变更目标或不同意）");
        String note = form.required(AgreementProcess.TARGET_DECISION_NOTE, "请填写决定依据（会议及纪要）和理由");
        PaymentBasis basis = decision == TargetDecision.APPROVE ? form.optionalChoice(AgreementProcess.PAYMENT_BASIS, PaymentBasis.class,
                "请选择变更后解锁奖励的兑付方式（按完成比例兑付或全额兑付）").orElse(PaymentBasis.PRO_RATA) : null;
        steps.decideTargetChange(task.trace(), milestone(task.task()), decision, basis, note);
    }

    private void close(CompletingTask task) {
        steps.close(task.trace(), AgreementExpressions.agreementId(task.task().getExecution()), task.form().text(AgreementProcess.CLOSE_NOTE));
    }

    private void recover(CompletingTask task) {
        BigDecimal recovered = task.form().amount(AgreementProcess.RECOVERED_AMOUNT, "已追回金额（万元）");
        String note = task.form().required(AgreementProcess.RECOVERY_NOTE, "请填写追回情况说明");
        steps.recover(task.trace(), AgreementExpressions.agreementId(task.task().getExecution()), recovered, note);
    }

    private void reviewPayment(CompletingTask task) {
        PaymentDecision decision = task.form().choice(AgreementProcess.PAYMENT_DECISION, PaymentDecision.class, "请选择审核结论（同意兑付或不予兑付）");
        steps.reviewPayment(task.trace(), task.id(AgreementProcess.PAYMENT_ID), decision, task.form().text(AgreementProcess.PAYMENT_NOTE));
    }

    private void evaluate(CompletingTask task) {
        TaskForm form = task.form();
        BigDecimal fixedAssets = form.amount(AgreementProcess.FIXED_ASSET_INVESTMENT, "固定资产投资（万元）");
        BigDecimal jobs = form.amount(AgreementProcess.JOBS, "就业人数");
        if (jobs.stripTrailingZeros().scale() > 0 || jobs.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
            throw new TaskInputRejected("就业人数须为整数");
        }
        BigDecimal output = form.amount(AgreementProcess.OUTPUT_VALUE, "产值（万元）");
        BigDecimal tax = form.amount(AgreementProcess.TAX, "税收（万元）");
        steps.evaluate(task.trace(), AgreementExpressions.agreementId(task.task().getExecution()),
                expressions.evaluationStart(task.task().getExecution()), fixedAssets, jobs, output, tax, form.text(AgreementProcess.EVALUATION_NOTE));
    }

    /** The head the pending exception was sent to (the task's assignee as the model sets it, when none is pending). */
    private String exceptionApprover(DelegateTask task) {
        return records.latestException(milestone(task).id()).filter(AgreementRecords.MetException::pending)
                .map(AgreementRecords.MetException::approver).orElse((String) task.getVariable(AgreementProcess.EXCEPTION_APPROVER));
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
