package org.zhaoshang.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;
import org.zhaoshang.system.ApiException;

/** 项目统筹流转 through the real BPMN: candidates, 限时反馈, the host decision, city push, loss, 三七分成. */
@IntegrationTest
class HandoffIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final String DONGLI_DEV = "unit-park-dongli-dev";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    HandoffService service;
    @Autowired
    HandoffRecords records;
    @Autowired
    CreditShares shares;
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
    void oneOfTwoCandidatesAcceptsAndTheProjectMovesWithASevenThreeShare() throws Exception {
        String code = project();
        ProcessInstance pi = push(code);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "proposedUnits").toString()).contains("军粮城街道", "东丽经济技术开发区");
        choose(pi, JUNLIANGCHENG + "，" + DONGLI_DEV);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(HandoffProcess.TASK_FEEDBACK).count())
                .isEqualTo(2);
        feedback(pi, JUNLIANGCHENG, "guoqiang", "ACCEPT", null);
        // The other candidate's form does not show the first unit's answer.
        Task other = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(HandoffProcess.TASK_FEEDBACK).taskCandidateGroup(DONGLI_DEV).singleResult();
        assertThat(engine.getTaskService().getVariable(other.getId(), "feedbackDecision")).isIn("", null);
        assertThatThrownBy(() -> feedback(pi, DONGLI_DEV, "liuyang", "DECLINE", null))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不接收时请说明理由");
        feedback(pi, DONGLI_DEV, "liuyang", "DECLINE", "园区用地已满");
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_PICK);
        Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_PICK, "huangtao", Map.of("hostUnit", JUNLIANGCHENG));

        assertThat(pi).isEnded().hasPassed(HandoffProcess.END_MOVED);
        assertThat(projects.find(code).orElseThrow().hostUnit()).isEqualTo(JUNLIANGCHENG);
        assertThat(projects.find(code).orElseThrow().originUnit()).isEqualTo("unit-street-jinzhong");
        CreditShares.Share share = shares.find(code).orElseThrow();
        assertThat(share.originRatio()).isEqualByComparingTo("0.30");
        assertThat(share.landingRatio()).isEqualByComparingTo("0.70");
        assertThat(records.bonusOf("unit-street-jinzhong")).isGreaterThanOrEqualTo(BigDecimal.ONE);
        assertThat(jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND process_instance_id = :pi").param("pi", pi.getId())
                .query(String.class).list()).contains("zhouxiaoyu", "liujianguo", "guoqiang", "zhoubin");
        // A landed amount of 1000万元 counts 300 for the origin unit and 700 for the landing unit.
        assertThat(shares.attribute(code, JUNLIANGCHENG, new BigDecimal("1000")))
                .containsEntry("unit-street-jinzhong", new BigDecimal("300.00")).containsEntry(JUNLIANGCHENG, new BigDecimal("700.00"));
        assertThat(shares.attribute(project(), "unit-street-jinzhong", new BigDecimal("1000")))
                .containsExactly(Map.entry("unit-street-jinzhong", new BigDecimal("1000")));

        Browser browser = new Browser(port);
        browser.login("guoqiang", "demo");
        assertThat(browser.get("/projects/" + code).body()).contains("项目统筹流转", "三七分成：金钟街道 30%，军粮城街道 70%",
                "园区用地已满", "承载单位由「金钟街道」变更为「军粮城街道」");
    }

    @Test
    void whenTwoAcceptTheCooperationOfficePicksOneOfThem() {
        ProcessInstance pi = push(project());
        choose(pi, JUNLIANGCHENG + "," + DONGLI_DEV);
        feedback(pi, JUNLIANGCHENG, "guoqiang", "ACCEPT", null);
        feedback(pi, DONGLI_DEV, "liuyang", "ACCEPT", null);
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_PICK, "huangtao", Map.of("hostUnit", "unit-street-xinli")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("承接单位须为表示接收的单位之一");
        Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_PICK, "huangtao", Map.of("hostUnit", DONGLI_DEV, "hostNote", "配套更完善"));
        assertThat(pi).isEnded().hasPassed(HandoffProcess.END_MOVED);
    }

    @Test
    void whenAllDeclineADistrictLeaderNamesTheHost() {
        String code = project();
        ProcessInstance pi = push(code);
        choose(pi, JUNLIANGCHENG + "," + DONGLI_DEV);
        feedback(pi, JUNLIANGCHENG, "guoqiang", "DECLINE", "产业不符");
        feedback(pi, DONGLI_DEV, "liuyang", "DECLINE", "用地已满");
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_DISTRICT);
        Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_DISTRICT, "wangfang",
                Map.of("districtDecision", "NAME_HOST", "hostUnit", "unit-street-huaming", "hostNote", "区领导协调华明街道承接"));
        assertThat(pi).isEnded().hasPassed(HandoffProcess.END_MOVED).hasNotPassed("ServiceTask_RecordCityPush");
        assertThat(projects.find(code).orElseThrow().hostUnit()).isEqualTo("unit-street-huaming");
    }

    @Test
    void silentCandidatesAreEscalatedThenCountAsDeclines() {
        clockAt("2026-03-02T10:00");
        ProcessInstance pi = push(project());
        choose(pi, JUNLIANGCHENG + "," + DONGLI_DEV);
        Task oneOfThem = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(HandoffProcess.TASK_FEEDBACK).taskCandidateGroup(JUNLIANGCHENG).singleResult();
        assertThat(oneOfThem.getDueDate()).isEqualTo(org.zhaoshang.support.EscalationProbe.at("2026-03-05T18:00"));

        clockAt("2026-03-06T18:01");
        runDueJobs(engine, pi.getId());
        assertThat(jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task AND escalation_level = 1")
                .param("task", oneOfThem.getId()).query(String.class).list()).containsExactly("zhoubin");
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_FEEDBACK);

        clockAt("2026-03-09T18:01");
        runDueJobs(engine, pi.getId());
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_DISTRICT).hasPassed("BoundaryEvent_GiveFeedbackDeadline");
        long handoff = ((Number) engine.getRuntimeService().getVariable(pi.getId(), "handoffId")).longValue();
        assertThat(records.of(projects.find(code(pi)).orElseThrow().code()).get(0).feedback())
                .extracting(HandoffRecords.Feedback::decision).containsExactly("SILENT", "SILENT");
        assertThat(records.accepted(handoff)).isEmpty();
    }

    @Test
    void pushedToTheCityAndLost() {
        String code = project();
        ProcessInstance pi = push(code);
        choose(pi, JUNLIANGCHENG);
        feedback(pi, JUNLIANGCHENG, "guoqiang", "DECLINE", "无用地指标");
        Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_DISTRICT, "zhangjun", Map.of("districtDecision", "PUSH_CITY"));
        assertThat(records.of(code).get(0).cityPushedAt()).isNotNull();
        assertThatThrownBy(() -> Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_CITY, "huangtao", Map.of("cityResult", "LOST")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("项目流失时请填写原因");
        Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_CITY, "huangtao",
                Map.of("cityResult", "LOST", "lossReason", "市级协调后投资方转投外省"));
        assertThat(pi).isEnded().hasPassed(HandoffProcess.END_LOST);
        assertThat(projects.find(code).orElseThrow().stage().name()).isEqualTo("LOST");
        assertThat(records.of(code).get(0).status()).isEqualTo("LOST");
    }

    @Test
    void onlyTheHostUnitPushesAndItsReasonIsChecked() {
        String code = project();
        StaffUser otherUnit = new StaffUser("xuhui", "徐辉", List.of("unit-street-huaming"));
        assertThatThrownBy(() -> service.request(code, "LAND", "无用地", otherUnit)).isInstanceOf(ApiException.class)
                .hasMessageContaining("项目不存在或无权查看");
        StaffUser department = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));
        assertThatThrownBy(() -> service.request(code, "LAND", "无用地", department)).hasMessageContaining("只有项目当前的承载单位可以推送项目");
        assertThatThrownBy(() -> service.request(code, "WEATHER", "无用地", OFFICER)).hasMessageContaining("请选择不能承接的原因");
        assertThatThrownBy(() -> service.request(code, "LAND", " ", OFFICER)).hasMessageContaining("请说明不能承接的具体原因");
        assertThat(records.of(code)).isEmpty();
        assertThat(Browser.basic(port, "sunyue", "demo").postJson("/api/projects/" + code + "/handoff",
                "{\"reasonCategory\": \"LAND\", \"reasonText\": \"无用地\"}").statusCode()).isEqualTo(404);
        assertThat(Browser.basic(port, "zhouxiaoyu", "demo").postJson("/api/projects/" + code + "/handoff",
                "{\"reasonCategory\": \"土地\", \"reasonText\": \"无可用工业用地\"}").statusCode()).isEqualTo(201);
        assertThat(Browser.basic(port, "zhouxiaoyu", "demo").postJson("/api/projects/" + code + "/handoff",
                "{\"reasonCategory\": \"LAND\", \"reasonText\": \"再次推送\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void eachStepIsCompletedOnlyByTheUnitItBelongsToWhoeverItIsHandedTo() {
        ProcessInstance accepted = push(project());
        Tasks.assertOnlyItsOwnerCompletes(engine, task(accepted, HandoffProcess.TASK_CHOOSE, null).getId(), "guoqiang", "区合作交流办的人员");
        choose(accepted, JUNLIANGCHENG + "," + DONGLI_DEV);
        // A candidate answers for itself: the other candidate's officer cannot answer in its name.
        Tasks.assertOnlyItsOwnerCompletes(engine, task(accepted, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG).getId(), "liuyang", "军粮城街道的人员");
        feedback(accepted, JUNLIANGCHENG, "guoqiang", "ACCEPT", null);
        feedback(accepted, DONGLI_DEV, "liuyang", "ACCEPT", null);
        Tasks.assertOnlyItsOwnerCompletes(engine, task(accepted, HandoffProcess.TASK_PICK, null).getId(), "guoqiang", "区合作交流办的人员");

        ProcessInstance declined = push(project());
        choose(declined, JUNLIANGCHENG);
        feedback(declined, JUNLIANGCHENG, "guoqiang", "DECLINE", "无用地指标");
        Tasks.assertOnlyItsOwnerCompletes(engine, task(declined, HandoffProcess.TASK_DISTRICT, null).getId(), "huangtao", "区领导可以办理");
        Tasks.completeAs(engine, declined.getId(), HandoffProcess.TASK_DISTRICT, "zhangjun", Map.of("districtDecision", "推送市级"));
        assertThat(declined).as("the decision's Chinese label reaches the gateway as its code").isWaitingAt(HandoffProcess.TASK_CITY);
        Tasks.assertOnlyItsOwnerCompletes(engine, task(declined, HandoffProcess.TASK_CITY, null).getId(), "zhangjun", "区合作交流办的人员");
    }

    Task task(ProcessInstance pi, String key, String candidateGroup) {
        var query = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key);
        return (candidateGroup == null ? query : query.taskCandidateGroup(candidateGroup)).singleResult();
    }

    // --- helpers -----------------------------------------------------------------------------------------

    String project() {
        return projects.register(new ProjectRegistration("流转测试项目", "测试投资方", "其他", "智能制造", new BigDecimal("8000"), null,
                new BigDecimal("50"), "unit-street-jinzhong", null, false, null, null, null), OFFICER).code();
    }

    ProcessInstance push(String code) {
        String id = service.request(code, "LAND", "无可用工业用地", OFFICER);
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    void choose(ProcessInstance pi, String units) {
        Tasks.completeAs(engine, pi.getId(), HandoffProcess.TASK_CHOOSE, "huangtao", Map.of("candidateUnits", units));
    }

    void feedback(ProcessInstance pi, String unit, String user, String decision, String reason) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(HandoffProcess.TASK_FEEDBACK).taskCandidateGroup(unit).singleResult();
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("feedbackDecision", decision);
        if (reason != null) {
            variables.put("feedbackReason", reason);
        }
        // As Tasklist submits: the input mapping keeps each answer in its own instance.
        Tasks.completeTaskAs(engine, task.getId(), user, variables);
    }

    String code(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey();
    }
}
