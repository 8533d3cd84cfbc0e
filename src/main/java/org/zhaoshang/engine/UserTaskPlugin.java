package org.zhaoshang.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * An engine plugin that adds task listeners to every user task of every model as it is parsed: a rule
 * that must hold for all tasks (the dashboard's facts, the project on each card, an open 加签 holding
 * the task) cannot be left out of a new model.
 */
public abstract class UserTaskPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                addListeners(activity, ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition());
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** Adds this plugin's listeners to one user task ({@code definition.addTaskListener(event, listener)}). */
    protected abstract void addListeners(ActivityImpl activity, TaskDefinition definition);
}
