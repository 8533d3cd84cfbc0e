package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * 核验履约节点 compares the actual with the target: 达成 only when the reported actual reaches the milestone's
 * target; below it the verifier may propose 例外达成 with a written reason, which the department's head
 * approves (the head's own verification goes to the head's supervisor: nobody approves their own exception);
 * 未达成 needs a reason and opens 督办. Pure, so the rule is testable on its own.
 */
public final class MilestoneVerification {

    public static final String MET = "MET";
    public static final String MET_BY_EXCEPTION = "MET_BY_EXCEPTION";
    public static final String MISSED = "MISSED";

    private MilestoneVerification() {
    }

    public static boolean reachesTarget(BigDecimal actual, BigDecimal target) {
        return actual != null && actual.compareTo(target) >= 0;
    }

    /** Why the verifier's conclusion is refused, in Chinese, or empty when it stands. */
    public static Optional<String> refusal(String result, BigDecimal actual, BigDecimal target, String unit, String note) {
        boolean reasoned = note != null && !note.isBlank();
        String figures = "报送实际值 %s %s，目标 %s %s".formatted(actual == null ? "（未报送）" : PaymentRules.plain(actual), unit,
                PaymentRules.plain(target), unit);
        if (result == null) {
            return Optional.of("请选择核验结论（达成、例外达成或未达成）");
        }
        return switch (result) {
            case MET -> reachesTarget(actual, target) ? Optional.empty()
                    : Optional.of("核验为达成须实际完成值不低于目标：" + figures
                            + "。确属特殊情况的，请选择“例外达成（报部门负责人审批）”并说明理由；否则请核验为未达成");
            case MET_BY_EXCEPTION -> reachesTarget(actual, target) ? Optional.of("实际完成值已达到目标（" + figures + "），请直接核验为达成")
                    : reasoned ? Optional.empty() : Optional.of("例外达成须说明理由：为何" + figures + "仍视为达成");
            case MISSED -> reasoned ? Optional.empty() : Optional.of("核验为未达成时请说明理由");
            default -> Optional.of("请选择核验结论（达成、例外达成或未达成）");
        };
    }

    /**
     * Who approves a verifier's exception: the verifying department's head; when the verifier is the head, or the
     * department has none, the verifier's supervisor; nobody else (then no exception can be asked for).
     */
    public static Optional<String> exceptionApprover(Optional<String> departmentHead, Optional<String> verifierSupervisor, String verifier) {
        return departmentHead.filter(head -> !head.equals(verifier))
                .or(() -> verifierSupervisor.filter(supervisor -> !supervisor.equals(verifier)));
    }
}
