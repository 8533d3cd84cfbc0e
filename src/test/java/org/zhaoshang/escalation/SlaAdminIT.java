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
        assertThat(json.readTree(remindTooEarly.body()).get("message").asText()).contains("到期前提醒的天数须不小于0且小于办理时限");

        HttpResponse<String> missing = put(admin, KEY, """
                {"dueDays": 0, "remindBeforeDays": 0, "level1AfterDays": 0, "level2AfterDays": 3,
                 "level0Recipients": "everyone", "level1Recipients": "SUPERVISOR"}""");
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(missing.body()).get("fieldErrors");
        assertThat(errors.findValuesAsText("field")).contains("dueDays", "level0Recipients", "level2Recipients");
        assertThat(errors.findValuesAsText("message")).contains("办理时限至少1个工作日", "接收人规则不在可选范围内");

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
