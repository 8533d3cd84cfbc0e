package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 杜绝超前兑付、超额兑付、超范围兑付 (policy 003), rule by rule, in the order a request meets them, and 按比例兑付:
 * an incentive unlocked below the signed target pays its share unless the district decided otherwise.
 */
class PaymentRulesTest {

    static final AgreementRecords.Incentive LANDING = new AgreementRecords.Incentive(7, 1, "落地奖励", new BigDecimal("100"), List.of(1L, 2L));

    @Test
    void anIncentiveNotInTheAgreementIsOutOfScope() {
        assertThat(PaymentRules.check(null, List.of(), Set.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE))
                .hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(PaymentRules.Rule.OUT_OF_SCOPE));
    }

    @Test
    void everyUnlockingMilestoneMustBeVerifiedMet() {
        var refusal = PaymentRules.check(LANDING, List.of(milestone(1, "注册落地", MilestoneStatus.MET),
                milestone(2, "资金到位", MilestoneStatus.ADJUSTED)), Set.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo(PaymentRules.Rule.AHEAD_OF_MILESTONE);
            assertThat(r.message()).startsWith("超前兑付").contains("「资金到位」（已调整）").doesNotContain("注册落地」（");
        });
        assertThat(PaymentRules.check(LANDING, List.of(), Set.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE))
                .as("an incentive without milestones unlocks nothing")
                .hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(PaymentRules.Rule.AHEAD_OF_MILESTONE));
    }

    @Test
    void paidReservedAndRequestedTogetherMayReachTheCapButNotExceedIt() {
        List<AgreementRecords.Milestone> met = List.of(milestone(1, "注册落地", MilestoneStatus.MET), milestone(2, "资金到位", MilestoneStatus.MET));
        assertThat(PaymentRules.check(LANDING, met, Set.of(), new BigDecimal("50"), new BigDecimal("30"), new BigDecimal("20"))).isEmpty();
        assertThat(PaymentRules.check(LANDING, met, Set.of(), new BigDecimal("50"), new BigDecimal("30"), new BigDecimal("20.01")))
                .hasValueSatisfying(r -> {
                    assertThat(r.rule()).isEqualTo(PaymentRules.Rule.OVER_CAP);
                    assertThat(r.message()).isEqualTo("超额兑付：「落地奖励」上限 100 万元，已兑付 50 万元、审核中 30 万元，本次申请 20.01 万元，合计超出上限");
                });
    }

    @Test
    @DisplayName("按比例兑付: 目标经区领导决定下调后达成，奖励按 实际 ÷ 签约目标 兑付（policy 003: \"杜绝超前兑付、超额兑付、超范围兑付\"; 001: \"区政策资金领导小组会议…研究审议\"）")
    void anIncentiveUnlockedByALoweredTargetPaysItsShareOfTheCap() {
        // 资金到位 signed at 3000 万元, lowered to 2400 by the district, met with 2400: 80% of the signed target.
        AgreementRecords.Milestone funding = milestone(2, "首期资金到位", MilestoneStatus.MET, "2400", "2400", "3000");
        List<AgreementRecords.Milestone> unlocking = List.of(milestone(1, "注册落地", MilestoneStatus.MET), funding);

        PaymentRules.ProRata share = PaymentRules.proRata(LANDING, unlocking, Set.of());
        assertThat(share.ratio()).isEqualByComparingTo("0.8");
        assertThat(share.payable()).isEqualByComparingTo("80");
        assertThat(share.milestone()).isEqualTo(funding);
        assertThat(PaymentRules.check(LANDING, unlocking, Set.of(), new BigDecimal("50"), new BigDecimal("10"), new BigDecimal("20"))).isEmpty();
        assertThat(PaymentRules.check(LANDING, unlocking, Set.of(), new BigDecimal("50"), new BigDecimal("10"), new BigDecimal("20.01")))
                .hasValueSatisfying(r -> {
                    assertThat(r.rule()).isEqualTo(PaymentRules.Rule.OVER_PRO_RATA);
                    assertThat(r.message()).startsWith("超比例兑付：「落地奖励」的解锁节点「首期资金到位」实际完成 2400 万元，为协议签订时目标 3000 万元的 80%")
                            .contains("可兑付 100 × 80% = 80 万元", "已兑付 50 万元、审核中 10 万元，本次申请 20.01 万元");
                });
    }

    @Test
    @DisplayName("\"unless that decision says otherwise\": 区领导决定全额兑付的，按上限检查")
    void theDistrictMayDecideToPayInFull() {
        AgreementRecords.Milestone funding = milestone(2, "首期资金到位", MilestoneStatus.MET, "2400", "2400", "3000");
        List<AgreementRecords.Milestone> unlocking = List.of(milestone(1, "注册落地", MilestoneStatus.MET), funding);
        assertThat(PaymentRules.proRata(LANDING, unlocking, Set.of(2L)).reduced()).isFalse();
        assertThat(PaymentRules.check(LANDING, unlocking, Set.of(2L), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100"))).isEmpty();
        assertThat(PaymentRules.check(LANDING, unlocking, Set.of(2L), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100.01")))
                .hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(PaymentRules.Rule.OVER_CAP));
    }

    @Test
    void theLowestShareOfSeveralShortMilestonesCountsAndOverachievementDoesNotRaiseTheCap() {
        List<AgreementRecords.Milestone> unlocking = List.of(milestone(1, "注册落地", MilestoneStatus.MET, "1", "1", "1"),
                milestone(2, "资金到位", MilestoneStatus.MET, "950", "1000", "1000"),
                milestone(3, "年度产值", MilestoneStatus.MET, "6000", "6000", "10000"));
        PaymentRules.ProRata share = PaymentRules.proRata(LANDING, unlocking, Set.of());
        assertThat(share.percent()).isEqualTo("60%");
        assertThat(share.payable()).isEqualByComparingTo("60");
        assertThat(PaymentRules.proRata(LANDING, List.of(milestone(1, "资金到位", MilestoneStatus.MET, "1500", "1000", "1000")), Set.of())
                .payable()).as("more than the target pays the cap, not more").isEqualByComparingTo("100");
        assertThat(PaymentRules.proRata(LANDING, List.of(milestone(1, "资金到位", MilestoneStatus.MET, "333", "1000", "1000")), Set.of())
                .payable()).as("rounded down to 0.01 万元").isEqualByComparingTo("33.3");
    }

    static AgreementRecords.Milestone milestone(long id, String title, MilestoneStatus status) {
        return milestone(id, title, status, null, "1", "1");
    }

    static AgreementRecords.Milestone milestone(long id, String title, MilestoneStatus status, String actual, String target, String signed) {
        return new AgreementRecords.Milestone(id, 1, (int) id, MilestoneType.OTHER, title, new BigDecimal(target), "万元",
                LocalDate.of(2026, 6, 30), "unit-street-jinzhong", "dept-gongxin", status, actual == null ? null : new BigDecimal(actual),
                null, null, null, null, null, null, new BigDecimal(signed));
    }
}
