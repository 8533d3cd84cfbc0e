package org.zhaoshang.project;

import java.util.List;

/**
 * Ledger filters. {@code visibleUnits} null means the whole district; otherwise only projects whose
 * origin or host unit is one of them (a unit officer sees their own unit's projects). {@code overdue}:
 * projects with an open task past its due date. {@code chain}: the project's 产业链 ({@link EffectiveChain}), which differs
 * from its industry when the project was moved to another chain.
 */
public record ProjectSearch(String text, ProjectStage stage, Industry industry, Industry chain, String unit, Boolean keyProject,
        Boolean overdue, List<String> visibleUnits, int page, int size) {

    public static final int MAX_PAGE_SIZE = 100;

    public ProjectSearch {
        page = Math.max(page, 0);
        size = size <= 0 ? 20 : Math.min(size, MAX_PAGE_SIZE);
    }

    public ProjectSearch restrictedTo(List<String> units) {
        return new ProjectSearch(text, stage, industry, chain, unit, keyProject, overdue, units, page, size);
    }
}
