package org.zhaoshang.escalation;

import org.zhaoshang.system.Labelled;

/** Who receives a reminder or escalation level (DESIGN.md, "Escalation"). */
public enum RecipientRule implements Labelled {
    /** The assignee; while unclaimed, every member of the candidate groups. */
    ASSIGNEE_OR_CANDIDATES("办理人（未签收时为候选组全体成员）"),
    /** The assignee's supervisor; while unclaimed, the head of each candidate group's unit. */
    SUPERVISOR("办理人的上级（未签收时为候选部门负责人）"),
    /** The project's lead official (包联领导); 督查室 when the project has none. */
    LEAD_OFFICIAL_OR_DUCHA("项目包联领导（未指定时为督查室）"),
    /** Every member of 督查室. */
    DUCHA("区政府督查室");

    private final String label;

    RecipientRule(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
