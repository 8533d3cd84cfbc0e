package org.zhaoshang.project;

import org.zhaoshang.system.Labelled;

/** Kinds of entry on a project's timeline (项目动态). Processes add their own as they come. */
public enum ProjectEventType implements Labelled {
    CREATED("登记项目"),
    STAGE_CHANGED("阶段变更"),
    TASK_REMINDED("到期提醒"),
    TASK_ESCALATED("逾期督办");

    private final String label;

    ProjectEventType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
