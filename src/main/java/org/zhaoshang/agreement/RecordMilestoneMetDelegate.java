package org.zhaoshang.agreement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.Times;

/**
 * {@code ${recordMilestoneMetDelegate}}: a verified 注册落地 / 资金到位 / 开工 / 投产 moves the project's
 * stage forward (never back: a 资金到位 verified after 开工 leaves the stage at 已开工). The first of them is
 * the project's 落地, from which the five-year post-evaluation runs (policy 001: 从项目落地到运营五年).
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
        if (milestone.type().reaches().isPresent()
                && records.markLanded(milestone.agreementId(), Times.localDate(milestone.verifiedAt()))) {
            execution.getProcessInstance().setVariable(AgreementProcess.PROJECT_LANDED, true);
        }
        if (milestone.type() == MilestoneType.OPERATION) {
            // Process versions before issue 21 start their post-evaluation here.
            execution.getProcessInstance().setVariable(AgreementProcess.PRODUCTION_STARTED, true);
        }
    }
}
