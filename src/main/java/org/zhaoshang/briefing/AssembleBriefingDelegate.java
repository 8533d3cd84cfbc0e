package org.zhaoshang.briefing;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;

/** {@code ${assembleBriefingDelegate}}: ranks the units for the previous month (quarter, half-year, year) as a draft; names the 约谈. */
@Component
class AssembleBriefingDelegate implements JavaDelegate {

    private final BriefingService service;
    private final WorkingDayCalendar calendar;

    AssembleBriefingDelegate(BriefingService service, WorkingDayCalendar calendar) {
        this.service = service;
        this.calendar = calendar;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        long id = service.assemble(today, execution.getProcessInstanceId());
        execution.setVariable(BriefingProcess.BRIEFING_ID, id);
        execution.setVariable(BriefingProcess.INTERVIEW_UNITS, new java.util.ArrayList<>(service.interviewUnits(id)));
        execution.setProcessBusinessKey("BRIEFING-" + today.minusMonths(1).toString().substring(0, 7));
    }
}
