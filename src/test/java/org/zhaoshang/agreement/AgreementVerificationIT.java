package org.zhaoshang.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.briefing.TaxFigures;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/**
 * Issue 21 (7, 8) through the real BPMN of 协议分阶段跟踪: verification compares the actual with the target, an
 * exception needs the department head, a target change after a miss needs the district's leaders and pays pro
 * rata, and the five-year post-evaluation runs from 落地 for every landed project.
 */
@IntegrationTest
class AgreementVerificationIT {

    static final StaffUser OFFICER = AgreementIT.OFFICER;
    static final StaffUser HEZUO = AgreementIT.HEZUO;

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
    PostEvaluationQuery postEvaluations;
    @Autowired
    TaxFigures taxFigures;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    @DisplayName("达成 is refused when the actual is below the target; a reasoned exception is approved by the department head "
            + "(policy 003: \"强化招商协议履行情况后续跟踪，杜绝超前兑付、超额兑付、超范围兑付\")")
    void belowTargetIsNotMetUnlessTheDepartmentHeadApprovesAReasonedException() {
        String pi = fundingAgreement("例外达成项目", "XY-EXCEPTION", "智能制造");
        long id = agreementOf(pi);
        AgreementRecords.Milestone funding = records.milestones(id).get(0);
        report(pi, funding, "2950");

        // 达成 requires actual ≥ target: refused, nothing recorded, the task stays with the verifier.
        assertThatThrownBy(() -> completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MET")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("核验为达成须实际完成值不低于目标：报送实际值 2950 万元，目标 3000 万元");
        assertThat(records.milestone(funding.id()).status()).isEqualTo(MilestoneStatus.PENDING);
        assertThat(records.exceptions(id)).isEmpty();
        assertThatThrownBy(() -> completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang",
                Map.of(AgreementProcess.VERIFICATION, "MET_BY_EXCEPTION")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("例外达成须说明理由");

        completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MET_BY_EXCEPTION",
                AgreementProcess.VERIFICATION_NOTE, "差额50万元系汇率折算所致，外方资金已足额汇出"));
        assertThat(records.milestone(funding.id()).status()).as("not met before the head decides").isEqualTo(MilestoneStatus.PENDING);
        Task approval = single(pi, AgreementProcess.TASK_APPROVE_EXCEPTION);
        assertThat(approval.getAssignee()).as("the head of 工信局").isEqualTo("gaofeng");
        assertThat(engine.getTaskService().getVariable(approval.getId(), AgreementProcess.EXCEPTION_SUMMARY).toString())
                .contains("实际值 2950 低于目标 3000", "汇率折算");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, approval.getId(), "maliang", Map.of(AgreementProcess.EXCEPTION_DECISION, "APPROVE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("只有部门负责人（高峰）可以审批例外达成");

        Tasks.completeTaskAs(engine, approval.getId(), "gaofeng", Map.of(AgreementProcess.EXCEPTION_DECISION, "APPROVE",
                AgreementProcess.EXCEPTION_NOTE, "同意"));
        AgreementRecords.Milestone met = records.milestone(funding.id());
        assertThat(met.status()).isEqualTo(MilestoneStatus.MET);
        assertThat(met.verificationNote()).contains("例外达成", "汇率折算", "高峰 批准");
        assertThat(records.exceptions(id)).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo("APPROVED");
            assertThat(e.decidedBy()).isEqualTo("gaofeng");
            assertThat(e.requestedBy()).isEqualTo("maliang");
        });
        assertThat(projects.find(codeOf(pi)).orElseThrow().stage()).isEqualTo(ProjectStage.FUNDED);
        // The exception is the head's to accept, not a fund decision: the incentive pays 2950/3000 of its cap.
        long incentive = records.incentives(id).get(0).id();
        AgreementIT.assertRefused(() -> payments.request(id, incentive, new BigDecimal("100"), null, HEZUO),
                PaymentRules.Rule.OVER_PRO_RATA, "可兑付 100 × 98.33% = 98.33 万元");
        assertThat(payments.request(id, incentive, new BigDecimal("98.33"), null, HEZUO)).isPositive();
    }

    @Test
    @DisplayName("the head's own exception goes to the head's supervisor; a refused exception is 未达成 and opens 督办")
    void theHeadsOwnExceptionGoesUpAndARefusalOpensSupervision() {
        String pi = fundingAgreement("负责人例外项目", "XY-HEAD", "智能制造");
        AgreementRecords.Milestone funding = records.milestones(agreementOf(pi)).get(0);
        report(pi, funding, "2800");
        completeAs(pi, AgreementProcess.TASK_VERIFY, "gaofeng", Map.of(AgreementProcess.VERIFICATION, "MET_BY_EXCEPTION",
                AgreementProcess.VERIFICATION_NOTE, "企业承诺下月补足"));
        Task approval = single(pi, AgreementProcess.TASK_APPROVE_EXCEPTION);
        assertThat(approval.getAssignee()).as("高峰's supervisor, 副区长（分管工业）").isEqualTo("zhangjun");
        assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId())).anyMatch(l -> "leader".equals(l.getGroupId()));
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, approval.getId(), "zhangjun", Map.of(AgreementProcess.EXCEPTION_DECISION, "REJECT")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("不批准例外达成时请说明理由");
        Tasks.completeTaskAs(engine, approval.getId(), "zhangjun", Map.of(AgreementProcess.EXCEPTION_DECISION, "REJECT",
                AgreementProcess.EXCEPTION_NOTE, "承诺不能代替到位资金"));
        assertThat(records.milestone(funding.id()).status()).isEqualTo(MilestoneStatus.MISSED);
        assertThat(records.milestone(funding.id()).verificationNote()).contains("例外达成未获批准", "承诺不能代替到位资金");
        assertThat(single(pi, AgreementProcess.TASK_EXPLAIN)).isNotNull();
        assertThat(projects.find(codeOf(pi)).orElseThrow().stage()).isEqualTo(ProjectStage.SIGNED);
    }

    @Test
    @DisplayName("a missed target changes only by the district's decision, and the incentive it unlocks is paid pro rata (policy 001: "
            + "\"发改委牵头定期组织召开区政策资金领导小组会议，对提出资金支持的重大项目进行研究审议\"; 003: \"进一步规范重大招商项目的综合研判、政策拟定、审议决策等流程\")")
    void aMissGoesToTheLeadersAndTheChangedTargetPaysProRata() {
        String pi = fundingAgreement("目标变更项目", "XY-TARGET", "智能制造");
        long id = agreementOf(pi);
        AgreementRecords.Milestone funding = records.milestones(id).get(0);
        long incentive = records.incentives(id).get(0).id();
        missAndExplain(pi, funding, "2400");

        // 合作交流办 alone cannot lower the target: its choice is a proposal to the leaders.
        proposeTarget(pi, "2400", "2026-09-30");
        assertThat(records.milestone(funding.id()).targetValue()).isEqualByComparingTo("3000");
        assertThat(records.amendments(id)).isEmpty();
        Task leaders = single(pi, AgreementProcess.TASK_DECIDE_TARGET);
        assertThat(engine.getTaskService().getIdentityLinksForTask(leaders.getId())).anyMatch(l -> "leader".equals(l.getGroupId()));
        assertThat(engine.getTaskService().getVariable(leaders.getId(), AgreementProcess.TARGET_CHANGE_SUMMARY).toString())
                .contains("目标由 3000 变更为 2400", "资金到位奖励");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, leaders.getId(), "huangtao", Map.of(AgreementProcess.TARGET_DECISION, "APPROVE",
                AgreementProcess.TARGET_DECISION_NOTE, "自行同意"))).as("not a leader: Camunda refuses before the listener would")
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        Tasks.assertOnlyItsOwnerCompletes(engine, leaders.getId(), "huangtao", "区领导可以办理");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, leaders.getId(), "wangfang", Map.of(AgreementProcess.TARGET_DECISION, "APPROVE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请填写决定依据");

        // Not agreed: back to 合作交流办, the target unchanged.
        Tasks.completeTaskAs(engine, leaders.getId(), "wangfang", Map.of(AgreementProcess.TARGET_DECISION, "REJECT",
                AgreementProcess.TARGET_DECISION_NOTE, "请先核实企业后续出资计划"));
        assertThat(single(pi, AgreementProcess.TASK_DECIDE)).isNotNull();
        assertThat(records.milestone(funding.id()).targetValue()).isEqualByComparingTo("3000");

        proposeTarget(pi, "2400", "2026-09-30");
        completeAs(pi, AgreementProcess.TASK_DECIDE_TARGET, "wangfang", Map.of(AgreementProcess.TARGET_DECISION, "APPROVE",
                AgreementProcess.TARGET_DECISION_NOTE, "区政策资金领导小组2026年第2次会议研究同意"));
        AgreementRecords.Milestone changed = records.milestone(funding.id());
        assertThat(changed.status()).isEqualTo(MilestoneStatus.ADJUSTED);
        assertThat(changed.targetValue()).isEqualByComparingTo("2400");
        assertThat(changed.signedTarget()).isEqualByComparingTo("3000");
        assertThat(changed.dueOn()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(records.targetDecisions(id)).extracting(AgreementRecords.TargetDecision::decision).containsExactly("REJECTED", "APPROVED");
        assertThat(records.targetDecisions(id).get(1)).satisfies(d -> {
            assertThat(d.paymentBasis()).as("pro rata unless the decision says otherwise").isEqualTo("PRO_RATA");
            assertThat(d.decidedBy()).isEqualTo("wangfang");
            assertThat(d.decisionNote()).contains("领导小组");
        });
        assertThat(records.amendments(id)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("RENEGOTIATE");
            assertThat(a.oldTarget()).isEqualByComparingTo("3000");
            assertThat(a.newTarget()).isEqualByComparingTo("2400");
            assertThat(a.amendedBy()).isEqualTo("wangfang");
            assertThat(a.reason()).contains("区领导决定");
        });

        // Followed again against the new target: met, and the incentive pays 2400/3000 = 80% of its cap.
        clockAt("2026-09-10T09:30");
        runDueJobs(engine, pi);
        report(pi, changed, "2400");
        completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MET"));
        assertThat(records.milestone(funding.id()).status()).isEqualTo(MilestoneStatus.MET);
        AgreementIT.assertRefused(() -> payments.request(id, incentive, new BigDecimal("100"), null, HEZUO), PaymentRules.Rule.OVER_PRO_RATA,
                "实际完成 2400 万元，为协议签订时目标 3000 万元的 80%，按完成比例可兑付 100 × 80% = 80 万元");
        long payment = payments.request(id, incentive, new BigDecimal("80"), null, HEZUO);
        Tasks.completeTaskAs(engine, single(pi, AgreementProcess.TASK_REVIEW_PAYMENT).getId(), "jiangning",
                Map.of(AgreementProcess.PAYMENT_DECISION, "APPROVE"));
        assertThat(records.payment(payment).status()).isEqualTo("PAID");
        AgreementIT.assertRefused(() -> payments.request(id, incentive, new BigDecimal("0.01"), null, HEZUO), PaymentRules.Rule.OVER_PRO_RATA,
                "已兑付 80 万元");
    }

    @Test
    @DisplayName("\"unless that decision says otherwise\": the leaders may decide to pay the changed target's incentive in full")
    void theLeadersMayDecideToPayInFull() {
        String pi = fundingAgreement("全额兑付决定项目", "XY-FULL-PAY", "智能制造");
        long id = agreementOf(pi);
        AgreementRecords.Milestone funding = records.milestones(id).get(0);
        missAndExplain(pi, funding, "2400");
        proposeTarget(pi, "2400", "2026-09-30");
        completeAs(pi, AgreementProcess.TASK_DECIDE_TARGET, "zhangjun", Map.of(AgreementProcess.TARGET_DECISION, "APPROVE",
                AgreementProcess.PAYMENT_BASIS, "FULL", AgreementProcess.TARGET_DECISION_NOTE, "重大项目，领导小组研究决定全额兑付"));
        clockAt("2026-09-10T09:30");
        runDueJobs(engine, pi);
        report(pi, records.milestone(funding.id()), "2400");
        completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MET"));
        assertThat(payments.request(id, records.incentives(id).get(0).id(), new BigDecimal("100"), null, HEZUO)).isPositive();
    }

    @Test
    @DisplayName("后评价 from 落地 without a 投产 milestone, five yearly reports by 科技局 (policy 001: \"由农业农村委、工业和信息化局、商务局、"
            + "科学技术局等部门从项目落地到运营五年的时间内，持续统计固投、就业、产值、税收等指标，定期出具分析报告\")")
    void aLandedProjectIsEvaluatedYearlyForFiveYearsFromLanding() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("后评价落地项目", "生物医药");
        long id = agreements.register(code, AgreementIT.registration("XY-LANDED", List.of(
                AgreementIT.milestone("REGISTRATION", null, "1", "2026-04-30"),
                AgreementIT.milestone("ANNUAL_TAX", "年度税收", "500", "2030-12-31")), List.of()), HEZUO);
        String pi = records.agreement(id).orElseThrow().processInstanceId();
        AgreementRecords.Milestone registration = records.milestones(id).get(0);
        assertThat(registration.verifyingDepartment()).as("生物医药 → 区科技局").isEqualTo("dept-keji");
        clockAt("2026-04-15T09:00");
        runDueJobs(engine, pi);
        report(pi, registration, "1");
        completeAs(pi, AgreementProcess.TASK_VERIFY, "tangchao", Map.of(AgreementProcess.VERIFICATION, "MET"));
        assertThat(projects.find(code).orElseThrow().stage()).isEqualTo(ProjectStage.REGISTERED);
        assertThat(records.agreement(id).orElseThrow().landedOn()).isEqualTo(LocalDate.parse("2026-04-15"));

        String[] opens = {"2027-04-15T09:00", "2028-04-17T09:00", "2029-04-16T09:00", "2030-04-15T09:00", "2031-04-15T09:00"};
        for (int year = 1; year <= 5; year++) {
            Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(AgreementProcess.EVALUATION_TIMER)
                    .singleResult();
            assertThat(timer.getDuedate()).as("year %d opens on the landing's anniversary", year).isEqualTo(at(opens[year - 1]));
            clockAt(opens[year - 1].replace("09:00", "09:30"));
            runDueJobs(engine, pi);
            Task evaluation = single(pi, AgreementProcess.TASK_EVALUATE);
            assertThat(engine.getTaskService().getIdentityLinksForTask(evaluation.getId())).anyMatch(l -> "dept-keji".equals(l.getGroupId()));
            assertThat(engine.getTaskService().getVariable(evaluation.getId(), AgreementProcess.EVALUATION_SUMMARY).toString())
                    .contains("第 " + year + " 年（共 5 年", "自项目落地（2026-04-15）起计");
            Tasks.completeTaskAs(engine, evaluation.getId(), "tangchao", Map.of(AgreementProcess.FIXED_ASSET_INVESTMENT, 5000,
                    AgreementProcess.JOBS, 80 + year, AgreementProcess.OUTPUT_VALUE, 12000, AgreementProcess.TAX, 200 + 100 * year));
        }
        List<AgreementRecords.EvaluationReport> reports = records.evaluations(id);
        assertThat(reports).extracting(AgreementRecords.EvaluationReport::yearNo).containsExactly(1, 2, 3, 4, 5);
        assertThat(reports.get(0).periodStart()).isEqualTo(LocalDate.parse("2026-04-15"));
        assertThat(reports.get(0).periodEnd()).isEqualTo(LocalDate.parse("2027-04-14"));
        assertThat(reports).extracting(AgreementRecords.EvaluationReport::reportYear).containsExactly(2027, 2028, 2029, 2030, 2031);
        assertThat(reports.get(0).shortfallFlagged()).as("税收 300 against 500").isTrue();
        assertThat(reports.get(4).shortfallFlagged()).as("税收 700 against 500").isFalse();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(AgreementProcess.EVALUATION_TIMER).count())
                .as("five years, then done").isZero();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(AgreementProcess.TASK_EVALUATE).count()).isZero();

        // Tax per project and year, for the 三七分成.
        Map<String, BigDecimal> reportedTax = taxFigures.ofProject(code).stream().filter(f -> f.source() == TaxFigures.Source.EVALUATION)
                .collect(java.util.stream.Collectors.toMap(f -> f.period().label(), TaxFigures.Figure::amount));
        assertThat(reportedTax.get("2027")).isEqualByComparingTo("300");
        assertThat(reportedTax).containsKey("2031");
        assertThat(reportedTax.get("2031")).isEqualByComparingTo("700");
        assertThat(reportedTax).doesNotContainKey("2026");

        // The yearly report for the leaders: per project plan vs actual, the flag, the totals; a page and downloads.
        PostEvaluationQuery.YearReport year2027 = postEvaluations.yearReport(2027);
        PostEvaluationQuery.ProjectRow row = year2027.rows().stream().filter(r -> r.projectCode().equals(code)).findFirst().orElseThrow();
        assertThat(row.flagged()).isTrue();
        assertThat(row.indicators().get(3)).satisfies(tax -> {
            assertThat(tax.name()).isEqualTo("税收");
            assertThat(tax.target()).isEqualByComparingTo("500");
            assertThat(tax.actual()).isEqualByComparingTo("300");
            assertThat(tax.shortfallPercent()).isEqualByComparingTo("40.0");
            assertThat(tax.flagged()).isTrue();
        });
        assertThat(year2027.totals().get(3).actual()).isGreaterThanOrEqualTo(new BigDecimal("300"));
        Browser leader = new Browser(port);
        leader.login("wangfang", "demo");
        HttpResponse<String> page = leader.get("/post-evaluations/2027");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("2027年项目后评价报告", code, "后评价落地项目", "未达标预警", "合计", "科学技术局");
        assertThat(leader.get("/").body()).contains("href=\"/post-evaluations\"");
        HttpResponse<byte[]> xlsx = leader.getBytes("/post-evaluations/2027.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(xlsx.body()).startsWith((byte) 'P', (byte) 'K');
        String csv = leader.get("/post-evaluations/2027.csv").body();
        assertThat(csv).contains("税收目标（万元）", code, "后评价落地项目");
        assertThat(leader.get("/post-evaluations/abc").statusCode()).isEqualTo(404);
        Browser street = new Browser(port);
        street.login("zhouxiaoyu", "demo");
        assertThat(street.get("/post-evaluations/2027").statusCode()).isEqualTo(403);
        assertThat(street.get("/").body()).doesNotContain("href=\"/post-evaluations\"");
    }

    // --- helpers ---

    /** An approved project with a signed agreement: 资金到位 3000 万元 by 2026-06-30, unlocking 资金到位奖励 (cap 100). */
    String fundingAgreement(String name, String agreementNo, String industry) {
        clockAt("2026-03-02T09:00");
        String code = approvedProject(name, industry);
        long id = agreements.register(code, AgreementIT.registration(agreementNo, List.of(AgreementIT.milestone("FUNDING", "首期资金到位", "3000",
                "2026-06-30")), List.of(new AgreementRegistration.IncentivePlan("资金到位奖励", new BigDecimal("100"), List.of(1)))), HEZUO);
        String pi = records.agreement(id).orElseThrow().processInstanceId();
        clockAt("2026-06-01T09:30");
        runDueJobs(engine, pi);
        return pi;
    }

    void report(String pi, AgreementRecords.Milestone milestone, String actual) {
        evidence.upload(milestone.id(), milestone.title() + "证明.pdf", AgreementIT.PDF, null, OFFICER);
        completeAs(pi, AgreementProcess.TASK_REPORT, "zhouxiaoyu", Map.of(AgreementProcess.ACTUAL_VALUE, actual,
                AgreementProcess.REPORT_TEXT, milestone.title() + "情况"));
    }

    void missAndExplain(String pi, AgreementRecords.Milestone milestone, String actual) {
        report(pi, milestone, actual);
        completeAs(pi, AgreementProcess.TASK_VERIFY, "maliang", Map.of(AgreementProcess.VERIFICATION, "MISSED",
                AgreementProcess.VERIFICATION_NOTE, "到位资金不足"));
        completeAs(pi, AgreementProcess.TASK_EXPLAIN, "zhouxiaoyu", Map.of(AgreementProcess.EXPLANATION, "外方股东调整出资计划"));
    }

    void proposeTarget(String pi, String target, String due) {
        completeAs(pi, AgreementProcess.TASK_DECIDE, "huangtao", Map.of(AgreementProcess.SHORTFALL_DECISION, "RENEGOTIATE",
                AgreementProcess.NEW_TARGET_VALUE, target, AgreementProcess.NEW_DUE_DATE, due,
                AgreementProcess.DECISION_NOTE, "按企业实际出资能力重新协商"));
    }

    String approvedProject(String name, String industry) {
        String code = projects.register(new ProjectRegistration(name, "测试投资方", "其他", industry, new BigDecimal("8000"), null,
                new BigDecimal("0"), "unit-street-jinzhong", null, false, null, null, null), OFFICER).code();
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "测试", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "huangtao", "测试", null, null);
        return code;
    }

    long agreementOf(String pi) {
        return records.agreementsOf(codeOf(pi)).get(0).id();
    }

    String codeOf(String pi) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
    }

    Task single(String pi, String key) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).list();
        assertThat(tasks).as("open %s", key).hasSize(1);
        return tasks.get(0);
    }

    void completeAs(String pi, String key, String user, Map<String, Object> variables) {
        Tasks.completeTaskAs(engine, single(pi, key).getId(), user, variables);
    }
}
