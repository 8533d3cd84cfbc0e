package org.zhaoshang.operations;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectService;

/**
 * One task in the app ({@code /tasks/{id}}), for the phone: its project, and its deployed Camunda Form rendered in the
 * browser by form-js 1.8.7 (the version Tasklist renders with) from the same deployed {@code .form} — read and
 * submitted through the engine's REST API ({@code deployed-form}, {@code form-variables}, {@code claim},
 * {@code submit-form}), so every rule, refusal and audit entry of a completion is Tasklist's (engine.TaskCompletion).
 * 退回 and 转办 go through the same {@code /api/tasks/{id}/…} operations as Tasklist's plugin. The page itself only
 * checks that the person may see the task.
 */
@Controller
class TaskPage {

    private final TaskAccess access;
    private final ProjectService projects;
    private final OrgDirectory directory;

    TaskPage(TaskAccess access, ProjectService projects, OrgDirectory directory) {
        this.access = access;
        this.projects = projects;
        this.directory = directory;
    }

    @GetMapping("/tasks/{taskId:[0-9a-fA-F-]+}")
    String task(@AuthenticationPrincipal StaffUser user, @PathVariable String taskId, Model model) {
        // Unknown, finished or not the person's: the Chinese 404 page (system.PageErrorHandler).
        TaskRef task = access.open(taskId, user);
        model.addAttribute("task", task);
        model.addAttribute("project", task.projectCode() == null ? null : projects.find(task.projectCode()).orElse(null));
        model.addAttribute("assigneeName", task.assignee() == null ? null : directory.personName(task.assignee()));
        model.addAttribute("mine", user.id().equals(task.assignee()));
        model.addAttribute("mayClaim", task.assignee() == null && task.heldBy(user));
        return "tasks/task";
    }
}
