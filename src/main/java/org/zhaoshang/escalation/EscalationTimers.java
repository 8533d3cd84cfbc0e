package org.zhaoshang.escalation;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        for (LevelTimer boundary : levelTimers(task.getProcessDefinitionId(), task.getTaskDefinitionKey())) {
            for (Job job : managementService.createJobQuery().processInstanceId(task.getProcessInstanceId())
                    .activityId(boundary.id()).unlimitedList()) {
                managementService.setJobDuedate(job.getId(), timers[boundary.level()]);
            }
        }
    }

    /** A boundary timer of a task and the escalation level it stands for (0 reminder, 1 overdue, 2 督办). */
    record LevelTimer(String id, int level) {
    }

    // Deployed definitions never change, so a task's timers are looked up in its model once: searching the BPMN
    // model's DOM on every reschedule was a quarter of a review meeting's planning (docs/benchmarks.md, step 11).
    private final Map<String, List<LevelTimer>> levelTimers = new ConcurrentHashMap<>();

    List<LevelTimer> levelTimers(String processDefinitionId, String taskKey) {
        return levelTimers.computeIfAbsent(processDefinitionId + "\n" + taskKey, k -> {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(processDefinitionId);
            return model.getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(b -> b.getAttachedTo().getId().equals(taskKey))
                    .map(b -> new LevelTimer(b.getId(), b.getId().endsWith("Reminder") ? 0 : b.getId().endsWith("Overdue") ? 1
                            : b.getId().endsWith("Supervision") ? 2 : -1))
                    .filter(t -> t.level() >= 0)
                    .sorted(java.util.Comparator.comparing(LevelTimer::id))
                    .toList();
        });
    }
}
