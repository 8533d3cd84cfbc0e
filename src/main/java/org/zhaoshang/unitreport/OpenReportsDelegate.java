package org.zhaoshang.unitreport;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 开启各单位本期报送: every report of the current periods not opened yet (see {@link UnitReportService#openDue}). */
@Component
class OpenReportsDelegate implements JavaDelegate {

    private final UnitReportService reports;

    OpenReportsDelegate(UnitReportService reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reports.openDue(execution.getProcessInstanceId());
    }
}
