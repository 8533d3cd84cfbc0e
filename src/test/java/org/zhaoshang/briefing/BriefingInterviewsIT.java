package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.handoff.CreditShares;
import org.zhaoshang.handoff.HandoffRecords;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.AgreementFixtures;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/**
 * 约谈 through the real BPMN over a fixture year (2022, which no other test touches). Policy 003: "按照全年招商引资
 * 工作目标，对于季度、半年、全年排名后三位的单位主官进行约谈"; policy 000: "突出半年考核评价导向性作用，以各区完成目标任务为考核基础…
 * 对内资、外资未完成市人民政府下达任务目标的区以及内资、外资综合排名后三位的区，由市人民政府主要领导约谈区人民政府主要负责人".
 * Also the 三七分成 of 税收 (001) and the information-sharing bonus (004) in the ranking, and departments in a group of their own.
 */
@IntegrationTest
class BriefingInterviewsIT {

    static final String JINZHONG = "unit-street-jinzhong";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final String HUAMING = "unit-street-huaming";
    static final StaffUser HEZUO = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));

    @Autowired
    ProcessEngine engine;
    @Autowired
    ProjectService projects;
    @Autowired
    CreditShares shares;
    @Autowired
    HandoffRecords handoffRecords;
    @Autowired
    BriefingRecords records;
    @Autowired
    BriefingSchedule schedule;
    @Autowired
    ProjectTaxService tax;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClockAndTimer() {
        ClockUtil.reset();
        Job timer = startTimer();
        if (timer != null) {
            engine.getManagementService().setJobDuedate(timer.getId(), Date.from(schedule.next(java.time.Instant.now()).toInstant()));
        }
    }

    @Test
    @DisplayName("003 \"季度、半年、全年排名后三位的单位主官进行约谈\" and 000 \"未完成…任务目标的…约谈\": June, July and December 2022, one 约谈 per unit")
    void quarterHalfYearAndYearWithTargetMissesEachUnitOnce() {
        yearOfFixtures();

        // --- June 2022 (assembled on Tuesday 5 July): month, quarter and half-year; no year. ---
        ProcessInstance june = runBriefing("2022-07-05T09:01", "BRIEFING-2022-06");
        BriefingRecords.Briefing juneBriefing = records.findByLabel("2022-06").orElseThrow();
        assertThat(records.rows(juneBriefing.id(), BriefingService.YEAR)).isEmpty();
        // 三七分成 of 税收 (policy 001): the 2022-Q1 entry of 200 万元 recorded in June counts 60 for 金钟, 140 for 军粮城.
        BriefingRecords.Row jzHalf = row(juneBriefing, BriefingService.HALF, JINZHONG);
        BriefingRecords.Row jlcHalf = row(juneBriefing, BriefingService.HALF, JUNLIANGCHENG);
        assertThat(jzHalf.tax()).isEqualByComparingTo("60.00");
        assertThat(jlcHalf.tax()).isEqualByComparingTo("140.00");
        assertThat(row(juneBriefing, BriefingService.MONTH, JUNLIANGCHENG).tax()).isEqualByComparingTo("140.00");
        assertThat(jzHalf.domesticFunds()).isEqualByComparingTo("300.00");
        // The information-sharing bonus (policy 004), granted in February: in the half-year, not in the second quarter.
        assertThat(jzHalf.sharingBonus()).isEqualByComparingTo("1.00");
        assertThat(row(juneBriefing, BriefingService.QUARTER, JINZHONG).sharingBonus()).isEqualByComparingTo("0");
        // 金钟: 300 of the half-year's 1,000 内资 → 30 points, + 1 bonus.
        assertThat(jzHalf.score()).isEqualByComparingTo("31.00");
        // Departments with targets are ranked apart; 工信局 registered a project in April.
        List<BriefingRecords.Row> departments = records.rows(juneBriefing.id(), BriefingService.HALF, BriefingGroup.DEPARTMENT);
        assertThat(departments).extracting(BriefingRecords.Row::unit).containsExactlyInAnyOrder("dept-gongxin", "dept-shangwu", "dept-nongye",
                "dept-keji");
        assertThat(departments.get(0).unit()).isEqualTo("dept-gongxin");
        assertThat(departments.get(0).newProjects()).isEqualByComparingTo("1");
        assertThat(departments).extracting(BriefingRecords.Row::rank).containsExactly(1, 2, 3, 4);

        Tasks.completeAs(engine, june.getId(), BriefingProcess.TASK_REVIEW, "huangtao", Map.of());
        assertThat(jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND process_instance_id = :pi").param("pi", june.getId())
                .query(String.class).list()).as("the ranked departments read it too").contains("maliang", "zhouxiaoyu", "wangfang");
        Map<String, String> juneTasks = interviewSummaries(june);
        // Everyone named once: the last three of the quarter and of the half-year in each group, and the target misses.
        Map<String, List<String>> expected = new HashMap<>();
        for (String scope : List.of(BriefingService.QUARTER, BriefingService.HALF)) {
            for (BriefingGroup group : BriefingGroup.values()) {
                List<BriefingRecords.Row> rows = records.rows(juneBriefing.id(), scope, group);
                rows.subList(rows.size() - 3, rows.size()).forEach(r -> expected.computeIfAbsent(r.unit(), u -> new java.util.ArrayList<>()).add(scope));
            }
        }
        assertThat(juneTasks.keySet()).containsAll(expected.keySet()).contains(JINZHONG).doesNotContain(JUNLIANGCHENG, "dept-gongxin");
        assertThat(interviewTasks(june)).as("one task per unit").hasSize(juneTasks.size());
        // 华明: last of the quarter and of the half-year, and below half its 内资 target — one 约谈 with three reasons.
        assertThat(juneTasks.get(HUAMING)).contains("2022年第二季度排名后三位", "2022年上半年排名后三位",
                "2022年上半年内资到位额（万元）未完成目标任务（完成0，目标500，完成率0%）");
        // 金钟 is not among the last three, but 300 of 1,000 万元 at the half-year misses its target (000: 半年考核).
        assertThat(juneTasks.get(JINZHONG)).contains("2022年上半年内资到位额（万元）未完成目标任务（完成300，目标1000，完成率30%）")
                .doesNotContain("排名后三位");
        // 军粮城 made its half-year (700 of 500).
        interviewAll(june);
        // One month after the 约谈, 督查室 checks each unit's rectification.
        clockAt("2022-08-05T10:00");
        assertThat(runDueJobs(engine, june.getId())).isOne();
        for (Task check : tasks(june, BriefingProcess.TASK_CHECK)) {
            Tasks.completeTaskAs(engine, check.getId(), "hanmei", Map.of(BriefingProcess.CHECK_RESULT, "DONE", BriefingProcess.CHECK_NOTE, "已落实"));
        }
        assertThat(june).isEnded().hasPassed("EndEvent_RectificationChecked");
        assertThat(records.interviews(juneBriefing.id())).hasSize(juneTasks.size());

        // --- July 2022 (Friday 5 August): no quarter ends, nobody is interviewed. ---
        ProcessInstance july = runBriefing("2022-08-05T10:01", "BRIEFING-2022-07");
        Tasks.completeAs(engine, july.getId(), BriefingProcess.TASK_REVIEW, "huangtao", Map.of());
        assertThat(july).isEnded().hasPassed("EndEvent_BriefingPublished").hasNotPassed(BriefingProcess.TASK_INTERVIEW);

        // --- December 2022 (Thursday 5 January 2023): quarter, second half-year and the year. ---
        ProcessInstance december = runBriefing("2023-01-05T09:01", "BRIEFING-2022-12");
        BriefingRecords.Briefing decemberBriefing = records.findByLabel("2022-12").orElseThrow();
        assertThat(decemberBriefing.yearLabel()).isEqualTo("2022");
        assertThat(records.rows(decemberBriefing.id(), BriefingService.YEAR, BriefingGroup.AREA)).isNotEmpty();
        assertThat(row(decemberBriefing, BriefingService.YEAR, JINZHONG).tax()).isEqualByComparingTo("60.00");
        assertThat(row(decemberBriefing, BriefingService.YEAR, HUAMING).lost()).isEqualTo(2);
        Tasks.completeAs(engine, december.getId(), BriefingProcess.TASK_REVIEW, "huangtao", Map.of());
        Map<String, String> decemberTasks = interviewSummaries(december);
        assertThat(interviewTasks(december)).hasSize(decemberTasks.size());
        assertThat(decemberTasks.get(HUAMING)).contains("2022年第四季度排名后三位", "2022年下半年排名后三位", "2022年度排名后三位",
                "2022年度内资到位额（万元）未完成目标任务");
        // 军粮城 met the half-year but not the year: 700 of 1,000 (000: the year's targets at its end).
        assertThat(decemberTasks.get(JUNLIANGCHENG)).contains("2022年度内资到位额（万元）未完成目标任务（完成700，目标1000，完成率70%）");
        assertThat(records.reasons(decemberBriefing.id()).get(HUAMING)).extracting(BriefingRecords.InterviewReason::scope)
                .containsExactly(BriefingService.QUARTER, BriefingService.HALF, BriefingService.YEAR, BriefingService.YEAR);
        engine.getRuntimeService().deleteProcessInstance(december.getId(), "test done");
    }

    // --- fixture ---------------------------------------------------------------------------------------

    /**
     * 2022: 金钟 registers a project in February that moves to 军粮城 (三七分成, 金钟's bonus) and reaches 资金到位 in May
     * (1,000 万元); 合作交流办 records its 2022-Q1 税收 (200 万元) in June; 华明 loses a project in April and one in
     * October; 工信局 registers a project in April. Targets: 内资 for 金钟 (2,000), 军粮城 and 华明 (1,000 each);
     * new projects for four departments.
     */
    void yearOfFixtures() {
        clockAt("2022-01-10T10:00");
        records.setTarget(JINZHONG, 2022, BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("2000"), "huangtao");
        records.setTarget(JUNLIANGCHENG, 2022, BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("1000"), "huangtao");
        records.setTarget(HUAMING, 2022, BriefingMetric.DOMESTIC_FUNDS, new BigDecimal("1000"), "huangtao");
        for (String department : List.of("dept-gongxin", "dept-shangwu", "dept-nongye", "dept-keji")) {
            records.setTarget(department, 2022, BriefingMetric.NEW_PROJECTS, new BigDecimal("2"), "huangtao");
        }
        clockAt("2022-02-10T10:00");
        String moved = register("金钟推送税收项目", JINZHONG, new StaffUser("zhouxiaoyu", "周晓宇", List.of(JINZHONG)));
        projects.changeStage(moved, ProjectStage.UNDER_REVIEW, "huangtao", "提交评审", null, null);
        projects.changeStage(moved, ProjectStage.APPROVED, "huangtao", "论证会通过", null, null);
        projects.changeHost(moved, JUNLIANGCHENG, "huangtao", "金钟街道无可用工业用地", null, null);
        shares.record(moved, JINZHONG, JUNLIANGCHENG, new BigDecimal("0.30"));
        handoffRecords.bonus(JINZHONG, moved, BigDecimal.ONE);
        projects.changeStage(moved, ProjectStage.SIGNED, "huangtao", "签约", null, null);
        clockAt("2022-03-15T10:00");
        String lostInApril = register("华明流失项目一", HUAMING, new StaffUser("xuhui", "徐辉", List.of(HUAMING)));
        String lostInOctober = register("华明流失项目二", HUAMING, new StaffUser("xuhui", "徐辉", List.of(HUAMING)));
        clockAt("2022-04-11T10:00");
        projects.changeStage(lostInApril, ProjectStage.LOST, "huangtao", "投资方转投外省", null, null);
        clockAt("2022-04-20T10:00");
        register("工信局行业招商项目", "dept-gongxin", new StaffUser("maliang", "马亮", List.of("dept-gongxin")));
        clockAt("2022-05-16T10:00");
        projects.changeStage(moved, ProjectStage.FUNDED, "maliang", "履约节点「首期资金到位」核验达成", null, null);
        AgreementFixtures.withVerifiedMilestone(jdbc, moved, "IT-INTERVIEW-2022-01", "2022-02-10", "FUNDING", "首期资金到位", "1000", "2022-05-31",
                JUNLIANGCHENG, "1000", at("2022-05-16T10:00"));
        clockAt("2022-06-10T10:00");
        tax.record(moved, "2022-Q1", new BigDecimal("200"), "区税务局入库数据", HEZUO);
        clockAt("2022-10-12T10:00");
        projects.changeStage(lostInOctober, ProjectStage.LOST, "huangtao", "投资方撤回", null, null);
        ClockUtil.reset();
    }

    String register(String name, String unit, StaffUser user) {
        return projects.register(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("3000"), null, BigDecimal.ZERO, unit,
                null, false, null, null, null), user).code();
    }

    // --- helpers -----------------------------------------------------------------------------------------

    ProcessInstance runBriefing(String when, String businessKey) {
        Job timer = startTimer();
        engine.getManagementService().setJobDuedate(timer.getId(), at(when.substring(0, 10) + "T09:00"));
        clockAt(when);
        engine.getManagementService().executeJob(timer.getId());
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY)
                .processInstanceBusinessKey(businessKey).singleResult();
        assertThat(pi).isWaitingAt(BriefingProcess.TASK_REVIEW);
        return pi;
    }

    /** The 约谈 tasks' units and what their forms say. */
    Map<String, String> interviewSummaries(ProcessInstance pi) {
        return interviewTasks(pi).stream().collect(Collectors.toMap(
                t -> (String) engine.getTaskService().getVariable(t.getId(), BriefingProcess.INTERVIEW_UNIT),
                t -> (String) engine.getTaskService().getVariable(t.getId(), BriefingProcess.INTERVIEW_SUMMARY)));
    }

    List<Task> interviewTasks(ProcessInstance pi) {
        return tasks(pi, BriefingProcess.TASK_INTERVIEW);
    }

    void interviewAll(ProcessInstance pi) {
        for (Task task : interviewTasks(pi)) {
            Tasks.completeTaskAs(engine, task.getId(), "wangfang", Map.of(BriefingProcess.INTERVIEW_DATE, "2022-07-05",
                    BriefingProcess.ATTENDEES, "王芳、被约谈单位主官", BriefingProcess.MEASURES, "逐项明确目标任务完成时限"));
        }
    }

    List<Task> tasks(ProcessInstance pi, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list();
    }

    Job startTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY).timers()
                .activityId(BriefingProcess.START_TIMER).singleResult();
    }

    BriefingRecords.Row row(BriefingRecords.Briefing briefing, String scope, String unit) {
        return records.rows(briefing.id(), scope).stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow();
    }
}
