package org.zhaoshang.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * 退回: the holder of a step sends the case back, with a reason, as the model says (see {@link ReturnRules}).
 * A drawn return completes the task with the model's return decision; a {@code returnTo} return cancels
 * this step and starts the earlier one again in the same scope — the same milestone, the same branch —
 * leaving every other branch or instance as it was. The step that comes back goes to the person who did
 * it last time and carries the reason in its description.
 */
@Service
public class SendBackService {

    private final TaskAccess access;
    private final ReturnRules rules;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final OperationLog log;
    private final OperationMails mails;

    SendBackService(TaskAccess access, ReturnRules rules, TaskService taskService, RuntimeService runtimeService, HistoryService historyService,
            IdentityService identityService, OperationLog log, OperationMails mails) {
        this.access = access;
        this.rules = rules;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.identityService = identityService;
        this.log = log;
        this.mails = mails;
    }

    /** Whether (and to where) the step can be sent back, for the Tasklist button. */
    public java.util.Optional<String> target(TaskRef task) {
        return rules.of(task.processDefinitionId(), task.key())
                .map(rule -> rule.modelled() ? "退回补充材料" : "退回「" + rules.nameOf(task.processDefinitionId(), rule.returnTo()) + "」");
    }

    @Transactional
    public List<String> sendBack(String taskId, String reason, StaffUser user) {
        TaskRef task = access.open(taskId, user);
        ReturnRules.Rule rule = rules.of(task.processDefinitionId(), task.key())
                .orElseThrow(() -> ApiException.conflict("「" + task.name() + "」不能退回（流程未设定退回环节）"));
        if (!task.heldBy(user) || task.delegated()) {
            throw ApiException.forbidden("只有当前办理人（任务未认领时为本部门人员）可以退回");
        }
        String why = Inputs.required(reason, "reason", "请填写退回原因");
        Set<String> before = openTaskIds(task.processInstanceId());
        String where;
        if (rule.modelled()) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(rule.decisionVariable(), rule.decisionValue());
            if (rule.reasonVariable() != null) {
                variables.put(rule.reasonVariable(), why);
            }
            identityService.setAuthentication(user.id(), user.groupIds());
            try {
                taskService.complete(task.id(), variables);
            } finally {
                identityService.clearAuthentication();
            }
            where = "补充材料";
        } else {
            where = rules.nameOf(task.processDefinitionId(), rule.returnTo());
            returnTo(task, rule.returnTo());
        }
        List<Task> returned = taskService.createTaskQuery().processInstanceId(task.processInstanceId()).unlimitedList().stream()
                .filter(t -> !before.contains(t.getId())).toList();
        List<String> holders = new ArrayList<>();
        for (Task t : returned) {
            taskService.setDescription(t.getId(), "退回原因：" + why + "（" + user.displayName() + "退回「" + task.name() + "」）");
            if (!rule.modelled()) {
                TaskRef again = access.find(t.getId());
                previousAssignee(task.processInstanceId(), t)
                        .filter(previous -> access.groupsOf(previous).stream().anyMatch(again.candidateGroups()::contains))
                        .ifPresent(previous -> taskService.setAssignee(t.getId(), previous));
            }
            holders.addAll(holdersOf(t.getId()));
        }
        long id = log.record(OperationKind.SEND_BACK, task, user.id(), where, why,
                "「%s」由%s退回%s：%s".formatted(task.name(), user.displayName(), rule.modelled() ? "补充材料" : "至「" + where + "」", why));
        mails.send(OperationKind.SEND_BACK, String.valueOf(id), holders, returned.isEmpty() ? task.id() : returned.get(0).getId(), task.label(),
                task.processInstanceId(), task.projectCode(), user.displayName(), "退回了以下事项，请补充办理。", why,
                returned.isEmpty() ? "/projects/" + task.projectCode() : null);
        return returned.stream().map(Task::getId).toList();
    }

    /** Cancels this step and starts {@code target} again in the scope instance the step runs in. */
    private void returnTo(TaskRef task, String target) {
        String executionId = taskService.createTaskQuery().taskId(task.id()).singleResult().getExecutionId();
        if (!java.util.Objects.equals(rules.scopeOf(task.processDefinitionId(), task.key()), rules.scopeOf(task.processDefinitionId(), target))) {
            throw new IllegalStateException("returnTo of " + task.key() + " is not in its scope: " + target);
        }
        ActivityInstance root = runtimeService.getActivityInstance(task.processInstanceId());
        ActivityInstance[] found = new ActivityInstance[2];
        locate(root, null, task.key(), executionId, found);
        if (found[0] == null) {
            throw ApiException.conflict("任务状态已变化，请刷新后重试");
        }
        runtimeService.createProcessInstanceModification(task.processInstanceId())
                // Start first: cancelling the only step of a scope first would end the scope (a milestone's sub-process) with it.
                .startBeforeActivity(target, found[1].getId())
                .cancelActivityInstance(found[0].getId())
                .execute();
    }

    /** found[0]: the task's activity instance; found[1]: its parent (the scope instance). */
    private static void locate(ActivityInstance instance, ActivityInstance parent, String activityId, String executionId, ActivityInstance[] found) {
        if (instance.getActivityId().equals(activityId) && List.of(instance.getExecutionIds()).contains(executionId)) {
            found[0] = instance;
            found[1] = parent;
            return;
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            locate(child, instance, activityId, executionId, found);
        }
    }

    private java.util.Optional<String> previousAssignee(String processInstanceId, Task task) {
        return historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).taskDefinitionKey(task.getTaskDefinitionKey())
                .finished().orderByHistoricTaskInstanceEndTime().desc().unlimitedList().stream()
                .filter(h -> "completed".equals(h.getDeleteReason())).map(access::completedBy).flatMap(java.util.Optional::stream).findFirst();
    }

    private List<String> holdersOf(String taskId) {
        TaskRef t = access.find(taskId);
        if (t == null) {
            return List.of();
        }
        return t.assignee() != null ? List.of(t.assignee()) : access.people(t, null).stream().map(TaskAccess.Person::id).toList();
    }

    private Set<String> openTaskIds(String processInstanceId) {
        return taskService.createTaskQuery().processInstanceId(processInstanceId).unlimitedList().stream().map(Task::getId).collect(Collectors.toSet());
    }
}
