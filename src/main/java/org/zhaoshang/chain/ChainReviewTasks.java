package org.zhaoshang.chain;

import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskOwner;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.identity.OrgDirectory;

/**
 * The user tasks of 产业链月度研判: the lead department reviews its chain with the month's figures and 招商图谱 in front of it
 * (and last month's problems with the leader's answer), the chain's 分管区领导 answers the problems raised.
 */
@Component
class ChainReviewTasks implements ProcessTasks {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

    private final ChainReviews reviews;
    private final ChainNotices notices;
    private final OrgDirectory directory;

    ChainReviewTasks(ChainReviews reviews, ChainNotices notices, OrgDirectory directory) {
        this.reviews = reviews;
        this.notices = notices;
        this.directory = directory;
    }

    @Override
    public String processKey() {
        return ChainReviewProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(ChainReviewProcess.TASK_REVIEW).onCreate(this::prepareReview).completes(this::review);
        rules.task(ChainReviewProcess.TASK_COORDINATE)
                .belongsTo(TaskOwner.person(task -> review(task).leader(), (name, task) -> "只有本产业链的分管区领导（" + name + "）可以办理「" + task + "」"))
                .onCreate(this::prepareCoordination).completes(this::coordinate);
    }

    private void prepareReview(DelegateTask task) {
        ChainReviews.Review review = reviews.snapshot(review(task).id());
        task.setVariableLocal(ChainReviewProcess.HEADING, "%s产业链 %s 月度研判（牵头部门：%s；%s前完成）".formatted(review.industry().label(),
                review.monthLabel(), directory.unitName(review.leadDepartment()), DAY.format(review.dueDate())));
        task.setVariableLocal(ChainReviewProcess.PIPELINE, review.pipeline());
        task.setVariableLocal(ChainReviewProcess.TARGETS, review.targets());
        task.setVariableLocal(ChainReviewProcess.LAST_MONTH, reviews.lastMonth(review));
    }

    private void prepareCoordination(DelegateTask task) {
        ChainReviews.Review review = review(task);
        task.setVariableLocal(ChainReviewProcess.HEADING, "%s产业链 %s 月度研判：%s提请协调".formatted(review.industry().label(), review.monthLabel(),
                directory.unitName(review.leadDepartment())));
        task.setVariableLocal(ChainReviewProcess.PROBLEMS_SHOWN, review.problems());
        task.setVariableLocal(ChainReviewProcess.PIPELINE, review.pipeline() + "  \n" + review.targets() + "  \n本月工作：" + review.workSummary()
                + "（" + directory.personName(review.submittedBy()) + "）");
    }

    private void review(CompletingTask task) {
        reviews.submit(review(task.task()).id(), task.actor(), task.form().text(ChainReviewProcess.WORK_SUMMARY),
                task.form().text(ChainReviewProcess.PROBLEMS), task.form().flag(ChainReviewProcess.RAISE));
    }

    private void coordinate(CompletingTask task) {
        ChainReviews.Review done = reviews.coordinate(review(task.task()).id(), task.actor(), task.form().text(ChainReviewProcess.COORDINATION_NOTE));
        notices.coordinated(done);
    }

    private ChainReviews.Review review(DelegateTask task) {
        return reviews.find(((Number) task.getVariable(ChainReviewProcess.REVIEW_ID)).longValue());
    }
}
