package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zhaoshang.handoff.CreditShares;

/**
 * 税收 per project and period. Policy 001: "推送项目的原街道园区与最终落地项目的街道园区在项目落地指标、内资到位额、税收上实行
 * 三七比例分成" — each figure counts once (as the change it makes to its year), and is split like the others.
 */
class TaxFiguresTest {

    static int minute;

    static TaxFigures.Figure figure(TaxFigures.Source source, String period, String amount) {
        return new TaxFigures.Figure("ZS-1", source, TaxPeriod.parse(period).orElseThrow(), new BigDecimal(amount),
                OffsetDateTime.parse("2026-01-01T10:00+08:00").plusMinutes(minute++), "someone", "依据", BigDecimal.ZERO);
    }

    @Test
    @DisplayName("001 \"税收上实行三七比例分成\": each tax figure counts once — entries per period, the latest report replaces them, corrections count their difference")
    void eachFigureCountsTheChangeItMakesToItsYear() {
        List<TaxFigures.Figure> counted = TaxFigures.counted(List.of(
                figure(TaxFigures.Source.MANUAL, "2026-Q1", "100"),
                figure(TaxFigures.Source.MANUAL, "2026-Q2", "120"),
                // a corrected Q1 entry: +20
                figure(TaxFigures.Source.MANUAL, "2026-Q1", "120"),
                // another year is its own account
                figure(TaxFigures.Source.MANUAL, "2025", "300"),
                // the year's report (履约节点 or 后评价): 500 for the year, of which 240 were counted already
                figure(TaxFigures.Source.MILESTONE, "2026", "500"),
                // a later report of the same year replaces the first one
                figure(TaxFigures.Source.EVALUATION, "2026", "480")));

        assertThat(counted).extracting(f -> f.counted().stripTrailingZeros().toPlainString())
                .containsExactly("100", "120", "20", "300", "260", "-20");
        BigDecimal total2026 = counted.stream().filter(f -> f.period().year() == 2026).map(TaxFigures.Figure::counted)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total2026).as("the year counts what its latest report says, never twice").isEqualByComparingTo("480");
    }

    @Test
    @DisplayName("001 \"三七比例分成\": a moved project's tax goes 30% to the origin, 70% to the landing unit; any other all to its host")
    void taxIsSplitLikeTheOthers() {
        CreditShares.Share share = new CreditShares.Share("ZS-1", "unit-street-jinzhong", "unit-street-junliangcheng", new BigDecimal("0.30"),
                new BigDecimal("0.70"), null);
        assertThat(CreditShares.split(Optional.of(share), "unit-street-junliangcheng", new BigDecimal("260")))
                .containsExactly(Map.entry("unit-street-jinzhong", new BigDecimal("78.00")), Map.entry("unit-street-junliangcheng",
                        new BigDecimal("182.00")));
        assertThat(CreditShares.split(Optional.empty(), "dept-gongxin", new BigDecimal("50"))).containsExactly(Map.entry("dept-gongxin",
                new BigDecimal("50")));
    }

    @Test
    void periods() {
        assertThat(TaxPeriod.parse("2026")).get().satisfies(p -> {
            assertThat(p.start()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(p.end()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(p.displayName()).isEqualTo("2026年");
        });
        assertThat(TaxPeriod.parse("2026-h2").orElseThrow()).extracting(TaxPeriod::label, TaxPeriod::start, TaxPeriod::displayName)
                .containsExactly("2026-H2", LocalDate.of(2026, 7, 1), "2026年下半年");
        assertThat(TaxPeriod.parse("2026-Q2").orElseThrow().end()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(TaxPeriod.parse("2026-Q2").orElseThrow().displayName()).isEqualTo("2026年第二季度");
        assertThat(TaxPeriod.parse(" 2026-05 ").orElseThrow().displayName()).isEqualTo("2026年5月");
        assertThat(TaxPeriod.parse("2026-Q2").orElseThrow().overlaps(TaxPeriod.parse("2026-05").orElseThrow())).isTrue();
        assertThat(TaxPeriod.parse("2026-Q2").orElseThrow().overlaps(TaxPeriod.parse("2026-07").orElseThrow())).isFalse();
        for (String bad : new String[] {"2026-13", "2026-Q5", "2026-H3", "26", "1999", "2026年", "", "2026-00"}) {
            assertThat(TaxPeriod.parse(bad)).as(bad).isEmpty();
        }
        assertThat(TaxPeriod.parse(null)).isEmpty();
    }
}
