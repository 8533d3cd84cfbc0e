package org.zhaoshang.operations;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhaoshang.support.ProcessTestEngine;

/**
 * The handler of 加签 on the real BPMN in an in-memory engine, without the application ({@link ProcessTestEngine}): only
 * the asked department answers, with an opinion, which goes back to the main task's record and to whoever asked.
 */
class ExtraOpinionTasksTest {

    static final OperationLog log = mock(OperationLog.class);
    static final OperationMails mails = mock(OperationMails.class);
    static final TaskAccess access = mock(TaskAccess.class);
    static ProcessTestEngine test;

    @BeforeAll
    static void startEngine() {
        when(log.record(any(), anyString(), isNull(), anyString(), anyString(), any(), anyString(), anyString(), anyString(), anyString()))
                .thenReturn(31L);
        when(access.name(anyString())).thenAnswer(call -> call.getArgument(0));
        test = ProcessTestEngine.start("extra-opinion-tasks", new ExtraOpinionTasks(new ExtraOpinionService(access,
                        mock(org.camunda.bpm.engine.RuntimeService.class), ProcessTestEngine.directory(), log, mails)),
                ProcessTestEngine.directory(), Map.of("extraOpinionStartGuard", (ExecutionListener) execution -> { }), List.of(),
                "processes/extra-opinion.bpmn");
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @Test
    void onlyTheAskedDepartmentAnswersAndTheOpinionGoesBackToWhoAsked() {
        ProcessInstance pi = test.engine().getRuntimeService().createProcessInstanceByKey(ExtraOpinionProcess.PROCESS_KEY)
                .startBeforeActivity(ExtraOpinionProcess.TASK_OPINION)
                .setVariable(ExtraOpinionProcess.OPINION_DEPARTMENT, "dept-huanbao").setVariable(ExtraOpinionProcess.PARENT_TASK_ID, "task-1")
                .setVariable(ExtraOpinionProcess.PARENT_TASK_NAME, "预审项目材料").setVariable(ExtraOpinionProcess.PARENT_PROCESS_INSTANCE_ID, "pi-1")
                .setVariable(ExtraOpinionProcess.PROJECT_CODE, "ZS-TEST-0301").setVariable(ExtraOpinionProcess.REQUESTED_BY, "huangtao").execute();
        test.refused(pi, ExtraOpinionProcess.TASK_OPINION, null, "dengwei", List.of("dept-xiaofang"),
                Map.of(ExtraOpinionProcess.EXTRA_OPINION, "同意"), "只有区生态环境局的人员可以办理");
        test.refused(pi, ExtraOpinionProcess.TASK_OPINION, null, "caoli", List.of("dept-huanbao"), Map.of(ExtraOpinionProcess.EXTRA_OPINION, " "),
                "请填写本部门意见");
        test.complete(pi, ExtraOpinionProcess.TASK_OPINION, null, "caoli", List.of("dept-huanbao"),
                Map.of(ExtraOpinionProcess.EXTRA_OPINION, "不在生态红线内，同意"));
        verify(log).record(eq(OperationKind.EXTRA_OPINION_GIVEN), eq("task-1"), isNull(), eq("预审项目材料"), eq("pi-1"), eq("ZS-TEST-0301"),
                eq("caoli"), eq("dept-huanbao"), eq("不在生态红线内，同意"), anyString());
        verify(mails).send(eq(OperationKind.EXTRA_OPINION_GIVEN), eq("31"), eq(List.of("huangtao")), eq("task-1"), anyString(), eq("pi-1"),
                eq("ZS-TEST-0301"), anyString(), anyString(), eq("不在生态红线内，同意"), isNull());
        assertThat(pi).isEnded();
    }
}
