package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** 杜绝超前兑付、超额兑付、超范围兑付 (policy 003), rule by rule, in the order a request meets them. */
class PaymentRulesTest {

    static final AgreementRecords.Incentive LANDING = new AgreementRecords.Incentive(7, 1, "落地奖励", new BigDecimal("100"), List.of(1L, 2L));

    @Test
    void anIncentiveNotInTheAgreementIsOutOfScope() {
        assertThat(PaymentRules.check(null, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE))
                .hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(PaymentRules.Rule.OUT_OF_SCOPE));
    }

    @Test
    void everyUnlockingMilestoneMustBeVerifiedMet() {
        var refusal = PaymentRules.check(LANDING, List.of(milestone(1, "注册落地", MilestoneStatus.MET),
                milestone(2, "资金到位", MilestoneStatus.ADJUSTED)), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo(PaymentRules.Rule.AHEAD_OF_MILESTONE);
            assertThat(r.message()).startsWith("超前兑付").contains("「资金到位」（已调整）").doesNotContain("注册落地」（");
        });
        assertThat(PaymentRules.check(LANDING, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE))
                .as("an incentive without milestones unlocks nothing").hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(PaymentRules.Rule.AHEAD_OF_MILESTONE));
    }

    @Test
    void paidReservedAndRequestedTogetherMayReachTheCapButNotExceedIt() {
        List<AgreementRecords.Milestone> met = List.of(milestone(1, "注册落地", MilestoneStatus.MET), milestone(2, "资金到位", MilestoneStatus.MET));
        assertThat(PaymentRules.check(LANDING, met, new BigDecimal("50"), new BigDecimal("30"), new BigDecimal("20"))).isEmpty();
        assertThat(PaymentRules.check(LANDING, met, new BigDecimal("50"), new BigDecimal("30"), new BigDecimal("20.01")))
                .hasValueSatisfying(r -> {
                    assertThat(r.rule()).isEqualTo(PaymentRules.Rule.OVER_CAP);
                    assertThat(r.message()).isEqualTo("超额兑付：「落地奖励」上限 100 万元，已兑付 50 万元、审核中 30 万元，本次申请 20.01 万元，合计超出上限");
                });
    }

    static AgreementRecords.Milestone milestone(long id, String title, MilestoneStatus status) {
        return new AgreementRecords.Milestone(id, 1, (int) id, MilestoneType.OTHER, title, BigDecimal.ONE, "项", LocalDate.of(2026, 6, 30),
                "unit-street-jinzhong", "dept-gongxin", status, null, null, null, null, null, null, null);
    }
}
