package org.zhaoshang.agreement;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Evidence uploaded on the project's page after a report, verification or decision task opened: the task's
 * {@code evidenceSummary} is refreshed, so reopening the task in Tasklist shows the new files.
 */
@Component
class EvidenceOnOpenTasks {

    private final AgreementRecords records;
    private final AgreementExpressions expressions;
    private final TaskService taskService;

    EvidenceOnOpenTasks(AgreementRecords records, AgreementExpressions expressions, TaskService taskService) {
        this.records = records;
        this.expressions = expressions;
        this.taskService = taskService;
    }

    @EventListener
    void refresh(EvidenceService.EvidenceAdded event) {
        AgreementRecords.Milestone milestone = records.milestone(event.milestoneId());
        String pi = records.agreement(milestone.agreementId()).orElseThrow().processInstanceId();
        if (pi == null) {
            return;
        }
        String text = expressions.evidenceText(milestone);
        for (Task task : taskService.createTaskQuery().processInstanceId(pi)
                .taskDefinitionKeyIn(AgreementProcess.TASK_REPORT, AgreementProcess.TASK_VERIFY, AgreementProcess.TASK_APPROVE_EXCEPTION,
                        AgreementProcess.TASK_DECIDE_TARGET).unlimitedList()) {
            Object id = taskService.getVariable(task.getId(), AgreementProcess.MILESTONE_ID);
            if (id instanceof Number number && number.longValue() == milestone.id()) {
                taskService.setVariable(task.getId(), AgreementProcess.EVIDENCE_SUMMARY, text);
            }
        }
    }
}
