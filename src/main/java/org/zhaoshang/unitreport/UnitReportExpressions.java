package org.zhaoshang.unitreport;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * {@code ${unitReports…}} in the model: the reports of an instance (the sub-process's collection), each report's unit,
 * due date, approver and the decisions its gateways follow — read from the report's row, the one truth (each unit's sub-process
 * runs in parallel, so no decision travels in a shared variable).
 */
@Component("unitReports")
public class UnitReportExpressions {

    private final UnitReportRecords records;
    private final WorkingDayCalendar calendar;

    UnitReportExpressions(UnitReportRecords records, WorkingDayCalendar calendar) {
        this.records = records;
        this.calendar = calendar;
    }

    public List<Long> opened(DelegateExecution execution) {
        return records.openedBy(execution.getProcessInstanceId());
    }

    /** The unit that owes the report: its officers draft, its head approves. */
    public String unit(DelegateExecution execution) {
        return report(execution).unit();
    }

    /** The end of the report's due day (the policy's date, or the next working day). */
    public Date due(DelegateExecution execution) {
        return Date.from(calendar.endOf(report(execution).dueDate()).toInstant());
    }

    public String approver(DelegateExecution execution) {
        return report(execution).approver();
    }

    public boolean approved(DelegateExecution execution) {
        return report(execution).status().sent();
    }

    public boolean received(DelegateExecution execution) {
        return report(execution).status() == ReportStatus.RECEIVED;
    }

    private UnitReportRecords.Report report(DelegateExecution execution) {
        long id = ((Number) execution.getVariable(UnitReportProcess.REPORT_ID)).longValue();
        return records.find(id).orElseThrow(() -> new IllegalStateException("no report " + id));
    }
}
