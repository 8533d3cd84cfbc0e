package org.zhaoshang.handoff;

import org.zhaoshang.system.Labelled;

/** Why a unit cannot host a project (policy 001: 本区域内不能承接的项目). */
public enum HandoffReason implements Labelled {
    LAND("土地"), INDUSTRY_FIT("产业定位不符"), ENVIRONMENT("环境容量"), FACILITIES("配套不足"), OTHER("其他");

    private final String label;

    HandoffReason(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
