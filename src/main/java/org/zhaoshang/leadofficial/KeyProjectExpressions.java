package org.zhaoshang.leadofficial;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.ReportingDay;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/**
 * {@code ${keyProjects…}} in 五个一: the monthly report opens on the first working day of the next month
 * (09:00) and is due at the end of the month's 5th, or of the next working day when the 5th is a day off
 * (policy 002: 每月5日报送 — a date, {@link ReportingDay}); the follow-through ends when the project operates
 * or is ended.
 */
@Component("keyProjects")
public class KeyProjectExpressions {

    static final EnumSet<ProjectStage> ENDED = EnumSet.of(ProjectStage.OPERATING, ProjectStage.TERMINATED, ProjectStage.LOST,
            ProjectStage.VETOED, ProjectStage.REJECTED);

    private final WorkingDayCalendar calendar;
    private final ProjectService projects;

    KeyProjectExpressions(WorkingDayCalendar calendar, ProjectService projects) {
        this.calendar = calendar;
        this.projects = projects;
    }

    public Date nextReportStart(DelegateExecution execution) {
        LocalDate firstOfNextMonth = LocalDate.ofInstant(calendar.now(), calendar.zone()).withDayOfMonth(1).plusMonths(1);
        return Date.from(calendar.reminderTimeOf(calendar.plusWorkingDays(firstOfNextMonth, 0)).toInstant());
    }

    public Date reportDue(DelegateExecution execution) {
        YearMonth month = YearMonth.from(LocalDate.ofInstant(calendar.now(), calendar.zone()));
        return Date.from(calendar.endOf(ReportingDay.of(month, calendar)).toInstant());
    }

    public boolean followThroughEnded(DelegateExecution execution) {
        return projects.find(execution.getProcessBusinessKey()).map(p -> ENDED.contains(p.stage())).orElse(true);
    }
}
