package org.zhaoshang.operations;

import org.zhaoshang.system.StartupStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;
import org.zhaoshang.escalation.EscalationService;
import org.zhaoshang.project.ProjectOnTasks;

/**
 * The saved Tasklist filters everyone works from (Tasklist shows tasks only through filters):
 * "我的任务" — tasks assigned to them — "本部门待办" — tasks of the person's groups, claimed or not —
 * "已逾期" — those past their due date — "督办" — those escalated to level 2 (督办, the task-local
 * {@code escalationLevel}) — and "五个一协办" — tasks of key projects whose working team they are on;
 * by due date, with the project's code and name on every card (task-local copies, see
 * {@code project.ProjectOnTasks}). Created at start-up when missing (demo and production), readable by
 * every logged-in user; each sees only the tasks of their own groups, as their authorizations allow.
 */
@Component
public class TasklistFilters implements StartupStep {

    @Override
    public int order() {
        return StartupStep.TASKLIST_FILTERS;
    }

    @Override
    public void run() {
        ensureFilters();
    }


    static final String DEPARTMENT_TASKS = "本部门待办";
    static final String MY_TASKS = "我的任务";
    static final String TEAM_TASKS = "五个一协办";
    static final String OVERDUE_TASKS = "已逾期";
    static final String SUPERVISED_TASKS = "督办";

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;

    TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
    }

    public void ensureFilters() {
        ensure(MY_TASKS, -20, "已由我签收或分配给我的任务",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        ensure(DEPARTMENT_TASKS, -10, "我所在部门/单位的全部待办（含已签收）", ourTasks());
        ensure(OVERDUE_TASKS, -8, "本部门已超过办理时限的待办", ourTasks().dueBeforeExpression("${now()}"));
        ensure(SUPERVISED_TASKS, -6, "本部门已被督办的待办（逾期后升级至督查室或包联领导）",
                ourTasks().taskVariableValueGreaterThanOrEquals(EscalationService.TASK_LEVEL_VARIABLE, 2));
        // Tasks of 五个一 projects whose working team I belong to (Camunda lists only what I may read).
        ensure(TEAM_TASKS, 0, "我所在工作专班的五个一项目任务（只读跟踪）",
                taskService.createTaskQuery().processDefinitionKey("key-project-lead"));
    }

    private TaskQuery ourTasks() {
        return taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
    }

    private void ensure(String name, int priority, String description, TaskQuery query) {
        List<Map<String, String>> cardVariables = List.of(
                Map.of("name", ProjectOnTasks.CARD, "label", "项目"));
        Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            // Filters of an earlier version showed process variables a candidate may not read: give them the cards' copies.
            if (!cardVariables.equals(existing.getProperties().get("variables"))) {
                Map<String, Object> properties = new LinkedHashMap<>(existing.getProperties());
                properties.put("variables", cardVariables);
                filterService.saveFilter(existing.setProperties(properties));
            }
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        properties.put("variables", cardVariables);
        Filter filter = filterService.newTaskFilter(name).setQuery(query.orderByDueDate().asc()).setProperties(properties);
        filterService.saveFilter(filter);
        Authorization everyone = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        everyone.setUserId(Authorization.ANY);
        everyone.setResource(Resources.FILTER);
        everyone.setResourceId(filter.getId());
        everyone.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(everyone);
    }
}
