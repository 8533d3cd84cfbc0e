package org.zhaoshang.agreement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/** {@code ${openFollowUpDelegate}}: the registered agreement moves the project to 已签约. */
@Component
class OpenFollowUpDelegate implements JavaDelegate {

    private final AgreementRecords records;
    private final ProjectService projects;

    OpenFollowUpDelegate(AgreementRecords records, ProjectService projects) {
        this.records = records;
        this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AgreementRecords.Agreement agreement = records.agreement(AgreementExpressions.agreementId(execution)).orElseThrow();
        String actor = (String) execution.getVariable("registeredBy");
        execution.setVariable(AgreementProcess.PROJECT_CODE, agreement.projectCode());
        execution.setVariable(AgreementProcess.PROJECT_NAME, projects.find(agreement.projectCode()).orElseThrow().name());
        projects.recordEvent(agreement.projectCode(), ProjectEventType.AGREEMENT_REGISTERED, actor,
                "协议 %s（签约 %s，%d 个履约节点）".formatted(agreement.agreementNo(), agreement.signedOn(),
                        records.milestones(agreement.id()).size()),
                execution.getProcessInstanceId(), null);
        projects.changeStage(agreement.projectCode(), ProjectStage.SIGNED, actor, "登记签约协议 " + agreement.agreementNo(),
                execution.getProcessInstanceId(), null);
    }
}
