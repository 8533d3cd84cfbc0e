package org.zhaoshang.handoff;

import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.escalation.SlaExpressions;

/**
 * {@code ${handoffs.feedbackDeadline(execution)}}: 限时反馈 ends at the end of the working day after the
 * feedback task's 督办 (level 2) — after the reminder and both escalations had their chance, silence
 * counts as 不接收.
 */
@Component("handoffs")
public class HandoffExpressions {

    private final SlaExpressions sla;
    private final WorkingDayCalendar calendar;

    HandoffExpressions(SlaExpressions sla, WorkingDayCalendar calendar) {
        this.sla = sla;
        this.calendar = calendar;
    }

    public Date feedbackDeadline(DelegateExecution execution) {
        Date supervision = sla.level2At(execution);
        LocalDate day = LocalDate.ofInstant(supervision.toInstant(), calendar.zone());
        return Date.from(calendar.endOf(calendar.nextWorkingDay(day)).toInstant());
    }
}
