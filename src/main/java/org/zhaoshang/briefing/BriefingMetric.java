package org.zhaoshang.briefing;

import org.zhaoshang.system.Labelled;

/** The yearly targets a unit is measured against, with their weight in the score (docs/briefing-score.md). */
public enum BriefingMetric implements Labelled {
    NEW_PROJECTS("新增项目（个）", 15),
    SIGNED("签约项目（个）", 20),
    LANDED("落地项目（个）", 25),
    DOMESTIC_FUNDS("内资到位额（万元）", 25),
    FOREIGN_CAPITAL("外资（万美元）", 15),
    /** 税收 with 三七分成 (policy 001). */
    TAX("税收（万元）", 20);

    private final String label;
    private final int weight;

    BriefingMetric(String label, int weight) {
        this.label = label;
        this.weight = weight;
    }

    @Override
    public String label() {
        return label;
    }

    public int weight() {
        return weight;
    }
}
