package org.zhaoshang.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * Finds a task for an operation and answers who may do what with it. The engine is asked without the
 * person's authorization (an operation is checked here, on the server, by the rules of each operation);
 * a person who may not see the task gets the same 404 as for a task that does not exist.
 */
@Component
public class TaskAccess {

    /** A person who can take a task: id, name, unit. */
    public record Person(String id, String name, String unit) {
    }

    private final TaskService taskService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final ProjectService projects;
    private final OrgDirectory directory;

    TaskAccess(TaskService taskService, HistoryService historyService, IdentityService identityService, ProjectService projects,
            OrgDirectory directory) {
        this.taskService = taskService;
        this.historyService = historyService;
        this.identityService = identityService;
        this.projects = projects;
        this.directory = directory;
    }

    /** The open task if the person may see it; otherwise 404. */
    public TaskRef open(String taskId, StaffUser user) {
        TaskRef task = find(taskId);
        if (task == null || !task.visibleTo(user)) {
            throw ApiException.notFound("任务不存在、已办结或无权查看");
        }
        return task;
    }

    public TaskRef find(String taskId) {
        Task task = taskId == null ? null : taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return null;
        }
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId).toList();
        String code = businessKey(task.getProcessInstanceId());
        InvestmentProject project = code == null ? null : projects.find(code).orElse(null);
        return new TaskRef(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getProcessInstanceId(), task.getProcessDefinitionId(),
                project == null ? null : project.code(), project == null ? null : project.name(), task.getAssignee(), task.getOwner(), groups,
                task.getCreateTime(), task.getDueDate(), task.getDelegationState() == DelegationState.PENDING);
    }

    /** Who completed a task: the user Camunda logged for the completion, else the assignee then. */
    public java.util.Optional<String> completedBy(org.camunda.bpm.engine.history.HistoricTaskInstance task) {
        return historyService.createUserOperationLogQuery().taskId(task.getId())
                .operationType(org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_COMPLETE).unlimitedList().stream()
                .map(org.camunda.bpm.engine.history.UserOperationLogEntry::getUserId).filter(java.util.Objects::nonNull).findFirst()
                .or(() -> java.util.Optional.ofNullable(task.getAssignee()));
    }

    /** The business key of a (running or ended) process instance: the project code for a case. */
    public String businessKey(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    /** The people of the task's groups (those who may take it over), without {@code except}. */
    public List<Person> people(TaskRef task, String except) {
        Map<String, Person> people = new LinkedHashMap<>();
        for (String group : task.candidateGroups()) {
            for (User member : identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().unlimitedList()) {
                if (!member.getId().equals(except)) {
                    people.putIfAbsent(member.getId(), new Person(member.getId(), PersonNames.of(member), directory.unitName(group)));
                }
            }
        }
        return List.copyOf(people.values());
    }

    public String name(String userId) {
        return directory.personName(userId);
    }

    public String unitName(String code) {
        return directory.unitName(code);
    }

    /** A logged-in person's groups, as the engine authenticates them. */
    public List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).unlimitedList().stream().map(g -> g.getId()).toList();
    }
}
