package org.zhaoshang.identity;

import java.io.Serializable;
import java.util.List;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The logged-in person: Camunda user id, display name and Camunda group ids. The principal of every
 * Spring Security authentication, so {@code request.getUserPrincipal().getName()} is the Camunda user
 * id that the engine REST API and the webapps pick up.
 */
public record StaffUser(String id, String displayName, List<String> groupIds) implements AuthenticatedPrincipal, Serializable {

    public StaffUser {
        groupIds = List.copyOf(groupIds);
    }

    @Override
    public String getName() {
        return id;
    }

    public boolean isMemberOf(String groupId) {
        return groupIds.contains(groupId);
    }

    public boolean isAdmin() {
        return isMemberOf(GroupIds.ADMIN);
    }

    /** True when the person sees every project, not only their own unit's. */
    public boolean seesWholeDistrict() {
        return groupIds.stream().anyMatch(GroupIds::seesWholeDistrict);
    }

    /** The unit groups (unit-…) the person belongs to. */
    public List<String> unitGroupIds() {
        return groupIds.stream().filter(GroupIds::isUnit).toList();
    }

    /** The groups the person brings projects for ({@link GroupIds#bringsProjects}): streets and parks first, then departments. */
    public List<String> projectUnitIds() {
        return java.util.stream.Stream.concat(unitGroupIds().stream(),
                groupIds.stream().filter(g -> !GroupIds.isUnit(g) && GroupIds.bringsProjects(g))).toList();
    }
}
