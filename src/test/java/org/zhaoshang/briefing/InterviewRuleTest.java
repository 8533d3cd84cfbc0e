package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who is interviewed (约谈) and why. Policy 003: "对于季度、半年、全年排名后三位的单位主官进行约谈"; policy 000:
 * "以各区完成目标任务为考核基础…对内资、外资未完成市人民政府下达任务目标的区以及内资、外资综合排名后三位的区…约谈".
 */
class InterviewRuleTest {

    static final List<BriefingMetric> INNER_AND_FOREIGN = List.of(BriefingMetric.DOMESTIC_FUNDS, BriefingMetric.FOREIGN_CAPITAL);

    /** A ranking of units in the given order (first = best), with their 内资到位额. */
    static InterviewRule.Ranking ranking(String scope, BriefingGroup group, String... unitsAndFunds) {
        List<UnitFigures.Ranked> rows = new ArrayList<>();
        for (int i = 0; i < unitsAndFunds.length; i++) {
            String[] parts = unitsAndFunds[i].split("=");
            UnitFigures f = new UnitFigures(parts[0], BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(parts[1]),
                    BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);
            rows.add(new UnitFigures.Ranked(i + 1, f, BigDecimal.valueOf(100L - i * 10L), Map.of()));
        }
        return new InterviewRule.Ranking(scope, group, rows);
    }

    static List<String> details(Map<String, List<InterviewRule.Reason>> reasons, String unit) {
        return reasons.get(unit).stream().map(InterviewRule.Reason::detail).toList();
    }

    @Test
    @DisplayName("003 \"季度…排名后三位的单位主官进行约谈\": after September the quarter's last three of each group of more than three")
    void aQuarterNamesItsLastThree() {
        var reasons = InterviewRule.reasons(YearMonth.of(2026, 9), List.of(
                ranking(BriefingService.QUARTER, BriefingGroup.AREA, "a=9", "b=8", "c=7", "d=6", "e=5"),
                ranking(BriefingService.QUARTER, BriefingGroup.DEPARTMENT, "dept-x=0", "dept-y=0", "dept-z=0")),
                Map.of("e", Map.of(BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("1000000"))), INNER_AND_FOREIGN);

        assertThat(reasons).containsOnlyKeys("c", "d", "e");
        assertThat(details(reasons, "e")).containsExactly("2026年第三季度排名后三位（街道、园区第5名，共5个）");
        // September is no assessment month: a unit far below its 内资 target is not interviewed for it.
        assertThat(reasons.get("e")).extracting(InterviewRule.Reason::kind).containsOnly(InterviewRule.Kind.LAST_THREE);
    }

    @Test
    @DisplayName("003 \"季度、半年…排名后三位\" and 000 \"突出半年考核…未完成…任务目标…约谈\": June names quarter, half-year and target misses, each unit once")
    void juneNamesTheQuarterTheHalfYearAndTheTargetMissesOncePerUnit() {
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of(
                // Yearly 1,000 万元 → the half-year's 500: 300 misses, 500 makes it.
                "e", Map.of(BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("1000")),
                "a", Map.of(BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("1000"), BriefingMetric.LANDED, new BigDecimal("99")),
                "b", Map.of(BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("800")),
                "dept-w", Map.of(BriefingMetric.FOREIGN_CAPITAL, new BigDecimal("100")));
        var reasons = InterviewRule.reasons(YearMonth.of(2026, 6), List.of(
                ranking(BriefingService.QUARTER, BriefingGroup.AREA, "a=900", "b=400", "c=0", "d=0", "e=0"),
                ranking(BriefingService.QUARTER, BriefingGroup.DEPARTMENT, "dept-w=0", "dept-x=0", "dept-y=0", "dept-z=0"),
                ranking(BriefingService.HALF, BriefingGroup.AREA, "a=900", "b=400", "d=300", "c=100", "e=300"),
                ranking(BriefingService.HALF, BriefingGroup.DEPARTMENT, "dept-w=0", "dept-x=0", "dept-y=0", "dept-z=0")),
                targets, INNER_AND_FOREIGN);

        // e: last of the quarter and of the half-year, and below half its 内资 target — one 约谈, three reasons.
        assertThat(details(reasons, "e")).containsExactly("2026年第二季度排名后三位（街道、园区第5名，共5个）",
                "2026年上半年排名后三位（街道、园区第5名，共5个）",
                "2026年上半年内资到位额（万元）未完成目标任务（完成300，目标500，完成率60%）");
        // b: not among the last three, but 400 of the half-year's 400 is met: no 约谈; a makes its 内资 (LANDED is no miss metric).
        assertThat(reasons).doesNotContainKeys("a", "b");
        // dept-w ranks first among departments but misses its 外资 target; the last three departments are named too.
        assertThat(details(reasons, "dept-w")).containsExactly("2026年上半年外资（万美元）未完成目标任务（完成0，目标50，完成率0%）");
        assertThat(reasons).containsKeys("c", "d", "dept-x", "dept-y", "dept-z");
        assertThat(reasons.keySet()).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("003 \"全年排名后三位\" and 000 \"未完成…任务目标\": December adds the year's ranking and the year's target")
    void decemberAddsTheYear() {
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of(
                // The whole yearly target counts in December: 900 of 1,000 misses although it would have made a half-year.
                "a", Map.of(BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("1000")));
        var reasons = InterviewRule.reasons(YearMonth.of(2026, 12), List.of(
                ranking(BriefingService.QUARTER, BriefingGroup.AREA, "a=500", "c=0", "b=0", "d=0", "e=0"),
                ranking(BriefingService.HALF, BriefingGroup.AREA, "a=800", "c=0", "b=0", "d=0", "e=0"),
                ranking(BriefingService.YEAR, BriefingGroup.AREA, "a=900", "e=0", "b=0", "c=0", "d=0")),
                targets, INNER_AND_FOREIGN);

        assertThat(details(reasons, "a")).containsExactly("2026年度内资到位额（万元）未完成目标任务（完成900，目标1000，完成率90%）");
        assertThat(details(reasons, "b")).containsExactly("2026年第四季度排名后三位（街道、园区第3名，共5个）",
                "2026年下半年排名后三位（街道、园区第3名，共5个）", "2026年度排名后三位（街道、园区第3名，共5个）");
        assertThat(details(reasons, "e")).containsExactly("2026年第四季度排名后三位（街道、园区第5名，共5个）",
                "2026年下半年排名后三位（街道、园区第5名，共5个）");
    }

    @Test
    void periodNames() {
        assertThat(InterviewRule.periodName(BriefingService.QUARTER, YearMonth.of(2026, 3))).isEqualTo("2026年第一季度");
        assertThat(InterviewRule.periodName(BriefingService.HALF, YearMonth.of(2026, 12))).isEqualTo("2026年下半年");
        assertThat(InterviewRule.periodName(BriefingService.YEAR, YearMonth.of(2026, 12))).isEqualTo("2026年度");
        assertThat(InterviewRule.periodName(BriefingService.MONTH, YearMonth.of(2026, 5))).isEqualTo("2026年5月");
    }
}
