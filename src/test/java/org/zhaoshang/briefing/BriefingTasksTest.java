package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.support.ProcessTestEngine;

/**
 * The handlers of 月通报 / 季检查 on the real BPMN in an in-memory engine, without the application
 * ({@link ProcessTestEngine}): only 合作交流办 publishes, only 区领导 record a 约谈 (policy 003: "排名后三位的单位主官进行约谈"),
 * not dated in the future, only 督查室 checks the rectification a month later, with a result from the list.
 */
class BriefingTasksTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final BriefingRecords records = mock(BriefingRecords.class);
    static ProcessTestEngine test;

    @BeforeAll
    static void startEngine() {
        WorkingDayCalendar calendar = mock(WorkingDayCalendar.class);
        when(calendar.zone()).thenReturn(SHANGHAI);
        when(calendar.now()).thenAnswer(call -> Instant.now());
        BriefingExpressions view = mock(BriefingExpressions.class);
        when(view.interviewSummary(any())).thenReturn("约谈单位：万新街道");
        test = ProcessTestEngine.start("briefing-tasks", new BriefingTasks(records, calendar, view), ProcessTestEngine.directory(),
                Map.of("briefings", new Schedule(), "briefingsView", new View()),
                List.of("assembleBriefingDelegate", "publishBriefingDelegate"), "processes/monthly-briefing.bpmn");
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @Test
    void publishedByTheCooperationOfficeInterviewedByALeaderCheckedByTheSupervisionOffice() {
        ProcessInstance pi = test.engine().getRuntimeService().createProcessInstanceByKey(BriefingProcess.PROCESS_KEY)
                .startBeforeActivity(BriefingProcess.TASK_REVIEW).setVariable(BriefingProcess.BRIEFING_ID, 42L)
                .setVariable(BriefingProcess.INTERVIEW_UNITS, List.of("unit-street-wanxin")).execute();
        test.refused(pi, BriefingProcess.TASK_REVIEW, null, "zhangjun", List.of("leader"), Map.of(), "只有区合作交流办的人员可以办理");
        test.refused(pi, BriefingProcess.TASK_REVIEW, null, "huangtao", List.of("dept-hezuo"),
                Map.of(BriefingProcess.BRIEFING_COMMENT, "第一行\u0000第二行"), "不能包含控制字符");
        test.complete(pi, BriefingProcess.TASK_REVIEW, null, "huangtao", List.of("dept-hezuo"), Map.of(BriefingProcess.BRIEFING_COMMENT, "同意发布"));
        assertThat(test.engine().getRuntimeService().getVariable(pi.getId(), "publishedBy")).isEqualTo("huangtao");

        assertThat(pi).isWaitingAt(BriefingProcess.TASK_INTERVIEW);
        assertThat(test.engine().getTaskService().getVariable(test.task(pi, BriefingProcess.TASK_INTERVIEW, null).getId(),
                BriefingProcess.INTERVIEW_SUMMARY)).as("set when the task is created").isEqualTo("约谈单位：万新街道");
        String tomorrow = LocalDate.now(SHANGHAI).plusDays(1).toString();
        String today = LocalDate.now(SHANGHAI).toString();
        test.refused(pi, BriefingProcess.TASK_INTERVIEW, null, "huangtao", List.of("dept-hezuo"), Map.of(), "只有区领导可以办理");
        test.refused(pi, BriefingProcess.TASK_INTERVIEW, null, "wangfang", List.of("leader"), Map.of(BriefingProcess.INTERVIEW_DATE, tomorrow,
                BriefingProcess.ATTENDEES, "区领导", BriefingProcess.MEASURES, "周调度"), "约谈日期不能晚于今天");
        test.refused(pi, BriefingProcess.TASK_INTERVIEW, null, "wangfang", List.of("leader"), Map.of(BriefingProcess.INTERVIEW_DATE, today,
                BriefingProcess.MEASURES, "周调度"), "请填写参加人员");
        test.complete(pi, BriefingProcess.TASK_INTERVIEW, null, "wangfang", List.of("leader"), Map.of(BriefingProcess.INTERVIEW_DATE, today,
                BriefingProcess.ATTENDEES, "区领导、被约谈单位主要负责同志", BriefingProcess.MEASURES, "建立在谈项目周调度机制"));
        verify(records).interview(eq(42L), eq("unit-street-wanxin"), eq(LocalDate.now(SHANGHAI)), eq("区领导、被约谈单位主要负责同志"),
                eq("建立在谈项目周调度机制"), eq("wangfang"));

        Job oneMonthLater = test.engine().getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId("IntermediateCatchEvent_OneMonthLater").singleResult();
        test.engine().getManagementService().executeJob(oneMonthLater.getId());
        test.refused(pi, BriefingProcess.TASK_CHECK, null, "hanmei", List.of("dept-ducha"), Map.of(BriefingProcess.CHECK_RESULT, "PARTLY",
                BriefingProcess.CHECK_NOTE, "部分落实"), "请选择整改是否落实");
        test.complete(pi, BriefingProcess.TASK_CHECK, null, "hanmei", List.of("dept-ducha"), Map.of(BriefingProcess.CHECK_RESULT, "已落实",
                BriefingProcess.CHECK_NOTE, "现场检查周调度记录"));
        verify(records).check(42L, "unit-street-wanxin", "DONE", "现场检查周调度记录", "hanmei");
        assertThat(pi).isEnded();
    }

    /** The next briefing day far ahead. */
    public static class Schedule {

        public String nextRun() {
            return "R/2099-01-05T09:00:00/P1M";
        }
    }

    /** A summary, and 约谈 due whenever the briefing names units. */
    public static class View {

        public String summary(DelegateExecution execution) {
            return "2026年11月通报";
        }

        public boolean interviewsDue(DelegateExecution execution) {
            return execution.getVariable(BriefingProcess.INTERVIEW_UNITS) != null;
        }
    }
}
