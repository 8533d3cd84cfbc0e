package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * 兑付申请: a request is checked against {@link PaymentRules} (超前、超额、超范围 and 按比例兑付) with the incentive's row locked, so that
 * concurrent requests for one incentive are decided one after the other and can never together pass
 * the cap; a passing request reserves its amount and goes to 发改委's review in the agreement's process.
 * A refused request writes nothing.
 */
@Service
public class IncentivePaymentService {

    private final AgreementRecords records;
    private final ProjectService projects;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transactions;

    IncentivePaymentService(AgreementRecords records, ProjectService projects, RuntimeService runtimeService,
            TransactionTemplate transactions) {
        this.records = records;
        this.projects = projects;
        this.runtimeService = runtimeService;
        this.transactions = transactions;
    }

    /** The new payment's id; refused with the rule's name, or a field error for bad input. */
    public long request(long agreementId, Long incentiveId, BigDecimal amount, String note, StaffUser user) {
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.execute(status -> requestOnce(agreementId, incentiveId, amount, note, user));
            } catch (OptimisticLockingException e) {
                // Another step of the same process instance committed first (e.g. a request for another incentive).
                if (attempt == 3) {
                    throw ApiException.conflict("系统繁忙，请稍后重试");
                }
            }
        }
    }

    private long requestOnce(long agreementId, Long incentiveId, BigDecimal amount, String note, StaffUser user) {
        AgreementRecords.Agreement agreement = records.agreement(agreementId)
                .orElseThrow(() -> ApiException.notFound("协议不存在：" + agreementId));
        InvestmentProject project = projects.get(agreement.projectCode(), user);
        if (!AgreementService.mayManage(project, user)) {
            throw ApiException.forbidden("只有区合作交流办或项目承载单位可以提交兑付申请");
        }
        if (amount == null || amount.signum() <= 0) {
            throw ApiException.badField("amount", "申请金额须大于0（万元）");
        }
        if (amount.compareTo(AgreementService.MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
            throw ApiException.badField("amount", "申请金额超出范围（最多两位小数）");
        }
        if (note != null && note.length() > 2000) {
            throw ApiException.badField("note", "说明不能超过2000字");
        }
        if (!agreement.active()) {
            throw ApiException.conflict("协议" + agreement.statusLabel() + "，不能再申请兑付");
        }
        if (incentiveId == null) {
            throw ApiException.badField("incentiveId", "请选择要兑付的奖励条款");
        }
        Optional<AgreementRecords.Incentive> incentive = records.lockIncentive(incentiveId)
                .filter(i -> i.agreementId() == agreementId);
        List<AgreementRecords.Milestone> unlocking = incentive.map(i -> i.milestoneIds().stream().map(records::milestone).toList())
                .orElse(List.of());
        BigDecimal paid = incentive.map(i -> records.sumPayments(i.id(), "PAID")).orElse(BigDecimal.ZERO);
        BigDecimal reserved = incentive.map(i -> records.sumPayments(i.id(), "REQUESTED")).orElse(BigDecimal.ZERO);
        Set<Long> fullPayment = incentive.map(i -> records.fullPaymentDecided(i.milestoneIds())).orElse(Set.of());
        PaymentRules.check(incentive.orElse(null), unlocking, fullPayment, paid, reserved, amount).ifPresent(refusal -> {
            throw new PaymentRefused(refusal);
        });
        long paymentId = records.insertPayment(incentiveId, amount, note == null || note.isBlank() ? null : note.trim(), user.id());
        runtimeService.createMessageCorrelation(AgreementProcess.MESSAGE_PAYMENT)
                .processInstanceId(agreement.processInstanceId())
                .setVariableToTriggeredScope(AgreementProcess.PAYMENT_ID, paymentId)
                .correlate();
        projects.recordEvent(agreement.projectCode(), ProjectEventType.INCENTIVE_PAYMENT, user.id(),
                "申请兑付「%s」%s 万元".formatted(incentive.get().name(), PaymentRules.plain(amount)), agreement.processInstanceId(), null);
        return paymentId;
    }

    /** What the incentive may pay in total now (its cap, or the pro-rata share when a milestone was met below its signed target). */
    public PaymentRules.ProRata payable(AgreementRecords.Incentive incentive) {
        List<AgreementRecords.Milestone> unlocking = incentive.milestoneIds().stream().map(records::milestone).toList();
        return PaymentRules.proRata(incentive, unlocking, records.fullPaymentDecided(incentive.milestoneIds()));
    }

    /** A request that breaks one of the rules (HTTP 422, the message starts with the rule's name). */
    public static class PaymentRefused extends ApiException {

        private final PaymentRules.Rule rule;

        PaymentRefused(PaymentRules.Refusal refusal) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, refusal.message());
            this.rule = refusal.rule();
        }

        public PaymentRules.Rule rule() {
            return rule;
        }
    }

    /** For the API: the request body. */
    public record PaymentRequest(Long incentiveId, BigDecimal amount, String note) {
    }
}
