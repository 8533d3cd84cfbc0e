package org.zhaoshang.identity;

/** Kinds of organisation unit. Streets and parks host projects (载体); departments review and serve. */
public enum OrgUnitKind {
    STREET("街道"),
    PARK("园区"),
    DEPARTMENT("部门"),
    LEADERSHIP("区领导"),
    SYSTEM("系统");

    private final String label;

    OrgUnitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean hostsProjects() {
        return this == STREET || this == PARK;
    }

    /** The kind implied by a Camunda group id, or null when the id follows none of the conventions. */
    public static OrgUnitKind fromGroupId(String groupId) {
        if (groupId.startsWith("unit-street-")) {
            return STREET;
        }
        if (groupId.startsWith("unit-park-")) {
            return PARK;
        }
        if (groupId.startsWith(GroupIds.DEPARTMENT_PREFIX)) {
            return DEPARTMENT;
        }
        if (groupId.equals(GroupIds.LEADER)) {
            return LEADERSHIP;
        }
        return null;
    }
}
