package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One unit's figures for a period (counts with 三七分成 applied may be fractional). {@code vetoes}: 环保/消防
 * 一票否决 (已否决); {@code rejections}: not passed by the 论证会 or the 区政府常务会议 (不予通过); {@code tax} with 三七分成,
 * {@code sharingBonus} the information-sharing bonus points granted in the period (policy 004); {@code lateReports} and
 * {@code missingReports}: the unit's reports due in the period (单位报送, policy 002) sent after their day or not sent yet.
 */
public record UnitFigures(String unit, BigDecimal newProjects, BigDecimal approved, BigDecimal signed, BigDecimal landed,
        BigDecimal domesticFunds, BigDecimal foreignCapital, int overdueTasks, int escalations, int vetoes, int rejections, int lost,
        int evaluationFlags, BigDecimal tax, BigDecimal sharingBonus, int lateReports, int missingReports) {

    BigDecimal actual(BriefingMetric metric) {
        return switch (metric) {
            case NEW_PROJECTS -> newProjects;
            case SIGNED -> signed;
            case LANDED -> landed;
            case DOMESTIC_FUNDS -> domesticFunds;
            case FOREIGN_CAPITAL -> foreignCapital;
            case TAX -> tax;
        };
    }

    static UnitFigures empty(String unit) {
        return new UnitFigures(unit, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);
    }

    /** The ranked row: figures, score and place. */
    public record Ranked(int rank, UnitFigures figures, BigDecimal score, Map<BriefingMetric, BigDecimal> completion) {
    }
}
