package org.zhaoshang.review;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.review.ReviewDecisions.GovernmentDecision;
import org.zhaoshang.review.ReviewDecisions.IndustryOpinion;
import org.zhaoshang.review.ReviewDecisions.Precheck;
import org.zhaoshang.review.ReviewDecisions.SafetyReview;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * {@code ${completeReviewTaskListener}} on every user task of 项目评审: re-checks on the server what the
 * form checks in the browser (a decision from the list, a reason where one is required, only a member
 * of the task's department submits it), then records the opinion on the case. A refusal throws before
 * anything is written, so the task stays open with the person's input intact.
 */
@Component
class CompleteReviewTaskListener implements TaskListener {

    private final ReviewRecords records;
    private final ProjectService projects;
    private final OrgDirectory directory;
    private final ReviewMeetingService meetings;
    private final jakarta.validation.Validator validator;

    CompleteReviewTaskListener(ReviewRecords records, ProjectService projects, OrgDirectory directory,
            @org.springframework.context.annotation.Lazy ReviewMeetingService meetings, jakarta.validation.Validator validator) {
        this.records = records;
        this.projects = projects;
        this.directory = directory;
        this.meetings = meetings;
        this.validator = validator;
    }

    @Override
    public void notify(DelegateTask task) {
        String actor = requireDepartmentMember(task);
        String code = ProjectFacts.text(task.getVariable(ReviewProcess.PROJECT_CODE));
        switch (task.getTaskDefinitionKey()) {
            case ReviewProcess.TASK_PRECHECK -> {
                Precheck decision = decision(task, ReviewProcess.PRECHECK_DECISION, Precheck.class, "预审结论");
                String comment = comment(task, ReviewProcess.PRECHECK_COMMENT, decision != Precheck.PASS,
                        "退回补正或不予受理时，请写明需补正的内容或理由");
                record(task, code, "PRECHECK", GroupIds.HEZUO, decision, comment, actor);
            }
            case ReviewProcess.TASK_CORRECT -> correct(task, code, actor);
            case ReviewProcess.TASK_INDUSTRY -> {
                IndustryOpinion opinion = decision(task, ReviewProcess.INDUSTRY_OPINION, IndustryOpinion.class, "产业指导意见");
                String note = comment(task, ReviewProcess.INDUSTRY_NOTE, true,
                        opinion == IndustryOpinion.RETURN ? "退回时请写明需补充的材料" : "请填写产业指导意见的说明");
                // Policy 001: the industry departments "提出产业指导方向，为项目引进提供依据" — 淘汰类 is their 不同意 for
                // the 论证会; only 环保 and 消防 hold a veto, unless the district's rule says otherwise.
                boolean veto = opinion == IndustryOpinion.ELIMINATED && eliminatedIsVeto(task);
                task.setVariable(ReviewProcess.INDUSTRY_VETO, veto);
                if (veto) {
                    task.setVariable(ReviewProcess.REVIEW_VETOED, true);
                }
                String department = ProjectFacts.text(task.getVariable(ReviewProcess.INDUSTRY_DEPARTMENT));
                if (opinion == IndustryOpinion.ELIMINATED) {
                    record(task, code, "INDUSTRY", department, veto ? ReviewDecisions.ELIMINATED_VETO : opinion.name(),
                            veto ? ReviewDecisions.ELIMINATED_VETO_LABEL : ReviewDecisions.ELIMINATED_LABEL, note, actor);
                } else {
                    record(task, code, "INDUSTRY", department, opinion, note, actor);
                }
            }
            case ReviewProcess.TASK_ENVIRONMENT -> safety(task, code, actor, ReviewProcess.ENVIRONMENT_DECISION,
                    ReviewProcess.ENVIRONMENT_COMMENT, "ENVIRONMENT", GroupIds.HUANBAO);
            case ReviewProcess.TASK_FIRE -> safety(task, code, actor, ReviewProcess.FIRE_DECISION,
                    ReviewProcess.FIRE_COMMENT, "FIRE", GroupIds.XIAOFANG);
            case ReviewProcess.TASK_MEETING -> {
                // Completed by the review meeting's conclusion, which sets the result from the votes.
                if (!meetings.decided(task.getProcessInstanceId())) {
                    throw new TaskInputRejected("论证会表决结果尚未产生：请在「项目论证会」页面记录出席情况和各部门表决，结论确定后本任务自动办结");
                }
            }
            case ReviewProcess.TASK_SUPPLEMENT -> {
                String note = comment(task, ReviewProcess.SUPPLEMENT_NOTE, true, "请填写补充材料说明");
                records.record(code, task.getProcessInstanceId(), task.getId(), "SUPPLEMENT",
                        ProjectFacts.text(task.getVariable(ReviewProcess.ORIGIN_UNIT)), "SUBMITTED", note, actor);
            }
            case ReviewProcess.TASK_SUPPLEMENT_INDUSTRY, ReviewProcess.TASK_SUPPLEMENT_ENVIRONMENT, ReviewProcess.TASK_SUPPLEMENT_FIRE -> {
                String note = comment(task, ReviewProcess.ANSWER_NOTE, true, "请填写补充的材料和说明");
                String unit = ProjectFacts.text(task.getVariable(ReviewProcess.ORIGIN_UNIT));
                records.record(code, task.getProcessInstanceId(), task.getId(), "ANSWER", unit, "SUBMITTED", note, actor);
                projects.recordEvent(code, ProjectEventType.REVIEW_OPINION, actor, "「%s」：%s".formatted(task.getName(), note),
                        task.getProcessInstanceId(), task.getId());
            }
            case ReviewProcess.TASK_GOVERNMENT -> {
                GovernmentDecision decision = decision(task, ReviewProcess.GOVERNMENT_DECISION, GovernmentDecision.class, "审议结果");
                String comment = comment(task, ReviewProcess.GOVERNMENT_COMMENT, decision == GovernmentDecision.DISAGREE,
                        "常务会议不同意时，请填写会议意见");
                record(task, code, "GOVERNMENT", GroupIds.ZHENGFUBAN, decision, comment, actor);
            }
            default -> throw new IllegalStateException("No review rule for task " + task.getTaskDefinitionKey());
        }
    }

    private void safety(DelegateTask task, String code, String actor, String decisionVariable, String commentVariable,
            String step, String department) {
        SafetyReview decision = decision(task, decisionVariable, SafetyReview.class, "审查结论");
        String comment = comment(task, commentVariable, decision != SafetyReview.AGREE,
                switch (decision) {
                    case VETO -> "否决必须写明理由";
                    case RETURN -> "退回时请写明需补充的材料";
                    default -> "有条件同意时，请写明条件";
                });
        if (decision == SafetyReview.VETO) {
            task.setVariable(ReviewProcess.REVIEW_VETOED, true);
        }
        record(task, code, step, department, decision, comment, actor);
    }

    private void correct(DelegateTask task, String code, String actor) {
        String note = comment(task, ReviewProcess.CORRECTION_NOTE, true, "请填写补正说明");
        InvestmentProject current = projects.find(code).orElseThrow();
        ProjectRegistration corrected = new ProjectRegistration(
                required(task, ReviewProcess.PROJECT_NAME, "项目名称"), required(task, ReviewProcess.INVESTOR, "投资方名称"),
                current.investorCategory().name(), current.industry().name(),
                amount(task, ReviewProcess.TOTAL_INVESTMENT, "总投资额"), current.foreignCapital(), amount(task, ReviewProcess.LAND_AREA, "用地面积"),
                current.originUnit(), current.hostUnit(), current.keyProject(), current.contactPerson(), current.contactPhone(),
                ProjectFacts.text(task.getVariable(ReviewProcess.PROJECT_DESCRIPTION)));
        var violations = validator.validate(corrected);
        if (!violations.isEmpty()) {
            throw new TaskInputRejected(violations.stream().map(jakarta.validation.ConstraintViolation::getMessage)
                    .sorted().collect(Collectors.joining("；")));
        }
        InvestmentProject updated;
        try {
            updated = projects.correct(code, corrected, actor, note, task.getProcessInstanceId(), task.getId());
        } catch (ApiException e) {
            throw new TaskInputRejected(e.getMessage());
        }
        ProjectFacts.refresh(task.getExecution(), updated);
        int count = ((Number) task.getVariable(ReviewProcess.CORRECTION_COUNT)).intValue();
        task.setVariable(ReviewProcess.CORRECTION_COUNT, count + 1);
        records.record(code, task.getProcessInstanceId(), task.getId(), "CORRECTION", current.originUnit(), "CORRECTED", note, actor);
    }

    /** Only a member of one of the task's candidate groups may submit it (a reassignment cannot get round this). */
    private String requireDepartmentMember(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication == null) {
            return task.getAssignee() != null ? task.getAssignee() : "system";
        }
        Set<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).collect(Collectors.toSet());
        List<String> mine = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (!groups.isEmpty() && mine.stream().noneMatch(groups::contains)) {
            String names = groups.stream().map(directory::unitName).sorted()
                    .collect(Collectors.joining("、"));
            throw new TaskInputRejected("只有" + names + "的人员可以办理「" + task.getName() + "」");
        }
        return authentication.getUserId();
    }

    private <E extends Enum<E> & Labelled> void record(DelegateTask task, String code, String step, String department, E decision,
            String comment, String actor) {
        record(task, code, step, department, decision.name(), decision.label(), comment, actor);
    }

    private void record(DelegateTask task, String code, String step, String department, String decision, String label,
            String comment, String actor) {
        records.record(code, task.getProcessInstanceId(), task.getId(), step, department, decision, comment, actor);
        String text = "「%s」%s%s".formatted(task.getName(), label, comment == null ? "" : "：" + comment);
        projects.recordEvent(code, ProjectEventType.REVIEW_OPINION, actor, text, task.getProcessInstanceId(), task.getId());
    }

    /**
     * The district's rule for 淘汰类 as the review started under it. Instances started on model version 1.0 carry
     * no rule: that model ends the review at 淘汰类 whatever the opinion records (going on would skip 环保 and 消防),
     * so they keep ending as a veto.
     */
    private static boolean eliminatedIsVeto(DelegateTask task) {
        Object rule = task.getVariable(ReviewProcess.ELIMINATED_IS_VETO);
        return rule == null || Boolean.TRUE.equals(rule);
    }

    private static <E extends Enum<E> & Labelled> E decision(DelegateTask task, String variable, Class<E> type, String what) {
        String value = ProjectFacts.text(task.getVariable(variable));
        return Labelled.parse(type, value).orElseThrow(() -> new TaskInputRejected("请选择" + what));
    }

    private static String comment(DelegateTask task, String variable, boolean required, String message) {
        String value = ProjectFacts.text(task.getVariable(variable));
        if (value == null || value.isBlank()) {
            if (required) {
                throw new TaskInputRejected(message);
            }
            return null;
        }
        if (value.length() > 2000) {
            throw new TaskInputRejected("意见不能超过2000个字");
        }
        return value.trim();
    }

    private static String required(DelegateTask task, String variable, String what) {
        String value = ProjectFacts.text(task.getVariable(variable));
        if (value == null || value.isBlank()) {
            throw new TaskInputRejected("请填写" + what);
        }
        return value.trim();
    }

    private static java.math.BigDecimal amount(DelegateTask task, String variable, String what) {
        try {
            java.math.BigDecimal value = ProjectFacts.decimal(task.getVariable(variable));
            if (value == null || value.signum() < 0) {
                throw new TaskInputRejected(what + "须为不小于0的数");
            }
            return value.setScale(2, java.math.RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new TaskInputRejected(what + "格式不正确");
        }
    }
}
