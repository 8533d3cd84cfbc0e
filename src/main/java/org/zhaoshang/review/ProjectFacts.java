package org.zhaoshang.review;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.zhaoshang.project.InvestmentProject;

/**
 * The few facts of the case the review's gateways, decisions and forms read, as process variables.
 * The ledger stays the record: these are refreshed from it whenever it changes (registration, 补正).
 * Amounts as doubles: DMN and forms read numbers, and Java-serialized BigDecimals are switched off.
 */
final class ProjectFacts {

    private ProjectFacts() {
    }

    static Map<String, Object> of(InvestmentProject project) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(ReviewProcess.PROJECT_CODE, project.code());
        facts.put(ReviewProcess.PROJECT_NAME, project.name());
        facts.put(ReviewProcess.INVESTOR, project.investor());
        facts.put(ReviewProcess.TOTAL_INVESTMENT, project.totalInvestment().doubleValue());
        facts.put(ReviewProcess.LAND_AREA, project.landArea().doubleValue());
        facts.put(ReviewProcess.PROJECT_DESCRIPTION, project.description());
        facts.put(ReviewProcess.INDUSTRY, project.industry().name());
        facts.put(ReviewProcess.INDUSTRY_LABEL, project.industry().label());
        facts.put(ReviewProcess.ORIGIN_UNIT, project.originUnit());
        facts.put(ReviewProcess.OCCUPIES_LAND, project.occupiesLand());
        facts.put(ReviewProcess.KEY_PROJECT_MARKED, project.keyProject());
        return facts;
    }

    static void refresh(VariableScope scope, InvestmentProject project) {
        scope.setVariables(of(project));
    }

    static BigDecimal decimal(Object value) {
        return value == null || value.toString().isBlank() ? null : new BigDecimal(value.toString());
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
