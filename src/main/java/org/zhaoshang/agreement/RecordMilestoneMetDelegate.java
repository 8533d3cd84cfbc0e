package org.zhaoshang.agreement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/**
 * {@code ${recordMilestoneMetDelegate}}: a verified 注册落地 / 资金到位 / 开工 / 投产 moves the project's
 * stage forward (never back: a 资金到位 verified after 开工 leaves the stage at 已开工); a verified 投产
 * starts the five-year post-evaluation.
 */
@Component
class RecordMilestoneMetDelegate implements JavaDelegate {

    private final AgreementRecords records;
    private final ProjectService projects;

    RecordMilestoneMetDelegate(AgreementRecords records, ProjectService projects) {
        this.records = records;
        this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AgreementRecords.Milestone milestone = records.milestone(((Number) execution.getVariable(AgreementProcess.MILESTONE_ID)).longValue());
        String code = execution.getProcessBusinessKey();
        milestone.type().reaches().ifPresent(target -> {
            InvestmentProject project = projects.find(code).orElseThrow();
            if (project.stage().canMoveTo(target) && target != ProjectStage.TERMINATED) {
                projects.changeStage(code, target, milestone.verifiedBy(), "履约节点「%s」核验达成".formatted(milestone.title()),
                        execution.getProcessInstanceId(), null);
            }
        });
        if (milestone.type() == MilestoneType.OPERATION) {
            execution.getProcessInstance().setVariable(AgreementProcess.PRODUCTION_STARTED, true);
        }
    }
}
