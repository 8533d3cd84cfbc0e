package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The three rules of policy 003 (杜绝超前兑付、超额兑付、超范围兑付) a payment request must pass before
 * any person approves it. Pure: the caller supplies the incentive (or none), its unlocking milestones,
 * and what is already paid and reserved by requests under review.
 */
public final class PaymentRules {

    public enum Rule {
        OUT_OF_SCOPE("超范围兑付"), AHEAD_OF_MILESTONE("超前兑付"), OVER_CAP("超额兑付");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A refused request: the rule broken and a Chinese explanation that starts with the rule's name. */
    public record Refusal(Rule rule, String message) {
    }

    private PaymentRules() {
    }

    /**
     * @param incentive the incentive of this agreement the request names, or null when the agreement has none such
     * @param unlocking the incentive's unlocking milestones
     * @param paid      already paid for the incentive
     * @param reserved  requested and still under review
     */
    public static Optional<Refusal> check(AgreementRecords.Incentive incentive, List<AgreementRecords.Milestone> unlocking,
            BigDecimal paid, BigDecimal reserved, BigDecimal requested) {
        if (incentive == null) {
            return Optional.of(new Refusal(Rule.OUT_OF_SCOPE, "超范围兑付：本协议没有该奖励条款，不能兑付"));
        }
        List<AgreementRecords.Milestone> unmet = unlocking.stream().filter(m -> m.status() != MilestoneStatus.MET).toList();
        if (unlocking.isEmpty() || !unmet.isEmpty()) {
            String names = unmet.stream().map(m -> "「" + m.title() + "」（" + m.status().label() + "）").collect(Collectors.joining("、"));
            return Optional.of(new Refusal(Rule.AHEAD_OF_MILESTONE,
                    "超前兑付：解锁「" + incentive.name() + "」的履约节点尚未核验达成：" + names));
        }
        BigDecimal total = paid.add(reserved).add(requested);
        if (total.compareTo(incentive.cap()) > 0) {
            return Optional.of(new Refusal(Rule.OVER_CAP, "超额兑付：「%s」上限 %s 万元，已兑付 %s 万元、审核中 %s 万元，本次申请 %s 万元，合计超出上限"
                    .formatted(incentive.name(), plain(incentive.cap()), plain(paid), plain(reserved), plain(requested))));
        }
        return Optional.empty();
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
