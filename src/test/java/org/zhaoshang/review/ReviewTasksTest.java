package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.ProcessTestEngine;

import jakarta.validation.Validation;

/**
 * The handlers of 项目评审 on the real BPMN and DMN in an in-memory engine, without the application
 * ({@link ProcessTestEngine}): who may give each opinion, the reasons a decision needs, 淘汰类 as guidance (policy 001:
 * "环保、消防…一票否决"; industry departments "为项目引进提供依据"), a veto ending the review, the meeting's result only
 * from its conclusion, the government meeting for land.
 */
class ReviewTasksTest {

    static final List<String> HEZUO = List.of("dept-hezuo");
    static final List<String> HUANBAO = List.of("dept-huanbao");
    static final List<String> XIAOFANG = List.of("dept-xiaofang");
    static final List<String> GONGXIN = List.of("dept-gongxin");

    static final ReviewRecords records = mock(ReviewRecords.class);
    static final ProjectService projects = mock(ProjectService.class);
    static final ReviewMeetingService meetings = mock(ReviewMeetingService.class);
    static ProcessTestEngine test;

    @BeforeAll
    static void startEngine() {
        ReviewTasks tasks = new ReviewTasks(new ReviewSteps(records, projects, Validation.buildDefaultValidatorFactory().getValidator()),
                projects, meetings);
        test = ProcessTestEngine.start("review-tasks", tasks, ProcessTestEngine.directory(),
                Map.of("reviewMeetings", new Meetings()),
                List.of("registerProjectDelegate", "placeOnAgendaDelegate", "recordReviewOutcomeDelegate", "requestKeyProjectLeadDelegate"),
                "processes/project-review.bpmn", "processes/industry-department.dmn", "processes/key-project.dmn");
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @Test
    void aVetoByTheEnvironmentNeedsAReasonAndEndsTheReviewWhileEliminatedIsGuidanceOnly() {
        ProcessInstance pi = start("ZS-TEST-0101", 0);
        test.refused(pi, ReviewProcess.TASK_PRECHECK, null, "maliang", GONGXIN, Map.of(ReviewProcess.PRECHECK_DECISION, "PASS"),
                "只有区合作交流办的人员可以办理「预审项目材料」");
        test.refused(pi, ReviewProcess.TASK_PRECHECK, null, "huangtao", HEZUO, Map.of(), "请选择预审结论");
        test.refused(pi, ReviewProcess.TASK_PRECHECK, null, "huangtao", HEZUO, Map.of(ReviewProcess.PRECHECK_DECISION, "RETURN"),
                "退回补正或不予受理时，请写明需补正的内容或理由");
        test.complete(pi, ReviewProcess.TASK_PRECHECK, null, "huangtao", HEZUO, Map.of(ReviewProcess.PRECHECK_DECISION, "通过"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_INDUSTRY, ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE);

        // The DMN gives 智能制造 to 工信局: only its people give the opinion; 淘汰类 is recorded for the meeting, not a veto.
        test.refused(pi, ReviewProcess.TASK_INDUSTRY, null, "tangchao", List.of("dept-keji"),
                Map.of(ReviewProcess.INDUSTRY_OPINION, "ELIMINATED", ReviewProcess.INDUSTRY_NOTE, "淘汰类工艺"), "只有区工业和信息化局的人员可以办理");
        test.complete(pi, ReviewProcess.TASK_INDUSTRY, null, "maliang", GONGXIN,
                Map.of(ReviewProcess.INDUSTRY_OPINION, "淘汰类", ReviewProcess.INDUSTRY_NOTE, "属淘汰类工艺"));
        verify(records).record(eq("ZS-TEST-0101"), anyString(), anyString(), eq("INDUSTRY"), eq("dept-gongxin"), eq("ELIMINATED"),
                eq("属淘汰类工艺"), eq("maliang"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE);

        test.refused(pi, ReviewProcess.TASK_ENVIRONMENT, null, "dengwei", XIAOFANG, Map.of(ReviewProcess.ENVIRONMENT_DECISION, "VETO",
                ReviewProcess.ENVIRONMENT_COMMENT, "越权否决"), "只有区生态环境局的人员可以办理「审查环保条件」");
        test.refused(pi, ReviewProcess.TASK_ENVIRONMENT, null, "caoli", HUANBAO, Map.of(ReviewProcess.ENVIRONMENT_DECISION, "VETO"),
                "否决必须写明理由");
        test.refused(pi, ReviewProcess.TASK_ENVIRONMENT, null, "caoli", HUANBAO, Map.of(ReviewProcess.ENVIRONMENT_DECISION, "VETO",
                ReviewProcess.ENVIRONMENT_COMMENT, "x".repeat(4001)), "填写的内容过长（不超过 4000 字）");
        test.complete(pi, ReviewProcess.TASK_ENVIRONMENT, null, "caoli", HUANBAO, Map.of(ReviewProcess.ENVIRONMENT_DECISION, "VETO",
                ReviewProcess.ENVIRONMENT_COMMENT, "位于饮用水源保护区"));

        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_VETOED);
        assertThat(test.engine().getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).as("fire review cancelled").isZero();
    }

    @Test
    void aLandProjectPassesTheMeetingOnlyByItsConclusionAndTheGovernmentMeetingDecides() {
        ProcessInstance pi = start("ZS-TEST-0102", 50);
        test.complete(pi, ReviewProcess.TASK_PRECHECK, null, "huangtao", HEZUO, Map.of(ReviewProcess.PRECHECK_DECISION, "PASS"));
        test.refused(pi, ReviewProcess.TASK_INDUSTRY, null, "maliang", GONGXIN, Map.of(ReviewProcess.INDUSTRY_OPINION, "ENCOURAGED"),
                "请填写产业指导意见的说明");
        test.refused(pi, ReviewProcess.TASK_INDUSTRY, null, "maliang", GONGXIN, Map.of(ReviewProcess.INDUSTRY_OPINION, "GREAT",
                ReviewProcess.INDUSTRY_NOTE, "好"), "请选择产业指导意见");
        test.complete(pi, ReviewProcess.TASK_INDUSTRY, null, "maliang", GONGXIN,
                Map.of(ReviewProcess.INDUSTRY_OPINION, "ENCOURAGED", ReviewProcess.INDUSTRY_NOTE, "符合主导产业"));
        test.complete(pi, ReviewProcess.TASK_ENVIRONMENT, null, "caoli", HUANBAO, Map.of(ReviewProcess.ENVIRONMENT_DECISION, "AGREE"));
        test.refused(pi, ReviewProcess.TASK_FIRE, null, "dengwei", XIAOFANG, Map.of(ReviewProcess.FIRE_DECISION, "AGREE_WITH_CONDITIONS"),
                "有条件同意时，请写明条件");
        test.complete(pi, ReviewProcess.TASK_FIRE, null, "dengwei", XIAOFANG, Map.of(ReviewProcess.FIRE_DECISION, "AGREE_WITH_CONDITIONS",
                ReviewProcess.FIRE_COMMENT, "按甲类厂房设计"));

        assertThat(pi).isWaitingAt(ReviewProcess.TASK_MEETING);
        when(meetings.decided(pi.getId())).thenReturn(false);
        test.refused(pi, ReviewProcess.TASK_MEETING, null, "huangtao", HEZUO, Map.of(ReviewProcess.MEETING_RESULT, "PASSED"),
                "论证会表决结果尚未产生");
        when(meetings.decided(pi.getId())).thenReturn(true);
        test.complete(pi, ReviewProcess.TASK_MEETING, null, "huangtao", HEZUO, Map.of(ReviewProcess.MEETING_RESULT, "PASSED",
                "meetingVetoed", false));

        assertThat(pi).isWaitingAt(ReviewProcess.TASK_GOVERNMENT);
        test.refused(pi, ReviewProcess.TASK_GOVERNMENT, null, "caijun", List.of("dept-zhengfuban"),
                Map.of(ReviewProcess.GOVERNMENT_DECISION, "DISAGREE"), "常务会议不同意时，请填写会议意见");
        test.complete(pi, ReviewProcess.TASK_GOVERNMENT, null, "caijun", List.of("dept-zhengfuban"),
                Map.of(ReviewProcess.GOVERNMENT_DECISION, "同意"));
        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_APPROVED);
        verify(projects).recordEvent(eq("ZS-TEST-0102"), any(), eq("caijun"), eq("「记录常务会议审议结果」同意"), anyString(), anyString());
    }

    private static ProcessInstance start(String code, double landArea) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(ReviewProcess.PROJECT_CODE, code);
        facts.put(ReviewProcess.PROJECT_NAME, "测试项目");
        facts.put(ReviewProcess.INDUSTRY, "SMART_MANUFACTURING");
        facts.put(ReviewProcess.TOTAL_INVESTMENT, 3000.0);
        facts.put(ReviewProcess.LAND_AREA, landArea);
        facts.put(ReviewProcess.ORIGIN_UNIT, "unit-street-jinzhong");
        facts.put(ReviewProcess.OCCUPIES_LAND, landArea > 0);
        facts.put(ReviewProcess.KEY_PROJECT_MARKED, false);
        facts.put(ReviewProcess.CORRECTION_COUNT, 0);
        facts.put(ReviewProcess.MAX_CORRECTIONS, 2);
        facts.put(ReviewProcess.REVIEW_VETOED, false);
        facts.put(ReviewProcess.ELIMINATED_IS_VETO, false);
        return test.engine().getRuntimeService().startProcessInstanceByKey(ReviewProcess.PROCESS_KEY, code, facts);
    }

    /** The meeting's due date far ahead, no guidance text. */
    public static class Meetings {

        public java.util.Date dueDate(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            return new ProcessTestEngine.FarDates().dueDate(execution);
        }

        public String guidance(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            return "";
        }
    }
}
