package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.zhaoshang.agreement.AgreementProcess.ExceptionDecision;
import org.zhaoshang.agreement.AgreementProcess.PaymentBasis;
import org.zhaoshang.agreement.AgreementProcess.PaymentDecision;
import org.zhaoshang.agreement.AgreementProcess.ShortfallDecision;
import org.zhaoshang.agreement.AgreementProcess.TargetDecision;
import org.zhaoshang.agreement.AgreementProcess.Verification;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskTrace;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.StaffProfile;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * The business writes of each step of 协议分阶段跟踪, one method per user task ({@link AgreementTasks} reads the form and
 * calls it): the rules that need the agreement's records (evidence before a report, 达成 only at the target, dates
 * after today, the payment rules again at approval), then the agreement tables and the project's timeline. A refusal
 * throws {@link TaskInputRejected} before anything is written.
 */
@Service
class AgreementSteps {

    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final ProjectService projects;
    private final WorkingDayCalendar calendar;
    private final AgreementProperties properties;
    private final OrgDirectory directory;

    AgreementSteps(AgreementRecords records, EvidenceService evidence, ProjectService projects, WorkingDayCalendar calendar,
            AgreementProperties properties, OrgDirectory directory) {
        this.records = records;
        this.evidence = evidence;
        this.projects = projects;
        this.calendar = calendar;
        this.properties = properties;
        this.directory = directory;
    }

    /** 报送履约情况: evidence uploaded or linked, then the reported value. */
    void report(TaskTrace t, AgreementRecords.Milestone m, BigDecimal actual, String text, String link, StaffUser user) {
        if (link != null) {
            try {
                evidence.link(m.id(), link, "报送时填写", user);
            } catch (ApiException e) {
                throw new TaskInputRejected(e.getMessage());
            }
        }
        if (evidence.count(m.id()) == 0) {
            throw new TaskInputRejected("请先在项目页面上传佐证材料，或在表单中填写佐证链接");
        }
        records.report(m.id(), actual, text, t.actor());
        event(t, ProjectEventType.MILESTONE_REPORTED, "%s：实际 %s %s；%s".formatted(m.title(), PaymentRules.plain(actual), m.targetUnit(), text));
    }

    /**
     * 核验: 达成 only when the actual reaches the target; below it 例外达成 (reasoned, to the department head) or 未达成.
     * {@code exceptionsSupported}: the instance's model version has the head's approval step.
     */
    void verify(TaskTrace t, AgreementRecords.Milestone m, Verification result, String note, boolean exceptionsSupported) {
        MilestoneVerification.refusal(result == null ? null : result.name(), m.actualValue(), m.targetValue(), m.targetUnit(), note)
                .ifPresent(message -> {
                    throw new TaskInputRejected(message);
                });
        if (result == Verification.MET_BY_EXCEPTION) {
            if (!exceptionsSupported) {
                throw new TaskInputRejected("该协议的跟踪流程版本较早，不支持例外达成：请核验为未达成，由督办决定后续处理");
            }
            String approver = MilestoneVerification.exceptionApprover(
                    directory.findUnit(m.verifyingDepartment()).map(OrgUnit::headUserId),
                    directory.findProfile(t.actor()).map(StaffProfile::supervisorId), t.actor())
                    .orElseThrow(() -> new TaskInputRejected("核验部门（" + directory.unitName(m.verifyingDepartment())
                            + "）未设置负责人，不能申请例外达成；请联系管理员设置部门负责人，或核验为未达成"));
            records.insertException(m, note, t.actor(), approver);
            event(t, ProjectEventType.MILESTONE_VERIFIED, "%s：申请例外达成（实际 %s，目标 %s %s），报 %s 审批：%s".formatted(m.title(),
                    PaymentRules.plain(m.actualValue()), PaymentRules.plain(m.targetValue()), m.targetUnit(), directory.personName(approver), note));
            return;
        }
        MilestoneStatus status = result == Verification.MET ? MilestoneStatus.MET : MilestoneStatus.MISSED;
        records.verify(m.id(), status, note, t.actor());
        event(t, ProjectEventType.MILESTONE_VERIFIED, "%s：%s%s".formatted(m.title(), status.label(), note == null ? "" : "（" + note + "）"));
    }

    /** The pending exception of the milestone, refused when there is none. */
    AgreementRecords.MetException pendingException(AgreementRecords.Milestone m) {
        return records.latestException(m.id()).filter(AgreementRecords.MetException::pending)
                .orElseThrow(() -> new TaskInputRejected("没有待审批的例外达成申请"));
    }

    /** The department head's decision on a verifier's 例外达成: approved → 达成, refused → 未达成 (督办). */
    void approveException(TaskTrace t, AgreementRecords.Milestone m, ExceptionDecision decision, String note) {
        AgreementRecords.MetException exception = pendingException(m);
        boolean approved = decision == ExceptionDecision.APPROVE;
        if (!approved && note == null) {
            throw new TaskInputRejected("不批准例外达成时请说明理由");
        }
        records.decideException(exception.id(), approved, note, t.actor());
        String opinion = note == null ? "" : "：" + note;
        records.verify(m.id(), approved ? MilestoneStatus.MET : MilestoneStatus.MISSED, approved
                ? "例外达成（%s；%s 批准%s）".formatted(exception.reason(), directory.personName(t.actor()), opinion)
                : "例外达成未获批准（%s）".formatted(note), approved ? exception.requestedBy() : t.actor());
        event(t, ProjectEventType.MILESTONE_VERIFIED, "%s：%s例外达成%s".formatted(m.title(), approved ? "批准" : "不批准", opinion));
    }

    /** 承载单位 explains a miss. */
    void explain(TaskTrace t, AgreementRecords.Milestone m, String explanation) {
        records.explain(m.id(), explanation, t.actor());
        event(t, ProjectEventType.MILESTONE_SUPERVISED, "%s 未达成，承载单位说明：%s".formatted(m.title(), explanation));
    }

    /**
     * 督办决定 on a miss. {@code newDue} for RESCHEDULE/RENEGOTIATE; a changed {@code newTarget} is a fund decision the
     * district's leaders take (policies 001, 003): proposed to them where the instance's model has that step.
     */
    void decideShortfall(TaskTrace t, AgreementRecords.Milestone m, ShortfallDecision decision, LocalDate newDue, BigDecimal newTarget,
            String note, boolean targetDecisionsSupported) {
        switch (decision) {
            case RESCHEDULE -> {
                requireFuture(newDue, "新的完成时限须晚于今天");
                records.amend(m, "RESCHEDULE", newDue, null, MilestoneStatus.ADJUSTED, note, t.actor());
            }
            case RENEGOTIATE -> {
                requireFuture(newDue, "新的完成时限须晚于今天");
                if (newTarget != null && newTarget.compareTo(m.targetValue()) != 0) {
                    if (!targetDecisionsSupported) {
                        throw new TaskInputRejected("变更目标值须报区领导决定，该协议的跟踪流程版本较早不支持：请选择调整日期、豁免或终止协议");
                    }
                    records.proposeTargetChange(m, newTarget, newDue, note, t.actor());
                    records.decide(m.id(), decision.name(), note, t.actor());
                    event(t, ProjectEventType.MILESTONE_SUPERVISED, "%s 督办：提出将目标由 %s 变更为 %s %s、时限 %s，报区领导决定（%s）".formatted(
                            m.title(), PaymentRules.plain(m.targetValue()), PaymentRules.plain(newTarget), m.targetUnit(), newDue, note));
                    return;
                }
                records.amend(m, "RENEGOTIATE", newDue, null, MilestoneStatus.ADJUSTED, note, t.actor());
            }
            case WAIVE -> records.amend(m, "WAIVE", null, null, MilestoneStatus.WAIVED, note, t.actor());
            default -> {
                // TERMINATE: the agreement ends in the next step (终止协议).
            }
        }
        records.decide(m.id(), decision.name(), note, t.actor());
        event(t, decision == ShortfallDecision.TERMINATE ? ProjectEventType.MILESTONE_SUPERVISED : ProjectEventType.AGREEMENT_AMENDED,
                "%s 督办决定：%s（%s）".formatted(m.title(), AgreementExpressions.decisionLabel(decision.name()), note));
    }

    /** 区领导 (the district's collective decision) on 合作交流办's proposed target change; the decision is recorded. */
    void decideTargetChange(TaskTrace t, AgreementRecords.Milestone m, TargetDecision decision, PaymentBasis basis, String note) {
        AgreementRecords.TargetDecision proposal = records.latestTargetDecision(m.id()).filter(AgreementRecords.TargetDecision::pending)
                .orElseThrow(() -> new TaskInputRejected("没有待决定的目标变更"));
        if (decision == TargetDecision.APPROVE) {
            requireFuture(proposal.newDueOn(), "合作交流办提出的新时限 " + proposal.newDueOn() + " 已过，请不同意并由合作交流办重新提出");
            records.amend(m, "RENEGOTIATE", proposal.newDueOn(), proposal.newTarget(), MilestoneStatus.ADJUSTED,
                    "%s；区领导决定：%s（%s）".formatted(proposal.proposalReason(), note, basis.label()), t.actor());
            records.decideTargetChange(proposal.id(), true, basis.name(), note, t.actor());
            event(t, ProjectEventType.AGREEMENT_AMENDED, "%s：区领导同意将目标由 %s 变更为 %s %s（签约目标 %s），解锁奖励%s：%s".formatted(m.title(),
                    PaymentRules.plain(proposal.oldTarget()), PaymentRules.plain(proposal.newTarget()), m.targetUnit(),
                    PaymentRules.plain(proposal.signedTarget()), basis.label(), note));
        } else {
            records.decideTargetChange(proposal.id(), false, null, note, t.actor());
            event(t, ProjectEventType.MILESTONE_SUPERVISED, "%s：区领导不同意变更目标，退回合作交流办重新决定：%s".formatted(m.title(), note));
        }
    }

    /** 履约结案: only when no payment request is still being reviewed. */
    void close(TaskTrace t, long agreementId, String note) {
        if (records.openPaymentRequests(agreementId) > 0) {
            throw new TaskInputRejected("还有兑付申请在审核中，审核完毕后才能结案");
        }
        records.closeAgreement(agreementId, "FULFILLED", note == null ? "履约完毕" : note);
        event(t, ProjectEventType.AGREEMENT_ENDED, "协议履约结案" + (note == null ? "" : "：" + note));
    }

    /** 追回已兑付奖励: never more than is to be recovered. */
    void recover(TaskTrace t, long agreementId, BigDecimal recovered, String note) {
        BigDecimal due = records.payments(agreementId).stream().filter(p -> "TO_RECOVER".equals(p.recoveryStatus()))
                .map(AgreementRecords.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (recovered.compareTo(due) > 0) {
            throw new TaskInputRejected("已追回金额不能超过应追回的 " + PaymentRules.plain(due) + " 万元");
        }
        records.recordRecovery(agreementId, recovered, note);
        event(t, ProjectEventType.INCENTIVE_PAYMENT, "追回已兑付奖励 %s 万元（应追回 %s 万元）：%s".formatted(PaymentRules.plain(recovered),
                PaymentRules.plain(due), note));
    }

    /** 兑付审核: the payment rules again at approval (nothing may have changed them since the request, but a payment is final). */
    void reviewPayment(TaskTrace t, long paymentId, PaymentDecision decision, String note) {
        AgreementRecords.Payment payment = records.payment(paymentId);
        AgreementRecords.Incentive incentive = records.lockIncentive(payment.incentiveId()).orElseThrow();
        if (decision == PaymentDecision.APPROVE) {
            List<AgreementRecords.Milestone> unlocking = incentive.milestoneIds().stream().map(records::milestone).toList();
            BigDecimal paid = records.sumPayments(incentive.id(), "PAID");
            PaymentRules.check(incentive, unlocking, records.fullPaymentDecided(incentive.milestoneIds()), paid, BigDecimal.ZERO,
                    payment.amount()).ifPresent(refusal -> {
                        throw new TaskInputRejected(refusal.message());
                    });
            records.decidePayment(paymentId, "PAID", note, t.actor());
        } else {
            if (note == null) {
                throw new TaskInputRejected("不予兑付时请说明理由");
            }
            records.decidePayment(paymentId, "REJECTED", note, t.actor());
        }
        event(t, ProjectEventType.INCENTIVE_PAYMENT, "「%s」%s 万元：%s%s".formatted(incentive.name(), PaymentRules.plain(payment.amount()),
                decision.label(), note == null ? "" : "（" + note + "）"));
    }

    /** A yearly 后评价 report, compared with the agreement's targets; {@code start} is the first evaluation year's start. */
    void evaluate(TaskTrace t, long agreementId, LocalDate start, BigDecimal fixedAssets, BigDecimal jobs, BigDecimal output, BigDecimal tax,
            String note) {
        int year = records.evaluations(agreementId).size() + 1;
        List<EvaluationComparison.Line> lines = EvaluationComparison.compare(records.milestones(agreementId), today(),
                Map.of(MilestoneType.FIXED_ASSET_INVESTMENT, fixedAssets, MilestoneType.ANNUAL_JOBS, jobs,
                        MilestoneType.ANNUAL_OUTPUT, output, MilestoneType.ANNUAL_TAX, tax),
                properties.shortfallThreshold());
        boolean flagged = lines.stream().anyMatch(EvaluationComparison.Line::flagged);
        String comparison = EvaluationComparison.describe(lines);
        records.insertEvaluation(agreementId, t.code(), year, start.plusYears(year - 1L), start.plusYears(year).minusDays(1), fixedAssets,
                jobs.intValue(), output, tax, comparison, flagged, note, t.actor());
        event(t, ProjectEventType.POST_EVALUATION, "第%d年后评价：%s".formatted(year, comparison));
    }

    private void requireFuture(LocalDate due, String message) {
        if (!due.isAfter(today())) {
            throw new TaskInputRejected(message);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(calendar.now(), calendar.zone());
    }

    private void event(TaskTrace t, ProjectEventType type, String text) {
        projects.recordEvent(t.code(), type, t.actor(), text, t.processInstanceId(), t.taskId());
    }
}
