package org.zhaoshang.handoff;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.zhaoshang.engine.CompletionGuard;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskCompletionProbe;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;

/**
 * The handlers of 项目统筹流转 on the real BPMN in an in-memory engine, without the application: the completion
 * pipeline ({@code TaskCompletion}) with {@link HandoffTasks}, the records and the directory as stubs, the service
 * steps as recorders. A rule change is tested here in a second, not through the whole application.
 */
class HandoffTasksTest {

    static final String ORIGIN = "unit-street-jinzhong";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final String DONGLI_DEV = "unit-park-dongli-dev";
    static final long HANDOFF = 7;

    static ProcessEngine engine;
    static final HandoffRecords records = mock(HandoffRecords.class);
    static final List<String> accepted = new ArrayList<>();
    static final List<String> outcomes = new ArrayList<>();

    @BeforeAll
    static void startEngine() throws IOException {
        OrgDirectory directory = mock(OrgDirectory.class);
        for (OrgUnit unit : List.of(new OrgUnit(ORIGIN, "金钟街道", OrgUnitKind.STREET, List.of(), null),
                new OrgUnit(JUNLIANGCHENG, "军粮城街道", OrgUnitKind.STREET, List.of(), null),
                new OrgUnit(DONGLI_DEV, "东丽经济技术开发区", OrgUnitKind.PARK, List.of(), null),
                new OrgUnit("dept-hezuo", "区合作交流办", OrgUnitKind.DEPARTMENT, List.of(), null),
                new OrgUnit("leader", "区领导", OrgUnitKind.LEADERSHIP, List.of(), null))) {
            when(directory.findUnit(unit.code())).thenReturn(Optional.of(unit));
            when(directory.unitName(unit.code())).thenReturn(unit.name());
        }
        when(records.accepted(anyLong())).thenAnswer(call -> List.copyOf(accepted));

        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("handoffTasks", new HandoffTasks(records, directory),
                "orgDirectory", directory));
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:handoff-tasks;DB_CLOSE_DELAY=-1");
        configuration.setProcessEngineName("handoff-tasks");
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.getProcessEnginePlugins().add(TaskCompletionProbe.plugin(beans.getBeanProvider(ProcessTasks.class),
                beans.getBeanProvider(CompletionGuard.class), beans.getBeanProvider(OrgDirectory.class)));
        engine = configuration.buildProcessEngine();
        try (InputStream model = new FileInputStream("processes/project-handoff.bpmn")) {
            engine.getRepositoryService().createDeployment().addInputStream("project-handoff.bpmn", model).deploy();
        }
        BpmnAwareTests.init(engine);
        Mocks.register("sla", new FarDates());
        Mocks.register("handoffs", new FarDates());
        Mocks.register("escalateTaskDelegate", (JavaDelegate) execution -> { });
        Mocks.register("openHandoffDelegate", (JavaDelegate) execution -> execution.setVariable(HandoffProcess.HANDOFF_ID, HANDOFF));
        Mocks.register("recordHandoffOutcomeDelegate", (JavaDelegate) execution -> {
            outcomes.add(execution.getCurrentActivityId());
            if (execution.getCurrentActivityId().equals("ServiceTask_TallyFeedback")) {
                execution.setVariable(HandoffProcess.ACCEPTED_COUNT, accepted.size());
            }
        });
    }

    @AfterAll
    static void stopEngine() {
        Mocks.reset();
        engine.close();
    }

    @Test
    void candidatesAnswerForThemselvesAndTheHostIsOneThatAccepted() {
        accepted.clear();
        ProcessInstance pi = start();
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_CHOOSE);
        refused(pi, HandoffProcess.TASK_CHOOSE, null, "guoqiang", List.of(JUNLIANGCHENG), Map.of(), "只有区合作交流办的人员可以办理");
        refused(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CANDIDATE_UNITS, ORIGIN),
                "不能选择推送项目的单位本身：金钟街道");
        refused(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CANDIDATE_UNITS, "dept-hezuo"),
                "承接单位须为街道或园区：区合作交流办");
        complete(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"),
                Map.of(HandoffProcess.CANDIDATE_UNITS, JUNLIANGCHENG + "，" + DONGLI_DEV));

        refused(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "liuyang", List.of(DONGLI_DEV), Map.of(HandoffProcess.FEEDBACK_DECISION, "ACCEPT"),
                "只有军粮城街道的人员可以办理「反馈是否承接」");
        refused(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "MAYBE"), "请选择接收或不接收");
        refused(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "DECLINE"), "不接收时请说明理由");
        complete(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG), Map.of(HandoffProcess.FEEDBACK_DECISION, "接收"));
        verify(records).feedback(HANDOFF, JUNLIANGCHENG, "ACCEPT", null, "guoqiang");
        accepted.add(JUNLIANGCHENG);
        complete(pi, HandoffProcess.TASK_FEEDBACK, DONGLI_DEV, "liuyang", List.of(DONGLI_DEV),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "DECLINE", HandoffProcess.FEEDBACK_REASON, "园区用地已满"));
        verify(records).feedback(HANDOFF, DONGLI_DEV, "DECLINE", "园区用地已满", "liuyang");

        assertThat(pi).isWaitingAt(HandoffProcess.TASK_PICK);
        refused(pi, HandoffProcess.TASK_PICK, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.HOST_UNIT, DONGLI_DEV),
                "承接单位须为表示接收的单位之一：军粮城街道（unit-street-junliangcheng）");
        complete(pi, HandoffProcess.TASK_PICK, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.HOST_UNIT, JUNLIANGCHENG));
        assertThat(pi).isEnded().hasPassed("ServiceTask_MoveProject", HandoffProcess.END_MOVED);
    }

    @Test
    void nobodyAcceptsTheLeadersPushToTheCityAndTheProjectIsLostWithAReason() {
        accepted.clear();
        ProcessInstance pi = start();
        complete(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CANDIDATE_UNITS, JUNLIANGCHENG));
        complete(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "DECLINE", HandoffProcess.FEEDBACK_REASON, "无用地指标"));
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_DISTRICT);
        refused(pi, HandoffProcess.TASK_DISTRICT, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.DISTRICT_DECISION, "PUSH_CITY"),
                "只有区领导的人员可以办理");
        refused(pi, HandoffProcess.TASK_DISTRICT, null, "zhangjun", List.of("leader"), Map.of(HandoffProcess.DISTRICT_DECISION, "NAME_HOST"),
                "指定承接单位时请填写单位代码");
        complete(pi, HandoffProcess.TASK_DISTRICT, null, "zhangjun", List.of("leader"), Map.of(HandoffProcess.DISTRICT_DECISION, "推送市级"));

        assertThat(pi).isWaitingAt(HandoffProcess.TASK_CITY);
        refused(pi, HandoffProcess.TASK_CITY, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CITY_RESULT, "LOST"),
                "项目流失时请填写原因");
        refused(pi, HandoffProcess.TASK_CITY, null, "huangtao", List.of("dept-hezuo"),
                Map.of(HandoffProcess.CITY_RESULT, "LOST", HandoffProcess.LOSS_REASON, "转投\u0007外省"), "不能包含控制字符");
        complete(pi, HandoffProcess.TASK_CITY, null, "huangtao", List.of("dept-hezuo"),
                Map.of(HandoffProcess.CITY_RESULT, "LOST", HandoffProcess.LOSS_REASON, "市级协调后投资方转投外省"));
        assertThat(pi).isEnded().hasPassed("ServiceTask_RecordCityPush", "ServiceTask_RecordLoss", HandoffProcess.END_LOST);
    }

    private static ProcessInstance start() {
        return engine.getRuntimeService().createMessageCorrelation(HandoffProcess.MESSAGE_START).processInstanceBusinessKey("ZS-TEST-0001")
                .setVariable(HandoffProcess.ORIGIN_UNIT, ORIGIN).setVariable(HandoffProcess.PROJECT_CODE, "ZS-TEST-0001")
                .correlateStartMessage();
    }

    private static Task task(ProcessInstance pi, String key, String candidateGroup) {
        var query = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key);
        return (candidateGroup == null ? query : query.taskCandidateGroup(candidateGroup)).singleResult();
    }

    private static void complete(ProcessInstance pi, String key, String candidateGroup, String user, List<String> groups,
            Map<String, Object> variables) {
        Task task = task(pi, key, candidateGroup);
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            engine.getTaskService().complete(task.getId(), new HashMap<>(variables));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private static void refused(ProcessInstance pi, String key, String candidateGroup, String user, List<String> groups,
            Map<String, Object> variables, String message) {
        assertThatThrownBy(() -> complete(pi, key, candidateGroup, user, groups, variables)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(message);
        org.assertj.core.api.Assertions.assertThat(task(pi, key, candidateGroup)).as("still open").isNotNull();
    }

    /** Due dates and timers far ahead: these tests are about completing, not escalating. */
    public static class FarDates {

        private static final Date FAR = Date.from(Instant.parse("2099-01-01T00:00:00Z"));

        public Date dueDate(DelegateExecution execution) {
            return FAR;
        }

        public Date reminderAt(DelegateExecution execution) {
            return FAR;
        }

        public Date level1At(DelegateExecution execution) {
            return FAR;
        }

        public Date level2At(DelegateExecution execution) {
            return FAR;
        }

        public Date feedbackDeadline(DelegateExecution execution) {
            return FAR;
        }
    }
}
