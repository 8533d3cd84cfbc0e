package org.zhaoshang.operations;

import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskRules;

/** The one user task of 加签: the department's opinion, handed to {@link ExtraOpinionService#answered}. */
@Component
class ExtraOpinionTasks implements ProcessTasks {

    private final ExtraOpinionService opinions;

    ExtraOpinionTasks(ExtraOpinionService opinions) {
        this.opinions = opinions;
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
        String code = task.text(ExtraOpinionProcess.PROJECT_CODE);
        opinions.answered(task.trace(code == null || code.isEmpty() ? null : code), task.text(ExtraOpinionProcess.OPINION_DEPARTMENT),
                opinion, task.text(ExtraOpinionProcess.PARENT_TASK_ID), task.text(ExtraOpinionProcess.PARENT_TASK_NAME),
                task.text(ExtraOpinionProcess.PARENT_PROCESS_INSTANCE_ID), task.text(ExtraOpinionProcess.REQUESTED_BY));
    }
}
