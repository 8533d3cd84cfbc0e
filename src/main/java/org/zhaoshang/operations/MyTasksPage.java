package org.zhaoshang.operations;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.zhaoshang.escalation.EscalationService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectOnTasks;
import org.zhaoshang.project.ProjectService;

/**
 * 我的待办 as cards ({@code /tasks/mine}), for the people who decide on the move: the open tasks of Tasklist's own
 * filters (the same stored filters, run as the person, so they list exactly what Tasklist lists), each with its
 * project, due date and 督办 level, and 办理 opening the task's page ({@link TaskPage}), where its deployed Camunda
 * Form is rendered from the same deployed {@code .form} and completed under the same rules as in Tasklist.
 */
@Controller
class MyTasksPage {

    static final int LIMIT = 50;

    record FilterTab(String id, String name, long count, int priority) {
    }

    record Card(String taskId, String name, String processName, Date due, boolean overdue, int level, InvestmentProject project,
            String projectCard, String link) {
    }

    private final FilterService filters;
    private final IdentityService identity;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final ProjectService projects;
    private final java.time.Clock clock;

    MyTasksPage(FilterService filters, IdentityService identity, TaskService tasks, RepositoryService repository, ProjectService projects,
            java.time.Clock clock) {
        this.clock = clock;
        this.filters = filters;
        this.identity = identity;
        this.tasks = tasks;
        this.repository = repository;
        this.projects = projects;
    }

    @GetMapping("/tasks/mine")
    String mine(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String filter,
            @RequestParam(required = false) String done, Model model) {
        // After a completion on /tasks/{id}: what was done, in a line (plain text, at most 200 characters).
        model.addAttribute("notice", done == null || done.isBlank() ? null : done.substring(0, Math.min(done.length(), 200)));
        identity.setAuthentication(user.id(), user.groupIds());
        try {
            List<FilterTab> tabs = new ArrayList<>();
            for (Filter stored : filters.createTaskFilterQuery().orderByFilterName().asc().listPage(0, LIMIT)) {
                Object priority = stored.getProperties() == null ? null : stored.getProperties().get("priority");
                tabs.add(new FilterTab(stored.getId(), stored.getName(), filters.count(stored.getId()),
                        priority instanceof Number n ? n.intValue() : 0));
            }
            tabs.sort(java.util.Comparator.comparingInt(FilterTab::priority));
            FilterTab chosen = tabs.stream().filter(t -> t.id().equals(filter)).findFirst()
                    .or(() -> tabs.stream().filter(t -> t.count() > 0).findFirst())
                    .orElse(tabs.isEmpty() ? null : tabs.get(0));
            List<Card> cards = new ArrayList<>();
            if (chosen != null) {
                for (Task task : filters.<Task>listPage(chosen.id(), 0, LIMIT)) {
                    cards.add(card(task));
                }
            }
            model.addAttribute("tabs", tabs);
            model.addAttribute("chosen", chosen);
            model.addAttribute("cards", cards);
            model.addAttribute("limit", LIMIT);
            return "tasks/mine";
        } finally {
            identity.clearAuthentication();
        }
    }

    private Card card(Task task) {
        java.util.Map<String, Object> local = tasks.getVariablesLocal(task.getId(),
                List.of(ProjectOnTasks.CARD, EscalationService.TASK_LEVEL_VARIABLE));
        Object label = local.get(ProjectOnTasks.CARD);
        Object level = local.get(EscalationService.TASK_LEVEL_VARIABLE);
        String card = label == null ? null : label.toString();
        InvestmentProject project = card == null ? null : projects.find(card.split(" ", 2)[0]).orElse(null);
        String processName = repository.getProcessDefinition(task.getProcessDefinitionId()).getName();
        boolean overdue = task.getDueDate() != null && task.getDueDate().toInstant().isBefore(clock.instant());
        return new Card(task.getId(), task.getName(), processName, task.getDueDate(), overdue, level instanceof Integer l ? l : 0,
                project, card, "/tasks/" + task.getId());
    }
}
