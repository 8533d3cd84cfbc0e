package org.zhaoshang.review;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.escalation.SlaExpressions;

/**
 * {@code ${reviewMeetings.dueDate(execution)}}: the review-meeting task is due on its meeting's day;
 * while no meeting is planned, by the task type's SLA.
 */
@Component("reviewMeetings")
public class ReviewMeetingExpressions {

    private final ReviewMeetingService meetings;
    private final SlaExpressions sla;

    ReviewMeetingExpressions(ReviewMeetingService meetings, SlaExpressions sla) {
        this.meetings = meetings;
        this.sla = sla;
    }

    public Date dueDate(DelegateExecution execution) {
        return meetings.dueDate(execution.getProcessInstanceId()).orElseGet(() -> sla.dueDate(execution));
    }
}
