package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ranking rule of docs/briefing-score.md on a hand-computed quarter. */
class BriefingScoreTest {

    static UnitFigures unit(String code, String newProjects, String signed, String landed, String funds, int overdue, int escalations,
            int lost) {
        return new UnitFigures(code, new BigDecimal(newProjects), BigDecimal.ZERO, new BigDecimal(signed), new BigDecimal(landed),
                new BigDecimal(funds), BigDecimal.ZERO, overdue, escalations, 0, 0, lost, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);
    }

    static UnitFigures taxAndBonus(String code, String landed, String tax, String bonus) {
        return new UnitFigures(code, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(landed), BigDecimal.ZERO, BigDecimal.ZERO,
                0, 0, 0, 0, 0, 0, new BigDecimal(tax), new BigDecimal(bonus), 0, 0);
    }

    @Test
    void weightedCompletionOfTheQuarterCappedAt150PercentMinusPenalties() {
        // Yearly 12 projects, 12 signed, 12 landed, 12,000 万元 → the quarter's share is 3, 3, 3, 3,000. No 外资 target.
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of("unit-a", Map.of(BriefingMetric.NEW_PROJECTS, new BigDecimal("12"),
                BriefingMetric.SIGNED, new BigDecimal("12"), BriefingMetric.LANDED, new BigDecimal("12"),
                BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("12000"), BriefingMetric.FOREIGN_CAPITAL, BigDecimal.ZERO));
        List<UnitFigures.Ranked> ranked = BriefingScore.rank(List.of(
                unit("unit-c", "0", "0", "0", "0", 0, 0, 1),
                unit("unit-b", "2", "0", "0", "0", 0, 0, 0),
                // 3 new (100%), 6 signed (200% → 150%), 1.5 landed after 三七分成 (50%), 1,500 万元 (50%)
                unit("unit-a", "3", "6", "1.5", "1500", 1, 1, 0),
                unit("unit-e", "0", "0", "0", "0", 0, 0, 0),
                unit("unit-d", "0", "0", "1", "0", 0, 0, 0)), targets, 3);

        // (15×1 + 20×1.5 + 25×0.5 + 25×0.5) / 85 × 100 = 82.35; minus 2 (overdue) and 3 (escalation)
        assertThat(ranked.get(0).figures().unit()).isEqualTo("unit-a");
        assertThat(ranked.get(0).score()).isEqualByComparingTo("77.35");
        assertThat(ranked.get(0).completion().get(BriefingMetric.SIGNED)).isEqualByComparingTo("1.5");
        assertThat(ranked.get(0).completion()).doesNotContainKey(BriefingMetric.FOREIGN_CAPITAL);
        // Units without targets score 0 there; ties go to more landed projects, then the unit code; a lost project costs 5.
        assertThat(ranked).extracting(r -> r.figures().unit()).containsExactly("unit-a", "unit-d", "unit-b", "unit-e", "unit-c");
        assertThat(ranked).extracting(UnitFigures.Ranked::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(ranked.get(4).score()).isEqualByComparingTo("-5");
    }

    @Test
    void aMonthCountsATwelfthOfTheYearlyTarget() {
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of("unit-a", Map.of(BriefingMetric.LANDED, new BigDecimal("24")));
        // 24 a year → 2 a month; 1 landed = 50 points.
        assertThat(BriefingScore.rank(List.of(unit("unit-a", "0", "0", "1", "0", 0, 0, 0)), targets, 1).get(0).score())
                .isEqualByComparingTo("50");
    }

    @Test
    void vetoesAndRejectionsAreShownApartAndCostNoPoints() {
        // docs/briefing-score.md: 否决 (policy 001: "环保、消防部门对项目引进具有一票否决权") and 不予通过 (论证会 or 常务会议) are
        // outcomes of the review, listed in their own columns and not penalised.
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of("unit-a", Map.of(BriefingMetric.LANDED, new BigDecimal("24")),
                "unit-b", Map.of(BriefingMetric.LANDED, new BigDecimal("24")));
        UnitFigures reviewed = new UnitFigures("unit-a", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, 0, 2, 3, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);
        List<UnitFigures.Ranked> ranked = BriefingScore.rank(List.of(reviewed, unit("unit-b", "0", "0", "1", "0", 0, 0, 0)), targets, 1);
        UnitFigures.Ranked a = ranked.stream().filter(r -> r.figures().unit().equals("unit-a")).findFirst().orElseThrow();
        assertThat(a.figures().vetoes()).isEqualTo(2);
        assertThat(a.figures().rejections()).isEqualTo(3);
        assertThat(a.score()).isEqualByComparingTo("50").isEqualByComparingTo(ranked.get(1 - ranked.indexOf(a)).score());
    }

    @Test
    @DisplayName("001 \"在项目落地指标、内资到位额、税收上实行三七比例分成\": 税收 is a target metric of the score (weight 20)")
    void taxCountsAgainstItsTarget() {
        // Yearly 12 landed and 1,200 万元 tax → a quarter's 3 and 300. The origin's 30% of a moved project's 200 万元 is 60.
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of(
                "unit-a", Map.of(BriefingMetric.LANDED, new BigDecimal("12"), BriefingMetric.TAX, new BigDecimal("1200")),
                "unit-b", Map.of(BriefingMetric.LANDED, new BigDecimal("12"), BriefingMetric.TAX, new BigDecimal("1200")));
        List<UnitFigures.Ranked> ranked = BriefingScore.rank(List.of(taxAndBonus("unit-a", "3", "60", "0"), taxAndBonus("unit-b", "3", "140", "0")),
                targets, 3);
        // unit-b: (25 × 1.0 + 20 × 140/300) / 45 × 100 = 76.30; unit-a: (25 + 20 × 0.2) / 45 × 100 = 64.44
        assertThat(ranked).extracting(r -> r.figures().unit()).containsExactly("unit-b", "unit-a");
        assertThat(ranked.get(0).score()).isEqualByComparingTo("76.30");
        assertThat(ranked.get(1).score()).isEqualByComparingTo("64.44");
        assertThat(ranked.get(1).completion().get(BriefingMetric.TAX)).isEqualByComparingTo("0.2");
    }

    @Test
    @DisplayName("004 \"對各平臺因自身無法承接而進行項目信息共享適當考慮給予考核加分獎勵\": the bonus of the period is added to the score")
    void theInformationSharingBonusIsAdded() {
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of("unit-a", Map.of(BriefingMetric.LANDED, new BigDecimal("12")),
                "unit-b", Map.of(BriefingMetric.LANDED, new BigDecimal("12")));
        // Both landed 1 of a month's 1 (100 points); unit-a passed two projects on that others host: +2.
        List<UnitFigures.Ranked> ranked = BriefingScore.rank(List.of(taxAndBonus("unit-b", "1", "0", "0"), taxAndBonus("unit-a", "1", "0", "2")),
                targets, 1);
        assertThat(ranked).extracting(r -> r.figures().unit()).containsExactly("unit-a", "unit-b");
        assertThat(ranked.get(0).score()).isEqualByComparingTo("102");
        assertThat(ranked.get(1).score()).isEqualByComparingTo("100");
        // Without targets the bonus still counts (a penalty-only ranking otherwise).
        assertThat(BriefingScore.rank(List.of(taxAndBonus("unit-c", "0", "0", "1")), Map.of(), 1).get(0).score()).isEqualByComparingTo("1");
    }

    @Test
    void reportsSentLateCostOnePointAndReportsNotSentTwo() {
        // Policy 002: the units' reports are owed; unit-a sent two late and one not at all, unit-b all on time.
        UnitFigures late = new UnitFigures("unit-a", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 2, 1);
        Map<String, Map<BriefingMetric, BigDecimal>> targets = Map.of("unit-a", Map.of(BriefingMetric.LANDED, new BigDecimal("12")),
                "unit-b", Map.of(BriefingMetric.LANDED, new BigDecimal("12")));
        List<UnitFigures.Ranked> ranked = BriefingScore.rank(List.of(late, taxAndBonus("unit-b", "1", "0", "0")), targets, 1);
        assertThat(ranked).extracting(r -> r.figures().unit()).containsExactly("unit-b", "unit-a");
        assertThat(ranked.get(0).score()).isEqualByComparingTo("100");
        assertThat(ranked.get(1).score()).isEqualByComparingTo("96");
    }
}
