package org.zhaoshang.leadofficial;

import java.util.EnumSet;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/**
 * {@code ${openKeyProjectCaseDelegate}}: the first step of 五个一. The project (business key) must be
 * approved and still going (已批准 … 已开工); its 五个一 record is opened and the facts the forms show
 * are put on the instance.
 */
@Component
class OpenKeyProjectCaseDelegate implements JavaDelegate {

    static final EnumSet<ProjectStage> FOLLOWED = EnumSet.of(ProjectStage.APPROVED, ProjectStage.SIGNED,
            ProjectStage.REGISTERED, ProjectStage.FUNDED, ProjectStage.CONSTRUCTION);

    private final ProjectService projects;
    private final KeyProjectRecords records;

    OpenKeyProjectCaseDelegate(ProjectService projects, KeyProjectRecords records) {
        this.projects = projects;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String code = execution.getProcessBusinessKey();
        InvestmentProject project = projects.find(code).orElseThrow(() -> new BadUserRequestException("项目不存在：" + code));
        if (!FOLLOWED.contains(project.stage())) {
            throw new BadUserRequestException("只有已批准且尚未投产的项目可以启动五个一包联，当前阶段：" + project.stage().label());
        }
        records.open(code, execution.getProcessInstanceId());
        execution.setVariable(KeyProjectLeadProcess.PROJECT_CODE, code);
        execution.setVariable(KeyProjectLeadProcess.PROJECT_NAME, project.name());
        execution.setVariable(KeyProjectLeadProcess.HOST_UNIT, project.hostUnit());
        execution.setVariable(KeyProjectLeadProcess.NEEDS_COORDINATION, false);
        projects.recordEvent(code, ProjectEventType.KEY_PROJECT_HANDOVER, "system", "启动五个一包联推进",
                execution.getProcessInstanceId(), null);
    }
}
