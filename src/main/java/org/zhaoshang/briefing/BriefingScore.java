package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ranking rule (docs/briefing-score.md): each target metric's completion is actual ÷ (yearly target
 * × months ÷ 12), capped at 150%; the weighted mean over the metrics the unit has a target for gives up
 * to 100 points (a unit without targets gets 0 there); then 2 points off per task that fell overdue,
 * 3 per escalation, 5 per lost project, 2 per post-evaluation shortfall, and the information-sharing
 * bonus granted in the period added (policy 004: 考核加分). Vetoes (环保/消防 一票否决) and rejections (不予通过 by the
 * 论证会 or 常务会议) are reported apart, neither penalised: both are outcomes of the review policy 001 prescribes, not
 * a unit's failure. Ties: more landed projects, then unit code. Each group is ranked on its own.
 */
public final class BriefingScore {

    static final BigDecimal CAP = new BigDecimal("1.5");

    private BriefingScore() {
    }

    public static List<UnitFigures.Ranked> rank(List<UnitFigures> units, Map<String, Map<BriefingMetric, BigDecimal>> yearlyTargets,
            int months) {
        List<UnitFigures.Ranked> scored = new ArrayList<>();
        for (UnitFigures unit : units) {
            Map<BriefingMetric, BigDecimal> targets = yearlyTargets.getOrDefault(unit.unit(), Map.of());
            Map<BriefingMetric, BigDecimal> completion = new EnumMap<>(BriefingMetric.class);
            BigDecimal weighted = BigDecimal.ZERO;
            int weights = 0;
            for (BriefingMetric metric : BriefingMetric.values()) {
                BigDecimal yearly = targets.get(metric);
                if (yearly == null || yearly.signum() <= 0) {
                    continue;
                }
                BigDecimal periodTarget = yearly.multiply(BigDecimal.valueOf(months)).divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
                BigDecimal ratio = unit.actual(metric).divide(periodTarget, 6, RoundingMode.HALF_UP).min(CAP);
                completion.put(metric, ratio);
                weighted = weighted.add(ratio.multiply(BigDecimal.valueOf(metric.weight())));
                weights += metric.weight();
            }
            BigDecimal points = weights == 0 ? BigDecimal.ZERO
                    : weighted.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(weights), 6, RoundingMode.HALF_UP);
            BigDecimal penalty = BigDecimal.valueOf(2L * unit.overdueTasks() + 3L * unit.escalations() + 5L * unit.lost()
                    + 2L * unit.evaluationFlags() + unit.lateReports() + 2L * unit.missingReports());
            BigDecimal score = points.subtract(penalty).add(unit.sharingBonus());
            scored.add(new UnitFigures.Ranked(0, unit, score.setScale(2, RoundingMode.HALF_UP), completion));
        }
        scored.sort(Comparator.comparing(UnitFigures.Ranked::score).reversed()
                .thenComparing(r -> r.figures().landed(), Comparator.reverseOrder())
                .thenComparing(r -> r.figures().unit()));
        List<UnitFigures.Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            UnitFigures.Ranked r = scored.get(i);
            ranked.add(new UnitFigures.Ranked(i + 1, r.figures(), r.score(), r.completion()));
        }
        return ranked;
    }
}
