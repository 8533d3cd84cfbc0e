package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.zhaoshang.engine.ParsedFeelCache.CachingFeelEngine;

/** The remembered syntax trees give exactly what Camunda's own FEEL engine gives, for our tables and beyond. */
class ParsedFeelCacheTest {

    private final DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final DmnEngine cached = cachedEngine();

    @Test
    void theEnginePluginPutsTheCachingEngineInPlace() {
        assertThat(((DefaultDmnEngineConfiguration) cached.getConfiguration()).getFeelEngine()).isInstanceOf(CachingFeelEngine.class);
    }

    @Test
    void ourDecisionTablesDecideAsWithCamundasEngine() throws IOException {
        for (double investment : new double[] {0, 1, 4999.99, 5000, 5000.01, 1e9}) {
            for (boolean marked : new boolean[] {true, false}) {
                Map<String, Object> input = Map.of("totalInvestment", investment, "keyProjectMarked", marked);
                assertThat(decide(cached, "key-project.dmn", input)).isEqualTo(decide(plain, "key-project.dmn", input));
                assertThat(decide(cached, "key-project.dmn", input)).isEqualTo(decide(cached, "key-project.dmn", input));
            }
        }
        for (String industry : List.of("SMART_MANUFACTURING", "MODERN_SERVICES", "AGRI_CULTURE_TOURISM", "OTHER")) {
            Map<String, Object> input = Map.of("industry", industry);
            assertThat(decide(cached, "industry-department.dmn", input))
                    .isEqualTo(decide(plain, "industry-department.dmn", input))
                    .isNotEmpty();
        }
        assertThat(decide(cached, "key-project.dmn", Map.of("totalInvestment", 6000.0, "keyProjectMarked", false)))
                .containsExactly(Map.of("keyProject", true));
    }

    @Test
    void unaryTestsSeeTheirInputAndTheOtherVariablesOnEveryCall() {
        CachingFeelEngine feel = new CachingFeelEngine(null);
        String test = "[limit..limit * 2], \"无\"";
        assertThat(feel.evaluateSimpleUnaryTests(test, "amount", variables("amount", 15, "limit", 10))).isTrue();
        assertThat(feel.evaluateSimpleUnaryTests(test, "amount", variables("amount", 25, "limit", 10))).isFalse();
        assertThat(feel.evaluateSimpleUnaryTests(test, "amount", variables("amount", 25, "limit", 20))).isTrue();
        assertThat(feel.evaluateSimpleUnaryTests(test, "amount", variables("amount", "无", "limit", 20))).isTrue();
        assertThat(feel.evaluateSimpleUnaryTests("? > limit", "amount", variables("amount", 3, "limit", 2))).isTrue();
        assertThat(feel.size()).isEqualTo(2);
    }

    @Test
    void expressionsAreEvaluatedAgainEveryTimeAndParsedOnce() {
        CachingFeelEngine feel = new CachingFeelEngine(null);
        ScalaFeelEngine camundas = new ScalaFeelEngine(List.of());
        String expression = "if 项目 = \"重点\" then amount * 2 else string length(名称)";
        VariableContext key = variables("项目", "重点", "amount", 21, "名称", "x");
        VariableContext ordinary = variables("项目", "一般", "amount", 21, "名称", "新能源😀");
        assertThat((Object) feel.evaluateSimpleExpression(expression, key)).isEqualTo(42L)
                .isEqualTo(camundas.evaluateSimpleExpression(expression, key));
        assertThat((Object) feel.evaluateSimpleExpression(expression, ordinary))
                .isEqualTo(camundas.evaluateSimpleExpression(expression, ordinary));
        assertThat((Object) feel.evaluateSimpleExpression(expression, variables("项目", "一般", "amount", 21, "名称", "新能源"))).isEqualTo(3L);
        assertThat(feel.size()).isEqualTo(1);
    }

    @Test
    void anExpressionThatDoesNotParseFailsLikeCamundasAndIsNotRemembered() {
        CachingFeelEngine feel = new CachingFeelEngine(null);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> feel.evaluateSimpleUnaryTests(">= >= 5", "x", variables("x", 1)))
                    .isInstanceOf(FeelException.class)
                    .hasMessageContaining("failed to parse");
        }
        assertThat(feel.size()).isZero();
    }

    @Test
    void theCacheStaysBounded() {
        CachingFeelEngine feel = new CachingFeelEngine(null);
        for (int i = 0; i < ParsedFeelCache.MAX_EXPRESSIONS + 10; i++) {
            assertThat(feel.evaluateSimpleUnaryTests("< " + i, "x", variables("x", i - 1))).isTrue();
        }
        assertThat(feel.size()).isLessThanOrEqualTo(ParsedFeelCache.MAX_EXPRESSIONS);
    }

    private static DmnEngine cachedEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        new ParsedFeelCache().preInit(configuration);
        return configuration.getDmnEngineConfiguration().buildEngine();
    }

    private static List<Map<String, Object>> decide(DmnEngine engine, String file, Map<String, Object> input) throws IOException {
        try (InputStream model = Files.newInputStream(Path.of("processes", file))) {
            DmnDecision decision = engine.parseDecisions(model).get(0);
            DmnDecisionResult result = engine.evaluateDecision(decision, Variables.fromMap(input));
            return result.getResultList();
        }
    }

    private static VariableContext variables(Object... namesAndValues) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Variables.fromMap(map).asVariableContext();
    }
}
