package org.zhaoshang.project;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.UserTaskPlugin;

/**
 * Engine plugin: every user task of a case carries the project's code and name as task variables, so
 * that Tasklist's lists (the filters' "variables") show which project a task is about. Task-local
 * copies, because the people of a candidate group may read their task but not the process instance.
 */
@Component
public class ProjectOnTasks extends UserTaskPlugin {

    /**
     * A name of its own: a form field "projectName" (补正) must still reach the process, not a task-local
     * copy. One variable ("ZS-2026-0001 项目名"), not two: each costs a row and its history per task.
     */
    public static final String CARD = "cardProject";

    private final ObjectProvider<ProjectService> projects;

    ProjectOnTasks(ObjectProvider<ProjectService> projects) {
        this.projects = projects;
    }

    @Override
    protected void addListeners(ActivityImpl activity, TaskDefinition definition) {
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, this::label);
    }

    void label(DelegateTask task) {
        projects.getObject().find(task.getExecution().getProcessBusinessKey()).ifPresent(project -> {
            task.setVariableLocal(CARD, project.code() + " " + project.name());
        });
    }
}
