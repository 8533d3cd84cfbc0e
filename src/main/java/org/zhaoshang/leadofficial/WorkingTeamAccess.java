package org.zhaoshang.leadofficial;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * On the creation of each 五个一 task after the working team exists:
 * every department of the team (一套班子) and the host unit's contact may read the project's tasks
 * (they follow the case; only the task's own group or leader completes it). Tasklist lists them in
 * the "五个一协办" filter.
 */
@Component
class WorkingTeamAccess {

    private final KeyProjectRecords records;
    private final AuthorizationService authorizationService;

    WorkingTeamAccess(KeyProjectRecords records, AuthorizationService authorizationService) {
        this.records = records;
        this.authorizationService = authorizationService;
    }

    /** Grants the team read access to a newly created task. */
    void share(DelegateTask task) {
        // Candidate groups and the assignee already get Camunda's default task permissions (a second
        // grant for the same group and task would violate Camunda's unique authorization index).
        java.util.Set<String> candidates = new java.util.HashSet<>();
        task.getCandidates().forEach(link -> candidates.add(link.getGroupId()));
        records.panel(task.getExecution().getProcessBusinessKey()).ifPresent(panel -> {
            panel.teamDepartments().stream().filter(group -> !candidates.contains(group))
                    .forEach(group -> grant(task.getId(), group, null));
            if (panel.hostContact() != null && !panel.hostContact().equals(task.getAssignee())) {
                grant(task.getId(), null, panel.hostContact());
            }
        });
    }

    private void grant(String taskId, String groupId, String userId) {
        Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setResource(Resources.TASK);
        read.setResourceId(taskId);
        if (groupId != null) {
            read.setGroupId(groupId);
        } else {
            read.setUserId(userId);
        }
        read.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(read);
    }
}
