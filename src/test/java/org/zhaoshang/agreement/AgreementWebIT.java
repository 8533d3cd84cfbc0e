package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** 协议登记, evidence and payments as users reach them: the REST API and the project's pages. */
@IntegrationTest
class AgreementWebIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final String PLAN = """
            {"agreementNo": "%s", "signedOn": "2026-11-01", "parties": "东丽区人民政府；测试有限公司", "totalInvestment": 6000,
             "milestones": [{"type": "REGISTRATION", "targetValue": 1, "dueOn": "2027-03-31"},
                            {"type": "资金到位", "targetValue": 3000, "dueOn": "%s"}],
             "incentives": [{"name": "落地奖励", "cap": 100, "unlockedBy": %s}]}""";

    @LocalServerPort
    int port;
    @Autowired
    ProjectService projects;
    @Autowired
    AgreementRecords records;
    @Autowired
    JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theApiRegistersAnAgreementAndRefusesBadOnesFieldByField() throws Exception {
        String code = approvedProject("接口登记协议项目");
        Browser api = Browser.basic(port, "linxue", "demo");
        long before = jdbc.sql("SELECT COUNT(*) FROM agreement").query(Long.class).single();

        HttpResponse<String> noMilestone = api.postJson("/api/projects/" + code + "/agreements", PLAN.formatted("API-1", "2027-06-30", "[]"));
        assertThat(noMilestone.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(noMilestone.body());
        assertThat(error.at("/fieldErrors/0/field").asText()).isEqualTo("incentives[1].unlockedBy");
        assertThat(error.at("/fieldErrors/0/message").asText()).contains("须关联本协议至少一个履约节点");
        HttpResponse<String> badDate = api.postJson("/api/projects/" + code + "/agreements", PLAN.formatted("API-1", "2027-13-01", "[1]"));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).doesNotContain("Exception").contains("格式");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agreement").query(Long.class).single()).isEqualTo(before);

        HttpResponse<String> created = api.postJson("/api/projects/" + code + "/agreements", PLAN.formatted("API-1", "2027-06-30", "[1, 2]"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("agreementId").asLong();
        JsonNode list = json.readTree(api.get("/api/projects/" + code + "/agreements").body());
        assertThat(list.at("/0/milestones/1/typeLabel").asText()).isEqualTo("资金到位");
        assertThat(list.at("/0/milestones/1/verifyingDepartment").asText()).as("智能制造 → 工信局 (DMN)").isEqualTo("dept-gongxin");
        assertThat(list.at("/0/incentives/0/unlockedBy").toString()).isEqualTo("[1,2]");
        assertThat(projects.find(code).orElseThrow().stage()).isEqualTo(ProjectStage.SIGNED);

        // 超前兑付 through the API: 422 with the rule's name.
        HttpResponse<String> early = api.postJson("/api/agreements/" + id + "/payments",
                "{\"incentiveId\": %d, \"amount\": 10}".formatted(records.incentives(id).get(0).id()));
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(json.readTree(early.body()).get("message").asText()).startsWith("超前兑付");
        // Another unit sees nothing of it.
        assertThat(Browser.basic(port, "chenhong", "demo").get("/api/agreements/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void evidenceIsTypedByContentAndOnlyEverServedAsADownloadToThoseWhoSeeTheProject() throws Exception {
        String code = approvedProject("佐证材料项目");
        Browser hezuo = Browser.basic(port, "yangmin", "demo");
        long id = json.readTree(hezuo.postJson("/api/projects/" + code + "/agreements", PLAN.formatted("EVI-1", "2027-06-30", "[1]")).body())
                .get("agreementId").asLong();
        long milestone = records.milestones(id).get(0).id();
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");

        HttpResponse<String> disguised = officer.postMultipart("/api/milestones/" + milestone + "/evidence", Map.of(), "file", "营业执照.pdf",
                "MZ\u0090\u0000program".getBytes());
        assertThat(disguised.statusCode()).isEqualTo(400);
        assertThat(disguised.body()).contains("不支持的文件类型或文件内容与扩展名不符");
        HttpResponse<String> html = officer.postMultipart("/api/milestones/" + milestone + "/evidence", Map.of(), "file", "x.html",
                "<script>alert(1)</script>".getBytes());
        assertThat(html.statusCode()).isEqualTo(400);

        HttpResponse<String> uploaded = officer.postMultipart("/api/milestones/" + milestone + "/evidence", Map.of("note", "营业执照"), "file",
                "营业执照.pdf", "%PDF-1.4 test".getBytes());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        long evidenceId = json.readTree(uploaded.body()).get("evidenceId").asLong();
        HttpResponse<String> download = officer.get("/api/evidence/" + evidenceId);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.body()).isEqualTo("%PDF-1.4 test");
        assertThat(Browser.basic(port, "xuhui", "demo").get("/api/evidence/" + evidenceId).statusCode()).isEqualTo(404);
        assertThat(Browser.basic(port, "xuhui", "demo").postMultipart("/api/milestones/" + milestone + "/evidence", Map.of(), "file",
                "a.pdf", "%PDF-1.4".getBytes()).statusCode()).isEqualTo(404);
    }

    @Test
    void theProjectPageRegistersTheAgreementKeepsARefusedFormAndShowsPlanVersusActual() {
        String code = approvedProject("页面登记协议项目");
        Browser browser = new Browser(port);
        browser.login("zhouxiaoyu", "demo");
        HttpResponse<String> page = browser.get("/projects/" + code);
        assertThat(page.body()).contains("登记签约协议");
        HttpResponse<String> blank = browser.get("/projects/" + code + "/agreement/new");
        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(blank.body()).contains("履约节点", "奖励/扶持条款", "区工业和信息化局");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", browser.csrfToken());
        form.put("agreementNo", "PAGE-1");
        form.put("signedOn", "2026-11-01");
        form.put("parties", "东丽区人民政府；页面测试有限公司");
        form.put("totalInvestment", "6000");
        form.put("milestones[0].type", "REGISTRATION");
        form.put("milestones[0].targetValue", "1");
        form.put("milestones[0].dueOn", "2026-10-01");
        form.put("milestones[0].responsibleUnit", "unit-street-jinzhong");
        form.put("milestones[0].verifyingDepartment", "dept-gongxin");
        form.put("incentives[0].name", "落地奖励");
        form.put("incentives[0].cap", "100");
        form.put("incentives[0].unlockedBy", "1");
        HttpResponse<String> refused = browser.postForm("/projects/" + code + "/agreement", form);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("完成时限须晚于签约日期", "value=\"PAGE-1\"", "value=\"落地奖励\"");

        form.put("milestones[0].dueOn", "2027-03-31");
        HttpResponse<String> created = browser.postForm("/projects/" + code + "/agreement", form);
        assertThat(created.statusCode()).isEqualTo(302);
        String detail = browser.get("/projects/" + code).body();
        // Times are shown in Shanghai time whatever offset the database driver returns (PostgreSQL: UTC).
        assertThat(detail).contains("<dt>登记时间</dt><dd>" + projects.find(code).orElseThrow().createdAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        assertThat(detail).contains("签约协议", "PAGE-1", "履约中", "履约节点：计划与实际", "待履行", "落地奖励", "上传佐证材料", "申请兑付奖励");

        long milestone = records.milestones(records.agreementsOf(code).get(0).id()).get(0).id();
        HttpResponse<String> upload = browser.postMultipart("/projects/" + code + "/evidence",
                Map.of("_csrf", browser.csrfToken(), "milestoneId", Long.toString(milestone)), "file", "注册证明.pdf", "%PDF-1.5 page".getBytes());
        assertThat(upload.statusCode()).isEqualTo(302);
        assertThat(browser.get("/projects/" + code).body()).contains("佐证材料已上传：注册证明.pdf", ">注册证明.pdf</a>");

        Map<String, String> payment = Map.of("_csrf", browser.csrfToken(), "agreementId", Long.toString(records.agreementsOf(code).get(0).id()),
                "incentiveId", Long.toString(records.incentives(records.agreementsOf(code).get(0).id()).get(0).id()), "amount", "50");
        assertThat(browser.postForm("/projects/" + code + "/payments", payment).statusCode()).isEqualTo(302);
        assertThat(browser.get("/projects/" + code).body()).contains("超前兑付：解锁「落地奖励」的履约节点尚未核验达成");
    }

    String approvedProject(String name) {
        String code = projects.register(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("6000"), null,
                BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, null), OFFICER).code();
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "测试", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "huangtao", "测试", null, null);
        return code;
    }
}
