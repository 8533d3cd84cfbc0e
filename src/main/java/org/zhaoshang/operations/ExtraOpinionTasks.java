package org.zhaoshang.operations;

import java.util.List;

import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.identity.OrgDirectory;

/** The one user task of 加签: the department's opinion goes back to the main task's record and its holder. */
@Component
class ExtraOpinionTasks implements ProcessTasks {

    private final OperationLog log;
    private final OperationMails mails;
    private final TaskAccess access;
    private final OrgDirectory directory;

    ExtraOpinionTasks(OperationLog log, OperationMails mails, TaskAccess access, OrgDirectory directory) {
        this.log = log;
        this.mails = mails;
        this.access = access;
        this.directory = directory;
    }

    @Override
    public String processKey() {
        return ExtraOpinionProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(ExtraOpinionProcess.TASK_OPINION).completes(this::giveOpinion);
    }

    private void giveOpinion(CompletingTask task) {
        String opinion = task.form().required(ExtraOpinionProcess.EXTRA_OPINION, "请填写本部门意见");
        String department = task.text(ExtraOpinionProcess.OPINION_DEPARTMENT);
        String actor = task.actor();
        String parent = task.text(ExtraOpinionProcess.PARENT_TASK_ID);
        TaskRef main = access.find(parent);
        String code = task.text(ExtraOpinionProcess.PROJECT_CODE);
        code = code == null || code.isEmpty() ? null : code;
        String name = task.text(ExtraOpinionProcess.PARENT_TASK_NAME);
        String parentInstance = task.text(ExtraOpinionProcess.PARENT_PROCESS_INSTANCE_ID);
        long id = log.record(OperationKind.EXTRA_OPINION_GIVEN, parent, null, name, parentInstance, code, actor, department, opinion,
                "%s（%s）就「%s」出具加签意见：%s".formatted(access.name(actor), directory.unitName(department), name, opinion));
        String requester = task.text(ExtraOpinionProcess.REQUESTED_BY);
        List<String> to = main != null && main.assignee() != null ? List.of(main.assignee()) : List.of(requester);
        mails.send(OperationKind.EXTRA_OPINION_GIVEN, String.valueOf(id), to, parent, main == null ? "「" + name + "」" : main.label(),
                parentInstance, code, access.name(actor) + "（" + directory.unitName(department) + "）", "已出具加签意见，请继续办理。", opinion, null);
    }
}
