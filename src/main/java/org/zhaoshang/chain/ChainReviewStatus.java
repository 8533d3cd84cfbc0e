package org.zhaoshang.chain;

import org.zhaoshang.system.Labelled;

/** Where a chain's monthly review stands. */
public enum ChainReviewStatus implements Labelled {
    OPEN("待研判"), COORDINATING("待领导协调"), DONE("已完成");

    private final String label;

    ChainReviewStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
