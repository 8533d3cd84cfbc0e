package org.zhaoshang.escalation;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves an open task's due date and its reminder / level 1 / level 2 boundary timers together, when the
 * date it depends on changes (e.g. the review meeting it waits for is postponed).
 */
@Service
public class EscalationTimers {

    private final TaskService taskService;
    private final ManagementService managementService;
    private final RepositoryService repositoryService;
    private final SlaExpressions sla;

    EscalationTimers(TaskService taskService, ManagementService managementService, RepositoryService repositoryService,
            SlaExpressions sla) {
        this.taskService = taskService;
        this.managementService = managementService;
        this.repositoryService = repositoryService;
        this.sla = sla;
    }

    @Transactional
    public void reschedule(Task task, Date due) {
        taskService.setDueDate(task.getId(), due);
        Date[] timers = sla.timers(task.getTaskDefinitionKey(), due);
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId());
        List<BoundaryEvent> boundaries = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo().getId().equals(task.getTaskDefinitionKey()))
                .sorted(java.util.Comparator.comparing(BoundaryEvent::getId))
                .toList();
        for (BoundaryEvent boundary : boundaries) {
            int level = boundary.getId().endsWith("Reminder") ? 0 : boundary.getId().endsWith("Overdue") ? 1
                    : boundary.getId().endsWith("Supervision") ? 2 : -1;
            if (level < 0) {
                continue;
            }
            for (Job job : managementService.createJobQuery().processInstanceId(task.getProcessInstanceId())
                    .activityId(boundary.getId()).unlimitedList()) {
                managementService.setJobDuedate(job.getId(), timers[level]);
            }
        }
    }
}
