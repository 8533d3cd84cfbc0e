package org.zhaoshang.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A user task being completed, as its {@link TaskHandler} sees it: the person who completes it (checked), the form's
 * values through {@link #form()}, and the task itself for what only the engine knows.
 */
public final class CompletingTask {

    private final DelegateTask task;
    private final String actor;
    private final TaskForm form;

    CompletingTask(DelegateTask task, String actor) {
        this.task = task;
        this.actor = actor;
        this.form = new TaskForm(task);
    }

    /** Who completes the task: the person (checked), or the assignee / "system" for a step the system runs. */
    public String actor() {
        return actor;
    }

    /** The case (the instance's business key), the person and the task, for the one service call that writes the step. */
    public TaskTrace trace() {
        return trace(businessKey());
    }

    /** The same for a case the process names in a variable (the review's and 五个一's projectCode, 加签's project). */
    public TaskTrace trace(String code) {
        return new TaskTrace(code, actor, task.getProcessInstanceId(), task.getId());
    }

    public TaskForm form() {
        return form;
    }

    public DelegateTask task() {
        return task;
    }

    public String id() {
        return task.getId();
    }

    public String name() {
        return task.getName();
    }

    public String processInstanceId() {
        return task.getProcessInstanceId();
    }

    /** The project code of the case. */
    public String businessKey() {
        return task.getExecution().getProcessBusinessKey();
    }

    public Object variable(String name) {
        return task.getVariable(name);
    }

    /** A variable the system set (an id, a unit code) as text; not a person's input. */
    public String text(String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** A numeric id the system set (agreement, milestone, handoff, briefing). */
    public long id(String name) {
        return ((Number) task.getVariable(name)).longValue();
    }

    /** Sets a variable where the model's gateways read it. */
    public void set(String name, Object value) {
        task.setVariable(name, value);
    }

    /** Whether the task's model version has the element (instances started before a model change keep their version). */
    public boolean modelHas(String elementId) {
        return task.getBpmnModelInstance().getModelElementById(elementId) != null;
    }
}
