package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.support.Browser;
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

    private String filterId(Browser user, String name) throws Exception {
        JsonNode filters = json.readTree(user.get("/engine-rest/filter?resourceType=Task").body());
        for (JsonNode filter : filters) {
            if (filter.get("name").asText().equals(name)) {
                return filter.get("id").asText();
            }
        }
        throw new AssertionError("filter " + name + " not visible: " + filters);
    }
}
