package org.zhaoshang.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.zhaoshang.agreement.AgreementRegistration;
import org.zhaoshang.agreement.AgreementService;
import org.zhaoshang.briefing.BriefingGroup;
import org.zhaoshang.briefing.BriefingMetric;
import org.zhaoshang.briefing.BriefingRecords;
import org.zhaoshang.briefing.BriefingService;
import org.zhaoshang.handoff.CreditShares;
import org.zhaoshang.handoff.HandoffProcess;
import org.zhaoshang.handoff.HandoffRecords;
import org.zhaoshang.handoff.HandoffService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/**
 * Departments bring projects too. Policy 001: "区合作交流办负责推动落实全区招商引资工作，区行业部门负责组织和推动行业招商"; 003:
 * "按照“管行业就要管招商、管产业就要管招商”的要求，各区直部门要认真履行行业主管责任"; 004: "區級各部門獲得的項目信息，根據落地條件
 * 第一時間傳導相關平臺". A department registers a project (page API and Tasklist), passes it on to a street like the
 * streets do (三七分成 and the bonus), and is ranked in its own group (2023-Q1, which no other test touches).
 */
@IntegrationTest
class DepartmentProjectsIT {

    static final String GONGXIN = "dept-gongxin";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final StaffUser MALIANG = new StaffUser("maliang", "马亮", List.of(GONGXIN));
    static final StaffUser HEZUO = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));
    static final String BODY = """
            {"name": "%s", "investor": "北京某工业互联网股份有限公司", "investorCategory": "上市公司", "industry": "智能制造",
             "totalInvestment": 12000, "landArea": 40, "originUnit": "%s"%s}""";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProjectService projects;
    @Autowired
    HandoffService handoffs;
    @Autowired
    HandoffRecords handoffRecords;
    @Autowired
    CreditShares shares;
    @Autowired
    AgreementService agreements;
    @Autowired
    BriefingRecords briefings;
    @Autowired
    BriefingService briefingService;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    @DisplayName("001 \"区行业部门负责组织和推动行业招商\": a department registers, passes on and is ranked in its own group")
    void aDepartmentRegistersPassesOnAndIsRanked() throws Exception {
        clockAt("2023-01-09T10:00");
        for (String department : List.of(GONGXIN, "dept-shangwu", "dept-nongye", "dept-keji")) {
            briefings.setTarget(department, 2023, BriefingMetric.NEW_PROJECTS, new BigDecimal("8"), "huangtao");
        }

        // Registration through the ledger's API: the department is origin and (until it passes the project on) host.
        clockAt("2023-02-06T10:00");
        Browser maliang = Browser.basic(port, "maliang", "demo");
        long before = count();
        HttpResponse<String> refused = maliang.postJson("/api/projects", BODY.formatted("合作交流办名义项目", "dept-hezuo", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("来源单位必须是街道、园区或区级部门（区合作交流办除外）");
        assertThat(Browser.basic(port, "zhouxiaoyu", "demo").postJson("/api/projects", BODY.formatted("冒名项目", GONGXIN, "")).body())
                .contains("只能以本单位作为来源单位登记项目");
        assertThat(maliang.postJson("/api/projects", BODY.formatted("他局项目", GONGXIN, ", \"hostUnit\": \"dept-shangwu\"")).body())
                .contains("承载单位必须是街道或园区");
        assertThat(count()).as("nothing registered").isEqualTo(before);
        HttpResponse<String> created = maliang.postJson("/api/projects", BODY.formatted("工业互联网平台项目", GONGXIN, ""));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode project = json.readTree(created.body());
        String code = project.get("code").asText();
        InvestmentProject registered = projects.find(code).orElseThrow();
        assertThat(registered.originUnit()).isEqualTo(GONGXIN);
        assertThat(registered.hostUnit()).isEqualTo(GONGXIN);

        // Registration through Tasklist's start form of 项目评审: the department's own group is the origin.
        HttpResponse<String> started = maliang.postJson("/engine-rest/process-definition/key/project-review/submit-form",
                org.zhaoshang.support.Tasks.reviewStartForm("工信局行业招商评审项目", "SMART_MANUFACTURING", 3000, 0));
        assertThat(started.statusCode()).isEqualTo(200);
        String reviewPi = json.readTree(started.body()).get("id").asText();
        String reviewed = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(reviewPi).singleResult().getBusinessKey();
        assertThat(projects.find(reviewed).orElseThrow().originUnit()).isEqualTo(GONGXIN);
        assertThat(projects.find(reviewed).orElseThrow().stage()).isEqualTo(ProjectStage.UNDER_REVIEW);
        assertThat(engine.getRuntimeService().getVariable(reviewPi, ReviewProcess.REGISTERED_BY)).isEqualTo("maliang");
        engine.getRuntimeService().deleteProcessInstance(reviewPi, "test done");

        // Approved while the department still holds it: it lands in a street or park, so it is passed on before signing.
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "提交评审", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "huangtao", "论证会通过", null, null);
        assertThatThrownBy(() -> agreements.register(code, new AgreementRegistration("IT-DEPT-1", LocalDate.parse("2023-02-06"), "区政府；投资方",
                new BigDecimal("12000"), List.of(), List.of()), HEZUO)).hasMessageContaining("请先经项目统筹流转推送至承接的街道或园区");
        Browser page = new Browser(port);
        page.login("maliang", "demo");
        assertThat(page.get("/projects/" + code).body()).contains("推送项目").doesNotContain("登记签约协议</a>");

        // 项目统筹流转 like a street's: 军粮城 accepts and hosts it; 三七分成 and the bonus go to the department.
        clockAt("2023-03-01T10:00");
        String pi = handoffs.request(code, "INDUSTRY_FIT", "本局不具备承载条件，推送街道园区承接", MALIANG);
        Tasks.completeAs(engine, pi, HandoffProcess.TASK_CHOOSE, "huangtao", Map.of(HandoffProcess.CANDIDATE_UNITS, JUNLIANGCHENG));
        Task feedback = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(HandoffProcess.TASK_FEEDBACK).singleResult();
        Tasks.completeTaskAs(engine, feedback.getId(), "guoqiang", Map.of(HandoffProcess.FEEDBACK_DECISION, "ACCEPT"));
        Tasks.completeAs(engine, pi, HandoffProcess.TASK_PICK, "huangtao", Map.of(HandoffProcess.HOST_UNIT, JUNLIANGCHENG));
        ProcessInstance handoff = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).singleResult();
        assertThat(handoff).isNull();
        assertThat(projects.find(code).orElseThrow().hostUnit()).isEqualTo(JUNLIANGCHENG);
        CreditShares.Share share = shares.find(code).orElseThrow();
        assertThat(share.originUnit()).isEqualTo(GONGXIN);
        assertThat(share.originRatio()).isEqualByComparingTo("0.30");
        assertThat(handoffRecords.bonusOf(GONGXIN)).isGreaterThanOrEqualTo(BigDecimal.ONE);
        clockAt("2023-03-20T10:00");
        projects.changeStage(code, ProjectStage.SIGNED, "huangtao", "签约", null, null);
        projects.changeStage(code, ProjectStage.REGISTERED, "huangtao", "注册落地", null, null);

        // March 2023's briefing: departments are ranked in their own group, the streets and parks in theirs.
        long id = briefingService.assemble(LocalDate.parse("2023-04-05"), null);
        List<BriefingRecords.Row> departments = briefings.rows(id, "QUARTER", BriefingGroup.DEPARTMENT);
        assertThat(departments).extracting(BriefingRecords.Row::unit).containsExactlyInAnyOrder(GONGXIN, "dept-shangwu", "dept-nongye", "dept-keji");
        BriefingRecords.Row gongxin = departments.stream().filter(r -> r.unit().equals(GONGXIN)).findFirst().orElseThrow();
        assertThat(gongxin.rank()).isEqualTo(1);
        assertThat(gongxin.newProjects()).isEqualByComparingTo("2");
        assertThat(gongxin.landed()).isEqualByComparingTo("0.30");
        assertThat(gongxin.sharingBonus()).isEqualByComparingTo("1.00");
        // 2 of the quarter's 2 new projects (100% × 15) / 15 × 100 + 1 bonus
        assertThat(gongxin.score()).isEqualByComparingTo("101.00");
        List<BriefingRecords.Row> area = briefings.rows(id, "QUARTER", BriefingGroup.AREA);
        assertThat(area).extracting(BriefingRecords.Row::unit).doesNotContain(GONGXIN).contains(JUNLIANGCHENG);
        assertThat(area.stream().filter(r -> r.unit().equals(JUNLIANGCHENG)).findFirst().orElseThrow().landed()).isEqualByComparingTo("0.70");
        assertThat(area).extracting(BriefingRecords.Row::rank).startsWith(1, 2);
        Browser manager = new Browser(port);
        manager.login("yangmin", "demo");
        assertThat(manager.get("/briefings/" + id).body()).contains("2023-Q1 季度排位 · 区级部门（后三位约谈）", "区工业和信息化局");
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single();
    }
}
