package org.zhaoshang.chain;

import org.zhaoshang.system.Labelled;

/** How far a target company of a chain's 招商图谱 has come: 未接触 → 已接触 → 在谈 → 签约. */
public enum ChainTargetStatus implements Labelled {
    NOT_CONTACTED("未接触"),
    CONTACTED("已接触"),
    NEGOTIATING("在谈"),
    SIGNED("签约");

    private final String label;

    ChainTargetStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
