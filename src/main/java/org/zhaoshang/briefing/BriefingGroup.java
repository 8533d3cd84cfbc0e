package org.zhaoshang.briefing;

import org.zhaoshang.system.Labelled;

/**
 * The groups ranked apart: the streets and parks (载体), and the district's departments that bring projects
 * of their industries (行业招商, policies 001, 003, 004) and have targets for the year.
 */
public enum BriefingGroup implements Labelled {
    AREA("街道、园区"),
    DEPARTMENT("区级部门");

    private final String label;

    BriefingGroup(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
