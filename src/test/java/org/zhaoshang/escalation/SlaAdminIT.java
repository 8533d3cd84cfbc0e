package org.zhaoshang.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Administrators change a task type's SLA through the REST API; bad settings are refused in Chinese. */
@IntegrationTest
class SlaAdminIT {

    static final String KEY = "UserTask_SlaAdminProbe";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProcessEngine engine;

    @Test
    void listsEveryUserTaskOfTheDeployedProcesses() throws Exception {
        EscalationProbe.deploy(engine);
        JsonNode list = json.readTree(Browser.basic(port, "admin", "demo").get("/api/admin/slas").body());
        assertThat(list.findValuesAsText("taskKey")).contains(EscalationProbe.TASK_KEY);
    }

    @Test
    void changeAndResetAnSla() throws Exception {
        Browser admin = Browser.basic(port, "admin", "demo");
        JsonNode initial = json.readTree(admin.get("/api/admin/slas/" + KEY).body());
        assertThat(initial.get("source").asText()).isEqualTo("DEFAULT");
        assertThat(initial.get("dueDays").asInt()).isEqualTo(5);

        HttpResponse<String> changed = put(admin, KEY, """
                {"dueDays": 8, "remindBeforeDays": 2, "level1AfterDays": 1, "level2AfterDays": 4,
                 "level0Recipients": "ASSIGNEE_OR_CANDIDATES", "level1Recipients": "SUPERVISOR", "level2Recipients": "区政府督查室"}""");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode saved = json.readTree(changed.body());
        assertThat(saved.get("source").asText()).isEqualTo("ADMIN");
        assertThat(saved.get("dueDays").asInt()).isEqualTo(8);
        assertThat(saved.get("level2Recipients").asText()).isEqualTo("DUCHA");
        assertThat(saved.get("updatedBy").asText()).isEqualTo("admin");

        // Policy 003 (二十二): "审批时限压至0.5个工作日" — half days and working hours.
        HttpResponse<String> halfDay = put(admin, KEY, """
                {"dueDays": "0.5", "remindBeforeDays": "1h", "level1AfterDays": "0h", "level2AfterDays": "2h",
                 "level0Recipients": "ASSIGNEE_OR_CANDIDATES", "level1Recipients": "SUPERVISOR", "level2Recipients": "DUCHA"}""");
        assertThat(halfDay.statusCode()).as(halfDay.body()).isEqualTo(200);
        JsonNode half = json.readTree(halfDay.body());
        assertThat(half.get("dueDays").asText()).isEqualTo("0.5");
        assertThat(half.get("dueLabel").asText()).isEqualTo("0.5 个工作日");
        assertThat(half.get("remindBeforeLabel").asText()).isEqualTo("1 个工作小时");

        HttpResponse<String> reset = admin.send(admin.request("/api/admin/slas/" + KEY).DELETE());
        assertThat(json.readTree(reset.body()).get("source").asText()).isEqualTo("DEFAULT");
    }

    @Test
    void unsoundSettingsAreRefusedAndNothingChanges() throws Exception {
        Browser admin = Browser.basic(port, "admin", "demo");
        HttpResponse<String> remindTooEarly = put(admin, KEY, """
                {"dueDays": 2, "remindBeforeDays": 2, "level1AfterDays": 0, "level2AfterDays": 3,
                 "level0Recipients": "ASSIGNEE_OR_CANDIDATES", "level1Recipients": "SUPERVISOR", "level2Recipients": "DUCHA"}""");
        assertThat(remindTooEarly.statusCode()).isEqualTo(400);
        assertThat(json.readTree(remindTooEarly.body()).get("message").asText()).contains("到期前提醒的时间须小于办理时限");
        // Periods of different units are compared in working time: a day's reminder on a half-day task is too early.
        HttpResponse<String> mixed = put(admin, KEY, """
                {"dueDays": "0.5", "remindBeforeDays": 1, "level1AfterDays": "0h", "level2AfterDays": "2h",
                 "level0Recipients": "ASSIGNEE_OR_CANDIDATES", "level1Recipients": "SUPERVISOR", "level2Recipients": "DUCHA"}""");
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(mixed.body()).get("message").asText()).contains("到期前提醒的时间须小于办理时限");
        HttpResponse<String> notAPeriod = put(admin, KEY, """
                {"dueDays": "0.3", "remindBeforeDays": 0, "level1AfterDays": 0, "level2AfterDays": 3,
                 "level0Recipients": "ASSIGNEE_OR_CANDIDATES", "level1Recipients": "SUPERVISOR", "level2Recipients": "DUCHA"}""");
        assertThat(notAPeriod.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notAPeriod.body()).get("fieldErrors").findValuesAsText("message")).anySatisfy(m ->
                assertThat(m).contains("「0.3」不是有效的时限"));

        HttpResponse<String> missing = put(admin, KEY, """
                {"dueDays": 0, "remindBeforeDays": 0, "level1AfterDays": 0, "level2AfterDays": 3,
                 "level0Recipients": "everyone", "level1Recipients": "SUPERVISOR"}""");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(missing.body()).get("fieldErrors");
        assertThat(errors.findValuesAsText("field")).contains("dueDays", "level0Recipients", "level2Recipients");
        assertThat(errors.findValuesAsText("message")).contains("办理时限须大于0（至少 0.5 个工作日或 1 个工作小时）", "接收人规则不在可选范围内");

        assertThat(json.readTree(admin.get("/api/admin/slas/" + KEY).body()).get("source").asText()).isEqualTo("DEFAULT");
    }

    @Test
    void onlyAdministratorsChangeSlas() {
        HttpResponse<String> response = put(Browser.basic(port, "yangmin", "demo"), KEY, "{}");
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> put(Browser browser, String key, String body) {
        return browser.send(browser.request("/api/admin/slas/" + key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }
}
