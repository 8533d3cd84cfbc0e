package org.zhaoshang.project;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Engine plugin: every user task of a case carries the project's code and name as task variables, so
 * that Tasklist's lists (the filters' "variables") show which project a task is about. Task-local
 * copies, because the people of a candidate group may read their task but not the process instance.
 */
@Component
public class ProjectOnTasks extends AbstractProcessEnginePlugin {

    /** Names of their own: a form field "projectName" (补正) must still reach the process, not a task-local copy. */
    public static final String CARD_CODE = "cardProjectCode";
    public static final String CARD_NAME = "cardProjectName";

    private final ObjectProvider<ProjectService> projects;

    ProjectOnTasks(ObjectProvider<ProjectService> projects) {
        this.projects = projects;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_CREATE, ProjectOnTasks.this::label);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void label(DelegateTask task) {
        projects.getObject().find(task.getExecution().getProcessBusinessKey()).ifPresent(project -> {
            task.setVariableLocal(CARD_CODE, project.code());
            task.setVariableLocal(CARD_NAME, project.name());
        });
    }
}
