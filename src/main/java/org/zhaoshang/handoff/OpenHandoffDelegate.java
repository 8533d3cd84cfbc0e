package org.zhaoshang.handoff;

import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;

/**
 * {@code ${openHandoffDelegate}}: records the handoff and proposes candidate hosts — the streets and
 * parks whose declared leading industries (主导产业) include the project's industry.
 */
@Component
class OpenHandoffDelegate implements JavaDelegate {

    private final ProjectService projects;
    private final HandoffRecords records;
    private final OrgDirectory directory;

    OpenHandoffDelegate(ProjectService projects, HandoffRecords records, OrgDirectory directory) {
        this.projects = projects;
        this.records = records;
        this.directory = directory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String code = execution.getProcessBusinessKey();
        InvestmentProject project = projects.find(code).orElseThrow();
        String reason = (String) execution.getVariable(HandoffProcess.REASON_TEXT);
        long id = records.open(code, execution.getProcessInstanceId(), project.hostUnit(),
                (String) execution.getVariable(HandoffProcess.REASON_CATEGORY), reason,
                (String) execution.getVariable(HandoffProcess.REQUESTED_BY));
        String proposals = directory.hostUnits().stream()
                .filter(unit -> !unit.code().equals(project.hostUnit()))
                .filter(unit -> unit.leadingIndustries().contains(project.industry().name()))
                .map(unit -> unit.name() + "（" + unit.code() + "）")
                .collect(Collectors.joining("；"));
        execution.setVariable(HandoffProcess.HANDOFF_ID, id);
        execution.setVariable(HandoffProcess.PROJECT_CODE, code);
        execution.setVariable(HandoffProcess.PROJECT_NAME, project.name());
        execution.setVariable(HandoffProcess.ORIGIN_UNIT, project.hostUnit());
        String originName = directory.unitName(project.hostUnit());
        execution.setVariable(HandoffProcess.ORIGIN_UNIT_NAME, originName);
        execution.setVariable(HandoffProcess.PROPOSED_UNITS, proposals.isEmpty() ? "（无主导产业匹配的单位）" : proposals);
        projects.recordEvent(code, ProjectEventType.HANDOFF, (String) execution.getVariable(HandoffProcess.REQUESTED_BY),
                originName + "推送至区平台：" + reason,
                execution.getProcessInstanceId(), null);
    }
}
