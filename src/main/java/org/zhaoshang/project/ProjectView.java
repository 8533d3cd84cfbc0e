package org.zhaoshang.project;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/** A project as the API and the pages show it: codes plus their Chinese labels and unit names. */
public record ProjectView(
        String code,
        String name,
        String investor,
        String investorCategory,
        String investorCategoryLabel,
        String industry,
        String industryLabel,
        BigDecimal totalInvestment,
        BigDecimal foreignCapital,
        BigDecimal landArea,
        String originUnit,
        String originUnitName,
        String hostUnit,
        String hostUnitName,
        String stage,
        String stageLabel,
        String leadOfficial,
        boolean keyProject,
        String contactPerson,
        String contactPhone,
        String description,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<HistoryView> history) {

    public record HistoryView(String type, String typeLabel, String fromStage, String fromStageLabel, String toStage,
            String toStageLabel, String actor, String reason, String processInstanceId, String taskId,
            OffsetDateTime occurredAt) {

        static HistoryView of(ProjectHistoryEntry e) {
            return new HistoryView(e.type().name(), e.type().label(),
                    e.fromStage() == null ? null : e.fromStage().name(), e.fromStage() == null ? null : e.fromStage().label(),
                    e.toStage() == null ? null : e.toStage().name(), e.toStage() == null ? null : e.toStage().label(),
                    e.actor(), e.reason(), e.processInstanceId(), e.taskId(), e.occurredAt());
        }
    }

    static ProjectView of(InvestmentProject p, Function<String, String> unitName, List<ProjectHistoryEntry> history) {
        return new ProjectView(p.code(), p.name(), p.investor(), p.investorCategory().name(), p.investorCategory().label(),
                p.industry().name(), p.industry().label(), p.totalInvestment(), p.foreignCapital(), p.landArea(),
                p.originUnit(), unitName.apply(p.originUnit()), p.hostUnit(), unitName.apply(p.hostUnit()),
                p.stage().name(), p.stage().label(), p.leadOfficial(), p.keyProject(), p.contactPerson(),
                p.contactPhone(), p.description(), p.createdBy(), p.createdAt(), p.updatedAt(),
                history == null ? null : history.stream().map(HistoryView::of).toList());
    }
}
