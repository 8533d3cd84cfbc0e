package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.review.ReviewMeetingService;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.review.ReviewService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Reviews;

/**
 * The monthly briefing counts 否决 and 不予通过 apart: four reviews of 新立街道 in October 2024 (a month no other test
 * uses) driven through the real BPMN — two vetoes by 环保, two rejections by the 论证会 and the 常务会议.
 */
@IntegrationTest
class BriefingVetoesAndRejectionsIT {

    static final String XINLI = "unit-street-xinli";
    static final StaffUser OFFICER = new StaffUser("songyang", "宋阳", List.of(XINLI));

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewMeetingService meetings;
    @Autowired
    BriefingService briefings;
    @Autowired
    BriefingRecords records;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void vetoesByEnvironmentAndFireAndRejectionsByTheMeetingsAreCountedApart() throws Exception {
        // Policy 001: "环保、消防部门对项目引进具有一票否决权" — 否决 counts their vetoes only; a project the 论证会 or the
        // 区政府常务会议 did not pass is 不予通过, its own column. Neither costs the unit points (docs/briefing-score.md).
        BpmnAwareTests.init(engine);
        Reviews.noOtherMeetings(jdbc);
        Reviews review = new Reviews(engine, reviewService, meetings);
        clockAt("2024-10-08T10:00");

        ProcessInstance vetoedInReview = start(review, "新立环保否决项目", "0");
        review.complete(vetoedInReview, ReviewProcess.TASK_ENVIRONMENT, "caoli",
                Map.of("environmentDecision", "VETO", "environmentComment", "位于饮用水水源保护区"));

        ProcessInstance rejectedByGovernment = start(review, "新立常务会议不同意项目", "20");
        review.passDepartmentReviews(rejectedByGovernment);
        review.hold(review.plan("2024年10月第一次论证会", 7), Reviews.MEMBERS, Reviews.allAgree());
        review.complete(rejectedByGovernment, ReviewProcess.TASK_GOVERNMENT, "caijun",
                Map.of("governmentDecision", "DISAGREE", "governmentComment", "用地指标不足"));

        ProcessInstance vetoedAtMeeting = start(review, "新立论证会环保否决项目", "0");
        review.passDepartmentReviews(vetoedAtMeeting);
        review.hold(review.plan("2024年10月第二次论证会", 8), Reviews.MEMBERS, Map.of("dept-gongxin", "AGREE", "dept-huanbao", "DISAGREE",
                "dept-xiaofang", "AGREE", "dept-shangwu", "AGREE", "dept-fagai", "AGREE"));

        ProcessInstance rejectedByMeeting = start(review, "新立淘汰类项目", "0");
        review.complete(rejectedByMeeting, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ELIMINATED", "industryNote", "属淘汰类"));
        review.complete(rejectedByMeeting, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "AGREE"));
        review.complete(rejectedByMeeting, ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "AGREE"));
        review.hold(review.plan("2024年10月第三次论证会", 9), Reviews.MEMBERS, Reviews.majorityAgainst());

        assertThat(vetoedInReview).isEnded().hasPassed(ReviewProcess.END_VETOED);
        assertThat(vetoedAtMeeting).isEnded().hasPassed(ReviewProcess.END_VETOED);
        assertThat(rejectedByGovernment).isEnded().hasPassed(ReviewProcess.END_REJECTED);
        assertThat(rejectedByMeeting).isEnded().hasPassed(ReviewProcess.END_REJECTED);

        long id = briefings.assemble(LocalDate.parse("2024-11-07"), null);
        BriefingRecords.Row row = records.rows(id, BriefingService.MONTH).stream().filter(r -> r.unit().equals(XINLI)).findFirst().orElseThrow();
        assertThat(row.newProjects()).isEqualByComparingTo("4");
        assertThat(row.vetoes()).as("否决: 环保 in its review and at the meeting").isEqualTo(2);
        assertThat(row.rejections()).as("不予通过: the 论证会 and the 常务会议").isEqualTo(2);
        assertThat(row.score()).as("no targets, nothing overdue: neither column costs points").isEqualByComparingTo(BigDecimal.ZERO);

        // The ranking page and the CSV download show the two columns.
        Browser manager = new Browser(port);
        manager.login("yangmin", "demo");
        assertThat(manager.get("/briefings/" + id).body()).contains("<th class=\"num\" title=\"环保、消防一票否决\">否决</th>",
                "<th class=\"num\" title=\"项目论证会或区政府常务会议未通过\">不予通过</th>");
        String[] lines = new String(manager.getBytes("/briefings/" + id + ".csv").body(), StandardCharsets.UTF_8).split("\r\n");
        List<String> header = Arrays.asList(lines[0].split(","));
        String[] xinli = Arrays.stream(lines).filter(l -> l.contains(",新立街道,")).findFirst().orElseThrow().split(",");
        assertThat(xinli[header.indexOf("否决（环保、消防）")]).isEqualTo("2");
        assertThat(xinli[header.indexOf("不予通过")]).isEqualTo("2");
    }

    ProcessInstance start(Reviews review, String name, String land) {
        ProcessInstance pi = review.start(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("3000"), null,
                new BigDecimal(land), XINLI, null, false, null, null, "通报测试项目"), OFFICER);
        review.complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        return pi;
    }
}
