package org.zhaoshang.operations;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * 撤回: the person who completed a step (one the model marks {@code withdrawable}) takes it back while the
 * steps it opened are untouched — nobody claimed them, wrote in them or completed anything since. Those
 * steps are cancelled and the step opens again, assigned to that person.
 */
@Service
public class WithdrawService {

    /** Why a completed task can or cannot be withdrawn now (for the 已办 list). */
    public record Check(boolean possible, String reason, List<Task> next) {
    }

    private final TaskAccess access;
    private final ReturnRules rules;
    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final OperationLog log;
    private final OperationMails mails;

    WithdrawService(TaskAccess access, ReturnRules rules, HistoryService historyService, RuntimeService runtimeService, TaskService taskService,
            OperationLog log, OperationMails mails) {
        this.access = access;
        this.rules = rules;
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.log = log;
        this.mails = mails;
    }

    public Check check(HistoricTaskInstance task) {
        if (task.getEndTime() == null || !"completed".equals(task.getDeleteReason())) {
            return new Check(false, "任务尚未办结", List.of());
        }
        if (!rules.withdrawable(task.getProcessDefinitionId(), task.getTaskDefinitionKey())) {
            return new Check(false, "该环节不支持撤回", List.of());
        }
        if (runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).count() == 0) {
            return new Check(false, "流程已结束", List.of());
        }
        Date done = task.getEndTime();
        boolean laterCompleted = historyService.createHistoricTaskInstanceQuery().processInstanceId(task.getProcessInstanceId()).finished()
                .finishedAfter(done).unlimitedList().stream().anyMatch(h -> !h.getId().equals(task.getId()) && "completed".equals(h.getDeleteReason()));
        if (laterCompleted) {
            return new Check(false, "后续环节已办理", List.of());
        }
        List<Task> next = taskService.createTaskQuery().processInstanceId(task.getProcessInstanceId()).unlimitedList().stream()
                .filter(t -> !t.getCreateTime().before(new Date(done.getTime() - 1000))).toList();
        if (next.isEmpty()) {
            return new Check(false, "没有可撤回的后续环节", List.of());
        }
        for (Task t : next) {
            if (t.getAssignee() != null) {
                return new Check(false, "后续环节「%s」已由%s认领".formatted(t.getName(), access.name(t.getAssignee())), next);
            }
            // Tasklist keeps a saved form in the browser; what the server sees of work begun is a claim, a delegation or a comment.
            if (!taskService.getTaskComments(t.getId()).isEmpty() || t.getOwner() != null) {
                return new Check(false, "后续环节「%s」已开始办理".formatted(t.getName()), next);
            }
        }
        return new Check(true, null, next);
    }

    @Transactional
    public String withdraw(String taskId, StaffUser user) {
        HistoricTaskInstance task = taskId == null ? null : historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (task == null || !access.completedBy(task).map(user.id()::equals).orElse(false)) {
            throw ApiException.notFound("没有您办结的这项任务");
        }
        Check check = check(task);
        if (!check.possible()) {
            throw ApiException.conflict("不能撤回：" + check.reason());
        }
        List<String> told = check.next().stream().map(t -> access.find(t.getId())).filter(java.util.Objects::nonNull)
                .flatMap(r -> access.people(r, null).stream()).map(TaskAccess.Person::id).distinct().toList();
        ProcessInstanceModificationBuilder modification = runtimeService.createProcessInstanceModification(task.getProcessInstanceId());
        ActivityInstance root = runtimeService.getActivityInstance(task.getProcessInstanceId());
        for (Task t : check.next()) {
            modification.cancelActivityInstance(instanceOf(root, t.getTaskDefinitionKey(), t.getExecutionId()).getId());
        }
        String scope = rules.scopeOf(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        ActivityInstance scopeInstance = root.getActivityId().equals(scope) ? root : byActivity(root, scope);
        if (scopeInstance == null || scopeInstance == root) {
            modification.startBeforeActivity(task.getTaskDefinitionKey());
        } else {
            modification.startBeforeActivity(task.getTaskDefinitionKey(), scopeInstance.getId());
        }
        modification.execute();
        Task again = taskService.createTaskQuery().processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(task.getTaskDefinitionKey())
                .orderByTaskCreateTime().desc().unlimitedList().get(0);
        taskService.setAssignee(again.getId(), user.id());
        taskService.setDescription(again.getId(), "已由" + user.displayName() + "撤回重新办理");
        String code = access.businessKey(task.getProcessInstanceId());
        String next = String.join("、", check.next().stream().map(Task::getName).distinct().toList());
        long id = log.record(OperationKind.WITHDRAW, again.getId(), task.getTaskDefinitionKey(), task.getName(), task.getProcessInstanceId(), code,
                user.id(), next, null, "%s撤回「%s」（已取消尚未办理的「%s」）".formatted(user.displayName(), task.getName(), next));
        TaskRef label = access.find(again.getId());
        mails.send(OperationKind.WITHDRAW, String.valueOf(id), told, again.getId(), label.label(), task.getProcessInstanceId(), code,
                user.displayName(), "撤回了已办结的「" + task.getName() + "」，「" + next + "」暂不需要办理。", null,
                code == null ? "/" : "/projects/" + code);
        return again.getId();
    }

    private static ActivityInstance instanceOf(ActivityInstance instance, String activityId, String executionId) {
        if (instance.getActivityId().equals(activityId) && List.of(instance.getExecutionIds()).contains(executionId)) {
            return instance;
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            ActivityInstance found = instanceOf(child, activityId, executionId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ActivityInstance byActivity(ActivityInstance instance, String activityId) {
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            if (child.getActivityId().equals(activityId)) {
                return child;
            }
            ActivityInstance found = byActivity(child, activityId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
