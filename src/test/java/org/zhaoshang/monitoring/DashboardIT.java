package org.zhaoshang.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.system.ApiException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 瓶颈分析 against a hand-computed fixture: known tasks with known times (mean/median/p90, waiting vs
 * working, overdue, escalations, the period's edges), who sees which figures, and the engine plugin
 * that records the facts of a real task.
 */
@IntegrationTest
class DashboardIT {

    static final String PROCESS = "it-dashboard-fixture";
    static final StaffUser MANAGER = new StaffUser("yangmin", "杨敏", List.of("dept-hezuo"));
    static final StaffUser JINZHONG = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final StaffUser HUAMING = new StaffUser("xuhui", "徐辉", List.of("unit-street-huaming"));
    static final StaffUser HUANBAO = new StaffUser("caoli", "曹丽", List.of("dept-huanbao"));
    static final StaffUser XIAOFANG = new StaffUser("yuanbo", "袁博", List.of("dept-xiaofang"));

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DashboardService dashboard;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();
    static String projectCode;

    @BeforeEach
    void fixture() {
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
            engine.getRepositoryService().createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn",
                    Bpmn.createExecutableProcess(PROCESS).name("看板测试流程").camundaHistoryTimeToLive(30).startEvent()
                            .userTask("UserTask_A").name("审查A").camundaCandidateGroups("dept-huanbao").endEvent().done()).deploy();
            projectCode = projects.register(new ProjectRegistration("看板测试项目", "测试投资方", "其他", "智能制造", new BigDecimal("100"), null,
                    BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, null), JINZHONG).code();
            // Period under test: June 2026. Hours: total / waiting / working.
            fact("a1", "unit-street-jinzhong", "2026-06-01T09:00", "2026-06-01T11:00", "2026-06-01T13:00", "COMPLETED", null); // 4 / 2 / 2
            fact("a2", "unit-street-jinzhong", "2026-06-02T09:00", "2026-06-02T10:00", "2026-06-02T17:00", "COMPLETED", null); // 8 / 1 / 7
            fact("a3", "unit-street-jinzhong", "2026-06-03T09:00", null, "2026-06-04T09:00", "COMPLETED", null); // 24 / 24 / 0
            fact("a4", "unit-street-jinzhong", "2026-06-10T09:00", null, null, null, "2026-06-20T18:00"); // open, overdue
            fact("a5", "unit-street-jinzhong", "2026-06-25T09:00", "2026-06-25T10:00", null, null, "2026-07-05T18:00"); // open
            fact("a6", "unit-street-jinzhong", "2026-05-01T09:00", null, "2026-05-02T09:00", "COMPLETED", null); // before the period
            fact("a7", "unit-street-jinzhong", "2026-06-05T09:00", null, "2026-06-06T09:00", "CANCELLED", null); // cancelled
            fact("a8", "unit-street-huaming", "2026-06-05T09:00", "2026-06-05T09:00", "2026-06-05T21:00", "COMPLETED", null); // 12 / 0 / 12
            jdbc.sql("""
                    INSERT INTO task_escalation (task_id, task_key, process_instance_id, escalation_level, fired_at)
                    VALUES ('fx-a4', 'UserTask_A', 'fx-pi', 1, :l1), ('fx-a4', 'UserTask_A', 'fx-pi', 2, :l2),
                           ('fx-a6', 'UserTask_A', 'fx-pi', 1, :may)""")
                    .param("l1", t("2026-06-21T18:00")).param("l2", t("2026-06-24T18:00")).param("may", t("2026-05-02T08:00")).update();
        }
        clockAt("2026-06-30T12:00");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void managersSeeTheWholeDistrictWithHandComputedFigures() {
        DashboardService.Figures a = single(dashboard.bottlenecks(june(MANAGER), "task", MANAGER));
        assertThat(a.label()).isEqualTo("审查A");
        assertThat(a.waiting()).isEqualTo(2);
        assertThat(a.overdue()).isEqualTo(1);
        assertThat(a.escalatedLevel1()).isEqualTo(1);
        assertThat(a.escalatedLevel2()).isEqualTo(1);
        // a6's escalation fired in May: not this period's.
        assertThat(a.completed()).as("a1, a2, a3, a8 — not a6 (May) nor a7 (cancelled)").isEqualTo(4);
        // totals 4, 8, 12, 24 h: mean 12, median 10, p90 = 12 + 0.7 × 12 = 20.4
        assertThat(a.totalHours()).isEqualTo(new DashboardService.Stats(12.0, 10.0, 20.4));
        // waiting 2, 1, 24, 0 h → median 1.5; working 2, 7, 0, 12 h → median 4.5
        assertThat(a.waitHours().median()).isEqualTo(1.5);
        assertThat(a.waitHours().mean()).isEqualTo(6.8);
        assertThat(a.workHours().median()).isEqualTo(4.5);

        List<DashboardService.Figures> byUnit = dashboard.bottlenecks(june(MANAGER), "hostUnit", MANAGER).rows();
        assertThat(byUnit).extracting(DashboardService.Figures::label, DashboardService.Figures::completed)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("金钟街道", 3L), org.assertj.core.groups.Tuple.tuple("华明街道", 1L));
        assertThat(single(dashboard.bottlenecks(june(MANAGER), "department", MANAGER)).label()).isEqualTo("区生态环境局");
        assertThat(single(dashboard.bottlenecks(june(MANAGER), "industry", MANAGER)).label()).isEqualTo("智能制造");
    }

    @Test
    void theDashboardCutsByTheProjectsChainAlsoWhenTheProjectWasMovedToAnother() {
        assertThat(single(dashboard.bottlenecks(inChain("智能制造"), "task", MANAGER)).completed()).isEqualTo(4);
        assertThat(dashboard.bottlenecks(inChain("HEADQUARTERS_ECONOMY"), "task", MANAGER).rows()).isEmpty();
        assertThatThrownBy(() -> inChain("其他")).isInstanceOf(ApiException.class).hasMessageContaining("产业链不存在：其他");
        long id = jdbc.sql("SELECT id FROM investment_project WHERE code = :c").param("c", projectCode).query(Long.class).single();
        jdbc.sql("INSERT INTO project_chain (project_id, industry, changed_by, changed_at) VALUES (:id, 'HEADQUARTERS_ECONOMY', 'huangtao', :at)")
                .param("id", id).param("at", java.time.OffsetDateTime.now()).update();
        try {
            assertThat(single(dashboard.bottlenecks(inChain("HEADQUARTERS_ECONOMY"), "task", MANAGER)).completed()).isEqualTo(4);
            assertThat(dashboard.bottlenecks(inChain("SMART_MANUFACTURING"), "task", MANAGER).rows()).isEmpty();
            assertThat(single(dashboard.bottlenecks(june(MANAGER), "industry", MANAGER)).label()).as("its industry stays").isEqualTo("智能制造");
        } finally {
            jdbc.sql("DELETE FROM project_chain WHERE project_id = :id").param("id", id).update();
        }
    }

    DashboardFilter inChain(String chain) {
        return dashboard.filter(PROCESS, null, LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"), null, chain, null, false, MANAGER);
    }

    @Test
    void unitsSeeTheirOwnFiguresAndDepartmentsTheirOwnTasks() {
        DashboardService.Figures jinzhong = single(dashboard.bottlenecks(june(JINZHONG), "task", JINZHONG));
        assertThat(jinzhong.completed()).isEqualTo(3);
        // 4, 8, 24 h: median 8, p90 = 8 + 0.8 × 16 = 20.8
        assertThat(jinzhong.totalHours()).isEqualTo(new DashboardService.Stats(12.0, 8.0, 20.8));
        assertThat(jinzhong.overdue()).isEqualTo(1);
        DashboardService.Figures huaming = single(dashboard.bottlenecks(june(HUAMING), "task", HUAMING));
        assertThat(huaming.completed()).isEqualTo(1);
        assertThat(huaming.waiting()).isZero();
        assertThat(single(dashboard.bottlenecks(june(HUANBAO), "task", HUANBAO)).completed()).isEqualTo(4);
        assertThat(dashboard.bottlenecks(june(XIAOFANG), "task", XIAOFANG).rows()).isEmpty();
        assertThatThrownBy(() -> dashboard.filter(PROCESS, null, null, null, null, null, "unit-street-jinzhong", false, HUAMING))
                .isInstanceOf(ApiException.class).hasMessageContaining("只能查看本单位");
        assertThat(dashboard.overdue(june(HUAMING), "UserTask_A", HUAMING)).isEmpty();
    }

    @Test
    void theOverdueTasksOfAStepAndItsWeeklyMedians() {
        List<DashboardService.OverdueItem> overdue = dashboard.overdue(june(MANAGER), "UserTask_A", MANAGER);
        assertThat(overdue).singleElement().satisfies(item -> {
            assertThat(item.projectCode()).isEqualTo(projectCode);
            assertThat(item.projectName()).isEqualTo("看板测试项目");
            assertThat(item.holder()).isEqualTo("区生态环境局（待认领）");
            // due Sat 20 June; working days after it up to Tue 30 June: 22–26, 29, 30
            assertThat(item.workingDaysOverdue()).isEqualTo(7);
            assertThat(item.link()).isEqualTo("/projects/" + projectCode);
        });
        List<DashboardService.WeekPoint> weeks = dashboard.trend(june(MANAGER), "UserTask_A", MANAGER);
        assertThat(weeks).extracting(DashboardService.WeekPoint::weekStart).startsWith(LocalDate.parse("2026-06-01")).hasSize(5);
        assertThat(weeks.get(0).completed()).isEqualTo(4);
        assertThat(weeks.get(0).medianHours()).isEqualTo(10.0);
        assertThat(weeks.get(1).medianHours()).isNull();
    }

    @Test
    void theApiRefusesBadFiltersAndStrangersInChinese() throws Exception {
        Browser manager = Browser.basic(port, "hanmei", "demo");
        JsonNode ok = json.readTree(manager.get("/api/dashboard/bottlenecks?process=" + PROCESS + "&from=2026-06-01&to=2026-06-30").body());
        assertThat(ok.at("/rows/0/completed").asLong()).isEqualTo(4);
        assertThat(manager.get("/api/dashboard/bottlenecks?process=nope").statusCode()).isEqualTo(400);
        assertThat(manager.get("/api/dashboard/bottlenecks?process=" + PROCESS + "&from=2026-07-01&to=2026-06-01").body())
                .contains("开始日期不能晚于结束日期");
        String injected = java.net.URLEncoder.encode("project_code; DROP TABLE task_fact", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(manager.get("/api/dashboard/bottlenecks?process=" + PROCESS + "&groupBy=" + injected).statusCode())
                .isEqualTo(400);
        assertThat(manager.get("/api/dashboard/diagram?process=" + PROCESS).body()).contains("UserTask_A");
        Browser unit = Browser.basic(port, "sunyue", "demo");
        assertThat(unit.get("/api/dashboard/bottlenecks?process=" + PROCESS + "&unit=unit-street-jinzhong").statusCode()).isEqualTo(403);
        assertThat(new Browser(port).get("/api/dashboard/bottlenecks?process=" + PROCESS).statusCode()).isEqualTo(401);
        Browser page = new Browser(port);
        page.login("tangchao", "demo");
        assertThat(page.get("/dashboard").body()).contains("瓶颈分析", "bpmn-navigated-viewer", "dashboard.js");
    }

    @Test
    void theEnginePluginRecordsARealTaskWithItsWaitingAndWorkingTime() {
        EscalationProbe.deploy(engine);
        clockAt("2026-03-02T10:00");
        String pi = EscalationProbe.start(engine, projectCode);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        clockAt("2026-03-02T11:00");
        engine.getTaskService().claim(task.getId(), "caoli");
        clockAt("2026-03-02T13:30");
        engine.getTaskService().complete(task.getId());
        Map<String, Object> row = jdbc.sql("SELECT * FROM task_fact WHERE task_id = :id").param("id", task.getId()).query().singleRow();
        assertThat(value(row, "department")).isEqualTo("dept-huanbao");
        assertThat(value(row, "end_state")).isEqualTo("COMPLETED");
        assertThat(value(row, "assignee")).isEqualTo("caoli");
        assertThat(value(row, "host_unit")).isEqualTo("unit-street-jinzhong");
        assertThat(((Number) value(row, "wait_seconds")).longValue()).isEqualTo(3600);
        assertThat(((Number) value(row, "work_seconds")).longValue()).isEqualTo(9000);
        assertThat(((Number) value(row, "total_seconds")).longValue()).isEqualTo(12600);
    }

    @Test
    void theLedgerFiltersProjectsWithOverdueTasksAndThePageShowsOpenAndFinishedSteps() {
        String calm = projects.register(new ProjectRegistration("无逾期项目", "测试投资方", "其他", "智能制造", new BigDecimal("100"), null,
                BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, null), JINZHONG).code();
        List<String> overdue = projects.search(new org.zhaoshang.project.ProjectSearch(null, null, null, null, null, null, true, null, 0, 100), MANAGER)
                .items().stream().map(p -> p.code()).toList();
        assertThat(overdue).contains(projectCode).doesNotContain(calm);
        Browser browser = new Browser(port);
        browser.login("zhouxiaoyu", "demo");
        assertThat(browser.get("/projects?overdue=true").body()).contains(projectCode).doesNotContain(calm);
        String page = browser.get("/projects/" + projectCode).body();
        assertThat(page).contains("当前待办", "区生态环境局（待认领）", "已办环节", "审查A");
    }

    @Test
    void theDashboardPageShowsTheDiagramAsAHeatMapWithFiguresOnEachStep() {
        // The page draws what the API answers (checked on both databases above): the browser runs in the H2 pass only.
        org.junit.jupiter.api.Assumptions.assumeFalse(org.zhaoshang.support.TestDatabase.isPostgres(), "the page runs in the H2 pass");
        org.openqa.selenium.WebDriver browser = org.zhaoshang.support.Chromium.start();
        try {
            browser.get("http://localhost:" + port + "/login");
            browser.findElement(org.openqa.selenium.By.name("username")).sendKeys("hanmei");
            browser.findElement(org.openqa.selenium.By.name("password")).sendKeys("demo");
            browser.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
            browser.get("http://localhost:" + port + "/dashboard?process=" + PROCESS + "&from=2026-06-01&to=2026-06-30");
            org.openqa.selenium.WebElement badge = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                    .until(d -> d.findElements(org.openqa.selenium.By.cssSelector(".heat-badge")).stream().findFirst().orElse(null));
            // median 10 h, one overdue task (the fixture's hand-computed figures)
            assertThat(badge.getAttribute("textContent")).isEqualTo("10h / 1");
            assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("[data-element-id=UserTask_A].heat-4"))).hasSize(1);
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#figures tbody")).getText()).contains("审查A");
            browser.findElement(org.openqa.selenium.By.cssSelector("[data-element-id=UserTask_A]")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                    .until(d -> d.findElement(org.openqa.selenium.By.cssSelector("#overdue tbody")).getText().contains("看板测试项目"));
            org.zhaoshang.support.Chromium.screenshot(browser, "dashboard");
        } finally {
            browser.quit();
        }
    }

    DashboardFilter june(StaffUser user) {
        return dashboard.filter(PROCESS, null, LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30"), null, null, null, false, user);
    }

    static DashboardService.Figures single(DashboardService.Bottlenecks result) {
        assertThat(result.rows()).hasSize(1);
        return result.rows().get(0);
    }

    void fact(String id, String unit, String created, String claimed, String ended, String state, String due) {
        jdbc.sql("""
                INSERT INTO task_fact (task_id, process_definition_key, process_definition_id, process_version, process_instance_id, task_key,
                    task_name, department, candidate_groups, project_code, host_unit, industry, key_project, created_at, claimed_at, due_at,
                    ended_at, end_state, wait_seconds, work_seconds, total_seconds)
                VALUES (:id, :p, 'fx-def', 1, 'fx-pi', 'UserTask_A', '审查A', 'dept-huanbao', 'dept-huanbao', :code, :unit, 'SMART_MANUFACTURING',
                    FALSE, :created, :claimed, :due, :ended, :state, :wait, :work, :total)""")
                .param("id", "fx-" + id).param("p", PROCESS).param("code", projectCode).param("unit", unit).param("created", t(created))
                .param("claimed", t(claimed)).param("due", t(due)).param("ended", t(ended)).param("state", state)
                .param("wait", ended == null ? null : seconds(created, claimed == null ? ended : claimed))
                .param("work", ended == null ? null : seconds(claimed == null ? ended : claimed, ended))
                .param("total", ended == null ? null : seconds(created, ended)).update();
    }

    static java.time.OffsetDateTime t(String local) {
        return local == null ? null : LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
    }

    static Long seconds(String from, String to) {
        return java.time.Duration.between(t(from), t(to)).getSeconds();
    }

    static String key(Map<String, Object> row, String name) {
        return row.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    static Object value(Map<String, Object> row, String name) {
        return row.get(key(row, name));
    }
}
