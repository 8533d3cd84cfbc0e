package org.zhaoshang.leadofficial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/** 五个一 driven through the real BPMN: lead, team, plan, monthly reports by working-day dates, coordination, the end. */
@IntegrationTest
class KeyProjectLeadIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final StaffUser HEZUO = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));
    static final String MILESTONES = "完成工商注册｜金钟街道｜2026-05-31\n首期资金到位｜区商务局｜2026-08-31\n开工建设｜区工业和信息化局｜2026-10-31";

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    KeyProjectLeadService service;
    @Autowired
    KeyProjectRecords records;
    @Autowired
    ProjectService projects;
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
    void leadTeamPlanAndThreeMonthlyReportsUntilTheProjectOperates() {
        clockAt("2026-03-10T10:00");
        String code = approvedProject();
        ProcessInstance pi = start(code);
        assignLead(pi, "wangfang");
        assertThat(projects.find(code).orElseThrow().leadOfficial()).isEqualTo("wangfang");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_TEAM, "maliang", Map.of(
                "teamDepartments", List.of("dept-gongxin", "dept-fagai"), "hostContact", "zhouxiaoyu", "hostContactPhone", "022-12345678"));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PLAN, "maliang", Map.of("planMilestones", MILESTONES));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_APPROVE_PLAN, "wangfang", Map.of("planDecision", "APPROVE"));
        assertThat(pi).isWaitingAt("IntermediateCatchEvent_ReportMonthStarted");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult().getDuedate())
                .isEqualTo(at("2026-04-01T09:00"));

        // Policy 002: "每月5日以书面形式报送上月《重点招商项目情况表》…" — the 5th is a date, moved to the next
        // working day when it is a day off. April: 4–6 are 清明 → Tuesday the 7th (not the 8th, the 5th working day).
        report(pi, "2026-04-01T09:01", at("2026-04-07T18:00"), "完成工商注册", "0");
        // May: 1–5 are 劳动节 → Wednesday the 6th (not Monday the 11th), the day the month's task opens.
        report(pi, "2026-05-06T09:01", at("2026-05-06T18:00"), "首期资金到位", "20000");
        report(pi, "2026-06-01T09:01", at("2026-06-05T18:00"), "设备调试，月底投产", "52000");
        // During June the project starts operating (stage moves in the ledger).
        for (ProjectStage stage : List.of(ProjectStage.SIGNED, ProjectStage.FUNDED, ProjectStage.CONSTRUCTION, ProjectStage.OPERATING)) {
            projects.changeStage(code, stage, "system", "测试推进", null, null);
        }
        assertThat(pi).isWaitingAt("IntermediateCatchEvent_ReportMonthStarted");

        // July: the month starts, the project operates — the cycle ends without another report.
        clockAt("2026-07-01T09:01");
        assertThat(runDueJobs(engine, pi.getId())).isOne();
        assertThat(pi).isEnded().hasPassed(KeyProjectLeadProcess.END_FOLLOW_THROUGH);
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(KeyProjectLeadProcess.TASK_REPORT).count()).isEqualTo(3);
        KeyProjectRecords.Panel panel = records.panel(code).orElseThrow();
        assertThat(panel.leadOfficial()).isEqualTo("wangfang");
        assertThat(panel.teamDepartments()).containsExactly("dept-gongxin", "dept-fagai");
        assertThat(panel.milestones()).hasSize(3);
        assertThat(panel.planStatus()).isEqualTo("APPROVED");
        assertThat(panel.reports()).extracting(KeyProjectRecords.Report::period).containsExactly("2026-06", "2026-05", "2026-04");
    }

    @Test
    void aLeaderDeclinesAndASecondAccepts() {
        clockAt("2026-03-10T10:00");
        ProcessInstance pi = start(approvedProject());
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PROPOSE, "huangtao",
                Map.of("leadOfficial", "wangfang", "leadDepartment", "dept-gongxin"));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getAssignee()).isEqualTo("wangfang");
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_ACCEPT, "wangfang", Map.of("leadDecision", "DECLINE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("婉拒时请说明理由");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_ACCEPT, "wangfang",
                Map.of("leadDecision", "DECLINE", "declineReason", "已包联三个项目"));
        assertThat(pi).isWaitingAt(KeyProjectLeadProcess.TASK_PROPOSE);
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PROPOSE, "huangtao",
                Map.of("leadOfficial", "caoli", "leadDepartment", "dept-gongxin")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("包联领导须为区领导");
        assignLead(pi, "zhangjun");
        assertThat(pi).isWaitingAt(KeyProjectLeadProcess.TASK_TEAM);
    }

    @Test
    void aPlanIsReturnedThenApproved() {
        clockAt("2026-03-10T10:00");
        ProcessInstance pi = start(approvedProject());
        assignLead(pi, "wangfang");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_TEAM, "maliang",
                Map.of("teamDepartments", List.of("dept-gongxin"), "hostContact", "zhouxiaoyu"));
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PLAN, "maliang",
                Map.of("planMilestones", "完成注册 金钟街道 下个月")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("第1行应为：事项｜责任单位｜完成日期");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PLAN, "maliang", Map.of("planMilestones", MILESTONES));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_APPROVE_PLAN, "wangfang",
                Map.of("planDecision", "RETURN", "planComment", "请补充用地报批节点"));
        assertThat(pi).isWaitingAt(KeyProjectLeadProcess.TASK_PLAN);
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PLAN, "maliang",
                Map.of("planMilestones", MILESTONES + "\n完成用地报批｜区规划资源分局｜2026-06-30"));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_APPROVE_PLAN, "wangfang", Map.of("planDecision", "APPROVE"));
        assertThat(pi).isWaitingAt("IntermediateCatchEvent_ReportMonthStarted");
    }

    @Test
    void aProblemRaisedInAReportIsCoordinatedByTheLeadOfficial() {
        clockAt("2026-03-10T10:00");
        String code = approvedProject();
        ProcessInstance pi = planApproved(code);
        clockAt("2026-04-01T09:01");
        runDueJobs(engine, pi.getId());
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_REPORT, "maliang", Map.of("reportProgress", "用地报批受阻",
                "fundsArrived", 0, "reportProblems", "规划指标调整需区领导协调", "needsCoordination", true));
        Task coordinate = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(KeyProjectLeadProcess.TASK_COORDINATE).singleResult();
        assertThat(coordinate.getAssignee()).isEqualTo("wangfang");
        assertThat(records.panel(code).orElseThrow().problems()).extracting(KeyProjectRecords.Problem::status).containsExactly("OPEN");
        assertThat(pi).isWaitingAt(KeyProjectLeadProcess.TASK_COORDINATE, "IntermediateCatchEvent_ReportMonthStarted");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_COORDINATE, "wangfang", Map.of("resolution", "已召开专题会，调整规划指标"));
        assertThat(records.panel(code).orElseThrow().problems()).extracting(KeyProjectRecords.Problem::status).containsExactly("RESOLVED");
        assertThat(pi).hasPassed("EndEvent_ProblemCoordinated");
    }

    @Test
    void aLateMonthlyReportEscalatesToTheDepartmentHeadThenTheSupervisionOffice() {
        clockAt("2026-03-10T10:00");
        ProcessInstance pi = planApproved(approvedProject());
        clockAt("2026-04-01T09:01");
        runDueJobs(engine, pi.getId());
        Task report = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(KeyProjectLeadProcess.TASK_REPORT).singleResult();
        clockAt("2026-04-08T18:01");
        runDueJobs(engine, pi.getId());
        assertThat(mails(report.getId(), 1)).containsExactly("gaofeng");
        clockAt("2026-04-13T18:01");
        runDueJobs(engine, pi.getId());
        assertThat(mails(report.getId(), 2)).containsExactly("hanmei");
        assertThat(pi).hasPassed("EndEvent_ReportProgressOverdue", "EndEvent_ReportProgressSupervision");
    }

    @Test
    void theTeamFollowsTheProjectAndTheLedgerShowsThePanel() throws Exception {
        clockAt("2026-03-10T10:00");
        String code = approvedProject();
        ProcessInstance pi = start(code);
        assignLead(pi, "wangfang");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_TEAM, "maliang", Map.of(
                "teamDepartments", List.of("dept-gongxin", "dept-fagai"), "hostContact", "zhouxiaoyu", "hostContactPhone", "13800000000"));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PLAN, "maliang", Map.of("planMilestones", MILESTONES));
        // 发改委 and the street's contact are on the team: they see the plan awaiting the leader; 商务局 is not.
        assertThat(Browser.basic(port, "jiangning", "demo").get("/engine-rest/task?maxResults=50&processInstanceId=" + pi.getId()).body())
                .contains("审定推进方案");
        assertThat(Browser.basic(port, "zhouxiaoyu", "demo").get("/engine-rest/task?maxResults=50&processInstanceId=" + pi.getId()).body())
                .contains("审定推进方案");
        assertThat(Browser.basic(port, "hejing", "demo").get("/engine-rest/task?maxResults=50&processInstanceId=" + pi.getId()).body())
                .isEqualTo("[]");
        // Seeing is not doing: a team member cannot approve the plan.
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_APPROVE_PLAN, "jiangning",
                Map.of("planDecision", "APPROVE"))).isInstanceOf(ProcessEngineException.class);

        Browser browser = new Browser(port);
        browser.login("maliang", "demo");
        assertThat(browser.get("/projects/" + code).body()).contains("五个一包联", "王芳", "区工业和信息化局", "区发展改革委",
                "周晓宇", "完成工商注册", "首期资金到位", "待审定");
        assertThat(Browser.basic(port, "maliang", "demo").get("/api/projects/" + code + "/key-project").body())
                .contains("\"leadOfficial\":\"wangfang\"", "\"planStatus\":\"DRAFT\"");
    }

    @Test
    void theStreetContactComesFromTheProjectsHostTodayAfterAMove() {
        String code = approvedProject();
        ProcessInstance pi = start(code);
        assignLead(pi, "wangfang");
        // 项目统筹流转 moved the project after 五个一 started: the contact is the new host's.
        projects.changeHost(code, "unit-street-junliangcheng", "huangtao", "金钟街道无用地", null, null);
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_TEAM, "maliang",
                Map.of("teamDepartments", List.of("dept-gongxin"), "hostContact", "zhouxiaoyu")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("联络人须为承载单位（军粮城街道）的工作人员");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_TEAM, "maliang",
                Map.of("teamDepartments", List.of("dept-gongxin"), "hostContact", "guoqiang"));
        assertThat(records.panel(code).orElseThrow().hostContact()).isEqualTo("guoqiang");
    }

    @Test
    void startingFiveOnesThroughTheApiIsForTheCooperationOffice() {
        String code = approvedProject();
        assertThat(Browser.basic(port, "maliang", "demo").postJson("/api/projects/" + code + "/key-project-lead", "").statusCode()).isEqualTo(403);
        assertThat(Browser.basic(port, "linxue", "demo").postJson("/api/projects/" + code + "/key-project-lead", "").statusCode()).isEqualTo(201);
        assertThat(Browser.basic(port, "linxue", "demo").postJson("/api/projects/" + code + "/key-project-lead", "").statusCode()).isEqualTo(409);
    }

    @Test
    void onlyCooperationOfficeStartsFiveOnesForAnApprovedProject() {
        String code = approvedProject();
        assertThatThrownBy(() -> service.start(code, OFFICER)).hasMessageContaining("只有区合作交流办可以启动五个一包联");
        service.start(code, HEZUO);
        assertThatThrownBy(() -> service.start(code, HEZUO)).hasMessageContaining("已在推进中");
        String negotiating = projects.register(registration(), OFFICER).code();
        assertThatThrownBy(() -> service.start(negotiating, HEZUO)).hasMessageContaining("只有已批准且尚未投产的项目");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    void report(ProcessInstance pi, String clock, java.util.Date due, String progress, String funds) {
        clockAt(clock);
        assertThat(runDueJobs(engine, pi.getId())).isPositive();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(KeyProjectLeadProcess.TASK_REPORT).singleResult();
        assertThat(task.getDueDate()).isEqualTo(due);
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_REPORT, "maliang",
                Map.of("reportProgress", progress, "fundsArrived", Double.parseDouble(funds), "needsCoordination", false));
    }

    ProcessInstance planApproved(String code) {
        ProcessInstance pi = start(code);
        assignLead(pi, "wangfang");
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_TEAM, "maliang",
                Map.of("teamDepartments", List.of("dept-gongxin"), "hostContact", "zhouxiaoyu"));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PLAN, "maliang", Map.of("planMilestones", MILESTONES));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_APPROVE_PLAN, "wangfang", Map.of("planDecision", "APPROVE"));
        return pi;
    }

    void assignLead(ProcessInstance pi, String leader) {
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_PROPOSE, "huangtao",
                Map.of("leadOfficial", leader, "leadDepartment", "dept-gongxin", "proposalNote", "分管领导"));
        Tasks.completeAs(engine, pi.getId(), KeyProjectLeadProcess.TASK_ACCEPT, leader, Map.of("leadDecision", "ACCEPT"));
    }

    ProcessInstance start(String code) {
        String id = service.start(code, HEZUO);
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    String approvedProject() {
        String code = projects.register(registration(), OFFICER).code();
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "system", "测试", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "system", "测试", null, null);
        return code;
    }

    static ProjectRegistration registration() {
        return new ProjectRegistration("五个一测试项目", "测试投资方", "上市公司", "智能制造", new BigDecimal("60000"), null,
                BigDecimal.ZERO, "unit-street-jinzhong", null, true, null, null, null);
    }

    List<String> mails(String taskId, int level) {
        return jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task AND escalation_level = :level")
                .param("task", taskId).param("level", level).query(String.class).list();
    }
}
