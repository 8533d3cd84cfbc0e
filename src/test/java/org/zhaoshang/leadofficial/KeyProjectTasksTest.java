package org.zhaoshang.leadofficial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.ProcessTestEngine;

/**
 * The handlers of 五个一 on the real BPMN in an in-memory engine, without the application ({@link ProcessTestEngine}):
 * policy 004 "一个项目、一名领导、一套班子、一套方案、一抓到底" — the lead official is a 区领导 and only they answer, accept
 * the plan and coordinate; the lead department forms a team with the host unit's contact, drafts a plan that parses and
 * reports monthly, raising problems to the leader.
 */
class KeyProjectTasksTest {

    static final String CODE = "ZS-TEST-0201";
    static final List<String> HEZUO = List.of("dept-hezuo");
    static final List<String> GONGXIN = List.of("dept-gongxin");
    static final List<String> LEADER = List.of("leader");

    static final KeyProjectRecords records = mock(KeyProjectRecords.class);
    static final ProjectService projects = mock(ProjectService.class);
    static final WorkingTeamAccess team = mock(WorkingTeamAccess.class);
    static ProcessTestEngine test;

    @BeforeAll
    static void startEngine() {
        // The handlers ask the engine's identity service, which exists only once the engine does.
        IdentityService identity = (IdentityService) Proxy.newProxyInstance(IdentityService.class.getClassLoader(),
                new Class<?>[] {IdentityService.class}, (proxy, method, args) -> method.invoke(test.engine().getIdentityService(), args));
        when(projects.find(anyString())).thenReturn(Optional.empty());
        when(records.report(anyString(), anyString(), anyString(), any(), any(), anyBoolean(), anyString())).thenReturn(11L);
        when(records.raiseProblem(anyString(), anyLong(), anyString())).thenReturn(12L);
        KeyProjectTasks tasks = new KeyProjectTasks(new KeyProjectSteps(records, projects, identity, ProcessTestEngine.directory()), identity,
                ProcessTestEngine.directory(), team);
        test = ProcessTestEngine.start("key-project-tasks", tasks,
                ProcessTestEngine.directory(), Map.of("keyProjects", new Schedule()), List.of("openKeyProjectCaseDelegate"),
                "processes/key-project-lead.bpmn");
        person("wangfang", "leader");
        person("zhangjun", "leader");
        person("zhouxiaoyu", "unit-street-jinzhong");
        person("xuhui", "unit-street-huaming");
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @Test
    void theNamedLeaderAloneAnswersApprovesAndCoordinatesTheTeamPlansAndReports() {
        ProcessInstance pi = test.engine().getRuntimeService().createProcessInstanceByKey(KeyProjectLeadProcess.PROCESS_KEY).businessKey(CODE)
                .startBeforeActivity(KeyProjectLeadProcess.TASK_PROPOSE).setVariable(KeyProjectLeadProcess.PROJECT_CODE, CODE)
                .setVariable(KeyProjectLeadProcess.HOST_UNIT, "unit-street-jinzhong").execute();
        test.refused(pi, KeyProjectLeadProcess.TASK_PROPOSE, null, "huangtao", HEZUO, Map.of(KeyProjectLeadProcess.LEAD_OFFICIAL, "zhouxiaoyu",
                KeyProjectLeadProcess.LEAD_DEPARTMENT, "dept-gongxin"), "包联领导须为区领导（用户名）：zhouxiaoyu");
        test.refused(pi, KeyProjectLeadProcess.TASK_PROPOSE, null, "huangtao", HEZUO, Map.of(KeyProjectLeadProcess.LEAD_OFFICIAL, "wangfang",
                KeyProjectLeadProcess.LEAD_DEPARTMENT, "unit-street-jinzhong"), "牵头部门不存在：unit-street-jinzhong");
        test.complete(pi, KeyProjectLeadProcess.TASK_PROPOSE, null, "huangtao", HEZUO, Map.of(KeyProjectLeadProcess.LEAD_OFFICIAL, "wangfang",
                KeyProjectLeadProcess.LEAD_DEPARTMENT, "dept-gongxin"));

        test.refused(pi, KeyProjectLeadProcess.TASK_ACCEPT, null, "zhangjun", LEADER, Map.of(KeyProjectLeadProcess.LEAD_DECISION, "ACCEPT"),
                "只有包联领导（wangfang）本人可以办理「");
        test.refused(pi, KeyProjectLeadProcess.TASK_ACCEPT, null, "wangfang", LEADER, Map.of(KeyProjectLeadProcess.LEAD_DECISION, "DECLINE"),
                "婉拒时请说明理由");
        test.complete(pi, KeyProjectLeadProcess.TASK_ACCEPT, null, "wangfang", LEADER, Map.of(KeyProjectLeadProcess.LEAD_DECISION, "接受"));
        verify(records).lead(CODE, "wangfang", "dept-gongxin");

        test.refused(pi, KeyProjectLeadProcess.TASK_TEAM, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.TEAM_DEPARTMENTS,
                "dept-huanbao,unit-street-jinzhong", KeyProjectLeadProcess.HOST_CONTACT, "zhouxiaoyu"), "不是区级部门：unit-street-jinzhong");
        test.refused(pi, KeyProjectLeadProcess.TASK_TEAM, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.TEAM_DEPARTMENTS,
                "dept-huanbao", KeyProjectLeadProcess.HOST_CONTACT, "xuhui"), "联络人须为承载单位（金钟街道）的工作人员：xuhui");
        test.complete(pi, KeyProjectLeadProcess.TASK_TEAM, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.TEAM_DEPARTMENTS,
                "[\"dept-huanbao\",\"dept-xiaofang\"]", KeyProjectLeadProcess.HOST_CONTACT, "zhouxiaoyu"));

        test.refused(pi, KeyProjectLeadProcess.TASK_PLAN, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.PLAN_MILESTONES,
                "完成环评｜区生态环境局\n开工｜金钟街道｜2027-13-01"), "第1行应为：事项｜责任单位｜完成日期；第2行的完成日期应为 yyyy-MM-dd 格式");
        test.complete(pi, KeyProjectLeadProcess.TASK_PLAN, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.PLAN_MILESTONES,
                "完成环评｜区生态环境局｜2027-03-31\n开工｜金钟街道｜2027-06-30"));
        verify(team, atLeastOnce()).share(any(DelegateTask.class));

        test.refused(pi, KeyProjectLeadProcess.TASK_APPROVE_PLAN, null, "wangfang", LEADER, Map.of(KeyProjectLeadProcess.PLAN_DECISION, "RETURN"),
                "退回修改时请填写修改意见");
        test.complete(pi, KeyProjectLeadProcess.TASK_APPROVE_PLAN, null, "wangfang", LEADER, Map.of(KeyProjectLeadProcess.PLAN_DECISION, "APPROVE"));
        verify(records).planStatus(CODE, "APPROVED");

        Job reportMonth = test.engine().getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId("IntermediateCatchEvent_ReportMonthStarted").singleResult();
        test.engine().getManagementService().executeJob(reportMonth.getId());
        test.refused(pi, KeyProjectLeadProcess.TASK_REPORT, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.REPORT_PROGRESS, "环评已受理",
                KeyProjectLeadProcess.FUNDS_ARRIVED, -5), "不能为负数");
        test.refused(pi, KeyProjectLeadProcess.TASK_REPORT, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.REPORT_PROGRESS, "环评已受理",
                KeyProjectLeadProcess.FUNDS_ARRIVED, 1200, KeyProjectLeadProcess.NEEDS_COORDINATION, true), "需要协调时，请写明存在的问题");
        test.complete(pi, KeyProjectLeadProcess.TASK_REPORT, null, "maliang", GONGXIN, Map.of(KeyProjectLeadProcess.REPORT_PROGRESS, "环评已受理",
                KeyProjectLeadProcess.FUNDS_ARRIVED, 1200, KeyProjectLeadProcess.NEEDS_COORDINATION, true,
                KeyProjectLeadProcess.REPORT_PROBLEMS, "用电指标不足"));
        verify(records).report(eq(CODE), anyString(), eq("环评已受理"), eq(new BigDecimal("1200.00")), eq("用电指标不足"), eq(true), eq("maliang"));

        test.refused(pi, KeyProjectLeadProcess.TASK_COORDINATE, null, "zhangjun", LEADER, Map.of(KeyProjectLeadProcess.RESOLUTION, "已协调"),
                "只有包联领导（wangfang）本人可以办理「");
        test.complete(pi, KeyProjectLeadProcess.TASK_COORDINATE, null, "wangfang", LEADER,
                Map.of(KeyProjectLeadProcess.RESOLUTION, "协调供电公司增容"));
        verify(records).resolveProblem(12L, "协调供电公司增容", "wangfang");
        assertThat(pi).hasPassed("EndEvent_ProblemCoordinated");
    }

    private static void person(String id, String group) {
        IdentityService identity = test.engine().getIdentityService();
        User user = identity.newUser(id);
        identity.saveUser(user);
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            Group created = identity.newGroup(group);
            identity.saveGroup(created);
        }
        identity.createMembership(id, group);
    }

    /** Monthly reports start far ahead (the timer is fired by the test); the follow-through goes on. */
    public static class Schedule {

        public Date nextReportStart(DelegateExecution execution) {
            return new ProcessTestEngine.FarDates().dueDate(execution);
        }

        public Date reportDue(DelegateExecution execution) {
            return new ProcessTestEngine.FarDates().dueDate(execution);
        }

        public boolean followThroughEnded(DelegateExecution execution) {
            return false;
        }
    }
}
