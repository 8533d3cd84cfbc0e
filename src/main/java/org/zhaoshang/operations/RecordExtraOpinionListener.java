package org.zhaoshang.operations;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskInputs;
import org.zhaoshang.identity.OrgDirectory;

/** {@code ${recordExtraOpinionListener}}: the opinion goes back to the main task's record and its holder. */
@Component
class RecordExtraOpinionListener implements TaskListener {

    private final OperationLog log;
    private final OperationMails mails;
    private final TaskAccess access;
    private final OrgDirectory directory;

    RecordExtraOpinionListener(OperationLog log, OperationMails mails, TaskAccess access, OrgDirectory directory) {
        this.log = log;
        this.mails = mails;
        this.access = access;
        this.directory = directory;
    }

    @Override
    public void notify(DelegateTask task) {
        String department = (String) task.getVariable(ExtraOpinionProcess.OPINION_DEPARTMENT);
        TaskInputs.requireMember(task, department, "只有" + directory.unitName(department) + "的人员可以出具该加签意见");
        String opinion = TaskInputs.required(task, ExtraOpinionProcess.EXTRA_OPINION, "请填写本部门意见");
        if (opinion.length() > Inputs.MAX) {
            throw new TaskInputRejected("意见不能超过" + Inputs.MAX + "字");
        }
        String actor = TaskInputs.actor(task);
        String parent = (String) task.getVariable(ExtraOpinionProcess.PARENT_TASK_ID);
        TaskRef main = access.find(parent);
        String code = (String) task.getVariable(ExtraOpinionProcess.PROJECT_CODE);
        String name = (String) task.getVariable(ExtraOpinionProcess.PARENT_TASK_NAME);
        long id = log.record(OperationKind.EXTRA_OPINION_GIVEN, parent, null, name,
                (String) task.getVariable(ExtraOpinionProcess.PARENT_PROCESS_INSTANCE_ID), code == null || code.isEmpty() ? null : code, actor,
                department, opinion, "%s（%s）就「%s」出具加签意见：%s".formatted(access.name(actor), directory.unitName(department), name, opinion));
        String requester = (String) task.getVariable(ExtraOpinionProcess.REQUESTED_BY);
        List<String> to = main != null && main.assignee() != null ? List.of(main.assignee()) : List.of(requester);
        mails.send(OperationKind.EXTRA_OPINION_GIVEN, String.valueOf(id), to, parent, main == null ? "「" + name + "」" : main.label(),
                (String) task.getVariable(ExtraOpinionProcess.PARENT_PROCESS_INSTANCE_ID), code == null || code.isEmpty() ? null : code,
                access.name(actor) + "（" + directory.unitName(department) + "）", "已出具加签意见，请继续办理。", opinion, null);
    }
}
