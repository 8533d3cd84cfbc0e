package org.zhaoshang.operations;

import java.util.Date;
import java.util.List;

/** An open task as the operations see it: where it is, who holds it, which case it belongs to. */
public record TaskRef(String id, String key, String name, String processInstanceId, String processDefinitionId, String projectCode,
        String projectName, String assignee, String owner, List<String> candidateGroups, Date created, Date due, boolean delegated) {

    /** Holds the task: assigned to the person, or unassigned and the person is in one of its groups. */
    public boolean heldBy(org.zhaoshang.identity.StaffUser user) {
        return user.id().equals(assignee) || (assignee == null && candidateGroups.stream().anyMatch(user::isMemberOf));
    }

    /** May see the task at all (holder, owner of a delegated task, or a member of its groups). */
    public boolean visibleTo(org.zhaoshang.identity.StaffUser user) {
        return user.id().equals(assignee) || user.id().equals(owner) || candidateGroups.stream().anyMatch(user::isMemberOf);
    }

    public String label() {
        return projectCode == null ? "「" + name + "」" : projectCode + " " + projectName + "「" + name + "」";
    }
}
