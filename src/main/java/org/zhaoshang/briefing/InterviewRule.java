package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is interviewed (约谈) after a briefing, and why.
 * <ul>
 * <li>Policy 003: "对于季度、半年、全年排名后三位的单位主官进行约谈" — the last three of the quarter's ranking
 * (March, June, September, December), of the half-year's (June, December) and of the year's (December),
 * in each group (streets and parks; departments). A group of three or fewer units has no "last three"
 * apart from the whole group, so its ranking names nobody.</li>
 * <li>Policy 000: "突出半年考核评价导向性作用，以各区完成目标任务为考核基础…对内资、外资未完成…任务目标的…约谈" — a unit
 * below its target at the half-year (June: half the yearly target) or at the year's end (December: the
 * yearly target), for the metrics {@code app.briefing.target-miss-metrics} (内资到位额, 外资).</li>
 * </ul>
 * A unit is interviewed once per briefing, with every reason listed: never twice for the same period.
 */
final class InterviewRule {

    enum Kind {
        LAST_THREE, TARGET_MISSED
    }

    record Reason(Kind kind, String scope, String detail) {
    }

    /** One group's ranking of a scope (QUARTER, HALF, YEAR). */
    record Ranking(String scope, BriefingGroup group, List<UnitFigures.Ranked> rows) {
    }

    static final int LAST = 3;

    private InterviewRule() {
    }

    static Map<String, List<Reason>> reasons(YearMonth month, List<Ranking> rankings, Map<String, Map<BriefingMetric, BigDecimal>> yearlyTargets,
            List<BriefingMetric> targetMetrics) {
        Map<String, List<Reason>> reasons = new LinkedHashMap<>();
        for (String scope : List.of(BriefingService.QUARTER, BriefingService.HALF, BriefingService.YEAR)) {
            for (Ranking ranking : rankings) {
                if (!ranking.scope().equals(scope) || ranking.rows().size() <= LAST) {
                    continue;
                }
                List<UnitFigures.Ranked> rows = ranking.rows();
                for (UnitFigures.Ranked row : rows.subList(rows.size() - LAST, rows.size())) {
                    reasons.computeIfAbsent(row.figures().unit(), u -> new ArrayList<>()).add(new Reason(Kind.LAST_THREE, scope,
                            "%s排名后三位（%s第%d名，共%d个）".formatted(periodName(scope, month), ranking.group().label(), row.rank(), rows.size())));
                }
            }
        }
        String assessed = month.getMonthValue() == 6 ? BriefingService.HALF : month.getMonthValue() == 12 ? BriefingService.YEAR : null;
        if (assessed != null) {
            int months = assessed.equals(BriefingService.HALF) ? 6 : 12;
            for (Ranking ranking : rankings) {
                if (!ranking.scope().equals(assessed)) {
                    continue;
                }
                for (UnitFigures.Ranked row : ranking.rows()) {
                    Map<BriefingMetric, BigDecimal> targets = yearlyTargets.getOrDefault(row.figures().unit(), Map.of());
                    for (BriefingMetric metric : targetMetrics) {
                        BigDecimal yearly = targets.get(metric);
                        if (yearly == null || yearly.signum() <= 0) {
                            continue;
                        }
                        BigDecimal target = yearly.multiply(BigDecimal.valueOf(months)).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
                        BigDecimal actual = row.figures().actual(metric);
                        if (actual.compareTo(target) < 0) {
                            reasons.computeIfAbsent(row.figures().unit(), u -> new ArrayList<>()).add(new Reason(Kind.TARGET_MISSED, assessed,
                                    "%s%s未完成目标任务（完成%s，目标%s，完成率%s%%）".formatted(periodName(assessed, month), metric.label(),
                                            plain(actual), plain(target),
                                            actual.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.DOWN).toPlainString())));
                        }
                    }
                }
            }
        }
        return reasons;
    }

    /** e.g. 2026年6月、2026年第二季度、2026年上半年、2026年度 (the period of a scope ending with {@code month}). */
    static String periodName(String scope, YearMonth month) {
        int year = month.getYear();
        return switch (scope) {
            case BriefingService.QUARTER -> year + "年第" + "一二三四".charAt((month.getMonthValue() - 1) / 3) + "季度";
            case BriefingService.HALF -> year + (month.getMonthValue() <= 6 ? "年上半年" : "年下半年");
            case BriefingService.YEAR -> year + "年度";
            default -> year + "年" + month.getMonthValue() + "月";
        };
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
