package org.zhaoshang.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 招商顾问 and 引荐来源 (issue 25, policy 003 第十六、十七条): 合作交流办 keeps the advisors' list; a project records who
 * introduced it — through the API, Tasklist's registration form (by the advisor's name) or a correction with a reason —
 * and the figures count projects and their outcome by introducer. Bad input changes nothing.
 */
@IntegrationTest
class AdvisorIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void hezuoKeepsTheListOthersMayOnlyReadItAndBadInputChangesNothing() throws Exception {
        Browser hezuo = Browser.basic(port, "huangtao", "demo");
        Browser officer = Browser.basic(port, "xuhui", "demo");
        long before = advisors();
        HttpResponse<String> refused = hezuo.postJson("/api/advisors", """
                {"name": " ", "organisation": "某商会", "industries": ["量子养生"], "appointedOn": "2026-13-01"}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("请填写顾问姓名", "产业链不在可选范围内：量子养生", "聘任日期格式应为 yyyy-MM-dd");
        assertThat(officer.postJson("/api/advisors", "{\"name\": \"钱学\", \"organisation\": \"某研究院\"}").body())
                .contains("只有区合作交流办可以维护招商顾问名单");
        assertThat(advisors()).as("nothing stored").isEqualTo(before);

        HttpResponse<String> created = hezuo.postJson("/api/advisors", """
                {"name": "钱学", "organisation": "某研究院", "field": "新材料", "industries": ["新能源新材料", "SMART_MANUFACTURING"],
                 "appointedOn": "2026-02-01"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode advisor = json.readTree(created.body());
        assertThat(advisor.get("industries").toString()).contains("NEW_ENERGY_MATERIALS", "SMART_MANUFACTURING");
        assertThat(officer.get("/api/advisors").body()).contains("钱学", "某研究院");
        Browser officerPages = new Browser(port);
        officerPages.login("xuhui", "demo");
        assertThat(officerPages.get("/advisors").body()).contains("钱学", "在聘").doesNotContain("新聘招商顾问", "按引荐来源统计");
    }

    @Test
    void aProjectRecordsWhoIntroducedItAndTheFiguresCountItsOutcome() throws Exception {
        Browser hezuo = Browser.basic(port, "huangtao", "demo");
        Browser officer = Browser.basic(port, "xuhui", "demo");
        long advisorId = json.readTree(hezuo.postJson("/api/advisors", """
                {"name": "孔令宇", "organisation": "某投资促进机构", "industries": ["新一代信息技术"]}""").body()).get("id").asLong();
        long released = json.readTree(hezuo.postJson("/api/advisors", """
                {"name": "孟凡", "organisation": "某专业服务机构", "active": false}""").body()).get("id").asLong();

        long projects = projects();
        assertThat(register(officer, "\"introducerKind\": \"招商顾问\", \"introducerAdvisorId\": " + released).body())
                .contains("招商顾问孟凡已解聘");
        assertThat(register(officer, "\"introducerKind\": \"中介机构\"").body()).contains("请填写引荐的中介机构名称");
        assertThat(register(officer, "\"introducerKind\": \"熟人\"").body()).contains("引荐来源不在可选范围内");
        assertThat(register(officer, "\"introducerKind\": \"招商顾问\", \"introducerName\": \"查无此人\"").body())
                .contains("招商顾问名单中没有在聘的“查无此人”");
        assertThat(projects()).as("nothing registered").isEqualTo(projects);

        HttpResponse<String> byAdvisor = register(officer, "\"introducerKind\": \"招商顾问\", \"introducerAdvisorId\": " + advisorId);
        assertThat(byAdvisor.statusCode()).as(byAdvisor.body()).isEqualTo(201);
        String first = json.readTree(byAdvisor.body()).get("code").asText();
        String second = json.readTree(register(officer, "\"introducerKind\": \"ADVISOR\", \"introducerName\": \"孔令宇\"").body())
                .get("code").asText();
        String third = json.readTree(register(officer, "\"introducerKind\": \"中介机构\", \"introducerName\": \"某招商咨询公司\"").body())
                .get("code").asText();
        Browser officerPages = new Browser(port);
        officerPages.login("xuhui", "demo");
        assertThat(officerPages.get("/projects/" + first).body()).contains("招商顾问：孔令宇", "更改引荐来源");
        assertThat(officerPages.get("/projects/" + third).body()).contains("中介机构：某招商咨询公司");

        // One signed, one lost: the figures show the outcome by introducer.
        jdbc.sql("UPDATE investment_project SET stage = 'SIGNED' WHERE code = :code").param("code", first).update();
        jdbc.sql("UPDATE investment_project SET stage = 'LOST' WHERE code = :code").param("code", second).update();
        JsonNode figures = json.readTree(hezuo.get("/api/advisors/figures").body());
        JsonNode row = null;
        for (JsonNode f : figures) {
            if (f.path("advisorId").asLong() == advisorId) {
                row = f;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("registered").asInt()).isEqualTo(2);
        assertThat(row.get("signed").asInt()).isEqualTo(1);
        assertThat(row.get("ended").asInt()).isEqualTo(1);
        assertThat(officer.get("/api/advisors/figures").statusCode()).isEqualTo(403);
        assertThat(hezuo.get("/api/advisors/figures?from=2026-12-31&to=2026-01-01").body()).contains("开始日期不能晚于结束日期");
        Browser hezuoPages = new Browser(port);
        hezuoPages.login("huangtao", "demo");
        assertThat(hezuoPages.get("/advisors").body()).contains("按引荐来源统计", "招商顾问：孔令宇", "新聘招商顾问");
    }

    @Test
    void theIntroducerIsCorrectedWithAReasonByItsUnitOrHezuoOnly() throws Exception {
        Browser officer = Browser.basic(port, "xuhui", "demo");
        String code = json.readTree(register(officer, "").body()).get("code").asText();
        assertThat(Browser.basic(port, "huangtao", "demo").get("/api/projects/" + code).body()).isNotEmpty();
        HttpResponse<String> noReason = put(officer, code, "{\"kind\": \"企业引荐（以商招商）\", \"name\": \"某精密制造有限公司\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("请说明更改引荐来源的原因");
        HttpResponse<String> changed = put(officer, code,
                "{\"kind\": \"ENTERPRISE\", \"name\": \"某精密制造有限公司\", \"reason\": \"登记时漏填：由已落地企业引荐\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("某精密制造有限公司");
        assertThat(Browser.basic(port, "huangtao", "demo").get("/api/projects/" + code).body())
                .contains("引荐来源变更", "本单位招商人员 → 企业引荐（以商招商）：某精密制造有限公司");
        // Another street's officer: the project is not theirs to see.
        assertThat(put(Browser.basic(port, "caoli", "demo"), code, "{\"kind\": \"UNIT_OFFICER\", \"reason\": \"x\"}").statusCode())
                .isIn(403, 404);
    }

    @Test
    void tasklistsRegistrationFormNamesTheAdvisor() throws Exception {
        Browser hezuo = Browser.basic(port, "huangtao", "demo");
        hezuo.postJson("/api/advisors", "{\"name\": \"严守正\", \"organisation\": \"某科研院校\"}");
        Browser officer = Browser.basic(port, "xuhui", "demo");
        HttpResponse<String> started = officer.postJson("/engine-rest/process-definition/key/project-review/submit-form", """
                {"variables": {
                  "projectName": {"value": "表单登记的顾问项目"}, "investor": {"value": "某半导体有限公司"},
                  "investorCategory": {"value": "OTHER"}, "industry": {"value": "NEW_GENERATION_IT"},
                  "totalInvestment": {"value": 1800, "type": "Double"}, "landArea": {"value": 0, "type": "Double"},
                  "projectDescription": {"value": "顾问引荐的项目"},
                  "introducerKind": {"value": "ADVISOR"}, "introducerName": {"value": "严守正"}}}""");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String label = jdbc.sql("""
                SELECT a.name FROM project_introducer i JOIN investment_project p ON p.id = i.project_id
                JOIN investment_advisor a ON a.id = i.advisor_id WHERE p.name = '表单登记的顾问项目'""").query(String.class).single();
        assertThat(label).isEqualTo("严守正");
    }

    private HttpResponse<String> register(Browser officer, String introducer) {
        return officer.postJson("/api/projects", """
                {"name": "引荐测试项目", "investor": "某电子科技有限公司", "investorCategory": "专精特新", "industry": "新一代信息技术",
                 "totalInvestment": 1200, "landArea": 0, "originUnit": "unit-street-huaming"%s}"""
                .formatted(introducer.isEmpty() ? "" : ", " + introducer));
    }

    private HttpResponse<String> put(Browser browser, String code, String body) {
        return browser.send(browser.request("/api/projects/" + code + "/introducer").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long advisors() {
        return jdbc.sql("SELECT COUNT(*) FROM investment_advisor").query(Long.class).single();
    }

    private long projects() {
        return jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single();
    }
}
