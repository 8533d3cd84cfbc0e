package org.zhaoshang.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.agreement.AgreementProcess;
import org.zhaoshang.agreement.AgreementRecords;
import org.zhaoshang.agreement.AgreementRegistration;
import org.zhaoshang.agreement.AgreementService;
import org.zhaoshang.agreement.EvidenceService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.review.ReviewService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;
import org.zhaoshang.system.ApiException;

/**
 * 退回, 转办, 委派, 加签, 抄送, 催办, 撤回 on the real processes: each one's happy path and its refusals
 * (wrong person, wrong state, missing reason, the daily limit), a return inside the parallel department
 * reviews and inside one milestone of a multi-instance follow-up, a withdrawal refused once the next step
 * was claimed, the lists and the approval sheet.
 */
@IntegrationTest
class OperationsIT {

    static final StaffUser OFFICER = staff("zhouxiaoyu", "周晓宇", "unit-street-jinzhong");
    static final StaffUser HUANGTAO = staff("huangtao", "黄涛", "dept-hezuo");
    static final StaffUser LINXUE = staff("linxue", "林雪", "dept-hezuo");
    static final StaffUser CAOLI = staff("caoli", "曹丽", "dept-huanbao");
    static final StaffUser FENGGANG = staff("fenggang", "冯刚", "dept-huanbao");
    static final StaffUser MALIANG = staff("maliang", "马亮", "dept-gongxin");
    static final StaffUser JIANGNING = staff("jiangning", "蒋宁", "dept-fagai");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF".getBytes();

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ReviewService reviews;
    @Autowired
    ProjectService projects;
    @Autowired
    TransferService transfers;
    @Autowired
    UrgeService urges;
    @Autowired
    CopyService copies;
    @Autowired
    SendBackService sendBacks;
    @Autowired
    WithdrawService withdrawals;
    @Autowired
    ExtraOpinionService opinions;
    @Autowired
    OperationLog log;
    @Autowired
    WorkLists lists;
    @Autowired
    AgreementService agreements;
    @Autowired
    AgreementRecords agreementRecords;
    @Autowired
    EvidenceService evidence;
    @Autowired
    JdbcClient jdbc;

    static StaffUser staff(String id, String name, String group) {
        return new StaffUser(id, name, List.of(group));
    }

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void transferMovesTheTaskWithinItsDepartmentOnly() {
        ProcessInstance pi = review("转办测试项目");
        Task precheck = task(pi, ReviewProcess.TASK_PRECHECK);
        assertThat(transfers.targets(precheck.getId(), HUANGTAO)).extracting(TaskAccess.Person::id).contains("linxue", "yangmin")
                .doesNotContain("huangtao", "caoli");
        assertThatThrownBy(() -> transfers.transfer(precheck.getId(), "caoli", null, HUANGTAO)).isInstanceOf(ApiException.class)
                .hasMessageContaining("只能转办给本任务所属部门的人员");
        assertThatThrownBy(() -> transfers.transfer(precheck.getId(), "linxue", null, CAOLI)).isInstanceOf(ApiException.class)
                .hasMessageContaining("任务不存在、已办结或无权查看");
        engine.getTaskService().claim(precheck.getId(), "huangtao");
        assertThatThrownBy(() -> transfers.transfer(precheck.getId(), "huangtao", null, LINXUE)).isInstanceOf(ApiException.class)
                .hasMessageContaining("只有当前办理人");

        transfers.transfer(precheck.getId(), "linxue", "本周由林雪负责预审", HUANGTAO);

        assertThat(task(pi, ReviewProcess.TASK_PRECHECK).getAssignee()).isEqualTo("linxue");
        assertThat(log.ofTask(precheck.getId())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(OperationKind.TRANSFER);
            assertThat(e.actor()).isEqualTo("huangtao");
            assertThat(e.target()).isEqualTo("linxue");
        });
        assertThat(timeline(pi)).anyMatch(t -> t.contains("由黄涛转办给林雪：本周由林雪负责预审"));
        assertThat(mails("linxue", pi)).anyMatch(s -> s.startsWith("【转办】"));
        // The one who now holds it completes it.
        Tasks.completeTaskAs(engine, precheck.getId(), "linxue", Map.of("precheckDecision", "PASS"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_INDUSTRY, ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE);
    }

    @Test
    void delegationComesBackToTheOwnerWhoCompletes() {
        ProcessInstance pi = review("委派测试项目");
        Task precheck = task(pi, ReviewProcess.TASK_PRECHECK);
        transfers.delegate(precheck.getId(), "linxue", "请核对营业执照", HUANGTAO);
        Task delegated = task(pi, ReviewProcess.TASK_PRECHECK);
        assertThat(delegated.getOwner()).isEqualTo("huangtao");
        assertThat(delegated.getAssignee()).isEqualTo("linxue");
        assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
        assertThatThrownBy(() -> transfers.transfer(precheck.getId(), "yangmin", null, LINXUE)).hasMessageContaining("委派中");

        engine.getIdentityService().setAuthentication("linxue", List.of("dept-hezuo"));
        try {
            engine.getTaskService().resolveTask(precheck.getId());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(task(pi, ReviewProcess.TASK_PRECHECK).getAssignee()).isEqualTo("huangtao");
        Tasks.completeTaskAs(engine, precheck.getId(), "huangtao", Map.of("precheckDecision", "PASS"));
        assertThat(timeline(pi)).anyMatch(t -> t.contains("由黄涛委派林雪提出意见"));
    }

    @Test
    void urgingIsForManagersAndTheRegistrantOncePerWorkingDay() {
        clockAt("2026-03-04T10:00");
        ProcessInstance pi = review("催办测试项目");
        Task precheck = task(pi, ReviewProcess.TASK_PRECHECK);
        assertThatThrownBy(() -> urges.urge(precheck.getId(), null, CAOLI)).isInstanceOf(ApiException.class).hasMessageContaining("只有区领导");

        assertThat(urges.urge(precheck.getId(), "投资方催问进度", OFFICER)).contains("huangtao", "linxue", "yangmin");
        assertThat(mails("huangtao", pi)).anyMatch(s -> s.startsWith("【催办】"));
        clockAt("2026-03-04T16:00");
        assertThatThrownBy(() -> urges.urge(precheck.getId(), null, OFFICER)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(429)).hasMessageContaining("每个工作日限催办一次");
        // Another person may urge the same day; the registrant again on the next working day.
        urges.urge(precheck.getId(), null, staff("hanmei", "韩梅", "dept-ducha"));
        clockAt("2026-03-05T09:30");
        urges.urge(precheck.getId(), null, OFFICER);
        assertThat(log.ofTask(precheck.getId())).filteredOn(e -> e.kind() == OperationKind.URGE).hasSize(3);
        // The API says the same in Chinese.
        var response = Browser.basic(port, "zhouxiaoyu", "demo").postJson("/api/tasks/" + precheck.getId() + "/urge", "{}");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("每个工作日限催办一次");
    }

    @Test
    void aCopyOfTheDecisionReachesAWholeDepartmentAndIsMarkedRead() {
        ProcessInstance pi = review("抄送测试项目");
        Task precheck = task(pi, ReviewProcess.TASK_PRECHECK);
        Tasks.completeTaskAs(engine, precheck.getId(), "huangtao", Map.of("precheckDecision", "PASS", "precheckComment", "材料齐全"));
        assertThatThrownBy(() -> copies.copy(precheck.getId(), List.of(), List.of(), null, HUANGTAO)).hasMessageContaining("请选择抄送");
        assertThatThrownBy(() -> copies.copy(precheck.getId(), List.of("jiangning"), List.of(), null, LINXUE)).hasMessageContaining("无权抄送");

        assertThat(copies.copy(precheck.getId(), List.of(), List.of("dept-fagai"), "重大项目请关注", HUANGTAO)).containsExactly("jiangning");
        assertThat(copies.copy(precheck.getId(), List.of("jiangning"), List.of(), null, HUANGTAO)).as("once per person").isEmpty();
        CopyService.Copy copy = copies.toMe(JIANGNING).stream().filter(c -> c.taskId().equals(precheck.getId())).findFirst().orElseThrow();
        // In the words of the form: its labels and the chosen option's label.
        assertThat(copy.decision()).isEqualTo("预审结论：通过；需补正的内容或不予受理的理由：材料齐全");
        assertThat(copy.read()).isFalse();
        assertThat(mails("jiangning", pi)).anyMatch(s -> s.startsWith("【抄送】"));
        assertThatThrownBy(() -> copies.markRead(copy.id(), LINXUE)).hasMessageContaining("抄送不存在");
        assertThat(copies.markRead(copy.id(), JIANGNING).read()).isTrue();
        assertThat(log.ofTask(precheck.getId())).extracting(OperationLog.Entry::kind).containsExactly(OperationKind.COPY, OperationKind.COPY_READ);

        Browser jiangning = new Browser(port);
        jiangning.login("jiangning", "demo");
        assertThat(jiangning.get("/tasks/copies").body()).contains("抄送测试项目", "预审项目材料", "重大项目请关注", "已阅");
    }

    @Test
    void aDepartmentSendsItsBranchBackWhileTheOtherReviewsGoOn() {
        ProcessInstance pi = review("退回测试项目");
        Tasks.completeAs(engine, pi.getId(), ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        Task industry = task(pi, ReviewProcess.TASK_INDUSTRY);
        Task fire = task(pi, ReviewProcess.TASK_FIRE);
        Task environment = task(pi, ReviewProcess.TASK_ENVIRONMENT);
        assertThatThrownBy(() -> sendBacks.sendBack(environment.getId(), " ", CAOLI)).isInstanceOf(ApiException.class)
                .hasMessageContaining("请填写退回原因");
        assertThatThrownBy(() -> sendBacks.sendBack(environment.getId(), "缺环评", MALIANG)).hasMessageContaining("任务不存在");

        List<String> returned = sendBacks.sendBack(environment.getId(), "请补充环境影响评价报告", CAOLI);

        Task answer = task(pi, ReviewProcess.TASK_SUPPLEMENT_ENVIRONMENT);
        assertThat(returned).containsExactly(answer.getId());
        assertThat(candidates(answer)).containsExactly("unit-street-jinzhong");
        assertThat(engine.getTaskService().getVariable(answer.getId(), ReviewProcess.DEPARTMENT_REQUEST)).isEqualTo("请补充环境影响评价报告");
        assertThat(answer.getDescription()).contains("退回原因：请补充环境影响评价报告");
        // The other branches are untouched: the same tasks, still open.
        assertThat(task(pi, ReviewProcess.TASK_INDUSTRY).getId()).isEqualTo(industry.getId());
        assertThat(task(pi, ReviewProcess.TASK_FIRE).getId()).isEqualTo(fire.getId());
        Tasks.completeTaskAs(engine, fire.getId(), "yuanbo", Map.of("fireDecision", "AGREE"));
        Tasks.completeTaskAs(engine, industry.getId(), "maliang", Map.of("industryOpinion", "ENCOURAGED", "industryNote", "鼓励类"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_SUPPLEMENT_ENVIRONMENT);
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, answer.getId(), "zhouxiaoyu", Map.of()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请填写补充的材料和说明");
        Tasks.completeTaskAs(engine, answer.getId(), "zhouxiaoyu", Map.of(ReviewProcess.ANSWER_NOTE, "已上传环评报告"));

        Task again = task(pi, ReviewProcess.TASK_ENVIRONMENT);
        assertThat(again.getId()).isNotEqualTo(environment.getId());
        Tasks.completeTaskAs(engine, again.getId(), "caoli", Map.of("environmentDecision", "AGREE"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_MEETING);
        assertThat(timeline(pi)).anyMatch(t -> t.contains("由曹丽退回补充材料：请补充环境影响评价报告"))
                .anyMatch(t -> t.contains("「补充环保审查材料」：已上传环评报告"));
        assertThat(mails("zhouxiaoyu", pi)).anyMatch(s -> s.startsWith("【退回】"));
    }

    @Test
    void aVerificationGoesBackToItsOwnMilestonesReportOnly() {
        clockAt("2026-03-02T09:00");
        String code = approvedProject("退回履约测试项目");
        long id = agreements.register(code, new AgreementRegistration("XY-OPS-RETURN", LocalDate.parse("2026-03-01"), "东丽区人民政府；测试公司",
                new BigDecimal("8000"), List.of(
                        new AgreementRegistration.MilestonePlan("REGISTRATION", null, BigDecimal.ONE, null, LocalDate.parse("2026-03-20"), null, null),
                        new AgreementRegistration.MilestonePlan("CONSTRUCTION", null, BigDecimal.ONE, null, LocalDate.parse("2026-03-25"), null, null)),
                List.of()), HUANGTAO);
        String pi = agreementRecords.agreement(id).orElseThrow().processInstanceId();
        runDueJobs(engine, pi);
        List<AgreementRecords.Milestone> ms = agreementRecords.milestones(id);
        for (AgreementRecords.Milestone m : ms) {
            evidence.upload(m.id(), "证明.pdf", PDF, null, OFFICER);
            Tasks.completeTaskAs(engine, milestoneTask(pi, AgreementProcess.TASK_REPORT, m.id()).getId(), "zhouxiaoyu",
                    Map.of(AgreementProcess.ACTUAL_VALUE, 1, AgreementProcess.REPORT_TEXT, m.title() + "已完成"));
        }
        Task verifyFirst = milestoneTask(pi, AgreementProcess.TASK_VERIFY, ms.get(0).id());
        Task verifySecond = milestoneTask(pi, AgreementProcess.TASK_VERIFY, ms.get(1).id());

        sendBacks.sendBack(verifyFirst.getId(), "营业执照复印件不清晰，请重新上传", MALIANG);

        Task reportAgain = milestoneTask(pi, AgreementProcess.TASK_REPORT, ms.get(0).id());
        assertThat(reportAgain.getAssignee()).as("back to the person who reported").isEqualTo("zhouxiaoyu");
        assertThat(reportAgain.getDescription()).contains("营业执照复印件不清晰");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(AgreementProcess.TASK_REPORT).count())
                .as("only the first milestone reports again").isOne();
        assertThat(milestoneTask(pi, AgreementProcess.TASK_VERIFY, ms.get(1).id()).getId()).isEqualTo(verifySecond.getId());
        Tasks.completeTaskAs(engine, verifySecond.getId(), "maliang", Map.of(AgreementProcess.VERIFICATION, "MET"));
        Tasks.completeTaskAs(engine, reportAgain.getId(), "zhouxiaoyu", Map.of(AgreementProcess.ACTUAL_VALUE, 1, AgreementProcess.REPORT_TEXT, "已重新上传"));
        Tasks.completeTaskAs(engine, milestoneTask(pi, AgreementProcess.TASK_VERIFY, ms.get(0).id()).getId(), "maliang",
                Map.of(AgreementProcess.VERIFICATION, "MET"));
        assertThat(agreementRecords.milestones(id)).extracting(m -> m.status().name()).containsOnly("MET");
        // Steps without a return in the model cannot be sent back.
        assertThatThrownBy(() -> sendBacks.sendBack(task(pi, AgreementProcess.TASK_CLOSE).getId(), "测试", HUANGTAO))
                .hasMessageContaining("不能退回");
    }

    @Test
    void thePrecheckIsWithdrawnWhileTheReviewsAreUntouchedButNotOnceOneIsClaimed() {
        ProcessInstance pi = review("撤回测试项目");
        Task precheck = task(pi, ReviewProcess.TASK_PRECHECK);
        Tasks.completeTaskAs(engine, precheck.getId(), "huangtao", Map.of("precheckDecision", "PASS"));
        assertThatThrownBy(() -> withdrawals.withdraw(precheck.getId(), LINXUE)).hasMessageContaining("没有您办结的这项任务");
        assertThat(lists.done(HUANGTAO)).filteredOn(d -> d.taskId().equals(precheck.getId())).singleElement()
                .satisfies(d -> assertThat(d.withdrawable()).isTrue());

        String again = withdrawals.withdraw(precheck.getId(), HUANGTAO);

        assertThat(pi).isWaitingAt(ReviewProcess.TASK_PRECHECK);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isOne();
        assertThat(task(pi, ReviewProcess.TASK_PRECHECK).getId()).isEqualTo(again);
        assertThat(task(pi, ReviewProcess.TASK_PRECHECK).getAssignee()).isEqualTo("huangtao");
        assertThat(timeline(pi)).anyMatch(t -> t.contains("黄涛撤回「预审项目材料」"));

        // Completed again; this time 环保 claims its review first: the withdrawal is refused, nothing changes.
        Tasks.completeTaskAs(engine, again, "huangtao", Map.of("precheckDecision", "PASS"));
        engine.getTaskService().claim(task(pi, ReviewProcess.TASK_ENVIRONMENT).getId(), "caoli");
        assertThatThrownBy(() -> withdrawals.withdraw(again, HUANGTAO)).isInstanceOf(ApiException.class)
                .hasMessageContaining("后续环节「审查环保条件」已由曹丽认领");
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_INDUSTRY, ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE);
        // A step the model does not mark withdrawable.
        Task industry = task(pi, ReviewProcess.TASK_INDUSTRY);
        Tasks.completeTaskAs(engine, industry.getId(), "maliang", Map.of("industryOpinion", "ENCOURAGED", "industryNote", "鼓励类"));
        assertThatThrownBy(() -> withdrawals.withdraw(industry.getId(), MALIANG)).hasMessageContaining("该环节不支持撤回");
    }

    @Test
    void anExtraOpinionHoldsTheMainTaskUntilItComesBack() {
        ProcessInstance pi = review("加签测试项目");
        Tasks.completeAs(engine, pi.getId(), ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        Task environment = task(pi, ReviewProcess.TASK_ENVIRONMENT);
        assertThatThrownBy(() -> opinions.request(environment.getId(), "dept-huanbao", "?", CAOLI)).hasMessageContaining("其他部门");
        assertThatThrownBy(() -> opinions.request(environment.getId(), "dept-fagai", " ", CAOLI)).hasMessageContaining("请写明");
        // Only the 加签 operation starts the process: not a REST call of someone who may start instances (engine.AppStartedProcesses),
        // not another engine call (ExtraOpinionStartGuard).
        HttpResponse<String> direct = Browser.basic(port, "caoli", "demo").postJson("/engine-rest/process-definition/key/"
                + ExtraOpinionProcess.PROCESS_KEY + "/start", """
                {"variables": {"parentTaskId": {"value": "%s"}, "opinionDepartment": {"value": "dept-fagai"}}}""".formatted(environment.getId()));
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(direct.body()).contains("不能通过接口直接发起");
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(ExtraOpinionProcess.PROCESS_KEY,
                Map.of(ExtraOpinionProcess.PARENT_TASK_ID, environment.getId(), ExtraOpinionProcess.OPINION_DEPARTMENT, "dept-fagai")))
                .hasMessageContaining("加签须在主办任务的「加签」操作中发起");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ExtraOpinionProcess.PROCESS_KEY)
                .variableValueEquals(ExtraOpinionProcess.PARENT_TASK_ID, environment.getId()).count()).isZero();
        assertThat(log.ofTask(environment.getId())).isEmpty();

        String opinion = opinions.request(environment.getId(), "dept-fagai", "项目能耗是否符合区能耗双控要求？", CAOLI);
        assertThatThrownBy(() -> opinions.request(environment.getId(), "dept-fagai", "再问一次", FENGGANG)).hasMessageContaining("尚未返回");

        Task opinionTask = engine.getTaskService().createTaskQuery().processInstanceId(opinion).singleResult();
        assertThat(candidates(opinionTask)).containsExactly("dept-fagai");
        assertThat(opinionTask.getDueDate()).isNotNull();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(opinion).timers().count()).as("reminder, overdue, 督办").isEqualTo(3);
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, environment.getId(), "caoli", Map.of("environmentDecision", "AGREE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("尚有加签意见未返回（区发展改革委）");
        assertThatThrownBy(() -> Tasks.completeTaskAs(engine, opinionTask.getId(), "jiangning", Map.of()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请填写本部门意见");

        Tasks.completeTaskAs(engine, opinionTask.getId(), "jiangning", Map.of(ExtraOpinionProcess.EXTRA_OPINION, "符合能耗双控要求"));

        assertThat(opinions.pending(environment.getId())).isEmpty();
        assertThat(log.ofTask(environment.getId())).extracting(OperationLog.Entry::kind)
                .containsExactly(OperationKind.EXTRA_OPINION, OperationKind.EXTRA_OPINION_GIVEN);
        assertThat(log.ofTask(environment.getId()).get(1).reason()).isEqualTo("符合能耗双控要求");
        Tasks.completeTaskAs(engine, environment.getId(), "caoli", Map.of("environmentDecision", "AGREE"));

        // A request on a step that a veto cancels goes with it.
        Task industry = task(pi, ReviewProcess.TASK_INDUSTRY);
        String cancelled = opinions.request(industry.getId(), "dept-keji", "技术是否先进？", MALIANG);
        Tasks.completeAs(engine, pi.getId(), ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "VETO", "fireComment", "消防通道不足"));
        assertThat(pi).isEnded();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cancelled).count()).isZero();
    }

    @Test
    void theListsAndTheApprovalSheetShowWhatWasDoneAndWhere() throws Exception {
        ProcessInstance pi = review("审批单测试项目");
        String code = code(pi);
        Tasks.completeAs(engine, pi.getId(), ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        sendBacks.sendBack(task(pi, ReviewProcess.TASK_ENVIRONMENT).getId(), "请补充排污许可材料", CAOLI);

        assertThat(lists.started(OFFICER)).filteredOn(s -> code.equals(s.projectCode())).singleElement().satisfies(s -> {
            assertThat(s.processName()).isEqualTo("项目评审");
            assertThat(s.current()).extracting(WorkLists.Current::taskName).contains("出具产业指导意见", "审查消防条件", "补充环保审查材料");
            assertThat(s.current()).extracting(WorkLists.Current::holder).contains("金钟街道（待认领）");
        });
        Browser officer = new Browser(port);
        officer.login("zhouxiaoyu", "demo");
        assertThat(officer.get("/tasks/started").body()).contains(code, "补充环保审查材料", "区消防救援支队（待认领）");
        Browser huangtao = new Browser(port);
        huangtao.login("huangtao", "demo");
        assertThat(huangtao.get("/tasks/done").body()).contains("预审项目材料", code, "预审结论：通过");

        String sheet = officer.get("/projects/" + code + "/approval-sheet").body();
        assertThat(sheet).contains("招商引资项目评审审批单", "审批单测试项目", "预审", "通过", "黄涛", "退回", "请补充排污许可材料", "曹丽");
        var pdf = officer.getBytes("/projects/" + code + "/approval-sheet.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("招商引资项目评审审批单", code, "审批单测试项目", "黄涛", "请补充排污许可材料");
        }
        // Another unit learns nothing.
        Browser other = new Browser(port);
        other.login("xuhui", "demo");
        assertThat(other.get("/projects/" + code + "/approval-sheet").statusCode()).isEqualTo(404);
        assertThat(other.getBytes("/projects/" + code + "/approval-sheet.pdf").statusCode()).isEqualTo(404);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    ProcessInstance review(String name) {
        ReviewService.Started started = reviews.registerAndStart(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("3000"),
                null, BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, "操作测试"), OFFICER);
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.processInstanceId()).singleResult();
    }

    String approvedProject(String name) {
        String code = projects.register(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("8000"), null, BigDecimal.ZERO,
                "unit-street-jinzhong", null, false, null, null, null), OFFICER).code();
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "测试", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "huangtao", "测试", null, null);
        return code;
    }

    Task task(ProcessInstance pi, String key) {
        return task(pi.getId(), key);
    }

    Task task(String pi, String key) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
        assertThat(task).as("open %s", key).isNotNull();
        return task;
    }

    Task milestoneTask(String pi, String key, long milestoneId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).list().stream()
                .filter(t -> milestoneId == ((Number) engine.getTaskService().getVariable(t.getId(), AgreementProcess.MILESTONE_ID)).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " for milestone " + milestoneId));
    }

    List<String> candidates(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null).map(l -> l.getGroupId())
                .toList();
    }

    String code(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey();
    }

    List<String> timeline(ProcessInstance pi) {
        return jdbc.sql("SELECT h.reason FROM project_history h JOIN investment_project p ON p.id = h.project_id WHERE p.code = :c ORDER BY h.id")
                .param("c", code(pi)).query(String.class).list();
    }

    List<String> mails(String user, ProcessInstance pi) {
        return jdbc.sql("SELECT subject FROM mail_outbox WHERE channel = 'EMAIL' AND recipient_user_id = :u AND process_instance_id = :pi").param("u", user)
                .param("pi", pi.getId()).query(String.class).list();
    }
}
