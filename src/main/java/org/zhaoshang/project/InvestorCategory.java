package org.zhaoshang.project;

import org.zhaoshang.system.Labelled;

/** 投资方类别: the investor's standing, used in rankings and for key-project decisions. */
public enum InvestorCategory implements Labelled {
    FORTUNE_GLOBAL_500("世界500强"),
    CHINA_TOP_500("中国500强"),
    PRIVATE_TOP_500("民营500强"),
    LISTED_COMPANY("上市公司"),
    SPECIALIZED_SME("专精特新"),
    OTHER("其他");

    private final String label;

    InvestorCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
