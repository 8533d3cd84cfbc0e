package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.escalation.EscalationService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Reviews;
import org.zhaoshang.system.ApiException;

/**
 * 项目评审 driven through the real BPMN as the demo users would: every path ends where it should and
 * leaves the ledger, the review records and the outbox as a user would expect.
 */
@IntegrationTest
class ReviewProcessIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final StaffUser HEZUO = Reviews.HEZUO;
    static final List<String> MEMBERS = Reviews.MEMBERS;

    @Autowired
    ProcessEngine engine;
    @Autowired
    ReviewService reviews;
    @Autowired
    ReviewMeetingService meetings;
    @Autowired
    ReviewRecords records;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;
    Reviews review;

    @BeforeEach
    void noOtherMeetings() {
        BpmnAwareTests.init(engine);
        review = new Reviews(engine, reviews, meetings);
        // Meetings other tests left planned would take this test's projects onto their agenda.
        Reviews.noOtherMeetings(jdbc);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void approvedWithoutLandAfterTheMeetingVotes() {
        ProcessInstance pi = start(project("3000", "0"));
        assertThat(stage(pi)).isEqualTo("UNDER_REVIEW");
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_INDUSTRY, ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE);
        assertThat(candidateGroups(pi, ReviewProcess.TASK_INDUSTRY)).containsExactly("dept-gongxin");
        passDepartmentReviews(pi);
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_MEETING);

        // No meeting planned yet: the project waits, and joins the meeting once it is planned.
        assertThat(meetings.unscheduled()).extracting(ReviewMeetingService.AgendaItem::projectCode).contains(code(pi));
        ReviewMeetingService.Meeting meeting = plan("2026年第1次项目论证会", 10);
        assertThat(meeting.agenda()).extracting(ReviewMeetingService.AgendaItem::projectCode).containsExactly(code(pi));
        assertThat(meeting.agenda().get(0).conditions()).containsExactly("区消防救援支队：按规范设置消防通道");
        Task meetingTask = task(pi, ReviewProcess.TASK_MEETING);
        assertThat(meetingTask.getDueDate()).isEqualTo(EscalationProbe.at(meeting.date() + "T18:00"));

        hold(meeting, MEMBERS, Map.of("dept-gongxin", "AGREE", "dept-huanbao", "AGREE", "dept-xiaofang", "AGREE",
                "dept-shangwu", "AGREE", "dept-fagai", "ABSTAIN"));

        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_APPROVED).hasNotPassed(ReviewProcess.TASK_GOVERNMENT);
        assertThat(stage(pi)).isEqualTo("APPROVED");
        assertThat(records.of(code(pi))).extracting(ReviewRecords.Opinion::step)
                .containsExactly("PRECHECK", "INDUSTRY", "ENVIRONMENT", "FIRE", "MEETING");
        assertThat(mailsTo(pi)).contains("zhouxiaoyu", "yangmin", "huangtao", "linxue");
    }

    @Test
    void landGoesToTheGovernmentMeeting() {
        ProcessInstance pi = passedTheMeetingWithLand("用地项目论证会");
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_GOVERNMENT);
        assertThatThrownBy(() -> complete(pi, ReviewProcess.TASK_GOVERNMENT, "caijun", Map.of("governmentDecision", "DISAGREE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("请填写会议意见");
        complete(pi, ReviewProcess.TASK_GOVERNMENT, "caijun", Map.of("governmentDecision", "AGREE"));
        assertThat(pi).isEnded().hasPassed(ReviewProcess.TASK_GOVERNMENT, ReviewProcess.END_APPROVED);
        assertThat(stage(pi)).isEqualTo("APPROVED");
    }

    @Test
    void environmentVetoEndsTheReviewAtOnce() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        assertThatThrownBy(() -> complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "VETO")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("否决必须写明理由");
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_INDUSTRY, ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE);

        complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "VETO",
                "environmentComment", "项目选址位于生态保护红线内"));

        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_VETOED).hasNotPassed(ReviewProcess.TASK_MEETING);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(ReviewProcess.TASK_FIRE).singleResult().getDeleteReason()).isNotEqualTo("completed");
        assertThat(stage(pi)).isEqualTo("VETOED");
        assertThat(lastHistoryReason(pi)).isEqualTo("区生态环境局一票否决：项目选址位于生态保护红线内");
        assertThat(mailsTo(pi)).containsExactlyInAnyOrder("zhouxiaoyu", "yangmin", "huangtao", "linxue");
        assertThat(outcomeSubject(pi)).isEqualTo("【项目评审结果】" + code(pi) + " 评审测试项目：已否决");
        // The chain hears of it: its 分管区领导 (张军) and the head of its lead department (工信局 高峰), once per stage.
        List<String> chainNotices = jdbc.sql("""
                SELECT recipient_user_id || ' ' || subject || ' ' || body FROM mail_outbox
                WHERE channel = 'EMAIL' AND project_code = :code AND idempotency_key LIKE 'chain:%' ORDER BY id""")
                .param("code", code(pi)).query(String.class).list();
        assertThat(chainNotices).hasSize(4);
        assertThat(chainNotices.get(0)).startsWith("zhangjun 【智能制造产业链·新登记项目】" + code(pi));
        assertThat(chainNotices.get(1)).startsWith("gaofeng 【智能制造产业链·新登记项目】");
        assertThat(chainNotices.get(2)).startsWith("zhangjun 【智能制造产业链·项目被一票否决】")
                .contains("原因 / 说明：区生态环境局一票否决：项目选址位于生态保护红线内").doesNotContain("办理人：system");
        assertThat(chainNotices.get(3)).startsWith("gaofeng 【智能制造产业链·项目被一票否决】");
    }

    @Test
    void fireSafetyVetoAfterTheOtherReviews() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        complete(pi, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "PERMITTED", "industryNote", "允许类"));
        complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "AGREE"));
        complete(pi, ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "VETO", "fireComment", "消防车道无法满足要求"));
        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_VETOED);
        assertThat(lastHistoryReason(pi)).isEqualTo("区消防救援支队一票否决：消防车道无法满足要求");
    }

    @Test
    void eliminatedIsTheIndustryDepartmentsDisagreementForTheMeetingNotAVeto() throws Exception {
        // Policy 001: "环保、消防部门对项目引进具有一票否决权" and "农业农村委、工业和信息化局、商务局依据国家产业发展目录，提出产业指导方向，
        // 为项目引进提供依据" — 淘汰类 informs the 论证会 as a strong 不同意; it does not end the review.
        ProcessInstance pi = start(project("3000", "0"));
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), ReviewProcess.ELIMINATED_IS_VETO)).as("the default rule").isEqualTo(false);
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        complete(pi, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ELIMINATED", "industryNote", "属淘汰类落后产能"));

        assertThat(pi).isWaitingAt(ReviewProcess.TASK_ENVIRONMENT, ReviewProcess.TASK_FIRE).hasNotPassed("EndEvent_IndustryEliminated");
        assertThat(stage(pi)).isEqualTo("UNDER_REVIEW");
        assertThat(records.of(code(pi))).filteredOn(o -> o.step().equals("INDUSTRY")).singleElement()
                .satisfies(o -> assertThat(o.decision()).isEqualTo("ELIMINATED"));
        complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "AGREE"));
        complete(pi, ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "AGREE"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_MEETING);

        // What the meeting sees: the agenda, the Tasklist task, the meeting's page, the minutes and the project page.
        ReviewMeetingService.Meeting meeting = plan("淘汰类项目论证会", 7);
        ReviewMeetingService.AgendaItem item = meetings.get(meeting.id()).agenda().get(0);
        assertThat(item.guidance().against()).isTrue();
        assertThat(item.guidance().text()).isEqualTo("区工业和信息化局：淘汰类（不同意引进，提交论证会审议）——属淘汰类落后产能");
        assertThat(engine.getTaskService().getVariable(task(pi, ReviewProcess.TASK_MEETING).getId(), ReviewProcess.INDUSTRY_GUIDANCE))
                .isEqualTo(item.guidance().text());
        Browser office = new Browser(port);
        office.login("yangmin", "demo");
        assertThat(office.get("/meetings/" + meeting.id()).body()).contains("产业指导意见：", "淘汰类（不同意引进，提交论证会审议）",
                "一票否决权仅属环保、消防部门");
        assertThat(office.get("/projects/" + code(pi)).body()).contains("淘汰类（不同意引进，提交论证会审议）", "一票否决权仅属环保、消防部门");

        hold(meeting, MEMBERS, Reviews.majorityAgainst());

        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_REJECTED).hasNotPassed(ReviewProcess.END_VETOED);
        assertThat(stage(pi)).isEqualTo("REJECTED");
        assertThat(lastHistoryReason(pi)).startsWith("项目论证会不通过：淘汰类项目论证会：不通过（出席 5/5 个成员部门；同意 2，不同意 3，弃权 0）")
                .contains("产业指导意见 区工业和信息化局：淘汰类（不同意引进，提交论证会审议）——属淘汰类落后产能");
        assertThat(office.get("/meetings/" + meeting.id() + "/minutes").body())
                .contains("产业指导意见：区工业和信息化局：淘汰类（不同意引进，提交论证会审议）——属淘汰类落后产能", "审议结论：", "不通过");
        assertThat(office.get("/projects/" + code(pi)).body()).contains("不予通过").doesNotContain("已否决");
        // The ledger's stage filter keeps the two ends apart.
        assertThat(office.get("/projects?stage=REJECTED&q=" + code(pi)).body()).contains("href=\"/projects/" + code(pi) + "\"");
        assertThat(office.get("/projects?stage=VETOED&q=" + code(pi)).body()).doesNotContain("href=\"/projects/" + code(pi) + "\"");
        assertThat(office.get("/projects/" + code(pi) + "/approval-sheet").body()).contains("评审结论：", "不予通过：项目论证会不通过");
        try (var document = org.apache.pdfbox.Loader.loadPDF(office.getBytes("/projects/" + code(pi) + "/approval-sheet.pdf").body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("评审结论：不予通过");
        }
        assertThat(outcomeSubject(pi)).isEqualTo("【项目评审结果】" + code(pi) + " 评审测试项目：不予通过");
    }

    @Test
    void eliminatedEndsTheReviewOnlyWhereTheDistrictMadeItAVeto() {
        // Policy 001 gives the veto to 环保 and 消防 ("环保、消防部门对项目引进具有一票否决权"); a district that sets
        // app.review.eliminated-is-veto=true adds 淘汰类. The rule is copied into the review when it starts: set here as
        // registration would have set it under that configuration.
        ProcessInstance pi = start(project("3000", "0"));
        engine.getRuntimeService().setVariable(pi.getId(), ReviewProcess.ELIMINATED_IS_VETO, true);
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        complete(pi, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ELIMINATED", "industryNote", "属淘汰类落后产能"));

        assertThat(pi).isEnded().hasPassed("EndEvent_IndustryEliminated", ReviewProcess.END_VETOED).hasNotPassed(ReviewProcess.TASK_MEETING);
        assertThat(stage(pi)).isEqualTo("VETOED");
        assertThat(lastHistoryReason(pi)).isEqualTo("区工业和信息化局产业指导意见为淘汰类，按否决处理：属淘汰类落后产能");
        assertThat(records.of(code(pi))).filteredOn(o -> o.step().equals("INDUSTRY")).singleElement()
                .satisfies(o -> assertThat(o.decision()).isEqualTo(ReviewDecisions.ELIMINATED_VETO));

        // A review started before the rule existed (model 1.0, no rule in the instance) keeps ending at 淘汰类: going on
        // from that model's end would skip 环保 and 消防.
        ProcessInstance older = start(project("3000", "0"));
        engine.getRuntimeService().removeVariable(older.getId(), ReviewProcess.ELIMINATED_IS_VETO);
        complete(older, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        complete(older, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ELIMINATED", "industryNote", "属淘汰类"));
        assertThat(older).isEnded().hasPassed(ReviewProcess.END_VETOED);
    }

    @Test
    void theGovernmentMeetingsDisagreementIsARejectionNotAVeto() {
        // Policy 001: land-occupying projects go to the government meeting; its 不同意 is 不予通过, a veto belongs to 环保 and 消防.
        ProcessInstance pi = passedTheMeetingWithLand("用地项目论证会（常务会议不同意）");
        complete(pi, ReviewProcess.TASK_GOVERNMENT, "caijun", Map.of("governmentDecision", "DISAGREE", "governmentComment", "用地指标紧张，暂缓供地"));
        assertThat(pi).isEnded().hasPassed(ReviewProcess.TASK_GOVERNMENT, ReviewProcess.END_REJECTED);
        assertThat(stage(pi)).isEqualTo("REJECTED");
        assertThat(lastHistoryReason(pi)).isEqualTo("区政府常务会议不同意：用地指标紧张，暂缓供地");
    }

    @Test
    void twoReturnsForCorrectionThenNotAccepted() {
        ProcessInstance pi = start(project("3000", "0"));
        for (int round = 1; round <= 2; round++) {
            complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "RETURN", "precheckComment", "缺少投资方营业执照"));
            assertThat(pi).isWaitingAt(ReviewProcess.TASK_CORRECT);
            assertThat(candidateGroups(pi, ReviewProcess.TASK_CORRECT)).containsExactly("unit-street-jinzhong");
            Map<String, Object> corrected = new HashMap<>(Map.of("projectName", "评审测试项目（第" + round + "次补正）", "investor", "测试投资方",
                    "totalInvestment", 3200.0, "landArea", 0, "projectDescription", "补充营业执照", "correctionNote", "已补营业执照"));
            complete(pi, ReviewProcess.TASK_CORRECT, "zhouxiaoyu", corrected);
        }
        assertThat(projects.find(code(pi)).orElseThrow().name()).isEqualTo("评审测试项目（第2次补正）");
        assertThat(projects.find(code(pi)).orElseThrow().totalInvestment()).isEqualByComparingTo("3200");
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "RETURN", "precheckComment", "仍缺营业执照"));
        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_NOT_ACCEPTED);
        assertThat(stage(pi)).isEqualTo("TERMINATED");
        assertThat(lastHistoryReason(pi)).isEqualTo("不予受理：仍缺营业执照");
    }

    @Test
    void deferredForMoreMaterialThenPassedAtTheNextMeeting() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        ReviewMeetingService.Meeting first = plan("第一次论证会", 3);
        passDepartmentReviews(pi);
        // 2 of 5 agree, 1 disagrees, 2 abstain: no majority either way (and no veto) → 补充材料后再议.
        hold(first, MEMBERS, Map.of("dept-gongxin", "AGREE", "dept-huanbao", "AGREE", "dept-xiaofang", "ABSTAIN",
                "dept-shangwu", "DISAGREE", "dept-fagai", "ABSTAIN"));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_SUPPLEMENT);
        assertThat(meetings.get(first.id()).agenda().get(0).result()).isEqualTo(ReviewDecisions.MeetingResult.DEFERRED);

        ReviewMeetingService.Meeting second = plan("第二次论证会", 20);
        complete(pi, ReviewProcess.TASK_SUPPLEMENT, "zhouxiaoyu", Map.of("supplementNote", "补充了消防设计方案"));
        assertThat(meetings.get(second.id()).agenda()).extracting(ReviewMeetingService.AgendaItem::projectCode).containsExactly(code(pi));
        hold(second, MEMBERS, allAgree());
        assertThat(pi).isEnded().hasPassed(ReviewProcess.TASK_SUPPLEMENT, ReviewProcess.END_APPROVED);
    }

    @Test
    void aKeyProjectIsHandedOverToFiveOnes() {
        ProcessInstance pi = start(project("60000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        passDepartmentReviews(pi);
        hold(plan("重点项目论证会", 4), MEMBERS, allAgree());
        assertThat(pi).isEnded().hasPassed("IntermediateThrowEvent_KeyProjectLeadRequested", ReviewProcess.END_APPROVED);
        assertThat(projects.find(code(pi)).orElseThrow().keyProject()).isTrue();
        assertThat(lastHistoryReason(pi)).isEqualTo("重点项目已移交五个一包联");
        // 五个一 carries the project over: same business key, waiting for 合作交流办 to propose the leader.
        ProcessInstance fiveOnes = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("key-project-lead")
                .processInstanceBusinessKey(code(pi)).singleResult();
        assertThat(fiveOnes).isWaitingAt("UserTask_ProposeLeadOfficial");
        assertThat(engine.getRuntimeService().getVariable(fiveOnes.getId(), "projectName")).isEqualTo("评审测试项目");
    }

    @Test
    void anOverdueEnvironmentReviewEscalates() {
        EscalationProbe.clockAt("2026-03-02T10:00");
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        Task environment = task(pi, ReviewProcess.TASK_ENVIRONMENT);
        assertThat(environment.getDueDate()).isEqualTo(EscalationProbe.at("2026-03-09T18:00"));
        EscalationProbe.clockAt("2026-03-12T18:30");
        assertThat(EscalationProbe.runDueJobs(engine, pi.getId())).isGreaterThanOrEqualTo(3);
        assertThat(engine.getTaskService().getVariableLocal(environment.getId(), EscalationService.TASK_LEVEL_VARIABLE)).isEqualTo(2);
        assertThat(pi).hasPassed("EndEvent_ReviewEnvironmentSupervision");
        assertThat(jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task AND escalation_level = 1")
                .param("task", environment.getId()).query(String.class).list()).containsExactly("fenggang");
    }

    @Test
    void aMeetingWithoutQuorumMovesItsAgenda() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        ReviewMeetingService.Meeting thin = plan("出席不足的论证会", 3);
        ReviewMeetingService.Meeting next = plan("下一次论证会", 25);
        passDepartmentReviews(pi);
        meetings.recordAttendance(thin.id(), Set.of("dept-gongxin", "dept-huanbao", "dept-xiaofang"), HEZUO);
        ReviewMeetingService.Meeting concluded = meetings.conclude(thin.id(), HEZUO);

        assertThat(concluded.status()).isEqualTo(ReviewMeetingService.Status.NO_QUORUM);
        assertThat(meetings.get(next.id()).agenda()).extracting(ReviewMeetingService.AgendaItem::projectCode).containsExactly(code(pi));
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_MEETING);
        assertThat(task(pi, ReviewProcess.TASK_MEETING).getDueDate()).isEqualTo(EscalationProbe.at(next.date() + "T18:00"));
    }

    @Test
    void environmentVotingAgainstAtTheMeetingIsAVeto() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        ReviewMeetingService.Meeting meeting = plan("环保否决的论证会", 6);
        passDepartmentReviews(pi);
        hold(meeting, MEMBERS, Map.of("dept-gongxin", "AGREE", "dept-huanbao", "DISAGREE", "dept-xiaofang", "AGREE",
                "dept-shangwu", "AGREE", "dept-fagai", "AGREE"));
        // Policy 001: "环保、消防部门对项目引进具有一票否决权" — at the meeting too: 已否决, not 不予通过.
        assertThat(pi).isEnded().hasPassed(ReviewProcess.END_VETOED).hasNotPassed(ReviewProcess.END_REJECTED);
        assertThat(stage(pi)).isEqualTo("VETOED");
        assertThat(lastHistoryReason(pi)).startsWith("项目论证会上一票否决：").contains("区生态环境局行使一票否决", "同意 4，不同意 1");
        assertThat(outcomeSubject(pi)).endsWith("：已否决");
    }

    @Test
    void aMeetingCannotConcludeBeforeEveryPresentDepartmentVoted() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        ReviewMeetingService.Meeting meeting = plan("表决不全的论证会", 6);
        passDepartmentReviews(pi);
        meetings.recordAttendance(meeting.id(), Set.copyOf(MEMBERS), HEZUO);
        long item = meetings.get(meeting.id()).agenda().get(0).id();
        meetings.recordVotes(meeting.id(), item, Map.of("dept-gongxin", new ReviewMeetingService.VoteInput("AGREE", null)), HEZUO);
        assertThatThrownBy(() -> meetings.conclude(meeting.id(), HEZUO)).isInstanceOf(ApiException.class)
                .hasMessageContaining("尚有出席部门未表决");
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_MEETING);
        // Nobody completes the meeting task by hand: the result comes from the votes.
        assertThatThrownBy(() -> complete(pi, ReviewProcess.TASK_MEETING, "huangtao", Map.of("meetingResult", "PASSED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("论证会表决结果尚未产生");
    }

    @Test
    void onlyTheEnvironmentDepartmentSubmitsTheEnvironmentReview() {
        ProcessInstance pi = start(project("3000", "0"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        Map<String, Object> veto = Map.of("environmentDecision", "VETO", "environmentComment", "越权否决");
        assertThatThrownBy(() -> complete(pi, ReviewProcess.TASK_ENVIRONMENT, "maliang", veto))
                .isInstanceOf(AuthorizationException.class);
        // Even when the task is handed to them, a non-member cannot submit it.
        engine.getTaskService().setAssignee(task(pi, ReviewProcess.TASK_ENVIRONMENT).getId(), "maliang");
        assertThatThrownBy(() -> complete(pi, ReviewProcess.TASK_ENVIRONMENT, "maliang", veto))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("只有区生态环境局的人员可以办理「审查环保条件」");
        assertThat(pi).isWaitingAt(ReviewProcess.TASK_ENVIRONMENT);
        assertThat(stage(pi)).isEqualTo("UNDER_REVIEW");
    }

    @Test
    void anEmojiOrARareCharacterInTheProjectOrAnOpinionStillMakesTheApprovalSheetPdf() throws Exception {
        // Issue 27: one emoji in an opinion made the PDF answer 500, one in the name dropped the project's line.
        ProcessInstance pi = start(new ProjectRegistration("智造😀项目𠀀", "测试投资方👍", "其他", "其他", new BigDecimal("3000"), null,
                BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, "测试项目"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "VETO", "environmentComment", "选址位于生态红线内🚫"));
        Browser office = new Browser(port);
        office.login("yangmin", "demo");
        var pdf = office.getBytes("/projects/" + code(pi) + "/approval-sheet.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            if (org.zhaoshang.system.PdfFontsTest.fallbacksInstalled()) {
                assertThat(text).contains("项目名称：智造😀项目𠀀", "投资方：测试投资方👍", "选址位于生态红线内🚫");
            } else {
                assertThat(text).contains("项目名称：智造□项目□", "投资方：测试投资方□", "选址位于生态红线内□");
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static ProjectRegistration project(String total, String land) {
        return new ProjectRegistration("评审测试项目", "测试投资方", "其他", "智能制造", new BigDecimal(total), null,
                new BigDecimal(land), "unit-street-jinzhong", null, false, null, null, "测试项目");
    }

    ProcessInstance start(ProjectRegistration registration) {
        return review.start(registration, OFFICER);
    }

    /** A project of 35.5 亩 through the department reviews and a 论证会 that passes it. */
    ProcessInstance passedTheMeetingWithLand(String meetingTitle) {
        ProcessInstance pi = start(project("3000", "35.5"));
        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        passDepartmentReviews(pi);
        hold(plan(meetingTitle, 5), MEMBERS, allAgree());
        return pi;
    }

    void passDepartmentReviews(ProcessInstance pi) {
        review.passDepartmentReviews(pi);
    }

    ReviewMeetingService.Meeting plan(String title, int daysAhead) {
        return review.plan(title, daysAhead);
    }

    void hold(ReviewMeetingService.Meeting meeting, List<String> present, Map<String, String> votes) {
        review.hold(meeting, present, votes);
    }

    static Map<String, String> allAgree() {
        return Reviews.allAgree();
    }

    void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
        review.complete(pi, taskKey, user, variables);
    }

    Task task(ProcessInstance pi, String key) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new AssertionError("No open task " + key);
        }
        return task;
    }

    List<String> candidateGroups(ProcessInstance pi, String key) {
        return engine.getTaskService().getIdentityLinksForTask(task(pi, key).getId()).stream()
                .filter(l -> l.getGroupId() != null).map(l -> l.getGroupId()).toList();
    }

    String code(ProcessInstance pi) {
        return review.code(pi);
    }

    String stage(ProcessInstance pi) {
        return projects.find(code(pi)).orElseThrow().stage().name();
    }

    String lastHistoryReason(ProcessInstance pi) {
        List<String> reasons = jdbc.sql("""
                SELECT h.reason FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE p.code = :code ORDER BY h.id""").param("code", code(pi)).query(String.class).list();
        return reasons.get(reasons.size() - 1);
    }

    String outcomeSubject(ProcessInstance pi) {
        return jdbc.sql("SELECT subject FROM mail_outbox WHERE channel = 'EMAIL' "
                + "AND process_instance_id = :pi AND recipient_user_id = 'zhouxiaoyu' AND task_id IS NULL")
                .param("pi", pi.getId()).query(String.class).single();
    }

    List<String> mailsTo(ProcessInstance pi) {
        return jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' AND process_instance_id = :pi AND task_id IS NULL")
                .param("pi", pi.getId()).query(String.class).list();
    }
}
