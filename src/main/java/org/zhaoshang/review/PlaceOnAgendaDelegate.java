package org.zhaoshang.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${placeOnAgendaDelegate}}: the project joins the agenda of the next planned 论证会 (or waits
 * for the next one to be planned); a result of an earlier meeting is cleared for this round.
 */
@Component
class PlaceOnAgendaDelegate implements JavaDelegate {

    private final ReviewMeetingService meetings;

    PlaceOnAgendaDelegate(ReviewMeetingService meetings) {
        this.meetings = meetings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.removeVariable(ReviewProcess.MEETING_RESULT);
        execution.setVariables(meetings.agendaVariables(
                meetings.placeOnAgenda(execution.getProcessBusinessKey(), execution.getProcessInstanceId()).orElse(null)));
    }
}
