package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** 后评价 against the agreement's targets: which target applies, how the shortfall is computed and flagged. */
class EvaluationComparisonTest {

    static final BigDecimal THRESHOLD = new BigDecimal("0.30");

    @Test
    void theTargetDueMostRecentlyBeforeTheReportApplies() {
        List<AgreementRecords.Milestone> milestones = List.of(
                milestone(1, MilestoneType.ANNUAL_TAX, "300", "2027-12-31", MilestoneStatus.MET),
                milestone(2, MilestoneType.ANNUAL_TAX, "800", "2028-12-31", MilestoneStatus.PENDING),
                milestone(3, MilestoneType.ANNUAL_JOBS, "200", "2029-12-31", MilestoneStatus.PENDING),
                milestone(4, MilestoneType.FIXED_ASSET_INVESTMENT, "10000", "2027-06-30", MilestoneStatus.WAIVED));
        var lines = EvaluationComparison.compare(milestones, LocalDate.parse("2029-01-10"), Map.of(
                MilestoneType.FIXED_ASSET_INVESTMENT, new BigDecimal("100"), MilestoneType.ANNUAL_JOBS, new BigDecimal("150"),
                MilestoneType.ANNUAL_OUTPUT, new BigDecimal("5000"), MilestoneType.ANNUAL_TAX, new BigDecimal("600")), THRESHOLD);
        assertThat(lines).extracting(EvaluationComparison.Line::indicator).containsExactly("固投", "就业", "产值", "税收");
        // 固投: its only target was waived; 产值: none agreed.
        assertThat(lines.get(0).target()).isNull();
        assertThat(lines.get(2).target()).isNull();
        // 就业: no target due yet, so the first one (200) applies: 25% short, under the threshold.
        assertThat(lines.get(1).target()).isEqualByComparingTo("200");
        assertThat(lines.get(1).shortfall()).isEqualByComparingTo("0.25");
        assertThat(lines.get(1).flagged()).isFalse();
        // 税收: 2028's target (800) applies on 2029-01-10: 25% short.
        assertThat(lines.get(3).target()).isEqualByComparingTo("800");
        assertThat(EvaluationComparison.describe(lines)).isEqualTo(
                "固投 无协议目标 实际 100；就业 目标 200 实际 150（差 25.0%）；产值 无协议目标 实际 5000；税收 目标 800 实际 600（差 25.0%）");
    }

    @Test
    void aShortfallAboveTheThresholdIsFlaggedAndExceedingTheTargetIsNoShortfall() {
        List<AgreementRecords.Milestone> milestones = List.of(milestone(1, MilestoneType.ANNUAL_OUTPUT, "1000", "2027-12-31", MilestoneStatus.MET),
                milestone(2, MilestoneType.ANNUAL_TAX, "100", "2027-12-31", MilestoneStatus.MET));
        var lines = EvaluationComparison.compare(milestones, LocalDate.parse("2028-03-01"), Map.of(
                MilestoneType.FIXED_ASSET_INVESTMENT, BigDecimal.ZERO, MilestoneType.ANNUAL_JOBS, BigDecimal.ZERO,
                MilestoneType.ANNUAL_OUTPUT, new BigDecimal("699"), MilestoneType.ANNUAL_TAX, new BigDecimal("150")), THRESHOLD);
        assertThat(lines.get(2).flagged()).as("30.1%% short").isTrue();
        assertThat(lines.get(3).shortfall()).isEqualByComparingTo("0");
        assertThat(lines.get(3).flagged()).isFalse();
        assertThat(EvaluationComparison.describe(lines)).contains("产值 目标 1000 实际 699（差 30.1%）【未达标预警】", "税收 目标 100 实际 150（达标）");
    }

    static AgreementRecords.Milestone milestone(long id, MilestoneType type, String target, String due, MilestoneStatus status) {
        return new AgreementRecords.Milestone(id, 1, (int) id, type, type.label(), new BigDecimal(target), type.defaultUnit(),
                LocalDate.parse(due), "unit-street-jinzhong", "dept-gongxin", status, null, null, null, null, null, null, null,
                new BigDecimal(target));
    }
}
