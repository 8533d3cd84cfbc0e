package org.zhaoshang.monitoring;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.UserTaskPlugin;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;

/**
 * Engine plugin: every user task of every model reports its create, assignment, due-date change,
 * completion and deletion to {@link TaskFacts}, in the same transaction as the step itself. Models
 * need nothing for it, so no process can be left out of the dashboard.
 */
@Component
class TaskFactRecorder extends UserTaskPlugin {

    private final ObjectProvider<TaskFacts> facts;
    private final ObjectProvider<ProjectService> projects;

    TaskFactRecorder(ObjectProvider<TaskFacts> facts, ObjectProvider<ProjectService> projects) {
        this.facts = facts;
        this.projects = projects;
    }

    @Override
    protected void addListeners(ActivityImpl activity, TaskDefinition definition) {
        TaskListener listener = this::notify;
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        definition.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
        definition.addTaskListener(TaskListener.EVENTNAME_UPDATE, listener);
        definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
        definition.addTaskListener(TaskListener.EVENTNAME_DELETE, listener);
    }

    void notify(DelegateTask task) {
        TaskFacts store = facts.getObject();
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> {
                ProcessDefinitionEntity definition = ((ExecutionEntity) task.getExecution()).getProcessDefinition();
                List<String> groups = task.getCandidates().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                        .map(IdentityLink::getGroupId).filter(g -> g != null).toList();
                InvestmentProject project = projects.getObject().find(task.getExecution().getProcessBusinessKey()).orElse(null);
                store.created(new TaskFacts.NewTask(task.getId(), definition.getKey(), definition.getId(), definition.getVersion(),
                        task.getProcessInstanceId(), task.getTaskDefinitionKey(), task.getName(), groups,
                        project == null ? null : project.code(), project == null ? null : project.hostUnit(),
                        project == null ? null : project.industry().name(), project != null && project.keyProject(), task.getAssignee(),
                        task.getCreateTime(), task.getDueDate()));
            }
            case TaskListener.EVENTNAME_ASSIGNMENT -> store.assigned(task.getId(), task.getAssignee(), ClockUtil.getCurrentTime());
            case TaskListener.EVENTNAME_UPDATE -> store.dueChanged(task.getId(), task.getDueDate());
            case TaskListener.EVENTNAME_COMPLETE -> store.ended(task.getId(), "COMPLETED", ClockUtil.getCurrentTime());
            case TaskListener.EVENTNAME_DELETE -> store.ended(task.getId(), "CANCELLED", ClockUtil.getCurrentTime());
            default -> {
            }
        }
    }
}
