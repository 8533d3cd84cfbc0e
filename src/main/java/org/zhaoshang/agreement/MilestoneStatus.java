package org.zhaoshang.agreement;

import org.zhaoshang.system.Labelled;

/** 履约节点状态. 已调整: rescheduled or renegotiated after a miss and being followed again. */
public enum MilestoneStatus implements Labelled {
    PENDING("待履行"), MET("已达成"), MISSED("未达成"), ADJUSTED("已调整"), WAIVED("已豁免");

    private final String label;

    MilestoneStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Still to be fulfilled (the milestone's follow-up is running). */
    public boolean open() {
        return this == PENDING || this == ADJUSTED || this == MISSED;
    }
}
