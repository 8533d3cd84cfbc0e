package org.zhaoshang.advisor;

import org.zhaoshang.system.Labelled;

/**
 * 引荐来源: who brought a project to the district. Policy 003 第十七条 (顾问招商), 第十六条 (中介招商), policy 004 (以商招商,
 * 信息共享), policy 000 (一个顾问团队).
 */
public enum IntroducerKind implements Labelled {
    UNIT_OFFICER("本单位招商人员"),
    ADVISOR("招商顾问"),
    INTERMEDIARY("中介机构"),
    ENTERPRISE("企业引荐（以商招商）"),
    INFO_SHARING_UNIT("其他单位信息共享");

    private final String label;

    IntroducerKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
