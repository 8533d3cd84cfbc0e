package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zhaoshang.project.Industry;

/**
 * industry-department.dmn on its own: the department that gives the industry guidance, verifies milestones and
 * reports the post-evaluation of each of the district's industries.
 */
class IndustryDepartmentDecisionTest {

    final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @Test
    @DisplayName("区科技局 for its industries (policy 001: \"由农业农村委、工业和信息化局、商务局、科学技术局等部门从项目落地到运营五年的时间内，持续统计固投、就业、产值、税收等指标\")")
    void theScienceBureauTakesItsIndustries() throws IOException {
        assertThat(department(Industry.BIOMEDICINE)).isEqualTo("dept-keji");
        assertThat(department(Industry.NEW_ENERGY_MATERIALS)).isEqualTo("dept-keji");
        assertThat(department(Industry.SMART_MANUFACTURING)).isEqualTo("dept-gongxin");
        assertThat(department(Industry.NEW_GENERATION_IT)).isEqualTo("dept-gongxin");
        assertThat(department(Industry.MODERN_SERVICES)).isEqualTo("dept-shangwu");
        assertThat(department(Industry.AGRI_CULTURE_TOURISM)).isEqualTo("dept-nongye");
    }

    @Test
    void everyIndustryHasExactlyOneOfTheFourIndustryDepartments() throws IOException {
        for (Industry industry : Industry.values()) {
            assertThat(department(industry)).as(industry.label()).isIn("dept-gongxin", "dept-shangwu", "dept-nongye", "dept-keji");
        }
    }

    String department(Industry industry) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("processes/industry-department.dmn"))) {
            DmnDecision decision = engine.parseDecision("industry-department", in);
            return engine.evaluateDecisionTable(decision, Map.of("industry", industry.name())).getSingleEntry();
        }
    }
}
