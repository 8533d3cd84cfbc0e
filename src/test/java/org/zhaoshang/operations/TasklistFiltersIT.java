package org.zhaoshang.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every user finds the shared filters in Tasklist, and each filter lists only that user's tasks. */
@IntegrationTest
class TasklistFiltersIT {


    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @Test
    void departmentFilterListsTheDepartmentsTasksWithTheProject() throws Exception {
        HttpResponse<String> started = Browser.basic(port, "sunyue", "demo")
                .postJson("/engine-rest/process-definition/key/project-review/submit-form",
                        Tasks.reviewStartForm("过滤器测试项目", "MODERN_SERVICES", 100, 0));
        String code = json.readTree(started.body()).get("businessKey").asText();

        String hezuoFilter = filterId(Browser.basic(port, "linxue", "demo"), "本部门待办");
        JsonNode hezuoTasks = json.readTree(Browser.basic(port, "linxue", "demo")
                .postJson("/engine-rest/filter/" + hezuoFilter + "/list?maxResults=200", "{}").body());
        assertThat(hezuoTasks.findValuesAsText("name")).contains("预审项目材料");
        assertThat(hezuoTasks.findValuesAsText("processInstanceId")).isNotEmpty();

        String unitFilter = filterId(Browser.basic(port, "guoqiang", "demo"), "本部门待办");
        JsonNode otherUnit = json.readTree(Browser.basic(port, "guoqiang", "demo")
                .postJson("/engine-rest/filter/" + unitFilter + "/list?maxResults=200", "{}").body());
        assertThat(otherUnit.findValuesAsText("name")).doesNotContain("预审项目材料");
        assertThat(code).startsWith("ZS-");
        assertThat(filterId(Browser.basic(port, "caoli", "demo"), "我的任务")).isNotBlank();
    }

    @Test
    void overdueAndSupervisedFiltersListTheDepartmentsLateTasksWithTheProjectOnEachCard() throws Exception {
        EscalationProbe.clockAt("2026-03-02T10:00");
        HttpResponse<String> started = Browser.basic(port, "sunyue", "demo")
                .postJson("/engine-rest/process-definition/key/project-review/submit-form",
                        Tasks.reviewStartForm("督办过滤器测试项目", "MODERN_SERVICES", 100, 0));
        String pi = json.readTree(started.body()).get("id").asText();
        String code = json.readTree(started.body()).get("businessKey").asText();
        Tasks.completeAs(engine, pi, "UserTask_PrecheckProject", "huangtao", java.util.Map.of("precheckDecision", "PASS"));
        Browser caoli = Browser.basic(port, "caoli", "demo");
        assertThat(listed(caoli, "已逾期")).doesNotContain(code);

        // Due 9 March 18:00; overdue the day after, 督办 three working days later.
        EscalationProbe.clockAt("2026-03-10T18:30");
        EscalationProbe.runDueJobs(engine, pi);
        assertThat(listed(caoli, "已逾期")).contains(code);
        assertThat(listed(caoli, "督办")).doesNotContain(code);
        EscalationProbe.clockAt("2026-03-13T18:30");
        EscalationProbe.runDueJobs(engine, pi);
        assertThat(listed(caoli, "督办")).contains(code);
        // The same filters show another department only its own tasks.
        assertThat(listed(Browser.basic(port, "maliang", "demo"), "督办")).doesNotContain(code);

        // The card shows the project: Tasklist asks the filter for its variables (HAL), a candidate may read them.
        HttpResponse<String> hal = caoli.send(caoli.request("/engine-rest/filter/" + filterId(caoli, "督办") + "/list?maxResults=50")
                .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(hal.body()).contains("\"name\":\"cardProject\"", "\"value\":\"" + code + " 督办过滤器测试项目\"");
    }

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }

    private String listed(Browser user, String filter) throws Exception {
        return user.postJson("/engine-rest/filter/" + filterId(user, filter) + "/list?maxResults=200", "{}").body()
                + user.send(user.request("/engine-rest/filter/" + filterId(user, filter) + "/list?maxResults=200")
                        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).body();
    }

    private String filterId(Browser user, String name) throws Exception {
        JsonNode filters = json.readTree(user.get("/engine-rest/filter?resourceType=Task&maxResults=100").body());
        for (JsonNode filter : filters) {
            if (filter.get("name").asText().equals(name)) {
                return filter.get("id").asText();
            }
        }
        throw new AssertionError("filter " + name + " not visible: " + filters);
    }
}
