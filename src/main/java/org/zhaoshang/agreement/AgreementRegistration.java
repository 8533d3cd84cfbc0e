package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A signed agreement as registered (API body and the page's form): its clauses are milestones (履约节点)
 * and incentives (奖励/扶持条款); an incentive names the milestones that unlock it by their number
 * (1-based position in {@code milestones}).
 */
public record AgreementRegistration(String agreementNo, LocalDate signedOn, String parties, BigDecimal totalInvestment,
        List<MilestonePlan> milestones, List<IncentivePlan> incentives) {

    public record MilestonePlan(String type, String title, BigDecimal targetValue, String targetUnit, LocalDate dueOn,
            String responsibleUnit, String verifyingDepartment) {
    }

    public record IncentivePlan(String name, BigDecimal cap, List<Integer> unlockedBy) {
    }
}
