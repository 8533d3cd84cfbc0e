package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the deployment check finds in a model; the refusal through the REST API is in HostileRequestsIT. */
class ModelSafetyCheckTest {

    @Test
    void javaClassesUnderTheOldActivitiNamespaceAreFoundToo() {
        String bpmn = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:activiti=\"http://activiti.org/bpmn\">"
                + "<process id=\"p\"><serviceTask id=\"s\" activiti:class=\"x.Y\"/></process></definitions>";
        assertThat(ModelSafetyCheck.check("p.bpmn", bytes(bpmn))).singleElement().asString().contains("camunda:class=\"x.Y\"", "第 1 行");
    }

    @Test
    void decisionTablesMayUseFeelOrJuelOnly() {
        String dmn = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" namespace=\"x\">"
                + "<decision id=\"a\"><decisionTable id=\"t\"><input id=\"i\"><inputExpression id=\"e\" expressionLanguage=\"%s\">"
                + "<text>x</text></inputExpression></input></decisionTable></decision></definitions>";
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("javascript")))).singleElement().asString().contains("javascript");
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("feel")))).isEmpty();
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("https://www.omg.org/spec/DMN/20191111/FEEL/")))).isEmpty();
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("juel")))).isEmpty();
    }

    @Test
    void formsAndOtherFilesAreNotModels() {
        assertThat(ModelSafetyCheck.check("forms/x.form", bytes("{\"camunda:class\": 1}"))).isEmpty();
        assertThat(ModelSafetyCheck.check("case.cmmn", bytes("<definitions/>"))).singleElement().asString().contains("CMMN");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
