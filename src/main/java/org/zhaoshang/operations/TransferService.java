package org.zhaoshang.operations;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * 转办 (the task moves to another person, who then owns it) and 委派 (another person gives an opinion and
 * resolves the task back to its owner, who completes it: Camunda's delegation). Only to people of the
 * task's own groups: those whom the task's rules let complete it.
 */
@Service
public class TransferService {

    private final TaskAccess access;
    private final TaskService taskService;
    private final OperationLog log;
    private final OperationMails mails;

    TransferService(TaskAccess access, TaskService taskService, OperationLog log, OperationMails mails) {
        this.access = access;
        this.taskService = taskService;
        this.log = log;
        this.mails = mails;
    }

    /** Who may take the task over from this person. */
    public List<TaskAccess.Person> targets(String taskId, StaffUser user) {
        TaskRef task = access.open(taskId, user);
        return access.people(task, user.id());
    }

    @Transactional
    public void transfer(String taskId, String target, String note, StaffUser user) {
        TaskRef task = holdable(taskId, user, "转办");
        TaskAccess.Person person = target(task, target, user, "转办");
        String text = Inputs.optional(note, "note");
        taskService.setAssignee(task.id(), person.id());
        long id = log.record(OperationKind.TRANSFER, task, user.id(), person.id(), text,
                "「%s」由%s转办给%s%s".formatted(task.name(), user.displayName(), person.name(), text == null ? "" : "：" + text));
        mails.send(OperationKind.TRANSFER, String.valueOf(id), List.of(person.id()), task.id(), task.label(),
                task.processInstanceId(), task.projectCode(), user.displayName(), "将以下任务转办给您，请及时办理。", text, null);
    }

    @Transactional
    public void delegate(String taskId, String target, String note, StaffUser user) {
        TaskRef task = holdable(taskId, user, "委派");
        TaskAccess.Person person = target(task, target, user, "委派");
        String text = Inputs.optional(note, "note");
        if (task.assignee() == null) {
            taskService.claim(task.id(), user.id());
        }
        taskService.delegateTask(task.id(), person.id());
        long id = log.record(OperationKind.DELEGATE, task, user.id(), person.id(), text,
                "「%s」由%s委派%s提出意见%s".formatted(task.name(), user.displayName(), person.name(), text == null ? "" : "：" + text));
        mails.send(OperationKind.DELEGATE, String.valueOf(id), List.of(person.id()), task.id(), task.label(),
                task.processInstanceId(), task.projectCode(), user.displayName(),
                "请您就以下任务提出意见，完成后点击「完成委托」交回。", text, null);
    }

    private TaskRef holdable(String taskId, StaffUser user, String what) {
        TaskRef task = access.open(taskId, user);
        if (task.delegated()) {
            throw ApiException.conflict("任务正在委派中，待受托人完成委托后才能" + what);
        }
        if (!task.heldBy(user)) {
            throw ApiException.forbidden("只有当前办理人（任务未认领时为本部门人员）可以" + what);
        }
        return task;
    }

    private TaskAccess.Person target(TaskRef task, String target, StaffUser user, String what) {
        if (target == null || target.isBlank()) {
            throw ApiException.badField("target", "请选择" + what + "对象");
        }
        if (target.equals(user.id())) {
            throw ApiException.badField("target", "不能" + what + "给自己");
        }
        return access.people(task, user.id()).stream().filter(p -> p.id().equals(target.strip())).findFirst()
                .orElseThrow(() -> ApiException.badField("target", "只能" + what + "给本任务所属部门的人员"));
    }
}
