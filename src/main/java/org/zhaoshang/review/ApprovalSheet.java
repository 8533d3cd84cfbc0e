package org.zhaoshang.review;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.operations.OperationKind;
import org.zhaoshang.operations.OperationLog;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.project.ProjectService;

/**
 * 审批单: the review of a project on one sheet — every step in order, who decided, when, the opinion and its
 * conditions, signed with the person's name and time; the operations on the way (退回, 加签 and its
 * opinions, 转办, 委派, 撤回) in the same order.
 */
@Component
class ApprovalSheet {

    record Line(String step, String department, String decision, String comment, String signedBy, OffsetDateTime signedAt) {
    }

    /**
     * {@code outcome}: how the review ended, e.g. "已否决：区生态环境局一票否决：…" or "不予通过：项目论证会不通过：…" (the
     * two are different ends, policy 001), or null while it runs.
     */
    record Sheet(InvestmentProject project, String originUnit, String hostUnit, List<Line> lines, String outcome, OffsetDateTime printedAt,
            String printedBy) {
    }

    private final ProjectService projects;
    private final ReviewRecords records;
    private final OperationLog operations;
    private final HistoryService historyService;
    private final OrgDirectory directory;
    private final java.time.Clock clock;

    ApprovalSheet(ProjectService projects, ReviewRecords records, OperationLog operations, HistoryService historyService, OrgDirectory directory,
            java.time.Clock clock) {
        this.projects = projects;
        this.records = records;
        this.operations = operations;
        this.historyService = historyService;
        this.directory = directory;
        this.clock = clock;
    }

    Sheet of(String code, StaffUser user) {
        InvestmentProject project = projects.get(code, user);
        List<Line> lines = new ArrayList<>();
        for (ReviewRecords.Opinion o : records.of(code)) {
            lines.add(new Line(ReviewPageController.STEPS.getOrDefault(o.step(), o.step()), directory.unitName(o.department()),
                    ReviewPageController.decisionLabel(o.decision()), o.comment(), directory.personName(o.actor()), o.givenAt()));
        }
        Set<String> reviews = new HashSet<>();
        historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(code).processDefinitionKey(ReviewProcess.PROCESS_KEY).unlimitedList()
                .forEach(pi -> {
                    reviews.add(pi.getId());
                    operations.ofProcessInstance(pi.getId()).stream().filter(e -> e.kind() != OperationKind.COPY_READ).forEach(e -> lines.add(
                            new Line(e.taskName(), e.kind() == OperationKind.EXTRA_OPINION_GIVEN || e.kind() == OperationKind.EXTRA_OPINION
                                    ? directory.unitName(e.target()) : "", e.kind().label(), e.reason(), directory.personName(e.actor()), e.occurredAt())));
                });
        lines.sort(Comparator.comparing(Line::signedAt));
        // The review's last stage change that ended it (the move to 评审中 only started it).
        String outcome = projects.history(project).stream()
                .filter(h -> h.type() == ProjectEventType.STAGE_CHANGED && h.toStage() != ProjectStage.UNDER_REVIEW
                        && reviews.contains(h.processInstanceId()))
                .reduce((a, b) -> b)
                .map(h -> h.toStage().label() + (h.reason() == null ? "" : "：" + h.reason())).orElse(null);
        return new Sheet(project, directory.unitName(project.originUnit()), directory.unitName(project.hostUnit()), lines, outcome,
                OffsetDateTime.now(clock), user.displayName());
    }
}
