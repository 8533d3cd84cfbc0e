package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * 后评价 against the agreement (policy 001: 固投、就业、产值、税收): each reported figure is compared with
 * the agreement's target of the same kind — the milestone of that type due most recently on or before
 * the report, else the first one — and a shortfall larger than the threshold is flagged.
 */
public final class EvaluationComparison {

    public record Line(String indicator, BigDecimal target, BigDecimal actual, BigDecimal shortfall, boolean flagged) {
    }

    static final Map<MilestoneType, String> INDICATORS = Map.of(
            MilestoneType.FIXED_ASSET_INVESTMENT, "固投", MilestoneType.ANNUAL_JOBS, "就业",
            MilestoneType.ANNUAL_OUTPUT, "产值", MilestoneType.ANNUAL_TAX, "税收");

    private EvaluationComparison() {
    }

    public static List<Line> compare(List<AgreementRecords.Milestone> milestones, LocalDate reportDay, Map<MilestoneType, BigDecimal> actual,
            BigDecimal threshold) {
        List<Line> lines = new ArrayList<>();
        for (MilestoneType type : List.of(MilestoneType.FIXED_ASSET_INVESTMENT, MilestoneType.ANNUAL_JOBS, MilestoneType.ANNUAL_OUTPUT,
                MilestoneType.ANNUAL_TAX)) {
            Optional<AgreementRecords.Milestone> target = target(milestones, type, reportDay);
            BigDecimal value = actual.get(type);
            if (target.isEmpty() || target.get().targetValue().signum() == 0) {
                lines.add(new Line(INDICATORS.get(type), null, value, null, false));
                continue;
            }
            BigDecimal goal = target.get().targetValue();
            BigDecimal shortfall = goal.subtract(value).max(BigDecimal.ZERO).divide(goal, 4, RoundingMode.HALF_UP);
            lines.add(new Line(INDICATORS.get(type), goal, value, shortfall, shortfall.compareTo(threshold) > 0));
        }
        return lines;
    }

    static Optional<AgreementRecords.Milestone> target(List<AgreementRecords.Milestone> milestones, MilestoneType type, LocalDate day) {
        List<AgreementRecords.Milestone> ofType = milestones.stream()
                .filter(m -> m.type() == type && m.status() != MilestoneStatus.WAIVED)
                .sorted(Comparator.comparing(AgreementRecords.Milestone::dueOn)).toList();
        return ofType.stream().filter(m -> !m.dueOn().isAfter(day)).reduce((first, second) -> second)
                .or(() -> ofType.stream().findFirst());
    }

    /** e.g. "固投 目标 8000 实际 6000（差 25.0%）；就业 无协议目标 实际 120" */
    public static String describe(List<Line> lines) {
        return lines.stream().map(line -> line.target() == null
                ? "%s 无协议目标 实际 %s".formatted(line.indicator(), PaymentRules.plain(line.actual()))
                : "%s 目标 %s 实际 %s（%s）%s".formatted(line.indicator(), PaymentRules.plain(line.target()),
                        PaymentRules.plain(line.actual()),
                        line.shortfall().signum() == 0 ? "达标" : "差 " + line.shortfall().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%",
                        line.flagged() ? "【未达标预警】" : ""))
                .collect(Collectors.joining("；"));
    }

    static String targetsText(List<AgreementRecords.Milestone> milestones) {
        String text = milestones.stream().filter(m -> INDICATORS.containsKey(m.type()) && m.status() != MilestoneStatus.WAIVED)
                .map(m -> m.target() + "（" + m.dueOn() + "）").collect(Collectors.joining("；"));
        return text.isEmpty() ? "协议未约定固投、就业、产值、税收目标" : text;
    }
}
