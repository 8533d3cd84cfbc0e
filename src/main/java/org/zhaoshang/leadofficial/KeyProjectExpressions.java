package org.zhaoshang.leadofficial;

import java.time.LocalDate;
import java.util.Date;
import java.util.EnumSet;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/**
 * {@code ${keyProjects…}} in 五个一: the monthly report opens on the first working day of the next month
 * (09:00) and is due at the end of the month's 5th working day (policy 002: 每月5日报送, counted in
 * working days); the follow-through ends when the project operates or is ended.
 */
@Component("keyProjects")
public class KeyProjectExpressions {

    static final int REPORT_WORKING_DAY = 5;
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
        LocalDate firstOfMonth = LocalDate.ofInstant(calendar.now(), calendar.zone()).withDayOfMonth(1);
        return Date.from(calendar.endOf(calendar.plusWorkingDays(firstOfMonth, REPORT_WORKING_DAY - 1)).toInstant());
    }

    public boolean followThroughEnded(DelegateExecution execution) {
        return projects.find(execution.getProcessBusinessKey()).map(p -> ENDED.contains(p.stage())).orElse(true);
    }
}
