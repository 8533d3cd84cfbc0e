package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The task-completion path under generated input, as a client of the engine REST API (what Tasklist's form
 * sends) could send it: the unit's 补正 of a project sent back by the pre-check, with its typed variables
 * spoiled — wrong types and type names, nulls, negative and huge numbers, invalid dates, JSON objects, very
 * long strings, control characters. The answer is either 204 with the project holding what was sent, or a
 * 4xx JSON error with a Chinese message and no stack trace, and then nothing changed: the task is still
 * open, the case's variables, the ledger row and the review record are as before.
 */
@IntegrationTest
class TaskCompletionBadInputIT {

    /** Same cases every run; {@code -Dbad-input.seed=…} explores others. Each case's body is in the failure message. */
    static final long SEED = Long.getLong("bad-input.seed", 20261203L);
    static final int CASES = 150;
    static final String OFFICER = "lina";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void generatedCompletionsOfACorrectionAreTakenExactlyOrRefusedCleanly() throws Exception {
        Random random = new Random(SEED);
        Browser officer = Browser.basic(port, OFFICER, "demo");
        Case current = sentBackCase();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> variables = valid();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String name = List.copyOf(variables.keySet()).get(random.nextInt(variables.size()));
                Object spoiled = hostile(random);
                if (spoiled == null) {
                    variables.remove(name);
                } else {
                    variables.put(name, spoiled);
                }
            }
            String sent = json.writeValueAsString(Map.of("variables", variables));
            String before = state(current);
            HttpResponse<String> response = officer.postJson("/engine-rest/task/" + current.task + "/complete", sent);
            String context = "case " + i + " (seed " + SEED + "): " + abbreviated(sent) + " → " + response.statusCode() + " "
                    + abbreviated(response.body());
            assertThat(response.statusCode()).as(context).isIn(204, 400, 413, 415, 422);
            assertThat(response.body()).as(context).doesNotContain("\tat ", "Exception:", "org.h2", "org.postgresql", "SQL");
            if (response.statusCode() == 204) {
                accepted++;
                assertThat(engine.getTaskService().createTaskQuery().taskId(current.task).count()).as(context).isZero();
                if (variables.get("projectName") instanceof Map<?, ?> name && name.get("value") instanceof String value) {
                    assertThat(jdbc.sql("SELECT name FROM investment_project WHERE code = :c").param("c", current.code)
                            .query(String.class).single()).as(context).isEqualTo(value.strip());
                }
                current = sentBackCase();
            } else {
                refused++;
                JsonNode error = json.readTree(response.body());
                assertThat(error.path("message").asText()).as(context).containsPattern("\\p{IsHan}");
                assertThat(state(current)).as(context + " changed nothing").isEqualTo(before);
            }
        }
        assertThat(refused).as("most generated completions are bad").isGreaterThan(CASES / 2);
        assertThat(accepted).as("some spoiled completions are still valid and must be taken").isPositive();
    }

    record Case(String code, String processInstance, String task) {
    }

    /** A project sent back by 合作交流办's pre-check: the unit's 补正 task is open. */
    private Case sentBackCase() throws Exception {
        HttpResponse<String> started = Browser.basic(port, OFFICER, "demo").postJson(
                "/engine-rest/process-definition/key/project-review/submit-form", Tasks.reviewStartForm("补正生成测试项目", "BIOMEDICINE", 5000, 0));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode instance = json.readTree(started.body());
        String pi = instance.get("id").asText();
        Tasks.completeAs(engine, pi, ReviewProcess.TASK_PRECHECK, "huangtao",
                Map.of(ReviewProcess.PRECHECK_DECISION, "RETURN", ReviewProcess.PRECHECK_COMMENT, "请补充营业执照"));
        Task correction = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        assertThat(correction.getTaskDefinitionKey()).isEqualTo(ReviewProcess.TASK_CORRECT);
        return new Case(instance.get("businessKey").asText(), pi, correction.getId());
    }

    /** Everything a completion writes: the task, the case's variables, the ledger row, the review records. */
    private String state(Case c) {
        Map<String, Object> state = new TreeMap<>();
        state.put("task open", engine.getTaskService().createTaskQuery().taskId(c.task).count());
        state.put("variables", new TreeMap<>(engine.getRuntimeService().getVariables(c.processInstance)).toString());
        state.put("project", jdbc.sql("SELECT * FROM investment_project WHERE code = :c").param("c", c.code).query().listOfRows().toString());
        state.put("opinions", jdbc.sql("SELECT COUNT(*) FROM review_opinion WHERE project_code = :c").param("c", c.code).query(Long.class).single());
        state.put("history", jdbc.sql("SELECT COUNT(*) FROM project_history h JOIN investment_project p ON p.id = h.project_id WHERE p.code = :c")
                .param("c", c.code).query(Long.class).single());
        return state.toString();
    }

    /** The 补正 form's variables as Tasklist sends them. */
    private static Map<String, Object> valid() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("projectName", typed("补正后的生物医药项目", "String"));
        variables.put("investor", typed("天津某生物科技有限公司", "String"));
        variables.put("totalInvestment", typed(6200.5, "Double"));
        variables.put("landArea", typed(0, "Double"));
        variables.put("projectDescription", typed("补充了营业执照和可研报告", "String"));
        variables.put("correctionNote", typed("已补充营业执照", "String"));
        return variables;
    }

    /** A spoiled variable (null: the variable left out). */
    private static Object hostile(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> typed(null, "String");
            case 2 -> typed(List.of("abc", "", "NaN", "1e309", "-0", "１２３").get(random.nextInt(6)), "Double");
            case 3 -> typed((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(31)), "Double");
            case 4 -> typed(random.nextLong(), List.of("Long", "Integer", "Short").get(random.nextInt(3)));
            case 5 -> typed(List.of("2026-02-30T00:00:00.000+0800", "明天", "").get(random.nextInt(3)), "Date");
            case 6 -> typed(List.of("", " ", "\u0000", "\u0007响铃", "\u202e反向", "<script>alert(1)</script>",
                    "'; DROP TABLE investment_project; --").get(random.nextInt(7)), "String");
            case 7 -> typed(chinese(random, 3_000 + random.nextInt(9_000)) + "😀🚀𠀀", "String");
            case 8 -> typed("{\"对象\":1}", "Json");
            case 9 -> typed("x", List.of("UnknownType", "Bytes", "File", "Xml", "").get(random.nextInt(5)));
            case 10 -> typed(random.nextInt(3) - 1, "Integer");
            case 11 -> typed(random.nextBoolean(), "Boolean");
            case 12 -> typed(3.5, "String");
            case 13 -> Map.of("value", "没有类型");
            case 14 -> "裸值";
            default -> typed(chinese(random, 1 + random.nextInt(60)) + "🚀", "String");
        };
    }

    private static Map<String, Object> typed(Object value, String type) {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("value", value);
        variable.put("type", type);
        return variable;
    }

    private static String chinese(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('\u4e00' + random.nextInt(0x9fa5 - 0x4e00)));
        }
        return text.toString();
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 600 ? text : text.substring(0, 600) + "…(" + text.length() + " chars)";
    }
}
