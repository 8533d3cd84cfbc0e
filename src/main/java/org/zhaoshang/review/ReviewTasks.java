package org.zhaoshang.review;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.engine.TaskTrace;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.review.ReviewDecisions.GovernmentDecision;
import org.zhaoshang.review.ReviewDecisions.IndustryOpinion;
import org.zhaoshang.review.ReviewDecisions.Precheck;
import org.zhaoshang.review.ReviewDecisions.SafetyReview;
import org.zhaoshang.system.Labelled;


/**
 * The user tasks of 项目评审: a decision from the list, a reason where one is required, then the opinion recorded on
 * the case. Each review belongs to its department (the model's candidate group): only its members submit it, whoever
 * it was handed to.
 */
@Component
class ReviewTasks implements ProcessTasks {

    private final ReviewSteps steps;
    private final ProjectService projects;
    private final ReviewMeetingService meetings;

    ReviewTasks(ReviewSteps steps, ProjectService projects, @Lazy ReviewMeetingService meetings) {
        this.steps = steps;
        this.projects = projects;
        this.meetings = meetings;
    }

    @Override
    public String processKey() {
        return ReviewProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(ReviewProcess.TASK_PRECHECK).completes(this::precheck);
        rules.task(ReviewProcess.TASK_CORRECT).completes(this::correct);
        rules.task(ReviewProcess.TASK_INDUSTRY).completes(this::industryOpinion);
        rules.task(ReviewProcess.TASK_ENVIRONMENT).completes(task -> safety(task, ReviewProcess.ENVIRONMENT_DECISION,
                ReviewProcess.ENVIRONMENT_COMMENT, "ENVIRONMENT", GroupIds.HUANBAO));
        rules.task(ReviewProcess.TASK_FIRE).completes(task -> safety(task, ReviewProcess.FIRE_DECISION,
                ReviewProcess.FIRE_COMMENT, "FIRE", GroupIds.XIAOFANG));
        rules.task(ReviewProcess.TASK_MEETING).completes(this::meeting);
        rules.task(ReviewProcess.TASK_SUPPLEMENT).completes(this::supplement);
        rules.task(ReviewProcess.TASK_SUPPLEMENT_INDUSTRY).completes(this::answer);
        rules.task(ReviewProcess.TASK_SUPPLEMENT_ENVIRONMENT).completes(this::answer);
        rules.task(ReviewProcess.TASK_SUPPLEMENT_FIRE).completes(this::answer);
        rules.task(ReviewProcess.TASK_GOVERNMENT).completes(this::government);
    }

    private void precheck(CompletingTask task) {
        Precheck decision = task.form().choice(ReviewProcess.PRECHECK_DECISION, Precheck.class, "请选择预审结论");
        String comment = comment(task, ReviewProcess.PRECHECK_COMMENT, decision != Precheck.PASS, "退回补正或不予受理时，请写明需补正的内容或理由");
        record(task, "PRECHECK", GroupIds.HEZUO, decision, comment);
    }

    private void industryOpinion(CompletingTask task) {
        IndustryOpinion opinion = task.form().choice(ReviewProcess.INDUSTRY_OPINION, IndustryOpinion.class, "请选择产业指导意见");
        String note = comment(task, ReviewProcess.INDUSTRY_NOTE, true,
                opinion == IndustryOpinion.RETURN ? "退回时请写明需补充的材料" : "请填写产业指导意见的说明");
        // Policy 001: the industry departments "提出产业指导方向，为项目引进提供依据" — 淘汰类 is their 不同意 for the 论证会;
        // only 环保 and 消防 hold a veto, unless the district's rule says otherwise.
        boolean veto = opinion == IndustryOpinion.ELIMINATED && eliminatedIsVeto(task);
        task.set(ReviewProcess.INDUSTRY_VETO, veto);
        if (veto) {
            task.set(ReviewProcess.REVIEW_VETOED, true);
        }
        String department = task.text(ReviewProcess.INDUSTRY_DEPARTMENT);
        if (opinion == IndustryOpinion.ELIMINATED) {
            record(task, "INDUSTRY", department, veto ? ReviewDecisions.ELIMINATED_VETO : opinion.name(),
                    veto ? ReviewDecisions.ELIMINATED_VETO_LABEL : ReviewDecisions.ELIMINATED_LABEL, note);
        } else {
            record(task, "INDUSTRY", department, opinion, note);
        }
    }

    private void safety(CompletingTask task, String decisionVariable, String commentVariable, String step, String department) {
        SafetyReview decision = task.form().choice(decisionVariable, SafetyReview.class, "请选择审查结论");
        String comment = comment(task, commentVariable, decision != SafetyReview.AGREE, switch (decision) {
            case VETO -> "否决必须写明理由";
            case RETURN -> "退回时请写明需补充的材料";
            default -> "有条件同意时，请写明条件";
        });
        if (decision == SafetyReview.VETO) {
            task.set(ReviewProcess.REVIEW_VETOED, true);
        }
        record(task, step, department, decision, comment);
    }

    private void meeting(CompletingTask task) {
        // Completed by the review meeting's conclusion, which sets the result from the votes.
        if (!meetings.decided(task.processInstanceId())) {
            throw new TaskInputRejected("论证会表决结果尚未产生：请在「项目论证会」页面记录出席情况和各部门表决，结论确定后本任务自动办结");
        }
    }

    private void supplement(CompletingTask task) {
        String note = comment(task, ReviewProcess.SUPPLEMENT_NOTE, true, "请填写补充材料说明");
        steps.supplement(trace(task), task.text(ReviewProcess.ORIGIN_UNIT), note);
    }

    private void answer(CompletingTask task) {
        String note = comment(task, ReviewProcess.ANSWER_NOTE, true, "请填写补充的材料和说明");
        steps.answer(trace(task), task.name(), task.text(ReviewProcess.ORIGIN_UNIT), note);
    }

    private void government(CompletingTask task) {
        GovernmentDecision decision = task.form().choice(ReviewProcess.GOVERNMENT_DECISION, GovernmentDecision.class, "请选择审议结果");
        String comment = comment(task, ReviewProcess.GOVERNMENT_COMMENT, decision == GovernmentDecision.DISAGREE, "常务会议不同意时，请填写会议意见");
        record(task, "GOVERNMENT", GroupIds.ZHENGFUBAN, decision, comment);
    }

    private void correct(CompletingTask task) {
        String code = code(task);
        String note = comment(task, ReviewProcess.CORRECTION_NOTE, true, "请填写补正说明");
        InvestmentProject current = projects.find(code).orElseThrow();
        ProjectRegistration corrected = new ProjectRegistration(
                task.form().required(ReviewProcess.PROJECT_NAME, "请填写项目名称"), task.form().required(ReviewProcess.INVESTOR, "请填写投资方名称"),
                current.investorCategory().name(), current.industry().name(),
                amount(task, ReviewProcess.TOTAL_INVESTMENT, "总投资额"), current.foreignCapital(), amount(task, ReviewProcess.LAND_AREA, "用地面积"),
                current.originUnit(), current.hostUnit(), current.keyProject(), current.contactPerson(), current.contactPhone(),
                task.form().text(ReviewProcess.PROJECT_DESCRIPTION));
        InvestmentProject updated = steps.correct(trace(task), corrected, current.originUnit(), note);
        // The gateways and forms read the project's facts as variables: refreshed, and the corrections counted.
        ProjectFacts.refresh(task.task().getExecution(), updated);
        task.set(ReviewProcess.CORRECTION_COUNT, ((Number) task.variable(ReviewProcess.CORRECTION_COUNT)).intValue() + 1);
    }

    private <E extends Enum<E> & Labelled> void record(CompletingTask task, String step, String department, E decision, String comment) {
        record(task, step, department, decision.name(), decision.label(), comment);
    }

    private void record(CompletingTask task, String step, String department, String decision, String label, String comment) {
        steps.opinion(trace(task), task.name(), step, department, decision, label, comment);
    }

    private static String code(CompletingTask task) {
        return task.text(ReviewProcess.PROJECT_CODE);
    }

    private static TaskTrace trace(CompletingTask task) {
        return task.trace(code(task));
    }

    /**
     * The district's rule for 淘汰类 as the review started under it. Instances started on model version 1.0 carry
     * no rule: that model ends the review at 淘汰类 whatever the opinion records (going on would skip 环保 and 消防),
     * so they keep ending as a veto.
     */
    private static boolean eliminatedIsVeto(CompletingTask task) {
        Object rule = task.variable(ReviewProcess.ELIMINATED_IS_VETO);
        return rule == null || Boolean.TRUE.equals(rule);
    }

    private static String comment(CompletingTask task, String variable, boolean required, String message) {
        return required ? task.form().required(variable, message) : task.form().text(variable);
    }

    private static BigDecimal amount(CompletingTask task, String variable, String what) {
        Object value = task.variable(variable);
        if (value == null || value.toString().isBlank()) {
            throw new TaskInputRejected(what + "须为不小于0的数");
        }
        try {
            BigDecimal number = new BigDecimal(value.toString().trim());
            if (number.signum() < 0) {
                throw new TaskInputRejected(what + "须为不小于0的数");
            }
            return number.setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new TaskInputRejected(what + "格式不正确");
        }
    }
}
