package org.zhaoshang.review;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.escalation.SlaExpressions;

/**
 * {@code ${reviewMeetings.dueDate(execution)}}: the review-meeting task is due on its meeting's day;
 * while no meeting is planned, by the task type's SLA. {@code ${reviewMeetings.guidance(execution)}}: the
 * 产业指导意见 the meeting weighs, for the task's form.
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

    public String guidance(DelegateExecution execution) {
        return meetings.guidance(execution.getProcessInstanceId()).map(ReviewMeetingService.IndustryGuidance::text).orElse("（未出具）");
    }
}
