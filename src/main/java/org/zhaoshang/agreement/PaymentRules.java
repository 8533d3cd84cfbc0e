package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a payment request must pass before any person approves it: the three of policy 003
 * (杜绝超前兑付、超额兑付、超范围兑付) and 按比例兑付 — an incentive unlocked by a milestone met below the
 * target signed in the agreement (a target the district lowered after a miss, or a shortfall the
 * department head accepted as an exception) pays at most cap × actual / signed target, unless the
 * district's decision on that target said 全额兑付 (fund decisions are the collective body's, policy 001:
 * "区政策资金领导小组会议…研究审议"). Pure: the caller supplies the incentive (or none), its unlocking
 * milestones, the milestones the district decided to pay in full, and what is already paid and reserved.
 */
public final class PaymentRules {

    public enum Rule {
        OUT_OF_SCOPE("超范围兑付"), AHEAD_OF_MILESTONE("超前兑付"), OVER_PRO_RATA("超比例兑付"), OVER_CAP("超额兑付");

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

    /**
     * The share of the cap an incentive pays: {@code ratio} below 1 when {@code milestone} was met below its signed
     * target; {@code payable} = cap × ratio, rounded down to 0.01 万元.
     */
    public record ProRata(BigDecimal ratio, BigDecimal payable, AgreementRecords.Milestone milestone) {

        public boolean reduced() {
            return ratio.compareTo(BigDecimal.ONE) < 0;
        }

        /** e.g. "80%" */
        public String percent() {
            return plain(ratio.movePointRight(2).setScale(2, RoundingMode.DOWN)) + "%";
        }
    }

    private PaymentRules() {
    }

    /**
     * @param incentive    the incentive of this agreement the request names, or null when the agreement has none such
     * @param unlocking    the incentive's unlocking milestones
     * @param fullPayment  unlocking milestones whose changed target the district decided to pay in full
     * @param paid         already paid for the incentive
     * @param reserved     requested and still under review
     */
    public static Optional<Refusal> check(AgreementRecords.Incentive incentive, List<AgreementRecords.Milestone> unlocking,
            Set<Long> fullPayment, BigDecimal paid, BigDecimal reserved, BigDecimal requested) {
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
        ProRata share = proRata(incentive, unlocking, fullPayment);
        if (share.reduced() && total.compareTo(share.payable()) > 0) {
            AgreementRecords.Milestone m = share.milestone();
            return Optional.of(new Refusal(Rule.OVER_PRO_RATA, ("超比例兑付：「%s」的解锁节点「%s」实际完成 %s %s，为协议签订时目标 %s %s的 %s，"
                    + "按完成比例可兑付 %s × %s = %s 万元（区领导决定全额兑付的除外）；已兑付 %s 万元、审核中 %s 万元，本次申请 %s 万元，合计超出")
                    .formatted(incentive.name(), m.title(), plain(m.actualValue()), m.targetUnit(), plain(m.signedTarget()), m.targetUnit(),
                            share.percent(), plain(incentive.cap()), share.percent(), plain(share.payable()), plain(paid), plain(reserved),
                            plain(requested))));
        }
        if (total.compareTo(incentive.cap()) > 0) {
            return Optional.of(new Refusal(Rule.OVER_CAP, "超额兑付：「%s」上限 %s 万元，已兑付 %s 万元、审核中 %s 万元，本次申请 %s 万元，合计超出上限"
                    .formatted(incentive.name(), plain(incentive.cap()), plain(paid), plain(reserved), plain(requested))));
        }
        return Optional.empty();
    }

    /**
     * The incentive's payable share: the lowest actual / signed target (capped at 1) among its unlocking milestones,
     * leaving out those the district decided to pay in full and those without a reported value or a signed target.
     */
    public static ProRata proRata(AgreementRecords.Incentive incentive, List<AgreementRecords.Milestone> unlocking, Set<Long> fullPayment) {
        return unlocking.stream().filter(m -> !fullPayment.contains(m.id()))
                .filter(m -> m.actualValue() != null && m.signedTarget() != null && m.signedTarget().signum() > 0)
                .map(m -> new ProRata(m.actualValue().divide(m.signedTarget(), 4, RoundingMode.DOWN).min(BigDecimal.ONE), null, m))
                .min(Comparator.comparing(ProRata::ratio))
                .filter(ProRata::reduced)
                .map(p -> new ProRata(p.ratio(), incentive.cap().multiply(p.ratio()).setScale(2, RoundingMode.DOWN), p.milestone()))
                .orElse(new ProRata(BigDecimal.ONE, incentive.cap(), null));
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
