package org.zhaoshang.review;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;

/**
 * {@code ${requestKeyProjectLeadDelegate}} on the message event 移交五个一包联: starts 五个一
 * (process {@code key-project-lead}, message start {@code KeyProjectLeadRequested}) for the approved
 * key project. Until that process is deployed the hand-over is recorded on the case as pending, so
 * nothing is lost: 合作交流办 can start 五个一 for it later.
 */
@Component
class RequestKeyProjectLeadDelegate implements JavaDelegate {

    static final String MESSAGE_NAME = "KeyProjectLeadRequested";

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final ProjectService projects;

    RequestKeyProjectLeadDelegate(RuntimeService runtimeService, RepositoryService repositoryService, ProjectService projects) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String code = execution.getProcessBusinessKey();
        boolean receiverDeployed = repositoryService.createProcessDefinitionQuery().messageEventSubscriptionName(MESSAGE_NAME)
                .latestVersion().count() > 0;
        if (receiverDeployed) {
            runtimeService.createMessageCorrelation(MESSAGE_NAME).processInstanceBusinessKey(code)
                    .setVariable(ReviewProcess.PROJECT_CODE, code).correlateStartMessage();
        }
        projects.recordEvent(code, ProjectEventType.KEY_PROJECT_HANDOVER, "system",
                receiverDeployed ? "重点项目已移交五个一包联" : "重点项目待启动五个一包联（五个一流程尚未部署）",
                execution.getProcessInstanceId(), null);
    }
}
