package org.zhaoshang.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.system.ApiException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The project ledger through its REST API and pages: registration, validation, visibility, stages and history. */
@IntegrationTest
class ProjectLedgerIT {

    /** A valid registration of 金钟街道's officer zhouxiaoyu; each validation case breaks one field of it. */
    static final String VALID = """
            {"name": "智能装备产业园项目", "investor": "天津某智能装备股份有限公司", "investorCategory": "上市公司",
             "industry": "智能制造", "totalInvestment": 68000.50, "foreignCapital": 1200, "landArea": 120.5,
             "originUnit": "unit-street-jinzhong", "keyProject": true, "contactPerson": "王经理",
             "contactPhone": "022-12345678", "description": "建设智能装备研发与生产基地"}""";

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectService projects;

    @Test
    void registersListsAndShowsAProjectWithItsHistory() throws Exception {
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");
        HttpResponse<String> created = officer.postJson("/api/projects", VALID);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode project = json.readTree(created.body());
        String code = project.get("code").asText();
        assertThat(code).matches("ZS-\\d{4}-\\d{4}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/projects/" + code);
        assertThat(project.get("stage").asText()).isEqualTo("NEGOTIATING");
        assertThat(project.get("stageLabel").asText()).isEqualTo("在谈");
        assertThat(project.get("industry").asText()).isEqualTo("SMART_MANUFACTURING");
        assertThat(project.get("hostUnit").asText()).isEqualTo("unit-street-jinzhong");
        assertThat(project.get("hostUnitName").asText()).isEqualTo("金钟街道");
        assertThat(project.get("totalInvestment").decimalValue()).isEqualByComparingTo("68000.50");
        assertThat(project.get("keyProject").asBoolean()).isTrue();
        assertThat(project.get("createdBy").asText()).isEqualTo("zhouxiaoyu");

        JsonNode fetched = json.readTree(officer.get("/api/projects/" + code).body());
        assertThat(fetched.get("name").asText()).isEqualTo("智能装备产业园项目");
        assertThat(fetched.get("history")).hasSize(1);
        assertThat(fetched.get("history").get(0).get("type").asText()).isEqualTo("CREATED");
        assertThat(fetched.get("history").get(0).get("actor").asText()).isEqualTo("zhouxiaoyu");

        JsonNode page = json.readTree(officer.get("/api/projects?industry=智能制造&stage=NEGOTIATING&size=100").body());
        assertThat(page.get("items").findValuesAsText("code")).contains(code);
        JsonNode none = json.readTree(officer.get("/api/projects?industry=农文旅&q=" + code).body());
        assertThat(none.get("total").asLong()).isZero();
        JsonNode byText = json.readTree(officer.get("/api/projects?q=" + code).body());
        assertThat(byText.get("total").asLong()).isOne();
    }

    @Test
    void codesAreSequentialWithinTheYear() throws Exception {
        Browser officer = Browser.basic(port, "guoqiang", "demo");
        String body = VALID.replace("unit-street-jinzhong", "unit-street-junliangcheng");
        String first = json.readTree(officer.postJson("/api/projects", body).body()).get("code").asText();
        String second = json.readTree(officer.postJson("/api/projects", body).body()).get("code").asText();
        assertThat(first.substring(0, 8)).isEqualTo(second.substring(0, 8));
        assertThat(Integer.parseInt(second.substring(8))).isEqualTo(Integer.parseInt(first.substring(8)) + 1);
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of("name", "", "请填写项目名称"),
                Arguments.of("name", "项".repeat(201), "项目名称不能超过200个字"),
                Arguments.of("investor", null, "请填写投资方名称"),
                Arguments.of("investorCategory", "国有企业", "投资方类别不在可选范围内"),
                Arguments.of("industry", "房地产", "所属产业不在可选范围内"),
                Arguments.of("totalInvestment", null, "请填写总投资额"),
                Arguments.of("totalInvestment", -1, "总投资额不能为负数"),
                Arguments.of("totalInvestment", 100.123, "总投资额最多保留两位小数"),
                Arguments.of("totalInvestment", "一百万", "该字段的值格式不正确"),
                Arguments.of("foreignCapital", -0.01, "外资金额不能为负数"),
                Arguments.of("landArea", null, "请填写用地面积"),
                Arguments.of("landArea", -5, "用地面积不能为负数"),
                Arguments.of("landArea", 1.005, "用地面积最多保留两位小数"),
                Arguments.of("originUnit", "", "请选择来源单位"),
                Arguments.of("originUnit", "unit-street-nowhere", "来源单位不存在"),
                Arguments.of("originUnit", "dept-hezuo", "来源单位必须是街道、园区或区级部门（区合作交流办除外）"),
                Arguments.of("originUnit", "leader", "来源单位必须是街道、园区或区级部门"),
                Arguments.of("originUnit", "unit-street-huaming", "只能以本单位作为来源单位登记项目"),
                Arguments.of("hostUnit", "unit-park-nowhere", "承载单位不存在"),
                Arguments.of("contactPhone", "call me", "联系电话只能包含数字"),
                Arguments.of("description", "字".repeat(2001), "项目简介不能超过2000个字"));
    }

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @MethodSource("invalidRegistrations")
    void badInputIsRefusedWithAChineseMessageAndNothingStored(String field, Object value, String message) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(VALID);
        if (value == null) {
            body.remove(field);
        } else {
            body.set(field, json.valueToTree(value));
        }
        long projectsBefore = count("investment_project");
        long historyBefore = count("project_history");

        HttpResponse<String> response = Browser.basic(port, "zhouxiaoyu", "demo").postJson("/api/projects", body.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("message").asText()).isEqualTo("提交的内容有误，请按提示修改后重试");
        assertThat(error.get("fieldErrors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("message").asText()).contains(message);
        });
        assertThat(count("investment_project")).isEqualTo(projectsBefore);
        assertThat(count("project_history")).isEqualTo(historyBefore);
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        HttpResponse<String> response = Browser.basic(port, "zhouxiaoyu", "demo").postJson("/api/projects", "{\"name\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText()).isEqualTo("请求内容不是有效的 JSON");
    }

    @Test
    void unknownFilterValueIsAFieldError() throws Exception {
        HttpResponse<String> response = Browser.basic(port, "yangmin", "demo").get("/api/projects?stage=DONE");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("fieldErrors").get(0).get("message").asText()).contains("项目阶段不在可选范围内");
    }

    @Test
    void onlyUnitOfficersDepartmentsAndTheCooperationOfficeRegister() throws Exception {
        long before = count("investment_project");
        HttpResponse<String> response = Browser.basic(port, "lizhiqiang", "demo").postJson("/api/projects", VALID);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readTree(response.body()).get("message").asText()).contains("只有街道、园区、区级部门的招商人员或区合作交流办可以登记项目");
        // A department brings projects in its own name only (policy 001: 区行业部门负责组织和推动行业招商).
        response = Browser.basic(port, "fenggang", "demo").postJson("/api/projects", VALID);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("只能以本单位作为来源单位登记项目");
        assertThat(count("investment_project")).isEqualTo(before);
        // 合作交流办 may register on behalf of any unit.
        assertThat(Browser.basic(port, "linxue", "demo").postJson("/api/projects", VALID).statusCode()).isEqualTo(201);
    }

    @Test
    void aUnitSeesOnlyItsOwnProjectsWhileDepartmentsSeeAll() throws Exception {
        String code = register("liuyang", VALID.replace("unit-street-jinzhong", "unit-park-dongli-dev"));

        Browser otherUnit = Browser.basic(port, "sunyue", "demo");
        assertThat(otherUnit.get("/api/projects/" + code).statusCode()).isEqualTo(404);
        assertThat(json.readTree(otherUnit.get("/api/projects?q=" + code).body()).get("total").asLong()).isZero();

        assertThat(Browser.basic(port, "qianwen", "demo").get("/api/projects/" + code).statusCode()).isEqualTo(200);
        assertThat(Browser.basic(port, "yangmin", "demo").get("/api/projects/" + code).statusCode()).isEqualTo(200);
        assertThat(Browser.basic(port, "wangfang", "demo").get("/api/projects/" + code).statusCode()).isEqualTo(200);
    }

    @Test
    void illegalStageTransitionIsRefusedAndChangesNothing() throws Exception {
        String code = register("zhouxiaoyu", VALID);
        long historyBefore = count("project_history");

        assertThatThrownBy(() -> projects.changeStage(code, ProjectStage.OPERATING, "yangmin", "直接投产", null, null))
                .isInstanceOf(ApiException.class)
                .hasMessage("项目阶段不能从「在谈」变更为「已投产/达产」");

        assertThat(count("project_history")).isEqualTo(historyBefore);
        assertThat(stageOf(code)).isEqualTo("NEGOTIATING");
    }

    @Test
    void legalStageTransitionIsRecordedWithWhoWhenAndWhy() throws Exception {
        String code = register("zhouxiaoyu", VALID);
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "提交项目评审", "pi-1", "task-1");
        projects.changeStage(code, ProjectStage.VETOED, "caoli", "位于生态保护红线内", "pi-1", "task-2");

        JsonNode project = json.readTree(Browser.basic(port, "zhouxiaoyu", "demo").get("/api/projects/" + code).body());
        assertThat(project.get("stage").asText()).isEqualTo("VETOED");
        JsonNode history = project.get("history");
        assertThat(history).hasSize(3);
        assertThat(history.get(2).get("type").asText()).isEqualTo("STAGE_CHANGED");
        assertThat(history.get(2).get("fromStage").asText()).isEqualTo("UNDER_REVIEW");
        assertThat(history.get(2).get("toStage").asText()).isEqualTo("VETOED");
        assertThat(history.get(2).get("actor").asText()).isEqualTo("caoli");
        assertThat(history.get(2).get("reason").asText()).isEqualTo("位于生态保护红线内");
        assertThat(history.get(2).get("taskId").asText()).isEqualTo("task-2");
        assertThat(history.get(2).get("occurredAt").asText()).isNotBlank();
        // A vetoed project is final.
        assertThatThrownBy(() -> projects.changeStage(code, ProjectStage.APPROVED, "yangmin", "复议", null, null))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void sessionWritesNeedTheCsrfToken() throws Exception {
        Browser browser = new Browser(port);
        browser.login("zhuhao", "demo");
        String body = VALID.replace("unit-street-jinzhong", "unit-street-wanxin");
        HttpResponse<String> withoutToken = browser.postJson("/api/projects", body);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(json.readTree(withoutToken.body()).get("message").asText()).contains("CSRF");
        HttpResponse<String> withToken = browser.postJson("/api/projects", body, Map.of("X-CSRF-TOKEN", browser.csrfToken()));
        assertThat(withToken.statusCode()).isEqualTo(201);
    }

    @Test
    void ledgerPagesListAndShowProjects() throws Exception {
        String code = register("songyang", VALID.replace("unit-street-jinzhong", "unit-street-xinli").replace("智能装备产业园项目", "稻香小镇农文旅项目"));
        Browser browser = new Browser(port);
        browser.login("songyang", "demo");

        HttpResponse<String> list = browser.get("/projects?q=" + code);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("项目台账", code, "稻香小镇农文旅项目", "新立街道", "在谈", "共 1 个项目");

        HttpResponse<String> detail = browser.get("/projects/" + code);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("稻香小镇农文旅项目", "办理记录", "登记项目", "120.50 亩", "68,000.50 万元");

        HttpResponse<String> missing = browser.get("/projects/ZS-1999-0001");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("项目不存在");
    }

    private String register(String user, String body) throws Exception {
        HttpResponse<String> response = Browser.basic(port, user, "demo").postJson("/api/projects", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("code").asText();
    }

    private String stageOf(String code) {
        return jdbc.sql("SELECT stage FROM investment_project WHERE code = :code").param("code", code).query(String.class).single();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
