package org.zhaoshang.agreement;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.ProcessTestEngine;

/**
 * The handlers of one milestone of 协议分阶段跟踪 on the real BPMN in an in-memory engine, without the application
 * ({@link ProcessTestEngine}): the responsible unit reports with evidence, the verifying department finds 达成 only at
 * the target (policy 003: "杜绝超前兑付、超额兑付"), below it a reasoned 例外达成 goes to the department head alone, a miss
 * is explained by the project's host unit now and decided by 合作交流办 with a date in the future.
 */
class AgreementTasksTest {

    static final String CODE = "ZS-TEST-0401";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final AgreementRecords records = mock(AgreementRecords.class);
    static final EvidenceService evidence = mock(EvidenceService.class);
    static final ProjectService projects = mock(ProjectService.class);
    static final AtomicReference<AgreementRecords.Milestone> milestone = new AtomicReference<>();
    static final AtomicReference<AgreementRecords.MetException> exception = new AtomicReference<>();
    static final AtomicReference<String> shortfall = new AtomicReference<>();
    static ProcessTestEngine test;

    @BeforeAll
    static void startEngine() {
        WorkingDayCalendar calendar = mock(WorkingDayCalendar.class);
        when(calendar.zone()).thenReturn(SHANGHAI);
        when(calendar.now()).thenAnswer(call -> Instant.now());
        when(records.milestone(anyLong())).thenAnswer(call -> milestone.get());
        when(records.latestException(anyLong())).thenAnswer(call -> Optional.ofNullable(exception.get()));
        doAnswer(call -> {
            milestone.set(with(milestone.get(), call.getArgument(1)));
            return null;
        }).when(records).report(anyLong(), any(), anyString(), anyString());
        doAnswer(call -> {
            AgreementRecords.Milestone m = call.getArgument(0);
            exception.set(new AgreementRecords.MetException(1, m.id(), m.actualValue(), m.targetValue(), call.getArgument(1),
                    call.getArgument(2), null, call.getArgument(3), null, null, null, null));
            return null;
        }).when(records).insertException(any(), anyString(), anyString(), anyString());
        doAnswer(call -> {
            AgreementRecords.Milestone m = milestone.get();
            milestone.set(new AgreementRecords.Milestone(m.id(), m.agreementId(), m.position(), m.type(), m.title(), m.targetValue(),
                    m.targetUnit(), m.dueOn(), m.responsibleUnit(), m.verifyingDepartment(), call.getArgument(1), m.actualValue(), m.reportText(),
                    m.reportedBy(), m.reportedAt(), call.getArgument(3), null, call.getArgument(2), m.signedTarget()));
            return null;
        }).when(records).verify(anyLong(), any(), any(), anyString());
        doAnswer(call -> {
            AgreementRecords.MetException e = exception.get();
            exception.set(new AgreementRecords.MetException(e.id(), e.milestoneId(), e.actualValue(), e.targetValue(), e.reason(),
                    e.requestedBy(), e.requestedAt(), e.approver(), (boolean) call.getArgument(1) ? "APPROVED" : "REJECTED", call.getArgument(2),
                    call.getArgument(3), null));
            return null;
        }).when(records).decideException(anyLong(), anyBoolean(), any(), anyString());
        doAnswer(call -> {
            shortfall.set(call.getArgument(1));
            return null;
        }).when(records).decide(anyLong(), anyString(), anyString(), anyString());
        InvestmentProject project = mock(InvestmentProject.class);
        when(project.hostUnit()).thenReturn("unit-street-junliangcheng"); // moved since the agreement was signed
        when(projects.find(CODE)).thenReturn(Optional.of(project));
        AgreementSteps steps = new AgreementSteps(records, evidence, projects, calendar, mock(AgreementProperties.class),
                ProcessTestEngine.directory());
        AgreementTasks tasks = new AgreementTasks(steps, records, projects, calendar, mock(AgreementExpressions.class));
        test = ProcessTestEngine.start("agreement-tasks", tasks, ProcessTestEngine.directory(), Map.of("agreements", new Agreements()),
                List.of("openFollowUpDelegate", "recordMilestoneMetDelegate", "terminateAgreementDelegate"),
                "processes/agreement-follow-up.bpmn");
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @Test
    void reportedByItsUnitMetOnlyAtTheTargetAnExceptionByTheHeadAMissExplainedAndDecided() {
        milestone.set(new AgreementRecords.Milestone(5, 3, 1, MilestoneType.FUNDING, "资金到位", new BigDecimal("3000"), "万元",
                LocalDate.now(SHANGHAI).plusDays(10), "unit-street-jinzhong", "dept-gongxin", MilestoneStatus.PENDING, null, null, null, null,
                null, null, null, new BigDecimal("3000")));
        exception.set(null);
        ProcessInstance pi = test.engine().getRuntimeService().createProcessInstanceByKey(AgreementProcess.PROCESS_KEY).businessKey(CODE)
                .startBeforeActivity(AgreementProcess.TASK_REPORT).setVariable(AgreementProcess.AGREEMENT_ID, 3L)
                .setVariable(AgreementProcess.MILESTONE_ID, 5L).execute();

        test.refused(pi, AgreementProcess.TASK_REPORT, null, "guoqiang", List.of("unit-street-junliangcheng"),
                Map.of(AgreementProcess.ACTUAL_VALUE, 2950, AgreementProcess.REPORT_TEXT, "到位2950万元"), "只有金钟街道的人员可以办理");
        when(evidence.count(5L)).thenReturn(0L);
        test.refused(pi, AgreementProcess.TASK_REPORT, null, "zhouxiaoyu", List.of("unit-street-jinzhong"),
                Map.of(AgreementProcess.ACTUAL_VALUE, 2950, AgreementProcess.REPORT_TEXT, "到位2950万元"), "请先在项目页面上传佐证材料");
        when(evidence.count(5L)).thenReturn(1L);
        test.refused(pi, AgreementProcess.TASK_REPORT, null, "zhouxiaoyu", List.of("unit-street-jinzhong"),
                Map.of(AgreementProcess.ACTUAL_VALUE, "约三千", AgreementProcess.REPORT_TEXT, "到位"), "实际完成值须为数字");
        test.complete(pi, AgreementProcess.TASK_REPORT, null, "zhouxiaoyu", List.of("unit-street-jinzhong"),
                Map.of(AgreementProcess.ACTUAL_VALUE, 2950, AgreementProcess.REPORT_TEXT, "到位2950万元"));

        test.refused(pi, AgreementProcess.TASK_VERIFY, null, "tangchao", List.of("dept-keji"), Map.of(AgreementProcess.VERIFICATION, "MISSED",
                AgreementProcess.VERIFICATION_NOTE, "差50万"), "只有区工业和信息化局的人员可以办理");
        test.refused(pi, AgreementProcess.TASK_VERIFY, null, "maliang", List.of("dept-gongxin"), Map.of(AgreementProcess.VERIFICATION, "MET"),
                "核验为达成须实际完成值不低于目标");
        test.refused(pi, AgreementProcess.TASK_VERIFY, null, "maliang", List.of("dept-gongxin"), Map.of(AgreementProcess.VERIFICATION, "OK"),
                "请选择核验结论（达成、例外达成或未达成）");
        test.complete(pi, AgreementProcess.TASK_VERIFY, null, "maliang", List.of("dept-gongxin"), Map.of(AgreementProcess.VERIFICATION,
                "MET_BY_EXCEPTION", AgreementProcess.VERIFICATION_NOTE, "差额系汇率折算所致"));
        verify(records).insertException(any(), eq("差额系汇率折算所致"), eq("maliang"), eq("gaofeng"));

        test.refused(pi, AgreementProcess.TASK_APPROVE_EXCEPTION, null, "maliang", List.of("dept-gongxin"),
                Map.of(AgreementProcess.EXCEPTION_DECISION, "APPROVE"), "只有部门负责人（gaofeng）可以审批例外达成");
        test.refused(pi, AgreementProcess.TASK_APPROVE_EXCEPTION, null, "gaofeng", List.of("dept-gongxin"),
                Map.of(AgreementProcess.EXCEPTION_DECISION, "REJECT"), "不批准例外达成时请说明理由");
        test.complete(pi, AgreementProcess.TASK_APPROVE_EXCEPTION, null, "gaofeng", List.of("dept-gongxin"),
                Map.of(AgreementProcess.EXCEPTION_DECISION, "REJECT", AgreementProcess.EXCEPTION_NOTE, "汇率风险应由企业承担"));
        verify(records).verify(eq(5L), eq(MilestoneStatus.MISSED), anyString(), eq("gaofeng"));

        // The project moved since the agreement: its host unit now explains.
        test.refused(pi, AgreementProcess.TASK_EXPLAIN, null, "zhouxiaoyu", List.of("unit-street-jinzhong"),
                Map.of(AgreementProcess.EXPLANATION, "汇率"), "只有军粮城街道的人员可以办理");
        test.complete(pi, AgreementProcess.TASK_EXPLAIN, null, "guoqiang", List.of("unit-street-junliangcheng"),
                Map.of(AgreementProcess.EXPLANATION, "外方资金受汇率影响，下月补足"));

        test.refused(pi, AgreementProcess.TASK_DECIDE, null, "huangtao", List.of("dept-hezuo"), Map.of(AgreementProcess.SHORTFALL_DECISION,
                "RESCHEDULE", AgreementProcess.NEW_DUE_DATE, LocalDate.now(SHANGHAI).toString(), AgreementProcess.DECISION_NOTE, "延期"),
                "新的完成时限须晚于今天");
        test.refused(pi, AgreementProcess.TASK_DECIDE, null, "huangtao", List.of("dept-hezuo"), Map.of(AgreementProcess.SHORTFALL_DECISION,
                "POSTPONE", AgreementProcess.DECISION_NOTE, "延期"), "请选择督办决定（调整日期、重新协商、豁免该节点或终止协议）");
        test.complete(pi, AgreementProcess.TASK_DECIDE, null, "huangtao", List.of("dept-hezuo"), Map.of(AgreementProcess.SHORTFALL_DECISION,
                "豁免该节点", AgreementProcess.DECISION_NOTE, "差额不足2%，豁免"));
        verify(records).decide(5L, "WAIVE", "差额不足2%，豁免", "huangtao");
        assertThat(pi).hasPassed("EndEvent_MilestoneWaived");
    }

    private static AgreementRecords.Milestone with(AgreementRecords.Milestone m, BigDecimal actual) {
        return new AgreementRecords.Milestone(m.id(), m.agreementId(), m.position(), m.type(), m.title(), m.targetValue(), m.targetUnit(),
                m.dueOn(), m.responsibleUnit(), m.verifyingDepartment(), m.status(), actual, m.reportText(), m.reportedBy(),
                m.reportedAt(), m.verifiedBy(), m.verifiedAt(), m.verificationNote(), m.signedTarget());
    }

    /** What the model asks of the agreement, answered from the milestone above and the decisions the tasks stored. */
    public static class Agreements {

        private static final Date FAR = Date.from(Instant.parse("2099-01-01T00:00:00Z"));

        public String responsibleUnit(DelegateExecution execution) {
            return milestone.get().responsibleUnit();
        }

        public String verifyingDepartment(DelegateExecution execution) {
            return milestone.get().verifyingDepartment();
        }

        public String hostUnit(DelegateExecution execution) {
            return "unit-street-jinzhong"; // as the agreement was signed; the task's rule asks the project now
        }

        public String exceptionApprover(DelegateExecution execution) {
            return exception.get() == null ? null : exception.get().approver();
        }

        public String exceptionApproverGroup(DelegateExecution execution) {
            return milestone.get().verifyingDepartment();
        }

        public boolean met(DelegateExecution execution) {
            return milestone.get().status() == MilestoneStatus.MET;
        }

        public boolean exceptionPending(DelegateExecution execution) {
            return exception.get() != null && exception.get().pending();
        }

        public String shortfallDecision(DelegateExecution execution) {
            return shortfall.get();
        }

        public boolean targetChangePending(DelegateExecution execution) {
            return false;
        }

        public boolean targetChangeApproved(DelegateExecution execution) {
            return false;
        }

        public boolean terminated(DelegateExecution execution) {
            return false;
        }

        public boolean landed(DelegateExecution execution) {
            return false;
        }

        public boolean anyToRecover(DelegateExecution execution) {
            return false;
        }

        public boolean paymentApproved(DelegateExecution execution) {
            return false;
        }

        public boolean evaluationDone(DelegateExecution execution) {
            return true;
        }

        public Date reportWindowOpens(DelegateExecution execution) {
            return FAR;
        }

        public Date milestoneDue(DelegateExecution execution) {
            return FAR;
        }

        public Date evaluationOpensAfterLanding(DelegateExecution execution) {
            return FAR;
        }

        public String milestoneSummary(DelegateExecution execution) {
            return milestone.get().title();
        }

        public String evidenceSummary(DelegateExecution execution) {
            return "1 份佐证材料";
        }

        public String exceptionSummary(DelegateExecution execution) {
            return "例外达成申请";
        }

        public String agreementSummary(DelegateExecution execution) {
            return "";
        }

        public String recoverySummary(DelegateExecution execution) {
            return "";
        }

        public String paymentSummary(DelegateExecution execution) {
            return "";
        }

        public String targetChangeSummary(DelegateExecution execution) {
            return "";
        }

        public String evaluationSummary(DelegateExecution execution) {
            return "";
        }
    }
}
