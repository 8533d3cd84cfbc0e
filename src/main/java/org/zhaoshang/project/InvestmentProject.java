package org.zhaoshang.project;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A row of the project ledger (招商项目台账). */
public record InvestmentProject(
        long id,
        String code,
        String name,
        String investor,
        InvestorCategory investorCategory,
        Industry industry,
        BigDecimal totalInvestment,
        BigDecimal foreignCapital,
        BigDecimal landArea,
        String originUnit,
        String hostUnit,
        ProjectStage stage,
        String leadOfficial,
        boolean keyProject,
        String contactPerson,
        String contactPhone,
        String description,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Occupies land (亩 > 0): the review goes on to the government meeting (区政府常务会议). */
    public boolean occupiesLand() {
        return landArea.signum() > 0;
    }
}
