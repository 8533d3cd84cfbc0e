package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.chain.IndustryChains;
import org.zhaoshang.handoff.CreditShares;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.AgreementFixtures;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/**
 * 月通报 / 季检查 through the real BPMN on a fixture quarter (2025-Q3, which no other test touches): the
 * start timer on the first working day after the 5th (policy 002: 每月5日, here after 国庆), the ranking with
 * targets and 三七分成, review and publication with mails, the three 约谈 and the check one month later,
 * pages and downloads.
 */
@IntegrationTest
class BriefingIT {

    static final String JINZHONG = "unit-street-jinzhong";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final String HUAMING = "unit-street-huaming";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProjectService projects;
    @Autowired
    CreditShares shares;
    @Autowired
    BriefingRecords records;
    @Autowired
    BriefingSchedule schedule;
    @Autowired
    BriefingService service;
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
    void aQuarterFromRankingToRectification() throws Exception {
        Browser manager = new Browser(port);
        manager.login("yangmin", "demo");
        setTargetsFor2025(manager);
        quarterOfFixtures();

        // The start timer (policy 002: "每月5日"): 1–8 October 2025 are 国庆、中秋, so October's briefing runs on Thursday the 9th.
        Job timer = startTimer();
        clockAt("2025-10-09T09:01");
        engine.getManagementService().executeJob(timer.getId());
        // Re-evaluated when it fired: Wednesday 5 November is a working day, so the next briefing is on the 5th.
        assertThat(startTimer().getDuedate()).isEqualTo(at("2025-11-05T09:00"));
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY)
                .processInstanceBusinessKey("BRIEFING-2025-09").singleResult();
        assertThat(pi).isWaitingAt(BriefingProcess.TASK_REVIEW);

        BriefingRecords.Briefing briefing = records.findByLabel("2025-09").orElseThrow();
        assertThat(briefing.quarterLabel()).isEqualTo("2025-Q3");
        assertThat(briefing.published()).isFalse();
        BriefingRecords.Row jlcQuarter = row(briefing, BriefingService.QUARTER, JUNLIANGCHENG);
        // 落地 and 内资到位 of the moved project: 70% to the landing unit, 30% to the origin unit.
        assertThat(jlcQuarter.landed()).isEqualByComparingTo("0.70");
        assertThat(jlcQuarter.domesticFunds()).isEqualByComparingTo("700.00");
        assertThat(jlcQuarter.newProjects()).isEqualByComparingTo("1");
        assertThat(jlcQuarter.vetoes()).isEqualTo(1);
        // Targets 4 landed and 2,800 万元 a year → the quarter's 1 and 700: (25 × 0.7 + 25 × 1.0) / 50 = 85 points.
        assertThat(jlcQuarter.score()).isEqualByComparingTo("85.00");
        assertThat(jlcQuarter.rank()).isEqualTo(1);
        BriefingRecords.Row jinzhong = row(briefing, BriefingService.QUARTER, JINZHONG);
        assertThat(jinzhong.landed()).isEqualByComparingTo("0.30");
        assertThat(jinzhong.domesticFunds()).isEqualByComparingTo("300.00");
        assertThat(jinzhong.newProjects()).isEqualByComparingTo("1");
        // Stage counts other than 落地 go to the project's current host unit.
        assertThat(jinzhong.approved()).isEqualByComparingTo("0");
        assertThat(jlcQuarter.approved()).isEqualByComparingTo("1");
        assertThat(jlcQuarter.signed()).as("签约 counted once, although the stage went on to 资金到位").isEqualByComparingTo("1");
        assertThat(jinzhong.rank()).as("no targets, but more landed than the other units at 0").isEqualTo(2);
        BriefingRecords.Row huaming = row(briefing, BriefingService.QUARTER, HUAMING);
        assertThat(huaming.lost()).isEqualTo(1);
        assertThat(huaming.newProjects()).as("registered in June").isEqualByComparingTo("0");
        assertThat(huaming.score()).isEqualByComparingTo("-5");
        List<BriefingRecords.Row> quarter = records.rows(briefing.id(), BriefingService.QUARTER);
        assertThat(quarter.get(quarter.size() - 1).unit()).isEqualTo(HUAMING);
        // The month (September only): the same project, its target a twelfth of the year's, capped at 150%.
        assertThat(row(briefing, BriefingService.MONTH, JUNLIANGCHENG).score()).isEqualByComparingTo("150.00");
        assertThat(row(briefing, BriefingService.MONTH, JUNLIANGCHENG).newProjects()).as("registered in July").isEqualByComparingTo("0");

        // The draft is for the district's managers only.
        Browser officer = new Browser(port);
        officer.login("zhouxiaoyu", "demo");
        assertThat(officer.get("/briefings/" + briefing.id()).statusCode()).isEqualTo(404);
        assertThat(manager.get("/briefings/" + briefing.id()).body()).contains("待审核", "军粮城街道", "2025-Q3 季度排位");

        Tasks.completeAs(engine, pi.getId(), BriefingProcess.TASK_REVIEW, "huangtao", Map.of(BriefingProcess.BRIEFING_COMMENT, "请各单位对照目标查找差距"));
        briefing = records.find(briefing.id()).orElseThrow();
        assertThat(briefing.published()).isTrue();
        assertThat(briefing.publishedBy()).isEqualTo("huangtao");
        assertThat(briefing.comment()).isEqualTo("请各单位对照目标查找差距");
        List<String> mailed = jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' "
                + "AND process_instance_id = :pi").param("pi", pi.getId())
                .query(String.class).list();
        assertThat(mailed).contains("lizhiqiang", "wangfang", "zhangjun", "zhouxiaoyu", "liujianguo", "guoqiang").doesNotHaveDuplicates()
                .doesNotContain("caoli");
        assertThat(jdbc.sql("SELECT subject FROM mail_outbox WHERE channel = 'EMAIL' AND process_instance_id = :pi AND recipient_user_id = 'zhouxiaoyu'")
                .param("pi", pi.getId()).query(String.class).single()).contains("2025年9月");

        // Quarter end: each of the last three units is interviewed by a district leader.
        assertThat(pi).isWaitingAt(BriefingProcess.TASK_INTERVIEW);
        List<Task> interviews = tasks(pi, BriefingProcess.TASK_INTERVIEW);
        assertThat(interviews).hasSize(3);
        assertThat(interviews).extracting(t -> (String) engine.getTaskService().getVariable(t.getId(), BriefingProcess.INTERVIEW_UNIT))
                .containsExactlyInAnyOrderElementsOf(quarter.subList(quarter.size() - 3, quarter.size()).stream().map(BriefingRecords.Row::unit).toList());
        Task huamingInterview = interviews.stream()
                .filter(t -> HUAMING.equals(engine.getTaskService().getVariable(t.getId(), BriefingProcess.INTERVIEW_UNIT))).findFirst().orElseThrow();
        assertThat((String) engine.getTaskService().getVariable(huamingInterview.getId(), BriefingProcess.INTERVIEW_SUMMARY))
                .contains("华明街道", "2025年第三季度排名后三位（街道、园区第8名，共8个）");
        clockAt("2025-10-20T15:00");
        assertThatThrownBy(() -> interview(huamingInterview, "2025-10-21", "华明街道主任", "整改"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("约谈日期不能晚于今天");
        assertThatThrownBy(() -> interview(huamingInterview, "2025-10-20", "华明街道主任", " "))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请填写整改措施");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, huamingInterview.getId(), "zhouxiaoyu", Map.of()))
                .isInstanceOf(ProcessEngineException.class);
        for (Task task : interviews) {
            interview(task, "2025-10-20", "王芳、被约谈单位主任", "建立项目储备库，每周调度在谈项目");
        }
        assertThat(records.interviews(briefing.id())).hasSize(3).allSatisfy(i -> {
            assertThat(i.interviewDate()).isEqualTo(LocalDate.parse("2025-10-20"));
            assertThat(i.interviewedBy()).isEqualTo("wangfang");
        });

        // One month later 督查室 checks the rectification.
        assertThat(pi).isWaitingAt("IntermediateCatchEvent_OneMonthLater");
        clockAt("2025-11-20T16:00");
        assertThat(runDueJobs(engine, pi.getId())).isOne();
        List<Task> checks = tasks(pi, BriefingProcess.TASK_CHECK);
        assertThat(checks).hasSize(3);
        assertThatThrownBy(() -> check(checks.get(0), "MAYBE", "已检查")).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("请选择整改是否落实");
        for (Task task : checks) {
            check(task, HUAMING.equals(engine.getTaskService().getVariable(task.getId(), BriefingProcess.INTERVIEW_UNIT)) ? "NOT_DONE" : "DONE",
                    "现场检查项目储备库");
        }
        assertThat(pi).isEnded().hasPassed("EndEvent_RectificationChecked");
        assertThat(records.interviews(briefing.id())).extracting(BriefingRecords.Interview::checkResult).containsOnly("DONE", "NOT_DONE");

        // Published: every unit reads it and downloads it.
        assertThat(officer.get("/briefings").body()).contains("2025-09", "2025-Q3");
        assertThat(officer.get("/briefings/" + briefing.id()).body()).contains("已发布", "请各单位对照目标查找差距", "约谈与整改", "未落实",
                "华明街道", "按产业链（本期及本年至本期末", "农文旅产业链", "本年签约→落地");
        var xlsx = officer.getBytes("/briefings/" + briefing.id() + ".xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("2025年9月排位", "2025-Q3季度排位", "按产业链");
            List<Row> chainRows = sheets.get(2).read();
            assertThat(chainRows).hasSize(1 + IndustryChains.CHAINS.size());
            assertThat(chainRows.get(0).getCellText(5)).isEqualTo("本期内资到位额（万元）");
            assertThat(chainRows.get(1).getCellText(0)).isEqualTo("智能制造产业链");
            List<Row> rows = sheets.get(1).read();
            assertThat(rows).hasSize(quarter.size() + 1);
            assertThat(rows.get(0).getCellText(1)).isEqualTo("单位");
            assertThat(rows.get(1).getCellText(1)).isEqualTo("军粮城街道");
            assertThat(rows.get(1).getCellAsNumber(2).orElseThrow()).isEqualByComparingTo("85");
            assertThat(rows.get(1).getCellAsNumber(6).orElseThrow()).isEqualByComparingTo("0.7");
            assertThat(rows.get(quarter.size()).getCellText(1)).isEqualTo("华明街道");
        }
        var csv = officer.getBytes("/briefings/" + briefing.id() + ".csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF范围,组别,排名,单位");
        assertThat(text.lines().filter(l -> l.startsWith("2025-Q3,街道、园区,1,军粮城街道,85")).count()).isOne();
        assertThat(text.lines().count()).isEqualTo(1 + 2L * quarter.size());
    }

    @Test
    void juneRanksTheHalfYearToo() throws Exception {
        // The figures of the first half of 2025 (nothing of this test's own); what matters is the shape.
        long id = service.assemble(LocalDate.parse("2025-07-07"), null);
        BriefingRecords.Briefing june = records.find(id).orElseThrow();
        assertThat(june.periodLabel()).isEqualTo("2025-06");
        assertThat(june.quarterLabel()).isEqualTo("2025-Q2");
        assertThat(june.halfLabel()).isEqualTo("2025-H1");
        assertThat(june.yearLabel()).isNull();
        List<BriefingRecords.Row> half = records.rows(id, BriefingService.HALF, BriefingGroup.AREA);
        List<BriefingRecords.Row> quarter = records.rows(id, BriefingService.QUARTER, BriefingGroup.AREA);
        assertThat(half).hasSameSizeAs(quarter).isNotEmpty();
        assertThat(records.rows(id, BriefingService.YEAR)).as("no annual ranking in June").isEmpty();
        // Policy 003 "季度、半年…排名后三位…约谈": the last three of the quarter and of the half-year are both interviewed, once each.
        assertThat(service.interviewUnits(id)).containsAll(half.subList(half.size() - 3, half.size()).stream().map(BriefingRecords.Row::unit).toList())
                .containsAll(quarter.subList(quarter.size() - 3, quarter.size()).stream().map(BriefingRecords.Row::unit).toList())
                .doesNotHaveDuplicates();
        assertThat(service.assemble(LocalDate.parse("2025-07-08"), null)).as("assembled once").isEqualTo(id);
        records.publish(id, null, "huangtao");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(loggedIn("zhouxiaoyu").getBytes("/briefings/" + id + ".xlsx").body()))) {
            assertThat(workbook.getSheets().map(Sheet::getName).toList()).containsExactly("2025年6月排位", "2025-Q2季度排位", "2025-H1半年排位", "按产业链");
        }
        assertThat(loggedIn("zhouxiaoyu").get("/briefings/" + id).body()).contains("2025-H1 半年排位 · 街道、园区（后三位约谈）",
                "2025年上半年排名后三位");
    }

    Browser loggedIn(String user) {
        Browser browser = new Browser(port);
        browser.login(user, "demo");
        return browser;
    }

    @Test
    void targetsAreEditedByTheCooperationOfficeOnlyAndBadValuesChangeNothing() {
        Browser officer = new Browser(port);
        officer.login("zhouxiaoyu", "demo");
        String officerToken = officer.csrfToken();
        assertThat(officer.postForm("/briefings/targets", Map.of("_csrf", officerToken, "year", "2021",
                JINZHONG + ".LANDED", "99")).statusCode()).isEqualTo(403);
        assertThat(records.targets(2021)).isEmpty();

        Browser manager = new Browser(port);
        manager.login("yangmin", "demo");
        String token = manager.csrfToken();
        var refused = manager.postForm("/briefings/targets", Map.of("_csrf", token, "year", "2021", JINZHONG + ".LANDED", "5",
                HUAMING + ".SIGNED", "-3", JUNLIANGCHENG + ".NEW_PROJECTS", "很多"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(records.targets(2021)).as("one bad value: nothing saved").isEmpty();
        assertThat(manager.get("/briefings/targets?year=2021").body()).contains("目标须为不小于0的数字，未保存", "华明街道·签约项目（个）：-3",
                "很多");

        manager.postForm("/briefings/targets", Map.of("_csrf", token, "year", "2021", JINZHONG + ".LANDED", "5"));
        assertThat(records.targets(2021).get(JINZHONG)).containsEntry(BriefingMetric.LANDED, new BigDecimal("5.00"));
        assertThat(manager.get("/briefings/targets?year=2021").body()).contains("2021年目标已保存");
        // Departments get targets too (policy 004: 明确全区相关平台部门招商引资目标任务), including 税收; not 合作交流办 itself.
        manager.postForm("/briefings/targets", Map.of("_csrf", token, "year", "2021", "dept-gongxin.TAX", "100", "dept-hezuo.TAX", "5"));
        assertThat(records.targets(2021).get("dept-gongxin")).containsEntry(BriefingMetric.TAX, new BigDecimal("100.00"));
        assertThat(records.targets(2021)).doesNotContainKey("dept-hezuo");
        assertThat(manager.get("/briefings/targets?year=2021").body()).contains("区工业和信息化局", "税收（万元）").doesNotContain("区合作交流办</td>");
        assertThat(officer.get("/briefings/targets?year=2021").body()).contains("disabled").doesNotContain("保存目标</button>");
    }

    // --- fixture -----------------------------------------------------------------------------------------

    void setTargetsFor2025(Browser manager) {
        var saved = manager.postForm("/briefings/targets", Map.of("_csrf", manager.csrfToken(), "year", "2025",
                JUNLIANGCHENG + ".LANDED", "4", JUNLIANGCHENG + ".DOMESTIC_FUNDS", "2800"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(records.targets(2025).get(JUNLIANGCHENG)).containsEntry(BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("2800.00"));
    }

    /**
     * July–September 2025: 金钟街道 registers a project that moves to 军粮城街道 (三七分成), is approved and
     * signed in August and verified 资金到位 (1,000 万元) in September; 军粮城街道 registers one that is
     * vetoed; 华明街道 loses a project registered in June.
     */
    void quarterOfFixtures() {
        clockAt("2025-06-20T10:00");
        String lost = register("华明街道流失项目", HUAMING, new StaffUser("xuhui", "徐辉", List.of(HUAMING)));
        clockAt("2025-07-10T10:00");
        String moved = register("金钟推送项目", JINZHONG, new StaffUser("zhouxiaoyu", "周晓宇", List.of(JINZHONG)));
        String vetoed = register("军粮城否决项目", JUNLIANGCHENG, new StaffUser("guoqiang", "郭强", List.of(JUNLIANGCHENG)));
        projects.changeStage(moved, ProjectStage.UNDER_REVIEW, "huangtao", "提交评审", null, null);
        projects.changeStage(vetoed, ProjectStage.UNDER_REVIEW, "huangtao", "提交评审", null, null);
        clockAt("2025-08-05T10:00");
        projects.changeStage(moved, ProjectStage.APPROVED, "huangtao", "论证会通过", null, null);
        projects.changeStage(vetoed, ProjectStage.VETOED, "caoli", "环保一票否决", null, null);
        projects.changeHost(moved, JUNLIANGCHENG, "huangtao", "金钟街道无可用工业用地", null, null);
        shares.record(moved, JINZHONG, JUNLIANGCHENG, new BigDecimal("0.30"));
        projects.changeStage(moved, ProjectStage.SIGNED, "huangtao", "签约", null, null);
        clockAt("2025-09-15T10:00");
        // 资金到位 verified before 注册落地: the project lands once, straight to 资金到位.
        projects.changeStage(moved, ProjectStage.FUNDED, "maliang", "履约节点「首期资金到位」核验达成", null, null);
        AgreementFixtures.withVerifiedMilestone(jdbc, moved, "IT-BRIEF-2025-01", "2025-08-05", "FUNDING", "首期资金到位", "1000", "2025-09-30",
                JUNLIANGCHENG, "1000", at("2025-09-15T10:00"));
        projects.changeStage(lost, ProjectStage.LOST, "huangtao", "投资方转投外省", null, null);
        ClockUtil.reset();
    }

    @Test
    void afterMonthsWithEveryNodeDownTheBriefingRunsOnceAndThenOnItsNextDay() {
        // The January timer never fired: the district's servers were down until 20 March (2025, away from
        // the months the demo history uses).
        Job timer = startTimer();
        engine.getManagementService().setJobDuedate(timer.getId(), at("2025-01-08T09:00"));
        clockAt("2025-03-20T10:00");
        long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY).count();
        int fired = 0;
        for (int pass = 0; pass < 3; pass++) {
            for (Job due : engine.getManagementService().createJobQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY)
                    .timers().activityId(BriefingProcess.START_TIMER).executable().list()) {
                engine.getManagementService().executeJob(due.getId());
                fired++;
            }
        }
        assertThat(fired).as("one catch-up run, not one per missed month").isOne();
        List<ProcessInstance> started = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(BriefingProcess.PROCESS_KEY).list();
        assertThat(started).hasSize((int) before + 1);
        // Re-armed from the time it fired: April's 5th working day, not February's or March's.
        assertThat(startTimer().getDuedate()).isEqualTo(Date.from(schedule.next(at("2025-03-20T10:00").toInstant()).toInstant()));
        assertThat(startTimer().getDuedate()).isAfter(at("2025-04-01T00:00"));
        assertThat(started).extracting(ProcessInstance::getBusinessKey).contains("BRIEFING-2025-02");
        started.stream().filter(pi -> "BRIEFING-2025-02".equals(pi.getBusinessKey()))
                .forEach(pi -> engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test"));
    }

    String register(String name, String unit, StaffUser user) {
        return projects.register(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("3000"), null, BigDecimal.ZERO, unit,
                null, false, null, null, null), user).code();
    }

    Job startTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY).timers()
                .activityId(BriefingProcess.START_TIMER).singleResult();
    }

    BriefingRecords.Row row(BriefingRecords.Briefing briefing, String scope, String unit) {
        return records.rows(briefing.id(), scope).stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow();
    }

    List<Task> tasks(ProcessInstance pi, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list();
    }

    void interview(Task task, String date, String attendees, String measures) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(BriefingProcess.INTERVIEW_DATE, date);
        variables.put(BriefingProcess.ATTENDEES, attendees);
        variables.put(BriefingProcess.MEASURES, measures);
        Tasks.completeTaskAs(engine, task.getId(), "wangfang", variables);
    }

    void check(Task task, String result, String note) {
        Tasks.completeTaskAs(engine, task.getId(), "hanmei", Map.of(BriefingProcess.CHECK_RESULT, result, BriefingProcess.CHECK_NOTE, note));
    }

    @AfterEach
    void rearmTheStartTimer() {
        // The timer was moved into 2025 by the test; give it back its real next date for the tests after this one.
        Job timer = startTimer();
        if (timer != null) {
            engine.getManagementService().setJobDuedate(timer.getId(), Date.from(schedule.next(java.time.Instant.now()).toInstant()));
        }
    }
}
