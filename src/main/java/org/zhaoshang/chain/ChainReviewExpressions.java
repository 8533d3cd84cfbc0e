package org.zhaoshang.chain;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * {@code ${chainReviews…}} in the model: the reviews an instance opened (the sub-process's collection), each review's lead
 * department, due date, leader and whether problems were raised — read from the review's row (the sub-processes run in
 * parallel, so nothing travels in a shared variable).
 */
@Component("chainReviews")
public class ChainReviewExpressions {

    private final ChainReviews reviews;
    private final WorkingDayCalendar calendar;

    ChainReviewExpressions(ChainReviews reviews, WorkingDayCalendar calendar) {
        this.reviews = reviews;
        this.calendar = calendar;
    }

    public List<Long> opened(DelegateExecution execution) {
        return reviews.openedBy(execution.getProcessInstanceId());
    }

    public String leadDepartment(DelegateExecution execution) {
        return review(execution).leadDepartment();
    }

    /** The end of the review's due day. */
    public Date due(DelegateExecution execution) {
        return Date.from(calendar.endOf(review(execution).dueDate()).toInstant());
    }

    /** The chain's 分管区领导 when the review opened; null: any 区领导 may take the task. */
    public String leader(DelegateExecution execution) {
        return review(execution).leader();
    }

    public boolean coordinationRaised(DelegateExecution execution) {
        return review(execution).status() == ChainReviewStatus.COORDINATING;
    }

    private ChainReviews.Review review(DelegateExecution execution) {
        return reviews.find(((Number) execution.getVariable(ChainReviewProcess.REVIEW_ID)).longValue());
    }
}
