package org.zhaoshang.calendar;

import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * {@code ${workdays…}} in BPMN expressions: due dates and timer dates in working days, e.g.
 * {@code camunda:dueDate="${workdays.dueIn(5)}"}. Task SLAs normally come from {@code ${sla…}}; this is
 * for the few fixed periods a policy sets (e.g. 限时反馈 within 3 working days).
 */
@Component("workdays")
public class WorkdayExpressions {

    private final WorkingDayCalendar calendar;

    WorkdayExpressions(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /** End of the N-th working day from now. */
    public Date dueIn(int workingDays) {
        return Date.from(calendar.dueAfter(calendar.now(), workingDays).toInstant());
    }
}
