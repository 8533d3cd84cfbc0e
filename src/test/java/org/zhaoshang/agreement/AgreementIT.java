package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;
import org.zhaoshang.system.ApiException;

/**
 * 协议分阶段跟踪 through the real BPMN: milestones verified in order move the stage, the first of them (落地)
 * starts the post-evaluation; a miss is rescheduled or ends the agreement with recovery; the three payment rules;
 * concurrent requests against one cap; reminders and escalations on the right working day.
 */
@IntegrationTest
class AgreementIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final StaffUser HEZUO = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));
    static final StaffUser OTHER_UNIT = new StaffUser("xuhui", "徐辉", List.of("unit-street-huaming"));
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF".getBytes();

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AgreementService agreements;
    @Autowired
    AgreementRecords records;
    @Autowired
    IncentivePaymentService payments;
    @Autowired
    EvidenceService evidence;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void milestonesMetInOrderMoveTheStageToOperatingAndStartTheYearlyPostEvaluation() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("分阶段跟踪全流程项目");
        long id = register(code, "XY-FULL", List.of(
                milestone("REGISTRATION", null, "1", "2026-04-30"),
                milestone("FUNDING", null, "3000", "2026-06-30"),
                milestone("CONSTRUCTION", null, "1", "2026-09-30"),
                milestone("OPERATION", null, "1", "2026-12-31"),
                milestone("ANNUAL_TAX", "达产后年度税收", "500", "2027-12-31")),
                List.of(new AgreementRegistration.IncentivePlan("落地奖励", new BigDecimal("200"), List.of(1)),
                        new AgreementRegistration.IncentivePlan("投产奖励", new BigDecimal("500"), List.of(4))));
        String pi = pi(id);
        assertThat(stage(code)).isEqualTo(ProjectStage.SIGNED);
        // Nothing to report before a milestone's window opens (20 working days before its date).
        assertThat(openTasks(pi, AgreementProcess.TASK_REPORT)).isEmpty();

        List<AgreementRecords.Milestone> ms = records.milestones(id);
        meet(pi, ms.get(0), "2026-04-15T09:00", "1");
        assertThat(stage(code)).isEqualTo(ProjectStage.REGISTERED);

        long payment = payments.request(id, incentive(id, "落地奖励"), new BigDecimal("150"), "企业申请", OFFICER);
        assertThat(records.payment(payment).status()).isEqualTo("REQUESTED");
        Task review = single(pi, AgreementProcess.TASK_REVIEW_PAYMENT);
        assertThat(engine.getTaskService().getVariable(review.getId(), AgreementProcess.PAYMENT_SUMMARY).toString())
                .contains("落地奖励", "150", "已通过超前、超额、超范围兑付检查");
        Tasks.assertOnlyItsOwnerCompletes(engine, review.getId(), "huangtao", "区发展改革委的人员");
        Tasks.completeTaskAs(engine, review.getId(), "jiangning", Map.of(AgreementProcess.PAYMENT_DECISION, "APPROVE"));
        assertThat(records.payment(payment).status()).isEqualTo("PAID");

        meet(pi, ms.get(1), "2026-06-15T09:00", "3200");
        assertThat(stage(code)).isEqualTo(ProjectStage.FUNDED);
        meet(pi, ms.get(2), "2026-09-15T09:00", "1");
        assertThat(stage(code)).isEqualTo(ProjectStage.CONSTRUCTION);
        meet(pi, ms.get(3), "2026-12-16T09:00", "1");
        assertThat(stage(code)).isEqualTo(ProjectStage.OPERATING);

        // 落地 (注册落地 verified on 15 April) started the post-evaluation: year one opens on its anniversary.
        Job yearOne = engine.getManagementService().createJobQuery().processInstanceId(pi)
                .activityId(AgreementProcess.EVALUATION_TIMER).singleResult();
        assertThat(yearOne).isNotNull();
        assertThat(yearOne.getDuedate()).isEqualTo(at("2027-04-15T09:00"));
        clockAt("2027-04-15T09:30");
        runDueJobs(engine, pi);
        Task evaluation = single(pi, AgreementProcess.TASK_EVALUATE);
        assertThat(engine.getTaskService().getIdentityLinksForTask(evaluation.getId())).anyMatch(l -> "dept-gongxin".equals(l.getGroupId()));
        assertThat(engine.getTaskService().getVariable(evaluation.getId(), AgreementProcess.EVALUATION_SUMMARY).toString())
                .contains("第 1 年", "年度税收：500 万元");
        Tasks.assertOnlyItsOwnerCompletes(engine, evaluation.getId(), "tangchao", "区工业和信息化局的人员");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, evaluation.getId(), "maliang", Map.of(AgreementProcess.FIXED_ASSET_INVESTMENT, -1,
                AgreementProcess.JOBS, 100, AgreementProcess.OUTPUT_VALUE, 20000, AgreementProcess.TAX, 300)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不能为负数");
        Tasks.completeTaskAs(engine, evaluation.getId(), "maliang", Map.of(AgreementProcess.FIXED_ASSET_INVESTMENT, 8000,
                AgreementProcess.JOBS, 120, AgreementProcess.OUTPUT_VALUE, 20000, AgreementProcess.TAX, 300));
        List<AgreementRecords.EvaluationReport> reports = records.evaluations(id);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).yearNo()).isEqualTo(1);
        assertThat(reports.get(0).shortfallFlagged()).as("税收 300 against 500 is 40%% short").isTrue();
        assertThat(reports.get(0).comparison()).contains("税收 目标 500 实际 300（差 40.0%）【未达标预警】");
        // The loop waits for year two (15 April 2028 is a Saturday).
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(AgreementProcess.EVALUATION_TIMER)
                .singleResult().getDuedate()).isEqualTo(at("2028-04-17T09:00"));
        assertThat(projects.history(projects.find(code).orElseThrow())).extracting(h -> h.toStage())
                .contains(ProjectStage.SIGNED, ProjectStage.REGISTERED, ProjectStage.FUNDED, ProjectStage.CONSTRUCTION, ProjectStage.OPERATING);
    }

    @Test
    void aMissedMilestoneIsRescheduledAndThenMet() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("调整日期项目");
        long id = register(code, "XY-RESCHEDULE", List.of(milestone("CONSTRUCTION", null, "1", "2026-04-30")), List.of());
        String pi = pi(id);
        AgreementRecords.Milestone m = records.milestones(id).get(0);
        clockAt("2026-04-20T09:00");
        runDueJobs(engine, pi);
        // Each step belongs to its unit: the milestone's responsible unit, its verifying department, the host, 合作交流办.
        Tasks.assertOnlyItsOwnerCompletes(engine, single(pi, AgreementProcess.TASK_REPORT).getId(), "xuhui", "金钟街道的人员");
        // The report needs evidence: a link given in the form counts.
        assertThatThrownBy(() -> completeAs(pi, AgreementProcess.TASK_REPORT, "zhouxiaoyu",
                Map.of(AgreementProcess.ACTUAL_VALUE, 0, AgreementProcess.REPORT_TEXT, "施工许可未批")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请先在项目页面上传佐证材料");
        completeAs(pi, AgreementProcess.TASK_REPORT, "zhouxiaoyu", Map.of(AgreementProcess.ACTUAL_VALUE, 0,
                AgreementProcess.REPORT_TEXT, "施工许可未批", AgreementProcess.EVIDENCE_LINK, "https://example.gov.cn/xuke/123"));
        Tasks.assertOnlyItsOwnerCompletes(engine, single(pi, AgreementProcess.TASK_VERIFY).getId(), "tangchao", "区工业和信息化局的人员");
        assertThatThrownBy(() -> completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MISSED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请说明理由");
        completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MISSED",
                AgreementProcess.VERIFICATION_NOTE, "未开工"));
        assertThat(records.milestone(m.id()).status()).isEqualTo(MilestoneStatus.MISSED);
        Tasks.assertOnlyItsOwnerCompletes(engine, single(pi, AgreementProcess.TASK_EXPLAIN).getId(), "xuhui", "金钟街道的人员");
        completeAs(pi, AgreementProcess.TASK_EXPLAIN, "zhouxiaoyu", Map.of(AgreementProcess.EXPLANATION, "施工许可延后，预计7月开工"));
        Tasks.assertOnlyItsOwnerCompletes(engine, single(pi, AgreementProcess.TASK_DECIDE).getId(), "maliang", "区合作交流办的人员");
        assertThatThrownBy(() -> completeAs(pi, AgreementProcess.TASK_DECIDE, "huangtao", Map.of(AgreementProcess.SHORTFALL_DECISION,
                "RESCHEDULE", AgreementProcess.NEW_DUE_DATE, "2026-04-01", AgreementProcess.DECISION_NOTE, "同意延期")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("新的完成时限须晚于今天");
        completeAs(pi, AgreementProcess.TASK_DECIDE, "huangtao", Map.of(AgreementProcess.SHORTFALL_DECISION, "RESCHEDULE",
                AgreementProcess.NEW_DUE_DATE, "2026-07-31", AgreementProcess.DECISION_NOTE, "同意延期至7月底"));
        AgreementRecords.Milestone adjusted = records.milestone(m.id());
        assertThat(adjusted.status()).isEqualTo(MilestoneStatus.ADJUSTED);
        assertThat(adjusted.dueOn()).isEqualTo(LocalDate.parse("2026-07-31"));
        assertThat(records.amendments(id)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("RESCHEDULE");
            assertThat(a.oldDueOn()).isEqualTo(LocalDate.parse("2026-04-30"));
            assertThat(a.agreementVersion()).isEqualTo(2);
        });
        assertThat(openTasks(pi, AgreementProcess.TASK_REPORT)).as("waits for the new window").isEmpty();
        meet(pi, adjusted, "2026-07-20T09:00", "1");
        assertThat(stage(code)).isEqualTo(ProjectStage.CONSTRUCTION);
        Tasks.assertOnlyItsOwnerCompletes(engine, single(pi, AgreementProcess.TASK_CLOSE).getId(), "zhouxiaoyu", "区合作交流办的人员");
        completeAs(pi, AgreementProcess.TASK_CLOSE, "huangtao", Map.of());
        assertThat(records.agreement(id).orElseThrow().status()).isEqualTo("FULFILLED");
        // Closed, the case goes on only for the five-year post-evaluation from 落地 (开工 verified on 20 July).
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).count()).isZero();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(AgreementProcess.EVALUATION_TIMER)
                .singleResult().getDuedate()).isEqualTo(at("2027-07-20T09:00"));
    }

    @Test
    void aMissedMilestoneCanEndTheAgreementAndPaidIncentivesGoToRecovery() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("终止协议项目");
        long id = register(code, "XY-TERMINATE", List.of(milestone("REGISTRATION", null, "1", "2026-04-30"),
                milestone("CONSTRUCTION", null, "1", "2026-09-30"), milestone("OPERATION", null, "1", "2027-06-30")),
                List.of(new AgreementRegistration.IncentivePlan("落地奖励", new BigDecimal("100"), List.of(1))));
        String pi = pi(id);
        List<AgreementRecords.Milestone> ms = records.milestones(id);
        meet(pi, ms.get(0), "2026-04-15T09:00", "1");
        long paid = payments.request(id, incentive(id, "落地奖励"), new BigDecimal("80"), null, HEZUO);
        Tasks.completeTaskAs(engine, single(pi, AgreementProcess.TASK_REVIEW_PAYMENT).getId(), "jiangning",
                Map.of(AgreementProcess.PAYMENT_DECISION, "APPROVE"));
        long pending = payments.request(id, incentive(id, "落地奖励"), new BigDecimal("20"), null, HEZUO);

        clockAt("2026-09-15T09:00");
        runDueJobs(engine, pi);
        evidence.upload(ms.get(1).id(), "现场照片.pdf", PDF, null, OFFICER);
        completeAs(pi, AgreementProcess.TASK_REPORT, "zhouxiaoyu", Map.of(AgreementProcess.ACTUAL_VALUE, 0, AgreementProcess.REPORT_TEXT, "未开工"));
        completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MISSED", AgreementProcess.VERIFICATION_NOTE, "未开工"));
        completeAs(pi, AgreementProcess.TASK_EXPLAIN, "zhouxiaoyu", Map.of(AgreementProcess.EXPLANATION, "企业资金链断裂"));
        completeAs(pi, AgreementProcess.TASK_DECIDE, "huangtao", Map.of(AgreementProcess.SHORTFALL_DECISION, "TERMINATE",
                AgreementProcess.DECISION_NOTE, "企业无力履约"));

        assertThat(stage(code)).isEqualTo(ProjectStage.TERMINATED);
        assertThat(records.agreement(id).orElseThrow().status()).isEqualTo("TERMINATED");
        assertThat(records.payment(paid).recoveryStatus()).isEqualTo("TO_RECOVER");
        assertThat(records.payment(pending).status()).isEqualTo("CANCELLED");
        // The other milestone's follow-up ended with the agreement; the payment review too.
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(AgreementProcess.WINDOW_TIMER).count()).isZero();
        assertThat(openTasks(pi, AgreementProcess.TASK_REVIEW_PAYMENT)).isEmpty();
        Task recovery = single(pi, AgreementProcess.TASK_RECOVER);
        assertThat(engine.getTaskService().getIdentityLinksForTask(recovery.getId())).anyMatch(l -> "dept-caizheng".equals(l.getGroupId()));
        assertThat(engine.getTaskService().getVariable(recovery.getId(), AgreementProcess.RECOVERY_SUMMARY).toString()).contains("落地奖励 80 万元");
        assertThatThrownBy(() -> payments.request(id, incentive(id, "落地奖励"), BigDecimal.ONE, null, HEZUO))
                .isInstanceOf(ApiException.class).hasMessageContaining("已终止");
        Tasks.assertOnlyItsOwnerCompletes(engine, recovery.getId(), "huangtao", "区财政局的人员");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, recovery.getId(), "qianhua", Map.of(AgreementProcess.RECOVERED_AMOUNT, 90,
                AgreementProcess.RECOVERY_NOTE, "已追回"))).isInstanceOf(ProcessEngineException.class).hasMessageContaining("不能超过应追回的 80 万元");
        Tasks.completeTaskAs(engine, recovery.getId(), "qianhua", Map.of(AgreementProcess.RECOVERED_AMOUNT, 80, AgreementProcess.RECOVERY_NOTE, "已全额追回"));
        assertThat(records.payment(paid).recoveryStatus()).isEqualTo("RECOVERED");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
    }

    @Test
    void eachPaymentRuleRefusesByNameAndRecordsNothing() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("兑付规则项目");
        long id = register(code, "XY-RULES", List.of(milestone("REGISTRATION", null, "1", "2026-04-30")),
                List.of(new AgreementRegistration.IncentivePlan("落地奖励", new BigDecimal("100"), List.of(1))));
        String other = approvedProject("另一个项目");
        long otherId = register(other, "XY-OTHER", List.of(milestone("REGISTRATION", null, "1", "2026-04-30")),
                List.of(new AgreementRegistration.IncentivePlan("人才奖励", new BigDecimal("50"), List.of(1))));
        String pi = pi(id);
        long before = paymentRows();

        assertRefused(() -> payments.request(id, incentive(id, "落地奖励"), new BigDecimal("10"), null, OFFICER),
                PaymentRules.Rule.AHEAD_OF_MILESTONE, "超前兑付");
        meet(pi, records.milestones(id).get(0), "2026-04-15T09:00", "1");
        assertRefused(() -> payments.request(id, incentive(id, "落地奖励"), new BigDecimal("100.01"), null, OFFICER),
                PaymentRules.Rule.OVER_CAP, "超额兑付");
        assertRefused(() -> payments.request(id, incentive(otherId, "人才奖励"), new BigDecimal("10"), null, OFFICER),
                PaymentRules.Rule.OUT_OF_SCOPE, "超范围兑付");
        assertRefused(() -> payments.request(id, 999_999L, new BigDecimal("10"), null, OFFICER), PaymentRules.Rule.OUT_OF_SCOPE, "超范围兑付");
        assertThat(paymentRows()).isEqualTo(before);
        assertThat(openTasks(pi, AgreementProcess.TASK_REVIEW_PAYMENT)).isEmpty();
        // Bad input and strangers are refused too, without a rule.
        assertThatThrownBy(() -> payments.request(id, incentive(id, "落地奖励"), new BigDecimal("-5"), null, OFFICER))
                .isInstanceOf(ApiException.class).hasMessageContaining("须大于0");
        assertThatThrownBy(() -> payments.request(id, incentive(id, "落地奖励"), BigDecimal.TEN, null, OTHER_UNIT))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status().value()).isEqualTo(404);

        long ok = payments.request(id, incentive(id, "落地奖励"), new BigDecimal("100"), null, OFFICER);
        assertThat(records.payment(ok).status()).isEqualTo("REQUESTED");
        // Under review, the reserved amount counts against the cap.
        assertRefused(() -> payments.request(id, incentive(id, "落地奖励"), new BigDecimal("1"), null, OFFICER),
                PaymentRules.Rule.OVER_CAP, "审核中 100 万元");
        Task review = single(pi, AgreementProcess.TASK_REVIEW_PAYMENT);
        Tasks.completeTaskAs(engine, review.getId(), "jiangning", Map.of(AgreementProcess.PAYMENT_DECISION, "REJECT",
                AgreementProcess.PAYMENT_NOTE, "材料不全"));
        assertThat(records.payment(ok).status()).isEqualTo("REJECTED");
        // A rejected request frees its amount.
        assertThat(payments.request(id, incentive(id, "落地奖励"), new BigDecimal("100"), null, OFFICER)).isPositive();
    }

    @Test
    void concurrentRequestsNeverTogetherExceedTheCap() throws Exception {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("并发兑付项目");
        long id = register(code, "XY-CONCURRENT", List.of(milestone("REGISTRATION", null, "1", "2026-04-30")),
                List.of(new AgreementRegistration.IncentivePlan("落地奖励", new BigDecimal("100"), List.of(1))));
        meet(pi(id), records.milestones(id).get(0), "2026-04-15T09:00", "1");
        long incentive = incentive(id, "落地奖励");
        int clients = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int n = 0; n < clients; n++) {
                Callable<String> call = () -> {
                    start.await();
                    try {
                        payments.request(id, incentive, new BigDecimal("60"), null, OFFICER);
                        return "OK";
                    } catch (IncentivePaymentService.PaymentRefused e) {
                        return e.rule().name();
                    }
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).containsOnlyOnce("OK").containsOnly("OK", "OVER_CAP");
        } finally {
            pool.shutdownNow();
        }
        assertThat(records.sumPayments(incentive, "REQUESTED", "PAID")).isEqualByComparingTo("60");
        assertThat(openTasks(pi(id), AgreementProcess.TASK_REVIEW_PAYMENT)).hasSize(1);
    }

    @Test
    void theReportIsRemindedTenWorkingDaysAheadAndEscalatedWhenLate() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("履约提醒项目");
        long id = register(code, "XY-REMIND", List.of(milestone("FUNDING", null, "2000", "2026-06-30")), List.of());
        String pi = pi(id);
        Job window = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(AgreementProcess.WINDOW_TIMER).singleResult();
        // 20 working days before 30 June, counting 端午 (19 June) off.
        assertThat(window.getDuedate()).isEqualTo(at("2026-06-01T09:00"));
        clockAt("2026-06-01T09:01");
        runDueJobs(engine, pi);
        Task report = single(pi, AgreementProcess.TASK_REPORT);
        assertThat(report.getDueDate()).isEqualTo(at("2026-06-30T18:00"));
        assertThat(engine.getTaskService().getIdentityLinksForTask(report.getId())).anyMatch(l -> "unit-street-jinzhong".equals(l.getGroupId()));
        assertThat(timer(pi, "BoundaryEvent_ReportFulfilmentReminder")).isEqualTo(at("2026-06-15T09:00"));
        assertThat(timer(pi, "BoundaryEvent_ReportFulfilmentOverdue")).isEqualTo(at("2026-06-30T18:00"));
        assertThat(timer(pi, "BoundaryEvent_ReportFulfilmentSupervision")).isEqualTo(at("2026-07-07T18:00"));
        clockAt("2026-06-12T18:00");
        assertThat(runDueJobs(engine, pi)).isZero();
        clockAt("2026-06-15T09:00");
        runDueJobs(engine, pi);
        assertThat(outbox(report.getId(), 0)).contains("zhouxiaoyu");
        clockAt("2026-06-30T18:00");
        runDueJobs(engine, pi);
        assertThat(outbox(report.getId(), 1)).as("the officer's supervisor").contains("liujianguo");
    }

    @Test
    void registrationRefusesBadAgreementsAndWritesNothing() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("登记校验项目");
        long before = jdbc.sql("SELECT COUNT(*) FROM agreement").query(Long.class).single();
        assertField(() -> register(code, "XY-BAD1", List.of(milestone("REGISTRATION", null, "1", "2026-02-01")), List.of()),
                "milestones[1].dueOn", "完成时限须晚于签约日期");
        assertField(() -> register(code, "XY-BAD2", List.of(milestone("FUNDING", null, "-1", "2026-05-01")), List.of()),
                "milestones[1].targetValue", "不能为负数");
        assertField(() -> register(code, "XY-BAD3", List.of(milestone("REGISTRATION", null, "1", "2026-05-01")),
                List.of(new AgreementRegistration.IncentivePlan("奖励", BigDecimal.TEN, List.of()))), "incentives[1].unlockedBy", "至少一个履约节点");
        assertField(() -> register(code, "XY-BAD4", List.of(milestone("REGISTRATION", null, "1", "2026-05-01")),
                List.of(new AgreementRegistration.IncentivePlan("奖励", BigDecimal.TEN, List.of(2)))), "incentives[1].unlockedBy", "不在本协议中");
        assertField(() -> register(code, "XY-BAD5", List.of(milestone("土地出让", null, "1", "2026-05-01")), List.of()),
                "milestones[1].type", "请选择节点类型");
        assertThatThrownBy(() -> agreements.register(code, registration("XY-BAD6", List.of(milestone("REGISTRATION", null, "1", "2026-05-01")),
                List.of()), OTHER_UNIT)).isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status().value()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agreement").query(Long.class).single()).isEqualTo(before);
        assertThat(stage(code)).isEqualTo(ProjectStage.APPROVED);
        register(code, "XY-GOOD", List.of(milestone("REGISTRATION", null, "1", "2026-05-01")), List.of());
        assertThatThrownBy(() -> register(code, "XY-SECOND", List.of(milestone("REGISTRATION", null, "1", "2026-05-01")), List.of()))
                .isInstanceOf(ApiException.class).hasMessageContaining("已批准");
    }

    // --- helpers ---

    /** Opens the milestone's window at {@code when}, reports with a PDF and has it verified 达成. */
    void meet(String pi, AgreementRecords.Milestone milestone, String when, String actual) {
        clockAt(when);
        runDueJobs(engine, pi);
        Task report = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(AgreementProcess.TASK_REPORT)
                .list().stream().filter(t -> milestone.id() == ((Number) engine.getTaskService().getVariable(t.getId(),
                        AgreementProcess.MILESTONE_ID)).longValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no report task for " + milestone.title()));
        evidence.upload(milestone.id(), milestone.title() + "证明.pdf", PDF, null, OFFICER);
        assertThat(engine.getTaskService().getVariable(report.getId(), AgreementProcess.EVIDENCE_SUMMARY).toString())
                .as("the open report task shows evidence uploaded after it opened").contains(milestone.title() + "证明.pdf");
        Tasks.completeTaskAs(engine, report.getId(), "zhouxiaoyu", Map.of(AgreementProcess.ACTUAL_VALUE, actual,
                AgreementProcess.REPORT_TEXT, milestone.title() + "已完成"));
        Task verify = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(AgreementProcess.TASK_VERIFY)
                .list().stream().filter(t -> milestone.id() == ((Number) engine.getTaskService().getVariable(t.getId(),
                        AgreementProcess.MILESTONE_ID)).longValue()).findFirst().orElseThrow();
        assertThat(engine.getTaskService().getVariable(verify.getId(), AgreementProcess.EVIDENCE_SUMMARY).toString())
                .contains("证明.pdf](/api/evidence/");
        Tasks.completeTaskAs(engine, verify.getId(), "maliang", Map.of(AgreementProcess.VERIFICATION, "MET"));
        assertThat(records.milestone(milestone.id()).status()).isEqualTo(MilestoneStatus.MET);
    }

    String approvedProject(String name) {
        String code = projects.register(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("8000"), null,
                new BigDecimal("0"), "unit-street-jinzhong", null, false, null, null, null), OFFICER).code();
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "测试", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "huangtao", "测试", null, null);
        return code;
    }

    long register(String code, String no, List<AgreementRegistration.MilestonePlan> milestones, List<AgreementRegistration.IncentivePlan> incentives) {
        return agreements.register(code, registration(no, milestones, incentives), HEZUO);
    }

    static AgreementRegistration registration(String no, List<AgreementRegistration.MilestonePlan> milestones,
            List<AgreementRegistration.IncentivePlan> incentives) {
        return new AgreementRegistration(no, LocalDate.parse("2026-03-01"), "东丽区人民政府；测试科技有限公司", new BigDecimal("8000"),
                milestones, incentives);
    }

    static AgreementRegistration.MilestonePlan milestone(String type, String title, String target, String due) {
        return new AgreementRegistration.MilestonePlan(type, title, new BigDecimal(target), null, LocalDate.parse(due), null, null);
    }

    String pi(long agreementId) {
        return records.agreement(agreementId).orElseThrow().processInstanceId();
    }

    long incentive(long agreementId, String name) {
        return records.incentives(agreementId).stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow().id();
    }

    ProjectStage stage(String code) {
        return projects.find(code).orElseThrow().stage();
    }

    java.util.Date timer(String pi, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(activityId).singleResult().getDuedate();
    }

    List<Task> openTasks(String pi, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).list();
    }

    Task single(String pi, String key) {
        List<Task> tasks = openTasks(pi, key);
        assertThat(tasks).as("open %s", key).hasSize(1);
        return tasks.get(0);
    }

    void completeAs(String pi, String key, String user, Map<String, Object> variables) {
        Tasks.completeTaskAs(engine, single(pi, key).getId(), user, variables);
    }

    long paymentRows() {
        return jdbc.sql("SELECT COUNT(*) FROM incentive_payment").query(Long.class).single();
    }

    List<String> outbox(String taskId, int level) {
        return jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :t AND escalation_level = :l")
                .param("t", taskId).param("l", level).query(String.class).list();
    }

    static void assertRefused(Runnable call, PaymentRules.Rule rule, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IncentivePaymentService.PaymentRefused.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.getMessage()).startsWith(rule.label()).contains(message);
        });
    }

    static void assertField(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
