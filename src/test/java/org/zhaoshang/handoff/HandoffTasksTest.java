package org.zhaoshang.handoff;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhaoshang.support.ProcessTestEngine;

/**
 * The handlers of 项目统筹流转 on the real BPMN in an in-memory engine, without the application
 * ({@link ProcessTestEngine}): the completion pipeline with {@link HandoffTasks}, the records and the directory as stubs.
 */
class HandoffTasksTest {

    static final String ORIGIN = "unit-street-jinzhong";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final String DONGLI_DEV = "unit-park-dongli-dev";
    static final long HANDOFF = 7;

    static final HandoffRecords records = mock(HandoffRecords.class);
    static final List<String> accepted = new ArrayList<>();
    static ProcessTestEngine test;

    @BeforeAll
    static void startEngine() {
        when(records.accepted(anyLong())).thenAnswer(call -> List.copyOf(accepted));
        test = ProcessTestEngine.start("handoff-tasks", new HandoffTasks(records, ProcessTestEngine.directory()), ProcessTestEngine.directory(),
                Map.of("handoffs", new ProcessTestEngine.FarDates(),
                        "openHandoffDelegate", (JavaDelegate) execution -> execution.setVariable(HandoffProcess.HANDOFF_ID, HANDOFF),
                        "recordHandoffOutcomeDelegate", (JavaDelegate) execution -> {
                            test.ran().add(execution.getCurrentActivityId());
                            if (execution.getCurrentActivityId().equals("ServiceTask_TallyFeedback")) {
                                execution.setVariable(HandoffProcess.ACCEPTED_COUNT, accepted.size());
                            }
                        }),
                List.of(), "processes/project-handoff.bpmn");
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @Test
    void candidatesAnswerForThemselvesAndTheHostIsOneThatAccepted() {
        accepted.clear();
        ProcessInstance pi = start();
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_CHOOSE);
        test.refused(pi, HandoffProcess.TASK_CHOOSE, null, "guoqiang", List.of(JUNLIANGCHENG), Map.of(), "只有区合作交流办的人员可以办理");
        test.refused(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CANDIDATE_UNITS, ORIGIN),
                "不能选择推送项目的单位本身：金钟街道");
        test.refused(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CANDIDATE_UNITS, "dept-hezuo"),
                "承接单位须为街道或园区：区合作交流办");
        test.complete(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"),
                Map.of(HandoffProcess.CANDIDATE_UNITS, JUNLIANGCHENG + "，" + DONGLI_DEV));

        test.refused(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "liuyang", List.of(DONGLI_DEV), Map.of(HandoffProcess.FEEDBACK_DECISION, "ACCEPT"),
                "只有军粮城街道的人员可以办理「反馈是否承接」");
        test.refused(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "MAYBE"), "请选择接收或不接收");
        test.refused(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "DECLINE"), "不接收时请说明理由");
        test.complete(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG), Map.of(HandoffProcess.FEEDBACK_DECISION, "接收"));
        verify(records).feedback(HANDOFF, JUNLIANGCHENG, "ACCEPT", null, "guoqiang");
        accepted.add(JUNLIANGCHENG);
        test.complete(pi, HandoffProcess.TASK_FEEDBACK, DONGLI_DEV, "liuyang", List.of(DONGLI_DEV),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "DECLINE", HandoffProcess.FEEDBACK_REASON, "园区用地已满"));
        verify(records).feedback(HANDOFF, DONGLI_DEV, "DECLINE", "园区用地已满", "liuyang");

        assertThat(pi).isWaitingAt(HandoffProcess.TASK_PICK);
        test.refused(pi, HandoffProcess.TASK_PICK, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.HOST_UNIT, DONGLI_DEV),
                "承接单位须为表示接收的单位之一：军粮城街道（unit-street-junliangcheng）");
        test.complete(pi, HandoffProcess.TASK_PICK, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.HOST_UNIT, JUNLIANGCHENG));
        assertThat(pi).isEnded().hasPassed("ServiceTask_MoveProject", HandoffProcess.END_MOVED);
    }

    @Test
    void nobodyAcceptsTheLeadersPushToTheCityAndTheProjectIsLostWithAReason() {
        accepted.clear();
        ProcessInstance pi = start();
        test.complete(pi, HandoffProcess.TASK_CHOOSE, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CANDIDATE_UNITS, JUNLIANGCHENG));
        test.complete(pi, HandoffProcess.TASK_FEEDBACK, JUNLIANGCHENG, "guoqiang", List.of(JUNLIANGCHENG),
                Map.of(HandoffProcess.FEEDBACK_DECISION, "DECLINE", HandoffProcess.FEEDBACK_REASON, "无用地指标"));
        assertThat(pi).isWaitingAt(HandoffProcess.TASK_DISTRICT);
        test.refused(pi, HandoffProcess.TASK_DISTRICT, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.DISTRICT_DECISION, "PUSH_CITY"),
                "只有区领导可以办理");
        test.refused(pi, HandoffProcess.TASK_DISTRICT, null, "zhangjun", List.of("leader"), Map.of(HandoffProcess.DISTRICT_DECISION, "NAME_HOST"),
                "指定承接单位时请填写单位代码");
        test.complete(pi, HandoffProcess.TASK_DISTRICT, null, "zhangjun", List.of("leader"), Map.of(HandoffProcess.DISTRICT_DECISION, "推送市级"));

        assertThat(pi).isWaitingAt(HandoffProcess.TASK_CITY);
        test.refused(pi, HandoffProcess.TASK_CITY, null, "huangtao", List.of("dept-hezuo"), Map.of(HandoffProcess.CITY_RESULT, "LOST"),
                "项目流失时请填写原因");
        test.refused(pi, HandoffProcess.TASK_CITY, null, "huangtao", List.of("dept-hezuo"),
                Map.of(HandoffProcess.CITY_RESULT, "LOST", HandoffProcess.LOSS_REASON, "转投\u0007外省"), "不能包含控制字符");
        test.complete(pi, HandoffProcess.TASK_CITY, null, "huangtao", List.of("dept-hezuo"),
                Map.of(HandoffProcess.CITY_RESULT, "LOST", HandoffProcess.LOSS_REASON, "市级协调后投资方转投外省"));
        assertThat(pi).isEnded().hasPassed("ServiceTask_RecordCityPush", "ServiceTask_RecordLoss", HandoffProcess.END_LOST);
    }

    private static ProcessInstance start() {
        return test.engine().getRuntimeService().createMessageCorrelation(HandoffProcess.MESSAGE_START).processInstanceBusinessKey("ZS-TEST-0001")
                .setVariable(HandoffProcess.ORIGIN_UNIT, ORIGIN).setVariable(HandoffProcess.PROJECT_CODE, "ZS-TEST-0001")
                .correlateStartMessage();
    }
}
