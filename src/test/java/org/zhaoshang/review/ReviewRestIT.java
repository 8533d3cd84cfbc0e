package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

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

/** 项目评审 as Tasklist and API clients reach it: the start form, refusals as 400 in Chinese, authorization. */
@IntegrationTest
class ReviewRestIT {


    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aUnitOfficerRegistersThroughTasklistsStartForm() throws Exception {
        HttpResponse<String> response = Browser.basic(port, "lina", "demo")
                .postJson("/engine-rest/process-definition/key/project-review/submit-form", Tasks.reviewStartForm("创新药中试基地项目", "BIOMEDICINE", 8800, 12.5));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode instance = json.readTree(response.body());
        String code = instance.get("businessKey").asText();
        assertThat(code).matches("ZS-\\d{4}-\\d{4}");
        JsonNode project = json.readTree(Browser.basic(port, "lina", "demo").get("/api/projects/" + code).body());
        assertThat(project.get("stage").asText()).isEqualTo("UNDER_REVIEW");
        assertThat(project.get("originUnit").asText()).isEqualTo("unit-park-dongli-eco");
        assertThat(project.get("industry").asText()).isEqualTo("BIOMEDICINE");
        // The precheck task is 合作交流办's, visible to them in Tasklist with the project's data.
        JsonNode tasks = json.readTree(Browser.basic(port, "huangtao", "demo")
                .get("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + code).body());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("name").asText()).isEqualTo("预审项目材料");
        JsonNode notForUnits = json.readTree(Browser.basic(port, "zhouxiaoyu", "demo")
                .get("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + code).body());
        assertThat(notForUnits).isEmpty();
    }

    @Test
    void badStartFormInputIsRefusedInChineseAndNothingIsStored() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single();
        long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("project-review").count();
        HttpResponse<String> response = Browser.basic(port, "lina", "demo")
                .postJson("/engine-rest/process-definition/key/project-review/submit-form", Tasks.reviewStartForm("", "BIOMEDICINE", -5, 12.5));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText()).contains("请填写项目名称", "总投资额不能为负数");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single()).isEqualTo(before);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("project-review").count())
                .isEqualTo(instances);
    }

    @Test
    void aRefusedTaskInputComesBackAs400WithTheChineseMessage() throws Exception {
        String pi = startAndPassPrecheck();
        Task environment = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(ReviewProcess.TASK_ENVIRONMENT).singleResult();
        String vetoWithoutReason = """
                {"variables": {"environmentDecision": {"value": "VETO", "type": "String"}}}""";
        HttpResponse<String> response = Browser.basic(port, "caoli", "demo")
                .postJson("/engine-rest/task/" + environment.getId() + "/submit-form", vetoWithoutReason);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText()).isEqualTo("否决必须写明理由");
        assertThat(engine.getTaskService().createTaskQuery().taskId(environment.getId()).count()).isOne();
    }

    @Test
    void anotherDepartmentCannotCompleteTheEnvironmentReview() throws Exception {
        String pi = startAndPassPrecheck();
        Task environment = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(ReviewProcess.TASK_ENVIRONMENT).singleResult();
        String veto = """
                {"variables": {"environmentDecision": {"value": "VETO", "type": "String"},
                               "environmentComment": {"value": "越权", "type": "String"}}}""";
        HttpResponse<String> response = Browser.basic(port, "maliang", "demo")
                .postJson("/engine-rest/task/" + environment.getId() + "/complete", veto);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(engine.getTaskService().createTaskQuery().taskId(environment.getId()).count()).isOne();
        // Their own task (产业指导意见, 工信局 for 智能制造) is theirs to see.
        JsonNode mine = json.readTree(Browser.basic(port, "maliang", "demo").get("/engine-rest/task?maxResults=50&processInstanceId=" + pi).body());
        assertThat(mine.findValuesAsText("taskDefinitionKey")).containsExactly(ReviewProcess.TASK_INDUSTRY);
    }

    @Test
    void meetingsArePlannedByTheCooperationOfficeOnly() throws Exception {
        String plan = """
                {"title": "月度论证会", "date": "%s", "place": "区政府第一会议室", "chair": "%s",
                 "members": ["dept-gongxin", "dept-huanbao", "dept-xiaofang"]}""";
        String future = java.time.LocalDate.now().plusDays(30).toString();
        HttpResponse<String> forbidden = Browser.basic(port, "maliang", "demo").postJson("/api/meetings", plan.formatted(future, "wangfang"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        HttpResponse<String> badChair = Browser.basic(port, "yangmin", "demo").postJson("/api/meetings", plan.formatted(future, "caoli"));
        assertThat(badChair.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badChair.body()).get("fieldErrors").get(0).get("message").asText()).isEqualTo("主持人须为区领导");
        HttpResponse<String> past = Browser.basic(port, "yangmin", "demo").postJson("/api/meetings", plan.formatted("2020-01-01", "wangfang"));
        assertThat(past.statusCode()).isEqualTo(400);
        HttpResponse<String> created = Browser.basic(port, "yangmin", "demo").postJson("/api/meetings", plan.formatted(future, "wangfang"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        jdbc.sql("UPDATE review_meeting SET status = 'CONCLUDED' WHERE id = :id").param("id", id).update();
    }

    private String startAndPassPrecheck() throws Exception {
        HttpResponse<String> started = Browser.basic(port, "lina", "demo")
                .postJson("/engine-rest/process-definition/key/project-review/submit-form", Tasks.reviewStartForm("权限测试项目", "SMART_MANUFACTURING", 100, 12.5));
        String pi = json.readTree(started.body()).get("id").asText();
        Task precheck = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        HttpResponse<String> passed = Browser.basic(port, "huangtao", "demo").postJson("/engine-rest/task/" + precheck.getId() + "/complete",
                "{\"variables\": {\"precheckDecision\": {\"value\": \"PASS\", \"type\": \"String\"}}}");
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(204);
        return pi;
    }
}
