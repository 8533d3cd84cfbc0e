package org.zhaoshang.review;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.review.ReviewDecisions.Outcome;

/**
 * {@code ${recordReviewOutcomeDelegate}} with input {@code outcome}: moves the project to the stage the
 * review ended in (已批准; 已否决 for a 环保/消防 一票否决, in their review or at the 论证会; 不予通过 for a
 * 论证会 or 区政府常务会议 that did not pass it; 已终止 for 不予受理), with who decided and why, and notifies
 * the registering officer and 合作交流办.
 */
@Component
class RecordReviewOutcomeDelegate implements JavaDelegate {

    private final ProjectService projects;
    private final ReviewRecords records;
    private final ReviewNotifications notifications;
    private final OrgDirectory directory;

    RecordReviewOutcomeDelegate(ProjectService projects, ReviewRecords records, ReviewNotifications notifications,
            OrgDirectory directory) {
        this.projects = projects;
        this.records = records;
        this.notifications = notifications;
        this.directory = directory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Outcome outcome = Outcome.valueOf(ProjectFacts.text(execution.getVariableLocal(ReviewProcess.OUTCOME)));
        String code = execution.getProcessBusinessKey();
        List<ReviewRecords.Opinion> opinions = records.of(code).stream()
                .filter(o -> execution.getProcessInstanceId().equals(o.processInstanceId())).toList();
        String reason;
        ProjectStage stage;
        String label;
        switch (outcome) {
            case APPROVED -> {
                stage = ProjectStage.APPROVED;
                label = "已批准";
                reason = Boolean.TRUE.equals(execution.getVariable(ReviewProcess.KEY_PROJECT)) ? "评审通过（重点项目，移交五个一包联）" : "评审通过";
                if (Boolean.TRUE.equals(execution.getVariable(ReviewProcess.KEY_PROJECT))) {
                    projects.markKeyProject(code);
                }
            }
            case VETOED -> {
                stage = ProjectStage.VETOED;
                label = "已否决";
                reason = vetoReason(execution, opinions);
            }
            case NOT_ACCEPTED -> {
                stage = ProjectStage.TERMINATED;
                label = "不予受理";
                reason = "不予受理：" + lastComment(opinions, "PRECHECK");
            }
            case REJECTED -> {
                String government = ProjectFacts.text(execution.getVariable(ReviewProcess.GOVERNMENT_DECISION));
                if (!"DISAGREE".equals(government) && meetingVetoed(execution)) {
                    // Model 1.0 routes a 环保/消防 veto at the meeting here too; it is a veto all the same.
                    stage = ProjectStage.VETOED;
                    label = "已否决";
                    reason = vetoReason(execution, opinions);
                } else {
                    stage = ProjectStage.REJECTED;
                    label = ProjectStage.REJECTED.label();
                    reason = "DISAGREE".equals(government)
                            ? "区政府常务会议不同意：" + lastComment(opinions, "GOVERNMENT")
                            : "项目论证会不通过：" + ProjectFacts.text(execution.getVariable(ReviewProcess.MEETING_SUMMARY));
                }
            }
            default -> throw new IllegalStateException("outcome " + outcome);
        }
        InvestmentProject project = projects.changeStage(code, stage, "system", reason, execution.getProcessInstanceId(), null);
        notifications.outcome(project, execution.getProcessInstanceId(),
                ProjectFacts.text(execution.getVariable(ReviewProcess.REGISTERED_BY)), label, reason);
    }

    /** Who vetoed and why: 环保/消防 in their review (or 淘汰类 where the district's rule makes it a veto), else at the 论证会. */
    private String vetoReason(DelegateExecution execution, List<ReviewRecords.Opinion> opinions) {
        String departments = opinions.stream()
                .filter(o -> o.decision().equals("VETO") || o.decision().equals(ReviewDecisions.ELIMINATED_VETO))
                .map(o -> directory.unitName(o.department()) + (o.decision().equals("VETO") ? "一票否决：" : "产业指导意见为淘汰类，按否决处理：")
                        + (o.comment() == null ? "" : o.comment()))
                .collect(Collectors.joining("；"));
        if (!departments.isEmpty() || !meetingVetoed(execution)) {
            return departments;
        }
        return "项目论证会上一票否决：" + ProjectFacts.text(execution.getVariable(ReviewProcess.MEETING_SUMMARY));
    }

    private static boolean meetingVetoed(DelegateExecution execution) {
        return Boolean.TRUE.equals(execution.getVariable(ReviewProcess.MEETING_VETOED));
    }

    private static String lastComment(List<ReviewRecords.Opinion> opinions, String step) {
        return opinions.stream().filter(o -> o.step().equals(step)).reduce((a, b) -> b)
                .map(o -> o.comment() == null ? "" : o.comment()).orElse("");
    }
}
