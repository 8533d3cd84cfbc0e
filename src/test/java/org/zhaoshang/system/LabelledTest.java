package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.InvestorCategory;

class LabelledTest {

    @Test
    void acceptsTheCodeInAnyCaseOrTheChineseLabel() {
        assertThat(Labelled.parse(Industry.class, "SMART_MANUFACTURING")).contains(Industry.SMART_MANUFACTURING);
        assertThat(Labelled.parse(Industry.class, "smart_manufacturing")).contains(Industry.SMART_MANUFACTURING);
        assertThat(Labelled.parse(Industry.class, " 智能制造 ")).contains(Industry.SMART_MANUFACTURING);
        assertThat(Labelled.parse(InvestorCategory.class, "世界500强")).contains(InvestorCategory.FORTUNE_GLOBAL_500);
    }

    @Test
    void refusesAnythingElse() {
        assertThat(Labelled.parse(Industry.class, "房地产")).isEmpty();
        assertThat(Labelled.parse(Industry.class, "")).isEmpty();
        assertThat(Labelled.parse(Industry.class, null)).isEmpty();
    }
}
