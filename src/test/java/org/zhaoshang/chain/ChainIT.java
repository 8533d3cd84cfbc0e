package org.zhaoshang.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 产业链“五个一” (issue 25 part 1, policy 000): the demo district's chains with their leader, lead department, team and
 * advisors; 合作交流办 alone names who leads a chain; the lead department keeps the chain's 招商图谱 (target companies moving
 * 未接触 → 已接触 → 在谈 → 签约 with what happened); the chain counts its projects. Bad input changes nothing.
 */
@IntegrationTest
class ChainIT {

    @LocalServerPort
    int port;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theChainsFiveOnesAreSetByHezuoOnlyAndBadInputChangesNothing() throws Exception {
        Browser officer = Browser.basic(port, "xuhui", "demo");
        Browser hezuo = Browser.basic(port, "huangtao", "demo");
        JsonNode smart = json.readTree(officer.get("/api/chains/智能制造").body());
        assertThat(smart.at("/chain/leaderName").asText()).isEqualTo("张军");
        assertThat(smart.at("/chain/leadDepartmentName").asText()).isEqualTo("区工业和信息化局");
        assertThat(smart.at("/chain/team").toString()).contains("马亮", "周晓宇");
        assertThat(smart.at("/chain/advisors").toString()).as("the advisors serving the chain").contains("许光明");
        assertThat(officer.get("/api/chains/OTHER").statusCode()).as("其他 is no chain").isEqualTo(404);

        HttpResponse<String> notHezuo = officer.send(officer.request("/api/chains/SMART_MANUFACTURING").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"leader\": \"wangfang\", \"leadDepartment\": \"dept-keji\"}")));
        assertThat(notHezuo.statusCode()).isEqualTo(403);
        assertThat(notHezuo.body()).contains("只有区合作交流办可以确定产业链的分管领导");
        HttpResponse<String> bad = put(hezuo, "/api/chains/SMART_MANUFACTURING",
                "{\"leader\": \"xuhui\", \"leadDepartment\": \"dept-nowhere\", \"team\": [\"maliang\", \"nobody\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("分管领导须为区领导：xuhui", "牵头部门不存在：dept-nowhere", "招商队伍中的人员不存在：nobody");
        assertThat(json.readTree(officer.get("/api/chains/SMART_MANUFACTURING").body()).at("/chain/leader").asText())
                .as("nothing changed").isEqualTo("zhangjun");

        HttpResponse<String> set = put(hezuo, "/api/chains/BIOMEDICINE",
                "{\"leader\": \"zhangjun\", \"leadDepartment\": \"dept-keji\", \"team\": [\"liwei\", \"lina\", \"qianwen\"], \"note\": \"生物医药链专班\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode bio = json.readTree(set.body());
        assertThat(bio.get("leaderName").asText()).isEqualTo("张军");
        assertThat(bio.get("team").toString()).contains("钱雯", "东丽经济技术开发区");

        Browser pages = new Browser(port);
        pages.login("xuhui", "demo");
        assertThat(pages.get("/chains").body()).contains("产业链招商", "智能制造", "张军", "区工业和信息化局");
        assertThat(pages.get("/chains/BIOMEDICINE").body()).contains("生物医药产业链", "生物医药链专班", "项目储备库", "招商图谱")
                .doesNotContain("确定分管领导", "列入招商图谱");
    }

    @Test
    void theLeadDepartmentKeepsTheTargetCompaniesAndTheirProgress() throws Exception {
        Browser department = Browser.basic(port, "maliang", "demo");
        Browser officer = Browser.basic(port, "xuhui", "demo");
        HttpResponse<String> refused = officer.postJson("/api/chains/SMART_MANUFACTURING/targets", "{\"name\": \"某激光装备集团\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("只有智能制造产业链的牵头部门或区合作交流办可以维护招商图谱");
        assertThat(department.postJson("/api/chains/SMART_MANUFACTURING/targets", "{\"name\": \" \"}").body()).contains("请填写企业名称");

        HttpResponse<String> added = department.postJson("/api/chains/SMART_MANUFACTURING/targets",
                "{\"name\": \"某激光装备集团\", \"ranking\": \"行业龙头\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long id = json.readTree(added.body()).get("id").asLong();
        assertThat(json.readTree(added.body()).get("status").asText()).isEqualTo("NOT_CONTACTED");
        assertThat(department.postJson("/api/chains/SMART_MANUFACTURING/targets", "{\"name\": \"某激光装备集团\"}").statusCode())
                .as("listed once").isEqualTo(409);

        HttpResponse<String> badMove = put(department, "/api/chains/targets/" + id + "/status",
                "{\"status\": \"已结婚\", \"projectCode\": \"ZS-1999-0001\", \"note\": \"\"}");
        assertThat(badMove.statusCode()).isEqualTo(400);
        assertThat(badMove.body()).contains("状态须为未接触、已接触、在谈或签约", "请写明接触或洽谈情况", "台账中没有项目：ZS-1999-0001");
        HttpResponse<String> moved = put(department, "/api/chains/targets/" + id + "/status", "{\"status\": \"已接触\", \"note\": \"局长带队拜访\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json.readTree(moved.body()).get("status").asText()).isEqualTo("CONTACTED");
        assertThat(department.get("/api/chains/targets/" + id + "/events").body()).contains("列入招商图谱", "局长带队拜访", "CONTACTED");

        // A project of the chain counts in its library and the year's figures.
        JsonNode before = json.readTree(officer.get("/api/chains/SMART_MANUFACTURING").body());
        HttpResponse<String> registered = officer.postJson("/api/projects", """
                {"name": "产业链测试激光装备项目", "investor": "某激光装备集团", "investorCategory": "其他", "industry": "智能制造",
                 "totalInvestment": 5200, "landArea": 0, "originUnit": "unit-street-huaming"}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode after = json.readTree(officer.get("/api/chains/SMART_MANUFACTURING").body());
        assertThat(after.at("/figures/registered").asInt()).isEqualTo(before.at("/figures/registered").asInt() + 1);
        assertThat(after.get("projects").toString()).contains("产业链测试激光装备项目");
        String code = json.readTree(registered.body()).get("code").asText();
        HttpResponse<String> talks = put(department, "/api/chains/targets/" + id + "/status",
                "{\"status\": \"NEGOTIATING\", \"projectCode\": \"" + code + "\", \"note\": \"已登记项目，进入洽谈\"}");
        assertThat(json.readTree(talks.body()).get("projectCode").asText()).isEqualTo(code);
        Browser pages = new Browser(port);
        pages.login("maliang", "demo");
        assertThat(pages.get("/chains/SMART_MANUFACTURING").body()).contains("某激光装备集团", "在谈", code, "列入招商图谱");
    }

    HttpResponse<String> put(Browser browser, String path, String body) {
        return browser.send(browser.request(path).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aProjectMovesToAnotherChainWithAReasonInItsHistory() throws Exception {
        Browser officer = Browser.basic(port, "xuhui", "demo");
        Browser hezuo = Browser.basic(port, "huangtao", "demo");
        HttpResponse<String> registered = officer.postJson("/api/projects", """
                {"name": "产业链调整测试总部项目", "investor": "某智能装备集团", "investorCategory": "其他", "industry": "总部经济",
                 "totalInvestment": 3000, "landArea": 0, "originUnit": "unit-street-huaming"}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String code = json.readTree(registered.body()).get("code").asText();
        assertThat(json.readTree(officer.get("/api/chains/HEADQUARTERS_ECONOMY").body()).get("projects").toString()).contains(code);

        Browser other = Browser.basic(port, "zhuhao", "demo");
        assertThat(put(other, "/api/projects/" + code + "/chain", "{\"chain\": \"智能制造\", \"reason\": \"x\"}").statusCode())
                .as("another unit's officer does not even see it").isEqualTo(404);
        HttpResponse<String> bad = put(hezuo, "/api/projects/" + code + "/chain", "{\"chain\": \"其他\", \"reason\": \" \"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("产业链须为智能制造", "请说明调整产业链的原因");
        HttpResponse<String> moved = put(hezuo, "/api/projects/" + code + "/chain",
                "{\"chain\": \"智能制造\", \"reason\": \"投资方为工业机器人企业，总部带动制造基地\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json.readTree(officer.get("/api/chains/SMART_MANUFACTURING").body()).get("projects").toString()).contains(code);
        assertThat(json.readTree(officer.get("/api/chains/HEADQUARTERS_ECONOMY").body()).get("projects").toString()).doesNotContain(code);
        assertThat(hezuo.get("/api/projects/" + code).body()).contains("产业链变更", "总部经济 → 智能制造（投资方为工业机器人企业，总部带动制造基地）");
        assertThat(put(hezuo, "/api/projects/" + code + "/chain", "{\"chain\": \"SMART_MANUFACTURING\", \"reason\": \"再次\"}").body())
                .contains("项目已属于智能制造产业链");

        // The ledger filters by the chain, not by the industry the project keeps.
        assertThat(ledgerCodes(hezuo, "chain=SMART_MANUFACTURING&q=" + code)).containsExactly(code);
        assertThat(ledgerCodes(hezuo, "chain=HEADQUARTERS_ECONOMY&q=" + code)).isEmpty();
        assertThat(ledgerCodes(hezuo, "industry=HEADQUARTERS_ECONOMY&q=" + code)).containsExactly(code);
        HttpResponse<String> unknown = hezuo.get("/api/projects?chain=" + java.net.URLEncoder.encode("火星经济", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("产业链不在可选范围内");

        // The host unit's officer sees the chain on the project's page and moves it back there; a page form without a reason
        // changes nothing.
        Browser page = new Browser(port);
        page.login("xuhui", "demo");
        assertThat(page.get("/projects/" + code).body()).contains("所属产业链", "智能制造产业链", "调整所属产业链");
        assertThat(page.get("/projects?chain=SMART_MANUFACTURING&q=" + code).body()).contains(code);
        HttpResponse<String> noReason = page.postForm("/projects/" + code + "/chain",
                java.util.Map.of("chain", "HEADQUARTERS_ECONOMY", "reason", "", "_csrf", page.csrfToken()));
        assertThat(noReason.statusCode()).isEqualTo(302);
        assertThat(page.get("/projects/" + code).body()).contains("请说明调整产业链的原因", "智能制造产业链");
        page.postForm("/projects/" + code + "/chain",
                java.util.Map.of("chain", "HEADQUARTERS_ECONOMY", "reason", "制造基地另行选址，回归总部经济", "_csrf", page.csrfToken()));
        String after = page.get("/projects/" + code).body();
        assertThat(after).contains("所属产业链已调整为：总部经济", "总部经济产业链", "智能制造 → 总部经济（制造基地另行选址，回归总部经济）");
        assertThat(ledgerCodes(hezuo, "chain=HEADQUARTERS_ECONOMY&q=" + code)).containsExactly(code);
        Browser otherUnit = new Browser(port);
        otherUnit.login("zhuhao", "demo");
        assertThat(otherUnit.get("/projects/" + code).statusCode()).as("another unit").isEqualTo(404);
    }

    private java.util.List<String> ledgerCodes(Browser browser, String query) throws Exception {
        JsonNode page = json.readTree(browser.get("/api/projects?" + query).body());
        java.util.List<String> codes = new java.util.ArrayList<>();
        page.get("items").forEach(p -> codes.add(p.get("code").asText()));
        return codes;
    }

    @Test
    void theChainsLeaderAndLeadDepartmentHearOfANewProjectALossAndASigning() throws Exception {
        Browser officer = Browser.basic(port, "xuhui", "demo");
        String lost = register(officer, "产业链通知测试农旅项目", "农文旅");
        assertThat(chainNotices(lost)).containsExactly(
                "wangfang 【农文旅产业链·新登记项目】" + lost + " 产业链通知测试农旅项目",
                "xieyan 【农文旅产业链·新登记项目】" + lost + " 产业链通知测试农旅项目");
        assertThat(jdbc.sql("SELECT body FROM mail_outbox WHERE idempotency_key = :k").param("k", "chain:" + lost + ":NEGOTIATING:xieyan")
                .query(String.class).single()).contains("谢艳，您好", "承载单位：华明街道", "办理人：徐辉", "/chains/AGRI_CULTURE_TOURISM")
                .doesNotContain("原因");
        projects.changeStage(lost, ProjectStage.LOST, "huangtao", "投资方改投外省", null, null);
        assertThat(chainNotices(lost)).hasSize(4).contains("wangfang 【农文旅产业链·项目流失】" + lost + " 产业链通知测试农旅项目");
        assertThat(jdbc.sql("SELECT body FROM mail_outbox WHERE idempotency_key = :k").param("k", "chain:" + lost + ":LOST:wangfang")
                .query(String.class).single()).contains("原因 / 说明：投资方改投外省", "办理人：黄涛");

        // The chain counts its projects by who introduced them (中介机构 here), on its page and in its JSON.
        HttpResponse<String> introduced = officer.postJson("/api/projects", """
                {"name": "产业链引荐测试农旅项目", "investor": "某文旅集团", "investorCategory": "其他", "industry": "农文旅",
                 "totalInvestment": 1800, "landArea": 0, "originUnit": "unit-street-huaming",
                 "introducerKind": "中介机构", "introducerName": "某招商代理有限公司"}""");
        assertThat(introduced.statusCode()).as(introduced.body()).isEqualTo(201);
        JsonNode byIntroducer = json.readTree(officer.get("/api/chains/AGRI_CULTURE_TOURISM").body()).get("introducers");
        java.util.Map<String, Integer> registeredBy = new java.util.HashMap<>();
        byIntroducer.forEach(f -> registeredBy.merge(f.get("kind").asText(), f.get("registered").asInt(), Integer::sum));
        assertThat(registeredBy.get("INTERMEDIARY")).isEqualTo(1);
        assertThat(registeredBy.get("UNIT_OFFICER")).as("the two above").isGreaterThanOrEqualTo(1);
        Browser page = new Browser(port);
        page.login("xieyan", "demo");
        assertThat(page.get("/chains/AGRI_CULTURE_TOURISM").body()).contains("按引荐来源", "中介机构");

        // Steps between are not news to the chain; a signing is, and reaches the chain the project belongs to now.
        String signed = register(officer, "产业链通知测试签约项目", "农文旅");
        projects.changeStage(signed, ProjectStage.UNDER_REVIEW, "xuhui", "提交项目评审", null, null);
        projects.changeStage(signed, ProjectStage.APPROVED, "system", "论证会通过", null, null);
        assertThat(chainNotices(signed)).hasSize(2);
        assertThat(put(Browser.basic(port, "huangtao", "demo"), "/api/projects/" + signed + "/chain",
                "{\"chain\": \"总部经济\", \"reason\": \"区域总部项目\"}").statusCode()).isEqualTo(200);
        projects.changeStage(signed, ProjectStage.SIGNED, "huangtao", "登记签约协议 XY-1", null, null);
        assertThat(chainNotices(signed)).hasSize(4).contains(
                "lizhiqiang 【总部经济产业链·项目签约】" + signed + " 产业链通知测试签约项目",
                "hejing 【总部经济产业链·项目签约】" + signed + " 产业链通知测试签约项目");
    }

    private String register(Browser officer, String name, String industry) throws Exception {
        HttpResponse<String> registered = officer.postJson("/api/projects", """
                {"name": "%s", "investor": "某文旅集团", "investorCategory": "其他", "industry": "%s",
                 "totalInvestment": 2600, "landArea": 0, "originUnit": "unit-street-huaming"}""".formatted(name, industry));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json.readTree(registered.body()).get("code").asText();
    }

    private java.util.List<String> chainNotices(String code) {
        return jdbc.sql("SELECT recipient_user_id || ' ' || subject FROM mail_outbox WHERE channel = 'EMAIL' AND project_code = :code"
                + " AND idempotency_key LIKE 'chain:%' ORDER BY id").param("code", code).query(String.class).list();
    }
}
