package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zhaoshang.support.HostileModels;

/**
 * What the deployment check finds in a model, with every StAX implementation a run can meet: the JDK's own
 * (what the packaged jar uses, and what the check now always chooses) and whatever the test classpath
 * brings (Aalto, which reports "no namespace" as "" where the JDK reports null). The product once failed
 * to start on the JDK's reader while every test passed on Aalto. The refusal through the REST API is in
 * HostileRequestsIT.
 */
class ModelSafetyCheckTest {

    static Stream<Arguments> readers() {
        XMLInputFactory classpath = XMLInputFactory.newFactory();
        ModelSafetyCheck.secure(classpath);
        return Stream.of(Arguments.of("JDK (" + ModelSafetyCheck.jdkReader().getClass().getName() + ")", ModelSafetyCheck.jdkReader()),
                Arguments.of("classpath (" + classpath.getClass().getName() + ")", classpath));
    }

    @org.junit.jupiter.api.Test
    void theCheckUsesTheJdksReaderWhateverTheClasspathCarries() {
        assertThat(ModelSafetyCheck.jdkReader().getClass().getName()).startsWith("com.sun.xml.internal.stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void everyModelTheProductShipsPasses(String reader, XMLInputFactory factory) throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).sorted().toList();
        }
        assertThat(models).hasSizeGreaterThanOrEqualTo(8);
        for (Path model : models) {
            assertThat(ModelSafetyCheck.check(model.getFileName().toString(), Files.readAllBytes(model), factory))
                    .as(model + " with " + reader).isEmpty();
        }
        // And through the entry point the engine calls (the JDK's reader).
        for (Path model : models) {
            assertThat(ModelSafetyCheck.check(model.getFileName().toString(), Files.readAllBytes(model))).as(model.toString()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void modelsThatWouldRunTheirOwnCodeAreFound(String reader, XMLInputFactory factory) {
        Map<String, String> hostile = HostileModels.unsafeElements();
        hostile.forEach((finding, element) -> assertThat(ModelSafetyCheck.check("it-unsafe.bpmn", bytes(process(element)), factory))
                .as(finding + " with " + reader).singleElement().asString().contains(finding, "it-unsafe.bpmn 第 1 行"));
        // A camunda attribute that is not a class, and a plain "language" attribute outside BPMN, are fine.
        assertThat(ModelSafetyCheck.check("ok.bpmn", bytes(process("<bpmn:userTask id=\"UserTask_X\" camunda:candidateGroups=\"dept-hezuo\"/>")), factory))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aDoctypeOrXmlThatIsNotWellFormedIsRefusedInChinese(String reader, XMLInputFactory factory) {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + process("<bpmn:endEvent id=\"End_X\"/>").replaceFirst("<\\?xml[^>]*>", "");
        assertThat(ModelSafetyCheck.check("xxe.bpmn", bytes(xxe), factory)).as(reader).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("xxe.bpmn"))
                .anySatisfy(problem -> assertThat(problem).contains("DOCTYPE"));
        assertThat(ModelSafetyCheck.check("broken.bpmn", bytes("<bpmn:definitions xmlns:bpmn=\"x\"><unclosed>"), factory)).as(reader)
                .singleElement().asString().contains("broken.bpmn", "不是格式正确的 XML");
        assertThat(ModelSafetyCheck.check("empty.dmn", new byte[0], factory)).as(reader).singleElement().asString().contains("不是格式正确的 XML");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void decisionTablesMayUseFeelOrJuelOnly(String reader, XMLInputFactory factory) {
        String dmn = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" namespace=\"x\">"
                + "<decision id=\"a\"><decisionTable id=\"t\"><input id=\"i\"><inputExpression id=\"e\" expressionLanguage=\"%s\">"
                + "<text>x</text></inputExpression></input></decisionTable></decision></definitions>";
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("javascript")), factory)).singleElement().asString().contains("javascript");
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("feel")), factory)).isEmpty();
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("https://www.omg.org/spec/DMN/20191111/FEEL/")), factory)).isEmpty();
        assertThat(ModelSafetyCheck.check("d.dmn", bytes(dmn.formatted("juel")), factory)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void formsAndOtherFilesAreNotModels(String reader, XMLInputFactory factory) {
        assertThat(ModelSafetyCheck.check("forms/x.form", bytes("{\"camunda:class\": 1}"), factory)).isEmpty();
        assertThat(ModelSafetyCheck.check("case.cmmn", bytes("<definitions/>"), factory)).singleElement().asString().contains("CMMN");
    }

    @org.junit.jupiter.api.Test
    void nestingBeyondAnyRealModelOrFormIsFoundWithoutRecursion() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("processes")), Files.list(Path.of("forms")))) {
            for (Path file : files.toList()) {
                assertThat(ModelSafetyCheck.nesting(file.getFileName().toString(), Files.readAllBytes(file))).as(file.toString()).isEmpty();
            }
        }
        int levels = 100_000;
        assertThat(ModelSafetyCheck.nesting("deep.form", bytes("{\"components\": " + "[{\"c\": ".repeat(levels) + "1" + "}]".repeat(levels) + "}")))
                .hasValue("deep.form：表单嵌套超过 100 层");
        assertThat(ModelSafetyCheck.nesting("ok.form", bytes("{\"components\": " + "[".repeat(99) + "]".repeat(99) + "}"))).isEmpty();
        assertThat(ModelSafetyCheck.nesting("broken.form", bytes("{\"components\": ["))).hasValue("broken.form：不是格式正确的表单（JSON），无法解析");
        assertThat(ModelSafetyCheck.nesting("deep.dmn", bytes("<definitions>" + "<e>".repeat(levels) + "</e>".repeat(levels) + "</definitions>")))
                .hasValue("deep.dmn 第 1 行：元素嵌套超过 200 层");
        assertThat(ModelSafetyCheck.nesting("ok.bpmn", bytes("<definitions>" + "<e>".repeat(199) + "</e>".repeat(199) + "</definitions>"))).isEmpty();
        assertThat(ModelSafetyCheck.nesting("notes.txt", bytes("[".repeat(levels)))).as("not a model").isEmpty();
    }

    static String process(String element) {
        return HostileModels.process(element);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
