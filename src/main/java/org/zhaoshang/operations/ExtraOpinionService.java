package org.zhaoshang.operations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.engine.TaskTrace;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * 加签: the holder of a task asks another department for its opinion first. The request is a small
 * process of its own ({@code extra-opinion}) so the opinion task has a due date, reminders and 督办 like
 * every task; the main task cannot be completed while a request is open ({@link OpenOpinionsGuard}).
 */
@Service
public class ExtraOpinionService {

    /** An open request on a task. */
    public record Pending(String processInstanceId, String department, String departmentName, String question) {
    }

    private final TaskAccess access;
    private final RuntimeService runtimeService;
    private final OrgDirectory directory;
    private final OperationLog log;

    private final OperationMails mails;

    ExtraOpinionService(TaskAccess access, RuntimeService runtimeService, OrgDirectory directory, OperationLog log, OperationMails mails) {
        this.mails = mails;
        this.access = access;
        this.runtimeService = runtimeService;
        this.directory = directory;
        this.log = log;
    }

    @Transactional
    public String request(String taskId, String department, String question, StaffUser user) {
        TaskRef task = access.open(taskId, user);
        if (!task.heldBy(user) || task.delegated()) {
            throw ApiException.forbidden("只有当前办理人（任务未认领时为本部门人员）可以加签");
        }
        if (department == null || directory.findUnit(department).map(u -> u.kind() == OrgUnitKind.DEPARTMENT).orElse(false) == false) {
            throw ApiException.badField("department", "请选择征求意见的区级部门");
        }
        if (task.candidateGroups().contains(department)) {
            throw ApiException.badField("department", "加签须征求其他部门的意见");
        }
        String text = Inputs.required(question, "question", "请写明需要对方部门答复的问题");
        if (pending(taskId).stream().anyMatch(p -> p.department().equals(department))) {
            throw ApiException.conflict("已向" + directory.unitName(department) + "征求意见，尚未返回");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ExtraOpinionProcess.PARENT_TASK_ID, task.id());
        variables.put(ExtraOpinionProcess.PARENT_TASK_NAME, task.name());
        variables.put(ExtraOpinionProcess.PARENT_PROCESS_INSTANCE_ID, task.processInstanceId());
        variables.put(ExtraOpinionProcess.REQUESTED_BY, user.id());
        variables.put(ExtraOpinionProcess.REQUESTED_BY_NAME, user.displayName());
        variables.put(ExtraOpinionProcess.OPINION_DEPARTMENT, department);
        variables.put(ExtraOpinionProcess.QUESTION, text);
        variables.put(ExtraOpinionProcess.PROJECT_CODE, task.projectCode() == null ? "" : task.projectCode());
        variables.put(ExtraOpinionProcess.PROJECT_NAME, task.projectName() == null ? "" : task.projectName());
        ProcessInstance opinion = ExtraOpinionStartGuard.requested(
                () -> runtimeService.startProcessInstanceByKey(ExtraOpinionProcess.PROCESS_KEY, task.projectCode(), variables));
        log.record(OperationKind.EXTRA_OPINION, task, user.id(), department, text,
                "「%s」由%s加签征求%s意见：%s".formatted(task.name(), user.displayName(), directory.unitName(department), text));
        return opinion.getId();
    }

    public List<Pending> pending(String taskId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ExtraOpinionProcess.PROCESS_KEY)
                .variableValueEquals(ExtraOpinionProcess.PARENT_TASK_ID, taskId).unlimitedList().stream().map(pi -> {
                    Map<String, Object> v = runtimeService.getVariables(pi.getId(),
                            List.of(ExtraOpinionProcess.OPINION_DEPARTMENT, ExtraOpinionProcess.QUESTION));
                    String department = (String) v.get(ExtraOpinionProcess.OPINION_DEPARTMENT);
                    return new Pending(pi.getId(), department, directory.unitName(department), (String) v.get(ExtraOpinionProcess.QUESTION));
                }).toList();
    }

    /**
     * The asked department's opinion: back on the main task's record (and the project's timeline), and by mail to the
     * main task's holder, or to whoever asked when nobody holds it.
     */
    void answered(TaskTrace t, String department, String opinion, String parentTaskId, String parentTaskName, String parentInstance,
            String requester) {
        TaskRef main = access.find(parentTaskId);
        long id = log.record(OperationKind.EXTRA_OPINION_GIVEN, parentTaskId, null, parentTaskName, parentInstance, t.code(), t.actor(),
                department, opinion, "%s（%s）就「%s」出具加签意见：%s".formatted(access.name(t.actor()), directory.unitName(department),
                        parentTaskName, opinion));
        List<String> to = main != null && main.assignee() != null ? List.of(main.assignee()) : List.of(requester);
        mails.send(OperationKind.EXTRA_OPINION_GIVEN, String.valueOf(id), to, parentTaskId, main == null ? "「" + parentTaskName + "」" : main.label(),
                parentInstance, t.code(), access.name(t.actor()) + "（" + directory.unitName(department) + "）", "已出具加签意见，请继续办理。", opinion,
                null);
    }
}
