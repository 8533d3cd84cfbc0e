package org.zhaoshang.operations;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletionGuard;
import org.zhaoshang.engine.UserTaskPlugin;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.identity.OrgDirectory;

/**
 * Engine plugin: a task with an open 加签 request cannot be completed (Chinese refusal, the form stays as
 * typed); a task that ends otherwise (cancelled by a veto, a return, a withdrawal) takes its open
 * requests with it. Applies to every user task of every model, so no process can forget it.
 */
@Component
class OpenOpinionsGuard extends UserTaskPlugin implements CompletionGuard {

    private final ObjectProvider<RuntimeService> runtime;
    private final ObjectProvider<OrgDirectory> directory;
    private final ObjectProvider<JdbcClient> jdbc;

    OpenOpinionsGuard(ObjectProvider<RuntimeService> runtime, ObjectProvider<OrgDirectory> directory, ObjectProvider<JdbcClient> jdbc) {
        this.runtime = runtime;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    @Override
    protected void addListeners(ActivityImpl activity, TaskDefinition definition) {
        if (!ExtraOpinionProcess.TASK_OPINION.equals(activity.getId())) {
            definition.addTaskListener(TaskListener.EVENTNAME_DELETE, this::withdrawOpen);
        }
    }

    /** Checked by the completion pipeline on every task but the 加签 opinion itself. */
    @Override
    public void check(DelegateTask task) {
        if (ExtraOpinionProcess.TASK_OPINION.equals(task.getTaskDefinitionKey())) {
            return;
        }
        List<ProcessInstance> open = open(task);
        if (!open.isEmpty()) {
            List<String> departments = open.stream().map(pi -> directory.getObject()
                    .unitName((String) runtime.getObject().getVariable(pi.getId(), ExtraOpinionProcess.OPINION_DEPARTMENT))).toList();
            throw new TaskInputRejected("尚有加签意见未返回（" + String.join("、", departments) + "），请待意见返回后再办结本任务");
        }
    }

    void withdrawOpen(DelegateTask task) {
        open(task).forEach(pi -> runtime.getObject().deleteProcessInstance(pi.getId(), "主办任务已结束：" + task.getName()));
    }

    /**
     * Asked on every completion and deletion of every task, so first the cheap question: was a 加签 ever asked on
     * this task? Every request is logged by {@link ExtraOpinionService#request} in the transaction that starts it,
     * and only that operation may start the process ({@link ExtraOpinionStartGuard}). Only then the engine's query
     * (a process-instance query on a variable, a tenth of a completion's CPU when asked every time;
     * docs/benchmarks.md, step 11), without the person's authorization checks.
     */
    private List<ProcessInstance> open(DelegateTask task) {
        if (jdbc.getObject().sql("SELECT 1 FROM task_operation WHERE task_id = :task AND kind = :kind LIMIT 1")
                .param("task", task.getId()).param("kind", OperationKind.EXTRA_OPINION.name()).query(Integer.class).optional().isEmpty()) {
            return List.of();
        }
        return org.camunda.bpm.engine.impl.context.Context.getCommandContext().runWithoutAuthorization(() -> runtime.getObject()
                .createProcessInstanceQuery().processDefinitionKey(ExtraOpinionProcess.PROCESS_KEY)
                .variableValueEquals(ExtraOpinionProcess.PARENT_TASK_ID, task.getId()).unlimitedList());
    }
}
