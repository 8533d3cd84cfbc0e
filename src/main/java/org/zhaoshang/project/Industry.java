package org.zhaoshang.project;

import java.util.Arrays;
import java.util.List;

import org.zhaoshang.system.Labelled;

/** The district's target industry chains (产业链), by which projects are routed and reported. */
public enum Industry implements Labelled {
    SMART_MANUFACTURING("智能制造"),
    NEW_ENERGY_MATERIALS("新能源新材料"),
    NEW_GENERATION_IT("新一代信息技术"),
    BIOMEDICINE("生物医药"),
    MODERN_SERVICES("现代服务"),
    AGRI_CULTURE_TOURISM("农文旅"),
    HEADQUARTERS_ECONOMY("总部经济"),
    OTHER("其他");

    private final String label;

    Industry(String label) {
        this.label = label;
    }

    /** The industries that are a 产业链 of their own: every one but 其他. */
    public static final List<Industry> CHAINS = Arrays.stream(values()).filter(i -> i != OTHER).toList();

    @Override
    public String label() {
        return label;
    }
}
